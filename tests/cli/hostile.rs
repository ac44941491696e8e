//! Hostile and broken input: each case gets a clear message, a documented exit code, and leaves
//! the repository exactly as it was.

use crate::harness::Env;

/// A ledger with one commitment, and its id and path.
fn one() -> (Env, String, String) {
    let env = Env::new();
    let id = env.bob_promises_alice("Open the tunnel");
    let path = env.path_of(&id);
    (env, id, path)
}

/// Commits `content` at `path` with the git program, as a careless hand edit would.
fn hand_commit(env: &Env, path: &str, content: &[u8]) {
    let p = env.dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "hand edit"]);
}

/// Runs `args`, expecting `code` and `needle` in stderr or stdout, and nothing changed.
#[track_caller]
fn refused(env: &Env, args: &[&str], code: i32, needle: &str) -> String {
    let before = env.repo_state();
    let out = env.fails(args, code);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains(needle),
        "{args:?}: expected '{needle}' in:\n{all}"
    );
    assert_eq!(env.repo_state(), before, "{args:?} changed the repository");
    all
}

/// The usual checks on a committed bad file: `check` and a query name it (exit 2), and a
/// change to the record is refused (exit 2).
#[track_caller]
fn bad_file(content: &[u8], needle: &str) -> (Env, String, String) {
    let (env, id, path) = one();
    hand_commit(&env, &path, content);
    let out = refused(&env, &["check"], 2, needle);
    assert!(out.contains(&path), "{out}");
    refused(&env, &["check", "--committed"], 2, needle);
    refused(&env, &["list"], 2, &path);
    refused(&env, &["done", &id], 2, &path);
    (env, id, path)
}

#[test]
fn file_that_does_not_parse() {
    bad_file(b"id: [unclosed\nkind: commitment\n", ":1:");
}

#[test]
fn conflict_markers() {
    let (env, _, path) = one();
    let text = env.read(&path);
    let marked = format!("<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> other\n");
    hand_commit(&env, &path, marked.as_bytes());
    let out = refused(&env, &["check"], 2, "conflict marker");
    assert!(out.contains(&format!("{path}:1:")), "{out}");
}

#[test]
fn unknown_field() {
    let (env, _, path) = one();
    let text = format!("{}colour: red\n", env.read(&path));
    hand_commit(&env, &path, text.as_bytes());
    refused(&env, &["check"], 2, "unknown field `colour`");
}

#[test]
fn wrong_type() {
    let (env, _, path) = one();
    let text = env
        .read(&path)
        .replace("due: 2026-03-27", "due: [next, week]");
    hand_commit(&env, &path, text.as_bytes());
    refused(&env, &["check"], 2, "due");
}

#[test]
fn id_not_matching_path() {
    let (env, id, path) = one();
    let other = "com-000000000000";
    let text = env.read(&path).replace(&id, other);
    hand_commit(&env, &path, text.as_bytes());
    let out = refused(&env, &["check"], 2, "the id and the file name must agree");
    assert!(out.contains(other), "{out}");
}

#[test]
fn file_of_several_megabytes() {
    let (env, _, path) = one();
    let mut text = env.read(&path);
    text.push_str("notes:\n");
    while text.len() < 4 * 1024 * 1024 {
        text.push_str("- date: 2026-03-20\n  text: padding padding padding padding padding\n");
    }
    hand_commit(&env, &path, text.as_bytes());
    refused(&env, &["check"], 2, "more than the 1048576");
    refused(&env, &["check", "--committed"], 2, "more than the 1048576");
}

#[test]
fn yaml_alias_bomb() {
    let (env, _, path) = one();
    let mut bomb = String::from(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    let text = format!("{}tags: *a11\n", env.read(&path));
    hand_commit(&env, &path, format!("{bomb}{text}").as_bytes());
    refused(&env, &["check"], 2, "unknown field `a0`");
    refused(&env, &["list"], 2, &path);
}

#[test]
fn deep_nesting() {
    let (env, _, path) = one();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = env
        .read(&path)
        .replace("what: Open the tunnel", &format!("what: {deep}"));
    hand_commit(&env, &path, text.as_bytes());
    refused(&env, &["check"], 2, "nests more than 64 levels");
    refused(
        &env,
        &["check", "--committed"],
        2,
        "nests more than 64 levels",
    );
}

#[test]
fn text_that_is_not_utf8() {
    let (env, _, path) = one();
    let mut bytes = env.read(&path).into_bytes();
    bytes.extend_from_slice(b"where: caf\xe9\n");
    hand_commit(&env, &path, &bytes);
    refused(&env, &["check"], 2, "is not valid UTF-8");
}

#[test]
fn ids_and_arguments_that_escape_the_ledger() {
    let (env, _, _) = one();
    std::fs::write(env.root().join("secret.yaml"), "id: com-000000000000\n").unwrap();
    for args in [
        &["show", "../secret"][..],
        &["done", "../../secret.yaml"],
        &["show", "commitments/../../secret"],
        &["note", "/etc/passwd", "x"],
        &["people", "add", "../evil"],
        &[
            "promise", "x", "--by", "../bob", "--to", "alice", "--due", "friday",
        ],
    ] {
        refused(&env, args, 1, "");
    }
    let out = refused(&env, &["show", "../secret"], 1, "secret");
    assert!(!out.contains("com-000000000000"), "{out}");
}

#[test]
fn control_characters_are_refused_on_input_and_escaped_on_output() {
    let (env, _, path) = one();
    refused(
        &env,
        &[
            "promise",
            "Open\u{1b}[2J the tunnel",
            "--by",
            "bob",
            "--to",
            "alice",
            "--due",
            "friday",
        ],
        1,
        "control character U+001B",
    );
    // A hand edit smuggles an escape sequence in: check names it; show prints it escaped.
    let text = env.read(&path).replace(
        "what: Open the tunnel",
        "what: \"Open \\e[31mthe tunnel\\a\"",
    );
    hand_commit(&env, &path, text.as_bytes());
    refused(&env, &["check"], 2, "control character U+001B");
    let out = env.run(&["list", "--format", "table"]);
    assert!(
        !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'),
        "{:?}",
        out.stdout
    );
    assert!(out.stdout.contains("\\u{1b}[31m"), "{}", out.stdout);
}
