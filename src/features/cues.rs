//! Stance cues: an actor-agnostic reading of what the actor's clause does to whom.
//!
//! Bag-of-words models learn which words go with which label, but not that "warned against arming
//! the rebels" is the opposite of "armed the rebels", and they learn it per actor when data is
//! small. This module multiplies the polarities met after the actor's mention, up to the end of
//! its clause: a relation ("backed" +1, "condemned" -1), what it applies to (the target or its
//! government +1; rebels, sanctions, intervention -1), negation (-1), and predicates on the target
//! ("must go" -1). "warned against arming the rebels" = (-1)(+1)(-1) = +1, "would not allow a
//! no-fly zone" = (+1)(-1 negated)(-1) = +1, "imposed sanctions on Assad" = (-1)(+1) = -1.
//! The product and its parts are emitted as `q:` features; the classifier learns how far to
//! trust them. The cue words were written by the team for English news (other languages get no
//! cue features).

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Relations toward what follows: +1 helps it, -1 acts against it.
const RELATIONS: &[(&str, i8)] = &[
    ("back", 1),
    ("support", 1),
    ("defend", 1),
    ("protect", 1),
    ("shield", 1),
    ("prop", 1),
    ("bolster", 1),
    ("shore", 1),
    ("help", 1),
    ("assist", 1),
    ("aid", 1),
    ("ally", 1),
    ("allied", 1),
    ("embrace", 1),
    ("welcome", 1),
    ("praise", 1),
    ("hail", 1),
    ("endorse", 1),
    ("recognise", 1),
    ("recognize", 1),
    ("normalise", 1),
    ("normalize", 1),
    ("restore", 1),
    ("reopen", 1),
    ("readmit", 1),
    ("reinstate", 1),
    ("rehabilitate", 1),
    ("congratulate", 1),
    ("invite", 1),
    ("rescue", 1),
    ("arm", 1),
    ("fund", 1),
    ("finance", 1),
    ("bankroll", 1),
    ("train", 1),
    ("equip", 1),
    ("supply", 1),
    ("allow", 1),
    ("permit", 1),
    ("favour", 1),
    ("favor", 1),
    ("join", 1),
    ("alongside", 1),
    ("reinforce", 1),
    ("sustain", 1),
    ("keep", 1),
    ("save", 1),
    ("legitimise", 1),
    ("condemn", -1),
    ("denounce", -1),
    ("sanction", -1),
    ("punish", -1),
    ("accuse", -1),
    ("blame", -1),
    ("oust", -1),
    ("topple", -1),
    ("overthrow", -1),
    ("remove", -1),
    ("isolate", -1),
    ("expel", -1),
    ("freeze", -1),
    ("indict", -1),
    ("arrest", -1),
    ("prosecute", -1),
    ("attack", -1),
    ("strike", -1),
    ("bomb", -1),
    ("shell", -1),
    ("fight", -1),
    ("oppose", -1),
    ("reject", -1),
    ("criticise", -1),
    ("criticize", -1),
    ("against", -1),
    ("resist", -1),
    ("sever", -1),
    ("suspend", -1),
    ("boycott", -1),
    ("veto", -1),
    ("block", -1),
    ("obstruct", -1),
    ("prevent", -1),
    ("stop", -1),
    ("halt", -1),
    ("deny", -1),
    ("dismiss", -1),
    ("refuse", -1),
    ("rule", -1),
    ("warn", -1),
    ("threaten", -1),
    ("abandon", -1),
    ("defect", -1),
    ("desert", -1),
    ("investigate", -1),
    ("shun", -1),
    ("snub", -1),
    ("regret", -1),
    ("lament", -1),
    ("mourn", -1),
];

/// What a relation can apply to: +1 the target's side, -1 what works against the target.
const OBJECTS: &[(&str, i8)] = &[
    ("__target__", 1),
    ("regime", 1),
    ("government", 1),
    ("loyalist", 1),
    ("army", 1),
    ("damascus", 1),
    ("rebel", -1),
    ("rebels", -1),
    ("opposition", -1),
    ("insurgent", -1),
    ("insurgents", -1),
    ("protester", -1),
    ("protesters", -1),
    ("dissident", -1),
    ("defector", -1),
    ("sanctions", -1),
    ("intervention", -1),
    ("departure", -1),
    ("ouster", -1),
    ("transition", -1),
    ("accountability", -1),
    ("crimes", -1),
    ("atrocities", -1),
    ("massacre", -1),
    ("resolution", 0),
    ("uprising", -1),
    // The end of the target's rule: hailing it is opposing him, regretting it supporting him.
    ("collapse", -1),
    ("fall", -1),
    ("downfall", -1),
    ("demise", -1),
    ("revolution", -1),
    // Violence the war's reporting attributes to the government side: condemning it is
    // opposing the target ("condemned the siege", "denounced the barrel bombing").
    ("siege", 1),
    ("crackdown", 1),
    ("bombardment", 1),
    ("barrel", 1),
];

/// Relation words read as nouns after these ("the shelling", "any strike"): then they name an
/// act, and count as objects instead (see `NOUN_OBJECTS`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "any", "its", "their", "his", "her", "this", "that", "further", "new",
    "military", "western", "foreign", "air",
];

