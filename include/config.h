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
    char *section;
    char *text;
} cfg_narrative;

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
    char *output_dir;          /* resolved */
} sv_config;

/* Loads and validates path. Returns NULL with err (SV_EXIT_CONFIG or
 * SV_EXIT_IO). Caller frees with cfg_free. */
sv_config *cfg_load(const char *path, sv_error *err);
void cfg_free(sv_config *cfg);

/* Borrowed lookups; NULL when absent. */
const cfg_target *cfg_target_for(const sv_config *cfg, const char *indicator);
const char *cfg_narrative_for(const sv_config *cfg, const char *section);
/* Resolves a path relative to the config's directory; caller frees. */
char *cfg_resolve(const sv_config *cfg, const char *path);

#endif
