/* jsoncheck.h: loading JSON (config, templates, frameworks) with errors that
 * name the file, the key path, the line and the column.
 *
 * Jansson parses and reports syntax errors with a position, but keeps no
 * positions for values; jsoncheck indexes the text itself so that a wrong
 * type or an unknown key deep in a valid document can still be located.
 * Paths are written $.a.b[2]['key with spaces']. */
#ifndef SV_JSONCHECK_H
#define SV_JSONCHECK_H

#include <jansson.h>

#include "diag.h"

typedef struct jc_doc jc_doc;

/* Loads and indexes a JSON file (duplicate keys are errors). Returns NULL
 * with err set (SV_EXIT_IO if unreadable, `status` for bad JSON). Caller
 * frees with jc_free. */
jc_doc *jc_load(const char *path, sv_status status, sv_error *err);
void jc_free(jc_doc *doc);
json_t *jc_root(const jc_doc *doc);          /* borrowed */
const char *jc_path(const jc_doc *doc);      /* the file name */

/* Sets err at the value (or key, when at_key) of path. */
void jc_fail(const jc_doc *doc, const char *path, int at_key, sv_error *err,
             const char *fmt, ...) SV_PRINTF(5, 6);

/* Appends .key or ['key'] to a path; returns a static-free new string the
 * caller frees. */
char *jc_child(const char *path, const char *key);
char *jc_index(const char *path, size_t i);

/* Checks that value at path is an object whose keys are all in `allowed`
 * (NULL-terminated); an unknown key fails with a "did you mean" suggestion.
 * Returns 0 or -1. */
int jc_keys(const jc_doc *doc, json_t *obj, const char *path,
            const char *const *allowed, sv_error *err);

/* Typed getters for obj[key] at path. When the key is absent: required ->
 * error, else 1 is returned and *out untouched. 0 on success, -1 on error. */
int jc_string(const jc_doc *doc, json_t *obj, const char *path, const char *key,
              int required, const char **out, sv_error *err);
int jc_number(const jc_doc *doc, json_t *obj, const char *path, const char *key,
              int required, double min, double max, double *out, sv_error *err);
int jc_int(const jc_doc *doc, json_t *obj, const char *path, const char *key,
           int required, long min, long max, long *out, sv_error *err);
int jc_bool(const jc_doc *doc, json_t *obj, const char *path, const char *key,
            int required, int *out, sv_error *err);
/* obj[key] must be of `type` (JSON_OBJECT/JSON_ARRAY); *out borrowed. */
int jc_typed(const jc_doc *doc, json_t *obj, const char *path, const char *key,
             int required, json_type type, json_t **out, sv_error *err);
/* Picks one of `choices` (NULL-terminated); *out receives its index. */
int jc_choice(const jc_doc *doc, json_t *obj, const char *path, const char *key,
              int required, const char *const *choices, int *out, sv_error *err);

/* The closest of candidates to word (edit distance <= 2, or a third of its
 * length), or NULL. */
const char *jc_suggest(const char *word, const char *const *candidates);
const char *jc_type_name(const json_t *v);

#endif
