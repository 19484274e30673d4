/* gen_csv.c: a fast RFC 4180 writer and a row store that sorts rows by date.
 *
 * The bench extract is millions of rows, so fields are formatted by hand
 * into one large buffer that is written with fwrite; printf is never called
 * per field. */
#include "gen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

enum { FILE_BUF = 4u << 20 };

/* A short write sets the stream's error flag, which csvw_close reports. */
static void write_out(csvw *w) {
    if (w->len && w->fp) (void)fwrite(w->buf, 1, w->len, w->fp);
    w->len = 0;
}

/* Room for n more bytes: a file flushes, a memory sink grows. */
static char *reserve(csvw *w, size_t n) {
    if (w->len + n > w->cap) {
        if (w->fp) write_out(w);
        if (w->len + n > w->cap) {
            size_t cap = w->cap ? w->cap : 4096;
            while (cap < w->len + n) cap *= 2;
            w->buf = xrealloc(w->buf, cap);
            w->cap = cap;
        }
    }
    return w->buf + w->len;
}

static void sep(csvw *w) {
    if (w->nfield++) *reserve(w, 1) = w->o.sep, w->len++;
}

static void init(csvw *w, const csvw_opts *o) {
    memset(w, 0, sizeof *w);
    w->o = *o;
    if (!w->o.yes) w->o.yes = "Y";
    if (!w->o.no) w->o.no = "N";
    w->cached_day = SV_NO_DATE;
}

int csvw_open(csvw *w, const char *dir, const char *name, const csvw_opts *o,
              const char *header) {
    init(w, o);
    w->path = xasprintf("%s/%s", dir, name);
    w->fp = fopen(w->path, "wb");
    if (!w->fp) {
        fprintf(stderr, "svreport-gen: error: cannot create %s: %s\n", w->path,
                strerror(errno));
        free(w->path);
        w->path = NULL;
        return -1;
    }
    w->buf = xmalloc(FILE_BUF);
    w->cap = FILE_BUF;
    if (o->bom) csvw_raw(w, "\xEF\xBB\xBF", 3), w->nfield = 0;
    for (const char *p = header; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name_buf[64];
        if (n >= sizeof name_buf) n = sizeof name_buf - 1;
        memcpy(name_buf, p, n);
        name_buf[n] = '\0';
        csvw_str(w, name_buf);
        p += n + (comma != NULL);
    }
    csvw_end(w);
    return 0;
}

void csvw_raw(csvw *w, const char *s, size_t len) {
    sep(w);
    memcpy(reserve(w, len), s, len);
    w->len += len;
}

void csvw_str(csvw *w, const char *s) {
    if (!s || !*s) {
        csvw_blank(w);
        return;
    }
    size_t n = strlen(s);
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == w->o.sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        csvw_raw(w, s, n);
        return;
    }
    sep(w);
    char *d = reserve(w, 2 * n + 2), *d0 = d;
    *d++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') *d++ = '"';
        *d++ = s[i];
    }
    *d++ = '"';
    w->len += (size_t)(d - d0);
}

/* Writes v's decimal digits, at least `width` of them, at d; returns count. */
static size_t put_digits(char *d, unsigned long v, int width) {
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while ((int)n < width) tmp[n++] = '0';
    for (size_t i = 0; i < n; i++) d[i] = tmp[n - 1 - i];
    return n;
}

void csvw_id(csvw *w, const char *prefix, unsigned long num, int width) {
    size_t pl = strlen(prefix);
    sep(w);
    char *d = reserve(w, pl + 24);
    memcpy(d, prefix, pl);
    w->len += pl + put_digits(d + pl, num, width);
}

void csvw_int(csvw *w, long v) {
    sep(w);
    char *d = reserve(w, 24);
    size_t n = 0;
    if (v < 0) d[n++] = '-', v = -v;
    w->len += n + put_digits(d + n, (unsigned long)v, 1);
}

