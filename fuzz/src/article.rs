//! Structured articles built from the fuzzer's input: titles, paragraphs in
//! the three layouts, hard wraps, separators, placeholders, point and
//! heading markers of every scheme, their false friends, inline points,
//! furniture, tables of contents, segmentation spaces, indents and line
//! endings. Random bytes rarely build such structure; these pieces do.

use libfuzzer_sys::arbitrary::{self, Arbitrary};

/// An article: pieces rendered one after the other.
#[derive(Arbitrary, Debug)]
pub struct Article {
    /// The line ending to start with.
    pub eol: Eol,
    /// Segmentation: put ASCII spaces between words.
    pub segmented: bool,
    /// The pieces.
    pub pieces: Vec<Piece>,
    /// End the text with a line break.
    pub final_eol: bool,
}

/// A line ending.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Eol {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
    /// a lone `\r`
    Cr,
    /// `\r\r\n` (a lone `\r`, then `\r\n`)
    CrCrLf,
}

impl Eol {
    fn as_str(self) -> &'static str {
        match self {
            Eol::Lf => "\n",
            Eol::CrLf => "\r\n",
            Eol::Cr => "\r",
            Eol::CrCrLf => "\r\r\n",
        }
    }
}

/// White space at the start of a line.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Indent {
    /// none
    None,
    /// two U+3000
    Ideographic,
    /// one U+3000
    OneIdeographic,
    /// two U+2003
    Em,
    /// N ASCII spaces (N mod 8)
    Ascii(u8),
    /// a tab
    Tab,
    /// U+00A0 twice
    Nbsp,
    /// an ideographic space and an ASCII space
    Mixed,
}

impl Indent {
    fn render(self, out: &mut String) {
        match self {
            Indent::None => {}
            Indent::Ideographic => out.push_str("\u{3000}\u{3000}"),
            Indent::OneIdeographic => out.push('\u{3000}'),
            Indent::Em => out.push_str("\u{2003}\u{2003}"),
            Indent::Ascii(n) => out.extend(std::iter::repeat_n(' ', usize::from(n % 8))),
            Indent::Tab => out.push('\t'),
            Indent::Nbsp => out.push_str("\u{a0}\u{a0}"),
            Indent::Mixed => out.push_str("\u{3000} "),
        }
    }
}

/// A point marker at the start of a paragraph.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum PointMarker {
    /// `一是`
    Shi,
    /// `一要`
    Yao,
    /// `其一，`
    Qi,
    /// `其二是`
    QiShi,
    /// `第一，`
    Di,
    /// `第三：`
    DiColon,
    /// `首先，` `其次，` `再次，` `最后，`
    Discourse,
    /// `——`
    EmDash,
    /// `⸺`
    TwoEmDash,
}

/// A heading (or item) marker at the start of a block.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum HeadingMarker {
    /// `一、`
    Chinese,
    /// `一.` `一，` `一：` (wrong forms)
    ChineseWrong(u8),
    /// `（一）`
    ChineseParen,
    /// `(一)`
    ChineseParenAscii,
    /// `（一)`
    ChineseParenMixed,
    /// `（一）、`
    ChineseParenDun,
    /// `㈠`
    ChineseParenChar,
    /// `1.`
    Arabic,
    /// `１．`
    ArabicFull,
    /// `1、`
    ArabicDun,
    /// `⒈`
    ArabicChar,
    /// `（1）`
    ArabicParen,
    /// `(1)`
    ArabicParenAscii,
    /// `3）`
    ArabicClose,
    /// `⑴`
    ArabicParenChar,
    /// `①` and the other circled sets
    Circled(u8),
    /// `第一编`
    Part,
    /// `第一章`
    Chapter,
    /// `第一节`
    Section,
    /// `第十二条`
    Article,
    /// `第12条`
    ArticleDigits,
    /// `第三条之一`
    ArticleZhi(u8),
    /// `## ` (1 to 7 `#`)
    Markdown(u8),
}

