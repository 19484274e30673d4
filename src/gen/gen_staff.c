/* gen_staff.c: the workforce (domain brief section 3), and workforce.csv,
 * supervision.csv and training.csv.
 *
 * Each unit is staffed week by week to a slowly growing headcount. Starters
 * draw how long they stay: many leave within 3 to 6 months, agency staff
 * sooner, the rest after years, which gives a 12-month turnover of about
 * 25-30% as Skills for Care reports for care workers. */
#include "gen.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const char *const tier_names[] = {"support worker", "senior support worker",
                                         "practice lead", "manager", "other"};
static const char *const contract_names[] = {"permanent", "fixed term", "zero hours", "bank",
                                             "agency"};
static const char *const care_cert_names[] = {"done", "in progress", "not started"};

int staff_employed_on(const gen_staff *s, sv_day d) {
    return s->start <= d && (s->leave == SV_NO_DATE || s->leave >= d);
}

static int is_care_staff(const gen_staff *s) {
    return s->tier == TIER_SUPPORT || s->tier == TIER_SENIOR;
}

/* Home districts by unit profile (Coventry North, South, rural). */
static const tab_choice districts[3][7] = {
    {{"Coventry", 75}, {"Nuneaton and Bedworth", 12}, {"Rugby", 3}, {"North Warwickshire", 3},
     {"Birmingham", 4}, {"Solihull", 3}, {"Warwick", 0}},
    {{"Coventry", 68}, {"Warwick", 10}, {"Rugby", 6}, {"Solihull", 7}, {"Birmingham", 5},
     {"Nuneaton and Bedworth", 4}, {"Stratford-on-Avon", 0}},
    {{"Warwick", 30}, {"Stratford-on-Avon", 30}, {"Rugby", 12}, {"Coventry", 15},
     {"Nuneaton and Bedworth", 5}, {"Birmingham", 4}, {"Redditch", 4}},
};

static int district_is_local(const char *d) {
    static const char *const local[] = {"Coventry", "Warwick", "Rugby", "Nuneaton and Bedworth",
                                        "North Warwickshire", "Stratford-on-Avon"};
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        if (!strcmp(d, local[i])) return 1;
    return 0;
}

/* Workforce ethnicity (ETH_* order up to not stated): more diverse than the
 * people supported, with many African staff from international recruitment. */
static const double staff_eth_w[ETH_NOT_STATED + 1] = {
    52, 1, 0.1, 0.2, 8,        /* White */
    1.5, 0.5, 0.5, 0.7,        /* Mixed */
    7, 3, 1, 0.3, 3,           /* Asian */
    3, 15, 1,                  /* Black */
    0.5, 1.5,                  /* Other */
    1.2,                       /* Not stated */
};

static const double qual_w[5][8] = {
    {25, 5, 40, 25, 3, 1.5, 0.5, 0}, {3, 2, 20, 60, 10, 4, 1, 0}, {0, 0, 10, 45, 25, 15, 4, 1},
    {0, 0, 0, 10, 20, 55, 10, 5},    {10, 5, 30, 30, 10, 5, 7, 3},
};

static const double contract_w[3][5] = {
    {45, 5, 22, 10, 18}, /* support worker */
    {70, 5, 15, 5, 5},  /* senior */
    {92, 6, 0, 0, 2},   /* everyone else */
};

static const char *role_name(gen_rng *r, int tier) {
    static const tab_choice support[] = {{"Care worker", 70}, {"Support worker", 30}};
    static const tab_choice lead[] = {{"Care coordinator", 60}, {"Field care supervisor", 40}};
    static const tab_choice manager[] = {{"Registered manager", 40}, {"Deputy manager", 60}};
    static const tab_choice other[] = {{"Office administrator", 50}, {"Trainer", 20},
                                       {"Recruitment officer", 15}, {"Scheduler", 15}};
    switch (tier) {
    case TIER_SUPPORT: return TAB_CHOOSE(r, support);
    case TIER_SENIOR: return "Senior care worker";
    case TIER_LEAD: return TAB_CHOOSE(r, lead);
    case TIER_MANAGER: return TAB_CHOOSE(r, manager);
    default: return TAB_CHOOSE(r, other);
    }
}

static sv_day years_ago(sv_day d, int years) { return d - (sv_day)(years * 365.25); }

