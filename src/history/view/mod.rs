//! The query view: for one ledger tree, every record's filter fields (kind, status, people,
//! dates, tags, meeting, links) beside its cached binary form, in one file under
//! `.git/ledger/cache/`. A query scans the summaries and decodes only the records it needs, so a
//! warm `list --by`, `who` or `overdue` costs the records it shows, not all of them.
//!
//! The file describes exactly one tree, named in its header by id. A view of another tree is
//! brought forward by comparing the two trees (descending only into folders whose ids differ), so
//! whatever git did in between (a commit, reset, checkout or pull) the view says what a full read
//! of the tree says, and the first query after a change re-reads only the files that changed. The
//! file is replaced by rename and never changed in place, which is what makes mapping it into
//! memory safe; a file that does not check out (wrong magic, length or bounds) is rebuilt.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use git2::{ObjectType, Oid, Tree};

use super::{binrec, cache};

mod row;
use crate::error::Result;
use crate::model::{Facts, Kind, People, Record, RecordId};
use crate::store::layout::{self, PathRole};
use crate::store::read::{self, Entry, FileProblem, LazyIds};
use crate::store::write::Locate;
use crate::store::{diff, Ledger, Snapshot};
pub use row::Row;

fn magic() -> &'static [u8] {
    static M: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    M.get_or_init(|| cache::header("view")).as_bytes()
}
const END: &[u8] = b"ledger-view-end";
/// The trailer: `END`, the file's length and the rows region's checksum.
const TRAILER: usize = END.len() + 16;

/// The view file of this ledger (one per ledger folder, as for the history index).
fn file(ledger: &Ledger) -> PathBuf {
    cache::ledger_file(ledger, "view")
}

