//! Reading input without trusting it: lines bounded while they are read,
//! and directory walks that visit each file once and never loop.

use crate::output::{id_of, FileId};
use crate::Fail;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How many bytes of a line are kept: the core's limit, plus a carriage
/// return, plus one byte so that the core still sees the line as too long.
pub const KEEP: usize = crate::engine::MAX_LINE + 2;

/// A line longer than this (in bytes) ends the reading of its file: the rest
/// of such a line is not a case file's, and `/dev/zero` has no end.
pub const GIVE_UP: u64 = 1 << 20;

/// One line as read.
pub struct LineRead<'a> {
    /// The line without its `\n`; for a line over the limit, only its first
    /// [`KEEP`] bytes (the core rejects it as `line-too-long`).
    pub bytes: &'a [u8],
    /// True when the line was longer than the core's limit.
    pub too_long: bool,
    /// True when the line was longer than [`GIVE_UP`]: nothing after it is read.
    pub gave_up: bool,
}

/// Reads lines of at most [`KEEP`] bytes; memory stays flat whatever the input.
pub struct Lines<R> {
    reader: R,
    buf: Vec<u8>,
    done: bool,
}

impl Lines<BufReader<File>> {
    /// The lines of the file at `path`.
    pub fn open(path: &Path) -> Result<Self, Fail> {
        let f = File::open(path).map_err(|e| read_error(path, &e))?;
        Ok(Lines::new(BufReader::with_capacity(1 << 16, f)))
    }
}

impl<R: BufRead> Lines<R> {
    /// Lines of `reader`.
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            buf: Vec::with_capacity(KEEP),
            done: false,
        }
    }

    /// The next line, or `None` at the end of the input (or after a line
    /// over [`GIVE_UP`] bytes).
    pub fn next_line(&mut self) -> io::Result<Option<LineRead<'_>>> {
        if self.done {
            return Ok(None);
        }
        self.buf.clear();
        let mut total: u64 = 0;
        let mut ended = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                self.done = true;
                break;
            }
            let (chunk, used, found) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], i + 1, true),
                None => (available, available.len(), false),
            };
            let room = KEEP.saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            total = total.saturating_add(chunk.len() as u64);
            self.reader.consume(used);
            if found {
                ended = true;
                break;
            }
            if total > GIVE_UP {
                self.done = true;
                return Ok(Some(LineRead {
                    bytes: &self.buf,
                    too_long: true,
                    gave_up: true,
                }));
            }
        }
        if !ended && total == 0 {
            return Ok(None);
        }
        let line_len = match self.buf.last() {
            Some(b'\r') if total as usize <= KEEP => total.saturating_sub(1),
            _ => total,
        };
        Ok(Some(LineRead {
            bytes: &self.buf,
            too_long: line_len > crate::engine::MAX_LINE as u64,
            gave_up: false,
        }))
    }
}

/// The failure for a file that cannot be read.
pub fn read_error(path: &Path, e: &io::Error) -> Fail {
    Fail::Input(format!("{}: {e}", shown_path(path)))
}

/// A path as shown in messages (control characters escaped).
pub fn shown_path(path: &Path) -> String {
    crate::escape::term(&path.display().to_string()).into_owned()
}

/// A reader that refuses to deliver more than `limit` bytes between two
/// calls of [`Bounded::mark`]: a record of a table can then never hold more
/// than that in memory, however the file is quoted.
pub struct Bounded<R> {
    inner: R,
    since_mark: std::rc::Rc<std::cell::Cell<u64>>,
    limit: u64,
}

/// Resets the count of a [`Bounded`] reader, from outside it.
#[derive(Clone)]
pub struct Mark(std::rc::Rc<std::cell::Cell<u64>>);

impl Mark {
    /// Starts counting again (call after each record).
    pub fn mark(&self) {
        self.0.set(0);
    }
}

