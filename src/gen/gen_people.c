/* gen_people.c: the people supported, their support history and
 * characteristics, and people.csv.
 *
 * People arrive at random over the years (slightly more each year) and stay
 * for a drawn time. Draws are repeated until the target is met: for the
 * provider, `target` people supported on the period end; for the bench,
 * `target` people overlapping the visit window; for the council, one draw
 * per slot of the exact in-period table below, so the in-period counts by
 * age and ethnic group are exact whatever the seed. Draws that miss keep
 * their history (earlier ends, later starts) if it reaches the extracts. */
#include "gen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Council people supported in the period, by age group and ethnic group
 * (G_* order): Coventry's published shares of adult social care users. */
static const int council_cells[3][G_COUNT] = {
    [AGE_YOUNG] = {701, 136, 69, 24, 24, 46},
    [AGE_OLD] = {3412, 384, 112, 12, 32, 48},
    [AGE_UNKNOWN] = {0, 17, 9, 17, 0, 223},
};

/* How one organisation's people come and go. */
typedef struct people_model {
    int years_back;        /* first arrivals this many years before the period end */
    double growth;         /* arrivals at the end relative to the start, minus 1 */
    double age_w[3];       /* AGE_* of a drawn person (not council slots) */
    double eth_w[3][G_COUNT]; /* ethnic group by age group */
    double short_p;        /* short episodes (weeks) */
    double long_mean[3];   /* mean extra days of a long episode, by age group */
    double dis_base, dis_slope; /* early disengagement: base + slope*(10-imd) */
    double second_p;       /* a second episode after a gap */
} people_model;

static const people_model model_provider = {
    15, 0.5, {18, 81, 1},
    {{68, 14, 9, 4, 2, 3}, {82, 9, 3.5, 0.8, 1, 3.7}, {40, 6, 4, 2, 1, 47}},
    0.12, {1000, 640, 640}, 0.03, 0.02, 0.2,
};

static const people_model model_bench = {
    10, 0.3, {18, 81, 1},
    {{68, 14, 9, 4, 2, 3}, {82, 9, 3.5, 0.8, 1, 3.7}, {40, 6, 4, 2, 1, 47}},
    0.12, {1000, 640, 640}, 0.03, 0.02, 0.2,
};

/* Council eth_w is the mix of people outside the period: a little less
 * diverse than today's caseload, so the trend in shares moves. */
static const people_model model_council = {
    25, 0.6, {0, 0, 0},
    {{72.5, 13.0, 6.4, 2.2, 2.2, 3.7}, {86.5, 9.0, 2.6, 0.3, 0.7, 0.9}, {30, 5, 3, 3, 1, 58}},
    0.08, {2200, 900, 900}, 0.02, 0.012, 0.12,
};

/* ---- small helpers used across modules ---- */

int person_active_on(const gen_person *p, sv_day d) {
    for (int i = 0; i < p->n_ep; i++)
        if (p->ep[i].start <= d && (p->ep[i].end == SV_NO_DATE || p->ep[i].end >= d)) return 1;
    return 0;
}

/* ---- dates of birth ---- */

static sv_day years_before(sv_day day, int years) {
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    if (!ymd_valid(y - years, m, d)) d--; /* 29 February */
    return day_from_ymd(y - years, m, d);
}

static int draw_age(gen_rng *r, int group) {
    static const double young[] = {9, 16, 27, 48}, old[] = {22, 36, 42};
    static const int young_lo[] = {18, 25, 35, 50}, young_hi[] = {24, 34, 49, 64};
    if (group == AGE_YOUNG) {
        int b = rng_pick(r, young, 4);
        return rng_range(r, young_lo[b], young_hi[b]);
    }
    int b = rng_pick(r, old, 3);
    if (b == 0) return rng_range(r, 65, 74);
    if (b == 1) return rng_range(r, 75, 84);
    int a = 85 + (int)rng_exp(r, 4.5);
    return a > 104 ? 104 : a;
}

/* A birth date giving `age` on the period end. At 18 and 65 the birthday
 * is kept out of the period, so the person is in one age group all period
 * whichever day a report measures age on. */
