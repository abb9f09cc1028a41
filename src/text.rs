//! Character classes and text normalization.
//!
//! A paragraph's `text` is its lines joined and, for word-segmented input,
//! its segmentation spaces removed (the contract's "Text" section):
//!
//! ```text
//! 以 机器 学习 为 三 大 核心 技术 的 人工智能 正 以前 所 未      (line 13)
//! 有 的 速度 影响 和 渗透 到 “ U ” 型 machine   learning          (line 14)
//! → 以机器学习为三大核心技术的人工智能正以前所未有的速度影响和渗透到“U”型machine learning
//! ```
//!
//! The rule for both a line break inside a paragraph and, in segmented text,
//! a run of spaces: it disappears when a CJK character stands on either side
//! of it, and becomes one ASCII space between two other characters.

/// Whether a character counts as CJK for joining lines and removing
/// segmentation spaces: ideographs, kana, CJK and full-width punctuation and
/// symbols, the quotation marks “ ” ‘ ’, the ellipsis, dashes, the middle dot
/// and the enclosed numerals (①, ⑴, ⒈, ㈠) used as list markers.
///
/// The ideographs from U+3200 to U+9FFF, most of Chinese text, are told
/// by one range check before the rest of the set is matched.
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{3200}'..='\u{9FFF}').contains(&c) || in_cjk_set(c)
}

/// The set [`is_cjk`] tells, matched as it is listed.
#[inline(always)]
fn in_cjk_set(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}'     // radicals, ideographic description, CJK symbols and punctuation
        | '\u{3040}'..='\u{31FF}'   // kana, bopomofo, kanbun, strokes
        | '\u{3200}'..='\u{9FFF}'   // enclosed CJK, compatibility, extension A, unified ideographs
        | '\u{A000}'..='\u{A4CF}'   // Yi
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FE10}'..='\u{FE1F}'   // vertical forms
        | '\u{FE30}'..='\u{FE6F}'   // CJK compatibility and small forms
        | '\u{FF00}'..='\u{FFEF}'   // full-width and half-width forms
        | '\u{20000}'..='\u{3FFFF}' // extensions B to H
        | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' // ‘ ’ “ ”
        | '\u{2014}' | '\u{2015}' | '\u{2026}' | '\u{22EF}' | '\u{2E3A}' // — ― … ⋯ ⸺
        | '\u{00B7}'                // ·
        | '\u{2460}'..='\u{24FF}'   // ① ⑴ ⒈ ⓫
        | '\u{25A0}'..='\u{25FF}'   // ■ ◆ ● ▲ used as section ornaments
        | '\u{2776}'..='\u{2793}'   // ❶ ➀ ➊
    )
}

/// Whether a character is whitespace inside a line (every Unicode white
/// space: ASCII space, tab, U+3000 ideographic space, U+2003 em space, …).
///
/// The same set as [`char::is_whitespace`] (the White_Space property),
/// spelled out so that CJK text costs no table lookup. A character
/// beyond U+3000 (every ideograph) is told by one compare.
pub(crate) fn is_space(c: char) -> bool {
    c <= '\u{3000}'
        && matches!(
            c,
            '\t'..='\r'
                | ' '
                | '\u{85}'
                | '\u{A0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
        )
}

/// Punctuation that closes a sentence or a clause: a paragraph that ends
/// with none of these before a separator is `truncated_end`.
pub(crate) fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '!'
            | '?'
            | '.'
            | '…'
            | '⋯'
            | '”'
            | '’'
            | '"'
            | '\''
            | '」'
            | '』'
            | '）'
            | ')'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '］'
            | ']'
            | '；'
            | ';'
    )
}

/// Punctuation that ends the first sentence of a point (its `lead`).
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// The length in bytes of the sentence end ([`is_sentence_end`]) that
/// starts at byte `i`, or 0 when none does, read from the UTF-8 bytes
/// (`。` is `E3 80 82`; `！？；` are `EF BC 81`, `9F`, `9B`). Every one
/// starts with a byte of [`MAY_START_BOUNDARY`], so a scan can pass over
/// other text with [`skip_to`].
pub(crate) fn sentence_end_width(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b'!' | b'?' | b';' => 1,
        0xE3 if at(1) == 0x80 && at(2) == 0x82 => 3,
        0xEF if at(1) == 0xBC && matches!(at(2), 0x81 | 0x9B | 0x9F) => 3,
        _ => 0,
    }
}

/// Punctuation a heading or a title does not end with: a line that ends
/// with one of these is a sentence or a fragment of one.
pub(crate) fn is_body_punctuation(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '…'
            | '⋯'
            | '—'
    )
}

/// Joins the pieces of a block (each one line's content, without its
/// indentation and trailing white space) into normalized text.
///
/// Between two pieces, and in segmented text at every run of white space
/// within a piece, nothing is kept when a CJK character stands on either
/// side, and one ASCII space is kept otherwise. In text that is not
/// segmented, white space inside a piece is kept as written.
///
/// `capacity` is the room to reserve: at least the pieces' total length,
/// which the output never exceeds by more than one byte a piece.
pub(crate) fn normalize<'p>(
    pieces: impl IntoIterator<Item = &'p str>,
    capacity: usize,
    segmented: bool,
) -> String {
    let mut out = String::with_capacity(capacity);
    normalize_into(&mut out, pieces, segmented);
    give_back_room(&mut out);
    out
}

/// Give back the room of a normalized text made in room reserved for the
/// source it came from, when the room left is more than a quarter of the
/// text and more than [`ROOM_KEPT`]: the text lives as long as the
/// outline, and room for what was left out (indentation, line breaks,
/// segmentation spaces) would be wasted. A few bytes are not worth it:
/// shrinking moves the text (headings, most of the texts normalized one by
/// one, are short and often letter-spaced).
pub(crate) fn give_back_room(out: &mut String) {
    let room = out.capacity() - out.len();
    if room > out.len() / 4 && room > ROOM_KEPT {
        out.shrink_to_fit();
    }
}

