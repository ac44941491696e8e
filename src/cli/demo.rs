//! `ledger demo [DIR]`: builds a ledger from the bundled story (`fixtures/story.yaml`), each step a
//! real `ledger` command with backdated dates and commit times, then shows what is open.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::store::codec;

use super::Ctx;

/// The bundled story.
pub const STORY: &str = include_str!("../../fixtures/story.yaml");

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to build it (default: a new folder under the system's temporary folder). Must be
    /// empty or absent.
    pub dir: Option<PathBuf>,
    /// Build only; show nothing afterwards.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    today: String,
    people: BTreeMap<String, Author>,
    steps: Vec<Step>,
    show: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Author {
    name: String,
    email: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    /// When the command is run: the commit time (ISO 8601 with offset); its date is "today".
    at: String,
    /// Who runs it (a key of `people`).
    #[serde(rename = "as")]
    actor: String,
    /// The arguments after `ledger`; `$name` is replaced by a saved id.
    run: Vec<String>,
    /// Save the first word of the output (the id) under this name.
    #[serde(default)]
    save: Option<String>,
    /// Save the first word of each further output line (records made in a meeting).
    #[serde(default)]
    save_more: Vec<String>,
}

/// Runs `demo`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    ctx.no_as_of()?;
    let story: Story = codec::parse(STORY.as_bytes()).map_err(|e| {
        Error::data(format!(
            "fixtures/story.yaml:{}: {}",
            e.line.unwrap_or(1),
            e.message
        ))
    })?;
    let dir = match args.dir {
        Some(d) => d,
        None => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            std::env::temp_dir().join(format!("ledger-demo-{}-{stamp:x}", std::process::id()))
        }
    };
    if dir.exists() && std::fs::read_dir(&dir)?.next().is_some() {
        return Err(Error::user(format!(
            "{} is not empty; the demo builds a new ledger",
            dir.display()
        ))
        .hint("name a new folder: ledger demo /tmp/ledger-demo"));
    }
    let exe = std::env::current_exe()?;
    let ledger_cmd = |today: &str| {
        let mut c = Command::new(&exe);
        c.arg("-C")
            .arg(&dir)
            .env_remove("LEDGER_DIR")
            .env("LEDGER_TODAY", today)
            .env("LEDGER_SEED", "demo")
            .env("NO_COLOR", "1");
        c
    };
    std::fs::create_dir_all(&dir)?;
    let init = ledger_cmd(&story.today)
        .args(["init"])
        .arg(&dir)
        .env("GIT_AUTHOR_NAME", "Ledger Demo")
        .env("GIT_AUTHOR_EMAIL", "demo@example.com")
        .env("GIT_COMMITTER_NAME", "Ledger Demo")
        .env("GIT_COMMITTER_EMAIL", "demo@example.com")
        .env("GIT_AUTHOR_DATE", &story.steps[0].at)
        .env("GIT_COMMITTER_DATE", &story.steps[0].at)
        .output()?;
    if !init.status.success() {
        return Err(Error::env(format!(
            "demo: init failed: {}",
            String::from_utf8_lossy(&init.stderr)
        )));
    }
    let mut saved: BTreeMap<String, String> = BTreeMap::new();
    for (n, step) in story.steps.iter().enumerate() {
        let author = story.people.get(&step.actor).ok_or_else(|| {
            Error::data(format!(
                "demo step {}: unknown author {}",
                n + 1,
                step.actor
            ))
        })?;
        let args: Vec<String> = step
            .run
            .iter()
            .map(|a| {
                // Longest names first, so `$review` does not eat the start of `$review_mtg`.
                let mut names: Vec<_> = saved.iter().collect();
                names.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
                names
                    .into_iter()
                    .fold(a.clone(), |acc, (k, v)| acc.replace(&format!("${k}"), v))
            })
            .collect();
        let today = step.at.get(..10).unwrap_or(&story.today);
        let output = ledger_cmd(today)
            .args(&args)
            .env("GIT_AUTHOR_NAME", &author.name)
            .env("GIT_AUTHOR_EMAIL", &author.email)
            .env("GIT_COMMITTER_NAME", &author.name)
            .env("GIT_COMMITTER_EMAIL", &author.email)
            .env("GIT_AUTHOR_DATE", &step.at)
            .env("GIT_COMMITTER_DATE", &step.at)
            .output()?;
        if !output.status.success() {
            return Err(Error::env(format!(
                "demo step {} (ledger {}) failed: {}",
                n + 1,
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        let mut lines = stdout.lines();
        let first_word = |l: Option<&str>| {
            l.and_then(|l| l.split_whitespace().next())
                .unwrap_or("")
                .to_string()
        };
        // The first line is the record made or changed; `save_more` reads the lines after it
        // whether or not that one is saved.
        let first = first_word(lines.next());
        if let Some(name) = &step.save {
            saved.insert(name.clone(), first);
        }
        for name in &step.save_more {
            saved.insert(name.clone(), first_word(lines.next()));
        }
    }
    writeln!(
        out,
        "Built the demo ledger in {} ({} steps, today is {}).",
        dir.display(),
        story.steps.len(),
        story.today
    )?;
    writeln!(
        out,
        "Explore it: cd {} && git log --oneline, or LEDGER_TODAY={} ledger -C {} list",
        dir.display(),
        story.today,
        dir.display()
    )?;
    if args.quiet {
        return Ok(());
    }
    for show in &story.show {
        let output = ledger_cmd(&story.today).args(show).output()?;
        writeln!(out, "\n$ ledger {}", show.join(" "))?;
        out.write_all(&output.stdout)?;
    }
    Ok(())
}
