//! The executive summary behind `ledger report`: the period's facts from `query::period`, read
//! the way a programme lead reads them. An overall status (on track, at risk, off track) by the
//! rules written in docs/format.md, the reasons for it, what needs attention, what is blocked on
//! what, what was decided and what changed. Wording lives in `report::brief`.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::overdue::owes;
use super::period::{Slipped, Summary, Upcoming};
use super::register::Entry as DecisionEntry;
use super::resolve::Abbrev;
use super::team::Scope;
use crate::model::{actions, Note, People, Record, RecordId, Status};
use crate::store::Snapshot;

/// A commitment more than this many days overdue puts the programme off track.
pub const OFF_TRACK_DAYS: i64 = 7;

/// The tag that marks an ask as a compliance ask.
pub const COMPLIANCE_TAG: &str = "compliance";

/// The overall status in the headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Health {
    /// "on track", "at risk", "off track".
    pub fn words(self) -> &'static str {
        match self {
            Health::OnTrack => "on track",
            Health::AtRisk => "at risk",
            Health::OffTrack => "off track",
        }
    }
}

/// Which rule of docs/format.md a reason comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A commitment more than `OFF_TRACK_DAYS` days overdue (off track).
    LongOverdue,
    /// An ask tagged `compliance` unanswered past its needed-by date (off track).
    ComplianceAskLate,
    /// Anything else overdue (at risk).
    Overdue,
    /// Open commitments waiting on something unfinished (at risk).
    Blocked,
    /// A due date moved in the period after it had passed (at risk).
    SlippedLate,
}

/// One reason for the status, with the records it is about.
#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub health: Health,
    pub rule: Rule,
    pub ids: Vec<RecordId>,
}

/// An overdue item, with what a lead needs to chase it.
#[derive(Clone, Debug, Serialize)]
pub struct Attention {
    pub id: RecordId,
    pub kind: String,
    pub what: String,
    /// Who has to act: the one who promised, or the one who was asked.
    pub owner: String,
    pub due: NaiveDate,
    pub days_overdue: i64,
    pub slips: usize,
    pub latest_note: Option<Note>,
    /// Whom to escalate to ("" when the people file does not say).
    pub escalate_to: String,
    /// What it waits on, while that is unfinished.
    pub blocked_on: Option<RecordId>,
    pub blocked_reason: Option<String>,
}

/// A commitment waiting on a blocker, directly or through another commitment.
#[derive(Clone, Debug, Serialize)]
pub struct Waiter {
    pub id: RecordId,
    pub what: String,
    pub by: String,
    pub due: NaiveDate,
    pub since: NaiveDate,
    /// The commitment it waits on directly, when that is not the blocker itself.
    pub via: Option<RecordId>,
}

/// One blocker and everything that waits on it.
#[derive(Clone, Debug, Serialize)]
pub struct Blockage {
    /// The record everything waits on, when it is in the ledger.
    pub on: Option<RecordId>,
    pub on_what: Option<String>,
    pub on_owner: Option<String>,
    pub on_due: Option<NaiveDate>,
    /// Days the blocker itself is overdue (0 when it is not).
    pub on_days_overdue: i64,
    /// The reason given, for a blocker outside the ledger.
    pub reason: Option<String>,
    /// The earliest day anything started waiting on it.
    pub since: NaiveDate,
    pub waiting: Vec<Waiter>,
}

/// A record closed in the period other than by being kept.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub id: RecordId,
    pub kind: String,
    /// cancelled, revoked, superseded, declined, withdrawn.
    pub status: Status,
    pub what: String,
    /// Whose record it was: who promised, who asked, who decided.
    pub owner: String,
    /// Who was asked, or to whom it was promised.
    pub counterpart: Option<String>,
    pub closed: NaiveDate,
    pub reason: Option<String>,
    pub superseded_by: Option<RecordId>,
    pub compliance: bool,
}

/// Something due in the next period.
#[derive(Clone, Debug, Serialize)]
pub struct Next {
    #[serde(flatten)]
    pub item: Upcoming,
    /// Blocked, already moved once, or owed by someone with something overdue.
    pub at_risk: bool,
}

/// How an id is shown: its shortest unique form, and its file (for links).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdRef {
    pub short: String,
    pub path: String,
    pub headline: String,
}