/* Days a starter stays (may run past the as-at day). */
static int draw_tenure(gen_rng *r, int contract) {
    if (contract == CON_AGENCY) return 30 + (int)rng_exp(r, 365);
    if (contract == CON_BANK) return 60 + (int)rng_exp(r, 900);
    double u = rng_unit(r);
    if (u < 0.14) return rng_range(r, 14, 91);
    if (u < 0.24) return rng_range(r, 92, 182);
    if (u < 0.30) return rng_range(r, 183, 365);
    return 365 + (int)rng_exp(r, 1650);
}

static const char *leave_reason(gen_rng *r, const gen_staff *s, int tenure) {
    static const tab_choice early[] = {{"resigned", 60}, {"dismissed", 15},
                                       {"career change", 15}, {"relocated", 10}};
    static const tab_choice later[] = {{"resigned", 55}, {"career change", 15},
                                       {"relocated", 12}, {"dismissed", 6}, {"retired", 12}};
    if (s->contract == CON_AGENCY) return "end of assignment";
    if (s->contract == CON_FIXED && rng_chance(r, 0.7)) return "end of contract";
    return tenure < 183 ? TAB_CHOOSE(r, early) : TAB_CHOOSE(r, later);
}

/* A new member of staff starting on `start` in `unit`. */
static void draw_starter(gen_rng *r, const gen_ctx *c, gen_staff *s, int unit, sv_day start,
                         int tenure_override) {
    static const double tier_w[] = {70, 13, 7, 3, 7};
    memset(s, 0, sizeof *s);
    s->unit = (uint16_t)unit;
    s->start = start;
    s->tier = (uint8_t)rng_pick(r, tier_w, 5);
    s->role = role_name(r, s->tier);
    s->contract = (uint8_t)rng_pick(r, contract_w[s->tier < 2 ? s->tier : 2], 5);
    /* Staff in post for years (tenure given) are not agency workers. */
    if (tenure_override && s->contract == CON_AGENCY) s->contract = CON_PERMANENT;
    switch (s->contract) {
    case CON_PERMANENT:
        s->fte100 = (uint16_t)(rng_chance(r, 0.4) ? 100 : 5 * rng_range(r, 10, 19));
        break;
    case CON_FIXED: s->fte100 = (uint16_t)(5 * rng_range(r, 12, 20)); break;
    case CON_ZERO: s->fte100 = (uint16_t)(5 * rng_range(r, 6, 16)); break;
    case CON_BANK: s->fte100 = (uint16_t)(5 * rng_range(r, 2, 8)); break;
    default: s->fte100 = (uint16_t)(5 * rng_range(r, 12, 20)); break;
    }
    int age = 19 + rng_range(r, 0, 10) + rng_range(r, 0, 15) + rng_range(r, 0, 20);
    s->dob = years_ago(start, age) - rng_range(r, 0, 364);
    s->sex = !rng_chance(r, s->tier == TIER_MANAGER ? 0.75 : 0.8);
    double w[ETH_NOT_STATED + 1];
    int profile = unit % 3;
    for (int e = 0; e <= ETH_NOT_STATED; e++) {
        w[e] = staff_eth_w[e];
        if (profile == 2 && e != ETH_BRITISH) w[e] *= 0.45; /* rural */
        /* International recruitment since mid-2022. */
        if (e == ETH_AFRICAN && start >= day_from_ymd(2022, 6, 1)) w[e] *= 1.8;
    }
    s->eth = (uint8_t)rng_pick(r, w, ETH_NOT_STATED + 1);
    s->disability = rng_chance(r, 0.05) ? -1 : rng_chance(r, 0.065);
    s->district = TAB_CHOOSE(r, districts[profile]);
    if (s->contract == CON_AGENCY && rng_chance(r, 0.3)) s->district = "Birmingham";
    double travel = (profile == 2 ? 55 : 25) + 10 * rng_normal(r) +
                    (district_is_local(s->district) ? 0 : 25);
    s->travel = (uint16_t)(travel < 5 ? 5 : travel > 120 ? 120 : travel);
    s->qual = (uint8_t)rng_pick(r, qual_w[s->tier], 8);
    s->qual_in_progress = s->qual < 5 && rng_chance(r, 0.15);
    int tenure = tenure_override ? tenure_override : draw_tenure(r, s->contract);
    sv_day retire = years_ago(s->dob, -rng_range(r, 66, 68));
    int retiring = start + tenure > retire;
    if (retiring) tenure = retire - start > 30 ? retire - start : 30;
    s->leave = start + tenure;
    if (s->leave > c->as_at) s->leave = SV_NO_DATE;
    sv_day last = s->leave == SV_NO_DATE ? c->as_at : s->leave;
    static const double cc_new[] = {0, 70, 30}, cc_first_year[] = {80, 14, 6},
                        cc_care[] = {88, 0, 12}, cc_other[] = {55, 5, 40};
    if (is_care_staff(s))
        s->care_cert = (uint8_t)rng_pick(r, last - start < 84    ? cc_new
                                            : last - start < 365 ? cc_first_year
                                                                 : cc_care,
                                         3);
    else
        s->care_cert = (uint8_t)rng_pick(r, cc_other, 3);
    s->promoted = SV_NO_DATE;
    if (s->tier >= TIER_SENIOR && s->tier <= TIER_MANAGER && last - start > 365 &&
        rng_chance(r, 0.35)) {
        int span = last - start < 6 * 365 ? last - start : 6 * 365;
        s->promoted = start + rng_range(r, 180, span);
    }
    if (s->leave != SV_NO_DATE) s->leave_reason = retiring ? "retired" : leave_reason(r, s, tenure);
}

