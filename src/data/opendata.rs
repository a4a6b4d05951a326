//! Consultation windows as open data, laid out like the Digital Agency's 自治体標準オープンデータ
//! セット「公共施設一覧」: import from CSV, export to CSV and JSON. Columns tsunagi needs beyond
//! the standard ones come after them, prefixed `tsunagi_`, so that export → import loses nothing.
//! Pure values in and out; the CSV crate does the quoting.
//!
//! Import takes spreadsheets as staff really keep them: Excel's Shift_JIS (CP932) as well as
//! UTF-8, full-width digits and colons (`８：３０`), `2027/02/10`, `月～金`, `祝` and phrases such as
//! 「祝日・年末年始を除く」. It never drops data silently: every column it does not read is listed,
//! and what it guessed (topics, an event's kind) is said.

use super::hours::{Hours, RawHours, RawPeriod, Weekday};
use super::windows::{Phone, RawWindow, Window};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

use crate::date::TimeOfDay;
use crate::kana::{hiragana_to_katakana, katakana_to_hiragana};
use crate::messages::Text;
use crate::t;

/// Standard columns, in order.
pub const STANDARD: &[&str] = &[
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "名称",
    "名称_カナ",
    "所在地_連結表記",
    "電話番号",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "説明",
    "URL",
    "備考",
    "バリアフリー情報",
];

/// Other columns of the 公共施設一覧 layout that import reads (the address in parts, the
/// organisation, the basic fee).
const WINDOW_ALSO_READ: &[&str] = &[
    "住所",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "方書",
    "団体名",
    "料金(基本)",
];

/// tsunagi's own columns.
pub const EXTRA: &[&str] = &[
    "tsunagi_topics",
    "tsunagi_audience",
    "tsunagi_languages",
    "tsunagi_accessibility",
    "tsunagi_organisation",
    "tsunagi_email",
    "tsunagi_form_url",
    "tsunagi_cost",
    "tsunagi_anonymous",
    "tsunagi_verified",
    "tsunagi_source",
    "tsunagi_example",
];

const DAY_JA: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
const CLOSED_HOLIDAYS: &str = "祝日休み";
const CLOSED_YEAR_END: &str = "年末年始休み";

/// The hours of a window in the standard columns: the days, opening and closing times of
/// its first period (every day 00:00–24:00 when always open), and 利用可能日時特記事項: the
/// closures, the other periods and the note.
fn hours_columns(hours: &Hours) -> (String, String, String, Vec<String>) {
    let first = hours.periods.first();
    let (days, open, close) = if hours.always_open {
        (
            DAY_JA
                .iter()
                .skip(1)
                .chain(DAY_JA.iter().take(1))
                .copied()
                .collect::<Vec<_>>()
                .join(","),
            "00:00".to_string(),
            "24:00".to_string(),
        )
    } else if let Some(p) = first {
        let mut days = p.days.clone();
        days.sort_by_key(|d| d.monday_first());
        (
            days.iter().map(|d| d.label()).collect::<Vec<_>>().join(","),
            p.open.to_string(),
            p.close.to_string(),
        )
    } else {
        (String::new(), String::new(), String::new())
    };
    let mut notes = Vec::new();
    if hours.closed_on_holidays {
        notes.push(CLOSED_HOLIDAYS.to_string());
    }
    if hours.closed_year_end {
        notes.push(CLOSED_YEAR_END.to_string());
    }
    for p in hours.periods.iter().skip(1) {
        let days: Vec<&str> = p.days.iter().map(|d| d.label()).collect();
        notes.push(format!("{} {}-{}", days.join(","), p.open, p.close));
    }
    if !hours.note.is_empty() {
        notes.push(hours.note.clone());
    }
    (days, open, close, notes)
}

