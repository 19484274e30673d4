/* digest.c: SHA-256 of files (see digest.h). */
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

int digest_file(const char *path, char hex[SV_SHA256_HEX], long long *bytes, sv_error *err) {
    /* O_NONBLOCK and regular files only: a FIFO or device named as an
     * extract (which the reader refuses) must not hang the hash thread. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "not a regular file");
        close(fd);
        return -1;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    enum { CHUNK = 1 << 20 };
    unsigned char *buf = xmalloc(CHUNK);
    long long total = 0;
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            sv_error_set(err, SV_EXIT_IO, path, 0, 0, "read failed: %s", strerror(errno));
            rc = -1;
            break;
        }
        if (n == 0) break;
        sha256_update(&ctx, (size_t)n, buf);
        total += n;
    }
    free(buf);
    close(fd);
    if (rc) return -1;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof d, d);
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof d; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
    *bytes = total;
    return 0;
}
