//! `ledger answer ASK STATEMENT [--by HANDLE] [--compliance] [--evidence LINK]...` and `ledger
//! answer ASK --info TEXT`: an ask answered in writing, closed as `answered` in one commit with
//! the decision it was answered by (linked both ways) or the reply's text. The verb is
//! `ops::answer`.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{validate, Record};
use crate::ops::answer::{self, Reply};

use super::change::{self, Made, When};
use super::Ctx;

/// Arguments of `answer`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask (value name ID, so shell completion offers record ids).
    #[arg(value_name = "ID")]
    pub ask: String,
    /// The answer as a decision, word for word (kept exactly as given).
    #[arg(required_unless_present = "info", conflicts_with = "info")]
    pub statement: Option<String>,
    /// An answer that is not a decision (a fact, a pointer to a document): kept as the ask's reason.
    #[arg(long, value_name = "TEXT")]
    pub info: Option<String>,
    /// Who answered (default: the one asked).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// A compliance decision.
    #[arg(long, conflicts_with = "info")]
    pub compliance: bool,
    /// Why.
    #[arg(long, value_name = "TEXT", conflicts_with = "info")]
    pub rationale: Option<String>,
    /// A link to evidence: http(s):// or mailto: (repeatable).
    #[arg(long = "evidence", value_name = "LINK", conflicts_with = "info")]
    pub evidence: Vec<String>,
    #[command(flatten)]
    pub made: Made,
    #[command(flatten)]
    pub when: When,
}

/// Runs `answer`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let reply = match (&args.statement, &args.info) {
        (_, Some(info)) => Reply::Info(ctx.text("--info", info)?),
        (Some(statement), None) => {
            // The statement is kept verbatim: checked, never trimmed or reflowed.
            ctx.text("STATEMENT", statement)?;
            if let Some(p) = validate::text_problem(statement) {
                return Err(Error::user(format!("STATEMENT {p}")));
            }
            Reply::Decision {
                statement: statement.clone(),
                compliance: args.compliance,
                rationale: ctx.opt_text("--rationale", args.rationale.as_deref())?,
                evidence: ctx.links("--evidence", &args.evidence)?,
                meeting: args.made.meeting.clone(),
                place: ctx.opt_text("--where", args.made.place.as_deref())?,
                tags: args.made.tags.clone(),
            }
        }
        (None, None) => unreachable!("clap requires STATEMENT or --info"),
    };
    let date = ctx.happened(args.when.date.as_deref())?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    ctx.no_as_of()?;
    let ledger = ctx.open_for_write()?;
    let done = answer::answer(
        &ledger,
        &answer::Answer {
            ask: args.ask,
            reply,
            by,
            date,
        },
    )?;
    let summary = match &done.decision {
        Some(Record::Decision(d)) => format!(
            "answered by {} with {}{}: {}",
            done.by,
            d.id,
            if d.compliance { " (compliance)" } else { "" },
            change::quote(&d.statement)
        ),
        _ => format!(
            "answered by {}: {}",
            done.by,
            change::quote(done.ask.record.headline())
        ),
    };
    change::print_record(ctx, out, &done.ask.record, &summary)
}
