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
//!
//! Its length: mostly the cue word tables and the two readers' tests; the reading itself is one
//! function.

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

/// Relations whose sign means nothing without an object the reader knows (reader 2): "bombed
/// Kurdish positions", "accused the West of ...", "vetoed the draft" say nothing of the target by
/// themselves, and reading them as acts against it was wrong more often than right in training.
/// Without an object they are emitted unsigned (`q:v:<stem>`), and the classifier weighs each.
const NEEDS_OBJECT: &[&str] = &[
    "attack",
    "strike",
    "bomb",
    "shell",
    "fight",
    "against",
    "accuse",
    "blame",
    "veto",
    "block",
    "obstruct",
    "prevent",
    "stop",
    "halt",
    "arrest",
    "prosecute",
    "indict",
    "investigate",
    "expel",
    "punish",
    "warn",
    "threaten",
    "reject",
    "deny",
    "dismiss",
    "refuse",
    "rule",
    "suspend",
    "freeze",
    "remove",
    "arm",
    "train",
    "supply",
    "fund",
    "finance",
    "equip",
    "allow",
    "permit",
    "keep",
    "join",
    "help",
    "assist",
    "aid",
    "save",
    "sanction",
    "lift",
    "ease",
];

/// Relations added in reader 2: undoing what follows ("lifted the sanctions on Syria", "eased
/// the siege").
const RELATIONS_2: &[(&str, i8)] = &[("lift", -1), ("ease", -1)];

/// Objects added in reader 2: what the target's side calls its armed enemies ("fighting
/// terrorists", "confronting terrorism") and the opposition's bodies.
const OBJECTS_2: &[(&str, i8)] = &[
    ("terrorist", -1),
    ("terrorists", -1),
    ("terrorism", -1),
    ("extremists", -1),
    ("extremism", -1),
    ("mercenaries", -1),
    ("jihadists", -1),
    ("militants", -1),
    ("factions", -1),
    ("coalition", -1),
    ("revolution", -1),
];

/// Two-word relations added in reader 2 ("stood with the Syrian state", "recalled its
/// ambassador from Damascus").
const PHRASES_2: &[(&str, &str, i8)] = &[
    ("stand", "with", 1),
    ("stood", "with", 1),
    ("side", "with", 1),
    ("ties", "with", 1),
    ("relations", "with", 1),
    ("recall", "ambassador", -1),
    ("withdrew", "ambassador", -1),
    ("no", "legitimacy", -1),
    ("no", "right", -1),
    ("armed", "groups", -1),
];

/// Words that put an obligation on what precedes them: "said Damascus must guarantee ...",
/// "the regime should stop ...". A demand made of the target is pressure on it (reader 2).
const OBLIGATIONS: &[&str] = &["must", "should", "ought", "need", "needs", "has", "had"];

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
    needs_object: std::collections::HashSet<String>,
    objects_2: HashMap<String, i8>,
    phrases_2: HashMap<(String, String), i8>,
    obligations: std::collections::HashSet<String>,
    demands: std::collections::HashSet<String>,
    relations_2: HashMap<String, i8>,
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
            needs_object: NEEDS_OBJECT.iter().map(|w| stem(w)).collect(),
            objects_2: OBJECTS_2.iter().map(|(w, p)| (stem(w), *p)).collect(),
            phrases_2: PHRASES_2
                .iter()
                .map(|(a, b, p)| ((stem(a), stem(b)), *p))
                .collect(),
            obligations: OBLIGATIONS.iter().map(|w| stem(w)).collect(),
            demands: DEMANDS.iter().map(|w| stem(w)).collect(),
            relations_2: RELATIONS_2.iter().map(|(w, p)| (stem(w), *p)).collect(),
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

/// Demand verbs: "urged Damascus to ...", "pressed the government to ...". With an object and
/// "to" after it they make a demand of that object (reader 2).
const DEMANDS: &[&str] = &[
    "urge", "press", "ask", "call", "demand", "tell", "told", "push",
];

