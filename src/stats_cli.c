/* stats_cli.c: `svreport stats`, the statistics module as a CSV filter.
 *
 * Each output row is an input row, every column kept in order, with the
 * method's results appended. Parameters are columns of the file or, when the
 * file has no such column, --set NAME=VALUE (or the method's default). */
#include "stats_cli.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "stats.h"
#include "strbuf.h"
#include "xalloc.h"

#define CLI_MAXP 12   /* parameters of one method, per file */
#define CLI_MAXOUT 14 /* output columns of one method */
#define CLI_MAXOPT 32 /* --set and --col options */

static const char usage_text[] =
    "usage: svreport stats METHOD [options] [INPUT.csv]\n"
    "       svreport stats --help\n"
    "\n"
    "Reads INPUT.csv (standard input when absent or '-') and writes it to standard\n"
    "output with the results appended to every row. Methods follow\n"
    "PHEindicatormethods 2.1.0. Parameters in [brackets] may be left out of the\n"
    "file: --set NAME=VALUE (or the default shown) then applies to every row.\n"
    "\n"
    "Methods, INPUT columns -> added columns:\n"
    "  proportion   x, n, [multiplier=1], [confidence=0.95]\n"
    "               -> value, lower, upper, method            (Wilson score)\n"
    "  rate         x, n, [multiplier=100000], [confidence=0.95]\n"
    "               -> value, lower, upper, method            (exact < 10, Byar's)\n"
    "  byars        x, [confidence=0.95] -> lower, upper, method (count limits)\n"
    "  exact        x, [confidence=0.95] -> lower, upper, method (count limits)\n"
    "  compare      lower, upper, benchmark -> comparison     (strict)\n"
    "  funnel-prop-limits   population, average_proportion, [multiplier]\n"
    "               -> lower_2s_limit, upper_2s_limit, lower_3s_limit,\n"
    "                  upper_3s_limit, baseline\n"
    "  funnel-ratio-limits  observed_events\n"
    "               -> {lower,upper}_{2s,3s}_{exp_events,count,isr}\n"
    "  funnel-significance  statistic (proportion|ratio|rate), numerator,\n"
    "               [denominator], [rate], [rate_type] (dsr|crude), [multiplier]\n"
    "               -> average, significance   (average over each --group)\n"
    "\n"
    "Grouped methods read one result per row of INPUT (the cases) from the rows\n"
    "of --inputs FILE with the same --group column (default case_group):\n"
    "  mean         inputs: x; cases: [confidence=0.95]\n"
    "               -> value_sum, value_count, stdev, value, lower, upper, method\n"
    "  median       inputs: x; cases: [confidence=0.95]\n"
    "               -> value_count, value, lower, upper, method (order statistics)\n"
    "  dsr          inputs: x, n, stdpop, [ageband], [eventfreq];\n"
    "               cases: [multiplier=100000], [confidence=0.95],\n"
    "               [independent_events=TRUE]\n"
    "               -> total_count, total_pop, value, lower, upper, method\n"
    "  isr          inputs: x, n, x_ref, n_ref; cases: statistic (ratio|rate),\n"
    "               [multiplier=1 for ratio, 100000 for rate], [confidence=0.95]\n"
    "               -> observed, expected, value, lower, upper, method\n"
    "  isratio, israte  as isr with the statistic fixed\n"
    "  sii          inputs: quantile, population, value or [count], [se],\n"
    "               [lower_cl], [upper_cl] (95% limits);\n"
    "               cases: [value_type=0] (0 other, 1 rate, 2 proportion),\n"
    "               [transform=FALSE], [multiplier=1], [confidence=0.95],\n"
    "               [se_source=auto] (se|cl|auto)\n"
    "               -> value, lower, upper, rii, rii_lower, rii_upper,\n"
    "                  intercept, method   (value is the SII)\n"
    "\n"
    "Options:\n"
    "  --inputs FILE        per-group input rows for a grouped method\n"
    "  --group COLUMN       column naming the group (grouped methods: case_group;\n"
    "                       funnel-significance: the whole file is one group)\n"
    "  --set NAME=VALUE     value of parameter NAME for files without that column\n"
    "  --confidence C       same as --set confidence=C (0.9-1 or 90-100)\n"
    "  --multiplier M       same as --set multiplier=M\n"
    "  --col NAME=COLUMN    read parameter NAME from COLUMN\n"
    "  --prefix TEXT        put TEXT before every added column name\n"
    "  -h, --help           this text\n"
    "\n"
    "Empty, NA and NaN fields are missing values; results that do not exist are\n"
    "written as NA. Numbers are written with 17 significant digits.\n"
    "\n"
    "Exit status: 0 done; 2 usage error; 4 bad input data (the message names\n"
    "FILE:LINE:COLUMN, where COLUMN is the field number; rows before it have\n"
    "been written); 5 a file could not be read.\n";

/* ---- options ---- */

typedef struct cli_pair {
    const char *name, *value;
} cli_pair;

typedef struct cli_opts {
    const char *input, *inputs, *group, *prefix;
    cli_pair sets[CLI_MAXOPT], cols[CLI_MAXOPT];
    size_t nsets, ncols;
} cli_opts;

/* ---- CSV input: libcsv, fed one physical line at a time so every record
 * knows the line it starts on ---- */

typedef struct cli_row {
    char **f;  /* fields, owned */
    size_t n, cap;
    long line;
} cli_row;

typedef struct cli_reader {
    FILE *fp;
    const char *path;
    struct csv_parser csv;
    char *buf;
    size_t bufcap;
    long lineno;
    long start;     /* line the next record starts on */
    int in_quotes;  /* the lines fed so far end inside a quoted field */
    cli_row build;
    cli_row *ready;
    size_t nready, readycap, readypos;
    int done;
} cli_reader;

static void row_free(cli_row *r) {
    for (size_t i = 0; i < r->n; i++) free(r->f[i]);
    free(r->f);
    memset(r, 0, sizeof *r);
}

static void cb_field(void *s, size_t len, void *data) {
    cli_reader *r = data;
    if (r->build.n == 0) r->build.line = r->start;
    XGROW(r->build.f, r->build.cap, r->build.n + 1);
    r->build.f[r->build.n++] = xstrndup(s ? s : "", s ? len : 0);
}

static void cb_record(int c, void *data) {
    cli_reader *r = data;
    (void)c;
    XGROW(r->ready, r->readycap, r->nready + 1);
    r->ready[r->nready++] = r->build;
    memset(&r->build, 0, sizeof r->build);
}

