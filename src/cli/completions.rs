//! `ledger completions SHELL` and the hidden `ledger __complete ids|people`: shell completion
//! scripts generated from the clap definitions, with record ids and people handles completed
//! at the time of typing by a small function appended to each script.
//!
//! clap_complete's dynamic completion (`CompleteEnv`) is still behind an unstable feature, so
//! the static scripts are used and extended: which arguments take an id or a handle is read
//! from the same clap definitions (value names `ID`, `HANDLE`, `A,B,C`), so the lists never drift.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::error::Result;
use crate::store::{layout, read};

use super::{Cli, Ctx};

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh or fish.
    #[arg(value_parser = ["bash", "zsh", "fish"])]
    pub shell: String,
}

/// Arguments of the hidden `__complete`.
#[derive(Debug, clap::Args)]
pub struct CandidatesArgs {
    /// What to list: ids or people.
    #[arg(value_parser = ["ids", "people"])]
    pub what: String,
}

/// Where ids and handles go, read from the clap definitions.
#[derive(Default, Debug)]
struct Slots {
    /// Subcommand paths (e.g. "show", "people set") whose first positional is a record id.
    id_commands: Vec<String>,
    /// Subcommand paths whose first positional is a handle.
    people_commands: Vec<String>,
    /// Long options (without `--`) that take a record id.
    id_options: Vec<String>,
    /// Long options that take handles.
    people_options: Vec<String>,
}

fn is_id(value_name: &str) -> bool {
    value_name == "ID"
}

fn is_people(value_name: &str) -> bool {
    matches!(value_name, "HANDLE" | "A,B,C")
}

fn collect(cmd: &clap::Command, path: &str, slots: &mut Slots) {
    for arg in cmd.get_arguments() {
        let Some(name) = arg.get_value_names().and_then(|v| v.first()) else {
            continue;
        };
        let name = name.as_str();
        match (arg.get_long(), arg.is_positional()) {
            (Some(long), false) => {
                let list = if is_id(name) {
                    &mut slots.id_options
                } else if is_people(name) {
                    &mut slots.people_options
                } else {
                    continue;
                };
                if !list.iter().any(|l| l == long) {
                    list.push(long.to_string());
                }
            }
            (_, true) if !path.is_empty() => {
                if is_id(name) {
                    slots.id_commands.push(path.to_string());
                } else if is_people(name) {
                    slots.people_commands.push(path.to_string());
                }
            }
            _ => {}
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() {
            continue;
        }
        let p = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        collect(sub, &p, slots);
    }
}

fn slots() -> Slots {
    let mut s = Slots::default();
    collect(&Cli::command(), "", &mut s);
    s
}

/// The bash function wrapped around clap's: ids and handles first, clap's completion otherwise.
fn bash_extra(s: &Slots) -> String {
    let last = |v: &[String]| {
        v.iter()
            .map(|c| c.rsplit(' ').next().unwrap_or(c).to_string())
            .collect::<Vec<_>>()
            .join("|")
    };
    let opts = |v: &[String]| {
        v.iter()
            .map(|o| format!("--{o}"))
            .collect::<Vec<_>>()
            .join("|")
    };
    format!(
        r#"
# Record ids and people handles, asked of the ledger at the time of typing.
_ledger_dynamic() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" what="" w i
    local sub="" leaf="" dir=()
    # The subcommand (and people's sub-subcommand), skipping global options and their values;
    # a -C/--ledger given on the line is passed on, so candidates come from that ledger.
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${{COMP_WORDS[i]}}"
        case "$w" in
            -C|--ledger) dir=(-C "${{COMP_WORDS[i+1]}}"); ((i++)); continue ;;
            --format|--as-of) ((i++)); continue ;;
            -*) continue ;;
        esac
        if [[ -z "$sub" ]]; then sub="$w"; leaf="$w";
        elif [[ "$sub" == "people" && "$leaf" == "people" ]]; then leaf="$w"; fi
    done
    case "$prev" in
        {id_opts}) what=ids ;;
        {people_opts}) what=people ;;
    esac
    if [[ -z "$what" && "$cur" != -* && -n "$leaf" && "$prev" == "$leaf" ]]; then
        case "$leaf" in
            {id_cmds}) what=ids ;;
            {people_cmds}) what=people ;;
        esac
    fi
    if [[ -n "$what" ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(ledger "${{dir[@]}}" __complete "$what" 2>/dev/null)" -- "${{cur##*,}}"))
        return 0
    fi
    _ledger "$@"
}}
complete -F _ledger_dynamic -o bashdefault -o default ledger
"#,
        id_opts = opts(&s.id_options),
        people_opts = opts(&s.people_options),
        id_cmds = if s.id_commands.is_empty() {
            "__none".into()
        } else {
            last(&s.id_commands)
        },
        people_cmds = if s.people_commands.is_empty() {
            "__none".into()
        } else {
            last(&s.people_commands)
        },
    )
}

