/* dq.c: the data-quality log. */
#include "dq.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

struct dq_log {
    pthread_mutex_t lock;
    FILE *warn;
    dq_entry *entries;
    size_t n, cap;
    dq_extract_stats stats[EX_COUNT];
};

static const char *const reason_text[] = {
#define X(id, effect, text, detail) text,
    DQ_REASONS(X)
#undef X
};
static const char *const reason_detail[] = {
#define X(id, effect, text, detail) detail,
    DQ_REASONS(X)
#undef X
};
static const dq_effect reason_effect[] = {
#define X(id, effect, text, detail) effect,
    DQ_REASONS(X)
#undef X
};

void dq_reason_format(dq_reason r, const char *detail, char *buf, size_t cap) {
    snprintf(buf, cap, reason_text[r], detail ? detail : reason_detail[r]);
}

/* The texts with their default details, formatted once. */
static char default_text[DQ_REASON_COUNT][160];
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void format_defaults(void) {
    for (int r = 0; r < DQ_REASON_COUNT; r++)
        dq_reason_format((dq_reason)r, NULL, default_text[r], sizeof default_text[r]);
}

const char *dq_reason_text(dq_reason r) {
    pthread_once(&default_once, format_defaults);
    return default_text[r];
}
dq_effect dq_reason_effect(dq_reason r) { return reason_effect[r]; }

dq_log *dq_new(FILE *warn) {
    dq_log *dq = xcalloc(1, sizeof *dq);
    pthread_mutex_init(&dq->lock, NULL);
    dq->warn = warn;
    return dq;
}

void dq_free(dq_log *dq) {
    if (!dq) return;
    pthread_mutex_destroy(&dq->lock);
    free(dq->entries);
    free(dq);
}

static dq_entry *find_entry(dq_log *dq, extract_id ex, dq_reason reason, const char *column) {
    for (size_t i = 0; i < dq->n; i++) {
        dq_entry *e = &dq->entries[i];
        if (e->extract == ex && e->reason == reason && strcmp(e->column, column) == 0) return e;
    }
    XGROW(dq->entries, dq->cap, dq->n + 1);
    dq_entry *e = &dq->entries[dq->n++];
    memset(e, 0, sizeof *e);
    e->extract = ex;
    e->reason = reason;
    snprintf(e->column, sizeof e->column, "%s", column);
    return e;
}

static void warn_example(const dq_log *dq, const char *path, const dq_entry *e, const dq_example *x) {
    if (!dq->warn) return;
    char text[256];
    dq_reason_format(e->reason, x->detail[0] ? x->detail : NULL, text, sizeof text);
    sv_warn_print(dq->warn, path, x->line, x->column, "%s%s%s%s%s", e->column, e->column[0] ? ": " : "",
                  text, x->value[0] ? " " : "", x->value);
}

void dq_report(dq_log *dq, extract_id ex, const char *path, dq_reason reason,
               const char *column, int sensitive, long line, long column_no,
               const char *detail, const char *value, size_t len) {
    pthread_mutex_lock(&dq->lock);
    dq_entry *e = find_entry(dq, ex, reason, column ? column : "");
    e->count++;
    e->sensitive |= sensitive;
    if (e->nexamples < DQ_EXAMPLES) {
        dq_example *x = &e->examples[e->nexamples++];
        x->line = line;
        x->column = column_no;
        x->value[0] = '\0';
        snprintf(x->detail, sizeof x->detail, "%s", detail ? detail : "");
        if (value) sv_quote(x->value, sizeof x->value, value, len);
        warn_example(dq, path, e, x);
    }
    pthread_mutex_unlock(&dq->lock);
}

void dq_merge(dq_log *dst, const dq_log *src, long line_offset) {
    pthread_mutex_lock(&dst->lock);
    for (int ex = 0; ex < EX_COUNT; ex++) {
        if (src->stats[ex].present && !dst->stats[ex].present) {
            dst->stats[ex].present = 1;
            memcpy(dst->stats[ex].path, src->stats[ex].path, sizeof dst->stats[ex].path);
            dst->stats[ex].bytes = src->stats[ex].bytes;
        }
        dst->stats[ex].rows_read += src->stats[ex].rows_read;
        dst->stats[ex].rows_excluded += src->stats[ex].rows_excluded;
    }
    for (size_t i = 0; i < src->n; i++) {
        const dq_entry *s = &src->entries[i];
        dq_entry *e = find_entry(dst, s->extract, s->reason, s->column);
        e->count += s->count;
        e->sensitive |= s->sensitive;
        for (int k = 0; k < s->nexamples && e->nexamples < DQ_EXAMPLES; k++) {
            dq_example *x = &e->examples[e->nexamples++];
            *x = s->examples[k];
            if (x->line > 0) x->line += line_offset;
            warn_example(dst, dst->stats[s->extract].path, e, x);
        }
    }
    pthread_mutex_unlock(&dst->lock);
}

void dq_count_rows(dq_log *dq, extract_id ex, long read, long excluded) {
    pthread_mutex_lock(&dq->lock);
    dq->stats[ex].rows_read += read;
    dq->stats[ex].rows_excluded += excluded;
    pthread_mutex_unlock(&dq->lock);
}

void dq_set_file(dq_log *dq, extract_id ex, const char *path, long long bytes) {
    pthread_mutex_lock(&dq->lock);
    dq->stats[ex].present = 1;
    snprintf(dq->stats[ex].path, sizeof dq->stats[ex].path, "%s", path);
    dq->stats[ex].bytes = bytes;
    pthread_mutex_unlock(&dq->lock);
}

size_t dq_entry_count(const dq_log *dq) { return dq->n; }
const dq_entry *dq_entry_at(const dq_log *dq, size_t i) { return &dq->entries[i]; }
const dq_extract_stats *dq_stats(const dq_log *dq, extract_id ex) { return &dq->stats[ex]; }

long dq_total_findings(const dq_log *dq) {
    long n = 0;
    for (size_t i = 0; i < dq->n; i++) n += dq->entries[i].count;
    return n;
}

const dq_entry *dq_first(const dq_log *dq) { return dq->n ? &dq->entries[0] : NULL; }