static const char *display_path(const char *path) {
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static int reader_open(cli_reader *r, const char *path, sv_error *err) {
    memset(r, 0, sizeof *r);
    r->path = display_path(path);
    r->fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!r->fp) {
        sv_error_set(err, SV_EXIT_IO, r->path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    return 0;
}

static void reader_close(cli_reader *r) {
    if (r->fp && r->fp != stdin) fclose(r->fp);
    csv_free(&r->csv);
    row_free(&r->build);
    for (size_t i = r->readypos; i < r->nready; i++) row_free(&r->ready[i]);
    free(r->ready);
    free(r->buf);
}

/* Moves the next record into *row: 1, or 0 at the end, or -1 on error. */
static int reader_next(cli_reader *r, cli_row *row, sv_error *err) {
    while (r->readypos == r->nready) {
        r->readypos = r->nready = 0;
        if (r->done) return 0;
        ssize_t len = getline(&r->buf, &r->bufcap, r->fp);
        if (len < 0) {
            r->done = 1;
            if (ferror(r->fp)) {
                sv_error_set(err, SV_EXIT_IO, r->path, r->lineno, 0, "read failed");
                return -1;
            }
            if (csv_fini(&r->csv, cb_field, cb_record, r) != 0) {
                sv_error_set(err, SV_EXIT_DATA, r->path, r->lineno, 0,
                             "unterminated quoted field");
                return -1;
            }
            continue;
        }
        r->lineno++;
        /* Quotes come in pairs ("" escapes one), so their parity says
         * whether this line starts a record or continues a quoted field. */
        if (!r->in_quotes) r->start = r->lineno;
        for (ssize_t i = 0; i < len; i++) r->in_quotes ^= r->buf[i] == '"';
        const char *p = r->buf;
        if (r->lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            p += 3;  /* a UTF-8 byte order mark, as spreadsheets write */
            len -= 3;
        }
        if (csv_parse(&r->csv, p, (size_t)len, cb_field, cb_record, r) != (size_t)len) {
            sv_error_set(err, SV_EXIT_DATA, r->path, r->lineno, 0, "malformed CSV: %s",
                         csv_strerror(csv_error(&r->csv)));
            return -1;
        }
    }
    *row = r->ready[r->readypos++];
    return 1;
}

/* ---- CSV output ---- */

static void put_text(strbuf *out, const char *s) {
    if (!strpbrk(s, ",\"\r\n")) {
        sb_puts(out, s);
        return;
    }
    sb_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"') sb_putc(out, '"');
        sb_putc(out, *s);
    }
    sb_putc(out, '"');
}

static void put_num(strbuf *out, double v) {
    if (isnan(v))
        sb_puts(out, "NA");
    else if (isinf(v))
        sb_puts(out, v > 0 ? "Inf" : "-Inf");
    else
        sb_printf(out, "%.17g", v);
}

/* A result cell: text when str is set, else a number. */
typedef struct cli_cell {
    double num;
    const char *str;
} cli_cell;

/* ---- parameters ---- */

typedef struct cli_param {
    const char *name;
    const char *deflt;  /* NULL: the file must have the column (or --set) */
} cli_param;

/* One file's view of a method's parameters, bound to its header. */
typedef struct cli_src {
    const char *path;
    const cli_param *params;
    size_t nparams;
    int col[CLI_MAXP];          /* field index, or -1 */
    const char *text[CLI_MAXP]; /* value when col < 0 */
    size_t width;               /* fields in the header */
    int group_col;              /* -1 when ungrouped */
} cli_src;

typedef struct cli_ctx cli_ctx;

typedef struct cli_group {
    const cli_row *rows;
    size_t n;
} cli_group;

typedef struct cli_method {
    const char *name;
    const cli_param *params;  /* columns of INPUT */
    size_t nparams;
    const cli_param *iparams; /* columns of --inputs, or NULL */
    size_t niparams;
    const char *const *outputs;
    size_t noutputs;
    int (*run)(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out);
    int whole_file; /* sees every row first (funnel-significance) */
} cli_method;

struct cli_ctx {
    const cli_opts *opts;
    const cli_method *m;
    cli_src main, in;
    sv_error *err;
    cli_row *inrows;  /* --inputs rows, sorted by group */
    size_t ninrows;
    double *average;  /* funnel-significance: per INPUT row */
    size_t nrow;      /* index of the row being run */
};

static const char *opt_lookup(const cli_pair *p, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0) return p[i].value;
    return NULL;
}

static int header_find(const cli_row *h, const char *name) {
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->f[i], name) == 0) return (int)i;
    return -1;
}

static int src_bind(cli_src *s, const cli_row *header, const cli_opts *o,
                    const char *group, sv_error *err) {
    s->width = header->n;
    for (size_t i = 0; i < s->nparams; i++) {
        const char *name = s->params[i].name;
        const char *colname = opt_lookup(o->cols, o->ncols, name);
        const char *set = opt_lookup(o->sets, o->nsets, name);
        s->col[i] = header_find(header, colname ? colname : name);
        if (s->col[i] >= 0 && set) {
            sv_error_set(err, SV_EXIT_USAGE, NULL, 0, 0,
                         "--set %s given but %s has a '%s' column; drop one", name, s->path,
                         colname ? colname : name);
            return -1;
        }
        s->text[i] = set ? set : s->params[i].deflt;
        if (s->col[i] < 0 && !s->text[i]) {
            sv_error_set(err, SV_EXIT_DATA, s->path, header->line, 0,
                         "no column '%s' (or give --set %s=VALUE)",
                         colname ? colname : name, name);
            return -1;
        }
    }
    s->group_col = -1;
    if (group) {
        s->group_col = header_find(header, group);
        if (s->group_col < 0) {
            sv_error_set(err, SV_EXIT_DATA, s->path, header->line, 0,
                         "no group column '%s'", group);
            return -1;
        }
    }
    return 0;
}

/* Sets a data error at parameter i of row (or at the option it came from). */
static int SV_PRINTF(5, 6) fail(cli_ctx *ctx, const cli_src *s, const cli_row *row,
                                int i, const char *fmt, ...) {
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (i >= 0 && s->col[i] < 0)
        sv_error_set(ctx->err, SV_EXIT_USAGE, NULL, 0, 0, "--set %s=%s: %s",
                     s->params[i].name, s->text[i], text);
    else
        sv_error_set(ctx->err, SV_EXIT_DATA, s->path, row->line,
                     i >= 0 ? s->col[i] + 1 : 0, "%s", text);
    return -1;
}

static const char *param_text(const cli_src *s, const cli_row *row, int i) {
    return s->col[i] >= 0 ? row->f[s->col[i]] : s->text[i];
}

