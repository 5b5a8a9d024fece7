//! `stakes serve` over real HTTP: pages, live reload, the error overlay's data, and the guards.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::*;

/// A running `stakes serve`, stopped (with SIGTERM, so it cleans up) when dropped.
pub(crate) struct Server {
    child: Child,
    port: u16,
    /// Every line it printed on stdout after its URL.
    printed: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(site: &Site, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stakes"));
        command
            .arg("serve")
            .arg("--root")
            .arg(site.root())
            .args(args);
        Server::spawn(command)
    }

    /// Runs `stakes <args> --port 0` in `dir`, as a user does from a terminal.
    pub(crate) fn start_in(dir: &Path, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stakes"));
        command.current_dir(dir).args(args);
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let mut child = command
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let port = loop {
            let line = lines.next().expect("server printed its URL").unwrap();
            if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        let printed = Arc::new(Mutex::new(Vec::new()));
        let collected = Arc::clone(&printed);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                collected.lock().unwrap().push(line);
            }
        });
        Server {
            child,
            port,
            printed,
        }
    }

    /// What the server printed on stdout since it started listening.
    pub(crate) fn printed(&self) -> Vec<String> {
        self.printed.lock().unwrap().clone()
    }

    /// Whether it prints a line satisfying `wanted` within 20 s (a deadline, not a timing
    /// assertion: the line comes right after the pages change).
    pub(crate) fn prints(&self, wanted: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.printed().iter().any(|l| wanted(l)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// The page at `path`, polled until `wanted` holds of it or 20 s pass (a deadline for a
    /// hung server, not a timing assertion); `None` if it never did.
    pub(crate) fn page_once(&self, path: &str, wanted: impl Fn(&Page) -> bool) -> Option<Page> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (status, _, body) = self.get(path);
            let page = Page(Html::parse_document(&body));
            if status == 200 && wanted(&page) {
                return Some(page);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends a raw request head and returns (status, headers, body).
    fn raw(&self, head: &str) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        (status, headers, body.to_string())
    }

    pub(crate) fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host()
        ))
    }

    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__stakes/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.host()
        )
        .unwrap();
        Events {
            reader: BufReader::new(stream),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Windows has no SIGTERM (and no `kill` command): there the server is ended outright.
        #[cfg(unix)]
        {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(self.child.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The live-reload stream, read line by line.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next `status` event's JSON within `timeout`.
    fn next(&mut self, timeout: Duration) -> Option<serde_json::Value> {
        let deadline = Instant::now() + timeout;
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {
                    if let Some(data) = line.trim_end().strip_prefix("data: ") {
                        return Some(serde_json::from_str(data).unwrap());
                    }
                }
                Err(_) => continue,
            }
        }
        None
    }

    /// The generation of the first status event: the build the server started with.
    fn first_generation(&mut self) -> u64 {
        self.next(Duration::from_secs(5))
            .expect("the stream starts with the status")["generation"]
            .as_u64()
            .unwrap()
    }

    /// Waits for a rebuild after `generation` (failed or not); returns its generation.
    fn after(&mut self, generation: u64) -> u64 {
        self.until(|s| s["generation"].as_u64().unwrap() > generation)["generation"]
            .as_u64()
            .unwrap()
    }

    /// Waits for a status satisfying `wanted`.
    fn until(&mut self, wanted: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.next(Duration::from_secs(1)) {
                if wanted(&status) {
                    return status;
                }
            }
        }
        panic!("no matching status event in time");
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn edit(site: &Site, path: &str, contents: &str) {
    std::fs::write(site.root().join(path), contents).unwrap();
}

#[test]
fn serve_shows_edits_and_signals_a_reload() {
    let site = Site::new().article("world/a.md", BASIC_FRONT, "First version.\n");
    let server = Server::start(&site, &[]);
    let (status, headers, body) = server.get("/world/a/");
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    let page = Html::parse_document(&body);
    assert_eq!(Page(page).text(".intro"), "First version.");
    assert!(
        body.contains("/__stakes/events"),
        "the reload script is injected"
    );
    let mut events = server.events();
    let first = events
        .next(Duration::from_secs(5))
        .expect("the stream starts with the status");
    let generation = first["generation"].as_u64().unwrap();

    edit(
        &site,
        "content/world/a.md",
        &format!("---\n{BASIC_FRONT}---\nSecond version.\n"),
    );
    events.until(|s| {
        s["generation"].as_u64().unwrap() > generation && s["errors"].as_array().unwrap().is_empty()
    });
    let (_, _, body) = server.get("/world/a/");
    assert_eq!(
        Page(Html::parse_document(&body)).text(".intro"),
        "Second version."
    );
    assert!(
        !site.root().join("public").exists(),
        "serve never writes the user's public/"
    );
}

#[test]
fn an_edited_article_keeps_its_resized_photos() {
    let site = Site::new().png("content/a/lead.png", 600, 300).article(
        "a/index.md",
        "title: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Lead, credit: Desk}\n",
        "First.\n",
    );
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.first_generation();
    edit(&site, "content/a/index.md", "---\ntitle: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Lead, credit: Desk}\n---\nSecond.\n");
    events.after(first);
    let (_, _, body) = server.get("/a/");
    let page = Page(Html::parse_document(&body));
    assert_eq!(page.text(".intro"), "Second.");
    let src = page.attr("figure img", "src");
    assert!(
        src.starts_with("/a/lead.600."),
        "still the resized copy: {src}"
    );
    assert_eq!(server.get(&src).0, 200);
}

#[test]
fn saves_by_rename_and_renamed_folders_are_followed() {
    let site = Site::new().article("world/a.md", BASIC_FRONT, "One.\n");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.first_generation();
    // How many editors save: write a temporary file beside the article, then rename it over.
    let temporary = site.root().join("content/world/.a.md.swp");
    std::fs::write(&temporary, format!("---\n{BASIC_FRONT}---\nTwo.\n")).unwrap();
    std::fs::rename(&temporary, site.root().join("content/world/a.md")).unwrap();
    let second = events.after(first);
    assert_eq!(
        Page(Html::parse_document(&server.get("/world/a/").2)).text(".intro"),
        "Two."
    );
    std::fs::rename(
        site.root().join("content/world"),
        site.root().join("content/europe"),
    )
    .unwrap();
    events.after(second);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while server.get("/europe/a/").0 != 200 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(server.get("/europe/a/").0, 200);
    assert_eq!(
        server.get("/world/a/").0,
        404,
        "the old URL is gone after a full rebuild"
    );
}

#[test]
fn a_broken_rebuild_reports_errors_and_keeps_the_last_good_pages() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Good.\n");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.next(Duration::from_secs(5)).unwrap();
    edit(
        &site,
        "content/a.md",
        "---\ntitle: Broken: colon\ndate: 2026-05-01\n---\nBad.\n",
    );
    let broken = events.until(|s| !s["errors"].as_array().unwrap().is_empty());
    let errors = broken["errors"].as_array().unwrap();
    assert!(
        errors[0].as_str().unwrap().starts_with("content/a.md:2:"),
        "{errors:?}"
    );
    let (status, _, body) = server.get("/a/");
    assert_eq!(status, 200);
    assert_eq!(Page(Html::parse_document(&body)).text(".intro"), "Good.");
    edit(
        &site,
        "content/a.md",
        &format!("---\n{BASIC_FRONT}---\nFixed.\n"),
    );
    let fixed = events.until(|s| s["errors"].as_array().unwrap().is_empty());
    assert!(fixed["generation"].as_u64() > first["generation"].as_u64());
    let (_, _, body) = server.get("/a/");
    assert_eq!(Page(Html::parse_document(&body)).text(".intro"), "Fixed.");
}

