/* xalloc.h: allocation that never returns NULL. svreport is a batch CLI: on
 * out-of-memory it prints a message and aborts (as cmark, jq and redis do). */
#ifndef SV_XALLOC_H
#define SV_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);                  /* caller frees with free() */
void *xcalloc(size_t count, size_t size);    /* caller frees with free() */
void *xrealloc(void *ptr, size_t size);      /* reassign the result */
char *xstrdup(const char *s);                /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
/* Formatted string; caller frees. */
char *xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Grows an array to hold at least `need` items, doubling; updates *cap. */
#define XGROW(ptr, cap, need)                                                  \
    do {                                                                       \
        if ((size_t)(need) > (cap)) {                                          \
            size_t xg_n = (cap) ? (cap) : 8;                                   \
            while (xg_n < (size_t)(need)) xg_n *= 2;                           \
            (ptr) = xrealloc((ptr), xg_n * sizeof(*(ptr)));                    \
            (cap) = xg_n;                                                      \
        }                                                                      \
    } while (0)

#endif
