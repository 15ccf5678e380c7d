//! Saved web pages as documents (File → Add documents and `claimmark add-document` take
//! `.html` and `.htm` files): the page decoded in the charset it declares, the article
//! found by a port of Mozilla's readability.js ([`dom_smoothie`]) with its paragraphs
//! kept as paragraphs, and the metadata the page states of itself: title, canonical URL,
//! site name (proposed as the outlet), author and publication date, from `og:*` and
//! `article:*` tags, JSON-LD (`NewsArticle`), `<link rel="canonical">` and `<time>`. No
//! network: only the file. A page with no article (a login wall, an index of links) is
//! refused with a message rather than made into a document of menu text.

use crate::model::{Document, Project};
use dom_query::Document as Html;
use thiserror::Error;

/// What a saved page gives a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The article's text: paragraphs separated by a blank line.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The page's canonical address.
    pub url: Option<String>,
    /// The site's name, proposed as the outlet.
    pub site_name: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
}

impl Page {
    /// Gives `document` the page's metadata it has: title, address, author, date, and the
    /// outlet of `project` named as the page's site. Returns the site's name when the
    /// project has no outlet of that name (the caller proposes it).
    pub fn fill(&self, document: &mut Document, project: &Project) -> Option<String> {
        if let Some(title) = &self.title {
            document.title.clone_from(title);
        }
        for (field, value) in [
            (&mut document.url, &self.url),
            (&mut document.author, &self.author),
            (&mut document.published, &self.published),
        ] {
            if value.is_some() {
                field.clone_from(value);
            }
        }
        let site = self.site_name.as_ref()?;
        match project.outlet_by_name(site) {
            Some(outlet) => {
                document.outlet = Some(outlet.id.clone());
                None
            }
            None => Some(site.clone()),
        }
    }
}

/// Why a page could not become a document.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum HtmlError {
    /// The page declares a charset that has no decoder.
    #[error("the page declares the charset \"{0}\", which claimmark cannot decode; save it again as UTF-8")]
    UnknownCharset(String),
    /// Not UTF-8, and no charset declared.
    #[error(
        "the page is not UTF-8 and declares no charset (bad byte at offset {0}); save it again as UTF-8, or add <meta charset=\"…\">"
    )]
    NotUtf8(usize),
    /// No article in the page.
    #[error(
        "no article found in the page: {0}. A login wall, an index of links or a page of menus has no text to mark; save the article's own page"
    )]
    NoArticle(String),
}

/// Text shorter than this (in chars) is no article.
pub const MIN_ARTICLE_CHARS: usize = 200;

/// The article and metadata of the saved page `bytes`.
pub fn extract(bytes: &[u8]) -> Result<Page, HtmlError> {
    let html = decode(bytes)?;
    let tree = Html::from(html.as_str());
    let meta =
        |selector: &str| tree.select(selector).attr("content").map(|v| clean(&v)).filter(|v| !v.is_empty());
    // schema.org microdata: a property of the page's own item (not of an item inside it,
    // such as its publisher's `url`), from `content`, `datetime` or `href`, or its text.
    let item = |name: &str| {
        tree.select(&format!("[itemprop=\"{name}\"]")).nodes().iter().find_map(|node| {
            if node.ancestors_it(None).any(|a| a.has_attr("itemprop")) {
                return None;
            }
            let value = node.attr("content").or_else(|| node.attr("datetime")).or_else(|| node.attr("href"));
            value.map(|v| clean(&v)).or_else(|| Some(clean(&node.text()))).filter(|v| !v.is_empty())
        })
    };
    let canonical = tree
        .select("link[rel=canonical]")
        .attr("href")
        .map(|v| clean(&v))
        .filter(|v| !v.is_empty())
        .or_else(|| meta("meta[property=\"og:url\"]"))
        .or_else(|| item("url"));
    let site_name =
        meta("meta[property=\"og:site_name\"]").or_else(|| meta("meta[name=\"application-name\"]"));
    let author = meta("meta[name=\"author\"]")
        .or_else(|| meta("meta[property=\"article:author\"]"))
        .filter(|a| !a.starts_with("http"))
        .or_else(|| {
            let name = tree.select("[itemprop=\"author\"] [itemprop=\"name\"]").text();
            Some(clean(&name)).filter(|n| !n.is_empty())
        });
    // A date only where it reads as one ("14 July 2024" in a span does not; `<time>` may).
    let published = meta("meta[property=\"article:published_time\"]")
        .or_else(|| item("datePublished").filter(|d| date_of(d).is_some()))
        .or_else(|| tree.select("time[datetime]").attr("datetime").map(|v| clean(&v)));
    // The page's own headline: readability shortens a title with a colon in it to what
    // follows the colon ("Ties: Pakistan and Russia…" gives "Pakistan and Russia…").
    let headline = meta("meta[property=\"og:title\"]");
    let page_title = clean(&tree.select("head title").text());
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut readability = dom_smoothie::Readability::new(html.as_str(), None, Some(config))
        .map_err(|e| HtmlError::NoArticle(e.to_string()))?;
    let article = readability.parse().map_err(|e| HtmlError::NoArticle(e.to_string()))?;
    let text = paragraphs(&article.text_content);
    if text.chars().count() < MIN_ARTICLE_CHARS {
        return Err(HtmlError::NoArticle(format!("only {} chars of text", text.chars().count())));
    }
    // An index, a list of threads or a menu: most of its text is links.
    let content = Html::from(article.content.as_ref());
    let all = clean(&content.select("body").text()).chars().count().max(1);
    let linked = clean(&content.select("a").text()).chars().count();
    if linked * 2 > all {
        return Err(HtmlError::NoArticle(format!("{}% of its text is links", linked * 100 / all)));
    }
    let shortened = clean(&article.title);
    let title = headline
        .or_else(|| {
            let cut_at_colon = !shortened.is_empty()
                && page_title.len() > shortened.len()
                && page_title.ends_with(&shortened)
                && page_title[..page_title.len() - shortened.len()].trim_end().ends_with(':');
            cut_at_colon.then(|| page_title.clone())
        })
        .or_else(|| Some(shortened).filter(|t| !t.is_empty()));
    Ok(Page {
        text,
        title,
        url: article.url.map(|u| clean(&u)).filter(|u| !u.is_empty()).or(canonical),
        site_name: article.site_name.map(|s| clean(&s)).filter(|s| !s.is_empty()).or(site_name),
        author: article.byline.map(|a| byline_name(&a)).filter(|a| !a.is_empty()).or(author),
        published: article.published_time.or(published).as_deref().and_then(date_of),
    })
}

