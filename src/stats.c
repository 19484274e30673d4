/* stats.c: indicator statistics after PHEindicatormethods 2.1.0.
 *
 * Every formula, edge case and order of operations follows
 * shared/reference/phe-methods.md; tests/reference/phe/ holds the expected
 * figures. Quantiles come from GSL; nothing here approximates one by hand. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "xalloc.h"

/* PHE switches from exact Poisson limits to Byar's at this count, and
 * suppresses DSRs below it. */
#define STAT_SMALL_COUNT 10.0

static void ci_set_nan(stat_ci *out) {
    if (out) out->value = out->lower = out->upper = NAN;
}

const char *stat_method_name(stat_method m) {
    switch (m) {
    case METHOD_WILSON: return "Wilson";
    case METHOD_EXACT: return "Exact";
    case METHOD_BYARS: return "Byars";
    case METHOD_STUDENT_T: return "Student's t-distribution";
    case METHOD_DOBSON: return "Dobson";
    case METHOD_ORDER_STAT: return "Order statistics";
    case METHOD_NONE: break;
    }
    return "none";
}

double stat_confidence(double conf) {
    if (isnan(conf)) return -1;
    /* PHE reads anything from 90 up as a percentage. */
    if (conf >= 90) conf /= 100;
    if (conf < 0.9 || conf > 1) return -1;
    return conf;
}

double stat_z(double conf) {
    double c = stat_confidence(conf);
    if (c < 0) return NAN;
    /* Built as c + (1 - c) / 2, exactly as PHE does: 0.95 -> 0.975. */
    return gsl_cdf_ugaussian_Pinv(c + (1 - c) / 2);
}

/* ---- proportions ---- */

int stat_proportion(double x, double n, double conf, double multiplier, stat_ci *out) {
    double c = stat_confidence(conf);
    ci_set_nan(out);
    if (c < 0 || x < 0 || n <= 0 || x > n) return -1;
    if (isnan(x) || isnan(n)) return 0;  /* missing input: NA, not an error */
    out->value = x / n * multiplier;
    if (c == 1) {
        /* PHE sets the limits without a quantile (z would be infinite). */
        out->lower = 0 * multiplier;
        out->upper = 1 * multiplier;
        return 0;
    }
    double z = stat_z(c);
    double root = z * sqrt(z * z + 4 * x * (1 - (x / n)));
    /* Rounding can put x = n a hair above 1 (or x = 0 below 0); a limit
     * outside [0, 1] means nothing for a proportion. */
    out->lower = fmax(0, (2 * x + z * z - root) / 2 / (n + z * z)) * multiplier;
    out->upper = fmin(1, (2 * x + z * z + root) / 2 / (n + z * z)) * multiplier;
    return 0;
}

/* ---- counts and rates ---- */

/* Shared start of the count limits: 1 to compute, 0 for a missing x (NA
 * limits), -1 for a bad x or confidence. */
static int count_start(double x, double conf, double *c, double *lower, double *upper) {
    *c = stat_confidence(conf);
    *lower = *upper = NAN;
    if (*c < 0 || x < 0) return -1;
    return !isnan(x);
}

int stat_byars_count(double x, double conf, double *lower, double *upper) {
    double c;
    int rc = count_start(x, conf, &c, lower, upper);
    if (rc <= 0) return rc;
    double z = stat_z(c);
    double lo = x * pow(1 - 1 / (9 * x) - z / (3 * sqrt(x)), 3);
    double x1 = x + 1;
    /* A negative Byar's lower limit does not exist (x = 1 at 99.8%). */
    *lower = lo < 0 ? NAN : lo;
    *upper = x1 * pow(1 - 1 / (9 * x1) + z / (3 * sqrt(x1)), 3);
    return 0;
}

int stat_exact_count(double x, double conf, double *lower, double *upper) {
    double c;
    int rc = count_start(x, conf, &c, lower, upper);
    if (rc <= 0) return rc;
    /* The chi-square quantile with 0 degrees of freedom is 0; GSL would
     * need df > 0, so x = 0 is handled here. */
    *lower = x == 0 ? 0 : gsl_cdf_chisq_Pinv((1 - c) / 2, 2 * x) / 2;
    *upper = gsl_cdf_chisq_Pinv(c + (1 - c) / 2, 2 * x + 2) / 2;
    return 0;
}

