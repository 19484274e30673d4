/* test_image.c: image_load_png, the cover logo's loader (image.h). PNGs are
 * written here with libpng's simplified API, then broken one way at a time:
 * each must be refused with its exact message and status, never crash. */
#include <criterion/criterion.h>

#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "config.h"
#include "image.h"
#include "testutil.h"

TestSuite(image, .fini = tu_cleanup);

/* A w x h PNG of the given simplified-API format; pixels follow pattern(). */
static unsigned char *make_png(unsigned w, unsigned h, png_uint_32 format, size_t *len) {
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    im.width = w;
    im.height = h;
    im.format = format;
    size_t n = PNG_IMAGE_SIZE(im);
    unsigned char *px = malloc(n);
    for (size_t i = 0; i < n; i++) px[i] = (unsigned char)(i * 37 + 11);
    png_alloc_size_t size = 0;
    cr_assert(png_image_write_to_memory(&im, NULL, &size, 0, px, 0, NULL), "%s", im.message);
    unsigned char *out = malloc(size);
    cr_assert(png_image_write_to_memory(&im, out, &size, 0, px, 0, NULL), "%s", im.message);
    free(px);
    *len = size;
    return out;
}

/* Offset of a chunk's type (the length is the 4 bytes before it). */
static size_t chunk_at(const unsigned char *png, size_t len, const char *type) {
    for (size_t i = 12; i + 4 <= len; i++)
        if (memcmp(png + i, type, 4) == 0) return i;
    cr_assert_fail("no %s chunk", type);
    return 0;
}
static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}
/* Recomputes the CRC of the chunk whose type is at t. */
static void fix_crc(unsigned char *png, size_t t) {
    uint32_t n = be32(png + t - 4);
    put32(png + t + 4 + n, (uint32_t)crc32(0, png + t, n + 4));
}

/* Declares another size in the IHDR chunk whose type is at ihdr. */
static void set_size(unsigned char *png, size_t ihdr, uint32_t w, uint32_t h) {
    put32(png + ihdr + 4, w);
    put32(png + ihdr + 8, h);
    fix_crc(png, ihdr);
}

/* Loads data written as name; returns the status and fills err. */
static int load_bytes(const char *name, const void *data, size_t len, image *img, sv_error *err,
                      char **path) {
    *path = tu_write(name, data, len);
    sv_error_clear(err);
    return image_load_png(*path, img, err);
}

static void expect_refused(const void *data, size_t len, sv_status status, const char *text) {
    char *path;
    sv_error err;
    image img;
    cr_expect_eq(load_bytes("logo.png", data, len, &img, &err, &path), -1);
    expect_error(&err, status, path, 0, 0, text);
    cr_expect_null(img.pixels);
    cr_expect_null(img.png);
    free(path);
}

Test(image, rgba_loads_with_its_pixels_and_bytes) {
    size_t len;
    unsigned char *png = make_png(5, 3, PNG_FORMAT_RGBA, &len);
    char *path;
    sv_error err;
    image img;
    cr_assert_eq(load_bytes("logo.png", png, len, &img, &err, &path), 0, "%s", err.text);
    cr_expect_eq(img.width, 5);
    cr_expect_eq(img.height, 3);
    cr_expect_eq(img.channels, 4);
    for (size_t i = 0; i < 5 * 3 * 4; i++)
        cr_expect_eq(img.pixels[i], (unsigned char)(i * 37 + 11), "pixel byte %zu", i);
    cr_expect_eq(img.png_len, len);
    cr_expect_eq(memcmp(img.png, png, len), 0);
    image_free(&img);
    cr_expect_null(img.pixels);
    image_free(NULL);
    free(png);
    free(path);
}

