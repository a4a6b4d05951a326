//! Developer tool: prints the morphemes (surface, part of speech, reading) of each argument.
//! `cargo run --release --example tok -- 来られた方`
fn main() {
    for line in std::env::args().skip(1) {
        for t in tsunagi::furigana::dictionary::tokenize(&line) {
            println!("{}\t{}\t{:?}", t.surface, t.pos.join(","), t.reading);
        }
        println!();
    }
}
