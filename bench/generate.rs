//! `cargo run --release --example generate -- --records N DIR`: writes a large, realistic ledger
//! with about three years of history for benchmarks (`bench/run.sh` runs it). It is a cargo
//! example rather than a `ledger` command because users have no reason to run it; it stands on
//! the library's public API like any other front end. Every commit looks like one `ledger` would make (subjects and
//! trailers), but they are streamed through one `git fast-import` rather than made one
//! command at a time, so 100,000 records take seconds and land in a pack, not 500,000 loose files.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use chrono::{Duration, NaiveDate};

use ledger::error::{Error, Result};
use ledger::model::{
    Ask, Commitment, Decision, Kind, Meeting, People, Person, Record, RecordId, Reschedule, Status,
};
use ledger::store::message::{key, subject};
use ledger::store::{codec, config::Config, layout, Message};

/// Arguments of `generate`.
#[derive(Debug, clap::Parser)]
#[command(
    name = "generate",
    about = "Write a large ledger with years of history, for benchmarks."
)]
pub struct Args {
    /// How many records to write.
    #[arg(long, default_value_t = 1000)]
    pub records: usize,
    /// Seed for the pseudo-random choices (same seed, same ledger).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write it; must not exist yet.
    pub dir: PathBuf,
}

/// xorshift64*: repeatable and dependency-free; quality is beside the point here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn id(&mut self, kind: Kind) -> RecordId {
        RecordId::from_random(kind, self.next().to_le_bytes())
    }
}

const VERBS: &[&str] = &[
    "Ship", "Review", "Draft", "Fix", "Migrate", "Document", "Test", "Plan",
];
const THINGS: &[&str] = &[
    "the billing export",
    "the onboarding guide",
    "the Q3 budget",
    "the search index",
    "the release notes",
    "the vendor contract",
    "the on-call rota",
    "the API rate limits",
    "the data retention policy",
    "the staging cluster",
    "the hiring plan",
    "the customer survey",
];
const REASONS: &[&str] = &[
    "waiting on legal review",
    "scope grew after the design review",
    "two people out sick",
    "the vendor slipped their delivery",
    "higher-priority incident",
    "needs sign-off from finance",
];

/// Something that happens to the ledger at a moment; each becomes one commit.
enum Op {
    Promise(usize),
    Reschedule(usize),
    Done(usize),
    Ask(usize),
    Accept(usize),
    Meeting(usize, Vec<usize>),
    Decide(usize, Option<usize>),
}

struct Gen {
    rng: Rng,
    handles: Vec<String>,
    people: People,
    records: Vec<Record>,
    out: Vec<u8>,
    commits: usize,
}

impl Gen {
    fn who(&mut self) -> String {
        let i = self.rng.below(self.handles.len());
        self.handles[i].clone()
    }
    fn what(&mut self) -> String {
        let v = VERBS[self.rng.below(VERBS.len())];
        let t = THINGS[self.rng.below(THINGS.len())];
        format!("{v} {t} (#{})", self.rng.below(10_000))
    }

    /// Appends one commit to the fast-import stream.
    fn commit(&mut self, at: i64, actor: &str, msg: &Message, files: &[usize]) {
        let p = self.people.get(actor).cloned().unwrap_or_default();
        let name = p.name.unwrap_or_else(|| actor.to_string());
        let email = p.email.unwrap_or_default();
        let text = msg.render();
        let o = &mut self.out;
        let _ = write!(
            o,
            "commit refs/heads/main\nauthor {name} <{email}> {at} +0000\n"
        );
        let _ = write!(
            o,
            "committer {name} <{email}> {at} +0000\ndata {}\n{text}\n",
            text.len()
        );
        for &i in files {
            let r = &self.records[i];
            let body = codec::render_record(r);
            let path = layout::record_path(r);
            let _ = write!(o, "M 100644 inline {path}\ndata {}\n{body}\n", body.len());
        }
        self.commits += 1;
    }
}

fn day_ts(d: NaiveDate, minute: i64) -> i64 {
    d.and_hms_opt(9, 0, 0).expect("valid").and_utc().timestamp() + minute * 60
}

