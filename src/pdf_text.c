/* pdf_text.c: the PDF renderer's primitives: safe strings, measuring and
 * wrapping with the embedded fonts, text and shape drawing, page breaks. */
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"
#include "utf8.h"
#include "xalloc.h"

static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026 */

/* libharu swallows bytes after invalid UTF-8 and prints characters above
 * U+FFFF as spaces, so nothing reaches a font unchecked. */
const char *pdf_safe(pdf_ctx *ctx, const char *s) {
    if (!s) return "";
    size_t len = strlen(s);
    int clean = utf8_invalid_at(s, len) == (size_t)-1;
    for (size_t i = 0; clean && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n') || c == 0x7F || c >= 0xF0) clean = 0;
    }
    if (clean) return s;
    char *copy = utf8_sanitize(s, len);
    for (char *p = copy; *p; p++)
        if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7F) *p = ' ';
    XGROW(ctx->owned, ctx->cap_owned, ctx->nowned + 1);
    ctx->owned[ctx->nowned++] = copy;
    return copy;
}

pdf_style pdf_style_make(HPDF_Font font, double size, pdf_rgb color) {
    pdf_style st = {font, size, size * PDF_LEADING, color};
    return st;
}

double pdf_width(const pdf_style *st, const char *s, size_t len) {
    if (!len) return 0;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(st->font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return tw.width * st->size / 1000.0;
}

double pdf_strwidth(const pdf_style *st, const char *s) {
    return pdf_width(st, s, strlen(s));
}

static size_t char_len(const char *s, size_t len) {
    size_t n = 1;
    while (n < len && ((unsigned char)s[n] & 0xC0) == 0x80) n++;
    return n;
}

/* Bytes of s (at least one character) that fit in width, on a character
 * boundary: libharu's count can end inside a multi-byte character. */
static size_t fit_bytes(const pdf_style *st, const char *s, size_t len, double width) {
    HPDF_REAL real = 0;
    size_t n = HPDF_Font_MeasureText(st->font, (const HPDF_BYTE *)s, (HPDF_UINT)len,
                                     (HPDF_REAL)width, (HPDF_REAL)st->size, 0, 0,
                                     HPDF_FALSE, &real);
    if (n > len) n = len;
    while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n ? n : char_len(s, len);
}

static void push_line(pdf_lines *out, size_t off, size_t len, double width, int hyphen) {
    XGROW(out->v, out->cap, out->n + 1);
    out->v[out->n++] = (pdf_line){off, len, width, hyphen};
}

static int is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int is_vowel(char c) { return c && strchr("aeiouyAEIOUY", c) != NULL; }

/* Where to split a word s[0, len) whose first n bytes fit: the last point
 * after '-' or '/', else the last syllable-like point between ASCII letters
 * (two consonants, or a vowel then consonant-vowel) leaving at least two
 * letters before and three after. 0 if there is none. */
static size_t split_point(const char *s, size_t len, size_t n, int *hyphen) {
    for (size_t p = n; p >= 2; p--)
        if ((s[p - 1] == '-' || s[p - 1] == '/') && p < len) {
            *hyphen = 0;
            return p;
        }
    for (size_t p = n; p >= 2; p--) {
        if (p + 3 > len) continue;
        char a = s[p - 1], b = s[p];
        if (!is_letter(a) || !is_letter(b) || !is_letter(s[p - 2]) || !is_letter(s[p + 1]))
            continue;
        if ((!is_vowel(a) && !is_vowel(b)) || (is_vowel(a) && !is_vowel(b) && is_vowel(s[p + 1]))) {
            *hyphen = 1;
            return p;
        }
    }
    return 0;
}

static const char HYPHEN[] = "-";

/* Splits the over-long word s[k, j) into lines, leaving its last piece as
 * the open line (*start, *w). */
static void split_word(const pdf_style *st, const char *s, size_t k, size_t j, double width,
                       pdf_lines *out, size_t *start, double *w) {
    double hw = pdf_width(st, HYPHEN, 1);
    while (k < j) {
        double rest = pdf_width(st, s + k, j - k);
        if (rest <= width + 0.01) break;
        size_t n = fit_bytes(st, s + k, j - k, width - hw);
        int hyphen = 0;
        size_t p = split_point(s + k, j - k, n, &hyphen);
        if (p == 0) {
            /* No good point: cut anywhere, with a hyphen between letters. */
            p = n;
            hyphen = p >= 2 && is_letter(s[k + p - 1]) && is_letter(s[k + p]);
            if (!hyphen) p = fit_bytes(st, s + k, j - k, width);
        }
        push_line(out, k, p, pdf_width(st, s + k, p) + (hyphen ? hw : 0), hyphen);
        k += p;
    }
    *start = k;
    *w = pdf_width(st, s + k, j - k);
}

/* Greedy wrapping of one '\n'-free run [a, b) of s. */
static void wrap_run(const pdf_style *st, const char *s, size_t a, size_t b,
                     double width, pdf_lines *out) {
    const double tol = 0.01;
    double space = pdf_width(st, " ", 1);
    size_t first = out->n;
    size_t start = 0, end = 0;
    double w = 0;
    int open = 0;
    size_t i = a;
    while (i < b) {
        while (i < b && s[i] == ' ') i++;
        if (i >= b) break;
        size_t j = i;
        while (j < b && s[j] != ' ') j++;
        double ww = pdf_width(st, s + i, j - i);
        if (open) {
            double gap = (double)(i - end) * space;
            if (w + gap + ww <= width + tol) {
                w += gap + ww;
                end = j;
                i = j;
                continue;
            }
            push_line(out, start, end - start, w, 0);
            open = 0;
        }
        if (ww <= width + tol) {
            start = i, end = j, w = ww, open = 1;
        } else {
            split_word(st, s, i, j, width, out, &start, &w);
            end = j, open = 1;
        }
        i = j;
    }
    if (open) push_line(out, start, end - start, w, 0);
    if (out->n == first) push_line(out, a, 0, 0, 0); /* an empty line keeps its place */
}

void pdf_wrap(const pdf_style *st, const char *s, double width, pdf_lines *out) {
    out->n = 0;
    size_t len = strlen(s), pos = 0;
    for (;;) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - s) : len;
        wrap_run(st, s, pos, end, width, out);
        if (!nl) break;
        pos = end + 1;
    }
}

