//! Parsed records cached by blob id under `.git/ledger/cache/`. A blob id names its content, so
//! an entry can never go stale: whatever git does to branches, the index or the work tree, a blob
//! either is in the cache (and parses to exactly what is stored) or is parsed afresh.
//!
//! The cache is a folder of segment files, each written once to a temporary name and renamed into
//! place, so readers never see half a file and two writers never clobber each other. A segment
//! holds, for each blob: its 20-byte id, a kind byte, a 4-byte length and the record in the
//! binary form of `binrec`.
//! Only records that parsed with no problem at all are stored; anything else is re-read each time
//! so its problems are reported with their lines. Any damage (a truncated or unreadable segment)
//! only costs a re-parse: the cache is never needed for a right answer.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use git2::Oid;

use super::binrec;
use crate::model::{Kind, Record};

/// The version of every cache file's layout (record segments, history index, slips, query
/// view, effective times). One number for all of them: change any encoding, bump it. The
/// golden-bytes tests (`binrec`, `view::row`) fail until it is bumped and their bytes updated.
pub const SCHEMA_VERSION: u32 = 6;

/// The build that writes and reads caches: the crate version and a hash of its sources
/// (computed by build.rs). A cache written by another build is ignored, never trusted.
pub const BUILD: &str = env!("LEDGER_BUILD_ID");

/// The first line of a cache file called `name`: what it is, its schema and the build that
/// wrote it. A file that does not start with exactly this line is ignored (and rebuilt).
pub fn header(name: &str) -> String {
    format!("ledger-cache {name} schema {SCHEMA_VERSION} build {BUILD}\n")
}

fn magic() -> &'static [u8] {
    static M: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    M.get_or_init(|| header("records")).as_bytes()
}
/// More segments than this are merged into one on the next write.
const MAX_SEGMENTS: usize = 12;

/// Parsed records by blob id, as loaded from the cache folder.
#[derive(Default)]
pub struct RecordCache {
    segments: Vec<Vec<u8>>,
    index: HashMap<[u8; 20], (u32, u32, u32, Kind)>,
    names: Vec<PathBuf>,
}

/// A cache file of this ledger named `base`. Two ledgers in one repository (in different
/// folders) share `.git/`, so a ledger in a folder gets `base-HASH`, named after that folder.
pub fn ledger_file(ledger: &crate::store::Ledger, base: &str) -> PathBuf {
    let name = if ledger.prefix.is_empty() {
        base.to_string()
    } else {
        let hash = Oid::hash_object(git2::ObjectType::Blob, ledger.prefix.as_bytes())
            .map(|o| o.to_string())
            .unwrap_or_default();
        format!("{base}-{}", &hash[..hash.len().min(16)])
    };
    dir(&ledger.state_dir()).join(name)
}

/// The cache folder of a repository's ledger state folder.
pub fn dir(state: &Path) -> PathBuf {
    state.join("cache")
}

impl RecordCache {
    /// Loads every readable segment; a missing folder is an empty cache.
    pub fn load(dir: &Path) -> RecordCache {
        let mut cache = RecordCache::default();
        let Ok(items) = std::fs::read_dir(dir) else {
            return cache;
        };
        for item in items.flatten() {
            let name = item.file_name();
            let name = name.to_string_lossy();
            if !(name.starts_with("records-") && name.ends_with(".seg")) {
                continue;
            }
            // A segment removed by a concurrent compaction is simply skipped.
            let Ok(bytes) = std::fs::read(item.path()) else {
                continue;
            };
            cache.add_segment(bytes);
            cache.names.push(item.path());
        }
        cache
    }

    fn add_segment(&mut self, bytes: Vec<u8>) {
        if !bytes.starts_with(magic()) {
            return;
        }
        let seg = self.segments.len() as u32;
        let mut at = magic().len();
        while at + 25 <= bytes.len() {
            let oid: [u8; 20] = bytes[at..at + 20].try_into().expect("20 bytes");
            let Some(kind) = Kind::from_code(bytes[at + 20]) else {
                break;
            };
            let len = u32::from_le_bytes(bytes[at + 21..at + 25].try_into().expect("4 bytes"));
            let start = at + 25;
            let end = start + len as usize;
            if end > bytes.len() {
                break;
            }
            self.index.insert(oid, (seg, start as u32, len, kind));
            at = end;
        }
        self.segments.push(bytes);
    }

    /// How many blobs are cached.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// True when `blob` is cached as a record of `kind`.
    pub fn has(&self, blob: &Oid, kind: Kind) -> bool {
        self.index.get(blob.as_bytes()).is_some_and(|e| e.3 == kind)
    }

    /// The record parsed from `blob`, if cached as a record of `kind`.
    pub fn get(&self, blob: &Oid, kind: Kind) -> Option<Record> {
        let &(seg, start, len, k) = self.index.get(blob.as_bytes())?;
        if k != kind {
            return None;
        }
        let bytes = &self.segments[seg as usize][start as usize..(start + len) as usize];
        binrec::decode(kind, bytes)
    }

    /// Stores `records` (blobs not yet cached) as a new segment, merging all segments into one
    /// when there are too many. Failures are ignored: the cache is an optimisation.
    pub fn store(&self, dir: &Path, records: &[(Oid, &Record)]) {
        if records.is_empty() {
            return;
        }
        let _ = std::fs::create_dir_all(dir);
        let mut out = magic().to_vec();
        let compact = self.names.len() >= MAX_SEGMENTS;
        if compact {
            for (oid, &(seg, start, len, kind)) in &self.index {
                let bytes = &self.segments[seg as usize][start as usize..(start + len) as usize];
                push(&mut out, oid, kind, bytes);
            }
        }
        let mut buf = Vec::new();
        for (oid, record) in records {
            buf.clear();
            binrec::encode(record, &mut buf);
            push(&mut out, oid.as_bytes(), record.kind(), &buf);
        }
        if write_segment(dir, &out).is_ok() && compact {
            for old in &self.names {
                let _ = std::fs::remove_file(old);
            }
        }
    }
}

fn push(out: &mut Vec<u8>, oid: &[u8], kind: Kind, bytes: &[u8]) {
    out.extend_from_slice(oid);
    out.push(kind.code());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Writes a segment under a name no other writer uses (its content's hash), via a temporary file.
fn write_segment(dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // SHA-1 with the processor's instructions: libgit2's collision-detecting one takes a tenth
    // of a second over the 20 MB a cold read of 100,000 records writes.
    use sha1::Digest;
    let hash: String = sha1::Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let tmp = dir.join(format!("tmp-{}-{hash}", std::process::id()));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    drop(f);
    std::fs::rename(&tmp, dir.join(format!("records-{hash}.seg")))
}
