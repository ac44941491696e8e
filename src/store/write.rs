//! Recording a change: one commit built from the parent's tree, the branch moved atomically, then
//! the index and work tree brought in step. A journal makes an interrupted run finish or vanish.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use git2::{Commit, FileMode, Oid, Tree};

use super::clean::{check_clean, check_paths_clean};
use super::index_lock::{IndexLock, LockFile};
use super::journal::{self, Journal, Owner};
use super::lock::{self, WriteLock};
use super::message::{one_line, Message};
use super::read::{self, Entry, FileRef};
use super::repo::Ledger;
use super::workdir::{recover, sync_workdir};
use super::{codec, layout};
use super::{hooks, identity, restore, sign};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Kind, People, RecordId};

/// A write in progress: holds the lock and the parent commit.
pub struct Txn<'a> {
    ledger: &'a Ledger,
    _lock: WriteLock,
    parent: Option<Commit<'a>>,
    new_ids: usize,
    /// Record files already looked up, by id.
    found: std::cell::RefCell<std::collections::HashMap<RecordId, Option<FileRef>>>,
    /// Where records were last seen, and the ids of a tree, from a cache above the store.
    cache: Option<&'a dyn Locate>,
}

/// What a cache kept above the store (the query view) can tell a change: where a record was
/// filed (paths never change, so a stale answer is still a good hint; the change checks it in
/// its own tree) and every record id of a commit, when it knows them for that very commit.
pub trait Locate {
    /// Ledger-relative paths where `id` may be filed.
    fn paths(&self, ledger: &Ledger, id: &RecordId) -> Vec<String>;
    /// Every record id of `commit`'s ledger, if known for exactly that commit.
    fn ids(&self, ledger: &Ledger, commit: Oid) -> Result<Option<Vec<RecordId>>>;
}

