//! Reading the ledger as it is in a commit (from git objects) or in the work tree (for `check`).

use std::collections::HashMap;
use std::path::Path;

use git2::{ObjectType, Oid, Tree};

use super::codec::{self, DecodeError};
use super::layout::{self, PathRole};
use super::repo::Ledger;
use crate::error::Result;
use crate::model::{validate, People, Record, RecordId};

/// A file of the ledger: its path relative to the ledger root and its blob id.
#[derive(Clone, Debug)]
pub struct FileRef {
    pub path: String,
    pub blob: Oid,
}

/// A record as read from a file.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Path relative to the ledger root.
    pub path: String,
    /// The blob it was read from (zero when read from the work tree).
    pub blob: Oid,
    pub record: Record,
}

/// Something wrong with a file, pointing at where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// Path relative to the ledger root.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path,
            self.line.unwrap_or(1),
            self.column.unwrap_or(1),
            self.message
        )
    }
}

impl FileProblem {
    fn decode(path: &str, e: DecodeError) -> FileProblem {
        FileProblem {
            path: path.to_string(),
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }

    /// A problem with a field of a parsed file, located by searching the text for the field.
    pub fn field(path: &str, text: &[u8], field: &str, message: &str) -> FileProblem {
        let pos = std::str::from_utf8(text)
            .ok()
            .and_then(|t| codec::field_position(t, field));
        let label = if field.is_empty() {
            String::new()
        } else {
            format!("{field}: ")
        };
        FileProblem {
            path: path.to_string(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            message: format!("{label}{message}"),
        }
    }
}

/// The ids of a whole ledger, listed by a closure the first time they are asked for.
pub struct LazyIds {
    list: std::sync::Mutex<Option<IdLister>>,
    ids: std::sync::OnceLock<Vec<RecordId>>,
}

type IdLister = Box<dyn FnOnce() -> Vec<RecordId> + Send>;

impl LazyIds {
    /// Ids that `list` will produce when first needed.
    pub fn new(list: impl FnOnce() -> Vec<RecordId> + Send + 'static) -> LazyIds {
        LazyIds {
            list: std::sync::Mutex::new(Some(Box::new(list))),
            ids: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> &[RecordId] {
        self.ids.get_or_init(|| {
            let list = self.list.lock().unwrap_or_else(|e| e.into_inner()).take();
            list.map(|f| f()).unwrap_or_default()
        })
    }
}

impl std::fmt::Debug for LazyIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ids.get() {
            Some(ids) => write!(f, "{} ids", ids.len()),
            None => write!(f, "ids not listed yet"),
        }
    }
}

/// How much of the ledger a [`Snapshot`] decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Every record: any question can be answered from it.
    Whole,
    /// Only the records one query chose (with the records they refer to); the ids of all
    /// records still resolve. Only that query's answer may be taken from it: a count, a rate
    /// or a register over it would silently leave records out, and the queries that need the
    /// whole ledger check this in debug builds (which the test suite runs).
    Chosen,
}

/// Checks, in debug builds, that a query counting over the whole ledger was given all of it.
#[inline]
pub fn whole(snap: &Snapshot, query: &str) {
    debug_assert!(
        snap.coverage() == Coverage::Whole,
        "the {query} query counts over the whole ledger but was given a partial snapshot"
    );
}

/// Every record, the people file and every problem found, as of one commit or the work tree.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The commit read, if read from git.
    pub commit: Option<Oid>,
    pub entries: Vec<Entry>,
    pub people: People,
    pub problems: Vec<FileProblem>,
    by_id: HashMap<RecordId, usize>,
    /// Set when `entries` holds only the records a query asked for (and those they link to):
    /// every id in the ledger, so ids still resolve against the whole ledger; listed on first
    /// use only, since most answers never resolve an id.
    all_ids: Option<LazyIds>,
    /// The id length that makes every id in the ledger unique, when already known.
    abbrev_len: Option<usize>,
}

impl Snapshot {
    /// The record with this exact id.
    pub fn get(&self, id: &RecordId) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Whether it holds every record, or only those one query chose.
    pub fn coverage(&self) -> Coverage {
        match self.all_ids {
            Some(_) => Coverage::Chosen,
            None => Coverage::Whole,
        }
    }

