//! Narrowing a report to one team: the people the people file puts on it, and the records they
//! are party to.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::model::{People, Record};

/// Everyone, or the members of one team.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// The team's name, when narrowed.
    pub team: Option<String>,
    members: BTreeSet<String>,
}

impl Scope {
    /// The scope for `team` (everyone when `None`); an unknown team is the user's error.
    pub fn new(people: &People, team: Option<&str>) -> Result<Scope> {
        let Some(team) = team else {
            return Ok(Scope::default());
        };
        let members: BTreeSet<String> = people
            .people
            .iter()
            .filter(|(_, p)| p.team.as_deref() == Some(team))
            .map(|(h, _)| h.clone())
            .collect();
        if members.is_empty() {
            let teams: BTreeSet<&str> = people
                .people
                .values()
                .filter_map(|p| p.team.as_deref())
                .collect();
            let known = if teams.is_empty() {
                "the people file names no teams".to_string()
            } else {
                format!(
                    "teams: {}",
                    teams.into_iter().collect::<Vec<_>>().join(", ")
                )
            };
            return Err(Error::user(format!(
                "--team {team}: no one in the people file is on team '{team}' ({known})"
            ))
            .hint("set a team with `ledger people set HANDLE --team TEAM`"));
        }
        Ok(Scope {
            team: Some(team.to_string()),
            members,
        })
    }

    /// True when `handle` is in scope.
    pub fn has(&self, handle: &str) -> bool {
        self.team.is_none() || self.members.contains(handle)
    }

    /// True when someone in scope is party to `record`: owns it, is its counterpart, or
    /// attended the meeting.
    pub fn touches(&self, record: &Record) -> bool {
        if self.team.is_none() {
            return true;
        }
        match record {
            Record::Meeting(m) => m.attendees.iter().any(|a| self.has(a)),
            _ => {
                record.owner().is_some_and(|h| self.has(h))
                    || record.counterpart().is_some_and(|h| self.has(h))
            }
        }
    }
}
