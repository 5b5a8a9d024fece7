//! Low-level reading of article files: positioned reads from the start of a file, the size
//! limit, UTF-8 checks, and how many files the survey may keep open between its two passes
//! (including raising the process's open-file limit at start-up). It knows bytes and handles;
//! it must not parse front matter or Markdown.

use super::front_matter::normalise_text;
use super::{SourceFile, MAX_ARTICLE_BYTES};
use crate::error::{Error, Location, Result};

/// Reads a file as UTF-8 text with a size limit, naming the file in every error.
pub fn read_text(file: &SourceFile) -> Result<String> {
    // One open, then the size from the handle: a path lookup fewer per file than stat + read.
    let handle = std::fs::File::open(&file.file).map_err(|e| Error::io(&file.shown, e))?;
    let size = handle
        .metadata()
        .map_err(|e| Error::io(&file.shown, e))?
        .len();
    if size > MAX_ARTICLE_BYTES {
        return Err(too_large(file, size));
    }
    read_open(&handle, file, MAX_ARTICLE_BYTES + 1, size as usize + 1).map(|(text, _)| text)
}

/// How much of an article the survey reads for its front matter: front matter is a few hundred
/// bytes, the body is read when it is parsed.
pub(super) const FRONT_MATTER_READ: u64 = 4 * 1024;

fn too_large(file: &SourceFile, size: u64) -> Error {
    Error::content(
        Location::file(&file.shown),
        format!(
            "is {} MiB; the limit for one article is {} MiB. Split it, or move data into static/",
            size / (1024 * 1024),
            MAX_ARTICLE_BYTES / (1024 * 1024)
        ),
    )
}

/// The whole of a file the survey kept open, read again from its start (the handle holds the
/// file the survey read even if it was replaced since). No size is asked for: a file over the
/// limit shows itself by reading past it.
pub(super) fn read_kept(handle: &std::fs::File, file: &SourceFile) -> Result<String> {
    let (text, whole) = read_open(handle, file, MAX_ARTICLE_BYTES + 1, 32 * 1024)?;
    if !whole {
        let size = handle.metadata().map_or(MAX_ARTICLE_BYTES + 1, |m| m.len());
        return Err(too_large(file, size));
    }
    Ok(text)
}

/// Reads at most `limit` bytes from the start of the file, as UTF-8 text naming the file in
/// every error; when the file is longer, the text is cut after its last complete line.
/// Returns whether the text is whole.
pub(super) fn read_open(
    handle: &std::fs::File,
    file: &SourceFile,
    limit: u64,
    capacity: usize,
) -> Result<(String, bool)> {
    let mut bytes =
        read_from_start(handle, limit, capacity).map_err(|e| Error::io(&file.shown, e))?;
    let whole = (bytes.len() as u64) < limit;
    if !whole {
        bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        // Whole lines only, so no character or line ending is cut in two.
        let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        bytes.truncate(end);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = crate::markdown::count_newlines(&e.as_bytes()[..offset]) + 1;
        Error::content(
            Location::line(&file.shown, line),
            format!("is not valid UTF-8 (byte {offset}): save the file as UTF-8"),
        )
    })?;
    Ok((normalise_text(text), whole))
}

/// At most `limit` bytes (or a few more, which the caller cuts) from the start of `handle`, in
/// a buffer of `capacity` bytes to begin with. Positioned reads: a file the survey read from is
/// read again without seeking back, and each read asks for all the room the buffer has, so an
/// article takes one read and the one that finds its end (it took a seek and three reads:
/// 20,000 more system calls on 10,000 articles).
#[cfg(unix)]
fn read_from_start(
    handle: &std::fs::File,
    limit: u64,
    capacity: usize,
) -> std::io::Result<Vec<u8>> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(capacity.clamp(1, limit.max(1)));
    while bytes.len() < limit {
        if bytes.len() == bytes.capacity() {
            // Doubles, up to the limit.
            bytes.reserve_exact(bytes.len().min(limit - bytes.len()));
        }
        let before = bytes.len();
        match rustix::io::pread(
            handle,
            rustix::buffer::spare_capacity(&mut bytes),
            before as u64,
        ) {
            Ok(0) => break,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(bytes)
}

/// Elsewhere than Unix: back to the start, then read.
#[cfg(not(unix))]
fn read_from_start(
    mut handle: &std::fs::File,
    limit: u64,
    capacity: usize,
) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek};
    handle.seek(std::io::SeekFrom::Start(0))?;
    let mut bytes = Vec::with_capacity(capacity);
    handle.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The most article files the survey keeps open for the body pass (more are opened again):
