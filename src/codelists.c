/* codelists.c: matching extract values against the contract's code lists. */
#include "codelists.h"

#include <stdio.h>
#include <string.h>

/* Lower-cases ASCII, trims and collapses runs of spaces. Returns the length,
 * or (size_t)-1 when the value does not fit (then it matches nothing). */
static size_t normalise(const char *s, size_t len, char *out, size_t cap) {
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = o > 0;
            continue;
        }
        if (space) {
            if (o + 1 >= cap) return (size_t)-1;
            out[o++] = ' ';
            space = 0;
        }
        if (o + 1 >= cap) return (size_t)-1;
        out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[o] = '\0';
    return o;
}

/* "a|b|c" contains word? */
static int alias_match(const char *aliases, const char *word, size_t wlen) {
    const char *p = aliases;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == wlen && memcmp(p, word, n) == 0) return 1;
        if (!bar) break;
        p = bar + 1;
    }
    return 0;
}

int code_lookup(const code_list *list, const char *s, size_t len) {
    char buf[96];
    size_t n = normalise(s, len, buf, sizeof buf);
    if (n == (size_t)-1 || n == 0) return CODE_UNKNOWN;
    for (size_t i = 0; i < list->n; i++)
        if (alias_match(list->names[i], buf, n)) return (int)i;
    return CODE_UNKNOWN;
}

void code_display(const code_list *list, int i, char *buf, size_t cap) {
    if (i < 0 || (size_t)i >= list->n) {
        snprintf(buf, cap, "Unknown");
        return;
    }
    const char *name = list->names[i];
    const char *bar = strchr(name, '|');
    size_t n = bar ? (size_t)(bar - name) : strlen(name);
    if (n >= cap) n = cap - 1;
    memcpy(buf, name, n);
    buf[n] = '\0';
    /* Acronyms stay upper case; the rest gets a capital first letter. */
    if (strcmp(buf, "bsl") == 0 || strcmp(buf, "eia") == 0) {
        for (size_t k = 0; k < n; k++) buf[k] = (char)(buf[k] - 32);
    } else if (n && buf[0] >= 'a' && buf[0] <= 'z') {
        buf[0] = (char)(buf[0] - 32);
    }
}

unsigned code_set_parse(const code_list *list, const char *s, size_t len, int *unknown,
                        const char **first, size_t *first_len) {
    unsigned mask = 0;
    size_t start = 0;
    *unknown = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == ';') {
            size_t n = i - start;
            const char *item = s + start;
            while (n && (*item == ' ' || *item == '\t')) item++, n--;
            while (n && (item[n - 1] == ' ' || item[n - 1] == '\t')) n--;
            if (n) {
                int c = code_lookup(list, item, n);
                if (c != CODE_UNKNOWN) {
                    mask |= 1u << c;
                } else if ((*unknown)++ == 0 && first) {
                    *first = item;
                    *first_len = n;
                }
            }
            start = i + 1;
        }
    }
    return mask;
}

