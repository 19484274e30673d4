/* extracts.c: the column tables behind extracts.h. */
#include "extracts.h"

#include <string.h>

#define COLUMN_DEF(id, name, req, sens) {name, req, sens},
#define DEFINE_COLUMNS(ex, name, cols) static const column_def ex##_columns[] = {cols(COLUMN_DEF)};
EXTRACT_LIST(DEFINE_COLUMNS)

static const extract_def extracts[] = {
#define X(ex, name, cols) {name, ex##_columns, sizeof ex##_columns / sizeof *ex##_columns},
    EXTRACT_LIST(X)
#undef X
};

const extract_def *extract_get(extract_id id) { return &extracts[id]; }

int extract_find(const char *name) {
    for (int i = 0; i < EX_COUNT; i++)
        if (strcmp(extracts[i].name, name) == 0) return i;
    return -1;
}
