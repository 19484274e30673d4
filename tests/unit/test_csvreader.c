/* test_csvreader.c: the streaming extract reader (csvreader.h) on small
 * files: dialects, line numbers, bad records and the findings they leave in
 * the data-quality log, and the cell parsers. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codelists.h"
#include "csvreader.h"
#include "testutil.h"

TestSuite(csvreader, .fini = tu_cleanup);
TestSuite(csvreader_big, .fini = tu_cleanup, .timeout = 60);

#define MAX_ROWS 64
#define MAX_COLS 24

/* One read: the rows the callback saw, the log, and the error. */
typedef struct read_result {
    char *path;
    int rc;
    sv_error err;
    dq_log *dq;
    char *warnings;   /* what the log printed */
    size_t wlen;
    FILE *wfp;
    long nrows;       /* rows handed to the callback */
    long line[MAX_ROWS];
    char *cell[MAX_ROWS][MAX_COLS];
    uint32_t len[MAX_ROWS][MAX_COLS];
    uint32_t field[MAX_ROWS][MAX_COLS];
    int verdict;      /* what the callback returns */
    long stop_after;  /* 0: never stop */
} read_result;

static int collect(void *ctx, const csvr_row *row) {
    read_result *r = ctx;
    long i = r->nrows++;
    if (i < MAX_ROWS) {
        r->line[i] = row->line;
        const extract_def *d = extract_get(row->extract);
        for (size_t c = 0; c < d->ncolumns && c < MAX_COLS; c++) {
            r->cell[i][c] = malloc(row->cells[c].len + 1);
            memcpy(r->cell[i][c], row->cells[c].s, row->cells[c].len + 1);
            r->len[i][c] = row->cells[c].len;
            r->field[i][c] = row->cells[c].field;
        }
    }
    if (r->stop_after && r->nrows >= r->stop_after) return CSVR_STOP;
    return r->verdict;
}

/* Writes data to NAME and reads it as extract ex; opt may be NULL. */
static read_result *read_data(const char *name, const void *data, size_t len, extract_id ex,
                              const csvr_options *opt, read_result *r) {
    memset(r, 0, sizeof *r);
    r->path = tu_write(name, data, len);
    r->wfp = open_memstream(&r->warnings, &r->wlen);
    r->dq = dq_new(r->wfp);
    csvr_options o;
    if (opt)
        o = *opt;
    else
        memset(&o, 0, sizeof o);
    o.dq = r->dq;
    sv_error_clear(&r->err);
    r->rc = csvr_read(r->path, ex, &o, collect, r, &r->err);
    fflush(r->wfp);
    return r;
}

static read_result *read_str(const char *text, extract_id ex, read_result *r) {
    return read_data("x.csv", text, strlen(text), ex, NULL, r);
}

/* Supervision has three required columns: staff_id, date, type. */
#define SUP "staff_id,date,type\n"

static void expect_row(const read_result *r, long i, long line, const char *staff,
                       const char *date, const char *type) {
    cr_assert(i < r->nrows, "row %ld not read (%ld rows)", i, r->nrows);
    cr_expect_eq(r->line[i], line, "row %ld at line %ld, want %ld", i, r->line[i], line);
    cr_expect_str_eq(r->cell[i][UC_STAFF_ID], staff, "row %ld staff_id", i);
    cr_expect_str_eq(r->cell[i][UC_DATE], date, "row %ld date", i);
    cr_expect_str_eq(r->cell[i][UC_TYPE], type, "row %ld type", i);
}

/* Asserts the log entry i: reason, column name, count and first example. */
static void expect_finding(const read_result *r, size_t i, dq_reason reason, const char *column,
                           long count, long line, long col, const char *value) {
    cr_assert(i < dq_entry_count(r->dq), "no finding %zu (%zu findings)", i, dq_entry_count(r->dq));
    const dq_entry *e = dq_entry_at(r->dq, i);
    cr_expect_eq(e->reason, reason, "finding %zu: reason %d (%s), want %d (%s)", i, e->reason,
                 dq_reason_text(e->reason), reason, dq_reason_text(reason));
    cr_expect_str_eq(e->column, column, "finding %zu column", i);
    cr_expect_eq(e->count, count, "finding %zu count %ld, want %ld", i, e->count, count);
    cr_assert(e->nexamples >= 1);
    cr_expect_eq(e->examples[0].line, line, "finding %zu line %ld, want %ld", i,
                 e->examples[0].line, line);
    cr_expect_eq(e->examples[0].column, col, "finding %zu column %ld, want %ld", i,
                 e->examples[0].column, col);
    cr_expect_str_eq(e->examples[0].value, value, "finding %zu value", i);
}

static void expect_counts(const read_result *r, extract_id ex, long rows_read, long excluded) {
    const dq_extract_stats *st = dq_stats(r->dq, ex);
    cr_expect(st->present);
    cr_expect_eq(st->rows_read, rows_read, "rows_read %ld, want %ld", st->rows_read, rows_read);
    cr_expect_eq(st->rows_excluded, excluded, "rows_excluded %ld, want %ld", st->rows_excluded,
                 excluded);
}

static void done(read_result *r) {
    for (long i = 0; i < r->nrows && i < MAX_ROWS; i++)
        for (int c = 0; c < MAX_COLS; c++) free(r->cell[i][c]);
    dq_free(r->dq);
    fclose(r->wfp);
    free(r->warnings);
    free(r->path);
}

