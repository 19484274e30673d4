/* test_csvparts.c: csvr_read_parts gives what a serial read gives: the same
 * records in the same order (split over the parts), the same findings with
 * the same line numbers and columns, the same row counts and warnings, also
 * when a quoted field spans a part's start. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "csvreader.h"
#include "strbuf.h"
#include "testutil.h"

TestSuite(csvparts, .fini = tu_cleanup, .timeout = 60);

/* What one context saw: "cell|cell...\n" per record (row->line counts
 * from the part's start, so it is compared through the findings). */
typedef struct seen {
    strbuf rows;
} seen;

static int record(void *ctx, const csvr_row *row) {
    seen *s = ctx;
    const extract_def *d = extract_get(row->extract);
    for (size_t c = 0; c < d->ncolumns; c++) sb_printf(&s->rows, "%s|", row->cells[c].s);
    sb_putc(&s->rows, '\n');
    /* A value the loader would refuse: the callback's findings must merge too. */
    if (strcmp(row->cells[VC_MISSED].s, "maybe") == 0) {
        csvr_report(row, VC_MISSED, DQ_BAD_FLAG);
        return CSVR_EXCLUDED;
    }
    return CSVR_USED;
}

typedef struct outcome {
    strbuf rows;      /* the parts' records, concatenated in order */
    strbuf log;       /* every entry and example */
    char *warnings;
    size_t wlen;
    long rows_read, rows_excluded;
    size_t used;
    int rc;
} outcome;

static void read_in_parts(const char *path, size_t nparts, outcome *out) {
    memset(out, 0, sizeof *out);
    FILE *wfp = open_memstream(&out->warnings, &out->wlen);
    dq_log *dq = dq_new(wfp);
    csvr_options o;
    memset(&o, 0, sizeof o);
    o.dq = dq;
    o.part_min_bytes = 16 << 10;
    seen parts[8];
    void *ctxs[8];
    for (size_t k = 0; k < nparts; k++) {
        parts[k].rows = (strbuf)STRBUF_INIT;
        ctxs[k] = &parts[k];
    }
    sv_error err;
    sv_error_clear(&err);
    out->rc = csvr_read_parts(path, EX_VISITS, &o, record, ctxs, nparts, &out->used, &err);
    for (size_t k = 0; k < out->used; k++) sb_append(&out->rows, sb_str(&parts[k].rows), parts[k].rows.len);
    for (size_t k = 0; k < nparts; k++) sb_free(&parts[k].rows);
    for (size_t i = 0; i < dq_entry_count(dq); i++) {
        const dq_entry *e = dq_entry_at(dq, i);
        sb_printf(&out->log, "%d %d %s %ld:", (int)e->extract, (int)e->reason, e->column, e->count);
        for (int x = 0; x < e->nexamples; x++)
            sb_printf(&out->log, " %ld,%ld,%s,%s", e->examples[x].line, e->examples[x].column,
                      e->examples[x].value, e->examples[x].detail);
        sb_putc(&out->log, '\n');
    }
    out->rows_read = dq_stats(dq, EX_VISITS)->rows_read;
    out->rows_excluded = dq_stats(dq, EX_VISITS)->rows_excluded;
    dq_free(dq);
    fclose(wfp);
}

static void outcome_free(outcome *o) {
    sb_free(&o->rows);
    sb_free(&o->log);
    free(o->warnings);
}

/* A visits file of about `rows` records with a bad record every `bad_every`
 * rows, cycling through the kinds the reader and the callback report. */
static char *visits_file(const char *name, int rows, int bad_every, const char *eol) {
    strbuf b = STRBUF_INIT;
    sb_printf(&b, "visit_id,person_id,staff_id,date,planned_minutes,actual_minutes,travel_minutes,missed,"
                  "regular_carer%s", eol);
    for (int i = 1; i <= rows; i++) {
        int kind = bad_every && i % bad_every == 0 ? (i / bad_every) % 5 : -1;
        /* Near the end, a kind first seen in the last part: its examples'
         * line numbers come from the merge. */
        if (bad_every && i > rows - rows / 10 && i % 50 == 1) kind = 5;
        switch (kind) {
        case 5:
            sb_printf(&b, "V%07d,P%05d,S", i, i % 997);
            sb_append(&b, "\0", 1);
            sb_printf(&b, "1,2025-07-01,30,30,5,N,Y%s", eol);
            break;
        case 0: sb_printf(&b, "V%07d,P%05d,S001,2025-07-01,30%s", i, i % 997, eol); break;        /* ragged */
        case 1: sb_printf(&b, "V%07d,P%05d,S0\"01,2025-07-01,30,30,5,N,Y%s", i, i % 997, eol); break; /* stray quote */
        case 2: sb_printf(&b, "V%07d,P%05d,S\xff,2025-07-01,30,30,5,N,Y%s", i, i % 997, eol); break; /* bad UTF-8 */
        case 3: sb_printf(&b, "V%07d,P%05d,S001,2025-07-01,30,30,5,maybe,Y%s", i, i % 997, eol); break;
        case 4: sb_printf(&b, "V%07d,\"P%05d\",\"S0%s01\",2025-07-01,30,30,5,N,Y%s", i, i % 997, eol, eol); break;
        default:
            sb_printf(&b, "V%07d,P%05d,S%03d,2025-07-%02d,30,%d,5,N,%s%s", i, i % 997, i % 101, 1 + i % 28,
                      25 + i % 10, i % 3 ? "Y" : "N", eol);
        }
    }
    char *path = tu_write(name, b.data, b.len);
    sb_free(&b);
    return path;
}

