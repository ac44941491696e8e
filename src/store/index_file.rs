//! Git's index file (`.git/index`, versions 2 and 3), read and patched directly for the few
//! entries a recording writes. libgit2 reads and rewrites the whole index for one entry and
//! checks its checksum with a collision-detecting SHA-1, about 100 ms at 100,000 records; this
//! copies the untouched entries as bytes and hashes with the processor's SHA instructions.
//!
//! Anything it does not fully understand (version 4, a split or sparse index, an unknown
//! required extension, a bad checksum) makes it decline, and the caller uses libgit2 instead.
//! Optional caches whose contents depend on entry positions (`EOIE`, `IEOT`, `FSMN`, `UNTR`) are
//! dropped, as git allows; the cached trees (`TREE`) on the changed paths are invalidated the
//! way git does it.

use std::fs::Metadata;
use std::io::Write;
// Unix stat data is what git stores per entry; the crate builds only on Unix (see lib.rs).
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Arc;

use git2::Oid;
use sha1::{Digest, Sha1};

/// A new stage-0 entry for a path: the blob written and the work-tree file's stat data.
pub struct NewEntry {
    pub oid: Oid,
    pub meta: Metadata,
}

/// One entry's place in the file.
struct Slot {
    start: usize,
    end: usize,
    path: (usize, usize),
    stage: u8,
    oid: [u8; 20],
}

