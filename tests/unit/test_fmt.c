/* test_fmt.c: how figures are written (fmt.h): rounding half away from
 * zero as NHS England publishes, thousands separators, and the suppressed
 * and no-data forms. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "fmt.h"

#define expect_round(v, d, want)                                                              \
    cr_expect_eq(fmt_round((v), (d)), (want), "fmt_round(%.17g, %d) = %.17g, want %.17g", \
                 (double)(v), (d), fmt_round((v), (d)), (double)(want))

Test(fmt, round_half_away_from_zero) {
    expect_round(0.05, 1, 0.1);
    expect_round(-0.05, 1, -0.1);
    expect_round(2.5, 0, 3);
    expect_round(-2.5, 0, -3);
    expect_round(3.5, 0, 4);   /* not banker's rounding */
    expect_round(0.5, 0, 1);
    expect_round(1.45, 1, 1.5);
    expect_round(0.15, 1, 0.2);
    expect_round(2.25, 1, 2.3);
    expect_round(12.345, 2, 12.35);
    expect_round(1234.5, 0, 1235);
    expect_round(0.04, 1, 0.0);
    expect_round(2.44, 1, 2.4);
    expect_round(7, 0, 7);
}

Test(fmt, round_decimal_halves_written_in_binary) {
    /* 1.005 is 1.00499999999999989... as a double; a reader who typed 1.005
     * (or a spreadsheet) expects 1.01. */
    expect_round(1.005, 2, 1.01);
    expect_round(2.675, 2, 2.68);
    expect_round(0.045, 2, 0.05);
    expect_round(-1.005, 2, -1.01);
    expect_round(1.0049, 2, 1.0);
    expect_round(100.0 * 201 / 400, 1, 50.3); /* 50.25 */
}

static void expect_number(double v, int d, const char *want) {
    char buf[64];
    memset(buf, '#', sizeof buf);
    fmt_number(v, d, buf, sizeof buf);
    cr_expect_str_eq(buf, want, "fmt_number(%.17g, %d) = \"%s\", want \"%s\"", v, d, buf, want);
}

Test(fmt, numbers_with_thousands_separators) {
    expect_number(0, 0, "0");
    expect_number(7, 0, "7");
    expect_number(999, 0, "999");
    expect_number(1000, 0, "1,000");
    expect_number(5266, 0, "5,266");
    expect_number(1234.5, 1, "1,234.5");
    expect_number(1234567.891, 2, "1,234,567.89");
    expect_number(-1234.5, 0, "-1,235");
    expect_number(-1000000, 0, "-1,000,000");
    expect_number(999.95, 1, "1,000.0");    /* rounding carries into a new group */
    expect_number(999999.5, 0, "1,000,000");
    expect_number(12, 2, "12.00");
    expect_number(0.05, 1, "0.1");
    expect_number(2.5, 0, "3");
    expect_number(-2.5, 0, "-3");
    expect_number(-0.04, 1, "0.0");         /* no negative zero */
    expect_number(-0.4, 0, "0");
    expect_number(NAN, 1, "");
}

Test(fmt, number_fits_the_buffer) {
    char small[4];
    fmt_number(1234, 0, small, sizeof small);
    cr_expect_str_eq(small, "1,2");
    char buf[64];
    fmt_number(1e300, 0, buf, sizeof buf); /* absurd, but no overflow */
    cr_expect(strlen(buf) < sizeof buf);
}

static ind_value value(ind_id id, double v) {
    ind_value x;
    memset(&x, 0, sizeof x);
    x.indicator = (uint16_t)id;
    x.value = v;
    x.lower = x.upper = NAN;
    x.num_cell = x.den_cell = -1;
    return x;
}

static void expect_value(const ind_value *v, const char *want, const char *want_bare) {
    char buf[64], bare[64];
    fmt_value(v, "*", buf, sizeof buf);
    fmt_value_bare(v, "*", bare, sizeof bare);
    cr_expect_str_eq(buf, want);
    cr_expect_str_eq(bare, want_bare);
}

Test(fmt, values_with_units) {
    ind_value v = value(I_ACCESS_SHARE, 12.345);
    expect_value(&v, "12.3%", "12.3");
    v = value(I_ACCESS_SHARE, 12.35);
    expect_value(&v, "12.4%", "12.4");
    v = value(I_PEOPLE, 5266);
    expect_value(&v, "5,266", "5,266");
    v = value(I_SUPERVISION_RATE, 1.005); /* two decimals */
    expect_value(&v, "1.01", "1.01");
    v = value(I_SPEND_SHARE, 12345.6);
    v.group = ITEM_SPEND_TOTAL;
    expect_value(&v, "\xc2\xa3" "12,346", "12,346");
    v = value(I_SPEND_SHARE, 40.25);
    v.group = ITEM_SPEND_SME;
    expect_value(&v, "40.3%", "40.3");
}

Test(fmt, suppressed_and_no_data) {
    ind_value v = value(I_ACCESS_SHARE, 12.3);
    v.flags = IV_SUPPRESSED;
    expect_value(&v, "*", "*");
    char buf[64];
    fmt_value(&v, "[c]", buf, sizeof buf);
    cr_expect_str_eq(buf, "[c]");
    v = value(I_ACCESS_SHARE, 12.3);
    v.flags = IV_NO_DATA;
    expect_value(&v, "\xe2\x80\x93", "\xe2\x80\x93"); /* en dash */
    v = value(I_PEOPLE, NAN);
    expect_value(&v, "\xe2\x80\x93", "\xe2\x80\x93");
    /* suppression wins over no data */
    v.flags = IV_SUPPRESSED | IV_NO_DATA;
    expect_value(&v, "*", "*");
}

Test(fmt, intervals) {
    char buf[64];
    ind_value v = value(I_ACCESS_SHARE, 11.2);
    v.lower = 10.44;
    v.upper = 12.05;
    fmt_interval(&v, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "10.4 to 12.1");
    v.lower = NAN;
    fmt_interval(&v, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "");
    v.lower = 10.44;
    v.flags = IV_SUPPRESSED;
    fmt_interval(&v, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "");
    v = value(I_PEOPLE, 5266);
    v.lower = 1234.5;
    v.upper = 6000;
    fmt_interval(&v, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "1,235 to 6,000");
}

Test(fmt, counts) {
    char buf[32];
    fmt_count(48, 0, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "48");
    fmt_count(1234, 0, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "1,234");
    fmt_count(3, 1, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "*");
    fmt_count(NAN, 0, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "");
    fmt_count(2.5, 0, "*", buf, sizeof buf); /* a rounded published count */
    cr_expect_str_eq(buf, "3");
}

Test(fmt, significance_and_change_units) {
    cr_expect_str_eq(fmt_sig(SIG_HIGHER), "\xe2\x96\xb2 Higher");
    cr_expect_str_eq(fmt_sig(SIG_LOWER), "\xe2\x96\xbc Lower");
    cr_expect_str_eq(fmt_sig(SIG_SIMILAR), "\xe2\x97\x8f Similar");
    cr_expect_str_eq(fmt_sig(SIG_NOT_COMPARED), "\xe2\x97\x8b Not compared");
    cr_expect_str_eq(fmt_change_unit(ind_get(I_ACCESS_SHARE)), " percentage points");
    cr_expect_str_eq(fmt_change_unit(ind_get(I_DAYS_TO_ASSESS)), " days");
    cr_expect_str_eq(fmt_change_unit(ind_get(I_COMPLAINTS_RATE)), " per 100 people");
    cr_expect_str_eq(fmt_change_unit(ind_get(I_PEOPLE)), "");
}
