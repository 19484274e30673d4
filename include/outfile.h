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

/* Writes a whole buffer atomically to path. */
int outfile_write_all(const char *path, const void *data, size_t len, sv_error *err);

#endif
