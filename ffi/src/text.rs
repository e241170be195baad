//! Writing text into caller buffers and local buffers, without allocation and
//! without panics.

use crate::types::IA87Status;
use core::fmt;

/// Writes into a caller buffer through a raw pointer, always leaving a NUL
/// after what fits, and counts the bytes the whole text needs.
pub struct Out {
    ptr: *mut u8,
    cap: usize,
    needed: usize,
}

impl Out {
    /// A writer over `cap` bytes at `ptr` (`ptr` may be NULL only if `cap` is 0).
    ///
    /// # Safety
    /// `ptr` is valid for writes of `cap` bytes, and no reference to that
    /// memory is used while the writer lives.
    pub unsafe fn new(ptr: *mut u8, cap: usize) -> Result<Out, IA87Status> {
        if ptr.is_null() && cap != 0 {
            return Err(IA87Status::IA87_ERR_NULL);
        }
        if cap > isize::MAX as usize {
            return Err(IA87Status::IA87_ERR_BAD_ARGUMENT);
        }
        Ok(Out {
            ptr,
            cap,
            needed: 0,
        })
    }

    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            // Keep one byte for the NUL.
            if self.needed.saturating_add(1) < self.cap {
                // SAFETY: needed < cap - 1 < cap, and the caller gave cap writable bytes.
                unsafe { self.ptr.add(self.needed).write(b) };
            }
            self.needed = self.needed.saturating_add(1);
        }
    }

    /// Writes the NUL and the length; `IA87_ERR_BUFFER_TOO_SMALL` if the text
    /// (with its NUL) did not fit. `len` receives the length of the whole text
    /// without the NUL in both cases.
    ///
    /// # Safety
    /// `len` is NULL or valid for one write of `usize`.
    pub unsafe fn finish(self, len: *mut usize) -> IA87Status {
        if self.cap > 0 {
            let at = self.needed.min(self.cap.saturating_sub(1));
            // SAFETY: at < cap.
            unsafe { self.ptr.add(at).write(0) };
        }
        if !len.is_null() {
            // SAFETY: as documented; write_unaligned tolerates any alignment.
            unsafe { len.write_unaligned(self.needed) };
        }
        if self.needed < self.cap {
            IA87Status::IA87_OK
        } else {
            IA87Status::IA87_ERR_BUFFER_TOO_SMALL
        }
    }
}

impl fmt::Write for Out {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}

/// Copies `s` into a caller buffer, NUL-terminated.
///
/// # Safety
/// `buf` is NULL (with `cap` 0) or valid for `cap` bytes of writes; `len` is
/// NULL or valid for one `usize` write.
pub unsafe fn put_str(s: &str, buf: *mut u8, cap: usize, len: *mut usize) -> IA87Status {
    // SAFETY: forwarded from the caller.
    let mut out = match unsafe { Out::new(buf, cap) } {
        Ok(o) => o,
        Err(e) => return e,
    };
    out.push(s.as_bytes());
    // SAFETY: forwarded from the caller.
    unsafe { out.finish(len) }
}

/// A fixed-size local buffer that fails (instead of growing) when full.
pub struct Local<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Local<N> {
    /// An empty buffer.
    pub const fn new() -> Self {
        Local {
            buf: [0; N],
            len: 0,
        }
    }

    /// The bytes written so far.
    pub fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// How many bytes have been written.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends bytes; `Err` if they do not fit.
    pub fn push(&mut self, bytes: &[u8]) -> fmt::Result {
        let end = self.len.checked_add(bytes.len()).ok_or(fmt::Error)?;
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }
}

impl<const N: usize> Default for Local<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> fmt::Write for Local<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes())
    }
}
