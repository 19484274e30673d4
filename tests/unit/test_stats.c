/* test_stats.c: the statistics module and `svreport stats`, edge cases first.
 *
 * Expected values are either figures from tests/reference/phe (PHE
 * fixtures, cited by case_id) or worked by hand from the formulas in
 * shared/reference/phe-methods.md with z95 = 1.959963984540054 and
 * z99.8 = 3.090232306167813 typed in, not taken from the code under test. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stats.h"
#include "stats_cli.h"
#include "testutil.h"

#define expect_near(got, want, rel)                                                    \
    cr_expect(tu_near((got), (want), (rel)), "%s = %.17g, want %.17g", #got, (double)(got), \
              (double)(want))
#define expect_nan(got) cr_expect(isnan(got), "%s = %.17g, want NAN", #got, (double)(got))

/* ---- confidence and z ---- */

Test(stats_confidence, fractions_and_percentages) {
    cr_expect_eq(stat_confidence(0.95), 0.95);
    cr_expect_eq(stat_confidence(95), 0.95);
    expect_near(stat_confidence(99.8), 0.998, 1e-15);
    cr_expect_eq(stat_confidence(0.998), 0.998);
    cr_expect_eq(stat_confidence(0.9), 0.9);
    cr_expect_eq(stat_confidence(90), 0.9);
    cr_expect_eq(stat_confidence(1), 1);
    cr_expect_eq(stat_confidence(100), 1);
}

Test(stats_confidence, out_of_range) {
    const double bad[] = {0.8, 50, 130, 0.89, 1.5, 89.9, 100.5, -0.95, 0};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect_eq(stat_confidence(bad[i]), -1, "confidence %g accepted", bad[i]);
    cr_expect_eq(stat_confidence(NAN), -1);
}

Test(stats_confidence, z_is_built_from_c_plus_half_the_tail) {
    /* GSL's AS241 quantile is within a few ulps of R's qnorm(0.975). */
    expect_near(stat_z(0.95), TU_Z95, 1e-15);
    expect_near(stat_z(0.998), TU_Z998, 1e-15);
    cr_expect_eq(stat_z(95), stat_z(0.95));
    cr_expect_eq(stat_z(99.8), stat_z(0.998));
    expect_nan(stat_z(0.8));
    expect_nan(stat_z(50));
}

/* ---- proportions ---- */

Test(stats_proportion, reference_rows) {
    stat_ci ci;
    cr_assert_eq(stat_proportion(1, 100, 0.95, 1, &ci), 0);
    expect_near(ci.value, 0.01, 1e-15);
    expect_near(ci.lower, 0.0017674320641406511, 1e-12);  /* prop_001 */
    expect_near(ci.upper, 0.054486196178705294, 1e-12);
    cr_assert_eq(stat_proportion(9856, 12345, 99.8, 100, &ci), 0);
    expect_near(ci.value, 79.83799108950991, 1e-12);      /* prop_026 */
    expect_near(ci.lower, 78.69924108419063, 1e-12);
    expect_near(ci.upper, 80.93061412589626, 1e-12);
    cr_assert_eq(stat_proportion(0.445, 1, 0.998, 1, &ci), 0);
    expect_near(ci.lower, 0.019347006132900975, 1e-12);   /* prop_052: x not whole */
    expect_near(ci.upper, 0.9702259947019541, 1e-12);
}

Test(stats_proportion, x_zero_has_lower_exactly_zero) {
    stat_ci ci;
    cr_assert_eq(stat_proportion(0, 50, 0.95, 1, &ci), 0);
    cr_expect_eq(ci.value, 0);
    cr_expect_eq(ci.lower, 0.0);
    expect_near(ci.upper, TU_Z95 * TU_Z95 / (50 + TU_Z95 * TU_Z95), 1e-13);
    cr_assert_eq(stat_proportion(0, 50, 0.998, 100, &ci), 0);
    cr_expect_eq(ci.lower, 0.0);
    expect_near(ci.upper, 100 * TU_Z998 * TU_Z998 / (50 + TU_Z998 * TU_Z998), 1e-13);
}

Test(stats_proportion, x_equal_to_n) {
    stat_ci ci;
    cr_assert_eq(stat_proportion(40, 40, 0.95, 1, &ci), 0);
    cr_expect_eq(ci.value, 1);
    cr_expect_eq(ci.upper, 1, "never above 1");
    expect_near(ci.lower, 40 / (40 + TU_Z95 * TU_Z95), 1e-13);
}

Test(stats_proportion, bad_inputs_are_errors) {
    stat_ci ci;
    cr_expect_eq(stat_proportion(0, 0, 0.95, 1, &ci), -1, "n = 0 is an error, not NA");
    expect_nan(ci.value);
    expect_nan(ci.lower);
    cr_expect_eq(stat_proportion(1, -5, 0.95, 1, &ci), -1);
    cr_expect_eq(stat_proportion(6, 5, 0.95, 1, &ci), -1, "x > n");
    expect_nan(ci.upper);
    cr_expect_eq(stat_proportion(-1, 5, 0.95, 1, &ci), -1);
    cr_expect_eq(stat_proportion(1, 5, 0.8, 1, &ci), -1);
    cr_expect_eq(stat_proportion(1, 5, 50, 1, &ci), -1);
    cr_expect_eq(stat_proportion(1, 5, 130, 1, &ci), -1);
}