/* A number, or NAN for a missing value. */
static int get_num(cli_ctx *ctx, const cli_src *s, const cli_row *row, int i, double *v) {
    const char *t = param_text(s, row, i), *p = t;
    char *end;
    while (*p == ' ' || *p == '\t') p++;
    if (!*p || strcasecmp(p, "NA") == 0 || strcasecmp(p, "NaN") == 0) {
        *v = NAN;
        return 0;
    }
    *v = strtod(p, &end);
    while (*end == ' ' || *end == '\t') end++;
    if (end == p || *end) {
        char q[64];
        sv_quote(q, sizeof q, t, strlen(t));
        return fail(ctx, s, row, i, "%s: expected a number, got %s", s->params[i].name, q);
    }
    return 0;
}

/* Index of the parameter's text in choices, which ends with NULL. */
static int get_choice(cli_ctx *ctx, const cli_src *s, const cli_row *row, int i,
                      const char *const *choices, int *v) {
    const char *t = param_text(s, row, i);
    for (int k = 0; choices[k]; k++) {
        if (strcasecmp(t, choices[k]) == 0) {
            *v = k;
            return 0;
        }
    }
    char q[64];
    sv_quote(q, sizeof q, t, strlen(t));
    return fail(ctx, s, row, i, "%s: unknown value %s", s->params[i].name, q);
}

static int get_bool(cli_ctx *ctx, const cli_src *s, const cli_row *row, int i, int *v) {
    /* false and true spellings alternate, so the index's parity is the value */
    static const char *const spellings[] = {"FALSE", "TRUE", "F", "T", "0", "1",
                                            "no", "yes", NULL};
    if (get_choice(ctx, s, row, i, spellings, v) != 0) return -1;
    *v %= 2;
    return 0;
}

static int get_conf(cli_ctx *ctx, const cli_src *s, const cli_row *row, int i, double *c) {
    if (get_num(ctx, s, row, i, c) != 0) return -1;
    if (stat_confidence(*c) < 0)
        return fail(ctx, s, row, i,
                    "confidence %s is out of range: use 0.9 to 1, or 90 to 100",
                    param_text(s, row, i));
    return 0;
}

static cli_cell num(double v) {
    cli_cell c = {v, NULL};
    return c;
}

static cli_cell str(const char *s) {
    cli_cell c = {NAN, s};
    return c;
}

static void put_ci(cli_cell *out, const stat_ci *ci) {
    out[0] = num(ci->value);
    out[1] = num(ci->lower);
    out[2] = num(ci->upper);
}

static const char *method_cell(stat_method m) {
    return m == METHOD_NONE ? "NA" : stat_method_name(m);
}

/* ---- row methods ---- */

enum { X_X, X_N, X_MULT, X_CONF };
static const cli_param p_prop[] = {{"x", NULL}, {"n", NULL}, {"multiplier", "1"},
                                   {"confidence", "0.95"}};
static const cli_param p_rate[] = {{"x", NULL}, {"n", NULL}, {"multiplier", "100000"},
                                   {"confidence", "0.95"}};
static const char *const o_ci[] = {"value", "lower", "upper", "method"};

static int read_xn(cli_ctx *ctx, const cli_row *row, double v[4]) {
    const cli_src *s = &ctx->main;
    for (int i = X_X; i <= X_MULT; i++)
        if (get_num(ctx, s, row, i, &v[i]) != 0) return -1;
    if (get_conf(ctx, s, row, X_CONF, &v[X_CONF]) != 0) return -1;
    if (v[X_X] < 0) return fail(ctx, s, row, X_X, "x must be 0 or more");
    if (v[X_N] <= 0) return fail(ctx, s, row, X_N, "n must be more than 0");
    return 0;
}

static int run_proportion(cli_ctx *ctx, const cli_row *row, const cli_group *g,
                          cli_cell *out) {
    double v[4];
    stat_ci ci;
    (void)g;
    if (read_xn(ctx, row, v) != 0) return -1;
    if (stat_proportion(v[X_X], v[X_N], v[X_CONF], v[X_MULT], &ci) != 0)
        return fail(ctx, &ctx->main, row, X_X, "x is larger than n: not a proportion");
    put_ci(out, &ci);
    out[3] = str(stat_method_name(METHOD_WILSON));
    return 0;
}

static int run_rate(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    double v[4];
    stat_ci ci;
    stat_method m;
    (void)g;
    if (read_xn(ctx, row, v) != 0) return -1;
    stat_rate(v[X_X], v[X_N], v[X_CONF], v[X_MULT], &ci, &m);
    put_ci(out, &ci);
    out[3] = str(method_cell(m));
    return 0;
}

static const cli_param p_count[] = {{"x", NULL}, {"confidence", "0.95"}};
static const char *const o_count[] = {"lower", "upper", "method"};

static int run_count(cli_ctx *ctx, const cli_row *row, cli_cell *out, stat_method m) {
    double x, c, lo, hi;
    if (get_num(ctx, &ctx->main, row, 0, &x) != 0 || get_conf(ctx, &ctx->main, row, 1, &c) != 0)
        return -1;
    if (x < 0) return fail(ctx, &ctx->main, row, 0, "x must be 0 or more");
    if (m == METHOD_BYARS)
        stat_byars_count(x, c, &lo, &hi);
    else
        stat_exact_count(x, c, &lo, &hi);
    out[0] = num(lo);
    out[1] = num(hi);
    out[2] = str(stat_method_name(m));
    return 0;
}

static int run_byars(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    (void)g;
    return run_count(ctx, row, out, METHOD_BYARS);
}

static int run_exact(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    (void)g;
    return run_count(ctx, row, out, METHOD_EXACT);
}

static const cli_param p_compare[] = {{"lower", NULL}, {"upper", NULL}, {"benchmark", NULL}};
static const char *const o_compare[] = {"comparison"};

static int run_compare(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    double v[3];
    (void)g;
    for (int i = 0; i < 3; i++)
        if (get_num(ctx, &ctx->main, row, i, &v[i]) != 0) return -1;
    out[0] = str(stat_sig_name(stat_compare(v[0], v[1], v[2])));
    return 0;
}

/* ---- funnels ---- */

static const cli_param p_fprop[] = {{"population", NULL}, {"average_proportion", NULL},
                                    {"multiplier", NULL}};
static const char *const o_fprop[] = {"lower_2s_limit", "upper_2s_limit", "lower_3s_limit",
                                      "upper_3s_limit", "baseline"};

static int run_funnel_prop(cli_ctx *ctx, const cli_row *row, const cli_group *g,
                           cli_cell *out) {
    double v[3], lo, hi;
    static const double levels[2] = {0.95, 0.998};
    (void)g;
    for (int i = 0; i < 3; i++)
        if (get_num(ctx, &ctx->main, row, i, &v[i]) != 0) return -1;
    for (int k = 0; k < 2; k++) {
        if (stat_funnel_prop_limits(v[0], v[1], levels[k], v[2], &lo, &hi) != 0)
            return fail(ctx, &ctx->main, row, -1,
                        "need population > 0 and average_proportion in [0, 1]");
        out[2 * k] = num(lo);
        out[2 * k + 1] = num(hi);
    }
    out[4] = num(v[1] * v[2]);
    return 0;
}

