//! Builds the embedded Japanese dictionary: IPADIC 2.7.0 (dict/mecab-ipadic-2.7.0.tar.zst, see
//! scripts/make-ipadic-archive) plus tsunagi's domain lexicon (dict/domain-lexicon.csv) →
//! a vibrato dictionary and a feature table in OUT_DIR, embedded (uncompressed, for a fast
//! start) by src/furigana/dictionary.rs.
//! Needs no network and no system package.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

const ARCHIVE: &str = "dict/mecab-ipadic-2.7.0.tar.zst";
const DOMAIN: &str = "dict/domain-lexicon.csv";
const UNIHAN: &str = "dict/unihan-kJapaneseOn.txt";

fn main() {
    println!("cargo:rerun-if-changed={ARCHIVE}");
    println!("cargo:rerun-if-changed={DOMAIN}");
    println!("cargo:rerun-if-changed={UNIHAN}");
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let archive =
        std::fs::File::open(ARCHIVE).expect("dict/mecab-ipadic-2.7.0.tar.zst is in the repository");
    let mut decoder = zstd::Decoder::new(archive).expect("zstd decoder");
    decoder.window_log_max(27).expect("window size");
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for entry in tar::Archive::new(decoder).entries().expect("tar entries") {
        let mut entry = entry.expect("tar entry");
        let name = entry
            .path()
            .expect("entry path")
            .to_string_lossy()
            .into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read entry");
        files.insert(name, bytes);
    }
    let take = |name: &str| {
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing from {ARCHIVE}"))
            .clone()
    };

    let mut lexicon = mend_readings(&take("lex.csv"));
    std::fs::write(out.join("single-kanji.tsv"), single_kanji_table(&lexicon))
        .expect("write single-kanji table");
    std::fs::write(out.join("on-readings.tsv"), on_reading_table(&lexicon))
        .expect("write on-reading table");
    std::fs::write(out.join("homographs.tsv"), homograph_table(&lexicon))
        .expect("write homograph table");
    std::fs::write(
        out.join("connections.bin"),
        connection_table(&take("matrix.def")),
    )
    .expect("write connection table");
    let unihan = std::fs::read_to_string(UNIHAN).expect("dict/unihan-kJapaneseOn.txt");
    std::fs::write(out.join("unihan-on.tsv"), unihan_on_table(&unihan))
        .expect("write Unihan on-reading table");
    let domain = std::fs::read_to_string(DOMAIN).expect("dict/domain-lexicon.csv");
    for (n, line) in domain.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        lexicon.extend_from_slice(domain_entry(line, n + 1).as_bytes());
    }

    let (bare, features, pos) = split_features(&lexicon);
    // Stored as it is: the program looks into it where it lies, without decompressing.
    std::fs::write(out.join("features.bin"), features).expect("write feature table");
    std::fs::write(out.join("pos.tsv"), pos).expect("write part-of-speech table");

    let dict = vibrato::SystemDictionaryBuilder::from_readers(
        &bare[..],
        &take("matrix.def")[..],
        &take("char.def")[..],
        &take("unk.def")[..],
    )
    .expect("IPADIC builds into a vibrato dictionary");
    let mut raw = Vec::new();
    dict.write(&mut raw).expect("serialize dictionary");
    std::fs::write(out.join("ipadic.vibrato"), &raw).expect("write dictionary");
    // IPADIC's COPYING ends with two stray non-UTF-8 bytes after the notice; drop them.
    let copying = String::from_utf8_lossy(&take("COPYING"))
        .trim_end_matches(['\u{FFFD}', '\n'])
        .to_string()
        + "\n";
    std::fs::write(out.join("ipadic-COPYING"), copying).expect("write COPYING");
}

