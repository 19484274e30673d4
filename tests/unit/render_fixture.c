/* render_fixture.c: the sample report tree behind the PDF renderer tests and
 * the e2e layout checks. Figures are invented and fixed (no randomness). */
#include "render_fixture.h"

#include <math.h>
#include <stdio.h>

static const char ORG[] = "Gofal Cartref Tŷ Newydd – Łódź Partnership";

static void set_tile(rpt_tile *t, const char *label, const char *value, const char *detail,
                     const char *change, rpt_rag rag, rpt_direction dir, rpt_judgement j) {
    rpt_set(&t->label, label);
    rpt_set(&t->value, value);
    if (detail) rpt_set(&t->detail, detail);
    if (change) rpt_set(&t->change, change);
    t->rag = rag;
    t->direction = dir;
    t->judgement = j;
}

/* The words around a percentage chart: axis label, description, notes. */
static void chart_text(rpt_chart *c, const char *axis_label, int decimals,
                       const char *description, const char *notes) {
    rpt_set(&c->axis_label, axis_label);
    rpt_set(&c->unit_suffix, "%");
    c->decimals = decimals;
    rpt_set(&c->description, description);
    if (notes) rpt_set(&c->notes, notes);
}

/* Categories and two named series of a chart sized for them. */
static void two_series(rpt_chart *c, const char *const *cats, const double *v0,
                       const double *v1, const char *name0, const char *name1) {
    for (size_t i = 0; i < c->ncategories; i++) {
        rpt_set(&c->categories[i], cats[i]);
        c->series[0].values[i] = v0[i];
        c->series[1].values[i] = v1[i];
    }
    rpt_set(&c->series[0].name, name0);
    rpt_set(&c->series[1].name, name1);
}

static void summary(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "summary", "Summary", 0);
    rpt_paragraph(s, "This report sets out how well the service met the quality standards "
                     "agreed with the commissioning authority in the quarter. Figures "
                     "describe people who received regulated personal care at home; "
                     "“missed” means a planned visit that did not take "
                     "place and was not cancelled by the person or their family. Where a "
                     "group has fewer than ten people the figure is suppressed and shown "
                     "as ‘*’.");
    rpt_heading(s, 2, "headline", "Headline indicators");
    rpt_tile *t = rpt_tiles(s, 9);
    set_tile(&t[0], "Missed visits", "1.2%", "Target: 1.0% or lower",
             "Down 0.3 points since 2026-27 Q1 (better)", RAG_AMBER, DIR_DOWN, JUDGE_BETTER);
    set_tile(&t[1], "Visits on time (within 15 minutes)", "93.4%", "Target: 90% or higher",
             "Up 1.1 points since 2026-27 Q1 (better)", RAG_GREEN, DIR_UP, JUDGE_BETTER);
    set_tile(&t[2], "Safeguarding concerns raised", "14", "No target: monitored",
             "Up 5 since 2026-27 Q1 (worse)", RAG_NONE, DIR_UP, JUDGE_WORSE);
    set_tile(&t[3], "Care plans reviewed on time", "71.0%", "Target: 95% or higher",
             "Down 6.2 points since 2026-27 Q1 (worse)", RAG_RED, DIR_DOWN, JUDGE_WORSE);
    set_tile(&t[4], "Continuity: share of visits by a regular carer", "78.5%",
             "Target: 75% or higher", "No change since 2026-27 Q1", RAG_GREEN, DIR_SAME,
             JUDGE_NEUTRAL);
    set_tile(&t[5], "Complaints upheld", "*", "Suppressed: fewer than 10 complaints",
             NULL, RAG_NONE, DIR_NONE, JUDGE_NEUTRAL);
    set_tile(&t[6], "Medication errors per 1,000 visits", "0.8", "Target: 1.0 or lower",
             "Up 0.2 since 2026-27 Q1 (worse)", RAG_GREEN, DIR_UP, JUDGE_WORSE);
    set_tile(&t[7], "Staff turnover (annualised)", "31.9%", "Target: 30% or lower",
             NULL, RAG_AMBER, DIR_SAME, JUDGE_NEUTRAL);
    set_tile(&t[8], "Mandatory training up to date", "84.2%", "Target: 95% or higher",
             "Up 3.0 points since 2026-27 Q1 (better)", RAG_RED, DIR_UP, JUDGE_BETTER);
    rpt_callout(s, "This is a self-assessment",
                "The figures are the provider’s own records. They have not been "
                "audited by the commissioner or inspected by the Care Quality Commission "
                "or Arolygiaeth Gofal Cymru.");
    rpt_heading(s, 2, "at-a-glance", "At a glance");
    const char *items[] = {
        "Missed visits fell for the third quarter running but remain above target.",
        "Care plan reviews fell behind after the move to the new rostering system; a "
        "recovery plan is in place (see “Actions and next steps”).",
        "People from Black, Black British, Black Welsh, Caribbean or African groups were "
        "less likely than average to receive visits on time.",
    };
    rpt_list(s, items, 3, 0);
}

