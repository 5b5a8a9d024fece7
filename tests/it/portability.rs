//! What a Windows checkout brings (issue #22): files with CRLF line endings (git's `autocrlf`)
//! must build the same site as LF ones, and paths — which Windows spells with `\` — must
//! become URLs, manifest entries and `file:line` locations with `/`. These run on every
//! system; on Windows (the CI's windows-latest job) they also exercise the `\` paths.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::*;

/// Every file under `dir`, by its path relative to `dir` with `/`, with its bytes.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                let parts: Vec<_> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.insert(parts.join("/"), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// A copy of the repository's demo site (`site.yaml`, `content/`, `static/`) in `dir`, with
/// the line endings of its Markdown and YAML made `ending`, whatever the checkout has.
fn demo_site_with_line_endings(dir: &Path, ending: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = BTreeMap::new();
    for folder in ["content", "static"] {
        for (path, bytes) in files_under(&repo.join(folder)) {
            sources.insert(format!("{folder}/{path}"), bytes);
        }
    }
    sources.insert(
        "site.yaml".to_string(),
        std::fs::read(repo.join("site.yaml")).unwrap(),
    );
    for (path, bytes) in sources {
        let text_file = path.ends_with(".md") || path.ends_with(".yaml");
        let bytes = if text_file {
            let text = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
            text.replace('\n', ending).into_bytes()
        } else {
            bytes
        };
        let full = dir.join(&path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
}

#[test]
fn a_crlf_checkout_of_the_demo_builds_the_same_site_as_an_lf_one_issue_22() {
    let built = ["\n", "\r\n"].map(|ending| {
        let site = tempfile::tempdir().unwrap();
        demo_site_with_line_endings(site.path(), ending);
        let output = stakes_in(
            site.path(),
            &[
                "build",
                "--now",
                "2026-12-07T00:00:00Z",
                "--no-image-processing",
            ],
        );
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        files_under(&site.path().join("public"))
    });
    let [lf, crlf] = built;
    assert!(lf.contains_key("transport/rail-strike/index.html"));
    assert_eq!(
        lf.keys().collect::<Vec<_>>(),
        crlf.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &lf {
        assert!(
            bytes == &crlf[path],
            "{path} differs when the sources have CRLF"
        );
    }
}

#[test]
fn errors_in_crlf_files_name_the_same_lines_as_in_lf_files_issue_22() {
    let article = "---\ntitle: Three things at stake\ndate: 2026-05-01\ntagz: [x]\n---\nIntro.\n\n## One\n\n![A chart](chart.png)\nA caption without a credit.\n\n## Two\n\nText.\n";
    let errors = ["\n", "\r\n"].map(|ending| {
        Site::new()
            .file("content/world/a.md", &article.replace('\n', ending))
            .png("content/world/chart.png", 40, 30)
            .build()
            .errors()
    });
    assert_eq!(errors[0], errors[1]);
    assert!(
        errors[0]
            .iter()
            .any(|e| e.starts_with("content/world/a.md:4: unknown key `tagz`")),
        "{:?}",
        errors[0]
    );
    assert!(
        errors[0]
            .iter()
            .any(|e| e.starts_with("content/world/a.md:10: figure `chart.png` has no credit")),
        "{:?}",
        errors[0]
    );
}

#[test]
fn urls_the_manifest_and_messages_spell_nested_paths_with_slashes_issue_22() {
    let site = Site::new()
        .article(
            "world/europe/summit/index.md",
            "title: The summit\ndate: 2026-05-01\nimage:\n  src: hall.png\n  alt: The hall\n  credit: A | B\n",
            "Intro with a [map](data/map.svg) and a [link](@/world/europe/talks.md).\n\n![The table](room/table.png)\nThe table.\nCredit: C | D\n",
        )
        .png("content/world/europe/summit/hall.png", 600, 400)
        .png("content/world/europe/summit/room/table.png", 600, 400)
        .file("content/world/europe/summit/data/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"></svg>")
        .article("world/europe/talks.md", BASIC_FRONT, "Talks.\n")
        .file("static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
    let built = site.build_with(&["--precompress"]).ok();

    let page = built.html("world/europe/summit/index.html");
    let mut urls: Vec<String> = ["href", "src", "srcset", "content"]
        .iter()
        .flat_map(|attribute| {
            page.all(&format!("[{attribute}]"))
                .into_iter()
                .map(move |element| element.value().attr(attribute).unwrap().to_string())
        })
        .collect();
    for feed in ["atom.xml", "sitemap.xml"] {
        let text = built.read(feed);
        let document = parse_xml(&text);
        urls.extend(document.descendants().filter_map(|node| {
            let text = node.text().filter(|t| t.starts_with("http"));
            text.or(node.attribute("href")).map(str::to_string)
        }));
    }
    assert!(
        // A link to a file beside the article goes where the file is published.
        urls.iter()
            .any(|u| u == "/world/europe/summit/data/map.svg"),
        "{urls:?}"
    );
    assert!(urls.iter().any(|u| u == "/world/europe/talks/"), "{urls:?}");
    assert!(
        urls.iter()
            .any(|u| u.starts_with("/world/europe/summit/room/table.")),
        "{urls:?}"
    );
    assert!(
        urls.iter()
            .any(|u| u == "https://news.example/world/europe/summit/"),
        "{urls:?}"
    );
    assert!(urls.iter().all(|u| !u.contains('\\')), "{urls:?}");

    // The manifest lists every file with `/`, as the next build compares them: with `\` the
    // next build would take every file for one the user added, and refuse to replace them.
    let manifest = built.read(".stakes-output");
    for listed in [
        "world/europe/summit/index.html",
        "world/europe/summit/index.html.gz",
        "world/europe/summit/data/map.svg",
        "img/logo.svg",
    ] {
        assert!(
            manifest.lines().any(|line| line == listed),
            "{listed}\n{manifest}"
        );
    }
    assert!(!manifest.contains('\\'), "{manifest}");
    site.build_with(&["--precompress"]).ok();

    let broken = site.file(
        "content/world/europe/broken.md",
        "---\ntitle: T\n---\nBody\n",
    );
    let errors = broken.build().errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/world/europe/broken.md:")),
        "{errors:?}"
    );
}
