//! Progress of long work (issue #16): the plain lines written when stderr is not a terminal,
//! `--quiet`, and the same progress for `check` and for `serve`'s first build. Each test runs
//! the binary from the site's own folder, as the README tells users to, with the interval
//! between lines set through `STAKES_PROGRESS_INTERVAL_MS` so no test waits ten seconds.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Output, Stdio};

use crate::support::*;

/// The variable that sets the interval between plain progress lines, in milliseconds.
const INTERVAL: &str = "STAKES_PROGRESS_INTERVAL_MS";

/// Two articles showing three photos between them.
fn site_with_photos() -> Site {
    Site::new()
        .png("content/world/summit/ruins.png", 800, 500)
        .png("content/world/summit/talks.png", 700, 400)
        .png("content/world/crowd.png", 640, 480)
        .article(
            "world/summit/index.md",
            "title: The summit\ndate: 2026-05-01\nimage:\n  src: ruins.png\n  alt: Ruins\n  credit: Desk\n",
            "Intro.\n\n![Talks](talks.png)\nThe talks.\nCredit: Desk\n",
        )
        .article(
            "world/crowd.md",
            BASIC_FRONT,
            "![A crowd](crowd.png)\nThe crowd.\nCredit: Desk\n",
        )
}

/// Runs `stakes <args>` in the site's folder, with progress lines every `interval_ms`.
fn stakes_in(site: &Site, args: &[&str], interval_ms: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stakes"))
        .current_dir(site.root())
        .args(args)
        .env(INTERVAL, interval_ms)
        .output()
        .expect("run stakes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The progress lines of stderr (every line but warnings and errors).
fn progress_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| !l.starts_with("warning: ") && !l.starts_with("error: "))
        .collect()
}

/// `(done, total, rest)` from `<what>: <done> of <total> <rest>`.
fn counts<'a>(part: &'a str, what: &str) -> (usize, usize, &'a str) {
    let rest = part
        .strip_prefix(&format!("{what}: "))
        .unwrap_or_else(|| panic!("`{part}` does not start with `{what}: `"));
    let (done, rest) = rest.split_once(" of ").expect("`N of M`");
    let (total, rest) = rest.split_once(' ').expect("a word after the total");
    let number = |n: &str| n.replace(',', "").parse::<usize>().expect("a number");
    (number(done), number(total), rest)
}

/// Asserts that a line has the documented shape: `photos: D of T done[ (P %)]`, `pages: D of
/// T <verb>[ (P %)]`, `about … left`, in that order, separated by `, `.
fn assert_progress_line(line: &str, verb: &str) {
    let mut parts = line.split(", ").peekable();
    if parts.peek().is_some_and(|p| p.starts_with("photos: ")) {
        let (done, total, rest) = counts(parts.next().unwrap(), "photos");
        assert!(done <= total, "{line}");
        assert!(rest == "done" || rest.starts_with("done ("), "{line}");
    }
    if parts.peek().is_some_and(|p| p.starts_with("pages: ")) {
        let (done, total, rest) = counts(parts.next().unwrap(), "pages");
        assert!(done <= total, "{line}");
        assert!(rest.starts_with(verb), "{line}");
    }
    match parts.next() {
        None => {}
        Some(eta) => assert!(
            eta.starts_with("about ") && eta.ends_with(" left")
                || eta == "reading the site's files",
            "{line}"
        ),
    }
    assert_eq!(parts.next(), None, "{line}");
}

#[test]
fn issue16_a_build_outside_a_terminal_writes_plain_progress_lines_and_keeps_its_summary() {
    let site = site_with_photos();
    let output = stakes_in(&site, &["build"], "0");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let (last, total) = assert_progress_to_the_end(&stderr, "written");
    assert!(total > 2, "two articles and the listings: {stderr}");
    assert_eq!(last.len(), 2, "nothing is left: {stderr}");
    // The summary on stdout is as it was, and alone.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with(
            "Built 2 articles, 1 section, 0 tags, 3 photos (3 processed, 0 from cache) in "
        ),
        "{stdout}"
    );
}

