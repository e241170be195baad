/*
 * legacy.c: a legacy case-management system in C99 on top of the ia87 C ABI.
 *
 *   ia87-legacy --db FILE [--now TS] [--crash-after N] [--slow-ms MS]
 *               [--report-only] [--no-report] INPUT...
 *
 * INPUT is a case file (*.case, the ia87 case language) or a CSV event table
 * (*.csv: `case_id,at,verb,key=value,...`; `person`, `config` and `policy`
 * rows have an empty `at`). Each case's snapshot (ia87_case_save) is kept as a
 * BLOB in SQLite. Every event (and every directive and `case` line) is one
 * transaction that stores the new snapshot, the findings of the line, and the
 * input position after it, so a run that stops anywhere resumes exactly after
 * the last committed line, from the stored snapshots.
 *
 * At the end it prints, for every case, its states, the deadlines due in the
 * 24 hours after the reference time (the last event instant of all cases, or
 * --now TS) and every finding and rejected line recorded.
 *
 * --crash-after N  commits N transactions, then exits (status 3) in the middle
 *                  of the next one, after its writes and before its COMMIT.
 * --slow-ms MS     sleeps MS milliseconds inside every transaction (for a kill -9 test).
 */
#define _POSIX_C_SOURCE 200809L

#include "ia87.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DAY_SECONDS 86400

typedef struct {
    sqlite3 *db;
    long crash_after; /* -1: never */
    long committed;
    long slow_ms;
} App;

/* ------------------------------------------------------------ errors */

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "ia87-legacy: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void check_ia87(const char *what, IA87Status st) {
    char msg[128];
    size_t n = 0;
    if (st == IA87_OK) {
        return;
    }
    if (ia87_status_message((uint32_t)st, msg, sizeof msg, &n) != IA87_OK) {
        strcpy(msg, "unknown status");
    }
    fail(what, msg);
}

static void check_sql(App *app, int rc, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fail(what, sqlite3_errmsg(app->db));
    }
}

static void exec_sql(App *app, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(app->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "ia87-legacy: %s: %s\n", sql, err ? err : "?");
        sqlite3_free(err);
        exit(1);
    }
}

static sqlite3_stmt *prepare(App *app, const char *sql) {
    sqlite3_stmt *st = NULL;
    check_sql(app, sqlite3_prepare_v2(app->db, sql, -1, &st, NULL), sql);
    return st;
}

static void step_done(App *app, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        fail(what, sqlite3_errmsg(app->db));
    }
    sqlite3_finalize(st);
}

/* ------------------------------------------------------------ the database */