typedef struct staff_list {
    gen_staff *v;
    size_t n, cap;
} staff_list;

static int staff_by_start(const void *a, const void *b) {
    const gen_staff *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->draw < y->draw ? -1 : x->draw > y->draw;
}

void staff_generate(gen_ctx *c) {
    if (c->org == ORG_COUNCIL) return;
    gen_rng r;
    rng_seed(&r, c->seed, STREAM_STAFF);
    /* Headcount follows the people supported on the period end. */
    int total = c->org == ORG_BENCH ? (int)(c->target_people / 2.2 + 0.5)
                                    : (int)(c->target_people * 0.6 + 0.5);
    size_t *per_unit = xcalloc((size_t)c->n_units, sizeof *per_unit);
    size_t active = 0;
    for (size_t i = 0; i < c->n_people; i++)
        if (person_active_on(&c->people[i], c->period_end))
            per_unit[c->people[i].unit]++, active++;
    double *target = xcalloc((size_t)c->n_units, sizeof *target);
    for (int u = 0; u < c->n_units; u++) {
        target[u] = active ? (double)total * (double)per_unit[u] / (double)active : 0;
        if (target[u] < 4) target[u] = 4;
    }
    free(per_unit);

    staff_list all = {0};
    size_t **cur = xcalloc((size_t)c->n_units, sizeof *cur);
    size_t *ncur = xcalloc((size_t)c->n_units, sizeof *ncur);
    size_t *capcur = xcalloc((size_t)c->n_units, sizeof *capcur);
    /* Twenty years of hiring: long enough that the staff in post at the
     * start no longer shape today's turnover. */
    sv_day t0 = years_ago(c->period_end, 20);
    uint32_t draw = 0;
    for (sv_day t = t0; t <= c->as_at; t += 7) {
        double grow = 1.0 - 0.15 * (double)(c->period_end - t) / (double)(c->period_end - t0);
        for (int u = 0; u < c->n_units; u++) {
            size_t k = 0; /* drop leavers */
            for (size_t j = 0; j < ncur[u]; j++)
                if (staff_employed_on(&all.v[cur[u][j]], t)) cur[u][k++] = cur[u][j];
            ncur[u] = k;
            long want = (long)(target[u] * grow + 0.5) - (long)ncur[u];
            for (long h = 0; h < want; h++) {
                XGROW(all.v, all.cap, all.n + 1);
                gen_staff *s = &all.v[all.n];
                if (t == t0) { /* staff already in post: long tenures */
                    sv_day start = t0 - (sv_day)rng_exp(&r, 1100);
                    draw_starter(&r, c, s, u, start, (t0 - start) + 1 + (int)rng_exp(&r, 1650));
                } else {
                    sv_day start = t + rng_range(&r, 0, 6);
                    draw_starter(&r, c, s, u, start > c->as_at ? c->as_at : start, 0);
                }
                s->draw = draw++;
                XGROW(cur[u], capcur[u], ncur[u] + 1);
                cur[u][ncur[u]++] = all.n++;
            }
        }
    }
    for (int u = 0; u < c->n_units; u++) free(cur[u]);
    free(cur);
    free(ncur);
    free(capcur);
    free(target);

    /* Keep staff in post and those who left since the history start. */
    size_t k = 0;
    for (size_t i = 0; i < all.n; i++)
        if (all.v[i].leave == SV_NO_DATE || all.v[i].leave >= c->history_start)
            all.v[k++] = all.v[i];
    all.n = k;
    qsort(all.v, all.n, sizeof *all.v, staff_by_start);
    gen_rng ids;
    rng_seed(&ids, c->seed, STREAM_STAFF_IDS);
    unsigned long num = c->org == ORG_BENCH ? 0 : 1200;
    for (size_t i = 0; i < all.n; i++) {
        num += c->org == ORG_BENCH ? 1 : (unsigned long)rng_range(&ids, 1, 3);
        ctx_format_id(c, all.v[i].id, "S", num, 6);
    }
    c->staff = all.v;
    c->n_staff = all.n;
}

