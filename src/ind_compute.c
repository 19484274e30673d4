/* ind_compute.c: the indicator families, computed from the model for each
 * report and trend period. Definitions are the registry's (indicators.h);
 * the comments here say only what the code decides beyond them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indicators_internal.h"
#include "xalloc.h"

#define EQUITY_GROUPS (1 + 5 * IND_MAX_GROUPS)

/* Per-period, per-(dim, group) accumulators for medians and means. */
typedef struct group_index {
    int slot[6];  /* overall, then the five equity dimensions */
} group_index;

static group_index person_slots(const ind_set *s, int32_t pi, sv_day on) {
    group_index gi;
    gi.slot[0] = 0;
    for (int d = 0; d < 5; d++)
        gi.slot[d + 1] =
            pi < 0 ? -1 : 1 + d * IND_MAX_GROUPS +
                              ind_person_group(s, &s->m->people[pi], IND_EQUITY_DIMS[d], on);
    return gi;
}

/* Slot of a value row created by ind_equity_values. */
static int value_slot(const ind_value *v) {
    if (v->dim == DIM_OVERALL) return 0;
    for (int d = 0; d < 5; d++)
        if (IND_EQUITY_DIMS[d] == v->dim) return 1 + d * IND_MAX_GROUPS + v->group;
    return -1;
}

typedef struct sample {
    double value;
    group_index gi;
} sample;

/* Fills median rows [first, end) from samples: the samples are sorted into
 * their slots once, not scanned again for every row. */
static void fill_medians(ind_set *s, size_t first, const sample *xs, size_t n) {
    size_t count[EQUITY_GROUPS + 1] = {0}, start[EQUITY_GROUPS + 2];
    for (size_t j = 0; j < n; j++)
        for (int d = 0; d < 6; d++)
            if (xs[j].gi.slot[d] >= 0) count[xs[j].gi.slot[d]]++;
    start[0] = 0;
    for (int g = 0; g <= EQUITY_GROUPS; g++) start[g + 1] = start[g] + count[g];
    double *buf = xmalloc((start[EQUITY_GROUPS + 1] ? start[EQUITY_GROUPS + 1] : 1) * sizeof *buf);
    size_t fill[EQUITY_GROUPS + 1];
    memcpy(fill, start, sizeof fill);
    for (size_t j = 0; j < n; j++)
        for (int d = 0; d < 6; d++)
            if (xs[j].gi.slot[d] >= 0) buf[fill[xs[j].gi.slot[d]]++] = xs[j].value;
    for (size_t i = first; i < s->nvalues; i++) {
        ind_value *v = &s->values[i];
        int slot = value_slot(v);
        if (slot < 0 || slot > EQUITY_GROUPS) {
            ind_set_median(v, buf, 0);
            continue;
        }
        /* ind_set_median may reorder; each row has its own slot. */
        ind_set_median(v, buf + start[slot], count[slot]);
    }
    free(buf);
}

static void fill_means(ind_set *s, size_t first, const moments *mo) {
    for (size_t i = first; i < s->nvalues; i++) {
        int slot = value_slot(&s->values[i]);
        if (slot >= 0) ind_set_mean(&s->values[i], &mo[slot]);
    }
}

static void moments_add(moments *mo, const group_index *gi, double x) {
    for (int d = 0; d < 6; d++) {
        if (gi->slot[d] < 0) continue;
        moments *m = &mo[gi->slot[d]];
        m->n += 1;
        m->sum += x;
        m->sumsq += x * x;
    }
}

static int age_scope(const ind_set *s, const person *p, sv_day on) {
    int age = model_person_age(s->m, p, on);
    if (age < 18) return -1;
    return age <= 64 ? SCOPE_18_64 : SCOPE_65_PLUS;
}

static void item_share(ind_set *s, ind_id id, int k, int item, measure num, measure den);
static void known_base_line(ind_set *s, int32_t total, int32_t known);

/* ---- access ----------------------------------------------------------------------- */

/* Population share (0-100) and count of a group, NAN when not given. */
static void population_of(const sv_model *m, int dim, int scope, int group, double *share,
                          double *count) {
    double total = 0, mine = NAN;
    *share = *count = NAN;
    for (size_t i = 0; i < m->npopulation; i++) {
        const population_row *r = &m->population[i];
        if (r->dimension != dim || r->age_scope != scope) continue;
        if (!isnan(r->count)) total += r->count;
        if (r->group == group) {
            mine = r->count;
            if (!isnan(r->share)) *share = r->share * 100;
        }
    }
    *count = mine;
    if (isnan(*share) && !isnan(mine) && total > 0) *share = mine / total * 100;
}

static void access_shares(ind_set *s, int k, ind_dim dim, int popdim, int scope) {
    const sv_model *m = s->m;
    int32_t total = ind_cell_at(s, M_PEOPLE, k, scope, DIM_OVERALL, 0);
    for (int g = 0; g < ind_dim_groups(s, dim); g++) {
        int32_t num = ind_cell_at(s, M_PEOPLE, k, scope, dim, g);
        ind_value *v = ind_value_add(s, I_ACCESS_SHARE, k, dim, scope, g, num, total);
        double share, count;
        population_of(m, popdim, scope, g, &share, &count);
        v->comparator = share;
        if (isnan(count) || !(count > 0)) continue;
        int32_t pop = ind_cell_new(s, count, 1, 0);
        ind_value_add(s, I_PER_1000, k, dim, scope, g, num, pop);
    }
}

/* Where the configured age bands start at 18 and at 65, the bands inside an
 * age range add up to it: both are printed, so a small band could be
 * worked out from the range and its other bands without this line. */
static void age_range_lines(ind_set *s, int k) {
    const sv_config *cfg = s->m->cfg;
    int first18 = -1, first65 = -1;
    for (int b = 0; b < cfg->nage_bands; b++) {
        if (cfg->age_bands[b] == 18) first18 = b;
        if (cfg->age_bands[b] == 65) first65 = b;
    }
    const struct {
        int scope, from, to;
    } ranges[] = {{SCOPE_18_64, first18, first65}, {SCOPE_65_PLUS, first65, cfg->nage_bands}};
    for (size_t r = 0; r < 2; r++) {
        if (ranges[r].from < 0 || ranges[r].to < 0 || ranges[r].to <= ranges[r].from) continue;
        int32_t members[CFG_MAX_AGE_BANDS];
        int n = 0;
        for (int b = ranges[r].from; b < ranges[r].to; b++)
            members[n++] = ind_cell_at(s, M_PEOPLE, k, SCOPE_ALL, DIM_AGE_BAND, b);
        ind_line_add(s, ind_cell_at(s, M_PEOPLE, k, ranges[r].scope, DIM_OVERALL, 0), members, n);
    }
}

