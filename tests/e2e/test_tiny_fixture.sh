#!/usr/bin/env bash
# Runs svreport on tests/fixtures/tiny (suppression off) and checks the
# indicators against values worked out by hand from the fixture rows.
# Report period 2025-26 Q2: 1 July to 30 September 2025.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$1
scratch
SOURCE_DATE_EPOCH=1763800000 "$BIN" -q -o "$SCRATCH" tests/fixtures/tiny/config.json ||
    fail "svreport exited $?"
csv=$(ls "$SCRATCH"/*-indicators.csv)
csv_to_tsv "$csv" >"$SCRATCH/ind.tsv"
T=$SCRATCH/ind.tsv
e() { expect "$T" "$@"; }

# People: P01, P02 (starts 1 Aug), P03 (ends 15 Jul), P04, P06 (starts 30 Sep)
# are active; P05 ended 30 Jun. Ages on 30 Sep 2025: P03 35 (18-64); P01 75,
# P02 65, P04 80 (65+); P06 has no date of birth.
e people_supported overall All "all ages" 0 value 5
e people_supported overall All 18-64 0 value 1
e people_supported overall All 65+ 0 value 3
e people_supported ethnicity Asian "all ages" 0 value 1      # Indian
e people_supported ethnicity "Not stated" "all ages" 0 value 1  # NHS code Z
e people_supported ethnicity Mixed "all ages" 0 value 1      # White and Asian
# Share of all 5 with a population share of 200/1000; Wilson 1 of 5:
# (2 + z^2 -+ z sqrt(z^2 + 4(1 - 1/5))) / (2(5 + z^2)), z = 1.959964.
e access_share ethnicity Asian "all ages" 0 value 20
e access_share ethnicity Asian "all ages" 0 comparator 20
e access_share ethnicity Asian "all ages" 0 lower 3.622410863
e access_share ethnicity Asian "all ages" 0 upper 62.44653702
e people_per_1000 ethnicity Black "all ages" 0 value 10      # 1 per 100
# Trend: in 2023-24 Q3 only P03 (from May 2023) was supported.
e people_supported overall All "all ages" 7 value 1
# Direct payments recorded for 4 (P06 blank), Y for P01 and P03.
e direct_payment_uptake overall All "all ages" 0 numerator 2
e direct_payment_uptake overall All "all ages" 0 denominator 4
e direct_payment_uptake overall All "all ages" 0 lower 15.00389892
e recording_completeness item "Age or date of birth" "all ages" 0 value 80

# Referrals received in Q2: R1 (3 offered, 1 DNA), R2 (2, 2), R3 (1, 0),
# R4 (no person; 2, 0). R5 was received in June.
e dna_rate overall All "all ages" 0 numerator 3
e dna_rate overall All "all ages" 0 denominator 8
e dna_rate overall All "all ages" 0 value 37.5
# Groups are compared over the 12 months to 30 Sep 2025 (periods_back
# blank), which adds R5 (20 Jun; P04, 1 offered, attended): overall 3 of 9.
e dna_rate overall All "all ages" "" value 33.33333333
e dna_rate interpreter "Needs an interpreter" "all ages" "" value 100   # P02: 2 of 2
e dna_rate interpreter "No interpreter needed" "all ages" "" value 20   # P01, P03, P04: 1 of 5
e dna_rate interpreter "No interpreter needed" "all ages" 0 value "<0 rows>"  # no groups per quarter
# Assessed by 30 Sep: R1, R3 (R4 on 2 Oct).
e referral_conversion overall All "all ages" 0 value 50
# Assessments in Q2: R1 10 days, R3 15, R5 15 (referred in June): median 15.
e days_to_assessment overall All "all ages" 0 value 15
e days_to_assessment overall All "all ages" 0 denominator 3
# Requested: R1 easy read + interpreter (easy read provided), R2 interpreter,
# R4 BSL (provided): 2 of 4.
e adjustments_completion overall All "all ages" 0 value 50
e adjustments_completion ethnicity White "all ages" "" value 50

# Episodes: 4-week points in Q2 are E2 (7 Aug; disengaged 20 Jul: lost),
# E3 (18 Jul; moved: left out) and E5 (29 Sep; ongoing): 1 of 2.
e retention_4_weeks overall All "all ages" 0 value 50
# 12-week points in Q2: E1 (24 Aug; ongoing), E4 (24 Jul; completed 15 Jun,
# so retained), E3 (moved: left out): 2 of 2.
e retention_12_weeks overall All "all ages" 0 value 100

# Survey: satisfaction question in Q2: 5, 2, 4, 3 (S5 is another question,
# S6 in June); satisfied from 4: 2 of 4.
e satisfaction overall All "all ages" 0 value 50
# Complaints in Q2: F1, F2, F3 (F6 in June): 3 per 5 people supported.
e complaints_per_100 overall All "all ages" 0 value 60
# Exact Poisson lower limit for 3: chi-square(0.025, 6) / 2 = 0.61867.
e complaints_per_100 overall All "all ages" 0 lower 12.37344246
e safeguarding_per_100 overall All "all ages" 0 value 20

# Visits in Q2: V1-V7 and V9 (V8 on 30 Jun): 8 planned, V3 missed.
e missed_visit_rate overall All "all ages" 0 value 12.5
# Delivered with the flag: V1 Y, V2 Y, V4 N, V5 Y, V6 Y, V9 Y (V7 blank).
e regular_carer_share overall All "all ages" 0 numerator 5
e regular_carer_share overall All "all ages" 0 denominator 6
# Person-months: P01 Jul {S1, S6} (V3 missed), P01 Aug {S6}, P02 Aug {S2},
# P02 Sep {S1}: (2 + 1 + 1 + 1) / 4.
e carers_per_person_month overall All "all ages" 0 value 1.25

# Workforce on 30 Sep 2025: S1, S2, S3 (agency), S6 in post.
e headcount overall All "all ages" 0 value 4
e fte overall All "all ages" 0 value 3.5
e agency_share overall All "all ages" 0 value 25
e local_share overall All "all ages" 0 value 66.66666667     # S1, S6 of S1, S2, S6
e travel_minutes overall All "all ages" 0 value 28.33333333  # 20, 40, 25
# Direct staff in post on 30 Sep 2024: S1, S5, S6; on 30 Sep 2025: S1, S2,
# S6. Leavers in the 12 months: S4 (15 Apr), S5 (1 Mar): 2 per 3.
e turnover_12_months overall All "all ages" 0 value 66.66666667
e early_leavers item "Within 3 months" "all ages" 0 value 50   # S4 only
e early_leavers item "Within 12 months" "all ages" 0 value 100
# Starters: S2 (1 Aug; weeks 2 and 6 due, seen 10 Aug), S4 (1 Feb; first
# session 20 Feb; left before week 12).
e new_starter_supervision item "By week 2" "all ages" 0 value 50
e new_starter_supervision item "By week 6" "all ages" 0 value 100
e new_starter_supervision item "By week 12" "all ages" 0 denominator 0
e supervision_per_head overall All "all ages" 0 value 1      # 3 sessions, 3 direct
# Mandatory and due for staff in post: S1 x2 (one done), S6, S3: 3 of 4.
e mandatory_training overall All "all ages" 0 value 75
e qualification item "Level 3 or above" "all ages" 0 value 66.66666667
e qualification item "Care Certificate completed (support workers)" "all ages" 0 value 50
e internal_promotions overall All "all ages" 0 value 1
e workforce_diversity item "Male: staff" "all ages" 0 value 25
e workforce_diversity item "Male: people supported" "all ages" 0 value 40
e workforce_diversity item "Minority ethnic: staff" "all ages" 0 comparator 75

# Community: 3.5 + 2 volunteering hours, one placement, one paid job.
e volunteering_hours overall All "all ages" 0 value 5.5
e participation item "Work placement" "all ages" 0 value 1
# Spend in Q2: 1,200 (SME, VCSE, local), 3,000 (none), 800 (SME, local).
e spend_share item SME "all ages" 0 value 40
e spend_share item VCSE "all ages" 0 value 24
e spend_share item "Total spend" "all ages" 0 value 5000

# Learning: complaints F1 (communication, dignity), F2 (access barrier),
# F3 (other): 2 of 3 equality-related.
e equality_related_share item Complaints "all ages" 0 value 66.66666667
e equality_themes item "Complaints: Dignity" "all ages" 0 value 1
# Closed in Q2: F1 after 20 days, F3 30, F6 30: median 30; F4 after 2.
e days_to_close item Complaints "all ages" 0 value 30
e days_to_close item "Safeguarding alerts" "all ages" 0 value 2
# Actions at 30 Sep: A1 (overdue), A2 open; A3 closed 20 Jul; A5 dropped.
e actions item "Open at period end" "all ages" 0 value 2
e actions item "Overdue at period end" "all ages" 0 value 1
e actions item "Closed in period" "all ages" 0 value 1

# With "equity_window": "period" the groups are for the quarter itself.
"$BIN" -q -o "$SCRATCH/period" tests/fixtures/tiny/config-period.json || fail "svreport exited $?"
csv_to_tsv "$(ls "$SCRATCH"/period/*-indicators.csv)" >"$SCRATCH/period.tsv"
expect "$SCRATCH/period.tsv" dna_rate interpreter "Needs an interpreter" "all ages" 0 value 100
expect "$SCRATCH/period.tsv" dna_rate interpreter "No interpreter needed" "all ages" 0 value 25  # 1 of 4

echo "tiny fixture: hand-worked indicators agree"
