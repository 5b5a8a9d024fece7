//! Measures `stakes serve`'s edit-to-reload latency: the time from writing one article to the
//! live-reload signal arriving at a connected page. A benchmark, not a test.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example gen_corpus -- --out /dev/shm/corpus -n 10000
//! cargo run --release --example serve_latency -- target/release/stakes /dev/shm/corpus [edits]
//! ```

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(binary), Some(site)) = (args.first(), args.get(1)) else {
        eprintln!("usage: serve_latency STAKES_BINARY SITE_DIR [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args(["serve", "--port", "0", "--root", site])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start stakes serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let port: u16 = loop {
        let line = lines.next().expect("server output").expect("utf-8");
        if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
            break rest
                .split('/')
                .next()
                .expect("port")
                .parse()
                .expect("port number");
        }
    };
    println!(
        "server ready after {} ms (initial full build included)",
        started.elapsed().as_millis()
    );
    std::thread::spawn(move || for _ in lines {});

    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET /__stakes/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .expect("request");
    let mut events = BufReader::new(stream);
    let mut generation = next_generation(&mut events);

    let article =
        first_article(std::path::Path::new(site).join("content").as_path()).expect("an article");
    let original = std::fs::read_to_string(&article).expect("read article");
    let mut samples = Vec::new();
    for n in 0..edits {
        std::thread::sleep(Duration::from_millis(150));
        let edited = format!("{original}\nEdit number {n}.\n");
        let t0 = Instant::now();
        std::fs::write(&article, edited).expect("write article");
        loop {
            let seen = next_generation(&mut events);
            if seen > generation {
                generation = seen;
                break;
            }
        }
        samples.push(t0.elapsed());
    }
    std::fs::write(&article, original).expect("restore article");
    drop(events);
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let _ = child.wait();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} edits of {}: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms (includes the {} ms debounce)",
        samples.len(),
        article.display(),
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() * 9 / 10]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        stakes::testing::DEBOUNCE.as_millis()
    );
}

fn next_generation(events: &mut BufReader<TcpStream>) -> u64 {
    let mut line = String::new();
    loop {
        line.clear();
        if events.read_line(&mut line).expect("event stream") == 0 {
            panic!("event stream closed");
        }
        if let Some(data) = line.trim_end().strip_prefix("data: ") {
            let status: serde_json::Value = serde_json::from_str(data).expect("status JSON");
            if let Some(errors) = status["errors"].as_array().filter(|e| !e.is_empty()) {
                panic!("rebuild failed: {errors:?}");
            }
            return status["generation"].as_u64().expect("generation");
        }
    }
}

fn first_article(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if let Some(found) = first_article(&path) {
                return Some(found);
            }
        } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("_index.md") {
            return Some(path);
        }
    }
    None
}
