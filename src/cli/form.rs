//! The editor forms of `meeting`, `decide -e`, `ask -e` and `promise -e`: each built from the flags given,
//! checked field by field with the same rules as the flags, and turned back into the flags.

use crate::error::Result;
use crate::model::validate;
use crate::store::Ledger;

use super::template::{self, at, Field, Mark, Parsed, Shape, Template};
use super::{ask, decide, meeting, promise, Ctx};

const DATE_HELP: &str = "YYYY-MM-DD, today, yesterday, friday, -3d, ...";

fn required(p: &Parsed, key: &str) -> std::result::Result<(usize, String), Mark> {
    p.one(key)
        .ok_or_else(|| Mark::at(p.line_of(key), format!("{key} is empty; fill it in")))
}

fn opt(v: &Option<String>) -> Vec<String> {
    v.iter().cloned().collect()
}

/// Checks a date field and returns it as YYYY-MM-DD.
fn date(ctx: &Ctx, p: &Parsed, key: &str) -> std::result::Result<Option<String>, Mark> {
    // The Date of a record is when it happened: a weekday there is the last one, as for --date.
    let parse = |v: &str| match key {
        "Date" => ctx.past_date(key, v),
        _ => ctx.date(key, v),
    };
    match p.one(key) {
        Some((l, v)) => Ok(Some(parse(&v).map_err(at(l))?.to_string())),
        None => Ok(None),
    }
}

fn handle(ctx: &Ctx, p: &Parsed, key: &str) -> std::result::Result<Option<String>, Mark> {
    p.one(key)
        .map(|(l, v)| ctx.handle(key, &v).map_err(at(l)))
        .transpose()
}

fn free_text(p: &Parsed, key: &str) -> std::result::Result<Option<String>, Mark> {
    match p.one(key) {
        Some((l, v)) => match validate::text_problem(&v) {
            Some(problem) => Err(Mark::at(l, format!("{key} {problem}"))),
            None => Ok(Some(v)),
        },
        None => Ok(None),
    }
}

/// The Date field: when it happened, today unless `--date` said otherwise.
fn date_field(ctx: &Ctx, when: &super::change::When) -> Result<Field> {
    Ok(Field::new(
        "Date",
        Shape::Line,
        DATE_HELP,
        vec![ctx.happened(when.date.as_deref())?.to_string()],
    ))
}

/// The Where and Meeting fields of a new ask, promise or decision (`--where`, `--meeting`).
fn made_fields(made: &super::change::Made, place_help: &'static str) -> [Field; 2] {
    [
        Field::new("Where", Shape::Line, place_help, opt(&made.place)),
        Field::new(
            "Meeting",
            Shape::Line,
            "the meeting's id (optional)",
            opt(&made.meeting),
        ),
    ]
}

/// Reads the Where and Meeting fields back into the flags.
fn read_made(p: &Parsed, made: &mut super::change::Made) -> std::result::Result<(), Mark> {
    made.place = free_text(p, "Where")?;
    made.meeting = p.one("Meeting").map(|(_, v)| v);
    Ok(())
}

