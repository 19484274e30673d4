/* gen_events.c: what happens to people supported: referrals.csv,
 * episodes.csv, feedback.csv, survey.csv and outcomes.csv.
 *
 * The built-in patterns a report should find (kept moderate):
 * - people needing an interpreter (or BSL) miss more appointments;
 * - the Asian group rates satisfaction lower than others;
 * - early disengagement rises with deprivation (gen_people.c);
 * - interpreter and BSL adjustments are met less often than others;
 * - a minority of complaints carry equality themes, more often for people
 *   with communication needs or from minority ethnic groups. */
#include "gen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static int group_of(const gen_person *p) { return tab_eth_codes[p->eth].group; }
static int minority(const gen_person *p) {
    int g = group_of(p);
    return g != G_WHITE && g != G_NOTSTATED;
}

/* The days a person was supported between lo and hi, as clipped episodes. */
typedef struct exposure {
    sv_day from[2], to[2];
    int n;
    long days;
} exposure;

static void exposure_of(const gen_person *p, sv_day lo, sv_day hi, exposure *x) {
    x->n = 0;
    x->days = 0;
    for (int i = 0; i < p->n_ep; i++) {
        sv_day a = p->ep[i].start > lo ? p->ep[i].start : lo;
        sv_day b = p->ep[i].end == SV_NO_DATE || p->ep[i].end > hi ? hi : p->ep[i].end;
        if (a > b) continue;
        x->from[x->n] = a;
        x->to[x->n] = b;
        x->days += b - a + 1;
        x->n++;
    }
}

static sv_day exposure_pick(gen_rng *r, const exposure *x) {
    long k = (long)rng_below(r, (uint32_t)x->days);
    for (int i = 0; i < x->n; i++) {
        long len = x->to[i] - x->from[i] + 1;
        if (k < len) return x->from[i] + (sv_day)k;
        k -= len;
    }
    return x->to[x->n - 1];
}

/* ---- referrals.csv ---- */

enum { ADJ_EASY_READ, ADJ_QUIET, ADJ_LONGER, ADJ_CONSISTENT, ADJ_INTERPRETER, ADJ_BSL,
       ADJ_OTHER, ADJ_COUNT };
static const char *const adj_names[ADJ_COUNT] = {"easy read", "quiet slot", "longer visit",
                                                 "consistent staff", "interpreter", "BSL",
                                                 "other"};
/* Interpreters and BSL are met less often: bookings fall through. */
static const double adj_met[ADJ_COUNT] = {0.9, 0.92, 0.9, 0.85, 0.65, 0.5, 0.9};

static void adjustments(gen_rng *r, const gen_person *p, char *req, char *got, size_t cap) {
    double want[ADJ_COUNT] = {
        p->comm == COMM_EASY_READ ? 0.8 : people_is_ld_or_mh(p) ? 0.2 : 0.01,
        people_needs_quiet(p) ? 0.35 : 0.02,
        people_has_memory_needs(p) ? 0.3 : p->age_group == AGE_OLD ? 0.05 : 0.02,
        people_has_memory_needs(p) || people_is_ld_or_mh(p) ? 0.25 : 0.04,
        p->interp && p->comm != COMM_BSL ? 0.9 : 0,
        p->comm == COMM_BSL ? 0.95 : 0,
        p->comm == COMM_LARGE_PRINT || p->comm == COMM_HEARING ? 0.4 : 0.02,
    };
    req[0] = got[0] = '\0';
    for (int i = 0; i < ADJ_COUNT; i++) {
        if (!rng_chance(r, want[i])) continue;
        if (req[0]) strncat(req, ";", cap - strlen(req) - 1);
        strncat(req, adj_names[i], cap - strlen(req) - 1);
        if (!rng_chance(r, adj_met[i])) continue;
        if (got[0]) strncat(got, ";", cap - strlen(got) - 1);
        strncat(got, adj_names[i], cap - strlen(got) - 1);
    }
}

