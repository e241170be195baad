/*
 * examples/kiosk/c/main.c: border-kiosk firmware in bare-metal C99 that links
 * the no_std build of libia87_ffi.a (thumbv7em-none-eabihf) through include/ia87.h.
 *
 * Runs under QEMU (mps2-an386, Cortex-M4F) with semihosting: a traveller
 * presents at the kiosk, the document check flags an altered passport, the
 * kiosk refers the traveller to an officer (s 128B(1)), voluntary departure is
 * offered (Y4.15 para 3), the Police take custody (s 128B(3)); the case
 * snapshot is written to a simulated flash page, the kiosk "loses power", the
 * case is restored from flash, the 48-hour clock is checked and the warrant is
 * applied for and issued (s 128B(6)(c)). Events are built as IA87Event structs
 * (verb, key and word codes), as firmware would from its sensors.
 *
 * Prints one line through semihosting (SYS_WRITE0, to QEMU's stderr) and exits
 * with SYS_EXIT_EXTENDED: 0 if every check held. The stack is painted before
 * each kind of call, to report the stack each one needs (high-water mark).
 *
 * Built twice by run.sh: as is, the firmware calls only the binary entry
 * points (no ia87_case_apply_line), so the case-language parser is not linked;
 * with -DKIOSK_TEXT_LINE=1 it also applies one text line, to measure that call.
 */
#ifndef KIOSK_TEXT_LINE
#define KIOSK_TEXT_LINE 0
#endif
#include "ia87.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);
void Reset_Handler(void);

/* ------------------------------------------------------------ start-up */

__attribute__((section(".vectors"), used)) static const void *const vectors[2] = {
    &_estack, (const void *)Reset_Handler};

void Reset_Handler(void) {
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss; dst++) *dst = 0;
    /* Enable the FPU (CP10, CP11): the hard-float ABI may use it. */
    *(volatile uint32_t *)0xE000ED88 |= (0xFu << 20);
    __asm volatile("dsb\n isb");
    main();
    for (;;) {
    }
}

/* ------------------------------------------------------------ semihosting */

static int semihost(int op, const void *arg) {
    register int r0 __asm("r0") = op;
    register const void *r1 __asm("r1") = arg;
    __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static char line[256];
static unsigned line_len;

static void out(const char *s) {
    while (*s && line_len + 1 < sizeof line) line[line_len++] = *s++;
    line[line_len] = '\0';
}

static void out_u(unsigned long v) {
    char t[12];
    int n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < 11);
    while (n) {
        char c[2] = {t[--n], 0};
        out(c);
    }
}

static void finish(int code) {
    static uint32_t block[2];
    out("\n");
    semihost(0x04, line); /* SYS_WRITE0 */
    block[0] = 0x20026;   /* ADP_Stopped_ApplicationExit */
    block[1] = (uint32_t)code;
    semihost(0x20, block); /* SYS_EXIT_EXTENDED */
    for (;;) {
    }
}

/* ------------------------------------------------------------ the kiosk */

static IA87Case kase;                   /* 512 bytes, in .bss */
static uint8_t flash_page[IA87_SNAPSHOT_MAX]; /* the simulated flash page */
static uint32_t flash_len;

static int failures;

static void check(int ok) {
    if (!ok) failures++;
}

static IA87Event event(int64_t at, uint16_t verb) {
    IA87Event e;
    uint8_t *p = (uint8_t *)&e;
    unsigned i;
    for (i = 0; i < sizeof e; i++) p[i] = 0;
    e.at = at;
    e.verb = verb;
    return e;
}

static void arg(IA87Event *e, uint16_t key, uint16_t word, int64_t value) {
    IA87Arg *a = &e->args[e->arg_count++];
    a->key = key;
    a->word = word;
    a->word2 = IA87_NONE;
    a->value = value;
}

static IA87Outcome o;

#define PATTERN 0xDEADBEEFu

/* Paints the free stack below the caller's frame, so that the next call's
 * depth can be read back with stack_depth(). */
static void paint_stack(void) {
    uint32_t *p = &_ebss;
    uint32_t *sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    while (p < sp - 16) *p++ = PATTERN;
}

/* Bytes of stack in use at the deepest point since the last paint. */
static unsigned long stack_high_water(void) {
    uint32_t *p = &_ebss;
    while (p < &_estack && *p == PATTERN) p++;
    return (unsigned long)((uint8_t *)&_estack - (uint8_t *)p);
}

static unsigned long worst_apply;

static void apply(const IA87Event *e) {
    unsigned long hw;
    paint_stack();
    check(ia87_case_apply_event(&kase, e, &o) == IA87_OK);
    hw = stack_high_water();
    if (hw > worst_apply) worst_apply = hw;
    check(o.accepted == 1);
}

static uint16_t state_of(uint16_t machine) {
    uint16_t s = 0xFFFF;
    if (ia87_outcome_state(&o, machine, &s) != IA87_OK) return 0xFFFF;
    return s;
}

