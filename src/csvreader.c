/* csvreader.c: streaming extract reader on libcsv (see csvreader.h). */
#include "csvreader.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codelists.h"
#include "fmt.h"
#include "progress.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define BLOCK_SIZE (1 << 20)

typedef struct reader {
    const char *path;
    extract_id extract;
    const csvr_options *opt;
    csvr_row_fn fn;
    void *ctx;
    sv_error *err;

    const column_def *columns;  /* extract's columns then opt->extra */
    size_t ncolumns;
    int header_done;
    int nheader;
    int *colmap;     /* header field index -> column index, or -1 */
    size_t colmap_cap;
    strbuf header_fields;  /* header names, NUL-separated */
    int *header_off;
    size_t header_cap;

    csvr_cell *cells;
    uint32_t *cell_off;
    char *rowbuf;
    size_t rowlen, rowcap;
    int field_no;
    long line;       /* current physical line */
    long row_line;   /* line where the current record starts */
    int last_term;
    long rows_read, rows_excluded;
    int stop;        /* fatal error or callback stop */
    char sep;        /* the separator in use */
    int long_field;  /* 1-based field over CSVR_MAX_FIELD in this record, or 0 */
    /* A field can hold a line end only if quoted, and a quoted field is
     * delivered in the block of its closing quote or the next one: fields
     * need scanning for line ends only while this or the last block had a
     * quote. */
    int quotes_near;
    /* Likewise a record whose bytes all came from blocks without NUL or
     * non-ASCII bytes needs no encoding check. */
    int plain_near;
    int skip;        /* SKIP_*: how the rest of a bad record is being skipped */
    int skip_cr;     /* the last byte skipped inside quotes was a CR */
    long bad_line, bad_col;  /* where the record being skipped starts */

    struct csv_parser parser;
    int parser_live;        /* parser initialised */
    int at_file_start;      /* the next block is the file's first */
    int last_block_quoted, last_block_plain;
    int owns_header;        /* colmap is this reader's, not borrowed */
} reader;

/* After a record that libcsv cannot parse, the reader skips to the end of
 * its line (SKIP_LINE). When a quoted field outgrew the field limit, the
 * quoted text is skipped first (SKIP_QUOTED; SKIP_QUOTE_SEEN after a quote
 * that may close it or be the first of a doubled one), so that a long
 * quoted field is not re-read as records and its lines are counted. */
enum { SKIP_NONE = 0, SKIP_LINE, SKIP_QUOTED, SKIP_QUOTE_SEEN };

/* libcsv 3.0.3 parser states (csv_parser.pstate; not in csv.h). */
enum { LIBCSV_FIELD_BEGUN = 2, LIBCSV_FIELD_MIGHT_HAVE_ENDED = 3 };

/* libcsv grows its field buffer through this: refusing beyond the cap turns
 * a runaway field (a lost quote in a 1 GB file) into CSV_ENOMEM, not OOM. */
static void *capped_realloc(void *p, size_t size) {
    if (size > CSVR_MAX_FIELD + 4096) return NULL;
    return realloc(p, size);
}

static long count_newlines(const char *s, size_t len) {
    long n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))) n++;
    return n;
}

static void header_field(reader *r, const char *s, size_t len) {
    XGROW(r->header_off, r->header_cap, (size_t)r->field_no + 1);
    r->header_off[r->field_no] = (int)r->header_fields.len;
    sb_append(&r->header_fields, s, len);
    sb_putc(&r->header_fields, '\0');
}

static void on_field(void *s, size_t len, void *data) {
    reader *r = data;
    /* libcsv goes on delivering the rest of its block after an error. */
    if (r->stop) return;
    const char *str = s ? s : "";
    if (r->quotes_near && len) r->line += count_newlines(str, len);
    if (len > CSVR_MAX_FIELD && !r->long_field) r->long_field = r->field_no + 1;
    if (!r->header_done) {
        header_field(r, str, len);
        r->field_no++;
        return;
    }
    int fi = r->field_no++;
    if (fi >= r->nheader) return;
    int col = r->colmap[fi];
    if (col < 0) return;
    if (r->rowlen + len + 1 > r->rowcap) {
        while (r->rowlen + len + 1 > r->rowcap) r->rowcap *= 2;
        r->rowbuf = xrealloc(r->rowbuf, r->rowcap);
    }
    memcpy(r->rowbuf + r->rowlen, str, len);
    r->rowbuf[r->rowlen + len] = '\0';
    r->cell_off[col] = (uint32_t)r->rowlen;
    r->cells[col].len = (uint32_t)len;
    r->cells[col].field = (uint32_t)fi + 1;
    r->rowlen += len + 1;
}

