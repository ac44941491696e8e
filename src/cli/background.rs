//! The history index built in the background: after `history ID` or `show ID` answered on a
//! fresh clone by walking one record's path, the binary starts itself, detached, to build the
//! index, so the next query reads it instead of walking again.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::Result;

use super::Ctx;

/// Set (to anything but empty) to keep the binary from starting the background build: the
/// tests' hermetic environment does, so a test never leaves a process behind unless it asks.
const OFF: &str = "LEDGER_NO_BACKGROUND";

/// Arguments of the hidden `__index` command.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `__index`: builds the history index unless another build holds its lock. Quiet: it runs
/// with no terminal.
pub fn run(ctx: &Ctx, _args: Args, _out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    crate::history::index::build_unless_busy(&ledger)?;
    Ok(())
}

/// Starts `ledger -C ROOT __index` detached from this process: no standard streams (so whoever
/// reads this command's output is not kept waiting), its own process group (so Ctrl-C or the
/// terminal closing does not reach it), and not waited for. A failure to start only means the
/// next query walks again.
pub fn spawn_index_build(root: &Path) {
    if std::env::var_os(OFF).is_some_and(|v| !v.is_empty()) {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    use std::os::unix::process::CommandExt;
    let _ = Command::new(exe)
        .arg("-C")
        .arg(root)
        .arg("__index")
        .env_remove("LEDGER_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
}
