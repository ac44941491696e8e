//! `ledger meeting TITLE --attendees a,b,c [--notes TEXT] [--decision TEXT]... [--action
//! "OWNER: WHAT due:DATE"]...`: a meeting and everything decided and promised in it, in one commit.
//! Without `--notes`, the meeting is filled in as a form in the editor (see `form.rs`). The
//! command line reads and checks the arguments and prints; the verb is `ops::meeting`.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::Record;
use crate::ops::meeting::{self, ActionItem};
use crate::report::Format;

use super::change::{self, When};
use super::{form, Ctx};

/// Arguments of `meeting`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting's title (asked for in the editor form when left out).
    pub title: Option<String>,
    /// Who attended, comma-separated handles.
    #[arg(long, value_delimiter = ',', value_name = "A,B,C")]
    pub attendees: Vec<String>,
    /// Notes (Markdown).
    #[arg(long, value_name = "TEXT", conflicts_with = "notes_file")]
    pub notes: Option<String>,
    /// Read the notes from a file (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub notes_file: Option<std::path::PathBuf>,
    /// Without --notes, record no notes instead of opening $VISUAL/$EDITOR on a form.
    #[arg(long)]
    pub no_edit: bool,
    /// A decision made in the meeting, word for word (repeatable); "HANDLE: TEXT" when someone
    /// other than the chair made it.
    #[arg(long = "decision", value_name = "TEXT")]
    pub decisions: Vec<String>,
    /// A compliance decision made in the meeting (repeatable).
    #[arg(long = "compliance-decision", value_name = "TEXT")]
    pub compliance: Vec<String>,
    /// An action item, "OWNER: WHAT due:DATE [to:HANDLE]" (repeatable); each becomes a commitment.
    #[arg(long = "action", value_name = "ITEM")]
    pub actions: Vec<String>,
    /// Who chaired: the decisions are theirs and the actions are owed to them (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub chair: Option<String>,
    /// Where it was held (a room, a call link).
    #[arg(long = "where", value_name = "TEXT")]
    pub place: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub when: When,
}

/// Splits a decision's `HANDLE: ` prefix (who made it, when not the chair) from its statement.
/// Only an all-lowercase handle followed by a colon and a space counts, so a statement such as
/// "Scope: PHI only" stays whole; the handle is checked against the people file when recording.
fn decided_by(ctx: &Ctx, flag: &str, text: &str) -> Result<(Option<String>, String)> {
    if let Some((head, rest)) = text.split_once(": ") {
        let looks_like_handle = !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-@".contains(c));
        if looks_like_handle && !rest.trim().is_empty() {
            let by = ctx.handle(flag, head)?;
            return Ok((Some(by), ctx.text(flag, rest)?));
        }
    }
    Ok((None, text.to_string()))
}

/// Parses "OWNER: WHAT due:DATE [to:HANDLE]".
pub fn parse_action(ctx: &Ctx, item: &str) -> Result<ActionItem> {
    let bad = |why: &str| {
        Error::user(format!("--action '{item}': {why}")).hint("write actions as \"OWNER: WHAT due:DATE\", e.g. \"bob: send the VPN config due:friday\"")
    };
    let (owner, rest) = item
        .split_once(':')
        .ok_or_else(|| bad("no owner before ':'"))?;
    let owner = ctx
        .handle("--action owner", owner)
        .map_err(|e| bad(&e.message))?;
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    let mut due = None;
    let mut to = None;
    while let Some(last) = words.last() {
        if let Some(d) = last.strip_prefix("due:") {
            due = Some(ctx.due("due:", d).map_err(|e| bad(&e.message))?);
        } else if let Some(t) = last.strip_prefix("to:") {
            to = Some(ctx.handle("to:", t).map_err(|e| bad(&e.message))?);
        } else {
            break;
        }
        words.pop();
    }
    let what = words.join(" ");
    if what.is_empty() {
        return Err(bad("nothing to do after the owner"));
    }
    let due = due.ok_or_else(|| bad("no due date; add due:DATE at the end"))?;
    Ok(ActionItem {
        owner,
        what: ctx.text("--action", &what)?,
        due,
        to,
    })
}