Test(stats_proportion, missing_values_give_na) {
    stat_ci ci;
    cr_expect_eq(stat_proportion(NAN, 100, 0.95, 1, &ci), 0);   /* prop_033 */
    expect_nan(ci.value);
    expect_nan(ci.lower);
    expect_nan(ci.upper);
    cr_expect_eq(stat_proportion(10, NAN, 0.95, 1, &ci), 0);    /* prop_035 */
    expect_nan(ci.value);
    expect_nan(ci.upper);
}

Test(stats_proportion, confidence_one_gives_zero_and_one) {
    stat_ci ci;
    cr_assert_eq(stat_proportion(3, 10, 1, 1, &ci), 0);
    cr_expect_eq(ci.lower, 0);
    cr_expect_eq(ci.upper, 1);
    cr_assert_eq(stat_proportion(3, 10, 100, 100, &ci), 0);
    cr_expect_eq(ci.lower, 0);
    cr_expect_eq(ci.upper, 100);
    expect_near(ci.value, 30, 1e-15);
}

/* ---- counts and rates ---- */

Test(stats_rate, exact_below_ten_byars_from_ten) {
    stat_ci ci;
    stat_method m;
    cr_assert_eq(stat_rate(1, 100, 0.95, 100, &ci, &m), 0);      /* rate_001 */
    cr_expect_eq(m, METHOD_EXACT);
    expect_near(ci.lower, 0.025317807984289897, 1e-12);
    expect_near(ci.upper, 5.571643390938898, 1e-12);
    cr_assert_eq(stat_rate(20, 100, 0.95, 100, &ci, &m), 0);     /* rate_005 */
    cr_expect_eq(m, METHOD_BYARS);
    expect_near(ci.lower, 12.211428834875937, 1e-12);
    expect_near(ci.upper, 30.889880369197066, 1e-12);
    stat_rate(9.5, 100, 0.95, 100, &ci, &m);
    cr_expect_eq(m, METHOD_EXACT, "the switch tests x itself: 9.5 is exact");
    stat_rate(10, 100, 0.95, 100, &ci, &m);
    cr_expect_eq(m, METHOD_BYARS);
    cr_expect_str_eq(stat_method_name(METHOD_EXACT), "Exact");
    cr_expect_str_eq(stat_method_name(METHOD_BYARS), "Byars");
}

Test(stats_rate, x_zero) {
    stat_ci ci;
    stat_method m;
    cr_assert_eq(stat_rate(0, 1000, 0.95, 100000, &ci, &m), 0);
    cr_expect_eq(m, METHOD_EXACT);
    cr_expect_eq(ci.value, 0);
    cr_expect_eq(ci.lower, 0);
    expect_near(ci.upper, 3.6888794541139354 / 1000 * 100000, 1e-12);
}

Test(stats_rate, x_above_n_is_allowed) {
    stat_ci ci;
    cr_assert_eq(stat_rate(250, 220, 0.95, 100000, &ci, NULL), 0);  /* rate_039 */
    expect_near(ci.value, 113636.36363636365, 1e-12);
    expect_near(ci.lower, 99984.94738532876, 1e-12);
    expect_near(ci.upper, 128631.14487455782, 1e-12);
}

Test(stats_rate, errors_and_missing) {
    stat_ci ci;
    stat_method m;
    cr_expect_eq(stat_rate(5, 0, 0.95, 100, &ci, &m), -1);
    cr_expect_eq(stat_rate(-1, 10, 0.95, 100, &ci, &m), -1);
    cr_expect_eq(stat_rate(5, 10, 0.8, 100, &ci, &m), -1);
    cr_assert_eq(stat_rate(10, NAN, 0.95, 100000, &ci, &m), 0);  /* rate_035 */
    cr_expect_eq(m, METHOD_BYARS, "method follows x even when n is missing");
    expect_nan(ci.value);
    expect_nan(ci.lower);
    cr_assert_eq(stat_rate(NAN, 100, 0.95, 100000, &ci, &m), 0);  /* rate_033 */
    cr_expect_eq(m, METHOD_NONE);
    expect_nan(ci.upper);
}

Test(stats_counts, byars_and_exact) {
    double lo, hi;
    stat_method m;
    cr_assert_eq(stat_byars_count(1, 0.998, &lo, &hi), 0);   /* byars_007 */
    expect_nan(lo);
    expect_near(hi, 9.362180217908362, 1e-12);
    cr_assert_eq(stat_byars_count(20, 0.95, &lo, &hi), 0);
    expect_near(lo, 12.211428834875935, 1e-13);
    expect_near(hi, 30.889880369197058, 1e-13);
    cr_assert_eq(stat_exact_count(0, 0.95, &lo, &hi), 0);
    cr_expect_eq(lo, 0);
    expect_near(hi, 3.6888794541139354, 1e-13);
    cr_expect_eq(stat_exact_count(-2, 0.95, &lo, &hi), -1);
    cr_expect_eq(stat_byars_count(3, 130, &lo, &hi), -1);
    cr_assert_eq(stat_poisson_count(5, 0.95, &lo, &hi, &m), 0);   /* rate_003 x 1 */
    cr_expect_eq(m, METHOD_EXACT);
    expect_near(lo, 1.62348639011842, 1e-12);
    expect_near(hi, 11.668332079322669, 1e-12);
}

/* ---- means ---- */

