/* test_indicators.c: indicator-level edge cases through ind_compute on a
 * hand-built sv_model: x = 0 and x = n, n = 0, groups with no members,
 * missing denominators, censored retention episodes and ties in medians.
 *
 * The model has one period, 2025-26 Q2 (1 July to 30 September 2025), over
 * which the groups are also broken down (no separate 12-month window).
 * Expected figures are worked by hand in the comments, with
 * z95 = 1.959963984540054 and z99.8 = 3.090232306167813 typed in (as in
 * test_stats.c), not taken from the code under test. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "fmt.h"
#include "indicators.h"
#include "testutil.h"

#define expect_near(got, want)                                                           \
    cr_expect(tu_near((got), (want), 1e-12), "%s = %.17g, want %.17g", #got, (double)(got), \
              (double)(want))
#define expect_nan(got) cr_expect(isnan(got), "%s = %.17g, want NAN", #got, (double)(got))

/* ---- the model ------------------------------------------------------------------------ */

static sv_config cfg;
static sv_model model;
static person people[64];
static referral referrals[32];
static episode episodes[32];
static population_row population[4];

static sv_day ymd(int y, int m, int d) { return day_from_ymd(y, m, d); }

static void model_init(void) {
    tu_model_q2(&cfg, &model);
    cr_assert_eq(model.periods[0].start, ymd(2025, 7, 1));
    cr_assert_eq(model.periods[0].end, ymd(2025, 9, 30));
    model.people = people;
    model.referrals = referrals;
    model.episodes = episodes;
    model.present[EX_PEOPLE] = 1;
}

/* A White woman aged 75 at the period end, supported throughout, no
 * interpreter, IMD decile 5, every characteristic recorded, with
 * direct-payment status dp (FLAG_*). */
static int32_t add_person(int eth, int dp) {
    person *p = &people[model.npeople];
    memset(p, 0, sizeof *p);
    p->dob = ymd(1950, 1, 1);
    p->age = -1;
    p->ethnicity = (uint8_t)eth;
    p->sex = SEX_FEMALE;
    p->interpreter = FLAG_NO;
    p->direct_payment = (uint8_t)dp;
    p->imd = 5;
    p->recorded = (1u << REC_COUNT) - 1;
    p->support_start = ymd(2020, 1, 1);
    p->support_end = SV_NO_DATE;
    return (int32_t)model.npeople++;
}

/* A referral of person p (-1: not yet matched) received on `on`, assessed
 * on `assessed` (SV_NO_DATE: not yet), with no appointments recorded. */
static void add_referral(int32_t p, sv_day on, sv_day assessed) {
    referrals[model.nreferrals++] = (referral){.person = p,
                                               .date = on,
                                               .first_contact = SV_NO_DATE,
                                               .assessment = assessed,
                                               .offered = -1,
                                               .dna = -1,
                                               .contact_format = 255};
    model.present[EX_REFERRALS] = 1;
}

static ind_set *compute(int threshold) {
    sdc_rules r = {threshold, 0, 1};
    return ind_compute(&model, NULL, 0, &r);
}

static const ind_value *lookup(const ind_set *s, ind_id id, ind_dim dim, int group) {
    const ind_value *v = ind_lookup(s, id, 0, dim, SCOPE_ALL, group);
    cr_assert(v, "no row %s dim %d group %d", ind_get(id)->key, (int)dim, group);
    return v;
}

static void expect_plain(const ind_value *v) {
    cr_expect(!(v->flags & (IV_SUPPRESSED | IV_NO_DATA)), "%s group %d: flags %#x",
              ind_get((ind_id)v->indicator)->key, v->group, v->flags);
}