/// One CSV row per window.
pub fn to_csv(windows: &[Window], code: &str, municipality: &str) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header: Vec<&str> = STANDARD.iter().chain(EXTRA).copied().collect();
    w.write_record(&header).map_err(|e| e.to_string())?;
    for win in windows {
        let (days, open, close, notes) = hours_columns(&win.hours);
        let phones: Vec<String> = win
            .phones
            .iter()
            .map(|p| {
                if p.label.is_empty() {
                    p.number.clone()
                } else {
                    format!("{}:{}", p.label, p.number)
                }
            })
            .collect();
        let record: Vec<String> = vec![
            code.to_string(),
            win.id.clone(),
            municipality.to_string(),
            win.name.clone(),
            hiragana_to_katakana(&win.kana),
            win.address.clone(),
            phones.join(";"),
            days,
            open,
            close,
            notes.join("／"),
            win.note.clone(),
            win.url.clone(),
            win.remarks.clone(),
            win.barrier_free.clone(),
            win.topics.join(","),
            super::list::keys_of(&win.audience).join(","),
            win.languages.join(","),
            super::list::keys_of(&win.accessibility).join(","),
            win.organisation.clone(),
            win.email.clone(),
            win.form_url.clone(),
            win.cost.clone(),
            win.anonymous.map_or(String::new(), |a| a.to_string()),
            win.verified.map(|d| d.to_string()).unwrap_or_default(),
            win.source.clone(),
            win.example.to_string(),
        ];
        w.write_record(record.iter().map(|c| neutralise(c)))
            .map_err(|e| e.to_string())?;
    }
    String::from_utf8(w.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// What an import read and what the person running it should know: the encoding, what was
/// guessed, and the columns that were not read.
#[derive(Debug, PartialEq, Eq)]
pub struct Imported<T> {
    /// The entries, in the order of the rows.
    pub items: Vec<T>,
    /// Notes by row (1 = the header row): guesses, columns left unread.
    pub notes: Vec<(usize, Text)>,
}

/// The text of a CSV file: UTF-8 (a byte order mark is allowed), or else Shift_JIS as Excel
/// writes it (CP932, which encoding_rs's Shift_JIS decoder covers). Returns the text and the
/// encoding it was read as.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), Text> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(t!("part.csv-encoding"));
    }
    Ok((text.into_owned(), "Shift_JIS (CP932)"))
}

/// A header name as compared: NFKC (so `料金（基本）` is `料金(基本)`), trimmed.
fn header_key(h: &str) -> String {
    h.nfkc().collect::<String>().trim().to_string()
}

/// A data cell (an id, a number, a time, a date, a list of codes): NFKC turns `８：３０` into
/// `8:30` and full-width spaces into spaces; trimmed.
fn data(s: &str) -> String {
    s.nfkc().collect::<String>().trim().to_string()
}

/// A date as staff write it (`2027/2/10`, `2027年2月10日`, `２０２７－０２－１０`) in the form
/// `YYYY-MM-DD`; anything else is returned as it is, for validation to explain.
fn date_cell(s: &str) -> String {
    let d = data(s);
    let parts: Vec<&str> = d
        .trim_end_matches('日')
        .split(['/', '-', '年', '月', '.'])
        .collect();
    match parts[..] {
        [y, m, day]
            if [y, m, day]
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            format!("{y}-{m:0>2}-{day:0>2}")
        }
        _ => d,
    }
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell as it is written into a published CSV: one that starts like a formula gets a leading
/// `'`, which spreadsheets read as "this is text" (OWASP's advice against CSV injection).
fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The value of a cell that [`neutralise`] wrote: its `'` taken off again, so that export →
/// import loses nothing.
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// A CSV file read whole: its header and its rows with their row numbers (1 = header).
struct Table {
    headers: Vec<String>,
    rows: Vec<(usize, csv::StringRecord)>,
}

impl Table {
    fn column(&self, name: &str) -> Option<usize> {
        let name = header_key(name);
        self.headers.iter().position(|h| *h == name)
    }

    /// The trimmed cell of `rec` in column `name`; empty when the column is absent.
    fn cell(&self, rec: &csv::StringRecord, name: &str) -> String {
        let cell = self.column(name).and_then(|i| rec.get(i)).unwrap_or("");
        restore(cell).trim().to_string()
    }

    /// The first non-empty cell of `rec` among the columns `names` (a tsunagi column, then the
    /// standard one that means the same).
    fn first(&self, rec: &csv::StringRecord, names: &[&str]) -> String {
        names
            .iter()
            .map(|n| self.cell(rec, n))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    }

    /// `address` followed by the row's 方書 (room, floor, building), when it has one.
    fn with_annex(&self, rec: &csv::StringRecord, address: String) -> String {
        match self.cell(rec, "方書") {
            annex if annex.is_empty() => address,
            annex => format!("{address} {annex}").trim().to_string(),
        }
    }

    /// Notes for the cells of `rec` that a spreadsheet would run as a formula.
    fn formula_notes(&self, row: usize, rec: &csv::StringRecord, notes: &mut Vec<(usize, Text)>) {
        for (header, cell) in self.headers.iter().zip(rec.iter()) {
            if let Some(c) = cell.chars().next().filter(|c| FORMULA_START.contains(c)) {
                notes.push((
                    row,
                    t!("note.csv-formula", column = header, char = c.escape_debug()),
                ));
            }
        }
    }