static int ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) {
        char x = (char)(*a >= 'A' && *a <= 'Z' ? *a + 32 : *a);
        char y = (char)(*b >= 'A' && *b <= 'Z' ? *b + 32 : *b);
        if (x != y) return 0;
    }
    return *a == *b;
}

/* Trims spaces in place; returns the trimmed start. */
static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

static int column_index(const reader *r, const char *name) {
    for (size_t c = 0; c < r->ncolumns; c++)
        if (ieq(r->columns[c].name, name)) return (int)c;
    return -1;
}

static void process_header(reader *r) {
    r->nheader = r->field_no;
    if (r->long_field) {
        sv_error_set(r->err, SV_EXIT_DATA, r->path, r->row_line, r->long_field,
                     "cannot read the header row: %s", dq_reason_text(DQ_FIELD_TOO_LONG));
        r->stop = 1;
        return;
    }
    r->colmap = xmalloc((size_t)(r->nheader ? r->nheader : 1) * sizeof(int));
    for (int i = 0; i < r->nheader; i++) r->colmap[i] = -1;
    int *seen = xcalloc(r->ncolumns ? r->ncolumns : 1, sizeof(int));
    for (int i = 0; i < r->nheader; i++) {
        char *h = trim(r->header_fields.data + r->header_off[i]);
        const char *canon = h;
        for (size_t a = 0; a < r->opt->naliases; a++)
            if (ieq(r->opt->aliases[a].header, h)) {
                canon = r->opt->aliases[a].column;
                break;
            }
        int col = column_index(r, canon);
        r->colmap[i] = col;
        if (col < 0) continue;
        if (seen[col]) {
            sv_error_set(r->err, SV_EXIT_DATA, r->path, r->row_line, i + 1,
                         "column '%s' appears twice in the header (fields %d and %d)",
                         r->columns[col].name, seen[col], i + 1);
            r->stop = 1;
            break;
        }
        seen[col] = i + 1;
    }
    for (size_t c = 0; !r->stop && c < r->ncolumns; c++) {
        if (r->columns[c].required && !seen[c]) {
            const char *h = r->header_fields.data + r->header_off[0];
            if (r->nheader == 1 && strpbrk(h, ",;\t")) {
                /* One field that holds separators: the wrong separator. */
                char q[64];
                sv_quote(q, sizeof q, h, strlen(h));
                sv_error_set(r->err, SV_EXIT_DATA, r->path, r->row_line, 0,
                             "missing required column '%s': the header row is one field, %s; "
                             "is %s the right separator?",
                             r->columns[c].name, q, r->sep == '\t' ? "tab" : r->sep == ';' ? "';'" : "','");
            } else {
                sv_error_set(r->err, SV_EXIT_DATA, r->path, r->row_line, 0,
                             "missing required column '%s'", r->columns[c].name);
            }
            r->stop = 1;
        }
    }
    free(seen);
    r->header_done = 1;
}

static void reset_row(reader *r) {
    for (size_t c = 0; c < r->ncolumns; c++) {
        r->cells[c].field = 0;
        r->cells[c].len = 0;
        r->cell_off[c] = UINT32_MAX;
    }
    r->rowlen = 0;
    r->long_field = 0;
}

