/* run.h: one batch run: config -> model -> indicators -> documents. */
#ifndef SV_RUN_H
#define SV_RUN_H

#include <time.h>

typedef struct run_options {
    char *const *config_paths;  /* one run per config, in turn */
    size_t nconfigs;
    const char *out_dir;        /* NULL: the config's output.dir */
    const char *document;       /* NULL: the config's; or names, comma-separated */
    const char *period;         /* NULL: the config's period */
    const char *templates_dir;
    const char *fonts_dir;
    int strict;                 /* any data-quality finding fails the run */
    int quiet;                  /* no warnings on stderr */
    int text;                   /* also write the text edition (.txt) */
    int progress;               /* show a progress line on stderr (a terminal) */
    int jobs;                   /* threads for reading and for documents (>= 1) */
    int shard_index, shard_count; /* build shard K of N (1-based); 0/0: all */
    time_t created;             /* SOURCE_DATE_EPOCH or now */
} run_options;

/* Runs and returns the exit status (diag.h). Errors are printed to stderr. */
int run_main(const run_options *opt);

#endif
