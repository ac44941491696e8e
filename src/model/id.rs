//! Record ids: a visible kind prefix and 60 random bits, so clones recording offline never collide.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Kind;

/// Digits of the random part: lowercase, with no `i`, `l`, `o` or `u` to misread.
pub const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// Length of the random part (12 x 5 bits = 60 bits).
pub const RANDOM_LEN: usize = 12;

/// The shortest random-part length shown, even when fewer characters would be unique.
const MIN_SHOWN: usize = 4;

/// [`unique_len`] of ids already sorted and without repeats: the longest prefix any two
/// neighbours share says it, in one pass.
pub fn unique_len_sorted(ids: &[&str]) -> usize {
    let shared = ids
        .windows(2)
        .map(|w| {
            w[0].bytes()
                .zip(w[1].bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0);
    // The kind and dash (4 characters) come first; one more character than shared tells
    // the two apart.
    (shared + 1).saturating_sub(4).clamp(MIN_SHOWN, RANDOM_LEN)
}

/// The one random-part length (git's approach) at which every id in `ids` is unique, at least
/// four characters.
pub fn unique_len<'a>(ids: impl IntoIterator<Item = &'a str>) -> usize {
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut len = MIN_SHOWN;
    while len < RANDOM_LEN {
        let mut seen = std::collections::HashSet::with_capacity(ids.len());
        if ids
            .iter()
            .all(|id| seen.insert(&id[..(4 + len).min(id.len())]))
        {
            break;
        }
        len += 1;
    }
    len
}

/// The id of a record, such as `com-4f9k2m7q1x8z`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(String);

impl RecordId {
    /// Makes an id of `kind` from eight random bytes.
    pub fn from_random(kind: Kind, bytes: [u8; 8]) -> RecordId {
        let mut n = u64::from_le_bytes(bytes);
        let mut s = String::with_capacity(4 + RANDOM_LEN);
        s.push_str(kind.id_prefix());
        s.push('-');
        for _ in 0..RANDOM_LEN {
            s.push(ALPHABET[(n & 31) as usize] as char);
            n >>= 5;
        }
        RecordId(s)
    }

    /// Parses a complete id, checking its form.
    pub fn parse(s: &str) -> Result<RecordId, String> {
        let (prefix, rest) = s
            .split_once('-')
            .ok_or_else(|| format!("'{s}' is not a record id (expected e.g. com-4f9k2m7q1x8z)"))?;
        if Kind::from_id_prefix(prefix).is_none() {
            return Err(format!(
                "'{s}' is not a record id: it must start with ask-, com-, mtg- or dec-"
            ));
        }
        if rest.len() != RANDOM_LEN || !rest.bytes().all(in_alphabet) {
            return Err(format!(
                "'{s}' is not a record id: after '{prefix}-' come {RANDOM_LEN} characters of 0-9 and a-z (no i, l, o, u)"
            ));
        }
        Ok(RecordId(s.to_string()))
    }

    /// The kind named by the prefix.
    pub fn kind(&self) -> Kind {
        Kind::from_id_prefix(&self.0[..3]).expect("validated at construction")
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// True when `b` is a digit of [`ALPHABET`]; a match rather than a search, as every id read from
/// the cache or a file passes through here (a hundred thousand at a time).
fn in_alphabet(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'a'..=b'h' | b'j' | b'k' | b'm' | b'n' | b'p'..=b't' | b'v'..=b'z')
}

/// True when `s` could begin a record id (used to tell ids from other arguments).
pub fn looks_like_prefix(s: &str) -> bool {
    let Some((prefix, rest)) = s.split_once('-') else {
        return false;
    };
    Kind::from_id_prefix(prefix).is_some()
        && rest.len() <= RANDOM_LEN
        && rest
            .bytes()
            .all(|b| ALPHABET.contains(&b.to_ascii_lowercase()))
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for RecordId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RecordId::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_len_from_sorted_neighbours_matches_the_set_search() {
        let mut ids = vec![
            "com-aaaaaaaa0000",
            "com-aaaaab000000",
            "ask-aaaaab000000",
            "com-zz0000000000",
        ];
        ids.sort();
        assert_eq!(unique_len_sorted(&ids), unique_len(ids.iter().copied()));
        assert_eq!(unique_len_sorted(&ids), 6);
        assert_eq!(unique_len_sorted(&["com-0"]), MIN_SHOWN);
    }

    #[test]
    fn the_alphabet_test_matches_the_alphabet() {
        for b in 0..=255u8 {
            assert_eq!(in_alphabet(b), ALPHABET.contains(&b), "byte {b}");
        }
    }

    #[test]
    fn random_ids_round_trip() {
        for seed in [0u64, 1, u64::MAX, 0x1234_5678_9abc_def0] {
            let id = RecordId::from_random(Kind::Decision, seed.to_le_bytes());
            assert_eq!(RecordId::parse(id.as_str()).unwrap(), id);
            assert_eq!(id.kind(), Kind::Decision);
            assert!(looks_like_prefix(&id.as_str()[..6]));
        }
    }

    #[test]
    fn rejects_bad_ids() {
        for bad in [
            "",
            "com",
            "com-",
            "xyz-4f9k2m7q1x8z",
            "com-4f9k2m7q1x8",
            "com-../../etc",
            "com-4F9K2M7Q1X8Z",
        ] {
            assert!(RecordId::parse(bad).is_err(), "{bad}");
        }
    }
}
