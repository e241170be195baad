/*
 * bench.c: replays a case file N times through ia87_case_apply_line, for
 * instruction counts under callgrind (see ffi/README.md, "Measurements"):
 *
 *   valgrind --tool=callgrind --toggle-collect=ia87_case_apply_line \
 *            tests/c/build/bench tests/conformance/border/sc-01.case 1000
 *
 * With a third argument `applied`, lines that apply nothing (blank, comment,
 * header, expect) are dropped first, so the count is per directive or event.
 * Prints the number of apply_line calls and how many were event lines.
 */
#include "ia87.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    static IA87Case c;
    static char text[1 << 20], kept[1 << 20];
    IA87Outcome out;
    IA87LineInfo info;
    unsigned long runs, r, calls = 0, events = 0;
    size_t len;
    FILE *f;
    if (argc < 3) {
        fprintf(stderr, "usage: bench FILE RUNS\n");
        return 2;
    }
    runs = strtoul(argv[2], NULL, 10);
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    len = fread(text, 1, sizeof text, f);
    fclose(f);
    if (argc > 3 && strcmp(argv[3], "applied") == 0) {
        size_t pos = 0, k = 0;
        if (ia87_case_init_file(&c) != IA87_OK) return 1;
        while (pos < len) {
            const char *line = text + pos;
            const char *nl = memchr(line, '\n', len - pos);
            size_t n = nl ? (size_t)(nl - line) + 1 : len - pos;
            pos += n;
            if (ia87_case_apply_line(&c, line, n, &out, &info) != IA87_OK) return 1;
            if (info.kind != IA87_LINE_BLANK && info.kind != IA87_LINE_HEADER &&
                info.kind != IA87_LINE_EXPECT) {
                memcpy(kept + k, line, n);
                k += n;
            }
        }
        memcpy(text, kept, k);
        len = k;
    }
    for (r = 0; r < runs; r++) {
        size_t pos = 0;
        if (ia87_case_init_file(&c) != IA87_OK) return 1;
        while (pos < len) {
            const char *line = text + pos;
            const char *nl = memchr(line, '\n', len - pos);
            size_t n = nl ? (size_t)(nl - line) + 1 : len - pos;
            pos += n;
            if (ia87_case_apply_line(&c, line, n, &out, &info) != IA87_OK) return 1;
            calls++;
            if (info.kind == IA87_LINE_EVENT) events++;
        }
    }
    printf("runs=%lu apply_line_calls=%lu event_lines=%lu\n", runs, calls, events);
    return 0;
}
