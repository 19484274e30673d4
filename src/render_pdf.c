/* render_pdf.c: the PDF edition (libharu 2.3.0). Sets up the document and its
 * fonts, draws the cover and contents, lays out the sections (blocks are in
 * pdf_blocks.c, pdf_table.c and pdf_chart.c), then adds what needs the final
 * page count: contents page numbers and links, running headers and footers
 * with the protective marking, bookmarks. Saved atomically. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "outfile.h"
#include "pdf_internal.h"
#include "xalloc.h"

const pdf_rgb PDF_INK = {0.102f, 0.102f, 0.102f};    /* #1A1A1A, 17.4:1 */
const pdf_rgb PDF_MUTED = {0.302f, 0.302f, 0.302f};  /* #4D4D4D, 8.4:1 */
const pdf_rgb PDF_NAVY = {0.000f, 0.227f, 0.439f};   /* #003A70, 11.5:1 */
const pdf_rgb PDF_WHITE = {1.0f, 1.0f, 1.0f};
const pdf_rgb PDF_RULE = {0.620f, 0.620f, 0.620f};
const pdf_rgb PDF_GRID = {0.850f, 0.850f, 0.850f};
const pdf_rgb PDF_SHADE = {0.918f, 0.945f, 0.973f};
const pdf_rgb PDF_BLUE = {0.000f, 0.447f, 0.698f};
const pdf_rgb PDF_SKY = {0.337f, 0.706f, 0.914f};
const pdf_rgb PDF_GREEN = {0.000f, 0.620f, 0.451f};
const pdf_rgb PDF_ORANGE = {0.902f, 0.624f, 0.000f};
const pdf_rgb PDF_VERMILLION = {0.835f, 0.369f, 0.000f};
const pdf_rgb PDF_PURPLE = {0.800f, 0.475f, 0.655f};

#define CONTENTS_NUM_W 28.0
#define CONTENTS_INDENT 16.0

/* ---- libharu errors ---------------------------------------------------- */

/* libharu reports through this callback and then fails every later call
 * (the error is sticky), so keeping the first one keeps the root cause. */
static void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user) {
    pdf_ctx *ctx = user;
    if (!ctx->hpdf_code) {
        ctx->hpdf_code = code;
        ctx->hpdf_detail = detail;
    }
}

/* Turns a recorded libharu error into err. 1 if there was one. */
static int hpdf_failed(const pdf_ctx *ctx, const char *source, const char *what,
                       sv_error *err) {
    if (!ctx->hpdf_code) return 0;
    int io = ctx->hpdf_code == HPDF_FILE_IO_ERROR || ctx->hpdf_code == HPDF_FILE_OPEN_ERROR;
    sv_error_set(err, io ? SV_EXIT_IO : SV_EXIT_INTERNAL, source, 0, 0,
                 "%s failed: libharu error 0x%04X (detail %u)", what,
                 (unsigned)ctx->hpdf_code, (unsigned)ctx->hpdf_detail);
    return 1;
}

/* ---- fonts ------------------------------------------------------------- */

/* libharu 2.3.0 writes its encoder's CMap (begincidrange, Identity-H) as the
 * ToUnicode stream, which poppler rejects with a warning on every load. With
 * the UTF-8 encoder each character is written as its 2-byte BMP code point,
 * so the exact ToUnicode map is the identity: bfranges per high byte,
 * skipping the surrogates, at most 100 to a block. */
static void fix_to_unicode(HPDF_Font font) {
    HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!cmap || !cmap->stream) return;
    HPDF_MemStream_FreeData(cmap->stream);
    static const char *const cmap_keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t i = 0; i < sizeof cmap_keys / sizeof *cmap_keys; i++)
        HPDF_Dict_RemoveElement(cmap, cmap_keys[i]);
    cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    unsigned highs[256], n = 0;
    for (unsigned h = 0; h < 256; h++)
        if (h < 0xD8 || h > 0xDF) highs[n++] = h;
    for (unsigned i = 0; i < n; i += 100) {
        unsigned m = n - i < 100 ? n - i : 100;
        sb_printf(&sb, "%u beginbfrange\n", m);
        for (unsigned k = i; k < i + m; k++)
            sb_printf(&sb, "<%02X00> <%02XFF> <%02X00>\n", highs[k], highs[k], highs[k]);
        sb_puts(&sb, "endbfrange\n");
    }
    sb_puts(&sb, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_Stream_WriteStr(cmap->stream, sb_str(&sb));
    sb_free(&sb);
}