    /// A comma-separated cell of codes as a list, empty items left out.
    fn list(&self, rec: &csv::StringRecord, name: &str) -> Vec<String> {
        data(&self.cell(rec, name))
            .split([',', '、'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }

    /// Columns that hold data but are not among `read`: what import would otherwise drop.
    fn unread(&self, read: &[&[&str]]) -> Vec<String> {
        let known: Vec<String> = read
            .iter()
            .flat_map(|r| r.iter())
            .map(|c| header_key(c))
            .collect();
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !known.contains(h))
            .filter(|(i, _)| {
                self.rows
                    .iter()
                    .any(|(_, r)| r.get(*i).is_some_and(|c| !c.trim().is_empty()))
            })
            .map(|(_, h)| h.clone())
            .collect()
    }
}

/// Reads a CSV text (a byte order mark is allowed) that must have the `required` columns.
/// Ids for a sheet without an `ID` column (staff lists rarely have one): each entry's reading
/// in rōmaji (`こころのけんこうそうだん` → `kokoronokenkousoudan`), or `prefix-N` by its place
/// when it has no reading; a repeated id gets `-2`, `-3`. The same sheet gives the same ids.
fn made_ids<'a>(readings: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<String> {
    use wana_kana::ConvertJapanese;
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    readings
        .enumerate()
        .map(|(i, kana)| {
            let romaji: String = kana
                .to_romaji()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .take(40)
                .collect();
            let base = if romaji.is_empty() {
                format!("{prefix}-{}", i + 1)
            } else {
                romaji
            };
            let n = taken.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

/// Says that ids were made, and from what, with the first few.
fn note_made_ids(notes: &mut Vec<(usize, Text)>, made: &[String], from_readings: bool) {
    let examples = made.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let key = if from_readings {
        t!("note.csv-ids-from-readings", examples = examples)
    } else {
        t!("note.csv-ids-numbered", examples = examples)
    };
    notes.push((1, key));
}

fn read_table(text: &str, required: &[&str]) -> Result<Table, (usize, Text)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| (1, t!("part.csv-unreadable", why = e)))?
        .iter()
        .map(header_key)
        .collect();
    let mut table = Table {
        headers,
        rows: Vec::new(),
    };
    if let Some(missing) = required.iter().find(|c| table.column(c).is_none()) {
        return Err((1, t!("part.csv-column-missing", column = missing)));
    }
    for (n, rec) in r.records().enumerate() {
        table.rows.push((
            n + 2,
            rec.map_err(|e| (n + 2, t!("part.csv-unreadable", why = e)))?,
        ));
    }
    Ok(table)
}

/// The days of a 利用可能曜日 cell (`月,火,水`, `月～金`, `平日`, `毎日`, `月曜日`), and whether it
/// lists `祝` (open on national holidays).
fn parse_days(cell: &str) -> Result<(Vec<String>, bool), Text> {
    let day = |d: &str| DAY_JA.iter().position(|x| d.starts_with(x));
    let mut idx: Vec<usize> = Vec::new();
    let mut holidays = false;
    for item in cell
        .split([',', '、', '・', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match item {
            "平日" => idx.extend(1..=5),
            "毎日" | "全日" => idx.extend(0..7),
            "祝" | "祝日" | "祝日も" => holidays = true,
            _ => {
                if let Some((a, b)) = item.split_once(['~', '〜', '-', 'ー', '－']) {
                    let (Some(a), Some(b)) = (day(a.trim()), day(b.trim())) else {
                        return Err(t!("part.csv-day-range", value = item));
                    };
                    // 月～金 runs Monday to Friday; 土～月 wraps past Sunday.
                    let mut i = a;
                    loop {
                        idx.push(i);
                        if i == b {
                            break;
                        }
                        i = (i + 1) % 7;
                    }
                } else {
                    idx.push(day(item).ok_or_else(|| t!("part.csv-day", value = item))?);
                }
            }
        }
    }
    idx.sort_by_key(|&i| (i + 6) % 7);
    idx.dedup();
    Ok((
        idx.into_iter()
            .map(|i| Weekday::ALL[i].key().to_string())
            .collect(),
        holidays,
    ))
}

/// Reads a note of 利用可能日時特記事項 for the closures the structured hours can hold:
/// (closed on holidays, closed at the year end, whether the note says nothing more).
fn closures(note: &str) -> (bool, bool, bool) {
    /// Words that say a day is closed.
    const CLOSED: &[&str] = &[
        "を除く",
        "を除き",
        "除く",
        "除き",
        "は休み",
        "お休み",
        "休み",
        "休館",
        "休業",
        "閉庁",
        "休所",
    ];
    /// Words that name the days or join them, and punctuation.
    const DAYS_AND_GLUE: &[&str] = &[
        "国民の祝日",
        "祝日",
        "休日",
        "祝",
        "年末年始",
        "12月29日",
        "1月3日",
        "及び",
        "および",
        "と",
        "は",
        "・",
        "、",
        "。",
        "(",
        ")",
        "（",
        "）",
        "～",
        "〜",
        "-",
        " ",
        "　",
    ];
    if note == CLOSED_HOLIDAYS {
        return (true, false, true);
    }
    if note == CLOSED_YEAR_END {
        return (false, true, true);
    }
    let closed = CLOSED.iter().any(|w| note.contains(w));
    let holiday = closed && (note.contains("祝日") || note.contains("休日") || note.contains('祝'));
    let year_end = closed && note.contains("年末年始");
    let mut rest = note.to_string();
    for w in CLOSED.iter().chain(DAYS_AND_GLUE) {
        rest = rest.replace(w, "");
    }
    (holiday, year_end, (holiday || year_end) && rest.is_empty())
}

/// Topics guessed from a window's name, for a CSV without `tsunagi_topics`.
fn guess_topics(name: &str) -> Vec<String> {
    const WORDS: &[(&str, &[&str])] = &[
        ("alcohol", &["アルコール", "飲酒", "断酒", "お酒"]),
        ("gambling", &["ギャンブル"]),
        ("gaming", &["ゲーム"]),
        ("drugs", &["薬物"]),
        ("addiction", &["依存"]),
        ("suicide", &["自殺", "いのち", "命の"]),
        ("depression", &["うつ"]),
        (
            "stress",
            &["こころ", "心の", "メンタル", "精神保健", "ストレス"],
        ),
        ("hikikomori", &["ひきこもり", "引きこもり"]),
        ("dementia", &["認知症"]),
        ("child-rearing", &["子育て", "育児"]),
        ("family", &["家族"]),
        ("sleep", &["睡眠", "眠り"]),
        ("gatekeeper", &["ゲートキーパー"]),
        ("school", &["学校", "いじめ", "不登校", "教育相談"]),
        ("grief", &["遺族", "グリーフ"]),
    ];
    WORDS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| name.contains(w)))
        .map(|(t, _)| t.to_string())
        .collect()
}

