//! The command line: clap definitions, one module per command, and the run loop that maps
//! outcomes to exit codes.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use format::FormatArg;

mod change;
pub mod context;
pub mod format;

mod accept;
mod answer;
mod ask;
mod background;
mod block;
mod check;
mod close;
mod completions;
mod decide;
mod decisions;
mod demo;
mod done;
mod edit;
mod escalate;
mod export;
mod form;
mod history;
mod hooks;
mod import;
mod init;
mod list;
mod log;
mod man;
mod meeting;
mod minutes;
mod note;
mod overdue;
mod people;
mod promise;
mod receipt;
mod remind;
mod report;
mod reschedule;
mod send;
mod show;
mod site;
mod sync;
mod template;
mod tracker;
mod tracker_people;
mod undo;
mod verify;
mod who;

pub use context::Ctx;

/// Asks, commitments, meetings and decisions as YAML files in git: who promised what, to whom
/// and when.
#[derive(Debug, Parser)]
#[command(
    name = "ledger",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 success; 1 bad arguments, unknown id or refused change; \
2 the ledger's data is invalid; 3 `overdue --exit-code` found something overdue; 4 the repository \
or environment stopped the command (lock timeout, git failure)."
)]
pub struct Cli {
    /// The ledger's folder (default: the enclosing ledger, else ~/.local/share/ledger).
    #[arg(
        short = 'C',
        long = "ledger",
        global = true,
        env = "LEDGER_DIR",
        value_name = "DIR"
    )]
    pub ledger: Option<PathBuf>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Answer from the ledger as recorded by the end of DATE (queries only).
    #[arg(
        long = "as-of",
        global = true,
        value_name = "DATE",
        allow_hyphen_values = true
    )]
    pub as_of: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a ledger (a new git repository, or a folder in an existing one).
    Init(init::Args),
    /// Record an ask: someone asked someone for something.
    Ask(ask::Args),
    /// Record a commitment: someone promised someone something by a date.
    Promise(promise::Args),
    /// Accept an ask: it becomes a commitment, linked both ways.
    Accept(accept::Args),
    /// Answer an ask in writing: a decision word for word (or --info TEXT), linked both ways.
    Answer(answer::Args),
    /// Decline an ask, with a reason.
    Decline(close::DeclineArgs),
    /// Withdraw an ask you made.
    Withdraw(close::WithdrawArgs),
    /// Record a meeting, with its decisions and action items, in one commit.
    Meeting(meeting::Args),
    /// Record a decision, word for word.
    Decide(decide::Args),
    /// The minutes of a meeting to send to everyone there (--eml writes an email draft).
    Minutes(minutes::Args),
    /// A confirmation in writing of an ask, a commitment or a decision, for the other party.
    Receipt(receipt::Args),
    /// Revoke a decision, with a reason.
    Revoke(close::RevokeArgs),
    /// Mark a commitment done.
    Done(done::Args),
    /// Cancel a commitment, with a reason.
    Cancel(close::CancelArgs),
    /// Move a commitment's due date, with a reason.
    Reschedule(reschedule::Args),
    /// Mark a commitment as waiting on another record or on something outside.
    Block(block::Args),
    /// Clear a commitment's blocker.
    Unblock(block::UnblockArgs),
    /// Add a progress note to an ask or commitment.
    Note(note::Args),
    /// Take back the last change you made with ledger, if nothing builds on it yet.
    Undo(undo::Args),
    /// Edit a record in $VISUAL/$EDITOR; the result is validated before it is committed.
    Edit(edit::Args),
    /// Manage the people file: handles, names, teams, whom they report to.
    #[command(subcommand)]
    People(people::Command),
    /// Show one record in full, its links, and who recorded it when.
    Show(show::Args),
    /// List records (by default those still in play).
    List(list::Args),
    /// What is past due: open commitments and unanswered asks, most overdue first.
    Overdue(overdue::Args),
    /// What each person owes that is overdue or due in the next days (exit 3 when overdue).
    Remind(remind::Args),
    /// Every change to one record from the git history, oldest first.
    History(history::Args),
    /// The audit trail: one line per change to the ledger, newest first.
    Log(log::Args),
    /// One person: what they promised and how it went, what was promised to them, their asks
    /// and decisions, and their on-time rate.
    Who(who::Args),
    /// Validate every file of the ledger, hand edits included.
    Check(check::Args),
    /// Write the ledger as a static web site: summary, decisions, people, teams, records.
    Site(site::Args),
    /// Share the ledger through a git remote: fetch, merge record by record, push.
    Sync(sync::Args),
    /// Audit the ledger: records valid, commits and trailers consistent, history not rewritten.
    Verify(verify::Args),
    /// The periodic report for stakeholders: decided, promised, kept, slipped, overdue, next.
    Report(report::Args),
    /// The escalation memo for an overdue or at-risk commitment or ask, with its receipts.
    Escalate(escalate::Args),
    /// The decision register: every statement word for word, with its supersession chain.
    Decisions(decisions::Args),
    /// Build an example ledger from the bundled story and show what is open.
    Demo(demo::Args),
    /// Print a shell completion script (bash, zsh, fish), ids and handles included.
    Completions(completions::Args),
    /// Print the man page, or write one page per command with --out DIR.
    Man(man::Args),
    /// Import asks or commitments from a tracker's CSV export, in one commit.
    Import(import::Args),
    /// Export open commitments and asks with due dates (--ics: an iCalendar file).
    Export(export::Args),
    /// Git hooks that validate hand edits (`hooks install`: a pre-commit hook).
    #[command(subcommand)]
    Hooks(hooks::Command),
    /// Candidates for shell completion: record ids or people handles, one a line.
    #[command(name = "__complete", hide = true)]
    Complete(completions::CandidatesArgs),
    /// Build the history index (started detached after a query walked for want of one).
    #[command(name = "__index", hide = true)]
    Index(background::Args),
}

