//! Who is recording and when: git's identity settings and date variables, read as git reads them.

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use git2::{Repository, Signature, Time};

use crate::error::{Error, Result};

/// A name, an email and a moment.
#[derive(Clone, Debug)]
pub struct Identity {
    pub name: String,
    pub email: String,
    pub when: DateTime<FixedOffset>,
}

impl Identity {
    /// As a git signature.
    pub fn signature(&self) -> Result<Signature<'static>> {
        let time = Time::new(
            self.when.timestamp(),
            self.when.offset().local_minus_utc() / 60,
        );
        Ok(Signature::new(&self.name, &self.email, &time)?)
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

fn config_value(repo: &Repository, key: &str) -> Option<String> {
    repo.config()
        .ok()?
        .get_string(key)
        .ok()
        .filter(|s| !s.is_empty())
}

/// The author and committer of a new commit, from `GIT_AUTHOR_*`, `GIT_COMMITTER_*` and
/// `user.name`/`user.email`, as git takes them.
pub fn author_and_committer(repo: &Repository) -> Result<(Identity, Identity)> {
    let cfg_name = config_value(repo, "user.name");
    let cfg_email = config_value(repo, "user.email");
    let who = |role: &str| -> Result<Identity> {
        let name = env(&format!("GIT_{role}_NAME")).or_else(|| cfg_name.clone());
        let email = env(&format!("GIT_{role}_EMAIL"))
            .or_else(|| env("EMAIL"))
            .or_else(|| cfg_email.clone());
        let (Some(name), Some(email)) = (name, email) else {
            return Err(Error::user("git does not know who you are, so the change cannot be recorded")
                .hint("set your identity: git config --global user.name \"Your Name\" && git config --global user.email you@example.com"));
        };
        let when = match env(&format!("GIT_{role}_DATE")) {
            Some(s) => parse_git_date(&s).ok_or_else(|| {
                Error::user(format!("GIT_{role}_DATE='{s}' is not a date git understands"))
                    .hint("use e.g. '2026-01-10T09:30:00+01:00', '2026-01-10 09:30:00 +0100' or '@1768000000 +0000'")
            })?,
            None => Local::now().fixed_offset(),
        };
        Ok(Identity { name, email, when })
    };
    Ok((who("AUTHOR")?, who("COMMITTER")?))
}

/// The moment a commit made now would carry as its author time (`GIT_AUTHOR_DATE`, else the
/// clock): what new notes, reschedules and closings are stamped with, so a file's `at` and the
/// commit that wrote it agree.
pub fn author_time(repo: &Repository) -> Result<DateTime<FixedOffset>> {
    Ok(author_and_committer(repo)?.0.when)
}

/// The user's own name and email, for defaulting `--by` and `--from`.
pub fn user(repo: &Repository) -> (Option<String>, Option<String>) {
    (
        env("GIT_AUTHOR_NAME").or_else(|| config_value(repo, "user.name")),
        env("GIT_AUTHOR_EMAIL").or_else(|| config_value(repo, "user.email")),
    )
}

/// Parses the date forms git accepts in `GIT_AUTHOR_DATE`: `@SECONDS [+zzzz]`, RFC 2822 and
/// ISO 8601 (with `T` or a space, with or without an offset; without one, local time).
pub fn parse_git_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    let utc = FixedOffset::east_opt(0)?;
    if let Some(rest) = s.strip_prefix('@').or(s
        .split_whitespace()
        .next()
        .filter(|w| w.len() >= 9 && w.bytes().all(|b| b.is_ascii_digit()))
        .map(|_| s))
    {
        let mut parts = rest.split_whitespace();
        let secs: i64 = parts.next()?.parse().ok()?;
        let offset = match parts.next() {
            Some(tz) => parse_offset(tz)?,
            None => utc,
        };
        return offset.timestamp_opt(secs, 0).single();
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            return Local
                .from_local_datetime(&n)
                .single()
                .map(|d| d.fixed_offset());
        }
    }
    None
}

fn parse_offset(tz: &str) -> Option<FixedOffset> {
    let (sign, digits) = match tz.as_bytes().first()? {
        b'+' => (1, &tz[1..]),
        b'-' => (-1, &tz[1..]),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if digits.len() != 4 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_git_dates() {
        let d = parse_git_date("@1768000000 +0100").unwrap();
        assert_eq!(d.timestamp(), 1_768_000_000);
        assert_eq!(d.offset().local_minus_utc(), 3600);
        assert!(parse_git_date("2026-01-10T09:30:00+01:00").is_some());
        assert!(parse_git_date("2026-01-10 09:30:00 +0100").is_some());
        assert!(parse_git_date("Sat, 10 Jan 2026 09:30:00 +0000").is_some());
        assert!(parse_git_date("yesterday-ish").is_none());
    }
}
