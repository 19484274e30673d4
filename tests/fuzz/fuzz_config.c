/* fuzz_config.c: libFuzzer target for the config loader (cfg_load): JSON
 * parsing with positions (jsoncheck.c) and every key's validation. An error
 * must come with a status and a message. */
#define _GNU_SOURCE
#include <stdint.h>

#include "config.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_file(data, size);
    sv_error err;
    sv_error_clear(&err);
    sv_config *cfg = cfg_load(path, &err);
    if (!cfg) {
        if (!sv_error_isset(&err) || !err.text[0]) abort();
        return 0;
    }
    (void)cfg_target_for(cfg, "missed_visit_rate");
    (void)cfg_narrative_for(cfg, "summary");
    cfg_free(cfg);
    return 0;
}