static const char *const PERIODS[] = {"2024-25 Q3", "2024-25 Q4", "2025-26 Q1", "2025-26 Q2",
                                      "2025-26 Q3", "2025-26 Q4", "2026-27 Q1", "2026-27 Q2"};

static void visits(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "visits", "Visits and continuity of care", 0);
    rpt_heading(s, 2, "missed", "Missed and late visits");
    rpt_paragraph(s, "The share of planned visits that were missed has fallen from a peak in "
                     "the winter of 2025-26. Late visits (more than 30 minutes after the "
                     "planned time) follow the same pattern. The data for 2025-26 Q2 were "
                     "lost in the rostering system migration and are shown as a gap.");
    rpt_chart *c = rpt_chart_add(s, CHART_TREND, "Missed and late visits by quarter", 8, 2, 0);
    static const double missed[] = {1.9, 2.1, 1.7, NAN, 2.4, 1.8, 1.5, 1.2};
    static const double late[] = {4.8, 5.6, 4.1, NAN, 6.3, 5.2, 4.4, 3.9};
    two_series(c, PERIODS, missed, late, "Missed", "Late");
    chart_text(c, "Share of planned visits (%)", 1,
               "Line chart of missed and late visits as a share of planned visits over "
               "eight quarters; both fell after 2025-26 Q3.",
               "2025-26 Q2 not available (system migration).");
    c->reference = 1.0;
    rpt_set(&c->reference_label, "Target 1.0%");
    rpt_chart_autoscale(c, 1);

    rpt_heading(s, 2, "continuity", "Continuity of care");
    rpt_paragraph(s, "People told us that seeing the same carers matters more to them than "
                     "exact visit times. The chart compares the share of visits delivered by "
                     "a regular carer in each locality with the same quarter last year.");
    c = rpt_chart_add(s, CHART_COMPARE_BARS, "Visits by a regular carer, by locality", 5, 2, 0);
    static const char *const loc[] = {"Ynys Môn", "Gwynedd", "Conwy",
                                      "Dinbych (Denbighshire) rural outreach", "Łódź pilot"};
    static const double now[] = {81.2, 77.9, 74.0, 69.5, NAN};
    static const double before[] = {79.0, 78.3, 70.1, 72.8, 64.0};
    two_series(c, loc, now, before, "2026-27 Q2", "2025-26 Q2");
    chart_text(c, "Share of visits by a regular carer (%)", 1,
               "Paired bars per locality for this quarter and the same quarter last year.",
               "* Łódź pilot: fewer than 10 people this quarter.");
    rpt_chart_autoscale(c, 1);
}

