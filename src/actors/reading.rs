//! How a mention is read: as an agent (someone who says or does something), or as a place, a
//! venue, a descriptor or a credit, which name a country or body without making it an actor of
//! the article.
//!
//! News names countries far more often as places than as agents ("pilgrims travelling from Saudi
//! Arabia", "the village of Mashghara, Lebanon", "JERUSALEM, Israel —", "the Iran nuclear deal"),
//! and a country reported as an actor there then gets a stance from nowhere. The rules read the
//! words around the mention; no parser is needed for these fixed constructions, and none of the
//! crates for English parsing runs without a model download, so they are written here.
//!
//! Its length: one table of readings (agent, place, venue, descriptor, dateline, credit, patient),
//! each with the word lists that decide it; split by reading, the lists would be shared anyway.

use serde::Serialize;

use super::lexicon::{ActorKind, ActorLexicon};
use super::matcher::{Mention, MentionKind};

/// How one mention reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reading {
    /// Says or does something, owns an act ("Iran's decision"), is a passive agent, or is one
    /// of a list of agents: an actor of the article.
    Agent,
    /// A location ("in Lebanon", "from Saudi Arabia", "near the Turkish border").
    Place,
    /// The dateline of a wire story ("JERUSALEM, Israel —").
    Dateline,
    /// A modifier of something else ("the Iran nuclear deal", "a former al-Qaeda commander",
    /// "Russian-made jets").
    Descriptor,
    /// A photo or text credit ("UN Photo").
    Credit,
    /// A collective named as what others act on ("arming the rebels"), not as acting.
    Patient,
}

impl Reading {
    /// Whether the mention makes its actor an actor of the article.
    pub fn is_agent(self) -> bool {
        self == Reading::Agent
    }
}

/// Words before a name that make it a place.
const PLACE_BEFORE: &[&str] = &[
    "in",
    "into",
    "inside",
    "near",
    "to",
    "from",
    "toward",
    "towards",
    "across",
    "via",
    "through",
    "within",
    "outside",
    "around",
    "throughout",
    "bordering",
    "neighbouring",
    "neighboring",
    "visit",
    "visited",
    "visiting",
    "entered",
    "crossed",
    "reached",
    "between",
    "at",
];

/// Nouns for people or acts that, before "from", make the name a member's or a voter's side:
/// "ministers from China", "votes from Russia", "pressure from Washington"; the matcher's guard
/// for capitals reads the same list.
pub(super) const MEMBERS_FROM: &[&str] = &[
    "ministers",
    "minister",
    "officials",
    "official",
    "lawmakers",
    "delegation",
    "delegations",
    "delegates",
    "observers",
    "envoys",
    "envoy",
    "diplomats",
    "diplomat",
    "votes",
    "vote",
    "troops",
    "forces",
    "inspectors",
    "experts",
    "representatives",
    "leaders",
    "counterparts",
    "counterpart",
    "support",
    "backing",
    "pressure",
    "objections",
    "criticism",
    "condemnation",
    "statements",
    "statement",
    "warnings",
    "opposition",
    "offers",
    "aid",
    "commitment",
    "commitments",
    "pledge",
    "pledges",
    "assurance",
    "assurances",
    "guarantee",
    "guarantees",
    "request",
    "requests",
    "proposal",
    "proposals",
    "demand",
    "demands",
    "promise",
    "promises",
    "threats",
    "invitation",
    "approval",
    "funding",
];

/// Words right after a name that make it a modifier of the noun they start.
const DESCRIBED_NOUNS: &[&str] = &[
    "nuclear",
    "deal",
    "war",
    "wars",
    "crisis",
    "conflict",
    "file",
    "summit",
    "border",
    "borders",
    "frontier",
    "embassy",
    "consulate",
    "airspace",
    "territory",
    "soil",
    "coast",
    "province",
    "invasion",
    "intervention",
    "campaign",
    "model",
    "scenario",
    "playbook",
    "experience",
    "commander",
    "commanders",
    "member",
    "members",
    "militant",
    "militants",
    "operative",
    "operatives",
    "affiliate",
    "affiliates",
    "branch",
    "franchise",
    "veteran",
    "veterans",
    "defector",
    "captive",
    "prisoner",
    "prisoners",
    "hostage",
    "hostages",
    "citizens",
    "nationals",
    "passport",
    "refugees",
    "camp",
    "camps",
    "photo",
    "Photo",
    "format",
];

/// Nouns for a group's people: after its name they speak for it ("Free Syrian Army commanders
/// said"), unless the person is introduced as one of them ("a former al-Qaeda commander").
/// Nouns after a body's name for its people: with a person named after them the person is the
/// actor and the body is part of the title ("U.N. ambassador Mark Lyall Grant", "EU foreign
/// policy chief Josep Borrell"); alone they are the body acting ("UN observers said").
const BODY_PEOPLE: &[&str] = &[
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "official",
    "officials",
    "chief",
    "foreign",
    "member",
    "members",
    "inspectors",
    "observers",
    "monitors",
    "peacekeepers",
    "secretary",
    "secretary-general",
    "representative",
    "commander",
    "commanders",
    "mediator",
    "negotiator",
    "negotiators",
    "coordinator",
    "adviser",
    "advisor",
];

/// Nouns for a body's own decision: "in the Arab League vote" is the League voting, not a forum.
/// Not "resolution": "in Security Council resolution 2254" cites a text as a reference.
const BODY_ACTS: &[&str] = &[
    "vote",
    "votes",
    "decision",
    "decisions",
    "ruling",
    "suspension",
    "ban",
];

/// Nouns after a body's name that make it a label of a thing ("Islamic State positions").
const LABELLED: &[&str] = &[
    "targets",
    "target",
    "positions",
    "cell",
    "cells",
    "auspices",
    "mandate",
    "headquarters",
    "charter",
    "list",
    "flag",
    "flags",
    "logo",
];

const GROUP_PEOPLE: &[&str] = &[
    "commander",
    "commanders",
    "member",
    "members",
    "militant",
    "militants",
    "operative",
    "operatives",
    "fighters",
    "veteran",
    "veterans",
];

/// Meeting nouns: an international body's name before one is a venue ("at the G8 summit").
const VENUE_NOUNS: &[&str] = &[
    "summit",
    "meeting",
    "conference",
    "session",
    "talks",
    "forum",
];

/// Compounds after a name that make it a place or origin ("Russian-made", "Britain-based").
const ORIGIN_SUFFIXES: &[&str] = &[
    "-made",
    "-built",
    "-designed",
    "-born",
    "-educated",
    "-based",
    "-bound",
    "-language",
    "-style",
    "-led",
    "-aligned",
    "-allied",
    "-linked",
    "-affiliated",
    "-leaning",
];

/// Nouns that make a demonym a place ("the Saudi and Qatari embassies", "the Kazakh capital").
const DEMONYM_PLACES: &[&str] = &[
    "embassy",
    "embassies",
    "consulate",
    "border",
    "frontier",
    "capital",
    "territory",
    "soil",
    "airspace",
    "coast",
    "villages",
    "village",
    "towns",
    "town",
    "side",
    "province",
    "city",
    "cities",
    "banks",
    "Kurdistan",
    "group",
    "militia",
    "movement",
    "party",
    "businessmen",
];

/// People a nationality describes without making them its state's agents ("a Swedish
/// scientist", "the American journalist Austin Tice").
const PRIVATE_PEOPLE: &[&str] = &[
    "reporter",
    "reporters",
    "journalist",
    "journalists",
    "photographer",
    "photographers",
    "scientist",
    "scientists",
    "professor",
    "academic",
    "doctor",
    "doctors",
    "student",
    "students",
    "tourist",
    "tourists",
    "businessman",
    "businessmen",
    "businesswoman",
    "engineer",
    "engineers",
    "teacher",
    "writer",
    "author",
    "filmmaker",
    "nurse",
    "nurses",
    "woman",
    "women",
    "man",
    "men",
    "pilgrims",
    "worker",
    "workers",
    "exporters",
    "importers",
    "traders",
    "merchants",
    "farmers",
    "drivers",
    "truckers",
    "investors",
];

/// Firms and media a nationality describes: "Lebanese banks", "an interview with a Russian
/// television channel" names where he spoke. ("Russian state television" is the state's voice:
/// its noun is "state".)
const PRIVATE_BODIES: &[&str] = &[
    "companies",
    "firms",
    "banks",
    "television",
    "channel",
    "newspaper",
    "daily",
    "radio",
    "website",
    "magazine",
];

/// Groups a nationality describes ("Lebanese militant groups"): unnamed, so not the state.
const UNNAMED_GROUPS: &[&str] = &["groups", "militias", "factions", "gangs", "cells"];

/// Adjectives between a nationality and the group it describes ("Lebanese militant groups").
const GROUP_ADJECTIVES: &[&str] = &[
    "militant",
    "armed",
    "Shiite",
    "Shi'ite",
    "Shi’ite",
    "Sunni",
    "Shia",
    "Islamist",
    "jihadist",
    "paramilitary",
    "proxy",
    "allied",
];

/// Nouns after "of" that make the next name a place ("large parts of Syria and Iraq").
const PLACE_OF: &[&str] = &[
    "parts",
    "part",
    "areas",
    "area",
    "village",
    "town",
    "city",
    "north",
    "south",
    "east",
    "west",
    "suburbs",
    "outskirts",
    "province",
    "region",
    "swathes",
    "regions",
    "capital",
    "territory",
    "border",
    "borders",
    "coast",
    "interior",
];

/// Verbs and prepositions after which a state is what others act on, not an actor ("urged
/// Turkey to", "defend Turkey", "trade with Iran and Russia").
const PATIENT_BEFORE: &[&str] = &[
    "with",
    "against",
    "defend",
    "defended",
    "attack",
    "attacked",
    "urged",
    "urge",
    "pressed",
    "press",
    "warned",
    "told",
    "invited",
    "informed",
    "blamed",
    "accused",
    "sanctioned",
    "punish",
    "isolate",
    "isolated",
    "for",
    "on",
    "over",
    "onto",
    "upon",
];

/// Words before a collective noun that leave it the subject of what follows: the start of a
/// sentence or clause, a reporting verb, a conjunction, a passive "by".
const SUBJECT_BEFORE: &[&str] = &[
    "and",
    "or",
    "while",
    "but",
    "as",
    "said",
    "says",
    "say",
    "that",
    "when",
    "after",
    "before",
    "by",
    "where",
    "whereas",
    "although",
    "though",
    "because",
    "since",
    "until",
    "if",
    "then",
    "meanwhile",
    "also",
    "other",
    "many",
    "some",
    "several",
    "most",
    "both",
    "allied",
    "local",
    "two",
    "three",
    "four",
    "five",
    "dozens",
    "hundreds",
    "thousands",
    "of",
    "among",
    "whose",
    "which",
    "who",
];

/// A capitalised adjective of a people or nation ("Kurdish", "Syrian", "Lebanese", "Iraqi"): before
/// a group's name ("the Kurdish PYD") it describes the group, and is not the start of a longer
/// name.
fn is_people_adjective(w: &str) -> bool {
    w.len() > 4
        && (["ish", "ian", "ese"].iter().any(|s| w.ends_with(s))
            || (w.ends_with('i') && !w.ends_with("ii")))
}

/// Whether the word before `at` starts a sentence (so its capital says nothing).
fn starts_sentence(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    let word_start = head.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    let before = head[..word_start].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '"', '\u{201D}', '—', ':'])
}

/// Verbs that, right after a collective noun, make it the subject.
const SUBJECT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "met",
    "took",
    "seized",
    "fought",
    "fled",
    "refused",
    "rejected",
    "accepted",
    "agreed",
    "demanded",
    "vowed",
    "threatened",
    "warned",
    "accused",
    "denied",
    "claimed",
    "launched",
    "captured",
    "attacked",
    "shelled",
    "held",
    "hold",
    "insisted",
    "called",
    "urged",
    "walked",
    "left",
    "arrived",
    "announced",
    "welcomed",
];

/// People of a group before "of": "officers of the Revolutionary Guard", "volunteers of Liwa
/// Fatemiyoun" are the group acting.
const MEMBERS_OF: &[&str] = &[
    "officers",
    "officer",
    "volunteers",
    "fighters",
    "members",
    "units",
    "militiamen",
    "troops",
    "commanders",
    "leaders",
    "spokesman",
    "spokeswoman",
    "envoy",
    "envoys",
    "delegation",
    "delegates",
    "negotiators",
    "head",
    "chief",
    "general",
    "generals",
    "colonel",
    "official",
    "officials",
    "soldiers",
];