void ind_compute_access(ind_set *s) {
    const sv_model *m = s->m;
    if (!m->present[EX_PEOPLE]) return;
    for (int k = 0; k < m->nperiods; k++) {
        const sv_period *P = &m->periods[k];
        for (size_t i = 0; i < m->npeople; i++) {
            const person *p = &m->people[i];
            int32_t pi = (int32_t)i;
            if (!ind_in_scope(s, pi) || !person_active(p, P->start, P->end)) continue;
            ind_add_person(s, M_PEOPLE, k, pi, 1, k == 0);
            int sc = age_scope(s, p, P->end);
            if (sc >= 0) {
                ind_cell_add(s, M_PEOPLE, k, sc, DIM_OVERALL, 0, 1);
                ind_cell_add(s, M_PEOPLE, k, sc, DIM_ETHNICITY, p->ethnicity, 1);
            }
            if (p->direct_payment != FLAG_UNKNOWN) ind_add_person(s, M_DP_KNOWN, k, pi, 1, k == 0);
            if (p->direct_payment == FLAG_YES) ind_add_person(s, M_DP_YES, k, pi, 1, k == 0);
            for (int r = 0; r < REC_COUNT; r++)
                if (p->recorded & (1u << r)) ind_cell_add(s, M_RECORDED, k, SCOPE_ALL, DIM_ITEM, r, 1);
        }
        ind_equity_values(s, I_PEOPLE, k, M_PEOPLE, 0, 0, 0, k == 0);
        /* By age range: the ethnic groups add up to each range, and each
         * group's ranges add up to all ages less those under 18 or of
         * unknown age (a remainder a reader could work out). */
        for (int sc = SCOPE_18_64; sc <= SCOPE_65_PLUS; sc++) {
            ind_value_add(s, I_PEOPLE, k, DIM_OVERALL, sc, 0,
                          ind_cell_at(s, M_PEOPLE, k, sc, DIM_OVERALL, 0), -1);
            for (int g = 0; g < ETH_COUNT; g++)
                ind_value_add(s, I_PEOPLE, k, DIM_ETHNICITY, sc, g,
                              ind_cell_at(s, M_PEOPLE, k, sc, DIM_ETHNICITY, g), -1);
            ind_partition_line(s, M_PEOPLE, k, sc, DIM_ETHNICITY, 0);
        }
        for (int g = -1; g < ETH_COUNT; g++) {
            ind_dim dim = g < 0 ? DIM_OVERALL : DIM_ETHNICITY;
            int grp = g < 0 ? 0 : g;
            int32_t all = ind_cell_at(s, M_PEOPLE, k, SCOPE_ALL, dim, grp);
            int32_t a = ind_cell_at(s, M_PEOPLE, k, SCOPE_18_64, dim, grp);
            int32_t b = ind_cell_at(s, M_PEOPLE, k, SCOPE_65_PLUS, dim, grp);
            double rest = s->cells[all].value - s->cells[a].value - s->cells[b].value;
            int32_t members[3] = {a, b, ind_cell_new(s, rest, 0, 1)};
            ind_line_add(s, all, members, 3);
        }
        if (k == 0) age_range_lines(s, k);
        for (int sc = SCOPE_ALL; sc <= SCOPE_65_PLUS; sc++)
            access_shares(s, k, DIM_ETHNICITY, POP_DIM_ETHNICITY, sc);
        access_shares(s, k, DIM_SEX, POP_DIM_SEX, SCOPE_ALL);
        access_shares(s, k, DIM_AGE_BAND, POP_DIM_AGE_BAND, SCOPE_ALL);
        ind_equity_values(s, I_DIRECT_PAYMENT, k, M_DP_YES, 0, M_DP_KNOWN, 0, k == 0);
        known_base_line(s, ind_cell_at(s, M_PEOPLE, k, SCOPE_ALL, DIM_OVERALL, 0),
                        ind_cell_at(s, M_DP_KNOWN, k, SCOPE_ALL, DIM_OVERALL, 0));
        for (int d = 0; k == 0 && d < 5; d++) /* and in each group, where it is shown */
            for (int g = 0; g < ind_dim_groups(s, IND_EQUITY_DIMS[d]); g++)
                known_base_line(s, ind_cell_at(s, M_PEOPLE, k, SCOPE_ALL, IND_EQUITY_DIMS[d], g),
                                ind_cell_at(s, M_DP_KNOWN, k, SCOPE_ALL, IND_EQUITY_DIMS[d], g));
        int32_t people = ind_cell_at(s, M_PEOPLE, k, SCOPE_ALL, DIM_OVERALL, 0);
        for (int r = 0; r < REC_COUNT; r++)
            ind_value_add(s, I_RECORDED, k, DIM_ITEM, SCOPE_ALL, r,
                          ind_cell_at(s, M_RECORDED, k, SCOPE_ALL, DIM_ITEM, r), people);
    }
    /* People supported over the equity window, by group: the base of the
     * rates per 100 people compared between groups. */
    if (m->equity) {
        const sv_period *W = &m->periods[m->equity];
        for (size_t i = 0; i < m->npeople; i++)
            if (ind_in_scope(s, (int32_t)i) && person_active(&m->people[i], W->start, W->end))
                ind_add_person(s, M_PEOPLE, m->equity, (int32_t)i, 1, 1);
        for (int d = 0; d < 5; d++) ind_partition_line(s, M_PEOPLE, m->equity, SCOPE_ALL, IND_EQUITY_DIMS[d], 0);
    }
}

/* ---- experience and outcomes --------------------------------------------------------- */

static int *satisfaction_questions(const ind_set *s) {
    const sv_model *m = s->m;
    const sv_config *cfg = m->cfg;
    int *use = xcalloc(m->nquestions + 1, sizeof *use);
    int any = 0;
    for (size_t q = 0; q < m->nquestions; q++) {
        if (cfg->nsurvey_questions) {
            for (size_t c = 0; c < cfg->nsurvey_questions; c++)
                if (strcasecmp(cfg->survey_questions[c], m->questions[q]) == 0) use[q] = 1;
        } else {
            /* Without a configured list, questions about satisfaction. */
            use[q] = strstr(m->questions[q], "satisf") != NULL ||
                     strstr(m->questions[q], "Satisf") != NULL;
        }
        any |= use[q];
    }
    if (!any && !cfg->nsurvey_questions)
        for (size_t q = 0; q < m->nquestions; q++) use[q] = 1;
    return use;
}

