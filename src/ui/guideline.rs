//! Help → Marking guideline: the desk's guideline for reviewers (`docs/guidelines.md`,
//! built into the program), in a window. Its Markdown is shown as the app's own text:
//! headings as headings, list items and paragraphs as wrapped labels, code spans (the
//! exact quotes from the corpus) in monospace with nothing added around them, tables as
//! striped grids and fenced code blocks as monospace blocks, verbatim.
//!
//! It reads the few Markdown constructs the guideline uses and no more: it is not a
//! general Markdown renderer, and it parses the guideline once, not every frame.

use egui::text::LayoutJob;
use egui::{Color32, FontSelection, Galley, RichText};
use std::sync::Arc;

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
                        block_ui(ui, block);
                        ui.add_space(3.0);
                    }
                });
            });
    }
}

/// Shows one block.
fn block_ui(ui: &mut egui::Ui, block: &Block) {
    // Full contrast, as the reader's text: it is read at length.
    let text_color = ui.visuals().strong_text_color();
    match block {
        Block::Heading(1, text) => {
            ui.heading(text.as_str());
        }
        Block::Heading(_, text) => {
            ui.add_space(6.0);
            ui.strong(text.as_str());
        }
        Block::Text(inlines) => {
            ui.label(inline_job(ui, inlines, text_color));
        }
        Block::Code(code) => {
            // Wrapped at the window's width: the worked example's passage is one line of
            // 800 characters, unreadable behind a horizontal scroll bar. The characters
            // themselves are kept as written.
            let passage = egui::Label::new(RichText::new(code.as_str()).monospace().color(text_color)).wrap();
            let frame =
                egui::Frame::new().fill(ui.visuals().code_bg_color).corner_radius(4.0).inner_margin(6.0);
            frame.show(ui, |ui| ui.add(passage));
        }
        Block::Table(table) => table_ui(ui, table, text_color),
    }
}

/// A table as a striped grid, the header row on a band of its own, each column wrapped
/// no wider than it must be for the table to fit the window.
///
/// Laid out here rather than with `egui::Grid`: a grid places its columns by the widths it
/// remembers from the frame before, so it lags behind a window being made narrower, pushes
/// the text after it wider while it lags, and answers the window's sizing pass (which asks
/// how narrow the content can go) with its present width, so that the window could hardly
/// be made narrower at all. These widths follow from this frame's room alone.
fn table_ui(ui: &mut egui::Ui, table: &Table, text_color: Color32) {
    let header_color = ui.visuals().strong_text_color();
    let mut rows: Vec<Vec<LayoutJob>> =
        vec![table.header.iter().map(|cell| inline_job(ui, cell, header_color)).collect()];
    rows.extend(
        table.rows.iter().map(|row| row.iter().map(|cell| inline_job(ui, cell, text_color)).collect()),
    );

    // Each column's width unwrapped and its longest word (the galley cache makes this
    // cheap after the first frame), then the widths that fit the room there is.
    let min_column = ui.spacing().interact_size.x;
    let spacing = ui.spacing().item_spacing;
    let margin = 4.0;
    let mut natural = vec![min_column; table.header.len()];
    let mut longest_words = vec![min_column; table.header.len()];
    for row in &rows {
        for (column, job) in row.iter().enumerate() {
            let width = ui.fonts_mut(|fonts| fonts.layout_job(job.clone())).size().x;
            natural[column] = natural[column].max(width);
            longest_words[column] = longest_words[column].max(longest_word(ui, job));
        }
    }
    let gaps = spacing.x * natural.len().saturating_sub(1) as f32;
    let room = ui.available_width() - gaps - 2.0 * margin;
    let widths = column_widths(&natural, &longest_words, room);

    let rows: Vec<Vec<Arc<Galley>>> = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .zip(&widths)
                .map(|(mut job, &width)| {
                    job.wrap.max_width = width;
                    ui.fonts_mut(|fonts| fonts.layout_job(job))
                })
                .collect()
        })
        .collect();
    let row_height =
        |row: &[Arc<Galley>]| row.iter().map(|galley| galley.size().y).fold(0.0, f32::max) + 2.0 * spacing.y;
    let size = egui::vec2(
        widths.iter().sum::<f32>() + gaps + 2.0 * margin,
        rows.iter().map(|row| row_height(row)).sum(),
    );
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let mut top = rect.top();
    for (row_index, row) in rows.into_iter().enumerate() {
        let height = row_height(&row);
        let fill = match row_index {
            0 => Some(ui.visuals().widgets.inactive.weak_bg_fill),
            row_index if row_index % 2 == 0 => Some(ui.visuals().faint_bg_color),
            _ => None,
        };
        if let Some(fill) = fill {
            let band =
                egui::Rect::from_min_size(egui::pos2(rect.left(), top), egui::vec2(rect.width(), height));
            ui.painter().rect_filled(band, 2.0, fill);
        }
        let mut left = rect.left() + margin;
        for (galley, width) in row.into_iter().zip(&widths) {
            let cell = egui::Rect::from_min_size(egui::pos2(left, top + spacing.y), galley.size());
            ui.place(cell, egui::Label::new(galley));
            left += width + spacing.x;
        }
        top += height;
    }
}

