/* test_diag.c: the one error type (first error wins, long paths keep their
 * tail), the message shape and sv_quote. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "testutil.h"

/* What sv_error_print / sv_warn_print write, as a string. */
static char *printed(const sv_error *err) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    sv_error_print(err, fp);
    fclose(fp);
    return buf;
}

Test(diag, unset_error) {
    sv_error err;
    sv_error_clear(&err);
    cr_expect_not(sv_error_isset(&err));
    cr_expect_not(sv_error_isset(NULL));
    char *out = printed(&err);
    cr_expect_str_eq(out, ""); /* nothing to print */
    free(out);
    sv_error_set(NULL, SV_EXIT_DATA, "x.csv", 1, 1, "ignored"); /* NULL: don't report */
    sv_error_clear(NULL);
}

Test(diag, first_error_wins) {
    sv_error err;
    sv_error_clear(&err);
    sv_error_set(&err, SV_EXIT_DATA, "people.csv", 3, 2, "first %s", "cause");
    sv_error_set(&err, SV_EXIT_IO, "other.csv", 9, 9, "second");
    cr_expect(sv_error_isset(&err));
    expect_error(&err, SV_EXIT_DATA, "people.csv", 3, 2, "first cause");
    sv_error_clear(&err);
    sv_error_set(&err, SV_EXIT_IO, NULL, 0, 0, "after clear");
    expect_error(&err, SV_EXIT_IO, "", 0, 0, "after clear");
}

Test(diag, ok_status_becomes_internal) {
    sv_error err;
    sv_error_clear(&err);
    sv_error_set(&err, SV_OK, "x", 0, 0, "set with SV_OK");
    cr_expect_eq(err.status, SV_EXIT_INTERNAL);
    cr_expect(sv_error_isset(&err));
}

Test(diag, message_shape) {
    sv_error err;
    const struct {
        const char *source;
        long line, col;
        const char *want;
    } cases[] = {
        {"people.csv", 12, 3, "svreport: error: people.csv:12:3: bad thing\n"},
        {"people.csv", 12, 0, "svreport: error: people.csv:12: bad thing\n"},
        {"people.csv", 0, 0, "svreport: error: people.csv: bad thing\n"},
        {"people.csv", 0, 7, "svreport: error: people.csv: bad thing\n"},
        {NULL, 0, 0, "svreport: error: bad thing\n"},
        {"", 4, 2, "svreport: error: bad thing\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sv_error_clear(&err);
        sv_error_set(&err, SV_EXIT_DATA, cases[i].source, cases[i].line, cases[i].col, "bad thing");
        char *out = printed(&err);
        cr_expect_str_eq(out, cases[i].want);
        free(out);
    }
}

Test(diag, warning_shape) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    sv_warn_print(fp, "visits.csv", 7, 4, "%s: %d", "missed", 3);
    sv_warn_print(fp, NULL, 0, 0, "plain");
    fclose(fp);
    cr_expect_str_eq(buf, "svreport: warning: visits.csv:7:4: missed: 3\n"
                          "svreport: warning: plain\n");
    free(buf);
}

Test(diag, long_path_keeps_its_tail) {
    char path[400];
    memset(path, 'd', sizeof path);
    memcpy(path + 300, "/extracts/people.csv", 20);
    path[320] = '\0';
    sv_error err;
    sv_error_clear(&err);
    sv_error_set(&err, SV_EXIT_DATA, path, 1, 1, "x");
    cr_expect_eq(strlen(err.source), sizeof err.source - 1);
    cr_expect_eq(strncmp(err.source, "...", 3), 0, "source %s", err.source);
    const char *tail = err.source + strlen(err.source) - 20;
    cr_expect_str_eq(tail, "/extracts/people.csv");
    cr_expect_str_eq(err.source + 3, path + 320 - (sizeof err.source - 4));

    /* 255 characters fit as they are; 256 do not */
    memset(path, 'p', 255);
    path[255] = '\0';
    sv_error_clear(&err);
    sv_error_set(&err, SV_EXIT_DATA, path, 1, 1, "x");
    cr_expect_str_eq(err.source, path);
    path[255] = 'q';
    path[256] = '\0';
    sv_error_clear(&err);
    sv_error_set(&err, SV_EXIT_DATA, path, 1, 1, "x");
    cr_expect_eq(strlen(err.source), 255);
    cr_expect_eq(strncmp(err.source, "...pp", 5), 0);
    cr_expect_eq(err.source[254], 'q');
}

