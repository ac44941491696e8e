//! `verify`, for auditors: every record valid, every commit on the branch a ledger change whose
//! trailers match what it changed (or a recognised hand edit or merge), no history rewritten
//! since the last sync, and signatures where the ledger requires them.

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use git2::{Oid, Sort};
use serde::Serialize;

use crate::error::Result;
use crate::model::validate;
use crate::store::layout::{self, PathRole};
use crate::store::{codec, config::Config, diff, read, sync, Ledger};

/// Something an auditor must look at.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// `record`, `commit`, `trailers`, `signature` or `rewritten`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub message: String,
}

/// A commit made with plain git that changed ledger files and broke nothing.
#[derive(Clone, Debug, Serialize)]
pub struct HandEdit {
    pub commit: String,
    pub author: String,
    pub files: Vec<String>,
}

/// The outcome of `verify`.
#[derive(Debug, Default, Serialize)]
pub struct Verdict {
    pub ok: bool,
    pub records: usize,
    pub commits: usize,
    pub merges: usize,
    pub hand_edits: Vec<HandEdit>,
    pub findings: Vec<Finding>,
}

/// Every value of trailer `key` in a commit message.
fn trailers(message: &str, key: &str) -> BTreeSet<String> {
    let prefix = format!("{key}:");
    message
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix).map(|v| v.trim().to_string()))
        .collect()
}

fn finding(
    kind: &'static str,
    commit: Option<Oid>,
    path: Option<&str>,
    message: String,
) -> Finding {
    Finding {
        kind,
        commit: commit.map(|c| c.to_string()[..10].to_string()),
        path: path.map(str::to_string),
        message,
    }
}

/// Verifies the ledger as of `head`.
pub fn verify(ledger: &Ledger, head: Oid) -> Result<Verdict> {
    let repo = &ledger.repo;
    let mut v = Verdict::default();
    // 1. Every record valid.
    let snap = read::snapshot_at(ledger, head)?;
    v.records = snap.entries.len();
    for p in &snap.problems {
        v.findings
            .push(finding("record", None, Some(&p.path), p.to_string()));
    }
    let by_id: HashMap<_, _> = snap
        .entries
        .iter()
        .map(|e| (e.record.id().clone(), &e.record))
        .collect();
    for (id, p) in validate::check_links(&by_id) {
        let path = snap.get(&id).map(|e| e.path.as_str());
        v.findings.push(finding(
            "record",
            None,
            path,
            format!("{}: {}", p.field, p.message),
        ));
    }
    let config: Config = (|| {
        let tree = repo.find_commit(head).ok()?.tree().ok()?;
        let e = tree
            .get_path(std::path::Path::new(&ledger.repo_path(layout::CONFIG_FILE)))
            .ok()?;
        codec::parse(repo.find_blob(e.id()).ok()?.content()).ok()
    })()
    .unwrap_or_default();
    // 2. Every commit.
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    walk.push(head)?;
    for oid in walk {
        let oid = oid?;
        v.commits += 1;
        let c = repo.find_commit(oid)?;
        let msg = c.message().unwrap_or("");
        if config.require_signatures && !signature_ok(ledger, oid) {
            v.findings.push(finding(
                "signature",
                Some(oid),
                None,
                "is not signed, or its signature does not verify with `git verify-commit`".into(),
            ));
        }
        if c.parent_count() > 1 {
            v.merges += 1;
            continue;
        }
        let parent = c.parent(0).ok().map(|p| p.tree()).transpose()?;
        let changed = diff::changed_paths(repo, parent.as_ref(), Some(&c.tree()?))?;
        let mut ours = Vec::new();
        let mut foreign = Vec::new();
        for path in &changed {
            match path.strip_prefix(&ledger.prefix).map(layout::classify) {
                Some(PathRole::Other) | None => foreign.push(path.clone()),
                Some(_) => ours.push(path.clone()),
            }
        }
        let action = trailers(msg, "Ledger-Action");
        if action.is_empty() {
            if ours.is_empty() {
                continue; // not a ledger commit at all (other files of a shared repository)
            }
            let broken = broken_files(ledger, &c, &ours);
            if broken.is_empty() {
                v.hand_edits.push(HandEdit {
                    commit: oid.to_string()[..10].to_string(),
                    author: c.author().name().unwrap_or("?").to_string(),
                    files: ours,
                });
            }
            for (path, why) in broken {
                v.findings.push(finding(
                    "record",
                    Some(oid),
                    Some(&path),
                    format!("a hand edit left this file broken: {why}"),
                ));
            }
            continue;
        }
        if !foreign.is_empty() {
            v.findings.push(finding(
                "commit",
                Some(oid),
                Some(&foreign[0]),
                format!(
                    "a ledger commit ({}) also changed files that are not the ledger's: {}",
                    action.iter().next().cloned().unwrap_or_default(),
                    foreign.join(", ")
                ),
            ));
        }
        let changed_ids: BTreeSet<String> = sync::record_names(ledger, &ours)
            .into_iter()
            .filter(|n| !n.ends_with(".yaml"))
            .collect();
        let named = trailers(msg, "Ledger-Id");
        if changed_ids != named {
            let missing: Vec<_> = changed_ids.difference(&named).cloned().collect();
            let extra: Vec<_> = named.difference(&changed_ids).cloned().collect();
            v.findings.push(finding("trailers", Some(oid), None, format!(
                "its Ledger-Id trailers do not match what it changed: changed but not named [{}], named but not changed [{}]",
                missing.join(", "),
                extra.join(", ")
            )));
        }
    }
    // 3. Nothing this clone saw on a remote has since been dropped from the branch.
    for (name, seen) in sync::all_seen(ledger) {
        if repo.find_commit(seen).is_ok()
            && seen != head
            && !repo.graph_descendant_of(head, seen)?
        {
            let lost = sync::dropped_records(ledger, seen, Some(head))?;
            v.findings.push(finding("rewritten", Some(seen), None, format!(
                "history was rewritten since the last sync with {name}: the branch no longer contains this synced commit; records affected: {}",
                if lost.is_empty() { "none".to_string() } else { lost.join(", ") }
            )));
        }
    }
    v.ok = v.findings.is_empty();
    Ok(v)
}

/// The ledger files among `paths` that do not parse as of commit `c`.
fn broken_files(ledger: &Ledger, c: &git2::Commit<'_>, paths: &[String]) -> Vec<(String, String)> {
    let Ok(tree) = c.tree() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for path in paths {
        let Ok(e) = tree.get_path(std::path::Path::new(path)) else {
            continue;
        };
        let Ok(blob) = ledger.repo.find_blob(e.id()) else {
            continue;
        };
        let rel = path.strip_prefix(&ledger.prefix).unwrap_or(path);
        let (mut entries, mut people, mut problems) = (Vec::new(), Default::default(), Vec::new());
        read::load_file(
            rel,
            blob.content(),
            e.id(),
            &mut entries,
            &mut people,
            &mut problems,
        );
        out.extend(problems.into_iter().map(|p| (path.clone(), p.message)));
    }
    out
}

/// Whether the git program's own `git verify-commit` accepts the commit's signature.
fn signature_ok(ledger: &Ledger, oid: Oid) -> bool {
    let dir = ledger.repo.workdir().unwrap_or(ledger.repo.path());
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["verify-commit", &oid.to_string()])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}
