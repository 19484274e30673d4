/* extracts.h: the extracts of the data contract and their canonical
 * columns, declared once. X(id, name, required, sensitivity). */
#ifndef SV_EXTRACTS_H
#define SV_EXTRACTS_H

#include <stddef.h>

/* Values of sensitive columns never appear in a document, only in stderr
 * diagnostics for the data owner. */
enum { SENS_NONE = 0, SENS_ID, SENS_DOB, SENS_TEXT };

#define EXTRACT_LIST(X)                         \
    X(EX_PEOPLE, "people", PEOPLE_COLUMNS)      \
    X(EX_REFERRALS, "referrals", REFERRAL_COLUMNS) \
    X(EX_EPISODES, "episodes", EPISODE_COLUMNS) \
    X(EX_FEEDBACK, "feedback", FEEDBACK_COLUMNS) \
    X(EX_SURVEY, "survey", SURVEY_COLUMNS)      \
    X(EX_WORKFORCE, "workforce", WORKFORCE_COLUMNS) \
    X(EX_SUPERVISION, "supervision", SUPERVISION_COLUMNS) \
    X(EX_TRAINING, "training", TRAINING_COLUMNS) \
    X(EX_VISITS, "visits", VISIT_COLUMNS)       \
    X(EX_OUTCOMES, "outcomes", OUTCOME_COLUMNS) \
    X(EX_SPEND, "spend", SPEND_COLUMNS)         \
    X(EX_ACTIONS, "actions", ACTION_COLUMNS)    \
    X(EX_POPULATION, "population", POPULATION_COLUMNS)

#define PEOPLE_COLUMNS(X)                                   \
    X(PC_PERSON_ID, "person_id", 1, SENS_ID)                \
    X(PC_DOB, "date_of_birth", 0, SENS_DOB)                 \
    X(PC_AGE, "age", 0, SENS_NONE)                          \
    X(PC_SEX, "sex", 0, SENS_NONE)                          \
    X(PC_ETHNICITY, "ethnicity", 0, SENS_NONE)              \
    X(PC_DISABILITY, "disability", 0, SENS_NONE)            \
    X(PC_RELIGION, "religion", 0, SENS_NONE)                \
    X(PC_SEXUAL_ORIENTATION, "sexual_orientation", 0, SENS_NONE) \
    X(PC_LANGUAGE, "preferred_language", 0, SENS_NONE)      \
    X(PC_INTERPRETER, "interpreter_required", 0, SENS_NONE) \
    X(PC_COMMUNICATION, "communication_needs", 0, SENS_TEXT) \
    X(PC_IMD, "imd_decile", 0, SENS_NONE)                   \
    X(PC_LOCALITY, "locality", 0, SENS_NONE)                \
    X(PC_SERVICE_TYPE, "service_type", 0, SENS_NONE)        \
    X(PC_UNIT, "unit", 0, SENS_NONE)                        \
    X(PC_SUPPORT_START, "support_start", 1, SENS_NONE)      \
    X(PC_SUPPORT_END, "support_end", 0, SENS_NONE)          \
    X(PC_DIRECT_PAYMENT, "direct_payment", 0, SENS_NONE)

#define REFERRAL_COLUMNS(X)                                 \
    X(RC_REFERRAL_ID, "referral_id", 1, SENS_ID)            \
    X(RC_PERSON_ID, "person_id", 0, SENS_ID)                \
    X(RC_REFERRAL_DATE, "referral_date", 1, SENS_NONE)      \
    X(RC_FIRST_CONTACT, "first_contact_date", 0, SENS_NONE) \
    X(RC_ASSESSMENT, "assessment_date", 0, SENS_NONE)       \
    X(RC_OUTCOME, "outcome", 0, SENS_TEXT)                  \
    X(RC_OFFERED, "appointments_offered", 0, SENS_NONE)     \
    X(RC_DNA, "appointments_dna", 0, SENS_NONE)             \
    X(RC_CONTACT_FORMAT, "contact_format", 0, SENS_NONE)    \
    X(RC_ADJ_REQUESTED, "adjustments_requested", 0, SENS_NONE) \
    X(RC_ADJ_PROVIDED, "adjustments_provided", 0, SENS_NONE)