/* No data: nothing to show, not a 0 and not suppressed. */
static void expect_no_data(const ind_value *v) {
    cr_expect(v->flags & IV_NO_DATA, "%s dim %d group %d: not marked no data",
              ind_get((ind_id)v->indicator)->key, v->dim, v->group);
    cr_expect(!(v->flags & IV_SUPPRESSED));
    expect_nan(v->value);
    expect_nan(v->lower);
    expect_nan(v->upper);
    cr_expect_eq(v->sig95, SIG_NOT_COMPARED);
    char buf[32];
    fmt_value(v, "*", buf, sizeof buf);
    cr_expect_str_eq(buf, "–");
}

/* ---- proportions ------------------------------------------------------------------------- */

Test(ind_proportion, x_is_0) {
    /* 20 people with a known direct-payment status, none with one: 0 of 20.
     * Wilson at x = 0: lower 0, upper z^2 / (n + z^2):
     * 95%   3.8414588206941254 / 23.841458820694125 = 16.112515805281937%
     * 99.8% 9.54953570608324 / 29.54953570608324 = 32.317041462405506%.
     * The 0 is a count, not "1 to 7": shown at threshold 7. */
    model_init();
    for (int i = 0; i < 20; i++) add_person(ETH_WHITE, FLAG_NO);
    ind_set *s = compute(7);
    const ind_value *v = lookup(s, I_DIRECT_PAYMENT, DIM_OVERALL, 0);
    expect_plain(v);
    cr_expect_eq(v->num, 0);
    cr_expect_eq(v->den, 20);
    cr_expect_eq(v->value, 0);
    expect_near(v->lower, 0);
    expect_near(v->upper, 100 * TU_Z95 * TU_Z95 / (20 + TU_Z95 * TU_Z95));
    expect_near(v->upper, 16.112515805281937);
    expect_near(v->lower998, 0);
    expect_near(v->upper998, 32.317041462405506);
    ind_set_free(s);
}

Test(ind_proportion, x_is_n) {
    /* 20 of 20: lower n / (n + z^2) = 20 / 23.841458820694125 =
     * 83.887484194718063%, upper 100; 99.8%: 20 / 29.54953570608324 =
     * 67.682958537594494%. The complement 0 reveals nobody. */
    model_init();
    for (int i = 0; i < 20; i++) add_person(ETH_WHITE, FLAG_YES);
    ind_set *s = compute(7);
    const ind_value *v = lookup(s, I_DIRECT_PAYMENT, DIM_OVERALL, 0);
    expect_plain(v);
    cr_expect_eq(v->value, 100);
    expect_near(v->lower, 100 * 20 / (20 + TU_Z95 * TU_Z95));
    expect_near(v->lower, 83.887484194718063);
    expect_near(v->upper, 100);
    expect_near(v->lower998, 67.682958537594494);
    expect_near(v->upper998, 100);
    /* Every characteristic recorded: 20 of 20 again. */
    const ind_value *rec = lookup(s, I_RECORDED, DIM_ITEM, REC_SEX);
    expect_plain(rec);
    cr_expect_eq(rec->value, 100);
    expect_near(rec->lower, 83.887484194718063);
    ind_set_free(s);
}

Test(ind_proportion, n_is_0_is_no_data_not_0_percent) {
    /* Nobody's direct-payment status recorded: 0 of 0 has no value, no
     * interval, is not compared and prints "–". */
    model_init();
    for (int i = 0; i < 20; i++) add_person(ETH_WHITE, FLAG_UNKNOWN);
    /* The referrals extract is there but holds no referral. */
    model.present[EX_REFERRALS] = 1;
    ind_set *s = compute(7);
    const ind_value *v = lookup(s, I_DIRECT_PAYMENT, DIM_OVERALL, 0);
    expect_no_data(v);
    cr_expect_eq(v->num, 0);
    cr_expect_eq(v->den, 0);
    expect_no_data(lookup(s, I_CONVERSION, DIM_OVERALL, 0));
    expect_no_data(lookup(s, I_DNA, DIM_OVERALL, 0));
    /* A median of nothing is no data too. */
    const ind_value *days = lookup(s, I_DAYS_TO_ASSESS, DIM_OVERALL, 0);
    cr_expect(days->flags & IV_NO_DATA);
    expect_nan(days->value);
    ind_set_free(s);
}