static void open_db(App *app, const char *path) {
    if (sqlite3_open_v2(path, &app->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        fail("cannot open database", path);
    }
    sqlite3_busy_timeout(app->db, 5000);
    exec_sql(app, "PRAGMA journal_mode=WAL");
    exec_sql(app, "PRAGMA synchronous=FULL");
    exec_sql(app,
             "CREATE TABLE IF NOT EXISTS cases ("
             " case_id TEXT PRIMARY KEY,"
             " snapshot BLOB NOT NULL,"     /* ia87_case_save: postcard, version, CRC */
             " source TEXT NOT NULL,"
             " line INTEGER NOT NULL);"     /* the input line that last changed it */
             "CREATE TABLE IF NOT EXISTS inputs ("
             " source TEXT PRIMARY KEY,"
             " position INTEGER NOT NULL,"  /* byte offset of the next unread line */
             " line INTEGER NOT NULL,"      /* lines read so far */
             " current_case TEXT,"          /* case files: the case being read */
             " done INTEGER NOT NULL);"
             "CREATE TABLE IF NOT EXISTS findings ("
             " case_id TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,"
             " seq INTEGER NOT NULL, severity INTEGER NOT NULL, code INTEGER NOT NULL,"
             " rule INTEGER NOT NULL, at INTEGER NOT NULL, zone INTEGER NOT NULL,"
             " PRIMARY KEY (source, line, seq));"
             "CREATE TABLE IF NOT EXISTS rejections ("
             " case_id TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,"
             " code INTEGER NOT NULL, rule INTEGER NOT NULL, message TEXT NOT NULL,"
             " PRIMARY KEY (source, line));");
}

static void begin(App *app) { exec_sql(app, "BEGIN IMMEDIATE"); }

static void commit(App *app) {
    if (app->slow_ms > 0) {
        struct timespec ts;
        ts.tv_sec = app->slow_ms / 1000;
        ts.tv_nsec = (app->slow_ms % 1000) * 1000000L;
        nanosleep(&ts, NULL);
    }
    if (app->crash_after >= 0 && app->committed == app->crash_after) {
        /* Mid-transaction: the writes of this line are not committed. */
        fprintf(stderr, "ia87-legacy: --crash-after %ld: exiting before COMMIT\n",
                app->crash_after);
        _exit(3);
    }
    exec_sql(app, "COMMIT");
    app->committed++;
}

/* Loads a case's snapshot; returns 0 if the case is not stored. */
static int load_case(App *app, const char *id, IA87Case *c) {
    sqlite3_stmt *st = prepare(app, "SELECT snapshot FROM cases WHERE case_id = ?");
    int found = 0;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const void *blob = sqlite3_column_blob(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        check_ia87("loading a stored snapshot", ia87_case_load(c, blob, (size_t)n));
        found = 1;
    }
    sqlite3_finalize(st);
    return found;
}

static void store_case(App *app, const char *id, const IA87Case *c, const char *source,
                       long line) {
    uint8_t snap[IA87_SNAPSHOT_MAX];
    size_t n = 0;
    sqlite3_stmt *st;
    check_ia87("saving a snapshot", ia87_case_save(c, snap, sizeof snap, &n));
    st = prepare(app, "INSERT OR REPLACE INTO cases (case_id, snapshot, source, line) "
                      "VALUES (?, ?, ?, ?)");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 2, snap, (int)n, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, line);
    step_done(app, st, "storing a case");
}

static void store_outcome(App *app, const char *id, const char *source, long line,
                          const IA87Outcome *o) {
    sqlite3_stmt *st;
    unsigned i;
    if (!o->accepted) {
        st = prepare(app, "INSERT INTO rejections (case_id, source, line, code, rule, message) "
                          "VALUES (?, ?, ?, ?, ?, ?)");
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, source, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, line);
        sqlite3_bind_int(st, 4, o->error_code);
        sqlite3_bind_int(st, 5, o->error_rule);
        sqlite3_bind_text(st, 6, (const char *)o->message, o->message_len, SQLITE_TRANSIENT);
        step_done(app, st, "storing a rejection");
        return;
    }
    for (i = 0; i < o->finding_count && i < IA87_MAX_FINDINGS; i++) {
        const IA87Finding *f = &o->findings[i];
        st = prepare(app, "INSERT INTO findings "
                          "(case_id, source, line, seq, severity, code, rule, at, zone) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, source, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, line);
        sqlite3_bind_int(st, 4, (int)i);
        sqlite3_bind_int(st, 5, f->severity);
        sqlite3_bind_int(st, 6, f->code);
        sqlite3_bind_int(st, 7, f->rule);
        sqlite3_bind_int64(st, 8, f->at);
        sqlite3_bind_int(st, 9, o->zone);
        step_done(app, st, "storing a finding");
    }
}

typedef struct {
    long position, line;
    char current_case[IA87_CASE_ID_MAX + 1];
    int done;
} Position;

static Position load_position(App *app, const char *source) {
    Position p;
    sqlite3_stmt *st =
        prepare(app, "SELECT position, line, current_case, done FROM inputs WHERE source = ?");
    memset(&p, 0, sizeof p);
    sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *cc = sqlite3_column_text(st, 2);
        p.position = (long)sqlite3_column_int64(st, 0);
        p.line = (long)sqlite3_column_int64(st, 1);
        if (cc) {
            strncpy(p.current_case, (const char *)cc, IA87_CASE_ID_MAX);
        }
        p.done = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return p;
}