static void retention(ind_set *s, int k, const episode *e, int weeks, measure den, measure num,
                      int groups) {
    const sv_period *P = &s->m->periods[k];
    sv_day point = e->start + 7 * weeks;
    if (point < P->start || point > P->end) return;
    if (e->end != SV_NO_DATE && e->end < point) {
        /* Ending for reasons outside the service's control is not a loss. */
        if (e->end_reason == END_MOVED || e->end_reason == END_DIED ||
            e->end_reason == END_TRANSFERRED)
            return;
        ind_add_person(s, den, k, e->person, 1, groups);
        if (e->end_reason == END_COMPLETED) ind_add_person(s, num, k, e->person, 1, groups);
        return;
    }
    ind_add_person(s, den, k, e->person, 1, groups);
    ind_add_person(s, num, k, e->person, 1, groups);
}

static void outcomes_period(ind_set *s, int k, const int *sat_q) {
    const sv_model *m = s->m;
    int groups = k == m->equity;
    const sv_config *cfg = m->cfg;
    const sv_period *P = &m->periods[k];
    int unlinked_ref = 0, unlinked_fb = 0, unlinked_sv = 0;
    sample *days = NULL;
    size_t ndays = 0, cap = 0;
    if (m->present[EX_REFERRALS]) {
        for (size_t i = 0; i < m->nreferrals; i++) {
            const referral *r = &m->referrals[i];
            if (!ind_record_in_scope(s, r->person)) continue;
            unlinked_ref |= r->person < 0;
            if (period_contains(P, r->date)) {
                ind_add_person(s, M_REFERRALS, k, r->person, 1, groups);
                if (r->assessment != SV_NO_DATE && r->assessment <= P->end)
                    ind_add_person(s, M_REF_ASSESSED, k, r->person, 1, groups);
                if (r->offered >= 0 && r->dna >= 0) {
                    ind_add_person(s, M_OFFERED, k, r->person, r->offered, groups);
                    ind_add_person(s, M_DNA, k, r->person, r->dna, groups);
                }
                for (int a = 0; a < ADJ_COUNT; a++) {
                    if (!(r->requested & (1u << a))) continue;
                    ind_add_person(s, M_ADJ_REQ, k, r->person, 1, groups);
                    ind_cell_add(s, M_ADJ_TYPE_REQ, k, SCOPE_ALL, DIM_ITEM, a, 1);
                    if (!(r->provided & (1u << a))) continue;
                    ind_add_person(s, M_ADJ_PROV, k, r->person, 1, groups);
                    ind_cell_add(s, M_ADJ_TYPE_PROV, k, SCOPE_ALL, DIM_ITEM, a, 1);
                }
            }
            if (period_contains(P, r->assessment)) {
                XGROW(days, cap, ndays + 1);
                days[ndays].value = r->assessment - r->date;
                days[ndays].gi = person_slots(s, r->person, P->end);
                ndays++;
                ind_add_person(s, M_ASSESSMENTS, k, r->person, 1, groups);
            }
        }
        ind_equity_values(s, I_DNA, k, M_DNA, unlinked_ref, M_OFFERED, unlinked_ref, groups);
        ind_equity_values(s, I_CONVERSION, k, M_REF_ASSESSED, unlinked_ref, M_REFERRALS, unlinked_ref, groups);
        ind_equity_values(s, I_ADJUSTMENTS, k, M_ADJ_PROV, unlinked_ref, M_ADJ_REQ, unlinked_ref, groups);
        for (int a = 0; a < ADJ_COUNT; a++) item_share(s, I_ADJ_BY_TYPE, k, a, M_ADJ_TYPE_PROV, M_ADJ_TYPE_REQ);
        size_t first = ind_equity_values(s, I_DAYS_TO_ASSESS, k, 0, 0, M_ASSESSMENTS, unlinked_ref, groups);
        fill_medians(s, first, days, ndays);
    }
    free(days);
    if (m->present[EX_EPISODES]) {
        for (size_t i = 0; i < m->nepisodes; i++) {
            const episode *e = &m->episodes[i];
            if (!ind_in_scope(s, e->person)) continue;
            retention(s, k, e, 4, M_RET4_DEN, M_RET4_NUM, groups);
            retention(s, k, e, 12, M_RET12_DEN, M_RET12_NUM, groups);
        }
        ind_equity_values(s, I_RETENTION_4W, k, M_RET4_NUM, 0, M_RET4_DEN, 0, groups);
        ind_equity_values(s, I_RETENTION_12W, k, M_RET12_NUM, 0, M_RET12_DEN, 0, groups);
    }
    if (m->present[EX_SURVEY]) {
        for (size_t i = 0; i < m->nsurvey; i++) {
            const survey_response *r = &m->survey[i];
            if (!period_contains(P, r->date) || !sat_q[r->question] || !ind_record_in_scope(s, r->person))
                continue;
            unlinked_sv |= r->person < 0;
            ind_add_person(s, M_SURVEY, k, r->person, 1, groups);
            if (r->score >= cfg->survey_satisfied) ind_add_person(s, M_SATISFIED, k, r->person, 1, groups);
        }
        ind_equity_values(s, I_SATISFACTION, k, M_SATISFIED, unlinked_sv, M_SURVEY, unlinked_sv, groups);
    }
    if (m->present[EX_FEEDBACK] && m->present[EX_PEOPLE]) {
        for (size_t i = 0; i < m->nfeedback; i++) {
            const feedback *f = &m->feedback[i];
            if (!period_contains(P, f->date) || !ind_record_in_scope(s, f->person)) continue;
            if (f->type == FB_COMPLAINT) {
                unlinked_fb |= f->person < 0;
                ind_add_person(s, M_COMPLAINTS, k, f->person, 1, groups);
            } else if (f->type == FB_SAFEGUARDING) {
                unlinked_fb |= f->person < 0;
                ind_add_person(s, M_SAFEGUARDING, k, f->person, 1, groups);
            }
        }
        ind_equity_values(s, I_COMPLAINTS_RATE, k, M_COMPLAINTS, unlinked_fb, M_PEOPLE, 0, groups);
        ind_equity_values(s, I_SAFEGUARDING_RATE, k, M_SAFEGUARDING, unlinked_fb, M_PEOPLE, 0, groups);
    }
}

