//! Settings resolved once from the raw arguments, and the services every command shares: finding
//! the ledger, reading dates and text, loading a snapshot, reporting data problems.

use std::cell::Cell;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::NaiveDate;

use super::Cli;
use crate::error::{Error, Result};
use crate::history::view::{self, Row};
use crate::model::{validate, People};
use crate::query::dates;
use crate::report::Format;
use crate::store::{self, FileProblem, Found, Ledger, Snapshot};

/// What every command is given.
#[derive(Debug)]
pub struct Ctx {
    /// The output format.
    pub format: Format,
    /// Today (`LEDGER_TODAY` or the local date).
    pub today: NaiveDate,
    /// The `--as-of` day, if given.
    pub as_of: Option<NaiveDate>,
    explicit: Option<PathBuf>,
    exit: Cell<u8>,
    /// The git folder of the ledger this command opened, for the tips log.
    opened: std::cell::RefCell<Option<PathBuf>>,
    /// The snapshots this command loaded, kept as long as the context (see [`Ctx::snapshot`]).
    loaded: std::cell::RefCell<Vec<Rc<Snapshot>>>,
}

impl Ctx {
    /// Resolves the global options.
    pub fn new(cli: &Cli) -> Result<Ctx> {
        let today = dates::today().map_err(|e| Error::user(e.to_string()))?;
        let as_of = match &cli.as_of {
            Some(s) => Some(
                dates::parse_past(s, today).map_err(|e| Error::user(format!("--as-of: {e}")))?,
            ),
            None => None,
        };
        Ok(Ctx {
            format: cli.format.into(),
            today,
            as_of,
            explicit: cli.ledger.clone(),
            exit: Cell::new(0),
            opened: Default::default(),
            loaded: Default::default(),
        })
    }

    /// The folder named by `-C`/`LEDGER_DIR`, if any.
    pub fn explicit_dir(&self) -> Option<&std::path::Path> {
        self.explicit.as_deref()
    }

    /// The day queries answer for: `--as-of`, else today.
    pub fn day(&self) -> NaiveDate {
        self.as_of.unwrap_or(self.today)
    }

    /// The exit code the command earned without failing (2 for data problems, 3 for overdue).
    pub fn exit_code(&self) -> u8 {
        self.exit.get()
    }

    /// Raises the exit code to at least `code` (data problems, 2, outrank overdue, 3).
    pub fn set_exit(&self, code: u8) {
        let cur = self.exit.get();
        let rank = |c: u8| match c {
            2 => 3,
            3 => 2,
            0 => 0,
            _ => 1,
        };
        if rank(code) > rank(cur) {
            self.exit.set(code);
        }
    }

    /// Parses a date given to `flag`.
    pub fn date(&self, flag: &str, value: &str) -> Result<NaiveDate> {
        dates::parse(value, self.today).map_err(|e| Error::user(format!("{flag}: {e}")))
    }

    /// `--date` of a recording command, default today. A day after today is refused: a record
    /// says what happened, and a future date would make it look made before it was.
    pub fn happened(&self, value: Option<&str>) -> Result<NaiveDate> {
        let Some(v) = value else {
            return Ok(self.today);
        };
        let day =
            dates::parse_past(v, self.today).map_err(|e| Error::user(format!("--date: {e}")))?;
        if day > self.today {
            return Err(Error::user(format!(
                "--date {v} is {day}, after today ({}): a record says what has happened",
                self.today
            ))
            .hint("give the day it happened (today, yesterday, -3d, an ISO date); when something is due goes in --due"));
        }
        Ok(day)
    }

    /// A due date given to `flag`. One already past is kept as given (a promise recorded late
    /// is still a promise), with a warning on stderr in case it is a typo.
    pub fn due(&self, flag: &str, value: &str) -> Result<NaiveDate> {
        let day = self.date(flag, value)?;
        if day < self.today {
            eprintln!(
                "ledger: warning: {flag} {value} is {day}, already past (today is {}); recorded as given",
                self.today
            );
        }
        Ok(day)
    }

