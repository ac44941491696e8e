//! `ledger init [DIR]`: start a ledger.

use std::io::Write;
use std::path::PathBuf;

use crate::error::Result;
use crate::store::Ledger;

use super::Ctx;

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where (default: the current folder, or -C DIR). An existing git repository gets a ledger
    /// folder without any other file being touched.
    pub dir: Option<PathBuf>,
    /// Also install a git pre-commit hook that validates hand edits (`ledger hooks install`).
    #[arg(long)]
    pub hooks: bool,
}

/// Runs `init`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    ctx.no_as_of()?;
    let dir = match args.dir.or_else(|| ctx.explicit_dir().map(PathBuf::from)) {
        Some(d) => d,
        None => std::env::current_dir()?,
    };
    let ledger = Ledger::init(&dir)?;
    let hook = if args.hooks {
        Some(super::hooks::install(&ledger)?)
    } else {
        None
    };
    match ctx.format {
        crate::report::Format::Json => {
            let v = serde_json::json!({"root": ledger.root, "prefix": ledger.prefix});
            out.write_all(crate::report::json::to_string(&v).as_bytes())?;
        }
        _ if ledger.prefix.is_empty() => {
            writeln!(out, "Started a ledger in {}", ledger.root.display())?
        }
        // Say so when the ledger joined an existing repository, which may not be the one the
        // user had in mind (a home folder kept in git, say).
        _ => writeln!(
            out,
            "Started a ledger in {} (the folder {} of the git repository at {})",
            ledger.root.display(),
            ledger.prefix.trim_end_matches('/'),
            ledger
                .workdir()
                .map(|w| w.display().to_string())
                .unwrap_or_default()
                .trim_end_matches('/')
        )?,
    }
    if let Some(h) = hook {
        if ctx.format != crate::report::Format::Json {
            writeln!(out, "installed the pre-commit hook {}", h.display())?;
        }
    }
    Ok(())
}