static sv_day draw_dob(gen_rng *r, const gen_ctx *c, int age) {
    sv_day latest = years_before(c->period_end, age);
    sv_day earliest = years_before(c->period_end, age + 1) + 1;
    for (;;) {
        sv_day dob = rng_range(r, earliest, latest);
        if ((age != 18 && age != 65) || age_on(dob, c->period_start) == age) return dob;
    }
}

/* ---- support history ---- */

static const double short_reasons[] = {[END_COMPLETED] = 70, [END_MOVED] = 5,
                                       [END_DIED] = 10, [END_TRANSFERRED] = 15};
static const double long_reasons[2][6] = {
    /* none, completed, disengaged, moved, died, transferred */
    {0, 30, 10, 25, 10, 25}, /* 18-64 */
    {0, 8, 4, 8, 50, 30},    /* 65+ and unknown */
};

static void draw_episode(gen_rng *r, const people_model *m, const gen_person *p,
                         sv_day start, gen_episode *e) {
    /* The deprivation gradient: more early disengagement in deprived areas,
     * so 12-week retention falls from decile 10 to decile 1. */
    double pdis = m->dis_base + m->dis_slope * (10 - (p->imd ? p->imd : 5));
    double u = rng_unit(r);
    int days;
    if (u < pdis) {
        days = rng_range(r, 10, 80);
        e->reason = END_DISENGAGED;
    } else if (u < pdis + m->short_p) {
        days = rng_range(r, 14, 90);
        e->reason = (uint8_t)rng_pick(r, short_reasons, 6);
    } else {
        days = 91 + (int)rng_exp(r, m->long_mean[p->age_group]);
        e->reason = (uint8_t)rng_pick(r, long_reasons[p->age_group != AGE_YOUNG], 6);
    }
    e->start = start;
    e->end = start + days;
}

/* Arrival day between years_back before the period end and the as-at day,
 * with density rising linearly by `growth` over the span. */
static sv_day draw_arrival(gen_rng *r, const gen_ctx *c, const people_model *m) {
    sv_day t0 = years_before(c->period_end, m->years_back);
    double g = m->growth, u = rng_unit(r);
    double x = g > 0 ? (-1.0 + sqrt(1.0 + 2.0 * g * u * (1.0 + g / 2.0))) / g : u;
    return t0 + (sv_day)(x * (double)(c->as_at - t0 + 1));
}

static void draw_timeline(gen_rng *r, const gen_ctx *c, const people_model *m,
                          gen_person *p, sv_day start) {
    draw_episode(r, m, p, start, &p->ep[0]);
    p->n_ep = 1;
    int why = p->ep[0].reason;
    if ((why == END_DISENGAGED || why == END_COMPLETED || why == END_TRANSFERRED) &&
        rng_chance(r, m->second_p)) {
        draw_episode(r, m, p, p->ep[0].end + rng_range(r, 21, 240), &p->ep[1]);
        p->n_ep = 2;
    }
    /* Nothing after the as-at day: later starts vanish, later ends are
     * still ongoing on the day of the extract. */
    if (p->n_ep == 2 && p->ep[1].start > c->as_at) p->n_ep = 1;
    for (int i = 0; i < p->n_ep; i++)
        if (p->ep[i].end > c->as_at) p->ep[i].end = SV_NO_DATE, p->ep[i].reason = END_NONE;
    p->start = p->ep[0].start;
    p->end = p->ep[p->n_ep - 1].end;
}

/* ---- characteristics ---- */

static const char *const provider_units[] = {"Coventry North", "Coventry South",
                                             "Warwickshire Rural"};
static const char *const council_units[] = {"North East", "Central", "South", "West"};

/* Area profiles: IMD decile weights (1 = most deprived), how diverse the
 * population is, and the wards or towns (provider "locality"). */
typedef struct area_profile {
    double imd[10];
    double diversity;
    const char *places[7];
} area_profile;

