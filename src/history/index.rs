//! An index of which commits changed which record file, so a record's history costs its own
//! changes rather than a walk over every commit.
//!
//! Stored in `.git/ledger/cache/history` (`history-HASH` for a ledger in a folder of a larger
//! repository) as text: a header, `tip COMMIT` (every commit reachable from it is indexed, and
//! nothing else), one `PATH COMMIT` line per change, parents before children, and a last
//! `check SUM` line over all the rest, so a damaged file is rebuilt rather than read. When HEAD has moved on from the tip (ledger commands, `git commit`, a fast-forward
//! pull) only the new commits are read; when the tip is no longer in HEAD's past (a reset, a
//! checkout of another branch, a rewrite) the index is rebuilt. Commits are compared by tree ids,
//! descending only into folders whose id changed, so a commit costs the few trees it touched.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use git2::{Oid, Repository, Sort};

use super::cache;
use crate::error::Result;
use crate::store::diff::{changes, ledger_tree, Change, Memo, Scope};
use crate::store::Ledger;

fn magic() -> &'static str {
    static M: OnceLock<String> = OnceLock::new();
    M.get_or_init(|| cache::header("history"))
}

/// The last line of the file: a checksum of everything before it, so a truncated or damaged
/// index is rebuilt rather than read with lines missing.
const CHECK: &str = "check ";

/// The loaded index: the commit it covers and its text.
pub struct HistoryIndex {
    /// Every commit reachable from this one is indexed.
    pub tip: Oid,
    text: String,
    /// Lookups so far; from the second one on, a map by path is built once and used.
    lookups: AtomicUsize,
    by_path: OnceLock<HashMap<String, Vec<Oid>>>,
}

impl HistoryIndex {
    fn new(tip: Oid, text: String) -> HistoryIndex {
        HistoryIndex {
            tip,
            text,
            lookups: AtomicUsize::new(0),
            by_path: OnceLock::new(),
        }
    }

    /// The commits that changed `path` (ledger-relative), parents before children.
    pub fn commits(&self, path: &str) -> Vec<Oid> {
        // One lookup (`history ID`) is cheapest as a substring search; many (`escalate`, `show`
        // reading several records) share a map built once.
        if self.lookups.fetch_add(1, Ordering::Relaxed) > 0 {
            return self.map().get(path).cloned().unwrap_or_default();
        }
        self.scan(path)
    }

    fn map(&self) -> &HashMap<String, Vec<Oid>> {
        self.by_path.get_or_init(|| {
            let mut map: HashMap<String, Vec<Oid>> = HashMap::new();
            let body = self.text.split_once('\n').map_or("", |(_, rest)| rest);
            for line in body.lines() {
                if line.starts_with("tip ") || line.starts_with(CHECK) {
                    continue;
                }
                if let Some((path, oid)) = split_line(line) {
                    map.entry(path.to_string()).or_default().push(oid);
                }
            }
            map
        })
    }

    fn scan(&self, path: &str) -> Vec<Oid> {
        let needle = format!("\n{path} ");
        find_all(&self.text, &needle)
            .filter_map(|at| {
                let start = at + needle.len();
                self.text
                    .get(start..start + 40)
                    .and_then(|h| Oid::from_str(h).ok())
            })
            .collect()
    }
}

/// Where `needle` occurs in `text` (a vectorised search: the index is tens of megabytes).
fn find_all<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
}

/// A line's path and commit.
fn split_line(line: &str) -> Option<(&str, Oid)> {
    let (path, commit) = line.rsplit_once(' ')?;
    Some((path, Oid::from_str(commit).ok()?))
}

