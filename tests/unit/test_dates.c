/* test_dates.c: day numbers, date parsing and financial-year periods
 * (data contract, "Reporting period"). Expected day numbers were worked out
 * independently (Python's datetime), not with the code under test. */
#include <criterion/criterion.h>

#include <string.h>

#include "dates.h"

/* Independent calendar for the round trip. */
static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int mdays(int y, int m) {
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dim[m - 1];
}

static sv_day ymd(int y, int m, int d) { return day_from_ymd(y, m, d); }

/* Parses s with fmt and checks the result and, when OK, the date. */
static void check_parse(const char *s, date_format fmt, date_result want, int y, int m, int d) {
    sv_day out = 12345;
    date_result got = date_parse(s, strlen(s), fmt, &out);
    cr_expect_eq(got, want, "date_parse(\"%s\", %d) = %d, want %d", s, fmt, got, want);
    if (want == DATE_OK && got == DATE_OK) {
        int gy, gm, gd;
        day_to_ymd(out, &gy, &gm, &gd);
        cr_expect(gy == y && gm == m && gd == d, "date_parse(\"%s\") = %04d-%02d-%02d, want %04d-%02d-%02d",
                  s, gy, gm, gd, y, m, d);
    }
}

#define OK(s, fmt, y, m, d) check_parse(s, fmt, DATE_OK, y, m, d)
#define BAD(s, fmt, res) check_parse(s, fmt, res, 0, 0, 0)

/* ---- day numbers ---- */

Test(dates, known_day_numbers) {
    cr_expect_eq(ymd(1970, 1, 1), 0);
    cr_expect_eq(ymd(1900, 1, 1), -25567);
    cr_expect_eq(ymd(1899, 12, 31), -25568);
    cr_expect_eq(ymd(2000, 2, 29), 11016);
    cr_expect_eq(ymd(2025, 7, 1), 20270);
    cr_expect_eq(ymd(2100, 12, 31), 47846);
}

Test(dates, round_trip_1900_to_2100) {
    sv_day expect = ymd(1900, 1, 1);
    for (int y = 1900; y <= 2100; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= mdays(y, m); d++, expect++) {
                sv_day got = ymd(y, m, d);
                cr_assert_eq(got, expect, "%04d-%02d-%02d -> %d, want %d", y, m, d, got, expect);
                int gy, gm, gd;
                day_to_ymd(got, &gy, &gm, &gd);
                cr_assert(gy == y && gm == m && gd == d, "%d -> %04d-%02d-%02d, want %04d-%02d-%02d",
                          got, gy, gm, gd, y, m, d);
                cr_assert(ymd_valid(y, m, d));
            }
    cr_expect_eq(expect, ymd(2101, 1, 1));
}

Test(dates, ymd_valid_edges) {
    cr_expect(ymd_valid(2024, 2, 29));
    cr_expect_not(ymd_valid(2025, 2, 29));
    cr_expect_not(ymd_valid(1900, 2, 29)); /* century, not a leap year */
    cr_expect(ymd_valid(2000, 2, 29));     /* 400th year is */
    cr_expect_not(ymd_valid(2025, 4, 31));
    cr_expect_not(ymd_valid(2025, 0, 1));
    cr_expect_not(ymd_valid(2025, 13, 1));
    cr_expect_not(ymd_valid(2025, 1, 0));
    cr_expect_not(ymd_valid(0, 1, 1));
}

Test(dates, formats) {
    char iso[11], longf[24];
    day_format_iso(ymd(2025, 7, 1), iso);
    cr_expect_str_eq(iso, "2025-07-01");
    day_format_iso(ymd(1900, 1, 1), iso);
    cr_expect_str_eq(iso, "1900-01-01");
    day_format_long(ymd(2025, 7, 1), longf);
    cr_expect_str_eq(longf, "1 July 2025");
    day_format_long(ymd(2025, 12, 31), longf);
    cr_expect_str_eq(longf, "31 December 2025");
    day_format_long(ymd(2024, 9, 30), longf);
    cr_expect_str_eq(longf, "30 September 2024"); /* the longest shape fits 24 */
}