/// The executive summary's content.
#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    /// `title:` from ledger.yaml, or a plain default.
    pub title: String,
    pub audience: Option<String>,
    pub status: Health,
    pub reasons: Vec<Reason>,
    pub attention: Vec<Attention>,
    pub blocked: Vec<Blockage>,
    /// Decisions made in the period, compliance first.
    pub decided: Vec<DecisionEntry>,
    pub changed: Vec<Change>,
    /// Due in the next period, at risk first.
    pub next: Vec<Next>,
    /// Open commitments in scope on the day measured (the weeknote gives each blocker's share).
    pub open_commitments: usize,
    /// The period's facts as the earlier report gave them (kept for scripts).
    #[serde(flatten)]
    pub summary: Summary,
    #[serde(skip)]
    pub people: People,
    #[serde(skip)]
    pub ids: HashMap<RecordId, IdRef>,
}

impl Brief {
    /// How to show `id` (its full form and no link when the ledger does not have it).
    pub fn id_ref(&self, id: &RecordId) -> IdRef {
        self.ids.get(id).cloned().unwrap_or_else(|| IdRef {
            short: id.to_string(),
            path: String::new(),
            headline: String::new(),
        })
    }

    /// A person's name from the people file, else the handle.
    pub fn name(&self, handle: &str) -> String {
        self.people
            .get(handle)
            .and_then(|p| p.name.clone())
            .unwrap_or_else(|| handle.to_string())
    }
}

/// The settings the summary takes from ledger.yaml.
#[derive(Clone, Debug, Default)]
pub struct Heading {
    pub title: Option<String>,
    pub audience: Option<String>,
}

fn commitment<'a>(snap: &'a Snapshot, id: &RecordId) -> Option<&'a crate::model::Commitment> {
    match snap.get(id).map(|e| &e.record) {
        Some(Record::Commitment(c)) => Some(c),
        _ => None,
    }
}

/// Groups every still-blocked open commitment in scope under the blocker at the end of its
/// chain: tokenizer work waiting on a refund job waiting on a VPN tunnel waits on the tunnel.
fn blockages(snap: &Snapshot, scope: &Scope, day: NaiveDate) -> Vec<Blockage> {
    let status_of = |id: &RecordId| snap.get(id).map(|e| e.record.status());
    let blocked = |c: &crate::model::Commitment| {
        c.status == Status::Open && actions::still_blocked(c, status_of)
    };
    // Key: the blocking record's id, or the outside reason.
    let mut groups: BTreeMap<(Option<RecordId>, Option<String>), Blockage> = BTreeMap::new();
    for e in snap.entries.iter().filter(|e| scope.touches(&e.record)) {
        let Record::Commitment(c) = &e.record else {
            continue;
        };
        if !blocked(c) {
            continue;
        }
        let Some(b) = &c.blocked else { continue };
        // Follow the chain while the thing waited on is itself a blocked commitment.
        let mut root = c;
        let mut seen = vec![c.id.clone()];
        while let Some(next) = root
            .blocked
            .as_ref()
            .and_then(|b| b.on.as_ref())
            .and_then(|on| commitment(snap, on))
            .filter(|n| blocked(n) && !seen.contains(&n.id))
        {
            seen.push(next.id.clone());
            root = next;
        }
        let rb = root.blocked.as_ref().unwrap_or(b);
        let key = (
            rb.on.clone(),
            rb.on.is_none().then(|| rb.reason.clone()).flatten(),
        );
        let on_rec = rb
            .on
            .as_ref()
            .and_then(|on| snap.get(on))
            .map(|e| &e.record);
        let g = groups.entry(key).or_insert_with(|| Blockage {
            on: rb.on.clone(),
            on_what: on_rec.map(|r| r.headline().to_string()),
            on_owner: on_rec.map(|r| owes(r).to_string()),
            on_due: on_rec.and_then(|r| r.due()),
            on_days_overdue: on_rec
                .filter(|r| r.status() == Status::Open)
                .and_then(|r| r.due())
                .map(|d| (day - d).num_days().max(0))
                .unwrap_or(0),
            reason: rb.reason.clone(),
            since: b.since,
            waiting: Vec::new(),
        });
        g.since = g.since.min(b.since);
        g.waiting.push(Waiter {
            id: c.id.clone(),
            what: c.what.clone(),
            by: c.by.clone(),
            due: c.due,
            since: b.since,
            via: b.on.clone().filter(|on| Some(on) != rb.on.as_ref()),
        });
    }
    let mut out: Vec<Blockage> = groups.into_values().collect();
    for g in &mut out {
        g.waiting
            .sort_by(|a, b| a.due.cmp(&b.due).then(a.id.cmp(&b.id)));
    }
    // The blocker holding up the most work first.
    out.sort_by(|a, b| {
        b.waiting
            .len()
            .cmp(&a.waiting.len())
            .then(a.since.cmp(&b.since))
            .then(a.on.cmp(&b.on))
            .then(a.reason.cmp(&b.reason))
    });
    out
}

