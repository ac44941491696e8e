//! Finding, opening and starting a ledger: a folder with `ledger.yaml` inside a git work tree.

use std::path::{Path, PathBuf};

use git2::{Commit, Repository, RepositoryInitOptions};

use super::layout::{CONFIG_FILE, PEOPLE_FILE};
use super::{codec, config::Config, message, write, CommitId};
use crate::error::{Error, Result};
use crate::model::People;

/// An open ledger.
pub struct Ledger {
    /// The git repository holding it: the library's own business (`store` and `history` read
    /// it); a front end asks through the methods below.
    pub(crate) repo: Repository,
    /// The ledger's root folder (absolute).
    pub root: PathBuf,
    /// The root relative to the repository's work tree, with a trailing `/`, or empty.
    pub prefix: String,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger").field("root", &self.root).finish()
    }
}

/// Where the ledger is, or would be.
#[derive(Debug)]
pub enum Found {
    /// An existing ledger.
    Ledger(Box<Ledger>),
    /// None was found; this is the default location, not yet made.
    Missing(PathBuf),
}

/// The default ledger location: `$XDG_DATA_HOME/ledger`, else `~/.local/share/ledger`.
pub fn default_location() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(x).join("ledger"));
    }
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|h| PathBuf::from(h).join(".local/share/ledger"))
}

/// Finds the ledger: an explicit folder (`-C`, `LEDGER_DIR`), else the nearest enclosing ledger
/// of `cwd`, else the default location.
pub fn locate(explicit: Option<&Path>, cwd: &Path) -> Result<Found> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            return Err(
                Error::user(format!("ledger folder {} does not exist", dir.display()))
                    .hint("create one with `ledger init DIR`, or fix -C/LEDGER_DIR"),
            );
        }
        return match enclosing(dir)? {
            Some(l) => Ok(Found::Ledger(Box::new(l))),
            None => Err(
                Error::user(format!("{} is not inside a ledger", dir.display())).hint(format!(
                    "start one there with `ledger init {}`",
                    dir.display()
                )),
            ),
        };
    }
    if let Some(l) = enclosing(cwd)? {
        return Ok(Found::Ledger(Box::new(l)));
    }
    let Some(default) = default_location() else {
        return Err(
            Error::user("no ledger here and no HOME to find the default one")
                .hint("pass -C DIR or set LEDGER_DIR"),
        );
    };
    if default.join(CONFIG_FILE).is_file() {
        return Ok(Found::Ledger(Box::new(Ledger::open_root(&default)?)));
    }
    Ok(Found::Missing(default))
}

/// The ledger enclosing `dir`, if any.
fn enclosing(dir: &Path) -> Result<Option<Ledger>> {
    let dir = dir.canonicalize()?;
    for d in dir.ancestors() {
        if d.join(CONFIG_FILE).is_file()
            && (d.join(".git").exists() || Repository::discover(d).is_ok())
        {
            return Ledger::open_root(d).map(Some);
        }
    }
    Ok(None)
}

impl Ledger {
    /// The user's name and email from git (the environment, then the configuration).
    pub fn user(&self) -> (Option<String>, Option<String>) {
        super::identity::user(&self.repo)
    }

