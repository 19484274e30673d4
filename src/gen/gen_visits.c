/* gen_visits.c: visits.csv, the home support roster (the largest extract).
 *
 * Days are walked in order. Each unit keeps the set of care staff employed
 * that day, so every visit names someone in post on its date. Each person
 * has two regular carers, replaced when they leave; most visits go to them
 * (continuity of care), fewer in the rural unit, where more visits are also
 * missed and travel takes longer. */
#include "gen.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Care staff employed on the current day, per unit. */
typedef struct roster {
    int **staff;   /* per unit: staff indices */
    int *n, *cap;
    int *pos;      /* per staff: index in its unit's list, -1 when absent */
} roster;

static void roster_add(roster *ro, const gen_staff *all, int s) {
    int u = all[s].unit;
    if (ro->n[u] == ro->cap[u]) {
        ro->cap[u] = ro->cap[u] ? 2 * ro->cap[u] : 16;
        ro->staff[u] = xrealloc(ro->staff[u], (size_t)ro->cap[u] * sizeof **ro->staff);
    }
    ro->pos[s] = ro->n[u];
    ro->staff[u][ro->n[u]++] = s;
}

static void roster_remove(roster *ro, const gen_staff *all, int s) {
    int u = all[s].unit, i = ro->pos[s];
    if (i < 0) return;
    int last = ro->staff[u][--ro->n[u]];
    ro->staff[u][i] = last;
    ro->pos[last] = i;
    ro->pos[s] = -1;
}

static int roster_pick(gen_rng *r, const roster *ro, int unit) {
    int n = ro->n[unit];
    return n ? ro->staff[unit][rng_below(r, (uint32_t)n)] : -1;
}

typedef struct leave_ev {
    sv_day leave; /* INT32_MAX while in post */
    int staff;
} leave_ev;

static int by_leave(const void *a, const void *b) {
    const leave_ev *x = a, *y = b;
    if (x->leave != y->leave) return x->leave < y->leave ? -1 : 1;
    return x->staff - y->staff;
}

/* Replaces carers (two regulars, three cover) who have left with someone
 * now in post, avoiding the person's other carers where possible. */
static void refresh_carers(gen_rng *r, const gen_ctx *c, const roster *ro, gen_person *p,
                           sv_day d) {
    for (int j = 0; j < 5; j++) {
        int s = p->carer[j];
        if (s >= 0 && staff_employed_on(&c->staff[s], d)) continue;
        int pick = -1;
        for (int tries = 0; tries < 4; tries++) {
            pick = roster_pick(r, ro, p->unit);
            int clash = 0;
            for (int k = 0; k < 5; k++) clash |= k != j && pick >= 0 && p->carer[k] == pick;
            if (!clash) break;
        }
        p->carer[j] = pick;
    }
}

/* Continuity differs between people: some have the same two carers almost
 * always, others see cover often (rural rounds more so). */
static float draw_continuity(gen_rng *r, double mean) {
    double v = mean + 0.12 * rng_normal(r);
    return (float)(v < 0.3 ? 0.3 : v > 0.97 ? 0.97 : v);
}

int visits_write(gen_ctx *c) {
    csvw w;
    if (csvw_open(&w, c->out, "visits.csv", &csvw_plain,
                  "visit_id,person_id,staff_id,date,planned_minutes,actual_minutes,"
                  "travel_minutes,missed,regular_carer"))
        return -1;
    gen_rng r;
    rng_seed(&r, c->seed, STREAM_VISITS);
    int ns = (int)c->n_staff;
    roster ro;
    ro.staff = xcalloc((size_t)c->n_units, sizeof *ro.staff);
    ro.n = xcalloc((size_t)c->n_units, sizeof *ro.n);
    ro.cap = xcalloc((size_t)c->n_units, sizeof *ro.cap);
    ro.pos = xmalloc((size_t)(ns ? ns : 1) * sizeof *ro.pos);
    leave_ev *leaving = xmalloc((size_t)(ns ? ns : 1) * sizeof *leaving);
    for (int s = 0; s < ns; s++) {
        ro.pos[s] = -1;
        leaving[s].leave = c->staff[s].leave == SV_NO_DATE ? INT32_MAX : c->staff[s].leave;
        leaving[s].staff = s;
    }
    qsort(leaving, (size_t)ns, sizeof *leaving, by_leave);

    int next_start = 0, next_leave = 0; /* staff are sorted by start date */
    unsigned long vid = 0;
    for (sv_day d = c->visits_start; d <= c->as_at; d++) {
        for (; next_start < ns && c->staff[next_start].start <= d; next_start++) {
            const gen_staff *s = &c->staff[next_start];
            if ((s->tier == TIER_SUPPORT || s->tier == TIER_SENIOR) && staff_employed_on(s, d))
                roster_add(&ro, c->staff, next_start);
        }
        for (; next_leave < ns && leaving[next_leave].leave < d; next_leave++)
            roster_remove(&ro, c->staff, leaving[next_leave].staff);
        int weekend = (d + 4) % 7 == 0 || (d + 4) % 7 == 6; /* 1970-01-01 was a Thursday */
        for (size_t i = 0; i < c->n_people; i++) {
            gen_person *p = &c->people[i];
            if (!person_active_on(p, d) || (weekend && p->weekdays_only)) continue;
            refresh_carers(&r, c, &ro, p, d);
            int rural = p->unit % 3 == 2;
            if (p->continuity < 0)
                p->continuity = draw_continuity(&r, c->org == ORG_BENCH ? 0.74 : rural ? 0.68 : 0.76);
            for (int k = 0; k < p->visits_per_day; k++) {
                /* Regular carer, else mostly the person's cover pool, else
                 * whoever is free. */
                int s = rng_chance(&r, p->continuity) ? p->carer[k & 1]
                        : rng_chance(&r, 0.85)        ? p->carer[2 + (int)rng_below(&r, 3)]
                                                      : roster_pick(&r, &ro, p->unit);
                int missed = rng_chance(&r, rural ? 0.022 : 0.012);
                int planned = k == 0 || p->minutes < 45 ? p->minutes : 30;
                csvw_id(&w, "V", ++vid, 8);
                csvw_raw(&w, p->id, strlen(p->id));
                if (s >= 0)
                    csvw_raw(&w, c->staff[s].id, strlen(c->staff[s].id));
                else
                    csvw_blank(&w);
                csvw_date(&w, d);
                csvw_int(&w, planned);
                if (missed) {
                    csvw_blank(&w);
                    csvw_blank(&w);
                } else {
                    int actual = rng_chance(&r, 0.12)
                                     ? planned * rng_range(&r, 60, 85) / 100
                                     : planned + (int)(4 * rng_normal(&r));
                    csvw_int(&w, actual < 5 ? 5 : actual);
                    csvw_int(&w, rural ? rng_range(&r, 10, 40) : rng_range(&r, 5, 25));
                }
                csvw_flag(&w, missed);
                csvw_flag(&w, s >= 0 && (s == p->carer[0] || s == p->carer[1]));
                csvw_end(&w);
            }
        }
    }
    for (int u = 0; u < c->n_units; u++) free(ro.staff[u]);
    free(ro.staff);
    free(ro.n);
    free(ro.cap);
    free(ro.pos);
    free(leaving);
    return csvw_close(&w);
}
