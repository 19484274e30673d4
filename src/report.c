/* report.c: building and freeing the report tree. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

rpt_doc *rpt_doc_new(void) {
    rpt_doc *d = xcalloc(1, sizeof *d);
    d->suppression_marker = xstrdup("*");
    return d;
}

void rpt_set(char **field, const char *value) {
    free(*field);
    *field = xstrdup(value);
}

static void free_table(rpt_table *t) {
    if (!t) return;
    free(t->caption);
    free(t->notes);
    for (size_t i = 0; i < t->ncols; i++) free(t->cols[i].header);
    free(t->cols);
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i].text);
    free(t->cells);
    free(t->row_flags);
    free(t);
}

static void free_chart(rpt_chart *c) {
    if (!c) return;
    free(c->title);
    free(c->description);
    free(c->axis_label);
    free(c->unit_suffix);
    free(c->reference_label);
    free(c->notes);
    for (size_t i = 0; i < c->ncategories; i++) free(c->categories[i]);
    free(c->categories);
    for (size_t i = 0; i < c->nseries; i++) {
        free(c->series[i].name);
        free(c->series[i].values);
        free(c->series[i].lower);
        free(c->series[i].upper);
    }
    free(c->series);
    free(c->sig);
    free(c);
}

static void free_block(rpt_block *b) {
    switch (b->kind) {
    case BLOCK_HEADING:
        free(b->u.heading.text);
        free(b->u.heading.id);
        break;
    case BLOCK_PARAGRAPH:
        free(b->u.paragraph.text);
        break;
    case BLOCK_TILES:
        for (size_t i = 0; i < b->u.tiles.n; i++) {
            rpt_tile *t = &b->u.tiles.items[i];
            free(t->label);
            free(t->value);
            free(t->detail);
            free(t->change);
        }
        free(b->u.tiles.items);
        break;
    case BLOCK_TABLE:
        free_table(b->u.table);
        break;
    case BLOCK_CHART:
        free_chart(b->u.chart);
        break;
    case BLOCK_LIST:
        for (size_t i = 0; i < b->u.list.n; i++) free(b->u.list.items[i]);
        free(b->u.list.items);
        break;
    case BLOCK_CALLOUT:
        free(b->u.callout.title);
        free(b->u.callout.text);
        break;
    case BLOCK_PAGEBREAK:
        break;
    }
}

void rpt_doc_free(rpt_doc *doc) {
    if (!doc) return;
    for (size_t i = 0; i < doc->nsections; i++) {
        rpt_section *s = &doc->sections[i];
        for (size_t j = 0; j < s->nblocks; j++) free_block(&s->blocks[j]);
        free(s->blocks);
        free(s->id);
        free(s->title);
    }
    free(doc->sections);
    char **strings[] = {&doc->title,     &doc->organisation, &doc->unit,
                        &doc->period,    &doc->period_long,  &doc->marking,
                        &doc->data_date, &doc->generated,    &doc->author,
                        &doc->subject,   &doc->suppression_marker};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) free(*strings[i]);
    free(doc);
}

rpt_section *rpt_section_add(rpt_doc *doc, const char *id, const char *title,
                             int appendix) {
    XGROW(doc->sections, doc->cap, doc->nsections + 1);
    rpt_section *s = &doc->sections[doc->nsections++];
    memset(s, 0, sizeof *s);
    s->id = xstrdup(id);
    s->title = xstrdup(title);
    s->appendix = appendix;
    return s;
}

static rpt_block *add_block(rpt_section *s, rpt_block_kind kind) {
    XGROW(s->blocks, s->cap, s->nblocks + 1);
    rpt_block *b = &s->blocks[s->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void rpt_heading(rpt_section *s, int level, const char *id, const char *text) {
    rpt_block *b = add_block(s, BLOCK_HEADING);
    b->u.heading.level = level < 2 ? 2 : level > 3 ? 3 : level;
    b->u.heading.id = xstrdup(id);
    b->u.heading.text = xstrdup(text);
}

void rpt_paragraph(rpt_section *s, const char *text) {
    add_block(s, BLOCK_PARAGRAPH)->u.paragraph.text = xstrdup(text);
}

void rpt_lead_in(rpt_section *s, const char *text) {
    rpt_block *b = add_block(s, BLOCK_PARAGRAPH);
    b->u.paragraph.text = xstrdup(text);
    b->u.paragraph.lead_in = 1;
}

void rpt_callout(rpt_section *s, const char *title, const char *text) {
    rpt_block *b = add_block(s, BLOCK_CALLOUT);
    b->u.callout.title = xstrdup(title);
    b->u.callout.text = xstrdup(text);
}

void rpt_list(rpt_section *s, const char *const *items, size_t n, int ordered) {
    rpt_block *b = add_block(s, BLOCK_LIST);
    b->u.list.items = xcalloc(n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++) b->u.list.items[i] = xstrdup(items[i]);
    b->u.list.n = n;
    b->u.list.ordered = ordered;
}

void rpt_pagebreak(rpt_section *s) { add_block(s, BLOCK_PAGEBREAK); }

rpt_tile *rpt_tiles(rpt_section *s, size_t n) {
    rpt_block *b = add_block(s, BLOCK_TILES);
    b->u.tiles.items = xcalloc(n ? n : 1, sizeof(rpt_tile));
    b->u.tiles.n = n;
    return b->u.tiles.items;
}

rpt_table *rpt_table_add(rpt_section *s, const char *caption) {
    rpt_table *t = xcalloc(1, sizeof *t);
    t->caption = xstrdup(caption);
    add_block(s, BLOCK_TABLE)->u.table = t;
    return t;
}

void rpt_table_column(rpt_table *t, const char *header, rpt_align align, double weight) {
    /* Columns are fixed before the first row. */
    t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
    t->cols[t->ncols].header = xstrdup(header);
    t->cols[t->ncols].align = align;
    t->cols[t->ncols].weight = weight;
    t->ncols++;
}

