//! Fuzzes the record loader: any bytes, as any kind of ledger file, must give a record or a
//! located problem, never a panic, a hang or runaway memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

use ledger::model::People;
use ledger::store::read;

const PATHS: [&str; 6] = [
    "commitments/2026/03/com-0000000000aa.yaml",
    "asks/2026/03/ask-0000000000aa.yaml",
    "meetings/2026/03/mtg-0000000000aa.yaml",
    "decisions/2026/03/dec-0000000000aa.yaml",
    "people.yaml",
    "ledger.yaml",
];

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let path = PATHS[*first as usize % PATHS.len()];
    let (mut entries, mut people, mut problems) = (Vec::new(), People::default(), Vec::new());
    read::load_file(path, rest, git2::Oid::zero(), &mut entries, &mut people, &mut problems);
    // Every outcome is either a record or a problem naming the file.
    assert!(problems.iter().all(|p| p.path == path));
});
