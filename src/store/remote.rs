//! Links to commits on the git host the ledger is shared through, so a receipt in a memo can be
//! clicked. Read from the `origin` remote, or from `git config ledger.commitUrl` for any other host.

use super::Ledger;

/// The git config key naming a commit URL pattern, with `{commit}` where the id goes.
pub const COMMIT_URL_KEY: &str = "ledger.commitUrl";

/// A commit URL pattern: `{commit}` stands for the full commit id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitLinks(String);

impl CommitLinks {
    /// The link to `commit`.
    pub fn link(&self, commit: &str) -> String {
        self.0.replace("{commit}", commit)
    }

    /// The link to the file at `path` (from the repository's root) as of `commit`, on a host
    /// whose commit pages this pattern knows; none for a custom `ledger.commitUrl`.
    pub fn file_link(&self, commit: &str, path: &str) -> Option<String> {
        let path: String = path
            .split('/')
            .map(|seg| {
                seg.chars()
                    .map(|c| match c {
                        'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c.to_string(),
                        c => c.to_string().bytes().map(|b| format!("%{b:02X}")).collect(),
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("/");
        let file = [
            ("/-/commit/{commit}", "/-/blob/"),
            ("/commit/{commit}", "/blob/"),
            ("/commits/{commit}", "/src/"),
        ]
        .iter()
        .find_map(|(from, to)| {
            let base = self.0.strip_suffix(from)?;
            Some(format!("{base}{to}{commit}/{path}"))
        })?;
        Some(file)
    }
}

/// The pattern for this ledger: `ledger.commitUrl` when set (it must be an https URL holding
/// `{commit}`), else one derived from the `origin` remote on a known host, else none.
pub fn commit_links(ledger: &Ledger) -> Option<CommitLinks> {
    if let Ok(cfg) = ledger.repo.config() {
        if let Ok(p) = cfg.get_string(COMMIT_URL_KEY) {
            let p = p.trim();
            if p.starts_with("https://") && p.contains("{commit}") {
                return Some(CommitLinks(p.to_string()));
            }
        }
    }
    let remote = ledger.repo.find_remote("origin").ok()?;
    from_remote_url(remote.url()?)
}

/// The pattern for a remote URL on github.com, gitlab.com or bitbucket.org, in any of the forms
/// git accepts (https, ssh://, scp-like `git@host:owner/repo.git`).
pub fn from_remote_url(url: &str) -> Option<CommitLinks> {
    let url = url.trim();
    let rest = if let Some((scheme, rest)) = url.split_once("://") {
        if !matches!(scheme, "https" | "http" | "ssh" | "git" | "git+ssh") {
            return None;
        }
        let (host, path) = rest.split_once('/')?;
        let host = host.rsplit('@').next()?;
        let host = host.split(':').next()?;
        format!("{host}/{path}")
    } else {
        // scp-like syntax: [user@]host:path
        let (host, path) = url.split_once(':')?;
        let host = host.rsplit('@').next()?;
        format!("{host}/{}", path.trim_start_matches('/'))
    };
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| *p == ".." || p.contains(['?', '#', ' ']))
    {
        return None;
    }
    let path = parts.join("/");
    let pattern = match host.as_str() {
        "github.com" if parts.len() == 2 => format!("https://github.com/{path}/commit/{{commit}}"),
        "gitlab.com" => format!("https://gitlab.com/{path}/-/commit/{{commit}}"),
        "bitbucket.org" if parts.len() == 2 => {
            format!("https://bitbucket.org/{path}/commits/{{commit}}")
        }
        _ => return None,
    };
    Some(CommitLinks(pattern))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(url: &str) -> Option<String> {
        from_remote_url(url).map(|p| p.link("abc"))
    }

    #[test]
    fn known_hosts_in_every_url_form() {
        let gh = Some("https://github.com/acme/ledger/commit/abc".to_string());
        assert_eq!(link("https://github.com/acme/ledger.git"), gh);
        assert_eq!(link("https://user@github.com/acme/ledger/"), gh);
        assert_eq!(link("git@github.com:acme/ledger.git"), gh);
        assert_eq!(link("ssh://git@github.com/acme/ledger"), gh);
        assert_eq!(
            link("git@gitlab.com:group/sub/ledger.git").as_deref(),
            Some("https://gitlab.com/group/sub/ledger/-/commit/abc")
        );
        assert_eq!(
            link("https://bitbucket.org/acme/ledger.git").as_deref(),
            Some("https://bitbucket.org/acme/ledger/commits/abc")
        );
    }

    #[test]
    fn files_link_to_their_page_at_the_commit() {
        let file = |url: &str| from_remote_url(url)?.file_link("abc", "led/asks/a b.yaml");
        assert_eq!(
            file("git@github.com:acme/ledger.git").as_deref(),
            Some("https://github.com/acme/ledger/blob/abc/led/asks/a%20b.yaml")
        );
        assert_eq!(
            file("https://gitlab.com/g/ledger").as_deref(),
            Some("https://gitlab.com/g/ledger/-/blob/abc/led/asks/a%20b.yaml")
        );
        assert_eq!(
            file("https://bitbucket.org/acme/ledger").as_deref(),
            Some("https://bitbucket.org/acme/ledger/src/abc/led/asks/a%20b.yaml")
        );
    }

    #[test]
    fn unknown_hosts_and_local_paths_give_no_link() {
        for url in [
            "/srv/git/ledger.git",
            "../remote.git",
            "file:///srv/ledger.git",
            "https://git.example.com/acme/ledger.git",
            "https://github.com/acme",
            "C:/repos/ledger",
        ] {
            assert_eq!(link(url), None, "{url}");
        }
    }
}