    /// All ids in the ledger (also those of records a partial snapshot did not decode), for
    /// prefix resolution.
    pub fn ids(&self) -> Box<dyn Iterator<Item = &RecordId> + '_> {
        match &self.all_ids {
            Some(lazy) => Box::new(lazy.get().iter()),
            None => Box::new(self.entries.iter().map(|e| e.record.id())),
        }
    }

    /// The id length that keeps every id of the ledger unique, when the loader already knew it.
    pub fn abbrev_len(&self) -> Option<usize> {
        self.abbrev_len
    }

    /// A snapshot holding only some records: `all_ids` lists every id of the ledger when first
    /// asked, and `abbrev_len` is the id length that keeps them unique.
    pub fn partial(
        commit: Option<Oid>,
        entries: Vec<Entry>,
        people: People,
        problems: Vec<FileProblem>,
        all_ids: LazyIds,
        abbrev_len: usize,
    ) -> Snapshot {
        let mut snap = Snapshot::assemble(commit, entries, people, problems);
        snap.all_ids = Some(all_ids);
        snap.abbrev_len = Some(abbrev_len);
        snap
    }

    /// Record files that are in the ledger but could not be read, by the id their path names:
    /// the record exists, it is just broken, and answers must say so rather than "no such id".
    pub fn unreadable(&self) -> Vec<(RecordId, &str)> {
        let mut out: Vec<(RecordId, &str)> = self
            .problems
            .iter()
            .filter_map(|p| match layout::classify(&p.path) {
                PathRole::Record(_, id) if !self.by_id.contains_key(&id) => {
                    Some((id, p.path.as_str()))
                }
                _ => None,
            })
            .collect();
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    /// Builds a snapshot from parsed parts, indexing by id and noting duplicate ids.
    pub fn assemble(
        commit: Option<Oid>,
        mut entries: Vec<Entry>,
        people: People,
        mut problems: Vec<FileProblem>,
    ) -> Snapshot {
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let mut by_id = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            if let Some(prev) = by_id.insert(e.record.id().clone(), i) {
                problems.push(FileProblem {
                    path: e.path.clone(),
                    line: None,
                    column: None,
                    message: format!(
                        "the id {} is also used by {}",
                        e.record.id(),
                        entries[prev].path
                    ),
                });
            }
        }
        problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        Snapshot {
            commit,
            entries,
            people,
            problems,
            by_id,
            all_ids: None,
            abbrev_len: None,
        }
    }
}

/// Lists the ledger's files in a commit's tree (names and blob ids only; nothing is parsed).
pub fn list_tree(ledger: &Ledger, tree: &Tree<'_>) -> Result<Vec<FileRef>> {
    let root = if ledger.prefix.is_empty() {
        tree.clone()
    } else {
        match tree.get_path(Path::new(ledger.prefix.trim_end_matches('/'))) {
            Ok(e) => e.to_object(&ledger.repo)?.peel_to_tree()?,
            Err(_) => return Ok(Vec::new()),
        }
    };
    let mut out = Vec::new();
    walk(ledger, &root, "", &mut out)?;
    Ok(out)
}

fn walk(ledger: &Ledger, tree: &Tree<'_>, base: &str, out: &mut Vec<FileRef>) -> Result<()> {
    for entry in tree.iter() {
        let Some(name) = entry.name() else { continue };
        let path = format!("{base}{name}");
        match entry.kind() {
            Some(ObjectType::Tree) => {
                // Only descend where records live; the rest of a shared repository is not ours.
                if base.is_empty() && crate::model::Kind::from_folder(name).is_none() {
                    continue;
                }
                let sub = ledger.repo.find_tree(entry.id())?;
                walk(ledger, &sub, &format!("{path}/"), out)?;
            }
            Some(ObjectType::Blob) => out.push(FileRef {
                path,
                blob: entry.id(),
            }),
            _ => {}
        }
    }
    Ok(())
}

/// Parses one file's content according to its path, adding it to `entries` or `problems`.
pub fn load_file(
    path: &str,
    bytes: &[u8],
    blob: Oid,
    entries: &mut Vec<Entry>,
    people: &mut People,
    problems: &mut Vec<FileProblem>,
) {
    match layout::classify(path) {
        PathRole::Other => {}
        PathRole::Misplaced(why) => problems.push(FileProblem {
            path: path.to_string(),
            line: None,
            column: None,
            message: format!("not where a record belongs: {why}"),
        }),
        PathRole::Config => {
            if let Err(e) = codec::parse::<super::config::Config>(bytes) {
                problems.push(FileProblem::decode(path, e));
            }
        }
        PathRole::People => match codec::parse_people(bytes) {
            Ok(p) => {
                for handle in p.people.keys() {
                    if let Some(msg) = validate::handle_problem(handle) {
                        problems.push(FileProblem::field(path, bytes, "people", &msg));
                    }
                }
                *people = p;
            }
            Err(e) => problems.push(FileProblem::decode(path, e)),
        },
        PathRole::Record(kind, id) => match codec::parse_record(kind, bytes) {
            Ok(record) => {
                if record.id() != &id {
                    problems.push(FileProblem::field(
                        path,
                        bytes,
                        "id",
                        &format!("is {} but the file is named {id}.yaml; the id and the file name must agree", record.id()),
                    ));
                }
                for p in validate::check_record(&record) {
                    problems.push(FileProblem::field(path, bytes, &p.field, &p.message));
                }
                entries.push(Entry {
                    path: path.to_string(),
                    blob,
                    record,
                });
            }
            Err(e) => problems.push(FileProblem::decode(path, e)),
        },
    }
}

