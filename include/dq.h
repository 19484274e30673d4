/* dq.h: the data-quality log. Every row that cannot be used, and every value
 * that had to be treated as unknown, is counted per extract, reason and
 * column; the first few of each are kept with line and column. The document's
 * data-quality appendix and the run manifest are built from it, and --strict
 * turns any entry into a failed run. Thread-safe. */
#ifndef SV_DQ_H
#define SV_DQ_H

#include <stdio.h>

#include "extracts.h"

/* X(id, effect, text, default detail). EXCLUDE: the row is not used. KEEP:
 * the row is used with the value treated as unknown. The text's %s takes a
 * detail ("(1 to 10)", ": 4, the header has 6"); the appendix, which shows
 * counts not rows, uses the default. */
#define DQ_REASONS(X)                                                                       \
    X(DQ_RAGGED, DQ_EXCLUDE, "row has the wrong number of fields%s", "")                   \
    X(DQ_STRAY_QUOTE, DQ_EXCLUDE, "stray or unbalanced quote%s", "")                       \
    X(DQ_UNTERMINATED_QUOTE, DQ_EXCLUDE, "quoted field is never closed%s", "")             \
    X(DQ_BAD_UTF8, DQ_EXCLUDE, "text is not valid UTF-8%s", "")                             \
    X(DQ_NUL_BYTE, DQ_EXCLUDE, "field contains a NUL byte%s", "")                           \
    X(DQ_FIELD_TOO_LONG, DQ_EXCLUDE, "field is longer than 64 KiB%s", "")                   \
    X(DQ_MISSING_VALUE, DQ_EXCLUDE, "required value is blank%s", "")                        \
    X(DQ_BAD_DATE, DQ_EXCLUDE, "not a date (expected %s)", "YYYY-MM-DD or DD/MM/YYYY")      \
    X(DQ_IMPOSSIBLE_DATE, DQ_EXCLUDE, "no such date%s", "")                                 \
    X(DQ_DATE_RANGE, DQ_EXCLUDE, "date before 1900 or after the data date%s", "")           \
    X(DQ_END_BEFORE_START, DQ_EXCLUDE, "ends before it starts%s", "")                       \
    X(DQ_BAD_NUMBER, DQ_EXCLUDE, "not a number%s", "")                                      \
    X(DQ_NUMBER_RANGE, DQ_EXCLUDE, "number out of range%s", "")                             \
    X(DQ_DNA_OVER_OFFERED, DQ_EXCLUDE, "more than appointments_offered%s", "")              \
    X(DQ_DUPLICATE_ID, DQ_EXCLUDE, "duplicate identifier%s", "")                            \
    X(DQ_UNKNOWN_PERSON, DQ_EXCLUDE, "not in people.csv%s", "")                             \
    X(DQ_UNKNOWN_STAFF, DQ_EXCLUDE, "not in workforce.csv%s", "")                           \
    X(DQ_UNKNOWN_CODE_ROW, DQ_EXCLUDE, "value is not in the code list%s", "")               \
    X(DQ_UNKNOWN_CODE, DQ_KEEP, "value is not in the code list%s; treated as not known", "") \
    X(DQ_UNKNOWN_PERSON_KEPT, DQ_KEEP, "not in people.csv%s; counted without a group", "")  \
    X(DQ_UNKNOWN_STAFF_KEPT, DQ_KEEP, "not in workforce.csv%s; carer not counted", "")      \
    X(DQ_BAD_OPTIONAL_DATE, DQ_KEEP, "not a valid date%s; treated as not known", "")        \
    X(DQ_DATE_AFTER_DATA, DQ_KEEP, "date after the data date%s; treated as not known", "")  \
    X(DQ_BAD_OPTIONAL_NUMBER, DQ_KEEP, "not a valid number%s; treated as not known", "")    \
    X(DQ_NUMBER_RANGE_KEPT, DQ_KEEP, "number out of range%s; treated as not known", "")     \
    X(DQ_BAD_FLAG, DQ_KEEP, "not a yes/no value%s; treated as not known", "")

typedef enum dq_effect { DQ_EXCLUDE, DQ_KEEP } dq_effect;

typedef enum dq_reason {
#define X(id, effect, text, detail) id,
    DQ_REASONS(X)
#undef X
    DQ_REASON_COUNT
} dq_reason;

#define DQ_EXAMPLES 3

typedef struct dq_example {
    long line, column;
    char value[64];   /* quoted value, for stderr only */
    char detail[96];  /* the reason's detail for this row, or "" */
} dq_example;

typedef struct dq_entry {
    extract_id extract;
    dq_reason reason;
    char column[48];
    long count;
    int sensitive;    /* value never shown in a document */
    int nexamples;
    dq_example examples[DQ_EXAMPLES];
} dq_entry;

typedef struct dq_extract_stats {
    int present;          /* the extract was read */
    char path[256];
    long long bytes;
    long rows_read;       /* data rows (records after the header) */
    long rows_excluded;
} dq_extract_stats;

typedef struct dq_log dq_log;

/* Warnings for the first examples go to `warn` (NULL = silent). Caller frees
 * with dq_free. */
dq_log *dq_new(FILE *warn);
void dq_free(dq_log *dq);

/* Records one finding. detail completes the reason's text (NULL: its
 * default); value/len is the offending value (may be NULL). */
void dq_report(dq_log *dq, extract_id ex, const char *path, dq_reason reason,
               const char *column, int sensitive, long line, long column_no,
               const char *detail, const char *value, size_t len);
/* Adds src's findings and row counts to dst, after dst's own, with src's
 * line numbers moved on by line_offset (src read a later part of the file).
 * Warnings for the examples dst keeps are printed as dq_report would. */
void dq_merge(dq_log *dst, const dq_log *src, long line_offset);
/* The reason's text with a detail (NULL: the default); buf needs 160 bytes. */
void dq_reason_format(dq_reason r, const char *detail, char *buf, size_t cap);
void dq_count_rows(dq_log *dq, extract_id ex, long read, long excluded);
void dq_set_file(dq_log *dq, extract_id ex, const char *path, long long bytes);

const char *dq_reason_text(dq_reason r);  /* with the default detail; static */
dq_effect dq_reason_effect(dq_reason r);

/* Read access for reports and the manifest (borrowed). */
size_t dq_entry_count(const dq_log *dq);
const dq_entry *dq_entry_at(const dq_log *dq, size_t i);
const dq_extract_stats *dq_stats(const dq_log *dq, extract_id ex);
long dq_total_findings(const dq_log *dq);
/* The first finding in file order of reading (for --strict), or NULL. */
const dq_entry *dq_first(const dq_log *dq);

#endif
