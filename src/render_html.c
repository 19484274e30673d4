/* render_html.c: the HTML edition, for screen readers, phones and the web
 * (WCAG 2.2 AA). One self-contained file: inline styles, inline SVG charts,
 * no scripts, no external requests. It walks the same tree as the PDF and
 * prints its strings as they are, so both editions show the same figures;
 * charts mirror the PDF's encodings (shapes, patterns, dashes, words) and
 * carry their data as a table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/base64.h>

#include "fmt.h"
#include "image.h"
#include "outfile.h"
#include "render.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- context ----------------------------------------------------------- */

typedef struct html_ctx {
    const rpt_doc *doc;
    strbuf *out;
    const char *marker;   /* suppression marker */
    const image *logo;    /* cover logo (render_options), or NULL */
    char **ids;           /* every id in the document, for uniqueness */
    size_t nids, cap_ids;
    char **sec_ids;       /* per section: its anchor */
    char **head_ids;      /* per heading block (flat over sections), else NULL */
    size_t *first_block;  /* per section: index of its first block in head_ids */
    int level;            /* HTML level of the last heading in this section */
} html_ctx;

/* ---- escaping ---------------------------------------------------------- */

/* Appends s escaped for HTML text (newlines as <br>) or, with attr, for a
 * quoted attribute value (newlines as spaces). Invalid UTF-8 becomes U+FFFD
 * and control characters are dropped, so the output is always valid. */
static void esc_mode(strbuf *sb, const char *s, int attr) {
    if (!s) return;
    size_t len = strlen(s);
    char *clean = NULL;
    if (utf8_invalid_at(s, len) != (size_t)-1) s = clean = utf8_sanitize(s, len);
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '&': sb_puts(sb, "&amp;"); break;
        case '<': sb_puts(sb, "&lt;"); break;
        case '>': sb_puts(sb, "&gt;"); break;
        case '"': sb_puts(sb, "&quot;"); break;
        case '\'': sb_puts(sb, "&#39;"); break;
        case '\n': sb_puts(sb, attr ? " " : "<br>"); break;
        case '\t': sb_putc(sb, ' '); break;
        default:
            if (c >= 0x20 && c != 0x7F) sb_putc(sb, (char)c);
        }
    }
    free(clean);
}

static void esc(strbuf *sb, const char *s) { esc_mode(sb, s, 0); }
static void esc_attr(strbuf *sb, const char *s) { esc_mode(sb, s, 1); }

static int blank(const char *s) { return !s || !*s; }

/* A CSS string body for @page content: quotes, backslashes and anything
 * that could close the style element become escapes. */
static void esc_css_string(strbuf *sb, const char *s) {
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '<' || *p == '>' || *p == '&' || *p < 0x20 ||
            *p == 0x7F)
            sb_printf(sb, "\\%X ", *p < 0x20 || *p == 0x7F ? 0x20u : (unsigned)*p);
        else
            sb_putc(sb, (char)*p);
    }
}

/* ---- ids --------------------------------------------------------------- */

static int id_used(const html_ctx *h, const char *id) {
    for (size_t i = 0; i < h->nids; i++)
        if (strcmp(h->ids[i], id) == 0) return 1;
    return 0;
}

/* A unique id from base ([A-Za-z0-9_-], anything else as '-'), suffixed
 * "-2", "-3"... on a clash. Borrowed: lives as long as the context. */
static const char *new_id(html_ctx *h, const char *base) {
    strbuf clean = STRBUF_INIT;
    for (const char *p = base ? base : ""; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_';
        sb_putc(&clean, ok ? c : '-');
    }
    if (!clean.len) sb_puts(&clean, "id");
    char *id = xstrdup(sb_str(&clean));
    for (unsigned n = 2; id_used(h, id); n++) {
        free(id);
        id = xasprintf("%s-%u", sb_str(&clean), n);
    }
    sb_free(&clean);
    XGROW(h->ids, h->cap_ids, h->nids + 1);
    h->ids[h->nids++] = id;
    return id;
}

/* A generated id: prefix and a running number. */
static const char *seq_id(html_ctx *h, const char *prefix) {
    char buf[48];
    snprintf(buf, sizeof buf, "%s-%zu", prefix, h->nids + 1);
    return new_id(h, buf);
}

/* Section anchors first (the contents links and the tree promise them),
 * then heading anchors, unique across the document. */
static void assign_ids(html_ctx *h) {
    const rpt_doc *d = h->doc;
    static const char *const reserved[] = {"main", "contents", "contents-title", "top"};
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++) new_id(h, reserved[i]);
    size_t nblocks = 0;
    h->sec_ids = xcalloc(d->nsections + 1, sizeof *h->sec_ids);
    h->first_block = xcalloc(d->nsections + 1, sizeof *h->first_block);
    for (size_t i = 0; i < d->nsections; i++) {
        char fallback[32];
        snprintf(fallback, sizeof fallback, "section-%zu", i + 1);
        const char *sid = blank(d->sections[i].id) ? fallback : d->sections[i].id;
        h->sec_ids[i] = (char *)new_id(h, sid);
        h->first_block[i] = nblocks;
        nblocks += d->sections[i].nblocks;
    }
    h->head_ids = xcalloc(nblocks + 1, sizeof *h->head_ids);
    for (size_t i = 0; i < d->nsections; i++) {
        const rpt_section *s = &d->sections[i];
        for (size_t j = 0; j < s->nblocks; j++) {
            if (s->blocks[j].kind != BLOCK_HEADING) continue;
            const char *hid = s->blocks[j].u.heading.id;
            char *base = xasprintf("%s-%s", h->sec_ids[i], blank(hid) ? "heading" : hid);
            h->head_ids[h->first_block[i] + j] = (char *)new_id(h, blank(hid) ? base : hid);
            free(base);
        }
    }
}

/* ---- text helpers ------------------------------------------------------ */

static const char *appendix_label(size_t k, char *buf, size_t cap) {
    if (k < 26)
        snprintf(buf, cap, "Appendix %c", (char)('A' + k));
    else
        snprintf(buf, cap, "Appendix %zu", k + 1);
    return buf;
}

/* A section's title as shown (appendices lettered, as in the PDF). */
static void section_title(strbuf *sb, const rpt_section *s, size_t appendix_no) {
    const char *title = blank(s->title) ? s->id : s->title;
    if (s->appendix) {
        char label[32];
        esc(sb, appendix_label(appendix_no, label, sizeof label));
        if (!blank(title)) sb_puts(sb, ": ");
    }
    esc(sb, title);
}

/* Visually hidden text for screen readers. */
static void vh(strbuf *sb, const char *text) {
    sb_puts(sb, "<span class=\"vh\">");
    esc(sb, text);
    sb_puts(sb, "</span>");
}

/* A decorative glyph (the words are beside it). */
static void glyph(strbuf *sb, const char *cls, const char *g) {
    sb_printf(sb, "<span class=\"mark %s\" aria-hidden=\"true\">%s</span>", cls, g);
}

