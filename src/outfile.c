/* outfile.c: atomic output files (temporary file, fsync, rename). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

static void sync_dir(const char *dir) {
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
}

/* ---- batches --------------------------------------------------------------
 * Between outfile_batch_begin and outfile_batch_end, a thread that asked for
 * it (outfile_defer_commits) only flushes and closes at outfile_commit; the
 * fsync and rename are queued to one committer thread, so rendering goes on
 * while the disk catches up, and the directory is fsynced once at the end
 * rather than after every rename. */

typedef struct queued {
    sv_outfile *f;
    sv_error *err;
} queued;

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int active, stopping;
    pthread_t thread;
    queued *q;                 /* a ring of cap, n from head */
    size_t head, n, cap;
    char **dirs;               /* directories to fsync at the end */
    size_t ndirs, dirs_cap;
    double seconds;            /* the committer's time in fsync and rename */
} batch = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static _Thread_local struct {
    sv_error *slots;
    size_t n, used;
} deferral;

static _Thread_local double commit_seconds;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sync_parent_dir(const char *path) {
    char *copy = xstrdup(path);
    const char *dir = dirname(copy);
    pthread_mutex_lock(&batch.lock);
    int defer = batch.active;
    if (defer) {
        size_t i = 0;
        while (i < batch.ndirs && strcmp(batch.dirs[i], dir) != 0) i++;
        if (i == batch.ndirs) {
            XGROW(batch.dirs, batch.dirs_cap, batch.ndirs + 1);
            batch.dirs[batch.ndirs++] = xstrdup(dir);
        }
    }
    pthread_mutex_unlock(&batch.lock);
    if (!defer) sync_dir(dir);
    free(copy);
}

/* The first half of a commit: everything written reaches the file. */
static int finish_write(sv_outfile *f, sv_error *err) {
    int e = 0;
    if (fflush(f->fp) != 0) e = errno;
    if (fclose(f->fp) != 0 && !e) e = errno ? errno : EIO;
    f->fp = NULL;
    if (!e) return 0;
    sv_error_set(err, SV_EXIT_IO, f->path, 0, 0, "write failed: %s", strerror(e));
    unlink(f->temp);
    release(f);
    return -1;
}

/* The second half: the bytes on disk, then the final name. */
static int make_durable(sv_outfile *f, sv_error *err) {
    const char *what = NULL;
    int fd = open(f->temp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) what = "fsync failed";
    int e = errno;
    if (fd >= 0) close(fd);
    if (!what && chmod(f->temp, 0640) != 0) what = "chmod failed", e = errno;
    if (!what && rename(f->temp, f->path) != 0) what = "rename failed", e = errno;
    if (what) {
        sv_error_set(err, SV_EXIT_IO, f->path, 0, 0, "%s: %s", what, strerror(e));
        unlink(f->temp);
        release(f);
        return -1;
    }
    sync_parent_dir(f->path);
    release(f);
    return 0;
}

static void *committer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&batch.lock);
    for (;;) {
        while (!batch.n && !batch.stopping) pthread_cond_wait(&batch.wake, &batch.lock);
        if (!batch.n) break;
        queued item = batch.q[batch.head];
        batch.head = (batch.head + 1) % batch.cap;
        batch.n--;
        pthread_mutex_unlock(&batch.lock);
        double t0 = now_seconds();
        make_durable(item.f, item.err);
        double dt = now_seconds() - t0;
        pthread_mutex_lock(&batch.lock);
        batch.seconds += dt;
    }
    pthread_mutex_unlock(&batch.lock);
    return NULL;
}

static void enqueue(sv_outfile *f, sv_error *err) {
    pthread_mutex_lock(&batch.lock);
    if (batch.n == batch.cap) {
        /* Grow the ring, unrolled into its new space. */
        size_t cap = batch.cap ? batch.cap * 2 : 64;
        queued *q = xmalloc(cap * sizeof *q);
        for (size_t i = 0; i < batch.n; i++) q[i] = batch.q[(batch.head + i) % batch.cap];
        free(batch.q);
        batch.q = q;
        batch.head = 0;
        batch.cap = cap;
    }
    batch.q[(batch.head + batch.n) % batch.cap] = (queued){f, err};
    batch.n++;
    pthread_cond_signal(&batch.wake);
    pthread_mutex_unlock(&batch.lock);
}

void outfile_batch_begin(void) {
    pthread_mutex_lock(&batch.lock);
    batch.active = 1;
    batch.stopping = 0;
    batch.seconds = 0;
    pthread_mutex_unlock(&batch.lock);
    if (pthread_create(&batch.thread, NULL, committer, NULL) != 0) {
        /* No thread: commits happen in the caller, as outside a batch. */
        pthread_mutex_lock(&batch.lock);
        batch.stopping = 1;
        pthread_mutex_unlock(&batch.lock);
    }
}

double outfile_batch_end(void) {
    pthread_mutex_lock(&batch.lock);
    int threaded = !batch.stopping;
    batch.stopping = 1;
    pthread_cond_broadcast(&batch.wake);
    pthread_mutex_unlock(&batch.lock);
    if (threaded) pthread_join(batch.thread, NULL);
    double t0 = now_seconds();
    pthread_mutex_lock(&batch.lock);
    batch.active = 0;
    for (size_t i = 0; i < batch.ndirs; i++) {
        sync_dir(batch.dirs[i]);
        free(batch.dirs[i]);
    }
    free(batch.dirs);
    free(batch.q);
    batch.dirs = NULL;
    batch.q = NULL;
    batch.ndirs = batch.dirs_cap = batch.head = batch.n = batch.cap = 0;
    double seconds = batch.seconds + (now_seconds() - t0);
    pthread_mutex_unlock(&batch.lock);
    return seconds;
}

void outfile_defer_commits(sv_error *slots, size_t nslots) {
    deferral.slots = slots;
    deferral.n = slots ? nslots : 0;
    deferral.used = 0;
}

double outfile_take_commit_seconds(void) {
    double s = commit_seconds;
    commit_seconds = 0;
    return s;
}

int outfile_commit(sv_outfile *f, sv_error *err) {
    double t0 = now_seconds();
    int rc = finish_write(f, err);
    if (rc == 0) {
        pthread_mutex_lock(&batch.lock);
        int queue = batch.active && !batch.stopping && deferral.used < deferral.n;
        pthread_mutex_unlock(&batch.lock);
        if (queue)
            enqueue(f, &deferral.slots[deferral.used++]);
        else
            rc = make_durable(f, err);
    }
    commit_seconds += now_seconds() - t0;
    return rc;
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
