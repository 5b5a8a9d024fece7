//! A reader for the plain shape nearly all front matter has: `key: value` lines with quoted or
//! plain one-line scalars, one-line `[a, b]` lists, `- item` lists and nested maps of those.
//!
//! libyaml reads front matter at ~250 instructions a byte, a sixth of a large build; this reads
//! it at a small fraction of that. It answers `None` for anything outside the shape (block and
//! multi-line scalars, anchors, tags, flow maps, numbers where a string could be meant, any
//! error) and the caller then hands the text to serde_yaml, which also writes every error
//! message. On everything it accepts it must give exactly what serde_yaml gives: the
//! differential tests at the bottom check that on generated documents full of YAML's traps.

mod de;

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use de::NodeDeserializer;

/// `text` read into `T`, or `None` when the text is not in the plain shape or does not fit `T`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let node = parse(text)?;
    T::deserialize(NodeDeserializer(&node)).ok()
}

/// A parsed node. Maps keep their order and never hold a key twice.
#[derive(Debug, PartialEq)]
enum Node<'a> {
    Scalar(Scalar<'a>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

/// A scalar's text; a plain (unquoted) one may still mean null, a boolean or a number.
#[derive(Debug, PartialEq)]
struct Scalar<'a> {
    text: Cow<'a, str>,
    plain: bool,
}

impl<'a> Scalar<'a> {
    fn plain(text: &'a str) -> Node<'a> {
        Node::Scalar(Scalar {
            text: Cow::Borrowed(text),
            plain: true,
        })
    }

    fn quoted(text: Cow<'a, str>) -> Node<'a> {
        Node::Scalar(Scalar { text, plain: false })
    }
}

/// A line that holds something: its indentation and the rest.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    rest: &'a str,
}

fn parse(text: &str) -> Option<Node<'_>> {
    if !is_plain_stream(text) {
        return None;
    }
    let mut lines = Vec::with_capacity(16);
    for line in text.split('\n') {
        let rest = line.trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let indent = line.len() - rest.len();
        // Tabs never indent in YAML; document markers and directives end or start documents.
        if rest.starts_with('\t')
            || (indent == 0 && (rest.starts_with("---") || rest.starts_with("...")))
        {
            return None;
        }
        lines.push(Line { indent, rest });
    }
    if lines.first()?.indent != 0 {
        return None;
    }
    let (node, next) = parse_map(&lines, 0, 0, 1)?;
    (next == lines.len()).then_some(node)
}

/// Whether every character of `text` is one [`is_plain_stream_char`] accepts. Every article's
/// front matter passes here and decoding each character to ask was most of the check, so plain
/// ASCII is recognised first over the bytes (without stopping early, which lets the compiler
/// compare many at once); only other text is decoded.
fn is_plain_stream(text: &str) -> bool {
    let plain_ascii = text.bytes().fold(true, |ok, byte| {
        ok & matches!(byte, b'\t' | b'\n' | b' '..=b'~')
    });
    plain_ascii || text.chars().all(is_plain_stream_char)
}

/// Every character libyaml reads without complaint, minus the ones that change how lines are
/// split (NEL and the Unicode line and paragraph separators), carriage returns (the text is
/// normalised before it gets here) and a byte-order mark.
fn is_plain_stream_char(c: char) -> bool {
    match c {
        '\t' | '\n' | ' '..='~' => true,
        '\u{a0}'..='\u{d7ff}' => !matches!(c, '\u{2028}' | '\u{2029}'),
        '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
        '\u{10000}'..='\u{10ffff}' => true,
        _ => false,
    }
}

/// How deep maps may nest here. serde_yaml refuses more than 128 levels of collections (the
/// fast path once read 129 and more, so a file built until something else in it sent it to
/// serde_yaml); real front matter nests two or three levels, so anything deeper is simply left
/// to serde_yaml, which reads it or reports it.
const MAX_MAP_DEPTH: usize = 16;