static const cli_param p_fratio[] = {{"observed_events", NULL}};
static const char *const o_fratio[] = {
    "lower_2s_exp_events", "lower_2s_count", "lower_2s_isr",
    "upper_2s_exp_events", "upper_2s_count", "upper_2s_isr",
    "lower_3s_exp_events", "lower_3s_count", "lower_3s_isr",
    "upper_3s_exp_events", "upper_3s_count", "upper_3s_isr"};

static int run_funnel_ratio(cli_ctx *ctx, const cli_row *row, const cli_group *g,
                            cli_cell *out) {
    double o, e[2];
    static const double levels[2] = {0.95, 0.998};
    (void)g;
    if (get_num(ctx, &ctx->main, row, 0, &o) != 0) return -1;
    if (o < 0) return fail(ctx, &ctx->main, row, 0, "observed_events must be 0 or more");
    for (int k = 0; k < 2; k++) {
        stat_funnel_ratio_expected(o, levels[k], &e[0], &e[1]);
        for (int side = 0; side < 2; side++) {
            cli_cell *c = out + 6 * k + 3 * side;
            /* The ratio limit O/E as a count ratio minus 1 and as an ISR x 100. */
            c[0] = num(e[side]);
            c[1] = num(o / e[side] - 1);
            c[2] = num(o / e[side] * 100);
        }
    }
    return 0;
}

enum { F_STAT, F_NUM, F_DEN, F_RATE, F_RTYPE, F_MULT };
static const cli_param p_fsig[] = {{"statistic", NULL}, {"numerator", NULL},
                                   {"denominator", "NA"}, {"rate", "NA"},
                                   {"rate_type", "NA"},   {"multiplier", "NA"}};
static const char *const o_fsig[] = {"average", "significance"};
static const char *const fsig_stats[] = {"proportion", "ratio", "rate", NULL};
static const char *const fsig_rtypes[] = {"crude", "dsr", NULL};
enum { FS_PROP, FS_RATIO, FS_RATE };

/* A funnel-significance row read and checked: the statistic, the counts
 * and the denominator the comparison uses. */
typedef struct fsig_row {
    int stat, dsr;
    double num, den;
} fsig_row;

static int fsig_read(cli_ctx *ctx, const cli_row *row, fsig_row *r) {
    const cli_src *s = &ctx->main;
    double rate, mult;
    r->dsr = 0;
    if (get_choice(ctx, s, row, F_STAT, fsig_stats, &r->stat) != 0 ||
        get_num(ctx, s, row, F_NUM, &r->num) != 0 || get_num(ctx, s, row, F_DEN, &r->den) != 0)
        return -1;
    if (isnan(r->num)) return fail(ctx, s, row, F_NUM, "numerator is missing");
    if (r->num < 0) return fail(ctx, s, row, F_NUM, "numerator must be 0 or more");
    if (r->den <= 0) return fail(ctx, s, row, F_DEN, "denominator must be more than 0");
    if (r->stat == FS_PROP && !(r->num <= r->den))
        return fail(ctx, s, row, F_DEN, "a proportion needs a denominator of at least the numerator");
    if (r->stat == FS_RATIO && isnan(r->den))
        return fail(ctx, s, row, F_DEN, "a ratio needs the expected count as denominator");
    if (r->stat != FS_RATE) return 0;
    if (get_choice(ctx, s, row, F_RTYPE, fsig_rtypes, &r->dsr) != 0 ||
        get_num(ctx, s, row, F_RATE, &rate) != 0 || get_num(ctx, s, row, F_MULT, &mult) != 0)
        return -1;
    if (!(mult > 0)) return fail(ctx, s, row, F_MULT, "a rate needs a multiplier above 0");
    if (r->num != 0 && !(rate > 0))
        return fail(ctx, s, row, F_RATE, "a rate above 0 is needed when the numerator is not 0");
    r->den = stat_funnel_rate_denominator(r->num, rate, r->den, mult, r->dsr);
    return 0;
}

/* Rows ordered by their group column, then by line: qsort has no context
 * argument, so the column is a file-level setting. */
static int sort_group_col = -1;
static const cli_row *sort_rows_base;

static int same_group(const cli_row *x, const cli_row *y) {
    return sort_group_col < 0 || strcmp(x->f[sort_group_col], y->f[sort_group_col]) == 0;
}

