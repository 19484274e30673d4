/* pdf_table.c: tables in the PDF edition. Column widths come from the
 * column weights when they leave room for every number and word, else from
 * measuring. Prose wraps within its cell; a table too wide for its numbers
 * and words wraps its header text, then shrinks its font to 7.5 pt, and only
 * then splits words (a number last of all). Rows never split; the header
 * row (and the caption, marked "continued") repeats on every page. */
#include <math.h>
#include <string.h>

#include "pdf_internal.h"
#include "xalloc.h"

#define TBL_SIZE 9.0
#define TBL_MIN_SIZE 7.5
#define TBL_SIZE_STEP 0.5
#define TBL_PAD_X 4.0
#define TBL_PAD_TIGHT 2.5 /* for tables squeezed to the smallest size */
#define TBL_PAD_Y 3.0
#define TBL_LONG_WORD 0.3 /* share of the width above which a word is split */
#define TBL_FIRST_ROWS 3 /* rows kept on the page with the header */

static const pdf_rgb TINT_GREEN = {0.890f, 0.957f, 0.933f};
static const pdf_rgb TINT_AMBER = {0.992f, 0.941f, 0.835f};
static const pdf_rgb TINT_RED = {0.984f, 0.890f, 0.839f};
static const pdf_rgb TINT_HIGHER = {0.898f, 0.937f, 0.973f};
static const pdf_rgb TINT_LOWER = {0.961f, 0.914f, 0.945f};
static const pdf_rgb TINT_GROUP = {0.945f, 0.945f, 0.945f};

typedef struct tbl {
    const rpt_table *t;
    pdf_style reg, bold, head, caption, note;
    double *w;        /* column widths, owned */
    double *cell_w;   /* widest line of each cell (nrows * ncols), owned */
    double *head_w;   /* widest line of each header, owned */
    double *row_h;    /* row heights, owned */
    double pad;       /* horizontal cell padding */
    double head_h, caption_h, cont_h;
    int max_lines;    /* per cell, so that any row fits on a page */
} tbl;

typedef struct col_measure {
    double nat, word, hnat, hword; /* widest line and word: data, header */
} col_measure;

static int numeric(const rpt_column *c) { return c->align != ALIGN_LEFT; }

static const char *cell_text(pdf_ctx *ctx, const tbl *L, size_t r, size_t c) {
    return pdf_safe(ctx, rpt_table_cell(L->t, r, c)->text);
}

static const pdf_style *cell_style(const tbl *L, size_t r, size_t c) {
    int bold = (L->t->row_flags[r] & ROW_TOTAL) ||
               (rpt_table_cell(L->t, r, c)->flags & CELL_EMPHASIS);
    return bold ? &L->bold : &L->reg;
}

/* Widest '\n'-separated line and widest word of s. */
static void measure_text(const pdf_style *st, const char *s, double *line, double *word) {
    *line = *word = 0;
    double run = 0;
    const char *p = s;
    for (;;) {
        size_t n = strcspn(p, " \n");
        double w = pdf_width(st, p, n);
        if (w > *word) *word = w;
        run += w;
        if (p[n] == ' ') {
            run += pdf_width(st, " ", 1);
        } else {
            if (run > *line) *line = run;
            run = 0;
        }
        if (!p[n]) break;
        p += n + 1;
    }
}

static void set_size(pdf_ctx *ctx, tbl *L, double size) {
    L->reg = pdf_style_make(ctx->reg, size, PDF_INK);
    L->bold = pdf_style_make(ctx->bold, size, PDF_INK);
    L->reg.leading = L->bold.leading = size * 1.25;
    L->head = L->bold;
}

