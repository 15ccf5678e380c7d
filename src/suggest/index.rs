//! The index: features of every claim of a project (stems, sentence stems, trigrams,
//! entities, quantities), inverted indexes over them, and the query that gathers,
//! scores and explains the candidates. See the `suggest` module for the rules.

use super::entities::{find_mentions, mention_span};
use super::quantities::{NumberKey, Quantity, find_quantities, index_keys, quantity_match, query_keys};
use super::stem::stem;
use super::vectors::{Interner, Sparse, count_ids, dot, idf, set_cosine, trigrams, weigh};
use super::words::{analyse_tokens, is_content_word, normalize_word, strip_possessive};
use super::{
    CANDIDATES_RESCORED, ENTITY_HALF, GROUP_BONUS, SENTENCE_ENTITY_FACTOR, STEM_SHARE, Suggestion,
    WEIGHT_ENTITIES, WEIGHT_NUMBERS, WEIGHT_SENTENCE, WEIGHT_TEXT,
};
use crate::anchor::CharIndex;
use crate::model::Project;
use crate::text::token_range;
use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};

/// An entity of a claim: its key, whether the claim itself names it (rather than only
/// its sentence) and how it is written there.
#[derive(Clone, Debug)]
struct ClaimEntity {
    key: u32,
    in_claim: bool,
    surface: u32,
}

#[derive(Clone, Debug, Default)]
struct ClaimFeatures {
    /// Index into the project's documents, `u32::MAX` when the document is missing.
    document: u32,
    /// Claim wording, tf-idf of stems, unit length.
    stems: Sparse,
    /// Index into [`SuggestIndex::contexts`].
    context: u32,
    trigrams: Vec<u32>,
    /// Sorted by key, one per key.
    entities: Vec<ClaimEntity>,
    quantities: Vec<Quantity>,
}

/// Features of every claim of a project and inverted indexes over them, built once per
/// state of the claims and texts; see the module documentation.
#[derive(Clone, Debug, Default)]
pub struct SuggestIndex {
    claims: Vec<ClaimFeatures>,
    /// Sentence wording (tf-idf of stems, unit length), shared by claims in the same
    /// sentence(s).
    contexts: Vec<Sparse>,
    /// Claims per context.
    context_claims: Vec<Vec<u32>>,
    /// Inverse sentence frequency per entity key.
    entity_idf: Vec<f32>,
    /// How entities are written, by surface id.
    surfaces: Vec<String>,
    /// Stem id → (claim, weight in the claim's stem vector).
    stem_postings: Vec<Vec<(u32, f32)>>,
    /// Stem id → (context, weight in the context vector).
    context_postings: Vec<Vec<(u32, f32)>>,
    /// Entity key → (claim, factor: 1 in the claim, [`SENTENCE_ENTITY_FACTOR`] in the
    /// sentence only).
    entity_postings: Vec<Vec<(u32, f32)>>,
    /// Number key → claims.
    number_postings: HashMap<NumberKey, Vec<u32>>,
    fingerprint: u64,
}

/// What one document contributes before weights are known.
struct RawClaim {
    claim_index: usize,
    document: u32,
    stem_counts: Vec<(u32, u32)>,
    context: u32,
    trigrams: Vec<u32>,
    entities: Vec<ClaimEntity>,
    quantities: Vec<Quantity>,
}

fn fingerprint(project: &Project) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    project.documents.len().hash(&mut hasher);
    for document in &project.documents {
        document.id.as_str().hash(&mut hasher);
        document.text.len().hash(&mut hasher);
    }
    project.claims.len().hash(&mut hasher);
    for claim in &project.claims {
        claim.id.as_str().hash(&mut hasher);
        claim.document.as_str().hash(&mut hasher);
        claim.span.hash(&mut hasher);
    }
    hasher.finish()
}

