/* main.c: the command line. Subcommands: the report run (default) and
 * `stats`, the published statistical methods on a CSV of inputs. */
/* sched_getaffinity and CPU_COUNT. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <sched.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "run.h"
#include "stats_cli.h"

static void usage(FILE *out) {
    fputs("usage: svreport [OPTIONS] CONFIG.json...\n"
          "       svreport stats METHOD [OPTIONS] [INPUT.csv]   (svreport stats --help)\n"
          "\n"
          "Reads the extracts named in each CONFIG.json once and writes each document as\n"
          "PDF and HTML with its indicators.csv beside it, and a run manifest (JSON).\n"
          "\n"
          "  -o, --out DIR          output directory (default: the config's output.dir)\n"
          "  -d, --document NAMES   templates (governance, tender, inspection) or paths,\n"
          "                         comma-separated (default: the config's documents)\n"
          "  -p, --period PERIOD    \"2025-26 Q2\", \"2025-09\" or \"latest\"\n"
          "      --strict           fail on any data-quality problem\n"
          "  -j, --jobs N           threads for reading and for documents (default: the\n"
          "                         CPUs this process may use)\n"
          "      --shard K/N        build only shard K of N of the units (1 <= K <= N)\n"
          "  -q, --quiet            no warnings or progress on stderr\n"
          "      --text             also write a plain-text edition (.txt)\n"
          "      --templates DIR    where templates are (default: beside the program)\n"
          "      --fonts DIR        where the bundled fonts are\n"
          "  -h, --help             this help\n"
          "  -V, --version          the version\n"
          "\n"
          "Exit status: 0 ok, 1 some documents failed (others written), 2 usage,\n"
          "3 config or template, 4 input data, 5 input/output, 6 internal error.\n",
          out);
}

/* Data files live beside the program in the source tree (build/../templates)
 * or under PREFIX/share/svreport when installed. */
static char *data_dir(const char *what) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return strdup(what);
    exe[n] = '\0';
    char *dir = dirname(exe);
    static const char *const candidates[] = {"%s/../%s", "%s/../share/svreport/%s"};
    char path[PATH_MAX + 64];
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        snprintf(path, sizeof path, candidates[i], dir, what);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return strdup(path);
    }
    return strdup(what);
}

/* SOURCE_DATE_EPOCH makes outputs reproducible. */
static int created_time(time_t *out) {
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (!sde || !*sde) {
        *out = time(NULL);
        return 0;
    }
    char *end;
    errno = 0;
    long long v = strtoll(sde, &end, 10);
    if (errno || *end || v < 0) return -1;
    *out = (time_t)v;
    return 0;
}

/* A whole number in [min, max]. */
static int parse_count(const char *s, int min, int max, int *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max) return -1;
    *out = (int)v;
    return 0;
}

static int parse_shard(const char *s, int *index, int *count) {
    const char *slash = strchr(s, '/');
    if (!slash || slash - s > 15) return -1;
    char k[16];
    memcpy(k, s, (size_t)(slash - s));
    k[slash - s] = '\0';
    if (parse_count(slash + 1, 1, 1000000, count) < 0 || parse_count(k, 1, *count, index) < 0) return -1;
    return 0;
}

/* The CPUs this process may run on (its affinity mask, as a Slurm or
 * cpuset allocation sets it), capped by a cgroup v2 CPU quota (as a
 * container limit sets it). */
static int default_jobs(void) {
    int n = 1;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
    FILE *f = fopen("/sys/fs/cgroup/cpu.max", "r");
    if (f) {
        char quota[32];
        long period;
        if (fscanf(f, "%31s %ld", quota, &period) == 2 && strcmp(quota, "max") != 0 && period > 0) {
            long q = strtol(quota, NULL, 10);
            int cap = (int)((q + period - 1) / period);
            if (cap >= 1 && cap < n) n = cap;
        }
        fclose(f);
    }
    return n < 1 ? 1 : n > 256 ? 256 : n;
}

int main(int argc, char **argv) {
    /* GSL's default handler aborts; the callers check every result. */
    gsl_set_error_handler_off();
    if (argc > 1 && strcmp(argv[1], "stats") == 0) return stats_cli_main(argc - 1, argv + 1);
    enum { OPT_STRICT = 256, OPT_TEXT, OPT_TEMPLATES, OPT_FONTS, OPT_SHARD };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},      {"document", required_argument, NULL, 'd'},
        {"period", required_argument, NULL, 'p'},   {"strict", no_argument, NULL, OPT_STRICT},
        {"quiet", no_argument, NULL, 'q'},          {"text", no_argument, NULL, OPT_TEXT},
        {"jobs", required_argument, NULL, 'j'},     {"shard", required_argument, NULL, OPT_SHARD},
        {"templates", required_argument, NULL, OPT_TEMPLATES},
        {"fonts", required_argument, NULL, OPT_FONTS}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},        {NULL, 0, NULL, 0}};
    run_options opt;
    memset(&opt, 0, sizeof opt);
    char *templates = NULL, *fonts = NULL;
    int c;
    opterr = 0; /* our own message, in the svreport: error: shape */
    while ((c = getopt_long(argc, argv, ":o:d:p:j:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': opt.out_dir = optarg; break;
        case 'd': opt.document = optarg; break;
        case 'p': opt.period = optarg; break;
        case 'q': opt.quiet = 1; break;
        case 'j':
            if (parse_count(optarg, 1, 256, &opt.jobs) < 0) {
                fprintf(stderr, "svreport: error: --jobs \"%s\": expected a number of threads from 1 to 256\n",
                        optarg);
                return SV_EXIT_USAGE;
            }
            break;
        case OPT_SHARD:
            if (parse_shard(optarg, &opt.shard_index, &opt.shard_count) < 0) {
                fprintf(stderr, "svreport: error: --shard \"%s\": expected K/N with 1 <= K <= N, e.g. 2/8\n",
                        optarg);
                return SV_EXIT_USAGE;
            }
            break;
        case OPT_STRICT: opt.strict = 1; break;
        case OPT_TEXT: opt.text = 1; break;
        case OPT_TEMPLATES: opt.templates_dir = optarg; break;
        case OPT_FONTS: opt.fonts_dir = optarg; break;
        case 'h': usage(stdout); return SV_OK;
        case 'V': puts("svreport 0.1"); return SV_OK;
        case ':':
            fprintf(stderr, "svreport: error: option '%s' needs a value (svreport --help lists the options)\n",
                    argv[optind - 1]);
            return SV_EXIT_USAGE;
        default:
            if (optopt)
                fprintf(stderr, "svreport: error: unrecognized option '-%c' (svreport --help lists the options)\n",
                        optopt);
            else
                fprintf(stderr, "svreport: error: unrecognized option '%s' (svreport --help lists the options)\n",
                        argv[optind - 1]);
            return SV_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs("svreport: error: no config file given (svreport --help shows how to run it)\n", stderr);
        return SV_EXIT_USAGE;
    }
    if (!opt.jobs) opt.jobs = default_jobs();
    opt.progress = !opt.quiet && isatty(STDERR_FILENO);
    opt.config_paths = argv + optind;
    opt.nconfigs = (size_t)(argc - optind);
    if (created_time(&opt.created) < 0) {
        fputs("svreport: error: SOURCE_DATE_EPOCH must be a number of seconds\n", stderr);
        return SV_EXIT_USAGE;
    }
    if (!opt.templates_dir) opt.templates_dir = templates = data_dir("templates");
    if (!opt.fonts_dir) opt.fonts_dir = fonts = data_dir("fonts");
    int status = run_main(&opt);
    free(templates);
    free(fonts);
    return status;
}