/* ---- workforce.csv ---- */

int staff_write_workforce(gen_ctx *c) {
    csvw w;
    /* The provider's HR export was resaved by Excel: ';', CRLF and a BOM. */
    csvw_opts o = csvw_plain;
    if (c->org == ORG_PROVIDER) o.sep = ';', o.crlf = 1, o.bom = 1;
    if (csvw_open(&w, c->out, "workforce.csv", &o,
                  "staff_id,role,role_tier,contract,fte,start_date,leave_date,leave_reason,"
                  "date_of_birth,sex,ethnicity,disability,home_district,local,"
                  "travel_minutes_per_shift,qualification_level,qualification_in_progress,"
                  "care_certificate,promoted_date"))
        return -1;
    for (size_t i = 0; i < c->n_staff; i++) {
        const gen_staff *s = &c->staff[i];
        csvw_raw(&w, s->id, strlen(s->id));
        csvw_str(&w, s->role);
        csvw_str(&w, tier_names[s->tier]);
        csvw_str(&w, contract_names[s->contract]);
        csvw_fixed2(&w, s->fte100);
        csvw_date(&w, s->start);
        csvw_date(&w, s->leave);
        csvw_str(&w, s->leave_reason);
        csvw_date(&w, s->dob);
        csvw_str(&w, s->sex ? "Male" : "Female");
        csvw_str(&w, tab_eth_codes[s->eth].ons);
        csvw_flag(&w, s->disability);
        csvw_str(&w, s->district);
        csvw_flag(&w, district_is_local(s->district));
        csvw_int(&w, s->travel);
        csvw_int(&w, s->qual);
        csvw_flag(&w, s->qual_in_progress);
        csvw_str(&w, care_cert_names[s->care_cert]);
        csvw_date(&w, s->promoted);
        csvw_end(&w);
    }
    return csvw_close(&w);
}

/* ---- supervision.csv ---- */

static sv_day last_day(const gen_ctx *c, const gen_staff *s) {
    return s->leave == SV_NO_DATE ? c->as_at : s->leave;
}

static void sup_row(rowstore *t, const gen_ctx *c, const gen_staff *s, sv_day d,
                    const char *type) {
    if (d < c->history_start || d > last_day(c, s) || d < s->start) return;
    csvw *w = rows_begin(t, d);
    csvw_raw(w, s->id, strlen(s->id));
    csvw_date(w, d);
    csvw_str(w, type);
    rows_end(t);
}

/* Sessions repeating every lo..hi days from `from`, each kept with chance p. */
static void sup_series(gen_rng *r, rowstore *t, const gen_ctx *c, const gen_staff *s,
                       sv_day from, int lo, int hi, double p, const char *type) {
    for (sv_day d = from; d <= last_day(c, s); d += rng_range(r, lo, hi))
        if (rng_chance(r, p)) sup_row(t, c, s, d, type);
}

/* New starters are seen at weeks 2, 6 and 12, then about monthly; agency
 * staff are supervised by their agency and only spot-checked here. */