Test(ind_rate, x_is_0) {
    /* No complaints from 20 people: 0 per 100, exact Poisson limits: lower
     * 0, upper chi2(0.975; 2) / 2 = -ln(0.025) events, per 20 people:
     * 100 * 3.6888794541139363 / 20 = 18.444397270569681; 99.8%:
     * 100 * -ln(0.001) / 20 = 34.538776394910684. */
    model_init();
    for (int i = 0; i < 20; i++) add_person(ETH_WHITE, FLAG_UNKNOWN);
    model.present[EX_FEEDBACK] = 1;
    ind_set *s = compute(7);
    const ind_value *v = lookup(s, I_COMPLAINTS_RATE, DIM_OVERALL, 0);
    expect_plain(v);
    cr_expect_eq(v->value, 0);
    expect_near(v->lower, 0);
    expect_near(v->upper, 100 * -log(0.025) / 20);
    expect_near(v->upper998, 34.538776394910684);
    ind_set_free(s);
}

/* ---- groups and denominators ---------------------------------------------------------------- */

Test(ind_groups, a_group_with_no_members_has_a_row) {
    /* 20 White people, 10 with a direct payment. Every group of every
     * dimension gets a row (the tables list them all): the Black group's
     * count is a real 0, its share of people supported 0 of 20 (0%, with
     * the x = 0 interval), but its direct-payment share is 0 of 0: no data. */
    model_init();
    for (int i = 0; i < 20; i++) add_person(ETH_WHITE, i < 10 ? FLAG_YES : FLAG_NO);
    model.present[EX_FEEDBACK] = 1;
    ind_set *s = compute(7);
    for (int g = 0; g < ETH_COUNT; g++) lookup(s, I_PEOPLE, DIM_ETHNICITY, g);
    cr_expect_null(ind_lookup(s, I_PEOPLE, 0, DIM_ETHNICITY, SCOPE_ALL, ETH_COUNT));
    for (int g = 0; g < 11; g++) lookup(s, I_DIRECT_PAYMENT, DIM_IMD, g);

    const ind_value *count = lookup(s, I_PEOPLE, DIM_ETHNICITY, ETH_BLACK);
    expect_plain(count);
    cr_expect_eq(count->value, 0);

    const ind_value *share = lookup(s, I_ACCESS_SHARE, DIM_ETHNICITY, ETH_BLACK);
    expect_plain(share);
    cr_expect_eq(share->value, 0);
    expect_near(share->upper, 16.112515805281937);

    expect_no_data(lookup(s, I_DIRECT_PAYMENT, DIM_ETHNICITY, ETH_BLACK));
    expect_no_data(lookup(s, I_DIRECT_PAYMENT, DIM_SEX, SEX_MALE));
    /* Complaints per 100 people of a group nobody is in: no data. */
    expect_no_data(lookup(s, I_COMPLAINTS_RATE, DIM_ETHNICITY, ETH_BLACK));

    /* The White group: 10 of 20 = 50%, compared with the overall 50%. */
    const ind_value *white = lookup(s, I_DIRECT_PAYMENT, DIM_ETHNICITY, ETH_WHITE);
    expect_plain(white);
    cr_expect_eq(white->value, 50);
    cr_expect_eq(white->comparator, 50);
    cr_expect_eq(white->sig95, SIG_SIMILAR);
    ind_set_free(s);
}

