/* build_blocks.c: the block types templates are made of. Each block reads
 * computed indicators and adds report-tree nodes; none draws anything. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "build_internal.h"
#include "xalloc.h"

/* A block with nothing to show says what is missing, so that two in a row
 * are not two identical sentences. */
static void not_available(rpt_section *s, const char *what) {
    char *text = xasprintf("%s: not available from the extracts and baselines supplied.", what);
    rpt_paragraph(s, text);
    free(text);
}

/* ---- shared helpers --------------------------------------------------------------------- */

static const char *scope_label(int scope) {
    static const char *const names[] = {"All ages", "Aged 18 to 64", "Aged 65 and over"};
    return names[scope % SCOPE_COUNT];
}

static int scope_parse(const char *s) {
    return strcmp(s, "18-64") == 0 ? SCOPE_18_64 : strcmp(s, "65+") == 0 ? SCOPE_65_PLUS : SCOPE_ALL;
}

static ind_dim dim_parse(const char *s) {
    for (int d = 0; d < DIM_COUNT; d++)
        if (strcmp(ind_dim_key((ind_dim)d), s) == 0) return (ind_dim)d;
    if (strcmp(s, "age_band") == 0) return DIM_AGE_BAND;
    return DIM_OVERALL;
}

static void count_labels(ind_id id, const char **num, const char **den) {
    *num = "Number";
    *den = "Base";
    switch (id) {
    case I_DNA: *num = "Not attended", *den = "Offered"; break;
    case I_CONVERSION: *num = "Assessed", *den = "Referrals"; break;
    case I_RETENTION_4W:
    case I_RETENTION_12W: *num = "Retained", *den = "Episodes"; break;
    case I_ADJUSTMENTS: *num = "Provided", *den = "Requested"; break;
    case I_SATISFACTION: *num = "Satisfied", *den = "Responses"; break;
    case I_COMPLAINTS_RATE: *num = "Complaints", *den = "People"; break;
    case I_SAFEGUARDING_RATE: *num = "Alerts", *den = "People"; break;
    case I_MISSED_VISITS: *num = "Missed", *den = "Planned"; break;
    case I_REGULAR_CARER: *num = "By a regular carer", *den = "Delivered"; break;
    case I_DIRECT_PAYMENT: *num = "Direct payment", *den = "Recorded"; break;
    case I_CARERS_PER_MONTH: *num = NULL, *den = "Person-months"; break;
    case I_DAYS_TO_ASSESS: *num = NULL, *den = "Assessments"; break;
    case I_DAYS_TO_CLOSE: *num = NULL, *den = "Closed"; break;
    case I_TRAVEL: *num = NULL, *den = "Staff"; break;
    default: break;
    }
}

static void value_text(const bctx *b, const ind_value *v, char *buf, size_t cap) {
    if (!v) snprintf(buf, cap, "–");
    else fmt_value(v, b->marker, buf, cap);
}

/* Display-rounded value for comparisons a reader can check. */
static double shown(const ind_value *v) {
    if (!v || v->flags & (IV_SUPPRESSED | IV_NO_DATA) || isnan(v->value)) return NAN;
    return fmt_round(v->value, ind_get((ind_id)v->indicator)->decimals);
}

static void target_key(const ind_ref *r, char *buf, size_t cap) {
    if (r->item >= 0)
        snprintf(buf, cap, "%s.%d", ind_get(r->id)->key, r->item);
    else
        snprintf(buf, cap, "%s", ind_get(r->id)->key);
}

static rpt_rag rag_of(double value, const cfg_target *t) {
    if (!t || isnan(value)) return RAG_NONE;
    if (t->better == BETTER_HIGHER)
        return value >= t->green ? RAG_GREEN : value >= t->amber ? RAG_AMBER : RAG_RED;
    return value <= t->green ? RAG_GREEN : value <= t->amber ? RAG_AMBER : RAG_RED;
}

static const char *rag_word(rpt_rag r) {
    static const char *const words[] = {"", "● Green", "◆ Amber", "■ Red"};
    return words[r];
}

/* Direction and judgement of the change from the previous period. */
static void change_of(const ind_value *now, const ind_value *before, rpt_direction *dir,
                      rpt_judgement *judge, double *delta) {
    *dir = DIR_NONE;
    *judge = JUDGE_NEUTRAL;
    *delta = NAN;
    double a = shown(now), p = shown(before);
    if (isnan(a) || isnan(p)) return;
    const ind_def *d = ind_get((ind_id)now->indicator);
    *delta = fmt_round(a - p, d->decimals);
    if (*delta == 0) {
        *dir = DIR_SAME;
        return;
    }
    *dir = *delta > 0 ? DIR_UP : DIR_DOWN;
    if (d->better == POLARITY_HIGHER) *judge = *delta > 0 ? JUDGE_BETTER : JUDGE_WORSE;
    if (d->better == POLARITY_LOWER) *judge = *delta < 0 ? JUDGE_BETTER : JUDGE_WORSE;
}

static void signed_number(double v, int decimals, char *buf, size_t cap) {
    char n[32];
    fmt_number(fabs(v), decimals, n, sizeof n);
    if (v > 0) snprintf(buf, cap, "+%s", n);
    else if (v < 0) snprintf(buf, cap, "−%s", n);
    else snprintf(buf, cap, "%s", n);
}

static void note_marker(const bctx *b, rpt_table *t) {
    char *notes = xasprintf("%s = suppressed: a count from 1 to %d, or a figure that would reveal one. "
                            "– = no data.",
                            b->marker, ind_rules(b->ctx->ind)->threshold);
    if (t->notes) {
        char *both = xasprintf("%s %s", t->notes, notes);
        free(notes);
        notes = both;
        free(t->notes);
    }
    t->notes = notes;
}

static const char *jstr(json_t *blk, const char *key, const char *fallback) {
    json_t *v = json_object_get(blk, key);
    return json_is_string(v) ? json_string_value(v) : fallback;
}

/* ---- validation -------------------------------------------------------------------------- */

static int v_dim_value(const jc_doc *doc, json_t *v, const char *path, sv_error *err) {
    static const char *const dims[] = {"ethnicity", "sex", "age_band", "interpreter", "imd_decile", NULL};
    if (json_is_string(v))
        for (int i = 0; dims[i]; i++)
            if (strcmp(dims[i], json_string_value(v)) == 0) return 0;
    jc_fail(doc, path, 0, err,
            "expected one of \"ethnicity\", \"sex\", \"age_band\", \"interpreter\", \"imd_decile\"");
    return -1;
}

static int v_dims(const jc_doc *doc, json_t *blk, const char *path, const char *key, int required,
                  sv_error *err) {
    json_t *v = json_object_get(blk, key);
    if (!v) {
        if (!required) return 0;
        jc_fail(doc, path, 0, err, "missing required key \"%s\"", key);
        return -1;
    }
    char *child = jc_child(path, key);
    int rc = 0;
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && !rc; i++) {
            char *ip = jc_index(child, i);
            rc = v_dim_value(doc, json_array_get(v, i), ip, err);
            free(ip);
        }
    } else {
        rc = v_dim_value(doc, v, child, err);
    }
    free(child);
    return rc;
}

static int v_scopes(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    json_t *v = json_object_get(blk, "scopes");
    if (!v) return 0;
    char *child = jc_child(path, "scopes");
    int rc = !json_is_array(v);
    if (rc) jc_fail(doc, child, 0, err, "expected an array such as [\"all\", \"18-64\", \"65+\"]");
    for (size_t i = 0; !rc && i < json_array_size(v); i++) {
        json_t *s = json_array_get(v, i);
        const char *t = json_is_string(s) ? json_string_value(s) : "";
        if (strcmp(t, "all") && strcmp(t, "18-64") && strcmp(t, "65+")) {
            char *ip = jc_index(child, i);
            jc_fail(doc, ip, 0, err, "expected \"all\", \"18-64\" or \"65+\"");
            free(ip);
            rc = 1;
        }
    }
    free(child);
    return rc ? -1 : 0;
}

static int v_population(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    static const char *const dims[] = {"ethnicity", "sex", "age_band", NULL};
    static const char *const scopes[] = {"all", "18-64", "65+", NULL};
    int d, sc;
    if (jc_choice(doc, blk, path, "dimension", 1, dims, &d, err) < 0) return -1;
    if (jc_choice(doc, blk, path, "scope", 0, scopes, &sc, err) < 0) return -1;
    return v_scopes(doc, blk, path, err);
}

static int v_one_indicator(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    if (v_indicator(doc, blk, path, "indicator", 1, err) < 0) return -1;
    return v_dims(doc, blk, path, json_object_get(blk, "dims") ? "dims" : "dim", 0, err);
}

static int v_refs(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    const char *key = json_object_get(blk, "rows") ? "rows" : json_object_get(blk, "items") ? "items" : "indicators";
    if (v_indicator_refs(doc, blk, path, key, err) < 0) return -1;
    long max;
    if (jc_int(doc, blk, path, "max", 0, 1, 50, &max, err) < 0) return -1;
    return v_dims(doc, blk, path, "dim", 0, err);
}

static int v_heading(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    long level;
    const char *text;
    if (jc_string(doc, blk, path, "text", 1, &text, err) < 0) return -1;
    return jc_int(doc, blk, path, "level", 0, 2, 3, &level, err) < 0 ? -1 : 0;
}

static int v_text(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    const char *text;
    return jc_string(doc, blk, path, "text", 1, &text, err) < 0 ? -1 : 0;
}

static int v_list(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    json_t *items;
    if (jc_typed(doc, blk, path, "items", 1, JSON_ARRAY, &items, err) < 0) return -1;
    for (size_t i = 0; i < json_array_size(items); i++)
        if (!json_is_string(json_array_get(items, i))) {
            char *child = jc_child(path, "items");
            char *ip = jc_index(child, i);
            jc_fail(doc, ip, 0, err, "expected text");
            free(ip);
            free(child);
            return -1;
        }
    return 0;
}

static int v_actions(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    static const char *const which[] = {"open", "overdue", "closed", NULL};
    int w;
    return jc_choice(doc, blk, path, "which", 1, which, &w, err) < 0 ? -1 : 0;
}