/// The record files (ledger-relative paths) ever changed in HEAD's history whose id starts with
/// `prefix`, without loading any record: lets `history ID` resolve its id in milliseconds. It
/// includes records deleted since; callers wanting only current records check the snapshot.
pub fn paths_for_id_prefix(ledger: &Ledger, prefix: &str) -> Result<Vec<String>> {
    let Some(head) = ledger.head()? else {
        return Ok(Vec::new());
    };
    let idx = at(ledger, head.id())?;
    // A substring search over the file, then the line around each hit: no per-line work.
    let needle = format!("/{prefix}");
    let text = &idx.text;
    let mut out = Vec::new();
    for at in find_all(text, &needle) {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let Some((path, _)) = split_line(&text[start..end]) else {
            continue;
        };
        if path
            .rsplit_once('/')
            .is_some_and(|(_, f)| f.starts_with(prefix))
        {
            out.push(path.to_string());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The index file of this ledger.
fn file(ledger: &Ledger) -> std::path::PathBuf {
    cache::ledger_file(ledger, "history")
}

/// The index in `path` as far as its blocks check out, and the file's length. The file is a
/// chain of blocks, each `tip COMMIT`, its lines and a `check SUM` line: the first block's sum
/// covers everything before its check line (header included), each later block's covers the
/// previous sum's line and the block. A block that does not check out (a crash mid-append,
/// damage, a concurrent append that lost) ends the index there: what comes before it is a true
/// index of its own tip, brought forward from there like any older index.
fn load(path: &Path) -> Option<(HistoryIndex, usize)> {
    // Room for a block to be appended in place, so bringing it forward copies nothing.
    let mut bytes = Vec::new();
    let mut f = std::fs::File::open(path).ok()?;
    let size = f.metadata().ok()?.len() as usize;
    bytes.reserve_exact(size + (1 << 16));
    std::io::Read::read_to_end(&mut f, &mut bytes).ok()?;
    let mut text = String::from_utf8(bytes).ok()?;
    let file_len = text.len();
    if !text.starts_with(magic()) {
        return None;
    }
    let mut start = magic().len();
    let mut good_end = 0;
    let mut tip = None;
    let mut prev: Option<&str> = None;
    let needle = format!("\n{CHECK}");
    for at in find_all(&text, &needle) {
        let line = at + 1;
        if line < start {
            continue;
        }
        let Some(end) = text[line..].find('\n').map(|i| line + i) else {
            break;
        };
        let sum = &text[line + CHECK.len()..end];
        let computed = match prev {
            None => checksum(&text.as_bytes()[..line]),
            Some(p) => checksum(format!("{p}\n{}", &text[start..line]).as_bytes()),
        };
        if sum != format!("{computed:016x}") {
            break;
        }
        let Some(t) = text[start..]
            .strip_prefix("tip ")
            .and_then(|r| r.get(..40))
            .and_then(|h| Oid::from_str(h).ok())
        else {
            break;
        };
        tip = Some(t);
        prev = Some(sum);
        good_end = end + 1;
        start = good_end;
    }
    let tip = tip?;
    text.truncate(good_end);
    Some((HistoryIndex::new(tip, text), file_len))
}

/// The sum on the last `check` line of a loaded index's text.
fn last_sum(text: &str) -> Option<&str> {
    let line = text.trim_end_matches('\n').rsplit('\n').next()?;
    line.strip_prefix(CHECK)
}

/// The index last brought up to date in this process, so a command that reads many records'
/// histories loads the file once.
static LOADED: Mutex<Option<(PathBuf, Arc<HistoryIndex>)>> = Mutex::new(None);

/// The index this process already brought up to `tip`, if it did: asking costs no file access,
/// so a command reading many records' histories does not look HEAD up for each.
pub fn loaded(ledger: &Ledger, tip: Oid) -> Option<Arc<HistoryIndex>> {
    let path = file(ledger);
    let loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    loaded
        .as_ref()
        .filter(|(p, idx)| *p == path && idx.tip == tip)
        .map(|(_, idx)| Arc::clone(idx))
}

/// True when this ledger has an index on disk (or this process loaded one): then asking it costs
/// at most the commits it has not seen, where building one costs the whole history. A reader
/// of one record's past goes without it when there is none (`history::walk`).
///
/// A file left by another build (another header) does not count: it would be rebuilt whole.
/// A file whose blocks stop checking out part-way still counts: what checks out is brought
/// forward, which costs only the commits after it.
pub fn present(ledger: &Ledger) -> bool {
    let path = file(ledger);
    {
        let loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
        if loaded.as_ref().is_some_and(|(p, _)| *p == path) {
            return true;
        }
    }
    let mut head = vec![0; magic().len()];
    std::fs::File::open(&path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| head == magic().as_bytes())
}

/// Builds (or brings forward) the index at HEAD unless another process is already doing it
/// under the lock file beside it; true when this call did the work. The lock is the operating
/// system's (`flock`), so a build that is killed releases it; the index itself is written to a
/// temporary file and renamed, or appended as a checked block, so a killed build leaves at worst
/// a stray temporary file (removed here) and never a damaged index.
pub fn build_unless_busy(ledger: &Ledger) -> Result<bool> {
    let path = file(ledger);
    let Some(dir) = path.parent() else {
        return Ok(false);
    };
    std::fs::create_dir_all(dir)?;
    let lock_name = path
        .file_name()
        .map(|n| n.to_string_lossy().replace("history", "index-build"))
        .unwrap_or_else(|| "index-build".into());
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(format!("{lock_name}.lock")))?;
    if lock.try_lock().is_err() {
        return Ok(false);
    }
    remove_stray_temporaries(dir);
    if let Some(head) = ledger.head()? {
        at(ledger, head.id())?;
    }
    drop(lock);
    Ok(true)
}

/// Removes `history.tmp-PID` files whose process is gone (a build killed before its rename).
fn remove_stray_temporaries(dir: &Path) {
    let proc_fs = Path::new("/proc/self").exists();
    let Ok(items) = std::fs::read_dir(dir) else {
        return;
    };
    for item in items.flatten() {
        let name = item.file_name();
        let Some(pid) = name
            .to_string_lossy()
            .strip_prefix("history.tmp-")
            .map(str::to_string)
        else {
            continue;
        };
        let alive = !proc_fs || Path::new("/proc").join(&pid).exists();
        if !alive {
            let _ = std::fs::remove_file(item.path());
        }
    }
}

/// The index brought up to `head`: loaded, extended with the commits it has not seen, or rebuilt.
pub fn at(ledger: &Ledger, head: Oid) -> Result<Arc<HistoryIndex>> {
    let path = file(ledger);
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((p, idx)) = loaded.as_ref() {
        if *p == path && idx.tip == head {
            return Ok(Arc::clone(idx));
        }
    }
    let idx = Arc::new(bring_up_to(ledger, head)?);
    *loaded = Some((path, Arc::clone(&idx)));
    Ok(idx)
}

fn bring_up_to(ledger: &Ledger, head: Oid) -> Result<HistoryIndex> {
    let path = file(ledger);
    let old = load(&path);
    if let Some((idx, _)) = &old {
        if idx.tip == head {
            return Ok(old.expect("checked").0);
        }
    }
    super::load::fast_reads();
    let repo = &ledger.repo;
    let base = old.filter(|(idx, _)| repo.graph_descendant_of(head, idx.tip).unwrap_or(false));
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    let mut text = match &base {
        Some((idx, _)) => {
            walk.hide(idx.tip)?;
            format!("tip {head}\n")
        }
        None => format!("{}tip {head}\n", magic()),
    };
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    let commits = walk.collect::<std::result::Result<Vec<Oid>, _>>()?;
    git2::opts::enable_caching(false);
    let lines = if commits.len() < 500 {
        index_commits(repo, &ledger.prefix, &commits)
    } else {
        // Commits are independent of each other here: two threads, each with its own handle.
        let (a, b) = commits.split_at(commits.len() / 2);
        let git_dir = repo.path().to_path_buf();
        let prefix = ledger.prefix.as_str();
        std::thread::scope(|s| {
            let other = s.spawn(move || -> Result<String> {
                let r = Repository::open(&git_dir)?;
                index_commits(&r, prefix, b)
            });
            let mut mine = index_commits(repo, &ledger.prefix, a)?;
            mine.push_str(&other.join().expect("indexing thread")?);
            Ok::<_, crate::Error>(mine)
        })
    };
    git2::opts::enable_caching(true);
    text.push_str(&lines?);
    if let Some((idx, file_len)) = base {
        // Only the new block is written, after what checked out of the file.
        let prev = last_sum(&idx.text).unwrap_or_default().to_string();
        let sum = checksum(format!("{prev}\n{text}").as_bytes());
        text.push_str(&format!("{CHECK}{sum:016x}\n"));
        append(&path, idx.text.len(), file_len, &text);
        let mut all = idx.text;
        all.push_str(&text);
        return Ok(HistoryIndex::new(head, all));
    }
    save(&path, &text);
    let sum = checksum(text.as_bytes());
    text.push_str(&format!("{CHECK}{sum:016x}\n"));
    Ok(HistoryIndex::new(head, text))
}

/// Writes `block` at `at` (the end of what checked out), cutting off anything after it first;
/// a failure or a crash half-way only means the block does not check out and is read again.
fn append(path: &Path, at: usize, file_len: usize, block: &str) {
    use std::os::unix::fs::FileExt;
    let Ok(f) = std::fs::OpenOptions::new().write(true).open(path) else {
        return;
    };
    if file_len != at && f.set_len(at as u64).is_err() {
        return;
    }
    let _ = f.write_all_at(block.as_bytes(), at as u64);
}

/// The `PATH COMMIT` lines for `commits`, in their order.
fn index_commits(repo: &Repository, prefix: &str, commits: &[Oid]) -> Result<String> {
    let mut text = String::new();
    let mut memo = Memo::default();
    let progress = Progress::new(commits.len());
    for (n, &oid) in commits.iter().enumerate() {
        memo.next();
        progress.tick(n);
        let commit = repo.find_commit(oid)?;
        let now = ledger_tree(repo, &mut memo, prefix, commit.tree_id())?;
        // What changed against each parent, with the blob on either side.
        let mut per_parent: Vec<Vec<Change>> = Vec::new();
        if commit.parent_count() == 0 {
            let mut c = Vec::new();
            changes(
                repo,
                &mut memo,
                None,
                now.as_ref(),
                Scope::KindFolders,
                &mut c,
            )?;
            per_parent.push(c);
        }
        for parent in commit.parents() {
            let before = ledger_tree(repo, &mut memo, prefix, parent.tree_id())?;
            let mut c = Vec::new();
            changes(
                repo,
                &mut memo,
                before.as_ref(),
                now.as_ref(),
                Scope::KindFolders,
                &mut c,
            )?;
            per_parent.push(c);
        }
        let mut seen = HashSet::new();
        for change in per_parent.iter().flatten() {
            if seen.insert(change.path.as_str()) {
                text.push_str(&format!("{} {oid}\n", change.path));
            }
        }
    }
    Ok(text)
}

/// Replaces the index file in one step; a failure only means it is rebuilt next time.
fn save(path: &Path, text: &str) {
    write_checked(path, text);
    // Slips now come from the record files (`model::slips`); drop the side file older builds
    // kept beside the index.
    let _ = std::fs::remove_file(
        path.with_file_name(
            path.file_name()
                .map(|n| n.to_string_lossy().replace("history", "slips"))
                .unwrap_or_else(|| "slips".into()),
        ),
    );
}

/// Writes `text` and its checksum line under a temporary name, then renames it into place.
fn write_checked(path: &Path, text: &str) {
    let Some(dir) = path.parent() else { return };
    let _ = std::fs::create_dir_all(dir);
    let tmp = dir.join(format!("history.tmp-{}", std::process::id()));
    let footer = format!("{CHECK}{:016x}\n", checksum(text.as_bytes()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        use std::io::Write;
        f.write_all(text.as_bytes())?;
        f.write_all(footer.as_bytes())
    });
    if written.is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// A 64-bit checksum of the index text (not cryptographic: it catches truncation and damage,
/// at several gigabytes a second, so checking 14 MB costs a few milliseconds).
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h: u64 = bytes.len() as u64 ^ K;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

/// A progress line on a terminal while a long history is indexed (the first time only).
struct Progress {
    total: usize,
    on: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            on: total > 5_000 && std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self, n: usize) {
        if self.on && n.is_multiple_of(2_000) {
            eprint!(
                "\rledger: indexing history (once; kept afterwards)… {}%",
                n * 100 / self.total
            );
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.on {
            eprintln!(
                "\rledger: indexed {} commits.                                  ",
                self.total
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository with a ledger at its root; commits are made with libgit2 directly.
    struct World {
        _tmp: tempfile::TempDir,
        ledger: Ledger,
        time: std::cell::Cell<i64>,
    }

    const A: &str = "commitments/2026/03/com-aaaaaaaaaaaa.yaml";
    const B: &str = "asks/2026/03/ask-bbbbbbbbbbbb.yaml";

    impl World {
        fn new() -> World {
            let tmp = tempfile::tempdir().unwrap();
            let repo = Repository::init(tmp.path()).unwrap();
            drop(repo);
            std::fs::write(tmp.path().join("ledger.yaml"), "version: 1\n").unwrap();
            let ledger = Ledger::open_root(tmp.path()).unwrap();
            let w = World {
                _tmp: tmp,
                ledger,
                time: std::cell::Cell::new(1_700_000_000),
            };
            w.commit(&[("ledger.yaml", "version: 1\n")], &[]);
            w
        }

        /// Commits `files` on top of `parents` (HEAD moves to it) and returns its id.
        fn commit(&self, files: &[(&str, &str)], parents: &[Oid]) -> Oid {
            let repo = &self.ledger.repo;
            let mut index = repo.index().unwrap();
            if let Some(p) = parents.first() {
                index
                    .read_tree(&repo.find_commit(*p).unwrap().tree().unwrap())
                    .unwrap();
            }
            for (path, text) in files {
                let blob = repo.blob(text.as_bytes()).unwrap();
                let mut e = git2::IndexEntry {
                    ctime: git2::IndexTime::new(0, 0),
                    mtime: git2::IndexTime::new(0, 0),
                    dev: 0,
                    ino: 0,
                    mode: 0o100644,
                    uid: 0,
                    gid: 0,
                    file_size: 0,
                    id: blob,
                    flags: 0,
                    flags_extended: 0,
                    path: path.as_bytes().to_vec(),
                };
                e.flags = path.len().min(0xfff) as u16;
                index.add(&e).unwrap();
            }
            let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
            self.time.set(self.time.get() + 60);
            let sig =
                git2::Signature::new("T", "t@example.com", &git2::Time::new(self.time.get(), 0))
                    .unwrap();
            let parents: Vec<git2::Commit<'_>> = parents
                .iter()
                .map(|p| repo.find_commit(*p).unwrap())
                .collect();
            let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
            let oid = repo
                .commit(None, &sig, &sig, "change", &tree, &refs)
                .unwrap();
            repo.set_head_detached(oid).unwrap();
            oid
        }

        fn head(&self) -> Oid {
            self.ledger.head().unwrap().unwrap().id()
        }

        /// What a from-scratch index says for `path` at `head`.
        fn rebuilt(&self, head: Oid, path: &str) -> Vec<Oid> {
            let _ = std::fs::remove_file(file(&self.ledger));
            at(&self.ledger, head).unwrap().commits(path)
        }
    }

    #[test]
    fn extends_with_new_commits_and_agrees_with_a_rebuild() {
        let w = World::new();
        let c1 = w.commit(&[(A, "v1")], &[w.head()]);
        let c2 = w.commit(&[(B, "b1")], &[c1]);
        let idx = at(&w.ledger, c2).unwrap();
        assert_eq!(idx.commits(A), vec![c1]);
        let c3 = w.commit(&[(A, "v2")], &[c2]);
        let c4 = w.commit(&[(A, "v3"), (B, "b2")], &[c3]);
        let idx = at(&w.ledger, c4).unwrap();
        assert_eq!(idx.tip, c4);
        assert_eq!(idx.commits(A), vec![c1, c3, c4]);
        assert_eq!(idx.commits(B), vec![c2, c4]);
        // The extension kept the earlier lines rather than rebuilding.
        assert!(
            idx.text.contains(&format!("{A} {c1}\n{B} {c2}\n")),
            "{}",
            idx.text
        );
        assert_eq!(w.rebuilt(c4, A), vec![c1, c3, c4]);
        assert_eq!(w.rebuilt(c4, B), vec![c2, c4]);
    }

    #[test]
    fn a_truncated_or_damaged_file_is_not_read() {
        let w = World::new();
        let c1 = w.commit(&[(A, "v1")], &[w.head()]);
        let c2 = w.commit(&[(B, "b1")], &[c1]);
        at(&w.ledger, c2).unwrap();
        let path = file(&w.ledger);
        let whole = std::fs::read_to_string(&path).unwrap();
        assert!(load(&path).is_some_and(|(idx, _)| idx.commits(B) == vec![c2]));
        // Cut after the first record line, or one character changed: both are refused.
        let cut = whole.find(&format!("{A} {c1}\n")).unwrap() + A.len() + 42;
        std::fs::write(&path, &whole[..cut]).unwrap();
        assert!(load(&path).is_none());
        std::fs::write(&path, whole.replacen(A, &A.replace('a', "b"), 1)).unwrap();
        assert!(load(&path).is_none());
        std::fs::write(&path, &whole).unwrap();
        assert!(load(&path).is_some());
    }

    #[test]
    fn finds_record_files_by_id_prefix() {
        let w = World::new();
        let c1 = w.commit(&[(A, "v1"), (B, "b1")], &[w.head()]);
        w.commit(&[(A, "v2")], &[c1]);
        assert_eq!(
            paths_for_id_prefix(&w.ledger, "com-aaa").unwrap(),
            vec![A.to_string()]
        );
        assert_eq!(
            paths_for_id_prefix(&w.ledger, "ask-").unwrap(),
            vec![B.to_string()]
        );
        assert!(paths_for_id_prefix(&w.ledger, "dec-").unwrap().is_empty());
    }

    #[test]
    fn a_reset_to_an_older_commit_drops_later_changes() {
        let w = World::new();
        let c1 = w.commit(&[(A, "v1")], &[w.head()]);
        let c2 = w.commit(&[(A, "v2")], &[c1]);
        assert_eq!(at(&w.ledger, c2).unwrap().commits(A), vec![c1, c2]);
        // A different commit on top of c1, as after `git reset --hard c1` and a new commit.
        let c3 = w.commit(&[(A, "v3")], &[c1]);
        let idx = at(&w.ledger, c3).unwrap();
        assert_eq!(idx.commits(A), vec![c1, c3]);
        assert_eq!(w.rebuilt(c3, A), vec![c1, c3]);
    }

    #[test]
    fn a_merge_lists_what_differs_from_a_parent() {
        let w = World::new();
        let base = w.commit(&[(A, "v1"), (B, "b1")], &[w.head()]);
        let left = w.commit(&[(A, "v2")], &[base]);
        let right = w.commit(&[(B, "b2")], &[base]);
        let merge = w.commit(&[(A, "v2"), (B, "b2")], &[left, right]);
        let idx = at(&w.ledger, merge).unwrap();
        let a = idx.commits(A);
        assert_eq!(a.first(), Some(&base));
        assert!(
            a.contains(&left) && a.contains(&merge) && !a.contains(&right),
            "{a:?}"
        );
        assert_eq!(w.rebuilt(merge, A).len(), a.len());
    }
}
