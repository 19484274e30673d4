/* test_render_html.c: the HTML edition's structure, checked on the markup:
 * escaping, language, one h1, heading order, table and chart semantics, no
 * external references, unique ids, atomic output. The test render_html/sample
 * also leaves BUILD/test-out/render_html/sample.html beside this binary for
 * tests/e2e/test_html.sh to open in a browser. */
#include <criterion/criterion.h>

#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image.h"
#include "render.h"
#include "render_fixture.h"
#include "testutil.h"
#include "xalloc.h"

TestSuite(render_html, .fini = tu_cleanup);

/* Renders doc to tu_dir()/name and returns the markup (caller frees). */
static char *render(const rpt_doc *doc, const char *name) {
    char *path = tu_path(name);
    sv_error err = {0};
    int rc = render_html(doc, NULL, path, &err);
    cr_assert_eq(rc, 0, "render_html failed: %s", err.text);
    expect_no_error(&err);
    size_t len;
    char *html = tu_read(path, &len);
    cr_assert_not_null(html);
    cr_assert_eq(strlen(html), len, "NUL byte in the output");
    free(path);
    return html;
}

/* The fixture tree and its markup; both freed by done(). */
static char *sample(rpt_doc **doc) {
    *doc = pdf_sample_doc();
    return render(*doc, "sample.html");
}

static void done(char *html, rpt_doc *doc) {
    free(html);
    rpt_doc_free(doc);
}

static size_t count(const char *s, const char *needle) {
    size_t n = 0, k = strlen(needle);
    for (const char *p = strstr(s, needle); p; p = strstr(p + k, needle)) n++;
    return n;
}

/* The tag starting at p ("<name ...>") as a new string. */
static char *tag_at(const char *p) {
    const char *e = strchr(p, '>');
    cr_assert_not_null(e, "unterminated tag");
    return xstrndup(p, (size_t)(e - p + 1));
}

/* ---- the fixture: every block and chart kind --------------------------- */

Test(render_html, lang_title_landmarks_and_one_h1) {
    rpt_doc *doc;
    char *html = sample(&doc);
    cr_expect(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en-GB\">", 35) == 0,
              "no doctype or lang");
    cr_expect_eq(count(html, "<meta charset=\"utf-8\">"), 1);
    cr_expect_eq(count(html, "name=\"viewport\""), 1);
    cr_expect_eq(count(html, "<title>"), 1);
    cr_expect_eq(count(html, "<h1"), 1, "%zu h1 elements", count(html, "<h1"));
    cr_expect_eq(count(html, "<header>"), 1);
    cr_expect_eq(count(html, "<nav aria-label=\"Contents\">"), 1);
    cr_expect_eq(count(html, "<main id=\"main\">"), 1);
    cr_expect_eq(count(html, "<footer>"), 1);
    cr_expect_eq(count(html, "<section "), doc->nsections);
    cr_expect_eq(count(html, "OFFICIAL-SENSITIVE"), 4, "marking: head (print), header, footer");
    cr_expect(strstr(html, "Appendix A: Data quality and methods"), "appendix not lettered");
    cr_expect(strstr(html, "@media print"), "no print stylesheet");
    done(html, doc);
}

Test(render_html, headings_never_skip_a_level) {
    rpt_doc *doc;
    char *html = sample(&doc);
    int prev = 0, n = 0;
    for (const char *p = html; (p = strstr(p, "<h")); p++) {
        if (p[2] < '1' || p[2] > '6' || (p[3] != ' ' && p[3] != '>')) continue;
        int level = p[2] - '0';
        if (n++ == 0) cr_expect_eq(level, 1, "first heading is h%d", level);
        cr_expect(level <= prev + 1, "h%d follows h%d at offset %td", level, prev, p - html);
        prev = level;
    }
    cr_expect(n > 20, "only %d headings", n);
    done(html, doc);
}

