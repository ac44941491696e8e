//! Recurring commitments in the write path. A series moves on in two ways, both decided only by
//! what the ledger holds: closing an occurrence adds the next one in the same commit
//! ([`following`]), and the first change on any clone after an occurrence's due date has passed
//! adds the occurrences missed since, up to the first one due today or later, in a commit of
//! their own before the change ([`catch_up`]); a change on the day of the last look that follows
//! it by commits leaving every series alone skips the look (`history::recur_check`). Each added
//! occurrence is made from the series alone (see `model::recur`), so clones that catch up apart write the same files.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::history::{recur_check, view};
use crate::model::recur::{self, scheduled};
use crate::model::{Commitment, Facts, Kind, Record, RecordId, Status};
use crate::store::message::subject;
use crate::store::{Ledger, Message, Txn};

/// Today, for deciding which due dates have passed.
pub fn today() -> Result<NaiveDate> {
    crate::query::dates::today().map_err(|e| Error::env(e.to_string()))
}

/// The series' day of the month: its first occurrence's scheduled day.
fn series_day(txn: &mut Txn<'_>, c: &Commitment) -> u32 {
    match &c.series {
        Some(s) if s != &c.id => match txn.read(s).map(|e| e.record) {
            Ok(Record::Commitment(first)) => scheduled(&first).day(),
            _ => scheduled(c).day(),
        },
        _ => scheduled(c).day(),
    }
}

/// The occurrences that follow `c` and are missing: while the latest one is closed or its
/// scheduled date is before `today`, the next one (an occurrence already in the ledger, or in
/// `made`, is passed over, not made twice). Stops at an occurrence that ends the series.
pub fn following(
    txn: &mut Txn<'_>,
    c: &Commitment,
    today: NaiveDate,
    made: &mut HashMap<RecordId, Commitment>,
) -> Result<Vec<Commitment>> {
    let mut out = Vec::new();
    if c.series.is_none() || c.every.is_none() {
        return Ok(out);
    }
    let day = series_day(txn, c);
    if ended_before(txn, c, day)? {
        return Ok(out);
    }
    let mut cur = c.clone();
    while !recur::ends_series(&cur) && (cur.status != Status::Open || scheduled(&cur) < today) {
        let Some(next) = recur::following(&cur, day) else {
            break;
        };
        cur = if let Some(m) = made.get(&next.id) {
            m.clone()
        } else if txn.exists(&next.id)? {
            match txn.read(&next.id)?.record {
                Record::Commitment(existing) => existing,
                _ => break,
            }
        } else {
            made.insert(next.id.clone(), next.clone());
            out.push(next.clone());
            next
        };
    }
    Ok(out)
}

/// True when an occurrence before `c` ended the series. A clone that had not yet heard of the
/// end (`cancel --series` on another clone) may have made `c` meanwhile; once both sync, `c`
/// stays (it was shared) but nothing follows it. Walks the series from its first occurrence,
/// whose id is the series', through the ids each next occurrence must have.
fn ended_before(txn: &mut Txn<'_>, c: &Commitment, day: u32) -> Result<bool> {
    let Some(series) = c.series.clone() else {
        return Ok(false);
    };
    if series == c.id || !txn.exists(&series)? {
        return Ok(false);
    }
    let Record::Commitment(mut cur) = txn.read(&series)?.record else {
        return Ok(false);
    };
    let until = scheduled(c);
    while cur.id != c.id && scheduled(&cur) < until {
        if recur::ends_series(&cur) {
            return Ok(true);
        }
        let Some(next) = recur::following(&cur, day) else {
            return Ok(false);
        };
        if !txn.exists(&next.id)? {
            return Ok(false);
        }
        cur = match txn.read(&next.id)?.record {
            Record::Commitment(n) => n,
            _ => return Ok(false),
        };
    }
    Ok(false)
}

/// The file writes and commit trailers for occurrences made by a change.
pub fn writes(made: &[Commitment]) -> Result<Vec<(String, String)>> {
    made.iter()
        .map(|c| super::create(&Record::Commitment(c.clone())))
        .collect()
}

/// Catches up on its own, for a command that otherwise writes through the store (`sync`): run
/// before it, the occurrences made here travel with what it pushes.
pub fn catch_up_now(ledger: &Ledger) -> Result<()> {
    let _txn = super::begin(ledger)?;
    Ok(())
}

/// Adds, in a commit of its own, every occurrence missed since an open occurrence's due date
/// passed. Does nothing (and reads little: the query view's rows) when none has.
pub fn catch_up(ledger: &Ledger, txn: &mut Txn<'_>) -> Result<()> {
    let Some(head) = txn.parent().map(|c| c.id()) else {
        return Ok(());
    };
    let today = today()?;
    if recur_check::still_checked(ledger, head, today) {
        // Move the stamp up, so the next change follows one commit, not all since the look.
        recur_check::mark(ledger, head, today);
        return Ok(());
    }
    let snap = view::snapshot_where(ledger, head, true, &|row| {
        row.kind() == Kind::Commitment
            && row.status() == Status::Open
            && row.due().is_some_and(|d| d < today)
    })?;
    let mut due: Vec<Commitment> = snap
        .entries
        .iter()
        .filter_map(|e| match &e.record {
            Record::Commitment(c) if c.series.is_some() && c.status == Status::Open => {
                Some(c.clone())
            }
            _ => None,
        })
        .filter(|c| scheduled(c) < today)
        .collect();
    if due.is_empty() {
        recur_check::mark(ledger, head, today);
        return Ok(());
    }
    due.sort_by(|a, b| (scheduled(a), &a.id).cmp(&(scheduled(b), &b.id)));
    let mut made = HashMap::new();
    let mut new = Vec::new();
    for c in &due {
        new.extend(following(txn, c, today, &mut made)?);
    }
    if new.is_empty() {
        recur_check::mark(ledger, head, today);
        return Ok(());
    }
    let first = &new[0];
    let what = if new.len() == 1 {
        first.what.clone()
    } else {
        format!("{} occurrences", new.len())
    };
    let mut message = Message::new(
        subject("ledger", "repeats", first.id.as_str(), &what),
        "recur",
    )
    .body(format!(
        "The due date of an earlier occurrence passed, so the series moved on as of {today}."
    ));
    for c in &new {
        message = message.body(super::facts(&[
            (
                "Occurrence",
                Some(format!("{} due {}: {}", c.id, c.due, c.what)),
            ),
            (
                "Series",
                c.series
                    .as_ref()
                    .map(|s| format!("{s}, every {}", c.every.map(|e| e.as_str()).unwrap_or(""))),
            ),
        ]));
    }
    for c in &new {
        message = message.record(&c.id);
    }
    let made = txn.commit_first(writes(&new)?, &message)?;
    recur_check::mark(ledger, made, today);
    Ok(())
}
