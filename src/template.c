/* template.c: loading and validating templates, placeholders, and the
 * document/section walk. Block builders are in build_blocks.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build_internal.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- placeholders ------------------------------------------------------------- */

static const char *const DOC_FIELDS[] = {"organisation", "unit",      "period",
                                         "period_long",  "data_date", "previous_period",
                                         "area",         "window",    NULL};

/* "{key.item}" names an indicator (item optional). */
static int indicator_placeholder(const char *name, size_t len, ind_id *id, int *item) {
    char buf[64];
    if (len >= sizeof buf) return 0;
    memcpy(buf, name, len);
    buf[len] = '\0';
    *item = -1;
    char *dot = strchr(buf, '.');
    if (dot) {
        *dot = '\0';
        char *end;
        long it = strtol(dot + 1, &end, 10);
        if (*end || it < 0 || it >= IND_MAX_GROUPS * 2) return 0;
        *item = (int)it;
    }
    int i = ind_find(buf);
    if (i < 0) return 0;
    *id = (ind_id)i;
    return 1;
}

static int doc_field(const char *name, size_t len) {
    for (int i = 0; DOC_FIELDS[i]; i++)
        if (strlen(DOC_FIELDS[i]) == len && memcmp(DOC_FIELDS[i], name, len) == 0) return i;
    return -1;
}

int text_check_placeholders(const char *text, const char **bad, size_t *badlen) {
    for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close) break;
        size_t len = (size_t)(close - p - 1);
        ind_id id;
        int item;
        if (doc_field(p + 1, len) < 0 && !indicator_placeholder(p + 1, len, &id, &item)) {
            *bad = p + 1;
            *badlen = len;
            return -1;
        }
    }
    return 0;
}

void period_words(const bctx *b, int k, char *buf, size_t cap) {
    const sv_model *m = b->ctx->model;
    if (k && k == m->equity) {
        char end[24];
        day_format_long(m->periods[k].end, end);
        snprintf(buf, cap, "12 months to %s", end);
    } else {
        snprintf(buf, cap, "%s", m->periods[k].label);
    }
}

static void period_long(const sv_period *p, char *buf, size_t cap) { period_describe(p, buf, cap); }

char *text_expand(bctx *b, const char *text) {
    const sv_model *m = b->ctx->model;
    const sv_config *cfg = b->ctx->cfg;
    strbuf sb = STRBUF_INIT;
    const char *p = text;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            sb_puts(&sb, p);
            break;
        }
        sb_append(&sb, p, (size_t)(open - p));
        size_t len = (size_t)(close - open - 1);
        char buf[128];
        int field = doc_field(open + 1, len);
        ind_id id;
        int item;
        buf[0] = '\0';
        switch (field) {
        case 0: snprintf(buf, sizeof buf, "%s", cfg->organisation); break;
        case 1:
            snprintf(buf, sizeof buf, "%s",
                     ind_unit(b->ctx->ind) ? m->units[ind_unit(b->ctx->ind)] : cfg->organisation);
            break;
        case 2: snprintf(buf, sizeof buf, "%s", m->periods[0].label); break;
        case 3: period_long(&m->periods[0], buf, sizeof buf); break;
        case 4:
            if (m->data_date != SV_NO_DATE) day_format_long(m->data_date, buf);
            break;
        case 5: snprintf(buf, sizeof buf, "%s", m->periods[m->nperiods > 1 ? 1 : 0].label); break;
        case 6: snprintf(buf, sizeof buf, "%s", cfg->area ? cfg->area : "the area"); break;
        case 7: period_words(b, m->equity, buf, sizeof buf); break; /* figures by group */
        default:
            if (indicator_placeholder(open + 1, len, &id, &item)) {
                ind_ref r = {id, item, NULL};
                const ind_value *v = ref_value(b, &r, 0);
                if (v) {
                    fmt_value(v, b->marker, buf, sizeof buf);
                    b->used[id] = 1;
                } else {
                    snprintf(buf, sizeof buf, "(not available)");
                }
            }
        }
        sb_puts(&sb, buf);
        p = close + 1;
    }
    return sb_detach(&sb);
}

/* ---- validation ---------------------------------------------------------------- */

