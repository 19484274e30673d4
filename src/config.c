/* config.c: loading and validating the JSON configuration. */
#include "config.h"

#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "utf8.h"
#include "xalloc.h"

/* Keys accepted at the top level. Later features add theirs here. */
static const char *const TOP_KEYS[] = {
    "organisation", "organisation_type", "area", "period", "schedule", "trend_periods",
    "equity_window",
    "data_date", "marking", "extracts", "columns", "ethnicity", "population",
    "age_bands", "survey", "targets", "suppression", "units", "narrative", "document",
    "documents", "output", "commitments", "social_value", "case_studies", "tender_answers",
    "self_assessment", "logo", NULL};

typedef struct loader {
    sv_config *cfg;
    const jc_doc *doc;
    sv_error *err;
} loader;

char *cfg_resolve(const sv_config *cfg, const char *path) {
    /* No "./" segments: paths appear in messages and the manifest. */
    if (path[0] == '/' || !cfg->dir[0] || strcmp(cfg->dir, ".") == 0) return xstrdup(path);
    if (strcmp(path, ".") == 0) return xstrdup(cfg->dir);
    return xasprintf("%s/%s", cfg->dir, path);
}

/* Text that reaches a document must be valid UTF-8 (libharu mangles it). */
static int text_value(loader *ld, json_t *obj, const char *path, const char *key, int required,
                      char **out) {
    const char *s = NULL;
    int rc = jc_string(ld->doc, obj, path, key, required, &s, ld->err);
    if (rc) return rc;
    if (utf8_invalid_at(s, strlen(s)) != (size_t)-1) {
        char *child = jc_child(path, key);
        jc_fail(ld->doc, child, 0, ld->err, "text is not valid UTF-8");
        free(child);
        return -1;
    }
    *out = xstrdup(s);
    return 0;
}

static int date_value(loader *ld, json_t *obj, const char *path, const char *key, int required,
                      sv_day *out) {
    const char *s;
    int rc = jc_string(ld->doc, obj, path, key, required, &s, ld->err);
    if (rc) return rc;
    if (date_parse(s, strlen(s), DATE_AUTO, out) != DATE_OK) {
        char *child = jc_child(path, key);
        jc_fail(ld->doc, child, 0, ld->err, "\"%s\" is not a date (expected YYYY-MM-DD)", s);
        free(child);
        return -1;
    }
    return 0;
}

static int load_period(loader *ld, json_t *root) {
    sv_config *cfg = ld->cfg;
    json_t *v = json_object_get(root, "period");
    const char *why = NULL;
    static const char *const schedules[] = {"quarter", "month", NULL};
    static const char *const windows[] = {"12 months", "period", NULL};
    int sched = 0, window = 0;
    if (jc_choice(ld->doc, root, "$", "schedule", 0, schedules, &sched, ld->err) < 0) return -1;
    if (jc_choice(ld->doc, root, "$", "equity_window", 0, windows, &window, ld->err) < 0) return -1;
    cfg->equity_12_months = window == 0;
    cfg->schedule = sched == 1 ? PERIOD_MONTH : PERIOD_QUARTER;
    if (!v) {
        jc_fail(ld->doc, "$", 0, ld->err, "missing required key \"period\"");
        return -1;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (strcmp(s, "latest") == 0) {
            cfg->period_latest = 1;
            return 0;
        }
        if (period_parse(s, &cfg->period, &why) == 0) return 0;
        jc_fail(ld->doc, "$.period", 0, ld->err, "\"%s\": %s", s, why);
        return -1;
    }
    if (json_is_object(v)) {
        static const char *const keys[] = {"start", "end", NULL};
        sv_day start, end;
        if (jc_keys(ld->doc, v, "$.period", keys, ld->err) < 0 ||
            date_value(ld, v, "$.period", "start", 1, &start) < 0 ||
            date_value(ld, v, "$.period", "end", 1, &end) < 0)
            return -1;
        if (period_from_dates(start, end, &cfg->period, &why) == 0) return 0;
        jc_fail(ld->doc, "$.period", 0, ld->err, "%s", why);
        return -1;
    }
    jc_fail(ld->doc, "$.period", 0, ld->err,
            "expected a string such as \"2025-26 Q2\" or \"2025-09\", or {\"start\", \"end\"}, found %s",
            jc_type_name(v));
    return -1;
}