static HPDF_Font load_font(pdf_ctx *ctx, const char *dir, const char *file, sv_error *err) {
    char *path = xasprintf("%s/%s", dir, file);
    HPDF_Font font = NULL;
    FILE *probe = fopen(path, "rb"); /* for a plain reason when it is missing */
    if (!probe) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "cannot read font: %s", strerror(errno));
        free(path);
        return NULL;
    }
    fclose(probe);
    const char *name = HPDF_LoadTTFontFromFile(ctx->pdf, path, HPDF_TRUE);
    if (name) font = HPDF_GetFont(ctx->pdf, name, "UTF-8");
    if (font) fix_to_unicode(font);
    if (!font || ctx->hpdf_code) {
        int io = ctx->hpdf_code == HPDF_FILE_OPEN_ERROR || ctx->hpdf_code == HPDF_FILE_IO_ERROR;
        sv_error_set(err, io ? SV_EXIT_IO : SV_EXIT_INTERNAL, path, 0, 0,
                     "not a usable TrueType font (libharu error 0x%04X)",
                     (unsigned)ctx->hpdf_code);
        font = NULL;
    }
    free(path);
    return font;
}

/* ---- document set-up --------------------------------------------------- */

static void set_info(pdf_ctx *ctx, const render_options *opt) {
    HPDF_Doc pdf = ctx->pdf;
    const rpt_doc *doc = ctx->doc;
    HPDF_SetCurrentEncoder(pdf, "UTF-8"); /* for non-ASCII info strings */
    const struct {
        HPDF_InfoType type;
        const char *value;
    } info[] = {{HPDF_INFO_TITLE, doc->title},       {HPDF_INFO_AUTHOR, doc->author},
                {HPDF_INFO_SUBJECT, doc->subject},   {HPDF_INFO_KEYWORDS, doc->marking},
                {HPDF_INFO_CREATOR, "svreport"}};
    for (size_t i = 0; i < sizeof info / sizeof *info; i++) {
        const char *v = pdf_safe(ctx, info[i].value);
        if (*v) HPDF_SetInfoAttr(pdf, info[i].type, v);
    }
    /* The document date comes from the caller (SOURCE_DATE_EPOCH), never the
     * clock, so the same tree gives the same bytes. */
    time_t t = opt ? opt->created : 0;
    struct tm tm;
    if (gmtime_r(&t, &tm)) {
        HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                       tm.tm_sec < 60 ? tm.tm_sec : 59, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
    }
    /* Language and title display, which libharu has no setters for. */
    HPDF_Dict catalog = pdf->catalog;
    HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(pdf->mmgr, "en-GB", NULL));
    HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
    if (prefs) {
        HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
        HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
    }
    HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static void add_toc(pdf_ctx *ctx, int level, char *text) {
    XGROW(ctx->toc, ctx->cap_toc, ctx->ntoc + 1);
    ctx->toc[ctx->ntoc++] = (pdf_toc){level, text, 0, PDF_BODY_TOP};
}

/* "Appendix A" ... "Appendix Z", then numbers. */
static char *appendix_title(pdf_ctx *ctx, size_t k, const char *title) {
    char label[32];
    if (k < 26)
        snprintf(label, sizeof label, "Appendix %c", (char)('A' + k));
    else
        snprintf(label, sizeof label, "Appendix %zu", k + 1);
    const char *t = pdf_safe(ctx, title);
    return *t ? xasprintf("%s: %s", label, t) : xstrdup(label);
}

/* Contents entries in document order: each section, then its level-2
 * headings; layout fills in their pages in the same order. */
static void build_toc(pdf_ctx *ctx) {
    size_t appendices = 0;
    for (size_t i = 0; i < ctx->doc->nsections; i++) {
        const rpt_section *s = &ctx->doc->sections[i];
        /* An untitled section is listed by its id rather than as a blank. */
        const char *title = *pdf_safe(ctx, s->title) ? s->title : s->id;
        add_toc(ctx, 1, s->appendix ? appendix_title(ctx, appendices++, title)
                                    : xstrdup(pdf_safe(ctx, title)));
        for (size_t j = 0; j < s->nblocks; j++)
            if (s->blocks[j].kind == BLOCK_HEADING && s->blocks[j].u.heading.level == 2)
                add_toc(ctx, 2, xstrdup(pdf_safe(ctx, s->blocks[j].u.heading.text)));
    }
}

