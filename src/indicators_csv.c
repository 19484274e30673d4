/* indicators_csv.c: the long-format indicators.csv beside each document.
 * One row per figure; suppressed figures have empty value, count and limit
 * cells and suppressed = yes, so nothing hidden in the PDF appears here. */
#include <math.h>
#include <string.h>

#include "indicators.h"
#include "outfile.h"

static void put_field(FILE *f, const char *s) {
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_number(FILE *f, double v) {
    if (!isnan(v)) fprintf(f, "%.10g", v);
}

static const char *scope_name(int scope) {
    static const char *const names[] = {"all ages", "18-64", "65+"};
    return names[scope % SCOPE_COUNT];
}

static void write_set(FILE *f, const ind_set *s) {
    const sv_model *m = ind_model(s);
    const char *unit_name = ind_unit(s) ? m->units[ind_unit(s)] : "Whole organisation";
    char group[96], start[11], end[11];
    for (size_t i = 0; i < ind_count(s); i++) {
        const ind_value *v = ind_at(s, i);
        const ind_def *d = ind_get((ind_id)v->indicator);
        const sv_period *p = &m->periods[v->period];
        int suppressed = v->flags & IV_SUPPRESSED;
        day_format_iso(p->start, start);
        day_format_iso(p->end, end);
        put_field(f, unit_name);
        /* The equity window is not one of the trend periods: no periods_back. */
        char back[8] = "";
        if (m->equity == 0 || v->period != m->equity) snprintf(back, sizeof back, "%d", v->period);
        fprintf(f, ",%s,%s,%s,%s,%s,%s,", p->label, start, end, back, ind_family_key(d->family), d->key);
        put_field(f, d->label);
        fprintf(f, ",%s,", ind_dim_key((ind_dim)v->dim));
        put_field(f, ind_group_label(s, (ind_dim)v->dim, v->group, v->indicator, group, sizeof group));
        fprintf(f, ",%s,", scope_name(v->scope));
        const double numbers[] = {v->num,    v->den,      v->value,      v->lower,
                                  v->upper,  v->lower998, v->upper998,   v->comparator};
        for (size_t k = 0; k < sizeof numbers / sizeof *numbers; k++) {
            if (k) fputc(',', f);
            put_number(f, numbers[k]);
        }
        fprintf(f, ",%s,%s,%s,%s,", stat_sig_name((stat_sig)v->sig95),
                stat_sig_name((stat_sig)v->sig998), suppressed ? "yes" : "no",
                v->flags & IV_ROUNDED ? "yes" : "no");
        put_field(f, d->unit);
        fputc('\n', f);
    }
}

int ind_write_csv(const ind_set *const *sets, size_t nsets, const char *path, sv_error *err) {
    sv_outfile *out = outfile_begin(path, err);
    if (!out) return -1;
    FILE *f = outfile_stream(out);
    fputs("report_unit,period,period_start,period_end,periods_back,family,indicator,"
          "indicator_label,dimension,group,age_scope,numerator,denominator,value,lower,upper,"
          "lower_998,upper_998,comparator,significance,significance_998,suppressed,rounded,unit\n",
          f);
    for (size_t i = 0; i < nsets; i++) write_set(f, sets[i]);
    if (ferror(f)) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "write failed");
        outfile_abort(out);
        return -1;
    }
    return outfile_commit(out, err);
}
