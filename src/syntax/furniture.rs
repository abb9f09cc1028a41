//! Document furniture: the lines around the body that are neither headings
//! nor paragraphs.
//!
//! ```bnf
//! page_number ::= *space dash *space digits *space dash *space    ; — 3 —
//! dash        ::= "—" | "－" | "-" | "–"
//! byline      ::= ("来源" | "作者" | "责任编辑" | "编辑" | "记者" | "通讯员"
//!                  | "摄影" | "本报记者") [*space (":" | "：")] any*
//!               | agency place-and-date "电" [*space "（" any* "）"]  ; 新华社北京3月5日电
//! attachment  ::= "附件" [*space digits] [*space (":" | "：")] any*
//! date        ::= year "年" month "月" day "日"                      ; 2024年1月5日, 二〇二四年一月五日
//! subtitle    ::= ("——" | "—" | "－－" | "--") any+                   ; ——2007年3月5日在……
//! table_of_contents ::= "目" *space "录"
//! ```
//!
//! ```text
//! > | 新华社北京２００７年３月１７日电
//!     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ byline (a dateline)
//! > | — 3 —
//!     ^^^^^ page number
//! ```
//!
//! Where each may stand (front matter, end of the document) is decided by
//! the tree builder; these recognizers only say what a line looks like.

use super::numeral::{arabic_numeral, chinese_numeral, key3, lead3};
use super::spaces;
use crate::text::{is_body_punctuation, is_space, trim_start_spaces};
use nom::{
    branch::alt,
    bytes::complete::{tag, take_while, take_while1, take_while_m_n},
    character::complete::{char, one_of, satisfy},
    combinator::{eof, opt, recognize, verify},
    IResult, Parser,
};

/// `— 3 —`, `－ 3 －`, `- 3 -`: a page number left by a PDF extraction.
pub(crate) fn page_number(input: &str) -> IResult<&str, u32> {
    if !trim_start_spaces(input).starts_with(is_page_dash) {
        // Most lines: no dash where a page number would start.
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::OneOf,
        )));
    }
    let dash = || satisfy(is_page_dash);
    let (rest, (_, _, _, number, _, _, _, _)) = (
        spaces,
        dash(),
        spaces,
        arabic_numeral,
        spaces,
        dash(),
        spaces,
        eof,
    )
        .parse(input)?;
    Ok((rest, number))
}

/// The dashes around a page number: `—`, `－`, `-`, `–`.
fn is_page_dash(c: char) -> bool {
    matches!(c, '—' | '－' | '-' | '–')
}

/// A source, author or editor line, or a news agency's dateline.
///
/// Inlined where it is called, so that the test of the first character,
/// which tells most lines, costs no call.
#[inline]
pub(crate) fn byline(input: &str) -> IResult<&str, &str> {
    if !may_start_byline(input) {
        // Most lines: no label or agency starts with these characters.
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )));
    }
    labelled_or_dateline(input)
}

/// [`byline`]'s grammar, without the first-character pre-test.
#[inline(never)]
fn labelled_or_dateline(input: &str) -> IResult<&str, &str> {
    let labelled = recognize((
        alt((
            tag("本报记者"),
            tag("责任编辑"),
            tag("来源"),
            tag("作者"),
            tag("编辑"),
            tag("记者"),
            tag("通讯员"),
            tag("摄影"),
        )),
        alt((recognize((spaces, one_of(":："))), take_while1(is_space))),
        satisfy(|c| !is_space(c)),
    ));
    let dateline = recognize((
        alt((
            tag("新华社"),
            tag("中新社"),
            tag("人民网"),
            tag("新华网"),
            tag("央视网"),
            tag("本报"),
        )),
        take_while_m_n(1, 24, |c: char| c != '电' && c != '。' && c != '，'),
        char('电'),
        spaces,
        opt((
            one_of("（("),
            take_while(|c: char| c != '）' && c != ')'),
            one_of("）)"),
        )),
        spaces,
        eof,
    ));
    alt((dateline, labelled)).parse(input)
}

