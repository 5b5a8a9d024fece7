//! The one error type of the library. Every problem a user must fix names the file it is in and,
//! where known, the line of that file (front matter included), so an editor can jump to it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem is: a path relative to the site root (as the user typed it) and, when known,
/// a 1-based line and column of that file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path shown to the user, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line of the file, front matter included.
    pub line: Option<usize>,
    /// 1-based column, when the parser gave one.
    pub column: Option<usize>,
}

impl Location {
    /// A whole-file location, for problems with no better position.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    /// A location at a line of the file.
    pub fn line(path: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `content/world/summit.md:12` on every system (issue #22).
        write!(f, "{}", crate::layout::SlashPath(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Everything that can go wrong in a build, check or serve.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in a content file or `site.yaml` that the writer must fix.
    #[error("{at}: {message}")]
    Content {
        /// Where the problem is.
        at: Location,
        /// What is wrong and what to do about it.
        message: String,
    },
    /// A file could not be read, written or listed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A template failed to compile or render. `message` carries Tera's report with its own
    /// `file:line:col` and caret.
    #[error("{template}: {}", rendering(.page.as_deref(), .message, *.pages))]
    Template {
        /// The template file (`templates/article.html`) or built-in theme file.
        template: String,
        /// Tera's report.
        message: String,
        /// The page being rendered (`content/world/summit.md`, `404.html`), if one was.
        page: Option<String>,
        /// How many pages failed with this same error (one error is reported for them all).
        pages: usize,
    },
    /// The requested output directory is unsafe to write into.
    #[error("refusing to write to {}: {reason}", path.display())]
    UnsafeOutput {
        /// The output directory as given.
        path: PathBuf,
        /// Why it is refused and what to do instead.
        reason: String,
    },
    /// The preview server could not start or run.
    #[error("{0}")]
    Server(String),
    /// A command-line value that names nothing for this site (`--now` at a local time its
    /// time zone skips).
    #[error("{0}")]
    Argument(String),
    /// Several problems found in one pass; each is reported.
    #[error("{}", ErrorList(.0))]
    Many(Vec<Error>),
}

impl Error {
    /// Shorthand for a content problem at a location.
    pub fn content(at: Location, message: impl Into<String>) -> Self {
        Error::Content {
            at,
            message: message.into(),
        }
    }

    /// Shorthand for an I/O error that names its path.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// The successes of a list of results, or one error listing every failure: the build
    /// reports all its problems, not the first.
    pub fn collect_all<T>(results: impl IntoIterator<Item = Result<T>>) -> Result<Vec<T>> {
        let results = results.into_iter();
        let mut values = Vec::with_capacity(results.size_hint().0);
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(value) => values.push(value),
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok(values)
        } else {
            Err(Error::from_list(errors))
        }
    }

    /// Wraps a list of problems, or returns the single one unchanged.
    pub fn from_list(mut errors: Vec<Error>) -> Self {
        if errors.len() == 1 {
            errors.pop().expect("one element")
        } else {
            Error::Many(errors)
        }
    }

    /// The individual problems, owned, flattening `Many`, so several can be merged into one list.
    pub fn into_list(self) -> Vec<Error> {
        match self {
            Error::Many(list) => list.into_iter().flat_map(Error::into_list).collect(),
            one => vec![one],
        }
    }

    /// Orders problems by file, then line, then text, for stable and readable reports.
    pub fn sort_key(&self) -> (String, usize, String) {
        match self {
            Error::Content { at, message } => (
                crate::layout::slash_path(&at.path),
                at.line.unwrap_or(0),
                message.clone(),
            ),
            other => (String::new(), 0, other.to_string()),
        }
    }

    /// The individual problems, flattening `Many`, so callers can count and print them.
    pub fn problems(&self) -> Vec<&Error> {
        match self {
            Error::Many(list) => list.iter().flat_map(|e| e.problems()).collect(),
            other => vec![other],
        }
    }
}

/// A template error's text: the page it broke and, when it broke several, how many.
fn rendering(page: Option<&str>, message: &str, pages: usize) -> String {
    match (page, pages) {
        (Some(page), 0 | 1) => format!("while rendering {page}: {message}"),
        (Some(page), 2) => format!("while rendering {page} (and 1 other page): {message}"),
        (Some(page), n) => format!(
            "while rendering {page} (and {} other pages): {message}",
            n - 1
        ),
        (None, _) => message.to_string(),
    }
}

struct ErrorList<'a>(&'a [Error]);

impl fmt::Display for ErrorList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// A problem that does not stop the build but that the user should see.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// Where it is.
    pub at: Location,
    /// What is odd and what to do.
    pub message: String,
}

impl Warning {
    /// A warning at a location.
    pub fn new(at: Location, message: impl Into<String>) -> Self {
        Warning {
            at,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_prints_path_line_and_column_when_known() {
        assert_eq!(Location::file("content/a.md").to_string(), "content/a.md");
        assert_eq!(
            Location::line("content/a.md", 4).to_string(),
            "content/a.md:4"
        );
        let mut at = Location::line("content/a.md", 4);
        at.column = Some(7);
        assert_eq!(at.to_string(), "content/a.md:4:7");
    }

    #[test]
    fn many_errors_print_one_per_line_and_flatten() {
        let errors = Error::from_list(vec![
            Error::content(Location::line("a.md", 1), "first"),
            Error::Many(vec![Error::content(Location::file("b.md"), "second")]),
        ]);
        assert_eq!(errors.to_string(), "a.md:1: first\nb.md: second");
        assert_eq!(errors.problems().len(), 2);
    }
}