/// Builds the ledger described by `args`.
pub fn run(args: Args, out: &mut dyn Write) -> Result<()> {
    if args.dir.exists() {
        return Err(Error::user(format!(
            "{} already exists",
            args.dir.display()
        )));
    }
    std::fs::create_dir_all(&args.dir)?;
    let git = |a: &[&str]| -> Result<()> {
        let s = Command::new("git")
            .arg("-C")
            .arg(&args.dir)
            .args(a)
            .stdout(Stdio::null())
            .status()?;
        if !s.success() {
            return Err(Error::env(format!("git {} failed", a.join(" "))));
        }
        Ok(())
    };
    git(&["init", "-q", "-b", "main"])?;
    let n = args.records.max(10);
    let mut g = Gen {
        rng: Rng(args.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
        handles: Vec::new(),
        people: People::default(),
        records: Vec::with_capacity(n),
        out: Vec::new(),
        commits: 0,
    };

    // People: teams of eight, each with a lead who reports to one director.
    let count = (n / 300).clamp(16, 400);
    let mut map = BTreeMap::new();
    for i in 0..count {
        let team = i / 8;
        let lead = format!("p{:03}", team * 8);
        let handle = format!("p{i:03}");
        let reports_to = if i % 8 != 0 {
            Some(lead)
        } else if i != 0 {
            Some("p000".into())
        } else {
            None
        };
        map.insert(
            handle.clone(),
            Person {
                name: Some(format!("Person {i}")),
                email: Some(format!("{handle}@example.com")),
                team: Some(format!("team-{team}")),
                reports_to,
                retired: None,
            },
        );
        g.handles.push(handle);
    }
    g.people = People { people: map };
    let start = NaiveDate::from_ymd_opt(2023, 3, 20).expect("valid");
    let days = 3 * 365;
    let t0 = day_ts(start, 0) - 3600;
    let init = Message::new(subject("Person 0", "starts", "the ledger", ""), "init");
    let text = init.render();
    let config = format!(
        "# ledger settings; see docs/format.md\n{}",
        codec::render(&Config::default())
    );
    let people = codec::render_people(&g.people);
    let _ = write!(g.out, "commit refs/heads/main\nauthor Person 0 <p000@example.com> {t0} +0000\ncommitter Person 0 <p000@example.com> {t0} +0000\ndata {}\n{text}\n", text.len());
    let _ = write!(
        g.out,
        "M 100644 inline {}\ndata {}\n{config}\n",
        layout::CONFIG_FILE,
        config.len()
    );
    let _ = write!(
        g.out,
        "M 100644 inline {}\ndata {}\n{people}\n",
        layout::PEOPLE_FILE,
        people.len()
    );

    // Plan: records are made evenly over three years; follow-ups are queued by time.
    let mut queue: BinaryHeap<Reverse<(i64, usize, usize)>> = BinaryHeap::new();
    let mut ops: Vec<Op> = Vec::new();
    let mut last_decision: Option<usize> = None;
    let push = |q: &mut BinaryHeap<_>, ops: &mut Vec<Op>, at: i64, op: Op| {
        ops.push(op);
        q.push(Reverse((at, ops.len() - 1, 0usize)));
    };
    let end = day_ts(start + Duration::days(days as i64 + 30), 0);
    let mut made = 0;
    while made < n {
        let day = start + Duration::days((made * days / n) as i64);
        let at = day_ts(day, (made % 480) as i64);
        let roll = g.rng.below(100);
        let i = g.records.len();
        if roll < 50 {
            let due = day + Duration::days(7 + g.rng.below(40) as i64);
            let c = Commitment::new(
                g.rng.id(Kind::Commitment),
                day,
                g.what(),
                g.who(),
                g.who(),
                due,
            );
            g.records.push(Record::Commitment(c));
            push(&mut queue, &mut ops, at, Op::Promise(i));
            made += 1;
        } else if roll < 70 {
            let a = Ask {
                id: g.rng.id(Kind::Ask),
                kind: Kind::Ask,
                status: Status::Open,
                date: day,
                what: g.what(),
                from: g.who(),
                to: g.who(),
                due: Some(day + Duration::days(14)),
                why: None,
                meeting: None,
                place: None,
                tags: vec![],
                commitment: None,
                decision: None,
                evidence: Vec::new(),
                notes: vec![],
                closed: None,
                closed_at: None,
                reason: None,
                source: None,
            };
            g.records.push(Record::Ask(a));
            push(&mut queue, &mut ops, at, Op::Ask(i));
            made += 1;
        } else if roll < 85 {
            let attendees: Vec<String> = (0..4).map(|_| g.who()).collect();
            let mid = g.rng.id(Kind::Meeting);
            let mut actions = Vec::new();
            for k in 0..2 {
                let what = g.what();
                let c = Commitment {
                    meeting: Some(mid.clone()),
                    ..Commitment::new(
                        g.rng.id(Kind::Commitment),
                        day,
                        what,
                        attendees[k].clone(),
                        attendees[3].clone(),
                        day + Duration::days(14),
                    )
                };
                actions.push(c);
            }
            let commitments = actions.iter().map(|c| c.id.clone()).collect();
            let m = Meeting {
                id: mid,
                kind: Kind::Meeting,
                status: Status::Held,
                date: day,
                title: format!("Weekly sync {}", g.rng.below(50)),
                attendees,
                place: None,
                tags: vec![],
                notes: Some("Went through the open items.".into()),
                decisions: vec![],
                commitments,
            };
            g.records.push(Record::Meeting(m));
            g.records
                .extend(actions.into_iter().map(Record::Commitment));
            push(&mut queue, &mut ops, at, Op::Meeting(i, vec![i + 1, i + 2]));
            made += 3;
        } else {
            let supersedes = last_decision.filter(|_| g.rng.chance(30));
            let d = Decision {
                id: g.rng.id(Kind::Decision),
                kind: Kind::Decision,
                status: Status::Active,
                date: day,
                statement: format!("We will {}", g.what().to_lowercase()),
                by: g.who(),
                compliance: false,
                rationale: Some("Agreed in review.".into()),
                meeting: None,
                place: None,
                evidence: vec![],
                tags: vec![],
                supersedes: None,
                superseded_by: None,
                answers: None,
                closed: None,
                closed_at: None,
                reason: None,
            };
            g.records.push(Record::Decision(d));
            push(&mut queue, &mut ops, at, Op::Decide(i, supersedes));
            last_decision = Some(i);
            made += 1;
        }
        // Follow-ups for what was just planned.
        let first = i;
        for j in first..g.records.len() {
            let r = &g.records[j];
            if let Record::Commitment(c) = r {
                let due = day_ts(c.due, 0);
                if g.rng.chance(45) {
                    push(&mut queue, &mut ops, due - 86_400, Op::Reschedule(j));
                }
                // Most promises are kept in a live programme: an open one is a current one or one
                // of the few that were dropped without a word (about one in twenty).
                if g.rng.chance(95) && due + 86_400 * 20 < end {
                    push(&mut queue, &mut ops, due + 86_400 * 12, Op::Done(j));
                }
            } else if let Record::Ask(_) = r {
                if g.rng.chance(90) {
                    push(&mut queue, &mut ops, at + 86_400 * 2, Op::Accept(j));
                }
            }
        }
    }

    while let Some(Reverse((at, k, _))) = queue.pop() {
        // An accepted ask makes a commitment, which is kept (or not) like any other.
        if let Some(j) = apply(&mut g, at, &ops[k]) {
            if let Record::Commitment(c) = &g.records[j] {
                let due = day_ts(c.due, 0);
                if g.rng.chance(95) && due + 86_400 * 20 < end {
                    push(&mut queue, &mut ops, due + 86_400 * 12, Op::Done(j));
                }
            }
        }
    }
    g.out.extend_from_slice(b"done\n");

    let mut child = Command::new("git")
        .arg("-C")
        .arg(&args.dir)
        .args(["fast-import", "--quiet", "--done"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    child.stdin.take().expect("piped").write_all(&g.out)?;
    if !child.wait()?.success() {
        return Err(Error::env("git fast-import failed"));
    }
    git(&["checkout", "-q", "-f", "main"])?;
    git(&["gc", "-q"])?;
    writeln!(
        out,
        "{} records, {} commits in {}",
        g.records.len(),
        g.commits + 1,
        args.dir.display()
    )?;
    Ok(())
}

/// Turns one planned event into a commit, updating the records it touches; returns a
/// commitment it made on the way (an accepted ask's).
fn apply(g: &mut Gen, at: i64, op: &Op) -> Option<usize> {
    let day =
        NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid") + Duration::days(at.div_euclid(86_400));
    match *op {
        Op::Promise(i) => {
            let Record::Commitment(c) = &g.records[i] else {
                return None;
            };
            let m = Message::new(
                subject(&c.by, "promises", c.id.as_str(), &c.what),
                "promise",
            )
            .record(&c.id);
            let by = c.by.clone();
            g.commit(at, &by, &m, &[i]);
        }
        Op::Reschedule(i) => {
            let reason = REASONS[g.rng.below(REASONS.len())];
            let extra = 7 + g.rng.below(21) as i64;
            let Record::Commitment(c) = &mut g.records[i] else {
                return None;
            };
            if c.status != Status::Open {
                return None;
            }
            let old = c.due;
            c.due = old + Duration::days(extra);
            c.reschedules.push(Reschedule {
                date: day,
                from: old,
                to: c.due,
                reason: reason.into(),
                by: Some(c.by.clone()),
                at: None,
            });
            let m = Message::new(
                subject(&c.by, "reschedules", c.id.as_str(), &c.what),
                "reschedule",
            )
            .record(&c.id)
            .trailer(key::REASON, reason)
            .trailer(key::DUE, format!("{old} -> {}", c.due));
            let by = c.by.clone();
            g.commit(at, &by, &m, &[i]);
        }
        Op::Done(i) => {
            let Record::Commitment(c) = &mut g.records[i] else {
                return None;
            };
            if c.status != Status::Open || day < c.date {
                return None;
            }
            c.status = Status::Done;
            c.closed = Some(day);
            let m = Message::new(subject(&c.by, "completes", c.id.as_str(), &c.what), "done")
                .record(&c.id);
            let by = c.by.clone();
            g.commit(at, &by, &m, &[i]);
        }
        Op::Ask(i) => {
            let Record::Ask(a) = &g.records[i] else {
                return None;
            };
            let m =
                Message::new(subject(&a.from, "asks", a.id.as_str(), &a.what), "ask").record(&a.id);
            let from = a.from.clone();
            g.commit(at, &from, &m, &[i]);
        }
        Op::Accept(i) => {
            // The accepted ask becomes a new commitment; it counts beyond the N records asked for.
            let Record::Ask(a) = &g.records[i] else {
                return None;
            };
            let cid = g.rng.id(Kind::Commitment);
            let c = Commitment {
                ask: Some(a.id.clone()),
                ..Commitment::new(
                    cid.clone(),
                    day,
                    a.what.clone(),
                    a.to.clone(),
                    a.from.clone(),
                    day + Duration::days(10),
                )
            };
            let m = Message::new(subject(&a.to, "accepts", a.id.as_str(), &a.what), "accept")
                .record(&cid)
                .trailer(key::ID, a.id.as_str())
                .trailer(key::ASK, a.id.as_str());
            let by = a.to.clone();
            if let Record::Ask(a) = &mut g.records[i] {
                a.status = Status::Accepted;
                a.commitment = Some(cid);
                a.closed = Some(day);
            }
            g.records.push(Record::Commitment(c));
            let j = g.records.len() - 1;
            g.commit(at, &by, &m, &[i, j]);
            return Some(j);
        }
        Op::Meeting(i, ref actions) => {
            let Record::Meeting(mt) = &g.records[i] else {
                return None;
            };
            let mut m = Message::new(
                subject(&mt.attendees[0], "records", mt.id.as_str(), &mt.title),
                "meeting",
            )
            .record(&mt.id);
            for &a in actions {
                m = m.trailer(key::ID, g.records[a].id().as_str());
            }
            let who = mt.attendees[0].clone();
            let mut files = vec![i];
            files.extend(actions);
            g.commit(at, &who, &m, &files);
        }
        Op::Decide(i, sup) => {
            let old_id = sup.map(|s| g.records[s].id().clone());
            let Record::Decision(d) = &mut g.records[i] else {
                return None;
            };
            d.supersedes = old_id;
            let new_id = d.id.clone();
            let mut m = Message::new(
                subject(&d.by, "decides", d.id.as_str(), &d.statement),
                "decide",
            )
            .record(&d.id);
            let by = d.by.clone();
            let mut files = vec![i];
            if let Some(s) = sup {
                if let Record::Decision(old) = &mut g.records[s] {
                    old.status = Status::Superseded;
                    old.superseded_by = Some(new_id);
                    old.closed = Some(day);
                    m = m
                        .trailer(key::ID, old.id.as_str())
                        .trailer(key::SUPERSEDES, old.id.as_str());
                }
                files.push(s);
            }
            g.commit(at, &by, &m, &files);
        }
    };
    None
}

fn main() -> std::process::ExitCode {
    let args = <Args as clap::Parser>::parse();
    let mut out = std::io::stdout().lock();
    match run(args, &mut out) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.message);
            if let Some(h) = &e.hint {
                eprintln!("hint: {h}");
            }
            std::process::ExitCode::from(e.fault.exit_code() as u8)
        }
    }
}
