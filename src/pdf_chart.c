/* pdf_chart.c: vector charts in the PDF edition. Each kind is one function
 * that lays out and, when asked, draws: called once to measure (the chart
 * never splits across pages) and once to draw, so the two cannot disagree.
 * Meaning never rests on colour: series differ by fill pattern, marker shape
 * or dash, and every chart has a scale, labels and, when needed, a legend. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "pdf_internal.h"
#include "xalloc.h"

#define CH_LABEL_SHARE 0.32 /* widest category label column, share of width */
#define CH_GAP 8.0          /* between label column and plot */
#define CH_ROW_GAP 6.0
#define CH_TREND_H 170.0
#define CH_SWATCH 18.0
#define CH_RESERVE_MAX 0.2 /* most width kept for value or tick labels */

typedef struct chart_styles {
    pdf_style title, label, tick, axis, value, note;
} chart_styles;

static chart_styles styles(const pdf_ctx *ctx) {
    chart_styles s;
    s.title = pdf_style_make(ctx->bold, PDF_BODY_SIZE, PDF_INK);
    s.label = pdf_style_make(ctx->reg, PDF_SMALL_SIZE, PDF_INK);
    s.label.leading = PDF_SMALL_SIZE * 1.2;
    s.tick = pdf_style_make(ctx->reg, 8.0, PDF_MUTED);
    s.axis = pdf_style_make(ctx->reg, PDF_SMALL_SIZE, PDF_MUTED);
    s.value = pdf_style_make(ctx->reg, 8.0, PDF_INK);
    s.value.leading = 8.0 * 1.2;
    s.note = pdf_style_make(ctx->reg, 8.0, PDF_MUTED);
    return s;
}

/* ---- scale ------------------------------------------------------------- */

/* The tree's scale (report.h) with its unit in the font's characters. */
static rpt_axis chart_axis(pdf_ctx *ctx, const rpt_chart *c) {
    rpt_axis a = rpt_chart_axis(c);
    a.suffix = pdf_safe(ctx, c->unit_suffix);
    return a;
}

/* Formats v with the chart's decimals and unit, a true minus sign, no -0;
 * an absurdly long result is cut on a character boundary. */
static void fmt_num(char *buf, size_t cap, double v, int decimals, const char *suffix) {
    fmt_chart_value(v, decimals, suffix, buf, cap);
    if (strlen(buf) + 1 < cap) return; /* else a cut suffix may end mid-character */
    size_t len = strlen(buf), k = len;
    while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80) k--;
    unsigned char lead = k > 0 ? (unsigned char)buf[k - 1] : 0;
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (k > 0 && len - (k - 1) < need) buf[k - 1] = '\0';
}

static double pos(const rpt_axis *a, double x0, double w, double v) {
    double t = (v - a->min) / (a->max - a->min);
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    return x0 + t * w;
}

static double widest_tick(const chart_styles *S, const rpt_axis *a) {
    double w = 0;
    char buf[64];
    for (size_t i = 0; i < rpt_axis_ticks(a); i++) {
        fmt_num(buf, sizeof buf, rpt_axis_tick(a, i), a->decimals, a->suffix);
        w = fmax(w, pdf_strwidth(&S->tick, buf));
    }
    return w;
}

/* Every k-th tick is labelled so that labels never touch. */
static size_t tick_every(double spacing, double label_w) {
    size_t k = 1;
    while (spacing * (double)k < label_w + 6 && k < 50) k++;
    return k;
}

/* ---- fills and patterns ------------------------------------------------ */

typedef enum pattern {
    PAT_NONE, PAT_FWD, PAT_BACK, PAT_DOTS, PAT_HORIZ, PAT_CROSS, PAT_VERT
} pattern;

typedef struct fill_style {
    pdf_rgb fill, ink; /* ink draws the pattern and the outline */
    pattern pat;
    int outline;
} fill_style;

static const fill_style COMPARE_FILLS[] = {
    {{0.000f, 0.447f, 0.698f}, {0.000f, 0.447f, 0.698f}, PAT_NONE, 0},
    {{0.780f, 0.890f, 0.965f}, {0.000f, 0.447f, 0.698f}, PAT_FWD, 1},
    {{0.835f, 0.369f, 0.000f}, {0.835f, 0.369f, 0.000f}, PAT_NONE, 0},
    {{0.992f, 0.894f, 0.800f}, {0.600f, 0.260f, 0.000f}, PAT_BACK, 1},
};

static const fill_style STACK_FILLS[] = {
    {{0.000f, 0.447f, 0.698f}, {0.000f, 0.447f, 0.698f}, PAT_NONE, 0},
    {{0.902f, 0.624f, 0.000f}, {0.560f, 0.380f, 0.000f}, PAT_FWD, 0},
    {{0.000f, 0.620f, 0.451f}, {0.000f, 0.330f, 0.240f}, PAT_BACK, 0},
    {{0.800f, 0.475f, 0.655f}, {0.450f, 0.200f, 0.350f}, PAT_DOTS, 0},
    {{0.337f, 0.706f, 0.914f}, {0.100f, 0.350f, 0.520f}, PAT_HORIZ, 0},
    {{0.941f, 0.894f, 0.259f}, {0.500f, 0.470f, 0.000f}, PAT_CROSS, 0},
    {{0.835f, 0.369f, 0.000f}, {0.450f, 0.190f, 0.000f}, PAT_VERT, 0},
    {{0.750f, 0.750f, 0.750f}, {0.350f, 0.350f, 0.350f}, PAT_NONE, 0},
};

#define NFILLS(a) (sizeof(a) / sizeof *(a))

