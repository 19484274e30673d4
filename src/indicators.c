/* indicators.c: the indicator registry, count cells, disclosure control and
 * the finishing pass (intervals, comparisons). The families themselves are
 * computed in ind_compute.c. */
#include "indicators_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const ind_def defs[] = {
#define X(id, key, fam, kind, better, dec, unit, label, def) {key, fam, kind, better, dec, unit, label, def},
    INDICATORS(X)
#undef X
};

const ind_def *ind_get(ind_id id) { return &defs[id]; }

int ind_find(const char *key) {
    for (int i = 0; i < I_COUNT; i++)
        if (strcmp(defs[i].key, key) == 0) return i;
    return -1;
}

static const char *const family_names[] = {"Access", "Experience and outcomes",
                                           "Workforce and local economic value",
                                           "Community value", "Learning"};
static const char *const family_keys[] = {"access", "outcomes", "workforce", "community",
                                          "learning"};
const char *ind_family_name(ind_family f) { return family_names[f]; }
const char *ind_family_key(ind_family f) { return family_keys[f]; }

static const char *const dim_keys[] = {
#define X(id, key, label) key,
    DIMENSIONS(X)
#undef X
};
static const char *const dim_labels[] = {
#define X(id, key, label) label,
    DIMENSIONS(X)
#undef X
};
const char *ind_dim_key(ind_dim d) { return dim_keys[d]; }
const char *ind_dim_label(ind_dim d) { return dim_labels[d]; }

const ind_dim IND_EQUITY_DIMS[5] = {DIM_ETHNICITY, DIM_SEX, DIM_AGE_BAND, DIM_INTERPRETER,
                                    DIM_IMD};

/* ---- cells ------------------------------------------------------------------- */

static uint64_t cell_key(measure mea, int period, int scope, ind_dim dim, int group) {
    return ((uint64_t)mea << 32) | ((uint64_t)period << 24) | ((uint64_t)scope << 16) |
           ((uint64_t)dim << 8) | (uint64_t)group;
}

static uint64_t hash64(uint64_t x) {
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ULL;
    return x ^ (x >> 29);
}

int32_t ind_cell_new(ind_set *s, double value, int exempt, int hidden) {
    XGROW(s->cells, s->cap_cells, s->ncells + 1);
    ind_cell *c = &s->cells[s->ncells];
    memset(c, 0, sizeof *c);
    c->value = c->shown = value;
    c->exempt = (uint8_t)exempt;
    c->state = hidden ? CELL_HIDDEN : CELL_SHOWN;
    return (int32_t)s->ncells++;
}

static void map_grow(ind_set *s) {
    size_t cap = s->key_cap ? s->key_cap * 2 : 1024;
    uint64_t *keys = xcalloc(cap, sizeof *keys);
    int32_t *slots = xmalloc(cap * sizeof *slots);
    for (size_t i = 0; i < s->key_cap; i++) {
        if (!s->cell_keys[i]) continue;
        size_t j = (size_t)hash64(s->cell_keys[i]) & (cap - 1);
        while (keys[j]) j = (j + 1) & (cap - 1);
        keys[j] = s->cell_keys[i];
        slots[j] = s->cell_slots[i];
    }
    free(s->cell_keys);
    free(s->cell_slots);
    s->cell_keys = keys;
    s->cell_slots = slots;
    s->key_cap = cap;
}

/* Groups that say a characteristic is unknown or unstated. */
static int residual_group(const ind_set *s, ind_dim dim, int group) {
    switch (dim) {
    case DIM_ETHNICITY: return group == ETH_NOT_STATED || group == ETH_NOT_KNOWN;
    case DIM_SEX: return group == SEX_OTHER || group == SEX_NOT_KNOWN;
    case DIM_AGE_BAND: return group >= s->m->cfg->nage_bands;
    case DIM_INTERPRETER: return group == 2;
    case DIM_IMD: return group == 10;
    default: return 0;
    }
}

