//! Turning raw input bytes into text.
//!
//! Articles arrive as bytes in whatever encoding the author's editor used:
//! usually UTF-8, often GB18030/GBK for Chinese text produced on Windows,
//! sometimes UTF-16 with a byte order mark. [`decode`] turns those bytes into
//! a `str`, either by guessing the encoding ([`EncodingChoice::Auto`]) or by
//! using one the caller names ([`EncodingChoice::Forced`]).
//!
//! The decoding itself is done by [`encoding_rs`], the guessing of legacy
//! encodings by [`chardetng`], and UTF-8 validation by [`simdutf8`]. All of
//! them run in time linear in the input, and nothing here panics on any
//! input.
//!
//! # Automatic detection
//!
//! In [`EncodingChoice::Auto`] mode the steps are, in order:
//!
//! 1. A byte order mark (UTF-8 `EF BB BF`, UTF-16LE `FF FE`, UTF-16BE
//!    `FE FF`) decides the encoding; the mark is removed.
//! 2. Without a mark, an input of even length of at least 8 bytes in which at
//!    least three quarters of the 2-byte units have exactly the high byte
//!    zero is taken as UTF-16 (little- or big-endian accordingly). This only
//!    catches mostly-ASCII UTF-16: **BOM-less UTF-16 of Chinese text is not
//!    detected**. Note that a valid UTF-8 input that happens to look like this
//!    (ASCII letters interleaved with NUL bytes) is decoded as UTF-16.
//! 3. Valid UTF-8 is taken as UTF-8 and borrowed without copying. NUL bytes
//!    and control characters are valid UTF-8 and stay UTF-8.
//! 4. Invalid UTF-8 that is still mostly UTF-8 (at least four valid non-ASCII
//!    characters per malformed sequence) is decoded as lossy UTF-8, so that a
//!    UTF-8 article with a stray byte does not turn into mojibake: chardetng
//!    rules UTF-8 out on the first malformed byte.
//! 5. Anything else is handed to chardetng, and decoded in the encoding it
//!    guesses from a sample: up to [`GUESS_SAMPLE`] bytes from the first
//!    byte that is not ASCII (chardetng costs about 2,000 instructions a
//!    byte, so a 50 MB file fed whole took 20 seconds to guess; a sample
//!    of a Chinese text holds tens of thousands of characters, plenty to
//!    tell its encoding). GBK-encoded text is usually reported as `"gbk"`; `encoding_rs`
//!    decodes GBK with its GB18030 decoder, which is a superset, so
//!    GB18030-only characters decode correctly too. A sequence cut off by the
//!    end of the input does not rule an encoding out (a truncated GBK file is
//!    still GBK), but a malformed sequence elsewhere does: legacy text with
//!    a corrupt byte in the middle may be guessed as a single-byte encoding
//!    such as windows-1252. Use [`EncodingChoice::Forced`] when the encoding
//!    is known.
//!
//! Automatic decoding never fails: malformed sequences are replaced with
//! U+FFFD and [`Decoded::lossy`] is set.
//!
//! # Forced encoding
//!
//! With [`EncodingChoice::Forced`], a byte order mark matching the encoding is
//! removed and the rest is decoded strictly: the first malformed sequence
//! (including a sequence truncated by the end of the input) yields a
//! [`DecodeError`] carrying its byte offset.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{CoderResult, DecoderResult, Encoding};

/// How to pick the input's encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// Detect the encoding from a byte order mark, a UTF-16 heuristic, UTF-8
    /// validity and finally chardetng's guess; see the [module
    /// documentation](self).
    #[default]
    Auto,
    /// Use exactly this encoding and reject malformed input.
    Forced(&'static Encoding),
}

impl EncodingChoice {
    /// Parses `"auto"` or any WHATWG label `encoding_rs` knows (`utf-8`,
    /// `gb18030`, `gbk`, `utf-16le`, `utf-16be`, `big5`, `shift_jis` …),
    /// case-insensitively and ignoring surrounding whitespace.
    ///
    /// Labels that WHATWG maps to the "replacement" encoding (such as
    /// `hz-gb-2312` or `iso-2022-kr`) cannot decode anything and are rejected
    /// like unknown labels.
    ///
    /// # Errors
    ///
    /// Returns a message such as ``unknown encoding `foo` (expected auto,
    /// utf-8, gb18030, gbk, utf-16le, utf-16be or another WHATWG label)`` for
    /// an unknown label.
    pub fn from_label(label: &str) -> Result<Self, String> {
        if label.trim().eq_ignore_ascii_case("auto") {
            return Ok(Self::Auto);
        }
        Encoding::for_label_no_replacement(label.as_bytes())
            .map(Self::Forced)
            .ok_or_else(|| {
                format!(
                    "unknown encoding `{label}` (expected auto, utf-8, gb18030, gbk, \
                     utf-16le, utf-16be or another WHATWG label)"
                )
            })
    }
}