/* Stroking with no path open is an error in libharu, so count segments. */
static void pattern_lines(HPDF_Page p, pattern pat, double x, double y, double w, double h) {
    const double step = 3.5;
    int any = 0;
    if (pat == PAT_FWD || pat == PAT_CROSS)
        for (double t = -h; t < w; t += step) {
            HPDF_Page_MoveTo(p, (HPDF_REAL)(x + t), (HPDF_REAL)y);
            HPDF_Page_LineTo(p, (HPDF_REAL)(x + t + h), (HPDF_REAL)(y + h));
            any = 1;
        }
    if (pat == PAT_BACK || pat == PAT_CROSS)
        for (double t = -h; t < w; t += step) {
            HPDF_Page_MoveTo(p, (HPDF_REAL)(x + t), (HPDF_REAL)(y + h));
            HPDF_Page_LineTo(p, (HPDF_REAL)(x + t + h), (HPDF_REAL)y);
            any = 1;
        }
    if (pat == PAT_HORIZ)
        for (double t = step / 2; t < h; t += step) {
            HPDF_Page_MoveTo(p, (HPDF_REAL)x, (HPDF_REAL)(y + t));
            HPDF_Page_LineTo(p, (HPDF_REAL)(x + w), (HPDF_REAL)(y + t));
            any = 1;
        }
    if (pat == PAT_VERT)
        for (double t = step / 2; t < w; t += step) {
            HPDF_Page_MoveTo(p, (HPDF_REAL)(x + t), (HPDF_REAL)y);
            HPDF_Page_LineTo(p, (HPDF_REAL)(x + t), (HPDF_REAL)(y + h));
            any = 1;
        }
    if (any) HPDF_Page_Stroke(p);
}

/* A box in a fill style; the pattern is clipped to the box. */
static void fill_box(pdf_ctx *ctx, const fill_style *fs, double x, double y, double w, double h) {
    if (w <= 0.05 || h <= 0.05) return;
    HPDF_Page p = ctx->page;
    pdf_fill_rect(ctx, x, y, w, h, fs->fill);
    if (fs->pat != PAT_NONE) {
        HPDF_Page_GSave(p);
        HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
        HPDF_Page_Clip(p);
        HPDF_Page_EndPath(p);
        HPDF_Page_SetRGBStroke(p, fs->ink.r, fs->ink.g, fs->ink.b);
        HPDF_Page_SetRGBFill(p, fs->ink.r, fs->ink.g, fs->ink.b);
        HPDF_Page_SetLineWidth(p, 0.7f);
        if (fs->pat == PAT_DOTS) {
            int any = 0;
            for (double v = 1.75, row = 0; v < h + 1; v += 3.5, row++)
                for (double u = fmod(row, 2) ? 3.5 : 1.75; u < w + 1; u += 3.5, any = 1)
                    HPDF_Page_Circle(p, (HPDF_REAL)(x + u), (HPDF_REAL)(y + v), 0.8f);
            if (any) HPDF_Page_Fill(p);
        } else {
            pattern_lines(p, fs->pat, x, y, w, h);
        }
        HPDF_Page_GRestore(p);
    }
    if (fs->outline) pdf_stroke_rect(ctx, x, y, w, h, 0.7, fs->ink);
}

