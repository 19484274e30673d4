/* gen_org.c: organisation-level extracts: actions.csv, spend.csv and the
 * council's population.csv (Coventry, Census 2021). */
#include "gen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* ---- actions.csv ---- */

static const char *const source_names[] = {"complaint", "audit", "EIA", "inspection", "survey",
                                           "other"};
enum { ST_OPEN, ST_PROGRESS, ST_DONE, ST_DROPPED };
static const char *const status_names[] = {"open", "in progress", "done", "dropped"};

typedef struct action_def {
    const char *title;
    int source;
    const char *lead;
    const char *statements;  /* CQC quality statements it serves */
} action_def;

static const action_def provider_actions[] = {
    {"Recruit two bilingual (Punjabi/Urdu) care workers for Coventry North", 0, "Registered Manager", "R6;W4"},
    {"Introduce a “Getting to know you” visit for new clients who need an interpreter", 0,
     "Care Coordinator (North)", "R5;R6"},
    {"Audit of medication administration records – Warwickshire Rural", 1, "Quality Lead", "S8"},
    {"Refresh Equality and diversity training for all care staff", 2, "Training Lead", "W4;R6"},
    {"Add preferred language and interpreter need to the referral form", 2, "Quality Lead", "R5"},
    {"Set up BSL video relay for office calls", 0, "Office Manager", "R3;R5"},
    {"Reduce missed visits in Warwickshire Rural: rota review", 1, "Care Coordinator (Rural)", "S6;R2"},
    {"Publish an easy read version of the complaints procedure", 0, "Quality Lead", "R3;R4"},
    {"Supervision catch-up plan for staff overdue by more than 8 weeks", 1, "Registered Manager", "C5;S6"},
    {"Translate the ‘Your care plan’ leaflet into Punjabi, Urdu and Polish", 4, "Quality Lead", "R3"},
    {"Act on survey feedback: “carers rush my visit”", 4, "Registered Manager", "R1;C1"},
    {"New starter buddy scheme to reduce early leavers", 5, "HR Manager", "C5;S6"},
    {"Mileage rate review to keep rural carers", 5, "HR Manager", "S6"},
    {"Cultural awareness session on food and personal care preferences", 0, "Training Lead", "C2;R6"},
    {"Update the safeguarding policy to the new multi-agency procedures", 3, "Safeguarding Lead", "S3"},
    {"EIA of the new call monitoring system", 2, "Quality Lead", "R6;W5"},
    {"Quarterly review of complaints with equality themes", 0, "Registered Manager", "R4;R6;W7"},
    {"Follow up the CQC recommendation on care plan reviews", 3, "Registered Manager", "R1;E1"},
    {"Improve recording of ethnicity and religion at assessment (target 95%)", 1, "Quality Lead", "R6"},
    {"Pilot paid travel time between visits in Coventry South", 5, "Operations Director", "S6;C5"},
    {"Consistent-carer rotas for people living with dementia", 4, "Care Coordinator (South)", "R2;C2"},
    {"Check that ‘did not attend’ letters are sent in the person’s own language", 0,
     "Office Manager", "R5;R3"},
    {"Review restrictive practice in two care plans", 3, "Safeguarding Lead", "S3;E6"},
    {"Spot-check programme for agency staff", 1, "Quality Lead", "S6"},
};

