//! The one id resolver: full ids and the shortest unique prefixes, the way git takes hashes.
//!
//! It lives in `model` (pure, no I/O) so that every layer above, from `history` looking up a
//! record's past to the command line, resolves a typed id the same way.

use crate::error::{Error, ErrorKind, Result};
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
            .of_kind(ErrorKind::NotFound)
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
            .of_kind(ErrorKind::AmbiguousId)
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
    if !super::id::looks_like_prefix(&wanted) {
        return Err(Error::user(format!(
            "'{input}' is not a record id: ids start with ask-, com-, mtg- or dec- followed by letters and digits"
        )));
    }
    Ok(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(err.kind, ErrorKind::AmbiguousId);
        assert_eq!(
            resolve("com-zzzz", &ids).unwrap_err().kind,
            ErrorKind::NotFound
        );
        assert!(resolve("../etc/passwd", &ids).is_err());
        assert!(resolve("../../etc/passwd.yaml", &ids).is_err());
        assert_eq!(
            resolve("commitments/2026/03/com-aaab22222222.yaml", &ids).unwrap(),
            b
        );
    }
}