/* WCAG relative luminance, to pick white or ink text on a fill. */
static double luminance(pdf_rgb c) {
    double v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static pdf_rgb text_on(pdf_rgb bg) {
    double l = luminance(bg);
    double on_white = 1.05 / (l + 0.05), on_ink = (l + 0.05) / (luminance(PDF_INK) + 0.05);
    return on_white > on_ink ? PDF_WHITE : PDF_INK;
}

/* ---- series styles for lines ------------------------------------------- */

static const pdf_rgb *series_color(size_t s) {
    static const pdf_rgb *const colors[] = {&PDF_BLUE, &PDF_VERMILLION, &PDF_GREEN,
                                            &PDF_PURPLE, &PDF_ORANGE, &PDF_SKY};
    return colors[s % 6];
}

static pdf_shape series_shape(size_t s) {
    static const pdf_shape shapes[] = {PDF_SHAPE_CIRCLE, PDF_SHAPE_SQUARE,
                                       PDF_SHAPE_TRIANGLE_UP, PDF_SHAPE_DIAMOND,
                                       PDF_SHAPE_TRIANGLE_DOWN};
    return shapes[s % 5];
}

#define DASH_REFERENCE (-1)

static void set_dash(HPDF_Page p, int style) {
    static const HPDF_UINT16 d1[] = {6, 3}, d2[] = {2, 2}, d3[] = {8, 3, 2, 3}, ref[] = {4, 3};
    if (style == DASH_REFERENCE) HPDF_Page_SetDash(p, ref, 2, 0);
    else if (style % 4 == 1) HPDF_Page_SetDash(p, d1, 2, 0);
    else if (style % 4 == 2) HPDF_Page_SetDash(p, d2, 2, 0);
    else if (style % 4 == 3) HPDF_Page_SetDash(p, d3, 4, 0);
    else HPDF_Page_SetDash(p, NULL, 0, 0);
}

static void dashed_line(pdf_ctx *ctx, double x0, double y0, double x1, double y1, double lw,
                        pdf_rgb color, int style) {
    HPDF_Page p = ctx->page;
    set_dash(p, style);
    pdf_rule(ctx, x0, y0, x1, y1, lw, color);
    HPDF_Page_SetDash(p, NULL, 0, 0);
}

/* ---- legend ------------------------------------------------------------ */

typedef enum leg_kind { LEG_FILL, LEG_MARKER, LEG_LINE, LEG_INTERVAL } leg_kind;

typedef struct leg_item {
    leg_kind kind;
    const fill_style *fill; /* LEG_FILL */
    pdf_shape shape;        /* LEG_MARKER, LEG_LINE */
    pdf_rgb color;
    int hollow, marker, dash;
    const char *text;
} leg_item;

static void legend_swatch(pdf_ctx *ctx, const leg_item *it, double x, double cy) {
    switch (it->kind) {
    case LEG_FILL:
        fill_box(ctx, it->fill, x + 2, cy - 4, CH_SWATCH - 4, 8);
        break;
    case LEG_MARKER:
        pdf_marker(ctx, it->shape, x + CH_SWATCH / 2, cy, 3.8, it->color, PDF_INK, it->hollow);
        break;
    case LEG_LINE:
        dashed_line(ctx, x, cy, x + CH_SWATCH, cy, it->dash == DASH_REFERENCE ? 0.9 : 1.6,
                    it->color, it->dash);
        if (it->marker) pdf_marker(ctx, it->shape, x + CH_SWATCH / 2, cy, 2.8, it->color,
                                   PDF_WHITE, 0);
        break;
    case LEG_INTERVAL:
        pdf_rule(ctx, x + 1, cy, x + CH_SWATCH - 1, cy, 1.2, it->color);
        pdf_rule(ctx, x + 1, cy - 3, x + 1, cy + 3, 1.2, it->color);
        pdf_rule(ctx, x + CH_SWATCH - 1, cy - 3, x + CH_SWATCH - 1, cy + 3, 1.2, it->color);
        break;
    }
}

/* Items flow in rows across width w. Returns the height. */
static double legend(pdf_ctx *ctx, const chart_styles *S, const leg_item *items, size_t n,
                     double x0, double top, double w, int draw) {
    if (!n) return 0;
    const double row_h = 13, gap = 14;
    double x = x0, y = top;
    for (size_t i = 0; i < n; i++) {
        double tw = fmin(pdf_strwidth(&S->label, items[i].text), w - CH_SWATCH - 4);
        double iw = CH_SWATCH + 4 + tw;
        if (x > x0 && x + iw > x0 + w) {
            x = x0;
            y -= row_h;
        }
        if (draw) {
            double base = pdf_baseline(&S->label, y - (row_h - S->label.leading) / 2);
            legend_swatch(ctx, &items[i], x, base + 0.33 * S->label.size);
            pdf_show_fit(ctx, &S->label, x + CH_SWATCH + 4, tw, base, ALIGN_LEFT, items[i].text);
        }
        x += iw + gap;
    }
    return top - y + row_h;
}

/* ---- common parts ------------------------------------------------------ */

/* Title above; returns its height with the gap under it. */
static double chart_title(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c, double top,
                          int draw) {
    const char *title = pdf_safe(ctx, c->title);
    if (!*title) return 0;
    return pdf_text_box(ctx, &S->title, PDF_MARGIN, top, PDF_TEXT_W, ALIGN_LEFT, title, 0, draw) +
           6;
}

/* Legend, description (the alt text, printed small) and notes. */
static double chart_footer(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c,
                           const leg_item *items, size_t n, double top, int draw) {
    double y = top;
    if (n) y -= legend(ctx, S, items, n, PDF_MARGIN, y, PDF_TEXT_W, draw) + 4;
    const char *parts[] = {c->description, c->notes};
    for (size_t i = 0; i < 2; i++) {
        const char *s = pdf_safe(ctx, parts[i]);
        if (*s) y -= pdf_text_box(ctx, &S->note, PDF_MARGIN, y, PDF_TEXT_W, ALIGN_LEFT, s, 0,
                                  draw) + 2;
    }
    return top - y;
}

/* ---- horizontal frame: category rows against a value axis -------------- */

typedef struct hframe {
    double label_w, plot_x, plot_w;
    double *row_h;     /* owned */
    double above_top;  /* top of the space kept between title and rows */
    double rows_top, rows_bottom;
} hframe;

/* Category label column, plot span (right_w kept free for value labels)
 * and row heights for a body of body_h points per row. */
static void hframe_layout(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c,
                          const rpt_axis *a, double body_h, double right_w, hframe *F) {
    double widest = 0;
    for (size_t i = 0; i < c->ncategories; i++)
        widest = fmax(widest, pdf_strwidth(&S->label, pdf_safe(ctx, c->categories[i])));
    F->label_w = fmin(fmax(widest, 40), PDF_TEXT_W * CH_LABEL_SHARE);
    char buf[64];
    fmt_num(buf, sizeof buf, a->max, a->decimals, a->suffix);
    double right = fmin(fmax(right_w, pdf_strwidth(&S->tick, buf) / 2 + 1),
                        PDF_TEXT_W * CH_RESERVE_MAX);
    F->plot_x = PDF_MARGIN + F->label_w + CH_GAP;
    F->plot_w = PDF_TEXT_W - F->label_w - CH_GAP - right;
    F->row_h = xcalloc(c->ncategories ? c->ncategories : 1, sizeof *F->row_h);
    for (size_t i = 0; i < c->ncategories; i++) {
        double lh = pdf_text_box(ctx, &S->label, 0, 0, F->label_w, ALIGN_LEFT,
                                 pdf_safe(ctx, c->categories[i]), 3, 0);
        F->row_h[i] = fmax(lh, body_h) + CH_ROW_GAP;
    }
}

/* Title, layout, then `above` points kept free over the rows. */
static void hframe_open(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c,
                        const rpt_axis *a, double body_h, double right_w, double above,
                        double top, int draw, hframe *F) {
    F->above_top = top - chart_title(ctx, S, c, top, draw);
    hframe_layout(ctx, S, c, a, body_h, right_w, F);
    F->rows_top = F->rows_bottom = F->above_top - above;
    for (size_t i = 0; i < c->ncategories; i++) F->rows_bottom -= F->row_h[i];
}

static void hframe_label(pdf_ctx *ctx, const chart_styles *S, const hframe *F, const char *s,
                         double row_top, double row_h) {
    double lh = pdf_text_box(ctx, &S->label, 0, 0, F->label_w, ALIGN_LEFT, s, 3, 0);
    pdf_text_box(ctx, &S->label, PDF_MARGIN, row_top - (row_h - lh) / 2, F->label_w,
                 ALIGN_LEFT, s, 3, 1);
}

/* Grid over the rows, axis line, ticks, tick labels and the axis label.
 * Returns the y below them. */
static double hframe_axis(pdf_ctx *ctx, const chart_styles *S, const hframe *F, const rpt_axis *a,
                          const char *axis_label, int draw) {
    double rows_top = F->rows_top, rows_bottom = F->rows_bottom;
    size_t nt = rpt_axis_ticks(a);
    double spacing = F->plot_w * a->step / (a->max - a->min);
    size_t every = tick_every(spacing, widest_tick(S, a));
    double y = rows_bottom - 3 - 2;
    if (draw) {
        char buf[64];
        for (size_t i = 0; i < nt; i++) {
            double v = rpt_axis_tick(a, i), x = pos(a, F->plot_x, F->plot_w, v);
            int zero = fabs(v) < a->step * 1e-6 && a->min < 0;
            pdf_rule(ctx, x, rows_top, x, rows_bottom, zero ? 0.8 : 0.4,
                     zero ? PDF_MUTED : PDF_GRID);
            pdf_rule(ctx, x, rows_bottom, x, rows_bottom - 3, 0.6, PDF_MUTED);
            if (i % every) continue;
            fmt_num(buf, sizeof buf, v, a->decimals, a->suffix);
            double tw = pdf_strwidth(&S->tick, buf);
            pdf_show(ctx, &S->tick, x - tw / 2, pdf_baseline(&S->tick, y), buf, strlen(buf));
        }
        pdf_rule(ctx, F->plot_x, rows_bottom, F->plot_x + F->plot_w, rows_bottom, 0.6,
                 PDF_MUTED);
    }
    y -= S->tick.leading + 2;
    if (*axis_label)
        y -= pdf_text_box(ctx, &S->axis, F->plot_x, y, F->plot_w, ALIGN_CENTER, axis_label, 2,
                          draw) + 4;
    return y;
}

/* ---- CHART_COMPARE_BARS ------------------------------------------------ */

#define BAR_H 8.5
#define BAR_GAP 2.0

static double widest_value(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c,
                           const rpt_axis *a) {
    char buf[64];
    double w = pdf_strwidth(&S->value, pdf_safe(ctx, ctx->marker));
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->ncategories; i++) {
            if (isnan(c->series[s].values[i])) continue;
            fmt_num(buf, sizeof buf, c->series[s].values[i], a->decimals, a->suffix);
            w = fmax(w, pdf_strwidth(&S->value, buf));
        }
    return w;
}