Test(stats_mean, reference_area1) {
    const double v[] = {33.09375, 48.38596, 64.83495, 67.98475,
                        22.93556, 71.23587, 38.78465, 82.37927};
    stat_ci ci;
    double sum, sd;
    stat_describe(v, 8, &sum, &sd);
    expect_near(sum, 429.6347600000001, 1e-13);                /* mean_001 */
    expect_near(sd, 20.97557525770931, 1e-12);
    cr_assert_eq(stat_mean(v, 8, 0.95, &ci), 0);
    expect_near(ci.value, 53.70434500000001, 1e-13);
    expect_near(ci.lower, 36.168325241336504, 1e-12);
    expect_near(ci.upper, 71.24036475866352, 1e-12);
    cr_assert_eq(stat_mean_summary(429.6347600000001, 8, 20.97557525770931, 99.8, &ci), 0);
    expect_near(ci.lower, 18.216705294788838, 1e-12);         /* mean_002 */
    expect_near(ci.upper, 89.19198470521118, 1e-12);
}

Test(stats_mean, two_values_by_hand) {
    /* k = 2: s = sqrt(8), t(0.975, 1) = tan(0.475 pi), so the half-width is
     * t * s / sqrt(2) = 2 t. */
    const double v[] = {10, 14};
    stat_ci ci;
    cr_assert_eq(stat_mean(v, 2, 0.95, &ci), 0);
    cr_expect_eq(ci.value, 12);
    expect_near(ci.lower, 12 - 2 * 12.706204736174696, 1e-12);
    expect_near(ci.upper, 12 + 2 * 12.706204736174696, 1e-12);
}

Test(stats_mean, small_and_degenerate_groups) {
    const double one[] = {7.5}, same[] = {3, 3, 3, 3}, gap[] = {1, NAN, 3};
    stat_ci ci;
    cr_assert_eq(stat_mean(one, 1, 0.95, &ci), 0);
    cr_expect_eq(ci.value, 7.5);
    expect_nan(ci.lower);
    expect_nan(ci.upper);
    cr_assert_eq(stat_mean(same, 4, 0.95, &ci), 0);
    cr_expect_eq(ci.lower, 3);
    cr_expect_eq(ci.upper, 3);
    cr_assert_eq(stat_mean(gap, 3, 0.95, &ci), 0, "an NA makes the mean NA, not an error");
    expect_nan(ci.value);
    cr_assert_eq(stat_mean(NULL, 0, 0.95, &ci), 0, "a group with no members");
    expect_nan(ci.value);
    expect_nan(ci.lower);
    cr_expect_eq(stat_mean(same, 4, 50, &ci), -1);
}

/* ---- medians ---- */

Test(stats_median, value_with_ties_and_even_counts) {
    double odd[] = {2, 3, 2, 1, 2}, even[] = {5, 1, 3, 2};
    stat_ci ci;
    cr_assert_eq(stat_median(odd, 5, 0.9, &ci), 0);
    cr_expect_eq(ci.value, 2);
    /* 0.5^5 = 0.03125 <= 0.05: the 90% interval is [x(1), x(5)]. */
    cr_expect_eq(ci.lower, 1);
    cr_expect_eq(ci.upper, 3);
    cr_assert_eq(stat_median(even, 4, 0.95, &ci), 0);
    cr_expect_eq(ci.value, 2.5);
}

Test(stats_median, tiny_k_has_no_interval) {
    double five[] = {1, 2, 3, 4, 5}, six[] = {6, 1, 5, 2, 4, 3};
    stat_ci ci;
    /* At 95%, 0.5^5 = 0.03125 > 0.025: no order statistics reach it. */
    cr_assert_eq(stat_median(five, 5, 0.95, &ci), 0);
    cr_expect_eq(ci.value, 3);
    expect_nan(ci.lower);
    expect_nan(ci.upper);
    /* 0.5^6 = 0.015625 <= 0.025: [x(1), x(6)], coverage 96.9%. */
    cr_assert_eq(stat_median(six, 6, 0.95, &ci), 0);
    cr_expect_eq(ci.lower, 1);
    cr_expect_eq(ci.upper, 6);
    cr_assert_eq(stat_median(six, 6, 0.998, &ci), 0);
    expect_nan(ci.lower);
}

Test(stats_median, twenty_values_use_ranks_6_and_15) {
    /* Binomial(20, 1/2): P(B <= 5) = 0.0207, P(B <= 6) = 0.0577, so r = 6
     * (the published table value for n = 20 at 95%). Ties straddle it. */
    double v[20];
    for (int i = 0; i < 20; i++) v[i] = 100 - i;  /* 81..100, reversed */
    v[0] = 86;                                    /* now 86 appears twice */
    stat_ci ci;
    cr_assert_eq(stat_median(v, 20, 0.95, &ci), 0);
    cr_expect_eq(ci.lower, 86);  /* sorted: 81..85, 86, 86, 87, ..., 99 */
    cr_expect_eq(ci.upper, 94);
    cr_expect_eq(ci.value, 89.5);
}

Test(stats_median, empty_missing_and_bad_confidence) {
    double v[] = {1, NAN, 2};
    stat_ci ci;
    cr_expect_eq(stat_median(NULL, 0, 0.95, &ci), 0);
    expect_nan(ci.value);
    cr_expect_eq(stat_median(v, 3, 0.95, &ci), 0);
    expect_nan(ci.value);
    cr_expect_eq(stat_median(v, 3, 0.8, &ci), -1);
    cr_expect_str_eq(stat_method_name(METHOD_ORDER_STAT), "Order statistics");
}

/* ---- directly standardised rates ---- */

static const stat_dsr_band exact10[] = {
    {1, 1000, 5000}, {2, 2000, 10000}, {3, 3000, 20000}, {4, 4000, 15000}};