int32_t ind_cell_at(ind_set *s, measure mea, int period, int scope, ind_dim dim, int group) {
    if ((s->nkeys + 1) * 2 > s->key_cap) map_grow(s);
    uint64_t key = cell_key(mea, period, scope, dim, group) + 1;
    size_t j = (size_t)hash64(key) & (s->key_cap - 1);
    while (s->cell_keys[j]) {
        if (s->cell_keys[j] == key) return s->cell_slots[j];
        j = (j + 1) & (s->key_cap - 1);
    }
    int exempt = mea == M_POPULATION || mea == M_ACTIONS;
    s->cell_keys[j] = key;
    s->cell_slots[j] = ind_cell_new(s, 0, exempt, 0);
    s->cells[s->cell_slots[j]].residual = (uint8_t)residual_group(s, dim, group);
    s->nkeys++;
    return s->cell_slots[j];
}

int32_t ind_cell_find(const ind_set *s, measure mea, int period, int scope, ind_dim dim, int group) {
    if (!s->key_cap) return -1;
    uint64_t key = cell_key(mea, period, scope, dim, group) + 1;
    size_t j = (size_t)hash64(key) & (s->key_cap - 1);
    while (s->cell_keys[j]) {
        if (s->cell_keys[j] == key) return s->cell_slots[j];
        j = (j + 1) & (s->key_cap - 1);
    }
    return -1;
}

void ind_cell_add(ind_set *s, measure mea, int period, int scope, ind_dim dim, int group,
                  double amount) {
    int32_t c = ind_cell_at(s, mea, period, scope, dim, group);
    s->cells[c].value += amount;
    s->cells[c].shown = s->cells[c].value;
}

void ind_line_add(ind_set *s, int32_t total, const int32_t *members, int n) {
    XGROW(s->lines, s->cap_lines, s->nlines + 1);
    ind_line *l = &s->lines[s->nlines++];
    l->total = total;
    l->n = n;
    l->members = xmalloc((size_t)(n ? n : 1) * sizeof *members);
    memcpy(l->members, members, (size_t)n * sizeof *members);
}

ind_value *ind_value_add(ind_set *s, ind_id id, int period, ind_dim dim, int scope, int group,
                         int32_t num_cell, int32_t den_cell) {
    XGROW(s->values, s->cap_values, s->nvalues + 1);
    ind_value *v = &s->values[s->nvalues++];
    memset(v, 0, sizeof *v);
    v->indicator = (uint16_t)id;
    v->period = (uint8_t)period;
    v->dim = (uint8_t)dim;
    v->scope = (uint8_t)scope;
    v->group = (uint8_t)group;
    v->num_cell = num_cell;
    v->den_cell = den_cell;
    v->value = v->lower = v->upper = v->lower998 = v->upper998 = NAN;
    v->num = v->den = NAN;
    v->n_eff = NAN;
    v->comparator = NAN;
    return v;
}

/* ---- groups -------------------------------------------------------------------- */

int ind_dim_groups(const ind_set *s, ind_dim d) {
    switch (d) {
    case DIM_OVERALL: return 1;
    case DIM_ETHNICITY: return ETH_COUNT;
    case DIM_SEX: return SEX_COUNT;
    case DIM_AGE_BAND: return s->nage_groups;
    case DIM_INTERPRETER: return 3;
    case DIM_IMD: return 11;
    default: return IND_MAX_GROUPS;
    }
}

static int age_group(const sv_model *m, const person *p, sv_day on) {
    const sv_config *cfg = m->cfg;
    int age = model_person_age(m, p, on);
    if (age < 0) return cfg->nage_bands + 1;              /* not known */
    if (age < cfg->age_bands[0]) return cfg->nage_bands;  /* under the first band */
    int g = 0;
    while (g + 1 < cfg->nage_bands && age >= cfg->age_bands[g + 1]) g++;
    return g;
}

