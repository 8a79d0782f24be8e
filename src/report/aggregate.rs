//! Counting readings by actor and period, the net stance of each cell, and the changes.
//!
//! Its length: a fifth is tests of the counts, the net score and change detection.

use std::collections::BTreeMap;

use super::ArticleReading;

/// What the charts count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The actor's stance toward the target (`stance`).
    Stance,
    /// The tone of the actor's coverage (`tone`, with a sentiment model).
    Tone,
}

impl Measure {
    /// A short name for anchors and headings.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Stance => "stance",
            Measure::Tone => "tone",
        }
    }
}

/// The period of the timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar months (YYYY-MM).
    Month,
    /// Calendar years (YYYY).
    Year,
}

/// Where a reading falls in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bucket {
    /// A period key: YYYY or YYYY-MM.
    At(String),
    /// Months asked for, but the article is dated to a year only.
    YearOnly,
    /// No date.
    Undated,
}

impl Period {
    /// The bucket of a date (YYYY-MM-DD or YYYY, as the readers give them; anything else is
    /// treated as undated rather than guessed).
    pub fn bucket(self, date: Option<&str>) -> Bucket {
        let Some(d) = date.and_then(|d| crate::date::NewsDate::parse(d).ok()) else {
            return Bucket::Undated;
        };
        match (self, d) {
            (Period::Year, crate::date::NewsDate::Year(y)) => Bucket::At(format!("{y:04}")),
            (Period::Year, crate::date::NewsDate::Day(d)) => Bucket::At(format!("{:04}", d.year())),
            (Period::Month, crate::date::NewsDate::Year(_)) => Bucket::YearOnly,
            (Period::Month, crate::date::NewsDate::Day(d)) => {
                Bucket::At(format!("{:04}-{:02}", d.year(), d.month()))
            }
        }
    }

    /// Every period from `first` to `last`, both included, so the timelines show gaps as gaps.
    pub fn range(self, first: &str, last: &str) -> Vec<String> {
        let parse = |k: &str| -> Option<(i32, i32)> {
            match self {
                Period::Year => Some((k.parse().ok()?, 1)),
                Period::Month => {
                    let (y, m) = k.split_once('-')?;
                    Some((y.parse().ok()?, m.parse().ok()?))
                }
            }
        };
        let (Some((mut y, mut m)), Some(end)) = (parse(first), parse(last)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while (y, m) <= end {
            match self {
                Period::Year => {
                    out.push(format!("{y:04}"));
                    y += 1;
                }
                Period::Month => {
                    out.push(format!("{y:04}-{m:02}"));
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                }
            }
        }
        out
    }
}

/// Which labels count toward the target (+1) and against it (-1); every other label (neutral,
/// or any label a user's model adds) counts 0.
#[derive(Debug, Clone)]
pub struct Polarity {
    /// Labels counted +1.
    pub positive: Vec<String>,
    /// Labels counted -1.
    pub negative: Vec<String>,
}

impl Polarity {
    /// The labels of the built-in models and of the usual stance datasets (SemEval's FAVOR and
    /// AGAINST, NewsMTSC's positive and negative).
    pub fn usual() -> Polarity {
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Polarity {
            positive: v(&["supports", "support", "favor", "favour", "pro", "positive"]),
            negative: v(&["opposes", "oppose", "against", "con", "negative"]),
        }
    }

    /// +1, -1 or 0 for a label (case-insensitive).
    pub fn sign(&self, label: &str) -> i8 {
        let is = |set: &[String]| set.iter().any(|l| l.eq_ignore_ascii_case(label));
        if is(&self.positive) {
            1
        } else if is(&self.negative) {
            -1
        } else {
            0
        }
    }
}

/// The readings that fall in one chart cell.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// (article index, label, its sign), in input order.
    pub items: Vec<(usize, String, i8)>,
    /// Readings counted +1.
    pub positive: usize,
    /// Readings counted -1.
    pub negative: usize,
}

impl Tally {
    fn add(&mut self, article: usize, label: &str, sign: i8) {
        self.items.push((article, label.to_string(), sign));
        match sign {
            1 => self.positive += 1,
            -1 => self.negative += 1,
            _ => {}
        }
    }

