/* test_codelists.c: the code lists of the data contract ("Code lists"):
 * ethnicity (ONS 2021 names, NHS letter codes, the R roll-up), sex, flags
 * and the ';'-separated lists. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "codelists.h"

static int eth(const char *s) { return ethnicity_parse(s, strlen(s), NHS_R_AS_ASIAN); }
static int eth_r_other(const char *s) { return ethnicity_parse(s, strlen(s), NHS_R_AS_OTHER); }

#define expect_eth(s, want) \
    cr_expect_eq(eth(s), (want), "ethnicity \"%s\" -> %d, want %d", (s), eth(s), (int)(want))

/* The 19 ONS 2021 census categories, by the census's own group label. */
static const struct {
    const char *group;
    const char *category;
    ethnic_group want;
} ONS2021[] = {
    {"Asian, Asian British or Asian Welsh", "Bangladeshi", ETH_ASIAN},
    {"Asian, Asian British or Asian Welsh", "Chinese", ETH_ASIAN},
    {"Asian, Asian British or Asian Welsh", "Indian", ETH_ASIAN},
    {"Asian, Asian British or Asian Welsh", "Pakistani", ETH_ASIAN},
    {"Asian, Asian British or Asian Welsh", "Other Asian", ETH_ASIAN},
    {"Black, Black British, Black Welsh, Caribbean or African", "African", ETH_BLACK},
    {"Black, Black British, Black Welsh, Caribbean or African", "Caribbean", ETH_BLACK},
    {"Black, Black British, Black Welsh, Caribbean or African", "Other Black", ETH_BLACK},
    {"Mixed or Multiple ethnic groups", "White and Asian", ETH_MIXED},
    {"Mixed or Multiple ethnic groups", "White and Black African", ETH_MIXED},
    {"Mixed or Multiple ethnic groups", "White and Black Caribbean", ETH_MIXED},
    {"Mixed or Multiple ethnic groups", "Other Mixed or Multiple ethnic groups", ETH_MIXED},
    {"White", "English, Welsh, Scottish, Northern Irish or British", ETH_WHITE},
    {"White", "Irish", ETH_WHITE},
    {"White", "Gypsy or Irish Traveller", ETH_WHITE},
    {"White", "Roma", ETH_WHITE},
    {"White", "Other White", ETH_WHITE},
    {"Other ethnic group", "Arab", ETH_OTHER},
    {"Other ethnic group", "Any other ethnic group", ETH_OTHER},
};

Test(ethnicity, ons_2021_categories_by_name) {
    cr_assert_eq(sizeof ONS2021 / sizeof *ONS2021, 19);
    for (size_t i = 0; i < 19; i++) expect_eth(ONS2021[i].category, ONS2021[i].want);
}

Test(ethnicity, ons_2021_group_colon_category) {
    char buf[200];
    for (size_t i = 0; i < 19; i++) {
        snprintf(buf, sizeof buf, "%s: %s", ONS2021[i].group, ONS2021[i].category);
        expect_eth(buf, ONS2021[i].want);
        snprintf(buf, sizeof buf, "%s:%s", ONS2021[i].group, ONS2021[i].category);
        expect_eth(buf, ONS2021[i].want);
    }
    expect_eth("Asian: Chinese", ETH_ASIAN);
    expect_eth("White: Irish", ETH_WHITE);
    expect_eth("Asian or Asian British: Any other Asian background", ETH_ASIAN);
    /* A group with a category that is not in it is not guessed. */
    expect_eth("White: Indian", CODE_UNKNOWN);
    expect_eth("Black: Arab", CODE_UNKNOWN);
    expect_eth("Martian: Indian", CODE_UNKNOWN);
    /* A group with a category the list does not know is the group. */
    expect_eth("White: Cornish", ETH_WHITE);
}

Test(ethnicity, high_level_groups_and_case) {
    expect_eth("White", ETH_WHITE);
    expect_eth("Asian, Asian British or Asian Welsh", ETH_ASIAN);
    expect_eth("Black, Black British, Black Welsh, Caribbean or African", ETH_BLACK);
    expect_eth("Mixed or Multiple ethnic groups", ETH_MIXED);
    expect_eth("Other ethnic group", ETH_OTHER);
    expect_eth("  WHITE   british ", ETH_WHITE);
    expect_eth("mixed", ETH_MIXED);
    expect_eth("Not stated", ETH_NOT_STATED);
    expect_eth("Prefer not to say", ETH_NOT_STATED);
    expect_eth("Not known", ETH_NOT_KNOWN);
    expect_eth("", ETH_NOT_KNOWN);
    expect_eth("   ", ETH_NOT_KNOWN);
}

