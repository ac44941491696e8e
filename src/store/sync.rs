//! `sync`: fetch the remote's branch, merge it record by record, push, and retry when someone
//! pushed in between. Network talk goes through the git program (it honours the user's ssh and
//! credential settings); everything else is git2.
//!
//! A busy remote (someone pushed in between, or it dropped the connection) is retried with
//! jittered, growing pauses until a time budget runs out, so twenty clones syncing at once all
//! land without any of them giving up early.

use std::process::Command;
use std::time::{Duration, Instant};

use git2::{Oid, Sort};

use super::layout::{self, PathRole};
use super::merge_tree::{self, TreeMerge};
use super::message::{key, Message};
use super::repo::Ledger;
use super::write::Txn;
use crate::error::{Error, ErrorKind, Result};
use crate::model::merge::Conflict;
use crate::model::RecordId;

/// The environment variable that sets how long `sync` keeps retrying a busy remote (seconds).
pub const BUDGET_ENV: &str = "LEDGER_SYNC_BUDGET";
/// How long `sync` keeps retrying a busy remote unless told otherwise.
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(60);

/// How a sync behaves.
#[derive(Clone, Debug)]
pub struct Options {
    /// How long to keep retrying a busy remote before giving up (0: try once).
    pub budget: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            budget: DEFAULT_BUDGET,
        }
    }
}