Test(image, gray_palette_and_16_bit_become_8_bit_rgb_or_rgba) {
    static const struct {
        png_uint_32 format;
        unsigned channels;
    } cases[] = {
        {PNG_FORMAT_GRAY, 3},
        {PNG_FORMAT_GA, 4},
        {PNG_FORMAT_RGB, 3},
        {PNG_FORMAT_LINEAR_RGB_ALPHA, 4},
        {PNG_FORMAT_LINEAR_Y, 3},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        size_t len;
        unsigned char *png = make_png(7, 4, cases[k].format, &len);
        char *path;
        sv_error err;
        image img;
        cr_expect_eq(load_bytes("logo.png", png, len, &img, &err, &path), 0, "format %u: %s",
                     (unsigned)cases[k].format, err.text);
        cr_expect_eq(img.channels, cases[k].channels, "format %u", (unsigned)cases[k].format);
        cr_expect_eq(img.width, 7);
        cr_expect_eq(img.height, 4);
        image_free(&img);
        free(png);
        free(path);
    }
}

Test(image, palette_with_transparency_becomes_rgba) {
    /* A 2x1 palette image, entry 0 transparent (tRNS), written by hand. */
    static const unsigned char raw[] = {0, 0, 1};
    unsigned char z[64];
    uLongf zlen = sizeof z;
    cr_assert_eq(compress(z, &zlen, raw, sizeof raw), Z_OK);
    unsigned char png[256];
    size_t n = 0;
    memcpy(png, "\x89PNG\r\n\x1a\n", 8), n = 8;
#define CHUNK(type, data, len)                                       \
    do {                                                             \
        put32(png + n, (uint32_t)(len));                             \
        memcpy(png + n + 4, type, 4);                                \
        memcpy(png + n + 8, data, len);                              \
        fix_crc(png, n + 4);                                         \
        n += 12 + (len);                                             \
    } while (0)
    CHUNK("IHDR", "\0\0\0\2\0\0\0\1\x08\x03\0\0\0", 13);
    CHUNK("PLTE", "\xff\0\0\0\0\xff", 6);
    CHUNK("tRNS", "\0", 1);
    CHUNK("IDAT", z, zlen);
    CHUNK("IEND", "", 0);
#undef CHUNK
    char *path;
    sv_error err;
    image img;
    cr_assert_eq(load_bytes("logo.png", png, n, &img, &err, &path), 0, "%s", err.text);
    cr_expect_eq(img.channels, 4);
    static const unsigned char want[] = {255, 0, 0, 0, 0, 0, 255, 255};
    cr_expect_eq(memcmp(img.pixels, want, sizeof want), 0);
    image_free(&img);
    free(path);
}

Test(image, missing_directory_and_fifo_are_io_errors) {
    char *path = tu_path("no-such.png");
    sv_error err;
    image img;
    sv_error_clear(&err);
    cr_expect_eq(image_load_png(path, &img, &err), -1);
    expect_error(&err, SV_EXIT_IO, path, 0, 0, "logo: cannot open: No such file or directory");
    free(path);
    sv_error_clear(&err);
    cr_expect_eq(image_load_png(tu_dir(), &img, &err), -1);
    expect_error(&err, SV_EXIT_IO, tu_dir(), 0, 0, "logo: not a regular file");
    /* A FIFO with no writer: refused at once, not waited on. */
    path = tu_path("fifo.png");
    cr_assert_eq(mkfifo(path, 0600), 0);
    sv_error_clear(&err);
    cr_expect_eq(image_load_png(path, &img, &err), -1);
    expect_error(&err, SV_EXIT_IO, path, 0, 0, "logo: not a regular file");
    free(path);
}

Test(image, empty_and_oversized_files) {
    expect_refused("", 0, SV_EXIT_CONFIG, "logo: the file is empty");
    char *path = tu_write_str("big.png", "");
    cr_assert_eq(truncate(path, IMAGE_MAX_BYTES + 1), 0);
    sv_error err;
    image img;
    sv_error_clear(&err);
    cr_expect_eq(image_load_png(path, &img, &err), -1);
    expect_error(&err, SV_EXIT_CONFIG, path, 0, 0,
                 "logo: the file is 4194305 bytes; the limit is 4194304 (4 MiB)");
    free(path);
}