/// An event's kind guessed from its title, for a CSV without `tsunagi_kind`.
fn guess_kind(title: &str) -> &'static str {
    const WORDS: &[(&str, &[&str])] = &[
        ("gatekeeper-training", &["ゲートキーパー"]),
        ("family-class", &["家族教室", "家族のつどい", "家族会"]),
        (
            "group-meeting",
            &["つどい", "集い", "ミーティング", "交流会", "サロン"],
        ),
        ("consultation-day", &["相談会"]),
        (
            "lecture",
            &["講演", "講座", "セミナー", "研修", "教室", "講習"],
        ),
    ];
    WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| title.contains(w)))
        .map_or("other", |(k, _)| k)
}

/// The hours of a row: the days and times of the standard columns, then what
/// 利用可能日時特記事項 adds (more periods, holidays and year-end closures, a note).
fn hours_of_row(
    table: &Table,
    rec: &csv::StringRecord,
    row: usize,
) -> Result<RawHours, (usize, Text)> {
    let get = |name: &str| table.cell(rec, name);
    let (days, open_on_holidays) = parse_days(&data(&get("利用可能曜日"))).map_err(|m| (row, m))?;
    let (open, close) = (data(&get("開始時間")), data(&get("終了時間")));
    let mut hours = RawHours::default();
    if days.len() == 7 && open == "00:00" && close == "24:00" {
        hours.always_open = true;
    } else if !days.is_empty() {
        hours.periods.push(RawPeriod { days, open, close });
    }
    let mut notes = Vec::new();
    for part in get("利用可能日時特記事項")
        .split(['／', '/', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if let Some(p) = parse_extra_period(&data(part)) {
            hours.periods.push(p);
            continue;
        }
        let (holiday, year_end, whole) = closures(part);
        hours.closed_on_holidays |= holiday && !open_on_holidays;
        hours.closed_year_end |= year_end;
        if !whole {
            notes.push(part.to_string());
        }
    }
    hours.note = notes.join("／");
    Ok(hours)
}

/// The phone numbers of a cell: `label:number` or a bare number, separated by `;`.
fn phones_of(cell: &str) -> Vec<Phone> {
    cell.split(';')
        .filter(|s| !s.trim().is_empty())
        .map(|p| match p.split_once(':') {
            Some((label, number)) => Phone {
                label: label.trim().into(),
                number: number.trim().into(),
            },
            None => Phone {
                label: String::new(),
                number: p.trim().into(),
            },
        })
        .collect()
}

/// The address of a row: in one column or in parts, then the room or floor (方書).
fn address_of(table: &Table, rec: &csv::StringRecord) -> String {
    let get = |name: &str| table.cell(rec, name);
    let whole = table.first(rec, &["所在地_連結表記", "住所"]);
    let address = if whole.is_empty() {
        [
            "所在地_都道府県",
            "所在地_市区町村",
            "所在地_町字",
            "所在地_番地以下",
        ]
        .iter()
        .map(|c| get(c))
        .collect::<String>()
    } else {
        whole
    };
    table.with_annex(rec, address)
}

/// Windows from a CSV laid out as above (the `tsunagi_` columns are optional), with notes on
/// what was guessed and which columns were not read. Errors name the row (1 = header) and
/// column.
pub fn from_csv(text: &str) -> Result<Imported<RawWindow>, (usize, Text)> {
    let table = read_table(text, &["名称"])?;
    let mut out = Imported {
        items: Vec::new(),
        notes: Vec::new(),
    };
    for column in table.unread(&[STANDARD, EXTRA, WINDOW_ALSO_READ]) {
        out.notes
            .push((1, t!("note.csv-column-unread", column = column)));
    }
    for (row, rec) in &table.rows {
        let row = *row;
        table.formula_notes(row, rec, &mut out.notes);
        let get = |name: &str| table.cell(rec, name);
        let list = |name: &str| table.list(rec, name);
        let hours = hours_of_row(&table, rec, row)?;
        let phones = phones_of(&data(&get("電話番号")));
        let name = get("名称");
        let mut topics = list("tsunagi_topics");
        if table.column("tsunagi_topics").is_none() {
            topics = guess_topics(&name);
            if !topics.is_empty() {
                out.notes.push((
                    row,
                    t!(
                        "note.csv-topics-guessed",
                        name = name,
                        topics = topics.join(", ")
                    ),
                ));
            }
        }
        let address = address_of(&table, rec);
        out.items.push(RawWindow {
            id: data(&get("ID")),
            name,
            kana: katakana_to_hiragana(&get("名称_カナ").nfkc().collect::<String>()),
            organisation: table.first(rec, &["tsunagi_organisation", "団体名"]),
            phones,
            hours,
            email: data(&get("tsunagi_email")),
            form_url: data(&get("tsunagi_form_url")),
            address,
            audience: list("tsunagi_audience"),
            languages: list("tsunagi_languages"),
            accessibility: list("tsunagi_accessibility"),
            cost: table.first(rec, &["tsunagi_cost", "料金(基本)"]),
            anonymous: match data(&get("tsunagi_anonymous")).as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            verified: Some(date_cell(&get("tsunagi_verified"))).filter(|s| !s.is_empty()),
            source: data(&get("tsunagi_source")),
            topics,
            url: data(&get("URL")),
            note: get("説明"),
            barrier_free: get("バリアフリー情報"),
            remarks: get("備考"),
            example: data(&get("tsunagi_example")) == "true",
        });
    }
    if table.column("ID").is_none() {
        let made = made_ids(out.items.iter().map(|w| w.kana.as_str()), "window");
        note_made_ids(&mut out.notes, &made, table.column("名称_カナ").is_some());
        for (w, id) in out.items.iter_mut().zip(made) {
            w.id = id;
        }
    }
    Ok(out)
}

/// `月,水 18:00-21:00`, as written for periods after the first.
fn parse_extra_period(s: &str) -> Option<RawPeriod> {
    let (days, time) = s.split_once(' ')?;
    let (open, close) = time.split_once('-')?;
    let days = days
        .split(',')
        .map(|d| {
            DAY_JA
                .iter()
                .position(|x| x == &d)
                .map(|i| Weekday::ALL[i].key().to_string())
        })
        .collect::<Option<Vec<_>>>()?;
    TimeOfDay::parse(open)?;
    TimeOfDay::parse(close)?;
    Some(RawPeriod {
        days,
        open: open.into(),
        close: close.into(),
    })
}

/// `[[windows]]` TOML for municipality.toml.
pub fn to_toml(windows: &[Window]) -> Result<String, String> {
    let mut value = serde_json::json!({ "windows": windows });
    clean(&mut value);
    let value = toml::Value::try_from(value).map_err(|e| e.to_string())?;
    toml::to_string(&value).map_err(|e| e.to_string())
}

/// `[[events]]` TOML for municipality.toml.
pub fn events_to_toml(events: &[super::events::Event]) -> Result<String, String> {
    let mut value = serde_json::json!({ "events": events });
    clean(&mut value);
    let value = toml::Value::try_from(value).map_err(|e| e.to_string())?;
    toml::to_string(&value).map_err(|e| e.to_string())
}

/// Drops nulls, empty strings and lists (the defaults).
fn clean(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| {
                !v.is_null()
                    && v.as_str() != Some("")
                    && !v.as_array().is_some_and(std::vec::Vec::is_empty)
            });
            map.values_mut().for_each(clean);
        }
        serde_json::Value::Array(list) => list.iter_mut().for_each(clean),
        _ => {}
    }
}

