/* framework.h: an assessment framework (CQC's) loaded from data, because
 * CQC is replacing it: templates/frameworks/<id>.json, one file per
 * framework and edition (templates/frameworks/README.md has the schema).
 * The framework owns all its strings; fw_free releases it. */
#ifndef SV_FRAMEWORK_H
#define SV_FRAMEWORK_H

#include <stddef.h>

#include "diag.h"

typedef struct fw_evidence {
    char *category;    /* one of the framework's evidence categories */
    int indicator;     /* ind_id */
    int item;          /* -1: the overall row */
    int by_group;      /* the comparison between groups is the evidence */
    char *note;        /* may be NULL */
} fw_evidence;

typedef struct fw_statement {
    char *id;          /* "R6", "LA3" */
    char *name;
    char *we;
    char **i;          /* "I" statements (local authority framework) */
    size_t ni;
    int verified;      /* wording checked against CQC's published text */
    fw_evidence *evidence;
    size_t nevidence;
} fw_statement;

typedef struct fw_group {
    char *id, *name, *kind, *summary;  /* kind: "theme" or "key question" */
    fw_statement *statements;
    size_t nstatements;
} fw_group;

typedef struct fw_band {
    char *rating;
    double min, max;   /* percentages, inclusive */
} fw_band;

typedef struct framework {
    char *id, *name, *edition, *audience, *status, *source;
    char *scale[4];    /* wording of scores 1-4 */
    fw_band bands[4];  /* lowest first */
    char **categories;
    size_t ncategories;
    fw_group *groups;
    size_t ngroups;
} framework;

/* Loads dir/<id>.json (or a path). NULL with err (SV_EXIT_CONFIG) naming the
 * file, JSON path, line and column. Caller frees with fw_free. */
framework *fw_load(const char *id_or_path, const char *dir, sv_error *err);
void fw_free(framework *fw);
const fw_statement *fw_find(const framework *fw, const char *statement_id);
size_t fw_statement_count(const framework *fw);
/* The rating band of a percentage. The published bands leave gaps between
 * whole numbers (38 and 39): by default the boundaries are the midpoints
 * (38.5, 62.5, 87.5) on the unrounded percentage; with round_first the
 * percentage is rounded to a whole number (half up) and then placed. */
const char *fw_band_of(const framework *fw, double pct, int round_first);

#endif