/// The map whose keys sit at `indent`, from line `at`, `depth` maps deep (the top one is 1);
/// returns it and the first line after it.
fn parse_map<'a>(
    lines: &[Line<'a>],
    mut at: usize,
    indent: usize,
    depth: usize,
) -> Option<(Node<'a>, usize)> {
    if depth > MAX_MAP_DEPTH {
        return None;
    }
    let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
    while let Some(line) = lines.get(at) {
        if line.indent < indent {
            break;
        }
        if line.indent > indent {
            // A continuation line of a multi-line scalar, or bad indentation.
            return None;
        }
        let (key, value) = split_key(line.rest)?;
        if entries.iter().any(|(k, _)| *k == key) {
            return None;
        }
        at += 1;
        let node = if value.is_empty() {
            let next = lines.get(at)?;
            if is_seq_item(next.rest) && next.indent >= indent {
                let (seq, after) = parse_seq(lines, at, next.indent)?;
                at = after;
                seq
            } else if next.indent > indent {
                let (map, after) = parse_map(lines, at, next.indent, depth + 1)?;
                at = after;
                map
            } else {
                // `key:` with nothing under it is null; rare enough to leave to serde_yaml.
                return None;
            }
        } else {
            inline_value(value)?
        };
        entries.push((key, node));
    }
    Some((Node::Map(entries), at))
}

/// The `- item` list at `indent`, from line `at`.
fn parse_seq<'a>(lines: &[Line<'a>], mut at: usize, indent: usize) -> Option<(Node<'a>, usize)> {
    let mut items = Vec::new();
    while let Some(line) = lines.get(at) {
        if line.indent != indent || !is_seq_item(line.rest) {
            // Deeper lines are a continuation (refused by the map around this list).
            if line.indent > indent {
                return None;
            }
            break;
        }
        let item = line.rest[1..].trim_start_matches(' ');
        if item.is_empty() {
            return None;
        }
        items.push(inline_value(item)?);
        at += 1;
    }
    Some((Node::Seq(items), at))
}

fn is_seq_item(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ")
}

/// Splits `key: value` (`value` may be empty); keys are plain words.
fn split_key(rest: &str) -> Option<(&str, &str)> {
    let bytes = rest.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() && bytes[0] != b'_' {
        return None;
    }
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    if bytes[end] != b':' {
        return None;
    }
    let after = &rest[end + 1..];
    if after.is_empty() {
        return Some((&rest[..end], ""));
    }
    let value = after.strip_prefix(' ')?.trim_start_matches(' ');
    if value.starts_with('#') {
        // `key: # comment` is null; leave it to serde_yaml.
        return None;
    }
    Some((&rest[..end], value))
}

/// A value written on its key's line (or a list item's).
fn inline_value(text: &str) -> Option<Node<'_>> {
    let (node, rest) = match text.as_bytes()[0] {
        b'"' => double_quoted(text)?,
        b'\'' => single_quoted(text)?,
        b'[' => flow_seq(text)?,
        first if is_indicator(first) => return None,
        _ => return plain(text, false).map(|(node, _)| node),
    };
    only_comment(rest).then_some(node)
}

/// Whether what follows a closed value is nothing, or a comment after a space.
fn only_comment(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))
}

/// Characters that cannot start a plain scalar (or start one only in ways left to serde_yaml).
fn is_indicator(byte: u8) -> bool {
    matches!(
        byte,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// A plain scalar from the start of `text`, up to a comment or the end of the line (in a list
/// written `[a, b]`, up to a `,` or `]`); returns it and what follows it.
fn plain(text: &str, in_flow: bool) -> Option<(Node<'_>, &str)> {
    if is_indicator(text.as_bytes()[0]) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\t' => return None,
            b'#' if bytes[i - 1] == b' ' => {
                // A comment inside `[…]` would swallow the closing bracket.
                if in_flow {
                    return None;
                }
                end = i;
                break;
            }
            // `a: b` is a map; inside `[…]` YAML versions disagree about any `:`.
            b':' if in_flow || bytes.get(i + 1).is_none_or(|&next| next == b' ') => return None,
            b',' | b']' if in_flow => {
                end = i;
                break;
            }
            b'[' | b'{' | b'}' if in_flow => return None,
            _ => {}
        }
    }
    let value = text[..end].trim_end_matches(' ');
    if value.is_empty() {
        return None;
    }
    Some((Scalar::plain(value), &text[end..]))
}

