/* indicators.h: the indicator registry and the computed indicator set.
 *
 * Every indicator is declared once below with its key, family, label, kind,
 * which direction is better, and its definition in words (the methods
 * appendix prints these). A computed ind_set holds, for one scope (the whole
 * organisation or one unit), every indicator for the report period and the
 * trend periods, overall and by group, with intervals, comparisons and
 * disclosure control already applied.
 *
 * Counts about individuals are "cells" shared between indicators, so a count
 * suppressed in one table is suppressed wherever it appears, and secondary
 * suppression works along every line (total = sum of groups) the outputs
 * let a reader add up. */
#ifndef SV_INDICATORS_H
#define SV_INDICATORS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "stats.h"

typedef enum ind_family {
    FAM_ACCESS = 0,
    FAM_OUTCOMES,
    FAM_WORKFORCE,
    FAM_COMMUNITY,
    FAM_LEARNING,
    FAM_COUNT
} ind_family;

typedef enum ind_kind {
    KIND_COUNT = 0,   /* a count of people, staff or events */
    KIND_SHARE,       /* x of n, Wilson interval, shown as % */
    KIND_RATE,        /* x per n * multiplier, exact/Byar's interval */
    KIND_MEDIAN,      /* median with order-statistic interval */
    KIND_MEAN,        /* mean with Student t interval */
    KIND_SUM,         /* a total that is not a count of individuals (FTE, hours) */
    KIND_MONEY_SHARE  /* share of spend in pounds (not about individuals) */
} ind_kind;

typedef enum ind_better { POLARITY_NEUTRAL = 0, POLARITY_HIGHER, POLARITY_LOWER } ind_better;

