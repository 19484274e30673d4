/* build.h: templates (report definitions as data) and the builder that turns
 * a template plus computed indicators into a report tree.
 *
 * A template is a JSON file in templates/ listing sections and the blocks in
 * each (README "Templates"). Every block type is declared once in the block
 * registry (build.c) with its keys and its builder; documents differ only in
 * their templates, never in code. */
#ifndef SV_BUILD_H
#define SV_BUILD_H

#include <time.h>

#include "config.h"
#include "diag.h"
#include "dq.h"
#include "indicators.h"
#include "report.h"

typedef struct template template;

/* Loads a template by name (templates_dir/NAME.json) or by path (anything
 * containing '/' or ending in .json) and validates every block. Errors name
 * file, JSON path, line and column (SV_EXIT_CONFIG). Caller frees. */
template *tpl_load(const char *name_or_path, const char *templates_dir, sv_error *err);
void tpl_free(template *t);
const char *tpl_name(const template *t);   /* "governance" */
const char *tpl_title(const template *t);
/* Disclosure rules for the document: the template's audience default
 * (internal: suppress 1-7; published: also round to 5), overridden by the
 * config's "suppression" when it sets one. */
sdc_rules tpl_sdc_rules(const template *t, const sv_config *cfg);

struct framework;

typedef struct build_ctx {
    const sv_config *cfg;
    const sv_model *model;
    const ind_set *ind;
    const dq_log *dq;
    const struct framework *framework;  /* NULL unless the template uses it */
    time_t created;       /* document date */
    const char *version;  /* svreport version */
} build_ctx;

/* Whether the template has framework blocks (so the run loads one). */
int tpl_uses_framework(const template *t);

/* Builds the document. Returns NULL with err set on failure. Caller frees
 * with rpt_doc_free. */
rpt_doc *build_document(const template *t, const build_ctx *ctx, sv_error *err);

#endif
