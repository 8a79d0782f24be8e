//! The actor lexicon: who can be named in the news, how, and whose side they belong to.
//!
//! The schema is documented in `models/ACTORS.md`; the built-in lexicon is `models/actors.json`,
//! embedded in the binary. Users pass their own with `--actors FILE`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The built-in lexicon (Syrian war actors, 2011-2024).
pub const BUILTIN_LEXICON: &str = include_str!("../../models/actors.json");

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ActorKind {
    State,
    Person,
    GovernmentBody,
    ArmedGroup,
    PoliticalOrg,
    InternationalBody,
    Ngo,
    Media,
}

/// The part an actor plays in stance reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A stance holder.
    #[default]
    Actor,
    /// A news outlet or monitor cited as a source; not a stance holder.
    Source,
    /// The stance target itself and its government.
    Target,
    /// On the target's own side (its army, its foreign ministry): a stance holder, but read as
    /// the target when another actor acts on it ("strikes on the Syrian army").
    Ally,
}

impl Role {
    /// Whether another actor's act on this one is an act on the target.
    pub fn is_target_side(self) -> bool {
        matches!(self, Role::Target | Role::Ally)
    }
}

/// An office title that names a person while the office is held.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Title {
    /// Surface forms, matched case-insensitively ("Russian president", "Russia's president").
    pub forms: Vec<String>,
    /// First day in office (YYYY-MM-DD), or `None` when unknown.
    #[serde(default)]
    pub from: Option<String>,
    /// Day the office ended (exclusive), or `None` while in office.
    #[serde(default)]
    pub to: Option<String>,
}

/// A period of an actor's known stance toward the target, from the public record of the war
/// ("Russia backed Assad throughout"; "the UAE reopened its embassy in December 2018").
///
/// It is prior knowledge, not a label: the model receives it as a feature beside the text and
/// learns from labelled sentences how far to trust it, so a partisan actor doing something
/// neutral ("Iran's foreign minister will travel to Geneva") can still come out neutral.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alignment {
    /// The stance label ("supports", "opposes", "neutral").
    pub stance: String,
    /// First day (YYYY-MM-DD), or `None` for open.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day, exclusive, or `None` for open.
    #[serde(default)]
    pub to: Option<String>,
}

/// The time a text can be placed in, for alignments: a day, a year, from a year on, or unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DateSpan {
    /// First day (YYYY-MM-DD), `None` for unbounded.
    from: Option<String>,
    /// Day after the last (exclusive), `None` for unbounded.
    to: Option<String>,
}

impl DateSpan {
    /// A date as given by an article or record: "YYYY-MM-DD" (longer forms are cut) is that day,
    /// "YYYY" that whole year; `None` is unknown.
    pub fn of(date: Option<&str>) -> Self {
        let Some(d) = date.map(str::trim) else {
            return DateSpan::default();
        };
        match d.parse::<u32>() {
            Ok(y) if d.len() == 4 => DateSpan {
                from: Some(format!("{y:04}-01-01")),
                to: Some(format!("{:04}-01-01", y + 1)),
            },
            _ => {
                let day: String = d.chars().take(10).collect();
                // "~" sorts after every digit: the span holds exactly `day`.
                DateSpan {
                    to: Some(format!("{day}~")),
                    from: Some(day),
                }
            }
        }
    }

    /// From the start of `year` on: a text that mentions 2018 was written in 2018 or later.
    pub fn since_year(year: u32) -> Self {
        DateSpan {
            from: Some(format!("{year:04}-01-01")),
            to: None,
        }
    }

    /// Whether the period `[from, to)` (open ends unbounded) holds over the whole of this span: a
    /// title's holder at a date, or throughout a year. An unknown span lies within no bounded
    /// period, so only a period open at both ends holds over it.
    pub fn within(&self, from: Option<&str>, to: Option<&str>) -> bool {
        let starts = match (from, self.from.as_deref()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(f), Some(s)) => f <= s,
        };
        // A day's span ends at "day~", which sorts before the next day and after the day itself,
        // so one comparison serves days and years.
        let ends = match (to, self.to.as_deref()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(t), Some(e)) => e <= t,
        };
        starts && ends
    }

    /// Whether the period `[from, to)` (open ends unbounded) meets this span.
    fn meets(&self, from: Option<&str>, to: Option<&str>) -> bool {
        let starts_before_end = match (from, self.to.as_deref()) {
            (Some(f), Some(t)) => f < t,
            _ => true,
        };
        let ends_after_start = match (to, self.from.as_deref()) {
            (Some(t), Some(f)) => f < t,
            _ => true,
        };
        starts_before_end && ends_after_start
    }
}