Test(ind_groups, missing_population_baseline) {
    /* Baselines for White (10,000) and Asian (2,500) only: population shares
     * 80% and 20%. 20 White people: 100% of people supported against 80%
     * (Wilson lower 83.9% > 80: higher), 2.0 per 1,000; no Asian people:
     * 0% [0, 16.1] against 20%: lower. The Black group has no baseline: no
     * per-1,000 row at all, and its share is not compared. */
    model_init();
    for (int i = 0; i < 20; i++) add_person(ETH_WHITE, FLAG_UNKNOWN);
    population[0] = (population_row){POP_DIM_ETHNICITY, SCOPE_ALL, ETH_WHITE, 10000, NAN};
    population[1] = (population_row){POP_DIM_ETHNICITY, SCOPE_ALL, ETH_ASIAN, 2500, NAN};
    model.population = population;
    model.npopulation = 2;
    ind_set *s = compute(7);

    const ind_value *white = lookup(s, I_ACCESS_SHARE, DIM_ETHNICITY, ETH_WHITE);
    cr_expect_eq(white->value, 100);
    expect_near(white->comparator, 80);
    cr_expect_eq(white->sig95, SIG_HIGHER);
    const ind_value *rate = lookup(s, I_PER_1000, DIM_ETHNICITY, ETH_WHITE);
    expect_plain(rate);
    expect_near(rate->value, 2.0);
    cr_expect_eq(rate->den, 10000);

    const ind_value *asian = lookup(s, I_ACCESS_SHARE, DIM_ETHNICITY, ETH_ASIAN);
    cr_expect_eq(asian->value, 0);
    expect_near(asian->comparator, 20);
    cr_expect_eq(asian->sig95, SIG_LOWER);
    const ind_value *arate = lookup(s, I_PER_1000, DIM_ETHNICITY, ETH_ASIAN);
    cr_expect_eq(arate->value, 0);

    cr_expect_null(ind_lookup(s, I_PER_1000, 0, DIM_ETHNICITY, SCOPE_ALL, ETH_BLACK));
    const ind_value *black = lookup(s, I_ACCESS_SHARE, DIM_ETHNICITY, ETH_BLACK);
    expect_nan(black->comparator);
    cr_expect_eq(black->sig95, SIG_NOT_COMPARED);
    cr_expect_eq(black->sig998, SIG_NOT_COMPARED);
    ind_set_free(s);
}

Test(ind_groups, missing_appointment_counts) {
    /* 10 referrals received on 1 July, 4 assessed by the period end; none
     * records appointments offered or missed (-1): the referral conversion
     * is 4 of 10 = 40%, the did-not-attend rate has no denominator. */
    model_init();
    int32_t p = add_person(ETH_WHITE, FLAG_UNKNOWN);
    for (int i = 0; i < 10; i++) add_referral(p, ymd(2025, 7, 1), i < 4 ? ymd(2025, 7, 20) : SV_NO_DATE);
    ind_set *s = compute(0);
    const ind_value *conv = lookup(s, I_CONVERSION, DIM_OVERALL, 0);
    expect_plain(conv);
    cr_expect_eq(conv->num, 4);
    cr_expect_eq(conv->den, 10);
    expect_near(conv->value, 40);
    const ind_value *dna = lookup(s, I_DNA, DIM_OVERALL, 0);
    expect_no_data(dna);
    cr_expect_eq(dna->den, 0);
    ind_set_free(s);
}

/* ---- retention with censored episodes ----------------------------------------------------- */

static void add_episode(int32_t pi, sv_day start, sv_day end, int reason) {
    episodes[model.nepisodes++] = (episode){pi, start, end, (int8_t)reason};
}