fn changes(snap: &Snapshot, scope: &Scope, s: &Summary) -> Vec<Change> {
    let mut out = Vec::new();
    for e in snap.entries.iter().filter(|e| scope.touches(&e.record)) {
        let r = &e.record;
        let change = |closed: Option<NaiveDate>,
                      reason: &Option<String>,
                      counterpart: Option<&str>,
                      superseded_by: Option<&RecordId>,
                      compliance: bool| {
            let closed = closed.filter(|d| s.period.contains(*d))?;
            Some(Change {
                id: r.id().clone(),
                kind: r.kind().to_string(),
                status: r.status(),
                what: r.headline().to_string(),
                owner: r.owner().unwrap_or("").to_string(),
                counterpart: counterpart.map(str::to_string),
                closed,
                reason: reason.clone(),
                superseded_by: superseded_by.cloned(),
                compliance,
            })
        };
        let c = match r {
            Record::Commitment(c) if c.status == Status::Cancelled => {
                change(c.closed, &c.reason, Some(&c.to), None, false)
            }
            Record::Ask(a) if matches!(a.status, Status::Declined | Status::Withdrawn) => {
                change(a.closed, &a.reason, Some(&a.to), None, false)
            }
            Record::Decision(d) if matches!(d.status, Status::Revoked | Status::Superseded) => {
                change(
                    d.closed,
                    &d.reason,
                    None,
                    d.superseded_by.as_ref(),
                    d.compliance,
                )
            }
            _ => None,
        };
        out.extend(c);
    }
    // Compliance first, then by day.
    out.sort_by(|a, b| {
        b.compliance
            .cmp(&a.compliance)
            .then(a.closed.cmp(&b.closed))
            .then(a.id.cmp(&b.id))
    });
    out
}

fn reasons(brief: &Brief, snap: &Snapshot, day: NaiveDate) -> Vec<Reason> {
    let mut out = Vec::new();
    let long: Vec<RecordId> = brief
        .attention
        .iter()
        .filter(|a| a.kind == "commitment" && a.days_overdue > OFF_TRACK_DAYS)
        .map(|a| a.id.clone())
        .collect();
    let compliance_asks: Vec<RecordId> = snap
        .entries
        .iter()
        .filter_map(|e| match &e.record {
            Record::Ask(a)
                if a.status == Status::Open
                    && a.due.is_some_and(|d| d < day)
                    && a.tags
                        .iter()
                        .any(|t| t.eq_ignore_ascii_case(COMPLIANCE_TAG))
                    && brief.attention.iter().any(|x| x.id == a.id) =>
            {
                Some(a.id.clone())
            }
            _ => None,
        })
        .collect();
    let rest: Vec<RecordId> = brief
        .attention
        .iter()
        .filter(|a| !long.contains(&a.id) && !compliance_asks.contains(&a.id))
        .map(|a| a.id.clone())
        .collect();
    for (health, rule, ids) in [
        (Health::OffTrack, Rule::LongOverdue, long),
        (Health::OffTrack, Rule::ComplianceAskLate, compliance_asks),
        (Health::AtRisk, Rule::Overdue, rest),
    ] {
        if !ids.is_empty() {
            out.push(Reason { health, rule, ids });
        }
    }
    for b in &brief.blocked {
        let mut ids: Vec<RecordId> = b.on.iter().cloned().collect();
        ids.extend(b.waiting.iter().map(|w| w.id.clone()));
        out.push(Reason {
            health: Health::AtRisk,
            rule: Rule::Blocked,
            ids,
        });
    }
    let late_slips: Vec<RecordId> = brief
        .summary
        .slipped
        .iter()
        .filter(|s| moved_late(s))
        .map(|s| s.promise.id.clone())
        .collect();
    if !late_slips.is_empty() {
        out.push(Reason {
            health: Health::AtRisk,
            rule: Rule::SlippedLate,
            ids: late_slips,
        });
    }
    out
}

/// True when a slip in the period was made after the due date it moved had passed.
pub fn moved_late(s: &Slipped) -> bool {
    s.moves.iter().any(|m| m.date > m.from)
}