/// Reads a retry budget in seconds (`LEDGER_SYNC_BUDGET`): a number from 0 to 86400.
pub fn parse_budget(text: &str) -> Result<Duration> {
    let secs: f64 = text.trim().parse().map_err(|_| {
        Error::user(format!("{BUDGET_ENV}='{text}' is not a number of seconds")).hint(format!(
            "set {BUDGET_ENV} to a number from 0 to 86400, for example {BUDGET_ENV}=120"
        ))
    })?;
    if !(0.0..=86400.0).contains(&secs) {
        return Err(Error::user(format!(
            "{BUDGET_ENV}='{text}' is out of range: use 0 to 86400 seconds"
        )));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Where to sync with.
#[derive(Clone, Debug)]
pub struct Target {
    /// A remote name or URL, as given to git.
    pub remote: String,
    /// The local branch (short name).
    pub branch: String,
    /// The remote's branch (short name).
    pub remote_branch: String,
}

/// What a sync did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    pub remote: String,
    pub branch: String,
    /// Commits that came in from the remote.
    pub incoming: usize,
    /// Records whose files changed locally because of what came in.
    pub records_in: Vec<String>,
    /// Commits that went out to the remote.
    pub outgoing: usize,
    /// Records changed on both sides and merged field by field.
    pub merged: Vec<String>,
    /// Field conflicts and how each was decided.
    pub conflicts: Vec<Conflict>,
    /// The merge commit, when one was made.
    pub merge_commit: Option<String>,
    /// Pushes retried because someone pushed in between.
    pub retries: usize,
}

/// The remote and branches to use: `remote` if given, else the branch's upstream, else `origin`.
pub fn target(ledger: &Ledger, remote: Option<&str>) -> Result<Target> {
    let head = ledger
        .repo
        .head()
        .map_err(|_| Error::user("the ledger's branch has no commits yet; nothing to sync"))?;
    let branch = head
        .shorthand()
        .filter(|_| head.is_branch())
        .ok_or_else(|| {
            Error::user("the ledger's repository has a detached HEAD; sync works on a branch")
                .hint("check out the ledger's branch first: git checkout main")
        })?
        .to_string();
    let cfg = ledger.repo.config()?;
    let up_remote = cfg.get_string(&format!("branch.{branch}.remote")).ok();
    let up_merge = cfg
        .get_string(&format!("branch.{branch}.merge"))
        .ok()
        .and_then(|m| m.strip_prefix("refs/heads/").map(str::to_string));
    let remote_name = match (remote, &up_remote) {
        (Some(r), _) => r.to_string(),
        (None, Some(r)) => r.clone(),
        (None, None) => {
            if ledger.repo.find_remote("origin").is_err() {
                return Err(Error::user("no remote to sync with: the branch has no upstream and there is no remote named origin")
                    .hint("name one (ledger sync URL-OR-REMOTE) or add one: git remote add origin URL"));
            }
            "origin".to_string()
        }
    };
    let remote_branch = match (&up_remote, up_merge) {
        (Some(r), Some(m)) if *r == remote_name => m,
        _ => branch.clone(),
    };
    Ok(Target {
        remote: remote_name,
        branch,
        remote_branch,
    })
}

/// Fetches, merges and pushes until the remote takes our branch, retrying a busy remote with
/// jittered backoff until `opts.budget` runs out.
pub fn sync(ledger: &Ledger, target: &Target, opts: &Options) -> Result<Report> {
    let mut report = Report {
        remote: shown_remote(&target.remote),
        branch: target.remote_branch.clone(),
        ..Report::default()
    };
    let start = Instant::now();
    let mut theirs = None;
    loop {
        let busy = match attempt(ledger, target, &mut report, &mut theirs)? {
            Attempt::Done => return Ok(report),
            Attempt::Busy(why) => why,
        };
        report.retries += 1;
        let pause = backoff(report.retries);
        if start.elapsed() + pause > opts.budget {
            return Err(give_up(ledger, target, &report, theirs, &busy, start));
        }
        std::thread::sleep(pause);
    }
}

enum Attempt {
    Done,
    /// The remote was busy: why (a rejected push, a dropped connection).
    Busy(String),
}

/// One round: fetch, merge, push.
fn attempt(
    ledger: &Ledger,
    target: &Target,
    report: &mut Report,
    theirs: &mut Option<Oid>,
) -> Result<Attempt> {
    *theirs = match fetch(ledger, target)? {
        Fetched::Tip(t) => t,
        Fetched::Busy(why) => return Ok(Attempt::Busy(why)),
    };
    check_not_rewritten(ledger, target, *theirs)?;
    let Some(head) = merge_in(ledger, *theirs, report)? else {
        return Ok(Attempt::Done);
    };
    if Some(head) == *theirs {
        report.outgoing = 0;
        save_seen(ledger, target, head)?;
        return Ok(Attempt::Done);
    }
    report.outgoing = count_between(ledger, head, *theirs)?;
    match push(ledger, target)? {
        Pushed::Yes => {
            save_seen(ledger, target, head)?;
            Ok(Attempt::Done)
        }
        Pushed::Busy(why) => Ok(Attempt::Busy(why)),
    }
}

/// The pause before retry `n` (from 1): a random time up to 100 ms, doubling each time up to
/// 3.2 s, so clones that collided do not collide again in step.
fn backoff(n: usize) -> Duration {
    let cap_ms = 100u64 << n.saturating_sub(1).min(5);
    let r = getrandom::u64().unwrap_or(n as u64 * 7919);
    Duration::from_millis(cap_ms / 4 + r % (cap_ms * 3 / 4 + 1))
}

/// The error when the budget ran out: what is committed here and what the remote lacks.
fn give_up(
    ledger: &Ledger,
    t: &Target,
    report: &Report,
    theirs: Option<Oid>,
    why: &str,
    start: Instant,
) -> Error {
    let head = ledger
        .repo
        .refname_to_id(&format!("refs/heads/{}", t.branch))
        .ok();
    let unshared = head
        .map(|h| {
            let n = count_between(ledger, h, theirs).unwrap_or(0);
            let ids = dropped_records(ledger, h, theirs).unwrap_or_default();
            (n, ids)
        })
        .unwrap_or_default();
    let what = match unshared {
        (0, _) => "Every local change is already on the remote.".to_string(),
        (n, ids) if ids.is_empty() => {
            format!("{n} local commit(s) are committed here but not yet shared.")
        }
        (n, ids) => {
            let shown: Vec<&str> = ids.iter().take(10).map(String::as_str).collect();
            let more = if ids.len() > 10 {
                format!(" and {} more", ids.len() - 10)
            } else {
                String::new()
            };
            format!(
                "Committed here on {} but not yet shared: {n} commit(s) changing {}{more}.",
                t.branch,
                shown.join(", ")
            )
        }
    };
    Error::env(format!(
        "the remote {} {} stayed busy for {:.0} s ({} attempt(s); last: {why}). {what}",
        shown_remote(&t.remote),
        t.remote_branch,
        start.elapsed().as_secs_f64(),
        report.retries,
    ))
    .hint(format!(
        "nothing is lost: your records are committed locally; run `ledger sync` again in a moment, or wait longer with {BUDGET_ENV}=SECONDS (now {} s by default)",
        DEFAULT_BUDGET.as_secs()
    ))
}

/// The remote as it may be shown and committed: a URL loses any `user:password@` part, so a
/// token in a remote URL never lands in a commit message.
pub fn shown_remote(remote: &str) -> String {
    match remote.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
            format!("{scheme}://{host}/{path}")
        }
        None => remote.to_string(),
    }
}