void ind_person_cache_fill(ind_person_cache *c, const sv_model *m) {
    c->on = m->nperiods ? m->periods[0].end : SV_NO_DATE;
    c->age_group = xmalloc(m->npeople + 1);
    for (size_t i = 0; i < m->npeople; i++) c->age_group[i] = (uint8_t)age_group(m, &m->people[i], c->on);
}

int ind_person_group(const ind_set *s, const person *p, ind_dim d, sv_day on) {
    switch (d) {
    case DIM_OVERALL: return 0;
    case DIM_ETHNICITY: return p->ethnicity;
    case DIM_SEX: return p->sex;
    case DIM_AGE_BAND:
        if (s->people && on == s->people->on) return s->people->age_group[p - s->m->people];
        return age_group(s->m, p, on);
    case DIM_INTERPRETER:
        return p->interpreter == FLAG_YES ? 0 : p->interpreter == FLAG_NO ? 1 : 2;
    case DIM_IMD: return p->imd ? p->imd - 1 : 10;
    default: return 0;
    }
}

const char *ind_group_label(const ind_set *s, ind_dim d, int group, int indicator, char *buf,
                            size_t cap) {
    static const char *const interp[] = {"Needs an interpreter", "No interpreter needed",
                                         "Not known"};
    switch (d) {
    case DIM_OVERALL: snprintf(buf, cap, "All"); break;
    case DIM_ETHNICITY: snprintf(buf, cap, "%s", ethnic_short_name((ethnic_group)group)); break;
    case DIM_SEX: snprintf(buf, cap, "%s", sex_name((sex_code)group)); break;
    case DIM_AGE_BAND: snprintf(buf, cap, "%s", s->age_labels[group]); break;
    case DIM_INTERPRETER: snprintf(buf, cap, "%s", interp[group % 3]); break;
    case DIM_IMD:
        if (group == 10)
            snprintf(buf, cap, "Not known");
        else if (group == 0)
            snprintf(buf, cap, "1 (most deprived)");
        else if (group == 9)
            snprintf(buf, cap, "10 (least deprived)");
        else
            snprintf(buf, cap, "%d", group + 1);
        break;
    case DIM_ITEM: {
        static const char *const early[] = {"Within 3 months", "Within 6 months",
                                            "Within 12 months"};
        static const char *const sup[] = {"By week 2", "By week 6", "By week 12"};
        static const char *const qual[] = {"Level 2 or above", "Level 3 or above",
                                           "Working towards a qualification",
                                           "Care Certificate completed (support workers)"};
        static const char *const div[] = {"Male: staff", "Male: people supported",
                                          "Minority ethnic: staff",
                                          "Minority ethnic: people supported"};
        static const char *const spend_items[] = {"SME", "VCSE", "Local", "Total spend",
                                                  "Local SME or VCSE"};
        static const char *const act[] = {"Open at period end", "Closed in period",
                                          "Overdue at period end"};
        static const char *const rec[] = {"Age or date of birth", "Sex", "Ethnicity",
                                          "Disability", "Religion or belief",
                                          "Sexual orientation", "Preferred language"};
        static const char *const fb[] = {"Complaints", "Safeguarding alerts"};
        const char *t = "";
        switch (indicator) {
        case I_EARLY_LEAVERS: t = early[group % 3]; break;
        case I_NEW_STARTER_SUP: t = sup[group % 3]; break;
        case I_QUALIFICATION: t = qual[group % 4]; break;
        case I_DIVERSITY: t = div[group % 4]; break;
        case I_SPEND_SHARE: t = spend_items[group % 5]; break;
        case I_ADJ_BY_TYPE:
            code_display(&ADJUSTMENT_LIST, group, buf, cap);
            return buf;
        case I_ACTIONS: t = act[group % 3]; break;
        case I_RECORDED: t = rec[group % REC_COUNT]; break;
        case I_EQUALITY_SHARE:
        case I_DAYS_TO_CLOSE: t = fb[group % 2]; break;
        case I_OUTCOME_EVENTS:
            code_display(&OUTCOME_TYPE_LIST, group, buf, cap);
            return buf;
        case I_EQUALITY_THEMES: {
            char theme[48];
            code_display(&THEME_LIST, group % THEME_COUNT, theme, sizeof theme);
            snprintf(buf, cap, "%s: %s", group >= THEME_COUNT ? "Safeguarding" : "Complaints",
                     theme);
            return buf;
        }
        default: break;
        }
        snprintf(buf, cap, "%s", t);
        break;
    }
    default: snprintf(buf, cap, "%d", group); break;
    }
    return buf;
}