/* Characters (code points) of a UTF-8 slice. */
static size_t nchars(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

typedef struct span {
    const char *s;
    size_t len;
} span;

/* Greedy word wrap at spaces to lines of at most max characters (a longer
 * word stays whole); at most cap lines, the last taking the rest. */
static size_t wrap(const char *s, size_t max, span *lines, size_t cap) {
    size_t n = 0;
    if (!s) s = "";
    while (*s == ' ') s++;
    while (*s && n < cap) {
        if (n + 1 == cap || nchars(s, strlen(s)) <= max) {
            lines[n++] = (span){s, strlen(s)};
            break;
        }
        const char *end = s, *p = s;
        while (*p) {
            const char *q = p;
            while (*q && *q != ' ') q++;
            if (end != s && nchars(s, (size_t)(q - s)) > max) break;
            end = q;
            if (!*q) break;
            p = q + 1;
        }
        lines[n++] = (span){s, (size_t)(end - s)};
        s = end;
        while (*s == ' ') s++;
    }
    return n;
}

static void esc_span(strbuf *sb, span sp) {
    char *t = xstrndup(sp.s, sp.len);
    esc_attr(sb, t);
    free(t);
}

/* ---- numbers (charts) -------------------------------------------------- */

/* A chart value as the PDF prints it: the chart's decimals and unit, a true
 * minus sign, never "-0". Raw text (escape before output). */
static void fmt_raw(strbuf *sb, double v, int decimals, const char *suffix) {
    char buf[160];
    fmt_chart_value(v, decimals, suffix, buf, sizeof buf);
    sb_puts(sb, buf);
}

/* The same, escaped into HTML. */
static void fmt_html_value(strbuf *sb, double v, int decimals, const char *suffix) {
    strbuf t = STRBUF_INIT;
    fmt_raw(&t, v, decimals, suffix);
    esc(sb, sb_str(&t));
    sb_free(&t);
}

/* The same for SVG text, where a line break must never become markup. */
static void fmt_svg(strbuf *sb, double v, int decimals, const char *suffix) {
    strbuf t = STRBUF_INIT;
    fmt_raw(&t, v, decimals, suffix);
    esc_attr(sb, sb_str(&t));
    sb_free(&t);
}

/* ---- document head and style ------------------------------------------ */

/* Colours: text at least 4.5:1 on its background, graphics at least 3:1
 * against white. Fills in charts are at least 4.5:1 so white labels fit. */
static const char *const CSS[] = {
    ":root{--ink:#1a1a1a;--muted:#4d4d4d;--navy:#003a70;--blue:#0072b2;--rule:#767676;"
    "--shade:#eaf1f8;--focus:#ffdd00;--green:#007a5a;--amber:#a15c00;--red:#b3261e}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;color:var(--ink);background:#fff;font-family:system-ui,-apple-system,"
    "\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",\"DejaVu Sans\",Arial,sans-serif;"
    "font-size:1.0625rem;line-height:1.5}\n"
    ".wrap{max-width:52rem;margin:0 auto;padding:0 1rem}\n"
    "p,li,td,th,figcaption,summary,caption{overflow-wrap:break-word}\n"
    "a{color:var(--navy);text-underline-offset:.15em}\n"
    "a:hover{text-decoration-thickness:.15em}\n"
    "a:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid "
    "var(--ink);outline-offset:2px;background:var(--focus);color:var(--ink)}\n"
    ".region:focus-visible{background:none}\n"
    ".skip{position:absolute;left:-9999px;top:0}\n"
    ".skip:focus{left:1rem;top:1rem;z-index:1;padding:.5rem 1rem}\n"
    ".vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;"
    "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}\n"
    ".marking{display:block;width:max-content;max-width:100%;margin:.75rem auto;padding:.2rem "
    ".9rem;border:2px solid var(--navy);color:var(--navy);font-weight:700;"
    "letter-spacing:.03em;text-align:center}\n"
    ".logo{display:block;width:auto;height:auto;max-width:12rem;max-height:5rem;"
    "margin:0 0 .75rem auto}\n"
    ".band{background:var(--navy);color:#fff;padding:1.5rem 0 1.75rem}\n"
    ".band h1{margin:0 0 .5rem;font-size:2rem;line-height:1.2}\n"
    ".band p{margin:.15rem 0}\n"
    ".band .org{font-size:1.25rem}\n"
    ".cover{margin:1.25rem 0 0;padding-top:.25rem;border-top:4px solid var(--blue);"
    "max-width:max-content}\n"
    ".cover .period{font-size:1.3rem;font-weight:700;color:var(--navy);margin:.5rem 0 0}\n"
    ".cover p{margin:.2rem 0}\n"
    ".meta{color:var(--muted)}\n"
    "nav{margin:1.5rem 0 0;padding:1rem 1.25rem;background:var(--shade);border-left:4px "
    "solid var(--blue)}\n"
    "nav h2{margin:0 0 .5rem;font-size:1.3rem;color:var(--navy)}\n"
    "nav ol{margin:0;padding:0;list-style:none}\n"
    "nav li{margin:.35rem 0}\n"
    "nav ol ol{padding-left:1.25rem;font-size:.95rem}\n"
    "nav>ol>li>a{font-weight:700}\n"
    ,
    "main{display:block}\n"
    "main>section{margin-top:2.5rem}\n"
    "h2,h3,h4,h5,h6{line-height:1.25;margin:1.75rem 0 .6rem}\n"
    "main h2{font-size:1.6rem;color:var(--navy);margin-top:0;padding-bottom:.3rem;"
    "border-bottom:3px solid var(--blue)}\n"
    "h3{font-size:1.3rem;color:var(--navy)}\n"
    "h4,h5,h6{font-size:1.1rem}\n"
        "p{margin:0 0 1rem}\n"
    "ul,ol{margin:0 0 1rem;padding-left:1.75rem}\n"
    "li{margin:.3rem 0}\n"
    ".callout{margin:0 0 1.25rem;padding:.9rem 1.1rem;background:var(--shade);border:1px "
    "solid #56b4e9;border-left:5px solid var(--blue)}\n"
    ".callout p{margin:0}\n"
    ".callout .title{font-weight:700;color:var(--navy);margin-bottom:.25rem}\n"
    ".tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(14.5rem,1fr));"
    "gap:.75rem;margin:0 0 1.5rem;padding:0;list-style:none}\n"
    ".tile{margin:0;padding:.7rem .9rem .8rem;border:1px solid var(--rule);border-top:6px "
    "solid #d9d9d9}\n"
    ".tile.rag-green{border-top-color:var(--green)}\n"
    ".tile.rag-amber{border-top-color:var(--amber)}\n"
    ".tile.rag-red{border-top-color:var(--red)}\n"
    ".tile p{margin:0}\n"
    ".tile .label{font-weight:700}\n"
    ".tile .value{font-size:1.9rem;font-weight:700;line-height:1.2;margin:.2rem 0;"
    "font-variant-numeric:tabular-nums}\n"
    ".tile .rating{font-weight:700;margin:0 0 .2rem}\n"
    ".tile .detail{color:var(--muted);font-size:.95rem}\n"
    ".tile .change{font-size:.95rem;margin-top:.3rem}\n"
    ".mark{display:inline-block;min-width:1.1em;font-style:normal}\n"
    ".mark.green{color:var(--green)}.mark.amber{color:var(--amber)}.mark.red{color:var(--red)}"
    "\n.mark.better{color:var(--green)}.mark.worse{color:var(--red)}.mark.neutral{color:var("
    "--muted)}\n.mark.higher{color:var(--blue)}.mark.lower{color:var(--amber)}\n"
    ,
    ".region{overflow-x:auto;margin:0 0 .5rem;max-width:100%}\n"
    "table{border-collapse:collapse;font-size:.95rem;font-variant-numeric:tabular-nums;"
    "min-width:100%}\n"
    /* Wide tables scroll sideways; caption and row headers stay in view. */
    "caption{text-align:left;font-weight:700;padding:0 0 .4rem;caption-side:top;"
    "position:sticky;left:0;max-width:calc(100vw - 2rem)}\n"
    "th,td{padding:.35rem .5rem;vertical-align:top;text-align:left;border-bottom:1px solid "
    "#b1b4b6}\n"
    "thead th{background:var(--shade);border-top:2px solid var(--navy);border-bottom:2px "
    "solid var(--navy);vertical-align:bottom}\n"
    "tbody th{font-weight:400}\n"
    ":where(tbody th[scope=row]){position:sticky;left:0;background:#fff;"
    "box-shadow:inset -1px 0 #d0d0d0}\n"
    "thead th:first-child{position:sticky;left:0;z-index:1}\n"
    "tr.group>th>span{position:sticky;left:.5rem}\n"
    ".num{text-align:right;white-space:nowrap}.ctr{text-align:center}\n"
    "th.num{white-space:normal}\n"
    "td.prose{min-width:14rem}th.prose{min-width:9rem}td.sig{white-space:nowrap}\n"
    "tr.total>*{font-weight:700;border-top:2px solid var(--ink)}\n"
    "tr.group>th{background:#f1f1f1;font-weight:700}\n"
    ".em{font-weight:700}\n"
    ".t-green{background:#e3f4ee}.t-amber{background:#fdf0d5}.t-red{background:#fbe3d6}\n"
    ".t-higher{background:#e5eff8}.t-lower{background:#f5e9f1}\n"
    ".table{margin:0 0 1.5rem}\n"
    ".notes{font-size:.95rem;color:var(--muted);margin:.25rem 0 .5rem}\n"
    ".key{font-size:.95rem;margin:.25rem 0 .25rem;color:var(--muted)}\n"
    ,
    "figure{margin:0 0 1.75rem;padding:0}\n"
    "figcaption{font-weight:700;margin:0 0 .5rem}\n"
    "figure svg{display:block;width:100%;overflow:visible;margin:0 0 .5rem;"
    "font-family:inherit}\n"
    "svg .t{font-size:14px;fill:var(--ink)}\n"
    "svg .tk{font-size:13px;fill:var(--muted)}\n"
    "svg .v{font-size:13px;fill:var(--ink)}\n"
    "svg .halo{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}\n"
    "svg .b{font-weight:700}\n"
    ".desc{font-size:.95rem;color:var(--muted);margin:0 0 .5rem}\n"
    "details{margin:.25rem 0 .75rem}\n"
    "summary{cursor:pointer;color:var(--navy);font-weight:700;padding:.25rem 0;"
    "text-decoration:underline;text-underline-offset:.15em}\n"
    "details[open] summary{margin-bottom:.5rem}\n"
    "footer{margin-top:3rem;padding:1rem 0 2rem;border-top:1px solid var(--rule);"
    "color:var(--muted);font-size:.95rem}\n"
    "footer p{margin:.25rem 0}\n"
    ,
    "@media (max-width:40em){body{font-size:1rem}.band h1{font-size:1.6rem}"
    "main h2{font-size:1.35rem}h3{font-size:1.15rem}.tile .value{font-size:1.6rem}"
    "svg .nw{display:none}nav{padding:.75rem 1rem}}\n"
    "@media print{body{font-size:10.5pt;line-height:1.4}.wrap{max-width:none;padding:0}"
    ".skip{display:none}.band{background:none;color:var(--ink);padding:0;border-bottom:3px "
    "solid var(--navy)}.band h1{color:var(--navy)}"
    "nav{background:none;border:1px solid var(--rule);break-after:page}"
    "main>section{break-before:page;margin-top:0}.pagebreak{break-before:page}"
    "figure,.tile,.callout,tr,img,svg{break-inside:avoid}h2,h3,h4,caption{break-after:avoid}"
    ".region{overflow:visible}table{font-size:8.5pt}details>summary{display:none}"
    "a{color:var(--ink);text-decoration:none}svg .nw{display:inline}"
    "caption,th{position:static!important;box-shadow:none!important}"
    ".tiles{grid-template-columns:repeat(3,1fr)}}\n"};

/* Title, organisation, unit and period, those present, joined by sep and
 * written by put (escaping for where they go). Returns how many. */
static int doc_line(strbuf *sb, const rpt_doc *d, const char *sep,
                    void (*put)(strbuf *, const char *)) {
    const char *parts[] = {d->title, d->organisation, d->unit, d->period};
    int n = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        if (blank(parts[i])) continue;
        if (n++) sb_puts(sb, sep);
        put(sb, parts[i]);
    }
    return n;
}

static void head(html_ctx *h) {
    const rpt_doc *d = h->doc;
    strbuf *sb = h->out;
    sb_puts(sb, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta name=\"color-scheme\" content=\"light\">\n<title>");
    if (!doc_line(sb, d, " \xE2\x80\x93 ", esc_attr)) sb_puts(sb, "Report");
    sb_puts(sb, "</title>\n");
    const char *meta[][2] = {{"author", d->author}, {"description", d->subject}};
    for (size_t i = 0; i < 2; i++) {
        if (blank(meta[i][1])) continue;
        sb_printf(sb, "<meta name=\"%s\" content=\"", meta[i][0]);
        esc_attr(sb, meta[i][1]);
        sb_puts(sb, "\">\n");
    }
    sb_puts(sb, "<meta name=\"generator\" content=\"svreport\">\n<style>\n");
    for (size_t i = 0; i < sizeof CSS / sizeof *CSS; i++) sb_puts(sb, CSS[i]);
    /* Printed pages carry the marking at top and bottom, and page numbers. */
    sb_puts(sb, "@page{size:A4;margin:20mm 16mm 22mm;");
    if (!blank(d->marking)) {
        sb_puts(sb, "@top-center{content:\"");
        esc_css_string(sb, d->marking);
        sb_puts(sb, "\";font:700 9pt sans-serif;color:#003a70}@bottom-center{content:\"");
        esc_css_string(sb, d->marking);
        sb_puts(sb, "\";font:700 9pt sans-serif;color:#003a70}");
    }
    sb_puts(sb, "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);"
                "font:8pt sans-serif;color:#1a1a1a}}\n</style>\n</head>\n");
}

/* ---- header, contents, footer ------------------------------------------ */

static void para_if(strbuf *sb, const char *cls, const char *text) {
    if (blank(text)) return;
    sb_printf(sb, "<p class=\"%s\">", cls);
    esc(sb, text);
    sb_puts(sb, "</p>\n");
}

/* The protective marking, boxed, at the top and foot of the page. */
static void marking(strbuf *sb, const char *text) {
    sb_puts(sb, "<p class=\"marking\"><span class=\"vh\">Protective marking: </span>");
    esc(sb, text);
    sb_puts(sb, "</p>\n");
}

