//! Cache files name their schema version and the build that wrote them; a file from another
//! schema or build is ignored, whatever it holds, and `verify` and `check` never read caches.

use crate::harness::{story, Env};

/// Every cache file's bytes with `from` replaced by `to` (same length, so offsets still hold).
fn rewrite_caches(env: &Env, from: &[u8], to: &[u8]) -> usize {
    let mut n = 0;
    for item in std::fs::read_dir(env.dir.join(".git/ledger/cache")).unwrap() {
        let path = item.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(from.len()).position(|w| w == from) {
            bytes[at + i..at + i + from.len()].copy_from_slice(to);
            at += i + from.len();
            n += 1;
        }
        std::fs::write(&path, bytes).unwrap();
    }
    n
}

fn list(env: &Env) -> String {
    env.ok(&["list", "--all", "--format", "json"])
}

#[test]
fn an_old_schema_cache_is_ignored_even_when_it_lies() {
    let env = story();
    // Writes keep the view current (recurring commitments' catch-up reads it), so the records
    // cache is only made by a full read: start from none, so the first query makes every kind.
    std::fs::remove_dir_all(env.dir.join(".git/ledger/cache")).unwrap();
    let truth = list(&env);
    env.ok(&[
        "history",
        &env.find_of("commitment", "VPN tunnel from the payments"),
    ]);
    let header = b"ledger-cache records schema 6 ";
    assert!(rewrite_caches(&env, header, b"ledger-cache records schema 5 ") > 0);
    assert!(
        rewrite_caches(
            &env,
            b"ledger-cache view schema 6 ",
            b"ledger-cache view schema 5 "
        ) > 0
    );
    // What the old files say is no longer what the ledger says.
    assert!(rewrite_caches(&env, b"Open a VPN tunnel", b"Open a RAT tunnel") > 0);
    assert_eq!(list(&env), truth, "an old-schema cache changed an answer");
    assert!(!list(&env).contains("RAT tunnel"));
}

#[test]
fn a_cache_from_another_build_is_ignored() {
    let env = story();
    let truth = list(&env);
    let build = env!("CARGO_PKG_VERSION").as_bytes();
    let mut other = build.to_vec();
    other[0] = if other[0] == b'9' { b'8' } else { b'9' };
    assert!(
        rewrite_caches(
            &env,
            &[b"build ", build].concat(),
            &[b"build ".as_slice(), &other].concat()
        ) > 0
    );
    assert!(rewrite_caches(&env, b"Open a VPN tunnel", b"Open a RAT tunnel") > 0);
    assert_eq!(list(&env), truth);
}

#[test]
fn verify_and_check_read_only_git_whatever_the_cache_says() {
    let env = story();
    list(&env);
    let id = env.find_of("commitment", "VPN tunnel from the payments");
    let path = env.path_of(&id);
    env.write(&path, &env.read(&path).replace("Open a VPN", "Open a RAT"));
    env.git_commit_all("reword by hand");
    list(&env);
    // A cache edited to hide the hand edit: verify still lists it, check still reads the file.
    assert!(rewrite_caches(&env, b"Open a RAT tunnel", b"Open a VPN tunnel") > 0);
    let out = env.ok(&["verify", "--verbose"]);
    assert!(out.contains("1 hand edits") && out.contains(&path), "{out}");
    env.write(
        &path,
        &env.read(&path).replace("what: Open a RAT", "what: [broken"),
    );
    let out = env.fails(&["check"], 2);
    assert!(out.stdout.contains(&path), "{}", out.stdout);
}