/* Sums for a ratio estimator over clusters (people): sum y / sum n. */
typedef struct cluster_sums {
    double m, sy, sn, syy, snn, syn;
} cluster_sums;

static void cluster_add(cluster_sums *cs, const group_index *gi, double y, double n) {
    for (int d = 0; d < 6; d++) {
        if (gi->slot[d] < 0) continue;
        cluster_sums *c = &cs[gi->slot[d]];
        c->m += 1;
        c->sy += y;
        c->sn += n;
        c->syy += y * y;
        c->snn += n * n;
        c->syn += y * n;
    }
}

/* Effective sample size p(1-p)/var(p) from the between-person variance of
 * the ratio (Taylor linearisation). With no usable variance (one person,
 * or p of 0 or 1) the number of people is used: the cautious choice. */
static double effective_n(const cluster_sums *c) {
    if (c->m < 2 || c->sn <= 0) return c->m;
    double p = c->sy / c->sn, nbar = c->sn / c->m;
    double var = (c->syy - 2 * p * c->syn + p * p * c->snn) / (c->m * (c->m - 1) * nbar * nbar);
    if (p <= 0 || p >= 1 || !(var > 0)) return c->m;
    double n_eff = p * (1 - p) / var;
    return n_eff < c->sn ? n_eff : c->sn;
}

static void fill_effective_n(ind_set *s, size_t first, const cluster_sums *cs) {
    for (size_t i = first; i < s->nvalues; i++) {
        int slot = value_slot(&s->values[i]);
        if (slot >= 0) s->values[i].n_eff = effective_n(&cs[slot]);
    }
}

/* Visits: counts per person and period were aggregated while reading. */
static void visits_period(ind_set *s, int k) {
    const sv_model *m = s->m;
    int groups = k == m->equity;
    cluster_sums *missed = xcalloc(EQUITY_GROUPS, sizeof *missed);
    cluster_sums *regular = xcalloc(EQUITY_GROUPS, sizeof *regular);
    for (size_t i = 0; i < m->npeople; i++) {
        int32_t pi = (int32_t)i;
        visit_counts counts = model_visits(m, i, k);
        const visit_counts *vc = &counts;
        if (!vc->planned || !ind_in_scope(s, pi)) continue;
        ind_add_person(s, M_PLANNED, k, pi, vc->planned, groups);
        ind_add_person(s, M_MISSED, k, pi, vc->missed, groups);
        ind_add_person(s, M_REG_KNOWN, k, pi, vc->regular_known, groups);
        ind_add_person(s, M_REGULAR, k, pi, vc->regular, groups);
        group_index gi = person_slots(s, pi, m->periods[k].end);
        cluster_add(missed, &gi, vc->missed, vc->planned);
        if (vc->regular_known) cluster_add(regular, &gi, vc->regular, vc->regular_known);
    }
    fill_effective_n(s, ind_equity_values(s, I_MISSED_VISITS, k, M_MISSED, 0, M_PLANNED, 0, groups), missed);
    fill_effective_n(s, ind_equity_values(s, I_REGULAR_CARER, k, M_REGULAR, 0, M_REG_KNOWN, 0, groups), regular);
    free(missed);
    free(regular);
}

/* Distinct carers per person-month from the sorted (person, month, staff)
 * keys; a person-month belongs to the period whose months contain it. */
static void carers_per_month(ind_set *s) {
    const sv_model *m = s->m;
    int np = model_period_count(m);
    moments *mo = xcalloc((size_t)np * EQUITY_GROUPS, sizeof *mo);
    size_t i = 0;
    while (i < m->ncarer_keys) {
        uint64_t pm = m->carer_keys[i] >> 32;
        size_t j = i;
        while (j < m->ncarer_keys && m->carer_keys[j] >> 32 == pm) j++;
        int32_t pi = (int32_t)(pm >> 8);
        int month = m->visit_month0 + (int)(pm & 0xFF);
        /* A month counts in every period whose months contain it: its
         * quarter and the 12-month window. */
        for (int k = 0; k < np && ind_in_scope(s, pi); k++) {
            if (month < day_month_index(m->periods[k].start) || month > day_month_index(m->periods[k].end))
                continue;
            int groups = k == m->equity;
            group_index gi = person_slots(s, pi, m->periods[k].end);
            for (int d = 1; !groups && d < 6; d++) gi.slot[d] = -1;
            moments_add(&mo[(size_t)k * EQUITY_GROUPS], &gi, (double)(j - i));
            ind_add_person(s, M_PERSON_MONTHS, k, pi, 1, groups);
        }
        i = j;
    }
    for (int k = 0; k < np; k++) {
        size_t first = ind_equity_values(s, I_CARERS_PER_MONTH, k, 0, 0, M_PERSON_MONTHS, 0, k == m->equity);
        fill_means(s, first, &mo[(size_t)k * EQUITY_GROUPS]);
    }
    free(mo);
}

void ind_compute_outcomes(ind_set *s) {
    const sv_model *m = s->m;
    if (!m->present[EX_PEOPLE]) return;
    int *sat_q = satisfaction_questions(s);
    for (int k = 0; k < model_period_count(m); k++) {
        outcomes_period(s, k, sat_q);
        if (m->present[EX_VISITS]) visits_period(s, k);
    }
    free(sat_q);
    if (m->present[EX_VISITS]) carers_per_month(s);
}

/* ---- workforce --------------------------------------------------------------------------- */

/* d plus n calendar months, the day clamped to the month's length. */
static sv_day add_months(sv_day d, int n) {
    int y, mo, dd;
    day_to_ymd(d, &y, &mo, &dd);
    sv_day first = day_add_months(day_from_ymd(y, mo, 1), n);
    sv_day next = day_add_months(first, 1);
    sv_day target = first + dd - 1;
    return target < next ? target : next - 1;
}

static int direct(const staff *st) { return st->contract != CON_AGENCY; }

/* Sessions of staff j with a date in [from, to]: supervision is sorted by
 * staff then date once, and found through per-staff offsets. */