impl<'a> Txn<'a> {
    /// The ledger this change is made in.
    pub fn ledger(&self) -> &'a Ledger {
        self.ledger
    }

    /// Takes the write lock and finishes any interrupted change. Hand edits are checked when
    /// committing, on exactly the files the change writes (see [`Txn::commit`]).
    pub fn begin(ledger: &'a Ledger) -> Result<Txn<'a>> {
        // libgit2's process-wide options (no re-hashing, folders kept in its cache) are set
        // once by the binary at start-up: `store::repo::configure_libgit2`.
        let lock = lock::acquire(&ledger.state_dir())?;
        recover(ledger)?;
        refuse_unfinished_git(ledger)?;
        let parent = ledger.head()?;
        let lost = restore::lost(ledger, parent.as_ref())?;
        let mut txn = Txn {
            ledger,
            _lock: lock,
            parent,
            new_ids: 0,
            found: Default::default(),
            cache: None,
        };
        if !lost.is_empty() {
            txn.restore(&lost)?;
        }
        Ok(txn)
    }

    /// Puts back records a plain git commit took back since ledger's last change, in a commit
    /// of their own (see [`restore`]).
    fn restore(&mut self, lost: &[restore::Lost]) -> Result<Oid> {
        let mut root = Dir::default();
        let mut message = Message::new(
            super::message::subject(
                "ledger",
                "restores",
                &format!("{} record(s)", lost.len()),
                "a plain git commit took them back",
            ),
            "restore",
        );
        for l in lost {
            root.insert(&l.path, l.blob);
            message = message.body(format!(
                "{} was {} by a git commit made from an outdated index; restored as ledger last committed it.",
                l.path, l.what
            ));
            eprintln!(
                "ledger: restored {}, which a plain git commit had {} (records are never deleted; `ledger verify` names that commit)",
                l.path, l.what
            );
        }
        for l in lost {
            let rel = l
                .path
                .strip_prefix(self.ledger.prefix.as_str())
                .unwrap_or(&l.path);
            if let layout::PathRole::Record(_, id) = layout::classify(rel) {
                message = message.record(&id);
            }
        }
        let paths = lost.iter().map(|l| l.path.clone()).collect();
        self.finish(Change::Restore(root, &message), paths)
    }

    /// Uses `cache` to find records and list ids faster; answers stay those of the tree.
    pub fn with_cache(mut self, cache: &'a dyn Locate) -> Txn<'a> {
        self.cache = Some(cache);
        self
    }

    /// Like [`Txn::begin`], refusing when any of the ledger's files has uncommitted changes: for
    /// a merge (`sync`), which may rewrite any record.
    pub fn begin_all_clean(ledger: &'a Ledger) -> Result<Txn<'a>> {
        let txn = Txn::begin(ledger)?;
        check_clean(ledger)?;
        Ok(txn)
    }

    /// The commit this change builds on.
    pub fn parent(&self) -> Option<&Commit<'a>> {
        self.parent.as_ref()
    }

    fn parent_tree(&self) -> Result<Option<Tree<'a>>> {
        Ok(match &self.parent {
            Some(c) => Some(c.tree()?),
            None => None,
        })
    }

    /// Ids of every record in the parent commit (see [`ids_at`]).
    pub fn ids(&mut self) -> Result<Vec<RecordId>> {
        match &self.parent {
            Some(c) => ids_at(self.ledger, c.id(), self.cache),
            None => Ok(Vec::new()),
        }
    }

    /// True when the parent commit has a record with this exact id.
    pub fn exists(&self, id: &RecordId) -> Result<bool> {
        Ok(self.find(id)?.is_some())
    }

    /// The record file of `id` in the parent commit, looked up folder by folder (a kind's folder
    /// holds a folder per year and month) and where the cache saw it, never by listing every
    /// record.
    fn find(&self, id: &RecordId) -> Result<Option<FileRef>> {
        if let Some(f) = self.found.borrow().get(id) {
            return Ok(f.clone());
        }
        let f = self.search(id)?;
        self.found.borrow_mut().insert(id.clone(), f.clone());
        Ok(f)
    }

    fn search(&self, id: &RecordId) -> Result<Option<FileRef>> {
        let Some(tree) = self.parent_tree()? else {
            return Ok(None);
        };
        let repo = &self.ledger.repo;
        let kind_dir = self.ledger.repo_path(id.kind().folder());
        let Ok(kind) = tree.get_path(Path::new(&kind_dir)) else {
            return Ok(None);
        };
        if kind.kind() != Some(git2::ObjectType::Tree) {
            return Ok(None);
        }
        // The month folders, newest first (a year folder holds a dozen; reading them is cheap).
        let kind = repo.find_tree(kind.id())?;
        let mut months = Vec::new();
        for year in kind
            .iter()
            .rev()
            .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
        {
            let year_tree = repo.find_tree(year.id())?;
            for month in year_tree.iter().rev() {
                if month.kind() == Some(git2::ObjectType::Tree) {
                    let y = year.name().unwrap_or_default().to_string();
                    months.push((y, month.name().unwrap_or_default().to_string(), month.id()));
                }
            }
        }
        let name = format!("{id}.yaml");
        let look = |(y, m, tree_id): &(String, String, Oid)| -> Result<Option<FileRef>> {
            let month_tree = repo.find_tree(*tree_id)?;
            let found = month_tree.get_name(&name).map(|e| FileRef {
                path: format!("{}/{y}/{m}/{name}", id.kind().folder()),
                blob: e.id(),
            });
            Ok(found)
        };
        // A record changed is most often a recent one: the last two months first, then where
        // the cache last saw it (checked in this tree), then every other month.
        let (recent, older) = months.split_at(months.len().min(2));
        for m in recent {
            if let Some(f) = look(m)? {
                return Ok(Some(f));
            }
        }
        let hints = self
            .cache
            .map(|c| c.paths(self.ledger, id))
            .unwrap_or_default();
        for hint in hints {
            if let Ok(e) = tree.get_path(Path::new(&self.ledger.repo_path(&hint))) {
                if e.kind() == Some(git2::ObjectType::Blob) {
                    return Ok(Some(FileRef {
                        path: hint,
                        blob: e.id(),
                    }));
                }
            }
        }
        for m in older {
            if let Some(f) = look(m)? {
                return Ok(Some(f));
            }
        }
        Ok(None)
    }

    /// Reads the record with this exact id from the parent commit.
    pub fn read(&mut self, id: &RecordId) -> Result<Entry> {
        let file = self.find(id)?.ok_or_else(|| {
            Error::user(format!("no record {id} in the ledger")).of_kind(ErrorKind::NotFound)
        })?;
        let blob = self.ledger.repo.find_blob(file.blob)?;
        match codec::parse_record(id.kind(), blob.content()) {
            Ok(record) => Ok(Entry { path: file.path, blob: file.blob, record }),
            Err(e) => Err(Error::data(format!(
                "{}:{}:{}: {}",
                file.path,
                e.line.unwrap_or(1),
                e.column.unwrap_or(1),
                e.message
            ))
            .of_kind(ErrorKind::InvalidRecord)
            .hint("fix the file by hand (`ledger check` lists every problem) before changing this record")),
        }
    }

    /// Reads the ledger's settings (`ledger.yaml`) from the parent commit; the defaults when
    /// there is none.
    pub fn config(&mut self) -> Result<super::config::Config> {
        let Some(tree) = self.parent_tree()? else {
            return Ok(Default::default());
        };
        let Ok(entry) = tree.get_path(Path::new(&self.ledger.repo_path(layout::CONFIG_FILE)))
        else {
            return Ok(Default::default());
        };
        let blob = self.ledger.repo.find_blob(entry.id())?;
        codec::parse(blob.content()).map_err(|e| {
            Error::data(format!(
                "{}:{}: {}",
                layout::CONFIG_FILE,
                e.line.unwrap_or(1),
                e.message
            ))
            .of_kind(ErrorKind::InvalidRecord)
            .hint("fix ledger.yaml by hand; `ledger check` validates it")
        })
    }

    /// Reads the people file from the parent commit.
    pub fn people(&mut self) -> Result<People> {
        let Some(tree) = self.parent_tree()? else {
            return Ok(People::default());
        };
        let Ok(entry) = tree.get_path(Path::new(&self.ledger.repo_path(layout::PEOPLE_FILE)))
        else {
            return Ok(People::default());
        };
        let blob = self.ledger.repo.find_blob(entry.id())?;
        codec::parse_people(blob.content()).map_err(|e| {
            Error::data(format!(
                "{}:{}: {}",
                layout::PEOPLE_FILE,
                e.line.unwrap_or(1),
                e.message
            ))
            .of_kind(ErrorKind::InvalidRecord)
            .hint("fix the people file by hand; `ledger check` validates it")
        })
    }

    /// A fresh id of `kind`: random, or derived from `LEDGER_SEED` and the parent commit when that
    /// is set, so tests and demos are repeatable.
    pub fn new_id(&mut self, kind: Kind) -> Result<RecordId> {
        loop {
            self.new_ids += 1;
            // An empty LEDGER_SEED is unset: repeatable ids must be asked for, never the
            // accident of a blank variable (clones would then make the same ids).
            let bytes = match std::env::var("LEDGER_SEED").ok().filter(|s| !s.is_empty()) {
                Some(seed) => {
                    let parent = self
                        .parent
                        .as_ref()
                        .map(|c| c.id().to_string())
                        .unwrap_or_default();
                    let material = format!("{seed}\n{parent}\n{}", self.new_ids);
                    let oid = Oid::hash_object(git2::ObjectType::Blob, material.as_bytes())?;
                    let mut b = [0u8; 8];
                    b.copy_from_slice(&oid.as_bytes()[..8]);
                    b
                }
                None => {
                    let mut b = [0u8; 8];
                    getrandom::fill(&mut b)
                        .map_err(|e| Error::env(format!("no randomness for a new id: {e}")))?;
                    b
                }
            };
            let id = RecordId::from_random(kind, bytes);
            if !self.exists(&id)? {
                return Ok(id);
            }
        }
    }

    /// Commits `writes` (ledger-relative path, new content) with `message`, moves the branch,
    /// and brings the index and work tree in step. Returns the new commit.
    pub fn commit(mut self, writes: Vec<(String, String)>, message: &Message) -> Result<Oid> {
        self.commit_first(writes, message)
    }

    /// Commits `writes` like [`Txn::commit`] and keeps the change open on top of the new commit:
    /// for a commit that must come before the one the command makes (recurring commitments'
    /// catch-up).
    pub fn commit_first(
        &mut self,
        writes: Vec<(String, String)>,
        message: &Message,
    ) -> Result<Oid> {
        let repo = &self.ledger.repo;
        let mut root = Dir::default();
        let mut paths = Vec::new();
        for (rel, content) in &writes {
            if content.len() > codec::MAX_FILE_BYTES {
                return Err(too_large(rel, content.len()));
            }
            unreadable(rel, content)?;
            let full = self.ledger.repo_path(rel);
            let oid = repo.blob(content.as_bytes())?;
            root.insert(&full, oid);
            paths.push(full);
        }
        self.finish(Change::Commit(root, message), paths)
    }

    /// Commits existing blobs at repository paths, `None` removing the file: `undo`, which puts
    /// back the versions a commit replaced (and removes the records it made), one commit.
    pub fn commit_blobs(
        mut self,
        files: Vec<(String, Option<Oid>)>,
        message: &Message,
    ) -> Result<Oid> {
        let mut root = Dir::default();
        let mut paths = Vec::new();
        for (full, oid) in files {
            root.set(&full, oid);
            paths.push(full);
        }
        self.finish(Change::Commit(root, message), paths)
    }

    /// Commits `tree` as a merge of the parent and `other` (sync), then moves the branch and
    /// brings the index and work tree in step like any other change.
    pub(crate) fn commit_merge(mut self, tree: Oid, other: Oid, message: &Message) -> Result<Oid> {
        let repo = &self.ledger.repo;
        let new = repo.find_tree(tree)?;
        let paths = super::diff::changed_paths(repo, self.parent_tree()?.as_ref(), Some(&new))?;
        self.finish(Change::Merge(tree, other, message), paths)
    }

    /// Moves the branch forward to `to`, a descendant of the parent (sync with nothing to merge).
    pub(crate) fn fast_forward(mut self, to: Oid) -> Result<()> {
        let repo = &self.ledger.repo;
        let new = repo.find_commit(to)?.tree()?;
        let paths = super::diff::changed_paths(repo, self.parent_tree()?.as_ref(), Some(&new))?;
        self.finish(Change::FastForward(to), paths).map(|_| ())
    }

    /// Makes the change under git's index lock: builds its commit on the branch as it is now,
    /// moves the branch, brings the work tree and index in step, and only then lets git at the
    /// index again. A plain git commit that moved the branch since the change read it is built
    /// on, when it left the change's files alone.
    fn finish(&mut self, change: Change<'_>, paths: Vec<String>) -> Result<Oid> {
        let repo = &self.ledger.repo;
        let state = self.ledger.state_dir();
        let branch = branch_name(repo)?;
        let limit = lock::timeout()?;
        // The journal names the lock before it exists: if this process is killed at any
        // moment, the next command can prove the lock is a dead process's and take it over.
        let mut journal = Journal {
            owner: Some(Owner::me()),
            parent: self.parent.as_ref().map(|c| c.id()),
            commit: None,
            paths: paths.clone(),
            locks: Vec::new(),
        };
        // Until the branch moves, a failure means nothing happened: the journal goes with it
        // (the index lock goes when it is dropped), so no later command mistakes this live
        // process for one in the middle of a change.
        let forget = |e: Error| {
            let _ = Journal::clear(&state);
            e
        };
        let index_lock = IndexLock::acquire(repo.path(), &state, limit, |locks| {
            journal.locks = locks.to_vec();
            journal.save(&state, false)
        })
        .map_err(forget)?;
        journal::crash_point("index-locked");
        let mut attempts = 0;
        loop {
            attempts += 1;
            let lost = self.catch_up(&branch, &change, &paths).map_err(forget)?;
            if !lost.is_empty() {
                // The git commit the change is catching up with took back records of ledger's:
                // put them back first, then make the change on top.
                drop(index_lock);
                Journal::clear(&state)?;
                self.restore(&lost)?;
                return self.finish(change, paths);
            }
            let oid = self
                .make_commit(&change, &paths, &index_lock)
                .map_err(forget)?;
            journal.parent = self.parent.as_ref().map(|c| c.id());
            journal.commit = Some(oid);
            journal.locks.truncate(2);
            journal.save(&state, true).map_err(forget)?;
            journal::crash_point("journal");
            let log = format!("ledger: {}", change.summary());
            match self
                .move_branch(&branch, &mut journal, &log, limit)
                .map_err(forget)?
            {
                Moved::Yes => {}
                Moved::Raced if attempts < 5 => continue,
                Moved::Raced => {
                    Journal::clear(&state)?;
                    return Err(Error::env(format!(
                        "the branch {branch} kept moving while recording; nothing was recorded"
                    ))
                    .of_kind(ErrorKind::BranchMoved)
                    .hint("run the command again"));
                }
            }
            journal::crash_point("branch");
            sync_workdir(self.ledger, &journal, index_lock).map_err(|e| recorded_but(e, oid))?;
            journal::crash_point("index");
            Journal::clear(&state)?;
            restore::remember(self.ledger, oid);
            self.parent = Some(repo.find_commit(oid)?);
            self.found.borrow_mut().clear();
            return Ok(oid);
        }
    }

    /// Brings the change's parent up to the branch's tip when a plain git command moved it
    /// after the change read its records: allowed when the tip has the same versions of the
    /// files the change writes (what it read is still true), refused otherwise.
    fn catch_up(
        &mut self,
        branch: &str,
        change: &Change<'_>,
        paths: &[String],
    ) -> Result<Vec<restore::Lost>> {
        let repo = &self.ledger.repo;
        let tip = repo.refname_to_id(branch).ok();
        let parent = self.parent.as_ref().map(|c| c.id());
        if tip == parent {
            return Ok(Vec::new());
        }
        let moved = || {
            Error::env(format!(
                "the branch {branch} moved while recording (now at {}); nothing was recorded",
                tip.map(|t| t.to_string()[..10].to_string())
                    .unwrap_or_default()
            ))
            .of_kind(ErrorKind::BranchMoved)
            .hint("run the command again")
        };
        let (Change::Commit(..) | Change::Restore(..), Some(tip)) = (change, tip) else {
            return Err(moved());
        };
        let new = repo.find_commit(tip)?;
        // Records the new commits took back are put back before the change (the caller
        // restores them), so for those paths what counts is the version put back.
        let lost = match change {
            Change::Commit(..) => restore::lost(self.ledger, Some(&new))?,
            _ => Vec::new(),
        };
        let (old_tree, new_tree) = (self.parent_tree()?, new.tree()?);
        let blob = |t: Option<&Tree<'_>>, p: &str| {
            t.and_then(|t| t.get_path(Path::new(p)).ok())
                .map(|e| e.id())
        };
        let after = |p: &str| match lost.iter().find(|l| l.path == p) {
            Some(l) => Some(l.blob),
            None => blob(Some(&new_tree), p),
        };
        let changed: Vec<&String> = paths
            .iter()
            .filter(|p| blob(old_tree.as_ref(), p) != after(p))
            .collect();
        if let Some(p) = changed.first() {
            return Err(Error::env(format!(
                "{p} was changed by another commit ({}) while recording; nothing was recorded",
                &tip.to_string()[..10]
            ))
            .of_kind(ErrorKind::BranchMoved)
            .hint("run the command again: it will start from the record as it is now"));
        }
        self.parent = Some(new);
        self.found.borrow_mut().clear();
        Ok(lost)
    }

    /// Writes the commit object of `change` on the current parent (nothing refers to it yet).
    fn make_commit(
        &self,
        change: &Change<'_>,
        paths: &[String],
        index_lock: &IndexLock,
    ) -> Result<Oid> {
        let repo = &self.ledger.repo;
        let (tree_id, other, message) = match change {
            Change::FastForward(to) => return Ok(*to),
            Change::Commit(root, message) => {
                check_paths_clean(self.ledger, self.parent.as_ref(), paths, index_lock)?;
                let base = self.parent_tree()?;
                (write_dir(repo, base.as_ref(), root)?, None, *message)
            }
            Change::Restore(root, message) => {
                let base = self.parent_tree()?;
                (write_dir(repo, base.as_ref(), root)?, None, *message)
            }
            Change::Merge(tree, other, message) => (*tree, Some(*other), *message),
        };
        let (author, committer) = identity::author_and_committer(repo)?;
        let tree = repo.find_tree(tree_id)?;
        let other = other.map(|o| repo.find_commit(o)).transpose()?;
        let parents: Vec<&Commit<'_>> = self.parent.iter().chain(other.iter()).collect();
        let parent_tree = self.parent_tree()?;
        let text = match change {
            Change::Commit(..) | Change::Restore(..) => {
                hooks::pre_commit(self.ledger, &tree)?;
                hooks::commit_msg(self.ledger, &message.render())?
            }
            // A merge joins commits that were each checked when they were made.
            _ => message.render(),
        };
        let oid = if sign::wanted(self.ledger, parent_tree.as_ref()) {
            let ids: Vec<Oid> = parents.iter().map(|c| c.id()).collect();
            sign::commit(self.ledger, &author, &committer, &text, tree_id, &ids)?
        } else {
            repo.commit(
                None,
                &author.signature()?,
                &committer.signature()?,
                &text,
                &tree,
                &parents,
            )?
        };
        journal::crash_point("objects");
        Ok(oid)
    }

    /// Moves `branch` from the parent to the journal's commit under the branch's own lock,
    /// whose identity goes into the journal first. `Raced` when a git command moved the branch
    /// between the change's look at it and the lock.
    fn move_branch(
        &self,
        branch: &str,
        journal: &mut Journal,
        log: &str,
        limit: std::time::Duration,
    ) -> Result<Moved> {
        let repo = &self.ledger.repo;
        let state = self.ledger.state_dir();
        let Some(commit) = journal.commit else {
            return Err(Error::env(
                "internal: the journal names no commit to move to",
            ));
        };
        // The branch's lock, made the way the index lock is, so that it too is provably ours.
        let ref_lock = LockFile::acquire(&repo.path().join(branch), &state, limit, |locks| {
            locks
                .iter()
                .try_for_each(|(p, id)| journal.add_lock(&state, p, *id))
        })
        .map_err(|e| e.of_kind(ErrorKind::LockTimeout))?;
        journal::crash_point("branch-locked");
        let old = repo.refname_to_id(branch).ok();
        if old != journal.parent {
            return Ok(Moved::Raced);
        }
        ref_lock
            .commit(|f| Ok(f.write_all(format!("{commit}\n").as_bytes())?))
            .map_err(|e| {
                Error::env(format!(
                    "could not move the branch {branch} ({}); nothing was recorded",
                    e.message
                ))
                .hint("run the command again")
            })?;
        let committer = identity::author_and_committer(repo)?.1;
        reflog(repo, branch, old, commit, &committer.signature()?, log);
        Ok(Moved::Yes)
    }
}