int ind_in_scope(const ind_set *s, int32_t pi) {
    return pi >= 0 && (s->unit == 0 || s->m->people[pi].unit == s->unit);
}

void ind_add_person(ind_set *s, measure mea, int period, int32_t pi, double amount, int groups) {
    ind_cell_add(s, mea, period, SCOPE_ALL, DIM_OVERALL, 0, amount);
    if (pi < 0 || !groups) return;
    const person *p = &s->m->people[pi];
    sv_day on = s->m->periods[period].end;
    for (int d = 0; d < 5; d++) {
        ind_dim dim = IND_EQUITY_DIMS[d];
        ind_cell_add(s, mea, period, SCOPE_ALL, dim, ind_person_group(s, p, dim, on), amount);
    }
}

/* Lines: overall = sum of a dimension's groups (+ a remainder for records
 * not linked to a person). */
void ind_partition_line(ind_set *s, measure mea, int period, int scope, ind_dim dim,
                        int has_unlinked) {
    int32_t members[IND_MAX_GROUPS + 1];
    int n = ind_dim_groups(s, dim);
    double sum = 0;
    for (int g = 0; g < n; g++) {
        members[g] = ind_cell_at(s, mea, period, scope, dim, g);
        sum += s->cells[members[g]].value;
    }
    int32_t total = ind_cell_at(s, mea, period, scope, DIM_OVERALL, 0);
    /* Records linked to no person describe no group of people: their count
     * needs no protection of its own, and it must be taken as known, since
     * it is the same in every dimension and one whose groups are all shown
     * gives it away (then a small group of another dimension is found as
     * total - other groups - remainder). */
    if (has_unlinked) members[n++] = ind_cell_new(s, s->cells[total].value - sum, 1, 0);
    ind_line_add(s, total, members, n);
}

size_t ind_equity_values(ind_set *s, ind_id id, int period, measure num, int num_unlinked,
                         measure den, int den_unlinked, int groups) {
    size_t first = s->nvalues;
    ind_value *overall = ind_value_add(s, id, period, DIM_OVERALL, SCOPE_ALL, 0,
                                       num ? ind_cell_at(s, num, period, SCOPE_ALL, DIM_OVERALL, 0) : -1,
                                       den ? ind_cell_at(s, den, period, SCOPE_ALL, DIM_OVERALL, 0) : -1);
    if (num_unlinked || den_unlinked) overall->flags |= IV_UNLINKED;
    for (int d = 0; groups && d < 5; d++) {
        ind_dim dim = IND_EQUITY_DIMS[d];
        for (int g = 0; g < ind_dim_groups(s, dim); g++)
            ind_value_add(s, id, period, dim, SCOPE_ALL, g,
                          num ? ind_cell_at(s, num, period, SCOPE_ALL, dim, g) : -1,
                          den ? ind_cell_at(s, den, period, SCOPE_ALL, dim, g) : -1);
        if (num) ind_partition_line(s, num, period, SCOPE_ALL, dim, num_unlinked);
        if (den) ind_partition_line(s, den, period, SCOPE_ALL, dim, den_unlinked);
    }
    return first;
}

/* Counts of events (not of distinct people) add up over time. */
static int additive(measure mea) {
    return (mea >= M_DNA && mea <= M_SAFEGUARDING) || (mea >= M_PLANNED && mea <= M_PERSON_MONTHS) ||
           mea == M_OUTCOME_EVENTS || mea == M_ADJ_TYPE_REQ || mea == M_ADJ_TYPE_PROV;
}