static void banner(html_ctx *h) {
    const rpt_doc *d = h->doc;
    strbuf *sb = h->out;
    sb_puts(sb, "<body>\n<a class=\"skip\" href=\"#main\">Skip to main content</a>\n"
                "<header>\n");
    if (!blank(d->marking)) {
        sb_puts(sb, "<div class=\"wrap\">");
        marking(sb, d->marking);
        sb_puts(sb, "</div>\n");
    }
    if (h->logo && h->logo->png_len) {
        /* The checked PNG, inline, so that the file stands alone. */
        size_t n = BASE64_ENCODE_RAW_LENGTH(h->logo->png_len);
        char *b64 = xmalloc(n + 1);
        base64_encode_raw(b64, h->logo->png_len, h->logo->png);
        b64[n] = '\0';
        sb_printf(sb, "<div class=\"wrap\"><img class=\"logo\" width=\"%u\" height=\"%u\" alt=\"",
                  h->logo->width, h->logo->height);
        esc_attr(sb, blank(d->organisation) ? "Organisation" : d->organisation);
        sb_puts(sb, " logo\" src=\"data:image/png;base64,");
        sb_puts(sb, b64);
        sb_puts(sb, "\"></div>\n");
        free(b64);
    }
    sb_puts(sb, "<div class=\"band\"><div class=\"wrap\">\n<h1 id=\"top\">");
    esc(sb, blank(d->title) ? "Report" : d->title);
    sb_puts(sb, "</h1>\n");
    para_if(sb, "org", d->organisation);
    para_if(sb, "unit", d->unit);
    sb_puts(sb, "</div></div>\n<div class=\"wrap\"><div class=\"cover\">\n");
    para_if(sb, "period", d->period);
    para_if(sb, "period-long", d->period_long);
    para_if(sb, "meta", d->data_date);
    sb_puts(sb, "</div></div>\n</header>\n");
}

static void contents(html_ctx *h) {
    const rpt_doc *d = h->doc;
    strbuf *sb = h->out;
    if (!d->nsections) return;
    sb_puts(sb, "<div class=\"wrap\">\n<nav aria-label=\"Contents\">\n<h2 id=\"contents-title\">"
                "Contents</h2>\n<ol role=\"list\">\n");
    size_t appendices = 0;
    for (size_t i = 0; i < d->nsections; i++) {
        const rpt_section *s = &d->sections[i];
        sb_printf(sb, "<li><a href=\"#%s\">", h->sec_ids[i]);
        section_title(sb, s, appendices);
        if (s->appendix) appendices++;
        sb_puts(sb, "</a>");
        int open = 0;
        for (size_t j = 0; j < s->nblocks; j++) {
            const rpt_block *b = &s->blocks[j];
            if (b->kind != BLOCK_HEADING || b->u.heading.level != 2) continue;
            sb_puts(sb, open ? "\n" : "\n<ol role=\"list\">\n");
            open = 1;
            sb_printf(sb, "<li><a href=\"#%s\">", h->head_ids[h->first_block[i] + j]);
            esc(sb, b->u.heading.text);
            sb_puts(sb, "</a></li>");
        }
        sb_puts(sb, open ? "\n</ol></li>\n" : "</li>\n");
    }
    sb_puts(sb, "</ol>\n</nav>\n</div>\n");
}

static void footer(html_ctx *h) {
    const rpt_doc *d = h->doc;
    strbuf *sb = h->out;
    sb_puts(sb, "<footer>\n<div class=\"wrap\">\n");
    if (!blank(d->marking)) marking(sb, d->marking);
    sb_puts(sb, "<p>");
    doc_line(sb, d, " \xC2\xB7 ", esc);
    sb_puts(sb, "</p>\n");
    para_if(sb, "data-date", d->data_date);
    para_if(sb, "generated", d->generated);
    sb_puts(sb, "<p><a href=\"#top\">Back to top</a></p>\n</div>\n</footer>\n</body>\n</html>\n");
}

/* ---- text blocks ------------------------------------------------------- */

/* Headings never skip a level: h2 for the section, a tree level-2 heading
 * is h3, level 3 is h4 under an h3 (else h3). */
static int heading_level(html_ctx *h, int tree_level) {
    int want = (tree_level < 2 ? 2 : tree_level) + 1;
    if (want > 6) want = 6;
    if (want > h->level + 1) want = h->level + 1;
    h->level = want;
    return want;
}

static void heading(html_ctx *h, const rpt_block *b, const char *id) {
    int lv = heading_level(h, b->u.heading.level);
    sb_printf(h->out, "<h%d id=\"%s\">", lv, id);
    esc(h->out, b->u.heading.text);
    sb_printf(h->out, "</h%d>\n", lv);
}

static void list(strbuf *sb, const rpt_block *b) {
    const char *tag = b->u.list.ordered ? "ol" : "ul";
    sb_printf(sb, "<%s>\n", tag);
    for (size_t i = 0; i < b->u.list.n; i++) {
        sb_puts(sb, "<li>");
        esc(sb, b->u.list.items[i]);
        sb_puts(sb, "</li>\n");
    }
    sb_printf(sb, "</%s>\n", tag);
}

static void callout(strbuf *sb, const rpt_block *b) {
    sb_puts(sb, "<div class=\"callout\" role=\"note\">\n");
    if (!blank(b->u.callout.title)) {
        sb_puts(sb, "<p class=\"title\">");
        esc(sb, b->u.callout.title);
        sb_puts(sb, "</p>\n");
    }
    para_if(sb, "body", b->u.callout.text);
    sb_puts(sb, "</div>\n");
}

/* ---- tiles ------------------------------------------------------------- */

static const char *const RAG_WORD[] = {"", "Green", "Amber", "Red"};
static const char *const RAG_CLASS[] = {"", "green", "amber", "red"};
/* The PDF's shapes: circle, diamond, square. */
static const char *const RAG_GLYPH[] = {"", "\xE2\x97\x8F", "\xE2\x97\x86", "\xE2\x96\xA0"};

static int is_marker(const html_ctx *h, const char *s) {
    return s && h->marker && *h->marker && strcmp(s, h->marker) == 0;
}

static void tile(html_ctx *h, const rpt_tile *t) {
    strbuf *sb = h->out;
    unsigned rag = t->rag <= RAG_RED ? (unsigned)t->rag : 0;
    sb_printf(sb, "<li class=\"tile%s%s\">\n", rag ? " rag-" : "", RAG_CLASS[rag]);
    para_if(sb, "label", blank(t->label) ? "Indicator" : t->label);
    sb_puts(sb, "<p class=\"value\">");
    esc(sb, t->value);
    if (is_marker(h, t->value)) vh(sb, " (suppressed: too few to publish)");
    sb_puts(sb, "</p>\n");
    if (rag) {
        sb_puts(sb, "<p class=\"rating\">");
        glyph(sb, RAG_CLASS[rag], RAG_GLYPH[rag]);
        vh(sb, "Rating: ");
        sb_puts(sb, RAG_WORD[rag]);
        sb_puts(sb, "</p>\n");
    }
    para_if(sb, "detail", t->detail);
    unsigned dir = t->direction <= DIR_SAME ? (unsigned)t->direction : 0;
    unsigned judge = t->judgement <= JUDGE_WORSE ? (unsigned)t->judgement : 0;
    if (t->change || dir) {
        static const char *const arrow[] = {"", "\xE2\x96\xB2", "\xE2\x96\xBC",
                                            "\xE2\x96\xB6"};
        static const char *const judge_class[] = {"neutral", "better", "worse"};
        static const char *const dir_word[] = {"", "Up", "Down", "No change"};
        static const char *const judge_word[] = {"", " (better)", " (worse)"};
        sb_puts(sb, "<p class=\"change\">");
        if (dir) glyph(sb, judge_class[judge], arrow[dir]);
        if (t->change) {
            esc(sb, t->change);
        } else {
            sb_puts(sb, dir_word[dir]);
            sb_puts(sb, judge_word[judge]);
        }
        sb_puts(sb, "</p>\n");
    }
    sb_puts(sb, "</li>\n");
}

static void tiles(html_ctx *h, const rpt_block *b) {
    if (!b->u.tiles.n) return;
    sb_puts(h->out, "<ul class=\"tiles\" role=\"list\">\n");
    for (size_t i = 0; i < b->u.tiles.n; i++) tile(h, &b->u.tiles.items[i]);
    sb_puts(h->out, "</ul>\n");
}

/* ---- tables ------------------------------------------------------------ */

typedef struct table_marks {
    int suppressed, higher, lower, rag;
} table_marks;

/* Whether a RAG-flagged cell already says its rating in words, after any
 * marker glyph ("● Green", "Red against target"). */
static int says_rating(const char *text) {
    while (*text && !((*text >= 'A' && *text <= 'Z') || (*text >= 'a' && *text <= 'z'))) text++;
    for (size_t r = 1; r <= 3; r++)
        if (strncasecmp(text, RAG_WORD[r], strlen(RAG_WORD[r])) == 0) return 1;
    return 0;
}

static unsigned cell_rag(unsigned flags) {
    return flags & CELL_RAG_RED ? 3 : flags & CELL_RAG_AMBER ? 2 : flags & CELL_RAG_GREEN ? 1 : 0;
}

/* Cell contents: the text as in the tree, then marks that repeat what the
 * shading says (the PDF shades only; here shading is never alone). */
static void cell_body(html_ctx *h, const rpt_cell *cell, table_marks *m) {
    strbuf *sb = h->out;
    const char *text = cell->text ? cell->text : "";
    unsigned rag = cell_rag(cell->flags);
    if ((cell->flags & CELL_SUPPRESSED) || is_marker(h, text)) {
        sb_puts(sb, "<span aria-hidden=\"true\">");
        esc(sb, text);
        sb_puts(sb, "</span>");
        vh(sb, "suppressed");
        m->suppressed = 1;
    } else {
        esc(sb, text);
    }
    if (rag && !says_rating(text)) {
        sb_putc(sb, ' ');
        glyph(sb, RAG_CLASS[rag], RAG_GLYPH[rag]);
        sb_puts(sb, "<span class=\"vh\">(");
        sb_puts(sb, RAG_WORD[rag]);
        sb_puts(sb, ")</span>");
        m->rag = 1;
    }
    if (cell->flags & (CELL_HIGHER | CELL_LOWER)) {
        int hi = (cell->flags & CELL_HIGHER) != 0;
        if (!strstr(text, hi ? "\xE2\x96\xB2" : "\xE2\x96\xBC")) {
            sb_putc(sb, ' ');
            glyph(sb, hi ? "higher" : "lower", hi ? "\xE2\x96\xB2" : "\xE2\x96\xBC");
            vh(sb, hi ? "(significantly higher)" : "(significantly lower)");
            if (hi) m->higher = 1;
            else m->lower = 1;
        }
    }
}