#[test]
fn new_templates_and_static_files_are_picked_up() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body.\n");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.first_generation();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    edit(&site, "static/notes.txt", "hello");
    let second = events.after(first);
    assert_eq!(server.get("/notes.txt").2, "hello");
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    edit(&site, "templates/404.html", "<p id=\"lost\">Lost</p>");
    events.after(second);
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<p id=\"lost\">Lost</p>"));
}

#[test]
fn only_files_of_the_build_are_served() {
    let site = Site::new()
        .article("a.md", BASIC_FRONT, "Body.\n")
        .file("static/style.css", "p{}");
    let server = Server::start(&site, &[]);
    for attack in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsite.yaml",
        "/a/..%2F..%2Fsite.yaml",
        "/%5c..%5csite.yaml",
        "/..\\site.yaml",
        "//etc/passwd",
        "/content/a.md",
    ] {
        let (status, _, body) = server.get(attack);
        assert_eq!(status, 404, "{attack}");
        assert!(!body.contains("base_url"), "{attack}");
    }
    let (status, headers, _) = server.get("/a");
    assert_eq!(status, 301);
    assert_eq!(header(&headers, "location"), Some("/a/"));
    let (_, headers, _) = server.get("/style.css");
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/css; charset=utf-8")
    );
    let (_, headers, body) = server.get("/atom.xml");
    assert_eq!(header(&headers, "content-type"), Some("application/xml"));
    assert!(!body.contains("__stakes"), "the script goes into HTML only");
    let (status, _, body) = server.get("/tags/");
    assert_eq!(status, 200);
    assert!(!body.contains("Index of"), "no directory listings");
}

