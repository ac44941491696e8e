//! A compact binary form of records for the cache: lengths and bytes, no field names, so reading
//! 100,000 records back costs their allocations and little else (JSON took three times longer).
//! Every struct is taken apart without `..`, so a field added to the format fails to compile here
//! rather than silently vanishing from cached records.

use chrono::{Datelike, NaiveDate};

use crate::model::{
    Ask, Blocker, Commitment, Decision, Kind, Meeting, Note, Record, RecordId, Reschedule, Stamp,
    Status,
};

/// Appends `record` to `out`.
pub fn encode(record: &Record, out: &mut Vec<u8>) {
    let mut w = W(out);
    match record {
        Record::Ask(a) => {
            let Ask {
                id,
                kind: _,
                status,
                date,
                what,
                from,
                to,
                due,
                why,
                meeting,
                place,
                tags,
                commitment,
                decision,
                notes,
                evidence,
                closed,
                closed_at,
                reason,
                source,
            } = a;
            w.id(id);
            w.status(*status);
            w.date(*date);
            w.str(what);
            w.str(from);
            w.str(to);
            w.opt_date(*due);
            w.opt_str(why);
            w.opt_id(meeting);
            w.opt_str(place);
            w.strs(tags);
            w.opt_id(commitment);
            w.notes(notes);
            w.opt_date(*closed);
            w.stamp(closed_at);
            w.opt_str(reason);
            w.opt_str(source);
            // Added after the rest: written only when set (see `W::tail`).
            if decision.is_some() || !evidence.is_empty() {
                w.opt_id(decision);
                w.strs(evidence);
            }
        }
        Record::Commitment(c) => {
            let Commitment {
                id,
                kind: _,
                status,
                date,
                what,
                by,
                to,
                due,
                meeting,
                ask,
                place,
                tags,
                blocked,
                reschedules,
                notes,
                evidence,
                closed,
                closed_at,
                reason,
                source,
                series,
                every,
                series_ended,
            } = c;
            w.id(id);
            w.status(*status);
            w.date(*date);
            w.str(what);
            w.str(by);
            w.str(to);
            w.date(*due);
            w.opt_id(meeting);
            w.opt_id(ask);
            w.opt_str(place);
            w.strs(tags);
            match blocked {
                None => w.u32(0),
                Some(Blocker { since, on, reason }) => {
                    w.u32(1);
                    w.date(*since);
                    w.opt_id(on);
                    w.opt_str(reason);
                }
            }
            w.u32(reschedules.len() as u32);
            for Reschedule {
                date,
                from,
                to,
                reason,
                by,
                at,
            } in reschedules
            {
                w.date(*date);
                w.date(*from);
                w.date(*to);
                w.str(reason);
                w.opt_str(by);
                w.stamp(at);
            }
            w.notes(notes);
            w.opt_date(*closed);
            w.stamp(closed_at);
            w.opt_str(reason);
            w.opt_str(source);
            // Added after the rest, each group only when it or a later one is set (see `W::tail`).
            let recurs = series.is_some() || every.is_some() || *series_ended;
            if !evidence.is_empty() || recurs {
                w.strs(evidence);
            }
            if recurs {
                w.opt_id(series);
                w.opt_str(&every.map(|e| e.as_str().to_string()));
                w.u32(u32::from(*series_ended));
            }
        }
        Record::Meeting(m) => {
            let Meeting {
                id,
                kind: _,
                status,
                date,
                title,
                attendees,
                place,
                tags,
                notes,
                decisions,
                commitments,
            } = m;
            w.id(id);
            w.status(*status);
            w.date(*date);
            w.str(title);
            w.strs(attendees);
            w.opt_str(place);
            w.strs(tags);
            w.opt_str(notes);
            w.ids(decisions);
            w.ids(commitments);
        }
        Record::Decision(d) => {
            let Decision {
                id,
                kind: _,
                status,
                date,
                statement,
                by,
                compliance,
                rationale,
                meeting,
                place,
                evidence,
                tags,
                supersedes,
                superseded_by,
                answers,
                closed,
                closed_at,
                reason,
            } = d;
            w.id(id);
            w.status(*status);
            w.date(*date);
            w.str(statement);
            w.str(by);
            w.u32(u32::from(*compliance));
            w.opt_str(rationale);
            w.opt_id(meeting);
            w.opt_str(place);
            w.strs(evidence);
            w.strs(tags);
            w.opt_id(supersedes);
            w.opt_id(superseded_by);
            w.opt_date(*closed);
            w.stamp(closed_at);
            w.opt_str(reason);
            w.tail_id(answers);
        }
    }
}

