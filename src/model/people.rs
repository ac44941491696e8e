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

    /// The handle a tracker's export means by `value` (an assignee or reporter): a handle
    /// exactly, else someone's email or full name, case ignored.
    pub fn find(&self, value: &str) -> Option<&str> {
        let value = value.trim();
        if let Some((h, _)) = self.people.get_key_value(value) {
            return Some(h.as_str());
        }
        let lower = value.to_lowercase();
        self.people
            .iter()
            .find(|(_, p)| {
                p.email
                    .as_deref()
                    .is_some_and(|e| e.to_lowercase() == lower)
                    || p.name.as_deref().is_some_and(|n| n.to_lowercase() == lower)
            })
            .map(|(h, _)| h.as_str())
    }

    /// The known handles whose handle, name or email is nearest to `value` (case ignored),
    /// closest first, at most three, only those close enough to be a misspelling of it.
    pub fn nearest_person(&self, value: &str) -> Vec<&str> {
        let want = value.trim().to_lowercase();
        let limit = (want.chars().count() / 3).max(2);
        let mut near: Vec<(usize, &str)> = self
            .people
            .iter()
            .map(|(h, p)| {
                let d = [Some(h.as_str()), p.name.as_deref(), p.email.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(|s| edit_distance(&want, &s.to_lowercase()))
                    .min()
                    .unwrap_or(usize::MAX);
                (d, h.as_str())
            })
            .filter(|(d, _)| *d <= limit)
            .collect();
        near.sort();
        near.into_iter().take(3).map(|(_, h)| h).collect()
    }

    /// A handle for someone a tracker names who is not in the people file: an email's local
    /// part or the name's words joined by dots, lowercased, with only handle characters kept,
    /// then `2`, `3`... appended until it is neither in the file nor in `taken`.
    pub fn new_handle(&self, value: &str, taken: &[String]) -> String {
        let value = value.trim();
        let base = match value.split_once('@') {
            Some((local, _)) if !local.is_empty() => local,
            _ => value,
        };
        let words: Vec<String> = base
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '.')
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let mut base: String = words.join(".").chars().take(56).collect();
        if base.is_empty() {
            base = "person".to_string();
        }
        let free = |h: &str| !self.people.contains_key(h) && !taken.iter().any(|t| t == h);
        if free(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|h| free(h))
            .expect("some number is free")
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
    fn tracker_names_find_handles_and_strangers_get_new_ones() {
        let mut p = People::default();
        p.people.insert(
            "al".into(),
            Person {
                name: Some("Alice Martin".into()),
                email: Some("Alice@Example.com".into()),
                ..Person::default()
            },
        );
        assert_eq!(p.find("al"), Some("al"));
        assert_eq!(p.find("alice@example.COM"), Some("al"));
        assert_eq!(p.find(" alice martin "), Some("al"));
        assert_eq!(p.find("AL"), None, "a handle matches exactly");
        assert_eq!(p.nearest_person("Alice Martn"), vec!["al"]);
        assert!(p.nearest_person("Frank Ocean").is_empty());
        assert_eq!(p.new_handle("Frank O'Brien", &[]), "frank.obrien");
        assert_eq!(p.new_handle("Frank.Ocean@corp.example", &[]), "frank.ocean");
        assert_eq!(p.new_handle("Al", &[]), "al2");
        assert_eq!(p.new_handle("al@x.example", &["al2".into()]), "al3");
        assert_eq!(p.new_handle("()", &[]), "person");
    }

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
