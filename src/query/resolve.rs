//! Ids as people type and read them: the resolver (which lives in `model`, so `history` can use
//! it too) and the shortest unique form a listing shows.

use crate::model::RecordId;

pub use crate::model::resolve::{resolve, typed_prefix};

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
    fn shortens_to_one_unique_length() {
        let a = RecordId::parse("com-aaaa11111111").unwrap();
        let b = RecordId::parse("com-aaab22222222").unwrap();
        let ids = [a.clone(), b.clone()];
        let abbrev = Abbrev::new(&ids);
        assert_eq!(abbrev.short(&a), "com-aaaa");
        let one = [RecordId::from_random(Kind::Ask, [9; 8])];
        assert_eq!(Abbrev::new(&one).short(&one[0]).len(), 8);
    }
}
