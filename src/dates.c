/* dates.c: day numbers, date parsing and financial-year periods. */
#include "dates.h"

#include <stdio.h>
#include <string.h>

/* Days from 1970-01-01 in the proleptic Gregorian calendar, counting from a
 * March-based year so the leap day falls at the end of the year. */
sv_day day_from_ymd(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (m + 9) % 12;
    int doy = (153 * mp + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (sv_day)(era * 146097 + doe - 719468);
}

void day_to_ymd(sv_day day, int *y, int *m, int *d) {
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
    *d = dd;
}

static int days_in_month(int y, int m) {
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dim[m - 1];
}

int ymd_valid(int y, int m, int d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

/* Reads 1..maxd digits; returns digits read. */
static size_t read_num(const char *s, size_t len, size_t maxd, int *out) {
    size_t i = 0;
    int v = 0;
    while (i < len && i < maxd && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    *out = v;
    return i;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* After the date: nothing, or a time part starting with 'T' or a space. */
static int rest_ok(const char *s, size_t len) {
    if (len == 0) return 1;
    if (s[0] != 'T' && s[0] != ' ') return 0;
    for (size_t i = 1; i < len; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == ':' || s[i] == '.' ||
              s[i] == 'Z' || s[i] == '+' || s[i] == ' '))
            return 0;
    return 1;
}

date_result date_parse(const char *s, size_t len, date_format fmt, sv_day *out) {
    while (len && is_space(*s)) s++, len--;
    while (len && is_space(s[len - 1])) len--;
    if (len == 0) return DATE_BLANK;
    int y, m, d;
    size_t n, i = 0;
    int iso = len >= 5 && s[4] == '-';
    if (fmt == DATE_ISO && !iso) return DATE_MALFORMED;
    if (fmt == DATE_UK && iso) return DATE_MALFORMED;
    if (iso) {
        if ((n = read_num(s, len, 4, &y)) != 4) return DATE_MALFORMED;
        i = 5;
        if ((n = read_num(s + i, len - i, 2, &m)) != 2) return DATE_MALFORMED;
        i += n;
        if (i >= len || s[i] != '-') return DATE_MALFORMED;
        i++;
        if ((n = read_num(s + i, len - i, 2, &d)) != 2) return DATE_MALFORMED;
        i += n;
    } else {
        if ((n = read_num(s, len, 2, &d)) == 0) return DATE_MALFORMED;
        i = n;
        if (i >= len || s[i] != '/') return DATE_MALFORMED;
        i++;
        if ((n = read_num(s + i, len - i, 2, &m)) == 0) return DATE_MALFORMED;
        i += n;
        if (i >= len || s[i] != '/') return DATE_MALFORMED;
        i++;
        if ((n = read_num(s + i, len - i, 4, &y)) != 4) return DATE_MALFORMED;
        i += n;
    }
    if (!rest_ok(s + i, len - i)) return DATE_MALFORMED;
    if (!ymd_valid(y, m, d)) return DATE_IMPOSSIBLE;
    *out = day_from_ymd(y, m, d);
    return DATE_OK;
}

void day_format_iso(sv_day day, char *buf) {
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

void day_format_long(sv_day day, char *buf) {
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    snprintf(buf, 24, "%d %s %d", d % 100, month_names[(m - 1) % 12], y % 10000);
}

int age_on(sv_day birth, sv_day on) {
    int by, bm, bd, oy, om, od;
    day_to_ymd(birth, &by, &bm, &bd);
    day_to_ymd(on, &oy, &om, &od);
    int age = oy - by;
    if (om < bm || (om == bm && od < bd)) age--;
    return age;
}

sv_day day_add_months(sv_day first_of_month, int months) {
    int y, m, d;
    day_to_ymd(first_of_month, &y, &m, &d);
    int idx = y * 12 + (m - 1) + months;
    int ny = idx >= 0 ? idx / 12 : (idx - 11) / 12;
    return day_from_ymd(ny, idx - ny * 12 + 1, 1);
}

int day_month_index(sv_day day) {
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    return y * 12 + (m - 1);
}

static void label_quarter(sv_period *p) {
    int y, m, d;
    day_to_ymd(p->start, &y, &m, &d);
    int fy = m >= 4 ? y : y - 1;       /* financial year starts in April */
    int q = ((m + 8) % 12) / 3 + 1;    /* Apr->1, Jul->2, Oct->3, Jan->4 */
    snprintf(p->label, sizeof p->label, "%04u-%02u Q%d", (unsigned)fy % 10000u,
             (unsigned)(fy + 1) % 100u, q);
}

static void label_month(sv_period *p) {
    int y, m, d;
    day_to_ymd(p->start, &y, &m, &d);
    snprintf(p->label, sizeof p->label, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

static void label_dates(sv_period *p) {
    char a[11], b[11];
    day_format_iso(p->start, a);
    day_format_iso(p->end, b);
    snprintf(p->label, sizeof p->label, "%s to %s", a, b);
}

static sv_period make_months(period_kind kind, sv_day first, int nmonths) {
    sv_period p;
    memset(&p, 0, sizeof p);
    p.kind = kind;
    p.start = first;
    p.end = day_add_months(first, nmonths) - 1;
    if (kind == PERIOD_QUARTER)
        label_quarter(&p);
    else
        label_month(&p);
    return p;
}

int period_parse(const char *s, sv_period *out, const char **why) {
    int fy, fy2, q, y, m;
    char tail;
    if (sscanf(s, "%4d-%2d Q%1d%c", &fy, &fy2, &q, &tail) == 3) {
        if (fy2 != (fy + 1) % 100) {
            *why = "the second year of a financial year must follow the first, as in 2025-26";
            return -1;
        }
        if (q < 1 || q > 4) {
            *why = "the quarter must be Q1 to Q4";
            return -1;
        }
        /* Q1 starts in April of the first year. */
        *out = make_months(PERIOD_QUARTER, day_add_months(day_from_ymd(fy, 4, 1), (q - 1) * 3), 3);
        return 0;
    }
    if (strlen(s) == 7 && sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2) {
        if (m < 1 || m > 12) {
            *why = "the month must be 01 to 12";
            return -1;
        }
        *out = make_months(PERIOD_MONTH, day_from_ymd(y, m, 1), 1);
        return 0;
    }
    *why = "expected a financial-year quarter such as \"2025-26 Q2\" or a month such as \"2025-09\"";
    return -1;
}

int period_from_dates(sv_day start, sv_day end, sv_period *out, const char **why) {
    if (start == SV_NO_DATE || end == SV_NO_DATE) {
        *why = "a period needs both start and end dates";
        return -1;
    }
    if (end < start) {
        *why = "the period ends before it starts";
        return -1;
    }
    memset(out, 0, sizeof *out);
    out->kind = PERIOD_DATES;
    out->start = start;
    out->end = end;
    label_dates(out);
    return 0;
}

sv_period period_previous(const sv_period *p, int back) {
    if (p->kind == PERIOD_QUARTER)
        return make_months(PERIOD_QUARTER, day_add_months(p->start, -3 * back), 3);
    if (p->kind == PERIOD_MONTH)
        return make_months(PERIOD_MONTH, day_add_months(p->start, -back), 1);
    sv_period q = *p;
    sv_day len = p->end - p->start + 1;
    q.start -= back * len;
    q.end -= back * len;
    label_dates(&q);
    return q;
}

void period_describe(const sv_period *p, char *buf, size_t cap) {
    int y1, m1, d1, y2, m2, d2;
    day_to_ymd(p->start, &y1, &m1, &d1);
    day_to_ymd(p->end, &y2, &m2, &d2);
    if (y1 == y2)
        snprintf(buf, cap, "%d %s to %d %s %d", d1, month_names[m1 - 1], d2,
                 month_names[m2 - 1], y2);
    else
        snprintf(buf, cap, "%d %s %d to %d %s %d", d1, month_names[m1 - 1], y1, d2,
                 month_names[m2 - 1], y2);
}

sv_period period_latest_complete(period_kind kind, sv_day day) {
    int months = kind == PERIOD_QUARTER ? 3 : 1;
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    int first_month = m;
    if (kind == PERIOD_QUARTER) first_month = m - ((m + 8) % 12) % 3;
    sv_day start = day_from_ymd(y, 1, 1);
    start = day_add_months(start, first_month - 1);
    sv_period p = make_months(kind, start, months);
    if (p.end > day) p = make_months(kind, day_add_months(start, -months), months);
    return p;
}
