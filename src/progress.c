/* progress.c: terminal progress line (see progress.h). */
#include "progress.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xalloc.h"

struct progress {
    FILE *out;
    char label[64];
    long long total;
    atomic_llong done;
    atomic_flag drawing;
    atomic_llong next_draw_ns;
    int drawn;
};

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

progress *progress_begin(FILE *out, const char *label, long long total) {
    if (!out) return NULL;
    progress *p = xcalloc(1, sizeof *p);
    p->out = out;
    snprintf(p->label, sizeof p->label, "%s", label);
    p->total = total > 0 ? total : 1;
    atomic_init(&p->done, 0);
    atomic_flag_clear(&p->drawing);
    /* Short reads finish before the first redraw and print nothing. */
    atomic_init(&p->next_draw_ns, now_ns() + 500000000LL);
    return p;
}

void progress_advance(progress *p, long long bytes) {
    if (!p) return;
    long long done = atomic_fetch_add(&p->done, bytes) + bytes;
    long long t = now_ns();
    if (t < atomic_load(&p->next_draw_ns) || atomic_flag_test_and_set(&p->drawing)) return;
    atomic_store(&p->next_draw_ns, t + 200000000LL);
    int pct = (int)(done * 100 / p->total);
    fprintf(p->out, "\rsvreport: %s %3d%% (%lld of %lld MB)", p->label, pct > 100 ? 100 : pct,
            done / 1000000, p->total / 1000000);
    fflush(p->out);
    p->drawn = 1;
    atomic_flag_clear(&p->drawing);
}

void progress_end(progress *p) {
    if (!p) return;
    if (p->drawn) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    free(p);
}
