//! Help → Marking guideline: the desk's guideline for reviewers (`docs/guidelines.md`,
//! built into the program), in a window. Its Markdown is shown as the app's own text:
//! headings as headings, list items and paragraphs as wrapped labels, code marks (the
//! quotes from the corpus) as “quotes”.

/// The guideline, as written.
pub const GUIDELINE: &str = include_str!("../../docs/guidelines.md");

/// The guideline window; it keeps nothing between frames.
#[derive(Debug, Default)]
pub struct GuidelineWindow;

impl GuidelineWindow {
    /// Shows the window while `open`.
    pub fn show(&mut self, ctx: &egui::Context, open: &mut bool) {
        egui::Window::new("Marking guideline")
            .open(open)
            .default_pos([120.0, 80.0])
            .default_size([680.0, 620.0])
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    // Read once, not every frame the window is open.
                    static BLOCKS: std::sync::OnceLock<Vec<Block>> = std::sync::OnceLock::new();
                    for block in BLOCKS.get_or_init(|| blocks(GUIDELINE)) {
                        match block {
                            Block::Heading(1, text) => ui.heading(text.as_str()),
                            Block::Heading(_, text) => {
                                ui.add_space(6.0);
                                ui.strong(text.as_str())
                            }
                            // Full contrast, as the reader's text: it is read at length.
                            Block::Text(text) => ui.label(
                                egui::RichText::new(text.as_str()).color(ui.visuals().strong_text_color()),
                            ),
                        };
                        ui.add_space(3.0);
                    }
                });
            });
    }
}

/// A piece of the guideline as shown.
#[derive(Debug, PartialEq)]
enum Block {
    /// A heading of a level (1 for `#`).
    Heading(usize, String),
    /// A paragraph or a list item, its lines joined.
    Text(String),
}

/// The headings, paragraphs and list items of `markdown`, with code marks as quotes and
/// emphasis marks left out.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, blocks: &mut Vec<Block>| {
        if !text.trim().is_empty() {
            blocks.push(Block::Text(plain(text.trim())));
        }
        text.clear();
    };
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if let Some(heading) = trimmed.strip_prefix('#') {
            flush(&mut text, &mut blocks);
            let level = 1 + heading.chars().take_while(|&c| c == '#').count();
            blocks.push(Block::Heading(level, plain(heading.trim_start_matches('#').trim())));
        } else if trimmed.is_empty() {
            flush(&mut text, &mut blocks);
        } else {
            let item = trimmed.starts_with("- ")
                || trimmed.split_once(". ").is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
            if item {
                flush(&mut text, &mut blocks);
                let indent = line.len() - trimmed.len();
                text.push_str(&" ".repeat(indent));
                text.push_str(&trimmed.replacen("- ", "• ", 1));
            } else {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(trimmed);
            }
        }
    }
    flush(&mut text, &mut blocks);
    blocks
}

/// `text` without Markdown's emphasis marks, its code spans in quotes.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                out.push(if in_code { '”' } else { '“' });
                in_code = !in_code;
            }
            '*' if !in_code => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_headings_paragraphs_and_items() {
        let markdown = "# Title\n\nA **bold** line\nand its `quote`.\n\n## Part\n\n- one\n  more\n2. two\n";
        assert_eq!(
            blocks(markdown),
            [
                Block::Heading(1, "Title".into()),
                Block::Text("A bold line and its “quote”.".into()),
                Block::Heading(2, "Part".into()),
                Block::Text("• one more".into()),
                Block::Text("2. two".into()),
            ]
        );
    }

    #[test]
    fn the_guideline_starts_with_its_title_and_has_its_sections() {
        let all = blocks(GUIDELINE);
        assert_eq!(all.first(), Some(&Block::Heading(1, "Marking guideline for reviewers".into())));
        let sections = all.iter().filter(|b| matches!(b, Block::Heading(2, _))).count();
        assert!(sections >= 8, "{sections} sections");
    }
}