/// One actor of the lexicon.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// What it is.
    pub kind: ActorKind,
    /// The canonical name of the state or body it belongs to.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Stance holder, source or target.
    #[serde(default)]
    pub role: Role,
    /// "male" or "female" for persons (pronoun resolution).
    #[serde(default)]
    pub gender: Option<String>,
    /// Names, matched case-sensitively as whole words.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Common nouns that name a collective actor ("rebels", "the opposition", "demonstrators"),
    /// matched case-insensitively as whole words: news writes them lower-case mid-sentence and
    /// capitalised at its start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub common: Vec<String>,
    /// Adjectives and nationality nouns ("Russian", "Iranians").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Seats of government used for the government ("Moscow said").
    #[serde(default)]
    pub capitals: Vec<String>,
    /// Dated office titles.
    #[serde(default)]
    pub titles: Vec<Title>,
    /// Known stance toward the target, by period; persons without one take their
    /// affiliation's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignment: Vec<Alignment>,
    /// Not a lexicon entry: a person the article names with an office (see
    /// [`discover`](crate::actors::discover)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discovered: bool,
}

/// The whole lexicon.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorLexicon {
    /// Schema version (1).
    pub version: u32,
    /// The canonical name of the stance target.
    pub target: String,
    /// The day the target lost power (YYYY-MM-DD), if it has: Bashar al-Assad fled Damascus on
    /// 8 December 2024. From then on "Damascus" and "the government" name his successors, so a
    /// sentence takes a side on the target only when it names him (see
    /// [`ActorLexicon::names_fallen_target`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_until: Option<String>,
    /// Every actor.
    pub actors: Vec<Actor>,
}

/// Largest actor lexicon read. Real lexicons are kilobytes to a few megabytes; the limit keeps the
/// matcher's automaton (a few states per pattern byte, with case and spelling variants) far below
/// aho-corasick's state limit, so building it cannot fail on a lexicon that loaded.
pub const MAX_LEXICON_BYTES: usize = 64 << 20;