/// Text that looks like a marker but is not one.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FalseFriend {
    /// `一、二季度`
    Quarters,
    /// `一、二、三产业`
    Industries,
    /// `1.5亿元`
    Decimal,
    /// `2024.1.5`
    Date,
    /// `统一要求`
    Tongyi,
    /// `一是一，二是二`
    Idiom,
    /// `唯一是`
    Weiyi,
    /// `三要素`
    Yaosu,
    /// `其中，`
    Qizhong,
    /// `第一批`
    Diyipi,
    /// `再次强调`
    Zaici,
    /// `最后一公里`
    Zuihou,
    /// `——` alone
    DashAlone,
    /// `———`
    ThreeDashes,
    /// `#话题`
    Hashtag,
    /// `一、` with nothing after it
    BareChinese,
    /// `〇是`
    ZeroShi,
    /// `一百是`
    HundredShi,
    /// `-- 摘录`
    SeparatorText,
    /// `---`
    ThreeHyphens,
    /// `[1]`
    Bracket1,
    /// `……等等`
    EllipsisText,
}

impl FalseFriend {
    fn text(self) -> &'static str {
        match self {
            FalseFriend::Quarters => "一、二季度经济运行总体平稳。",
            FalseFriend::Industries => "一、二、三产业协调发展。",
            FalseFriend::Decimal => "1.5亿元资金已经下达。",
            FalseFriend::Date => "2024.1.5发布。",
            FalseFriend::Tongyi => "统一要求，统一部署。",
            FalseFriend::Idiom => "一是一，二是二，决不含糊。",
            FalseFriend::Weiyi => "唯一是靠实干。",
            FalseFriend::Yaosu => "三要素缺一不可。",
            FalseFriend::Qizhong => "其中，城镇新增就业人数超过目标。",
            FalseFriend::Diyipi => "第一批试点已经启动。",
            FalseFriend::Zaici => "再次强调纪律要求。",
            FalseFriend::Zuihou => "最后一公里问题得到解决。",
            FalseFriend::DashAlone => "——",
            FalseFriend::ThreeDashes => "———经济回升",
            FalseFriend::Hashtag => "#话题",
            FalseFriend::BareChinese => "一、",
            FalseFriend::ZeroShi => "〇是开端",
            FalseFriend::HundredShi => "一百是整数",
            FalseFriend::SeparatorText => "-- 摘录",
            FalseFriend::ThreeHyphens => "---",
            FalseFriend::Bracket1 => "[1]",
            FalseFriend::EllipsisText => "……等等",
        }
    }
}

/// A line of document furniture.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Furniture {
    /// `——2024年3月5日在……上的讲话`
    Subtitle,
    /// `各位代表：`
    Addressee,
    /// `来源：新华网`
    Source,
    /// `新华社北京3月5日电`
    Dateline,
    /// `国务院总理　李强`
    Speaker,
    /// `— 3 —`
    PageNumber(u8),
    /// `- 3 -`
    PageNumberHyphen(u8),
    /// `附件：1.实施方案`
    Attachment,
    /// `某某市人民政府`
    Signature,
    /// `2024年3月5日`
    Date,
}

impl Furniture {
    fn render(self, out: &mut String) {
        match self {
            Furniture::Subtitle => out.push_str("——2024年3月5日在全市经济工作会议上的讲话"),
            Furniture::Addressee => out.push_str("各位代表："),
            Furniture::Source => out.push_str("来源：新华网"),
            Furniture::Dateline => out.push_str("新华社北京3月5日电"),
            Furniture::Speaker => out.push_str("国务院总理\u{3000}李强"),
            Furniture::PageNumber(n) => out.push_str(&format!("— {n} —")),
            Furniture::PageNumberHyphen(n) => out.push_str(&format!("- {n} -")),
            Furniture::Attachment => out.push_str("附件：1.实施方案"),
            Furniture::Signature => out.push_str("某某市人民政府"),
            Furniture::Date => out.push_str("2024年3月5日"),
        }
    }
}

/// A placeholder line.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Placeholder {
    /// `[ ]`
    Square,
    /// `[]`
    SquareEmpty,
    /// `【　】`
    Lenticular,
    /// `[…]`
    SquareEllipsis,
    /// `[...]`
    SquareDots,
    /// `（略）`
    Lue,
    /// `(略)`
    LueAscii,
    /// `……`
    Ellipsis,
    /// `…`
    OneEllipsis,
    /// `...`
    Dots,
}

impl Placeholder {
    fn text(self) -> &'static str {
        match self {
            Placeholder::Square => "[ ]",
            Placeholder::SquareEmpty => "[]",
            Placeholder::Lenticular => "【\u{3000}】",
            Placeholder::SquareEllipsis => "[…]",
            Placeholder::SquareDots => "[...]",
            Placeholder::Lue => "（略）",
            Placeholder::LueAscii => "(略)",
            Placeholder::Ellipsis => "……",
            Placeholder::OneEllipsis => "…",
            Placeholder::Dots => "...",
        }
    }
}

