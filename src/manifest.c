/* manifest.c: the run manifest (see manifest.h). */
#include "manifest.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "utf8.h"
#include "xalloc.h"

void manifest_add_output(run_manifest *mf, char *path, const char *document, const char *unit,
                         long long bytes, const char *sha256) {
    XGROW(mf->outputs, mf->outputs_cap, mf->noutputs + 1);
    manifest_output *o = &mf->outputs[mf->noutputs++];
    o->path = path;
    o->document = document;
    o->unit = unit;
    o->bytes = bytes;
    snprintf(o->sha256, sizeof o->sha256, "%s", sha256);
}

void manifest_add_failure(run_manifest *mf, const char *document, const char *unit, int status,
                          char *message) {
    XGROW(mf->failures, mf->failures_cap, mf->nfailures + 1);
    manifest_failure *f = &mf->failures[mf->nfailures++];
    f->document = document;
    f->unit = unit;
    f->status = status;
    f->message = message;
}

void manifest_clear(run_manifest *mf) {
    for (size_t i = 0; i < mf->noutputs; i++) free(mf->outputs[i].path);
    for (size_t i = 0; i < mf->nfailures; i++) free(mf->failures[i].message);
    free(mf->outputs);
    free(mf->failures);
    free(mf->error);
    mf->error = NULL;
    mf->outputs = NULL;
    mf->failures = NULL;
    mf->noutputs = mf->outputs_cap = mf->nfailures = mf->failures_cap = 0;
}

/* A JSON string of text that may not be UTF-8 (a path, an error quoting a
 * value): jansson refuses such text, which would drop the key, so invalid
 * bytes become U+FFFD. */
static json_t *text(const char *s) {
    if (!s) return json_null();
    size_t len = strlen(s);
    if (utf8_invalid_at(s, len) == (size_t)-1) return json_string(s);
    char *clean = utf8_sanitize(s, len);
    json_t *j = json_string(clean);
    free(clean);
    return j;
}

static json_t *file_entry(const manifest_input *in) {
    json_t *o = json_object();
    json_object_set_new(o, "path", text(in->path));
    json_object_set_new(o, "bytes", json_integer(in->bytes));
    json_object_set_new(o, "sha256", in->sha256[0] ? json_string(in->sha256) : json_null());
    return o;
}

/* Milliseconds to one decimal place: enough, and stable to read. */
static json_t *ms(double v) { return json_real(round(v * 10.0) / 10.0); }

int manifest_write(const run_manifest *mf, const dq_log *dq, const char *path, sv_error *err) {
    json_t *root = json_object();
    json_object_set_new(root, "svreport", json_string(mf->version));
    json_object_set_new(root, "config", file_entry(&mf->config));
    json_object_set_new(root, "period", mf->period[0] ? json_string(mf->period) : json_null());
    if (mf->shard_count) {
        json_t *sh = json_object();
        json_object_set_new(sh, "index", json_integer(mf->shard_index));
        json_object_set_new(sh, "count", json_integer(mf->shard_count));
        json_object_set_new(root, "shard", sh);
    } else {
        json_object_set_new(root, "shard", json_null());
    }
    json_object_set_new(root, "jobs", json_integer(mf->jobs));

    json_t *inputs = json_array();
    long findings = 0, excluded = 0, kept = 0;
    for (int ex = 0; ex < EX_COUNT; ex++) {
        const manifest_input *in = &mf->inputs[ex];
        if (!in->path) continue;
        json_t *o = file_entry(in);
        json_object_set_new(o, "extract", json_string(extract_get((extract_id)ex)->name));
        if (dq && dq_stats(dq, (extract_id)ex)->present) {
            const dq_extract_stats *st = dq_stats(dq, (extract_id)ex);
            json_object_set_new(o, "rows_read", json_integer(st->rows_read));
            json_object_set_new(o, "rows_excluded", json_integer(st->rows_excluded));
            excluded += st->rows_excluded;
        }
        json_array_append_new(inputs, o);
    }
    json_object_set_new(root, "inputs", inputs);

    json_t *outputs = json_array();
    for (size_t i = 0; i < mf->noutputs; i++) {
        const manifest_output *out = &mf->outputs[i];
        json_t *o = json_object();
        json_object_set_new(o, "path", text(out->path));
        json_object_set_new(o, "document", text(out->document));
        json_object_set_new(o, "unit", text(out->unit));
        json_object_set_new(o, "bytes", json_integer(out->bytes));
        json_object_set_new(o, "sha256", json_string(out->sha256));
        json_array_append_new(outputs, o);
    }
    json_object_set_new(root, "outputs", outputs);

    json_t *failures = json_array();
    for (size_t i = 0; i < mf->nfailures; i++) {
        const manifest_failure *f = &mf->failures[i];
        json_t *o = json_object();
        json_object_set_new(o, "document", text(f->document));
        json_object_set_new(o, "unit", text(f->unit));
        json_object_set_new(o, "status", json_integer(f->status));
        json_object_set_new(o, "error", text(f->message));
        json_array_append_new(failures, o);
    }
    json_object_set_new(root, "failures", failures);

    if (dq) {
        for (size_t i = 0; i < dq_entry_count(dq); i++) {
            const dq_entry *e = dq_entry_at(dq, i);
            findings += e->count;
            if (dq_reason_effect(e->reason) == DQ_KEEP) kept += e->count;
        }
    }
    json_t *q = json_object();
    json_object_set_new(q, "findings", json_integer(findings));
    json_object_set_new(q, "values_treated_as_unknown", json_integer(kept));
    json_object_set_new(q, "rows_excluded", json_integer(excluded));
    json_object_set_new(root, "data_quality", q);

    json_t *docs = json_object();
    json_object_set_new(docs, "planned", json_integer((json_int_t)mf->planned));
    json_object_set_new(docs, "failed", json_integer((json_int_t)mf->nfailures));
    json_object_set_new(docs, "written", json_integer((json_int_t)mf->written));
    json_object_set_new(root, "documents", docs);

    json_t *t = json_object();
    json_object_set_new(t, "read", ms(mf->ms_read));
    json_object_set_new(t, "compute", ms(mf->ms_compute));
    json_object_set_new(t, "render", ms(mf->ms_render));
    json_object_set_new(t, "write", ms(mf->ms_write));
    json_object_set_new(t, "documents", ms(mf->ms_documents));
    json_object_set_new(t, "total", ms(mf->ms_total));
    json_object_set_new(root, "timings_ms", t);
    json_object_set_new(root, "peak_rss_kib", json_integer(mf->peak_rss_kib));
    json_object_set_new(root, "exit_status", json_integer(mf->exit_status));
    json_object_set_new(root, "error", text(mf->error));

    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
    json_decref(root);
    if (!text) {
        sv_error_set(err, SV_EXIT_INTERNAL, path, 0, 0, "cannot format the manifest");
        return -1;
    }
    size_t len = strlen(text);
    text = xrealloc(text, len + 2);
    text[len++] = '\n';
    int rc = outfile_write_all(path, text, len, err);
    free(text);
    return rc;
}
