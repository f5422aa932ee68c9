fn main() {
    let e = cspo_bot::Engine::load(
        std::path::Path::new("data"),
        std::path::Path::new("intents"),
    )
    .unwrap();
    let p = e.languages().get(cspo_bot::lang::Lang::It).unwrap();
    for q in std::env::args().skip(1) {
        let t = p.prepare(&q);
        let tg = p.tagger.tag(&t);
        let a = p.concepts.analyse(&tg.text);
        println!("{:?}", a.spans_named(&p.concepts));
    }
}