/* X(id, key, family, kind, better, decimals, unit, label, definition) */
#define INDICATORS(X)                                                                           \
    X(I_PEOPLE, "people_supported", FAM_ACCESS, KIND_COUNT, POLARITY_NEUTRAL, 0, "people",     \
      "People supported",                                                                       \
      "People whose support started on or before the last day of the period and had not ended " \
      "before its first day.")                                                                  \
    X(I_ACCESS_SHARE, "access_share", FAM_ACCESS, KIND_SHARE, POLARITY_NEUTRAL, 1, "percent",  \
      "Share of people supported",                                                              \
      "People supported in a group as a share of all people supported in the same age range, "  \
      "including people whose group is not recorded; compared with the group's share of the "  \
      "area's population (ratio and percentage-point gap).")                                    \
    X(I_PER_1000, "people_per_1000", FAM_ACCESS, KIND_RATE, POLARITY_NEUTRAL, 1,               \
      "per 1,000 population", "People supported per 1,000 population",                         \
      "People supported in a group per 1,000 people of that group in the area's population.")   \
    X(I_DIRECT_PAYMENT, "direct_payment_uptake", FAM_ACCESS, KIND_SHARE, POLARITY_HIGHER, 1,   \
      "percent", "Direct-payment uptake",                                                       \
      "People supported who receive a direct payment, as a share of people supported whose "    \
      "direct-payment status is recorded.")                                                     \
    X(I_RECORDED, "recording_completeness", FAM_ACCESS, KIND_SHARE, POLARITY_HIGHER, 1,        \
      "percent", "Records with the characteristic recorded",                                    \
      "People supported whose record holds the characteristic (a stated answer, including "    \
      "'prefer not to say'), as a share of all people supported.")                              \
    X(I_DNA, "dna_rate", FAM_OUTCOMES, KIND_SHARE, POLARITY_LOWER, 1, "percent",               \
      "Did-not-attend rate",                                                                    \
      "Appointments not attended as a share of appointments offered, over referrals received "  \
      "in the period.")                                                                         \
    X(I_CONVERSION, "referral_conversion", FAM_OUTCOMES, KIND_SHARE, POLARITY_HIGHER, 1,       \
      "percent", "Referrals assessed",                                                          \
      "Referrals received in the period that had an assessment by the end of the period, as a " \
      "share of referrals received in the period.")                                             \
    X(I_DAYS_TO_ASSESS, "days_to_assessment", FAM_OUTCOMES, KIND_MEDIAN, POLARITY_LOWER, 0,    \
      "days", "Median days from referral to assessment",                                        \
      "For assessments completed in the period, the median number of days from referral to "    \
      "assessment.")                                                                            \
    X(I_RETENTION_4W, "retention_4_weeks", FAM_OUTCOMES, KIND_SHARE, POLARITY_HIGHER, 1,       \
      "percent", "Still engaged at 4 weeks",                                                    \
      "Episodes whose 4-week point (start + 28 days) fell in the period and had passed by its " \
      "end, that had not ended by disengagement before that point. Episodes that ended before " \
      "it because the person moved, died or transferred are left out; completed ones count as " \
      "retained.")                                                                              \
    X(I_RETENTION_12W, "retention_12_weeks", FAM_OUTCOMES, KIND_SHARE, POLARITY_HIGHER, 1,     \
      "percent", "Still engaged at 12 weeks",                                                   \
      "As for 4 weeks, at the 12-week point (start + 84 days).")                               \
    X(I_ADJUSTMENTS, "adjustments_completion", FAM_OUTCOMES, KIND_SHARE, POLARITY_HIGHER, 1,   \
      "percent", "Reasonable adjustments provided",                                             \
      "Reasonable adjustments provided as a share of adjustments requested, counting each "     \
      "requested adjustment on referrals received in the period.")                              \
    X(I_ADJ_BY_TYPE, "adjustments_by_type", FAM_OUTCOMES, KIND_SHARE, POLARITY_HIGHER, 1,      \
      "percent", "Reasonable adjustments provided, by type",                                    \
      "For each kind of adjustment (easy read, quiet slot, longer visit, consistent staff, "    \
      "interpreter, BSL, other): the share of requests on referrals received that were "        \
      "provided.")                                                                              \
    X(I_SATISFACTION, "satisfaction", FAM_OUTCOMES, KIND_SHARE, POLARITY_HIGHER, 1, "percent", \
      "Satisfied with support",                                                                 \
      "Survey responses in the period to the satisfaction questions scoring at or above the "   \
      "configured 'satisfied' point, as a share of those responses.")                           \
    X(I_COMPLAINTS_RATE, "complaints_per_100", FAM_OUTCOMES, KIND_RATE, POLARITY_NEUTRAL, 1,   \
      "per 100 people", "Complaints per 100 people",                                            \
      "Complaints received in the period per 100 people supported in the period.")              \
    X(I_SAFEGUARDING_RATE, "safeguarding_per_100", FAM_OUTCOMES, KIND_RATE, POLARITY_NEUTRAL, 1, \
      "per 100 people", "Safeguarding alerts per 100 people",                                   \
      "Safeguarding alerts raised in the period per 100 people supported in the period.")       \
    X(I_MISSED_VISITS, "missed_visit_rate", FAM_WORKFORCE, KIND_SHARE, POLARITY_LOWER, 1,      \
      "percent", "Missed visits",                                                               \
      "Planned visits in the period recorded as missed, as a share of planned visits.")         \
    X(I_REGULAR_CARER, "regular_carer_share", FAM_WORKFORCE, KIND_SHARE, POLARITY_HIGHER, 1,   \
      "percent", "Visits by a regular carer",                                                   \
      "Delivered visits in the period made by one of the person's regular carers, as a share "  \
      "of delivered visits with the flag recorded.")                                            \
    X(I_CARERS_PER_MONTH, "carers_per_person_month", FAM_WORKFORCE, KIND_MEAN, POLARITY_LOWER, \
      1, "carers", "Different carers per person per month",                                     \
      "For each person and calendar month in the period with a delivered visit, the number of " \
      "different staff who visited; the mean over those person-months.")                       \
    X(I_HEADCOUNT, "headcount", FAM_WORKFORCE, KIND_COUNT, POLARITY_NEUTRAL, 0, "staff",       \
      "Staff in post", "Staff (all contracts, agency included) in post on the last day of the " \
      "period.")                                                                                \
    X(I_FTE, "fte", FAM_WORKFORCE, KIND_SUM, POLARITY_NEUTRAL, 1, "FTE",                       \
      "Full-time equivalent", "Sum of FTE of staff in post on the last day of the period.")     \
    X(I_TURNOVER, "turnover_12_months", FAM_WORKFORCE, KIND_RATE, POLARITY_LOWER, 1, "percent", \
      "Staff turnover (12 months)",                                                             \
      "Directly employed staff (not agency) who left in the 12 months to the end of the "       \
      "period, per 100 of the average of the directly employed headcount at the start and end " \
      "of those 12 months (the Skills for Care definition).")                                   \
    X(I_EARLY_LEAVERS, "early_leavers", FAM_WORKFORCE, KIND_SHARE, POLARITY_LOWER, 1, "percent", \
      "Leavers within months of starting",                                                      \
      "Of directly employed staff who left in the 12 months to the end of the period, the "     \
      "share who left within 3, 6 and 12 months of their start date.")                          \
    X(I_LOCAL_STARTERS, "local_starters_share", FAM_WORKFORCE, KIND_SHARE, POLARITY_HIGHER, 1, \
      "percent", "New starters living locally",                                                 \
      "Staff who started in the 12 months to the end of the period flagged as local, as a "     \
      "share of those starters with the flag recorded.")                                        \
    X(I_LOCAL_FTE, "local_fte", FAM_WORKFORCE, KIND_SUM, POLARITY_HIGHER, 1, "FTE",             \
      "Local staff (FTE)",                                                                      \
      "Full-time equivalent of staff in post on the last day of the period who are flagged as " \
      "local.")                                                                                 \
    X(I_AGENCY_SHARE, "agency_share", FAM_WORKFORCE, KIND_SHARE, POLARITY_LOWER, 1, "percent", \
      "Agency staff", "Agency staff as a share of staff in post on the last day of the period.") \
    X(I_LOCAL_SHARE, "local_share", FAM_WORKFORCE, KIND_SHARE, POLARITY_HIGHER, 1, "percent",  \
      "Staff living locally",                                                                   \
      "Staff in post flagged as local, as a share of staff in post with the flag recorded.")    \
    X(I_TRAVEL, "travel_minutes", FAM_WORKFORCE, KIND_MEAN, POLARITY_LOWER, 1, "minutes",      \
      "Travel minutes per shift", "Mean recorded travel minutes per shift of staff in post.")   \
    X(I_NEW_STARTER_SUP, "new_starter_supervision", FAM_WORKFORCE, KIND_SHARE, POLARITY_HIGHER, \
      1, "percent", "New starters supervised on time",                                          \
      "Directly employed staff who started in the 12 months to the end of the period, whose "   \
      "week 2, 6 or 12 point had passed by then and who were still in post at it: the share "   \
      "with a supervision, appraisal, practice observation, case reflection or spot check "     \
      "on or before that point.")                                                               \
    X(I_SUPERVISION_RATE, "supervision_per_head", FAM_WORKFORCE, KIND_RATE, POLARITY_HIGHER, 2, \
      "sessions per head", "Supervision sessions per head",                                     \
      "Supervision sessions (of every type) in the period per member of directly employed "     \
      "staff in post at its end.")                                                              \
    X(I_TRAINING, "mandatory_training", FAM_WORKFORCE, KIND_SHARE, POLARITY_HIGHER, 1, "percent", \
      "Mandatory training up to date",                                                          \
      "Mandatory training requirements of staff in post at the end of the period that were "    \
      "due by then, completed on or before the end of the period, as a share of those due.")    \
    X(I_QUALIFICATION, "qualification", FAM_WORKFORCE, KIND_SHARE, POLARITY_HIGHER, 1, "percent", \
      "Qualifications",                                                                         \
      "Of staff in post with a recorded qualification level: the share at level 2 or above "    \
      "and at level 3 or above; the share working towards a qualification; and of support "     \
      "workers, the share who have completed the Care Certificate.")                            \
    X(I_PROMOTIONS, "internal_promotions", FAM_WORKFORCE, KIND_COUNT, POLARITY_HIGHER, 0,      \
      "staff", "Internal promotions (12 months)",                                               \
      "Staff with a promotion date in the 12 months to the end of the period.")                 \
    X(I_DIVERSITY, "workforce_diversity", FAM_WORKFORCE, KIND_SHARE, POLARITY_NEUTRAL, 1,      \
      "percent", "Workforce diversity",                                                         \
      "Share of staff in post who are male, and who are from a minority ethnic group (not "     \
      "White, among those with ethnicity recorded), compared with the same shares among "       \
      "people supported in the period.")                                                        \
    X(I_OUTCOME_EVENTS, "participation", FAM_COMMUNITY, KIND_COUNT, POLARITY_HIGHER, 0,        \
      "records", "Economic participation",                                                      \
      "Work placements, paid jobs, skills milestones and training courses recorded for "        \
      "people supported in the period.")                                                        \
    X(I_VOLUNTEER_HOURS, "volunteering_hours", FAM_COMMUNITY, KIND_SUM, POLARITY_HIGHER, 0,    \
      "hours", "Volunteering hours",                                                            \
      "Hours of volunteering recorded for people supported in the period.")                     \
    X(I_SPEND_SHARE, "spend_share", FAM_COMMUNITY, KIND_MONEY_SHARE, POLARITY_HIGHER, 1,       \
      "percent", "Share of spend",                                                              \
      "Payments in the period to suppliers flagged SME, VCSE or local (and local suppliers "    \
      "that are an SME or a VCSE), as a share of all payments in the period (in pounds).")      \
    X(I_EQUALITY_THEMES, "equality_themes", FAM_LEARNING, KIND_COUNT, POLARITY_NEUTRAL, 0,     \
      "records", "Equality-related themes",                                                     \
      "Complaints and safeguarding alerts received in the period tagged with each "             \
      "equality-related theme (a record can carry several themes).")                            \
    X(I_EQUALITY_SHARE, "equality_related_share", FAM_LEARNING, KIND_SHARE, POLARITY_NEUTRAL, 1, \
      "percent", "With an equality-related theme",                                              \
      "Complaints (and safeguarding alerts) received in the period with at least one "          \
      "equality-related theme (access barrier, discrimination, dignity, communication, "        \
      "cultural needs, restrictive practice), as a share of all received.")                     \
    X(I_DAYS_TO_CLOSE, "days_to_close", FAM_LEARNING, KIND_MEDIAN, POLARITY_LOWER, 0, "days",  \
      "Median days to close",                                                                   \
      "For complaints and safeguarding alerts closed in the period, the median days from "      \
      "receipt to closure.")                                                                    \
    X(I_ACTIONS, "actions", FAM_LEARNING, KIND_COUNT, POLARITY_NEUTRAL, 0, "actions",          \
      "Improvement actions",                                                                    \
      "Actions open (open or in progress) at the end of the period, closed in the period, and " \
      "overdue (open at the end of the period with a deadline before it).")

