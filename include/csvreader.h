/* csvreader.h: streaming extract reader on libcsv.
 *
 * Reads a file in 1 MiB blocks (never the whole file), strips a UTF-8 BOM,
 * accepts LF, CRLF and CR line ends (mixed too), detects `,` `;` or tab from
 * the header unless told, matches header names case-insensitively (after
 * applying the config's site-name mapping), and hands each record to a
 * callback with the cells of the canonical columns. Lines are physical line
 * numbers; a cell's column is its 1-based field number.
 *
 * Records that cannot be read as CSV (ragged, stray quote, unterminated
 * quote, invalid UTF-8, NUL, over-long field) are reported to the dq log and
 * skipped; the reader resynchronises at the next line. Problems that make the
 * extract unusable (cannot open, no header, missing required column, two
 * headers mapped to one column) fail the read with an sv_error. */
#ifndef SV_CSVREADER_H
#define SV_CSVREADER_H

#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "diag.h"
#include "dq.h"
#include "extracts.h"

#define CSVR_MAX_FIELD (64 * 1024)

typedef struct csvr_cell {
    const char *s;   /* NUL-terminated, borrowed for the callback; "" if absent */
    uint32_t len;
    uint32_t field;  /* 1-based field number; 0 when the column is absent */
} csvr_cell;

typedef struct csvr_row {
    const char *path;
    extract_id extract;
    dq_log *dq;
    const column_def *columns;  /* the spec's columns */
    long line;                  /* physical line where the record starts */
    const csvr_cell *cells;     /* indexed like columns */
} csvr_row;

/* A site header name mapped onto a canonical column name. */
typedef struct csvr_alias {
    const char *header;
    const char *column;
} csvr_alias;

typedef struct csvr_options {
    char separator;             /* ',', ';', '\t', or 0 to detect */
    const csvr_alias *aliases;  /* may be NULL */
    size_t naliases;
    date_format date_format;    /* for csvr_date */
    dq_log *dq;                 /* required */
    /* Extra columns beyond the extract's own (e.g. a configured unit
     * column): appended after them in cells[]. */
    const column_def *extra;
    size_t nextra;
    struct progress *progress;  /* bytes read are added to it; may be NULL */
    size_t part_min_bytes;      /* csvr_read_parts: smallest part (0: 4 MiB) */
} csvr_options;

/* Return CSVR_USED or CSVR_EXCLUDED (the callback has reported why) or
 * CSVR_STOP (the callback set an error). */
enum { CSVR_USED = 0, CSVR_EXCLUDED = 1, CSVR_STOP = -1 };
typedef int (*csvr_row_fn)(void *ctx, const csvr_row *row);

/* Reads path. Returns 0, or -1 with err set (SV_EXIT_IO when the file cannot
 * be read, SV_EXIT_DATA when its header makes it unusable). Row counts and
 * findings go to opt->dq. */
int csvr_read(const char *path, extract_id ex, const csvr_options *opt,
              csvr_row_fn fn, void *ctx, sv_error *err);

/* Reads path in up to nparts parts on as many threads, one callback
 * context each: ctxs[k] sees only the records of part k, in order, with row->line counted
 * from the part's start (findings are renumbered when merged). Parts
 * start after a line end; when a quoted field turns out to span a part's
 * start, the part before reads on to the end alone and later parts are
 * dropped. *used is the number of parts kept: the caller combines
 * ctxs[0..*used) and ignores the rest. Findings, row counts and line numbers
 * in opt->dq are as a serial read gives them. Parts are smaller than
 * opt->part_min_bytes only when there is one. Returns as csvr_read. */
int csvr_read_parts(const char *path, extract_id ex, const csvr_options *opt, csvr_row_fn fn,
                    void *const *ctxs, size_t nparts, size_t *used, sv_error *err);

/* Cell parsers used by the extract loaders. Each reports a finding with the
 * right line and column when the value is bad. Return 0 when the value is
 * usable (possibly blank/unknown), -1 when the row must be excluded. */
int csvr_date(const csvr_row *row, int col, int required, date_format fmt, sv_day *out);
int csvr_int(const csvr_row *row, int col, int required, long min, long max, long *out,
             int *known);
int csvr_number(const csvr_row *row, int col, int required, double min, double max,
                double *out, int *known);
int csvr_flag(const csvr_row *row, int col);  /* FLAG_*; bad -> FLAG_UNKNOWN + finding */
/* Reports a finding on cell col (row kept or excluded by the reason's effect). */
void csvr_report(const csvr_row *row, int col, dq_reason reason);
/* The same, completing the reason's text with detail (dq.h). */
void csvr_report_detail(const csvr_row *row, int col, dq_reason reason, const char *detail);
/* The same, quoting part of the cell (one item of a list) as the value. */
void csvr_report_value(const csvr_row *row, int col, dq_reason reason, const char *value, size_t len);
static inline int csvr_blank(const csvr_row *row, int col) {
    const csvr_cell *c = &row->cells[col];
    for (uint32_t i = 0; i < c->len; i++)
        if (c->s[i] != ' ' && c->s[i] != '\t') return 0;
    return 1;
}

#endif