static const char *cell_classes(const rpt_table *t, size_t c, unsigned flags, strbuf *cls) {
    sb_clear(cls);
    if (t->cols[c].align == ALIGN_RIGHT) sb_puts(cls, " num");
    if (t->cols[c].align == ALIGN_CENTER) sb_puts(cls, " ctr");
    if (flags & CELL_EMPHASIS) sb_puts(cls, " em");
    unsigned rag = cell_rag(flags);
    if (rag) sb_printf(cls, " t-%s", RAG_CLASS[rag]);
    else if (flags & CELL_HIGHER) sb_puts(cls, " t-higher");
    else if (flags & CELL_LOWER) sb_puts(cls, " t-lower");
    return cls->len ? cls->data + 1 : "";
}

/* Left-aligned columns whose cells run long are prose, kept wide enough to
 * read (the row headers a little less, as they stay in view). */
static int prose_column(const rpt_table *t, size_t c) {
    if (t->cols[c].align != ALIGN_LEFT || (c == 0 && t->ncols < 3)) return 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *s = rpt_table_cell(t, r, c)->text;
        if (s && strlen(s) > (c ? 60u : 40u) && !(t->row_flags[r] & ROW_HEADING)) return 1;
    }
    return 0;
}

static void table_row(html_ctx *h, const rpt_table *t, size_t r, const unsigned char *prose,
                      table_marks *m, strbuf *cls) {
    strbuf *sb = h->out;
    unsigned rf = t->row_flags[r];
    sb_puts(sb, rf & ROW_TOTAL ? "<tr class=\"total\">" : "<tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        const rpt_cell *cell = rpt_table_cell(t, r, c);
        const char *k = cell_classes(t, c, cell->flags, cls);
        int row_head = c == 0 && !blank(cell->text);
        const char *tag = row_head ? "th" : "td";
        sb_printf(sb, "<%s", tag);
        if (row_head) sb_puts(sb, " scope=\"row\"");
        if (*k || prose[c])
            sb_printf(sb, " class=\"%s%s%s\"", k, *k && prose[c] ? " " : "",
                      prose[c] ? "prose" : "");
        sb_putc(sb, '>');
        cell_body(h, cell, m);
        sb_printf(sb, "</%s>", tag);
    }
    sb_puts(sb, "</tr>\n");
}

/* The marks this table used, and the suppression marker, explained. */
static void table_key(html_ctx *h, const table_marks *m, const char *notes, const char *id) {
    strbuf *sb = h->out;
    int explain_marker = m->suppressed && !(notes && h->marker && strstr(notes, h->marker));
    if (!explain_marker && !m->rag && !m->higher && !m->lower) return;
    sb_printf(sb, "<p class=\"key\" id=\"%s\">", id);
    const char *sep = "";
    if (explain_marker) {
        esc(sb, h->marker);
        sb_puts(sb, " = suppressed: too few to publish without risk of identifying someone.");
        sep = " ";
    }
    if (m->rag) {
        sb_printf(sb, "%sRatings: ", sep);
        for (unsigned r = 1; r <= 3; r++) {
            glyph(sb, RAG_CLASS[r], RAG_GLYPH[r]);
            sb_printf(sb, "%s%s", RAG_WORD[r], r < 3 ? ", " : ".");
        }
        sep = " ";
    }
    if (m->higher || m->lower) {
        sb_puts(sb, sep);
        if (m->higher) {
            glyph(sb, "higher", "\xE2\x96\xB2");
            sb_puts(sb, "significantly higher");
            sb_puts(sb, m->lower ? "; " : ".");
        }
        if (m->lower) {
            glyph(sb, "lower", "\xE2\x96\xBC");
            sb_puts(sb, "significantly lower.");
        }
    }
    sb_puts(sb, "</p>\n");
}

static void table_block(html_ctx *h, const rpt_table *t) {
    strbuf *sb = h->out;
    const char *tid = seq_id(h, "table");
    char *cap_id = xasprintf("%s-caption", tid), *notes_id = xasprintf("%s-notes", tid);
    char *key_id = xasprintf("%s-key", tid);
    table_marks m = {0, 0, 0, 0};
    strbuf body = STRBUF_INIT, cls = STRBUF_INIT;
    unsigned char *prose = xcalloc(t->ncols + 1, 1);
    for (size_t c = 0; c < t->ncols; c++) prose[c] = (unsigned char)prose_column(t, c);
    /* Rows first, into their own buffer, to learn which marks need a key. */
    strbuf *saved = h->out;
    h->out = &body;
    int in_group = 0;
    sb_puts(&body, "<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->row_flags[r] & ROW_HEADING) {
            if (in_group || r > 0) sb_puts(&body, "</tbody>\n<tbody>\n");
            in_group = 1;
            sb_printf(&body, "<tr class=\"group\"><th colspan=\"%zu\" scope=\"rowgroup\">",
                      t->ncols ? t->ncols : 1);
            sb_puts(&body, "<span>");
            cell_body(h, rpt_table_cell(t, r, 0), &m);
            sb_puts(&body, "</span></th></tr>\n");
            continue;
        }
        table_row(h, t, r, prose, &m, &cls);
    }
    sb_puts(&body, "</tbody>\n");
    h->out = saved;
    int has_notes = !blank(t->notes);
    int explain = m.suppressed && !(has_notes && h->marker && strstr(t->notes, h->marker));
    int has_key = explain || m.rag || m.higher || m.lower;
    sb_printf(sb, "<div class=\"table\">\n<div class=\"region\" role=\"region\" "
                  "aria-labelledby=\"%s\" tabindex=\"0\">\n<table", cap_id);
    if (has_notes || has_key)
        sb_printf(sb, " aria-describedby=\"%s%s%s\"", has_notes ? notes_id : "",
                  has_notes && has_key ? " " : "", has_key ? key_id : "");
    sb_printf(sb, ">\n<caption id=\"%s\">", cap_id);
    esc(sb, blank(t->caption) ? "Table" : t->caption);
    sb_puts(sb, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        const char *k = cell_classes(t, c, 0, &cls);
        sb_puts(sb, "<th scope=\"col\"");
        if (*k) sb_printf(sb, " class=\"%s\"", k);
        sb_putc(sb, '>');
        if (blank(t->cols[c].header))
            vh(sb, c == 0 ? "Item" : "Value");
        else
            esc(sb, t->cols[c].header);
        sb_puts(sb, "</th>");
    }
    sb_puts(sb, "</tr></thead>\n");
    sb_append(sb, body.data ? body.data : "", body.len);
    sb_puts(sb, "</table>\n</div>\n");
    if (has_notes) {
        sb_printf(sb, "<p class=\"notes\" id=\"%s\">", notes_id);
        esc(sb, t->notes);
        sb_puts(sb, "</p>\n");
    }
    table_key(h, &m, t->notes, key_id);
    sb_puts(sb, "</div>\n");
    sb_free(&body);
    sb_free(&cls);
    free(prose);
    free(cap_id);
    free(notes_id);
    free(key_id);
}

/* ---- charts: common ---------------------------------------------------- */

/* Layout assumptions for text in SVG (px): the plot's narrowest width on a
 * 320 px screen and a typical desktop width; character width as a share of
 * the font size (DejaVu Sans, the widest common system face). */
#define NARROW_W 280.0
#define WIDE_W 780.0
#define CHAR_EM 0.62
#define LABEL_PX 14.0
#define TICK_PX 13.0
#define LINE_PX 18.0
#define LABEL_CHARS 30 /* per line, so labels fit a 320 px screen */

typedef struct chart_ctx {
    html_ctx *h;
    const rpt_chart *c;
    rpt_axis a;
    const char *id;   /* prefix for the chart's own ids */
    strbuf *sb;
    double p0, p1;    /* plot span, percent of the width */
    const void *legend_state; /* for a legend's swatch callback */
} chart_ctx;

static double text_px(const char *s, double size) {
    return (double)nchars(s, strlen(s)) * size * CHAR_EM;
}

static void pct(strbuf *sb, double f) { sb_printf(sb, "%.3f%%", f * 100.0); }

/* x of value v along the plot, as a percentage. */
static void xpos(chart_ctx *C, double v) {
    pct(C->sb, (C->p0 + rpt_axis_frac(&C->a, v) * (C->p1 - C->p0)) / 100.0);
}

static double xfrac(const chart_ctx *C, double v) {
    return (C->p0 + rpt_axis_frac(&C->a, v) * (C->p1 - C->p0)) / 100.0;
}

/* Text lines (already wrapped) from baseline y, LINE_PX apart. */
static double text_lines(chart_ctx *C, const char *cls, const char *x, const char *anchor,
                         double y, const span *lines, size_t n) {
    for (size_t i = 0; i < n; i++) {
        sb_printf(C->sb, "<text class=\"%s\" x=\"%s\" y=\"%.1f\"%s%s%s>", cls, x,
                  y + (double)i * LINE_PX, anchor ? " text-anchor=\"" : "", anchor ? anchor : "",
                  anchor ? "\"" : "");
        esc_span(C->sb, lines[i]);
        sb_puts(C->sb, "</text>\n");
    }
    return (double)n * LINE_PX;
}

/* A category label wrapped over up to three lines at the left edge; returns
 * its height. With draw 0 it only measures. */
static double cat_label(chart_ctx *C, const char *s, double top, size_t max, int draw) {
    span lines[3];
    size_t n = wrap(s, max, lines, 3);
    if (!n) n = 1, lines[0] = (span){"", 0};
    if (draw) text_lines(C, "t", "0", NULL, top + LABEL_PX, lines, n);
    return (double)n * LINE_PX;
}

/* Every k-th of ticks 0..last is labelled, k a multiple of base that
 * divides last (so both ends are labelled) and leaves labels room. */
static size_t tick_step(double spacing, double need, size_t last, size_t base) {
    for (size_t k = base; k < last; k += base)
        if (last % k == 0 && spacing * (double)k >= need) return k;
    return last ? last : 1;
}

/* Value-axis ticks along the bottom of rows [top, bottom]: grid lines,
 * tick marks and labels (some hidden on narrow screens so none touch),
 * then the axis label. Returns the y below it all. */
