/* pdf_blocks.c: the PDF renderer's text blocks: headings, paragraphs, lists,
 * callouts and headline tiles. Tables and charts have their own files. */
#include <stdio.h>
#include <string.h>

#include "pdf_internal.h"

/* ---- headings ---------------------------------------------------------- */

static pdf_style heading_style(const pdf_ctx *ctx, int level) {
    pdf_style st = pdf_style_make(ctx->bold, level <= 2 ? PDF_H2_SIZE : PDF_H3_SIZE,
                                  level <= 2 ? PDF_NAVY : PDF_INK);
    st.leading = st.size * 1.2;
    return st;
}

static double heading_space_before(int level) { return level <= 2 ? 14.0 : 9.0; }
static double heading_space_after(int level) { return level <= 2 ? 6.0 : 4.0; }

static double heading_height(pdf_ctx *ctx, const rpt_block *b) {
    int level = b->u.heading.level;
    pdf_style st = heading_style(ctx, level);
    return pdf_text_box(ctx, &st, 0, 0, PDF_TEXT_W, ALIGN_LEFT,
                        pdf_safe(ctx, b->u.heading.text), 0, 0) +
           heading_space_after(level);
}

/* A heading stays with the start of what follows it: the headings under it
 * (a key question and its first statement), one introductory paragraph, and
 * the first block of content after them. */
static void heading(pdf_ctx *ctx, const rpt_block *b, size_t nafter) {
    int level = b->u.heading.level;
    pdf_style st = heading_style(ctx, level);
    const char *text = pdf_safe(ctx, b->u.heading.text);
    double h = heading_height(ctx, b);
    double before = pdf_at_top(ctx) ? 0 : heading_space_before(level);
    double need = before + h;
    int intro_seen = 0;
    for (size_t i = 1; i <= nafter; i++) {
        need += pdf_block_min_height(ctx, b + i);
        /* Through headings and one introductory paragraph, to the first
         * block of content. */
        int intro = b[i].kind == BLOCK_PARAGRAPH && !intro_seen && i < nafter;
        intro_seen |= intro;
        if (b[i].kind != BLOCK_HEADING && !intro) break;
    }
    if (need > PDF_BODY_H) need = PDF_BODY_H;
    pdf_need(ctx, need);
    if (!pdf_at_top(ctx)) ctx->y -= heading_space_before(level);
    if (level == 2 && ctx->toc_next < ctx->ntoc) {
        pdf_toc *e = &ctx->toc[ctx->toc_next++];
        e->page = ctx->npages - 1;
        e->top = ctx->y;
    }
    pdf_text_box(ctx, &st, PDF_MARGIN, ctx->y, PDF_TEXT_W, ALIGN_LEFT, text, 0, 1);
    ctx->y -= h;
}

/* ---- paragraphs and lists ---------------------------------------------- */

static pdf_style body_style(const pdf_ctx *ctx) {
    return pdf_style_make(ctx->reg, PDF_BODY_SIZE, PDF_INK);
}

/* Draws wrapped lines at x, breaking pages between lines. The first two
 * lines stay together, and a page never ends with all but the last line. */
static void flow_lines(pdf_ctx *ctx, const pdf_style *st, double x, const char *s,
                       const pdf_lines *lines, void (*first)(pdf_ctx *, double, void *),
                       void *arg) {
    size_t n = lines->n;
    pdf_need(ctx, (double)(n < 2 ? n : 2) * st->leading);
    size_t i = 0;
    while (i < n) {
        size_t room = (size_t)((ctx->y - PDF_BODY_BOTTOM + 0.01) / st->leading);
        if (room == 0) {
            pdf_new_page(ctx);
            continue;
        }
        size_t take = n - i < room ? n - i : room;
        if (i + take + 1 == n && take >= 3) take--; /* no widow */
        for (size_t k = 0; k < take; k++, i++) {
            if (i == 0 && first) first(ctx, ctx->y, arg);
            const pdf_line *ln = &lines->v[i];
            pdf_show_line(ctx, st, x, pdf_baseline(st, ctx->y), s, ln);
            ctx->y -= st->leading;
        }
        if (i < n) pdf_new_page(ctx);
    }
}

static void paragraph(pdf_ctx *ctx, const char *text) {
    pdf_style st = body_style(ctx);
    const char *s = pdf_safe(ctx, text);
    pdf_lines lines = {0};
    pdf_wrap(&st, s, PDF_TEXT_W, &lines);
    flow_lines(ctx, &st, PDF_MARGIN, s, &lines, NULL, NULL);
    pdf_lines_free(&lines);
    ctx->y -= PDF_PARA_GAP;
}