/// Emits `q:` features for the clause that follows an actor's mention and returns the composed
/// polarity: "pro", "anti", or "none" when the clause holds no relation.
///
/// `reader` is the version of the reading (stored in the model's options, so a model is read as
/// it was trained): 1 multiplies every relation met; 2 also needs an object for acts such as
/// "bombed" or "accused", reads demands made of the target and undoing ("lifted the sanctions"),
/// and knows more objects and two-word relations.
pub fn cue_features(
    after_actor: &[CueUnit],
    reader: u8,
    out: &mut dyn super::extract::FeatureSink,
) -> &'static str {
    let t = tables();
    let v2 = reader >= 2;
    let phrase = |a: &str, b: &str| -> Option<i8> {
        let key = (a.to_string(), b.to_string());
        t.phrases
            .get(&key)
            .or_else(|| v2.then(|| t.phrases_2.get(&key)).flatten())
            .copied()
    };
    let object = |w: &str| -> Option<i8> {
        t.objects
            .get(w)
            .or_else(|| v2.then(|| t.objects_2.get(w)).flatten())
            .copied()
    };
    let relation = |w: &str| -> Option<i8> {
        t.relations
            .get(w)
            .or_else(|| v2.then(|| t.relations_2.get(w)).flatten())
            .copied()
    };
    let mut product: i32 = 1;
    let mut relations = 0;
    // Reader 2: relations met (sign and stem) that wait for their object.
    let mut pending: Vec<(i32, &str, bool)> = Vec::new();
    let mut resolved = 0;
    let mut parts: Vec<String> = Vec::new();
    let mut negated_any = false;
    // A negation scope flips the first relation or predicate in it, once: in "would not allow a
    // no-fly zone" the scope covers both "allow" and "fly zone", but only the allowing is denied.
    let mut flipped_this_scope = false;
    // Multiplies what waits for an object into the product once the object is found.
    let resolve = |pending: &mut Vec<(i32, &str, bool)>, product: &mut i32| -> usize {
        let n = pending.len();
        for (p, _, _) in pending.drain(..) {
            *product *= p;
        }
        n
    };
    let mut k = 0;
    while k < after_actor.len() {
        let u = &after_actor[k];
        // Once the actor's predicate has been read, a comma closes it: "condemned the shelling,
        // the AP reported, and ..." must not run on into the next clause.
        if u.text == "," {
            if relations > 0 && pending.is_empty() {
                break;
            }
            k += 1;
            continue;
        }
        // "had to go", "has to step down": the infinitive marker does not break a predicate.
        let skip_to = after_actor.get(k + 1).is_some_and(|n| n.text == "to") as usize;
        let next = after_actor.get(k + 1 + skip_to).map(|n| n.text);
        if !u.negated {
            flipped_this_scope = false;
        }
        let phrased = next.and_then(|n| phrase(u.text, n));
        let polar = relation(u.text).is_some() || phrased.is_some();
        let flip = if u.negated && polar && !flipped_this_scope {
            flipped_this_scope = true;
            -1
        } else {
            1
        };
        negated_any |= u.negated;
        if let Some(p) = phrased {
            // A phrase after a relation is what the relation applies to ("allow a no-fly
            // zone"): it completes the predicate, as an object does.
            let completes = relations > 0;
            product *= p as i32 * flip;
            relations += 1;
            resolved += resolve(&mut pending, &mut product);
            parts.push(format!(
                "{}_{}{}",
                u.text,
                next.unwrap_or(""),
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
                resolved += resolve(&mut pending, &mut product);
                parts.push((if p > 0 { "T" } else { "X" }).to_string());
                // The relation has its object: "condemned the shelling for ..." reads no
                // further, so a later "chemical attack" does not flip it again.
                break;
            }
        } else if let Some(p) = relation(u.text) {
            // "warned against", "voted against": one relation, not two.
            let prev_is_relation = k > 0 && relation(after_actor[k - 1].text).is_some();
            if !(u.text == "against" && prev_is_relation) {
                if v2 && t.needs_object.contains(u.text) {
                    pending.push((p as i32 * flip, u.text, flip < 0));
                } else {
                    product *= p as i32 * flip;
                }
                relations += 1;
                parts.push(format!(
                    "{}{}{}",
                    u.text,
                    if p > 0 { "+" } else { "-" },
                    if flip < 0 { "~" } else { "" }
                ));
            }
        } else if let Some(p) = object(u.text) {
            if p != 0 {
                if v2 && relations == 0 {
                    if let Some(sign) = demand_on(after_actor, k, p) {
                        // "said Damascus must guarantee ...", "urged the government to ...":
                        // the actor presses the object; what is demanded rarely turns it.
                        product *= sign;
                        relations += 1;
                        parts.push(format!("demand{}", if p > 0 { "T" } else { "X" }));
                        break;
                    }
                }
                product *= p as i32;
                resolved += resolve(&mut pending, &mut product);
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
                    t.predicate_heads.contains(a) && b.is_some_and(|b| phrase(a, b).is_some())
                });
                if relations > 0 && !predicate_follows {
                    break;
                }
            }
        }
        k += 1;
    }
    // Relations still waiting for an object say which act, not toward whom: unsigned.
    for (_, stem, negated) in &pending {
        out.emit(format_args!(
            "q:v:{stem}{}",
            if *negated { "~" } else { "" }
        ));
    }
    // No feature when no cue is found: "q:none" fired in most neutral training sentences and in
    // over half of real stance-bearing ones, so the model had learnt "no cue = neutral".
    if relations == 0 || (v2 && relations == pending.len() && resolved == 0) {
        return "none";
    }
    let sign = if product > 0 { "pro" } else { "anti" };
    out.emit(format_args!("q:{sign}"));
    if negated_any {
        out.emit(format_args!("q:{sign}~"));
    }
    // The first three parts as a pattern ("condemn-|T") generalise across actors.
    out.emit(format_args!(
        "q:{}",
        parts.iter().take(3).cloned().collect::<Vec<_>>().join("|")
    ));
    sign
}