Test(render_html, tables_have_captions_and_scoped_headers) {
    rpt_doc *doc;
    char *html = sample(&doc);
    size_t tables = 0;
    for (const char *p = html; (p = strstr(p, "<table")); p++) {
        const char *end = strstr(p, "</table>");
        cr_assert_not_null(end);
        const char *cap = strstr(p, "<caption");
        cr_expect(cap && cap < end, "table at %td has no caption", p - html);
        const char *th = strstr(p, "<thead><tr><th scope=\"col\"");
        cr_expect(th && th < end, "table at %td has no column headers", p - html);
        tables++;
    }
    /* Every header cell has a scope. */
    for (const char *p = html; (p = strstr(p, "<th")); p++) {
        if (p[3] != ' ' && p[3] != '>') continue;
        char *tag = tag_at(p);
        cr_expect(strstr(tag, " scope=\"col\"") || strstr(tag, " scope=\"row\"") ||
                      strstr(tag, " scope=\"rowgroup\""),
                  "th without scope: %s", tag);
        free(tag);
    }
    /* 4 tables in the tree, and one data table per chart (5 charts). */
    cr_expect_eq(tables, 4 + 5, "%zu tables", tables);
    /* Numbers right-aligned; group rows and totals marked; notes tied. */
    cr_expect(strstr(html, "<th scope=\"col\" class=\"num\">Headcount</th>"));
    cr_expect(strstr(html, "<tr class=\"group\"><th colspan=\"7\" scope=\"rowgroup\">"
                           "<span>Ynys Môn</span></th></tr>"));
    const char *total = strstr(html, "<tr class=\"total\"><th scope=\"row\"");
    cr_expect(total && strstr(total, ">All localities</th>"));
    cr_expect(strstr(html, "aria-describedby=\"table-"), "notes not tied to their table");
    /* The suppression marker is said in words to screen readers. */
    cr_expect(strstr(html, "<span aria-hidden=\"true\">*</span><span class=\"vh\">suppressed"
                           "</span>"));
    done(html, doc);
}

/* Outermost <svg> elements: role="img", a title and a description, and a
 * data table with the figures beside the chart. */
Test(render_html, charts_are_described_images_with_data) {
    rpt_doc *doc;
    char *html = sample(&doc);
    size_t charts = 0;
    const char *p = html;
    while ((p = strstr(p, "<svg"))) {
        char *tag = tag_at(p);
        cr_expect(strstr(tag, "role=\"img\""), "svg without role=img: %s", tag);
        cr_expect(strstr(tag, "aria-labelledby="), "svg without a name: %s", tag);
        free(tag);
        /* Skip to the matching </svg>, past nested viewports. */
        int depth = 0;
        const char *q = p;
        do {
            const char *open = strstr(q + 1, "<svg"), *close = strstr(q + 1, "</svg>");
            cr_assert_not_null(close);
            if (open && open < close) {
                depth++;
                q = open;
            } else {
                depth--;
                q = close;
            }
        } while (depth >= 0);
        const char *title = strstr(p, "<title id="), *desc = strstr(p, "<desc id=");
        cr_expect(title && title < q, "svg without title");
        cr_expect(desc && desc < q, "svg without desc");
        const char *details = strstr(q, "<details>"), *fig_end = strstr(q, "</figure>");
        cr_expect(details && details < fig_end, "chart without a data table");
        charts++;
        p = q;
    }
    cr_expect_eq(charts, 5, "%zu charts", charts);
    /* The PDF's encodings in words: shapes for significance, the interval. */
    cr_expect(strstr(html, "Significantly higher"));
    cr_expect(strstr(html, "95% confidence interval"));
    cr_expect(strstr(html, "<td class=\"num\">93.4%</td>") ||
                  strstr(html, "<td class=\"num\">91.8%</td>"),
              "dot chart figures missing from its data table");
    /* Hatching for the second series of compare bars. */
    cr_expect(strstr(html, "patternTransform=\"rotate(45)\""));
    done(html, doc);
}

Test(render_html, tiles_say_rating_and_direction_in_words) {
    rpt_doc *doc;
    char *html = sample(&doc);
    cr_expect(strstr(html, "<ul class=\"tiles\" role=\"list\">"));
    cr_expect(strstr(html, "<span class=\"vh\">Rating: </span>Amber"), "RAG not in words");
    cr_expect(strstr(html, "Down 0.3 points since 2026-27 Q1 (better)"));
    cr_expect(strstr(html, "<p class=\"value\">*<span class=\"vh\"> (suppressed"),
              "suppressed tile not explained");
    done(html, doc);
}