int v_indicator(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
                sv_error *err) {
    const char *name;
    int rc = jc_string(doc, obj, path, key, required, &name, err);
    if (rc) return rc < 0 ? -1 : 0;
    if (ind_find(name) >= 0) return 0;
    const char *keys[I_COUNT + 1];
    for (int i = 0; i < I_COUNT; i++) keys[i] = ind_get((ind_id)i)->key;
    keys[I_COUNT] = NULL;
    char *child = jc_child(path, key);
    const char *hint = jc_suggest(name, keys);
    if (hint)
        jc_fail(doc, child, 0, err, "unknown indicator \"%s\" (did you mean \"%s\"?)", name, hint);
    else
        jc_fail(doc, child, 0, err, "unknown indicator \"%s\"", name);
    free(child);
    return -1;
}

/* key: an array of indicator names or {"indicator", "item", "label"}. */
int v_indicator_refs(const jc_doc *doc, json_t *blk, const char *path, const char *key,
                     sv_error *err) {
    json_t *arr;
    if (jc_typed(doc, blk, path, key, 1, JSON_ARRAY, &arr, err) < 0) return -1;
    char *apath = jc_child(path, key);
    int rc = 0;
    for (size_t i = 0; i < json_array_size(arr) && !rc; i++) {
        json_t *item = json_array_get(arr, i);
        char *ipath = jc_index(apath, i);
        if (json_is_string(item)) {
            if (ind_find(json_string_value(item)) < 0) {
                jc_fail(doc, ipath, 0, err, "unknown indicator \"%s\"", json_string_value(item));
                rc = -1;
            }
        } else {
            static const char *const keys[] = {"indicator", "item", "label", NULL};
            long it;
            const char *label;
            rc = jc_keys(doc, item, ipath, keys, err) || v_indicator(doc, item, ipath, "indicator", 1, err) ||
                 jc_int(doc, item, ipath, "item", 0, 0, 2 * IND_MAX_GROUPS, &it, err) < 0 ||
                 jc_string(doc, item, ipath, "label", 0, &label, err) < 0;
        }
        free(ipath);
    }
    free(apath);
    return rc ? -1 : 0;
}

static int validate_text(const jc_doc *doc, json_t *obj, const char *path, const char *key,
                         int required, sv_error *err) {
    const char *text;
    int rc = jc_string(doc, obj, path, key, required, &text, err);
    if (rc) return rc < 0 ? -1 : 0;
    char *child = jc_child(path, key);
    const char *bad;
    size_t badlen;
    rc = 0;
    if (utf8_invalid_at(text, strlen(text)) != (size_t)-1) {
        jc_fail(doc, child, 0, err, "text is not valid UTF-8");
        rc = -1;
    } else if (text_check_placeholders(text, &bad, &badlen) < 0) {
        jc_fail(doc, child, 0, err,
                "unknown placeholder {%.*s}: use a document field (organisation, unit, period, "
                "period_long, data_date, previous_period, area, window) or an indicator key",
                (int)badlen, bad);
        rc = -1;
    }
    free(child);
    return rc;
}

/* Text-valued keys of any block are checked for UTF-8 and placeholders. */
static int validate_block_texts(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    static const char *const text_keys[] = {"text", "title", "caption", NULL};
    for (int i = 0; text_keys[i]; i++)
        if (json_is_string(json_object_get(blk, text_keys[i])) &&
            validate_text(doc, blk, path, text_keys[i], 0, err) < 0)
            return -1;
    json_t *items = json_object_get(blk, "items");
    if (json_is_array(items)) {
        char *ipath = jc_child(path, "items");
        for (size_t i = 0; i < json_array_size(items); i++) {
            json_t *it = json_array_get(items, i);
            if (!json_is_string(it)) continue;
            json_t *wrap = json_pack("{sO}", "text", it);
            char *p = jc_index(ipath, i);
            int rc = validate_text(doc, wrap, p, "text", 1, err);
            json_decref(wrap);
            free(p);
            if (rc) {
                free(ipath);
                return -1;
            }
        }
        free(ipath);
    }
    return 0;
}

static int validate_block(const jc_doc *doc, json_t *blk, const char *path, sv_error *err) {
    if (!json_is_object(blk)) {
        jc_fail(doc, path, 0, err, "expected a block object, found %s", jc_type_name(blk));
        return -1;
    }
    const char *type;
    if (jc_string(doc, blk, path, "type", 1, &type, err) != 0) return -1;
    const block_type *bt = block_type_find(type);
    if (!bt) {
        const char *names[64];
        size_t n = 0;
        for (const block_type *t = BLOCK_TYPES; t->name && n < 63; t++) names[n++] = t->name;
        names[n] = NULL;
        char *child = jc_child(path, "type");
        const char *hint = jc_suggest(type, names);
        if (hint)
            jc_fail(doc, child, 0, err, "unknown block type \"%s\" (did you mean \"%s\"?)", type, hint);
        else
            jc_fail(doc, child, 0, err, "unknown block type \"%s\"", type);
        free(child);
        return -1;
    }
    const char *keys[24];
    size_t n = 0;
    keys[n++] = "type";
    for (size_t i = 0; bt->keys[i] && n < 23; i++) keys[n++] = bt->keys[i];
    keys[n] = NULL;
    if (jc_keys(doc, blk, path, keys, err) < 0) return -1;
    if (validate_block_texts(doc, blk, path, err) < 0) return -1;
    return bt->validate ? bt->validate(doc, blk, path, err) : 0;
}