void pdf_lines_free(pdf_lines *lines) {
    free(lines->v);
    lines->v = NULL;
    lines->n = lines->cap = 0;
}

/* DejaVu Sans: ascender 0.928 em, descender 0.236 em; the glyph box is
 * centred in the line box. */
double pdf_baseline(const pdf_style *st, double top) {
    return top - (st->leading - 1.164 * st->size) / 2 - 0.928 * st->size;
}

static void set_fill(pdf_ctx *ctx, pdf_rgb c);

void pdf_show(pdf_ctx *ctx, const pdf_style *st, double x, double base,
              const char *s, size_t len) {
    if (!len) return;
    sb_clear(&ctx->scratch);
    sb_append(&ctx->scratch, s, len);
    HPDF_Page p = ctx->page;
    HPDF_Page_BeginText(p);
    /* Font and colour are graphics state: they outlive BT ... ET. */
    if (ctx->state->font != st->font || ctx->state->size != st->size) {
        HPDF_Page_SetFontAndSize(p, st->font, (HPDF_REAL)st->size);
        ctx->state->font = st->font;
        ctx->state->size = st->size;
    }
    set_fill(ctx, st->color);
    HPDF_Page_TextOut(p, (HPDF_REAL)x, (HPDF_REAL)base, sb_str(&ctx->scratch));
    HPDF_Page_EndText(p);
}

void pdf_show_line(pdf_ctx *ctx, const pdf_style *st, double x, double base,
                   const char *s, const pdf_line *ln) {
    if (!ln->hyphen) {
        pdf_show(ctx, st, x, base, s + ln->off, ln->len);
        return;
    }
    char *piece = xasprintf("%.*s%s", (int)ln->len, s + ln->off, HYPHEN);
    pdf_show(ctx, st, x, base, piece, strlen(piece));
    free(piece);
}