/// Runs the parsed command, writing its answer to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<Ctx> {
    let ctx = Ctx::new(&cli)?;
    refuse_page_formats(&cli.command, ctx.format)?;
    match cli.command {
        Command::Init(a) => init::run(&ctx, a, out)?,
        Command::Ask(a) => ask::run(&ctx, a, out)?,
        Command::Promise(a) => promise::run(&ctx, a, out)?,
        Command::Accept(a) => accept::run(&ctx, a, out)?,
        Command::Answer(a) => answer::run(&ctx, a, out)?,
        Command::Decline(a) => close::decline(&ctx, a, out)?,
        Command::Withdraw(a) => close::withdraw(&ctx, a, out)?,
        Command::Meeting(a) => meeting::run(&ctx, a, out)?,
        Command::Decide(a) => decide::run(&ctx, a, out)?,
        Command::Minutes(a) => minutes::run(&ctx, a, out)?,
        Command::Receipt(a) => receipt::run(&ctx, a, out)?,
        Command::Revoke(a) => close::revoke(&ctx, a, out)?,
        Command::Done(a) => done::run(&ctx, a, out)?,
        Command::Cancel(a) => close::cancel(&ctx, a, out)?,
        Command::Reschedule(a) => reschedule::run(&ctx, a, out)?,
        Command::Block(a) => block::run(&ctx, a, out)?,
        Command::Unblock(a) => block::run_unblock(&ctx, a, out)?,
        Command::Note(a) => note::run(&ctx, a, out)?,
        Command::Undo(a) => undo::run(&ctx, a, out)?,
        Command::Remind(a) => remind::run(&ctx, a, out)?,
        Command::Edit(a) => edit::run(&ctx, a, out)?,
        Command::People(c) => people::run(&ctx, c, out)?,
        Command::Show(a) => show::run(&ctx, a, out)?,
        Command::List(a) => list::run(&ctx, a, out)?,
        Command::Overdue(a) => overdue::run(&ctx, a, out)?,
        Command::History(a) => history::run(&ctx, a, out)?,
        Command::Log(a) => log::run(&ctx, a, out)?,
        Command::Who(a) => who::run(&ctx, a, out)?,
        Command::Check(a) => check::run(&ctx, a, out)?,
        Command::Report(a) => report::run(&ctx, a, out)?,
        Command::Site(a) => site::run(&ctx, a, out)?,
        Command::Escalate(a) => escalate::run(&ctx, a, out)?,
        Command::Decisions(a) => decisions::run(&ctx, a, out)?,
        Command::Demo(a) => demo::run(&ctx, a, out)?,
        Command::Sync(a) => sync::run(&ctx, a, out)?,
        Command::Verify(a) => verify::run(&ctx, a, out)?,
        Command::Completions(a) => completions::run(&ctx, a, out)?,
        Command::Man(a) => man::run(&ctx, a, out)?,
        Command::Import(a) => import::run(&ctx, a, out)?,
        Command::Export(a) => export::run(&ctx, a, out)?,
        Command::Hooks(c) => hooks::run(&ctx, c, out)?,
        Command::Complete(a) => completions::run_candidates(&ctx, a, out)?,
        Command::Index(a) => background::run(&ctx, a, out)?,
    }
    ctx.remember_tip();
    Ok(ctx)
}

