//! Named bodies outside the lexicon: monitors, factions and parties the text names in full.
//!
//! A war of fourteen years has hundreds of brigades, monitoring groups and parties, and news names
//! each one in full the first time: "the Syrian Network for Human Rights said", "the Sultan Murad
//! Division shelled", "the Levant Front, which fought". Such a name is a run of capitalised words
//! (with "for", "of", "the", "and" inside) that ends in the head noun of a body ("Network",
//! "Division", "Party"); the head says what kind of body it is. Like the people of
//! [`discover`](super::discover), the body joins the lexicon for the article, with no alignment,
//! so its stance can only come from the text; the reading rules then decide whether it acts.
//!
//! A state's own organs are not new bodies: "the Israeli Defense Forces" and "the Turkish Army"
//! are the state acting, so a military or assembly head with a state named inside is left to the
//! lexicon's state.

use super::discovery::{whole_words_after, Discovered, Tok};
use super::lexicon::{ActorKind, ActorLexicon};
use super::matcher::{Mention, MentionKind};

/// Head nouns of bodies, with the kind each makes, and whether a state named inside the name
/// makes it that state's organ instead ("Turkish Army", "Russian Duma Council").
const HEADS: &[(&str, ActorKind, bool)] = &[
    ("Network", ActorKind::Ngo, false),
    ("Observatory", ActorKind::Ngo, false),
    ("Foundation", ActorKind::Ngo, false),
    ("Institute", ActorKind::Ngo, false),
    ("Society", ActorKind::Ngo, false),
    ("Association", ActorKind::Ngo, false),
    ("Centre", ActorKind::Ngo, false),
    ("Center", ActorKind::Ngo, false),
    ("Initiative", ActorKind::Ngo, false),
    ("Brigade", ActorKind::ArmedGroup, false),
    ("Brigades", ActorKind::ArmedGroup, false),
    ("Battalion", ActorKind::ArmedGroup, false),
    ("Battalions", ActorKind::ArmedGroup, false),
    ("Legion", ActorKind::ArmedGroup, false),
    ("Front", ActorKind::ArmedGroup, false),
    ("Division", ActorKind::ArmedGroup, true),
    ("Regiment", ActorKind::ArmedGroup, true),
    ("Army", ActorKind::ArmedGroup, true),
    ("Forces", ActorKind::ArmedGroup, true),
    ("Guard", ActorKind::ArmedGroup, true),
    ("Guards", ActorKind::ArmedGroup, true),
    ("Corps", ActorKind::ArmedGroup, true),
    ("Party", ActorKind::PoliticalOrg, false),
    ("Movement", ActorKind::PoliticalOrg, false),
    ("Coalition", ActorKind::PoliticalOrg, false),
    ("Alliance", ActorKind::PoliticalOrg, false),
    ("Bloc", ActorKind::PoliticalOrg, false),
    ("Council", ActorKind::PoliticalOrg, true),
    ("Assembly", ActorKind::PoliticalOrg, true),
    ("Congress", ActorKind::PoliticalOrg, true),
    ("Committee", ActorKind::PoliticalOrg, true),
    ("Committees", ActorKind::PoliticalOrg, true),
];

/// Whether `w` is the head noun of a body's name ("Movement", "Front", "Council").
pub(super) fn is_body_head(w: &str) -> bool {
    HEADS.iter().any(|(h, _, _)| *h == w)
}

/// Lower-case words that may join the capitalised words of a body's name.
const JOINERS: &[&str] = &["for", "of", "the", "and", "al-", "in"];

/// Capitalised words that start a sentence or a phrase without naming anything ("The", "A").
const NOT_NAME_WORDS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "For", "Of", "And", "But", "By", "From", "With", "As",
    "After", "Before", "While", "When", "Its", "Their", "His", "Her", "This", "That", "These",
];

/// A body's name: 2-8 words, capitalised or joiners, ending at a head noun.
fn is_name_word(t: &Tok) -> bool {
    let w = t.text;
    let body = ["al-", "Al-"]
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .unwrap_or(w);
    body.chars().next().is_some_and(char::is_uppercase) && !NOT_NAME_WORDS.contains(&w)
}