typedef struct sessions {
    sv_day *dates;      /* grouped by staff */
    size_t *offset;     /* nstaff + 1 */
} sessions;

static int cmp_day(const void *a, const void *b) {
    sv_day x = *(const sv_day *)a, y = *(const sv_day *)b;
    return (x > y) - (x < y);
}

static sessions sessions_build(const sv_model *m) {
    sessions ss;
    ss.offset = xcalloc(m->nstaff + 2, sizeof *ss.offset);
    ss.dates = xmalloc((m->nsupervision ? m->nsupervision : 1) * sizeof *ss.dates);
    for (size_t i = 0; i < m->nsupervision; i++) ss.offset[m->supervision[i].staff + 1]++;
    for (size_t j = 0; j < m->nstaff; j++) ss.offset[j + 1] += ss.offset[j];
    size_t *fill = xmalloc((m->nstaff + 1) * sizeof *fill);
    memcpy(fill, ss.offset, (m->nstaff + 1) * sizeof *fill);
    for (size_t i = 0; i < m->nsupervision; i++)
        ss.dates[fill[m->supervision[i].staff]++] = m->supervision[i].date;
    free(fill);
    for (size_t j = 0; j < m->nstaff; j++)
        qsort(ss.dates + ss.offset[j], ss.offset[j + 1] - ss.offset[j], sizeof *ss.dates, cmp_day);
    return ss;
}

static int had_session(const sessions *ss, size_t j, sv_day from, sv_day to) {
    for (size_t i = ss->offset[j]; i < ss->offset[j + 1]; i++)
        if (ss->dates[i] >= from && ss->dates[i] <= to) return 1;
    return 0;
}

static void item_share(ind_set *s, ind_id id, int k, int item, measure num, measure den) {
    ind_value_add(s, id, k, DIM_ITEM, SCOPE_ALL, item,
                  ind_cell_at(s, num, k, SCOPE_ALL, DIM_ITEM, item),
                  ind_cell_at(s, den, k, SCOPE_ALL, DIM_ITEM, item));
}

/* A share over those whose answer is recorded shows its base, and the
 * total it is part of is shown elsewhere: total = known + not known is a
 * line, so that a small "not known" cannot be worked out as the difference. */
static void known_base_line(ind_set *s, int32_t total, int32_t known) {
    double not_known = s->cells[total].value - s->cells[known].value;
    int32_t members[2] = {known, ind_cell_new(s, not_known, 0, 1)};
    ind_line_add(s, total, members, 2);
}

static void overall_value(ind_set *s, ind_id id, int k, measure num, measure den) {
    ind_value_add(s, id, k, DIM_OVERALL, SCOPE_ALL, 0,
                  num ? ind_cell_at(s, num, k, SCOPE_ALL, DIM_OVERALL, 0) : -1,
                  den ? ind_cell_at(s, den, k, SCOPE_ALL, DIM_OVERALL, 0) : -1);
}

/* Counts kept in locals while a loop runs over thousands of staff and
 * sessions, and added to their cells once: a cell lookup per record was
 * most of the time of a unit document. */
typedef struct workforce_tally {
    double headcount, agency, direct_end, local_known, local, travel_n;
    double qual_known[4], qual_met[4], div_known[4], div_yes[4];
    double promotions, leavers, early[3], starters_local_known, starters_local;
    double starters_due[3], starters_seen[3], sessions, training_due, training_done;
} workforce_tally;

static void tally_flush(ind_set *s, int k, const workforce_tally *t) {
    const struct {
        measure mea;
        double n;
    } overall[] = {
        {M_HEADCOUNT, t->headcount},     {M_AGENCY, t->agency},
        {M_DIRECT_END, t->direct_end},   {M_LOCAL_KNOWN, t->local_known},
        {M_LOCAL, t->local},             {M_TRAVEL_N, t->travel_n},
        {M_PROMOTIONS, t->promotions},   {M_LEAVERS, t->leavers},
        {M_STARTERS_LOCAL_KNOWN, t->starters_local_known},
        {M_STARTERS_LOCAL, t->starters_local},
        {M_SUP_SESSIONS, t->sessions},   {M_TRAINING_DUE, t->training_due},
        {M_TRAINING_DONE, t->training_done},
    };
    for (size_t i = 0; i < sizeof overall / sizeof *overall; i++)
        if (overall[i].n) ind_cell_add(s, overall[i].mea, k, SCOPE_ALL, DIM_OVERALL, 0, overall[i].n);
    const struct {
        measure mea;
        const double *n;
        int items;
    } by_item[] = {
        {M_QUAL_KNOWN, t->qual_known, 4}, {M_QUAL_MET, t->qual_met, 4},  {M_DIV_KNOWN, t->div_known, 4},
        {M_DIV_YES, t->div_yes, 4},       {M_EARLY, t->early, 3},        {M_STARTERS_DUE, t->starters_due, 3},
        {M_STARTERS_SEEN, t->starters_seen, 3},
    };
    for (size_t i = 0; i < sizeof by_item / sizeof *by_item; i++)
        for (int it = 0; it < by_item[i].items; it++)
            if (by_item[i].n[it]) ind_cell_add(s, by_item[i].mea, k, SCOPE_ALL, DIM_ITEM, it, by_item[i].n[it]);
}

static void staff_in_post_measures(const sv_model *m, int k, workforce_tally *t, moments *travel, double *fte,
                                   int *nfte, double *local_fte) {
    sv_day end = m->periods[k].end;
    for (size_t j = 0; j < m->nstaff; j++) {
        const staff *st = &m->staff[j];
        if (!staff_in_post(st, end)) continue;
        t->headcount++;
        if (!isnan(st->fte)) *fte += st->fte, (*nfte)++;
        if (!isnan(st->fte) && st->local == FLAG_YES) *local_fte += st->fte;
        if (st->contract == CON_AGENCY) t->agency++;
        if (direct(st)) t->direct_end++;
        if (st->local != FLAG_UNKNOWN) {
            t->local_known++;
            if (st->local == FLAG_YES) t->local++;
        }
        if (!isnan(st->travel)) {
            travel->n += 1;
            travel->sum += st->travel;
            travel->sumsq += (double)st->travel * st->travel;
            t->travel_n++;
        }
        if (st->qual_level >= 0) {
            for (int it = ITEM_QUAL_L2; it <= ITEM_QUAL_L3; it++) {
                t->qual_known[it]++;
                if (st->qual_level >= 2 + it) t->qual_met[it]++;
            }
        }
        if (st->qual_in_progress != FLAG_UNKNOWN) {
            t->qual_known[ITEM_QUAL_IN_PROGRESS]++;
            if (st->qual_in_progress == FLAG_YES) t->qual_met[ITEM_QUAL_IN_PROGRESS]++;
        }
        if (st->tier == TIER_SUPPORT && st->care_cert >= 0) {
            t->qual_known[ITEM_CARE_CERT]++;
            if (st->care_cert == CC_DONE) t->qual_met[ITEM_CARE_CERT]++;
        }
        if (st->sex != SEX_NOT_KNOWN) {
            t->div_known[ITEM_DIV_MALE_STAFF]++;
            if (st->sex == SEX_MALE) t->div_yes[ITEM_DIV_MALE_STAFF]++;
        }
        if (st->ethnicity < ETH_KNOWN_COUNT) {
            t->div_known[ITEM_DIV_MINORITY_STAFF]++;
            if (st->ethnicity != ETH_WHITE) t->div_yes[ITEM_DIV_MINORITY_STAFF]++;
        }
    }
}