static void save_position(App *app, const char *source, const Position *p) {
    sqlite3_stmt *st = prepare(app, "INSERT OR REPLACE INTO inputs "
                                    "(source, position, line, current_case, done) "
                                    "VALUES (?, ?, ?, ?, ?)");
    sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, p->position);
    sqlite3_bind_int64(st, 3, p->line);
    sqlite3_bind_text(st, 4, p->current_case, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, p->done);
    step_done(app, st, "storing the input position");
}

/* ------------------------------------------------------------ case files */

static void run_case_file(App *app, const char *source) {
    static IA87Case c; /* static: aligned, and off the stack */
    IA87Outcome out;
    IA87LineInfo info;
    Position p = load_position(app, source);
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    if (p.done) {
        return;
    }
    f = fopen(source, "rb");
    if (!f) {
        fail("cannot open input", source);
    }
    if (fseek(f, p.position, SEEK_SET) != 0) {
        fail("cannot seek in input", source);
    }
    /* Resume: the case being read is the stored one. */
    if (p.current_case[0]) {
        if (!load_case(app, p.current_case, &c)) {
            fail("stored position names a case that is not stored", p.current_case);
        }
    } else {
        check_ia87("ia87_case_init_file", ia87_case_init_file(&c));
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        p.position += (long)n;
        p.line++;
        check_ia87("ia87_case_apply_line",
                   ia87_case_apply_line(&c, line, (size_t)n, &out, &info));
        switch (info.kind) {
        case IA87_LINE_BLANK:
        case IA87_LINE_HEADER:
        case IA87_LINE_EXPECT: /* test assertions: not the business of this system */
            continue;          /* the position is saved with the next transaction */
        case IA87_LINE_CASE:
            memcpy(p.current_case, info.case_id, info.case_id_len);
            p.current_case[info.case_id_len] = '\0';
            begin(app);
            store_case(app, p.current_case, &c, source, p.line);
            save_position(app, source, &p);
            commit(app);
            continue;
        default:
            begin(app);
            if (p.current_case[0]) {
                store_case(app, p.current_case, &c, source, p.line);
            }
            store_outcome(app, p.current_case, source, p.line, &out);
            save_position(app, source, &p);
            commit(app);
        }
    }
    free(line);
    if (ferror(f)) {
        fail("cannot read input", source);
    }
    fclose(f);
    p.done = 1;
    begin(app);
    save_position(app, source, &p);
    commit(app);
}

/* ------------------------------------------------------------ CSV event tables */

/* Splits a CSV line in place at commas (no quoting: the case language's values
 * hold no commas except in free text, which the core does not keep). */
static int split_csv(char *s, char **fields, int max) {
    int n = 0;
    char *end = s + strcspn(s, "\r\n");
    *end = '\0';
    while (n < max) {
        char *comma = strchr(s, ',');
        fields[n++] = s;
        if (!comma) {
            break;
        }
        *comma = '\0';
        s = comma + 1;
    }
    return n;
}

static int word_code(const char *s, uint16_t *code) {
    return ia87_lookup(IA87_VOCAB_WORD, s, strlen(s), code) == IA87_OK;
}

static int date_value(const char *s, int64_t *v) {
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
        return 0;
    }
    *v = (int64_t)y * 10000 + m * 100 + d;
    return 1;
}

