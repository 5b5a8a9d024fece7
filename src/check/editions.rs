//! `stakes check` of a multilingual site (issue #21): each edition is checked as a site, then
//! their reports are joined — links between editions checked against every edition's files,
//! an author warned about only when no edition names them, each finding once. It must not
//! load or render: `check` does, edition by edition.

use std::collections::HashSet;

use super::{broken_links, finding, sort, CheckReport, PageLinks, Severity};
use crate::error::Warning;
use crate::site::Site;

/// One edition checked up to its links: stopped early, or scanned with its pages and files
/// for the link check, which needs every edition's.
pub(super) enum Checked {
    Stopped(CheckReport),
    Scanned {
        report: CheckReport,
        site: Box<Site>,
        pages: Vec<PageLinks>,
        files: HashSet<String>,
    },
}

/// The reports of a multilingual site's editions as one, each finding once (a mistake in
/// site.yaml or the theme is found by every edition).
fn joined(reports: Vec<CheckReport>) -> CheckReport {
    let mut reports = reports.into_iter();
    let mut report = reports.next().unwrap_or_default();
    for more in reports {
        report.findings.extend(more.findings);
        report.credits.extend(more.credits);
        report.pages += more.pages;
        report.stopped_early = report.stopped_early.or(more.stopped_early);
        report.scheduled.extend(more.scheduled);
        report.next_expiry = match (report.next_expiry.take(), more.next_expiry) {
            (Some(a), Some(b)) => Some(if b.at < a.at { b } else { a }),
            (a, b) => a.or(b),
        };
    }
    let mut seen = HashSet::new();
    report
        .findings
        .retain(|f| seen.insert((f.at.to_string(), f.message.clone())));
    sort(&mut report.findings);
    report
        .scheduled
        .sort_by(|a, b| (a.at, &a.source).cmp(&(b.at, &b.source)));
    report
}

/// Joins the editions' checks into one report (one edition: its report, its links checked).
pub(super) fn join(checked: Vec<Checked>) -> CheckReport {
    // Links between editions (the switcher, an article not translated) are checked against
    // every edition's files, each under its folder.
    let mut every_file: HashSet<String> = HashSet::new();
    // An author named only in French articles is named in no English one: the warning is
    // given when no edition names them.
    let mut author_warnings: Option<Vec<Warning>> = None;
    for edition in &checked {
        if let Checked::Scanned { site, files, .. } = edition {
            let folder = site.config.output_folder();
            every_file.extend(files.iter().map(|file| format!("{folder}{file}")));
            let found = site.content.authors.warnings();
            author_warnings = Some(match author_warnings {
                None => found,
                Some(kept) => kept.into_iter().filter(|w| found.contains(w)).collect(),
            });
        }
    }
    let reports = checked
        .into_iter()
        .map(|edition| match edition {
            Checked::Stopped(report) => report,
            Checked::Scanned {
                mut report,
                site,
                pages,
                files: _,
            } => {
                let files = &every_file;
                report.findings.extend(broken_links(&site, &pages, files));
                report
            }
        })
        .collect();
    let mut report = joined(reports);
    report.findings.extend(
        (author_warnings.unwrap_or_default().into_iter()).map(|w| finding(Severity::Warning, w)),
    );
    sort(&mut report.findings);
    report
}
