/*
 * conformance.c: runs case files through the ia87 C ABI, line by line, the way
 * `ia87 check` and `ia87 replay --format json` run them, and writes for every
 * event and directive line one JSON line:
 *
 *   --c-out FILE     JSON assembled here, in C, from the IA87Outcome fields
 *                    (names from ia87_name & co., instants from
 *                    ia87_format_instant);
 *   --core-out FILE  the same lines from ia87_outcome_json (the core's writer).
 *
 * tests/c/run.sh compares both, byte for byte, with `ia87 replay --format json`
 * of the same files, and the expectation counts with `ia87 check`.
 *
 * Expectations are evaluated with ia87_expect against the outcome of the line
 * above them. The file rules the core's runner keeps (the first line must be
 * `ia87 1`; a rejected line that no `expect rejected=` covers is a failure; an
 * expect line with no line above it is a failure) are kept here.
 *
 * Prints: "files=F lines=L outcomes=O passed=P failed=X".
 * Exit status: 0 if every call succeeded (whatever the expectations say), 2 on
 * an ABI error or bad usage.
 */
#include "ia87.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ small helpers */

static void die(const char *what, IA87Status st) {
    char msg[128];
    size_t n = 0;
    if (ia87_status_message((uint32_t)st, msg, sizeof msg, &n) != IA87_OK) {
        strcpy(msg, "?");
    }
    fprintf(stderr, "conformance: %s failed: status %d (%s)\n", what, (int)st, msg);
    exit(2);
}

#define CHECK(call)                  \
    do {                             \
        IA87Status st_ = (call);     \
        if (st_ != IA87_OK) {        \
            die(#call, st_);         \
        }                            \
    } while (0)

/* A growable string. */
typedef struct {
    char *p;
    size_t len, cap;
} Buf;

static void buf_reserve(Buf *b, size_t more) {
    if (b->len + more + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + more + 1 > cap) {
            cap *= 2;
        }
        char *p = realloc(b->p, cap);
        if (!p) {
            fprintf(stderr, "conformance: out of memory\n");
            exit(2);
        }
        b->p = p;
        b->cap = cap;
    }
}

static void put_bytes(Buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void put(Buf *b, const char *s) { put_bytes(b, s, strlen(s)); }

static void put_u(Buf *b, unsigned long v) {
    char t[32];
    int n = sprintf(t, "%lu", v);
    put_bytes(b, t, (size_t)n);
}

/* A JSON string, escaped as ia87_core::json::string does. */
static void put_json_string(Buf *b, const char *s, size_t n) {
    size_t i;
    put(b, "\"");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char t[8];
        switch (c) {
        case '"': put(b, "\\\""); break;
        case '\\': put(b, "\\\\"); break;
        case '\n': put(b, "\\n"); break;
        case '\r': put(b, "\\r"); break;
        case '\t': put(b, "\\t"); break;
        default:
            if (c < 0x20) {
                sprintf(t, "\\u%04x", (unsigned)c);
                put(b, t);
            } else {
                put_bytes(b, (const char *)&c, 1);
            }
        }
    }
    put(b, "\"");
}

/* "name" of a code in a vocabulary. */
static void put_name(Buf *b, uint32_t vocab, uint16_t code) {
    char name[IA87_NAME_MAX];
    size_t n = 0;
    CHECK(ia87_name(vocab, code, name, sizeof name, &n));
    put(b, "\"");
    put_bytes(b, name, n);
    put(b, "\"");
}

static void put_instant(Buf *b, int64_t t, uint8_t zone) {
    char text[IA87_INSTANT_MAX];
    size_t n = 0;
    CHECK(ia87_format_instant(t, zone, text, sizeof text, &n));
    put(b, "\"");
    put_bytes(b, text, n);
    put(b, "\"");
}

/* ------------------------------------------------------------ JSON in C */