impl ActorLexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Self {
        Self::from_json(BUILTIN_LEXICON, "built-in lexicon").expect("the built-in lexicon is valid")
    }

    /// Parses and checks a lexicon; `origin` names it in error messages. Text over
    /// [`MAX_LEXICON_BYTES`] is refused.
    pub fn from_json(json: &str, origin: &str) -> Result<Self> {
        if json.len() > MAX_LEXICON_BYTES {
            return Err(Error::input(
                origin,
                0,
                format!(
                    "actor lexicon is over {} MiB; split it or raise the limit in the source",
                    MAX_LEXICON_BYTES >> 20
                ),
            ));
        }
        let lex: ActorLexicon = serde_json::from_str(json)
            .map_err(|e| Error::input(origin, e.line(), format!("invalid actor lexicon: {e}")))?;
        if lex.version != 1 {
            return Err(Error::input(
                origin,
                0,
                format!(
                    "actor lexicon version {} is not supported (expected 1)",
                    lex.version
                ),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for a in &lex.actors {
            if !seen.insert(a.name.as_str()) {
                return Err(Error::input(
                    origin,
                    0,
                    format!("actor \"{}\" is listed twice", a.name),
                ));
            }
        }
        // A day is compared as text with articles' dates, so it must be one: "2024-12-08".
        if let Some(until) = &lex.target_until {
            let day = crate::date::normalise(until).ok().filter(|d| d.len() == 10);
            if day.as_deref() != Some(until.as_str()) {
                return Err(Error::input(
                    origin,
                    0,
                    format!("target_until \"{until}\" is not a day written YYYY-MM-DD"),
                ));
            }
        }
        for a in &lex.actors {
            if let Some(aff) = &a.affiliation {
                if !seen.contains(aff.as_str()) {
                    return Err(Error::input(
                        origin,
                        0,
                        format!("actor \"{}\" is affiliated with unknown \"{aff}\"", a.name),
                    ));
                }
            }
        }
        Ok(lex)
    }

    /// Reads a lexicon file (at most [`MAX_LEXICON_BYTES`]).
    pub fn load(path: &Path) -> Result<Self> {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut text = String::new();
        // One byte past the limit tells an over-long file from one exactly at it.
        file.take(MAX_LEXICON_BYTES as u64 + 1)
            .read_to_string(&mut text)
            .map_err(|e| Error::io(path, e))?;
        Self::from_json(&text, &path.display().to_string())
    }

    /// Adds the actors of `other`, replacing same-named ones (extending the built-in lexicon).
    pub fn extend(&mut self, other: ActorLexicon) {
        if other.target_until.is_some() {
            self.target_until = other.target_until;
        }
        for a in other.actors {
            match self.actors.iter_mut().find(|b| b.name == a.name) {
                Some(b) => *b = a,
                None => self.actors.push(a),
            }
        }
    }

    /// This lexicon with the people an article names with an office appended, each affiliated
    /// with the body its title names; returns it and the index of the first one appended.
    pub fn with_discovered(&self, found: &[super::Discovered]) -> (ActorLexicon, usize) {
        let mut lex = self.clone();
        let base = lex.actors.len();
        for d in found {
            lex.actors.push(Actor {
                name: d.name.clone(),
                kind: d.kind,
                affiliation: d.affiliation.map(|a| self.actors[a].name.clone()),
                role: Role::Actor,
                gender: None,
                aliases: vec![d.name.clone()],
                common: Vec::new(),
                demonyms: Vec::new(),
                capitals: Vec::new(),
                titles: Vec::new(),
                alignment: Vec::new(),
                discovered: true,
            });
        }
        (lex, base)
    }

    /// Whether a text placed in `when` comes after the target lost power ([`Self::target_until`]).
    pub fn after_target_fell(&self, when: &DateSpan) -> bool {
        self.target_until
            .as_deref()
            .is_some_and(|until| when.within(Some(until), None))
    }

    /// Whether `sentence` names the fallen target himself, or the order he led as a thing of the
    /// past ("the former regime"): after his fall, only such a sentence can take a side on him.
    /// The target's names of four letters or more are matched as whole words, with case.
    pub fn names_fallen_target(&self, sentence: &str) -> bool {
        const PAST_ORDER: &[&str] = &[
            "former regime",
            "old regime",
            "ousted regime",
            "fallen regime",
            "toppled regime",
            "deposed regime",
            "former government",
            "ousted government",
            "ousted president",
            "deposed president",
            "ousted leader",
            "deposed leader",
        ];
        let lower = sentence.to_lowercase();
        if PAST_ORDER.iter().any(|p| lower.contains(p)) {
            return true;
        }
        let Some(t) = self.find(&self.target) else {
            return false;
        };
        let t = &self.actors[t];
        std::iter::once(&t.name)
            .chain(&t.aliases)
            .filter(|n| n.chars().count() >= 4)
            .any(|n| {
                super::discovery::whole_words_after(sentence, 0, n)
                    .next()
                    .is_some()
            })
    }

    /// The index of the actor with this canonical name.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.name == name)
    }

    /// The index of the actor with this canonical name or alias (case-insensitive fallback).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.find(name)
            .or_else(|| {
                self.actors
                    .iter()
                    .position(|a| a.aliases.iter().any(|x| x == name))
            })
            .or_else(|| {
                self.actors
                    .iter()
                    .position(|a| a.name.eq_ignore_ascii_case(name))
            })
    }

    /// The known stance of an actor toward the target over `when`: its own alignment, else its
    /// affiliation's, following affiliations up. When the periods that meet `when` disagree
    /// (the UAE in 2018, or any undated text about it), there is no prior: a wrong one would
    /// weigh against the text.
    pub fn prior(&self, mut idx: usize, when: &DateSpan) -> Option<&str> {
        if self.after_target_fell(when) {
            return None;
        }
        for _ in 0..8 {
            let a = &self.actors[idx];
            if !a.alignment.is_empty() {
                let mut stances = a
                    .alignment
                    .iter()
                    .filter(|p| when.meets(p.from.as_deref(), p.to.as_deref()))
                    .map(|p| p.stance.as_str());
                let first = stances.next()?;
                return stances.all(|s| s == first).then_some(first);
            }
            idx = self.find(a.affiliation.as_deref()?)?;
        }
        None
    }

    /// The state or body an actor rolls up to (following affiliations to the top).
    pub fn rollup(&self, mut idx: usize) -> usize {
        for _ in 0..8 {
            let a = &self.actors[idx];
            if a.kind == ActorKind::State {
                return idx;
            }
            match a.affiliation.as_deref().and_then(|n| self.find(n)) {
                Some(p) => idx = p,
                None => return idx,
            }
        }
        idx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads_and_rolls_up() {
        let lex = ActorLexicon::builtin();
        assert!(lex.actors.len() >= 150);
        let lavrov = lex.find("Sergei Lavrov").unwrap();
        assert_eq!(lex.actors[lex.rollup(lavrov)].name, "Russia");
        let soleimani = lex.find("Qassem Soleimani").unwrap();
        assert_eq!(lex.actors[lex.rollup(soleimani)].name, "Iran");
        assert_eq!(
            lex.actors[lex.find("Bashar al-Assad").unwrap()].role,
            Role::Target
        );
    }

    #[test]
    fn priors_follow_dates_and_affiliations() {
        let lex = ActorLexicon::builtin();
        let prior = |name: &str, date: Option<&str>| {
            lex.prior(lex.find(name).unwrap(), &DateSpan::of(date))
        };
        // The UAE reopened its embassy in Damascus on 2018-12-27.
        assert_eq!(
            prior("United Arab Emirates", Some("2015-03-01")),
            Some("opposes")
        );
        assert_eq!(
            prior("United Arab Emirates", Some("2019")),
            Some("supports")
        );
        assert_eq!(
            prior("United Arab Emirates", Some("2018-12-27")),
            Some("supports")
        );
        // A minister takes his state's; a defector his own, dated.
        assert_eq!(prior("Sergei Lavrov", None), Some("supports"));
        assert_eq!(prior("Riad Hijab", Some("2012-06-23")), Some("supports"));
        assert_eq!(prior("Riad Hijab", Some("2013-01-01")), Some("opposes"));
        // Undated, but the same side in every period (the gap between them does not count).
        assert_eq!(prior("Turkey", None), Some("opposes"));
        // Gaps and actors with no known side give nothing.
        assert_eq!(prior("Turkey", Some("2023-06-01")), None);
        assert_eq!(prior("Israel", Some("2018-05-10")), None);
        assert_eq!(prior("Syrian Observatory for Human Rights", None), None);
    }

    #[test]
    fn no_one_has_a_known_side_on_a_ruler_after_his_fall() {
        let lex = ActorLexicon::builtin();
        let prior = |name: &str, date: Option<&str>| {
            lex.prior(lex.find(name).unwrap(), &DateSpan::of(date))
        };
        // Assad fled on 2024-12-08: Turkey's and Russia's stored sides end there.
        assert_eq!(prior("Turkey", Some("2024-12-07")), Some("opposes"));
        assert_eq!(prior("Turkey", Some("2024-12-08")), None);
        assert_eq!(prior("Russia", Some("2024-12-07")), Some("supports"));
        assert_eq!(prior("Russia", Some("2025")), None);
        // The year of the fall as a whole is not after it.
        assert!(!lex.after_target_fell(&DateSpan::of(Some("2024"))));
        assert!(lex.after_target_fell(&DateSpan::since_year(2025)));
        // A lexicon whose target has not fallen keeps every side.
        let mut kept = lex.clone();
        kept.target_until = None;
        let turkey = kept.find("Turkey").unwrap();
        assert_eq!(
            kept.prior(turkey, &DateSpan::of(Some("2025"))),
            Some("opposes")
        );
    }

    #[test]
    fn after_the_fall_only_a_sentence_naming_the_ruler_takes_a_side() {
        let lex = ActorLexicon::builtin();
        assert!(!lex.names_fallen_target("Turkey said it would reopen its embassy in Damascus."));
        assert!(!lex.names_fallen_target("Qatar met the caretaker government."));
        assert!(lex.names_fallen_target("Russia said it had granted Assad asylum."));
        assert!(lex.names_fallen_target("Iran said the former regime had ignored its advice."));
        // Whole words only: a name inside another word is not his.
        assert!(!lex.names_fallen_target("Assadiya residents returned home."));
    }

    #[test]
    fn bad_lexicons_are_refused() {
        assert!(ActorLexicon::from_json(
            "{\"version\":2,\"target\":\"x\",\"actors\":[]}",
            "x.json"
        )
        .is_err());
        let until = r#"{"version":1,"target":"x","target_until":"Dec 2024","actors":[]}"#;
        assert!(ActorLexicon::from_json(until, "x.json")
            .unwrap_err()
            .to_string()
            .contains("target_until"));
        let until = r#"{"version":1,"target":"x","target_until":"2024-12-08","actors":[]}"#;
        assert!(ActorLexicon::from_json(until, "x.json").is_ok());
        let dup = r#"{"version":1,"target":"x","actors":[{"name":"A","kind":"state"},{"name":"A","kind":"state"}]}"#;
        assert!(ActorLexicon::from_json(dup, "x.json")
            .unwrap_err()
            .to_string()
            .contains("twice"));
    }
}