/* "columns": {"Site header": "canonical"} ; canonical must exist somewhere. */
static int load_aliases(loader *ld, json_t *obj, const char *path, int only_extract,
                        csvr_alias **out, size_t *n) {
    if (!json_is_object(obj)) {
        jc_fail(ld->doc, path, 0, ld->err, "expected an object mapping header names to columns, found %s",
                jc_type_name(obj));
        return -1;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        char *child = jc_child(path, key);
        if (!json_is_string(v)) {
            jc_fail(ld->doc, child, 0, ld->err, "expected a column name, found %s", jc_type_name(v));
            free(child);
            return -1;
        }
        const char *canon = json_string_value(v);
        int known = 0;
        for (int e = 0; e < EX_COUNT && !known; e++) {
            if (only_extract >= 0 && e != only_extract) continue;
            const extract_def *d = extract_get((extract_id)e);
            for (size_t c = 0; c < d->ncolumns; c++)
                if (strcmp(d->columns[c].name, canon) == 0) known = 1;
        }
        if (!known && (!ld->cfg->unit_column || strcmp(canon, ld->cfg->unit_column) != 0)) {
            /* Suggest from the extract's columns, or from every extract's. */
            const char *names[256];
            size_t k = 0;
            for (int e = 0; e < EX_COUNT; e++) {
                if (only_extract >= 0 && e != only_extract) continue;
                const extract_def *d = extract_get((extract_id)e);
                for (size_t c = 0; c < d->ncolumns && k < 255; c++) names[k++] = d->columns[c].name;
            }
            names[k] = NULL;
            const char *hint = jc_suggest(canon, names);
            char what[64];
            if (only_extract >= 0)
                snprintf(what, sizeof what, "a column of %s.csv",
                         extract_get((extract_id)only_extract)->name);
            else
                snprintf(what, sizeof what, "a canonical column name");
            if (hint)
                jc_fail(ld->doc, child, 0, ld->err, "\"%s\" is not %s (did you mean \"%s\"?)", canon,
                        what, hint);
            else
                jc_fail(ld->doc, child, 0, ld->err, "\"%s\" is not %s", canon, what);
            free(child);
            return -1;
        }
        free(child);
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[*n].header = xstrdup(key);
        (*out)[*n].column = xstrdup(canon);
        (*n)++;
    }
    return 0;
}

static int file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static int load_extracts(loader *ld, json_t *root) {
    sv_config *cfg = ld->cfg;
    json_t *ex = NULL, *global = NULL;
    if (jc_typed(ld->doc, root, "$", "extracts", 0, JSON_OBJECT, &ex, ld->err) < 0) return -1;
    if (jc_typed(ld->doc, root, "$", "columns", 0, JSON_OBJECT, &global, ld->err) < 0) return -1;
    csvr_alias *galias = NULL;
    size_t ngalias = 0;
    if (global && load_aliases(ld, global, "$.columns", -1, &galias, &ngalias) < 0) goto fail;

    const char *keys[EX_COUNT + 2];
    keys[0] = "dir";
    for (int e = 0; e < EX_COUNT; e++) keys[e + 1] = extract_get((extract_id)e)->name;
    keys[EX_COUNT + 1] = NULL;
    if (ex && jc_keys(ld->doc, ex, "$.extracts", keys, ld->err) < 0) goto fail;

    const char *dir = NULL;
    if (ex && jc_string(ld->doc, ex, "$.extracts", "dir", 0, &dir, ld->err) < 0) goto fail;
    char *base = cfg_resolve(cfg, dir ? dir : ".");
    struct stat st;
    if (dir && (stat(base, &st) != 0 || !S_ISDIR(st.st_mode))) {
        /* Otherwise every extract would silently count as absent. */
        jc_fail(ld->doc, "$.extracts.dir", 0, ld->err, "\"%s\" is not a directory (%s)", dir, base);
        free(base);
        goto fail;
    }

    for (int e = 0; e < EX_COUNT; e++) {
        cfg_extract *ce = &cfg->extracts[e];
        const char *name = extract_get((extract_id)e)->name;
        json_t *spec = ex ? json_object_get(ex, name) : NULL;
        const char *file = NULL;
        char *path = ex ? jc_child("$.extracts", name) : NULL;
        ce->dates = DATE_AUTO;
        for (size_t a = 0; a < ngalias; a++) {
            ce->aliases = xrealloc(ce->aliases, (ce->naliases + 1) * sizeof *ce->aliases);
            ce->aliases[ce->naliases].header = xstrdup(galias[a].header);
            ce->aliases[ce->naliases].column = xstrdup(galias[a].column);
            ce->naliases++;
        }
        int bad = 0;
        if (spec && json_is_string(spec)) {
            file = json_string_value(spec);
        } else if (spec && json_is_object(spec)) {
            static const char *const skeys[] = {"path", "separator", "date_format", "columns", NULL};
            static const char *const seps[] = {",", ";", "tab", "auto", NULL};
            static const char *const fmts[] = {"auto", "iso", "uk", NULL};
            int sep = 3, fmt = 0;
            json_t *cols = NULL;
            if (jc_keys(ld->doc, spec, path, skeys, ld->err) < 0 ||
                jc_string(ld->doc, spec, path, "path", 0, &file, ld->err) < 0 ||
                jc_choice(ld->doc, spec, path, "separator", 0, seps, &sep, ld->err) < 0 ||
                jc_choice(ld->doc, spec, path, "date_format", 0, fmts, &fmt, ld->err) < 0 ||
                jc_typed(ld->doc, spec, path, "columns", 0, JSON_OBJECT, &cols, ld->err) < 0) {
                bad = 1;
            } else {
                ce->separator = sep == 0 ? ',' : sep == 1 ? ';' : sep == 2 ? '\t' : 0;
                ce->dates = fmt == 1 ? DATE_ISO : fmt == 2 ? DATE_UK : DATE_AUTO;
                if (cols) {
                    char *cpath = jc_child(path, "columns");
                    bad = load_aliases(ld, cols, cpath, e, &ce->aliases, &ce->naliases) < 0;
                    free(cpath);
                }
            }
        } else if (spec) {
            jc_fail(ld->doc, path, 0, ld->err, "expected a file name or an object, found %s",
                    jc_type_name(spec));
            bad = 1;
        }
        free(path);
        if (bad) {
            free(base);
            goto fail;
        }
        if (spec) ce->explicit = 1;
        char *rel = file ? xstrdup(file) : xasprintf("%s.csv", name);
        ce->path = rel[0] == '/' || strcmp(base, ".") == 0 ? xstrdup(rel)
                                                            : xasprintf("%s/%s", base, rel);
        free(rel);
        /* Extracts are optional: an unnamed one that is absent is skipped. */
        if (!ce->explicit && !file_exists(ce->path)) {
            free(ce->path);
            ce->path = NULL;
        }
    }
    free(base);
    for (size_t a = 0; a < ngalias; a++) {
        free((char *)galias[a].header);
        free((char *)galias[a].column);
    }
    free(galias);
    return 0;
fail:
    for (size_t a = 0; a < ngalias; a++) {
        free((char *)galias[a].header);
        free((char *)galias[a].column);
    }
    free(galias);
    return -1;
}

