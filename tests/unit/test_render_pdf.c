/* test_render_pdf.c: the PDF renderer: atomic output and its failures,
 * hostile text, degenerate blocks, determinism. The test render_pdf/sample
 * also leaves BUILD/test-out/render_pdf/sample.pdf (beside this binary) for
 * tests/e2e/test_render_pdf.sh, which checks layout and text with poppler. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "render.h"
#include "render_fixture.h"
#include "testutil.h"
#include "xalloc.h"

#define CREATED ((time_t)1795000000) /* 18 November 2026 */

/* The fonts: ./fonts from the project root (where make runs the tests), else
 * two levels up from this binary (BUILD/unit-tests). */
static const char *font_dir(void) {
    static char dir[4096];
    if (access("fonts/DejaVuSans.ttf", R_OK) == 0) return "fonts";
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cr_assert(n > 0, "cannot find the fonts");
    exe[n] = '\0';
    snprintf(dir, sizeof dir, "%s/../fonts", dirname(exe));
    return dir;
}

static render_options options(void) {
    render_options o = {.font_dir = font_dir(), .created = CREATED};
    return o;
}

static char *temp_dir(void) {
    char *dir = xstrdup("/tmp/svreport-pdf-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    return dir;
}

/* Entries in dir other than . and .. */
static int count_entries(const char *dir, const char *containing) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (!containing || strstr(e->d_name, containing)) n++;
    }
    closedir(d);
    return n;
}

static void remove_dir(char *dir) {
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (e->d_name[0] == '.') continue;
            char *p = xasprintf("%s/%s", dir, e->d_name);
            unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}

static unsigned char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = xmalloc((size_t)size + 1);
    *len = fread(buf, 1, (size_t)size, f);
    fclose(f);
    return buf;
}

static int contains(const unsigned char *buf, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(buf + i, needle, n) == 0) return 1;
    return 0;
}

/* A complete, atomically written PDF: mode 0640, %PDF header, %%EOF tail,
 * nothing else left in its directory. */
static void expect_pdf(const char *dir, const char *path) {
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "%s missing", path);
    cr_expect_eq(st.st_mode & 0777, 0640, "mode %o", (unsigned)(st.st_mode & 0777));
    size_t len;
    unsigned char *buf = read_all(path, &len);
    cr_expect(len > 1000 && memcmp(buf, "%PDF-", 5) == 0, "not a PDF");
    cr_expect(len > 8 && contains(buf + len - 8, 8, "%%EOF"), "no %%%%EOF at the end");
    free(buf);
    cr_expect_eq(count_entries(dir, ".tmp-"), 0, "temporary file left in %s", dir);
}

static void render_ok(const rpt_doc *doc, const char *path) {
    render_options o = options();
    sv_error err = {0};
    int rc = render_pdf(doc, &o, path, &err);
    cr_assert_eq(rc, 0, "render_pdf failed: %s", err.text);
    cr_assert(!sv_error_isset(&err));
}

/* BUILD/test-out/render_pdf: the e2e script checks the layout of every PDF
 * left there. Caller frees. */
static char *out_dir(void) {
    char *dir = tu_out_dir("render_pdf");
    cr_assert(dir);
    return dir;
}