#[test]
fn requests_for_other_hosts_origins_and_methods_are_refused() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body.\n");
    let server = Server::start(&site, &[]);
    let (status, _, _) =
        server.raw("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 403, "DNS-rebinding guard");
    let (status, _, _) = server.raw(&format!(
        "GET / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(status, 200);
    let (status, _, _) = server.raw(&format!(
        "GET /__stakes/events HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
        server.host()
    ));
    assert_eq!(status, 403, "live reload only for our own pages");
    let (status, headers, _) = server.raw(&format!(
        "POST /a/ HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.host()
    ));
    assert_eq!(status, 405);
    assert_eq!(header(&headers, "allow"), Some("GET, HEAD"));
    let (status, headers, body) = server.raw(&format!(
        "HEAD /a/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.host()
    ));
    assert_eq!(status, 200);
    assert!(body.is_empty());
    assert!(
        header(&headers, "content-length")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 100
    );
    let (status, headers, body) = server.get("/missing/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's own 404 page");
    assert!(header(&headers, "access-control-allow-origin").is_none());
}

#[test]
fn drafts_are_shown_with_a_marker_unless_hidden() {
    let site = Site::new().article(
        "wip.md",
        "title: Unfinished\ndate: 2026-05-01\ndraft: true\n",
        "Body.\n",
    );
    let server = Server::start(&site, &[]);
    let (status, _, body) = server.get("/wip/");
    assert_eq!(status, 200);
    assert_eq!(
        Page(Html::parse_document(&body)).text(".draft-badge"),
        "Draft — not published"
    );
    drop(server);
    let hidden = Server::start(&site, &["--no-drafts"]);
    assert_eq!(hidden.get("/wip/").0, 404);
}

/// Issue #18: serve shows scheduled articles, marked, unless `--no-future`; `--now` previews
/// the edition at that moment.
#[test]
fn issue18_scheduled_articles_are_shown_marked_unless_hidden() {
    let site = Site::in_brussels().article(
        "summit.md",
        "title: Summit\ndate: 2026-12-08 06:00\n",
        "Body.\n",
    );
    let now = "2026-12-08T05:00:00+01:00";
    let server = Server::start(&site, &["--now", now]);
    let (status, _, body) = server.get("/summit/");
    assert_eq!(status, 200);
    assert_eq!(
        Page(Html::parse_document(&body)).text(".scheduled-badge"),
        "Scheduled for 8 December 2026, 06:00 CET — not yet published"
    );
    drop(server);
    let hidden = Server::start(&site, &["--no-future", "--now", now]);
    assert_eq!(hidden.get("/summit/").0, 404);
    drop(hidden);
    let later = Server::start(
        &site,
        &["--no-future", "--now", "2026-12-08T06:00:00+01:00"],
    );
    let (status, _, body) = later.get("/summit/");
    assert_eq!(status, 200);
    assert!(Page(Html::parse_document(&body))
        .all(".scheduled-badge")
        .is_empty());
}

#[test]
fn a_taken_port_is_explained() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body.\n");
    let first = Server::start(&site, &[]);
    let output = Command::new(env!("CARGO_BIN_EXE_stakes"))
        .args(["serve", "--port", &first.port.to_string(), "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {} is already in use", first.port))
            && stderr.contains("--port 0"),
        "{stderr}"
    );
}

