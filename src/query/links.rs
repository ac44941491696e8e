//! Where a record can be opened by someone who was sent it: its page on the published site when
//! `ledger.yaml` names one (`site:`), else its file on the git host (GitHub, GitLab, Bitbucket
//! style remotes) at the commit read, else nowhere (the id alone is shown).

use crate::model::RecordId;
use crate::store::config::Config;
use crate::store::remote;
use crate::store::Ledger;

/// How records are linked for one answer.
#[derive(Clone, Debug, Default)]
pub struct Links {
    site: Option<String>,
    host: Option<remote::CommitLinks>,
    commit: Option<String>,
    prefix: String,
}

impl Links {
    /// The links for `ledger` as read at `commit`, with its settings.
    pub fn new(ledger: &Ledger, commit: Option<String>, settings: &Config) -> Links {
        let site = settings
            .site
            .as_deref()
            .map(|s| s.trim().trim_end_matches('/').to_string())
            .filter(|s| s.starts_with("https://") || s.starts_with("http://"));
        Links {
            site,
            host: remote::commit_links(ledger),
            commit,
            prefix: ledger.prefix.clone(),
        }
    }

    /// The address of record `id`, whose file is `path` (relative to the ledger's root).
    pub fn record(&self, id: &RecordId, path: &str) -> Option<String> {
        if let Some(site) = &self.site {
            return Some(format!("{site}/records/{id}.html"));
        }
        let (host, commit) = (self.host.as_ref()?, self.commit.as_ref()?);
        host.file_link(commit, &format!("{}{path}", self.prefix))
    }
}