    /// Checks free text given to `flag`: not empty, no control characters.
    pub fn text(&self, flag: &str, value: &str) -> Result<String> {
        let v = value.trim();
        if v.is_empty() {
            return Err(
                Error::user(format!("{flag} is empty")).hint(format!("give {flag} some text"))
            );
        }
        if let Some(p) = validate::text_problem(v) {
            return Err(Error::user(format!("{flag} {p}")));
        }
        Ok(v.to_string())
    }

    /// Optional free text.
    pub fn opt_text(&self, flag: &str, value: Option<&str>) -> Result<Option<String>> {
        value.map(|v| self.text(flag, v)).transpose()
    }

    /// Checks a person handle given to `flag`.
    pub fn handle(&self, flag: &str, value: &str) -> Result<String> {
        let v = value.trim();
        match validate::handle_problem(v) {
            Some(p) => Err(Error::user(format!("{flag}: {p}"))),
            None => Ok(v.to_string()),
        }
    }

    /// Checks evidence links given to `flag`: http, https or mailto addresses.
    pub fn links(&self, flag: &str, values: &[String]) -> Result<Vec<String>> {
        values
            .iter()
            .map(|v| {
                let v = v.trim();
                match validate::link_problem(v) {
                    Some(p) => Err(Error::user(format!("{flag}: {p}"))
                        .hint("give the link itself (https://…, mailto:…); put words in --note")),
                    None => Ok(v.to_string()),
                }
            })
            .collect()
    }

    /// Refuses `--as-of` on a command that records.
    pub fn no_as_of(&self) -> Result<()> {
        if self.as_of.is_some() {
            return Err(
                Error::user("--as-of answers queries; it cannot be used when recording")
                    .hint("use --date to say when something happened"),
            );
        }
        Ok(())
    }

    fn cwd() -> Result<PathBuf> {
        Ok(std::env::current_dir()?)
    }

    /// The ledger to read; a query with no ledger anywhere says so.
    pub fn open(&self) -> Result<Ledger> {
        match store::repo::locate(self.explicit.as_deref(), &Self::cwd()?)? {
            Found::Ledger(l) => Ok(self.opened(*l)),
            Found::Missing(default) => Err(Error::user(format!(
                "no ledger here, and none at the default location {}",
                default.display()
            ))
            .hint("start one with `ledger init` (here or in a folder you name), or point to one with -C DIR or LEDGER_DIR")),
        }
    }

    /// The ledger to record in; the default one is made on first use, with a notice.
    pub fn open_for_write(&self) -> Result<Ledger> {
        self.no_as_of()?;
        match store::repo::locate(self.explicit.as_deref(), &Self::cwd()?)? {
            Found::Ledger(l) => Ok(self.opened(*l)),
            Found::Missing(default) => {
                eprintln!(
                    "ledger: no ledger found; starting one at {}",
                    default.display()
                );
                Ledger::init_default(&default)
            }
        }
    }

    fn opened(&self, ledger: Ledger) -> Ledger {
        *self.opened.borrow_mut() = Some(ledger.repo.path().to_path_buf());
        ledger
    }

    /// Logs the tip of the branch of the ledger this command opened, after it ran (a recording
    /// command's own commit included), so `verify` can tell if that history is later rewritten.
    pub fn remember_tip(&self) {
        if let Some(git_dir) = self.opened.borrow().as_ref() {
            crate::history::tips::remember_at(git_dir);
        }
    }

    /// The ledger's records as of `--as-of` (or HEAD), with problems reported on stderr.
    ///
    /// The context keeps every snapshot it loaded until it is dropped, so the binary can end
    /// without tearing them down (`cli::main` does not drop the context): freeing 100,000
    /// records one allocation at a time would cost a fifth of a warm query, for memory the
    /// operating system takes back anyway.
    pub fn snapshot(&self, ledger: &Ledger) -> Result<Rc<Snapshot>> {
        Ok(self.keep(self.load_snapshot(ledger)?))
    }

    fn keep(&self, snap: Snapshot) -> Rc<Snapshot> {
        let snap = Rc::new(snap);
        self.loaded.borrow_mut().push(Rc::clone(&snap));
        snap
    }