int stat_poisson_count(double x, double conf, double *lower, double *upper,
                       stat_method *method) {
    stat_method m = isnan(x) ? METHOD_NONE
                    : x < STAT_SMALL_COUNT ? METHOD_EXACT : METHOD_BYARS;
    if (method) *method = m;
    if (m == METHOD_BYARS) return stat_byars_count(x, conf, lower, upper);
    return stat_exact_count(x, conf, lower, upper);
}

int stat_rate(double x, double n, double conf, double multiplier, stat_ci *out,
              stat_method *method) {
    double lo, hi;
    ci_set_nan(out);
    /* The method follows x alone, so x = 10 with n missing is "Byars". */
    int rc = stat_poisson_count(x, conf, &lo, &hi, method);
    if (rc != 0 || n <= 0) {
        if (method) *method = METHOD_NONE;
        return -1;
    }
    if (isnan(x) || isnan(n)) return 0;
    out->value = x / n * multiplier;
    out->lower = lo / n * multiplier;
    out->upper = hi / n * multiplier;
    return 0;
}

/* ---- means and medians ---- */

void stat_describe(const double *values, size_t k, double *sum, double *sd) {
    double s = k ? 0 : NAN;
    for (size_t i = 0; i < k; i++) s += values[i];
    if (sum) *sum = s;
    if (!sd) return;
    *sd = NAN;
    if (k < 2 || isnan(s)) return;
    /* Two passes: the centred sum of squares keeps precision. */
    double mean = s / (double)k, ss = 0;
    for (size_t i = 0; i < k; i++) ss += (values[i] - mean) * (values[i] - mean);
    *sd = sqrt(ss / (double)(k - 1));
}

int stat_mean_summary(double sum, double count, double sd, double conf, stat_ci *out) {
    double c = stat_confidence(conf);
    ci_set_nan(out);
    if (c < 0 || count < 0) return -1;
    if (isnan(sum) || isnan(count) || count == 0) return 0;  /* nothing to average */
    out->value = sum / count;
    if (count < 2 || isnan(sd)) return 0;  /* no spread from one value */
    double t = fabs(gsl_cdf_tdist_Pinv((1 - c) / 2, count - 1));
    out->lower = out->value - t * sd / sqrt(count);
    out->upper = out->value + t * sd / sqrt(count);
    return 0;
}

