//! Drawing the report: one HTML file with its styles inline and the charts as SVG, so it opens
//! anywhere with no network. Every string from the input (article text, ids, actor names,
//! labels) goes through maud's escaping; the only unescaped text is this file's own CSS.
//!
//! Its length: the page's templates, its SVG charts and its CSS are one document; splitting the
//! templates would only scatter the markup of one page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::aggregate::{
    summarise, ActorSeries, Change, Measure, Period, Polarity, Side, Summary, Tally,
};
use super::{ArticleReading, EvidenceSentence, Reading};

/// What the report shows and how.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The page title.
    pub title: String,
    /// The target the stances are toward, for the headings (e.g. "Bashar al-Assad").
    pub target: Option<String>,
    /// How many of the most-read actors get a timeline and a heatmap row.
    pub top: usize,
    /// The timeline's period.
    pub period: Period,
    /// Fewest readings a period needs to take part in change detection.
    pub min_articles: usize,
    /// Which labels count for and against.
    pub polarity: Polarity,
    /// Lines for the header: where the readings come from, the model and options.
    pub notes: Vec<String>,
    /// Articles read that had no actor (not drawn; counted in the header).
    pub without_actors: usize,
}

/// The Okabe-Ito colours (safe for the common colour-vision deficiencies): blue for the target,
/// orange against it, grey for neither. Every colour also has a text label or a pattern, so the
/// page reads in grey print too.
const POSITIVE: (u8, u8, u8) = (0x00, 0x72, 0xB2);
const NEGATIVE: (u8, u8, u8) = (0xE6, 0x9F, 0x00);
const NET_ZERO: (u8, u8, u8) = (0xDD, 0xDD, 0xDD);