Test(ind_retention, censored_episodes_are_left_out) {
    /* The 4-week point is start + 28 days, the 12-week point start + 84;
     * an episode counts in the period its point falls in (1 July to 30
     * September 2025). Still open at the period end with the point after
     * it: censored, in neither count. Ended before the point: moved, died
     * or transferred leave it out; completed counts as retained; any other
     * reason (or none) as lost. Ended on the point or after it: retained.
     *
     *      start  end (reason)          4-week point       12-week point
     * E1   07-10  open                  08-07 retained     10-02 censored
     * E2   09-20  open                  10-18 censored     12-13 censored
     * E3   07-01  07-15 disengaged      07-29 lost         09-23 lost
     * E4   07-01  07-10 moved           07-29 left out     09-23 left out
     * E5   07-01  07-20 completed       07-29 retained     09-23 retained
     * E6   06-10  09-01 disengaged      07-08 retained     09-02 lost
     * E7   09-02  open                  09-30 retained     11-25 censored
     * E8   09-03  open                  10-01 censored     11-26 censored
     * E9   07-01  07-29 disengaged      07-29 retained     09-23 lost
     * E10  05-01  open                  05-29 (Q1)         07-24 retained
     * E11  07-05  07-10 (no reason)     08-02 lost         09-27 lost
     *
     * 4 weeks: retained E1 E5 E6 E7 E9 = 5 of E1 E3 E5 E6 E7 E9 E11 = 7,
     * 71.428571428571431%. 12 weeks: retained E5 E10 = 2 of E3 E5 E6 E9
     * E10 E11 = 6, 33.333333333333336%. */
    model_init();
    int32_t p = add_person(ETH_WHITE, FLAG_UNKNOWN);
    add_episode(p, ymd(2025, 7, 10), SV_NO_DATE, -1);
    add_episode(p, ymd(2025, 9, 20), SV_NO_DATE, -1);
    add_episode(p, ymd(2025, 7, 1), ymd(2025, 7, 15), END_DISENGAGED);
    add_episode(p, ymd(2025, 7, 1), ymd(2025, 7, 10), END_MOVED);
    add_episode(p, ymd(2025, 7, 1), ymd(2025, 7, 20), END_COMPLETED);
    add_episode(p, ymd(2025, 6, 10), ymd(2025, 9, 1), END_DISENGAGED);
    add_episode(p, ymd(2025, 9, 2), SV_NO_DATE, -1);
    add_episode(p, ymd(2025, 9, 3), SV_NO_DATE, -1);
    add_episode(p, ymd(2025, 7, 1), ymd(2025, 7, 29), END_DISENGAGED);
    add_episode(p, ymd(2025, 5, 1), SV_NO_DATE, -1);
    add_episode(p, ymd(2025, 7, 5), ymd(2025, 7, 10), -1);
    model.present[EX_EPISODES] = 1;
    ind_set *s = compute(0);
    const ind_value *r4 = lookup(s, I_RETENTION_4W, DIM_OVERALL, 0);
    expect_plain(r4);
    cr_expect_eq(r4->num, 5);
    cr_expect_eq(r4->den, 7);
    expect_near(r4->value, 100.0 * 5 / 7);
    cr_expect(r4->lower < r4->value && r4->value < r4->upper);
    const ind_value *r12 = lookup(s, I_RETENTION_12W, DIM_OVERALL, 0);
    expect_plain(r12);
    cr_expect_eq(r12->num, 2);
    cr_expect_eq(r12->den, 6);
    expect_near(r12->value, 100.0 * 2 / 6);
    ind_set_free(s);
}

Test(ind_retention, only_censored_episodes_is_no_data) {
    /* Two episodes started in the last week of September, both open: no
     * 4-week point has passed, so there is no rate (not 0%, not 100%). */
    model_init();
    int32_t p = add_person(ETH_WHITE, FLAG_UNKNOWN);
    add_episode(p, ymd(2025, 9, 24), SV_NO_DATE, -1);
    add_episode(p, ymd(2025, 9, 25), SV_NO_DATE, -1);
    model.present[EX_EPISODES] = 1;
    ind_set *s = compute(0);
    expect_no_data(lookup(s, I_RETENTION_4W, DIM_OVERALL, 0));
    expect_no_data(lookup(s, I_RETENTION_12W, DIM_OVERALL, 0));
    ind_set_free(s);
}

/* ---- medians with ties ---------------------------------------------------------------------- */

