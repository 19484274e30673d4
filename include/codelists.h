/* codelists.h: the code lists of the data contract ("Code lists"), each
 * declared once. Values are matched case-insensitively after trimming and
 * collapsing spaces. A value that matches nothing is a data-quality finding
 * (CODE_UNKNOWN), never a guess. */
#ifndef SV_CODELISTS_H
#define SV_CODELISTS_H

#include <stddef.h>

#define CODE_UNKNOWN (-1)

/* Ethnicity, rolled up to the five ONS 2021 high-level groups plus Not
 * stated (asked, declined) and Not known (not asked, blank, NHS 99). */
#define ETHNIC_GROUPS(X)                                                        \
    X(ETH_WHITE, "White", "White")                                              \
    X(ETH_ASIAN, "Asian", "Asian, Asian British or Asian Welsh")                \
    X(ETH_BLACK, "Black", "Black, Black British, Black Welsh, Caribbean or African") \
    X(ETH_MIXED, "Mixed", "Mixed or Multiple ethnic groups")                    \
    X(ETH_OTHER, "Other", "Other ethnic group")                                 \
    X(ETH_NOT_STATED, "Not stated", "Not stated")                               \
    X(ETH_NOT_KNOWN, "Not known", "Not known")

typedef enum ethnic_group {
#define X(id, short_name, long_name) id,
    ETHNIC_GROUPS(X)
#undef X
    ETH_COUNT
} ethnic_group;

/* The five groups that have a population baseline. */
#define ETH_KNOWN_COUNT 5

const char *ethnic_short_name(ethnic_group g);
const char *ethnic_long_name(ethnic_group g);

/* How NHS code R (Chinese) rolls up: the ONS 2021 census puts Chinese in
 * Asian, the NHS 2001-based list in Other. */
typedef enum nhs_r_rollup { NHS_R_AS_ASIAN = 0, NHS_R_AS_OTHER } nhs_r_rollup;

/* Accepts the 19 ONS 2021 names (optionally "Group: Category"), the NHS
 * letter codes (A-H, J-N, P, R, S, Z, 99, with an optional local sub-code),
 * the five high-level names and common variants. Blank -> ETH_NOT_KNOWN.
 * Returns CODE_UNKNOWN for anything else. */
int ethnicity_parse(const char *s, size_t len, nhs_r_rollup r_rollup);
/* Parses a population/group label: the five short or long names only. */
int ethnicity_parse_group(const char *s, size_t len);

#define SEX_CODES(X)                  \
    X(SEX_FEMALE, "Female")           \
    X(SEX_MALE, "Male")               \
    X(SEX_OTHER, "Other or not stated") \
    X(SEX_NOT_KNOWN, "Not known")

typedef enum sex_code {
#define X(id, name) id,
    SEX_CODES(X)
#undef X
    SEX_COUNT
} sex_code;
const char *sex_name(sex_code s);
int sex_parse(const char *s, size_t len);  /* blank -> SEX_NOT_KNOWN */

/* Flags: Y/N, Yes/No, TRUE/FALSE, 1/0, any case. */
typedef enum flag_value { FLAG_UNKNOWN = 0, FLAG_NO, FLAG_YES } flag_value;
/* Blank -> FLAG_UNKNOWN; a value that is no flag -> CODE_UNKNOWN. */
int flag_parse(const char *s, size_t len);

/* A generic list: names[i] (lower case) with optional aliases "a|b|c". */
typedef struct code_list {
    const char *const *names;
    size_t n;
} code_list;
int code_lookup(const code_list *list, const char *s, size_t len);

#define END_REASONS(X) X("completed") X("disengaged") X("moved") X("died") X("transferred")
#define FEEDBACK_TYPES(X) X("complaint") X("compliment") X("concern") X("safeguarding alert|safeguarding") X("incident")
#define FEEDBACK_THEMES(X)                                                          \
    X("access barrier|access barriers|access") X("discrimination") X("dignity")     \
    X("communication") X("cultural needs|cultural") X("restrictive practice") X("other")
#define FEEDBACK_OUTCOMES(X) X("upheld") X("partly upheld|partially upheld") X("not upheld")
#define ADJUSTMENTS(X)                                                            \
    X("easy read") X("quiet slot") X("longer visit|longer appointment")             \
    X("consistent staff") X("interpreter") X("bsl|british sign language") X("other")
