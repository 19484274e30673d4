/* run.c: the batch run (see run.h). Outputs go through outfile.h, so a
 * failed run leaves earlier outputs as they were. */
#include "run.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "build.h"
#include "config.h"
#include "dq.h"
#include "framework.h"
#include "digest.h"
#include "indicators.h"
#include "manifest.h"
#include "model.h"
#include "outfile.h"
#include "progress.h"
#include "render.h"
#include "strbuf.h"
#include "xalloc.h"

#define SVREPORT_VERSION "0.1"

/* Lower-case ASCII letters and digits, everything else one '-'. */
static void slug(const char *s, strbuf *out) {
    int dash = 0;
    for (; *s; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && out->len) sb_putc(out, '-');
            sb_putc(out, c);
            dash = 0;
        } else {
            dash = 1;
        }
    }
}

static int unknown_indicator(const sv_config *cfg, const char *path, int at_key, const char *key,
                             sv_error *err) {
    const char *names[I_COUNT + 1];
    for (int k = 0; k < I_COUNT; k++) names[k] = ind_get((ind_id)k)->key;
    names[I_COUNT] = NULL;
    const char *hint = jc_suggest(key, names);
    if (hint)
        jc_fail(cfg->json, path, at_key, err, "unknown indicator \"%s\" (did you mean \"%s\"?)", key, hint);
    else
        jc_fail(cfg->json, path, at_key, err, "unknown indicator \"%s\"", key);
    return -1;
}

/* Targets, commitments and proxies name indicators ("key" or "key.item"):
 * check them now, so a typo is a config error with its position rather
 * than a silent gap in the document. (config.c sits below the registry.) */
static int check_indicator_names(const sv_config *cfg, sv_error *err) {
    for (size_t i = 0; i < cfg->ntargets; i++) {
        char key[96];
        snprintf(key, sizeof key, "%s", cfg->targets[i].indicator);
        char *dot = strchr(key, '.');
        if (dot) *dot = '\0';
        if (ind_find(key) >= 0) continue;
        char *path = jc_child("$.targets", cfg->targets[i].indicator);
        unknown_indicator(cfg, path, 1, key, err);
        free(path);
        return -1;
    }
    const char *lists[] = {"$.commitments", "$.social_value.measures"};
    size_t counts[] = {cfg->ncommitments, cfg->nproxies};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            const char *key = l == 0 ? cfg->commitments[i].indicator : cfg->proxies[i].indicator;
            if (ind_find(key) >= 0) continue;
            char *item = jc_index(lists[l], i);
            char *path = jc_child(item, "indicator");
            unknown_indicator(cfg, path, 0, key, err);
            free(path);
            free(item);
            return -1;
        }
    return 0;
}

static int ensure_dir(const char *dir, sv_error *err) {
    struct stat st;
    /* Shards started together race to create it: EEXIST is success. */
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        sv_error_set(err, SV_EXIT_IO, dir, 0, 0, "cannot create output directory: %s", strerror(errno));
        return -1;
    }
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
    sv_error_set(err, SV_EXIT_IO, dir, 0, 0, "the output directory is a file, not a directory");
    return -1;
}

