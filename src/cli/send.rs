//! What `minutes`, `receipt` and `report` share to hand the user something to send: the
//! `--eml FILE` flag and writing the draft, with a warning for everyone left off it.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::query::minutes::PersonRef;
use crate::report::eml::{self, Draft};
use crate::store::Ledger;

use super::Ctx;

/// The `--eml` flag.
#[derive(Debug, Clone, clap::Args)]
pub struct EmlArg {
    /// Also write an email draft (.eml, text and HTML parts) to FILE (`-` for standard output);
    /// nothing is sent.
    #[arg(long, value_name = "FILE")]
    pub eml: Option<PathBuf>,
}

impl EmlArg {
    /// Writes the draft when `--eml` was given. True when it went to standard output, which
    /// then holds nothing else (the command stops there).
    pub fn write(
        &self,
        ctx: &Ctx,
        ledger: &Ledger,
        mail: Mail<'_>,
        out: &mut dyn Write,
    ) -> Result<bool> {
        let Some(path) = &self.eml else {
            return Ok(false);
        };
        write_draft(ctx, ledger, path, mail, out)?;
        Ok(path.as_os_str() == "-")
    }
}

/// What goes in a draft, before the sender is known.
pub struct Mail<'a> {
    pub to: &'a [PersonRef],
    pub cc: &'a [PersonRef],
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
}

/// Writes the draft to `path` (or `out` for `-`); warns on standard error about each handle
/// left off it and what to do.
fn write_draft(
    ctx: &Ctx,
    ledger: &Ledger,
    path: &std::path::Path,
    mail: Mail<'_>,
    out: &mut dyn Write,
) -> Result<()> {
    let (name, email) = ledger.user();
    let Some(email) = email else {
        return Err(
            Error::user("an email draft needs a sender, and git has no user.email")
                .hint("set it with `git config user.email you@example.com`"),
        );
    };
    let built = eml::build(&Draft {
        from: (name, email),
        to: mail.to,
        cc: mail.cc,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        date: ctx.day(),
    })
    .map_err(|e| {
        Error::user(e.to_string()).hint("check `git config user.email` and the people file")
    })?;
    for (handle, why) in &built.left_out {
        eprintln!(
            "ledger: warning: {handle} is not on the draft ({why}); add it with `ledger people add {handle} --email ADDRESS`, or add them by hand"
        );
    }
    if path.as_os_str() == "-" {
        out.write_all(&built.bytes)?;
        return Ok(());
    }
    std::fs::write(path, &built.bytes).map_err(|e| {
        Error::env(format!("cannot write the draft to {}: {e}", path.display()))
            .hint("choose a folder you can write to")
    })?;
    eprintln!(
        "ledger: wrote the draft {} (open it in your mail program to send it)",
        path.display()
    );
    Ok(())
}
