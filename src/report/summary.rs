//! The periodic report as Markdown: a headline, then one section per kind of news, each left
//! out when empty. Content comes decided from `query::period`.

use super::markdown::{code, inline, table};
use super::outcome::moved_late;
use crate::model::outcome::Outcome;
use crate::model::Status;
use crate::query::keep::Rate;
use crate::query::period::Summary;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line headline with the counts.
pub fn headline(s: &Summary) -> String {
    let c = &s.counts;
    if c.is_quiet() && s.keep_rates.is_empty() {
        return "Nothing happened: no decisions, promises, meetings or slips, nothing overdue, \
                nothing due next and no ask waiting."
            .to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    if c.decisions > 0 {
        let mut p = plural(c.decisions, "decision", "decisions");
        if c.compliance_decisions > 0 {
            p.push_str(&format!(" ({} compliance)", c.compliance_decisions));
        }
        parts.push(p);
    }
    if c.commitments_made > 0 {
        parts.push(plural(
            c.commitments_made,
            "commitment made",
            "commitments made",
        ));
    }
    let kept = c.kept_on_time + c.kept_late;
    if kept > 0 {
        let late = if c.kept_late > 0 {
            format!(" ({} late)", c.kept_late)
        } else {
            String::new()
        };
        parts.push(format!("{kept} kept{late}"));
    }
    if c.slipped > 0 {
        parts.push(format!("{} slipped", c.slipped));
    }
    if c.overdue > 0 {
        parts.push(format!("{} overdue", c.overdue));
    }
    if c.due_next > 0 {
        parts.push(format!("{} due by {}", c.due_next, s.next_until));
    }
    if c.asks_waiting > 0 {
        parts.push(plural(c.asks_waiting, "ask waiting", "asks waiting"));
    }
    if c.meetings > 0 {
        parts.push(plural(c.meetings, "meeting", "meetings"));
    }
    if parts.is_empty() {
        // Only promises that came due and were kept before the period began.
        return "Nothing new in the period; the keep rates below cover what fell due in it."
            .to_string();
    }
    format!("{}.", parts.join(", "))
}

fn section(out: &mut String, title: &str, n: usize, body: &str) {
    if n == 0 {
        return;
    }
    out.push_str(&format!("\n## {title} ({n})\n\n{body}"));
}

fn rate(r: &Rate) -> String {
    r.on_time_rate
        .map(|x| format!("{:.0}%", x * 100.0))
        .unwrap_or_else(|| "–".into())
}

/// The whole report as Markdown.
pub fn render(s: &Summary) -> String {
    let mut out = format!(
        "# Ledger report: {} to {}\n\n",
        s.period.since, s.period.until
    );
    if let Some(t) = &s.team {
        out.push_str(&format!("Team: {}. ", inline(t)));
    }
    out.push_str(&format!(
        "Overdue and waiting as of {}.\n\n**{}**\n",
        s.day,
        headline(s)
    ));
    let mut b = String::new();
    for d in &s.decisions {
        let compliance = if d.compliance { " **compliance**" } else { "" };
        b.push_str(&format!(
            "- {} {}, {}{compliance}: {}",
            code(d.id.as_str()),
            d.date,
            inline(&d.by),
            inline(&d.statement)
        ));
        if let Some(p) = &d.supersedes {
            b.push_str(&format!(" (supersedes {})", code(p.as_str())));
        }
        if let Some(n) = &d.superseded_by {
            b.push_str(&format!(" — {} by {}", d.status, code(n.as_str())));
            if let Some(f) = d.in_force.as_ref().filter(|f| *f != n) {
                b.push_str(&format!("; in force: {}", code(f.as_str())));
            }
        } else if d.status != Status::Active {
            b.push_str(&format!(" — {}", d.status));
        }
        b.push('\n');
    }
    section(&mut out, "Decisions made", s.decisions.len(), &b);

    let mut b = String::new();
    for c in &s.commitments_made {
        b.push_str(&format!(
            "- {} {} to {}: {}, due {}",
            code(c.id.as_str()),
            inline(&c.by),
            inline(&c.to),
            inline(&c.what),
            c.due
        ));
        if let Some(m) = &c.meeting {
            b.push_str(&format!(" (in meeting {})", code(m.as_str())));
        }
        if let Some(a) = &c.ask {
            b.push_str(&format!(" (answering {})", code(a.as_str())));
        }
        b.push('\n');
    }
    section(&mut out, "Commitments made", s.commitments_made.len(), &b);

    let mut b = String::new();
    for k in &s.kept {
        let mut how = match k.outcome {
            Outcome::Late if k.days_late > 0 => {
                format!("**{} late**", plural(k.days_late as usize, "day", "days"))
            }
            Outcome::Late => "**late**".to_string(),
            Outcome::Renegotiated => "on time (renegotiated in time)".to_string(),
            _ => "on time".to_string(),
        };
        for m in &k.late_reschedules {
            how.push_str(&format!(", **{}**", moved_late(m.days_after_due)));
        }
        b.push_str(&format!(
            "- {} {} to {}: {}: kept {} {how} (due {})\n",
            code(k.promise.id.as_str()),
            inline(&k.promise.by),
            inline(&k.promise.to),
            inline(&k.promise.what),
            k.closed,
            k.promise.due
        ));
    }
    section(&mut out, "Kept", s.kept.len(), &b);

    let mut b = String::new();
    for sl in &s.slipped {
        b.push_str(&format!(
            "- {} {} to {}: {}, now due {} ({} in total)\n",
            code(sl.promise.id.as_str()),
            inline(&sl.promise.by),
            inline(&sl.promise.to),
            inline(&sl.promise.what),
            sl.promise.due,
            plural(sl.slips, "slip", "slips")
        ));
        for m in &sl.moves {
            let by =
                m.by.as_deref()
                    .map(|h| format!(" by {}", inline(h)))
                    .unwrap_or_default();
            b.push_str(&format!(
                "  - {}{by}: {} → {}: {}\n",
                m.date,
                m.from,
                m.to,
                inline(&m.reason)
            ));
        }
    }
    section(&mut out, "Slipped", s.slipped.len(), &b);

    let rows: Vec<Vec<String>> = s
        .overdue
        .iter()
        .map(|o| {
            let blocked = if o.blocked { " (blocked)" } else { "" };
            vec![
                code(o.id.as_str()),
                format!("{}{blocked}", inline(&o.what)),
                inline(&o.owner),
                o.due.to_string(),
                o.days_overdue.to_string(),
                o.slips.to_string(),
                inline(&o.escalate_to),
            ]
        })
        .collect();
    let b = table(
        &[
            "ID",
            "What",
            "Owner",
            "Due",
            "Days overdue",
            "Slips",
            "Escalate to",
        ],
        &rows,
    );
    section(&mut out, &format!("Overdue on {}", s.day), rows.len(), &b);

    let mut b = String::new();
    for u in &s.due_next {
        let blocked = if u.blocked { " (blocked)" } else { "" };
        b.push_str(&format!(
            "- {} {} ({}): {}{blocked}, due {}\n",
            code(u.id.as_str()),
            inline(&u.owner),
            u.kind,
            inline(&u.what),
            u.due
        ));
    }
    section(
        &mut out,
        &format!("Due next, {} to {}", s.day, s.next_until),
        s.due_next.len(),
        &b,
    );

    let mut b = String::new();
    for a in &s.asks_waiting {
        let due = a
            .due
            .map(|d| format!(", needed by {d}"))
            .unwrap_or_default();
        b.push_str(&format!(
            "- {} {} asked {} on {}: {}{due} (waiting {})\n",
            code(a.id.as_str()),
            inline(&a.from),
            inline(&a.to),
            a.date,
            inline(&a.what),
            plural(a.days_waiting as usize, "day", "days")
        ));
    }
    section(
        &mut out,
        "Asks waiting for an answer",
        s.asks_waiting.len(),
        &b,
    );

    let mut b = String::new();
    for m in &s.meetings {
        let who: Vec<String> = m.attendees.iter().map(|a| inline(a)).collect();
        b.push_str(&format!(
            "- {} {} **{}** with {}\n",
            code(m.id.as_str()),
            m.date,
            inline(&m.title),
            who.join(", ")
        ));
        if m.outcomes.is_empty() {
            b.push_str("  - nothing decided or promised\n");
        }
        for o in &m.outcomes {
            let due = o.due.map(|d| format!(", due {d}")).unwrap_or_default();
            b.push_str(&format!(
                "  - {} {} {}: {}{due}\n",
                o.kind,
                code(o.id.as_str()),
                inline(&o.by),
                inline(&o.text)
            ));
        }
    }
    section(&mut out, "Meetings held", s.meetings.len(), &b);

    if !s.keep_rates.is_empty() {
        let people: Vec<Vec<String>> = s
            .keep_rates
            .people
            .iter()
            .map(|r| {
                vec![
                    inline(&r.name),
                    inline(&r.team),
                    r.on_time.to_string(),
                    r.renegotiated.to_string(),
                    r.late.to_string(),
                    r.broken.to_string(),
                    rate(r),
                ]
            })
            .collect();
        let teams: Vec<Vec<String>> = s
            .keep_rates
            .teams
            .iter()
            .map(|r| {
                vec![
                    inline(&r.name),
                    r.on_time.to_string(),
                    r.renegotiated.to_string(),
                    r.late.to_string(),
                    r.broken.to_string(),
                    rate(r),
                ]
            })
            .collect();
        out.push_str(&format!(
            "\n## Keep rates\n\nPromises that fell due or were closed from {} to {}, as they stood on {}; \
             renegotiated means kept by a due date moved before it had passed; late means kept \
             after the due date, or moved after it had passed; broken means overdue, or cancelled \
             after the due date. The on-time rate counts on time and renegotiated.\n\n{}\n{}",
            s.period.since,
            s.period.until,
            s.day,
            table(
                &[
                    "Person",
                    "Team",
                    "On time",
                    "Renegotiated",
                    "Late",
                    "Broken",
                    "On-time rate"
                ],
                &people
            ),
            table(
                &["Team", "On time", "Renegotiated", "Late", "Broken", "On-time rate"],
                &teams
            )
        ));
    }
    out
}