#define EPISODE_COLUMNS(X)                                  \
    X(EC_EPISODE_ID, "episode_id", 1, SENS_ID)              \
    X(EC_PERSON_ID, "person_id", 1, SENS_ID)                \
    X(EC_START, "start_date", 1, SENS_NONE)                 \
    X(EC_END, "end_date", 0, SENS_NONE)                     \
    X(EC_END_REASON, "end_reason", 0, SENS_NONE)

#define FEEDBACK_COLUMNS(X)                                 \
    X(FC_RECORD_ID, "record_id", 1, SENS_ID)                \
    X(FC_PERSON_ID, "person_id", 0, SENS_ID)                \
    X(FC_DATE, "date", 1, SENS_NONE)                        \
    X(FC_TYPE, "type", 1, SENS_NONE)                        \
    X(FC_THEMES, "themes", 0, SENS_NONE)                    \
    X(FC_OUTCOME, "outcome", 0, SENS_NONE)                  \
    X(FC_CLOSED, "closed_date", 0, SENS_NONE)               \
    X(FC_ACTION_ID, "action_id", 0, SENS_NONE)

#define SURVEY_COLUMNS(X)                                   \
    X(SC_RESPONSE_ID, "response_id", 1, SENS_ID)            \
    X(SC_PERSON_ID, "person_id", 0, SENS_ID)                \
    X(SC_DATE, "date", 1, SENS_NONE)                        \
    X(SC_QUESTION, "question", 1, SENS_NONE)                \
    X(SC_SCORE, "score", 1, SENS_NONE)

#define WORKFORCE_COLUMNS(X)                                \
    X(WC_STAFF_ID, "staff_id", 1, SENS_ID)                  \
    X(WC_ROLE, "role", 0, SENS_NONE)                        \
    X(WC_ROLE_TIER, "role_tier", 0, SENS_NONE)              \
    X(WC_CONTRACT, "contract", 0, SENS_NONE)                \
    X(WC_FTE, "fte", 0, SENS_NONE)                          \
    X(WC_START, "start_date", 1, SENS_NONE)                 \
    X(WC_LEAVE, "leave_date", 0, SENS_NONE)                 \
    X(WC_LEAVE_REASON, "leave_reason", 0, SENS_TEXT)        \
    X(WC_DOB, "date_of_birth", 0, SENS_DOB)                 \
    X(WC_AGE, "age", 0, SENS_NONE)                          \
    X(WC_SEX, "sex", 0, SENS_NONE)                          \
    X(WC_ETHNICITY, "ethnicity", 0, SENS_NONE)              \
    X(WC_DISABILITY, "disability", 0, SENS_NONE)            \
    X(WC_HOME_DISTRICT, "home_district", 0, SENS_TEXT)      \
    X(WC_LOCAL, "local", 0, SENS_NONE)                      \
    X(WC_TRAVEL, "travel_minutes_per_shift", 0, SENS_NONE)  \
    X(WC_QUAL_LEVEL, "qualification_level", 0, SENS_NONE)  \
    X(WC_QUAL_IN_PROGRESS, "qualification_in_progress", 0, SENS_NONE) \
    X(WC_CARE_CERT, "care_certificate", 0, SENS_NONE)       \
    X(WC_PROMOTED, "promoted_date", 0, SENS_NONE)

#define SUPERVISION_COLUMNS(X)                              \
    X(UC_STAFF_ID, "staff_id", 1, SENS_ID)                  \
    X(UC_DATE, "date", 1, SENS_NONE)                        \
    X(UC_TYPE, "type", 1, SENS_NONE)

#define TRAINING_COLUMNS(X)                                 \
    X(TC_STAFF_ID, "staff_id", 1, SENS_ID)                  \
    X(TC_COURSE, "course", 1, SENS_NONE)                    \
    X(TC_MANDATORY, "mandatory", 0, SENS_NONE)              \
    X(TC_DUE, "due_date", 0, SENS_NONE)                     \
    X(TC_COMPLETED, "completed_date", 0, SENS_NONE)