static int cmp_row_group(const void *a, const void *b) {
    const cli_row *x = a, *y = b;
    int c = sort_group_col >= 0 ? strcmp(x->f[sort_group_col], y->f[sort_group_col]) : 0;
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int cmp_index_group(const void *a, const void *b) {
    return cmp_row_group(&sort_rows_base[*(const size_t *)a],
                         &sort_rows_base[*(const size_t *)b]);
}

/* Pools each group: sum of numerators over sum of denominators (NA
 * denominators left out), or 1 for ratios. */
static int fsig_prepare(cli_ctx *ctx, const cli_row *rows, size_t n) {
    size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
    fsig_row *fr = xmalloc((n ? n : 1) * sizeof *fr);
    int rc = 0;
    ctx->average = xmalloc((n ? n : 1) * sizeof *ctx->average);
    for (size_t i = 0; i < n && rc == 0; i++) {
        idx[i] = i;
        rc = fsig_read(ctx, &rows[i], &fr[i]);
    }
    sort_rows_base = rows;
    sort_group_col = ctx->main.group_col;
    if (rc == 0) qsort(idx, n, sizeof *idx, cmp_index_group);
    for (size_t lo = 0, hi = 0; lo < n && rc == 0; lo = hi) {
        const fsig_row *first = &fr[idx[lo]];
        double sn = 0, sd = 0;
        for (hi = lo; hi < n && same_group(&rows[idx[lo]], &rows[idx[hi]]); hi++) {
            const fsig_row *r = &fr[idx[hi]];
            if (r->stat != first->stat)
                rc = fail(ctx, &ctx->main, &rows[idx[hi]], F_STAT,
                          "one group cannot mix statistics");
            sn += r->num;
            if (!isnan(r->den)) sd += r->den;
        }
        for (size_t k = lo; k < hi; k++)
            ctx->average[idx[k]] = first->stat == FS_RATIO ? 1 : sn / sd;
    }
    free(idx);
    free(fr);
    return rc;
}

static int run_funnel_sig(cli_ctx *ctx, const cli_row *row, const cli_group *g,
                          cli_cell *out) {
    fsig_row r;
    stat_funnel_sig sig;
    double avg = ctx->average[ctx->nrow];
    (void)g;
    if (fsig_read(ctx, row, &r) != 0) return -1;
    if (r.stat == FS_PROP)
        sig = stat_funnel_prop_significance(r.num, r.den, avg);
    else if (r.dsr && r.num < 10)
        sig = FUNNEL_NOT_APPLICABLE;  /* PHE leaves small DSR counts out */
    else
        sig = stat_funnel_poisson_significance(r.num, r.den, avg);
    out[0] = num(avg);
    out[1] = str(stat_funnel_sig_name(sig));
    return 0;
}

/* ---- grouped methods ---- */

static void warn_empty(cli_ctx *ctx, const cli_row *row, const cli_group *g) {
    if (g->n == 0)
        sv_warn_print(stderr, ctx->main.path, row->line, ctx->main.group_col + 1,
                      "no rows in %s for group '%s'", ctx->in.path,
                      row->f[ctx->main.group_col]);
}

/* The numbers in input parameter i over the group's rows; caller frees. */
static double *group_values(cli_ctx *ctx, const cli_group *g, int i) {
    double *v = xmalloc((g->n ? g->n : 1) * sizeof *v);
    for (size_t k = 0; k < g->n; k++) {
        if (get_num(ctx, &ctx->in, &g->rows[k], i, &v[k]) != 0) {
            free(v);
            return NULL;
        }
    }
    return v;
}

static const cli_param p_conf[] = {{"confidence", "0.95"}};
static const cli_param ip_x[] = {{"x", NULL}};
static const char *const o_mean[] = {"value_sum", "value_count", "stdev", "value",
                                     "lower", "upper", "method"};
static const char *const o_median[] = {"value_count", "value", "lower", "upper", "method"};

static int run_mean(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    double c, sum, sd, *v;
    stat_ci ci;
    if (get_conf(ctx, &ctx->main, row, 0, &c) != 0 || !(v = group_values(ctx, g, 0)))
        return -1;
    warn_empty(ctx, row, g);
    stat_describe(v, g->n, &sum, &sd);
    stat_mean(v, g->n, c, &ci);
    free(v);
    out[0] = num(sum);
    out[1] = num((double)g->n);
    out[2] = num(sd);
    put_ci(out + 3, &ci);
    out[6] = str(stat_method_name(METHOD_STUDENT_T));
    return 0;
}

static int run_median(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    double c, *v;
    stat_ci ci;
    if (get_conf(ctx, &ctx->main, row, 0, &c) != 0 || !(v = group_values(ctx, g, 0)))
        return -1;
    warn_empty(ctx, row, g);
    stat_median(v, g->n, c, &ci);
    free(v);
    out[0] = num((double)g->n);
    put_ci(out + 1, &ci);
    out[4] = str(stat_method_name(METHOD_ORDER_STAT));
    return 0;
}

enum { D_MULT, D_CONF, D_INDEP };
static const cli_param p_dsr[] = {{"multiplier", "100000"}, {"confidence", "0.95"},
                                  {"independent_events", "TRUE"}};
enum { DI_X, DI_N, DI_STD, DI_BAND, DI_FREQ };
static const cli_param ip_dsr[] = {{"x", NULL}, {"n", NULL}, {"stdpop", NULL},
                                   {"ageband", ""}, {"eventfreq", "NA"}};
static const char *const o_dsr[] = {"total_count", "total_pop", "value",
                                    "lower", "upper", "method"};

/* Reads the group's rows as bands; with frequencies, rows of one ageband
 * become one band and each row a stat_dsr_freq. Returns the band count. */
static int dsr_read(cli_ctx *ctx, const cli_group *g, int indep, stat_dsr_band *bands,
                    stat_dsr_freq *freqs, size_t *nbands) {
    const cli_src *s = &ctx->in;
    *nbands = 0;
    for (size_t k = 0; k < g->n; k++) {
        const cli_row *r = &g->rows[k];
        stat_dsr_band b;
        double f;
        if (get_num(ctx, s, r, DI_X, &b.x) != 0 || get_num(ctx, s, r, DI_N, &b.n) != 0 ||
            get_num(ctx, s, r, DI_STD, &b.stdpop) != 0 || get_num(ctx, s, r, DI_FREQ, &f) != 0)
            return -1;
        if (b.x < 0) return fail(ctx, s, r, DI_X, "x must be 0 or more");
        if (!(b.n > 0)) return fail(ctx, s, r, DI_N, "n must be more than 0");
        if (!(b.stdpop >= 0)) return fail(ctx, s, r, DI_STD, "stdpop must be 0 or more");
        if (indep) {
            bands[(*nbands)++] = b;
            continue;
        }
        if (!(f > 0)) return fail(ctx, s, r, DI_FREQ, "eventfreq must be more than 0");
        /* Rows of one ageband share a band, so they must agree on it. */
        const char *band = param_text(s, r, DI_BAND);
        size_t j = 0;
        while (j < k && strcmp(param_text(s, &g->rows[j], DI_BAND), band) != 0) j++;
        size_t bi = j < k ? freqs[j].band : (*nbands)++;
        if (j == k)
            bands[bi] = b;
        else if (bands[bi].n != b.n || bands[bi].stdpop != b.stdpop)
            return fail(ctx, s, r, DI_N, "ageband '%s' has another n or stdpop on line %ld",
                        band, g->rows[j].line);
        freqs[k].band = bi;
        freqs[k].eventfreq = f;
        freqs[k].x = b.x;
    }
    return 0;
}

static int run_dsr(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    double mult, c, count = 0, pop = 0;
    int indep, rc;
    size_t nb;
    stat_ci ci;
    const cli_src *s = &ctx->main;
    if (get_num(ctx, s, row, D_MULT, &mult) != 0 || get_conf(ctx, s, row, D_CONF, &c) != 0 ||
        get_bool(ctx, s, row, D_INDEP, &indep) != 0)
        return -1;
    if (!(mult > 0)) return fail(ctx, s, row, D_MULT, "multiplier must be more than 0");
    if (!indep && ctx->in.col[DI_BAND] < 0)
        return fail(ctx, s, row, D_INDEP, "non-independent events need an ageband column in %s",
                    ctx->in.path);
    warn_empty(ctx, row, g);
    stat_dsr_band *bands = xmalloc((g->n ? g->n : 1) * sizeof *bands);
    stat_dsr_freq *freqs = xmalloc((g->n ? g->n : 1) * sizeof *freqs);
    if ((rc = dsr_read(ctx, g, indep, bands, freqs, &nb)) != 0) goto done;
    for (size_t k = 0; k < g->n; k++)
        count += indep ? (isnan(bands[k].x) ? 0 : bands[k].x)
                       : freqs[k].eventfreq * (isnan(freqs[k].x) ? 0 : freqs[k].x);
    for (size_t k = 0; k < nb; k++) pop += bands[k].n;
    rc = indep ? stat_dsr(bands, nb, c, mult, &ci)
               : stat_dsr_nonindependent(bands, nb, freqs, g->n, c, mult, &ci);
    if (rc != 0) {
        rc = fail(ctx, s, row, -1, "standard population of group '%s' totals 0",
                  row->f[s->group_col]);
        goto done;
    }
    out[0] = num(count);
    out[1] = num(pop);
    put_ci(out + 2, &ci);
    out[5] = str(indep ? "Dobson" : "Dobson, with confidence adjusted for non-independent events");
done:
    free(bands);
    free(freqs);
    return rc;
}

enum { I_STAT, I_MULT, I_CONF };
static const cli_param p_isr[] = {{"statistic", NULL}, {"multiplier", ""},
                                  {"confidence", "0.95"}};
static const cli_param p_isratio[] = {{"statistic", "ratio"}, {"multiplier", ""},
                                      {"confidence", "0.95"}};
static const cli_param p_israte[] = {{"statistic", "rate"}, {"multiplier", ""},
                                     {"confidence", "0.95"}};
static const cli_param ip_isr[] = {{"x", NULL}, {"n", NULL}, {"x_ref", NULL}, {"n_ref", NULL}};
static const char *const o_isr[] = {"observed", "expected", "value", "lower", "upper", "method"};
static const char *const isr_stats[] = {"ratio", "rate", NULL};

static int run_isr(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    const cli_src *s = &ctx->main;
    double mult, c, o, e;
    int stat, rc = 0;
    stat_ci ci;
    stat_method m;
    if (get_choice(ctx, s, row, I_STAT, isr_stats, &stat) != 0 ||
        get_num(ctx, s, row, I_MULT, &mult) != 0 || get_conf(ctx, s, row, I_CONF, &c) != 0)
        return -1;
    if (isnan(mult)) mult = stat == 0 ? 1 : 100000;  /* PHE's refvalue and multiplier */
    warn_empty(ctx, row, g);
    stat_isr_band *bands = xmalloc((g->n ? g->n : 1) * sizeof *bands);
    for (size_t k = 0; k < g->n && rc == 0; k++) {
        const cli_row *r = &g->rows[k];
        stat_isr_band *b = &bands[k];
        if (get_num(ctx, &ctx->in, r, 0, &b->x) || get_num(ctx, &ctx->in, r, 1, &b->n) ||
            get_num(ctx, &ctx->in, r, 2, &b->x_ref) || get_num(ctx, &ctx->in, r, 3, &b->n_ref))
            rc = -1;
        if (rc == 0 && stat_isr_totals(b, 1, &o, &e) != 0)
            rc = fail(ctx, &ctx->in, &g->rows[k], -1,
                      "need x >= 0, n >= 0 and n_ref > 0");
    }
    if (rc == 0) {
        stat_isr_totals(bands, g->n, &o, &e);
        if (stat == 0)
            stat_isratio(bands, g->n, c, mult, &ci, &m);
        else
            stat_israte(bands, g->n, c, mult, &ci, &m);
        out[0] = num(o);
        out[1] = num(e);
        put_ci(out + 2, &ci);
        out[5] = str(method_cell(m));
    }
    free(bands);
    return rc;
}

enum { S_VTYPE, S_TRANSFORM, S_MULT, S_CONF, S_SESRC };
static const cli_param p_sii[] = {{"value_type", "0"}, {"transform", "FALSE"},
                                  {"multiplier", "1"}, {"confidence", "0.95"},
                                  {"se_source", "auto"}};
enum { SI_Q, SI_POP, SI_VALUE, SI_COUNT, SI_SE, SI_LCL, SI_UCL };
static const cli_param ip_sii[] = {{"quantile", NULL}, {"population", NULL}, {"value", "NA"},
                                   {"count", "NA"},    {"se", "NA"},         {"lower_cl", "NA"},
                                   {"upper_cl", "NA"}};
static const char *const o_sii[] = {"value", "lower",     "upper",     "rii",
                                    "rii_lower", "rii_upper", "intercept", "method"};
static const char *const sii_sources[] = {"auto", "se", "cl", NULL};

static int sii_read(cli_ctx *ctx, const cli_row *r, int vtype, int source,
                    stat_sii_quantile *q) {
    const cli_src *s = &ctx->in;
    double count;
    if (get_num(ctx, s, r, SI_Q, &q->quantile) != 0 ||
        get_num(ctx, s, r, SI_POP, &q->population) != 0 ||
        get_num(ctx, s, r, SI_VALUE, &q->value) != 0 ||
        get_num(ctx, s, r, SI_COUNT, &count) != 0 || get_num(ctx, s, r, SI_SE, &q->se) != 0 ||
        get_num(ctx, s, r, SI_LCL, &q->lower_cl) != 0 ||
        get_num(ctx, s, r, SI_UCL, &q->upper_cl) != 0)
        return -1;
    if (!(q->population > 0)) return fail(ctx, s, r, SI_POP, "population must be more than 0");
    if (isnan(q->quantile)) return fail(ctx, s, r, SI_Q, "quantile is missing");
    /* A proportion may be given as a count of the population. */
    if (isnan(q->value) && vtype == 2) q->value = count / q->population;
    if (source == 2) q->se = NAN;
    if (source == 1 && isnan(q->se)) return fail(ctx, s, r, SI_SE, "se is missing");
    return 0;
}

static int run_sii(cli_ctx *ctx, const cli_row *row, const cli_group *g, cli_cell *out) {
    const cli_src *s = &ctx->main;
    double vt, mult, c;
    int transform, source, rc = 0;
    stat_sii_result res;
    if (get_num(ctx, s, row, S_VTYPE, &vt) != 0 || get_bool(ctx, s, row, S_TRANSFORM, &transform) != 0 ||
        get_num(ctx, s, row, S_MULT, &mult) != 0 || get_conf(ctx, s, row, S_CONF, &c) != 0 ||
        get_choice(ctx, s, row, S_SESRC, sii_sources, &source) != 0)
        return -1;
    if (!(vt == 0 || vt == 1 || vt == 2))
        return fail(ctx, s, row, S_VTYPE, "value_type must be 0, 1 or 2");
    if (transform && vt == 0)
        return fail(ctx, s, row, S_TRANSFORM, "transform needs value_type 1 or 2");
    if (transform && source == 1)
        return fail(ctx, s, row, S_SESRC, "with transform the se comes from the limits");
    if (transform) source = 2;
    if (g->n < 5 || g->n > 100)
        return fail(ctx, s, row, -1, "SII needs 5 to 100 quantiles; group '%s' has %zu",
                    row->f[s->group_col], g->n);
    stat_sii_quantile *q = xmalloc(g->n * sizeof *q);
    for (size_t k = 0; k < g->n && rc == 0; k++)
        rc = sii_read(ctx, &g->rows[k], (int)vt, source, &q[k]);
    if (rc == 0 && stat_sii(q, g->n, (int)vt, transform, mult, c, &res) != 0)
        rc = fail(ctx, s, row, -1,
                  "group '%s': quantiles must differ, and log or logit values and "
                  "limits must lie in their domain",
                  row->f[s->group_col]);
    free(q);
    if (rc != 0) return rc;
    out[0] = num(res.sii);
    out[1] = num(res.sii_lower);
    out[2] = num(res.sii_upper);
    out[3] = num(res.rii);
    out[4] = num(res.rii_lower);
    out[5] = num(res.rii_upper);
    out[6] = num(res.intercept);
    out[7] = str("weighted least squares; normal-limit CI");
    return 0;
}

#define N(a) (sizeof a / sizeof *a)

static const cli_method methods[] = {
    {"proportion", p_prop, N(p_prop), NULL, 0, o_ci, N(o_ci), run_proportion, 0},
    {"rate", p_rate, N(p_rate), NULL, 0, o_ci, N(o_ci), run_rate, 0},
    {"byars", p_count, N(p_count), NULL, 0, o_count, N(o_count), run_byars, 0},
    {"exact", p_count, N(p_count), NULL, 0, o_count, N(o_count), run_exact, 0},
    {"compare", p_compare, N(p_compare), NULL, 0, o_compare, N(o_compare), run_compare, 0},
    {"funnel-prop-limits", p_fprop, N(p_fprop), NULL, 0, o_fprop, N(o_fprop), run_funnel_prop, 0},
    {"funnel-ratio-limits", p_fratio, N(p_fratio), NULL, 0, o_fratio, N(o_fratio), run_funnel_ratio, 0},
    {"funnel-significance", p_fsig, N(p_fsig), NULL, 0, o_fsig, N(o_fsig), run_funnel_sig, 1},
    {"mean", p_conf, N(p_conf), ip_x, N(ip_x), o_mean, N(o_mean), run_mean, 0},
    {"median", p_conf, N(p_conf), ip_x, N(ip_x), o_median, N(o_median), run_median, 0},
    {"dsr", p_dsr, N(p_dsr), ip_dsr, N(ip_dsr), o_dsr, N(o_dsr), run_dsr, 0},
    {"isr", p_isr, N(p_isr), ip_isr, N(ip_isr), o_isr, N(o_isr), run_isr, 0},
    {"isratio", p_isratio, N(p_isratio), ip_isr, N(ip_isr), o_isr, N(o_isr), run_isr, 0},
    {"israte", p_israte, N(p_israte), ip_isr, N(ip_isr), o_isr, N(o_isr), run_isr, 0},
    {"sii", p_sii, N(p_sii), ip_sii, N(ip_sii), o_sii, N(o_sii), run_sii, 0},
};

/* ---- driver ---- */

static int usage_error(sv_error *err, const char *fmt, const char *arg) {
    sv_error_set(err, SV_EXIT_USAGE, NULL, 0, 0, fmt, arg);
    return -1;
}

static int add_pair(cli_pair *p, size_t *n, const char *opt, const char *arg, sv_error *err) {
    const char *eq = arg ? strchr(arg, '=') : NULL;
    if (!eq || eq == arg) return usage_error(err, "%s needs NAME=VALUE", opt);
    if (*n == CLI_MAXOPT) return usage_error(err, "too many %s options", opt);
    /* The name is cut at '=' in place: argv strings are ours to use. */
    *(char *)eq = '\0';
    p[*n].name = arg;
    p[(*n)++].value = eq + 1;
    return 0;
}

static int parse_args(int argc, char **argv, cli_opts *o, const cli_method **m,
                      sv_error *err) {
    memset(o, 0, sizeof *o);
    if (argc < 2) return usage_error(err, "%s", "no METHOD given (see svreport stats --help)");
    *m = NULL;
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        if (strcmp(argv[1], methods[i].name) == 0) *m = &methods[i];
    if (!*m) return usage_error(err, "unknown method '%s' (see svreport stats --help)", argv[1]);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = strcmp(a, "--inputs") == 0 || strcmp(a, "--group") == 0 ||
                    strcmp(a, "--set") == 0 || strcmp(a, "--col") == 0 ||
                    strcmp(a, "--prefix") == 0 || strcmp(a, "--confidence") == 0 ||
                    strcmp(a, "--multiplier") == 0;
        if (takes && !next) return usage_error(err, "%s needs a value", a);
        if (strcmp(a, "--inputs") == 0)
            o->inputs = next;
        else if (strcmp(a, "--group") == 0)
            o->group = next;
        else if (strcmp(a, "--prefix") == 0)
            o->prefix = next;
        else if (strcmp(a, "--set") == 0 || strcmp(a, "--col") == 0) {
            int set = a[2] == 's';
            if (add_pair(set ? o->sets : o->cols, set ? &o->nsets : &o->ncols, a, argv[i + 1],
                         err) != 0)
                return -1;
        } else if (strcmp(a, "--confidence") == 0 || strcmp(a, "--multiplier") == 0) {
            if (o->nsets == CLI_MAXOPT) return usage_error(err, "too many %s options", a);
            o->sets[o->nsets].name = a + 2;
            o->sets[o->nsets++].value = next;
        } else if (a[0] == '-' && a[1] != '\0')
            return usage_error(err, "unknown option '%s'", a);
        else if (o->input)
            return usage_error(err, "more than one INPUT file ('%s')", a);
        else {
            o->input = a;
            continue;
        }
        i++;
    }
    if (!o->input) o->input = "-";
    if ((*m)->iparams && !o->inputs)
        return usage_error(err, "method '%s' needs --inputs FILE", (*m)->name);
    if (!(*m)->iparams && o->inputs)
        return usage_error(err, "method '%s' takes no --inputs", (*m)->name);
    if ((*m)->iparams && !o->group) o->group = "case_group";
    if (o->inputs && strcmp(o->inputs, "-") == 0 && strcmp(o->input, "-") == 0)
        return usage_error(err, "%s", "INPUT and --inputs cannot both be standard input");
    return 0;
}

