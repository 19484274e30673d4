/* testutil.c: scratch files for the unit tests (see testutil.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "testutil.h"

#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model.h"
#include "xalloc.h"

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

int tu_unprivileged(int (*fn)(void *), void *arg) {
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        const gid_t nobody = 65534;
        if (geteuid() == 0 &&
            (setgroups(1, &nobody) != 0 || setgid(nobody) != 0 || setuid(nobody) != 0))
            _exit(255);
        _exit(fn(arg) & 0xff);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status) == 255 ? -1 : WEXITSTATUS(status);
}

char *tu_out_dir(const char *name) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    char *top = xasprintf("%s/test-out", dirname(exe));
    char *dir = xasprintf("%s/%s", top, name);
    mkdir(top, 0755);
    mkdir(dir, 0755);
    free(top);
    return dir;
}

int tu_near(double got, double want, double rel) {
    if (isnan(want)) return isnan(got);
    if (want == 0) return fabs(got) <= rel;
    return fabs(got - want) <= rel * fabs(want);
}

void tu_model_q2(sv_config *cfg, sv_model *m) {
    static const int bands[] = {18, 25, 35, 50, 65, 75, 85};
    memset(cfg, 0, sizeof *cfg);
    memset(m, 0, sizeof *m);
    cfg->nage_bands = 7;
    memcpy(cfg->age_bands, bands, sizeof bands);
    m->cfg = cfg;
    const char *why = NULL;
    cr_assert_eq(period_parse("2025-26 Q2", &m->periods[0], &why), 0, "%s", why);
    m->nperiods = 1;
    m->data_date = day_from_ymd(2025, 10, 5);
}