/* Checks encoding of the cells the loaders will see. */
static int row_encoding_ok(reader *r, const csvr_row *row) {
    for (size_t c = 0; c < r->ncolumns; c++) {
        const csvr_cell *cell = &row->cells[c];
        if (!cell->field) continue;
        int ascii = 1;
        for (uint32_t i = 0; i < cell->len; i++)
            if ((unsigned char)cell->s[i] >= 0x80 || cell->s[i] == 0) {
                ascii = 0;
                break;
            }
        if (ascii) continue;
        if (memchr(cell->s, 0, cell->len)) {
            csvr_report(row, (int)c, DQ_NUL_BYTE);
            return 0;
        }
        if (utf8_invalid_at(cell->s, cell->len) != (size_t)-1) {
            csvr_report(row, (int)c, DQ_BAD_UTF8);
            return 0;
        }
    }
    return 1;
}

static void process_record(reader *r) {
    r->rows_read++;
    csvr_row row = {r->path, r->extract, r->opt->dq, r->columns, r->row_line, r->cells};
    if (r->long_field) {
        dq_report(r->opt->dq, r->extract, r->path, DQ_FIELD_TOO_LONG, "", 0, r->row_line,
                  r->long_field, NULL, NULL, 0);
        r->rows_excluded++;
        return;
    }
    if (r->field_no != r->nheader) {
        char detail[64];
        snprintf(detail, sizeof detail, ": %d, the header has %d", r->field_no, r->nheader);
        dq_report(r->opt->dq, r->extract, r->path, DQ_RAGGED, "", 0, r->row_line, 0, detail, NULL, 0);
        r->rows_excluded++;
        return;
    }
    for (size_t c = 0; c < r->ncolumns; c++)
        r->cells[c].s = r->cell_off[c] == UINT32_MAX ? "" : r->rowbuf + r->cell_off[c];
    if (!r->plain_near && !row_encoding_ok(r, &row)) {
        r->rows_excluded++;
        return;
    }
    int res = r->fn(r->ctx, &row);
    if (res == CSVR_EXCLUDED) r->rows_excluded++;
    if (res == CSVR_STOP) r->stop = 1;
}

static void on_record(int c, void *data) {
    reader *r = data;
    /* The LF of a CRLF arrives as an empty record after the CR. */
    int crlf_tail = c == '\n' && r->last_term == '\r' && r->field_no == 0;
    if (r->field_no > 0 && !r->stop) {
        if (!r->header_done)
            process_header(r);
        else
            process_record(r);
    }
    if (c != -1 && !crlf_tail) r->line++;
    r->last_term = c;
    r->field_no = 0;
    r->row_line = r->line;
    reset_row(r);
}

/* No NUL and nothing above 0x7F, eight bytes at a time (a word has a zero
 * byte iff (w - 0x01..) & ~w & 0x80.. is non-zero). */
static int block_plain(const char *buf, size_t len) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t any = 0, zero = 0;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, buf + i, 8);
        any |= w;
        zero |= (w - ones) & ~w & highs;
    }
    for (; i < len; i++) {
        any |= (unsigned char)buf[i];
        zero |= buf[i] == 0;
    }
    return !(any & highs) && !zero;
}

static char detect_separator(const char *buf, size_t len) {
    size_t counts[3] = {0, 0, 0};
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = buf[i];
        if (ch == '"') quoted = !quoted;
        if (quoted) continue;
        if (ch == '\n' || ch == '\r') break;
        if (ch == ',') counts[0]++;
        if (ch == ';') counts[1]++;
        if (ch == '\t') counts[2]++;
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';
    if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
    return ',';
}

static void parser_start(struct csv_parser *p, char sep) {
    csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL);
    csv_set_delim(p, (unsigned char)sep);
    csv_set_realloc_func(p, capped_realloc);
    csv_set_blk_size(p, 4096);
}

/* A record libcsv refused (p->status): reports it, or defers the report of
 * an over-long quoted field until its closing quote is found, and chooses
 * how to skip the rest of it. */
