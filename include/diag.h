/* diag.h: the one error type used through svreport, and its exit statuses.
 *
 * An sv_error is owned by the caller (usually on the stack). The first error
 * set wins; later sets are ignored, so the root cause is what gets printed.
 * Passing NULL for an sv_error means "don't report". */
#ifndef SV_DIAG_H
#define SV_DIAG_H

#include <stdio.h>
#include <stddef.h>

/* Exit statuses, documented in README "Exit statuses". Distinct so that a
 * scheduler can tell a fix-the-config failure from a fix-the-data one. */
typedef enum sv_status {
    SV_OK = 0,
    SV_EXIT_FAILED = 1,   /* run finished but some documents failed */
    SV_EXIT_USAGE = 2,    /* bad command line */
    SV_EXIT_CONFIG = 3,   /* config or template invalid */
    SV_EXIT_DATA = 4,     /* input data unusable (any data problem with --strict) */
    SV_EXIT_IO = 5,       /* a file could not be read or written */
    SV_EXIT_INTERNAL = 6  /* a bug in svreport, or out of resources */
} sv_status;

typedef struct sv_error {
    sv_status status;  /* SV_OK while unset */
    long line;         /* 1-based; 0 when not applicable */
    long column;       /* 1-based; CSV: field number; JSON: character; 0 if n/a */
    char source[256];  /* file path (its tail when too long), or "" */
    char text[512];    /* message without the location */
} sv_error;

#if defined(__GNUC__)
#define SV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SV_PRINTF(f, a)
#endif

/* Sets err unless it is NULL or already set. source may be NULL. */
void sv_error_set(sv_error *err, sv_status status, const char *source, long line,
                  long column, const char *fmt, ...) SV_PRINTF(6, 7);
void sv_error_clear(sv_error *err);
int sv_error_isset(const sv_error *err);

/* Writes "svreport: error: FILE:LINE:COL: message\n" (parts omitted when 0). */
void sv_error_print(const sv_error *err, FILE *out);
/* The same shape for a warning that does not stop the run. */
void sv_warn_print(FILE *out, const char *source, long line, long column,
                   const char *fmt, ...) SV_PRINTF(5, 6);

/* Quotes a value for a message: 'value', non-printable bytes as \xNN, cut to
 * 40 characters with "...". Always NUL-terminates dst (cap >= 8). */
void sv_quote(char *dst, size_t cap, const char *s, size_t len);

#endif
