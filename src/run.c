/* run.c: the batch run (see run.h). Outputs go through outfile.h, so a
 * failed run leaves earlier outputs as they were. */
#include "run.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build.h"
#include "config.h"
#include "dq.h"
#include "framework.h"
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
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        sv_error_set(err, SV_EXIT_IO, dir, 0, 0, "the output directory is a file, not a directory");
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
                          const dq_log *dq, const template *tpl, const framework *fw, int unit,
                          const char *out_dir, sv_error *err) {
    sdc_rules rules = tpl_sdc_rules(tpl, cfg);
    ind_set *ind = ind_compute(m, unit, &rules);
    build_ctx bc = {cfg, m, ind, dq, fw, opt->created, SVREPORT_VERSION};
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

/* Every document of one config: its templates, for the whole organisation
 * and (when configured) each unit. Returns the exit status. */
static int run_config(const run_options *opt, const char *config_path) {
    sv_error err;
    sv_error_clear(&err);
    sv_config *cfg = cfg_load(config_path, &err);
    dq_log *dq = NULL;
    sv_model *m = NULL;
    size_t ndocs = 0;
    template *tpls[16] = {NULL};
    framework *fw = NULL;
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
    if (cfg && !sv_error_isset(&err)) {
        dq = dq_new(opt->quiet ? NULL : stderr);
        m = model_load(cfg, dq, day_of(opt->created), &err);
    }
    if (m && opt->strict && dq_total_findings(dq) > 0) strict_error(dq, &err);
    const char *out_dir = opt->out_dir ? opt->out_dir : cfg ? cfg->output_dir : NULL;
    if (m && !sv_error_isset(&err)) ensure_dir(out_dir, &err);
    int failed = 0;
    if (m && !sv_error_isset(&err)) {
        size_t nunits = cfg->unit_documents ? m->nunits : 1;
        for (size_t d = 0; d < ndocs && !sv_error_isset(&err); d++)
            for (size_t u = 0; u < nunits && !sv_error_isset(&err); u++)
                if (write_document(opt, cfg, m, dq, tpls[d], fw, (int)u, out_dir, &err) < 0) failed = 1;
    }
    int status = SV_OK;
    if (sv_error_isset(&err)) {
        sv_error_print(&err, stderr);
        status = err.status;
    } else if (failed) {
        status = SV_EXIT_FAILED;
    }
    if (dq && !opt->quiet && dq_total_findings(dq) > 0)
        fprintf(stderr, "svreport: %ld data-quality finding%s in %s; see the data-quality appendix\n",
                dq_total_findings(dq), dq_total_findings(dq) == 1 ? "" : "s", config_path);
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