Test(stats_dsr, total_of_exactly_ten_is_computed) {
    stat_ci ci;
    cr_assert_eq(stat_dsr(exact10, 4, 0.95, 100000, &ci), 0);  /* recomp_exact10 */
    expect_near(ci.value, 100, 1e-13);
    expect_near(ci.lower, 46.37571945530496, 1e-12);
    expect_near(ci.upper, 186.32740655290087, 1e-12);
    cr_assert_eq(stat_dsr(exact10, 4, 0.998, 100000, &ci), 0);
    expect_near(ci.lower, 27.126392169835157, 1e-12);
    expect_near(ci.upper, 246.01841228277485, 1e-12);
}

Test(stats_dsr, total_below_ten_is_suppressed) {
    const stat_dsr_band nine[] = {
        {2, 1000, 5000}, {3, 2000, 10000}, {4, 3000, 20000}, {0, 4000, 15000}};
    stat_ci ci;
    cr_assert_eq(stat_dsr(nine, 4, 0.95, 100000, &ci), 0);  /* recomp_nine */
    expect_nan(ci.value);
    expect_nan(ci.lower);
    expect_nan(ci.upper);
    cr_assert_eq(stat_dsr(NULL, 0, 0.95, 100000, &ci), 0, "no bands: count 0");
    expect_nan(ci.value);
}

Test(stats_dsr, zero_bands_and_missing_counts) {
    const stat_dsr_band zero_band[] = {
        {0, 1000, 5000}, {NAN, 2000, 10000}, {50, 3000, 20000}, {25, 4000, 15000}};
    const stat_dsr_band w_zero[] = {
        {10, 1000, 0}, {20, 2000, 10000}, {30, 3000, 20000}, {40, 4000, 15000}};
    stat_ci ci;
    cr_assert_eq(stat_dsr(zero_band, 4, 0.95, 100000, &ci), 0);  /* NA x counts as 0 */
    expect_near(ci.value, 854.16666666666663, 1e-13);
    expect_near(ci.lower, 666.59109472982595, 1e-12);
    expect_near(ci.upper, 1076.9425191555222, 1e-12);
    cr_assert_eq(stat_dsr(w_zero, 4, 0.95, 100000, &ci), 0);     /* recomp_stdpop_zero */
    expect_near(ci.value, 1000, 1e-13);
    expect_near(ci.lower, 797.27251295669021, 1e-12);
    expect_near(ci.upper, 1235.2506841979268, 1e-12);
}

Test(stats_dsr, errors) {
    stat_dsr_band b[] = {{5, 100, 10}, {6, 100, 10}};
    stat_ci ci;
    cr_expect_eq(stat_dsr(b, 2, 0.95, 0, &ci), -1, "multiplier must be > 0");
    cr_expect_eq(stat_dsr(b, 2, 0.8, 100000, &ci), -1);
    b[1].n = 0;
    cr_expect_eq(stat_dsr(b, 2, 0.95, 100000, &ci), -1, "n = 0");
    b[1].n = NAN;
    cr_expect_eq(stat_dsr(b, 2, 0.95, 100000, &ci), -1, "n missing");
    b[1].n = 100;
    b[1].stdpop = -1;
    cr_expect_eq(stat_dsr(b, 2, 0.95, 100000, &ci), -1);
    b[1].stdpop = 10;
    b[1].x = -1;
    cr_expect_eq(stat_dsr(b, 2, 0.95, 100000, &ci), -1);
    expect_nan(ci.value);
}

Test(stats_dsr, non_independent_events) {
    /* Band A: 6 people with 1 event, 2 with 2; band B: 4 with 1, 1 with 3.
     * Events 10 and 7, O = 17, DSR = (10*60 + 7*20) / 100000 per unit;
     * variance 1^2*(6*60^2 + 4*20^2)/W^2 + 2^2*(2*60^2)/W^2 + 3^2*20^2/W^2. */
    const stat_dsr_band bands[] = {{NAN, 1000, 60000}, {NAN, 2000, 40000}};
    const stat_dsr_freq f[] = {{0, 1, 6}, {0, 2, 2}, {1, 1, 4}, {1, 3, 1}, {1, 2, NAN}};
    stat_ci ci;
    cr_assert_eq(stat_dsr_nonindependent(bands, 2, f, 5, 0.95, 100000, &ci), 0);
    expect_near(ci.value, 740, 1e-13);
    expect_near(ci.lower, 333.81341388001613, 1e-12);
    expect_near(ci.upper, 1324.4784188337512, 1e-12);
    /* The same events taken as independent give narrower limits. */
    const stat_dsr_band indep[] = {{10, 1000, 60000}, {7, 2000, 40000}};
    cr_assert_eq(stat_dsr(indep, 2, 0.95, 100000, &ci), 0);
    expect_near(ci.lower, 400.68423010576754, 1e-12);
    expect_near(ci.upper, 1228.2552783625285, 1e-12);
    const stat_dsr_freq bad[] = {{2, 1, 6}};
    cr_expect_eq(stat_dsr_nonindependent(bands, 2, bad, 1, 0.95, 100000, &ci), -1);
}

/* ---- indirectly standardised ratios ---- */