int main(void) {
    /* 2009-03-02T06:10:00+13:00, flight NZ006 lands at Auckland. */
    const int64_t t0 = 1235927400;
    const int64_t min = 60, hour = 3600;
    IA87Event e;
    IA87Deadline d;
    uint16_t s;
    size_t n = 0;
    unsigned events = 0;
    char name[IA87_NAME_MAX];

    unsigned long hw_save, hw_load, hw_advance, hw_check;
#if KIOSK_TEXT_LINE
    unsigned long hw_line;
    static const char text_line[] = "2009-03-03T08:00+13:00 tick";
    static IA87Case copy;
#endif
    check(ia87_abi_version() == IA87_ABI_VERSION);
    check(ia87_case_init(&kase) == IA87_OK);

    e = event(t0, IA87_VERB_ARRIVE);
    arg(&e, IA87_KEY_CRAFT, 0, 0);
    arg(&e, IA87_KEY_PLACE, IA87_WORD_CUSTOMS, 0);
    apply(&e), events++;
    check(o.has_status && o.status == IA87_STATE_STATUS_ARRIVED);

    /* The document check: the passport appears altered; refer to an officer. */
    e = event(t0 + 20 * min, IA87_VERB_SUSPECT_S7);
    arg(&e, IA87_KEY_BY, IA87_WORD_IO, 0);
    arg(&e, IA87_KEY_REASON, IA87_WORD_FALSE_DOCUMENTS, 0);
    apply(&e), events++;
    check(state_of(IA87_MACHINE_ELIGIBILITY) == IA87_STATE_ELIGIBILITY_APPLIES);
    check(o.status == IA87_STATE_STATUS_UNLAWFUL_S128B);

    e = event(t0 + 35 * min, IA87_VERB_OFFER_VOLUNTARY_DEPARTURE);
    apply(&e), events++;

    e = event(t0 + 50 * min, IA87_VERB_DETAIN);
    arg(&e, IA87_KEY_BY, IA87_WORD_POLICE, 0);
    arg(&e, IA87_KEY_BASIS, IA87_WORD_S128B, 0);
    apply(&e), events++;
    check(state_of(IA87_MACHINE_ELIGIBILITY) == IA87_STATE_ELIGIBILITY_CUSTODY);
    check(ia87_outcome_deadline(&o, IA87_DEADLINE_WARRANT_APPLICATION, &d) == IA87_OK);
    check(d.due == t0 + 50 * min + 48 * hour);
    check(o.finding_count == 0);

    /* Persist to flash; power is lost; restore from flash. */
    paint_stack();
    check(ia87_case_save(&kase, flash_page, sizeof flash_page, &n) == IA87_OK);
    hw_save = stack_high_water();
    flash_len = (uint32_t)n;
    {
        uint8_t *p = (uint8_t *)&kase;
        unsigned i;
        for (i = 0; i < sizeof kase; i++) p[i] = 0xFF; /* RAM lost */
    }
    check(ia87_case_check(&kase) == IA87_ERR_CORRUPT_CASE);
    paint_stack();
    check(ia87_case_load(&kase, flash_page, flash_len) == IA87_OK);
    hw_load = stack_high_water();
    paint_stack();
    check(ia87_case_check(&kase) == IA87_OK);
    hw_check = stack_high_water();
    /* A torn page (one bit flipped) is refused, never misread. */
    flash_page[flash_len / 2] ^= 0x10;
    {
        static IA87Case scratch;
        check(ia87_case_load(&scratch, flash_page, flash_len) == IA87_ERR_SNAPSHOT_CRC);
    }
    flash_page[flash_len / 2] ^= 0x10;

    /* The next morning: the clock is checked, the warrant applied for and issued. */
#if KIOSK_TEXT_LINE
    copy = kase; /* the same step as a text line, on a copy */
    paint_stack();
    check(ia87_case_apply_line(&copy, text_line, sizeof text_line - 1, &o, 0) == IA87_OK);
    hw_line = stack_high_water();
    check(o.accepted == 1);
#endif
    paint_stack();
    check(ia87_case_advance(&kase, t0 + 26 * hour, &o) == IA87_OK), events++;
    hw_advance = stack_high_water();
    check(o.accepted == 1);
    e = event(t0 + 33 * hour, IA87_VERB_WARRANT_APPLY);
    arg(&e, IA87_KEY_BY, IA87_WORD_POLICE, 0);
    arg(&e, IA87_KEY_TO, IA87_WORD_JUDGE, 0);
    apply(&e), events++;
    check(ia87_outcome_deadline(&o, IA87_DEADLINE_WARRANT_APPLICATION, &d) == IA87_ERR_NOT_FOUND);
    e = event(t0 + 34 * hour, IA87_VERB_WARRANT_ISSUE);
    arg(&e, IA87_KEY_BY, IA87_WORD_JUDGE, 0);
    arg(&e, IA87_KEY_DAYS, 0, 28);
    arg(&e, IA87_KEY_PREMISES, IA87_WORD_APPROVED_PREMISES, 0);
    apply(&e), events++;
    s = state_of(IA87_MACHINE_ELIGIBILITY);
    check(s == IA87_STATE_ELIGIBILITY_CUSTODY_WARRANT);

    /* An event the rules refuse leaves the case as it was. */
    e = event(t0 + 35 * hour, IA87_VERB_BAIL);
    arg(&e, IA87_KEY_BY, IA87_WORD_REGISTRAR, 0);
    check(ia87_case_apply_event(&kase, &e, &o) == IA87_OK), events++;

    out("C kiosk firmware: ia87 ");
    out(ia87_version());
    out("; ");
    out_u(events);
    out(" events; state ");
    if (ia87_state_name(IA87_MACHINE_ELIGIBILITY, s, name, sizeof name, 0) == IA87_OK) out(name);
    out("; snapshot ");
    out_u(flash_len);
    out(" B; IA87Case ");
    out_u(sizeof kase);
    out(" B; stack high-water: apply_event ");
    out_u(worst_apply);
#if KIOSK_TEXT_LINE
    out(" B, apply_line ");
    out_u(hw_line);
#endif
    out(" B, advance ");
    out_u(hw_advance);
    out(" B, save ");
    out_u(hw_save);
    out(" B, load ");
    out_u(hw_load);
    out(" B, check ");
    out_u(hw_check);
    out(" B; ");
    out_u((unsigned long)failures);
    out(failures ? " checks failed" : " checks failed; ok");
    finish(failures ? 1 : 0);
    return 0;
}
