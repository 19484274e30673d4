/* strbuf.h: an owning growable byte buffer, always NUL-terminated. */
#ifndef SV_STRBUF_H
#define SV_STRBUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct strbuf {
    char *data;  /* owned; NULL until the first append */
    size_t len;
    size_t cap;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

void sb_append(strbuf *sb, const char *s, size_t len);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
void sb_clear(strbuf *sb);             /* len = 0, keeps memory */
const char *sb_str(const strbuf *sb);  /* "" when empty; borrowed */
char *sb_detach(strbuf *sb);           /* caller frees; sb is reset */
void sb_free(strbuf *sb);

#endif
