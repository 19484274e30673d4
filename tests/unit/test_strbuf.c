/* test_strbuf.c: the owning growable buffer. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

Test(strbuf, empty_buffer) {
    strbuf sb = STRBUF_INIT;
    cr_expect_str_eq(sb_str(&sb), "");
    cr_expect_eq(sb.len, 0);
    sb_clear(&sb); /* no memory yet: still fine */
    cr_expect_null(sb.data);
    char *s = sb_detach(&sb);
    cr_expect_str_eq(s, "");
    free(s);
    sb_free(&sb);
    sb_free(&sb); /* twice is harmless */
}

Test(strbuf, appends) {
    strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "abc");
    sb_putc(&sb, '-');
    sb_append(&sb, "xyz123", 3);
    sb_printf(&sb, "%d:%s", 42, "end");
    sb_append(&sb, "ignored", 0);
    cr_expect_str_eq(sb_str(&sb), "abc-xyz42:end");
    cr_expect_eq(sb.len, 13);
    cr_expect_eq(sb.data[sb.len], '\0');
    sb_free(&sb);
}

Test(strbuf, embedded_nul_keeps_length) {
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "a\0b", 3);
    cr_expect_eq(sb.len, 3);
    cr_expect_eq(memcmp(sb.data, "a\0b\0", 4), 0);
    sb_free(&sb);
}

Test(strbuf, grows_past_a_megabyte) {
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < 100000; i++) sb_printf(&sb, "%05d|", i % 100000);
    cr_expect_eq(sb.len, 600000);
    cr_expect(sb.cap > sb.len);
    cr_expect_eq(memcmp(sb.data + 6 * 99999, "99999|", 6), 0);
    cr_expect_eq(strlen(sb_str(&sb)), 600000);
    char big[3000];
    memset(big, 'x', sizeof big);
    sb_clear(&sb);
    sb_printf(&sb, "%.*s", (int)sizeof big, big); /* one printf larger than any first guess */
    cr_expect_eq(sb.len, 3000);
    sb_free(&sb);
}

Test(strbuf, printf_empty_result) {
    strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s", "");
    cr_expect_eq(sb.len, 0);
    cr_expect_str_eq(sb_str(&sb), "");
    sb_free(&sb);
}

Test(strbuf, clear_keeps_memory_and_detach_resets) {
    strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "hello");
    char *mem = sb.data;
    size_t cap = sb.cap;
    sb_clear(&sb);
    cr_expect_eq(sb.len, 0);
    cr_expect_eq(sb.data, mem);
    cr_expect_eq(sb.cap, cap);
    cr_expect_str_eq(sb_str(&sb), "");
    sb_puts(&sb, "again");
    char *s = sb_detach(&sb);
    cr_expect_str_eq(s, "again");
    cr_expect_null(sb.data);
    cr_expect_eq(sb.len, 0);
    cr_expect_eq(sb.cap, 0);
    free(s);
}