static int load_population(loader *ld, json_t *root) {
    json_t *pop = json_object_get(root, "population");
    if (!pop) return 0;
    if (!json_is_array(pop)) {
        jc_fail(ld->doc, "$.population", 0, ld->err,
                "expected an array of {dimension, group, age_scope, count or share}, found %s",
                jc_type_name(pop));
        return -1;
    }
    static const char *const keys[] = {"dimension", "group", "age_scope", "count", "share", NULL};
    static const char *const dims[] = {"ethnicity", "sex", "age_band", NULL};
    static const char *const scopes[] = {"all", "18-64", "65+", NULL};
    size_t n = json_array_size(pop);
    ld->cfg->population = xcalloc(n ? n : 1, sizeof *ld->cfg->population);
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(pop, i);
        char *path = jc_index("$.population", i);
        cfg_population_row *pr = &ld->cfg->population[ld->cfg->npopulation++];
        int dim = 0, scope = 0, rc = 0;
        pr->count = pr->share = NAN;
        double share = NAN, count = NAN;
        if (jc_keys(ld->doc, row, path, keys, ld->err) < 0 ||
            jc_choice(ld->doc, row, path, "dimension", 1, dims, &dim, ld->err) < 0 ||
            text_value(ld, row, path, "group", 1, &pr->group) < 0 ||
            jc_choice(ld->doc, row, path, "age_scope", 0, scopes, &scope, ld->err) < 0 ||
            jc_number(ld->doc, row, path, "count", 0, 0, 1e10, &count, ld->err) < 0 ||
            jc_number(ld->doc, row, path, "share", 0, 0, 1, &share, ld->err) < 0)
            rc = -1;
        if (!rc && isnan(count) && isnan(share)) {
            jc_fail(ld->doc, path, 0, ld->err, "give a count or a share (a fraction from 0 to 1)");
            rc = -1;
        }
        pr->dimension = xstrdup(dims[dim]);
        pr->age_scope = xstrdup(scopes[scope]);
        pr->count = count;
        pr->share = share;
        free(path);
        if (rc) return -1;
    }
    return 0;
}

static int load_age_bands(loader *ld, json_t *root) {
    static const int defaults[] = {18, 25, 35, 50, 65, 75, 85};
    sv_config *cfg = ld->cfg;
    json_t *bands = NULL;
    if (jc_typed(ld->doc, root, "$", "age_bands", 0, JSON_ARRAY, &bands, ld->err) < 0) return -1;
    if (!bands) {
        cfg->nage_bands = (int)(sizeof defaults / sizeof *defaults);
        memcpy(cfg->age_bands, defaults, sizeof defaults);
        return 0;
    }
    size_t n = json_array_size(bands);
    if (n < 2 || n > CFG_MAX_AGE_BANDS) {
        jc_fail(ld->doc, "$.age_bands", 0, ld->err, "give 2 to %d lower bounds, such as [18, 25, 35, 50, 65, 75, 85]",
                CFG_MAX_AGE_BANDS);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(bands, i);
        char *path = jc_index("$.age_bands", i);
        long b = json_is_integer(v) ? (long)json_integer_value(v) : -1;
        int bad = 1;
        if (!json_is_integer(v))
            jc_fail(ld->doc, path, 0, ld->err, "expected an age in whole years, found %s", jc_type_name(v));
        else if (b < 0 || b > 120)
            jc_fail(ld->doc, path, 0, ld->err, "%ld is out of range (0 to 120)", b);
        else if (i && b <= cfg->age_bands[i - 1])
            jc_fail(ld->doc, path, 0, ld->err, "%ld is not above the previous bound, %d (give lower bounds in ascending order)", b,
                    cfg->age_bands[i - 1]);
        else
            bad = 0;
        free(path);
        if (bad) return -1;
        cfg->age_bands[i] = (int)b;
    }
    cfg->nage_bands = (int)n;
    return 0;
}