static double value_axis(chart_ctx *C, double top, double bottom) {
    strbuf *sb = C->sb;
    const rpt_axis *a = &C->a;
    size_t nt = rpt_axis_ticks(a);
    double widest = 0;
    strbuf t = STRBUF_INIT;
    for (size_t i = 0; i < nt; i++) {
        sb_clear(&t);
        fmt_svg(&t, rpt_axis_tick(a, i), a->decimals, a->suffix);
        widest = fmax(widest, text_px(sb_str(&t), TICK_PX));
    }
    double span_pct = (C->p1 - C->p0) / 100.0, gap = nt > 1 ? 1.0 / (double)(nt - 1) : 1;
    size_t kw = tick_step(WIDE_W * span_pct * gap, widest + 8, nt - 1, 1);
    size_t kn = tick_step(NARROW_W * span_pct * gap, widest + 8, nt - 1, kw);
    sb_puts(sb, "<g class=\"axis\">\n");
    for (size_t i = 0; i < nt; i++) {
        double v = rpt_axis_tick(a, i);
        int zero = fabs(v) < a->step * 1e-6 && a->min < 0;
        sb_puts(sb, "<line x1=\"");
        xpos(C, v);
        sb_puts(sb, "\" x2=\"");
        xpos(C, v);
        sb_printf(sb, "\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>\n", top,
                  bottom + 4, zero ? "#4d4d4d" : "#d0d0d0", zero ? "1.5" : "1");
        if (i % kw) continue;
        double f = xfrac(C, v);
        const char *anchor = f <= 0.001 ? "start" : f >= 0.99 ? "end" : "middle";
        sb_printf(sb, "<text class=\"tk%s\" x=\"", i % kn ? " nw" : "");
        pct(sb, f);
        sb_printf(sb, "\" y=\"%.1f\" text-anchor=\"%s\">", bottom + 4 + TICK_PX + 2, anchor);
        fmt_svg(sb, v, a->decimals, a->suffix);
        sb_puts(sb, "</text>\n");
    }
    sb_puts(sb, "<line x1=\"");
    pct(sb, C->p0 / 100.0);
    sb_puts(sb, "\" x2=\"");
    pct(sb, C->p1 / 100.0);
    sb_printf(sb, "\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#4d4d4d\" stroke-width=\"1\"/>\n",
              bottom, bottom);
    sb_puts(sb, "</g>\n");
    sb_free(&t);
    double y = bottom + 4 + TICK_PX + 8;
    if (!blank(C->c->axis_label)) {
        span lines[3];
        size_t n = wrap(C->c->axis_label, LABEL_CHARS + 4, lines, 3);
        y += text_lines(C, "tk", "0", NULL, y + TICK_PX, lines, n) + 4;
    }
    return y;
}

/* ---- charts: fills, shapes, legend ------------------------------------- */

typedef enum pattern {
    PAT_NONE, PAT_FWD, PAT_BACK, PAT_DOTS, PAT_HORIZ, PAT_CROSS, PAT_VERT
} pattern;

typedef struct fill_style {
    const char *fill, *ink; /* ink draws the pattern and any outline */
    pattern pat;
    int outline;
} fill_style;

/* Compare bars: solid, then hatched and outlined (the PDF's pairs). */
static const fill_style COMPARE_FILLS[] = {
    {"#0072b2", "#0072b2", PAT_NONE, 0},
    {"#c7e3f6", "#0072b2", PAT_FWD, 1},
    {"#bf3f00", "#bf3f00", PAT_NONE, 0},
    {"#fde4cc", "#993300", PAT_BACK, 1},
};

/* Stacked segments: each fill at least 4.5:1 against white, each with its
 * own pattern in translucent white, so segments differ by more than hue. */
static const fill_style STACK_FILLS[] = {
    {"#0072b2", "#ffffff", PAT_NONE, 0},  {"#a15c00", "#ffffff", PAT_FWD, 0},
    {"#007a5a", "#ffffff", PAT_BACK, 0},  {"#a3508a", "#ffffff", PAT_DOTS, 0},
    {"#2e6e9e", "#ffffff", PAT_HORIZ, 0}, {"#7a6a00", "#ffffff", PAT_CROSS, 0},
    {"#bf3f00", "#ffffff", PAT_VERT, 0},  {"#6b6b6b", "#ffffff", PAT_NONE, 0},
};

#define NFILLS(a) (sizeof(a) / sizeof *(a))

static void pattern_def(chart_ctx *C, const char *pid, const fill_style *fs) {
    strbuf *sb = C->sb;
    int light = fs->outline; /* light fill, dark ink */
    const char *op = light ? "1" : "0.55";
    static const char *const rotate[] = {"", "45", "-45", "", "", "45", ""};
    sb_printf(sb, "<pattern id=\"%s\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"",
              pid);
    if (*rotate[fs->pat]) sb_printf(sb, " patternTransform=\"rotate(%s)\"", rotate[fs->pat]);
    sb_printf(sb, "><rect width=\"6\" height=\"6\" fill=\"%s\"/>", fs->fill);
    switch (fs->pat) {
    case PAT_FWD:
    case PAT_BACK:
    case PAT_VERT:
        sb_printf(sb, "<line x1=\"1.5\" y1=\"0\" x2=\"1.5\" y2=\"6\" stroke=\"%s\" "
                      "stroke-width=\"1.5\" stroke-opacity=\"%s\"/>", fs->ink, op);
        break;
    case PAT_HORIZ:
        sb_printf(sb, "<line x1=\"0\" y1=\"1.5\" x2=\"6\" y2=\"1.5\" stroke=\"%s\" "
                      "stroke-width=\"1.5\" stroke-opacity=\"%s\"/>", fs->ink, op);
        break;
    case PAT_CROSS:
        sb_printf(sb, "<path d=\"M1.5 0V6M0 1.5H6\" stroke=\"%s\" stroke-width=\"1.2\" "
                      "stroke-opacity=\"%s\"/>", fs->ink, op);
        break;
    case PAT_DOTS:
        sb_printf(sb, "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"%s\" fill-opacity=\"%s\"/>",
                  fs->ink, op);
        break;
    case PAT_NONE: break;
    }
    sb_puts(sb, "</pattern>\n");
}

/* The paint for fill style k of a chart: a pattern id or a plain colour. */
static void paint(chart_ctx *C, const fill_style *fs, size_t k) {
    if (fs->pat == PAT_NONE)
        sb_printf(C->sb, "fill=\"%s\"", fs->fill);
    else
        sb_printf(C->sb, "fill=\"url(#%s-p%zu)\"", C->id, k);
    if (fs->outline) sb_printf(C->sb, " stroke=\"%s\" stroke-width=\"1\"", fs->ink);
}

typedef enum shape {
    SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_UP, SHAPE_DIAMOND, SHAPE_DOWN
} shape;

static const char *const SHAPE_NAME[] = {"circle", "square", "up", "diamond", "down"};

/* Marker shapes centred on 0,0 (radius about 5), painted by their <use>. */
static void shape_defs(chart_ctx *C) {
    strbuf *sb = C->sb;
    sb_printf(sb, "<circle id=\"%s-circle\" r=\"5\"/>\n", C->id);
    sb_printf(sb, "<rect id=\"%s-square\" x=\"-4.5\" y=\"-4.5\" width=\"9\" height=\"9\"/>\n",
              C->id);
    sb_printf(sb, "<path id=\"%s-up\" d=\"M0 -6.5L6 4.5H-6Z\"/>\n", C->id);
    sb_printf(sb, "<path id=\"%s-diamond\" d=\"M0 -6L6 0L0 6L-6 0Z\"/>\n", C->id);
    sb_printf(sb, "<path id=\"%s-down\" d=\"M0 6.5L6 -4.5H-6Z\"/>\n", C->id);
}

static void use_shape(chart_ctx *C, shape s, const char *x, double y, const char *fill,
                      const char *stroke) {
    sb_printf(C->sb, "<use href=\"#%s-%s\" x=\"%s\" y=\"%.1f\" fill=\"%s\" stroke=\"%s\" "
                     "stroke-width=\"1.2\"/>\n", C->id, SHAPE_NAME[s], x, y, fill, stroke);
}

/* Legend rows, one item per line so that any width fits; each begins with
 * a swatch drawn by the callback. Returns the height. */
typedef void (*swatch_fn)(chart_ctx *C, size_t item, double cy);

static double legend(chart_ctx *C, double top, size_t n, swatch_fn swatch,
                     const char *const *texts) {
    double y = top;
    for (size_t i = 0; i < n; i++) {
        span lines[3];
        size_t nl = wrap(texts[i], LABEL_CHARS + 2, lines, 3);
        swatch(C, i, y + LINE_PX / 2);
        for (size_t k = 0; k < nl; k++) {
            sb_printf(C->sb, "<text class=\"t\" x=\"30\" y=\"%.1f\">", y + LABEL_PX - 1 +
                      (double)k * LINE_PX);
            esc_span(C->sb, lines[k]);
            sb_puts(C->sb, "</text>\n");
        }
        y += (double)(nl ? nl : 1) * LINE_PX + 4;
    }
    return y - top;
}

/* ---- CHART_COMPARE_BARS ------------------------------------------------ */

#define BAR_H 14.0
#define BAR_GAP 3.0
#define ROW_GAP 12.0

static void compare_swatch(chart_ctx *C, size_t s, double cy) {
    sb_printf(C->sb, "<rect x=\"1\" y=\"%.1f\" width=\"22\" height=\"12\" ", cy - 6);
    paint(C, &COMPARE_FILLS[s % NFILLS(COMPARE_FILLS)], s % NFILLS(COMPARE_FILLS));
    sb_puts(C->sb, "/>\n");
}

/* A value label beside a bar end (or the marker where there is no value),
 * with a white halo so grid lines never run through it. */
static void bar_value(chart_ctx *C, double v, double base, double cy) {
    strbuf *sb = C->sb;
    double fb = xfrac(C, base);
    if (isnan(v)) {
        sb_puts(sb, "<text class=\"v halo\" x=\"");
        pct(sb, fb);
        sb_printf(sb, "\" dx=\"4\" y=\"%.1f\">", cy + 4.5);
        esc_attr(sb, C->h->marker);
        sb_puts(sb, "</text>\n");
        return;
    }
    double f = xfrac(C, v);
    int left = v < base && f > 0.15;
    sb_puts(sb, "<text class=\"v halo\" x=\"");
    pct(sb, left ? f : fmax(f, fb));
    sb_printf(sb, "\" dx=\"%s\" y=\"%.1f\"%s>", left ? "-4" : "4", cy + 4.5,
              left ? " text-anchor=\"end\"" : "");
    fmt_svg(sb, v, C->a.decimals, C->a.suffix);
    sb_puts(sb, "</text>\n");
}