static double dna_chance(const gen_person *p) {
    double q = 0.07;
    if (p->comm == COMM_BSL)
        q = 0.18;
    else if (p->interp)
        q = 0.16;
    if (people_needs_quiet(p)) q += 0.04;
    return q;
}

static const char *contact_format(gen_rng *r, const gen_person *p) {
    static const tab_choice usual[] = {{"phone", 45}, {"video", 10}, {"written", 10},
                                       {"supported meeting", 35}};
    static const tab_choice interp[] = {{"phone", 25}, {"video", 10}, {"written", 5},
                                        {"supported meeting", 60}};
    return p->interp ? TAB_CHOOSE(r, interp) : TAB_CHOOSE(r, usual);
}

typedef struct referral {
    sv_day date, contact, assessed;
    int offered, dna;
    const char *outcome;
} referral;

static void referral_row(gen_rng *r, rowstore *t, const gen_ctx *c, const gen_person *p,
                         const referral *f) {
    if (f->date < c->history_start || f->date > c->as_at) return;
    char req[128], got[128];
    adjustments(r, p, req, got, sizeof req);
    csvw *w = rows_begin(t, f->date);
    csvw_raw(w, p->id, strlen(p->id));
    csvw_date(w, f->date);
    csvw_date(w, f->contact);
    csvw_date(w, f->assessed);
    csvw_str(w, f->outcome);
    csvw_int(w, f->offered);
    csvw_int(w, f->dna);
    csvw_str(w, contact_format(r, p));
    csvw_str(w, req);
    csvw_str(w, got);
    rows_end(t);
}

/* Days from referral to assessment: log-normal around the median, plus
 * a week or so for each missed appointment. */
static int days_to_assess(gen_rng *r, double median, int dna) {
    double d = exp(log(median) + 0.55 * rng_normal(r));
    return (int)d + 1 + dna * rng_range(r, 5, 10);
}

/* A referral that ended without an assessment. */
static void failed_referral(gen_rng *r, const gen_ctx *c, const gen_person *p, sv_day day,
                            referral *f) {
    double u = rng_unit(r);
    f->date = day;
    f->assessed = SV_NO_DATE;
    f->contact = day + rng_range(r, 0, 4);
    f->dna = 0;
    if (u < 0.2 + (p->interp ? 0.2 : 0)) {
        f->offered = rng_range(r, 2, 3);
        f->dna = f->offered;
        f->outcome = "not assessed - did not attend";
    } else if (u < 0.75) {
        f->offered = rng_range(r, 0, 1);
        f->outcome = "withdrawn";
    } else {
        f->offered = 0;
        f->outcome = c->org == ORG_COUNCIL ? "signposted to community support" : "no capacity";
    }
    if (f->contact > c->as_at) f->contact = SV_NO_DATE;
}

/* An assessed referral. For a new episode (`before` given) it is dated so
 * the assessment falls 2-14 days before the episode starts; otherwise the
 * referral is on `day`. */
static void assessed_referral(gen_rng *r, const gen_ctx *c, const gen_person *p, double median,
                              sv_day day, sv_day before, const char *outcome, referral *f) {
    int dna = 0;
    while (dna < 3 && rng_chance(r, dna_chance(p))) dna++;
    int wait = days_to_assess(r, median, dna);
    f->date = before != SV_NO_DATE ? before - rng_range(r, 2, 14) - wait : day;
    f->assessed = f->date + wait;
    f->contact = f->date + rng_range(r, 0, wait < 4 ? wait : 4);
    f->offered = dna + 1;
    f->dna = dna;
    f->outcome = outcome;
    if (f->assessed > c->as_at) { /* still waiting on the extract day */
        f->assessed = SV_NO_DATE;
        f->outcome = "awaiting assessment";
        f->offered = f->dna = 0;
        if (f->contact > c->as_at) f->contact = SV_NO_DATE;
    }
}

