/* run.c: the batch run (see run.h). Outputs go through outfile.h, so a
 * failed run leaves earlier outputs as they were. */
#include "run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build.h"
#include "config.h"
#include "dq.h"
#include "indicators.h"
#include "model.h"
#include "outfile.h"
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

/* Targets name indicators ("key" or "key.item"): check them now so a typo
 * is a config error with its position, not a silent missing RAG. */
static int check_targets(const sv_config *cfg, sv_error *err) {
    for (size_t i = 0; i < cfg->ntargets; i++) {
        char key[96];
        snprintf(key, sizeof key, "%s", cfg->targets[i].indicator);
        char *dot = strchr(key, '.');
        if (dot) *dot = '\0';
        if (ind_find(key) >= 0) continue;
        const char *names[I_COUNT + 1];
        for (int k = 0; k < I_COUNT; k++) names[k] = ind_get((ind_id)k)->key;
        names[I_COUNT] = NULL;
        char *path = jc_child("$.targets", cfg->targets[i].indicator);
        const char *hint = jc_suggest(key, names);
        if (hint)
            jc_fail(cfg->json, path, 1, err, "unknown indicator \"%s\" (did you mean \"%s\"?)", key, hint);
        else
            jc_fail(cfg->json, path, 1, err, "unknown indicator \"%s\"", key);
        free(path);
        return -1;
    }
    return 0;
}

static int ensure_dir(const char *dir, sv_error *err) {
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        sv_error_set(err, SV_EXIT_IO, dir, 0, 0, "output directory is not a directory");
        return -1;
    }
    if (mkdir(dir, 0750) == 0) return 0;
    sv_error_set(err, SV_EXIT_IO, dir, 0, 0, "cannot create output directory: %s", strerror(errno));
    return -1;
}

static int write_text(const rpt_doc *doc, const char *path, sv_error *err) {
    sv_outfile *f = outfile_begin(path, err);
    if (!f) return -1;
    render_text(doc, outfile_stream(f));
    return outfile_commit(f, err);
}

/* One document: indicators for the scope, the tree, and its editions. */
static int write_document(const run_options *opt, const sv_config *cfg, const sv_model *m,
                          const dq_log *dq, const template *tpl, int unit, const char *out_dir,
                          sv_error *err) {
    sdc_rules rules = tpl_sdc_rules(tpl, cfg);
    ind_set *ind = ind_compute(m, unit, &rules);
    build_ctx bc = {cfg, m, ind, dq, opt->created, SVREPORT_VERSION};
    rpt_doc *doc = build_document(tpl, &bc, err);
    int rc = doc ? 0 : -1;
    strbuf base = STRBUF_INIT;
    sb_printf(&base, "%s/", out_dir);
    slug(cfg->organisation, &base);
    if (unit) {
        sb_putc(&base, '-');
        slug(m->units[unit], &base);
    }
    sb_putc(&base, '-');
    slug(tpl_name(tpl), &base);
    sb_putc(&base, '-');
    slug(m->periods[0].label, &base);
    char *pdf = xasprintf("%s.pdf", sb_str(&base));
    char *csv = xasprintf("%s-indicators.csv", sb_str(&base));
    char *txt = xasprintf("%s.txt", sb_str(&base));
    render_options ropt = {opt->fonts_dir, opt->created};
    if (!rc) rc = render_pdf(doc, &ropt, pdf, err);
    if (!rc) rc = ind_write_csv((const ind_set *const *)&ind, 1, csv, err);
    if (!rc && opt->text) rc = write_text(doc, txt, err);
    if (!rc && !opt->quiet) fprintf(stderr, "svreport: wrote %s\n", pdf);
    free(pdf);
    free(csv);
    free(txt);
    sb_free(&base);
    rpt_doc_free(doc);
    ind_set_free(ind);
    return rc;
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
    long line = e->nexamples ? e->examples[0].line : 0;
    long col = e->nexamples ? e->examples[0].column : 0;
    if (e->column[0] && e->nexamples && e->examples[0].value[0])
        sv_error_set(err, SV_EXIT_DATA, st->path, line, col, "%s: %s %s (--strict)", e->column,
                     dq_reason_text(e->reason), e->examples[0].value);
    else
        sv_error_set(err, SV_EXIT_DATA, st->path, line, col, "%s%s%s (--strict)", e->column,
                     e->column[0] ? ": " : "", dq_reason_text(e->reason));
}

int run_main(const run_options *opt) {
    sv_error err;
    sv_error_clear(&err);
    sv_config *cfg = cfg_load(opt->config_path, &err);
    dq_log *dq = NULL;
    sv_model *m = NULL;
    template *tpl = NULL;
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
    if (cfg && !sv_error_isset(&err)) check_targets(cfg, &err);
    if (cfg && !sv_error_isset(&err))
        tpl = tpl_load(opt->document ? opt->document : cfg->document, opt->templates_dir, &err);
    if (tpl) {
        dq = dq_new(opt->quiet ? NULL : stderr);
        m = model_load(cfg, dq, day_of(opt->created), &err);
    }
    if (m && opt->strict && dq_total_findings(dq) > 0) strict_error(dq, &err);
    const char *out_dir = opt->out_dir ? opt->out_dir : cfg ? cfg->output_dir : NULL;
    if (m && !sv_error_isset(&err)) ensure_dir(out_dir, &err);
    int failed = 0;
    if (m && !sv_error_isset(&err)) {
        size_t nunits = cfg->unit_documents ? m->nunits : 1;
        for (size_t u = 0; u < nunits && !sv_error_isset(&err); u++)
            if (write_document(opt, cfg, m, dq, tpl, (int)u, out_dir, &err) < 0) failed = 1;
    }
    int status = SV_OK;
    if (sv_error_isset(&err)) {
        sv_error_print(&err, stderr);
        status = err.status;
    } else if (failed) {
        status = SV_EXIT_FAILED;
    }
    if (dq && !opt->quiet && dq_total_findings(dq) > 0)
        fprintf(stderr, "svreport: %ld data-quality finding%s; see the data-quality appendix\n",
                dq_total_findings(dq), dq_total_findings(dq) == 1 ? "" : "s");
    model_free(m);
    dq_free(dq);
    tpl_free(tpl);
    cfg_free(cfg);
    return status;
}
