//! Draws the library's progress counters ([`crate::progress`]) while long work runs: `build`,
//! `check` and the first build of `serve` all use this one module (issue #16: a cold build of
//! a newsroom archive was silent for half an hour, and a silent process gets killed).
//!
//! On a terminal, a bar on stderr (indicatif) that appears only once the work has lasted a
//! second, so the common quick build prints nothing more than before. Elsewhere (CI logs, a
//! pipe), a plain line on stderr every ten seconds, and a last one with the final counts when
//! the work outlasted that interval:
//! `photos: 1,234 of 30,000 done (4 %), pages: 310 of 10,000 written, about 25 min left`.
//! `--quiet` turns both off. The interval can be set in milliseconds with the environment
//! variable `STAKES_PROGRESS_INTERVAL_MS`, which tests use so they need not wait ten seconds.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::{Measure, Progress, Snapshot};

/// Environment variable that sets the interval between plain progress lines, in milliseconds.
pub(crate) const INTERVAL_VARIABLE: &str = "STAKES_PROGRESS_INTERVAL_MS";
/// The interval between plain progress lines unless [`INTERVAL_VARIABLE`] says otherwise.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(10);
/// How long work runs before the terminal bar appears.
const TERMINAL_DELAY: Duration = Duration::from_secs(1);
/// How often the terminal bar is redrawn.
const TERMINAL_TICK: Duration = Duration::from_millis(100);
/// Width of the terminal bar, in characters.
const BAR_WIDTH: usize = 20;

/// A thread drawing one run's progress until it is dropped.
pub(crate) struct ProgressDisplay {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    bar: Option<ProgressBar>,
}

/// Starts drawing `progress`; `pages` says what happens to pages ("written", "checked").
/// Draws nothing when `quiet`.
pub(crate) fn show(progress: Arc<Progress>, pages: &'static str, quiet: bool) -> ProgressDisplay {
    let mut display = ProgressDisplay {
        stop: None,
        thread: None,
        bar: None,
    };
    if quiet {
        return display;
    }
    let (stop, stopped) = mpsc::channel();
    let started = Instant::now();
    let spawned = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::hidden();
        // One message holds the whole frame (see `frame`): a frame drawn between two setters
        // would mix old and new values, and stay up until the next redraw.
        if let Ok(style) = ProgressStyle::with_template("{spinner} {wide_msg}") {
            bar.set_style(style);
        }
        display.bar = Some(bar.clone());
        std::thread::Builder::new()
            .name("stakes-progress".into())
            .spawn(move || draw_bar(&progress, pages, &bar, &stopped, started))
    } else {
        let interval = plain_interval();
        std::thread::Builder::new()
            .name("stakes-progress".into())
            .spawn(move || write_lines(&progress, pages, interval, &stopped, started))
    };
    // Without a thread there is no progress to show; the work itself goes on.
    if let Ok(thread) = spawned {
        display.stop = Some(stop);
        display.thread = Some(thread);
    }
    display
}

impl ProgressDisplay {
    /// Runs `print` with the bar taken off the screen, so a line printed meanwhile is not drawn
    /// over.
    pub(crate) fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }
}