Test(stats_isr, totals_and_missing_values) {
    const stat_isr_band b[] = {{3, 100, 10, 1000}, {NAN, 200, 30, 1000},
                               {2, 0, 50, 500},   {4, NAN, NAN, 400}};
    double o, e;
    cr_assert_eq(stat_isr_totals(b, 4, &o, &e), 0);
    cr_expect_eq(o, 9);              /* NA x ignored */
    expect_near(e, 1 + 6, 1e-15);    /* n = 0 adds 0; NA n or x_ref adds 0 */
    const stat_isr_band neg[] = {{3, -1, 10, 1000}};
    cr_expect_eq(stat_isr_totals(neg, 1, &o, &e), -1);
    expect_nan(o);
}

Test(stats_isr, exact_and_byars_ratios) {
    /* O = 5, E = 2.5: exact limits of 5 (rate_003) over E. */
    const stat_isr_band small[] = {{5, 250, 10, 1000}};
    stat_ci ci;
    stat_method m;
    cr_assert_eq(stat_isratio(small, 1, 0.95, 100, &ci, &m), 0);
    cr_expect_eq(m, METHOD_EXACT);
    expect_near(ci.value, 200, 1e-14);
    expect_near(ci.lower, 1.62348639011842 / 2.5 * 100, 1e-12);
    expect_near(ci.upper, 11.668332079322669 / 2.5 * 100, 1e-12);
    /* O = 20, E = 10: Byar's. */
    const stat_isr_band big[] = {{20, 1000, 10, 1000}};
    cr_assert_eq(stat_isratio(big, 1, 0.95, 1, &ci, &m), 0);
    cr_expect_eq(m, METHOD_BYARS);
    expect_near(ci.lower, 12.211428834875935 / 10, 1e-13);
    /* ISRate: the same ratio times the reference rate 10/1000 * 1000. */
    cr_assert_eq(stat_israte(big, 1, 0.95, 1000, &ci, &m), 0);
    expect_near(ci.value, 20, 1e-14);
    expect_near(ci.upper, 30.889880369197058, 1e-13);
}

Test(stats_isr, group_with_no_members) {
    stat_ci ci;
    stat_method m;
    cr_assert_eq(stat_isratio(NULL, 0, 0.95, 1, &ci, &m), 0);
    expect_nan(ci.value);
    expect_nan(ci.lower);
    cr_expect_eq(stat_isratio(NULL, 0, 0.8, 1, &ci, &m), -1);
}

/* ---- SII ---- */

/* Five equal quantiles (a = 0.2, b = 0.1 .. 0.9) with y = 2 + 4b, se 0.1:
 * beta = 4, alpha = 2, slope weights 2.5(b - 0.5), so var(beta) = 2.5 se^2;
 * alpha weights 0.2 - 0.5 w give var(alpha) = 0.825 se^2 and cov = -1.25 se^2,
 * so var(RII) = (2.5 + 4 * 1.25 + 4 * 0.825) / 4 se^2 = 2.7 se^2. */
static void linear_quantiles(stat_sii_quantile *q, int log_scale) {
    const int order[5] = {3, 0, 4, 1, 2};  /* given out of order on purpose */
    for (int i = 0; i < 5; i++) {
        int k = order[i];
        double b = 0.1 + 0.2 * k, y = 2 + 4 * b;
        q[i] = (stat_sii_quantile){k + 1, 1000, log_scale ? exp(y) : y, 0.1, NAN, NAN};
        if (log_scale) {
            /* 95% limits whose log width gives se 0.1 on the log scale. */
            q[i].se = NAN;
            q[i].lower_cl = exp(y - TU_Z95 * 0.1);
            q[i].upper_cl = exp(y + TU_Z95 * 0.1);
        }
    }
}

Test(stats_sii, straight_line_by_hand) {
    stat_sii_quantile q[5];
    stat_sii_result r;
    linear_quantiles(q, 0);
    cr_assert_eq(stat_sii(q, 5, 0, 0, 1, 0.95, &r), 0);
    expect_near(r.sii, 4, 1e-13);
    expect_near(r.rii, 3, 1e-13);
    expect_near(r.intercept, 2, 1e-13);
    expect_near(r.sii_lower, 3.6901024838477192, 1e-12);
    expect_near(r.sii_upper, 4.3098975161522812, 1e-12);
    expect_near(r.rii_lower, 2.6779450541309116, 1e-12);
    expect_near(r.rii_upper, 3.3220549458690884, 1e-12);
    /* A negative multiplier flips the SII, its limits and the RII. */
    cr_assert_eq(stat_sii(q, 5, 0, 0, -1, 0.95, &r), 0);
    expect_near(r.sii, -4, 1e-13);
    expect_near(r.sii_lower, -4.3098975161522812, 1e-12);
    expect_near(r.sii_upper, -3.6901024838477192, 1e-12);
    expect_near(r.rii, 1.0 / 3, 1e-13);
    expect_near(r.rii_lower, 1 / 3.3220549458690884, 1e-12);
    expect_near(r.intercept, 2, 1e-13);
}

Test(stats_sii, log_transform_by_hand) {
    stat_sii_quantile q[5];
    stat_sii_result r;
    linear_quantiles(q, 1);
    cr_assert_eq(stat_sii(q, 5, 1, 1, 1, 0.95, &r), 0);
    expect_near(r.sii, 396.03973739380444, 1e-12);   /* e^6 - e^2 */
    expect_near(r.rii, 54.598150033144236, 1e-12);   /* e^4 */
    expect_near(r.intercept, 7.3890560989306504, 1e-12);
    expect_near(r.sii_lower, 336.89279836902256, 1e-9);
    expect_near(r.sii_upper, 464.7142806452735, 1e-9);
    expect_near(r.rii_lower, 40.048951117585709, 1e-9);
    expect_near(r.rii_upper, 74.432860383521387, 1e-9);
}