/* The staff side of period k: the same for every document of a run. */
typedef struct staff_period {
    workforce_tally t;
    moments travel;
    double fte, local_fte;
    int nfte;
    double start_count, end_count;
} staff_period;

struct ind_shared {
    int has_workforce;
    staff_period staff[9];  /* per model period */
    ind_person_cache people;
};

static void staff_period_compute(const sv_model *m, int k, const sessions *ss, staff_period *sp) {
    const sv_period *P = &m->periods[k];
    sv_day end = P->end, w0 = end - 364;  /* the 12 months to the period end */
    memset(sp, 0, sizeof *sp);
    workforce_tally *t = &sp->t;
    staff_in_post_measures(m, k, t, &sp->travel, &sp->fte, &sp->nfte, &sp->local_fte);
    for (size_t j = 0; j < m->nstaff; j++) {
        const staff *st = &m->staff[j];
        if (st->promoted != SV_NO_DATE && st->promoted >= w0 && st->promoted <= end) t->promotions++;
        if (!direct(st)) continue;
        if (staff_in_post(st, w0 - 1)) sp->start_count++;
        if (staff_in_post(st, end)) sp->end_count++;
        if (st->leave != SV_NO_DATE && st->leave >= w0 && st->leave <= end) {
            t->leavers++;
            static const int months[] = {3, 6, 12};
            for (int it = 0; it < 3; it++)
                if (st->leave < add_months(st->start, months[it])) t->early[it]++;
        }
        if (st->start >= w0 && st->start <= end && st->local != FLAG_UNKNOWN) {
            t->starters_local_known++;
            if (st->local == FLAG_YES) t->starters_local++;
        }
        if (st->start >= w0 && st->start <= end) {
            static const int weeks[] = {2, 6, 12};
            for (int it = 0; it < 3; it++) {
                sv_day point = st->start + 7 * weeks[it];
                /* Not yet due, or gone before it fell due. */
                if (point > end || (st->leave != SV_NO_DATE && st->leave < point)) continue;
                t->starters_due[it]++;
                if (had_session(ss, j, st->start, point)) t->starters_seen[it]++;
            }
        }
    }
    for (size_t i = 0; i < m->nsupervision; i++)
        if (period_contains(P, m->supervision[i].date)) t->sessions++;
    for (size_t i = 0; i < m->ntraining; i++) {
        const training *tr = &m->training[i];
        if (tr->mandatory != FLAG_YES || !staff_in_post(&m->staff[tr->staff], end)) continue;
        if (tr->due != SV_NO_DATE && tr->due > end) continue;
        t->training_due++;
        if (tr->completed != SV_NO_DATE && tr->completed <= end) t->training_done++;
    }
}

ind_shared *ind_prepare(const sv_model *m) {
    ind_shared *sh = xcalloc(1, sizeof *sh);
    ind_person_cache_fill(&sh->people, m);
    sh->has_workforce = m->present[EX_WORKFORCE];
    if (sh->has_workforce) {
        sessions ss = sessions_build(m);
        for (int k = 0; k < m->nperiods; k++) staff_period_compute(m, k, &ss, &sh->staff[k]);
        free(ss.dates);
        free(ss.offset);
    }
    return sh;
}

void ind_shared_free(ind_shared *sh) {
    if (!sh) return;
    free(sh->people.age_group);
    free(sh);
}

const ind_person_cache *ind_shared_people(const ind_shared *sh) { return &sh->people; }