#define LIST_INDENT 22.0

typedef struct list_marker {
    const pdf_style *st;
    char label[24];
} list_marker;

static void draw_list_marker(pdf_ctx *ctx, double top, void *arg) {
    const list_marker *m = arg;
    pdf_show_fit(ctx, m->st, PDF_MARGIN, LIST_INDENT - 6, pdf_baseline(m->st, top),
                 ALIGN_RIGHT, m->label);
}

static void list(pdf_ctx *ctx, const rpt_block *b) {
    pdf_style st = body_style(ctx);
    pdf_lines lines = {0};
    for (size_t i = 0; i < b->u.list.n; i++) {
        const char *s = pdf_safe(ctx, b->u.list.items[i]);
        list_marker m = {&st, ""};
        if (b->u.list.ordered)
            snprintf(m.label, sizeof m.label, "%zu.", i + 1);
        else
            strcpy(m.label, "\xE2\x80\xA2"); /* U+2022 bullet */
        pdf_wrap(&st, s, PDF_TEXT_W - LIST_INDENT, &lines);
        flow_lines(ctx, &st, PDF_MARGIN + LIST_INDENT, s, &lines, draw_list_marker, &m);
        ctx->y -= 3;
    }
    pdf_lines_free(&lines);
    ctx->y -= PDF_PARA_GAP - 3;
}

/* ---- callouts ---------------------------------------------------------- */

#define CALLOUT_PAD 9.0
#define CALLOUT_BAR 4.0

/* Height of the callout box; draws it with its top at top when draw. */
static double callout_box(pdf_ctx *ctx, const rpt_block *b, double top, int draw) {
    pdf_style ts = pdf_style_make(ctx->bold, PDF_BODY_SIZE, PDF_NAVY);
    pdf_style bs = body_style(ctx);
    const char *title = pdf_safe(ctx, b->u.callout.title);
    const char *text = pdf_safe(ctx, b->u.callout.text);
    double x = PDF_MARGIN + CALLOUT_BAR + CALLOUT_PAD;
    double w = PDF_TEXT_W - CALLOUT_BAR - 2 * CALLOUT_PAD;
    double th = *title ? pdf_text_box(ctx, &ts, x, 0, w, ALIGN_LEFT, title, 0, 0) + 2 : 0;
    double bh = *text ? pdf_text_box(ctx, &bs, x, 0, w, ALIGN_LEFT, text, 0, 0) : 0;
    double h = 2 * CALLOUT_PAD + th + bh;
    if (draw) {
        pdf_fill_rect(ctx, PDF_MARGIN, top - h, PDF_TEXT_W, h, PDF_SHADE);
        pdf_stroke_rect(ctx, PDF_MARGIN, top - h, PDF_TEXT_W, h, 0.5, PDF_SKY);
        pdf_fill_rect(ctx, PDF_MARGIN, top - h, CALLOUT_BAR, h, PDF_BLUE);
        double y = top - CALLOUT_PAD;
        if (*title) pdf_text_box(ctx, &ts, x, y, w, ALIGN_LEFT, title, 0, 1);
        if (*text) pdf_text_box(ctx, &bs, x, y - th, w, ALIGN_LEFT, text, 0, 1);
    }
    return h;
}

static void callout(pdf_ctx *ctx, const rpt_block *b) {
    double h = callout_box(ctx, b, 0, 0);
    if (h > PDF_BODY_H) {
        /* Too long for a box on one page: flow it as a titled paragraph. */
        pdf_style ts = pdf_style_make(ctx->bold, PDF_BODY_SIZE, PDF_NAVY);
        const char *title = pdf_safe(ctx, b->u.callout.title);
        pdf_need(ctx, ts.leading * 3);
        ctx->y -= pdf_text_box(ctx, &ts, PDF_MARGIN, ctx->y, PDF_TEXT_W, ALIGN_LEFT,
                               title, 0, 1);
        paragraph(ctx, b->u.callout.text);
        return;
    }
    pdf_need(ctx, h);
    callout_box(ctx, b, ctx->y, 1);
    ctx->y -= h + PDF_PARA_GAP + 3;
}

/* ---- tiles ------------------------------------------------------------- */

#define TILE_GAP 10.0
#define TILE_PAD 8.0
#define TILE_BAND 5.0
#define TILE_VALUE_SIZE 20.0
#define TILE_MARK_R 4.5

static const char *const RAG_WORD[] = {"", "Green", "Amber", "Red"};