void ind_time_lines(ind_set *s) {
    const sv_model *m = s->m;
    if (m->equity == 0) return;
    const sv_period *w = &m->periods[m->equity];
    sv_day covered = 0;
    int inside[9], ninside = 0;
    for (int k = 0; k < m->nperiods; k++)
        if (m->periods[k].start >= w->start && m->periods[k].end <= w->end) {
            inside[ninside++] = k;
            covered += m->periods[k].end - m->periods[k].start + 1;
        }
    /* Every window cell of an additive measure, whatever its dimension. */
    for (size_t j = 0; j < s->key_cap; j++) {
        if (!s->cell_keys[j]) continue;
        uint64_t key = s->cell_keys[j] - 1;
        measure mea = (measure)(key >> 32);
        int period = (int)((key >> 24) & 0xFF), scope = (int)((key >> 16) & 0xFF);
        ind_dim dim = (ind_dim)((key >> 8) & 0xFF);
        int group = (int)(key & 0xFF);
        if (period != m->equity || !additive(mea)) continue;
        int32_t total = s->cell_slots[j], members[10];
        int n = 0;
        double sum = 0;
        for (int i = 0; i < ninside; i++) {
            int32_t c = ind_cell_find(s, mea, inside[i], scope, dim, group);
            if (c < 0) continue;
            members[n++] = c;
            sum += s->cells[c].value;
        }
        if (!n) continue;  /* no shorter period shows this cell */
        /* Days of the window no shown period covers make a hidden remainder. */
        if (covered < w->end - w->start + 1) members[n++] = ind_cell_new(s, s->cells[total].value - sum, 0, 1);
        ind_line_add(s, total, members, n);
    }
}

int ind_record_in_scope(const ind_set *s, int32_t pi) {
    return s->unit == 0 || ind_in_scope(s, pi);
}

/* ---- statistics helpers ---------------------------------------------------------- */

void ind_set_mean(ind_value *v, const moments *mo) {
    if (mo->n <= 0) {
        v->flags |= IV_NO_DATA;
        return;
    }
    double mean = mo->sum / mo->n;
    double var = mo->n > 1 ? (mo->sumsq - mo->n * mean * mean) / (mo->n - 1) : NAN;
    if (var < 0) var = 0;
    stat_ci ci;
    v->value = mean;
    if (mo->n > 1 && stat_mean_summary(mo->sum, mo->n, sqrt(var), 0.95, &ci) == 0) {
        v->lower = ci.lower;
        v->upper = ci.upper;
    }
    if (mo->n > 1 && stat_mean_summary(mo->sum, mo->n, sqrt(var), 0.998, &ci) == 0) {
        v->lower998 = ci.lower;
        v->upper998 = ci.upper;
    }
}

void ind_set_median(ind_value *v, double *values, size_t n) {
    if (n == 0) {
        v->flags |= IV_NO_DATA;
        return;
    }
    stat_ci ci;
    if (stat_median(values, n, 0.95, &ci) == 0) {
        v->value = ci.value;
        v->lower = ci.lower;
        v->upper = ci.upper;
    }
    if (stat_median(values, n, 0.998, &ci) == 0) {
        v->lower998 = ci.lower;
        v->upper998 = ci.upper;
    }
}

static double rate_multiplier(ind_id id) {
    switch (id) {
    case I_PER_1000: return 1000;
    case I_SUPERVISION_RATE: return 1;
    default: return 100;
    }
}

/* ---- disclosure control ------------------------------------------------------------ */

static int sensitive(const ind_set *s, const ind_cell *c) {
    return !c->exempt && c->value >= 1 && c->value <= s->rules.threshold;
}

static int needs_protection(const ind_set *s, const ind_cell *c) {
    if (c->state == CELL_PRIMARY || c->state == CELL_SECONDARY) return 1;
    return c->state == CELL_HIDDEN && sensitive(s, c);
}

