//! `stakes --version` names the version and the git commit the binary was built from
//! (issue #22), so a bug report says exactly which code it is about.

use std::process::Command;

/// What build.rs found: the commit given to the build, the commit of the checkout the tests
/// run in, or none (a copy without git history).
fn expected_commit() -> String {
    if let Ok(given) = std::env::var("STAKES_BUILD_COMMIT") {
        return format!("commit {}", &given[..given.len().min(9)]);
    }
    let manifest_dir = env!("CARGO_MANIFEST_DIR");
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(args)
            .current_dir(manifest_dir)
            .output()
            .ok()?;
        let text = String::from_utf8(output.stdout).ok()?.trim().to_string();
        (output.status.success() && !text.is_empty()).then_some(text)
    };
    let top = git(&["rev-parse", "--show-toplevel"]).and_then(|t| std::fs::canonicalize(t).ok());
    if top.is_some() && top == std::fs::canonicalize(manifest_dir).ok() {
        let commit = git(&["rev-parse", "--short=9", "HEAD"]).expect("a commit");
        return format!("commit {commit}");
    }
    "commit unknown".to_string()
}

#[test]
fn version_names_the_release_and_the_commit_issue_22() {
    let output = Command::new(env!("CARGO_BIN_EXE_stakes"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!(
            "stakes {} ({})\n",
            env!("CARGO_PKG_VERSION"),
            expected_commit()
        )
    );
}