/// Acts named by nouns: +1 the government side's violence, -1 acts against the government.
const NOUN_OBJECTS: &[(&str, i8)] = &[
    ("shell", 1),
    ("bomb", 1),
    ("attack", 1),
    ("strike", -1),
    ("sanction", -1),
];

/// Two-word predicates: what the clause says of its subject or object.
const PHRASES: &[(&str, &str, i8)] = &[
    ("must", "go", -1),
    ("has", "go", -1),
    ("had", "go", -1),
    ("step", "down", -1),
    ("step", "aside", -1),
    ("leave", "power", -1),
    ("lost", "legitimacy", -1),
    ("no", "future", -1),
    ("war", "crimes", -1),
    ("fly", "zone", -1),
    ("regime", "change", -1),
    ("stay", "power", 1),
    ("remain", "power", 1),
    ("legitimate", "government", 1),
    ("chemical", "attack", -1),
    ("no", "role", -1),
    // What is said of the target itself: "calls for __target__ to quit", "let __target__ stay"
    // ("to step down" is read by the "step down" entry above).
    ("__target__", "quit", -1),
    ("__target__", "go", -1),
    ("__target__", "resign", -1),
    ("__target__", "leave", -1),
    ("__target__", "stay", 1),
    ("__target__", "remain", 1),
];

/// First words of the phrases that say something of the object itself ("must go", "step
/// down", "__target__ to quit"), as opposed to noun phrases ("chemical attack").
const PREDICATE_HEADS: &[&str] = &[
    "must",
    "has",
    "had",
    "step",
    "leave",
    "stay",
    "remain",
    "lost",
    "no",
    "__target__",
];

struct Tables {
    predicate_heads: std::collections::HashSet<String>,
    relations: HashMap<String, i8>,
    objects: HashMap<String, i8>,
    phrases: HashMap<(String, String), i8>,
    nouns: HashMap<String, i8>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let s = Stemmer::create(Algorithm::English);
        let stem = |w: &str| {
            if w.starts_with("__") {
                w.to_string()
            } else {
                s.stem(w).into_owned()
            }
        };
        Tables {
            predicate_heads: PREDICATE_HEADS.iter().map(|w| stem(w)).collect(),
            relations: RELATIONS.iter().map(|(w, p)| (stem(w), *p)).collect(),
            objects: OBJECTS.iter().map(|(w, p)| (stem(w), *p)).collect(),
            phrases: PHRASES
                .iter()
                .map(|(a, b, p)| ((stem(a), stem(b)), *p))
                .collect(),
            nouns: NOUN_OBJECTS.iter().map(|(w, p)| (stem(w), *p)).collect(),
        }
    })
}

/// One unit of the actor's clause as the cue reader sees it: its (stemmed) text, whether it lies
/// in a negation scope, and whether it ends the clause.
pub struct CueUnit<'a> {
    /// Stemmed, lower-cased text (placeholders such as `__target__` as they are).
    pub text: &'a str,
    /// Inside a negation scope.
    pub negated: bool,
}