/* A value label on a white patch, so that no grid line runs through it. */
static void knockout_label(pdf_ctx *ctx, const pdf_style *st, double x, double base,
                           const char *s) {
    double tw = fmin(pdf_strwidth(st, s), PDF_MARGIN + PDF_TEXT_W - x);
    pdf_fill_rect(ctx, x - 1, base - 0.22 * st->size, tw + 2, st->size * 0.98, PDF_WHITE);
    pdf_show_fit(ctx, st, x, tw, base, ALIGN_LEFT, s);
}

static double compare_bars(pdf_ctx *ctx, const rpt_chart *c, double top, int draw) {
    chart_styles S = styles(ctx);
    rpt_axis a = chart_axis(ctx, c);
    size_t ns = c->nseries;
    double body = (double)ns * BAR_H + (double)(ns ? ns - 1 : 0) * BAR_GAP;
    hframe F;
    hframe_open(ctx, &S, c, &a, body, widest_value(ctx, &S, c, &a) + 5, 0, top, draw, &F);
    double base_x = pos(&a, F.plot_x, F.plot_w, fmax(a.min, fmin(0, a.max)));
    /* Grid first: bars and labels go over it. */
    double y = hframe_axis(ctx, &S, &F, &a, pdf_safe(ctx, c->axis_label), draw);
    char buf[64];
    double ry = F.rows_top;
    for (size_t i = 0; draw && i < c->ncategories; ry -= F.row_h[i++]) {
        hframe_label(ctx, &S, &F, pdf_safe(ctx, c->categories[i]), ry, F.row_h[i]);
        double bt = ry - (F.row_h[i] - body) / 2;
        for (size_t s = 0; s < ns; s++) {
            double v = c->series[s].values[i], by = bt - (double)s * (BAR_H + BAR_GAP) - BAR_H;
            double vbase = by + (BAR_H - 0.72 * S.value.size) / 2;
            if (isnan(v)) {
                knockout_label(ctx, &S.value, base_x + 3, vbase, pdf_safe(ctx, ctx->marker));
                continue;
            }
            double x = pos(&a, F.plot_x, F.plot_w, v), x0 = fmin(x, base_x);
            fill_box(ctx, &COMPARE_FILLS[s % NFILLS(COMPARE_FILLS)], x0, by, fabs(x - base_x),
                     BAR_H);
            fmt_num(buf, sizeof buf, v, a.decimals, a.suffix);
            double tw = pdf_strwidth(&S.value, buf);
            double tx = v < 0 ? x0 - 3 - tw : fmax(x, base_x) + 3;
            if (tx < F.plot_x) tx = fmax(x, base_x) + 3; /* no room left of a negative bar */
            knockout_label(ctx, &S.value, tx, vbase, buf);
        }
    }
    leg_item items[NFILLS(COMPARE_FILLS)];
    size_t n = 0;
    for (size_t s = 0; ns > 1 && s < ns && s < NFILLS(COMPARE_FILLS); s++)
        items[n++] = (leg_item){LEG_FILL, &COMPARE_FILLS[s], PDF_SHAPE_CIRCLE, PDF_INK, 0, 0, 0,
                                pdf_safe(ctx, c->series[s].name)};
    y -= chart_footer(ctx, &S, c, items, n, y, draw);
    free(F.row_h);
    return top - y;
}

/* ---- CHART_DOT_INTERVAL ------------------------------------------------ */

#define DOT_R 4.0

typedef struct sig_style {
    pdf_shape shape;
    const pdf_rgb *color;
    int hollow;
    const char *word;
} sig_style;

/* Shapes carry the comparison: up and down triangles, filled and hollow
 * circles. Colour only repeats it. */
static const sig_style SIG_STYLES[] = {
    [SIGMARK_NONE] = {PDF_SHAPE_CIRCLE, &PDF_INK, 1, "Not compared"},
    [SIGMARK_SIMILAR] = {PDF_SHAPE_CIRCLE, &PDF_MUTED, 0, "Similar"},
    [SIGMARK_HIGHER] = {PDF_SHAPE_TRIANGLE_UP, &PDF_BLUE, 0, "Significantly higher"},
    [SIGMARK_LOWER] = {PDF_SHAPE_TRIANGLE_DOWN, &PDF_ORANGE, 0, "Significantly lower"},
};

static rpt_sig sig_at(const rpt_chart *c, size_t i) {
    rpt_sig s = c->sig ? c->sig[i] : SIGMARK_NONE;
    return s <= SIGMARK_LOWER ? s : SIGMARK_NONE;
}