/// `--format text` and `--format html` exist only where a page or an email body makes sense;
/// elsewhere they are refused up front rather than silently printing a table.
fn refuse_page_formats(cmd: &Command, format: crate::report::Format) -> crate::Result<()> {
    use crate::report::Format;
    let sendable = matches!(cmd, Command::Minutes(_) | Command::Receipt(_));
    let html = sendable
        || matches!(
            cmd,
            Command::Report(_)
                | Command::Overdue(_)
                | Command::Who(_)
                | Command::Decisions(_)
                | Command::Escalate(_)
                | Command::History(_)
        );
    // Markdown and CSV are refused where a command would otherwise print its terminal form
    // under the other name: its tables and lists have no Markdown or CSV rendering.
    let no_md = matches!(
        cmd,
        Command::Who(_) | Command::History(_) | Command::Import(_) | Command::Demo(_)
    );
    let no_csv = sendable
        || matches!(
            cmd,
            Command::Show(_)
                | Command::Check(_)
                | Command::Verify(_)
                | Command::Import(_)
                | Command::Demo(_)
        );
    let (name, ok) = match format {
        Format::Text => ("text", sendable || matches!(cmd, Command::Report(_))),
        Format::Html => ("html", html),
        Format::Md if no_md => ("md", false),
        Format::Csv if no_csv => ("csv", false),
        _ => return Ok(()),
    };
    if ok {
        return Ok(());
    }
    Err(
        crate::Error::user(format!("--format {name} is not available for this command")).hint(
            match name {
                "text" => "only `report`, `minutes` and `receipt` have a plain-text form; use --format table, json or md",
                "md" => "use --format table, json or html (who and history have an HTML page)",
                "csv" => "use --format json for scripts, or table",
                _ => "html pages come from report, overdue, who, decisions, escalate, history, minutes and receipt",
            },
        ),
    )
}

/// The whole program: parse, run, print errors, and return the exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 1,
            };
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out);
    let flushed = out.flush();
    match result {
        Ok(ctx) => {
            if let Err(e) = flushed {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    eprintln!("error: cannot write the answer: {e}");
                    return 4;
                }
            }
            let code = ctx.exit_code();
            // The answer is out; a query that walked one record's path for want of a history
            // index has one built in the background, so the next query need not walk.
            if let Some(root) = crate::history::walk::walked() {
                background::spawn_index_build(&root);
            }
            // The process ends now: the snapshots the context keeps are left to the operating
            // system rather than freed one allocation at a time.
            std::mem::forget(ctx);
            code
        }
        Err(e) => report_error(&e),
    }
}

/// Prints an error and its hint to stderr and returns its exit code; a closed pipe is quiet.
fn report_error(e: &anyhow::Error) -> u8 {
    for cause in e.chain() {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return 0;
            }
        }
    }
    if let Some(le) = e.downcast_ref::<crate::Error>() {
        if le.is_broken_pipe() {
            return 0;
        }
        eprintln!("error: {}", crate::report::text::safe(&le.message, true));
        if let Some(h) = &le.hint {
            eprintln!("hint: {}", crate::report::text::safe(h, true));
        }
        return le.fault.exit_code() as u8;
    }
    if let Some(de) = e.downcast_ref::<crate::query::dates::DateError>() {
        eprintln!(
            "error: {}",
            crate::report::text::safe(&de.to_string(), true)
        );
        return 1;
    }
    eprintln!(
        "error: {}",
        crate::report::text::safe(&format!("{e:#}"), true)
    );
    1
}
