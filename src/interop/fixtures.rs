//! Test fixtures shared by the format modules' unit tests, so that no format's tests
//! reach into another format's file. Compiled for tests only.

/// A project whose texts have every kind of char that offset units disagree on: emoji
/// (one char, two UTF-16 units), a flag (two chars), Persian, CRLF line ends and curly
/// quotes; and claims on them.
pub(crate) fn tricky_project() -> crate::model::Project {
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{
        Attribution, Claim, ClaimId, Document, DocumentId, LabelId, Outlet, OutletId, Project, Taxonomy,
        Timestamp,
    };
    let mut project = Project::new("Tricky texts", Taxonomy::builtin());
    project.outlets.push(Outlet {
        id: OutletId::new("outlet-1"),
        name: "Sputnik".into(),
        domain: None,
        country: None,
        affiliation: LabelId::new("state-media"),
        owner: None,
        notes: String::new(),
    });
    let texts = [
        (
            "doc-1",
            Some("https://example.org/one"),
            "“Prices rose 😀 40%,” he said.\r\nکشور نباشد 🇵🇰 flag: “$7 billion”.\r\nEnd 😀😀 x",
        ),
        ("doc-2", None, "A 🇵🇰 line.\r\n\r\nکشور و 😀 «آزادی» — done"),
    ];
    for (id, url, text) in texts {
        project.documents.push(Document {
            id: DocumentId::new(id),
            title: format!("Title of {id}"),
            outlet: (id == "doc-1").then(|| OutletId::new("outlet-1")),
            genre: None,
            url: url.map(str::to_owned),
            published: Some("2025-12-17".into()),
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: text.into(),
        });
    }
    let quotes = [
        ("doc-1", "“Prices rose 😀 40%,”", "statistic", &["economic"][..]),
        ("doc-1", "said.\r\nکشور", "event", &[][..]),
        ("doc-1", "🇵🇰 flag", "attributed", &["security-defense", "political"][..]),
        ("doc-1", "“$7 billion”", "money", &["economic"][..]),
        ("doc-1", "😀😀 x", "prediction", &[][..]),
        ("doc-2", "🇵🇰", "event", &["political"][..]),
        ("doc-2", "کشور و 😀 «آزادی»", "evaluative", &["morality"][..]),
    ];
    for (n, (document, quote, kind, frames)) in quotes.into_iter().enumerate() {
        let text = &project.documents.iter().find(|d| d.id.as_str() == document).map(|d| d.text.clone());
        let text = text.as_deref().unwrap_or_default();
        let byte = text.find(quote).unwrap_or_default();
        let start = text[..byte].chars().count();
        let span = CharSpan::new(start, start + quote.chars().count());
        project.claims.push(Claim {
            claimant: if n % 2 == 0 { "Maria Sultan".into() } else { String::new() },
            attribution: if n % 2 == 0 { Attribution::Attributed } else { Attribution::Asserted },
            frames: frames.iter().map(|f| LabelId::new(*f)).collect(),
            note: if n == 3 { "Checked against the “budget”.".into() } else { String::new() },
            modified: Timestamp::from_unix(1_763_900_000 + n as u64),
            ..Claim::new(
                ClaimId::new(format!("claim-{}", n + 1)),
                DocumentId::new(document),
                span,
                QuoteSelector::capture(text, span).unwrap_or_default(),
                LabelId::new(kind),
                LabelId::new(if n == 3 { "false" } else { "unverified" }),
                Timestamp::from_unix(1_763_900_000),
            )
        });
    }
    project
}
