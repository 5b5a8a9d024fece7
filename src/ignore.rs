//! Which files under `content/` are never published: `ignore:` in site.yaml, a list of globs
//! on top of defaults that catch what editors and people leave beside articles (`notes.txt`,
//! `x.md.bak`, Word's `~$draft.docx` lock files). Issue #16: such files used to be copied into
//! the public site, notes about sources included.
//!
//! A pattern without `/` is matched against the name of each file and folder, at any depth
//! (`*.txt`, `drafts`); a pattern with `/` against the path below `content/`
//! (`world/old/**`), where `*` stays within one folder and `**` crosses folders. A pattern
//! starting with `!` publishes what the other patterns would ignore (`!data/*.txt`). An ignored
//! folder is not entered. Hidden files and editor swap files are always ignored, before these
//! rules ([`crate::content::is_ignored_name`]).

use std::borrow::Cow;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// Ignored unless `ignore:` says otherwise with `!pattern`. Plain text is notes far more often
/// than something to publish (a data file meant for readers can go in `static/`, or be
/// published with `!name.txt`); backups and merge leftovers are never content.
pub const DEFAULT_IGNORE: [&str; 9] = [
    "*.bak",
    "*.orig",
    "*.rej",
    "*.tmp",
    "*.log",
    "*.txt",
    "~$*",
    "Thumbs.db",
    "desktop.ini",
];

/// The compiled `ignore:` rules.
#[derive(Debug, Clone)]
pub struct IgnoreRules {
    names: GlobSet,
    paths: GlobSet,
    kept_names: GlobSet,
    kept_paths: GlobSet,
}

impl Default for IgnoreRules {
    fn default() -> Self {
        IgnoreRules::new(&[]).expect("the default patterns are valid")
    }
}

impl IgnoreRules {
    /// The defaults plus `patterns` (as written in site.yaml); an error names a bad pattern.
    pub fn new(patterns: &[String]) -> Result<IgnoreRules, String> {
        let mut sets: [GlobSetBuilder; 4] = std::array::from_fn(|_| GlobSetBuilder::new());
        let defaults = DEFAULT_IGNORE.iter().copied();
        for written in defaults.chain(patterns.iter().map(String::as_str)) {
            let (keep, pattern) = match written.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, written),
            };
            let pattern = pattern.strip_prefix('/').unwrap_or(pattern);
            let by_path = pattern.contains('/');
            if pattern.is_empty() || pattern.contains('\\') {
                return Err(format!(
                    "`ignore`: `{written}` is not a pattern: write a file name or a path below content/ with `/`, like `*.txt` or `world/old/**`"
                ));
            }
            let glob = glob(pattern).map_err(|e| {
                format!(
                    "`ignore`: `{written}` is not a valid pattern ({}): write a file name like `*.txt` or a path below content/ like `world/old/**`",
                    e.kind()
                )
            })?;
            sets[usize::from(keep) * 2 + usize::from(by_path)].add(glob);
        }
        let [names, paths, kept_names, kept_paths] = sets.map(|set| {
            set.build()
                .expect("globs that compiled alone compile together")
        });
        Ok(IgnoreRules {
            names,
            paths,
            kept_names,
            kept_paths,
        })
    }

    /// Whether the file or folder whose last part is `name` is left out of the site;
    /// `content_path` gives its path below `content/` (`/`-separated), asked for only when a
    /// pattern names a path, so the walk builds none for the usual rules.
    pub fn is_ignored<'p>(&self, name: &str, content_path: impl FnOnce() -> Cow<'p, str>) -> bool {
        let by_path = !self.paths.is_empty() || !self.kept_paths.is_empty();
        let path = if by_path {
            content_path()
        } else {
            Cow::Borrowed("")
        };
        let ignored = self.names.is_match(name) || (by_path && self.paths.is_match(path.as_ref()));
        ignored
            && !(self.kept_names.is_match(name)
                || (by_path && self.kept_paths.is_match(path.as_ref())))
    }
}

fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(patterns: &[&str]) -> IgnoreRules {
        IgnoreRules::new(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn ignored(rules: &IgnoreRules, path: &str) -> bool {
        rules.is_ignored(path.rsplit('/').next().unwrap(), || Cow::Borrowed(path))
    }

    #[test]
    fn defaults_catch_notes_backups_and_lock_files_at_any_depth() {
        let rules = IgnoreRules::default();
        for path in [
            "notes.txt",
            "world/summit/notes.txt",
            "world/x.md.bak",
            "a.md.orig",
            "world/~$draft.docx",
            "Thumbs.db",
        ] {
            assert!(ignored(&rules, path), "{path}");
        }
        for path in [
            "world/summit.md",
            "map.svg",
            "report.pdf",
            "txt.md",
            "world",
        ] {
            assert!(!ignored(&rules, path), "{path}");
        }
    }

    #[test]
    fn patterns_add_to_the_defaults_and_bang_publishes_again() {
        let rules = rules(&["drafts", "world/old/**", "!data/*.txt", "*.docx"]);
        assert!(ignored(&rules, "drafts"));
        assert!(ignored(&rules, "world/drafts"));
        assert!(ignored(&rules, "world/old/a.md"));
        assert!(ignored(&rules, "world/old/deep/a.md"));
        assert!(!ignored(&rules, "europe/world/old/a.md"));
        assert!(ignored(&rules, "brief.docx"));
        assert!(ignored(&rules, "notes.txt"));
        assert!(!ignored(&rules, "data/results.txt"));
        assert!(ignored(&rules, "data/deeper/results.txt"));
        assert!(!ignored(&rules, "world/summit.md"));
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let error = IgnoreRules::new(&["[abc".to_string()]).unwrap_err();
        assert!(
            error.starts_with("`ignore`: `[abc` is not a valid pattern (unclosed"),
            "{error}"
        );
        assert!(IgnoreRules::new(&["!".to_string()]).is_err());
    }
}