/* ---- cover ------------------------------------------------------------- */

/* The marking in a bordered box centred on y (cover page). */
static void marking_box(pdf_ctx *ctx, const char *marking, double cy) {
    pdf_style st = pdf_style_make(ctx->bold, 12, PDF_NAVY);
    double tw = fmin(pdf_strwidth(&st, marking), PDF_TEXT_W - 24), w = tw + 24, h = 22;
    double x = (PDF_PAGE_W - w) / 2;
    pdf_stroke_rect(ctx, x, cy - h / 2, w, h, 1.5, PDF_NAVY);
    pdf_show_fit(ctx, &st, x + 12, tw, cy - 0.36 * st.size, ALIGN_CENTER, marking);
}

/* The logo's largest size on the cover: 40 mm high, 70 mm wide. It is never
 * drawn larger than 1 pt a pixel (72 dpi), so a small logo is not blurred. */
#define LOGO_MAX_H (40.0 * 72 / 25.4)
#define LOGO_MAX_W (70.0 * 72 / 25.4)

/* The checked logo (image.c) as a libharu image: RGB, with its alpha as a
 * soft mask unless every pixel is opaque; libharu copies the pixels. Pixels
 * are averaged k x k (colour weighted by alpha), so that a large logo is
 * stored at about 300 dpi of its drawn size, not at full size in every
 * document. */
static HPDF_Image logo_image(pdf_ctx *ctx, unsigned k) {
    const image *img = ctx->logo;
    unsigned w = (img->width + k - 1) / k, h = (img->height + k - 1) / k, ch = img->channels;
    size_t n = (size_t)w * h;
    unsigned char *rgb = xmalloc(n * 3), *alpha = xmalloc(n);
    int opaque = 1;
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            double sum[3] = {0, 0, 0}, a = 0;
            unsigned cnt = 0;
            for (unsigned yy = y * k; yy < (y + 1) * k && yy < img->height; yy++)
                for (unsigned xx = x * k; xx < (x + 1) * k && xx < img->width; xx++) {
                    const unsigned char *p = img->pixels + ((size_t)yy * img->width + xx) * ch;
                    double pa = ch == 4 ? p[3] : 255;
                    for (int c = 0; c < 3; c++) sum[c] += p[c] * pa;
                    a += pa;
                    cnt++;
                }
            size_t i = (size_t)y * w + x;
            for (int c = 0; c < 3; c++)
                rgb[3 * i + c] = (unsigned char)(a > 0 ? sum[c] / a + 0.5 : 255);
            alpha[i] = (unsigned char)(a / cnt + 0.5);
            if (alpha[i] != 255) opaque = 0;
        }
    HPDF_Image im = HPDF_LoadRawImageFromMem(ctx->pdf, rgb, w, h, HPDF_CS_DEVICE_RGB, 8);
    if (im && !opaque) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(ctx->pdf, alpha, w, h, HPDF_CS_DEVICE_GRAY, 8);
        if (mask && HPDF_Image_AddSMask(im, mask) == HPDF_OK)
            ctx->pdf->pdf_version = HPDF_VER_14; /* soft masks are PDF 1.4 */
    }
    free(rgb);
    free(alpha);
    return im;
}

/* Draws the logo at the right margin, centred in [bottom, top]. */
static void cover_logo(pdf_ctx *ctx, double bottom, double top) {
    const image *img = ctx->logo;
    if (!img || !img->pixels || !img->width || !img->height || top - bottom < 12) return;
    double maxh = fmin(LOGO_MAX_H, top - bottom);
    double s = fmin(fmin(LOGO_MAX_W / img->width, maxh / img->height), 1.0);
    double w = img->width * s, h = img->height * s;
    /* Pixels per point drawn: 1/s; keep at least 300 dpi (300/72 a point). */
    unsigned k = (unsigned)fmax(1.0, floor(1.0 / s / (300.0 / 72)));
    HPDF_Image im = logo_image(ctx, k);
    if (im) HPDF_Page_DrawImage(ctx->page, im, PDF_PAGE_W - PDF_MARGIN - w,
                                bottom + (top - bottom - h) / 2, w, h);
}

