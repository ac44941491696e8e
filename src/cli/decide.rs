//! `ledger decide STATEMENT --by P [--compliance] [--rationale TEXT] [--supersedes ID]
//! [--meeting ID]`: a decision, word for word; a superseded one is marked in the same commit.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{actions, validate, Decision, Kind, Record, Status};
use crate::store::message::{key, subject};
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `decide`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The decision, word for word (kept exactly as given).
    #[arg(required_unless_present = "edit")]
    pub statement: Option<String>,
    /// Who made it (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// A compliance decision.
    #[arg(long)]
    pub compliance: bool,
    /// Why.
    #[arg(long, value_name = "TEXT")]
    pub rationale: Option<String>,
    /// The earlier decision this one replaces (marked superseded in the same commit).
    #[arg(long, value_name = "ID")]
    pub supersedes: Option<String>,
    /// The meeting it was made in.
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Where it was made (a channel, a document).
    #[arg(long = "where", value_name = "TEXT")]
    pub place: Option<String>,
    /// A link to evidence (repeatable).
    #[arg(long = "evidence", value_name = "LINK")]
    pub evidence: Vec<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Fill in a form in $VISUAL/$EDITOR, pre-filled with the flags given.
    #[arg(short = 'e', long)]
    pub edit: bool,
    #[command(flatten)]
    pub when: When,
}

/// Runs `decide`.
pub fn run(ctx: &Ctx, mut args: Args, out: &mut dyn Write) -> Result<()> {
    let mut draft = None;
    if args.edit {
        let ledger = ctx.open_for_write()?;
        let (filled, d) = super::form::decide(ctx, &ledger, args)?;
        args = filled;
        draft = Some(d);
    }
    // The statement is kept verbatim: checked, never trimmed or reflowed.
    let statement = args.statement.clone().unwrap_or_default();
    ctx.text("STATEMENT", &statement)?;
    if let Some(p) = validate::text_problem(&statement) {
        return Err(Error::user(format!("STATEMENT {p}")));
    }
    let date = ctx.happened(args.when.date.as_deref())?;
    let rationale = ctx.opt_text("--rationale", args.rationale.as_deref())?;
    let place = ctx.opt_text("--where", args.place.as_deref())?;
    let evidence = args
        .evidence
        .iter()
        .map(|e| ctx.text("--evidence", e))
        .collect::<Result<Vec<_>>>()?;
    let ledger = ctx.open_for_write()?;
    let mut txn = super::change::begin(&ledger)?;
    let people = txn.people()?;
    let by = ctx.person_or_me("--by", args.by.as_deref(), &ledger, &people)?;
    let meeting = change::linked_meeting(&mut txn, args.meeting.as_deref())?;
    let id = txn.new_id(Kind::Decision)?;
    let mut writes = Vec::new();
    let supersedes = match &args.supersedes {
        Some(input) => {
            let (old_id, write) =
                change::change_linked(&mut txn, "--supersedes", input, Kind::Decision, |old| {
                    actions::supersede(old, date, &id)
                })?;
            writes.push(write);
            Some(old_id)
        }
        None => None,
    };
    let record = Record::Decision(Decision {
        id: id.clone(),
        kind: Kind::Decision,
        status: Status::Active,
        date,
        statement: statement.clone(),
        by: by.clone(),
        compliance: args.compliance,
        rationale,
        meeting,
        place,
        evidence,
        tags: args.tags,
        supersedes: supersedes.clone(),
        superseded_by: None,
        closed: None,
        reason: None,
    });
    writes.insert(0, change::create(&record)?);
    let label = if args.compliance {
        "decides (compliance)"
    } else {
        "decides"
    };
    let tail = supersedes
        .as_ref()
        .map(|s| format!(" (supersedes {s})"))
        .unwrap_or_default();
    let mut message = Message::new(subject(&by, "decides", id.as_str(), &statement), "decide")
        .record(&id)
        .body(format!("Statement, verbatim:\n\n{statement}"))
        .body(change::facts(&[
            ("Decided", Some(format!("by {by} on {date}"))),
            ("Compliance", args.compliance.then(|| "yes".to_string())),
            ("Rationale", decision_rationale(&record)),
            ("Evidence", decision_evidence(&record)),
            ("Links", change::links(&record)),
        ]));
    if let Some(s) = &supersedes {
        message = message
            .trailer(key::ID, s.as_str())
            .trailer(key::SUPERSEDES, s.as_str());
    }
    if args.compliance {
        message = message.trailer(key::COMPLIANCE, "yes");
    }
    txn.commit(writes, &message)?;
    if let Some(d) = draft {
        d.discard();
    }
    change::print_record(
        ctx,
        out,
        &record,
        &format!("{by} {label}: {}{tail}", change::quote(&statement)),
    )
}

fn decision_rationale(record: &Record) -> Option<String> {
    match record {
        Record::Decision(d) => d.rationale.clone(),
        _ => None,
    }
}

fn decision_evidence(record: &Record) -> Option<String> {
    match record {
        Record::Decision(d) if !d.evidence.is_empty() => Some(d.evidence.join(", ")),
        _ => None,
    }
}