static double compare_bars(chart_ctx *C, double y) {
    const rpt_chart *c = C->c;
    strbuf *sb = C->sb;
    size_t ns = c->nseries;
    double base = fmax(C->a.min, fmin(0, C->a.max));
    double rows_top = y;
    /* Grid and axis go under the bars: measure the rows first. */
    double h = 0;
    for (size_t i = 0; i < c->ncategories; i++)
        h += cat_label(C, c->categories[i], 0, LABEL_CHARS + 6, 0) + (double)ns * BAR_H +
             (double)(ns ? ns - 1 : 0) * BAR_GAP + ROW_GAP;
    double after = value_axis(C, rows_top, rows_top + h);
    for (size_t i = 0; i < c->ncategories; i++) {
        y += cat_label(C, c->categories[i], y, LABEL_CHARS + 6, 1);
        for (size_t s = 0; s < ns; s++, y += BAR_H + BAR_GAP) {
            double v = c->series[s].values[i];
            if (!isnan(v)) {
                double f0 = fmin(xfrac(C, v), xfrac(C, base)), f1 = fmax(xfrac(C, v), xfrac(C, base));
                sb_puts(sb, "<rect x=\"");
                pct(sb, f0);
                sb_printf(sb, "\" y=\"%.1f\" width=\"", y);
                pct(sb, f1 - f0);
                sb_printf(sb, "\" height=\"%.1f\" ", BAR_H);
                paint(C, &COMPARE_FILLS[s % NFILLS(COMPARE_FILLS)], s % NFILLS(COMPARE_FILLS));
                sb_puts(sb, "/>\n");
            }
            bar_value(C, v, base, y + BAR_H / 2);
        }
        y += ROW_GAP - BAR_GAP;
    }
    y = after;
    if (ns > 1) {
        const char **texts = xcalloc(ns, sizeof *texts);
        for (size_t s = 0; s < ns; s++) texts[s] = c->series[s].name ? c->series[s].name : "";
        y += 6 + legend(C, y + 6, ns < NFILLS(COMPARE_FILLS) ? ns : NFILLS(COMPARE_FILLS),
                        compare_swatch, texts);
        free(texts);
    }
    return y;
}

/* ---- CHART_DOT_INTERVAL ------------------------------------------------ */

typedef struct sig_style {
    shape shape;
    const char *fill;
    const char *word, *glyph;
} sig_style;

/* Shapes carry the comparison, colour only repeats it (as in the PDF). */
static const sig_style SIG_STYLES[] = {
    [SIGMARK_NONE] = {SHAPE_CIRCLE, "#ffffff", "Not compared", "\xE2\x97\x8B"},
    [SIGMARK_SIMILAR] = {SHAPE_CIRCLE, "#4d4d4d", "Similar", "\xE2\x97\x8F"},
    [SIGMARK_HIGHER] = {SHAPE_UP, "#0072b2", "Significantly higher", "\xE2\x96\xB2"},
    [SIGMARK_LOWER] = {SHAPE_DOWN, "#a15c00", "Significantly lower", "\xE2\x96\xBC"},
};

static rpt_sig sig_at(const rpt_chart *c, size_t i) {
    rpt_sig s = c->sig ? c->sig[i] : SIGMARK_NONE;
    return s <= SIGMARK_LOWER ? s : SIGMARK_NONE;
}

static void ref_line(chart_ctx *C, double v, double y0, double y1) {
    sb_puts(C->sb, "<line x1=\"");
    xpos(C, v);
    sb_puts(C->sb, "\" x2=\"");
    xpos(C, v);
    sb_printf(C->sb, "\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" "
                     "stroke-dasharray=\"5 4\"/>\n", y0, y1);
}

/* The reference line's words: its label, else its value. */
static void ref_text(const chart_ctx *C, strbuf *out) {
    if (!blank(C->c->reference_label))
        sb_puts(out, C->c->reference_label);
    else
        fmt_raw(out, C->c->reference, C->a.decimals, C->a.suffix);
}

/* Legend items for the dot chart: which shapes appear, interval, line. */
typedef struct dot_legend {
    rpt_sig sig[4];
    size_t nsig;
    int interval, ref;
} dot_legend;

static void dot_swatch(chart_ctx *C, size_t item, double cy) {
    const dot_legend *L = C->legend_state;
    if (item < L->nsig) {
        const sig_style *st = &SIG_STYLES[L->sig[item]];
        use_shape(C, st->shape, "12", cy, st->fill, "#1a1a1a");
    } else if (L->interval && item == L->nsig) {
        sb_printf(C->sb, "<path d=\"M2 %.1fH22M2 %.1fV%.1fM22 %.1fV%.1f\" stroke=\"#1a1a1a\" "
                         "stroke-width=\"1.5\" fill=\"none\"/>\n",
                  cy, cy - 4, cy + 4, cy - 4, cy + 4);
    } else {
        sb_printf(C->sb, "<line x1=\"2\" x2=\"22\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1a\" "
                         "stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n", cy, cy);
    }
}

#define DOT_BODY 20.0

static double dot_interval(chart_ctx *C, double y) {
    const rpt_chart *c = C->c;
    strbuf *sb = C->sb;
    const rpt_series *se = &c->series[0];
    int has_ref = isfinite(c->reference);
    strbuf rt = STRBUF_INIT;
    if (has_ref) ref_text(C, &rt);
    if (has_ref) { /* label above the rows, kept inside the width */
        double f = xfrac(C, c->reference);
        const char *anchor = f < 0.25 ? "start" : f > 0.75 ? "end" : "middle";
        sb_puts(sb, "<text class=\"t\" x=\"");
        pct(sb, f);
        sb_printf(sb, "\" y=\"%.1f\" text-anchor=\"%s\">", y + LABEL_PX, anchor);
        esc_attr(sb, sb_str(&rt));
        sb_puts(sb, "</text>\n");
        y += LINE_PX + 6;
    }
    double rows_top = y, h = 0;
    for (size_t i = 0; i < c->ncategories; i++)
        h += cat_label(C, c->categories[i], 0, LABEL_CHARS, 0) + DOT_BODY + 8;
    /* Faint banding on alternate rows helps the eye along. */
    double ry = y;
    for (size_t i = 0; i < c->ncategories; i++) {
        double rh = cat_label(C, c->categories[i], 0, LABEL_CHARS, 0) + DOT_BODY + 8;
        if (i % 2 == 0)
            sb_printf(sb, "<rect x=\"0\" y=\"%.1f\" width=\"100%%\" height=\"%.1f\" "
                          "fill=\"#f3f3f3\"/>\n", ry, rh);
        ry += rh;
    }
    double after = value_axis(C, rows_top, rows_top + h);
    if (has_ref) ref_line(C, c->reference, rows_top - 4, rows_top + h);
    dot_legend L = {{SIGMARK_NONE}, 0, 0, has_ref};
    int seen[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < c->ncategories; i++) {
        double v = se->values[i];
        rpt_sig sg = sig_at(c, i);
        y += 2;
        double lh = cat_label(C, c->categories[i], y, LABEL_CHARS, 1);
        /* The value at the right of the label line. */
        sb_printf(sb, "<text class=\"v b\" x=\"100%%\" y=\"%.1f\" text-anchor=\"end\">",
                  y + LABEL_PX);
        if (isnan(v))
            esc_attr(sb, C->h->marker);
        else
            fmt_svg(sb, v, C->a.decimals, C->a.suffix);
        sb_puts(sb, "</text>\n");
        double cy = y + lh + DOT_BODY / 2;
        int has_iv = se->lower && se->upper && !isnan(se->lower[i]) && !isnan(se->upper[i]);
        if (has_iv) {
            L.interval = 1;
            sb_puts(sb, "<g stroke=\"#1a1a1a\" stroke-width=\"1.5\">");
            sb_puts(sb, "<line x1=\"");
            xpos(C, se->lower[i]);
            sb_puts(sb, "\" x2=\"");
            xpos(C, se->upper[i]);
            sb_printf(sb, "\" y1=\"%.1f\" y2=\"%.1f\"/>", cy, cy);
            double ends[2] = {se->lower[i], se->upper[i]};
            for (size_t k = 0; k < 2; k++) {
                sb_puts(sb, "<line x1=\"");
                xpos(C, ends[k]);
                sb_puts(sb, "\" x2=\"");
                xpos(C, ends[k]);
                sb_printf(sb, "\" y1=\"%.1f\" y2=\"%.1f\"/>", cy - 5, cy + 5);
            }
            sb_puts(sb, "</g>\n");
        }
        if (!isnan(v)) {
            strbuf x = STRBUF_INIT;
            pct(&x, xfrac(C, v));
            use_shape(C, SIG_STYLES[sg].shape, sb_str(&x), cy, SIG_STYLES[sg].fill, "#1a1a1a");
            sb_free(&x);
            seen[sg] = 1;
        }
        y += lh + DOT_BODY + 6;
    }
    y = after;
    static const rpt_sig order[] = {SIGMARK_HIGHER, SIGMARK_SIMILAR, SIGMARK_LOWER, SIGMARK_NONE};
    const char *texts[6];
    size_t n = 0;
    for (size_t k = 0; k < 4; k++)
        if (seen[order[k]]) {
            L.sig[L.nsig++] = order[k];
            texts[n++] = SIG_STYLES[order[k]].word;
        }
    if (L.interval) texts[n++] = "95% confidence interval";
    if (has_ref) texts[n++] = sb_str(&rt);
    C->legend_state = &L;
    if (n) y += 6 + legend(C, y + 6, n, dot_swatch, texts);
    C->legend_state = NULL;
    sb_free(&rt);
    return y;
}

/* ---- CHART_STACKED ----------------------------------------------------- */

#define STACK_H 24.0

static void stack_swatch(chart_ctx *C, size_t s, double cy) {
    sb_printf(C->sb, "<rect x=\"1\" y=\"%.1f\" width=\"22\" height=\"14\" ", cy - 7);
    paint(C, &STACK_FILLS[s % NFILLS(STACK_FILLS)], s % NFILLS(STACK_FILLS));
    sb_puts(C->sb, "/>\n");
}