/// Reads a record of `kind` back; `None` if the bytes are not one (a damaged cache).
pub fn decode(kind: Kind, bytes: &[u8]) -> Option<Record> {
    let mut r = R { buf: bytes, at: 0 };
    let record = match kind {
        Kind::Ask => Record::Ask({
            let mut a = Ask {
                id: r.id()?,
                kind,
                status: r.status()?,
                date: r.date()?,
                what: r.str()?,
                from: r.str()?,
                to: r.str()?,
                due: r.opt_date()?,
                why: r.opt_str()?,
                meeting: r.opt_id()?,
                place: r.opt_str()?,
                tags: r.strs()?,
                commitment: r.opt_id()?,
                notes: r.notes()?,
                closed: r.opt_date()?,
                closed_at: r.stamp()?,
                reason: r.opt_str()?,
                source: r.opt_str()?,
                decision: None,
                evidence: Vec::new(),
            };
            if r.more() {
                a.decision = r.opt_id()?;
                a.evidence = r.strs()?;
            }
            a
        }),
        Kind::Commitment => Record::Commitment({
            let mut c = Commitment {
                id: r.id()?,
                kind,
                status: r.status()?,
                date: r.date()?,
                what: r.str()?,
                by: r.str()?,
                to: r.str()?,
                due: r.date()?,
                meeting: r.opt_id()?,
                ask: r.opt_id()?,
                place: r.opt_str()?,
                tags: r.strs()?,
                blocked: match r.u32()? {
                    0 => None,
                    _ => Some(Blocker {
                        since: r.date()?,
                        on: r.opt_id()?,
                        reason: r.opt_str()?,
                    }),
                },
                reschedules: {
                    let n = r.count()?;
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        v.push(Reschedule {
                            date: r.date()?,
                            from: r.date()?,
                            to: r.date()?,
                            reason: r.str()?,
                            by: r.opt_str()?,
                            at: r.stamp()?,
                        });
                    }
                    v
                },
                notes: r.notes()?,
                closed: r.opt_date()?,
                closed_at: r.stamp()?,
                reason: r.opt_str()?,
                source: r.opt_str()?,
                evidence: Vec::new(),
                series: None,
                every: None,
                series_ended: false,
            };
            if r.more() {
                c.evidence = r.strs()?;
            }
            if r.more() {
                c.series = r.opt_id()?;
                c.every = match r.opt_str()? {
                    Some(e) => Some(crate::model::recur::Every::parse(&e).ok()?),
                    None => None,
                };
                c.series_ended = r.u32()? != 0;
            }
            c
        }),
        Kind::Meeting => Record::Meeting(Meeting {
            id: r.id()?,
            kind,
            status: r.status()?,
            date: r.date()?,
            title: r.str()?,
            attendees: r.strs()?,
            place: r.opt_str()?,
            tags: r.strs()?,
            notes: r.opt_str()?,
            decisions: r.ids()?,
            commitments: r.ids()?,
        }),
        Kind::Decision => Record::Decision(Decision {
            id: r.id()?,
            kind,
            status: r.status()?,
            date: r.date()?,
            statement: r.str()?,
            by: r.str()?,
            compliance: r.u32()? != 0,
            rationale: r.opt_str()?,
            meeting: r.opt_id()?,
            place: r.opt_str()?,
            evidence: r.strs()?,
            tags: r.strs()?,
            supersedes: r.opt_id()?,
            superseded_by: r.opt_id()?,
            closed: r.opt_date()?,
            closed_at: r.stamp()?,
            reason: r.opt_str()?,
            answers: r.tail_id()?,
        }),
    };
    (r.at == bytes.len()).then_some(record)
}

struct W<'a>(&'a mut Vec<u8>);