static double dot_interval(pdf_ctx *ctx, const rpt_chart *c, double top, int draw) {
    chart_styles S = styles(ctx);
    rpt_axis a = chart_axis(ctx, c);
    const rpt_series *se = c->nseries ? &c->series[0] : NULL;
    char buf[64];
    int has_ref = isfinite(c->reference);
    hframe F;
    hframe_open(ctx, &S, c, &a, 2 * DOT_R + 4, widest_value(ctx, &S, c, &a) + 8,
                has_ref ? S.label.leading + 2 : 0, top, draw, &F);
    const char *ref_label = pdf_safe(ctx, c->reference_label);
    char ref_text[160];
    fmt_num(buf, sizeof buf, c->reference, a.decimals, a.suffix);
    snprintf(ref_text, sizeof ref_text, "%s", *ref_label ? ref_label : buf);
    if (has_ref && draw) {
        /* Reference label above the rows, kept inside the plot. */
        double tw = fmin(pdf_strwidth(&S.label, ref_text), F.plot_w);
        double x = pos(&a, F.plot_x, F.plot_w, c->reference) - tw / 2;
        x = fmin(fmax(x, F.plot_x), F.plot_x + F.plot_w - tw);
        pdf_show_fit(ctx, &S.label, x, tw, pdf_baseline(&S.label, F.above_top), ALIGN_LEFT,
                     ref_text);
    }
    double ry = F.rows_top;
    /* Layers: banding, grid, reference line, intervals and markers, text. */
    for (size_t i = 0; draw && i < c->ncategories; ry -= F.row_h[i++])
        if (i % 2 == 0) /* faint banding helps the eye along long rows */
            pdf_fill_rect(ctx, F.plot_x, ry - F.row_h[i], F.plot_w, F.row_h[i],
                          (pdf_rgb){0.960f, 0.960f, 0.960f});
    double y = hframe_axis(ctx, &S, &F, &a, pdf_safe(ctx, c->axis_label), draw);
    if (draw && has_ref) {
        double x = pos(&a, F.plot_x, F.plot_w, c->reference);
        dashed_line(ctx, x, F.rows_top + 1, x, F.rows_bottom, 0.9, PDF_INK, DASH_REFERENCE);
    }
    int seen[4] = {0}, intervals = 0;
    ry = F.rows_top;
    for (size_t i = 0; i < c->ncategories; ry -= F.row_h[i++]) {
        double v = se ? se->values[i] : NAN, cy = ry - F.row_h[i] / 2;
        const sig_style *st = &SIG_STYLES[sig_at(c, i)];
        int has_iv = se && se->lower && se->upper && !isnan(se->lower[i]) &&
                     !isnan(se->upper[i]);
        if (!isnan(v)) seen[sig_at(c, i)] = 1;
        intervals |= has_iv;
        if (!draw) continue;
        hframe_label(ctx, &S, &F, pdf_safe(ctx, c->categories[i]), ry, F.row_h[i]);
        if (has_iv) {
            double x0 = pos(&a, F.plot_x, F.plot_w, se->lower[i]);
            double x1 = pos(&a, F.plot_x, F.plot_w, se->upper[i]);
            pdf_rule(ctx, x0, cy, x1, cy, 1.2, PDF_INK);
            pdf_rule(ctx, x0, cy - 3, x0, cy + 3, 1.2, PDF_INK);
            pdf_rule(ctx, x1, cy - 3, x1, cy + 3, 1.2, PDF_INK);
        }
        const char *vt = buf;
        if (isnan(v)) {
            vt = pdf_safe(ctx, ctx->marker); /* suppressed or missing: no marker */
        } else {
            fmt_num(buf, sizeof buf, v, a.decimals, a.suffix);
            pdf_marker(ctx, st->shape, pos(&a, F.plot_x, F.plot_w, v), cy, DOT_R, *st->color,
                       PDF_INK, st->hollow);
        }
        double vx = F.plot_x + F.plot_w + 4;
        pdf_show_fit(ctx, &S.value, vx, PDF_MARGIN + PDF_TEXT_W - vx, cy - 0.36 * S.value.size,
                     ALIGN_RIGHT, vt);
    }
    leg_item items[6];
    size_t n = 0;
    static const rpt_sig order[] = {SIGMARK_HIGHER, SIGMARK_SIMILAR, SIGMARK_LOWER, SIGMARK_NONE};
    for (size_t k = 0; k < 4; k++) {
        const sig_style *st = &SIG_STYLES[order[k]];
        if (seen[order[k]])
            items[n++] = (leg_item){LEG_MARKER, NULL, st->shape, *st->color, st->hollow, 0, 0,
                                    st->word};
    }
    if (intervals)
        items[n++] = (leg_item){LEG_INTERVAL, NULL, PDF_SHAPE_CIRCLE, PDF_INK, 0, 0, 0,
                                "Confidence interval"};
    if (has_ref)
        items[n++] = (leg_item){LEG_LINE, NULL, PDF_SHAPE_CIRCLE, PDF_INK, 0, 0, DASH_REFERENCE,
                                ref_text};
    y -= chart_footer(ctx, &S, c, items, n, y, draw);
    free(F.row_h);
    return top - y;
}

/* ---- CHART_STACKED ----------------------------------------------------- */

#define STACK_H 15.0

static double stacked(pdf_ctx *ctx, const rpt_chart *c, double top, int draw) {
    chart_styles S = styles(ctx);
    rpt_axis a = chart_axis(ctx, c);
    hframe F;
    hframe_open(ctx, &S, c, &a, STACK_H, 0, 0, top, draw, &F);
    double y = hframe_axis(ctx, &S, &F, &a, pdf_safe(ctx, c->axis_label), draw);
    char buf[64];
    double ry = F.rows_top;
    for (size_t i = 0; draw && i < c->ncategories; ry -= F.row_h[i++]) {
        hframe_label(ctx, &S, &F, pdf_safe(ctx, c->categories[i]), ry, F.row_h[i]);
        double by = ry - (F.row_h[i] + STACK_H) / 2, acc = fmax(a.min, 0);
        double base = by + (STACK_H - 0.72 * S.value.size) / 2;
        int any = 0;
        for (size_t s = 0; s < c->nseries; s++) {
            double v = c->series[s].values[i];
            if (isnan(v) || v <= 0) continue;
            any = 1;
            const fill_style *fs = &STACK_FILLS[s % NFILLS(STACK_FILLS)];
            double x0 = pos(&a, F.plot_x, F.plot_w, acc);
            double x1 = pos(&a, F.plot_x, F.plot_w, acc + v);
            acc += v;
            fill_box(ctx, fs, x0, by, x1 - x0, STACK_H);
            pdf_rule(ctx, x1, by, x1, by + STACK_H, 1.0, PDF_WHITE); /* segment edge */
            fmt_num(buf, sizeof buf, v, a.decimals, a.suffix);
            double tw = pdf_strwidth(&S.value, buf);
            if (tw + 7 > x1 - x0) continue; /* too narrow for its label */
            /* The label sits on a plain patch of the fill, in a contrasting ink. */
            double tx = (x0 + x1 - tw) / 2;
            if (fs->pat != PAT_NONE)
                pdf_fill_rect(ctx, tx - 2.5, by + 2, tw + 5, STACK_H - 4, fs->fill);
            pdf_style vs = S.value;
            vs.color = text_on(fs->fill);
            pdf_show(ctx, &vs, tx, base, buf, strlen(buf));
        }
        if (!any) knockout_label(ctx, &S.value, F.plot_x + 3, base, pdf_safe(ctx, ctx->marker));
    }
    leg_item *items = xcalloc(c->nseries ? c->nseries : 1, sizeof *items);
    for (size_t s = 0; s < c->nseries; s++)
        items[s] = (leg_item){LEG_FILL, &STACK_FILLS[s % NFILLS(STACK_FILLS)], PDF_SHAPE_CIRCLE,
                              PDF_INK, 0, 0, 0, pdf_safe(ctx, c->series[s].name)};
    y -= chart_footer(ctx, &S, c, items, c->nseries, y, draw);
    free(items);
    free(F.row_h);
    return top - y;
}