/* Reads text (one data row, staff S1 on 2025-07-01) and checks its type. */
static void expect_one_row(const char *text, size_t len, const csvr_options *opt, const char *type) {
    read_result r;
    read_data("x.csv", text, len, EX_SUPERVISION, opt, &r);
    cr_expect_eq(r.rc, 0);
    expect_no_error(&r.err);
    cr_expect_eq(r.nrows, 1);
    expect_row(&r, 0, 2, "S1", "2025-07-01", type);
    cr_expect_eq(dq_entry_count(r.dq), 0);
    done(&r);
}
#define ONE_ROW(lit, opt, type) expect_one_row((lit), sizeof(lit) - 1, (opt), (type))

/* ---- dialects ---- */

Test(csvreader, plain_file) {
    read_result r;
    read_str(SUP "S1,2025-07-01,supervision\nS2,2025-07-02,appraisal\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, 0);
    expect_no_error(&r.err);
    cr_expect_eq(r.nrows, 2);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "supervision");
    expect_row(&r, 1, 3, "S2", "2025-07-02", "appraisal");
    cr_expect_eq(r.field[0][UC_STAFF_ID], 1);
    cr_expect_eq(r.field[0][UC_TYPE], 3);
    cr_expect_eq(dq_entry_count(r.dq), 0);
    expect_counts(&r, EX_SUPERVISION, 2, 0);
    cr_expect_str_eq(dq_stats(r.dq, EX_SUPERVISION)->path, r.path);
    cr_expect_eq(dq_stats(r.dq, EX_SUPERVISION)->bytes, 69);
    done(&r);
}

Test(csvreader, column_order_case_spaces_and_extra_columns) {
    read_result r;
    read_str(" Type ,notes,STAFF_ID,\tDate\nsupervision,free text,S1,2025-07-01\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, 0);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "supervision");
    cr_expect_eq(r.field[0][UC_TYPE], 1);
    cr_expect_eq(r.field[0][UC_STAFF_ID], 3);
    cr_expect_eq(r.field[0][UC_DATE], 4);
    done(&r);
}

Test(csvreader, optional_columns_absent) {
    read_result r;
    read_str("staff_id,course\nS1,Safeguarding\n", EX_TRAINING, &r);
    cr_expect_eq(r.rc, 0);
    cr_assert_eq(r.nrows, 1);
    cr_expect_eq(r.field[0][TC_MANDATORY], 0);
    cr_expect_str_eq(r.cell[0][TC_MANDATORY], "");
    cr_expect_str_eq(r.cell[0][TC_COURSE], "Safeguarding");
    done(&r);
}

Test(csvreader, unquoted_fields_are_trimmed_quoted_kept) {
    ONE_ROW(SUP "  S1  ,2025-07-01,\" supervision \"\n", NULL, " supervision ");
}

Test(csvreader, bom_is_ignored) {
    ONE_ROW("\xEF\xBB\xBF" SUP "S1,2025-07-01,supervision\n", NULL, "supervision");
}

Test(csvreader, separators_detected) {
    ONE_ROW("staff_id;date;type\nS1;2025-07-01;\"a, b\"\n", NULL, "a, b");
    ONE_ROW("staff_id\tdate\ttype\nS1\t2025-07-01\tspot check\n", NULL, "spot check");
    /* a comma inside a quoted header name does not count */
    ONE_ROW("\"notes, free\";staff_id;date;type\nx;S1;2025-07-01;a\n", NULL, "a");
}

Test(csvreader, separator_from_config) {
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.separator = ';';
    /* more commas than semicolons: detection would pick ',' */
    ONE_ROW("staff_id;date;type\nS1;2025-07-01;a,b,c,d\n", &o, "a,b,c,d");
}

Test(csvreader, crlf) {
    read_result r;
    read_str("staff_id,date,type\r\nS1,2025-07-01,supervision\r\nS2,2025-07-02,appraisal\r\n",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 2);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "supervision");
    expect_row(&r, 1, 3, "S2", "2025-07-02", "appraisal");
    expect_counts(&r, EX_SUPERVISION, 2, 0);
    done(&r);
}

Test(csvreader, lone_cr) {
    read_result r;
    read_str("staff_id,date,type\rS1,2025-07-01,supervision\rS2,2025-07-02,appraisal\r",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 2);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "supervision");
    expect_row(&r, 1, 3, "S2", "2025-07-02", "appraisal");
    done(&r);
}

Test(csvreader, mixed_line_endings_and_blank_lines) {
    read_result r;
    read_str("staff_id,date,type\r\nS1,2025-07-01,a\nS2,2025-07-02,b\rS3,2025-07-03,c\r\n"
             "\n   \nS6,2025-07-06,f\r\n\r\nS8,2025-07-08,h",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 5);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "a");
    expect_row(&r, 1, 3, "S2", "2025-07-02", "b");
    expect_row(&r, 2, 4, "S3", "2025-07-03", "c");
    expect_row(&r, 3, 7, "S6", "2025-07-06", "f");
    expect_row(&r, 4, 9, "S8", "2025-07-08", "h"); /* no newline at the end */
    cr_expect_eq(dq_entry_count(r.dq), 0);
    done(&r);
}

Test(csvreader, header_aliases_case_insensitive) {
    const csvr_alias aliases[] = {{"Client ID", "person_id"}, {"Start", "support_start"}};
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.aliases = aliases;
    o.naliases = 2;
    read_result r;
    const char *text = "CLIENT id, start ,Sex\nP1,2025-01-01,F\n";
    read_data("people.csv", text, strlen(text), EX_PEOPLE, &o, &r);
    cr_expect_eq(r.rc, 0);
    expect_no_error(&r.err);
    cr_assert_eq(r.nrows, 1);
    cr_expect_str_eq(r.cell[0][PC_PERSON_ID], "P1");
    cr_expect_str_eq(r.cell[0][PC_SUPPORT_START], "2025-01-01");
    cr_expect_str_eq(r.cell[0][PC_SEX], "F");
    cr_expect_eq(r.field[0][PC_SEX], 3);
    done(&r);
}

