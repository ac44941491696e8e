//! One set of formats: `--format md` is real GitHub-flavoured Markdown on every command with a
//! table (or is refused with a message), and CSV headers are the JSON field names, in the
//! JSON's order, with the JSON's values.

use serde_json::Value;

use crate::harness::story;

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The objects a CSV's rows stand for, from the command's JSON.
fn objects(cmd: &str, v: &Value) -> Vec<serde_json::Map<String, Value>> {
    let lists: Vec<&Value> = match cmd {
        "overdue" => vec![&v["commitments"], &v["asks"]],
        "who" => [
            "promised",
            "promised_to",
            "asks_made",
            "asks_received",
            "decisions",
        ]
        .iter()
        .map(|k| &v[*k])
        .collect(),
        _ => vec![v],
    };
    let mut out = Vec::new();
    for l in lists {
        for o in l.as_array().unwrap() {
            let mut o = o.as_object().unwrap().clone();
            if cmd == "history" {
                // One CSV row per change: the change's fields follow the event's.
                if let Some(Value::Array(changes)) = o.remove("changes") {
                    if let Some(Value::Object(c)) = changes.first() {
                        o.extend(c.clone());
                    }
                }
            }
            out.push(o);
        }
    }
    out
}

/// A JSON scalar as CSV writes it; `None` for arrays and objects.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[test]
fn csv_headers_are_the_json_field_names_in_order_with_json_values() {
    let env = story();
    env.today("2026-03-20");
    let vpn = env.find_of("commitment", "Open a VPN tunnel");
    let cases: Vec<Vec<&str>> = vec![
        vec!["list", "--all"],
        vec!["people", "list"],
        vec!["log"],
        vec!["decisions"],
        vec!["overdue"],
        vec!["who", "bob"],
        vec!["history", &vpn],
    ];
    for args in cases {
        let cmd = args[0];
        let csv_text = env.ok(&[&args[..], &["--format", "csv"]].concat());
        let json = env.run(&[&args[..], &["--format", "json"]].concat()).json();
        let (header, rows) = parse_csv(&csv_text);
        let objs = objects(cmd, &json);
        assert!(!rows.is_empty() && !objs.is_empty(), "{args:?}: {csv_text}");
        for h in &header {
            assert!(
                h.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{args:?}: header {h:?} is not snake_case"
            );
            // `relation` (who) names the JSON list a row comes from.
            let known = h == "relation" || objs.iter().any(|o| o.contains_key(h));
            assert!(known, "{args:?}: {h} is no JSON field: {header:?}");
        }
        // Where an object has several of the columns, they come in the JSON's order (`who`'s
        // lists order their optional fields differently, so only its names are checked).
        if cmd != "who" {
            for o in &objs {
                let in_json: Vec<&String> = o.keys().filter(|k| header.contains(k)).collect();
                let in_csv: Vec<&String> = header
                    .iter()
                    .filter(|h| o.contains_key(h.as_str()))
                    .collect();
                assert_eq!(in_csv, in_json, "{args:?}: column order");
            }
        }
        // Values: each row against its object (by id, commit or handle), scalars as in JSON.
        if cmd == "history" {
            continue;
        }
        let key = ["id", "commit", "handle"]
            .into_iter()
            .find(|k| header.iter().any(|h| h == k))
            .unwrap();
        let col = header.iter().position(|h| h == key).unwrap();
        for row in &rows {
            let o = objs
                .iter()
                .find(|o| o[key].as_str() == Some(row[col].as_str()))
                .unwrap_or_else(|| panic!("{args:?}: no JSON object for {row:?}"));
            for (h, cell) in header.iter().zip(row) {
                let Some(want) = o.get(h).and_then(scalar) else {
                    continue;
                };
                assert_eq!(cell, &want, "{args:?}: {h} of {}", row[col]);
            }
        }
    }
}

/// Pipes that are table syntax, not escaped text.
fn bare_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            n += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    n
}