static const char *const ETHNIC[] = {
    "Asian, Asian British or Asian Welsh",
    "Black, Black British, Black Welsh, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "White: English, Welsh, Scottish, Northern Irish or British",
    "White: Irish",
    "White: Gypsy or Irish Traveller",
    "White: Other White (including Polish)",
    "Other ethnic group",
    "Not stated",
};

static void equality(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "equality", "Equality of access", 0);
    rpt_paragraph(s, "We compare each group’s figure with the figure for everyone we "
                     "support. A group is ‘significantly higher’ or "
                     "‘lower’ only when its 95% confidence interval does not "
                     "include the overall figure.");
    rpt_heading(s, 2, "on-time", "Visits on time by ethnic group");
    rpt_chart *c = rpt_chart_add(s, CHART_DOT_INTERVAL, "Visits on time, by ethnic group", 9, 1, 1);
    static const double v[] = {91.8, 86.2, 94.0, 93.9, NAN, 88.0, 95.6, 92.0, 90.5};
    static const double lo[] = {89.9, 83.1, 90.2, 93.3, NAN, 79.5, 94.1, 86.0, 87.2};
    static const double hi[] = {93.4, 88.8, 96.4, 94.4, NAN, 93.4, 96.8, 95.4, 93.1};
    static const rpt_sig sig[] = {SIGMARK_SIMILAR, SIGMARK_LOWER, SIGMARK_SIMILAR,
                                  SIGMARK_SIMILAR, SIGMARK_NONE, SIGMARK_NONE,
                                  SIGMARK_HIGHER, SIGMARK_SIMILAR, SIGMARK_SIMILAR};
    for (size_t i = 0; i < 9; i++) {
        rpt_set(&c->categories[i], ETHNIC[i]);
        c->series[0].values[i] = v[i];
        c->series[0].lower[i] = lo[i];
        c->series[0].upper[i] = hi[i];
        c->sig[i] = sig[i];
    }
    rpt_set(&c->series[0].name, "Visits on time");
    chart_text(c, "Share of visits within 15 minutes of the planned time (%)", 1,
               "Dot and interval chart of visits on time for nine ethnic groups against the "
               "overall figure of 93.4%.",
               "* White: Irish suppressed (fewer than 10 people). Gypsy or Irish Traveller: "
               "too few visits to compare.");
    c->reference = 93.4;
    rpt_set(&c->reference_label, "All people 93.4%");
    rpt_chart_autoscale(c, 0);

    rpt_heading(s, 2, "reach", "Who we support compared with the local population");
    c = rpt_chart_add(s, CHART_COMPARE_BARS, "People supported and local population aged 65 "
                      "and over, by ethnic group", 6, 2, 0);
    static const double sup[] = {1.9, 0.4, 0.8, 93.1, 0.6, 3.2};
    static const double pop[] = {2.3, 0.9, 1.0, 91.7, 0.5, 3.6};
    const char *const groups[] = {ETHNIC[0], ETHNIC[1], ETHNIC[2],
                                  ETHNIC[3], ETHNIC[4], ETHNIC[6]};
    two_series(c, groups, sup, pop, "People supported", "Population aged 65+ (Census 2021)");
    chart_text(c, "Share of people (%)", 1,
               "Paired bars comparing people supported with the local population aged 65 "
               "and over.",
               NULL);
    rpt_chart_autoscale(c, 1);
    rpt_heading(s, 3, "reach-note", "Reading this chart");
    rpt_paragraph(s, "Most people in the area are White British, so small groups have wide "
                     "intervals. A gap of less than one percentage point is within normal "
                     "variation from quarter to quarter.");
}

