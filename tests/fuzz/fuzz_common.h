/* fuzz_common.h: shared by the libFuzzer harnesses in tests/fuzz/.
 *
 * The loaders under test read files by path, so each input is written to an
 * anonymous memory file (memfd) and handed over as /proc/self/fd/N: no disk
 * traffic, nothing left behind, and a regular file as fstat() sees it. */
#ifndef SV_FUZZ_COMMON_H
#define SV_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Replaces the memory file's contents with data; returns its path (static). */
static const char *fuzz_file(const uint8_t *data, size_t size) {
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("svreport-fuzz", 0);
        if (fd < 0) {
            perror("memfd_create");
            abort();
        }
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0) abort();
    size_t off = 0;
    while (off < size) {
        ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);
        if (n <= 0) abort();
        off += (size_t)n;
    }
    return path;
}

#endif
