/* image.c: PNG loading with limits, for the cover logo (see image.h). */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

/* ---- reading the file ------------------------------------------------------- */

/* Reads the whole file, refusing anything but a regular file of at most
 * IMAGE_MAX_BYTES. O_NONBLOCK: a FIFO named as the logo must not hang the
 * run before fstat can refuse it. */
static unsigned char *read_file(const char *path, size_t *len, sv_error *err) {
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "logo: cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        sv_error_set(err, SV_EXIT_IO, path, 0, 0, "logo: not a regular file");
        close(fd);
        return NULL;
    }
    if (st.st_size > IMAGE_MAX_BYTES) {
        sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0,
                     "logo: the file is %lld bytes; the limit is %ld (4 MiB)",
                     (long long)st.st_size, IMAGE_MAX_BYTES);
        close(fd);
        return NULL;
    }
    /* One byte over the limit shows a file that grew since fstat. */
    size_t cap = (size_t)st.st_size + 1, n = 0;
    unsigned char *buf = xmalloc(cap);
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            sv_error_set(err, SV_EXIT_IO, path, 0, 0, "logo: cannot read: %s", strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0) break;
        n += (size_t)r;
        if (n == cap) {
            if (cap > (size_t)IMAGE_MAX_BYTES) {
                sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0,
                             "logo: the file is over the limit of %ld bytes (4 MiB)",
                             IMAGE_MAX_BYTES);
                free(buf);
                close(fd);
                return NULL;
            }
            cap *= 2;
            if (cap > (size_t)IMAGE_MAX_BYTES + 1) cap = (size_t)IMAGE_MAX_BYTES + 1;
            buf = xrealloc(buf, cap);
        }
    }
    close(fd);
    *len = n;
    return buf;
}

/* What a file that is not a PNG looks like, for the message. */
static const char *sniff(const unsigned char *b, size_t n) {
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "a JPEG image";
    if (n >= 4 && memcmp(b, "GIF8", 4) == 0) return "a GIF image";
    if (n >= 2 && memcmp(b, "BM", 2) == 0) return "a BMP image";
    if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return "a WebP image";
    if (n >= 4 && memcmp(b, "%PDF", 4) == 0) return "a PDF";
    size_t i = 0;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
    if (i < n && b[i] == '<') return "XML or SVG text";
    return NULL;
}

/* ---- decoding --------------------------------------------------------------- */

typedef struct png_src {
    const unsigned char *data;
    size_t len, pos;
    char msg[160];  /* libpng's error message */
} png_src;

static void on_read(png_structp png, png_bytep out, size_t n) {
    png_src *s = png_get_io_ptr(png);
    if (n > s->len - s->pos) png_error(png, "the file ends early (truncated)");
    memcpy(out, s->data + s->pos, n);
    s->pos += n;
}

static void on_error(png_structp png, png_const_charp msg) {
    png_src *s = png_get_error_ptr(png);
    snprintf(s->msg, sizeof s->msg, "%s", msg ? msg : "unknown error");
    png_longjmp(png, 1);
}

/* Warnings are about chunks that are ignored anyway (errors are errors). */
static void on_warning(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
}

/* Decodes src into img's pixels. 0, or -1 with a message in src->msg (when
 * libpng failed) or in err (when a limit did). */
static int decode(png_src *src, image *img, const char *path, sv_error *err) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, src, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
        sv_error_set(err, SV_EXIT_INTERNAL, path, 0, 0, "logo: cannot start the PNG decoder");
        return -1;
    }
    /* Changed after setjmp and used after a longjmp: volatile. */
    unsigned char *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    int volatile too_big = 0;
    if (setjmp(png_jmpbuf(png))) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    png_set_read_fn(png, src, on_read);
    png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    png_set_benign_errors(png, 0);
    /* Unknown chunks, and every ancillary chunk libpng knows except tRNS
     * (the transparency), are skipped, CRC checked but never decoded: a logo
     * needs none of them (colour profiles, text, dates). */
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
    png_set_chunk_malloc_max(png, 1024 * 1024);
    png_set_sig_bytes(png, 8);
    src->pos = 8;
    png_read_info(png, info);

    png_uint_32 w, h;
    int depth, ctype, interlace;
    png_get_IHDR(png, info, &w, &h, &depth, &ctype, &interlace, NULL, NULL);
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
        sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0,
                     "logo: the image is %lu x %lu pixels; the limit is %d x %d",
                     (unsigned long)w, (unsigned long)h, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
        too_big = 1;
    }
    if (!too_big) {
        if (ctype == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
        if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
        if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
        if (depth == 16) png_set_strip_16(png);
        if (ctype == PNG_COLOR_TYPE_GRAY || ctype == PNG_COLOR_TYPE_GRAY_ALPHA)
            png_set_gray_to_rgb(png);
        (void)png_set_interlace_handling(png);
        png_read_update_info(png, info);
        unsigned ch = png_get_channels(png, info);
        size_t rowbytes = png_get_rowbytes(png, info);
        if ((ch != 3 && ch != 4) || png_get_bit_depth(png, info) != 8 ||
            rowbytes != (size_t)w * ch)
            png_error(png, "unsupported pixel format");
        pixels = xmalloc(rowbytes * h);
        rows = xmalloc(h * sizeof *rows);
        for (png_uint_32 y = 0; y < h; y++) rows[y] = pixels + (size_t)y * rowbytes;
        png_read_image(png, rows);
        /* The chunks after the image, to IEND: their CRCs too. */
        png_read_end(png, NULL);
        img->width = w;
        img->height = h;
        img->channels = ch;
        img->pixels = pixels;
        pixels = NULL;
    }
    free(rows);
    rows = NULL;
    png_destroy_read_struct(&png, &info, NULL);
    return too_big ? -1 : 0;
}

int image_load_png(const char *path, image *out, sv_error *err) {
    memset(out, 0, sizeof *out);
    size_t len = 0;
    unsigned char *data = read_file(path, &len, err);
    if (!data) return -1;
    if (len == 0) {
        sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0, "logo: the file is empty");
        free(data);
        return -1;
    }
    if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
        const char *what = sniff(data, len);
        if (what)
            sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0,
                         "logo: not a PNG image (it is %s): save it as PNG", what);
        else
            sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0,
                         "logo: not a PNG image (no PNG signature)");
        free(data);
        return -1;
    }
    /* The declared size, before libpng, whose own limit gives only "Invalid
     * IHDR data". */
    if (len >= 24 && memcmp(data + 12, "IHDR", 4) == 0) {
        unsigned long w = (unsigned long)data[16] << 24 | (unsigned long)data[17] << 16 |
                          (unsigned long)data[18] << 8 | data[19];
        unsigned long h = (unsigned long)data[20] << 24 | (unsigned long)data[21] << 16 |
                          (unsigned long)data[22] << 8 | data[23];
        if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
            sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0,
                         "logo: the image is %lu x %lu pixels; the limit is %d x %d", w, h,
                         IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
            free(data);
            return -1;
        }
    }
    png_src src = {data, len, 0, ""};
    if (decode(&src, out, path, err) != 0) {
        if (src.msg[0])
            sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0, "logo: the PNG is corrupt: %s",
                         src.msg);
        else
            sv_error_set(err, SV_EXIT_CONFIG, path, 0, 0, "logo: the PNG cannot be decoded");
        free(data);
        image_free(out);
        return -1;
    }
    out->png = data;
    out->png_len = len;
    return 0;
}

void image_free(image *img) {
    if (!img) return;
    free(img->pixels);
    free(img->png);
    memset(img, 0, sizeof *img);
}
