/* framework.c: loading assessment frameworks (see framework.h). */
#include "framework.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicators.h"
#include "jsoncheck.h"
#include "xalloc.h"

typedef struct fw_loader {
    const jc_doc *doc;
    sv_error *err;
    framework *fw;
} fw_loader;

static int str(fw_loader *l, json_t *obj, const char *path, const char *key, int required, char **out) {
    const char *s = NULL;
    int rc = jc_string(l->doc, obj, path, key, required, &s, l->err);
    if (rc == 0) *out = xstrdup(s);
    return rc < 0 ? -1 : 0;
}

static int load_evidence(fw_loader *l, json_t *arr, const char *path, fw_statement *st) {
    static const char *const keys[] = {"category", "indicator", "item", "by_group", "note", NULL};
    st->evidence = xcalloc(json_array_size(arr) + 1, sizeof *st->evidence);
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i);
        char *p = jc_index(path, i);
        fw_evidence *ev = &st->evidence[st->nevidence++];
        const char *ind = NULL;
        long item = -1;
        int by_group = 0, rc = 0;
        ev->item = -1;
        if (jc_keys(l->doc, e, p, keys, l->err) < 0 || str(l, e, p, "category", 1, &ev->category) < 0 ||
            jc_string(l->doc, e, p, "indicator", 1, &ind, l->err) < 0 ||
            jc_int(l->doc, e, p, "item", 0, 0, 40, &item, l->err) < 0 ||
            jc_bool(l->doc, e, p, "by_group", 0, &by_group, l->err) < 0 || str(l, e, p, "note", 0, &ev->note) < 0)
            rc = -1;
        if (!rc && (ev->indicator = ind_find(ind)) < 0) {
            char *c = jc_child(p, "indicator");
            jc_fail(l->doc, c, 0, l->err, "unknown indicator \"%s\"", ind);
            free(c);
            rc = -1;
        }
        int known = 0;
        for (size_t k = 0; !rc && k < l->fw->ncategories; k++) known |= strcmp(ev->category, l->fw->categories[k]) == 0;
        if (!rc && !known) {
            char *c = jc_child(p, "category");
            jc_fail(l->doc, c, 0, l->err, "\"%s\" is not one of the framework's evidence categories", ev->category);
            free(c);
            rc = -1;
        }
        ev->item = (int)item;
        ev->by_group = by_group;
        free(p);
        if (rc) return -1;
    }
    return 0;
}

static int load_statement(fw_loader *l, json_t *s, const char *path, fw_statement *st) {
    static const char *const keys[] = {"id", "name", "we", "i", "wording_confidence", "evidence", NULL};
    static const char *const conf[] = {"verified", "unverified", NULL};
    json_t *is = NULL, *ev = NULL;
    int c = 1;
    if (jc_keys(l->doc, s, path, keys, l->err) < 0 || str(l, s, path, "id", 1, &st->id) < 0 ||
        str(l, s, path, "name", 1, &st->name) < 0 || str(l, s, path, "we", 1, &st->we) < 0 ||
        jc_typed(l->doc, s, path, "i", 0, JSON_ARRAY, &is, l->err) < 0 ||
        jc_choice(l->doc, s, path, "wording_confidence", 0, conf, &c, l->err) < 0 ||
        jc_typed(l->doc, s, path, "evidence", 1, JSON_ARRAY, &ev, l->err) < 0)
        return -1;
    st->verified = c == 0;
    st->i = xcalloc(json_array_size(is) + 1, sizeof(char *));
    for (size_t k = 0; is && k < json_array_size(is); k++) {
        json_t *t = json_array_get(is, k);
        if (!json_is_string(t)) {
            char *ip = jc_child(path, "i");
            char *kp = jc_index(ip, k);
            jc_fail(l->doc, kp, 0, l->err, "expected an \"I\" statement");
            free(kp);
            free(ip);
            return -1;
        }
        st->i[st->ni++] = xstrdup(json_string_value(t));
    }
    char *ep = jc_child(path, "evidence");
    int rc = load_evidence(l, ev, ep, st);
    free(ep);
    return rc;
}