static void parse_failed(reader *r, const struct csv_parser *p) {
    int status = p->status;
    dq_reason reason = status == CSV_ENOMEM ? DQ_FIELD_TOO_LONG : DQ_STRAY_QUOTE;
    if (!r->header_done) {
        sv_error_set(r->err, SV_EXIT_DATA, r->path, r->row_line, r->field_no + 1,
                     "cannot read the header row: %s", dq_reason_text(reason));
        r->stop = 1;
        return;
    }
    /* Line ends already consumed inside the field (quoted text). */
    r->line += count_newlines((const char *)p->entry_buf, p->entry_pos);
    r->skip_cr = p->entry_pos > 0 && p->entry_buf[p->entry_pos - 1] == '\r';
    r->bad_line = r->row_line;
    r->bad_col = r->field_no + 1;
    r->rows_read++;
    r->rows_excluded++;
    r->skip = SKIP_LINE;
    if (status == CSV_ENOMEM && p->quoted) {
        if (p->pstate == LIBCSV_FIELD_BEGUN) r->skip = SKIP_QUOTED;
        if (p->pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED) r->skip = SKIP_QUOTE_SEEN;
    }
    if (r->skip == SKIP_LINE)
        dq_report(r->opt->dq, r->extract, r->path, reason, "", 0, r->bad_line, r->bad_col, NULL, NULL, 0);
}

/* Skips the bad record's bytes in buf[pos..len); returns where parsing
 * resumes (len when the record goes on into the next block). */
static size_t skip_bad(reader *r, const char *buf, size_t pos, size_t len) {
    while (pos < len && r->skip != SKIP_NONE) {
        char c = buf[pos++];
        if (r->skip == SKIP_QUOTED) {
            if (c == '"') r->skip = SKIP_QUOTE_SEEN;
            else if (c == '\r' || (c == '\n' && !r->skip_cr)) r->line++;
            r->skip_cr = c == '\r';
            continue;
        }
        if (r->skip == SKIP_QUOTE_SEEN) {
            if (c == '"') { /* a doubled quote: still inside */
                r->skip = SKIP_QUOTED;
                r->skip_cr = 0;
                continue;
            }
            dq_report(r->opt->dq, r->extract, r->path, DQ_FIELD_TOO_LONG, "", 0, r->bad_line,
                      r->bad_col, NULL, NULL, 0);
            r->skip = SKIP_LINE;
        }
        if (c == '\n' || c == '\r') {
            /* Parsing resumes after it; the LF of a CRLF then arrives as an
             * empty record, which on_record knows not to count. */
            r->line++;
            r->row_line = r->line;
            r->last_term = c;
            r->skip = SKIP_NONE;
        }
    }
    return pos;
}

static void reader_init(reader *r, const char *path, extract_id ex, const csvr_options *opt,
                        csvr_row_fn fn, void *ctx, sv_error *err) {
    const extract_def *def = extract_get(ex);
    memset(r, 0, sizeof *r);
    r->path = path;
    r->extract = ex;
    r->opt = opt;
    r->fn = fn;
    r->ctx = ctx;
    r->err = err;
    r->ncolumns = def->ncolumns + opt->nextra;
    column_def *cols = xmalloc(r->ncolumns * sizeof *cols);
    memcpy(cols, def->columns, def->ncolumns * sizeof *cols);
    if (opt->nextra) memcpy(cols + def->ncolumns, opt->extra, opt->nextra * sizeof *cols);
    r->columns = cols;
    r->cells = xcalloc(r->ncolumns, sizeof *r->cells);
    r->cell_off = xmalloc(r->ncolumns * sizeof *r->cell_off);
    r->rowcap = 4096;
    r->rowbuf = xmalloc(r->rowcap);
    r->line = r->row_line = 1;
    r->at_file_start = 1;
    r->last_block_plain = 1;
    r->owns_header = 1;
    reset_row(r);
}

static void reader_release(reader *r) {
    if (r->parser_live) csv_free(&r->parser);
    free((void *)r->columns);
    free(r->cells);
    free(r->cell_off);
    free(r->rowbuf);
    if (r->owns_header) {
        free(r->colmap);
        free(r->header_off);
        sb_free(&r->header_fields);
    }
}

