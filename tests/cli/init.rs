//! `ledger init`: a fresh repository on `main`, or a ledger folder inside an existing repository.

use crate::harness::Env;

#[test]
fn init_makes_a_repository_on_main_with_config_and_people() {
    let env = Env::empty();
    // Even when git's own default branch is something else, a ledger starts on main.
    std::fs::write(
        env.home.join(".gitconfig"),
        "[user]\n\tname = Test User\n\temail = tester@example.com\n[init]\n\tdefaultBranch = trunk\n",
    )
    .unwrap();
    let out = env.ok(&["init"]);
    assert!(out.starts_with("Started a ledger in "), "{out}");
    assert_eq!(env.git(&["symbolic-ref", "HEAD"]).trim(), "refs/heads/main");
    assert_eq!(env.git(&["ls-files"]), "ledger.yaml\npeople.yaml\n");
    assert_eq!(env.commits(), 1);
    assert!(env.read("ledger.yaml").contains("version: 1"));
    assert!(env.message().contains("Ledger-Action: init"));
    env.assert_sound();
}

#[test]
fn init_twice_is_refused() {
    let env = Env::new();
    let err = env.refused(&["init"], 1);
    assert!(err.contains("already a ledger"), "{err}");
}

#[test]
fn init_in_an_existing_repository_touches_no_other_file() {
    let env = Env::empty();
    env.git(&["init", "-q", "-b", "main"]);
    env.write("README.md", "project\n");
    env.commit_by_hand("project start");
    env.write("README.md", "project, edited by hand\n");
    env.write("notes.txt", "not for the ledger\n");
    let out = env.ok(&["init", "records"]);
    assert!(
        out.contains("(the folder records of the git repository at "),
        "{out}"
    );
    assert_eq!(env.commits(), 2);
    assert_eq!(
        env.changed(),
        vec!["records/ledger.yaml", "records/people.yaml"]
    );
    // The other files are exactly as they were: modified, untracked, uncommitted.
    assert_eq!(env.read("README.md"), "project, edited by hand\n");
    assert_eq!(
        env.git(&["status", "--porcelain"]),
        " M README.md\n?? notes.txt\n"
    );
    // Recording works in the subfolder, and still commits only the ledger's files.
    let id = env.id(&[
        "-C",
        "records",
        "ask",
        "Review the plan",
        "--from",
        "alice",
        "--to",
        "bob",
    ]);
    assert!(id.starts_with("ask-"), "{id}");
    assert_eq!(
        env.changed(),
        vec![format!("records/{}", "asks/2026/03/") + &format!("{id}.yaml")]
    );
    assert_eq!(
        env.git(&["status", "--porcelain"]),
        " M README.md\n?? notes.txt\n"
    );
    let check = env.run(&["-C", "records", "check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn init_at_the_root_of_an_existing_repository() {
    let env = Env::empty();
    env.git(&["init", "-q", "-b", "main"]);
    env.write("src/main.c", "int main(){}\n");
    env.commit_by_hand("code");
    env.write("src/main.c", "int main(){return 1;}\n");
    env.write("draft.txt", "work in progress\n");
    env.git(&["add", "draft.txt"]);
    env.ok(&["init"]);
    assert_eq!(env.changed(), vec!["ledger.yaml", "people.yaml"]);
    assert!(env.git(&["ls-files"]).contains("src/main.c"));
    env.ok(&[
        "promise", "Ship", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    // The person's own work is neither committed nor touched: still modified, still staged.
    assert_eq!(
        env.git(&["status", "--porcelain"]),
        "A  draft.txt\n M src/main.c\n"
    );
    assert_eq!(env.read("src/main.c"), "int main(){return 1;}\n");
    let check = env.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn init_json_names_the_root() {
    let env = Env::empty();
    let out = env.run(&["init", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    assert!(v["root"].as_str().unwrap().ends_with("ledger"), "{v}");
    assert_eq!(v["prefix"], "");
}

#[test]
fn init_inside_a_ledger_is_refused() {
    let env = Env::new();
    env.ok(&["ask", "x", "--from", "a", "--to", "b"]);
    for dir in ["asks", "asks/2026/new", "notes"] {
        let err = env.refused(&["init", dir], 1);
        assert!(
            err.contains("inside the ledger") && err.contains(dir),
            "{err}"
        );
    }
    assert!(!env.dir.join("notes").exists());
    env.assert_sound();
}
