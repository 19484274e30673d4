/* pdf_internal.h: state and helpers shared by the PDF renderer's files
 * (render_pdf.c and src/pdf_*.c); private to src/. Coordinates are PDF
 * points with the origin at the bottom left of an A4 portrait page. */
#ifndef SV_PDF_INTERNAL_H
#define SV_PDF_INTERNAL_H

#include <hpdf.h>
#include <stddef.h>

#include "render.h"
#include "strbuf.h"

/* Page geometry: A4 portrait, 19 mm side margins, header and footer bands. */
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.89
#define PDF_MARGIN 54.0
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN)
#define PDF_BODY_TOP (PDF_PAGE_H - 66.0)
#define PDF_BODY_BOTTOM 64.0
#define PDF_BODY_H (PDF_BODY_TOP - PDF_BODY_BOTTOM)

/* Type scale (points) and line spacing factor. */
#define PDF_BODY_SIZE 10.0
#define PDF_LEADING 1.35
#define PDF_H1_SIZE 18.0
#define PDF_H2_SIZE 14.0
#define PDF_H3_SIZE 11.5
#define PDF_SMALL_SIZE 8.5
#define PDF_PARA_GAP 7.0

typedef struct pdf_rgb {
    float r, g, b;
} pdf_rgb;

/* Text colours all have >= 4.5:1 contrast on white; the series colours are
 * Okabe-Ito, safe for the common colour-vision deficiencies. */
extern const pdf_rgb PDF_INK;      /* body text */
extern const pdf_rgb PDF_MUTED;    /* secondary text */
extern const pdf_rgb PDF_NAVY;     /* headings, accents */
extern const pdf_rgb PDF_WHITE;
extern const pdf_rgb PDF_RULE;     /* table and chart rules */
extern const pdf_rgb PDF_GRID;     /* light chart grid, row separators */
extern const pdf_rgb PDF_SHADE;    /* table header, callout background */
extern const pdf_rgb PDF_BLUE;     /* Okabe-Ito blue */
extern const pdf_rgb PDF_SKY;      /* Okabe-Ito sky blue */
extern const pdf_rgb PDF_GREEN;    /* Okabe-Ito bluish green */
extern const pdf_rgb PDF_ORANGE;   /* Okabe-Ito orange */
extern const pdf_rgb PDF_VERMILLION;
extern const pdf_rgb PDF_PURPLE;   /* Okabe-Ito reddish purple */

/* A font, size, line height and colour for a run of text. */
typedef struct pdf_style {
    HPDF_Font font;
    double size;
    double leading;
    pdf_rgb color;
} pdf_style;

/* One wrapped line: a byte range of the source string and its width. */
typedef struct pdf_line {
    size_t off, len;
    double width;  /* including the hyphen, if any */
    int hyphen;    /* a word split here: draw a hyphen after the text */
} pdf_line;

typedef struct pdf_lines {
    pdf_line *v;  /* owned */
    size_t n, cap;
} pdf_lines;

/* A contents entry: a section (level 1) or a level-2 heading. */
typedef struct pdf_toc {
    int level;
    char *text;   /* owned, sanitized; "Appendix A: ..." for appendices */
    size_t page;  /* index into pdf_ctx.pages, set during layout */
    double top;   /* y of the heading's top edge on that page */
} pdf_toc;

/* What a page's content stream has set last, so that a repeat is not
 * written again (a table's cells share font and colour: about a third of
 * the content bytes, and of the time spent compressing them). */
typedef struct pdf_page_state {
    HPDF_Font font;  /* NULL: none yet */
    double size;
    pdf_rgb fill;
    int has_fill;
} pdf_page_state;

typedef struct pdf_ctx {
    HPDF_Doc pdf;
    HPDF_Font reg, bold;
    const rpt_doc *doc;
    HPDF_Page *pages;  /* owned array; the pages belong to pdf */
    pdf_page_state *states; /* owned, one per page */
    size_t npages, cap_pages, cap_states;
    HPDF_Page page;    /* the page being filled */
    pdf_page_state *state; /* its state */
    double y;          /* top of the free space on it */
    pdf_toc *toc;      /* owned */
    size_t ntoc, cap_toc, toc_next;
    HPDF_STATUS hpdf_code, hpdf_detail; /* first libharu error, 0 if none */
    strbuf scratch;    /* NUL-terminated copies for HPDF_Page_ShowText */
    char **owned;      /* sanitized copies of invalid strings, freed at end */
    size_t nowned, cap_owned;
    const char *marker; /* suppression marker, sanitized */
    const image *logo;  /* cover logo (render_options), or NULL */
} pdf_ctx;

