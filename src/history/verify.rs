//! `verify`, for auditors: every record valid; every commit on the branch a ledger change whose
//! trailers match what it changed (or a recognised hand edit or merge); no fixed field changed,
//! no append-only list rewritten, no record deleted, emptied or moved, however the commit was
//! made; commit dates that follow ancestry; no history rewritten since this clone saw it; and
//! signatures where the ledger requires them. It reads only git, never a cache.
//!
//! Every rule is listed in docs/format.md ("What `ledger verify` checks").

use std::collections::{BTreeSet, HashMap, HashSet};
use std::process::Command;

use git2::{Oid, Sort};
use serde::Serialize;

use super::tamper::{self, RecordChange};
use super::tips;
use crate::error::Result;
use crate::model::{validate, RecordId};
use crate::store::diff::Memo;
use crate::store::layout::{self, PathRole};
use crate::store::message::{self, key};
use crate::store::{codec, config::Config, diff, read, sync, Ledger};

/// How far a commit's date may fall behind its parent's before `verify` calls it backdated:
/// clocks of laptops drift, and a merge made on a laptop a few minutes slow is not an attack.
/// An hour is far beyond the skew of a synchronised clock and well under the day `--as-of`
/// counts in.
pub const CLOCK_TOLERANCE_SECS: i64 = 3600;

/// Something an auditor must look at.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// `record`, `commit`, `trailers`, `signature`, `rewritten`, `clock`, `changed`,
    /// `append-only`, `closed`, `deleted`, `emptied`, `moved` or `undo`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The record concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Who made the commit (its author).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// When the commit says it was made (committer date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
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
    /// Commits whose changes could not be checked: a shallow clone's grafted roots, whose
    /// parents are not in this clone.
    pub unchecked: Vec<String>,
}

/// Every value of trailer `key` in a commit message.
fn trailers(text: &str, name: &str) -> BTreeSet<String> {
    message::trailers(text, name).into_iter().collect()
}

fn short(oid: Oid) -> String {
    oid.to_string()[..10].to_string()
}

/// A commit time as people read it; never fails, whatever the number.
pub fn when(t: git2::Time) -> String {
    let offset = chrono::FixedOffset::east_opt(t.offset_minutes().saturating_mul(60))
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset"));
    match chrono::DateTime::from_timestamp(t.seconds(), 0) {
        Some(at) => at
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M %z")
            .to_string(),
        None => format!("@{} (a timestamp out of any calendar)", t.seconds()),
    }
}

fn span(secs: i64) -> String {
    match secs {
        s if s >= 2 * 86_400 => format!("{} days", s / 86_400),
        s if s >= 2 * 3600 => format!("{} hours", s / 3600),
        s => format!("{} minutes", s / 60),
    }
}

fn finding(
    kind: &'static str,
    commit: Option<Oid>,
    path: Option<&str>,
    message: String,
) -> Finding {
    Finding {
        kind,
        commit: commit.map(short),
        path: path.map(str::to_string),
        record: None,
        author: None,
        at: None,
        message,
    }
}

/// The same, naming the commit's author and date.
fn by_commit(
    kind: &'static str,
    c: &git2::Commit<'_>,
    path: Option<&str>,
    message: String,
) -> Finding {
    let a = c.author();
    Finding {
        author: Some(format!(
            "{} <{}>",
            a.name().unwrap_or("?"),
            a.email().unwrap_or("")
        )),
        at: Some(when(c.committer().when())),
        ..finding(kind, Some(c.id()), path, message)
    }
}

