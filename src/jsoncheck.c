/* jsoncheck.c: JSON loading with key paths and positions (see jsoncheck.h). */
#include "jsoncheck.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "strbuf.h"
#include "xalloc.h"

typedef struct pos_entry {
    char *path;  /* key */
    long key_line, key_col;
    long val_line, val_col;
    UT_hash_handle hh;
} pos_entry;

struct jc_doc {
    char *file;
    json_t *root;
    pos_entry *index;
};

/* ---- position index -------------------------------------------------------
 * A small scanner over text Jansson has already accepted: it only tracks
 * where each value (and each object key) starts. */

typedef struct scanner {
    const char *s;
    size_t len, i;
    long line;
    size_t line_start;
    jc_doc *doc;
    int depth;
    size_t col_at;  /* the last column worked out: at this byte of the line */
    long col;       /* starting at line_start; so a long line is not recounted */
} scanner;

static long column_of(scanner *sc, size_t at) {
    if (sc->col_at < sc->line_start || sc->col_at > at) {
        sc->col_at = sc->line_start;
        sc->col = 1;
    }
    for (; sc->col_at < at; sc->col_at++)
        if (((unsigned char)sc->s[sc->col_at] & 0xC0) != 0x80) sc->col++;
    return sc->col;
}

/* Ends a number, true, false or null. */
static int ends_literal(char c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Steps over a number, true, false or null: at least one byte, so that the
 * scan always moves on. */
static void skip_literal(scanner *sc) {
    do sc->i++;
    while (sc->i < sc->len && !ends_literal(sc->s[sc->i]));
}

static void skip_ws(scanner *sc) {
    while (sc->i < sc->len) {
        char c = sc->s[sc->i];
        if (c == '\n') {
            sc->line++;
            sc->line_start = sc->i + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            break;
        }
        sc->i++;
    }
}

static void put_utf8(strbuf *sb, unsigned cp) {
    char b[4];
    if (cp < 0x80) {
        sb_putc(sb, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        sb_append(sb, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        sb_append(sb, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        sb_append(sb, b, 4);
    }
}

static unsigned hex4(const char *p) {
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0' : (c | 32) - 'a' + 10);
    }
    return v;
}

/* Reads a string at sc->i (on the opening quote), decoding escapes. */
static char *scan_string(scanner *sc) {
    strbuf sb = STRBUF_INIT;
    sc->i++;
    while (sc->i < sc->len && sc->s[sc->i] != '"') {
        char c = sc->s[sc->i];
        if (c != '\\') {
            sb_putc(&sb, c);
            sc->i++;
            continue;
        }
        char e = sc->i + 1 < sc->len ? sc->s[sc->i + 1] : 0;
        sc->i += 2;
        switch (e) {
        case 'b': sb_putc(&sb, '\b'); break;
        case 'f': sb_putc(&sb, '\f'); break;
        case 'n': sb_putc(&sb, '\n'); break;
        case 'r': sb_putc(&sb, '\r'); break;
        case 't': sb_putc(&sb, '\t'); break;
        case 'u': {
            if (sc->i + 4 > sc->len) break;
            unsigned cp = hex4(sc->s + sc->i);
            sc->i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && sc->i + 6 <= sc->len && sc->s[sc->i] == '\\' &&
                sc->s[sc->i + 1] == 'u') {
                unsigned lo = hex4(sc->s + sc->i + 2);
                sc->i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(&sb, cp);
            break;
        }
        default: sb_putc(&sb, e); break;
        }
    }
    sc->i++; /* closing quote */
    return sb_detach(&sb);
}

static void record(scanner *sc, const char *path, long kl, long kc, long vl, long vc) {
    pos_entry *e = xcalloc(1, sizeof *e);
    e->path = xstrdup(path);
    e->key_line = kl;
    e->key_col = kc;
    e->val_line = vl;
    e->val_col = vc;
    pos_entry *old = NULL;
    HASH_REPLACE_STR(sc->doc->index, path, e, old);
    if (old) {
        free(old->path);
        free(old);
    }
}

/* Steps over one value without recording positions (values nested too
 * deep to be worth indexing). */
static void skip_value(scanner *sc) {
    long nest = 0;
    do {
        skip_ws(sc);
        if (sc->i >= sc->len) return;
        char c = sc->s[sc->i];
        if (c == '"') {
            free(scan_string(sc));
            continue;
        }
        if (c == '{' || c == '[') nest++;
        if (c == '}' || c == ']') nest--;
        if (nest == 0 && c != '}' && c != ']') { /* a number, true, false or null */
            skip_literal(sc);
            return;
        }
        sc->i++;
    } while (nest > 0);
}

static void scan_value(scanner *sc, const char *path, long kl, long kc) {
    skip_ws(sc);
    if (sc->i >= sc->len) return;
    if (sc->depth >= 512) {
        skip_value(sc);
        return;
    }
    sc->depth++;
    long vl = sc->line, vc = column_of(sc, sc->i);
    record(sc, path, kl ? kl : vl, kl ? kc : vc, vl, vc);
    char c = sc->s[sc->i];
    if (c == '{') {
        sc->i++;
        for (;;) {
            skip_ws(sc);
            if (sc->i >= sc->len || sc->s[sc->i] == '}') break;
            if (sc->s[sc->i] == ',') {
                sc->i++;
                continue;
            }
            long l = sc->line, col = column_of(sc, sc->i);
            char *key = scan_string(sc);
            skip_ws(sc);
            if (sc->i < sc->len && sc->s[sc->i] == ':') sc->i++;
            char *child = jc_child(path, key);
            scan_value(sc, child, l, col);
            free(child);
            free(key);
        }
        sc->i++;
    } else if (c == '[') {
        sc->i++;
        size_t idx = 0;
        for (;;) {
            skip_ws(sc);
            if (sc->i >= sc->len || sc->s[sc->i] == ']') break;
            if (sc->s[sc->i] == ',') {
                sc->i++;
                continue;
            }
            char *child = jc_index(path, idx++);
            scan_value(sc, child, 0, 0);
            free(child);
        }
        sc->i++;
    } else if (c == '"') {
        free(scan_string(sc));
    } else {
        skip_literal(sc);
    }
    sc->depth--;
}

/* ---- public ---------------------------------------------------------------- */

static int ident_key(const char *k) {
    if (!*k) return 0;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

char *jc_child(const char *path, const char *key) {
    if (ident_key(key)) return xasprintf("%s.%s", path, key);
    return xasprintf("%s['%s']", path, key);
}

char *jc_index(const char *path, size_t i) { return xasprintf("%s[%zu]", path, i); }

static char *read_file(const char *path, size_t *len, sv_error *err) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) sb_append(&sb, buf, n);
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "read failed");
        sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return sb_detach(&sb);
}

jc_doc *jc_load(const char *path, sv_status status, sv_error *err) {
    size_t len = 0;
    char *text = read_file(path, &len, err);
    if (!text) return NULL;
    /* A UTF-8 byte-order mark (Notepad writes one) is not JSON; RFC 8259
     * lets a parser ignore it, and it is invisible to the user anyway. */
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_error_t jerr;
    json_t *root = json_loadb(text + bom, len - bom, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        sv_error_set(err, status, path, jerr.line > 0 ? jerr.line : 0,
                     jerr.column > 0 ? jerr.column : 0, "invalid JSON: %s", jerr.text);
        free(text);
        return NULL;
    }
    /* Jansson skips a NUL byte after a number ("[0\0]" loads), which is not
     * JSON (and stalled the position scanner below). */
    const char *nul = memchr(text + bom, '\0', len - bom);
    if (nul) {
        scanner at = {text + bom, len - bom, 0, 1, 0, NULL, 0, 0, 1};
        for (; at.i < (size_t)(nul - text) - bom; at.i++)
            if (at.s[at.i] == '\n') at.line++, at.line_start = at.i + 1;
        sv_error_set(err, status, path, at.line, column_of(&at, at.i),
                     "invalid JSON: NUL byte (JSON is text)");
        json_decref(root);
        free(text);
        return NULL;
    }
    jc_doc *doc = xcalloc(1, sizeof *doc);
    doc->file = xstrdup(path);
    doc->root = root;
    scanner sc = {text + bom, len - bom, 0, 1, 0, doc, 0, 0, 1};
    scan_value(&sc, "$", 0, 0);
    free(text);
    return doc;
}

void jc_free(jc_doc *doc) {
    if (!doc) return;
    pos_entry *e, *tmp;
    HASH_ITER(hh, doc->index, e, tmp) {
        HASH_DEL(doc->index, e);
        free(e->path);
        free(e);
    }
    json_decref(doc->root);
    free(doc->file);
    free(doc);
}

json_t *jc_root(const jc_doc *doc) { return doc->root; }
const char *jc_path(const jc_doc *doc) { return doc->file; }

void jc_fail(const jc_doc *doc, const char *path, int at_key, sv_error *err,
             const char *fmt, ...) {
    pos_entry *e = NULL;
    HASH_FIND_STR(doc->index, path, e);
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long line = e ? (at_key ? e->key_line : e->val_line) : 0;
    long col = e ? (at_key ? e->key_col : e->val_col) : 0;
    sv_error_set(err, SV_EXIT_CONFIG, doc->file, line, col, "%s: %s", path, msg);
}

const char *jc_type_name(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

static size_t edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 99;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

const char *jc_suggest(const char *word, const char *const *candidates) {
    const char *best = NULL;
    size_t best_d = 99, limit = strlen(word) / 3;
    if (limit < 2) limit = 2;
    for (size_t i = 0; candidates[i]; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_d) best_d = d, best = candidates[i];
    }
    return best_d <= limit ? best : NULL;
}

int jc_keys(const jc_doc *doc, json_t *obj, const char *path, const char *const *allowed,
            sv_error *err) {
    if (!json_is_object(obj)) {
        jc_fail(doc, path, 0, err, "expected an object, found %s", jc_type_name(obj));
        return -1;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        int ok = 0;
        for (size_t i = 0; allowed[i]; i++)
            if (strcmp(allowed[i], key) == 0) ok = 1;
        if (ok) continue;
        char *child = jc_child(path, key);
        const char *hint = jc_suggest(key, allowed);
        if (hint)
            jc_fail(doc, child, 1, err, "unknown key \"%s\" (did you mean \"%s\"?)", key, hint);
        else
            jc_fail(doc, child, 1, err, "unknown key \"%s\"", key);
        free(child);
        return -1;
    }
    return 0;
}

/* Finds obj[key]; 1 if absent and optional, -1 if absent and required. */
static int lookup(const jc_doc *doc, json_t *obj, const char *path, const char *key,
                  int required, json_t **v, sv_error *err) {
    *v = json_object_get(obj, key);
    if (*v) return 0;
    if (!required) return 1;
    jc_fail(doc, path, 0, err, "missing required key \"%s\"", key);
    return -1;
}

static int wrong_type(const jc_doc *doc, const char *path, const char *key, json_t *v,
                      const char *expected, sv_error *err) {
    char *child = jc_child(path, key);
    jc_fail(doc, child, 0, err, "expected %s, found %s", expected, jc_type_name(v));
    free(child);
    return -1;
}

int jc_string(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
              const char **out, sv_error *err) {
    json_t *v;
    int rc = lookup(doc, obj, path, key, required, &v, err);
    if (rc) return rc;
    if (!json_is_string(v)) return wrong_type(doc, path, key, v, "a string", err);
    *out = json_string_value(v);
    return 0;
}

int jc_number(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
              double min, double max, double *out, sv_error *err) {
    json_t *v;
    int rc = lookup(doc, obj, path, key, required, &v, err);
    if (rc) return rc;
    if (!json_is_number(v)) return wrong_type(doc, path, key, v, "a number", err);
    double d = json_number_value(v);
    if (d < min || d > max) {
        char *child = jc_child(path, key);
        jc_fail(doc, child, 0, err, "%.15g is out of range (%.15g to %.15g)", d, min, max);
        free(child);
        return -1;
    }
    *out = d;
    return 0;
}

int jc_int(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
           long min, long max, long *out, sv_error *err) {
    json_t *v;
    int rc = lookup(doc, obj, path, key, required, &v, err);
    if (rc) return rc;
    if (!json_is_integer(v)) return wrong_type(doc, path, key, v, "an integer", err);
    json_int_t i = json_integer_value(v);
    if (i < min || i > max) {
        char *child = jc_child(path, key);
        jc_fail(doc, child, 0, err, "%lld is out of range (%ld to %ld)", (long long)i, min, max);
        free(child);
        return -1;
    }
    *out = (long)i;
    return 0;
}

int jc_bool(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
            int *out, sv_error *err) {
    json_t *v;
    int rc = lookup(doc, obj, path, key, required, &v, err);
    if (rc) return rc;
    if (!json_is_boolean(v)) return wrong_type(doc, path, key, v, "true or false", err);
    *out = json_is_true(v);
    return 0;
}

int jc_typed(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
             json_type type, json_t **out, sv_error *err) {
    json_t *v;
    int rc = lookup(doc, obj, path, key, required, &v, err);
    if (rc) return rc;
    if (json_typeof(v) != type)
        return wrong_type(doc, path, key, v, type == JSON_OBJECT ? "an object" : "an array", err);
    *out = v;
    return 0;
}

int jc_choice(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
              const char *const *choices, int *out, sv_error *err) {
    const char *s;
    int rc = jc_string(doc, obj, path, key, required, &s, err);
    if (rc) return rc;
    for (int i = 0; choices[i]; i++)
        if (strcmp(choices[i], s) == 0) {
            *out = i;
            return 0;
        }
    strbuf sb = STRBUF_INIT;
    for (int i = 0; choices[i]; i++) sb_printf(&sb, "%s\"%s\"", i ? ", " : "", choices[i]);
    char *child = jc_child(path, key);
    const char *hint = jc_suggest(s, choices);
    if (hint)
        jc_fail(doc, child, 0, err, "\"%s\" is not one of %s (did you mean \"%s\"?)", s,
                sb_str(&sb), hint);
    else
        jc_fail(doc, child, 0, err, "\"%s\" is not one of %s", s, sb_str(&sb));
    free(child);
    sb_free(&sb);
    return -1;
}
