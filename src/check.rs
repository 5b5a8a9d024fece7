//! `stakes check`: everything a build would catch, plus what would embarrass a newsroom once
//! published — broken internal links and anchors, a live article showing a date still to
//! come — and what is scheduled to publish next (issue #18), collected into
//! findings grouped by file, without writing any output. It can also list every photo with its
//! caption and credit and where each came from, for the photo desk.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::content::Article;
use crate::error::{Error, Location, Result, Warning};
use crate::markdown::Figure;
use crate::render::Renderer;
use crate::site::{BuildOptions, LoadOutcome, Rendering, Site, Stop};

mod editions;
use editions::Checked;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the check (exit 1).
    Error,
    /// Printed, but the check passes.
    Warning,
}

/// One problem, at a file and (where known) a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub at: Location,
    /// What and how to fix it.
    pub message: String,
}

/// One photo as the photo desk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoCredit {
    /// The image as written.
    pub src: String,
    /// Line of the article.
    pub line: usize,
    /// Caption as plain text.
    pub caption: Option<String>,
    /// `written` or `embedded`.
    pub caption_from: Option<&'static str>,
    /// Credit.
    pub credit: Option<String>,
    /// `written` or `embedded`.
    pub credit_from: Option<&'static str>,
}

/// The result of a check.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Findings sorted by file and line.
    pub findings: Vec<Finding>,
    /// Per article (source path), its photos; filled when asked for.
    pub credits: Vec<(PathBuf, Vec<PhotoCredit>)>,
    /// Pages checked.
    pub pages: usize,
    /// What stopped the check before any page was rendered (so links and anchors were not
    /// checked), if something did: a problem of the whole site, not of one article.
    pub stopped_early: Option<&'static str>,
    /// Articles left out because they publish later, soonest first.
    pub scheduled: Vec<crate::content::Scheduled>,
    /// The live article that expires next, if any.
    pub next_expiry: Option<crate::content::Scheduled>,
}

impl CheckReport {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// How to check links to other sites (`--external`).
#[derive(Debug, Clone)]
pub struct ExternalLinks {
    /// Longest wait for one server.
    pub timeout: std::time::Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
}

impl Default for ExternalLinks {
    fn default() -> Self {
        ExternalLinks {
            timeout: std::time::Duration::from_secs(10),
            concurrency: 8,
        }
    }
}

/// Loads, renders in memory and inspects the site. Problems in the content are findings, not
/// an `Err`; `Err` is kept for what stops the check itself (an unreadable folder). An article
/// with errors is left out and the rest of the site is still rendered and checked, so one run
/// reports everything; only a problem of the whole site stops it early.
pub fn check(
    options: &BuildOptions,
    list_credits: bool,
    external: Option<&ExternalLinks>,
) -> Result<CheckReport> {
    crate::site::check_root(&options.root)?;
    // Every language's edition of a multilingual site is checked (issue #21), each as a site.
    let outcomes = match crate::site::load_every_language(&options.root, &options.site_options()) {
        Ok(outcomes) => outcomes,
        Err(error) => {
            return Ok(stopped(
                Stop::Settings.reason(),
                &error.into_list(),
                Vec::new(),
            ))
        }
    };
    let mut checked = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        checked.push(check_edition(options, outcome, list_credits, external)?);
    }
    Ok(editions::join(checked))
}