static void supervise(gen_rng *r, rowstore *t, const gen_ctx *c, const gen_staff *s) {
    double keen = s->unit % 3 == 2 ? 0.9 : 1.0; /* rural rotas leave less time */
    if (s->contract != CON_AGENCY) {
        static const int at[] = {14, 42, 84};
        static const double kept[] = {0.85, 0.8, 0.78};
        for (int i = 0; i < 3; i++)
            if (rng_chance(r, kept[i] * keen))
                sup_row(t, c, s, s->start + at[i] + rng_range(r, -3, 3), "supervision");
        sup_series(r, t, c, s, s->start + 84 + rng_range(r, 20, 45), 26, 45, 0.88 * keen,
                   "supervision");
        sup_series(r, t, c, s, s->start + 365 + rng_range(r, -10, 30), 355, 385, 0.85,
                   "appraisal");
    }
    if (is_care_staff(s)) {
        sup_series(r, t, c, s, s->start + rng_range(r, 30, 90), 70, 110, 0.8, "spot check");
        sup_series(r, t, c, s, s->start + rng_range(r, 90, 200), 150, 210, 0.7,
                   "practice observation");
    } else if (s->tier == TIER_LEAD || s->tier == TIER_MANAGER) {
        sup_series(r, t, c, s, s->start + rng_range(r, 20, 60), 45, 75, 0.6, "case reflection");
    }
}

int staff_write_supervision(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "supervision.csv", "staff_id,date,type", c->seed,
                     STREAM_SUPERVISION))
        return -1;
    for (size_t i = 0; i < c->n_staff; i++) supervise(&ex.rng, &ex.rows, c, &c->staff[i]);
    return extract_close(&ex, NULL, 0, 0);
}

/* ---- training.csv ---- */

typedef struct course {
    const char *name;
    int mandatory;
    int renew_days; /* 0: once */
    int care_only;
} course;

static const course courses[] = {
    {"Safeguarding adults", 1, 365, 0},   {"Moving and handling", 1, 365, 1},
    {"Medication", 1, 365, 1},            {"Infection prevention", 1, 365, 0},
    {"Equality and diversity", 1, 1095, 0}, {"Basic life support", 1, 365, 0},
    {"Fire safety", 1, 365, 0},           {"Dementia awareness", 0, 0, 1},
    {"End of life care", 0, 0, 1},        {"Mental Capacity Act", 0, 1095, 0},
};

/* Requirements from induction onward: most completed by the due date, some
 * late, about one in ten still outstanding. */
static void train(gen_rng *r, rowstore *t, const gen_ctx *c, const gen_staff *s) {
    sv_day last = last_day(c, s);
    for (size_t k = 0; k < sizeof courses / sizeof courses[0]; k++) {
        const course *cs = &courses[k];
        if (cs->care_only && !is_care_staff(s)) continue;
        if (!cs->mandatory && !rng_chance(r, 0.5)) continue;
        for (sv_day due = s->start + rng_range(r, 14, 42); due <= last;) {
            sv_day done = SV_NO_DATE;
            double u = rng_unit(r);
            if (u < 0.78)
                done = due - rng_range(r, 0, 30);
            else if (u < 0.92)
                done = due + rng_range(r, 1, 45);
            if (done != SV_NO_DATE && done < s->start) done = s->start;
            if (done != SV_NO_DATE && done > last) done = SV_NO_DATE;
            if (due >= c->history_start) {
                csvw *w = rows_begin(t, due);
                csvw_raw(w, s->id, strlen(s->id));
                csvw_str(w, cs->name);
                csvw_flag(w, cs->mandatory);
                csvw_date(w, due);
                csvw_date(w, done);
                rows_end(t);
            }
            if (!cs->renew_days) break;
            due = (done != SV_NO_DATE ? done : due) + cs->renew_days;
        }
    }
}

int staff_write_training(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "training.csv",
                     "staff_id,course,mandatory,due_date,completed_date", c->seed,
                     STREAM_TRAINING))
        return -1;
    for (size_t i = 0; i < c->n_staff; i++)
        if (c->staff[i].contract != CON_AGENCY) train(&ex.rng, &ex.rows, c, &c->staff[i]);
    return extract_close(&ex, NULL, 0, 0);
}
