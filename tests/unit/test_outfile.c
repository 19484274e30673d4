/* test_outfile.c: outputs written atomically (outfile.h): modes of the
 * temporary and final files, abort, and the ways writing can fail. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "testutil.h"

TestSuite(outfile, .fini = tu_cleanup);

static mode_t mode_of(const char *path) {
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "%s does not exist", path);
    return st.st_mode & 07777;
}

static int exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Entries in the scratch directory. */
static int count_entries(void) {
    DIR *d = opendir(tu_dir());
    cr_assert_not_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

/* outfile_begin and outfile_write_all fail on path with text, creating nothing. */
static void expect_begin_fails(const char *path, const char *text) {
    int before = count_entries();
    sv_error err;
    sv_error_clear(&err);
    cr_expect_null(outfile_begin(path, &err));
    expect_error(&err, SV_EXIT_IO, path, 0, 0, text);
    sv_error_clear(&err);
    cr_expect_eq(outfile_write_all(path, "x", 1, &err), -1);
    expect_error(&err, SV_EXIT_IO, path, 0, 0, text);
    cr_expect_eq(count_entries(), before);
}

/* The earlier output at path is as tu_write_str left it, alone. */
static void expect_untouched(const char *path) {
    char *text = tu_read(path, NULL);
    cr_expect_str_eq(text, "the good one");
    cr_expect_eq(count_entries(), 1, "temporary file left behind");
    free(text);
}

Test(outfile, commit_writes_mode_0640) {
    umask(022);
    char *path = tu_path("report.csv");
    sv_error err;
    sv_error_clear(&err);
    cr_assert_eq(outfile_write_all(path, "a,b\n1,2\n", 8, &err), 0, "%s", err.text);
    expect_no_error(&err);
    cr_expect_eq(mode_of(path), 0640);
    size_t len;
    char *text = tu_read(path, &len);
    cr_expect_str_eq(text, "a,b\n1,2\n");
    cr_expect_eq(count_entries(), 1); /* no temporary file left */
    free(text);
    free(path);
}

Test(outfile, mode_does_not_depend_on_umask) {
    umask(0);
    char *path = tu_path("r.txt");
    sv_error err;
    sv_error_clear(&err);
    sv_outfile *f = outfile_begin(path, &err);
    cr_assert_not_null(f);
    cr_expect_eq(mode_of(outfile_temp_path(f)), 0600);
    fputs("x", outfile_stream(f));
    cr_assert_eq(outfile_commit(f, &err), 0);
    cr_expect_eq(mode_of(path), 0640);
    free(path);
}

Test(outfile, temp_file_is_private_beside_the_target) {
    char *path = tu_path("doc.pdf");
    sv_error err;
    sv_error_clear(&err);
    sv_outfile *f = outfile_begin(path, &err);
    cr_assert_not_null(f, "%s", err.text);
    const char *temp = outfile_temp_path(f);
    cr_expect_eq(strncmp(temp, path, strlen(path)), 0, "temp %s is not beside %s", temp, path);
    cr_expect_eq(mode_of(temp), 0600);
    cr_expect_not(exists(path)); /* nothing under the final name yet */
    fputs("partial", outfile_stream(f));
    char *copy = strdup(temp);
    outfile_abort(f);
    cr_expect_not(exists(copy), "temp %s left behind", copy);
    cr_expect_not(exists(path));
    cr_expect_eq(count_entries(), 0);
    outfile_abort(NULL); /* no-op */
    free(copy);
    free(path);
}

Test(outfile, abort_keeps_an_earlier_output) {
    char *path = tu_write_str("doc.pdf", "the good one");
    sv_error err;
    sv_error_clear(&err);
    sv_outfile *f = outfile_begin(path, &err);
    cr_assert_not_null(f);
    fputs("half-finished", outfile_stream(f));
    fflush(outfile_stream(f));
    outfile_abort(f);
    expect_untouched(path);
    free(path);
}

Test(outfile, commit_replaces_an_earlier_output) {
    char *path = tu_write_str("doc.csv", "old");
    sv_error err;
    sv_error_clear(&err);
    cr_assert_eq(outfile_write_all(path, "new", 3, &err), 0);
    char *text = tu_read(path, NULL);
    cr_expect_str_eq(text, "new");
    cr_expect_eq(mode_of(path), 0640);
    free(text);
    free(path);
}

Test(outfile, writing_by_temp_name) {
    /* libharu saves by file name: the caller writes the temp path itself. */
    char *path = tu_path("doc.pdf");
    sv_error err;
    sv_error_clear(&err);
    sv_outfile *f = outfile_begin(path, &err);
    cr_assert_not_null(f);
    FILE *fp = fopen(outfile_temp_path(f), "wb");
    cr_assert_not_null(fp);
    fputs("%PDF-1.4", fp);
    fclose(fp);
    cr_assert_eq(outfile_commit(f, &err), 0, "%s", err.text);
    char *text = tu_read(path, NULL);
    cr_expect_str_eq(text, "%PDF-1.4");
    free(text);
    free(path);
}

Test(outfile, target_is_a_directory) {
    char *path = tu_path("out.pdf");
    cr_assert_eq(mkdir(path, 0755), 0);
    expect_begin_fails(path, "output path is a directory");
    free(path);
}

Test(outfile, target_is_not_a_regular_file) {
    /* A FIFO (or a device such as /dev/full) must not be replaced by a
     * rename: the atomic write would swap the special file for a regular one. */
    char *path = tu_path("fifo");
    cr_assert_eq(mkfifo(path, 0600), 0);
    expect_begin_fails(path, "output path is not a regular file");
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0);
    cr_expect(S_ISFIFO(st.st_mode));
    free(path);
}

