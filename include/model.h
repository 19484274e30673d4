/* model.h: the in-memory model built from one pass over each extract.
 *
 * Small extracts are kept as compact typed records that refer to people and
 * staff by index. Visits, the one large extract, are aggregated while they
 * stream: per person and trend period (counts), and per person, month and
 * staff member (distinct carers). Nothing here holds an identifier string
 * after loading except the id maps, which never reach an output.
 *
 * The model owns all its memory; model_free releases it. */
#ifndef SV_MODEL_H
#define SV_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "dates.h"
#include "diag.h"
#include "dq.h"

typedef struct person {
    sv_day dob;            /* SV_NO_DATE if unknown */
    int16_t age;           /* age column, -1 if not given */
    uint8_t sex;           /* sex_code */
    uint8_t ethnicity;     /* ethnic_group */
    uint8_t disability;    /* flag_value */
    uint8_t interpreter;   /* flag_value */
    uint8_t direct_payment;
    uint8_t imd;           /* 1-10, 0 unknown */
    uint8_t recorded;      /* REC_* bits: characteristics recorded */
    uint16_t unit;         /* 0 = none, else index into model.units */
    sv_day support_start;
    sv_day support_end;    /* SV_NO_DATE: ongoing */
} person;

/* Protected characteristics and other equality fields recorded. */
enum {
    REC_AGE = 1u << 0,
    REC_SEX = 1u << 1,
    REC_ETHNICITY = 1u << 2,
    REC_DISABILITY = 1u << 3,
    REC_RELIGION = 1u << 4,
    REC_SEXUAL_ORIENTATION = 1u << 5,
    REC_LANGUAGE = 1u << 6
};
#define REC_COUNT 7

typedef struct referral {
    int32_t person;        /* index, or -1 when not given */
    sv_day date, first_contact, assessment;
    int16_t offered, dna;  /* -1 unknown */
    uint8_t contact_format;  /* CF_*, or 255 unknown */
    uint8_t requested, provided;  /* ADJ_* bit sets */
} referral;

typedef struct episode {
    int32_t person;
    sv_day start, end;     /* end SV_NO_DATE: ongoing */
    int8_t end_reason;     /* END_*, -1 unknown/none */
} episode;

typedef struct feedback {
    int32_t person;        /* -1 when not about one person */
    sv_day date, closed;
    uint8_t type;          /* FB_* */
    uint8_t themes;        /* THEME_* bits */
    int8_t outcome;        /* FBO_*, -1 */
    uint8_t has_action;
} feedback;

typedef struct survey_response {
    int32_t person;
    sv_day date;
    uint16_t question;     /* index into model.questions */
    float score;
} survey_response;

typedef struct staff {
    sv_day start, leave;   /* leave SV_NO_DATE: in post */
    sv_day dob, promoted;
    float fte;             /* NAN unknown */
    float travel;          /* minutes per shift, NAN unknown */
    int16_t age;
    uint8_t contract;      /* CON_*, 255 unknown */
    uint8_t tier;          /* TIER_*, 255 unknown */
    uint8_t sex, ethnicity;
    uint8_t local;         /* flag_value */
    int8_t qual_level;     /* 0-7, -1 unknown */
    uint8_t qual_in_progress;  /* flag_value */
    int8_t care_cert;      /* CC_*, -1 unknown */
} staff;

typedef struct supervision {
    int32_t staff;
    sv_day date;
    uint8_t type;          /* SUP_* */
} supervision;

typedef struct training {
    int32_t staff;
    uint16_t course;
    uint8_t mandatory;     /* flag_value */
    sv_day due, completed;
} training;

typedef struct outcome {
    int32_t person;
    sv_day date;
    uint8_t type;          /* OUT_* */
    double quantity;       /* 1 when not given */
} outcome;

typedef struct spend {
    sv_day date;
    double amount;
    uint8_t sme, vcse, local;  /* flag_value */
} spend;

typedef struct action {
    char *title;           /* organisational text, shown in reports */
    char *lead;
    char *statement;       /* quality statement ids it serves ("R6;S1"), or NULL */
    sv_day created, deadline, closed;
    int8_t source;         /* SRC_*, -1 */
    uint8_t status;        /* ACT_* */
} action;