static int write_text(const rpt_doc *doc, const char *path, sv_error *err) {
    sv_outfile *f = outfile_begin(path, err);
    if (!f) return -1;
    render_text(doc, outfile_stream(f));
    return outfile_commit(f, err);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One document of the batch, and what became of it. */
typedef struct doc_job {
    size_t tpl;          /* index into the run's templates */
    size_t unit;         /* model unit; 0 = the whole organisation */
    sv_error err;
    char *outputs[4];    /* files written, in order */
    size_t noutputs;
    sv_error commit_err[4]; /* each output's queued fsync and rename (outfile.h) */
    double ms_compute, ms_render, ms_write;
} doc_job;

typedef struct doc_batch {
    const run_options *opt;
    const sv_config *cfg;
    const sv_model *m;
    const dq_log *dq;
    template *const *tpls;
    const framework *fw;
    const ind_shared *shared;
    const render_options *ropt;
    const char *out_dir;
    doc_job *jobs;
    size_t njobs;
    atomic_size_t next;
} doc_batch;

/* "<org>[-<unit>]-<template>-<period>" in out_dir; caller frees. */
static char *document_base(const doc_batch *b, const doc_job *j) {
    strbuf base = STRBUF_INIT;
    sb_printf(&base, "%s/", b->out_dir);
    slug(b->cfg->organisation, &base);
    if (j->unit) {
        sb_putc(&base, '-');
        slug(b->m->units[j->unit], &base);
    }
    sb_putc(&base, '-');
    slug(tpl_name(b->tpls[j->tpl]), &base);
    sb_putc(&base, '-');
    slug(b->m->periods[0].label, &base);
    return sb_detach(&base);
}

/* One document: indicators for its scope, the tree, and its editions.
 * Every edition is committed before the next is begun. */
static void run_job(const doc_batch *b, doc_job *j) {
    const run_options *opt = b->opt;
    const template *tpl = b->tpls[j->tpl];
    sv_error *err = &j->err;
    double t0 = now_ms();
    sdc_rules rules = tpl_sdc_rules(tpl, b->cfg);
    ind_set *ind = ind_compute(b->m, b->shared, (int)j->unit, &rules);
    double t1 = now_ms();
    j->ms_compute = t1 - t0;
    outfile_take_commit_seconds();
    build_ctx bc = {b->cfg, b->m, ind, b->dq, b->fw, opt->created, SVREPORT_VERSION};
    rpt_doc *doc = build_document(tpl, &bc, err);
    char *base = document_base(b, j);
    char *pdf = xasprintf("%s.pdf", base), *html = xasprintf("%s.html", base);
    char *csv = xasprintf("%s-indicators.csv", base), *txt = xasprintf("%s.txt", base);
    int rc = doc ? 0 : -1;
    /* Output k's queued fsync and rename report into commit_err[k]: one slot
     * per edition, given just before it is written (an edition written in
     * place, to a device, commits nothing and leaves its slot clear). */
#define NEXT_SLOT() outfile_defer_commits(&j->commit_err[j->noutputs], 1)
    if (!rc && (NEXT_SLOT(), rc = render_pdf(doc, b->ropt, pdf, err)) == 0) j->outputs[j->noutputs++] = xstrdup(pdf);
    if (!rc && (NEXT_SLOT(), rc = render_html(doc, b->ropt, html, err)) == 0)
        j->outputs[j->noutputs++] = xstrdup(html);
    if (!rc && (NEXT_SLOT(), rc = ind_write_csv((const ind_set *const *)&ind, 1, csv, err)) == 0)
        j->outputs[j->noutputs++] = xstrdup(csv);
    if (!rc && opt->text && (NEXT_SLOT(), rc = write_text(doc, txt, err)) == 0)
        j->outputs[j->noutputs++] = xstrdup(txt);
#undef NEXT_SLOT
    outfile_defer_commits(NULL, 0);
    j->ms_write = outfile_take_commit_seconds() * 1e3;
    j->ms_render = now_ms() - t1 - j->ms_write;
    free(pdf);
    free(html);
    free(csv);
    free(txt);
    free(base);
    rpt_doc_free(doc);
    ind_set_free(ind);
}

static void *batch_worker(void *arg) {
    doc_batch *b = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->njobs) break;
        run_job(b, &b->jobs[i]);
    }
    return NULL;
}

/* Runs every job on up to `threads` threads (the calling one included). */
static void run_batch(doc_batch *b, int threads) {
    atomic_init(&b->next, 0);
    if (threads < 1) threads = 1;
    if ((size_t)threads > b->njobs) threads = b->njobs ? (int)b->njobs : 1;
    pthread_t *tids = xcalloc((size_t)threads, sizeof *tids);
    int started = 0;
    for (int t = 1; t < threads; t++)
        if (pthread_create(&tids[started], NULL, batch_worker, b) == 0) started++;
    batch_worker(b);
    for (int t = 0; t < started; t++) pthread_join(tids[t], NULL);
    free(tids);
}