static void safeguarding(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "safeguarding", "Safeguarding and quality", 0);
    rpt_heading(s, 2, "enquiries", "Outcomes of safeguarding enquiries");
    rpt_chart *c = rpt_chart_add(s, CHART_STACKED, "Outcome of concluded section 42 enquiries, "
                                 "by locality", 5, 4, 0);
    static const char *const loc[] = {"Ynys Môn", "Gwynedd", "Conwy",
                                      "Dinbych (Denbighshire) rural outreach", "All localities"};
    static const double v[4][5] = {{52, 45, 60.5, NAN, 51.2},
                                   {28, 30, 22.5, NAN, 27.0},
                                   {12, 20, 9.5, NAN, 14.3},
                                   {8, 5, 7.5, NAN, 7.5}};
    static const char *const names[] = {"Risk removed", "Risk reduced", "Risk remains",
                                        "Enquiry ceased at person’s request"};
    for (size_t i = 0; i < 5; i++) rpt_set(&c->categories[i], loc[i]);
    for (size_t k = 0; k < 4; k++) {
        rpt_set(&c->series[k].name, names[k]);
        for (size_t i = 0; i < 5; i++) c->series[k].values[i] = v[k][i];
    }
    chart_text(c, "Share of concluded enquiries (%)", 0,
               "Stacked bars of enquiry outcomes per locality.",
               "* Denbighshire outreach: fewer than 10 concluded enquiries.");
    c->axis_min = 0, c->axis_max = 100, c->axis_step = 20;

    rpt_heading(s, 2, "quality-checks", "Quality checks");
    const char *items[] = {"Spot checks of 48 visits; 46 met the standard.",
                           "Medication audit of 120 records; 3 recording errors, no harm.",
                           "Two notifications to the regulator, both about falls."};
    rpt_list(s, items, 3, 0);
    rpt_table *t = rpt_table_add(s, "Quality standards against targets");
    rpt_table_column(t, "Standard", ALIGN_LEFT, 0);
    rpt_table_column(t, "This quarter", ALIGN_RIGHT, 0);
    rpt_table_column(t, "Target", ALIGN_RIGHT, 0);
    rpt_table_column(t, "Rating", ALIGN_LEFT, 0);
    static const char *const rows[][4] = {
        {"Visits on time", "93.4%", "90%", "Green: met"},
        {"Missed visits", "1.2%", "1.0%", "Amber: within 0.5 points"},
        {"Care plans reviewed on time", "71.0%", "95%", "Red: not met"},
        {"Complaints answered within 20 working days", "*", "100%", "Not rated (suppressed)"},
    };
    static const unsigned flags[] = {CELL_RAG_GREEN, CELL_RAG_AMBER, CELL_RAG_RED, 0};
    for (size_t r = 0; r < 4; r++) {
        size_t row = rpt_table_row(t, 0);
        for (size_t k = 0; k < 4; k++)
            rpt_table_set(t, row, k, rows[r][k],
                          k == 3 ? flags[r] : (k == 1 && r == 3 ? CELL_SUPPRESSED : 0));
    }
    rpt_set(&t->notes, "* suppressed: fewer than 10 complaints.");
}