/// Columns of the events CSV: the 自治体標準オープンデータセット「イベント一覧」 ones, then
/// tsunagi's.
pub const EVENT_COLUMNS: &[&str] = &[
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "イベント名",
    "イベント名_カナ",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "説明",
    "料金",
    "連絡先名称",
    "連絡先電話番号",
    "主催者",
    "場所名称",
    "所在地",
    "定員",
    "参加申込終了日",
    "参加申込方法",
    "URL",
    "備考",
    "参加申込終了時間",
    "バリアフリー情報",
    "tsunagi_kind",
    "tsunagi_accessibility",
    "tsunagi_venue_kana",
    "tsunagi_example",
];

fn split_moment(s: &str) -> (String, String) {
    match s.split_once('T') {
        Some((d, t)) => (d.to_string(), t.to_string()),
        None => (s.to_string(), String::new()),
    }
}

/// One CSV row per event, in the イベント一覧 layout.
pub fn events_to_csv(
    events: &[super::events::Event],
    code: &str,
    municipality: &str,
) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(EVENT_COLUMNS).map_err(|e| e.to_string())?;
    for e in events {
        let (sd, st) = split_moment(&e.start.to_string());
        let (ed, et) = split_moment(&e.end.to_string());
        let apply_by = e.apply_by.map(|m| m.to_string()).unwrap_or_default();
        let (apply_date, apply_time) = split_moment(&apply_by);
        let record = vec![
            code.to_string(),
            e.id.clone(),
            municipality.to_string(),
            e.title.clone(),
            hiragana_to_katakana(&e.kana),
            sd,
            ed,
            st,
            et,
            e.description.clone(),
            e.fee.clone(),
            e.contact_name.clone(),
            e.contact_phone.clone(),
            e.organiser.clone(),
            e.venue.name.clone(),
            e.venue.address.clone(),
            e.capacity.map_or(String::new(), |c| c.to_string()),
            apply_date,
            e.how_to_apply.clone(),
            e.url.clone(),
            e.remarks.clone(),
            apply_time,
            e.barrier_free.clone(),
            e.kind.key().to_string(),
            super::list::keys_of(&e.accessibility).join(","),
            e.venue.kana.clone(),
            e.example.to_string(),
        ];
        w.write_record(record.iter().map(|c| neutralise(c)))
            .map_err(|e| e.to_string())?;
    }
    String::from_utf8(w.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// Other columns of the イベント一覧 layout that import reads.
const EVENT_ALSO_READ: &[&str] = &["団体名", "料金(基本)", "住所", "方書"];

/// The capacity in a cell: a number, with or without 人 or 名; `None` when empty.
fn capacity_of(cell: &str) -> Result<Option<u32>, Text> {
    match cell.trim_end_matches(['人', '名']) {
        "" => Ok(None),
        c => c
            .parse()
            .map(Some)
            .map_err(|_| t!("part.csv-capacity", value = c)),
    }
}

/// Events from a CSV in the イベント一覧 layout; without `tsunagi_kind` the kind is guessed from
/// the title, and said so in the notes.
pub fn events_from_csv(text: &str) -> Result<Imported<super::events::RawEvent>, (usize, Text)> {
    let table = read_table(text, &["イベント名", "開始日"])?;
    let mut out = Imported {
        items: Vec::new(),
        notes: Vec::new(),
    };
    for column in table.unread(&[EVENT_COLUMNS, EVENT_ALSO_READ]) {
        out.notes
            .push((1, t!("note.csv-column-unread", column = column)));
    }
    for (row, rec) in &table.rows {
        let row = *row;
        table.formula_notes(row, rec, &mut out.notes);
        let get = |name: &str| table.cell(rec, name);
        let moment = |d: String, t: String| if t.is_empty() { d } else { format!("{d}T{t}") };
        let start_date = date_cell(&get("開始日"));
        let end_date = Some(date_cell(&get("終了日")))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| start_date.clone());
        let capacity = capacity_of(&data(&get("定員"))).map_err(|m| (row, m))?;
        let title = get("イベント名");
        let kind = match data(&get("tsunagi_kind")) {
            k if k.is_empty() => {
                let guess = guess_kind(&title);
                out.notes.push((
                    row,
                    t!("note.csv-kind-guessed", title = title, kind = guess),
                ));
                guess.to_string()
            }
            k => k,
        };
        let apply_by = Some(date_cell(&get("参加申込終了日")))
            .filter(|s| !s.is_empty())
            .map(|d| moment(d, data(&get("参加申込終了時間"))));
        out.items.push(super::events::RawEvent {
            id: data(&get("ID")),
            title,
            kana: katakana_to_hiragana(&get("イベント名_カナ").nfkc().collect::<String>()),
            kind,
            start: moment(start_date, data(&get("開始時間"))),
            end: moment(end_date, data(&get("終了時間"))),
            venue: super::events::Venue {
                name: get("場所名称"),
                kana: get("tsunagi_venue_kana"),
                address: table.with_annex(rec, table.first(rec, &["所在地", "住所"])),
            },
            capacity,
            fee: table.first(rec, &["料金", "料金(基本)"]),
            how_to_apply: get("参加申込方法"),
            apply_by,
            accessibility: table.list(rec, "tsunagi_accessibility"),
            organiser: table.first(rec, &["主催者", "団体名"]),
            contact_name: get("連絡先名称"),
            contact_phone: data(&get("連絡先電話番号")),
            description: get("説明"),
            url: data(&get("URL")),
            barrier_free: get("バリアフリー情報"),
            remarks: get("備考"),
            example: data(&get("tsunagi_example")) == "true",
        });
    }
    if table.column("ID").is_none() {
        let made = made_ids(out.items.iter().map(|e| e.kana.as_str()), "event");
        note_made_ids(
            &mut out.notes,
            &made,
            table.column("イベント名_カナ").is_some(),
        );
        for (e, id) in out.items.iter_mut().zip(made) {
            e.id = id;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,所在地_連結表記,電話番号,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,説明,URL,備考\r\n\
112089,kokoro,所沢市,こころの健康相談,ココロノケンコウソウダン,埼玉県所沢市の例,相談専用:0570-064-556,\"月,火,水,木,金\",08:30,17:15,祝日休み／年末年始休み／予約優先,保健師が相談に応じます,https://example.jp/kokoro,\r\n\
112089,yoru,所沢市,夜間の電話相談,ヤカンノデンワソウダン,,0120-279-338,\"月,火,水,木,金,土,日\",00:00,24:00,,,,\r\n";

    /// Windows checked as `import-windows` checks them (the built-in topics).
    fn checked(raw: &[RawWindow]) -> Vec<Window> {
        let topics: Vec<&str> = crate::config::BUILTIN_TOPICS
            .iter()
            .map(|(k, _)| *k)
            .collect();
        raw.iter()
            .map(|w| w.clone().check(&topics).unwrap())
            .collect()
    }

    #[test]
    fn import_reads_the_standard_columns() {
        let ws = from_csv(SAMPLE).unwrap().items;
        assert_eq!(ws.len(), 2);
        let w = &ws[0];
        assert_eq!(
            (w.id.as_str(), w.kana.as_str()),
            ("kokoro", "こころのけんこうそうだん")
        );
        assert_eq!(w.phones[0].label, "相談専用");
        assert_eq!(w.hours.periods[0].days, ["mon", "tue", "wed", "thu", "fri"]);
        assert!(w.hours.closed_on_holidays && w.hours.closed_year_end);
        assert_eq!(w.hours.note, "予約優先");
        assert!(ws[1].hours.always_open);
    }

    #[test]
    fn export_then_import_then_export_loses_nothing() {
        let ws = from_csv(SAMPLE).unwrap().items;
        let csv1 = to_csv(&checked(&ws), "112089", "所沢市").unwrap();
        let back = from_csv(&csv1).unwrap().items;
        assert_eq!(back, ws, "import(export(x)) == x");
        assert_eq!(
            to_csv(&checked(&back), "112089", "所沢市").unwrap(),
            csv1,
            "byte-identical CSV"
        );
        // The standard columns of the original are reproduced exactly.
        let standard: Vec<&str> = csv1.lines().map(|l| l.trim_end_matches('\r')).collect();
        assert!(
            standard[0].starts_with(
                &SAMPLE
                    .lines()
                    .next()
                    .unwrap()
                    .trim_end_matches('\r')
                    .to_string()
            )
        );
    }

    #[test]
    fn imported_toml_is_valid_municipality_data() {
        let ws = checked(&from_csv(SAMPLE).unwrap().items);
        let text = to_toml(&ws).unwrap();
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            windows: Vec<RawWindow>,
        }
        let back: Doc = toml::from_str(&text).unwrap();
        assert_eq!(checked(&back.windows), ws, "{text}");
    }

    #[test]
    fn events_round_trip_through_the_event_list_layout() {
        let csv = "全国地方公共団体コード,ID,地方公共団体名,イベント名,イベント名_カナ,開始日,終了日,開始時間,終了時間,説明,料金,連絡先名称,連絡先電話番号,主催者,場所名称,所在地,定員,参加申込終了日,参加申込方法,URL,備考\r\n\
112151,gk1,狭山市,ゲートキーパー養成研修,ゲートキーパーヨウセイケンシュウ,2026-12-05,2026-12-05,13:30,16:00,聴き方を学びます,無料,保健センター,0570-064-556,狭山市,市民会館,狭山市入間川,40,2026-11-30,電話で,,\r\n";
        let raw = events_from_csv(csv).unwrap().items;
        assert_eq!(raw[0].start, "2026-12-05T13:30");
        assert_eq!(raw[0].capacity, Some(40));
        assert_eq!(raw[0].kana, "げーときーぱーようせいけんしゅう");
        let checked = |raw: Vec<super::super::events::RawEvent>| -> Vec<_> {
            raw.into_iter().map(|e| e.check().unwrap()).collect()
        };
        let events = checked(raw.clone());
        let out = events_to_csv(&events, "112151", "狭山市").unwrap();
        let standard: Vec<String> = out
            .lines()
            .map(|l| l.split(",tsunagi_").next().unwrap().to_string())
            .collect();
        assert!(out.starts_with(csv.lines().next().unwrap()));
        assert_eq!(
            events_from_csv(&out).unwrap().items,
            raw,
            "import(export(x)) == x"
        );
        assert_eq!(
            events_to_csv(
                &checked(events_from_csv(&out).unwrap().items),
                "112151",
                "狭山市"
            )
            .unwrap(),
            out
        );
        assert!(standard[1].starts_with(
            "112151,gk1,狭山市,ゲートキーパー養成研修,ゲートキーパーヨウセイケンシュウ,2026-12-05"
        ));
    }

    #[test]
    fn spreadsheets_as_staff_keep_them() {
        let csv = "ID,名称,電話番号,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,団体名,住所,方書,料金（基本）,バリアフリー情報,備考,名称_英字\r\n\
            ｋ１,アルコール・ギャンブル依存症の家族相談,０４－２９９８－９１１１,月～金,８：３０,１７：１５,祝日・年末年始を除く／第3水曜日は休み,所沢市保健センター,埼玉県所沢市並木4-2,2階,無料,車いす用トイレあり,予約制,Family consultation\r\n\
            k2,こころの電話,,\"月,水,祝\",9:00,12:00,年末年始休み,,,,,,,\r\n";
        let (text, encoding) = decode(&encoding_rs::SHIFT_JIS.encode(csv).0).unwrap();
        assert_eq!((text.as_str(), encoding), (csv, "Shift_JIS (CP932)"));
        assert_eq!(decode(csv.as_bytes()).unwrap().1, "UTF-8");
        let imported = from_csv(&text).unwrap();
        let w = &imported.items[0];
        assert_eq!(w.id, "k1");
        assert_eq!(w.phones[0].number, "04-2998-9111");
        let p = &w.hours.periods[0];
        assert_eq!(
            (p.days.len(), p.open.as_str(), p.close.as_str()),
            (5, "8:30", "17:15")
        );
        assert!(w.hours.closed_on_holidays && w.hours.closed_year_end);
        assert_eq!(w.hours.note, "第3水曜日は休み");
        assert_eq!(w.organisation, "所沢市保健センター");
        assert_eq!(w.address, "埼玉県所沢市並木4-2 2階");
        assert_eq!(
            (w.cost.as_str(), w.barrier_free.as_str(), w.remarks.as_str()),
            ("無料", "車いす用トイレあり", "予約制")
        );
        assert_eq!(w.topics, ["alcohol", "gambling", "addiction", "family"]);
        let k2 = &imported.items[1];
        assert_eq!(k2.hours.periods[0].days, ["mon", "wed"]);
        assert!(
            !k2.hours.closed_on_holidays && k2.hours.closed_year_end && k2.hours.note.is_empty()
        );
        let notes: Vec<&str> = imported.notes.iter().map(|(_, n)| n.as_str()).collect();
        assert!(
            notes.contains(&"column `名称_英字` is not read: its data is not imported"),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("topics guessed from the name")),
            "{notes:?}"
        );
        assert_eq!(date_cell("2027/2/10"), "2027-02-10");
        assert_eq!(date_cell("２０２７年２月１０日"), "2027-02-10");
        assert_eq!(
            guess_kind("ゲートキーパー養成研修（入門）"),
            "gatekeeper-training"
        );
        assert_eq!(guess_kind("依存症の家族教室"), "family-class");
        assert_eq!(guess_kind("こころの講演会"), "lecture");
    }

    #[test]
    fn formulas_are_neutralised_on_export_and_said_on_import() {
        let csv = "ID,名称,説明\r\nw,=HYPERLINK(\"https://evil.example\"),@SUM(A1)\r\n";
        let imported = from_csv(csv).unwrap();
        assert_eq!(
            imported.items[0].name,
            "=HYPERLINK(\"https://evil.example\")"
        );
        assert_eq!(
            imported
                .notes
                .iter()
                .filter(|(_, n)| n.contains("formula"))
                .count(),
            2
        );
        let out = to_csv(&checked(&imported.items), "112089", "埼玉県所沢市").unwrap();
        let row = out.lines().nth(1).unwrap();
        assert!(
            row.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\")\","),
            "{row}"
        );
        assert!(row.contains(",'@SUM(A1),"), "{row}");
        for line in out.lines().skip(1) {
            for cell in line.split(',') {
                assert!(
                    !cell.trim_start_matches('"').starts_with(FORMULA_START),
                    "{cell}"
                );
            }
        }
        assert_eq!(
            from_csv(&out).unwrap().items,
            imported.items,
            "export → import loses nothing"
        );
    }

    #[test]
    fn bad_rows_name_row_and_column() {
        let bad = "ID,名称,利用可能曜日\r\na,b,月\r\nc,d,月曜じゃない\r\n";
        assert!(from_csv(bad).is_ok(), "月曜 starts with a day name");
        let e = from_csv("ID,名称,利用可能曜日\r\na,b,xyz\r\n").unwrap_err();
        assert_eq!(e.0, 2);
        assert!(e.1.contains("利用可能曜日"));
        // Without 名称 there is nothing to import; without ID, ids are made (see made_ids).
        assert_eq!(from_csv("ID\r\nx\r\n").unwrap_err().0, 1);
    }
}