Test(image, other_formats_are_named) {
    expect_refused("\xff\xd8\xff\xe0\0\x10JFIF", 10, SV_EXIT_CONFIG,
                   "logo: not a PNG image (it is a JPEG image): save it as PNG");
    expect_refused("GIF89a", 6, SV_EXIT_CONFIG,
                   "logo: not a PNG image (it is a GIF image): save it as PNG");
    expect_refused("\xef\xbb\xbf <svg/>", 10, SV_EXIT_CONFIG,
                   "logo: not a PNG image (it is XML or SVG text): save it as PNG");
    expect_refused("%PDF-1.4", 8, SV_EXIT_CONFIG,
                   "logo: not a PNG image (it is a PDF): save it as PNG");
    expect_refused("hello", 5, SV_EXIT_CONFIG, "logo: not a PNG image (no PNG signature)");
    expect_refused("\x89PNG\r\n", 6, SV_EXIT_CONFIG, "logo: not a PNG image (no PNG signature)");
}

Test(image, crc_errors_in_critical_and_ancillary_chunks) {
    size_t len;
    unsigned char *png = make_png(4, 4, PNG_FORMAT_RGB, &len);
    size_t ihdr = chunk_at(png, len, "IHDR");
    png[ihdr + 4 + 13] ^= 0x40;
    expect_refused(png, len, SV_EXIT_CONFIG, "logo: the PNG is corrupt: IHDR: CRC error");
    png[ihdr + 4 + 13] ^= 0x40;
    size_t idat = chunk_at(png, len, "IDAT");
    png[idat + 4 + be32(png + idat - 4)] ^= 1;
    expect_refused(png, len, SV_EXIT_CONFIG, "logo: the PNG is corrupt: IDAT: CRC error");
    png[idat + 4 + be32(png + idat - 4)] ^= 1;

    /* A tEXt chunk (ignored, but CRC checked) inserted before IEND. */
    size_t iend = chunk_at(png, len, "IEND") - 4;
    unsigned char *with = malloc(len + 32);
    memcpy(with, png, iend);
    static const char text[] = "Author\0Someone";
    put32(with + iend, sizeof text - 1);
    memcpy(with + iend + 4, "tEXt", 4);
    memcpy(with + iend + 8, text, sizeof text - 1);
    fix_crc(with, iend + 4);
    size_t after = iend + 12 + sizeof text - 1;
    memcpy(with + after, png + iend, len - iend);
    size_t wlen = after + len - iend;
    char *path;
    sv_error err;
    image img;
    cr_expect_eq(load_bytes("text.png", with, wlen, &img, &err, &path), 0, "%s", err.text);
    image_free(&img);
    free(path);
    with[iend + 8 + 2] ^= 1; /* the text changed, the CRC not */
    expect_refused(with, wlen, SV_EXIT_CONFIG, "logo: the PNG is corrupt: tEXt: CRC error");
    free(with);
    free(png);
}

Test(image, truncated_anywhere_is_refused) {
    size_t len;
    unsigned char *png = make_png(16, 16, PNG_FORMAT_RGBA, &len);
    for (size_t cut = 8; cut < len; cut++) {
        char *path;
        sv_error err;
        image img;
        cr_expect_eq(load_bytes("cut.png", png, cut, &img, &err, &path), -1, "cut at %zu", cut);
        cr_expect_eq(err.status, SV_EXIT_CONFIG, "cut at %zu: %s", cut, err.text);
        cr_expect(strncmp(err.text, "logo: the PNG is corrupt: ", 26) == 0, "cut at %zu: %s", cut,
                  err.text);
        free(path);
    }
    expect_refused(png, len - 1, SV_EXIT_CONFIG,
                   "logo: the PNG is corrupt: the file ends early (truncated)");
    free(png);
}