static void workforce(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "workforce", "Workforce", 0);
    rpt_paragraph(s, "The table shows the workforce by role. Turnover and sickness are "
                     "annualised from the quarter. Agency hours are hours worked by staff "
                     "supplied by an agency.");
    rpt_table *t = rpt_table_add(s, "Workforce by role, 2026-27 Q2");
    static const char *const heads[] = {
        "Role", "Headcount", "Full-time equivalent", "Starters", "Leavers",
        "Turnover (annualised)", "Vacancy rate", "Sickness absence", "Agency hours",
        "Training up to date", "Supervision on time", "DBS renewals due"};
    for (size_t k = 0; k < 12; k++)
        rpt_table_column(t, heads[k], k ? ALIGN_RIGHT : ALIGN_LEFT, 0);
    static const char *const roles[] = {"Care and support worker", "Senior care worker",
                                        "Care coordinator", "Registered manager",
                                        "Field supervisor", "Administrator"};
    for (size_t r = 0; r < 6; r++) {
        size_t row = rpt_table_row(t, 0);
        rpt_table_set(t, row, 0, roles[r], 0);
        char buf[32];
        int base = 180 / (int)(r + 1);
        snprintf(buf, sizeof buf, "%d", base);
        rpt_table_set(t, row, 1, buf, 0);
        snprintf(buf, sizeof buf, "%.1f", base * 0.82);
        rpt_table_set(t, row, 2, buf, 0);
        snprintf(buf, sizeof buf, "%d", base / 9);
        rpt_table_set(t, row, 3, base / 9 < 10 ? "*" : buf, base / 9 < 10 ? CELL_SUPPRESSED : 0);
        snprintf(buf, sizeof buf, "%d", base / 8);
        rpt_table_set(t, row, 4, base / 8 < 10 ? "*" : buf, base / 8 < 10 ? CELL_SUPPRESSED : 0);
        snprintf(buf, sizeof buf, "%.1f%%", 18.0 + 3.1 * (double)r);
        rpt_table_set(t, row, 5, buf, r == 0 ? CELL_HIGHER : 0);
        snprintf(buf, sizeof buf, "%.1f%%", 4.0 + 1.5 * (double)r);
        rpt_table_set(t, row, 6, buf, 0);
        snprintf(buf, sizeof buf, "%.1f%%", 3.2 + 0.4 * (double)r);
        rpt_table_set(t, row, 7, buf, 0);
        snprintf(buf, sizeof buf, "%d,%03d", 1 + (int)r, 250 * (int)r % 1000);
        rpt_table_set(t, row, 8, buf, 0);
        snprintf(buf, sizeof buf, "%.1f%%", 96.0 - 2.7 * (double)r);
        rpt_table_set(t, row, 9, buf, r > 3 ? CELL_RAG_RED : CELL_RAG_GREEN);
        snprintf(buf, sizeof buf, "%.1f%%", 88.0 + 1.3 * (double)r);
        rpt_table_set(t, row, 10, buf, 0);
        snprintf(buf, sizeof buf, "%d", 12 - 2 * (int)r);
        rpt_table_set(t, row, 11, buf, 0);
    }
    size_t row = rpt_table_row(t, ROW_TOTAL);
    static const char *const tot[] = {"All roles", "441", "361.6", "42", "51", "23.4%",
                                      "6.1%", "3.9%", "21,500", "92.4%", "90.1%", "42"};
    for (size_t k = 0; k < 12; k++) rpt_table_set(t, row, k, tot[k], 0);
    rpt_set(&t->notes, "* fewer than 10. Shading marks figures significantly higher than the "
                       "regional benchmark or below target; the text gives the figure.");
}