/* The partner to hide in a line: a not-known or not-stated group if one is
 * shown (smallest first), else the largest group, whose figure is nearest
 * the overall one and the least missed in an equity comparison; the total
 * only when no member is left. Zero cells protect nothing. */
static int32_t pick_partner(const ind_set *s, const ind_line *l) {
    int32_t residual = -1, largest = -1;
    for (int i = 0; i < l->n; i++) {
        int32_t c = l->members[i];
        const ind_cell *cell = &s->cells[c];
        if (cell->state != CELL_SHOWN || cell->exempt || !(cell->value > 0)) continue;
        if (cell->residual) {
            if (residual < 0 || cell->value < s->cells[residual].value) residual = c;
        } else if (largest < 0 || cell->value > s->cells[largest].value) {
            largest = c;
        }
    }
    if (residual >= 0) return residual;
    if (largest >= 0) return largest;
    const ind_cell *t = &s->cells[l->total];
    return t->state == CELL_SHOWN && !t->exempt ? l->total : -1;
}

/* Whether a reader could work out a small count from a line: its only
 * unknown cell must stay unknown, or (total shown) the unknown cells add up
 * to a small count, which bounds each of them. */
static int line_discloses(const ind_set *s, const ind_line *l) {
    int unknown = 0, protected_unknown = 0;
    int32_t which = -1;
    double rest = s->cells[l->total].value;
    for (int i = -1; i < l->n; i++) {
        int32_t c = i < 0 ? l->total : l->members[i];
        if (s->cells[c].state != CELL_SHOWN) {
            unknown++, which = c;
            protected_unknown += !s->cells[c].exempt;
        } else if (i >= 0) {
            rest -= s->cells[c].value;
        }
    }
    if (unknown == 1 && needs_protection(s, &s->cells[which])) return 1;
    return s->cells[l->total].state == CELL_SHOWN && protected_unknown > 0 && rest >= 1 &&
           rest <= s->rules.threshold;
}

static void suppress(ind_set *s);

/* Primary suppression of counts 1..threshold, then, while any line lets a
 * reader work out a small count, suppress a partner in it; then rounding
 * (also without suppression). */
void apply_sdc(ind_set *s) {
    if (s->rules.threshold > 0) suppress(s);
    if (s->rules.round_to > 1)
        for (size_t i = 0; i < s->ncells; i++) {
            ind_cell *c = &s->cells[i];
            if (c->exempt) continue;
            c->shown = floor(c->value / s->rules.round_to + 0.5) * s->rules.round_to;
        }
}

static void suppress(ind_set *s) {
    for (size_t i = 0; i < s->ncells; i++)
        if (s->cells[i].state == CELL_SHOWN && sensitive(s, &s->cells[i]))
            s->cells[i].state = CELL_PRIMARY;
    int changed = s->rules.secondary;
    while (changed) {
        changed = 0;
        for (size_t li = 0; li < s->nlines; li++) {
            const ind_line *l = &s->lines[li];
            if (!line_discloses(s, l)) continue;
            int32_t partner = pick_partner(s, l);
            if (partner < 0) continue;
            s->cells[partner].state = CELL_SECONDARY;
            changed = 1;
        }
    }
}

int ind_cell_suppressed(const ind_set *s, int32_t cell) {
    if (cell < 0) return 0;
    uint8_t st = s->cells[cell].state;
    return st == CELL_PRIMARY || st == CELL_SECONDARY;
}

/* ---- finishing -------------------------------------------------------------------- */

static int value_cmp(const void *a, const void *b) {
    const ind_value *x = a, *y = b;
    if (x->indicator != y->indicator) return x->indicator - y->indicator;
    if (x->period != y->period) return x->period - y->period;
    if (x->dim != y->dim) return x->dim - y->dim;
    if (x->scope != y->scope) return x->scope - y->scope;
    return x->group - y->group;
}