/// Fills in a meeting's form; returns the arguments as if they had all been given as flags.
pub fn meeting(
    ctx: &Ctx,
    ledger: &Ledger,
    mut args: meeting::Args,
) -> Result<(meeting::Args, template::Draft)> {
    let mut decisions = args.decisions.clone();
    decisions.extend(args.compliance.iter().map(|c| format!("compliance: {c}")));
    let t = Template {
        intro: "Record a meeting: fill in the form, save and quit.\nEach action becomes a commitment owed to the chair; each decision is kept word for word.",
        fields: vec![
            Field::new("Title", Shape::Line, "", opt(&args.title)),
            date_field(ctx, &args.when)?,
            Field::new("Attendees", Shape::Line, "comma-separated handles", vec![args.attendees.join(", ")]),
            Field::new("Where", Shape::Line, "a room or a call link (optional)", opt(&args.place)),
            Field::new("Chair", Shape::Line, "who chaired: the decisions are theirs, the actions owed to them (default: you)", opt(&args.chair)),
            Field::new("Notes", Shape::Block, "Free text (Markdown) up to \"Decisions:\".", vec![]),
            Field::new("Decisions", Shape::List, "One a line, word for word; start with \"compliance:\" for a compliance decision, then \"HANDLE: \" when someone other than the chair made it.", decisions),
            Field::new("Actions", Shape::List, "One a line: OWNER: WHAT due:DATE [to:HANDLE]", args.actions.clone()),
        ],
    };
    let ((), draft) = template::fill(&ledger.state_dir(), "meeting", &t, |p| {
        let (l, title) = required(p, "Title")?;
        args.title = Some(ctx.text("Title", &title).map_err(at(l))?);
        args.when.date = date(ctx, p, "Date")?;
        let (l, people) = required(p, "Attendees")?;
        args.attendees = people
            .split(',')
            .filter(|a| !a.trim().is_empty())
            .map(|a| ctx.handle("Attendees", a).map_err(at(l)))
            .collect::<std::result::Result<_, _>>()?;
        args.place = free_text(p, "Where")?;
        args.chair = handle(ctx, p, "Chair")?;
        args.notes = Some(free_text(p, "Notes")?.unwrap_or_default());
        args.decisions.clear();
        args.compliance.clear();
        for (l, d) in p.list("Decisions") {
            match d.strip_prefix("compliance:") {
                Some(c) => args
                    .compliance
                    .push(ctx.text("a decision", c).map_err(at(l))?),
                None => args
                    .decisions
                    .push(ctx.text("a decision", &d).map_err(at(l))?),
            }
        }
        args.actions.clear();
        for (l, a) in p.list("Actions") {
            meeting::parse_action(ctx, &a).map_err(at(l))?;
            args.actions.push(a);
        }
        Ok(())
    })?;
    Ok((args, draft))
}

/// Fills in a decision's form.
pub fn decide(
    ctx: &Ctx,
    ledger: &Ledger,
    mut args: decide::Args,
) -> Result<(decide::Args, template::Draft)> {
    let [place, meeting] = made_fields(&args.made, "a channel or a document (optional)");
    let t = Template {
        intro: "Record a decision: fill in the form, save and quit.\nThe statement is kept word for word and can never be reworded.",
        fields: vec![
            Field::new("Statement", Shape::Block, "The decision, word for word, up to \"Rationale:\".", opt(&args.statement)),
            Field::new("By", Shape::Line, "who decided (default: you)", opt(&args.by)),
            date_field(ctx, &args.when)?,
            Field::new("Compliance", Shape::Line, "yes or no", vec![if args.compliance { "yes" } else { "no" }.into()]),
            place,
            meeting,
            Field::new("Supersedes", Shape::Line, "the id of the decision this replaces (optional)", opt(&args.supersedes)),
            Field::new("Rationale", Shape::Block, "Why (optional).", opt(&args.rationale)),
            Field::new("Evidence", Shape::List, "Links, one a line (optional).", args.evidence.clone()),
        ],
    };
    let ((), draft) = template::fill(&ledger.state_dir(), "decide", &t, |p| {
        let (l, s) = required(p, "Statement")?;
        ctx.text("Statement", &s).map_err(at(l))?;
        args.statement = Some(s);
        args.by = handle(ctx, p, "By")?;
        args.when.date = date(ctx, p, "Date")?;
        args.compliance = match p.one("Compliance") {
            None => false,
            Some((l, v)) => match v.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" => true,
                "no" | "n" | "false" => false,
                _ => return Err(Mark::at(l, format!("Compliance is '{v}'; write yes or no"))),
            },
        };
        read_made(p, &mut args.made)?;
        args.supersedes = p.one("Supersedes").map(|(_, v)| v);
        args.rationale = free_text(p, "Rationale")?;
        args.evidence = p.list("Evidence").into_iter().map(|(_, v)| v).collect();
        Ok(())
    })?;
    Ok((args, draft))
}