/// Verbs after which a group is what others act on ("blacklist the Nusra Front", "victory over
/// Islamic State").
const GROUP_PATIENT: &[&str] = &[
    "blacklist",
    "blacklisted",
    "designate",
    "designated",
    "ban",
    "banned",
    "bombed",
    "struck",
    "hit",
    "fighting",
    "fight",
    "defeat",
    "defeated",
    "targeting",
    "targeted",
    "crush",
    "crushed",
    "outlaw",
    "outlawed",
    "over",
    "than",
    "exclude",
    "excludes",
    "excluded",
    "excluding",
    "expel",
    "expels",
    "expelled",
    "killing",
    "killed",
    "wounding",
    "wounded",
    "lead",
    "leads",
    "command",
    "commands",
    "together",
];

/// Words before a person (past their title) that make them a victim or an addressee.
const PERSON_PATIENT: &[&str] = &[
    "killing",
    "killed",
    "kill",
    "assassinated",
    "assassinating",
    "wounded",
    "wounding",
    "informed",
    "informing",
    "mourned",
    "mourning",
    "buried",
    "burying",
    "honoured",
    "honored",
    "eliminated",
    "targeted",
    "targeting",
    "arrested",
    "detained",
    "executed",
    "poster",
    "portrait",
    "portraits",
    "posters",
    "beside",
    "showing",
    "alongside",
    "to",
    "briefed",
    "briefing",
    "thanked",
    "thanking",
    "congratulated",
    "congratulating",
    "told",
    "telling",
    "summoned",
    "elected",
    "appointed",
    "named",
    "nominated",
];

/// Verbs of choosing in `PERSON_PATIENT`: "elected Moaz al-Khatib" names who was chosen, but
/// "the newly elected President" is a title of someone who may act.
const CHOSEN: &[&str] = &["elected", "appointed", "named", "nominated"];

/// Nouns before "of" that make the person after it a relation of someone else.
const RELATIONS_OF: &[&str] = &[
    "cousin",
    "brother",
    "son",
    "daughter",
    "wife",
    "widow",
    "father",
    "mother",
    "nephew",
    "uncle",
    "brother-in-law",
    "son-in-law",
    "successor",
    "predecessor",
    "funeral",
    "death",
    "killing",
    "assassination",
    "portrait",
    "poster",
    "picture",
    "photo",
];

/// Lower-case words of titles before a name.
const LOWER_TITLE_WORDS: &[&str] = &[
    "the",
    "late",
    "former",
    "jailed",
    "imprisoned",
    "exiled",
    "slain",
    "militant",
    "leader",
    "commander",
    "chief",
    "minister",
    "general",
    "senior",
    "top",
    "deputy",
    "defence",
    "defense",
    "foreign",
    "interior",
    "prime",
    "president",
    "envoy",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "counterpart",
    "his",
    "her",
    "their",
    "its",
];

/// Whether the person's own predicate says they were killed, wounded or taken ("Hassan Turkmani,
/// a former defence minister, later died of his wounds"): a victim holds no stance.
fn dies_or_is_taken(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let sentence = &rest[..rest.find(['.', ';', '!', '?']).unwrap_or(rest.len())];
    // Skip an appositive set off by commas: "Hamedani, 65, a veteran of the war, was killed".
    // Appositives can come in a row ("Hamedani, 65, a veteran of the war, was"): after one is
    // skipped, a piece that starts like another (a number, an article) and ends in a comma is
    // skipped too.
    let mut clause = sentence.trim_start();
    let mut skipped = false;
    loop {
        let another = skipped
            && (clause.starts_with(|c: char| c.is_ascii_digit())
                || ["a ", "an ", "the "].iter().any(|d| clause.starts_with(d)));
        let after = match clause.strip_prefix(',') {
            Some(after) => after,
            None if another && clause.contains(',') => clause,
            None => break,
        };
        clause = match after.find(',') {
            Some(i) => after[i + 1..].trim_start(),
            None => after.trim_start(),
        };
        skipped = true;
    }
    let words: Vec<&str> = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let fate = |w: &str| {
        matches!(
            w,
            "killed"
                | "wounded"
                | "assassinated"
                | "arrested"
                | "executed"
                | "detained"
                | "kidnapped"
                | "abducted"
                | "captured"
                | "died"
                | "dies"
                | "injured"
        )
    };
    // "was rumoured to have been wounded", "was reported to have died".
    let hedged = matches!(words.first(), Some(&("was" | "were" | "is")))
        && clause
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(7)
            .any(fate);
    if hedged {
        return true;
    }
    // Passives that describe or place the person rather than report an act of theirs ("was
    // regarded as an architect of", "has been chosen for the post").
    let described = |w: &str| {
        fate(w)
            || matches!(
                w,
                "chosen"
                    | "appointed"
                    | "named"
                    | "nominated"
                    | "regarded"
                    | "considered"
                    | "described"
                    | "remembered"
                    | "replaced"
                    | "dismissed"
                    | "sacked"
            )
    };
    match words.as_slice() {
        [w, ..] if fate(w) => true,
        ["later" | "reportedly", w, ..] if fate(w) => true,
        ["was" | "were" | "is", w, ..] if described(w) => true,
        ["had" | "has", w, ..] if fate(w) => true,
        ["was" | "had" | "has", "been", w, ..] if described(w) => true,
        _ => false,
    }
}

/// Where the title before a person's name starts, looking back from `i`: capitalised words, "'s",
/// and the title words of news ("Defence Minister", "the jailed militant leader").
fn past_title(words: &[&str], mut i: usize) -> usize {
    while i > 0 {
        let w = words[i - 1];
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        // Arabic names' particles are lower case inside a name ("Suheil al-Hassan").
        let particle = w.starts_with("al-") || w.starts_with("el-") || matches!(w, "bin" | "ibn");
        if capital || particle || w.ends_with("'s") || LOWER_TITLE_WORDS.contains(&w) {
            i -= 1;
        } else {
            break;
        }
    }
    i
}

/// Acts whose objects, listed after "including" or "among them", are victims or targets.
const TARGETING: &[&str] = &[
    "blacklisting",
    "blacklisted",
    "sanctioning",
    "sanctioned",
    "designating",
    "designated",
    "targeting",
    "targeted",
    "killing",
    "killed",
    "wounding",
    "wounded",
    "arresting",
    "arrested",
    "detaining",
    "detained",
];

/// Whether the list a name closes ("..., including X") was opened by an act on targets in the
/// same sentence, a few words back.
fn list_of_targets(text: &str, at: usize) -> bool {
    let head = &text[..at];
    let sentence_start = head.rfind(['.', ';', '!', '?']).map_or(0, |i| i + 1);
    words_before(&text[sentence_start..], at - sentence_start)
        .iter()
        .rev()
        .take(10)
        .any(|w| TARGETING.contains(&w.to_lowercase().as_str()))
}

/// Whether the name at `at` follows a comma that ends its own title ("Syria's envoy to the United
/// Nations, Bashar Jaafari"), and that title is what a victim or an addressee verb governs
/// ("informed", "killing").
fn addressed_by_title(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    let Some(head) = head.strip_suffix(',') else {
        return false;
    };
    if head.ends_with([',', '.', ';', ':']) {
        return false;
    }
    let words = words_before(head, head.len());
    // Back over the title with its prepositions ("envoy to the United Nations", "minister of
    // defence"), which must hold a title noun.
    let mut i = words.len();
    let mut titled = false;
    while i > 0 {
        let w = words[i - 1];
        let lower = w.to_lowercase();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let title_word = LOWER_TITLE_WORDS.contains(&lower.as_str())
            && !matches!(lower.as_str(), "the" | "his" | "her" | "their" | "its");
        if capital
            || w.ends_with("'s")
            || title_word
            || matches!(
                lower.as_str(),
                "the" | "to" | "of" | "for" | "at" | "his" | "her" | "their" | "its"
            )
        {
            titled |= title_word;
            i -= 1;
        } else {
            break;
        }
    }
    if !titled || i == 0 {
        return false;
    }
    // The words are slices of `head`, so their offsets give the gap between the verb and the
    // title, which must be spaces only ("killing. Syria's envoy" is two sentences).
    let offset = |w: &str| w.as_ptr() as usize - head.as_ptr() as usize;
    let verb = words[i - 1];
    let gap = &head[offset(verb) + verb.len()..offset(words[i])];
    let verb = verb.to_lowercase();
    gap.trim().is_empty() && PERSON_PATIENT.contains(&verb.as_str()) && verb != "to"
}

/// Nouns for someone's people: after a person's possessive they name another person, who is the
/// one acting ("described as Zawahiri's deputy", "Putin's spokesman said").
const PEOPLE_OF_A_PERSON: &[&str] = &[
    "deputy",
    "deputies",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "brother",
    "son",
    "daughter",
    "wife",
    "widow",
    "cousin",
    "father",
    "mother",
    "uncle",
    "nephew",
    "successor",
    "predecessor",
    "lieutenant",
    "lieutenants",
    "bodyguard",
    "bodyguards",
    "lawyer",
    "lawyers",
];

/// Whether a person's name, as a possessive, only says whose relation or aide someone else is
/// ("Zawahiri's deputy", "Assad's top aide"): the person does nothing there.
fn names_someone_of_theirs(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..]
        .strip_prefix("'s")
        .or_else(|| text[end..].strip_prefix("’s"))
    else {
        return false;
    };
    let mut words = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty());
    let mut w = words.next();
    // One modifier may come first: "Assad's younger brother", "Putin's top aide".
    if w.is_some_and(|w| {
        matches!(
            w,
            "top" | "chief" | "senior" | "former" | "new" | "younger" | "elder" | "older" | "own"
        )
    }) {
        w = words.next();
    }
    w.is_some_and(|w| PEOPLE_OF_A_PERSON.contains(&w))
}

/// Whether the name at `at`, after its title and a comma, closes a list of victims opened by a
/// killing earlier in the clause: "killing about 20 civilians and a local Red Crescent official,
/// Omar Barakat". The title is the last item of the list (after "and"), and nothing but words
/// stands between the act and the name's comma.
fn listed_victim_by_title(text: &str, at: usize) -> bool {
    let Some(head) = text[..at].trim_end().strip_suffix(',') else {
        return false;
    };
    let clause_start = head
        .rfind([',', '.', ';', ':', '!', '?'])
        .map_or(0, |i| i + 1);
    let clause: Vec<String> = head[clause_start..]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let Some(act) = clause.iter().position(|w| TARGETING.contains(&w.as_str())) else {
        return false;
    };
    // "and" then an article opens the last item: "and a local ... official".
    clause[act + 1..]
        .windows(2)
        .any(|p| p[0] == "and" && matches!(p[1].as_str(), "a" | "an" | "the" | "his" | "its"))
}

/// How a person's mention reads: the first lower-case word before the name and its title
/// decides (see `PERSON_PATIENT` and `RELATIONS_OF`).
fn read_person(text: &str, m: &Mention) -> Reading {
    let words = words_before(text, m.start);
    let i = past_title(&words, words.len());
    if dies_or_is_taken(text, m.end) {
        return Reading::Patient;
    }
    if names_someone_of_theirs(text, m.end) {
        return Reading::Descriptor;
    }
    let Some(prev) = i.checked_sub(1).map(|k| words[k].to_lowercase()) else {
        return Reading::Agent;
    };
    // "Also killed was Abu Mahdi al-Muhandis", "Among the dead was Brig. Gen. Zahedi": the
    // subject after its verb is who was killed (titles with full stops in between).
    let lead = i.checked_sub(2).map(|k| words[k].to_lowercase());
    if matches!(prev.as_str(), "was" | "were")
        && lead.as_deref().is_some_and(|w| {
            matches!(
                w,
                "killed" | "dead" | "wounded" | "injured" | "arrested" | "detained" | "captured"
            )
        })
    {
        return Reading::Patient;
    }
    // Only when nothing but spaces and the title stand between: a comma or a full stop ends it.
    let gap_start = text[..m.start]
        .rfind(words[i - 1])
        .map_or(m.start, |p| p + words[i - 1].len());
    if text[gap_start..m.start].contains([',', '.', ';', ':']) {
        // Unless the comma only sets the name after its title: "informed Syria's envoy to the
        // United Nations, Bashar Jaafari" names the addressee.
        if addressed_by_title(text, m.start) || listed_victim_by_title(text, m.start) {
            return Reading::Patient;
        }
        return Reading::Agent;
    }
    // "killing Defence Minister Dawoud Rajha and Assef Shawkat": the second of two people
    // joined by "and" shares the first one's fate.
    if prev == "and" {
        let j = past_title(&words, i - 1);
        let before_first = j.checked_sub(1).map(|k| words[k].to_lowercase());
        if j < i - 1
            && before_first
                .as_deref()
                .is_some_and(|w| PERSON_PATIENT.contains(&w) && w != "to")
        {
            return Reading::Patient;
        }
    }
    // "blacklisting 39 people and entities, including Asma al-Assad", "killing seven members of
    // the Guards, among them General Zahedi": a member of a list of victims or targets.
    let listed = prev == "including"
        || (prev == "them" && i >= 2 && words[i - 2].eq_ignore_ascii_case("among"))
        || (prev == "as" && i >= 2 && words[i - 2].eq_ignore_ascii_case("such"));
    if listed && list_of_targets(text, m.start) {
        return Reading::Patient;
    }
    // "wrote to EU foreign policy chief Josep Borrell" is an addressee; "according to" names a
    // source and "forces loyal to" a commander.
    // "Delegates elected Moaz al-Khatib" names who was chosen; "the newly elected President
    // Rouhani said" is a title, and a title between verb and name makes it one too.
    let chosen_as_title = CHOSEN.contains(&prev.as_str())
        && (i < words.len()
            || lead.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "newly" | "recently" | "democratically" | "popularly" | "the" | "a" | "an"
                )
            }));
    if PERSON_PATIENT.contains(&prev.as_str())
        && !chosen_as_title
        && !(prev == "to"
            && lead.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "according" | "loyal" | "close" | "allied" | "linked" | "tied" | "answering"
                )
            }))
    {
        return Reading::Patient;
    }
    if prev == "of" && lead.as_deref().is_some_and(|w| RELATIONS_OF.contains(&w)) {
        return Reading::Descriptor;
    }
    Reading::Agent
}