impl W<'_> {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: &Option<String>) {
        match s {
            None => self.u32(u32::MAX),
            Some(s) => self.str(s),
        }
    }
    fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        v.iter().for_each(|s| self.str(s));
    }
    fn id(&mut self, id: &RecordId) {
        self.str(id.as_str());
    }
    fn opt_id(&mut self, id: &Option<RecordId>) {
        self.opt_str(&id.as_ref().map(|i| i.as_str().to_string()));
    }
    /// A link added to the format after the rest (the ask a decision answers): written last and
    /// only when set, so every record without it encodes exactly as before and the golden
    /// values (and caches of records without it) still hold. An ask's tail (its decision and
    /// evidence) and a commitment's (its evidence) follow the same rule, all of the tail or none.
    fn tail_id(&mut self, id: &Option<RecordId>) {
        if let Some(id) = id {
            self.id(id);
        }
    }
    fn ids(&mut self, v: &[RecordId]) {
        self.u32(v.len() as u32);
        v.iter().for_each(|i| self.id(i));
    }
    fn status(&mut self, s: Status) {
        self.u32(u32::from(s.code()));
    }
    fn date(&mut self, d: NaiveDate) {
        self.u32(d.num_days_from_ce() as u32);
    }
    fn opt_date(&mut self, d: Option<NaiveDate>) {
        match d {
            None => self.u32(u32::MAX),
            Some(d) => self.date(d),
        }
    }
    fn notes(&mut self, v: &[Note]) {
        self.u32(v.len() as u32);
        for Note { date, by, text, at } in v {
            self.date(*date);
            self.opt_str(by);
            self.str(text);
            self.stamp(at);
        }
    }
    fn stamp(&mut self, s: &Option<Stamp>) {
        self.opt_str(&s.map(|s| s.to_string()));
    }
}

struct R<'a> {
    buf: &'a [u8],
    at: usize,
}