static double stacked(chart_ctx *C, double y) {
    const rpt_chart *c = C->c;
    strbuf *sb = C->sb;
    double rows_top = y, h = 0;
    for (size_t i = 0; i < c->ncategories; i++)
        h += cat_label(C, c->categories[i], 0, LABEL_CHARS + 6, 0) + STACK_H + ROW_GAP;
    double after = value_axis(C, rows_top, rows_top + h);
    strbuf lab = STRBUF_INIT;
    for (size_t i = 0; i < c->ncategories; i++) {
        y += cat_label(C, c->categories[i], y, LABEL_CHARS + 6, 1);
        double acc = fmax(C->a.min, 0);
        int any = 0;
        for (size_t s = 0; s < c->nseries; s++) {
            double v = c->series[s].values[i];
            if (isnan(v) || v <= 0) continue;
            any = 1;
            size_t k = s % NFILLS(STACK_FILLS);
            double f0 = xfrac(C, acc), f1 = xfrac(C, acc + v);
            acc += v;
            sb_puts(sb, "<rect x=\"");
            pct(sb, f0);
            sb_printf(sb, "\" y=\"%.1f\" width=\"", y);
            pct(sb, f1 - f0);
            sb_printf(sb, "\" height=\"%.1f\" ", STACK_H);
            paint(C, &STACK_FILLS[k], k);
            sb_puts(sb, " stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n");
            /* A label where the segment is wide enough for it: on every
             * screen, or only on wider ones. */
            sb_clear(&lab);
            fmt_raw(&lab, v, C->a.decimals, C->a.suffix);
            double need = text_px(sb_str(&lab), TICK_PX) + 8, w = f1 - f0;
            if (w * WIDE_W < need) continue;
            sb_printf(sb, "<text class=\"v halo%s\" style=\"fill:#fff;stroke:%s\" x=\"",
                      w * NARROW_W < need ? " nw" : "", STACK_FILLS[k].fill);
            pct(sb, (f0 + f1) / 2);
            sb_printf(sb, "\" y=\"%.1f\" text-anchor=\"middle\">", y + STACK_H / 2 + 4.5);
            esc_attr(sb, sb_str(&lab));
            sb_puts(sb, "</text>\n");
        }
        if (!any) {
            sb_puts(sb, "<text class=\"v halo\" x=\"");
            pct(sb, xfrac(C, fmax(C->a.min, 0)));
            sb_printf(sb, "\" dx=\"4\" y=\"%.1f\">", y + STACK_H / 2 + 4.5);
            esc_attr(sb, C->h->marker);
            sb_puts(sb, "</text>\n");
        }
        y += STACK_H + ROW_GAP;
    }
    sb_free(&lab);
    y = after;
    const char **texts = xcalloc(c->nseries, sizeof *texts);
    for (size_t s = 0; s < c->nseries; s++) texts[s] = c->series[s].name ? c->series[s].name : "";
    y += 6 + legend(C, y + 6, c->nseries, stack_swatch, texts);
    free(texts);
    return y;
}

/* ---- CHART_TREND ------------------------------------------------------- */

#define TREND_H 200.0

static const char *const SERIES_COLOR[] = {"#0072b2", "#bf3f00", "#007a5a",
                                           "#a3508a", "#a15c00", "#2e6e9e"};
static const char *const SERIES_DASH[] = {"", "8 4", "2 3", "9 3 2 3"};

static shape series_shape(size_t s) {
    static const shape shapes[] = {SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_UP, SHAPE_DIAMOND,
                                   SHAPE_DOWN};
    return shapes[s % 5];
}

