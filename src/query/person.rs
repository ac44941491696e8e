//! A person as an answer names them: handle, and the name and email the people file has.

use serde::Serialize;

use crate::model::People;

/// A person as a message names them: handle, name and email when the people file has them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    /// The handle ("" when only a git author name is known).
    pub handle: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

impl PersonRef {
    /// `handle` as the people file knows them.
    pub fn of(people: &People, handle: &str) -> PersonRef {
        let p = people.get(handle);
        PersonRef {
            handle: handle.to_string(),
            name: p.and_then(|p| p.name.clone()),
            email: p.and_then(|p| p.email.clone()),
        }
    }

    /// Someone known only by a git author name.
    pub fn author(name: &str) -> PersonRef {
        PersonRef {
            handle: String::new(),
            name: Some(name.to_string()),
            email: None,
        }
    }

    /// Their name, or their handle when the people file has no name.
    pub fn called(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.handle)
    }
}
