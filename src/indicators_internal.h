/* indicators_internal.h: shared between the indicator core (indicators.c)
 * and the family computations (ind_*.c). Not part of the public API. */
#ifndef SV_INDICATORS_INTERNAL_H
#define SV_INDICATORS_INTERNAL_H

#include "indicators.h"

/* A count cell's disclosure state. HIDDEN cells are never shown (a
 * complement, or a remainder nobody prints) but a reader can derive them. */
enum { CELL_SHOWN = 0, CELL_PRIMARY, CELL_SECONDARY, CELL_HIDDEN };

typedef struct ind_cell {
    double value;   /* the count */
    double shown;   /* after rounding */
    uint8_t state;
    uint8_t exempt; /* not about individuals: never suppressed or rounded */
    uint8_t residual; /* a not-known or not-stated group: the first partner to hide */
} ind_cell;

/* total = sum of members (some may be HIDDEN). */
typedef struct ind_line {
    int32_t total;
    int32_t *members;
    int n;
} ind_line;

/* Measures: the counts indicators are built from. Each (measure, period,
 * scope, dim, group) is one cell. */
typedef enum measure {
    M_PEOPLE = 1, M_DP_YES, M_DP_KNOWN, M_RECORDED,
    M_DNA, M_OFFERED, M_REFERRALS, M_REF_ASSESSED, M_ASSESSMENTS,
    M_RET4_DEN, M_RET4_NUM, M_RET12_DEN, M_RET12_NUM, M_ADJ_REQ, M_ADJ_PROV,
    M_SURVEY, M_SATISFIED, M_COMPLAINTS, M_SAFEGUARDING,
    M_PLANNED, M_MISSED, M_REG_KNOWN, M_REGULAR, M_PERSON_MONTHS,
    M_HEADCOUNT, M_DIRECT_AVG, M_LEAVERS, M_EARLY, M_AGENCY, M_LOCAL_KNOWN, M_LOCAL,
    M_TRAVEL_N, M_STARTERS_DUE, M_STARTERS_SEEN, M_DIRECT_END, M_SUP_SESSIONS,
    M_TRAINING_DUE, M_TRAINING_DONE, M_QUAL_KNOWN, M_QUAL_MET, M_DIV_KNOWN, M_DIV_YES,
    M_PROMOTIONS, M_OUTCOME_EVENTS, M_THEMES, M_FB_ALL, M_FB_EQUALITY, M_CLOSED,
    M_STARTERS_LOCAL_KNOWN, M_STARTERS_LOCAL, M_ADJ_TYPE_REQ, M_ADJ_TYPE_PROV,
    M_POPULATION, M_ACTIONS, M_COMPLEMENT, M_REMAINDER,
    M_COUNT_
} measure;

/* Each person's age band at the report period's end (which is also the
 * equity window's): the age sum is the costly part of a person's groups,
 * and every document of a run asks it of the same people. */
typedef struct ind_person_cache {
    sv_day on;
    uint8_t *age_group;  /* per person */
} ind_person_cache;
void ind_person_cache_fill(ind_person_cache *c, const sv_model *m);
const ind_person_cache *ind_shared_people(const ind_shared *sh);

struct ind_set {
    const sv_model *m;
    const ind_person_cache *people;  /* borrowed from the run's ind_shared */
    ind_shared *owned_shared;        /* when ind_compute was given none */
    int unit;
    sdc_rules rules;
    ind_value *values;
    size_t nvalues, cap_values;
    ind_cell *cells;
    size_t ncells, cap_cells;
    uint64_t *cell_keys;    /* open addressing: key + 1 -> cells index in cell_slots */
    int32_t *cell_slots;
    size_t key_cap, nkeys;
    ind_line *lines;
    size_t nlines, cap_lines;
    ind_gradient *gradients;
    size_t ngradients, cap_gradients;
    int nage_groups;
    char age_labels[CFG_MAX_AGE_BANDS + 2][16];
};

/* Cell of (measure, period, scope, dim, group), created at 0 when new. */
int32_t ind_cell_at(ind_set *s, measure mea, int period, int scope, ind_dim dim, int group);
void ind_cell_add(ind_set *s, measure mea, int period, int scope, ind_dim dim, int group,
                  double amount);
/* A cell with no key (complements, remainders, sums). */
int32_t ind_cell_new(ind_set *s, double value, int exempt, int hidden);
void ind_line_add(ind_set *s, int32_t total, const int32_t *members, int n);

/* Adds a value row; returns it (valid until the next add). */
ind_value *ind_value_add(ind_set *s, ind_id id, int period, ind_dim dim, int scope, int group,
                         int32_t num_cell, int32_t den_cell);

/* Person group in a dimension at the end of period k. */
int ind_person_group(const ind_set *s, const person *p, ind_dim d, sv_day on);
/* Adds amount to the measure for person index pi (or -1: overall only) over
 * the overall row and, when `groups`, every equity dimension; scope all. */
void ind_add_person(ind_set *s, measure mea, int period, int32_t pi, double amount, int groups);
/* A cell if it exists, else -1 (never creates). */
int32_t ind_cell_find(const ind_set *s, measure mea, int period, int scope, ind_dim dim, int group);
/* Creates overall and equity-dimension values for a num/den measure pair
 * (0 = none), with the partition lines; *_unlinked: some records have no
 * person, so the groups do not add up to the total (a hidden remainder).
 * Returns the index of the first value created. */
size_t ind_equity_values(ind_set *s, ind_id id, int period, measure num, int num_unlinked,
                         measure den, int den_unlinked, int groups);
/* Lines over time: a period's count is the sum of the counts of the shorter
 * periods inside it (the 12-month window over its quarters). */
void ind_time_lines(ind_set *s);
/* Partition lines of a measure over one dimension (scope given). */
void ind_partition_line(ind_set *s, measure mea, int period, int scope, ind_dim dim,
                        int has_unlinked);
/* Record for person pi counts in this scope (unlinked records count only in
 * the whole-organisation scope). */
int ind_record_in_scope(const ind_set *s, int32_t pi);
void ind_compute_gradients(ind_set *s);
/* Disclosure control over every cell and line (indicators.c); tests call it directly. */
void apply_sdc(ind_set *s);
int ind_in_scope(const ind_set *s, int32_t pi);

/* The family computations (ind_compute.c). */
void ind_compute_access(ind_set *s);
void ind_compute_outcomes(ind_set *s);
void ind_compute_workforce(ind_set *s, const ind_shared *sh);
void ind_compute_community(ind_set *s);
void ind_compute_learning(ind_set *s);

/* Statistics for value rows that are not built from num/den cells alone. */
typedef struct moments {
    double n, sum, sumsq;
} moments;
void ind_set_mean(ind_value *v, const moments *mo);
void ind_set_median(ind_value *v, double *values, size_t n);

#endif