static int validate_section(const jc_doc *doc, json_t *sec, const char *path, sv_error *err) {
    static const char *const keys[] = {"id", "title", "appendix", "requires", "blocks", NULL};
    const char *id, *title;
    int appendix;
    json_t *req = NULL, *blocks;
    if (jc_keys(doc, sec, path, keys, err) < 0 || jc_string(doc, sec, path, "id", 1, &id, err) < 0 ||
        jc_string(doc, sec, path, "title", 1, &title, err) < 0 ||
        jc_bool(doc, sec, path, "appendix", 0, &appendix, err) < 0 ||
        jc_typed(doc, sec, path, "requires", 0, JSON_ARRAY, &req, err) < 0 ||
        jc_typed(doc, sec, path, "blocks", 1, JSON_ARRAY, &blocks, err) < 0)
        return -1;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
            char *child = jc_child(path, "id");
            jc_fail(doc, child, 0, err, "a section id uses a-z, 0-9 and '-' only");
            free(child);
            return -1;
        }
    if (validate_text(doc, sec, path, "title", 1, err) < 0) return -1;
    for (size_t i = 0; req && i < json_array_size(req); i++) {
        json_t *r = json_array_get(req, i);
        if (!json_is_string(r) || extract_find(json_string_value(r)) < 0) {
            char *rp = jc_child(path, "requires");
            char *ip = jc_index(rp, i);
            jc_fail(doc, ip, 0, err, "expected an extract name such as \"visits\"");
            free(ip);
            free(rp);
            return -1;
        }
    }
    char *bpath = jc_child(path, "blocks");
    int rc = 0;
    for (size_t i = 0; i < json_array_size(blocks) && !rc; i++) {
        char *ip = jc_index(bpath, i);
        rc = validate_block(doc, json_array_get(blocks, i), ip, err);
        free(ip);
    }
    free(bpath);
    return rc;
}

static int validate_template(template *t, sv_error *err) {
    static const char *const keys[] = {"name", "title", "subject", "audience", "sections", NULL};
    static const char *const audiences[] = {"internal", "published", NULL};
    const jc_doc *doc = t->doc;
    json_t *root = jc_root(doc), *sections;
    int audience = 0;
    const char *name;
    if (jc_keys(doc, root, "$", keys, err) < 0 || jc_string(doc, root, "$", "name", 1, &name, err) < 0 ||
        jc_string(doc, root, "$", "title", 1, &t->title, err) < 0 ||
        jc_string(doc, root, "$", "subject", 0, &t->subject, err) < 0 ||
        jc_choice(doc, root, "$", "audience", 0, audiences, &audience, err) < 0 ||
        jc_typed(doc, root, "$", "sections", 1, JSON_ARRAY, &sections, err) < 0)
        return -1;
    if (validate_text(doc, root, "$", "title", 1, err) < 0) return -1;
    t->name = xstrdup(name);
    t->published = audience == 1;
    if (json_array_size(sections) == 0) {
        jc_fail(doc, "$.sections", 0, err, "a template needs at least one section");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(sections); i++) {
        char *p = jc_index("$.sections", i);
        int rc = validate_section(doc, json_array_get(sections, i), p, err);
        free(p);
        if (rc) return -1;
    }
    /* Section ids are anchors: unique. */
    for (size_t i = 0; i < json_array_size(sections); i++)
        for (size_t j = 0; j < i; j++) {
            const char *a = json_string_value(json_object_get(json_array_get(sections, i), "id"));
            const char *b = json_string_value(json_object_get(json_array_get(sections, j), "id"));
            if (strcmp(a, b) == 0) {
                char *p = jc_index("$.sections", i);
                char *child = jc_child(p, "id");
                jc_fail(doc, child, 0, err, "section id \"%s\" is used twice", a);
                free(child);
                free(p);
                return -1;
            }
        }
    return 0;
}