    /// Opens the ledger whose root is `root`.
    pub fn open_root(root: &Path) -> Result<Ledger> {
        let root = root.canonicalize()?;
        let repo = Repository::discover(&root).map_err(|e| {
            Error::data(format!(
                "{} has a ledger.yaml but is not in a git repository: {}",
                root.display(),
                e.message()
            ))
        })?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| {
                Error::user(format!(
                    "{} is a bare repository; a ledger needs a work tree to record in",
                    repo.path().display()
                ))
                .hint(format!(
                    "clone it and use the clone: git clone {} my-ledger && ledger -C my-ledger ...",
                    repo.path().display()
                ))
            })?
            .canonicalize()?;
        let rel = root.strip_prefix(&workdir).map_err(|_| {
            Error::data(format!(
                "{} is outside its repository's work tree",
                root.display()
            ))
        })?;
        let mut prefix = rel.to_string_lossy().replace('\\', "/");
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Ok(Ledger { repo, root, prefix })
    }

    /// Makes a ledger at `dir`: a new repository on `main`, or a ledger folder inside an existing
    /// repository (touching no other file). Commits the config and an empty people file.
    pub fn init(dir: &Path) -> Result<Ledger> {
        Ledger::init_in(dir, false)
    }

    /// Makes the default ledger (under `$XDG_DATA_HOME`) in a repository of its own, even when
    /// that folder lies inside another repository: a home folder kept in git must not receive
    /// the ledger's commits.
    pub fn init_default(dir: &Path) -> Result<Ledger> {
        Ledger::init_in(dir, true)
    }

    fn init_in(dir: &Path, own_repo: bool) -> Result<Ledger> {
        // A ledger inside another one would put its files among the outer ledger's records
        // (`ledger init` run from `asks/`), which the outer ledger then reports as misplaced.
        let absolute = std::env::current_dir()?.join(dir);
        let existing = absolute
            .ancestors()
            .find(|d| d.is_dir())
            .unwrap_or(&absolute);
        if let Some(outer) = enclosing(existing)? {
            if outer.root != dir.canonicalize().unwrap_or_default() {
                return Err(Error::user(format!(
                    "{} is inside the ledger at {}; a ledger cannot hold another",
                    dir.display(),
                    outer.root.display()
                ))
                .hint("start the new ledger outside this one, or use this one"));
            }
        }
        std::fs::create_dir_all(dir)?;
        let dir = dir.canonicalize()?;
        if dir.join(CONFIG_FILE).is_file() {
            return Err(Error::user(format!(
                "{} is already a ledger",
                dir.display()
            )));
        }
        if (own_repo && !dir.join(".git").exists()) || Repository::discover(&dir).is_err() {
            let mut opts = RepositoryInitOptions::new();
            opts.initial_head("main");
            Repository::init_opts(&dir, &opts)?;
        }
        let ledger = Ledger::open_root(&dir)?;
        let files = vec![
            (
                CONFIG_FILE.to_string(),
                format!(
                    "# ledger settings; see docs/format.md\n{}",
                    codec::render(&Config::default())
                ),
            ),
            (
                PEOPLE_FILE.to_string(),
                codec::render_people(&People::default()),
            ),
        ];
        let txn = write::Txn::begin(&ledger)?;
        let (name, email) = super::identity::user(&ledger.repo);
        let who = name
            .or_else(|| email.and_then(|e| e.split('@').next().map(str::to_string)))
            .unwrap_or_else(|| "someone".to_string());
        let msg = message::Message::new(message::subject(&who, "starts", "the ledger", ""), "init");
        txn.commit(files, &msg)?;
        Ok(ledger)
    }

    /// The folder for the ledger's private state (lock, journal, cache): `.git/ledger/`.
    pub fn state_dir(&self) -> PathBuf {
        self.repo.path().join("ledger")
    }

    /// The repository's `.git` folder.
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The repository's work tree (the folder holding `.git`), which may lie above the root.
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// The bytes of a stored file (a blob), by its id.
    pub fn blob_bytes(&self, id: git2::Oid) -> Result<Vec<u8>> {
        Ok(self.repo.find_blob(id)?.content().to_vec())
    }

    /// When a commit was committed, in seconds since 1970 (UTC).
    pub fn commit_seconds(&self, id: CommitId) -> Result<i64> {
        Ok(self.repo.find_commit(id)?.committer().when().seconds())
    }

    /// The ledger's own tree in `commit` (the folder it lives in, for a ledger inside a larger
    /// repository; `None` when that folder is missing there).
    pub(crate) fn tree_at(&self, commit: CommitId) -> Result<Option<git2::Tree<'_>>> {
        let root = self.repo.find_commit(commit)?.tree_id();
        let mut memo = super::diff::Memo::default();
        super::diff::ledger_tree(&self.repo, &mut memo, &self.prefix, root)
    }

    /// The repository path of a ledger-relative path.
    pub fn repo_path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// The commit HEAD points to, if there is one.
    pub fn head(&self) -> Result<Option<Commit<'_>>> {
        match self.repo.head() {
            Ok(r) => Ok(Some(r.peel_to_commit()?)),
            Err(e)
                if e.code() == git2::ErrorCode::UnbornBranch
                    || e.code() == git2::ErrorCode::NotFound =>
            {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Sets libgit2's process-wide options the way ledger reads and writes: objects are not
/// re-hashed on every read (ledger reads them by id from the repository's own store, and this
/// saves a fifth of the read time), and folder trees up to 64 MiB stay in libgit2's object
/// cache (a change reads its record's folder several times, an old month's folder is a long
/// chain of deltas in the pack, and one `import` commit may write thousands of records into
/// one folder; libgit2 would skip trees over 4 KB).
///
/// Without this call everything works, only slower.
///
/// # Safety
///
/// libgit2 keeps these options in unsynchronised globals. Call this before any thread uses
/// libgit2, and never while another thread may be using it: the `ledger` binary calls it first
/// thing in `main`, before it has made any thread.
pub unsafe fn configure_libgit2() {
    git2::opts::strict_hash_verification(false);
    // SAFETY: the caller promises that no other thread is using libgit2.
    let _ = unsafe { git2::opts::set_cache_object_limit(git2::ObjectType::Tree, 64 << 20) };
}