static void c_json(Buf *b, const IA87Outcome *o, const char *id, size_t id_len,
                   unsigned long line, uint8_t zone) {
    unsigned i;
    b->len = 0;
    put(b, "{\"case\":");
    put_json_string(b, id, id_len);
    put(b, ",\"line\":");
    put_u(b, line);
    if (!o->accepted) {
        put(b, ",\"accepted\":false,\"error\":{\"code\":");
        put_name(b, IA87_VOCAB_ERROR, o->error_code);
        put(b, ",\"rule\":");
        if (o->error_rule == IA87_NONE) {
            put(b, "null");
        } else {
            put_name(b, IA87_VOCAB_RULE, o->error_rule);
        }
        put(b, ",\"message\":");
        put_json_string(b, (const char *)o->message, o->message_len);
        put(b, ",\"column\":");
        put_u(b, o->error_column);
        put(b, "}");
        /* A rejected line leaves the case unchanged; when there is a case the
           outcome describes it (it has a status). */
        if (!o->has_status) {
            put(b, "}");
            return;
        }
        put(b, ",\"state\":[");
    } else {
        put(b, ",\"accepted\":true,\"state\":[");
    }
    for (i = 0; i < o->state_count && i < IA87_MAX_STATES; i++) {
        char st[IA87_NAME_MAX];
        size_t n = 0;
        CHECK(ia87_state_name(o->states[i].machine, o->states[i].state, st, sizeof st, &n));
        if (i) put(b, ",");
        put(b, "\"");
        put_bytes(b, st, n);
        put(b, "\"");
    }
    put(b, "],\"status\":");
    if (o->has_status) {
        put_name(b, IA87_VOCAB_STATUS, o->status);
    } else {
        put(b, "null");
    }
    put(b, ",\"deadlines\":[");
    for (i = 0; i < o->deadline_count && i < IA87_MAX_DEADLINES; i++) {
        const IA87Deadline *d = &o->deadlines[i];
        if (i) put(b, ",");
        put(b, "{\"name\":");
        put_name(b, IA87_VOCAB_DEADLINE, d->name);
        put(b, ",\"due\":");
        put_instant(b, d->due, zone);
        put(b, ",\"due-strict\":");
        if (d->has_strict) {
            put_instant(b, d->due_strict, zone);
        } else {
            put(b, "null");
        }
        put(b, ",\"rule\":");
        put_name(b, IA87_VOCAB_RULE, d->rule);
        put(b, ",\"kind\":");
        put_name(b, IA87_VOCAB_DEADLINE_KIND, d->kind);
        put(b, "}");
    }
    put(b, "],\"findings\":[");
    for (i = 0; i < o->finding_count && i < IA87_MAX_FINDINGS; i++) {
        const IA87Finding *f = &o->findings[i];
        if (i) put(b, ",");
        put(b, "{\"severity\":");
        put_name(b, IA87_VOCAB_SEVERITY, f->severity);
        put(b, ",\"code\":");
        put_name(b, IA87_VOCAB_FINDING, f->code);
        put(b, ",\"rule\":");
        put_name(b, IA87_VOCAB_RULE, f->rule);
        put(b, ",\"at\":");
        put_instant(b, f->at, zone);
        put(b, "}");
    }
    put(b, "],\"trace\":[");
    for (i = 0; i < o->trace_count && i < IA87_MAX_TRACE; i++) {
        if (i) put(b, ",");
        put_name(b, IA87_VOCAB_RULE, o->trace[i]);
    }
    put(b, "]}");
}

/* ------------------------------------------------------------ running files */

typedef struct {
    FILE *c_out, *core_out;
    Buf json;
    char *core;
    unsigned long files, lines, outcomes, passed, failed;
} Run;

static void emit(Run *r, const IA87Outcome *o, const char *id, size_t id_len,
                 unsigned long line, uint8_t zone) {
    size_t n = 0;
    c_json(&r->json, o, id, id_len, line, zone);
    CHECK(ia87_outcome_json(o, id, id_len, (uint32_t)line, zone, r->core, IA87_JSON_MAX, &n));
    if (r->c_out) {
        fwrite(r->json.p, 1, r->json.len, r->c_out);
        fputc('\n', r->c_out);
    }
    if (r->core_out) {
        fwrite(r->core, 1, n, r->core_out);
        fputc('\n', r->core_out);
    }
    r->outcomes++;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t cap = 0, n = 0;
    if (!f) {
        perror(path);
        exit(2);
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            p = realloc(p, cap);
            if (!p) {
                fprintf(stderr, "conformance: out of memory\n");
                exit(2);
            }
        }
        got = fread(p + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        perror(path);
        exit(2);
    }
    fclose(f);
    *len = n;
    return p;
}

