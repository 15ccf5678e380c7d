//! Small widgets several views share: label colours, badges and swatches, the hover card
//! of a claim, the keys of taxonomy labels, and which links may open in a browser. They draw what they are given and send
//! nothing; no view state lives here.

use crate::model::{Claim, Document, LabelId, LabelSet, Project, parse_colour};
use egui::{Color32, Key};

/// A `#rrggbb` colour, or `fallback` when it is missing or not one.
pub fn hex_colour(hex: Option<&str>, fallback: Color32) -> Color32 {
    hex.and_then(parse_colour).map_or(fallback, |[r, g, b]| Color32::from_rgb(r, g, b))
}

/// The colour of a taxonomy label (grey when the label or its colour is missing).
pub fn label_colour(project: &Project, set: LabelSet, id: &LabelId) -> Color32 {
    hex_colour(project.taxonomy.label(set, id).map(|l| l.colour.as_str()), Color32::GRAY)
}

/// A small square of a colour (painted: the fonts have no square glyph).
pub fn colour_swatch(ui: &mut egui::Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
}

/// Black or white, whichever has the higher contrast (WCAG) on `background`.
pub fn text_colour_on(background: Color32) -> Color32 {
    super::colours::text_on(background)
}

/// A small badge: `text` on `fill`, on one line (in a wrapping row it moves to the next
/// line whole rather than break into a column of letters).
pub fn badge(ui: &mut egui::Ui, text: &str, fill: Color32) {
    egui::Frame::new().fill(fill).corner_radius(4.0).inner_margin(egui::Margin::symmetric(4, 1)).show(
        ui,
        |ui| {
            let text = egui::RichText::new(text).small().color(text_colour_on(fill));
            ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
        },
    );
}

/// Small text on one line: in a wrapping row it moves to the next line whole.
pub fn small_unbroken(ui: &mut egui::Ui, text: impl Into<String>) -> egui::Response {
    ui.add(egui::Label::new(egui::RichText::new(text.into()).small()).wrap_mode(egui::TextWrapMode::Extend))
}

/// A small coloured badge with a label's name.
pub fn label_badge(ui: &mut egui::Ui, project: &Project, set: LabelSet, id: &LabelId) {
    let name = project.taxonomy.label(set, id).map_or(id.as_str(), |l| l.name.as_str());
    badge(ui, name, label_colour(project, set, id));
}

/// Outlet, affiliation, genre and date of a document, for the reader's header.
pub fn document_badges_ui(ui: &mut egui::Ui, project: &Project, document: &Document) {
    match project.outlet_of(document) {
        Some(outlet) => {
            ui.label(&outlet.name);
            label_badge(ui, project, LabelSet::Affiliation, &outlet.affiliation);
        }
        None => {
            ui.label("no outlet recorded");
        }
    }
    if let Some(genre) = &document.genre {
        label_badge(ui, project, LabelSet::Genre, genre);
    }
    ui.label(document.published.as_deref().unwrap_or("undated"));
}

/// The hover card of a claim.
pub fn claim_summary_ui(ui: &mut egui::Ui, project: &Project, claim: &Claim) {
    let taxonomy = &project.taxonomy;
    ui.strong(taxonomy.name_of(LabelSet::ClaimKind, &claim.kind));
    let claimant = if claim.claimant.is_empty() { "claimant not recorded" } else { claim.claimant.as_str() };
    ui.label(format!("{claimant} · {}", claim.attribution.name()));
    ui.label(format!("Verdict: {}", taxonomy.name_of(LabelSet::Verdict, &claim.verdict)));
    if let Some(group) = claim.group.as_ref().and_then(|g| project.group(g)) {
        ui.label(format!("Group: {}", group.name));
    }
    let by = claim.reviewer.as_ref().and_then(|id| project.reviewers.iter().find(|r| &r.id == id));
    let whose = match (claim.adjudicated, by) {
        (true, Some(by)) => Some(format!("Adjudicated, settled by {}", by.name)),
        (true, None) => Some("Adjudicated".to_owned()),
        (false, Some(by)) => Some(format!("Marked by {}", by.name)),
        (false, None) => None,
    };
    if let Some(whose) = whose {
        ui.label(whose);
    }
    ui.label(egui::RichText::new(format!("“{}”", excerpt(&claim.quote.exact, 160))).italics());
}