const CSS: &str = r#"
:root{--pos:#0072B2;--neg:#E69F00;--neu:#999999;--pos-bg:#d5e8f4;--neg-bg:#fbe7c2;--neu-bg:#e9e9e9;--ink:#1a1a1a;--muted:#5a5a5a}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);margin:0 auto;max-width:1160px;padding:0 18px 40px}
header{border-bottom:2px solid #ddd;margin-bottom:10px}
h1{font-size:1.6em;margin:.6em 0 .2em}
h2{font-size:1.3em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
h3{font-size:1.05em;margin:1em 0 .3em}
.muted,.note{color:var(--muted);font-size:.9em}
.note{background:#f6f6f6;border-left:4px solid #bbb;padding:6px 10px;margin:8px 0}
nav a{margin-right:14px}
a{color:#0b4f7c}
.legend{display:flex;gap:18px;flex-wrap:wrap;margin:8px 0;font-size:.9em}
.sw{display:inline-block;width:14px;height:14px;vertical-align:-2px;margin-right:4px;border:1px solid #555}
.sw.pos{background:var(--pos)}.sw.neg{background:var(--neg);background-image:repeating-linear-gradient(45deg,transparent 0 3px,rgba(0,0,0,.45) 3px 4px)}.sw.neu{background:var(--neu)}
.tl{display:grid;grid-template-columns:190px 1fr 110px;gap:4px 10px;align-items:center}
.tl .who{font-weight:600;text-align:right;overflow-wrap:anywhere}
.tl .aside{font-size:.85em;color:var(--muted)}
svg{display:block;max-width:100%;height:auto}
svg text{font-family:inherit}
svg a:hover rect,svg a:focus rect{stroke:#000;stroke-width:1.5}
table{border-collapse:collapse;margin:6px 0}
th,td{padding:3px 8px;border-bottom:1px solid #e2e2e2;text-align:left;vertical-align:top}
th{font-weight:600;background:#fafafa}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.lab{font-weight:600;padding:0 4px;border-radius:3px;white-space:nowrap}
.lab.pos{background:var(--pos-bg);border-bottom:3px solid var(--pos)}
.lab.neg{background:var(--neg-bg);border-bottom:3px dashed var(--neg)}
.lab.neu{background:var(--neu-bg);border-bottom:3px dotted var(--neu)}
mark{color:inherit;padding:0 1px;border-radius:2px}
mark.pos{background:var(--pos-bg);border-bottom:3px solid var(--pos)}
mark.neg{background:var(--neg-bg);border-bottom:3px dashed var(--neg)}
mark.neu{background:var(--neu-bg);border-bottom:3px dotted var(--neu)}
mark.inferred{font-style:italic}
.ev{background:#fffbd6;outline:1px solid #e8dc8a;border-radius:2px}
.text{white-space:pre-wrap;background:#fff;border:1px solid #e2e2e2;padding:10px 12px;margin:6px 0;max-width:80ch}
article.art{border-top:1px solid #ddd;padding-top:4px;margin-top:18px}
article.art:target,section.cell:target{background:#fff8dc;outline:3px solid #e8c547}
section.cell{margin:6px 0;padding:2px 6px}
section.cell h4{margin:4px 0;font-size:.95em}
section.cell ul{margin:0;padding-left:20px;columns:2 24em}
ul.evidence li{margin:4px 0}
.changes td{font-size:.93em}
@media print{
 nav,.noprint{display:none}
 body{max-width:none;font-size:11pt}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
 article.art,section.cell,.tl,table{break-inside:avoid}
 h2{break-after:avoid}
}
form textarea{width:100%;min-height:14em;font:inherit}
form label{display:block;margin:6px 0 2px;font-weight:600}
form input[type=text]{font:inherit;padding:2px 6px}
form button{font:inherit;padding:4px 16px;margin-top:8px}
.error{background:#fde8e8;border-left:4px solid #b00020;padding:6px 10px}
"#;

/// The class of a label's sign: `pos`, `neg` or `neu`.
fn class_of(sign: i8) -> &'static str {
    match sign {
        1 => "pos",
        -1 => "neg",
        _ => "neu",
    }
}

/// A number with at most one decimal, for SVG coordinates (shorter files than full floats).
fn n1(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Net stance as text: +0.50, -0.25, 0.00 (with a true minus sign).
fn net_text(net: f64) -> String {
    let r = (net * 100.0).round() / 100.0;
    if r > 0.0 {
        format!("+{r:.2}")
    } else if r < 0.0 {
        format!("\u{2212}{:.2}", -r)
    } else {
        "0.00".into()
    }
}

/// The heatmap colour of a net stance: grey (net 0; empty cells are white) mixed toward blue or
/// orange by |net|.
fn heat(net: f64) -> (String, &'static str) {
    let to = if net >= 0.0 { POSITIVE } else { NEGATIVE };
    let t = net.abs().clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
    let (r, g, b) = (
        mix(NET_ZERO.0, to.0),
        mix(NET_ZERO.1, to.1),
        mix(NET_ZERO.2, to.2),
    );
    // Relative luminance decides the text colour, so the count stays readable on dark blue.
    let lum = 0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * b as f64;
    let ink = if lum < 120.0 { "#ffffff" } else { "#1a1a1a" };
    (format!("#{r:02x}{g:02x}{b:02x}"), ink)
}

/// The words for a side, from the labels that make it up ("supports", "neutral or mixed").
fn side_words(side: Side, labels: &[String], polarity: &Polarity) -> String {
    let of: Vec<&str> = labels
        .iter()
        .filter(|l| polarity.sign(l) == side.sign())
        .map(String::as_str)
        .collect();
    match side {
        Side::Neutral => {
            if of.is_empty() {
                "mixed".into()
            } else {
                format!("{} or mixed", of.join("/"))
            }
        }
        _ if of.is_empty() => match side {
            Side::Positive => "for".into(),
            _ => "against".into(),
        },
        _ => of.join("/"),
    }
}

/// A cell's breakdown for tooltips: "5 articles: 3 opposes, 2 neutral; net -0.60".
fn breakdown(t: &Tally) -> String {
    let mut s = format!(
        "{} article{}: ",
        t.total(),
        if t.total() == 1 { "" } else { "s" }
    );
    let parts: Vec<String> = t.counts().iter().map(|(l, n)| format!("{n} {l}")).collect();
    s.push_str(&parts.join(", "));
    let _ = write!(s, "; net {}", net_text(t.net()));
    s
}

/// Anchor of an actor's cell list: `c-stance-3-2016`, `c-tone-0-undated`.
fn cell_id(kind: &str, measure: Measure, actor: usize, key: &str) -> String {
    format!("{kind}-{}-{actor}-{key}", measure.as_str())
}

/// The whole report.
pub fn render_report(articles: &[ArticleReading], opts: &ReportOptions) -> String {
    let mut measures = vec![Measure::Stance];
    if articles
        .iter()
        .flat_map(|a| &a.readings)
        .any(|r| r.tone.is_some())
    {
        measures.push(Measure::Tone);
    }
    let summaries: Vec<_> = measures
        .iter()
        .map(|&m| summarise(articles, m, opts.period, &opts.polarity, opts.min_articles))
        .collect();
    let stance_labels = summaries[0].labels.clone();
    let dated = articles
        .iter()
        .filter(|a| Period::Year.bucket(a.date.as_deref()) != super::aggregate::Bucket::Undated)
        .count();
    let year_only = articles
        .iter()
        .filter(|a| {
            opts.period == Period::Month
                && Period::Month.bucket(a.date.as_deref()) == super::aggregate::Bucket::YearOnly
        })
        .count();
    let toward = opts
        .target
        .as_deref()
        .map_or("the target".to_string(), str::to_string);
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(GENERATOR);
                // The page needs nothing from the network, and says so to the browser: even text
                // that slipped through as markup could load nothing and run nothing.
                meta http-equiv="Content-Security-Policy" content=(CSP);
                title { (opts.title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                (patterns())
                header {
                    h1 { (opts.title) }
                    p {
                        "Stance toward " strong { (toward) } " of the actors named in "
                        (articles.len()) " article" @if articles.len() != 1 { "s" }
                        " (" (dated) " dated, " (articles.len() - dated) " undated"
                        @if year_only > 0 { ", " (year_only) " dated to the year only" }
                        ")"
                        @if opts.without_actors > 0 {
                            "; " (opts.without_actors) " more articles named no actor and are not shown"
                        }
                        "."
                    }
                    @for n in &opts.notes { p.note { (n) } }
                    (legend(&stance_labels, &opts.polarity))
                    nav.noprint {
                        @for s in &summaries {
                            a href=(format!("#heatmap-{}", s.measure.as_str())) { "Heatmap (" (s.measure.as_str()) ")" }
                            a href=(format!("#timeline-{}", s.measure.as_str())) { "Timeline (" (s.measure.as_str()) ")" }
                        }
                        a href="#changes" { "Changes" }
                        a href="#articles" { "Articles" }
                        a href="#cells" { "Articles behind each cell" }
                    }
                }
                main {
                    // The heatmap first: the whole picture in one view, then each actor's detail.
                    @for s in &summaries {
                        (heatmap(s, opts))
                        (timeline(s, opts))
                    }
                    (changes(&summaries, articles, opts))
                    section #articles {
                        h2 { "Articles" }
                        @if articles.iter().all(|a| a.text.is_none()) && !articles.is_empty() {
                            p.note {
                                "Built from saved predictions: they carry each actor's evidence sentences but not the article text, so each article shows its evidence sentences only (give the articles themselves to see the full text with every mention highlighted)."
                            }
                        }
                        @for (i, a) in articles.iter().enumerate() {
                            (article_section(i, a, &opts.polarity))
                        }
                    }
                    (cell_lists(&summaries, articles, opts))
                }
                footer.muted {
                    p { "Made by stance " (env!("CARGO_PKG_VERSION")) ". Net stance = (readings for − readings against) ÷ all readings in the cell. See docs/report.md." }
                }
            }
        }
    };
    markup.into_string()
}

/// The report's content security policy: its own inline styles only; no script, no fetch.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The `generator` meta tag: `stance report` writes over a file only when it carries this.
pub const GENERATOR: &str = "stance report";

/// SVG patterns referenced by the charts: the "against" fill is hatched so it differs from the
/// "for" fill by shape as well as colour (grey print, colour-vision deficiencies).
fn patterns() -> Markup {
    html! {
        svg width="0" height="0" style="position:absolute" aria-hidden="true" {
            defs {
                pattern #hatch-neg width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#E69F00" {}
                    rect width="1.6" height="6" fill="#000000" fill-opacity="0.45" {}
                }
            }
        }
    }
}

fn legend(labels: &[String], polarity: &Polarity) -> Markup {
    let has = |sign: i8| labels.iter().any(|l| polarity.sign(l) == sign);
    html! {
        div.legend role="note" {
            span { span.sw.pos {} "blue: " (side_words(Side::Positive, labels, polarity).replace(" or mixed", "")) " (solid underline)" }
            span { span.sw.neg {} "orange, hatched: " (side_words(Side::Negative, labels, polarity)) " (dashed underline)" }
            span { span.sw.neu {} "grey: " @if has(0) { (labels.iter().filter(|l| polarity.sign(l) == 0).cloned().collect::<Vec<_>>().join("/")) } @else { "neutral" } " (dotted underline)" }
            span { span.ev { "yellow" } ": an evidence sentence" }
        }
    }
}

/// Plot geometry of the timelines (SVG user units; the SVG scales to the page).
const TL_W: f64 = 760.0;
const TL_H: f64 = 58.0;
const TL_TOP: f64 = 4.0;
const TL_BAR_H: f64 = 34.0;

fn timeline(s: &Summary, opts: &ReportOptions) -> Markup {
    let m = s.measure;
    let top: Vec<(usize, &ActorSeries)> = s.actors.iter().take(opts.top).enumerate().collect();
    let n = s.periods.len().max(1) as f64;
    let step = TL_W / n;
    let gap = if step > 6.0 { 1.0 } else { 0.0 };
    // Tick labels: every period for years when there is room, else the first period of each year
    // (months) thinned to fit about 14 labels.
    let label_every = ((s.periods.len() as f64) / 14.0).ceil().max(1.0) as usize;
    let ticks: Vec<(usize, &str)> = match s.period {
        Period::Year => s
            .periods
            .iter()
            .enumerate()
            .filter(|(i, _)| i % label_every == 0)
            .map(|(i, k)| (i, k.as_str()))
            .collect(),
        Period::Month => {
            let years: Vec<(usize, &str)> = s
                .periods
                .iter()
                .enumerate()
                .filter(|(i, k)| k.ends_with("-01") || *i == 0)
                .map(|(i, k)| (i, &k[..4]))
                .collect();
            let every = (years.len() as f64 / 14.0).ceil().max(1.0) as usize;
            years.into_iter().step_by(every).collect()
        }
    };
    let by = match s.period {
        Period::Year => "year",
        Period::Month => "month",
    };
    html! {
        section #(format!("timeline-{}", m.as_str())) {
            h2 { "Timeline: " (title_of(m)) " by " (by) }
            p.muted {
                "The " (top.len()) " most-read actors. Each bar is one " (by) ": its blue, grey and orange parts are the shares of articles read "
                (side_words(Side::Positive, &s.labels, &opts.polarity).replace(" or mixed", "")) ", neither, and "
                (side_words(Side::Negative, &s.labels, &opts.polarity)) "; the number under it counts the articles. Hover for the breakdown; click for the articles."
            }
            @if s.periods.is_empty() {
                p.note { "No dated article: there is no timeline to draw. Undated articles are listed per actor below." }
            }
            div.tl {
                @for (ai, a) in &top {
                    div.who { (a.actor) }
                    @if s.periods.is_empty() { div {} } @else {
                        svg viewBox=(format!("0 0 {} {}", n1(TL_W + 30.0), n1(TL_H + 12.0))) role="img"
                            aria-label=(format!("{} of {} by {}", title_of(m), a.actor, by)) class="timeline" {
                            // Axis: 0 and 100 % marks.
                            line x1="28" y1=(n1(TL_TOP)) x2=(n1(TL_W + 30.0)) y2=(n1(TL_TOP)) stroke="#dddddd" {}
                            line x1="28" y1=(n1(TL_TOP + TL_BAR_H)) x2=(n1(TL_W + 30.0)) y2=(n1(TL_TOP + TL_BAR_H)) stroke="#888888" {}
                            text x="24" y=(n1(TL_TOP + 8.0)) font-size="9" text-anchor="end" fill="#5a5a5a" { "100%" }
                            text x="24" y=(n1(TL_TOP + TL_BAR_H)) font-size="9" text-anchor="end" fill="#5a5a5a" { "0" }
                            @for (pi, key) in s.periods.iter().enumerate() {
                                @if let Some(t) = a.periods.get(key) {
                                    @let x = 30.0 + pi as f64 * step + gap / 2.0;
                                    @let w = (step - gap).max(0.5);
                                    @let total = t.total() as f64;
                                    @let hp = TL_BAR_H * t.positive as f64 / total;
                                    @let hz = TL_BAR_H * t.other() as f64 / total;
                                    @let hn = TL_BAR_H * t.negative as f64 / total;
                                    a href=(format!("#{}", cell_id("c", m, *ai, key))) class="bar" {
                                        title { (a.actor) ", " (key) ": " (breakdown(t)) }
                                        @if t.positive > 0 {
                                            rect.pos x=(n1(x)) y=(n1(TL_TOP + TL_BAR_H - hp)) width=(n1(w)) height=(n1(hp)) fill="#0072B2" {}
                                        }
                                        @if t.other() > 0 {
                                            rect.neu x=(n1(x)) y=(n1(TL_TOP + TL_BAR_H - hp - hz)) width=(n1(w)) height=(n1(hz)) fill="#999999" {}
                                        }
                                        @if t.negative > 0 {
                                            rect.neg x=(n1(x)) y=(n1(TL_TOP)) width=(n1(w)) height=(n1(hn)) fill="url(#hatch-neg)" {}
                                        }
                                        @if step >= 16.0 {
                                            text x=(n1(x + w / 2.0)) y=(n1(TL_TOP + TL_BAR_H + 11.0)) font-size="9" text-anchor="middle" { (t.total()) }
                                        }
                                    }
                                }
                            }
                            @for (pi, label) in &ticks {
                                text x=(n1(30.0 + *pi as f64 * step)) y=(n1(TL_H + 10.0)) font-size="10" fill="#333333" { (label) }
                            }
                        }
                    }
                    div.aside {
                        (a.overall.total()) " article" @if a.overall.total() != 1 { "s" }
                        @if a.year_only.total() > 0 {
                            br; a href=(format!("#{}", cell_id("c", m, *ai, "yearonly"))) { (a.year_only.total()) " dated to the year only" }
                        }
                        @if a.undated.total() > 0 {
                            br; a href=(format!("#{}", cell_id("c", m, *ai, "undated"))) { (a.undated.total()) " undated" }
                        }
                    }
                }
            }
            @if s.unlabelled > 0 {
                p.note { (s.unlabelled) " readings had no " (m.as_str()) " and are not counted here." }
            }
        }
    }
}

fn title_of(m: Measure) -> &'static str {
    match m {
        Measure::Stance => "stance",
        Measure::Tone => "tone of coverage",
    }
}

const HM_LABEL: f64 = 180.0;
const HM_CELL_W: f64 = 50.0;
const HM_CELL_H: f64 = 32.0;

fn heatmap(s: &Summary, opts: &ReportOptions) -> Markup {
    let m = s.measure;
    let top: Vec<(usize, &ActorSeries)> = s.actors.iter().take(opts.top).enumerate().collect();
    let cols: Vec<String> = s
        .years
        .iter()
        .cloned()
        .chain(std::iter::once("undated".to_string()))
        .collect();
    let width = HM_LABEL + HM_CELL_W * cols.len() as f64 + 4.0;
    let height = 22.0 + HM_CELL_H * top.len() as f64 + 4.0;
    // With yearly timelines a heatmap cell is a timeline cell: both link to one list.
    let kind = if s.period == Period::Year { "c" } else { "h" };
    html! {
        section #(format!("heatmap-{}", m.as_str())) {
            h2 { "Heatmap: " (title_of(m)) ", actors × years" }
            p.muted {
                "Colour is the net " (m.as_str()) " of the cell, from orange (all " (side_words(Side::Negative, &s.labels, &opts.polarity)) ", −1) through grey (0) to blue (all "
                (side_words(Side::Positive, &s.labels, &opts.polarity).replace(" or mixed", "")) ", +1); the big number counts the articles, the small one is the net. Hover for the breakdown; click for the articles."
            }
            svg viewBox=(format!("0 0 {} {}", n1(width), n1(height))) width=(n1(width)) role="img"
                aria-label=(format!("Heatmap of {} by actor and year", title_of(m))) class="heatmap" {
                @for (ci, c) in cols.iter().enumerate() {
                    text x=(n1(HM_LABEL + HM_CELL_W * ci as f64 + HM_CELL_W / 2.0)) y="15" font-size="11" text-anchor="middle" fill="#333333" { (c) }
                }
                @for (ri, (ai, a)) in top.iter().enumerate() {
                    @let y = 22.0 + HM_CELL_H * ri as f64;
                    text x=(n1(HM_LABEL - 6.0)) y=(n1(y + HM_CELL_H / 2.0 + 4.0)) font-size="12" text-anchor="end" { (a.actor) }
                    @for (ci, c) in cols.iter().enumerate() {
                        @let x = HM_LABEL + HM_CELL_W * ci as f64;
                        @let (t, href) = if c == "undated" {
                            (Some(&a.undated), cell_id("c", m, *ai, "undated"))
                        } else {
                            (a.years.get(c), cell_id(kind, m, *ai, c))
                        };
                        @match t.filter(|t| t.total() > 0) {
                            Some(t) => {
                                @let (fill, ink) = heat(t.net());
                                a href=(format!("#{href}")) class="cell" {
                                    title { (a.actor) ", " (c) ": " (breakdown(t)) }
                                    rect x=(n1(x + 1.0)) y=(n1(y + 1.0)) width=(n1(HM_CELL_W - 2.0)) height=(n1(HM_CELL_H - 2.0)) fill=(fill) data-net=(net_text(t.net())) {}
                                    text x=(n1(x + HM_CELL_W / 2.0)) y=(n1(y + 15.0)) font-size="12" font-weight="600" text-anchor="middle" fill=(ink) { (t.total()) }
                                    text x=(n1(x + HM_CELL_W / 2.0)) y=(n1(y + 27.0)) font-size="9" text-anchor="middle" fill=(ink) { (net_text(t.net())) }
                                }
                            }
                            None => {
                                rect x=(n1(x + 1.0)) y=(n1(y + 1.0)) width=(n1(HM_CELL_W - 2.0)) height=(n1(HM_CELL_H - 2.0)) fill="#ffffff" stroke="#eeeeee" {}
                            }
                        }
                    }
                }
            }
        }
    }
}

fn changes(summaries: &[Summary], articles: &[ArticleReading], opts: &ReportOptions) -> Markup {
    let by = match opts.period {
        Period::Year => "year",
        Period::Month => "month",
    };
    html! {
        section #changes {
            h2 { "Changes" }
            p.muted {
                "An actor changes when the side its articles lean to (net ≥ +⅓: for; net ≤ −⅓: against; else neutral or mixed) differs between two consecutive "
                (by) "s that each have at least " (opts.min_articles) " article" @if opts.min_articles != 1 { "s" } " about it. "
                "The first article is the earliest of the later " (by) " that reads on the new side."
            }
            @for s in summaries {
                @if summaries.len() > 1 { h3 { "Changes in " (title_of(s.measure)) } }
                @if s.changes.is_empty() {
                    p { "No actor changed side in these articles." }
                } @else {
                    table.changes {
                        thead { tr { th { "actor" } th { "before" } th { "after" } th { "first article showing the move" } } }
                        tbody {
                            @for c in &s.changes { (change_row(c, s, articles, opts)) }
                        }
                    }
                }
            }
        }
    }
}

fn change_row(
    c: &Change,
    s: &Summary,
    articles: &[ArticleReading],
    opts: &ReportOptions,
) -> Markup {
    let words = |side| side_words(side, &s.labels, &opts.polarity);
    let cls = |side: Side| class_of(side.sign());
    let first = c.first.map(|i| (i, &articles[i]));
    let evidence = first.and_then(|(_, a)| {
        a.readings
            .iter()
            .find(|r| r.actor == c.actor)
            .and_then(|r| r.evidence.first())
    });
    html! {
        tr {
            td { strong { (c.actor) } }
            td { (c.from) ": " span class=(format!("lab {}", cls(c.from_side))) { (words(c.from_side)) } br; span.muted { "net " (net_text(c.from_net)) ", " (c.from_count) " articles" } }
            td { (c.to) ": " span class=(format!("lab {}", cls(c.to_side))) { (words(c.to_side)) } br; span.muted { "net " (net_text(c.to_net)) ", " (c.to_count) " articles" } }
            td {
                @match first {
                    Some((i, a)) => {
                        a href=(format!("#a-{i}")) { (a.id) } " " span.muted { (a.date.as_deref().unwrap_or("undated")) }
                        @if let Some(e) = evidence { br; q { (e.sentence) } }
                    }
                    None => { "—" }
                }
            }
        }
    }
}

/// The lists behind the chart cells: one per (actor, period) drawn, each linking its articles.
fn cell_lists(summaries: &[Summary], articles: &[ArticleReading], opts: &ReportOptions) -> Markup {
    html! {
        section #cells {
            h2 { "Articles behind each cell" }
            @for s in summaries {
                @let m = s.measure;
                @for (ai, a) in s.actors.iter().take(opts.top).enumerate() {
                    @if s.period == Period::Year {
                        @for (key, t) in &a.periods {
                            (cell_list(&cell_id("c", m, ai, key), &a.actor, key, t, articles, &opts.polarity))
                        }
                    } @else {
                        // A heatmap year holds its months' lists: each article is listed once.
                        @for (year, yt) in &a.years {
                            section.cell #(cell_id("h", m, ai, year)) {
                                h4 { (a.actor) ", " (year) ": " (breakdown(yt)) }
                                @for (key, t) in a.periods.range(year.clone()..format!("{year}-99")) {
                                    (cell_list(&cell_id("c", m, ai, key), &a.actor, key, t, articles, &opts.polarity))
                                }
                                @let only = year_only_in(&a.year_only, year, articles);
                                @if only.total() > 0 {
                                    (cell_list(&cell_id("c", m, ai, &format!("{year}-yearonly")), &a.actor, &format!("{year}, no month"), &only, articles, &opts.polarity))
                                }
                            }
                        }
                        @if a.year_only.total() > 0 {
                            (cell_list(&cell_id("c", m, ai, "yearonly"), &a.actor, "dated to the year only", &a.year_only, articles, &opts.polarity))
                        }
                    }
                    @if a.undated.total() > 0 {
                        (cell_list(&cell_id("c", m, ai, "undated"), &a.actor, "undated", &a.undated, articles, &opts.polarity))
                    }
                }
            }
        }
    }
}

/// The readings of `t` whose article is dated to `year` (and no month).
fn year_only_in(t: &Tally, year: &str, articles: &[ArticleReading]) -> Tally {
    let items: Vec<(usize, String, i8)> = t
        .items
        .iter()
        .filter(|(i, _, _)| articles[*i].date.as_deref() == Some(year))
        .cloned()
        .collect();
    Tally {
        positive: items.iter().filter(|x| x.2 == 1).count(),
        negative: items.iter().filter(|x| x.2 == -1).count(),
        items,
    }
}

fn cell_list(
    id: &str,
    actor: &str,
    key: &str,
    t: &Tally,
    articles: &[ArticleReading],
    polarity: &Polarity,
) -> Markup {
    html! {
        section.cell #(id) {
            h4 { (actor) ", " (key) ": " (breakdown(t)) }
            ul {
                @for (i, label, _) in &t.items {
                    li {
                        a href=(format!("#a-{i}")) { (articles[*i].id) }
                        " " span.muted { (articles[*i].date.as_deref().unwrap_or("undated")) }
                        " " span class=(format!("lab {}", class_of(polarity.sign(label)))) { (label) }
                    }
                }
            }
        }
    }
}

/// One article: its readings and its text (or evidence sentences) with the mentions marked.
pub fn article_section(index: usize, a: &ArticleReading, polarity: &Polarity) -> Markup {
    let has_tone = a.readings.iter().any(|r| r.tone.is_some());
    html! {
        article.art #(format!("a-{index}")) {
            h3 { (a.id) " " span.muted { (a.date.as_deref().unwrap_or("undated")) } }
            @if a.readings.is_empty() {
                p.muted { "No actor found in this article." }
            } @else {
                table.readings {
                    thead { tr {
                        th { "actor" } th { "stance" } th { "text_stance" } th { "known" } th { "decided_by" }
                        th { "confidence" } th { "mentions" } @if has_tone { th { "tone" } }
                    } }
                    tbody {
                        @for r in &a.readings { (reading_row(r, polarity, has_tone)) }
                    }
                }
            }
            @match &a.text {
                Some(text) => { div.text { (highlighted(text, a, polarity)) } }
                None => {
                    @if !a.readings.is_empty() {
                        ul.evidence {
                            @for r in &a.readings {
                                @for e in &r.evidence { (evidence_item(r, e, polarity)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn lab(label: &str, polarity: &Polarity) -> Markup {
    html! { span class=(format!("lab {}", class_of(polarity.sign(label)))) { (label) } }
}

fn reading_row(r: &Reading, polarity: &Polarity, has_tone: bool) -> Markup {
    html! {
        tr {
            td { (r.actor) @if !r.kind.is_empty() { " " span.muted { (r.kind) } } }
            td { (lab(&r.stance, polarity)) }
            td { @match &r.text_stance { Some(t) => (lab(t, polarity)), None => "—" } }
            td { @match &r.known { Some(k) => (lab(k, polarity)), None => "—" } }
            td { (r.decided_by.as_deref().unwrap_or("—")) }
            td.num { (format!("{:.2}", r.confidence)) }
            td.num { (r.mentions) }
            @if has_tone { td { @match &r.tone { Some(t) => (lab(t, polarity)), None => "—" } } }
        }
    }
}

/// An evidence sentence without its article (saved predictions): the mention marked in it.
fn evidence_item(r: &Reading, e: &EvidenceSentence, polarity: &Polarity) -> Markup {
    let cls = class_of(polarity.sign(&r.stance));
    let (before, hit, after) = match (!e.mention.is_empty())
        .then(|| e.sentence.find(&e.mention))
        .flatten()
    {
        Some(at) => (
            &e.sentence[..at],
            &e.sentence[at..at + e.mention.len()],
            &e.sentence[at + e.mention.len()..],
        ),
        None => (e.sentence.as_str(), "", ""),
    };
    html! {
        li {
            strong { (r.actor) } " (" (lab(&e.label, polarity)) ", " (format!("{:.2}", e.confidence)) "): "
            span.ev title=(format!("evidence for {}: {} ({:.2})", r.actor, e.label, e.confidence)) {
                (before)
                @if !hit.is_empty() { mark class=(cls) title=(format!("{}: {}", r.actor, r.stance)) { (hit) } }
                (after)
            }
        }
    }
}

/// The text with evidence sentences and mentions marked. Evidence ranges are whole sentences
/// (they never overlap one another); a mention that would cross a sentence's edge is left
/// unmarked rather than producing overlapping markup.
fn highlighted(text: &str, a: &ArticleReading, polarity: &Polarity) -> Markup {
    let stance_of: BTreeMap<&str, &Reading> =
        a.readings.iter().map(|r| (r.actor.as_str(), r)).collect();
    // Evidence sentences by byte range, with who they are evidence for.
    let mut ev: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for r in &a.readings {
        for e in &r.evidence {
            if let Some(range) = crate::data::char_to_byte_range(text, e.start, e.end) {
                ev.entry((range.start, range.end))
                    .or_default()
                    .push(format!("{}: {} ({:.2})", r.actor, e.label, e.confidence));
            }
        }
    }
    let mut ranges: Vec<((usize, usize), String)> = Vec::new();
    for ((s, e), who) in ev {
        if ranges.last().is_some_and(|((_, le), _)| s < *le) {
            continue;
        }
        ranges.push(((s, e), format!("evidence for {}", who.join("; "))));
    }
    let mentions: Vec<&super::MentionSpan> = a
        .mentions
        .iter()
        .filter(|m| stance_of.contains_key(m.actor.as_str()) && m.end <= text.len())
        .collect();
    // Segments: plain stretches and evidence sentences, each with its mentions.
    let mut segments: Vec<(Option<&str>, usize, usize)> = Vec::new();
    let mut at = 0;
    for ((s, e), title) in &ranges {
        if *s > at {
            segments.push((None, at, *s));
        }
        segments.push((Some(title.as_str()), *s, *e));
        at = *e;
    }
    if at < text.len() {
        segments.push((None, at, text.len()));
    }
    let piece = |from: usize, to: usize| -> Markup {
        // (plain text before, the mention) pairs, then the rest.
        let mut parts: Vec<(&str, &super::MentionSpan)> = Vec::new();
        let mut pos = from;
        for m in mentions.iter().filter(|m| m.start >= from && m.end <= to) {
            parts.push((&text[pos..m.start], m));
            pos = m.end;
        }
        let rest = &text[pos..to];
        html! {
            @for (before, m) in &parts {
                @let r = stance_of[m.actor.as_str()];
                (before)
                mark class=(format!("{}{}", class_of(polarity.sign(&r.stance)), if m.inferred { " inferred" } else { "" }))
                    title=(format!("{}: {}{}", r.actor, r.stance, if m.inferred { " (pronoun)" } else { "" })) {
                    (&text[m.start..m.end])
                }
            }
            (rest)
        }
    };
    html! {
        @for (title, s, e) in &segments {
            @match title {
                Some(t) => { span.ev title=(t) { (piece(*s, *e)) } }
                None => { (piece(*s, *e)) }
            }
        }
    }
}

/// What the served page's form holds.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    /// The pasted text.
    pub text: String,
    /// The date typed in.
    pub date: String,
}

/// The page `stance serve` shows: the form, and under it the reading of the posted article or
/// the error that stopped it. `labels` are the model's, for the legend.
pub fn render_page(
    form: &FormState,
    result: Option<&ArticleReading>,
    error: Option<&str>,
    labels: &[String],
    polarity: &Polarity,
    target: Option<&str>,
) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "stance: read an article" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "Read an article" }
                    p { "Paste a news article: each actor it names gets its stance toward " strong { (target.unwrap_or("the target")) } ", with the sentences that show it. Nothing leaves this computer." }
                }
                form method="post" action="/" {
                    label for="text" { "Article" }
                    textarea #text name="text" required placeholder="Paste the article text here" { (form.text) }
                    label for="date" { "Date (YYYY-MM-DD or YYYY; optional: it decides titles and known alignments)" }
                    input #date type="text" name="date" value=(form.date) placeholder="2016-12-13" inputmode="numeric";
                    br;
                    button type="submit" { "Read it" }
                }
                @if let Some(e) = error { p.error role="alert" { (e) } }
                @if let Some(a) = result {
                    h2 { "Reading" }
                    (legend(labels, polarity))
                    (article_section(0, a, polarity))
                }
                footer.muted {
                    p { "JSON: POST /predict with {\"text\": \"...\", \"date\": \"YYYY-MM-DD\"} (or a list of them) returns what stance predict --format json returns. stance " (env!("CARGO_PKG_VERSION")) "." }
                }
            }
        }
    }
    .into_string()
}