static const area_profile areas[] = {
    {{18, 16, 13, 11, 9, 9, 8, 7, 5, 4}, 1.6,
     {"Foleshill", "Longford", "Henley", "Holbrook", "Radford", "Bablake", "Upper Stoke"}},
    {{8, 9, 10, 11, 11, 11, 11, 10, 10, 9}, 1.0,
     {"Earlsdon", "Cheylesmore", "Wainbody", "Whoberley", "Lower Stoke",
      "Binley and Willenhall", "Westwood"}},
    {{2, 3, 5, 7, 9, 12, 14, 15, 16, 17}, 0.25,
     {"Kenilworth", "Southam", "Wellesbourne", "Shipston-on-Stour", "Coleshill", "Atherstone",
      "Bishops Itchington"}},
    /* council localities: North East, Central, South, West */
    {{22, 18, 14, 11, 9, 8, 6, 5, 4, 3}, 1.8, {0}},
    {{20, 17, 14, 12, 10, 8, 7, 5, 4, 3}, 1.5, {0}},
    {{6, 8, 9, 10, 11, 12, 12, 12, 11, 9}, 0.8, {0}},
    {{5, 7, 8, 10, 11, 12, 12, 12, 12, 11}, 0.6, {0}},
};

static const area_profile *area_of(const gen_ctx *c, int unit) {
    if (c->org == ORG_COUNCIL) return &areas[3 + unit];
    return &areas[unit % 3];
}

static int draw_imd(gen_rng *r, const area_profile *a, int group) {
    if (rng_chance(r, 0.015)) return 0; /* postcode not matched */
    int imd = 1 + rng_pick(r, a->imd, 10);
    /* Minority ethnic groups live more often in the deprived wards. */
    if (group != G_WHITE && group != G_NOTSTATED && rng_chance(r, 0.35))
        imd = imd > 2 ? imd - 2 : 1;
    return imd;
}

/* Religion profiles: Christian, Muslim, Sikh, Hindu, Buddhist, Jewish,
 * No religion, Other religion, Not stated. */
static const char *const religions[9] = {"Christian", "Muslim", "Sikh", "Hindu", "Buddhist",
                                         "Jewish", "No religion", "Other religion",
                                         "Not stated"};
static const double religion_w[][9] = {
    {62, 0.4, 0, 0, 0.3, 0.4, 28, 1.2, 8},  /* 0 White */
    {4, 8, 45, 35, 0, 0, 3, 0, 5},          /* 1 Indian */
    {0, 92, 0, 0, 0, 0, 3, 0, 5},           /* 2 Pakistani, Bangladeshi, Arab */
    {20, 0, 0, 0, 20, 0, 50, 0, 10},        /* 3 Chinese */
    {68, 18, 0, 0, 0, 0, 6, 1, 7},          /* 4 Black */
    {38, 15, 3, 5, 3, 0, 25, 1, 10},        /* 5 Mixed, other Asian, other */
    {8, 2, 0, 0, 0, 0, 10, 0, 80},          /* 6 not stated */
};

static int religion_profile(int eth) {
    switch (tab_eth_codes[eth].group) {
    case G_WHITE: return 0;
    case G_BLACK: return 4;
    case G_NOTSTATED: return 6;
    default: break;
    }
    if (eth == ETH_INDIAN) return 1;
    if (eth == ETH_PAKISTANI || eth == ETH_BANGLADESHI || eth == ETH_ARAB) return 2;
    if (eth == ETH_CHINESE) return 3;
    return 5;
}

/* Languages other than English, with the chance of not speaking English as
 * a first language at 18-64 and at 65+. */
typedef struct lang_mix {
    int eth;
    double p_young, p_old;
    tab_choice langs[5];
} lang_mix;

