//! `ledger man [--out DIR]`: man pages generated from the clap definitions, one per command.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;

use crate::error::{Error, Result};

use super::{Cli, Ctx};

/// Arguments of `man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write every page (ledger.1, ledger-ask.1, ...) into DIR; without it, print ledger.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

fn render(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf)?;
    Ok(buf)
}

/// Every visible command with its page name (`ledger-people-add`), parents first.
fn pages(cmd: &clap::Command, name: &str, out: &mut Vec<(String, clap::Command)>) {
    // A page per run of a short-lived process: leaking the few names is simpler than owning them.
    let named = cmd.clone().name(&*name.to_string().leak());
    out.push((name.to_string(), named));
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        pages(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

/// Runs `man`.
pub fn run(_ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let Some(dir) = args.out else {
        out.write_all(&render(cmd)?)?;
        return Ok(());
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::user(format!("--out {}: {e}", dir.display())))?;
    let mut list = Vec::new();
    pages(&cmd, "ledger", &mut list);
    for (name, page) in list {
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, render(page)?)
            .map_err(|e| Error::user(format!("cannot write {}: {e}", path.display())))?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}
