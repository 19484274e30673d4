/* dates.h: calendar dates as day numbers, and reporting periods.
 *
 * A day number counts days since 1970-01-01 (proleptic Gregorian), so the
 * difference of two dates is a subtraction. SV_NO_DATE marks a blank/unknown
 * date. Periods follow the UK financial year (data contract, "Reporting
 * period"). */
#ifndef SV_DATES_H
#define SV_DATES_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t sv_day;
#define SV_NO_DATE INT32_MIN

typedef enum date_format {
    DATE_AUTO = 0, /* ISO or UK, detected per value */
    DATE_ISO,      /* YYYY-MM-DD */
    DATE_UK        /* DD/MM/YYYY */
} date_format;

typedef enum date_result {
    DATE_OK = 0,
    DATE_BLANK,      /* empty or whitespace: unknown */
    DATE_MALFORMED,  /* not a date in the expected shape */
    DATE_IMPOSSIBLE  /* right shape, no such day (2025-02-30) */
} date_result;

sv_day day_from_ymd(int y, int m, int d);  /* no validation */
void day_to_ymd(sv_day day, int *y, int *m, int *d);
int ymd_valid(int y, int m, int d);
/* Parses s[0..len); surrounding spaces allowed; a time part after the date
 * (as Excel writes "2025-07-01 00:00:00") is ignored. */
date_result date_parse(const char *s, size_t len, date_format fmt, sv_day *out);
/* "2025-07-01"; buf needs 11 bytes. */
void day_format_iso(sv_day day, char *buf);
/* "1 July 2025"; buf needs 24 bytes. */
void day_format_long(sv_day day, char *buf);
/* Whole years between birth and on (age on that day). */
int age_on(sv_day birth, sv_day on);
/* Adds months to the first day of a month (day must be a 1st). */
sv_day day_add_months(sv_day first_of_month, int months);
/* Month index: year*12 + (month-1). */
int day_month_index(sv_day day);

typedef enum period_kind { PERIOD_QUARTER, PERIOD_MONTH, PERIOD_DATES } period_kind;

typedef struct sv_period {
    period_kind kind;
    sv_day start;     /* first day, inclusive */
    sv_day end;       /* last day, inclusive */
    char label[40];   /* "2025-26 Q2", "2025-09", "2025-07-01 to 2025-09-30" */
} sv_period;

/* Parses "2025-26 Q2", "2025-09", or fills from explicit dates when s is
 * NULL. Returns 0, or -1 with a static message in *why. */
int period_parse(const char *s, sv_period *out, const char **why);
int period_from_dates(sv_day start, sv_day end, sv_period *out, const char **why);
/* The period `back` periods before p (same kind and length); back >= 0. */
sv_period period_previous(const sv_period *p, int back);
/* Long description: "1 July to 30 September 2025". buf needs 64 bytes. */
void period_describe(const sv_period *p, char *buf, size_t cap);
/* The last complete period of a kind whose end is on or before `day`. */
sv_period period_latest_complete(period_kind kind, sv_day day);
static inline int period_contains(const sv_period *p, sv_day d) {
    return d != SV_NO_DATE && d >= p->start && d <= p->end;
}

#endif
