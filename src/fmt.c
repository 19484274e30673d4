/* fmt.c: formatting figures for every edition (see fmt.h). */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double fmt_round(double v, int decimals) {
    double p = pow(10.0, decimals);
    /* Figures are decimals held in binary: 1.005 is 1.00499999999999989...
     * Taking the scaled value to 15 significant digits first restores the
     * half a reader (or a spreadsheet) sees, which then rounds away from 0. */
    char digits[40];
    snprintf(digits, sizeof digits, "%.15g", fabs(v) * p);
    double r = round(strtod(digits, NULL)) / p;
    return v < 0 ? -r : r;
}

void fmt_number(double v, int decimals, char *buf, size_t cap) {
    if (isnan(v)) {
        snprintf(buf, cap, "%s", "");
        return;
    }
    double r = fmt_round(v, decimals);
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(r));
    /* Group the integer part in threes. */
    const char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    char out[96];
    size_t o = 0;
    if (r < 0 && r != 0) out[o++] = '-';
    for (size_t i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0) out[o++] = ',';
        out[o++] = raw[i];
    }
    if (dot) {
        size_t rest = strlen(dot);
        memcpy(out + o, dot, rest);
        o += rest;
    }
    out[o] = '\0';
    snprintf(buf, cap, "%s", out);
}

void fmt_chart_value(double v, int decimals, const char *suffix, char *buf, size_t cap) {
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    if (fabs(v) < 0.5 * pow(10.0, -decimals)) v = 0;
    char num[96];
    fmt_number(fabs(v), decimals, num, sizeof num);
    snprintf(buf, cap, "%s%s%s", v < 0 ? "\xE2\x88\x92" : "", num, suffix ? suffix : "");
}

static const char *unit_suffix(const ind_def *d) {
    if (d->kind == KIND_SHARE || d->kind == KIND_MONEY_SHARE) return "%";
    if (strcmp(d->unit, "percent") == 0) return "%";
    return "";
}

void fmt_value_bare(const ind_value *v, const char *marker, char *buf, size_t cap) {
    if (v->flags & IV_SUPPRESSED) {
        snprintf(buf, cap, "%s", marker);
        return;
    }
    if (v->flags & IV_NO_DATA || isnan(v->value)) {
        snprintf(buf, cap, "–");
        return;
    }
    const ind_def *d = ind_get((ind_id)v->indicator);
    int decimals = d->decimals;
    if (v->indicator == I_SPEND_SHARE && v->group == ITEM_SPEND_TOTAL) decimals = 0;
    fmt_number(v->value, decimals, buf, cap);
}

void fmt_value(const ind_value *v, const char *marker, char *buf, size_t cap) {
    char bare[64];
    fmt_value_bare(v, marker, bare, sizeof bare);
    if (v->flags & (IV_SUPPRESSED | IV_NO_DATA) || isnan(v->value)) {
        snprintf(buf, cap, "%s", bare);
        return;
    }
    const ind_def *d = ind_get((ind_id)v->indicator);
    if (v->indicator == I_SPEND_SHARE && v->group == ITEM_SPEND_TOTAL)
        snprintf(buf, cap, "£%s", bare);
    else if (*unit_suffix(d))
        snprintf(buf, cap, "%s%s", bare, unit_suffix(d));
    else
        snprintf(buf, cap, "%s", bare);
}

void fmt_interval(const ind_value *v, const char *marker, char *buf, size_t cap) {
    (void)marker;
    if (v->flags & (IV_SUPPRESSED | IV_NO_DATA) || isnan(v->lower) || isnan(v->upper)) {
        snprintf(buf, cap, "%s", "");
        return;
    }
    const ind_def *d = ind_get((ind_id)v->indicator);
    char lo[32], hi[32];
    fmt_number(v->lower, d->decimals, lo, sizeof lo);
    fmt_number(v->upper, d->decimals, hi, sizeof hi);
    snprintf(buf, cap, "%s to %s", lo, hi);
}

void fmt_count(double v, int suppressed, const char *marker, char *buf, size_t cap) {
    if (suppressed) {
        snprintf(buf, cap, "%s", marker);
        return;
    }
    fmt_number(v, 0, buf, cap);
}

const char *fmt_sig(int sig) {
    switch (sig) {
    case SIG_HIGHER: return "▲ Higher";
    case SIG_LOWER: return "▼ Lower";
    case SIG_SIMILAR: return "● Similar";
    default: return "○ Not compared";
    }
}

const char *fmt_change_unit(const ind_def *d) {
    if (d->kind == KIND_SHARE || d->kind == KIND_MONEY_SHARE || strcmp(d->unit, "percent") == 0)
        return " percentage points";
    if (strcmp(d->unit, "days") == 0) return " days";
    if (strcmp(d->unit, "per 100 people") == 0) return " per 100 people";
    return "";
}
