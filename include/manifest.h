/* manifest.h: the run manifest, a JSON record of one run written beside its
 * documents: what was read (size, SHA-256, rows), what was written (size,
 * SHA-256), what failed, data-quality counts, time per phase, peak memory and
 * the exit status. A scheduler or an auditor reads it instead of the log. */
#ifndef SV_MANIFEST_H
#define SV_MANIFEST_H

#include "digest.h"
#include "dq.h"
#include "extracts.h"

typedef struct manifest_input {
    const char *path;          /* borrowed; NULL: not configured */
    long long bytes;
    char sha256[SV_SHA256_HEX]; /* "" when it could not be read */
} manifest_input;

typedef struct manifest_output {
    char *path;                /* owned */
    const char *document;      /* template name, borrowed */
    const char *unit;          /* borrowed */
    long long bytes;
    char sha256[SV_SHA256_HEX];
} manifest_output;

typedef struct manifest_failure {
    const char *document, *unit;  /* borrowed */
    int status;
    char *message;             /* owned */
} manifest_failure;

typedef struct run_manifest {
    const char *version;
    const char *config_path;
    manifest_input config;
    manifest_input inputs[EX_COUNT];
    char period[48];
    int shard_index, shard_count;  /* 1-based; 0/0: no shard */
    int jobs;
    manifest_output *outputs;
    size_t noutputs, outputs_cap;
    manifest_failure *failures;
    size_t nfailures, failures_cap;
    size_t planned;            /* documents this run (shard) was to build */
    size_t written;            /* of those, written in full */
    /* Milliseconds. read: config to model, wall. compute, render, write:
     * summed over documents (threads overlap). documents: that phase's wall
     * time. total: the run's wall time. */
    double ms_read, ms_compute, ms_render, ms_write, ms_documents, ms_total;
    long peak_rss_kib;
    int exit_status;
    char *error;               /* owned: the run's error, when it stopped early */
} run_manifest;

/* Takes ownership of path. */
void manifest_add_output(run_manifest *mf, char *path, const char *document, const char *unit,
                         long long bytes, const char *sha256);
/* Takes ownership of message. */
void manifest_add_failure(run_manifest *mf, const char *document, const char *unit, int status,
                          char *message);
/* Writes mf (with dq's row counts and findings; dq may be NULL) to path
 * atomically. Returns 0, or -1 with err set. */
int manifest_write(const run_manifest *mf, const dq_log *dq, const char *path, sv_error *err);
/* Frees what mf owns (not mf). */
void manifest_clear(run_manifest *mf);

#endif
