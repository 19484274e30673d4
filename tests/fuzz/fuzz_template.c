/* fuzz_template.c: libFuzzer target for the template loader (tpl_load):
 * JSON with positions and every block type's validation. Templates named by
 * the input (none: it is loaded by path) resolve in templates/, so run from
 * the project root. */
#define _GNU_SOURCE
#include <stdint.h>

#include "build.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_file(data, size);
    sv_error err;
    sv_error_clear(&err);
    template *t = tpl_load(path, "templates", &err);
    if (!t) {
        if (!sv_error_isset(&err) || !err.text[0]) abort();
        return 0;
    }
    (void)tpl_name(t);
    (void)tpl_title(t);
    (void)tpl_uses_framework(t);
    tpl_free(t);
    return 0;
}
