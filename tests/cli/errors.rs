//! Error paths shared by every command: unknown and ambiguous ids, missing flags, a dirty work
//! tree, a closed pipe; and the invariants after a sequence of commands.

use crate::harness::Env;

/// A commitment written by hand (as a teammate or an import might), with a chosen id.
fn hand_commitment(env: &Env, id: &str) {
    env.write(
        &format!("commitments/2026/03/{id}.yaml"),
        &format!(
            "id: {id}\nkind: commitment\nstatus: open\ndate: 2026-03-02\nwhat: Hand-written {id}\nby: bob\nto: alice\ndue: 2026-03-27\n"
        ),
    );
}

#[test]
fn an_unknown_id_is_refused() {
    let env = Env::new();
    let err = env.refused(&["done", "com-zzzz"], 1);
    assert!(err.contains("no record matches 'com-zzzz'"), "{err}");
    let err = env.refused(&["done", "hello"], 1);
    assert!(err.contains("'hello' is not a record id"), "{err}");
    let err = env.refused(&["done", "../../etc/passwd"], 1);
    assert!(err.contains("not a record id"), "{err}");
}

#[test]
fn an_ambiguous_prefix_lists_the_candidates() {
    let env = Env::new();
    hand_commitment(&env, "com-aaaa11111111");
    hand_commitment(&env, "com-aaab22222222");
    env.commit_by_hand("two commitments typed by hand");
    for args in [
        vec!["done", "com-aaa"],
        vec!["reschedule", "com-aa", "--due", "+1w", "--reason", "r"],
        vec!["note", "com-a", "text"],
    ] {
        let err = env.refused(&args, 1);
        assert!(
            err.contains("ambiguous")
                && err.contains("com-aaaa11111111")
                && err.contains("com-aaab22222222"),
            "{err}"
        );
    }
    let out = env.fails(&["show", "com-aaa"], 1);
    assert!(out.stderr.contains("com-aaab22222222"), "{}", out.stderr);
    // One more character is enough, in any case.
    env.ok(&["done", "COM-AAAB"]);
    assert!(env.message().contains("Ledger-Id: com-aaab22222222"));
    env.assert_sound();
}

#[test]
fn a_missing_required_flag_is_exit_1() {
    let env = Env::new();
    let id = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    let ask = env.id(&["ask", "y", "--from", "a", "--to", "b"]);
    for (args, flag) in [
        (vec!["promise", "x", "--to", "a"], "--due"),
        (vec!["promise", "x", "--due", "friday"], "--to"),
        (vec!["ask", "x"], "--to"),
        (vec!["meeting", "Sync"], "--attendees"),
        (vec!["reschedule", &id, "--due", "+2w"], "--reason"),
        (vec!["reschedule", &id, "--reason", "r"], "--due"),
        (vec!["cancel", &id], "--reason"),
        (vec!["decline", &ask], "--reason"),
        (vec!["block", &id], "--on"),
        (vec!["decide"], "STATEMENT"),
    ] {
        let err = env.refused(&args, 1);
        assert!(err.contains(flag), "{args:?}: {err}");
    }
}

#[test]
fn empty_text_is_refused() {
    let env = Env::new();
    let id = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    for (args, what) in [
        (vec!["ask", "  ", "--to", "b"], "WHAT is empty"),
        (
            vec!["promise", "", "--to", "b", "--due", "friday"],
            "WHAT is empty",
        ),
        (vec!["decide", " \n "], "STATEMENT is empty"),
        (vec!["meeting", "", "--attendees", "a"], "TITLE is empty"),
        (vec!["note", &id, ""], "TEXT is empty"),
        (vec!["cancel", &id, "--reason", " "], "--reason is empty"),
        (vec!["ask", "x", "--to", "b", "--why", ""], "--why is empty"),
    ] {
        let err = env.refused(&args, 1);
        assert!(err.contains(what), "{args:?}: {err}");
    }
    let err = env.refused(&["ask", "bad \u{1b}[31m text", "--to", "b"], 1);
    assert!(err.contains("WHAT"), "{err}");
}

