/* outfile.h: outputs written atomically. A temporary file in the target's
 * directory (mode 0600) is written, flushed, fsynced, set to 0640 and renamed
 * over the final name, so a run killed at any moment leaves earlier outputs
 * intact and never a partial file under a final name. */
#ifndef SV_OUTFILE_H
#define SV_OUTFILE_H

#include <stdio.h>
#include "diag.h"

typedef struct sv_outfile sv_outfile;

/* Starts writing `path`. NULL on failure (err set, SV_EXIT_IO). */
sv_outfile *outfile_begin(const char *path, sv_error *err);
/* The open stream (borrowed) for writers that use stdio. */
FILE *outfile_stream(sv_outfile *f);
/* The temporary path (borrowed), for libraries that write by file name; the
 * caller then must not use outfile_stream. */
const char *outfile_temp_path(const sv_outfile *f);
/* Flushes, fsyncs, chmods 0640, renames into place and frees f. On failure
 * the temporary file is removed, err is set and -1 returned. */
int outfile_commit(sv_outfile *f, sv_error *err);
/* Removes the temporary file and frees f. NULL is a no-op. */
void outfile_abort(sv_outfile *f);

/* A batch of many files (one run's documents). Between begin and end, a
 * thread that called outfile_defer_commits has its commits only flushed and
 * closed at once (write errors still reported there) and the fsync and
 * rename queued to a committer thread, each reporting into the next of the
 * error slots given (which must outlive the batch); once the slots are used
 * up, commits are whole again. Every commit's directory is fsynced once at
 * the end. outfile_batch_end waits for the queue and returns the seconds
 * spent in fsync and rename. A killed run still leaves every final name
 * holding an earlier file or a complete new one. */
void outfile_batch_begin(void);
double outfile_batch_end(void);
/* For the calling thread; slots NULL stops deferring. */
void outfile_defer_commits(sv_error *slots, size_t nslots);

/* Seconds the calling thread has spent in outfile_commit (flush, fsync,
 * rename) since it last asked; for the manifest's "write" phase. */
double outfile_take_commit_seconds(void);

/* Writes a whole buffer atomically to path. */
int outfile_write_all(const char *path, const void *data, size_t len, sv_error *err);

#endif
