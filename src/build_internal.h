/* build_internal.h: shared by the template loader (template.c) and the
 * block builders (build_*.c). */
#ifndef SV_BUILD_INTERNAL_H
#define SV_BUILD_INTERNAL_H

#include "build.h"
#include "framework.h"
#include "fmt.h"
#include "jsoncheck.h"
#include "strbuf.h"

struct template {
    jc_doc *doc;
    char *name;
    const char *title;     /* borrowed from doc */
    const char *subject;
    int published;         /* audience "published" */
};

/* State while one document is built. */
typedef struct bctx {
    const build_ctx *ctx;
    const template *tpl;
    rpt_doc *doc;
    const char *section_id;
    const char *marker;
    int used[I_COUNT];     /* indicators shown: the methods appendix defines them */
    int uses_sii, uses_population, uses_medians;
} bctx;

typedef struct block_type {
    const char *name;
    const char *const *keys;  /* allowed keys besides "type", NULL-terminated */
    /* Checks beyond key names and types (indicator names, enums); may be NULL. */
    int (*validate)(const jc_doc *doc, json_t *blk, const char *path, sv_error *err);
    void (*build)(bctx *b, rpt_section *s, json_t *blk);
} block_type;

const block_type *block_type_find(const char *name);

/* Tender and inspection blocks (build_assess.c). */
void build_commitments(bctx *b, rpt_section *s, json_t *blk);
void build_social_value(bctx *b, rpt_section *s, json_t *blk);
void build_case_studies(bctx *b, rpt_section *s, json_t *blk);
void build_tender_answer(bctx *b, rpt_section *s, json_t *blk);
void build_framework_summary(bctx *b, rpt_section *s, json_t *blk);
void build_framework_statements(bctx *b, rpt_section *s, json_t *blk);
extern const block_type BLOCK_TYPES[];

/* Placeholders: "{organisation}" and "{indicator_key}" or "{key.item}".
 * Returns 0, or -1 with the unknown name in *bad (static). */
int text_check_placeholders(const char *text, const char **bad, size_t *badlen);
char *text_expand(bctx *b, const char *text);   /* caller frees */

/* Validation helpers shared by block types. */
int v_indicator(const jc_doc *doc, json_t *obj, const char *path, const char *key, int required,
                sv_error *err);
int v_indicator_refs(const jc_doc *doc, json_t *blk, const char *path, const char *key,
                     sv_error *err);

/* Value lookups for the report period (0) or `back` periods earlier. */
const ind_value *b_value(const bctx *b, ind_id id, int back, ind_dim dim, int scope, int group);
/* The period an indicator's group breakdowns are computed for: the report
 * period for access, the equity window (12 months to the period end by
 * default) for experience and outcomes; and its words for captions. */
int group_period(const bctx *b, ind_id id);
void group_period_words(const bctx *b, ind_id id, char *buf, size_t cap);
/* Period k in words: the equity window as "12 months to 30 September 2026",
 * any other by its label ("2026-27 Q2"). */
void period_words(const bctx *b, int k, char *buf, size_t cap);

/* Parses {"indicator": key, "item": n, "label": text}. */
typedef struct ind_ref {
    ind_id id;
    int item;          /* -1: overall row */
    const char *label; /* NULL: the registry label */
} ind_ref;
ind_ref ind_ref_parse(json_t *v);
const ind_value *ref_value(const bctx *b, const ind_ref *r, int back);
void ref_label(const bctx *b, const ind_ref *r, char *buf, size_t cap);
/* Whether the figure is the whole organisation's in a unit's document. */
int org_wide(const bctx *b, ind_id id, int item);
/* An item's row label, marked when it is the whole organisation's. */
void item_label(const bctx *b, ind_id id, int item, char *buf, size_t cap);

#endif