impl R<'_> {
    fn u32(&mut self) -> Option<u32> {
        let b = self.buf.get(self.at..self.at + 4)?;
        self.at += 4;
        Some(u32::from_le_bytes(b.try_into().ok()?))
    }
    fn count(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.buf.len()).then_some(n)
    }
    fn bytes(&mut self, n: usize) -> Option<&str> {
        let b = self.buf.get(self.at..self.at + n)?;
        self.at += n;
        std::str::from_utf8(b).ok()
    }
    fn str(&mut self) -> Option<String> {
        let n = self.count()?;
        self.bytes(n).map(str::to_string)
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        let n = self.u32()?;
        if n == u32::MAX {
            return Some(None);
        }
        self.bytes(n as usize).map(|s| Some(s.to_string()))
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn id(&mut self) -> Option<RecordId> {
        RecordId::parse(&self.str()?).ok()
    }
    fn opt_id(&mut self) -> Option<Option<RecordId>> {
        match self.opt_str()? {
            None => Some(None),
            Some(s) => RecordId::parse(&s).ok().map(Some),
        }
    }
    /// The counterpart of `W::tail_id`: an id when bytes are left, else none.
    fn tail_id(&mut self) -> Option<Option<RecordId>> {
        if !self.more() {
            return Some(None);
        }
        self.id().map(Some)
    }
    /// Whether bytes are left: a record's tail of fields added after the rest is there.
    fn more(&self) -> bool {
        self.at < self.buf.len()
    }
    fn ids(&mut self) -> Option<Vec<RecordId>> {
        let n = self.count()?;
        (0..n).map(|_| self.id()).collect()
    }
    fn status(&mut self) -> Option<Status> {
        Status::from_code(u8::try_from(self.u32()?).ok()?)
    }
    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.u32()? as i32)
    }
    fn opt_date(&mut self) -> Option<Option<NaiveDate>> {
        let n = self.u32()?;
        if n == u32::MAX {
            return Some(None);
        }
        NaiveDate::from_num_days_from_ce_opt(n as i32).map(Some)
    }
    fn stamp(&mut self) -> Option<Option<Stamp>> {
        match self.opt_str()? {
            None => Some(None),
            Some(s) => Stamp::parse(&s).ok().map(Some),
        }
    }
    fn notes(&mut self) -> Option<Vec<Note>> {
        let n = self.count()?;
        (0..n)
            .map(|_| {
                Some(Note {
                    date: self.date()?,
                    by: self.opt_str()?,
                    text: self.str()?,
                    at: self.stamp()?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;

    const TEXTS: [(Kind, &str); 4] = [
            (Kind::Ask, "id: ask-0123456789ab\nkind: ask\nstatus: open\ndate: 2026-03-01\nwhat: Send the plan\nfrom: alice\nto: bob\ndue: 2026-03-10\nwhy: budget\ntags: [x, y]\nnotes:\n- date: 2026-03-02\n  by: bob\n  text: started\n  at: 2026-03-02T09:15:00+01:00\n"),
            (Kind::Commitment, "id: com-0123456789ab\nkind: commitment\nstatus: open\ndate: 2026-03-01\nwhat: Ship it\nby: bob\nto: alice\ndue: 2026-03-20\nask: ask-0123456789ab\nblocked:\n  since: 2026-03-05\n  reason: legal\nreschedules:\n- date: 2026-03-04\n  from: 2026-03-10\n  to: 2026-03-20\n  reason: scope\n  by: bob\n"),
            (Kind::Meeting, "id: mtg-0123456789ab\nkind: meeting\nstatus: held\ndate: 2026-03-01\ntitle: Sync\nattendees: [alice, bob]\nnotes: went well\ncommitments: [com-0123456789ab]\n"),
            (Kind::Decision, "id: dec-0123456789ab\nkind: decision\nstatus: superseded\ndate: 2026-03-01\nstatement: Use X\nby: alice\ncompliance: true\nsuperseded_by: dec-0123456789ac\nclosed: 2026-03-03\nclosed_at: 2026-03-03T17:00:05-05:00\n"),
        ];

    #[test]
    fn every_kind_round_trips() {
        for (kind, text) in TEXTS {
            let record = codec::parse_record(kind, text.as_bytes()).unwrap();
            let mut bytes = Vec::new();
            encode(&record, &mut bytes);
            assert_eq!(decode(kind, &bytes), Some(record));
            assert_eq!(decode(kind, &bytes[..bytes.len() - 1]), None);
        }
    }

    #[test]
    fn fields_added_later_round_trip_as_a_tail_that_records_without_them_never_carry() {
        let ev = "evidence:\n- https://x.example/1\n";
        for (kind, text, tail, added) in [
            (Kind::Ask, "id: ask-0123456789ab\nkind: ask\nstatus: answered\ndate: 2026-03-01\nwhat: Q\nfrom: alice\nto: bob\ndecision: dec-0123456789ab\nclosed: 2026-03-02\n", "decision: dec-0123456789ab\n", 4 + 16 + 4),
            (Kind::Ask, "id: ask-0123456789ab\nkind: ask\nstatus: declined\ndate: 2026-03-01\nwhat: Q\nfrom: alice\nto: bob\nevidence:\n- https://x.example/1\nclosed: 2026-03-02\nreason: no\n", ev, 4 + 4 + 4 + 19),
            (Kind::Commitment, "id: com-0123456789ab\nkind: commitment\nstatus: done\ndate: 2026-03-01\nwhat: Q\nby: alice\nto: bob\ndue: 2026-03-05\nevidence:\n- https://x.example/1\nclosed: 2026-03-02\n", ev, 4 + 4 + 19),
            (Kind::Decision, "id: dec-0123456789ab\nkind: decision\nstatus: active\ndate: 2026-03-02\nstatement: A\nby: bob\nanswers: ask-0123456789ab\n", "answers: ask-0123456789ab\n", 4 + 16),
        ] {
            let record = codec::parse_record(kind, text.as_bytes()).unwrap();
            let mut bytes = Vec::new();
            encode(&record, &mut bytes);
            assert_eq!(decode(kind, &bytes), Some(record.clone()));
            assert_eq!(decode(kind, &bytes[..bytes.len() - 1]), None);
            let plain = codec::parse_record(kind, text.replace(tail, "").as_bytes()).unwrap();
            let mut short = Vec::new();
            encode(&plain, &mut short);
            assert_eq!(short.len() + added, bytes.len(), "only the tail is added: {text}");
        }
    }

    /// The bytes the cache stores for these records, pinned together with the schema version:
    /// an encoding that changes without `SCHEMA_VERSION` changing fails here, so an old cache can
    /// never be read with a new meaning. When you change the encoding on purpose, bump
    /// `history::cache::SCHEMA_VERSION` and put the new checksum here.
    #[test]
    fn the_encoding_is_pinned_to_the_schema_version() {
        let mut all = Vec::new();
        for (kind, text) in TEXTS {
            let record = codec::parse_record(kind, text.as_bytes()).unwrap();
            all.push(kind.code());
            encode(&record, &mut all);
        }
        let sum = format!("{:016x}", crate::history::index::checksum(&all));
        assert_eq!(
            (
                crate::history::cache::SCHEMA_VERSION,
                all.len(),
                sum.as_str()
            ),
            (6, GOLDEN_LEN, GOLDEN_SUM),
            "the cache encoding changed: bump SCHEMA_VERSION and update the golden values"
        );
        // Statuses and kinds are stored as these explicit numbers, whatever order lists have.
        let codes: Vec<u8> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        let kinds: Vec<(Kind, u8)> = Kind::ALL.iter().map(|k| (*k, k.code())).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Commitment, 1),
                (Kind::Ask, 0),
                (Kind::Decision, 3),
                (Kind::Meeting, 2)
            ]
        );
    }

    const GOLDEN_LEN: usize = 580;
    const GOLDEN_SUM: &str = "8b3b6b7d7d34cd3e";
}
