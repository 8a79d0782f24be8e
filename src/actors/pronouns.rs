//! Pronouns resolved to the most recent compatible actor, flagged as inferred.
//!
//! A deliberately simple recency rule (Hobbs-style without the parse tree): "he"/"she" go to the
//! last person of that gender, "it"/"its" to the last state or body, "they" to the last armed
//! group or organisation. "It", "its" and "they" are held to more: in this domain they name
//! rebels, civilians, decisions and resolutions as often as any lexicon actor, so they resolve
//! only to the name just before them, "it" and "they" only as subjects (see `resolve_pronouns`).

use super::lexicon::{ActorKind, ActorLexicon};
use super::matcher::{Mention, MentionKind};

/// Verbs after which "it" is a subject that can stand for a state or body.
const IT_VERBS: &[&str] = &[
    "said", "says", "would", "will", "could", "should", "has", "had", "must", "may", "might",
    "can", "wants", "insists", "accuses", "calls", "rejects", "supports", "backs", "opposes",
    "urges", "warns", "denies", "plans", "hopes",
];

/// Plural forms of the reporting verbs after which "they" is a subject.
const THEY_VERBS: &[&str] = &[
    "say", "were", "have", "want", "insist", "accuse", "call", "reject", "support", "back",
    "oppose", "urge", "warn", "deny", "plan", "hope", "are",
];

fn compatible(lexicon: &ActorLexicon, actor: usize, pronoun: &str) -> bool {
    let a = &lexicon.actors[actor];
    match pronoun {
        "he" | "him" | "his" => a.kind == ActorKind::Person && a.gender.as_deref() == Some("male"),
        "she" | "her" | "hers" => {
            a.kind == ActorKind::Person && a.gender.as_deref() == Some("female")
        }
        "they" => matches!(
            a.kind,
            ActorKind::ArmedGroup | ActorKind::PoliticalOrg | ActorKind::Ngo
        ),
        "it" | "its" => matches!(
            a.kind,
            ActorKind::State
                | ActorKind::GovernmentBody
                | ActorKind::InternationalBody
                | ActorKind::PoliticalOrg
        ),
        _ => false,
    }
}

/// Whether only a sentence end (or nothing, or "The") comes before byte `at`.
fn begins_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let before = before
        .strip_suffix("The")
        .or_else(|| before.strip_suffix("the"))
        .map_or(before, str::trim_end);
    before.is_empty() || before.ends_with(['.', '!', '?', '"', '\u{201D}'])
}

/// The words of `text`, lower-cased.
fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Nouns for people the lexicon does not hold.
const PEOPLE_NOUNS: &[&str] = &[
    "teacher",
    "man",
    "woman",
    "resident",
    "residents",
    "doctor",
    "witness",
    "activist",
    "soldier",
    "farmer",
    "father",
    "mother",
    "son",
    "daughter",
    "brother",
    "sister",
    "boy",
    "girl",
    "student",
    "nurse",
    "driver",
    "shopkeeper",
    "analyst",
    "journalist",
    "reporter",
    "worker",
    "refugee",
    "survivor",
    "fighter",
    "defector",
    "pilot",
    "cleric",
    "businessman",
    "lawyer",
    "judge",
    "engineer",
    "volunteer",
    "medic",
    "paramedic",
    "rescuer",
    "neighbour",
    "neighbor",
    "relative",
];

/// Whether `between` introduces a person the lexicon does not hold as a subject ("a retired
/// teacher who said", "the boy's father").
fn names_someone_else(between: &str) -> bool {
    let words = lower_words(between);
    words.iter().enumerate().any(|(i, w)| {
        PEOPLE_NOUNS.contains(&w.as_str())
            && words[i.saturating_sub(3)..i]
                .iter()
                .any(|d| matches!(d.as_str(), "a" | "an" | "the" | "one"))
    })
}

/// Whether `between` holds a determiner that opens a noun phrase ("the decision", "a regime").
fn opens_noun_phrase(between: &str) -> bool {
    let words = lower_words(between);
    words.iter().enumerate().any(|(i, w)| {
        matches!(
            w.as_str(),
            "the" | "a" | "an" | "this" | "that" | "these" | "those"
        ) && i + 1 < words.len()
    })
}

