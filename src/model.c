/* model.c: one pass over each extract into the model (see model.h and the
 * data contract, "The extracts"). */
#include "model.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "codelists.h"
#include "csvreader.h"
#include "idmap.h"
#include "strbuf.h"
#include "xalloc.h"

/* Trimmed key of a cell. */
static const char *cell_key(const csvr_row *row, int col, size_t *len) {
    const char *s = row->cells[col].s;
    size_t n = row->cells[col].len;
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    *len = n;
    return s;
}

/* ---- the set of (person, month, staff) keys for distinct carers ----------- */

/* Distinct (person, month, carer) keys. Appends are sequential; the
 * vector is sorted and deduplicated when full (and once at the end), so it
 * holds at most about twice the distinct keys: cheaper than a hash set
 * whose random writes miss the cache on every insert. */
typedef struct key_vec {
    uint64_t *keys;
    size_t n, cap;
} key_vec;

/* LSD radix sort, 16 bits a pass, skipping passes where every key has the
 * same digit. tmp holds n keys, count 65536 counters. */
static void radix_sort_u64(uint64_t *a, uint64_t *tmp, size_t *count, size_t n) {
    uint64_t all_or = 0, all_and = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) all_or |= a[i], all_and &= a[i];
    for (int shift = 0; shift < 64; shift += 16) {
        if ((((all_or ^ all_and) >> shift) & 0xffff) == 0) continue;
        memset(count, 0, ((size_t)1 << 16) * sizeof *count);
        for (size_t i = 0; i < n; i++) count[(a[i] >> shift) & 0xffff]++;
        size_t sum = 0;
        for (size_t d = 0; d < (1 << 16); d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) tmp[count[(a[i] >> shift) & 0xffff]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}

static void keyvec_compact(key_vec *v) {
    if (v->n < 2) return;
    uint64_t *tmp = xmalloc(v->n * sizeof *tmp);
    size_t *count = xmalloc(((size_t)1 << 16) * sizeof *count);
    radix_sort_u64(v->keys, tmp, count, v->n);
    free(count);
    free(tmp);
    size_t u = 1;
    for (size_t i = 1; i < v->n; i++)
        if (v->keys[i] != v->keys[u - 1]) v->keys[u++] = v->keys[i];
    v->n = u;
}

static void keyvec_add(key_vec *v, uint64_t key) {
    if (v->n == v->cap) {
        keyvec_compact(v);
        if (v->n * 2 >= v->cap) {
            v->cap = v->cap ? v->cap * 2 : 65536;
            v->keys = xrealloc(v->keys, v->cap * sizeof *v->keys);
        }
    }
    v->keys[v->n++] = key;
}

/* ---- loading context -------------------------------------------------------- */

#define RECENT_CARERS 8

typedef struct person_key {
    char key[16];
    uint8_t len;  /* 0: longer than 16 bytes, never guessed */
} person_key;

typedef struct load_ctx {
    sv_model *m;
    const sv_config *cfg;
    sv_error *err;
    sv_day today;          /* the run date */
    sv_day latest_valid;   /* the data date, else the run date: later dates are impossible */
    sv_day latest_seen;
    idmap *people, *staff, *record_ids;
    int staff_from_visits; /* no workforce extract: staff ids come from visits */
    size_t cap;            /* capacity of the array being filled */
    int unit_col;          /* people cell index of the unit column, -1 none */
    /* visits */
    int16_t *day_slot;     /* day - period_first -> slot, -1 outside every period */
    uint8_t *day_month;    /* day - period_first -> month - visit_month0 */
    sv_day period_first, period_last;
    /* Visit aggregates; each part of a parallel read has its own. */
    visit_counts *visits;
    long visits_outside;
    key_vec carers;
    uint32_t *recent;      /* per person, the last (month, carer) pairs added, + 1 */
    struct staff_memo *staff_memo; /* per person, the last 4 carers looked up */
    /* The last person looked up: rosters list a person's visits together. */
    char last_person[32];
    size_t last_len;
    int32_t last_index;
    /* Each person's id (up to 16 bytes), and per reader the person who came
     * after each one last time: a roster lists the same people in the same
     * order day after day, so the guess spares most lookups. */
    struct person_key *person_keys;
    size_t person_keys_cap;
    int32_t *next_person;  /* NULL: no guessing (readers sharing a context) */
    /* The last event date read well, as written and as a day. */
    char date_text[16];
    size_t date_len;
    extract_id date_extract;
    sv_day date_day;
    int threads;           /* parts a large extract may be read in */
    dq_log *dq;            /* where this reader's findings go */
    struct progress *progress;
} load_ctx;

static void note_date(load_ctx *lc, sv_day d) {
    if (d != SV_NO_DATE && d > lc->latest_seen) lc->latest_seen = d;
}

/* An event date must not be after the data date (or, without one, the
 * run date): the extract cannot hold what has not happened. */
static int event_date(load_ctx *lc, const csvr_row *row, int col, int required, sv_day *out) {
    const sv_config *cfg = lc->cfg;
    const csvr_cell *c = &row->cells[col];
    /* Rows come in date order mostly: the last good date is parsed once. */
    if (c->len && c->len == lc->date_len && row->extract == lc->date_extract &&
        memcmp(c->s, lc->date_text, c->len) == 0) {
        *out = lc->date_day;
        return 0;
    }
    if (csvr_date(row, col, required, cfg->extracts[row->extract].dates, out) < 0) return -1;
    if (*out != SV_NO_DATE && *out > lc->latest_valid) {
        *out = SV_NO_DATE;
        csvr_report(row, col, required ? DQ_DATE_RANGE : DQ_DATE_AFTER_DATA);
        return required ? -1 : 0;
    }
    note_date(lc, *out);
    if (*out != SV_NO_DATE && c->len <= sizeof lc->date_text) {
        memcpy(lc->date_text, c->s, c->len);
        lc->date_len = c->len;
        lc->date_extract = row->extract;
        lc->date_day = *out;
    }
    return 0;
}

static int birth_date(load_ctx *lc, const csvr_row *row, int col, sv_day *out) {
    if (csvr_date(row, col, 0, lc->cfg->extracts[row->extract].dates, out) < 0) return -1;
    if (*out != SV_NO_DATE && *out > lc->latest_valid) {
        *out = SV_NO_DATE;
        csvr_report(row, col, DQ_DATE_AFTER_DATA);
    }
    return 0;
}

static int unique_id(load_ctx *lc, const csvr_row *row, int col) {
    size_t len;
    const char *key = cell_key(row, col, &len);
    if (!len) {
        csvr_report(row, col, DQ_MISSING_VALUE);
        return -1;
    }
    if (idmap_find(lc->record_ids, key, len) >= 0) {
        csvr_report(row, col, DQ_DUPLICATE_ID);
        return -1;
    }
    idmap_put(lc->record_ids, key, len, 0);
    return 0;
}

/* Person reference: -1 blank, -2 unknown (reported with `reason`). */
static int32_t person_ref(load_ctx *lc, const csvr_row *row, int col, dq_reason reason) {
    size_t len;
    const char *key = cell_key(row, col, &len);
    if (!len) return -1;
    if (len == lc->last_len && memcmp(key, lc->last_person, len) == 0) return lc->last_index;
    int32_t i = -1;
    if (lc->next_person && lc->last_len) {
        int32_t guess = lc->next_person[lc->last_index];
        if (guess >= 0 && lc->person_keys[guess].len == len && memcmp(lc->person_keys[guess].key, key, len) == 0)
            i = guess;
    }
    if (i < 0) {
        i = idmap_find(lc->people, key, len);
        if (i >= 0 && lc->next_person && lc->last_len) lc->next_person[lc->last_index] = i;
    }
    if (i >= 0) {
        if (len < sizeof lc->last_person) {
            memcpy(lc->last_person, key, len);
            lc->last_len = len;
            lc->last_index = i;
        }
        return i;
    }
    csvr_report(row, col, reason);
    return -2;
}

static int32_t staff_ref(load_ctx *lc, const csvr_row *row, int col, dq_reason reason) {
    size_t len;
    const char *key = cell_key(row, col, &len);
    if (!len) return -1;
    if (lc->staff_from_visits)
        return idmap_put(lc->staff, key, len, (int32_t)idmap_count(lc->staff));
    int32_t i = idmap_find(lc->staff, key, len);
    if (i >= 0) return i;
    csvr_report(row, col, reason);
    return -2;
}

/* Code from a list; unknown -> finding, `fallback`. Blank -> fallback. */
static int code_cell(const csvr_row *row, int col, const code_list *list, int required,
                     int fallback, int *out) {
    const csvr_cell *c = &row->cells[col];
    *out = fallback;
    if (!c->field || csvr_blank(row, col)) {
        if (!required) return 0;
        csvr_report(row, col, DQ_MISSING_VALUE);
        return -1;
    }
    int v = code_lookup(list, c->s, c->len);
    if (v == CODE_UNKNOWN) {
        csvr_report(row, col, required ? DQ_UNKNOWN_CODE_ROW : DQ_UNKNOWN_CODE);
        return required ? -1 : 0;
    }
    *out = v;
    return 0;
}

/* A ';'-list cell as a bit set; the first unknown item is the finding. */
static unsigned code_set_cell(const csvr_row *row, int col, const code_list *list) {
    int unknown = 0;
    const char *first = NULL;
    size_t first_len = 0;
    unsigned mask = code_set_parse(list, row->cells[col].s, row->cells[col].len, &unknown, &first, &first_len);
    if (unknown) csvr_report_value(row, col, DQ_UNKNOWN_CODE, first, first_len);
    return mask;
}

static uint16_t intern(char ***names, size_t *n, const char *s, size_t len) {
    for (size_t i = 0; i < *n; i++)
        if (strlen((*names)[i]) == len && memcmp((*names)[i], s, len) == 0) return (uint16_t)i;
    *names = xrealloc(*names, (*n + 1) * sizeof **names);
    (*names)[*n] = xstrndup(s, len);
    return (uint16_t)(*n)++;
}

/* Is a free-text equality field recorded (not blank, not "not known")? */
static int recorded(const csvr_row *row, int col) {
    const csvr_cell *c = &row->cells[col];
    if (!c->field || csvr_blank(row, col)) return 0;
    static const char *const unknown[] = {"not known|unknown|not recorded|missing"};
    static const code_list list = {unknown, 1};
    return code_lookup(&list, c->s, c->len) == CODE_UNKNOWN;
}

#define PUSH(lc, arr, n, value)                 \
    do {                                        \
        XGROW((arr), (lc)->cap, (n) + 1);       \
        (arr)[(n)++] = (value);                 \
    } while (0)

/* Sex and ethnicity cells; unknown codes are findings, treated as not known. */
static void sex_and_ethnicity(const load_ctx *lc, const csvr_row *row, int sex_col, int eth_col,
                              uint8_t *sex, uint8_t *eth) {
    const csvr_cell *c = &row->cells[sex_col];
    int s = c->field ? sex_parse(c->s, c->len) : SEX_NOT_KNOWN;
    if (s == CODE_UNKNOWN) {
        csvr_report(row, sex_col, DQ_UNKNOWN_CODE);
        s = SEX_NOT_KNOWN;
    }
    c = &row->cells[eth_col];
    int e = c->field ? ethnicity_parse(c->s, c->len, lc->cfg->nhs_r) : ETH_NOT_KNOWN;
    if (e == CODE_UNKNOWN) {
        csvr_report(row, eth_col, DQ_UNKNOWN_CODE);
        e = ETH_NOT_KNOWN;
    }
    *sex = (uint8_t)s;
    *eth = (uint8_t)e;
}

/* ---- people ------------------------------------------------------------------ */

static int on_person(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    sv_model *m = lc->m;
    person p;
    memset(&p, 0, sizeof p);
    size_t idlen;
    const char *id = cell_key(row, PC_PERSON_ID, &idlen);
    if (!idlen) {
        csvr_report(row, PC_PERSON_ID, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    if (idmap_find(lc->people, id, idlen) >= 0) {
        csvr_report(row, PC_PERSON_ID, DQ_DUPLICATE_ID);
        return CSVR_EXCLUDED;
    }
    if (event_date(lc, row, PC_SUPPORT_START, 1, &p.support_start) < 0 ||
        event_date(lc, row, PC_SUPPORT_END, 0, &p.support_end) < 0 ||
        birth_date(lc, row, PC_DOB, &p.dob) < 0)
        return CSVR_EXCLUDED;
    if (p.support_end != SV_NO_DATE && p.support_end < p.support_start) {
        csvr_report(row, PC_SUPPORT_END, DQ_END_BEFORE_START);
        return CSVR_EXCLUDED;
    }
    long age = -1, imd = 0;
    int known = 0;
    csvr_int(row, PC_AGE, 0, 0, 120, &age, &known);
    p.age = known ? (int16_t)age : -1;
    csvr_int(row, PC_IMD, 0, 1, 10, &imd, &known);
    p.imd = known ? (uint8_t)imd : 0;
    sex_and_ethnicity(lc, row, PC_SEX, PC_ETHNICITY, &p.sex, &p.ethnicity);
    p.disability = (uint8_t)csvr_flag(row, PC_DISABILITY);
    p.interpreter = (uint8_t)csvr_flag(row, PC_INTERPRETER);
    p.direct_payment = (uint8_t)csvr_flag(row, PC_DIRECT_PAYMENT);
    if (p.dob != SV_NO_DATE || p.age >= 0) p.recorded |= REC_AGE;
    if (p.sex != SEX_NOT_KNOWN) p.recorded |= REC_SEX;
    if (p.ethnicity != ETH_NOT_KNOWN) p.recorded |= REC_ETHNICITY;
    if (p.disability != FLAG_UNKNOWN) p.recorded |= REC_DISABILITY;
    if (recorded(row, PC_RELIGION)) p.recorded |= REC_RELIGION;
    if (recorded(row, PC_SEXUAL_ORIENTATION)) p.recorded |= REC_SEXUAL_ORIENTATION;
    if (recorded(row, PC_LANGUAGE)) p.recorded |= REC_LANGUAGE;
    if (lc->unit_col >= 0) {
        size_t ulen;
        const char *u = cell_key(row, lc->unit_col, &ulen);
        if (ulen) p.unit = intern(&m->units, &m->nunits, u, ulen);
    }
    int32_t index = (int32_t)m->npeople;
    idmap_put(lc->people, id, idlen, index);
    XGROW(lc->person_keys, lc->person_keys_cap, (size_t)index + 1);
    person_key *pk = &lc->person_keys[index];
    pk->len = idlen <= sizeof pk->key ? (uint8_t)idlen : 0;
    if (pk->len) memcpy(pk->key, id, idlen);
    PUSH(lc, m->people, m->npeople, p);
    return CSVR_USED;
}

/* ---- referrals, episodes, feedback, survey ------------------------------------ */

static int on_referral(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    referral r;
    memset(&r, 0, sizeof r);
    if (unique_id(lc, row, RC_REFERRAL_ID) < 0) return CSVR_EXCLUDED;
    int32_t who = person_ref(lc, row, RC_PERSON_ID, DQ_UNKNOWN_PERSON_KEPT);
    r.person = who < 0 ? -1 : who;
    if (event_date(lc, row, RC_REFERRAL_DATE, 1, &r.date) < 0 ||
        event_date(lc, row, RC_FIRST_CONTACT, 0, &r.first_contact) < 0 ||
        event_date(lc, row, RC_ASSESSMENT, 0, &r.assessment) < 0)
        return CSVR_EXCLUDED;
    if (r.assessment != SV_NO_DATE && r.assessment < r.date) {
        csvr_report(row, RC_ASSESSMENT, DQ_END_BEFORE_START);
        return CSVR_EXCLUDED;
    }
    long offered = -1, dna = -1;
    int ko = 0, kd = 0;
    csvr_int(row, RC_OFFERED, 0, 0, 1000, &offered, &ko);
    csvr_int(row, RC_DNA, 0, 0, 1000, &dna, &kd);
    r.offered = ko ? (int16_t)offered : -1;
    r.dna = kd ? (int16_t)dna : -1;
    if (ko && kd && dna > offered) {
        char detail[32];
        snprintf(detail, sizeof detail, " (%ld)", offered);
        csvr_report_detail(row, RC_DNA, DQ_DNA_OVER_OFFERED, detail);
        return CSVR_EXCLUDED;
    }
    int cf;
    code_cell(row, RC_CONTACT_FORMAT, &CONTACT_FORMAT_LIST, 0, 255, &cf);
    r.contact_format = (uint8_t)cf;
    r.requested = (uint8_t)code_set_cell(row, RC_ADJ_REQUESTED, &ADJUSTMENT_LIST);
    r.provided = (uint8_t)code_set_cell(row, RC_ADJ_PROVIDED, &ADJUSTMENT_LIST);
    PUSH(lc, lc->m->referrals, lc->m->nreferrals, r);
    return CSVR_USED;
}

static int on_episode(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    episode e;
    memset(&e, 0, sizeof e);
    if (unique_id(lc, row, EC_EPISODE_ID) < 0) return CSVR_EXCLUDED;
    e.person = person_ref(lc, row, EC_PERSON_ID, DQ_UNKNOWN_PERSON);
    if (e.person == -1) {
        csvr_report(row, EC_PERSON_ID, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    if (e.person < 0) return CSVR_EXCLUDED;
    if (event_date(lc, row, EC_START, 1, &e.start) < 0 || event_date(lc, row, EC_END, 0, &e.end) < 0)
        return CSVR_EXCLUDED;
    if (e.end != SV_NO_DATE && e.end < e.start) {
        csvr_report(row, EC_END, DQ_END_BEFORE_START);
        return CSVR_EXCLUDED;
    }
    int reason;
    code_cell(row, EC_END_REASON, &END_REASON_LIST, 0, -1, &reason);
    e.end_reason = (int8_t)reason;
    PUSH(lc, lc->m->episodes, lc->m->nepisodes, e);
    return CSVR_USED;
}

static int on_feedback(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    feedback f;
    memset(&f, 0, sizeof f);
    if (unique_id(lc, row, FC_RECORD_ID) < 0) return CSVR_EXCLUDED;
    int32_t who = person_ref(lc, row, FC_PERSON_ID, DQ_UNKNOWN_PERSON_KEPT);
    f.person = who < 0 ? -1 : who;
    int type, result;
    if (event_date(lc, row, FC_DATE, 1, &f.date) < 0 || event_date(lc, row, FC_CLOSED, 0, &f.closed) < 0 ||
        code_cell(row, FC_TYPE, &FEEDBACK_TYPE_LIST, 1, 0, &type) < 0)
        return CSVR_EXCLUDED;
    if (f.closed != SV_NO_DATE && f.closed < f.date) {
        csvr_report(row, FC_CLOSED, DQ_END_BEFORE_START);
        return CSVR_EXCLUDED;
    }
    f.type = (uint8_t)type;
    code_cell(row, FC_OUTCOME, &FEEDBACK_OUTCOME_LIST, 0, -1, &result);
    f.outcome = (int8_t)result;
    f.themes = (uint8_t)code_set_cell(row, FC_THEMES, &THEME_LIST);
    f.has_action = !csvr_blank(row, FC_ACTION_ID) && row->cells[FC_ACTION_ID].field;
    PUSH(lc, lc->m->feedback, lc->m->nfeedback, f);
    return CSVR_USED;
}

static int on_survey(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    sv_model *m = lc->m;
    survey_response s;
    memset(&s, 0, sizeof s);
    if (unique_id(lc, row, SC_RESPONSE_ID) < 0) return CSVR_EXCLUDED;
    int32_t who = person_ref(lc, row, SC_PERSON_ID, DQ_UNKNOWN_PERSON_KEPT);
    s.person = who < 0 ? -1 : who;
    double score;
    if (event_date(lc, row, SC_DATE, 1, &s.date) < 0 ||
        csvr_number(row, SC_SCORE, 1, lc->cfg->survey_min, lc->cfg->survey_max, &score, NULL) < 0)
        return CSVR_EXCLUDED;
    size_t qlen;
    const char *q = cell_key(row, SC_QUESTION, &qlen);
    if (!qlen) {
        csvr_report(row, SC_QUESTION, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    s.question = intern(&m->questions, &m->nquestions, q, qlen);
    s.score = (float)score;
    PUSH(lc, m->survey, m->nsurvey, s);
    return CSVR_USED;
}

/* ---- workforce, supervision, training --------------------------------------- */

static int on_staff(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    sv_model *m = lc->m;
    staff s;
    memset(&s, 0, sizeof s);
    size_t idlen;
    const char *id = cell_key(row, WC_STAFF_ID, &idlen);
    if (!idlen) {
        csvr_report(row, WC_STAFF_ID, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    if (idmap_find(lc->staff, id, idlen) >= 0) {
        csvr_report(row, WC_STAFF_ID, DQ_DUPLICATE_ID);
        return CSVR_EXCLUDED;
    }
    if (event_date(lc, row, WC_START, 1, &s.start) < 0 || event_date(lc, row, WC_LEAVE, 0, &s.leave) < 0 ||
        event_date(lc, row, WC_PROMOTED, 0, &s.promoted) < 0 || birth_date(lc, row, WC_DOB, &s.dob) < 0)
        return CSVR_EXCLUDED;
    if (s.leave != SV_NO_DATE && s.leave < s.start) {
        csvr_report(row, WC_LEAVE, DQ_END_BEFORE_START);
        return CSVR_EXCLUDED;
    }
    double fte, travel;
    long age = -1, qual = -1;
    int kf, kt, ka, kq;
    csvr_number(row, WC_FTE, 0, 0, 2, &fte, &kf);
    csvr_number(row, WC_TRAVEL, 0, 0, 600, &travel, &kt);
    csvr_int(row, WC_AGE, 0, 14, 100, &age, &ka);
    csvr_int(row, WC_QUAL_LEVEL, 0, 0, 8, &qual, &kq);
    s.fte = kf ? (float)fte : NAN;
    s.travel = kt ? (float)travel : NAN;
    s.age = ka ? (int16_t)age : -1;
    s.qual_level = kq ? (int8_t)qual : -1;
    int contract, tier, cc;
    code_cell(row, WC_CONTRACT, &CONTRACT_LIST, 0, 255, &contract);
    code_cell(row, WC_ROLE_TIER, &ROLE_TIER_LIST, 0, 255, &tier);
    code_cell(row, WC_CARE_CERT, &CARE_CERT_LIST, 0, -1, &cc);
    s.contract = (uint8_t)contract;
    s.tier = (uint8_t)tier;
    s.care_cert = (int8_t)cc;
    sex_and_ethnicity(lc, row, WC_SEX, WC_ETHNICITY, &s.sex, &s.ethnicity);
    s.local = (uint8_t)csvr_flag(row, WC_LOCAL);
    s.qual_in_progress = (uint8_t)csvr_flag(row, WC_QUAL_IN_PROGRESS);
    idmap_put(lc->staff, id, idlen, (int32_t)m->nstaff);
    PUSH(lc, m->staff, m->nstaff, s);
    return CSVR_USED;
}

static int on_supervision(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    supervision s;
    memset(&s, 0, sizeof s);
    s.staff = staff_ref(lc, row, UC_STAFF_ID, DQ_UNKNOWN_STAFF);
    if (s.staff == -1) csvr_report(row, UC_STAFF_ID, DQ_MISSING_VALUE);
    if (s.staff < 0) return CSVR_EXCLUDED;
    int type;
    if (event_date(lc, row, UC_DATE, 1, &s.date) < 0 ||
        code_cell(row, UC_TYPE, &SUPERVISION_LIST, 1, 0, &type) < 0)
        return CSVR_EXCLUDED;
    s.type = (uint8_t)type;
    PUSH(lc, lc->m->supervision, lc->m->nsupervision, s);
    return CSVR_USED;
}

static int on_training(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    sv_model *m = lc->m;
    training t;
    memset(&t, 0, sizeof t);
    t.staff = staff_ref(lc, row, TC_STAFF_ID, DQ_UNKNOWN_STAFF);
    if (t.staff == -1) csvr_report(row, TC_STAFF_ID, DQ_MISSING_VALUE);
    if (t.staff < 0) return CSVR_EXCLUDED;
    /* A due date may be in the future; completion may not. */
    if (csvr_date(row, TC_DUE, 0, lc->cfg->extracts[EX_TRAINING].dates, &t.due) < 0 ||
        event_date(lc, row, TC_COMPLETED, 0, &t.completed) < 0)
        return CSVR_EXCLUDED;
    size_t clen;
    const char *course = cell_key(row, TC_COURSE, &clen);
    if (!clen) {
        csvr_report(row, TC_COURSE, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    t.course = intern(&m->courses, &m->ncourses, course, clen);
    t.mandatory = (uint8_t)csvr_flag(row, TC_MANDATORY);
    PUSH(lc, m->training, m->ntraining, t);
    return CSVR_USED;
}

/* ---- visits: aggregated as they stream ------------------------------------- */

/* A person's visits are mostly by the same few carers: remembering each
 * person's last four carer ids answers about three lookups in four without
 * touching the staff table (measured on generated rosters). */
typedef struct staff_memo {
    char key[15];
    uint8_t len;  /* 0 = empty */
    int32_t index;
} staff_memo;

static int32_t visit_carer(load_ctx *lc, const csvr_row *row, int32_t who) {
    size_t len;
    const char *key = cell_key(row, VC_STAFF_ID, &len);
    staff_memo *memo = &lc->staff_memo[(size_t)who * 4];
    for (int i = 0; i < 4 && len; i++)
        if (memo[i].len == len && memcmp(memo[i].key, key, len) == 0) return memo[i].index;
    int32_t carer = staff_ref(lc, row, VC_STAFF_ID, DQ_UNKNOWN_STAFF_KEPT);
    if (carer >= 0 && len > 0 && len <= sizeof memo->key) {
        memmove(memo + 1, memo, 3 * sizeof *memo);
        memcpy(memo[0].key, key, len);
        memo[0].len = (uint8_t)len;
        memo[0].index = carer;
    }
    return carer;
}

static void visit_part_alloc(load_ctx *lc);

static int on_visit(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    if (!lc->visits) visit_part_alloc(lc);
    size_t vlen;
    cell_key(row, VC_VISIT_ID, &vlen);
    if (!vlen) {
        csvr_report(row, VC_VISIT_ID, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    int32_t who = person_ref(lc, row, VC_PERSON_ID, DQ_UNKNOWN_PERSON);
    if (who == -1) csvr_report(row, VC_PERSON_ID, DQ_MISSING_VALUE);
    if (who < 0) return CSVR_EXCLUDED;
    sv_day date;
    if (event_date(lc, row, VC_DATE, 1, &date) < 0) return CSVR_EXCLUDED;
    int32_t carer = visit_carer(lc, row, who);
    int missed = csvr_flag(row, VC_MISSED) == FLAG_YES;
    int regular = csvr_flag(row, VC_REGULAR);
    if (date < lc->period_first || date > lc->period_last || lc->day_slot[date - lc->period_first] < 0) {
        lc->visits_outside++;
        return CSVR_USED;
    }
    int slot = lc->day_slot[date - lc->period_first];
    visit_counts *vc = &lc->visits[(size_t)who * (size_t)lc->m->nslots + (size_t)slot];
    vc->planned++;
    if (missed) {
        vc->missed++;
    } else {
        vc->delivered++;
        if (regular != FLAG_UNKNOWN) vc->regular_known++;
        if (regular == FLAG_YES) vc->regular++;
        if (carer >= 0) {
            uint64_t month = lc->day_month[date - lc->period_first];
            uint64_t key = ((uint64_t)who << 40) | (month << 32) | (uint32_t)carer;
            /* A person sees about eight carers a month (generated rosters):
             * remembering each person's last eight (month, carer) pairs
             * spares the key vector most appends. */
            uint32_t tag = (uint32_t)((month << 24) | (uint32_t)carer) + 1;
            uint32_t *r = &lc->recent[(size_t)who * RECENT_CARERS];
            /* A carer index over 24 bits has no tag: always appended (the
             * key vector is made unique later), never remembered. */
            int taggable = carer < (1 << 24), seen = 0;
            for (int i = 0; taggable && i < RECENT_CARERS && !seen; i++) seen = r[i] == tag;
            if (!seen) {
                keyvec_add(&lc->carers, key);
                if (taggable) {
                    memmove(r + 1, r, (RECENT_CARERS - 1) * sizeof *r);
                    r[0] = tag;
                }
            }
        }
    }
    return CSVR_USED;
}

/* ---- outcomes, spend, actions, population ----------------------------------- */

static int on_outcome(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    outcome o;
    memset(&o, 0, sizeof o);
    o.person = person_ref(lc, row, OC_PERSON_ID, DQ_UNKNOWN_PERSON);
    if (o.person == -1) csvr_report(row, OC_PERSON_ID, DQ_MISSING_VALUE);
    if (o.person < 0) return CSVR_EXCLUDED;
    int type, known;
    if (event_date(lc, row, OC_DATE, 1, &o.date) < 0 ||
        code_cell(row, OC_TYPE, &OUTCOME_TYPE_LIST, 1, 0, &type) < 0 ||
        csvr_number(row, OC_QUANTITY, 0, 0, 10000, &o.quantity, &known) < 0)
        return CSVR_EXCLUDED;
    if (!known) o.quantity = 1;
    o.type = (uint8_t)type;
    PUSH(lc, lc->m->outcomes, lc->m->noutcomes, o);
    return CSVR_USED;
}

static int on_spend(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    spend s;
    memset(&s, 0, sizeof s);
    if (csvr_blank(row, XC_SUPPLIER)) {
        csvr_report(row, XC_SUPPLIER, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    if (event_date(lc, row, XC_DATE, 1, &s.date) < 0 ||
        csvr_number(row, XC_AMOUNT, 1, 0, 1e9, &s.amount, NULL) < 0)
        return CSVR_EXCLUDED;
    s.sme = (uint8_t)csvr_flag(row, XC_SME);
    s.vcse = (uint8_t)csvr_flag(row, XC_VCSE);
    s.local = (uint8_t)csvr_flag(row, XC_LOCAL);
    PUSH(lc, lc->m->spend, lc->m->nspend, s);
    return CSVR_USED;
}

static int on_action(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    action a;
    memset(&a, 0, sizeof a);
    if (unique_id(lc, row, AC_ACTION_ID) < 0) return CSVR_EXCLUDED;
    size_t tlen;
    const char *title = cell_key(row, AC_TITLE, &tlen);
    if (!tlen) {
        csvr_report(row, AC_TITLE, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    int source, status;
    if (event_date(lc, row, AC_CREATED, 0, &a.created) < 0 || event_date(lc, row, AC_CLOSED, 0, &a.closed) < 0 ||
        csvr_date(row, AC_DEADLINE, 1, lc->cfg->extracts[EX_ACTIONS].dates, &a.deadline) < 0 ||
        code_cell(row, AC_STATUS, &ACTION_STATUS_LIST, 1, 0, &status) < 0)
        return CSVR_EXCLUDED;
    code_cell(row, AC_SOURCE, &ACTION_SOURCE_LIST, 0, -1, &source);
    a.source = (int8_t)source;
    a.status = (uint8_t)status;
    a.title = xstrndup(title, tlen);
    size_t llen;
    const char *lead = cell_key(row, AC_LEAD, &llen);
    a.lead = llen ? xstrndup(lead, llen) : NULL;
    size_t slen;
    const char *st = cell_key(row, AC_STATEMENT, &slen);
    a.statement = slen ? xstrndup(st, slen) : NULL;
    PUSH(lc, lc->m->actions, lc->m->nactions, a);
    return CSVR_USED;
}

/* "18-24" style band label -> band index for the configured bands. */
static int age_band_parse(const sv_config *cfg, const char *s) {
    for (int i = 0; i < cfg->nage_bands; i++) {
        char label[16];
        if (i + 1 < cfg->nage_bands)
            snprintf(label, sizeof label, "%d-%d", cfg->age_bands[i], cfg->age_bands[i + 1] - 1);
        else
            snprintf(label, sizeof label, "%d+", cfg->age_bands[i]);
        if (strcmp(label, s) == 0) return i;
    }
    return CODE_UNKNOWN;
}

static int population_group(const sv_config *cfg, int dim, const char *s, size_t len) {
    if (dim == POP_DIM_ETHNICITY) return ethnicity_parse_group(s, len);
    if (dim == POP_DIM_SEX) {
        int sex = sex_parse(s, len);
        return sex == SEX_FEMALE || sex == SEX_MALE ? sex : CODE_UNKNOWN;
    }
    char buf[32];
    if (len >= sizeof buf) return CODE_UNKNOWN;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return age_band_parse(cfg, buf);
}

static int on_population(void *ctx, const csvr_row *row) {
    load_ctx *lc = ctx;
    static const char *const dims[] = {"ethnicity|ethnic group", "sex", "age_band|age band|age"};
    static const code_list dim_list = {dims, 3};
    static const char *const scopes[] = {"all|all ages", "18-64", "65+|65 and over"};
    static const code_list scope_list = {scopes, 3};
    population_row p;
    memset(&p, 0, sizeof p);
    int dim, scope, known_count, known_share;
    if (code_cell(row, NC_DIMENSION, &dim_list, 1, 0, &dim) < 0 ||
        code_cell(row, NC_AGE_SCOPE, &scope_list, 0, SCOPE_ALL, &scope) < 0 ||
        csvr_number(row, NC_PEOPLE, 0, 0, 1e10, &p.count, &known_count) < 0 ||
        csvr_number(row, NC_SHARE, 0, 0, 1, &p.share, &known_share) < 0)
        return CSVR_EXCLUDED;
    if (!known_count && !known_share) {
        csvr_report(row, NC_PEOPLE, DQ_MISSING_VALUE);
        return CSVR_EXCLUDED;
    }
    size_t glen;
    const char *g = cell_key(row, NC_GROUP, &glen);
    int group = population_group(lc->cfg, dim, g, glen);
    if (group == CODE_UNKNOWN) {
        csvr_report(row, NC_GROUP, DQ_UNKNOWN_CODE_ROW);
        return CSVR_EXCLUDED;
    }
    p.dimension = (uint8_t)dim;
    p.age_scope = (uint8_t)scope;
    p.group = (int16_t)group;
    if (!known_count) p.count = NAN;
    if (!known_share) p.share = NAN;
    PUSH(lc, lc->m->population, lc->m->npopulation, p);
    return CSVR_USED;
}

static int population_from_config(load_ctx *lc, sv_error *err) {
    const sv_config *cfg = lc->cfg;
    sv_model *m = lc->m;
    m->population = xcalloc(cfg->npopulation ? cfg->npopulation : 1, sizeof *m->population);
    for (size_t i = 0; i < cfg->npopulation; i++) {
        const cfg_population_row *r = &cfg->population[i];
        population_row *p = &m->population[m->npopulation++];
        p->dimension = strcmp(r->dimension, "ethnicity") == 0 ? POP_DIM_ETHNICITY
                       : strcmp(r->dimension, "sex") == 0     ? POP_DIM_SEX
                                                              : POP_DIM_AGE_BAND;
        p->age_scope = strcmp(r->age_scope, "18-64") == 0 ? SCOPE_18_64
                       : strcmp(r->age_scope, "65+") == 0 ? SCOPE_65_PLUS
                                                          : SCOPE_ALL;
        int g = population_group(cfg, p->dimension, r->group, strlen(r->group));
        if (g == CODE_UNKNOWN) {
            char *path = jc_index("$.population", i);
            char *gpath = jc_child(path, "group");
            strbuf groups = STRBUF_INIT;
            if (p->dimension == POP_DIM_ETHNICITY) {
                sb_puts(&groups, "White, Asian, Black, Mixed or Other");
            } else if (p->dimension == POP_DIM_SEX) {
                sb_puts(&groups, "Female or Male");
            } else {
                for (int b = 0; b < cfg->nage_bands; b++) {
                    if (b + 1 < cfg->nage_bands)
                        sb_printf(&groups, "%s%d-%d", b ? ", " : "", cfg->age_bands[b], cfg->age_bands[b + 1] - 1);
                    else
                        sb_printf(&groups, " or %d+", cfg->age_bands[b]);
                }
            }
            jc_fail(cfg->json, gpath, 0, err, "\"%s\" is not %s %s group (%s)", r->group,
                    p->dimension == POP_DIM_ETHNICITY ? "an" : "a",
                    p->dimension == POP_DIM_AGE_BAND ? "age band" : r->dimension, sb_str(&groups));
            sb_free(&groups);
            free(gpath);
            free(path);
            return -1;
        }
        p->group = (int16_t)g;
        p->count = r->count;
        p->share = r->share;
    }
    return 0;
}

/* ---- driver ----------------------------------------------------------------- */

/* Reads one extract with ctxs[0] == lc, in up to nparts parallel parts
 * (csvr_read_parts); *used says how many of ctxs hold results. */
static int read_extract_parts(load_ctx *lc, extract_id ex, csvr_row_fn fn, void *const *ctxs, size_t nparts,
                              size_t *used) {
    *used = 1;
    const cfg_extract *ce = &lc->cfg->extracts[ex];
    if (!ce->path) return 0;
    csvr_options opt;
    memset(&opt, 0, sizeof opt);
    opt.progress = lc->progress;
    opt.separator = ce->separator;
    opt.aliases = ce->aliases;
    opt.naliases = ce->naliases;
    opt.date_format = ce->dates;
    opt.dq = lc->dq;
    column_def unit_def = {lc->cfg->unit_column, 0, SENS_NONE};
    lc->unit_col = -1;
    if (ex == EX_PEOPLE && lc->cfg->unit_column) {
        const extract_def *d = extract_get(EX_PEOPLE);
        for (size_t c = 0; c < d->ncolumns; c++)
            if (strcmp(d->columns[c].name, lc->cfg->unit_column) == 0) lc->unit_col = (int)c;
        if (lc->unit_col < 0) {
            opt.extra = &unit_def;
            opt.nextra = 1;
            lc->unit_col = (int)d->ncolumns;
        }
    }
    idmap_clear(lc->record_ids);
    lc->cap = 0;
    if (csvr_read_parts(ce->path, ex, &opt, fn, ctxs, nparts, used, lc->err) < 0) return -1;
    lc->m->present[ex] = 1;
    return 0;
}

static int read_extract(load_ctx *lc, extract_id ex, csvr_row_fn fn) {
    size_t used;
    void *ctx = lc;
    return read_extract_parts(lc, ex, fn, &ctx, 1, &used);
}

/* ---- visits in parallel parts ------------------------------------------------- */

/* A part's aggregates, allocated at its first row. */
static void visit_part_alloc(load_ctx *lc) {
    size_t npeople = lc->m->npeople;
    lc->next_person = xmalloc((npeople + 1) * sizeof *lc->next_person);
    for (size_t i = 0; i <= npeople; i++) lc->next_person[i] = -1;
    lc->visits = xcalloc(npeople * (size_t)lc->m->nslots + 1, sizeof *lc->visits);
    lc->recent = xcalloc(npeople * RECENT_CARERS + 1, sizeof *lc->recent);
    lc->staff_memo = xcalloc(npeople * 4 + 4, sizeof *lc->staff_memo);
}

static void visit_part_free(load_ctx *lc) {
    free(lc->next_person);
    free(lc->visits);
    free(lc->recent);
    free(lc->staff_memo);
    free(lc->carers.keys);
}

/* Adds part's aggregates to the whole's. */
static void visit_part_merge(load_ctx *whole, const load_ctx *part) {
    if (!part->visits) return;
    if (!whole->visits) visit_part_alloc(whole);
    size_t cells = whole->m->npeople * (size_t)whole->m->nslots;
    for (size_t i = 0; i < cells; i++) {
        visit_counts *a = &whole->visits[i];
        const visit_counts *b = &part->visits[i];
        a->planned += b->planned;
        a->missed += b->missed;
        a->delivered += b->delivered;
        a->regular += b->regular;
        a->regular_known += b->regular_known;
    }
    key_vec *v = &whole->carers;
    if (v->n + part->carers.n > v->cap) {
        v->cap = v->n + part->carers.n;
        v->keys = xrealloc(v->keys, v->cap * sizeof *v->keys);
    }
    if (part->carers.n) { /* keys is NULL in a part that saw no visit in the periods */
        memcpy(v->keys + v->n, part->carers.keys, part->carers.n * sizeof *v->keys);
        v->n += part->carers.n;
    }
    whole->visits_outside += part->visits_outside;
    if (part->latest_seen != SV_NO_DATE && (whole->latest_seen == SV_NO_DATE || part->latest_seen > whole->latest_seen))
        whole->latest_seen = part->latest_seen;
}

/* Visits, the largest extract by far, are read in parts on lc->threads
 * threads. Parts only read the people and staff maps; staff ids learnt from
 * the visits themselves (no workforce extract) would grow a shared map, so
 * then the read is serial. */
static int read_visits(load_ctx *lc) {
    size_t nparts = lc->staff_from_visits || lc->threads < 1 ? 1 : (size_t)lc->threads;
    if (nparts > 8) nparts = 8;
    load_ctx parts[8];
    void *ctxs[8];
    ctxs[0] = lc;
    for (size_t k = 1; k < nparts; k++) {
        parts[k] = *lc;
        parts[k].visits = NULL;
        parts[k].recent = NULL;
        parts[k].staff_memo = NULL;
        parts[k].next_person = NULL;
        memset(&parts[k].carers, 0, sizeof parts[k].carers);
        parts[k].visits_outside = 0;
        parts[k].last_len = 0;
        parts[k].latest_seen = SV_NO_DATE;
        ctxs[k] = &parts[k];
    }
    size_t used = 1;
    int rc = read_extract_parts(lc, EX_VISITS, on_visit, ctxs, nparts, &used);
    for (size_t k = 1; k < nparts; k++) {
        if (!rc && k < used) visit_part_merge(lc, &parts[k]);
        visit_part_free(&parts[k]);
    }
    return rc;
}

static int cmp_day(const void *a, const void *b) {
    sv_day x = *(const sv_day *)a, y = *(const sv_day *)b;
    return (x > y) - (x < y);
}

/* Slots: the stretches between consecutive period boundaries (starts and
 * day-after-ends), so every period is a run of whole slots. */
static void setup_periods(load_ctx *lc) {
    sv_model *m = lc->m;
    int np = model_period_count(m);
    sv_day bounds[18];
    int nb = 0;
    lc->period_first = m->periods[0].start;
    lc->period_last = m->periods[0].end;
    for (int k = 0; k < np; k++) {
        bounds[nb++] = m->periods[k].start;
        bounds[nb++] = m->periods[k].end + 1;
        if (m->periods[k].start < lc->period_first) lc->period_first = m->periods[k].start;
        if (m->periods[k].end > lc->period_last) lc->period_last = m->periods[k].end;
    }
    qsort(bounds, (size_t)nb, sizeof *bounds, cmp_day);
    int nu = 0;
    for (int i = 0; i < nb; i++)
        if (!nu || bounds[i] != bounds[nu - 1]) bounds[nu++] = bounds[i];
    size_t days = (size_t)(lc->period_last - lc->period_first + 1);
    lc->day_slot = xmalloc(days * sizeof *lc->day_slot);
    for (size_t d = 0; d < days; d++) lc->day_slot[d] = -1;
    m->nslots = nu - 1;
    for (int k = 0; k < np; k++) {
        for (int b = 0; b + 1 < nu; b++) {
            if (bounds[b] == m->periods[k].start) m->slot_first[k] = b;
            if (bounds[b + 1] == m->periods[k].end + 1) m->slot_last[k] = b;
        }
        for (sv_day d = m->periods[k].start; d <= m->periods[k].end; d++) {
            int b = 0;
            while (bounds[b + 1] <= d) b++;
            lc->day_slot[d - lc->period_first] = (int16_t)b;
        }
    }
    m->visit_month0 = day_month_index(lc->period_first);
    m->visit_nmonths = day_month_index(lc->period_last) - m->visit_month0 + 1;
    /* Per visit, the month is a table lookup, not a calendar calculation. */
    lc->day_month = xmalloc(days);
    for (size_t d = 0; d < days; d++)
        lc->day_month[d] = (uint8_t)(day_month_index(lc->period_first + (sv_day)d) - m->visit_month0);
}

visit_counts model_visits(const sv_model *m, size_t pi, int k) {
    visit_counts sum = {0, 0, 0, 0, 0};
    for (int sl = m->slot_first[k]; sl <= m->slot_last[k]; sl++) {
        const visit_counts *vc = &m->visits[pi * (size_t)m->nslots + (size_t)sl];
        sum.planned += vc->planned;
        sum.missed += vc->missed;
        sum.delivered += vc->delivered;
        sum.regular += vc->regular;
        sum.regular_known += vc->regular_known;
    }
    return sum;
}

/* ---- after people and staff: the other extracts ------------------------------- */

/* Reading order, which is also the order of the data-quality appendix. */
typedef struct extract_reader {
    extract_id ex;
    csvr_row_fn fn;
} extract_reader;

static const extract_reader BEFORE_VISITS[] = {
    {EX_REFERRALS, on_referral}, {EX_EPISODES, on_episode},         {EX_FEEDBACK, on_feedback},
    {EX_SURVEY, on_survey},      {EX_SUPERVISION, on_supervision}, {EX_TRAINING, on_training},
};
static const extract_reader AFTER_VISITS[] = {
    {EX_OUTCOMES, on_outcome}, {EX_SPEND, on_spend}, {EX_ACTIONS, on_action},
};

static int read_list(load_ctx *lc, const extract_reader *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (read_extract(lc, list[i].ex, list[i].fn) < 0) return -1;
    return 0;
}

static int read_after_visits(load_ctx *lc) {
    if (read_list(lc, AFTER_VISITS, sizeof AFTER_VISITS / sizeof *AFTER_VISITS) < 0) return -1;
    if (lc->cfg->npopulation) return population_from_config(lc, lc->err);
    return read_extract(lc, EX_POPULATION, on_population);
}

static int read_rest(load_ctx *lc) {
    if (read_list(lc, BEFORE_VISITS, sizeof BEFORE_VISITS / sizeof *BEFORE_VISITS) < 0) return -1;
    if (read_visits(lc) < 0) return -1;
    return read_after_visits(lc);
}

/* The other extracts on their own thread while the visits are read: each
 * only reads the people and staff maps. Findings go to logs merged in the
 * serial order afterwards, and the first error in that order is the one
 * reported, so the outcome is the serial read's. */
typedef struct other_reader {
    load_ctx lc;
    sv_error err;
    dq_log *before, *after;
    int failed_before, failed_after;
} other_reader;

static void *read_others(void *arg) {
    other_reader *o = arg;
    o->lc.dq = o->before;
    o->failed_before = read_list(&o->lc, BEFORE_VISITS, sizeof BEFORE_VISITS / sizeof *BEFORE_VISITS) < 0;
    if (o->failed_before) return NULL;
    o->lc.dq = o->after;
    o->failed_after = read_after_visits(&o->lc) < 0;
    return NULL;
}

static int read_rest_alongside_visits(load_ctx *lc) {
    other_reader *o = xcalloc(1, sizeof *o);
    o->lc = *lc;
    o->lc.record_ids = idmap_new();
    o->lc.err = &o->err;
    o->lc.last_len = 0;
    o->lc.next_person = NULL;
    o->lc.latest_seen = SV_NO_DATE;
    sv_error_clear(&o->err);
    o->before = dq_new(NULL);
    o->after = dq_new(NULL);
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, read_others, o) == 0;
    if (!threaded) read_others(o);
    sv_error visits_err;
    sv_error_clear(&visits_err);
    dq_log *main_dq = lc->dq, *visits_dq = dq_new(NULL);
    sv_error *caller_err = lc->err;
    lc->dq = visits_dq;
    lc->err = &visits_err;
    int visits_failed = read_visits(lc) < 0;
    lc->dq = main_dq;
    lc->err = caller_err;
    if (threaded) pthread_join(thread, NULL);
    /* As read in turn: nothing after the first failure counts. */
    dq_merge(main_dq, o->before, 0);
    int rc = 0;
    if (o->failed_before) {
        *caller_err = o->err;
        rc = -1;
    } else {
        dq_merge(main_dq, visits_dq, 0);
        if (visits_failed) {
            *caller_err = visits_err;
            rc = -1;
        } else {
            dq_merge(main_dq, o->after, 0);
            if (o->failed_after) {
                *caller_err = o->err;
                rc = -1;
            }
        }
    }
    if (o->lc.latest_seen != SV_NO_DATE && (lc->latest_seen == SV_NO_DATE || o->lc.latest_seen > lc->latest_seen))
        lc->latest_seen = o->lc.latest_seen;
    idmap_free(o->lc.record_ids);
    dq_free(o->before);
    dq_free(o->after);
    dq_free(visits_dq);
    free(o);
    return rc;
}

sv_period model_report_period(const sv_config *cfg, sv_day today) {
    if (!cfg->period_latest) return cfg->period;
    return period_latest_complete(cfg->schedule, cfg->data_date != SV_NO_DATE ? cfg->data_date : today);
}

sv_model *model_load(const sv_config *cfg, dq_log *dq, sv_day today, const model_load_options *o,
                     sv_error *err) {
    sv_model *m = xcalloc(1, sizeof *m);
    m->cfg = cfg;
    m->dq = dq;
    load_ctx lc;
    memset(&lc, 0, sizeof lc);
    lc.m = m;
    lc.cfg = cfg;
    lc.err = err;
    lc.today = today;
    lc.threads = o && o->threads > 0 ? o->threads : 1;
    lc.dq = dq;
    lc.progress = o ? o->progress : NULL;
    lc.latest_valid = cfg->data_date != SV_NO_DATE ? cfg->data_date : today;
    lc.latest_seen = SV_NO_DATE;
    lc.people = idmap_new();
    lc.staff = idmap_new();
    lc.record_ids = idmap_new();

    sv_period p0 = model_report_period(cfg, today);
    m->nperiods = cfg->trend_periods;
    for (int k = 0; k < m->nperiods; k++) m->periods[k] = period_previous(&p0, k);
    /* Group breakdowns pool the 12 months to the period end, as small-area
     * public health figures pool years, unless the period is that long. */
    m->equity = 0;
    if (cfg->equity_12_months && p0.end - p0.start < 364) {
        int y, mo, d;
        day_to_ymd(p0.end + 1, &y, &mo, &d);
        sv_day start = day_from_ymd(y - 1, mo, d);
        const char *why;
        sv_period *w = &m->periods[m->nperiods];
        period_from_dates(start, p0.end, w, &why);
        char end[11];
        day_format_iso(p0.end, end);
        snprintf(w->label, sizeof w->label, "12 months to %s", end);
        m->equity = m->nperiods;
    }
    setup_periods(&lc);
    m->units = xcalloc(1, sizeof(char *));
    m->units[0] = xstrdup("Whole organisation");
    m->nunits = 1;

    int rc = read_extract(&lc, EX_PEOPLE, on_person);
    if (!rc) rc = read_extract(&lc, EX_WORKFORCE, on_staff);
    lc.staff_from_visits = !m->present[EX_WORKFORCE];
    if (!rc) rc = lc.staff_from_visits || lc.threads < 2 ? read_rest(&lc) : read_rest_alongside_visits(&lc);
    if (!lc.visits) visit_part_alloc(&lc);
    m->visits = lc.visits;
    m->visits_outside = lc.visits_outside;
    if (!rc && !m->present[EX_PEOPLE] && !cfg->extracts[EX_PEOPLE].path) {
        sv_error_set(err, SV_EXIT_DATA, cfg->path, 0, 0,
                     "no people extract: people.csv is needed for every document");
        rc = -1;
    }

    /* Distinct carers: the set becomes a sorted array, counted per
     * (person, month) later. */
    keyvec_compact(&lc.carers);
    m->carer_keys = lc.carers.n ? xrealloc(lc.carers.keys, lc.carers.n * sizeof(uint64_t)) : lc.carers.keys;
    m->ncarer_keys = lc.carers.n;

    m->data_date = cfg->data_date != SV_NO_DATE ? cfg->data_date : lc.latest_seen;
    free(lc.day_slot);
    free(lc.recent);
    free(lc.staff_memo);
    free(lc.next_person);
    free(lc.person_keys);
    free(lc.day_month);
    idmap_free(lc.people);
    idmap_free(lc.staff);
    idmap_free(lc.record_ids);
    if (rc) {
        model_free(m);
        return NULL;
    }
    return m;
}

void model_free(sv_model *m) {
    if (!m) return;
    free(m->people);
    free(m->referrals);
    free(m->episodes);
    free(m->feedback);
    free(m->survey);
    free(m->staff);
    free(m->supervision);
    free(m->training);
    free(m->outcomes);
    free(m->spend);
    for (size_t i = 0; i < m->nactions; i++) {
        free(m->actions[i].title);
        free(m->actions[i].lead);
        free(m->actions[i].statement);
    }
    free(m->actions);
    free(m->population);
    for (size_t i = 0; i < m->nunits; i++) free(m->units[i]);
    free(m->units);
    for (size_t i = 0; i < m->nquestions; i++) free(m->questions[i]);
    free(m->questions);
    for (size_t i = 0; i < m->ncourses; i++) free(m->courses[i]);
    free(m->courses);
    free(m->visits);
    free(m->carer_keys);
    free(m);
}

int model_person_age(const sv_model *m, const person *p, sv_day on) {
    if (p->dob != SV_NO_DATE) return age_on(p->dob, on);
    if (p->age < 0) return -1;
    /* The age column is taken as at the data date. */
    int shift = m->data_date != SV_NO_DATE ? (int)((m->data_date - on) / 365.25) : 0;
    int a = p->age - shift;
    return a < 0 ? 0 : a;
}

int model_staff_age(const sv_model *m, const staff *s, sv_day on) {
    if (s->dob != SV_NO_DATE) return age_on(s->dob, on);
    if (s->age < 0) return -1;
    int shift = m->data_date != SV_NO_DATE ? (int)((m->data_date - on) / 365.25) : 0;
    return s->age - shift;
}