/* ---- CHART_TREND ------------------------------------------------------- */

/* A label right of the plot naming a series (with its last value) or the
 * reference line. */
typedef struct end_label {
    char *text;  /* owned */
    double want; /* the value, then the y, of the point it names */
    double y, h; /* placed centre and height */
    double px;   /* category index of that point; -1 for the reference */
} end_label;

static int by_want_desc(const void *pa, const void *pb) {
    const end_label *a = pa, *b = pb;
    return (a->want < b->want) - (a->want > b->want);
}

/* Spreads labels vertically so none overlap, staying near their points. */
static void place_labels(end_label *l, size_t n, double lo, double hi) {
    qsort(l, n, sizeof *l, by_want_desc);
    for (size_t i = 0; i < n; i++) {
        l[i].y = fmin(l[i].want, hi - l[i].h / 2);
        if (i > 0) l[i].y = fmin(l[i].y, l[i - 1].y - (l[i - 1].h + l[i].h) / 2 - 1);
    }
    if (n && l[n - 1].y - l[n - 1].h / 2 < lo) {
        l[n - 1].y = lo + l[n - 1].h / 2;
        for (size_t i = n - 1; i-- > 0;)
            l[i].y = fmax(l[i].y, l[i + 1].y + (l[i].h + l[i + 1].h) / 2 + 1);
    }
}

/* The plot area of a trend chart: categories in slots across, values up. */
typedef struct tframe {
    rpt_axis a;
    double x, w, top, bottom, slot;
} tframe;

static double tf_x(const tframe *f, double i) { return f->x + f->slot * (i + 0.5); }

static double tf_y(const tframe *f, double v) {
    double t = (fmin(fmax(v, f->a.min), f->a.max) - f->a.min) / (f->a.max - f->a.min);
    return f->bottom + t * CH_TREND_H;
}

/* Category labels under the plot: every k-th, wrapped to two lines. */
static size_t trend_label_step(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c,
                               double slot) {
    size_t k = 1;
    for (; k < c->ncategories; k++) {
        int ok = 1;
        for (size_t i = 0; ok && i < c->ncategories; i++) {
            const char *s = pdf_safe(ctx, c->categories[i]);
            double word = 0;
            for (const char *p = s; *p;) {
                size_t n = strcspn(p, " \n");
                word = fmax(word, pdf_width(&S->tick, p, n));
                p += n + (p[n] != 0);
            }
            double w = slot * (double)k - 4;
            if (word > w || pdf_text_box(ctx, &S->tick, 0, 0, w, ALIGN_LEFT, s, 0, 0) >
                                2 * S->tick.leading + 0.01)
                ok = 0;
        }
        if (ok) break;
    }
    return k;
}

/* End labels: each series' name and last value, then the reference line's
 * label (*ref_text, owned by its label). Returns how many. */
static size_t end_labels(pdf_ctx *ctx, const rpt_chart *c, const rpt_axis *a, end_label *lab,
                         const char **ref_text) {
    char buf[64];
    size_t nl = 0;
    for (size_t s = 0; s < c->nseries; s++) {
        size_t last = c->ncategories;
        for (size_t i = c->ncategories; i-- > 0;)
            if (!isnan(c->series[s].values[i])) {
                last = i;
                break;
            }
        if (last == c->ncategories) continue;
        fmt_num(buf, sizeof buf, c->series[s].values[last], a->decimals, a->suffix);
        const char *name = pdf_safe(ctx, c->series[s].name);
        /* A series whose latest value is suppressed or missing ends earlier:
         * its label says when, so the value is not read as the latest. */
        char when[80] = "";
        if (last + 1 < c->ncategories)
            snprintf(when, sizeof when, " (%s)", pdf_safe(ctx, c->categories[last]));
        lab[nl++] = (end_label){xasprintf("%s%s%s%s", name, *name ? " " : "", buf, when),
                                c->series[s].values[last], 0, 0, (double)last};
    }
    *ref_text = NULL;
    if (isfinite(c->reference)) {
        fmt_num(buf, sizeof buf, c->reference, a->decimals, a->suffix);
        const char *rl = pdf_safe(ctx, c->reference_label);
        *ref_text = xstrdup(*rl ? rl : buf);
        lab[nl++] = (end_label){(char *)*ref_text, c->reference, 0, 0, -1};
    }
    return nl;
}