/// Builds the executive summary from the period's facts.
pub fn brief(snap: &Snapshot, summary: Summary, scope: &Scope, heading: Heading) -> Brief {
    crate::store::read::whole(snap, "brief");
    let day = summary.day;
    let mut attention: Vec<Attention> = summary
        .overdue
        .iter()
        .map(|o| {
            let rec = snap.get(&o.id).map(|e| &e.record);
            let blocker = match rec {
                Some(Record::Commitment(c)) if o.blocked => c.blocked.clone(),
                _ => None,
            };
            Attention {
                id: o.id.clone(),
                kind: o.kind.clone(),
                what: o.what.clone(),
                owner: o.owner.clone(),
                due: o.due,
                days_overdue: o.days_overdue,
                slips: o.slips,
                latest_note: rec.and_then(|r| r.notes().last().cloned()),
                escalate_to: o.escalate_to.clone(),
                blocked_on: blocker.as_ref().and_then(|b| b.on.clone()),
                blocked_reason: blocker.and_then(|b| b.reason),
            }
        })
        .collect();
    attention.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.id.cmp(&b.id)));
    let mut decided: Vec<DecisionEntry> = summary.decisions.clone();
    decided.sort_by(|a, b| {
        b.compliance
            .cmp(&a.compliance)
            .then(a.date.cmp(&b.date))
            .then(a.id.cmp(&b.id))
    });
    let late_owners: Vec<&str> = summary.overdue.iter().map(|o| o.owner.as_str()).collect();
    let mut next: Vec<Next> = summary
        .due_next
        .iter()
        .map(|u| {
            let moved = commitment(snap, &u.id).is_some_and(|c| !c.reschedules.is_empty());
            Next {
                item: u.clone(),
                at_risk: u.blocked || moved || late_owners.contains(&u.owner.as_str()),
            }
        })
        .collect();
    next.sort_by(|a, b| {
        b.at_risk
            .cmp(&a.at_risk)
            .then(a.item.due.cmp(&b.item.due))
            .then(a.item.id.cmp(&b.item.id))
    });
    let mut b = Brief {
        title: heading
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Ledger report".to_string()),
        audience: heading.audience.filter(|a| !a.trim().is_empty()),
        status: Health::OnTrack,
        reasons: Vec::new(),
        attention,
        blocked: blockages(snap, scope, day),
        decided,
        changed: changes(snap, scope, &summary),
        next,
        open_commitments: snap
            .entries
            .iter()
            .filter(|e| scope.touches(&e.record))
            .filter(|e| matches!(&e.record, Record::Commitment(c) if c.status == Status::Open))
            .count(),
        summary,
        people: snap.people.clone(),
        ids: HashMap::new(),
    };
    b.reasons = reasons(&b, snap, day);
    b.status = b
        .reasons
        .iter()
        .map(|r| r.health)
        .max()
        .unwrap_or(Health::OnTrack);
    let abbrev = Abbrev::of(snap);
    b.ids = referenced(&b)
        .into_iter()
        .filter_map(|id| {
            let e = snap.get(&id)?;
            let r = IdRef {
                short: abbrev.short(&id).to_string(),
                path: e.path.clone(),
                headline: e.record.headline().to_string(),
            };
            Some((id, r))
        })
        .collect();
    b
}

/// Every id the summary names, so only those are looked up for display.
fn referenced(b: &Brief) -> Vec<RecordId> {
    let mut ids: Vec<RecordId> = Vec::new();
    for a in &b.attention {
        ids.push(a.id.clone());
        ids.extend(a.blocked_on.clone());
    }
    for g in &b.blocked {
        ids.extend(g.on.clone());
        for w in &g.waiting {
            ids.push(w.id.clone());
            ids.extend(w.via.clone());
        }
    }
    for d in &b.decided {
        ids.push(d.id.clone());
        ids.extend(d.supersedes.clone());
        ids.extend(d.superseded_by.clone());
        ids.extend(d.in_force.clone());
    }
    for c in &b.changed {
        ids.push(c.id.clone());
        ids.extend(c.superseded_by.clone());
    }
    let s = &b.summary;
    ids.extend(s.kept.iter().map(|k| k.promise.id.clone()));
    ids.extend(s.slipped.iter().map(|k| k.promise.id.clone()));
    ids.extend(b.next.iter().map(|n| n.item.id.clone()));
    ids.extend(s.asks_waiting.iter().map(|a| a.id.clone()));
    for a in &s.asks_answered {
        ids.push(a.id.clone());
        ids.extend(a.decision.clone());
    }
    ids.sort();
    ids.dedup();
    ids
}
