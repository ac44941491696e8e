//! Signed commits: when git is set to sign (here with an ssh key), every commit ledger makes is
//! signed through the git program, and `verify` with `require_signatures` accepts them and flags
//! an unsigned one.

use std::process::Command;

use crate::harness::Env;

/// A world whose git signs every commit with a fresh ssh key; None when ssh-keygen is missing.
fn signing_env() -> Option<Env> {
    if Command::new("ssh-keygen").arg("-?").output().is_err() {
        eprintln!("skipped: ssh-keygen is not installed");
        return None;
    }
    let env = Env::empty();
    let key = env.root().join("signing-key");
    let made = Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "tester@example.com",
            "-f",
        ])
        .arg(&key)
        .status()
        .expect("ssh-keygen");
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let allowed = env.root().join("allowed-signers");
    std::fs::write(&allowed, format!("tester@example.com {public}")).unwrap();
    let config = env.home.join(".gitconfig");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "[gpg]\n\tformat = ssh\n[gpg \"ssh\"]\n\tallowedSignersFile = {}\n[user]\n\tsigningkey = {}\n[commit]\n\tgpgsign = true\n",
        allowed.display(),
        key.display()
    ));
    std::fs::write(&config, text).unwrap();
    env.ok(&["init"]);
    Some(env)
}

#[test]
fn ledger_signs_its_commits_when_git_is_set_to_sign() {
    let Some(env) = signing_env() else { return };
    let config = env
        .read("ledger.yaml")
        .replace("require_signatures: false", "require_signatures: true");
    env.write("ledger.yaml", &config);
    env.git(&["commit", "-q", "-S", "-am", "Require signed commits"]);
    let id = env.id(&[
        "promise", "Ship it", "--by", "bob", "--to", "alice", "--due", "+3d",
    ]);
    env.id(&["done", &id]);
    for rev in ["HEAD", "HEAD~1", "HEAD~2", "HEAD~3"] {
        env.git(&["verify-commit", rev]);
    }
    let out = env.run(&["verify"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    env.assert_sound();

    // A commit made with plain git and no signature is an auditor's finding.
    env.write("README.md", "notes\n");
    env.git(&[
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Unsigned change",
    ]);
    let out = env.run(&["verify"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("not signed"), "{}", out.stdout);
}

#[test]
fn a_broken_signing_setup_records_nothing() {
    let Some(env) = signing_env() else { return };
    let head = env.head();
    env.set(
        "GIT_CONFIG_PARAMETERS",
        "'user.signingkey'='/nonexistent/key'",
    );
    let out = env.run(&[
        "promise", "Ship it", "--by", "bob", "--to", "alice", "--due", "+3d",
    ]);
    assert_eq!(out.code, 4, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("could not sign"), "{}", out.stderr);
    assert_eq!(env.head(), head);
}