/// The room [`give_back_room`] leaves in any case, in bytes.
const ROOM_KEPT: usize = 16;

/// Where normalized text goes: a `String`, or the JSON string being
/// written (`tree::json`), which escapes what JSON must escape as the
/// text goes in, so that the text is neither scanned nor copied again.
pub(crate) trait TextSink {
    /// The bytes the scan of segmented text must also stop at, to be
    /// appended with [`TextSink::push_special`]: a flag of [`BYTE_CLASS`]
    /// ([`MAY_NEED_ESCAPE`] for JSON), or 0 for none. Runs of text between
    /// such bytes are appended with [`TextSink::push_part`] as they are.
    const SPECIAL: u8;
    /// The text so far, as UTF-8 bytes: the text appended by the
    /// normalizer may follow other text (the normalizer never reads what it
    /// did not append), and a character it appended may be written
    /// otherwise, as long as an ASCII character stays ASCII and other
    /// characters stay as they are (JSON escapes).
    fn so_far(&self) -> &[u8];
    /// Append `piece[from..to]` (both character boundaries), which holds
    /// no byte of [`TextSink::SPECIAL`].
    fn push_part(&mut self, piece: &str, from: usize, to: usize);
    /// Append a whole piece of text, which may hold any byte.
    fn push_piece(&mut self, piece: &str);
    /// Append one ASCII byte of [`TextSink::SPECIAL`] that is not white
    /// space.
    fn push_special(&mut self, byte: u8);
    /// Append one ASCII space.
    fn push_space(&mut self);
}

impl TextSink for String {
    const SPECIAL: u8 = 0;

    fn so_far(&self) -> &[u8] {
        self.as_bytes()
    }

    fn push_part(&mut self, piece: &str, from: usize, to: usize) {
        self.push_str(piece.get(from..to).unwrap_or_default());
    }

    fn push_piece(&mut self, piece: &str) {
        self.push_str(piece);
    }

    fn push_special(&mut self, byte: u8) {
        self.push(char::from(byte));
    }

    fn push_space(&mut self) {
        self.push(' ');
    }
}

/// Runs of text at most this long are copied as one fixed-size move of
/// this many bytes (where the piece has them), the surplus cut off: in
/// segmented text most runs are a word or two, and a copy of a length
/// known only at run time is a call.
const SHORT_RUN: usize = 16;

/// Append `piece[from..to]` (both character boundaries) to `out`, a run
/// of at most [`SHORT_RUN`] bytes in one fixed-size move.
pub(crate) fn push_run(out: &mut Vec<u8>, piece: &str, from: usize, to: usize) {
    let bytes = piece.as_bytes();
    // Wrapping: `to` is never before `from`, and if it were, the run would
    // count as long and copy nothing below.
    let len = to.wrapping_sub(from);
    // Taken as the rest of the piece and its first bytes, which checks the
    // bounds with two compares (the range `from..from + SHORT_RUN` costs an
    // overflow check too).
    let window = bytes.get(from..).and_then(<[u8]>::first_chunk::<SHORT_RUN>);
    match window {
        Some(window) if len <= SHORT_RUN => {
            let kept = out.len() + len;
            out.extend_from_slice(window);
            out.truncate(kept);
        }
        _ => out.extend_from_slice(bytes.get(from..to).unwrap_or_default()),
    }
}

/// [`normalize`], appended to `out`: the text is normalized as if on its
/// own (what `out` holds before it is never joined to).
///
/// Always inlined: it is a short loop over the pieces, and the writer
/// calls it for every paragraph; called from two places (a paragraph's
/// text and a point's lead), it was no longer inlined there, at a cost of
/// about 1.2M instructions on the 10 MB benchmark input.
#[inline(always)]
pub(crate) fn normalize_into<'p, S: TextSink>(
    out: &mut S,
    pieces: impl IntoIterator<Item = &'p str>,
    segmented: bool,
) {
    let mut first = true;
    for piece in pieces {
        if piece.is_empty() {
            continue;
        }
        // The break before this piece; none before the first.
        if !first {
            join_at_space(out, piece);
        }
        first = false;
        if segmented {
            push_segmented(out, piece);
        } else {
            out.push_piece(piece);
        }
    }
}

/// Appends a piece of segmented text: runs without white space are copied
/// whole; each run of white space between them goes, or becomes one ASCII
/// space between two characters that are not CJK.
///
/// The scan steps over a three- or four-byte character in one go and
/// looks closely only at bytes that may start white space (or that the
/// sink wants on their own). It is [`skip_to`] written out, so that the
/// usual stop, an ASCII space after a word, is told without the table:
/// segmented Chinese has one every two or three characters.
///
/// Such a space goes whatever follows it: white space after a CJK
/// character goes whole, so the space can go on its own, and the white
/// space after it, if any, is met next with the CJK character the last one
/// written, where the general path drops it too ([`join_at_space`] reads
/// what was written).
fn push_segmented<S: TextSink>(out: &mut S, piece: &str) {
    let bytes = piece.as_bytes();
    let mut run = 0; // start of the run not yet copied
    let mut i = 0;
    loop {
        // Ideographs from U+4000 to U+9FFF (lead byte `E4` to `E9`), most
        // of the text, are passed over without the table.
        let word = i;
        while bytes.get(i).is_some_and(|&b| b.wrapping_sub(0xE4) < 6) {
            i += 3;
        }
        let Some(&byte) = bytes.get(i) else {
            break;
        };
        // The usual case in segmented Chinese: one ASCII space after a
        // CJK character of three bytes (a Chinese character, or full-width
        // punctuation such as `，`), which goes. When the loop above passed
        // an ideograph, the character before the space is one: nothing
        // more to read. Otherwise the character is read back from the
        // piece: it is in the run not yet copied (a run starts after white
        // space or an ASCII byte, and white space is passed whole), so the
        // check needs no bound on `run`. Its lead byte is looked at first,
        // on its own: its bound is one compare, where the slice pattern of
        // [`ends_in_cjk3`] needs two (before byte 3 the index wraps, and
        // the pattern tells).
        if byte == b' '
            && (i != word
                || bytes
                    .get(i.wrapping_sub(3))
                    .is_some_and(|&lead| leads_cjk_block(lead))
                || bytes.get(..i).is_some_and(ends_in_cjk3))
        {
            out.push_part(piece, run, i);
            i += 1;
            run = i;
            continue;
        }
        let class = BYTE_CLASS[usize::from(byte)];
        if class & (MAY_START_SPACE | S::SPECIAL) == 0 {
            i += usize::from(class & 0x07);
            continue;
        }
        // A character led by `E3` is white space only as U+3000 (`E3 80
        // 80`): the others, `。` and `、` (`E3 80 82`, `E3 80 81`) most of
        // all, are passed over as a whole, as [`read_space_width`] would
        // (no byte of theirs is special), with one compare of their last
        // two bytes.
        if let Some(&[0xE3, second, third]) = bytes.get(i..).and_then(<[u8]>::first_chunk::<3>) {
            if [second, third] != [0x80, 0x80] {
                i += 3;
                continue;
            }
        }
        let width = read_space_width(bytes, i);
        if width == 0 {
            // A byte the sink wants on its own (escaped in JSON).
            if class & S::SPECIAL != 0 {
                out.push_part(piece, run, i);
                out.push_special(byte);
                run = i + 1;
            }
            i += usize::from(class & 0x07);
            continue;
        }
        out.push_part(piece, run, i);
        let mut after = i + width;
        loop {
            let more = space_width(bytes, after);
            if more == 0 {
                break;
            }
            after += more;
        }
        if after < bytes.len() {
            join_at_space(out, piece.get(after..).unwrap_or_default());
        }
        run = after;
        i = after;
    }
    out.push_part(piece, run, bytes.len());
}