/* Referrals received on 1 July 2025 and assessed `days[i]` days later. */
static void assessments(const int *days, size_t n) {
    int32_t p = add_person(ETH_WHITE, FLAG_UNKNOWN);
    for (size_t i = 0; i < n; i++) add_referral(p, ymd(2025, 7, 1), ymd(2025, 7, 1) + days[i]);
}

Test(ind_median, ties_at_the_median) {
    /* Days 30, 7, 2, 7, 12, 7, 4, 7, 9, 7 sorted: 2 4 7 7 7 7 7 9 12 30.
     * k = 10: median (x5 + x6) / 2 = 7. Order-statistic interval: the
     * largest r with P(B <= r - 1) <= tail, B ~ Binomial(10, 1/2):
     * 95%:   P(B <= 1) = 11/1024 = 0.0107 <= 0.025 < P(B <= 2) = 56/1024:
     *        r = 2, [x2, x9] = [4, 12];
     * 99.8%: P(B <= 0) = 1/1024 = 0.00098 <= 0.001 < P(B <= 1): r = 1,
     *        [x1, x10] = [2, 30]. */
    model_init();
    static const int days[] = {30, 7, 2, 7, 12, 7, 4, 7, 9, 7};
    assessments(days, 10);
    ind_set *s = compute(0);
    const ind_value *v = lookup(s, I_DAYS_TO_ASSESS, DIM_OVERALL, 0);
    expect_plain(v);
    cr_expect_eq(v->den, 10);
    cr_expect_eq(v->value, 7);
    cr_expect_eq(v->lower, 4);
    cr_expect_eq(v->upper, 12);
    cr_expect_eq(v->lower998, 2);
    cr_expect_eq(v->upper998, 30);
    ind_set_free(s);
}

Test(ind_median, ties_collapse_the_interval) {
    /* 1, eight 7s, 40: x2 = x9 = 7, so the 95% interval is [7, 7] (the
     * median is 7 whichever way the ties fall); 99.8% [1, 40]. */
    model_init();
    static const int days[] = {7, 7, 40, 7, 7, 1, 7, 7, 7, 7};
    assessments(days, 10);
    ind_set *s = compute(0);
    const ind_value *v = lookup(s, I_DAYS_TO_ASSESS, DIM_OVERALL, 0);
    cr_expect_eq(v->value, 7);
    cr_expect_eq(v->lower, 7);
    cr_expect_eq(v->upper, 7);
    cr_expect_eq(v->lower998, 1);
    cr_expect_eq(v->upper998, 40);
    ind_set_free(s);
}

Test(ind_median, too_few_for_the_998_interval) {
    /* k = 9: 3 5 5 5 6 6 8 8 20, median x5 = 6; 95%: P(B <= 1) =
     * 10/512 = 0.0195 <= 0.025 < P(B <= 2) = 46/512: [x2, x8] = [5, 8].
     * 99.8%: even P(B <= 0) = 1/512 = 0.00195 > 0.001: no interval. */
    model_init();
    static const int days[] = {8, 5, 6, 3, 20, 5, 8, 6, 5};
    assessments(days, 9);
    ind_set *s = compute(0);
    const ind_value *v = lookup(s, I_DAYS_TO_ASSESS, DIM_OVERALL, 0);
    cr_expect_eq(v->value, 6);
    cr_expect_eq(v->lower, 5);
    cr_expect_eq(v->upper, 8);
    expect_nan(v->lower998);
    expect_nan(v->upper998);
    ind_set_free(s);
}

Test(ind_median, suppressed_with_its_count) {
    /* 5 assessments at threshold 7: the count is suppressed and so is the
     * median built on it. */
    model_init();
    static const int days[] = {3, 5, 8, 13, 21};
    assessments(days, 5);
    ind_set *s = compute(7);
    const ind_value *v = lookup(s, I_DAYS_TO_ASSESS, DIM_OVERALL, 0);
    cr_expect(v->flags & IV_SUPPRESSED);
    expect_nan(v->value);
    expect_nan(v->lower);
    expect_nan(v->den);
    ind_set_free(s);
}