static void measure_columns(pdf_ctx *ctx, const tbl *L, col_measure *m) {
    const rpt_table *t = L->t;
    for (size_t c = 0; c < t->ncols; c++) {
        col_measure *cm = &m[c];
        memset(cm, 0, sizeof *cm);
        measure_text(&L->head, pdf_safe(ctx, t->cols[c].header), &cm->hnat, &cm->hword);
        L->head_w[c] = cm->hnat;
        for (size_t r = 0; r < t->nrows; r++) {
            L->cell_w[r * t->ncols + c] = 0;
            if (t->row_flags[r] & ROW_HEADING) continue;
            double line, word;
            measure_text(cell_style(L, r, c), cell_text(ctx, L, r, c), &line, &word);
            L->cell_w[r * t->ncols + c] = line;
            if (line > cm->nat) cm->nat = line;
            if (word > cm->word) cm->word = word;
        }
    }
}

static double sum(const double *v, size_t n) {
    double s = 0;
    for (size_t i = 0; i < n; i++) s += v[i];
    return s;
}

/* The least width of column c's data: numbers unwrapped, text down to its
 * longest word (a word longer than TBL_LONG_WORD of the width is split). */
static double data_min(const tbl *L, const col_measure *m, size_t c) {
    return numeric(&L->t->cols[c]) ? m[c].nat : fmin(m[c].word, PDF_TEXT_W * TBL_LONG_WORD);
}

static double head_min(const col_measure *m, size_t c) {
    return fmin(m[c].hword, PDF_TEXT_W * TBL_LONG_WORD);
}

/* Estimated height of the table in lines: per row, the most lines any
 * cell needs at widths w (the header row counts as a row). */
static double est_lines(const tbl *L, const double *w) {
    const rpt_table *t = L->t;
    size_t n = t->ncols;
    double total = 0, row = 1;
    for (size_t c = 0; c < n; c++) row = fmax(row, L->head_w[c] / (w[c] - 2 * L->pad));
    total += row;
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->row_flags[r] & ROW_HEADING) continue;
        row = 1;
        for (size_t c = 0; c < n; c++)
            row = fmax(row, L->cell_w[r * n + c] / (w[c] - 2 * L->pad));
        total += row;
    }
    return total;
}

/* Hands out the spare width in small steps, each to the column that most
 * shortens the table; what no column can use widens all evenly. */
static void share(const tbl *L, double *w, double avail) {
    size_t n = L->t->ncols;
    double spare = avail - sum(w, n), step = fmax(2.0, spare / 64);
    while (spare >= step) {
        double now = est_lines(L, w), best_gain = 1e-6;
        size_t best = n;
        for (size_t c = 0; c < n; c++) {
            w[c] += step;
            double gain = now - est_lines(L, w);
            w[c] -= step;
            if (gain > best_gain) best_gain = gain, best = c;
        }
        if (best == n) break;
        w[best] += step;
        spare -= step;
    }
    double total = sum(w, n);
    spare = avail - total;
    if (spare > 0 && total > 0)
        for (size_t c = 0; c < n; c++) w[c] += spare * w[c] / total;
}

/* Weighted widths, if every column has a weight and each gets room for its
 * numbers (unwrapped) and its longest word. */
static int weighted_widths(const tbl *L, const col_measure *m) {
    const rpt_table *t = L->t;
    double total = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!(t->cols[c].weight > 0)) return 0;
        total += t->cols[c].weight;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        L->w[c] = PDF_TEXT_W * t->cols[c].weight / total;
        if (L->w[c] < fmax(data_min(L, m, c), head_min(m, c)) + 2 * L->pad) return 0;
    }
    return 1;
}

/* At the smallest size, when even whole words do not fit: tighter padding,
 * a regular-weight header if that saves splitting its words, and spare width
 * to the columns whose header words are nearest to fitting, so that as few
 * as possible are split. Numbers keep their width whenever they can. */
