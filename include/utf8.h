/* utf8.h: UTF-8 checks. libharu mangles invalid UTF-8 silently and turns
 * characters above U+FFFF into spaces, so text is checked before it enters
 * the report tree. */
#ifndef SV_UTF8_H
#define SV_UTF8_H

#include <stddef.h>

/* Byte offset of the first invalid sequence, or (size_t)-1 if s is valid.
 * Overlong forms, surrogates and NUL bytes count as invalid. */
size_t utf8_invalid_at(const char *s, size_t len);
/* A copy with each invalid sequence and each character above U+FFFF replaced
 * by U+FFFD; caller frees. */
char *utf8_sanitize(const char *s, size_t len);
/* Characters (code points) in valid UTF-8 s. */
size_t utf8_length(const char *s, size_t len);

#endif
