/* testutil.c: scratch files for the unit tests (see testutil.h). */
#include "testutil.h"

#include <ftw.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char scratch[256];

const char *tu_dir(void) {
    if (!scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%s/svreport-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        cr_assert_not_null(mkdtemp(scratch), "cannot create a scratch directory");
    }
    return scratch;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0700); /* a test may have made it read-only */
    return remove(path);
}

void tu_cleanup(void) {
    if (!scratch[0]) return;
    chmod(scratch, 0700);
    nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    scratch[0] = '\0';
}

char *tu_path(const char *name) {
    const char *dir = tu_dir();
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    cr_assert_not_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *tu_write(const char *name, const void *data, size_t len) {
    char *path = tu_path(name);
    FILE *fp = fopen(path, "wb");
    cr_assert_not_null(fp, "cannot write %s", path);
    cr_assert_eq(fwrite(data, 1, len, fp), len);
    cr_assert_eq(fclose(fp), 0);
    return path;
}

char *tu_write_str(const char *name, const char *text) { return tu_write(name, text, strlen(text)); }

char *tu_read(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n < 2) buf = realloc(buf, cap *= 2);
    }
    fclose(fp);
    if (!buf) return NULL;
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

int tu_drop_root(void) {
    if (geteuid() != 0) return 0;
    const gid_t none = 65534;
    if (setgroups(1, &none) != 0 || setgid(65534) != 0 || setuid(65534) != 0) return -1;
    return 0;
}