typedef struct population_row {
    uint8_t dimension;     /* POP_DIM_* */
    uint8_t age_scope;     /* SCOPE_ALL, SCOPE_18_64, SCOPE_65_PLUS */
    int16_t group;         /* ethnic_group, sex_code or age band index */
    double count;          /* NAN if only a share was given */
    double share;          /* NAN if only a count was given */
} population_row;

enum { POP_DIM_ETHNICITY, POP_DIM_SEX, POP_DIM_AGE_BAND };
enum { SCOPE_ALL, SCOPE_18_64, SCOPE_65_PLUS, SCOPE_COUNT };

/* Visits aggregated per person and trend period. */
typedef struct visit_counts {
    uint32_t planned;      /* every visit row */
    uint32_t missed;
    uint32_t delivered;    /* not missed */
    uint32_t regular;      /* delivered by a regular carer */
    uint32_t regular_known;  /* delivered with the regular_carer flag known */
} visit_counts;

typedef struct sv_model {
    const sv_config *cfg;  /* borrowed */
    /* [0] the report period, [k] k periods back; when the equity window is
     * separate, periods[nperiods] is it (the 12 months to the period end). */
    sv_period periods[9];
    int nperiods;          /* trend periods, the report period included */
    int equity;            /* period index of the group breakdowns: 0 or nperiods */
    sv_day data_date;      /* config's, or the latest date seen */

    person *people;        size_t npeople;
    referral *referrals;   size_t nreferrals;
    episode *episodes;     size_t nepisodes;
    feedback *feedback;    size_t nfeedback;
    survey_response *survey; size_t nsurvey;
    staff *staff;          size_t nstaff;
    supervision *supervision; size_t nsupervision;
    training *training;    size_t ntraining;
    outcome *outcomes;     size_t noutcomes;
    spend *spend;          size_t nspend;
    action *actions;       size_t nactions;
    population_row *population; size_t npopulation;

    char **units;          size_t nunits;     /* [0] unused ("whole organisation") */
    char **questions;      size_t nquestions;
    char **courses;        size_t ncourses;

    /* Visits per person and time slot: slots are the stretches of days
     * between period boundaries, so overlapping periods (a quarter and the
     * 12-month window) are sums of whole slots. visits[person * nslots + slot]. */
    visit_counts *visits;
    int nslots;
    int slot_first[9], slot_last[9];  /* slots of each period, inclusive */
    /* distinct (person, month, staff) triples seen, as sorted keys after
     * loading: person << 40 | month offset << 32 | staff. */
    uint64_t *carer_keys;  size_t ncarer_keys;
    int visit_month0;      /* month index of the first month covered */
    int visit_nmonths;
    long visits_outside;   /* visit rows outside every trend period */

    dq_log *dq;            /* borrowed */
    int present[EX_COUNT]; /* extract was read */
} sv_model;

/* Reads every configured extract in a fixed order (people and workforce
 * first, so other extracts can refer to them). `today` is the run date:
 * event dates after it are impossible. Returns NULL with err set when an
 * extract is unusable. Data problems go to dq. */
/* The period reported on: the config's, or with "latest" the last complete
 * one of its schedule before the data date (else `today`). */
sv_period model_report_period(const sv_config *cfg, sv_day today);

typedef struct model_load_options {
    int threads;                /* the visits extract is read in this many parts */
    struct progress *progress;  /* bytes read are reported to it; may be NULL */
} model_load_options;

/* o may be NULL (one thread, no progress). */
sv_model *model_load(const sv_config *cfg, dq_log *dq, sv_day today, const model_load_options *o,
                     sv_error *err);
void model_free(sv_model *m);

/* Visit counts of one person over period k (a sum of its slots). */
visit_counts model_visits(const sv_model *m, size_t pi, int k);
/* Number of periods computed: the trend periods plus a separate window. */
static inline int model_period_count(const sv_model *m) {
    return m->equity == 0 ? m->nperiods : m->nperiods + 1;
}

/* Age on a day: from date of birth, else the age column (taken as at the
 * data date); -1 when unknown. */
int model_person_age(const sv_model *m, const person *p, sv_day on);
int model_staff_age(const sv_model *m, const staff *s, sv_day on);
/* Person supported at any time in [start, end]. */
static inline int person_active(const person *p, sv_day start, sv_day end) {
    return p->support_start <= end && (p->support_end == SV_NO_DATE || p->support_end >= start);
}
static inline int staff_in_post(const staff *s, sv_day day) {
    return s->start <= day && (s->leave == SV_NO_DATE || s->leave > day);
}

#endif