impl<R> Bounded<R> {
    /// Wraps `inner`.
    pub fn new(inner: R, limit: u64) -> (Self, Mark) {
        let c = std::rc::Rc::new(std::cell::Cell::new(0));
        (
            Bounded {
                inner,
                since_mark: c.clone(),
                limit,
            },
            Mark(c),
        )
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let used = self.since_mark.get();
        if used > self.limit {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "a record is longer than {} bytes (line-too-long); the rest of the file is not read",
                    self.limit
                ),
            ));
        }
        let n = self.inner.read(buf)?;
        self.since_mark.set(used.saturating_add(n as u64));
        Ok(n)
    }
}

/// The case files named by `args`: files as given, and every `*.case` file
/// under a directory, in name order. Each file is listed once, however many
/// paths lead to it; a link to a directory is followed only to a directory
/// not yet visited, so that `ln -s . loop` ends.
pub fn case_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, Fail> {
    let mut walk = Walk {
        dirs: HashSet::new(),
        files: HashSet::new(),
        out: Vec::new(),
    };
    for a in args {
        let meta = std::fs::metadata(a).map_err(|e| read_error(a, &e))?;
        if meta.is_dir() {
            walk.dir(a, &meta)?;
        } else {
            walk.file(a, &meta);
        }
    }
    Ok(walk.out)
}

struct Walk {
    dirs: HashSet<FileId>,
    files: HashSet<FileId>,
    out: Vec<PathBuf>,
}

impl Walk {
    fn file(&mut self, path: &Path, meta: &std::fs::Metadata) {
        if self.files.insert(id_of(path, meta)) {
            self.out.push(path.to_path_buf());
        }
    }

    fn dir(&mut self, path: &Path, meta: &std::fs::Metadata) -> Result<(), Fail> {
        if !self.dirs.insert(id_of(path, meta)) {
            return Ok(()); // already visited: a link back into the tree
        }
        let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(path)
            .map_err(|e| read_error(path, &e))?
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, kind) in entries {
            // The entry's own type, links not followed.
            let meta = if kind.is_symlink() {
                match std::fs::metadata(&p) {
                    Ok(m) => m,
                    Err(_) => continue, // a dangling link
                }
            } else {
                match std::fs::symlink_metadata(&p) {
                    Ok(m) => m,
                    Err(_) => continue,
                }
            };
            if meta.is_dir() {
                self.dir(&p, &meta)?;
            } else if meta.is_file() && p.extension().is_some_and(|x| x == "case") {
                self.file(&p, &meta);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<(Vec<u8>, bool, bool)> {
        let mut l = Lines::new(io::BufReader::with_capacity(16, input));
        let mut out = Vec::new();
        while let Some(r) = l.next_line().unwrap() {
            out.push((r.bytes.to_vec(), r.too_long, r.gave_up));
        }
        out
    }

    #[test]
    fn lines_split_and_end() {
        let v = lines(b"a\nbb\r\n\nlast");
        let got: Vec<&[u8]> = v.iter().map(|x| x.0.as_slice()).collect();
        assert_eq!(got, [&b"a"[..], b"bb\r", b"", b"last"]);
        assert!(lines(b"").is_empty());
        assert_eq!(lines(b"\n").len(), 1);
    }

    #[test]
    fn a_long_line_is_kept_short_and_the_next_line_read() {
        let mut input = vec![b'x'; 5000];
        input.extend_from_slice(b"\nnext\n");
        let v = lines(&input);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].0.len(), KEEP);
        assert!(v[0].1 && !v[0].2);
        assert_eq!(v[1].0, b"next");
    }

    #[test]
    fn the_limit_counts_a_carriage_return_as_a_line_end() {
        let mut exact = vec![b'x'; crate::engine::MAX_LINE];
        exact.extend_from_slice(b"\r\n");
        assert!(!lines(&exact)[0].1);
        let mut over = vec![b'x'; crate::engine::MAX_LINE + 1];
        over.push(b'\n');
        assert!(lines(&over)[0].1);
    }

    #[test]
    fn an_endless_line_ends_the_file() {
        let input = vec![0u8; (GIVE_UP as usize) + 10];
        let v = lines(&input);
        assert_eq!(v.len(), 1);
        assert!(v[0].1 && v[0].2);
    }
}