/* ---- bases of recorded answers ------------------------------------------------------------ */

Test(ind_known_base, a_small_not_known_cannot_be_worked_out) {
    /* 30 people supported (shown), 27 with a recorded direct-payment status:
     * the base 27 would give away the 3 not recorded, so it goes, and the
     * rate built on it. With 22 recorded (8 not), the base is shown. */
    model_init();
    for (int i = 0; i < 27; i++) add_person(ETH_WHITE, i < 10 ? FLAG_YES : FLAG_NO);
    for (int i = 0; i < 3; i++) add_person(ETH_WHITE, FLAG_UNKNOWN);
    ind_set *s = compute(7);
    expect_plain(lookup(s, I_PEOPLE, DIM_OVERALL, 0));
    const ind_value *v = lookup(s, I_DIRECT_PAYMENT, DIM_OVERALL, 0);
    cr_expect(v->flags & IV_SUPPRESSED, "base 27 of 30 shown");
    expect_nan(v->den);
    ind_set_free(s);

    model_init();
    for (int i = 0; i < 22; i++) add_person(ETH_WHITE, i < 10 ? FLAG_YES : FLAG_NO);
    for (int i = 0; i < 8; i++) add_person(ETH_WHITE, FLAG_UNKNOWN);
    s = compute(7);
    v = lookup(s, I_DIRECT_PAYMENT, DIM_OVERALL, 0);
    expect_plain(v);
    cr_expect_eq(v->den, 22);
    ind_set_free(s);
}

Test(ind_known_base, in_a_group_too) {
    /* 28 White people (20 with a recorded status) and 10 Asian (9): overall
     * 29 recorded of 38 leaves 9 not recorded (shown); the Asian base 9 of
     * 10 would give away 1, so the Asian rate (0 of 9, else shown) goes. */
    model_init();
    for (int i = 0; i < 28; i++) add_person(ETH_WHITE, i < 20 ? (i < 8 ? FLAG_YES : FLAG_NO) : FLAG_UNKNOWN);
    for (int i = 0; i < 10; i++) add_person(ETH_ASIAN, i < 9 ? FLAG_NO : FLAG_UNKNOWN);
    ind_set *s = compute(7);
    expect_plain(lookup(s, I_PEOPLE, DIM_ETHNICITY, ETH_ASIAN));
    cr_expect_eq(lookup(s, I_DIRECT_PAYMENT, DIM_OVERALL, 0)->den, 29);
    const ind_value *v = lookup(s, I_DIRECT_PAYMENT, DIM_ETHNICITY, ETH_ASIAN);
    cr_expect(v->flags & IV_SUPPRESSED, "Asian base 9 of 10 shown");
    ind_set_free(s);
}

/* ---- records linked to no person ------------------------------------------------------------ */

Test(ind_groups, overall_says_when_it_counts_unlinked_records) {
    /* 12 referrals of one person and 9 not yet matched to anyone: overall
     * 21, the groups 12, and the overall row says it counts records with no
     * group. Without the 9 it does not. */
    for (int unlinked = 1; unlinked >= 0; unlinked--) {
        model_init();
        int32_t p = add_person(ETH_WHITE, FLAG_UNKNOWN);
        for (int i = 0; i < 12 + 9 * unlinked; i++)
            add_referral(i < 12 ? p : -1, ymd(2025, 7, 1), ymd(2025, 7, 20));
        ind_set *s = compute(0);
        const ind_value *all = lookup(s, I_CONVERSION, DIM_OVERALL, 0);
        cr_expect_eq(all->den, 12 + 9 * unlinked);
        cr_expect_eq(lookup(s, I_CONVERSION, DIM_ETHNICITY, ETH_WHITE)->den, 12);
        cr_expect_eq(!!(all->flags & IV_UNLINKED), unlinked, "unlinked %d: flags %#x", unlinked, all->flags);
        ind_set_free(s);
    }
}