/* Complement cells (n - x) for shares, so "48 of 50" cannot reveal 2. */
static void complement_lines(ind_set *s) {
    for (size_t i = 0; i < s->nvalues; i++) {
        ind_value *v = &s->values[i];
        if (defs[v->indicator].kind != KIND_SHARE || v->num_cell < 0 || v->den_cell < 0) continue;
        if (s->cells[v->num_cell].exempt) continue;
        double comp = s->cells[v->den_cell].value - s->cells[v->num_cell].value;
        int32_t members[2] = {v->num_cell, ind_cell_new(s, comp, 0, 1)};
        ind_line_add(s, v->den_cell, members, 2);
    }
}

static void finish_value(ind_set *s, ind_value *v) {
    const ind_def *d = &defs[v->indicator];
    int suppressed = ind_cell_suppressed(s, v->num_cell) || ind_cell_suppressed(s, v->den_cell);
    if (v->num_cell >= 0) v->num = s->cells[v->num_cell].shown;
    if (v->den_cell >= 0) v->den = s->cells[v->den_cell].shown;
    if (s->rules.round_to > 1) v->flags |= IV_ROUNDED;
    stat_ci ci;
    switch (d->kind) {
    case KIND_COUNT:
        v->value = v->num;
        break;
    case KIND_SHARE: {
        if (!(v->den > 0)) {
            v->flags |= IV_NO_DATA;
            break;
        }
        /* Clustered records (visits of one person) get the Wilson interval
         * of their effective sample size (Korn and Graubard 1998). */
        double n = v->den, x = v->num;
        if (!isnan(v->n_eff) && v->n_eff < n) {
            x = v->num / v->den * v->n_eff;
            n = v->n_eff;
        }
        v->value = v->num / v->den * 100;
        if (stat_proportion(x, n, 0.95, 100, &ci) == 0) {
            v->lower = ci.lower;
            v->upper = ci.upper;
        }
        if (stat_proportion(x, n, 0.998, 100, &ci) == 0) {
            v->lower998 = ci.lower;
            v->upper998 = ci.upper;
        }
        break;
    }
    case KIND_RATE:
        if (!(v->den > 0)) {
            v->flags |= IV_NO_DATA;
            break;
        }
        if (stat_rate(v->num, v->den, 0.95, rate_multiplier((ind_id)v->indicator), &ci, NULL) == 0) {
            v->value = ci.value;
            v->lower = ci.lower;
            v->upper = ci.upper;
        }
        if (stat_rate(v->num, v->den, 0.998, rate_multiplier((ind_id)v->indicator), &ci, NULL) == 0) {
            v->lower998 = ci.lower;
            v->upper998 = ci.upper;
        }
        break;
    case KIND_MEDIAN:
    case KIND_MEAN:
    case KIND_SUM:
    case KIND_MONEY_SHARE:
        break; /* set when computed */
    }
    if (suppressed) {
        v->flags |= IV_SUPPRESSED;
        v->value = v->lower = v->upper = v->lower998 = v->upper998 = NAN;
        if (ind_cell_suppressed(s, v->num_cell)) v->num = NAN;
        if (ind_cell_suppressed(s, v->den_cell)) v->den = NAN;
    }
}

static void compare_value(ind_set *s, ind_value *v) {
    const ind_def *d = &defs[v->indicator];
    v->sig95 = v->sig998 = SIG_NOT_COMPARED;
    if (d->kind == KIND_COUNT || d->kind == KIND_SUM || d->kind == KIND_MONEY_SHARE) return;
    if (v->dim != DIM_OVERALL && v->dim != DIM_ITEM && isnan(v->comparator)) {
        const ind_value *overall = ind_lookup(s, (ind_id)v->indicator, v->period, DIM_OVERALL,
                                              v->scope, 0);
        if (overall && !(overall->flags & (IV_SUPPRESSED | IV_NO_DATA)))
            v->comparator = overall->value;
    }
    if (v->indicator == I_DIVERSITY && (v->group == ITEM_DIV_MALE_STAFF ||
                                        v->group == ITEM_DIV_MINORITY_STAFF)) {
        const ind_value *people = ind_lookup(s, I_DIVERSITY, v->period, DIM_ITEM, 0, v->group + 1);
        if (people && !(people->flags & (IV_SUPPRESSED | IV_NO_DATA))) v->comparator = people->value;
    }
    if (v->flags & (IV_SUPPRESSED | IV_NO_DATA) || isnan(v->comparator) || isnan(v->lower))
        return;
    v->sig95 = (uint8_t)stat_compare(v->lower, v->upper, v->comparator);
    if (!isnan(v->lower998)) v->sig998 = (uint8_t)stat_compare(v->lower998, v->upper998, v->comparator);
}

