//! A fluent helper: `Site::new().article(...).build()` writes files into a temp folder, runs the
//! `stakes` binary on it and gives typed access to the result.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use scraper::{Html, Selector};

/// A fixture site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// Front matter used when a test only cares about the body.
pub const BASIC_FRONT: &str = "title: A plain explainer\ndate: 2026-05-01\n";

impl Site {
    /// An empty site with a base URL, so no warning is printed.
    pub fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.file(
            "site.yaml",
            "title: Test Site\nbase_url: https://news.example/\n",
        )
    }

    /// An empty site of a newsroom in Brussels (`timezone: Europe/Brussels`), for the tests of
    /// times, scheduling and corrections (issue #18).
    pub fn in_brussels() -> Site {
        Site::new().file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\ntimezone: Europe/Brussels\n",
        )
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn file(self, path: &str, contents: &str) -> Site {
        self.bytes(path, contents.as_bytes())
    }

    /// Writes raw bytes.
    pub fn bytes(self, path: &str, contents: &[u8]) -> Site {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, contents).unwrap();
        self
    }

    /// Writes `content/<path>` with front matter and body.
    pub fn article(self, path: &str, front: &str, body: &str) -> Site {
        self.file(
            &format!("content/{path}"),
            &format!("---\n{front}---\n{body}"),
        )
    }

    /// Writes a small valid PNG of the given size.
    pub fn png(self, path: &str, width: u32, height: u32) -> Site {
        self.bytes(path, &png(width, height))
    }

    /// Runs `stakes build` with extra arguments.
    pub fn build_with(&self, args: &[&str]) -> Built {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stakes"));
        command
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .args(args);
        Built {
            output: command.output().expect("run stakes"),
            public: self.root().join("public"),
        }
    }

    /// Runs another subcommand (`check`, `new` …) on this site.
    pub fn run(&self, command: &str, args: &[&str]) -> Built {
        let mut process = Command::new(env!("CARGO_BIN_EXE_stakes"));
        process
            .arg(command)
            .arg("--root")
            .arg(self.root())
            .args(args);
        Built {
            output: process.output().expect("run stakes"),
            public: self.root().join("public"),
        }
    }

    /// Runs `stakes <args>` from inside the site folder, as the README tells users to
    /// (`cd my-site`, then `stakes build`): no `--root`, every path relative to the site.
    pub fn stakes_here(&self, args: &[&str]) -> Built {
        Built {
            output: stakes_in(self.root(), args),
            public: self.root().join("public"),
        }
    }

    /// Runs `stakes build`.
    pub fn build(&self) -> Built {
        self.build_with(&[])
    }
}

/// The result of a build.
pub struct Built {
    pub output: Output,
    pub public: PathBuf,
}

impl Built {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts success and returns self.
    pub fn ok(self) -> Built {
        assert!(
            self.output.status.success(),
            "build failed:\nstdout: {}\nstderr: {}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Asserts failure with exit code 1 and returns the error lines (without `error: `).
    pub fn errors(&self) -> Vec<String> {
        assert_eq!(
            self.output.status.code(),
            Some(1),
            "expected exit 1, stdout: {}\nstderr: {}",
            self.stdout(),
            self.stderr()
        );
        self.stderr()
            .lines()
            .filter_map(|l| l.strip_prefix("error: "))
            .map(str::to_string)
            .collect()
    }

    /// The warning lines (without `warning: `).
    pub fn warnings(&self) -> Vec<String> {
        self.stderr()
            .lines()
            .filter_map(|l| l.strip_prefix("warning: "))
            .map(str::to_string)
            .collect()
    }

    /// Reads an output file as text.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Whether an output file exists.
    pub fn exists(&self, path: &str) -> bool {
        self.public.join(path).exists()
    }

    /// Parses an output HTML file.
    pub fn html(&self, path: &str) -> Page {
        Page(Html::parse_document(&self.read(path)))
    }
}

/// A parsed HTML page with small query helpers.
pub struct Page(pub Html);

impl Page {
    /// All elements matching a CSS selector.
    pub fn all(&self, selector: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector = Selector::parse(selector).unwrap();
        self.0.select(&selector).collect()
    }

    /// The single element matching; panics if there is not exactly one.
    pub fn one(&self, selector: &str) -> scraper::ElementRef<'_> {
        let found = self.all(selector);
        assert_eq!(
            found.len(),
            1,
            "expected one `{selector}`, found {}",
            found.len()
        );
        found[0]
    }

    /// Text of the single match, whitespace collapsed.
    pub fn text(&self, selector: &str) -> String {
        text_of(self.one(selector))
    }

    /// Texts of all matches.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector).into_iter().map(text_of).collect()
    }

    /// An attribute of the single match.
    pub fn attr(&self, selector: &str, name: &str) -> String {
        self.one(selector)
            .value()
            .attr(name)
            .unwrap_or_else(|| panic!("{selector} has no {name}"))
            .to_string()
    }
}

/// Text content with whitespace collapsed.
pub fn text_of(element: scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An uncompressed (stored-deflate) RGB PNG: valid for any decoder, no dependencies.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0);
        for x in 0..width {
            raw.extend_from_slice(&[
                (x * 255 / width.max(1)) as u8,
                (y * 255 / height.max(1)) as u8,
                120,
            ]);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        zlib.extend_from_slice(&(block.len() as u16).to_le_bytes());
        zlib.extend_from_slice(&(!(block.len() as u16)).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The CRC-32 of PNG chunks, for tests that craft headers.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Parses XML strictly; panics with the parser's message if it is not well-formed.
pub fn parse_xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("invalid XML: {e}\n{text}"))
}

/// Runs `stakes <args>` in `dir`, as a user does from a terminal there: no `--root`, every path
/// relative to that folder.
pub fn stakes_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stakes"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run stakes")
}
