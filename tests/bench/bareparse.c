/* bareparse.c: the floor for `make bench`: libcsv over the same files with
 * callbacks that only count, read in the same 1 MiB blocks as svreport's
 * reader and with the same parser options. One thread, as libcsv is a
 * serial state machine. Prints fields, records and bytes. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct counts {
    long long fields, records, bytes;
} counts;

static void on_field(void *s, size_t len, void *data) {
    (void)s;
    (void)len;
    ((counts *)data)->fields++;
}

static void on_record(int c, void *data) {
    (void)c;
    ((counts *)data)->records++;
}

int main(int argc, char **argv) {
    enum { BLOCK = 1 << 20 };
    char *buf = malloc(BLOCK);
    counts n = {0, 0, 0};
    if (!buf) return 1;
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            perror(argv[i]);
            return 1;
        }
        struct csv_parser p;
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL);
        size_t got;
        while ((got = fread(buf, 1, BLOCK, fp)) > 0) {
            n.bytes += (long long)got;
            if (csv_parse(&p, buf, got, on_field, on_record, &n) != got) {
                fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
                return 1;
            }
        }
        csv_fini(&p, on_field, on_record, &n);
        csv_free(&p);
        fclose(fp);
    }
    printf("%lld fields, %lld records, %lld bytes\n", n.fields, n.records, n.bytes);
    free(buf);
    return 0;
}