/// Whether `input` starts as one of the labels or agencies of [`byline`]
/// does, with its first two characters (`本报`, `责任`, `来源`, `作者`,
/// `编辑`, `记者`, `通讯`, `摄影`, `新华`, `中新`, `人民`, `央视`): each
/// first character has one second character, and both are told from their
/// bytes without decoding them.
fn may_start_byline(input: &str) -> bool {
    const BEN: u32 = key3('本');
    const ZE: u32 = key3('责');
    const LAI: u32 = key3('来');
    const ZUO: u32 = key3('作');
    const BIAN: u32 = key3('编');
    const JI: u32 = key3('记');
    const TONG: u32 = key3('通');
    const SHE: u32 = key3('摄');
    const XIN: u32 = key3('新');
    const ZHONG: u32 = key3('中');
    const REN: u32 = key3('人');
    const YANG: u32 = key3('央');
    let bytes = input.as_bytes();
    let second = match lead3(bytes) {
        BEN => '报',
        ZE => '任',
        LAI => '源',
        ZUO => '者',
        BIAN => '辑',
        JI => '者',
        TONG => '讯',
        SHE => '影',
        XIN => '华',
        ZHONG => '新',
        REN => '民',
        YANG => '视',
        _ => return false,
    };
    lead3(bytes.get(3..).unwrap_or_default()) == key3(second)
}

/// `附件：1.……`, `附件2`, `附件：`.
pub(crate) fn attachment(input: &str) -> IResult<&str, &str> {
    recognize((
        tag("附件"),
        spaces,
        opt(arabic_numeral),
        alt((
            recognize((spaces, one_of(":："))),
            recognize((spaces, eof)),
            take_while1(is_space),
        )),
    ))
    .parse(input)
}

/// A speaker line in the front matter: `国务院总理　温家宝` — an office
/// ending in a title, white space, and a name of two to four characters.
pub(crate) fn speaker(input: &str) -> IResult<&str, &str> {
    recognize((
        verify(
            take_while_m_n(2, 16, |c: char| !is_space(c) && !is_body_punctuation(c)),
            |office: &str| {
                [
                    "总理",
                    "主席",
                    "委员长",
                    "部长",
                    "省长",
                    "市长",
                    "书记",
                    "主任",
                    "院长",
                    "局长",
                    "秘书长",
                ]
                .iter()
                .any(|title| office.ends_with(title))
            },
        ),
        take_while1(is_space),
        take_while_m_n(2, 4, |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
        spaces,
        eof,
    ))
    .parse(input)
}

/// A year: four digits, or four Chinese digits such as 二〇二四.
fn year(input: &str) -> IResult<&str, &str> {
    alt((
        recognize(arabic_numeral),
        take_while_m_n(4, 4, |c| "〇零○一二三四五六七八九".contains(c)),
    ))
    .parse(input)
}

/// `2024年1月5日`, `二〇二四年一月五日`: a date standing alone.
pub(crate) fn date(input: &str) -> IResult<&str, &str> {
    let (rest, found) = recognize((
        year,
        char('年'),
        alt((recognize(arabic_numeral), recognize(chinese_numeral))),
        char('月'),
        alt((recognize(arabic_numeral), recognize(chinese_numeral))),
        char('日'),
    ))
    .parse(input)?;
    let (rest, _) = (spaces, eof).parse(rest)?;
    Ok((rest, found))
}

/// `——2007年3月5日在第十届全国人民代表大会第五次会议上`: a subtitle opens
/// with a dash.
pub(crate) fn subtitle(input: &str) -> IResult<&str, &str> {
    recognize((
        alt((tag("——"), tag("－－"), tag("—"))),
        spaces,
        take_while1(|c: char| c != '—'),
    ))
    .parse(input)
}

/// `目录`, `目　　录`: the heading of a table of contents.
///
/// Inlined where it is called, so that the test of the first character,
/// which tells most lines, costs no call.
#[inline]
pub(crate) fn table_of_contents(input: &str) -> IResult<&str, &str> {
    if !(input.starts_with('目') || input.starts_with('#')) {
        // Most lines: neither the heading nor a Markdown prefix before it
        // (see [`may_start_table_of_contents`]).
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Char,
        )));
    }
    contents_heading(input)
}

/// Whether `c` can start the heading of a table of contents: what
/// [`table_of_contents`] tests first, from the bytes.
#[cfg(test)]
fn may_start_table_of_contents(c: char) -> bool {
    matches!(c, '目' | '#')
}