/* Units in shard order: the whole organisation, then the units by name
 * (bytes), dealt round-robin: position i belongs to shard i mod N + 1. */
typedef struct named_unit {
    size_t index;
    const char *name;
} named_unit;

static int cmp_named_units(const void *a, const void *b) {
    return strcmp(((const named_unit *)a)->name, ((const named_unit *)b)->name);
}

/* Writes the shard's units to out (room for m->nunits); returns how many. */
static size_t shard_units(const sv_model *m, int unit_documents, int shard_index, int shard_count,
                          size_t *out) {
    size_t nunits = unit_documents ? m->nunits : 1;
    named_unit *order = xmalloc(nunits * sizeof *order);
    for (size_t u = 0; u < nunits; u++) order[u] = (named_unit){u, m->units[u]};
    if (nunits > 2) qsort(order + 1, nunits - 1, sizeof *order, cmp_named_units);
    size_t n = 0;
    for (size_t i = 0; i < nunits; i++)
        if (!shard_count || (int)(i % (size_t)shard_count) == shard_index - 1) out[n++] = order[i].index;
    free(order);
    return n;
}

static sv_day day_of(time_t t) {
    struct tm tm;
    gmtime_r(&t, &tm);
    return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The first data-quality finding as an error, for --strict. */
static void strict_error(const dq_log *dq, sv_error *err) {
    const dq_entry *e = dq_first(dq);
    const dq_extract_stats *st = dq_stats(dq, e->extract);
    const dq_example *x = e->nexamples ? &e->examples[0] : NULL;
    char text[256];
    dq_reason_format(e->reason, x && x->detail[0] ? x->detail : NULL, text, sizeof text);
    sv_error_set(err, SV_EXIT_DATA, st->path, x ? x->line : 0, x ? x->column : 0, "%s%s%s%s%s (--strict)",
                 e->column, e->column[0] ? ": " : "", text, x && x->value[0] ? " " : "",
                 x && x->value[0] ? x->value : "");
}

static int is_template_path(const char *name) {
    size_t n = strlen(name);
    return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".json") == 0);
}

/* A template named (not a path) must be one in the templates directory: an
 * unknown name is a config (or usage) error with a suggestion, not an
 * unreadable file. */
static int check_template_name(const run_options *opt, const sv_config *cfg, const char *name, size_t index,
                               sv_error *err) {
    if (is_template_path(name)) return 0;
    char *path = xasprintf("%s/%s.json", opt->templates_dir, name);
    struct stat st;
    int found = stat(path, &st) == 0;
    free(path);
    if (found) return 0;
    const char *names[64];
    size_t n = 0;
    DIR *dir = opendir(opt->templates_dir);
    struct dirent *de;
    while (dir && (de = readdir(dir)) && n < 63) {
        size_t len = strlen(de->d_name);
        if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0) names[n++] = xstrndup(de->d_name, len - 5);
    }
    if (dir) closedir(dir);
    names[n] = NULL;
    const char *hint = jc_suggest(name, names);
    char suggestion[96] = "";
    if (hint) snprintf(suggestion, sizeof suggestion, " (did you mean \"%s\"?)", hint);
    if (opt->document) {
        sv_error_set(err, SV_EXIT_USAGE, NULL, 0, 0, "--document: unknown template \"%s\"%s", name, suggestion);
    } else if (cfg->ndocuments) {
        char *p = jc_index("$.documents", index);
        jc_fail(cfg->json, p, 0, err, "unknown template \"%s\"%s", name, suggestion);
        free(p);
    } else {
        jc_fail(cfg->json, "$.document", 0, err, "unknown template \"%s\"%s", name, suggestion);
    }
    for (size_t i = 0; i < n; i++) free((char *)names[i]);
    return -1;
}