Test(render_pdf, sample) {
    char *dir = out_dir();
    char *path = xasprintf("%s/sample.pdf", dir);
    rpt_doc *doc = pdf_sample_doc();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    render_ok(doc, path);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    cr_log_info("sample rendered in %.1f ms",
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    expect_pdf(dir, path);
    rpt_doc_free(doc);
    free(dir);
    free(path);
}

/* A cover logo (image.h) drawn from pixels: with partial transparency it
 * carries a soft mask (and the file says PDF 1.4); opaque, it does not. Left
 * as logo.pdf for tests/e2e/test_render_pdf.sh. */
Test(render_pdf, logo_on_the_cover) {
    /* Rendered in a directory of its own, then moved: other tests check that
     * out_dir() holds no temporary file while they run. */
    char *out = out_dir(), *dir = xasprintf("%s/../logo-XXXXXX", out);
    cr_assert_not_null(mkdtemp(dir));
    rpt_doc *doc = pdf_sample_doc();
    for (int alpha = 1; alpha >= 0; alpha--) {
        image img = {.width = 60, .height = 24, .channels = alpha ? 4 : 3};
        size_t n = (size_t)img.width * img.height * img.channels;
        img.pixels = xmalloc(n);
        for (size_t i = 0; i < n; i++) img.pixels[i] = (unsigned char)(i % 7 == 3 ? i / 11 : 40);
        render_options o = options();
        o.logo = &img;
        char *path = xasprintf("%s/%s.pdf", dir, alpha ? "logo" : "logo-opaque");
        sv_error err = {0};
        cr_assert_eq(render_pdf(doc, &o, path, &err), 0, "render_pdf failed: %s", err.text);
        expect_pdf(dir, path);
        size_t len;
        unsigned char *buf = read_all(path, &len);
        cr_expect(contains(buf, len, "/Subtype /Image"), "no image in %s", path);
        cr_expect_eq(contains(buf, len, "/SMask"), alpha, "soft mask in %s", path);
        cr_expect_eq(memcmp(buf, alpha ? "%PDF-1.4" : "%PDF-1.3", 8), 0, "version of %s", path);
        free(buf);
        char *final = xasprintf("%s/%s", out, strrchr(path, '/') + 1);
        cr_expect_eq(rename(path, final), 0, "cannot move %s to %s", path, final);
        free(final);
        free(path);
        free(img.pixels);
    }
    rpt_doc_free(doc);
    rmdir(dir);
    free(dir);
    free(out);
}

Test(render_pdf, writes_atomically_with_mode_0640) {
    char *dir = temp_dir();
    char *path = xasprintf("%s/report.pdf", dir);
    rpt_doc *doc = pdf_sample_doc();
    render_ok(doc, path);
    expect_pdf(dir, path);
    cr_expect_eq(count_entries(dir, NULL), 1);
    /* Rendering again replaces the file in place. */
    render_ok(doc, path);
    expect_pdf(dir, path);
    cr_expect_eq(count_entries(dir, NULL), 1);
    rpt_doc_free(doc);
    free(path);
    remove_dir(dir);
}

Test(render_pdf, same_tree_and_date_give_same_bytes) {
    char *dir = temp_dir();
    char *a = xasprintf("%s/a.pdf", dir), *b = xasprintf("%s/b.pdf", dir);
    rpt_doc *doc = pdf_sample_doc();
    render_ok(doc, a);
    render_ok(doc, b);
    size_t la, lb;
    unsigned char *da = read_all(a, &la), *db = read_all(b, &lb);
    cr_expect(la == lb && memcmp(da, db, la) == 0, "two renders differ");
    cr_expect(contains(da, la, "D:20261118"), "creation date not from options");
    free(da);
    free(db);
    rpt_doc_free(doc);
    free(a);
    free(b);
    remove_dir(dir);
}

static void expect_io_failure(const rpt_doc *doc, const render_options *o, const char *path) {
    sv_error err = {0};
    int rc = render_pdf(doc, o, path, &err);
    cr_expect_eq(rc, -1);
    cr_expect_eq(err.status, SV_EXIT_IO, "status %d: %s", err.status, err.text);
    cr_expect(err.text[0] != '\0', "no message");
}

Test(render_pdf, missing_directory_is_an_io_error) {
    char *dir = temp_dir();
    char *path = xasprintf("%s/no-such-dir/report.pdf", dir);
    rpt_doc *doc = pdf_sample_doc();
    render_options o = options();
    expect_io_failure(doc, &o, path);
    cr_expect_eq(count_entries(dir, NULL), 0, "something was left behind");
    rpt_doc_free(doc);
    free(path);
    remove_dir(dir);
}

Test(render_pdf, full_device_is_an_io_error) {
    struct stat st;
    if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode)) cr_skip_test("no /dev/full");
    int before = count_entries("/dev", "full.tmp-");
    rpt_doc *doc = pdf_sample_doc();
    render_options o = options();
    expect_io_failure(doc, &o, "/dev/full");
    cr_assert_eq(stat("/dev/full", &st), 0);
    cr_expect(S_ISCHR(st.st_mode), "/dev/full was replaced");
    cr_expect_eq(count_entries("/dev", "full.tmp-"), before, "temporary file left in /dev");
    rpt_doc_free(doc);
}

Test(render_pdf, missing_fonts_are_an_io_error) {
    char *dir = temp_dir();
    char *path = xasprintf("%s/report.pdf", dir);
    rpt_doc *doc = pdf_sample_doc();
    render_options o = {.font_dir = "/nonexistent/fonts", .created = CREATED};
    expect_io_failure(doc, &o, path);
    cr_expect_eq(count_entries(dir, NULL), 0);
    rpt_doc_free(doc);
    free(path);
    remove_dir(dir);
}

/* Invalid UTF-8, characters above U+FFFF and control characters anywhere a
 * string reaches a font. */