/* ---- simple blocks ------------------------------------------------------------------------ */

static void build_heading(bctx *b, rpt_section *s, json_t *blk) {
    char *text = text_expand(b, jstr(blk, "text", ""));
    json_t *level = json_object_get(blk, "level");
    char id[96];
    snprintf(id, sizeof id, "%s-%zu", b->section_id, s->nblocks);
    rpt_heading(s, level ? (int)json_integer_value(level) : 2, id, text);
    free(text);
}

/* Paragraphs: text split on blank lines. */
static void add_paragraphs(rpt_section *s, const char *text) {
    const char *p = text;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char *para = xstrndup(p, n);
        if (*para) rpt_paragraph(s, para);
        free(para);
        if (!end) break;
        p = end + 2;
    }
}

static void build_paragraph(bctx *b, rpt_section *s, json_t *blk) {
    char *text = text_expand(b, jstr(blk, "text", ""));
    add_paragraphs(s, text);
    free(text);
}

/* The config's text for this section: "document.section" first, then
 * "section", so one config can carry text for several documents. */
static void build_narrative(bctx *b, rpt_section *s, json_t *blk) {
    const char *key = jstr(blk, "key", b->section_id);
    char *scoped = xasprintf("%s.%s", tpl_name(b->tpl), key);
    const char *text = cfg_narrative_for(b->ctx->cfg, scoped);
    if (!text) text = cfg_narrative_for(b->ctx->cfg, key);
    free(scoped);
    if (text) {
        char *expanded = text_expand(b, text);
        add_paragraphs(s, expanded);
        free(expanded);
    }
}

static void build_list(bctx *b, rpt_section *s, json_t *blk) {
    json_t *items = json_object_get(blk, "items");
    size_t n = json_array_size(items);
    char **texts = xcalloc(n ? n : 1, sizeof *texts);
    for (size_t i = 0; i < n; i++) texts[i] = text_expand(b, json_string_value(json_array_get(items, i)));
    rpt_list(s, (const char *const *)texts, n, 0);
    for (size_t i = 0; i < n; i++) free(texts[i]);
    free(texts);
}

static void build_callout(bctx *b, rpt_section *s, json_t *blk) {
    char *title = text_expand(b, jstr(blk, "title", "Note"));
    char *text = text_expand(b, jstr(blk, "text", ""));
    rpt_callout(s, title, text);
    free(title);
    free(text);
}

static void build_pagebreak(bctx *b, rpt_section *s, json_t *blk) {
    (void)b;
    (void)blk;
    rpt_pagebreak(s);
}

/* ---- headline tiles and indicator tables ------------------------------------------------------ */

static void change_words(const bctx *b, const ind_value *now, const ind_value *before, char *buf,
                         size_t cap, rpt_direction *dir, rpt_judgement *judge) {
    double delta;
    change_of(now, before, dir, judge, &delta);
    buf[0] = '\0';
    if (*dir == DIR_NONE) return;
    const ind_def *d = ind_get((ind_id)now->indicator);
    const char *prev = b->ctx->model->periods[1].label;
    if (*dir == DIR_SAME) {
        snprintf(buf, cap, "No change since %s", prev);
        return;
    }
    char n[32];
    fmt_number(fabs(delta), d->decimals, n, sizeof n);
    snprintf(buf, cap, "%s %s%s since %s%s", *dir == DIR_UP ? "Up" : "Down", n, fmt_change_unit(d), prev,
             *judge == JUDGE_BETTER ? " (better)" : *judge == JUDGE_WORSE ? " (worse)" : "");
}

static void build_tiles(bctx *b, rpt_section *s, json_t *blk) {
    json_t *items = json_object_get(blk, "items");
    size_t n = 0;
    ind_ref refs[32];
    for (size_t i = 0; i < json_array_size(items) && n < 32; i++) {
        ind_ref r = ind_ref_parse(json_array_get(items, i));
        if (ref_value(b, &r, 0)) refs[n++] = r;  /* tiles of absent extracts are left out */
    }
    if (!n) return;
    rpt_tile *tiles = rpt_tiles(s, n);
    for (size_t i = 0; i < n; i++) {
        const ind_value *v = ref_value(b, &refs[i], 0), *prev = ref_value(b, &refs[i], 1);
        char buf[200], key[64];
        b->used[refs[i].id] = 1;
        ref_label(b, &refs[i], buf, sizeof buf);
        rpt_set(&tiles[i].label, buf);
        value_text(b, v, buf, sizeof buf);
        rpt_set(&tiles[i].value, buf);
        target_key(&refs[i], key, sizeof key);
        const cfg_target *t = cfg_target_for(b->ctx->cfg, key);
        tiles[i].rag = rag_of(shown(v), t);
        if (t) {
            const ind_def *d = ind_get(refs[i].id);
            char g[32];
            fmt_number(t->green, d->decimals, g, sizeof g);
            snprintf(buf, sizeof buf, "Target %s%s or %s%s%s", g,
                     d->kind == KIND_SHARE || strcmp(d->unit, "percent") == 0 ? "%" : "",
                     t->better == BETTER_HIGHER ? "higher" : "lower",
                     tiles[i].rag ? ": " : "", tiles[i].rag ? rag_word(tiles[i].rag) + 4 : "");
            rpt_set(&tiles[i].detail, buf);
        }
        change_words(b, v, prev, buf, sizeof buf, &tiles[i].direction, &tiles[i].judgement);
        if (buf[0]) rpt_set(&tiles[i].change, buf);
    }
}

