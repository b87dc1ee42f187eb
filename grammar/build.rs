//! Build script: grammar/gol.lalrpop → $OUT_DIR/gol.rs (the generated LR(1) parser).
//! Only reruns when the grammar changes, so editing Rust sources never regenerates tables.
fn main() {
    println!("cargo:rerun-if-changed=grammar/gol.lalrpop");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop failed to generate the parser");
}