/// zsh: clap's script completes those arguments with `_default`; point them at our functions.
fn zsh_patch(script: &str) -> String {
    let mut out = String::new();
    for line in script.lines() {
        let l = if line.contains(":ID:_default") || line.contains(":id -- ") {
            line.replace(":_default", ":_ledger_ids")
        } else if line.contains(":HANDLE:_default")
            || line.contains(":A,B,C:_default")
            || line.contains(":handle -- ")
        {
            line.replace(":_default", ":_ledger_people")
        } else {
            line.to_string()
        };
        out.push_str(&l);
        out.push('\n');
    }
    let funcs = "\n# Record ids and people handles, asked of the ledger at the time of typing.\n\
_ledger_ids() { local -a c; c=(${(f)\"$(ledger __complete ids 2>/dev/null)\"}); compadd -a c }\n\
_ledger_people() { local -a c; c=(${(f)\"$(ledger __complete people 2>/dev/null)\"}); compadd -a c }\n";
    // The functions must exist before compdef runs the completion, so they go first.
    match out.find("\n_ledger() {") {
        Some(at) => format!("{}{funcs}{}", &out[..at], &out[at..]),
        None => format!("{out}{funcs}"),
    }
}

/// fish: extra `complete` lines; fish merges them with clap's.
fn fish_extra(s: &Slots) -> String {
    let mut out = String::from(
        "\n# Record ids and people handles, asked of the ledger at the time of typing.\n",
    );
    let leaves = |v: &[String]| {
        v.iter()
            .map(|c| c.rsplit(' ').next().unwrap_or(c).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !s.id_commands.is_empty() {
        out.push_str(&format!(
            "complete -c ledger -n \"__fish_seen_subcommand_from {}\" -f -a \"(ledger __complete ids 2>/dev/null)\"\n",
            leaves(&s.id_commands)
        ));
    }
    if !s.people_commands.is_empty() {
        out.push_str(&format!(
            "complete -c ledger -n \"__fish_seen_subcommand_from {}\" -f -a \"(ledger __complete people 2>/dev/null)\"\n",
            leaves(&s.people_commands)
        ));
    }
    for o in &s.id_options {
        out.push_str(&format!(
            "complete -c ledger -l {o} -x -a \"(ledger __complete ids 2>/dev/null)\"\n"
        ));
    }
    for o in &s.people_options {
        out.push_str(&format!(
            "complete -c ledger -l {o} -x -a \"(ledger __complete people 2>/dev/null)\"\n"
        ));
    }
    out
}

/// Runs `completions`.
pub fn run(_ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let shell: Shell = args.shell.parse().map_err(crate::Error::user)?;
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ledger", &mut buf);
    let script = String::from_utf8_lossy(&buf).into_owned();
    let s = slots();
    let text = match shell {
        Shell::Bash => format!("{script}{}", bash_extra(&s)),
        Shell::Zsh => zsh_patch(&script),
        Shell::Fish => format!("{script}{}", fish_extra(&s)),
        _ => script,
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Runs `__complete`: one candidate a line, quietly nothing when there is no ledger.
pub fn run_candidates(ctx: &Ctx, args: CandidatesArgs, out: &mut dyn Write) -> Result<()> {
    let Ok(ledger) = ctx.open() else {
        return Ok(());
    };
    let Some(head) = ledger.head()? else {
        return Ok(());
    };
    let tree = head.tree()?;
    let files = read::list_tree(&ledger, &tree)?;
    match args.what.as_str() {
        "ids" => {
            // File names only: no record is parsed, so this stays instant on a large ledger.
            for f in &files {
                if let layout::PathRole::Record(_, id) = layout::classify(&f.path) {
                    writeln!(out, "{id}")?;
                }
            }
        }
        _ => {
            if let Some(f) = files.iter().find(|f| f.path == layout::PEOPLE_FILE) {
                let blob = ledger.blob_bytes(f.blob)?;
                if let Ok(p) = crate::store::codec::parse_people(&blob) {
                    for h in p.people.keys() {
                        writeln!(out, "{h}")?;
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_and_handle_slots_come_from_the_clap_definitions() {
        let s = slots();
        for c in ["show", "done", "reschedule", "edit"] {
            assert!(s.id_commands.iter().any(|x| x == c), "{c}: {s:?}");
        }
        assert!(s.people_commands.iter().any(|x| x == "people set"), "{s:?}");
        for o in ["meeting", "supersedes", "on"] {
            assert!(s.id_options.iter().any(|x| x == o), "--{o}: {s:?}");
        }
        for o in ["by", "to", "from", "attendees"] {
            assert!(s.people_options.iter().any(|x| x == o), "--{o}: {s:?}");
        }
        assert!(!s.id_commands.iter().any(|x| x == "__complete"));
    }
}