/// Finds the bodies `text` names in full that the lexicon does not know, given its tokens (as
/// [`discover`](super::discover) made them for the people), the lexicon mentions and the people
/// already discovered (whose spans they must not overlap).
pub(super) fn discover_bodies(
    lexicon: &ActorLexicon,
    text: &str,
    toks: &[Tok],
    mentions: &[Mention],
    people: &[Discovered],
) -> Vec<Discovered> {
    let mut out: Vec<Discovered> = Vec::new();
    for (h, head) in toks.iter().enumerate() {
        let Some(&(_, kind, organ)) = HEADS.iter().find(|(w, _, _)| *w == head.text) else {
            continue;
        };
        // Walk back over the name: capitalised words and joiners, never starting on a joiner.
        // A lexicon name other than a demonym ends it ("Russia and the Levant Front"), and so
        // does "the" or "and the" unless "for the" or "of the" keeps it inside ("On Monday the
        // Levant Front", "Committee for the Defence of Rights").
        let demonym_or_free = |t: &Tok| {
            mentions
                .iter()
                .filter(|m| m.start < t.end && t.start < m.end)
                .all(|m| m.kind == MentionKind::Demonym)
        };
        let mut s = h;
        while s > 0 && h - s < 7 {
            let t = &toks[s - 1];
            let the_ends = t.text == "the" && !(s >= 2 && matches!(toks[s - 2].text, "for" | "of"));
            if the_ends || !demonym_or_free(t) {
                break;
            }
            if is_name_word(t) || JOINERS.contains(&t.text) {
                s -= 1;
            } else {
                break;
            }
        }
        while s < h && (JOINERS.contains(&toks[s].text) || !is_name_word(&toks[s])) {
            s += 1;
        }
        // What follows the head when it names the cause: "Network for Human Rights", "Front
        // for the Liberation of Syria". It ends on a capitalised word.
        let mut e = h + 1;
        let mut at = h + 1;
        while at < toks.len() && at - h < 8 {
            let t = &toks[at];
            // "... for the Liberation of Syria": a state may close the name.
            let state = mentions
                .iter()
                .find(|m| m.start == t.start && lexicon.actors[m.actor].kind == ActorKind::State);
            if let Some(m) = state.filter(|_| at > h + 1) {
                while at < toks.len() && toks[at].end <= m.end {
                    at += 1;
                }
                e = at;
                break;
            }
            if is_name_word(t) && demonym_or_free(t) {
                at += 1;
                e = at;
            } else if matches!(t.text, "for" | "of" | "the" | "and" | "in") && at > h {
                at += 1;
            } else {
                break;
            }
        }
        let (start, end) = (toks[s].start, toks[e - 1].end);
        // The lexicon knows it ("Free Syrian Army"): not new. A demonym inside is part of the
        // name ("Syrian Justice and Accountability Centre"), unless the head makes it a state's
        // own organ ("Israeli Defense Forces").
        let mut state_inside = false;
        let mut known = false;
        let closing_state = |m: &Mention| m.start > head.end;
        for m in mentions.iter().filter(|m| m.start < end && start < m.end) {
            let inside = m.start >= start && m.end <= end;
            if inside && (m.kind == MentionKind::Demonym || closing_state(m)) {
                state_inside = true;
            } else {
                known = true;
            }
        }
        let person = people
            .iter()
            .flat_map(|d| &d.spans)
            .any(|&(ps, pe)| ps < end && start < pe);
        if known || person || (organ && state_inside) {
            continue;
        }
        // The name's own words, besides demonyms and the head: "the Front" and "Syrian Army"
        // have none.
        let own_words = toks[s..e]
            .iter()
            .filter(|t| !std::ptr::eq(*t, head))
            .filter(|t| is_name_word(t))
            .filter(|t| {
                !mentions
                    .iter()
                    .any(|m| m.kind == MentionKind::Demonym && m.start <= t.start && t.end <= m.end)
            })
            .count();
        if own_words == 0 {
            continue;
        }
        // A name with two heads ("Levant Front Council") is found from each: one body, whose
        // kind is its last head's.
        if let Some(d) = out.iter_mut().find(|d| d.spans.contains(&(start, end))) {
            d.kind = kind;
            continue;
        }
        if out
            .iter()
            .flat_map(|d| &d.spans)
            .any(|&(bs, be)| bs < end && start < be)
        {
            continue;
        }
        let name = &text[start..end];
        if let Some(d) = out.iter_mut().find(|d| d.name == name) {
            d.spans.push((start, end));
            continue;
        }
        out.push(Discovered {
            name: name.to_string(),
            kind,
            affiliation: None,
            spans: vec![(start, end)],
            title: (start, start),
        });
    }
    // Its initials in brackets right after the first mention ("(SNHR)"), and where they recur.
    for d in &mut out {
        let first_end = d.spans[0].1;
        let rest = &text[first_end..];
        let Some(inner) = rest
            .strip_prefix(" (")
            .and_then(|r| r.split_once(')'))
            .map(|(a, _)| a)
        else {
            continue;
        };
        if inner.len() < 2 || !inner.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        d.spans.extend(whole_words_after(text, first_end, inner));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::discovery::tokens;
    use super::*;
    use crate::actors::{ActorLexicon, MentionMatcher};

    fn bodies(text: &str) -> Vec<(String, ActorKind, usize)> {
        let lex = ActorLexicon::builtin();
        let found = MentionMatcher::new(&lex).find(&lex, text, Some("2019-01-01"));
        discover_bodies(&lex, text, &tokens(text), &found, &[])
            .into_iter()
            .map(|d| (d.name, d.kind, d.spans.len()))
            .collect()
    }

    #[test]
    fn a_full_name_ending_in_a_body_noun_is_a_body_of_that_kind() {
        assert_eq!(
            bodies(
                "The Syrian Justice and Accountability Centre (SJAC) said the files were \
                 authentic. SJAC called for trials."
            ),
            [(
                "Syrian Justice and Accountability Centre".to_string(),
                ActorKind::Ngo,
                3
            )]
        );
        assert_eq!(
            bodies("The Sultan Murad Division shelled the town."),
            [(
                "Sultan Murad Division".to_string(),
                ActorKind::ArmedGroup,
                1
            )]
        );
        // Two heads in one name: one body, one mention.
        assert_eq!(
            bodies("The Levant Front Council met in Azaz."),
            [(
                "Levant Front Council".to_string(),
                ActorKind::PoliticalOrg,
                1
            )]
        );
    }

    #[test]
    fn a_states_own_organs_and_bare_heads_are_not_new_bodies() {
        // The twin of each case above: the same head, with no name of its own or a state's
        // organ.
        assert!(bodies("The Israeli Defense Forces said the strike hit a depot.").is_empty());
        assert!(bodies("The Turkish Army shelled the town.").is_empty());
        assert!(bodies("The Division shelled the town.").is_empty());
        assert!(bodies("The Centre said the files were authentic.").is_empty());
    }

    #[test]
    fn a_name_starts_after_the_words_that_lead_into_it() {
        let names = |t: &str| bodies(t).into_iter().map(|b| b.0).collect::<Vec<_>>();
        assert_eq!(
            names("On Monday the Levant Front said it would fight on."),
            ["Levant Front"]
        );
        assert_eq!(
            names("Russia and the Levant Front traded accusations."),
            ["Levant Front"]
        );
        assert_eq!(
            names("The National Front for the Liberation of Syria said 40 were freed."),
            ["National Front for the Liberation of Syria"]
        );
        assert_eq!(
            names("The Committee for the Defence of Prisoners said 40 were freed."),
            ["Committee for the Defence of Prisoners"]
        );
    }

    #[test]
    fn a_name_the_lexicon_knows_is_not_discovered_again() {
        assert!(bodies("The Free Syrian Army said it held the town.").is_empty());
        assert!(bodies("The Syrian Network for Human Rights said 200 people died.").is_empty());
        assert!(bodies("The Syrian Democratic Forces said they held the town.").is_empty());
    }
}