/// The length in bytes of the white space character ([`is_space`]) that
/// starts at byte `i`, or 0 when none does. Reads the UTF-8 bytes
/// directly: ASCII white space; U+0085 and U+00A0 (`C2 85`, `C2 A0`);
/// U+1680 (`E1 9A 80`); U+2000–U+200A, U+2028, U+2029, U+202F (`E2 80 ..`)
/// and U+205F (`E2 81 9F`); U+3000 (`E3 80 80`).
#[inline]
pub(crate) fn space_width(bytes: &[u8], i: usize) -> usize {
    read_space_width(bytes, i)
}

/// [`space_width`], always inlined: for the scan of segmented text, which
/// reads every character led by a byte that may start white space (`。`,
/// `、`, `“` and `”` among them), where a call costs more than the reading.
#[inline(always)]
fn read_space_width(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// `s` without the white space ([`is_space`]) at either end. Most pieces
/// of text have none, which their first and last bytes tell without
/// decoding a character: white space starts with a byte of
/// [`MAY_START_SPACE`] and ends with ASCII white space or one of the bytes
/// `80`–`8A`, `9F`, `A0`, `A8`, `A9`, `AF`.
pub(crate) fn trim_spaces(s: &str) -> &str {
    let bytes = s.as_bytes();
    let starts_clean = bytes
        .first()
        .is_none_or(|&b| BYTE_CLASS[usize::from(b)] & MAY_START_SPACE == 0);
    let ends_clean = bytes.last().is_none_or(|&b| !may_end_space(b));
    if starts_clean && ends_clean {
        s
    } else {
        trim_end_spaces(trim_start_spaces(s))
    }
}

/// The length in bytes of the white space ([`is_space`]) that ends just
/// before byte `end` of `bytes` (valid UTF-8 cut at a character boundary),
/// or 0 when none does: the forms [`space_width`] reads, read from their
/// end. A lead byte (`C2`, `E1`–`E3`) two or three bytes before the end
/// starts the last character, so the bytes matched are that character.
fn space_width_before(bytes: &[u8], end: usize) -> usize {
    let before = bytes.get(..end).unwrap_or_default();
    match before {
        [.., b'\t'..=b'\r' | b' '] => 1,
        [.., 0xC2, 0x85 | 0xA0] => 2,
        [.., 0xE1, 0x9A, 0x80] => 3,
        [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] => 3,
        [.., 0xE2, 0x81, 0x9F] => 3,
        [.., 0xE3, 0x80, 0x80] => 3,
        _ => 0,
    }
}

/// `s` without the white space ([`is_space`]) at its start: most strings
/// start with none, which their first byte says as in [`trim_spaces`];
/// the spaces there are, a few at most (`第一章　总则`, `第 一 章`), are
/// read from their bytes ([`space_width`]) without decoding a character.
pub(crate) fn trim_start_spaces(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let width = match BYTE_CLASS[usize::from(byte)] & MAY_START_SPACE {
            0 => 0,
            _ => space_width(bytes, at),
        };
        if width == 0 {
            break;
        }
        at += width;
    }
    // After whole characters: on a character boundary.
    s.get(at..).unwrap_or_default()
}

/// `s` without the white space ([`is_space`]) at its end, read from its
/// bytes ([`space_width_before`]) without decoding a character: most
/// strings end with none, which their last byte says as in
/// [`trim_spaces`], or else their last three (`。` ends with a byte that
/// may end a space, as a third of the lines of an article do).
#[inline]
pub(crate) fn trim_end_spaces(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    loop {
        match space_width_before(bytes, end) {
            0 => break,
            width => end -= width,
        }
    }
    // Before whole characters: on a character boundary.
    s.get(..end).unwrap_or_default()
}

/// Whether `s` holds white space ([`is_space`]), read from its bytes as
/// [`find_by_bytes`] reads them: a character whose first byte starts no
/// space is passed over undecoded.
pub(crate) fn contains_space(s: &str) -> bool {
    find_by_bytes(s.as_bytes(), 0, MAY_START_SPACE, space_width).is_some()
}

/// Whether a byte can be the last byte of a white space character.
const fn may_end_space(byte: u8) -> bool {
    matches!(
        byte,
        b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF
    )
}