static const lang_mix lang_mixes[] = {
    {ETH_INDIAN, 0.06, 0.35, {{"Punjabi", 60}, {"Gujarati", 30}, {"Hindi", 10}}},
    {ETH_PAKISTANI, 0.10, 0.40, {{"Urdu", 55}, {"Punjabi", 45}}},
    {ETH_BANGLADESHI, 0.15, 0.50, {{"Bengali", 100}}},
    {ETH_CHINESE, 0.25, 0.50, {{"Cantonese", 60}, {"Mandarin", 40}}},
    {ETH_OTHER_ASIAN, 0.15, 0.35, {{"Tamil", 30}, {"Nepali", 30}, {"Pashto", 20}, {"Dari", 20}}},
    {ETH_AFRICAN, 0.12, 0.15,
     {{"Tigrinya", 25}, {"Somali", 25}, {"Arabic", 15}, {"French", 15}, {"Shona", 20}}},
    {ETH_OTHER_WHITE, 0.25, 0.35,
     {{"Polish", 50}, {"Romanian", 25}, {"Lithuanian", 10}, {"Portuguese", 15}}},
    {ETH_ROMA, 0.40, 0.60, {{"Romanian", 60}, {"Slovak", 40}}},
    {ETH_ARAB, 0.30, 0.40, {{"Arabic", 100}}},
    {ETH_ANY_OTHER, 0.20, 0.30, {{"Kurdish", 40}, {"Farsi", 40}, {"Arabic", 20}}},
};

static const char *draw_language(gen_rng *r, int eth, int older) {
    for (size_t i = 0; i < sizeof lang_mixes / sizeof lang_mixes[0]; i++) {
        const lang_mix *l = &lang_mixes[i];
        if (l->eth != eth) continue;
        if (!rng_chance(r, older ? l->p_old : l->p_young)) break;
        int n = 0;
        while (n < 5 && l->langs[n].name) n++;
        return tab_choose(r, l->langs, n);
    }
    return "English";
}

enum { PSR_PHYSICAL, PSR_SENSORY, PSR_MEMORY, PSR_LD, PSR_MH, PSR_SOCIAL };
static const char *const psr_names[] = {"Physical support", "Sensory support",
                                        "Support with memory and cognition",
                                        "Learning disability support", "Mental health support",
                                        "Social support"};
static const double psr_w[2][6] = {{30, 4, 0, 38, 22, 6}, {70, 3, 18, 0, 4, 5}};

static const tab_choice orient_young[] = {{"Heterosexual or straight", 70},
                                          {"Gay or lesbian", 2.5}, {"Bisexual", 1.5},
                                          {"Other sexual orientation", 0.5},
                                          {"Not stated", 25.5}};
static const tab_choice orient_old[] = {{"Heterosexual or straight", 62},
                                        {"Gay or lesbian", 1}, {"Bisexual", 0.3},
                                        {"Other sexual orientation", 0.2}, {"Not stated", 36.5}};

static const tab_choice council_services_young[] = {
    {"supported living", 30}, {"home support", 30}, {"day opportunities", 22},
    {"residential care", 10}, {"shared lives", 4}, {"nursing care", 4}};
static const tab_choice council_services_old[] = {
    {"home support", 48}, {"residential care", 22}, {"nursing care", 10},
    {"extra care housing", 4}, {"day opportunities", 6}, {"supported living", 2}};
static const tab_choice provider_services[] = {
    {"home support", 90}, {"complex care", 6}, {"live-in care", 4}};

/* Direct payments are taken up more by Asian families and less by Black
 * residents (an access finding for the council report). */
static double dp_chance(const gen_person *p, const char *service) {
    if (strcmp(service, "home support") && strcmp(service, "day opportunities") &&
        strcmp(service, "supported living"))
        return 0;
    static const double factor[G_COUNT] = {1.0, 1.3, 0.65, 1.0, 1.0, 0.9};
    double base = p->age_group == AGE_YOUNG ? 0.42 : 0.2;
    return base * factor[tab_eth_codes[p->eth].group];
}