/* Reads a whole file: header into *header, records into *rows. */
static int read_all(const char *path, cli_row *header, cli_row **rows, size_t *n,
                    sv_error *err) {
    cli_reader r;
    cli_row row;
    size_t cap = 0;
    int rc;
    *rows = NULL;
    *n = 0;
    memset(header, 0, sizeof *header);
    if (reader_open(&r, path, err) != 0) return -1;
    if ((rc = reader_next(&r, header, err)) == 0)
        sv_error_set(err, SV_EXIT_DATA, r.path, 0, 0, "empty file: no header");
    while (rc > 0 && (rc = reader_next(&r, &row, err)) > 0) {
        if (row.n != header->n) {
            sv_error_set(err, SV_EXIT_DATA, r.path, row.line, 0,
                         "%zu fields where the header has %zu", row.n, header->n);
            row_free(&row);
            rc = -1;
            break;
        }
        XGROW(*rows, cap, *n + 1);
        (*rows)[(*n)++] = row;
    }
    reader_close(&r);
    return rc < 0 ? -1 : 0;
}

static void write_header(strbuf *out, const cli_row *h, const cli_ctx *ctx) {
    for (size_t i = 0; i < h->n; i++) {
        put_text(out, h->f[i]);
        sb_putc(out, ',');
    }
    for (size_t i = 0; i < ctx->m->noutputs; i++) {
        char *name = xasprintf("%s%s", ctx->opts->prefix ? ctx->opts->prefix : "",
                               ctx->m->outputs[i]);
        if (i) sb_putc(out, ',');
        put_text(out, name);
        free(name);
    }
    sb_putc(out, '\n');
}