/// At a line break or a run of segmentation spaces between the text so far
/// and `next`: one ASCII space when neither side is CJK, nothing otherwise.
/// An ASCII character is never CJK, so most decisions read one byte.
fn join_at_space(out: &mut impl TextSink, next: &str) {
    let latin = |c: char| !is_cjk(c);
    let bytes = out.so_far();
    let previous_latin = match bytes {
        [] => false,
        [.., byte] if byte.is_ascii() => true,
        // Most often a Chinese character or full-width punctuation: its
        // three bytes say so.
        [.., lead, _, _] if three_byte_lead(*lead) => !ends_in_cjk3(bytes),
        _ => last_char(bytes).is_some_and(latin),
    };
    if !previous_latin {
        return;
    }
    let next_latin = match next.as_bytes().first() {
        None => false,
        Some(byte) if byte.is_ascii() => true,
        Some(&byte) if leads_cjk_block(byte) => false,
        Some(_) => next.chars().next().is_some_and(latin),
    };
    if next_latin {
        out.push_space();
    }
}

/// The last character of `bytes`, if they end with a whole one.
fn last_char(bytes: &[u8]) -> Option<char> {
    // A character is at most four bytes; its first is no continuation byte.
    let start = (bytes.len().saturating_sub(4)..bytes.len())
        .rev()
        .find(|&i| bytes.get(i).is_some_and(|&b| b & 0xC0 != 0x80))?;
    std::str::from_utf8(bytes.get(start..)?)
        .ok()?
        .chars()
        .next_back()
}

/// Whether the last character of `bytes` (valid UTF-8) is a CJK character
/// ([`is_cjk`]) of three bytes, read from them: from U+3000 to U+9FFF (lead
/// byte `E3` to `E9`, the usual case) by its lead byte alone, others
/// decoded (`，` is `EF BC 8C`, `“` is `E2 80 9C`) without
/// [`std::str::from_utf8`].
#[inline]
fn ends_in_cjk3(bytes: &[u8]) -> bool {
    match bytes {
        [.., lead, _, _] if leads_cjk_block(*lead) => true,
        // Full-width forms U+FF00 to U+FFBF (`，` is `EF BC 8C`).
        [.., 0xEF, 0xBC..=0xBE, _] => true,
        [.., lead, second, third] if three_byte_lead(*lead) => {
            decoded_is_cjk(*lead, *second, *third)
        }
        _ => false,
    }
}

/// Whether the character of three bytes `lead second third` is CJK
/// ([`is_cjk`]), decoded.
fn decoded_is_cjk(lead: u8, second: u8, third: u8) -> bool {
    let code =
        (u32::from(lead & 0x0F) << 12) | (u32::from(second & 0x3F) << 6) | u32::from(third & 0x3F);
    char::from_u32(code).is_some_and(is_cjk)
}

/// Whether `byte` is the lead byte of a character of three bytes (`E0` to
/// `EF`). In valid UTF-8 ending three bytes after such a byte, the last
/// character is the one it leads.
const fn three_byte_lead(byte: u8) -> bool {
    matches!(byte, 0xE0..=0xEF)
}

/// Whether `byte` is the lead byte of a character from U+3000 to U+9FFF
/// (`E3` to `E9`), all of which [`is_cjk`] counts as CJK. Such a byte is
/// never a continuation byte.
const fn leads_cjk_block(byte: u8) -> bool {
    matches!(byte, 0xE3..=0xE9)
}

/// For the tests of a reader of UTF-8 bytes: on every character, `width`
/// gives the character's length when it is in `class` (which has `count`
/// members) and 0 otherwise; and 0 on a continuation byte or a cut
/// sequence.
#[cfg(test)]
pub(crate) fn assert_byte_reader_agrees(
    class: fn(char) -> bool,
    width: fn(&[u8], usize) -> usize,
    count: usize,
) {
    let mut members = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let encoded = c.encode_utf8(&mut buf).as_bytes();
        let expected = if class(c) { c.len_utf8() } else { 0 };
        assert_eq!(width(encoded, 0), expected, "{c:?}");
        members += usize::from(expected > 0);
        for i in 1..encoded.len() {
            assert_eq!(width(encoded, i), 0, "{c:?} at byte {i}");
            let cut = encoded.get(..i).unwrap_or_default();
            assert_eq!(width(cut, 0), 0, "{c:?} cut after {i} bytes");
        }
    }
    assert_eq!(members, count);
}

/// How far a scan for characters read from their bytes (white space,
/// clause boundaries) moves on from `byte` when none starts there: a
/// three- or four-byte character is passed whole; anything else (ASCII, a
/// two-byte lead, a continuation byte) steps one byte. Continuation bytes
/// (0x80..=0xBF) are never taken for lead bytes, so every step lands on a
/// character boundary or inside a two-byte character, never astray.
pub(crate) const fn step_over(byte: u8) -> usize {
    match byte {
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// A byte that may start white space ([`space_width`]): ASCII white space,
/// or the lead byte of U+0085, U+00A0 (`C2`), U+1680 (`E1`), U+2000–U+205F
/// (`E2`) or U+3000 (`E3`).
pub(crate) const MAY_START_SPACE: u8 = 0x08;

/// A byte that JSON must escape: a control character (below `0x20`), `"`
/// or a backslash.
pub(crate) const MAY_NEED_ESCAPE: u8 = 0x20;

/// A byte that may start a clause boundary
/// ([`crate::syntax::inline_point::boundary_width`]): `! , : ; ?`, or the
/// lead byte of `。` (`E3`) and of the full-width forms (`EF`).
pub(crate) const MAY_START_BOUNDARY: u8 = 0x10;

/// For every byte: [`step_over`] in the low three bits, and the flags
/// [`MAY_START_SPACE`], [`MAY_START_BOUNDARY`] and [`MAY_NEED_ESCAPE`]. A
/// scan reads one entry a byte and takes no branch on the kind of byte,
/// which a mix of Chinese characters and ASCII spaces would make
/// unpredictable.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        let mut class = step_over(b) as u8;
        if matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            class |= MAY_START_SPACE;
        }
        if matches!(b, b'!' | b',' | b':' | b';' | b'?' | 0xE3 | 0xEF) {
            class |= MAY_START_BOUNDARY;
        }
        if matches!(b, 0x00..=0x1F | b'"' | b'\\') {
            class |= MAY_NEED_ESCAPE;
        }
        table[byte] = class;
        byte += 1;
    }
    table
};

