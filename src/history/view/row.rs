//! One record's row in the query view: the fields filters look at, read in place from the
//! mapped file without allocating, and the bytes that write a row.
//!
//! On disk a row is `u32 length` of the rest, then kind, status and `always` bytes, date and due
//! (days from the common era, `i32::MIN` for none), the offset and length of the record's
//! binary form, and the variable part: path, blob id, id, owner, counterpart, meeting (strings
//! with a `u32` length, empty for none) and the attendee, tag and reference lists (a `u32` count,
//! then strings). The rows region carries a checksum, checked when the view is opened; a
//! field's text is only turned into a string when a filter asks for it.

use chrono::{Datelike, NaiveDate};
use git2::Oid;

use crate::model::{Facts, Kind, Record, Status};

const NO_DATE: i32 = i32::MIN;
/// Kind, status and `always` bytes, date, due, record offset and length.
const FIXED: usize = 3 + 4 + 4 + 4 + 4;

/// A record's row, borrowed from the view file.
pub struct Row<'a> {
    kind: Kind,
    status: Status,
    pub(super) always: bool,
    date: i32,
    due: i32,
    pub(super) rec: &'a [u8],
    var: &'a [u8],
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A cursor over the variable part; every read is bounds-checked.
struct Cur<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cur<'a> {
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = le32(self.b, self.at)? as usize;
        let s = self.b.get(self.at + 4..self.at + 4 + n)?;
        self.at += 4 + n;
        Some(s)
    }
    fn skip(&mut self, n: usize) -> Option<()> {
        (self.at + n <= self.b.len()).then(|| self.at += n)
    }
    fn list(&mut self) -> Option<usize> {
        let n = le32(self.b, self.at)? as usize;
        self.at += 4;
        (n <= self.b.len()).then_some(n)
    }
}

fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or("")
}

impl<'a> Row<'a> {
    /// Reads the row at `at` in `rows`; its record bytes are in `recs`. Returns the row and
    /// where the next one starts, or `None` when the bytes are not a well-formed row.
    pub(super) fn read(rows: &'a [u8], at: usize, recs: &'a [u8]) -> Option<(Row<'a>, usize)> {
        let len = le32(rows, at)? as usize;
        let body = rows.get(at + 4..at + 4 + len)?;
        if len < FIXED {
            return None;
        }
        let kind = Kind::from_code(body[0])?;
        let status = Status::from_code(body[1])?;
        let date = i32::from_le_bytes(body[3..7].try_into().ok()?);
        let due = i32::from_le_bytes(body[7..11].try_into().ok()?);
        let off = le32(body, 11)? as usize;
        let rec_len = le32(body, 15)? as usize;
        let rec = recs.get(off..off.checked_add(rec_len)?)?;
        let var = &body[FIXED..];
        // The variable part is read field by field when asked for, every read bounds-checked;
        // the region's checksum (checked when the view is opened) says it is as written.
        NaiveDate::from_num_days_from_ce_opt(date)?;
        let row = Row {
            kind,
            status,
            always: body[2] != 0,
            date,
            due,
            rec,
            var,
        };
        Some((row, at + 4 + len))
    }

