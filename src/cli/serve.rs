//! `stakes serve`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Args;

use crate::error::Result;
use crate::progress::Progress;
use crate::serve::{self, ServeEvent, ServeOptions};

/// Options of `stakes serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (holding content/ and site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to listen on [default: 127.0.0.1]. Anything but loopback exposes drafts to your
    /// network, and turns off the Host-header check.
    #[arg(long)]
    bind: Option<IpAddr>,
    /// Show drafts (the default in serve; kept for symmetry with `build --drafts`).
    #[arg(long, conflicts_with = "no_drafts")]
    drafts: bool,
    /// Hide drafts, to preview exactly what `stakes build` publishes.
    #[arg(long)]
    no_drafts: bool,
    /// Hide articles that publish later (shown, marked "Scheduled for …", by default), to
    /// preview exactly what `stakes build` publishes.
    #[arg(long)]
    no_future: bool,
    /// Preview the site as it is at this moment (2026-12-08 06:00 in the site's time zone, a
    /// day, or RFC 3339 with its offset), e.g. the 06:00
    /// edition: articles scheduled until then are shown as published.
    #[arg(long, value_name = "MOMENT", value_parser = super::parse_now)]
    now: Option<super::NowArg>,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Print only the address, warnings and errors: no progress, no line per rebuild.
    #[arg(long, short)]
    quiet: bool,
}

impl ServeArgs {
    /// Runs the server until Ctrl-C, showing the first build's progress while it lasts.
    pub fn run(self) -> Result<ExitCode> {
        let (open, quiet) = (self.open, self.quiet);
        let progress = Arc::new(Progress::default());
        let now = super::now_at(self.now.as_ref(), &self.root)?;
        let options = ServeOptions {
            root: self.root,
            port: self.port,
            bind: self.bind,
            include_drafts: self.drafts || !self.no_drafts,
            include_future: !self.no_future,
            now,
            progress: Arc::clone(&progress),
        };
        let shown = |yes: bool| if yes { "shown" } else { "hidden" };
        let drafts = format!(
            "drafts {}, scheduled articles {}",
            shown(options.include_drafts),
            shown(options.include_future)
        );
        // Ended by the first build's outcome; warnings meanwhile are printed around the bar.
        let first_build = Mutex::new(Some(super::progress::show(progress, "written", quiet)));
        serve::run(options, move |event| {
            let mut display = first_build.lock().unwrap_or_else(|e| e.into_inner());
            match event {
                ServeEvent::Warning(warning) => {
                    let print = || super::print_warnings(std::slice::from_ref(&warning));
                    match display.as_ref() {
                        Some(shown) => shown.suspend(print),
                        None => print(),
                    }
                }
                event => {
                    display.take();
                    print_event(event, &drafts, open, quiet);
                }
            }
        })?;
        say!("Stopped.");
        Ok(ExitCode::SUCCESS)
    }
}

/// Prints what the server reports, but warnings (which may come while progress is shown).
fn print_event(event: ServeEvent, drafts: &str, open: bool, quiet: bool) {
    match event {
        ServeEvent::Listening(url) => {
            say!("Serving {url} ({drafts}; Ctrl-C to stop)");
            if open {
                open_browser(&url);
            }
        }
        ServeEvent::Built(report) if report.errors.is_some() => {
            if let Some(error) = &report.errors {
                super::print_errors(error);
            }
            complain!("Serving the rest of the site: the pages with errors show their last good version, or are left out until they are fixed.");
        }
        ServeEvent::Built(_) if quiet => {}
        ServeEvent::Built(report) if report.what == "everything" => {
            say!(
                "Built the site ({} files) in {} ms",
                report.pages,
                report.elapsed.as_millis()
            );
        }
        ServeEvent::Built(report) => {
            let pages = match report.pages {
                0 => String::new(),
                1 => " (+1 page)".to_string(),
                n => format!(" (+{n} pages)"),
            };
            say!(
                "Rebuilt {}{pages} in {} ms",
                report.what,
                report.elapsed.as_millis()
            );
        }
        ServeEvent::Failed {
            error,
            serving_last_good,
        } => {
            super::print_errors(&error);
            if serving_last_good {
                complain!("The site did not rebuild; still serving the last good version.");
            } else {
                complain!("The site did not build; fix the errors above and save: open pages reload when it builds.");
            }
        }
        ServeEvent::Warning(warning) => super::print_warnings(std::slice::from_ref(&warning)),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        complain!("warning: could not start `{opener}`; open {url} yourself");
    }
}