/// Merges the fetched commit into the branch under the write lock; returns the new head.
fn merge_in(ledger: &Ledger, theirs: Option<Oid>, report: &mut Report) -> Result<Option<Oid>> {
    let txn = Txn::begin_all_clean(ledger)?;
    let Some(ours) = txn.parent().map(|c| c.id()) else {
        return Err(Error::user(
            "the ledger's branch has no commits yet; nothing to sync",
        ));
    };
    let repo = &ledger.repo;
    let Some(theirs) = theirs else {
        return Ok(Some(ours));
    };
    if theirs == ours || repo.graph_descendant_of(ours, theirs)? {
        return Ok(Some(ours));
    }
    report.incoming += count_between(ledger, theirs, Some(ours))?;
    let before = repo.find_commit(ours)?.tree()?;
    let head = if repo.graph_descendant_of(theirs, ours)? {
        txn.fast_forward(theirs)?;
        theirs
    } else {
        let TreeMerge {
            tree,
            merged,
            conflicts,
        } = merge_tree::merge(ledger, ours, theirs)?;
        let message = merge_message(
            report,
            &merged,
            &conflicts,
            count_between(ledger, theirs, Some(ours))?,
        );
        let oid = txn.commit_merge(tree, theirs, &message)?;
        report.merged = merged.iter().map(|id| id.to_string()).collect();
        report.conflicts = conflicts;
        report.merge_commit = Some(oid.to_string());
        oid
    };
    let after = repo.find_commit(head)?.tree()?;
    let changed = super::diff::changed_paths(repo, Some(&before), Some(&after))?;
    report.records_in = record_names(ledger, &changed);
    Ok(Some(head))
}

fn merge_message(
    report: &Report,
    merged: &[RecordId],
    conflicts: &[Conflict],
    incoming: usize,
) -> Message {
    let mut m = Message::new(
        format!(
            "Sync with {} {}: merge {incoming} incoming commit(s)",
            report.remote, report.branch
        ),
        "sync",
    );
    if !merged.is_empty() {
        let list: Vec<String> = merged.iter().map(|id| format!("- {id}")).collect();
        m = m.body(format!(
            "Changed on both sides and merged field by field:\n{}",
            list.join("\n")
        ));
    }
    if !conflicts.is_empty() {
        let list: Vec<String> = conflicts.iter().map(|c| format!("- {c}")).collect();
        m = m.body(format!(
            "Field conflicts (the value set aside is kept here):\n{}",
            list.join("\n")
        ));
    }
    for id in merged {
        m = m.trailer(key::ID, id.as_str());
    }
    m.trailer(key::REMOTE, &report.remote)
}

