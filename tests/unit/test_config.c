/* test_config.c: cfg_load on small configs (README "Config reference"):
 * every documented key, then wrong types, out-of-range values, unknown keys
 * at several depths, period forms and missing keys, each with its exact
 * text, line and column. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "testutil.h"

TestSuite(config, .fini = tu_cleanup);

static sv_config *load(const char *json, char **path, sv_error *err) {
    *path = tu_write_str("config.json", json);
    sv_error_clear(err);
    return cfg_load(*path, err);
}

/* The config used by most error cases: the line under test is line 4. */
#define HEAD "{\n  \"organisation\": \"Test Care\",\n  \"period\": \"2025-26 Q2\",\n"

/* Loads HEAD + line + "\n}" and expects an error on line 4 at the column
 * where `at` starts in `line`. */
static void expect_line_error(const char *line, const char *at, const char *text) {
    char json[2048];
    snprintf(json, sizeof json, HEAD "%s\n}\n", line);
    const char *p = strstr(line, at);
    cr_assert_not_null(p, "marker %s not in %s", at, line);
    char *path;
    sv_error err;
    sv_config *cfg = load(json, &path, &err);
    cr_expect_null(cfg, "accepted: %s", line);
    expect_error(&err, SV_EXIT_CONFIG, path, 4, (long)(p - line) + 1, text);
    cfg_free(cfg);
    free(path);
}

static void expect_error_at(const char *json, long line, long col, const char *text) {
    char *path;
    sv_error err;
    sv_config *cfg = load(json, &path, &err);
    cr_expect_null(cfg, "accepted: %s", json);
    expect_error(&err, SV_EXIT_CONFIG, path, line, col, text);
    cfg_free(cfg);
    free(path);
}

/* ---- valid configs ---- */

