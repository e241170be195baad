//! A simulated NOR flash over a byte array: sectors that erase to `0xFF`,
//! pages that are programmed by clearing bits, and a power switch that can be
//! made to fail after a given number of programmed bytes.
//!
//! The rules are those of a typical MCU flash:
//! - `erase_sector` sets every byte of a sector to `0xFF`;
//! - `program` writes within one page and can only turn 1 bits into 0 bits; a
//!   write that would need a 0 bit to become 1 is refused before anything
//!   changes (`NotErased`);
//! - after [`Flash::cut_power_after`]`(k)`, the next `k` programmed bytes land
//!   and the write then stops (`PowerLost`); every later operation fails the
//!   same way until [`Flash::power_on`], which models the reboot. What was
//!   written stays written.

/// Bytes in a program page.
pub const PAGE: usize = 256;
/// Bytes in an erase sector.
pub const SECTOR: usize = 4096;
/// Sectors in the region (one per snapshot slot).
pub const SECTORS: usize = 2;
/// Bytes in the region.
pub const FLASH_SIZE: usize = SECTOR * SECTORS;

/// Why a flash operation failed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum FlashError {
    /// The address range is outside the region.
    OutOfRange,
    /// A program operation crosses a page boundary.
    CrossesPage,
    /// A program operation would have to set a 0 bit back to 1.
    NotErased,
    /// The power failed during (or before) the operation.
    PowerLost,
}

impl FlashError {
    /// A short explanation.
    pub const fn message(self) -> &'static str {
        match self {
            FlashError::OutOfRange => "flash address out of range",
            FlashError::CrossesPage => "program crosses a page boundary",
            FlashError::NotErased => "program over bytes that are not erased",
            FlashError::PowerLost => "power lost",
        }
    }
}

/// The simulated flash region.
pub struct Flash<'m> {
    mem: &'m mut [u8; FLASH_SIZE],
    /// Bytes that may still be programmed before the power fails.
    budget: Option<usize>,
    /// The power has failed: every operation is refused until `power_on`.
    dead: bool,
    /// Sector erases done.
    pub erases: u32,
    /// Bytes programmed.
    pub programmed: u32,
}

impl<'m> Flash<'m> {
    /// The flash over `mem`, as it is (nothing is erased: see
    /// [`factory_erase`](Self::factory_erase)).
    pub fn new(mem: &'m mut [u8; FLASH_SIZE]) -> Self {
        Flash {
            mem,
            budget: None,
            dead: false,
            erases: 0,
            programmed: 0,
        }
    }

    /// Erases the whole region, as delivered from the factory, and restores power.
    pub fn factory_erase(&mut self) {
        self.mem.fill(0xFF);
        self.budget = None;
        self.dead = false;
    }

    /// Arms a power failure after `bytes` more programmed bytes.
    pub fn cut_power_after(&mut self, bytes: usize) {
        self.budget = Some(bytes);
    }

    /// Disarms a pending power failure that has not happened.
    pub fn disarm(&mut self) {
        self.budget = None;
    }

    /// The power comes back (the reboot): operations work again.
    pub fn power_on(&mut self) {
        self.dead = false;
        self.budget = None;
    }

    /// True if the power has failed and not come back.
    pub fn is_dead(&self) -> bool {
        self.dead
    }

    /// The `len` bytes at `addr`.
    pub fn read(&self, addr: usize, len: usize) -> Result<&[u8], FlashError> {
        if self.dead {
            return Err(FlashError::PowerLost);
        }
        let end = addr.checked_add(len).ok_or(FlashError::OutOfRange)?;
        self.mem.get(addr..end).ok_or(FlashError::OutOfRange)
    }

    /// Erases sector `sector` to `0xFF`.
    pub fn erase_sector(&mut self, sector: usize) -> Result<(), FlashError> {
        if self.dead {
            return Err(FlashError::PowerLost);
        }
        let start = sector.checked_mul(SECTOR).ok_or(FlashError::OutOfRange)?;
        let end = start.checked_add(SECTOR).ok_or(FlashError::OutOfRange)?;
        self.mem
            .get_mut(start..end)
            .ok_or(FlashError::OutOfRange)?
            .fill(0xFF);
        self.erases = self.erases.wrapping_add(1);
        Ok(())
    }

    /// Programs `data` at `addr` (within one page).
    pub fn program(&mut self, addr: usize, data: &[u8]) -> Result<(), FlashError> {
        if self.dead {
            return Err(FlashError::PowerLost);
        }
        let end = addr.checked_add(data.len()).ok_or(FlashError::OutOfRange)?;
        if end > FLASH_SIZE {
            return Err(FlashError::OutOfRange);
        }
        if !data.is_empty() && addr / PAGE != end.saturating_sub(1) / PAGE {
            return Err(FlashError::CrossesPage);
        }
        let target = self.mem.get_mut(addr..end).ok_or(FlashError::OutOfRange)?;
        if target.iter().zip(data).any(|(old, new)| old & new != *new) {
            return Err(FlashError::NotErased);
        }
        for (old, new) in target.iter_mut().zip(data) {
            match self.budget {
                Some(0) => {
                    self.dead = true;
                    self.budget = None;
                    return Err(FlashError::PowerLost);
                }
                Some(n) => self.budget = Some(n.saturating_sub(1)),
                None => {}
            }
            *old &= *new;
            self.programmed = self.programmed.wrapping_add(1);
        }
        Ok(())
    }

    /// Programs `data` at `addr`, page by page.
    pub fn program_all(&mut self, addr: usize, data: &[u8]) -> Result<(), FlashError> {
        let mut at = addr;
        let mut rest = data;
        while !rest.is_empty() {
            let room = PAGE.saturating_sub(at % PAGE);
            let (chunk, tail) = rest.split_at(room.min(rest.len()));
            self.program(at, chunk)?;
            at = at.checked_add(chunk.len()).ok_or(FlashError::OutOfRange)?;
            rest = tail;
        }
        Ok(())
    }

    /// Flips the bits of `mask` in the byte at `addr`, bypassing the flash
    /// rules (a test hook: models a bit that decayed or a bad cell).
    pub fn corrupt(&mut self, addr: usize, mask: u8) {
        if let Some(b) = self.mem.get_mut(addr) {
            *b ^= mask;
        }
    }
}