static void squeeze(pdf_ctx *ctx, tbl *L, col_measure *m) {
    size_t n = L->t->ncols;
    const double avail = PDF_TEXT_W;
    L->pad = TBL_PAD_TIGHT;
    double pad = 2 * L->pad, *deficit = xcalloc(n, sizeof *deficit);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t c = 0; c < n; c++) {
            L->w[c] = data_min(L, m, c) + pad;
            deficit[c] = fmax(0, head_min(m, c) + pad - L->w[c]);
        }
        if (pass || sum(L->w, n) + sum(deficit, n) <= avail) break;
        /* The shading and rules still mark the header out. */
        L->head = L->reg;
        measure_columns(ctx, L, m);
    }
    double total = sum(L->w, n);
    if (total > avail) {
        for (size_t c = 0; c < n; c++) L->w[c] *= avail / total; /* unavoidable splits */
    } else {
        double spare = avail - total;
        for (;;) {
            size_t best = n;
            for (size_t c = 0; c < n; c++)
                if (deficit[c] > 0 && deficit[c] <= spare &&
                    (best == n || deficit[c] < deficit[best]))
                    best = c;
            if (best == n) break;
            L->w[best] += deficit[best];
            spare -= deficit[best];
            deficit[best] = 0;
        }
        /* What is left narrows the splits in the columns still short. */
        double short_by = sum(deficit, n);
        for (size_t c = 0; c < n && short_by > 0; c++)
            L->w[c] += fmin(spare, short_by) * deficit[c] / short_by;
    }
    free(deficit);
}

/* Prose wraps at spaces at any size; the font shrinks (to 7.5 pt) only
 * while numbers and whole words, header words included, cannot fit. */
static void choose_widths(pdf_ctx *ctx, tbl *L) {
    size_t n = L->t->ncols;
    const double avail = PDF_TEXT_W;
    col_measure *m = xcalloc(n, sizeof *m);
    int done = 0;
    L->pad = TBL_PAD_X;
    for (double size = TBL_SIZE; size >= TBL_MIN_SIZE - 0.01; size -= TBL_SIZE_STEP) {
        set_size(ctx, L, size);
        measure_columns(ctx, L, m);
        if (size == TBL_SIZE && weighted_widths(L, m)) goto out;
        for (size_t c = 0; c < n; c++)
            L->w[c] = fmax(data_min(L, m, c), head_min(m, c)) + 2 * L->pad;
        if (sum(L->w, n) <= avail) {
            done = 1;
            break;
        }
    }
    if (!done) squeeze(ctx, L, m);
    share(L, L->w, avail);
out:
    free(m);
}

static double cell_height(pdf_ctx *ctx, const tbl *L, size_t r, size_t c, double w) {
    return pdf_text_box(ctx, cell_style(L, r, c), 0, 0, w - 2 * L->pad, ALIGN_LEFT,
                        cell_text(ctx, L, r, c), L->max_lines, 0);
}

/* Caption text, with "(continued)" on later pages. */
static const char *caption_text(pdf_ctx *ctx, const tbl *L, int cont, strbuf *sb) {
    sb_clear(sb);
    sb_puts(sb, pdf_safe(ctx, L->t->caption));
    if (cont) sb_puts(sb, sb->len ? " (continued)" : "(continued)");
    return sb_str(sb);
}