/// Checks one edition (the whole site, for a site in one language).
fn check_edition(
    options: &BuildOptions,
    outcome: LoadOutcome,
    list_credits: bool,
    external: Option<&ExternalLinks>,
) -> Result<Checked> {
    let LoadOutcome {
        site,
        errors,
        left_out,
        warnings,
    } = outcome;
    let site = match site {
        Ok(site) => site,
        Err(stop) => return Ok(Checked::Stopped(stopped(stop.reason(), &errors, warnings))),
    };
    let now = options.now.unwrap_or_else(jiff::Timestamp::now);
    let mut report = CheckReport {
        findings: errors_found(&errors),
        scheduled: site.content.scheduled.clone(),
        next_expiry: next_expiry(&site, now),
        ..CheckReport::default()
    };
    // A skeleton from `stakes new` nobody filled in must not be published (issue #16).
    for article in &site.content.articles {
        report.findings.extend(
            crate::scaffold::placeholders(&site.root, article)
                .into_iter()
                .map(|w| finding(Severity::Error, w)),
        );
    }
    // What a translation left untranslated must not be published: like the placeholders of
    // `stakes new`, an error here and a warning in a build (issue #21).
    report.findings.extend(site.warnings().into_iter().map(|w| {
        let severity = if site.content.untranslated.contains(&w) {
            Severity::Error
        } else {
            Severity::Warning
        };
        finding(severity, w)
    }));
    let renderer = match Renderer::new(&site.config, &site.content, &site.theme) {
        Ok(renderer) => renderer,
        Err(error) => {
            report.findings.extend(errors_found(&error.into_list()));
            report.stopped_early = Some("card.html fails on the listing cards");
            sort(&mut report.findings);
            return Ok(Checked::Stopped(report));
        }
    };
    let (pages, rendering) = scan_pages(&site, &renderer);
    report.findings.extend(errors_found(&rendering.errors));
    report.pages = pages.iter().filter(|p| p.path.ends_with(".html")).count();
    let mut files: HashSet<String> = pages.iter().map(|p| p.path.clone()).collect();
    files.extend(site.files_to_copy()?.into_iter().map(|(_, output)| output));
    // Pages that exist but were left out (their own errors are listed) are no broken links.
    files.extend(rendering.failed);
    files.extend(left_out.iter().map(|path| format!("{path}index.html")));
    // A file copied onto a generated page fails the build: the check says so too.
    for clash in crate::site::copy_clashes(&site, &renderer)? {
        report.findings.extend(findings_of(&clash, Severity::Error));
    }
    report.findings.extend(future_dates(&site, now));
    if let Some(external) = external {
        report
            .findings
            .extend(external_links(&site, &pages, external));
    }
    if list_credits {
        report.credits = every_credit(&site);
    }
    drop(renderer);
    Ok(Checked::Scanned {
        report,
        site: Box::new(site),
        pages,
        files,
    })
}

/// Every article's photos with their captions and credits (`--list-credits`);
/// `authors.yaml`'s photos come first, under that file's name.
fn every_credit(site: &Site) -> Vec<(PathBuf, Vec<PhotoCredit>)> {
    let authors = &site.content.authors;
    let headshots: Vec<PhotoCredit> = authors
        .profiles
        .iter()
        .filter_map(|p| p.photo.as_ref())
        .map(credit_of)
        .collect();
    let book =
        (!headshots.is_empty()).then(|| (PathBuf::from(crate::layout::AUTHORS_FILE), headshots));
    book.into_iter()
        .chain(
            site.content
                .articles
                .iter()
                .map(|a| (a.source.clone(), photo_credits(a))),
        )
        .filter(|(_, c)| !c.is_empty())
        .collect()
}

/// The report of a check that a problem of the whole site stopped before any page rendered.
fn stopped(reason: &'static str, errors: &[Error], warnings: Vec<Warning>) -> CheckReport {
    let mut findings = errors_found(errors);
    findings.extend(warnings.into_iter().map(|w| finding(Severity::Warning, w)));
    sort(&mut findings);
    CheckReport {
        findings,
        stopped_early: Some(reason),
        ..CheckReport::default()
    }
}

/// Renders every page in memory, keeping only its links and ids; pages that fail are
/// reported in the [`Rendering`] and checking goes on.
fn scan_pages(site: &Site, renderer: &Renderer<'_>) -> (Vec<PageLinks>, Rendering) {
    let pages: Mutex<Vec<PageLinks>> = Mutex::new(Vec::new());
    let rendering = site.render_past_errors(renderer, |page| {
        let links = if page.path.ends_with(".html") {
            PageLinks::scan(&page.path, &String::from_utf8_lossy(&page.bytes))
        } else {
            PageLinks::file(&page.path)
        };
        pages
            .lock()
            .expect("no panics while holding the lock")
            .push(links);
        Ok(())
    });
    let pages = pages
        .into_inner()
        .expect("no panics while holding the lock");
    (pages, rendering)
}

fn finding(severity: Severity, warning: Warning) -> Finding {
    Finding {
        severity,
        at: warning.at,
        message: warning.message,
    }
}

