/* Assessment frameworks: both shipped files load and have CQC's shape, the
 * percentage bands place boundary cases by the documented rule, and a
 * broken framework is reported with its path, line and column. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "framework.h"

static framework *load(const char *id) {
    sv_error err;
    sv_error_clear(&err);
    framework *fw = fw_load(id, "templates", &err);
    cr_assert_not_null(fw, "%s: %s:%ld:%ld: %s", id, err.source, err.line, err.column, err.text);
    return fw;
}

Test(framework, local_authority_has_4_themes_and_9_statements) {
    framework *fw = load("cqc-la-2023");
    cr_expect_eq(fw->ngroups, 4);
    cr_expect_eq(fw_statement_count(fw), 9);
    const fw_statement *st = fw_find(fw, "LA3");
    cr_assert_not_null(st);
    cr_expect_str_eq(st->name, "Equity in experience and outcomes");
    cr_expect_gt(st->ni, 0, "the equity statement has I statements");
    cr_expect_str_eq(fw->scale[0], "Evidence shows significant shortfalls");
    fw_free(fw);
}

Test(framework, provider_has_5_key_questions_and_34_statements) {
    framework *fw = load("cqc-saf-2024");
    static const size_t per_kq[] = {8, 6, 5, 7, 8};
    cr_assert_eq(fw->ngroups, 5);
    for (size_t g = 0; g < 5; g++) cr_expect_eq(fw->groups[g].nstatements, per_kq[g]);
    cr_expect_eq(fw_statement_count(fw), 34);
    cr_expect_str_eq(fw_find(fw, "R6")->name, "Equity in experiences and outcomes");
    fw_free(fw);
}

/* With 9 statements the percentage is k/36: 14/36 = 38.9% and 32/36 =
 * 88.9% fall in the gaps and beside them the bands' edges. */
Test(framework, bands_place_boundary_cases_by_the_rule) {
    framework *fw = load("cqc-la-2023");
    cr_expect_str_eq(fw_band_of(fw, 25.0, 0), "Inadequate");
    cr_expect_str_eq(fw_band_of(fw, 38.4, 0), "Inadequate");
    cr_expect_str_eq(fw_band_of(fw, 38.5, 0), "Requires improvement");
    cr_expect_str_eq(fw_band_of(fw, 100.0 * 14 / 36, 0), "Requires improvement");
    cr_expect_str_eq(fw_band_of(fw, 62.4, 0), "Requires improvement");
    cr_expect_str_eq(fw_band_of(fw, 100.0 * 23 / 36, 0), "Good");
    cr_expect_str_eq(fw_band_of(fw, 87.4, 0), "Good");
    cr_expect_str_eq(fw_band_of(fw, 100.0 * 32 / 36, 0), "Outstanding");
    /* Rounding first: 38.4 -> 38 (inadequate), 38.6 -> 39 (requires improvement). */
    cr_expect_str_eq(fw_band_of(fw, 38.4, 1), "Inadequate");
    cr_expect_str_eq(fw_band_of(fw, 38.6, 1), "Requires improvement");
    cr_expect_str_eq(fw_band_of(fw, 87.5, 1), "Outstanding");
    cr_expect_str_eq(fw_band_of(fw, 87.4, 1), "Good");
    fw_free(fw);
}

Test(framework, unknown_indicator_is_reported_with_position) {
    const char *path = "/tmp/svreport-fw-test.json";
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("{\"id\": \"x\", \"name\": \"x\", \"edition\": \"x\", \"audience\": \"provider\",\n"
          " \"status\": \"x\", \"source\": \"x\",\n"
          " \"scale\": [{\"score\": 1, \"wording\": \"a\"}, {\"score\": 2, \"wording\": \"b\"},\n"
          "           {\"score\": 3, \"wording\": \"c\"}, {\"score\": 4, \"wording\": \"d\"}],\n"
          " \"bands\": [{\"rating\": \"I\", \"min\": 25, \"max\": 38}, {\"rating\": \"R\", \"min\": 39, \"max\": 62},\n"
          "           {\"rating\": \"G\", \"min\": 63, \"max\": 87}, {\"rating\": \"O\", \"min\": 88, \"max\": 100}],\n"
          " \"evidence_categories\": [\"Outcomes\"],\n"
          " \"groups\": [{\"id\": \"g\", \"name\": \"G\", \"kind\": \"theme\", \"statements\": [\n"
          "   {\"id\": \"S\", \"name\": \"S\", \"we\": \"w\", \"evidence\": [\n"
          "     {\"category\": \"Outcomes\", \"indicator\": \"nonsense\"}]}]}]}\n",
          f);
    fclose(f);
    sv_error err;
    sv_error_clear(&err);
    cr_assert_null(fw_load(path, "templates", &err));
    cr_expect_eq(err.status, SV_EXIT_CONFIG);
    cr_expect_eq(err.line, 10);
    cr_expect_eq(err.column, 44);
    cr_expect_str_eq(err.text, "$.groups[0].statements[0].evidence[0].indicator: unknown indicator \"nonsense\"");
    remove(path);
}