    fn cur(&self) -> Cur<'a> {
        Cur { b: self.var, at: 0 }
    }

    /// The `n`th string after the blob id (0 = id, 1 = owner, 2 = counterpart, 3 = meeting).
    fn nth(&self, n: usize) -> &'a str {
        let mut c = self.cur();
        let found = (|| {
            c.bytes()?;
            c.skip(20)?;
            for _ in 0..n {
                c.bytes()?;
            }
            c.bytes()
        })();
        text(found.unwrap_or_default())
    }

    /// The strings of the `n`th list (0 = attendees, 1 = tags, 2 = references).
    fn list(&self, n: usize) -> impl Iterator<Item = &'a [u8]> {
        let mut c = self.cur();
        let count = (|| {
            c.bytes()?;
            c.skip(20)?;
            for _ in 0..4 {
                c.bytes()?;
            }
            for _ in 0..n {
                for _ in 0..c.list()? {
                    c.bytes()?;
                }
            }
            c.list()
        })()
        .unwrap_or(0);
        (0..count).map_while(move |_| c.bytes())
    }

    /// The record file's path.
    pub fn path(&self) -> &'a str {
        text(self.cur().bytes().unwrap_or_default())
    }

    /// The blob the record was read from.
    pub fn blob(&self) -> Oid {
        let n = le32(self.var, 0).unwrap_or(0) as usize;
        self.var
            .get(4 + n..24 + n)
            .and_then(|b| Oid::from_bytes(b).ok())
            .unwrap_or_else(Oid::zero)
    }

    /// The record's id.
    pub fn id(&self) -> &'a str {
        self.nth(0)
    }

    /// The ids of the records it refers to.
    pub fn refs(&self) -> impl Iterator<Item = &'a str> {
        self.list(2).map(text)
    }

    /// The variable part, copied as it is when the row is carried into a new view.
    pub(super) fn var(&self) -> &'a [u8] {
        self.var
    }

    /// The fixed part's values, for carrying the row into a new view.
    pub(super) fn head(&self) -> Head {
        Head {
            kind: self.kind,
            status: self.status,
            date: self.date,
            due: self.due,
        }
    }
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

impl Facts for Row<'_> {
    fn kind(&self) -> Kind {
        self.kind
    }
    fn status(&self) -> Status {
        self.status
    }
    fn date(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.date).unwrap_or_default()
    }
    fn due(&self) -> Option<NaiveDate> {
        (self.due != NO_DATE)
            .then(|| NaiveDate::from_num_days_from_ce_opt(self.due))
            .flatten()
    }
    fn owner(&self) -> Option<&str> {
        opt(self.nth(1))
    }
    fn counterpart(&self) -> Option<&str> {
        opt(self.nth(2))
    }
    fn attended_by(&self, handle: &str) -> bool {
        self.kind == Kind::Meeting && self.list(0).any(|a| a == handle.as_bytes())
    }
    fn has_tag(&self, tag: &str) -> bool {
        self.list(1).any(|t| t.eq_ignore_ascii_case(tag.as_bytes()))
    }
    fn meeting_id(&self) -> Option<&str> {
        opt(self.nth(3))
    }
    fn text_contains(&self, _lowered: &str) -> Option<bool> {
        None
    }
}

/// A row's fixed values.
#[derive(Clone, Copy)]
pub(super) struct Head {
    kind: Kind,
    status: Status,
    date: i32,
    due: i32,
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_list<'s>(out: &mut Vec<u8>, v: impl ExactSizeIterator<Item = &'s str>) {
    put_u32(out, v.len());
    v.for_each(|s| put_str(out, s));
}

/// The fixed values of a record's row.
pub(super) fn head_of(r: &Record) -> Head {
    let days = |d: NaiveDate| d.num_days_from_ce();
    Head {
        kind: r.kind(),
        status: r.status(),
        date: days(r.date()),
        due: r.due().map_or(NO_DATE, days),
    }
}

/// Appends the variable part of a record's row.
fn put_var(var: &mut Vec<u8>, path: &str, blob: Oid, r: &Record) {
    put_str(var, path);
    var.extend_from_slice(blob.as_bytes());
    put_str(var, r.id().as_str());
    put_str(var, r.owner().unwrap_or(""));
    put_str(var, r.counterpart().unwrap_or(""));
    put_str(var, r.meeting().map_or("", |m| m.as_str()));
    match r {
        Record::Meeting(m) => put_list(var, m.attendees.iter().map(String::as_str)),
        _ => put_list(var, std::iter::empty()),
    }
    put_list(var, r.tags().iter().map(String::as_str));
    let refs = r.references();
    put_list(var, refs.iter().map(|(_, id)| id.as_str()));
}

/// What a row's variable part is written from.
pub(super) enum Var<'a> {
    /// A record read now.
    New(&'a str, Oid, &'a Record),
    /// The bytes of a row carried over from an older view.
    Old(&'a [u8]),
}

