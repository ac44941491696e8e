//! A receipt: the short confirmation in writing sent to the other party of an ask, a commitment
//! or a decision, so nobody can later misremember what was agreed. This module decides who it
//! is addressed to and what it says; `report::receipt` lays it out.

use chrono::NaiveDate;
use serde::Serialize;

use super::links::Links;
use super::minutes::PersonRef;
use crate::model::{Record, RecordId, Status};
use crate::store::Snapshot;

/// One receipt, ready to lay out.
#[derive(Clone, Debug, Serialize)]
pub struct Receipt {
    pub id: RecordId,
    pub kind: String,
    /// Whom it confirms to: the one who agreed (a commitment's maker, an ask's asked party) or
    /// a decision's meeting.
    pub to: Vec<PersonRef>,
    /// Who else is party to it (the one owed, the one who asked).
    pub cc: Vec<PersonRef>,
    pub subject: String,
    /// The paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Text quoted word for word (a decision's statement).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The paragraph after the quote.
    pub closing: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// `what` continuing a sentence: "Open the tunnel" becomes "open the tunnel", but an acronym
/// or a name ("VPN tunnel", "Alice's plan") keeps its capital.
fn continuing(what: &str) -> String {
    let what = what.trim().trim_end_matches('.');
    let first = what.split_whitespace().next().unwrap_or("");
    let acronym = first.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let mut cs = what.chars();
    match cs.next() {
        Some(c) if !acronym && c.is_uppercase() && first != "I" => {
            c.to_lowercase().chain(cs).collect()
        }
        _ => what.to_string(),
    }
}

/// " in Payments sprint planning" when the record was made in a meeting the ledger holds, or
/// " at WHERE" when it says where.
fn made_in(snap: &Snapshot, meeting: Option<&RecordId>, place: Option<&str>) -> String {
    let title = meeting.and_then(|m| match &snap.get(m)?.record {
        Record::Meeting(m) => Some(m.title.clone()),
        _ => None,
    });
    match (title, place) {
        (Some(t), _) => format!(" in {t}"),
        (None, Some(p)) => format!(" at {p}"),
        _ => String::new(),
    }
}

fn since(status: Status, closed: Option<NaiveDate>) -> Option<String> {
    if status == Status::Open || status == Status::Active {
        return None;
    }
    Some(match closed {
        Some(d) => format!("It has since been marked {status} (on {d})."),
        None => format!("It has since been marked {status}."),
    })
}

const REPLY: &str = "Reply if this is not what you agreed.";

/// The receipt for record `id`; none when it is not in `snap` or is a meeting (a meeting's
/// confirmation is its minutes).
pub fn receipt(snap: &Snapshot, id: &RecordId, links: &Links) -> Option<Receipt> {
    let entry = snap.get(id)?;
    let people = &snap.people;
    let who = |h: &str| PersonRef::of(people, h);
    let link = links.record(id, &entry.path);
    let r = match &entry.record {
        Record::Commitment(c) => {
            let (by, to) = (who(&c.by), who(&c.to));
            let mut paragraphs = vec![format!(
                "On {}{} you agreed to {} for {} by {}.",
                c.date,
                made_in(snap, c.meeting.as_ref(), c.place.as_deref()),
                continuing(&c.what),
                to.called(),
                c.reschedules.first().map_or(c.due, |r| r.from),
            )];
            if let Some(last) = c.reschedules.last() {
                paragraphs.push(format!(
                    "The date has moved {} since; it is now {} ({}).",
                    match c.reschedules.len() {
                        1 => "once".to_string(),
                        2 => "twice".to_string(),
                        n => format!("{n} times"),
                    },
                    c.due,
                    last.reason.trim()
                ));
            }
            paragraphs.extend(since(c.status, c.closed));
            Receipt {
                id: c.id.clone(),
                kind: "commitment".into(),
                subject: format!("Confirming: {} by {}", c.what.trim(), c.due),
                cc: if c.to == c.by { vec![] } else { vec![to] },
                to: vec![by],
                paragraphs,
                quote: None,
                closing: REPLY.into(),
                link,
            }
        }
        Record::Ask(a) => {
            let (from, to) = (who(&a.from), who(&a.to));
            let by = a.due.map(|d| format!(" by {d}")).unwrap_or_default();
            let mut paragraphs = vec![format!(
                "On {}{} {} asked you to {}{by}.",
                a.date,
                made_in(snap, a.meeting.as_ref(), a.place.as_deref()),
                from.called(),
                continuing(&a.what),
            )];
            if let Some(why) = a.why.as_deref().filter(|w| !w.trim().is_empty()) {
                paragraphs.push(format!("Why it matters: {}", why.trim()));
            }
            paragraphs.extend(since(a.status, a.closed));
            Receipt {
                id: a.id.clone(),
                kind: "ask".into(),
                subject: format!("Confirming the ask: {}{by}", a.what.trim()),
                cc: if a.from == a.to { vec![] } else { vec![from] },
                to: vec![to],
                paragraphs,
                quote: None,
                closing: "Reply if this is not what was asked of you.".into(),
                link,
            }
        }
        Record::Decision(d) => {
            let by = who(&d.by);
            let attendees: Vec<PersonRef> = d
                .meeting
                .as_ref()
                .and_then(|m| match &snap.get(m)?.record {
                    Record::Meeting(m) => Some(m.attendees.iter().map(|a| who(a)).collect()),
                    _ => None,
                })
                .unwrap_or_default();
            let to = if attendees.is_empty() {
                vec![by.clone()]
            } else {
                attendees
            };
            let paragraphs = vec![format!(
                "On {}{} {} decided{}:",
                d.date,
                made_in(snap, d.meeting.as_ref(), d.place.as_deref()),
                by.called(),
                if d.compliance {
                    " (a compliance decision)"
                } else {
                    ""
                },
            )];
            let mut closing = String::new();
            if let Some(r) = d.rationale.as_deref().filter(|r| !r.trim().is_empty()) {
                closing.push_str(&format!("Rationale: {} ", r.trim()));
            }
            if let Some(s) = since(d.status, None) {
                closing.push_str(&format!("{s} "));
            }
            closing.push_str("Reply if this is not what was decided.");
            Receipt {
                id: d.id.clone(),
                kind: "decision".into(),
                subject: format!("Confirming the decision of {}", d.date),
                to,
                cc: vec![],
                paragraphs,
                quote: Some(d.statement.clone()),
                closing,
                link,
            }
        }
        Record::Meeting(_) => return None,
    };
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::continuing;

    #[test]
    fn a_sentence_continues_in_lower_case_but_names_and_acronyms_keep_theirs() {
        assert_eq!(continuing("Open the VPN tunnel."), "open the VPN tunnel");
        assert_eq!(continuing("VPN tunnel up"), "VPN tunnel up");
        assert_eq!(continuing("I will call"), "I will call");
        assert_eq!(continuing("review it"), "review it");
    }
}