static void expect_same_as_serial(const char *path, size_t nparts, int expect_split) {
    outcome serial, parallel;
    read_in_parts(path, 1, &serial);
    read_in_parts(path, nparts, &parallel);
    cr_assert_eq(serial.rc, 0);
    cr_assert_eq(parallel.rc, 0);
    cr_expect_eq(serial.used, 1);
    if (expect_split) cr_expect_gt(parallel.used, 1, "%zu parts asked, %zu used", nparts, parallel.used);
    cr_expect_eq(serial.rows.len, parallel.rows.len);
    cr_expect(strcmp(sb_str(&serial.rows), sb_str(&parallel.rows)) == 0, "records differ with %zu parts", nparts);
    cr_expect_str_eq(sb_str(&parallel.log), sb_str(&serial.log));
    cr_expect_eq(parallel.rows_read, serial.rows_read);
    cr_expect_eq(parallel.rows_excluded, serial.rows_excluded);
    cr_expect_eq(parallel.wlen, serial.wlen);
    cr_expect(parallel.wlen == serial.wlen && memcmp(parallel.warnings, serial.warnings, serial.wlen) == 0,
              "warnings differ:\n%s---\n%s", serial.warnings, parallel.warnings);
    outcome_free(&serial);
    outcome_free(&parallel);
}

Test(csvparts, clean_file_split_in_two_to_eight_parts) {
    char *path = visits_file("clean.csv", 6000, 0, "\n");
    for (size_t n = 2; n <= 8; n++) expect_same_as_serial(path, n, 1);
    free(path);
}

Test(csvparts, bad_records_keep_their_lines_and_first_examples) {
    char *path = visits_file("bad.csv", 6000, 97, "\n");
    for (size_t n = 2; n <= 8; n++) expect_same_as_serial(path, n, 1);
    free(path);
}

Test(csvparts, crlf_line_ends) {
    char *path = visits_file("crlf.csv", 6000, 89, "\r\n");
    for (size_t n = 2; n <= 4; n++) expect_same_as_serial(path, n, 1);
    free(path);
}

/* Every line in the middle of the file is inside one quoted field: the
 * split point's guess is wrong, the first part reads on alone, and the
 * result is still the serial one. */
Test(csvparts, quoted_field_across_the_split_point) {
    strbuf b = STRBUF_INIT;
    sb_puts(&b, "visit_id,person_id,staff_id,date,planned_minutes,actual_minutes,travel_minutes,missed,"
                "regular_carer\n");
    for (int i = 1; i <= 1500; i++) sb_printf(&b, "V%07d,P%05d,S001,2025-07-01,30,30,5,N,Y\n", i, i);
    sb_puts(&b, "V9999999,P00001,\"S001\n");
    for (int i = 0; i < 1200; i++) sb_printf(&b, "a line of a note, %d, inside quotes\n", i);
    sb_puts(&b, "\",2025-07-01,30,30,5,N,Y\n");
    for (int i = 1; i <= 1500; i++) sb_printf(&b, "W%07d,P%05d,S002,2025-07-02,30,30,5,Y,N\n", i, i);
    char *path = tu_write("spanning.csv", b.data, b.len);
    sb_free(&b);
    outcome o;
    read_in_parts(path, 2, &o);
    cr_expect_eq(o.used, 1, "the part after a wrong guess is dropped");
    outcome_free(&o);
    expect_same_as_serial(path, 2, 0);
    expect_same_as_serial(path, 5, 0);
    free(path);
}

Test(csvparts, small_file_is_one_part) {
    char *path = visits_file("small.csv", 50, 7, "\n");
    outcome o;
    read_in_parts(path, 4, &o);
    cr_expect_eq(o.used, 1);
    cr_expect_eq(o.rc, 0);
    outcome_free(&o);
    free(path);
}

/* When the system refuses a thread (here a process limit of two threads,
 * as user nobody: root is not limited), the parts that started are kept and
 * the last of them reads on to the end of the file: nothing is lost. */
static int serial_equals_parts_without_threads(void *arg) {
    const char *path = arg;
    outcome serial, parallel;
    read_in_parts(path, 1, &serial);
    struct rlimit lim = {2, 2};
    if (setrlimit(RLIMIT_NPROC, &lim) != 0) return 10;
    read_in_parts(path, 4, &parallel);
    int rc = parallel.rc != 0                                  ? 11
             : parallel.used >= 4                              ? 12 /* the limit did not bite */
             : strcmp(sb_str(&serial.rows), sb_str(&parallel.rows)) != 0 ? 13
             : parallel.rows_read != serial.rows_read          ? 14
             : strcmp(sb_str(&serial.log), sb_str(&parallel.log)) != 0 ? 15
                                                               : 0;
    outcome_free(&serial);
    outcome_free(&parallel);
    return rc;
}

Test(csvparts, refused_threads_lose_no_records) {
    char *path = visits_file("nothreads.csv", 6000, 97, "\n");
    cr_assert_eq(chmod(tu_dir(), 0755), 0);
    cr_assert_eq(chmod(path, 0644), 0);
    int rc = tu_unprivileged(serial_equals_parts_without_threads, path);
    cr_expect_eq(rc, 0, "rc %d (11 read failed, 12 limit ineffective, 13 records, 14 rows, 15 findings)", rc);
    free(path);
}