/// Decoded text and what was found out about the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, with a leading byte order mark removed. Borrowed from the
    /// input when no conversion was needed (valid UTF-8, or pure ASCII in an
    /// ASCII-compatible encoding).
    pub text: Cow<'a, str>,
    /// Lower-case name of the encoding used: `"utf-8"`, `"gb18030"`, `"gbk"`,
    /// `"utf-16le"`, `"utf-16be"`, `"big5"`, `"shift_jis"`, ….
    pub encoding: &'static str,
    /// Whether a byte order mark was present (and removed).
    pub bom: bool,
    /// Whether malformed sequences were replaced with U+FFFD. Only ever true
    /// in [`EncodingChoice::Auto`] mode.
    pub lossy: bool,
}

/// Bytes that are not valid in the forced encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Lower-case name of the forced encoding, e.g. `"gb18030"`.
    pub encoding: &'static str,
    /// Byte offset in the whole input (counting any byte order mark) where
    /// the first malformed sequence starts.
    pub offset: usize,
}

impl Decoded<'_> {
    /// The same, owning its text: no copy when the text was converted
    /// (it is already owned), one copy when it was borrowed from the input.
    pub fn into_owned(self) -> Decoded<'static> {
        Decoded {
            text: Cow::Owned(self.text.into_owned()),
            encoding: self.encoding,
            bom: self.bom,
            lossy: self.lossy,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} byte sequence at byte offset {}",
            self.encoding, self.offset
        )
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` according to `choice`.
///
/// In [`EncodingChoice::Auto`] mode this never fails (see the [module
/// documentation](self) for the detection steps). In
/// [`EncodingChoice::Forced`] mode a byte order mark matching the encoding is
/// removed and the rest is decoded without replacement.
///
/// # Errors
///
/// Only in forced mode: a [`DecodeError`] with the absolute byte offset of
/// the first malformed (or truncated) sequence.
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Result<Decoded<'_>, DecodeError> {
    match choice {
        EncodingChoice::Auto => Ok(decode_auto(bytes, None)),
        EncodingChoice::Forced(encoding) => decode_forced(bytes, encoding),
    }
}

/// Decodes `text`, already found to be UTF-8 ([`crate::InputBytes`]), as
/// [`decode`] decodes its bytes, without checking it again.
pub(crate) fn decode_text(text: &str, choice: EncodingChoice) -> Result<Decoded<'_>, DecodeError> {
    match choice {
        EncodingChoice::Auto => Ok(decode_auto(text.as_bytes(), Some(text))),
        EncodingChoice::Forced(encoding) => decode_forced(text.as_bytes(), encoding),
    }
}

/// Automatic detection and lossy decoding; see the module documentation.
/// `checked` is `bytes` as text, when they are already known to be UTF-8.
fn decode_auto<'a>(bytes: &'a [u8], checked: Option<&'a str>) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return lossy(rest, encoding, true);
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return lossy(bytes, encoding, false);
    }
    if let Some(text) = checked.or_else(|| simdutf8::basic::from_utf8(bytes).ok()) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: "utf-8",
            bom: false,
            lossy: false,
        };
    }
    if mostly_utf8(bytes) {
        return lossy(bytes, encoding_rs::UTF_8, false);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // `last = false`: chardetng rules out every encoding in which it sees a
    // malformed sequence, and with `last = true` a sequence cut off by the end
    // of the input (a file truncated mid-character) counts as malformed, which
    // would turn truncated GBK into windows-1252 mojibake. Not marking the end
    // leaves that tail pending; the decoding below still replaces it.
    // For the same reason UTF-8 stays allowed: valid UTF-8 cut mid-character
    // is still a UTF-8 candidate, and is then decoded as lossy UTF-8.
    let from = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let sample = bytes
        .get(from..bytes.len().min(from.saturating_add(GUESS_SAMPLE)))
        .unwrap_or(bytes);
    detector.feed(sample, false);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    lossy(bytes, encoding, false)
}

/// Decodes `bytes` (BOM already removed) with replacement.
///
/// Text that needs converting is decoded into a string that grows as it
/// fills: `encoding_rs`'s one-call decoding reserves room for the worst
/// case (three bytes of UTF-8 for every byte of GBK), and for a large file
/// that room, beside the input, set the program's peak memory.
fn lossy<'a>(bytes: &'a [u8], encoding: &'static Encoding, bom: bool) -> Decoded<'a> {
    let borrowable =
        encoding == encoding_rs::UTF_8 || (encoding.is_ascii_compatible() && bytes.is_ascii());
    if borrowable {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return Decoded {
            text,
            encoding: lower_name(encoding),
            bom,
            lossy: had_errors,
        };
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // Chinese in GBK: two bytes become three.
    let mut text = String::with_capacity(bytes.len().saturating_add(bytes.len() / 2) + 16);
    let mut had_errors = false;
    let mut rest = bytes;
    loop {
        let (result, read, errors) = decoder.decode_to_string(rest, &mut text, true);
        had_errors |= errors;
        rest = rest.get(read..).unwrap_or_default();
        match result {
            CoderResult::InputEmpty => break,
            CoderResult::OutputFull => text.reserve(rest.len().saturating_add(rest.len() / 2) + 16),
        }
    }
    text.shrink_to_fit();
    Decoded {
        text: Cow::Owned(text),
        encoding: lower_name(encoding),
        bom,
        lossy: had_errors,
    }
}

/// How many bytes chardetng sees at most, from the first byte that is not
/// ASCII: 128 KiB, some 40,000 GBK characters.
const GUESS_SAMPLE: usize = 128 * 1024;

/// How many malformed sequences [`mostly_utf8`] looks at before it gives up
/// on an input whose evidence for UTF-8 is still short of the ratio.
const UTF8_ERRORS_SEEN_MAX: usize = 1024;

/// How many valid non-ASCII UTF-8 characters must accompany each malformed
/// sequence for [`mostly_utf8`] to call the input UTF-8.
const UTF8_EVIDENCE_RATIO: usize = 4;

/// Whether invalid UTF-8 is still best read as UTF-8 with a few bad bytes:
/// at least [`UTF8_EVIDENCE_RATIO`] valid non-ASCII characters per malformed
/// sequence.
///
/// chardetng rules UTF-8 out on the first malformed byte, so without this a
/// UTF-8 article with one stray byte would be decoded as windows-1252 or GBK
/// mojibake. Legacy CJK text rarely forms valid multi-byte UTF-8 sequences by
/// accident: in random GBK, Big5, `Shift_JIS`, EUC-KR and EUC-JP text of 10
/// characters or more the ratio stayed below 2.4 (below 0.7 from 30
/// characters on), so only very short legacy inputs could be misread.
///
/// Runs in linear time: each validation call stops at the next error and
/// the scan resumes after it. It stops early, with `false`, once it has seen
/// [`UTF8_ERRORS_SEEN_MAX`] malformed sequences and too few characters for
/// them: legacy text has an error every few bytes, and checking them all
/// cost 100 instructions a byte.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let count_non_ascii = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC0).count();
    let (mut chars, mut errors) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match simdutf8::compat::from_utf8(rest) {
            Ok(valid) => {
                chars = chars.saturating_add(count_non_ascii(valid.as_bytes()));
                break;
            }
            Err(e) => {
                let (valid, after) = rest
                    .split_at_checked(e.valid_up_to())
                    .unwrap_or((rest, &[]));
                chars = chars.saturating_add(count_non_ascii(valid));
                errors = errors.saturating_add(1);
                if errors >= UTF8_ERRORS_SEEN_MAX
                    && chars < errors.saturating_mul(UTF8_EVIDENCE_RATIO)
                {
                    return false;
                }
                match e.error_len() {
                    Some(len) => rest = after.get(len..).unwrap_or_default(),
                    None => break,
                }
            }
        }
    }
    errors > 0 && chars >= errors.saturating_mul(UTF8_EVIDENCE_RATIO)
}

/// Recognises BOM-less, mostly-ASCII UTF-16: an even length of at least 8
/// bytes and at least 3/4 of the 2-byte units with a zero high byte and a
/// non-zero low byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    // Three units in four must hold a zero byte. With none in the first
    // quarter of the input (and a unit more), the units there, over a
    // quarter of them, hold none, so fewer than three in four can: not
    // UTF-16. One memchr over that quarter settles nearly every input (text
    // has no NUL) without counting the whole input twice.
    let quarter = bytes.get(..bytes.len() / 4 + 2).unwrap_or(bytes);
    memchr::memchr(0, quarter)?;
    utf16_by_counting(bytes)
}

/// [`sniff_utf16`]'s rule on a whole even-length input: count the units
/// with a zero high byte (either order) against three in four.
fn utf16_by_counting(bytes: &[u8]) -> Option<&'static Encoding> {
    let units = bytes.len() / 2;
    let le = bytes
        .chunks_exact(2)
        .filter(|unit| matches!(unit, [low, 0] if *low != 0))
        .count();
    let be = bytes
        .chunks_exact(2)
        .filter(|unit| matches!(unit, [0, low] if *low != 0))
        .count();
    // `units` is at most usize::MAX / 2, so multiplying by 3 or 4 could only
    // overflow on absurd inputs; saturate to stay panic-free regardless.
    let threshold = units.saturating_mul(3);
    if le.saturating_mul(4) >= threshold {
        Some(encoding_rs::UTF_16LE)
    } else if be.saturating_mul(4) >= threshold {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Strict decoding in a caller-chosen encoding.
fn decode_forced<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
) -> Result<Decoded<'a>, DecodeError> {
    let bom_len = match Encoding::for_bom(bytes) {
        Some((bom_encoding, len)) if bom_encoding == encoding => len,
        _ => 0,
    };
    let rest = bytes.get(bom_len..).unwrap_or_default();
    let name = lower_name(encoding);
    let error = |offset: usize| DecodeError {
        encoding: name,
        offset: bom_len.saturating_add(offset),
    };
    let success = |text| Decoded {
        text,
        encoding: name,
        bom: bom_len > 0,
        lossy: false,
    };

    if encoding == encoding_rs::UTF_8 {
        return simdutf8::compat::from_utf8(rest)
            .map(|text| success(Cow::Borrowed(text)))
            .map_err(|e| error(e.valid_up_to()));
    }
    if encoding.is_ascii_compatible() && Encoding::ascii_valid_up_to(rest) == rest.len() {
        // Pure ASCII means the same in every ASCII-compatible encoding.
        if let Ok(text) = std::str::from_utf8(rest) {
            return Ok(success(Cow::Borrowed(text)));
        }
    }

    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(rest.len())
        .unwrap_or(rest.len());
    let mut text = String::with_capacity(capacity);
    let mut read = 0usize;
    loop {
        let remaining = rest.get(read..).unwrap_or_default();
        let (result, just_read) =
            decoder.decode_to_string_without_replacement(remaining, &mut text, true);
        read = read.saturating_add(just_read);
        match result {
            DecoderResult::InputEmpty => return Ok(success(Cow::Owned(text))),
            DecoderResult::OutputFull => {
                let left = rest.len().saturating_sub(read);
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(left)
                    .unwrap_or(left)
                    .max(16);
                text.reserve(more);
            }
            DecoderResult::Malformed(bad, after) => {
                let start = read
                    .saturating_sub(usize::from(bad))
                    .saturating_sub(usize::from(after));
                return Err(error(start));
            }
        }
    }
}

/// Lower-cased [`Encoding::name`] as a `&'static str`: `"UTF-8"` → `"utf-8"`,
/// `"GBK"` → `"gbk"`, `"Shift_JIS"` → `"shift_jis"`. Names `encoding_rs`
/// already spells in lower case (`"gb18030"`, `"windows-1252"` …) are returned
/// as they are.
fn lower_name(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "GBK" => "gbk",
        "Big5" => "big5",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "EUC-KR" => "euc-kr",
        "ISO-2022-JP" => "iso-2022-jp",
        "IBM866" => "ibm866",
        "ISO-8859-2" => "iso-8859-2",
        "ISO-8859-3" => "iso-8859-3",
        "ISO-8859-4" => "iso-8859-4",
        "ISO-8859-5" => "iso-8859-5",
        "ISO-8859-6" => "iso-8859-6",
        "ISO-8859-7" => "iso-8859-7",
        "ISO-8859-8" => "iso-8859-8",
        "ISO-8859-8-I" => "iso-8859-8-i",
        "ISO-8859-10" => "iso-8859-10",
        "ISO-8859-13" => "iso-8859-13",
        "ISO-8859-14" => "iso-8859-14",
        "ISO-8859-15" => "iso-8859-15",
        "ISO-8859-16" => "iso-8859-16",
        "KOI8-R" => "koi8-r",
        "KOI8-U" => "koi8-u",
        // gb18030, macintosh, replacement, windows-125x, windows-874,
        // x-mac-cyrillic, x-user-defined: already lower case.
        other if !other.bytes().any(|b| b.is_ascii_uppercase()) => other,
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

    const SENTENCE: &str = "人工智能引领科技创新。一是加快发展。";

    /// Encodes `text` as UTF-16 with the given endianness, no BOM.
    fn utf16(text: &str, little: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    /// Encodes `text` with encoding_rs (GB18030/GBK); must be lossless.
    fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot encode {text:?}", encoding.name());
        bytes.into_owned()
    }

    fn with_prefix(prefix: &[u8], body: &[u8]) -> Vec<u8> {
        let mut v = prefix.to_vec();
        v.extend_from_slice(body);
        v
    }

    /// Large legacy inputs: the guess reads a sample that starts at the
    /// first non-ASCII byte, however much ASCII comes first, and the whole
    /// input is decoded, beyond the sample and beyond the 1024 malformed
    /// UTF-8 sequences the UTF-8 test looks at.
    #[test]
    fn large_legacy_inputs_are_guessed_from_a_sample_and_decoded_whole() {
        let ascii = "Report 2007, page 1.\n".repeat(20_000); // 420 KB
        let chinese = format!("{SENTENCE}\n").repeat(20_000); // > GUESS_SAMPLE in GBK
        let text = format!("{ascii}{chinese}");
        let bytes = encode(&text, GBK);
        assert!(bytes.len() > ascii.len() + 2 * GUESS_SAMPLE);
        let decoded = decode(&bytes, EncodingChoice::Auto).unwrap();
        assert!(
            matches!(decoded.encoding, "gbk" | "gb18030"),
            "{}",
            decoded.encoding
        );
        assert!(!decoded.lossy);
        assert_eq!(decoded.text, text);
    }

    /// Looking for a zero byte in the first quarter first changes no
    /// answer: ASCII before UTF-16 of every proportion, around the
    /// three-in-four limit, either byte order, odd and even lengths.
    #[test]
    fn utf16_sniffing_agrees_with_counting_every_unit() {
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for ascii in 0..64 {
            for units in [0usize, 3, 4, 5, 10, 30, 60, 61, 62, 63, 100] {
                for little in [true, false] {
                    let mut input = b"x".repeat(ascii);
                    input.extend(utf16(&"a".repeat(units), little));
                    inputs.push(input.clone());
                    input.extend_from_slice(b"\0\0");
                    inputs.push(input);
                }
            }
        }
        inputs.push(vec![0; 100]);
        inputs.push(b"ab\0\0".repeat(50));
        let mut found = 0;
        for input in &inputs {
            let answer = sniff_utf16(input);
            let counted = (input.len() >= 8 && input.len().is_multiple_of(2))
                .then(|| utf16_by_counting(input))
                .flatten();
            assert_eq!(answer, counted, "{input:?}");
            found += usize::from(answer.is_some());
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn auto_successes() {
        let gb18030 = encode(SENTENCE, GB18030);
        let gbk = encode(SENTENCE, GBK);
        let utf8_bom = with_prefix(b"\xEF\xBB\xBF", "第一章 总则".as_bytes());
        let le_bom = with_prefix(b"\xFF\xFE", &utf16(SENTENCE, true));
        let be_bom = with_prefix(b"\xFE\xFF", &utf16(SENTENCE, false));
        let le_ascii = utf16("Chapter 1. Introduction\n", true);
        let be_ascii = utf16("Chapter 1. Introduction\n", false);
        let nul = b"abc\0def\x01\x02".to_vec();
        // (message, input, expected text, allowed encodings, bom, borrowed)
        type Case<'a> = (&'a str, &'a [u8], &'a str, &'a [&'a str], bool, bool);
        let cases: Vec<Case<'_>> = vec![
            ("empty input", b"", "", &["utf-8"], false, true),
            (
                "utf-8 without BOM is borrowed",
                "一、总则\n二、细则".as_bytes(),
                "一、总则\n二、细则",
                &["utf-8"],
                false,
                true,
            ),
            (
                "utf-8 with BOM",
                &utf8_bom,
                "第一章 总则",
                &["utf-8"],
                true,
                true,
            ),
            (
                "NULs in even-length input stay utf-8",
                "第一\0\0章\0".as_bytes(),
                "第一\0\0章\0",
                &["utf-8"],
                false,
                true,
            ),
            (
                "NUL and control characters stay utf-8",
                &nul,
                "abc\0def\u{1}\u{2}",
                &["utf-8"],
                false,
                true,
            ),
            (
                "gb18030 is guessed",
                &gb18030,
                SENTENCE,
                &["gbk", "gb18030"],
                false,
                false,
            ),
            (
                "gbk is guessed",
                &gbk,
                SENTENCE,
                &["gbk", "gb18030"],
                false,
                false,
            ),
            (
                "utf-16le with BOM",
                &le_bom,
                SENTENCE,
                &["utf-16le"],
                true,
                false,
            ),
            (
                "utf-16be with BOM",
                &be_bom,
                SENTENCE,
                &["utf-16be"],
                true,
                false,
            ),
            (
                "ascii utf-16le without BOM",
                &le_ascii,
                "Chapter 1. Introduction\n",
                &["utf-16le"],
                false,
                false,
            ),
            (
                "ascii utf-16be without BOM",
                &be_ascii,
                "Chapter 1. Introduction\n",
                &["utf-16be"],
                false,
                false,
            ),
        ];
        for (msg, input, text, encodings, bom, borrowed) in cases {
            let d = decode(input, EncodingChoice::Auto)
                .unwrap_or_else(|e| panic!("{msg}: auto failed: {e}"));
            assert_eq!(d.text, text, "{msg}: text");
            assert!(
                encodings.contains(&d.encoding),
                "{msg}: encoding {}",
                d.encoding
            );
            assert_eq!(d.bom, bom, "{msg}: bom");
            assert!(!d.lossy, "{msg}: lossy");
            assert_eq!(
                matches!(d.text, Cow::Borrowed(_)),
                borrowed,
                "{msg}: borrowed"
            );
        }
    }

    #[test]
    fn forced_successes() {
        let gb18030 = encode(SENTENCE, GB18030);
        let gbk = encode(SENTENCE, GBK);
        let utf8_bom = with_prefix(b"\xEF\xBB\xBF", SENTENCE.as_bytes());
        let le_bom = with_prefix(b"\xFF\xFE", &utf16(SENTENCE, true));
        let be_bom = with_prefix(b"\xFE\xFF", &utf16(SENTENCE, false));
        let le_plain = utf16(SENTENCE, true);
        // (message, input, encoding, expected name, bom, borrowed)
        type Case<'a> = (&'a str, &'a [u8], &'static Encoding, &'a str, bool, bool);
        let cases: Vec<Case<'_>> = vec![
            (
                "forced utf-8 borrows",
                SENTENCE.as_bytes(),
                UTF_8,
                "utf-8",
                false,
                true,
            ),
            (
                "forced utf-8 strips BOM",
                &utf8_bom,
                UTF_8,
                "utf-8",
                true,
                true,
            ),
            ("forced gb18030", &gb18030, GB18030, "gb18030", false, false),
            (
                "gbk bytes forced gb18030",
                &gbk,
                GB18030,
                "gb18030",
                false,
                false,
            ),
            ("forced gbk", &gbk, GBK, "gbk", false, false),
            (
                "forced utf-16le with BOM",
                &le_bom,
                UTF_16LE,
                "utf-16le",
                true,
                false,
            ),
            (
                "forced utf-16be with BOM",
                &be_bom,
                UTF_16BE,
                "utf-16be",
                true,
                false,
            ),
            (
                "forced utf-16le without BOM (Chinese)",
                &le_plain,
                UTF_16LE,
                "utf-16le",
                false,
                false,
            ),
        ];
        for (msg, input, encoding, name, bom, borrowed) in cases {
            let d = decode(input, EncodingChoice::Forced(encoding))
                .unwrap_or_else(|e| panic!("{msg}: forced failed: {e}"));
            assert_eq!(d.text, SENTENCE, "{msg}: text");
            assert_eq!(d.encoding, name, "{msg}: encoding");
            assert_eq!(d.bom, bom, "{msg}: bom");
            assert!(!d.lossy, "{msg}: lossy");
            assert_eq!(
                matches!(d.text, Cow::Borrowed(_)),
                borrowed,
                "{msg}: borrowed"
            );
        }
    }

    #[test]
    fn forced_ascii_is_borrowed_and_bom_mismatch_kept() {
        let d = decode(b"Chapter 1", EncodingChoice::Forced(GB18030));
        assert!(
            matches!(&d, Ok(d) if matches!(d.text, Cow::Borrowed("Chapter 1"))),
            "pure ASCII in gb18030 borrows: {d:?}"
        );
        // A byte order mark of another encoding is not stripped.
        let d = decode(b"\xFF\xFE\x00a", EncodingChoice::Forced(UTF_16BE));
        assert!(
            matches!(&d, Ok(d) if !d.bom && d.text == "\u{FFFE}a"),
            "FF FE read as U+FFFE in utf-16be: {d:?}"
        );
        let d = decode(b"\xFF\xFEa\x00", EncodingChoice::Forced(UTF_8));
        assert_eq!(
            d,
            Err(DecodeError {
                encoding: "utf-8",
                offset: 0
            }),
            "utf-16 BOM is invalid utf-8"
        );
    }

    #[test]
    fn failures_and_lossy() {
        let mut bad_utf8 = "第一章".as_bytes().to_vec(); // 9 bytes
        bad_utf8.push(0xFF);
        bad_utf8.extend_from_slice("总则".as_bytes());
        let bad_utf8_bom = with_prefix(b"\xEF\xBB\xBF", &bad_utf8);
        let cut = "章".as_bytes().get(..2).unwrap_or_default();
        let truncated_utf8 = with_prefix("第一章总则".as_bytes(), cut);
        let short_truncated_utf8 = with_prefix("总".as_bytes(), cut);
        let gb = encode(SENTENCE, GB18030);
        let truncated_gb = with_prefix(&gb, b"\x81"); // lead byte, nothing after
        let mut bad_gb = encode("第一章", GB18030);
        bad_gb.extend_from_slice(b"\x81\x20"); // lead byte + invalid trail
        bad_gb.extend_from_slice(&encode("总则", GB18030));
        let lone_surrogate: &[u8] = b"\xFF\xFE\x00\xD8\x41\x00";
        let odd_utf16: &[u8] = b"\xFF\xFEa\x00b";
        let truncated_gb_text = format!("{SENTENCE}\u{FFFD}");
        const CJK: &[&str] = &["gbk", "gb18030"];
        // (message, input, forced encoding, expected name, expected offset,
        //  Auto: Some((allowed encodings, expected lossy text)) or None when
        //  Auto cannot be expected to recover)
        type Case<'a> = (
            &'a str,
            &'a [u8],
            &'static Encoding,
            &'static str,
            usize,
            Option<(&'a [&'a str], &'a str)>,
        );
        let cases: Vec<Case<'_>> = vec![
            (
                "invalid utf-8 in the middle",
                &bad_utf8,
                UTF_8,
                "utf-8",
                9,
                Some((&["utf-8"], "第一章\u{FFFD}总则")),
            ),
            (
                "invalid utf-8 after BOM counts the BOM",
                &bad_utf8_bom,
                UTF_8,
                "utf-8",
                12,
                Some((&["utf-8"], "第一章\u{FFFD}总则")),
            ),
            (
                "truncated utf-8 at end",
                &truncated_utf8,
                UTF_8,
                "utf-8",
                15,
                Some((&["utf-8"], "第一章总则\u{FFFD}")),
            ),
            (
                "short truncated utf-8 (chardetng keeps utf-8)",
                &short_truncated_utf8,
                UTF_8,
                "utf-8",
                3,
                Some((&["utf-8"], "总\u{FFFD}")),
            ),
            (
                "lone surrogate in utf-16le",
                lone_surrogate,
                UTF_16LE,
                "utf-16le",
                2,
                Some((&["utf-16le"], "\u{FFFD}A")),
            ),
            (
                "odd-length utf-16le",
                odd_utf16,
                UTF_16LE,
                "utf-16le",
                4,
                Some((&["utf-16le"], "a\u{FFFD}")),
            ),
            (
                "truncated gb18030 at end",
                &truncated_gb,
                GB18030,
                "gb18030",
                gb.len(),
                Some((CJK, &truncated_gb_text)),
            ),
            (
                "invalid gb18030 trail (chardetng then rules GBK out)",
                &bad_gb,
                GB18030,
                "gb18030",
                6,
                None,
            ),
        ];
        for (msg, input, encoding, name, offset, auto) in cases {
            let err = decode(input, EncodingChoice::Forced(encoding));
            assert_eq!(
                err,
                Err(DecodeError {
                    encoding: name,
                    offset
                }),
                "{msg}: forced"
            );
            let d = decode(input, EncodingChoice::Auto)
                .unwrap_or_else(|e| panic!("{msg}: auto failed: {e}"));
            if let Some((encodings, text)) = auto {
                assert!(
                    encodings.contains(&d.encoding),
                    "{msg}: auto encoding {}",
                    d.encoding
                );
                assert!(d.lossy, "{msg}: auto should be lossy");
                assert_eq!(d.text, text, "{msg}: auto text");
            }
        }
    }

    #[test]
    fn error_display() {
        let e = DecodeError {
            encoding: "gb18030",
            offset: 1234,
        };
        assert_eq!(
            e.to_string(),
            "invalid gb18030 byte sequence at byte offset 1234"
        );
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert!(boxed.source().is_none(), "no source");
    }

    #[test]
    fn labels() {
        let cases: Vec<(&str, Result<EncodingChoice, String>)> = vec![
            ("auto", Ok(EncodingChoice::Auto)),
            (" AUTO ", Ok(EncodingChoice::Auto)),
            ("GB18030", Ok(EncodingChoice::Forced(GB18030))),
            ("gbk", Ok(EncodingChoice::Forced(GBK))),
            ("utf-16le", Ok(EncodingChoice::Forced(UTF_16LE))),
            ("UTF-16BE", Ok(EncodingChoice::Forced(UTF_16BE))),
            ("utf8", Ok(EncodingChoice::Forced(UTF_8))),
            ("big5", Ok(EncodingChoice::Forced(BIG5))),
            ("shift_jis", Ok(EncodingChoice::Forced(SHIFT_JIS))),
            (
                "nonsense",
                Err(
                    "unknown encoding `nonsense` (expected auto, utf-8, gb18030, gbk, \
                     utf-16le, utf-16be or another WHATWG label)"
                        .to_string(),
                ),
            ),
        ];
        for (label, expected) in cases {
            assert_eq!(
                EncodingChoice::from_label(label),
                expected,
                "label {label:?}"
            );
        }
        assert!(
            EncodingChoice::from_label("hz-gb-2312").is_err(),
            "labels of the replacement encoding are rejected"
        );
        assert_eq!(EncodingChoice::default(), EncodingChoice::Auto, "default");
    }

    #[test]
    fn lower_names_cover_every_encoding() {
        use encoding_rs::*;
        let all: [&'static Encoding; 40] = [
            BIG5,
            EUC_JP,
            EUC_KR,
            GBK,
            IBM866,
            ISO_2022_JP,
            ISO_8859_10,
            ISO_8859_13,
            ISO_8859_14,
            ISO_8859_15,
            ISO_8859_16,
            ISO_8859_2,
            ISO_8859_3,
            ISO_8859_4,
            ISO_8859_5,
            ISO_8859_6,
            ISO_8859_7,
            ISO_8859_8,
            ISO_8859_8_I,
            KOI8_R,
            KOI8_U,
            SHIFT_JIS,
            UTF_16BE,
            UTF_16LE,
            UTF_8,
            GB18030,
            MACINTOSH,
            REPLACEMENT,
            WINDOWS_1250,
            WINDOWS_1251,
            WINDOWS_1252,
            WINDOWS_1253,
            WINDOWS_1254,
            WINDOWS_1255,
            WINDOWS_1256,
            WINDOWS_1257,
            WINDOWS_1258,
            WINDOWS_874,
            X_MAC_CYRILLIC,
            X_USER_DEFINED,
        ];
        for encoding in all {
            assert_eq!(
                lower_name(encoding),
                encoding.name().to_ascii_lowercase(),
                "lower name of {}",
                encoding.name()
            );
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let forced = [UTF_8, GB18030, GBK, UTF_16LE, UTF_16BE, BIG5, SHIFT_JIS];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..400u64 {
            let len = usize::try_from(next() % 80).unwrap_or(0);
            let mut bytes: Vec<u8> = (0..len).map(|_| next().to_le_bytes()[0]).collect();
            // Sometimes start with a BOM, sometimes stay mostly ASCII.
            match round % 5 {
                0 => bytes.splice(0..0, [0xEF, 0xBB, 0xBF]).for_each(drop),
                1 => bytes.splice(0..0, [0xFF, 0xFE]).for_each(drop),
                2 => bytes.iter_mut().for_each(|b| *b &= 0x7F),
                _ => {}
            }
            let auto = decode(&bytes, EncodingChoice::Auto);
            assert!(auto.is_ok(), "round {round}: auto never fails");
            for encoding in forced {
                match decode(&bytes, EncodingChoice::Forced(encoding)) {
                    Ok(d) => assert!(!d.lossy, "round {round}: forced is never lossy"),
                    Err(e) => assert!(
                        e.offset < bytes.len(),
                        "round {round}: offset {} within {} bytes",
                        e.offset,
                        bytes.len()
                    ),
                }
            }
        }
    }
}
