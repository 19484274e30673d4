/* fmt.h: how figures are written, in one place, so the PDF, the HTML and
 * the placeholders in text never disagree. Rounding is half away from zero
 * (the NHS England convention), not printf's. */
#ifndef SV_FMT_H
#define SV_FMT_H

#include <stddef.h>

#include "indicators.h"

/* 1234.5 with 1 decimal -> "1,234.5". NAN -> "". */
void fmt_number(double v, int decimals, char *buf, size_t cap);
/* A chart value, the same in every renderer: decimals clamped to 0..6,
 * grouped in threes, a true minus sign (U+2212), never "-0", then suffix
 * (may be NULL). */
void fmt_chart_value(double v, int decimals, const char *suffix, char *buf, size_t cap);
/* The value of v as a reader sees it: "12.3%", "5,266", "2.4 days",
 * the marker when suppressed, "–" when there is no data. */
void fmt_value(const ind_value *v, const char *marker, char *buf, size_t cap);
/* The bare number of v (no unit): "12.3", or marker / "–". */
void fmt_value_bare(const ind_value *v, const char *marker, char *buf, size_t cap);
/* "10.4 to 12.1" for the 95% interval, "" when none. */
void fmt_interval(const ind_value *v, const char *marker, char *buf, size_t cap);
/* A count cell (numerator or denominator) as shown: "48", marker, "". */
void fmt_count(double v, int suppressed, const char *marker, char *buf, size_t cap);
/* "▲ Higher", "▼ Lower", "● Similar", "○ Not compared". */
const char *fmt_sig(int sig);
/* The unit phrase used after a change: "percentage points", "days", "". */
const char *fmt_change_unit(const ind_def *d);
/* Rounds half away from zero at `decimals`. */
double fmt_round(double v, int decimals);

#endif