/* No resource is fetched from anywhere: no scripts, links, imports or URLs
 * inside tags (a URL in running text is only text). */
Test(render_html, self_contained) {
    rpt_doc *doc;
    char *html = sample(&doc);
    cr_expect_null(strstr(html, "<script"));
    cr_expect_null(strstr(html, "<link"));
    cr_expect_null(strstr(html, "<img"));
    cr_expect_null(strstr(html, "@import"));
    cr_expect_null(strstr(html, "url(http"));
    cr_expect_null(strstr(html, "src="));
    size_t in_text = 0;
    static const char *const schemes[] = {"http://", "https://", "//"};
    for (size_t k = 0; k < 3; k++)
        for (const char *p = html; (p = strstr(p, schemes[k])); p++) {
            const char *q = p;
            while (q > html && *q != '<' && *q != '>') q--;
            if (*q == '>' || (k == 2 && p > html && p[-1] == ':')) {
                in_text += k < 2;
                continue;
            }
            cr_expect(0, "URL inside a tag: %.60s", q);
        }
    cr_expect(in_text >= 1, "the fixture's URL in running text should survive");
    done(html, doc);
}

/* The logo goes inline as the checked PNG's bytes (base64), with its size
 * and the organisation's name as its text alternative. "abc" encodes as
 * "YWJj"; the bytes are not decoded again here. */
Test(render_html, logo_inline_with_alt_text) {
    rpt_doc *doc = pdf_sample_doc();
    static unsigned char png[] = "abc";
    image img = {.width = 60, .height = 24, .channels = 3, .png = png, .png_len = 3};
    render_options o = {.logo = &img};
    char *path = tu_path("logo.html");
    sv_error err = {0};
    cr_assert_eq(render_html(doc, &o, path, &err), 0, "render_html failed: %s", err.text);
    size_t len;
    char *html = tu_read(path, &len);
    cr_assert_not_null(html);
    const char *img_tag = strstr(html, "<img ");
    cr_assert_not_null(img_tag, "no logo");
    char *tag = tag_at(img_tag);
    cr_expect(strstr(tag, "width=\"60\" height=\"24\""), "%s", tag);
    char *alt = xasprintf("alt=\"%s logo\"", doc->organisation);
    cr_expect(strstr(tag, alt), "%s", tag);
    cr_expect(strstr(tag, "src=\"data:image/png;base64,YWJj\""), "%s", tag);
    cr_expect_eq(count(html, "<img "), 1);
    free(alt);
    free(tag);
    free(path);
    done(html, doc);
}