static int load_groups(fw_loader *l, json_t *groups) {
    static const char *const keys[] = {"id", "name", "kind", "summary", "statements", NULL};
    framework *fw = l->fw;
    fw->groups = xcalloc(json_array_size(groups) + 1, sizeof *fw->groups);
    for (size_t g = 0; g < json_array_size(groups); g++) {
        json_t *grp = json_array_get(groups, g);
        char *p = jc_index("$.groups", g);
        fw_group *fg = &fw->groups[fw->ngroups++];
        json_t *sts = NULL;
        int rc = jc_keys(l->doc, grp, p, keys, l->err) < 0 || str(l, grp, p, "id", 1, &fg->id) < 0 ||
                 str(l, grp, p, "name", 1, &fg->name) < 0 || str(l, grp, p, "kind", 1, &fg->kind) < 0 ||
                 str(l, grp, p, "summary", 0, &fg->summary) < 0 ||
                 jc_typed(l->doc, grp, p, "statements", 1, JSON_ARRAY, &sts, l->err) < 0;
        if (!rc) {
            fg->statements = xcalloc(json_array_size(sts) + 1, sizeof *fg->statements);
            char *sp = jc_child(p, "statements");
            for (size_t i = 0; !rc && i < json_array_size(sts); i++) {
                char *ip = jc_index(sp, i);
                rc = load_statement(l, json_array_get(sts, i), ip, &fg->statements[fg->nstatements++]);
                if (!rc && fw_find(fw, fg->statements[fg->nstatements - 1].id) !=
                               &fg->statements[fg->nstatements - 1]) {
                    char *idp = jc_child(ip, "id");
                    jc_fail(l->doc, idp, 0, l->err, "statement id \"%s\" is used twice",
                            fg->statements[fg->nstatements - 1].id);
                    free(idp);
                    rc = 1;
                }
                free(ip);
            }
            free(sp);
        }
        free(p);
        if (rc) return -1;
    }
    return 0;
}

static int load_scale_and_bands(fw_loader *l, json_t *root) {
    framework *fw = l->fw;
    json_t *scale = NULL, *bands = NULL, *cats = NULL;
    if (jc_typed(l->doc, root, "$", "scale", 1, JSON_ARRAY, &scale, l->err) < 0 ||
        jc_typed(l->doc, root, "$", "bands", 1, JSON_ARRAY, &bands, l->err) < 0 ||
        jc_typed(l->doc, root, "$", "evidence_categories", 1, JSON_ARRAY, &cats, l->err) < 0)
        return -1;
    if (json_array_size(scale) != 4 || json_array_size(bands) != 4) {
        jc_fail(l->doc, json_array_size(scale) != 4 ? "$.scale" : "$.bands", 0, l->err,
                "expected 4 entries (scores 1 to 4; ratings from Inadequate to Outstanding)");
        return -1;
    }
    static const char *const skeys[] = {"score", "wording", NULL};
    static const char *const bkeys[] = {"rating", "min", "max", NULL};
    for (size_t i = 0; i < 4; i++) {
        char *p = jc_index("$.scale", i);
        long score;
        int rc = jc_keys(l->doc, json_array_get(scale, i), p, skeys, l->err) < 0 ||
                 jc_int(l->doc, json_array_get(scale, i), p, "score", 1, (long)i + 1, (long)i + 1, &score, l->err) < 0 ||
                 str(l, json_array_get(scale, i), p, "wording", 1, &fw->scale[i]) < 0;
        free(p);
        if (rc) return -1;
        p = jc_index("$.bands", i);
        rc = jc_keys(l->doc, json_array_get(bands, i), p, bkeys, l->err) < 0 ||
             str(l, json_array_get(bands, i), p, "rating", 1, &fw->bands[i].rating) < 0 ||
             jc_number(l->doc, json_array_get(bands, i), p, "min", 1, 0, 100, &fw->bands[i].min, l->err) < 0 ||
             jc_number(l->doc, json_array_get(bands, i), p, "max", 1, 0, 100, &fw->bands[i].max, l->err) < 0;
        free(p);
        if (rc) return -1;
    }
    fw->categories = xcalloc(json_array_size(cats) + 1, sizeof(char *));
    for (size_t i = 0; i < json_array_size(cats); i++) {
        json_t *c = json_array_get(cats, i);
        if (!json_is_string(c)) {
            char *p = jc_index("$.evidence_categories", i);
            jc_fail(l->doc, p, 0, l->err, "expected a category name");
            free(p);
            return -1;
        }
        fw->categories[fw->ncategories++] = xstrdup(json_string_value(c));
    }
    return 0;
}