static void tbl_layout(pdf_ctx *ctx, tbl *L, const rpt_table *t) {
    memset(L, 0, sizeof *L);
    L->t = t;
    L->w = xcalloc(t->ncols ? t->ncols : 1, sizeof *L->w);
    L->head_w = xcalloc(t->ncols ? t->ncols : 1, sizeof *L->head_w);
    L->cell_w = xcalloc(t->nrows * t->ncols + 1, sizeof *L->cell_w);
    L->row_h = xcalloc(t->nrows ? t->nrows : 1, sizeof *L->row_h);
    L->caption = pdf_style_make(ctx->bold, 9.5, PDF_INK);
    L->note = pdf_style_make(ctx->reg, 8.0, PDF_MUTED);
    strbuf sb = STRBUF_INIT;
    L->caption_h = pdf_text_box(ctx, &L->caption, 0, 0, PDF_TEXT_W, ALIGN_LEFT,
                                caption_text(ctx, L, 0, &sb), 0, 0) + 3;
    L->cont_h = pdf_text_box(ctx, &L->caption, 0, 0, PDF_TEXT_W, ALIGN_LEFT,
                             caption_text(ctx, L, 1, &sb), 0, 0) + 3;
    sb_free(&sb);
    if (!t->ncols) return;
    choose_widths(ctx, L);
    for (size_t c = 0; c < t->ncols; c++) {
        double h = pdf_text_box(ctx, &L->head, 0, 0, L->w[c] - 2 * L->pad, ALIGN_LEFT,
                                pdf_safe(ctx, t->cols[c].header), 0, 0);
        if (h > L->head_h) L->head_h = h;
    }
    L->head_h += 2 * TBL_PAD_Y;
    double room = PDF_BODY_H - L->cont_h - L->head_h - 2 * TBL_PAD_Y;
    L->max_lines = (int)(room / L->reg.leading);
    if (L->max_lines < 1) L->max_lines = 1;
    for (size_t r = 0; r < t->nrows; r++) {
        double h = 0;
        if (t->row_flags[r] & ROW_HEADING) {
            h = pdf_text_box(ctx, &L->bold, 0, 0, sum(L->w, t->ncols) - 2 * L->pad,
                             ALIGN_LEFT, cell_text(ctx, L, r, 0), L->max_lines, 0);
        } else {
            for (size_t c = 0; c < t->ncols; c++) {
                double ch = cell_height(ctx, L, r, c, L->w[c]);
                if (ch > h) h = ch;
            }
        }
        if (h < L->reg.leading) h = L->reg.leading;
        L->row_h[r] = h + 2 * TBL_PAD_Y;
    }
}

static void tbl_free(tbl *L) {
    free(L->w);
    free(L->head_w);
    free(L->cell_w);
    free(L->row_h);
}

static double first_rows_height(const tbl *L) {
    double h = L->caption_h + L->head_h;
    for (size_t r = 0; r < L->t->nrows && r < TBL_FIRST_ROWS; r++) h += L->row_h[r];
    return h;
}

double pdf_table_min_height(pdf_ctx *ctx, const rpt_table *t) {
    tbl L;
    tbl_layout(ctx, &L, t);
    double h = first_rows_height(&L);
    tbl_free(&L);
    return h;
}

static void draw_caption(pdf_ctx *ctx, const tbl *L, int cont) {
    strbuf sb = STRBUF_INIT;
    const char *text = caption_text(ctx, L, cont, &sb);
    if (*text) pdf_text_box(ctx, &L->caption, PDF_MARGIN, ctx->y, PDF_TEXT_W, ALIGN_LEFT,
                            text, 0, 1);
    sb_free(&sb);
    ctx->y -= cont ? L->cont_h : L->caption_h;
}

static void draw_header(pdf_ctx *ctx, const tbl *L) {
    const rpt_table *t = L->t;
    double width = sum(L->w, t->ncols), x = PDF_MARGIN, top = ctx->y;
    pdf_fill_rect(ctx, PDF_MARGIN, top - L->head_h, width, L->head_h, PDF_SHADE);
    pdf_rule(ctx, PDF_MARGIN, top, PDF_MARGIN + width, top, 0.9, PDF_NAVY);
    pdf_rule(ctx, PDF_MARGIN, top - L->head_h, PDF_MARGIN + width, top - L->head_h, 0.9,
             PDF_NAVY);
    for (size_t c = 0; c < t->ncols; c++) {
        pdf_text_box(ctx, &L->head, x + L->pad, top - TBL_PAD_Y, L->w[c] - 2 * L->pad,
                     t->cols[c].align, pdf_safe(ctx, t->cols[c].header), 0, 1);
        x += L->w[c];
    }
    ctx->y -= L->head_h;
}