/// Appends the branch move to the branch's reflog and HEAD's, in git's format, as git does for
/// a commit. A reflog that cannot be written costs the reflog line, never the change.
fn reflog(
    repo: &git2::Repository,
    branch: &str,
    old: Option<Oid>,
    new: Oid,
    who: &git2::Signature<'_>,
    message: &str,
) {
    let when = who.when();
    let offset = when.offset_minutes();
    let sign = if offset < 0 { '-' } else { '+' };
    let line = format!(
        "{} {new} {} <{}> {} {sign}{:02}{:02}\t{}\n",
        old.unwrap_or_else(Oid::zero),
        who.name().unwrap_or_default(),
        who.email().unwrap_or_default(),
        when.seconds(),
        offset.abs() / 60,
        offset.abs() % 60,
        message.replace('\n', " ")
    );
    // `branch` is the one HEAD names (see `branch_name`), so HEAD's log gets the line too.
    for path in [
        repo.path().join("logs").join(branch),
        repo.path().join("logs/HEAD"),
    ] {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

/// What a [`Txn`] writes.
enum Change<'m> {
    /// New file versions in folders of the parent's tree.
    Commit(Dir, &'m Message),
    /// Records put back as ledger last committed them; their work-tree files may hold that
    /// very content already (a stale index left them untracked).
    Restore(Dir, &'m Message),
    /// A merge's tree and the other side's commit.
    Merge(Oid, Oid, &'m Message),
    /// The branch moved forward to an existing commit.
    FastForward(Oid),
}

impl Change<'_> {
    /// The reflog line's subject.
    fn summary(&self) -> String {
        match self {
            Change::Commit(_, m) | Change::Restore(_, m) | Change::Merge(_, _, m) => {
                one_line(&m.subject, 60)
            }
            Change::FastForward(_) => "sync (fast-forward)".into(),
        }
    }
}

/// Whether the branch moved.
enum Moved {
    Yes,
    Raced,
}

/// The branch HEAD names (`refs/heads/main`), also when it has no commit yet.
fn branch_name(repo: &git2::Repository) -> Result<String> {
    Ok(match repo.head() {
        Ok(h) => h.name().unwrap_or("refs/heads/main").to_string(),
        Err(_) => repo
            .find_reference("HEAD")?
            .symbolic_target()
            .unwrap_or("refs/heads/main")
            .to_string(),
    })
}

/// Refuses to record while git is in the middle of something (a rebase, a merge, a bisect) or
/// HEAD is detached, naming what git is doing and how to finish it.
fn refuse_unfinished_git(ledger: &Ledger) -> Result<()> {
    use git2::RepositoryState as S;
    let doing = match ledger.repo.state() {
        S::Clean => None,
        S::Merge => Some(("a merge", "git merge --continue (or --abort)")),
        S::Revert | S::RevertSequence => Some(("a revert", "git revert --continue (or --abort)")),
        S::CherryPick | S::CherryPickSequence => {
            Some(("a cherry-pick", "git cherry-pick --continue (or --abort)"))
        }
        S::Bisect => Some(("a bisect", "git bisect reset")),
        S::Rebase | S::RebaseInteractive | S::RebaseMerge => {
            Some(("a rebase", "git rebase --continue (or --abort)"))
        }
        S::ApplyMailbox | S::ApplyMailboxOrRebase => {
            Some(("a git am", "git am --continue (or --abort)"))
        }
    };
    if let Some((what, finish)) = doing {
        return Err(Error::user(format!(
            "the ledger's repository is in the middle of {what}; nothing was recorded"
        ))
        .of_kind(ErrorKind::Refused)
        .hint(format!(
            "finish it first ({finish}), then run the command again"
        )));
    }
    if ledger.repo.head_detached().unwrap_or(false) {
        return Err(Error::user(
            "the ledger's repository has a detached HEAD; records are committed to a branch",
        )
        .of_kind(ErrorKind::Refused)
        .hint("check out the ledger's branch first: git checkout main"));
    }
    Ok(())
}

/// A failure after the branch moved: the change is recorded; only the work tree or index lags.
fn recorded_but(e: Error, oid: Oid) -> Error {
    Error::env(format!(
        "recorded as commit {}, but the work tree and index could not be brought in step: {}",
        &oid.to_string()[..10],
        e.message
    ))
    .hint("do not record it again; the next ledger command finishes bringing the work tree in step")
}

/// Refuses a record file that the readers would not read back (each limit of theirs, such as
/// how deeply brackets may nest, is a limit of the writers too): what is recorded must never
/// drop out of every later answer.
fn unreadable(path: &str, content: &str) -> Result<()> {
    let layout::PathRole::Record(kind, _) = layout::classify(path) else {
        return Ok(());
    };
    match codec::parse_record(kind, content.as_bytes()) {
        Ok(_) => Ok(()),
        Err(e) => Err(Error::user(format!(
            "{path} would not be readable ({}); nothing was recorded",
            e.message
        ))
        .hint("shorten or rephrase the text (for long or structured text, record a link to it instead)")),
    }
}

/// The refusal for a file over the size every reader accepts.
fn too_large(path: &str, len: usize) -> Error {
    Error::user(format!(
        "{path} would be {len} bytes, more than the {} bytes a ledger file may have; nothing was recorded",
        codec::MAX_FILE_BYTES
    ))
    .of_kind(ErrorKind::Refused)
    .hint("keep long text elsewhere (a document, a wiki page) and record a link to it, or an --evidence URL")
}

/// Every record id in `commit`'s ledger tree (the cache's, when it knows that very tree).
pub fn ids_at(ledger: &Ledger, commit: Oid, cache: Option<&dyn Locate>) -> Result<Vec<RecordId>> {
    if let Some(ids) = cache.map(|c| c.ids(ledger, commit)).transpose()?.flatten() {
        return Ok(ids);
    }
    let tree = ledger.repo.find_commit(commit)?.tree()?;
    Ok(read::list_tree(ledger, &tree)?
        .iter()
        .filter_map(|f| match layout::classify(&f.path) {
            layout::PathRole::Record(_, id) => Some(id),
            _ => None,
        })
        .collect())
}

/// The changes to one folder of the tree: a file's new blob, or `None` to remove it (only
/// `undo` removes files).
#[derive(Default)]
struct Dir {
    files: BTreeMap<String, Option<Oid>>,
    dirs: BTreeMap<String, Dir>,
}

impl Dir {
    fn insert(&mut self, path: &str, oid: Oid) {
        self.set(path, Some(oid));
    }

    fn set(&mut self, path: &str, oid: Option<Oid>) {
        match path.split_once('/') {
            Some((head, rest)) => self
                .dirs
                .entry(head.to_string())
                .or_default()
                .set(rest, oid),
            None => {
                self.files.insert(path.to_string(), oid);
            }
        }
    }
}

/// Writes `base` with `changes` applied, touching only the folders on the changed paths. A
/// folder left empty by a removal is removed too, as git does.
fn write_dir(repo: &git2::Repository, base: Option<&Tree<'_>>, changes: &Dir) -> Result<Oid> {
    let mut tb = repo.treebuilder(base)?;
    for (name, oid) in &changes.files {
        match oid {
            Some(oid) => {
                tb.insert(name, *oid, FileMode::Blob.into())?;
            }
            None => {
                if tb.get(name)?.is_some() {
                    tb.remove(name)?;
                }
            }
        }
    }
    for (name, sub) in &changes.dirs {
        let sub_base = match base.and_then(|t| t.get_name(name)) {
            Some(e) if e.kind() == Some(git2::ObjectType::Tree) => Some(repo.find_tree(e.id())?),
            _ => None,
        };
        let oid = write_dir(repo, sub_base.as_ref(), sub)?;
        if repo.find_tree(oid)?.is_empty() {
            if tb.get(name)?.is_some() {
                tb.remove(name)?;
            }
        } else {
            tb.insert(name, oid, FileMode::Tree.into())?;
        }
    }
    Ok(tb.write()?)
}