static const action_def council_actions[] = {
    {"Co-produce the carers’ strategy with Foleshill community groups", 2, "Head of Adult Social Care", "LA5"},
    {"Improve ethnicity recording at first contact (target 95%)", 1, "Performance Manager", "LA3"},
    {"Review direct payment uptake among Black residents", 2, "Equality Lead", "LA3"},
    {"Translate the “Your assessment” leaflet into Punjabi, Urdu, Polish and Arabic", 0,
     "Customer Relations Manager", "LA1;LA3"},
    {"Commission a BSL interpreting framework", 0, "Commissioning Manager", "LA3"},
    {"EIA: adult social care charging policy", 2, "Equality Lead", "LA8;LA3"},
    {"Reduce waits for Care Act assessments to under 28 days", 3, "Principal Social Worker", "LA1"},
    {"Respond to ‘Making it Real’ feedback from the people’s panel", 4, "Head of Adult Social Care", "LA9"},
    {"Audit safeguarding enquiries for cultural and language needs", 1, "Safeguarding Lead", "LA7;LA3"},
    {"Publish easy read information about reablement", 0, "Customer Relations Manager", "LA2"},
    {"Review out-of-area placements for adults with learning disabilities", 1,
     "Commissioning Manager", "LA4"},
    {"Strengthen links with Coventry Mind on mental health pathways", 5, "Principal Social Worker", "LA5"},
    {"Market position statement: home support in the North East locality", 5,
     "Commissioning Manager", "LA4;LA8"},
    {"Respond to survey comments: “nobody explained what happens next”", 4,
     "Principal Social Worker", "LA1;LA9"},
    {"Train front-door staff to use telephone interpreters", 0, "Service Manager (Front Door)", "LA1;LA3"},
    {"Develop a Gypsy, Roma and Traveller engagement plan", 2, "Equality Lead", "LA3;LA5"},
    {"Quarterly review at DMT of complaints with equality themes", 0, "Customer Relations Manager", "LA9;LA3"},
    {"Refresh the quality assurance framework for commissioned providers", 3,
     "Quality Assurance Manager", "LA8"},
    {"CQC assessment: action plan for ‘Equity in experience and outcomes’", 3,
     "Head of Adult Social Care", "LA3"},
    {"Improve transitions from children’s services for young adults", 1, "Service Manager (Transitions)", "LA6"},
    {"Pilot community-led support hubs in West and South", 5, "Service Manager (Localities)", "LA2;LA5"},
    {"Review interpreter spend and booking times", 1, "Performance Manager", "LA3"},
    {"Cut missed assessment appointments with reminder texts", 4, "Service Manager (Front Door)", "LA1"},
    {"Add the sexual orientation question to the annual survey", 2, "Equality Lead", "LA3"},
    {"Follow up safeguarding alerts raised about restrictive practice", 3, "Safeguarding Lead", "LA7"},
};

static int action_cmp(const void *a, const void *b) {
    const gen_action *x = a, *y = b;
    if (x->created != y->created) return x->created < y->created ? -1 : 1;
    return strcmp(x->title, y->title);
}

void org_actions_generate(gen_ctx *c) {
    const action_def *defs = c->org == ORG_COUNCIL ? council_actions : provider_actions;
    size_t n = c->org == ORG_COUNCIL ? sizeof council_actions / sizeof *council_actions
                                     : sizeof provider_actions / sizeof *provider_actions;
    if (c->org == ORG_BENCH) return;
    gen_rng r;
    rng_seed(&r, c->seed, STREAM_ACTIONS);
    c->actions = xcalloc(n, sizeof *c->actions);
    c->n_actions = n;
    for (size_t i = 0; i < n; i++) {
        gen_action *a = &c->actions[i];
        a->title = defs[i].title;
        a->source = defs[i].source;
        a->lead = defs[i].lead;
        a->statements = defs[i].statements;
        /* More actions are recent: the plan is a living document. */
        double span = (double)(c->as_at - 7 - (c->history_start + 60));
        a->created = c->history_start + 60 + (sv_day)(span * sqrt(rng_unit(&r)));
        a->deadline = a->created + rng_range(&r, 30, 240);
        if (a->deadline > c->as_at + 180) a->deadline = c->as_at + 180;
        static const double past[] = {15, 15, 60, 10}, future[] = {40, 45, 15, 0};
        a->status = rng_pick(&r, a->deadline < c->as_at ? past : future, 4);
        a->closed = SV_NO_DATE;
        if (a->status == ST_DONE || a->status == ST_DROPPED) {
            sv_day until = a->deadline + 40 < c->as_at ? a->deadline + 40 : c->as_at;
            a->closed = rng_range(&r, a->created + 14 < until ? a->created + 14 : until, until);
        }
    }
    qsort(c->actions, n, sizeof *c->actions, action_cmp);
}

/* Deadlines are the only dates that may fall after the as-at day: an open
 * action is due in the future. */
int org_write_actions(gen_ctx *c) {
    csvw w;
    if (csvw_open(&w, c->out, "actions.csv", &csvw_plain,
                  "action_id,title,lead,source,created_date,deadline,status,closed_date,"
                  "quality_statement"))
        return -1;
    for (size_t i = 0; i < c->n_actions; i++) {
        const gen_action *a = &c->actions[i];
        csvw_id(&w, "ACT-", 101 + i, 3);
        csvw_str(&w, a->title);
        csvw_str(&w, a->lead);
        csvw_str(&w, source_names[a->source]);
        csvw_date(&w, a->created);
        csvw_date(&w, a->deadline);
        csvw_str(&w, status_names[a->status]);
        csvw_date(&w, a->closed);
        csvw_str(&w, a->statements);
        csvw_end(&w);
    }
    return csvw_close(&w);
}

