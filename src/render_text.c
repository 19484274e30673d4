/* render_text.c: the tree as plain text, one line per item, for golden tests
 * and for reading a report in a terminal. */
#include <math.h>

#include "render.h"

static const char *const rag_names[] = {"", "green", "amber", "red"};
static const char *const dir_names[] = {"", "up", "down", "same"};
static const char *const judge_names[] = {"", "better", "worse"};
static const char *const chart_names[] = {"compare-bars", "dot-interval", "trend",
                                          "stacked"};
static const char *const sig_names[] = {"not-compared", "similar", "higher", "lower"};

static void put_number(FILE *out, double v, int decimals) {
    if (isnan(v))
        fputs("NA", out);
    else
        fprintf(out, "%.*f", decimals, v);
}

static void dump_table(const rpt_table *t, FILE *out) {
    fprintf(out, "  table: %s\n", t->caption ? t->caption : "");
    fputs("    |", out);
    for (size_t c = 0; c < t->ncols; c++) fprintf(out, " %s |", t->cols[c].header);
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        fputs(t->row_flags[r] & ROW_TOTAL ? "    =" : t->row_flags[r] & ROW_HEADING ? "    #" : "    |", out);
        size_t n = t->row_flags[r] & ROW_HEADING ? 1 : t->ncols;
        for (size_t c = 0; c < n; c++) fprintf(out, " %s |", t->cells[r * t->ncols + c].text);
        fputc('\n', out);
    }
    if (t->notes) fprintf(out, "    notes: %s\n", t->notes);
}

static void dump_chart(const rpt_chart *c, FILE *out) {
    fprintf(out, "  chart %s: %s\n", chart_names[c->kind], c->title);
    fprintf(out, "    description: %s\n", c->description ? c->description : "");
    fprintf(out, "    axis: %s [", c->axis_label ? c->axis_label : "");
    put_number(out, c->axis_min, c->decimals);
    fputs(", ", out);
    put_number(out, c->axis_max, c->decimals);
    fputs("] step ", out);
    put_number(out, c->axis_step, c->decimals);
    fputc('\n', out);
    if (!isnan(c->reference)) {
        fprintf(out, "    reference: %s = ", c->reference_label ? c->reference_label : "");
        put_number(out, c->reference, c->decimals);
        fputc('\n', out);
    }
    for (size_t s = 0; s < c->nseries; s++) {
        const rpt_series *se = &c->series[s];
        fprintf(out, "    series %s:", se->name ? se->name : "");
        for (size_t i = 0; i < c->ncategories; i++) {
            fprintf(out, " %s=", c->categories[i]);
            put_number(out, se->values[i], c->decimals);
            if (se->lower) {
                fputc('(', out);
                put_number(out, se->lower[i], c->decimals);
                fputc('-', out);
                put_number(out, se->upper[i], c->decimals);
                fputc(')', out);
            }
            if (c->sig && s == 0) fprintf(out, "[%s]", sig_names[c->sig[i]]);
        }
        fputc('\n', out);
    }
    if (c->notes) fprintf(out, "    notes: %s\n", c->notes);
}

void render_text(const rpt_doc *doc, FILE *out) {
    fprintf(out, "document: %s\n", doc->title ? doc->title : "");
    fprintf(out, "organisation: %s\n", doc->organisation ? doc->organisation : "");
    if (doc->unit) fprintf(out, "unit: %s\n", doc->unit);
    fprintf(out, "period: %s (%s)\n", doc->period ? doc->period : "",
            doc->period_long ? doc->period_long : "");
    if (doc->marking) fprintf(out, "marking: %s\n", doc->marking);
    if (doc->data_date) fprintf(out, "data: %s\n", doc->data_date);
    for (size_t i = 0; i < doc->nsections; i++) {
        const rpt_section *s = &doc->sections[i];
        fprintf(out, "\n%s %s [%s]\n", s->appendix ? "appendix" : "section", s->title, s->id);
        for (size_t j = 0; j < s->nblocks; j++) {
            const rpt_block *b = &s->blocks[j];
            switch (b->kind) {
            case BLOCK_HEADING:
                fprintf(out, "  h%d %s\n", b->u.heading.level, b->u.heading.text);
                break;
            case BLOCK_PARAGRAPH:
                fprintf(out, "  p %s\n", b->u.paragraph.text);
                break;
            case BLOCK_TILES:
                for (size_t k = 0; k < b->u.tiles.n; k++) {
                    const rpt_tile *t = &b->u.tiles.items[k];
                    fprintf(out, "  tile %s: %s", t->label, t->value);
                    if (t->rag) fprintf(out, " rag=%s", rag_names[t->rag]);
                    if (t->direction) fprintf(out, " dir=%s", dir_names[t->direction]);
                    if (t->judgement) fprintf(out, " (%s)", judge_names[t->judgement]);
                    if (t->detail) fprintf(out, "; %s", t->detail);
                    if (t->change) fprintf(out, "; %s", t->change);
                    fputc('\n', out);
                }
                break;
            case BLOCK_TABLE:
                dump_table(b->u.table, out);
                break;
            case BLOCK_CHART:
                dump_chart(b->u.chart, out);
                break;
            case BLOCK_LIST:
                for (size_t k = 0; k < b->u.list.n; k++)
                    fprintf(out, "  - %s\n", b->u.list.items[k]);
                break;
            case BLOCK_CALLOUT:
                fprintf(out, "  note %s: %s\n", b->u.callout.title, b->u.callout.text);
                break;
            case BLOCK_PAGEBREAK:
                fputs("  ---\n", out);
                break;
            }
        }
    }
}