fn errors_found(errors: &[Error]) -> Vec<Finding> {
    errors
        .iter()
        .flat_map(|e| findings_of(e, Severity::Error))
        .collect()
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.at.path, a.at.line, a.severity, &a.message)
            .cmp(&(&b.at.path, b.at.line, b.severity, &b.message))
    });
}

fn findings_of(error: &Error, severity: Severity) -> Vec<Finding> {
    error
        .problems()
        .into_iter()
        .map(|problem| match problem {
            Error::Content { at, message } => Finding {
                severity,
                at: at.clone(),
                message: message.clone(),
            },
            Error::Template { template, .. } => Finding {
                severity,
                at: Location::file(template),
                message: problem
                    .to_string()
                    .strip_prefix(&format!("{template}: "))
                    .unwrap_or_default()
                    .to_string(),
            },
            other => Finding {
                severity,
                at: Location::file(""),
                message: other.to_string(),
            },
        })
        .collect()
}

/// The links and ids of one rendered page.
#[derive(Debug)]
struct PageLinks {
    path: String,
    ids: HashSet<String>,
    links: Vec<String>,
}

impl PageLinks {
    fn file(path: &str) -> PageLinks {
        PageLinks {
            path: path.to_string(),
            ids: HashSet::new(),
            links: Vec::new(),
        }
    }

    fn scan(path: &str, html: &str) -> PageLinks {
        let found = crate::html::scan::scan(html);
        PageLinks {
            path: path.to_string(),
            ids: found.ids.into_iter().collect(),
            links: found.links,
        }
    }
}

/// The article behind each article page (`world/summit/index.html`).
fn articles_by_page(site: &Site) -> HashMap<String, &Article> {
    site.content
        .articles
        .iter()
        .map(|a| (format!("{}index.html", a.path), a))
        .collect()
}

/// Where a link on a page is written: the article's line, or the page when a template made it.
fn link_location(
    site: &Site,
    sources: &HashMap<String, &Article>,
    page: &str,
    link: &str,
) -> Location {
    match sources.get(page) {
        Some(article) => locate(&site.root, article, link, &site.config.base_path),
        None => Location::file(format!("/{page} (a page made by the templates)")),
    }
}

/// Internal links (root-relative under the site's path, absolute on its address, or relative to
/// the page) whose target file or anchor does not exist. `files` holds every file of the
/// site, those of a multilingual site's other editions under their folders (`fr/…`), so links
/// between editions are checked too (issue #21).
fn broken_links(site: &Site, pages: &[PageLinks], files: &HashSet<String>) -> Vec<Finding> {
    let folder = site.config.output_folder();
    let ids: HashMap<String, &HashSet<String>> = pages
        .iter()
        .map(|p| (format!("{folder}{}", p.path), &p.ids))
        .collect();
    let sources = articles_by_page(site);
    // Paths are read from the whole site's root: the default edition's, where `fr/` is.
    let root_path = site.config.site_link("");
    let root_url = format!("{}{root_path}", site.config.origin());
    let mut findings = Vec::new();
    let mut reported: HashSet<(String, String)> = HashSet::new();
    for page in pages {
        let page_file = format!("{folder}{}", page.path);
        for link in &page.links {
            let local = match link.strip_prefix(&site.config.base_url) {
                Some(rest) => format!("{}{rest}", site.config.base_path),
                None => match link.strip_prefix(&root_url) {
                    Some(rest) => format!("{root_path}{rest}"),
                    None => link.clone(),
                },
            };
            let (target, fragment) = match local.split_once('#') {
                Some((target, fragment)) => (target.to_string(), Some(fragment.to_string())),
                None => (local.clone(), None),
            };
            let target = target.split('?').next().unwrap_or("").to_string();
            let inside = if target.is_empty() {
                None
            } else if target.starts_with("//") || target.contains(':') {
                continue; // external, mailto:
            } else if let Some(inside) = target.strip_prefix(root_path.as_str()) {
                Some(inside.to_string())
            } else if target.starts_with('/') {
                continue; // outside the site's path
            } else {
                // Relative to the page, as the browser reads it.
                let dir = page_file.rsplit_once('/').map_or("", |(dir, _)| dir);
                let joined = if dir.is_empty() {
                    target.clone()
                } else {
                    format!("{dir}/{target}")
                };
                match crate::content::normalise_relative(&joined) {
                    Some(path) => Some(path),
                    None => continue, // above the site's root
                }
            };
            let file = match inside {
                None => page_file.clone(),
                Some(inside) => {
                    let decoded = crate::content::percent_decode(&inside);
                    if decoded.is_empty() || decoded.ends_with('/') {
                        format!("{decoded}index.html")
                    } else {
                        decoded.into_owned()
                    }
                }
            };
            // As the writer typed it: an address in another script is shown in it, not
            // percent-encoded (issue #21).
            let readable = crate::content::percent_decode(link);
            let problem =
                if !files.contains(&file) && !files.contains(&format!("{file}/index.html")) {
                    Some(format!(
                        "link to `{readable}`: there is no such page or file in the site"
                    ))
                } else {
                    match (&fragment, ids.get(file.as_str())) {
                        (Some(fragment), Some(page_ids))
                            if !fragment.is_empty() && !page_ids.contains(fragment) =>
                        {
                            Some(missing_anchor(&readable, fragment, page_ids))
                        }
                        _ => None,
                    }
                };
            let Some(message) = problem else { continue };
            if !reported.insert((page.path.clone(), link.clone())) {
                continue;
            }
            let mut at = link_location(site, &sources, &page.path, &readable);
            if at.line.is_none() {
                at = link_location(site, &sources, &page.path, link);
            }
            findings.push(Finding {
                severity: Severity::Error,
                at,
                message,
            });
        }
    }
    findings
}

