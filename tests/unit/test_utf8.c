/* test_utf8.c: UTF-8 validation (RFC 3629) and repair before text reaches
 * libharu, which mangles invalid UTF-8 and blanks characters above U+FFFF. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define VALID ((size_t)-1)
#define expect_invalid_at(lit, want)                                                     \
    do {                                                                                 \
        size_t got_ = utf8_invalid_at((lit), sizeof(lit) - 1);                           \
        cr_expect_eq(got_, (size_t)(want), "utf8_invalid_at(%s) = %zu, want %zu", #lit,   \
                     got_, (size_t)(want));                                              \
    } while (0)

Test(utf8, valid_text) {
    expect_invalid_at("", VALID);
    expect_invalid_at("plain ASCII", VALID);
    expect_invalid_at("Caffi T\xc5\xb7 Coffi", VALID);               /* ŷ */
    expect_invalid_at("Zesp\xc3\xb3\xc5\x82", VALID);                  /* óÅ */
    expect_invalid_at("\xe2\x80\x9cquoted\xe2\x80\x9d", VALID);         /* curly quotes */
    expect_invalid_at("\xef\xbf\xbd", VALID);                          /* U+FFFD */
    expect_invalid_at("\xf0\x9f\x98\x80", VALID);                      /* U+1F600 */
    expect_invalid_at("\xf4\x8f\xbf\xbf", VALID);                      /* U+10FFFF */
}

Test(utf8, invalid_sequences_and_their_offset) {
    expect_invalid_at("\x80", 0);                   /* lone continuation */
    expect_invalid_at("ab\xc3", 2);                 /* truncated at the end */
    expect_invalid_at("a\xc3(", 1);                 /* bad continuation */
    expect_invalid_at("\xc0\xaf", 0);               /* overlong '/' */
    expect_invalid_at("\xc1\xbf", 0);               /* overlong */
    expect_invalid_at("x\xe0\x80\xaf", 1);          /* overlong 3-byte */
    expect_invalid_at("\xf0\x80\x80\xaf", 0);       /* overlong 4-byte */
    expect_invalid_at("ok\xed\xa0\x80", 2);         /* surrogate U+D800 */
    expect_invalid_at("\xed\xbf\xbf", 0);           /* surrogate U+DFFF */
    expect_invalid_at("\xf4\x90\x80\x80", 0);       /* above U+10FFFF */
    expect_invalid_at("\xf5\x80\x80\x80", 0);
    expect_invalid_at("\xfe", 0);
    expect_invalid_at("\xff", 0);
    expect_invalid_at("caf\xe9", 3);                /* Latin-1 e acute */
    expect_invalid_at("a\0b", 1);                   /* NUL counts as invalid */
    expect_invalid_at("\xe2\x80", 0);               /* truncated 3-byte */
}

static void expect_sanitized(const char *in, size_t len, const char *want) {
    char *got = utf8_sanitize(in, len);
    cr_expect_str_eq(got, want);
    cr_expect_eq(utf8_invalid_at(got, strlen(got)), VALID);
    free(got);
}

Test(utf8, sanitize) {
    expect_sanitized("", 0, "");
    expect_sanitized("Caffi T\xc5\xb7", 9, "Caffi T\xc5\xb7");
    expect_sanitized("a\xff" "b", 3, "a\xef\xbf\xbd" "b");
    expect_sanitized("caf\xe9", 4, "caf\xef\xbf\xbd");
    expect_sanitized("\xf0\x9f\x98\x80!", 5, "\xef\xbf\xbd!"); /* above U+FFFF */
    expect_sanitized("a\0b", 3, "a\xef\xbf\xbd" "b");
    expect_sanitized("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd");
    expect_sanitized("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

Test(utf8, length_in_code_points) {
    cr_expect_eq(utf8_length("", 0), 0);
    cr_expect_eq(utf8_length("abc", 3), 3);
    cr_expect_eq(utf8_length("T\xc5\xb7", 3), 2);
    cr_expect_eq(utf8_length("\xe2\x80\x9c", 3), 1);
    cr_expect_eq(utf8_length("\xf0\x9f\x98\x80x", 5), 2);
}
