//! The README's quick start, walked as written: the commands are read from README.md itself
//! and run in order from the folders they `cd` into, and what each prints as a hint must be
//! what the README shows. A step whose behaviour or wording drifts from the README fails here
//! (issue #16: every new user followed `Next: cd site && stakes serve` into a server that never
//! reloaded).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::serve::Server;
use crate::support::*;

/// The README's "Quick start" section.
fn quick_start() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("\n## Quick start\n")
        .expect("the README has a Quick start");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

/// The commands of the section's first `sh` block, comments removed.
fn commands(section: &str) -> Vec<String> {
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the quick start has a ```sh block");
    block
        .lines()
        .map(|line| line.split(" #").next().unwrap().trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

/// Splits a command line into words, honouring double quotes.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn run(dir: &Path, args: &[String]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_stakes"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run stakes");
    assert!(
        output.status.success(),
        "`stakes {}` failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Asserts that `line`, as the command printed it, is a line of the quick start.
fn shown_verbatim(section: &str, line: &str) {
    assert!(
        section.lines().any(|l| l == line),
        "the README's quick start does not show this line as printed:\n{line}"
    );
}

#[test]
fn issue16_the_readme_quick_start_works_as_written() {
    let section = quick_start();
    let commands = commands(&section);
    let workspace = tempfile::tempdir().unwrap();
    let mut dir: PathBuf = workspace.path().to_path_buf();
    let mut done = BTreeSet::new();
    let mut hinted: Vec<String> = Vec::new();
    let mut article: Option<String> = None;
    for (i, line) in commands.iter().enumerate() {
        let words = words(line);
        if words[0] == "cargo" {
            continue; // Installing: the test runs the binary cargo built.
        }
        if words[0] == "cd" {
            dir = dir.join(&words[1]);
            assert!(dir.is_dir(), "`{line}`: no such folder");
            continue;
        }
        assert_eq!(
            words[0], "stakes",
            "a command the test does not know: `{line}`"
        );
        let args = &words[1..];
        done.insert(args[0].clone());
        match args[0].as_str() {
            "init" => {
                let printed = stdout_lines(&run(&dir, args));
                let next = printed.last().expect("init prints the next step");
                shown_verbatim(&section, next);
                // The hint is the README's next commands, in order.
                hinted = next
                    .strip_prefix("Next: ")
                    .expect("a `Next:` line")
                    .split(" && ")
                    .map(str::to_string)
                    .collect();
                let following: Vec<&String> = commands[i + 1..].iter().collect();
                let mut at = 0;
                for step in &hinted {
                    at += following[at..]
                        .iter()
                        .position(|c| *c == step)
                        .unwrap_or_else(|| panic!("init says `{step}`; the README does not"))
                        + 1;
                }
            }
            "new" => {
                let printed = stdout_lines(&run(&dir, args));
                assert_eq!(printed.len(), 1, "{printed:?}");
                shown_verbatim(&section, &printed[0]);
                let path = printed[0]
                    .strip_prefix("Created ")
                    .and_then(|p| p.split(" (").next())
                    .expect("`Created PATH (…)`");
                assert!(dir.join(path).is_file(), "{path}");
                article = Some(path.to_string());
            }
            "build" => {
                let printed = stdout_lines(&run(&dir, args));
                assert!(printed[0].starts_with("Built "), "{printed:?}");
                assert!(dir.join("public/index.html").is_file());
                let page = url_of(article.as_deref().expect("new ran first"));
                assert!(
                    !dir.join(format!("public{page}index.html")).exists(),
                    "the README says build leaves the draft out"
                );
            }
            "serve" => serve_and_edit(&dir, args, article.as_deref(), &section),
            "check" => {
                let printed = stdout_lines(&run(&dir, args));
                let last = printed.last().unwrap();
                assert!(
                    last.starts_with("Checked ") && last.ends_with(": 0 errors, 0 warnings."),
                    "{printed:?}"
                );
            }
            other => panic!("a command the test does not know: `stakes {other}`"),
        }
    }
    let every: BTreeSet<String> = ["init", "new", "build", "serve", "check"]
        .map(String::from)
        .into();
    assert_eq!(done, every, "the quick start runs every command");
    assert!(hinted.iter().any(|h| h == "stakes serve"), "{hinted:?}");
}

/// `content/world/x/index.md` → `/world/x/`.
fn url_of(article: &str) -> String {
    let inner = article
        .strip_prefix("content")
        .and_then(|p| p.strip_suffix("index.md"))
        .expect("a bundle under content/");
    inner.to_string()
}

/// Starts the server as the README says (on a free port instead of 1111, so tests can run
/// side by side), opens the new article, saves an edit and waits for the page to show it.
fn serve_and_edit(dir: &Path, args: &[String], article: Option<&str>, section: &str) {
    let article = article.expect("new ran first");
    let url = url_of(article);
    shown_verbatim_within(section, &format!("<http://127.0.0.1:1111{url}>"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let server = Server::start_in(dir, &args);
    let page = server
        .page_once(&url, |_| true)
        .expect("serve shows the draft");
    assert_eq!(
        page.text("h1"),
        "Five things at stake in the rail strike",
        "the README's example article"
    );
    let file = dir.join(article);
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nThe strike starts on Monday.\n");
    std::fs::write(&file, text).unwrap();
    let has_edit = |p: &Page| {
        p.0.root_element()
            .text()
            .any(|t| t.contains("starts on Monday"))
    };
    assert!(
        server.page_once(&url, has_edit).is_some(),
        "the page never showed the saved edit"
    );
    assert!(
        server.prints(|l| l.starts_with(&format!("Rebuilt {article} "))),
        "no `Rebuilt {article} …` line: {:?}",
        server.printed()
    );
}

/// Asserts that the quick start mentions `text` somewhere.
fn shown_verbatim_within(section: &str, text: &str) {
    assert!(
        section.contains(text),
        "the README's quick start does not mention {text}"
    );
}