/// Reader 2: whether the object at `k` (of polarity `p`) has a demand made of it — an obligation
/// after it ("Damascus must ...", "the regime has to ...") or a demand verb before it and "to"
/// after it ("urged Damascus to ...") — and the sign that gives the actor's stance: against the
/// object, unless what is demanded is that it stay.
fn demand_on(units: &[CueUnit], k: usize, p: i8) -> Option<i32> {
    let t = tables();
    let text = |j: usize| units.get(j).map(|u| u.text);
    let obliged = (k + 1..k + 3).find(|&j| {
        text(j).is_some_and(|w| {
            t.obligations.contains(w)
                && (matches!(w, "must" | "should" | "ought") || text(j + 1) == Some("to"))
        })
    });
    let asked = text(k + 1) == Some("to")
        && (k.saturating_sub(2)..k).any(|j| text(j).is_some_and(|w| t.demands.contains(w)));
    let from = obliged.or(asked.then_some(k + 1))?;
    let stays =
        (from + 1..from + 4).any(|j| text(j).is_some_and(|w| matches!(w, "stay" | "remain")));
    // "was not asking Assad to step aside": a demand denied is none (the obligation itself,
    // "must not", is still a demand).
    let denied = asked && (k.saturating_sub(2)..k).any(|j| units[j].negated);
    let sign = if stays { p as i32 } else { -(p as i32) };
    Some(if denied { -sign } else { sign })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Analyzer, TextOptions};

    fn cues(clause: &str) -> Vec<String> {
        cues_by(clause, 1)
    }

    fn cues_by(clause: &str, reader: u8) -> Vec<String> {
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
        cue_features(&units, reader, &mut out);
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

    /// The sign reader 2 gives a clause: "pro", "anti" or "none".
    fn sign2(clause: &str) -> &'static str {
        let out = cues_by(clause, 2);
        if out.iter().any(|f| f == "q:pro") {
            "pro"
        } else if out.iter().any(|f| f == "q:anti") {
            "anti"
        } else {
            "none"
        }
    }

    #[test]
    fn reader_2_needs_an_object_for_acts() {
        // Reader 1 read any bombing as an act against the target.
        assert_eq!(cues("bombed Kurdish positions in Hasakah")[0], "q:anti");
        assert_eq!(sign2("bombed Kurdish positions in Hasakah"), "none");
        assert!(cues_by("bombed Kurdish positions in Hasakah", 2).contains(&"q:v:bomb".into()));
        assert_eq!(sign2("bombed __target__ positions in Hasakah"), "anti");
        assert_eq!(
            sign2("accused the West of encouraging the offensive"),
            "none"
        );
        assert_eq!(sign2("accused __target__ of gassing civilians"), "anti");
        assert_eq!(sign2("insisted the army was fighting terrorists"), "pro");
        assert_eq!(sign2("insisted the army was fighting civilians"), "none");
    }

    #[test]
    fn reader_2_reads_demands_made_of_the_target() {
        assert_eq!(sign2("said __target__ must guarantee the returns"), "anti");
        assert_eq!(sign2("said __target__ must stay"), "pro");
        assert_eq!(sign2("urged the government to release detainees"), "anti");
        assert_eq!(sign2("was not asking __target__ to step aside"), "pro");
        assert_eq!(sign2("said the rebels must lay down their arms"), "pro");
        // Reader 1 read the obligation's verb as the actor's act.
        assert_eq!(
            cues("said the regime must not attack the zones")[0],
            "q:pro"
        );
        assert_eq!(sign2("said the regime must not attack the zones"), "anti");
    }

    #[test]
    fn reader_2_reads_undoing_and_solidarity() {
        assert_eq!(sign2("lifted its sanctions on __target__"), "pro");
        assert_eq!(sign2("imposed sanctions on __target__"), "anti");
        assert_eq!(
            sign2("stood with __target__ in confronting terrorism"),
            "pro"
        );
        assert_eq!(sign2("stood against __target__ in the war"), "anti");
        assert!(cues("lifted its sanctions on __target__")[0] != "q:pro");
    }
}
