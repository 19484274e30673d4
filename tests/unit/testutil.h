/* testutil.h: helpers shared by the unit tests: a scratch directory per
 * test, small files written into it, and one check that asserts every field
 * of an sv_error (style habit 13, after jansson's check_error). */
#ifndef SV_TESTUTIL_H
#define SV_TESTUTIL_H

#include <criterion/criterion.h>

#include <stddef.h>
#include <string.h>

#include "diag.h"

struct sv_config;
struct sv_model;

/* The running test's scratch directory, created on first use. Criterion
 * runs each test in its own process; suites that write files declare
 * `TestSuite(name, .fini = tu_cleanup)` so it is removed afterwards. */
const char *tu_dir(void);
void tu_cleanup(void);

/* Writes len bytes to tu_dir()/name and returns the path (caller frees). */
char *tu_write(const char *name, const void *data, size_t len);
char *tu_write_str(const char *name, const char *text);
/* tu_dir()/name; caller frees. */
char *tu_path(const char *name);
/* BUILD/test-out/name (created), beside the test binary: outputs left for
 * an end-to-end check to look at. Caller frees. */
char *tu_out_dir(const char *name);
/* A whole file (NUL-terminated), or NULL if it cannot be read; caller frees. */
char *tu_read(const char *path, size_t *len);

/* Runs fn(arg) in a child process that has dropped root to "nobody" (so
 * permission bits are enforced) and returns its result (0-255), or -1 if
 * the child could not be run. Directories fn uses must be searchable. */
int tu_unprivileged(int (*fn)(void *), void *arg);

/* The two-sided normal quantiles of 95% and 99.8% limits. */
#define TU_Z95 1.959963984540054
#define TU_Z998 3.090232306167813

/* Whether got is within rel of want, relatively (absolutely when want is
 * 0); two NANs count as equal. */
int tu_near(double got, double want, double rel);

/* Resets cfg and m to one period, 2025-26 Q2, with the default seven age
 * bands (18, 25, 35, 50, 65, 75, 85), a data date of 5 October 2025 and
 * nothing else: the tests attach their own rows. */
void tu_model_q2(struct sv_config *cfg, struct sv_model *m);

/* Asserts the status, source, line, column and text of an error exactly. */
#define expect_error(err, want_status, want_source, want_line, want_col, want_text)      \
    do {                                                                                 \
        const sv_error *e_ = (err);                                                      \
        cr_expect_eq(e_->status, (want_status), "status %d, want %d", (int)e_->status,   \
                     (int)(want_status));                                                \
        cr_expect_str_eq(e_->source, (want_source));                                     \
        cr_expect_eq(e_->line, (long)(want_line), "line %ld, want %ld", e_->line,         \
                     (long)(want_line));                                                 \
        cr_expect_eq(e_->column, (long)(want_col), "column %ld, want %ld", e_->column,    \
                     (long)(want_col));                                                  \
        cr_expect_str_eq(e_->text, (want_text));                                         \
    } while (0)

/* Asserts that err is still unset, printing it when it is not. */
#define expect_no_error(err)                                                             \
    cr_expect_eq((err)->status, SV_OK, "unexpected error %d at %s:%ld:%ld: %s",          \
                 (int)(err)->status, (err)->source, (err)->line, (err)->column,          \
                 (err)->text)

#endif
