/* build_assess.c: the blocks of the tender evidence pack and the
 * inspection-readiness summary: commitments against delivery, social value
 * from the organisation's proxy table, tender answers with their evidence,
 * and the assessment framework with rule-based self-assessment. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "build_internal.h"
#include "framework.h"
#include "xalloc.h"

static const char *jstr(json_t *blk, const char *key, const char *fallback) {
    json_t *v = json_object_get(blk, key);
    return json_is_string(v) ? json_string_value(v) : fallback;
}

static const char *const RAG_WORDS[] = {"", "● Green", "◆ Amber", "■ Red"};
static const unsigned RAG_FLAGS[] = {0, CELL_RAG_GREEN, CELL_RAG_AMBER, CELL_RAG_RED};

/* The value of an indicator over the 12 months to the period end when it
 * is computed for that window (community measures; workforce rates are
 * already 12-month), else for the period. *k receives the period used. */
static const ind_value *annual_value(const bctx *b, ind_id id, int item, int *k) {
    const sv_model *m = b->ctx->model;
    ind_ref r = {id, item, NULL};
    if (m->equity && (*k = m->equity, ref_value(b, &r, m->equity))) return ref_value(b, &r, m->equity);
    *k = 0;
    return ref_value(b, &r, 0);
}

static double display(const ind_value *v) {
    if (!v || v->flags & (IV_SUPPRESSED | IV_NO_DATA) || isnan(v->value)) return NAN;
    return fmt_round(v->value, ind_get((ind_id)v->indicator)->decimals);
}

/* ---- commitments ------------------------------------------------------------------- */

static rpt_rag commitment_rag(const cfg_commitment *c, double delivered) {
    if (isnan(delivered)) return RAG_NONE;
    double amber = !isnan(c->amber) ? c->amber : c->better == BETTER_HIGHER ? 0.9 * c->target : 1.1 * c->target;
    if (c->better == BETTER_HIGHER) return delivered >= c->target ? RAG_GREEN : delivered >= amber ? RAG_AMBER : RAG_RED;
    return delivered <= c->target ? RAG_GREEN : delivered <= amber ? RAG_AMBER : RAG_RED;
}