#define ALIAS(names) names,
#define DEFINE_LIST(var, macro)                                   \
    static const char *const var##_names[] = {macro(ALIAS)};      \
    const code_list var = {var##_names, sizeof var##_names / sizeof *var##_names};

DEFINE_LIST(END_REASON_LIST, END_REASONS)
DEFINE_LIST(FEEDBACK_TYPE_LIST, FEEDBACK_TYPES)
DEFINE_LIST(THEME_LIST, FEEDBACK_THEMES)
DEFINE_LIST(FEEDBACK_OUTCOME_LIST, FEEDBACK_OUTCOMES)
DEFINE_LIST(ADJUSTMENT_LIST, ADJUSTMENTS)
DEFINE_LIST(CONTACT_FORMAT_LIST, CONTACT_FORMATS)
DEFINE_LIST(ROLE_TIER_LIST, ROLE_TIERS)
DEFINE_LIST(CONTRACT_LIST, CONTRACT_TYPES)
DEFINE_LIST(CARE_CERT_LIST, CARE_CERTIFICATE)
DEFINE_LIST(SUPERVISION_LIST, SUPERVISION_TYPES)
DEFINE_LIST(OUTCOME_TYPE_LIST, OUTCOME_TYPES)
DEFINE_LIST(ACTION_SOURCE_LIST, ACTION_SOURCES)
DEFINE_LIST(ACTION_STATUS_LIST, ACTION_STATUSES)

/* ---- ethnicity ---------------------------------------------------------- */

static const char *const ethnic_short[] = {
#define X(id, short_name, long_name) short_name,
    ETHNIC_GROUPS(X)
#undef X
};
static const char *const ethnic_long[] = {
#define X(id, short_name, long_name) long_name,
    ETHNIC_GROUPS(X)
#undef X
};

const char *ethnic_short_name(ethnic_group g) {
    return g >= 0 && g < ETH_COUNT ? ethnic_short[g] : "Unknown";
}
const char *ethnic_long_name(ethnic_group g) {
    return g >= 0 && g < ETH_COUNT ? ethnic_long[g] : "Unknown";
}

/* Names, normalised, with their group. The 19 ONS 2021 categories, their
 * 2011/CLD variants, the five high-level names and the non-answers. */
static const struct {
    const char *name;
    ethnic_group group;
} ethnic_names[] = {
    /* high-level groups */
    {"white", ETH_WHITE},
    {"asian, asian british or asian welsh", ETH_ASIAN},
    {"asian or asian british", ETH_ASIAN},
    {"asian", ETH_ASIAN},
    {"black, black british, black welsh, caribbean or african", ETH_BLACK},
    {"black, african, caribbean or black british", ETH_BLACK},
    {"black or black british", ETH_BLACK},
    {"black", ETH_BLACK},
    {"mixed or multiple ethnic groups", ETH_MIXED},
    {"mixed", ETH_MIXED},
    {"other ethnic group", ETH_OTHER},
    {"other ethnic groups", ETH_OTHER},
    {"other", ETH_OTHER},
    /* ONS 2021 categories */
    {"bangladeshi", ETH_ASIAN},
    {"chinese", ETH_ASIAN},
    {"indian", ETH_ASIAN},
    {"pakistani", ETH_ASIAN},
    {"other asian", ETH_ASIAN},
    {"any other asian background", ETH_ASIAN},
    {"african", ETH_BLACK},
    {"caribbean", ETH_BLACK},
    {"other black", ETH_BLACK},
    {"any other black, black british or caribbean background", ETH_BLACK},
    {"any other black background", ETH_BLACK},
    {"white and asian", ETH_MIXED},
    {"white and black african", ETH_MIXED},
    {"white and black caribbean", ETH_MIXED},
    {"other mixed or multiple ethnic groups", ETH_MIXED},
    {"any other mixed or multiple ethnic background", ETH_MIXED},
    {"any other mixed background", ETH_MIXED},
    {"english, welsh, scottish, northern irish or british", ETH_WHITE},
    {"white british", ETH_WHITE},
    {"british", ETH_WHITE},
    {"irish", ETH_WHITE},
    {"white irish", ETH_WHITE},
    {"gypsy or irish traveller", ETH_WHITE},
    {"roma", ETH_WHITE},
    {"other white", ETH_WHITE},
    {"any other white background", ETH_WHITE},
    {"arab", ETH_OTHER},
    {"any other ethnic group", ETH_OTHER},
    /* non-answers */
    {"not stated", ETH_NOT_STATED},
    {"prefer not to say", ETH_NOT_STATED},
    {"refused", ETH_NOT_STATED},
    {"declined", ETH_NOT_STATED},
    {"not known", ETH_NOT_KNOWN},
    {"unknown", ETH_NOT_KNOWN},
    {"undeclared/not known", ETH_NOT_KNOWN},
    {"not recorded", ETH_NOT_KNOWN},
};

static int ethnic_name_lookup(const char *norm) {
    for (size_t i = 0; i < sizeof ethnic_names / sizeof *ethnic_names; i++)
        if (strcmp(ethnic_names[i].name, norm) == 0) return ethnic_names[i].group;
    return CODE_UNKNOWN;
}

/* NHS Data Dictionary ETHNIC CATEGORY: national code letter, optionally
 * followed by one local sub-code character. */
static int nhs_code(const char *norm, size_t n, nhs_r_rollup r_rollup) {
    if (strcmp(norm, "99") == 0 || strcmp(norm, "x") == 0) return ETH_NOT_KNOWN;
    if (n < 1 || n > 2) return CODE_UNKNOWN;
    if (n == 2 && !((norm[1] >= 'a' && norm[1] <= 'z') || (norm[1] >= '0' && norm[1] <= '9')))
        return CODE_UNKNOWN;
    switch (norm[0]) {
    case 'a': case 'b': case 'c': return ETH_WHITE;
    case 'd': case 'e': case 'f': case 'g': return ETH_MIXED;
    case 'h': case 'j': case 'k': case 'l': return ETH_ASIAN;
    case 'm': case 'n': case 'p': return ETH_BLACK;
    case 'r': return r_rollup == NHS_R_AS_OTHER ? ETH_OTHER : ETH_ASIAN;
    case 's': return ETH_OTHER;
    case 'z': return ETH_NOT_STATED;
    default: return CODE_UNKNOWN;
    }
}

int ethnicity_parse(const char *s, size_t len, nhs_r_rollup r_rollup) {
    char norm[128];
    size_t n = normalise(s, len, norm, sizeof norm);
    if (n == 0) return ETH_NOT_KNOWN;
    if (n == (size_t)-1) return CODE_UNKNOWN;
    int g = ethnic_name_lookup(norm);
    if (g != CODE_UNKNOWN) return g;
    g = nhs_code(norm, n, r_rollup);
    if (g != CODE_UNKNOWN) return g;
    /* "Group: Category", as ONS labels are often exported. */
    char *colon = strchr(norm, ':');
    if (colon) {
        *colon = '\0';
        const char *cat = colon + 1;
        while (*cat == ' ') cat++;
        int group = ethnic_name_lookup(norm);
        int category = ethnic_name_lookup(cat);
        if (group >= 0 && group < ETH_KNOWN_COUNT) {
            if (category == CODE_UNKNOWN || category == group) return group;
            /* "Asian: Chinese" is Asian; a contradictory pair is not guessed. */
            return CODE_UNKNOWN;
        }
    }
    return CODE_UNKNOWN;
}

int ethnicity_parse_group(const char *s, size_t len) {
    char norm[128];
    if (normalise(s, len, norm, sizeof norm) == (size_t)-1) return CODE_UNKNOWN;
    for (int g = 0; g < ETH_KNOWN_COUNT; g++) {
        char a[128], b[128];
        normalise(ethnic_short[g], strlen(ethnic_short[g]), a, sizeof a);
        normalise(ethnic_long[g], strlen(ethnic_long[g]), b, sizeof b);
        if (strcmp(norm, a) == 0 || strcmp(norm, b) == 0) return g;
    }
    return CODE_UNKNOWN;
}

/* ---- sex and flags ------------------------------------------------------ */

static const char *const sex_names[] = {
#define X(id, name) name,
    SEX_CODES(X)
#undef X
};

const char *sex_name(sex_code s) { return s >= 0 && s < SEX_COUNT ? sex_names[s] : "Unknown"; }

int sex_parse(const char *s, size_t len) {
    static const char *const names[] = {
        "female|f|woman|2", "male|m|man|1",
        "other|not stated|prefer not to say|non-binary|indeterminate|9|i|x", "not known|unknown|0|u"};
    static const code_list list = {names, 4};
    char norm[32];
    size_t n = normalise(s, len, norm, sizeof norm);
    if (n == 0) return SEX_NOT_KNOWN;
    return code_lookup(&list, s, len);
}

int flag_parse(const char *s, size_t len) {
    /* Most extracts write Y or N: millions of visit rows skip the lookup. */
    if (len == 1 && (*s == 'Y' || *s == 'y')) return FLAG_YES;
    if (len == 1 && (*s == 'N' || *s == 'n')) return FLAG_NO;
    static const char *const names[] = {"n|no|false|0", "y|yes|true|1"};
    static const code_list list = {names, 2};
    char norm[16];
    size_t n = normalise(s, len, norm, sizeof norm);
    if (n == 0) return FLAG_UNKNOWN;
    int c = code_lookup(&list, s, len);
    return c == CODE_UNKNOWN ? CODE_UNKNOWN : c == 0 ? FLAG_NO : FLAG_YES;
}
