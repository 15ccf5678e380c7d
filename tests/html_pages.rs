//! Saved web pages as documents: the article and the metadata of pages that mimic real
//! news pages (navigation, ads, share links, comments, a sidebar, a cookie banner,
//! JSON-LD, Open Graph tags, a page in windows-1251, an aggregator's table layout with
//! schema.org microdata), each with the text and metadata
//! expected written by hand, and pages with no article (a login wall, an index of forum
//! threads) refused with a message; and `claimmark add-document` on them, run as a
//! program.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::textfile::html::{HtmlError, Page, extract};
use std::path::PathBuf;

fn page(name: &str) -> Result<Page, HtmlError> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/html").join(name);
    extract(&std::fs::read(path).unwrap())
}

fn some(value: &str) -> Option<String> {
    Some(value.to_owned())
}

#[test]
fn a_news_page_with_json_ld_gives_its_paragraphs_and_metadata() {
    // Arab News' op-ed (the corpus text), on a page with navigation, ad slots, share
    // links, comments and a "Most Popular" box; its metadata in JSON-LD.
    let page = page("news-jsonld.html").unwrap();
    let expected = [
        "Any military confrontation between Iran and the United States will have devastating repercussions for \
         the entire region. Therefore, all stakeholders have been struggling to de-escalate the volatile situation.",
        "Pakistan opted for a proactive confidence-building approach to prevent the spiraling of tensions between \
         Washington and Tehran. Foreign Minister Shah Mahmood Qureshi, on the directives of Prime Minister Imran \
         Khan, spoke with his regional counterparts as well as Russian and Chinese Foreign Ministers.",
        "The Russians’ increasing role in Middle Eastern and Afghanistan affairs cannot be ignored by the great \
         powers nor regional actors, including Pakistan. The country has been struggling to improve its security, \
         economic, and diplomatic relations with Russia.",
        "The convergence of interests and increasing cooperation between Moscow and Islamabad will have \
         constructive implications for regional security stability.",
        "Disclaimer: Views expressed by writers in this section are their own and do not necessarily reflect Arab \
         News' point-of-view",
    ]
    .join("\n\n");
    assert_eq!(page.text, expected);
    assert_eq!(page.title, some("Pakistan-Russia cooperation for regional peace"));
    assert_eq!(page.url, some("https://www.arabnews.com/node/1613306"));
    assert_eq!(page.site_name, some("Arab News"));
    assert_eq!(page.author, some("Zafar Nawaz Jaspal"));
    assert_eq!(page.published, some("2020-01-16"));
}

#[test]
fn a_page_with_open_graph_tags_and_a_time_element() {
    // Sputnik's report, its paragraphs in nested divs, with a cookie banner, tags, a
    // "Related" sidebar and a footer of contacts; metadata in og:* and article:* tags.
    let page = page("og-time.html").unwrap();
    let expected = [
        "17:59 GMT 17.12.2025",
        "The Russia-Pakistan Eurasian Forum concluded in Moscow on Wednesday with organizers announcing a concrete \
         plan to deepen ties, establishing a new strategic dialogue and working groups focused on media, education, \
         economic projects and counterterrorism.",
        "Dr. Roxolana Zigon, a co-organizer of the forum, said the primary outcome was the creation of a practical \
         roadmap for the coming year. She announced the formation of a Russia-Pakistan strategic group and the \
         launch of a dedicated strategic dialogue between the two nations.",
        "The outlined cooperation will focus on four key areas, according to Zigon.",
    ]
    .join("\n\n");
    assert_eq!(page.text, expected);
    assert_eq!(
        page.title,
        some("Pakistan, Russia Forum Lays Groundwork for Strategic Dialogue, Announces Practical Roadmap")
    );
    assert_eq!(
        page.url,
        some(
            "https://sputnikglobe.com/20251217/pakistan-russia-forum-lays-groundwork-for-strategic-dialogue-announces-practical-roadmap-1123316374.html"
        )
    );
    assert_eq!(page.site_name, some("Sputnik International"));
    assert_eq!(page.author, some("Sputnik International"));
    assert_eq!(page.published, some("2025-12-17"));
    assert!(
        !page.text.contains("cookies") && !page.text.contains("Related") && !page.text.contains("feedback@")
    );
}