#define CONTACT_FORMATS(X) X("phone|telephone") X("video") X("written|letter|email") X("supported meeting|face to face|in person")
#define ROLE_TIERS(X) X("support worker|care worker") X("senior support worker|senior care worker") X("practice lead") X("manager|registered manager") X("other")
#define CONTRACT_TYPES(X) X("permanent") X("fixed term|fixed-term|temporary") X("zero hours|zero-hours") X("bank") X("agency")
#define CARE_CERTIFICATE(X) X("done|completed|complete") X("in progress") X("not started")
#define SUPERVISION_TYPES(X) X("supervision") X("appraisal") X("practice observation|observation") X("case reflection") X("spot check")
#define OUTCOME_TYPES(X) X("volunteering hours|volunteering") X("work placement|placement") X("paid job|paid employment|job") X("skills milestone") X("training course")
#define ACTION_SOURCES(X) X("complaint") X("audit") X("eia|equality impact assessment") X("inspection") X("survey") X("other")
#define ACTION_STATUSES(X) X("open") X("in progress") X("done|closed|complete|completed") X("dropped|cancelled")

/* Enumerations in list order, so code_lookup's result is the enum value. */
enum { END_COMPLETED, END_DISENGAGED, END_MOVED, END_DIED, END_TRANSFERRED, END_COUNT };
enum { FB_COMPLAINT, FB_COMPLIMENT, FB_CONCERN, FB_SAFEGUARDING, FB_INCIDENT, FB_COUNT };
enum { THEME_ACCESS, THEME_DISCRIMINATION, THEME_DIGNITY, THEME_COMMUNICATION,
       THEME_CULTURAL, THEME_RESTRICTIVE, THEME_OTHER, THEME_COUNT };
enum { FBO_UPHELD, FBO_PARTLY, FBO_NOT_UPHELD, FBO_COUNT };
enum { ADJ_EASY_READ, ADJ_QUIET_SLOT, ADJ_LONGER_VISIT, ADJ_CONSISTENT_STAFF,
       ADJ_INTERPRETER, ADJ_BSL, ADJ_OTHER, ADJ_COUNT };
enum { CF_PHONE, CF_VIDEO, CF_WRITTEN, CF_SUPPORTED_MEETING, CF_COUNT };
enum { TIER_SUPPORT, TIER_SENIOR, TIER_PRACTICE_LEAD, TIER_MANAGER, TIER_OTHER, TIER_COUNT };
enum { CON_PERMANENT, CON_FIXED_TERM, CON_ZERO_HOURS, CON_BANK, CON_AGENCY, CON_COUNT };
enum { CC_DONE, CC_IN_PROGRESS, CC_NOT_STARTED, CC_COUNT };
enum { SUP_SUPERVISION, SUP_APPRAISAL, SUP_OBSERVATION, SUP_REFLECTION, SUP_SPOT_CHECK, SUP_COUNT };
enum { OUT_VOLUNTEERING, OUT_PLACEMENT, OUT_PAID_JOB, OUT_SKILLS, OUT_TRAINING, OUT_COUNT };
enum { SRC_COMPLAINT, SRC_AUDIT, SRC_EIA, SRC_INSPECTION, SRC_SURVEY, SRC_OTHER, SRC_COUNT };
enum { ACT_OPEN, ACT_IN_PROGRESS, ACT_DONE, ACT_DROPPED, ACT_COUNT };

extern const code_list END_REASON_LIST, FEEDBACK_TYPE_LIST, THEME_LIST, FEEDBACK_OUTCOME_LIST,
    ADJUSTMENT_LIST, CONTACT_FORMAT_LIST, ROLE_TIER_LIST, CONTRACT_LIST, CARE_CERT_LIST,
    SUPERVISION_LIST, OUTCOME_TYPE_LIST, ACTION_SOURCE_LIST, ACTION_STATUS_LIST;

/* Display name of list item i: the first alias, capitalised ("Easy read"). */
void code_display(const code_list *list, int i, char *buf, size_t cap);

/* Parses a ';'-separated list into a bitmask. Unknown items are counted in
 * *unknown and ignored; *first and *first_len (may be NULL) receive the first
 * unknown item. Blank -> 0. */
unsigned code_set_parse(const code_list *list, const char *s, size_t len, int *unknown,
                        const char **first, size_t *first_len);

#endif