static int load_survey(loader *ld, json_t *root) {
    sv_config *cfg = ld->cfg;
    cfg->survey_min = 1;
    cfg->survey_max = 5;
    cfg->survey_satisfied = 4;
    json_t *s = NULL, *qs = NULL;
    if (jc_typed(ld->doc, root, "$", "survey", 0, JSON_OBJECT, &s, ld->err) < 0) return -1;
    if (!s) return 0;
    static const char *const keys[] = {"scale_min", "scale_max", "satisfied_at_least",
                                       "satisfaction_questions", NULL};
    if (jc_keys(ld->doc, s, "$.survey", keys, ld->err) < 0 ||
        jc_number(ld->doc, s, "$.survey", "scale_min", 0, -100, 100, &cfg->survey_min, ld->err) < 0 ||
        jc_number(ld->doc, s, "$.survey", "scale_max", 0, -100, 100, &cfg->survey_max, ld->err) < 0 ||
        jc_number(ld->doc, s, "$.survey", "satisfied_at_least", 0, -100, 100, &cfg->survey_satisfied,
                  ld->err) < 0 ||
        jc_typed(ld->doc, s, "$.survey", "satisfaction_questions", 0, JSON_ARRAY, &qs, ld->err) < 0)
        return -1;
    if (cfg->survey_max <= cfg->survey_min || cfg->survey_satisfied < cfg->survey_min ||
        cfg->survey_satisfied > cfg->survey_max) {
        jc_fail(ld->doc, "$.survey", 0, ld->err,
                "need scale_min < scale_max and satisfied_at_least within the scale");
        return -1;
    }
    if (qs) {
        size_t n = json_array_size(qs);
        cfg->survey_questions = xcalloc(n ? n : 1, sizeof(char *));
        for (size_t i = 0; i < n; i++) {
            json_t *q = json_array_get(qs, i);
            if (!json_is_string(q)) {
                char *path = jc_index("$.survey.satisfaction_questions", i);
                jc_fail(ld->doc, path, 0, ld->err, "expected a question text, found %s", jc_type_name(q));
                free(path);
                return -1;
            }
            cfg->survey_questions[cfg->nsurvey_questions++] = xstrdup(json_string_value(q));
        }
    }
    return 0;
}

static int load_targets(loader *ld, json_t *root) {
    json_t *t = NULL;
    if (jc_typed(ld->doc, root, "$", "targets", 0, JSON_OBJECT, &t, ld->err) < 0) return -1;
    if (!t) return 0;
    static const char *const keys[] = {"green", "amber", "better", NULL};
    static const char *const better[] = {"higher", "lower", NULL};
    size_t n = json_object_size(t);
    ld->cfg->targets = xcalloc(n ? n : 1, sizeof *ld->cfg->targets);
    const char *key;
    json_t *v;
    json_object_foreach(t, key, v) {
        char *path = jc_child("$.targets", key);
        cfg_target *ct = &ld->cfg->targets[ld->cfg->ntargets++];
        ct->indicator = xstrdup(key);
        int b = 0;
        int rc = jc_keys(ld->doc, v, path, keys, ld->err) < 0 ||
                 jc_number(ld->doc, v, path, "green", 1, -1e9, 1e9, &ct->green, ld->err) < 0 ||
                 jc_number(ld->doc, v, path, "amber", 1, -1e9, 1e9, &ct->amber, ld->err) < 0 ||
                 jc_choice(ld->doc, v, path, "better", 1, better, &b, ld->err) < 0;
        ct->better = b ? BETTER_LOWER : BETTER_HIGHER;
        if (!rc && ((ct->better == BETTER_HIGHER && ct->amber > ct->green) ||
                    (ct->better == BETTER_LOWER && ct->amber < ct->green))) {
            jc_fail(ld->doc, path, 0, ld->err,
                    "amber (%.15g) must be worse than green (%.15g): %s is better here", ct->amber,
                    ct->green, ct->better == BETTER_LOWER ? "lower" : "higher");
            rc = 1;
        }
        free(path);
        if (rc) return -1;
    }
    return 0;
}