#[test]
fn issue16_progress_lines_wait_for_their_interval() {
    // An hour between lines: a build this small finishes long before the first one is due,
    // and nothing is printed at its end either.
    let site = site_with_photos();
    let output = stakes_in(&site, &["build"], "3600000");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");
    assert!(text(&output.stdout).starts_with("Built 2 articles"));
}

#[test]
fn issue16_quiet_builds_print_no_progress_and_no_summary_but_still_warn() {
    // No base_url: the build warns, and --quiet keeps the warning.
    let site = site_with_photos().file("site.yaml", "title: Test Site\n");
    let output = stakes_in(&site, &["build", "--quiet"], "0");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "", "no summary");
    let stderr = text(&output.stderr);
    assert_eq!(progress_lines(&stderr), Vec::<&str>::new(), "{stderr}");
    assert!(
        stderr.starts_with("warning: site.yaml: no `base_url` set"),
        "{stderr}"
    );
    assert!(site.root().join("public/world/summit/index.html").is_file());
    // `-q` is the same switch.
    let output = stakes_in(&site, &["build", "-q"], "0");
    assert_eq!(text(&output.stdout), "");
    assert_eq!(progress_lines(&text(&output.stderr)), Vec::<&str>::new());
}

#[test]
fn issue16_check_shows_the_same_progress_and_quiet_keeps_only_the_findings() {
    let site = site_with_photos().article(
        "world/links.md",
        BASIC_FRONT,
        "Intro.\n\nSee [the summit](/world/summit/#nope).\n",
    );
    let output = stakes_in(&site, &["check"], "0");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_progress_to_the_end(&stderr, "checked");
    let finding =
        "  7: error: link to `/world/summit/#nope`: the page has no element with id `nope`";
    assert!(stdout.contains(finding), "{stdout}");
    assert!(stdout.contains("Checked "), "{stdout}");

    let output = stakes_in(&site, &["check", "--quiet"], "0");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_eq!(stderr, "", "no progress");
    assert_eq!(stdout, format!("content/world/links.md\n{finding}\n"));
}

#[test]
fn issue16_serve_shows_progress_for_its_first_build() {
    let site = site_with_photos();
    let mut child = Command::new(env!("CARGO_BIN_EXE_stakes"))
        .current_dir(site.root())
        .args(["serve", "--port", "0"])
        .env(INTERVAL, "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run stakes serve");
    // Drain stderr while stdout is read: progress lines every interval would otherwise fill the
    // pipe and block the server before it prints its address (a deadlock seen under load).
    let mut child_stderr = child.stderr.take().unwrap();
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        child_stderr.read_to_string(&mut text).unwrap();
        text
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    for line in stdout.by_ref() {
        let line = line.unwrap();
        let serving = line.starts_with("Serving http://127.0.0.1:");
        printed.push(line);
        if serving {
            break;
        }
    }
    #[cfg(unix)]
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    #[cfg(not(unix))]
    let _ = child.kill();
    let _ = child.wait();
    let stderr = stderr_reader.join().expect("stderr reader");
    assert!(
        printed.last().is_some_and(|l| l.starts_with("Serving ")),
        "{printed:?}\n{stderr}"
    );
    assert!(
        printed.iter().any(|l| l.starts_with("Built the site (")),
        "{printed:?}"
    );
    assert_progress_to_the_end(&stderr, "written");
}

/// Asserts that `stderr` has plain progress lines, each well formed with pages `verb`
/// ("written", "checked"), the last one giving the final counts: every photo of the fixture
/// done and every page `verb`. Returns the last line's parts and the page total.
fn assert_progress_to_the_end<'e>(stderr: &'e str, verb: &str) -> (Vec<&'e str>, usize) {
    let lines = progress_lines(stderr);
    assert!(!lines.is_empty(), "no progress line: {stderr}");
    for line in &lines {
        assert_progress_line(line, verb);
    }
    let last: Vec<&str> = lines.last().unwrap().split(", ").collect();
    assert_eq!(last[0], "photos: 3 of 3 done", "{stderr}");
    let (done, total, rest) = counts(last[1], "pages");
    assert_eq!(
        (done, rest),
        (total, format!("{verb} (100 %)").as_str()),
        "{stderr}"
    );
    (last, total)
}