Test(stats_sii, logit_transform_by_hand) {
    /* logit(y) = -2 + b; se 0.1 on the logit scale. */
    stat_sii_quantile q[5];
    stat_sii_result r;
    for (int k = 0; k < 5; k++) {
        double t = -2 + (0.1 + 0.2 * k);
        q[k] = (stat_sii_quantile){k + 1, 500, exp(t) / (1 + exp(t)), NAN,
                                   exp(t - TU_Z95 * 0.1) / (1 + exp(t - TU_Z95 * 0.1)),
                                   exp(t + TU_Z95 * 0.1) / (1 + exp(t + TU_Z95 * 0.1))};
    }
    cr_assert_eq(stat_sii(q, 5, 2, 1, 1, 0.95, &r), 0);
    expect_near(r.sii, 0.14973849934787756, 1e-12);
    expect_near(r.rii, 2.2561646711990355, 1e-12);
    expect_near(r.intercept, 0.11920292202211755, 1e-12);
    expect_near(r.sii_lower, 0.10313134777538066, 1e-9);
    expect_near(r.sii_upper, 0.19660231670698175, 1e-9);
    expect_near(r.rii_lower, 1.7557902506576177, 1e-9);
    expect_near(r.rii_upper, 2.892778596622974, 1e-9);
}

Test(stats_sii, reference_default_area1) {
    static const double pop[] = {7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534};
    static const double val[] = {75.9334590103081, 78.3442382727843, 83.8360631041654,
                                 83.6375399664931, 80.4655031529559, 81.1156759857022,
                                 81.6930835718562, 84.1900062060987, 80.5955641081472,
                                 86.2894349578624};
    static const double se[] = {1.638472426358545, 1.578192884542907, 1.5134355059640296,
                                1.7754906175801293, 1.7013390591981388, 1.56412107376755,
                                1.3681148366878566, 1.4001418005940802, 2.4328463975781616,
                                1.5665181695934678};
    stat_sii_quantile q[10];
    stat_sii_result r;
    for (int i = 0; i < 10; i++) q[i] = (stat_sii_quantile){i + 1, pop[i], val[i], se[i], NAN, NAN};
    cr_assert_eq(stat_sii(q, 10, 0, 0, 1, 0.95, &r), 0);
    expect_near(r.sii, 6.934616473668819, 1e-12);          /* siip_001 */
    expect_near(r.rii, 1.0888180804446217, 1e-12);
    expect_near(r.intercept, 78.07663078231671, 1e-12);
    expect_near(r.sii_lower, 3.127594617650817, 0.05);     /* siici_001, simulated */
    expect_near(r.sii_upper, 10.7586873680794, 0.05);
}

Test(stats_sii, few_quantiles_and_bad_input) {
    stat_sii_quantile q[5];
    stat_sii_result r;
    linear_quantiles(q, 0);
    cr_expect_eq(stat_sii(q, 4, 0, 0, 1, 0.95, &r), -1, "SII needs at least 5 quantiles");
    expect_nan(r.sii);
    cr_expect_eq(stat_sii(q, 5, 0, 1, 1, 0.95, &r), -1, "transform needs type 1 or 2");
    cr_expect_eq(stat_sii(q, 5, 3, 0, 1, 0.95, &r), -1);
    cr_expect_eq(stat_sii(q, 5, 0, 0, 1, 0.8, &r), -1);
    q[2].population = 0;
    cr_expect_eq(stat_sii(q, 5, 0, 0, 1, 0.95, &r), -1);
    linear_quantiles(q, 0);
    q[4].quantile = q[0].quantile;
    cr_expect_eq(stat_sii(q, 5, 0, 0, 1, 0.95, &r), -1, "a quantile given twice");
    linear_quantiles(q, 0);
    q[1].se = NAN;
    cr_expect_eq(stat_sii(q, 5, 0, 0, 1, 0.95, &r), 0, "missing se and limits: NA");
    expect_nan(r.sii);
    linear_quantiles(q, 0);
    q[1].value = -1;
    cr_expect_eq(stat_sii(q, 5, 1, 0, 1, 0.95, &r), -1, "a rate must be > 0");
}

Test(stats_sii, se_from_95_percent_limits) {
    stat_sii_quantile q[5];
    stat_sii_result with_se, with_cl;
    linear_quantiles(q, 0);
    cr_assert_eq(stat_sii(q, 5, 0, 0, 1, 0.99, &with_se), 0);
    for (int i = 0; i < 5; i++) {
        q[i].lower_cl = q[i].value - TU_Z95 * 0.1;
        q[i].upper_cl = q[i].value + TU_Z95 * 0.1;
        q[i].se = NAN;
    }
    cr_assert_eq(stat_sii(q, 5, 0, 0, 1, 0.99, &with_cl), 0);
    expect_near(with_cl.sii_lower, with_se.sii_lower, 1e-12);
    expect_near(with_cl.sii_upper, with_se.sii_upper, 1e-12);
}

/* ---- comparison with a benchmark ---- */