/// Reads every file of the ledger as of `commit`.
pub fn snapshot_at(ledger: &Ledger, commit: Oid) -> Result<Snapshot> {
    let tree = ledger.repo.find_commit(commit)?.tree()?;
    let files = list_tree(ledger, &tree)?;
    let mut entries = Vec::with_capacity(files.len());
    let mut people = People::default();
    let mut problems = Vec::new();
    for f in &files {
        let blob = ledger.repo.find_blob(f.blob)?;
        load_file(
            &f.path,
            blob.content(),
            f.blob,
            &mut entries,
            &mut people,
            &mut problems,
        );
    }
    Ok(Snapshot::assemble(Some(commit), entries, people, problems))
}

/// Reads every file of the ledger as it is in the work tree, hand edits included.
pub fn snapshot_workdir(ledger: &Ledger) -> Result<Snapshot> {
    let mut entries = Vec::new();
    let mut people = People::default();
    let mut problems = Vec::new();
    let mut stack = vec![(ledger.root.clone(), String::new())];
    while let Some((dir, base)) = stack.pop() {
        for item in std::fs::read_dir(&dir)? {
            let item = item?;
            let name = item.file_name().to_string_lossy().to_string();
            let path = format!("{base}{name}");
            let ft = item.file_type()?;
            if ft.is_dir() {
                if base.is_empty() && crate::model::Kind::from_folder(&name).is_none() {
                    continue;
                }
                stack.push((item.path(), format!("{path}/")));
            } else if ft.is_file() {
                let len = item.metadata()?.len() as usize;
                if matches!(layout::classify(&path), PathRole::Other) {
                    continue;
                }
                if len > codec::MAX_FILE_BYTES {
                    // Not read at all: a huge file is refused before it costs memory.
                    problems.push(FileProblem {
                        path,
                        line: None,
                        column: None,
                        message: codec::too_large(len),
                    });
                    continue;
                }
                let bytes = std::fs::read(item.path())?;
                load_file(
                    &path,
                    &bytes,
                    Oid::zero(),
                    &mut entries,
                    &mut people,
                    &mut problems,
                );
            } else if ft.is_symlink() && !matches!(layout::classify(&path), PathRole::Other) {
                problems.push(FileProblem {
                    path,
                    line: None,
                    column: None,
                    message: "is a symbolic link; ledger files are plain files".into(),
                });
            }
        }
    }
    Ok(Snapshot::assemble(None, entries, people, problems))
}

/// Reads every file of the ledger as staged in git's index: what a plain `git commit` would
/// record, so a pre-commit hook can refuse an invalid hand edit.
pub fn snapshot_index(ledger: &Ledger) -> Result<Snapshot> {
    // `git commit -a` and `git commit PATH` stage into a temporary index and name it in
    // GIT_INDEX_FILE for the hooks; libgit2 does not look there by itself.
    let index = match std::env::var_os("GIT_INDEX_FILE").filter(|v| !v.is_empty()) {
        Some(file) => git2::Index::open(&std::env::current_dir()?.join(file))?,
        None => ledger.repo.index()?,
    };
    let mut entries = Vec::new();
    let mut people = People::default();
    let mut problems = Vec::new();
    for e in index.iter() {
        let full = String::from_utf8_lossy(&e.path).into_owned();
        let Some(path) = full.strip_prefix(ledger.prefix.as_str()) else {
            continue;
        };
        if matches!(layout::classify(path), PathRole::Other) {
            continue;
        }
        // The stage number sits in bits 12-13 of the flags; non-zero means a merge conflict.
        if (e.flags >> 12) & 0b11 != 0 {
            if !problems.iter().any(|p: &FileProblem| p.path == path) {
                problems.push(FileProblem {
                    path: path.to_string(),
                    line: None,
                    column: None,
                    message: "has an unresolved merge conflict in the index".into(),
                });
            }
            continue;
        }
        let blob = ledger.repo.find_blob(e.id)?;
        if blob.size() > codec::MAX_FILE_BYTES {
            problems.push(FileProblem {
                path: path.to_string(),
                line: None,
                column: None,
                message: codec::too_large(blob.size()),
            });
            continue;
        }
        load_file(
            path,
            blob.content(),
            e.id,
            &mut entries,
            &mut people,
            &mut problems,
        );
    }
    Ok(Snapshot::assemble(None, entries, people, problems))
}
