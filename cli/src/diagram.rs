//! `ia87 diagram MACHINE`: the machine drawn from the same transition table the
//! core executes.

use crate::engine::{self, DiagramFormat};
use crate::output::Out;
use crate::{DiagramArgs, DiagramFormatArg, Fail};

/// Runs `ia87 diagram`.
pub fn run(args: &DiagramArgs) -> Result<u8, Fail> {
    let m = engine::machine(&args.machine).ok_or_else(|| {
        Fail::Usage(format!(
            "unknown machine `{}` ({})",
            crate::escape::echo(&args.machine),
            engine::machine_names().join(", ")
        ))
    })?;
    let format = match args.format {
        DiagramFormatArg::Mermaid => DiagramFormat::Mermaid,
        DiagramFormatArg::Dot => DiagramFormat::Dot,
    };
    let mut s = String::new();
    engine::render_diagram(&mut s, m, format)
        .map_err(|e| Fail::Output(format!("drawing the diagram: {e}")))?;
    let mut out = Out::to(args.output.as_deref(), &[])?;
    out.put_str(&s)?;
    out.finish()?;
    Ok(0)
}