/* Referrals still in the pipeline on the extract day. Referrals above are
 * dated back from the support they led to, so those whose support would
 * start after the extract day are missing: without them the last quarter
 * would lack its late referrals. No supported person holds them yet, so
 * person_id is blank, as in a real extract. */
static void pipeline_referrals(gen_rng *r, rowstore *t, const gen_ctx *c, double median) {
    double recent = 0, interp = 0;
    for (size_t i = 0; i < c->n_people; i++) {
        interp += c->people[i].interp;
        for (int e = 0; e < c->people[i].n_ep; e++)
            if (c->people[i].ep[e].start > c->as_at - 180 && c->people[i].ep[e].start <= c->as_at)
                recent++;
    }
    double per_day = recent / 180, interp_share = c->n_people ? interp / (double)c->n_people : 0;
    gen_person anon;
    memset(&anon, 0, sizeof anon);
    referral f;
    for (sv_day d = c->as_at - 150; d <= c->as_at; d++) {
        for (int k = rng_poisson(r, per_day); k > 0; k--) {
            anon.interp = (uint8_t)rng_chance(r, interp_share);
            assessed_referral(r, c, &anon, median, d, SV_NO_DATE, "awaiting start", &f);
            /* Support starts 2-14 days after the assessment; if that is on
             * or before the extract day the referral is already above. */
            if (f.assessed != SV_NO_DATE && f.assessed + rng_range(r, 2, 14) <= c->as_at) continue;
            referral_row(r, t, c, &anon, &f);
            if (rng_chance(r, 0.17 + (anon.interp ? 0.08 : 0))) {
                failed_referral(r, c, &anon, d - rng_range(r, 60, 200), &f);
                referral_row(r, t, c, &anon, &f);
            }
        }
    }
}

int events_write_referrals(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "referrals.csv",
                     "referral_id,person_id,referral_date,first_contact_date,assessment_date,"
                     "outcome,appointments_offered,appointments_dna,contact_format,"
                     "adjustments_requested,adjustments_provided",
                     c->seed, STREAM_REFERRALS))
        return -1;
    gen_rng *r = &ex.rng;
    rowstore *t = &ex.rows;
    int council = c->org == ORG_COUNCIL;
    double median = council ? 19 : 15;
    for (size_t i = 0; i < c->n_people; i++) {
        const gen_person *p = &c->people[i];
        referral f;
        for (int e = 0; e < p->n_ep; e++) {
            sv_day start = p->ep[e].start;
            if (rng_chance(r, 0.17 + (p->interp ? 0.08 : 0))) {
                failed_referral(r, c, p, start - rng_range(r, 60, 200), &f);
                referral_row(r, t, c, p, &f);
            }
            assessed_referral(r, c, p, median, SV_NO_DATE, start,
                              council ? "long-term support" : "support started", &f);
            referral_row(r, t, c, p, &f);
        }
        /* Reviews and changes in need while supported. */
        exposure x;
        exposure_of(p, c->history_start, c->as_at, &x);
        int n = x.days ? rng_poisson(r, 0.3 * (double)x.days / 365.25) : 0;
        for (int k = 0; k < n; k++) {
            sv_day day = exposure_pick(r, &x);
            if (rng_chance(r, 0.82))
                assessed_referral(r, c, p, median * 0.7, day, SV_NO_DATE,
                                  rng_chance(r, 0.6) ? "support changed" : "no change", &f);
            else
                failed_referral(r, c, p, day, &f);
            referral_row(r, t, c, p, &f);
        }
    }
    pipeline_referrals(r, t, c, median);
    return extract_close(&ex, "REF", council ? 204118 : 31842, 6);
}

/* ---- episodes.csv ---- */

static const char *const end_names[] = {"", "completed", "disengaged", "moved", "died",
                                        "transferred"};