/// The message of a link to an anchor the page does not have, with the page's id for the
/// same words when there is one: heading anchors are ASCII, so `#ما-دور` written in Arabic
/// is `#ma-dur` on the page (issue #21).
fn missing_anchor(link: &str, fragment: &str, ids: &HashSet<String>) -> String {
    let words = crate::content::percent_decode(fragment);
    let slug = crate::slug::slugify(&words);
    let hint = if !slug.is_empty() && slug != fragment && ids.contains(&slug) {
        format!(": did you mean `#{slug}`? (heading anchors are written in Latin letters)")
    } else {
        String::new()
    };
    format!("link to `{link}`: the page has no element with id `{words}`{hint}")
}

/// Links to other sites that answer with an error (error) or not at all (warning: it may be a
/// passing outage). Each distinct URL is requested once, with a timeout and a limit on
/// requests in flight; HEAD first, GET when a server refuses HEAD.
fn external_links(site: &Site, pages: &[PageLinks], options: &ExternalLinks) -> Vec<Finding> {
    let sources = articles_by_page(site);
    let mut first_seen: BTreeMap<String, &PageLinks> = BTreeMap::new();
    for page in pages {
        for link in &page.links {
            let external = (link.starts_with("http://") || link.starts_with("https://"))
                && !link.starts_with(&site.config.base_url);
            if external {
                first_seen
                    .entry(link.split('#').next().unwrap_or(link).to_string())
                    .or_insert(page);
            }
        }
    }
    let urls: Vec<&String> = first_seen.keys().collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent("stakes-link-check")
        .build()
        .into();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let outcomes: Mutex<Vec<(usize, std::result::Result<u16, String>)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.max(1).min(urls.len().max(1)) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(url) = urls.get(index) else { break };
                let outcome = request_status(&agent, url);
                outcomes
                    .lock()
                    .expect("no panics while holding the lock")
                    .push((index, outcome));
            });
        }
    });
    let mut outcomes = outcomes
        .into_inner()
        .expect("no panics while holding the lock");
    outcomes.sort_by_key(|(index, _)| *index);
    outcomes
        .into_iter()
        .filter_map(|(index, outcome)| {
            let url = urls[index];
            let (severity, message) = match outcome {
                Ok(status) if status < 400 => return None,
                Ok(status) => (
                    Severity::Error,
                    format!("link to `{url}`: the server answered {status}"),
                ),
                Err(reason) => (
                    Severity::Warning,
                    format!("link to `{url}`: no answer ({reason})"),
                ),
            };
            let page = first_seen[url];
            let at = link_location(site, &sources, &page.path, url);
            Some(Finding {
                severity,
                at,
                message,
            })
        })
        .collect()
}