/// [`table_of_contents`]'s grammar, without the first-character pre-test.
#[inline(never)]
fn contents_heading(input: &str) -> IResult<&str, &str> {
    recognize((
        opt((tag("#"), take_while(|c| c == '#'), spaces)),
        char('目'),
        spaces,
        char('录'),
        spaces,
        eof,
    ))
    .parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for (line, number) in [("— 3 —", 3), ("－ 12 －", 12), ("- 3 -", 3), ("  —3—  ", 3)]
        {
            assert_eq!(page_number(line).map(|(_, n)| n), Ok(number), "{line}");
        }
        for line in ["— 3", "3", "——", "- a -"] {
            assert!(page_number(line).is_err(), "should reject {line}");
        }
    }

    /// The test of the first two characters rejects no byline: every
    /// character of the Basic Multilingual Plane, followed by the rest of
    /// each label and agency, and by it after another character, starts a
    /// byline only where the test lets it; and each label and agency
    /// passes.
    #[test]
    fn characters_rejected_up_front_start_no_byline() {
        let labels = [
            "本报记者 王",
            "责任编辑：李",
            "来源：新华社",
            "作者：张三",
            "编辑：李",
            "记者 王",
            "通讯员 赵",
            "摄影：钱",
            "新华社北京3月5日电",
            "中新社北京电",
            "人民网北京电",
            "新华网北京电",
            "央视网北京电",
            "本报北京电",
        ];
        let mut rests: Vec<String> = Vec::new();
        for label in labels {
            let mut chars = label.chars();
            chars.next();
            rests.push(chars.as_str().to_owned());
            chars.next();
            rests.push(chars.as_str().to_owned());
        }
        let mut passed = 0;
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for rest in &rests {
                for input in [format!("{c}{rest}"), format!("{c}")] {
                    if may_start_byline(&input) {
                        passed += 1;
                    } else {
                        assert!(labelled_or_dateline(&input).is_err(), "{input:?}");
                    }
                }
            }
        }
        assert!(passed < 200, "{passed}");
        for label in labels {
            assert!(may_start_byline(label), "{label}");
            assert!(byline(label).is_ok(), "{label}");
        }
    }

    #[test]
    fn characters_rejected_up_front_start_no_table_of_contents() {
        let rests = ["录", "　　录", "# 目录", "目录", " 目录", ""];
        crate::syntax::assert_rejected_characters_start_nothing(
            may_start_table_of_contents,
            |input| contents_heading(input).is_ok(),
            &rests,
        );
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for rest in rests {
                let input = format!("{c}{rest}");
                assert_eq!(
                    table_of_contents(&input).ok(),
                    contents_heading(&input).ok(),
                    "{input:?}"
                );
            }
        }
        assert!(table_of_contents("目录").is_ok());
        assert!(table_of_contents("# 目录").is_ok());
    }

    #[test]
    fn bylines() {
        let yes = [
            "新华社北京２００７年３月１７日电",
            "新华社北京3月5日电（记者 张三）",
            "来源：新华网",
            "责任编辑：张三",
            "作者 李四",
            "本报记者 王五",
        ];
        for line in yes {
            assert!(byline(line).is_ok(), "should accept {line}");
        }
        let no = [
            (
                "新华社北京3月5日电 国务院总理今天在人民大会堂作报告。",
                "a dateline with text after it",
            ),
            ("来源于实践", "来源于"),
            ("记者节", "记者节"),
            ("作者简介", "作者简介"),
            ("编辑：", "a label with nothing after it"),
        ];
        for (line, why) in no {
            assert!(byline(line).is_err(), "should reject {why}: {line}");
        }
    }

    #[test]
    fn attachments_dates_subtitles_contents() {
        for line in ["附件：1.工作方案", "附件2", "附件：", "附件 3：名单"] {
            assert!(attachment(line).is_ok(), "attachment {line}");
        }
        assert!(attachment("附").is_err());
        assert!(attachment("附件要妥善保管。").is_err(), "附件 as a word");
        for line in ["2024年1月5日", "２０２４年１月５日", "二〇二四年一月五日"]
        {
            assert!(date(line).is_ok(), "date {line}");
        }
        for line in ["2024年1月5日召开", "2024年", "1月5日"] {
            assert!(date(line).is_err(), "not a date {line}");
        }
        assert!(subtitle("——2007年3月5日在第十届全国人民代表大会第五次会议上").is_ok());
        assert!(subtitle("——").is_err());
        for line in ["目录", "目　　录", "## 目录"] {
            assert!(table_of_contents(line).is_ok(), "contents {line}");
        }
        assert!(table_of_contents("目录如下").is_err());
        assert!(speaker("国务院总理　温家宝").is_ok());
        assert!(speaker("国务院总理 李强").is_ok());
        assert!(speaker("推动高质量发展 意义重大").is_err());
    }
}