impl SuggestIndex {
    /// Reads every document and claim of `project` and builds the index.
    pub fn new(project: &Project) -> SuggestIndex {
        let mut stems = Interner::default();
        let mut entity_keys = Interner::default();
        let mut surfaces = Interner::default();
        let mut stem_df: Vec<u32> = Vec::new();
        let mut entity_df: Vec<u32> = Vec::new();
        let mut sentence_count: u32 = 0;
        let mut raw_contexts: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut raw_claims: Vec<RawClaim> = Vec::with_capacity(project.claims.len());

        let document_index: HashMap<&str, usize> =
            project.documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        let mut claims_by_document: Vec<Vec<usize>> = vec![Vec::new(); project.documents.len()];
        for (claim_index, claim) in project.claims.iter().enumerate() {
            if let Some(&d) = document_index.get(claim.document.as_str()) {
                claims_by_document[d].push(claim_index);
            }
        }

        for (d, document) in project.documents.iter().enumerate() {
            let text: &str = &document.text;
            let toks = analyse_tokens(text);
            let char_index = CharIndex::new(text);
            let stem_ids: Vec<Option<u32>> =
                toks.iter().map(|t| is_content_word(t).then(|| stems.id(&stem(&t.norm)))).collect();
            let mentions = find_mentions(&toks);
            let mention_keys: Vec<u32> = mentions.iter().map(|m| entity_keys.id(&m.key)).collect();
            let found_quantities = find_quantities(&toks, &char_index);
            // Token range of each sentence.
            let mut sentence_ranges: Vec<(usize, usize)> = Vec::new();
            for (i, tok) in toks.iter().enumerate() {
                if tok.sentence >= sentence_ranges.len() {
                    sentence_ranges.resize(tok.sentence + 1, (i, i));
                    sentence_ranges[tok.sentence] = (i, i);
                }
                sentence_ranges[tok.sentence].1 = i + 1;
            }
            // Frequencies over sentences.
            sentence_count += sentence_ranges.iter().filter(|(a, b)| a < b).count() as u32;
            stem_df.resize(stems.names.len(), 0);
            entity_df.resize(entity_keys.names.len(), 0);
            for &(a, b) in &sentence_ranges {
                let mut ids: Vec<u32> = stem_ids[a..b].iter().flatten().copied().collect();
                ids.sort_unstable();
                ids.dedup();
                for id in ids {
                    stem_df[id as usize] += 1;
                }
            }
            let mut mention_sentences: Vec<(usize, u32)> =
                mentions.iter().zip(&mention_keys).map(|(m, &k)| (toks[m.first].sentence, k)).collect();
            mention_sentences.sort_unstable();
            mention_sentences.dedup();
            for &(_, key) in &mention_sentences {
                entity_df[key as usize] += 1;
            }

            let mut contexts_here: HashMap<(usize, usize), u32> = HashMap::new();
            for &claim_index in &claims_by_document[d] {
                let claim = &project.claims[claim_index];
                let Some((first, end)) = token_range(&toks, claim.span) else {
                    raw_claims.push(RawClaim {
                        claim_index,
                        document: d as u32,
                        stem_counts: Vec::new(),
                        context: u32::MAX,
                        trigrams: Vec::new(),
                        entities: Vec::new(),
                        quantities: Vec::new(),
                    });
                    continue;
                };
                let sentences = (toks[first].sentence, toks[end - 1].sentence);
                let context = *contexts_here.entry(sentences).or_insert_with(|| {
                    let (a, b) = (sentence_ranges[sentences.0].0, sentence_ranges[sentences.1].1);
                    raw_contexts.push(count_ids(stem_ids[a..b].iter().flatten().copied()));
                    (raw_contexts.len() - 1) as u32
                });
                let stem_counts = count_ids(stem_ids[first..end].iter().flatten().copied());
                let claim_trigrams =
                    trigrams((first..end).filter(|&i| stem_ids[i].is_some()).map(|i| toks[i].norm.as_str()));
                let (context_first, context_end) =
                    (sentence_ranges[sentences.0].0, sentence_ranges[sentences.1].1);
                let mut entities: Vec<ClaimEntity> = Vec::new();
                for (mention, &key) in mentions.iter().zip(&mention_keys) {
                    if mention.last < context_first || mention.first >= context_end {
                        continue;
                    }
                    let in_claim = mention.last >= first && mention.first < end;
                    let span = mention_span(&toks, mention);
                    let surface = surfaces.id(strip_possessive(char_index.slice(span).unwrap_or("")));
                    match entities.iter_mut().find(|e| e.key == key) {
                        Some(existing) if in_claim && !existing.in_claim => {
                            *existing = ClaimEntity { key, in_claim, surface };
                        }
                        Some(_) => {}
                        None => entities.push(ClaimEntity { key, in_claim, surface }),
                    }
                }
                entities.sort_unstable_by_key(|e| e.key);
                let quantities = found_quantities
                    .iter()
                    .filter(|(a, b, _)| *b >= first && *a < end)
                    .map(|(_, _, q)| q.clone())
                    .collect();
                raw_claims.push(RawClaim {
                    claim_index,
                    document: d as u32,
                    stem_counts,
                    context,
                    trigrams: claim_trigrams,
                    entities,
                    quantities,
                });
            }
        }

        let stem_idf: Vec<f32> = stem_df.iter().map(|&df| idf(df, sentence_count)).collect();
        let entity_idf: Vec<f32> = entity_df.iter().map(|&df| idf(df, sentence_count)).collect();
        let contexts: Vec<Sparse> = raw_contexts.iter().map(|counts| weigh(counts, &stem_idf)).collect();
        let mut context_claims: Vec<Vec<u32>> = vec![Vec::new(); contexts.len()];
        let mut claims: Vec<ClaimFeatures> =
            vec![
                ClaimFeatures { document: u32::MAX, context: u32::MAX, ..ClaimFeatures::default() };
                project.claims.len()
            ];
        let mut stem_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); stems.names.len()];
        let mut context_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); stems.names.len()];
        let mut entity_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); entity_keys.names.len()];
        let mut number_postings: HashMap<NumberKey, Vec<u32>> = HashMap::new();
        for (context, vector) in contexts.iter().enumerate() {
            for &(id, weight) in vector {
                context_postings[id as usize].push((context as u32, weight));
            }
        }
        for raw in raw_claims {
            let c = raw.claim_index as u32;
            let stems_vector = weigh(&raw.stem_counts, &stem_idf);
            for &(id, weight) in &stems_vector {
                stem_postings[id as usize].push((c, weight));
            }
            if let Some(members) = context_claims.get_mut(raw.context as usize) {
                members.push(c);
            }
            for entity in &raw.entities {
                let factor = if entity.in_claim { 1.0 } else { SENTENCE_ENTITY_FACTOR };
                entity_postings[entity.key as usize].push((c, factor));
            }
            let mut keys: Vec<NumberKey> = raw.quantities.iter().flat_map(index_keys).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                number_postings.entry(key).or_default().push(c);
            }
            claims[raw.claim_index] = ClaimFeatures {
                document: raw.document,
                stems: stems_vector,
                context: raw.context,
                trigrams: raw.trigrams,
                entities: raw.entities,
                quantities: raw.quantities,
            };
        }
        SuggestIndex {
            claims,
            contexts,
            context_claims,
            entity_idf,
            surfaces: surfaces.names,
            stem_postings,
            context_postings,
            entity_postings,
            number_postings,
            fingerprint: fingerprint(project),
        }
    }

    /// Number of claims indexed.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// Whether no claim is indexed.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Whether the index still describes `project`: the same documents (by id and text
    /// length) and claims (by id, document and span). Group changes keep it current.
    /// Costs one pass over the claims; call it after edits, not every frame.
    pub fn is_current(&self, project: &Project) -> bool {
        fingerprint(project) == self.fingerprint
    }

    /// The best `limit` candidates for the claim at `claim_index` (index into
    /// `project.claims`), best first. Never the claim's own document, never a claim
    /// already in its group. Empty when the index does not match the project's claims.
    pub fn suggest(&self, project: &Project, claim_index: usize, limit: usize) -> Vec<Suggestion> {
        if project.claims.len() != self.claims.len() || limit == 0 {
            return Vec::new();
        }
        let (Some(query), Some(query_claim)) =
            (self.claims.get(claim_index), project.claims.get(claim_index))
        else {
            return Vec::new();
        };
        let weights = self.active_weights(query);
        let mut acc = vec![0.0f32; self.claims.len()];
        let text_weight = weights.text * STEM_SHARE;
        for &(id, wq) in &query.stems {
            for &(c, wc) in &self.stem_postings[id as usize] {
                acc[c as usize] += text_weight * wq * wc;
            }
        }
        if let Some(context) = self.contexts.get(query.context as usize) {
            let mut context_acc = vec![0.0f32; self.contexts.len()];
            for &(id, wq) in context {
                for &(other, wc) in &self.context_postings[id as usize] {
                    context_acc[other as usize] += wq * wc;
                }
            }
            for (other, similarity) in context_acc.into_iter().enumerate() {
                if similarity > 0.0 {
                    for &c in &self.context_claims[other] {
                        acc[c as usize] += weights.sentence * similarity;
                    }
                }
            }
        }
        for entity in &query.entities {
            let factor = if entity.in_claim { 1.0 } else { SENTENCE_ENTITY_FACTOR };
            let gain = weights.entities * self.entity_idf[entity.key as usize] * factor / ENTITY_HALF;
            for &(c, other_factor) in &self.entity_postings[entity.key as usize] {
                acc[c as usize] += gain * other_factor;
            }
        }
        if !query.quantities.is_empty() {
            let mut keys: Vec<NumberKey> = query.quantities.iter().flat_map(query_keys).collect();
            keys.sort_unstable();
            keys.dedup();
            let gain = weights.numbers / query.quantities.len() as f32;
            for key in keys {
                for &c in self.number_postings.get(&key).map_or(&[][..], Vec::as_slice) {
                    acc[c as usize] += gain;
                }
            }
        }
        // Candidates: other documents, not in the selected claim's group.
        let query_group = query_claim.group.as_ref();
        let mut candidates: Vec<(f32, u32)> = acc
            .iter()
            .enumerate()
            .filter(|&(c, &score)| {
                score > 0.0
                    && self.claims[c].document != query.document
                    && self.claims[c].document != u32::MAX
                    && (query_group.is_none() || project.claims[c].group.as_ref() != query_group)
            })
            .map(|(c, &score)| {
                let bonus = if project.claims[c].group.is_some() { 1.0 + GROUP_BONUS } else { 1.0 };
                (score * bonus, c as u32)
            })
            .collect();
        if candidates.len() > CANDIDATES_RESCORED {
            candidates.select_nth_unstable_by(CANDIDATES_RESCORED - 1, |a, b| b.0.total_cmp(&a.0));
            candidates.truncate(CANDIDATES_RESCORED);
        }
        let mut scored: Vec<(f32, usize, Parts)> = candidates
            .into_iter()
            .map(|(_, c)| {
                let parts = self.compare(query, &self.claims[c as usize]);
                let mut score = parts.blend(&weights);
                if project.claims[c as usize].group.is_some() {
                    score = (score * (1.0 + GROUP_BONUS)).min(1.0);
                }
                (score, c as usize, parts)
            })
            .filter(|(score, _, _)| *score > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, c, parts)| Suggestion {
                claim_index: c,
                score,
                reasons: self.reasons(project, query, c, &parts),
            })
            .collect()
    }

    /// The weights that apply to a query: numbers and entities only when the selected
    /// claim has them, all scaled to sum to one.
    fn active_weights(&self, query: &ClaimFeatures) -> Weights {
        let numbers = if query.quantities.is_empty() { 0.0 } else { WEIGHT_NUMBERS };
        let entities = if query.entities.is_empty() { 0.0 } else { WEIGHT_ENTITIES };
        let total = WEIGHT_TEXT + WEIGHT_SENTENCE + numbers + entities;
        Weights {
            text: WEIGHT_TEXT / total,
            sentence: WEIGHT_SENTENCE / total,
            entities: entities / total,
            numbers: numbers / total,
        }
    }

    /// The parts of the similarity of two claims.
    fn compare(&self, query: &ClaimFeatures, other: &ClaimFeatures) -> Parts {
        let stems = dot(&query.stems, &other.stems);
        let trigrams = set_cosine(&query.trigrams, &other.trigrams);
        let text = STEM_SHARE * stems + (1.0 - STEM_SHARE) * trigrams;
        let sentence =
            match (self.contexts.get(query.context as usize), self.contexts.get(other.context as usize)) {
                (Some(a), Some(b)) => dot(a, b),
                _ => 0.0,
            };
        let mut shared_entities = Vec::new();
        let mut evidence = 0.0;
        let (mut i, mut j) = (0, 0);
        while i < query.entities.len() && j < other.entities.len() {
            let (a, b) = (&query.entities[i], &other.entities[j]);
            match a.key.cmp(&b.key) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let factor = |e: &ClaimEntity| if e.in_claim { 1.0 } else { SENTENCE_ENTITY_FACTOR };
                    let gain = self.entity_idf[a.key as usize] * factor(a) * factor(b);
                    evidence += gain;
                    shared_entities.push((gain, a.surface, b.surface));
                    i += 1;
                    j += 1;
                }
            }
        }
        let entities = evidence / (evidence + ENTITY_HALF);
        let mut matched_numbers = Vec::new();
        let mut number_sum = 0.0;
        for (qi, q) in query.quantities.iter().enumerate() {
            let best = other
                .quantities
                .iter()
                .enumerate()
                .map(|(oi, o)| (quantity_match(q, o), oi))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((strength, oi)) = best
                && strength > 0.0
            {
                number_sum += strength;
                matched_numbers.push((strength, qi, oi));
            }
        }
        let numbers = if query.quantities.is_empty() || other.quantities.is_empty() {
            0.0
        } else {
            (number_sum / ((query.quantities.len() * other.quantities.len()) as f32).sqrt()).min(1.0)
        };
        shared_entities.sort_by(|a, b| b.0.total_cmp(&a.0));
        matched_numbers.sort_by(|a, b| b.0.total_cmp(&a.0));
        Parts { text, sentence, entities, numbers, shared_entities, matched_numbers }
    }

    fn reasons(&self, project: &Project, query: &ClaimFeatures, c: usize, parts: &Parts) -> Vec<String> {
        let other = &self.claims[c];
        let mut reasons = Vec::new();
        for &(_, qi, oi) in parts.matched_numbers.iter().take(2) {
            let (q, o) = (&query.quantities[qi], &other.quantities[oi]);
            reasons.push(if q.text.eq_ignore_ascii_case(&o.text) {
                format!("both say {}", q.text)
            } else if q.high.is_some() == o.high.is_some() {
                format!("{} ≈ {}", q.text, o.text)
            } else if q.high.is_some() {
                format!("{} within {}", o.text, q.text)
            } else {
                format!("{} within {}", q.text, o.text)
            });
        }
        let entity_reason = |&(_, qs, os): &(f32, u32, u32)| {
            let (q, o) = (&self.surfaces[qs as usize], &self.surfaces[os as usize]);
            if normalize_word(q) == normalize_word(o) {
                format!("both name {q}")
            } else {
                format!("{q} = {o}")
            }
        };
        let mut named = 0;
        for shared in &parts.shared_entities {
            let (gain, qs, os) = *shared;
            // A name found in a third of all sentences or more explains little, unless
            // it is written differently (an alias the user may not see at once).
            let same_words =
                normalize_word(&self.surfaces[qs as usize]) == normalize_word(&self.surfaces[os as usize]);
            if named == 3 || (same_words && gain < 1.0) {
                continue;
            }
            named += 1;
            reasons.push(entity_reason(shared));
        }
        if parts.text >= 0.1 {
            reasons.push(format!("similar wording {:.2}", parts.text));
        }
        if parts.sentence >= 0.15 && parts.sentence > parts.text + 0.05 {
            reasons.push(format!("similar sentence {:.2}", parts.sentence));
        }
        if reasons.is_empty() {
            // Only weak evidence: say what the strongest part is, so no suggestion comes
            // without a reason.
            reasons.push(match parts.shared_entities.first() {
                Some(shared) if parts.entities >= parts.text.max(parts.sentence) => entity_reason(shared),
                _ if parts.text >= parts.sentence => format!("similar wording {:.2}", parts.text),
                _ => format!("similar sentence {:.2}", parts.sentence),
            });
        }
        if let Some(group_id) = &project.claims[c].group {
            let name = project.group(group_id).map_or(group_id.as_str(), |g| g.name.as_str());
            reasons.push(format!("in group “{name}”: accept to join it"));
        }
        reasons
    }
}