/* RAG: colour, shape and word together, so no meaning rests on colour. */
static pdf_rgb rag_color(rpt_rag rag) {
    switch (rag) {
    case RAG_GREEN: return PDF_GREEN;
    case RAG_AMBER: return PDF_ORANGE;
    case RAG_RED: return PDF_VERMILLION;
    case RAG_NONE: break;
    }
    return PDF_GRID;
}

static pdf_shape rag_shape(rpt_rag rag) {
    return rag == RAG_GREEN ? PDF_SHAPE_CIRCLE
           : rag == RAG_AMBER ? PDF_SHAPE_DIAMOND
                              : PDF_SHAPE_SQUARE;
}

static size_t tile_columns(size_t n) { return n == 4 ? 2 : n < 3 ? (n ? n : 1) : 3; }

typedef struct tile_fonts {
    pdf_style label, value, badge, detail, change;
} tile_fonts;

static tile_fonts tile_styles(const pdf_ctx *ctx) {
    tile_fonts f;
    f.label = pdf_style_make(ctx->bold, 9.5, PDF_INK);
    f.value = pdf_style_make(ctx->bold, TILE_VALUE_SIZE, PDF_INK);
    f.value.leading = TILE_VALUE_SIZE * 1.2;
    f.badge = pdf_style_make(ctx->bold, 9.0, PDF_INK);
    f.detail = pdf_style_make(ctx->reg, PDF_SMALL_SIZE, PDF_MUTED);
    f.change = pdf_style_make(ctx->reg, PDF_SMALL_SIZE, PDF_INK);
    return f;
}

/* The change line; made up from direction and judgement when absent. */
static const char *tile_change(pdf_ctx *ctx, const rpt_tile *t, char *buf, size_t cap) {
    if (t->change) return pdf_safe(ctx, t->change);
    if (t->direction == DIR_NONE) return "";
    static const char *const dir[] = {"", "Up", "Down", "No change"};
    static const char *const judge[] = {"", " (better)", " (worse)"};
    snprintf(buf, cap, "%s%s", dir[t->direction], judge[t->judgement]);
    return buf;
}

static double badge_width(const tile_fonts *f, rpt_rag rag) {
    return rag == RAG_NONE ? 0 : 2 * TILE_MARK_R + 5 + pdf_strwidth(&f->badge, RAG_WORD[rag]);
}

/* Lays out one tile at (x, top) of width w; draws when draw. Returns the
 * height of its content. */
static double tile_body(pdf_ctx *ctx, const rpt_tile *t, double x, double top,
                        double w, int draw) {
    tile_fonts f = tile_styles(ctx);
    double iw = w - 2 * TILE_PAD, ix = x + TILE_PAD;
    double y = top - TILE_BAND - TILE_PAD;
    y -= pdf_text_box(ctx, &f.label, ix, y, iw, ALIGN_LEFT, pdf_safe(ctx, t->label), 3, draw);
    y -= 2;
    const char *value = pdf_safe(ctx, t->value);
    double bw = badge_width(&f, t->rag);
    double vw = pdf_strwidth(&f.value, value);
    int badge_beside = vw + bw + 10 <= iw;
    double vbase = pdf_baseline(&f.value, y);
    if (draw) pdf_show_fit(ctx, &f.value, ix, badge_beside ? iw - bw - 10 : iw, vbase,
                           ALIGN_LEFT, value);
    y -= f.value.leading;
    if (t->rag != RAG_NONE) {
        double bx = badge_beside ? ix + iw - bw : ix;
        double bbase = badge_beside ? vbase : pdf_baseline(&f.badge, y);
        if (draw) {
            pdf_marker(ctx, rag_shape(t->rag), bx + TILE_MARK_R,
                       bbase + 0.36 * f.badge.size, TILE_MARK_R, rag_color(t->rag),
                       PDF_INK, 0);
            pdf_show(ctx, &f.badge, bx + 2 * TILE_MARK_R + 5, bbase, RAG_WORD[t->rag],
                     strlen(RAG_WORD[t->rag]));
        }
        if (!badge_beside) y -= f.badge.leading;
    }
    y -= 3;
    if (t->detail) {
        y -= pdf_text_box(ctx, &f.detail, ix, y, iw, ALIGN_LEFT, pdf_safe(ctx, t->detail),
                          3, draw);
        y -= 2;
    }
    char buf[64];
    const char *change = tile_change(ctx, t, buf, sizeof buf);
    if (*change) {
        double indent = t->direction != DIR_NONE ? 12.0 : 0;
        if (draw && t->direction != DIR_NONE) {
            static const pdf_shape arrow[] = {PDF_SHAPE_CIRCLE, PDF_SHAPE_TRIANGLE_UP,
                                              PDF_SHAPE_TRIANGLE_DOWN,
                                              PDF_SHAPE_TRIANGLE_RIGHT};
            pdf_rgb c = t->judgement == JUDGE_BETTER  ? PDF_GREEN
                        : t->judgement == JUDGE_WORSE ? PDF_VERMILLION
                                                      : PDF_MUTED;
            double cy = pdf_baseline(&f.change, y) + 0.33 * f.change.size;
            pdf_marker(ctx, arrow[t->direction], ix + 4, cy, 3.2, c, PDF_INK, 0);
        }
        y -= pdf_text_box(ctx, &f.change, ix + indent, y, iw - indent, ALIGN_LEFT, change,
                          4, draw);
    }
    return top - y + TILE_PAD;
}