static double align_x(double x, double w, double tw, rpt_align align) {
    if (align == ALIGN_RIGHT) return x + w - tw;
    if (align == ALIGN_CENTER) return x + (w - tw) / 2;
    return x;
}

/* Draws s[0, len) cut to width with an ellipsis. */
static void show_cut(pdf_ctx *ctx, const pdf_style *st, double x, double w,
                     double base, rpt_align align, const char *s, size_t len) {
    double ew = pdf_width(st, ELLIPSIS, sizeof ELLIPSIS - 1);
    size_t n = w > ew ? fit_bytes(st, s, len, w - ew) : 0;
    if (n >= len) n = len > 0 ? len - char_len(s, len) : 0; /* keep room for "…" */
    while (n > 0 && s[n - 1] == ' ') n--;
    sb_clear(&ctx->scratch);
    sb_append(&ctx->scratch, s, n);
    sb_puts(&ctx->scratch, ELLIPSIS);
    char *copy = xstrdup(sb_str(&ctx->scratch));
    size_t clen = strlen(copy);
    pdf_show(ctx, st, align_x(x, w, pdf_width(st, copy, clen), align), base, copy, clen);
    free(copy);
}

void pdf_show_fit(pdf_ctx *ctx, const pdf_style *st, double x, double w,
                  double base, rpt_align align, const char *s) {
    size_t len = strcspn(s, "\n");
    double tw = pdf_width(st, s, len);
    if (tw <= w + 0.01)
        pdf_show(ctx, st, align_x(x, w, tw, align), base, s, len);
    else
        show_cut(ctx, st, x, w, base, align, s, len);
}

double pdf_text_box(pdf_ctx *ctx, const pdf_style *st, double x, double top,
                    double w, rpt_align align, const char *s, int max_lines,
                    int draw) {
    pdf_lines lines = {0};
    pdf_wrap(st, s, w, &lines);
    size_t n = lines.n;
    int cut = max_lines > 0 && n > (size_t)max_lines;
    if (cut) n = (size_t)max_lines;
    for (size_t i = 0; draw && i < n; i++) {
        const pdf_line *ln = &lines.v[i];
        double base = pdf_baseline(st, top - (double)i * st->leading);
        if (cut && i + 1 == n) {
            /* The rest of the text, cut to the line with an ellipsis. */
            size_t rest = strcspn(s + ln->off, "\n");
            show_cut(ctx, st, x, w, base, align, s + ln->off, rest);
        } else {
            pdf_show_line(ctx, st, align_x(x, w, ln->width, align), base, s, ln);
        }
    }
    pdf_lines_free(&lines);
    return (double)n * st->leading;
}

void pdf_fill_rect(pdf_ctx *ctx, double x, double y, double w, double h,
                   pdf_rgb color) {
    HPDF_Page p = ctx->page;
    set_fill(ctx, color);
    HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(p);
}

static HPDF_Page stroke_with(pdf_ctx *ctx, double lw, pdf_rgb color) {
    HPDF_Page p = ctx->page;
    HPDF_Page_SetLineWidth(p, (HPDF_REAL)lw);
    HPDF_Page_SetRGBStroke(p, color.r, color.g, color.b);
    return p;
}

void pdf_stroke_rect(pdf_ctx *ctx, double x, double y, double w, double h,
                     double lw, pdf_rgb color) {
    HPDF_Page p = stroke_with(ctx, lw, color);
    HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Stroke(p);
}