/* Everything that follows from age group, ethnicity and unit. */
static void assign_traits(gen_rng *r, const gen_ctx *c, gen_person *p) {
    int older = p->age_group != AGE_YOUNG;
    double female = p->age_group == AGE_OLD ? 0.62 : p->age_group == AGE_YOUNG ? 0.48 : 0.55;
    p->sex = rng_chance(r, 0.003) ? 2 : rng_chance(r, female) ? 0 : 1;
    p->religion = religions[rng_pick(r, religion_w[religion_profile(p->eth)], 9)];
    p->orient = older ? TAB_CHOOSE(r, orient_old) : TAB_CHOOSE(r, orient_young);
    p->psr = (uint8_t)rng_pick(r, psr_w[older], 6);
    p->lang = draw_language(r, p->eth, older);
    p->interp = strcmp(p->lang, "English") != 0 && rng_chance(r, 0.75);
    p->comm = COMM_NONE;
    if (rng_chance(r, 0.006)) {
        p->lang = "British Sign Language";
        p->comm = COMM_BSL;
        p->interp = 1;
    } else if (p->psr == PSR_LD && rng_chance(r, 0.5)) {
        p->comm = COMM_EASY_READ;
    } else if (older) {
        double u = rng_unit(r);
        p->comm = u < 0.07 ? COMM_HEARING : u < 0.12 ? COMM_LARGE_PRINT : u < 0.14 ? COMM_SPEECH
                                                                            : COMM_NONE;
    }
    p->disability = rng_chance(r, 0.04) ? -1 : rng_chance(r, older ? 0.65 : 0.85);
    if (c->org == ORG_COUNCIL)
        p->service = older ? TAB_CHOOSE(r, council_services_old)
                           : TAB_CHOOSE(r, council_services_young);
    else
        p->service = TAB_CHOOSE(r, provider_services);
    p->dp = c->org == ORG_COUNCIL ? rng_chance(r, dp_chance(p, p->service))
                                  : rng_chance(r, 0.11);
    const area_profile *a = area_of(c, p->unit);
    p->area = a->places[0] ? a->places[rng_below(r, 7)] : NULL;
    if (c->org == ORG_BENCH) {
        /* 1..5 a day, mean 3.4: with starts and ends inside the window,
         * 3 visits per person-day on average. */
        static const double per_day[] = {5, 15, 30, 32, 18};
        p->visits_per_day = (uint8_t)(1 + rng_pick(r, per_day, 5));
        p->weekdays_only = 0;
    } else {
        static const double per_day[] = {35, 35, 15, 15}; /* 1..4 a day: mean 2.1 */
        p->visits_per_day = (uint8_t)(1 + rng_pick(r, per_day, 4));
        p->weekdays_only = rng_chance(r, 0.08);
    }
    static const double minutes_w[] = {10, 55, 25, 10};
    p->minutes = (uint8_t)(15 * (1 + rng_pick(r, minutes_w, 4)));
    p->mood = 0.35 * rng_normal(r);
    for (int j = 0; j < 5; j++) p->carer[j] = -1;
    p->continuity = -1; /* drawn with the first visit */
}

/* The unit and ethnic group of a drawn (non-slot) person: diverse areas
 * weigh minority groups up. */
static void draw_unit_and_group(gen_rng *r, const gen_ctx *c, const people_model *m,
                                gen_person *p, int *group) {
    static const double provider_unit_w[] = {40, 35, 25};
    if (c->org == ORG_PROVIDER) {
        p->unit = (uint16_t)rng_pick(r, provider_unit_w, 3);
    } else {
        p->unit = (uint16_t)rng_below(r, (uint32_t)c->n_units);
        /* Bench units differ in size: odd-numbered ones lose some people. */
        if ((p->unit & 1) && rng_chance(r, 0.3)) p->unit = (uint16_t)(p->unit - 1);
    }
    double w[G_COUNT];
    double div = area_of(c, p->unit)->diversity;
    for (int g = 0; g < G_COUNT; g++)
        w[g] = m->eth_w[p->age_group][g] * (g == G_WHITE || g == G_NOTSTATED ? 1.0 : div);
    *group = rng_pick(r, w, G_COUNT);
}

static int council_unit(gen_rng *r, int group) {
    static const double white[] = {22, 22, 28, 28}, minority[] = {40, 30, 15, 15},
                        unstated[] = {25, 25, 25, 25};
    return rng_pick(r, group == G_WHITE ? white : group == G_NOTSTATED ? unstated : minority, 4);
}

/* Provider NHS codes for not stated: Z (declined), 99 (not known), blank. */
static int not_stated_code(gen_rng *r, const gen_ctx *c) {
    if (c->org == ORG_COUNCIL) return ETH_NOT_STATED;
    double u = rng_unit(r);
    return u < 0.6 ? ETH_NOT_STATED : u < 0.88 ? ETH_NOT_KNOWN : ETH_BLANK;
}