impl Drop for ProgressDisplay {
    /// Stops drawing and clears the bar, so what the command prints next stands alone.
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The interval between plain lines: [`INTERVAL_VARIABLE`] if it holds a number.
fn plain_interval() -> Duration {
    std::env::var(INTERVAL_VARIABLE)
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map(Duration::from_millis)
        .unwrap_or(DEFAULT_INTERVAL)
}

/// The terminal mode: a bar that appears after [`TERMINAL_DELAY`] and is cleared at the end.
fn draw_bar(
    progress: &Progress,
    pages: &str,
    bar: &ProgressBar,
    stopped: &mpsc::Receiver<()>,
    started: Instant,
) {
    while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(TERMINAL_TICK) {
        let elapsed = started.elapsed();
        if elapsed < TERMINAL_DELAY {
            continue;
        }
        bar.set_message(frame(&progress.snapshot(), elapsed, pages));
        if bar.is_hidden() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.tick();
    }
    bar.finish_and_clear();
}

/// The plain mode: a line every `interval`, and the final counts if the work lasted that long.
fn write_lines(
    progress: &Progress,
    pages: &str,
    interval: Duration,
    stopped: &mpsc::Receiver<()>,
    started: Instant,
) {
    // Waking more often than the interval keeps the lines close to it without spinning.
    let tick = interval.clamp(Duration::from_millis(50), Duration::from_secs(1));
    let mut last = started;
    while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(tick) {
        if last.elapsed() >= interval {
            last = Instant::now();
            complain!("{}", line(&progress.snapshot(), started.elapsed(), pages));
        }
    }
    let elapsed = started.elapsed();
    if elapsed >= interval {
        complain!("{}", line(&progress.snapshot(), elapsed, pages));
    }
}

/// The terminal's frame: a bar, the time left (first: on an 80-column terminal the end of
/// the line may be cut), then the counts.
fn frame(now: &Snapshot, elapsed: Duration, pages: &str) -> String {
    let filled = (now.fraction().unwrap_or(0.0) * BAR_WIDTH as f64) as usize;
    let bar = format!("{:<BAR_WIDTH$}", "=".repeat(filled.min(BAR_WIDTH)));
    match time_left_of(now, elapsed) {
        Some(left) => format!("[{bar}] about {left} left: {}", counts(now, pages)),
        None => format!("[{bar}] {}", counts(now, pages)),
    }
}

/// One progress line: what is done of what is expected, the share done, and the time left.
fn line(now: &Snapshot, elapsed: Duration, pages: &str) -> String {
    match time_left_of(now, elapsed) {
        Some(left) => format!("{}, about {left} left", counts(now, pages)),
        None => counts(now, pages),
    }
}

/// What is done of what is expected, and the share done.
fn counts(now: &Snapshot, pages: &str) -> String {
    let measure = now.measure();
    let share = |of: Measure| match (measure == Some(of), now.fraction()) {
        (true, Some(fraction)) => format!(" ({} %)", (fraction * 100.0).floor() as u32),
        _ => String::new(),
    };
    let mut parts = Vec::new();
    if now.photos_total > 0 {
        parts.push(format!(
            "photos: {} of {} done{}",
            thousands(now.photos_done),
            thousands(now.photos_total),
            share(Measure::Photos)
        ));
    }
    if now.pages_total > 0 {
        parts.push(format!(
            "pages: {} of {} {pages}{}",
            thousands(now.pages_done),
            thousands(now.pages_total),
            share(Measure::Pages)
        ));
    }
    if parts.is_empty() {
        parts.push("reading the site's files".to_string());
    }
    parts.join(", ")
}

/// The time left at the pace so far, if it can be told.
fn time_left_of(now: &Snapshot, elapsed: Duration) -> Option<String> {
    now.fraction().and_then(|f| time_left(f, elapsed))
}

/// The time left if the rest goes at the pace so far: none before a second has passed (too
/// early to tell), nor when nothing or everything is done.
fn time_left(fraction: f64, elapsed: Duration) -> Option<String> {
    if elapsed < Duration::from_secs(1) || fraction <= 0.0 || fraction >= 1.0 {
        return None;
    }
    let seconds = elapsed.as_secs_f64() * (1.0 - fraction) / fraction;
    Some(if seconds < 60.0 {
        // Counted in fives: a countdown by single seconds promises more than a guess can keep.
        format!("{} s", ((seconds / 5.0).ceil() as u64).max(1) * 5)
    } else if seconds < 90.0 * 60.0 {
        format!("{} min", (seconds / 60.0).round() as u64)
    } else {
        let minutes = (seconds / 60.0).round() as u64;
        format!("{} h {} min", minutes / 60, minutes % 60)
    })
}

/// `30000` → `30,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(photos: (usize, usize), pages: (usize, usize)) -> Snapshot {
        Snapshot {
            photos_done: photos.0,
            photos_total: photos.1,
            pages_done: pages.0,
            pages_total: pages.1,
        }
    }

    #[test]
    fn a_line_gives_counts_the_share_of_the_slow_part_and_the_time_left() {
        let minute = Duration::from_secs(60);
        assert_eq!(
            line(&snapshot((1_234, 30_000), (310, 10_000)), minute, "written"),
            "photos: 1,234 of 30,000 done (4 %), pages: 310 of 10,000 written, about 23 min left"
        );
        assert_eq!(
            line(&snapshot((40, 40), (9_000, 10_050)), minute * 2, "checked"),
            "photos: 40 of 40 done, pages: 9,000 of 10,050 checked (89 %), about 15 s left"
        );
        assert_eq!(
            line(&snapshot((0, 0), (7, 7)), minute, "written"),
            "pages: 7 of 7 written (100 %)"
        );
        assert_eq!(
            line(&Snapshot::default(), minute, "written"),
            "reading the site's files"
        );
    }

    #[test]
    fn the_terminal_frame_puts_the_bar_and_the_time_left_first() {
        assert_eq!(
            frame(&snapshot((4, 8), (3, 5)), Duration::from_secs(4), "written"),
            "[==========          ] about 5 s left: photos: 4 of 8 done (50 %), pages: 3 of 5 written"
        );
        assert_eq!(
            frame(&Snapshot::default(), Duration::from_secs(4), "written"),
            "[                    ] reading the site's files"
        );
    }

    #[test]
    fn time_left_is_rounded_to_what_a_guess_can_promise() {
        let elapsed = Duration::from_secs(100);
        assert_eq!(time_left(0.5, elapsed).as_deref(), Some("2 min"));
        assert_eq!(time_left(0.99, elapsed).as_deref(), Some("5 s"));
        assert_eq!(time_left(0.8, elapsed).as_deref(), Some("25 s"));
        assert_eq!(time_left(0.01, elapsed).as_deref(), Some("2 h 45 min"));
        assert_eq!(time_left(0.5, Duration::from_millis(900)), None);
        assert_eq!(time_left(1.0, elapsed), None);
    }

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(30_000), "30,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