/* Parses one block of the file, in order. */
static void reader_feed(reader *r, const char *buf, size_t n) {
    size_t pos = 0;
    if (r->at_file_start) {
        r->at_file_start = 0;
        if (n >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0)) {
            /* Excel's "Unicode Text" export: not a CSV this reader can use. */
            sv_error_set(r->err, SV_EXIT_DATA, r->path, 0, 0,
                         "the file is UTF-16, not UTF-8: save it as \"CSV UTF-8\"");
            r->stop = 1;
            return;
        }
        if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) pos = 3;
        r->sep = r->opt->separator ? r->opt->separator : detect_separator(buf + pos, n - pos);
        parser_start(&r->parser, r->sep);
        r->parser_live = 1;
    }
    int quoted_block = memchr(buf + pos, '"', n - pos) != NULL;
    r->quotes_near = quoted_block || r->last_block_quoted;
    r->last_block_quoted = quoted_block;
    int plain_block = block_plain(buf + pos, n - pos);
    r->plain_near = plain_block && r->last_block_plain;
    r->last_block_plain = plain_block;
    while (pos < n && !r->stop) {
        if (r->skip) {
            pos = skip_bad(r, buf, pos, n);
            continue;
        }
        size_t used = csv_parse(&r->parser, buf + pos, n - pos, on_field, on_record, r);
        if (used == n - pos) break;
        parse_failed(r, &r->parser);
        /* Restart the parser after the bad record. */
        csv_free(&r->parser);
        parser_start(&r->parser, r->sep);
        r->field_no = 0;
        reset_row(r);
        pos += used;
    }
}

/* The end of the file: a record still open is either the last one without
 * a line end or one with an unterminated quote. */
static void reader_finish(reader *r) {
    const csvr_options *opt = r->opt;
    if (r->parser_live) {
        struct csv_parser *p = &r->parser;
        if (!r->stop && (r->skip == SKIP_QUOTED || r->skip == SKIP_QUOTE_SEEN))
            dq_report(opt->dq, r->extract, r->path,
                      r->skip == SKIP_QUOTED ? DQ_UNTERMINATED_QUOTE : DQ_FIELD_TOO_LONG, "", 0,
                      r->bad_line, r->bad_col, NULL, NULL, 0);
        if (!r->stop && !r->skip && csv_fini(p, on_field, on_record, r) != 0) {
            /* The file's own last line end is not a lost line. */
            size_t swallowed = p->entry_pos;
            while (swallowed && (p->entry_buf[swallowed - 1] == '\n' || p->entry_buf[swallowed - 1] == '\r'))
                swallowed--;
            long lost = count_newlines((const char *)p->entry_buf, swallowed);
            r->rows_read++;
            r->rows_excluded++;
            char detail[80] = "";
            if (lost > 0)
                snprintf(detail, sizeof detail, ": lines %ld to %ld could not be read", r->row_line,
                         r->row_line + lost);
            dq_report(opt->dq, r->extract, r->path, DQ_UNTERMINATED_QUOTE, "", 0, r->row_line,
                      r->field_no + 1, detail, NULL, 0);
        }
    }
    if (!r->stop && !r->header_done) {
        sv_error_set(r->err, SV_EXIT_DATA, r->path, 0, 0, "the file is empty: no header row");
        r->stop = 1;
    }
}

/* Feeds bytes [from, to) of fd (to < 0: to the end) in blocks of up to
 * `block` bytes; with until_header, stops after the block that completes
 * the header. Returns where it stopped. */
static off_t reader_pump(reader *r, int fd, off_t from, off_t to, char *buf, size_t block, int until_header) {
    while (!r->stop && (to < 0 || from < to)) {
        size_t want = block;
        if (to >= 0 && (off_t)want > to - from) want = (size_t)(to - from);
        ssize_t n = pread(fd, buf, want, from);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            sv_error_set(r->err, SV_EXIT_IO, r->path, 0, 0, "read failed: %s", strerror(errno));
            r->stop = 1;
            break;
        }
        if (n == 0) break;
        reader_feed(r, buf, (size_t)n);
        if (r->opt->progress) progress_advance(r->opt->progress, n);
        from += n;
        if (until_header && r->header_done) break;
    }
    return from;
}

/* True when the reader has just ended a record: what follows starts one. */
static int reader_at_record_start(const reader *r) {
    return !r->stop && !r->skip && r->field_no == 0 && r->parser_live && r->parser.pstate == 0 &&
           r->parser.entry_pos == 0;
}

