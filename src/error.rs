//! The library's error: what went wrong, whose fault it is (decides the exit code), and a hint.

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

/// An error from the ledger library.
#[derive(Debug, thiserror::Error)]
pub struct Error {
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
    /// An error in what the user asked for.
    pub fn user(message: impl Into<String>) -> Error {
        Error {
            fault: Fault::User,
            message: message.into(),
            hint: None,
            io_kind: None,
        }
    }

    /// An error in the ledger's data.
    pub fn data(message: impl Into<String>) -> Error {
        Error {
            fault: Fault::Data,
            message: message.into(),
            hint: None,
            io_kind: None,
        }
    }

    /// An error from the repository or the environment.
    pub fn env(message: impl Into<String>) -> Error {
        Error {
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

    /// Adds what to do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }
}

impl From<git2::Error> for Error {
    fn from(e: git2::Error) -> Error {
        Error::env(format!("git: {}", e.message()))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        let mut err = Error::env(format!("i/o: {e}"));
        err.io_kind = Some(e.kind());
        err
    }
}

impl From<crate::model::actions::Refusal> for Error {
    fn from(e: crate::model::actions::Refusal) -> Error {
        Error::user(e.0)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
