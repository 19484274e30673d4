/* test_jsoncheck.c: JSON loading with key paths, lines and columns
 * (jsoncheck.h): where values and keys are, syntax errors, duplicate keys,
 * unknown keys with a suggestion, and the typed getters' messages. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsoncheck.h"
#include "testutil.h"

TestSuite(jsoncheck, .fini = tu_cleanup, .timeout = 10);

/* Columns are counted in characters: "été" is three. */
static const char DOC[] =
    "{\n"                                      /* 1 */
    "  \"a\": {\n"                             /* 2: key col 3, value col 8 */
    "    \"b\": [1, 2, {\"x y\": true}],\n"    /* 3: b 5/10, [1] 14, {} 17, 'x y' 18/25 */
    "    \"n\": 12\n"                          /* 4: key 5, value 10 */
    "  },\n"                                   /* 5 */
    "  \"\xc3\xa9t\xc3\xa9\": \"v\",\n"        /* 6: key 3, value 10 */
    "  \"s\": \"with \\\"quotes\\\" and }{ inside\", \"t\": [] \n" /* 7: s 3/8, t 41/46 */
    "}\n";

static jc_doc *load(const char *text, char **path, sv_error *err) {
    *path = tu_write_str("doc.json", text);
    sv_error_clear(err);
    return jc_load(*path, SV_EXIT_CONFIG, err);
}

/* jc_fail at path, checking the location and the text. */
static void expect_at(const jc_doc *doc, const char *path, int at_key, long line, long col) {
    sv_error err;
    sv_error_clear(&err);
    jc_fail(doc, path, at_key, &err, "%s", "msg");
    char want[300];
    snprintf(want, sizeof want, "%s: msg", path);
    expect_error(&err, SV_EXIT_CONFIG, jc_path(doc), line, col, want);
}

Test(jsoncheck, positions_of_values_and_keys) {
    char *path;
    sv_error err;
    jc_doc *doc = load(DOC, &path, &err);
    cr_assert_not_null(doc, "%s", err.text);
    cr_expect_str_eq(jc_path(doc), path);
    expect_at(doc, "$", 0, 1, 1);
    expect_at(doc, "$.a", 1, 2, 3);
    expect_at(doc, "$.a", 0, 2, 8);
    expect_at(doc, "$.a.b", 1, 3, 5);
    expect_at(doc, "$.a.b", 0, 3, 10);
    expect_at(doc, "$.a.b[0]", 0, 3, 11);
    expect_at(doc, "$.a.b[1]", 0, 3, 14);
    expect_at(doc, "$.a.b[1]", 1, 3, 14); /* an array item has no key */
    expect_at(doc, "$.a.b[2]", 0, 3, 17);
    expect_at(doc, "$.a.b[2]['x y']", 1, 3, 18);
    expect_at(doc, "$.a.b[2]['x y']", 0, 3, 25);
    expect_at(doc, "$.a.n", 1, 4, 5);
    expect_at(doc, "$.a.n", 0, 4, 10);
    expect_at(doc, "$['\xc3\xa9t\xc3\xa9']", 1, 6, 3);
    expect_at(doc, "$['\xc3\xa9t\xc3\xa9']", 0, 6, 10);
    expect_at(doc, "$.s", 0, 7, 8);
    expect_at(doc, "$.t", 1, 7, 41);
    expect_at(doc, "$.t", 0, 7, 46);
    /* a path that is not in the document: no location */
    expect_at(doc, "$.a.zzz", 0, 0, 0);
    jc_free(doc);
    free(path);
}

Test(jsoncheck, paths) {
    char *p = jc_child("$", "extracts");
    cr_expect_str_eq(p, "$.extracts");
    char *q = jc_child(p, "Client ID");
    cr_expect_str_eq(q, "$.extracts['Client ID']");
    char *r = jc_index(q, 2);
    cr_expect_str_eq(r, "$.extracts['Client ID'][2]");
    char *t = jc_child(r, "a-b_c9");
    cr_expect_str_eq(t, "$.extracts['Client ID'][2].a-b_c9");
    char *u = jc_child("$", "");
    cr_expect_str_eq(u, "$['']");
    char *v = jc_child("$", "x.y");
    cr_expect_str_eq(v, "$['x.y']");
    free(p), free(q), free(r), free(t), free(u), free(v);
}

Test(jsoncheck, escaped_keys) {
    char *path;
    sv_error err;
    jc_doc *doc = load("{\"a\\u00e9\": {\"q\\\"k\": 1}}", &path, &err);
    cr_assert_not_null(doc, "%s", err.text);
    expect_at(doc, "$['a\xc3\xa9']", 1, 1, 2);
    expect_at(doc, "$['a\xc3\xa9']['q\"k']", 0, 1, 22);
    jc_free(doc);
    free(path);
}