/// The commits a shallow clone has without their parents (`.git/shallow`).
fn shallow_roots(ledger: &Ledger) -> HashSet<Oid> {
    std::fs::read_to_string(ledger.repo.path().join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect()
}

/// Verifies the ledger as of `head`. `at_tip` says `head` is the branch's tip now (not an
/// `--as-of` day): only then is the tips log checked for rewritten history.
pub fn verify(ledger: &Ledger, head: Oid, at_tip: bool) -> Result<Verdict> {
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
    let shallow = shallow_roots(ledger);
    let mut reachable = HashSet::new();
    let mut memo = Memo::default();
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    walk.push(head)?;
    for oid in walk {
        let oid = oid?;
        reachable.insert(oid);
        v.commits += 1;
        let c = repo.find_commit(oid)?;
        let msg = c.message().unwrap_or("");
        if config.require_signatures && !signature_ok(ledger, oid) {
            v.findings.push(by_commit(
                "signature",
                &c,
                None,
                "is not signed, or its signature does not verify with `git verify-commit`".into(),
            ));
        }
        if shallow.contains(&oid) || c.parents().count() < c.parent_count() {
            v.unchecked.push(short(oid));
            continue;
        }
        for p in c.parents() {
            let behind = p
                .committer()
                .when()
                .seconds()
                .saturating_sub(c.committer().when().seconds());
            if behind > CLOCK_TOLERANCE_SECS {
                v.findings.push(by_commit("clock", &c, None, format!(
                    "it is dated {}, {} before its parent {} ({}): commit dates go backwards by more than the {}-minute tolerance, so it looks backdated; `--as-of` counts it as known no earlier than its parent",
                    when(c.committer().when()),
                    span(behind),
                    short(p.id()),
                    when(p.committer().when()),
                    CLOCK_TOLERANCE_SECS / 60
                )));
            }
        }
        memo.next();
        let mut judged = tamper::judge(repo, &mut memo, &ledger.prefix, &c)?;
        if let Some(undoes) = message::trailer(msg, key::UNDOES) {
            match reverses(ledger, &c, &undoes)? {
                // Taking back a change nothing built on is `undo`'s to do: not tampering.
                true => judged.tampering.clear(),
                false => v.findings.push(by_commit("undo", &c, None, format!(
                    "its Ledger-Undoes names {undoes}, but it does not put back exactly what that commit changed (an earlier commit of this branch)"
                ))),
            }
        }
        if let (Some(old), Some(new)) = (
            message::trailer(msg, key::PERSON),
            message::trailer(msg, key::RENAMED_TO),
        ) {
            // A rename rewrites handles in fixed fields and old notes: that, and only that.
            if renames(ledger, &c, &old, &new)? {
                judged.tampering.clear();
            }
        }
        let tampered = !judged.tampering.is_empty();
        for t in judged.tampering {
            let mut f = by_commit(t.kind, &c, Some(&t.path), t.message);
            f.record = Some(t.record);
            v.findings.push(f);
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
        let action = trailers(msg, key::ACTION);
        if action.is_empty() {
            if ours.is_empty() {
                continue; // not a ledger commit at all (other files of a shared repository)
            }
            let broken = broken_files(ledger, &c, &ours);
            if broken.is_empty() && !tampered {
                v.hand_edits.push(HandEdit {
                    commit: short(oid),
                    author: c.author().name().unwrap_or("?").to_string(),
                    files: ours,
                });
            }
            for (path, why) in broken {
                v.findings.push(by_commit(
                    "record",
                    &c,
                    Some(&path),
                    format!("a hand edit left this file broken: {why}"),
                ));
            }
            continue;
        }
        if !foreign.is_empty() {
            v.findings.push(by_commit(
                "commit",
                &c,
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
        let named = trailers(msg, key::ID);
        if changed_ids != named {
            let missing: Vec<_> = changed_ids.difference(&named).cloned().collect();
            let extra: Vec<_> = named.difference(&changed_ids).cloned().collect();
            v.findings.push(by_commit("trailers", &c, None, format!(
                "its Ledger-Id trailers do not match what it changed: changed but not named [{}], named but not changed [{}]",
                missing.join(", "),
                extra.join(", ")
            )));
        }
        for problem in action_problems(msg, &judged.records) {
            v.findings.push(by_commit("trailers", &c, None, problem));
        }
    }
    // 3. Nothing this clone saw on a remote has since been dropped from the branch.
    let mut reported: Vec<Oid> = Vec::new();
    for (name, seen) in sync::all_seen(ledger) {
        if repo.find_commit(seen).is_ok()
            && seen != head
            && !repo.graph_descendant_of(head, seen)?
        {
            let lost = sync::dropped_records(ledger, seen, Some(head))?;
            reported.push(seen);
            v.findings.push(finding("rewritten", Some(seen), None, format!(
                "history was rewritten since the last sync with {name}: the branch no longer contains this synced commit; records affected: {}",
                if lost.is_empty() { "none".to_string() } else { lost.join(", ") }
            )));
        }
    }
    // 4. Nothing a ledger command saw at the branch's tip has since been dropped from it.
    if at_tip {
        rewritten_since_seen(ledger, head, &reachable, &reported, &mut v)?;
    }
    v.ok = v.findings.is_empty();
    Ok(v)
}

/// Findings for tips in the tips log that the branch no longer contains, unless a sync finding
/// already covers them or the dropped commits touched no ledger file (a rewrite of other files
/// in a shared repository is not the ledger's business).
fn rewritten_since_seen(
    ledger: &Ledger,
    head: Oid,
    reachable: &HashSet<Oid>,
    reported: &[Oid],
    v: &mut Verdict,
) -> Result<()> {
    let repo = &ledger.repo;
    for tip in tips::dropped(repo, reachable) {
        let covered = reported
            .iter()
            .any(|&r| r == tip || repo.graph_descendant_of(r, tip).unwrap_or(false));
        if covered {
            continue;
        }
        let message = match repo.find_commit(tip) {
            // A rebase that replayed the same commits (`git pull --rebase` of unpushed work)
            // changed no record: not a rewrite of the trail.
            Ok(_) if super::rebased::content_kept(ledger, tip, head)? => continue,
            Ok(_) => {
                let lost = sync::dropped_records(ledger, tip, Some(head))?;
                if lost.is_empty() {
                    continue;
                }
                format!(
                    "history was rewritten (an amend, a rebase or a reset): this commit was the branch's tip when a ledger command last saw it, and the branch no longer contains it; records changed by the dropped commits: {}",
                    lost.join(", ")
                )
            }
            Err(_) => "history was rewritten: this commit was the branch's tip when a ledger command saw it, and it is no longer in the branch nor in the repository".to_string(),
        };
        v.findings
            .push(finding("rewritten", Some(tip), None, message));
    }
    Ok(())
}

/// True when every record commit `c` (one parent) changed is its parent's version with the
/// handle `old` replaced by `new` (`people rename`), and it made or removed none.
fn renames(ledger: &Ledger, c: &git2::Commit<'_>, old: &str, new: &str) -> Result<bool> {
    let repo = &ledger.repo;
    if c.parent_count() != 1 {
        return Ok(false);
    }
    let (before, after) = (c.parent(0)?.tree()?, c.tree()?);
    let read = |t: &git2::Tree<'_>, p: &str, kind| {
        t.get_path(std::path::Path::new(p))
            .ok()
            .and_then(|e| repo.find_blob(e.id()).ok())
            .and_then(|b| codec::parse_record(kind, b.content()).ok())
    };
    for p in diff::changed_paths(repo, Some(&before), Some(&after))? {
        let Some(PathRole::Record(kind, _)) =
            p.strip_prefix(ledger.prefix.as_str()).map(layout::classify)
        else {
            continue;
        };
        let (Some(mut was), Some(now)) = (read(&before, &p, kind), read(&after, &p, kind)) else {
            return Ok(false);
        };
        was.rename_person(old, new);
        if was != now {
            return Ok(false);
        }
    }
    Ok(true)
}

/// True when commit `c` (one parent) puts back exactly the ledger files that `undoes`, a
/// single-parent commit in its past, changed: each file as it was before that commit, and
/// nothing else. Such a commit may remove a record file that commit made.
fn reverses(ledger: &Ledger, c: &git2::Commit<'_>, undoes: &str) -> Result<bool> {
    let repo = &ledger.repo;
    let Ok(x) = Oid::from_str(undoes).and_then(|o| repo.find_commit(o)) else {
        return Ok(false);
    };
    if c.parent_count() != 1
        || x.parent_count() != 1
        || !repo.graph_descendant_of(c.id(), x.id())?
    {
        return Ok(false);
    }
    let ours = |paths: Vec<String>| -> BTreeSet<String> {
        paths
            .into_iter()
            .filter(|p| {
                p.strip_prefix(ledger.prefix.as_str())
                    .is_some_and(|r| !matches!(layout::classify(r), PathRole::Other))
            })
            .collect()
    };
    let (x_before, x_after) = (x.parent(0)?.tree()?, x.tree()?);
    let (c_before, c_after) = (c.parent(0)?.tree()?, c.tree()?);
    let undone = ours(diff::changed_paths(repo, Some(&x_before), Some(&x_after))?);
    let made = ours(diff::changed_paths(repo, Some(&c_before), Some(&c_after))?);
    let blob =
        |t: &git2::Tree<'_>, p: &str| t.get_path(std::path::Path::new(p)).ok().map(|e| e.id());
    Ok(!undone.is_empty()
        && undone == made
        && undone.iter().all(|p| {
            blob(&c_after, p) == blob(&x_before, p) && blob(&c_before, p) == blob(&x_after, p)
        }))
}

/// Where a ledger commit's `Ledger-Action` and `Ledger-Kind` trailers disagree with what it
/// did to the records it names.
fn action_problems(msg: &str, records: &[RecordChange]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(action) = message::trailer(msg, key::ACTION) else {
        return out;
    };
    let ids = message::trailers(msg, key::ID);
    if let (Some(kind), Some(first)) = (message::trailer(msg, key::KIND), ids.first()) {
        if let Ok(id) = RecordId::parse(first) {
            if id.kind().as_str() != kind {
                out.push(format!(
                    "its Ledger-Kind says {kind}, but the record it names first, {first}, is a {}",
                    id.kind()
                ));
            }
        }
    }
    // The record named first is the one the action is about: made by these, changed by the rest.
    let creates = matches!(
        action.as_str(),
        "ask" | "promise" | "decide" | "meeting" | "accept" | "recur"
    );
    let main = ids
        .first()
        .and_then(|id| records.iter().find(|r| &r.id == id));
    if let Some(m) = main {
        if creates && !m.created {
            out.push(format!(
                "its Ledger-Action `{action}` makes a new record, but {} already existed and was changed",
                m.id
            ));
        }
        if !creates && message::fields_of(&action).is_some() && m.created {
            out.push(format!(
                "its Ledger-Action `{action}` changes an existing record, but it created {}",
                m.id
            ));
        }
    }
    if let Some(allowed) = message::fields_of(&action) {
        for r in records.iter().filter(|r| !r.created && !r.deleted) {
            let other: Vec<&str> = r
                .fields
                .iter()
                .map(String::as_str)
                .filter(|f| !allowed.contains(f))
                .collect();
            if !other.is_empty() {
                out.push(format!(
                    "its Ledger-Action `{action}` may change only {} of a record, but it changed {} of {}",
                    allowed.join(", "),
                    other.join(", "),
                    r.id
                ));
            }
        }
    }
    out
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