fn read_notes(args: &Args) -> Result<Option<String>> {
    let text = match (&args.notes, &args.notes_file) {
        (Some(n), _) => n.clone(),
        (None, Some(path)) if path.as_os_str() == "-" => std::io::read_to_string(std::io::stdin())?,
        (None, Some(path)) => std::fs::read_to_string(path)
            .map_err(|e| Error::user(format!("--notes-file {}: {e}", path.display())))?,
        (None, None) => return Ok(None),
    };
    if let Some(p) = crate::model::validate::text_problem(&text) {
        return Err(Error::user(format!("the notes {p}")));
    }
    Ok(Some(text.trim_end().to_string()).filter(|t| !t.trim().is_empty()))
}

/// Runs `meeting`.
pub fn run(ctx: &Ctx, mut args: Args, out: &mut dyn Write) -> Result<()> {
    let mut draft = None;
    if args.notes.is_none()
        && args.notes_file.is_none()
        && !args.no_edit
        && super::template::can_edit()
    {
        let ledger = ctx.open_for_write()?;
        let (filled, d) = form::meeting(ctx, &ledger, args)?;
        args = filled;
        draft = Some(d);
    }
    let Some(title) = args.title.as_deref() else {
        return Err(Error::user("TITLE is missing").hint(
            "give the title, or leave out --notes at a terminal to fill in a form in your editor",
        ));
    };
    if args.attendees.is_empty() {
        return Err(
            Error::user("--attendees is required: who attended, comma-separated handles")
                .hint("e.g. --attendees alice,bob,carol"),
        );
    }
    let title = ctx.text("TITLE", title)?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let mut attendees: Vec<String> = Vec::new();
    for a in &args.attendees {
        let h = ctx.handle("--attendees", a)?;
        if !attendees.contains(&h) {
            attendees.push(h);
        }
    }
    let notes = read_notes(&args)?;
    let place = ctx.opt_text("--where", args.place.as_deref())?;
    let items: Vec<ActionItem> = args
        .actions
        .iter()
        .map(|a| parse_action(ctx, a))
        .collect::<Result<_>>()?;
    let mut statements: Vec<(String, bool, Option<String>)> = Vec::new();
    for (list, compliance, flag) in [
        (&args.decisions, false, "--decision"),
        (&args.compliance, true, "--compliance-decision"),
    ] {
        for d in list {
            ctx.text(flag, d)?;
            let (by, statement) = decided_by(ctx, flag, d)?;
            statements.push((statement, compliance, by));
        }
    }
    let chair = args
        .chair
        .as_deref()
        .map(|c| ctx.handle("--chair", c))
        .transpose()?;

    let held = meeting::Held {
        title: title.clone(),
        attendees,
        notes,
        place,
        decisions: statements,
        actions: items,
        chair,
        tags: args.tags,
        date,
    };
    let ledger = ctx.open_for_write()?;
    for item in meeting::absent_owners(&held) {
        eprintln!(
            "ledger: warning: action owner {} is not among the attendees ({})",
            item.owner,
            held.attendees.join(", ")
        );
    }
    let done = meeting::meeting(&ledger, &held)?;
    if let Some(d) = draft {
        d.discard();
    }
    let (meeting, created, attendees) = (&done.meeting, &done.made, &held.attendees);
    if ctx.format == Format::Json {
        return change::print_record(ctx, out, meeting, "");
    }
    change::print_record(
        ctx,
        out,
        meeting,
        &format!(
            "recorded meeting {} on {date} ({})",
            change::quote(&title),
            attendees.join(", ")
        ),
    )?;
    for r in created {
        let line = match r {
            Record::Decision(d) => format!("  {} decision: {}", d.id, change::quote(&d.statement)),
            Record::Commitment(c) => format!(
                "  {} {} promised {}: {} (due {})",
                c.id,
                c.by,
                c.to,
                change::quote(&c.what),
                c.due
            ),
            _ => continue,
        };
        writeln!(out, "{}", crate::report::text::safe(&line, false))?;
    }
    // After the meeting comes the reply-all: say how, once, to a person at a terminal.
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        writeln!(
            out,
            "Send the minutes: ledger minutes {} --eml minutes.eml",
            meeting.id()
        )?;
    }
    Ok(())
}