static void workforce_period(ind_set *s, int k, const staff_period *sp) {
    const sv_model *m = s->m;
    const sv_period *P = &m->periods[k];
    workforce_tally t = sp->t;
    moments travel = sp->travel;
    double fte = sp->fte, local_fte = sp->local_fte;
    int nfte = sp->nfte;
    /* Diversity of people supported in the same scope, for comparison. */
    for (size_t i = 0; i < m->npeople; i++) {
        const person *p = &m->people[i];
        if (!ind_in_scope(s, (int32_t)i) || !person_active(p, P->start, P->end)) continue;
        if (p->sex != SEX_NOT_KNOWN) {
            t.div_known[ITEM_DIV_MALE_PEOPLE]++;
            if (p->sex == SEX_MALE) t.div_yes[ITEM_DIV_MALE_PEOPLE]++;
        }
        if (p->ethnicity < ETH_KNOWN_COUNT) {
            t.div_known[ITEM_DIV_MINORITY_PEOPLE]++;
            if (p->ethnicity != ETH_WHITE) t.div_yes[ITEM_DIV_MINORITY_PEOPLE]++;
        }
    }
    tally_flush(s, k, &t);
    ind_cell_add(s, M_DIRECT_AVG, k, SCOPE_ALL, DIM_OVERALL, 0, (sp->start_count + sp->end_count) / 2);

    overall_value(s, I_HEADCOUNT, k, M_HEADCOUNT, 0);
    ind_value *v = ind_value_add(s, I_FTE, k, DIM_OVERALL, SCOPE_ALL, 0, -1,
                                 ind_cell_at(s, M_HEADCOUNT, k, SCOPE_ALL, DIM_OVERALL, 0));
    if (nfte) v->value = fte;
    else v->flags |= IV_NO_DATA;
    overall_value(s, I_TURNOVER, k, M_LEAVERS, M_DIRECT_AVG);
    int32_t leavers = ind_cell_at(s, M_LEAVERS, k, SCOPE_ALL, DIM_OVERALL, 0);
    for (int it = 0; it < 3; it++) {
        ind_value_add(s, I_EARLY_LEAVERS, k, DIM_ITEM, SCOPE_ALL, it,
                      ind_cell_at(s, M_EARLY, k, SCOPE_ALL, DIM_ITEM, it), leavers);
        item_share(s, I_NEW_STARTER_SUP, k, it, M_STARTERS_SEEN, M_STARTERS_DUE);
    }
    overall_value(s, I_LOCAL_STARTERS, k, M_STARTERS_LOCAL, M_STARTERS_LOCAL_KNOWN);
    v = ind_value_add(s, I_LOCAL_FTE, k, DIM_OVERALL, SCOPE_ALL, 0, -1,
                      ind_cell_at(s, M_HEADCOUNT, k, SCOPE_ALL, DIM_OVERALL, 0));
    if (nfte) v->value = local_fte;
    else v->flags |= IV_NO_DATA;
    overall_value(s, I_AGENCY_SHARE, k, M_AGENCY, M_HEADCOUNT);
    overall_value(s, I_LOCAL_SHARE, k, M_LOCAL, M_LOCAL_KNOWN);
    v = ind_value_add(s, I_TRAVEL, k, DIM_OVERALL, SCOPE_ALL, 0, -1,
                      ind_cell_at(s, M_TRAVEL_N, k, SCOPE_ALL, DIM_OVERALL, 0));
    ind_set_mean(v, &travel);
    overall_value(s, I_SUPERVISION_RATE, k, M_SUP_SESSIONS, M_DIRECT_END);
    overall_value(s, I_TRAINING, k, M_TRAINING_DONE, M_TRAINING_DUE);
    for (int it = ITEM_QUAL_L2; it <= ITEM_CARE_CERT; it++)
        item_share(s, I_QUALIFICATION, k, it, M_QUAL_MET, M_QUAL_KNOWN);
    for (int it = ITEM_QUAL_L2; it <= ITEM_QUAL_L3; it++) /* of staff in post */
        known_base_line(s, ind_cell_at(s, M_HEADCOUNT, k, SCOPE_ALL, DIM_OVERALL, 0),
                        ind_cell_at(s, M_QUAL_KNOWN, k, SCOPE_ALL, DIM_ITEM, it));
    overall_value(s, I_PROMOTIONS, k, M_PROMOTIONS, 0);
    for (int it = ITEM_DIV_MALE_STAFF; it <= ITEM_DIV_MINORITY_PEOPLE; it++) {
        item_share(s, I_DIVERSITY, k, it, M_DIV_YES, M_DIV_KNOWN);
        int of_people = it == ITEM_DIV_MALE_PEOPLE || it == ITEM_DIV_MINORITY_PEOPLE;
        known_base_line(s, ind_cell_at(s, of_people ? M_PEOPLE : M_HEADCOUNT, k, SCOPE_ALL, DIM_OVERALL, 0),
                        ind_cell_at(s, M_DIV_KNOWN, k, SCOPE_ALL, DIM_ITEM, it));
    }
    known_base_line(s, ind_cell_at(s, M_HEADCOUNT, k, SCOPE_ALL, DIM_OVERALL, 0),
                    ind_cell_at(s, M_LOCAL_KNOWN, k, SCOPE_ALL, DIM_OVERALL, 0));
}

void ind_compute_workforce(ind_set *s, const ind_shared *sh) {
    if (!sh->has_workforce) return;
    for (int k = 0; k < s->m->nperiods; k++) workforce_period(s, k, &sh->staff[k]);
}

/* ---- community value ------------------------------------------------------------------- */

void ind_compute_community(ind_set *s) {
    const sv_model *m = s->m;
    /* The 12-month window too: commitments are made per year. */
    for (int k = 0; k < model_period_count(m); k++) {
        const sv_period *P = &m->periods[k];
        if (m->present[EX_OUTCOMES]) {
            double hours = 0;
            for (size_t i = 0; i < m->noutcomes; i++) {
                const outcome *o = &m->outcomes[i];
                if (!period_contains(P, o->date) || !ind_in_scope(s, o->person)) continue;
                if (o->type == OUT_VOLUNTEERING)
                    hours += o->quantity;
                else
                    ind_cell_add(s, M_OUTCOME_EVENTS, k, SCOPE_ALL, DIM_ITEM, o->type, 1);
            }
            for (int t = OUT_PLACEMENT; t < OUT_COUNT; t++)
                ind_value_add(s, I_OUTCOME_EVENTS, k, DIM_ITEM, SCOPE_ALL, t,
                              ind_cell_at(s, M_OUTCOME_EVENTS, k, SCOPE_ALL, DIM_ITEM, t), -1);
            ind_value *v = ind_value_add(s, I_VOLUNTEER_HOURS, k, DIM_OVERALL, SCOPE_ALL, 0, -1, -1);
            v->value = hours;
        }
        if (m->present[EX_SPEND] && s->unit == 0) {
            double total = 0, flagged[ITEM_SPEND_LOCAL_SME_VCSE + 1] = {0, 0, 0, 0, 0};
            for (size_t i = 0; i < m->nspend; i++) {
                const spend *sp = &m->spend[i];
                if (!period_contains(P, sp->date)) continue;
                total += sp->amount;
                if (sp->sme == FLAG_YES) flagged[ITEM_SPEND_SME] += sp->amount;
                if (sp->vcse == FLAG_YES) flagged[ITEM_SPEND_VCSE] += sp->amount;
                if (sp->local == FLAG_YES) flagged[ITEM_SPEND_LOCAL] += sp->amount;
                if (sp->local == FLAG_YES && (sp->sme == FLAG_YES || sp->vcse == FLAG_YES))
                    flagged[ITEM_SPEND_LOCAL_SME_VCSE] += sp->amount;
            }
            for (int it = ITEM_SPEND_SME; it <= ITEM_SPEND_LOCAL_SME_VCSE; it++) {
                ind_value *v = ind_value_add(s, I_SPEND_SHARE, k, DIM_ITEM, SCOPE_ALL, it, -1, -1);
                v->den = total;
                if (it == ITEM_SPEND_TOTAL) {
                    v->value = v->num = total;
                } else if (total > 0) {
                    v->num = flagged[it];
                    v->value = flagged[it] / total * 100;
                } else {
                    v->flags |= IV_NO_DATA;
                }
            }
        }
    }
}