/// A `"…"` scalar on one line with the common escapes; returns it and what follows it.
fn double_quoted(text: &str) -> Option<(Node<'_>, &str)> {
    let body = &text[1..];
    let bytes = body.as_bytes();
    let first = bytes.iter().position(|&b| b == b'"' || b == b'\\')?;
    if bytes[first] == b'"' {
        return Some((
            Scalar::quoted(Cow::Borrowed(&body[..first])),
            &body[first + 1..],
        ));
    }
    let mut value = String::with_capacity(body.len());
    let mut start = 0;
    let mut i = first;
    loop {
        match bytes.get(i)? {
            b'"' => {
                value.push_str(&body[start..i]);
                return Some((Scalar::quoted(Cow::Owned(value)), &body[i + 1..]));
            }
            b'\\' => {
                value.push_str(&body[start..i]);
                value.push(match bytes.get(i + 1)? {
                    b'\\' => '\\',
                    b'"' => '"',
                    b'/' => '/',
                    b'n' => '\n',
                    b't' => '\t',
                    _ => return None,
                });
                i += 2;
                start = i;
            }
            _ => i += 1,
        }
    }
}

/// A `'…'` scalar on one line (`''` is a quote); returns it and what follows it.
fn single_quoted(text: &str) -> Option<(Node<'_>, &str)> {
    let body = &text[1..];
    let mut value: Option<String> = None;
    let mut start = 0;
    loop {
        let quote = start + body[start..].find('\'')?;
        if body.as_bytes().get(quote + 1) == Some(&b'\'') {
            let owned = value.get_or_insert_with(String::new);
            owned.push_str(&body[start..=quote]);
            start = quote + 2;
            continue;
        }
        let text = match value {
            Some(mut owned) => {
                owned.push_str(&body[start..quote]);
                Cow::Owned(owned)
            }
            None => Cow::Borrowed(&body[..quote]),
        };
        return Some((Scalar::quoted(text), &body[quote + 1..]));
    }
}

