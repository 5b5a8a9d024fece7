//! Finds the git commit `stakes --version` names (issue #22) and hands it to the compiler as
//! `STAKES_COMMIT`: "commit 1a2b3c4d5", or "commit unknown" when it cannot be told.
//!
//! Where it looks, in order: `STAKES_BUILD_COMMIT` (set by builds without the git history, such
//! as the container build); the git checkout this package is the top of; the
//! `.cargo_vcs_info.json` that `cargo package` writes into a published crate. A checkout's
//! commit is read with `git rev-parse`, and the script asks to rerun only when `HEAD` or the
//! branch it points to moves: a build script that reruns on every build would recompile the
//! whole crate on every `cargo test`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Hex digits of the commit shown (git's own short form is 7 or more).
const SHORT: usize = 9;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=STAKES_BUILD_COMMIT");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let commit = given_commit()
        .or_else(|| checkout_commit(&manifest_dir))
        .or_else(|| packaged_commit(&manifest_dir));
    let text = match commit {
        Some(commit) => format!("commit {commit}"),
        None => "commit unknown".to_string(),
    };
    println!("cargo:rustc-env=STAKES_COMMIT={text}");
}

/// `STAKES_BUILD_COMMIT`, when a build passes it in (hex digits only, shortened).
fn given_commit() -> Option<String> {
    let given = std::env::var("STAKES_BUILD_COMMIT").ok()?;
    let given = given.trim();
    let hex = !given.is_empty() && given.chars().all(|c| c.is_ascii_hexdigit());
    hex.then(|| given.chars().take(SHORT).collect())
}

/// The commit of the git checkout whose top folder is `dir` (not of a repository the folder
/// merely sits in, such as a project that unpacked the published crate into its tree).
fn checkout_commit(dir: &Path) -> Option<String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
        return None;
    }
    let commit = git(dir, &["rev-parse", &format!("--short={SHORT}"), "HEAD"])?;
    watch_head(dir);
    Some(commit)
}

/// Reruns this script when `HEAD` changes (a checkout) or the branch it names moves (a
/// commit): `.git/HEAD`, and the branch's file, or `packed-refs` when the branch is packed.
/// Only files that exist are named: cargo reruns every time for a missing one.
fn watch_head(dir: &Path) {
    let git_path = |name: &str| git(dir, &["rev-parse", "--git-path", name]).map(|p| dir.join(p));
    let mut watched = Vec::new();
    watched.extend(git_path("HEAD"));
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        match git_path(&branch) {
            Some(loose) if loose.is_file() => watched.push(loose),
            _ => watched.extend(git_path("packed-refs")),
        }
    }
    for path in watched.into_iter().filter(|path| path.is_file()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// The `sha1` that `cargo package` records in `.cargo_vcs_info.json` (absent when the crate
/// was packaged from outside git).
fn packaged_commit(dir: &Path) -> Option<String> {
    let path = dir.join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(&path).ok()?;
    println!("cargo:rerun-if-changed={}", path.display());
    // {"git": {"sha1": "…"}, "path_in_vcs": ""}: read the one string without a JSON parser.
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let value = after
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let sha1: String = value.chars().take_while(char::is_ascii_hexdigit).collect();
    (sha1.len() >= SHORT).then(|| sha1[..SHORT].to_string())
}

/// One line of `git` output run in `dir`, or `None` when git is missing or says no.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_string())
}
