/* utf8.c: UTF-8 validation (RFC 3629) and repair. */
#include "utf8.h"

#include "strbuf.h"

/* Length of the valid sequence at s, 0 if invalid. *cp receives the code point. */
static size_t seq_len(const unsigned char *s, size_t len, unsigned *cp) {
    unsigned c = s[0];
    if (c == 0) return 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    unsigned v, min;
    if ((c & 0xE0) == 0xC0) n = 2, v = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) n = 3, v = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) n = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if (n > len) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

size_t utf8_invalid_at(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    unsigned cp;
    while (i < len) {
        if (u[i] < 0x80 && u[i] != 0) {
            i++;
            continue;
        }
        size_t n = seq_len(u + i, len - i, &cp);
        if (!n) return i;
        i += n;
    }
    return (size_t)-1;
}

char *utf8_sanitize(const char *s, size_t len) {
    strbuf sb = STRBUF_INIT;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    unsigned cp;
    while (i < len) {
        size_t n = seq_len(u + i, len - i, &cp);
        if (n && cp <= 0xFFFF) {
            sb_append(&sb, s + i, n);
            i += n;
        } else {
            sb_puts(&sb, "\xEF\xBF\xBD");
            i += n ? n : 1;
        }
    }
    return sb_detach(&sb);
}

size_t utf8_length(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}
