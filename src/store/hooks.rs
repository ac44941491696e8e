//! The repository's own git hooks around a ledger commit. libgit2 runs no hooks, so a team's
//! policy (a `commit-msg` hook that wants a sign-off, a `pre-commit` hook that scans for secrets)
//! would be bypassed without a word; ledger runs `pre-commit` on a temporary index that holds the
//! change and `commit-msg` on the message, as `git commit` does, and records nothing when either
//! refuses. Ledger's own pre-commit hook is skipped: the change was checked already.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use git2::Tree;

use super::repo::Ledger;
use crate::error::{Error, Result};

/// The line that marks ledger's own pre-commit hook (after the shebang).
pub const OWN_MARKER: &str = "# ledger pre-commit hook";

/// The folder git runs hooks from: `core.hooksPath`, else `.git/hooks`.
pub fn dir(ledger: &Ledger) -> PathBuf {
    let configured = ledger
        .repo
        .config()
        .and_then(|c| c.get_path("core.hooksPath"))
        .ok();
    match configured {
        Some(p) if p.is_absolute() => p,
        Some(p) => ledger.repo.workdir().unwrap_or(ledger.repo.path()).join(p),
        None => ledger.repo.path().join("hooks"),
    }
}

/// The hook `name`, when it exists and is executable (git ignores it otherwise).
fn find(ledger: &Ledger, name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = dir(ledger).join(name);
    let meta = std::fs::metadata(&path).ok()?;
    (meta.is_file() && meta.permissions().mode() & 0o111 != 0).then_some(path)
}

/// Runs the `pre-commit` hook, if there is one other than ledger's own, on a temporary index
/// holding `tree` (the commit about to be made), named in `GIT_INDEX_FILE` as git does for a
/// commit of paths.
pub fn pre_commit(ledger: &Ledger, tree: &Tree<'_>) -> Result<()> {
    let Some(hook) = find(ledger, "pre-commit") else {
        return Ok(());
    };
    let text = std::fs::read_to_string(&hook).unwrap_or_default();
    if text.lines().take(3).any(|l| l.starts_with(OWN_MARKER)) {
        return Ok(());
    }
    let index = ledger.state_dir().join("index.hook");
    let _ = std::fs::remove_file(&index);
    let mut idx = git2::Index::open(&index)?;
    idx.read_tree(tree)?;
    idx.write()?;
    let ran = run(ledger, &hook, &[], Some(&index));
    let _ = std::fs::remove_file(&index);
    ran
}

/// Runs the `commit-msg` hook, if any, on `message` and returns the message it leaves. A hook
/// may add to the message (a sign-off) but not remove the ledger's trailers, which scripts and
/// `history` read.
pub fn commit_msg(ledger: &Ledger, message: &str) -> Result<String> {
    let Some(hook) = find(ledger, "commit-msg") else {
        return Ok(message.to_string());
    };
    let file = ledger.state_dir().join("COMMIT_MSG");
    std::fs::write(&file, message)?;
    run(ledger, &hook, &[file.as_os_str()], None)?;
    let edited = std::fs::read_to_string(&file)?;
    let _ = std::fs::remove_file(&file);
    let kept = message
        .lines()
        .filter(|l| super::message::is_trailer_line(l))
        .all(|t| edited.lines().any(|l| l == t));
    if !kept {
        return Err(Error::user(format!(
            "the repository's commit-msg hook ({}) removed the ledger's trailers from the message; nothing was recorded",
            hook.display()
        ))
        .hint(format!(
            "let the hook keep lines that start with `{}`",
            super::message::key::PREFIX
        )));
    }
    Ok(edited)
}

/// Runs `hook` at the top of the work tree; its refusal (a non-zero exit) is the user's to
/// resolve, with what the hook printed.
fn run(
    ledger: &Ledger,
    hook: &Path,
    args: &[&std::ffi::OsStr],
    index: Option<&Path>,
) -> Result<()> {
    let top = ledger.repo.workdir().unwrap_or(ledger.repo.path());
    let mut cmd = Command::new(hook);
    cmd.args(args)
        .current_dir(top)
        .env("GIT_DIR", ledger.repo.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(i) = index {
        cmd.env("GIT_INDEX_FILE", i);
    }
    let out = cmd.output().map_err(|e| {
        Error::env(format!(
            "could not run the git hook {}: {e}; nothing was recorded",
            hook.display()
        ))
    })?;
    if out.status.success() {
        return Ok(());
    }
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let said = said.trim();
    let name = hook.file_name().unwrap_or_default().to_string_lossy();
    Err(Error::user(format!(
        "the repository's {name} hook refused the change; nothing was recorded{}{said}",
        if said.is_empty() { "" } else { ":\n" }
    ))
    .hint(format!(
        "change what the hook objects to and run the command again; the hook is {}",
        hook.display()
    )))
}
