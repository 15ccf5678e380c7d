//! Seeded generator of large synthetic projects, for benchmarks and stress tests. The
//! same seed and sizes always give the same project. Texts mix Latin, curly quotes,
//! dashes and Persian words like the real corpus, so offsets are exercised as they
//! would be on real data.

use crate::anchor::{CharIndex, CharSpan, QuoteSelector};
use crate::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, LabelId, Outlet, OutletId,
    Project, Reviewer, ReviewerId, Source, SourceId, SourceKind, SourceLink, Taxonomy, Timestamp,
};
use std::sync::Arc;

/// Sizes of a generated project.
#[derive(Clone, Copy, Debug)]
pub struct GeneratedSize {
    /// Number of documents.
    pub documents: usize,
    /// Approximate length of each text in bytes.
    pub text_bytes: usize,
    /// Total number of claims, spread evenly over the documents.
    pub claims: usize,
    /// Number of outlets.
    pub outlets: usize,
    /// Number of claim groups.
    pub groups: usize,
    /// Number of sources.
    pub sources: usize,
}

impl GeneratedSize {
    /// The benchmark project: 1,000 documents of 5 KB and 100,000 claims.
    pub const BENCHMARK: GeneratedSize = GeneratedSize {
        documents: 1_000,
        text_bytes: 5_000,
        claims: 100_000,
        outlets: 40,
        groups: 2_000,
        sources: 500,
    };

    /// The benchmarks' smoke-test project (`cargo test --benches`): 20 documents of
    /// 5 KB and 2,000 claims.
    pub const SMOKE: GeneratedSize = GeneratedSize {
        documents: 20,
        text_bytes: 5_000,
        claims: 2_000,
        outlets: 4,
        groups: 20,
        sources: 10,
    };
}

/// A small, fast pseudo-random generator (SplitMix64); good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "Pakistan",
    "Russia",
    "Moscow",
    "Islamabad",
    "Afghanistan",
    "forum",
    "strategic",
    "dialogue",
    "security",
    "cooperation",
    "minister",
    "said",
    "according",
    "to",
    "the",
    "of",
    "and",
    "in",
    "a",
    "between",
    "officials",
    "billion",
    "million",
    "fighters",
    "trade",
    "corridor",
    "SCO",
    "BRICS",
    "Daesh",
    "ISIS-K",
    "regional",
    "stability",
    "talks",
    "delegation",
    "agreed",
    "“partnership”",
    "—",
    "2013",
    "3,000",
    "$7",
    "per",
    "cent",
    "کشور",
    "افغانستان",
    "آزاد",
    "Eurasian",
    "analyst",
    "estimated",
    "reportedly",
    "Tashkent",
    "Karachi",
];

fn generate_text(rng: &mut Rng, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 64);
    let mut words_in_sentence = 0;
    while text.len() < bytes {
        let word = rng.pick(WORDS);
        if words_in_sentence == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push_str(word);
        }
        words_in_sentence += 1;
        if words_in_sentence > 8 && rng.below(6) == 0 {
            text.push('.');
            words_in_sentence = 0;
            text.push_str(if rng.below(5) == 0 { "\n\n" } else { " " });
        } else {
            text.push(' ');
        }
    }
    text.truncate(text.trim_end().len());
    text.push('.');
    text
}