/// Appends a row.
pub(super) fn put(out: &mut Vec<u8>, head: Head, always: bool, rec: (usize, usize), var: Var<'_>) {
    let start = out.len();
    put_u32(out, 0);
    out.push(head.kind.code());
    out.push(head.status.code());
    out.push(u8::from(always));
    out.extend_from_slice(&head.date.to_le_bytes());
    out.extend_from_slice(&head.due.to_le_bytes());
    put_u32(out, rec.0);
    put_u32(out, rec.1);
    match var {
        Var::New(path, blob, r) => put_var(out, path, blob, r),
        Var::Old(bytes) => out.extend_from_slice(bytes),
    }
    let len = (out.len() - start - 4) as u32;
    out[start..start + 4].copy_from_slice(&len.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;

    #[test]
    fn a_row_reads_back_what_the_record_says() {
        let text = "id: mtg-0123456789ab\nkind: meeting\nstatus: held\ndate: 2026-03-01\ntitle: Sync\nattendees: [alice, bob]\ntags: [Ops]\ncommitments: [com-0123456789ab]\n";
        let record = codec::parse_record(Kind::Meeting, text.as_bytes()).unwrap();
        let blob = Oid::from_bytes(&[7; 20]).unwrap();
        let path = "meetings/2026/03/mtg-0123456789ab.yaml";
        let mut rows = Vec::new();
        put(
            &mut rows,
            head_of(&record),
            true,
            (0, 3),
            Var::New(path, blob, &record),
        );
        let recs = b"abc";
        let (row, next) = Row::read(&rows, 0, recs).unwrap();
        assert_eq!(next, rows.len());
        assert_eq!(row.path(), "meetings/2026/03/mtg-0123456789ab.yaml");
        assert_eq!(row.blob(), blob);
        assert_eq!(row.id(), "mtg-0123456789ab");
        assert!(row.always && row.rec == b"abc");
        assert_eq!(Facts::date(&row), record.date());
        assert!(row.attended_by("bob") && !row.attended_by("carol"));
        assert!(row.has_tag("ops") && row.owner().is_none());
        assert_eq!(row.refs().collect::<Vec<_>>(), ["com-0123456789ab"]);
        // Any cut leaves a row that does not read.
        for cut in 1..rows.len() {
            assert!(Row::read(&rows[..cut], 0, recs).is_none(), "cut at {cut}");
        }
        // Fields past a damaged length read as empty, never out of bounds.
        let mut bad = rows.clone();
        bad[4 + 19] = 0xff;
        let (row, _) = Row::read(&bad, 0, recs).unwrap();
        assert_eq!(row.path(), "");
        let _ = (row.id(), row.owner(), row.refs().count(), row.blob());
    }

    /// A row's bytes are pinned together with the cache schema version: change the row layout
    /// and this fails until `history::cache::SCHEMA_VERSION` is bumped and the value updated.
    #[test]
    fn the_row_encoding_is_pinned_to_the_schema_version() {
        let text = "id: com-0123456789ab\nkind: commitment\nstatus: done\ndate: 2026-03-01\nwhat: Ship\nby: bob\nto: alice\ndue: 2026-03-10\ntags: [ops]\nmeeting: mtg-0123456789ab\nclosed: 2026-03-09\n";
        let record = codec::parse_record(Kind::Commitment, text.as_bytes()).unwrap();
        let blob = Oid::from_bytes(&[7; 20]).unwrap();
        let mut rows = Vec::new();
        let path = "commitments/2026/03/com-0123456789ab.yaml";
        put(
            &mut rows,
            head_of(&record),
            false,
            (5, 9),
            Var::New(path, blob, &record),
        );
        let sum = format!("{:016x}", crate::history::index::checksum(&rows));
        assert_eq!(
            (
                crate::history::cache::SCHEMA_VERSION,
                rows.len(),
                sum.as_str()
            ),
            (6, 183, "bb5d6c94b5bcdf03"),
            "the view's row encoding changed: bump SCHEMA_VERSION and update the golden values"
        );
    }
}