Test(csvreader, extra_configured_column) {
    const column_def extra = {"contract_area", 0, SENS_NONE};
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.extra = &extra;
    o.nextra = 1;
    read_result r;
    const char *text = "person_id,support_start,Contract_Area\nP1,2025-01-01,North\n";
    read_data("people.csv", text, strlen(text), EX_PEOPLE, &o, &r);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(r.nrows, 1);
    done(&r);
}

/* ---- quoting and line numbers ---- */

Test(csvreader, quoted_newlines_keep_later_line_numbers) {
    read_result r;
    read_str(SUP "S1,2025-07-01,\"two\nlines\"\n"
                 "S2,2025-07-02,\"crlf\r\ninside\"\n"
                 "S3,2025-07-03,\"cr\rinside\nand lf\"\n"
                 "S4,2025-07-04,\"\"\"quoted\"\" word\"\n"
                 "S5,2025-07-05,last\n",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 5);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "two\nlines");
    expect_row(&r, 1, 4, "S2", "2025-07-02", "crlf\r\ninside");
    expect_row(&r, 2, 6, "S3", "2025-07-03", "cr\rinside\nand lf");
    expect_row(&r, 3, 9, "S4", "2025-07-04", "\"quoted\" word");
    expect_row(&r, 4, 10, "S5", "2025-07-05", "last");
    done(&r);
}

Test(csvreader, ragged_rows) {
    read_result r;
    read_str(SUP "S1,2025-07-01,a\nS2,2025-07-02\nS3,2025-07-03,c,extra\nS4,2025-07-04,d\n",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(r.nrows, 2);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "a");
    expect_row(&r, 1, 5, "S4", "2025-07-04", "d");
    cr_expect_eq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_RAGGED, "", 2, 3, 0, "");
    const dq_entry *e = dq_entry_at(r.dq, 0);
    cr_expect_str_eq(e->examples[0].detail, ": 2, the header has 3");
    cr_expect_eq(e->examples[1].line, 4);
    cr_expect_str_eq(e->examples[1].detail, ": 4, the header has 3");
    expect_counts(&r, EX_SUPERVISION, 4, 2);
    done(&r);
}

Test(csvreader, stray_quote_mid_field_resynchronises) {
    read_result r;
    read_str(SUP "S1,2025-07-01,a\nS2,ab\"c,b\nS3,2025-07-03,c\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(r.nrows, 2);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "a");
    expect_row(&r, 1, 4, "S3", "2025-07-03", "c");
    cr_expect_eq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_STRAY_QUOTE, "", 1, 3, 2, "");
    expect_counts(&r, EX_SUPERVISION, 3, 1);
    done(&r);
}

