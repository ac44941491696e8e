//! Loading the ledger as of a commit. The single entry point queries use, so a cache can sit
//! behind it without any command knowing.
//!
//! The tree is always walked afresh (it is what says which blobs make up the ledger at that
//! commit); only the parsing of each record blob is cached, by blob id (see `cache`). Blobs not
//! seen before are parsed on two threads, and stored for next time.

use std::io::IsTerminal;
use std::time::Instant;

use git2::{Oid, Repository};

use super::cache::{self, RecordCache};
use crate::error::Result;
use crate::model::{People, Record};
use crate::store::layout::{self, PathRole};
use crate::store::read::{self, Entry, FileProblem, FileRef};
use crate::store::{Ledger, Snapshot};

/// Uncached blobs above which a terminal gets a progress line.
const PROGRESS_AFTER: usize = 5_000;

/// Every record as of `commit`.
pub fn snapshot(ledger: &Ledger, commit: Oid) -> Result<Snapshot> {
    Ok(snapshot_and_files(ledger, commit)?.0)
}

/// [`snapshot`], with the ledger's files in the commit (paths and blob ids) as listed for it.
pub fn snapshot_and_files(ledger: &Ledger, commit: Oid) -> Result<(Snapshot, Vec<FileRef>)> {
    fast_reads();
    let tree = ledger.repo.find_commit(commit)?.tree()?;
    let listed = read::list_tree(ledger, &tree)?;
    let files = listed.clone();
    let dir = cache::dir(&ledger.state_dir());
    let cached = RecordCache::load(&dir);

    // Split: records whose blob is cached (decoded from JSON) and everything else (parsed).
    let mut hits = Vec::with_capacity(files.len());
    let mut misses = Vec::new();
    for f in files {
        match layout::classify(&f.path) {
            PathRole::Record(kind, id) if cached.has(&f.blob, kind) => hits.push((f, kind, id)),
            PathRole::Other => {}
            _ => misses.push(f),
        }
    }
    let mut entries = Vec::with_capacity(hits.len() + misses.len());
    let mut problems = Vec::new();
    let mut people = People::default();
    let mut stale = Vec::new();
    let decoded = split_map(&hits, |(f, kind, id)| {
        // A cached record whose id disagrees with its file name is re-read for its problem.
        cached
            .get(&f.blob, *kind)
            .filter(|r| r.id() == id)
            .map(|record| Entry {
                path: f.path.clone(),
                blob: f.blob,
                record,
            })
            .ok_or_else(|| f.clone())
    });
    for d in decoded {
        match d {
            Ok(e) => entries.push(e),
            Err(f) => stale.push(f),
        }
    }
    misses.extend(stale);

    let parsed = parse_all(ledger, &misses)?;
    let mut fresh = Vec::new();
    for (i, p) in parsed.into_iter().enumerate() {
        if let Some(pp) = p.people {
            people = pp;
        }
        let clean = p.problems.is_empty();
        problems.extend(p.problems);
        if let Some(e) = p.entry {
            if clean {
                fresh.push((misses[i].blob, entries.len()));
            }
            entries.push(e);
        }
    }
    let store: Vec<(Oid, &Record)> = fresh
        .iter()
        .map(|&(b, i)| (b, &entries[i].record))
        .collect();
    cached.store(&dir, &store);
    Ok((
        Snapshot::assemble(Some(commit), entries, people, problems),
        listed,
    ))
}

/// Turns off libgit2's re-hashing of every object read: the ledger's readers only look at
/// objects by id from the repository's own store, and this saves a fifth of the read time. The
/// binary sets it at start-up (`store::repo::configure_libgit2`); the readers ask for it again
/// (a safe, idempotent libgit2 call) so a front end that skips that call still reads fast.
pub(crate) fn fast_reads() {
    git2::opts::strict_hash_verification(false);
}

/// One file, parsed.
pub(super) struct Parsed {
    /// The record it holds, if it holds one that parsed.
    pub entry: Option<Entry>,
    /// The people, if it is the people file.
    pub people: Option<People>,
    /// Everything wrong with it.
    pub problems: Vec<FileProblem>,
}

/// Parses one file of the ledger from its blob.
pub(super) fn parse_one(repo: &Repository, f: &FileRef) -> Result<Parsed> {
    let blob = repo.find_blob(f.blob)?;
    let mut entries = Vec::new();
    let mut people = None;
    let mut p = People::default();
    let mut problems = Vec::new();
    read::load_file(
        &f.path,
        blob.content(),
        f.blob,
        &mut entries,
        &mut p,
        &mut problems,
    );
    if f.path == layout::PEOPLE_FILE {
        people = Some(p);
    }
    Ok(Parsed {
        entry: entries.pop(),
        people,
        problems,
    })
}

/// Parses `files` from the object store, on two threads when there are many.
fn parse_all(ledger: &Ledger, files: &[FileRef]) -> Result<Vec<Parsed>> {
    let started = Instant::now();
    let progress = files.len() > PROGRESS_AFTER && std::io::stderr().is_terminal();
    if files.len() < 200 {
        return files.iter().map(|f| parse_one(&ledger.repo, f)).collect();
    }
    let path = ledger.repo.path().to_path_buf();
    let half = files.len().div_ceil(2);
    let (a, b) = files.split_at(half);
    let results = std::thread::scope(|s| {
        let other = s.spawn(|| -> Result<Vec<Parsed>> {
            let repo = Repository::open(&path)?;
            b.iter().map(|f| parse_one(&repo, f)).collect()
        });
        let mut mine = Vec::with_capacity(a.len());
        for (i, f) in a.iter().enumerate() {
            mine.push(parse_one(&ledger.repo, f)?);
            if progress && i.is_multiple_of(2_000) {
                eprint!(
                    "\rledger: reading {} records (once; cached afterwards)… {}%",
                    files.len(),
                    i * 100 / a.len()
                );
            }
        }
        let theirs = other.join().expect("parser thread")?;
        mine.extend(theirs);
        Ok::<_, crate::Error>(mine)
    })?;
    if progress {
        eprintln!(
            "\rledger: read {} records in {:.1} s; cached for next time.      ",
            files.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(results)
}

/// Maps `items` on two threads when there are many, keeping order.
fn split_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2_000 {
        return items.iter().map(&f).collect();
    }
    let (a, b) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| b.iter().map(&f).collect::<Vec<_>>());
        let mut mine: Vec<R> = a.iter().map(&f).collect();
        mine.extend(other.join().expect("decoder thread"));
        mine
    })
}