/* ---- spend.csv ---- */

typedef struct supplier {
    const char *name;
    int sme, vcse, local;
    int every;       /* months between payments; 0: ad hoc, about 4 a year */
    long pounds;     /* typical payment */
} supplier;

static const supplier provider_suppliers[] = {
    {"Coventry Fleet Leasing Ltd", 1, 0, 1, 1, 2400},
    {"Warwickshire Uniforms Ltd", 1, 0, 1, 3, 800},
    {"Midlands PPE Supplies Ltd", 1, 0, 1, 1, 1100},
    {"National Care Software plc", 0, 0, 0, 1, 1850},
    {"Arden Training Partnership CIC", 1, 1, 1, 2, 1200},
    {"Caffi Tŷ Coffi CIC", 1, 1, 0, 0, 260},
    {"Łukasz Kowalczyk Catering", 1, 0, 1, 0, 420},
    {"Foleshill Community Transport", 1, 1, 1, 1, 600},
    {"Age UK Coventry and Warwickshire", 1, 1, 1, 3, 900},
    {"Brite Office Supplies Ltd", 1, 0, 0, 1, 250},
    {"BT Business", 0, 0, 0, 1, 420},
    {"E.ON Next", 0, 0, 0, 1, 380},
    {"Canley Cleaning Co-operative", 1, 1, 1, 1, 520},
    {"Enterprise Rent-A-Car UK Ltd", 0, 0, 0, 0, 300},
    {"Kenilworth Accountancy LLP", 1, 0, 1, 3, 1500},
    {"Zürich Insurance plc", 0, 0, 0, 12, 14000},
    {"Şahin Translation Services Ltd", 1, 0, 0, 1, 480},
    {"Coventry Deaf Connect CIC", 1, 1, 1, 0, 350},
    {"Rugby Fuel Cards Ltd", 1, 0, 1, 1, 3000},
    {"Skills for Care", 0, 1, 0, 12, 150},
};

static const supplier council_suppliers[] = {
    {"Riverside Home Support Ltd", 1, 0, 1, 1, 185000},
    {"Allied Healthcare Group Ltd", 0, 0, 0, 1, 240000},
    {"Willow Court Care Home Ltd", 1, 0, 1, 1, 96000},
    {"Brookvale Nursing Home Ltd", 1, 0, 1, 1, 132000},
    {"MHA (Methodist Homes)", 0, 1, 0, 1, 88000},
    {"Anchor Hanover Group", 0, 1, 0, 1, 61000},
    {"Coventry Carers’ Trust", 1, 1, 1, 3, 45000},
    {"Foleshill Women’s Training", 1, 1, 1, 3, 12000},
    {"Grapevine Coventry and Warwickshire", 1, 1, 1, 3, 18000},
    {"Age UK Coventry and Warwickshire", 1, 1, 1, 1, 22000},
    {"Coventry Mind", 1, 1, 1, 1, 16000},
    {"Dignity Home Care (Midlands) Ltd", 1, 0, 1, 1, 74000},
    {"Sahara Care Services Ltd", 1, 0, 1, 1, 39000},
    {"Shared Lives Plus", 0, 1, 0, 12, 9000},
    {"Caffi Tŷ Coffi CIC", 1, 1, 0, 0, 900},
    {"Łukasz Kowalczyk Catering", 1, 0, 1, 0, 1300},
    {"Zürich Municipal", 0, 0, 0, 12, 210000},
    {"Coventry Deaf Connect CIC", 1, 1, 1, 1, 3200},
    {"Şahin Translation Services Ltd", 1, 0, 0, 1, 5400},
    {"Language Line Solutions Ltd", 0, 0, 0, 1, 7800},
    {"Liberata UK Ltd", 0, 0, 0, 1, 34000},
    {"Hillfields Community Kitchen CIO", 1, 1, 1, 0, 2500},
    {"Warwickshire Supported Living Ltd", 1, 0, 1, 1, 58000},
    {"Careline Telecare Ltd", 1, 0, 0, 1, 21000},
    {"Pukka Pantry Ltd", 1, 0, 1, 0, 800},
};