static void localities(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "localities", "Care packages by locality", 0);
    rpt_paragraph(s, "Each row is a type of care package within a locality. The comments "
                     "column records what the locality manager told us about the quarter.");
    rpt_table *t = rpt_table_add(s, "Care packages, hours and missed visits by locality and "
                                    "package type, 2026-27 Q2");
    rpt_table_column(t, "Package type", ALIGN_LEFT, 0);
    rpt_table_column(t, "Funding", ALIGN_LEFT, 0);
    rpt_table_column(t, "People", ALIGN_RIGHT, 0);
    rpt_table_column(t, "Hours per week", ALIGN_RIGHT, 0);
    rpt_table_column(t, "Missed visits", ALIGN_RIGHT, 0);
    rpt_table_column(t, "Missed rate", ALIGN_RIGHT, 0);
    rpt_table_column(t, "Comments", ALIGN_LEFT, 0);
    static const char *const areas[] = {"Ynys Môn", "Gwynedd", "Conwy",
                                        "Łódź pilot (Polish-speaking carers)"};
    static const char *const kinds[] = {
        "Personal care", "Reablement (up to six weeks)", "Night sitting",
        "Double-handed care", "Dementia support", "End of life care",
        "Live-in care", "Respite for unpaid carers", "Medication prompts only",
        "Shopping and domestic support", "Complex care (delegated health tasks)",
        "Sitting service", "Telecare response", "Community outreach",
        "Hospital discharge bridging", "Welsh-language care (Gofal yn Gymraeg)", "Other"};
    static const char *const funding[] = {"Local authority", "NHS continuing healthcare",
                                          "Direct payment", "Self-funded"};
    size_t rows = 0;
    for (size_t a = 0; a < 4; a++) {
        size_t row = rpt_table_row(t, ROW_HEADING);
        rpt_table_set(t, row, 0, areas[a], 0);
        rows++;
        int people_sum = 0;
        for (size_t k = 0; k < 17; k++) {
            row = rpt_table_row(t, 0);
            int people = (int)((a * 7 + k * 13) % 41) + 3;
            people_sum += people;
            char buf[64];
            rpt_table_set(t, row, 0, kinds[k], 0);
            rpt_table_set(t, row, 1, funding[(a + k) % 4], 0);
            snprintf(buf, sizeof buf, "%d", people);
            int small = people < 10;
            rpt_table_set(t, row, 2, small ? "*" : buf, small ? CELL_SUPPRESSED : 0);
            snprintf(buf, sizeof buf, "%d", people * 9 + (int)k);
            rpt_table_set(t, row, 3, buf, 0);
            snprintf(buf, sizeof buf, "%d", (people * 3 + (int)a) % 17);
            rpt_table_set(t, row, 4, small ? "*" : buf, small ? CELL_SUPPRESSED : 0);
            snprintf(buf, sizeof buf, "%.1f%%", ((people * 3 + (int)a) % 17) / 4.0);
            rpt_table_set(t, row, 5, small ? "*" : buf,
                          small ? CELL_SUPPRESSED : (k % 5 == 0 ? CELL_HIGHER : 0));
            const char *comment = "";
            if (k == 1)
                comment = "Demand rose after the hospital’s winter pressures plan; two "
                          "new reablement workers started in August and the waiting list "
                          "fell from 14 to 6 people by the end of the quarter.";
            else if (k == 5)
                comment = "Palliative care nurses praised the team’s “calm, kind presence”.";
            else if (k == 10)
                comment = "Delegated tasks (PEG feeding, catheter care) need competency "
                          "sign-off by the district nursing team before a carer may start.";
            else if (k == 15)
                comment = "Siaradwyr Cymraeg ar gael ym mhob shifft; ffurflenni "
                          "dwyieithog.";
            rpt_table_set(t, row, 6, comment, 0);
            rows++;
        }
        row = rpt_table_row(t, ROW_TOTAL);
        char buf[64];
        snprintf(buf, sizeof buf, "%s total", areas[a]);
        rpt_table_set(t, row, 0, buf, 0);
        snprintf(buf, sizeof buf, "%d", people_sum);
        rpt_table_set(t, row, 2, buf, 0);
        rows++;
    }
    size_t row = rpt_table_row(t, ROW_TOTAL);
    rpt_table_set(t, row, 0, "All localities", 0);
    rpt_table_set(t, row, 2, "1,612", 0);
    rpt_table_set(t, row, 3, "14,870", 0);
    rpt_table_set(t, row, 4, "171", 0);
    rpt_table_set(t, row, 5, "1.2%", 0);
    (void)rows;
    rpt_set(&t->notes, "* fewer than 10 people: the figure and any figure from which it could "
                       "be worked out are suppressed. Missed rate: missed visits as a share of "
                       "planned visits.");
}

static void actions(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "actions", "Actions and next steps", 0);
    const char *items[] = {
        "Clear the backlog of care plan reviews by 31 December 2026, starting with people "
        "whose needs have changed since their last review.",
        "Run a listening event with Black, Black British, Black Welsh, Caribbean or African "
        "people who use the service to understand why visits run late more often.",
        "Recruit six care and support workers in Conwy, including two Welsh speakers.",
        "Report progress to the board in the 2026-27 Q3 report.",
    };
    rpt_list(s, items, 4, 1);
    rpt_heading(s, 2, "sources", "Where to find more");
    rpt_paragraph(s, "The methods and definitions are in the appendices. The commissioner’s "
                     "dashboard is at https://commissioning.example.gov.uk/adult-social-"
                     "care/home-support/quality-dashboards/provider-returns/2026-27/quarter-2"
                     "/gofal-cartref-ty-newydd-lodz-partnership/summary-and-detail-tables.");
}