Test(dates, add_months_and_month_index) {
    cr_expect_eq(day_add_months(ymd(2025, 1, 1), 1), ymd(2025, 2, 1));
    cr_expect_eq(day_add_months(ymd(2025, 1, 1), -1), ymd(2024, 12, 1));
    cr_expect_eq(day_add_months(ymd(2025, 1, 1), -13), ymd(2023, 12, 1));
    cr_expect_eq(day_add_months(ymd(2025, 11, 1), 3), ymd(2026, 2, 1));
    cr_expect_eq(day_add_months(ymd(2025, 4, 1), 24), ymd(2027, 4, 1));
    cr_expect_eq(day_month_index(ymd(2025, 7, 15)), 2025 * 12 + 6);
    cr_expect_eq(day_month_index(ymd(2025, 1, 31)), 2025 * 12);
}

/* ---- parsing ---- */

Test(dates, iso) {
    OK("2025-07-01", DATE_AUTO, 2025, 7, 1);
    OK("2025-07-01", DATE_ISO, 2025, 7, 1);
    OK("1900-01-01", DATE_ISO, 1900, 1, 1);
    OK("  2025-12-31\t", DATE_AUTO, 2025, 12, 31);
    BAD("2025-7-1", DATE_AUTO, DATE_MALFORMED); /* ISO needs two digits */
    BAD("2025-07-1", DATE_ISO, DATE_MALFORMED);
    BAD("2025/07/01", DATE_AUTO, DATE_MALFORMED);
    BAD("2025-07-01x", DATE_AUTO, DATE_MALFORMED);
    BAD("2025-07", DATE_AUTO, DATE_MALFORMED);
    BAD("2025-", DATE_AUTO, DATE_MALFORMED);
    BAD("20250701", DATE_AUTO, DATE_MALFORMED);
    BAD("2025-07-01", DATE_UK, DATE_MALFORMED);
}

Test(dates, uk_with_one_digit_day_and_month) {
    OK("01/07/2025", DATE_AUTO, 2025, 7, 1);
    OK("01/07/2025", DATE_UK, 2025, 7, 1);
    OK("1/7/2025", DATE_UK, 2025, 7, 1);
    OK("1/07/2025", DATE_AUTO, 2025, 7, 1);
    OK("31/1/2025", DATE_AUTO, 2025, 1, 31);
    OK(" 5/11/1950 ", DATE_AUTO, 1950, 11, 5);
    BAD("1/7/25", DATE_UK, DATE_MALFORMED); /* two-digit years are not guessed */
    BAD("001/07/2025", DATE_UK, DATE_MALFORMED);
    BAD("01-07-2025", DATE_AUTO, DATE_MALFORMED);
    BAD("01/07/2025", DATE_ISO, DATE_MALFORMED);
    BAD("01/07", DATE_UK, DATE_MALFORMED);
    BAD("/07/2025", DATE_UK, DATE_MALFORMED);
    BAD("01/07/20255", DATE_UK, DATE_MALFORMED);
}

Test(dates, blank_and_malformed) {
    BAD("", DATE_AUTO, DATE_BLANK);
    BAD("   ", DATE_AUTO, DATE_BLANK);
    BAD("\t", DATE_UK, DATE_BLANK);
    BAD("unknown", DATE_AUTO, DATE_MALFORMED);
    BAD("July 2025", DATE_AUTO, DATE_MALFORMED);
    BAD("-2025-07-01", DATE_AUTO, DATE_MALFORMED);
    BAD("NULL", DATE_AUTO, DATE_MALFORMED);
    /* len is honoured: the bytes after it are not read */
    sv_day out;
    cr_expect_eq(date_parse("2025-07-01junk", 10, DATE_AUTO, &out), DATE_OK);
    cr_expect_eq(out, ymd(2025, 7, 1));
}

Test(dates, impossible_dates) {
    BAD("2025-02-30", DATE_AUTO, DATE_IMPOSSIBLE);
    BAD("2025-02-29", DATE_AUTO, DATE_IMPOSSIBLE);
    BAD("29/02/2025", DATE_AUTO, DATE_IMPOSSIBLE);
    OK("2024-02-29", DATE_AUTO, 2024, 2, 29);
    OK("29/02/2024", DATE_UK, 2024, 2, 29);
    OK("2000-02-29", DATE_ISO, 2000, 2, 29);
    BAD("1900-02-29", DATE_ISO, DATE_IMPOSSIBLE);
    BAD("2025-04-31", DATE_AUTO, DATE_IMPOSSIBLE);
    BAD("31/06/2025", DATE_AUTO, DATE_IMPOSSIBLE);
    BAD("2025-13-01", DATE_AUTO, DATE_IMPOSSIBLE);
    BAD("2025-00-10", DATE_AUTO, DATE_IMPOSSIBLE);
    BAD("00/01/2025", DATE_AUTO, DATE_IMPOSSIBLE);
    BAD("0000-01-01", DATE_AUTO, DATE_IMPOSSIBLE);
}