    /// Number of readings (one per article: an actor has one reading per article).
    pub fn total(&self) -> usize {
        self.items.len()
    }

    /// Readings counted 0.
    pub fn other(&self) -> usize {
        self.total() - self.positive - self.negative
    }

    /// Net stance: (positive - negative) / all, from -1 to 1; 0 for an empty cell.
    pub fn net(&self) -> f64 {
        if self.items.is_empty() {
            0.0
        } else {
            (self.positive as f64 - self.negative as f64) / self.total() as f64
        }
    }

    /// The count of each label, in label order.
    pub fn counts(&self) -> BTreeMap<&str, usize> {
        let mut c = BTreeMap::new();
        for (_, l, _) in &self.items {
            *c.entry(l.as_str()).or_default() += 1;
        }
        c
    }

    /// The side the cell leans to (see [`Side::of`]).
    pub fn side(&self) -> Side {
        Side::of(self.net())
    }
}

/// Net stance this far from 0 or farther leans to a side: a third means, for example, two
/// readings of one side for each of the other, or one in three with the rest neutral.
pub const LEAN: f64 = 1.0 / 3.0;

/// Where a cell leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Toward the target (net >= [`LEAN`]).
    Positive,
    /// Neither, or mixed.
    Neutral,
    /// Against it (net <= -[`LEAN`]).
    Negative,
}

impl Side {
    /// The side of a net stance.
    pub fn of(net: f64) -> Side {
        if net >= LEAN - 1e-9 {
            Side::Positive
        } else if net <= -LEAN + 1e-9 {
            Side::Negative
        } else {
            Side::Neutral
        }
    }

    /// The sign a reading has on this side.
    pub fn sign(self) -> i8 {
        match self {
            Side::Positive => 1,
            Side::Neutral => 0,
            Side::Negative => -1,
        }
    }
}

/// One actor's readings over time.
#[derive(Debug, Clone, Default)]
pub struct ActorSeries {
    /// The actor.
    pub actor: String,
    /// By period (the timeline's).
    pub periods: BTreeMap<String, Tally>,
    /// By year (the heatmap's).
    pub years: BTreeMap<String, Tally>,
    /// Dated to a year only, with months asked for.
    pub year_only: Tally,
    /// Undated articles.
    pub undated: Tally,
    /// All of them.
    pub overall: Tally,
}

/// A move in an actor's stance between two periods that both have enough articles.
#[derive(Debug, Clone)]
pub struct Change {
    /// The actor.
    pub actor: String,
    /// The earlier period.
    pub from: String,
    /// Where the actor leaned then.
    pub from_side: Side,
    /// Its net stance then.
    pub from_net: f64,
    /// Articles then.
    pub from_count: usize,
    /// The later period.
    pub to: String,
    /// Where it leans now.
    pub to_side: Side,
    /// Its net stance now.
    pub to_net: f64,
    /// Articles now.
    pub to_count: usize,
    /// The earliest article of the later period whose reading is on the new side.
    pub first: Option<usize>,
}

/// The counts the charts draw, for one measure.
#[derive(Debug, Clone)]
pub struct Summary {
    /// What is counted.
    pub measure: Measure,
    /// The timeline's period.
    pub period: Period,
    /// Every actor with a reading, most-read first (ties by name).
    pub actors: Vec<ActorSeries>,
    /// The timeline's periods, first to last, gaps included.
    pub periods: Vec<String>,
    /// The heatmap's years, first to last.
    pub years: Vec<String>,
    /// Labels seen, positive ones first, negative ones last.
    pub labels: Vec<String>,
    /// Stance moves, in actor order then time.
    pub changes: Vec<Change>,
    /// Readings that had no label for this measure (a tone asked of rows without one).
    pub unlabelled: usize,
}

