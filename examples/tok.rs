fn main() {
    for line in std::env::args().skip(1) {
        for t in tsunagi::furigana::dictionary::tokenize(&line) {
            println!("{}\t{}\t{:?}", t.surface, t.pos.join(","), t.reading);
        }
        println!();
    }
}