/* The framework for the inspection summary: the config's, else CQC's for
 * local authorities or for providers. */
static framework *load_framework(const run_options *opt, const sv_config *cfg, sv_error *err) {
    const char *id = cfg->framework ? cfg->framework : cfg->is_council ? "cqc-la-2023" : "cqc-saf-2024";
    return fw_load(id, opt->templates_dir, err);
}

/* Inputs are hashed on their own thread while the extracts are parsed. */
typedef struct input_hashing {
    run_manifest *mf;
    pthread_t thread;
    int started;
} input_hashing;

static void *hash_inputs(void *arg) {
    run_manifest *mf = arg;
    sv_error ignored;
    sv_error_clear(&ignored);
    if (digest_file(mf->config.path, mf->config.sha256, &mf->config.bytes, &ignored) < 0)
        mf->config.sha256[0] = '\0';
    for (int ex = 0; ex < EX_COUNT; ex++) {
        manifest_input *in = &mf->inputs[ex];
        if (in->path && digest_file(in->path, in->sha256, &in->bytes, &ignored) < 0) in->sha256[0] = '\0';
    }
    return NULL;
}

static long long input_bytes(const sv_config *cfg) {
    long long total = 0;
    for (int ex = 0; ex < EX_COUNT; ex++) {
        struct stat st;
        if (cfg->extracts[ex].path && stat(cfg->extracts[ex].path, &st) == 0) total += st.st_size;
    }
    return total;
}

/* "<org>-<period>[-shard-K-of-N]-manifest.json" in out_dir; caller frees. */
static char *manifest_path(const run_options *opt, const sv_config *cfg, const char *out_dir,
                           const sv_period *period) {
    strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/", out_dir);
    slug(cfg->organisation, &p);
    sb_putc(&p, '-');
    slug(period->label, &p);
    if (opt->shard_count) sb_printf(&p, "-shard-%d-of-%d", opt->shard_index, opt->shard_count);
    sb_puts(&p, "-manifest.json");
    return sb_detach(&p);
}

static char *error_text(const sv_error *e) {
    if (e->line) return xasprintf("%s:%ld:%ld: %s", e->source, e->line, e->column, e->text);
    if (e->source[0]) return xasprintf("%s: %s", e->source, e->text);
    return xstrdup(e->text);
}

/* Every document of one config: its templates, for the whole organisation
 * and (when configured) each unit, or the shard's share of them; then the
 * manifest. Returns the exit status. */