/// Splits the lexicon into what vibrato needs to find words (surface, connection ids, cost;
/// the feature column left empty) and a compact table of what tsunagi reads about each word,
/// in the same order, since vibrato numbers the words of its system lexicon in the order of
/// the CSV. Reading 390,000 feature strings back into vibrato took most of the dictionary's
/// load time; the table is one block of bytes that is looked into, never parsed.
///
/// Table (little-endian): `n: u32`, then `n` record offsets (`u32`, from the end of the
/// offsets), then records `pos: u16, base_len: u16, base, reading_len: u16, reading`, with
/// the base form left empty when it is the surface and the reading in hiragana (empty when
/// unknown). `pos` indexes the lines of the part-of-speech table (`名詞,一般,*,*`).
fn split_features(lexicon: &[u8]) -> (Vec<u8>, Vec<u8>, String) {
    let text = std::str::from_utf8(lexicon).expect("the lexicon is UTF-8");
    let mut bare = String::with_capacity(text.len() / 2);
    let mut pos_ids: BTreeMap<String, u16> = BTreeMap::new();
    let mut pos_list: Vec<String> = Vec::new();
    let mut offsets: Vec<u32> = Vec::new();
    let mut records: Vec<u8> = Vec::new();
    let push_str = |records: &mut Vec<u8>, s: &str| {
        let len = u16::try_from(s.len()).expect("a feature of fewer than 65,536 bytes");
        records.extend_from_slice(&len.to_le_bytes());
        records.extend_from_slice(s.as_bytes());
    };
    for (n, line) in text.lines().enumerate() {
        // IPADIC: surface,left,right,cost,pos1,pos2,pos3,pos4,conj_type,conj_form,base,reading,
        // pronunciation (no quoted fields; checked here).
        let f: Vec<&str> = line.split(',').collect();
        assert!(
            f.len() >= 12 && !line.contains('"'),
            "lexicon line {}: unexpected shape {line:?}",
            n + 1
        );
        bare.push_str(&f[..4].join(","));
        bare.push_str(",\n");
        let pos = f[4..8].join(",");
        let id = *pos_ids.entry(pos.clone()).or_insert_with(|| {
            pos_list.push(pos);
            u16::try_from(pos_list.len() - 1).expect("fewer than 65,536 parts of speech")
        });
        offsets.push(u32::try_from(records.len()).expect("a feature table under 4 GiB"));
        records.extend_from_slice(&id.to_le_bytes());
        push_str(&mut records, if f[10] == f[0] { "" } else { f[10] });
        let reading = if f[11] == "*" {
            String::new()
        } else {
            to_hiragana(f[11])
        };
        push_str(&mut records, &reading);
    }
    let mut table = Vec::with_capacity(4 + 4 * offsets.len() + records.len());
    let count = u32::try_from(offsets.len()).expect("fewer than 4 billion words");
    table.extend_from_slice(&count.to_le_bytes());
    for o in offsets {
        table.extend_from_slice(&o.to_le_bytes());
    }
    table.extend_from_slice(&records);
    (bare.into_bytes(), table, pos_list.join("\n") + "\n")
}

