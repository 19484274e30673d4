/* fuzz_csv.c: libFuzzer target for the extract reader (csvr_read,
 * csvr_read_parts) and the cell parsers the model's loaders call on every
 * cell, with a differential check of the parallel read.
 *
 * Input: byte 0 chooses the extract (low 4 bits, modulo the extract count),
 * the separator (bits 4-5: detect, ',', ';', tab) and the date format (bits
 * 6-7); in byte 1, bits 4-5 choose the number of parts (1 to 4) and bits
 * 6-7 the smallest part (1 to 97 bytes, so that small inputs are split; the
 * low 4 bits are unused); the rest is the file.
 *
 * (Reads are not shortened: the reader assumes a block holds a whole field,
 * and a record's encoding check assumes a record spans at most two blocks,
 * which is not always so; see the report of issue 6.)
 *
 * The file is read serially, then, with more than one part, in parts. The
 * records the kept parts delivered, concatenated, must be the serial read's,
 * and the data-quality log (counts, findings, example lines and columns) and
 * the error must be the same (csvreader.h: "as a serial read gives them").
 * Every canonical cell present is put through csvr_date, csvr_number,
 * csvr_int and csvr_flag so that findings are reported on arbitrary values.
 *
 * csvreader.c is compiled into this harness (not taken from the library) so
 * that its 1 MiB read buffers can be pooled across inputs: under ASan each
 * 1 MiB allocation is an mmap and a munmap, which made the target 15 times
 * slower. */
#define _GNU_SOURCE
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvreader.h"
#include "dq.h"
#include "fuzz_common.h"
#include "xalloc.h"

/* The reader's block buffers, allocated and freed on the calling thread. */
#define POOL 16
static void *pool[POOL];
static int pool_used[POOL];
static void *fuzz_xmalloc(size_t n) {
    if (n != (1 << 20)) return xmalloc(n);
    for (int i = 0; i < POOL; i++) {
        if (pool_used[i]) continue;
        if (!pool[i]) pool[i] = xmalloc(n);
        pool_used[i] = 1;
        return pool[i];
    }
    abort();
}
static void fuzz_free(void *p) {
    for (int i = 0; p && i < POOL; i++)
        if (pool[i] == p) {
            if (!pool_used[i]) abort(); /* freed twice */
            pool_used[i] = 0;
            return;
        }
    free(p);
}

#define xmalloc fuzz_xmalloc
#define free fuzz_free
#include "../../src/csvreader.c"
#undef xmalloc
#undef free

/* What one callback context saw: a hash per record, in order. */
typedef struct seen {
    uint64_t *rows;
    size_t n, cap;
    date_format fmt;
} seen;

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static int on_row(void *ctx, const csvr_row *row) {
    seen *s = ctx;
    size_t n = extract_get(row->extract)->ncolumns + 1; /* + the extra column */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t c = 0; c < n; c++) {
        const csvr_cell *cell = &row->cells[c];
        if (cell->len != strlen(cell->s)) abort(); /* a NUL inside a used cell */
        h = fnv(h, &cell->field, sizeof cell->field);
        h = fnv(h, cell->s, cell->len);
        if (!cell->field) continue;
        sv_day d;
        double x;
        long l;
        int known;
        (void)csvr_blank(row, (int)c);
        (void)csvr_date(row, (int)c, row->columns[c].required, s->fmt, &d);
        (void)csvr_number(row, (int)c, 0, -1e9, 1e9, &x, &known);
        (void)csvr_int(row, (int)c, 0, 0, 120, &l, &known);
        (void)csvr_flag(row, (int)c);
    }
    XGROW(s->rows, s->cap, s->n + 1);
    s->rows[s->n++] = h;
    return (h & 1) ? CSVR_USED : CSVR_EXCLUDED;
}

static const dq_entry *find_entry(const dq_log *dq, const dq_entry *e) {
    for (size_t i = 0; i < dq_entry_count(dq); i++) {
        const dq_entry *f = dq_entry_at(dq, i);
        if (f->extract == e->extract && f->reason == e->reason && strcmp(f->column, e->column) == 0)
            return f;
    }
    return NULL;
}