Test(ethnicity, nhs_letter_codes) {
    const struct {
        const char *code;
        int want;
    } codes[] = {
        {"A", ETH_WHITE}, {"B", ETH_WHITE}, {"C", ETH_WHITE},  {"D", ETH_MIXED},
        {"E", ETH_MIXED}, {"F", ETH_MIXED}, {"G", ETH_MIXED},  {"H", ETH_ASIAN},
        {"J", ETH_ASIAN}, {"K", ETH_ASIAN}, {"L", ETH_ASIAN},  {"M", ETH_BLACK},
        {"N", ETH_BLACK}, {"P", ETH_BLACK}, {"R", ETH_ASIAN},  {"S", ETH_OTHER},
        {"Z", ETH_NOT_STATED}, {"99", ETH_NOT_KNOWN},
    };
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        expect_eth(codes[i].code, codes[i].want);
        char lower[4] = {0};
        for (size_t k = 0; codes[i].code[k]; k++) lower[k] = (char)(codes[i].code[k] | 0x20);
        expect_eth(lower, codes[i].want);
    }
    /* Letters the NHS list leaves out. */
    const char *unused[] = {"I", "O", "Q", "T", "U", "V", "W", "Y", "9", "98"};
    for (size_t i = 0; i < sizeof unused / sizeof *unused; i++) expect_eth(unused[i], CODE_UNKNOWN);
}

Test(ethnicity, nhs_sub_codes) {
    expect_eth("A1", ETH_WHITE);
    expect_eth("CA", ETH_WHITE);
    expect_eth("C3", ETH_WHITE);
    expect_eth("GC", ETH_MIXED);
    expect_eth("LH", ETH_ASIAN);
    expect_eth("PD", ETH_BLACK);
    expect_eth("SC", ETH_OTHER);
    expect_eth(" a ", ETH_WHITE);
    expect_eth("A-", CODE_UNKNOWN);
    expect_eth("A11", CODE_UNKNOWN);
    expect_eth("AA1", CODE_UNKNOWN);
    expect_eth("I1", CODE_UNKNOWN);
}

Test(ethnicity, nhs_r_chinese_rolls_up_both_ways) {
    cr_expect_eq(eth("R"), ETH_ASIAN);
    cr_expect_eq(eth_r_other("R"), ETH_OTHER);
    cr_expect_eq(eth("r1"), ETH_ASIAN);
    cr_expect_eq(eth_r_other("r1"), ETH_OTHER);
    /* The ONS name is always Asian: the setting is about the NHS code only. */
    cr_expect_eq(eth_r_other("Chinese"), ETH_ASIAN);
    cr_expect_eq(eth_r_other("S"), ETH_OTHER);
    cr_expect_eq(eth_r_other("H"), ETH_ASIAN);
}

