//! Reading an input file, fast.
//!
//! A long regular file is read by two threads, each reading one half into
//! its own part of the buffer: most of the time a read takes is the kernel
//! copying the bytes and faulting in the buffer's fresh pages, and that
//! goes twice as fast. Each thread also checks its half as UTF-8, a piece
//! at a time, right after reading the piece, while it is still in the
//! cache: the check of a 50 MB input, done afterwards on one thread, took
//! 10 ms, with the other core idle. Text found to be UTF-8 so is not
//! checked again when it is decoded ([`InputBytes::decode`]).

use crate::decode::{self, DecodeError, Decoded, EncodingChoice};
use std::fs;
use std::io;
use std::path::Path;

/// Files at least this long are read by two threads.
const PARALLEL_READ_MIN: u64 = 8 << 20;

/// What a reading thread reads at a time, and then checks as UTF-8: small
/// enough to be still in the cache when it is checked.
const PIECE: usize = 256 << 10;

/// The bytes of an input, as read: text when they were found to be UTF-8
/// while they were read ([`InputBytes::read_file`]), bytes otherwise.
#[derive(Debug)]
pub struct InputBytes(Read);

#[derive(Debug)]
enum Read {
    /// Checked as UTF-8 as read.
    Text(String),
    /// Not checked, or not UTF-8.
    Bytes(Vec<u8>),
}

impl InputBytes {
    /// Bytes from elsewhere (standard input, a network): nothing is known
    /// of them yet.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        InputBytes(Read::Bytes(bytes))
    }

    /// The bytes of the file at `path`; a long regular file is read (and
    /// checked as UTF-8) by two threads. If the file turns out shorter or
    /// longer than it said, it is read again in one go.
    ///
    /// # Errors
    ///
    /// What opening or reading the file returned.
    pub fn read_file(path: &Path) -> io::Result<Self> {
        #[cfg(unix)]
        {
            let file = fs::File::open(path)?;
            let metadata = file.metadata()?;
            if metadata.is_file() && metadata.len() >= PARALLEL_READ_MIN {
                if let Some(read) = read_in_halves(&file, metadata.len()) {
                    return Ok(read);
                }
            }
        }
        fs::read(path).map(Self::from_bytes)
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        match &self.0 {
            Read::Text(text) => text.as_bytes(),
            Read::Bytes(bytes) => bytes,
        }
    }

    /// How many bytes.
    pub fn len(&self) -> usize {
        self.bytes().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.bytes().is_empty()
    }

    /// The bytes, as a vector.
    pub fn into_bytes(self) -> Vec<u8> {
        match self.0 {
            Read::Text(text) => text.into_bytes(),
            Read::Bytes(bytes) => bytes,
        }
    }

    /// Decoded as [`decode`](crate::decode) does; text already found to be
    /// UTF-8 is not checked again.
    ///
    /// # Errors
    ///
    /// As [`decode`](crate::decode): only with a forced encoding.
    pub fn decode(&self, choice: EncodingChoice) -> Result<Decoded<'_>, DecodeError> {
        match &self.0 {
            Read::Text(text) => decode::decode_text(text, choice),
            Read::Bytes(bytes) => decode::decode(bytes, choice),
        }
    }
}

/// [`InputBytes::read_file`]'s two threads: the `len` bytes of `file`, or
/// `None` when they cannot be read so (or there are more).
#[cfg(unix)]
fn read_in_halves(file: &fs::File, len: u64) -> Option<InputBytes> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
    let middle = bytes.len() / 2;
    let middle_at = u64::try_from(middle).ok()?;
    let (first, second) = bytes.split_at_mut(middle);
    let read_from = |start: u64| {
        move |piece: &mut [u8], at: usize| {
            let at = u64::try_from(at).map_err(io::Error::other)?;
            file.read_exact_at(piece, start.saturating_add(at))
        }
    };
    let scans = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("outline-read".to_owned())
            .spawn_scoped(scope, || read_checking(second, PIECE, read_from(middle_at)));
        let mine = read_checking(first, PIECE, read_from(0));
        // Without a second thread, the file is read again in one go.
        let theirs = other.ok()?.join().ok()?;
        Some((mine.ok()?, theirs.ok()?))
    });
    // Nothing may follow what the file's length said.
    let mut past_end = [0u8; 1];
    if file.read_at(&mut past_end, len).ok() != Some(0) {
        return None;
    }
    let (first, second) = scans?;
    Some(text_if_checked(bytes, middle, first, second))
}