static void flush_out(strbuf *out) {
    fwrite(out->data ? out->data : "", 1, out->len, stdout);
    sb_clear(out);
}

/* The --inputs rows whose group column equals key. */
static cli_group find_group(const cli_ctx *ctx, const char *key) {
    cli_group g = {NULL, 0};
    int col = ctx->in.group_col;
    size_t lo = 0, hi = ctx->ninrows;
    if (!ctx->inrows) return g;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ctx->inrows[mid].f[col], key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    g.rows = ctx->inrows + lo;
    while (lo + g.n < ctx->ninrows && strcmp(ctx->inrows[lo + g.n].f[col], key) == 0) g.n++;
    return g;
}

static int emit_row(cli_ctx *ctx, const cli_row *row, strbuf *out) {
    cli_cell cells[CLI_MAXOUT];
    cli_group g = {NULL, 0};
    if (row->n != ctx->main.width) {
        sv_error_set(ctx->err, SV_EXIT_DATA, ctx->main.path, row->line, 0,
                     "%zu fields where the header has %zu", row->n, ctx->main.width);
        return -1;
    }
    if (ctx->m->iparams) g = find_group(ctx, row->f[ctx->main.group_col]);
    if (ctx->m->run(ctx, row, &g, cells) != 0) return -1;
    for (size_t i = 0; i < row->n; i++) {
        put_text(out, row->f[i]);
        sb_putc(out, ',');
    }
    for (size_t i = 0; i < ctx->m->noutputs; i++) {
        if (i) sb_putc(out, ',');
        if (cells[i].str)
            put_text(out, cells[i].str);
        else
            put_num(out, cells[i].num);
    }
    sb_putc(out, '\n');
    if (out->len > 1 << 16) flush_out(out);
    return 0;
}