/* Builds an IA87Event from the fields of a CSV row; 0 if a name is unknown. */
static int csv_event(char **fields, int nf, IA87Event *ev, char *why, size_t why_len) {
    int i;
    memset(ev, 0, sizeof *ev);
    if (ia87_parse_timestamp(fields[1], strlen(fields[1]), &ev->at) != IA87_OK) {
        snprintf(why, why_len, "bad timestamp `%s`", fields[1]);
        return 0;
    }
    if (ia87_lookup(IA87_VOCAB_VERB, fields[2], strlen(fields[2]), &ev->verb) != IA87_OK) {
        snprintf(why, why_len, "unknown verb `%s`", fields[2]);
        return 0;
    }
    for (i = 3; i < nf; i++) {
        IA87Arg *a;
        char *eq = strchr(fields[i], '=');
        const char *k = fields[i], *v;
        uint8_t type = 0;
        if (fields[i][0] == '\0') {
            continue;
        }
        if (!eq || ev->arg_count >= IA87_MAX_ARGS) {
            snprintf(why, why_len, "bad argument `%s`", fields[i]);
            return 0;
        }
        *eq = '\0';
        v = eq + 1;
        a = &ev->args[ev->arg_count++];
        a->word2 = IA87_NONE;
        if (ia87_lookup(IA87_VOCAB_KEY, k, strlen(k), &a->key) != IA87_OK) {
            snprintf(why, why_len, "unknown key `%s`", k);
            return 0;
        }
        check_ia87("ia87_key_type", ia87_key_type(a->key, &type));
        switch (type) {
        case IA87_KEY_TYPE_WORD:
            if (!word_code(v, &a->word)) {
                snprintf(why, why_len, "unknown value `%s=%s`", k, v);
                return 0;
            }
            break;
        case IA87_KEY_TYPE_NUMBER:
            a->value = strtoll(v, NULL, 10);
            break;
        case IA87_KEY_TYPE_DATE:
            if (!date_value(v, &a->value)) {
                snprintf(why, why_len, "bad date `%s=%s`", k, v);
                return 0;
            }
            break;
        case IA87_KEY_TYPE_TIMESTAMP:
            if (ia87_parse_timestamp(v, strlen(v), &a->value) != IA87_OK) {
                snprintf(why, why_len, "bad timestamp `%s=%s`", k, v);
                return 0;
            }
            break;
        case IA87_KEY_TYPE_PARENT: { /* STATUS:KIND:UNTIL */
            char buf[96], *kind, *until;
            strncpy(buf, v, sizeof buf - 1);
            buf[sizeof buf - 1] = '\0';
            kind = strchr(buf, ':');
            until = kind ? strchr(kind + 1, ':') : NULL;
            if (kind) *kind++ = '\0';
            if (until) *until++ = '\0';
            if (!word_code(buf, &a->word) || (kind && *kind && !word_code(kind, &a->word2)) ||
                (until && *until && !date_value(until, &a->value))) {
                snprintf(why, why_len, "bad value `%s=%s`", k, v);
                return 0;
            }
            break;
        }
        default: /* free text: only its presence counts */
            break;
        }
    }
    return 1;
}

static void run_csv(App *app, const char *source) {
    static IA87Case c;
    IA87Outcome out;
    Position p = load_position(app, source);
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    if (p.done) {
        return;
    }
    f = fopen(source, "rb");
    if (!f || fseek(f, p.position, SEEK_SET) != 0) {
        fail("cannot open input", source);
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        char *fields[IA87_MAX_ARGS + 3];
        int nf;
        p.position += (long)n;
        p.line++;
        if (line[0] == '#' || line[0] == '\n' || line[0] == '\r' ||
            strncmp(line, "case_id,", 8) == 0) {
            continue; /* comment, blank or header row */
        }
        nf = split_csv(line, fields, (int)(sizeof fields / sizeof fields[0]));
        if (nf < 3 || fields[0][0] == '\0') {
            fprintf(stderr, "ia87-legacy: %s:%ld: expected case_id,at,verb,...\n", source,
                    p.line);
            continue;
        }
        begin(app);
        if (!load_case(app, fields[0], &c)) {
            check_ia87("ia87_case_init", ia87_case_init(&c));
        }
        if (fields[1][0] == '\0') {
            /* A directive row: person / config / policy, given as its line. */
            char text[IA87_LINE_MAX + 1];
            size_t len = 0;
            int i;
            IA87LineInfo info;
            for (i = 2; i < nf && len + strlen(fields[i]) + 2 < sizeof text; i++) {
                len += (size_t)sprintf(text + len, "%s%s", i > 2 ? " " : "", fields[i]);
            }
            check_ia87("ia87_case_apply_line", ia87_case_apply_line(&c, text, len, &out, &info));
        } else {
            IA87Event ev;
            char why[160];
            if (csv_event(fields, nf, &ev, why, sizeof why)) {
                check_ia87("ia87_case_apply_event", ia87_case_apply_event(&c, &ev, &out));
            } else {
                /* The row does not name the language's words: record it as rejected. */
                memset(&out, 0, sizeof out);
                out.error_code = IA87_ERROR_BAD_VALUE;
                out.error_rule = IA87_NONE;
                out.message_len = (uint8_t)strlen(why);
                memcpy(out.message, why, out.message_len);
            }
        }
        store_case(app, fields[0], &c, source, p.line);
        store_outcome(app, fields[0], source, p.line, &out);
        save_position(app, source, &p);
        commit(app);
    }
    free(line);
    fclose(f);
    p.done = 1;
    begin(app);
    save_position(app, source, &p);
    commit(app);
}