/// The first offset at or after `i` whose byte has `flag` in
/// [`BYTE_CLASS`], stepping over whole characters; `bytes.len()` when there
/// is none. `i` must be a character boundary of the text `bytes` holds.
///
/// The lead byte of an ideograph from U+4000 to U+9FFF (`E4` to `E9`, most
/// characters of Chinese text), which has no flag, is stepped over without
/// the table: each step of the scan waits on the one before, and a compare
/// is quicker to wait on than a second load.
pub(crate) fn skip_to(bytes: &[u8], mut i: usize, flag: u8) -> usize {
    while let Some(&byte) = bytes.get(i) {
        if byte.wrapping_sub(0xE4) < 6 {
            i += 3;
            continue;
        }
        let class = BYTE_CLASS[usize::from(byte)];
        if class & flag != 0 {
            return i;
        }
        i += usize::from(class & 0x07);
    }
    bytes.len()
}

/// The first character at or after `i` that `width` reads (gives a
/// length other than 0), looked for as [`skip_to`] looks: characters whose
/// first byte lacks `flag` are passed over undecoded. Its offset and
/// length; `None` when there is none. `i` must be a character boundary.
pub(crate) fn find_by_bytes(
    bytes: &[u8],
    mut i: usize,
    flag: u8,
    width: impl Fn(&[u8], usize) -> usize,
) -> Option<(usize, usize)> {
    loop {
        i = skip_to(bytes, i, flag);
        let &byte = bytes.get(i)?;
        match width(bytes, i) {
            0 => i += step_over(byte),
            found => return Some((i, found)),
        }
    }
}

/// Evidence for word segmentation, gathered line by line.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SegmentationEvidence {
    /// Runs of white space inside a line's content with a CJK character on
    /// at least one side.
    cjk_spaces: usize,
    /// CJK characters seen.
    cjk_chars: usize,
}

impl SegmentationEvidence {
    /// Whether enough text has been seen to decide: the first 20,000
    /// characters of a document tell segmented text from ordinary text.
    pub(crate) fn is_enough(&self) -> bool {
        self.cjk_chars + self.cjk_spaces >= 20_000
    }

    /// Count one line's content (indentation and trailing space removed).
    pub(crate) fn add(&mut self, content: &str) {
        let mut previous: Option<char> = None;
        let mut in_space = false;
        for c in content.chars() {
            if is_space(c) {
                in_space = true;
                continue;
            }
            if is_cjk(c) {
                self.cjk_chars += 1;
            }
            if in_space {
                if previous.is_some_and(is_cjk) || is_cjk(c) {
                    self.cjk_spaces += 1;
                }
                in_space = false;
            }
            previous = Some(c);
        }
    }

    /// Whether the text looks word-segmented: at least two spaces next to
    /// CJK characters, and one for every eight CJK characters. Segmented
    /// Chinese has about one for every two; ordinary text has a few per
    /// document (`国务院总理 李强`).
    pub(crate) fn is_segmented(&self) -> bool {
        self.cjk_spaces >= 2 && self.cjk_spaces * 8 >= self.cjk_chars
    }
}