/// Fills in an ask's form.
pub fn ask(
    ctx: &Ctx,
    ledger: &Ledger,
    mut args: ask::Args,
) -> Result<(ask::Args, template::Draft)> {
    let [place, meeting] = made_fields(&args.made, "a channel or a link (optional)");
    let t = Template {
        intro: "Record an ask: fill in the form, save and quit.",
        fields: vec![
            Field::new("What", Shape::Line, "what is asked for", opt(&args.what)),
            Field::new(
                "From",
                Shape::Line,
                "who asks (default: you)",
                opt(&args.from),
            ),
            Field::new("To", Shape::Line, "whom it is asked of", opt(&args.to)),
            Field::new("Due", Shape::Line, "needed by (optional)", opt(&args.due)),
            date_field(ctx, &args.when)?,
            place,
            meeting,
            Field::new(
                "Why",
                Shape::Block,
                "Why it matters (optional).",
                opt(&args.why),
            ),
        ],
    };
    let ((), draft) = template::fill(&ledger.state_dir(), "ask", &t, |p| {
        let (l, w) = required(p, "What")?;
        args.what = Some(ctx.text("What", &w).map_err(at(l))?);
        args.from = handle(ctx, p, "From")?;
        let (l, to) = required(p, "To")?;
        args.to = Some(ctx.handle("To", &to).map_err(at(l))?);
        args.due = date(ctx, p, "Due")?;
        args.when.date = date(ctx, p, "Date")?;
        read_made(p, &mut args.made)?;
        args.why = free_text(p, "Why")?;
        Ok(())
    })?;
    Ok((args, draft))
}

/// Fills in a promise's form.
pub fn promise(
    ctx: &Ctx,
    ledger: &Ledger,
    mut args: promise::Args,
) -> Result<(promise::Args, template::Draft)> {
    let [place, meeting] = made_fields(&args.made, "a channel or a link (optional)");
    let t = Template {
        intro: "Record a promise: fill in the form, save and quit.",
        fields: vec![
            Field::new("What", Shape::Line, "what is promised", opt(&args.what)),
            Field::new(
                "By",
                Shape::Line,
                "who promises (default: you)",
                opt(&args.by),
            ),
            Field::new("To", Shape::Line, "to whom", opt(&args.to)),
            Field::new("Due", Shape::Line, "by when", opt(&args.due)),
            Field::new(
                "Every",
                Shape::Line,
                "repeat: week, 2w, month or weekday (optional)",
                args.every.iter().map(|e| e.to_string()).collect(),
            ),
            date_field(ctx, &args.when)?,
            place,
            meeting,
            Field::new(
                "Ask",
                Shape::Line,
                "the ask it answers (optional)",
                opt(&args.ask),
            ),
        ],
    };
    let ((), draft) = template::fill(&ledger.state_dir(), "promise", &t, |p| {
        let (l, w) = required(p, "What")?;
        args.what = Some(ctx.text("What", &w).map_err(at(l))?);
        args.by = handle(ctx, p, "By")?;
        let (l, to) = required(p, "To")?;
        args.to = Some(ctx.handle("To", &to).map_err(at(l))?);
        required(p, "Due")?;
        args.due = date(ctx, p, "Due")?;
        args.every = p
            .one("Every")
            .map(|(l, v)| crate::model::recur::Every::parse(&v).map_err(|e| Mark::at(l, e)))
            .transpose()?;
        args.when.date = date(ctx, p, "Date")?;
        read_made(p, &mut args.made)?;
        args.ask = p.one("Ask").map(|(_, v)| v);
        Ok(())
    })?;
    Ok((args, draft))
}
