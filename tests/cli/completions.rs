//! Shell completions and man pages, generated from the clap definitions.

use std::process::Command;

use crate::harness::{story, Env};

/// Runs `prog -n FILE` (a syntax check) if the shell is installed; false when it is not.
fn syntax_ok(prog: &str, file: &std::path::Path) -> Option<bool> {
    let out = Command::new(prog).arg("-n").arg(file).output().ok()?;
    if !out.status.success() {
        eprintln!("{prog} -n: {}", String::from_utf8_lossy(&out.stderr));
    }
    Some(out.status.success())
}

#[test]
fn scripts_parse_and_list_the_commands() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.ok(&["completions", shell]);
        for cmd in ["meeting", "promise", "show", "import", "export", "hooks"] {
            assert!(script.contains(cmd), "{shell} script does not name {cmd}");
        }
        assert!(
            script.contains("__complete") && script.contains("ids") && script.contains("people"),
            "{shell}: no dynamic candidates"
        );
        let file = env.root().join(format!("ledger.{shell}"));
        std::fs::write(&file, &script).unwrap();
        match syntax_ok(shell, &file) {
            Some(ok) => assert!(ok, "{shell} rejects the script"),
            None if shell == "bash" => panic!("bash is required for this test"),
            None => {
                eprintln!("notice: {shell} is not installed; its script was not syntax-checked")
            }
        }
    }
    env.fails(&["completions", "tcsh"], 1);
}

#[test]
fn bash_completes_ids_and_handles() {
    let env = story();
    let script = env.root().join("ledger.bash");
    std::fs::write(&script, env.ok(&["completions", "bash"])).unwrap();
    let bin_dir = std::path::Path::new(crate::harness::bin())
        .parent()
        .unwrap()
        .to_path_buf();
    // Simulate the shell asking for `ledger show <TAB>` and `ledger promise x --to <TAB>`.
    let probe = format!(
        r#"source {script}
COMP_WORDS=(ledger show ""); COMP_CWORD=2; _ledger_dynamic; printf '%s\n' "${{COMPREPLY[@]}}"; echo --
COMP_WORDS=(ledger promise x --to ""); COMP_CWORD=4; _ledger_dynamic; printf '%s\n' "${{COMPREPLY[@]}}"; echo --
cd /; COMP_WORDS=(ledger -C {dir} done ""); COMP_CWORD=4; _ledger_dynamic; printf '%s\n' "${{COMPREPLY[@]}}""#,
        dir = env.dir.display(),
        script = script.display()
    );
    let mut cmd = Command::new("bash");
    env.hermetic(&mut cmd);
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = cmd.env("PATH", path).arg("-c").arg(probe).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let parts: Vec<&str> = text.split("--\n").collect();
    let (ids, people, elsewhere) = (parts[0], parts[1], parts[2]);
    assert_eq!(elsewhere, ids, "-C on the line is passed on");
    let ids_expected = env.ok(&["__complete", "ids"]);
    assert_eq!(
        ids.trim(),
        ids_expected.trim(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(ids.lines().any(|l| l.starts_with("com-")), "{ids}");
    assert!(
        people.contains("alice") && people.contains("grace"),
        "{people}"
    );
}

#[test]
fn candidates_are_quiet_without_a_ledger() {
    let env = Env::empty();
    let out = env.run(&["-C", env.dir.to_str().unwrap(), "__complete", "ids"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
}

#[test]
fn man_pages_render_one_per_command() {
    let env = Env::new();
    let dir = env.root().join("man");
    let listed = env.ok(&["man", "--out", dir.to_str().unwrap()]);
    for page in [
        "ledger.1",
        "ledger-meeting.1",
        "ledger-people-add.1",
        "ledger-import.1",
    ] {
        assert!(dir.join(page).is_file(), "no {page} in:\n{listed}");
    }
    assert!(
        !dir.join("ledger-__complete.1").exists(),
        "the hidden command got a page"
    );
    let top = env.ok(&["man"]);
    assert!(
        top.starts_with(".ie") || top.contains(".TH ledger"),
        "{}",
        &top[..200.min(top.len())]
    );
    if Command::new("man").arg("--version").output().is_err() {
        eprintln!("notice: `man` is not installed (apt-get install man-db); rendering not checked");
        return;
    }
    let out = Command::new("man")
        .arg("-l")
        .arg(dir.join("ledger-meeting.1"))
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("NAME") && text.contains("--attendees"),
        "{text}"
    );
}