fn request_status(agent: &ureq::Agent, url: &str) -> std::result::Result<u16, String> {
    let status = agent
        .head(url)
        .call()
        .map(|r| r.status().as_u16())
        .map_err(|e| e.to_string())?;
    if status == 405 || status == 501 {
        return agent
            .get(url)
            .call()
            .map(|r| r.status().as_u16())
            .map_err(|e| e.to_string());
    }
    Ok(status)
}

/// The line of an article where a link is written, trying the forms a writer uses.
fn locate(root: &std::path::Path, article: &Article, link: &str, base_path: &str) -> Location {
    let source = std::fs::read_to_string(root.join(&article.source)).unwrap_or_default();
    let without_base = link.strip_prefix(base_path).map(|rest| format!("/{rest}"));
    let fragment = link.find('#').map(|i| &link[i..]);
    // Raw HTML in the body writes the link escaped (`href="#a&amp;b"`).
    let escaped = escape_attribute(link);
    let candidates: Vec<&str> = [
        Some(link),
        without_base.as_deref(),
        fragment,
        Some(escaped.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    for candidate in candidates {
        if let Some(index) = source
            .find(&format!("]({candidate}"))
            .or_else(|| source.find(candidate))
        {
            return Location::line(&article.source, source[..index].matches('\n').count() + 1);
        }
    }
    Location::file(&article.source)
}

/// `text` as an HTML attribute value is usually written.
fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Live articles whose `date` is still to come: `publish_at` has passed, so the page is
/// published showing a publication date in the future. (An article whose `date` alone is in
/// the future is scheduled, not published: issue #18.)
fn future_dates(site: &Site, now: jiff::Timestamp) -> Vec<Finding> {
    site.content
        .articles
        .iter()
        .filter(|a| !a.is_scheduled() && a.date.instant > now)
        .map(|a| {
            let release = a.publish_at.as_ref().map_or(String::new(), |p| {
                format!(", but `publish_at: {}` has passed", p.datetime)
            });
            Finding {
                severity: Severity::Warning,
                at: key_line(site, a, "date"),
                message: format!(
                    "`date: {}` is still to come{release}: the article is live showing a publication date in the future; set `date` to when it went live",
                    a.date.datetime
                ),
            }
        })
        .collect()
}

/// The article whose `expires:` comes next after `now`, as a desk reads it.
fn next_expiry(site: &Site, now: jiff::Timestamp) -> Option<crate::content::Scheduled> {
    let (article, at) = site
        .content
        .articles
        .iter()
        .filter_map(|a| Some((a, a.expires.as_ref()?.instant)))
        .filter(|(_, at)| *at > now)
        .min_by_key(|(a, at)| (*at, a.source.clone()))?;
    Some(crate::content::Scheduled {
        source: article.source.clone(),
        at,
        shown: crate::date::moment_in(at, &site.config.timezone),
    })
}

/// Where a front matter key of an article is written, read again from its file (only for the
/// rare finding that needs it).
fn key_line(site: &Site, article: &Article, key: &str) -> Location {
    let text = std::fs::read_to_string(site.root.join(&article.source))
        .map(crate::content::front_matter::normalise_text)
        .unwrap_or_default();
    match crate::content::front_matter::split_front_matter(&text) {
        Ok(split) => crate::content::front_matter::key_location(&article.source, split.yaml, key),
        Err(_) => Location::file(&article.source),
    }
}

fn photo_credits(article: &Article) -> Vec<PhotoCredit> {
    article.figures().map(credit_of).collect()
}

fn credit_of(figure: &Figure) -> PhotoCredit {
    PhotoCredit {
        src: figure.written_src.clone(),
        line: figure.line,
        caption: figure.caption_html.as_deref().map(crate::html::scan::text),
        caption_from: figure.caption_from,
        credit: figure.credit.clone(),
        credit_from: figure.credit_from,
    }
}

/// Groups findings by file for printing: (file, findings of that file).
pub fn by_file(findings: &[Finding]) -> BTreeMap<String, Vec<&Finding>> {
    let mut grouped: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        grouped
            .entry(crate::content::slash_path(&finding.at.path))
            .or_default()
            .push(finding);
    }
    grouped
}