template *tpl_load(const char *name_or_path, const char *templates_dir, sv_error *err) {
    size_t n = strlen(name_or_path);
    int is_path = strchr(name_or_path, '/') || (n > 5 && strcmp(name_or_path + n - 5, ".json") == 0);
    char *path = is_path ? xstrdup(name_or_path) : xasprintf("%s/%s.json", templates_dir, name_or_path);
    jc_doc *doc = jc_load(path, SV_EXIT_CONFIG, err);
    free(path);
    if (!doc) return NULL;
    template *t = xcalloc(1, sizeof *t);
    t->doc = doc;
    if (validate_template(t, err) < 0) {
        tpl_free(t);
        return NULL;
    }
    return t;
}

void tpl_free(template *t) {
    if (!t) return;
    jc_free(t->doc);
    free(t->name);
    free(t);
}

const char *tpl_name(const template *t) { return t->name; }

int tpl_uses_framework(const template *t) {
    json_t *sections = json_object_get(jc_root(t->doc), "sections");
    for (size_t i = 0; i < json_array_size(sections); i++) {
        json_t *blocks = json_object_get(json_array_get(sections, i), "blocks");
        for (size_t j = 0; j < json_array_size(blocks); j++) {
            const char *type = json_string_value(json_object_get(json_array_get(blocks, j), "type"));
            if (type && strncmp(type, "framework_", 10) == 0) return 1;
        }
    }
    return 0;
}
const char *tpl_title(const template *t) { return t->title; }

sdc_rules tpl_sdc_rules(const template *t, const sv_config *cfg) {
    sdc_rules r = {cfg->suppress_threshold, cfg->round_to, cfg->secondary};
    /* A published document rounds to 5 unless the config said otherwise. */
    if (t->published && !json_object_get(json_object_get(jc_root(cfg->json), "suppression"), "round_to"))
        r.round_to = 5;
    return r;
}

/* ---- building --------------------------------------------------------------------- */

const ind_value *b_value(const bctx *b, ind_id id, int back, ind_dim dim, int scope, int group) {
    if (back >= model_period_count(b->ctx->model)) return NULL;
    return ind_lookup(b->ctx->ind, id, back, dim, scope, group);
}

int group_period(const bctx *b, ind_id id) {
    return ind_get(id)->family == FAM_ACCESS ? 0 : b->ctx->model->equity;
}

void group_period_words(const bctx *b, ind_id id, char *buf, size_t cap) {
    period_words(b, group_period(b, id), buf, cap);
}

ind_ref ind_ref_parse(json_t *v) {
    ind_ref r = {0, -1, NULL};
    if (json_is_string(v)) {
        r.id = (ind_id)ind_find(json_string_value(v));
        return r;
    }
    r.id = (ind_id)ind_find(json_string_value(json_object_get(v, "indicator")));
    json_t *item = json_object_get(v, "item");
    if (item) r.item = (int)json_integer_value(item);
    json_t *label = json_object_get(v, "label");
    if (label) r.label = json_string_value(label);
    return r;
}

const ind_value *ref_value(const bctx *b, const ind_ref *r, int back) {
    if (r->item >= 0) return b_value(b, r->id, back, DIM_ITEM, SCOPE_ALL, r->item);
    return b_value(b, r->id, back, DIM_OVERALL, SCOPE_ALL, 0);
}

/* Figures the extracts give only for the whole organisation (staff, spend,
 * actions: no unit column), which a unit's document shows as such. Visits
 * and the diversity of people supported are the unit's own. */
int org_wide(const bctx *b, ind_id id, int item) {
    if (!ind_unit(b->ctx->ind)) return 0;
    switch (id) {
    case I_MISSED_VISITS:
    case I_REGULAR_CARER:
    case I_CARERS_PER_MONTH: return 0;
    case I_DIVERSITY: return item == ITEM_DIV_MALE_STAFF || item == ITEM_DIV_MINORITY_STAFF;
    case I_SPEND_SHARE:
    case I_ACTIONS: return 1;
    default: return ind_get(id)->family == FAM_WORKFORCE;
    }
}

#define ORG_WIDE_WORDS " (whole organisation)"

void ref_label(const bctx *b, const ind_ref *r, char *buf, size_t cap) {
    const char *whole = org_wide(b, r->id, r->item) ? ORG_WIDE_WORDS : "";
    if (r->label) {
        snprintf(buf, cap, "%s%s", r->label, whole);
    } else if (r->item >= 0) {
        char item[96];
        ind_group_label(b->ctx->ind, DIM_ITEM, r->item, r->id, item, sizeof item);
        snprintf(buf, cap, "%s: %s%s", ind_get(r->id)->label, item, whole);
    } else {
        snprintf(buf, cap, "%s%s", ind_get(r->id)->label, whole);
    }
}