/// One piece of an article.
#[derive(Arbitrary, Debug)]
pub enum Piece {
    /// A title-like line of words.
    Title(Words),
    /// A paragraph on one line.
    Paragraph(Indent, Words),
    /// A paragraph hard-wrapped over several lines (indent on the first).
    Wrapped(Indent, Vec<Words>),
    /// A blank line (with some white space on it when the flag is set).
    Blank(bool),
    /// `--`, with this much white space around it.
    Separator(Indent),
    /// A placeholder line.
    Placeholder(Indent, Placeholder),
    /// A point: marker, number, white space inside the marker, text, and
    /// wrapped continuation lines.
    Point {
        /// indentation
        indent: Indent,
        /// which marker
        marker: PointMarker,
        /// its number
        number: u16,
        /// spaces inside the marker
        spaced: bool,
        /// the text after it
        words: Words,
        /// more lines of the same paragraph
        more: Vec<Words>,
    },
    /// A heading or item: marker, number, text; `run_in` continues the
    /// line with a sentence after the heading.
    Heading {
        /// indentation
        indent: Indent,
        /// which marker
        marker: HeadingMarker,
        /// its number
        number: u16,
        /// spaces inside the marker
        spaced: bool,
        /// the heading text
        words: Words,
        /// a rest after `。`
        run_in: Option<Words>,
    },
    /// A false friend of a marker at the start of a line.
    FalseFriend(Indent, FalseFriend),
    /// A paragraph with inline points: `主要做好以下工作：一是……；二是……。`
    Inline {
        /// indentation
        indent: Indent,
        /// the marker family
        marker: PointMarker,
        /// how many points
        count: u8,
        /// first number
        first: u16,
    },
    /// A line of furniture.
    Furniture(Indent, Furniture),
    /// A table of contents: `目　　录` and entries.
    Toc(Vec<HeadingMarker>),
    /// Change the line ending from here on.
    SwitchEol(Eol),
    /// Any text, inserted as is.
    Raw(String),
    /// One character, inserted as is.
    Char(char),
    /// White space at the end of the previous line.
    TrailingSpace(Indent),
    /// The same piece of text many times over (floods of brackets, markers).
    Flood(FloodUnit, u8),
}

/// What a flood repeats.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FloodUnit {
    /// `（`
    OpenBracket,
    /// `）`
    CloseBracket,
    /// `（一）`
    ParenMarker,
    /// `一是`
    Shi,
    /// `；二是`
    InlineShi,
    /// `①`
    Circled,
    /// `--` lines
    Separators,
    /// `一、` lines and `（一）` lines alternating
    AlternatingHeadings,
    /// `，`
    Comma,
}

/// A run of words, each chosen from a small vocabulary by a byte.
#[derive(Arbitrary, Debug, Clone)]
pub struct Words(pub Vec<u8>);

const VOCABULARY: [&str; 48] = [
    "人工智能",
    "引领",
    "科技",
    "创新",
    "产业",
    "结构",
    "升级",
    "发展",
    "经济",
    "改革",
    "推进",
    "加快",
    "建设",
    "我国",
    "关键期",
    "任务",
    "艰巨",
    "社区",
    "服务",
    "设施",
    "要",
    "是",
    "一",
    "二",
    "三",
    "十",
    "第",
    "其",
    "条",
    "章",
    "，",
    "。",
    "；",
    "：",
    "、",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "2024",
    "1.5",
    "%",
    "——",
    "…",
    "Ａ",
    "abc",
];

impl Words {
    fn render(&self, segmented: bool, out: &mut String) {
        for (i, &w) in self.0.iter().take(48).enumerate() {
            if segmented && i > 0 {
                out.push(' ');
            }
            out.push_str(VOCABULARY[usize::from(w) % VOCABULARY.len()]);
        }
    }
}