static void set_eth(gen_rng *r, const gen_ctx *c, gen_person *p, int group) {
    p->eth = (uint8_t)(group == G_NOTSTATED ? not_stated_code(r, c)
                                            : tab_eth_detail(r, group, p->age_group != AGE_YOUNG));
}

/* ---- the draw loop ---- */

typedef struct kept {
    gen_person *v;
    size_t n, cap;
} kept;

static void keep(kept *k, const gen_person *p) {
    XGROW(k->v, k->cap, k->n + 1);
    k->v[k->n++] = *p;
}

static int by_start(const void *a, const void *b) {
    const gen_person *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->draw < y->draw ? -1 : x->draw > y->draw;
}

/* Shuffled list of council slots: each is an (age group, ethnic group). */
static int *council_slots(gen_rng *r, int *n_out) {
    int n = 0;
    for (int a = 0; a < 3; a++)
        for (int g = 0; g < G_COUNT; g++) n += council_cells[a][g];
    int *slot = xmalloc((size_t)n * sizeof *slot);
    int i = 0;
    for (int a = 0; a < 3; a++)
        for (int g = 0; g < G_COUNT; g++)
            for (int k = 0; k < council_cells[a][g]; k++) slot[i++] = a * G_COUNT + g;
    for (int j = n - 1; j > 0; j--) {
        int x = (int)rng_below(r, (uint32_t)j + 1), t = slot[j];
        slot[j] = slot[x];
        slot[x] = t;
    }
    *n_out = n;
    return slot;
}

void people_generate(gen_ctx *c) {
    const people_model *m = c->org == ORG_COUNCIL  ? &model_council
                            : c->org == ORG_BENCH ? &model_bench
                                                  : &model_provider;
    gen_rng r;
    rng_seed(&r, c->seed, STREAM_PEOPLE);
    int n_slots = 0, *slots = NULL;
    if (c->org == ORG_COUNCIL) {
        slots = council_slots(&r, &n_slots);
        c->n_units = 4;
    } else if (c->org == ORG_PROVIDER) {
        c->n_units = 3;
    }
    c->unit_names = xcalloc((size_t)c->n_units, sizeof *c->unit_names);
    for (int u = 0; u < c->n_units; u++)
        c->unit_names[u] = c->org == ORG_COUNCIL    ? xstrdup(council_units[u])
                           : c->org == ORG_PROVIDER ? xstrdup(provider_units[u])
                                                    : xasprintf("Unit %03d", u + 1);

    int target = c->org == ORG_COUNCIL ? n_slots : c->target_people;
    kept k = {0};
    unsigned long draw = 0;
    for (int hits = 0; hits < target; draw++) {
        gen_person p;
        memset(&p, 0, sizeof p);
        int group;
        if (slots) {
            p.age_group = (uint8_t)(slots[hits] / G_COUNT);
            group = slots[hits] % G_COUNT;
            p.unit = (uint16_t)council_unit(&r, group);
        } else {
            p.age_group = (uint8_t)rng_pick(&r, m->age_w, 3);
            draw_unit_and_group(&r, c, m, &p, &group);
        }
        p.dob = p.age_group == AGE_UNKNOWN ? SV_NO_DATE
                                           : draw_dob(&r, c, draw_age(&r, p.age_group));
        p.imd = (uint8_t)draw_imd(&r, area_of(c, p.unit), group);
        sv_day start = draw_arrival(&r, c, m);
        /* Adult social care starts at 18. */
        if (p.dob != SV_NO_DATE && age_on(p.dob, start) < 18) continue;
        draw_timeline(&r, c, m, &p, start);
        int hit;
        if (c->org == ORG_PROVIDER)
            hit = person_active_on(&p, c->period_end);
        else if (c->org == ORG_BENCH)
            hit = p.start <= c->period_end && (p.end == SV_NO_DATE || p.end >= c->visits_start);
        else
            hit = p.start <= c->period_end && (p.end == SV_NO_DATE || p.end >= c->period_start);
        int history = !hit && c->org != ORG_BENCH &&
                      (p.end == SV_NO_DATE ? p.start > c->period_end : p.end >= c->history_start);
        if (!hit && !history) continue;
        if (hit) hits++;
        /* Council people outside the period have their own, older mix. */
        if (!hit && slots) group = rng_pick(&r, m->eth_w[p.age_group], G_COUNT);
        set_eth(&r, c, &p, group);
        assign_traits(&r, c, &p);
        p.draw = (uint32_t)draw;
        keep(&k, &p);
    }
    free(slots);

    /* Ids follow the order people were first supported, with gaps where the
     * case system numbered people who were never supported. */
    qsort(k.v, k.n, sizeof *k.v, by_start);
    gen_rng ids;
    rng_seed(&ids, c->seed, STREAM_IDS);
    unsigned long num = c->org == ORG_COUNCIL ? 104000 : c->org == ORG_PROVIDER ? 8000 : 0;
    for (size_t i = 0; i < k.n; i++) {
        num += c->org == ORG_BENCH ? 1 : (unsigned long)rng_range(&ids, 1, 9);
        ctx_format_id(c, k.v[i].id, "C", num, 7);
    }
    c->people = k.v;
    c->n_people = k.n;
}