/// The ids (or file names) of ledger files among repository `paths`.
pub fn record_names(ledger: &Ledger, paths: &[String]) -> Vec<String> {
    let mut out: Vec<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(&ledger.prefix))
        .filter_map(|rel| match layout::classify(rel) {
            PathRole::Record(_, id) => Some(id.to_string()),
            PathRole::People | PathRole::Config => Some(rel.to_string()),
            _ => None,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Commits reachable from `tip` and not from `hide`.
fn count_between(ledger: &Ledger, tip: Oid, hide: Option<Oid>) -> Result<usize> {
    let mut walk = ledger.repo.revwalk()?;
    walk.push(tip)?;
    if let Some(h) = hide {
        walk.hide(h)?;
    }
    Ok(walk.count())
}

fn git(ledger: &Ledger, args: &[&str]) -> Result<std::process::Output> {
    let dir = ledger.repo.workdir().unwrap_or(ledger.repo.path());
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            Error::env(format!("cannot run the git program: {e}"))
                .hint("install git; sync reaches remotes through it")
        })
}

fn stderr_of(out: &std::process::Output) -> String {
    crate::text::safe(String::from_utf8_lossy(&out.stderr).trim(), true)
}

/// What a fetch found.
enum Fetched {
    /// The remote branch's commit; `None` when the remote has no such branch yet.
    Tip(Option<Oid>),
    /// The remote did not answer properly (dropped connection, too many clients): retry.
    Busy(String),
}

/// Messages of a remote that is overloaded or went away for a moment, not of a wrong address.
const TRANSIENT: [&str; 7] = [
    "hung up unexpectedly",
    "Connection reset",
    "early EOF",
    "Connection refused",
    "timed out",
    "Broken pipe",
    "unexpected disconnect",
];

/// Fetches the remote branch into a private ref.
fn fetch(ledger: &Ledger, t: &Target) -> Result<Fetched> {
    let dst = incoming_ref(t);
    let refspec = format!("+refs/heads/{}:{dst}", t.remote_branch);
    let out = git(
        ledger,
        &[
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            &t.remote,
            &refspec,
        ],
    )?;
    if !out.status.success() {
        let err = stderr_of(&out);
        if err.contains("couldn't find remote ref") {
            return Ok(Fetched::Tip(None));
        }
        if TRANSIENT.iter().any(|m| err.contains(m)) {
            return Ok(Fetched::Busy(format!("fetch: {err}")));
        }
        return Err(Error::env(format!(
            "git fetch {} failed: {err}",
            shown_remote(&t.remote)
        ))
        .hint("check the remote's address and your access to it (git fetch works the same way)"));
    }
    Ok(Fetched::Tip(Some(ledger.repo.refname_to_id(&dst)?)))
}

/// What a push did.
enum Pushed {
    Yes,
    /// The remote moved meanwhile, or dropped the connection: fetch, merge and push again.
    Busy(String),
}

/// Pushes the branch.
fn push(ledger: &Ledger, t: &Target) -> Result<Pushed> {
    let spec = format!("refs/heads/{}:refs/heads/{}", t.branch, t.remote_branch);
    let out = git(
        ledger,
        &["push", "--quiet", "--porcelain", &t.remote, &spec],
    )?;
    if out.status.success() {
        return Ok(Pushed::Yes);
    }
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr_of(&out)
    );
    // Rejected because the remote moved: refused as not a fast-forward, or (when it moved
    // during the push itself) the remote could not update the ref from the value it advertised.
    let moved = [
        "[rejected]",
        "non-fast-forward",
        "fetch first",
        "stale info",
        "failed to update ref",
        "cannot lock ref",
    ];
    if moved.iter().any(|m| text.contains(m)) {
        return Ok(Pushed::Busy("push rejected, the remote moved".into()));
    }
    if TRANSIENT.iter().any(|m| text.contains(m)) {
        return Ok(Pushed::Busy(format!("push: {}", stderr_of(&out))));
    }
    Err(Error::env(format!("git push {} failed: {}", shown_remote(&t.remote), stderr_of(&out)))
        .hint("your records are merged and committed locally; fix access to the remote and run `ledger sync` again"))
}

fn incoming_ref(t: &Target) -> String {
    format!(
        "refs/ledger/incoming/{}",
        safe_name(&format!("{}-{}", t.remote, t.remote_branch))
    )
}