/* ------------------------------------------------------------ the report */

static void text_of(IA87Status st, char *buf) {
    if (st != IA87_OK) {
        strcpy(buf, "?");
    }
}

static void print_instant(int64_t t, uint8_t zone) {
    char s[IA87_INSTANT_MAX];
    text_of(ia87_format_instant(t, zone, s, sizeof s, NULL), s);
    fputs(s, stdout);
}

static void report(App *app, int has_now, int64_t now) {
    static IA87Case c;
    sqlite3_stmt *st;
    long cases = 0;

    if (!has_now) {
        /* The reference time: the last event instant of all cases. */
        st = prepare(app, "SELECT snapshot FROM cases");
        while (sqlite3_step(st) == SQLITE_ROW) {
            int64_t t = 0;
            uint8_t has = 0;
            check_ia87("ia87_case_load",
                       ia87_case_load(&c, sqlite3_column_blob(st, 0),
                                      (size_t)sqlite3_column_bytes(st, 0)));
            check_ia87("ia87_case_now", ia87_case_now(&c, &t, &has));
            if (has && (!has_now || t > now)) {
                now = t;
                has_now = 1;
            }
        }
        sqlite3_finalize(st);
    }
    printf("ia87 legacy case system: reference time ");
    if (has_now) {
        print_instant(now, IA87_ZONE_MAINLAND);
    } else {
        printf("(none)");
    }
    printf(", deadlines due in the next 24 hours\n");

    st = prepare(app, "SELECT case_id, snapshot FROM cases ORDER BY case_id");
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        IA87Outcome o;
        unsigned i;
        int any = 0;
        sqlite3_stmt *q;
        char name[IA87_NAME_MAX], cite[IA87_NAME_MAX];
        cases++;
        check_ia87("ia87_case_load", ia87_case_load(&c, sqlite3_column_blob(st, 1),
                                                     (size_t)sqlite3_column_bytes(st, 1)));
        check_ia87("ia87_case_outcome", ia87_case_outcome(&c, &o));
        printf("\ncase %s\n  state   ", id);
        for (i = 0; i < o.state_count; i++) {
            text_of(ia87_state_name(o.states[i].machine, o.states[i].state, name, sizeof name,
                                    NULL),
                    name);
            printf("%s%s", i ? "  " : "", name);
        }
        printf("\n");
        for (i = 0; i < o.deadline_count; i++) {
            const IA87Deadline *d = &o.deadlines[i];
            const char *when;
            if (has_now && d->due < now) {
                when = "OVERDUE";
            } else if (has_now && d->due <= now + DAY_SECONDS) {
                when = "due";
            } else {
                continue;
            }
            text_of(ia87_deadline_name(d->name, name, sizeof name, NULL), name);
            text_of(ia87_rule_text(d->rule, IA87_RULE_FIELD_CITE, cite, sizeof cite, NULL), cite);
            printf("  %-7s %-22s ", when, name);
            print_instant(d->due, o.zone);
            printf("  [%s]\n", cite);
            any = 1;
        }
        if (!any) {
            printf("  (no deadline due in the next 24 hours)\n");
        }
        q = prepare(app, "SELECT severity, code, rule, at, zone, source, line FROM findings "
                         "WHERE case_id = ? ORDER BY at, source, line, seq");
        sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(q) == SQLITE_ROW) {
            char sev[IA87_NAME_MAX];
            text_of(ia87_severity_name((uint16_t)sqlite3_column_int(q, 0), sev, sizeof sev,
                                       NULL),
                    sev);
            text_of(ia87_finding_name((uint16_t)sqlite3_column_int(q, 1), name, sizeof name,
                                      NULL),
                    name);
            text_of(ia87_rule_text((uint16_t)sqlite3_column_int(q, 2), IA87_RULE_FIELD_CITE,
                                   cite, sizeof cite, NULL),
                    cite);
            printf("  finding %-12s %-26s ", sev, name);
            print_instant(sqlite3_column_int64(q, 3), (uint8_t)sqlite3_column_int(q, 4));
            printf("  [%s]  (%s:%d)\n", cite, (const char *)sqlite3_column_text(q, 5),
                   sqlite3_column_int(q, 6));
        }
        sqlite3_finalize(q);
        q = prepare(app, "SELECT code, message, source, line FROM rejections "
                         "WHERE case_id = ? ORDER BY source, line");
        sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(q) == SQLITE_ROW) {
            text_of(ia87_error_name((uint16_t)sqlite3_column_int(q, 0), name, sizeof name,
                                    NULL),
                    name);
            printf("  REJECTED %s: %s  (%s:%d)\n", name,
                   (const char *)sqlite3_column_text(q, 1),
                   (const char *)sqlite3_column_text(q, 2), sqlite3_column_int(q, 3));
        }
        sqlite3_finalize(q);
    }
    sqlite3_finalize(st);
    printf("\n%ld cases\n", cases);
}

