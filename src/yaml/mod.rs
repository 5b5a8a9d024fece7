//! The only module that knows the YAML crate (beside [`subset`], a fast reader of plain front
//! matter that defers to it). It turns YAML text into our types and YAML
//! errors into [`Error::Content`] values that point at lines of the *file* (not of the YAML
//! snippet), with a suggestion when a key is misspelt.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

mod recover;
mod subset;

/// Free-form YAML (`extra:`), handed to templates as it was written. The YAML crate's own value
/// type stays behind this module, so a change of YAML crate touches this module alone.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Value(serde_yaml::Value);

impl Value {
    /// Whether nothing is written.
    pub(crate) fn is_null(&self) -> bool {
        self.0.is_null()
    }

    /// A boolean written as one (`false`, not `"false"`); `None` for anything else.
    pub(crate) fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    /// The entries of a list; `None` when this is not one.
    pub(crate) fn list(&self) -> Option<Vec<Value>> {
        self.0
            .as_sequence()
            .map(|items| items.iter().cloned().map(Value).collect())
    }

    /// The keys (as text) and values of a map, in order; `None` when this is not one.
    pub(crate) fn map(&self) -> Option<Vec<(String, Value)>> {
        self.0.as_mapping().map(|map| {
            map.iter()
                .map(|(key, value)| {
                    let key = Value(key.clone()).text().unwrap_or_default();
                    (key, Value(value.clone()))
                })
                .collect()
        })
    }