fn safe_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn seen_file(ledger: &Ledger, t: &Target) -> std::path::PathBuf {
    ledger.state_dir().join(format!(
        "seen-{}",
        safe_name(&format!("{}-{}", t.remote, t.remote_branch))
    ))
}

/// The last remote commit this clone saw, if it has synced with this remote before.
pub fn last_seen(ledger: &Ledger, t: &Target) -> Option<Oid> {
    std::fs::read_to_string(seen_file(ledger, t))
        .ok()
        .and_then(|s| Oid::from_str(s.trim()).ok())
}

/// Every remote branch this clone has synced with, and the last commit it saw there.
pub fn all_seen(ledger: &Ledger) -> Vec<(String, Oid)> {
    let Ok(dir) = std::fs::read_dir(ledger.state_dir()) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Oid)> = dir
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let remote = name.strip_prefix("seen-")?.to_string();
            let oid = std::fs::read_to_string(e.path()).ok()?;
            Some((remote, Oid::from_str(oid.trim()).ok()?))
        })
        .collect();
    out.sort();
    out
}

fn save_seen(ledger: &Ledger, t: &Target, oid: Oid) -> Result<()> {
    let file = seen_file(ledger, t);
    std::fs::create_dir_all(ledger.state_dir())?;
    let tmp = file.with_extension("tmp");
    std::fs::write(&tmp, format!("{oid}\n"))?;
    std::fs::rename(tmp, file)?;
    Ok(())
}

/// Refuses when the remote no longer contains the commit this clone last saw there.
fn check_not_rewritten(ledger: &Ledger, t: &Target, theirs: Option<Oid>) -> Result<()> {
    let Some(seen) = last_seen(ledger, t) else {
        return Ok(());
    };
    if ledger.repo.find_commit(seen).is_err() {
        return Ok(());
    }
    if let Some(th) = theirs {
        if th == seen || ledger.repo.graph_descendant_of(th, seen)? {
            return Ok(());
        }
    }
    let dropped = dropped_records(ledger, seen, theirs)?;
    let names = if dropped.is_empty() {
        "no record files".to_string()
    } else {
        dropped.join(", ")
    };
    Err(Error::env(format!(
        "the remote {} {} was rewritten: it no longer contains commit {} that this clone saw there; the dropped or rewritten commits touched: {names}. Nothing was changed here.",
        shown_remote(&t.remote),
        t.remote_branch,
        &seen.to_string()[..10]
    ))
    .of_kind(ErrorKind::RemoteMoved)
    .hint(format!(
        "the ledger is an audit trail and its history is not rewritten; find out who force-pushed. This clone still has every record: to restore the remote, run `git push --force-with-lease {} {}:{}`",
        t.remote, t.branch, t.remote_branch
    )))
}

/// The records changed by commits reachable from `seen` but not from `theirs`.
pub fn dropped_records(ledger: &Ledger, seen: Oid, theirs: Option<Oid>) -> Result<Vec<String>> {
    let repo = &ledger.repo;
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL)?;
    walk.push(seen)?;
    if let Some(t) = theirs {
        walk.hide(t)?;
    }
    let mut paths = Vec::new();
    for oid in walk {
        let c = repo.find_commit(oid?)?;
        let parent = c.parent(0).ok().map(|p| p.tree()).transpose()?;
        paths.extend(super::diff::changed_paths(
            repo,
            parent.as_ref(),
            Some(&c.tree()?),
        )?);
    }
    Ok(record_names(ledger, &paths))
}

#[cfg(test)]
mod tests {
    use super::shown_remote;

    #[test]
    fn remote_urls_lose_their_credentials() {
        assert_eq!(
            shown_remote("https://me:tok@git.test/x.git"),
            "https://git.test/x.git"
        );
        assert_eq!(shown_remote("origin"), "origin");
        assert_eq!(
            shown_remote("git://127.0.0.1:9/r.git"),
            "git://127.0.0.1:9/r.git"
        );
    }
}