#[test]
fn a_dirty_work_tree_is_never_written_over() {
    let env = Env::new();
    let id = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    let path = env.path_of(&id);
    let edited = env
        .read(&path)
        .replace("what: x", "what: typed by a person");
    env.write(&path, &edited);
    // A change to the edited record is refused, and the edit stays as typed.
    for args in [vec!["done", id.as_str()], vec!["note", id.as_str(), "more"]] {
        let err = env.refused(&args, 1);
        assert!(
            err.contains("uncommitted") && err.contains(&format!("{path} (modified)")),
            "{args:?}: {err}"
        );
        // The hint names the ledger's changed folder only, never the whole repository.
        assert!(err.contains("add -A -- commitments &&"), "{err}");
        assert!(!err.contains("checkout -- ."), "{err}");
        assert_eq!(env.read(&path), edited, "the hand edit is still there");
    }
    // Changes to other files go ahead and leave the edit alone, in the work tree and the index.
    env.ok(&["ask", "y", "--to", "b"]);
    env.ok(&["people", "add", "zoe"]);
    assert_eq!(env.read(&path), edited);
    assert_eq!(
        env.git(&["status", "--porcelain"]),
        format!(" M {path}\n"),
        "only the hand edit is uncommitted"
    );
    // Staged with git add, it still counts as the person's edit.
    env.git(&["add", &path]);
    let err = env.refused(&["done", &id], 1);
    assert!(err.contains(&format!("{path} (modified)")), "{err}");
    // A record deleted by hand is not brought back by a change to it.
    env.git(&["reset", "-q", "--hard"]);
    std::fs::remove_file(env.dir.join(&path)).unwrap();
    let err = env.refused(&["done", &id], 1);
    assert!(err.contains(&format!("{path} (deleted)")), "{err}");
    assert!(!env.dir.join(&path).exists());
    // A hand edit of the people file blocks the commands that write it.
    env.git(&["checkout", "--", "."]);
    let people = env.read("people.yaml");
    env.write("people.yaml", &format!("{people}# a note typed by hand\n"));
    let err = env.refused(&["people", "add", "yan"], 1);
    assert!(err.contains("people.yaml (modified)"), "{err}");
    assert!(env
        .read("people.yaml")
        .ends_with("# a note typed by hand\n"));
}

#[test]
fn files_outside_the_record_folders_do_not_block_recording() {
    let env = Env::new();
    env.write("README.md", "about this ledger\n");
    env.ok(&["ask", "x", "--from", "a", "--to", "b"]);
    assert_eq!(env.git(&["status", "--porcelain"]), "?? README.md\n");
}

#[test]
fn a_sequence_of_commands_is_one_commit_each_with_trailers() {
    let env = Env::new();
    let ask = env.id(&[
        "ask", "Tunnel", "--from", "alice", "--to", "bob", "--due", "+1w",
    ]);
    let com = env.id(&["accept", &ask]);
    env.ok(&["note", &com, "Firewall approved"]);
    env.ok(&["reschedule", &com, "--due", "+2w", "--reason", "Vendor bug"]);
    let dec = env.id(&["decide", "Use the tunnel", "--by", "dave"]);
    env.ok(&[
        "decide",
        "Use the tunnel, with TLS",
        "--by",
        "dave",
        "--supersedes",
        &dec,
    ]);
    env.ok(&["done", &com]);
    env.ok(&["people", "add", "alice", "--team", "payments"]);
    assert_eq!(env.commits(), 9);
    let actions = env.git(&["log", "--format=%(trailers:key=Ledger-Action,valueonly)"]);
    let actions: Vec<&str> = actions.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        actions,
        vec![
            "people-add",
            "done",
            "decide",
            "decide",
            "reschedule",
            "note",
            "accept",
            "ask",
            "init"
        ]
    );
    let ids = env.git(&[
        "log",
        "--format=%(trailers:key=Ledger-Id,valueonly,separator=%x2C)",
    ]);
    assert!(ids.contains(&format!("{com},{ask}")), "{ids}");
    let reasons = env.git(&["log", "--format=%(trailers:key=Ledger-Reason,valueonly)"]);
    assert!(reasons.contains("Vendor bug"), "{reasons}");
    let kinds = env.git(&["log", "--format=%(trailers:key=Ledger-Kind,valueonly)"]);
    assert!(kinds.contains("commitment") && kinds.contains("decision") && kinds.contains("ask"));
    env.assert_sound();
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::new();
    // Enough records (written by hand, one commit) that the answer outgrows a pipe's buffer.
    for i in 0..1200u32 {
        let id = format!("ask-{i:0>12}");
        env.write(
            &format!("asks/2026/03/{id}.yaml"),
            &format!("id: {id}\nkind: ask\nstatus: open\ndate: 2026-03-02\nwhat: Generated ask {i} with enough words to make a long line\nfrom: alice\nto: bob\n"),
        );
    }
    env.commit_by_hand("many asks");
    for format in ["table", "json"] {
        let mut cmd = env.cmd(&["list", "--all", "--format", format]);
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout); // like `| head -1`
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("error"), "{format}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
    }
}

