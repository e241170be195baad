//! Random sequences of plausible events on one case: the engine never panics,
//! a rejected event leaves the case byte-for-byte unchanged, every line
//! satisfies the safety invariants (`ia87_core::invariants::Monitor`, rule map
//! §7), and replaying the same lines gives the same snapshot (determinism).
#![no_main]
use arbitrary::Arbitrary;
use ia87_core::codec::{encode_case, MAX_SNAPSHOT_LEN};
use ia87_core::invariants::Monitor;
use ia87_core::lang::{parse_line, Line};
use ia87_core::Case;
use libfuzzer_sys::fuzz_target;

/// Event templates; `{}` is replaced by generated keys.
const VERBS: &[&str] = &[
    "arrive craft=NZ1 place=customs",
    "arrive transit=yes",
    "arrive stowaway=yes",
    "arrive precleared=yes",
    "present",
    "apply-permit type=temporary kind=visitor",
    "fail-apply",
    "refuse-permit by=io",
    "grant-permit type=temporary kind=visitor expires=2009-06-01",
    "grant-permit type=residence",
    "grant-permit type=temporary kind=visitor expires=2009-05-31 precleared=yes",
    "revoke-permit section=35F",
    "revoke-permit section=33 effective=2009-05-30",
    "revoke-permit section=20 service=personal",
    "exempt basis=s11-1-e until=2009-03-08",
    "exemption-cease",
    "suspect-s7 by=io reason=false-documents",
    "offer-voluntary-departure",
    "offer-rebuttal",
    "consider-s7-grounds by=minister",
    "determine-s7 applies=no by=minister",
    "determine-s7 applies=yes by=minister",
    "determine-s7 applies=no permit=granted",
    "request-removal",
    "detain by=police basis=s128",
    "detain by=police basis=s128 requested-by=none",
    "detain by=police basis=s128b",
    "move place=police-station overnight=yes",
    "move place=prison overnight=yes",
    "move place=landside",
    "move place=craft",
    "warrant-apply by=io to=registrar oath=yes reasons=yes",
    "warrant-apply by=police to=judge",
    "warrant-issue by=registrar days=28 premises=prison",
    "warrant-issue by=judge days=28",
    "extension-apply oath=yes reasons=yes",
    "extension-grant days=7",
    "extension-grant days=21 group=yes group-size=60 group-s128=55",
    "release-notice",
    "release by=manager",
    "escape",
    "recapture",
    "conditional-release-apply by=io oath=yes reasons=yes basis=s128aa-1",
    "conditional-release until=2009-05-20 location=\"DoL office\" reside=yes report=yes",
    "conditional-release-refuse",
    "notify-conditions in-writing=yes",
    "deliver-up location=x",
    "breach-condition class=a",
    "fail-deliver-up",
    "cancel-release-apply oath=yes reasons=yes",
    "cancel-release",
    "arrest by=police",
    "review-commence",
    "review-complete result=upheld",
    "review-complete result=quashed",
    "appear before=judge outcome=extend days=7",
    "appear before=judge outcome=release reside=yes report=daily location=x",
    "appear before=judge outcome=continue",
    "bail by=judge",
    "craft-available in-writing=yes",
    "deliver-to-police",
    "craft-delayed",
    "depart",
    "refugee-claim",
    "removal-order-make",
    "conviction sentence-months=72",
    "epidemic-notice commenced=2009-05-01 expires=2009-06-30",
    "lpp-expiry-notice expires=2009-09-15",
    "preclearance-flight-missed",
    "reconsideration-apply",
    "tick",
];

#[derive(Arbitrary, Debug)]
struct Step {
    verb: u8,
    /// Minutes after the previous step (occasionally backwards, to test time-reversed).
    minutes: u16,
    back: bool,
}

fn run(steps: &[Step]) -> Vec<u8> {
    let mut case = Case::new();
    let mut monitor = Monitor::new();
    let mut t: i64 = 1_235_930_000; // 2009-03-02
    let mut snap = [0u8; MAX_SNAPSHOT_LEN];
    for s in steps {
        t += if s.back {
            -60
        } else {
            i64::from(s.minutes) * 60
        };
        let verb = VERBS[usize::from(s.verb) % VERBS.len()];
        let ts = ia87_core::time::UtcTimestamp(ia87_core::time::Instant::from_unix_seconds(t));
        let line = format!("{ts} {verb}");
        let Ok(Line::Event(e)) = parse_line(line.as_bytes()) else {
            panic!("template did not parse: {line}")
        };
        let n = encode_case(&case, &mut snap).expect("case encodes");
        let before_bytes = snap[..n].to_vec();
        let before = case.clone();
        let result = case.apply(&e);
        if result.is_err() {
            let m = encode_case(&case, &mut snap).expect("case encodes");
            assert_eq!(
                before_bytes,
                snap[..m].to_vec(),
                "a rejected event changed the case: {line}"
            );
        }
        let violations = monitor.check(&before, &e, result.as_ref(), &case);
        assert!(
            violations.is_empty(),
            "{line}: invariants violated: {violations:?}"
        );
    }
    let n = encode_case(&case, &mut snap).expect("case encodes");
    snap[..n].to_vec()
}

fuzz_target!(|steps: Vec<Step>| {
    let steps = &steps[..steps.len().min(64)];
    assert_eq!(run(steps), run(steps), "replay is not deterministic");
});