Test(dates, excel_time_suffix) {
    OK("2025-07-01 00:00:00", DATE_AUTO, 2025, 7, 1);
    OK("2025-07-01T13:45:10Z", DATE_ISO, 2025, 7, 1);
    OK("2025-07-01T13:45:10.123+01:00", DATE_ISO, 2025, 7, 1);
    OK("01/07/2025 00:00", DATE_AUTO, 2025, 7, 1);
    OK("01/07/2025 09:30:00", DATE_UK, 2025, 7, 1);
    BAD("2025-07-01 noon", DATE_AUTO, DATE_MALFORMED);
    BAD("2025-07-01,00:00", DATE_AUTO, DATE_MALFORMED);
    BAD("2025-02-30 00:00:00", DATE_AUTO, DATE_IMPOSSIBLE);
}

/* ---- ages ---- */

Test(dates, age_on_birthdays) {
    sv_day b = ymd(1990, 6, 15);
    cr_expect_eq(age_on(b, ymd(2025, 6, 14)), 34);
    cr_expect_eq(age_on(b, ymd(2025, 6, 15)), 35);
    cr_expect_eq(age_on(b, ymd(2025, 6, 16)), 35);
    cr_expect_eq(age_on(b, ymd(2025, 12, 31)), 35);
    cr_expect_eq(age_on(b, ymd(2026, 1, 1)), 35);
    cr_expect_eq(age_on(b, b), 0);
    /* Born on 29 February: in UK law the birthday in other years is 1 March. */
    sv_day leapling = ymd(2000, 2, 29);
    cr_expect_eq(age_on(leapling, ymd(2025, 2, 28)), 24);
    cr_expect_eq(age_on(leapling, ymd(2025, 3, 1)), 25);
    cr_expect_eq(age_on(leapling, ymd(2024, 2, 28)), 23);
    cr_expect_eq(age_on(leapling, ymd(2024, 2, 29)), 24);
    cr_expect_eq(age_on(ymd(1925, 1, 1), ymd(2025, 1, 1)), 100);
}

/* ---- periods ---- */

static void check_period(const sv_period *p, period_kind kind, sv_day start, sv_day end,
                         const char *label) {
    cr_expect_eq(p->kind, kind);
    char a[11], b[11], wa[11], wb[11];
    day_format_iso(p->start, a);
    day_format_iso(p->end, b);
    day_format_iso(start, wa);
    day_format_iso(end, wb);
    cr_expect(p->start == start && p->end == end, "period %s to %s, want %s to %s", a, b, wa, wb);
    cr_expect_str_eq(p->label, label);
}

static sv_period parse_ok(const char *s) {
    sv_period p;
    const char *why = NULL;
    memset(&p, 0, sizeof p);
    cr_assert_eq(period_parse(s, &p, &why), 0, "period_parse(\"%s\"): %s", s, why ? why : "");
    return p;
}

static void parse_fails(const char *s, const char *want_why) {
    sv_period p;
    const char *why = NULL;
    cr_expect_eq(period_parse(s, &p, &why), -1, "period_parse(\"%s\") accepted", s);
    cr_expect_str_eq(why ? why : "(null)", want_why, "period_parse(\"%s\")", s);
}

