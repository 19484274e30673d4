/* digest.h: SHA-256 of files, for the run manifest (inputs as read,
 * outputs as written), so that a reader can check what a document was made
 * from with sha256sum. Nettle does the hashing (SHA-NI where the CPU has it). */
#ifndef SV_DIGEST_H
#define SV_DIGEST_H

#include "diag.h"

#define SV_SHA256_HEX 65  /* 64 hex digits and a NUL */

/* Hashes the file at path: hex (lower case) into hex, its size into *bytes.
 * Returns 0, or -1 with err set (SV_EXIT_IO), also for anything but a
 * regular file. */
int digest_file(const char *path, char hex[SV_SHA256_HEX], long long *bytes, sv_error *err);

#endif