Test(ethnicity, unknown_values_are_not_guessed) {
    expect_eth("Whit", CODE_UNKNOWN);
    expect_eth("Martian", CODE_UNKNOWN);
    expect_eth("White/Asian", CODE_UNKNOWN);
    expect_eth("1", CODE_UNKNOWN);
    expect_eth("n/a", CODE_UNKNOWN);
    char longv[300];
    memset(longv, 'a', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    expect_eth(longv, CODE_UNKNOWN);
}

Test(ethnicity, population_group_labels) {
    const char *ok[] = {"White", "Asian", "Black", "Mixed", "Other",
                        "Asian, Asian British or Asian Welsh", "other ethnic group",
                        "Black, Black British, Black Welsh, Caribbean or African",
                        "MIXED OR MULTIPLE ETHNIC GROUPS"};
    const int want[] = {ETH_WHITE, ETH_ASIAN, ETH_BLACK, ETH_MIXED, ETH_OTHER,
                        ETH_ASIAN, ETH_OTHER, ETH_BLACK, ETH_MIXED};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        cr_expect_eq(ethnicity_parse_group(ok[i], strlen(ok[i])), want[i], "%s", ok[i]);
    const char *bad[] = {"Indian", "Not stated", "A", "", "Whites"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect_eq(ethnicity_parse_group(bad[i], strlen(bad[i])), CODE_UNKNOWN, "%s", bad[i]);
}

Test(ethnicity, names) {
    cr_expect_str_eq(ethnic_short_name(ETH_BLACK), "Black");
    cr_expect_str_eq(ethnic_long_name(ETH_MIXED), "Mixed or Multiple ethnic groups");
    cr_expect_str_eq(ethnic_short_name(ETH_NOT_STATED), "Not stated");
    cr_expect_str_eq(ethnic_long_name((ethnic_group)ETH_COUNT), "Unknown");
}

/* ---- sex and flags ---- */

static int sex(const char *s) { return sex_parse(s, strlen(s)); }
static int flag(const char *s) { return flag_parse(s, strlen(s)); }

Test(sex, variants) {
    const char *female[] = {"Female", "F", "female", " FEMALE ", "Woman", "2"};
    const char *male[] = {"Male", "M", "m", "man", "1"};
    const char *other[] = {"Other", "Not stated", "Prefer not to say", "Non-binary",
                           "Indeterminate", "9", "I", "X"};
    const char *not_known[] = {"Not known", "unknown", "0", "U", "", "  "};
    for (size_t i = 0; i < sizeof female / sizeof *female; i++)
        cr_expect_eq(sex(female[i]), SEX_FEMALE, "\"%s\"", female[i]);
    for (size_t i = 0; i < sizeof male / sizeof *male; i++)
        cr_expect_eq(sex(male[i]), SEX_MALE, "\"%s\"", male[i]);
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        cr_expect_eq(sex(other[i]), SEX_OTHER, "\"%s\"", other[i]);
    for (size_t i = 0; i < sizeof not_known / sizeof *not_known; i++)
        cr_expect_eq(sex(not_known[i]), SEX_NOT_KNOWN, "\"%s\"", not_known[i]);
    const char *bad[] = {"Fem", "Females", "3", "yes", "a very long value that is not a sex code at all"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect_eq(sex(bad[i]), CODE_UNKNOWN, "\"%s\"", bad[i]);
    cr_expect_str_eq(sex_name(SEX_OTHER), "Other or not stated");
    cr_expect_str_eq(sex_name((sex_code)SEX_COUNT), "Unknown");
}

Test(flags, variants) {
    const char *yes[] = {"Y", "y", "Yes", "YES", "true", "TRUE", "True", "1", " yes "};
    const char *no[] = {"N", "n", "No", "no", "FALSE", "false", "0", "\tN"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        cr_expect_eq(flag(yes[i]), FLAG_YES, "\"%s\"", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        cr_expect_eq(flag(no[i]), FLAG_NO, "\"%s\"", no[i]);
    cr_expect_eq(flag(""), FLAG_UNKNOWN);
    cr_expect_eq(flag("   "), FLAG_UNKNOWN);
    const char *bad[] = {"maybe", "T", "F", "2", "yes please", "-1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect_eq(flag(bad[i]), CODE_UNKNOWN, "\"%s\"", bad[i]);
}

/* ---- generic lists ---- */

static int lookup(const code_list *l, const char *s) { return code_lookup(l, s, strlen(s)); }

Test(code_lists, lookup_with_aliases) {
    cr_expect_eq(lookup(&FEEDBACK_TYPE_LIST, "Safeguarding"), FB_SAFEGUARDING);
    cr_expect_eq(lookup(&FEEDBACK_TYPE_LIST, "safeguarding  alert"), FB_SAFEGUARDING);
    cr_expect_eq(lookup(&FEEDBACK_TYPE_LIST, "Complaint"), FB_COMPLAINT);
    cr_expect_eq(lookup(&FEEDBACK_TYPE_LIST, "complaints"), CODE_UNKNOWN);
    cr_expect_eq(lookup(&ADJUSTMENT_LIST, "British Sign Language"), ADJ_BSL);
    cr_expect_eq(lookup(&ADJUSTMENT_LIST, "BSL"), ADJ_BSL);
    cr_expect_eq(lookup(&CONTACT_FORMAT_LIST, "Face to face"), CF_SUPPORTED_MEETING);
    cr_expect_eq(lookup(&CONTRACT_LIST, "Zero-hours"), CON_ZERO_HOURS);
    cr_expect_eq(lookup(&ACTION_STATUS_LIST, "Closed"), ACT_DONE);
    cr_expect_eq(lookup(&ACTION_STATUS_LIST, "in  progress"), ACT_IN_PROGRESS);
    cr_expect_eq(lookup(&END_REASON_LIST, "transferred"), END_TRANSFERRED);
    cr_expect_eq(lookup(&SUPERVISION_LIST, "Observation"), SUP_OBSERVATION);
    cr_expect_eq(lookup(&OUTCOME_TYPE_LIST, "paid employment"), OUT_PAID_JOB);
    cr_expect_eq(lookup(&ROLE_TIER_LIST, ""), CODE_UNKNOWN);
    cr_expect_eq(lookup(&ROLE_TIER_LIST, "support"), CODE_UNKNOWN);
    /* a prefix of an alias list entry is not a match */
    cr_expect_eq(lookup(&ACTION_SOURCE_LIST, "eia|"), CODE_UNKNOWN);
}

Test(code_lists, display_names) {
    char buf[64];
    code_display(&ADJUSTMENT_LIST, ADJ_EASY_READ, buf, sizeof buf);
    cr_expect_str_eq(buf, "Easy read");
    code_display(&ADJUSTMENT_LIST, ADJ_BSL, buf, sizeof buf);
    cr_expect_str_eq(buf, "BSL");
    code_display(&ACTION_SOURCE_LIST, SRC_EIA, buf, sizeof buf);
    cr_expect_str_eq(buf, "EIA");
    code_display(&FEEDBACK_TYPE_LIST, FB_SAFEGUARDING, buf, sizeof buf);
    cr_expect_str_eq(buf, "Safeguarding alert");
    code_display(&FEEDBACK_TYPE_LIST, 99, buf, sizeof buf);
    cr_expect_str_eq(buf, "Unknown");
    code_display(&FEEDBACK_TYPE_LIST, -1, buf, sizeof buf);
    cr_expect_str_eq(buf, "Unknown");
    char small[5];
    code_display(&ADJUSTMENT_LIST, ADJ_CONSISTENT_STAFF, small, sizeof small);
    cr_expect_str_eq(small, "Cons");
}

Test(code_lists, semicolon_sets) {
    int unknown = -1;
    unsigned m = code_set_parse(&ADJUSTMENT_LIST, "easy read;interpreter", 21, &unknown, NULL, NULL);
    cr_expect_eq(m, (1u << ADJ_EASY_READ) | (1u << ADJ_INTERPRETER));
    cr_expect_eq(unknown, 0);

    const char *s = " Easy Read ;; BSL ; ";
    m = code_set_parse(&ADJUSTMENT_LIST, s, strlen(s), &unknown, NULL, NULL);
    cr_expect_eq(m, (1u << ADJ_EASY_READ) | (1u << ADJ_BSL));
    cr_expect_eq(unknown, 0);

    s = "easy read; martian ;quiet slot;xyz";
    const char *first = NULL;
    size_t first_len = 0;
    m = code_set_parse(&ADJUSTMENT_LIST, s, strlen(s), &unknown, &first, &first_len);
    cr_expect_eq(m, (1u << ADJ_EASY_READ) | (1u << ADJ_QUIET_SLOT));
    cr_expect_eq(unknown, 2);
    cr_expect_eq(first_len, 7, "the first unknown item, trimmed");
    cr_expect(strncmp(first, "martian", 7) == 0);

    m = code_set_parse(&THEME_LIST, "", 0, &unknown, NULL, NULL);
    cr_expect_eq(m, 0u);
    cr_expect_eq(unknown, 0);
    m = code_set_parse(&THEME_LIST, ";", 1, &unknown, NULL, NULL);
    cr_expect_eq(m, 0u);
    cr_expect_eq(unknown, 0);

    s = "access;cultural;access barriers";
    m = code_set_parse(&THEME_LIST, s, strlen(s), &unknown, NULL, NULL);
    cr_expect_eq(m, (1u << THEME_ACCESS) | (1u << THEME_CULTURAL));
    cr_expect_eq(unknown, 0);

    /* len is honoured */
    m = code_set_parse(&THEME_LIST, "dignity;other", 7, &unknown, NULL, NULL);
    cr_expect_eq(m, 1u << THEME_DIGNITY);
}
