/* progress.h: a one-line progress report on a terminal for long reads.
 * Silent unless given a stream (the caller passes stderr only when it is a
 * terminal and the run is not --quiet). Safe to advance from several
 * threads; at most one redraw every 200 ms. */
#ifndef SV_PROGRESS_H
#define SV_PROGRESS_H

#include <stdio.h>

typedef struct progress progress;

/* total: bytes expected. out NULL: every call is a no-op. Caller frees with
 * progress_end. */
progress *progress_begin(FILE *out, const char *label, long long total);
void progress_advance(progress *p, long long bytes);
/* Clears the line and frees p. NULL is a no-op. */
void progress_end(progress *p);

#endif