/// The records of `commit` that `need` asks for, the records they refer to, and every file with a
/// problem; ids of all records, so resolution and abbreviation still see the whole ledger.
/// `need` sees each record's summary and must answer true for every record the caller might
/// look at (it may answer true for more).
///
/// With `may_store` false (an `--as-of` commit, not HEAD) the stored view is used only when it
/// is of this very tree; otherwise the commit is read in full and nothing is stored, so looking
/// at the past does not throw away the view of the present.
pub fn snapshot_where(
    ledger: &Ledger,
    commit: Oid,
    may_store: bool,
    need: &dyn Fn(&Row<'_>) -> bool,
) -> Result<Snapshot> {
    super::load::fast_reads();
    let Some(tree) = ledger.tree_at(commit)? else {
        return Ok(Snapshot::assemble(
            Some(commit),
            Vec::new(),
            People::default(),
            Vec::new(),
        ));
    };
    match at(ledger, commit, &tree, may_store)? {
        Got::View(view) => view.select(ledger, commit, need),
        // Built from a full read just now: that read answers (it holds every record).
        Got::Full(snap) => Ok(snap),
        Got::Nothing => super::load::snapshot(ledger, commit),
    }
}

/// What [`at`] found: the view, or the full read a new view was just built from, or (for a
/// past commit with no view of its own) nothing.
enum Got {
    View(View),
    Full(Snapshot),
    Nothing,
}

/// Every record id of `commit`'s ledger tree, from the stored view when it is of that tree;
/// `None` when it is not (the caller lists the tree instead). As a listing does, it names
/// records by their file names, so a file with a problem still counts.
pub fn ids_if_current(ledger: &Ledger, commit: Oid) -> Result<Option<Vec<RecordId>>> {
    let Some(view) = View::load(ledger).filter(View::intact) else {
        return Ok(None);
    };
    let Some(tree) = ledger.tree_at(commit)? else {
        return Ok(None);
    };
    if view.tree != tree.id() {
        return Ok(None);
    }
    let Some(mut ids) = view.row_ids() else {
        return Ok(None);
    };
    for (path, _) in &view.reparse {
        if let PathRole::Record(_, id) = layout::classify(path) {
            ids.push(id);
        }
    }
    Ok(Some(ids))
}

/// Where the record `id` was filed (ledger-relative paths), as far as the stored view knows,
/// whatever tree it describes: a record's path is fixed when it is made, so even a view of an
/// older tree answers for every record it held. Callers check the path in their own tree.
pub fn path_hints(ledger: &Ledger, id: &RecordId) -> Vec<String> {
    let Some(view) = View::load(ledger) else {
        return Vec::new();
    };
    let needle = format!("/{id}.yaml");
    let mut regions = vec![&view.bytes[view.head.rows_at..view.bytes.len() - TRAILER]];
    if let Some(d) = &view.delta {
        regions.push(&d.view.bytes[d.view.head.rows_at..d.view.bytes.len() - TRAILER]);
    }
    let mut out = Vec::new();
    for (region, at) in regions
        .into_iter()
        .flat_map(|r| memchr::memmem::find_iter(r, needle.as_bytes()).map(move |at| (r, at)))
    {
        // ".../YYYY/MM" just before the file name.
        let Some(month) = at.checked_sub(7).and_then(|s| region.get(s..at)) else {
            continue;
        };
        if let Ok(month) = std::str::from_utf8(month) {
            out.push(format!("{}/{month}{needle}", id.kind().folder()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The query view as the store's [`Locate`]: recording commands find records and list ids
/// through it.
pub struct Locator;

impl Locate for Locator {
    fn paths(&self, ledger: &Ledger, id: &RecordId) -> Vec<String> {
        path_hints(ledger, id)
    }
    fn ids(&self, ledger: &Ledger, commit: Oid) -> Result<Option<Vec<RecordId>>> {
        ids_if_current(ledger, commit)
    }
}

/// The view of `tree`: the stored one when it is of this tree, else one brought forward from it
/// (or built from a full read) and stored.
fn at(ledger: &Ledger, commit: Oid, tree: &Tree<'_>, may_store: bool) -> Result<Got> {
    let path = file(ledger);
    let old = View::load(ledger).filter(View::intact);
    if let Some(v) = old {
        if v.tree == tree.id() {
            return Ok(Got::View(v));
        }
        if may_store {
            let read_back = || crate::Error::env("the query view just built does not read back");
            match forward(ledger, &v, tree)? {
                Some(Forward::Whole(bytes)) => {
                    store(&path, &bytes);
                    let _ = std::fs::remove_file(delta_file(&path));
                    return View::parse(Bytes::Owned(bytes))
                        .map(Got::View)
                        .ok_or_else(read_back);
                }
                Some(Forward::Delta(bytes)) => {
                    store(&delta_file(&path), &bytes);
                    let delta =
                        Delta::parse(&v.head, v.bytes.len(), bytes).ok_or_else(read_back)?;
                    let View { bytes, head, .. } = v;
                    return Ok(Got::View(View {
                        bytes,
                        head,
                        delta: Some(delta),
                    }));
                }
                None => {}
            }
        }
    }
    if !may_store {
        return Ok(Got::Nothing);
    }
    let (snap, bytes) = build(ledger, commit, tree)?;
    store(&path, &bytes);
    let _ = std::fs::remove_file(delta_file(&path));
    Ok(Got::Full(snap))
}

/// Writes the view under a temporary name and renames it into place; failures only cost speed.
fn store(path: &std::path::Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    let _ = std::fs::create_dir_all(dir);
    let tmp = dir.join(format!(
        "tmp-view-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let ok = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|_| std::fs::rename(&tmp, path));
    if ok.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

enum Bytes {
    Map(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Map(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// A view file, its header checked, ready to scan, with the delta that brings it forward to a
/// newer tree when there is one.
struct View {
    bytes: Bytes,
    head: Header,
    delta: Option<Delta>,
}

/// What the view says now: the delta's header (its tree, people, files parsed every time) when
/// there is a delta, else the base file's.
impl std::ops::Deref for View {
    type Target = Header;
    fn deref(&self) -> &Header {
        self.delta.as_ref().map_or(&self.head, |d| &d.view.head)
    }
}

impl View {
    /// The ledger's view file, with its delta file applied when that delta names this very base
    /// (tree, rows checksum and length) and its own checksum holds; a delta that does not is
    /// ignored, and the base is brought forward from its own tree instead.
    fn load(ledger: &Ledger) -> Option<View> {
        let path = file(ledger);
        let mut view = View::open(&path)?;
        view.delta = std::fs::read(delta_file(&path))
            .ok()
            .and_then(|b| Delta::parse(&view.head, view.bytes.len(), b));
        Some(view)
    }

    fn open(path: &std::path::Path) -> Option<View> {
        let f = std::fs::File::open(path).ok()?;
        // Safety: view files are only ever replaced by rename, never written in place, so the
        // mapped file does not change under us.
        let map = unsafe { memmap2::Mmap::map(&f) }.ok()?;
        View::parse(Bytes::Map(map))
    }

    fn parse(bytes: Bytes) -> Option<View> {
        let head = Header::read(&bytes)?;
        Some(View {
            bytes,
            head,
            delta: None,
        })
    }

    /// True when the base file's rows region is as written (its checksum holds). Checked once
    /// per use of a view, before its rows are trusted (a delta is checked whole when read).
    fn intact(&self) -> bool {
        let body = &self.bytes[..self.bytes.len() - TRAILER];
        body.get(self.head.rows_at..)
            .is_some_and(|region| crate::history::index::checksum(region) == self.head.sum)
    }

    /// Every row of the base file alone, or `None` when the file is damaged.
    fn own_rows(&self) -> Option<Vec<Row<'_>>> {
        let mut out = Vec::with_capacity(self.head.rows);
        self.each_own_row(|row| out.push(row))?;
        Some(out)
    }

    /// Hands every row of the base file to `f` in order, without collecting them (a view holds
    /// 100,000 rows: a list of them is megabytes of fresh memory); `None` when the file is
    /// damaged (then `f` may have seen some rows).
    fn each_own_row<'s>(&'s self, mut f: impl FnMut(Row<'s>)) -> Option<()> {
        let h = &self.head;
        let body = &self.bytes[..self.bytes.len() - TRAILER];
        let recs = &body[h.recs_at..h.rows_at];
        let region = &body[h.rows_at..];
        let mut at = 0;
        for _ in 0..h.rows {
            let (row, next) = Row::read(region, at, recs)?;
            f(row);
            at = next;
        }
        (at == region.len()).then_some(())
    }

    /// Every row of the tree the view describes, sorted by path: the base's rows less those the
    /// delta drops, merged with the delta's; or `None` when a file is damaged.
    fn rows(&self) -> Option<Vec<Row<'_>>> {
        let Some(d) = &self.delta else {
            return self.own_rows();
        };
        let mut mine = d.view.own_rows()?.into_iter().peekable();
        let mut out = Vec::with_capacity(self.head.rows + d.view.head.rows);
        self.each_own_row(|mut row| {
            if d.dropped.contains(row.path()) {
                return;
            }
            while mine.peek().is_some_and(|m| m.path() < row.path()) {
                out.extend(mine.next());
            }
            // Which ids are doubled is a fact of the whole tree, kept in the delta.
            row.always = d.doubled.contains(row.id());
            out.push(row);
        })?;
        out.extend(mine);
        Some(out)
    }

    /// The ids of the records in its rows (those that read cleanly); `None` when the rows do not
    /// read.
    fn row_ids(&self) -> Option<Vec<RecordId>> {
        let rows = self.rows()?;
        Some(
            rows.iter()
                .filter_map(|r| RecordId::parse(r.id()).ok())
                .collect(),
        )
    }

    /// The partial snapshot `need` asks for (see [`snapshot_where`]).
    fn select(
        self,
        ledger: &Ledger,
        commit: Oid,
        need: &dyn Fn(&Row<'_>) -> bool,
    ) -> Result<Snapshot> {
        let Some((entries, people, problems, reparsed)) = self.pick(ledger, need)? else {
            // Damaged after it was checked (it cannot be, but never answer from a bad file).
            return super::load::snapshot(ledger, commit);
        };
        let abbrev_len = self.abbrev_len;
        // The whole ledger's ids, from this same file, only if an answer resolves an id.
        let ids = LazyIds::new(move || {
            let mut ids = reparsed;
            ids.extend(self.row_ids().unwrap_or_default());
            ids
        });
        Ok(Snapshot::partial(
            Some(commit),
            entries,
            people,
            problems,
            ids,
            abbrev_len,
        ))
    }

    /// The records `need` asks for and those they refer to, the people, every problem, and the
    /// ids of the files parsed afresh; `None` when the rows do not read.
    #[allow(clippy::type_complexity)]
    fn pick(
        &self,
        ledger: &Ledger,
        need: &dyn Fn(&Row<'_>) -> bool,
    ) -> Result<Option<(Vec<Entry>, People, Vec<FileProblem>, Vec<RecordId>)>> {
        let Some(rows) = self.rows() else {
            return Ok(None);
        };
        let mut chosen = vec![false; rows.len()];
        let mut wanted: foldhash::HashSet<&str> = Default::default();
        for (i, row) in rows.iter().enumerate() {
            if row.always || need(row) {
                chosen[i] = true;
                wanted.extend(row.refs());
            }
        }
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        let mut people = People::default();
        for (path, blob) in &self.reparse {
            if path == layout::PEOPLE_FILE {
                let cached = self.people.as_ref().filter(|(b, _)| b == blob);
                if let Some(p) = cached.and_then(|(_, json)| serde_json::from_slice(json).ok()) {
                    people = p;
                    continue;
                }
            }
            let parsed = parse(ledger, path, *blob)?;
            people = parsed.people.unwrap_or(people);
            problems.extend(parsed.problems);
            entries.extend(parsed.entry);
        }
        // What the always-read files refer to, owned: `entries` grows below.
        let linked: foldhash::HashSet<String> = entries
            .iter()
            .flat_map(|e| e.record.references())
            .map(|(_, id)| id.to_string())
            .collect();
        let reparsed: Vec<RecordId> = entries.iter().map(|e| e.record.id().clone()).collect();
        // Only rows of a kind some wanted id names need their id looked up.
        let mut kinds = [false; Kind::ALL.len()];
        for id in wanted
            .iter()
            .copied()
            .chain(linked.iter().map(String::as_str))
        {
            let prefix = id.split_once('-').map_or(id, |(p, _)| p);
            match Kind::from_id_prefix(prefix) {
                Some(k) => kinds[kind_slot(k)] = true,
                None => kinds = [true; Kind::ALL.len()],
            }
        }
        for (i, row) in rows.iter().enumerate() {
            let linked_to = kinds[kind_slot(row.kind())] && {
                let id = row.id();
                wanted.contains(id) || linked.contains(id)
            };
            if !(chosen[i] || linked_to) {
                continue;
            }
            match binrec::decode(row.kind(), row.rec) {
                Some(record) => entries.push(Entry {
                    path: row.path().to_string(),
                    blob: row.blob(),
                    record,
                }),
                // A record that does not decode is read from its blob instead.
                None => {
                    let parsed = parse(ledger, row.path(), row.blob())?;
                    problems.extend(parsed.problems);
                    entries.extend(parsed.entry);
                }
            }
        }
        Ok(Some((entries, people, problems, reparsed)))
    }
}

fn kind_slot(k: Kind) -> usize {
    usize::from(k.code())
}

/// What the start of a view file says, checked against its trailer.
struct Header {
    /// The ledger tree it describes.
    tree: Oid,
    abbrev_len: usize,
    /// Files parsed on every read: the people file, the config, and every file with a problem
    /// (so its problems are reported with their lines, exactly as without a view).
    reparse: Vec<(String, Oid)>,
    /// The people file's blob and its parsed form as JSON, when it read without a problem.
    people: Option<(Oid, Vec<u8>)>,
    /// Checksum of the rows region.
    sum: u64,
    rows: usize,
    rows_at: usize,
    recs_at: usize,
}

impl Header {
    fn read(b: &[u8]) -> Option<Header> {
        let total = b.len();
        if !b.starts_with(magic()) || total < magic().len() + TRAILER {
            return None;
        }
        let (body, trailer) = b.split_at(total - TRAILER);
        if !trailer.starts_with(END) || u64_at(trailer, END.len())? != total as u64 {
            return None;
        }
        let sum = u64_at(trailer, END.len() + 8)?;
        let mut r = Reader {
            buf: body,
            at: magic().len(),
        };
        let tree = Oid::from_bytes(r.take(20)?).ok()?;
        let abbrev_len = r.u32()? as usize;
        let n = r.u32()? as usize;
        let mut reparse = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let path = r.str()?.to_string();
            let blob = Oid::from_bytes(r.take(20)?).ok()?;
            reparse.push((path, blob));
        }
        let people = match r.u32()? as usize {
            0 => None,
            n => {
                let blob = Oid::from_bytes(r.take(20)?).ok()?;
                Some((blob, r.take(n)?.to_vec()))
            }
        };
        let rows = r.u32()? as usize;
        let recs_len = r.u32()? as usize;
        let recs_at = r.at;
        r.take(recs_len)?;
        Some(Header {
            tree,
            abbrev_len,
            reparse,
            people,
            sum,
            rows,
            rows_at: r.at,
            recs_at,
        })
    }
}

/// The delta file beside a view file.
fn delta_file(view: &std::path::Path) -> PathBuf {
    let mut name = view.file_name().unwrap_or_default().to_os_string();
    name.push(".delta");
    view.with_file_name(name)
}

fn delta_magic() -> &'static [u8] {
    static M: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    M.get_or_init(|| cache::header("view-delta")).as_bytes()
}
const DELTA_END: &[u8] = b"ledger-view-delta-end";
/// A delta past this many rows or dropped paths is folded into a new base file.
const DELTA_MAX: usize = 4096;

/// What brings a base view file forward to a newer tree without rewriting it: the paths whose
/// base rows no longer hold, the ids now doubled in the whole tree, and a small view (same
/// layout as a base file) of the new tree's files that changed since the base, its people file
/// and the files parsed every time. On disk:
///
/// ```text
/// header, base tree id, base rows checksum, base length,
/// dropped paths, doubled ids, the small view,
/// end marker, total length, checksum of everything before the end marker
/// ```
///
/// Written by rename like the base. A delta that names another base, or whose checksum fails
/// (a crash mid-write, damage), is ignored: the base alone is a true view of its own tree.
struct Delta {
    dropped: foldhash::HashSet<String>,
    doubled: foldhash::HashSet<String>,
    view: Box<View>,
}

impl Delta {
    fn parse(base: &Header, base_len: usize, b: Vec<u8>) -> Option<Delta> {
        let trailer = DELTA_END.len() + 16;
        if !b.starts_with(delta_magic()) || b.len() < delta_magic().len() + trailer {
            return None;
        }
        let (body, tail) = b.split_at(b.len() - trailer);
        if !tail.starts_with(DELTA_END)
            || u64_at(tail, DELTA_END.len())? != b.len() as u64
            || u64_at(tail, DELTA_END.len() + 8)? != crate::history::index::checksum(body)
        {
            return None;
        }
        let mut r = Reader {
            buf: body,
            at: delta_magic().len(),
        };
        if Oid::from_bytes(r.take(20)?).ok()? != base.tree
            || u64::from_le_bytes(r.take(8)?.try_into().ok()?) != base.sum
            || u64::from_le_bytes(r.take(8)?.try_into().ok()?) != base_len as u64
        {
            return None;
        }
        let strings = |r: &mut Reader<'_>| -> Option<foldhash::HashSet<String>> {
            let n = r.u32()? as usize;
            let mut set = foldhash::HashSet::default();
            for _ in 0..n {
                set.insert(r.str()?.to_string());
            }
            Some(set)
        };
        let dropped = strings(&mut r)?;
        let doubled = strings(&mut r)?;
        let n = r.u32()? as usize;
        let inner = r.take(n)?.to_vec();
        if r.at != body.len() {
            return None;
        }
        let view = View::parse(Bytes::Owned(inner)).filter(View::intact)?;
        Some(Delta {
            dropped,
            doubled,
            view: Box::new(view),
        })
    }
}

fn encode_delta(
    base: &Header,
    base_len: usize,
    dropped: &foldhash::HashSet<String>,
    doubled: &[String],
    inner: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(inner.len() + dropped.len() * 40 + 256);
    out.extend_from_slice(delta_magic());
    out.extend_from_slice(base.tree.as_bytes());
    out.extend_from_slice(&base.sum.to_le_bytes());
    out.extend_from_slice(&(base_len as u64).to_le_bytes());
    let mut dropped: Vec<&String> = dropped.iter().collect();
    dropped.sort();
    for list in [dropped, doubled.iter().collect()] {
        put_u32(&mut out, list.len());
        for s in list {
            put_u32(&mut out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
    }
    put_u32(&mut out, inner.len());
    out.extend_from_slice(inner);
    let sum = crate::history::index::checksum(&out);
    out.extend_from_slice(DELTA_END);
    let total = out.len() + 16;
    out.extend_from_slice(&(total as u64).to_le_bytes());
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// A view brought forward: a whole new base file, or a delta to the present base.
enum Forward {
    Whole(Vec<u8>),
    Delta(Vec<u8>),
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let b = self.buf.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(b)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

/// A row to write: a record read now, or a row carried over from the old view.
enum Src<'a> {
    New(&'a str, Oid, &'a Record),
    Old(&'a Row<'a>),
}

impl Src<'_> {
    fn path(&self) -> &str {
        match self {
            Src::New(p, ..) => p,
            Src::Old(r) => r.path(),
        }
    }
    fn id(&self) -> &str {
        match self {
            Src::New(_, _, r) => r.id().as_str(),
            Src::Old(r) => r.id(),
        }
    }
}

/// One record that read without any problem.
struct NewRow {
    path: String,
    blob: Oid,
    record: Record,
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

/// Serialises a view, rows sorted by path, straight into one buffer: the header, the records'
/// binary forms, then the rows that point into them. Rows whose id another record also uses are
/// marked to be loaded always, so the duplicate is reported however narrow the query.
///
/// `others` are the ids of the tree's records kept elsewhere (a delta's base), which count for
/// the doubled ids and the abbreviation length. Returns the bytes and the doubled ids.
fn encode(
    tree: Oid,
    reparse: &[(String, Oid)],
    reparse_ids: &[String],
    others: &[&str],
    people: Option<(Oid, Vec<u8>)>,
    mut rows: Vec<Src<'_>>,
) -> (Vec<u8>, Vec<String>) {
    if !rows.is_sorted_by(|a, b| a.path() <= b.path()) {
        rows.sort_by(|a, b| a.path().cmp(b.path()));
    }
    // Sorted, the ids show both the doubled ones and the length that keeps them apart.
    let mut ids: Vec<&str> = rows
        .iter()
        .map(|r| r.id())
        .chain(reparse_ids.iter().map(String::as_str))
        .chain(others.iter().copied())
        .collect();
    ids.sort_unstable();
    let doubled: foldhash::HashSet<&str> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    ids.dedup();
    let abbrev_len = crate::model::id::unique_len_sorted(&ids);
    let mut out = Vec::with_capacity(rows.len() * 400);
    out.extend_from_slice(magic());
    out.extend_from_slice(tree.as_bytes());
    put_u32(&mut out, abbrev_len);
    put_u32(&mut out, reparse.len());
    for (path, blob) in reparse {
        put_u32(&mut out, path.len());
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(blob.as_bytes());
    }
    match &people {
        Some((blob, json)) if !json.is_empty() => {
            put_u32(&mut out, json.len());
            out.extend_from_slice(blob.as_bytes());
            out.extend_from_slice(json);
        }
        _ => put_u32(&mut out, 0),
    }
    put_u32(&mut out, rows.len());
    let recs_len_at = out.len();
    put_u32(&mut out, 0);
    let recs_at = out.len();
    let mut spans = Vec::with_capacity(rows.len());
    for r in &rows {
        let start = out.len();
        match r {
            Src::New(_, _, record) => binrec::encode(record, &mut out),
            Src::Old(row) => out.extend_from_slice(row.rec),
        }
        spans.push((start - recs_at, out.len() - start));
    }
    let recs_len = (out.len() - recs_at) as u32;
    out[recs_len_at..recs_len_at + 4].copy_from_slice(&recs_len.to_le_bytes());
    let rows_at = out.len();
    for (r, span) in rows.iter().zip(spans) {
        let dup = doubled.contains(r.id());
        match r {
            Src::New(path, blob, record) => row::put(
                &mut out,
                row::head_of(record),
                dup,
                span,
                row::Var::New(path, *blob, record),
            ),
            Src::Old(row) => row::put(&mut out, row.head(), dup, span, row::Var::Old(row.var())),
        }
    }
    let sum = crate::history::index::checksum(&out[rows_at..]);
    out.extend_from_slice(END);
    let total = out.len() + 16;
    out.extend_from_slice(&(total as u64).to_le_bytes());
    out.extend_from_slice(&sum.to_le_bytes());
    let mut doubled: Vec<String> = doubled.into_iter().map(str::to_string).collect();
    doubled.sort();
    (out, doubled)
}

/// The people file's blob and parsed form as JSON, when there is one and it read cleanly (a
/// file with a problem is parsed on every read, so its problem is reported every time).
fn people_json(
    reparse: &[(String, Oid)],
    clean: bool,
    parsed: impl FnOnce() -> Option<People>,
) -> Option<(Oid, Vec<u8>)> {
    let blob = reparse
        .iter()
        .find(|(p, _)| p == layout::PEOPLE_FILE)
        .map(|(_, b)| *b)?;
    if !clean {
        return None;
    }
    serde_json::to_vec(&parsed()?).ok().map(|j| (blob, j))
}

/// Parses one file of the ledger from its blob.
fn parse(ledger: &Ledger, path: &str, blob: Oid) -> Result<super::load::Parsed> {
    let file = read::FileRef {
        path: path.to_string(),
        blob,
    };
    super::load::parse_one(&ledger.repo, &file)
}

/// Sorts a file into a clean record row or the files parsed every time.
fn classify_file(
    ledger: &Ledger,
    path: &str,
    blob: Oid,
    rows: &mut Vec<NewRow>,
    reparse: &mut Vec<(String, Oid)>,
    reparse_ids: &mut Vec<String>,
) -> Result<()> {
    match layout::classify(path) {
        PathRole::Other => {}
        PathRole::Record(..) => {
            let parsed = parse(ledger, path, blob)?;
            match (parsed.entry, parsed.problems.is_empty()) {
                (Some(e), true) => rows.push(NewRow {
                    path: path.to_string(),
                    blob,
                    record: e.record,
                }),
                (e, _) => {
                    reparse.push((path.to_string(), blob));
                    reparse_ids.extend(e.map(|e| e.record.id().to_string()));
                }
            }
        }
        _ => reparse.push((path.to_string(), blob)),
    }
    Ok(())
}

/// A view built from a full read of the commit (the record cache makes that cheap when warm).
fn build(ledger: &Ledger, commit: Oid, tree: &Tree<'_>) -> Result<(Snapshot, Vec<u8>)> {
    let (snap, files) = super::load::snapshot_and_files(ledger, commit)?;
    let bad: foldhash::HashSet<&str> = snap.problems.iter().map(|p| p.path.as_str()).collect();
    let mut reparse = Vec::new();
    let mut reparse_ids = Vec::new();
    let mut rows = Vec::with_capacity(snap.entries.len());
    let mut parsed: foldhash::HashSet<&str> = Default::default();
    for e in &snap.entries {
        parsed.insert(e.path.as_str());
        if bad.contains(e.path.as_str()) {
            reparse_ids.push(e.record.id().to_string());
        } else {
            rows.push(e);
        }
    }
    // Everything but a record that read cleanly is parsed on every read: files with problems
    // (with or without a record), the people file and the config, by their blob ids.
    for f in files {
        let p = f.path.as_str();
        let role = layout::classify(p);
        let clean = matches!(role, PathRole::Record(..)) && parsed.contains(p) && !bad.contains(p);
        if !clean && !matches!(role, PathRole::Other) {
            reparse.push((f.path, f.blob));
        }
    }
    reparse.sort();
    let srcs = rows
        .iter()
        .map(|e| Src::New(&e.path, e.blob, &e.record))
        .collect();
    let people = people_json(&reparse, !bad.contains(layout::PEOPLE_FILE), || {
        Some(snap.people.clone())
    });
    let (bytes, _) = encode(tree.id(), &reparse, &reparse_ids, &[], people, srcs);
    Ok((snap, bytes))
}

/// The old view brought forward to `tree` by re-reading only the files that differ, as a delta
/// to the old base file while the changes since that base are few, else as a whole new file;
/// `None` when the old tree is no longer in the repository (then a full build is needed).
fn forward(ledger: &Ledger, old: &View, tree: &Tree<'_>) -> Result<Option<Forward>> {
    let Ok(before) = ledger.repo.find_tree(old.tree) else {
        return Ok(None);
    };
    let changed: HashSet<String> = diff::changed_paths(&ledger.repo, Some(&before), Some(tree))?
        .into_iter()
        .collect();
    let mut reparse: Vec<(String, Oid)> = old
        .reparse
        .iter()
        .filter(|(p, _)| !changed.contains(p))
        .cloned()
        .collect();
    let mut new_rows = Vec::new();
    let mut reparse_ids = Vec::new();
    for path in &changed {
        let Ok(entry) = tree.get_path(std::path::Path::new(path)) else {
            continue; // removed
        };
        if entry.kind() != Some(ObjectType::Blob) {
            continue;
        }
        classify_file(
            ledger,
            path,
            entry.id(),
            &mut new_rows,
            &mut reparse,
            &mut reparse_ids,
        )?;
    }
    // Ids of the unchanged files that still have problems, for the duplicate check.
    for (path, blob) in &reparse {
        if changed.contains(path) {
            continue;
        }
        if let PathRole::Record(..) = layout::classify(path) {
            let parsed = parse(ledger, path, *blob)?;
            reparse_ids.extend(parsed.entry.map(|e| e.record.id().to_string()));
        }
    }
    reparse.sort();
    let people = people_now(ledger, old, &reparse)?;
    let (before_rows, before_dropped) = old
        .delta
        .as_ref()
        .map_or((0, 0), |d| (d.view.head.rows, d.dropped.len()));
    if before_rows + new_rows.len() <= DELTA_MAX && before_dropped + changed.len() <= DELTA_MAX {
        let mut dropped = old
            .delta
            .as_ref()
            .map(|d| d.dropped.clone())
            .unwrap_or_default();
        dropped.extend(changed.iter().cloned());
        let mut others: Vec<&str> = Vec::with_capacity(old.head.rows);
        let read = old.each_own_row(|r| {
            if !dropped.contains(r.path()) {
                others.push(r.id());
            }
        });
        if read.is_none() {
            return Ok(None);
        }
        let old_delta_rows = match &old.delta {
            Some(d) => match d.view.own_rows() {
                Some(rows) => rows,
                None => return Ok(None),
            },
            None => Vec::new(),
        };
        let mut mine: Vec<Src<'_>> = old_delta_rows
            .iter()
            .filter(|r| !changed.contains(r.path()))
            .map(Src::Old)
            .collect();
        mine.extend(
            new_rows
                .iter()
                .map(|n| Src::New(&n.path, n.blob, &n.record)),
        );
        let (inner, doubled) = encode(tree.id(), &reparse, &reparse_ids, &others, people, mine);
        return Ok(Some(Forward::Delta(encode_delta(
            &old.head,
            old.bytes.len(),
            &dropped,
            &doubled,
            &inner,
        ))));
    }
    let Some(old_rows) = old.rows() else {
        return Ok(None);
    };
    let mut outs: Vec<Src<'_>> = old_rows
        .iter()
        .filter(|r| !changed.contains(r.path()))
        .map(Src::Old)
        .collect();
    outs.extend(
        new_rows
            .iter()
            .map(|n| Src::New(&n.path, n.blob, &n.record)),
    );
    let (bytes, _) = encode(tree.id(), &reparse, &reparse_ids, &[], people, outs);
    Ok(Some(Forward::Whole(bytes)))
}

/// The people file's parsed form in the new tree: carried over when its blob is the same, else
/// read again.
fn people_now(
    ledger: &Ledger,
    old: &View,
    reparse: &[(String, Oid)],
) -> Result<Option<(Oid, Vec<u8>)>> {
    let blob_now = reparse
        .iter()
        .find(|(p, _)| p == layout::PEOPLE_FILE)
        .map(|(_, b)| *b);
    Ok(match (&old.people, blob_now) {
        (Some((b, json)), Some(now)) if *b == now => Some((now, json.clone())),
        (_, Some(now)) => {
            let parsed = parse(ledger, layout::PEOPLE_FILE, now)?;
            people_json(reparse, parsed.problems.is_empty(), || parsed.people)
        }
        _ => None,
    })
}