void pdf_rule(pdf_ctx *ctx, double x0, double y0, double x1, double y1,
              double lw, pdf_rgb color) {
    HPDF_Page p = stroke_with(ctx, lw, color);
    HPDF_Page_MoveTo(p, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(p, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_Stroke(p);
}

static void poly(HPDF_Page p, const double *xy, size_t n) {
    HPDF_Page_MoveTo(p, (HPDF_REAL)xy[0], (HPDF_REAL)xy[1]);
    for (size_t i = 1; i < n; i++)
        HPDF_Page_LineTo(p, (HPDF_REAL)xy[2 * i], (HPDF_REAL)xy[2 * i + 1]);
    HPDF_Page_ClosePath(p);
}

void pdf_marker(pdf_ctx *ctx, pdf_shape shape, double cx, double cy, double r,
                pdf_rgb fill, pdf_rgb stroke, int hollow) {
    HPDF_Page p = ctx->page;
    set_fill(ctx, hollow ? PDF_WHITE : fill);
    HPDF_Page_SetRGBStroke(p, stroke.r, stroke.g, stroke.b);
    HPDF_Page_SetLineWidth(p, hollow ? 1.0f : 0.6f);
    HPDF_Page_SetDash(p, NULL, 0, 0);
    /* Areas roughly equal: polygons are drawn a little larger than circles. */
    switch (shape) {
    case PDF_SHAPE_CIRCLE:
        HPDF_Page_Circle(p, (HPDF_REAL)cx, (HPDF_REAL)cy, (HPDF_REAL)r);
        break;
    case PDF_SHAPE_SQUARE: {
        double h = r * 0.9;
        HPDF_Page_Rectangle(p, (HPDF_REAL)(cx - h), (HPDF_REAL)(cy - h),
                            (HPDF_REAL)(2 * h), (HPDF_REAL)(2 * h));
        break;
    }
    case PDF_SHAPE_DIAMOND: {
        double h = r * 1.25;
        const double xy[] = {cx, cy + h, cx + h, cy, cx, cy - h, cx - h, cy};
        poly(p, xy, 4);
        break;
    }
    case PDF_SHAPE_TRIANGLE_UP: {
        double h = r * 1.3;
        const double xy[] = {cx, cy + h, cx + h, cy - h * 0.8, cx - h, cy - h * 0.8};
        poly(p, xy, 3);
        break;
    }
    case PDF_SHAPE_TRIANGLE_DOWN: {
        double h = r * 1.3;
        const double xy[] = {cx, cy - h, cx + h, cy + h * 0.8, cx - h, cy + h * 0.8};
        poly(p, xy, 3);
        break;
    }
    case PDF_SHAPE_TRIANGLE_RIGHT: {
        double h = r * 1.3;
        const double xy[] = {cx + h, cy, cx - h * 0.8, cy + h, cx - h * 0.8, cy - h};
        poly(p, xy, 3);
        break;
    }
    }
    HPDF_Page_FillStroke(p);
}

void pdf_new_page(pdf_ctx *ctx) {
    HPDF_Page p = HPDF_AddPage(ctx->pdf);
    if (p) HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    XGROW(ctx->pages, ctx->cap_pages, ctx->npages + 1);
    XGROW(ctx->states, ctx->cap_states, ctx->npages + 1);
    memset(&ctx->states[ctx->npages], 0, sizeof *ctx->states);
    ctx->pages[ctx->npages++] = p;
    pdf_use_page(ctx, ctx->npages - 1);
    ctx->y = PDF_BODY_TOP;
}

void pdf_use_page(pdf_ctx *ctx, size_t i) {
    ctx->page = ctx->pages[i];
    ctx->state = &ctx->states[i];
}

static void set_fill(pdf_ctx *ctx, pdf_rgb c) {
    pdf_page_state *st = ctx->state;
    if (st->has_fill && st->fill.r == c.r && st->fill.g == c.g && st->fill.b == c.b) return;
    HPDF_Page_SetRGBFill(ctx->page, c.r, c.g, c.b);
    st->fill = c;
    st->has_fill = 1;
}

int pdf_at_top(const pdf_ctx *ctx) { return ctx->y >= PDF_BODY_TOP - 0.01; }

void pdf_need(pdf_ctx *ctx, double h) {
    if (ctx->y - h < PDF_BODY_BOTTOM - 0.01 && !pdf_at_top(ctx)) pdf_new_page(ctx);
}