/// The words before `at`, within the last few hundred bytes: the rules look a few words back,
/// and a whole-prefix scan per mention would make long articles quadratic. The first word of the
/// window may be cut, so it is dropped unless the window starts the text.
fn words_before(text: &str, at: usize) -> Vec<&str> {
    let mut from = at.saturating_sub(320);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut words: Vec<&str> = text[from..at]
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if from > 0 && !words.is_empty() {
        words.remove(0);
    }
    words
}

/// Where `w`, a slice of `text` (as `words_before` returns them), starts in it.
fn offset_in(text: &str, w: &str) -> usize {
    w.as_ptr() as usize - text.as_ptr() as usize
}

/// The first word at or after `at` (letters, digits and hyphens), skipping what stands between.
pub(crate) fn next_word(text: &str, at: usize) -> Option<&str> {
    text[at..]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .find(|w| !w.is_empty())
}

/// What stands right before `at`, skipping spaces: a punctuation mark or the start of a word.
fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].trim_end().chars().next_back()
}

/// Whether the mention sits in the dateline at the head of a wire story: the text (or a line of
/// it) starts with a city in capitals, then a comma, and the mention comes before the dash or the
/// agency's name that ends the dateline.
fn in_dateline(text: &str, m: &Mention) -> bool {
    // Only the last 61 bytes can hold a dateline's head: looking further back for the line start
    // would make every mention of a long unbroken text cost its length.
    let mut lo = m.start.saturating_sub(61);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let line_start = match text[lo..m.start].rfind('\n') {
        Some(i) => lo + i + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let head = &text[line_start..m.start];
    if head.len() > 60 || !head.contains(',') {
        return false;
    }
    // Past the dash that ends the dateline the story has begun: "AMMAN, May 1 (Reuters) -
    // Foreign ministers of Jordan, Saudi Arabia ..." names the ministers' states, not the place.
    if ['—', '–'].iter().any(|&d| head.contains(d)) || head.contains(" - ") || head.contains("--")
    {
        return false;
    }
    let first = head.split(',').next().unwrap_or("").trim();
    let caps = !first.is_empty()
        && first
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'');
    if !caps {
        return false;
    }
    let rest = text[m.end..].trim_start();
    rest.starts_with('—')
        || rest.starts_with('–')
        || rest.starts_with("- ")
        || rest.starts_with("--")
        || rest.starts_with('(')
        || rest.starts_with(',')
        || rest.starts_with(':')
}

/// Whether the mention is the place a dateline starts with, written in ordinary case: "Beirut,
/// SANA-", "Damascus, Aug 3 (Reuters) -". It opens its line, and after its comma a few words,
/// each capitalised, a number or bracketed, run into a dash.
fn heads_dateline(text: &str, m: &Mention) -> bool {
    // Only the spaces right before it are read: a scan back to the line start would make every
    // mention of a long unbroken text cost its length.
    let before = text[..m.start].trim_end_matches([' ', '\t', '\r']);
    if !(before.is_empty() || before.ends_with('\n')) {
        return false;
    }
    let Some(rest) = text[m.end..].strip_prefix(',') else {
        return false;
    };
    let cut = (0..=rest.len().min(40))
        .rev()
        .find(|&i| rest.is_char_boundary(i))
        .unwrap_or(0);
    let window = &rest[..cut];
    let Some(dash) = window.find(['-', '–', '—']) else {
        return false;
    };
    let words: Vec<&str> = window[..dash].split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '('))
}

/// Where the words before `at` end, leaving out a "the" right before it ("to the UN").
fn skip_article(text: &str, at: usize) -> usize {
    let head = text[..at].trim_end();
    let n = head.len();
    let is_the = n >= 3
        && head
            .get(n - 3..)
            .is_some_and(|t| t.eq_ignore_ascii_case("the"))
        && !head[..n - 3]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    if is_the {
        n - 3
    } else {
        at
    }
}

/// Whether a person's name follows within the title that starts at `at`: up to six title words,
/// then two capitalised words ("ambassador, Mark Lyall Grant", "foreign policy chief Josep
/// Borrell", "spokesman Col. Steve Warren").
fn names_a_person_next(text: &str, at: usize) -> bool {
    let words: Vec<&str> = text[at..]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(9)
        .collect();
    let cap = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    };
    (0..words.len().saturating_sub(1)).any(|i| {
        cap(words[i])
            && cap(words[i + 1].trim_end_matches(['.', ',']))
            && !words[i].ends_with('.')
            && words[..i].iter().all(|w| !w.ends_with('.') || w.len() <= 4)
    })
}

/// Sites and stores that strikes hit: a state or group named right before one owns what is hit
/// and does nothing there ("struck Iranian military sites", "hit Iranian positions", "Hezbollah
/// weapons depots").
const STRUCK: &[&str] = &[
    "sites",
    "site",
    "positions",
    "bases",
    "facilities",
    "facility",
    "installations",
    "depots",
    "depot",
    "warehouses",
    "warehouse",
    "headquarters",
    "targets",
    "outposts",
    "convoy",
    "convoys",
    "compound",
    "assets",
    "infrastructure",
];

/// Words that may stand between the owner and the site ("Iranian military sites", "Hezbollah
/// weapons depots", "Iranian air defence positions").
const STRUCK_MODIFIERS: &[&str] = &[
    "military",
    "army",
    "air",
    "naval",
    "weapons",
    "arms",
    "missile",
    "rocket",
    "drone",
    "defence",
    "defense",
    "radar",
    "supply",
    "command",
    "intelligence",
    "storage",
];

/// Whether the words after a mention ending at `end` are a site it owns (see [`STRUCK`]).
fn owns_what_is_struck(text: &str, end: usize) -> bool {
    if text[end..].starts_with(['\'', '’', '-']) {
        return false;
    }
    let words = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4);
    for w in words {
        if STRUCK.contains(&w) {
            return true;
        }
        if !STRUCK_MODIFIERS.contains(&w) {
            return false;
        }
    }
    false
}

/// Whether a collective noun ending in "opposition" is the adjective of a body named right after
/// it: "the opposition Syrian National Coalition said", "the opposition High Negotiations
/// Committee". The body acts there, and the generic opposition is not a second actor. Two
/// capitalised words must follow with nothing between them, neither a day, a month nor a
/// sentence opener ("Kerry met the opposition Monday. The talks ...").
fn names_a_body_next(text: &str, m: &Mention) -> bool {
    let surface = &text.as_bytes()[m.start..m.end];
    let tail = surface.len().saturating_sub("opposition".len());
    if !surface[tail..].eq_ignore_ascii_case(b"opposition") {
        return false;
    }
    let Some(rest) = text[m.end..].strip_prefix(' ') else {
        return false;
    };
    let mut words = rest.split(' ');
    let cap = |w: Option<&str>| {
        w.is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                // That list also holds "Syrian", which starts most of these bodies' names.
                && (!super::names::NOT_NAMES.contains(&w) || w.starts_with("Syria"))
        })
    };
    // The first word runs on into the second: no punctuation between them.
    let first = words
        .next()
        .filter(|w| w.chars().all(char::is_alphanumeric));
    cap(first)
        && cap(words
            .next()
            .map(|w| w.trim_end_matches([',', '.', ';', ':'])))
}

/// Words that end an appositive's noun phrase and start something else: a passive agent, a
/// clause, a preposition of place or time, a verb.
const NOT_APPOSITIVE: &[&str] = &[
    "by",
    "and",
    "or",
    "but",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "said",
    "says",
    "told",
    "while",
    "with",
    "to",
    "as",
    "for",
    "in",
    "on",
    "at",
    "from",
    "after",
    "before",
    "when",
    "where",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "backed",
    "supported",
    "led",
    "including",
    "against",
];

/// Nouns for a person's role after a body's name inside an appositive ("Zahran Alloush, the
/// Jaish al-Islam founder"), besides `BODY_PEOPLE` and `GROUP_PEOPLE`.
const ROLE_NOUNS: &[&str] = &["founder", "co-founder", "leader", "head", "chief", "boss"];

