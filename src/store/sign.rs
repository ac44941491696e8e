//! Signed commits. libgit2 cannot sign, so when the ledger requires signatures (`ledger.yaml`'s
//! `require_signatures`) or the user asks git to sign (`commit.gpgsign`), the commit object is
//! made by the git program (`git commit-tree -S`), which uses the user's own gpg or ssh signing
//! settings. The tree is still built with git2; only the commit object comes from git.

use std::io::Write;
use std::process::{Command, Stdio};

use git2::{Oid, Tree};

use super::identity::Identity;
use super::{codec, config::Config, layout, Ledger};
use crate::error::{Error, Result};

/// True when new commits must be signed: the ledger requires it, or git is set to sign commits.
pub fn wanted(ledger: &Ledger, parent_tree: Option<&Tree<'_>>) -> bool {
    let git_says = ledger
        .repo
        .config()
        .and_then(|c| c.get_bool("commit.gpgsign"))
        .unwrap_or(false);
    git_says || required(ledger, parent_tree)
}

/// True when the ledger's configuration, as committed, requires signed commits.
pub fn required(ledger: &Ledger, tree: Option<&Tree<'_>>) -> bool {
    let Some(tree) = tree else { return false };
    let path = ledger.repo_path(layout::CONFIG_FILE);
    let Ok(entry) = tree.get_path(std::path::Path::new(&path)) else {
        return false;
    };
    let Ok(blob) = ledger.repo.find_blob(entry.id()) else {
        return false;
    };
    codec::parse::<Config>(blob.content())
        .map(|c| c.require_signatures)
        .unwrap_or(false)
}

fn git_date(who: &Identity) -> String {
    who.when.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Makes a signed commit of `tree` with `parents` through `git commit-tree -S`.
pub fn commit(
    ledger: &Ledger,
    author: &Identity,
    committer: &Identity,
    message: &str,
    tree: Oid,
    parents: &[Oid],
) -> Result<Oid> {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(ledger.repo.path())
        .args(["commit-tree", "-S"]);
    for p in parents {
        cmd.arg("-p").arg(p.to_string());
    }
    cmd.arg(tree.to_string())
        .env("GIT_AUTHOR_NAME", &author.name)
        .env("GIT_AUTHOR_EMAIL", &author.email)
        .env("GIT_AUTHOR_DATE", git_date(author))
        .env("GIT_COMMITTER_NAME", &committer.name)
        .env("GIT_COMMITTER_EMAIL", &committer.email)
        .env("GIT_COMMITTER_DATE", git_date(committer))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| {
        Error::env(format!(
            "commits must be signed, but the git program could not be run: {e}"
        ))
        .hint(
            "install git, or set require_signatures: false in ledger.yaml and commit.gpgsign=false",
        )
    })?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(message.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(Error::env(format!(
            "git could not sign the commit; nothing was recorded: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
        .hint("check your signing setup (user.signingkey, gpg.format) with `git commit -S` in this repository"));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Oid::from_str(text.trim())
        .map_err(|_| Error::env(format!("git commit-tree printed no commit id: {text}")))
}