/// A `[a, "b", 'c']` list of scalars on one line; returns it and what follows it.
fn flow_seq(text: &str) -> Option<(Node<'_>, &str)> {
    let mut rest = &text[1..];
    let mut items = Vec::new();
    loop {
        rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix(']') {
            // `[]` is empty; `[a, ]` is left to serde_yaml.
            return items.is_empty().then_some((Node::Seq(items), after));
        }
        let (item, after) = match *rest.as_bytes().first()? {
            b'"' => double_quoted(rest)?,
            b'\'' => single_quoted(rest)?,
            _ => plain(rest, true)?,
        };
        items.push(item);
        rest = after.trim_start_matches(' ');
        match *rest.as_bytes().first()? {
            b',' => rest = &rest[1..],
            b']' => return Some((Node::Seq(items), &rest[1..])),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::FrontMatter;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use serde::Deserialize;

    /// A type with the scalar kinds serde_yaml resolves by type, and no field list.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Typed {
        flag: Option<bool>,
        number: Option<u32>,
        text: Option<String>,
        list: Option<Vec<String>>,
        nested: Option<std::collections::BTreeMap<String, String>>,
    }

    /// Whether the subset read `text` into `T`; panics if serde_yaml reads it differently.
    fn agrees<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> bool {
        let Some(fast) = from_str::<T>(text) else {
            return false;
        };
        match serde_yaml::from_str::<T>(text) {
            Ok(full) => assert_eq!(
                format!("{fast:?}"),
                format!("{full:?}"),
                "the subset and serde_yaml disagree on {text:?}"
            ),
            Err(err) => panic!("the subset read {text:?}, which serde_yaml refuses: {err}"),
        }
        true
    }

    fn agrees_everywhere(text: &str) -> bool {
        let front_matter = agrees::<FrontMatter>(text);
        let value = agrees::<serde_yaml::Value>(text);
        let typed = agrees::<Typed>(text);
        front_matter || value || typed
    }

    #[test]
    fn plain_front_matter_is_read_as_serde_yaml_reads_it() {
        let bench = "title: \"Five things at stake in the Alberta border agreement\"\n\
                     date: 2024-10-30\nauthors: [\"Priya Berg\"]\n\
                     tags: [\"Budget\", \"Africa\", \"Wildfires\"]\n\
                     dek: \"Pavo deadline have dorlo announced.\"\nimage:\n  src: \"img-0.jpg\"\n\
                     \x20 alt: \"Photo of military in Alberta\"\n\
                     \x20 caption: \"Risk such padro baldro.\"\n\
                     \x20 credit: \"Marcus Rossi | Agence Nord | Imagewire\"\n";
        assert!(agrees::<FrontMatter>(bench));
        let written =
            "# A comment line\ntitle: Five things at stake in Q&A, the sequel's \"end\"\n\
                       date: 2024-05-01T09:30:00+02:00\nauthors: Jane Doe\ndraft: false\n\
                       count: 5\ntags:\n- Budget, tax\n- 'It''s'\n- \"Caf\\u00e9 \\\"x\\\"\"\n\
                       read_more:\n    title: More # trailing comment\n    url: '@/other.md'\n\
                       description: ~\nslug: the-sequel\ntemplate: article.html\n\
                       extra:\n  kicker: Analysis\n  list: [a, 'b', \"c\"]\n";
        // `\u` escapes are left to serde_yaml.
        assert!(!agrees::<FrontMatter>(written));
        assert!(agrees::<FrontMatter>(&written.replace("\\u00e9", "é")));
        for demo in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
            .unwrap()
            .flatten()
        {
            let path = demo.path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                let split = crate::content::front_matter::split_front_matter(&text).unwrap();
                assert!(
                    agrees::<FrontMatter>(split.yaml),
                    "the demo article {} should not need libyaml",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn anything_outside_the_plain_shape_is_left_to_serde_yaml() {
        for text in [
            "title: |\n  block\n",
            "title: >\n  folded\n",
            "title: first line\n  second line\n",
            "title: \"two\n  lines\"\n",
            "title: &a x\nslug: *a\n",
            "title: !!str x\n",
            "title: x\ntitle: y\n",
            "title:\n",
            "title: # nothing\n",
            "title: {a: b}\n",
            "tags: [a, [b]]\n",
            "tags: [a, ]\n",
            "tags: [a: b]\n",
            "title: a: b\n",
            "title: \"x\" y\n",
            "title: \"\\x41\"\n",
            "title: \ttab\n",
            "\ttitle: x\n",
            "  title: x\n",
            "---\ntitle: x\n",
            "title: x\u{85}y\n",
            "title: x\u{7}\n",
            "'title': x\n",
            "title: x\n - y\n",
            "",
        ] {
            assert!(
                parse(text).is_none(),
                "{text:?} should be left to serde_yaml"
            );
        }
        // Read, but a type asking for text where YAML could mean a number or null.
        for text in [
            "extra: {}\n",
            "extra:\n  n: 5\n",
            "extra:\n  null: x\n",
            "extra:\n  x: null\n",
        ] {
            assert!(from_str::<serde_yaml::Value>(text).is_none(), "{text:?}");
        }
        assert!(!agrees::<Typed>("number: 05\n"));
        assert!(!agrees::<Typed>("number: \"5\"\n"));
        assert!(!agrees::<Typed>("flag: yes\n"));
    }

    /// `depth` maps nested under `extra:`, the last holding `leaf: x`.
    fn nested(depth: usize) -> String {
        let mut text = String::from("title: t\ndate: 2026-05-01\nextra:\n");
        for level in 1..depth {
            text.push_str(&format!("{}k:\n", " ".repeat(level)));
        }
        text + &" ".repeat(depth) + "leaf: x\n"
    }

    #[test]
    fn issue16_nesting_past_serde_yaml_limit_is_left_to_it() {
        // The fast path read 128 and more nested maps (issue #16; the differential fuzz target
        // finds it too), which serde_yaml refuses: a file built until an unrelated change sent
        // it to serde_yaml. Deep nesting is now always serde_yaml's to read or refuse.
        for (depth, serde_reads) in [(17, true), (127, true), (128, false), (139, false)] {
            let text = nested(depth);
            assert!(parse(&text).is_none(), "{depth} levels were read");
            assert_eq!(
                serde_yaml::from_str::<serde_yaml::Value>(&text).is_ok(),
                serde_reads,
                "serde_yaml's limit moved: {depth} levels"
            );
        }
        assert!(agrees::<FrontMatter>(&nested(15)));
    }

    /// Pieces of YAML chosen for their traps: words that mean null or booleans, numbers in
    /// every base, indicators, quotes and escapes, comments, odd characters.
    const TRAPS: &[&str] = &[
        "plain text",
        "Priya Berg",
        "C# rules",
        "a #comment",
        "a# b",
        "a: b",
        "a:b",
        "a :b",
        "x:",
        "#x",
        "- x",
        "-5",
        "-",
        "5",
        "05",
        "0",
        "0x1F",
        "0o7",
        "+3",
        "3.5",
        "1e3",
        ".inf",
        "inf",
        "NaN",
        "null",
        "Null",
        "~",
        "true",
        "True",
        "TRUE",
        "yes",
        "No",
        "off",
        "2024-10-30",
        "Ünïcode",
        "é",
        "x\ty",
        "trailing  ",
        "'sq'",
        "'it''s'",
        "'a' b",
        "''",
        "\"\"",
        "\"dq\"",
        "\"a\\\"b\"",
        "\"\\\\\"",
        "\"\\/\"",
        "\"\\n\"",
        "\"\\u00e9\"",
        "\"\\x41\"",
        "\"a\" # c",
        "\"unterminated",
        "'unterminated",
        "&anchor",
        "*alias",
        "!tag x",
        "|",
        ">-",
        "[a, b]",
        "[ ]",
        "[]",
        "[a,]",
        "[\"a\", 'b', c d]",
        "[a, [b]]",
        "[a #c]",
        "[a: b]",
        "{a: b}",
        "a \"q\" b",
        "@x",
        "%x",
        "`x`",
        "a, b",
        "a [b] {c}",
        "x\u{85}y",
        "x\u{2028}",
        "x\u{7f}",
        "x\u{1}",
        "x\u{feff}",
        "x\u{a0}y",
    ];

    fn scalar() -> impl Strategy<Value = String> {
        prop::sample::select(TRAPS).prop_map(str::to_string)
    }

    #[test]
    fn every_trap_is_read_as_serde_yaml_reads_it_or_left_to_it() {
        let mut read = 0;
        for trap in TRAPS {
            for text in [
                format!("text: {trap}\n"),
                format!("flag: {trap}\n"),
                format!("number: {trap}\n"),
                format!("list: [{trap}]\n"),
                format!("list: [x, {trap}]  # note\n"),
                format!("list:\n- {trap}\n"),
                format!("nested:\n    k: {trap}\ntext: after\n"),
            ] {
                read += usize::from(agrees_everywhere(&text));
            }
        }
        assert!(read > 150, "only {read} trap documents were read");
    }

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "title",
            "date",
            "dek",
            "tags",
            "authors",
            "image",
            "src",
            "alt",
            "caption",
            "credit",
            "draft",
            "count",
            "slug",
            "extra",
            "flag",
            "number",
            "text",
            "list",
            "nested",
            "x",
            "null",
            "true",
            "_k",
            "a-b",
            "read_more",
            "url",
        ])
        .prop_map(str::to_string)
    }

    /// One line: a key with a value, a key opening a block, a list item, a comment or a
    /// blank, at an indentation of 0 to 6 spaces.
    fn line() -> impl Strategy<Value = String> {
        let indent = prop::sample::select(vec![0usize, 0, 0, 0, 0, 2, 2, 2, 4, 6]);
        let body = prop_oneof![
            4 => (key(), scalar()).prop_map(|(k, v)| format!("{k}: {v}")),
            2 => key().prop_map(|k| format!("{k}:")),
            2 => scalar().prop_map(|v| format!("- {v}")),
            1 => Just("# a comment".to_string()),
            1 => Just(String::new()),
            1 => (key(), scalar()).prop_map(|(k, v)| format!("{k}:{v}")),
        ];
        (indent, body).prop_map(|(indent, body)| format!("{}{body}", " ".repeat(indent)))
    }

    /// A document of mostly well-formed entries (scalars, nested maps, lists at either
    /// indentation) with the odd stray line, so most documents reach the subset's reader.
    fn document() -> impl Strategy<Value = String> {
        let pair = || (key(), scalar()).prop_map(|(k, v)| format!("{k}: {v}"));
        let entry = prop_oneof![
            4 => pair(),
            2 => (key(), prop::collection::vec(pair(), 1..4), prop::sample::select(vec![2usize, 2, 4]))
                .prop_map(|(k, pairs, indent)| {
                    let pad = " ".repeat(indent);
                    format!("{k}:\n{pad}{}", pairs.join(&format!("\n{pad}")))
                }),
            2 => (key(), prop::collection::vec(scalar(), 1..4), prop::sample::select(vec![0usize, 2]))
                .prop_map(|(k, items, indent)| {
                    let pad = " ".repeat(indent);
                    format!("{k}:\n{pad}- {}", items.join(&format!("\n{pad}- ")))
                }),
            1 => line(),
        ];
        prop::collection::vec(entry, 1..7).prop_map(|entries| entries.join("\n") + "\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn the_byte_check_accepts_exactly_the_characters_the_char_check_does(
            text in "(\\PC|[\\x00-\\x7f\u{80}-\u{a0}\u{2027}-\u{202a}\u{feff}\u{fffd}-\u{ffff}\u{10000}]){0,12}"
        ) {
            prop_assert_eq!(is_plain_stream(&text), text.chars().all(is_plain_stream_char));
        }

        #[test]
        fn whatever_the_subset_reads_of_a_document_serde_yaml_reads_the_same(
            text in document()
        ) {
            agrees_everywhere(&text);
        }

        #[test]
        fn whatever_the_subset_reads_serde_yaml_reads_the_same(
            lines in prop::collection::vec(line(), 1..9)
        ) {
            agrees_everywhere(&(lines.join("\n") + "\n"));
        }

        #[test]
        fn front_matter_shaped_documents_agree(
            title in scalar(), date in scalar(), tag in scalar(), alt in scalar(),
            flow in any::<bool>(),
        ) {
            let tags = if flow { format!("[{tag}, b]") } else { format!("\n  - {tag}\n  - b") };
            let text = format!(
                "title: {title}\ndate: {date}\ntags: {tags}\nimage:\n  src: a.jpg\n  alt: {alt}\n"
            );
            agrees_everywhere(&text);
        }
    }

    #[test]
    fn the_generated_documents_reach_the_subset() {
        // Without this the differential tests above could pass by reading nothing.
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = document();
        let (mut parsed, mut values, mut typed) = (0, 0, 0);
        for _ in 0..2000 {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            parsed += usize::from(parse(&text).is_some());
            values += usize::from(from_str::<serde_yaml::Value>(&text).is_some());
            typed += usize::from(from_str::<Typed>(&text).is_some());
        }
        assert!(
            parsed > 200 && values > 50 && typed > 20,
            "of 2000 generated documents, {parsed} were parsed, {values} read as values and \
             {typed} as typed fields"
        );
    }
}