static int load_suppression(loader *ld, json_t *root) {
    sv_config *cfg = ld->cfg;
    cfg->suppress_threshold = 7;
    cfg->round_to = 0;
    cfg->secondary = 1;
    json_t *s = NULL;
    if (jc_typed(ld->doc, root, "$", "suppression", 0, JSON_OBJECT, &s, ld->err) < 0) return -1;
    const char *marker = "*";
    if (s) {
        static const char *const keys[] = {"threshold", "round_to", "secondary", "marker", NULL};
        long threshold = 7, round_to = 0;
        if (jc_keys(ld->doc, s, "$.suppression", keys, ld->err) < 0 ||
            jc_int(ld->doc, s, "$.suppression", "threshold", 0, 0, 100, &threshold, ld->err) < 0 ||
            jc_int(ld->doc, s, "$.suppression", "round_to", 0, 0, 10, &round_to, ld->err) < 0 ||
            jc_bool(ld->doc, s, "$.suppression", "secondary", 0, &cfg->secondary, ld->err) < 0 ||
            jc_string(ld->doc, s, "$.suppression", "marker", 0, &marker, ld->err) < 0)
            return -1;
        if (round_to != 0 && round_to != 5) {
            jc_fail(ld->doc, "$.suppression.round_to", 0, ld->err, "expected 0 (no rounding) or 5");
            return -1;
        }
        if (!*marker || strlen(marker) > 8 || utf8_invalid_at(marker, strlen(marker)) != (size_t)-1) {
            jc_fail(ld->doc, "$.suppression.marker", 0, ld->err, "expected 1 to 8 characters of text");
            return -1;
        }
        cfg->suppress_threshold = (int)threshold;
        cfg->round_to = (int)round_to;
    }
    cfg->marker = xstrdup(marker);
    return 0;
}

static int load_units(loader *ld, json_t *root) {
    json_t *u = NULL;
    ld->cfg->unit_documents = 0;
    if (jc_typed(ld->doc, root, "$", "units", 0, JSON_OBJECT, &u, ld->err) < 0) return -1;
    if (!u) return 0;
    static const char *const keys[] = {"column", "documents", NULL};
    const char *col = "unit";
    if (jc_keys(ld->doc, u, "$.units", keys, ld->err) < 0 ||
        jc_string(ld->doc, u, "$.units", "column", 0, &col, ld->err) < 0 ||
        jc_bool(ld->doc, u, "$.units", "documents", 0, &ld->cfg->unit_documents, ld->err) < 0)
        return -1;
    ld->cfg->unit_column = xstrdup(col);
    return 0;
}

static int load_narrative(loader *ld, json_t *root) {
    json_t *n = NULL;
    if (jc_typed(ld->doc, root, "$", "narrative", 0, JSON_OBJECT, &n, ld->err) < 0) return -1;
    if (!n) return 0;
    ld->cfg->narrative = xcalloc(json_object_size(n) + 1, sizeof *ld->cfg->narrative);
    const char *key;
    json_t *v;
    json_object_foreach(n, key, v) {
        cfg_narrative *cn = &ld->cfg->narrative[ld->cfg->nnarrative];
        if (text_value(ld, n, "$.narrative", key, 1, &cn->text) < 0) return -1;
        cn->section = xstrdup(key);
        ld->cfg->nnarrative++;
    }
    return 0;
}

static int load_misc(loader *ld, json_t *root) {
    sv_config *cfg = ld->cfg;
    static const char *const types[] = {"provider", "council", NULL};
    static const char *const nhs_r[] = {"Asian", "Other", NULL};
    int type = 0, r = 0;
    long trend = 8;
    json_t *eth = NULL, *out = NULL;
    if (text_value(ld, root, "$", "organisation", 1, &cfg->organisation) < 0 ||
        jc_choice(ld->doc, root, "$", "organisation_type", 0, types, &type, ld->err) < 0 ||
        text_value(ld, root, "$", "area", 0, &cfg->area) < 0 ||
        jc_int(ld->doc, root, "$", "trend_periods", 0, 4, 8, &trend, ld->err) < 0 ||
        text_value(ld, root, "$", "marking", 0, &cfg->marking) < 0 ||
        text_value(ld, root, "$", "document", 0, &cfg->document) < 0 ||
        jc_typed(ld->doc, root, "$", "ethnicity", 0, JSON_OBJECT, &eth, ld->err) < 0 ||
        jc_typed(ld->doc, root, "$", "output", 0, JSON_OBJECT, &out, ld->err) < 0)
        return -1;
    cfg->is_council = type == 1;
    cfg->trend_periods = (int)trend;
    cfg->data_date = SV_NO_DATE;
    if (json_object_get(root, "data_date") &&
        date_value(ld, root, "$", "data_date", 0, &cfg->data_date) < 0)
        return -1;
    if (eth) {
        static const char *const keys[] = {"nhs_code_r", NULL};
        if (jc_keys(ld->doc, eth, "$.ethnicity", keys, ld->err) < 0 ||
            jc_choice(ld->doc, eth, "$.ethnicity", "nhs_code_r", 0, nhs_r, &r, ld->err) < 0)
            return -1;
    }
    cfg->nhs_r = r ? NHS_R_AS_OTHER : NHS_R_AS_ASIAN;
    const char *dir = "out";
    if (out) {
        static const char *const keys[] = {"dir", NULL};
        if (jc_keys(ld->doc, out, "$.output", keys, ld->err) < 0 ||
            jc_string(ld->doc, out, "$.output", "dir", 0, &dir, ld->err) < 0)
            return -1;
    }
    cfg->output_dir = cfg_resolve(cfg, dir);
    if (!cfg->document) cfg->document = xstrdup("governance");
    size_t dn = strlen(cfg->document);
    if (strchr(cfg->document, '/') || (dn > 5 && strcmp(cfg->document + dn - 5, ".json") == 0)) {
        /* A template given by path is relative to the config, like every path. */
        char *resolved = cfg_resolve(cfg, cfg->document);
        free(cfg->document);
        cfg->document = resolved;
    }
    return 0;
}