/// `bytes` as text, when the scans of its two halves (split at `middle`)
/// and what lies around and between them show it is UTF-8.
// One of the crate's two `unsafe`s (see lib.rs): checking the whole again
// would redo the halves' checks, on one thread, and cost as much.
#[allow(unsafe_code)]
fn text_if_checked(bytes: Vec<u8>, middle: usize, first: Utf8Scan, second: Utf8Scan) -> InputBytes {
    if !is_utf8(&bytes, middle, first, second) {
        return InputBytes::from_bytes(bytes);
    }
    // SAFETY: `is_utf8` found `bytes` to be four runs of valid UTF-8, one
    // after the other: the concatenation of valid UTF-8 is valid UTF-8.
    InputBytes(Read::Text(unsafe { String::from_utf8_unchecked(bytes) }))
}

/// Whether `bytes` is valid UTF-8, given what the scans of its halves found
/// (the second half starting at `middle`): `bytes` is then four runs, each
/// valid UTF-8 — before the first half's scan, the first half's scan, the
/// few bytes between the scans (a character cut by `middle`, if any), the
/// second half's scan, which must reach the end.
fn is_utf8(bytes: &[u8], middle: usize, first: Utf8Scan, second: Utf8Scan) -> bool {
    let valid = |run: Option<&[u8]>| run.is_some_and(|run| simdutf8::basic::from_utf8(run).is_ok());
    first.valid
        && second.valid
        && second.to == bytes.len().saturating_sub(middle)
        && valid(bytes.get(..first.from))
        && valid(bytes.get(first.to..middle.saturating_add(second.from)))
}

/// What [`read_checking`] found of the bytes it read: `from..to` is valid
/// UTF-8 (when `valid`), and only the start of a character follows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Utf8Scan {
    /// After the continuation bytes (at most 3) that start the bytes: the
    /// end of a character cut where the bytes start.
    from: usize,
    /// Where the check stopped: the end, or the start of a character cut
    /// where the bytes end.
    to: usize,
    /// Whether the check found nothing wrong.
    valid: bool,
}

/// Fill `buf` a piece of `piece` bytes at a time, `read(piece, at)` filling
/// the piece that starts at `at`, and check each piece as UTF-8 right
/// after it is read. A character cut between two pieces is checked with
/// the second; one cut where `buf` starts or ends is left for the caller
/// (it is another half's).
fn read_checking(
    buf: &mut [u8],
    piece: usize,
    mut read: impl FnMut(&mut [u8], usize) -> io::Result<()>,
) -> io::Result<Utf8Scan> {
    let mut scan = Utf8Scan {
        valid: true,
        ..Utf8Scan::default()
    };
    // Whether a byte other than a leading continuation byte was seen.
    let mut started = false;
    let mut at = 0;
    while at < buf.len() {
        let end = at.saturating_add(piece.max(1)).min(buf.len());
        if let Some(chunk) = buf.get_mut(at..end) {
            read(chunk, at)?;
        }
        at = end;
        scan_on(&mut scan, &mut started, buf.get(..at).unwrap_or_default());
    }
    Ok(scan)
}