/* Parts of a file read in parallel: each starts after a line end. A part is
 * kept when the part before it ended exactly at a record boundary there (a
 * quoted field spanning the boundary would make the guess wrong: the part
 * before then reads on to the end of the file alone). */
#define PARTS_MAX 8
#define PART_MIN_BYTES ((off_t)4 << 20)

typedef struct part {
    reader r;
    csvr_options opt;
    sv_error err;
    int fd;
    off_t start, end;
    char *buf;
    pthread_t thread;
} part;

static void *part_main(void *arg) {
    part *pt = arg;
    reader_pump(&pt->r, pt->fd, pt->start, pt->end, pt->buf, BLOCK_SIZE, 0);
    return NULL;
}

/* Part starts: the byte after the first LF at or after each k/n of the
 * file. Returns the number of parts (fewer when lines are too long). */
static size_t split_points(int fd, off_t size, off_t header_end, size_t nparts, off_t *start) {
    size_t n = 1;
    start[0] = 0;
    char window[4096];
    for (size_t k = 1; k < nparts; k++) {
        off_t at = size / (off_t)nparts * (off_t)k;
        if (at < header_end) at = header_end;
        if (at <= start[n - 1]) continue;
        off_t found = -1;
        for (off_t scanned = 0; found < 0 && scanned < (1 << 20) && at < size;) {
            ssize_t got = pread(fd, window, sizeof window, at);
            if (got <= 0) break;
            char *lf = memchr(window, '\n', (size_t)got);
            if (lf) found = at + (lf - window) + 1;
            at += got;
            scanned += got;
        }
        if (found > start[n - 1] && found < size) start[n++] = found;
    }
    return n;
}

int csvr_read_parts(const char *path, extract_id ex, const csvr_options *opt, csvr_row_fn fn,
                    void *const *ctxs, size_t nparts, size_t *used, sv_error *err) {
    *used = 1;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC); /* a FIFO must not block before fstat */
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
    dq_set_file(opt->dq, ex, path, (long long)st.st_size);
    if (nparts > PARTS_MAX) nparts = PARTS_MAX;
    off_t part_min = opt->part_min_bytes ? (off_t)opt->part_min_bytes : PART_MIN_BYTES;
    if (st.st_size < part_min * (off_t)nparts) nparts = 1;

    part parts[PARTS_MAX];
    char *buf = xmalloc(BLOCK_SIZE);
    reader *r0 = &parts[0].r;
    reader_init(r0, path, ex, opt, fn, ctxs[0], err);
    off_t pos = 0;
    size_t n = 1;
    off_t start[PARTS_MAX + 1];
    if (nparts > 1) {
        /* The header, in a small first block so that small files split too. */
        pos = reader_pump(r0, fd, 0, -1, buf, 64 << 10, 1);
        if (r0->header_done && !r0->stop) n = split_points(fd, st.st_size, pos, nparts, start);
    }
    start[n] = st.st_size;
    for (size_t k = 1; k < n; k++) {
        part *pt = &parts[k];
        pt->opt = *opt;
        pt->opt.dq = dq_new(NULL);
        sv_error_clear(&pt->err);
        reader_init(&pt->r, path, ex, &pt->opt, fn, ctxs[k], &pt->err);
        pt->r.header_done = 1;
        pt->r.nheader = r0->nheader;
        pt->r.colmap = r0->colmap;
        pt->r.owns_header = 0;
        pt->r.sep = r0->sep;
        pt->r.at_file_start = 0;
        parser_start(&pt->r.parser, r0->sep);
        pt->r.parser_live = 1;
        pt->fd = fd;
        pt->start = start[k];
        pt->end = start[k + 1];
        pt->buf = xmalloc(BLOCK_SIZE);
        if (pthread_create(&pt->thread, NULL, part_main, pt) != 0) {
            /* No thread: this part and the ones after (start[n] to the end of
             * the file) are read on by the last part kept, below. */
            reader_release(&pt->r);
            dq_free(pt->opt.dq);
            free(pt->buf);
            n = k;
            break;
        }
    }
    reader_pump(r0, fd, pos, n > 1 ? start[1] : -1, buf, BLOCK_SIZE, 0);
    for (size_t k = 1; k < n; k++) pthread_join(parts[k].thread, NULL);

    /* Keep parts while each ended on a record boundary; the first that did
     * not reads on alone, and the parts after it are dropped. */
    size_t keep = 1;
    reader *last = r0;
    while (keep < n && reader_at_record_start(last) && !sv_error_isset(keep == 1 ? err : &parts[keep - 1].err)) {
        last = &parts[keep].r;
        keep++;
    }
    if (keep < n || start[n] < st.st_size)
        reader_pump(last, fd, start[keep], -1, keep == 1 ? buf : parts[keep - 1].buf, BLOCK_SIZE, 0);
    reader_finish(last);
    dq_count_rows(opt->dq, ex, r0->rows_read, r0->rows_excluded);
    long line_offset = r0->line - 1;
    for (size_t k = 1; k < keep; k++) {
        part *pt = &parts[k];
        if (!sv_error_isset(err) && sv_error_isset(&pt->err)) {
            *err = pt->err;
            if (err->line > 0) err->line += line_offset;
        }
        dq_count_rows(pt->opt.dq, ex, pt->r.rows_read, pt->r.rows_excluded);
        dq_merge(opt->dq, pt->opt.dq, line_offset);
        line_offset += pt->r.line - 1;
    }
    for (size_t k = 1; k < n; k++) {
        reader_release(&parts[k].r);
        dq_free(parts[k].opt.dq);
        free(parts[k].buf);
    }
    reader_release(r0);
    free(buf);
    close(fd);
    *used = keep;
    return sv_error_isset(err) ? -1 : 0;
}

