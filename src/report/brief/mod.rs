//! The executive summary in words: `query::brief` decides what is in it; this module writes the
//! sentences once, as a small document of sections, items and spans, and each form (Markdown,
//! plain text, HTML) only lays that document out. So the forms can never say different things.

pub mod markdown;
pub mod text;
pub mod weeknote;

use chrono::NaiveDate;

use crate::model::outcome::Outcome;
use crate::model::verdict::moved_late;
use crate::model::Status;
use crate::query::brief::{Brief, Health, IdRef, Rule, OFF_TRACK_DAYS};
use crate::query::register::Entry as DecisionEntry;

/// A piece of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    /// Words, record text included (each form escapes it).
    Text(String),
    /// Words that carry the news ("10 days overdue").
    Strong(String),
    /// A record's id, shown small (and linked) where the form can; left out of plain text.
    Id(IdRef),
    /// An address shown in full (a link where the form can and the address is safe to follow).
    Url(String),
}

/// One sentence or more, as spans.
pub type Line = Vec<Span>;

/// One entry of a section.
#[derive(Clone, Debug, Default)]
pub struct Item {
    pub line: Line,
    /// Text quoted word for word (a decision's statement).
    pub quote: Option<String>,
    /// Details under the entry.
    pub sub: Vec<Line>,
}

/// A titled part of the summary; empty ones are never made.
#[derive(Clone, Debug)]
pub struct Section {
    /// A stable name (`attention`, `blocked`, ...) for HTML anchors and tests.
    pub key: &'static str,
    pub title: String,
    pub items: Vec<Item>,
}

/// The whole summary, ready to lay out.
#[derive(Clone, Debug)]
pub struct Doc {
    pub title: String,
    pub audience: Option<String>,
    /// "2026-03-14 to 2026-03-20", and the team when there is one.
    pub period: String,
    /// On track, at risk or off track: none for a document that does not judge (minutes).
    pub status: Option<Health>,
    /// One sentence per reason for the status.
    pub reasons: Vec<Line>,
    pub sections: Vec<Section>,
}

