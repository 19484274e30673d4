/* render.h: renderers over the report tree. Each walks the same rpt_doc and
 * writes one edition; none computes or reformats a figure. */
#ifndef SV_RENDER_H
#define SV_RENDER_H

#include <stdio.h>
#include <time.h>

#include "diag.h"
#include "image.h"
#include "report.h"

typedef struct render_options {
    const char *font_dir;  /* holds DejaVuSans.ttf and DejaVuSans-Bold.ttf */
    time_t created;        /* document date (SOURCE_DATE_EPOCH when set) */
    const image *logo;     /* cover logo (config "logo", checked), or NULL */
} render_options;

/* Writes the PDF edition to path atomically (outfile.h). 0, or -1 with err. */
int render_pdf(const rpt_doc *doc, const render_options *opt, const char *path,
               sv_error *err);

/* Writes the HTML edition to path atomically: one self-contained page (inline
 * styles and SVG charts, no scripts or external requests) meant to meet
 * WCAG 2.2 AA. opt may be NULL. 0, or -1 with err. */
int render_html(const rpt_doc *doc, const render_options *opt, const char *path,
                sv_error *err);

/* A plain-text dump of the tree: stable, diffable, used by golden tests. */
void render_text(const rpt_doc *doc, FILE *out);

#endif