static void build_indicator_table(bctx *b, rpt_section *s, json_t *blk) {
    json_t *rows = json_object_get(blk, "rows");
    const sv_model *m = b->ctx->model;
    rpt_table *t = NULL;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        ind_ref r = ind_ref_parse(json_array_get(rows, i));
        const ind_value *v = ref_value(b, &r, 0);
        if (!v) continue;
        if (!t) {
            char *caption = text_expand(b, jstr(blk, "caption", "Indicators"));
            t = rpt_table_add(s, caption);
            free(caption);
            rpt_table_column(t, "Indicator", ALIGN_LEFT, 3.2);
            rpt_table_column(t, m->periods[0].label, ALIGN_RIGHT, 1.1);
            rpt_table_column(t, m->nperiods > 1 ? m->periods[1].label : "Previous", ALIGN_RIGHT, 1.1);
            rpt_table_column(t, "Change", ALIGN_RIGHT, 0.9);
            rpt_table_column(t, "95% interval", ALIGN_RIGHT, 1.4);
            rpt_table_column(t, "Status against target", ALIGN_LEFT, 1.3);
        }
        b->used[r.id] = 1;
        const ind_value *prev = ref_value(b, &r, 1);
        char buf[200], key[64];
        size_t row = rpt_table_row(t, 0);
        ref_label(b, &r, buf, sizeof buf);
        rpt_table_set(t, row, 0, buf, 0);
        value_text(b, v, buf, sizeof buf);
        rpt_table_set(t, row, 1, buf, v->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
        value_text(b, prev, buf, sizeof buf);
        rpt_table_set(t, row, 2, buf, prev && prev->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
        rpt_direction dir;
        rpt_judgement judge;
        double delta;
        change_of(v, prev, &dir, &judge, &delta);
        buf[0] = '\0';
        if (!isnan(delta)) signed_number(delta, ind_get(r.id)->decimals, buf, sizeof buf);
        rpt_table_set(t, row, 3, buf, 0);
        fmt_interval(v, b->marker, buf, sizeof buf);
        rpt_table_set(t, row, 4, buf, 0);
        target_key(&r, key, sizeof key);
        rpt_rag rag = rag_of(shown(v), cfg_target_for(b->ctx->cfg, key));
        static const unsigned rag_flags[] = {0, CELL_RAG_GREEN, CELL_RAG_AMBER, CELL_RAG_RED};
        rpt_table_set(t, row, 5, rag ? rag_word(rag) : "No target", rag_flags[rag]);
    }
    if (t) note_marker(b, t);
}

/* ---- population comparison --------------------------------------------------------------- */

static int population_groups(const bctx *b, ind_dim dim) { return ind_dim_groups(b->ctx->ind, dim); }

static void scopes_of(json_t *blk, int *scopes, int *n) {
    json_t *arr = json_object_get(blk, "scopes");
    *n = 0;
    if (!arr) {
        scopes[(*n)++] = scope_parse(jstr(blk, "scope", "all"));
        return;
    }
    for (size_t i = 0; i < json_array_size(arr) && *n < SCOPE_COUNT; i++)
        scopes[(*n)++] = scope_parse(json_string_value(json_array_get(arr, i)));
}

static void build_population_table(bctx *b, rpt_section *s, json_t *blk) {
    ind_dim dim = dim_parse(jstr(blk, "dimension", "ethnicity"));
    int scopes[SCOPE_COUNT], nscopes;
    scopes_of(blk, scopes, &nscopes);
    if (!b_value(b, I_ACCESS_SHARE, 0, dim, scopes[0], 0)) {
        char what[128];
        snprintf(what, sizeof what, "People supported by %s against the population", ind_dim_label(dim));
        not_available(s, what);
        return;
    }
    b->used[I_ACCESS_SHARE] = b->used[I_PEOPLE] = 1;
    b->uses_population = 1;
    int per1000 = 0;
    for (int i = 0; i < nscopes; i++)
        for (int g = 0; g < population_groups(b, dim); g++)
            if (b_value(b, I_PER_1000, 0, dim, scopes[i], g)) per1000 = 1;
    if (per1000) b->used[I_PER_1000] = 1;
    char *caption = text_expand(b, jstr(blk, "caption", "People supported against the population"));
    rpt_table *t = rpt_table_add(s, caption);
    free(caption);
    rpt_table_column(t, ind_dim_label(dim), ALIGN_LEFT, 2.0);
    rpt_table_column(t, "People supported", ALIGN_RIGHT, 1.0);
    rpt_table_column(t, "Share % (95% CI)", ALIGN_RIGHT, 1.6);
    rpt_table_column(t, "Population %", ALIGN_RIGHT, 1.0);
    rpt_table_column(t, "Ratio (95% CI)", ALIGN_RIGHT, 1.5);
    rpt_table_column(t, "Gap (points)", ALIGN_RIGHT, 0.9);
    if (per1000) rpt_table_column(t, "Per 1,000 population", ALIGN_RIGHT, 1.0);
    rpt_table_column(t, "Against population", ALIGN_LEFT, 1.3);
    size_t sig_col = t->ncols - 1;
    for (int i = 0; i < nscopes; i++) {
        int sc = scopes[i];
        size_t row = rpt_table_row(t, ROW_HEADING);
        rpt_table_set(t, row, 0, scope_label(sc), 0);
        for (int g = 0; g < population_groups(b, dim); g++) {
            const ind_value *v = b_value(b, I_ACCESS_SHARE, 0, dim, sc, g);
            if (!v) continue;
            char buf[128], lab[96], ci[64];
            row = rpt_table_row(t, 0);
            rpt_table_set(t, row, 0, ind_group_label(b->ctx->ind, dim, g, I_ACCESS_SHARE, lab, sizeof lab), 0);
            int sup_num = v->flags & IV_SUPPRESSED && isnan(v->num);
            fmt_count(v->num, sup_num, b->marker, buf, sizeof buf);
            rpt_table_set(t, row, 1, buf, sup_num ? CELL_SUPPRESSED : 0);
            fmt_value_bare(v, b->marker, buf, sizeof buf);
            fmt_interval(v, b->marker, ci, sizeof ci);
            if (ci[0]) {
                char both[200];
                snprintf(both, sizeof both, "%s (%s)", buf, ci);
                rpt_table_set(t, row, 2, both, 0);
            } else {
                rpt_table_set(t, row, 2, buf, v->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
            }
            /* No baseline for the group (not known, or none configured): "–", no data. */
            snprintf(buf, sizeof buf, "\xE2\x80\x93");
            if (!isnan(v->comparator)) fmt_number(v->comparator, 1, buf, sizeof buf);
            rpt_table_set(t, row, 3, buf, 0);
            if (isnan(v->comparator)) {
                rpt_table_set(t, row, 4, "\xE2\x80\x93", 0);
                rpt_table_set(t, row, 5, "\xE2\x80\x93", 0);
            }
            buf[0] = '\0';
            if (!isnan(v->comparator) && v->comparator > 0 && !(v->flags & (IV_SUPPRESSED | IV_NO_DATA))) {
                /* The ratio carries the share's interval divided by the population share. */
                char r[32], lo[32], hi[32];
                fmt_number(v->value / v->comparator, 2, r, sizeof r);
                fmt_number(v->lower / v->comparator, 2, lo, sizeof lo);
                fmt_number(v->upper / v->comparator, 2, hi, sizeof hi);
                snprintf(buf, sizeof buf, "%s (%s to %s)", r, lo, hi);
                rpt_table_set(t, row, 4, buf, 0);
                signed_number(fmt_round(v->value, 1) - fmt_round(v->comparator, 1), 1, buf, sizeof buf);
                rpt_table_set(t, row, 5, buf, 0);
            } else if (v->flags & IV_SUPPRESSED && !isnan(v->comparator)) {
                rpt_table_set(t, row, 4, b->marker, CELL_SUPPRESSED);
                rpt_table_set(t, row, 5, b->marker, CELL_SUPPRESSED);
            }
            if (per1000) {
                const ind_value *p = b_value(b, I_PER_1000, 0, dim, sc, g);
                snprintf(buf, sizeof buf, "\xE2\x80\x93");
                if (p) fmt_value_bare(p, b->marker, buf, sizeof buf);
                rpt_table_set(t, row, 6, buf, p && p->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
            }
            unsigned flags = v->sig95 == SIG_HIGHER ? CELL_HIGHER : v->sig95 == SIG_LOWER ? CELL_LOWER : 0;
            rpt_table_set(t, row, sig_col, isnan(v->comparator) ? "\xE2\x80\x93" : fmt_sig(v->sig95), flags);
        }
        const ind_value *tot = b_value(b, I_PEOPLE, 0, DIM_OVERALL, sc, 0);
        if (tot) {
            char buf[64];
            row = rpt_table_row(t, ROW_TOTAL);
            rpt_table_set(t, row, 0, "All people supported", 0);
            fmt_value(tot, b->marker, buf, sizeof buf);
            rpt_table_set(t, row, 1, buf, tot->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
            rpt_table_set(t, row, 2, "100.0", 0);
        }
    }
    t->notes = xstrdup("Share: of all people supported in the age range, including those whose group is "
                       "not recorded. Ratio: share divided by population share (1.00 = in proportion). "
                       "Gap: share minus population share, in percentage points. Against population: "
                       "whether the 95% interval of the share lies wholly above (▲) or below (▼) the "
                       "population share.");
    note_marker(b, t);
}

typedef struct pop_finding {
    char label[64];
    double share, pop;
    int sig95, sig998;
} pop_finding;

static void join_findings(strbuf *sb, const pop_finding *f, int n) {
    for (int i = 0; i < n; i++) {
        char a[32], p[32];
        fmt_number(f[i].share, 1, a, sizeof a);
        fmt_number(f[i].pop, 1, p, sizeof p);
        sb_printf(sb, "%s%s (%s%% against %s%%)", i == 0 ? "" : i + 1 == n ? " and " : ", ", f[i].label, a, p);
    }
}

static void build_population_findings(bctx *b, rpt_section *s, json_t *blk) {
    ind_dim dim = dim_parse(jstr(blk, "dimension", "ethnicity"));
    int scopes[SCOPE_COUNT], nscopes;
    scopes_of(blk, scopes, &nscopes);
    if (!b_value(b, I_ACCESS_SHARE, 0, dim, scopes[0], 0)) return;
    int ngroups = dim == DIM_ETHNICITY ? ETH_KNOWN_COUNT : population_groups(b, dim);
    int has_all = 0, has_bands = 0;
    for (int i = 0; i < nscopes; i++) {
        int sc = scopes[i];
        has_all |= sc == SCOPE_ALL;
        has_bands |= sc != SCOPE_ALL;
        pop_finding lower[IND_MAX_GROUPS], higher[IND_MAX_GROUPS];
        int nl = 0, nh = 0, compared = 0, suppressed = 0;
        double max_gap = 0;
        for (int g = 0; g < ngroups; g++) {
            const ind_value *v = b_value(b, I_ACCESS_SHARE, 0, dim, sc, g);
            if (!v || isnan(v->comparator)) continue;
            if (v->flags & IV_SUPPRESSED) {
                suppressed++;
                continue;
            }
            compared++;
            double gap = fabs(fmt_round(v->value, 1) - fmt_round(v->comparator, 1));
            if (gap > max_gap) max_gap = gap;
            pop_finding f;
            ind_group_label(b->ctx->ind, dim, g, I_ACCESS_SHARE, f.label, sizeof f.label);
            f.share = v->value;
            f.pop = v->comparator;
            f.sig95 = v->sig95;
            f.sig998 = v->sig998;
            if (v->sig95 == SIG_LOWER) lower[nl++] = f;
            if (v->sig95 == SIG_HIGHER) higher[nh++] = f;
        }
        if (!compared) continue;
        strbuf sb = STRBUF_INIT;
        sb_printf(&sb, "%s: ", scope_label(sc));
        if (nl) {
            join_findings(&sb, lower, nl);
            sb_printf(&sb, " %s under-represented: %s share of people supported is significantly lower "
                           "than %s share of the population.",
                      nl > 1 ? "are" : "is", nl > 1 ? "their" : "its", nl > 1 ? "their" : "its");
        }
        if (nh) {
            sb_puts(&sb, nl ? " " : "");
            join_findings(&sb, higher, nh);
            sb_printf(&sb, " %s over-represented (significantly higher than the population share).",
                      nh > 1 ? "are" : "is");
        }
        if (!nl && !nh) sb_puts(&sb, "no group's share differs significantly from its population share.");
        char gap[32];
        fmt_number(max_gap, 1, gap, sizeof gap);
        if (max_gap <= 2.0)
            sb_printf(&sb, " People supported are close to the population: no group's share is more than %s "
                           "percentage points from its population share.", gap);
        if (suppressed) sb_printf(&sb, " %d group%s not compared because numbers are small.", suppressed,
                                  suppressed > 1 ? "s are" : " is");
        rpt_paragraph(s, sb_str(&sb));
        sb_free(&sb);
    }
    if (has_all && has_bands && dim == DIM_ETHNICITY)
        rpt_paragraph(s, "The all-ages population includes children, while adult social care supports adults. "
                         "Groups with younger age profiles make up more of the all-ages population than of the "
                         "adult population, so the all-ages comparison overstates their under-representation; "
                         "the comparisons within each age range are the fair ones.");
}

static void build_population_chart(bctx *b, rpt_section *s, json_t *blk) {
    ind_dim dim = dim_parse(jstr(blk, "dimension", "ethnicity"));
    int sc = scope_parse(jstr(blk, "scope", "all"));
    if (!b_value(b, I_ACCESS_SHARE, 0, dim, sc, 0)) return;
    int ngroups = dim == DIM_ETHNICITY ? ETH_KNOWN_COUNT : population_groups(b, dim);
    int shown_groups[IND_MAX_GROUPS], n = 0;
    for (int g = 0; g < ngroups; g++) {
        const ind_value *v = b_value(b, I_ACCESS_SHARE, 0, dim, sc, g);
        if (v && !isnan(v->comparator)) shown_groups[n++] = g;
    }
    if (!n) return;
    char title[160];
    snprintf(title, sizeof title, "%s of people supported and of the population: %s",
             dim == DIM_ETHNICITY ? "Ethnic group" : ind_dim_label(dim), scope_label(sc));
    rpt_chart *c = rpt_chart_add(s, CHART_COMPARE_BARS, jstr(blk, "title", title), (size_t)n, 2, 0);
    rpt_set(&c->series[0].name, "People supported");
    rpt_set(&c->series[1].name, "Population");
    rpt_set(&c->axis_label, "Share (%)");
    rpt_set(&c->unit_suffix, "%");
    c->decimals = 1;
    strbuf desc = STRBUF_INIT, supp = STRBUF_INIT;
    sb_printf(&desc, "Paired bars comparing each group's share of people supported with its share of the "
                     "population (%s).", scope_label(sc));
    for (int i = 0; i < n; i++) {
        char lab[96];
        const ind_value *v = b_value(b, I_ACCESS_SHARE, 0, dim, sc, shown_groups[i]);
        ind_group_label(b->ctx->ind, dim, shown_groups[i], I_ACCESS_SHARE, lab, sizeof lab);
        c->categories[i] = xstrdup(lab);
        c->series[1].values[i] = v->comparator;
        char a[32], p[32];
        fmt_number(v->comparator, 1, p, sizeof p);
        if (v->flags & IV_SUPPRESSED) {
            sb_printf(&supp, "%s%s", supp.len ? ", " : "", lab);
            sb_printf(&desc, " %s: people supported %s, population %s%%.", lab, b->marker, p);
        } else {
            c->series[0].values[i] = v->value;
            fmt_number(v->value, 1, a, sizeof a);
            sb_printf(&desc, " %s: people supported %s%%, population %s%%.", lab, a, p);
        }
    }
    c->description = sb_detach(&desc);
    if (supp.len) c->notes = xasprintf("%s suppressed (small numbers): %s.", b->marker, sb_str(&supp));
    sb_free(&supp);
    rpt_chart_autoscale(c, 1);
}

static void build_composition_chart(bctx *b, rpt_section *s, json_t *blk) {
    int scopes[SCOPE_COUNT], nscopes;
    scopes_of(blk, scopes, &nscopes);
    if (!b_value(b, I_ACCESS_SHARE, 0, DIM_ETHNICITY, scopes[0], 0)) return;
    size_t ncat = (size_t)nscopes * 2;
    rpt_chart *c = rpt_chart_add(s, CHART_STACKED,
                                 jstr(blk, "title", "Ethnic make-up of people supported and of the population"),
                                 ncat, ETH_KNOWN_COUNT + 1, 0);
    rpt_set(&c->axis_label, "Share (%)");
    rpt_set(&c->unit_suffix, "%");
    c->decimals = 1;
    for (int g = 0; g < ETH_KNOWN_COUNT; g++) rpt_set(&c->series[g].name, ethnic_short_name((ethnic_group)g));
    rpt_set(&c->series[ETH_KNOWN_COUNT].name, "Not stated or not known");
    strbuf desc = STRBUF_INIT;
    sb_puts(&desc, "Stacked bars of the ethnic make-up of people supported and of the population for each age "
                   "range.");
    int any_suppressed = 0;
    for (int i = 0; i < nscopes; i++) {
        int sc = scopes[i];
        char lab[96];
        snprintf(lab, sizeof lab, "People supported: %s", scope_label(sc));
        c->categories[2 * i] = xstrdup(lab);
        snprintf(lab, sizeof lab, "Population: %s", scope_label(sc));
        c->categories[2 * i + 1] = xstrdup(lab);
        double unknown = 100;
        int unknown_ok = 1;
        sb_printf(&desc, " %s, people supported:", scope_label(sc));
        for (int g = 0; g < ETH_KNOWN_COUNT; g++) {
            const ind_value *v = b_value(b, I_ACCESS_SHARE, 0, DIM_ETHNICITY, sc, g);
            if (!v) continue;
            char a[32];
            if (!(v->flags & (IV_SUPPRESSED | IV_NO_DATA))) {
                c->series[g].values[2 * i] = v->value;
                unknown -= v->value;
                fmt_number(v->value, 1, a, sizeof a);
            } else {
                unknown_ok = 0;
                any_suppressed = 1;
                snprintf(a, sizeof a, "%s", b->marker);
            }
            c->series[g].values[2 * i + 1] = v->comparator;
            sb_printf(&desc, " %s %s%s", ethnic_short_name((ethnic_group)g), a, strcmp(a, b->marker) ? "%" : "");
        }
        /* Not stated/not known is shown only when no group is suppressed,
         * else it would give the suppressed share away. */
        if (unknown_ok) c->series[ETH_KNOWN_COUNT].values[2 * i] = unknown < 0 ? 0 : unknown;
        sb_puts(&desc, ".");
    }
    c->description = sb_detach(&desc);
    if (any_suppressed)
        c->notes = xasprintf("Some segments are suppressed (small numbers), so the bars for people supported do "
                             "not reach 100%%.");
    c->axis_min = 0;
    c->axis_max = 100;
    c->axis_step = 20;
}

/* ---- groups against the overall figure ----------------------------------------------------- */

static void dims_of(json_t *blk, ind_dim *dims, int *n) {
    json_t *arr = json_object_get(blk, "dims");
    *n = 0;
    if (!arr) {
        if (json_is_string(json_object_get(blk, "dim"))) {
            dims[(*n)++] = dim_parse(jstr(blk, "dim", "ethnicity"));
            return;
        }
        for (int d = 0; d < 5; d++) dims[(*n)++] = IND_EQUITY_DIMS[d];
        return;
    }
    for (size_t i = 0; i < json_array_size(arr) && *n < 5; i++)
        dims[(*n)++] = dim_parse(json_string_value(json_array_get(arr, i)));
}

static unsigned sig_flags(int sig) {
    return sig == SIG_HIGHER ? CELL_HIGHER : sig == SIG_LOWER ? CELL_LOWER : 0;
}

static void group_row(bctx *b, rpt_table *t, const ind_value *v, const char *label, unsigned row_flags,
                      int with_num) {
    char buf[96];
    size_t row = rpt_table_row(t, row_flags);
    size_t c = 0;
    rpt_table_set(t, row, c++, label, 0);
    if (with_num) {
        int sup = v->num_cell >= 0 && ind_cell_suppressed(b->ctx->ind, v->num_cell);
        fmt_count(v->num, sup, b->marker, buf, sizeof buf);
        rpt_table_set(t, row, c++, buf, sup ? CELL_SUPPRESSED : 0);
    }
    int sup = v->den_cell >= 0 && ind_cell_suppressed(b->ctx->ind, v->den_cell);
    fmt_count(v->den, sup, b->marker, buf, sizeof buf);
    rpt_table_set(t, row, c++, buf, sup ? CELL_SUPPRESSED : 0);
    fmt_value(v, b->marker, buf, sizeof buf);
    rpt_table_set(t, row, c++, buf, v->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
    fmt_interval(v, b->marker, buf, sizeof buf);
    rpt_table_set(t, row, c++, buf, 0);
    if (v->dim == DIM_OVERALL) return;
    rpt_table_set(t, row, c++, fmt_sig(v->sig95), sig_flags(v->sig95));
    rpt_table_set(t, row, c, v->sig998 == SIG_HIGHER || v->sig998 == SIG_LOWER ? "Yes" : "No", 0);
}

static void build_group_table(bctx *b, rpt_section *s, json_t *blk) {
    ind_id id = (ind_id)ind_find(jstr(blk, "indicator", ""));
    int k = group_period(b, id);
    const ind_value *overall = b_value(b, id, k, DIM_OVERALL, SCOPE_ALL, 0);
    if (!overall) {
        char what[160];
        snprintf(what, sizeof what, "%s by group", ind_get(id)->label);
        not_available(s, what);
        return;
    }
    b->used[id] = 1;
    const ind_def *d = ind_get(id);
    if (d->kind == KIND_MEDIAN) b->uses_medians = 1;
    ind_dim dims[5];
    int ndims;
    dims_of(blk, dims, &ndims);
    const char *num_label, *den_label;
    count_labels(id, &num_label, &den_label);
    int with_num = num_label != NULL;
    char caption[200], when[64];
    group_period_words(b, id, when, sizeof when);
    snprintf(caption, sizeof caption, "%s by group, %s", d->label, when);
    char *cap = text_expand(b, jstr(blk, "caption", caption));
    rpt_table *t = rpt_table_add(s, cap);
    free(cap);
    rpt_table_column(t, "Group", ALIGN_LEFT, 2.2);
    if (with_num) rpt_table_column(t, num_label, ALIGN_RIGHT, 1.0);
    rpt_table_column(t, den_label, ALIGN_RIGHT, 1.0);
    rpt_table_column(t, d->kind == KIND_SHARE ? "Rate %" : "Value", ALIGN_RIGHT, 0.9);
    rpt_table_column(t, "95% interval", ALIGN_RIGHT, 1.3);
    rpt_table_column(t, "Against overall (95%)", ALIGN_LEFT, 1.4);
    rpt_table_column(t, "Also at 99.8%", ALIGN_LEFT, 0.8);
    group_row(b, t, overall, "Overall", ROW_TOTAL, with_num);
    for (int i = 0; i < ndims; i++) {
        size_t row = rpt_table_row(t, ROW_HEADING);
        rpt_table_set(t, row, 0, ind_dim_label(dims[i]), 0);
        for (int g = 0; g < ind_dim_groups(b->ctx->ind, dims[i]); g++) {
            const ind_value *v = b_value(b, id, k, dims[i], SCOPE_ALL, g);
            if (!v || (v->flags & IV_NO_DATA && !(v->flags & IV_SUPPRESSED) && v->den == 0)) continue;
            char lab[96];
            group_row(b, t, v, ind_group_label(b->ctx->ind, dims[i], g, id, lab, sizeof lab), 0, with_num);
        }
    }
    t->notes = xasprintf("Against overall: whether the group's 95%% interval lies wholly above (▲ higher) or "
                         "below (▼ lower) the overall figure; ● similar otherwise. Groups with no records are "
                         "not listed.%s",
                         overall->flags & IV_UNLINKED
                             ? " Overall also counts records not yet linked to a person, which have no group, so "
                               "the groups can add up to less."
                             : "");
    note_marker(b, t);
}

static void build_group_matrix(bctx *b, rpt_section *s, json_t *blk) {
    ind_dim dim = dim_parse(jstr(blk, "dim", "ethnicity"));
    json_t *arr = json_object_get(blk, "indicators");
    ind_ref refs[8];
    int n = 0;
    for (size_t i = 0; i < json_array_size(arr) && n < 8; i++) {
        ind_ref r = ind_ref_parse(json_array_get(arr, i));
        if (b_value(b, r.id, group_period(b, r.id), DIM_OVERALL, SCOPE_ALL, 0)) refs[n++] = r;
    }
    if (!n) return;
    char caption[200], when[64];
    group_period_words(b, refs[0].id, when, sizeof when);
    snprintf(caption, sizeof caption, "Outcomes by %s, %s", ind_dim_label(dim), when);
    char *cap = text_expand(b, jstr(blk, "caption", caption));
    rpt_table *t = rpt_table_add(s, cap);
    free(cap);
    rpt_table_column(t, ind_dim_label(dim), ALIGN_LEFT, 1.8);
    for (int i = 0; i < n; i++) {
        char lab[128];
        ref_label(b, &refs[i], lab, sizeof lab);
        rpt_table_column(t, lab, ALIGN_RIGHT, 1.0);
        b->used[refs[i].id] = 1;
    }
    for (int g = -1; g < ind_dim_groups(b->ctx->ind, dim); g++) {
        int any = 0;
        for (int i = 0; i < n && !any; i++) {
            int k = group_period(b, refs[i].id);
            const ind_value *v = g < 0 ? b_value(b, refs[i].id, k, DIM_OVERALL, SCOPE_ALL, 0)
                                       : b_value(b, refs[i].id, k, dim, SCOPE_ALL, g);
            any = v && !(v->flags & IV_NO_DATA && !(v->flags & IV_SUPPRESSED));
        }
        if (!any) continue;
        size_t row = rpt_table_row(t, g < 0 ? ROW_TOTAL : 0);
        char lab[96];
        rpt_table_set(t, row, 0, g < 0 ? "Overall" : ind_group_label(b->ctx->ind, dim, g, refs[0].id, lab, sizeof lab), 0);
        for (int i = 0; i < n; i++) {
            int k = group_period(b, refs[i].id);
            const ind_value *v = g < 0 ? b_value(b, refs[i].id, k, DIM_OVERALL, SCOPE_ALL, 0)
                                       : b_value(b, refs[i].id, k, dim, SCOPE_ALL, g);
            char buf[64], cell[80];
            value_text(b, v, buf, sizeof buf);
            const char *mark = !v || g < 0 ? "" : v->sig95 == SIG_HIGHER ? " ▲" : v->sig95 == SIG_LOWER ? " ▼" : "";
            snprintf(cell, sizeof cell, "%s%s", buf, mark);
            unsigned flags = v ? sig_flags(v->sig95) : 0;
            if (v && v->flags & IV_SUPPRESSED) flags |= CELL_SUPPRESSED;
            rpt_table_set(t, row, (size_t)i + 1, cell, g < 0 ? 0 : flags);
        }
    }
    t->notes = xstrdup("▲/▼: significantly higher/lower than the overall figure (95% interval wholly above or "
                       "below it). Whether higher is better depends on the measure.");
    note_marker(b, t);
}

static void build_dot_chart(bctx *b, rpt_section *s, json_t *blk) {
    ind_id id = (ind_id)ind_find(jstr(blk, "indicator", ""));
    ind_dim dim = dim_parse(jstr(blk, "dim", "ethnicity"));
    int k = group_period(b, id);
    const ind_value *overall = b_value(b, id, k, DIM_OVERALL, SCOPE_ALL, 0);
    if (!overall) return;
    b->used[id] = 1;
    const ind_def *d = ind_get(id);
    int groups[IND_MAX_GROUPS], n = 0, shown_n = 0;
    for (int g = 0; g < ind_dim_groups(b->ctx->ind, dim); g++) {
        const ind_value *v = b_value(b, id, k, dim, SCOPE_ALL, g);
        if (v && !(v->flags & IV_NO_DATA && !(v->flags & IV_SUPPRESSED))) {
            groups[n++] = g;
            shown_n += !(v->flags & IV_SUPPRESSED);
        }
    }
    if (!n) return;
    char title[240], when[64];
    group_period_words(b, id, when, sizeof when);
    if (!shown_n) {
        char *text = xasprintf("%s by %s (%s) is not charted: every group's figure is suppressed because "
                               "its numbers are small.", d->label, ind_dim_label(dim), when);
        rpt_paragraph(s, text);
        free(text);
        return;
    }
    snprintf(title, sizeof title, "%s by %s, %s, with 95%% intervals", d->label, ind_dim_label(dim), when);
    rpt_chart *c = rpt_chart_add(s, CHART_DOT_INTERVAL, jstr(blk, "title", title), (size_t)n, 1, 1);
    rpt_set(&c->series[0].name, d->label);
    int pct = d->kind == KIND_SHARE;
    char axis[96];
    snprintf(axis, sizeof axis, "%s%s", d->label, pct ? " (%)" : strcmp(d->unit, "people") ? "" : "");
    if (!pct) snprintf(axis, sizeof axis, "%s (%s)", d->label, d->unit);
    rpt_set(&c->axis_label, axis);
    rpt_set(&c->unit_suffix, pct ? "%" : "");
    c->decimals = d->decimals;
    char ov[32];
    fmt_value(overall, b->marker, ov, sizeof ov);
    if (!(overall->flags & (IV_SUPPRESSED | IV_NO_DATA))) {
        c->reference = overall->value;
        char lab[64];
        snprintf(lab, sizeof lab, "Overall %s", ov);
        rpt_set(&c->reference_label, lab);
    }
    strbuf desc = STRBUF_INIT, hi = STRBUF_INIT, lo = STRBUF_INIT, supp = STRBUF_INIT;
    sb_printf(&desc, "%s for each %s group with its 95%% interval, against the overall figure of %s.", d->label,
              ind_dim_label(dim), ov);
    for (int i = 0; i < n; i++) {
        const ind_value *v = b_value(b, id, k, dim, SCOPE_ALL, groups[i]);
        char lab[96], val[32];
        ind_group_label(b->ctx->ind, dim, groups[i], id, lab, sizeof lab);
        c->categories[i] = xstrdup(lab);
        if (v->flags & IV_SUPPRESSED) {
            sb_printf(&supp, "%s%s", supp.len ? ", " : "", lab);
            continue;
        }
        c->series[0].values[i] = v->value;
        c->series[0].lower[i] = v->lower;
        c->series[0].upper[i] = v->upper;
        c->sig[i] = v->sig95 == SIG_HIGHER ? SIGMARK_HIGHER : v->sig95 == SIG_LOWER ? SIGMARK_LOWER
                    : v->sig95 == SIG_SIMILAR ? SIGMARK_SIMILAR : SIGMARK_NONE;
        fmt_value(v, b->marker, val, sizeof val);
        if (v->sig95 == SIG_HIGHER) sb_printf(&hi, "%s%s (%s)", hi.len ? ", " : "", lab, val);
        if (v->sig95 == SIG_LOWER) sb_printf(&lo, "%s%s (%s)", lo.len ? ", " : "", lab, val);
    }
    sb_printf(&desc, " Significantly higher: %s.", hi.len ? sb_str(&hi) : "none");
    sb_printf(&desc, " Significantly lower: %s.", lo.len ? sb_str(&lo) : "none");
    if (supp.len) {
        sb_printf(&desc, " Suppressed: %s.", sb_str(&supp));
        c->notes = xasprintf("%s suppressed (small numbers): %s.", b->marker, sb_str(&supp));
    }
    c->description = sb_detach(&desc);
    sb_free(&hi);
    sb_free(&lo);
    sb_free(&supp);
    rpt_chart_autoscale(c, pct);
}

static void build_trend_chart(bctx *b, rpt_section *s, json_t *blk) {
    const sv_model *m = b->ctx->model;
    json_t *arr = json_object_get(blk, "indicators");
    ind_ref refs[6];
    int n = 0;
    for (size_t i = 0; i < json_array_size(arr) && n < 6; i++) {
        ind_ref r = ind_ref_parse(json_array_get(arr, i));
        if (ref_value(b, &r, 0)) refs[n++] = r;
    }
    if (!n) return;
    const ind_def *d0 = ind_get(refs[0].id);
    char title[200];
    if (n == 1) {
        char lab[128];
        ref_label(b, &refs[0], lab, sizeof lab);
        snprintf(title, sizeof title, "%s, last %d periods", lab, m->nperiods);
    } else {
        snprintf(title, sizeof title, "Trends over the last %d periods", m->nperiods);
    }
    rpt_chart *c = rpt_chart_add(s, CHART_TREND, jstr(blk, "title", title), (size_t)m->nperiods, (size_t)n, 0);
    int pct = d0->kind == KIND_SHARE || strcmp(d0->unit, "percent") == 0;
    rpt_set(&c->unit_suffix, pct ? "%" : "");
    char axis[96];
    snprintf(axis, sizeof axis, pct ? "%%" : "%s", d0->unit);
    rpt_set(&c->axis_label, axis);
    c->decimals = d0->decimals;
    for (int k = 0; k < m->nperiods; k++) c->categories[k] = xstrdup(m->periods[m->nperiods - 1 - k].label);
    strbuf desc = STRBUF_INIT;
    sb_printf(&desc, "Line chart over %d periods from %s to %s.", m->nperiods, m->periods[m->nperiods - 1].label,
              m->periods[0].label);
    for (int i = 0; i < n; i++) {
        char lab[128];
        ref_label(b, &refs[i], lab, sizeof lab);
        rpt_set(&c->series[i].name, lab);
        b->used[refs[i].id] = 1;
        sb_printf(&desc, " %s:", lab);
        for (int k = 0; k < m->nperiods; k++) {
            const ind_value *v = ref_value(b, &refs[i], m->nperiods - 1 - k);
            char val[32];
            value_text(b, v, val, sizeof val);
            if (v && !(v->flags & (IV_SUPPRESSED | IV_NO_DATA))) c->series[i].values[k] = v->value;
            sb_printf(&desc, "%s %s", k ? "," : "", val);
        }
        sb_putc(&desc, '.');
    }
    if (n == 1) {
        char key[64];
        target_key(&refs[0], key, sizeof key);
        const cfg_target *t = cfg_target_for(b->ctx->cfg, key);
        if (t) {
            c->reference = t->green;
            char lab[64], g[32];
            fmt_number(t->green, d0->decimals, g, sizeof g);
            snprintf(lab, sizeof lab, "Target %s%s", g, pct ? "%" : "");
            rpt_set(&c->reference_label, lab);
            sb_printf(&desc, " Target %s.", g);
        }
    }
    c->description = sb_detach(&desc);
    rpt_chart_autoscale(c, 0);
}

static void build_item_table(bctx *b, rpt_section *s, json_t *blk) {
    ind_id id = (ind_id)ind_find(jstr(blk, "indicator", ""));
    const ind_def *d = ind_get(id);
    const sv_model *m = b->ctx->model;
    /* "over": "12 months" shows the equity window instead of the period and
     * the one before it, where the indicator is computed for it. */
    int annual = strcmp(jstr(blk, "over", "period"), "12 months") == 0 && m->equity;
    int k0 = annual ? m->equity : 0;
    int first = -1;
    for (int it = 0; it < 2 * IND_MAX_GROUPS; it++)
        if (b_value(b, id, k0, DIM_ITEM, SCOPE_ALL, it)) {
            first = it;
            break;
        }
    if (first < 0) {
        /* Spend has no unit column: a unit's share of it cannot be known. */
        if (id == I_SPEND_SHARE && ind_unit(b->ctx->ind))
            rpt_paragraph(s, "Spend is not shown for a unit: the spend extract does not say which unit spent "
                             "what; see the whole organisation's document.");
        else
            not_available(s, d->label);
        return;
    }
    b->used[id] = 1;
    if (d->kind == KIND_MEDIAN) b->uses_medians = 1;
    char caption[200], when[64];
    period_words(b, k0, when, sizeof when);
    snprintf(caption, sizeof caption, "%s, %s", d->label, when);
    char *cap = text_expand(b, jstr(blk, "caption", caption));
    rpt_table *t = rpt_table_add(s, cap);
    free(cap);
    int counts = d->kind == KIND_COUNT;
    rpt_table_column(t, "Item", ALIGN_LEFT, 2.6);
    rpt_table_column(t, annual ? "12 months" : m->periods[0].label, ALIGN_RIGHT, 1.0);
    if (!annual) rpt_table_column(t, m->nperiods > 1 ? m->periods[1].label : "Previous", ALIGN_RIGHT, 1.0);
    if (!counts) {
        rpt_table_column(t, "Base", ALIGN_RIGHT, 0.9);
        rpt_table_column(t, "95% interval", ALIGN_RIGHT, 1.3);
    }
    for (int it = 0; it < 2 * IND_MAX_GROUPS; it++) {
        const ind_value *v = b_value(b, id, k0, DIM_ITEM, SCOPE_ALL, it);
        if (!v) continue;
        char buf[128];
        size_t row = rpt_table_row(t, 0), col = 1;
        item_label(b, id, it, buf, sizeof buf);
        rpt_table_set(t, row, 0, buf, 0);
        value_text(b, v, buf, sizeof buf);
        rpt_table_set(t, row, col++, buf, v->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
        if (!annual) {
            const ind_value *prev = b_value(b, id, 1, DIM_ITEM, SCOPE_ALL, it);
            value_text(b, prev, buf, sizeof buf);
            rpt_table_set(t, row, col++, buf, prev && prev->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
        }
        if (!counts) {
            int sup = v->den_cell >= 0 && ind_cell_suppressed(b->ctx->ind, v->den_cell);
            if (d->kind == KIND_MONEY_SHARE) {
                buf[0] = '\0';
                if (it != ITEM_SPEND_TOTAL && !isnan(v->den)) {
                    char n[32];
                    fmt_number(v->den, 0, n, sizeof n);
                    snprintf(buf, sizeof buf, "£%s", n);
                }
            } else {
                fmt_count(v->den, sup, b->marker, buf, sizeof buf);
            }
            rpt_table_set(t, row, col++, buf, sup ? CELL_SUPPRESSED : 0);
            fmt_interval(v, b->marker, buf, sizeof buf);
            rpt_table_set(t, row, col, buf, 0);
        }
    }
    note_marker(b, t);
}

/* ---- findings ------------------------------------------------------------------------------ */

typedef struct finding {
    double strength;
    char text[400];
} finding;

static int finding_cmp(const void *a, const void *b) {
    double x = ((const finding *)a)->strength, y = ((const finding *)b)->strength;
    return (x < y) - (x > y);
}

static void build_equity_findings(bctx *b, rpt_section *s, json_t *blk) {
    json_t *arr = json_object_get(blk, "indicators");
    long max = json_is_integer(json_object_get(blk, "max")) ? (long)json_integer_value(json_object_get(blk, "max")) : 8;
    finding *fs = NULL;
    size_t n = 0, cap = 0, compared = 0;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        ind_ref r = ind_ref_parse(json_array_get(arr, i));
        int k = group_period(b, r.id);
        const ind_value *overall = b_value(b, r.id, k, DIM_OVERALL, SCOPE_ALL, 0);
        if (!overall || overall->flags & (IV_SUPPRESSED | IV_NO_DATA)) continue;
        const ind_def *d = ind_get(r.id);
        for (int di = 0; di < 5; di++) {
            ind_dim dim = IND_EQUITY_DIMS[di];
            for (int g = 0; g < ind_dim_groups(b->ctx->ind, dim); g++) {
                const ind_value *v = b_value(b, r.id, k, dim, SCOPE_ALL, g);
                if (!v || v->sig95 == SIG_NOT_COMPARED) continue;
                compared++;
                if (v->sig95 == SIG_SIMILAR) continue;
                b->used[r.id] = 1;
                XGROW(fs, cap, n + 1);
                char lab[96], val[32], ov[32], ci[64];
                ind_group_label(b->ctx->ind, dim, g, r.id, lab, sizeof lab);
                fmt_value(v, b->marker, val, sizeof val);
                fmt_value(overall, b->marker, ov, sizeof ov);
                fmt_interval(v, b->marker, ci, sizeof ci);
                int higher = v->sig95 == SIG_HIGHER;
                const char *judge = d->better == POLARITY_NEUTRAL ? ""
                                    : (higher == (d->better == POLARITY_HIGHER)) ? " (better)" : " (worse)";
                int strong = v->sig998 == SIG_HIGHER || v->sig998 == SIG_LOWER;
                /* The intro names the equity window; others say their own. */
                char when[80] = "";
                if (k != b->ctx->model->equity) {
                    group_period_words(b, r.id, when + 2, sizeof when - 2);
                    memcpy(when, ", ", 2);
                }
                snprintf(fs[n].text, sizeof fs[n].text, "%s, %s (%s)%s: %s (95%% interval %s) against %s overall; "
                         "significantly %s%s%s.", d->label, ind_dim_label(dim), lab, when, val, ci, ov,
                         higher ? "higher" : "lower", judge, strong ? ", also at 99.8%" : "");
                double rel = fabs(v->value - overall->value) / (fabs(overall->value) + 1e-9);
                fs[n].strength = (strong ? 10 : 0) + rel;
                n++;
            }
        }
    }
    if (!compared) return;
    if (!n) {
        rpt_paragraph(s, "No group differs significantly from the overall figure on these measures at the 95% "
                         "level.");
        return;
    }
    qsort(fs, n, sizeof *fs, finding_cmp);
    size_t shown_n = n < (size_t)max ? n : (size_t)max;
    const char **items = xcalloc(shown_n, sizeof *items);
    for (size_t i = 0; i < shown_n; i++) items[i] = fs[i].text;
    char intro[600], when[64];
    group_period_words(b, I_DNA, when, sizeof when);
    snprintf(intro, sizeof intro, "Over the %s, %zu of %zu group comparisons differ significantly from the overall "
             "figure at 95%%%s. With this many comparisons some differences at 95%% are expected by chance; "
             "those also significant at 99.8%% are the firmest signals and are listed first.", when, n, compared,
             n > shown_n ? "; the strongest are listed" : "");
    rpt_paragraph(s, intro);
    rpt_list(s, items, shown_n, 0);
    free(items);
    free(fs);
}

static void build_gradient_table(bctx *b, rpt_section *s, json_t *blk) {
    json_t *arr = json_object_get(blk, "indicators");
    rpt_table *t = NULL;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        ind_ref r = ind_ref_parse(json_array_get(arr, i));
        const ind_gradient *g = ind_gradient_for(b->ctx->ind, r.id, group_period(b, r.id));
        if (!g) continue;
        if (!t) {
            char *cap = text_expand(b, jstr(blk, "caption", "Gradient across deprivation deciles"));
            t = rpt_table_add(s, cap);
            free(cap);
            rpt_table_column(t, "Measure", ALIGN_LEFT, 2.4);
            rpt_table_column(t, "Deciles used", ALIGN_RIGHT, 0.8);
            rpt_table_column(t, "Slope index (points)", ALIGN_RIGHT, 1.2);
            rpt_table_column(t, "95% interval", ALIGN_RIGHT, 1.3);
            rpt_table_column(t, "Relative index", ALIGN_RIGHT, 0.9);
            rpt_table_column(t, "Reading", ALIGN_LEFT, 2.0);
        }
        b->used[r.id] = 1;
        b->uses_sii = 1;
        char buf[96], lo[32], hi[32];
        size_t row = rpt_table_row(t, 0);
        rpt_table_set(t, row, 0, ind_get(r.id)->label, 0);
        snprintf(buf, sizeof buf, "%d", g->deciles_used);
        rpt_table_set(t, row, 1, buf, 0);
        signed_number(g->sii.sii, 1, buf, sizeof buf);
        rpt_table_set(t, row, 2, buf, 0);
        signed_number(g->sii.sii_lower, 1, lo, sizeof lo);
        signed_number(g->sii.sii_upper, 1, hi, sizeof hi);
        snprintf(buf, sizeof buf, "%s to %s", lo, hi);
        rpt_table_set(t, row, 3, buf, 0);
        fmt_number(g->sii.rii, 2, buf, sizeof buf);
        rpt_table_set(t, row, 4, buf, 0);
        const char *reading = g->sii.sii_lower > 0   ? "Higher in less deprived areas"
                              : g->sii.sii_upper < 0 ? "Higher in more deprived areas"
                                                     : "No clear gradient";
        rpt_table_set(t, row, 5, reading, 0);
    }
    if (t)
        t->notes = xstrdup("Slope index of inequality: the modelled difference between the least deprived (decile "
                           "10) and most deprived (decile 1) ends of the population, in percentage points; "
                           "positive means higher in less deprived areas. Relative index: the ratio of those two "
                           "modelled values. Deciles with fewer than 10 records or suppressed counts are left out.");
    else
        rpt_paragraph(s, "A gradient across deprivation is not estimated: it needs at least five deprivation "
                         "deciles with 10 or more records each.");
}

/* ---- learning --------------------------------------------------------------------------------- */

typedef struct action_row {
    const action *a;
} action_row;

static int action_cmp(const void *x, const void *y) {
    const action *a = ((const action_row *)x)->a, *b = ((const action_row *)y)->a;
    if (a->deadline != b->deadline) return a->deadline < b->deadline ? -1 : 1;
    return strcmp(a->title, b->title);
}

static void build_actions_table(bctx *b, rpt_section *s, json_t *blk) {
    const sv_model *m = b->ctx->model;
    if (!m->present[EX_ACTIONS]) {
        rpt_paragraph(s, "Improvement actions: not available: actions.csv was not supplied.");
        return;
    }
    b->used[I_ACTIONS] = 1;
    const char *which = jstr(blk, "which", "open");
    const sv_period *P = &m->periods[0];
    action_row *rows = xcalloc(m->nactions + 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < m->nactions; i++) {
        const action *a = &m->actions[i];
        int open = (a->status == ACT_OPEN || a->status == ACT_IN_PROGRESS) ||
                   (a->status == ACT_DONE && a->closed != SV_NO_DATE && a->closed > P->end);
        if (a->created != SV_NO_DATE && a->created > P->end) open = 0;
        int keep = strcmp(which, "closed") == 0 ? a->status == ACT_DONE && period_contains(P, a->closed)
                   : strcmp(which, "overdue") == 0 ? open && a->deadline < P->end
                                                   : open && a->deadline >= P->end;
        if (keep) rows[n++].a = a;
    }
    qsort(rows, n, sizeof *rows, action_cmp);
    static const char *const captions[] = {"Overdue improvement actions at the end of the period",
                                           "Open improvement actions (not overdue) at the end of the period",
                                           "Improvement actions closed in the period"};
    int w = strcmp(which, "overdue") == 0 ? 0 : strcmp(which, "open") == 0 ? 1 : 2;
    if (!n) {
        static const char *const none[] = {"No improvement action was overdue at the end of the period.",
                                           "No other improvement action was open at the end of the period.",
                                           "No improvement action was closed in the period."};
        rpt_paragraph(s, none[w]);
        free(rows);
        return;
    }
    char *cap = text_expand(b, jstr(blk, "caption", captions[w]));
    rpt_table *t = rpt_table_add(s, cap);
    free(cap);
    rpt_table_column(t, "Action", ALIGN_LEFT, 4.0);
    rpt_table_column(t, "Source", ALIGN_LEFT, 1.2);
    rpt_table_column(t, "Deadline", ALIGN_RIGHT, 1.1);
    rpt_table_column(t, w == 2 ? "Closed" : "Status", ALIGN_LEFT, 1.1);
    if (w == 0) rpt_table_column(t, "Days overdue", ALIGN_RIGHT, 0.9);
    for (size_t i = 0; i < n; i++) {
        const action *a = rows[i].a;
        char buf[64];
        size_t row = rpt_table_row(t, 0);
        rpt_table_set(t, row, 0, a->title, 0);
        code_display(&ACTION_SOURCE_LIST, a->source, buf, sizeof buf);
        rpt_table_set(t, row, 1, a->source >= 0 ? buf : "Not recorded", 0);
        day_format_iso(a->deadline, buf);
        rpt_table_set(t, row, 2, buf, 0);
        if (w == 2) {
            day_format_iso(a->closed, buf);
        } else {
            code_display(&ACTION_STATUS_LIST, a->status == ACT_DONE ? ACT_IN_PROGRESS : a->status, buf, sizeof buf);
        }
        rpt_table_set(t, row, 3, buf, 0);
        if (w == 0) {
            snprintf(buf, sizeof buf, "%d", (int)(P->end - a->deadline));
            rpt_table_set(t, row, 4, buf, CELL_RAG_RED);
        }
    }
    if (ind_unit(b->ctx->ind)) t->notes = xstrdup("Actions are for the whole organisation.");
    free(rows);
}

/* ---- appendices --------------------------------------------------------------------------------- */

static void build_data_quality(bctx *b, rpt_section *s, json_t *blk) {
    (void)blk;
    const dq_log *dq = b->ctx->dq;
    const sv_model *m = b->ctx->model;
    rpt_table *t = rpt_table_add(s, "Extracts read");
    rpt_table_column(t, "Extract", ALIGN_LEFT, 1.4);
    rpt_table_column(t, "Rows read", ALIGN_RIGHT, 1.0);
    rpt_table_column(t, "Rows excluded", ALIGN_RIGHT, 1.0);
    rpt_table_column(t, "Rows used", ALIGN_RIGHT, 1.0);
    rpt_table_column(t, "Status", ALIGN_LEFT, 2.0);
    for (int e = 0; e < EX_COUNT; e++) {
        const dq_extract_stats *st = dq_stats(dq, (extract_id)e);
        char buf[64];
        size_t row = rpt_table_row(t, 0);
        snprintf(buf, sizeof buf, "%s.csv", extract_get((extract_id)e)->name);
        rpt_table_set(t, row, 0, buf, 0);
        if (!st->present) {
            rpt_table_set(t, row, 4, e == EX_POPULATION && m->npopulation ? "Baselines from the config" : "Not supplied", 0);
            continue;
        }
        fmt_number(st->rows_read, 0, buf, sizeof buf);
        rpt_table_set(t, row, 1, buf, 0);
        fmt_number(st->rows_excluded, 0, buf, sizeof buf);
        rpt_table_set(t, row, 2, buf, 0);
        fmt_number(st->rows_read - st->rows_excluded, 0, buf, sizeof buf);
        rpt_table_set(t, row, 3, buf, 0);
        rpt_table_set(t, row, 4, st->rows_excluded ? "Read; some rows excluded" : "Read", 0);
    }
    t->notes = xstrdup("Counts of rows are about records, not people, and are not suppressed.");
    if (dq_entry_count(dq) == 0) {
        rpt_paragraph(s, "No problems were found in the extracts: no row was excluded or had a value "
                         "treated as not known.");
    } else {
        rpt_paragraph(s, "Each problem below was counted per extract and column. Rows marked 'Excluded' were not "
                         "used for any figure; 'Kept' rows were used with the value treated as not known. Values "
                         "are not shown here because they may be personal data; the run's error output gives "
                         "the first examples with their values for the data owner.");
        rpt_table *p = rpt_table_add(s, "Problems found");
        rpt_table_column(p, "Extract", ALIGN_LEFT, 1.1);
        rpt_table_column(p, "Column", ALIGN_LEFT, 1.3);
        rpt_table_column(p, "Problem", ALIGN_LEFT, 3.0);
        rpt_table_column(p, "Rows", ALIGN_RIGHT, 0.7);
        rpt_table_column(p, "Effect", ALIGN_LEFT, 0.8);
        rpt_table_column(p, "First lines", ALIGN_LEFT, 1.2);
        for (size_t i = 0; i < dq_entry_count(dq); i++) {
            const dq_entry *e = dq_entry_at(dq, i);
            char buf[128];
            size_t row = rpt_table_row(p, 0);
            rpt_table_set(p, row, 0, extract_get(e->extract)->name, 0);
            rpt_table_set(p, row, 1, e->column[0] ? e->column : "(whole row)", 0);
            rpt_table_set(p, row, 2, dq_reason_text(e->reason), 0);
            fmt_number(e->count, 0, buf, sizeof buf);
            rpt_table_set(p, row, 3, buf, 0);
            rpt_table_set(p, row, 4, dq_reason_effect(e->reason) == DQ_EXCLUDE ? "Excluded" : "Kept", 0);
            strbuf lines = STRBUF_INIT;
            for (int x = 0; x < e->nexamples; x++) sb_printf(&lines, "%s%ld", x ? ", " : "", e->examples[x].line);
            rpt_table_set(p, row, 5, sb_str(&lines), 0);
            sb_free(&lines);
        }
    }
    if (m->visits_outside) {
        char buf[200], n[32];
        fmt_number((double)m->visits_outside, 0, n, sizeof n);
        snprintf(buf, sizeof buf, "%s visit rows fall outside the %d periods this report covers and were not "
                 "used (this is expected, not a problem).", n, m->nperiods);
        rpt_paragraph(s, buf);
    }
    if (b_value(b, I_RECORDED, 0, DIM_ITEM, SCOPE_ALL, 0)) {
        json_t *fake = json_pack("{ss ss}", "indicator", "recording_completeness", "caption",
                                 "Recording completeness: people supported with each characteristic recorded");
        build_item_table(b, s, fake);
        json_decref(fake);
    }
}

static void build_methods(bctx *b, rpt_section *s, json_t *blk) {
    (void)blk;
    const sv_model *m = b->ctx->model;
    const sv_config *cfg = b->ctx->cfg;
    const sdc_rules *r = ind_rules(b->ctx->ind);
    char buf[1200], p0[96];
    rpt_heading(s, 2, "methods-periods", "Periods");
    period_describe(&m->periods[0], p0, sizeof p0);
    snprintf(buf, sizeof buf, "The report period is %s (%s). Trends show it with the %d periods of the same length "
             "before it, from %s, all computed from the same extracts. Quarters follow the UK financial year "
             "(Q1 is April to June). Ages are taken on the last day of each period. Workforce rates look back "
             "12 months from the end of each period.", m->periods[0].label, p0, m->nperiods - 1,
             m->periods[m->nperiods - 1].label);
    rpt_paragraph(s, buf);
    if (m->equity) {
        char w[96];
        period_describe(&m->periods[m->equity], w, sizeof w);
        snprintf(buf, sizeof buf, "Experience and outcomes are compared between groups over the 12 months to the "
                 "end of the period (%s), not the period alone: one period's numbers for most groups are too small "
                 "to compare or to show, and public health statistics pool time for small groups in the same "
                 "way. Headline figures and trends are for each period. Who uses the service is compared for "
                 "the period itself.", w);
        rpt_paragraph(s, buf);
    }
    rpt_heading(s, 2, "methods-definitions", "Definitions");
    const char **items = xcalloc(I_COUNT, sizeof *items);
    char **owned = xcalloc(I_COUNT, sizeof *owned);
    size_t n = 0;
    for (int i = 0; i < I_COUNT; i++) {
        if (!b->used[i]) continue;
        owned[n] = xasprintf("%s: %s", ind_get((ind_id)i)->label, ind_get((ind_id)i)->definition);
        items[n] = owned[n];
        n++;
    }
    rpt_list(s, items, n, 0);
    for (size_t i = 0; i < n; i++) free(owned[i]);
    free(owned);
    free(items);
    rpt_heading(s, 2, "methods-groups", "Groups");
    snprintf(buf, sizeof buf, "Ethnicity is rolled up to the five high-level groups of the 2021 Census (White; "
             "Asian, Asian British or Asian Welsh; Black, Black British, Black Welsh, Caribbean or African; Mixed "
             "or Multiple ethnic groups; Other ethnic group), with 'Not stated' (asked, not given) and 'Not known' "
             "(not recorded) kept apart. ONS 2021 names, NHS ethnic category codes and the high-level names are "
             "all accepted. NHS code R (Chinese) is counted as %s%s. Age bands are %d to %d in the configured bands "
             "and the 18-64 / 65+ split councils publish. Deprivation is the IMD decile recorded for each person "
             "(1 = most deprived).",
             cfg->nhs_r == NHS_R_AS_OTHER ? "Other, as in the NHS list" : "Asian",
             cfg->nhs_r == NHS_R_AS_OTHER ? "" : ", as in the 2021 Census that the population baselines come from",
             cfg->age_bands[0], cfg->age_bands[cfg->nage_bands - 1]);
    rpt_paragraph(s, buf);
    if (b->uses_population) {
        snprintf(buf, sizeof buf, "Population baselines%s%s are %s. Shares of people supported include people whose "
                 "group is not recorded in the denominator, as published adult social care figures do, so recording "
                 "gaps lower every group's share.", cfg->area ? " for " : "", cfg->area ? cfg->area : "",
                 m->present[EX_POPULATION] ? "read from population.csv" : "given in the config");
        rpt_paragraph(s, buf);
    }
    rpt_heading(s, 2, "methods-statistics", "Statistical methods");
    const char *methods[] = {
        "Proportions: Wilson score interval without continuity correction (Wilson 1927), as in the public "
        "health indicator methods of PHEindicatormethods 2.1.0 and Fingertips.",
        "Visit-based shares (missed visits, visits by a regular carer): one person's visits are not "
        "independent, so the interval is the Wilson interval of the effective sample size, p(1 - p) divided "
        "by the variance of the share estimated from the variation between people (Korn and Graubard 1998). "
        "Appointments within a referral and adjustments within a referral are few and are treated as "
        "independent.",
        "Rates: exact Poisson limits from the chi-squared distribution below 10 events, Byar's approximation "
        "from 10 events (Breslow and Day 1987).",
        "Means: Student t interval. Medians: the distribution-free interval from binomial order statistics "
        "(Conover 1999), not given when there are too few values.",
        "Slope and relative index of inequality across deprivation deciles: weighted least squares of each "
        "decile's value on its population mid-rank, weights the decile's records (Low and Low 2004, as "
        "PHEindicatormethods phe_sii); the interval is the analytic normal limit of PHE's simulation.",
        "Comparisons follow Fingertips: a group is significantly higher (or lower) than the overall figure, or a "
        "share than its population share, when its interval lies wholly above (or below) that value; otherwise "
        "similar. Judged at 95% and at 99.8%; 'not compared' where a figure is suppressed or has no interval.",
        "Quantiles (normal, chi-squared, Student t, binomial) come from the GNU Scientific Library. Figures are "
        "rounded half away from zero."};
    rpt_list(s, methods, sizeof methods / sizeof *methods, 0);
    rpt_heading(s, 2, "methods-suppression", "Disclosure control");
    if (r->threshold <= 0) {
        snprintf(buf, sizeof buf, "No counts are suppressed in this document (suppression is switched off in the "
                 "configuration). It must not be published.%s",
                 r->round_to > 1 ? " Counts are rounded to the nearest 5, and percentages are computed from the "
                                   "rounded counts."
                                 : "");
    } else {
        snprintf(buf, sizeof buf, "Counts of people, staff or events from 1 to %d are shown as %s. %s Every rate, "
                 "share, interval and chart bar built on a suppressed count is suppressed too.%s Counts of records "
                 "in the data-quality tables, money and improvement actions are not about individuals and are not "
                 "suppressed.", r->threshold, b->marker,
                 r->secondary ? "Further counts are suppressed where a hidden one could be worked out from a total, "
                                "from the other groups, from the other age ranges or age bands, or as the difference "
                                "between a count and its base (secondary suppression)."
                              : "",
                 r->round_to > 1 ? " Other counts are rounded to the nearest 5, and percentages are computed from "
                                   "the rounded counts."
                                 : "");
        rpt_paragraph(s, buf);
        snprintf(buf, sizeof buf, "Records linked to no person (for example referrals not yet matched to a person "
                 "record, or feedback given anonymously) count in totals but in no group; totals minus groups "
                 "gives their number, which describes no group of people and is not suppressed, so secondary "
                 "suppression takes it as known.");
    }
    rpt_paragraph(s, buf);
    if (ind_unit(b->ctx->ind))
        rpt_paragraph(s, "In this unit's document, people-based figures (visits included) are for the unit; "
                         "staff figures and improvement actions are for the whole organisation and marked so, and "
                         "spend is not shown, as the extracts do not split them by unit.");
}

/* ---- the registry ----------------------------------------------------------------------------- */

static const char *const K_NONE[] = {NULL};
static const char *const K_TEXT[] = {"text", NULL};
static const char *const K_HEADING[] = {"text", "level", NULL};
static const char *const K_NARRATIVE[] = {"key", NULL};
static const char *const K_LIST[] = {"items", NULL};
static const char *const K_CALLOUT[] = {"title", "text", NULL};
static const char *const K_TILES[] = {"items", NULL};
static const char *const K_ROWS[] = {"rows", "caption", NULL};
static const char *const K_POP[] = {"dimension", "scopes", "scope", "caption", "title", NULL};
static const char *const K_GROUP[] = {"indicator", "dims", "dim", "caption", "title", NULL};
static const char *const K_MATRIX[] = {"indicators", "dim", "caption", NULL};
static const char *const K_TREND[] = {"indicators", "title", NULL};
static const char *const K_ITEM[] = {"indicator", "caption", "over", NULL};
static const char *const K_FINDINGS[] = {"indicators", "max", NULL};
static const char *const K_GRADIENT[] = {"indicators", "caption", NULL};
static const char *const K_ACTIONS[] = {"which", "caption", NULL};

static int v_item(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    return v_indicator(doc, blk, path, "indicator", 1, err);
}

static int v_answer(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    const char *t;
    if (jc_string(doc, blk, path, "id", 1, &t, err) < 0 || jc_string(doc, blk, path, "question", 1, &t, err) < 0 ||
        jc_string(doc, blk, path, "text", 1, &t, err) < 0)
        return -1;
    return json_object_get(blk, "evidence") ? v_indicator_refs(doc, blk, path, "evidence", err) : 0;
}

static const char *const K_CAPTION[] = {"caption", NULL};
static const char *const K_ANSWER[] = {"id", "question", "text", "evidence", NULL};
static const char *const K_GROUPSEL[] = {"group", NULL};

const block_type BLOCK_TYPES[] = {
    {"heading", K_HEADING, v_heading, build_heading},
    {"paragraph", K_TEXT, v_text, build_paragraph},
    {"narrative", K_NARRATIVE, NULL, build_narrative},
    {"list", K_LIST, v_list, build_list},
    {"callout", K_CALLOUT, v_text, build_callout},
    {"pagebreak", K_NONE, NULL, build_pagebreak},
    {"tiles", K_TILES, v_refs, build_tiles},
    {"indicator_table", K_ROWS, v_refs, build_indicator_table},
    {"population_table", K_POP, v_population, build_population_table},
    {"population_findings", K_POP, v_population, build_population_findings},
    {"population_chart", K_POP, v_population, build_population_chart},
    {"composition_chart", K_POP, v_scopes, build_composition_chart},
    {"group_table", K_GROUP, v_one_indicator, build_group_table},
    {"group_matrix", K_MATRIX, v_refs, build_group_matrix},
    {"dot_chart", K_GROUP, v_one_indicator, build_dot_chart},
    {"trend_chart", K_TREND, v_refs, build_trend_chart},
    {"item_table", K_ITEM, v_item, build_item_table},
    {"equity_findings", K_FINDINGS, v_refs, build_equity_findings},
    {"gradient_table", K_GRADIENT, v_refs, build_gradient_table},
    {"actions_table", K_ACTIONS, v_actions, build_actions_table},
    {"data_quality", K_NONE, NULL, build_data_quality},
    {"methods", K_NONE, NULL, build_methods},
    {"commitments", K_CAPTION, NULL, build_commitments},
    {"social_value", K_CAPTION, NULL, build_social_value},
    {"case_studies", K_NONE, NULL, build_case_studies},
    {"tender_answer", K_ANSWER, v_answer, build_tender_answer},
    {"framework_summary", K_NONE, NULL, build_framework_summary},
    {"framework_statements", K_GROUPSEL, NULL, build_framework_statements},
    {NULL, NULL, NULL, NULL}};

const block_type *block_type_find(const char *name) {
    if (!name) return NULL;
    for (const block_type *t = BLOCK_TYPES; t->name; t++)
        if (strcmp(t->name, name) == 0) return t;
    return NULL;
}
