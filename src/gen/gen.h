/* gen.h: internals of svreport-gen, the synthetic extract generator.
 *
 * Module prefixes: rng_ (gen_rng.c), csvw_/rows_/extract_ (gen_csv.c), tab_
 * (gen_tables.c), people_ (gen_people.c), staff_ (gen_staff.c), events_
 * (gen_events.c), visits_ (gen_visits.c), org_ (gen_org.c), ctx_ (gen_main.c).
 * Everything generated lives in one gen_ctx, which owns it until exit. */
#ifndef SV_GEN_H
#define SV_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dates.h"

/* ---- PRNG: xoshiro256** seeded through splitmix64 (gen_rng.c) ---- */

typedef struct gen_rng {
    uint64_t s[4];
} gen_rng;

/* Each extract draws from its own stream, so adding draws to one extract
 * never changes another's bytes. */
void rng_seed(gen_rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(gen_rng *r);
uint32_t rng_below(gen_rng *r, uint32_t n);  /* 0..n-1; n > 0 */
int rng_range(gen_rng *r, int lo, int hi);   /* lo..hi inclusive */
double rng_unit(gen_rng *r);                 /* [0, 1) */
int rng_chance(gen_rng *r, double p);
double rng_normal(gen_rng *r);               /* mean 0, sd 1 */
double rng_exp(gen_rng *r, double mean);
int rng_poisson(gen_rng *r, double mean);
/* Index drawn with the given non-negative weights (n >= 1). */
int rng_pick(gen_rng *r, const double *w, int n);
/* Score on a 1..5 scale around mean with spread sd. */
int rng_score(gen_rng *r, double mean, double sd);

/* ---- CSV writer and sorted row store (gen_csv.c) ---- */

typedef struct csvw_opts {
    char sep;       /* ',' or ';' */
    int uk_dates;   /* DD/MM/YYYY instead of ISO */
    int crlf;       /* CRLF line endings */
    int bom;        /* UTF-8 byte-order mark first */
    const char *yes, *no;  /* flag spellings; NULL: "Y"/"N" */
} csvw_opts;

typedef struct csvw {
    FILE *fp;          /* NULL: a memory sink (see rowstore) */
    char *path;        /* owned */
    char *buf;         /* owned */
    size_t len, cap;
    csvw_opts o;
    int nfield;        /* fields written in the current row */
    sv_day cached_day; /* dates repeat row after row: format once */
    char cached[11];
    size_t cached_len;
} csvw;

/* Opens dir/name for writing with a large buffer and writes the header
 * (comma-separated canonical or site names; commas become o->sep).
 * Returns 0, or -1 after printing the reason. */
int csvw_open(csvw *w, const char *dir, const char *name, const csvw_opts *o,
              const char *header);
void csvw_str(csvw *w, const char *s);    /* quoted when needed; NULL: blank */
void csvw_id(csvw *w, const char *prefix, unsigned long num, int width);
void csvw_raw(csvw *w, const char *s, size_t len); /* caller: nothing to quote */
void csvw_int(csvw *w, long v);
void csvw_fixed2(csvw *w, long hundredths); /* 1234.56 */
void csvw_date(csvw *w, sv_day d);        /* SV_NO_DATE: blank */
void csvw_flag(csvw *w, int v);           /* 1 yes, 0 no, <0 blank */
void csvw_blank(csvw *w);
void csvw_end(csvw *w);                   /* ends the row */
/* Flushes and closes; returns 0, or -1 after printing the reason. Always
 * frees the writer's memory. */
int csvw_close(csvw *w);

/* Rows collected in memory, then written sorted by date with sequential
 * ids, as a real system numbers records in the order they were made. */
typedef struct rowmark {
    sv_day day;
    uint32_t seq;
    size_t off, len;
} rowmark;

typedef struct rowstore {
    csvw body;  /* memory sink with the target file's options */
    rowmark *mark;
    size_t n, cap;
} rowstore;

void rows_init(rowstore *t, const csvw_opts *o);
/* Starts a row sorted under `day`; write its fields (all but the id) into
 * the returned sink, then call rows_end. */
csvw *rows_begin(rowstore *t, sv_day day);
void rows_end(rowstore *t);
/* Writes every row to out in date order, each led by an id field
 * prefix+number (numbers from first_num) unless prefix is NULL; frees t. */
void rows_flush(rowstore *t, csvw *out, const char *prefix, unsigned long first_num,
                int width);

/* The usual extract format: ',' separator, LF, ISO dates, Y/N flags. */
extern const csvw_opts csvw_plain;

/* A date-sorted extract: its file, the rows waiting to be sorted, and its
 * own random stream. */
typedef struct gen_extract {
    csvw out;
    rowstore rows;
    gen_rng rng;
} gen_extract;

/* Opens dir/name in the plain format and seeds the extract's stream.
 * Returns 0, or -1 after printing the reason. */
int extract_open(gen_extract *x, const char *dir, const char *name, const char *header,
                 uint64_t seed, int stream);
/* Writes the rows sorted by date (ids as rows_flush) and closes; 0 or -1. */
int extract_close(gen_extract *x, const char *id_prefix, unsigned long first_num, int width);

/* ---- code tables (gen_tables.c) ---- */

/* Five ONS 2021 high-level groups plus not stated. */
enum { G_WHITE, G_ASIAN, G_BLACK, G_MIXED, G_OTHER, G_NOTSTATED, G_COUNT };

/* The 19 ONS 2021 detailed categories, then the not-stated codes. */
enum {
    ETH_BRITISH, ETH_IRISH, ETH_GYPSY, ETH_ROMA, ETH_OTHER_WHITE,
    ETH_WBC, ETH_WBA, ETH_WA, ETH_OTHER_MIXED,
    ETH_INDIAN, ETH_PAKISTANI, ETH_BANGLADESHI, ETH_CHINESE, ETH_OTHER_ASIAN,
    ETH_CARIBBEAN, ETH_AFRICAN, ETH_OTHER_BLACK,
    ETH_ARAB, ETH_ANY_OTHER,
    ETH_NOT_STATED, /* asked, chose not to say: ONS "Not stated", NHS Z */
    ETH_NOT_KNOWN,  /* not asked: NHS 99 */
    ETH_BLANK,      /* nothing recorded */
    ETH_COUNT
};

typedef struct tab_eth {
    const char *ons;  /* ONS 2021 detailed name ("" for blank) */
    const char *nhs;  /* NHS Data Dictionary code */
    int group;        /* G_* */
} tab_eth;

extern const tab_eth tab_eth_codes[ETH_COUNT];
extern const char *const tab_group_names[G_COUNT];

/* Detailed category within a high-level group; older people (65+) have the
 * older mix (more Caribbean than African, more Indian, more British). */
int tab_eth_detail(gen_rng *r, int group, int older);

/* A weighted list of strings. */
typedef struct tab_choice {
    const char *name;
    double weight;
} tab_choice;
const char *tab_choose(gen_rng *r, const tab_choice *c, int n);
#define TAB_CHOOSE(r, arr) tab_choose((r), (arr), (int)(sizeof(arr) / sizeof((arr)[0])))

/* ---- the modelled organisation ---- */

/* --id-prefix is limited to 32 characters of [A-Za-z0-9_-], so ids never
 * need CSV quoting. */
#define GEN_PREFIX_MAX 32
#define GEN_ID_MAX 48

typedef enum gen_org { ORG_PROVIDER, ORG_COUNCIL, ORG_BENCH } gen_org;

enum { AGE_YOUNG, AGE_OLD, AGE_UNKNOWN }; /* 18-64, 65+, not recorded */

enum { END_NONE, END_COMPLETED, END_DISENGAGED, END_MOVED, END_DIED, END_TRANSFERRED };

typedef struct gen_episode {
    sv_day start, end; /* end SV_NO_DATE: ongoing */
    uint8_t reason;    /* END_* */
} gen_episode;

/* Communication needs that drive reasonable adjustments. */
enum { COMM_NONE, COMM_BSL, COMM_EASY_READ, COMM_LARGE_PRINT, COMM_HEARING, COMM_SPEECH };

typedef struct gen_person {
    char id[GEN_ID_MAX]; /* formatted id: prefix + "C" + 7 digits */
    sv_day dob;          /* SV_NO_DATE: not recorded */
    sv_day start, end;   /* support span (first start, last end) */
    gen_episode ep[2];
    uint8_t n_ep;
    uint8_t age_group;   /* AGE_* at the period end */
    uint8_t eth;         /* ETH_* */
    uint8_t sex;         /* 0 female, 1 male, 2 blank */
    uint8_t imd;         /* 1..10, 0 unknown */
    uint16_t unit;
    uint32_t draw;       /* order of the draw: a stable tie-break */
    uint8_t interp, comm, dp, psr;
    int8_t disability;   /* 1 yes, 0 no, -1 not recorded */
    const char *religion, *orient, *lang, *service, *area; /* static strings */
    uint8_t visits_per_day, weekdays_only, minutes;
    double mood;         /* personal satisfaction offset */
    int32_t carer[5];    /* [0..1] regular carers, [2..4] the cover pool (staff index), -1 none */
    float continuity;    /* this person's chance a visit goes to a regular carer */
} gen_person;

typedef struct gen_staff {
    char id[GEN_ID_MAX]; /* prefix + "S" + 6 digits */
    sv_day start, leave; /* leave SV_NO_DATE: in post */
    sv_day dob, promoted;
    uint16_t unit;
    uint8_t tier, contract, sex, eth, qual, qual_in_progress, care_cert;
    int8_t disability;   /* 1 yes, 0 no, -1 not recorded */
    uint16_t fte100, travel;
    uint32_t draw;
    const char *role, *district, *leave_reason; /* static strings */
} gen_staff;

enum { TIER_SUPPORT, TIER_SENIOR, TIER_LEAD, TIER_MANAGER, TIER_OTHER };
enum { CON_PERMANENT, CON_FIXED, CON_ZERO, CON_BANK, CON_AGENCY };

typedef struct gen_action {
    sv_day created, deadline, closed;
    int source;  /* index into the action source names */
    int status;
    const char *title, *lead;
    const char *statements; /* CQC quality statements it serves, ';'-separated */
} gen_action;

typedef struct gen_ctx {
    gen_org org;
    uint64_t seed;
    const char *out;
    const char *id_prefix;
    sv_day period_start, period_end;
    sv_day as_at;          /* no record is dated after this */
    sv_day history_start;  /* earliest event written */
    sv_day visits_start;
    int target_people;     /* provider: caseload on period end; bench: rows */
    int n_units;
    char **unit_names;     /* owned, n_units of them */
    gen_person *people;    /* owned; sorted by id (= by first support) */
    size_t n_people;
    gen_staff *staff;      /* owned; sorted by id (= by start date) */
    size_t n_staff;
    gen_action *actions;   /* owned; sorted by created date (ACT-101...) */
    size_t n_actions;
} gen_ctx;

/* Formats prefix + letter + zero-padded number into dst (GEN_ID_MAX). */
void ctx_format_id(const gen_ctx *c, char *dst, const char *letter, unsigned long num,
                   int width);

int person_active_on(const gen_person *p, sv_day d);
int staff_employed_on(const gen_staff *s, sv_day d);

/* ---- the modules ----
 * *_generate fill the ctx; *_write write one extract into c->out and
 * return 0, or -1 after printing why. */

void people_generate(gen_ctx *c);
int people_write(gen_ctx *c);
int people_is_ld_or_mh(const gen_person *p);
int people_needs_quiet(const gen_person *p);
int people_has_memory_needs(const gen_person *p);

void staff_generate(gen_ctx *c);
int staff_write_workforce(gen_ctx *c);
int staff_write_supervision(gen_ctx *c);
int staff_write_training(gen_ctx *c);

int events_write_referrals(gen_ctx *c);
int events_write_episodes(gen_ctx *c);
int events_write_feedback(gen_ctx *c);
int events_write_survey(gen_ctx *c);
int events_write_outcomes(gen_ctx *c);

int visits_write(gen_ctx *c);

void org_actions_generate(gen_ctx *c);
int org_write_actions(gen_ctx *c);
int org_write_spend(gen_ctx *c);
int org_write_population(gen_ctx *c);

/* Stream numbers for rng_seed. */
enum {
    STREAM_PEOPLE = 1, STREAM_STAFF, STREAM_REFERRALS, STREAM_FEEDBACK, STREAM_SURVEY,
    STREAM_OUTCOMES, STREAM_VISITS, STREAM_SUPERVISION, STREAM_TRAINING,
    STREAM_ACTIONS, STREAM_SPEND, STREAM_IDS, STREAM_STAFF_IDS
};

#endif
