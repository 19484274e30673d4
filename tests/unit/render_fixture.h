/* render_fixture.h: a representative report tree for renderer tests, built
 * only through the report.h builders (no config, data or tools needed). */
#ifndef SV_RENDER_FIXTURE_H
#define SV_RENDER_FIXTURE_H

#include "report.h"

/* A quarterly governance report: cover fields with a marking, Welsh and
 * Polish names, every block kind and chart kind, a long table that spans
 * pages, a 12-column table and appendices. Caller frees with rpt_doc_free. */
rpt_doc *pdf_sample_doc(void);

#endif