static void tiles(pdf_ctx *ctx, const rpt_block *b, int measure_first_row, double *first_h) {
    size_t n = b->u.tiles.n, cols = tile_columns(n);
    double w = (PDF_TEXT_W - (double)(cols - 1) * TILE_GAP) / (double)cols;
    for (size_t r = 0; r < n; r += cols) {
        size_t end = r + cols < n ? r + cols : n;
        double h = 0;
        for (size_t i = r; i < end; i++) {
            double th = tile_body(ctx, &b->u.tiles.items[i], 0, 0, w, 0);
            if (th > h) h = th;
        }
        if (measure_first_row) {
            *first_h = h;
            return;
        }
        pdf_need(ctx, h);
        for (size_t i = r; i < end; i++) {
            const rpt_tile *t = &b->u.tiles.items[i];
            double x = PDF_MARGIN + (double)(i - r) * (w + TILE_GAP);
            pdf_stroke_rect(ctx, x, ctx->y - h, w, h, 0.6, PDF_RULE);
            pdf_fill_rect(ctx, x, ctx->y - TILE_BAND, w, TILE_BAND, rag_color(t->rag));
            tile_body(ctx, t, x, ctx->y, w, 1);
        }
        ctx->y -= h + TILE_GAP;
    }
    ctx->y -= PDF_PARA_GAP - TILE_GAP + 4;
}

/* ---- dispatch ---------------------------------------------------------- */

double pdf_block_min_height(pdf_ctx *ctx, const rpt_block *b) {
    pdf_style st = body_style(ctx);
    double h = 0;
    switch (b->kind) {
    case BLOCK_HEADING:
        return heading_height(ctx, b) + heading_space_before(b->u.heading.level);
    case BLOCK_PARAGRAPH:
        h = pdf_text_box(ctx, &st, 0, 0, PDF_TEXT_W, ALIGN_LEFT,
                         pdf_safe(ctx, b->u.paragraph.text), 2, 0);
        return h;
    case BLOCK_LIST:
        if (b->u.list.n == 0) return 0;
        return pdf_text_box(ctx, &st, 0, 0, PDF_TEXT_W - LIST_INDENT, ALIGN_LEFT,
                            pdf_safe(ctx, b->u.list.items[0]), 2, 0);
    case BLOCK_CALLOUT:
        return callout_box(ctx, b, 0, 0);
    case BLOCK_TILES:
        tiles(ctx, b, 1, &h);
        return h;
    case BLOCK_TABLE:
        return pdf_table_min_height(ctx, b->u.table);
    case BLOCK_CHART:
        return pdf_chart_height(ctx, b->u.chart);
    case BLOCK_PAGEBREAK:
        break;
    }
    return 0;
}

void pdf_block(pdf_ctx *ctx, const rpt_block *b, size_t nafter) {
    double unused = 0;
    switch (b->kind) {
    case BLOCK_HEADING:
        heading(ctx, b, nafter);
        break;
    case BLOCK_PARAGRAPH:
        if (b->u.paragraph.lead_in && nafter) { /* with the start of what it introduces */
            double need = pdf_block_min_height(ctx, b) + PDF_PARA_GAP + pdf_block_min_height(ctx, b + 1);
            if (need < PDF_BODY_H / 2) pdf_need(ctx, need);
        }
        paragraph(ctx, b->u.paragraph.text);
        break;
    case BLOCK_LIST:
        list(ctx, b);
        break;
    case BLOCK_CALLOUT:
        callout(ctx, b);
        break;
    case BLOCK_TILES:
        tiles(ctx, b, 0, &unused);
        break;
    case BLOCK_TABLE:
        pdf_table(ctx, b->u.table);
        break;
    case BLOCK_CHART:
        pdf_chart(ctx, b->u.chart);
        break;
    case BLOCK_PAGEBREAK:
        if (!pdf_at_top(ctx)) pdf_new_page(ctx);
        break;
    }
}