/// Weights after [`SuggestIndex::active_weights`].
struct Weights {
    text: f32,
    sentence: f32,
    entities: f32,
    numbers: f32,
}

/// Similarity parts of two claims, each `0..=1`, and what matched.
struct Parts {
    text: f32,
    sentence: f32,
    entities: f32,
    numbers: f32,
    /// (evidence, query surface, other surface), strongest first.
    shared_entities: Vec<(f32, u32, u32)>,
    /// (strength, query quantity, other quantity), strongest first.
    matched_numbers: Vec<(f32, usize, usize)>,
}

impl Parts {
    fn blend(&self, weights: &Weights) -> f32 {
        (weights.text * self.text
            + weights.sentence * self.sentence
            + weights.entities * self.entities
            + weights.numbers * self.numbers)
            .clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{Claim, ClaimId, Document, DocumentId, GroupId, LabelId, Taxonomy, Timestamp};

    fn document(id: &str, text: &str) -> Document {
        Document::new(DocumentId::new(id), id.to_owned(), text)
    }

    fn project_claim(document: &Document, span: CharSpan) -> Claim {
        Claim::new(
            ClaimId::new("claim"),
            document.id.clone(),
            span,
            QuoteSelector::capture(&document.text, span).unwrap(),
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            Timestamp::from_unix(0),
        )
    }

    /// A project with one document per entry, each sentence of it marked as a claim.
    fn project(documents: &[&[&str]]) -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        for (d, sentences) in documents.iter().enumerate() {
            let text = sentences.join(" ");
            let document = document(&format!("doc-{d}"), &text);
            let mut start = 0;
            for (s, sentence) in sentences.iter().enumerate() {
                let span = CharSpan::new(start, start + sentence.chars().count());
                start = span.end + 1;
                let mut claim = project_claim(&document, span);
                claim.id = ClaimId::new(format!("claim-{d}-{s}"));
                project.claims.push(claim);
            }
            project.documents.push(document);
        }
        project
    }