/* Grid, value ticks, category ticks and labels, and the reference line. */
static void trend_axes(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c,
                       const tframe *f, double tick_w, size_t every) {
    const rpt_axis *a = &f->a;
    char buf[64];
    size_t nt = rpt_axis_ticks(a);
    size_t tevery = tick_every(CH_TREND_H * a->step / (a->max - a->min), S->tick.size);
    for (size_t i = 0; i < nt; i++) {
        double v = rpt_axis_tick(a, i), ty = tf_y(f, v);
        pdf_rule(ctx, f->x, ty, f->x + f->w, ty, 0.4, PDF_GRID);
        if (i % tevery) continue;
        fmt_num(buf, sizeof buf, v, a->decimals, a->suffix);
        pdf_show_fit(ctx, &S->tick, PDF_MARGIN, tick_w, ty - 0.36 * S->tick.size, ALIGN_RIGHT,
                     buf);
    }
    pdf_rule(ctx, f->x, f->bottom, f->x + f->w, f->bottom, 0.6, PDF_MUTED);
    size_t ncat = c->ncategories;
    for (size_t i = 0; i < ncat; i++) {
        double x = tf_x(f, (double)i);
        pdf_rule(ctx, x, f->bottom, x, f->bottom - 3, 0.6, PDF_MUTED);
        /* The most recent period is always labelled; a label stays centred
         * on its tick and inside the margins. */
        if ((ncat - 1 - i) % every) continue;
        double w = fmin(f->slot * (double)every - 4,
                        2 * fmin(x - PDF_MARGIN, PDF_MARGIN + PDF_TEXT_W - x));
        pdf_text_box(ctx, &S->tick, x - w / 2, f->bottom - 5, w, ALIGN_CENTER,
                     pdf_safe(ctx, c->categories[i]), 2, 1);
    }
    if (isfinite(c->reference))
        dashed_line(ctx, f->x, tf_y(f, c->reference), f->x + f->w, tf_y(f, c->reference), 0.9,
                    PDF_INK, DASH_REFERENCE);
}

/* Whether a value label of width tw centred on point i's x, its baseline at
 * base and cap height h, would touch the line on either side of the point
 * (sampled along each segment under the label). */
static int label_hits_line(const tframe *f, const double *v, size_t n, size_t i, double x,
                           double tw, double base, double h) {
    double y = tf_y(f, v[i]);
    for (int side = -1; side <= 1; side += 2) {
        if ((side < 0 && i == 0) || (side > 0 && i + 1 >= n)) continue;
        size_t j = side < 0 ? i - 1 : i + 1;
        if (isnan(v[j])) continue;
        double xj = tf_x(f, (double)j), yj = tf_y(f, v[j]);
        for (int k = 0; k <= 4; k++) {
            double sx = x + side * (tw / 2 + 2) * k / 4.0;
            double t = (sx - x) / (xj - x);
            if (t < 0 || t > 1) continue;
            double sy = y + t * (yj - y);
            if (sy >= base - 2 && sy <= base + h + 2) return 1;
        }
    }
    return 0;
}

/* Lines, broken at missing points, and markers. A lone series also gets
 * its values by the points where they fit (the last is in its end label). */
static void trend_lines(pdf_ctx *ctx, const chart_styles *S, const rpt_chart *c,
                        const tframe *f) {
    HPDF_Page p = ctx->page;
    char buf[64];
    for (size_t s = 0; s < c->nseries; s++) {
        const double *v = c->series[s].values;
        pdf_rgb col = *series_color(s);
        set_dash(p, (int)s);
        HPDF_Page_SetLineWidth(p, 1.6f);
        HPDF_Page_SetRGBStroke(p, col.r, col.g, col.b);
        HPDF_Page_SetLineJoin(p, HPDF_ROUND_JOIN);
        int open = 0, any = 0;
        for (size_t i = 0; i < c->ncategories; i++) {
            if (isnan(v[i])) {
                open = 0;
                continue;
            }
            HPDF_REAL x = (HPDF_REAL)tf_x(f, (double)i), y = (HPDF_REAL)tf_y(f, v[i]);
            if (open)
                HPDF_Page_LineTo(p, x, y);
            else
                HPDF_Page_MoveTo(p, x, y);
            open = any = 1;
        }
        if (any) HPDF_Page_Stroke(p);
        HPDF_Page_SetDash(p, NULL, 0, 0);
        for (size_t i = 0; i < c->ncategories; i++) {
            if (isnan(v[i])) continue;
            double x = tf_x(f, (double)i), y = tf_y(f, v[i]);
            pdf_marker(ctx, series_shape(s), x, y, 3.0, col, PDF_WHITE, 0);
            if (c->nseries != 1 || i + 1 == c->ncategories) continue;
            fmt_num(buf, sizeof buf, v[i], f->a.decimals, f->a.suffix);
            double tw = pdf_strwidth(&S->value, buf);
            if (tw + 4 > f->slot) continue;
            double h = S->value.size * 0.75, above = y + 6, below = y - 6 - h;
            int up_ok = above + h <= f->top && !label_hits_line(f, v, c->ncategories, i, x, tw, above, h);
            int down_ok = below >= f->bottom && !label_hits_line(f, v, c->ncategories, i, x, tw, below, h);
            if (!up_ok && !down_ok) continue; /* the value is in the chart's text and data table */
            knockout_label(ctx, &S->value, x - tw / 2, up_ok ? above : below, buf);
        }
    }
}

/* End labels right of the plot, spread apart, with a leader to the point
 * when a label had to move (or its point is not in the last slot). */
static void trend_end_labels(pdf_ctx *ctx, const pdf_style *ls, const tframe *f,
                             end_label *lab, size_t nl, double end_w) {
    for (size_t i = 0; i < nl; i++) {
        lab[i].want = tf_y(f, lab[i].want);
        lab[i].h = pdf_text_box(ctx, ls, 0, 0, end_w, ALIGN_LEFT, lab[i].text, 3, 0);
    }
    place_labels(lab, nl, f->bottom - 20, f->top + 6);
    double lx = f->x + f->w + 8;
    for (size_t i = 0; i < nl; i++) {
        double px = lab[i].px < 0 ? f->x + f->w : tf_x(f, lab[i].px) + 4;
        if (fabs(lab[i].y - lab[i].want) > 1.5 || px < f->x + f->w - 1)
            pdf_rule(ctx, px, lab[i].want, lx - 2, lab[i].y, 0.4, PDF_RULE);
        pdf_text_box(ctx, ls, lx, lab[i].y + lab[i].h / 2, end_w, ALIGN_LEFT, lab[i].text, 3,
                     1); /* name, value and, for a series ending early, when */
    }
}