/* ---- documents, commitments, social value, tender, self-assessment ---------- */

static int load_documents(loader *ld, json_t *root) {
    json_t *docs = NULL;
    if (jc_typed(ld->doc, root, "$", "documents", 0, JSON_ARRAY, &docs, ld->err) < 0) return -1;
    if (!docs) return 0;
    if (json_object_get(root, "document")) {
        jc_fail(ld->doc, "$.documents", 1, ld->err, "give \"document\" or \"documents\", not both");
        return -1;
    }
    size_t n = json_array_size(docs);
    ld->cfg->documents = xcalloc(n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        json_t *d = json_array_get(docs, i);
        if (!json_is_string(d) || !*json_string_value(d)) {
            char *path = jc_index("$.documents", i);
            jc_fail(ld->doc, path, 0, ld->err, "expected a template name or path");
            free(path);
            return -1;
        }
        ld->cfg->documents[ld->cfg->ndocuments++] = xstrdup(json_string_value(d));
    }
    return 0;
}

/* {"indicator": key, "item": n}: the key is checked against the registry
 * by the run (config.c sits below the indicators). */
static int indicator_ref(loader *ld, json_t *obj, const char *path, char **key, int *item) {
    long it = -1;
    if (text_value(ld, obj, path, "indicator", 1, key) < 0 ||
        jc_int(ld->doc, obj, path, "item", 0, 0, 40, &it, ld->err) < 0)
        return -1;
    *item = (int)it;
    return 0;
}

static int load_commitments(loader *ld, json_t *root) {
    json_t *arr = NULL;
    if (jc_typed(ld->doc, root, "$", "commitments", 0, JSON_ARRAY, &arr, ld->err) < 0) return -1;
    if (!arr) return 0;
    static const char *const keys[] = {"text", "indicator", "item", "target", "amber", "better", "over", NULL};
    static const char *const better[] = {"higher", "lower", NULL};
    static const char *const over[] = {"12 months", "period", NULL};
    size_t n = json_array_size(arr);
    ld->cfg->commitments = xcalloc(n ? n : 1, sizeof *ld->cfg->commitments);
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(arr, i);
        char *path = jc_index("$.commitments", i);
        cfg_commitment *cc = &ld->cfg->commitments[ld->cfg->ncommitments++];
        int b = 0, o = 0;
        cc->amber = NAN;
        int rc = jc_keys(ld->doc, c, path, keys, ld->err) < 0 || text_value(ld, c, path, "text", 1, &cc->text) < 0 ||
                 indicator_ref(ld, c, path, &cc->indicator, &cc->item) < 0 ||
                 jc_number(ld->doc, c, path, "target", 1, -1e12, 1e12, &cc->target, ld->err) < 0 ||
                 jc_number(ld->doc, c, path, "amber", 0, -1e12, 1e12, &cc->amber, ld->err) < 0 ||
                 jc_choice(ld->doc, c, path, "better", 0, better, &b, ld->err) < 0 ||
                 jc_choice(ld->doc, c, path, "over", 0, over, &o, ld->err) < 0;
        cc->better = b ? BETTER_LOWER : BETTER_HIGHER;
        cc->annual = o == 0;
        free(path);
        if (rc) return -1;
    }
    return 0;
}

static int load_social_value(loader *ld, json_t *root) {
    json_t *sv = NULL, *arr = NULL;
    if (jc_typed(ld->doc, root, "$", "social_value", 0, JSON_OBJECT, &sv, ld->err) < 0) return -1;
    if (!sv) return 0;
    static const char *const keys[] = {"edition", "year", "measures", NULL};
    static const char *const mkeys[] = {"code", "measure", "indicator", "item", "unit", "value_per_unit",
                                        "source", NULL};
    long year = 0;
    if (jc_keys(ld->doc, sv, "$.social_value", keys, ld->err) < 0 ||
        text_value(ld, sv, "$.social_value", "edition", 1, &ld->cfg->proxy_edition) < 0 ||
        jc_int(ld->doc, sv, "$.social_value", "year", 1, 2000, 2100, &year, ld->err) < 0 ||
        jc_typed(ld->doc, sv, "$.social_value", "measures", 1, JSON_ARRAY, &arr, ld->err) < 0)
        return -1;
    ld->cfg->proxy_year = (int)year;
    size_t n = json_array_size(arr);
    ld->cfg->proxies = xcalloc(n ? n : 1, sizeof *ld->cfg->proxies);
    for (size_t i = 0; i < n; i++) {
        json_t *m = json_array_get(arr, i);
        char *path = jc_index("$.social_value.measures", i);
        cfg_proxy *p = &ld->cfg->proxies[ld->cfg->nproxies++];
        int rc = jc_keys(ld->doc, m, path, mkeys, ld->err) < 0 || text_value(ld, m, path, "code", 1, &p->code) < 0 ||
                 text_value(ld, m, path, "measure", 1, &p->measure) < 0 ||
                 indicator_ref(ld, m, path, &p->indicator, &p->item) < 0 ||
                 text_value(ld, m, path, "unit", 1, &p->unit) < 0 ||
                 jc_number(ld->doc, m, path, "value_per_unit", 1, 0, 1e9, &p->value_per_unit, ld->err) < 0 ||
                 text_value(ld, m, path, "source", 0, &p->source) < 0;
        free(path);
        if (rc) return -1;
    }
    return 0;
}