/// The widths of columns of `natural` (unwrapped) widths and `longest_words` in `room`:
/// their natural widths when they fit; otherwise the wide columns are wrapped at one common
/// width (the narrow ones keep theirs), none narrower than its longest word. Words are not
/// broken: when even the longest words do not fit, the table is wider than the room.
fn column_widths(natural: &[f32], longest_words: &[f32], room: f32) -> Vec<f32> {
    // One point spare: a word as wide as its row may not quite fit after rounding.
    let floors: Vec<f32> = longest_words.iter().map(|width| width + 1.0).collect();
    let widths = |cap: f32| -> Vec<f32> {
        natural.iter().zip(&floors).map(|(&natural, &floor)| natural.min(cap).max(floor)).collect()
    };
    let fits = |cap: f32| widths(cap).iter().sum::<f32>() <= room;
    if fits(f32::INFINITY) {
        return widths(f32::INFINITY);
    }
    // The widest common wrapping width that fits: the sum grows with it.
    let (mut low, mut high) = (0.0, natural.iter().copied().fold(0.0, f32::max));
    for _ in 0..24 {
        let middle = 0.5 * (low + high);
        if fits(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    widths(low)
}

/// The width of `job`'s widest word, which wrapping cannot make narrower without breaking
/// the word.
fn longest_word(ui: &egui::Ui, job: &LayoutJob) -> f32 {
    let mut longest: f32 = 0.0;
    for section in &job.sections {
        for word in job.text[section.byte_range.start.0..section.byte_range.end.0].split_whitespace() {
            let font_id = section.format.font_id.clone();
            let width =
                ui.fonts_mut(|fonts| fonts.layout_no_wrap(word.to_owned(), font_id, Color32::WHITE)).size().x;
            longest = longest.max(width);
        }
    }
    longest
}

/// `inlines` as one text to lay out: code spans in monospace on the code background,
/// italics slanted, all in `color`.
fn inline_job(ui: &egui::Ui, inlines: &[Inline], color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    for inline in inlines {
        let text = match inline {
            Inline::Text(text) => RichText::new(text.as_str()),
            Inline::Italic(text) => RichText::new(text.as_str()).italics(),
            Inline::Code(text) => RichText::new(text.as_str()).code(),
        };
        text.color(color).append_to(&mut job, ui.style(), FontSelection::Default, ui.text_valign());
    }
    job
}

/// A piece of the guideline as shown.
#[derive(Debug, PartialEq)]
enum Block {
    /// A heading of a level (1 for `#`), as plain text.
    Heading(usize, String),
    /// A paragraph or a list item, its lines joined.
    Text(Vec<Inline>),
    /// A fenced code block's lines, verbatim.
    Code(String),
    /// A table.
    Table(Table),
}

/// A table: its header row and its rows, each with as many cells as the header.
#[derive(Debug, PartialEq)]
struct Table {
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
}

/// A table cell's text.
type Cell = Vec<Inline>;

/// A run of text of one style.
#[derive(Debug, PartialEq)]
enum Inline {
    /// Plain text (bold marks are left out: the reader's text is already at full contrast
    /// and the fonts have no bold face).
    Text(String),
    /// Emphasised text, `*so*`.
    Italic(String),
    /// A code span's text, without its backticks: an exact quote from the corpus.
    Code(String),
}

/// The headings, paragraphs, list items, tables and fenced code blocks of `markdown`.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, blocks: &mut Vec<Block>| {
        if !text.trim().is_empty() {
            blocks.push(Block::Text(inlines(text.trim())));
        }
        text.clear();
    };
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            flush(&mut text, &mut blocks);
            // Up to the closing fence, or to the end when there is none.
            let code: Vec<&str> =
                lines.by_ref().take_while(|line| !line.trim_start().starts_with("```")).collect();
            blocks.push(Block::Code(code.join("\n")));
        } else if trimmed.starts_with('|') && lines.peek().is_some_and(|next| is_table_separator(next)) {
            flush(&mut text, &mut blocks);
            lines.next();
            let header: Vec<Cell> = table_cells(trimmed).iter().map(|cell| inlines(cell)).collect();
            let mut rows = Vec::new();
            while let Some(row) = lines.next_if(|line| line.trim_start().starts_with('|')) {
                let mut cells: Vec<Cell> =
                    table_cells(row.trim_start()).iter().map(|cell| inlines(cell)).collect();
                cells.resize_with(header.len(), Vec::new);
                rows.push(cells);
            }
            blocks.push(Block::Table(Table { header, rows }));
        } else if let Some(heading) = trimmed.strip_prefix('#') {
            flush(&mut text, &mut blocks);
            let level = 1 + heading.chars().take_while(|&c| c == '#').count();
            blocks.push(Block::Heading(level, plain_text(&inlines(heading.trim_start_matches('#').trim()))));
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

/// Whether `line` is a table's delimiter row: `|---|:--:|`.
fn is_table_separator(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|')
        && table_cells(line)
            .iter()
            .all(|cell| cell.contains('-') && cell.chars().all(|c| c == '-' || c == ':'))
}

/// The cells of a table row, trimmed; `\|` is a pipe inside a cell.
fn table_cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = if row.ends_with('|') && !row.ends_with("\\|") { &row[..row.len() - 1] } else { row };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => cell.push(chars.next().unwrap_or('|')),
            '|' => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}