fn t(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

fn strong(s: impl Into<String>) -> Span {
    Span::Strong(s.into())
}

fn days(n: i64) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `s` ending as a sentence: a full stop added unless it already ends in punctuation.
fn sentence(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with(['.', '!', '?', '…', ')', '"', '”']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// `The statement` in typographic quotes.
fn quoted(s: &str) -> String {
    format!("“{s}”")
}

pub(super) struct Words<'a> {
    b: &'a Brief,
}

impl Words<'_> {
    fn name(&self, handle: &str) -> String {
        self.b.name(handle)
    }

    fn id(&self, id: &crate::model::RecordId) -> Span {
        Span::Id(self.b.id_ref(id))
    }

    fn what_of(&self, id: &crate::model::RecordId) -> String {
        let r = self.b.id_ref(id);
        if r.headline.is_empty() {
            id.to_string()
        } else {
            r.headline
        }
    }

    fn reason(&self, rule: Rule, ids: &[crate::model::RecordId]) -> Line {
        let att = |id: &crate::model::RecordId| self.b.attention.iter().find(|a| &a.id == id);
        let list = |ids: &[crate::model::RecordId], asked: bool| -> Line {
            let mut l = Vec::new();
            for (i, id) in ids.iter().filter_map(&att).enumerate() {
                if i > 0 {
                    l.push(t("; "));
                }
                let who = if asked {
                    format!("asked of {}", self.name(&id.owner))
                } else {
                    self.name(&id.owner)
                };
                l.push(t(format!("{} ({who}, ", id.what)));
                l.push(strong(days(id.days_overdue)));
                l.push(t(")"));
            }
            l.push(t("."));
            l
        };
        match rule {
            Rule::LongOverdue => {
                let mut l = vec![
                    strong("Off track: "),
                    t(format!("more than {} overdue: ", days(OFF_TRACK_DAYS))),
                ];
                l.extend(list(ids, false));
                l
            }
            Rule::ComplianceAskLate => {
                let mut l = vec![
                    strong("Off track: "),
                    t("a compliance ask is unanswered past its date: "),
                ];
                l.extend(list(ids, true));
                l
            }
            Rule::Overdue => {
                let mut l = vec![strong("At risk: "), t("overdue: ")];
                l.extend(list(ids, false));
                l
            }
            Rule::Blocked => {
                let Some(g) = self.b.blocked.iter().find(|g| {
                    g.on.iter()
                        .chain(g.waiting.iter().map(|w| &w.id))
                        .eq(ids.iter())
                }) else {
                    return vec![strong("At risk: "), t("work is blocked.")];
                };
                let n = count(g.waiting.len(), "commitment waits", "commitments wait");
                let mut l = vec![strong("At risk: "), t(format!("{n} on "))];
                match (&g.on, &g.on_what) {
                    (Some(_), Some(what)) => {
                        let owner = g.on_owner.as_deref().unwrap_or("");
                        l.push(t(format!("{what} ({})", self.name(owner))));
                        if g.on_days_overdue > 0 {
                            l.push(t(", itself "));
                            l.push(strong(format!("{} overdue", days(g.on_days_overdue))));
                        }
                    }
                    (Some(on), None) => l.push(t(on.to_string())),
                    (None, _) => l.push(t(format!(
                        "something outside the ledger: {}",
                        g.reason.as_deref().unwrap_or("no reason given")
                    ))),
                }
                l.push(t("."));
                l
            }
            Rule::SlippedLate => {
                let mut l = vec![
                    strong("At risk: "),
                    t("due dates moved only after they had passed: "),
                ];
                for (i, s) in self
                    .b
                    .summary
                    .slipped
                    .iter()
                    .filter(|s| ids.contains(&s.promise.id))
                    .enumerate()
                {
                    if i > 0 {
                        l.push(t("; "));
                    }
                    l.push(t(format!(
                        "{} ({})",
                        s.promise.what,
                        self.name(&s.promise.by)
                    )));
                }
                l.push(t("."));
                l
            }
        }
    }

    pub(super) fn attention(&self) -> Vec<Item> {
        self.b
            .attention
            .iter()
            .map(|a| {
                let owes = if a.kind == "ask" {
                    format!("asked of {}", self.name(&a.owner))
                } else {
                    self.name(&a.owner)
                };
                let mut line = vec![
                    strong(a.what.clone()),
                    t(format!(" — {owes}, ")),
                    strong(format!("{} overdue", days(a.days_overdue))),
                    t(format!(" (due {})", a.due)),
                ];
                if a.slips > 0 {
                    line.push(t(format!(", the date moved {}", times(a.slips))));
                }
                line.push(t("."));
                line.push(self.id(&a.id));
                let mut sub = Vec::new();
                if let Some(on) = &a.blocked_on {
                    sub.push(vec![
                        t(format!("Waits on: {}.", self.what_of(on))),
                        self.id(on),
                    ]);
                } else if let Some(r) = &a.blocked_reason {
                    sub.push(vec![t(format!(
                        "Waits on something outside the ledger: {r}."
                    ))]);
                }
                if let Some(n) = &a.latest_note {
                    let by =
                        n.by.as_deref()
                            .map(|h| format!(", {}", self.name(h)))
                            .unwrap_or_default();
                    sub.push(vec![t(format!(
                        "Latest note ({}{by}): {}",
                        n.date,
                        sentence(&n.text)
                    ))]);
                } else {
                    sub.push(vec![t("No progress note.")]);
                }
                if !a.escalate_to.is_empty() {
                    sub.push(vec![t(format!(
                        "Escalate to {}.",
                        self.name(&a.escalate_to)
                    ))]);
                }
                Item {
                    line,
                    quote: None,
                    sub,
                }
            })
            .collect()
    }

    pub(super) fn blocked(&self) -> Vec<Item> {
        self.b
            .blocked
            .iter()
            .map(|g| {
                let n = count(g.waiting.len(), "commitment", "commitments");
                let mut line = match (&g.on, &g.on_what) {
                    (Some(on), what) => {
                        let what = what.clone().unwrap_or_else(|| on.to_string());
                        let mut l = vec![strong(what)];
                        if let Some(o) = &g.on_owner {
                            l.push(t(format!(" ({})", self.name(o))));
                        }
                        if let Some(d) = g.on_due {
                            l.push(t(format!(", due {d}")));
                        }
                        if g.on_days_overdue > 0 {
                            l.push(t(", "));
                            l.push(strong(format!("{} overdue", days(g.on_days_overdue))));
                        }
                        l.push(t(format!(", holds up {n} since {}.", g.since)));
                        l.push(self.id(on));
                        l
                    }
                    (None, _) => vec![
                        strong("Outside the ledger: "),
                        t(format!(
                            "{}, since {}, holds up {n}.",
                            g.reason.as_deref().unwrap_or("no reason given"),
                            g.since
                        )),
                    ],
                };
                line.shrink_to_fit();
                let sub = g
                    .waiting
                    .iter()
                    .map(|w| {
                        let mut l = vec![t(format!(
                            "{} ({}), due {}",
                            w.what,
                            self.name(&w.by),
                            w.due
                        ))];
                        if let Some(v) = &w.via {
                            l.push(t(format!(", through {}", self.what_of(v))));
                        }
                        l.push(t("."));
                        l.push(self.id(&w.id));
                        l
                    })
                    .collect();
                Item {
                    line,
                    quote: None,
                    sub,
                }
            })
            .collect()
    }

    pub(super) fn decided(&self) -> Vec<Item> {
        self.b.decided.iter().map(|d| self.decision(d)).collect()
    }

    fn decision(&self, d: &DecisionEntry) -> Item {
        let mut line = Vec::new();
        if d.compliance {
            line.push(strong("Compliance decision"));
        } else {
            line.push(t("Decision"));
        }
        let place = match (&d.meeting, &d.place) {
            (Some(m), _) if !m.title.is_empty() => format!(" in {}", m.title),
            (_, Some(p)) => format!(" at {p}"),
            _ => String::new(),
        };
        line.push(t(format!(
            " by {}, {}{place}, word for word:",
            self.name(&d.by),
            d.date
        )));
        line.push(self.id(&d.id));
        let mut sub = Vec::new();
        if let Some(p) = &d.supersedes {
            sub.push(vec![
                t(format!("Supersedes {}", quoted(&self.what_of(p)))),
                self.id(p),
            ]);
        }
        if let Some(r) = &d.rationale {
            sub.push(vec![t(format!("Why: {r}"))]);
        }
        match (&d.superseded_by, d.status) {
            (Some(n), _) => {
                sub.push(vec![
                    t(format!("Since superseded by {}", quoted(&self.what_of(n)))),
                    self.id(n),
                ]);
                if let Some(f) = d.in_force.as_ref().filter(|f| *f != n) {
                    sub.push(vec![
                        t(format!("In force now: {}", quoted(&self.what_of(f)))),
                        self.id(f),
                    ]);
                }
            }
            (None, Status::Revoked) => sub.push(vec![t(format!(
                "Since revoked{}.",
                d.reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default()
            ))]),
            _ => {}
        }
        Item {
            line,
            quote: Some(d.statement.clone()),
            sub,
        }
    }

    pub(super) fn changed(&self) -> Vec<Item> {
        self.b
            .changed
            .iter()
            .map(|c| {
                let owner = self.name(&c.owner);
                let other = c.counterpart.as_deref().map(|h| self.name(h));
                let mut line = match (c.status, other) {
                    (Status::Cancelled, other) => vec![
                        strong("Cancelled: "),
                        t(format!(
                            "{} ({owner}{}), on {}.",
                            c.what,
                            other.map(|o| format!(" to {o}")).unwrap_or_default(),
                            c.closed
                        )),
                    ],
                    (Status::Declined, other) => vec![
                        strong("Declined: "),
                        t(format!(
                            "{} declined {owner}'s ask on {}: {}.",
                            other.unwrap_or_default(),
                            c.closed,
                            c.what
                        )),
                    ],
                    (Status::Withdrawn, other) => vec![
                        strong("Withdrawn: "),
                        t(format!(
                            "{owner} withdrew the ask to {} on {}: {}.",
                            other.unwrap_or_default(),
                            c.closed,
                            c.what
                        )),
                    ],
                    (Status::Superseded, _) => vec![
                        strong(if c.compliance {
                            "Superseded compliance decision: "
                        } else {
                            "Superseded decision: "
                        }),
                        t(format!(
                            "{owner}'s {} was replaced on {}{}",
                            quoted(&c.what),
                            c.closed,
                            c.superseded_by
                                .as_ref()
                                .map(|n| format!(" by {}", quoted(&self.what_of(n))))
                                .unwrap_or_default()
                        )),
                    ],
                    (_, _) => vec![
                        strong(if c.compliance {
                            "Revoked compliance decision: "
                        } else {
                            "Revoked decision: "
                        }),
                        t(format!(
                            "{owner}'s {} was revoked on {}.",
                            quoted(&c.what),
                            c.closed
                        )),
                    ],
                };
                if let Some(r) = &c.reason {
                    line.push(t(format!(" Reason: {}", sentence(r))));
                }
                line.push(self.id(&c.id));
                Item {
                    line,
                    quote: None,
                    sub: Vec::new(),
                }
            })
            .collect()
    }

    pub(super) fn slipped(&self) -> Vec<Item> {
        self.b
            .summary
            .slipped
            .iter()
            .map(|s| {
                let p = &s.promise;
                let line = vec![
                    strong(p.what.clone()),
                    t(format!(
                        " ({} to {}): now due {}; the date has moved {} in all.",
                        self.name(&p.by),
                        self.name(&p.to),
                        p.due,
                        times(s.slips)
                    )),
                    self.id(&p.id),
                ];
                let sub = s
                    .moves
                    .iter()
                    .map(|m| {
                        let when = if m.date > m.from {
                            strong(format!(
                                "after it was due ({} late)",
                                days((m.date - m.from).num_days())
                            ))
                        } else {
                            t("before it was due")
                        };
                        let by =
                            m.by.as_deref()
                                .map(|h| format!(" by {}", self.name(h)))
                                .unwrap_or_default();
                        vec![
                            t(format!("{}{by}: {} → {}, ", m.date, m.from, m.to)),
                            when,
                            t(format!(". Reason: {}", sentence(&m.reason))),
                        ]
                    })
                    .collect();
                Item {
                    line,
                    quote: None,
                    sub,
                }
            })
            .collect()
    }

    pub(super) fn kept(&self) -> Vec<Item> {
        self.b
            .summary
            .kept
            .iter()
            .map(|k| {
                let p = &k.promise;
                let how = match k.outcome {
                    Outcome::Late if k.days_late > 0 => {
                        strong(format!("{} late", days(k.days_late)))
                    }
                    Outcome::Late => strong("late"),
                    Outcome::Renegotiated => t("on time, by a date moved in time"),
                    _ => t("on time"),
                };
                let mut line = vec![
                    t(format!(
                        "{} ({} to {}): done {}, ",
                        p.what,
                        self.name(&p.by),
                        self.name(&p.to),
                        k.closed
                    )),
                    how,
                ];
                for m in &k.late_reschedules {
                    line.push(t(", "));
                    line.push(strong(moved_late(m.days_after_due)));
                }
                line.push(t(format!(" (due {}).", p.due)));
                line.push(self.id(&p.id));
                Item {
                    line,
                    quote: None,
                    sub: Vec::new(),
                }
            })
            .collect()
    }

    pub(super) fn next(&self) -> Vec<Item> {
        self.b
            .next
            .iter()
            .map(|n| {
                let u = &n.item;
                let mut line = Vec::new();
                if n.at_risk {
                    line.push(strong("At risk: "));
                }
                let owes = if u.kind == "ask" {
                    format!("asked of {}", self.name(&u.owner))
                } else {
                    self.name(&u.owner)
                };
                line.push(t(format!("{} ({owes}), due {}", u.what, u.due)));
                if u.blocked {
                    line.push(t(", blocked"));
                }
                line.push(t("."));
                line.push(self.id(&u.id));
                Item {
                    line,
                    quote: None,
                    sub: Vec::new(),
                }
            })
            .collect()
    }

    pub(super) fn answered(&self) -> Vec<Item> {
        self.b
            .summary
            .asks_answered
            .iter()
            .map(|a| {
                let mut line = vec![t(format!(
                    "{}: {} asked {} on {}; answered in writing {}, ",
                    a.what,
                    self.name(&a.from),
                    self.name(&a.to),
                    a.date,
                    a.answered
                ))];
                line.push(if a.on_time {
                    t("on time")
                } else {
                    strong(format!("{} late", days(a.days_late)))
                });
                if let Some(d) = a.due {
                    line.push(t(format!(" (needed by {d})")));
                }
                line.push(t("."));
                line.push(self.id(&a.id));
                Item {
                    line,
                    quote: a.answer.clone(),
                    sub: Vec::new(),
                }
            })
            .collect()
    }

    pub(super) fn waiting(&self) -> Vec<Item> {
        let day = self.b.summary.day;
        self.b
            .summary
            .asks_waiting
            .iter()
            .map(|a| {
                let mut line = vec![t(format!(
                    "{}: {} asked {} on {}",
                    a.what,
                    self.name(&a.from),
                    self.name(&a.to),
                    a.date
                ))];
                if let Some(d) = a.due {
                    line.push(t(format!(", needed by {d}")));
                }
                line.push(t(format!("; waiting {}", days(a.days_waiting))));
                if let Some(d) = a.due.filter(|d| *d < day) {
                    line.push(t(", "));
                    line.push(strong(format!("{} past", days((day - d).num_days()))));
                }
                line.push(t("."));
                line.push(self.id(&a.id));
                Item {
                    line,
                    quote: None,
                    sub: Vec::new(),
                }
            })
            .collect()
    }
}

pub(super) fn section(key: &'static str, title: String, items: Vec<Item>) -> Option<Section> {
    (!items.is_empty()).then(|| Section {
        title: format!("{title} ({})", items.len()),
        key,
        items,
    })
}

/// The period in words: "2026-03-14 to 2026-03-20".
fn period(since: NaiveDate, until: NaiveDate) -> String {
    if since == until {
        since.to_string()
    } else {
        format!("{since} to {until}")
    }
}

/// Writes the summary's sentences.
pub fn doc(b: &Brief) -> Doc {
    let w = Words { b };
    let s = &b.summary;
    let mut reasons: Vec<Line> = b.reasons.iter().map(|r| w.reason(r.rule, &r.ids)).collect();
    if reasons.is_empty() {
        reasons.push(vec![t(
            "Nothing is overdue or blocked, and no due date moved after it had passed.",
        )]);
    }
    let mut p = period(s.period.since, s.period.until);
    if s.day != s.period.until {
        p.push_str(&format!(", as of {}", s.day));
    }
    if let Some(team) = &s.team {
        p.push_str(&format!(", team {team}"));
    }
    let sections = [
        section("attention", "Needs attention".into(), w.attention()),
        section("blocked", "Blocked".into(), w.blocked()),
        section("decided", "Decided".into(), w.decided()),
        section("changed", "Changed".into(), w.changed()),
        section("slipped", "Slipped".into(), w.slipped()),
        section("kept", "Kept".into(), w.kept()),
        section("next", format!("Next, due by {}", s.next_until), w.next()),
        section("answered", "Answered".into(), w.answered()),
        section("waiting", "Waiting on answers".into(), w.waiting()),
    ]
    .into_iter()
    .flatten()
    .collect();
    Doc {
        title: b.title.clone(),
        audience: b.audience.clone(),
        period: p,
        status: Some(b.status),
        reasons,
        sections,
    }
}