/// Adds a `Pronoun` mention for each pronoun in `text` that follows a compatible named mention.
/// Returns all mentions ordered by position.
pub fn resolve_pronouns(lexicon: &ActorLexicon, text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let mut out: Vec<Mention> = mentions.to_vec();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        if word.is_empty() {
            continue;
        }
        // Offsets from the slice itself: separators can be several bytes long (found by the
        // property test in tests/robustness.rs on a curly quote).
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let lower = word.to_lowercase();
        if !matches!(
            lower.as_str(),
            "he" | "him" | "his" | "she" | "her" | "hers" | "it" | "its" | "they"
        ) {
            continue;
        }
        // "It said" is the ministry; "it is", "it was" and an object "it" ("called it a sad
        // day") are not actors. So "it" counts only as the subject of a reporting or modal verb.
        let rest = text[start + word.len()..].trim_start();
        let next = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if (lower == "it" || lower == "they")
            && !(IT_VERBS.contains(&next.as_str())
                || THEY_VERBS.contains(&next.as_str())
                || (next.ends_with("ed") && next.len() > 3))
        {
            continue;
        }
        let before: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.end <= start && m.kind != MentionKind::Pronoun)
            .collect();
        let antecedent = before
            .iter()
            .rposition(|m| compatible(lexicon, m.actor, &lower))
            .map(|i| (before[i], before.len() - 1 - i));
        // "It" and "its" stand for the nearest thing, and most things are not in the lexicon:
        // in "Muallem called the decision illegal and said it served a Western agenda" and "a
        // regime that kills its own people" the pronoun is the decision and the regime. So the
        // antecedent must be the last name before the pronoun, with no noun phrase opened by a
        // determiner in between; otherwise the pronoun is left unresolved.
        let antecedent = match antecedent {
            Some((a, later)) if matches!(lower.as_str(), "it" | "its" | "they") => {
                let near = later == 0 && !opens_noun_phrase(&text[a.end..start]);
                // "They" is plural for anyone: only a sentence-initial "They" after a sentence
                // whose subject is the group ("HTS took Aleppo. They said ...").
                let plural_ok = lower != "they"
                    || (begins_sentence(text, start) && begins_sentence(text, a.start));
                (near && plural_ok).then_some(a)
            }
            // "He" and "she" skip names, but not a person the lexicon cannot place: "a retired
            // teacher who said ...", or a person of unknown gender in between, is the likelier
            // antecedent, and then the pronoun is nobody the tool knows.
            Some((a, _)) => {
                // A person introduced between would stand close to the pronoun: the last few
                // hundred bytes are read, so long articles stay linear.
                let mut from = a.end.max(start.saturating_sub(320));
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let between = &text[from..start];
                let unknown_person = mentions.iter().any(|m| {
                    m.start >= a.end
                        && m.end <= start
                        && lexicon.actors[m.actor].kind == ActorKind::Person
                        && lexicon.actors[m.actor].gender.is_none()
                });
                (!unknown_person && !names_someone_else(between)).then_some(a)
            }
            None => None,
        };
        if let Some(a) = antecedent {
            out.push(Mention {
                actor: a.actor,
                start,
                end: start + word.len(),
                kind: MentionKind::Pronoun,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::MentionMatcher;

    #[test]
    fn object_it_is_not_an_actor() {
        let lex = ActorLexicon::builtin();
        let text = "Washington was outraged. It said it would act. Juppe called it a sad day.";
        let found = MentionMatcher::new(&lex).find(&lex, text, None);
        let its: Vec<&str> = resolve_pronouns(&lex, text, &found)
            .iter()
            .filter(|m| m.kind == MentionKind::Pronoun)
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(its, ["It", "it"]);
    }

    #[test]
    fn it_is_not_resolved_across_other_things() {
        let lex = ActorLexicon::builtin();
        for text in [
            "Iraq abstained. Walid Muallem called the decision illegal and said it served a plot.",
            "China spoke. Ghalioun said nobody would believe the government until its forces left.",
            "Riad Hijab fled to Jordan, saying he had left a regime that kills its own people.",
        ] {
            let found = MentionMatcher::new(&lex).find(&lex, text, None);
            let pronouns: Vec<&str> = resolve_pronouns(&lex, text, &found)
                .iter()
                .filter(|m| m.kind == MentionKind::Pronoun)
                .map(|m| &text[m.start..m.end])
                .filter(|w| w.starts_with("it"))
                .collect();
            assert!(pronouns.is_empty(), "{text}: {pronouns:?}");
        }
    }

    #[test]
    fn they_reaches_the_group_named_just_before() {
        let lex = ActorLexicon::builtin();
        let text =
            "Hayat Tahrir al-Sham took Aleppo on Saturday. They said civilians would be safe.";
        let found = MentionMatcher::new(&lex).find(&lex, text, None);
        let all = resolve_pronouns(&lex, text, &found);
        let they = all
            .iter()
            .find(|m| &text[m.start..m.end] == "They")
            .unwrap();
        assert_eq!(lex.actors[they.actor].name, "Hayat Tahrir al-Sham");
        // Not across another noun phrase, and not as an object.
        for text in [
            "Hayat Tahrir al-Sham took Aleppo as the residents fled. They said it was chaos.",
            "Hayat Tahrir al-Sham attacked. Officials told them they would be punished.",
        ] {
            let found = MentionMatcher::new(&lex).find(&lex, text, None);
            assert!(resolve_pronouns(&lex, text, &found)
                .iter()
                .all(|m| m.kind != MentionKind::Pronoun
                    || !text[m.start..m.end].eq_ignore_ascii_case("they")));
        }
    }

    #[test]
    fn multibyte_separators_keep_offsets_valid() {
        let lex = ActorLexicon::builtin();
        let text = "Erdoğan \u{201C} he said \u{201C} it";
        let found = MentionMatcher::new(&lex).find(&lex, text, None);
        for m in resolve_pronouns(&lex, text, &found) {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        let he = resolve_pronouns(&lex, text, &found)
            .into_iter()
            .find(|m| m.kind == MentionKind::Pronoun)
            .unwrap();
        assert_eq!(&text[he.start..he.end], "he");
    }

    #[test]
    fn title_then_pronoun_reaches_the_person() {
        let lex = ActorLexicon::builtin();
        let text = "The Russian president spoke on Monday. He said Moscow would keep its bases.";
        let found = MentionMatcher::new(&lex).find(&lex, text, Some("2016-01-01"));
        let all = resolve_pronouns(&lex, text, &found);
        let he = all.iter().find(|m| &text[m.start..m.end] == "He").unwrap();
        assert_eq!(lex.actors[he.actor].name, "Vladimir Putin");
        let its = all.iter().find(|m| &text[m.start..m.end] == "its").unwrap();
        assert_eq!(lex.actors[its.actor].name, "Russia");
    }
}