static int load_inputs(cli_ctx *ctx, sv_error *err) {
    cli_row header;
    if (read_all(ctx->opts->inputs, &header, &ctx->inrows, &ctx->ninrows, err) != 0) {
        row_free(&header);
        return -1;
    }
    ctx->in.path = display_path(ctx->opts->inputs);
    ctx->in.params = ctx->m->iparams;
    ctx->in.nparams = ctx->m->niparams;
    int rc = src_bind(&ctx->in, &header, ctx->opts, ctx->opts->group, err);
    row_free(&header);
    if (rc != 0) return -1;
    sort_group_col = ctx->in.group_col;
    qsort(ctx->inrows, ctx->ninrows, sizeof *ctx->inrows, cmp_row_group);
    return 0;
}

static int run_stream(cli_ctx *ctx, strbuf *out, sv_error *err) {
    cli_reader r;
    cli_row header, row;
    int rc;
    if (reader_open(&r, ctx->opts->input, err) != 0) return -1;
    memset(&header, 0, sizeof header);
    if ((rc = reader_next(&r, &header, err)) == 0)
        sv_error_set(err, SV_EXIT_DATA, r.path, 0, 0, "empty file: no header");
    if (rc > 0 && src_bind(&ctx->main, &header, ctx->opts, ctx->m->iparams ? ctx->opts->group : NULL,
                           err) == 0) {
        write_header(out, &header, ctx);
        while ((rc = reader_next(&r, &row, err)) > 0) {
            rc = emit_row(ctx, &row, out);
            row_free(&row);
            if (rc != 0) break;
        }
    }
    row_free(&header);
    reader_close(&r);
    return sv_error_isset(err) ? -1 : 0;
}

static int run_whole(cli_ctx *ctx, strbuf *out, sv_error *err) {
    cli_row header, *rows;
    size_t n;
    int rc = read_all(ctx->opts->input, &header, &rows, &n, err);
    if (rc == 0) rc = src_bind(&ctx->main, &header, ctx->opts, ctx->opts->group, err);
    if (rc == 0) rc = fsig_prepare(ctx, rows, n);
    if (rc == 0) {
        write_header(out, &header, ctx);
        for (size_t i = 0; i < n && rc == 0; i++) {
            ctx->nrow = i;
            rc = emit_row(ctx, &rows[i], out);
        }
    }
    for (size_t i = 0; i < n; i++) row_free(&rows[i]);
    free(rows);
    row_free(&header);
    return rc;
}

int stats_cli_main(int argc, char **argv) {
    sv_error err;
    cli_opts opts;
    const cli_method *m = NULL;
    strbuf out = STRBUF_INIT;
    sv_error_clear(&err);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage_text, stdout);
        return SV_OK;
    }
    if (parse_args(argc, argv, &opts, &m, &err) != 0) {
        sv_error_print(&err, stderr);
        fputs("usage: svreport stats METHOD [options] [INPUT.csv] (--help lists methods)\n",
              stderr);
        return err.status;
    }
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opts = &opts;
    ctx.m = m;
    ctx.err = &err;
    ctx.main.path = display_path(opts.input);
    ctx.main.params = m->params;
    ctx.main.nparams = m->nparams;
    if (!m->iparams || load_inputs(&ctx, &err) == 0) {
        if (m->whole_file)
            run_whole(&ctx, &out, &err);
        else
            run_stream(&ctx, &out, &err);
    }
    flush_out(&out);
    sb_free(&out);
    for (size_t i = 0; i < ctx.ninrows; i++) row_free(&ctx.inrows[i]);
    free(ctx.inrows);
    free(ctx.average);
    if (fflush(stdout) != 0 && !sv_error_isset(&err))
        sv_error_set(&err, SV_EXIT_IO, "<stdout>", 0, 0, "write failed");
    sv_error_print(&err, stderr);
    return sv_error_isset(&err) ? (int)err.status : SV_OK;
}