size_t rpt_table_row(rpt_table *t, unsigned row_flags) {
    if (t->nrows + 1 > t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
        t->cells = xrealloc(t->cells, cap * t->ncols * sizeof *t->cells);
        t->row_flags = xrealloc(t->row_flags, cap * sizeof *t->row_flags);
        t->cap_rows = cap;
    }
    size_t r = t->nrows++;
    for (size_t c = 0; c < t->ncols; c++) {
        t->cells[r * t->ncols + c].text = xstrdup("");
        t->cells[r * t->ncols + c].flags = 0;
    }
    t->row_flags[r] = row_flags;
    return r;
}

rpt_cell *rpt_table_cell(const rpt_table *t, size_t row, size_t col) {
    return &t->cells[row * t->ncols + col];
}

void rpt_table_set(rpt_table *t, size_t row, size_t col, const char *text,
                   unsigned cell_flags) {
    rpt_cell *c = rpt_table_cell(t, row, col);
    rpt_set(&c->text, text ? text : "");
    c->flags = cell_flags;
}

rpt_chart *rpt_chart_add(rpt_section *s, rpt_chart_kind kind, const char *title,
                         size_t ncategories, size_t nseries, int with_intervals) {
    rpt_chart *c = xcalloc(1, sizeof *c);
    c->kind = kind;
    c->title = xstrdup(title);
    c->ncategories = ncategories;
    c->categories = xcalloc(ncategories ? ncategories : 1, sizeof(char *));
    c->nseries = nseries;
    c->series = xcalloc(nseries ? nseries : 1, sizeof(rpt_series));
    for (size_t i = 0; i < nseries; i++) {
        rpt_series *se = &c->series[i];
        se->values = xmalloc((ncategories ? ncategories : 1) * sizeof(double));
        for (size_t j = 0; j < ncategories; j++) se->values[j] = NAN;
        if (with_intervals) {
            se->lower = xmalloc((ncategories ? ncategories : 1) * sizeof(double));
            se->upper = xmalloc((ncategories ? ncategories : 1) * sizeof(double));
            for (size_t j = 0; j < ncategories; j++) se->lower[j] = se->upper[j] = NAN;
        }
    }
    if (kind == CHART_DOT_INTERVAL) c->sig = xcalloc(ncategories ? ncategories : 1, sizeof(rpt_sig));
    c->reference = NAN;
    c->unit_suffix = xstrdup("");
    add_block(s, BLOCK_CHART)->u.chart = c;
    return c;
}

static void widen(double v, double *lo, double *hi) {
    if (isnan(v)) return;
    if (v < *lo) *lo = v;
    if (v > *hi) *hi = v;
}

/* A step of 1, 2, 2.5 or 5 times a power of ten giving 4 to 6 intervals. */
static double nice_step(double range) {
    double raw = range / 5.0;
    double p = pow(10.0, floor(log10(raw)));
    static const double mult[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof mult / sizeof *mult; i++)
        if (mult[i] * p >= raw) return mult[i] * p;
    return 10 * p;
}

void rpt_chart_autoscale(rpt_chart *c, int include_zero) {
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < c->nseries; i++)
        for (size_t j = 0; j < c->ncategories; j++) {
            widen(c->series[i].values[j], &lo, &hi);
            if (c->series[i].lower) widen(c->series[i].lower[j], &lo, &hi);
            if (c->series[i].upper) widen(c->series[i].upper[j], &lo, &hi);
        }
    widen(c->reference, &lo, &hi);
    if (!isfinite(lo)) lo = 0, hi = 1;
    if (include_zero && lo > 0) lo = 0;
    if (include_zero && hi < 0) hi = 0;
    if (hi - lo < 1e-9) hi = lo + (fabs(lo) > 0 ? fabs(lo) : 1);
    double step = nice_step(hi - lo);
    c->axis_min = floor(lo / step + 1e-9) * step;
    c->axis_max = ceil(hi / step - 1e-9) * step;
    if (c->axis_max <= c->axis_min) c->axis_max = c->axis_min + step;
    c->axis_step = step;
}

rpt_axis rpt_chart_axis(const rpt_chart *c) {
    rpt_axis a = {c->axis_min, c->axis_max, c->axis_step, c->decimals, c->unit_suffix ? c->unit_suffix : ""};
    if (!isfinite(a.min)) a.min = 0;
    if (!isfinite(a.max) || a.max <= a.min) a.max = a.min + 1;
    if (!isfinite(a.step) || a.step <= 0 || (a.max - a.min) / a.step > 40) a.step = (a.max - a.min) / 5;
    if (a.decimals < 0) a.decimals = 0;
    if (a.decimals > 6) a.decimals = 6;
    return a;
}

size_t rpt_axis_ticks(const rpt_axis *a) { return (size_t)floor((a->max - a->min) / a->step + 1e-6) + 1; }

double rpt_axis_tick(const rpt_axis *a, size_t i) { return a->min + (double)i * a->step; }

double rpt_axis_frac(const rpt_axis *a, double v) {
    double t = (v - a->min) / (a->max - a->min);
    return t < 0 ? 0 : t > 1 ? 1 : t;
}