/* pdf_text.c: strings, measuring, wrapping, drawing primitives, pages. */

/* s if it is valid UTF-8 without control characters (newlines allowed),
 * else a cleaned copy owned by ctx; "" for NULL. Borrowed. */
const char *pdf_safe(pdf_ctx *ctx, const char *s);
pdf_style pdf_style_make(HPDF_Font font, double size, pdf_rgb color);
double pdf_width(const pdf_style *st, const char *s, size_t len);
double pdf_strwidth(const pdf_style *st, const char *s);
/* Wraps safe text s into lines no wider than width; '\n' breaks a line and
 * words wider than width are split (after '-' or '/', else between letters
 * with a hyphen added, else anywhere on a character boundary). */
void pdf_wrap(const pdf_style *st, const char *s, double width, pdf_lines *out);
void pdf_lines_free(pdf_lines *lines);
/* Baseline of a line whose box of height st->leading starts at top. */
double pdf_baseline(const pdf_style *st, double top);
void pdf_show(pdf_ctx *ctx, const pdf_style *st, double x, double base,
              const char *s, size_t len);
/* Draws one wrapped line of s (with its hyphen) at x. */
void pdf_show_line(pdf_ctx *ctx, const pdf_style *st, double x, double base,
                   const char *s, const pdf_line *ln);
/* Draws s in the box [x, x + w] aligned; cut with an ellipsis if too wide. */
void pdf_show_fit(pdf_ctx *ctx, const pdf_style *st, double x, double w,
                  double base, rpt_align align, const char *s);
/* Wrapped text in a box at top, at most max_lines lines (0: no limit; the
 * last kept line then ends with an ellipsis). Draws when draw is set.
 * Returns the height used. */
double pdf_text_box(pdf_ctx *ctx, const pdf_style *st, double x, double top,
                    double w, rpt_align align, const char *s, int max_lines,
                    int draw);

void pdf_fill_rect(pdf_ctx *ctx, double x, double y, double w, double h,
                   pdf_rgb color);
void pdf_stroke_rect(pdf_ctx *ctx, double x, double y, double w, double h,
                     double lw, pdf_rgb color);
void pdf_rule(pdf_ctx *ctx, double x0, double y0, double x1, double y1,
              double lw, pdf_rgb color);
/* Filled marker shapes for non-colour meaning. */
typedef enum pdf_shape {
    PDF_SHAPE_CIRCLE = 0,
    PDF_SHAPE_SQUARE,
    PDF_SHAPE_DIAMOND,
    PDF_SHAPE_TRIANGLE_UP,
    PDF_SHAPE_TRIANGLE_DOWN,
    PDF_SHAPE_TRIANGLE_RIGHT
} pdf_shape;
/* A shape of radius r centred on (cx, cy), filled (or white when hollow)
 * and outlined in stroke. */
void pdf_marker(pdf_ctx *ctx, pdf_shape shape, double cx, double cy, double r,
                pdf_rgb fill, pdf_rgb stroke, int hollow);

/* Starts a new page and puts the cursor at the body top. */
void pdf_new_page(pdf_ctx *ctx);
/* Starts a new page unless h points fit below the cursor (or the cursor is
 * already at the top of a page, where nothing more can be gained). */
void pdf_need(pdf_ctx *ctx, double h);
int pdf_at_top(const pdf_ctx *ctx);
/* Draws on page i again (headers, footers, contents). */
void pdf_use_page(pdf_ctx *ctx, size_t i);

/* pdf_blocks.c: headings, paragraphs, lists, callouts, tiles. b[1..nafter]
 * are the blocks after b in its section (a heading keeps with them). */
void pdf_block(pdf_ctx *ctx, const rpt_block *b, size_t nafter);
/* The least height that must be on one page for the block to start there. */
double pdf_block_min_height(pdf_ctx *ctx, const rpt_block *b);

/* pdf_table.c */
void pdf_table(pdf_ctx *ctx, const rpt_table *t);
double pdf_table_min_height(pdf_ctx *ctx, const rpt_table *t);

/* pdf_chart.c */
void pdf_chart(pdf_ctx *ctx, const rpt_chart *c);
double pdf_chart_height(pdf_ctx *ctx, const rpt_chart *c);

#endif