Test(render_html, ids_unique_and_links_resolve) {
    rpt_doc *doc;
    char *html = sample(&doc);
    char **ids = NULL;
    size_t n = 0, cap = 0;
    for (const char *p = html; (p = strstr(p, " id=\"")); p++) {
        const char *s = p + 5, *e = strchr(s, '"');
        XGROW(ids, cap, n + 1);
        ids[n++] = xstrndup(s, (size_t)(e - s));
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            cr_expect_str_neq(ids[i], ids[j], "duplicate id %s", ids[i]);
    /* Both sections and headings called "sources" keep distinct anchors. */
    size_t links = 0;
    for (const char *p = html; (p = strstr(p, "href=\"#")); p++) {
        const char *s = p + 7, *e = strchr(s, '"');
        int found = 0;
        for (size_t i = 0; i < n && !found; i++)
            found = strlen(ids[i]) == (size_t)(e - s) && !strncmp(ids[i], s, (size_t)(e - s));
        cr_expect(found, "link to a missing id: %.*s", (int)(e - s), s);
        links++;
    }
    cr_expect(links >= doc->nsections + 10, "%zu contents links", links);
    /* aria references point at ids that exist. */
    static const char *const refs[] = {"aria-labelledby=\"", "aria-describedby=\""};
    for (size_t k = 0; k < 2; k++)
        for (const char *p = html; (p = strstr(p, refs[k])); p++) {
            const char *s = p + strlen(refs[k]), *e = strchr(s, '"');
            char *list = xstrndup(s, (size_t)(e - s));
            for (char *save = NULL, *tok = strtok_r(list, " ", &save); tok;
                 tok = strtok_r(NULL, " ", &save)) {
                int found = 0;
                for (size_t i = 0; i < n && !found; i++) found = !strcmp(ids[i], tok);
                cr_expect(found, "%s names a missing id %s", refs[k], tok);
            }
            free(list);
        }
    for (size_t i = 0; i < n; i++) free(ids[i]);
    free(ids);
    done(html, doc);
}

/* Every table cell of the tree is in the HTML, as it is. */
Test(render_html, same_figures_as_the_tree) {
    rpt_doc *doc;
    char *html = sample(&doc);
    for (size_t i = 0; i < doc->nsections; i++)
        for (size_t j = 0; j < doc->sections[i].nblocks; j++) {
            const rpt_block *b = &doc->sections[i].blocks[j];
            if (b->kind != BLOCK_TABLE) continue;
            const rpt_table *t = b->u.table;
            for (size_t r = 0; r < t->nrows; r++)
                for (size_t c = 0; c < t->ncols; c++) {
                    const char *s = rpt_table_cell(t, r, c)->text;
                    if (!s || !*s || strpbrk(s, "<>&\"'")) continue;
                    /* Alone, or followed by a mark that repeats a shading. */
                    char *cell = xasprintf(">%s<", s), *marked = xasprintf(">%s <span", s);
                    cr_expect(strstr(html, cell) || strstr(html, marked), "cell %s missing", s);
                    free(cell);
                    free(marked);
                }
        }
    done(html, doc);
}

/* ---- escaping and degenerate trees ------------------------------------- */

static const char HOSTILE[] = "<script>alert(\"x\")</script> & 'q' </style>";
static const char HOSTILE_ESC[] =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;/style&gt;";

Test(render_html, escapes_every_string) {
    rpt_doc *d = rpt_doc_new();
    rpt_set(&d->title, HOSTILE);
    rpt_set(&d->organisation, HOSTILE);
    rpt_set(&d->marking, "SECRET\"}</style><b>");
    rpt_section *s = rpt_section_add(d, "a\"b", HOSTILE, 0);
    rpt_heading(s, 2, "x\" onclick=\"y", HOSTILE);
    rpt_paragraph(s, HOSTILE);
    rpt_callout(s, HOSTILE, HOSTILE);
    const char *items[] = {HOSTILE};
    rpt_list(s, items, 1, 0);
    rpt_tile *t = rpt_tiles(s, 1);
    rpt_set(&t->label, HOSTILE);
    rpt_set(&t->value, HOSTILE);
    rpt_table *tb = rpt_table_add(s, HOSTILE);
    rpt_table_column(tb, HOSTILE, ALIGN_LEFT, 0);
    size_t r = rpt_table_row(tb, 0);
    rpt_table_set(tb, r, 0, HOSTILE, 0);
    rpt_set(&tb->notes, HOSTILE);
    rpt_chart *c = rpt_chart_add(s, CHART_COMPARE_BARS, HOSTILE, 1, 1, 0);
    rpt_set(&c->categories[0], HOSTILE);
    rpt_set(&c->series[0].name, HOSTILE);
    rpt_set(&c->description, HOSTILE);
    rpt_set(&c->unit_suffix, "<%>");
    c->series[0].values[0] = 5;
    rpt_chart_autoscale(c, 1);
    char *html = render(d, "hostile.html");
    cr_expect_null(strstr(html, "<script"));
    cr_expect_null(strstr(html, "<b>"));
    cr_expect_null(strstr(html, "onclick=\""));
    cr_expect_null(strstr(html, "alert(\"x\")"));
    cr_expect_eq(count(html, "</style>"), 1, "a string closed the style element");
    cr_expect(count(html, HOSTILE_ESC) >= 12, "%zu escaped copies", count(html, HOSTILE_ESC));
    cr_expect(strstr(html, "5.0&lt;%&gt;") || strstr(html, "5&lt;%&gt;"), "suffix not escaped");
    done(html, d);
}

/* A line break is <br> in HTML text, but inside SVG it would end the
 * drawing: there, and in the page title, it is a space. */
Test(render_html, line_breaks_stay_out_of_svg) {
    rpt_doc *d = rpt_doc_new();
    rpt_set(&d->title, "Two\nlines");
    rpt_section *s = rpt_section_add(d, "s", "Section", 0);
    rpt_paragraph(s, "Para\ngraph");
    rpt_chart *c = rpt_chart_add(s, CHART_TREND, "Title\nhere", 2, 1, 0);
    rpt_set(&c->categories[0], "2025\nQ1");
    rpt_set(&c->categories[1], "2025\nQ2");
    rpt_set(&c->series[0].name, "A\nB");
    rpt_set(&c->description, "Desc\nribed");
    c->series[0].values[0] = 1;
    c->series[0].values[1] = 2;
    rpt_chart_autoscale(c, 1);
    char *html = render(d, "breaks.html");
    const char *svg = strstr(html, "<svg"), *end = svg ? strstr(svg, "<p class=\"desc\">") : NULL;
    cr_assert(svg && end, "no chart");
    for (const char *p = strstr(svg, "<br>"); p; p = strstr(p + 1, "<br>"))
        cr_expect(p > end, "<br> inside the SVG at %td", p - html);
    cr_expect(strstr(html, "<title>Two lines</title>"));
    cr_expect(strstr(html, "Para<br>graph"));
    done(html, d);
}

Test(render_html, invalid_utf8_and_controls_are_cleaned) {
    rpt_doc *d = rpt_doc_new();
    /* Builders normally refuse these; the renderer must not pass them on. */
    d->title = xstrdup("Bad \xC3( byte\x01 and bell\x07");
    rpt_section_add(d, "s", "Section", 0);
    char *html = render(d, "bad.html");
    cr_expect(strstr(html, "Bad \xEF\xBF\xBD( byte and bell"), "not cleaned");
    cr_expect_null(strchr(html, '\x01'));
    done(html, d);
}

Test(render_html, degenerate_trees_render) {
    rpt_doc *d = rpt_doc_new();
    char *html = render(d, "empty.html");
    cr_expect_eq(count(html, "<h1"), 1);
    cr_expect(strstr(html, "</html>\n"));
    free(html);
    rpt_section *s = rpt_section_add(d, "x", "", 1);
    rpt_heading(s, 3, NULL, "A level-3 heading first");
    rpt_heading(s, 9, NULL, "Deeper");
    rpt_table_add(s, NULL);                            /* no columns or rows */
    rpt_chart_add(s, CHART_TREND, "Empty", 0, 0, 0);   /* nothing to plot */
    rpt_chart *c = rpt_chart_add(s, CHART_DOT_INTERVAL, NULL, 2, 1, 1);
    c->axis_min = NAN; /* a broken scale */
    rpt_tiles(s, 0);
    rpt_list(s, NULL, 0, 1);
    rpt_pagebreak(s);
    html = render(d, "degenerate.html");
    cr_expect(strstr(html, "<h3 id=\"x-heading\">A level-3 heading first</h3>"),
              "level 3 first should be h3");
    cr_expect(strstr(html, "<h4 id=\"x-heading-2\">Deeper</h4>"));
    cr_expect(strstr(html, "No data to show."));
    cr_expect(strstr(html, "Appendix A"));
    done(html, d);
}

/* ---- output ------------------------------------------------------------ */

Test(render_html, writes_atomically_with_mode_0640) {
    rpt_doc *doc = pdf_sample_doc();
    char *path = tu_path("mode.html");
    sv_error err = {0};
    cr_assert_eq(render_html(doc, NULL, path, &err), 0);
    cr_assert_eq(render_html(doc, NULL, path, &err), 0, "second render over the first");
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0640, "mode %o", (unsigned)(st.st_mode & 0777));
    free(path);
    path = tu_path("no-such-dir/x.html");
    cr_expect_eq(render_html(doc, NULL, path, &err), -1);
    cr_expect_eq(err.status, SV_EXIT_IO, "status %d: %s", err.status, err.text);
    free(path);
    rpt_doc_free(doc);
}

/* Leaves BUILD/test-out/render_html/sample.html for the browser check. */
Test(render_html, sample) {
    char *dir = tu_out_dir("render_html");
    cr_assert(dir);
    char *path = xasprintf("%s/sample.html", dir);
    rpt_doc *doc = pdf_sample_doc();
    sv_error err = {0};
    cr_expect_eq(render_html(doc, NULL, path, &err), 0, "%s", err.text);
    rpt_doc_free(doc);
    free(path);
    free(dir);
}