int csvr_read(const char *path, extract_id ex, const csvr_options *opt, csvr_row_fn fn,
              void *ctx, sv_error *err) {
    size_t used;
    return csvr_read_parts(path, ex, opt, fn, &ctx, 1, &used, err);
}

/* ---- cell parsers -------------------------------------------------------- */

void csvr_report_detail(const csvr_row *row, int col, dq_reason reason, const char *detail) {
    const csvr_cell *c = &row->cells[col];
    dq_report(row->dq, row->extract, row->path, reason, row->columns[col].name,
              row->columns[col].sensitivity != SENS_NONE, row->line, c->field, detail,
              c->field ? c->s : NULL, c->len);
}

void csvr_report(const csvr_row *row, int col, dq_reason reason) {
    csvr_report_detail(row, col, reason, NULL);
}

void csvr_report_value(const csvr_row *row, int col, dq_reason reason, const char *value, size_t len) {
    dq_report(row->dq, row->extract, row->path, reason, row->columns[col].name,
              row->columns[col].sensitivity != SENS_NONE, row->line, row->cells[col].field, NULL, value, len);
}

/* " (1 to 10)" with thousands separators. */
static void range_words(double min, double max, char *buf, size_t cap) {
    char lo[32], hi[32];
    fmt_number(min, min == (long long)min ? 0 : 2, lo, sizeof lo);
    fmt_number(max, max == (long long)max ? 0 : 2, hi, sizeof hi);
    snprintf(buf, cap, " (%s to %s)", lo, hi);
}

/* "YYYY-MM-DD, as the config sets for people.csv" when the format is set. */
static void date_expected(const csvr_row *row, date_format fmt, char *buf, size_t cap) {
    if (fmt == DATE_AUTO)
        snprintf(buf, cap, "YYYY-MM-DD or DD/MM/YYYY");
    else
        snprintf(buf, cap, "%s, as the config sets for %s.csv", fmt == DATE_ISO ? "YYYY-MM-DD" : "DD/MM/YYYY",
                 extract_get(row->extract)->name);
}

