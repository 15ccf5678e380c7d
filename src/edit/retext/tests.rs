use super::*;
use crate::model::{LabelId, Taxonomy};

fn project(text: &str, spans: &[(usize, usize)]) -> Project {
    let mut project = Project::new("t", Taxonomy::builtin());
    project.documents.push(Document::new(DocumentId::new("doc"), "Doc", text));
    for (i, &(start, end)) in spans.iter().enumerate() {
        let span = CharSpan::new(start, end);
        let quote = QuoteSelector::capture(text, span).unwrap();
        let at = Timestamp("2026-11-30T00:00:00Z".into());
        let claim = Claim::new(
            ClaimId::new(format!("claim-{i}")),
            DocumentId::new("doc"),
            span,
            quote,
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            at,
        );
        project.claims.push(claim);
    }
    project
}

fn retext(project: &mut Project, new: &str) -> Retext {
    let at = Timestamp("2026-12-01T00:00:00Z".into());
    let mut retext = set_text(project, &DocumentId::new("doc"), new, &at, None).unwrap();
    if let Some(edit) = retext.edit.take() {
        edit.apply(project).unwrap();
    }
    retext
}

fn texts(project: &Project) -> Vec<(String, bool)> {
    let text: Vec<char> = project.documents[0].text.chars().collect();
    project
        .claims
        .iter()
        .map(|c| (text[c.span.start..c.span.end].iter().collect(), c.needs_reanchoring))
        .collect()
}

#[test]
fn claims_before_an_insertion_stay_and_after_it_move() {
    let text = "Officials said 3,000 fighters remain. Others said $7 billion was left.";
    let mut project = project(text, &[(15, 29), (50, 60)]);
    let report = retext(
        &mut project,
        "Officials said 3,000 fighters remain. Others, however, said $7 billion was left.",
    );
    assert_eq!((report.unchanged, report.moved, report.flagged.len()), (1, 1, 0));
    assert_eq!(texts(&project), [("3,000 fighters".into(), false), ("$7 billion".into(), false)]);
    assert!(crate::store::integrity::check(&project).is_empty());
}

#[test]
fn a_claim_whose_words_changed_is_flagged_over_what_replaced_them() {
    let text = "Officials said 3,000 fighters remain.";
    let mut project = project(text, &[(15, 29)]);
    let report = retext(&mut project, "Officials said 30,000 fighters remain.");
    assert_eq!(report.flagged, [ClaimId::new("claim-0")]);
    let claim = &project.claims[0];
    assert_eq!(claim.quote.exact, "3,000 fighters", "the old text is kept");
    assert_eq!(texts(&project), [("30,000 fighters".into(), true)]);
    assert!(crate::store::integrity::check(&project).is_empty(), "a flagged claim is a sound claim");
}

#[test]
fn a_word_glued_onto_a_claim_flags_it_but_punctuation_does_not() {
    let text = "about 3,000 fighters. And 40 rounds.";
    let mut project = project(text, &[(6, 20), (26, 35)]);
    let report = retext(&mut project, "about 3,000 fightersmen; And 40 rounds!");
    assert_eq!(report.flagged, [ClaimId::new("claim-0")]);
    assert_eq!(texts(&project)[1], ("40 rounds".into(), false));
}

#[test]
fn a_deleted_claim_is_kept_with_an_empty_span_until_it_is_placed_by_hand() {
    let text = "One. Three thousand fighters. Two.";
    let mut project = project(text, &[(5, 28)]);
    let report = retext(&mut project, "One. Two.");
    assert_eq!(report.flagged.len(), 1);
    assert_eq!(project.claims.len(), 1);
    assert!(project.claims[0].span.is_empty());
    assert!(crate::store::integrity::check(&project).is_empty());
    // The correction taken back: the claim finds its words again only if the map puts
    // it there; a deleted text cannot, so it stays flagged.
    let report = retext(&mut project, text);
    assert_eq!(report.flagged.len(), 1);
    // Placing it by hand clears the flag.
    let at = Timestamp("2026-12-02T00:00:00Z".into());
    let edit = place_claim(&project, &ClaimId::new("claim-0"), CharSpan::new(5, 28), at).unwrap();
    edit.apply(&mut project).unwrap();
    assert_eq!(texts(&project), [("Three thousand fighters".into(), false)]);
}