static void trend_swatch(chart_ctx *C, size_t s, double cy) {
    if (s >= C->c->nseries) { /* the reference line */
        sb_printf(C->sb, "<line x1=\"0\" x2=\"24\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1a\" "
                         "stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n", cy, cy);
        return;
    }
    const char *col = SERIES_COLOR[s % 6], *dash = SERIES_DASH[s % 4];
    sb_printf(C->sb, "<line x1=\"0\" x2=\"24\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                     "stroke-width=\"2.5\"%s%s%s/>\n", cy, cy, col,
              *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
    use_shape(C, series_shape(s), "12", cy, col, "#ffffff");
}

static double trend_y(const chart_ctx *C, double top, double v) {
    return top + TREND_H * (1 - rpt_axis_frac(&C->a, v));
}

static double trend(chart_ctx *C, double y) {
    const rpt_chart *c = C->c;
    strbuf *sb = C->sb;
    const rpt_axis *a = &C->a;
    size_t n = c->ncategories;
    if (!blank(c->axis_label)) { /* above the value axis, read across */
        span lines[3];
        size_t nl = wrap(c->axis_label, LABEL_CHARS + 4, lines, 3);
        y += text_lines(C, "tk", "0", NULL, y + TICK_PX, lines, nl) + 6;
    }
    double top = y + 8, bottom = top + TREND_H;
    /* Value ticks: labels in a gutter at the left, grid lines across the
     * plot, which is a nested viewport so that periods are placed in
     * percentages of what is left of the width. */
    size_t nt = rpt_axis_ticks(a);
    double gutter = 0;
    strbuf tick = STRBUF_INIT;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nt; i++) {
            sb_clear(&tick);
            fmt_raw(&tick, rpt_axis_tick(a, i), a->decimals, a->suffix);
            if (pass == 0) {
                gutter = fmax(gutter, ceil(text_px(sb_str(&tick), TICK_PX)) + 8);
                continue;
            }
            sb_printf(sb, "<text class=\"tk\" x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
                      gutter - 6, trend_y(C, top, rpt_axis_tick(a, i)) + 4.5);
            esc_attr(sb, sb_str(&tick));
            sb_puts(sb, "</text>\n");
        }
    sb_free(&tick);
    sb_printf(sb, "<svg x=\"%.0f\" y=\"0\" width=\"85%%\" height=\"100%%\" overflow=\"visible\" "
                  "style=\"width:calc(100%% - %.0fpx)\">\n", gutter, gutter + 8);
    for (size_t i = 0; i < nt; i++) {
        double ty = trend_y(C, top, rpt_axis_tick(a, i));
        sb_printf(sb, "<line x1=\"0\" x2=\"100%%\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", ty,
                  ty, i == 0 ? "#4d4d4d" : "#d0d0d0");
    }
    /* Category ticks and labels: every k-th, the latest always labelled. */
    double lw = 0;
    for (size_t i = 0; i < n; i++) {
        span lines[2];
        size_t nl = wrap(c->categories[i], 8, lines, 2);
        for (size_t k = 0; k < nl; k++) {
            char *t = xstrndup(lines[k].s, lines[k].len);
            lw = fmax(lw, text_px(t, TICK_PX));
            free(t);
        }
    }
    size_t kw = 1, kn;
    while (kw < n && (WIDE_W - gutter) / (double)n * (double)kw < lw + 8) kw++;
    kn = kw;
    while (kn < n && (NARROW_W - gutter) / (double)n * (double)kn < lw + 8) kn += kw;
    double label_h = 0;
    for (size_t i = 0; i < n; i++) {
        double f = ((double)i + 0.5) / (double)n;
        sb_puts(sb, "<line x1=\"");
        pct(sb, f);
        sb_puts(sb, "\" x2=\"");
        pct(sb, f);
        sb_printf(sb, "\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#4d4d4d\"/>\n", bottom, bottom + 4);
        if ((n - 1 - i) % kw) continue;
        span lines[2];
        size_t nl = wrap(c->categories[i], 8, lines, 2);
        for (size_t k = 0; k < nl; k++) {
            sb_printf(sb, "<text class=\"tk%s\" x=\"", (n - 1 - i) % kn ? " nw" : "");
            pct(sb, f);
            sb_printf(sb, "\" y=\"%.1f\" text-anchor=\"middle\">",
                      bottom + 4 + TICK_PX + 2 + (double)k * (TICK_PX + 3));
            esc_span(sb, lines[k]);
            sb_puts(sb, "</text>\n");
        }
        label_h = fmax(label_h, (double)nl * (TICK_PX + 3));
    }
    int has_ref = isfinite(c->reference);
    strbuf rt = STRBUF_INIT;
    if (has_ref) {
        ref_text(C, &rt);
        double ry = trend_y(C, top, c->reference);
        sb_printf(sb, "<line x1=\"0\" x2=\"100%%\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1a\" "
                      "stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n", ry, ry);
        int below = ry - top < LABEL_PX + 4;
        sb_printf(sb, "<text class=\"t halo\" x=\"100%%\" y=\"%.1f\" text-anchor=\"end\">",
                  below ? ry + LABEL_PX + 2 : ry - 5);
        esc_attr(sb, sb_str(&rt));
        sb_puts(sb, "</text>\n");
    }
    /* Lines, broken at missing points, then markers over them. */
    for (size_t s = 0; s < c->nseries; s++) {
        const double *v = c->series[s].values;
        const char *col = SERIES_COLOR[s % 6], *dash = SERIES_DASH[s % 4];
        sb_printf(sb, "<g stroke=\"%s\" stroke-width=\"2.5\" stroke-linecap=\"round\"%s%s%s>\n",
                  col, *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
        for (size_t i = 0; i + 1 < n; i++) {
            if (isnan(v[i]) || isnan(v[i + 1])) continue;
            sb_puts(sb, "<line x1=\"");
            pct(sb, ((double)i + 0.5) / (double)n);
            sb_puts(sb, "\" x2=\"");
            pct(sb, ((double)i + 1.5) / (double)n);
            sb_printf(sb, "\" y1=\"%.1f\" y2=\"%.1f\"/>\n", trend_y(C, top, v[i]),
                      trend_y(C, top, v[i + 1]));
        }
        sb_puts(sb, "</g>\n");
        for (size_t i = 0; i < n; i++) {
            if (isnan(v[i])) continue;
            strbuf x = STRBUF_INIT;
            pct(&x, ((double)i + 0.5) / (double)n);
            use_shape(C, series_shape(s), sb_str(&x), trend_y(C, top, v[i]), col, "#ffffff");
            sb_free(&x);
        }
    }
    sb_puts(sb, "</svg>\n");
    y = bottom + 4 + label_h + 10;
    /* Legend: each series with its latest value, then the reference. */
    size_t nl = c->nseries + (has_ref ? 1 : 0);
    char **texts = xcalloc(nl + 1, sizeof *texts);
    for (size_t s = 0; s < c->nseries; s++) {
        strbuf t = STRBUF_INIT;
        sb_puts(&t, c->series[s].name ? c->series[s].name : "");
        for (size_t i = n; i-- > 0;)
            if (!isnan(c->series[s].values[i])) {
                sb_puts(&t, t.len ? ": " : "");
                fmt_raw(&t, c->series[s].values[i], a->decimals, "");
                sb_printf(&t, "%s in %s", a->suffix, c->categories[i] ? c->categories[i] : "");
                break;
            }
        texts[s] = sb_detach(&t);
    }
    if (has_ref) texts[c->nseries] = sb_detach(&rt);
    y += 6 + legend(C, y + 6, nl, trend_swatch, (const char *const *)texts);
    for (size_t i = 0; i < nl; i++) free(texts[i]);
    free(texts);
    sb_free(&rt);
    return y;
}

/* ---- charts: the figure ------------------------------------------------ */

/* The chart's figures as a table: one row per category, one column per
 * series; intervals and comparisons where the chart has them. */
static void data_table(chart_ctx *C, const char *cap_id) {
    const rpt_chart *c = C->c;
    strbuf *sb = C->sb;
    int iv = c->kind == CHART_DOT_INTERVAL && c->nseries && c->series[0].lower &&
             c->series[0].upper;
    int sig = c->kind == CHART_DOT_INTERVAL && c->sig;
    sb_puts(sb, "<details>\n<summary>Data table<span class=\"vh\"> for this chart</span>"
                "</summary>\n");
    sb_printf(sb, "<div class=\"region\" role=\"region\" aria-labelledby=\"%s\" tabindex=\"0\">\n"
                  "<table class=\"data\">\n<caption id=\"%s\">Data: ", cap_id, cap_id);
    esc(sb, blank(c->title) ? "chart" : c->title);
    sb_puts(sb, "</caption>\n<thead><tr><th scope=\"col\">");
    esc(sb, c->kind == CHART_TREND ? "Period" : "Category");
    sb_puts(sb, "</th>");
    for (size_t s = 0; s < c->nseries; s++) {
        sb_puts(sb, "<th scope=\"col\" class=\"num\">");
        const char *name = c->series[s].name;
        esc(sb, !blank(name) ? name : !blank(c->axis_label) ? c->axis_label : "Value");
        sb_puts(sb, "</th>");
        if (iv && s == 0)
            sb_puts(sb, "<th scope=\"col\" class=\"num\">Lower limit</th>"
                        "<th scope=\"col\" class=\"num\">Upper limit</th>");
    }
    if (sig) {
        sb_puts(sb, "<th scope=\"col\">Compared with ");
        if (isfinite(c->reference)) {
            strbuf rt = STRBUF_INIT;
            ref_text(C, &rt);
            esc(sb, sb_str(&rt));
            sb_free(&rt);
        } else {
            sb_puts(sb, "the comparator");
        }
        sb_puts(sb, "</th>");
    }
    sb_puts(sb, "</tr></thead>\n<tbody>\n");
    int long_labels = 0;
    for (size_t i = 0; i < c->ncategories; i++)
        if (c->categories[i] && strlen(c->categories[i]) > 24) long_labels = 1;
    for (size_t i = 0; i < c->ncategories; i++) {
        sb_printf(sb, "<tr><th scope=\"row\"%s>", long_labels ? " class=\"prose\"" : "");
        esc(sb, c->categories[i]);
        sb_puts(sb, "</th>");
        for (size_t s = 0; s < c->nseries; s++) {
            const rpt_series *se = &c->series[s];
            double vals[3] = {se->values[i], iv && s == 0 ? se->lower[i] : NAN,
                              iv && s == 0 ? se->upper[i] : NAN};
            for (size_t k = 0; k < (iv && s == 0 ? 3u : 1u); k++) {
                sb_puts(sb, "<td class=\"num\">");
                if (isnan(vals[k])) {
                    sb_puts(sb, "<span aria-hidden=\"true\">");
                    esc(sb, k ? "" : C->h->marker);
                    sb_puts(sb, "</span>");
                    vh(sb, k ? "none" : "suppressed or not available");
                } else {
                    fmt_html_value(sb, vals[k], C->a.decimals, C->a.suffix);
                }
                sb_puts(sb, "</td>");
            }
        }
        if (sig) {
            const sig_style *st = &SIG_STYLES[sig_at(c, i)];
            sb_puts(sb, "<td class=\"sig\">");
            glyph(sb, "", st->glyph);
            sb_puts(sb, st->word);
            sb_puts(sb, "</td>");
        }
        sb_puts(sb, "</tr>\n");
    }
    sb_puts(sb, "</tbody>\n</table>\n</div>\n");
    if (isfinite(c->reference) && c->kind == CHART_TREND) {
        strbuf rt = STRBUF_INIT;
        ref_text(C, &rt);
        sb_puts(sb, "<p class=\"key\">Reference line: ");
        esc(sb, sb_str(&rt));
        if (!blank(c->reference_label)) {
            sb_puts(sb, " (");
            fmt_html_value(sb, c->reference, C->a.decimals, C->a.suffix);
            sb_puts(sb, ")");
        }
        sb_puts(sb, ".</p>\n");
        sb_free(&rt);
    }
    sb_puts(sb, "</details>\n");
}

static void chart_block(html_ctx *h, const rpt_chart *c) {
    strbuf *sb = h->out;
    const char *fid = seq_id(h, "figure");
    chart_ctx C = {h, c, rpt_chart_axis(c), fid, sb, 0, 80, NULL};
    char *title_id = xasprintf("%s-title", fid), *desc_id = xasprintf("%s-desc", fid);
    char *cap_id = xasprintf("%s-caption", fid), *data_id = xasprintf("%s-data", fid);
    char *notes_id = xasprintf("%s-notes", fid);
    sb_printf(sb, "<figure>\n<figcaption id=\"%s\">", cap_id);
    esc(sb, blank(c->title) ? "Chart" : c->title);
    sb_puts(sb, "</figcaption>\n");
    if (!c->ncategories || !c->nseries) {
        sb_puts(sb, "<p>No data to show.</p>\n");
    } else {
        if (c->kind == CHART_DOT_INTERVAL) C.p1 = 95;
        if (c->kind == CHART_STACKED) C.p1 = 95;
        /* Drawn into a side buffer: the height is known only at the end. */
        strbuf body = STRBUF_INIT;
        C.sb = &body;
        sb_puts(&body, "<defs>\n");
        shape_defs(&C);
        const fill_style *fills = c->kind == CHART_STACKED ? STACK_FILLS : COMPARE_FILLS;
        size_t nf = c->kind == CHART_STACKED ? NFILLS(STACK_FILLS) : NFILLS(COMPARE_FILLS);
        if (c->kind == CHART_STACKED || c->kind == CHART_COMPARE_BARS)
            for (size_t k = 0; k < nf && k < c->nseries; k++) {
                if (fills[k].pat == PAT_NONE) continue;
                char *pid = xasprintf("%s-p%zu", fid, k);
                pattern_def(&C, pid, &fills[k]);
                free(pid);
            }
        sb_puts(&body, "</defs>\n");
        double hgt = 4;
        switch (c->kind) {
        case CHART_COMPARE_BARS: hgt = compare_bars(&C, 4); break;
        case CHART_DOT_INTERVAL: hgt = dot_interval(&C, 4); break;
        case CHART_TREND: hgt = trend(&C, 4); break;
        case CHART_STACKED: hgt = stacked(&C, 4); break;
        }
        C.sb = sb;
        sb_printf(sb, "<svg role=\"img\" aria-labelledby=\"%s\" aria-describedby=\"%s\" "
                      "width=\"100%%\" height=\"%.0f\">\n",
                  title_id, desc_id, ceil(hgt + 4));
        sb_printf(sb, "<title id=\"%s\">", title_id);
        esc_attr(sb, blank(c->title) ? "Chart" : c->title);
        sb_printf(sb, "</title>\n<desc id=\"%s\">", desc_id);
        esc_attr(sb, blank(c->description) ? "A chart; its figures are in the data table below."
                                       : c->description);
        sb_puts(sb, "</desc>\n");
        sb_append(sb, body.data ? body.data : "", body.len);
        sb_puts(sb, "</svg>\n");
        sb_free(&body);
    }
    para_if(sb, "desc", c->description);
    if (!blank(c->notes)) {
        sb_printf(sb, "<p class=\"notes\" id=\"%s\">", notes_id);
        esc(sb, c->notes);
        sb_puts(sb, "</p>\n");
    }
    if (c->ncategories && c->nseries) data_table(&C, data_id);
    sb_puts(sb, "</figure>\n");
    free(title_id);
    free(desc_id);
    free(cap_id);
    free(data_id);
    free(notes_id);
}

/* ---- sections ---------------------------------------------------------- */

static void block(html_ctx *h, const rpt_block *b, const char *heading_id) {
    switch (b->kind) {
    case BLOCK_HEADING: heading(h, b, heading_id); break;
    case BLOCK_PARAGRAPH: para_if(h->out, "p", b->u.paragraph.text); break;
    case BLOCK_TILES: tiles(h, b); break;
    case BLOCK_TABLE: table_block(h, b->u.table); break;
    case BLOCK_CHART: chart_block(h, b->u.chart); break;
    case BLOCK_LIST: list(h->out, b); break;
    case BLOCK_CALLOUT: callout(h->out, b); break;
    case BLOCK_PAGEBREAK: sb_puts(h->out, "<div class=\"pagebreak\"></div>\n"); break;
    }
}

static void sections(html_ctx *h) {
    const rpt_doc *d = h->doc;
    strbuf *sb = h->out;
    sb_puts(sb, "<div class=\"wrap\">\n<main id=\"main\">\n");
    size_t appendices = 0;
    for (size_t i = 0; i < d->nsections; i++) {
        const rpt_section *s = &d->sections[i];
        const char *sid = h->sec_ids[i];
        char *title_id = xasprintf("%s-title", sid);
        const char *tid = new_id(h, title_id);
        sb_printf(sb, "<section id=\"%s\" aria-labelledby=\"%s\"%s>\n<h2 id=\"%s\">", sid, tid,
                  s->appendix ? " class=\"appendix\"" : "", tid);
        section_title(sb, s, appendices);
        if (s->appendix) appendices++;
        sb_puts(sb, "</h2>\n");
        h->level = 2;
        for (size_t j = 0; j < s->nblocks; j++)
            block(h, &s->blocks[j], h->head_ids[h->first_block[i] + j]);
        sb_puts(sb, "</section>\n");
        free(title_id);
    }
    if (!d->nsections) sb_puts(sb, "<p>This report has no sections.</p>\n");
    sb_puts(sb, "</main>\n</div>\n");
}

/* ---- entry point ------------------------------------------------------- */

int render_html(const rpt_doc *doc, const render_options *opt, const char *path, sv_error *err) {
    /* Nothing in the HTML depends on fonts or the clock; the logo is inline. */
    if (!doc || !path) {
        sv_error_set(err, SV_EXIT_INTERNAL, path, 0, 0, "render_html: no document or path");
        return -1;
    }
    strbuf out = STRBUF_INIT;
    html_ctx h;
    memset(&h, 0, sizeof h);
    h.doc = doc;
    h.out = &out;
    h.logo = opt ? opt->logo : NULL;
    h.marker = doc->suppression_marker && *doc->suppression_marker ? doc->suppression_marker
                                                                    : "*";
    assign_ids(&h);
    head(&h);
    banner(&h);
    contents(&h);
    sections(&h);
    footer(&h);
    int rc = outfile_write_all(path, out.data ? out.data : "", out.len, err);
    sb_free(&out);
    for (size_t i = 0; i < h.nids; i++) free(h.ids[i]);
    free(h.ids);
    free(h.sec_ids);
    free(h.head_ids);
    free(h.first_block);
    return rc;
}
