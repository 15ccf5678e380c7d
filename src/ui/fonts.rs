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
