//! The escalation memo as Markdown: short paragraphs a manager reads in a minute, each fact
//! followed by its receipt (the commit, linked when the ledger lives on a known git host).

use super::markdown::{code, inline, link, table};
use crate::model::Status;
use crate::query::escalation::{Memo, PersonRef, Receipt};

/// How many characters of a commit id the memo shows (the JSON carries the full id).
pub const SHORT_COMMIT: usize = 12;

fn who(p: &PersonRef) -> String {
    match (&p.name, p.handle.is_empty()) {
        (Some(n), false) => format!("{} ({})", inline(n), inline(&p.handle)),
        (Some(n), true) => inline(n),
        (None, _) => inline(&p.handle),
    }
}

/// A receipt as inline Markdown: the short commit id, linked when possible, and when.
pub fn receipt(r: &Receipt) -> String {
    let short = &r.commit[..SHORT_COMMIT.min(r.commit.len())];
    format!(
        "receipt: {}, {} by {}",
        link(&code(short), r.link.as_deref()),
        r.at.format("%Y-%m-%d %H:%M %z"),
        inline(&r.author)
    )
}

fn opt_receipt(r: &Option<Receipt>) -> String {
    match r {
        Some(r) => format!(" ({})", receipt(r)),
        None => String::new(),
    }
}

/// The memo as Markdown.
pub fn render(m: &Memo) -> String {
    let mut out = format!("# Escalation: {}\n\n", inline(&m.what));
    let to = if m.escalate_to.is_empty() {
        format!(
            "no one on record: the people file names no one {} reports to",
            who(&m.owner)
        )
    } else {
        m.escalate_to
            .iter()
            .map(who)
            .collect::<Vec<_>>()
            .join(", then ")
    };
    out.push_str(&format!("- **To:** {to}\n"));
    out.push_str(&format!(
        "- **About:** {} {}, owed by {}\n",
        m.kind,
        code(m.id.as_str()),
        who(&m.owner)
    ));
    let standing = if m.standing == "overdue" {
        format!(
            "**{} day{} overdue** on {} (due {})",
            m.days_overdue,
            if m.days_overdue == 1 { "" } else { "s" },
            m.day,
            m.due
        )
    } else {
        format!(
            "**at risk**: due {}, {} day{} after {}",
            m.due,
            m.due_in_days,
            if m.due_in_days == 1 { "" } else { "s" },
            m.day
        )
    };
    out.push_str(&format!("- **Standing:** {standing}\n"));

    if let Some(a) = &m.ask {
        out.push_str("\n## What was asked\n\n");
        let due = a
            .due
            .map(|d| format!(", needed by {d}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "On {} {} asked {} ({}): {}{due}.{}\n",
            a.date,
            who(&a.from),
            who(&a.to),
            code(a.id.as_str()),
            inline(&a.what),
            opt_receipt(&a.receipt)
        ));
        if let Some(w) = &a.why {
            out.push_str(&format!("\nWhy it matters: {}\n", inline(w)));
        }
    }
    if let Some(p) = &m.promise {
        out.push_str("\n## What was promised\n\n");
        let mut where_ = String::new();
        if let Some(mt) = &p.meeting {
            let title = if mt.title.is_empty() {
                String::new()
            } else {
                format!(" \"{}\"", inline(&mt.title))
            };
            let date = mt.date.map(|d| format!(" on {d}")).unwrap_or_default();
            where_ = format!(", in the meeting{title}{date} ({})", code(mt.id.as_str()));
        }
        let accepting = match &m.ask {
            Some(a) => format!(", accepting {}", code(a.id.as_str())),
            None => String::new(),
        };
        out.push_str(&format!(
            "On {} {} promised {}: {}, due {}{where_}{accepting}.{}\n",
            p.date,
            who(&p.by),
            who(&p.to),
            inline(&p.what),
            p.first_due,
            opt_receipt(&p.receipt)
        ));
    }
    if !m.due_changes.is_empty() {
        out.push_str(&format!(
            "\n## Due date changes ({})\n\n",
            m.due_changes.len()
        ));
        let rows: Vec<Vec<String>> = m
            .due_changes
            .iter()
            .map(|c| {
                let d =
                    |x: Option<chrono::NaiveDate>| x.map(|x| x.to_string()).unwrap_or("–".into());
                let mut reason = c
                    .reason
                    .as_deref()
                    .map(inline)
                    .unwrap_or("(none given)".into());
                if c.by_hand {
                    reason.push_str(" (edited by hand with git)");
                }
                if let Some(days) = c.days_after_due {
                    reason.push_str(&format!(" (**{}**)", super::outcome::moved_late(days)));
                }
                vec![
                    c.date.to_string(),
                    who(&c.by),
                    d(c.from),
                    d(c.to),
                    reason,
                    receipt(&c.receipt)
                        .trim_start_matches("receipt: ")
                        .to_string(),
                ]
            })
            .collect();
        out.push_str(&table(
            &["When", "Who", "From", "To", "Reason", "Receipt"],
            &rows,
        ));
    }
    if !m.notes.is_empty() {
        out.push_str(&format!("\n## Progress notes ({})\n\n", m.notes.len()));
        for n in &m.notes {
            let by =
                n.by.as_ref()
                    .map(|p| format!(", {}", who(p)))
                    .unwrap_or_default();
            out.push_str(&format!(
                "- {}{by}: {}{}\n",
                n.date,
                inline(&n.text),
                opt_receipt(&n.receipt)
            ));
        }
    }
    if let Some(b) = &m.blocked {
        out.push_str("\n## Blocked\n\n");
        let on = match (&b.on, &b.on_what) {
            (Some(id), Some(w)) => format!(
                " on {} ({}, {})",
                code(id.as_str()),
                inline(w),
                b.on_status.map(|s| s.to_string()).unwrap_or_default()
            ),
            (Some(id), None) => format!(" on {} (not in the ledger)", code(id.as_str())),
            _ => String::new(),
        };
        let reason = b
            .reason
            .as_deref()
            .map(|r| format!(": {}", inline(r)))
            .unwrap_or_default();
        out.push_str(&format!(
            "Waiting since {}{on}{reason}.{}\n",
            b.since,
            opt_receipt(&b.receipt)
        ));
        if let (Some(id), Some(Status::Open)) = (&b.on, b.on_status) {
            out.push_str(&format!(
                "\nWhat it waits on is still open; `ledger escalate {id}` writes the memo for that.\n"
            ));
        }
    }
    if !m.waiting_on_it.is_empty() {
        out.push_str(&format!(
            "\n## What waits on it ({})\n\n",
            m.waiting_on_it.len()
        ));
        for d in &m.waiting_on_it {
            out.push_str(&format!(
                "- {} {}: {}, due {}{}\n",
                code(d.id.as_str()),
                who(&d.by),
                inline(&d.what),
                d.due,
                opt_receipt(&d.receipt)
            ));
        }
    }
    out
}