static void cover(pdf_ctx *ctx) {
    const rpt_doc *doc = ctx->doc;
    pdf_new_page(ctx);
    const char *marking = pdf_safe(ctx, doc->marking);
    if (*marking) {
        marking_box(ctx, marking, PDF_PAGE_H - 36);
        marking_box(ctx, marking, 36);
    }
    pdf_style title = pdf_style_make(ctx->bold, 26, PDF_WHITE);
    title.leading = 26 * 1.2;
    pdf_style org = pdf_style_make(ctx->reg, 15, PDF_WHITE);
    pdf_style unit = pdf_style_make(ctx->reg, 12.5, PDF_WHITE);
    const char *t = pdf_safe(ctx, doc->title), *o = pdf_safe(ctx, doc->organisation);
    const char *u = pdf_safe(ctx, doc->unit);
    const double pad = 30, top = PDF_PAGE_H - 150;
    /* Title band: white on navy (11.5:1). Measured first, then drawn. */
    double h = pad + pdf_text_box(ctx, &title, 0, 0, PDF_TEXT_W, ALIGN_LEFT, t, 0, 0) + 10 +
               pdf_text_box(ctx, &org, 0, 0, PDF_TEXT_W, ALIGN_LEFT, o, 0, 0) +
               (*u ? 4 + pdf_text_box(ctx, &unit, 0, 0, PDF_TEXT_W, ALIGN_LEFT, u, 0, 0) : 0) +
               pad;
    pdf_fill_rect(ctx, 0, top - h, PDF_PAGE_W, h, PDF_NAVY);
    /* The logo between the top marking (or the margin) and the band. */
    cover_logo(ctx, top + 12, PDF_PAGE_H - (*marking ? 36 + 11 + 12 : PDF_MARGIN));
    double y = top - pad;
    y -= pdf_text_box(ctx, &title, PDF_MARGIN, y, PDF_TEXT_W, ALIGN_LEFT, t, 0, 1) + 10;
    y -= pdf_text_box(ctx, &org, PDF_MARGIN, y, PDF_TEXT_W, ALIGN_LEFT, o, 0, 1);
    if (*u) pdf_text_box(ctx, &unit, PDF_MARGIN, y - 4, PDF_TEXT_W, ALIGN_LEFT, u, 0, 1);
    y = top - h - 36;
    const struct {
        const char *text;
        HPDF_Font font;
        double size, after;
        const pdf_rgb *color;
    } lines[] = {
        {doc->period, ctx->bold, 18, 6, &PDF_NAVY},
        {doc->period_long, ctx->reg, 12, 28, &PDF_INK},
        {doc->data_date, ctx->reg, 10.5, 4, &PDF_INK},
        {doc->generated, ctx->reg, 10.5, 4, &PDF_MUTED},
    };
    pdf_rule(ctx, PDF_MARGIN, y + 14, PDF_MARGIN + 60, y + 14, 3, PDF_BLUE);
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        const char *s = pdf_safe(ctx, lines[i].text);
        if (!*s) continue;
        pdf_style st = pdf_style_make(lines[i].font, lines[i].size, *lines[i].color);
        y -= pdf_text_box(ctx, &st, PDF_MARGIN, y, PDF_TEXT_W, ALIGN_LEFT, s, 0, 1) +
             lines[i].after;
    }
}

/* ---- contents ---------------------------------------------------------- */

/* An entry's style, indent, wrapped lines and height (lines to *lines). */
static double toc_entry(const pdf_ctx *ctx, const pdf_toc *e, pdf_style *st, double *indent,
                        pdf_lines *lines) {
    *st = e->level == 1 ? pdf_style_make(ctx->bold, 10.5, PDF_INK)
                        : pdf_style_make(ctx->reg, PDF_BODY_SIZE, PDF_INK);
    *indent = e->level == 1 ? 0 : CONTENTS_INDENT;
    pdf_wrap(st, e->text, PDF_TEXT_W - *indent - CONTENTS_NUM_W - 16, lines);
    return (double)lines->n * st->leading;
}

/* Lays out the contents from the page at index first; with draw, draws the
 * entries with dotted leaders, page numbers and links. Returns the number
 * of pages used. */
