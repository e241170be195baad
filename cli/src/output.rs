//! Where results go: standard output, or a file written whole or not at all.
//!
//! - A file is written to a temporary file beside it and renamed into place
//!   only once everything has been written and synced; on any error the
//!   temporary file is removed and the old file, if any, is untouched.
//! - An output path that names one of the inputs (the same file, through any
//!   path, link or hard link) is refused before anything is read or written.
//! - A device or pipe given as the output (`/dev/stdout`, `/dev/null`) is
//!   written directly: it cannot be renamed over, and must not be.
//! - A write error is a [`Fail::Output`] (exit code 4) with what failed; a
//!   closed pipe on standard output is [`Fail::Quiet`]: the command stops
//!   without a word, as a reader that went away asked.

use crate::Fail;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The destination of a command's results.
pub struct Out {
    sink: Dest,
    /// Human-readable name of the destination, for messages.
    name: String,
}

enum Dest {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A temporary file renamed over `target` by [`Out::finish`].
    File {
        w: BufWriter<File>,
        tmp: Temp,
        target: PathBuf,
    },
    /// A device or pipe named as the output.
    Direct(BufWriter<File>),
}

/// Removes the temporary file unless it was renamed into place.
struct Temp {
    path: PathBuf,
    kept: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Out {
    /// Standard output.
    pub fn stdout() -> Out {
        Out {
            sink: Dest::Stdout(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
            name: "standard output".into(),
        }
    }

    /// `path` (or standard output when `None`), refusing an output that is
    /// one of `inputs`.
    pub fn to(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Out, Fail> {
        match path {
            None => Ok(Out::stdout()),
            Some(p) if p == Path::new("-") => Ok(Out::stdout()),
            Some(p) => {
                refuse_input_as_output(p, inputs)?;
                Out::file(p)
            }
        }
    }

    fn file(path: &Path) -> Result<Out, Fail> {
        let shown = crate::escape::echo(&path.display().to_string());
        let fail = |e: io::Error| Fail::Output(format!("{shown}: {e}"));
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Err(Fail::Output(format!("{shown}: is a directory"))),
            Ok(m) if !m.is_file() => {
                // A device or a pipe: write to it directly.
                let f = OpenOptions::new().write(true).open(path).map_err(fail)?;
                Ok(Out {
                    sink: Dest::Direct(BufWriter::new(f)),
                    name: shown,
                })
            }
            existing => {
                // Replace the file a link points to, not the link.
                let target = match existing {
                    Ok(_) => std::fs::canonicalize(path).map_err(fail)?,
                    Err(_) => path.to_path_buf(),
                };
                let dir = match target.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "ia87-output".into());
                let (file, tmp) = create_temp(&dir, &name).map_err(fail)?;
                if let Ok(m) = &existing {
                    // Keep the permissions of the file being replaced.
                    let _ = file.set_permissions(m.permissions());
                }
                Ok(Out {
                    sink: Dest::File {
                        w: BufWriter::with_capacity(1 << 16, file),
                        tmp,
                        target,
                    },
                    name: shown,
                })
            }
        }
    }

    /// Writes `bytes`, mapping an error to the command's failure.
    pub fn put(&mut self, bytes: &[u8]) -> Result<(), Fail> {
        self.write_all(bytes).map_err(|e| self.fail(e))
    }

    /// Writes `s`.
    pub fn put_str(&mut self, s: &str) -> Result<(), Fail> {
        self.put(s.as_bytes())
    }

    /// The failure for an I/O error on this destination.
    pub fn fail(&self, e: io::Error) -> Fail {
        write_error(e, &self.name)
    }

    /// Flushes everything and, for a file, renames it into place. Nothing is
    /// at the destination's path until this succeeds.
    pub fn finish(self) -> Result<(), Fail> {
        let name = self.name;
        let fail = |e: io::Error| write_error(e, &name);
        match self.sink {
            Dest::Stdout(mut w) => w.flush().map_err(fail),
            Dest::Direct(mut w) => w.flush().map_err(fail),
            Dest::File { w, mut tmp, target } => {
                let file = w.into_inner().map_err(|e| fail(e.into_error()))?;
                file.sync_all().map_err(fail)?;
                drop(file);
                std::fs::rename(&tmp.path, &target).map_err(fail)?;
                tmp.kept = true;
                Ok(())
            }
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Dest::Stdout(w) => w.write(buf),
            Dest::File { w, .. } => w.write(buf),
            Dest::Direct(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Dest::Stdout(w) => w.write_all(buf),
            Dest::File { w, .. } => w.write_all(buf),
            Dest::Direct(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Dest::Stdout(w) => w.flush(),
            Dest::File { w, .. } => w.flush(),
            Dest::Direct(w) => w.flush(),
        }
    }
}

/// The failure for a write error on `name`.
pub fn write_error(e: io::Error, name: &str) -> Fail {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Fail::Quiet
    } else {
        Fail::Output(format!("writing {name}: {e}"))
    }
}

fn create_temp(dir: &Path, name: &str) -> io::Result<(File, Temp)> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let path = dir.join(format!(".{name}.ia87-{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((f, Temp { path, kept: false })),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
}

/// The identity of an existing file: device and inode where there are such
/// things, else its canonical path.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum FileId {
    /// (device, inode).
    Inode(u64, u64),
    /// The canonical path.
    #[cfg(not(unix))]
    Path(PathBuf),
}

/// The identity of the file at `path` (links followed), if it exists.
pub fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    Some(id_of(path, &meta))
}

/// The identity of a file whose metadata is at hand.
pub fn id_of(path: &Path, meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        FileId::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Refuses `output` when it is the same file as one of `inputs`.
fn refuse_input_as_output(output: &Path, inputs: &[PathBuf]) -> Result<(), Fail> {
    let Some(out_id) = file_id(output) else {
        return Ok(()); // a file that does not exist yet is no input
    };
    let canon = std::fs::canonicalize(output).ok();
    for input in inputs {
        let same = file_id(input).is_some_and(|id| id == out_id)
            || (canon.is_some() && std::fs::canonicalize(input).ok() == canon);
        if same {
            return Err(Fail::Usage(format!(
                "the output {} is also an input ({}): refusing to overwrite it",
                crate::escape::echo(&output.display().to_string()),
                crate::escape::echo(&input.display().to_string())
            )));
        }
    }
    Ok(())
}