void item_label(const bctx *b, ind_id id, int item, char *buf, size_t cap) {
    char lab[96];
    ind_group_label(b->ctx->ind, DIM_ITEM, item, id, lab, sizeof lab);
    snprintf(buf, cap, "%s%s", lab, org_wide(b, id, item) ? ORG_WIDE_WORDS : "");
}

static int section_available(const bctx *b, json_t *sec, strbuf *missing) {
    json_t *req = json_object_get(sec, "requires");
    int ok = 1;
    for (size_t i = 0; req && i < json_array_size(req); i++) {
        int ex = extract_find(json_string_value(json_array_get(req, i)));
        if (ex >= 0 && !b->ctx->model->present[ex]) {
            if (ok && missing->len) sb_puts(missing, "; ");
            if (ok) sb_printf(missing, "%s (needs ", json_string_value(json_object_get(sec, "title")));
            else sb_puts(missing, ", ");
            sb_printf(missing, "%s.csv", extract_get((extract_id)ex)->name);
            ok = 0;
        }
    }
    if (!ok) sb_putc(missing, ')');
    return ok;
}

static void fill_doc_fields(bctx *b) {
    const build_ctx *c = b->ctx;
    const sv_model *m = c->model;
    rpt_doc *d = b->doc;
    char buf[160];
    rpt_set(&d->title, b->tpl->title);
    rpt_set(&d->organisation, c->cfg->organisation);
    if (ind_unit(c->ind)) rpt_set(&d->unit, m->units[ind_unit(c->ind)]);
    rpt_set(&d->period, m->periods[0].label);
    period_describe(&m->periods[0], buf, sizeof buf);
    rpt_set(&d->period_long, buf);
    if (c->cfg->marking) rpt_set(&d->marking, c->cfg->marking);
    if (m->data_date != SV_NO_DATE) {
        char day[24];
        day_format_long(m->data_date, day);
        snprintf(buf, sizeof buf, "Data as at %s", day);
        rpt_set(&d->data_date, buf);
    }
    struct tm tm;
    gmtime_r(&c->created, &tm);
    sv_day today = day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    char day[24];
    day_format_long(today, day);
    snprintf(buf, sizeof buf, "Produced %s by svreport %s", day, c->version);
    rpt_set(&d->generated, buf);
    rpt_set(&d->author, c->cfg->organisation);
    if (b->tpl->subject) rpt_set(&d->subject, b->tpl->subject);
    rpt_set(&d->suppression_marker, b->marker);
}

rpt_doc *build_document(const template *t, const build_ctx *ctx, sv_error *err) {
    (void)err;
    bctx b;
    memset(&b, 0, sizeof b);
    b.ctx = ctx;
    b.tpl = t;
    b.marker = ctx->cfg->marker ? ctx->cfg->marker : "*";
    b.doc = rpt_doc_new();
    fill_doc_fields(&b);
    json_t *sections = json_object_get(jc_root(t->doc), "sections");
    strbuf missing = STRBUF_INIT;
    /* Sections needing an absent extract are left out; the data-quality
     * appendix says which (it reads b.doc's note below). */
    for (size_t i = 0; i < json_array_size(sections); i++) {
        json_t *sec = json_array_get(sections, i);
        if (!section_available(&b, sec, &missing)) continue;
        const char *id = json_string_value(json_object_get(sec, "id"));
        char *title = text_expand(&b, json_string_value(json_object_get(sec, "title")));
        rpt_section *s = rpt_section_add(b.doc, id, title, json_is_true(json_object_get(sec, "appendix")));
        free(title);
        b.section_id = id;
        json_t *blocks = json_object_get(sec, "blocks");
        for (size_t j = 0; j < json_array_size(blocks); j++) {
            json_t *blk = json_array_get(blocks, j);
            const block_type *bt = block_type_find(json_string_value(json_object_get(blk, "type")));
            bt->build(&b, s, blk);
        }
    }
    if (missing.len) {
        /* Said at the end of the first section, where a reader starts. */
        if (b.doc->nsections) {
            char *text = xasprintf("Not included because an extract was not supplied: %s.", sb_str(&missing));
            rpt_callout(&b.doc->sections[0], "Sections not included", text);
            free(text);
        }
    }
    sb_free(&missing);
    return b.doc;
}