typedef enum ind_id {
#define X(id, key, fam, kind, better, dec, unit, label, def) id,
    INDICATORS(X)
#undef X
    I_COUNT
} ind_id;

typedef struct ind_def {
    const char *key;
    ind_family family;
    ind_kind kind;
    ind_better better;
    int decimals;
    const char *unit;
    const char *label;
    const char *definition;
} ind_def;

const ind_def *ind_get(ind_id id);
int ind_find(const char *key);                  /* -1 if unknown */
const char *ind_family_name(ind_family f);      /* "Access" ... */
const char *ind_family_key(ind_family f);       /* "access" ... */

/* Dimensions. Each has a fixed list of groups; "overall" has one. */
#define DIMENSIONS(X)                                   \
    X(DIM_OVERALL, "overall", "Overall")                \
    X(DIM_ETHNICITY, "ethnicity", "Ethnicity")          \
    X(DIM_SEX, "sex", "Sex")                            \
    X(DIM_AGE_BAND, "age_band", "Age band")             \
    X(DIM_INTERPRETER, "interpreter", "Interpreter needed") \
    X(DIM_IMD, "imd_decile", "Deprivation (IMD decile)") \
    X(DIM_ITEM, "item", "Item")

typedef enum ind_dim {
#define X(id, key, label) id,
    DIMENSIONS(X)
#undef X
    DIM_COUNT
} ind_dim;