    /// Like [`Ctx::snapshot`], for a query that looks only at the records `need` accepts (judged
    /// on their summaries) and at the records those refer to. The rest are not decoded, but
    /// their ids still resolve; problems are reported from every file, as always.
    pub fn snapshot_where(
        &self,
        ledger: &Ledger,
        need: impl Fn(&Row<'_>) -> bool,
    ) -> Result<Rc<Snapshot>> {
        let snap = self.select(ledger, &need)?;
        self.report_problems(&snap.problems);
        Ok(self.keep(snap))
    }

    /// Like [`Ctx::snapshot_where`], for a query that finds out what it needs from what it read
    /// (`show` following a decision's chain): `more` looks at each snapshot and names the ids it
    /// still lacks, and the records are read again with those added until it names none.
    /// Problems are reported once, from the last read.
    pub fn snapshot_closure(
        &self,
        ledger: &Ledger,
        need: impl Fn(&Row<'_>, &std::collections::HashSet<String>) -> bool,
        more: impl Fn(&Snapshot) -> Vec<String>,
    ) -> Result<Rc<Snapshot>> {
        let mut ids = std::collections::HashSet::new();
        let snap = loop {
            let snap = self.select(ledger, &|row: &Row<'_>| need(row, &ids))?;
            let missing: Vec<String> = more(&snap)
                .into_iter()
                .filter(|id| !ids.contains(id))
                .collect();
            // A chain that keeps growing past this is read whole rather than hop by hop.
            if missing.is_empty() || ids.len() > 4096 {
                break match missing.is_empty() {
                    true => snap,
                    false => self.load_snapshot_unreported(ledger)?,
                };
            }
            ids.extend(missing);
        };
        self.report_problems(&snap.problems);
        Ok(self.keep(snap))
    }

    /// The records `need` accepts at `--as-of` (or HEAD), problems not yet reported.
    fn select(&self, ledger: &Ledger, need: &dyn Fn(&Row<'_>) -> bool) -> Result<Snapshot> {
        let head = ledger.head()?.map(|c| c.id());
        let commit = match self.as_of {
            Some(day) => crate::history::clock::commit_as_of(ledger, day)?,
            None => head,
        };
        Ok(match commit {
            Some(c) => view::snapshot_where(ledger, c, Some(c) == head, need)?,
            None => Snapshot::default(),
        })
    }

    fn load_snapshot(&self, ledger: &Ledger) -> Result<Snapshot> {
        let snap = self.load_snapshot_unreported(ledger)?;
        self.report_problems(&snap.problems);
        Ok(snap)
    }

    fn load_snapshot_unreported(&self, ledger: &Ledger) -> Result<Snapshot> {
        let commit = match self.as_of {
            Some(day) => crate::history::clock::commit_as_of(ledger, day)?,
            None => ledger.head()?.map(|c| c.id()),
        };
        let snap = match commit {
            Some(c) => crate::history::load::snapshot(ledger, c)?,
            None => Snapshot::default(),
        };
        Ok(snap)
    }

    /// Names each problem on stderr and sets exit code 2.
    pub fn report_problems(&self, problems: &[FileProblem]) {
        if problems.is_empty() {
            return;
        }
        for p in problems {
            eprintln!(
                "ledger: {}",
                crate::report::text::safe(&p.to_string(), false)
            );
        }
        eprintln!(
            "ledger: {} problem(s) in the ledger's files; a file that does not parse is left out of this answer. Run `ledger check` for details.",
            problems.len()
        );
        self.set_exit(2);
    }

    /// The handle given to `flag`, or the current user's when none was given.
    pub fn person_or_me(
        &self,
        flag: &str,
        value: Option<&str>,
        ledger: &Ledger,
        people: &People,
    ) -> Result<String> {
        match value {
            Some(v) => self.handle(flag, v),
            None => self.me(ledger, people),
        }
    }

    /// The current user's handle, for defaulting `--by`/`--from`: the people file's handle for
    /// git's user.email, else for user.name, else user.name itself when it is a valid handle.
    pub fn me(&self, ledger: &Ledger, people: &People) -> Result<String> {
        crate::ops::me(ledger, people)
    }
}