#[test]
fn listing_cards_follow_card_template_and_article_edits() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body.\n");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.first_generation();
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    edit(
        &site,
        "templates/card.html",
        "<li class=\"card\"><b id=\"custom\">{{ a.title }}</b></li>",
    );
    let second = events.after(first);
    let home = |server: &Server| Page(Html::parse_document(&server.get("/").2)).text("#custom");
    assert_eq!(home(&server), "A plain explainer");
    edit(
        &site,
        "content/a.md",
        "---\ntitle: A retitled explainer\ndate: 2026-05-01\n---\nBody.\n",
    );
    events.after(second);
    assert_eq!(home(&server), "A retitled explainer");
}

/// Issue #16: every edit under a relative root (the default `.`, `--root site`, `--root .`)
/// was classified as outside the site, so nothing ever rebuilt. Each way a user starts the
/// server from a terminal must follow an edit to the page.
#[test]
fn issue16_live_reload_follows_edits_with_relative_roots() {
    let site = Site::new().article("world/a.md", BASIC_FRONT, "First version.\n");
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let ways: [(&Path, Vec<&str>); 3] = [
        (site.root(), vec!["serve"]),
        (site.root(), vec!["serve", "--root", "."]),
        (parent, vec!["serve", "--root", name]),
    ];
    for (round, (dir, args)) in ways.into_iter().enumerate() {
        let server = Server::start_in(dir, &args);
        assert!(server
            .page_once("/world/a/", |p| p.text(".intro").starts_with("First"))
            .is_some());
        let text = format!("Edit number {round}.");
        edit(
            &site,
            "content/world/a.md",
            &format!("---\n{BASIC_FRONT}---\n{text}\n"),
        );
        let page = server.page_once("/world/a/", |p| p.text(".intro") == text);
        assert!(
            page.is_some(),
            "`stakes {}` never showed the edit",
            args.join(" ")
        );
        assert!(
            server.prints(|l| l.starts_with("Rebuilt content/world/a.md ")),
            "{:?}",
            server.printed()
        );
        drop(server);
        edit(
            &site,
            "content/world/a.md",
            &format!("---\n{BASIC_FRONT}---\nFirst version.\n"),
        );
    }
}

