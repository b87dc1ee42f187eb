//! libFuzzer target: arbitrary bytes → lexer, parser, diagnostic rendering, AST printer.
//! Nothing may panic, hang or overflow the stack (run on a big-stack thread, as the CLI does).
#![no_main]

use gol::diag::render::{render_all, Style};
use gol::span::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let src = Source::new("fuzz.gol", text);
            let parsed = gol::parser::parse(&src.text);
            let _ = render_all(&src, &parsed.diags, Style::PICTURE);
            if let Some(f) = &parsed.file {
                let _ = gol::printer::print_file(&src, f);
            }
        })
        .unwrap()
        .join()
        .unwrap();
});