/* Aborts, saying what, when the parallel read's log differs. */
static void same_log(const dq_log *a, const dq_log *b, extract_id ex) {
    if (dq_entry_count(a) != dq_entry_count(b) || dq_total_findings(a) != dq_total_findings(b)) {
        fprintf(stderr, "parts: %zu findings kinds, %ld findings; serial: %zu, %ld\n",
                dq_entry_count(b), dq_total_findings(b), dq_entry_count(a), dq_total_findings(a));
        abort();
    }
    for (size_t i = 0; i < dq_entry_count(a); i++) {
        const dq_entry *e = dq_entry_at(a, i), *f = find_entry(b, e);
        if (!f || f->count != e->count || f->nexamples != e->nexamples) {
            fprintf(stderr, "parts: finding %s/%s differs\n", dq_reason_text(e->reason), e->column);
            abort();
        }
        for (int k = 0; k < e->nexamples; k++)
            if (e->examples[k].line != f->examples[k].line ||
                e->examples[k].column != f->examples[k].column ||
                strcmp(e->examples[k].value, f->examples[k].value) != 0) {
                fprintf(stderr, "parts: %s example %d at %ld:%ld, serial %ld:%ld\n",
                        dq_reason_text(e->reason), k, f->examples[k].line, f->examples[k].column,
                        e->examples[k].line, e->examples[k].column);
                abort();
            }
    }
    const dq_extract_stats *sa = dq_stats(a, ex), *sb = dq_stats(b, ex);
    if (sa->rows_read != sb->rows_read || sa->rows_excluded != sb->rows_excluded) {
        fprintf(stderr, "parts: %ld rows read, %ld excluded; serial %ld, %ld\n", sb->rows_read,
                sb->rows_excluded, sa->rows_read, sa->rows_excluded);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    static const char seps[] = {0, ',', ';', '\t'};
    static const csvr_alias aliases[] = {{"Client ID", "person_id"}, {"DOB", "date_of_birth"},
                                         {"Staff", "staff_id"}};
    static const column_def extra[] = {{"unit", 0, 0}};
    uint8_t sel = data[0];
    extract_id ex = (extract_id)((sel & 15) % EX_COUNT);
    size_t nparts = 1 + ((data[1] >> 4) & 3);
    csvr_options opt = {0};
    opt.separator = seps[(sel >> 4) & 3];
    opt.aliases = aliases;
    opt.naliases = sizeof aliases / sizeof *aliases;
    opt.date_format = (date_format)((sel >> 6) % 3);
    opt.extra = extra;
    opt.nextra = 1;
    opt.part_min_bytes = 1 + (size_t)(data[1] >> 6) * 32;
    const char *path = fuzz_file(data + 2, size - 2);

    /* Serially. */
    opt.dq = dq_new(NULL);
    seen serial = {NULL, 0, 0, opt.date_format};
    sv_error err;
    sv_error_clear(&err);
    if (csvr_read(path, ex, &opt, on_row, &serial, &err) < 0 && !sv_error_isset(&err)) abort();
    for (size_t i = 0; i < dq_entry_count(opt.dq); i++) {
        const dq_entry *e = dq_entry_at(opt.dq, i);
        if (e->count < 1 || strlen(e->column) >= sizeof e->column) abort();
    }

    /* In parts. */
    if (nparts > 1) {
        dq_log *dq1 = opt.dq;
        opt.dq = dq_new(NULL);
        seen parts[4];
        void *ctxs[4];
        for (size_t k = 0; k < nparts; k++) {
            parts[k] = (seen){NULL, 0, 0, opt.date_format};
            ctxs[k] = &parts[k];
        }
        size_t used = 0;
        sv_error perr;
        sv_error_clear(&perr);
        int rc = csvr_read_parts(path, ex, &opt, on_row, ctxs, nparts, &used, &perr);
        if (used < 1 || used > nparts || (rc < 0) != sv_error_isset(&perr)) abort();
        if (perr.status != err.status || perr.line != err.line || perr.column != err.column ||
            strcmp(perr.text, err.text) != 0) {
            fprintf(stderr, "parts: error \"%s\" at %ld; serial \"%s\" at %ld\n", perr.text,
                    perr.line, err.text, err.line);
            abort();
        }
        if (!sv_error_isset(&err)) {
            size_t at = 0;
            for (size_t k = 0; k < used; k++)
                for (size_t i = 0; i < parts[k].n; i++, at++)
                    if (at >= serial.n || parts[k].rows[i] != serial.rows[at]) {
                        fprintf(stderr, "parts: record %zu (part %zu of %zu kept) differs\n",
                                at + 1, k, used);
                        abort();
                    }
            if (at != serial.n) {
                fprintf(stderr, "parts: %zu records, serial %zu\n", at, serial.n);
                abort();
            }
            same_log(dq1, opt.dq, ex);
        }
        for (size_t k = 0; k < nparts; k++) free(parts[k].rows);
        dq_free(dq1);
    }
    dq_free(opt.dq);
    free(serial.rows);
    return 0;
}
