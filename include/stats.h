/* stats.h: the one statistics module used by every indicator and document.
 *
 * Methods follow PHEindicatormethods 2.1.0 (see README "Methods"): Wilson
 * score intervals for proportions, exact Poisson limits below 10 events and
 * Byar's from 10 for rates, Student t for means, Dobson for directly
 * standardised rates, and the slope/relative index of inequality.
 *
 * Confidence is given as a fraction (0.95, 0.998) or a percentage (95, 99.8);
 * stat_confidence normalises it. Results use NAN where a limit does not exist.
 * Quantiles come from GSL. No function allocates unless it says so. */
#ifndef SV_STATS_H
#define SV_STATS_H

#include <stddef.h>

typedef struct stat_ci {
    double value;
    double lower;
    double upper;
} stat_ci;

typedef enum stat_method {
    METHOD_NONE = 0,
    METHOD_WILSON,
    METHOD_EXACT,      /* Poisson via chi-square, x < 10 */
    METHOD_BYARS,      /* x >= 10 */
    METHOD_STUDENT_T,
    METHOD_DOBSON,
    METHOD_ORDER_STAT  /* distribution-free interval for a median */
} stat_method;

const char *stat_method_name(stat_method m);  /* "Wilson", "Exact", "Byars", ... */

/* Normalises 0.95/95 -> 0.95; accepts [0.9, 1] or [90, 100]. Returns the
 * fraction, or -1 when out of range. */
double stat_confidence(double conf);
/* Two-sided normal quantile for fraction c: qnorm(c + (1 - c) / 2). */
double stat_z(double conf);

/* Proportion x/n * multiplier with Wilson limits. Returns 0, or -1 for
 * x < 0, n <= 0, x > n or a bad confidence (out is then all NAN). */
int stat_proportion(double x, double n, double conf, double multiplier, stat_ci *out);

/* Crude rate x/n * multiplier: exact limits for x < 10, Byar's from 10.
 * Returns 0, or -1 for x < 0, n <= 0 or a bad confidence. *method may be NULL. */
int stat_rate(double x, double n, double conf, double multiplier, stat_ci *out,
              stat_method *method);

/* Limits of a count (not divided by a denominator). Byar's lower limit is
 * NAN when negative. */
int stat_byars_count(double x, double conf, double *lower, double *upper);
int stat_exact_count(double x, double conf, double *lower, double *upper);

/* Mean with Student t limits over k values (k >= 2 for limits). */
int stat_mean(const double *values, size_t k, double conf, stat_ci *out);
/* The same from a summary: sum, count and sample standard deviation. */
int stat_mean_summary(double sum, double count, double sd, double conf, stat_ci *out);

/* Median of values (sorted in place), with the distribution-free interval
 * from binomial order statistics; limits NAN when k is too small for the
 * level. Ties need no special handling. */
int stat_median(double *values, size_t k, double conf, stat_ci *out);

/* Directly standardised rate (Dobson limits); value and limits NAN when the
 * total count is below 10. */
typedef struct stat_dsr_band {
    double x;       /* events (NAN counts as 0) */
    double n;       /* population, > 0 */
    double stdpop;  /* standard population weight, >= 0 */
} stat_dsr_band;
int stat_dsr(const stat_dsr_band *bands, size_t nbands, double conf,
             double multiplier, stat_ci *out);

/* Indirectly standardised ratio (refvalue) or rate (multiplier). */
typedef struct stat_isr_band {
    double x, n, x_ref, n_ref;
} stat_isr_band;
int stat_isratio(const stat_isr_band *bands, size_t nbands, double conf,
                 double refvalue, stat_ci *out, stat_method *method);
int stat_israte(const stat_isr_band *bands, size_t nbands, double conf,
                double multiplier, stat_ci *out, stat_method *method);

/* Slope and relative index of inequality over ordered quantiles (e.g. IMD
 * deciles, 1 = most deprived). value_type: 0 other, 1 rate, 2 proportion.
 * With transform the fit is on log/logit scale. Limits are analytic: the
 * normal limit of the simulation PHE uses (first order, by the delta method,
 * for the RII and for rates and proportions fitted without transform).
 * Returns 0 (all NAN when a value, or both se and limits, are missing), or
 * -1 for fewer than 5 or more than 100 quantiles, a quantile given twice, a
 * population not > 0, a value outside the log/logit domain or a bad level. */
typedef struct stat_sii_quantile {
    double quantile;    /* ordering key */
    double population;  /* > 0 */
    double value;       /* indicator value in this quantile */
    double se;          /* standard error on the transform scale, or NAN */
    double lower_cl, upper_cl;  /* 95% limits used when se is NAN */
} stat_sii_quantile;
typedef struct stat_sii_result {
    double sii, sii_lower, sii_upper;
    double rii, rii_lower, rii_upper;
    double intercept;
} stat_sii_result;
int stat_sii(const stat_sii_quantile *q, size_t nq, int value_type, int transform,
             double multiplier, double conf, stat_sii_result *out);

