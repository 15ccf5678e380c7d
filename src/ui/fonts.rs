//! Fonts bundled with the app, so every script of our sources shows real glyphs on any
//! machine: egui's defaults cover Latin, Cyrillic and Greek; Noto Sans Arabic (SIL Open
//! Font Licence, `assets/fonts/OFL.txt`) covers the Arabic script of Persian and Urdu.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// Noto Sans Arabic, Regular.
pub const NOTO_SANS_ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");

/// Adds the bundled fonts to `ctx` as fallbacks of both font families.
pub fn install(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "NotoSansArabic-Regular",
        FontData::from_static(NOTO_SANS_ARABIC),
        vec![
            InsertFontFamily { family: FontFamily::Proportional, priority: FontPriority::Lowest },
            InsertFontFamily { family: FontFamily::Monospace, priority: FontPriority::Lowest },
        ],
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chars that fonts need not draw: line ends, tabs, and zero-width format marks.
    fn invisible(c: char) -> bool {
        c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
    }

    fn missing(ctx: &egui::Context, text: &str) -> Vec<char> {
        let mut chars: Vec<char> = text.chars().filter(|&c| !c.is_ascii() && !invisible(c)).collect();
        chars.sort_unstable();
        chars.dedup();
        let font = egui::FontId::proportional(14.0);
        ctx.fonts_mut(|fonts| chars.into_iter().filter(|&c| !fonts.has_glyph(&font, c)).collect())
    }

    fn context() -> egui::Context {
        let ctx = egui::Context::default();
        install(&ctx);
        // Fonts are loaded at the start of a pass.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    #[test]
    fn every_char_of_the_corpus_has_a_glyph() {
        let ctx = context();
        // The sample project holds every corpus text verbatim (a test in
        // tests/store_format.rs checks that), plus its notes and names.
        let sample = crate::sample::sample_project().unwrap();
        let mut all: String = sample.documents.iter().map(|d| &*d.text).collect();
        all.push_str(crate::sample::SAMPLE_PROJECT_RON);
        assert!(all.contains('ک'), "the corpus has Persian text");
        assert_eq!(missing(&ctx, &all), Vec::<char>::new());
    }

    #[test]
    fn every_char_the_interface_writes_has_a_glyph() {
        // Non-ASCII chars in the app's own strings (menus, hints, markers).
        let sources = [
            include_str!("app.rs"),
            include_str!("command.rs"),
            include_str!("help.rs"),
            include_str!("palette.rs"),
            include_str!("session.rs"),
            include_str!("widgets.rs"),
            include_str!("documents.rs"),
            include_str!("file_dialog.rs"),
            include_str!("file_dialog/actions.rs"),
            include_str!("file_dialog/listing.rs"),
            include_str!("file_dialog/view.rs"),
            include_str!("files.rs"),
            include_str!("group_picker.rs"),
            include_str!("groups.rs"),
            include_str!("suggestions.rs"),
            include_str!("compare.rs"),
            include_str!("exchange.rs"),
            include_str!("inspector.rs"),
            include_str!("managers.rs"),
            include_str!("reader.rs"),
            include_str!("search.rs"),
            include_str!("table.rs"),
        ];
        let strings: String = sources
            .iter()
            .flat_map(|source| source.lines())
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect();
        let ctx = context();
        assert_eq!(missing(&ctx, &strings), Vec::<char>::new());
    }
}
