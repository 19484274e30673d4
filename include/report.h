/* report.h: the report tree, the one structure every renderer walks.
 *
 * Pipeline: extracts -> model -> indicators -> report tree -> renderers.
 * Everything a reader sees is decided when the tree is built: numbers are
 * already formatted and suppressed, charts carry their scale, and every chart
 * carries a description in words. Renderers (PDF, HTML, text dump) only lay
 * out and draw, so the editions cannot disagree about a figure.
 *
 * Ownership: the document owns every section, block and string in it; all
 * strings are UTF-8 and validated before they enter the tree. rpt_doc_free
 * frees the whole tree. Builder functions copy the strings they are given. */
#ifndef SV_REPORT_H
#define SV_REPORT_H

#include <stddef.h>

typedef enum rpt_rag {
    RAG_NONE = 0,  /* no target configured */
    RAG_GREEN,
    RAG_AMBER,
    RAG_RED
} rpt_rag;

typedef enum rpt_direction {
    DIR_NONE = 0,  /* no previous value */
    DIR_UP,
    DIR_DOWN,
    DIR_SAME
} rpt_direction;

/* Whether a movement is good news, for words and markers. */
typedef enum rpt_judgement {
    JUDGE_NEUTRAL = 0,
    JUDGE_BETTER,
    JUDGE_WORSE
} rpt_judgement;

typedef struct rpt_tile {
    char *label;   /* "Missed visits" */
    char *value;   /* "1.2%", or the suppression marker */
    char *detail;  /* "Target: 1.0% or lower" (may be NULL) */
    char *change;  /* "Down 0.3 points since 2026-27 Q1 (better)" (may be NULL) */
    rpt_rag rag;
    rpt_direction direction;
    rpt_judgement judgement;
} rpt_tile;

typedef enum rpt_align { ALIGN_LEFT = 0, ALIGN_RIGHT, ALIGN_CENTER } rpt_align;

typedef struct rpt_column {
    char *header;
    rpt_align align;  /* numbers are right-aligned */
    double weight;    /* relative width; 0 = let the renderer measure */
} rpt_column;

/* Cell flags: meaning is always also in the text; flags are for styling. */
enum {
    CELL_SUPPRESSED = 1u << 0, /* text is the suppression marker */
    CELL_HIGHER = 1u << 1,     /* significantly higher than comparator */
    CELL_LOWER = 1u << 2,      /* significantly lower than comparator */
    CELL_RAG_GREEN = 1u << 3,
    CELL_RAG_AMBER = 1u << 4,
    CELL_RAG_RED = 1u << 5,
    CELL_EMPHASIS = 1u << 6    /* bold */
};

/* Row flags. */
enum {
    ROW_TOTAL = 1u << 0,   /* an overall/total row: bold, rule above */
    ROW_HEADING = 1u << 1  /* a group label spanning the table: only cell 0 */
};

typedef struct rpt_cell {
    char *text;
    unsigned flags;
} rpt_cell;

typedef struct rpt_table {
    char *caption;            /* shown above; also the HTML <caption> */
    rpt_column *cols;
    size_t ncols;
    rpt_cell *cells;          /* row-major, nrows * ncols */
    unsigned *row_flags;      /* nrows entries */
    size_t nrows;
    size_t cap_rows;
    char *notes;              /* shown below, e.g. the suppression legend */
} rpt_table;

typedef enum rpt_chart_kind {
    /* Horizontal paired bars per category: series[0] (e.g. people supported)
     * against series[1] (e.g. population), each bar labelled with its value. */
    CHART_COMPARE_BARS = 0,
    /* One row per category: a dot for the value with a horizontal line for
     * its interval, against a vertical reference line (overall figure). The
     * marker shape comes from sig[]: triangle up/down for significantly
     * higher/lower, circle for similar, hollow circle for not compared. */
    CHART_DOT_INTERVAL,
    /* Lines over time: categories are periods, oldest first; each series has
     * its own marker shape and is labelled at its last point. */
    CHART_TREND,
    /* One horizontal bar per category split into series segments summing to
     * 100%; segments carry distinct fills and patterns, and a legend. */
    CHART_STACKED
} rpt_chart_kind;

typedef enum rpt_sig {
    SIGMARK_NONE = 0,    /* not compared (too few, or no comparator) */
    SIGMARK_SIMILAR,
    SIGMARK_HIGHER,
    SIGMARK_LOWER
} rpt_sig;

typedef struct rpt_series {
    char *name;       /* legend text */
    double *values;   /* ncategories; NAN = missing or suppressed */
    double *lower;    /* interval, or NULL */
    double *upper;
} rpt_series;