static size_t contents(pdf_ctx *ctx, size_t first, int draw) {
    pdf_style h1 = pdf_style_make(ctx->bold, PDF_H1_SIZE, PDF_NAVY);
    h1.leading = PDF_H1_SIZE * 1.2;
    pdf_style more = pdf_style_make(ctx->bold, 12, PDF_NAVY);
    size_t page = 0;
    double y = PDF_BODY_TOP;
    if (draw) {
        pdf_use_page(ctx, first);
        pdf_show(ctx, &h1, PDF_MARGIN, pdf_baseline(&h1, y), "Contents", 8);
    }
    y -= h1.leading + 12;
    pdf_lines lines = {0};
    char num[32];
    for (size_t i = 0; i < ctx->ntoc; i++) {
        const pdf_toc *e = &ctx->toc[i];
        pdf_style st;
        double indent, before = e->level == 1 && i > 0 ? 8 : 2, keep = 0;
        if (e->level == 1 && i + 1 < ctx->ntoc && ctx->toc[i + 1].level == 2) {
            /* A section stays with its first heading. */
            pdf_style nst;
            double nindent;
            keep = 2 + toc_entry(ctx, &ctx->toc[i + 1], &nst, &nindent, &lines);
        }
        double h = toc_entry(ctx, e, &st, &indent, &lines);
        if (y - before - h - keep < PDF_BODY_BOTTOM && y < PDF_BODY_TOP) {
            page++;
            y = PDF_BODY_TOP;
            if (draw && first + page < ctx->npages) {
                pdf_use_page(ctx, first + page);
                pdf_show(ctx, &more, PDF_MARGIN, pdf_baseline(&more, y), "Contents (continued)",
                         20);
            }
            y -= more.leading + 8;
        } else {
            y -= before;
        }
        if (draw && first + page < ctx->npages) {
            pdf_use_page(ctx, first + page);
            double x = PDF_MARGIN + indent, base = 0;
            for (size_t k = 0; k < lines.n; k++) {
                base = pdf_baseline(&st, y - (double)k * st.leading);
                pdf_show_line(ctx, &st, x, base, e->text, &lines.v[k]);
            }
            snprintf(num, sizeof num, "%zu", e->page + 1);
            double right = PDF_MARGIN + PDF_TEXT_W;
            pdf_show_fit(ctx, &st, right - CONTENTS_NUM_W, CONTENTS_NUM_W, base, ALIGN_RIGHT, num);
            /* Dotted leader: round dots from a dash pattern with round caps. */
            double lx0 = x + (lines.n ? lines.v[lines.n - 1].width : 0) + 6;
            double lx1 = right - pdf_strwidth(&st, num) - 6;
            if (lx1 > lx0) {
                static const HPDF_UINT16 dots[] = {1, 3};
                HPDF_Page_SetLineCap(ctx->page, HPDF_ROUND_END);
                HPDF_Page_SetDash(ctx->page, dots, 2, 0);
                pdf_rule(ctx, lx0, base + 1, lx1, base + 1, 0.8, PDF_MUTED);
                HPDF_Page_SetDash(ctx->page, NULL, 0, 0);
                HPDF_Page_SetLineCap(ctx->page, HPDF_BUTT_END);
            }
            HPDF_Destination dst = HPDF_Page_CreateDestination(ctx->pages[e->page]);
            if (dst) HPDF_Destination_SetFitH(dst, (HPDF_REAL)(e->top + 8));
            HPDF_Rect r = {(HPDF_REAL)x, (HPDF_REAL)(y - h), (HPDF_REAL)right, (HPDF_REAL)y};
            HPDF_Annotation a = dst ? HPDF_Page_CreateLinkAnnot(ctx->page, r, dst) : NULL;
            if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        }
        y -= h;
    }
    pdf_lines_free(&lines);
    return page + 1;
}

/* ---- page furniture ---------------------------------------------------- */

/* Marking centred at top and bottom, a running header and "Page N of M" on
 * every page after the cover; drawn last, when M is known. */
