//! Fonts bundled with the app, so every script of our sources shows real glyphs on any
//! machine: egui's defaults cover Latin, Cyrillic and Greek; Noto Sans Arabic (SIL Open
//! Font Licence, `assets/fonts/OFL.txt`) covers the Arabic script of Persian and Urdu.
//! Also the text sizes (nothing below [`MIN_TEXT_SIZE`]) and the theme, which the
//! settings keep.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// The smallest text the app draws, in points (pixels at a scale of 1): egui's `small`
/// style is 9 points by default, too small for the secondary labels read all day
/// (counts, outlet names, hints).
pub const MIN_TEXT_SIZE: f32 = 12.0;

/// Noto Sans Arabic, Regular.
pub const NOTO_SANS_ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");

/// Adds the bundled fonts to `ctx` as fallbacks of both font families, and raises every
/// text style of both themes to at least [`MIN_TEXT_SIZE`].
pub fn install(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        for font in style.text_styles.values_mut() {
            font.size = font.size.max(MIN_TEXT_SIZE);
        }
        // A blinking caret repaints the whole window twice a second for as long as a
        // field has the focus (28% of a core, measured): the caret stays lit instead.
        style.visuals.text_cursor.blink = false;
    });
    ctx.add_font(FontInsert::new(
        "NotoSansArabic-Regular",
        FontData::from_static(NOTO_SANS_ARABIC),
        vec![
            InsertFontFamily { family: FontFamily::Proportional, priority: FontPriority::Lowest },
            InsertFontFamily { family: FontFamily::Monospace, priority: FontPriority::Lowest },
        ],
    ));
}

/// Uses `theme` (dark, light, or the system's) from the next frame on; a no-op when it is
/// in use.
pub fn apply_theme(ctx: &egui::Context, theme: egui::ThemePreference) {
    if ctx.options(|options| options.theme_preference) != theme {
        ctx.set_theme(theme);
        ctx.request_repaint();
    }
}

/// Notices when egui rebuilt its font atlas: a change of theme renders the glyphs anew
/// (the themes differ in how glyphs are blended), and a nearly full atlas is cleared.
/// Galleys kept between frames (the reader's text) then point at glyphs that are gone
/// and must be laid out again, or the text shows scraps of other glyphs.
#[derive(Debug, Default)]
pub struct AtlasWatch {
    seen: Option<(egui::epaint::text::TextOptions, f32)>,
}

impl AtlasWatch {
    /// Whether the atlas was rebuilt since the last call (call once a frame).
    pub fn rebuilt(&mut self, ctx: &egui::Context) -> bool {
        let now = ctx.fonts(|fonts| (*fonts.options(), fonts.font_atlas_fill_ratio()));
        // The fill ratio only grows, except when the atlas is cleared.
        let rebuilt = self.seen.is_some_and(|(options, fill)| options != now.0 || now.1 < fill);
        self.seen = Some(now);
        rebuilt
    }
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
    fn a_change_of_theme_counts_as_a_rebuilt_atlas() {
        let ctx = context();
        let mut watch = AtlasWatch::default();
        let frame = || {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                ui.label("text");
            });
            output.textures_delta.clear();
        };
        frame();
        assert!(!watch.rebuilt(&ctx), "the first look only records");
        frame();
        assert!(!watch.rebuilt(&ctx));
        ctx.set_theme(egui::Theme::Light);
        frame();
        assert!(watch.rebuilt(&ctx), "the light theme renders glyphs anew");
        frame();
        assert!(!watch.rebuilt(&ctx));
    }

    #[test]
    fn no_text_style_is_below_the_minimum_in_either_theme() {
        let ctx = context();
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            for (text_style, font) in &ctx.style_of(theme).text_styles {
                assert!(font.size >= MIN_TEXT_SIZE, "{theme:?} {text_style:?}: {}", font.size);
            }
        }
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

    /// Every file of src/ui, read from the checkout so that a new file cannot be forgotten.
    fn ui_sources() -> Vec<String> {
        fn collect(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    collect(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut sources = Vec::new();
        collect(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut sources);
        assert!(sources.len() > 20, "read {} files of src/ui", sources.len());
        sources
    }

    #[test]
    fn no_view_writes_a_text_size_below_the_minimum() {
        // A size written into the code passes the text styles by: look for every number
        // given to a font or a text size.
        let mut too_small = Vec::new();
        for source in ui_sources() {
            for call in ["proportional(", "monospace(", ".size(", "FontId::new("] {
                for (at, _) in source.match_indices(call) {
                    let rest = &source[at + call.len()..];
                    let number: String =
                        rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                    if let Ok(size) = number.parse::<f32>()
                        && size < MIN_TEXT_SIZE
                    {
                        too_small.push(format!("{call}{number}"));
                    }
                }
            }
        }
        assert_eq!(too_small, Vec::<String>::new());
    }

    #[test]
    fn every_char_the_interface_writes_has_a_glyph() {
        // Non-ASCII chars in the app's own strings (menus, hints, markers).
        let sources = ui_sources();
        let strings: String = sources
            .iter()
            .flat_map(|source| source.lines())
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect();
        let ctx = context();
        assert_eq!(missing(&ctx, &strings), Vec::<char>::new());
    }
}