/// A Chinese numeral for `n` (as written in the texts: `十一`, `一百零一`).
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".into();
    }
    if n >= 10_000 {
        // Beyond the parser's range: a long string of digits.
        return n
            .to_string()
            .chars()
            .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect();
    }
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut zero = false;
    for (value, unit) in units {
        let digit = rest / value;
        rest %= value;
        if digit == 0 {
            if !out.is_empty() {
                zero = true;
            }
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(value == 10 && digit == 1 && out.is_empty()) {
            out.push(DIGITS[digit as usize]);
        }
        out.push(unit);
    }
    if rest > 0 {
        if zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

fn full_width_digits(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|d| char::from_u32(0xFF10 + d.to_digit(10).unwrap_or(0)).unwrap_or('０'))
        .collect()
}

/// One character of a set of numbered characters (`①`…), by 1-based index;
/// past the set's end, the last one.
fn numbered_char(first: u32, count: u32, n: u32) -> char {
    let index = n.clamp(1, count) - 1;
    char::from_u32(first + index).unwrap_or('①')
}

/// Numbers mostly small (as articles have them), sometimes large.
fn number_of(raw: u16) -> u32 {
    match raw >> 12 {
        0..=11 => u32::from(raw % 24),
        12..=14 => u32::from(raw % 120),
        _ => u32::from(raw) * 7,
    }
}

/// Insert a space between the characters of a marker (segmentation).
fn spaced(marker: &str, on: bool) -> String {
    if !on {
        return marker.to_owned();
    }
    let chars: Vec<String> = marker.chars().map(String::from).collect();
    chars.join(" ")
}

fn point_marker(marker: PointMarker, n: u32) -> String {
    let cn = chinese_numeral(n);
    match marker {
        PointMarker::Shi => format!("{cn}是"),
        PointMarker::Yao => format!("{cn}要"),
        PointMarker::Qi => format!("其{cn}，"),
        PointMarker::QiShi => format!("其{cn}是"),
        PointMarker::Di => format!("第{cn}，"),
        PointMarker::DiColon => format!("第{cn}："),
        PointMarker::Discourse => ["首先，", "其次，", "再次，", "最后，"][(n % 4) as usize].into(),
        PointMarker::EmDash => "——".into(),
        PointMarker::TwoEmDash => "⸺".into(),
    }
}

fn heading_marker(marker: HeadingMarker, n: u32) -> String {
    let cn = chinese_numeral(n);
    match marker {
        HeadingMarker::Chinese => format!("{cn}、"),
        HeadingMarker::ChineseWrong(k) => {
            format!("{cn}{}", [".", "．", "，", ",", "："][usize::from(k % 5)])
        }
        HeadingMarker::ChineseParen => format!("（{cn}）"),
        HeadingMarker::ChineseParenAscii => format!("({cn})"),
        HeadingMarker::ChineseParenMixed => format!("（{cn})"),
        HeadingMarker::ChineseParenDun => format!("（{cn}）、"),
        HeadingMarker::ChineseParenChar => numbered_char(0x3220, 10, n).into(),
        HeadingMarker::Arabic => format!("{n}."),
        HeadingMarker::ArabicFull => format!("{}．", full_width_digits(n)),
        HeadingMarker::ArabicDun => format!("{n}、"),
        HeadingMarker::ArabicChar => numbered_char(0x2488, 20, n).into(),
        HeadingMarker::ArabicParen => format!("（{n}）"),
        HeadingMarker::ArabicParenAscii => format!("({n})"),
        HeadingMarker::ArabicClose => format!("{n}）"),
        HeadingMarker::ArabicParenChar => numbered_char(0x2474, 20, n).into(),
        HeadingMarker::Circled(set) => match set % 6 {
            0 => numbered_char(0x2460, 20, n),
            1 => numbered_char(0x3251, 15, n.saturating_sub(20)),
            2 => numbered_char(0x24F5, 10, n),
            3 => numbered_char(0x2780, 10, n),
            4 => numbered_char(0x2776, 10, n),
            _ => numbered_char(0x278A, 10, n),
        }
        .into(),
        HeadingMarker::Part => format!("第{cn}编"),
        HeadingMarker::Chapter => format!("第{cn}章"),
        HeadingMarker::Section => format!("第{cn}节"),
        HeadingMarker::Article => format!("第{cn}条"),
        HeadingMarker::ArticleDigits => format!("第{n}条"),
        HeadingMarker::ArticleZhi(k) => format!("第{cn}条之{}", chinese_numeral(u32::from(k % 12))),
        HeadingMarker::Markdown(k) => format!("{} ", "#".repeat(usize::from(k % 7) + 1)),
    }
}

impl Article {
    /// The article's text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut eol = self.eol;
        let seg = self.segmented;
        let mut first = true;
        for piece in self.pieces.iter().take(200) {
            // Pieces that add to the current line rather than starting one.
            match piece {
                Piece::SwitchEol(new) => {
                    eol = *new;
                    continue;
                }
                Piece::Raw(text) => {
                    out.extend(text.chars().take(64));
                    continue;
                }
                Piece::Char(c) => {
                    out.push(*c);
                    continue;
                }
                Piece::TrailingSpace(indent) => {
                    indent.render(&mut out);
                    continue;
                }
                _ => {}
            }
            if !first {
                out.push_str(eol.as_str());
            }
            first = false;
            match piece {
                Piece::Title(words) => words.render(seg, &mut out),
                Piece::Paragraph(indent, words) => {
                    indent.render(&mut out);
                    words.render(seg, &mut out);
                    out.push('。');
                }
                Piece::Wrapped(indent, lines) => {
                    indent.render(&mut out);
                    for (i, words) in lines.iter().take(8).enumerate() {
                        if i > 0 {
                            out.push_str(eol.as_str());
                        }
                        words.render(seg, &mut out);
                    }
                }
                Piece::Blank(spaces) => {
                    if *spaces {
                        out.push_str(" \u{3000}\t");
                    }
                }
                Piece::Separator(indent) => {
                    indent.render(&mut out);
                    out.push_str("--");
                    indent.render(&mut out);
                }
                Piece::Placeholder(indent, placeholder) => {
                    indent.render(&mut out);
                    out.push_str(placeholder.text());
                }
                Piece::Point {
                    indent,
                    marker,
                    number,
                    spaced: sp,
                    words,
                    more,
                } => {
                    indent.render(&mut out);
                    out.push_str(&spaced(&point_marker(*marker, number_of(*number)), *sp));
                    words.render(seg, &mut out);
                    out.push('。');
                    for words in more.iter().take(4) {
                        out.push_str(eol.as_str());
                        words.render(seg, &mut out);
                    }
                }
                Piece::Heading {
                    indent,
                    marker,
                    number,
                    spaced: sp,
                    words,
                    run_in,
                } => {
                    indent.render(&mut out);
                    out.push_str(&spaced(&heading_marker(*marker, number_of(*number)), *sp));
                    words.render(seg, &mut out);
                    if let Some(rest) = run_in {
                        out.push('。');
                        rest.render(seg, &mut out);
                        out.push('。');
                    }
                }
                Piece::FalseFriend(indent, friend) => {
                    indent.render(&mut out);
                    out.push_str(friend.text());
                }
                Piece::Inline {
                    indent,
                    marker,
                    count,
                    first,
                } => {
                    indent.render(&mut out);
                    out.push_str("主要做好以下工作：");
                    let start = number_of(*first);
                    for i in 0..u32::from(count % 12) {
                        if i > 0 {
                            out.push('；');
                        }
                        out.push_str(&point_marker(*marker, start + i));
                        out.push_str("加快发展");
                    }
                    out.push('。');
                }
                Piece::Furniture(indent, furniture) => {
                    indent.render(&mut out);
                    furniture.render(&mut out);
                }
                Piece::Toc(entries) => {
                    out.push_str("目\u{3000}\u{3000}录");
                    for (i, marker) in entries.iter().take(12).enumerate() {
                        out.push_str(eol.as_str());
                        out.push_str(&heading_marker(*marker, i as u32 + 1));
                        out.push_str("\u{3000}总\u{3000}\u{3000}则");
                    }
                }
                Piece::Flood(unit, times) => {
                    let n = usize::from(*times) * 4;
                    for i in 0..n {
                        match unit {
                            FloodUnit::OpenBracket => out.push('（'),
                            FloodUnit::CloseBracket => out.push('）'),
                            FloodUnit::ParenMarker => out.push_str("（一）"),
                            FloodUnit::Shi => out.push_str("一是"),
                            FloodUnit::InlineShi => {
                                out.push_str("；");
                                out.push_str(&chinese_numeral(i as u32 + 1));
                                out.push_str("是发展");
                            }
                            FloodUnit::Circled => out.push('①'),
                            FloodUnit::Comma => out.push('，'),
                            FloodUnit::Separators => {
                                out.push_str("--");
                                out.push_str(eol.as_str());
                            }
                            FloodUnit::AlternatingHeadings => {
                                let marker = if i % 2 == 0 { "一、" } else { "（一）" };
                                out.push_str(marker);
                                out.push_str("标题");
                                out.push_str(eol.as_str());
                            }
                        }
                    }
                }
                Piece::SwitchEol(_) | Piece::Raw(_) | Piece::Char(_) | Piece::TrailingSpace(_) => {}
            }
        }
        if self.final_eol {
            out.push_str(eol.as_str());
        }
        out
    }
}
