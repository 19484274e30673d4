/* image.h: the cover logo, validated before libharu sees it.
 *
 * libharu 2.3 decodes PNG files itself and aborts the process on a corrupt
 * one, so svreport never gives it a file: image_load_png reads the file with
 * limits, decodes it with libpng under setjmp (every CRC checked, ancillary
 * chunks included, and libpng's "benign" errors treated as errors), and
 * hands the renderers 8-bit RGB or RGBA pixels (HPDF_LoadRawImageFromMem)
 * and the checked file bytes (the HTML edition's data: URI). */
#ifndef SV_IMAGE_H
#define SV_IMAGE_H

#include <stddef.h>

#include "diag.h"

#define IMAGE_MAX_BYTES (4L * 1024 * 1024) /* the file */
#define IMAGE_MAX_SIDE 4096                /* pixels, each way */

typedef struct image {
    unsigned width, height;
    unsigned channels;      /* 3: RGB; 4: RGBA (not premultiplied) */
    unsigned char *pixels;  /* rows top to bottom, width * channels bytes each */
    unsigned char *png;     /* the file as read (it decoded cleanly) */
    size_t png_len;
} image;

/* Loads path into *out (zeroed first). Returns 0, or -1 with err set and
 * *out empty: SV_EXIT_IO when the file cannot be opened or read (or is not a
 * regular file), SV_EXIT_CONFIG when it is empty, too large, not a PNG, or
 * corrupt (truncated, a bad chunk or CRC, bad compressed data), or its
 * dimensions are over IMAGE_MAX_SIDE. The message says which; its source is
 * path. */
int image_load_png(const char *path, image *out, sv_error *err);
void image_free(image *img);  /* frees the buffers; NULL is a no-op */

#endif