/// IPADIC's readings that no modern spelling has: a word of its own (not a suffix such as 付け
/// in 味付け, which is ヅケ by 連濁) never starts with ヅ or ヂ, yet IPADIC reads 図形 ヅケイ
/// (its pronunciation column says ズケイ). Such a reading starts with ズ or ジ. Lines stay in
/// their order (vibrato numbers words by it).
fn mend_readings(lexicon: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(lexicon).expect("the lexicon is UTF-8");
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut f: Vec<&str> = line.split(',').collect();
        let mended;
        if f.len() >= 12 && f[5] != "接尾" {
            if let Some(rest) = f[11].strip_prefix('ヅ') {
                mended = format!("ズ{rest}");
                f[11] = &mended;
            } else if let Some(rest) = f[11].strip_prefix('ヂ') {
                mended = format!("ジ{rest}");
                f[11] = &mended;
            }
        }
        out.push_str(&f.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// ァ–ヶ → ぁ–ゖ; everything else unchanged (as `kana::katakana_to_hiragana`,
/// which a build script cannot call; wana_kana would also turn ー into vowels).
fn to_hiragana(s: &str) -> String {
    s.chars()
        .map(|c| {
            if ('\u{30A1}'..='\u{30F6}').contains(&c) {
                char::from_u32(c as u32 - 0x60).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// `surface,reading,class` → an IPADIC lexicon line with the matching part of speech.
fn domain_entry(line: &str, n: usize) -> String {
    let parts: Vec<&str> = line.split(',').collect();
    let [surface, reading, class] = parts[..] else {
        panic!("{DOMAIN}:{n}: expected surface,reading,class");
    };
    let (id, pos) = match class {
        "noun" => (1285, "名詞,一般,*,*"),
        "verbal" => (1283, "名詞,サ変接続,*,*"),
        "proper" => (1288, "名詞,固有名詞,一般,*"),
        "place" => (1293, "名詞,固有名詞,地域,一般"),
        other => panic!("{DOMAIN}:{n}: unknown class {other}"),
    };
    let kata: String = reading
        .chars()
        .map(|c| {
            if ('\u{3041}'..='\u{3096}').contains(&c) {
                char::from_u32(c as u32 + 0x60).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    // A low cost so that the whole word wins over its parts.
    format!("{surface},{id},{id},3000,{pos},*,*,{surface},{kata},{kata}\n")
}

/// For every one-kanji noun of IPADIC (名詞,一般 / サ変接続 / 副詞可能 / 接尾), its readings in
/// order of cost. Lines: `kanji<TAB>reading<TAB>reading…` (katakana).
fn single_kanji_table(lexicon: &[u8]) -> String {
    let text = String::from_utf8_lossy(lexicon);
    let mut table: BTreeMap<String, Vec<(i32, String)>> = BTreeMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 12 || f[0].chars().count() != 1 || f[11] == "*" {
            continue;
        }
        let c = f[0].chars().next().unwrap_or(' ');
        if !('\u{4E00}'..='\u{9FFF}').contains(&c) {
            continue;
        }
        if !matches!(
            (f[4], f[5]),
            ("名詞", "一般" | "サ変接続" | "副詞可能" | "接尾")
        ) {
            continue;
        }
        let cost: i32 = f[3].parse().unwrap_or(i32::MAX);
        table
            .entry(f[0].to_string())
            .or_default()
            .push((cost, f[11].to_string()));
    }
    let mut out = String::new();
    for (k, mut readings) in table {
        readings.sort();
        let mut seen = Vec::new();
        for (_, r) in readings {
            if !seen.contains(&r) {
                seen.push(r);
            }
        }
        out.push_str(&format!("{k}\t{}\n", seen.join("\t")));
    }
    out
}

/// Every written form with kanji that IPADIC reads in more than one way (方 かた, ほう; 市場
/// しじょう, いちば), with each entry's connection ids and cost: what the analyser weighed when
/// it chose one, so that a reading chosen over another almost as cheap in its place can be
/// marked uncertain. Lines: `surface<TAB>reading left right cost<TAB>…` (hiragana; one entry
/// per reading and pair of ids, at its lowest cost).
fn homograph_table(lexicon: &[u8]) -> String {
    let text = String::from_utf8_lossy(lexicon);
    type Entries = BTreeMap<(String, u16, u16), i32>;
    let mut table: BTreeMap<&str, Entries> = BTreeMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 12
            || f[11] == "*"
            || !f[0].chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        {
            continue;
        }
        let id = |s: &str| s.parse::<u16>().expect("IPADIC connection ids are numbers");
        let cost: i32 = f[3].parse().expect("IPADIC costs are numbers");
        let best = table
            .entry(f[0])
            .or_default()
            .entry((to_hiragana(f[11]), id(f[1]), id(f[2])))
            .or_insert(cost);
        *best = (*best).min(cost);
    }
    let mut out = String::new();
    for (surface, entries) in table {
        let first = entries.keys().next().map(|k| k.0.clone());
        if entries.keys().all(|k| Some(&k.0) == first.as_ref()) {
            continue;
        }
        out.push_str(surface);
        for ((reading, left, right), cost) in entries {
            out.push_str(&format!("\t{reading} {left} {right} {cost}"));
        }
        out.push('\n');
    }
    out
}

/// IPADIC's connection costs (matrix.def: `right-id-of-the-word-before left-id-of-the-word-after
/// cost`), as a table the program looks into: `rows: u16, columns: u16`, then `rows × columns`
/// costs (`i16`), little-endian, row by row.
fn connection_table(matrix: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(matrix).expect("matrix.def is ASCII");
    let mut lines = text.lines();
    let head: Vec<usize> = lines
        .next()
        .expect("matrix.def has a header")
        .split_whitespace()
        .map(|n| n.parse().expect("matrix.def header: two sizes"))
        .collect();
    let (rows, columns) = (head[0], head[1]);
    let mut costs = vec![0i16; rows * columns];
    for line in lines {
        let f: Vec<i32> = line
            .split_whitespace()
            .map(|n| n.parse().expect("matrix.def: numbers"))
            .collect();
        let (r, c) = (f[0] as usize, f[1] as usize);
        costs[r * columns + c] = i16::try_from(f[2]).expect("a connection cost fits in i16");
    }
    let mut out = Vec::with_capacity(4 + 2 * costs.len());
    for n in [rows, columns] {
        out.extend_from_slice(
            &u16::try_from(n)
                .expect("fewer than 65,536 ids")
                .to_le_bytes(),
        );
    }
    for c in costs {
        out.extend_from_slice(&c.to_le_bytes());
    }
    out
}

/// The shape of a Sino-Japanese reading: one mora (with a small ゃゅょ), optionally followed by
/// ん, う, い, つ, ち, く or き.
fn on_shaped(r: &[char]) -> bool {
    let small = |c: char| matches!(c, 'ゃ' | 'ゅ' | 'ょ');
    let head = if r.len() >= 2 && small(r[1]) { 2 } else { 1 };
    match r.len().checked_sub(head) {
        Some(0) => true,
        Some(1) => "んういつちくき".contains(r[head]),
        _ => false,
    }
}

/// Each kanji's most frequent Sino-Japanese (音) reading, learnt from IPADIC's two-kanji common
/// nouns whose reading splits into two on-shaped halves (極点 きょく|てん). Lines:
/// `kanji<TAB>reading` (hiragana), only for readings seen at least twice.
fn on_reading_table(lexicon: &[u8]) -> String {
    let text = String::from_utf8_lossy(lexicon);
    let mut votes: BTreeMap<(char, String), f64> = BTreeMap::new();
    let is_kanji = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    for line in text.lines() {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 12 || !matches!((f[4], f[5]), ("名詞", "一般" | "サ変接続")) {
            continue;
        }
        let w: Vec<char> = f[0].chars().collect();
        if w.len() != 2 || !w.iter().all(|c| is_kanji(*c)) {
            continue;
        }
        let r: Vec<char> = to_hiragana(f[11]).chars().collect();
        let splits: Vec<usize> = (1..r.len())
            .filter(|&i| on_shaped(&r[..i]) && on_shaped(&r[i..]))
            .collect();
        for &i in &splits {
            let weight = 1.0 / splits.len() as f64;
            *votes.entry((w[0], r[..i].iter().collect())).or_default() += weight;
            *votes.entry((w[1], r[i..].iter().collect())).or_default() += weight;
        }
    }
    let mut best: BTreeMap<char, (f64, String)> = BTreeMap::new();
    for ((k, r), v) in votes {
        let e = best.entry(k).or_insert((0.0, String::new()));
        if v > e.0 {
            *e = (v, r);
        }
    }
    best.into_iter()
        .filter(|(_, (v, _))| *v >= 2.0)
        .map(|(k, (_, r))| format!("{k}\t{r}\n"))
        .collect()
}

/// Every kanji's Sino-Japanese readings in the Unicode Han Database (kJapaneseOn, in romaji)
/// that have the shape of a modern on-reading (Unihan also lists historical spellings such as
/// KAU), in Unihan's order. Lines: `kanji<TAB>reading<TAB>reading…` (hiragana).
fn unihan_on_table(unihan: &str) -> String {
    use wana_kana::ConvertJapanese;
    let mut out = String::new();
    for line in unihan.lines().filter(|l| !l.starts_with('#')) {
        let mut f = line.split('\t');
        let (Some(code), Some("kJapaneseOn"), Some(readings)) = (f.next(), f.next(), f.next())
        else {
            panic!("{UNIHAN}: unexpected line {line:?}");
        };
        let c = u32::from_str_radix(code.trim_start_matches("U+"), 16)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or_else(|| panic!("{UNIHAN}: bad code point {code}"));
        let mut modern: Vec<String> = Vec::new();
        for r in readings.split(' ').map(|r| r.to_lowercase().to_hiragana()) {
            let chars: Vec<char> = r.chars().collect();
            if chars.iter().all(|k| ('\u{3041}'..='\u{3096}').contains(k))
                && on_shaped(&chars)
                && !modern.contains(&r)
            {
                modern.push(r);
            }
        }
        if !modern.is_empty() {
            out.push_str(&format!("{c}\t{}\n", modern.join("\t")));
        }
    }
    out
}