    /// A string, number or boolean as written (`2026-12-03`, `42`); `None` for anything else.
    pub(crate) fn text(&self) -> Option<String> {
        match &self.0 {
            serde_yaml::Value::String(text) => Some(text.clone()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            serde_yaml::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A number as written unquoted (`0.5`); `None` for anything else, `"0.5"` included.
    pub(crate) fn number(&self) -> Option<f64> {
        match &self.0 {
            serde_yaml::Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// Whether this is quoted or plain text (not a number, not a list).
    pub(crate) fn is_string(&self) -> bool {
        matches!(self.0, serde_yaml::Value::String(_))
    }

    /// What this is, in a writer's words, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match &self.0 {
            serde_yaml::Value::Null => "empty",
            serde_yaml::Value::Bool(_) => "true or false",
            serde_yaml::Value::Number(_) => "a number",
            serde_yaml::Value::String(_) => "a string",
            serde_yaml::Value::Sequence(_) => "a list",
            serde_yaml::Value::Mapping(_) => "a map",
            serde_yaml::Value::Tagged(_) => "a tagged value",
        }
    }
}

/// Removes a UTF-8 byte-order mark and turns CRLF into LF so that everything downstream sees one
/// line ending; line numbers are unchanged.
pub fn normalise_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // Every article is checked: memchr's vector search, not a byte-by-byte one.
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Front matter larger than this is refused: real front matter is a few hundred bytes, and a cap
/// bounds the work any one file can cause.
pub(crate) const MAX_YAML_BYTES: usize = 64 * 1024;

/// Parses `text`, which starts on line `first_line` of the file at `path` (shown to the user).
/// Every problem found is reported (see [`parse_all`]).
pub(crate) fn parse<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Result<T> {
    match parse_all(text, path, first_line) {
        (Some(value), errors) if errors.is_empty() => Ok(value),
        (_, errors) => Err(Error::from_list(errors)),
    }
}

/// [`parse`], keeping the value when the text can still be read soundly despite its
/// problems (unknown keys dropped, invisible characters taken for spaces), so the caller can
/// check the rest in the same run. Every problem is in the list; the value alone never means
/// the text was right.
pub(crate) fn parse_all<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> (Option<T>, Vec<Error>) {
    if text.len() > MAX_YAML_BYTES {
        let error = Error::content(
            Location::line(path, first_line),
            format!(
                "front matter is {} KiB; the limit is {} KiB. Move long text into the body",
                text.len() / 1024,
                MAX_YAML_BYTES / 1024
            ),
        );
        return (None, vec![error]);
    }
    // Nearly all front matter is plain `key: value` lines, read here without libyaml; anything
    // else (and every error) goes to serde_yaml.
    if let Some(value) = subset::from_str(text) {
        return (Some(value), Vec::new());
    }
    if let Some((line, column)) = find_anchor_or_alias(text) {
        let mut at = Location::line(path, first_line + line - 1);
        at.column = Some(column);
        let error = Error::content(
            at,
            "YAML anchors and aliases (`&name`, `*name`) are not supported here; write the value \
             out, or quote it if it starts with `&` or `*`",
        );
        return (None, vec![error]);
    }
    match serde_yaml::from_str(text) {
        Ok(value) => (Some(value), Vec::new()),
        Err(first) => recover::read_past_errors(text, path, first_line, first),
    }
}

/// What the differential fuzz target asks: when the fast path reads `text` into `T`, does
/// serde_yaml read the same value? `Some` describes a disagreement (serde_yaml refusing what the
/// fast path read included).
#[doc(hidden)]
pub fn fast_path_disagreement<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> Option<String> {
    let fast = subset::from_str::<T>(text)?;
    match serde_yaml::from_str::<T>(text) {
        Ok(full) => {
            let (fast, full) = (format!("{fast:?}"), format!("{full:?}"));
            (fast != full).then(|| format!("the fast path read {fast}, serde_yaml {full}"))
        }
        Err(err) => Some(format!(
            "the fast path read {fast:?}, which serde_yaml refuses: {err}"
        )),
    }
}

fn convert_error(err: &serde_yaml::Error, text: &str, path: &Path, first_line: usize) -> Error {
    let full = err.to_string();
    let message = strip_position(&full);
    let mut at = Location::file(path);
    if let Some(loc) = err.location() {
        at.line = Some(first_line + loc.line().max(1) - 1);
        at.column = Some(loc.column().max(1));
    }
    if let Some((line, message)) = invisible_trap(text, path, first_line) {
        // The YAML crate notices such a character later than where it is, or not at all.
        if at.line.is_none_or(|noticed| line <= noticed) {
            return Error::content(Location::line(path, line), message);
        }
    }
    if let Some((key, expected)) = parse_unknown_field(message) {
        if let Some(line) = key_lines(text, key, true).next() {
            at.line = Some(first_line + line - 1);
            at.column = None;
        }
        let under =
            message[..message.find("unknown field").unwrap_or(0)].trim_end_matches([':', ' ', '.']);
        return Error::content(at, unknown_key_message(key, &expected, under));
    }
    if let Some(key) = message
        .strip_prefix("duplicate field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        let lines: Vec<usize> = key_lines(text, key, false)
            .map(|line| first_line + line - 1)
            .collect();
        if let [first, second, ..] = lines[..] {
            return Error::content(
                Location::line(path, second),
                format!("the key `{key}` is given twice (first on line {first}): keep one"),
            );
        }
    }
    if let Some(key) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        return Error::content(
            at,
            format!("the required key `{key}` is missing: add `{key}: …`"),
        );
    }
    let subject = subject(path);
    if message.starts_with("recursion limit exceeded") {
        return Error::content(
            at,
            format!("{subject} nests lists and maps more than 128 levels deep here: flatten it"),
        );
    }
    let found = err.location().and_then(|loc| {
        let line = text.lines().nth(loc.line().checked_sub(1)?)?;
        line.chars().nth(loc.column().checked_sub(1)?)
    });
    let hint = if message.contains("cannot start any token") && found == Some('@') {
        ". A value starting with `@` must be quoted: \"@/world/summit.md\""
    } else if message.contains("mapping values are not allowed") {
        ". A value containing `: ` must be quoted, e.g. title: \"Breaking: the vote\""
    } else if message.contains("duplicate entry") {
        ". Each key may appear once"
    } else {
        ""
    };
    let message = plain_types(message);
    Error::content(at, format!("invalid {subject}: {message}{hint}"))
}

/// serde's type names in a writer's words: ``expected usize`` says "a whole number".
fn plain_types(message: &str) -> String {
    let mut plain = message.to_string();
    for name in ["usize", "u64", "u32", "u16", "u8"] {
        plain = plain.replace(
            &format!("expected {name}"),
            "expected a whole number (0, 1, 2 …)",
        );
    }
    plain.replace("expected a boolean", "expected `true` or `false`")
}

/// What the YAML at `path` is, in a writer's words: an article's front matter, or the file
/// itself (`authors.yaml`, `site.yaml`).
fn subject(path: &Path) -> String {
    if path.extension().is_some_and(|e| e == "md") {
        "front matter".to_string()
    } else {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// What to say of an unknown `key` (found where `expected` are known) in the map `under`
/// (empty at the top level; `updates[1]` for an entry of a list): the closest known key, and
/// at the top level only, where custom data belongs (`extra:` is not a key of `image:`,
/// `read_more:` or a correction).
fn unknown_key_message(key: &str, expected: &[&str], under: &str) -> String {
    let hint = match closest(key, expected) {
        Some(best) => format!("did you mean `{best}`? "),
        None => String::new(),
    };
    let known = expected.join(", ");
    if under.is_empty() {
        return format!(
            "unknown key `{key}`: {hint}Known keys: {known}. Put custom data under `extra:`"
        );
    }
    // An entry of a list (`updates[1]`, counted from 0) is named as a writer counts it.
    let entry = under
        .strip_suffix(']')
        .and_then(|rest| rest.split_once('['))
        .and_then(|(list, index)| Some((list, index.parse::<usize>().ok()?)));
    let place = match entry {
        Some((list, index)) => format!("in entry {} of `{list}:`", index + 1),
        None => format!("under `{under}:`"),
    };
    format!("unknown key `{key}` {place}: {hint}Known keys there: {known}")
}

/// The first line of the file holding a character that YAML refuses where a writer sees
/// nothing wrong, with what to say: a tab in the indentation, or a no-break space right after
/// `key:`. Issue #16: the YAML crate's own message named neither and carried a second,
/// different line number (of the YAML text, not of the file).
fn invisible_trap(text: &str, path: &Path, first_line: usize) -> Option<(usize, String)> {
    invisible_traps(text, path, first_line).into_iter().next()
}

/// Every line of the file holding such a character, with what to say ([`invisible_trap`]).
fn invisible_traps(text: &str, path: &Path, first_line: usize) -> Vec<(usize, String)> {
    let subject = match subject(path).as_str() {
        "front matter" => "front matter",
        _ => "this file",
    };
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let number = first_line + index;
            let content = line.trim_start_matches([' ', '\t']);
            let indent = &line[..line.len() - content.len()];
            if indent.contains('\t') && !content.is_empty() {
                let message = format!(
                    "{subject} uses a tab for indentation at line {number}: YAML needs spaces"
                );
                return Some((number, message));
            }
            let (key, space) = space_after_key(content)?;
            Some((number, format!("{space} after `{key}:`: use a plain space")))
        })
        .collect()
}

/// The key of a `key:` line (or `- key:`) followed at once by a no-break space, which YAML
/// does not take for the space that ends a key, and the space's name.
fn space_after_key(line: &str) -> Option<(&str, &'static str)> {
    let line = line.trim_start_matches(' ');
    let line = line
        .strip_prefix("- ")
        .unwrap_or(line)
        .trim_start_matches(' ');
    let end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let after = line[end..].strip_prefix(':')?;
    let name = crate::markdown::odd_space_name(after.chars().next()?)?;
    (end > 0).then_some((&line[..end], name))
}

/// Removes the " at line N column M" the YAML crate appends; we print positions ourselves.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Reads serde's ``unknown field `x`, expected one of `a`, `b` `` message, which may carry a
/// `path: ` prefix for nested maps.
fn parse_unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let start = message.find("unknown field `")? + "unknown field `".len();
    let rest = &message[start..];
    let end = rest.find('`')?;
    let key = &rest[..end];
    let expected = rest[end + 1..]
        .split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>();
    Some((key, expected))
}

/// The 1-based lines of `text` where `key:` starts a line (with `nested`, also after
/// indentation), for errors the YAML crate places at the start of the mapping rather than at
/// the key, or does not place at all (a key given twice). The one key finder for YAML text.
pub(crate) fn key_lines<'t>(
    text: &'t str,
    key: &'t str,
    nested: bool,
) -> impl Iterator<Item = usize> + 't {
    text.lines().enumerate().filter_map(move |(index, line)| {
        let line = if nested { line.trim_start() } else { line };
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
            .then_some(index + 1)
    })
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Finds an anchor (`&a`) or alias (`*a`) at the start of a YAML node, outside quotes. Aliases
/// let a few hundred bytes expand to millions of nodes, and front matter never needs them.
fn find_anchor_or_alias(text: &str) -> Option<(usize, usize)> {
    // Every article's front matter is checked, and nearly none has an `&` or a `*` at all.
    memchr::memchr2(b'&', b'*', text.as_bytes())?;
    for (line_index, line) in text.lines().enumerate() {
        // Every character that matters here is ASCII, so bytes will do: a byte of a
        // multi-byte character is never one of them, and ends a node start as the character
        // would.
        let bytes = line.as_bytes();
        let mut quote: Option<u8> = None;
        let mut node_start = true;
        for (column, &byte) in bytes.iter().enumerate() {
            match quote {
                Some(q) if byte == q => quote = None,
                Some(_) => {}
                None => {
                    if byte == b'#' && (column == 0 || bytes[column - 1] == b' ') {
                        break;
                    }
                    if node_start && (byte == b'&' || byte == b'*') {
                        let next = line[column + 1..].chars().next();
                        if next.is_some_and(|c| !c.is_whitespace()) {
                            return Some((line_index + 1, column + 1));
                        }
                    }
                    if node_start && (byte == b'"' || byte == b'\'') {
                        quote = Some(byte);
                        node_start = false;
                        continue;
                    }
                    node_start = match byte {
                        b' ' | b'\t' => node_start,
                        b'[' | b'{' | b',' | b'-' | b'?' | b':' => true,
                        _ => false,
                    };
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn serde_type_names_are_said_in_plain_words() {
        assert_eq!(
            plain_types("related: invalid type: string \"lots\", expected usize"),
            "related: invalid type: string \"lots\", expected a whole number (0, 1, 2 …)"
        );
        assert_eq!(
            plain_types("draft: invalid type: string \"yes\", expected a boolean"),
            "draft: invalid type: string \"yes\", expected `true` or `false`"
        );
    }

    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn error_of(text: &str) -> String {
        parse::<Sample>(text, Path::new("content/a.md"), 2)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unquoted_colon_is_reported_at_its_file_line_with_a_hint() {
        let message = error_of("tags: []\ntitle: Breaking: the vote\n");
        assert!(message.starts_with("content/a.md:3:"), "{message}");
        assert!(message.contains("must be quoted"), "{message}");
    }

    #[test]
    fn an_unknown_key_in_a_list_entry_names_the_entry_as_a_writer_counts() {
        assert_eq!(
            unknown_key_message("txt", &["date", "text"], "updates[1]"),
            "unknown key `txt` in entry 2 of `updates:`: did you mean `text`? Known keys there: date, text"
        );
        assert_eq!(
            unknown_key_message("link", &["title", "url"], "read_more"),
            "unknown key `link` under `read_more:`: Known keys there: title, url"
        );
    }

    #[test]
    fn unknown_key_names_the_key_its_line_and_the_closest_known_one() {
        let message = error_of("title: A\ntagz: [x]\n");
        assert!(
            message.starts_with("content/a.md:3: unknown key `tagz`: did you mean `tags`?"),
            "{message}"
        );
    }

    #[test]
    fn a_tab_or_a_no_break_space_is_named_at_its_own_line() {
        assert_eq!(
            error_of("title: A\ntags:\n\t- x\n"),
            "content/a.md:4: front matter uses a tab for indentation at line 4: YAML needs spaces"
        );
        assert_eq!(
            error_of("title:\u{a0}A\ntags: []\n"),
            "content/a.md:2: a non-breaking space (U+00A0) after `title:`: use a plain space"
        );
        // Not every tab or no-break space is a mistake: in a value, YAML reads both.
        let fine: Sample = parse("title: a\tb \u{a0}c\n", Path::new("a.md"), 2).unwrap();
        assert_eq!(fine.title, "a\tb \u{a0}c");
    }

    #[test]
    fn missing_required_key_says_what_to_add() {
        let message = error_of("tags: []\n");
        assert!(
            message.contains("the required key `title` is missing"),
            "{message}"
        );
    }

    #[test]
    fn anchors_and_aliases_are_refused_but_ampersands_in_text_are_not() {
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\ntitle: t\n";
        assert!(error_of(bomb).contains("anchors and aliases"));
        let fine: Sample = parse(
            "title: \"Tom & *Jerry*\"\ntags: [R&D, 'a *b']\n",
            Path::new("a"),
            2,
        )
        .unwrap();
        assert_eq!(fine.title, "Tom & *Jerry*");
        assert_eq!(fine.tags, vec!["R&D", "a *b"]);
        let plain: Sample = parse("title: Rock & roll\n", Path::new("a"), 2).unwrap();
        assert_eq!(plain.title, "Rock & roll");
    }

    #[test]
    fn anchors_are_found_after_multi_byte_text_and_not_inside_it() {
        assert_eq!(
            find_anchor_or_alias("title: \"Zürich\"\nlist: [é, *a]\n"),
            Some((2, 12))
        );
        assert_eq!(find_anchor_or_alias("title: é&b — *c\n"), None);
        assert_eq!(find_anchor_or_alias("title: Zürich # &note\n"), None);
        assert_eq!(
            find_anchor_or_alias("a: \"‘&x’\"\nb: &anchor x\n"),
            Some((2, 4))
        );
    }

    #[test]
    fn keys_are_found_at_the_start_of_a_line_or_after_indentation() {
        let text = "title: a\nextra:\n  title : b\ntitles: c\ntitle: d\n";
        assert_eq!(key_lines(text, "title", false).collect::<Vec<_>>(), [1, 5]);
        assert_eq!(
            key_lines(text, "title", true).collect::<Vec<_>>(),
            [1, 3, 5]
        );
        assert_eq!(key_lines(text, "tags", true).next(), None);
    }

    #[test]
    fn closest_suggests_only_near_misses() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("photographer", &["title", "date"]), None);
    }
}
