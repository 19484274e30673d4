/* gen_main.c: svreport-gen, the synthetic extract generator.
 *
 * Writes the CSV extracts of the data contract for a made-up organisation:
 * a home support provider, a council, or a large benchmark provider. The
 * same arguments always give byte-identical files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "gen.h"
#include "xalloc.h"

static const char usage_text[] =
    "usage: svreport-gen --org provider|council|bench --out DIR [options]\n"
    "\n"
    "  --seed N              random seed (default 1); same arguments, same bytes\n"
    "  --people N            provider: people supported on the period end (300);\n"
    "                        bench: rows of people.csv (20000)\n"
    "  --visit-days N        days of visits.csv up to the last day written\n"
    "                        (provider: from 1st of the month 2 years back; bench: 90)\n"
    "  --units N             bench: number of units (100, at most 1000)\n"
    "  --id-prefix STR       put STR (up to 32 of A-Z a-z 0-9 _ -) in every person\n"
    "                        and staff id\n"
    "  --period-end DATE     last day of the reporting quarter (2026-09-30); the\n"
    "                        provider and council extracts run 5 days past it\n";

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "svreport-gen: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(svreport-gen --help lists the options)\n");
    return SV_EXIT_USAGE;
}

void ctx_format_id(const gen_ctx *c, char *dst, const char *letter, unsigned long num,
                   int width) {
    snprintf(dst, GEN_ID_MAX, "%s%s%0*lu", c->id_prefix, letter, width, num);
}

static int parse_count(const char *s, long lo, long hi, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static int prefix_ok(const char *s) {
    size_t n = strlen(s);
    if (n > GEN_PREFIX_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-'))
            return 0;
    }
    return 1;
}

/* mkdir -p */
static int make_dirs(const char *path) {
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s) continue;
        char saved = *s;
        *s = '\0';
        if (mkdir(p, 0777) && errno != EEXIST) {
            fprintf(stderr, "svreport-gen: error: cannot create %s: %s\n", p, strerror(errno));
            rc = -1;
            break;
        }
        *s = saved;
        if (!saved) break;
    }
    free(p);
    return rc;
}

/* The extracts each organisation exports. */
static int write_all(gen_ctx *c) {
    int rc = people_write(c);
    rc |= events_write_referrals(c);
    rc |= events_write_episodes(c);
    rc |= events_write_feedback(c);
    rc |= events_write_survey(c);
    if (c->org != ORG_COUNCIL) {
        rc |= staff_write_workforce(c);
        rc |= staff_write_supervision(c);
        rc |= staff_write_training(c);
        rc |= visits_write(c);
    }
    if (c->org != ORG_BENCH) {
        rc |= events_write_outcomes(c);
        rc |= org_write_spend(c);
        rc |= org_write_actions(c);
    }
    if (c->org == ORG_COUNCIL) rc |= org_write_population(c);
    return rc;
}

static void ctx_free(gen_ctx *c) {
    for (int u = 0; u < c->n_units; u++) free(c->unit_names[u]);
    free(c->unit_names);
    free(c->people);
    free(c->staff);
    free(c->actions);
}

int main(int argc, char **argv) {
    gen_ctx c;
    memset(&c, 0, sizeof c);
    c.seed = 1;
    c.id_prefix = "";
    const char *org = NULL;
    long people = -1, visit_days = -1, units = -1;
    sv_day period_end = day_from_ymd(2026, 9, 30);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_text, stdout);
            return SV_OK;
        }
        if (i + 1 >= argc) return usage_error("%s needs a value", a);
        const char *v = argv[++i];
        long n;
        if (!strcmp(a, "--org")) {
            org = v;
        } else if (!strcmp(a, "--out")) {
            c.out = v;
        } else if (!strcmp(a, "--seed")) {
            char *end;
            errno = 0;
            c.seed = strtoull(v, &end, 10);
            if (errno || end == v || *end) return usage_error("bad --seed '%s'", v);
        } else if (!strcmp(a, "--people")) {
            if (parse_count(v, 1, 5000000, &people)) return usage_error("bad --people '%s'", v);
        } else if (!strcmp(a, "--visit-days")) {
            if (parse_count(v, 1, 3660, &visit_days))
                return usage_error("bad --visit-days '%s' (1 to 3660)", v);
        } else if (!strcmp(a, "--units")) {
            if (parse_count(v, 1, 1000, &n)) return usage_error("bad --units '%s' (1 to 1000)", v);
            units = n;
        } else if (!strcmp(a, "--id-prefix")) {
            if (!prefix_ok(v))
                return usage_error("bad --id-prefix '%s' (up to 32 of A-Z a-z 0-9 _ -)", v);
            c.id_prefix = v;
        } else if (!strcmp(a, "--period-end")) {
            if (date_parse(v, strlen(v), DATE_ISO, &period_end) != DATE_OK)
                return usage_error("bad --period-end '%s' (YYYY-MM-DD)", v);
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (!org) return usage_error("%s", "--org is required");
    if (!c.out) return usage_error("%s", "--out is required");
    if (!strcmp(org, "provider"))
        c.org = ORG_PROVIDER;
    else if (!strcmp(org, "council"))
        c.org = ORG_COUNCIL;
    else if (!strcmp(org, "bench"))
        c.org = ORG_BENCH;
    else
        return usage_error("bad --org '%s' (provider, council or bench)", org);
    if (c.org != ORG_BENCH && units >= 0)
        fprintf(stderr, "svreport-gen: warning: --units applies to --org bench only\n");
    if (c.org == ORG_COUNCIL && (people >= 0 || visit_days >= 0))
        fprintf(stderr, "svreport-gen: warning: the council's cohort is fixed (5,266 in the "
                        "period) and it has no visits; --people and --visit-days ignored\n");

    /* The period is the quarter (three calendar months) ending on period_end. */
    int y, m, d;
    day_to_ymd(period_end, &y, &m, &d);
    sv_day month1 = day_from_ymd(y, m, 1);
    c.period_end = period_end;
    c.period_start = day_add_months(month1, -2);
    if (c.org == ORG_BENCH) {
        c.as_at = period_end;
        c.history_start = day_add_months(c.period_start, -24);
        c.target_people = people >= 0 ? (int)people : 20000;
        c.n_units = units >= 0 ? (int)units : 100;
        c.visits_start = c.as_at - (visit_days >= 0 ? (sv_day)visit_days : 90) + 1;
    } else {
        c.as_at = period_end + 5;
        c.history_start = day_add_months(c.period_start, -39);
        c.target_people = people >= 0 ? (int)people : 300;
        c.visits_start = visit_days >= 0 ? c.as_at - (sv_day)visit_days + 1
                                         : day_add_months(month1, -24);
    }
    if (make_dirs(c.out)) return SV_EXIT_IO;

    people_generate(&c);
    staff_generate(&c);
    org_actions_generate(&c);
    int rc = write_all(&c);
    ctx_free(&c);
    return rc ? SV_EXIT_IO : SV_OK;
}