Test(csvreader, text_after_closing_quote) {
    read_result r;
    read_str(SUP "S1,\"2025\"-07-01,a\nS2,2025-07-02,b\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 1);
    expect_row(&r, 0, 3, "S2", "2025-07-02", "b");
    expect_finding(&r, 0, DQ_STRAY_QUOTE, "", 1, 2, 2, "");
    done(&r);
}

Test(csvreader, stray_quote_after_a_multiline_field) {
    read_result r;
    read_str(SUP "S1,2025-07-01,\"two\nlines\"x\nS2,2025-07-02,b\nS3,2025-07-03,c\n",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 2);
    expect_finding(&r, 0, DQ_STRAY_QUOTE, "", 1, 2, 3, "");
    expect_row(&r, 0, 4, "S2", "2025-07-02", "b");
    expect_row(&r, 1, 5, "S3", "2025-07-03", "c");
    done(&r);
}

Test(csvreader, stray_quote_with_crlf) {
    read_result r;
    read_str("staff_id,date,type\r\nS1,x\"y,a\r\nS2,2025-07-02,b\r\nS3,2025-07-03,c\r\n",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 2);
    expect_finding(&r, 0, DQ_STRAY_QUOTE, "", 1, 2, 2, "");
    expect_row(&r, 0, 3, "S2", "2025-07-02", "b");
    expect_row(&r, 1, 4, "S3", "2025-07-03", "c");
    done(&r);
}

Test(csvreader, stray_quote_with_lone_cr) {
    read_result r;
    read_str("staff_id,date,type\rS1,x\"y,a\rS2,2025-07-02,b\rS3,2025-07-03,c\r", EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 2, "rows after the bad one were lost (%ld rows)", r.nrows);
    expect_finding(&r, 0, DQ_STRAY_QUOTE, "", 1, 2, 2, "");
    expect_row(&r, 0, 3, "S2", "2025-07-02", "b");
    expect_row(&r, 1, 4, "S3", "2025-07-03", "c");
    done(&r);
}

Test(csvreader, two_bad_rows_in_a_row) {
    read_result r;
    read_str(SUP "S1,a\"b,x\nS2,c\"d,y\nS3,2025-07-03,c\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 1);
    expect_finding(&r, 0, DQ_STRAY_QUOTE, "", 2, 2, 2, "");
    cr_expect_eq(dq_entry_at(r.dq, 0)->examples[1].line, 3);
    expect_row(&r, 0, 4, "S3", "2025-07-03", "c");
    expect_counts(&r, EX_SUPERVISION, 3, 2);
    done(&r);
}

Test(csvreader, unterminated_quote_at_eof) {
    read_result r;
    read_str(SUP "S1,2025-07-01,a\nS2,\"never closed,b\nS3,2025-07-03,c\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(r.nrows, 1);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "a");
    cr_assert_geq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_UNTERMINATED_QUOTE, "", 1, 3, 2, "");
    done(&r);
}

Test(csvreader, unterminated_quote_on_the_last_line) {
    read_result r;
    read_str(SUP "S1,2025-07-01,a\nS2,2025-07-02,\"open", EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 1);
    cr_expect_eq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_UNTERMINATED_QUOTE, "", 1, 3, 3, "");
    expect_counts(&r, EX_SUPERVISION, 2, 1);
    done(&r);
}

/* ---- encoding ---- */

Test(csvreader, invalid_utf8) {
    read_result r;
    read_str(SUP "S1,2025-07-01,caf\xe9\nS2,2025-07-02,T\xc5\xb7\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 1);
    expect_row(&r, 0, 3, "S2", "2025-07-02", "T\xc5\xb7");
    expect_finding(&r, 0, DQ_BAD_UTF8, "type", 1, 2, 3, "'caf\\xe9'");
    expect_counts(&r, EX_SUPERVISION, 2, 1);
    done(&r);
}

Test(csvreader, invalid_utf8_in_an_ignored_column_is_harmless) {
    read_result r;
    read_str("staff_id,notes,date,type\nS1,caf\xe9,2025-07-01,a\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.nrows, 1);
    cr_expect_eq(dq_entry_count(r.dq), 0);
    done(&r);
}

Test(csvreader, nul_byte) {
    read_result r;
    static const char text[] = SUP "S\0001,2025-07-01,a\nS2,2025-07-02,b\n";
    read_data("x.csv", text, sizeof text - 1, EX_SUPERVISION, NULL, &r);
    cr_expect_eq(r.nrows, 1);
    expect_row(&r, 0, 3, "S2", "2025-07-02", "b");
    expect_finding(&r, 0, DQ_NUL_BYTE, "staff_id", 1, 2, 1, "'S\\x001'");
    cr_expect(dq_entry_at(r.dq, 0)->sensitive); /* identifiers never reach a document */
    done(&r);
}

Test(csvreader, warning_text) {
    read_result r;
    read_str(SUP "S1,2025-07-01,ab\xff\n", EX_SUPERVISION, &r);
    char want[512];
    snprintf(want, sizeof want, "svreport: warning: %s:2:3: type: text is not valid UTF-8 'ab\\xff'\n",
             r.path);
    cr_expect_str_eq(r.warnings, want);
    done(&r);
}

/* ---- long fields ---- */

static char *field_file(size_t field_len, int quoted, int newlines, size_t *len) {
    size_t cap = field_len + 256;
    char *buf = malloc(cap);
    size_t o = (size_t)snprintf(buf, cap, SUP "S1,2025-07-01,a\nS2,2025-07-02,%s", quoted ? "\"" : "");
    for (size_t i = 0; i < field_len; i++) buf[o++] = newlines && i % 1000 == 999 ? '\n' : 'x';
    o += (size_t)snprintf(buf + o, cap - o, "%s\nS3,2025-07-03,c\n", quoted ? "\"" : "");
    *len = o;
    return buf;
}

Test(csvreader, field_of_100_kib) {
    size_t len;
    char *text = field_file(100 * 1024, 0, 0, &len);
    read_result r;
    read_data("x.csv", text, len, EX_SUPERVISION, NULL, &r);
    free(text);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(r.nrows, 2);
    expect_row(&r, 0, 2, "S1", "2025-07-01", "a");
    expect_row(&r, 1, 4, "S3", "2025-07-03", "c");
    expect_finding(&r, 0, DQ_FIELD_TOO_LONG, "", 1, 3, 3, "");
    done(&r);
}

Test(csvreader, quoted_field_of_100_kib_with_newlines) {
    size_t len;
    char *text = field_file(100 * 1024, 1, 1, &len);
    read_result r;
    read_data("x.csv", text, len, EX_SUPERVISION, NULL, &r);
    free(text);
    cr_expect_eq(r.nrows, 2);
    cr_expect_eq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_FIELD_TOO_LONG, "", 1, 3, 3, "");
    /* 102 newlines inside the field: S3 is on line 3 + 102 + 1 */
    expect_row(&r, 1, 106, "S3", "2025-07-03", "c");
    done(&r);
}

Test(csvreader, long_quoted_field_is_skipped_to_its_closing_quote) {
    /* Quoted text past the limit is skipped, not re-read as records: one
     * finding, and the doubled quotes and CRLFs inside are understood. */
    size_t cap = 200 * 1024, o;
    char *text = malloc(cap);
    o = (size_t)sprintf(text, SUP "S1,2025-07-01,\"");
    for (int k = 0; k < 4000; k++) /* 4000 lines, 76 KB unquoted */
        o += (size_t)sprintf(text + o, "say \"\"hi\"\", \"\"x\"\" ...\r\n");
    o += (size_t)sprintf(text + o, "end\"  ,x,y\r\nS2,2025-07-02,b\r\n");
    read_result r;
    read_data("x.csv", text, o, EX_SUPERVISION, NULL, &r);
    free(text);
    cr_expect_eq(r.nrows, 1);
    cr_expect_eq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_FIELD_TOO_LONG, "", 1, 2, 3, "");
    expect_row(&r, 0, 4003, "S2", "2025-07-02", "b");
    expect_counts(&r, EX_SUPERVISION, 2, 1);
    done(&r);
}

Test(csvreader, long_quoted_field_never_closed) {
    size_t len;
    char *text = field_file(100 * 1024, 1, 1, &len);
    len -= strlen("\"\nS3,2025-07-03,c\n"); /* drop the closing quote and S3 */
    read_result r;
    read_data("x.csv", text, len, EX_SUPERVISION, NULL, &r);
    free(text);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(r.nrows, 1);
    cr_expect_eq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_UNTERMINATED_QUOTE, "", 1, 3, 3, "");
    done(&r);
}

