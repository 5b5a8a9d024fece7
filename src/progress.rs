//! Progress of the long parts of a build — photos resized, pages written — counted with atomic
//! counters that the library bumps and the command line reads and draws (issue #16: a cold
//! build of a large archive was silent for half an hour). The library never prints: `cli/`
//! polls a [`Progress`] from its own thread. Each bump is one relaxed atomic increment, so a
//! 10,000-article build pays nothing measurable for it: no locks, no callbacks, no printing on
//! the build's threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Counters of one build, shared between the build's threads and whoever draws them.
#[derive(Debug, Default)]
pub struct Progress {
    photos_total: AtomicUsize,
    photos_done: AtomicUsize,
    pages_total: AtomicUsize,
    pages_done: AtomicUsize,
}

/// The counters at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Photos the build may resize: the resizable images under `content/` and `static/`,
    /// known before any article is read. An upper bound, since a file no figure shows is not
    /// resized; never below `photos_done`.
    pub photos_total: usize,
    /// Photos settled: resized, taken from the cache, or found unusable.
    pub photos_done: usize,
    /// Pages planned so far (articles first; listings are added once they are planned).
    pub pages_total: usize,
    /// Pages rendered (and, in a build, written).
    pub pages_done: usize,
}

impl Progress {
    /// Adds `n` photos the build may resize.
    pub(crate) fn expect_photos(&self, n: usize) {
        self.photos_total.fetch_add(n, Ordering::Relaxed);
    }

    /// One photo settled.
    pub(crate) fn photo_done(&self) {
        self.photos_done.fetch_add(1, Ordering::Relaxed);
    }

    /// Adds `n` pages to render.
    pub(crate) fn expect_pages(&self, n: usize) {
        self.pages_total.fetch_add(n, Ordering::Relaxed);
    }

    /// One page rendered.
    pub(crate) fn page_done(&self) {
        self.pages_done.fetch_add(1, Ordering::Relaxed);
    }

    /// The counters now. Each is read on its own, so a snapshot taken mid-build may be a few
    /// increments apart between counters; totals are raised to what is already done.
    pub fn snapshot(&self) -> Snapshot {
        let photos_done = self.photos_done.load(Ordering::Relaxed);
        let pages_done = self.pages_done.load(Ordering::Relaxed);
        Snapshot {
            photos_total: self.photos_total.load(Ordering::Relaxed).max(photos_done),
            photos_done,
            pages_total: self.pages_total.load(Ordering::Relaxed).max(pages_done),
            pages_done,
        }
    }
}

impl Snapshot {
    /// What the share of work done is measured by: photos while some are left (they are the
    /// slow part by far: tens of milliseconds each, against well under one for a page), then
    /// pages. `None` while nothing is planned yet.
    pub fn measure(&self) -> Option<Measure> {
        if self.photos_done < self.photos_total {
            Some(Measure::Photos)
        } else if self.pages_total > 0 {
            Some(Measure::Pages)
        } else {
            None
        }
    }

    /// The share of the work done, from 0 to 1, by [`Snapshot::measure`].
    pub fn fraction(&self) -> Option<f64> {
        let (done, total) = match self.measure()? {
            Measure::Photos => (self.photos_done, self.photos_total),
            Measure::Pages => (self.pages_done, self.pages_total),
        };
        Some(done as f64 / total as f64)
    }
}

/// The counter the share of work done is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Photos settled of photos expected.
    Photos,
    /// Pages rendered of pages planned.
    Pages,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_measure_the_work_until_they_are_done_then_pages() {
        let progress = Progress::default();
        assert_eq!(progress.snapshot().fraction(), None);
        progress.expect_photos(4);
        progress.expect_pages(10);
        progress.photo_done();
        let now = progress.snapshot();
        assert_eq!(now.measure(), Some(Measure::Photos));
        assert_eq!(now.fraction(), Some(0.25));
        for _ in 0..3 {
            progress.photo_done();
        }
        for _ in 0..5 {
            progress.page_done();
        }
        assert_eq!(progress.snapshot().measure(), Some(Measure::Pages));
        assert_eq!(progress.snapshot().fraction(), Some(0.5));
    }

    #[test]
    fn totals_never_fall_below_what_is_done() {
        let progress = Progress::default();
        progress.expect_photos(1);
        progress.photo_done();
        progress.photo_done();
        let now = progress.snapshot();
        assert_eq!((now.photos_done, now.photos_total), (2, 2));
        assert_eq!(now.measure(), None);
    }
}
