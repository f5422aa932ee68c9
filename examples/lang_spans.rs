//! A language lexicon's view of questions, for tuning a lexicon:
//! `cargo run --release --example lang_spans -- fr "Quand le Japon a-t-il rejoint ?"`
//! prints each word and the concepts it may start; `-- detect FILE` prints
//! the questions of a case file whose detected language is not English.
use cspo_bot::lang::Lang;
use std::path::Path;

fn main() {
    let engine = cspo_bot::Engine::load(Path::new("data"), Path::new("intents"))
        .unwrap_or_else(|e| panic!("{e}"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("detect") {
        for file in &args[1..] {
            let text = std::fs::read_to_string(file).expect("readable case file");
            let cases = cspo_bot::eval::parse_cases(&text).expect("case file");
            let mut n = 0;
            for c in &cases {
                for q in std::iter::once(&c.q).chain(c.dialog.iter().flatten().map(|t| &t.q)) {
                    if q.is_empty() {
                        continue;
                    }
                    n += 1;
                    if let Some(l) = engine.language(q, None) {
                        println!("{file}: {:?} -> {}", q, l.code());
                    }
                }
            }
            println!("{file}: {n} questions");
        }
        return;
    }
    let lang = args
        .first()
        .and_then(|c| Lang::from_code(c))
        .expect("a language code");
    let pack = engine.languages().get(lang).expect("a loaded language");
    for q in &args[1..] {
        let tagged = pack.tagger.tag(&pack.prepare(q));
        let a = pack.concepts.analyse(&tagged.text);
        println!("{:?}", a.spans_named(&pack.concepts));
    }
}