int events_write_episodes(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "episodes.csv",
                     "episode_id,person_id,start_date,end_date,end_reason", c->seed, 0))
        return -1;
    rowstore *t = &ex.rows;
    for (size_t i = 0; i < c->n_people; i++) {
        const gen_person *p = &c->people[i];
        for (int e = 0; e < p->n_ep; e++) {
            csvw *b = rows_begin(t, p->ep[e].start);
            csvw_raw(b, p->id, strlen(p->id));
            csvw_date(b, p->ep[e].start);
            csvw_date(b, p->ep[e].end);
            csvw_str(b, end_names[p->ep[e].reason]);
            rows_end(t);
        }
    }
    return extract_close(&ex, "EP", c->org == ORG_COUNCIL ? 55210 : 7301, 6);
}

/* ---- feedback.csv ---- */

enum { FB_COMPLAINT, FB_COMPLIMENT, FB_CONCERN, FB_SAFEGUARDING, FB_INCIDENT, FB_COUNT };
static const char *const fb_names[FB_COUNT] = {"complaint", "compliment", "concern",
                                               "safeguarding alert", "incident"};
/* Records per person-year. */
static const double fb_rate[2][FB_COUNT] = {
    {0.07, 0.14, 0.06, 0.08, 0.22}, /* provider and bench */
    {0.03, 0.02, 0.03, 0.05, 0.01}, /* council */
};
/* Days to close, by type. */
static const int fb_close[FB_COUNT][2] = {{5, 45}, {0, 3}, {1, 20}, {7, 90}, {0, 30}};

enum { OUT_NONE, OUT_UPHELD, OUT_PARTLY, OUT_NOT };
static const char *const outcome_names[] = {"", "upheld", "partly upheld", "not upheld"};

typedef struct fb_rec {
    sv_day date, closed;
    int person; /* index, -1 when not recorded */
    int type, outcome, action;
    uint32_t seq; /* draw order: a stable tie-break */
    char themes[64];
} fb_rec;

static void add_theme(char *themes, size_t cap, const char *t) {
    if (strstr(themes, t)) return;
    if (themes[0]) strncat(themes, ";", cap - strlen(themes) - 1);
    strncat(themes, t, cap - strlen(themes) - 1);
}

static void complaint_themes(gen_rng *r, const gen_person *p, char *th, size_t cap) {
    int comm = p->comm == COMM_BSL || p->comm == COMM_EASY_READ || p->comm == COMM_HEARING;
    double eq = 0.16 + (p->interp ? 0.2 : 0) + (minority(p) ? 0.08 : 0) + (comm ? 0.15 : 0);
    if (rng_chance(r, eq)) {
        const tab_choice themes[] = {
            {"communication", 2 + 4 * p->interp + 3 * comm},
            {"cultural needs", 1 + 4 * minority(p)},
            {"access barrier", 1 + 3 * (comm || p->disability == 1)},
            {"discrimination", 0.6 + 0.6 * minority(p)},
        };
        add_theme(th, cap, TAB_CHOOSE(r, themes));
        if (rng_chance(r, 0.25)) add_theme(th, cap, "dignity");
    } else {
        static const tab_choice themes[] = {{"other", 60}, {"dignity", 30},
                                            {"restrictive practice", 10}};
        add_theme(th, cap, TAB_CHOOSE(r, themes));
    }
}

static void other_themes(gen_rng *r, int type, char *th, size_t cap) {
    static const tab_choice safeguarding[] = {{"other", 55}, {"dignity", 25},
                                              {"restrictive practice", 15},
                                              {"discrimination", 3}, {"access barrier", 2}};
    static const tab_choice concern[] = {{"other", 50}, {"communication", 20}, {"dignity", 20},
                                         {"cultural needs", 5}, {"access barrier", 5}};
    static const tab_choice incident[] = {{"other", 55}, {"restrictive practice", 10},
                                          {"dignity", 5}, {"", 30}};
    if (type == FB_SAFEGUARDING)
        add_theme(th, cap, TAB_CHOOSE(r, safeguarding));
    else if (type == FB_CONCERN)
        add_theme(th, cap, TAB_CHOOSE(r, concern));
    else if (type == FB_INCIDENT)
        add_theme(th, cap, TAB_CHOOSE(r, incident));
}