int csvr_date(const csvr_row *row, int col, int required, date_format fmt, sv_day *out) {
    const csvr_cell *c = &row->cells[col];
    *out = SV_NO_DATE;
    date_result res = c->field ? date_parse(c->s, c->len, fmt, out) : DATE_BLANK;
    if (res == DATE_OK) {
        static const sv_day first_day_of_1900 = -25567; /* day_from_ymd(1900, 1, 1) */
        if (*out >= first_day_of_1900) return 0;
        *out = SV_NO_DATE;
        csvr_report(row, col, required ? DQ_DATE_RANGE : DQ_BAD_OPTIONAL_DATE);
        return required ? -1 : 0;
    }
    if (res == DATE_BLANK) {
        if (!required) return 0;
        csvr_report(row, col, DQ_MISSING_VALUE);
        return -1;
    }
    *out = SV_NO_DATE;
    if (!required) {
        csvr_report(row, col, DQ_BAD_OPTIONAL_DATE);
        return 0;
    }
    if (res == DATE_IMPOSSIBLE) {
        csvr_report(row, col, DQ_IMPOSSIBLE_DATE);
    } else {
        char expected[96];
        date_expected(row, fmt, expected, sizeof expected);
        csvr_report_detail(row, col, DQ_BAD_DATE, expected);
    }
    return -1;
}

/* A thousands comma is followed by exactly three digits, then a comma, a
 * point or the end. A decimal comma ("12,5") is not one. */
static int thousands_group(const char *s, size_t comma, size_t len) {
    for (size_t k = 1; k <= 3; k++)
        if (comma + k >= len || s[comma + k] < '0' || s[comma + k] > '9') return 0;
    size_t after = comma + 4;
    return after == len || s[after] == ',' || s[after] == '.';
}

/* Strict decimal: optional sign, digits, optional fraction; spaces around. */
static int parse_number(const char *s, size_t len, double *out) {
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (i == len) return 1; /* blank */
    int neg = 0;
    if (s[i] == '-' || s[i] == '+') neg = s[i++] == '-';
    if (len - i >= 2 && memcmp(s + i, "\xC2\xA3", 2) == 0) i += 2; /* a pound sign */
    double v = 0, scale = 1;
    int digits = 0, frac = 0;
    for (; i < len; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            if (frac) scale /= 10, v += (ch - '0') * scale;
            else v = v * 10 + (ch - '0');
            digits++;
        } else if (ch == '.' && !frac) {
            frac = 1;
        } else if (ch == ',' && !frac && digits && thousands_group(s, i, len)) {
            continue; /* "1,234" as Excel exports amounts; "12,5" is refused */
        } else {
            return -1;
        }
    }
    if (!digits) return -1;
    *out = neg ? -v : v;
    return 0;
}

int csvr_number(const csvr_row *row, int col, int required, double min, double max,
                double *out, int *known) {
    const csvr_cell *c = &row->cells[col];
    double v = 0;
    int res = c->field ? parse_number(c->s, c->len, &v) : 1;
    if (known) *known = 0;
    *out = 0;
    if (res == 1) {
        if (!required) return 0;
        csvr_report(row, col, DQ_MISSING_VALUE);
        return -1;
    }
    if (res < 0) {
        csvr_report(row, col, required ? DQ_BAD_NUMBER : DQ_BAD_OPTIONAL_NUMBER);
        return required ? -1 : 0;
    }
    if (v < min || v > max) {
        char range[80];
        range_words(min, max, range, sizeof range);
        csvr_report_detail(row, col, required ? DQ_NUMBER_RANGE : DQ_NUMBER_RANGE_KEPT, range);
        return required ? -1 : 0;
    }
    *out = v;
    if (known) *known = 1;
    return 0;
}

int csvr_int(const csvr_row *row, int col, int required, long min, long max, long *out,
             int *known) {
    double v;
    int k = 0;
    int rc = csvr_number(row, col, required, (double)min, (double)max, &v, &k);
    *out = 0;
    if (known) *known = 0;
    if (rc != 0 || !k) return rc;
    if (v != (double)(long)v) {
        csvr_report(row, col, required ? DQ_BAD_NUMBER : DQ_BAD_OPTIONAL_NUMBER);
        return required ? -1 : 0;
    }
    *out = (long)v;
    if (known) *known = 1;
    return 0;
}

int csvr_flag(const csvr_row *row, int col) {
    const csvr_cell *c = &row->cells[col];
    if (!c->field) return FLAG_UNKNOWN;
    int f = flag_parse(c->s, c->len);
    if (f == CODE_UNKNOWN) {
        csvr_report(row, col, DQ_BAD_FLAG);
        return FLAG_UNKNOWN;
    }
    return f;
}