#define VISIT_COLUMNS(X)                                    \
    X(VC_VISIT_ID, "visit_id", 1, SENS_ID)                  \
    X(VC_PERSON_ID, "person_id", 1, SENS_ID)                \
    X(VC_STAFF_ID, "staff_id", 0, SENS_ID)                  \
    X(VC_DATE, "date", 1, SENS_NONE)                        \
    X(VC_PLANNED, "planned_minutes", 0, SENS_NONE)          \
    X(VC_ACTUAL, "actual_minutes", 0, SENS_NONE)            \
    X(VC_TRAVEL, "travel_minutes", 0, SENS_NONE)            \
    X(VC_MISSED, "missed", 0, SENS_NONE)                    \
    X(VC_REGULAR, "regular_carer", 0, SENS_NONE)

#define OUTCOME_COLUMNS(X)                                  \
    X(OC_PERSON_ID, "person_id", 1, SENS_ID)                \
    X(OC_DATE, "date", 1, SENS_NONE)                        \
    X(OC_TYPE, "type", 1, SENS_NONE)                        \
    X(OC_QUANTITY, "quantity", 0, SENS_NONE)

#define SPEND_COLUMNS(X)                                    \
    X(XC_SUPPLIER, "supplier", 1, SENS_NONE)                \
    X(XC_DATE, "date", 1, SENS_NONE)                        \
    X(XC_AMOUNT, "amount", 1, SENS_NONE)                    \
    X(XC_SME, "sme", 0, SENS_NONE)                          \
    X(XC_VCSE, "vcse", 0, SENS_NONE)                        \
    X(XC_LOCAL, "local", 0, SENS_NONE)

#define ACTION_COLUMNS(X)                                   \
    X(AC_ACTION_ID, "action_id", 1, SENS_NONE)              \
    X(AC_TITLE, "title", 1, SENS_NONE)                      \
    X(AC_LEAD, "lead", 0, SENS_NONE)                        \
    X(AC_SOURCE, "source", 0, SENS_NONE)                    \
    X(AC_CREATED, "created_date", 0, SENS_NONE)             \
    X(AC_DEADLINE, "deadline", 1, SENS_NONE)                \
    X(AC_STATUS, "status", 1, SENS_NONE)                    \
    X(AC_CLOSED, "closed_date", 0, SENS_NONE)                \
    X(AC_STATEMENT, "quality_statement", 0, SENS_NONE)

#define POPULATION_COLUMNS(X)                               \
    X(NC_DIMENSION, "dimension", 1, SENS_NONE)              \
    X(NC_GROUP, "group", 1, SENS_NONE)                      \
    X(NC_AGE_SCOPE, "age_scope", 0, SENS_NONE)              \
    X(NC_PEOPLE, "count", 0, SENS_NONE)                      \
    X(NC_SHARE, "share", 0, SENS_NONE)

typedef enum extract_id {
#define X(id, name, cols) id,
    EXTRACT_LIST(X)
#undef X
    EX_COUNT
} extract_id;

#define COLUMN_ENUM(id, name, req, sens) id,
enum { PEOPLE_COLUMNS(COLUMN_ENUM) PC_COUNT };
enum { REFERRAL_COLUMNS(COLUMN_ENUM) RC_COUNT };
enum { EPISODE_COLUMNS(COLUMN_ENUM) EC_COUNT };
enum { FEEDBACK_COLUMNS(COLUMN_ENUM) FC_COUNT };
enum { SURVEY_COLUMNS(COLUMN_ENUM) SC_COUNT };
enum { WORKFORCE_COLUMNS(COLUMN_ENUM) WC_COUNT };
enum { SUPERVISION_COLUMNS(COLUMN_ENUM) UC_COUNT };
enum { TRAINING_COLUMNS(COLUMN_ENUM) TC_COUNT };
enum { VISIT_COLUMNS(COLUMN_ENUM) VC_COUNT };
enum { OUTCOME_COLUMNS(COLUMN_ENUM) OC_COUNT };
enum { SPEND_COLUMNS(COLUMN_ENUM) XC_COUNT };
enum { ACTION_COLUMNS(COLUMN_ENUM) AC_COUNT };
enum { POPULATION_COLUMNS(COLUMN_ENUM) NC_COUNT };
#undef COLUMN_ENUM

typedef struct column_def {
    const char *name;
    int required;
    int sensitivity;
} column_def;

typedef struct extract_def {
    const char *name;          /* "people"; the default file is name + ".csv" */
    const column_def *columns;
    size_t ncolumns;
} extract_def;

const extract_def *extract_get(extract_id id);
/* -1 when name is not an extract. */
int extract_find(const char *name);

#endif