Test(outfile, missing_directory) {
    char *path = tu_path("no/such/dir/out.pdf");
    expect_begin_fails(path, "cannot create output file: No such file or directory");
    free(path);
}

static int begin_in_locked_dir(void *arg) {
    sv_error err;
    sv_error_clear(&err);
    sv_outfile *f = outfile_begin(arg, &err);
    if (f) return 1;
    if (err.status != SV_EXIT_IO) return 2;
    if (strcmp(err.text, "cannot create output file: Permission denied") != 0) return 3;
    if (strcmp(err.source, arg) != 0) return 4;
    return 0;
}

Test(outfile, unwritable_directory) {
    char *dir = tu_path("locked");
    cr_assert_eq(mkdir(dir, 0555), 0);
    cr_assert_eq(chmod(tu_dir(), 0755), 0); /* searchable by "nobody" */
    char *path = tu_path("locked/out.pdf");
    int rc = tu_unprivileged(begin_in_locked_dir, path);
    cr_assert_neq(rc, -1, "could not run without privileges");
    cr_expect_eq(rc, 0, "outfile_begin in a read-only directory: check %d failed", rc);
    cr_expect_not(exists(path));
    free(path);
    free(dir);
}

/* A full disk, simulated with a file-size limit on this test's process
 * (/dev/full cannot be used: outputs go to a temporary file beside the
 * target, never to the target itself). */
static void limit_file_size(rlim_t bytes) {
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {bytes, bytes};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

Test(outfile, disk_full_during_write_all) {
    char *path = tu_write_str("doc.csv", "the good one");
    limit_file_size(1000);
    static char big[20000];
    memset(big, 'x', sizeof big);
    sv_error err;
    sv_error_clear(&err);
    cr_expect_eq(outfile_write_all(path, big, sizeof big, &err), -1);
    expect_error(&err, SV_EXIT_IO, path, 0, 0, "write failed: File too large");
    expect_untouched(path);
    free(path);
}

Test(outfile, disk_full_at_commit) {
    char *path = tu_write_str("doc.csv", "the good one");
    sv_error err;
    sv_error_clear(&err);
    sv_outfile *f = outfile_begin(path, &err);
    cr_assert_not_null(f);
    static char buf[3000]; /* fits stdio's buffer: the write fails at the flush */
    memset(buf, 'y', sizeof buf);
    cr_assert_eq(fwrite(buf, 1, sizeof buf, outfile_stream(f)), sizeof buf);
    limit_file_size(1000);
    cr_expect_eq(outfile_commit(f, &err), -1);
    expect_error(&err, SV_EXIT_IO, path, 0, 0, "write failed: File too large");
    expect_untouched(path);
    free(path);
}

/* ---- batches: commits queued to the committer thread -------------------- */

Test(outfile, batch_commits_land_complete_at_the_end) {
    sv_error slots[3], err;
    sv_error_clear(&err);
    for (int i = 0; i < 3; i++) sv_error_clear(&slots[i]);
    outfile_batch_begin();
    outfile_defer_commits(slots, 3);
    char *paths[4];
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%d.txt", i);
        paths[i] = tu_path(name);
        sv_outfile *f = outfile_begin(paths[i], &err);
        cr_assert_not_null(f);
        fprintf(outfile_stream(f), "document %d\n", i);
        /* The fourth finds no slot left: it is committed whole, at once. */
        cr_expect_eq(outfile_commit(f, &err), 0);
    }
    cr_expect(exists(paths[3]), "a commit beyond the slots is whole");
    outfile_defer_commits(NULL, 0);
    cr_expect_geq(outfile_batch_end(), 0);
    for (int i = 0; i < 4; i++) {
        char want[32];
        snprintf(want, sizeof want, "document %d\n", i);
        char *text = tu_read(paths[i], NULL);
        cr_expect_str_eq(text, want);
        cr_expect_eq(mode_of(paths[i]), 0640);
        cr_expect(!sv_error_isset(i < 3 ? &slots[i] : &err), "%d: %s", i, slots[i].text);
        free(text);
        free(paths[i]);
    }
    cr_expect_eq(count_entries(), 4, "temporary file left behind");
}

Test(outfile, batch_rename_failure_goes_to_its_slot) {
    sv_error slot, err;
    sv_error_clear(&slot);
    sv_error_clear(&err);
    char *path = tu_path("late.pdf");
    outfile_batch_begin();
    outfile_defer_commits(&slot, 1);
    sv_outfile *f = outfile_begin(path, &err);
    cr_assert_not_null(f);
    fputs("text", outfile_stream(f));
    /* A directory takes the final name before the committer renames. */
    cr_assert_eq(mkdir(path, 0700), 0);
    cr_expect_eq(outfile_commit(f, &err), 0, "the caller hears of it at the end");
    outfile_defer_commits(NULL, 0);
    outfile_batch_end();
    cr_expect(!sv_error_isset(&err));
    cr_expect(sv_error_isset(&slot), "the failed rename is reported in the slot");
    cr_expect_eq(slot.status, SV_EXIT_IO);
    cr_expect(strstr(slot.text, "rename failed") != NULL, "%s", slot.text);
    cr_expect_eq(count_entries(), 1, "the temporary file is removed");
    rmdir(path);
    free(path);
}