static int fb_cmp(const void *a, const void *b) {
    const fb_rec *x = a, *y = b;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Actions raised from complaints cite the upheld complaints just before. */
static void link_actions(const gen_ctx *c, fb_rec *v, size_t n) {
    for (size_t a = 0; a < c->n_actions; a++) {
        const gen_action *act = &c->actions[a];
        if (act->source != 0) continue; /* "complaint" */
        int linked = 0;
        for (size_t i = n; i-- > 0 && linked < 2;) {
            fb_rec *f = &v[i];
            if (f->date >= act->created || f->date < act->created - 60) continue;
            if (f->type != FB_COMPLAINT || f->action >= 0) continue;
            if (f->outcome != OUT_UPHELD && f->outcome != OUT_PARTLY) continue;
            f->action = (int)a;
            linked++;
        }
    }
}

int events_write_feedback(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "feedback.csv",
                     "record_id,person_id,date,type,themes,outcome,closed_date,action_id",
                     c->seed, STREAM_FEEDBACK))
        return -1;
    gen_rng *r = &ex.rng;
    rowstore *t = &ex.rows;
    const double *rate = fb_rate[c->org == ORG_COUNCIL];
    fb_rec *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < c->n_people; i++) {
        const gen_person *p = &c->people[i];
        exposure x;
        exposure_of(p, c->history_start, c->as_at, &x);
        if (!x.days) continue;
        for (int type = 0; type < FB_COUNT; type++) {
            int k = rng_poisson(r, rate[type] * (double)x.days / 365.25);
            for (int j = 0; j < k; j++) {
                XGROW(v, cap, n + 1);
                fb_rec *f = &v[n++];
                memset(f, 0, sizeof *f);
                f->date = exposure_pick(r, &x);
                f->seq = (uint32_t)(n - 1);
                f->type = type;
                f->action = -1;
                f->person = rng_chance(r, type == FB_COMPLIMENT ? 0.15 : 0.02) ? -1 : (int)i;
                if (type == FB_COMPLAINT) {
                    complaint_themes(r, p, f->themes, sizeof f->themes);
                    static const double upheld[] = {0, 30, 30, 40};
                    f->outcome = rng_pick(r, upheld, 4);
                } else {
                    other_themes(r, type, f->themes, sizeof f->themes);
                }
                int slow = c->org == ORG_COUNCIL ? 2 : 1;
                f->closed = f->date + slow * rng_range(r, fb_close[type][0], fb_close[type][1]);
                if (f->closed > c->as_at || rng_chance(r, 0.04)) f->closed = SV_NO_DATE;
            }
        }
    }
    if (n) qsort(v, n, sizeof *v, fb_cmp);
    link_actions(c, v, n);
    for (size_t i = 0; i < n; i++) {
        const fb_rec *f = &v[i];
        csvw *b = rows_begin(t, f->date);
        if (f->person >= 0)
            csvw_raw(b, c->people[f->person].id, strlen(c->people[f->person].id));
        else
            csvw_blank(b);
        csvw_date(b, f->date);
        csvw_str(b, fb_names[f->type]);
        csvw_str(b, f->themes);
        csvw_str(b, outcome_names[f->outcome]);
        csvw_date(b, f->closed);
        if (f->action >= 0)
            csvw_id(b, "ACT-", 101 + (unsigned long)f->action, 3);
        else
            csvw_blank(b);
        rows_end(t);
    }
    free(v);
    return extract_close(&ex, "FB", c->org == ORG_COUNCIL ? 88004 : 2210, 6);
}

/* ---- survey.csv ---- */