#[test]
fn passages_keep_their_shared_ends_and_undo_gives_everything_back() {
    let text = "Intro. QUOTED ARTICLE TEXT HERE. Outro.";
    let mut project = project(text, &[(7, 13)]);
    project.documents[0].passages.push(crate::model::QuotedPassage {
        span: CharSpan::new(7, 32),
        outlet: crate::model::OutletId::new("outlet-1"),
        url: None,
        published: None,
        note: String::new(),
    });
    let before = project.clone();
    let at = Timestamp("2026-12-01T00:00:00Z".into());
    let report = set_text(
        &project,
        &DocumentId::new("doc"),
        "A longer intro. QUOTED ARTICLE TEXT HERE. Outro.",
        &at,
        None,
    )
    .unwrap();
    let undo = report.edit.unwrap().apply(&mut project).unwrap();
    assert_eq!(project.documents[0].passages[0].span, CharSpan::new(16, 41));
    assert_eq!(texts(&project), [("QUOTED".into(), false)]);
    undo.apply(&mut project).unwrap();
    assert_eq!(project, before);
}

#[test]
fn the_same_text_changes_nothing() {
    let text = "Officials said 3,000 fighters remain.";
    let project = project(text, &[(15, 29)]);
    let at = Timestamp("2026-12-01T00:00:00Z".into());
    let report = set_text(&project, &DocumentId::new("doc"), text, &at, None).unwrap();
    assert!(report.edit.is_none());
    assert_eq!(report.unchanged, 1);
}

#[test]
fn a_flagged_claim_covers_the_whole_new_word_and_stays_flagged_through_an_unrelated_correction() {
    let text = "Officials said about 3,000 fighters remain. Others disagreed.";
    let mut project = project(text, &[(21, 26)]);
    let report = retext(&mut project, "Officials said about 13,000 fighters remain. Others disagreed.");
    assert_eq!(report.flagged.len(), 1);
    assert_eq!(texts(&project), [("13,000".into(), true)], "the whole number that replaced it");
    // Another correction elsewhere: the claim is not placed on "13,000" by it.
    let report = retext(&mut project, "Officials said about 13,000 fighters remain. Others disagree.");
    assert_eq!((report.flagged.len(), report.restored), (1, 0));
    assert!(project.claims[0].needs_reanchoring);
}

#[test]
fn taking_a_correction_back_places_its_flagged_claims_again() {
    let text = "Officials said 3,000 fighters remain.";
    let mut project = project(text, &[(15, 29)]);
    let before = project.claims[0].clone();
    retext(&mut project, "Officials said 30,000 fighters remain.");
    assert!(project.claims[0].needs_reanchoring);
    let report = retext(&mut project, text);
    assert_eq!((report.restored, report.flagged.len()), (1, 0));
    let claim = &project.claims[0];
    assert_eq!((claim.span, &claim.quote, claim.needs_reanchoring), (before.span, &before.quote, false));
}

#[test]
fn passages_that_touch_do_not_overlap_after_a_change_between_them() {
    let text = "First article.  Second article.";
    let mut project = project(text, &[]);
    let passage = |start, end| crate::model::QuotedPassage {
        span: CharSpan::new(start, end),
        outlet: crate::model::OutletId::new("outlet-1"),
        url: None,
        published: None,
        note: String::new(),
    };
    project.outlets.push(crate::model::Outlet {
        id: crate::model::OutletId::new("outlet-1"),
        name: "Agency".into(),
        domain: None,
        country: None,
        affiliation: LabelId::new("unknown"),
        owner: None,
        notes: String::new(),
    });
    project.documents[0].passages = vec![passage(0, 14), passage(14, 31)];
    retext(&mut project, "First article--Second article.");
    let spans: Vec<CharSpan> = project.documents[0].passages.iter().map(|p| p.span).collect();
    assert!(spans[0].end <= spans[1].start, "{spans:?}");
    assert!(crate::store::integrity::check(&project).is_empty());
}