/* ------------------------------------------------------------ main */

static int ends_with(const char *s, const char *tail) {
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

int main(int argc, char **argv) {
    App app;
    const char *db = NULL;
    int i, report_only = 0, no_report = 0, has_now = 0;
    int64_t now = 0;
    memset(&app, 0, sizeof app);
    app.crash_after = -1;
    if (ia87_abi_version() != IA87_ABI_VERSION) {
        fail("the linked library does not match ia87.h", NULL);
    }
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            db = argv[++i];
        } else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
            i++;
            if (ia87_parse_timestamp(argv[i], strlen(argv[i]), &now) != IA87_OK) {
                fail("--now needs an RFC 3339 timestamp with an offset", argv[i]);
            }
            has_now = 1;
        } else if (strcmp(argv[i], "--crash-after") == 0 && i + 1 < argc) {
            app.crash_after = strtol(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--slow-ms") == 0 && i + 1 < argc) {
            app.slow_ms = strtol(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--report-only") == 0) {
            report_only = 1;
        } else if (strcmp(argv[i], "--no-report") == 0) {
            no_report = 1;
        } else {
            break;
        }
    }
    if (!db || (i == argc && !report_only)) {
        fprintf(stderr, "usage: ia87-legacy --db FILE [--now TS] [--crash-after N] "
                        "[--slow-ms MS] [--report-only] [--no-report] INPUT.case|INPUT.csv...\n");
        return 1;
    }
    open_db(&app, db);
    if (!report_only) {
        for (; i < argc; i++) {
            if (ends_with(argv[i], ".csv")) {
                run_csv(&app, argv[i]);
            } else {
                run_case_file(&app, argv[i]);
            }
        }
    }
    if (!no_report) {
        report(&app, has_now, now);
    }
    sqlite3_close(app.db);
    return 0;
}