void csvw_fixed2(csvw *w, long hundredths) {
    sep(w);
    char *d = reserve(w, 28);
    size_t n = 0;
    if (hundredths < 0) d[n++] = '-', hundredths = -hundredths;
    n += put_digits(d + n, (unsigned long)(hundredths / 100), 1);
    d[n++] = '.';
    n += put_digits(d + n, (unsigned long)(hundredths % 100), 2);
    w->len += n;
}

void csvw_date(csvw *w, sv_day day) {
    if (day == SV_NO_DATE) {
        csvw_blank(w);
        return;
    }
    if (day != w->cached_day) {
        int y, m, d;
        day_to_ymd(day, &y, &m, &d);
        char *b = w->cached;
        if (w->o.uk_dates) {
            put_digits(b, (unsigned long)d, 2);
            b[2] = '/';
            put_digits(b + 3, (unsigned long)m, 2);
            b[5] = '/';
            put_digits(b + 6, (unsigned long)y, 4);
        } else {
            put_digits(b, (unsigned long)y, 4);
            b[4] = '-';
            put_digits(b + 5, (unsigned long)m, 2);
            b[7] = '-';
            put_digits(b + 8, (unsigned long)d, 2);
        }
        w->cached_len = 10;
        w->cached_day = day;
    }
    csvw_raw(w, w->cached, w->cached_len);
}

void csvw_flag(csvw *w, int v) {
    if (v < 0)
        csvw_blank(w);
    else
        csvw_str(w, v ? w->o.yes : w->o.no);
}

void csvw_blank(csvw *w) { sep(w); }

void csvw_end(csvw *w) {
    char *d = reserve(w, 2);
    if (w->o.crlf) *d++ = '\r', w->len++;
    *d = '\n';
    w->len++;
    w->nfield = 0;
}

int csvw_close(csvw *w) {
    int rc = 0;
    if (w->fp) {
        write_out(w);
        if (ferror(w->fp) | (fclose(w->fp) != 0)) {
            fprintf(stderr, "svreport-gen: error: cannot write %s: %s\n", w->path,
                    strerror(errno));
            rc = -1;
        }
    }
    free(w->buf);
    free(w->path);
    w->buf = w->path = NULL;
    w->fp = NULL;
    return rc;
}

void rows_init(rowstore *t, const csvw_opts *o) {
    memset(t, 0, sizeof *t);
    init(&t->body, o);
}

csvw *rows_begin(rowstore *t, sv_day day) {
    XGROW(t->mark, t->cap, t->n + 1);
    rowmark *m = &t->mark[t->n];
    m->day = day;
    m->seq = (uint32_t)t->n;
    m->off = t->body.len;
    t->body.nfield = 0;
    return &t->body;
}

void rows_end(rowstore *t) {
    rowmark *m = &t->mark[t->n++];
    m->len = t->body.len - m->off;
}

static int mark_cmp(const void *a, const void *b) {
    const rowmark *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void rows_flush(rowstore *t, csvw *out, const char *prefix, unsigned long first_num,
                int width) {
    if (t->n) qsort(t->mark, t->n, sizeof *t->mark, mark_cmp);
    for (size_t i = 0; i < t->n; i++) {
        const rowmark *m = &t->mark[i];
        if (prefix) csvw_id(out, prefix, first_num + i, width);
        if (prefix || m->len) csvw_raw(out, t->body.buf + m->off, m->len);
        csvw_end(out);
    }
    free(t->mark);
    free(t->body.buf);
    memset(t, 0, sizeof *t);
}

const csvw_opts csvw_plain = {',', 0, 0, 0, NULL, NULL};

int extract_open(gen_extract *x, const char *dir, const char *name, const char *header,
                 uint64_t seed, int stream) {
    rng_seed(&x->rng, seed, (uint64_t)stream);
    rows_init(&x->rows, &csvw_plain);
    return csvw_open(&x->out, dir, name, &csvw_plain, header);
}

int extract_close(gen_extract *x, const char *id_prefix, unsigned long first_num, int width) {
    rows_flush(&x->rows, &x->out, id_prefix, first_num, width);
    return csvw_close(&x->out);
}