#define IND_MAX_GROUPS 20
/* The equity dimensions outcomes are broken down by. */
extern const ind_dim IND_EQUITY_DIMS[5];

const char *ind_dim_key(ind_dim d);
const char *ind_dim_label(ind_dim d);

/* Items: sub-measures of one indicator (DIM_ITEM groups). */
enum { ITEM_EARLY_3M = 0, ITEM_EARLY_6M, ITEM_EARLY_12M };
enum { ITEM_SUP_W2 = 0, ITEM_SUP_W6, ITEM_SUP_W12 };
enum { ITEM_QUAL_L2 = 0, ITEM_QUAL_L3, ITEM_QUAL_IN_PROGRESS, ITEM_CARE_CERT };
enum { ITEM_DIV_MALE_STAFF = 0, ITEM_DIV_MALE_PEOPLE, ITEM_DIV_MINORITY_STAFF,
       ITEM_DIV_MINORITY_PEOPLE };
enum { ITEM_SPEND_SME = 0, ITEM_SPEND_VCSE, ITEM_SPEND_LOCAL, ITEM_SPEND_TOTAL,
       ITEM_SPEND_LOCAL_SME_VCSE };
/* I_ADJ_BY_TYPE items: ADJ_* (codelists.h). */
enum { ITEM_ACT_OPEN = 0, ITEM_ACT_CLOSED, ITEM_ACT_OVERDUE };
/* I_EQUALITY_THEMES items: THEME_* for complaints, THEME_COUNT + THEME_* for
 * safeguarding. I_EQUALITY_SHARE and I_DAYS_TO_CLOSE: 0 complaints,
 * 1 safeguarding. I_OUTCOME_EVENTS: OUT_* ; I_RECORDED: REC_* bit index. */

