/* fuzz_image.c: libFuzzer target for the logo loader (image_load_png): the
 * file checks, the signature sniffing and the libpng decode under setjmp.
 * A PNG that loads must have consistent dimensions and buffers; one that
 * does not must come with a status and a message. */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_file(data, size);
    sv_error err;
    sv_error_clear(&err);
    image img;
    if (image_load_png(path, &img, &err) < 0) {
        if (!sv_error_isset(&err) || !err.text[0] || img.pixels || img.png) abort();
        return 0;
    }
    if (!img.width || !img.height || img.width > IMAGE_MAX_SIDE || img.height > IMAGE_MAX_SIDE ||
        (img.channels != 3 && img.channels != 4) || img.png_len != size ||
        memcmp(img.png, data, size) != 0)
        abort();
    /* Touch every pixel byte (ASan checks the buffer's extent). */
    size_t n = (size_t)img.width * img.height * img.channels;
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) sum += img.pixels[i];
    image_free(&img);
    return (int)(sum & 0);
}
