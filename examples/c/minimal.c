/*
 * minimal.c: the smallest ia87 program (ffi/README.md, "Quick start for C").
 * A refused visitor is detained at Auckland airport; print the deadlines.
 */
#include "ia87.h"

#include <stdio.h>
#include <string.h>

static const char *const lines[] = {
    "person citizen=no born=1980-05-01",
    "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs",
    "2009-03-02T06:25+13:00 present",
    "2009-03-02T08:00+13:00 refuse-permit by=io",
    "2009-03-02T08:30+13:00 detain by=police basis=s128",
};

int main(void) {
    static IA87Case c; /* caller-owned, IA87_CASE_SIZE bytes, 8-byte aligned */
    IA87Outcome o;
    uint8_t snapshot[IA87_SNAPSHOT_MAX];
    size_t i, n = 0;

    printf("ia87 %s, IA87Case %u bytes\n", ia87_version(), (unsigned)sizeof c);
    if (ia87_case_init(&c) != IA87_OK) return 1;
    for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (ia87_case_apply_line(&c, lines[i], strlen(lines[i]), &o, NULL) != IA87_OK) return 1;
        if (!o.accepted) {
            printf("rejected: %s\n", (const char *)o.message);
            return 1;
        }
    }
    for (i = 0; i < o.state_count; i++) {
        char name[IA87_NAME_MAX];
        ia87_state_name(o.states[i].machine, o.states[i].state, name, sizeof name, NULL);
        printf("state    %s\n", name);
    }
    for (i = 0; i < o.deadline_count; i++) {
        char name[IA87_NAME_MAX], due[IA87_INSTANT_MAX], cite[IA87_NAME_MAX];
        ia87_deadline_name(o.deadlines[i].name, name, sizeof name, NULL);
        ia87_format_instant(o.deadlines[i].due, o.zone, due, sizeof due, NULL);
        ia87_rule_text(o.deadlines[i].rule, IA87_RULE_FIELD_CITE, cite, sizeof cite, NULL);
        printf("deadline %s due %s [%s]\n", name, due, cite);
    }
    /* Persist and restore: a CRC-checked snapshot of at most IA87_SNAPSHOT_MAX bytes. */
    if (ia87_case_save(&c, snapshot, sizeof snapshot, &n) != IA87_OK) return 1;
    if (ia87_case_load(&c, snapshot, n) != IA87_OK) return 1;
    printf("snapshot %u bytes\n", (unsigned)n);
    return o.deadline_count == 1 && o.deadlines[0].name == IA87_DEADLINE_WARRANT_REQUIRED ? 0 : 1;
}
