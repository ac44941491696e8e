//! The people file: handles, names, teams and the escalation chain.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One person, known by a short handle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Handle of the person they report to: whom to escalate to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
    /// The day they left (`people retire`): kept for history, refused in new records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<chrono::NaiveDate>,
}

/// Everyone the ledger knows, by handle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct People {
    #[serde(default)]
    pub people: BTreeMap<String, Person>,
}

impl People {
    /// The person with this handle.
    pub fn get(&self, handle: &str) -> Option<&Person> {
        self.people.get(handle)
    }

    /// The handle whose email matches (case-insensitively).
    pub fn handle_for_email(&self, email: &str) -> Option<&str> {
        self.people
            .iter()
            .find(|(_, p)| {
                p.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(email))
            })
            .map(|(h, _)| h.as_str())
    }

    /// The handle whose name matches exactly.
    pub fn handle_for_name(&self, name: &str) -> Option<&str> {
        self.people
            .iter()
            .find(|(h, p)| h.as_str() == name || p.name.as_deref() == Some(name))
            .map(|(h, _)| h.as_str())
    }

    /// The known handles nearest to `handle` by edit distance (case ignored), closest first, at
    /// most three, and only those close enough to be a typo of it.
    pub fn nearest(&self, handle: &str) -> Vec<&str> {
        let want = handle.to_lowercase();
        let limit = (want.chars().count() / 3).max(2);
        let mut near: Vec<(usize, &str)> = self
            .people
            .keys()
            .map(|h| (edit_distance(&want, &h.to_lowercase()), h.as_str()))
            .filter(|(d, _)| *d <= limit)
            .collect();
        near.sort();
        near.into_iter().take(3).map(|(_, h)| h).collect()
    }

    /// Moves `old`'s entry to `new` and points everyone who reported to `old` at `new`.
    pub fn rename(&mut self, old: &str, new: &str) {
        if let Some(p) = self.people.remove(old) {
            self.people.insert(new.to_string(), p);
        }
        for p in self.people.values_mut() {
            if p.reports_to.as_deref() == Some(old) {
                p.reports_to = Some(new.to_string());
            }
        }
    }

    /// Whom `handle` reports to.
    pub fn escalate_to(&self, handle: &str) -> Option<&str> {
        self.get(handle).and_then(|p| p.reports_to.as_deref())
    }

    /// The reporting chain above `handle`, nearest first, stopping at a loop.
    pub fn chain(&self, handle: &str) -> Vec<String> {
        let mut chain: Vec<String> = Vec::new();
        let mut cur = handle;
        while let Some(up) = self.escalate_to(cur) {
            if up == handle || chain.iter().any(|h| h == up) {
                break;
            }
            chain.push(up.to_string());
            cur = up;
        }
        chain
    }

    /// The team of `handle`.
    pub fn team(&self, handle: &str) -> Option<&str> {
        self.get(handle).and_then(|p| p.team.as_deref())
    }

    /// "Alice Smith (alice)" when the name is known, else the handle.
    pub fn display(&self, handle: &str) -> String {
        match self.get(handle).and_then(|p| p.name.as_deref()) {
            Some(name) => format!("{name} ({handle})"),
            None => handle.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_stops_at_loops() {
        let mut p = People::default();
        for (h, up) in [("a", "b"), ("b", "c"), ("c", "a")] {
            p.people.insert(
                h.into(),
                Person {
                    reports_to: Some(up.into()),
                    ..Person::default()
                },
            );
        }
        assert_eq!(p.chain("a"), vec!["b", "c"]);
    }
}

/// The Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != *cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod nearest_tests {
    use super::*;

    #[test]
    fn typos_find_their_handle_and_strangers_find_none() {
        assert_eq!(edit_distance("alcie", "alice"), 2);
        assert_eq!(edit_distance("", "bob"), 3);
        let mut p = People::default();
        for h in ["alice", "alina", "bob", "carol"] {
            p.people.insert(h.into(), Person::default());
        }
        assert_eq!(p.nearest("alcie"), ["alice"]);
        assert_eq!(p.nearest("alin"), ["alina", "alice"]);
        assert_eq!(p.nearest("Bob"), ["bob"]);
        assert!(p.nearest("zebediah").is_empty());
    }
}