/// `bytes` as text: by a byte-order mark, else by the charset the page declares in its
/// head, else as UTF-8 (refused when it is not).
pub fn decode(bytes: &[u8]) -> Result<String, HtmlError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    }
    if let Some(label) = declared_charset(bytes) {
        let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) else {
            return Err(HtmlError::UnknownCharset(label));
        };
        if encoding != encoding_rs::UTF_8 {
            return Ok(encoding.decode_without_bom_handling(bytes).0.into_owned());
        }
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| HtmlError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// The charset a page declares in its first 2 KB (`<meta charset="…">` or
/// `content="text/html; charset=…"`), in lower case.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head: Vec<u8> = bytes.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    let head = String::from_utf8_lossy(&head);
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// The article's text with its paragraphs as paragraphs: white space within a line
/// folded, lines trimmed, and runs of empty lines made one blank line.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = clean(line);
        // An ad's label left inside the article ("Advertisement") is no paragraph of it.
        if AD_LABELS.iter().any(|label| line.eq_ignore_ascii_case(label)) {
            continue;
        }
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// Labels of ads and promotions that pages leave between an article's paragraphs.
const AD_LABELS: &[&str] = &["advertisement", "advertising", "sponsored", "ad", "promoted", "реклама"];

/// `value` with its white space folded to single spaces and trimmed.
fn clean(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A byline without its "By" or "Author:" ("Author: Abbas Hashemite" gives "Abbas
/// Hashemite").
fn byline_name(byline: &str) -> String {
    let byline = clean(byline);
    let lower = byline.to_lowercase();
    for prefix in ["author:", "by:", "by ", "written by "] {
        if lower.starts_with(prefix) {
            // The prefixes are ASCII: their length in bytes is the same lowercased.
            return byline[prefix.len()..].trim().to_owned();
        }
    }
    byline
}

/// The `YYYY-MM-DD` at the start of a date or timestamp (`2024-07-14T09:30:00+05:00`).
fn date_of(value: &str) -> Option<String> {
    let date: String = value.trim().chars().take(10).collect();
    crate::model::is_partial_date(&date).then_some(date).filter(|d| d.len() == 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_charset_is_decoded_and_undeclared_bytes_are_refused() {
        let (encoded, _, _) =
            encoding_rs::WINDOWS_1251.encode("<meta charset=\"windows-1251\"><p>Москва</p>");
        assert!(decode(&encoded).unwrap().contains("Москва"));
        let body: &[u8] = b"<p>caf\xe9</p>";
        assert_eq!(decode(body), Err(HtmlError::NotUtf8(6)));
        let weird = b"<meta charset=\"x-klingon\"><p>x</p>";
        assert_eq!(decode(weird), Err(HtmlError::UnknownCharset("x-klingon".into())));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("<p>é</p>".as_bytes());
        assert_eq!(decode(&bom).unwrap(), "<p>é</p>");
    }

    #[test]
    fn paragraphs_stay_paragraphs_and_dates_are_days() {
        assert_eq!(paragraphs("  One  line\n\n\n\nTwo\n  lines \n"), "One line\n\nTwo\nlines");
        assert_eq!(date_of("2024-07-14T09:30:00+05:00").as_deref(), Some("2024-07-14"));
        assert_eq!(date_of("July 14"), None);
    }
}
