//! The staging folder opened once, so each file is created relative to its handle (`openat`,
//! `mkdirat`, `linkat`): the kernel then resolves one or two names per file instead of every
//! component of an absolute path. A build creates tens of thousands of files, and walking
//! their paths was ~5 % of a large build's CPU time. Elsewhere than Unix, plain paths.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// An open folder that files are created in, by path relative to it.
#[derive(Debug)]
pub(super) struct Folder {
    path: PathBuf,
    #[cfg(unix)]
    handle: std::os::fd::OwnedFd,
}

impl Folder {
    /// Opens an existing folder.
    pub(super) fn open(path: &Path) -> io::Result<Folder> {
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

    /// The full path of `relative`, for messages.
    pub(super) fn path_of(&self, relative: &str) -> PathBuf {
        self.path.join(relative)
    }

    /// Creates a new file, failing if anything (a file, a link to a user's file) is there.
    pub(super) fn create_new(&self, relative: &str) -> io::Result<File> {
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
    pub(super) fn create_dir(&self, relative: &str) -> io::Result<()> {
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

    /// Makes `relative` a hard link to `source` (a path as the process sees it).
    pub(super) fn hard_link(&self, source: &Path, relative: &str) -> io::Result<()> {
        #[cfg(unix)]
        {
            rustix::fs::linkat(
                rustix::fs::CWD,
                source,
                &self.handle,
                relative,
                rustix::fs::AtFlags::empty(),
            )?;
            Ok(())
        }
        #[cfg(not(unix))]
        {
            std::fs::hard_link(source, self.path_of(relative))
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
        folder.hard_link(&source, "world/photo.jpg").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("world/photo.jpg")).unwrap(),
            b"jpeg"
        );
        assert_eq!(
            folder
                .hard_link(&source, "world/photo.jpg")
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
