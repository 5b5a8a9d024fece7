//! `stakes check`: findings grouped by file with lines, exit codes, and the photo desk listing.

use crate::support::*;

#[test]
fn broken_links_missing_anchors_and_future_dates_are_found() {
    let site = Site::new()
        .article("world/summit.md", BASIC_FRONT, "Intro.\n\n## Sanctions\n\nText.\n")
        .article(
            "world/links.md",
            "title: Links\ndate: 2026-05-01\n",
            "See [the summit](/world/summit/#sanctions).\n\nBut [this](/world/summit/#nope) and\n[that](/world/gone/) are broken, and [here](#nowhere) too.\n\n[Fine](@/world/summit.md) and [external](https://example.org/x).\n",
        )
        .article(
            "later.md",
            "title: Later\ndate: 2099-01-01\npublish_at: 2026-01-01\n",
            "Body.\n",
        );
    let checked = site.run("check", &[]);
    assert_eq!(
        checked.output.status.code(),
        Some(1),
        "{}",
        checked.stdout()
    );
    let out = checked.stdout();
    let expected = "content/later.md\n  3: warning: `date: 2099-01-01` is still to come, but `publish_at: 2026-01-01` has passed: the article is live showing a publication date in the future; set `date` to when it went live\ncontent/world/links.md\n  7: error: link to `/world/summit/#nope`: the page has no element with id `nope`\n  8: error: link to `#nowhere`: the page has no element with id `nowhere`\n  8: error: link to `/world/gone/`: there is no such page or file in the site\n";
    assert!(out.starts_with(expected), "{out}");
    assert!(out.trim_end().ends_with("3 errors, 1 warning."), "{out}");
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn content_problems_are_reported_with_lines_and_fail() {
    let site = Site::new()
        .png("content/a.png", 4, 4)
        .article(
            "count.md",
            "title: Three things at stake\ndate: 2026-05-01\n",
            "## One\n\nA\n",
        )
        .article("alt.md", BASIC_FRONT, "![](a.png)\nCredit: X\n")
        .article("credit.md", BASIC_FRONT, "![Alt](a.png)\nCaption only\n")
        .article("image.md", BASIC_FRONT, "![Alt](missing.png)\nCredit: X\n")
        .article(
            "dup-a.md",
            "title: A\ndate: 2026-05-01\nslug: same\n",
            "Body\n",
        )
        .article(
            "dup-b.md",
            "title: B\ndate: 2026-05-01\nslug: same\n",
            "Body\n",
        );
    let checked = site.run("check", &[]);
    assert_eq!(checked.output.status.code(), Some(1));
    let out = checked.stdout();
    for expected in [
        "content/alt.md\n  5: error: image `a.png` has no alt text",
        "content/count.md\n  2: error: the title (“Three things at stake”) promises 3 things but the body has 1 numbered section (One)",
        "content/credit.md\n  5: error: figure `a.png` has no credit",
        "content/dup-a.md\n  error: content/dup-a.md and content/dup-b.md both publish to /same/",
        "content/image.md\n  5: error: image `missing.png` does not exist",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn the_demo_site_has_no_findings_and_credits_can_be_listed() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stakes"))
        .args([
            "check",
            "--list-credits",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("0 errors, 0 warnings."),
        "{stdout}"
    );
    assert!(stdout.contains("content/transport/rail-strike.md\n  7: rail-strike.jpg\n    caption (written): Most intercity services will not run on Monday and Tuesday.\n    credit (written): Stakes Demo Studio | Illustration\n"), "{stdout}");
}

#[test]
fn embedded_credits_are_listed_as_such() {
    let decoded = stakes_images::decode(&png(20, 20)).unwrap();
    let photo = stakes::testing::embed_for_tests(
        &stakes_images::encode_jpeg(&decoded, 80).unwrap(),
        &[(80, "Ann Photo"), (110, "Wire")],
        None,
    );
    let site = Site::new().bytes("content/a/p.jpg", &photo).article(
        "a/index.md",
        BASIC_FRONT,
        "![P](p.jpg)\nWritten caption.\n",
    );
    let out = site.run("check", &["--list-credits"]).ok().stdout();
    assert!(out.contains("  5: p.jpg\n    caption (written): Written caption.\n    credit (embedded): Ann Photo | Wire\n"), "{out}");
}

/// A one-thread HTTP server on loopback: `/ok` answers 200, anything else 404. It serves at
/// most `requests` requests, so the test never leaves it running.
fn tiny_server(requests: usize) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut buffer = [0u8; 2048];
            let read = stream.read(&mut buffer).unwrap_or(0);
            let head = String::from_utf8_lossy(&buffer[..read]);
            let path = head.split_whitespace().nth(1).unwrap_or("/");
            let status = if path == "/ok" {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let port = tiny_server(10);
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = Site::new().article(
        "a.md",
        BASIC_FRONT,
        &format!("Fine [link](http://127.0.0.1:{port}/ok).\n\nGone [link](http://127.0.0.1:{port}/gone).\n\nDown [link](http://127.0.0.1:{closed}/x).\n"),
    );
    let quiet = site.run("check", &[]).ok();
    assert!(
        quiet.stdout().contains("0 errors, 0 warnings"),
        "{}",
        quiet.stdout()
    );
    let checked = site.run(
        "check",
        &["--external", "--timeout", "5", "--concurrency", "2"],
    );
    assert_eq!(checked.output.status.code(), Some(1));
    let out = checked.stdout();
    assert!(
        out.contains(&format!(
            "  7: error: link to `http://127.0.0.1:{port}/gone`: the server answered 404"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "  9: warning: link to `http://127.0.0.1:{closed}/x`: no answer"
        )),
        "{out}"
    );
    assert!(!out.contains("/ok`"), "{out}");
}

/// Runs `stakes check` from the site's own folder, as the README tells users to, and returns
/// the findings (everything before the `Checked …` line) and the exit code.
fn check_in_site_folder(site: &Site) -> (String, Option<i32>) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stakes"))
        .current_dir(site.root())
        .arg("check")
        .output()
        .expect("run stakes");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let findings = stdout
        .lines()
        .take_while(|line| !line.starts_with("Checked "))
        .map(|line| format!("{line}\n"))
        .collect();
    (findings, out.status.code())
}

#[test]
fn issue16_attribute_values_are_decoded_once_not_twice() {
    // `&amp;lt;` is the text `&lt;`: decoding `&amp;` first and then `&lt;` turned it into
    // `<`, so a link to a real file was reported broken and a broken anchor was missed.
    let site = Site::new().file("static/files/a&lt;b.pdf", "%PDF").article(
        "world/links.md",
        "title: Links\ndate: 2026-05-01\n",
        "Intro.\n\n<p id=\"x&amp;lt;y\">Escaped twice.</p>\n\n\
             <a href=\"/files/a&amp;lt;b.pdf\">The file</a> exists.\n\n\
             <a href=\"#x&lt;y\">This anchor</a> is not the id above.\n",
    );
    let (findings, code) = check_in_site_folder(&site);
    assert_eq!(
        findings,
        "content/world/links.md\n  11: error: link to `#x<y`: the page has no element with id `x<y`\n"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn issue16_unquoted_ids_and_links_are_read() {
    let site = Site::new().article(
        "world/links.md",
        "title: Links\ndate: 2026-05-01\n",
        "Intro.\n\n<span id=budget>The budget</span> is [here](#budget).\n\n\
         <a href=/world/nowhere/>Gone</a>, and <img\nsrc=/missing.png alt=x>.\n",
    );
    let (findings, code) = check_in_site_folder(&site);
    assert_eq!(
        findings,
        "content/world/links.md\n  \
         9: error: link to `/world/nowhere/`: there is no such page or file in the site\n  \
         10: error: link to `/missing.png`: there is no such page or file in the site\n"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn issue16_links_and_ids_in_comments_and_scripts_are_not_markup() {
    let site = Site::new().article(
        "world/links.md",
        "title: Links\ndate: 2026-05-01\n",
        "Intro.\n\n<!-- The old version:\n<a href=\"/world/retired/\">retired</a>\n\
         <p id=\"ghost\">kept for reference</p> -->\n\n\
         <script>document.write('<a href=\"/world/from-js/\" id=\"scripted\">x</a>');</script>\n\n\
         <style>/* <a href=\"/world/from-css/\"> */</style>\n\n\
         See [the ghost](#ghost) and [the script](#scripted).\n",
    );
    let (findings, code) = check_in_site_folder(&site);
    assert_eq!(
        findings,
        "content/world/links.md\n  \
         15: error: link to `#ghost`: the page has no element with id `ghost`\n  \
         15: error: link to `#scripted`: the page has no element with id `scripted`\n"
    );
    assert_eq!(code, Some(1));
}