/// `text`'s runs: code spans (kept as written, `*` and all), italics, and plain text
/// with the emphasis marks left out. A backtick with no closing one is kept as text.
fn inlines(text: &str) -> Vec<Inline> {
    let mut runs = Vec::new();
    let mut run = String::new();
    let mut italic = false;
    let end_run = |run: &mut String, italic: bool, runs: &mut Vec<Inline>| {
        if !run.is_empty() {
            let run = std::mem::take(run);
            runs.push(if italic { Inline::Italic(run) } else { Inline::Text(run) });
        }
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '`' => {
                if let Some(length) = rest[1..].find('`') {
                    end_run(&mut run, italic, &mut runs);
                    runs.push(Inline::Code(rest[1..1 + length].to_owned()));
                    rest = &rest[length + 2..];
                    continue;
                }
                run.push(c);
            }
            '*' => {
                // `**` is bold, left out; `*` and `***` switch italics.
                let marks = rest.len() - rest.trim_start_matches('*').len();
                if marks % 2 == 1 {
                    end_run(&mut run, italic, &mut runs);
                    italic = !italic;
                }
                rest = &rest[marks..];
                continue;
            }
            _ => run.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    end_run(&mut run, italic, &mut runs);
    runs
}

/// The text of `inlines` without any styling.
fn plain_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) | Inline::Italic(text) | Inline::Code(text) => text.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Inline {
        Inline::Text(text.into())
    }

    fn code(text: &str) -> Inline {
        Inline::Code(text.into())
    }

    #[test]
    fn markdown_becomes_headings_paragraphs_and_items() {
        let markdown = "# Title\n\nA **bold** line\nand its `quote`.\n\n## Part\n\n- one\n  more\n2. two\n";
        assert_eq!(
            blocks(markdown),
            [
                Block::Heading(1, "Title".into()),
                Block::Text(vec![text("A bold line and its "), code("quote"), text(".")]),
                Block::Heading(2, "Part".into()),
                Block::Text(vec![text("• one more")]),
                Block::Text(vec![text("2. two")]),
            ]
        );
    }

    #[test]
    fn code_spans_are_runs_of_their_own_with_nothing_added() {
        assert_eq!(
            inlines("(`Pakistan's` in one text, `Pakistan’s` elsewhere)"),
            [text("("), code("Pakistan's"), text(" in one text, "), code("Pakistan’s"), text(" elsewhere)")]
        );
        // Asterisks inside code are the corpus's own; outside they are emphasis marks.
        assert_eq!(
            inlines("**Whole words.** `ISIS-K*` keeps *its* asterisk"),
            [
                text("Whole words. "),
                code("ISIS-K*"),
                text(" keeps "),
                Inline::Italic("its".into()),
                text(" asterisk")
            ]
        );
        assert_eq!(inlines("a lone ` backtick"), [text("a lone ` backtick")]);
        assert_eq!(inlines("`starts` and ends `here`"), [code("starts"), text(" and ends "), code("here")]);
    }

    #[test]
    fn a_table_has_its_header_and_rows_of_cells() {
        let markdown = "Before:\n\n| claim | span | kind |\n|---|:---|---:|\n| 4 | `the 20-year war` | historical |\n\
                        | 5 | a \\| pipe | **money** |\n| 6 |\nAfter.\n";
        assert_eq!(
            blocks(markdown),
            [
                Block::Text(vec![text("Before:")]),
                Block::Table(Table {
                    header: vec![vec![text("claim")], vec![text("span")], vec![text("kind")]],
                    rows: vec![
                        vec![vec![text("4")], vec![code("the 20-year war")], vec![text("historical")]],
                        vec![vec![text("5")], vec![text("a | pipe")], vec![text("money")]],
                        // A short row is filled up with empty cells.
                        vec![vec![text("6")], vec![], vec![]],
                    ],
                }),
                Block::Text(vec![text("After.")]),
            ]
        );
        // Pipes with no delimiter row under them are no table.
        assert_eq!(blocks("| a | b |\n| c | d |"), [Block::Text(vec![text("| a | b | | c | d |")])]);
    }

    #[test]
    fn a_fenced_block_is_kept_verbatim() {
        let markdown =
            "Passage:\n\n```text\n# not a heading\n  *ISIS-K* `fighters`  \n\n- no item\n```\nAfter.";
        assert_eq!(
            blocks(markdown),
            [
                Block::Text(vec![text("Passage:")]),
                Block::Code("# not a heading\n  *ISIS-K* `fighters`  \n\n- no item".into()),
                Block::Text(vec![text("After.")]),
            ]
        );
        // An unclosed fence runs to the end.
        assert_eq!(blocks("```\na\nb"), [Block::Code("a\nb".into())]);
    }

    #[test]
    fn columns_wrap_only_as_much_as_the_room_needs() {
        let close = |widths: Vec<f32>, expected: &[f32]| {
            assert!(
                widths.iter().zip(expected).all(|(a, b)| (a - b).abs() < 0.01),
                "{widths:?}, not {expected:?}"
            );
        };
        // All fit unwrapped.
        close(column_widths(&[40.0, 100.0, 60.0], &[40.0, 50.0, 59.0], 300.0), &[41.0, 100.0, 60.0]);
        // The narrow columns keep their width; the wide ones share the rest.
        close(column_widths(&[40.0, 400.0, 60.0, 500.0], &[9.0; 4], 500.0), &[40.0, 200.0, 60.0, 200.0]);
        // None narrower than its longest word (and a point), the others wrapped at one width.
        close(column_widths(&[300.0, 300.0, 300.0], &[9.0, 9.0, 159.0], 400.0), &[120.0, 120.0, 160.0]);
        // Words are not broken: with no room for them, the table is wider than the room.
        close(column_widths(&[300.0, 300.0], &[249.0, 249.0], 400.0), &[250.0, 250.0]);
    }

    #[test]
    fn the_guideline_starts_with_its_title_and_has_its_sections_tables_and_example() {
        let all = blocks(GUIDELINE);
        assert_eq!(all.first(), Some(&Block::Heading(1, "Marking guideline for reviewers".into())));
        let sections = all.iter().filter(|b| matches!(b, Block::Heading(2, _))).count();
        assert!(sections >= 8, "{sections} sections");
        let tables: Vec<&Table> = all
            .iter()
            .filter_map(|b| match b {
                Block::Table(table) => Some(table),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 3, "the claimant, verdict and worked example tables");
        assert_eq!(tables[0].header[0], [text("whose voice")]);
        assert_eq!(tables[2].rows[1][1], [code("the 20-year war")]);
        let codes = all.iter().filter(|b| matches!(b, Block::Code(_))).count();
        assert_eq!(codes, 1, "the worked example's passage");
        // No pipes or fences are left in the text.
        for block in &all {
            let shown = match block {
                Block::Text(inlines) => plain_text(inlines),
                Block::Heading(_, text) => text.clone(),
                _ => continue,
            };
            assert!(!shown.contains("|---") && !shown.contains("```"), "{shown}");
        }
    }
}
