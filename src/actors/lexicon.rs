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
    /// The stance target itself (and its own government and army).
    Target,
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
    /// Adjectives and nationality nouns ("Russian", "Iranians").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Seats of government used for the government ("Moscow said").
    #[serde(default)]
    pub capitals: Vec<String>,
    /// Dated office titles.
    #[serde(default)]
    pub titles: Vec<Title>,
}

/// The whole lexicon.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorLexicon {
    /// Schema version (1).
    pub version: u32,
    /// The canonical name of the stance target.
    pub target: String,
    /// Every actor.
    pub actors: Vec<Actor>,
}

impl ActorLexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Self {
        Self::from_json(BUILTIN_LEXICON, "built-in lexicon").expect("the built-in lexicon is valid")
    }

    /// Parses and checks a lexicon; `origin` names it in error messages.
    pub fn from_json(json: &str, origin: &str) -> Result<Self> {
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

    /// Reads a lexicon file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_json(&text, &path.display().to_string())
    }

    /// Adds the actors of `other`, replacing same-named ones (extending the built-in lexicon).
    pub fn extend(&mut self, other: ActorLexicon) {
        for a in other.actors {
            match self.actors.iter_mut().find(|b| b.name == a.name) {
                Some(b) => *b = a,
                None => self.actors.push(a),
            }
        }
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
    fn bad_lexicons_are_refused() {
        assert!(ActorLexicon::from_json(
            "{\"version\":2,\"target\":\"x\",\"actors\":[]}",
            "x.json"
        )
        .is_err());
        let dup = r#"{"version":1,"target":"x","actors":[{"name":"A","kind":"state"},{"name":"A","kind":"state"}]}"#;
        assert!(ActorLexicon::from_json(dup, "x.json")
            .unwrap_err()
            .to_string()
            .contains("twice"));
    }
}