Test(render_pdf, hostile_text_does_not_crash) {
    static const char bad[] = "Caf\xC3 \xFF\xFE bad \xE2\x82 end \xF0\x9F\x98\x80 tab\there \x01\x7F";
    rpt_doc *doc = rpt_doc_new();
    char **fields[] = {&doc->title, &doc->organisation, &doc->unit, &doc->period,
                       &doc->period_long, &doc->marking, &doc->data_date, &doc->generated,
                       &doc->author, &doc->subject, &doc->suppression_marker};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) rpt_set(fields[i], bad);
    rpt_section *s = rpt_section_add(doc, "bad", bad, 0);
    rpt_heading(s, 2, "h", bad);
    rpt_paragraph(s, bad);
    const char *items[] = {bad, bad};
    rpt_list(s, items, 2, 1);
    rpt_callout(s, bad, bad);
    rpt_tile *t = rpt_tiles(s, 1);
    rpt_set(&t->label, bad);
    rpt_set(&t->value, bad);
    rpt_set(&t->change, bad);
    t->rag = RAG_RED;
    t->direction = DIR_UP;
    rpt_table *tb = rpt_table_add(s, bad);
    rpt_table_column(tb, bad, ALIGN_LEFT, 0);
    rpt_table_column(tb, bad, ALIGN_RIGHT, 0);
    rpt_table_set(tb, rpt_table_row(tb, 0), 0, bad, 0);
    rpt_table_set(tb, rpt_table_row(tb, ROW_HEADING), 0, bad, 0);
    rpt_set(&tb->notes, bad);
    for (int kind = CHART_COMPARE_BARS; kind <= CHART_STACKED; kind++) {
        rpt_chart *c = rpt_chart_add(s, (rpt_chart_kind)kind, bad, 2, 2, 1);
        rpt_set(&c->categories[0], bad);
        rpt_set(&c->categories[1], bad);
        rpt_set(&c->series[0].name, bad);
        rpt_set(&c->unit_suffix, bad);
        rpt_set(&c->axis_label, bad);
        rpt_set(&c->reference_label, bad);
        c->series[0].values[0] = 3;
        c->reference = 2;
        rpt_chart_autoscale(c, 1);
    }
    rpt_section_add(doc, "appx", bad, 1);
    char *dir = out_dir();
    char *path = xasprintf("%s/hostile.pdf", dir);
    render_ok(doc, path);
    expect_pdf(dir, path);
    rpt_doc_free(doc);
    free(path);
    free(dir);
}

/* Empty and degenerate content: no sections, tables without rows or
 * columns, charts without categories or with a broken scale, a huge cell,
 * a long word, very many categories. */
Test(render_pdf, degenerate_content_renders) {
    rpt_doc *doc = rpt_doc_new();
    char *dir = out_dir();
    char *path = xasprintf("%s/degenerate.pdf", dir);
    render_ok(doc, path); /* no title, no sections */
    expect_pdf(dir, path);

    rpt_section *s = rpt_section_add(doc, "odd", "", 0);
    rpt_table_add(s, "No columns");
    rpt_table *t = rpt_table_add(s, "");
    rpt_table_column(t, "Only a header", ALIGN_RIGHT, 0);
    t = rpt_table_add(s, "A cell longer than a page");
    rpt_table_column(t, "Text", ALIGN_LEFT, 0);
    rpt_table_column(t, "N", ALIGN_RIGHT, 0);
    char *huge = xmalloc(40001);
    for (size_t i = 0; i < 40000; i++) huge[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 26);
    huge[40000] = '\0';
    size_t r = rpt_table_row(t, ROW_TOTAL);
    rpt_table_set(t, r, 0, huge, 0);
    rpt_table_set(t, r, 1, "12", 0);
    memset(huge, 'W', 3000);
    huge[3000] = '\0';
    rpt_paragraph(s, huge); /* one word far wider than the page */
    free(huge);
    for (int kind = CHART_COMPARE_BARS; kind <= CHART_STACKED; kind++) {
        rpt_chart_add(s, (rpt_chart_kind)kind, "No categories", 0, 0, 0);
        rpt_chart *c = rpt_chart_add(s, (rpt_chart_kind)kind, "Broken scale", 3, 1, 1);
        c->axis_min = NAN, c->axis_max = -5, c->axis_step = 0;
        c->decimals = 99;
        c->series[0].values[1] = -1e300;
        c->series[0].values[2] = INFINITY;
        c = rpt_chart_add(s, (rpt_chart_kind)kind, "Many categories", 80, 1, 0);
        for (size_t i = 0; i < 80; i++) {
            char label[32];
            snprintf(label, sizeof label, "Category %zu", i);
            rpt_set(&c->categories[i], label);
            c->series[0].values[i] = (double)i;
        }
        rpt_chart_autoscale(c, 1);
    }
    rpt_pagebreak(s);
    rpt_pagebreak(s);
    rpt_tiles(s, 0);
    /* Enough sections and headings for contents over several pages. */
    for (int i = 0; i < 40; i++) {
        char id[16], title[160];
        snprintf(id, sizeof id, "s%d", i);
        snprintf(title, sizeof title, "Section %d with a title long enough that its contents "
                 "entry has to wrap onto a second line before the page number", i);
        rpt_section *sec = rpt_section_add(doc, id, title, i >= 30);
        rpt_heading(sec, 2, id, "A level-two heading");
        rpt_heading(sec, 3, id, "A level-three heading, not in the contents");
    }
    render_ok(doc, path);
    expect_pdf(dir, path);
    rpt_doc_free(doc);
    free(path);
    free(dir);
}