static void appendices(rpt_doc *d) {
    rpt_section *s = rpt_section_add(d, "methods", "Data quality and methods", 1);
    rpt_heading(s, 2, "sources", "Data sources");
    rpt_paragraph(s, "Visit records come from the electronic call monitoring system; people "
                     "and packages from the care management system; staff figures from the "
                     "HR system. All extracts were taken on 3 October 2026.");
    rpt_heading(s, 2, "suppression", "Suppression of small numbers");
    rpt_paragraph(s, "Counts of fewer than 10 people are shown as ‘*’, "
                     "together with any other figure from which they could be worked out. "
                     "Rates are not calculated for fewer than 10 people.");
    rpt_heading(s, 2, "intervals", "Confidence intervals");
    rpt_paragraph(s, "95% confidence intervals for proportions use the Wilson score method. "
                     "Groups are compared with the overall figure.");
    const char *items[] = {
        "Significantly higher: the whole interval is above the overall figure (▲).",
        "Significantly lower: the whole interval is below it (▼).",
        "Similar: the interval includes it (●).",
    };
    rpt_list(s, items, 3, 0);
    rpt_pagebreak(s);
    rpt_heading(s, 2, "definitions", "Definitions");
    rpt_table *t = rpt_table_add(s, "Indicator definitions");
    rpt_table_column(t, "Indicator", ALIGN_LEFT, 1);
    rpt_table_column(t, "Definition", ALIGN_LEFT, 3);
    static const char *const defs[][2] = {
        {"Missed visit", "A planned visit with no carer check-in and no cancellation by the "
                         "person or their representative."},
        {"Visit on time", "Check-in within 15 minutes either side of the planned time."},
        {"Regular carer", "A carer who made at least a third of the person’s visits "
                          "in the quarter."},
        {"Turnover", "Leavers in the quarter divided by average headcount, multiplied by four."},
    };
    for (size_t r = 0; r < 4; r++) {
        size_t row = rpt_table_row(t, 0);
        rpt_table_set(t, row, 0, defs[r][0], CELL_EMPHASIS);
        rpt_table_set(t, row, 1, defs[r][1], 0);
    }
    s = rpt_section_add(d, "glossary", "Glossary", 1);
    rpt_paragraph(s, "CQC: Care Quality Commission (England). AGC/CIW: Arolygiaeth Gofal "
                     "Cymru / Care Inspectorate Wales. DBS: Disclosure and Barring Service. "
                     "Section 42 enquiry: a safeguarding enquiry under the Care Act 2014.");
}

rpt_doc *pdf_sample_doc(void) {
    rpt_doc *d = rpt_doc_new();
    rpt_set(&d->title, "Quarterly governance report");
    rpt_set(&d->organisation, ORG);
    rpt_set(&d->unit, "North Wales home support service");
    rpt_set(&d->period, "2026-27 Q2");
    rpt_set(&d->period_long, "1 July to 30 September 2026");
    rpt_set(&d->marking, "OFFICIAL-SENSITIVE");
    rpt_set(&d->data_date, "Data as at 30 September 2026");
    rpt_set(&d->generated, "Produced 22 November 2026 by svreport 0.1");
    rpt_set(&d->author, ORG);
    rpt_set(&d->subject, "Home care quality and equality of access, 2026-27 Q2");
    summary(d);
    visits(d);
    equality(d);
    safeguarding(d);
    workforce(d);
    localities(d);
    actions(d);
    appendices(d);
    return d;
}