/// Emits `q:` features for the clause that follows an actor's mention and returns the composed
/// polarity: "pro", "anti", or "none" when the clause holds no relation.
pub fn cue_features(
    after_actor: &[CueUnit],
    out: &mut dyn super::extract::FeatureSink,
) -> &'static str {
    let t = tables();
    let mut product: i32 = 1;
    let mut relations = 0;
    let mut parts: Vec<String> = Vec::new();
    let mut negated_any = false;
    // A negation scope flips the first relation or predicate in it, once: in "would not allow a
    // no-fly zone" the scope covers both "allow" and "fly zone", but only the allowing is denied.
    let mut flipped_this_scope = false;
    let mut k = 0;
    while k < after_actor.len() {
        let u = &after_actor[k];
        // Once the actor's predicate has been read, a comma closes it: "condemned the shelling,
        // the AP reported, and ..." must not run on into the next clause.
        if u.text == "," {
            if relations > 0 {
                break;
            }
            k += 1;
            continue;
        }
        // "had to go", "has to step down": the infinitive marker does not break a predicate.
        let skip_to = after_actor.get(k + 1).is_some_and(|n| n.text == "to") as usize;
        let next = after_actor.get(k + 1 + skip_to).map(|n| n.text.to_string());
        if !u.negated {
            flipped_this_scope = false;
        }
        let polar = t.relations.contains_key(u.text)
            || next
                .as_ref()
                .is_some_and(|n| t.phrases.contains_key(&(u.text.to_string(), n.clone())));
        let flip = if u.negated && polar && !flipped_this_scope {
            flipped_this_scope = true;
            -1
        } else {
            1
        };
        negated_any |= u.negated;
        if let Some(p) = next
            .as_ref()
            .and_then(|n| t.phrases.get(&(u.text.to_string(), n.clone())))
        {
            // A phrase after a relation is what the relation applies to ("allow a no-fly
            // zone"): it completes the predicate, as an object does.
            let completes = relations > 0;
            product *= *p as i32 * flip;
            relations += 1;
            parts.push(format!(
                "{}_{}{}",
                u.text,
                next.as_deref().unwrap_or(""),
                if flip < 0 { "~" } else { "" }
            ));
            k += 2 + skip_to;
            if completes {
                break;
            }
            continue;
        }
        let after_determiner = k > 0 && DETERMINERS.contains(&after_actor[k - 1].text);
        if let (true, Some(&p)) = (after_determiner && relations > 0, t.nouns.get(u.text)) {
            if p != 0 {
                product *= p as i32;
                parts.push((if p > 0 { "T" } else { "X" }).to_string());
                // The relation has its object: "condemned the shelling for ..." reads no
                // further, so a later "chemical attack" does not flip it again.
                break;
            }
        } else if let Some(&p) = t.relations.get(u.text) {
            // "warned against", "voted against": one relation, not two.
            let prev_is_relation = k > 0 && t.relations.contains_key(after_actor[k - 1].text);
            if !(u.text == "against" && prev_is_relation) {
                product *= p as i32 * flip;
                relations += 1;
                parts.push(format!(
                    "{}{}{}",
                    u.text,
                    if p > 0 { "+" } else { "-" },
                    if flip < 0 { "~" } else { "" }
                ));
            }
        } else if let Some(&p) = t.objects.get(u.text) {
            if p != 0 {
                product *= p as i32;
                parts.push((if p > 0 { "T" } else { "X" }).to_string());
                // "backed calls for __target__ to step down": a predicate on the object follows,
                // and it is part of what the relation applies to.
                let predicate_follows = (k + 1..(k + 4).min(after_actor.len())).any(|j| {
                    let a = after_actor[j].text;
                    let b = after_actor
                        .get(j + 1)
                        .map(|n| n.text)
                        .filter(|n| *n != "to")
                        .or_else(|| after_actor.get(j + 2).map(|n| n.text));
                    t.predicate_heads.contains(a)
                        && b.is_some_and(|b| {
                            t.phrases.contains_key(&(a.to_string(), b.to_string()))
                        })
                });
                if relations > 0 && !predicate_follows {
                    break;
                }
            }
        }
        k += 1;
    }
    // No feature when no cue is found: "q:none" fired in most neutral training sentences and in
    // over half of real stance-bearing ones, so the model had learnt "no cue = neutral".
    if relations == 0 {
        return "none";
    }
    let sign = if product > 0 { "pro" } else { "anti" };
    out.emit(format_args!("q:{sign}"));
    if negated_any {
        out.emit(format_args!("q:{sign}~"));
    }
    // The first two parts as a pattern ("condemn-|T") generalise across actors.
    out.emit(format_args!(
        "q:{}",
        parts.iter().take(3).cloned().collect::<Vec<_>>().join("|")
    ));
    sign
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Analyzer, TextOptions};

    fn cues(clause: &str) -> Vec<String> {
        let tokens = Analyzer::new(&TextOptions::default()).analyze(clause);
        let units: Vec<CueUnit> = tokens
            .iter()
            .filter(|t| t.is_wordlike())
            .map(|t| CueUnit {
                text: &t.text,
                negated: t.negated,
            })
            .collect();
        let mut out = Vec::new();
        cue_features(&units, &mut out);
        out
    }

    #[test]
    fn polarity_composes() {
        assert_eq!(cues("warned against arming the rebels")[0], "q:pro");
        assert_eq!(cues("armed the rebels")[0], "q:anti");
        assert_eq!(cues("said it would not allow a no-fly zone")[0], "q:pro");
        assert_eq!(cues("imposed sanctions on __target__")[0], "q:anti");
        assert_eq!(cues("blocked sanctions on __target__")[0], "q:pro");
        assert_eq!(cues("said __target__ must go")[0], "q:anti");
        assert_eq!(cues("said the Syrian leader had to go")[0], "q:anti");
        assert_eq!(cues("condemned the shelling of Idlib")[0], "q:anti");
        assert_eq!(cues("opposed any military strike on Syria")[0], "q:pro");
        assert_eq!(cues("backed __target__ forces")[0], "q:pro");
        assert!(cues("will travel to Geneva on Monday").is_empty());
        assert_eq!(cues("hailed the collapse of __target__ rule")[0], "q:anti");
        assert_eq!(
            cues("regretted the fall of the __target__ government")[0],
            "q:pro"
        );
        // A relation's object closes the predicate: what follows does not flip it.
        assert_eq!(
            cues("condemned __target__ for the chemical attack")[0],
            "q:anti"
        );
        assert_eq!(
            cues("praised __target__ for the chemical attack")[0],
            "q:pro"
        );
        assert_eq!(
            cues("said it did not back calls for __target__ to quit")[0],
            "q:pro"
        );
        assert_eq!(
            cues("backed calls for __target__ to step down")[0],
            "q:anti"
        );
        assert_eq!(
            cues("condemned the siege, the AP reported, and __target__ forces backed the raids")[0],
            "q:anti"
        );
        assert_eq!(cues(", which has long backed __target__, said")[0], "q:pro");
    }
}