Test(diag, long_text_is_cut_not_overflowed) {
    char text[1000];
    memset(text, 't', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    sv_error err;
    sv_error_clear(&err);
    sv_error_set(&err, SV_EXIT_CONFIG, "c.json", 1, 1, "%s", text);
    cr_expect_eq(strlen(err.text), sizeof err.text - 1);
}

/* ---- sv_quote ---- */

static void expect_quote(const char *in, size_t len, size_t cap, const char *want) {
    char buf[256];
    cr_assert(cap <= sizeof buf);
    memset(buf, '#', sizeof buf);
    sv_quote(buf, cap, in, len);
    cr_expect_str_eq(buf, want, "sv_quote(\"%.*s\", cap %zu)", (int)len, in, cap);
    cr_expect(strlen(buf) < cap || cap == 0);
}
#define QUOTE(lit, want) expect_quote((lit), sizeof(lit) - 1, 64, (want))

Test(sv_quote, plain_and_escaped) {
    QUOTE("", "''");
    QUOTE("2025-02-30", "'2025-02-30'");
    QUOTE("tab\there", "'tab\\x09here'");
    QUOTE("line\nbreak\r", "'line\\x0abreak\\x0d'");
    QUOTE("nul\0byte", "'nul\\x00byte'");
    QUOTE("del\x7f", "'del\\x7f'");
    QUOTE("it's", "'it's'");
    QUOTE("T\xc5\xb7", "'T\xc5\xb7'"); /* valid UTF-8 passes through */
}

Test(sv_quote, invalid_utf8_bytes_are_escaped) {
    /* Raw invalid bytes would reach the terminal as mojibake. */
    QUOTE("caf\xe9", "'caf\\xe9'");
    QUOTE("ab\xff", "'ab\\xff'");
    QUOTE("\xc3(", "'\\xc3('");
    QUOTE("\xed\xa0\x80", "'\\xed\\xa0\\x80'");
}

Test(sv_quote, cut_at_40_characters) {
    char in[100];
    memset(in, 'a', sizeof in);
    char want[100];
    /* exactly 40: whole */
    snprintf(want, sizeof want, "'%.40s'", in);
    expect_quote(in, 40, 64, want);
    /* 41: 40 and an ellipsis */
    snprintf(want, sizeof want, "'%.40s...'", in);
    expect_quote(in, 41, 64, want);
    expect_quote(in, 100, 64, want);
}

Test(sv_quote, counts_characters_not_bytes) {
    /* 40 two-byte characters are 40 characters */
    char in[200] = "";
    for (int i = 0; i < 40; i++) strcat(in, "\xc3\xa9");
    char want[220];
    snprintf(want, sizeof want, "'%s'", in);
    expect_quote(in, strlen(in), 128, want);
    /* never cut inside a character: 39 ASCII + one two-byte character + more */
    char in2[64];
    memset(in2, 'a', 39);
    memcpy(in2 + 39, "\xc3\xa9zz", 4);
    char want2[64];
    snprintf(want2, sizeof want2, "'%.39s\xc3\xa9...'", in2);
    expect_quote(in2, 43, 64, want2);
}

Test(sv_quote, small_buffers) {
    expect_quote("abc", 3, 8, "'...'");
    expect_quote("abc", 3, 9, "'...'"); /* room is kept for the widest escape */
    expect_quote("abc", 3, 12, "'abc'");
    expect_quote("abcdefgh", 8, 12, "'abc...'");
    char buf[4] = "xyz";
    sv_quote(buf, 4, "abc", 3);
    cr_expect_str_eq(buf, "");
    /* a multi-byte character is never split by the buffer limit either */
    expect_quote("\xe2\x80\x9c" "abcdef", 9, 12, "'\xe2\x80\x9c...'");
}