/* ---- learning --------------------------------------------------------------------------- */

#define EQUALITY_THEMES ((1u << THEME_ACCESS) | (1u << THEME_DISCRIMINATION) | \
                         (1u << THEME_DIGNITY) | (1u << THEME_COMMUNICATION) |    \
                         (1u << THEME_CULTURAL) | (1u << THEME_RESTRICTIVE))

static void actions_period(ind_set *s, int k) {
    const sv_model *m = s->m;
    const sv_period *P = &m->periods[k];
    for (size_t i = 0; i < m->nactions; i++) {
        const action *a = &m->actions[i];
        if (a->created != SV_NO_DATE && a->created > P->end) continue;
        if (a->status == ACT_DROPPED) continue;
        int closed_by_end = a->status == ACT_DONE && (a->closed == SV_NO_DATE || a->closed <= P->end);
        /* A done action without a closing date counts as closed from the
         * data date on; history before that cannot be known. */
        if (a->status == ACT_DONE && a->closed == SV_NO_DATE && k > 0) closed_by_end = 0;
        if (!closed_by_end) {
            ind_cell_add(s, M_ACTIONS, k, SCOPE_ALL, DIM_ITEM, ITEM_ACT_OPEN, 1);
            if (a->deadline < P->end) ind_cell_add(s, M_ACTIONS, k, SCOPE_ALL, DIM_ITEM, ITEM_ACT_OVERDUE, 1);
        }
        if (a->status == ACT_DONE && period_contains(P, a->closed))
            ind_cell_add(s, M_ACTIONS, k, SCOPE_ALL, DIM_ITEM, ITEM_ACT_CLOSED, 1);
    }
    for (int it = ITEM_ACT_OPEN; it <= ITEM_ACT_OVERDUE; it++)
        ind_value_add(s, I_ACTIONS, k, DIM_ITEM, SCOPE_ALL, it,
                      ind_cell_at(s, M_ACTIONS, k, SCOPE_ALL, DIM_ITEM, it), -1);
}

void ind_compute_learning(ind_set *s) {
    const sv_model *m = s->m;
    for (int k = 0; k < m->nperiods; k++) {
        const sv_period *P = &m->periods[k];
        if (m->present[EX_FEEDBACK]) {
            double *days[2] = {NULL, NULL};
            size_t nd[2] = {0, 0}, cap[2] = {0, 0};
            for (size_t i = 0; i < m->nfeedback; i++) {
                const feedback *f = &m->feedback[i];
                if (f->type != FB_COMPLAINT && f->type != FB_SAFEGUARDING) continue;
                if (!ind_record_in_scope(s, f->person)) continue;
                int item = f->type == FB_SAFEGUARDING;
                if (period_contains(P, f->date)) {
                    ind_cell_add(s, M_FB_ALL, k, SCOPE_ALL, DIM_ITEM, item, 1);
                    if (f->themes & EQUALITY_THEMES)
                        ind_cell_add(s, M_FB_EQUALITY, k, SCOPE_ALL, DIM_ITEM, item, 1);
                    for (int t = 0; t < THEME_COUNT; t++)
                        if (f->themes & (1u << t))
                            ind_cell_add(s, M_THEMES, k, SCOPE_ALL, DIM_ITEM, item * THEME_COUNT + t, 1);
                }
                if (period_contains(P, f->closed)) {
                    XGROW(days[item], cap[item], nd[item] + 1);
                    days[item][nd[item]++] = f->closed - f->date;
                    ind_cell_add(s, M_CLOSED, k, SCOPE_ALL, DIM_ITEM, item, 1);
                }
            }
            for (int t = 0; t < 2 * THEME_COUNT; t++)
                ind_value_add(s, I_EQUALITY_THEMES, k, DIM_ITEM, SCOPE_ALL, t,
                              ind_cell_at(s, M_THEMES, k, SCOPE_ALL, DIM_ITEM, t), -1);
            for (int item = 0; item < 2; item++) {
                item_share(s, I_EQUALITY_SHARE, k, item, M_FB_EQUALITY, M_FB_ALL);
                ind_value *v = ind_value_add(s, I_DAYS_TO_CLOSE, k, DIM_ITEM, SCOPE_ALL, item, -1,
                                             ind_cell_at(s, M_CLOSED, k, SCOPE_ALL, DIM_ITEM, item));
                ind_set_median(v, days[item], nd[item]);
                free(days[item]);
            }
        }
        if (m->present[EX_ACTIONS]) actions_period(s, k);
    }
}

/* ---- gradients across deprivation ---------------------------------------------------------- */

void ind_compute_gradients(ind_set *s) {
    static const ind_id eligible[] = {I_DNA, I_CONVERSION, I_RETENTION_4W, I_RETENTION_12W,
                                      I_ADJUSTMENTS, I_SATISFACTION, I_MISSED_VISITS,
                                      I_REGULAR_CARER};
    double z = stat_z(0.95);
    for (int k = 0; k < model_period_count(s->m); k++)
        for (size_t e = 0; e < sizeof eligible / sizeof *eligible; e++) {
            stat_sii_quantile q[10];
            int n = 0;
            for (int d = 0; d < 10; d++) {
                const ind_value *v = ind_lookup(s, eligible[e], k, DIM_IMD, SCOPE_ALL, d);
                /* Deciles too small to estimate are left out, not guessed. */
                if (!v || v->flags & (IV_SUPPRESSED | IV_NO_DATA) || !(v->den >= 10)) continue;
                q[n].quantile = d + 1;
                q[n].population = v->den;
                q[n].value = v->value;
                q[n].se = (v->upper - v->lower) / (2 * z);
                q[n].lower_cl = v->lower;
                q[n].upper_cl = v->upper;
                n++;
            }
            if (n < 5) continue;
            ind_gradient g;
            memset(&g, 0, sizeof g);
            if (stat_sii(q, (size_t)n, 0, 0, 1, 0.95, &g.sii) != 0) continue;
            g.indicator = (uint16_t)eligible[e];
            g.period = (uint8_t)k;
            g.deciles_used = n;
            XGROW(s->gradients, s->cap_gradients, s->ngradients + 1);
            s->gradients[s->ngradients++] = g;
        }
}