/// The trial: one colleague's broken draft made every URL answer "The site has not built yet"
/// while the overlay claimed the last good version was shown. The rest of the site is served
/// now, the broken article is left out (or keeps its last good page), and the overlay says so.
#[test]
fn one_broken_article_does_not_stop_the_preview_of_the_others() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Good.\n").article(
        "b.md",
        "title: Three things at stake\ndate: 2026-05-02\n",
        "## Only one\n\nText.\n",
    );
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.next(Duration::from_secs(5)).unwrap();
    assert_eq!(first["serving"], "all_but_errors", "{first}");
    assert_eq!(
        first["errors"],
        serde_json::json!(["content/b.md:2: the title (“Three things at stake”) promises 3 things but the body has 1 numbered section (Only one): add a `## ` section for each of the others, or set `count:`"])
    );
    let (status, _, body) = server.get("/a/");
    assert_eq!(status, 200);
    assert_eq!(Page(Html::parse_document(&body)).text(".intro"), "Good.");
    assert_eq!(server.get("/b/").0, 404, "never built, so left out");

    edit(
        &site,
        "content/a.md",
        &format!("---\n{BASIC_FRONT}---\nEdited.\n"),
    );
    assert!(server
        .page_once("/a/", |page| page.text(".intro") == "Edited.")
        .is_some());

    // Broken after a good build: its last good page stays while the rest goes on.
    edit(
        &site,
        "content/b.md",
        "---\ntitle: B\ndate: 2026-05-02\n---\nB is good.\n",
    );
    assert!(server
        .page_once("/b/", |page| page.text(".intro") == "B is good.")
        .is_some());
    events.until(|s| s["errors"].as_array().unwrap().is_empty());
    edit(
        &site,
        "content/b.md",
        "---\ntitle: Broken: colon\ndate: 2026-05-02\n---\nBad.\n",
    );
    edit(
        &site,
        "content/a.md",
        &format!("---\n{BASIC_FRONT}---\nEdited again.\n"),
    );
    let broken = events.until(|s| !s["errors"].as_array().unwrap().is_empty());
    assert_eq!(broken["serving"], "all_but_errors", "{broken}");
    assert!(server
        .page_once("/a/", |page| page.text(".intro") == "Edited again.")
        .is_some());
    let (status, _, body) = server.get("/b/");
    assert_eq!(status, 200);
    assert_eq!(
        Page(Html::parse_document(&body)).text(".intro"),
        "B is good."
    );
}

/// When the whole site cannot build (a template that does not compile) there is nothing to
/// show, and the overlay's status says so rather than claiming a last good version.
#[test]
fn a_site_that_never_built_says_so_until_it_builds() {
    let site = Site::new()
        .file("templates/page.html", "<p>\n{% if %}\n")
        .article("a.md", BASIC_FRONT, "Good.\n");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.next(Duration::from_secs(5)).unwrap();
    assert_eq!(first["serving"], "nothing", "{first}");
    assert!(first["errors"][0]
        .as_str()
        .unwrap()
        .starts_with("templates/page.html: "));
    let (status, _, body) = server.get("/a/");
    assert_eq!(status, 503);
    assert!(body.contains("The site has not built yet."), "{body}");
    edit(&site, "templates/page.html", "<p>{{ article.title }}</p>\n");
    let built = events.until(|s| s["errors"].as_array().unwrap().is_empty());
    assert_eq!(built["serving"], "everything", "{built}");
    assert!(server
        .page_once("/a/", |page| page.text(".intro") == "Good.")
        .is_some());
}

/// Issue #19: `authors.yaml` moves author pages and changes every byline, and an article
/// naming a new author makes a new page: both rebuild what they change.
#[test]
fn editing_authors_yaml_or_an_articles_authors_rebuilds_the_author_pages() {
    let front = "title: A\ndate: 2026-05-01\nauthors: [Ann Lee]\n";
    let site = Site::new()
        .file("authors.yaml", "Ann Lee:\n  role: Reporter\n")
        .article("a.md", front, "Text.\n");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.first_generation();
    let role = |path: &str| {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 200, "{path}");
        Page(Html::parse_document(&body)).text(".author-role")
    };
    assert_eq!(role("/authors/ann-lee/"), "Reporter");
    edit(
        &site,
        "authors.yaml",
        "Ann Lee:\n  role: Editor\n  slug: ann\n",
    );
    let second = events.after(first);
    assert_eq!(role("/authors/ann/"), "Editor");
    let (_, _, article) = server.get("/a/");
    assert_eq!(
        Page(Html::parse_document(&article)).attr("p.byline a[rel=author]", "href"),
        "/authors/ann/"
    );
    edit(
        &site,
        "content/a.md",
        "---\ntitle: A\ndate: 2026-05-01\nauthors: [Ann Lee, Bo Yu]\n---\nText.\n",
    );
    events.after(second);
    assert_eq!(server.get("/authors/bo-yu/").0, 200);
}