Test(stats_compare, strict_inequalities) {
    cr_expect_eq(stat_compare(10, 20, 9.99), SIG_HIGHER);
    cr_expect_eq(stat_compare(10, 20, 10), SIG_SIMILAR, "equal to the lower limit is similar");
    cr_expect_eq(stat_compare(10, 20, 20), SIG_SIMILAR, "equal to the upper limit is similar");
    cr_expect_eq(stat_compare(10, 20, 20.01), SIG_LOWER);
    cr_expect_eq(stat_compare(10, 20, 15), SIG_SIMILAR);
    cr_expect_eq(stat_compare(10, 20, NAN), SIG_NOT_COMPARED);
    cr_expect_eq(stat_compare(NAN, 20, 25), SIG_LOWER, "a missing lower limit still shows lower");
    cr_expect_eq(stat_compare(NAN, 20, 5), SIG_NOT_COMPARED);
    cr_expect_eq(stat_compare(NAN, NAN, 5), SIG_NOT_COMPARED);
    cr_expect_str_eq(stat_sig_name(SIG_SIMILAR), "similar");
    cr_expect_str_eq(stat_sig_name(SIG_HIGHER), "higher");
    cr_expect_str_eq(stat_sig_name(SIG_LOWER), "lower");
    cr_expect_str_eq(stat_sig_name(SIG_NOT_COMPARED), "not compared");
}

/* ---- funnels ---- */

Test(stats_funnel, proportion_limits) {
    double lo, hi;
    cr_assert_eq(stat_funnel_prop_limits(3, 0.806424478571495, 0.95, 100, &lo, &hi), 0);
    expect_near(lo, 35.933491, 3e-8);   /* fpl_003, 6 d.p. */
    cr_expect_eq(hi, 100, "clamped");
    cr_assert_eq(stat_funnel_prop_limits(3, 0.806424478571495, 0.998, 100, &lo, &hi), 0);
    expect_near(lo, 10.150815, 1e-7);
    /* The Wilson lower limit at the upper funnel point is the average. */
    cr_assert_eq(stat_funnel_prop_limits(1000, 0.3, 0.95, 1, &lo, &hi), 0);
    stat_ci ci;
    stat_proportion(hi * 1000, 1000, 0.95, 1, &ci);
    expect_near(ci.lower, 0.3, 1e-12);
    stat_proportion(lo * 1000, 1000, 0.95, 1, &ci);
    expect_near(ci.upper, 0.3, 1e-12);
    cr_expect_eq(stat_funnel_prop_limits(0, 0.3, 0.95, 1, &lo, &hi), -1);
    cr_expect_eq(stat_funnel_prop_limits(10, 1.3, 0.95, 1, &lo, &hi), -1);
}

Test(stats_funnel, ratio_expected_counts) {
    double lo, hi;
    cr_assert_eq(stat_funnel_ratio_expected(1, 0.95, &lo, &hi), 0);
    expect_near(lo, 5.571643390938898, 1e-12);    /* frl_001, exact */
    expect_near(hi, 0.025317807984289897, 1e-12);
    cr_assert_eq(stat_funnel_ratio_expected(0, 0.95, &lo, &hi), 0);
    cr_expect_eq(hi, 0);
}

Test(stats_funnel, significance_labels) {
    const double avg = 0.806424478571495;
    cr_expect_eq(stat_funnel_prop_significance(35078.488, 41980, avg), FUNNEL_HIGH_999);
    cr_expect_eq(stat_funnel_prop_significance(26789.238, 33012, avg), FUNNEL_HIGH_95);
    cr_expect_eq(stat_funnel_prop_significance(24803.6256, 31824, avg), FUNNEL_LOW_999);
    cr_expect_eq(stat_funnel_prop_significance(30277.5312, 37828, avg), FUNNEL_LOW_95);
    cr_expect_eq(stat_funnel_prop_significance(50050.7443, 61921, avg), FUNNEL_NOT_SIGNIFICANT);
    cr_expect_eq(stat_funnel_poisson_significance(8, 6.239860227, 1), FUNNEL_NOT_SIGNIFICANT);
    cr_expect_eq(stat_funnel_poisson_significance(151, 106.4429719, 1), FUNNEL_HIGH_999);
    cr_expect_eq(stat_funnel_poisson_significance(150, 119.5695496, 1), FUNNEL_HIGH_95);
    cr_expect_eq(stat_funnel_poisson_significance(159, 232.9329036, 1), FUNNEL_LOW_999);
    cr_expect_eq(stat_funnel_poisson_significance(101, 126.2973615, 1), FUNNEL_LOW_95);
    /* fsig_0841: no events against a crude-rate average, denominator kept. */
    cr_expect_eq(stat_funnel_poisson_significance(0, 297820, 0.006685089282681704),
                 FUNNEL_LOW_999);
    cr_expect_str_eq(stat_funnel_sig_name(FUNNEL_HIGH_999), "High (0.001)");
    cr_expect_str_eq(stat_funnel_sig_name(FUNNEL_LOW_95), "Low (0.025)");
    cr_expect_str_eq(stat_funnel_sig_name(FUNNEL_NOT_SIGNIFICANT), "Not significant");
    cr_expect_str_eq(stat_funnel_sig_name(FUNNEL_NOT_APPLICABLE),
                     "Not applicable for events less than 10 for dsrs");
}

Test(stats_funnel, equal_to_the_limit_is_not_significant) {
    double lo, hi;
    stat_byars_count(20, 0.95, &lo, &hi);
    /* The benchmark sits exactly on the 95% lower limit: strict, so "not". */
    cr_expect_eq(stat_funnel_poisson_significance(20, 1, lo), FUNNEL_NOT_SIGNIFICANT);
    cr_expect_eq(stat_funnel_poisson_significance(20, 1, nextafter(lo, 0)), FUNNEL_HIGH_95);
    cr_expect_eq(stat_funnel_poisson_significance(20, 1, hi), FUNNEL_NOT_SIGNIFICANT);
    cr_expect_eq(stat_funnel_poisson_significance(20, 1, nextafter(hi, 100)), FUNNEL_LOW_95);
    cr_expect_eq(stat_funnel_poisson_significance(20, NAN, 1), FUNNEL_NOT_SIGNIFICANT);
}