int stat_mean(const double *values, size_t k, double conf, stat_ci *out) {
    double sum, sd;
    stat_describe(values, k, &sum, &sd);
    return stat_mean_summary(sum, (double)k, sd, conf, out);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Distribution-free interval for a median (Conover, "Practical
 * Nonparametric Statistics", 3.6; Campbell & Gardner in "Statistics with
 * Confidence"): with the k values sorted, the interval is
 * [x(r), x(k - r + 1)] where r is the largest rank with
 * P(B <= r - 1) <= (1 - c) / 2 for B ~ Binomial(k, 1/2). Its coverage is
 * 1 - 2 P(B <= r - 1) >= c. When even r = 1 fails (0.5^k > (1 - c) / 2,
 * e.g. k < 6 at 95%) no such interval exists and the limits are NAN. */
int stat_median(double *values, size_t k, double conf, stat_ci *out) {
    double c = stat_confidence(conf);
    ci_set_nan(out);
    if (c < 0) return -1;
    if (k == 0) return 0;
    for (size_t i = 0; i < k; i++)
        if (isnan(values[i])) return 0;
    qsort(values, k, sizeof *values, cmp_double);
    out->value = k % 2 ? values[k / 2] : (values[k / 2 - 1] + values[k / 2]) / 2;
    double tail = (1 - c) / 2;
    if (gsl_cdf_binomial_P(0, 0.5, (unsigned)k) > tail) return 0;
    /* P(B <= r - 1) grows with r: bisect for the largest r that fits,
     * keeping P(B <= lo - 1) <= tail and P(B <= hi - 1) > tail. */
    size_t lo = 1, hi = k / 2 + 2;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (gsl_cdf_binomial_P((unsigned)(mid - 1), 0.5, (unsigned)k) <= tail)
            lo = mid;
        else
            hi = mid;
    }
    out->lower = values[lo - 1];
    out->upper = values[k - lo];
    return 0;
}

/* ---- directly standardised rates ---- */

/* Dobson limits from the pieces every DSR shares: sum of x * w / n, sum of
 * w, total count O and the variance of the per-unit DSR. */
static int dsr_finish(double wt_sum, double w_sum, double count, double var,
                      double conf, double multiplier, stat_ci *out) {
    double blo, bhi;
    if (stat_confidence(conf) < 0 || !(multiplier > 0)) return -1;
    if (count < STAT_SMALL_COUNT) return 0;  /* PHE suppresses value and limits */
    if (!(w_sum > 0)) return -1;
    stat_byars_count(count, conf, &blo, &bhi);
    out->value = wt_sum / w_sum * multiplier;
    out->lower = out->value + sqrt(var / count) * (blo - count) * multiplier;
    out->upper = out->value + sqrt(var / count) * (bhi - count) * multiplier;
    return 0;
}

static int dsr_band_ok(const stat_dsr_band *b) {
    return b->n > 0 && isfinite(b->n) && b->stdpop >= 0 && isfinite(b->stdpop);
}

int stat_dsr(const stat_dsr_band *bands, size_t nbands, double conf,
             double multiplier, stat_ci *out) {
    double wt = 0, sq = 0, w = 0, count = 0;
    ci_set_nan(out);
    for (size_t i = 0; i < nbands; i++) {
        const stat_dsr_band *b = &bands[i];
        if (!dsr_band_ok(b) || b->x < 0) return -1;
        double x = isnan(b->x) ? 0 : b->x;
        wt += x * b->stdpop / b->n;
        sq += x * ((b->stdpop / b->n) * (b->stdpop / b->n));
        w += b->stdpop;
        count += x;
    }
    return dsr_finish(wt, w, count, 1 / (w * w) * sq, conf, multiplier, out);
}

/* The variance for frequency f uses the people with f events as x; the
 * weights' total is over every band, so a frequency without a row for some
 * band counts as 0 people there (PHE sums the weights of the rows present,
 * which is the same whenever every frequency lists every band). */
int stat_dsr_nonindependent(const stat_dsr_band *bands, size_t nbands,
                            const stat_dsr_freq *counts, size_t ncounts,
                            double conf, double multiplier, stat_ci *out) {
    double wt = 0, w = 0, count = 0, var = 0;
    ci_set_nan(out);
    for (size_t i = 0; i < nbands; i++) {
        if (!dsr_band_ok(&bands[i])) return -1;
        w += bands[i].stdpop;
    }
    /* Events per band, and the distinct frequencies with their sums of
     * x * (w / n)^2. */
    double *events = xcalloc(nbands ? nbands : 1, sizeof *events);
    double *freq = xmalloc((ncounts ? ncounts : 1) * sizeof *freq);
    double *sq = xcalloc(ncounts ? ncounts : 1, sizeof *sq);
    size_t nfreq = 0;
    int rc = 0;
    for (size_t j = 0; j < ncounts; j++) {
        const stat_dsr_freq *f = &counts[j];
        if (f->band >= nbands || !(f->eventfreq > 0) || f->x < 0) {
            rc = -1;
            goto done;
        }
        const stat_dsr_band *b = &bands[f->band];
        double x = isnan(f->x) ? 0 : f->x;
        size_t k = 0;
        while (k < nfreq && freq[k] != f->eventfreq) k++;
        if (k == nfreq) freq[nfreq++] = f->eventfreq;
        sq[k] += x * ((b->stdpop / b->n) * (b->stdpop / b->n));
        events[f->band] += f->eventfreq * x;
    }
    for (size_t k = 0; k < nfreq; k++) var += 1 / (w * w) * sq[k] * (freq[k] * freq[k]);
    for (size_t i = 0; i < nbands; i++) {
        wt += events[i] * bands[i].stdpop / bands[i].n;
        count += events[i];
    }
    rc = dsr_finish(wt, w, count, var, conf, multiplier, out);
done:
    free(events);
    free(freq);
    free(sq);
    return rc;
}

/* ---- indirectly standardised ratios and rates ---- */

int stat_isr_totals(const stat_isr_band *bands, size_t nbands, double *observed,
                    double *expected) {
    double o = 0, e = 0;
    *observed = *expected = NAN;
    for (size_t i = 0; i < nbands; i++) {
        const stat_isr_band *b = &bands[i];
        if (b->n < 0 || b->x < 0 || !(b->n_ref > 0)) return -1;
        if (!isnan(b->x)) o += b->x;
        /* A band with population 0 is allowed and adds nothing. */
        e += (isnan(b->x_ref) ? 0 : b->x_ref) / b->n_ref * (isnan(b->n) ? 0 : b->n);
    }
    *observed = o;
    *expected = e;
    return 0;
}

/* O / E * factor with the count limits of O scaled the same way. */
static int isr_finish(const stat_isr_band *bands, size_t nbands, double conf,
                      double factor, stat_ci *out, stat_method *method) {
    double o, e, lo, hi;
    ci_set_nan(out);
    if (method) *method = METHOD_NONE;
    if (stat_confidence(conf) < 0 || stat_isr_totals(bands, nbands, &o, &e) != 0)
        return -1;
    stat_poisson_count(o, conf, &lo, &hi, method);
    if (!(e > 0)) return 0;  /* no expected events: the ratio does not exist */
    out->value = o / e * factor;
    out->lower = lo / e * factor;
    out->upper = hi / e * factor;
    return 0;
}

int stat_isratio(const stat_isr_band *bands, size_t nbands, double conf,
                 double refvalue, stat_ci *out, stat_method *method) {
    return isr_finish(bands, nbands, conf, refvalue, out, method);
}

int stat_israte(const stat_isr_band *bands, size_t nbands, double conf,
                double multiplier, stat_ci *out, stat_method *method) {
    double xref = 0, nref = 0;
    for (size_t i = 0; i < nbands; i++) {
        if (!isnan(bands[i].x_ref)) xref += bands[i].x_ref;
        nref += bands[i].n_ref;
    }
    return isr_finish(bands, nbands, conf, xref / nref * multiplier, out, method);
}

/* ---- slope and relative index of inequality ---- */

/* The scale transform T for value_type 1 (log) and 2 (logit), and its
 * inverse g. Type 0 is the identity. */
static double sii_t(int value_type, double v) {
    if (value_type == 1) return log(v);
    if (value_type == 2) return log(v / (1 - v));
    return v;
}

static double sii_g(int value_type, double t) {
    if (value_type == 1) return exp(t);
    if (value_type == 2) return exp(t) / (1 + exp(t));
    return t;
}

/* dg/dt at T(v), written in v: the slope of the back-transform. */
static double sii_dg(int value_type, double v) {
    if (value_type == 1) return v;
    if (value_type == 2) return v * (1 - v);
    return 1;
}

static int cmp_quantile(const void *a, const void *b) {
    const stat_sii_quantile *x = a, *y = b;
    return (x->quantile > y->quantile) - (x->quantile < y->quantile);
}

static void sii_set_nan(stat_sii_result *out) {
    out->sii = out->sii_lower = out->sii_upper = NAN;
    out->rii = out->rii_lower = out->rii_upper = NAN;
    out->intercept = NAN;
}

static void swap(double *a, double *b) {
    double t = *a;
    *a = *b;
    *b = t;
}

/* The fit on sorted quantiles: population shares a, midpoint ranks b, and
 * the weighted least-squares line y = alpha + beta * b with weights a (the
 * regression of sqrt(a) y on sqrt(a) and b sqrt(a) without intercept).
 * Both estimates are linear in y: beta = sum wb_i y_i and alpha =
 * sum wa_i y_i; s_i is the standard error of y_i, so the variances follow. */
typedef struct sii_fit {
    double alpha, beta;
    double var_alpha, var_beta, cov;
} sii_fit;

static void sii_regress(const double *a, const double *b, const double *y,
                        const double *s, size_t nq, sii_fit *fit) {
    double sa = 0, sab = 0, say = 0;
    for (size_t i = 0; i < nq; i++) {
        sa += a[i];
        sab += a[i] * b[i];
        say += a[i] * y[i];
    }
    double bbar = sab / sa, ybar = say / sa, sbb = 0, sby = 0;
    for (size_t i = 0; i < nq; i++) {
        sbb += a[i] * (b[i] - bbar) * (b[i] - bbar);
        sby += a[i] * (b[i] - bbar) * (y[i] - ybar);
    }
    fit->beta = sby / sbb;
    fit->alpha = ybar - fit->beta * bbar;
    fit->var_alpha = fit->var_beta = fit->cov = 0;
    for (size_t i = 0; i < nq; i++) {
        double wb = a[i] * (b[i] - bbar) / sbb;
        double wa = a[i] / sa - bbar * wb;
        double v = s[i] * s[i];
        fit->var_beta += wb * wb * v;
        fit->var_alpha += wa * wa * v;
        fit->cov += wa * wb * v;
    }
}

/* Limits for transform = FALSE: the slope and RII on the raw scale. PHE
 * simulates the values on the T scale and back-transforms each draw before
 * refitting; to first order (delta method) the raw-scale se of y_i is
 * g'(T(v_i)) * se_i, which sii() has already applied to s. The slope is
 * then normal with the fitted variance, and the RII = 1 + beta / alpha gets
 * the delta-method variance of a ratio. */
static void sii_limits_raw(const sii_fit *f, double z, double multiplier,
                           stat_sii_result *out) {
    double sd = sqrt(f->var_beta);
    out->sii_lower = multiplier * (f->beta - z * sd);
    out->sii_upper = multiplier * (f->beta + z * sd);
    if (multiplier < 0) swap(&out->sii_lower, &out->sii_upper);
    double r = f->beta / f->alpha;
    double var_r = (f->var_beta - 2 * r * f->cov + r * r * f->var_alpha) /
                   (f->alpha * f->alpha);
    out->rii_lower = 1 + r - z * sqrt(var_r);
    out->rii_upper = 1 + r + z * sqrt(var_r);
    if (multiplier < 0) {
        double lo = 1 / out->rii_upper;
        out->rii_upper = 1 / out->rii_lower;
        out->rii_lower = lo;
    }
}

/* Limits for transform = TRUE: each slope limit s on the T scale is turned
 * back around the midpoint m = alpha + beta / 2, as PHE does. PHE swaps the
 * rate limits whenever multiplier < 1, which reverses them for
 * 0 < multiplier < 1; here they swap only for a negative multiplier, so
 * lower <= upper always. */
static void sii_limits_transformed(const sii_fit *f, int value_type, double z,
                                   double multiplier, stat_sii_result *out) {
    double m = f->alpha + f->beta / 2, sd = sqrt(f->var_beta);
    double s[2] = {f->beta - z * sd, f->beta + z * sd};
    double sii[2], rii[2];
    for (int i = 0; i < 2; i++) {
        double hi = sii_g(value_type, m + s[i] / 2), lo = sii_g(value_type, m - s[i] / 2);
        sii[i] = (hi - lo) * multiplier;
        rii[i] = hi / lo;
    }
    if (multiplier < 0) {
        out->sii_lower = sii[1];
        out->sii_upper = sii[0];
        out->rii_lower = 1 / rii[1];
        out->rii_upper = 1 / rii[0];
    } else {
        out->sii_lower = sii[0];
        out->sii_upper = sii[1];
        out->rii_lower = rii[0];
        out->rii_upper = rii[1];
    }
}

static int sii_quantile_ok(const stat_sii_quantile *q, int value_type) {
    double lo = 0, hi = value_type == 2 ? 1 : INFINITY;
    if (value_type == 0) return 1;
    /* Log and logit need values strictly inside their domain. */
    if (!(q->value > lo && q->value < hi)) return 0;
    if (isnan(q->se) && !(q->lower_cl > lo && q->lower_cl < hi && q->upper_cl > lo &&
                          q->upper_cl < hi))
        return 0;
    return 1;
}

int stat_sii(const stat_sii_quantile *q, size_t nq, int value_type, int transform,
             double multiplier, double conf, stat_sii_result *out) {
    sii_set_nan(out);
    if (nq < 5 || nq > 100 || value_type < 0 || value_type > 2 ||
        (transform && value_type == 0) || stat_confidence(conf) < 0 || isnan(multiplier))
        return -1;
    for (size_t i = 0; i < nq; i++)
        if (!(q[i].population > 0) || !isfinite(q[i].population) || q[i].se < 0 ||
            isnan(q[i].quantile))
            return -1;
    for (size_t i = 0; i < nq; i++) {
        /* PHE drops an area with a missing value, se or limit. */
        if (isnan(q[i].value) || (isnan(q[i].se) &&
                                  (isnan(q[i].lower_cl) || isnan(q[i].upper_cl))))
            return 0;
        if (!sii_quantile_ok(&q[i], value_type)) return -1;
    }

    stat_sii_quantile *sorted = xmalloc(nq * sizeof *sorted);
    double *buf = xmalloc(4 * nq * sizeof *buf);
    double *a = buf, *b = buf + nq, *y = buf + 2 * nq, *s = buf + 3 * nq;
    memcpy(sorted, q, nq * sizeof *sorted);
    qsort(sorted, nq, sizeof *sorted, cmp_quantile);
    int rc = 0;
    double total = 0, cum = 0;
    for (size_t i = 0; i < nq; i++) {
        if (i > 0 && sorted[i].quantile == sorted[i - 1].quantile) {
            rc = -1;  /* each quantile once */
            goto done;
        }
        total += sorted[i].population;
    }
    /* Limits given for the quantiles are always read as 95% limits. */
    double z95 = stat_z(0.95);
    for (size_t i = 0; i < nq; i++) {
        const stat_sii_quantile *p = &sorted[i];
        a[i] = p->population / total;
        b[i] = cum + a[i] / 2;
        cum += a[i];
        y[i] = transform ? sii_t(value_type, p->value) : p->value;
        s[i] = !isnan(p->se) ? p->se
               : (sii_t(value_type, p->upper_cl) - sii_t(value_type, p->lower_cl)) / z95 / 2;
        /* Without the transform the draws are back-transformed (see above). */
        if (!transform) s[i] *= sii_dg(value_type, p->value);
    }
    sii_fit fit;
    sii_regress(a, b, y, s, nq, &fit);
    double z = stat_z(conf);
    if (!transform) {
        out->sii = multiplier * fit.beta;
        out->rii = (fit.alpha + fit.beta) / fit.alpha;
        out->intercept = fit.alpha;
        sii_limits_raw(&fit, z, multiplier, out);
    } else {
        double g0 = sii_g(value_type, fit.alpha), g1 = sii_g(value_type, fit.alpha + fit.beta);
        out->sii = (g1 - g0) * multiplier;
        out->rii = g1 / g0;
        out->intercept = g0 * fabs(multiplier);
        sii_limits_transformed(&fit, value_type, z, multiplier, out);
    }
    if (multiplier < 0) out->rii = 1 / out->rii;
done:
    free(sorted);
    free(buf);
    return rc;
}

/* ---- comparison with a benchmark ---- */

stat_sig stat_compare(double lower, double upper, double benchmark) {
    if (isnan(benchmark)) return SIG_NOT_COMPARED;
    /* Strict: a limit equal to the benchmark is not a difference. */
    if (lower > benchmark) return SIG_HIGHER;
    if (upper < benchmark) return SIG_LOWER;
    /* A missing limit cannot show that the interval spans the benchmark. */
    if (isnan(lower) || isnan(upper)) return SIG_NOT_COMPARED;
    return SIG_SIMILAR;
}

const char *stat_sig_name(stat_sig s) {
    switch (s) {
    case SIG_SIMILAR: return "similar";
    case SIG_HIGHER: return "higher";
    case SIG_LOWER: return "lower";
    case SIG_NOT_COMPARED: break;
    }
    return "not compared";
}

/* ---- funnel plots ---- */

const char *stat_funnel_sig_name(stat_funnel_sig s) {
    switch (s) {
    case FUNNEL_HIGH_999: return "High (0.001)";
    case FUNNEL_HIGH_95: return "High (0.025)";
    case FUNNEL_LOW_999: return "Low (0.001)";
    case FUNNEL_LOW_95: return "Low (0.025)";
    case FUNNEL_NOT_APPLICABLE: return "Not applicable for events less than 10 for dsrs";
    case FUNNEL_NOT_SIGNIFICANT: break;
    }
    return "Not significant";
}

/* PHE's "sigma_adjustment": the proportion p whose Wilson limit at sample
 * size n equals the average a, in closed form (the root of the quadratic
 * that the Wilson formula gives), before the multiplier. side -1 is the
 * lower funnel, +1 the upper. */
static double funnel_prop_point(double z, double n, double a, int side) {
    double z2 = z * z;
    double first = a * (n / z2 + 1);
    double adj = sqrt((-8 * a * (n / z2 + 1)) * (-8 * a * (n / z2 + 1)) -
                      64 * (1 / z2 + 1 / n) * a * (n * (a * (n / z2 + 2) - 1) + z2 * (a - 1)));
    double last = 1 / z2 + 1 / n;
    return (first + side * adj / 8) / last / n;
}

int stat_funnel_prop_limits(double n, double average, double conf,
                            double multiplier, double *lower, double *upper) {
    double z = stat_z(conf);
    *lower = *upper = NAN;
    if (isnan(z) || !(n > 0) || !(average >= 0 && average <= 1) || isnan(multiplier))
        return -1;
    /* PHE clamps to [0, 100] whatever the multiplier; [0, |M|] is the range a
     * proportion can take and is the same for percentages. */
    double top = fabs(multiplier);
    *lower = fmin(top, fmax(0, funnel_prop_point(z, n, average, -1) * multiplier));
    *upper = fmin(top, fmax(0, funnel_prop_point(z, n, average, +1) * multiplier));
    if (multiplier < 0) swap(lower, upper);
    return 0;
}

int stat_funnel_ratio_expected(double observed, double conf, double *exp_for_lower,
                               double *exp_for_upper) {
    /* The funnel is exact at every count: PHE's bisection on the Poisson
     * sum converges to these chi-square limits. */
    return stat_exact_count(observed, conf, exp_for_upper, exp_for_lower);
}

double stat_funnel_rate_denominator(double numerator, double rate, double denominator,
                                    double multiplier, int is_dsr) {
    if (is_dsr) return numerator == 0 ? NAN : numerator / rate * multiplier;
    return numerator == 0 ? denominator : multiplier * numerator / rate;
}

stat_funnel_sig stat_funnel_prop_significance(double x, double n, double average) {
    double p = x / n;
    double z999 = stat_z(0.998), z95 = stat_z(0.95);
    if (p < funnel_prop_point(z999, n, average, -1)) return FUNNEL_LOW_999;
    if (p < funnel_prop_point(z95, n, average, -1)) return FUNNEL_LOW_95;
    if (p > funnel_prop_point(z999, n, average, +1)) return FUNNEL_HIGH_999;
    if (p > funnel_prop_point(z95, n, average, +1)) return FUNNEL_HIGH_95;
    return FUNNEL_NOT_SIGNIFICANT;
}

stat_funnel_sig stat_funnel_poisson_significance(double observed, double denominator,
                                                 double benchmark) {
    double lo999, hi999, lo95, hi95;
    if (stat_poisson_count(observed, 0.998, &lo999, &hi999, NULL) != 0 ||
        stat_poisson_count(observed, 0.95, &lo95, &hi95, NULL) != 0)
        return FUNNEL_NOT_SIGNIFICANT;
    /* NAN on either side fails every comparison: not significant. */
    if (benchmark < lo999 / denominator) return FUNNEL_HIGH_999;
    if (benchmark < lo95 / denominator) return FUNNEL_HIGH_95;
    if (benchmark > hi999 / denominator) return FUNNEL_LOW_999;
    if (benchmark > hi95 / denominator) return FUNNEL_LOW_95;
    return FUNNEL_NOT_SIGNIFICANT;
}