Test(periods, financial_year_quarters) {
    sv_period p = parse_ok("2025-26 Q1");
    check_period(&p, PERIOD_QUARTER, ymd(2025, 4, 1), ymd(2025, 6, 30), "2025-26 Q1");
    p = parse_ok("2025-26 Q2");
    check_period(&p, PERIOD_QUARTER, ymd(2025, 7, 1), ymd(2025, 9, 30), "2025-26 Q2");
    p = parse_ok("2025-26 Q3");
    check_period(&p, PERIOD_QUARTER, ymd(2025, 10, 1), ymd(2025, 12, 31), "2025-26 Q3");
    p = parse_ok("2025-26 Q4");
    check_period(&p, PERIOD_QUARTER, ymd(2026, 1, 1), ymd(2026, 3, 31), "2025-26 Q4");
    p = parse_ok("1999-00 Q4");
    check_period(&p, PERIOD_QUARTER, ymd(2000, 1, 1), ymd(2000, 3, 31), "1999-00 Q4");
    p = parse_ok("2023-24 Q4"); /* ends on a leap-year March */
    check_period(&p, PERIOD_QUARTER, ymd(2024, 1, 1), ymd(2024, 3, 31), "2023-24 Q4");
}

Test(periods, months) {
    sv_period p = parse_ok("2025-09");
    check_period(&p, PERIOD_MONTH, ymd(2025, 9, 1), ymd(2025, 9, 30), "2025-09");
    p = parse_ok("2024-02");
    check_period(&p, PERIOD_MONTH, ymd(2024, 2, 1), ymd(2024, 2, 29), "2024-02");
    p = parse_ok("2025-02");
    check_period(&p, PERIOD_MONTH, ymd(2025, 2, 1), ymd(2025, 2, 28), "2025-02");
    p = parse_ok("2025-12");
    check_period(&p, PERIOD_MONTH, ymd(2025, 12, 1), ymd(2025, 12, 31), "2025-12");
}

Test(periods, bad_periods) {
    const char *shape =
        "expected a financial-year quarter such as \"2025-26 Q2\" or a month such as \"2025-09\"";
    parse_fails("2025-27 Q1", "the second year of a financial year must follow the first, as in 2025-26");
    parse_fails("2025-25 Q1", "the second year of a financial year must follow the first, as in 2025-26");
    parse_fails("2025-26 Q5", "the quarter must be Q1 to Q4");
    parse_fails("2025-26 Q0", "the quarter must be Q1 to Q4");
    parse_fails("2025-13", "the month must be 01 to 12");
    parse_fails("2025-00", "the month must be 01 to 12");
    parse_fails("2025-26 Q1 extra", shape);
    parse_fails("2025-26 Q12", shape);
    parse_fails("2025-9", shape);
    parse_fails("2025-09-01", shape);
    parse_fails("Q2 2025", shape);
    parse_fails("", shape);
    parse_fails("latest", shape);
}

Test(periods, from_dates) {
    sv_period p;
    const char *why = NULL;
    cr_assert_eq(period_from_dates(ymd(2025, 7, 1), ymd(2025, 7, 10), &p, &why), 0);
    check_period(&p, PERIOD_DATES, ymd(2025, 7, 1), ymd(2025, 7, 10), "2025-07-01 to 2025-07-10");
    cr_assert_eq(period_from_dates(ymd(2025, 7, 1), ymd(2025, 7, 1), &p, &why), 0);
    cr_expect_eq(period_from_dates(ymd(2025, 7, 2), ymd(2025, 7, 1), &p, &why), -1);
    cr_expect_str_eq(why, "the period ends before it starts");
    cr_expect_eq(period_from_dates(SV_NO_DATE, ymd(2025, 7, 1), &p, &why), -1);
    cr_expect_str_eq(why, "a period needs both start and end dates");
}