/* ---- people.csv ---- */

static const char *const comm_names[] = {"", "BSL", "easy read", "large print",
                                         "hearing loss", "speech difficulty"};
static const char *const sex_names[] = {"Female", "Male", ""};

int people_write(gen_ctx *c) {
    csvw w;
    csvw_opts o = csvw_plain;
    const char *header;
    if (c->org == ORG_PROVIDER) {
        /* The provider's own system: its header names, UK dates, NHS codes. */
        o.uk_dates = 1;
        o.yes = "Yes";
        o.no = "No";
        header = "Client ID,DOB,Gender,Ethnic Group,religion,sexual_orientation,disability,"
                 "preferred_language,interpreter_required,communication_needs,imd_decile,"
                 "locality,Contract,service_type,support_start,support_end,direct_payment";
    } else if (c->org == ORG_COUNCIL) {
        header = "person_id,date_of_birth,sex,ethnicity,religion,sexual_orientation,"
                 "disability,primary_support_reason,preferred_language,interpreter_required,"
                 "communication_needs,imd_decile,unit,service_type,support_start,support_end,"
                 "direct_payment";
    } else {
        header = "person_id,date_of_birth,sex,ethnicity,disability,preferred_language,"
                 "interpreter_required,communication_needs,imd_decile,unit,service_type,"
                 "support_start,support_end,direct_payment";
    }
    if (csvw_open(&w, c->out, "people.csv", &o, header)) return -1;
    for (size_t i = 0; i < c->n_people; i++) {
        const gen_person *p = &c->people[i];
        const tab_eth *e = &tab_eth_codes[p->eth];
        csvw_raw(&w, p->id, strlen(p->id));
        csvw_date(&w, p->dob);
        csvw_str(&w, sex_names[p->sex]);
        csvw_str(&w, c->org == ORG_PROVIDER ? e->nhs : e->ons);
        if (c->org != ORG_BENCH) {
            csvw_str(&w, p->religion);
            csvw_str(&w, p->orient);
        }
        csvw_flag(&w, p->disability);
        if (c->org == ORG_COUNCIL) csvw_str(&w, psr_names[p->psr]);
        csvw_str(&w, p->lang);
        csvw_flag(&w, p->interp);
        csvw_str(&w, comm_names[p->comm]);
        if (p->imd)
            csvw_int(&w, p->imd);
        else
            csvw_blank(&w);
        if (c->org == ORG_PROVIDER) csvw_str(&w, p->area);
        csvw_str(&w, c->unit_names[p->unit]);
        csvw_str(&w, p->service);
        csvw_date(&w, p->start);
        csvw_date(&w, p->end);
        csvw_flag(&w, p->dp);
        csvw_end(&w);
    }
    return csvw_close(&w);
}

/* Exposed for the events module: primary support reason codes. */
int people_is_ld_or_mh(const gen_person *p) { return p->psr == PSR_LD || p->psr == PSR_MH; }
int people_needs_quiet(const gen_person *p) { return p->psr == PSR_MH; }
int people_has_memory_needs(const gen_person *p) { return p->psr == PSR_MEMORY; }