static void furniture(pdf_ctx *ctx) {
    const rpt_doc *doc = ctx->doc;
    const char *marking = pdf_safe(ctx, doc->marking);
    pdf_style mark = pdf_style_make(ctx->bold, 9, PDF_NAVY);
    pdf_style small = pdf_style_make(ctx->reg, 7.5, PDF_MUTED);
    pdf_style foot = pdf_style_make(ctx->reg, 8, PDF_INK);
    strbuf left = STRBUF_INIT;
    sb_puts(&left, pdf_safe(ctx, doc->title));
    const char *parts[] = {doc->organisation, doc->unit};
    for (size_t i = 0; i < 2; i++) {
        const char *p = pdf_safe(ctx, parts[i]);
        if (*p) sb_printf(&left, "%s%s", left.len ? " \xC2\xB7 " : "", p);
    }
    const char *period = pdf_safe(ctx, doc->period);
    const char *data_date = pdf_safe(ctx, doc->data_date);
    double pw = pdf_strwidth(&small, period);
    char num[64];
    for (size_t i = 1; i < ctx->npages; i++) {
        pdf_use_page(ctx, i);
        if (*marking) {
            pdf_show_fit(ctx, &mark, PDF_MARGIN, PDF_TEXT_W, PDF_PAGE_H - 26, ALIGN_CENTER, marking);
            pdf_show_fit(ctx, &mark, PDF_MARGIN, PDF_TEXT_W, 22, ALIGN_CENTER, marking);
        }
        double hb = PDF_PAGE_H - 44;
        pdf_show_fit(ctx, &small, PDF_MARGIN, PDF_TEXT_W - pw - 16, hb, ALIGN_LEFT, sb_str(&left));
        pdf_show_fit(ctx, &small, PDF_MARGIN, PDF_TEXT_W, hb, ALIGN_RIGHT, period);
        pdf_rule(ctx, PDF_MARGIN, PDF_PAGE_H - 50, PDF_MARGIN + PDF_TEXT_W, PDF_PAGE_H - 50, 0.5,
                 PDF_RULE);
        pdf_rule(ctx, PDF_MARGIN, 54, PDF_MARGIN + PDF_TEXT_W, 54, 0.5, PDF_RULE);
        snprintf(num, sizeof num, "Page %zu of %zu", i + 1, ctx->npages);
        double nw = pdf_strwidth(&foot, num);
        pdf_show(ctx, &foot, PDF_MARGIN + PDF_TEXT_W - nw, 42, num, strlen(num));
        pdf_show_fit(ctx, &small, PDF_MARGIN, PDF_TEXT_W - nw - 16, 42, ALIGN_LEFT, data_date);
    }
    sb_free(&left);
}

/* Bookmarks: Contents, then sections with their level-2 headings. */
static void outlines(pdf_ctx *ctx, size_t contents_page) {
    HPDF_Encoder enc = HPDF_GetEncoder(ctx->pdf, "UTF-8");
    HPDF_Outline o = HPDF_CreateOutline(ctx->pdf, NULL, "Contents", enc);
    HPDF_Destination dst = HPDF_Page_CreateDestination(ctx->pages[contents_page]);
    if (o && dst) HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline section = NULL;
    for (size_t i = 0; i < ctx->ntoc; i++) {
        const pdf_toc *e = &ctx->toc[i];
        o = HPDF_CreateOutline(ctx->pdf, e->level == 1 ? NULL : section, e->text, enc);
        if (!o) return;
        if (e->level == 1) {
            section = o;
            HPDF_Outline_SetOpened(o, HPDF_TRUE);
        }
        dst = HPDF_Page_CreateDestination(ctx->pages[e->page]);
        if (!dst) return;
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(e->top + 8));
        HPDF_Outline_SetDestination(o, dst);
    }
}

/* ---- sections ---------------------------------------------------------- */

static void section_title(pdf_ctx *ctx, pdf_toc *e) {
    pdf_style h1 = pdf_style_make(ctx->bold, PDF_H1_SIZE, PDF_NAVY);
    h1.leading = PDF_H1_SIZE * 1.2;
    e->page = ctx->npages - 1;
    e->top = ctx->y;
    ctx->y -= pdf_text_box(ctx, &h1, PDF_MARGIN, ctx->y, PDF_TEXT_W, ALIGN_LEFT, e->text, 0, 1);
    pdf_rule(ctx, PDF_MARGIN, ctx->y - 4, PDF_MARGIN + 48, ctx->y - 4, 2.5, PDF_BLUE);
    ctx->y -= 18;
}

/* A section starts on a new page, unless the one before it ended in the
 * top half of its page: short sections (a tender pack's) then share pages
 * rather than leave them nearly empty. The title keeps with the start of
 * the section. 0, or -1 once libharu has failed. */