Test(config, minimal_config_and_defaults) {
    char *path;
    sv_error err;
    sv_config *cfg = load("{\"organisation\": \"Test Care\", \"period\": \"2025-26 Q2\"}", &path, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    cr_expect_str_eq(cfg->path, path);
    cr_expect_str_eq(cfg->dir, tu_dir());
    cr_expect_str_eq(cfg->organisation, "Test Care");
    cr_expect_not(cfg->is_council);
    cr_expect_null(cfg->area);
    cr_expect_eq(cfg->period.kind, PERIOD_QUARTER);
    cr_expect_eq(cfg->period.start, day_from_ymd(2025, 7, 1));
    cr_expect_eq(cfg->period.end, day_from_ymd(2025, 9, 30));
    cr_expect_not(cfg->period_latest);
    cr_expect_eq(cfg->schedule, PERIOD_QUARTER);
    cr_expect_eq(cfg->trend_periods, 8);
    cr_expect_eq(cfg->data_date, SV_NO_DATE);
    cr_expect_null(cfg->marking);
    cr_expect_eq(cfg->nhs_r, NHS_R_AS_ASIAN);
    cr_expect_eq(cfg->npopulation, 0);
    int bands[] = {18, 25, 35, 50, 65, 75, 85};
    cr_expect_eq(cfg->nage_bands, 7);
    for (int i = 0; i < 7; i++) cr_expect_eq(cfg->age_bands[i], bands[i]);
    cr_expect_eq(cfg->survey_min, 1);
    cr_expect_eq(cfg->survey_max, 5);
    cr_expect_eq(cfg->survey_satisfied, 4);
    cr_expect_null(cfg->survey_questions);
    cr_expect_eq(cfg->ntargets, 0);
    cr_expect_eq(cfg->suppress_threshold, 7);
    cr_expect_eq(cfg->round_to, 0);
    cr_expect(cfg->secondary);
    cr_expect_str_eq(cfg->marker, "*");
    cr_expect_null(cfg->unit_column);
    cr_expect_not(cfg->unit_documents);
    cr_expect_eq(cfg->nnarrative, 0);
    cr_expect_str_eq(cfg->document, "governance");
    char *out = tu_path("out");
    cr_expect_str_eq(cfg->output_dir, out);
    /* no extract named and none present: none to read */
    for (int e = 0; e < EX_COUNT; e++) {
        cr_expect_null(cfg->extracts[e].path, "%s", extract_get((extract_id)e)->name);
        cr_expect_not(cfg->extracts[e].explicit);
        cr_expect_eq(cfg->extracts[e].dates, DATE_AUTO);
        cr_expect_eq(cfg->extracts[e].separator, 0);
    }
    free(out);
    cfg_free(cfg);
    free(path);
}

Test(config, present_extracts_are_found_beside_the_config) {
    char *people = tu_write_str("people.csv", "person_id,support_start\n");
    char *path;
    sv_error err;
    sv_config *cfg = load("{\"organisation\": \"T\", \"period\": \"2025-09\"}", &path, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    cr_expect_str_eq(cfg->extracts[EX_PEOPLE].path, people);
    cr_expect_not(cfg->extracts[EX_PEOPLE].explicit);
    cr_expect_null(cfg->extracts[EX_VISITS].path);
    cfg_free(cfg);
    free(path);
    free(people);
}

static const char FULL[] =
    "{\n"
    "  \"organisation\": \"Caffi T\xc5\xb7 Care\",\n"
    "  \"organisation_type\": \"council\",\n"
    "  \"area\": \"Coventry\",\n"
    "  \"period\": {\"start\": \"2025-07-01\", \"end\": \"2025-07-31\"},\n"
    "  \"schedule\": \"month\",\n"
    "  \"trend_periods\": 4,\n"
    "  \"data_date\": \"2025-08-05\",\n"
    "  \"marking\": \"OFFICIAL-SENSITIVE\",\n"
    "  \"extracts\": {\n"
    "    \"dir\": \"data\",\n"
    "    \"people\": {\"path\": \"clients.csv\", \"separator\": \";\", \"date_format\": \"uk\",\n"
    "               \"columns\": {\"Client ID\": \"person_id\", \"Area\": \"contract_area\"}},\n"
    "    \"workforce\": {\"path\": \"/abs/staff.csv\", \"separator\": \"tab\", \"date_format\": \"iso\"},\n"
    "    \"visits\": \"roster.csv\",\n"
    "    \"spend\": {\"separator\": \"auto\"}\n"
    "  },\n"
    "  \"columns\": {\"DOB\": \"date_of_birth\"},\n"
    "  \"ethnicity\": {\"nhs_code_r\": \"Other\"},\n"
    "  \"population\": [\n"
    "    {\"dimension\": \"ethnicity\", \"group\": \"Asian\", \"age_scope\": \"65+\", \"share\": 0.104},\n"
    "    {\"dimension\": \"sex\", \"group\": \"Female\", \"count\": 1200}\n"
    "  ],\n"
    "  \"age_bands\": [0, 18, 65],\n"
    "  \"survey\": {\"scale_min\": 0, \"scale_max\": 10, \"satisfied_at_least\": 7,\n"
    "             \"satisfaction_questions\": [\"Overall?\", \"Would you recommend us?\"]},\n"
    "  \"targets\": {\"missed_visit_rate\": {\"green\": 1.0, \"amber\": 2.0, \"better\": \"lower\"},\n"
    "              \"new_starter_supervision.2\": {\"green\": 90, \"amber\": 80, \"better\": \"higher\"}},\n"
    "  \"suppression\": {\"threshold\": 5, \"round_to\": 5, \"secondary\": false, \"marker\": \"[c]\"},\n"
    "  \"units\": {\"column\": \"contract_area\", \"documents\": true},\n"
    "  \"narrative\": {\"summary\": \"A good quarter.\", \"access\": \"\xe2\x80\x9cQuoted\xe2\x80\x9d\"},\n"
    "  \"document\": \"templates/custom.json\",\n"
    "  \"output\": {\"dir\": \"/tmp/reports\"}\n"
    "}\n";

Test(config, every_documented_key) {
    char *data = tu_path("data");
    cr_assert_eq(mkdir(data, 0755), 0);
    free(data);
    char *path;
    sv_error err;
    sv_config *cfg = load(FULL, &path, &err);
    cr_assert_not_null(cfg, "%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    cr_expect_str_eq(cfg->organisation, "Caffi T\xc5\xb7 Care");
    cr_expect(cfg->is_council);
    cr_expect_str_eq(cfg->area, "Coventry");
    cr_expect_eq(cfg->period.kind, PERIOD_DATES);
    cr_expect_eq(cfg->period.start, day_from_ymd(2025, 7, 1));
    cr_expect_eq(cfg->period.end, day_from_ymd(2025, 7, 31));
    cr_expect_str_eq(cfg->period.label, "2025-07-01 to 2025-07-31");
    cr_expect_eq(cfg->schedule, PERIOD_MONTH);
    cr_expect_eq(cfg->trend_periods, 4);
    cr_expect_eq(cfg->data_date, day_from_ymd(2025, 8, 5));
    cr_expect_str_eq(cfg->marking, "OFFICIAL-SENSITIVE");

    char want[512];
    const cfg_extract *people = &cfg->extracts[EX_PEOPLE];
    snprintf(want, sizeof want, "%s/data/clients.csv", tu_dir());
    cr_expect_str_eq(people->path, want);
    cr_expect(people->explicit);
    cr_expect_eq(people->separator, ';');
    cr_expect_eq(people->dates, DATE_UK);
    /* the global mapping first, then the extract's own */
    cr_assert_eq(people->naliases, 3);
    cr_expect_str_eq(people->aliases[0].header, "DOB");
    cr_expect_str_eq(people->aliases[0].column, "date_of_birth");
    cr_expect_str_eq(people->aliases[1].header, "Client ID");
    cr_expect_str_eq(people->aliases[1].column, "person_id");
    cr_expect_str_eq(people->aliases[2].column, "contract_area"); /* the unit column */
    const cfg_extract *staff = &cfg->extracts[EX_WORKFORCE];
    cr_expect_str_eq(staff->path, "/abs/staff.csv");
    cr_expect_eq(staff->separator, '\t');
    cr_expect_eq(staff->dates, DATE_ISO);
    cr_expect_eq(staff->naliases, 1);
    snprintf(want, sizeof want, "%s/data/roster.csv", tu_dir());
    cr_expect_str_eq(cfg->extracts[EX_VISITS].path, want);
    cr_expect_eq(cfg->extracts[EX_VISITS].separator, 0);
    snprintf(want, sizeof want, "%s/data/spend.csv", tu_dir());
    cr_expect_str_eq(cfg->extracts[EX_SPEND].path, want); /* named: kept though absent */
    cr_expect(cfg->extracts[EX_SPEND].explicit);
    cr_expect_null(cfg->extracts[EX_REFERRALS].path);

    cr_expect_eq(cfg->nhs_r, NHS_R_AS_OTHER);
    cr_assert_eq(cfg->npopulation, 2);
    cr_expect_str_eq(cfg->population[0].dimension, "ethnicity");
    cr_expect_str_eq(cfg->population[0].group, "Asian");
    cr_expect_str_eq(cfg->population[0].age_scope, "65+");
    cr_expect_eq(cfg->population[0].share, 0.104);
    cr_expect(isnan(cfg->population[0].count));
    cr_expect_str_eq(cfg->population[1].age_scope, "all");
    cr_expect_eq(cfg->population[1].count, 1200);
    cr_expect(isnan(cfg->population[1].share));
    cr_expect_eq(cfg->nage_bands, 3);
    cr_expect_eq(cfg->age_bands[0], 0);
    cr_expect_eq(cfg->age_bands[2], 65);
    cr_expect_eq(cfg->survey_min, 0);
    cr_expect_eq(cfg->survey_max, 10);
    cr_expect_eq(cfg->survey_satisfied, 7);
    cr_assert_eq(cfg->nsurvey_questions, 2);
    cr_expect_str_eq(cfg->survey_questions[1], "Would you recommend us?");
    cr_assert_eq(cfg->ntargets, 2);
    const cfg_target *t = cfg_target_for(cfg, "missed_visit_rate");
    cr_assert_not_null(t);
    cr_expect_eq(t->green, 1.0);
    cr_expect_eq(t->amber, 2.0);
    cr_expect_eq(t->better, BETTER_LOWER);
    t = cfg_target_for(cfg, "new_starter_supervision.2");
    cr_assert_not_null(t);
    cr_expect_eq(t->better, BETTER_HIGHER);
    cr_expect_null(cfg_target_for(cfg, "dna_rate"));
    cr_expect_eq(cfg->suppress_threshold, 5);
    cr_expect_eq(cfg->round_to, 5);
    cr_expect_not(cfg->secondary);
    cr_expect_str_eq(cfg->marker, "[c]");
    cr_expect_str_eq(cfg->unit_column, "contract_area");
    cr_expect(cfg->unit_documents);
    cr_expect_str_eq(cfg_narrative_for(cfg, "access"), "\xe2\x80\x9cQuoted\xe2\x80\x9d");
    cr_expect_str_eq(cfg_narrative_for(cfg, "summary"), "A good quarter.");
    cr_expect_null(cfg_narrative_for(cfg, "workforce"));
    snprintf(want, sizeof want, "%s/templates/custom.json", tu_dir());
    cr_expect_str_eq(cfg->document, want); /* a template path is relative to the config */
    cr_expect_str_eq(cfg->output_dir, "/tmp/reports");
    cfg_free(cfg);
    free(path);
}

Test(config, period_forms) {
    const struct {
        const char *json;
        period_kind kind;
        int latest;
        sv_day start, end;
    } cases[] = {
        {"\"2025-26 Q4\"", PERIOD_QUARTER, 0, day_from_ymd(2026, 1, 1), day_from_ymd(2026, 3, 31)},
        {"\"2025-09\"", PERIOD_MONTH, 0, day_from_ymd(2025, 9, 1), day_from_ymd(2025, 9, 30)},
        {"{\"start\": \"01/07/2025\", \"end\": \"2025-07-01\"}", PERIOD_DATES, 0,
         day_from_ymd(2025, 7, 1), day_from_ymd(2025, 7, 1)},
        {"\"latest\"", PERIOD_QUARTER, 1, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char json[256];
        snprintf(json, sizeof json, "{\"organisation\": \"T\", \"period\": %s}", cases[i].json);
        char *path;
        sv_error err;
        sv_config *cfg = load(json, &path, &err);
        cr_assert_not_null(cfg, "%s: %s", cases[i].json, err.text);
        cr_expect_eq(cfg->period_latest, cases[i].latest, "%s", cases[i].json);
        if (!cases[i].latest) {
            cr_expect_eq(cfg->period.kind, cases[i].kind, "%s", cases[i].json);
            cr_expect_eq(cfg->period.start, cases[i].start, "%s", cases[i].json);
            cr_expect_eq(cfg->period.end, cases[i].end, "%s", cases[i].json);
        }
        cfg_free(cfg);
        free(path);
    }
}

Test(config, equity_window) {
    const char *forms[] = {"", ", \"equity_window\": \"12 months\"", ", \"equity_window\": \"period\""};
    const int want[] = {1, 1, 0};
    for (int i = 0; i < 3; i++) {
        char json[256];
        snprintf(json, sizeof json, "{\"organisation\": \"T\", \"period\": \"2025-09\"%s}", forms[i]);
        char *path;
        sv_error err;
        sv_config *cfg = load(json, &path, &err);
        cr_assert_not_null(cfg, "%s", err.text);
        cr_expect_eq(cfg->equity_12_months, want[i], "%s", forms[i]);
        cfg_free(cfg);
        free(path);
    }
    expect_line_error("  \"equity_window\": \"quarter\"", "\"quarter\"",
                      "$.equity_window: \"quarter\" is not one of \"12 months\", \"period\"");
}

Test(config, relative_paths_resolve_from_the_config) {
    char *path;
    sv_error err;
    sv_config *cfg = load("{\"organisation\": \"T\", \"period\": \"2025-09\","
                          " \"extracts\": {\"dir\": \".\", \"people\": \"p.csv\"},"
                          " \"output\": {\"dir\": \"../out\"}}",
                          &path, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    char want[512];
    snprintf(want, sizeof want, "%s/p.csv", tu_dir());
    cr_expect_str_eq(cfg->extracts[EX_PEOPLE].path, want); /* no "/./" */
    snprintf(want, sizeof want, "%s/../out", tu_dir());
    cr_expect_str_eq(cfg->output_dir, want);
    char *r = cfg_resolve(cfg, "/etc/x");
    cr_expect_str_eq(r, "/etc/x");
    free(r);
    r = cfg_resolve(cfg, ".");
    cr_expect_str_eq(r, tu_dir());
    free(r);
    cfg_free(cfg);
    free(path);
}

Test(config, extracts_dir_must_exist) {
    /* Otherwise every extract would quietly count as absent. */
    char want[512];
    snprintf(want, sizeof want, "$.extracts.dir: \"no-such-dir\" is not a directory (%s/no-such-dir)",
             tu_dir());
    expect_line_error("  \"extracts\": {\"dir\": \"no-such-dir\"}", "\"no-such-dir\"", want);
    char *file = tu_write_str("a-file", "x");
    snprintf(want, sizeof want, "$.extracts.dir: \"a-file\" is not a directory (%s)", file);
    expect_line_error("  \"extracts\": {\"dir\": \"a-file\"}", "\"a-file\"", want);
    free(file);
}

/* ---- wrong types ---- */

Test(config, wrong_types) {
    expect_line_error("  \"trend_periods\": \"8\"", "\"8\"",
                      "$.trend_periods: expected an integer, found a string");
    expect_line_error("  \"trend_periods\": 6.5", "6.5",
                      "$.trend_periods: expected an integer, found a number");
    expect_line_error("  \"area\": 12", "12", "$.area: expected a string, found an integer");
    expect_line_error("  \"marking\": null", "null", "$.marking: expected a string, found null");
    expect_line_error("  \"extracts\": [\"people.csv\"]", "[",
                      "$.extracts: expected an object, found an array");
    expect_line_error("  \"extracts\": {\"people\": 5}", "5",
                      "$.extracts.people: expected a file name or an object, found an integer");
    expect_line_error("  \"extracts\": {\"dir\": false}", "false",
                      "$.extracts.dir: expected a string, found a boolean");
    expect_line_error("  \"population\": {\"dimension\": \"sex\"}", "{",
                      "$.population: expected an array of {dimension, group, age_scope, count or share}, found an object");
    expect_line_error("  \"population\": [{\"dimension\": \"sex\", \"group\": \"Male\", \"count\": \"100\"}]",
                      "\"100\"", "$.population[0].count: expected a number, found a string");
    expect_line_error("  \"age_bands\": [18, \"65\"]", "\"65\"",
                      "$.age_bands[1]: expected an age in whole years, found a string");
    expect_line_error("  \"survey\": {\"satisfaction_questions\": [\"Q1\", 2]}", "2]",
                      "$.survey.satisfaction_questions[1]: expected a question text, found an integer");
    expect_line_error("  \"suppression\": {\"secondary\": \"yes\"}", "\"yes\"",
                      "$.suppression.secondary: expected true or false, found a string");
    expect_line_error("  \"units\": {\"documents\": 1}", "1",
                      "$.units.documents: expected true or false, found an integer");
    expect_line_error("  \"targets\": {\"dna_rate\": {\"green\": \"10\", \"amber\": 15, \"better\": \"lower\"}}",
                      "\"10\"", "$.targets.dna_rate.green: expected a number, found a string");
    expect_line_error("  \"narrative\": {\"summary\": [\"a\"]}", "[",
                      "$.narrative.summary: expected a string, found an array");
    expect_line_error("  \"columns\": {\"Client ID\": 1}", "1",
                      "$.columns['Client ID']: expected a column name, found an integer");
    expect_line_error("  \"output\": \"out\"", "\"out\"", "$.output: expected an object, found a string");
    expect_error_at("{\"organisation\": [\"T\"], \"period\": \"2025-09\"}", 1, 18,
                    "$.organisation: expected a string, found an array");
    expect_error_at("[{\"organisation\": \"T\"}]", 1, 1, "$: expected an object, found an array");
    expect_error_at("{\"organisation\": \"T\", \"period\": 202509}", 1, 33,
                    "$.period: expected a string such as \"2025-26 Q2\" or \"2025-09\", or {\"start\", \"end\"}, found an integer");
}

/* ---- out-of-range values and bad choices ---- */

Test(config, out_of_range) {
    expect_line_error("  \"trend_periods\": 9", "9", "$.trend_periods: 9 is out of range (4 to 8)");
    expect_line_error("  \"trend_periods\": 3", "3", "$.trend_periods: 3 is out of range (4 to 8)");
    expect_line_error("  \"suppression\": {\"threshold\": 101}", "101",
                      "$.suppression.threshold: 101 is out of range (0 to 100)");
    expect_line_error("  \"suppression\": {\"threshold\": -1}", "-1",
                      "$.suppression.threshold: -1 is out of range (0 to 100)");
    expect_line_error("  \"suppression\": {\"round_to\": 3}", "3",
                      "$.suppression.round_to: expected 0 (no rounding) or 5");
    expect_line_error("  \"suppression\": {\"marker\": \"\"}", "\"\"",
                      "$.suppression.marker: expected 1 to 8 characters of text");
    expect_line_error("  \"suppression\": {\"marker\": \"suppressed\"}", "\"suppressed\"",
                      "$.suppression.marker: expected 1 to 8 characters of text");
    expect_line_error("  \"population\": [{\"dimension\": \"sex\", \"group\": \"Male\", \"share\": 1.5}]",
                      "1.5", "$.population[0].share: 1.5 is out of range (0 to 1)");
    expect_line_error("  \"population\": [{\"dimension\": \"sex\", \"group\": \"Male\", \"count\": -4}]",
                      "-4", "$.population[0].count: -4 is out of range (0 to 10000000000)");
    expect_line_error("  \"population\": [{\"dimension\": \"sex\", \"group\": \"Male\"}]", "{",
                      "$.population[0]: give a count or a share (a fraction from 0 to 1)");
    expect_line_error("  \"population\": [{\"dimension\": \"religion\", \"group\": \"x\", \"count\": 1}]",
                      "\"religion\"",
                      "$.population[0].dimension: \"religion\" is not one of \"ethnicity\", \"sex\", \"age_band\"");
    expect_line_error("  \"age_bands\": [18, 18, 65]", "18, 65",
                      "$.age_bands[1]: 18 is not above the previous bound, 18 (give lower bounds in ascending order)");
    expect_line_error("  \"age_bands\": [18, 130]", "130", "$.age_bands[1]: 130 is out of range (0 to 120)");
    expect_line_error("  \"age_bands\": [18]", "[",
                      "$.age_bands: give 2 to 16 lower bounds, such as [18, 25, 35, 50, 65, 75, 85]");
    expect_line_error("  \"survey\": {\"scale_min\": 5, \"scale_max\": 1}", "{",
                      "$.survey: need scale_min < scale_max and satisfied_at_least within the scale");
    expect_line_error("  \"survey\": {\"satisfied_at_least\": 6}", "{",
                      "$.survey: need scale_min < scale_max and satisfied_at_least within the scale");
    expect_line_error("  \"targets\": {\"dna_rate\": {\"green\": 10, \"amber\": 5, \"better\": \"lower\"}}",
                      "{\"green\"", "$.targets.dna_rate: amber (5) must be worse than green (10): lower is better here");
    expect_line_error("  \"targets\": {\"dna_rate\": {\"green\": 10, \"amber\": 15, \"better\": \"low\"}}",
                      "\"low\"",
                      "$.targets.dna_rate.better: \"low\" is not one of \"higher\", \"lower\" (did you mean \"lower\"?)");
    expect_line_error("  \"targets\": {\"dna_rate\": {\"green\": 10, \"better\": \"lower\"}}", "{\"green\"",
                      "$.targets.dna_rate: missing required key \"amber\"");
    expect_line_error("  \"organisation_type\": \"charity\"", "\"charity\"",
                      "$.organisation_type: \"charity\" is not one of \"provider\", \"council\"");
    expect_line_error("  \"schedule\": \"monthly\"", "\"monthly\"",
                      "$.schedule: \"monthly\" is not one of \"quarter\", \"month\" (did you mean \"month\"?)");
    expect_line_error("  \"ethnicity\": {\"nhs_code_r\": \"Chinese\"}", "\"Chinese\"",
                      "$.ethnicity.nhs_code_r: \"Chinese\" is not one of \"Asian\", \"Other\"");
    expect_line_error("  \"extracts\": {\"people\": {\"separator\": \"|\"}}", "\"|\"",
                      "$.extracts.people.separator: \"|\" is not one of \",\", \";\", \"tab\", \"auto\" (did you mean \",\"?)");
    expect_line_error("  \"extracts\": {\"people\": {\"date_format\": \"us\"}}", "\"us\"",
                      "$.extracts.people.date_format: \"us\" is not one of \"auto\", \"iso\", \"uk\" (did you mean \"uk\"?)");
    expect_line_error("  \"data_date\": \"2025-02-30\"", "\"2025-02-30\"",
                      "$.data_date: \"2025-02-30\" is not a date (expected YYYY-MM-DD)");
}

Test(config, column_mappings) {
    expect_line_error("  \"extracts\": {\"people\": {\"columns\": {\"Client ID\": \"person_d\"}}}", "\"person_d\"",
                      "$.extracts.people.columns['Client ID']: \"person_d\" is not a column of people.csv (did you mean \"person_id\"?)");
    /* a canonical name, but of another extract */
    expect_line_error("  \"extracts\": {\"visits\": {\"columns\": {\"Client\": \"support_start\"}}}",
                      "\"support_start\"",
                      "$.extracts.visits.columns.Client: \"support_start\" is not a column of visits.csv");
    expect_line_error("  \"columns\": {\"Ref\": \"reference\"}", "\"reference\"",
                      "$.columns.Ref: \"reference\" is not a canonical column name");
    expect_line_error("  \"columns\": {\"Worker\": \"staf_id\"}", "\"staf_id\"",
                      "$.columns.Worker: \"staf_id\" is not a canonical column name (did you mean \"staff_id\"?)");
}

/* ---- unknown keys at several depths ---- */

Test(config, unknown_keys) {
    expect_line_error("  \"perod\": \"2025-26 Q2\"", "\"perod\"",
                      "$.perod: unknown key \"perod\" (did you mean \"period\"?)");
    expect_line_error("  \"colour\": \"blue\"", "\"colour\"", "$.colour: unknown key \"colour\"");
    expect_line_error("  \"suppression\": {\"treshold\": 5}", "\"treshold\"",
                      "$.suppression.treshold: unknown key \"treshold\" (did you mean \"threshold\"?)");
    expect_line_error("  \"extracts\": {\"peple\": \"p.csv\"}", "\"peple\"",
                      "$.extracts.peple: unknown key \"peple\" (did you mean \"people\"?)");
    expect_line_error("  \"extracts\": {\"people\": {\"colums\": {}}}", "\"colums\"",
                      "$.extracts.people.colums: unknown key \"colums\" (did you mean \"columns\"?)");
    expect_line_error("  \"population\": [{\"dimension\": \"sex\", \"grop\": \"Male\", \"count\": 1}]", "\"grop\"",
                      "$.population[0].grop: unknown key \"grop\" (did you mean \"group\"?)");
    expect_line_error("  \"targets\": {\"dna_rate\": {\"gren\": 1, \"amber\": 2, \"better\": \"lower\"}}", "\"gren\"",
                      "$.targets.dna_rate.gren: unknown key \"gren\" (did you mean \"green\"?)");
    expect_error_at("{\"organisation\": \"T\",\n \"period\": {\"start\": \"2025-07-01\", \"end\": \"2025-07-31\", \"label\": \"x\"}}",
                    2, 57, "$.period.label: unknown key \"label\"");
    expect_line_error("  \"output\": {\"directory\": \"out\"}", "\"directory\"",
                      "$.output.directory: unknown key \"directory\"");
    expect_line_error("  \"Output\": {\"dir\": \"out\"}", "\"Output\"",
                      "$.Output: unknown key \"Output\" (did you mean \"output\"?)");
}

/* ---- periods and missing keys ---- */

Test(config, bad_periods) {
    expect_error_at("{\"organisation\": \"T\",\n \"period\": \"2025-26 Q5\"}", 2, 12,
                    "$.period: \"2025-26 Q5\": the quarter must be Q1 to Q4");
    expect_error_at("{\"organisation\": \"T\",\n \"period\": \"Q2 2025\"}", 2, 12,
                    "$.period: \"Q2 2025\": expected a financial-year quarter such as \"2025-26 Q2\" or a month such as \"2025-09\"");
    expect_error_at("{\"organisation\": \"T\",\n \"period\": {\"start\": \"2025-07-31\", \"end\": \"2025-07-01\"}}",
                    2, 12, "$.period: the period ends before it starts");
    expect_error_at("{\"organisation\": \"T\",\n \"period\": {\"start\": \"2025-02-30\", \"end\": \"2025-07-01\"}}",
                    2, 22, "$.period.start: \"2025-02-30\" is not a date (expected YYYY-MM-DD)");
    expect_error_at("{\"organisation\": \"T\",\n \"period\": {\"start\": \"2025-07-01\"}}", 2, 12,
                    "$.period: missing required key \"end\"");
}

Test(config, missing_required_keys) {
    expect_error_at("{\n  \"period\": \"2025-26 Q2\"\n}", 1, 1, "$: missing required key \"organisation\"");
    expect_error_at("{\n  \"organisation\": \"T\"\n}", 1, 1, "$: missing required key \"period\"");
    expect_error_at("{}", 1, 1, "$: missing required key \"organisation\"");
    expect_line_error("  \"population\": [{\"group\": \"Male\", \"count\": 1}]", "{",
                      "$.population[0]: missing required key \"dimension\"");
}

Test(config, syntax_errors_and_unreadable_files) {
    expect_error_at("{\n  \"organisation\": \"T\",\n  \"period\": \"2025-26 Q2\",\n}\n", 4, 1,
                    "invalid JSON: string or '}' expected near '}'");
    expect_error_at("{\"organisation\": \"T\", \"organisation\": \"U\", \"period\": \"2025-09\"}", 1, 36,
                    "invalid JSON: duplicate object key near '\"organisation\"'");
    sv_error err;
    sv_error_clear(&err);
    char *missing = tu_path("nope.json");
    cr_expect_null(cfg_load(missing, &err));
    expect_error(&err, SV_EXIT_IO, missing, 0, 0, "cannot open: No such file or directory");
    free(missing);
}