void build_commitments(bctx *b, rpt_section *s, json_t *blk) {
    const sv_config *cfg = b->ctx->cfg;
    if (!cfg->ncommitments) {
        rpt_paragraph(s, "No commitments are set in the configuration.");
        return;
    }
    char *cap = text_expand(b, jstr(blk, "caption", "Commitments against delivery"));
    rpt_table *t = rpt_table_add(s, cap);
    free(cap);
    rpt_table_column(t, "Commitment", ALIGN_LEFT, 3.0);
    rpt_table_column(t, "Target", ALIGN_RIGHT, 0.9);
    rpt_table_column(t, "Delivered", ALIGN_RIGHT, 0.9);
    rpt_table_column(t, "Over", ALIGN_LEFT, 1.5);
    rpt_table_column(t, "Status", ALIGN_LEFT, 1.0);
    int met = 0, judged = 0;
    for (size_t i = 0; i < cfg->ncommitments; i++) {
        const cfg_commitment *c = &cfg->commitments[i];
        ind_id id = (ind_id)ind_find(c->indicator);
        int k = 0;
        const ind_value *v = c->annual ? annual_value(b, id, c->item, &k) : NULL;
        if (!c->annual) {
            ind_ref r = {id, c->item, NULL};
            v = ref_value(b, &r, 0);
        }
        b->used[id] = 1;
        char buf[128], when[64];
        size_t row = rpt_table_row(t, 0);
        rpt_table_set(t, row, 0, c->text, 0);
        const ind_def *d = ind_get(id);
        fmt_number(c->target, d->decimals, buf, sizeof buf);
        if (d->kind == KIND_SHARE || d->kind == KIND_MONEY_SHARE || strcmp(d->unit, "percent") == 0)
            strncat(buf, "%", sizeof buf - strlen(buf) - 1);
        rpt_table_set(t, row, 1, buf, 0);
        if (v) fmt_value(v, b->marker, buf, sizeof buf);
        else snprintf(buf, sizeof buf, "Not measured");
        rpt_table_set(t, row, 2, buf, v && v->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
        period_words(b, k, when, sizeof when);
        rpt_table_set(t, row, 3, v ? when : "", 0);
        rpt_rag rag = commitment_rag(c, display(v));
        rpt_table_set(t, row, 4, rag ? RAG_WORDS[rag] : "Not judged", RAG_FLAGS[rag]);
        judged += rag != RAG_NONE;
        met += rag == RAG_GREEN;
    }
    char *notes = xasprintf("Green: target met. Amber: within 10%% of the target (or the amber level the "
                            "organisation set). Red: further away. %d of %d commitments met.", met, judged);
    t->notes = notes;
}

/* ---- social value ------------------------------------------------------------------- */

/* The quantity a proxy multiplies: a count or total as shown, or the pounds
 * behind a share of spend. NAN when suppressed or absent. */
static double proxy_quantity(const ind_value *v) {
    if (!v || v->flags & (IV_SUPPRESSED | IV_NO_DATA)) return NAN;
    if (ind_get((ind_id)v->indicator)->kind == KIND_MONEY_SHARE) return v->num;
    return v->value;
}

void build_social_value(bctx *b, rpt_section *s, json_t *blk) {
    const sv_config *cfg = b->ctx->cfg;
    if (!cfg->nproxies) {
        rpt_paragraph(s, "No social value is given in pounds: the configuration supplies no proxy values, and "
                         "svreport ships none (the National TOMs values belong to the Social Value Portal).");
        return;
    }
    char *cap = text_expand(b, jstr(blk, "caption", "Social value in pounds"));
    rpt_table *t = rpt_table_add(s, cap);
    free(cap);
    rpt_table_column(t, "Code", ALIGN_LEFT, 0.7);
    rpt_table_column(t, "Measure", ALIGN_LEFT, 2.4);
    rpt_table_column(t, "Quantity", ALIGN_RIGHT, 1.0);
    rpt_table_column(t, "Unit", ALIGN_LEFT, 0.7);
    rpt_table_column(t, "Over", ALIGN_LEFT, 1.3);
    rpt_table_column(t, "£ per unit", ALIGN_RIGHT, 0.9);
    rpt_table_column(t, "Social value", ALIGN_RIGHT, 1.1);
    double total = 0;
    int left_out = 0, whole_rows = 0;
    for (size_t i = 0; i < cfg->nproxies; i++) {
        const cfg_proxy *p = &cfg->proxies[i];
        ind_id id = (ind_id)ind_find(p->indicator);
        int k = 0;
        const ind_value *v = annual_value(b, id, p->item, &k);
        b->used[id] = 1;
        double q = proxy_quantity(v);
        char buf[64], when[64];
        /* In a unit's document a whole-organisation measure is shown as such and
         * not added to the unit's total. */
        int whole = org_wide(b, id, p->item);
        char measure[200];
        snprintf(measure, sizeof measure, "%s%s", p->measure, whole ? " (whole organisation)" : "");
        size_t row = rpt_table_row(t, 0);
        rpt_table_set(t, row, 0, p->code, 0);
        rpt_table_set(t, row, 1, measure, 0);
        /* A stock (staff in post) is as at the period end; a flow is over the window. */
        if (ind_get(id)->kind == KIND_SUM && ind_get(id)->family == FAM_WORKFORCE) {
            char end[24];
            day_format_long(b->ctx->model->periods[0].end, end);
            snprintf(when, sizeof when, "At %s", end);
        } else {
            period_words(b, k, when, sizeof when);
        }
        rpt_table_set(t, row, 4, when, 0);
        if (isnan(q)) {
            const char *why = v && v->flags & IV_SUPPRESSED ? b->marker : "–";
            rpt_table_set(t, row, 2, why, v && v->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
            left_out++;
        } else {
            fmt_number(q, ind_get(id)->kind == KIND_MONEY_SHARE ? 0 : ind_get(id)->decimals, buf, sizeof buf);
            rpt_table_set(t, row, 2, buf, 0);
        }
        rpt_table_set(t, row, 3, p->unit, 0);
        fmt_number(p->value_per_unit, 2, buf, sizeof buf);
        char money[72];
        snprintf(money, sizeof money, "£%s", buf);
        rpt_table_set(t, row, 5, money, 0);
        if (!isnan(q)) {
            fmt_number(q * p->value_per_unit, 0, buf, sizeof buf);
            snprintf(money, sizeof money, "£%s", buf);
            rpt_table_set(t, row, 6, money, 0);
            if (whole) whole_rows++;
            else total += q * p->value_per_unit;
        }
    }
    size_t row = rpt_table_row(t, ROW_TOTAL);
    rpt_table_set(t, row, 0, "Total", 0);
    char buf[64], money[72];
    fmt_number(total, 0, buf, sizeof buf);
    snprintf(money, sizeof money, "£%s", buf);
    rpt_table_set(t, row, 6, money, 0);
    strbuf notes = STRBUF_INIT;
    sb_printf(&notes, "Proxy values from %s (%d), supplied by the organisation; svreport ships none. The pounds "
                      "are proxies for value to society, not money spent or saved, with no deadweight or "
                      "attribution applied. Each figure is rounded to the pound on its own, so the rows can "
                      "differ from the total by a pound or two.", cfg->proxy_edition, cfg->proxy_year);
    if (left_out) sb_printf(&notes, " %d measure%s left out of the total: suppressed or not measured.", left_out,
                            left_out > 1 ? "s are" : " is");
    if (whole_rows)
        sb_printf(&notes, " The total is this unit's: whole-organisation measures are shown but not added.");
    for (size_t i = 0; i < cfg->nproxies; i++)
        if (cfg->proxies[i].source) sb_printf(&notes, " %s: %s.", cfg->proxies[i].code, cfg->proxies[i].source);
    t->notes = sb_detach(&notes);
}

/* ---- case studies and tender answers ------------------------------------------------------ */

void build_case_studies(bctx *b, rpt_section *s, json_t *blk) {
    (void)blk;
    const sv_config *cfg = b->ctx->cfg;
    if (!cfg->ncase_studies) {
        rpt_paragraph(s, "No case studies are given in the configuration.");
        return;
    }
    for (size_t i = 0; i < cfg->ncase_studies; i++) {
        char id[64];
        snprintf(id, sizeof id, "%s-case-%zu", b->section_id, i + 1);
        rpt_heading(s, 3, id, cfg->case_studies[i].key);
        const char *p = cfg->case_studies[i].text;
        while (*p) {
            const char *end = strstr(p, "\n\n");
            char *para = xstrndup(p, end ? (size_t)(end - p) : strlen(p));
            rpt_paragraph(s, para);
            free(para);
            if (!end) break;
            p = end + 2;
        }
    }
}

/* One line of evidence: "Label: value (95% interval a to b), when." */
static char *evidence_line(const bctx *b, const ind_ref *r) {
    const ind_def *d = ind_get(r->id);
    int k = d->family == FAM_ACCESS || d->family == FAM_WORKFORCE || d->family == FAM_LEARNING
                ? 0 : b->ctx->model->equity;
    const ind_value *v = ref_value(b, r, k);
    if (!v) {
        k = 0;
        v = ref_value(b, r, 0);
    }
    char label[160], val[48], ci[64], when[64];
    ref_label(b, r, label, sizeof label);
    if (!v) return xasprintf("%s: not measured (the extract it needs was not supplied).", label);
    fmt_value(v, b->marker, val, sizeof val);
    fmt_interval(v, b->marker, ci, sizeof ci);
    period_words(b, k, when, sizeof when);
    if (ci[0]) return xasprintf("%s: %s (95%% interval %s), %s.", label, val, ci, when);
    return xasprintf("%s: %s, %s.", label, val, when);
}

void build_tender_answer(bctx *b, rpt_section *s, json_t *blk) {
    const char *id = jstr(blk, "id", "");
    char hid[96];
    snprintf(hid, sizeof hid, "%s-%s", b->section_id, id);
    char *question = text_expand(b, jstr(blk, "question", ""));
    rpt_heading(s, 2, hid, question);
    free(question);
    const char *answer = cfg_answer_for(b->ctx->cfg, id);
    char *text = text_expand(b, answer ? answer : jstr(blk, "text", ""));
    const char *p = text;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        char *para = xstrndup(p, end ? (size_t)(end - p) : strlen(p));
        if (*para) rpt_paragraph(s, para);
        free(para);
        if (!end) break;
        p = end + 2;
    }
    free(text);
    json_t *ev = json_object_get(blk, "evidence");
    size_t n = json_array_size(ev);
    if (!n) return;
    char **lines = xcalloc(n, sizeof *lines);
    for (size_t i = 0; i < n; i++) {
        ind_ref r = ind_ref_parse(json_array_get(ev, i));
        b->used[r.id] = 1;
        lines[i] = evidence_line(b, &r);
    }
    rpt_heading(s, 3, "", "Evidence");
    rpt_list(s, (const char *const *)lines, n, 0);
    for (size_t i = 0; i < n; i++) free(lines[i]);
    free(lines);
}

/* ---- the assessment framework ------------------------------------------------------------ */

typedef struct statement_score {
    int score;         /* 1-4, 0 not scored */
    int set_by_config;
    char basis[400];
} statement_score;

static void key_of(const fw_evidence *e, char *buf, size_t cap) {
    if (e->item >= 0)
        snprintf(buf, cap, "%s.%d", ind_get((ind_id)e->indicator)->key, e->item);
    else
        snprintf(buf, cap, "%s", ind_get((ind_id)e->indicator)->key);
}

static rpt_rag target_rag(const bctx *b, const fw_evidence *e, const ind_value *v) {
    char key[96];
    key_of(e, key, sizeof key);
    const cfg_target *t = cfg_target_for(b->ctx->cfg, key);
    double x = display(v);
    if (!t || isnan(x)) return RAG_NONE;
    if (t->better == BETTER_HIGHER) return x >= t->green ? RAG_GREEN : x >= t->amber ? RAG_AMBER : RAG_RED;
    return x <= t->green ? RAG_GREEN : x <= t->amber ? RAG_AMBER : RAG_RED;
}

/* A group named so it reads alone: "Asian", "IMD decile 2", "aged 85+". */
static void group_words(const bctx *b, ind_dim dim, int g, ind_id id, char *buf, size_t cap) {
    char lab[96];
    ind_group_label(b->ctx->ind, dim, g, id, lab, sizeof lab);
    if (dim == DIM_IMD && g < 10) snprintf(buf, cap, "IMD decile %s", lab);
    else if (dim == DIM_AGE_BAND) snprintf(buf, cap, "age %s", lab);
    else if (dim == DIM_SEX) snprintf(buf, cap, "%s people", lab);
    else snprintf(buf, cap, "%s", lab);
}

/* Access: groups whose share of people supported is significantly below
 * (or above) their population share, all ages, at 95%. */
static int access_gaps(const bctx *b, int sig, char *names, size_t cap) {
    int n = 0;
    names[0] = '\0';
    for (int g = 0; g < ETH_KNOWN_COUNT; g++) {
        const ind_value *v = b_value(b, I_ACCESS_SHARE, 0, DIM_ETHNICITY, SCOPE_ALL, g);
        if (!v || v->sig95 != sig) continue;
        size_t len = strlen(names);
        snprintf(names + len, cap - len, "%s%s", n ? ", " : "", ethnic_short_name((ethnic_group)g));
        n++;
    }
    return n;
}

/* Groups significantly worse than the overall figure at 99.8%. */
static int groups_worse(const bctx *b, ind_id id, char *names, size_t cap) {
    const ind_def *d = ind_get(id);
    if (d->better == POLARITY_NEUTRAL) return 0;
    int k = group_period(b, id), n = 0;
    names[0] = '\0';
    for (int di = 0; di < 5; di++)
        for (int g = 0; g < ind_dim_groups(b->ctx->ind, IND_EQUITY_DIMS[di]); g++) {
            const ind_value *v = b_value(b, id, k, IND_EQUITY_DIMS[di], SCOPE_ALL, g);
            if (!v) continue;
            int worse = d->better == POLARITY_HIGHER ? v->sig998 == SIG_LOWER : v->sig998 == SIG_HIGHER;
            if (!worse) continue;
            char lab[128];
            group_words(b, IND_EQUITY_DIMS[di], g, id, lab, sizeof lab);
            size_t len = strlen(names);
            snprintf(names + len, cap - len, "%s%s", n ? ", " : "", lab);
            n++;
        }
    return n;
}

/* Shares of people supported exist only by group: their evidence is the
 * comparison with the population. */
static int group_only(int indicator) { return indicator == I_ACCESS_SHARE || indicator == I_PER_1000; }

static const ind_value *evidence_value(const bctx *b, const fw_evidence *e, int *k) {
    ind_ref r = {(ind_id)e->indicator, e->item, NULL};
    *k = e->by_group ? group_period(b, r.id) : 0;
    if (group_only(e->indicator)) return b_value(b, r.id, 0, DIM_ETHNICITY, SCOPE_ALL, ETH_WHITE);
    return ref_value(b, &r, *k);
}

/* The rule: a score the organisation set wins; else the worst RAG of the
 * statement's evidence that has a target (green 3, amber 2, red 1), capped
 * at 2 when a group's outcomes are significantly worse at 99.8%. 4 needs
 * the organisation's judgement. Without targeted evidence: not scored. */
static statement_score score_statement(const bctx *b, const fw_statement *st) {
    statement_score sc = {0, 0, ""};
    const cfg_score *set = cfg_score_for(b->ctx->cfg, st->id);
    if (set) {
        sc.score = set->score;
        sc.set_by_config = 1;
        snprintf(sc.basis, sizeof sc.basis, "Set by the organisation: %s", set->reason);
        return sc;
    }
    rpt_rag worst = RAG_NONE;
    char worse[200] = "";
    for (size_t i = 0; i < st->nevidence; i++) {
        const fw_evidence *e = &st->evidence[i];
        int k;
        const ind_value *v = evidence_value(b, e, &k);
        rpt_rag rag = target_rag(b, e, v);
        if (rag > worst) worst = rag;
        if (e->by_group && !worse[0]) groups_worse(b, (ind_id)e->indicator, worse, sizeof worse);
    }
    if (worst == RAG_NONE) {
        snprintf(sc.basis, sizeof sc.basis,
                 "Not scored: none of its evidence has a target and the organisation has set no score.");
        return sc;
    }
    static const int from_rag[] = {0, 3, 2, 1};
    sc.score = from_rag[worst];
    snprintf(sc.basis, sizeof sc.basis, "From targets: the worst status of its evidence is %s.",
             RAG_WORDS[worst] + 4);
    if (worse[0] && sc.score > 2) {
        sc.score = 2;
        size_t len = strlen(sc.basis);
        snprintf(sc.basis + len, sizeof sc.basis - len, " Capped at 2: outcomes for %s are significantly worse "
                 "than overall (99.8%%).", worse);
    }
    return sc;
}

static const framework *need_framework(bctx *b, rpt_section *s) {
    if (!b->ctx->framework) rpt_paragraph(s, "No assessment framework is loaded.");
    return b->ctx->framework;
}

void build_framework_summary(bctx *b, rpt_section *s, json_t *blk) {
    (void)blk;
    const framework *fw = need_framework(b, s);
    if (!fw) return;
    const sv_config *cfg = b->ctx->cfg;
    char *intro = xasprintf("%s, %s. %s", fw->name, fw->edition, fw->status);
    rpt_paragraph(s, intro);
    free(intro);
    rpt_callout(s, "A self-assessment, not a predicted rating",
                "Scores here come from rules the organisation set (targets and its own judgement) applied to its "
                "own data. They show where evidence is strong or thin. They do not predict the rating CQC would "
                "give: CQC's judgement uses evidence this report does not hold.");
    rpt_table *t = rpt_table_add(s, "Self-assessed scores by quality statement");
    rpt_table_column(t, "Quality statement", ALIGN_LEFT, 2.6);
    rpt_table_column(t, "Score", ALIGN_RIGHT, 0.6);
    rpt_table_column(t, "Meaning", ALIGN_LEFT, 1.8);
    rpt_table_column(t, "Basis", ALIGN_LEFT, 2.8);
    int sum = 0, scored = 0, total = 0;
    for (size_t g = 0; g < fw->ngroups; g++) {
        size_t row = rpt_table_row(t, ROW_HEADING);
        char head[160];
        snprintf(head, sizeof head, "%s", fw->groups[g].name);
        rpt_table_set(t, row, 0, head, 0);
        for (size_t i = 0; i < fw->groups[g].nstatements; i++) {
            const fw_statement *st = &fw->groups[g].statements[i];
            statement_score sc = score_statement(b, st);
            char name[200], score[8];
            snprintf(name, sizeof name, "%s %s", st->id, st->name);
            row = rpt_table_row(t, 0);
            rpt_table_set(t, row, 0, name, 0);
            snprintf(score, sizeof score, "%d", sc.score);
            rpt_table_set(t, row, 1, sc.score ? score : "–", 0);
            rpt_table_set(t, row, 2, sc.score ? fw->scale[sc.score - 1] : "Not scored", 0);
            rpt_table_set(t, row, 3, sc.basis, 0);
            total++;
            if (sc.score) sum += sc.score, scored++;
        }
    }
    char buf[900];
    if (scored) {
        double pct = 100.0 * sum / (4.0 * scored);
        char p[32];
        fmt_number(pct, 1, p, sizeof p);
        snprintf(buf, sizeof buf, "Rolled up as CQC combines quality statement scores: %d points of a possible %d "
                 "from the %d of %d statements scored, %s%%, which falls in the band '%s' (%s). Statements are "
                 "weighted equally; those not scored are left out, not counted as zero (the organisation scores "
                 "them in self_assessment.scores in the configuration).",
                 sum, 4 * scored, scored, total, p, fw_band_of(fw, pct, cfg->boundary_round),
                 cfg->boundary_round
                     ? "the percentage is rounded to a whole number and then placed in the published bands"
                     : "the published bands leave gaps between whole numbers (38 and 39, 62 and 63, 87 and 88); a "
                       "percentage in a gap goes to the nearer band, the boundaries being 38.5, 62.5 and 87.5");
    } else {
        snprintf(buf, sizeof buf, "No statement is scored: set targets for the indicators that evidence them, or "
                 "scores in self_assessment.scores.");
    }
    rpt_paragraph(s, buf);
    strbuf bands = STRBUF_INIT;
    sb_puts(&bands, "Published bands: ");
    for (int i = 0; i < 4; i++)
        sb_printf(&bands, "%s%s %g to %g%%", i ? "; " : "", fw->bands[i].rating, fw->bands[i].min, fw->bands[i].max);
    sb_puts(&bands, ". Scale: ");
    for (int i = 0; i < 4; i++) sb_printf(&bands, "%s%d %s", i ? "; " : "", i + 1, fw->scale[i]);
    sb_puts(&bands, ".");
    t->notes = sb_detach(&bands);
}

static int action_serves(const action *a, const char *statement_id) {
    if (!a->statement) return 0;
    const char *p = a->statement;
    size_t n = strlen(statement_id);
    while ((p = strstr(p, statement_id))) {
        int start = p == a->statement || p[-1] == ';' || p[-1] == ' ' || p[-1] == ',';
        int end = p[n] == '\0' || p[n] == ';' || p[n] == ' ' || p[n] == ',';
        if (start && end) return 1;
        p += n;
    }
    return 0;
}

static void statement_evidence(bctx *b, rpt_section *s, const framework *fw, const fw_statement *st) {
    const sv_model *m = b->ctx->model;
    rpt_table *t = NULL;
    strbuf missing = STRBUF_INIT;
    for (size_t c = 0; c < fw->ncategories; c++)
        for (size_t i = 0; i < st->nevidence; i++) {
            const fw_evidence *e = &st->evidence[i];
            if (strcmp(e->category, fw->categories[c]) != 0) continue;
            int k;
            const ind_value *whole = evidence_value(b, e, &k);
            /* An indicator kept only by item (themes, kinds of participation),
             * named without one: each item is a row of evidence. */
            int items[2 * IND_MAX_GROUPS], nitems = 0;
            if (!whole && e->item < 0 && !group_only(e->indicator))
                for (int it = 0; it < 2 * IND_MAX_GROUPS; it++) {
                    const ind_value *iv = b_value(b, (ind_id)e->indicator, k, DIM_ITEM, SCOPE_ALL, it);
                    if (iv && !(iv->flags & IV_NO_DATA && !(iv->flags & IV_SUPPRESSED))) items[nitems++] = it;
                }
            if (!nitems) items[nitems++] = e->item;
            for (int ii = 0; ii < nitems; ii++) {
                ind_ref r = {(ind_id)e->indicator, items[ii], NULL};
                const ind_value *v = items[ii] == e->item ? whole : ref_value(b, &r, k);
                char label[200], val[48], when[64];
                ref_label(b, &r, label, sizeof label);
                if (e->by_group) strncat(label, ", by group", sizeof label - strlen(label) - 1);
                if (!v || v->flags & IV_NO_DATA) {
                    sb_printf(&missing, "%s%s (%s)", missing.len ? "; " : "", label,
                              !v ? "not available from the extracts and baselines supplied" : "no records this period");
                    continue;
                }
                b->used[e->indicator] = 1;
                if (!t) {
                    t = rpt_table_add(s, "Evidence");
                    rpt_table_column(t, "Category", ALIGN_LEFT, 1.4);
                    rpt_table_column(t, "Measure", ALIGN_LEFT, 2.4);
                    rpt_table_column(t, "Figure", ALIGN_RIGHT, 0.8);
                    rpt_table_column(t, "Period", ALIGN_LEFT, 1.2);
                    rpt_table_column(t, "Status", ALIGN_LEFT, 1.6);
                }
                size_t row = rpt_table_row(t, 0);
                rpt_table_set(t, row, 0, e->category, 0);
                rpt_table_set(t, row, 1, label, 0);
                fmt_value(v, b->marker, val, sizeof val);
                if (group_only(e->indicator)) snprintf(val, sizeof val, "–");
                rpt_table_set(t, row, 2, val, v->flags & IV_SUPPRESSED ? CELL_SUPPRESSED : 0);
                period_words(b, k, when, sizeof when);
                rpt_table_set(t, row, 3, when, 0);
                char status[400] = "";
                rpt_rag rag = group_only(e->indicator) ? RAG_NONE : target_rag(b, e, v);
                if (group_only(e->indicator)) {
                    char lower[160], higher[160];
                    int nl = access_gaps(b, SIG_LOWER, lower, sizeof lower);
                    int nh = access_gaps(b, SIG_HIGHER, higher, sizeof higher);
                    if (nl)
                        snprintf(status, sizeof status, "Under-represented: %s%s%s", lower, nh ? "; over: " : "",
                                 nh ? higher : "");
                    else
                        snprintf(status, sizeof status, "No group under-represented");
                } else if (e->by_group) {
                    rag = RAG_NONE; /* the status is about groups, not the target */
                    char names[200];
                    int n = groups_worse(b, (ind_id)e->indicator, names, sizeof names);
                    if (n) snprintf(status, sizeof status, "Worse for %s (99.8%%)", names);
                    else snprintf(status, sizeof status, "No group significantly worse");
                } else if (rag) {
                    snprintf(status, sizeof status, "%s against target", RAG_WORDS[rag]);
                } else {
                    snprintf(status, sizeof status, "No target");
                }
                rpt_table_set(t, row, 4, status, RAG_FLAGS[rag]);
            }
        }
    if (!st->nevidence)
        rpt_paragraph(s, "svreport measures nothing for this statement: its evidence is the organisation's own.");
    if (missing.len) {
        char *text = xasprintf("Missing evidence: %s.", sb_str(&missing));
        rpt_paragraph(s, text);
        free(text);
    }
    sb_free(&missing);
    /* Improvement actions linked to this statement (actions.csv quality_statement). */
    const char **items = xcalloc(m->nactions + 1, sizeof *items);
    char **owned = xcalloc(m->nactions + 1, sizeof *owned);
    size_t n = 0;
    for (size_t i = 0; i < m->nactions; i++) {
        const action *a = &m->actions[i];
        if (!action_serves(a, st->id) || a->status == ACT_DROPPED) continue;
        char status[32], due[11];
        code_display(&ACTION_STATUS_LIST, a->status, status, sizeof status);
        day_format_iso(a->deadline, due);
        owned[n] = xasprintf("%s (%s; deadline %s)", a->title, status, due);
        items[n] = owned[n];
        n++;
    }
    if (n) {
        rpt_lead_in(s, "Improvement actions linked to this statement:");
        rpt_list(s, items, n, 0);
    } else if (m->present[EX_ACTIONS]) {
        rpt_paragraph(s, "No improvement action is linked to this statement.");
    }
    for (size_t i = 0; i < n; i++) free(owned[i]);
    free(owned);
    free(items);
}

void build_framework_statements(bctx *b, rpt_section *s, json_t *blk) {
    const framework *fw = need_framework(b, s);
    if (!fw) return;
    const char *only = jstr(blk, "group", NULL);
    for (size_t g = 0; g < fw->ngroups; g++) {
        const fw_group *grp = &fw->groups[g];
        if (only && strcmp(only, grp->id) != 0) continue;
        char id[96];
        snprintf(id, sizeof id, "%s-%s", b->section_id, grp->id);
        rpt_heading(s, 2, id, grp->name);
        if (grp->summary) rpt_paragraph(s, grp->summary);
        for (size_t i = 0; i < grp->nstatements; i++) {
            const fw_statement *st = &grp->statements[i];
            char title[200];
            snprintf(title, sizeof title, "%s %s", st->id, st->name);
            snprintf(id, sizeof id, "%s-%s", b->section_id, st->id);
            rpt_heading(s, 3, id, title);
            /* A statement whose wording could not be checked against CQC's
             * published text says so rather than pass as a quotation. */
            rpt_callout(s, st->verified ? "We statement" : "We statement (wording not yet checked against CQC's "
                                                          "published text)", st->we);
            if (st->ni) {
                rpt_paragraph(s, "I statements:");
                rpt_list(s, (const char *const *)st->i, st->ni, 0);
            }
            statement_evidence(b, s, fw, st);
            statement_score sc = score_statement(b, st);
            char line[600];
            if (sc.score)
                snprintf(line, sizeof line, "Self-assessed score: %d, %s. %s", sc.score, fw->scale[sc.score - 1],
                         sc.basis);
            else
                snprintf(line, sizeof line, "Self-assessed score: none. %s", sc.basis);
            rpt_paragraph(s, line);
        }
    }
}