Test(image, dimensions_over_the_limit) {
    size_t len;
    unsigned char *png = make_png(4, 4, PNG_FORMAT_RGB, &len);
    size_t ihdr = chunk_at(png, len, "IHDR");
    set_size(png, ihdr, IMAGE_MAX_SIDE + 1, 4);
    expect_refused(png, len, SV_EXIT_CONFIG,
                   "logo: the image is 4097 x 4 pixels; the limit is 4096 x 4096");
    set_size(png, ihdr, 4, 0x7fffffff);
    expect_refused(png, len, SV_EXIT_CONFIG,
                   "logo: the image is 4 x 2147483647 pixels; the limit is 4096 x 4096");
    /* Zero is not a size: libpng's own check. */
    set_size(png, ihdr, 4, 0);
    expect_refused(png, len, SV_EXIT_CONFIG, "logo: the PNG is corrupt: Invalid IHDR data");
    free(png);
}

Test(image, bad_compressed_data) {
    size_t len;
    unsigned char *png = make_png(8, 8, PNG_FORMAT_RGB, &len);
    size_t idat = chunk_at(png, len, "IDAT");
    png[idat + 4] = 0x00; /* zlib header byte: no longer a valid header */
    fix_crc(png, idat);
    expect_refused(png, len, SV_EXIT_CONFIG,
                   "logo: the PNG is corrupt: IDAT: incorrect header check");
    free(png);
    /* Too little image data: the IDAT of a 1x1 image, declared as 8x8. */
    png = make_png(1, 1, PNG_FORMAT_RGB, &len);
    set_size(png, chunk_at(png, len, "IHDR"), 8, 8);
    expect_refused(png, len, SV_EXIT_CONFIG, "logo: the PNG is corrupt: Not enough image data");
    free(png);
}

/* ---- the config key ---- */

Test(image, config_logo_is_resolved_loaded_and_checked) {
    size_t len;
    unsigned char *png = make_png(6, 2, PNG_FORMAT_RGBA, &len);
    free(tu_write("logo.png", png, len));
    free(png);
    char *path = tu_write_str("config.json", "{\"organisation\": \"T\", "
                                             "\"period\": \"2025-26 Q2\", \"logo\": \"logo.png\"}");
    sv_error err;
    sv_error_clear(&err);
    sv_config *cfg = cfg_load(path, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    char *want = tu_path("logo.png");
    cr_expect_str_eq(cfg->logo_path, want);
    cr_assert_not_null(cfg->logo);
    cr_expect_eq(cfg->logo->width, 6);
    cr_expect_eq(cfg->logo->channels, 4);
    cfg_free(cfg);
    free(want);
    free(path);

    path = tu_write_str("config.json", "{\"organisation\": \"T\", \"period\": \"2025-26 Q2\"}");
    cfg = cfg_load(path, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    cr_expect_null(cfg->logo);
    cr_expect_null(cfg->logo_path);
    cfg_free(cfg);
    free(path);
}

Test(image, config_logo_errors) {
    char *path = tu_write_str("config.json", "{\"organisation\": \"T\", \"period\": \"2025-26 Q2\",\n"
                                             " \"logo\": 42}");
    sv_error err;
    sv_error_clear(&err);
    cr_expect_null(cfg_load(path, &err));
    expect_error(&err, SV_EXIT_CONFIG, path, 2, 10, "$.logo: expected a string, found an integer");
    free(path);
    path = tu_write_str("config.json", "{\"organisation\": \"T\", \"period\": \"2025-26 Q2\",\n"
                                       " \"logo\": \"\"}");
    sv_error_clear(&err);
    cr_expect_null(cfg_load(path, &err));
    expect_error(&err, SV_EXIT_CONFIG, path, 2, 10, "$.logo: expected the path of a PNG file");
    free(path);
    free(tu_write_str("bad.png", "GIF89a"));
    path = tu_write_str("config.json", "{\"organisation\": \"T\", \"period\": \"2025-26 Q2\",\n"
                                       " \"logo\": \"bad.png\"}");
    sv_error_clear(&err);
    cr_expect_null(cfg_load(path, &err));
    char *png = tu_path("bad.png");
    expect_error(&err, SV_EXIT_CONFIG, png, 0, 0,
                 "logo: not a PNG image (it is a GIF image): save it as PNG");
    free(png);
    free(path);
}
