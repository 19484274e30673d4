/* config.h: the run's JSON configuration (README "Config reference").
 *
 * Unknown keys and wrong types are errors naming the key path, line and
 * column. Relative paths resolve from the config file's directory. The
 * config owns everything it points to; cfg_free releases it. */
#ifndef SV_CONFIG_H
#define SV_CONFIG_H

#include <jansson.h>

#include "codelists.h"
#include "csvreader.h"
#include "dates.h"
#include "diag.h"
#include "extracts.h"
#include "image.h"
#include "jsoncheck.h"

#define CFG_MAX_AGE_BANDS 16

typedef struct cfg_extract {
    char *path;            /* resolved path, or NULL when not configured/found */
    int explicit;          /* named in the config (a missing file is an error) */
    char separator;        /* 0 = detect */
    date_format dates;
    csvr_alias *aliases;   /* global mapping first, then per-extract ones */
    size_t naliases;
} cfg_extract;

/* RAG thresholds for one indicator, in the indicator's display units. */
typedef enum cfg_better { BETTER_HIGHER = 0, BETTER_LOWER } cfg_better;
typedef struct cfg_target {
    char *indicator;   /* indicator key, e.g. "missed_visit_rate" */
    double green;      /* at or better than this: green */
    double amber;      /* at or better than this: amber, else red */
    cfg_better better;
} cfg_target;

typedef struct cfg_population_row {
    char *dimension;   /* "ethnicity", "sex", "age_band" */
    char *group;
    char *age_scope;   /* "all", "18-64", "65+" */
    double count;      /* NAN when only a share is given */
    double share;      /* fraction 0-1, NAN when only a count is given */
} cfg_population_row;

typedef struct cfg_narrative {
    char *section;   /* section id, or "document.section" for one document */
    char *text;
} cfg_narrative;

/* A social value commitment set against what was delivered. */
typedef struct cfg_commitment {
    char *text;       /* "35% of new starters recruited locally" */
    char *indicator;  /* indicator key; item -1 for the overall row */
    int item;
    double target;    /* in the indicator's display units */
    double amber;     /* NAN: 90% of target (110% when lower is better) */
    cfg_better better;
    int annual;       /* over the 12 months to the period end, else the period */
} cfg_commitment;

/* A financial proxy: quantity of an indicator times pounds per unit. */
typedef struct cfg_proxy {
    char *code, *measure, *indicator, *unit, *source;
    int item;
    double value_per_unit;
} cfg_proxy;

typedef struct cfg_text_pair {
    char *key;        /* case study title, tender question id, statement id */
    char *text;
} cfg_text_pair;

typedef struct cfg_score {
    char *statement;  /* quality statement id, e.g. "R6" */
    int score;        /* 1-4 */
    char *reason;
} cfg_score;

typedef struct sv_config {
    char *path;
    char *dir;                 /* directory of the config file */
    jc_doc *json;              /* kept for later readers (templates, tender) */

    char *organisation;
    int is_council;            /* organisation_type "council" */
    char *area;                /* population area name, e.g. "Coventry" */
    sv_period period;
    int period_latest;         /* "latest": resolved against the data date */
    period_kind schedule;
    int trend_periods;         /* including the current one; 4-8 */
    int equity_12_months;      /* group breakdowns over the 12 months to the
                                  period end (default), else over the period */
    sv_day data_date;          /* SV_NO_DATE: the latest date in the extracts */
    char *marking;             /* protective marking or NULL */

    cfg_extract extracts[EX_COUNT];
    nhs_r_rollup nhs_r;

    cfg_population_row *population;  /* inline baselines */
    size_t npopulation;

    int age_bands[CFG_MAX_AGE_BANDS];  /* lower bounds, ascending, first >= 0 */
    int nage_bands;

    double survey_min, survey_max, survey_satisfied;
    char **survey_questions;   /* satisfaction questions; NULL = every question */
    size_t nsurvey_questions;

    cfg_target *targets;
    size_t ntargets;

    int suppress_threshold;    /* counts 1..threshold are suppressed; 0 = off */
    int round_to;              /* 0 or 5 */
    int secondary;             /* secondary suppression */
    char *marker;              /* "*" */

    char *unit_column;         /* people column naming the unit; NULL = no units */
    int unit_documents;        /* also write one document per unit */

    cfg_narrative *narrative;
    size_t nnarrative;

    char *document;            /* template name or path */
    char **documents;          /* "documents": several; NULL when one */
    size_t ndocuments;
    char *output_dir;          /* resolved */

    cfg_commitment *commitments;
    size_t ncommitments;
    char *proxy_edition;       /* which proxy table, e.g. "National TOMs 2024" */
    int proxy_year;
    cfg_proxy *proxies;
    size_t nproxies;
    cfg_text_pair *case_studies;
    size_t ncase_studies;
    cfg_text_pair *answers;    /* tender answers by question id */
    size_t nanswers;
    char *framework;           /* assessment framework id; NULL: by organisation type */
    int boundary_round;        /* round the percentage before banding */
    cfg_score *scores;
    size_t nscores;
    char *logo_path;           /* "logo": resolved path of a PNG, or NULL */
    image *logo;               /* decoded and checked when loaded, or NULL */
} sv_config;

/* Loads and validates path. Returns NULL with err (SV_EXIT_CONFIG or
 * SV_EXIT_IO). Caller frees with cfg_free. */
sv_config *cfg_load(const char *path, sv_error *err);
void cfg_free(sv_config *cfg);

/* Borrowed lookups; NULL when absent. */
const cfg_target *cfg_target_for(const sv_config *cfg, const char *indicator);
const char *cfg_narrative_for(const sv_config *cfg, const char *section);
const char *cfg_answer_for(const sv_config *cfg, const char *question);
const cfg_score *cfg_score_for(const sv_config *cfg, const char *statement);
/* Resolves a path relative to the config's directory; caller frees. */
char *cfg_resolve(const sv_config *cfg, const char *path);

#endif