/// Counts the articles' readings for `measure`. Changes are looked for between consecutive
/// periods (of `period`) that have at least `min_articles` readings each.
pub fn summarise(
    articles: &[ArticleReading],
    measure: Measure,
    period: Period,
    polarity: &Polarity,
    min_articles: usize,
) -> Summary {
    let mut by_actor: BTreeMap<&str, ActorSeries> = BTreeMap::new();
    let mut labels: BTreeMap<String, i8> = BTreeMap::new();
    let mut unlabelled = 0;
    for (i, a) in articles.iter().enumerate() {
        let bucket = period.bucket(a.date.as_deref());
        let year = Period::Year.bucket(a.date.as_deref());
        for r in &a.readings {
            let Some(label) = r.label(measure) else {
                unlabelled += 1;
                continue;
            };
            let sign = polarity.sign(label);
            labels.entry(label.to_string()).or_insert(sign);
            let s = by_actor.entry(&r.actor).or_insert_with(|| ActorSeries {
                actor: r.actor.clone(),
                ..Default::default()
            });
            s.overall.add(i, label, sign);
            match &bucket {
                Bucket::At(k) => s.periods.entry(k.clone()).or_default().add(i, label, sign),
                Bucket::YearOnly => s.year_only.add(i, label, sign),
                Bucket::Undated => s.undated.add(i, label, sign),
            }
            if let Bucket::At(y) = &year {
                s.years.entry(y.clone()).or_default().add(i, label, sign);
            }
        }
    }
    let mut actors: Vec<ActorSeries> = by_actor.into_values().collect();
    actors.sort_by(|a, b| {
        b.overall
            .total()
            .cmp(&a.overall.total())
            .then_with(|| a.actor.cmp(&b.actor))
    });
    let span = |keys: &mut dyn Iterator<Item = &String>, p: Period| {
        let keys: Vec<&String> = keys.collect();
        match (keys.iter().min(), keys.iter().max()) {
            (Some(f), Some(l)) => p.range(f, l),
            _ => Vec::new(),
        }
    };
    let periods = span(&mut actors.iter().flat_map(|a| a.periods.keys()), period);
    let years = span(
        &mut actors.iter().flat_map(|a| a.years.keys()),
        Period::Year,
    );
    let mut labels: Vec<(String, i8)> = labels.into_iter().collect();
    labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let changes = actors
        .iter()
        .flat_map(|s| changes_of(s, articles, min_articles.max(1)))
        .collect();
    Summary {
        measure,
        period,
        actors,
        periods,
        years,
        labels: labels.into_iter().map(|(l, _)| l).collect(),
        changes,
        unlabelled,
    }
}