static int run_config(const run_options *opt, const char *config_path) {
    double t_start = now_ms();
    sv_error err;
    sv_error_clear(&err);
    sv_config *cfg = cfg_load(config_path, &err);
    dq_log *dq = NULL;
    sv_model *m = NULL;
    size_t ndocs = 0;
    template *tpls[16] = {NULL};
    framework *fw = NULL;
    run_manifest mf;
    memset(&mf, 0, sizeof mf);
    mf.version = SVREPORT_VERSION;
    mf.config_path = config_path;
    mf.config.path = config_path;
    mf.shard_index = opt->shard_index;
    mf.shard_count = opt->shard_count;
    mf.jobs = opt->jobs;
    input_hashing hashing = {&mf, 0, 0};
    if (cfg && opt->period) {
        const char *why;
        if (strcmp(opt->period, "latest") == 0) {
            cfg->period_latest = 1;
        } else if (period_parse(opt->period, &cfg->period, &why) == 0) {
            cfg->period_latest = 0;
        } else {
            sv_error_set(&err, SV_EXIT_USAGE, NULL, 0, 0, "--period \"%s\": %s", opt->period, why);
        }
    }
    if (cfg && !sv_error_isset(&err)) check_indicator_names(cfg, &err);
    /* Documents: --document (comma-separated), else the config's. */
    if (cfg && !sv_error_isset(&err)) {
        char *list = xstrdup(opt->document ? opt->document : "");
        const char *names[16];
        if (opt->document) {
            for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok && ndocs < 16;
                 tok = strtok_r(NULL, ",", &save))
                names[ndocs++] = tok;
        } else if (cfg->ndocuments) {
            for (size_t i = 0; i < cfg->ndocuments && ndocs < 16; i++) names[ndocs++] = cfg->documents[i];
        } else {
            names[ndocs++] = cfg->document;
        }
        for (size_t i = 0; i < ndocs && !sv_error_isset(&err); i++) {
            /* A path in the config's "documents" is relative to the config. */
            char *resolved = !opt->document && cfg->ndocuments && is_template_path(names[i])
                                 ? cfg_resolve(cfg, names[i])
                                 : xstrdup(names[i]);
            if (check_template_name(opt, cfg, resolved, i, &err) == 0)
                tpls[i] = tpl_load(resolved, opt->templates_dir, &err);
            free(resolved);
            if (tpls[i] && tpl_uses_framework(tpls[i]) && !fw) fw = load_framework(opt, cfg, &err);
        }
        free(list);
    }
    sv_period period = {0};
    if (cfg && !sv_error_isset(&err)) {
        period = model_report_period(cfg, day_of(opt->created));
        snprintf(mf.period, sizeof mf.period, "%s", period.label);
        for (int ex = 0; ex < EX_COUNT; ex++) mf.inputs[ex].path = cfg->extracts[ex].path;
        hashing.started = pthread_create(&hashing.thread, NULL, hash_inputs, &mf) == 0;
        dq = dq_new(opt->quiet ? NULL : stderr);
        progress *pg = progress_begin(opt->progress ? stderr : NULL, "reading extracts", input_bytes(cfg));
        model_load_options mo = {opt->jobs, pg};
        m = model_load(cfg, dq, day_of(opt->created), &mo, &err);
        progress_end(pg);
    }
    if (hashing.started) pthread_join(hashing.thread, NULL);
    else if (cfg && !sv_error_isset(&err)) hash_inputs(&mf);
    mf.ms_read = now_ms() - t_start;
    if (m && opt->strict && dq_total_findings(dq) > 0) strict_error(dq, &err);
    const char *out_dir = opt->out_dir ? opt->out_dir : cfg ? cfg->output_dir : NULL;
    if (m && !sv_error_isset(&err)) ensure_dir(out_dir, &err);
    /* The manifest records a run that got as far as its documents. One that
     * stopped earlier writes nothing at all (its error line and exit status
     * say why), so the manifest beside earlier documents stays theirs. */
    int have_dir = m && !sv_error_isset(&err);
    if (have_dir) {
        size_t *units = xmalloc(m->nunits * sizeof *units);
        size_t nunits = shard_units(m, cfg->unit_documents, opt->shard_index, opt->shard_count, units);
        render_options ropt = {.font_dir = opt->fonts_dir, .created = opt->created, .logo = cfg->logo};
        double t_prep = now_ms();
        ind_shared *shared = ind_prepare(m);
        mf.ms_compute += now_ms() - t_prep;
        doc_batch b = {.opt = opt, .cfg = cfg, .m = m, .dq = dq, .tpls = tpls, .fw = fw, .shared = shared,
                       .ropt = &ropt, .out_dir = out_dir};
        b.njobs = ndocs * nunits;
        b.jobs = xcalloc(b.njobs ? b.njobs : 1, sizeof *b.jobs);
        for (size_t u = 0; u < nunits; u++)
            for (size_t d = 0; d < ndocs; d++) {
                doc_job *j = &b.jobs[u * ndocs + d];
                j->tpl = d;
                j->unit = units[u];
                sv_error_clear(&j->err);
                for (size_t k = 0; k < sizeof j->commit_err / sizeof *j->commit_err; k++)
                    sv_error_clear(&j->commit_err[k]);
            }
        double t_docs = now_ms();
        outfile_batch_begin();
        run_batch(&b, opt->jobs);
        mf.ms_write += outfile_batch_end() * 1e3;
        mf.ms_documents = now_ms() - t_docs;
        mf.planned = b.njobs;
        sv_status worst = SV_OK;
        for (size_t i = 0; i < b.njobs; i++) {
            doc_job *j = &b.jobs[i];
            const char *doc_name = tpl_name(tpls[j->tpl]), *unit_name = m->units[j->unit];
            mf.ms_compute += j->ms_compute;
            mf.ms_render += j->ms_render;
            mf.ms_write += j->ms_write;
            size_t first_output = mf.noutputs;
            for (size_t k = 0; k < j->noutputs; k++) {
                char sha[SV_SHA256_HEX];
                long long bytes = 0;
                if (sv_error_isset(&j->commit_err[k]))
                    sv_error_set(&j->err, j->commit_err[k].status, j->commit_err[k].source, 0, 0, "%s",
                                 j->commit_err[k].text);
                if (!sv_error_isset(&j->commit_err[k]) && digest_file(j->outputs[k], sha, &bytes, &j->err) == 0)
                    manifest_add_output(&mf, j->outputs[k], doc_name, unit_name, bytes, sha);
                else
                    free(j->outputs[k]);
            }
            /* In job order once the batch is durable: the log is the same
             * whatever the number of jobs. */
            if (sv_error_isset(&j->err))
                sv_error_print(&j->err, stderr);
            else if (!opt->quiet && mf.noutputs > first_output)
                fprintf(stderr, "svreport: wrote %s\n", mf.outputs[first_output].path);
            if (sv_error_isset(&j->err)) {
                manifest_add_failure(&mf, doc_name, unit_name, j->err.status, error_text(&j->err));
                if (j->err.status > worst) worst = j->err.status;
            } else {
                mf.written++;
            }
        }
        /* Some documents written and some not: 1. None written: the
         * failures' own status (a full disk is an I/O failure). */
        if (mf.nfailures)
            sv_error_set(&err, mf.written ? SV_EXIT_FAILED : worst, NULL, 0, 0, "%zu of %zu documents failed",
                         mf.nfailures, mf.planned);
        free(b.jobs);
        free(units);
        ind_shared_free(shared);
    }
    int status = sv_error_isset(&err) ? (int)err.status : SV_OK;
    if (sv_error_isset(&err)) sv_error_print(&err, stderr);
    if (dq && !opt->quiet && dq_total_findings(dq) > 0)
        fprintf(stderr, "svreport: %ld data-quality finding%s in %s; see the data-quality appendix\n",
                dq_total_findings(dq), dq_total_findings(dq) == 1 ? "" : "s", config_path);
    if (have_dir) {
        struct rusage ru;
        if (getrusage(RUSAGE_SELF, &ru) == 0) mf.peak_rss_kib = ru.ru_maxrss;
        mf.exit_status = status;
        mf.ms_total = now_ms() - t_start;
        if (sv_error_isset(&err)) mf.error = error_text(&err);
        char *path = manifest_path(opt, cfg, out_dir, &period);
        sv_error merr;
        sv_error_clear(&merr);
        if (manifest_write(&mf, dq, path, &merr) < 0) {
            sv_error_print(&merr, stderr);
            if (status == SV_OK) status = SV_EXIT_IO;
        }
        free(path);
    }
    manifest_clear(&mf);
    model_free(m);
    dq_free(dq);
    for (size_t i = 0; i < ndocs; i++) tpl_free(tpls[i]);
    fw_free(fw);
    cfg_free(cfg);
    return status;
}

int run_main(const run_options *opt) {
    /* Configs run in turn; the worst status is the run's. */
    int status = SV_OK;
    for (size_t i = 0; i < opt->nconfigs; i++) {
        int s = run_config(opt, opt->config_paths[i]);
        if (s > status) status = s;
    }
    return status;
}
