//! The library's error: what went wrong, what kind of failure it is (for a front end to match
//! on), whose fault it is (decides the exit code), and a hint.

use std::fmt;

/// Whose fault an error is; each maps to a documented exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Bad arguments, unknown id, invalid date, a refused change: exit 1.
    User,
    /// The ledger's data is invalid or unreadable: exit 2.
    Data,
    /// The repository or the environment stopped the command (lock timeout, git failure,
    /// a remote that rewrote history): exit 4.
    Environment,
}

impl Fault {
    /// The process exit code for this fault.
    pub fn exit_code(self) -> i32 {
        match self {
            Fault::User => 1,
            Fault::Data => 2,
            Fault::Environment => 4,
        }
    }
}

/// What kind of failure an error is, so a front end can react without reading the message:
/// offer a longer id, retry after a lock, show the file that needs fixing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No record matches the id (or id prefix) given.
    NotFound,
    /// An id prefix matches more than one record.
    AmbiguousId,
    /// A file the change writes has uncommitted edits, which are never written over.
    DirtyFile,
    /// A lock (ledger's own, git's index or the branch's) stayed held past the time limit.
    LockTimeout,
    /// The branch moved under the change (another commit touched what it writes); running the
    /// command again is safe.
    BranchMoved,
    /// The record changed since it was read for an edit, which is not committed over it.
    ChangedMeanwhile,
    /// A record file (or the people file) does not parse or is not valid.
    InvalidRecord,
    /// The remote's history was rewritten: commits this clone saw there are gone.
    RemoteMoved,
    /// The change makes no sense for the record or the repository's state (done on a
    /// decision, a detached HEAD, a merge in progress, a file over the size limit).
    Refused,
    /// An I/O error (a closed pipe among them).
    Io,
    /// An error from libgit2.
    Git,
    /// What was typed is not valid: a date, a handle, a flag's value, a form's field. The
    /// kind of every user error that names no other.
    InvalidInput,
    /// Anything not named above.
    Other,
}

/// An error from the ledger library.
#[derive(Debug, thiserror::Error)]
pub struct Error {
    /// What kind of failure it is.
    pub kind: ErrorKind,
    /// Whose fault it is.
    pub fault: Fault,
    /// What went wrong, naming the file, field or value.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The kind of the I/O error this came from, so a closed pipe can end quietly.
    pub(crate) io_kind: Option<std::io::ErrorKind>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error {
    /// An error in what the user asked for (of kind `InvalidInput` unless `of_kind` says
    /// otherwise).
    pub fn user(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InvalidInput,
            fault: Fault::User,
            message: message.into(),
            hint: None,
            io_kind: None,
        }
    }

    /// An error in the ledger's data (of kind `InvalidRecord` unless `of_kind` says otherwise).
    pub fn data(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InvalidRecord,
            fault: Fault::Data,
            message: message.into(),
            hint: None,
            io_kind: None,
        }
    }

    /// An error from the repository or the environment.
    pub fn env(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Other,
            fault: Fault::Environment,
            message: message.into(),
            hint: None,
            io_kind: None,
        }
    }

    /// True when the reader of our output went away (`ledger list | head -1`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        self.io_kind == Some(std::io::ErrorKind::BrokenPipe)
    }

    /// Says what kind of failure this is.
    pub fn of_kind(mut self, kind: ErrorKind) -> Error {
        self.kind = kind;
        self
    }

    /// Adds what to do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }
}

impl From<git2::Error> for Error {
    fn from(e: git2::Error) -> Error {
        Error::env(format!("git: {}", e.message())).of_kind(ErrorKind::Git)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        let mut err = Error::env(format!("i/o: {e}")).of_kind(ErrorKind::Io);
        err.io_kind = Some(e.kind());
        err
    }
}

impl From<crate::model::actions::Refusal> for Error {
    fn from(e: crate::model::actions::Refusal) -> Error {
        Error::user(e.0).of_kind(ErrorKind::Refused)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_set_by_the_constructors_and_kept_by_the_hint() {
        assert_eq!(Error::user("x").kind, ErrorKind::InvalidInput);
        assert_eq!(Error::data("x").kind, ErrorKind::InvalidRecord);
        assert_eq!(Error::env("x").kind, ErrorKind::Other);
        let e = Error::env("held")
            .of_kind(ErrorKind::LockTimeout)
            .hint("wait");
        assert_eq!(
            (e.kind, e.fault),
            (ErrorKind::LockTimeout, Fault::Environment)
        );
        let io: Error = std::io::Error::from(std::io::ErrorKind::BrokenPipe).into();
        assert!(io.kind == ErrorKind::Io && io.is_broken_pipe());
        let refused: Error = crate::model::actions::Refusal("no".into()).into();
        assert_eq!(refused.kind, ErrorKind::Refused);
    }
}