/* An object of texts ({"id": "text"}) or an array of {"title", "text"}. */
static int load_case_studies(loader *ld, json_t *root) {
    json_t *arr = NULL;
    if (jc_typed(ld->doc, root, "$", "case_studies", 0, JSON_ARRAY, &arr, ld->err) < 0) return -1;
    if (!arr) return 0;
    static const char *const keys[] = {"title", "text", NULL};
    size_t n = json_array_size(arr);
    ld->cfg->case_studies = xcalloc(n ? n : 1, sizeof *ld->cfg->case_studies);
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(arr, i);
        char *path = jc_index("$.case_studies", i);
        cfg_text_pair *cs = &ld->cfg->case_studies[ld->cfg->ncase_studies++];
        int rc = jc_keys(ld->doc, c, path, keys, ld->err) < 0 || text_value(ld, c, path, "title", 1, &cs->key) < 0 ||
                 text_value(ld, c, path, "text", 1, &cs->text) < 0;
        free(path);
        if (rc) return -1;
    }
    return 0;
}

static int load_answers(loader *ld, json_t *root) {
    json_t *obj = NULL;
    if (jc_typed(ld->doc, root, "$", "tender_answers", 0, JSON_OBJECT, &obj, ld->err) < 0) return -1;
    if (!obj) return 0;
    ld->cfg->answers = xcalloc(json_object_size(obj) + 1, sizeof *ld->cfg->answers);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        cfg_text_pair *a = &ld->cfg->answers[ld->cfg->nanswers];
        if (text_value(ld, obj, "$.tender_answers", key, 1, &a->text) < 0) return -1;
        a->key = xstrdup(key);
        ld->cfg->nanswers++;
    }
    return 0;
}

static int load_self_assessment(loader *ld, json_t *root) {
    json_t *sa = NULL, *scores = NULL;
    if (jc_typed(ld->doc, root, "$", "self_assessment", 0, JSON_OBJECT, &sa, ld->err) < 0) return -1;
    if (!sa) return 0;
    static const char *const keys[] = {"framework", "boundary", "scores", NULL};
    static const char *const boundaries[] = {"half-open", "round", NULL};
    int boundary = 0;
    if (jc_keys(ld->doc, sa, "$.self_assessment", keys, ld->err) < 0 ||
        text_value(ld, sa, "$.self_assessment", "framework", 0, &ld->cfg->framework) < 0 ||
        jc_choice(ld->doc, sa, "$.self_assessment", "boundary", 0, boundaries, &boundary, ld->err) < 0 ||
        jc_typed(ld->doc, sa, "$.self_assessment", "scores", 0, JSON_OBJECT, &scores, ld->err) < 0)
        return -1;
    ld->cfg->boundary_round = boundary == 1;
    if (!scores) return 0;
    ld->cfg->scores = xcalloc(json_object_size(scores) + 1, sizeof *ld->cfg->scores);
    static const char *const skeys[] = {"score", "reason", NULL};
    const char *key;
    json_t *v;
    json_object_foreach(scores, key, v) {
        char *path = jc_child("$.self_assessment.scores", key);
        cfg_score *sc = &ld->cfg->scores[ld->cfg->nscores];
        long score = 0;
        int rc = jc_keys(ld->doc, v, path, skeys, ld->err) < 0 ||
                 jc_int(ld->doc, v, path, "score", 1, 1, 4, &score, ld->err) < 0 ||
                 text_value(ld, v, path, "reason", 1, &sc->reason) < 0;
        free(path);
        if (rc) return -1;
        sc->statement = xstrdup(key);
        sc->score = (int)score;
        ld->cfg->nscores++;
    }
    return 0;
}

/* "logo": a PNG for the cover, decoded now (image.c) so that a bad file
 * fails the run before anything is written, and libharu never sees it. */
static int load_logo(loader *ld, json_t *root) {
    const char *file = NULL;
    if (jc_string(ld->doc, root, "$", "logo", 0, &file, ld->err) < 0) return -1;
    if (!file) return 0;
    if (!*file) {
        jc_fail(ld->doc, "$.logo", 0, ld->err, "expected the path of a PNG file");
        return -1;
    }
    ld->cfg->logo_path = cfg_resolve(ld->cfg, file);
    image *img = xcalloc(1, sizeof *img);
    if (image_load_png(ld->cfg->logo_path, img, ld->err) < 0) {
        free(img);
        return -1;
    }
    ld->cfg->logo = img;
    return 0;
}