static double trend(pdf_ctx *ctx, const rpt_chart *c, double top, int draw) {
    chart_styles S = styles(ctx);
    tframe f;
    f.a = chart_axis(ctx, c);
    double y = top - chart_title(ctx, &S, c, top, draw);
    const char *axis_label = pdf_safe(ctx, c->axis_label);
    if (*axis_label) /* above the value axis, read across */
        y -= pdf_text_box(ctx, &S.axis, PDF_MARGIN, y, PDF_TEXT_W, ALIGN_LEFT, axis_label, 2,
                          draw) + 4;
    end_label *lab = xcalloc(c->nseries + 1, sizeof *lab);
    const char *ref_text;
    size_t nl = end_labels(ctx, c, &f.a, lab, &ref_text);
    pdf_style ls = S.value; /* end labels are bold */
    ls.font = ctx->bold;
    double end_w = 0;
    for (size_t i = 0; i < nl; i++) end_w = fmax(end_w, pdf_strwidth(&ls, lab[i].text));
    end_w = fmin(end_w, 110);
    double tick_w = fmin(widest_tick(&S, &f.a), PDF_TEXT_W * CH_RESERVE_MAX);
    f.x = PDF_MARGIN + tick_w + 6;
    f.w = PDF_TEXT_W - tick_w - 6 - (nl ? end_w + 10 : 4);
    f.top = y - 4;
    f.bottom = f.top - CH_TREND_H;
    f.slot = f.w / (double)c->ncategories;
    if (draw) {
        trend_axes(ctx, &S, c, &f, tick_w, trend_label_step(ctx, &S, c, f.slot));
        trend_lines(ctx, &S, c, &f);
        trend_end_labels(ctx, &ls, &f, lab, nl, end_w);
    }
    y = f.bottom - 5 - 2 * S.tick.leading - 6;
    leg_item *items = xcalloc(c->nseries + 1, sizeof *items);
    size_t n = 0;
    for (size_t s = 0; c->nseries > 1 && s < c->nseries; s++)
        items[n++] = (leg_item){LEG_LINE, NULL, series_shape(s), *series_color(s), 0, 1, (int)s,
                                pdf_safe(ctx, c->series[s].name)};
    if (ref_text && n)
        items[n++] = (leg_item){LEG_LINE, NULL, PDF_SHAPE_CIRCLE, PDF_INK, 0, 0, DASH_REFERENCE,
                                ref_text};
    y -= chart_footer(ctx, &S, c, items, n, y, draw);
    free(items);
    for (size_t i = 0; i < nl; i++) free(lab[i].text);
    free(lab);
    return top - y;
}

/* ---- entry points ------------------------------------------------------ */

/* A chart with nothing to plot keeps its title and notes, and says so. */
static double empty_chart(pdf_ctx *ctx, const rpt_chart *c, double top, int draw) {
    chart_styles S = styles(ctx);
    double y = top - chart_title(ctx, &S, c, top, draw);
    y -= pdf_text_box(ctx, &S.axis, PDF_MARGIN, y, PDF_TEXT_W, ALIGN_LEFT, "No data to show.",
                      0, draw) + 4;
    y -= chart_footer(ctx, &S, c, NULL, 0, y, draw);
    return top - y;
}

static double chart(pdf_ctx *ctx, const rpt_chart *c, double top, int draw) {
    if (!c->ncategories || !c->nseries) return empty_chart(ctx, c, top, draw);
    switch (c->kind) {
    case CHART_COMPARE_BARS: return compare_bars(ctx, c, top, draw);
    case CHART_DOT_INTERVAL: return dot_interval(ctx, c, top, draw);
    case CHART_TREND: return trend(ctx, c, top, draw);
    case CHART_STACKED: return stacked(ctx, c, top, draw);
    }
    return 0;
}

/* A view of categories [from, from + n) of c, borrowing its arrays; the
 * caller frees *series. */
static rpt_chart chart_part(const rpt_chart *c, size_t from, size_t n, char *title,
                            rpt_series **series) {
    rpt_chart part = *c;
    part.title = title;
    part.categories = c->categories + from;
    part.ncategories = n;
    part.sig = c->sig ? c->sig + from : NULL;
    *series = xcalloc(c->nseries ? c->nseries : 1, sizeof **series);
    for (size_t s = 0; s < c->nseries; s++) {
        const rpt_series *se = &c->series[s];
        (*series)[s] = (rpt_series){se->name, se->values + from,
                                    se->lower ? se->lower + from : NULL,
                                    se->upper ? se->upper + from : NULL};
    }
    part.series = *series;
    return part;
}

/* Categories of c from `from` that fit on one page (at least one). */
static size_t part_size(pdf_ctx *ctx, const rpt_chart *c, size_t from, char *title) {
    size_t n = c->ncategories - from;
    for (;;) {
        rpt_series *series;
        rpt_chart part = chart_part(c, from, n, title, &series);
        double h = chart(ctx, &part, 0, 0);
        free(series);
        if (h <= PDF_BODY_H || n == 1) return n;
        n = (size_t)((double)n * PDF_BODY_H / h);
        if (n < 1) n = 1;
        if (n > 1 && h <= PDF_BODY_H * 1.05) n--; /* close: step down */
    }
}

double pdf_chart_height(pdf_ctx *ctx, const rpt_chart *c) {
    return fmin(chart(ctx, c, 0, 0), PDF_BODY_H);
}

/* A chart never splits across pages; one with too many categories for a
 * page is drawn as several charts, the later ones titled "(continued)". */
void pdf_chart(pdf_ctx *ctx, const rpt_chart *c) {
    double h = chart(ctx, c, 0, 0);
    if (h <= PDF_BODY_H || c->kind == CHART_TREND || c->ncategories < 2) {
        pdf_need(ctx, h);
        chart(ctx, c, ctx->y, 1);
        ctx->y -= h + 14;
        return;
    }
    const char *title = pdf_safe(ctx, c->title);
    char *cont = xasprintf("%s%s(continued)", title, *title ? " " : "");
    for (size_t from = 0; from < c->ncategories;) {
        char *t = from ? cont : c->title;
        size_t n = part_size(ctx, c, from, t);
        rpt_series *series;
        rpt_chart part = chart_part(c, from, n, t, &series);
        h = chart(ctx, &part, 0, 0);
        pdf_need(ctx, h);
        chart(ctx, &part, ctx->y, 1);
        ctx->y -= h + 14;
        free(series);
        from += n;
    }
    free(cont);
}