/// A project of the given size, the same for the same seed.
pub fn generate_project(seed: u64, size: GeneratedSize) -> Project {
    let mut rng = Rng::new(seed);
    let taxonomy = Taxonomy::builtin();
    let label_ids =
        |labels: &[crate::model::Label]| -> Vec<LabelId> { labels.iter().map(|l| l.id.clone()).collect() };
    let kinds = label_ids(&taxonomy.claim_kinds);
    let verdicts = label_ids(&taxonomy.verdicts);
    let frames = label_ids(&taxonomy.frames);
    let affiliations = label_ids(&taxonomy.affiliations);
    let genres = label_ids(&taxonomy.genres);
    let relations = label_ids(&taxonomy.source_relations);
    let mut project = Project::new(format!("generated (seed {seed})"), taxonomy);
    project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-1"), name: "generator".into() });
    for i in 1..=size.outlets {
        project.outlets.push(Outlet {
            id: OutletId::new(format!("outlet-{i}")),
            name: format!("Outlet {i}"),
            domain: Some(format!("outlet{i}.example")),
            country: None,
            affiliation: rng.pick(&affiliations).clone(),
            owner: None,
            notes: String::new(),
        });
    }
    for i in 1..=size.sources {
        project.sources.push(Source {
            id: SourceId::new(format!("source-{i}")),
            title: format!("Report {i}"),
            url: Some(format!("https://reports.example/{i}")),
            publisher: None,
            kind: SourceKind::Report,
            notes: String::new(),
        });
    }
    for i in 1..=size.groups {
        project.groups.push(ClaimGroup {
            id: GroupId::new(format!("group-{i}")),
            name: format!("Shared claim {i}"),
            notes: String::new(),
        });
    }
    let created = Timestamp::from_unix(1_763_900_000);
    let mut claim_number = 0;
    for d in 0..size.documents {
        let text = generate_text(&mut rng, size.text_bytes);
        let document_id = DocumentId::new(format!("doc-{}", d + 1));
        let claims_here =
            size.claims / size.documents.max(1) + usize::from(d < size.claims % size.documents.max(1));
        let index = CharIndex::new(&text);
        let chars = index.char_count();
        // Word starts, so spans begin and end on word boundaries like real claims.
        let word_starts: Vec<usize> = std::iter::once(0)
            .chain(text.chars().enumerate().filter(|(_, c)| *c == ' ').map(|(i, _)| i + 1))
            .filter(|&i| i < chars)
            .collect();
        let mut spans: Vec<CharSpan> = (0..claims_here)
            .map(|_| {
                let first = rng.below(word_starts.len());
                let last = (first + 1 + rng.below(6)).min(word_starts.len() - 1);
                let end = if last > first { word_starts[last] - 1 } else { chars };
                CharSpan::new(word_starts[first], end.max(word_starts[first] + 1).min(chars))
            })
            .collect();
        spans.sort();
        for span in spans {
            claim_number += 1;
            let Some(quote) = QuoteSelector::capture_indexed(&index, span) else {
                continue;
            };
            // Drawn in this order so that a seed gives the same project as it always has.
            let kind = rng.pick(&kinds).clone();
            let claimant = format!("Speaker {}", rng.below(300));
            let attribution = if rng.below(2) == 0 { Attribution::Asserted } else { Attribution::Attributed };
            let sources = if rng.below(4) == 0 {
                vec![SourceLink {
                    source: SourceId::new(format!("source-{}", 1 + rng.below(size.sources.max(1)))),
                    relation: rng.pick(&relations).clone(),
                }]
            } else {
                Vec::new()
            };
            let verdict = rng.pick(&verdicts).clone();
            let mut claim = Claim::new(
                ClaimId::new(format!("claim-{claim_number}")),
                document_id.clone(),
                span,
                quote,
                kind,
                verdict,
                created.clone(),
            );
            claim.claimant = claimant;
            claim.attribution = attribution;
            claim.sources = sources;
            claim.frames = vec![rng.pick(&frames).clone()];
            claim.group = (size.groups > 0 && rng.below(5) == 0)
                .then(|| GroupId::new(format!("group-{}", 1 + rng.below(size.groups))));
            claim.reviewer = Some(ReviewerId::new("reviewer-1"));
            project.claims.push(claim);
        }
        project.documents.push(Document {
            id: document_id,
            title: format!("Generated document {}", d + 1),
            outlet: (size.outlets > 0)
                .then(|| OutletId::new(format!("outlet-{}", 1 + rng.below(size.outlets)))),
            genre: Some(rng.pick(&genres).clone()),
            url: Some(format!("https://news.example/{}", d + 1)),
            published: Some(format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))),
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: Arc::from(text),
        });
    }
    project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_projects_are_sound_and_repeatable() {
        let size = GeneratedSize {
            documents: 20,
            text_bytes: 2_000,
            claims: 500,
            outlets: 3,
            groups: 10,
            sources: 5,
        };
        let project = generate_project(7, size);
        assert_eq!(project.documents.len(), 20);
        assert_eq!(project.claims.len(), 500);
        assert_eq!(crate::store::integrity::check(&project), vec![]);
        assert_eq!(project, generate_project(7, size));
        assert_ne!(project.documents[0].text, generate_project(8, size).documents[0].text);
        assert!(project.documents.iter().any(|d| !d.text.is_ascii()));
    }
}