#[test]
fn help_and_version_exit_0() {
    let env = Env::empty();
    let out = env.ok(&["--help"]);
    assert!(out.contains("Exit codes"), "{out}");
    env.ok(&["--version"]);
    env.ok(&["promise", "--help"]);
    let out = env.fails(&["frobnicate"], 1);
    assert!(out.stderr.contains("frobnicate"), "{}", out.stderr);
}

#[test]
fn a_record_file_path_names_the_record() {
    let env = Env::new();
    let id = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    let path = env.path_of(&id);
    let out = env.ok(&["done", &path]);
    assert!(out.starts_with(&id), "{out}");
    let err = env.refused(&["show", "../../etc/passwd.yaml"], 1);
    assert!(err.contains("not a record id"), "{err}");
}

#[test]
fn a_change_interrupted_after_the_commit_is_finished_by_the_next_command() {
    let env = Env::new();
    let id = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    env.ok(&["done", &id]);
    // Rewind the work tree and index to before `done`, as if the process had been killed
    // right after moving the branch, and leave its journal (.git/ledger/journal: parent,
    // commit, then the paths written) behind.
    let path = env.path_of(&id);
    let before = env.git(&["show", &format!("HEAD~1:{path}")]);
    env.write(&path, &before);
    let blob = env.git(&["rev-parse", &format!("HEAD~1:{path}")]);
    env.git(&[
        "update-index",
        "--cacheinfo",
        &format!("100644,{},{path}", blob.trim()),
    ]);
    let parent = env.git(&["rev-parse", "HEAD~1"]);
    let head = env.git(&["rev-parse", "HEAD"]);
    env.write(
        ".git/ledger/journal",
        &format!("{}\n{}\n{path}\n", parent.trim(), head.trim()),
    );
    assert_ne!(env.git(&["status", "--porcelain"]), "");
    env.ok(&["ask", "y", "--from", "a", "--to", "b"]);
    assert!(env.read(&path).contains("status: done"));
    assert!(!env.dir.join(".git/ledger/journal").exists());
    env.assert_sound();
}

#[test]
fn an_empty_ledger_seed_gives_random_ids() {
    let a = Env::new();
    let b = Env::new();
    a.set("LEDGER_SEED", "");
    b.set("LEDGER_SEED", "");
    let ida = a.id(&["ask", "x", "--from", "a", "--to", "b"]);
    let idb = b.id(&["ask", "x", "--from", "a", "--to", "b"]);
    assert_ne!(ida, idb);
}

#[test]
fn a_detached_head_is_refused() {
    let env = Env::new();
    env.ok(&["ask", "x", "--from", "a", "--to", "b"]);
    env.git(&["checkout", "-q", "--detach"]);
    let err = env.refused(&["ask", "y", "--from", "a", "--to", "b"], 1);
    assert!(
        err.contains("detached HEAD") && err.contains("git checkout"),
        "{err}"
    );
    env.git(&["checkout", "-q", "main"]);
    env.ok(&["ask", "y", "--from", "a", "--to", "b"]);
    env.assert_sound();
}

#[test]
fn recording_goes_to_the_branch_checked_out() {
    let env = Env::new();
    env.git(&["checkout", "-q", "-b", "q2-planning"]);
    env.ok(&["ask", "x", "--from", "a", "--to", "b"]);
    assert_eq!(env.git(&["rev-list", "--count", "main"]).trim(), "1");
    assert_eq!(env.git(&["rev-list", "--count", "q2-planning"]).trim(), "2");
    env.assert_sound();
}