Test(csvreader, header_field_too_long) {
    size_t cap = CSVR_MAX_FIELD + 64;
    char *text = malloc(cap);
    size_t o = (size_t)sprintf(text, "staff_id,date,type,");
    memset(text + o, 'h', CSVR_MAX_FIELD + 1);
    o += CSVR_MAX_FIELD + 1;
    text[o++] = '\n';
    read_result r;
    read_data("x.csv", text, o, EX_SUPERVISION, NULL, &r);
    free(text);
    cr_expect_eq(r.rc, -1);
    expect_error(&r.err, SV_EXIT_DATA, r.path, 1, 4,
                 "cannot read the header row: field is longer than 64 KiB");
    done(&r);
}

Test(csvreader, field_limit_is_exact) {
    size_t len;
    char *text = field_file(CSVR_MAX_FIELD, 0, 0, &len);
    read_result r;
    read_data("x.csv", text, len, EX_SUPERVISION, NULL, &r);
    free(text);
    cr_expect_eq(r.nrows, 3, "a field of exactly 64 KiB is allowed");
    cr_expect_eq(r.len[1][UC_TYPE], CSVR_MAX_FIELD);
    cr_expect_eq(dq_entry_count(r.dq), 0);
    done(&r);

    text = field_file(CSVR_MAX_FIELD + 1, 0, 0, &len);
    read_data("y.csv", text, len, EX_SUPERVISION, NULL, &r);
    free(text);
    cr_expect_eq(r.nrows, 2, "a field one byte over 64 KiB was accepted");
    cr_expect_eq(dq_entry_count(r.dq), 1);
    if (dq_entry_count(r.dq)) expect_finding(&r, 0, DQ_FIELD_TOO_LONG, "", 1, 3, 3, "");
    done(&r);
}

/* ---- unusable files ---- */

Test(csvreader, empty_file) {
    const char *bodies[] = {"", "\xEF\xBB\xBF", "\n\n\r\n", "   \n"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        read_result r;
        read_str(bodies[i], EX_SUPERVISION, &r);
        cr_expect_eq(r.rc, -1, "body %zu", i);
        expect_error(&r.err, SV_EXIT_DATA, r.path, 0, 0, "the file is empty: no header row");
        cr_expect_eq(r.nrows, 0);
        done(&r);
    }
}

Test(csvreader, header_only) {
    const char *bodies[] = {SUP, "staff_id,date,type", "staff_id,date,type\r\n\r\n"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        read_result r;
        read_str(bodies[i], EX_SUPERVISION, &r);
        cr_expect_eq(r.rc, 0, "body %zu", i);
        expect_no_error(&r.err);
        cr_expect_eq(r.nrows, 0);
        expect_counts(&r, EX_SUPERVISION, 0, 0);
        done(&r);
    }
}