/// Issue #19: "More explainers" shows other articles' cards; retitling one while previewing
/// updates every page that shows it, without waiting for a full rebuild.
#[test]
fn related_cards_follow_edits_of_the_articles_they_show() {
    let site = Site::new()
        .article(
            "a.md",
            "title: Alpha\ndate: 2026-05-01\ntags: [x]\n",
            "Body.\n",
        )
        .article(
            "b.md",
            "title: Beta\ndate: 2026-05-02\ntags: [x]\n",
            "Body.\n",
        );
    let server = Server::start_in(site.root(), &["serve"]);
    let mut events = server.events();
    let first = events.first_generation();
    let related = |server: &Server| {
        Page(Html::parse_document(&server.get("/a/").2)).texts("section.related .card-title a")
    };
    assert_eq!(related(&server), ["Beta"]);
    edit(
        &site,
        "content/b.md",
        "---\ntitle: Beta retitled\ndate: 2026-05-02\ntags: [x]\n---\nBody.\n",
    );
    let second = events.after(first);
    assert_eq!(related(&server), ["Beta retitled"]);
    // Broken, Beta keeps its last good page and leaves the listings: and the cards too.
    edit(
        &site,
        "content/b.md",
        "---\ntitle: Two things at stake\ndate: 2026-05-02\ntags: [x]\n---\nBody.\n",
    );
    events.after(second);
    assert!(related(&server).is_empty());
}

/// A change that rebuilds the whole site names the file that caused it (a trial of #19 saw a
/// bare "Built the site" after a tag edit).
#[test]
fn a_full_rebuild_names_what_changed() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body.\n");
    let server = Server::start_in(site.root(), &["serve"]);
    let mut events = server.events();
    let first = events.first_generation();
    edit(
        &site,
        "content/b.md",
        "---\ntitle: B\ndate: 2026-05-02\n---\nBody.\n",
    );
    events.after(first);
    assert!(
        server.prints(|l| l.starts_with("Rebuilt everything after content/b.md (+")),
        "{:?}",
        server.printed()
    );
}

#[test]
fn issue21_every_language_is_previewed_and_an_edited_translation_reloads() {
    let front = "title: Summit\ndate: 2026-05-01\n";
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nlanguages: [en, fr]\n",
        )
        .article("world/a.md", front, "English.\n")
        .article(
            "world/a.fr.md",
            "title: Sommet\ndate: 2026-05-01\n",
            "Français.\n",
        );
    // From the site's own folder, as the README says.
    let server = Server::start_in(site.root(), &["serve"]);
    let (status, _, body) = server.get("/fr/world/a/");
    assert_eq!(status, 200);
    let page = Page(Html::parse_document(&body));
    assert_eq!(page.text(".intro"), "Français.");
    assert_eq!(page.attr("html", "lang"), "fr");
    // The preview's address, not the site's: the switcher stays in the preview.
    assert_eq!(page.attr(".site-languages a[lang=en]", "href"), "/world/a/");
    let mut events = server.events();
    let first = events.next(Duration::from_secs(5)).expect("status");
    let generation = first["generation"].as_u64().unwrap();
    edit(
        &site,
        "content/world/a.fr.md",
        "---\ntitle: Sommet\ndate: 2026-05-01\n---\nDeuxième version.\n",
    );
    events.until(|s| {
        s["generation"].as_u64().unwrap() > generation && s["errors"].as_array().unwrap().is_empty()
    });
    let (_, _, body) = server.get("/fr/world/a/");
    assert_eq!(
        Page(Html::parse_document(&body)).text(".intro"),
        "Deuxième version."
    );
    // A missing page in the French edition gets the French 404 page.
    let (status, _, missing) = server.get("/fr/nulle-part/");
    assert_eq!(status, 404);
    assert_eq!(
        Page(Html::parse_document(&missing)).attr("html", "lang"),
        "fr"
    );
    let (_, _, english) = server.get("/world/a/");
    assert_eq!(
        Page(Html::parse_document(&english)).text(".intro"),
        "English."
    );
}