framework *fw_load(const char *id_or_path, const char *dir, sv_error *err) {
    size_t n = strlen(id_or_path);
    int is_path = strchr(id_or_path, '/') || (n > 5 && strcmp(id_or_path + n - 5, ".json") == 0);
    char *path = is_path ? xstrdup(id_or_path) : xasprintf("%s/frameworks/%s.json", dir, id_or_path);
    jc_doc *doc = jc_load(path, SV_EXIT_CONFIG, err);
    free(path);
    if (!doc) return NULL;
    framework *fw = xcalloc(1, sizeof *fw);
    fw_loader l = {doc, err, fw};
    static const char *const keys[] = {"id", "name", "edition", "audience", "status", "source", "scale",
                                       "bands", "evidence_categories", "groups", NULL};
    json_t *root = jc_root(doc), *groups = NULL;
    int rc = jc_keys(doc, root, "$", keys, err) < 0 || str(&l, root, "$", "id", 1, &fw->id) < 0 ||
             str(&l, root, "$", "name", 1, &fw->name) < 0 || str(&l, root, "$", "edition", 1, &fw->edition) < 0 ||
             str(&l, root, "$", "audience", 1, &fw->audience) < 0 || str(&l, root, "$", "status", 1, &fw->status) < 0 ||
             str(&l, root, "$", "source", 1, &fw->source) < 0 || load_scale_and_bands(&l, root) < 0 ||
             jc_typed(doc, root, "$", "groups", 1, JSON_ARRAY, &groups, err) < 0 || load_groups(&l, groups) < 0;
    jc_free(doc);
    if (rc) {
        fw_free(fw);
        return NULL;
    }
    return fw;
}

void fw_free(framework *fw) {
    if (!fw) return;
    for (size_t g = 0; g < fw->ngroups; g++) {
        fw_group *fg = &fw->groups[g];
        for (size_t s = 0; s < fg->nstatements; s++) {
            fw_statement *st = &fg->statements[s];
            for (size_t i = 0; i < st->ni; i++) free(st->i[i]);
            free(st->i);
            for (size_t e = 0; e < st->nevidence; e++) free(st->evidence[e].category), free(st->evidence[e].note);
            free(st->evidence);
            free(st->id), free(st->name), free(st->we);
        }
        free(fg->statements);
        free(fg->id), free(fg->name), free(fg->kind), free(fg->summary);
    }
    free(fw->groups);
    for (size_t i = 0; i < fw->ncategories; i++) free(fw->categories[i]);
    free(fw->categories);
    for (int i = 0; i < 4; i++) free(fw->scale[i]), free(fw->bands[i].rating);
    free(fw->id), free(fw->name), free(fw->edition), free(fw->audience), free(fw->status), free(fw->source);
    free(fw);
}

const fw_statement *fw_find(const framework *fw, const char *statement_id) {
    for (size_t g = 0; g < fw->ngroups; g++)
        for (size_t s = 0; s < fw->groups[g].nstatements; s++)
            if (fw->groups[g].statements[s].id && strcmp(fw->groups[g].statements[s].id, statement_id) == 0)
                return &fw->groups[g].statements[s];
    return NULL;
}

size_t fw_statement_count(const framework *fw) {
    size_t n = 0;
    for (size_t g = 0; g < fw->ngroups; g++) n += fw->groups[g].nstatements;
    return n;
}

const char *fw_band_of(const framework *fw, double pct, int round_first) {
    if (round_first) {
        double r = floor(pct + 0.5);
        for (int i = 0; i < 4; i++)
            if (r >= fw->bands[i].min && r <= fw->bands[i].max) return fw->bands[i].rating;
        return r < fw->bands[0].min ? fw->bands[0].rating : fw->bands[3].rating;
    }
    for (int i = 0; i < 3; i++)
        if (pct < (fw->bands[i].max + fw->bands[i + 1].min) / 2) return fw->bands[i].rating;
    return fw->bands[3].rating;
}