/// Go on checking `read` (the bytes read so far) from where `scan` stopped.
fn scan_on(scan: &mut Utf8Scan, started: &mut bool, read: &[u8]) {
    if !scan.valid {
        return;
    }
    if !*started {
        while scan.to < 3 && read.get(scan.to).is_some_and(|&byte| byte & 0xC0 == 0x80) {
            scan.to += 1;
        }
        scan.from = scan.to;
        if scan.to == read.len() && scan.to < 3 {
            return;
        }
        *started = true;
    }
    let rest = read.get(scan.to..).unwrap_or_default();
    match simdutf8::compat::from_utf8(rest) {
        Ok(_) => scan.to = read.len(),
        // A character cut where the bytes read so far end: checked with
        // the next piece.
        Err(error) if error.error_len().is_none() => scan.to += error.valid_up_to(),
        Err(_) => scan.valid = false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `input` was taken as text, checked as it was read.
    fn is_text(input: &InputBytes) -> bool {
        matches!(input.0, Read::Text(_))
    }

    /// A long file read in halves, and a short one read in one go, come
    /// back byte for byte; a missing one is an error. A long UTF-8 file is
    /// found to be text as it is read, and decodes to itself.
    #[test]
    fn files_read_in_halves_or_whole_are_the_files() {
        let dir = std::env::temp_dir().join(format!("outline-read-test-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir");
        let long_len = usize::try_from(PARALLEL_READ_MIN).expect("fits") + 12_345;
        // Bytes that differ from place to place, so that a half read to the
        // wrong place shows.
        let long: Vec<u8> = (0..long_len).map(|i| (i % 251) as u8).collect();
        let line = "　　人工智能 引领 科技 创新。\n";
        let text = line.repeat(long_len / line.len() + 1);
        let mut broken = text.clone().into_bytes();
        if let Some(byte) = broken.get_mut(long_len / 4 * 3) {
            *byte = 0xFF;
        }
        for (name, bytes, utf8) in [
            ("long", long, false),
            ("text", text.into_bytes(), true),
            ("broken", broken, false),
            ("short", b"short".to_vec(), false),
            ("empty", Vec::new(), false),
        ] {
            let path = dir.join(name);
            fs::write(&path, &bytes).expect("writes");
            let read = InputBytes::read_file(&path).expect("reads");
            assert!(
                read.bytes() == bytes,
                "{name}: {} bytes read, {} written",
                read.len(),
                bytes.len()
            );
            assert_eq!(is_text(&read), utf8, "{name}");
            let decoded = read.decode(EncodingChoice::Auto).expect("auto never fails");
            let whole = decode::decode(&bytes, EncodingChoice::Auto).expect("auto");
            assert_eq!(decoded, whole, "{name}");
        }
        assert!(InputBytes::read_file(&dir.join("missing")).is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    /// Reading two halves a piece at a time and checking the pieces says
    /// what checking the whole says, wherever the middle and the pieces'
    /// ends fall: in a character of one to four bytes, on a stray
    /// continuation byte, in a run of four, on an invalid byte near them.
    #[test]
    fn halves_checked_in_pieces_agree_with_the_whole() {
        let text = "a人工智能ü🚀 引领\n科技";
        let mut inputs: Vec<Vec<u8>> = vec![vec![0x80; 4], vec![0x80; 9], vec![b'a', 0xE4, 0xBA]];
        for end in 0..=text.len() {
            inputs.push(text.as_bytes().get(..end).unwrap_or_default().to_vec());
        }
        for at in 0..text.len() {
            for byte in [0x80, 0xBF, 0xC0, 0xE4, 0xF0, 0xFF, b'x'] {
                let mut bytes = text.as_bytes().to_vec();
                if let Some(slot) = bytes.get_mut(at) {
                    *slot = byte;
                }
                inputs.push(bytes);
            }
        }
        for bytes in &inputs {
            let whole = std::str::from_utf8(bytes).is_ok();
            for middle in 0..=bytes.len() {
                for piece in 1..=5 {
                    let mut buf = vec![0u8; bytes.len()];
                    let (first, second) = buf.split_at_mut(middle);
                    let copy = |start: usize| {
                        move |piece: &mut [u8], at: usize| {
                            let from = start + at;
                            let source = bytes.get(from..from + piece.len()).unwrap_or_default();
                            piece.copy_from_slice(source);
                            Ok(())
                        }
                    };
                    let first = read_checking(first, piece, copy(0)).expect("copies");
                    let second = read_checking(second, piece, copy(middle)).expect("copies");
                    assert_eq!(buf, *bytes, "read back");
                    assert_eq!(
                        is_utf8(&buf, middle, first, second),
                        whole,
                        "{bytes:x?} split at {middle}, pieces of {piece}: {first:?} {second:?}"
                    );
                }
            }
        }
    }
}