/* Fingertips comparison of an interval with a benchmark (strict). */
typedef enum stat_sig {
    SIG_NOT_COMPARED = 0,
    SIG_SIMILAR,
    SIG_HIGHER,
    SIG_LOWER
} stat_sig;
stat_sig stat_compare(double lower, double upper, double benchmark);
const char *stat_sig_name(stat_sig s);  /* "not compared", "similar", ... */

/* ---- Additions beyond the first draft of this interface ---- */

/* Count limits as phe_rate uses them: exact below 10, Byar's from 10.
 * Returns 0, or -1 for x < 0 or a bad confidence (limits NAN). *method may
 * be NULL; it is METHOD_NONE when x is NAN. */
int stat_poisson_count(double x, double conf, double *lower, double *upper,
                       stat_method *method);

/* Sum and sample standard deviation (denominator k - 1) of k values. Either
 * output may be NULL. Sum is NAN if any value is NAN or k is 0; sd is NAN
 * unless k >= 2 and every value is a number. */
void stat_describe(const double *values, size_t k, double *sum, double *sd);

/* DSR for non-independent events: counts[j] says that counts[j].x people had
 * counts[j].eventfreq events each in band counts[j].band (an index into
 * bands, whose x is ignored). Dobson limits use the variance summed over
 * event frequencies (f^2 * var_f). Same returns and suppression as stat_dsr. */
typedef struct stat_dsr_freq {
    size_t band;       /* index into the bands array */
    double eventfreq;  /* events per person, > 0 */
    double x;          /* people with that many events (NAN counts as 0) */
} stat_dsr_freq;
int stat_dsr_nonindependent(const stat_dsr_band *bands, size_t nbands,
                            const stat_dsr_freq *counts, size_t ncounts,
                            double conf, double multiplier, stat_ci *out);

/* Observed O = sum x (NAN ignored) and expected E = sum x_ref / n_ref * n
 * (NAN x_ref or n counts as 0). Returns 0, or -1 for n < 0, x < 0 or an
 * n_ref that is not > 0 (outputs NAN). */
int stat_isr_totals(const stat_isr_band *bands, size_t nbands, double *observed,
                    double *expected);

/* Funnel plots (PHE calculate_funnel_limits / assign_funnel_significance).
 * Levels are 0.95 and 0.998; the benchmark is the pooled average, or 1 for
 * ratios, and every comparison is strict. */
typedef enum stat_funnel_sig {
    FUNNEL_NOT_SIGNIFICANT = 0,
    FUNNEL_HIGH_999,   /* "High (0.001)" */
    FUNNEL_HIGH_95,    /* "High (0.025)" */
    FUNNEL_LOW_999,    /* "Low (0.001)" */
    FUNNEL_LOW_95,     /* "Low (0.025)" */
    FUNNEL_NOT_APPLICABLE  /* DSR with fewer than 10 events */
} stat_funnel_sig;
const char *stat_funnel_sig_name(stat_funnel_sig s);  /* the PHE labels */

/* Control limits for a proportion funnel at sample size n around average a
 * (a fraction): the proportions whose Wilson limit at conf equals a, times
 * multiplier, clamped to [0, |multiplier|]. Returns 0, or -1 for n <= 0, a
 * outside [0, 1] or a bad confidence. */
int stat_funnel_prop_limits(double n, double average, double conf,
                            double multiplier, double *lower, double *upper);
/* Expected counts at which `observed` events sit on the ratio funnel: the
 * exact Poisson upper (for the lower limit) and lower (for the upper limit)
 * count limits. The upper-limit one is 0 for observed = 0. Returns 0 or -1. */
int stat_funnel_ratio_expected(double observed, double conf, double *exp_for_lower,
                               double *exp_for_upper);
/* Denominator a rate funnel derives from its rate (PHE rules): dsr: NAN when
 * numerator is 0, else numerator / rate * multiplier; crude: denominator when
 * numerator is 0, else multiplier * numerator / rate. */
double stat_funnel_rate_denominator(double numerator, double rate, double denominator,
                                    double multiplier, int is_dsr);
/* Significance of x/n against the average proportion (inverse Wilson). */
stat_funnel_sig stat_funnel_prop_significance(double x, double n, double average);
/* Significance of a count against benchmark * denominator, using the count
 * limits of stat_poisson_count at 95% and 99.8% divided by the denominator
 * (ratios: denominator = expected, benchmark 1; rates: derived denominator,
 * benchmark the average). NAN inputs give FUNNEL_NOT_SIGNIFICANT. */
stat_funnel_sig stat_funnel_poisson_significance(double observed, double denominator,
                                                 double benchmark);

#endif