/// The previous [`push_segmented`], kept as the tests' oracle: it took
/// the fast path for a space after a CJK character only when no more
/// white space followed, and read the character back every time.
#[cfg(test)]
fn push_segmented_oracle<S: TextSink>(out: &mut S, piece: &str) {
    let bytes = piece.as_bytes();
    let mut run = 0; // start of the run not yet copied
    let mut i = 0;
    loop {
        // Ideographs from U+4000 to U+9FFF (lead byte `E4` to `E9`), most
        // of the text, are passed over without the table.
        while bytes.get(i).is_some_and(|&b| b.wrapping_sub(0xE4) < 6) {
            i += 3;
        }
        let Some(&byte) = bytes.get(i) else {
            break;
        };
        // The usual case in segmented Chinese: one ASCII space after a
        // CJK character of three bytes (a Chinese character, or full-width
        // punctuation such as `，`), which goes. That character is in the
        // run not yet copied (a run starts after white space or an ASCII
        // byte, never after it), so the check needs no bound on `run`.
        // The lead byte three back is looked at first, on its own: its
        // bound is one compare, where the slice pattern of
        // [`ends_in_cjk3`] needs two (before byte 3 the index wraps, and
        // the pattern tells).
        let after_chinese = byte == b' '
            && (bytes
                .get(i.wrapping_sub(3))
                .is_some_and(|&lead| leads_cjk_block(lead))
                || bytes.get(..i).is_some_and(ends_in_cjk3));
        let single = || {
            bytes
                .get(i + 1)
                .is_none_or(|&next| BYTE_CLASS[usize::from(next)] & MAY_START_SPACE == 0)
                || space_width(bytes, i + 1) == 0
        };
        if after_chinese && single() {
            out.push_part(piece, run, i);
            run = i + 1;
            i += 1;
            continue;
        }
        let class = BYTE_CLASS[usize::from(byte)];
        if class & (MAY_START_SPACE | S::SPECIAL) == 0 {
            i += usize::from(class & 0x07);
            continue;
        }
        let width = space_width(bytes, i);
        if width == 0 {
            // A byte the sink wants on its own (escaped in JSON).
            if class & S::SPECIAL != 0 {
                out.push_part(piece, run, i);
                out.push_special(byte);
                run = i + 1;
            }
            i += usize::from(class & 0x07);
            continue;
        }
        out.push_part(piece, run, i);
        let mut after = i + width;
        loop {
            let more = space_width(bytes, after);
            if more == 0 {
                break;
            }
            after += more;
        }
        if after < bytes.len() {
            join_at_space(out, piece.get(after..).unwrap_or_default());
        }
        run = after;
        i = after;
    }
    out.push_part(piece, run, bytes.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_end_width_reads_every_sentence_end_and_nothing_else() {
        assert_byte_reader_agrees(is_sentence_end, sentence_end_width, 7);
        // And each starts with a byte the boundary scan stops at.
        for c in ['。', '！', '？', '；', '!', '?', ';'] {
            let mut buf = [0u8; 4];
            let lead = c
                .encode_utf8(&mut buf)
                .as_bytes()
                .first()
                .copied()
                .unwrap_or(0);
            assert!(
                BYTE_CLASS[usize::from(lead)] & MAY_START_BOUNDARY != 0,
                "{c}"
            );
        }
    }

    #[test]
    fn contains_space_finds_what_contains_finds() {
        for c in ('\0'..='\u{FFFF}').chain(['\u{10FFFF}']) {
            for s in [format!("{c}"), format!("甲{c}乙"), format!("一、{c}")] {
                assert_eq!(contains_space(&s), s.contains(is_space), "{s:?}");
            }
        }
        assert!(!contains_space(""));
    }

    #[test]
    fn space_width_reads_every_space_and_nothing_else() {
        assert_byte_reader_agrees(is_space, space_width, 25);
    }

    /// The table agrees with what it is made of, and a scan stops at every
    /// space and boundary of a mixed text.
    #[test]
    fn byte_classes_step_and_flag_as_their_functions_say() {
        for byte in 0..=255u8 {
            let class = BYTE_CLASS[usize::from(byte)];
            assert_eq!(usize::from(class & 0x07), step_over(byte), "{byte:#04x}");
            let spacey = space_width(&[byte, 0x80, 0x80], 0) > 0
                || matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3);
            assert_eq!(class & MAY_START_SPACE != 0, spacey, "{byte:#04x}");
            let escaped = byte < 0x20 || byte == b'"' || byte == b'\\';
            assert_eq!(class & MAY_NEED_ESCAPE != 0, escaped, "{byte:#04x}");
        }
        let text = "甲 乙\u{3000}丙，丁。a:b\u{2003}𠀀 ";
        let bytes = text.as_bytes();
        let stops = |flag| {
            let mut found = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                i = skip_to(bytes, i, flag);
                if i < bytes.len() {
                    found.push(i);
                    i += text
                        .get(i..)
                        .and_then(|r| r.chars().next())
                        .map_or(1, char::len_utf8);
                }
            }
            found
        };
        let spaces: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| is_space(*c))
            .map(|(i, _)| i)
            .collect();
        assert!(spaces.iter().all(|i| stops(MAY_START_SPACE).contains(i)));
        let boundaries: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| crate::syntax::inline_point::is_boundary(*c))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(boundaries.len(), 3);
        assert!(boundaries
            .iter()
            .all(|i| stops(MAY_START_BOUNDARY).contains(i)));
    }

    #[test]
    fn segmented_spaces_go_next_to_cjk_and_stay_between_latin_words() {
        let cases = [
            (
                vec!["人工智能 引领 科技"],
                "人工智能引领科技",
                "spaces between words go",
            ),
            (vec!["“ U ” 型"], "“U”型", "spaces inside quotes go"),
            (
                vec!["machine   learning 方法"],
                "machine learning方法",
                "a run between Latin words becomes one space",
            ),
            (
                vec!["增长 3.5% 以上"],
                "增长3.5%以上",
                "spaces next to CJK go, digits too",
            ),
            (
                vec!["发展", "的 新 引擎"],
                "发展的新引擎",
                "a break between CJK characters joins with nothing",
            ),
            (
                vec!["同时", "， 在"],
                "同时，在",
                "a break before punctuation joins with nothing",
            ),
            (
                vec!["machine", "learning"],
                "machine learning",
                "a break between Latin words is one space",
            ),
        ];
        for (pieces, expected, why) in cases {
            let capacity = pieces.iter().map(|p| p.len()).sum();
            assert_eq!(normalize(pieces, capacity, true), expected, "should: {why}");
        }
    }

    #[test]
    fn unsegmented_text_keeps_its_spaces_and_joins_lines() {
        let cases = [
            (
                vec!["国务院总理 李强"],
                "国务院总理 李强",
                "a space inside a line stays",
            ),
            (
                vec!["推动", "发展。"],
                "推动发展。",
                "CJK lines join with nothing",
            ),
            (
                vec!["增长", "5.2%"],
                "增长5.2%",
                "CJK then a digit join with nothing",
            ),
            (
                vec!["GDP", "growth"],
                "GDP growth",
                "Latin lines join with a space",
            ),
        ];
        for (pieces, expected, why) in cases {
            let capacity = pieces.iter().map(|p| p.len()).sum();
            assert_eq!(
                normalize(pieces, capacity, false),
                expected,
                "should: {why}"
            );
        }
    }

    #[test]
    fn segmentation_is_detected_from_spaces_next_to_cjk() {
        let mut seg = SegmentationEvidence::default();
        seg.add("人工智能 引领 科技 创新 助 推 产业 结构 升级");
        assert!(seg.is_segmented(), "jieba output is segmented");
        let mut plain = SegmentationEvidence::default();
        plain
            .add("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强");
        assert!(
            !plain.is_segmented(),
            "one space in a long line is not segmentation"
        );
        let mut short = SegmentationEvidence::default();
        short.add("国务院总理 李强");
        assert!(!short.is_segmented(), "one space is not enough evidence");
        let mut latin = SegmentationEvidence::default();
        latin.add("machine learning");
        assert!(
            !latin.is_segmented(),
            "spaces between Latin words are not evidence"
        );
    }

    /// The range check that tells most ideographs changes nothing: on
    /// every character of Unicode, [`is_cjk`] is the set matched alone,
    /// [`in_cjk_set`] (fails when the range takes in a character outside
    /// the set: from U+2000, say, or up to U+A4FF past Yi).
    #[test]
    fn is_cjk_is_the_set_matched() {
        let mut cjk = 0;
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(is_cjk(c), in_cjk_set(c), "U+{:04X}", u32::from(c));
            cjk += usize::from(is_cjk(c));
        }
        assert!(cjk > 150_000, "{cjk}");
    }

    /// [`is_space`] is the White_Space property on every character of
    /// Unicode, 25 of them, the compare that tells those beyond U+3000
    /// included (it fails when U+3000 itself is left beyond it).
    #[test]
    fn is_space_is_the_white_space_property() {
        let mut spaces = 0;
        for code in 0..=0x10FFFF_u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_space(c), c.is_whitespace(), "U+{code:04X}");
                spaces += usize::from(is_space(c));
            }
        }
        assert_eq!(spaces, 25);
    }

    #[test]
    fn every_space_ends_with_a_byte_that_may_end_one() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_space(*c))
        {
            let mut buf = [0u8; 4];
            let last = c.encode_utf8(&mut buf).as_bytes().last().copied();
            assert!(last.is_some_and(may_end_space), "{c:?}");
        }
        for s in [
            "",
            " ",
            "甲",
            " 甲 ",
            "\u{3000}甲\u{3000}",
            "甲\u{205F}",
            "\u{85}a",
            "a\u{a0}",
            "人工 智能",
            "\u{3000}\u{3000}甲",
            " \t\u{2003}\u{3000}\u{85}x",
            "\u{3000}、",
            "\u{3001}",
        ] {
            assert_eq!(trim_spaces(s), s.trim_matches(is_space), "{s:?}");
            assert_eq!(trim_end_spaces(s), s.trim_end_matches(is_space), "{s:?}");
            assert_eq!(
                trim_start_spaces(s),
                s.trim_start_matches(is_space),
                "{s:?}"
            );
        }
        // Every character at the end, after text.
        for c in ('\0'..='\u{FFFF}').chain(['\u{10FFFF}']) {
            let s = format!("甲{c}");
            assert_eq!(trim_end_spaces(&s), s.trim_end_matches(is_space), "{s:?}");
        }
        // trim_spaces, whose end is read from bytes: every character of
        // Unicode at either end, alone, after and before text and spaces,
        // and runs of the spaces of every width on both sides.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("甲{c}"),
                format!("{c}甲"),
                format!("甲{c}\u{3000}"),
                format!(" 甲{c} "),
                format!("{c}\u{2003}{c}"),
            ] {
                assert_eq!(trim_spaces(&s), s.trim_matches(is_space), "{s:?}");
            }
        }
        let spaces: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_space(*c))
            .collect();
        for a in &spaces {
            for b in &spaces {
                for s in [
                    format!("{a}{b}"),
                    format!("{a}甲。{b}{a}"),
                    format!("。{a}{b}"),
                ] {
                    assert_eq!(trim_spaces(&s), s.trim_matches(is_space), "{s:?}");
                }
            }
        }
    }

    /// The last character read from bytes is that of the text, and
    /// whether it is a CJK character of three bytes is told right, for
    /// every character, alone and after another.
    #[test]
    fn last_characters_read_from_bytes() {
        assert_eq!(last_char(b""), None);
        assert!(!ends_in_cjk3(b""));
        for c in ('\0'..='\u{FFFF}').chain(['\u{10000}', '\u{10FFFF}']) {
            for text in [c.to_string(), format!("甲{c}"), format!("a{c}")] {
                let bytes = text.as_bytes();
                assert_eq!(last_char(bytes), text.chars().next_back(), "{text:?}");
                let cjk3 = c.len_utf8() == 3 && is_cjk(c);
                assert_eq!(ends_in_cjk3(bytes), cjk3, "{text:?}");
            }
        }
    }

    #[test]
    fn characters_led_by_e3_to_e9_are_cjk() {
        for c in '\u{3000}'..='\u{9FFF}' {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes().first().copied();
            assert!(lead.is_some_and(leads_cjk_block), "{c:?}");
            assert!(is_cjk(c), "{c:?}");
        }
    }

    #[test]
    fn classes() {
        for c in ['人', '，', '。', '“', '”', '、', '（', '①', '㈠', '—', '…'] {
            assert!(is_cjk(c), "{c} is CJK");
        }
        for c in ['a', '1', '.', ' ', '\u{2003}'] {
            assert!(!is_cjk(c), "{c:?} is not CJK");
        }
    }

    /// A run is copied as it is, whatever its length and however close to
    /// the end of the piece it ends (the fixed-size move needs
    /// [`SHORT_RUN`] bytes from its start), after what `out` holds.
    #[test]
    fn push_run_copies_every_run() {
        for piece in [
            "",
            "a",
            "中文 ab，c𠀀d",
            "人工智能 引领 科技 machine learning 方法 3.5%",
        ] {
            let bounds: Vec<usize> = (0..=piece.len())
                .filter(|&i| piece.is_char_boundary(i))
                .collect();
            for &from in &bounds {
                for &to in bounds.iter().filter(|&&to| to >= from) {
                    let mut out = b"xy".to_vec();
                    push_run(&mut out, piece, from, to);
                    let expected = format!("xy{}", piece.get(from..to).unwrap_or_default());
                    assert_eq!(out, expected.as_bytes(), "{piece:?} {from}..{to}");
                }
            }
        }
    }

    /// A space after a character goes when that character is CJK, however
    /// near the start of the piece it is (the check of the lead byte three
    /// back has no bound of its own below).
    #[test]
    fn segmented_space_goes_after_cjk_anywhere() {
        for c in ['a', 'é', '中', '䷀', '，', '。', '𠀀'] {
            for before in ["", "b", "bc", "中"] {
                let text = format!("{before}{c} d");
                let expected = if is_cjk(c) {
                    format!("{before}{c}d")
                } else {
                    text.clone()
                };
                let got = normalize([text.as_str()], text.len(), true);
                assert_eq!(got, expected, "{text:?}");
            }
        }
    }

    /// A sink that wants the bytes JSON escapes on their own, as the JSON
    /// writer's does, and marks them, so that a test sees where they went.
    struct MarkingSink(String);

    impl TextSink for MarkingSink {
        const SPECIAL: u8 = MAY_NEED_ESCAPE;

        fn so_far(&self) -> &[u8] {
            self.0.as_bytes()
        }

        fn push_part(&mut self, piece: &str, from: usize, to: usize) {
            let part = piece.get(from..to).unwrap_or("<not a part>");
            assert!(
                !part
                    .bytes()
                    .any(|b| BYTE_CLASS[usize::from(b)] & MAY_NEED_ESCAPE != 0),
                "{part:?}"
            );
            self.0.push_str(part);
        }

        fn push_piece(&mut self, piece: &str) {
            self.0.push_str(piece);
        }

        fn push_special(&mut self, byte: u8) {
            self.0.push('\\');
            self.0.push(char::from(byte));
        }

        fn push_space(&mut self) {
            self.0.push(' ');
        }
    }

    /// The parts of the texts [`push_segmented`] is tested on: white space
    /// of every kind, CJK characters led by each kind of lead byte (an
    /// ideograph of `E4`–`E9`, of extension A and `。` led by `E3`,
    /// full-width forms led by `EF`, `“` led by `E2`), characters next to
    /// them that are not CJK (`‐` led by `E2`, `ᚠ` by `E1`, `￰` by `EF`,
    /// `é`, `𠀀` of four bytes), ASCII letters and digits, the bytes JSON
    /// escapes, and runs longer than a fixed-size move.
    const SEGMENTED_PARTS: [&str; 36] = [
        " ",
        "\t",
        "\n",
        "\u{85}",
        "\u{A0}",
        "\u{1680}",
        "\u{2000}",
        "\u{2003}",
        "\u{200A}",
        "\u{2028}",
        "\u{2029}",
        "\u{202F}",
        "\u{205F}",
        "\u{3000}",
        "中",
        "㐀",
        "。",
        "，",
        "ｶ",
        "￨",
        "“",
        "‐",
        "ᚠ",
        "￰",
        "é",
        "𠀀",
        "a",
        "1",
        "\"",
        "\\",
        "\u{1}",
        "人工智能人工智能",
        "machine learning",
        "中 文 字",
        "ab cd",
        "，　“",
    ];

    /// Segmented text is normalized as the previous scan normalized it
    /// (kept as the oracle): every text of up to three parts of
    /// [`SEGMENTED_PARTS`], after text ending in a Latin letter, a CJK
    /// character or nothing, into a `String` and into a sink that wants
    /// the bytes JSON escapes on their own.
    #[test]
    fn segmented_text_is_normalized_as_before() {
        let texts = crate::syntax::concatenations(&SEGMENTED_PARTS, 3);
        for text in &texts {
            for before in ["", "x", "字"] {
                let mut ours = before.to_owned();
                push_segmented(&mut ours, text);
                let mut oracle = before.to_owned();
                push_segmented_oracle(&mut oracle, text);
                assert_eq!(ours, oracle, "{before:?} {text:?}");
                let mut ours = MarkingSink(before.to_owned());
                push_segmented(&mut ours, text);
                let mut oracle = MarkingSink(before.to_owned());
                push_segmented_oracle(&mut oracle, text);
                assert_eq!(ours.0, oracle.0, "{before:?} {text:?}");
            }
        }
        assert!(texts.len() > 40_000, "{}", texts.len());
    }

    /// Every character led by `E3` (U+3000 to U+3FFF: U+3000, the one
    /// that is white space, `。`, `、`, kana, extension A), which the scan
    /// passes over on its own but for U+3000: alone, after a Chinese
    /// character, a Latin letter or white space, before a space, U+3000,
    /// a tab or text, doubled, at the end of the piece and after a long
    /// run, normalized as the oracle does, into a `String` and into the
    /// sink that wants the bytes JSON escapes.
    #[test]
    fn characters_led_by_e3_are_normalized_as_before() {
        let mut checked = 0;
        for c in ('\u{3000}'..='\u{3FFF}').filter(|c| c.len_utf8() == 3) {
            for text in [
                format!("{c}"),
                format!("中{c} 文"),
                format!("a{c} b"),
                format!(" {c}\u{3000}字"),
                format!("{c}{c}\t{c}"),
                format!("字 {c}"),
                format!("{c}\u{3000}\u{3000}x\"{c}"),
                format!("人工智能人工智能人工智能{c} 引领{c}"),
            ] {
                for before in ["", "x", "字"] {
                    let mut ours = before.to_owned();
                    push_segmented(&mut ours, &text);
                    let mut oracle = before.to_owned();
                    push_segmented_oracle(&mut oracle, &text);
                    assert_eq!(ours, oracle, "{before:?} {text:?}");
                    let mut ours = MarkingSink(before.to_owned());
                    push_segmented(&mut ours, &text);
                    let mut oracle = MarkingSink(before.to_owned());
                    push_segmented_oracle(&mut oracle, &text);
                    assert_eq!(ours.0, oracle.0, "{before:?} {text:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 4096 * 8 * 3);
    }

    proptest::proptest! {
        /// As [`segmented_text_is_normalized_as_before`], on longer texts
        /// of up to 40 parts.
        #[test]
        fn long_segmented_text_is_normalized_as_before(
            parts in proptest::collection::vec(proptest::sample::select(SEGMENTED_PARTS.to_vec()), 0..40),
        ) {
            let text = parts.concat();
            let mut ours = String::from("x");
            push_segmented(&mut ours, &text);
            let mut oracle = String::from("x");
            push_segmented_oracle(&mut oracle, &text);
            proptest::prop_assert_eq!(ours, oracle, "{:?}", text);
            let mut ours = MarkingSink(String::new());
            push_segmented(&mut ours, &text);
            let mut oracle = MarkingSink(String::new());
            push_segmented_oracle(&mut oracle, &text);
            proptest::prop_assert_eq!(ours.0, oracle.0, "{:?}", text);
        }
    }
}
