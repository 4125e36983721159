//! Print every theme match in a text file, paragraph by paragraph (split on blank lines), with
//! the pattern that fired: for checking a codebook against real minutes.
//!
//! `cargo run -p scrutineer-core --example explain_themes -- minutes.txt [theme-id]`

use scrutineer_core::analysis::{codebook::default_codebook, ThemeMatcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: explain_themes FILE [THEME]")?;
    let only = args.next();
    let text = std::fs::read_to_string(&path)?;
    let matcher = ThemeMatcher::new(&default_codebook()?)?;
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        for m in matcher.match_text(paragraph) {
            if only.as_deref().is_some_and(|t| t != m.theme_id) {
                continue;
            }
            let from = paragraph[..m.start]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(i, _)| i);
            let to = paragraph[m.end..]
                .char_indices()
                .nth(40)
                .map_or(paragraph.len(), |(i, _)| m.end + i);
            let context = paragraph[from..to].replace('\n', " ");
            println!("{:<30} {:<28} …{}…", m.theme_id, m.pattern, context);
        }
    }
    Ok(())
}