static void run_file(Run *r, const char *path) {
    static IA87Case c; /* static: 8-byte aligned, and off the stack */
    IA87Outcome last, cur;
    IA87LineInfo info;
    char id[IA87_CASE_ID_MAX + 1] = "";
    size_t id_len = 0, len = 0, pos = 0;
    int have_last = 0, header = 0, pending = 0;
    unsigned long n = 0;
    char *text = read_file(path, &len);

    memset(&last, 0, sizeof last);
    CHECK(ia87_case_init_file(&c));
    while (pos < len) {
        /* One line with its '\n', as the CLI reads it (read_until). */
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - line) + 1 : len - pos;
        uint8_t zone = 0;
        pos += line_len;
        n++;
        r->lines++;

        /* A line is shown in the zone of the case after it. */
        CHECK(ia87_case_apply_line(&c, line, line_len, &cur, &info));
        CHECK(ia87_case_zone(&c, &zone));

        if (info.kind == IA87_LINE_EXPECT) {
            uint8_t holds = 0;
            if (info.expects_rejection) {
                pending = 0;
            }
            if (!have_last) {
                r->failed++;
                continue;
            }
            CHECK(ia87_expect(line, line_len, &last, &holds));
            if (holds) {
                r->passed++;
            } else {
                r->failed++;
                fprintf(stderr, "FAIL %s:%lu: %.*s", path, n, (int)line_len, line);
                if (line_len == 0 || line[line_len - 1] != '\n') fputc('\n', stderr);
            }
            continue;
        }
        if (info.kind == IA87_LINE_BLANK) {
            continue;
        }
        if (pending) {
            r->failed++;
            pending = 0;
        }
        if (!header) {
            header = 1;
            if (info.kind != IA87_LINE_HEADER) {
                /* The runner's own rejection for a file without a header. */
                static const char msg[] = "the first line must be `ia87 1`";
                IA87Outcome h;
                memset(&h, 0, sizeof h);
                h.error_code = IA87_ERROR_BAD_SYNTAX;
                h.error_rule = IA87_NONE;
                h.error_column = 1;
                memcpy(h.message, msg, sizeof msg);
                h.message_len = (uint8_t)(sizeof msg - 1);
                emit(r, &h, id, id_len, n, zone);
                r->failed++;
                last = h;
                have_last = 1;
            }
        }
        switch (info.kind) {
        case IA87_LINE_HEADER:
            break;
        case IA87_LINE_CASE:
            id_len = info.case_id_len;
            memcpy(id, info.case_id, id_len);
            id[id_len] = '\0';
            have_last = 0;
            break;
        default: /* person, config, policy, event, invalid: an outcome */
            emit(r, &cur, id, id_len, n, zone);
            if (!cur.accepted) {
                pending = 1;
            }
            last = cur;
            have_last = 1;
        }
    }
    if (pending) {
        r->failed++;
    }
    free(text);
    r->files++;
}

int main(int argc, char **argv) {
    Run r;
    int i;
    memset(&r, 0, sizeof r);
    if (ia87_abi_version() != IA87_ABI_VERSION) {
        fprintf(stderr, "conformance: library ABI %u, header ABI %u\n",
                (unsigned)ia87_abi_version(), (unsigned)IA87_ABI_VERSION);
        return 2;
    }
    r.core = malloc(IA87_JSON_MAX);
    if (!r.core) {
        return 2;
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--c-out") == 0 && i + 1 < argc) {
            r.c_out = fopen(argv[++i], "wb");
            if (!r.c_out) { perror(argv[i]); return 2; }
        } else if (strcmp(argv[i], "--core-out") == 0 && i + 1 < argc) {
            r.core_out = fopen(argv[++i], "wb");
            if (!r.core_out) { perror(argv[i]); return 2; }
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: conformance [--c-out FILE] [--core-out FILE] FILE...\n");
            return 2;
        } else {
            run_file(&r, argv[i]);
        }
    }
    if (r.files == 0) {
        fprintf(stderr, "usage: conformance [--c-out FILE] [--core-out FILE] FILE...\n");
        return 2;
    }
    if ((r.c_out && fclose(r.c_out) != 0) || (r.core_out && fclose(r.core_out) != 0)) {
        perror("conformance: writing output");
        return 2;
    }
    printf("files=%lu lines=%lu outcomes=%lu passed=%lu failed=%lu\n", r.files, r.lines,
           r.outcomes, r.passed, r.failed);
    free(r.json.p);
    free(r.core);
    return 0;
}