/// The first `max` chars of `text`, with "…" when there was more.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A labelled combo box over one label set; returns the chosen id when it changed.
pub fn label_combo(
    ui: &mut egui::Ui,
    project: &Project,
    set: LabelSet,
    salt: &str,
    current: Option<&LabelId>,
    allow_none: bool,
    labelled_by: egui::Id,
) -> Option<Option<LabelId>> {
    let mut chosen = None;
    let text = current.map_or("—", |id| project.taxonomy.name_of(set, id));
    let response = egui::ComboBox::from_id_salt(salt).selected_text(text).width(200.0).show_ui(ui, |ui| {
        if allow_none && ui.selectable_label(current.is_none(), "—").clicked() {
            chosen = Some(None);
        }
        for label in project.taxonomy.labels(set) {
            // The key that applies the label in the text, where its set has one.
            let key = shortcut_hint(set, label.shortcut).map(|k| format!("  ({k})")).unwrap_or_default();
            let colour = label_colour(project, set, &label.id);
            let clicked = ui
                .horizontal(|ui| {
                    colour_swatch(ui, colour);
                    ui.selectable_label(current == Some(&label.id), format!("{}{key}", label.name))
                        .on_hover_text(&label.description)
                        .clicked()
                })
                .inner;
            if clicked {
                chosen = Some(Some(label.id.clone()));
            }
        }
    });
    response.response.labelled_by(labelled_by);
    chosen.filter(|c| c.as_ref() != current)
}

/// A field's name in a form, in bold.
pub fn field_label(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.label(egui::RichText::new(text).strong())
}

/// The egui key for a shortcut char of the taxonomy.
pub fn shortcut_key(c: char) -> Option<Key> {
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

/// The key that applies a label from the text, if its set has one: a kind's key alone,
/// Shift + a verdict's key, Alt + a frame's key (with a claim selected).
pub fn shortcut_hint(set: LabelSet, shortcut: Option<char>) -> Option<String> {
    let key = shortcut?.to_ascii_uppercase();
    match set {
        LabelSet::ClaimKind => Some(key.to_string()),
        LabelSet::Verdict => Some(format!("Shift+{key}")),
        LabelSet::Frame => Some(format!("Alt+{key}")),
        _ => None,
    }
}

/// The URL to open for a link, or `None` when it is not an http(s) URL (`javascript:`,
/// `file:`, `data:` ... never open). The scheme is returned in lower case, because the
/// app opens only links that start with `http://` or `https://`.
pub fn web_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.chars().any(char::is_control) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let scheme = ["https://", "http://"].into_iter().find(|s| lower.starts_with(s))?;
    let rest = &url[scheme.len()..];
    (!rest.is_empty() && !rest.starts_with('/')).then(|| format!("{scheme}{rest}"))
}

/// The web address of an outlet's domain: `https://DOMAIN` for a plain domain (with an
/// optional path), the URL itself when the domain was entered as an http(s) URL, and
/// `None` for anything that is not a domain (so that nothing else ever opens).
pub fn domain_url(domain: &str) -> Option<String> {
    let domain = domain.trim();
    if let Some(url) = web_url(domain) {
        return Some(url);
    }
    let (host, path) = domain.split_once('/').map_or((domain, ""), |(host, path)| (host, path));
    let host_ok = host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let path_ok = !path.chars().any(|c| c.is_whitespace() || c.is_control());
    (host_ok && path_ok).then(|| format!("https://{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_are_web_links() {
        assert_eq!(web_url(" https://example.org/a "), Some("https://example.org/a".into()));
        assert_eq!(web_url("HTTP://example.org"), Some("http://example.org".into()));
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "https://",
            "https:///x",
            "ftp://x.org",
            "example.org",
            "https://a\u{7}b",
        ] {
            assert_eq!(web_url(url), None, "{url}");
        }
    }

    #[test]
    fn domains_open_over_https_and_nothing_else_does() {
        assert_eq!(domain_url("sputnikglobe.com"), Some("https://sputnikglobe.com".into()));
        assert_eq!(domain_url("arabnews.com/opinion"), Some("https://arabnews.com/opinion".into()));
        assert_eq!(domain_url("http://defence.pk"), Some("http://defence.pk".into()));
        for domain in ["javascript:alert(1)", "file:///etc", "localhost", "", "a b.com", ".com", "x.org/a b"]
        {
            assert_eq!(domain_url(domain), None, "{domain}");
        }
    }

    #[test]
    fn excerpts_mark_what_was_cut() {
        assert_eq!(excerpt("کشور ما", 4), "کشور…");
        assert_eq!(excerpt("short", 5), "short");
    }

    #[test]
    fn label_keys_read_as_the_text_takes_them() {
        assert_eq!(shortcut_hint(LabelSet::Verdict, Some('f')).as_deref(), Some("Shift+F"));
        assert_eq!(shortcut_hint(LabelSet::Genre, Some('n')), None);
        assert_eq!(shortcut_key('s'), Some(Key::S));
    }
}