static void expect_load_error(const char *text, long line, long col, const char *want) {
    char *path;
    sv_error err;
    jc_doc *doc = load(text, &path, &err);
    cr_expect_null(doc);
    expect_error(&err, SV_EXIT_CONFIG, path, line, col, want);
    jc_free(doc);
    free(path);
}

Test(jsoncheck, invalid_json_position) {
    expect_load_error("{\"a\": 1,}", 1, 9, "invalid JSON: string or '}' expected near '}'");
    expect_load_error("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 5, "invalid JSON: '}' expected near '\"b\"'");
    expect_load_error("{\"a\": tru}", 1, 9, "invalid JSON: invalid token near 'tru'");
    expect_load_error("[1, 2", 1, 5, "invalid JSON: ']' expected near end of file");
    expect_load_error("", 1, 0, "invalid JSON: '[' or '{' expected near end of file");
    expect_load_error("{\"k\": 1}\n{}", 2, 1, "invalid JSON: end of file expected near '{'");
    expect_load_error("{\n\"\xc3\xa9t\xc3\xa9\": x}", 2, 8, "invalid JSON: invalid token near 'x'");
    expect_load_error("{\"a\": \"caf\xe9\"}", 1, 10, "invalid JSON: unable to decode byte 0xe9 near '\"caf'");
}

Test(jsoncheck, duplicate_keys_rejected) {
    expect_load_error("{\"a\": 1, \"a\": 2}", 1, 12, "invalid JSON: duplicate object key near '\"a\"'");
    expect_load_error("{\"o\": {\"k\": 1,\n \"k\": 2}}", 2, 4,
                      "invalid JSON: duplicate object key near '\"k\"'");
}

Test(jsoncheck, status_is_the_callers) {
    char *path = tu_write_str("t.json", "{");
    sv_error err;
    sv_error_clear(&err);
    cr_expect_null(jc_load(path, SV_EXIT_DATA, &err));
    cr_expect_eq(err.status, SV_EXIT_DATA);
    free(path);
}

Test(jsoncheck, byte_order_mark_is_accepted) {
    /* Windows Notepad saves UTF-8 with a BOM; it is invisible to the user. */
    char *path;
    sv_error err;
    jc_doc *doc = load("\xEF\xBB\xBF{\"a\": 1}", &path, &err);
    cr_assert_not_null(doc, "%s", err.text);
    expect_at(doc, "$.a", 1, 1, 2);
    expect_at(doc, "$.a", 0, 1, 7);
    jc_free(doc);
    free(path);
    expect_load_error("\xEF\xBB\xBF{\"a\": }", 1, 7, "invalid JSON: unexpected token near '}'");
}

Test(jsoncheck, unreadable) {
    sv_error err;
    sv_error_clear(&err);
    char *missing = tu_path("missing.json");
    cr_expect_null(jc_load(missing, SV_EXIT_CONFIG, &err));
    expect_error(&err, SV_EXIT_IO, missing, 0, 0, "cannot open: No such file or directory");
    sv_error_clear(&err);
    cr_expect_null(jc_load(tu_dir(), SV_EXIT_CONFIG, &err));
    cr_expect_eq(err.status, SV_EXIT_IO);
    cr_expect_str_eq(err.source, tu_dir());
    free(missing);
}

Test(jsoncheck, deep_nesting_loads) {
    /* Jansson accepts 2048 levels; indexing them must neither hang nor
     * overflow. */
    size_t depth = 2000;
    char *text = malloc(2 * depth + 16);
    size_t o = 0;
    for (size_t i = 0; i < depth; i++) text[o++] = '[';
    for (size_t i = 0; i < depth; i++) text[o++] = ']';
    text[o] = '\0';
    char *path;
    sv_error err;
    jc_doc *doc = load(text, &path, &err);
    cr_expect_not_null(doc, "%s", err.text);
    jc_free(doc);
    free(path);
    /* deep on one line, then a key after it that can still be located */
    o = (size_t)sprintf(text, "{\"deep\": ");
    for (size_t i = 0; i < 1000; i++) text[o++] = '[';
    for (size_t i = 0; i < 1000; i++) text[o++] = ']';
    o += (size_t)sprintf(text + o, ",\n \"after\": 1}");
    doc = load(text, &path, &err);
    cr_assert_not_null(doc, "%s", err.text);
    expect_at(doc, "$.after", 1, 2, 2);
    expect_at(doc, "$.after", 0, 2, 11);
    jc_free(doc);
    free(path);
    free(text);
}

/* ---- keys and typed getters ---- */

static const char *const KEYS[] = {"organisation", "period", "extracts", "suppression", NULL};

Test(jsoncheck, unknown_keys_with_suggestion) {
    char *path;
    sv_error err;
    jc_doc *doc = load("{\"organisation\": \"x\",\n \"perod\": \"2025-26 Q1\"}", &path, &err);
    cr_assert_not_null(doc);
    cr_expect_eq(jc_keys(doc, jc_root(doc), "$", KEYS, &err), -1);
    expect_error(&err, SV_EXIT_CONFIG, path, 2, 2, "$.perod: unknown key \"perod\" (did you mean \"period\"?)");
    jc_free(doc);
    free(path);

    doc = load("{\"extracts\": {\"zzz\": 1}}", &path, &err);
    json_t *ex = json_object_get(jc_root(doc), "extracts");
    static const char *const inner[] = {"dir", "people", NULL};
    cr_expect_eq(jc_keys(doc, ex, "$.extracts", inner, &err), -1);
    expect_error(&err, SV_EXIT_CONFIG, path, 1, 15, "$.extracts.zzz: unknown key \"zzz\"");
    jc_free(doc);
    free(path);

    doc = load("{\"organisation\": 1, \"period\": 2}", &path, &err);
    cr_expect_eq(jc_keys(doc, jc_root(doc), "$", KEYS, &err), 0);
    expect_no_error(&err);
    cr_expect_eq(jc_keys(doc, json_object_get(jc_root(doc), "period"), "$.period", KEYS, &err), -1);
    expect_error(&err, SV_EXIT_CONFIG, path, 1, 31, "$.period: expected an object, found an integer");
    jc_free(doc);
    free(path);
}

Test(jsoncheck, suggest) {
    static const char *const words[] = {"threshold", "round_to", "secondary", "marker", NULL};
    cr_expect_str_eq(jc_suggest("treshold", words), "threshold");
    cr_expect_str_eq(jc_suggest("Threshold", words), "threshold");
    cr_expect_str_eq(jc_suggest("roundto", words), "round_to");
    cr_expect_str_eq(jc_suggest("markr", words), "marker");
    cr_expect_null(jc_suggest("colour", words));
    cr_expect_null(jc_suggest("", words));
    static const char *const none[] = {NULL};
    cr_expect_null(jc_suggest("x", none));
}

static const char GETTERS[] =
    "{\n"
    "  \"s\": \"text\", \"i\": 12, \"r\": 1.5, \"b\": true, \"o\": {}, \"a\": [],\n"
    "  \"n\": null, \"c\": \"quartr\"\n"
    "}\n";

Test(jsoncheck, typed_getters) {
    char *path;
    sv_error err;
    jc_doc *doc = load(GETTERS, &path, &err);
    cr_assert_not_null(doc);
    json_t *root = jc_root(doc);
    const char *s = NULL;
    double d = 0;
    long l = 0;
    int b = 0, idx = -1;
    json_t *v = NULL;
    cr_expect_eq(jc_string(doc, root, "$", "s", 1, &s, &err), 0);
    cr_expect_str_eq(s, "text");
    cr_expect_eq(jc_int(doc, root, "$", "i", 1, 0, 100, &l, &err), 0);
    cr_expect_eq(l, 12);
    cr_expect_eq(jc_number(doc, root, "$", "i", 1, 0, 100, &d, &err), 0); /* integers are numbers */
    cr_expect_eq(d, 12);
    cr_expect_eq(jc_number(doc, root, "$", "r", 1, 0, 100, &d, &err), 0);
    cr_expect_eq(d, 1.5);
    cr_expect_eq(jc_bool(doc, root, "$", "b", 1, &b, &err), 0);
    cr_expect_eq(b, 1);
    cr_expect_eq(jc_typed(doc, root, "$", "o", 1, JSON_OBJECT, &v, &err), 0);
    cr_expect(json_is_object(v));
    static const char *const sched[] = {"quarter", "month", NULL};
    /* optional and absent: 1, output untouched */
    s = "kept";
    cr_expect_eq(jc_string(doc, root, "$", "absent", 0, &s, &err), 1);
    cr_expect_str_eq(s, "kept");
    idx = 7;
    cr_expect_eq(jc_choice(doc, root, "$", "absent", 0, sched, &idx, &err), 1);
    cr_expect_eq(idx, 7);
    expect_no_error(&err);
    jc_free(doc);
    free(path);
}

/* Runs one failing getter on a fresh load of GETTERS and checks the error. */
#define EXPECT_GETTER_FAILS(call, line, col, text)                  \
    do {                                                            \
        char *path_;                                                \
        sv_error err;                                               \
        jc_doc *doc = load(GETTERS, &path_, &err);                  \
        json_t *root = jc_root(doc);                                \
        (void)root;                                                 \
        cr_expect_eq((call), -1, "%s", #call);                      \
        expect_error(&err, SV_EXIT_CONFIG, path_, line, col, text); \
        jc_free(doc);                                               \
        free(path_);                                                \
    } while (0)

Test(jsoncheck, getter_errors) {
    const char *s;
    double d;
    long l;
    int b, idx;
    json_t *v;
    static const char *const sched[] = {"quarter", "month", NULL};
    static const char *const types[] = {"provider", "council", NULL};
    EXPECT_GETTER_FAILS(jc_string(doc, root, "$", "i", 1, &s, &err), 2, 21,
                        "$.i: expected a string, found an integer");
    EXPECT_GETTER_FAILS(jc_string(doc, root, "$", "missing", 1, &s, &err), 1, 1,
                        "$: missing required key \"missing\"");
    EXPECT_GETTER_FAILS(jc_number(doc, root, "$", "s", 1, 0, 1, &d, &err), 2, 8,
                        "$.s: expected a number, found a string");
    EXPECT_GETTER_FAILS(jc_number(doc, root, "$", "r", 1, 0, 1, &d, &err), 2, 30,
                        "$.r: 1.5 is out of range (0 to 1)");
    EXPECT_GETTER_FAILS(jc_int(doc, root, "$", "r", 1, 0, 10, &l, &err), 2, 30,
                        "$.r: expected an integer, found a number");
    EXPECT_GETTER_FAILS(jc_int(doc, root, "$", "i", 1, 4, 8, &l, &err), 2, 21,
                        "$.i: 12 is out of range (4 to 8)");
    EXPECT_GETTER_FAILS(jc_bool(doc, root, "$", "n", 1, &b, &err), 3, 8,
                        "$.n: expected true or false, found null");
    EXPECT_GETTER_FAILS(jc_typed(doc, root, "$", "a", 1, JSON_OBJECT, &v, &err), 2, 60,
                        "$.a: expected an object, found an array");
    EXPECT_GETTER_FAILS(jc_typed(doc, root, "$", "o", 1, JSON_ARRAY, &v, &err), 2, 51,
                        "$.o: expected an array, found an object");
    EXPECT_GETTER_FAILS(jc_choice(doc, root, "$", "c", 1, sched, &idx, &err), 3, 19,
                        "$.c: \"quartr\" is not one of \"quarter\", \"month\" (did you mean \"quarter\"?)");
    EXPECT_GETTER_FAILS(jc_choice(doc, root, "$", "c", 1, types, &idx, &err), 3, 19,
                        "$.c: \"quartr\" is not one of \"provider\", \"council\"");
    EXPECT_GETTER_FAILS(jc_choice(doc, root, "$", "b", 1, types, &idx, &err), 2, 40,
                        "$.b: expected a string, found a boolean");
}

Test(jsoncheck, type_names) {
    json_t *vals[] = {json_object(), json_array(), json_string("x"), json_integer(1),
                      json_real(1.5), json_true(), json_false(), json_null()};
    const char *want[] = {"an object", "an array", "a string", "an integer",
                          "a number", "a boolean", "a boolean", "null"};
    for (size_t i = 0; i < 8; i++) {
        cr_expect_str_eq(jc_type_name(vals[i]), want[i]);
        json_decref(vals[i]);
    }
}

/* Found by fuzzing (tests/fuzz/fuzz_template, fuzz_config): Jansson loads a
 * NUL byte after a number, where the position scanner then stood still,
 * recording array items until memory ran out. */
Test(jsoncheck, nul_byte_is_invalid_json) {
    static const char text[] = "{\n  \"a\": [0\0  ],\n  \"b\": 600\0}\n";
    char *path = tu_write("nul.json", text, sizeof text - 1);
    sv_error err;
    sv_error_clear(&err);
    cr_expect_null(jc_load(path, SV_EXIT_CONFIG, &err));
    expect_error(&err, SV_EXIT_CONFIG, path, 2, 10, "invalid JSON: NUL byte (JSON is text)");
    free(path);
}

/* Positions on one long line (minified JSON) are found in linear time. */
Test(jsoncheck, long_line_is_indexed_in_linear_time) {
    size_t n = 200000;
    char *text = malloc(n * 8 + 16), *p = text;
    p += sprintf(p, "[");
    for (size_t i = 0; i < n; i++) p += sprintf(p, "%s\"\xc3\xa9\"", i ? "," : "");
    p += sprintf(p, "]");
    char *path = tu_write("long.json", text, (size_t)(p - text));
    sv_error err;
    sv_error_clear(&err);
    jc_doc *doc = jc_load(path, SV_EXIT_CONFIG, &err);
    cr_assert_not_null(doc, "%s", err.text);
    /* Item k starts at column 2 + 4k: '"', 'é', '"', ','. */
    char item[32];
    snprintf(item, sizeof item, "$[%zu]", n - 1);
    expect_at(doc, item, 0, 1, (long)(2 + 4 * (n - 1)));
    jc_free(doc);
    free(text);
    free(path);
}
