//! Email drafts (`--eml`): an RFC 5322 message with a plain-text and an HTML part, for any mail
//! program to open and send. Built with lettre's message builder, which encodes every header
//! (RFC 2047) and folds long lines, so record text cannot add a header. The same ledger and day
//! give the same bytes: the date, the message id and the MIME boundary come from the content.

use chrono::NaiveDate;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use sha1::{Digest, Sha1};

use crate::query::person::PersonRef;
use crate::text::one_line;

/// What a draft holds.
pub struct Draft<'a> {
    /// The sender: the git identity's name and email.
    pub from: (Option<String>, String),
    pub to: &'a [PersonRef],
    pub cc: &'a [PersonRef],
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
    /// The day it is written (the `Date:` header, at 00:00 UTC).
    pub date: NaiveDate,
}

/// The message, and the recipients it could not address.
pub struct Built {
    pub bytes: Vec<u8>,
    /// Handles left out, with why ("no email in the people file", "email x is not valid").
    pub left_out: Vec<(String, String)>,
}

/// Why a draft could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("the sender's email {0:?} is not a valid address")]
    Sender(String),
    #[error("the draft could not be built: {0}")]
    Build(String),
}

/// Header text on one line: lettre encodes what it is given, but a line break in a header
/// value makes it fail (and could never be meant), so runs of white space become one space.
fn header_text(s: &str) -> String {
    one_line(s, 200)
}

fn mailbox(p: &PersonRef) -> Result<Mailbox, String> {
    let email = p
        .email
        .as_deref()
        .ok_or_else(|| "no email in the people file".to_string())?;
    let addr: Address = email
        .parse()
        .map_err(|_| format!("the email {email:?} is not a valid address"))?;
    Ok(Mailbox::new(p.name.as_deref().map(header_text), addr))
}

/// Builds the draft.
pub fn build(d: &Draft<'_>) -> Result<Built, DraftError> {
    let from_addr: Address = d
        .from
        .1
        .parse()
        .map_err(|_| DraftError::Sender(d.from.1.clone()))?;
    let from = Mailbox::new(d.from.0.as_deref().map(header_text), from_addr.clone());
    let subject = header_text(d.subject);
    let mut hash = Sha1::new();
    for part in [d.subject, d.text, d.html, &d.date.to_string()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let mut b = Message::builder()
        .from(from)
        .subject(subject)
        .date(
            d.date
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().into())
                .unwrap_or(std::time::UNIX_EPOCH),
        )
        .message_id(Some(format!("<{}@ledger.invalid>", &digest[..32])))
        .user_agent("ledger".into())
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Unsent"),
            "1".into(),
        ));
    let mut left_out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (list, cc) in [(d.to, false), (d.cc, true)] {
        for p in list {
            if seen.contains(&p.handle) {
                continue;
            }
            seen.push(p.handle.clone());
            match mailbox(p) {
                Ok(m) if cc => b = b.cc(m),
                Ok(m) => b = b.to(m),
                Err(why) => left_out.push((p.handle.clone(), why)),
            }
        }
    }
    // A draft may have no recipient yet; the envelope (never written out) needs one.
    let envelope = lettre::address::Envelope::new(Some(from_addr.clone()), vec![from_addr])
        .map_err(|e| DraftError::Build(e.to_string()))?;
    let body = MultiPart::alternative()
        .boundary(format!("ledger-{}", &digest[..24]))
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(d.text.to_string()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(d.html.to_string()),
        );
    let message = b
        .envelope(envelope)
        .multipart(body)
        .map_err(|e| DraftError::Build(e.to_string()))?;
    Ok(Built {
        bytes: message.formatted(),
        left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    fn person(handle: &str, name: &str, email: &str) -> PersonRef {
        PersonRef {
            handle: handle.into(),
            name: Some(name.into()),
            email: Some(email.into()),
        }
    }

    #[test]
    fn line_breaks_and_non_ascii_are_encoded_never_passed_through() {
        let to = [person(
            "zoe",
            "Zoë\r\nBcc: evil@example.com",
            "zoe@example.com",
        )];
        let cc = [person("x", "X", "not an address")];
        let built = build(&Draft {
            from: (Some("Grâce".into()), "grace@example.com".into()),
            to: &to,
            cc: &cc,
            subject: "Minutes\r\nBcc: evil@example.com",
            text: "body",
            html: "<p>body</p>",
            date: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
        })
        .unwrap();
        let raw = String::from_utf8_lossy(&built.bytes);
        let headers = raw.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        assert!(!headers.contains("\r\nbcc:"), "{headers}");
        let m = MessageParser::default().parse(&built.bytes).unwrap();
        assert!(m.bcc().is_none());
        assert_eq!(m.subject(), Some("Minutes Bcc: evil@example.com"));
        let name = m.to().unwrap().first().unwrap().name().unwrap().to_string();
        assert_eq!(name, "Zoë Bcc: evil@example.com");
        assert_eq!(built.left_out.len(), 1);
        assert!(built.left_out[0].1.contains("not a valid address"));
    }
}