#[test]
fn a_page_in_windows_1251_is_decoded_as_it_declares() {
    let page = page("windows-1251.html").unwrap();
    let expected = [
        "20 ноября 2024",
        "В Москве состоялось заседание российско-пакистанского военного консультативного комитета. Стороны \
         обсудили ситуацию в Афганистане и сотрудничество в области безопасности.",
        "Заместитель министра обороны России Александр Фомин заявил, что военное сотрудничество двух стран \
         динамично развивается. По его словам, в 2024 году было проведено более десяти совместных мероприятий.",
        "Пакистанскую делегацию возглавлял секретарь министерства обороны. Следующее заседание комитета пройдет \
         в Исламабаде.",
    ]
    .join("\n\n");
    assert_eq!(page.text, expected);
    assert_eq!(page.title, some("Россия и Пакистан провели заседание военного консультативного комитета"));
    assert_eq!(page.site_name, some("Новости Евразии"));
    assert_eq!((page.url, page.author), (None, None));
    assert_eq!(page.published, some("2024-11-20"));
}

#[test]
fn a_login_wall_and_an_index_of_threads_are_no_articles() {
    for (name, why) in [("login-wall.html", "chars of text"), ("index.html", "of its text is links")] {
        match page(name) {
            Err(HtmlError::NoArticle(reason)) => assert!(reason.contains(why), "{name}: {reason}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    let message = page("index.html").unwrap_err().to_string();
    assert!(message.contains("save the article's own page"), "{message}");
}

#[test]
fn broken_html_still_gives_its_article() {
    // Unclosed paragraphs and a stray closing tag, as hand-saved pages have.
    let html = "<html><body><div class=story><p>The Russia-Pakistan Eurasian Forum concluded in Moscow on \
                Wednesday with organizers announcing a concrete plan to deepen ties.<p>Dr. Roxolana Zigon said the \
                primary outcome was the creation of a practical roadmap for the coming year.</span><p>She \
                announced the formation of a Russia-Pakistan strategic group.</div>";
    let page = extract(html.as_bytes()).unwrap();
    assert_eq!(page.text.split("\n\n").count(), 3, "{}", page.text);
    assert!(page.text.starts_with("The Russia-Pakistan Eurasian Forum concluded"));
}

#[test]
fn add_document_takes_a_saved_page_with_its_metadata_and_refuses_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/html");
    let run = |args: &[&str]| common::claimmark(dir.path(), args);
    assert!(run(&["new", "Pages", "-o", "pages.ron"]).status.success());
    // An outlet of the site's name already in the project: the page's site is it.
    let added = run(&[
        "add-document",
        "pages.ron",
        data.join("og-time.html").to_str().unwrap(),
        "--outlet",
        "Sputnik International",
    ]);
    assert!(added.status.success(), "{}", common::printed(&added));
    let news = data.join("news-jsonld.html");
    let added = run(&["add-document", "pages.ron", news.to_str().unwrap()]);
    let said = common::printed(&added);
    assert!(added.status.success(), "{said}");
    assert!(said.contains("the page names its site \"Arab News\""), "{said}");
    let project = claimmark::store::load(&dir.path().join("pages.ron")).unwrap();
    let document = project.documents.iter().find(|d| d.id.as_str() == "news-jsonld").unwrap();
    assert_eq!(document.title, "Pakistan-Russia cooperation for regional peace");
    assert_eq!(document.url.as_deref(), Some("https://www.arabnews.com/node/1613306"));
    assert_eq!(document.author.as_deref(), Some("Zafar Nawaz Jaspal"));
    assert_eq!(document.published.as_deref(), Some("2020-01-16"));
    assert_eq!(*document.text, *page("news-jsonld.html").unwrap().text);
    assert_eq!(document.outlet, None, "no outlet of that name yet");
    // Options win over the page's own metadata.
    let sputnik = project.documents.iter().find(|d| d.id.as_str() == "og-time").unwrap();
    assert_eq!(project.outlet_of(sputnik).map(|o| o.name.as_str()), Some("Sputnik International"));
    // An index of threads is refused, and nothing is added.
    let before = std::fs::read(dir.path().join("pages.ron")).unwrap();
    let refused = run(&["add-document", "pages.ron", data.join("index.html").to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        common::printed(&refused).contains("no article found in the page"),
        "{}",
        common::printed(&refused)
    );
    assert_eq!(std::fs::read(dir.path().join("pages.ron")).unwrap(), before);
}

#[test]
fn an_aggregators_table_page_with_microdata_gives_the_republished_article() {
    // Afghanistan Azad's republication of New Eastern Outlook: an old table layout with a
    // Persian masthead, menu and sidebar of links, the English article in one cell split
    // over two articleBody divs with an ad between them, share links and a comment form;
    // its metadata only in schema.org microdata (itemprop) and the byline "Author: …".
    let page = page("aggregator-microdata.html").unwrap();
    // The headline stays in the text, its line break kept, as in the corpus captures (a
    // headline can hold a claim); the ad, the share links and the comment form do not.
    let expected = [
        "14.07.2024",
        "Strengthening Bilateral Ties:\nPakistan and Russia's Strategic Cooperation at the SCO Summit",
        "Relations between Pakistan and Russia have been improving for the previous few years. Historically, both \
         countries have observed numerous fluctuations in their bilateral relations. The leaders of the two nations \
         met at the 24th SCO Summit in Astana, Kazakhstan. Despite geopolitical impediments, both leaders \
         demonstrated their desire to promote bilateral relations between the two sides.",
        "A Glance at the History of Relations between Russia and Pakistan",
        "Before the 1990s, relations between Pakistan and the then-Soviet Union saw numerous fluctuations. \
         Pakistan's Former President Muhammad Ayub Khan was the first-ever Pakistani head of state to visit Moscow.",
        "Future Prospects and Challenges",
        "Both countries have unanimous views on different issues related to regional stability and peace. \
         Cooperation between Russia and Pakistan is a need of the hour due to changing regional and global \
         circumstances.",
        "12.07.2024",
        "Abbas Hashemite – is a political observer and research analyst for regional and global geopolitical \
         issues. He is currently working as an independent researcher and journalist, exclusively for “New Eastern \
         Outlook”.",
    ]
    .join("\n\n");
    assert_eq!(page.text, expected);
    assert_eq!(
        page.title,
        some("Strengthening Bilateral Ties: Pakistan and Russia's Strategic Cooperation at the SCO Summit")
    );
    assert_eq!(page.url, some("http://www.afgazad.com/English/071424-Pakistan-Russia-SCO.pdf"));
    assert_eq!(page.site_name, None, "the page names no site");
    assert_eq!(page.author, some("Abbas Hashemite"), "the byline without its \"Author:\"");
    assert_eq!(page.published, some("2024-07-14"));
}

#[test]
fn microdata_gives_way_where_it_does_not_read_as_the_articles_own() {
    // A date in words in the microdata, a real one in <time>; a publisher's own url
    // nested in the article item.
    let body =
        "Relations between Pakistan and Russia have been improving for the previous few years. ".repeat(4);
    let html = format!(
        r#"<html><head><title>Talks in Moscow</title></head><body>
        <article itemscope itemtype="http://schema.org/NewsArticle">
        <span itemprop="datePublished">14 July 2024</span> <time datetime="2024-07-14T09:00:00Z">14.07.2024</time>
        <div itemprop="publisher" itemscope itemtype="http://schema.org/Organization">
          <a itemprop="url" href="http://www.afgazad.com/">Afghanistan Azad</a></div>
        <h1>Talks in Moscow</h1><p>{body}</p><p>{body}</p></article></body></html>"#
    );
    let page = extract(html.as_bytes()).unwrap();
    assert_eq!(page.published, some("2024-07-14"));
    assert_eq!(page.url, None, "the publisher's address is not the article's");
}
