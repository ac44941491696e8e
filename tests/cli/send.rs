//! What the ledger hands people to send: meeting minutes, receipts, the weeknote, and `.eml`
//! drafts of those and of the report and the escalation memo, each read back by an
//! independent MIME parser (mail-parser).

use mail_parser::{Address, MessageParser, MimeHeaders};

use crate::harness::{story, Env};

const VPN: &str = "com-42svx316j05y";
const VPN_ASK: &str = "ask-xez3nz4nmtsv";

fn planning(env: &Env) -> String {
    env.find_of("meeting", "Payments sprint planning")
}

/// The story, shared through a GitHub-style remote, with a git identity to send from.
fn shared_story() -> Env {
    let env = story();
    env.git(&[
        "remote",
        "add",
        "origin",
        "git@github.com:acme/payments.git",
    ]);
    env.git(&["config", "user.name", "Grace Ito"]);
    env.git(&["config", "user.email", "grace@example.com"]);
    env
}

/// Name and address of every mailbox in a header.
fn mailboxes(a: Option<&Address>) -> Vec<(String, String)> {
    let Some(a) = a else { return Vec::new() };
    a.iter()
        .map(|m| {
            (
                m.name().unwrap_or_default().to_string(),
                m.address().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Writes a draft with `args` + `--eml -` and parses it; returns the raw bytes too.
fn draft(env: &Env, args: &[&str]) -> (Vec<u8>, String, String, String) {
    let mut a = args.to_vec();
    a.extend(["--eml", "-"]);
    let out = env.cmd(&a).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = MessageParser::default()
        .parse(&out.stdout)
        .expect("an RFC 5322 message");
    let text = m.body_text(0).expect("a text part").into_owned();
    let html = m.body_html(0).expect("an HTML part").into_owned();
    let subject = m.subject().unwrap_or_default().to_string();
    assert_eq!(
        m.from().and_then(|f| f.first()).and_then(|f| f.address()),
        Some("grace@example.com")
    );
    assert!(m.date().is_some() && m.message_id().is_some());
    assert_eq!(
        m.content_type()
            .map(|c| (c.ctype(), c.subtype().unwrap_or_default())),
        Some(("multipart", "alternative"))
    );
    (
        out.stdout.clone(),
        subject,
        text,
        html + "\n" + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn minutes_list_attendees_notes_decisions_and_action_items_with_links() {
    let env = shared_story();
    let mtg = planning(&env);
    let text = env.ok(&["minutes", &mtg]);
    for want in [
        "Minutes: Payments sprint planning",
        "2026-03-03.",
        "Alice Martin (alice), Bob Chen (bob), Dave Okafor (dave)",
        "Sprint goal: card payments go through the tokenizer.",
        "Decided by Dave Okafor",
        "Card data never leaves the vault network; services call the",
        "Alice Martin: Integrate the tokenizer client (for Dave Okafor), due",
        "https://github.com/acme/payments/blob/",
    ] {
        assert!(text.contains(want), "{want} not in:\n{text}");
    }
    assert!(
        text.lines()
            .all(|l| l.chars().count() <= 72 || l.contains("https://")),
        "{text}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["minutes", &mtg, "--format", "json"])).unwrap();
    assert_eq!(v["attendees"].as_array().unwrap().len(), 3);
    assert_eq!(v["decisions"][0]["by"]["handle"], "dave");
    assert_eq!(v["actions"].as_array().unwrap().len(), 3);
    assert!(v["actions"][0]["link"].as_str().unwrap().ends_with(".yaml"));
    let md = env.ok(&["minutes", &mtg, "--format", "md"]);
    assert!(
        md.starts_with("# Minutes: Payments sprint planning"),
        "{md}"
    );
    assert!(
        md.contains("## Action items") && md.contains("> Card data"),
        "{md}"
    );
    // A site address in ledger.yaml wins over the git host.
    let yaml = std::fs::read_to_string(env.dir.join("ledger.yaml")).unwrap();
    std::fs::write(
        env.dir.join("ledger.yaml"),
        format!("{yaml}site: https://ledger.example.org/\n"),
    )
    .unwrap();
    env.git(&["commit", "-qam", "Publish the site"]);
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["minutes", &mtg, "--format", "json"])).unwrap();
    assert_eq!(
        v["link"],
        format!("https://ledger.example.org/records/{mtg}.html")
    );
}

#[test]
fn minutes_and_receipts_refuse_the_wrong_kind_of_record() {
    let env = story();
    let out = env.fails(&["minutes", VPN], 1);
    assert!(out.stderr.contains("ledger receipt"), "{}", out.stderr);
    let out = env.fails(&["receipt", &planning(&env)], 1);
    assert!(out.stderr.contains("ledger minutes"), "{}", out.stderr);
}

#[test]
fn a_receipt_confirms_to_the_other_party_what_they_agreed() {
    let env = shared_story();
    let text = env.ok(&["receipt", VPN]);
    assert!(text.starts_with("Bob,\n"), "{text}");
    assert!(
        text.contains("you agreed to open a VPN tunnel from the payments cluster")
            && text.contains("for Alice Martin by 2026-03-06."),
        "{text}"
    );
    assert!(
        text.contains("The date has moved twice since; it is now 2026-03-18"),
        "{text}"
    );
    assert!(
        text.contains("Reply if this is not what you agreed."),
        "{text}"
    );
    let ask = env.ok(&["receipt", VPN_ASK]);
    assert!(
        ask.contains("Alice Martin asked you to open a VPN tunnel")
            && ask.contains("Why it matters: The whole payments sprint"),
        "{ask}"
    );
    let dec = env.find_of("decision", "Card data never leaves");
    let d = env.ok(&["receipt", &dec]);
    assert!(d.starts_with("Alice, Bob and Dave,"), "{d}");
    assert!(
        d.contains("in Payments sprint planning Dave Okafor decided:"),
        "{d}"
    );
    assert!(
        d.contains("“Card data never leaves the vault network; services call"),
        "{d}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["receipt", VPN, "--format", "json"])).unwrap();
    assert_eq!(
        (v["to"][0]["handle"].as_str(), v["cc"][0]["handle"].as_str()),
        (Some("bob"), Some("alice"))
    );
}

#[test]
fn drafts_of_minutes_receipt_weeknote_and_escalation_parse_back() {
    let env = shared_story();
    let mtg = planning(&env);
    let (_, subject, text, html) = draft(&env, &["minutes", &mtg]);
    assert_eq!(subject, "Minutes: Payments sprint planning (2026-03-03)");
    assert!(
        text.contains("Action items") && html.contains("<h2>Action items</h2>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://github.com/acme/payments/blob/"),
        "{html}"
    );
    // Attendees are the recipients, by name.
    let out = env.cmd(&["minutes", &mtg, "--eml", "-"]).output().unwrap();
    let m = MessageParser::default().parse(&out.stdout).unwrap();
    assert_eq!(
        mailboxes(m.to()),
        [
            ("Alice Martin".to_string(), "alice@example.com".to_string()),
            ("Bob Chen".into(), "bob@example.com".into()),
            ("Dave Okafor".into(), "dave@example.com".into())
        ]
    );

    let (raw, subject, text, _) = draft(&env, &["receipt", VPN_ASK]);
    assert!(
        subject.starts_with("Confirming the ask: Open a VPN tunnel"),
        "{subject}"
    );
    assert!(
        text.contains("Reply if this is not what was asked of you."),
        "{text}"
    );
    let m = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        mailboxes(m.to()),
        [("Bob Chen".to_string(), "bob@example.com".to_string())]
    );
    assert_eq!(
        mailboxes(m.cc()),
        [("Alice Martin".to_string(), "alice@example.com".to_string())]
    );

    // The weeknote of the story's worst week goes to the stakeholders in ledger.yaml.
    let yaml = std::fs::read_to_string(env.dir.join("ledger.yaml")).unwrap();
    std::fs::write(
        env.dir.join("ledger.yaml"),
        format!("{yaml}stakeholders: [grace, carol]\n"),
    )
    .unwrap();
    env.git(&["commit", "-qam", "Name the stakeholders"]);
    let (raw, subject, text, html) = draft(&env, &["report", "--style", "weeknote"]);
    assert!(
        subject.ends_with("weeknote: 2026-03-14 to 2026-03-20"),
        "{subject}"
    );
    for want in [
        "Three things to know this week",
        "What is blocked, and what waits on it",
        "This holds up 2 of our",
    ] {
        assert!(
            text.contains(want) && html.contains(want),
            "{want}:\n{text}"
        );
    }
    let m = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(mailboxes(m.to()).len(), 2);

    // The escalation goes up the owner's chain, the owner copied.
    let (raw, subject, _, _) = draft(&env, &["escalate", VPN]);
    assert!(
        subject.starts_with("Escalation: Open a VPN tunnel"),
        "{subject}"
    );
    let m = MessageParser::default().parse(&raw).unwrap();
    let to = mailboxes(m.to());
    assert_eq!(
        to.first().map(|t| t.1.as_str()),
        Some("carol@example.com"),
        "{to:?}"
    );
    assert_eq!(
        mailboxes(m.cc()),
        [("Bob Chen".to_string(), "bob@example.com".to_string())]
    );

    // The same ledger and day write the same bytes.
    let again = env
        .cmd(&["report", "--style", "weeknote", "--eml", "-"])
        .output()
        .unwrap();
    let (first, _, _, _) = draft(&env, &["report", "--style", "weeknote"]);
    assert_eq!(again.stdout, first);
}

#[test]
fn hostile_text_is_encoded_and_people_without_email_are_named() {
    let env = Env::new();
    env.git(&["config", "user.email", "me@example.com"]);
    env.ok(&["people", "add", "zoe", "--name", "Zoë Ærø"]);
    env.ok(&[
        "people",
        "add",
        "bob",
        "--name",
        "Bob",
        "--email",
        "bob@example.com",
    ]);
    let id = env.id(&[
        "promise", "Ship it", "--by", "bob", "--to", "zoe", "--due", "+1w",
    ]);
    // Record text with what headers are made of; (a line break cannot reach a draft: the
    // reader refuses control characters, and report::eml's tests feed one to the builder).
    env.ok(&["note", &id, "x"]);
    let path = env.dir.join(env.path_of(&id));
    let yaml = std::fs::read_to_string(&path).unwrap();
    let yaml = yaml.replace(
        "what: Ship it",
        "what: 'Ship it <now>: \"today\", Bcc: victim@example.com'",
    );
    std::fs::write(&path, yaml).unwrap();
    env.git(&["commit", "-qam", "Edit by hand"]);
    let out = env.cmd(&["receipt", &id, "--eml", "-"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = String::from_utf8_lossy(&out.stdout);
    let headers = raw.split("\r\n\r\n").next().unwrap();
    assert!(
        !headers.to_ascii_lowercase().contains("\nbcc:"),
        "{headers}"
    );
    let m = MessageParser::default().parse(&out.stdout).unwrap();
    assert!(m.bcc().is_none());
    assert!(
        m.subject()
            .unwrap()
            .contains("Ship it <now>: \"today\", Bcc: victim@example.com"),
        "{:?}",
        m.subject()
    );
    let to = mailboxes(m.to());
    assert_eq!(to, [("Bob".to_string(), "bob@example.com".to_string())]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("zoe is not on the draft (no email in the people file)")
            && stderr.contains("ledger people add zoe --email"),
        "{stderr}"
    );
    // A file draft is written where asked and said so.
    let path = env.dir.join("receipt.eml");
    let out = env.run(&["receipt", &id, "--eml", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("wrote the draft"), "{}", out.stderr);
    let bytes = std::fs::read(&path).unwrap();
    let m = MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(
        m.to().and_then(|t| t.first()).and_then(|a| a.address()),
        Some("bob@example.com")
    );
    // Without a sender the draft is refused, saying what to set.
    let gitconfig = env.home.join(".gitconfig");
    std::fs::write(&gitconfig, "[user]\n\tname = Test User\n").unwrap();
    env.git(&["config", "--unset", "user.email"]);
    let out = env.fails(&["receipt", &id, "--eml", "-"], 1);
    assert!(
        out.stderr.contains("git config user.email"),
        "{}",
        out.stderr
    );
}

/// On a terminal, `meeting` ends by saying how to send its minutes; in a pipe it does not.
#[test]
fn a_meeting_recorded_on_a_terminal_says_how_to_send_its_minutes() {
    let env = Env::new();
    let piped = env.ok(&["meeting", "Standup", "--attendees", "alice,bob"]);
    assert!(!piped.contains("ledger minutes"), "{piped}");
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: util-linux `script` (a pseudo-terminal) is not installed");
        return;
    }
    let mut cmd = std::process::Command::new("script");
    env.hermetic(&mut cmd);
    let line = format!(
        "{} meeting Retro --attendees alice,bob",
        crate::harness::bin()
    );
    // No editor may open: the notes are given, and EDITOR would end at once anyway.
    cmd.env("EDITOR", "true").env("VISUAL", "true");
    let out = cmd.args(["-qec", &line, "/dev/null"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let id = text
        .split_whitespace()
        .find(|w| w.starts_with("mtg-"))
        .unwrap();
    assert!(
        text.contains(&format!(
            "Send the minutes: ledger minutes {id} --eml minutes.eml"
        )),
        "{text}"
    );
}