/// Whether `m` stands in apposition to the mention that ends at `head_end`: a comma, then a noun
/// phrase of lower-case words ("The Syrian National Council, the main opposition bloc", "Maher
/// al-Assad, commander of the elite Fourth Division", "Qassem Soleimani, the late Quds Force
/// chief"). A list ("Russia, the United States and France") is not one: a name needs a
/// describing word before it or a role noun after it, and a title or common noun must not go on
/// into "and" or "or".
fn in_apposition(text: &str, head_end: usize, m: &Mention) -> bool {
    let Some(gap) = text[head_end..m.start].strip_prefix(',') else {
        return false;
    };
    if gap.contains(|c: char| {
        !(c.is_alphanumeric() || c.is_whitespace() || matches!(c, '-' | '\'' | '’'))
    }) {
        return false;
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    if words.len() > 5
        || words.iter().any(|w| {
            !w.chars().next().is_some_and(char::is_lowercase) || NOT_APPOSITIVE.contains(w)
        })
    {
        return false;
    }
    let describing = words
        .iter()
        .any(|w| !matches!(*w, "the" | "a" | "an" | "its" | "his" | "her" | "their"));
    let next = next_word(text, m.end);
    match m.kind {
        // "the Nusra Front, the hardline Ahrar al-Sham and several smaller factions": a name
        // that goes on into "and" is the next item of a list.
        MentionKind::Name if next.is_some_and(|w| matches!(w, "and" | "or")) => false,
        MentionKind::Name => {
            describing
                || !words.is_empty()
                    && next.is_some_and(|w| {
                        ROLE_NOUNS.contains(&w)
                            || BODY_PEOPLE.contains(&w)
                            || GROUP_PEOPLE.contains(&w)
                    })
        }
        MentionKind::Title | MentionKind::Common | MentionKind::Demonym => {
            describing || !next.is_some_and(|w| matches!(w, "and" | "or"))
        }
        MentionKind::Capital | MentionKind::Pronoun => false,
    }
}

/// How each of `mentions` (sorted by start) reads in `text`: [`read_mention`], then appositives.
/// A title or noun phrase set after a name by a comma describes that name: for the same actor it
/// reads as the name does ("Qassem Soleimani, the late Quds Force chief" after "alongside" is
/// not an agent either), for another actor it is a descriptor ("Maher al-Assad, commander of the
/// elite Fourth Division" does not make the division an actor). A person's own name is never an
/// appositive: "Syria's envoy, Bashar Jaafari" names him.
pub fn read_mentions(lexicon: &ActorLexicon, text: &str, mentions: &[Mention]) -> Vec<Reading> {
    let mut readings: Vec<Reading> = mentions
        .iter()
        .map(|m| read_mention(lexicon, text, m))
        .collect();
    for (m, reading) in mentions.iter().zip(readings.iter_mut()) {
        // Not for people: what a person's relative clause says ("who served as foreign
        // minister") describes the victim or the addressee more often than it reports an act.
        let person = lexicon.actors[m.actor].kind == ActorKind::Person;
        if !person && *reading == Reading::Patient && acts_in_relative_clause(text, m.end) {
            *reading = Reading::Agent;
        }
    }
    for k in 1..mentions.len() {
        let m = &mentions[k];
        let own_name =
            m.kind == MentionKind::Name && lexicon.actors[m.actor].kind == ActorKind::Person;
        if own_name || m.kind == MentionKind::Pronoun {
            continue;
        }
        // The head is the closest mention before, ending before this one starts.
        let Some(h) = (0..k).rev().find(|&h| mentions[h].end <= m.start) else {
            continue;
        };
        let gap = &text[mentions[h].end..m.start];
        if readings[k] == Reading::Place
            && readings[h] != Reading::Place
            && gap.trim() == ","
            && lexicon.actors[m.actor].kind == ActorKind::State
            && lexicon.actors[mentions[h].actor].kind == ActorKind::State
            && mentions[h].kind == MentionKind::Name
        {
            // "ministers of Jordan, Saudi Arabia and Egypt met": a state after a state is the
            // next item of a list, not the country of a town ("Mashghara, Lebanon").
            readings[k] = readings[h];
        } else if in_apposition(text, mentions[h].end, m) {
            readings[k] = if mentions[h].actor == m.actor {
                readings[h]
            } else {
                Reading::Descriptor
            };
        } else if readings[h] != Reading::Agent
            && readings[k] == Reading::Agent
            && mentions[h].actor == m.actor
            && possessor_of(text, mentions[h].end, m)
        {
            // "linked to the Syrian army's Fourth Division": the possessor's place in the
            // sentence is its phrase's.
            readings[k] = readings[h];
        } else if (readings[h] == Reading::Patient
            || (readings[h] == Reading::Place && lexicon.actors[m.actor].kind == ActorKind::State))
            && readings[k] == Reading::Agent
            && next_in_list(text, mentions[h].end, m)
        {
            // "attacks on Islamic State, al-Qaida or the Nusra Front", "brings together the
            // Brotherhood, the Local Coordination Committees ...": the later items of a list
            // share what is done to the first; "fled to Jordan, Lebanon and Turkey": and where
            // the first is.
            readings[k] = readings[h];
        }
    }
    for k in 1..mentions.len() {
        let (h, m) = (&mentions[k - 1], &mentions[k]);
        if h.end > m.start || h.actor == m.actor || m.kind != MentionKind::Name {
            continue;
        }
        if names_the_next(lexicon, text, h, m) {
            readings[k - 1] = Reading::Descriptor;
        }
    }
    readings
}

/// Whether mention `h` only qualifies the name `m` right after it: a nationality before a named
/// group ("the Lebanese militant Hezbollah group", "Iraqi Kataib Hezbollah"), or the side of an
/// ally ("NATO ally Turkey", "U.S. ally Saudi Arabia"). The named one acts; the first does not.
fn names_the_next(lexicon: &ActorLexicon, text: &str, h: &Mention, m: &Mention) -> bool {
    let gap = &text[h.end..m.start];
    if !gap.starts_with([' ', '\'', '’']) {
        return false;
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    let group = lexicon.actors[m.actor].kind != ActorKind::State;
    if h.kind == MentionKind::Demonym && group && gap.starts_with(' ') {
        return words.iter().all(|w| GROUP_ADJECTIVES.contains(w));
    }
    let ally = |w: &str| matches!(w, "ally" | "allies" | "partner" | "member");
    matches!(h.kind, MentionKind::Name | MentionKind::Demonym)
        && match words.as_slice() {
            [w] => ally(w),
            ["'s" | "’s", w] => ally(w),
            _ => false,
        }
}

/// Whether a relative clause of its own follows a mention and makes it act: "channels to the
/// rebels who seized Damascus", "urged Hezbollah, which fought alongside the army". A passive or
/// a state ("who had been shelled", "which is based in Idlib") says what others did to it.
fn acts_in_relative_clause(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    let words: Vec<&str> = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let [rel, verb, ..] = words.as_slice() else {
        return false;
    };
    if !matches!(*rel, "who" | "which") {
        return false;
    }
    // An auxiliary of a passive or a copula, possibly after "had" or "have": not an act.
    let passive_or_state = |w: &str| {
        matches!(
            w,
            "was" | "were" | "is" | "are" | "be" | "been" | "being" | "am"
        )
    };
    let verb = verb.to_lowercase();
    // What befell it is not an act of its own ("soldiers who died in the blast").
    let fate = matches!(
        verb.as_str(),
        "died" | "fled" | "survived" | "remained" | "lived" | "stayed" | "suffered" | "disappeared"
    );
    if fate || passive_or_state(&verb) {
        return false;
    }
    if matches!(
        verb.as_str(),
        "had" | "has" | "have" | "would" | "will" | "could"
    ) {
        return !words.get(2).is_some_and(|w| passive_or_state(w));
    }
    verb.ends_with("ed")
        || verb.ends_with('s')
        || SUBJECT_VERBS.contains(&verb.as_str())
        || matches!(
            verb.as_str(),
            "fought" | "seized" | "took" | "led" | "held" | "won" | "backed" | "helped" | "sent"
        )
}

/// Whether the mention ending at `head_end` is the possessor of `m`: "'s", then at most two
/// lower-case modifiers ("the Syrian army's elite Fourth Division").
fn possessor_of(text: &str, head_end: usize, m: &Mention) -> bool {
    let gap = &text[head_end..m.start];
    let Some(rest) = gap.strip_prefix("'s").or_else(|| gap.strip_prefix("’s")) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    words.len() <= 2
        && rest.starts_with(char::is_whitespace)
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
}

/// Whether `m` is the next item of a list after the mention ending at `head_end`: only a comma,
/// "and" or "or" (and an article) between, and no verb of its own right after it ("blamed Russia,
/// and Iran said" is a new clause).
fn next_in_list(text: &str, head_end: usize, m: &Mention) -> bool {
    let gap = &text[head_end..m.start];
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let joined = gap.trim().is_empty()
        || gap.trim() == ","
        || matches!(
            words.as_slice(),
            ["and" | "or"] | ["and" | "or", "the"] | ["the"]
        );
    if !joined || gap.contains(['.', ';', ':', '(', ')']) || text[m.end..].starts_with("'s") {
        return false;
    }
    let next = next_word(text, m.end).unwrap_or("");
    !(SUBJECT_VERBS.contains(&next) || (next.len() > 4 && next.ends_with("ed")))
}

/// Whether the words after a name are a passive of telling or inviting ("had been told", "was
/// not invited", "were informed") or of a victim's fate ("had been killed").
fn addressed_in_passive(text: &str, end: usize) -> bool {
    let words: Vec<&str> = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let told = |w: &str| {
        matches!(
            w,
            "told" | "informed" | "notified" | "briefed" | "invited" | "uninvited" | "disinvited"
        )
    };
    // Victims too, when the verb follows the name itself ("dozens of soldiers and pro-government
    // militiamen had been killed"); after a comma the subject is a longer phrase ("contractors
    // working for the Wagner Group, were killed").
    let fate = |w: &str| {
        !text[end..].trim_start().starts_with(',')
            && matches!(
                w,
                "killed"
                    | "wounded"
                    | "injured"
                    | "captured"
                    | "detained"
                    | "executed"
                    | "kidnapped"
                    | "abducted"
            )
    };
    let told = |w: &str| told(w) || fate(w);
    match words.as_slice() {
        ["was" | "were" | "is" | "are", w, ..] if told(w) => true,
        ["was" | "were" | "is" | "are", "not", w, ..] if told(w) => true,
        ["had" | "has" | "have", "been", w, ..] if told(w) => true,
        ["had" | "has" | "have", "not", "been", w, ..] if told(w) => true,
        _ => false,
    }
}

/// Gerunds whose object a collective after them is ("arming the rebels", "backing the opposition").
const GERUND_OBJECT: &[&str] = &[
    "arming",
    "backing",
    "supporting",
    "funding",
    "financing",
    "training",
    "equipping",
    "helping",
    "aiding",
    "fighting",
    "attacking",
    "targeting",
    "bombing",
    "shelling",
    "recognising",
    "recognizing",
    "excluding",
    "sheltering",
    "protecting",
    "besieging",
];

/// Determiners and quantities inside a short noun phrase ("an army", "the government", "dozens").
const NP_WORDS: &[&str] = &[
    "a", "an", "the", "its", "his", "her", "their", "some", "several", "many", "two", "three",
];

/// Whether a verb of speech follows within the clause that starts at `end` (at most eight
/// words, no punctuation between): "a Free Syrian Army commander in Hama said".
fn speaks_in_clause(text: &str, end: usize) -> bool {
    let clause = text[end..]
        .split([',', '.', ';', ':', '(', '"', '\u{201C}'])
        .next()
        .unwrap_or("");
    clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .any(|w| {
            matches!(
                w,
                "said"
                    | "says"
                    | "told"
                    | "tells"
                    | "added"
                    | "warned"
                    | "claimed"
                    | "vowed"
                    | "insisted"
                    | "stated"
                    | "denied"
                    | "confirmed"
            )
        })
}

/// The lower-case word before the capitalised words and articles that end at `at` ("hosts" in
/// "hosts the Syrian opposition"), with only spaces between; none when they start the sentence
/// ("A Syrian opposition spokesman said").
fn word_before_capitalised(text: &str, at: usize) -> Option<String> {
    let words = words_before(text, at);
    let mut i = words.len();
    while i > 0 {
        let w = words[i - 1];
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if !(capital || matches!(w, "a" | "an" | "the")) {
            break;
        }
        if starts_sentence(text, offset_in(text, w) + w.len()) {
            return None;
        }
        i -= 1;
    }
    let w = *words.get(i.checked_sub(1)?)?;
    let gap = &text[offset_in(text, w) + w.len()..offset_in(text, words[i])];
    gap.trim().is_empty().then(|| w.to_lowercase())
}

/// For a collective after "of", "and" or "or" at `at` ("an army of defectors", "the government
/// and the opposition"): the lower-case word before the short noun phrase that comes first, which
/// governs both. None when that phrase is a name or starts a sentence or clause.
fn governing_word(text: &str, at: usize) -> Option<String> {
    let words = words_before(text, at);
    let n = words.len();
    // words[n - 1] is the link; words[n - 2] the head noun of the phrase before.
    if n < 3 {
        return None;
    }
    let head = words[n - 2];
    let link_gap = &text[offset_in(text, head) + head.len()..offset_in(text, words[n - 1])];
    if !head.chars().next().is_some_and(char::is_lowercase) || !link_gap.trim().is_empty() {
        return None;
    }
    let mut i = n - 2;
    while i > 0 && NP_WORDS.contains(&words[i - 1].to_lowercase().as_str()) {
        i -= 1;
    }
    if i == 0 {
        return None;
    }
    let w = words[i - 1];
    // Punctuation between the governing word and the phrase starts something else.
    let gap = &text[offset_in(text, w) + w.len()..offset_in(text, words[i])];
    (gap.trim().is_empty() && w.chars().next().is_some_and(char::is_lowercase))
        .then(|| w.to_lowercase())
}

/// The word before a phrase's article, possessor and modifiers ending at `at` ("commands the
/// army's elite"), when there is at least one possessor or modifier: the verb that governs the
/// phrase.
fn verb_before_modifiers(text: &str, at: usize) -> Option<String> {
    let words = words_before(text, at);
    let modifier = |w: &str| {
        (w.ends_with("'s") && w.chars().next().is_some_and(char::is_lowercase))
            || matches!(
                w,
                "elite" | "feared" | "notorious" | "powerful" | "main" | "special" | "armoured"
            )
    };
    let mut i = words.len();
    let mut modified = false;
    while i > 0 && (modifier(words[i - 1]) || matches!(words[i - 1], "the" | "a" | "an")) {
        modified |= modifier(words[i - 1]);
        i -= 1;
    }
    (modified && i > 0).then(|| words[i - 1].to_lowercase())
}

/// The word before a number of people ending at `at` ("killing several", "killed more than 20"),
/// when there is a number: the verb that governs them.
fn verb_before_a_number(text: &str, at: usize) -> Option<String> {
    let words = words_before(text, at);
    let number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit() || c == ',')
            || matches!(
                w,
                "several"
                    | "many"
                    | "some"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "scores"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "at"
                    | "least"
                    | "about"
                    | "more"
                    | "than"
                    | "of"
            )
    };
    let mut i = words.len();
    while i > 0 && number(&words[i - 1].to_lowercase()) {
        i -= 1;
    }
    (i < words.len() && i > 0).then(|| words[i - 1].to_lowercase())
}