/// enough for large archives, small enough that the table of open files stays small.
pub(crate) const MOST_FILES_KEPT_OPEN: usize = 65_536;
/// Open files left for everything else: the output, photos, the preview server.
pub(crate) const FILES_LEFT_FREE: usize = 512;

/// How many more article files the survey may keep open for the body pass: each kept one
/// saves opening it again (a path lookup, an open and a close), but a process may only hold
/// so many files, and writing the site needs some.
pub(super) struct OpenHandles(std::sync::atomic::AtomicUsize);

impl OpenHandles {
    pub(super) fn for_this_process() -> OpenHandles {
        #[cfg(unix)]
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile)
            .current
            .unwrap_or(u64::MAX);
        // Elsewhere, keep none: a second open costs little there next to everything else.
        #[cfg(not(unix))]
        let limit = 0;
        let spare = usize::try_from(limit)
            .unwrap_or(usize::MAX)
            .saturating_sub(FILES_LEFT_FREE)
            .min(MOST_FILES_KEPT_OPEN);
        OpenHandles(std::sync::atomic::AtomicUsize::new(spare))
    }

    /// Takes one, if any is left.
    pub(super) fn take(&self) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.0
            .fetch_update(Relaxed, Relaxed, |left| left.checked_sub(1))
            .is_ok()
    }

    /// As many as `n`, whatever the process may hold.
    #[cfg(test)]
    pub(super) fn allowing(n: usize) -> OpenHandles {
        OpenHandles(std::sync::atomic::AtomicUsize::new(n))
    }
}

/// Lets a build keep its articles open between reading their front matter and their bodies
/// (see [`OpenHandles`]), as far as the system allows: the usual soft limit (1,024
/// files) is far below the usual hard one. Then grows the process's table of open files to
/// the size the build will use, while this is the only thread: grown later, with worker
/// threads running, each doubling of the table waits for an RCU grace period (measured: the
/// front-matter pass of 10,000 articles went from 80 ms to 140 ms).
pub(crate) fn prepare_open_files() {
    #[cfg(unix)]
    {
        use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
        use std::os::fd::AsFd;
        let limit = getrlimit(Resource::Nofile);
        let mut current = limit.current;
        if let (Some(now), Some(maximum)) = (limit.current, limit.maximum) {
            // Refused or not, the build adapts to the limit it has.
            if now < maximum
                && setrlimit(
                    Resource::Nofile,
                    Rlimit {
                        current: Some(maximum),
                        maximum: Some(maximum),
                    },
                )
                .is_ok()
            {
                current = Some(maximum);
            }
        }
        let wanted = MOST_FILES_KEPT_OPEN + FILES_LEFT_FREE;
        if let Some(top) = current.map(|c| c.min(wanted as u64)) {
            // A duplicate at the highest number used grows the table once; closing it keeps
            // the table.
            let _ = rustix::io::fcntl_dupfd_cloexec(std::io::stderr().as_fd(), top as i32 - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_from_their_start_whatever_the_buffer_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &text).unwrap();
        let mut handle = std::fs::File::open(&path).unwrap();
        // Wherever the handle stands, and from a buffer far smaller than the file.
        std::io::Read::read_exact(&mut handle, &mut [0; 100]).unwrap();
        assert_eq!(read_from_start(&handle, 1_000_000, 16).unwrap(), text);
        assert_eq!(read_from_start(&handle, 1_000_000, 10_000).unwrap(), text);
        let cut = read_from_start(&handle, 5_000, 16).unwrap();
        assert!(cut.len() >= 5_000, "{}", cut.len());
        assert_eq!(cut[..], text[..cut.len()]);
    }
}