Test(periods, previous_across_year_boundaries) {
    sv_period q1 = parse_ok("2025-26 Q1");
    sv_period p = period_previous(&q1, 0);
    check_period(&p, PERIOD_QUARTER, ymd(2025, 4, 1), ymd(2025, 6, 30), "2025-26 Q1");
    p = period_previous(&q1, 1);
    check_period(&p, PERIOD_QUARTER, ymd(2025, 1, 1), ymd(2025, 3, 31), "2024-25 Q4");
    p = period_previous(&q1, 2);
    check_period(&p, PERIOD_QUARTER, ymd(2024, 10, 1), ymd(2024, 12, 31), "2024-25 Q3");
    p = period_previous(&q1, 4);
    check_period(&p, PERIOD_QUARTER, ymd(2024, 4, 1), ymd(2024, 6, 30), "2024-25 Q1");
    p = period_previous(&q1, 7);
    check_period(&p, PERIOD_QUARTER, ymd(2023, 7, 1), ymd(2023, 9, 30), "2023-24 Q2");

    sv_period q4 = parse_ok("2025-26 Q4");
    p = period_previous(&q4, 1);
    check_period(&p, PERIOD_QUARTER, ymd(2025, 10, 1), ymd(2025, 12, 31), "2025-26 Q3");

    sv_period jan = parse_ok("2025-01");
    p = period_previous(&jan, 1);
    check_period(&p, PERIOD_MONTH, ymd(2024, 12, 1), ymd(2024, 12, 31), "2024-12");
    p = period_previous(&jan, 11);
    check_period(&p, PERIOD_MONTH, ymd(2024, 2, 1), ymd(2024, 2, 29), "2024-02");
    p = period_previous(&jan, 13);
    check_period(&p, PERIOD_MONTH, ymd(2023, 12, 1), ymd(2023, 12, 31), "2023-12");

    sv_period d;
    const char *why;
    cr_assert_eq(period_from_dates(ymd(2025, 1, 1), ymd(2025, 1, 10), &d, &why), 0);
    p = period_previous(&d, 1);
    check_period(&p, PERIOD_DATES, ymd(2024, 12, 22), ymd(2024, 12, 31), "2024-12-22 to 2024-12-31");
}

Test(periods, latest_complete) {
    sv_period p = period_latest_complete(PERIOD_QUARTER, ymd(2025, 10, 5));
    check_period(&p, PERIOD_QUARTER, ymd(2025, 7, 1), ymd(2025, 9, 30), "2025-26 Q2");
    p = period_latest_complete(PERIOD_QUARTER, ymd(2025, 9, 30)); /* its last day completes it */
    check_period(&p, PERIOD_QUARTER, ymd(2025, 7, 1), ymd(2025, 9, 30), "2025-26 Q2");
    p = period_latest_complete(PERIOD_QUARTER, ymd(2025, 9, 29));
    check_period(&p, PERIOD_QUARTER, ymd(2025, 4, 1), ymd(2025, 6, 30), "2025-26 Q1");
    p = period_latest_complete(PERIOD_QUARTER, ymd(2025, 4, 1));
    check_period(&p, PERIOD_QUARTER, ymd(2025, 1, 1), ymd(2025, 3, 31), "2024-25 Q4");
    p = period_latest_complete(PERIOD_QUARTER, ymd(2026, 1, 15));
    check_period(&p, PERIOD_QUARTER, ymd(2025, 10, 1), ymd(2025, 12, 31), "2025-26 Q3");
    p = period_latest_complete(PERIOD_QUARTER, ymd(2026, 3, 31));
    check_period(&p, PERIOD_QUARTER, ymd(2026, 1, 1), ymd(2026, 3, 31), "2025-26 Q4");

    p = period_latest_complete(PERIOD_MONTH, ymd(2025, 10, 5));
    check_period(&p, PERIOD_MONTH, ymd(2025, 9, 1), ymd(2025, 9, 30), "2025-09");
    p = period_latest_complete(PERIOD_MONTH, ymd(2025, 10, 31));
    check_period(&p, PERIOD_MONTH, ymd(2025, 10, 1), ymd(2025, 10, 31), "2025-10");
    p = period_latest_complete(PERIOD_MONTH, ymd(2025, 1, 15));
    check_period(&p, PERIOD_MONTH, ymd(2024, 12, 1), ymd(2024, 12, 31), "2024-12");
}

Test(periods, describe) {
    char buf[64];
    sv_period p = parse_ok("2025-26 Q2");
    period_describe(&p, buf, sizeof buf);
    cr_expect_str_eq(buf, "1 July to 30 September 2025");
    p = parse_ok("2025-02");
    period_describe(&p, buf, sizeof buf);
    cr_expect_str_eq(buf, "1 February to 28 February 2025");
    const char *why;
    cr_assert_eq(period_from_dates(ymd(2025, 12, 1), ymd(2026, 1, 31), &p, &why), 0);
    period_describe(&p, buf, sizeof buf);
    cr_expect_str_eq(buf, "1 December 2025 to 31 January 2026");
    cr_expect(period_contains(&p, ymd(2025, 12, 1)));
    cr_expect(period_contains(&p, ymd(2026, 1, 31)));
    cr_expect_not(period_contains(&p, ymd(2026, 2, 1)));
    cr_expect_not(period_contains(&p, SV_NO_DATE));
}
