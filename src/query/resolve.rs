//! The one id resolver: full ids and the shortest unique prefixes, the way git takes hashes.

use crate::error::{Error, Result};
use crate::model::RecordId;

/// Finds the one id that `input` names among `ids`.
pub fn resolve<'a>(input: &str, ids: impl IntoIterator<Item = &'a RecordId>) -> Result<RecordId> {
    let wanted = typed_prefix(input)?;
    let mut matches: Vec<&RecordId> = ids
        .into_iter()
        .filter(|id| id.as_str().starts_with(&wanted))
        .collect();
    matches.sort();
    matches.dedup();
    match matches.len() {
        0 => Err(Error::user(format!("no record matches '{input}'"))
            .hint("`ledger list --all` shows every record and its id")),
        1 => Ok(matches[0].clone()),
        n => {
            let shown: Vec<String> = matches.iter().take(10).map(|id| id.to_string()).collect();
            let more = if n > 10 {
                format!(" and {} more", n - 10)
            } else {
                String::new()
            };
            Err(Error::user(format!(
                "'{input}' is ambiguous: it matches {}{more}",
                shown.join(", ")
            ))
            .hint("type more characters of the id"))
        }
    }
}

/// The id prefix `input` stands for, lower-cased (a record's file path is taken by its file
/// name); refuses anything that is not the start of an id.
pub fn typed_prefix(input: &str) -> Result<String> {
    let mut wanted = input.trim().to_ascii_lowercase();
    // A record's file path names it too (a shell's tab completion gives one): keep the file
    // name's stem, which is then checked like any typed id.
    if let Some(stem) = wanted.strip_suffix(".yaml") {
        wanted = stem.rsplit(['/', '\\']).next().unwrap_or(stem).to_string();
    }
    if wanted.is_empty() {
        return Err(Error::user("the record id is empty"));
    }
    if wanted.contains('/') || wanted.contains('\\') || wanted.contains("..") {
        return Err(Error::user(format!(
            "'{input}' is not a record id (ids look like com-4f9k2m7q1x8z)"
        )));
    }
    if !crate::model::id::looks_like_prefix(&wanted) {
        return Err(Error::user(format!(
            "'{input}' is not a record id: ids start with ask-, com-, mtg- or dec- followed by letters and digits"
        )));
    }
    Ok(wanted)
}

/// The shortest prefix of each id that no other id shares (at least 4 characters after the dash).
pub struct Abbrev {
    len: usize,
}

impl Abbrev {
    /// Finds one length that makes every id in `ids` unique (git's approach: a single length).
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a RecordId>) -> Abbrev {
        Abbrev {
            len: crate::model::id::unique_len(ids.into_iter().map(|i| i.as_str())),
        }
    }

    /// The shortened forms for every id of `snap`'s ledger (the length the query view keeps,
    /// when the snapshot came from it).
    pub fn of(snap: &crate::store::Snapshot) -> Abbrev {
        match snap.abbrev_len() {
            Some(len) => Abbrev { len },
            None => Abbrev::new(snap.ids()),
        }
    }

    /// The shortened form of `id`.
    pub fn short<'a>(&self, id: &'a RecordId) -> &'a str {
        let s = id.as_str();
        &s[..(4 + self.len).min(s.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn resolves_prefixes_and_reports_ambiguity() {
        let a = RecordId::parse("com-aaaa11111111").unwrap();
        let b = RecordId::parse("com-aaab22222222").unwrap();
        let ids = [a.clone(), b.clone()];
        assert_eq!(resolve("com-aaaa", &ids).unwrap(), a);
        let err = resolve("com-aaa", &ids).unwrap_err();
        assert!(
            err.message.contains("com-aaaa11111111") && err.message.contains("com-aaab22222222")
        );
        assert!(resolve("com-zzzz", &ids).is_err());
        assert!(resolve("../etc/passwd", &ids).is_err());
        assert!(resolve("../../etc/passwd.yaml", &ids).is_err());
        assert_eq!(
            resolve("commitments/2026/03/com-aaab22222222.yaml", &ids).unwrap(),
            b
        );
        let abbrev = Abbrev::new(&ids);
        assert_eq!(abbrev.short(&a), "com-aaaa");
        let one = [RecordId::from_random(Kind::Ask, [9; 8])];
        assert_eq!(Abbrev::new(&one).short(&one[0]).len(), 8);
    }
}