    /// A project with one document per (text, claim) pair, the claim marked where its
    /// words first occur in the text.
    fn project_with_contexts(documents: &[(&str, &str)]) -> Project {
        let mut project = project(&[]);
        for (d, (text, exact)) in documents.iter().enumerate() {
            let document = document(&format!("doc-{d}"), text);
            let start = text[..text.find(exact).unwrap()].chars().count();
            let span = CharSpan::new(start, start + exact.chars().count());
            let mut claim = project_claim(&document, span);
            claim.id = ClaimId::new(format!("claim-{d}-0"));
            project.claims.push(claim);
            project.documents.push(document);
        }
        project
    }

    fn ids(project: &Project, suggestions: &[Suggestion]) -> Vec<String> {
        suggestions.iter().map(|s| project.claims[s.claim_index].id.as_str().to_owned()).collect()
    }

    #[test]
    fn wording_ranks_the_closer_text_first() {
        let project = project(&[
            &["The two countries set up working groups on counterterrorism and media."],
            &["A joint working group on counter-terrorism was set up by both countries."],
            &["Media groups praised the new stadium in the capital."],
            &["The weather in the capital was hot and humid."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-1-0", "claim-2-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.1);
        assert!(suggestions[0].reasons.iter().any(|r| r.starts_with("similar wording")));
        assert!(suggestions.iter().all(|s| (0.0..=1.0).contains(&s.score)));
    }

    #[test]
    fn numbers_and_aliases_give_reasons() {
        let project = project(&[
            &["Sultan estimated between 3,000 to 5,000 ISIS-K fighters in the country."],
            &["Daesh has 3,000 to 5,000 men there, officials say."],
            &["The army has 3,000 trucks."],
            &["Officials say the country is calm."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions)[..2], ["claim-1-0", "claim-2-0"], "{suggestions:?}");
        let reasons = &suggestions[0].reasons;
        assert!(reasons.contains(&"both say 3,000 to 5,000".to_owned()), "{reasons:?}");
        assert!(reasons.contains(&"ISIS-K = Daesh".to_owned()), "{reasons:?}");
        assert!(
            suggestions[1].reasons.contains(&"3,000 within 3,000 to 5,000".to_owned()),
            "{suggestions:?}"
        );
    }

    #[test]
    fn shared_entities_decide_between_equal_wordings() {
        // Both candidates say "recruits in Nangarhar"; only one names the same group.
        let project = project(&[
            &["Officials warned that Daesh recruits in Nangarhar."],
            &["Officials warned that the club recruits in Nangarhar."],
            &["Officials warned that ISIS-K recruits in Nangarhar."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-2-0", "claim-1-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.02, "{suggestions:?}");
        assert_eq!(suggestions[0].reasons[0], "Daesh = ISIS-K");
    }

    #[test]
    fn trigrams_catch_spelling_variants() {
        let joined = trigrams(["counterterrorism"].into_iter());
        assert!(set_cosine(&joined, &trigrams(["counter", "terrorism"].into_iter())) > 0.7);
        assert!(set_cosine(&joined, &trigrams(["cooperation"].into_iter())) < 0.2);
        // Stems and names tie; the misspelt country still wins on its letters.
        let project = project(&[
            &["Kazakhstan signs pipeline deal."],
            &["Turkmenistan signs deal."],
            &["Kazakstan signs deal."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-2-0", "claim-1-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.02, "{suggestions:?}");
    }

    #[test]
    fn sentences_decide_between_equal_claims() {
        let project = project_with_contexts(&[
            ("After long talks on gas prices, the deal was signed.", "the deal was signed"),
            ("At the football stadium, the deal was signed.", "the deal was signed"),
            ("The deal was signed after long talks on gas prices.", "deal was signed"),
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-2-0", "claim-1-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.05, "{suggestions:?}");
    }

    #[test]
    fn never_the_same_document_nor_the_same_group() {
        let mut project = project(&[
            &[
                "Russia and Pakistan held strategic talks in Moscow.",
                "Russia and Pakistan held strategic talks in Moscow again.",
            ],
            &["Russia and Pakistan held strategic talks in Moscow, officials said."],
            &["Pakistan and Russia held strategic talks in Moscow on trade."],
            &["Pakistan and Russia held strategic talks in Moscow on trade."],
        ]);
        let index = SuggestIndex::new(&project);
        let all = ids(&project, &index.suggest(&project, 0, 10));
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(!all.contains(&"claim-0-1".to_owned()), "same document: {all:?}");
        // Put claim 0 and doc-1's claim in a group: doc-1's claim is no longer offered.
        project.claims[0].group = Some(GroupId::new("group-1"));
        project.claims[2].group = Some(GroupId::new("group-1"));
        // Doc-3's claim joins another group: it gets the bonus over its twin in doc-2.
        project.claims[4].group = Some(GroupId::new("group-2"));
        assert!(index.is_current(&project), "group changes need no rebuild");
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-3-0", "claim-2-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score);
        assert!(
            suggestions[0].reasons.last().is_some_and(|r| r.starts_with("in group “group-2”")),
            "{suggestions:?}"
        );
        // A claim outside any group sees every claim of the other documents.
        assert_eq!(index.suggest(&project, 3, 10).len(), 4);
    }

    #[test]
    fn stale_or_bad_queries_give_nothing() {
        let mut project = project(&[&["Russia and Pakistan met."], &["Pakistan and Russia met."]]);
        let index = SuggestIndex::new(&project);
        assert_eq!(index.len(), 2);
        assert_eq!(index.suggest(&project, 0, 5).len(), 1);
        assert_eq!(index.suggest(&project, 2, 5), vec![]);
        assert_eq!(index.suggest(&project, 0, 0), vec![]);
        project.claims[1].span.end -= 1;
        assert!(!index.is_current(&project));
        project.claims.pop();
        assert_eq!(index.suggest(&project, 0, 5), vec![]);
        assert!(SuggestIndex::new(&Project::new("empty", Taxonomy::builtin())).is_empty());
    }
}
