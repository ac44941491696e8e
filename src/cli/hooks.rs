//! `ledger hooks install` (and `ledger init --hooks`): a git pre-commit hook that runs
//! `ledger check --staged`, so an invalid hand edit cannot be committed by plain git either.
//! An existing hook that is not ours is never overwritten: the command refuses and shows the
//! line to add to it.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::store::Ledger;

use super::Ctx;

/// `ledger hooks ...`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Install the pre-commit hook that validates staged ledger files.
    Install,
}

/// The first line after the shebang: how our own hook is recognised (and safely replaced).
use crate::store::hooks::OWN_MARKER as MARKER;

/// The folder git runs hooks from.
fn hooks_dir(ledger: &Ledger) -> Result<PathBuf> {
    Ok(crate::store::hooks::dir(ledger))
}

/// The command the hook runs (git runs hooks at the top of the work tree): quiet when all is
/// well, the problems on stderr when not.
pub fn check_line(ledger: &Ledger) -> String {
    let dir = if ledger.prefix.is_empty() {
        ".".to_string()
    } else {
        format!("./{}", ledger.prefix.trim_end_matches('/'))
    };
    format!("out=$(\"$ledger_bin\" -C '{dir}' check --staged 2>&1) || {{ printf '%s\\n' \"$out\" >&2; exit 1; }}")
}

fn script(ledger: &Ledger) -> String {
    // The binary that installed the hook, else whatever `ledger` is on PATH (it may move).
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().replace('\'', ""))
        .unwrap_or_default();
    format!(
        "#!/bin/sh\n{MARKER} (installed by `ledger hooks install`): refuses a commit whose staged\n\
         # ledger files do not pass `ledger check --staged`. Skip it once with `git commit --no-verify`.\n\
         ledger_bin='{exe}'\n[ -x \"$ledger_bin\" ] || ledger_bin=ledger\n{}\n",
        check_line(ledger)
    )
}

/// Installs the hook; returns its path.
pub fn install(ledger: &Ledger) -> Result<PathBuf> {
    let dir = hooks_dir(ledger)?;
    let path = dir.join("pre-commit");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        if !existing.contains(MARKER) {
            return Err(Error::user(format!(
                "{} already exists and is not ledger's; it was left as it is",
                path.display()
            ))
            .hint(format!(
                "add this line to it to validate ledger files too: ledger -C '{}' check --staged || exit 1",
                ledger.root.display()
            )));
        }
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(&path, script(ledger))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(path)
}

/// Runs `hooks`.
pub fn run(ctx: &Ctx, cmd: Command, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Command::Install => {
            ctx.no_as_of()?;
            let ledger = ctx.open()?;
            let path = install(&ledger)?;
            writeln!(out, "installed the pre-commit hook {}", path.display())?;
        }
    }
    Ok(())
}