/// A parsed index file: its bytes (mapped, as git itself reads it), entries and extensions.
pub struct IndexFile {
    bytes: Arc<memmap2::Mmap>,
    slots: Vec<Slot>,
    /// (signature, data range) of each extension, in order.
    extensions: Vec<([u8; 4], (usize, usize))>,
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl IndexFile {
    /// Reads and checks `path`; `None` when it is missing or in a form this module declines.
    /// The file last checked in this process is reused while it is the same one (git replaces
    /// the index by renaming a new file over it, so a change is a new inode), which saves
    /// hashing it twice for one change.
    pub fn read(path: &Path) -> Option<IndexFile> {
        type Seen = Option<(std::path::PathBuf, (u64, u64, i64, i64), Arc<memmap2::Mmap>)>;
        static SEEN: std::sync::Mutex<Seen> = std::sync::Mutex::new(None);
        let file = std::fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        let stamp = (meta.ino(), meta.len(), meta.mtime(), meta.mtime_nsec());
        let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((p, st, bytes)) = seen.as_ref() {
            if p == path && *st == stamp {
                return IndexFile::parse_checked(Arc::clone(bytes));
            }
        }
        // Safety: git and libgit2 only ever replace the index by renaming a new file over it,
        // never by writing into it, so the mapped file does not change (git maps it too).
        let map = Arc::new(unsafe { memmap2::MmapOptions::new().populate().map(&file) }.ok()?);
        if map.len() < 32 {
            return None;
        }
        let (body, sum) = map.split_at(map.len() - 20);
        if Sha1::digest(body).as_slice() != sum {
            return None;
        }
        let index = IndexFile::parse_checked(Arc::clone(&map))?;
        *seen = Some((path.to_path_buf(), stamp, map));
        Some(index)
    }

    /// Parses bytes whose checksum is already known to hold.
    fn parse_checked(bytes: Arc<memmap2::Mmap>) -> Option<IndexFile> {
        if bytes.len() < 32 || &bytes[..4] != b"DIRC" {
            return None;
        }
        let body = &bytes[..bytes.len() - 20];
        let version = be32(&bytes, 4)?;
        if version != 2 && version != 3 {
            return None;
        }
        let count = be32(&bytes, 8)? as usize;
        let mut slots = Vec::with_capacity(count.min(bytes.len() / 62));
        let mut at = 12;
        for _ in 0..count {
            let start = at;
            let oid: [u8; 20] = body.get(at + 40..at + 60)?.try_into().ok()?;
            let flags = u16::from_be_bytes(body.get(at + 60..at + 62)?.try_into().ok()?);
            let mut fixed = 62;
            if flags & 0x4000 != 0 {
                if version < 3 {
                    return None;
                }
                fixed += 2;
            }
            let name_at = at + fixed;
            let len = match (flags & 0x0fff) as usize {
                0x0fff => body.get(name_at..)?.iter().position(|&b| b == 0)?,
                n => n,
            };
            let end = start + (fixed + len + 8) / 8 * 8;
            if end > body.len() || body.get(name_at + len) != Some(&0) {
                return None;
            }
            slots.push(Slot {
                start,
                end,
                path: (name_at, name_at + len),
                stage: ((flags >> 12) & 3) as u8,
                oid,
            });
            at = end;
        }
        let mut extensions = Vec::new();
        while at + 8 <= body.len() {
            let sig: [u8; 4] = body[at..at + 4].try_into().ok()?;
            let size = be32(body, at + 4)? as usize;
            let data = (at + 8, at + 8 + size);
            if data.1 > body.len() {
                return None;
            }
            extensions.push((sig, data));
            at = data.1;
        }
        if at != body.len() {
            return None;
        }
        // An extension whose signature does not start with a capital letter is one a reader
        // must understand (a split index's "link", sparse directories' "sdir"): leave those
        // to libgit2. Unknown optional ones are dropped when writing.
        let known = [b"TREE", b"REUC", b"UNTR", b"FSMN", b"EOIE", b"IEOT"];
        if extensions
            .iter()
            .any(|(s, _)| !known.contains(&s) && !s[0].is_ascii_uppercase())
        {
            return None;
        }
        Some(IndexFile {
            bytes,
            slots,
            extensions,
        })
    }

    fn path_of(&self, s: &Slot) -> &[u8] {
        &self.bytes[s.path.0..s.path.1]
    }

    /// The entries (stage, blob id) recorded for `path`, in stage order.
    pub fn entries(&self, path: &str) -> Vec<(u8, Oid)> {
        let (a, b) = self.range(path.as_bytes());
        self.slots[a..b]
            .iter()
            .filter_map(|s| Some((s.stage, Oid::from_bytes(&s.oid).ok()?)))
            .collect()
    }

    /// The slots holding `path` (any stage), as a range; empty at its sorted place when none.
    fn range(&self, path: &[u8]) -> (usize, usize) {
        let a = self.slots.partition_point(|s| self.path_of(s) < path);
        let b = a + self.slots[a..]
            .iter()
            .take_while(|s| self.path_of(s) == path)
            .count();
        (a, b)
    }

    /// Writes the file with `changes` applied (a new stage-0 entry, or `None` to remove every
    /// entry of the path) to `w`, its cached trees invalidated along the changed paths. The
    /// untouched entries go out as the runs of bytes they already are.
    pub fn write_patched(
        &self,
        changes: &[(String, Option<NewEntry>)],
        w: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut changes: Vec<&(String, Option<NewEntry>)> = changes.iter().collect();
        changes.sort_by(|a, b| a.0.cmp(&b.0));
        changes.dedup_by(|a, b| a.0 == b.0);
        // Where each change goes, and how many entries the new file has.
        let plan: Vec<(usize, usize)> = changes
            .iter()
            .map(|(path, _)| self.range(path.as_bytes()))
            .collect();
        let removed: usize = plan.iter().map(|(a, b)| b - a).sum();
        let added = changes.iter().filter(|c| c.1.is_some()).count();
        let count = (self.slots.len() - removed + added) as u32;
        let mut out = Hashing {
            w,
            sha: Sha1::new(),
        };
        let mut head = self.bytes[..12].to_vec();
        head[8..12].copy_from_slice(&count.to_be_bytes());
        out.put(&head)?;
        let entries_end = self.slots.last().map_or(12, |s| s.end);
        let at_slot = |i: usize| self.slots.get(i).map_or(entries_end, |s| s.start);
        let mut next = 0;
        for ((path, new), (a, b)) in changes.iter().zip(&plan) {
            if *a > next {
                out.put(&self.bytes[at_slot(next)..at_slot(*a)])?;
            }
            if let Some(e) = new {
                let mut buf = Vec::with_capacity(128);
                encode_entry(&mut buf, path, e);
                out.put(&buf)?;
            }
            next = next.max(*b);
        }
        out.put(&self.bytes[at_slot(next)..entries_end])?;
        for (sig, (a, b)) in &self.extensions {
            let data = &self.bytes[*a..*b];
            let kept = match sig {
                b"TREE" => invalidate_trees(data, changes.iter().map(|c| c.0.as_str())),
                b"REUC" => Some(data.to_vec()),
                _ => None,
            };
            if let Some(d) = kept {
                out.put(sig)?;
                out.put(&(d.len() as u32).to_be_bytes())?;
                out.put(&d)?;
            }
        }
        let sum = out.sha.finalize();
        out.w.write_all(&sum)
    }
}

/// A writer that hashes what passes through it (the index ends in the SHA-1 of the rest).
struct Hashing<'w> {
    w: &'w mut dyn Write,
    sha: Sha1,
}

impl Hashing<'_> {
    fn put(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.sha.update(b);
        self.w.write_all(b)
    }
}