int events_write_survey(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "survey.csv", "response_id,person_id,date,question,score",
                     c->seed, STREAM_SURVEY))
        return -1;
    gen_rng *r = &ex.rng;
    rowstore *t = &ex.rows;
    static const char *const q_common[] = {
        "Overall, how satisfied are you with your care and support?",
        "Do the staff who support you treat you with dignity and respect?"};
    const char *q3 = c->org == ORG_COUNCIL
                         ? "How easy is it to find information and advice about support?"
                         : "Do you feel safe when staff visit your home?";
    const double mean[3] = {4.1, 4.3, c->org == ORG_COUNCIL ? 3.6 : 4.2};
    double respond = c->org == ORG_COUNCIL ? 0.07 : 0.3;
    /* A quarterly survey, fieldwork in weeks 2 to 11 of each quarter. */
    for (sv_day q = c->history_start; q <= c->as_at; q = day_add_months(q, 3)) {
        for (size_t i = 0; i < c->n_people; i++) {
            const gen_person *p = &c->people[i];
            sv_day day = q + rng_range(r, 14, 80);
            if (day > c->as_at || !person_active_on(p, day) || !rng_chance(r, respond))
                continue;
            double shift = p->mood + (group_of(p) == G_ASIAN ? -0.45 : 0) +
                           (p->interp ? -0.2 : 0) +
                           (c->org == ORG_PROVIDER && p->unit == 2 ? -0.1 : 0);
            for (int k = 0; k < 3; k++) {
                csvw *b = rows_begin(t, day);
                csvw_raw(b, p->id, strlen(p->id));
                csvw_date(b, day);
                csvw_str(b, k < 2 ? q_common[k] : q3);
                csvw_int(b, rng_score(r, mean[k] + shift, 0.75));
                rows_end(t);
            }
        }
    }
    return extract_close(&ex, "SR", c->org == ORG_COUNCIL ? 400001 : 10001, 7);
}

/* ---- outcomes.csv ---- */

static void outcome_row(rowstore *t, const gen_person *p, sv_day d, const char *type, int qty) {
    if (!person_active_on(p, d)) return;
    csvw *b = rows_begin(t, d);
    csvw_raw(b, p->id, strlen(p->id));
    csvw_date(b, d);
    csvw_str(b, type);
    csvw_int(b, qty);
    rows_end(t);
}

int events_write_outcomes(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "outcomes.csv", "person_id,date,type,quantity", c->seed,
                     STREAM_OUTCOMES))
        return -1;
    gen_rng *r = &ex.rng;
    rowstore *t = &ex.rows;
    for (size_t i = 0; i < c->n_people; i++) {
        const gen_person *p = &c->people[i];
        if (p->age_group != AGE_YOUNG) continue;
        double take = c->org != ORG_COUNCIL ? 0.2 : people_is_ld_or_mh(p) ? 0.3 : 0.1;
        exposure x;
        exposure_of(p, c->history_start, c->as_at, &x);
        if (!x.days || !rng_chance(r, take)) continue;
        if (rng_chance(r, 0.6)) { /* volunteering, logged monthly in hours */
            sv_day d = exposure_pick(r, &x);
            for (int m = rng_range(r, 3, 14); m > 0 && d <= c->as_at; m--, d += 30)
                outcome_row(t, p, d, "volunteering hours", rng_range(r, 4, 24));
        }
        for (int k = rng_poisson(r, 1.0); k > 0; k--)
            outcome_row(t, p, exposure_pick(r, &x), "skills milestone", 1);
        if (rng_chance(r, 0.4))
            outcome_row(t, p, exposure_pick(r, &x), "training course", rng_range(r, 1, 2));
        if (rng_chance(r, 0.25)) outcome_row(t, p, exposure_pick(r, &x), "work placement", 1);
        if (rng_chance(r, 0.12)) outcome_row(t, p, exposure_pick(r, &x), "paid job", 1);
    }
    return extract_close(&ex, NULL, 0, 0);
}
