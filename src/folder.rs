//! A folder opened once, so each file in it is opened, created or linked relative to its
//! handle (`openat`, `mkdirat`, `linkat`): the kernel then resolves one or two names per file
//! instead of every component of an absolute path. A build reads, creates or links tens of
//! thousands of files under `content/` and the staging folder, and walking their paths was ~5 %
//! of a large build's CPU time. Elsewhere than Unix, plain paths.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// An open folder that files are created in, by path relative to it.
#[derive(Debug)]
pub(crate) struct Folder {
    path: PathBuf,
    #[cfg(unix)]
    handle: std::os::fd::OwnedFd,
}

impl Folder {
    /// Opens an existing folder.
    pub(crate) fn open(path: &Path) -> io::Result<Folder> {
        Ok(Folder {
            path: path.to_path_buf(),
            #[cfg(unix)]
            handle: rustix::fs::open(
                path,
                rustix::fs::OFlags::RDONLY
                    | rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )?,
        })
    }

    /// The folder's path, as opened.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The full path of `relative`, for messages.
    pub(crate) fn path_of(&self, relative: &str) -> PathBuf {
        self.path.join(relative)
    }

    /// Opens a file in the folder for reading.
    pub(crate) fn open_read(&self, relative: &str) -> io::Result<File> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let handle = rustix::fs::openat(
                &self.handle,
                relative,
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            Ok(File::from(handle))
        }
        #[cfg(not(unix))]
        {
            File::open(self.path_of(relative))
        }
    }

    /// Creates a new file, failing if anything (a file, a link to a user's file) is there.
    pub(crate) fn create_new(&self, relative: &str) -> io::Result<File> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let handle = rustix::fs::openat(
                &self.handle,
                relative,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            )?;
            Ok(File::from(handle))
        }
        #[cfg(not(unix))]
        {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(self.path_of(relative))
        }
    }

    /// Creates one folder (its parent must exist).
    pub(crate) fn create_dir(&self, relative: &str) -> io::Result<()> {
        #[cfg(unix)]
        {
            rustix::fs::mkdirat(
                &self.handle,
                relative,
                rustix::fs::Mode::from_raw_mode(0o777),
            )?;
            Ok(())
        }
        #[cfg(not(unix))]
        {
            std::fs::create_dir(self.path_of(relative))
        }
    }

    /// Makes `relative` a hard link to `source`: a path relative to `from` when given, else a
    /// path as the process sees it.
    pub(crate) fn hard_link(
        &self,
        from: Option<&Folder>,
        source: &Path,
        relative: &str,
    ) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let from = from.map_or(rustix::fs::CWD, |folder| folder.handle.as_fd());
            rustix::fs::linkat(
                from,
                source,
                &self.handle,
                relative,
                rustix::fs::AtFlags::empty(),
            )?;
            Ok(())
        }
        #[cfg(not(unix))]
        {
            let source = from.map_or(source.to_path_buf(), |folder| folder.path.join(source));
            std::fs::hard_link(source, self.path_of(relative))
        }
    }

    /// `path` relative to this folder, when it is inside it. Compared as text first (every
    /// photo link asks, and `Path::strip_prefix` parses both paths into components); a path
    /// that is not UTF-8 is compared component by component.
    pub(crate) fn relative<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        match (self.path.to_str(), path.to_str()) {
            (Some(base), Some(full)) => {
                let rest = full.strip_prefix(base)?;
                // `base/x`, not `basement/x`.
                let rest = match base.ends_with(std::path::MAIN_SEPARATOR) {
                    true => rest,
                    false => rest.strip_prefix(std::path::MAIN_SEPARATOR)?,
                };
                let rest = rest.trim_start_matches(std::path::MAIN_SEPARATOR);
                (!rest.is_empty()).then(|| Path::new(rest))
            }
            _ => path.strip_prefix(&self.path).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_folders_and_links_land_under_the_folder_and_never_replace() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        folder.create_dir("world").unwrap();
        assert_eq!(
            folder.create_dir("world").unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(
            folder.create_dir("a/b").unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        io::Write::write_all(&mut folder.create_new("world/page.html").unwrap(), b"page").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("world/page.html")).unwrap(),
            b"page"
        );
        assert_eq!(
            folder.create_new("world/page.html").unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        let source = dir.path().join("photo.jpg");
        std::fs::write(&source, b"jpeg").unwrap();
        folder.hard_link(None, &source, "world/photo.jpg").unwrap();
        folder
            .hard_link(Some(&folder), Path::new("photo.jpg"), "world/copy.jpg")
            .unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("world/copy.jpg")).unwrap(),
            b"jpeg"
        );
        assert_eq!(folder.relative(&source), Some(Path::new("photo.jpg")));
        let beside = format!("{}ment/photo.jpg", dir.path().display());
        assert_eq!(folder.relative(Path::new(&beside)), None);
        assert_eq!(folder.relative(dir.path()), None);
        let mut read = String::new();
        io::Read::read_to_string(&mut folder.open_read("world/page.html").unwrap(), &mut read)
            .unwrap();
        assert_eq!(read, "page");
        assert_eq!(
            std::fs::read(dir.path().join("world/photo.jpg")).unwrap(),
            b"jpeg"
        );
        assert_eq!(
            folder
                .hard_link(None, &source, "world/photo.jpg")
                .unwrap_err()
                .kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(
            folder.path_of("world/page.html"),
            dir.path().join("world/page.html")
        );
    }
}