/* Flags on a value. */
enum {
    IV_SUPPRESSED = 1u << 0,  /* value, interval and suppressed counts hidden */
    IV_NO_DATA = 1u << 1,     /* denominator zero: nothing to show */
    IV_ROUNDED = 1u << 2,     /* counts rounded for publication */
    IV_UNLINKED = 1u << 3     /* overall: can count records linked to no person (no group) */
};

typedef struct ind_value {
    uint16_t indicator;   /* ind_id */
    uint8_t period;       /* 0 = report period, k = k periods back */
    uint8_t dim;          /* ind_dim */
    uint8_t scope;        /* SCOPE_ALL / SCOPE_18_64 / SCOPE_65_PLUS */
    uint8_t group;
    uint8_t sig95, sig998;   /* stat_sig against the comparator */
    uint8_t flags;
    int32_t num_cell, den_cell;  /* count cells, -1 when none */
    double num, den;      /* after rounding when published counts are rounded */
    double value, lower, upper;  /* in display units (% for shares), 95% */
    double lower998, upper998;   /* 99.8% limits */
    double n_eff;         /* clustered shares: effective sample size, else NAN */
    double comparator;    /* overall value or population share; NAN none */
} ind_value;

/* Disclosure control settings for one document. */
typedef struct sdc_rules {
    int threshold;   /* counts 1..threshold suppressed; 0 disables */
    int round_to;    /* 0 or 5 */
    int secondary;
} sdc_rules;

typedef struct ind_set ind_set;

/* What every document of a run shares (the staff side of the workforce
 * family, which no unit changes), computed once. Caller frees with
 * ind_shared_free; it borrows m. */
typedef struct ind_shared ind_shared;
ind_shared *ind_prepare(const sv_model *m);
void ind_shared_free(ind_shared *sh);  /* NULL is a no-op */

/* Computes every indicator for the scope (0 = whole organisation, else a
 * unit index of the model) and applies disclosure control. shared may be
 * NULL (then it is computed for this call). Caller frees. */
ind_set *ind_compute(const sv_model *m, const ind_shared *shared, int unit, const sdc_rules *rules);
void ind_set_free(ind_set *s);

const sv_model *ind_model(const ind_set *s);
int ind_unit(const ind_set *s);
const sdc_rules *ind_rules(const ind_set *s);
/* A value, or NULL when not computed (extract absent). Borrowed. */
const ind_value *ind_lookup(const ind_set *s, ind_id id, int period, ind_dim dim, int scope,
                            int group);
size_t ind_count(const ind_set *s);
const ind_value *ind_at(const ind_set *s, size_t i);
/* Whether a count cell is suppressed, and its shown value. */
int ind_cell_suppressed(const ind_set *s, int32_t cell);
/* Number of groups in a dimension (age bands depend on config), and a
 * group's label. */
int ind_dim_groups(const ind_set *s, ind_dim d);
const char *ind_group_label(const ind_set *s, ind_dim d, int group, int indicator,
                            char *buf, size_t cap);
/* SII/RII across IMD deciles for a proportion indicator, or NULL. */
typedef struct ind_gradient {
    uint16_t indicator;
    uint8_t period;
    stat_sii_result sii;  /* in percentage points for shares */
    int deciles_used;
} ind_gradient;
const ind_gradient *ind_gradient_for(const ind_set *s, ind_id id, int period);

/* Writes the long-format indicators.csv (README "Outputs"). */
int ind_write_csv(const ind_set *const *sets, size_t nsets, const char *path, sv_error *err);

#endif
