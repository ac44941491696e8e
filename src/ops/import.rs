//! `import`: many asks or commitments from another tool in one commit, each keeping the other
//! tool's key in `source` so importing the same export again adds nothing.
//!
//! Reading the other tool's rows is the front end's business (the command line reads a
//! tracker's CSV export); an [`Import`] holds the write lock while it does, hands out ids and
//! says which keys are already in the ledger, then commits the records it was given.

use std::collections::HashSet;

use crate::error::Result;
use crate::model::{Kind, People, Record, RecordId};
use crate::store::message::{key, subject};
use crate::store::{codec, layout, CommitId, Ledger, Message, Txn};

/// An import in progress: the write lock, the people file, and the keys already imported.
pub struct Import<'a> {
    ledger: &'a Ledger,
    txn: Txn<'a>,
    kind: Kind,
    people: People,
    seen: HashSet<String>,
}

impl<'a> Import<'a> {
    /// Takes the write lock and lists the `source` keys of every ask and commitment.
    pub fn begin(ledger: &'a Ledger, kind: Kind) -> Result<Import<'a>> {
        let mut txn = super::begin(ledger)?;
        let people = txn.people()?;
        let seen = match txn.parent() {
            Some(c) => crate::history::load::snapshot(ledger, c.id())?
                .entries
                .iter()
                .filter_map(|e| match &e.record {
                    Record::Ask(a) => a.source.clone(),
                    Record::Commitment(c) => c.source.clone(),
                    _ => None,
                })
                .collect(),
            None => HashSet::new(),
        };
        Ok(Import {
            ledger,
            txn,
            kind,
            people,
            seen,
        })
    }

    /// The people file, to check the handles of the rows against.
    pub fn people(&self) -> &People {
        &self.people
    }

    /// True when the people a row names must be in the people file: it lists someone and
    /// `strict_people` is not turned off in `ledger.yaml`. Otherwise a tracker's name is made
    /// into a handle as it is.
    pub fn strict_people(&mut self) -> Result<bool> {
        Ok(!self.people.people.is_empty() && self.txn.config()?.strict_people)
    }

    /// True the first time `key` is offered and it is not in the ledger; false for a row that
    /// is already imported (or repeated in the same import).
    pub fn is_new(&mut self, key: &str) -> bool {
        self.seen.insert(key.to_string())
    }

    /// A fresh id for the next row.
    pub fn new_id(&mut self) -> Result<RecordId> {
        self.txn.new_id(self.kind)
    }

    /// Commits `records` (made with ids from [`Import::new_id`]) in one commit; `file` is the
    /// name of what they came from and `summary` what the import found, for the message.
    /// `people`, when given, is the people file with the people the rows name added, written
    /// in the same commit so no record names someone the file does not know.
    pub fn commit(
        self,
        records: &[Record],
        people: Option<&People>,
        file: &str,
        summary: &str,
    ) -> Result<CommitId> {
        let mut writes = records
            .iter()
            .map(super::create)
            .collect::<Result<Vec<_>>>()?;
        let added: Vec<&String> = people
            .map(|p| {
                p.people
                    .keys()
                    .filter(|h| !self.people.people.contains_key(*h))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(p) = people.filter(|_| !added.is_empty()) {
            writes.push((layout::PEOPLE_FILE.to_string(), codec::render_people(p)));
        }
        let who = super::me(self.ledger, &self.people).unwrap_or_else(|_| "someone".to_string());
        let noun = if self.kind == Kind::Ask {
            "ask"
        } else {
            "commitment"
        };
        let count = format!(
            "{} {noun}{}",
            records.len(),
            if records.len() == 1 { "" } else { "s" }
        );
        let mut message = Message::new(subject(&who, "imports", &count, file), "import")
            .body(summary.to_string());
        if !added.is_empty() {
            let names: Vec<&str> = added.iter().map(|h| h.as_str()).collect();
            message = message.body(format!("Adds to the people file: {}", names.join(", ")));
        }
        message = message
            .body(list(records))
            .trailer(key::KIND, self.kind.as_str());
        for r in records {
            message = message.trailer(key::ID, r.id().as_str());
        }
        for h in &added {
            message = message.trailer(key::PERSON, h.as_str());
        }
        self.txn.commit(writes, &message)
    }
}

/// The records an import made, one `ID what` line each, up to a hundred (every id is also in an
/// id trailer, and every text is in its file).
fn list(new: &[Record]) -> String {
    const SHOWN: usize = 100;
    let mut lines: Vec<String> = new
        .iter()
        .take(SHOWN)
        .map(|r| format!("{} {}", r.id(), r.headline()))
        .collect();
    if new.len() > SHOWN {
        lines.push(format!("… and {} more", new.len() - SHOWN));
    }
    lines.join("\n")
}
