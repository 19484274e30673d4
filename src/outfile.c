/* outfile.c: atomic output files (temporary file, fsync, rename). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

struct sv_outfile {
    char *path;
    char *temp;
    FILE *fp;
};

sv_outfile *outfile_begin(const char *path, sv_error *err) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "output path is a directory");
        return NULL;
    }
    /* The rename would replace a device or FIFO (/dev/full, say) with a
     * regular file, and as root even a real device node. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "output path is not a regular file");
        return NULL;
    }
    sv_outfile *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->temp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(f->temp); /* mode 0600 */
    if (fd < 0) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "cannot create output file: %s",
                     strerror(errno));
        free(f->temp);
        free(f->path);
        free(f);
        return NULL;
    }
    f->fp = fdopen(fd, "wb");
    if (!f->fp) {
        close(fd);
        unlink(f->temp);
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "cannot open output file: %s",
                     strerror(errno));
        free(f->temp);
        free(f->path);
        free(f);
        return NULL;
    }
    return f;
}

FILE *outfile_stream(sv_outfile *f) { return f->fp; }

const char *outfile_temp_path(const sv_outfile *f) { return f->temp; }

static void release(sv_outfile *f) {
    free(f->temp);
    free(f->path);
    free(f);
}

void outfile_abort(sv_outfile *f) {
    if (!f) return;
    if (f->fp) fclose(f->fp);
    unlink(f->temp);
    release(f);
}

static void sync_parent_dir(const char *path) {
    char *copy = xstrdup(path);
    int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(copy);
}

int outfile_commit(sv_outfile *f, sv_error *err) {
    int failed = 0;
    const char *what = "";
    /* A library may have rewritten the temp file by name: reopen to sync. */
    if (fflush(f->fp) != 0) failed = 1, what = "write failed";
    if (!failed && fsync(fileno(f->fp)) != 0) failed = 1, what = "fsync failed";
    if (fclose(f->fp) != 0 && !failed) failed = 1, what = "close failed";
    f->fp = NULL;
    if (!failed) {
        int fd = open(f->temp, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0) failed = 1, what = "fsync failed";
        if (fd >= 0) close(fd);
    }
    if (!failed && chmod(f->temp, 0640) != 0) failed = 1, what = "chmod failed";
    if (!failed && rename(f->temp, f->path) != 0) failed = 1, what = "rename failed";
    if (failed) {
        int e = errno;
        sv_error_set(err, SV_EXIT_IO, f->path, 0, 0, "%s: %s", what, strerror(e));
        unlink(f->temp);
        release(f);
        return -1;
    }
    sync_parent_dir(f->path);
    release(f);
    return 0;
}

int outfile_write_all(const char *path, const void *data, size_t len, sv_error *err) {
    sv_outfile *f = outfile_begin(path, err);
    if (!f) return -1;
    if (len && fwrite(data, 1, len, f->fp) != len) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "write failed: %s", strerror(errno));
        outfile_abort(f);
        return -1;
    }
    return outfile_commit(f, err);
}