Test(csvreader, duplicate_header) {
    read_result r;
    read_str("staff_id,date,type,Staff_ID\nS1,2025-07-01,a,S1\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, -1);
    expect_error(&r.err, SV_EXIT_DATA, r.path, 1, 4,
                 "column 'staff_id' appears twice in the header (fields 1 and 4)");
    cr_expect_eq(r.nrows, 0);
    done(&r);
}

Test(csvreader, duplicate_header_through_an_alias) {
    const csvr_alias aliases[] = {{"Worker", "staff_id"}};
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.aliases = aliases;
    o.naliases = 1;
    read_result r;
    const char *text = "\n\nworker,date,type,staff_id\nS1,2025-07-01,a,S1\n";
    read_data("x.csv", text, strlen(text), EX_SUPERVISION, &o, &r);
    cr_expect_eq(r.rc, -1);
    expect_error(&r.err, SV_EXIT_DATA, r.path, 3, 4,
                 "column 'staff_id' appears twice in the header (fields 1 and 4)");
    done(&r);
}

Test(csvreader, duplicate_header_early_with_rows_after) {
    /* The header is refused at field 2; the rows after it in the same
     * block must not be read with a half-built column map. */
    read_result r;
    read_str("staff_id,STAFF_ID,date,type,a,b,c\nS1,S1,2025-07-01,x,1,2,3\nS2,S2,2025-07-02,y,4,5,6\n",
             EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, -1);
    expect_error(&r.err, SV_EXIT_DATA, r.path, 1, 2,
                 "column 'staff_id' appears twice in the header (fields 1 and 2)");
    cr_expect_eq(r.nrows, 0);
    done(&r);
}

Test(csvreader, missing_required_column) {
    read_result r;
    read_str("staff_id,date,kind\nS1,2025-07-01,a\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, -1);
    expect_error(&r.err, SV_EXIT_DATA, r.path, 1, 0, "missing required column 'type'");
    cr_expect_eq(r.nrows, 0);
    done(&r);
}

Test(csvreader, wrong_separator_hint) {
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.separator = ';';
    read_result r;
    const char *text = "staff_id,date,type\nS1,2025-07-01,a\n";
    read_data("x.csv", text, strlen(text), EX_SUPERVISION, &o, &r);
    cr_expect_eq(r.rc, -1);
    expect_error(&r.err, SV_EXIT_DATA, r.path, 1, 0,
                 "missing required column 'staff_id': the header row is one field, "
                 "'staff_id,date,type'; is ';' the right separator?");
    done(&r);
}

Test(csvreader, utf16_is_refused) {
    static const char le[] = "\xFF\xFEs\0t\0a\0f\0f\0_\0i\0d\0";
    static const char be[] = "\xFE\xFF\0s\0t\0a\0f\0f";
    const struct { const char *data; size_t len; } files[] = {{le, sizeof le - 1}, {be, sizeof be - 1}};
    for (size_t i = 0; i < 2; i++) {
        read_result r;
        read_data("x.csv", files[i].data, files[i].len, EX_SUPERVISION, NULL, &r);
        cr_expect_eq(r.rc, -1);
        expect_error(&r.err, SV_EXIT_DATA, r.path, 0, 0,
                     "the file is UTF-16, not UTF-8: save it as \"CSV UTF-8\"");
        cr_expect_eq(r.nrows, 0);
        done(&r);
    }
}

Test(csvreader, bad_header_row) {
    read_result r;
    read_str("staff_id,da\"te,type\nS1,2025-07-01,a\n", EX_SUPERVISION, &r);
    cr_expect_eq(r.rc, -1);
    expect_error(&r.err, SV_EXIT_DATA, r.path, 1, 2,
                 "cannot read the header row: stray or unbalanced quote");
    done(&r);
}

Test(csvreader, cannot_open) {
    sv_error err;
    sv_error_clear(&err);
    dq_log *dq = dq_new(NULL);
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.dq = dq;
    char *missing = tu_path("missing.csv");
    cr_expect_eq(csvr_read(missing, EX_PEOPLE, &o, collect, NULL, &err), -1);
    expect_error(&err, SV_EXIT_IO, missing, 0, 0, "cannot open: No such file or directory");
    sv_error_clear(&err);
    cr_expect_eq(csvr_read(tu_dir(), EX_PEOPLE, &o, collect, NULL, &err), -1);
    expect_error(&err, SV_EXIT_IO, tu_dir(), 0, 0, "not a regular file");
    cr_expect_not(dq_stats(dq, EX_PEOPLE)->present);
    free(missing);
    dq_free(dq);
}

/* ---- the callback's verdict ---- */

Test(csvreader, callback_excludes_and_stops) {
    read_result r;
    memset(&r, 0, sizeof r);
    r.path = tu_write_str("x.csv", SUP "S1,2025-07-01,a\nS2,2025-07-02,b\nS3,2025-07-03,c\n");
    r.dq = dq_new(NULL);
    r.verdict = CSVR_EXCLUDED;
    r.stop_after = 2;
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.dq = r.dq;
    sv_error_clear(&r.err);
    r.wfp = open_memstream(&r.warnings, &r.wlen);
    r.rc = csvr_read(r.path, EX_SUPERVISION, &o, collect, &r, &r.err);
    cr_expect_eq(r.nrows, 2);
    /* CSVR_STOP means the callback set an error; the reader stops reading */
    expect_counts(&r, EX_SUPERVISION, 2, 1);
    done(&r);
}

/* ---- big files: 1 MiB blocks ---- */

static int last_row_line(void *ctx, const csvr_row *row) {
    long *line = ctx;
    char want[24];
    snprintf(want, sizeof want, "S%06ld", row->line - 1);
    if (strcmp(row->cells[UC_STAFF_ID].s, want) != 0) return CSVR_STOP;
    *line = row->line;
    return CSVR_USED;
}

/* Rows of exactly 32 bytes: "S000001,2025-07-01,supervision\r\n". */
static size_t put_row(char *buf, long i) {
    return (size_t)sprintf(buf, "S%06ld,2025-07-01,supervision\r\n", i);
}

Test(csvreader_big, crlf_split_across_blocks_and_a_bad_row_across_blocks) {
    const size_t block = 1 << 20; /* the reader's read size */
    char *buf = malloc(3 * block);
    size_t o = (size_t)sprintf(buf, "staff_id,date,type\r\n");
    long i = 0;
    /* 32-byte rows, then one row sized so that its CR is the block's last
     * byte and its LF the next block's first. */
    while (o + 32 + 13 + 30 <= block - 1) o += put_row(buf + o, ++i);
    size_t filler = block - 1 - o - 13; /* 30 to 61 */
    o += (size_t)sprintf(buf + o, "P,2025-07-01,%.*s\r\n", (int)filler,
                         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    cr_assert(buf[block - 1] == '\r' && buf[block] == '\n', "setup");
    /* A row with a stray quote whose line runs on into the third block. */
    while (o < 2 * block - 40) o += put_row(buf + o, ++i);
    long bad_line = i + 3; /* header, i rows and the P row come before it */
    o += (size_t)sprintf(buf + o, "B,x\"y,%.60s\r\n",
                         "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
    cr_assert(o > 2 * block, "setup");
    o += put_row(buf + o, ++i);
    o += put_row(buf + o, ++i);
    read_result r;
    read_data("big.csv", buf, o, EX_SUPERVISION, NULL, &r);
    free(buf);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(r.nrows, i + 1, "rows %ld, want %ld", r.nrows, i + 1);
    cr_expect_eq(dq_entry_count(r.dq), 1);
    expect_finding(&r, 0, DQ_STRAY_QUOTE, "", 1, bad_line, 2, "");
    expect_counts(&r, EX_SUPERVISION, i + 2, 1);
    done(&r);
}

/* The last rows' line numbers after the block boundary are right. */
Test(csvreader_big, line_numbers_after_the_first_block) {
    const size_t block = 1 << 20;
    char *buf = malloc(2 * block + 64 * 40);
    size_t o = (size_t)sprintf(buf, "staff_id,date,type\r\n");
    long i = 0;
    while (o < block + 64 * 32) o += put_row(buf + o, ++i);
    read_result r;
    memset(&r, 0, sizeof r);
    r.path = tu_write("big.csv", buf, o);
    free(buf);
    r.dq = dq_new(NULL);
    csvr_options opt;
    memset(&opt, 0, sizeof opt);
    opt.dq = r.dq;
    r.wfp = open_memstream(&r.warnings, &r.wlen);
    sv_error_clear(&r.err);
    long last_line = 0;
    r.rc = csvr_read(r.path, EX_SUPERVISION, &opt, last_row_line, &last_line, &r.err);
    cr_expect_eq(r.rc, 0);
    cr_expect_eq(last_line, i + 1);
    expect_counts(&r, EX_SUPERVISION, i, 0);
    done(&r);
}

/* ---- cell parsers ---- */

typedef struct one_row {
    dq_log *dq;
    csvr_cell cells[PC_COUNT];
    csvr_row row;
} one_row;

/* A people row with one cell set (field 5, line 7). */
static void make_row(one_row *o, int col, const char *value) {
    memset(o, 0, sizeof *o);
    o->dq = dq_new(NULL);
    for (int c = 0; c < PC_COUNT; c++) o->cells[c].s = "";
    if (value) {
        o->cells[col].s = value;
        o->cells[col].len = (uint32_t)strlen(value);
        o->cells[col].field = 5;
    }
    o->row.path = "people.csv";
    o->row.extract = EX_PEOPLE;
    o->row.dq = o->dq;
    o->row.columns = extract_get(EX_PEOPLE)->columns;
    o->row.line = 7;
    o->row.cells = o->cells;
}

static void expect_one_finding(one_row *o, dq_reason reason, const char *column, const char *value) {
    cr_assert_eq(dq_entry_count(o->dq), 1, "%zu findings", dq_entry_count(o->dq));
    const dq_entry *e = dq_entry_at(o->dq, 0);
    cr_expect_eq(e->reason, reason, "reason %s, want %s", dq_reason_text(e->reason),
                 dq_reason_text(reason));
    cr_expect_str_eq(e->column, column);
    cr_expect_eq(e->examples[0].line, 7);
    cr_expect_eq(e->examples[0].column, 5);
    cr_expect_str_eq(e->examples[0].value, value);
}

static void expect_no_finding(one_row *o) { cr_expect_eq(dq_entry_count(o->dq), 0); }

/* csvr_date on one cell: return code, date, and the finding (reason -1: none). */
static void date_case(int col, const char *value, int required, date_format fmt, int want_rc,
                      sv_day want_day, int reason, const char *column, const char *quoted) {
    one_row o;
    sv_day d = 0;
    make_row(&o, col, value);
    cr_expect_eq(csvr_date(&o.row, col, required, fmt, &d), want_rc, "\"%s\"", value ? value : "(absent)");
    cr_expect_eq(d, want_day, "\"%s\" -> %d, want %d", value ? value : "(absent)", d, want_day);
    if (reason < 0)
        expect_no_finding(&o);
    else
        expect_one_finding(&o, (dq_reason)reason, column, quoted);
    dq_free(o.dq);
}

Test(cell_parsers, dates) {
    const sv_day jul1 = day_from_ymd(2025, 7, 1);
    date_case(PC_SUPPORT_START, "01/07/2025", 1, DATE_AUTO, 0, jul1, -1, NULL, NULL);
    date_case(PC_SUPPORT_START, "2025-02-30", 1, DATE_AUTO, -1, SV_NO_DATE, DQ_IMPOSSIBLE_DATE,
              "support_start", "'2025-02-30'");
    date_case(PC_SUPPORT_START, "next week", 1, DATE_AUTO, -1, SV_NO_DATE, DQ_BAD_DATE,
              "support_start", "'next week'");
    date_case(PC_SUPPORT_START, "2025-07-01", 1, DATE_UK, -1, SV_NO_DATE, DQ_BAD_DATE,
              "support_start", "'2025-07-01'");
    date_case(PC_SUPPORT_START, "1899-12-31", 1, DATE_AUTO, -1, SV_NO_DATE, DQ_DATE_RANGE,
              "support_start", "'1899-12-31'");
    date_case(PC_SUPPORT_START, "  ", 1, DATE_AUTO, -1, SV_NO_DATE, DQ_MISSING_VALUE, "support_start", "'  '");
    /* optional: blank is fine, a bad value is kept as unknown */
    date_case(PC_SUPPORT_END, "", 0, DATE_AUTO, 0, SV_NO_DATE, -1, NULL, NULL);
    date_case(PC_SUPPORT_END, "31/02/2025", 0, DATE_AUTO, 0, SV_NO_DATE, DQ_BAD_OPTIONAL_DATE,
              "support_end", "'31/02/2025'");
    date_case(PC_DOB, "1850-01-01", 0, DATE_AUTO, 0, SV_NO_DATE, DQ_BAD_OPTIONAL_DATE,
              "date_of_birth", "'1850-01-01'");
}

Test(cell_parsers, date_findings_about_people_are_sensitive) {
    one_row o;
    sv_day d;
    make_row(&o, PC_DOB, "1850-01-01");
    csvr_date(&o.row, PC_DOB, 0, DATE_AUTO, &d);
    cr_assert_eq(dq_entry_count(o.dq), 1);
    cr_expect(dq_entry_at(o.dq, 0)->sensitive);
    dq_free(o.dq);

    make_row(&o, PC_SUPPORT_END, NULL); /* the required column is absent */
    cr_expect_eq(csvr_date(&o.row, PC_SUPPORT_START, 1, DATE_AUTO, &d), -1);
    cr_assert_eq(dq_entry_count(o.dq), 1);
    cr_expect_eq(dq_entry_at(o.dq, 0)->reason, DQ_MISSING_VALUE);
    cr_expect_eq(dq_entry_at(o.dq, 0)->examples[0].column, 0);
    cr_expect_not(dq_entry_at(o.dq, 0)->sensitive);
    dq_free(o.dq);
}

static void number_ok(const char *s, double want) {
    one_row o;
    double v = -1;
    int known = 0;
    make_row(&o, PC_IMD, s);
    cr_expect_eq(csvr_number(&o.row, PC_IMD, 1, -1e9, 1e9, &v, &known), 0, "\"%s\"", s);
    cr_expect_eq(v, want, "\"%s\" -> %.17g, want %.17g", s, v, want);
    cr_expect(known);
    expect_no_finding(&o);
    dq_free(o.dq);
}

static void number_bad(const char *s, int required, dq_reason reason) {
    one_row o;
    double v = -1;
    int known = 1;
    make_row(&o, PC_IMD, s);
    cr_expect_eq(csvr_number(&o.row, PC_IMD, required, 0, 100, &v, &known), required ? -1 : 0,
                 "\"%s\"", s);
    cr_expect_not(known);
    char q[64];
    sv_quote(q, sizeof q, s, strlen(s));
    expect_one_finding(&o, reason, "imd_decile", q);
    dq_free(o.dq);
}

Test(cell_parsers, numbers) {
    number_ok("42", 42);
    number_ok(" 42 ", 42);
    number_ok("-3.5", -3.5);
    number_ok("+7", 7);
    number_ok("0.25", 0.25);
    number_ok(".5", 0.5);
    number_ok("1,234", 1234);
    number_ok("1,234,567.5", 1234567.5);
    number_ok("\xc2\xa3" "1,200.00", 1200);
    number_bad("12,5", 1, DQ_BAD_NUMBER);   /* a decimal comma is refused */
    number_bad("1,23", 1, DQ_BAD_NUMBER);
    number_bad(",123", 1, DQ_BAD_NUMBER);
    number_bad("1e5", 1, DQ_BAD_NUMBER);
    number_bad("abc", 1, DQ_BAD_NUMBER);
    number_bad("-", 1, DQ_BAD_NUMBER);
    number_bad("1.2.3", 1, DQ_BAD_NUMBER);
    number_bad("NaN", 1, DQ_BAD_NUMBER);
    number_bad("-5", 1, DQ_NUMBER_RANGE);
    number_bad("100.5", 1, DQ_NUMBER_RANGE);
    number_bad("99999999999999999999999999", 1, DQ_NUMBER_RANGE);
    number_bad("abc", 0, DQ_BAD_OPTIONAL_NUMBER);
    number_bad("-5", 0, DQ_NUMBER_RANGE_KEPT);

    one_row o;
    double v = 9;
    int known = 1;
    make_row(&o, PC_IMD, "");
    cr_expect_eq(csvr_number(&o.row, PC_IMD, 0, 0, 10, &v, &known), 0);
    cr_expect_not(known);
    expect_no_finding(&o);
    dq_free(o.dq);
    make_row(&o, PC_IMD, " ");
    cr_expect_eq(csvr_number(&o.row, PC_IMD, 1, 0, 10, &v, &known), -1);
    expect_one_finding(&o, DQ_MISSING_VALUE, "imd_decile", "' '");
    dq_free(o.dq);
}

Test(cell_parsers, integers) {
    one_row o;
    long v;
    int known;
    make_row(&o, PC_AGE, "7.0");
    cr_expect_eq(csvr_int(&o.row, PC_AGE, 1, 0, 120, &v, &known), 0);
    cr_expect_eq(v, 7);
    cr_expect(known);
    dq_free(o.dq);
    make_row(&o, PC_AGE, "2.5");
    cr_expect_eq(csvr_int(&o.row, PC_AGE, 1, 0, 120, &v, &known), -1);
    cr_expect_not(known);
    expect_one_finding(&o, DQ_BAD_NUMBER, "age", "'2.5'");
    dq_free(o.dq);
    make_row(&o, PC_AGE, "130");
    cr_expect_eq(csvr_int(&o.row, PC_AGE, 0, 0, 120, &v, &known), 0);
    cr_expect_not(known);
    expect_one_finding(&o, DQ_NUMBER_RANGE_KEPT, "age", "'130'");
    cr_expect_str_eq(dq_entry_at(o.dq, 0)->examples[0].detail, " (0 to 120)");
    dq_free(o.dq);
}

Test(cell_parsers, flags) {
    one_row o;
    make_row(&o, PC_DIRECT_PAYMENT, "Yes");
    cr_expect_eq(csvr_flag(&o.row, PC_DIRECT_PAYMENT), FLAG_YES);
    expect_no_finding(&o);
    dq_free(o.dq);
    make_row(&o, PC_DIRECT_PAYMENT, "maybe");
    cr_expect_eq(csvr_flag(&o.row, PC_DIRECT_PAYMENT), FLAG_UNKNOWN);
    expect_one_finding(&o, DQ_BAD_FLAG, "direct_payment", "'maybe'");
    dq_free(o.dq);
    make_row(&o, PC_DIRECT_PAYMENT, NULL);
    cr_expect_eq(csvr_flag(&o.row, PC_DIRECT_PAYMENT), FLAG_UNKNOWN);
    expect_no_finding(&o);
    dq_free(o.dq);
}

Test(cell_parsers, blank) {
    one_row o;
    make_row(&o, PC_LOCALITY, " \t ");
    cr_expect(csvr_blank(&o.row, PC_LOCALITY));
    cr_expect(csvr_blank(&o.row, PC_SEX));
    dq_free(o.dq);
    make_row(&o, PC_LOCALITY, " x ");
    cr_expect_not(csvr_blank(&o.row, PC_LOCALITY));
    dq_free(o.dq);
}