sv_config *cfg_load(const char *path, sv_error *err) {
    jc_doc *doc = jc_load(path, SV_EXIT_CONFIG, err);
    if (!doc) return NULL;
    sv_config *cfg = xcalloc(1, sizeof *cfg);
    cfg->path = xstrdup(path);
    char *copy = xstrdup(path);
    cfg->dir = xstrdup(dirname(copy));
    free(copy);
    cfg->json = doc;
    loader ld = {cfg, doc, err};
    json_t *root = jc_root(doc);
    if (jc_keys(doc, root, "$", TOP_KEYS, err) < 0 || load_misc(&ld, root) < 0 ||
        load_period(&ld, root) < 0 || load_units(&ld, root) < 0 ||
        load_extracts(&ld, root) < 0 || load_population(&ld, root) < 0 ||
        load_age_bands(&ld, root) < 0 || load_survey(&ld, root) < 0 ||
        load_targets(&ld, root) < 0 || load_suppression(&ld, root) < 0 ||
        load_narrative(&ld, root) < 0 || load_documents(&ld, root) < 0 ||
        load_commitments(&ld, root) < 0 || load_social_value(&ld, root) < 0 ||
        load_case_studies(&ld, root) < 0 || load_answers(&ld, root) < 0 ||
        load_self_assessment(&ld, root) < 0 || load_logo(&ld, root) < 0) {
        cfg_free(cfg);
        return NULL;
    }
    return cfg;
}

void cfg_free(sv_config *cfg) {
    if (!cfg) return;
    for (int e = 0; e < EX_COUNT; e++) {
        free(cfg->extracts[e].path);
        for (size_t a = 0; a < cfg->extracts[e].naliases; a++) {
            free((char *)cfg->extracts[e].aliases[a].header);
            free((char *)cfg->extracts[e].aliases[a].column);
        }
        free(cfg->extracts[e].aliases);
    }
    for (size_t i = 0; i < cfg->npopulation; i++) {
        free(cfg->population[i].dimension);
        free(cfg->population[i].group);
        free(cfg->population[i].age_scope);
    }
    free(cfg->population);
    for (size_t i = 0; i < cfg->nsurvey_questions; i++) free(cfg->survey_questions[i]);
    free(cfg->survey_questions);
    for (size_t i = 0; i < cfg->ntargets; i++) free(cfg->targets[i].indicator);
    free(cfg->targets);
    for (size_t i = 0; i < cfg->nnarrative; i++) {
        free(cfg->narrative[i].section);
        free(cfg->narrative[i].text);
    }
    free(cfg->narrative);
    for (size_t i = 0; i < cfg->ndocuments; i++) free(cfg->documents[i]);
    free(cfg->documents);
    for (size_t i = 0; i < cfg->ncommitments; i++) {
        free(cfg->commitments[i].text);
        free(cfg->commitments[i].indicator);
    }
    free(cfg->commitments);
    for (size_t i = 0; i < cfg->nproxies; i++) {
        cfg_proxy *p = &cfg->proxies[i];
        free(p->code), free(p->measure), free(p->indicator), free(p->unit), free(p->source);
    }
    free(cfg->proxies);
    free(cfg->proxy_edition);
    cfg_text_pair *pairs[] = {cfg->case_studies, cfg->answers};
    size_t counts[] = {cfg->ncase_studies, cfg->nanswers};
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < counts[k]; i++) free(pairs[k][i].key), free(pairs[k][i].text);
        free(pairs[k]);
    }
    for (size_t i = 0; i < cfg->nscores; i++) free(cfg->scores[i].statement), free(cfg->scores[i].reason);
    free(cfg->scores);
    free(cfg->framework);
    image_free(cfg->logo);
    free(cfg->logo);
    free(cfg->logo_path);
    free(cfg->organisation);
    free(cfg->area);
    free(cfg->marking);
    free(cfg->marker);
    free(cfg->unit_column);
    free(cfg->document);
    free(cfg->output_dir);
    free(cfg->path);
    free(cfg->dir);
    jc_free(cfg->json);
    free(cfg);
}

const cfg_target *cfg_target_for(const sv_config *cfg, const char *indicator) {
    for (size_t i = 0; i < cfg->ntargets; i++)
        if (strcmp(cfg->targets[i].indicator, indicator) == 0) return &cfg->targets[i];
    return NULL;
}

const char *cfg_narrative_for(const sv_config *cfg, const char *section) {
    for (size_t i = 0; i < cfg->nnarrative; i++)
        if (strcmp(cfg->narrative[i].section, section) == 0) return cfg->narrative[i].text;
    return NULL;
}

const char *cfg_answer_for(const sv_config *cfg, const char *question) {
    for (size_t i = 0; i < cfg->nanswers; i++)
        if (strcmp(cfg->answers[i].key, question) == 0) return cfg->answers[i].text;
    return NULL;
}

const cfg_score *cfg_score_for(const sv_config *cfg, const char *statement) {
    for (size_t i = 0; i < cfg->nscores; i++)
        if (strcmp(cfg->scores[i].statement, statement) == 0) return &cfg->scores[i];
    return NULL;
}