/// The moves of one actor: between each pair of consecutive periods with enough readings, where
/// the side differs.
fn changes_of(s: &ActorSeries, articles: &[ArticleReading], min: usize) -> Vec<Change> {
    let counted: Vec<(&String, &Tally)> =
        s.periods.iter().filter(|(_, t)| t.total() >= min).collect();
    let mut out = Vec::new();
    for w in counted.windows(2) {
        let ((from, a), (to, b)) = (w[0], w[1]);
        if a.side() == b.side() {
            continue;
        }
        let side = b.side();
        // The earliest article of the new period that reads on the new side: by date, then by
        // input order (the sort is stable).
        let mut candidates: Vec<&(usize, String, i8)> = b
            .items
            .iter()
            .filter(|(_, _, sign)| *sign == side.sign())
            .collect();
        candidates.sort_by(|x, y| articles[x.0].date.cmp(&articles[y.0].date));
        out.push(Change {
            actor: s.actor.clone(),
            from: from.clone(),
            from_side: a.side(),
            from_net: a.net(),
            from_count: a.total(),
            to: to.clone(),
            to_side: side,
            to_net: b.net(),
            to_count: b.total(),
            first: candidates.first().map(|c| c.0),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ArticleReading, Reading};

    fn article(date: Option<&str>, readings: &[(&str, &str)]) -> ArticleReading {
        ArticleReading {
            id: "x".into(),
            date: date.map(str::to_string),
            text: None,
            mentions: Vec::new(),
            readings: readings
                .iter()
                .map(|(actor, stance)| Reading {
                    actor: actor.to_string(),
                    kind: String::new(),
                    stance: stance.to_string(),
                    confidence: 0.9,
                    text_stance: None,
                    known: None,
                    decided_by: None,
                    mentions: 1,
                    evidence: Vec::new(),
                    tone: None,
                })
                .collect(),
        }
    }

    #[test]
    fn buckets_and_ranges() {
        assert_eq!(
            Period::Year.bucket(Some("2016-12-13")),
            Bucket::At("2016".into())
        );
        assert_eq!(
            Period::Month.bucket(Some("2016-02-03")),
            Bucket::At("2016-02".into())
        );
        assert_eq!(Period::Month.bucket(Some("2016")), Bucket::YearOnly);
        assert_eq!(Period::Year.bucket(Some("garbage")), Bucket::Undated);
        assert_eq!(Period::Year.bucket(None), Bucket::Undated);
        assert_eq!(
            Period::Month.range("2015-11", "2016-02"),
            ["2015-11", "2015-12", "2016-01", "2016-02"]
        );
        assert_eq!(Period::Year.range("2011", "2013"), ["2011", "2012", "2013"]);
    }

    #[test]
    fn net_stance_and_sides() {
        let p = Polarity::usual();
        let arts = [
            article(Some("2012"), &[("Turkey", "opposes")]),
            article(Some("2012"), &[("Turkey", "opposes")]),
            article(Some("2012"), &[("Turkey", "neutral")]),
            article(Some("2012"), &[("Turkey", "supports")]),
        ];
        let s = summarise(&arts, Measure::Stance, Period::Year, &p, 1);
        let t = &s.actors[0].years["2012"];
        assert_eq!((t.positive, t.negative, t.other()), (1, 2, 1));
        assert!((t.net() - (-0.25)).abs() < 1e-12);
        assert_eq!(t.side(), Side::Neutral);
        assert_eq!(Side::of(-1.0 / 3.0), Side::Negative);
        assert_eq!(Side::of(0.34), Side::Positive);
        assert_eq!(s.labels, ["supports", "neutral", "opposes"]);
    }

    #[test]
    fn a_change_names_the_first_article_on_the_new_side() {
        let p = Polarity::usual();
        let mut arts = vec![
            article(Some("2011-03-01"), &[("Turkey", "supports")]),
            article(Some("2011-05-01"), &[("Turkey", "supports")]),
            // The later year: the earliest "opposes" is the 2012-02 one, though it comes last.
            article(Some("2012-06-01"), &[("Turkey", "opposes")]),
            article(Some("2012-01-01"), &[("Turkey", "neutral")]),
            article(Some("2012-02-01"), &[("Turkey", "opposes")]),
            // One article is too few to count (min 2): no change to "supports" in 2013.
            article(Some("2013-01-01"), &[("Turkey", "supports")]),
            article(None, &[("Turkey", "supports")]),
        ];
        arts.push(article(Some("2011-01-01"), &[("Russia", "supports")]));
        let s = summarise(&arts, Measure::Stance, Period::Year, &p, 2);
        assert_eq!(s.changes.len(), 1, "{:?}", s.changes);
        let c = &s.changes[0];
        assert_eq!(
            (c.actor.as_str(), c.from.as_str(), c.to.as_str()),
            ("Turkey", "2011", "2012")
        );
        assert_eq!((c.from_side, c.to_side), (Side::Positive, Side::Negative));
        assert_eq!(c.first, Some(4));
        assert_eq!(s.actors[0].undated.total(), 1);
        assert_eq!(s.years, ["2011", "2012", "2013"]);
        // Russia has one dated article: it is counted, never a change.
        assert_eq!(s.actors[1].actor, "Russia");
    }

    #[test]
    fn tone_counts_only_readings_that_have_one() {
        let p = Polarity::usual();
        let mut a = article(Some("2014"), &[("Iran", "supports"), ("Qatar", "opposes")]);
        a.readings[0].tone = Some("negative".into());
        let s = summarise(&[a], Measure::Tone, Period::Year, &p, 1);
        assert_eq!(s.actors.len(), 1);
        assert_eq!(s.actors[0].overall.negative, 1);
        assert_eq!(s.unlabelled, 1);
    }
}