typedef struct rpt_chart {
    rpt_chart_kind kind;
    char *title;
    char *description;   /* what the chart shows, in words (alt text) */
    char *axis_label;    /* value axis, e.g. "Share of people (%)" */
    char **categories;   /* labels; ncategories */
    size_t ncategories;
    rpt_series *series;
    size_t nseries;
    rpt_sig *sig;        /* DOT_INTERVAL: ncategories markers, else NULL */
    double axis_min, axis_max, axis_step;  /* value axis scale, ticks */
    int decimals;        /* for value labels and ticks */
    char *unit_suffix;   /* "%" or "" */
    double reference;    /* DOT_INTERVAL/TREND reference line; NAN = none */
    char *reference_label;
    char *notes;         /* below the chart, e.g. "* suppressed" */
} rpt_chart;

typedef enum rpt_block_kind {
    BLOCK_HEADING = 0,   /* level 2 or 3 within a section */
    BLOCK_PARAGRAPH,
    BLOCK_TILES,
    BLOCK_TABLE,
    BLOCK_CHART,
    BLOCK_LIST,
    BLOCK_CALLOUT,       /* a boxed note, e.g. "this is a self-assessment" */
    BLOCK_PAGEBREAK
} rpt_block_kind;

typedef struct rpt_block {
    rpt_block_kind kind;
    union {
        struct { char *text; char *id; int level; } heading;
        struct { char *text; int lead_in; } paragraph; /* lead_in: keeps with the next block */
        struct { rpt_tile *items; size_t n; } tiles;
        rpt_table *table;
        rpt_chart *chart;
        struct { char **items; size_t n; int ordered; } list;
        struct { char *title; char *text; } callout;
    } u;
} rpt_block;

typedef struct rpt_section {
    char *id;        /* anchor: [a-z0-9-]+, unique in the document */
    char *title;
    int appendix;    /* 1 for appendices (lettered in the contents) */
    rpt_block *blocks;
    size_t nblocks;
    size_t cap;
} rpt_section;

typedef struct rpt_doc {
    char *title;         /* "Quarterly governance report" */
    char *organisation;  /* "Riverside Home Support Ltd" */
    char *unit;          /* NULL for the whole organisation */
    char *period;        /* "2026-27 Q2" */
    char *period_long;   /* "1 July to 30 September 2026" */
    char *marking;       /* "OFFICIAL-SENSITIVE", or NULL for none */
    char *data_date;     /* "Data as at 30 September 2026" */
    char *generated;     /* "Produced 22 November 2026 by svreport 0.1" */
    char *author;        /* PDF author field */
    char *subject;       /* PDF subject field */
    char *suppression_marker; /* "*" by default */
    rpt_section *sections;
    size_t nsections;
    size_t cap;
} rpt_doc;

/* Builders. Strings are copied; returned pointers are borrowed from doc. */
rpt_doc *rpt_doc_new(void);                 /* caller frees with rpt_doc_free */
void rpt_doc_free(rpt_doc *doc);            /* NULL is a no-op */
void rpt_set(char **field, const char *value);  /* replaces a doc string */
rpt_section *rpt_section_add(rpt_doc *doc, const char *id, const char *title,
                             int appendix);
void rpt_heading(rpt_section *s, int level, const char *id, const char *text);
void rpt_paragraph(rpt_section *s, const char *text);
/* A paragraph that introduces the next block ("Actions linked to this
 * statement:"): paged renderers keep the two together. */
void rpt_lead_in(rpt_section *s, const char *text);
void rpt_callout(rpt_section *s, const char *title, const char *text);
void rpt_list(rpt_section *s, const char *const *items, size_t n, int ordered);
void rpt_pagebreak(rpt_section *s);
rpt_tile *rpt_tiles(rpt_section *s, size_t n);   /* zeroed; fill with rpt_set */

/* Tables: add columns, then rows; cells are set by row/column. */
rpt_table *rpt_table_add(rpt_section *s, const char *caption);
void rpt_table_column(rpt_table *t, const char *header, rpt_align align,
                      double weight);
size_t rpt_table_row(rpt_table *t, unsigned row_flags);  /* returns row index */
void rpt_table_set(rpt_table *t, size_t row, size_t col, const char *text,
                   unsigned cell_flags);
rpt_cell *rpt_table_cell(const rpt_table *t, size_t row, size_t col);

/* Charts: categories and series are sized at creation; values start NAN. */
rpt_chart *rpt_chart_add(rpt_section *s, rpt_chart_kind kind, const char *title,
                         size_t ncategories, size_t nseries, int with_intervals);
/* Chooses a readable axis (0 or below to a round top, 4-6 ticks) covering
 * every value, interval and the reference line. */
void rpt_chart_autoscale(rpt_chart *c, int include_zero);

/* A chart's value scale as renderers draw it: the tree's, made safe (a
 * broken one becomes 5 ticks; decimals 0 to 6). suffix is borrowed. */
typedef struct rpt_axis {
    double min, max, step;
    int decimals;
    const char *suffix;
} rpt_axis;
rpt_axis rpt_chart_axis(const rpt_chart *c);
size_t rpt_axis_ticks(const rpt_axis *a);
double rpt_axis_tick(const rpt_axis *a, size_t i);
/* Share of the way along the axis, clamped to [0, 1]. */
double rpt_axis_frac(const rpt_axis *a, double v);

#endif