static void age_labels(ind_set *s) {
    const sv_config *cfg = s->m->cfg;
    int n = cfg->nage_bands;
    for (int i = 0; i < n; i++) {
        if (i + 1 < n)
            snprintf(s->age_labels[i], sizeof s->age_labels[i], "%d-%d", cfg->age_bands[i],
                     cfg->age_bands[i + 1] - 1);
        else
            snprintf(s->age_labels[i], sizeof s->age_labels[i], "%d+", cfg->age_bands[i]);
    }
    snprintf(s->age_labels[n], sizeof s->age_labels[n], "Under %d", cfg->age_bands[0]);
    snprintf(s->age_labels[n + 1], sizeof s->age_labels[n + 1], "Not known");
    s->nage_groups = n + 2;
}

ind_set *ind_compute(const sv_model *m, const ind_shared *shared, int unit, const sdc_rules *rules) {
    ind_shared *own = shared ? NULL : ind_prepare(m);
    if (!shared) shared = own;
    ind_set *s = xcalloc(1, sizeof *s);
    s->owned_shared = own;
    s->people = ind_shared_people(shared);
    s->m = m;
    s->unit = unit;
    s->rules = *rules;
    age_labels(s);
    ind_compute_access(s);
    ind_compute_outcomes(s);
    ind_compute_workforce(s, shared);
    ind_compute_community(s);
    ind_compute_learning(s);
    complement_lines(s);
    ind_time_lines(s);
    apply_sdc(s);
    for (size_t i = 0; i < s->nvalues; i++) finish_value(s, &s->values[i]);
    qsort(s->values, s->nvalues, sizeof *s->values, value_cmp);
    for (size_t i = 0; i < s->nvalues; i++) compare_value(s, &s->values[i]);
    ind_compute_gradients(s);
    return s;
}

void ind_set_free(ind_set *s) {
    if (!s) return;
    for (size_t i = 0; i < s->nlines; i++) free(s->lines[i].members);
    free(s->lines);
    free(s->values);
    free(s->cells);
    free(s->cell_keys);
    free(s->cell_slots);
    free(s->gradients);
    ind_shared_free(s->owned_shared);
    free(s);
}

const sv_model *ind_model(const ind_set *s) { return s->m; }
int ind_unit(const ind_set *s) { return s->unit; }
const sdc_rules *ind_rules(const ind_set *s) { return &s->rules; }
size_t ind_count(const ind_set *s) { return s->nvalues; }
const ind_value *ind_at(const ind_set *s, size_t i) { return &s->values[i]; }

const ind_value *ind_lookup(const ind_set *s, ind_id id, int period, ind_dim dim, int scope,
                            int group) {
    ind_value key;
    memset(&key, 0, sizeof key);
    key.indicator = (uint16_t)id;
    key.period = (uint8_t)period;
    key.dim = (uint8_t)dim;
    key.scope = (uint8_t)scope;
    key.group = (uint8_t)group;
    return bsearch(&key, s->values, s->nvalues, sizeof key, value_cmp);
}

const ind_gradient *ind_gradient_for(const ind_set *s, ind_id id, int period) {
    for (size_t i = 0; i < s->ngradients; i++)
        if (s->gradients[i].indicator == id && s->gradients[i].period == period)
            return &s->gradients[i];
    return NULL;
}
