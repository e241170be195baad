//! `ia87 diagram MACHINE`: the machine drawn from the same transition table the
//! core executes (`ia87_core::machines::diagram`).

use crate::parse_opts;
use ia87_core::machines::diagram::{render, Format};
use ia87_core::machines::included;
use ia87_core::outcome::Machine;

/// The machines this build can draw, comma-separated.
fn machines() -> String {
    Machine::ALL
        .iter()
        .filter(|m| included(**m))
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(args: &[String]) -> Result<u8, String> {
    let opts = parse_opts(args, &["mermaid", "dot"])?;
    let [machine] = opts.files.as_slice() else {
        return Err(format!("diagram needs one machine: {}", machines()));
    };
    let m = Machine::from_name(machine)
        .filter(|m| included(*m))
        .ok_or_else(|| format!("unknown machine `{machine}` ({})", machines()))?;
    let format = if opts.format.as_deref() == Some("dot") {
        Format::Dot
    } else {
        Format::Mermaid
    };
    let mut s = String::new();
    render(&mut s, m, format).map_err(|e| e.to_string())?;
    print!("{s}");
    Ok(0)
}