static int sections(pdf_ctx *ctx) {
    for (size_t i = 0; i < ctx->doc->nsections; i++) {
        const rpt_section *s = &ctx->doc->sections[i];
        if (i == 0 || ctx->y - PDF_BODY_BOTTOM < PDF_BODY_H / 2) {
            pdf_new_page(ctx);
        } else {
            ctx->y -= 28;
            double first = s->nblocks ? pdf_block_min_height(ctx, &s->blocks[0]) : 0;
            pdf_need(ctx, PDF_H1_SIZE * 1.2 + 22 + fmin(first, PDF_BODY_H / 3));
        }
        section_title(ctx, &ctx->toc[ctx->toc_next++]);
        for (size_t j = 0; j < s->nblocks; j++)
            pdf_block(ctx, &s->blocks[j], s->nblocks - j - 1);
        if (ctx->hpdf_code) return -1;
    }
    return 0;
}

/* ---- output ------------------------------------------------------------ */

/* Regular files are replaced atomically; a device or pipe (/dev/stdout,
 * /dev/full) is written in place, as renaming over it would be wrong. */
static int write_output(const char *path, const void *data, size_t len, sv_error *err) {
    struct stat st;
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return outfile_write_all(path, data, len, err);
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "cannot open output: %s", strerror(errno));
        return -1;
    }
    int e = 0;
    if (fwrite(data, 1, len, fp) != len) e = errno;
    if (fflush(fp) != 0 && !e) e = errno;
    if (fclose(fp) != 0 && !e) e = errno;
    if (e) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "write failed: %s", strerror(e));
        return -1;
    }
    return 0;
}

static int save(pdf_ctx *ctx, const char *path, sv_error *err) {
    HPDF_SaveToStream(ctx->pdf);
    if (hpdf_failed(ctx, path, "PDF save", err)) return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(ctx->pdf), got = size;
    HPDF_BYTE *buf = xmalloc(size ? size : 1);
    int rc = -1;
    if (size && HPDF_ReadFromStream(ctx->pdf, buf, &got) == HPDF_OK && got == size)
        rc = write_output(path, buf, size, err);
    else if (!hpdf_failed(ctx, path, "PDF save", err))
        sv_error_set(err, SV_EXIT_INTERNAL, path, 0, 0, "PDF save produced no data");
    free(buf);
    return rc;
}

int render_pdf(const rpt_doc *doc, const render_options *opt, const char *path, sv_error *err) {
    pdf_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.doc = doc;
    ctx.logo = opt ? opt->logo : NULL;
    int rc = -1;
    const char *font_dir = opt && opt->font_dir ? opt->font_dir : "fonts";
    ctx.pdf = HPDF_New(on_hpdf_error, &ctx);
    if (!ctx.pdf) {
        sv_error_set(err, SV_EXIT_INTERNAL, path, 0, 0, "cannot create a PDF document");
        goto done;
    }
    HPDF_SetCompressionMode(ctx.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(ctx.pdf);
    ctx.reg = load_font(&ctx, font_dir, "DejaVuSans.ttf", err);
    ctx.bold = ctx.reg ? load_font(&ctx, font_dir, "DejaVuSans-Bold.ttf", err) : NULL;
    if (!ctx.bold) goto done;
    set_info(&ctx, opt);
    ctx.marker = pdf_safe(&ctx, doc->suppression_marker ? doc->suppression_marker : "*");
    build_toc(&ctx);

    cover(&ctx);
    /* Contents pages are reserved now and filled once pages are known. */
    size_t first = ctx.npages, ncontents = contents(&ctx, first, 0);
    for (size_t i = 0; i < ncontents; i++) pdf_new_page(&ctx);
    if (sections(&ctx) != 0) goto done;
    contents(&ctx, first, 1);
    furniture(&ctx);
    outlines(&ctx, first);
    if (hpdf_failed(&ctx, path, "PDF layout", err)) goto done;
    rc = save(&ctx, path, err);

done:
    if (rc != 0) hpdf_failed(&ctx, path, "PDF layout", err); /* first error wins */
    for (size_t i = 0; i < ctx.ntoc; i++) free(ctx.toc[i].text);
    free(ctx.toc);
    for (size_t i = 0; i < ctx.nowned; i++) free(ctx.owned[i]);
    free(ctx.owned);
    free(ctx.pages);
    free(ctx.states);
    sb_free(&ctx.scratch);
    if (ctx.pdf) HPDF_Free(ctx.pdf);
    return rc;
}