fn encode_entry(out: &mut Vec<u8>, path: &str, e: &NewEntry) {
    let m = &e.meta;
    let start = out.len();
    let mode: u32 = if m.mode() & 0o111 != 0 {
        0o100755
    } else {
        0o100644
    };
    for v in [
        m.ctime() as u32,
        m.ctime_nsec() as u32,
        m.mtime() as u32,
        m.mtime_nsec() as u32,
        m.dev() as u32,
        m.ino() as u32,
        mode,
        m.uid(),
        m.gid(),
        m.size() as u32,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(e.oid.as_bytes());
    let flags = path.len().min(0x0fff) as u16;
    out.extend_from_slice(&flags.to_be_bytes());
    out.extend_from_slice(path.as_bytes());
    let len = out.len() - start;
    out.resize(start + (len + 8) / 8 * 8, 0);
}

/// A node of the cached-tree extension.
struct Node {
    name: Vec<u8>,
    entries: i64,
    sha: Option<[u8; 20]>,
    children: Vec<Node>,
}

fn read_node(b: &[u8], at: &mut usize) -> Option<Node> {
    let nul = *at + b.get(*at..)?.iter().position(|&c| c == 0)?;
    let name = b[*at..nul].to_vec();
    let lf = nul + b.get(nul..)?.iter().position(|&c| c == b'\n')?;
    let text = std::str::from_utf8(&b[nul + 1..lf]).ok()?;
    let (e, c) = text.split_once(' ')?;
    let entries: i64 = e.parse().ok()?;
    let subtrees: usize = c.parse().ok()?;
    *at = lf + 1;
    let sha = if entries >= 0 {
        let s: [u8; 20] = b.get(*at..*at + 20)?.try_into().ok()?;
        *at += 20;
        Some(s)
    } else {
        None
    };
    let mut children = Vec::with_capacity(subtrees.min(4096));
    for _ in 0..subtrees {
        children.push(read_node(b, at)?);
    }
    Some(Node {
        name,
        entries,
        sha,
        children,
    })
}

fn write_node(n: &Node, out: &mut Vec<u8>) {
    out.extend_from_slice(&n.name);
    out.push(0);
    out.extend_from_slice(format!("{} {}\n", n.entries, n.children.len()).as_bytes());
    if let (true, Some(s)) = (n.entries >= 0, n.sha) {
        out.extend_from_slice(&s);
    }
    for c in &n.children {
        write_node(c, out);
    }
}

/// Marks the cached trees of every folder on each path invalid (git's own rule when an entry
/// changes); `None` (drop the extension) when it does not parse.
fn invalidate_trees<'p>(data: &[u8], paths: impl Iterator<Item = &'p str>) -> Option<Vec<u8>> {
    let mut at = 0;
    let mut root = read_node(data, &mut at)?;
    if at != data.len() {
        return None;
    }
    for path in paths {
        let mut node = &mut root;
        node.entries = -1;
        let mut parts: Vec<&str> = path.split('/').collect();
        parts.pop();
        for part in parts {
            match node
                .children
                .iter_mut()
                .position(|c| c.name == part.as_bytes())
            {
                Some(i) => {
                    node = &mut node.children[i];
                    node.entries = -1;
                }
                None => break,
            }
        }
    }
    let mut out = Vec::with_capacity(data.len());
    write_node(&root, &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_trees_on_a_path_are_invalidated_and_others_kept() {
        let mut data = Vec::new();
        let root = Node {
            name: vec![],
            entries: 3,
            sha: Some([1; 20]),
            children: vec![
                Node {
                    name: b"asks".to_vec(),
                    entries: 1,
                    sha: Some([2; 20]),
                    children: vec![],
                },
                Node {
                    name: b"commitments".to_vec(),
                    entries: 2,
                    sha: Some([3; 20]),
                    children: vec![],
                },
            ],
        };
        write_node(&root, &mut data);
        let out = invalidate_trees(&data, ["commitments/2026/03/com-x.yaml"].into_iter()).unwrap();
        let mut at = 0;
        let back = read_node(&out, &mut at).unwrap();
        assert_eq!(back.entries, -1);
        assert_eq!(back.children[0].entries, 1);
        assert_eq!(back.children[0].sha, Some([2; 20]));
        assert_eq!(back.children[1].entries, -1);
        assert_eq!(back.children[1].sha, None);
    }

    #[test]
    fn a_damaged_index_is_declined() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let mut bytes = b"DIRC\0\0\0\x02\0\0\0\0".to_vec();
        let sum = Sha1::digest(&bytes);
        bytes.extend_from_slice(&sum);
        std::fs::write(&path, &bytes).unwrap();
        assert!(IndexFile::read(&path).is_some());
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let other = dir.path().join("index2");
        std::fs::write(&other, &bytes).unwrap();
        assert!(IndexFile::read(&other).is_none());
    }
}