/// How `m` reads in `text`.
pub fn read_mention(lexicon: &ActorLexicon, text: &str, m: &Mention) -> Reading {
    let actor = &lexicon.actors[m.actor];
    if m.kind == MentionKind::Pronoun {
        return Reading::Agent;
    }
    if ORIGIN_SUFFIXES.iter().any(|s| text[m.end..].starts_with(s)) {
        return Reading::Descriptor;
    }
    // "the Turkish-held towns of Azaz and al-Bab", "Israeli-occupied Golan": where something
    // happens, not what the holder does there.
    if ["-held", "-controlled", "-occupied"]
        .iter()
        .any(|s| text[m.end..].starts_with(s))
    {
        return Reading::Place;
    }
    // People are named as agents, unless the words before make them a victim or an addressee
    // ("killing Defence Minister Dawoud Rajha", "informed Syria's envoy, Bashar Jaafari") or a
    // relation of someone else ("a cousin of Zahran Alloush"); the rules further down are for
    // the names of places and bodies.
    // "who served as Syria's foreign minister", "known as the Quds Force chief": a title after
    // "as" says what someone was, and reports no act of the holder.
    if m.kind == MentionKind::Title
        && words_before(text, m.start)
            .last()
            .is_some_and(|w| w.eq_ignore_ascii_case("as"))
        && char_before(text, m.start).is_some_and(char::is_alphanumeric)
    {
        return Reading::Descriptor;
    }
    if actor.kind == ActorKind::Person {
        return read_person(text, m);
    }
    if m.kind == MentionKind::Common && names_a_body_next(text, m) {
        return Reading::Descriptor;
    }
    if m.kind != MentionKind::Common && owns_what_is_struck(text, m.end) {
        return Reading::Patient;
    }
    if in_dateline(text, m) || heads_dateline(text, m) {
        return Reading::Dateline;
    }
    let next = next_word(text, m.end);
    let after = text[m.end..].chars().next();
    if next.is_some_and(|w| w == "Photo" || w == "photo" || w == "Photos")
        && !text[m.end..].starts_with("'s")
    {
        return Reading::Credit;
    }
    let possessive = text[m.end..].starts_with("'s") || text[m.end..].starts_with("’s");
    // "Al-Qaida's Syrian affiliate said": the group names its affiliate, which is the one acting.
    if possessive && actor.kind != ActorKind::State {
        let after: Vec<&str> = text[m.end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip(1)
            .take(3)
            .collect();
        let affiliate = |w: &&str| {
            matches!(
                *w,
                "affiliate" | "affiliates" | "branch" | "offshoot" | "franchise" | "wing"
            )
        };
        if after.iter().any(affiliate) {
            return Reading::Descriptor;
        }
    }
    let before = words_before(text, m.start);
    let prev = before.last().map(|w| w.to_lowercase());
    let punct_before = char_before(text, m.start).filter(|c| !c.is_alphanumeric());
    let prev_is_word = punct_before.is_none();
    let prev = prev.filter(|_| prev_is_word);
    // "the Iran nuclear deal", "a former al-Qaeda commander": a name used as a modifier. Only
    // for names (not demonyms, which are modifiers by nature and are read by the state's acts).
    if matches!(m.kind, MentionKind::Name | MentionKind::Common)
        && !possessive
        && after == Some(' ')
        && next.is_some_and(|w| DESCRIBED_NOUNS.contains(&w))
    {
        // "a former al-Qaeda commander" is who someone was; "a Free Syrian Army commander in
        // Hama said" speaks for the group, as "rebel commanders said" does.
        let introduced = match prev.as_deref() {
            Some("former" | "ex") => true,
            Some("a" | "an" | "one" | "another") => !speaks_in_clause(text, m.end),
            _ => false,
        };
        if !next.is_some_and(|w| GROUP_PEOPLE.contains(&w)) || introduced {
            return Reading::Descriptor;
        }
    }
    if m.kind == MentionKind::Demonym {
        // An apostrophe inside a word keeps it whole ("Shi'ite").
        let ahead: Vec<&str> = text[m.end..]
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .map(|w| w.trim_matches(['\'', '’']))
            .filter(|w| !w.is_empty())
            .take(3)
            .collect();
        let conjoined = ahead.first() == Some(&"and");
        let noun = if conjoined {
            ahead.get(2)
        } else {
            ahead.first()
        };
        if noun.is_some_and(|w| DEMONYM_PLACES.contains(w)) {
            return Reading::Place;
        }
        let counterparts = noun.is_some_and(|w| *w == "counterpart" || *w == "counterparts");
        // "a Swedish scientist", "American reporter Marie Colvin", "Lebanese militant groups",
        // "pro-Iranian groups": the nationality or leaning of someone else, not the state acting.
        let (first, second) = (ahead.first().copied(), ahead.get(1).copied());
        let noun = match first {
            Some(w) if GROUP_ADJECTIVES.contains(&w) => second,
            w => w,
        };
        let leaning = ["pro-", "anti-"].iter().any(|p| {
            let b = text.as_bytes();
            m.start >= p.len() && b[m.start - p.len()..m.start].eq_ignore_ascii_case(p.as_bytes())
        });
        if leaning
            || noun.is_some_and(|w| {
                PRIVATE_PEOPLE.contains(&w)
                    || PRIVATE_BODIES.contains(&w)
                    || UNNAMED_GROUPS.contains(&w)
            })
        {
            return Reading::Descriptor;
        }
        // "his Russian and Turkish counterparts, Sergei Lavrov and Mevlut Cavusoglu": the
        // people named next act, and the demonyms only say whose they are. Unnamed ("met his
        // Russian counterpart") the demonym stands for the person and stays an agent.
        if counterparts {
            let after_noun = text[m.end..]
                .find("counterpart")
                .map(|p| m.end + p + "counterpart".len());
            let at = after_noun.map(|p| p + usize::from(text[p..].starts_with('s')));
            if at.is_some_and(|p| names_a_person_next(text, p)) {
                return Reading::Descriptor;
            }
        }
    }
    if m.kind == MentionKind::Name
        && actor.kind != ActorKind::State
        && !possessive
        && after == Some(' ')
    {
        if next.is_some_and(|w| LABELLED.contains(&w)) {
            return Reading::Descriptor;
        }
        if next.is_some_and(|w| BODY_PEOPLE.contains(&w)) && names_a_person_next(text, m.end) {
            return Reading::Descriptor;
        }
    }
    // "the U.S. National Security Council", "Iran's Supreme National Security Council": the
    // name is the end of a longer one.
    if m.kind == MentionKind::Name
        && actor.kind != ActorKind::State
        && char_before(text, m.start).is_some_and(char::is_alphanumeric)
        && text[..m.start].ends_with(' ')
        && words_before(text, m.start).last().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && *w != "The"
                && !w.contains('-')
                && !is_people_adjective(w)
        })
        && !starts_sentence(text, m.start)
    {
        return Reading::Descriptor;
    }
    let prev_skipping_the = {
        let at = skip_article(text, m.start);
        char_before(text, at)
            .filter(|c| c.is_alphanumeric())
            .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()))
    };
    let lead = {
        let at = skip_article(text, m.start);
        let w = words_before(text, at);
        w.len().checked_sub(2).map(|i| w[i].to_lowercase())
    };
    // "a seat in the Arab League", "talks at the United Nations" name a forum; "abstained in the
    // Arab League vote" names the body's own act, which the body takes.
    if actor.kind == ActorKind::InternationalBody
        && !possessive
        && matches!(prev_skipping_the.as_deref(), Some("in" | "at" | "inside"))
        && !next.is_some_and(|w| BODY_ACTS.contains(&w))
    {
        return Reading::Place;
    }
    // "smugglers linked to pro-Iranian groups", "networks linked to the Syrian army's Fourth
    // Division": what something is tied to describes it, and reports no act of the body.
    if matches!(prev_skipping_the.as_deref(), Some("to" | "with"))
        && lead.as_deref().is_some_and(|w| {
            matches!(
                w,
                "linked" | "tied" | "aligned" | "affiliated" | "connected" | "allied" | "loyal"
            )
        })
    {
        return Reading::Descriptor;
    }
    // "who commands the army's elite Fourth Division": the possessive names what the verb
    // governs.
    if possessive
        && prev_skipping_the.as_deref().is_some_and(|w| {
            matches!(
                w,
                "command"
                    | "commands"
                    | "commanded"
                    | "lead"
                    | "leads"
                    | "led"
                    | "heads"
                    | "headed"
            )
        })
    {
        return Reading::Patient;
    }
    // "urged the Arab League", "called on the U.N. Security Council to act": the addressee of
    // someone else's appeal. (Whom an envoy "told" or "briefed" is left an agent: a council
    // briefed in session is a forum that acts.)
    let addressed = prev_skipping_the.as_deref().is_some_and(|w| {
        matches!(
            w,
            "informed" | "urged" | "urging" | "asked" | "pressed" | "warned" | "thanked"
        )
    }) || (prev_skipping_the.as_deref() == Some("on")
        && lead
            .as_deref()
            .is_some_and(|w| matches!(w, "called" | "calling" | "call" | "calls")));
    if addressed && !possessive {
        return Reading::Patient;
    }
    let group = matches!(
        actor.kind,
        ActorKind::ArmedGroup | ActorKind::PoliticalOrg | ActorKind::Ngo
    );
    // "an offshoot of al-Qaeda", "a senior figure in Jaish al-Islam": a group that describes
    // someone else; "fighters of the Islamic State" are the group acting.
    if group && !possessive && m.kind == MentionKind::Name {
        // "Mohammed Alloush of Jaish al-Islam": a named member speaks for the group.
        let named_lead = {
            let at = skip_article(text, m.start);
            let w = words_before(text, at);
            w.len()
                .checked_sub(2)
                .is_some_and(|i| w[i].chars().next().is_some_and(char::is_uppercase))
        };
        let people_lead = named_lead
            || lead.as_deref().is_some_and(|w| {
                MEMBERS_FROM.contains(&w) || GROUP_PEOPLE.contains(&w) || MEMBERS_OF.contains(&w)
            });
        match prev_skipping_the.as_deref() {
            Some("of") if !people_lead => return Reading::Descriptor,
            Some("in") => return Reading::Descriptor,
            _ => {}
        }
        // "A spokesman for the Syrian Democratic Forces, speaking by phone": its person speaks.
        let spoken_for = prev_skipping_the.as_deref() == Some("for")
            && lead
                .as_deref()
                .is_some_and(|w| BODY_PEOPLE.contains(&w) || MEMBERS_OF.contains(&w));
        if !spoken_for
            && prev_skipping_the
                .as_deref()
                .is_some_and(|w| PATIENT_BEFORE.contains(&w) || GROUP_PATIENT.contains(&w))
        {
            return Reading::Patient;
        }
        // "who commands the army's elite Fourth Division": the verb before the phrase governs it.
        if verb_before_modifiers(text, m.start).is_some_and(|w| {
            GROUP_PATIENT.contains(&w.as_str()) && !matches!(w.as_str(), "than" | "over")
        }) {
            return Reading::Patient;
        }
        // "killing several Syrian soldiers", "killed more than 20 Hezbollah fighters": a number
        // of the group's people is what the act is done to.
        if verb_before_a_number(text, skip_article(text, m.start)).is_some_and(|w| {
            GROUP_PATIENT.contains(&w.as_str()) && !matches!(w.as_str(), "than" | "over")
        }) {
            return Reading::Patient;
        }
    }
    // The meeting noun may be part of the name the lexicon matched ("the G8 summit").
    let own_last = text[m.start..m.end]
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    let meeting = next.is_some_and(|w| VENUE_NOUNS.contains(&w))
        || own_last
            .as_deref()
            .is_some_and(|w| VENUE_NOUNS.contains(&w));
    if actor.kind != ActorKind::State
        && !possessive
        && meeting
        && before
            .iter()
            .rev()
            .take(3)
            .any(|w| matches!(*w, "at" | "in" | "on" | "of" | "to"))
    {
        return Reading::Place;
    }
    // Bodies are named after "to" and "at" as addressees and forums that act ("referred the case
    // to the International Criminal Court"), so only states and seats of government are places.
    let placeable = actor.kind == ActorKind::State || matches!(m.kind, MentionKind::Capital);
    // "camps in Turkey's Hatay province": a possessive that names where a place is.
    if placeable && possessive {
        let prep = words_before(text, skip_article(text, m.start))
            .last()
            .map(|w| w.to_lowercase());
        let noun_after = text[m.end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip(1)
            .take(3)
            .any(|w| PLACE_OF.contains(&w) || DEMONYM_PLACES.contains(&w));
        if prep.as_deref().is_some_and(|w| PLACE_BEFORE.contains(&w)) && noun_after {
            return Reading::Place;
        }
    }
    if placeable && !possessive && m.kind != MentionKind::Demonym {
        // "to the UN", "in Lebanon", "from Saudi Arabia"; "the" is skipped unless it starts a
        // sentence.
        let at = skip_article(text, m.start);
        let word_before = |at: usize| {
            char_before(text, at)
                .filter(|c| c.is_alphanumeric())
                .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()))
        };
        let prep = word_before(at);
        let before = words_before(text, at);
        let n = before.len();
        let ahead = |k: usize| n.checked_sub(k).map(|i| before[i].to_lowercase());
        // "to Syria and Iraq": the second of two places joined by "and" or "or" (no comma).
        let conjoined = matches!(prep.as_deref(), Some("and" | "or"))
            && ahead(2)
                .is_some_and(|_| before[n - 2].chars().next().is_some_and(char::is_uppercase))
            && !text[..at]
                .trim_end()
                .trim_end_matches(char::is_alphabetic)
                .trim_end()
                .ends_with(',');
        let (prep, lead) = if conjoined {
            (ahead(3), ahead(4))
        } else {
            (prep, ahead(2))
        };
        // "according to the Pentagon", "ministers from China": a source or a member's side.
        let agentive = match prep.as_deref() {
            Some("to") => lead.as_deref() == Some("according"),
            Some("from") => lead.as_deref().is_some_and(|w| MEMBERS_FROM.contains(&w)),
            _ => false,
        };
        // "the border with Jordan", "large parts of Syria and Iraq".
        let bordering = match prep.as_deref() {
            Some("with") => lead
                .as_deref()
                .is_some_and(|w| matches!(w, "border" | "frontier" | "borders")),
            Some("of") => lead.as_deref().is_some_and(|w| PLACE_OF.contains(&w)),
            _ => false,
        };
        if bordering {
            return Reading::Place;
        }
        if !agentive && prep.as_deref().is_some_and(|w| PLACE_BEFORE.contains(&w)) {
            // "by the United States" and "of Russia's" stay agents; "talks between Russia and
            // Turkey" are agents too: parties of talks act.
            let party = prep.as_deref() == Some("between")
                && before
                    .iter()
                    .rev()
                    .take(4)
                    .any(|w| matches!(*w, "talks" | "deal" | "agreement" | "meeting"));
            if !party {
                return Reading::Place;
            }
        }
        // "the village of Mashghara, Lebanon": a country after a comma that follows a place name.
        if punct_before == Some(',') && m.kind == MentionKind::Name {
            let head = text[..m.start].trim_end().trim_end_matches(',');
            let place_words = words_before(head, head.len());
            let n = place_words.len();
            let capitalised = place_words
                .last()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
            let led_by_place = place_words[n.saturating_sub(2)..n.saturating_sub(1)]
                .iter()
                .any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "in" | "of"
                            | "near"
                            | "village"
                            | "town"
                            | "city"
                            | "from"
                            | "camp"
                            | "at"
                            | "district"
                    )
                });
            let ends = text[m.end..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | '.' | ';' | ')' | '—' | '–'));
            if capitalised && led_by_place && ends {
                return Reading::Place;
            }
        }
    }
    if placeable && !possessive && m.kind != MentionKind::Demonym {
        let at = skip_article(text, m.start);
        let prev = char_before(text, at)
            .filter(|c| c.is_alphanumeric())
            .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()));
        // "for Britain and France to send weapons", "with Iran taking part": the state is the
        // subject of what follows.
        let following = next_word(text, m.end).unwrap_or("");
        // "for Britain and France to send weapons": the states are the subject of "to".
        let to_follows = text[m.end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(4)
            .take_while(|w| {
                *w == "and" || *w == "to" || w.chars().next().is_some_and(char::is_uppercase)
            })
            .any(|w| w == "to");
        let prev_for = prev.as_deref() == Some("for")
            || (prev.as_deref() == Some("and") && {
                let w = words_before(text, at);
                w.len() >= 3 && w[w.len() - 3].eq_ignore_ascii_case("for")
            });
        if prev_for && to_follows {
            return Reading::Agent;
        }
        let subject_of_next = following.ends_with("ing") && prev.as_deref() == Some("with");
        // "talks with the German chancellor": a party to talks acts.
        let before_prev = words_before(text, at)
            .iter()
            .rev()
            .nth(1)
            .map(|w| w.to_lowercase());
        let party = prev.as_deref() == Some("with")
            && before_prev.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "talks"
                        | "meeting"
                        | "meetings"
                        | "call"
                        | "agreement"
                        | "deal"
                        | "contacts"
                        | "negotiations"
                        | "summit"
                        | "together"
                        | "along"
                        | "alongside"
                )
            });
        // "Turkey is preparing, with the United States, a safe zone": a partner set off by
        // commas acts alongside the subject.
        let partner = prev.as_deref() == Some("with")
            && text[..at]
                .trim_end()
                .trim_end_matches(char::is_alphabetic)
                .trim_end()
                .ends_with(',')
            && text[m.end..].trim_start().starts_with(',');
        let subject_of_next = subject_of_next || party || partner;
        if !subject_of_next && prev.as_deref().is_some_and(|w| PATIENT_BEFORE.contains(&w)) {
            return Reading::Patient;
        }
        // "trade with Iran and Russia", "relief for Syria and Turkey": the second of two
        // objects joined by "and".
        let w = words_before(text, at);
        let n = w.len();
        // "ties with Damascus, and Jordan reopened its border": a verb of its own makes the
        // second name the subject of a new clause.
        let verb_after =
            next.is_some_and(|w| SUBJECT_VERBS.contains(&w) || (w.len() > 4 && w.ends_with("ed")));
        let conjoined_patient = prev.as_deref() == Some("and")
            && !verb_after
            && n >= 3
            && w[n - 2].chars().next().is_some_and(char::is_uppercase)
            && PATIENT_BEFORE.contains(&w[n - 3].to_lowercase().as_str())
            && !starts_sentence(text, offset_in(text, w[n - 2]) + w[n - 2].len());
        if conjoined_patient {
            return Reading::Patient;
        }
    }
    // "Turkey had been told in advance", "Iran was not invited": what others did to the state
    // or body.
    if !possessive && addressed_in_passive(text, m.end) {
        return Reading::Patient;
    }
    if m.kind == MentionKind::Common && !possessive {
        // "arming the rebels", "talks with the opposition": a collective named as the object of
        // someone else's act. The article inside the mention ("the opposition") is skipped.
        let at = skip_article(text, m.start);
        let prev = char_before(text, at)
            .filter(|c| c.is_alphanumeric())
            .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()));
        // "the opposition was not serious", "rebels shelled": a verb right after makes a subject.
        let verb_after =
            next.is_some_and(|w| SUBJECT_VERBS.contains(&w) || (w.len() > 4 && w.ends_with("ed")));
        // "arming the opposition was an excellent idea": a gerund's object, whatever follows.
        if prev.as_deref().is_some_and(|w| GERUND_OBJECT.contains(&w)) {
            return Reading::Patient;
        }
        // The word as written: a capitalised modifier ("a Syrian opposition spokesman in
        // Istanbul said", "hosts Syrian opposition figures") is not the word that governs the
        // phrase; the lower-case word before the modifiers is, if there is one.
        let written = char_before(text, at)
            .filter(|c| c.is_alphanumeric())
            .and_then(|_| words_before(text, at).last().copied());
        let modifier = written.is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && (!starts_sentence(text, at) || is_people_adjective(w))
        });
        // "back an army of defectors", "bring the government and the opposition together": after
        // "of" or "and", the noun phrase before decides, by the word that governs it.
        let prev = match prev.as_deref() {
            Some("of" | "and" | "or") if !verb_after => governing_word(text, at).or(prev),
            _ if modifier => word_before_capitalised(text, at),
            _ => prev,
        };
        if let Some(w) = prev {
            let lower_word = w.chars().next().is_some_and(char::is_lowercase);
            if lower_word && !verb_after && !SUBJECT_BEFORE.contains(&w.as_str()) {
                return Reading::Patient;
            }
        }
    }
    Reading::Agent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::MentionMatcher;

    fn readings(text: &str) -> Vec<(String, Reading)> {
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        m.find(&lex, text, Some("2019-01-01"))
            .iter()
            .map(|x| {
                (
                    text[x.start..x.end].to_string(),
                    read_mention(&lex, text, x),
                )
            })
            .collect()
    }

    fn reading_of(text: &str, surface: &str) -> Reading {
        readings(text)
            .into_iter()
            .find(|(s, _)| s == surface)
            .unwrap_or_else(|| panic!("{surface} not found in {text}"))
            .1
    }

    #[test]
    fn a_peoples_adjective_before_a_collective_is_not_what_governs_it() {
        // "Syrian" only says whose opposition; the speaker acts. Its twin with a verb before
        // the adjective ("hosts") makes the same words an object.
        let t = "A Syrian opposition spokesman in Istanbul said the call betrays the people.";
        assert_eq!(reading_of(t, "opposition spokesman"), Reading::Agent);
        let t = "Syrian opposition leaders in Istanbul said the vote was a sham.";
        assert_eq!(reading_of(t, "opposition leaders"), Reading::Agent);
        let t = "Turkey hosts Syrian opposition figures in Istanbul.";
        assert_eq!(reading_of(t, "opposition figures"), Reading::Patient);
        let t = "Ankara backs the Syrian opposition in the talks.";
        assert_eq!(reading_of(t, "the Syrian opposition"), Reading::Patient);
    }

    #[test]
    fn a_groups_commander_who_speaks_speaks_for_it() {
        let t = "A Free Syrian Army commander in Hama said Russian bombs had hit his brigade.";
        assert_eq!(reading_of(t, "Free Syrian Army"), Reading::Agent);
        // Who someone was, or one of theirs who says nothing: a description.
        let t = "A former Free Syrian Army commander in Hama said Russian bombs had hit the town.";
        assert_eq!(reading_of(t, "Free Syrian Army"), Reading::Descriptor);
        let t = "A Free Syrian Army commander was killed in Hama, activists said.";
        assert_eq!(reading_of(t, "Free Syrian Army"), Reading::Descriptor);
    }

    #[test]
    fn places_and_agents_differ_by_their_words() {
        let t = "Pilgrims travelling from Saudi Arabia were stopped.";
        assert_eq!(reading_of(t, "Saudi Arabia"), Reading::Place);
        let t = "Saudi Arabia stopped the pilgrims.";
        assert_eq!(reading_of(t, "Saudi Arabia"), Reading::Agent);
        let t = "Shells fell on the village of Mashghara, Lebanon, on Monday.";
        assert_eq!(reading_of(t, "Lebanon"), Reading::Place);
        let t = "Mashghara residents said Lebanon, Jordan and Iraq had closed crossings.";
        assert_eq!(reading_of(t, "Lebanon"), Reading::Agent);
        let t = "He said the war had spread to Syria and Iraq.";
        assert_eq!(reading_of(t, "Iraq"), Reading::Place);
        let t = "Sanctions imposed by the United States took effect.";
        assert_eq!(reading_of(t, "the United States"), Reading::Agent);
    }

    #[test]
    fn a_body_named_after_in_is_a_forum_unless_its_own_act_follows() {
        let t = "Iraq abstained in the Arab League vote suspending Syria.";
        assert_eq!(reading_of(t, "the Arab League"), Reading::Agent);
        let t = "Iraq kept its seat in the Arab League after the war began.";
        assert_eq!(reading_of(t, "the Arab League"), Reading::Place);
        let t = "Lebanon stayed silent at the Arab League decision on Syria.";
        assert_eq!(reading_of(t, "the Arab League"), Reading::Agent);
        let t = "Lebanon stayed silent at the Arab League meeting on Syria.";
        assert_eq!(reading_of(t, "the Arab League"), Reading::Place);
        let t = "He said the vote was not part of the process set out in Security Council resolution 2254.";
        assert_eq!(reading_of(t, "Security Council"), Reading::Place);
    }

    #[test]
    fn datelines_descriptors_and_credits_are_not_agents() {
        let t = "JERUSALEM, Israel — Jets struck near Damascus.";
        assert_eq!(reading_of(t, "Israel"), Reading::Dateline);
        let t = "AMMAN, Jordan, May 1 (Reuters) - Ministers met.";
        assert_eq!(reading_of(t, "Jordan"), Reading::Dateline);
        // Past the dateline's dash a state followed by a comma is a list item of the story.
        let t = "AMMAN, May 1 (Reuters) - Ministers of Jordan, Iraq and Egypt met.";
        assert_eq!(reading_of(t, "Jordan"), Reading::Agent);
        let t = "CAIRO, May 1 — Envoys of Qatar, Oman and Iraq met.";
        assert_eq!(reading_of(t, "Qatar"), Reading::Agent);
        // The place that opens a dateline, in ordinary case, with the agency before the dash.
        let t = "Beirut, SANA- The army retook the town.";
        assert_eq!(reading_of(t, "Beirut"), Reading::Dateline);
        let t = "Ankara, Aug 3 (Reuters) - The army retook the town.";
        assert_eq!(reading_of(t, "Ankara"), Reading::Dateline);
        let t = "Ankara, which backs the rebels, said the army - not the militias - was to blame.";
        assert_eq!(reading_of(t, "Ankara"), Reading::Agent);
        let t = "Israel said its jets struck near Damascus.";
        assert_eq!(reading_of(t, "Israel"), Reading::Agent);
        let t = "He criticised the Iran nuclear deal.";
        assert_eq!(reading_of(t, "Iran"), Reading::Descriptor);
        let t = "He criticised Iran over the deal.";
        assert_eq!(reading_of(t, "Iran"), Reading::Agent);
        let t = "Rescuers worked overnight. UN Photo";
        assert_eq!(reading_of(t, "UN"), Reading::Credit);
        let t = "Rebels flew Russian-made jets.";
        assert_eq!(reading_of(t, "Russian"), Reading::Descriptor);
        let t = "Zarif is due to meet his Russian and Turkish counterparts, Sergei Lavrov and \
                 Mevlut Cavusoglu, on Tuesday.";
        assert_eq!(reading_of(t, "Turkish"), Reading::Descriptor);
        assert_eq!(reading_of(t, "Russian"), Reading::Descriptor);
        let t = "Zarif is due to meet his Russian and Turkish counterparts on Tuesday.";
        assert_eq!(reading_of(t, "Turkish"), Reading::Agent);
        let t = "In an interview with a Russian television channel, he praised the army.";
        assert_eq!(reading_of(t, "Russian"), Reading::Descriptor);
        let t = "Russian state television said the army had retaken the town.";
        assert_eq!(reading_of(t, "Russian"), Reading::Agent);
        let t = "Lebanese exporters had waited years for the route.";
        assert_eq!(reading_of(t, "Lebanese"), Reading::Descriptor);
        let t = "Lebanese officials had waited years for the route.";
        assert_eq!(reading_of(t, "Lebanese"), Reading::Agent);
        // What a strike hits names its owner, who does nothing there.
        let t = "Israeli jets hit Iranian positions in Syria.";
        assert_eq!(reading_of(t, "Iranian"), Reading::Patient);
        let t = "Israel struck Hezbollah weapons depots near Damascus.";
        assert_eq!(reading_of(t, "Hezbollah"), Reading::Patient);
        let t = "Iranian forces fired rockets at the Golan.";
        assert_eq!(reading_of(t, "Iranian"), Reading::Agent);
        let t = "Hezbollah fighters stormed the depots.";
        assert_eq!(reading_of(t, "Hezbollah"), Reading::Agent);
        let t = "Protesters in the Turkish-held towns demonstrated.";
        assert_eq!(reading_of(t, "Turkish"), Reading::Place);
        let t = "Turkish troops held the towns.";
        assert_eq!(reading_of(t, "Turkish"), Reading::Agent);
    }

    #[test]
    fn people_who_are_only_victims_or_relations_are_not_agents() {
        let t = "A drone strike killing Qassem Soleimani was ordered by Trump.";
        assert_eq!(reading_of(t, "Qassem Soleimani"), Reading::Patient);
        let t = "Qassem Soleimani ordered the strike.";
        assert_eq!(reading_of(t, "Qassem Soleimani"), Reading::Agent);
        let t = "Qassem Soleimani, the Quds Force commander, was killed at Baghdad airport.";
        assert_eq!(reading_of(t, "Qassem Soleimani"), Reading::Patient);
        let t = "EU states wrote to Josep Borrell urging a review.";
        assert_eq!(reading_of(t, "Josep Borrell"), Reading::Patient);
        let t = "Forces loyal to Nouri al-Maliki pressed on, according to Josep Borrell.";
        assert_eq!(reading_of(t, "Nouri al-Maliki"), Reading::Agent);
        assert_eq!(reading_of(t, "Josep Borrell"), Reading::Agent);
        let t =
            "Maher al-Assad, commander of the Fourth Division, was rumoured to have been wounded.";
        assert_eq!(reading_of(t, "Maher al-Assad"), Reading::Patient);
        let t = "Al-Qaida's Syrian affiliate said it held the town.";
        assert_eq!(reading_of(t, "Al-Qaida"), Reading::Descriptor);
        let t = "He is a cousin of Zahran Alloush.";
        assert_eq!(reading_of(t, "Zahran Alloush"), Reading::Descriptor);
        let t = "Zahran Alloush said the talks had failed.";
        assert_eq!(reading_of(t, "Zahran Alloush"), Reading::Agent);
        let t = "Also killed was Zahran Alloush, the group's founder.";
        assert_eq!(reading_of(t, "Zahran Alloush"), Reading::Patient);
        let t = "Among the dead was Brig. Gen. Qassem Soleimani, the commander.";
        assert_eq!(reading_of(t, "Qassem Soleimani"), Reading::Patient);
        let t = "Also present was Zahran Alloush, the group's founder.";
        assert_eq!(reading_of(t, "Zahran Alloush"), Reading::Agent);
    }

    #[test]
    fn collectives_are_agents_only_when_they_act() {
        let t = "Putin warned against arming the rebels.";
        assert_eq!(reading_of(t, "rebels"), Reading::Patient);
        let t = "Putin said the rebels had shelled the town.";
        assert_eq!(reading_of(t, "rebels"), Reading::Agent);
        let t = "Rebels shelled the town.";
        assert_eq!(reading_of(t, "Rebels"), Reading::Agent);
        let t = "Moscow held talks with the opposition.";
        assert_eq!(reading_of(t, "the opposition"), Reading::Patient);
        let t = "Moscow said the opposition had walked out.";
        assert_eq!(reading_of(t, "the opposition"), Reading::Agent);
        // "The opposition" as the adjective of a body named next: the body acts, not a second
        // actor; the same words before a verb or a day act themselves.
        let t = "The opposition Syrian National Coalition said it would attend.";
        assert_eq!(reading_of(t, "The opposition"), Reading::Descriptor);
        let t = "The opposition said it would attend.";
        assert_eq!(reading_of(t, "The opposition"), Reading::Agent);
        let t = "The opposition High Negotiations Committee walked out.";
        assert_eq!(reading_of(t, "The opposition"), Reading::Descriptor);
        let t = "Kerry met the opposition Monday. The talks failed.";
        assert_ne!(reading_of(t, "the opposition"), Reading::Descriptor);
    }

    /// Readings with the appositive pass, as `predict` reads an article.
    fn reading_in_context(text: &str, surface: &str) -> Reading {
        let lex = ActorLexicon::builtin();
        let found = MentionMatcher::new(&lex).find(&lex, text, Some("2019-01-01"));
        let readings = read_mentions(&lex, text, &found);
        found
            .iter()
            .zip(readings)
            .find(|(m, _)| &text[m.start..m.end] == surface)
            .unwrap_or_else(|| panic!("{surface} not found in {text}"))
            .1
    }

    #[test]
    fn a_nationality_or_an_ally_before_a_named_actor_only_qualifies_it() {
        let t = "The Lebanese militant Hezbollah group sent fighters to Qusair.";
        assert_eq!(reading_in_context(t, "Lebanese"), Reading::Descriptor);
        assert_eq!(reading_in_context(t, "Hezbollah"), Reading::Agent);
        let t = "Lebanese officials said Hezbollah had sent fighters to Qusair.";
        assert_eq!(reading_in_context(t, "Lebanese"), Reading::Agent);
        let t = "NATO ally Turkey said it would protect its border.";
        assert_eq!(reading_in_context(t, "NATO"), Reading::Descriptor);
        assert_eq!(reading_in_context(t, "Turkey"), Reading::Agent);
        let t = "NATO and Turkey said they would protect the border.";
        assert_eq!(reading_in_context(t, "NATO"), Reading::Agent);
        let t = "Iraqi Shi'ite militias fought alongside the army.";
        assert_eq!(reading_in_context(t, "Iraqi"), Reading::Descriptor);
        let t = "Iraqi officials said the militias fought alongside the army.";
        assert_eq!(reading_in_context(t, "Iraqi"), Reading::Agent);
    }

    #[test]
    fn victims_listed_or_joined_to_a_victim_are_not_agents() {
        let t = "The bomb killed General Suheil al-Hassan and Manaf Tlass in Damascus.";
        assert_eq!(reading_of(t, "Manaf Tlass"), Reading::Patient);
        let t = "General Suheil al-Hassan and Manaf Tlass met the envoy in Damascus.";
        assert_eq!(reading_of(t, "Manaf Tlass"), Reading::Agent);
        let t = "The sanctions blacklisted 39 people, including Maher al-Assad.";
        assert_eq!(reading_of(t, "Maher al-Assad"), Reading::Patient);
        let t = "Several figures spoke at the rally, including Maher al-Assad.";
        assert_eq!(reading_of(t, "Maher al-Assad"), Reading::Agent);
    }

    #[test]
    fn an_addressee_named_after_its_title_and_a_comma_is_not_an_agent() {
        let t = "Washington informed Syria's envoy to the United Nations, Bashar Jaafari, first.";
        assert_eq!(reading_of(t, "Bashar Jaafari"), Reading::Patient);
        let t = "Syria's envoy to the United Nations, Bashar Jaafari, called the strikes illegal.";
        assert_eq!(reading_of(t, "Bashar Jaafari"), Reading::Agent);
    }

    #[test]
    fn a_person_described_by_a_passive_after_appositives_is_not_an_agent() {
        let t = "Suheil al-Hassan, 54, a veteran of the war, was regarded as its architect.";
        assert_eq!(reading_of(t, "Suheil al-Hassan"), Reading::Patient);
        let t = "Suheil al-Hassan, 54, a veteran of the war, said the campaign would go on.";
        assert_eq!(reading_of(t, "Suheil al-Hassan"), Reading::Agent);
        let t = "Staffan de Mistura, the veteran diplomat, has been chosen for the post.";
        assert_eq!(reading_of(t, "Staffan de Mistura"), Reading::Patient);
        let t = "Staffan de Mistura, the veteran diplomat, has chosen to stay on.";
        assert_eq!(reading_of(t, "Staffan de Mistura"), Reading::Agent);
    }

    #[test]
    fn an_appositive_describes_its_head_and_is_not_an_actor_of_its_own() {
        // Another actor inside the appositive is a descriptor of the head.
        let t = "The Syrian National Council, the main opposition bloc, accused Russia.";
        assert_eq!(
            reading_in_context(t, "opposition bloc"),
            Reading::Descriptor
        );
        let t = "The Syrian National Council and the main opposition bloc accused Russia.";
        assert_eq!(reading_in_context(t, "opposition bloc"), Reading::Agent);
        let t = "Maher al-Assad, commander of the elite Fourth Division, was not seen.";
        assert_eq!(
            reading_in_context(t, "Fourth Division"),
            Reading::Descriptor
        );
        let t = "The elite Fourth Division shelled the suburb on Monday.";
        assert_eq!(reading_in_context(t, "Fourth Division"), Reading::Agent);
        // The same actor's title reads as the name it follows: here, someone worked alongside.
        let t = "He worked alongside Qassem Soleimani, the late Quds Force chief, for years.";
        assert_eq!(reading_in_context(t, "Quds Force chief"), Reading::Patient);
        let t = "Qassem Soleimani, the late Quds Force chief, ordered the advance.";
        assert_eq!(reading_in_context(t, "Quds Force chief"), Reading::Agent);
        // A list is not an appositive.
        let t = "Russia, the United States and France backed the plan.";
        assert_eq!(reading_in_context(t, "the United States"), Reading::Agent);
        let t = "The rebels, backed by Turkey, advanced on the town.";
        assert_eq!(reading_in_context(t, "Turkey"), Reading::Agent);
    }

    #[test]
    fn a_title_after_as_and_a_state_told_in_the_passive_are_not_agents() {
        let t = "Walid al-Muallem, who served as Syria's foreign minister, died on Monday.";
        assert_eq!(
            reading_of(t, "Syria's foreign minister"),
            Reading::Descriptor
        );
        let t = "Syria's foreign minister said on Monday that the talks had failed.";
        assert_eq!(reading_of(t, "Syria's foreign minister"), Reading::Agent);
        let t = "The raid went ahead, and Turkey had been told in advance.";
        assert_eq!(reading_of(t, "Turkey"), Reading::Patient);
        let t = "The raid went ahead, and Turkey had told Washington in advance.";
        assert_eq!(reading_of(t, "Turkey"), Reading::Agent);
    }

    #[test]
    fn a_meeting_named_with_the_body_is_a_venue() {
        // The lexicon's alias holds the meeting noun ("G8 summit"): after "ahead of" it is where,
        // not who.
        let t = "The chancellor arrived in London ahead of the G8 summit.";
        assert_eq!(reading_of(t, "G8 summit"), Reading::Place);
        // Its twin: the same body acting is an agent.
        let t = "The G8 called on Damascus to allow aid convoys in.";
        assert_eq!(reading_of(t, "G8"), Reading::Agent);
    }

    /// Each case: a sentence where the name only describes, is told, is chosen, is a victim or is
    /// the object of the act, and its twin where the same name acts.
    fn pairs(cases: &[(&str, &str, Reading, &str)]) {
        for &(text, surface, reading, twin) in cases {
            assert_eq!(reading_in_context(text, surface), reading, "{text}");
            assert_eq!(reading_in_context(twin, surface), Reading::Agent, "{twin}");
        }
    }

    #[test]
    fn a_nationality_of_private_people_or_unnamed_groups_describes_them() {
        pairs(&[
            (
                "Ban named Ake Sellstrom, a Swedish scientist, to lead the inquiry.",
                "Swedish",
                Reading::Descriptor,
                "Swedish officials said the inquiry would go ahead.",
            ),
            (
                "The body of American reporter Marie Colvin was still in the city.",
                "American",
                Reading::Descriptor,
                "American officials said the body was still in the city.",
            ),
            (
                "He warned against the transfer of weapons to Lebanese militant groups.",
                "Lebanese",
                Reading::Descriptor,
                "Lebanese troops warned against the transfer of weapons.",
            ),
            (
                "Many of the smugglers were linked to pro-Iranian groups.",
                "Iranian",
                Reading::Descriptor,
                "Many of the smugglers were caught by Iranian troops.",
            ),
            (
                "Smugglers are backed by Hezbollah-aligned gangs across the border.",
                "Hezbollah",
                Reading::Descriptor,
                "Smugglers are chased by Hezbollah across the border.",
            ),
        ]);
    }

    #[test]
    fn people_told_thanked_or_chosen_are_not_agents() {
        pairs(&[
            (
                "Netanyahu later briefed President Vladimir Putin by phone.",
                "Vladimir Putin",
                Reading::Patient,
                "President Vladimir Putin later briefed Netanyahu by phone.",
            ),
            (
                "Julani thanked al-Qaeda's leader, Ayman al-Zawahiri, for his patience.",
                "Ayman al-Zawahiri",
                Reading::Patient,
                "Al-Qaeda's leader, Ayman al-Zawahiri, thanked Julani for his patience.",
            ),
            (
                "Shoigu told his Israeli counterpart, Avigdor Lieberman, that Moscow would respond.",
                "Avigdor Lieberman",
                Reading::Patient,
                "His Israeli counterpart, Avigdor Lieberman, said that Moscow would respond.",
            ),
            (
                "Delegates elected Moaz al-Khatib to lead the new coalition.",
                "Moaz al-Khatib",
                Reading::Patient,
                "The newly elected President Moaz al-Khatib said the coalition would talk.",
            ),
            (
                "Abu al-Khayr, described as Zawahiri's deputy, released a recording.",
                "Zawahiri",
                Reading::Descriptor,
                "Abu al-Khayr said Zawahiri's message was clear.",
            ),
        ]);
    }

    #[test]
    fn the_last_victim_of_a_killing_named_after_its_title_is_not_an_agent() {
        pairs(&[(
            "The strike hit a base, killing 20 soldiers and a senior general, Suheil al-Hassan.",
            "Suheil al-Hassan",
            Reading::Patient,
            "After the strike, a senior general, Suheil al-Hassan, said the base would hold.",
        )]);
    }

    #[test]
    fn a_second_name_after_and_is_an_object_unless_a_verb_of_its_own_follows() {
        pairs(&[
            (
                "Bahrain restored trade with Damascus and Jordan last year.",
                "Jordan",
                Reading::Patient,
                "Bahrain restored ties with Damascus, and Jordan reopened its border crossing.",
            ),
            (
                "Bahrain restored trade with Damascus and Jordan last year.",
                "Jordan",
                Reading::Patient,
                "Bahrain restored ties with Damascus and Jordan said it would follow.",
            ),
        ]);
    }

    #[test]
    fn a_list_of_states_shares_its_first_items_reading() {
        // Where the first is: every state after it is a place too.
        let t = "Refugees fled to Jordan, Lebanon and Turkey.";
        assert_eq!(reading_in_context(t, "Lebanon"), Reading::Place);
        assert_eq!(reading_in_context(t, "Turkey"), Reading::Place);
        // Its twin: a state with a verb of its own starts a clause and acts.
        let t = "Refugees fled to Jordan, and Turkey said it would close the border.";
        assert_eq!(reading_in_context(t, "Turkey"), Reading::Agent);
        // Whose ministers act: a state after a state is not the country of a town.
        let t = "Foreign ministers of Jordan, Saudi Arabia, Iraq and Egypt met on Monday.";
        assert_eq!(reading_in_context(t, "Saudi Arabia"), Reading::Agent);
        let t = "Officials from Cyprus, Austria and Greece signed the declaration.";
        assert_eq!(reading_in_context(t, "Austria"), Reading::Agent);
        // Its twin: after a town, the country says where the town is.
        let t = "The drones came down near Mashghara, Lebanon.";
        assert_eq!(reading_in_context(t, "Lebanon"), Reading::Place);
    }

    #[test]
    fn a_partner_set_off_by_commas_acts_with_the_subject() {
        pairs(&[(
            "Turkey has been preparing a safe zone with the United States in mind.",
            "the United States",
            Reading::Patient,
            "Turkey is preparing, with the United States, a possible safe zone.",
        )]);
    }

    #[test]
    fn an_object_that_acts_in_its_own_relative_clause_is_an_agent() {
        let cases = [
            (
                "Qatar moved to open channels to the rebels who seized Damascus at the weekend.",
                "Qatar moved to open channels to the rebels, who had been shelled for weeks.",
                "rebels",
            ),
            (
                "The envoy urged Hezbollah, which fought alongside the army, to withdraw.",
                "The envoy urged Hezbollah, which is based in Lebanon, to withdraw.",
                "Hezbollah",
            ),
        ];
        for (acts, acted_on, surface) in cases {
            assert_eq!(reading_in_context(acts, surface), Reading::Agent, "{acts}");
            assert_eq!(
                reading_in_context(acted_on, surface),
                Reading::Patient,
                "{acted_on}"
            );
        }
    }

    #[test]
    fn bodies_and_groups_that_others_act_on_are_not_agents() {
        pairs(&[
            (
                "Juppe called on the U.N. Security Council to stop dithering.",
                "U.N. Security Council",
                Reading::Patient,
                "The U.N. Security Council called on Juppe to stop dithering.",
            ),
            (
                "The agreement excludes Islamic State and the Nusra Front.",
                "Islamic State",
                Reading::Patient,
                "Islamic State and the Nusra Front rejected the agreement.",
            ),
            (
                "Russian jets were hitting moderate forces rather than the Islamic State group.",
                "Islamic State group",
                Reading::Patient,
                "The Islamic State group said it was hitting moderate forces.",
            ),
            (
                "Turkish artillery pounded targets inside Syria, killing several Syrian soldiers.",
                "Syrian soldiers",
                Reading::Patient,
                "Turkish artillery pounded targets, and several Syrian soldiers fled.",
            ),
            (
                "Maher, who commands the army's elite Fourth Division, was not seen.",
                "Fourth Division",
                Reading::Patient,
                "The army's elite Fourth Division shelled the suburb.",
            ),
            (
                "Dozens of soldiers and pro-government militiamen had been killed.",
                "pro-government militiamen",
                Reading::Patient,
                "Dozens of soldiers and pro-government militiamen had killed the prisoners.",
            ),
            (
                "The networks were linked to Hezbollah and its allies.",
                "Hezbollah",
                Reading::Descriptor,
                "Hezbollah linked the networks to its rivals.",
            ),
            (
                "Washington said the networks were linked to the Syrian army's Fourth Division.",
                "Fourth Division",
                Reading::Descriptor,
                "Washington said the Syrian army's Fourth Division ran the networks.",
            ),
            (
                "Delegates met to lead the Syrian National Coalition out of its crisis.",
                "Syrian National Coalition",
                Reading::Patient,
                "Delegates of the Syrian National Coalition met in Istanbul.",
            ),
        ]);
    }

    #[test]
    fn the_items_of_a_list_share_the_first_ones_reading() {
        pairs(&[
            (
                "It does not cover attacks on Islamic State, al-Qaida or the Nusra Front.",
                "Nusra Front",
                Reading::Patient,
                "It said Islamic State, al-Qaida or the Nusra Front could attack.",
            ),
            (
                "The council brings together the Syrian Muslim Brotherhood, the Local Coordination \
                 Committees and others.",
                "Local Coordination Committees",
                Reading::Patient,
                "The Syrian Muslim Brotherhood, the Local Coordination Committees and others \
                 joined the council.",
            ),
        ]);
        // A name that goes on into "and" is the next item of a list, not an appositive.
        let t = "It was carried out by the Nusra Front, the hardline Ahrar al-Sham and others.";
        assert_eq!(reading_in_context(t, "Ahrar al-Sham"), Reading::Agent);
        let t = "It was carried out by the Nusra Front, the hardline Ahrar al-Sham, last week.";
        assert_eq!(reading_in_context(t, "Ahrar al-Sham"), Reading::Descriptor);
    }

    #[test]
    fn people_and_acts_of_a_state_or_group_make_it_an_agent() {
        // A spokesman or a general of a group speaks for it; support for it does not.
        let t = "A spokesman for the Syrian Democratic Forces said it had not been invited.";
        assert_eq!(
            reading_in_context(t, "Syrian Democratic Forces"),
            Reading::Agent
        );
        let t = "Washington voiced support for the Syrian Democratic Forces.";
        assert_eq!(
            reading_in_context(t, "Syrian Democratic Forces"),
            Reading::Patient
        );
        let t = "A general of the Revolutionary Guards said the advisers would stay.";
        assert_eq!(
            reading_in_context(t, "the Revolutionary Guards"),
            Reading::Agent
        );
        let t = "The plan was an offshoot of the Revolutionary Guards' doctrine.";
        assert_eq!(
            reading_in_context(t, "the Revolutionary Guards"),
            Reading::Descriptor
        );
        // A commitment from a state is its act; a journey from it only places it.
        let t = "Jordan acted on a commitment from Britain to resettle them.";
        assert_eq!(reading_in_context(t, "Britain"), Reading::Agent);
        let t = "The volunteers travelled from Britain to Jordan.";
        assert_eq!(reading_in_context(t, "Britain"), Reading::Place);
        // A mediator's body is part of the title; the body alone acts.
        let t = "UN-Arab League mediator Lakhdar Brahimi apologised.";
        assert_eq!(reading_in_context(t, "Arab League"), Reading::Descriptor);
        let t = "The Arab League apologised.";
        assert_eq!(reading_in_context(t, "Arab League"), Reading::Agent);
        // A nation's adjective before a group's name does not make it part of a longer name.
        let t = "The operation targeted both Islamic State and the Kurdish PYD, whose fighters \
                 have been pushing north.";
        assert_eq!(reading_in_context(t, "PYD"), Reading::Agent);
        let t = "Iran's Supreme National Security Council met on Monday.";
        assert_eq!(
            reading_in_context(t, "Security Council"),
            Reading::Descriptor
        );
        // The second of two states after a sentence's last word is not that word's object.
        let t = "The opposition blamed government forces for the attack. Britain and France \
                 have asked for an inquiry.";
        assert_eq!(reading_in_context(t, "France"), Reading::Agent);
        let t = "The opposition condemned the attack on Britain and France.";
        assert_eq!(reading_in_context(t, "France"), Reading::Patient);
    }

    #[test]
    fn collectives_governed_through_of_and_or_a_gerund_are_objects() {
        pairs(&[
            (
                "He said that arming the opposition was an excellent idea.",
                "the opposition",
                Reading::Patient,
                "He said that the opposition was an excellent partner.",
            ),
            (
                "Ghalioun asked the meeting to back an army of defectors.",
                "defectors",
                Reading::Patient,
                "Ghalioun said an army of defectors attacked the checkpoint.",
            ),
            (
                "De Mistura is to bring the government and the opposition together.",
                "the opposition",
                Reading::Patient,
                "De Mistura said the government and the opposition agreed.",
            ),
        ]);
    }
}