int org_write_spend(gen_ctx *c) {
    gen_extract ex;
    if (extract_open(&ex, c->out, "spend.csv", "supplier,date,amount,sme,vcse,local", c->seed,
                     STREAM_SPEND))
        return -1;
    gen_rng *r = &ex.rng;
    const supplier *sv = c->org == ORG_COUNCIL ? council_suppliers : provider_suppliers;
    size_t n = c->org == ORG_COUNCIL ? sizeof council_suppliers / sizeof *council_suppliers
                                     : sizeof provider_suppliers / sizeof *provider_suppliers;
    for (size_t i = 0; i < n; i++) {
        const supplier *s = &sv[i];
        int k = s->every ? s->every : 1;
        for (sv_day m = day_add_months(c->history_start, rng_range(r, 0, k - 1)); m <= c->as_at;
             m = day_add_months(m, k)) {
            int times = s->every ? 1 : rng_poisson(r, 0.35);
            for (int j = 0; j < times; j++) {
                sv_day d = m + rng_range(r, 2, 26);
                if (d > c->as_at) continue;
                long pence = (long)((double)s->pounds * 100.0 * (0.85 + 0.3 * rng_unit(r)));
                csvw *b = rows_begin(&ex.rows, d);
                csvw_str(b, s->name);
                csvw_date(b, d);
                csvw_fixed2(b, pence);
                csvw_flag(b, s->sme);
                csvw_flag(b, s->vcse);
                csvw_flag(b, s->local);
                rows_end(&ex.rows);
            }
        }
    }
    return extract_close(&ex, NULL, 0, 0);
}

/* ---- population.csv ---- */

/* Counts for `total` whose shares round (1 decimal) to the published
 * rounded shares, which may sum to 100.1: spread the excess evenly, then
 * largest remainder. */
static void counts_for_shares(const double *share, int n, long total, long *out) {
    double sum = 0, frac[8];
    for (int i = 0; i < n; i++) sum += share[i];
    long given = 0;
    for (int i = 0; i < n; i++) {
        double exact = (double)total * (share[i] - (sum - 100.0) / n) / 100.0;
        out[i] = (long)exact;
        frac[i] = exact - (double)out[i];
        given += out[i];
    }
    for (; given < total; given++) {
        int best = 0;
        for (int i = 1; i < n; i++)
            if (frac[i] > frac[best]) best = i;
        out[best]++;
        frac[best] = -1;
    }
}

static void pop_row(csvw *w, const char *dim, const char *group, const char *scope, long n) {
    csvw_str(w, dim);
    csvw_str(w, group);
    csvw_str(w, scope);
    csvw_int(w, n);
    csvw_end(w);
}

int org_write_population(gen_ctx *c) {
    csvw w;
    if (csvw_open(&w, c->out, "population.csv", &csvw_plain, "dimension,group,age_scope,count"))
        return -1;
    /* Coventry, Census 2021; shares in G_* order (White, Asian, Black,
     * Mixed, Other). */
    static const char *const scopes[] = {"all", "18-64", "65+"};
    static const long totals[] = {345300, 219000, 47000};
    static const double shares[3][5] = {
        {65.5, 18.5, 8.9, 3.4, 3.7}, {64.8, 19.6, 9.2, 2.7, 3.8}, {85.8, 10.4, 1.8, 0.5, 1.5}};
    for (int s = 0; s < 3; s++) {
        long n[5];
        counts_for_shares(shares[s], 5, totals[s], n);
        for (int g = 0; g < 5; g++) pop_row(&w, "ethnicity", tab_group_names[g], scopes[s], n[g]);
    }
    static const long female[] = {172000, 107800, 26000};
    for (int s = 0; s < 3; s++) {
        pop_row(&w, "sex", "Female", scopes[s], female[s]);
        pop_row(&w, "sex", "Male", scopes[s], totals[s] - female[s]);
    }
    /* Many students: a large 18-24 band. Bands sum to the 18-64 and 65+ totals. */
    static const char *const bands[] = {"18-24", "25-34", "35-49", "50-64",
                                        "65-74", "75-84", "85+"};
    static const long band_n[] = {46000, 56500, 66000, 50500, 24800, 15700, 6500};
    for (int b = 0; b < 7; b++) pop_row(&w, "age_band", bands[b], "all", band_n[b]);
    return csvw_close(&w);
}