Test(stats_funnel, rate_denominators) {
    cr_expect_eq(stat_funnel_rate_denominator(50, 500, NAN, 100000, 1), 50.0 / 500 * 100000);
    expect_nan(stat_funnel_rate_denominator(0, 0, 300, 100000, 1));
    cr_expect_eq(stat_funnel_rate_denominator(50, 500, NAN, 100000, 0), 100000.0 * 50 / 500);
    cr_expect_eq(stat_funnel_rate_denominator(0, 0, 300, 100000, 0), 300);
}

/* ---- the command line ---- */

/* Writes text to a fresh temporary file; returns its path (static). */
static const char *temp_csv(const char *text) {
    static char paths[4][32];
    static int next;
    char *p = paths[next++ % 4];
    strcpy(p, "/tmp/svstatsXXXXXX");
    int fd = mkstemp(p);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return p;
}

static int run_cli(int argc, const char **argv) {
    return stats_cli_main(argc, (char **)argv);
}

/* prop_001 comes back digit for digit. */
Test(stats_cli, proportion_keeps_columns_and_quotes, .init = cr_redirect_stdout) {
    const char *in = temp_csv("area,x,n\n\"North, East\",1,100\nSouth,NA,10\n");
    const char *argv[] = {"stats", "proportion", "--confidence", "95", in};
    cr_assert_eq(run_cli(5, argv), 0);
    fflush(stdout);
    cr_assert_stdout_eq_str("area,x,n,value,lower,upper,method\n"
                            "\"North, East\",1,100,0.01,0.0017674320641406511,0.054486196178705294,Wilson\n"
                            "South,NA,10,NA,NA,NA,Wilson\n");
    unlink(in);
}

/* Runs METHOD over csv and expects exit 4 with the message want, in which
 * %s stands for the file's path. */
static void expect_row_error(const char *method, const char *csv, const char *want) {
    const char *in = temp_csv(csv);
    const char *argv[] = {"stats", method, in};
    char text[256];
    fclose(stdout);  /* rows before the bad one are not checked here */
    cr_assert_eq(run_cli(3, argv), 4);
    snprintf(text, sizeof text, want, in);
    cr_assert_stderr_eq_str(text);
    unlink(in);
}

Test(stats_cli, bad_row_names_file_line_and_column, .init = cr_redirect_stderr) {
    expect_row_error("rate", "x,n\n1,10\n2,0\n",
                     "svreport: error: %s:3:2: n must be more than 0\n");
}

Test(stats_cli, lines_count_crlf_quoted_newlines_and_bom, .init = cr_redirect_stderr) {
    /* The bad record starts on line 3 although its field ends on line 4. */
    expect_row_error("proportion", "\xEF\xBB\xBFx,n\r\n1,100\r\n\"2\n\",200\r\n",
                     "svreport: error: %s:3:1: x: expected a number, got '2\\x0a'\n");
}

Test(stats_cli, confidence_out_of_range_in_a_row, .init = cr_redirect_stderr) {
    expect_row_error("proportion", "x,n,confidence\n1,10,50\n",
                     "svreport: error: %s:2:3: confidence 50 is out of range: use 0.9 to 1, "
                     "or 90 to 100\n");
}

Test(stats_cli, usage_errors_exit_2, .init = cr_redirect_stderr) {
    const char *a1[] = {"stats"};
    const char *a2[] = {"stats", "median-ish"};
    const char *a3[] = {"stats", "dsr", "cases.csv"};
    const char *a4[] = {"stats", "rate", "--bogus"};
    cr_expect_eq(run_cli(1, a1), 2);
    cr_expect_eq(run_cli(2, a2), 2);
    cr_expect_eq(run_cli(3, a3), 2, "dsr needs --inputs");
    cr_expect_eq(run_cli(3, a4), 2);
}

Test(stats_cli, option_and_column_together_is_a_usage_error, .init = cr_redirect_stderr) {
    const char *in = temp_csv("x,n,confidence\n1,10,0.95\n");
    const char *argv[] = {"stats", "rate", "--confidence", "0.998", in};
    cr_expect_eq(run_cli(5, argv), 2);
    unlink(in);
}

Test(stats_cli, grouped_median_with_empty_group, .init = cr_redirect_stdout) {
    const char *inputs = temp_csv("case_group,x\na,3\na,1\na,2\n");
    const char *cases = temp_csv("case_group\na\nb\n");
    const char *argv[] = {"stats", "median", "--inputs", inputs, cases};
    cr_redirect_stderr();
    cr_assert_eq(run_cli(5, argv), 0);
    fflush(stdout);
    cr_assert_stdout_eq_str("case_group,value_count,value,lower,upper,method\n"
                            "a,3,2,NA,NA,Order statistics\n"
                            "b,0,NA,NA,NA,Order statistics\n");
    unlink(inputs);
    unlink(cases);
}

Test(stats_cli, missing_file_exits_5, .init = cr_redirect_stderr) {
    const char *argv[] = {"stats", "rate", "/nonexistent/rates.csv"};
    cr_expect_eq(run_cli(3, argv), 5);
}
