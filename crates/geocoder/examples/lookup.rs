//! Prints the candidates of a name: `cargo run --example lookup -- Pékin`.
fn main() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let gazetteer = geocoder::Gazetteer::load(&data).expect("gazetteer");
    for name in std::env::args().skip(1) {
        let key = geocoder::normalize::key(&name);
        let fold = geocoder::normalize::fold(&name);
        println!(
            "{name}: key {key:?}, common {:?}",
            gazetteer.common_word_zipf(&fold)
        );
        for r in gazetteer.lookup(&key) {
            let p = gazetteer.place(r.place);
            let exact = r.fold_hash == geocoder::gazetteer::fold_hash(&fold);
            println!(
                "  {} {:?} {:?} pop {} admin1 {} exact {exact}",
                p.id, p.kind, p.country, p.population, p.admin1
            );
        }
    }
}