static int tint(unsigned flags, pdf_rgb *color) {
    if (flags & CELL_RAG_RED) *color = TINT_RED;
    else if (flags & CELL_RAG_AMBER) *color = TINT_AMBER;
    else if (flags & CELL_RAG_GREEN) *color = TINT_GREEN;
    else if (flags & CELL_HIGHER) *color = TINT_HIGHER;
    else if (flags & CELL_LOWER) *color = TINT_LOWER;
    else return 0;
    return 1;
}

static void draw_row(pdf_ctx *ctx, const tbl *L, size_t r) {
    const rpt_table *t = L->t;
    double width = sum(L->w, t->ncols), top = ctx->y, h = L->row_h[r];
    unsigned flags = t->row_flags[r];
    double x = PDF_MARGIN;
    if (flags & ROW_HEADING) {
        pdf_fill_rect(ctx, x, top - h, width, h, TINT_GROUP);
        pdf_text_box(ctx, &L->bold, x + L->pad, top - TBL_PAD_Y, width - 2 * L->pad,
                     ALIGN_LEFT, cell_text(ctx, L, r, 0), L->max_lines, 1);
    } else {
        for (size_t c = 0; c < t->ncols; c++) {
            pdf_rgb color;
            if (tint(rpt_table_cell(t, r, c)->flags, &color))
                pdf_fill_rect(ctx, x, top - h, L->w[c], h, color);
            pdf_text_box(ctx, cell_style(L, r, c), x + L->pad, top - TBL_PAD_Y,
                         L->w[c] - 2 * L->pad, t->cols[c].align,
                         cell_text(ctx, L, r, c), L->max_lines, 1);
            x += L->w[c];
        }
    }
    if (flags & ROW_TOTAL)
        pdf_rule(ctx, PDF_MARGIN, top, PDF_MARGIN + width, top, 0.9, PDF_INK);
    pdf_rule(ctx, PDF_MARGIN, top - h, PDF_MARGIN + width, top - h,
             r + 1 == t->nrows ? 0.9 : 0.3, r + 1 == t->nrows ? PDF_NAVY : PDF_RULE);
    ctx->y -= h;
}

void pdf_table(pdf_ctx *ctx, const rpt_table *t) {
    tbl L;
    tbl_layout(ctx, &L, t);
    pdf_need(ctx, first_rows_height(&L));
    draw_caption(ctx, &L, 0);
    const char *notes = t->notes && *t->notes ? pdf_safe(ctx, t->notes) : NULL;
    double notes_h = notes ? pdf_text_box(ctx, &L.note, 0, 0, PDF_TEXT_W, ALIGN_LEFT, notes, 0, 0) : 0;
    if (t->ncols) {
        draw_header(ctx, &L);
        int fresh = 1; /* no row yet under this page's header */
        for (size_t r = 0; r < t->nrows; r++) {
            double need = L.row_h[r];
            /* A group label stays with its first row. No continuation of a
             * single row: the last two rows go together, and with the notes. */
            if ((t->row_flags[r] & ROW_HEADING) && r + 1 < t->nrows) need += L.row_h[r + 1];
            double tail = notes && notes_h + 4 < PDF_BODY_H / 3 ? 4 + notes_h : 0;
            if (r + 1 == t->nrows) need += tail;
            if (r + 2 == t->nrows) need += L.row_h[r + 1] + tail;
            if (!fresh && ctx->y - need < PDF_BODY_BOTTOM - 0.01) {
                pdf_new_page(ctx);
                draw_caption(ctx, &L, 1);
                draw_header(ctx, &L);
            }
            draw_row(ctx, &L, r);
            fresh = 0;
        }
    }
    if (notes) {
        ctx->y -= 4;
        pdf_need(ctx, notes_h);
        pdf_text_box(ctx, &L.note, PDF_MARGIN, ctx->y, PDF_TEXT_W, ALIGN_LEFT, notes, 0, 1);
        ctx->y -= notes_h;
    }
    ctx->y -= PDF_PARA_GAP + 5;
    tbl_free(&L);
}