/// Every table in `md` is a GitHub pipe table: a header, a delimiter row, and rows of the
/// header's width. Returns how many tables there are.
fn assert_tables(what: &str, md: &str) -> usize {
    let lines: Vec<&str> = md.lines().collect();
    let mut tables = 0;
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with('|') {
            i += 1;
            continue;
        }
        tables += 1;
        let cols = bare_pipes(lines[i]);
        assert!(
            lines
                .get(i + 1)
                .is_some_and(|l| l.starts_with("| --- |") && bare_pipes(l) == cols),
            "{what}: no delimiter row under the header:\n{md}"
        );
        i += 2;
        while i < lines.len() && lines[i].starts_with('|') {
            assert_eq!(
                bare_pipes(lines[i]),
                cols,
                "{what}: row width: {}",
                lines[i]
            );
            i += 1;
        }
    }
    tables
}

#[test]
fn md_is_github_markdown_on_every_command_with_a_table() {
    let env = story();
    env.today("2026-03-20");
    let hostile =
        env.bob_promises_alice("Fix a | b *now* <script>alert(1)</script> [x](javascript:y)");
    let vpn = env.find_of("commitment", "Open a VPN tunnel");
    for (args, tables) in [
        (vec!["list", "--all"], 1),
        (vec!["people", "list"], 1),
        (vec!["log"], 1),
        (vec!["overdue"], 2),
        (vec!["show", &hostile], 1),
        (vec!["show", &vpn], 1),
        (vec!["decisions"], 0),
        (vec!["check"], 0),
        (vec!["verify"], 0),
    ] {
        let md = env.ok(&[&args[..], &["--format", "md"]].concat());
        assert!(!md.contains('\u{1b}'), "{args:?}: {md}");
        assert_eq!(
            assert_tables(&format!("{args:?}"), &md),
            tables,
            "{args:?}:\n{md}"
        );
        // Terminal tables pad with runs of spaces; Markdown does not.
        assert!(
            !md.contains("   "),
            "{args:?} looks like a terminal table:\n{md}"
        );
    }
    let list = env.ok(&["list", "--format", "md"]);
    assert!(list.contains(&format!("| `{hostile}` |")), "{list}");
    assert!(
        list.contains(r"Fix a \| b \*now\* \<script\>alert(1)\</script\> \[x\](javascript:y)"),
        "{list}"
    );
    assert!(!list.contains("<script>"), "{list}");
    let show = env.ok(&["show", &vpn, "--format", "md"]);
    assert!(
        show.starts_with(&format!("## commitment {vpn}\n")),
        "{show}"
    );
    assert!(show.contains("| status | open |"), "{show}");
    assert!(show.contains("\nLinked records:\n\n- "), "{show}");
    let overdue = env.ok(&["overdue", "--format", "md"]);
    assert!(
        overdue.starts_with("## Overdue commitments on 2026-03-20: "),
        "{overdue}"
    );
    assert!(
        overdue.contains("| Open a VPN tunnel from the payments cluster to the card vault |"),
        "the text is whole in Markdown: {overdue}"
    );
    let check = env.ok(&["check", "--format", "md"]);
    assert!(check.starts_with("**ok**: "), "{check}");
}

#[test]
fn md_and_csv_are_refused_where_a_command_has_no_such_form() {
    let env = story();
    let vpn = env.find_of("commitment", "Open a VPN tunnel");
    for (args, format) in [
        (vec!["who", "bob"], "md"),
        (vec!["history", &vpn], "md"),
        (vec!["show", &vpn], "csv"),
        (vec!["check"], "csv"),
        (vec!["verify"], "csv"),
        (vec!["report"], "csv"),
        (vec!["escalate", &vpn], "csv"),
        (vec!["site", "out"], "md"),
    ] {
        let out = env.fails(&[&args[..], &["--format", format]].concat(), 1);
        assert!(out.stdout.is_empty(), "{args:?} {format}: {}", out.stdout);
        assert!(
            out.stderr.starts_with("error: ") && out.stderr.contains("hint: use --format"),
            "{args:?} {format}: {}",
            out.stderr
        );
    }
}
