/* diag.c: the error type (first error wins) and message formatting. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "utf8.h"

static void copy_tail(char *dst, size_t cap, const char *src) {
    size_t n = strlen(src);
    if (n < cap) {
        memcpy(dst, src, n + 1);
        return;
    }
    /* Keep the tail of a long path: it names the file. */
    memcpy(dst, "...", 3);
    memcpy(dst + 3, src + n - (cap - 4), cap - 4);
    dst[cap - 1] = '\0';
}

void sv_error_set(sv_error *err, sv_status status, const char *source, long line,
                  long column, const char *fmt, ...) {
    if (!err || err->status != SV_OK) return;
    err->status = status == SV_OK ? SV_EXIT_INTERNAL : status;
    err->line = line;
    err->column = column;
    copy_tail(err->source, sizeof err->source, source ? source : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
}

void sv_error_clear(sv_error *err) {
    if (err) memset(err, 0, sizeof *err);
}

int sv_error_isset(const sv_error *err) { return err && err->status != SV_OK; }

static void print_location(FILE *out, const char *source, long line, long column) {
    if (!source || !*source) return;
    if (line > 0 && column > 0)
        fprintf(out, "%s:%ld:%ld: ", source, line, column);
    else if (line > 0)
        fprintf(out, "%s:%ld: ", source, line);
    else
        fprintf(out, "%s: ", source);
}

void sv_error_print(const sv_error *err, FILE *out) {
    if (!sv_error_isset(err)) return;
    fputs("svreport: error: ", out);
    print_location(out, err->source, err->line, err->column);
    fprintf(out, "%s\n", err->text);
}

void sv_warn_print(FILE *out, const char *source, long line, long column,
                   const char *fmt, ...) {
    fputs("svreport: warning: ", out);
    print_location(out, source, line, column);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
}

void sv_quote(char *dst, size_t cap, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    size_t o = 0, shown = 0;
    const size_t limit = 40;
    if (cap < 8) {
        if (cap) dst[0] = '\0';
        return;
    }
    dst[o++] = '\'';
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        /* Whole characters only: a valid UTF-8 sequence is copied as one,
         * a byte that starts none is escaped like a control byte. */
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (c >= 0x80 && (n > len - i || utf8_invalid_at(s + i, n) != (size_t)-1)) n = 0;
        if (shown >= limit || o + 8 >= cap) {
            memcpy(dst + o, "...", 3);
            o += 3;
            break;
        }
        if (n == 0 || c < 0x20 || c == 0x7f) {
            dst[o++] = '\\';
            dst[o++] = 'x';
            dst[o++] = hex[c >> 4];
            dst[o++] = hex[c & 15];
            i++;
        } else {
            memcpy(dst + o, s + i, n);
            o += n;
            i += n;
        }
        shown++;
    }
    dst[o++] = '\'';
    dst[o] = '\0';
}
