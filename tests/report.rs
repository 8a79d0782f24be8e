//! `stance report` through the binary: what the HTML holds, that it needs no network, that no
//! article text can become markup, what it refuses; and the page as headless Chromium draws it.

mod browser;
mod common;
use common::{stance, write};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// `stance report ARGS... -o dir/NAME`: the HTML.
fn report(dir: &Path, name: &str, args: &[&str]) -> String {
    let out = dir.join(name);
    stance()
        .args(["report", "-q"])
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    std::fs::read_to_string(out).unwrap()
}

/// Values of an attribute, e.g. every `href="..."`.
fn attrs(html: &str, name: &str) -> Vec<String> {
    let key = format!("{name}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Checks every page-internal link lands on an element, and nothing points outside the file.
fn links_resolve_and_stay_local(html: &str) {
    let ids: BTreeSet<String> = attrs(html, "id").into_iter().collect();
    let hrefs = attrs(html, "href");
    assert!(!hrefs.is_empty());
    for h in &hrefs {
        let target = h
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("link {h} leaves the page"));
        assert!(ids.contains(target), "link {h} has no target");
    }
    for needle in [
        "http://", "https://", "<script", "<link", "<iframe", "@import",
    ] {
        assert!(!html.contains(needle), "{needle} in the report");
    }
    // Text from articles may say "src=" (escaped, as text); no tag may load anything.
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
    {
        assert!(!tag.contains(" src="), "a tag loads something: <{tag}>");
    }
}

#[test]
fn the_examples_report_shows_actors_stances_charts_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), "r.html", &[examples().to_str().unwrap()]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for actor in [
        "Russia",
        "Iran",
        "Hayat Tahrir al-Sham",
        "Qatar",
        "Arab League",
    ] {
        assert!(html.contains(actor), "{actor} missing");
    }
    // The three example years are columns of the heatmap, and the timelines are drawn.
    for year in ["2016", "2023", "2024"] {
        assert!(html.contains(&format!(">{year}</text>")), "{year} missing");
    }
    assert!(html.contains("class=\"timeline\""));
    assert!(html.contains("class=\"heatmap\""));
    assert!(html.matches("<rect").count() > 20);
    // Per article: the readings with their columns, mentions marked in stance colours, evidence.
    for column in ["text_stance", "known", "decided_by"] {
        assert!(html.contains(&format!("<th>{column}</th>")));
    }
    assert!(html.contains("<mark class=\"pos\" title=\"Russia: supports\">"));
    assert!(html.contains("class=\"ev\""));
    assert!(html.contains("id=\"changes\""));
    links_resolve_and_stay_local(&html);
    // Deterministic: the same input gives the same bytes.
    let again = report(dir.path(), "r2.html", &[examples().to_str().unwrap()]);
    assert_eq!(html, again);
}

#[test]
fn article_text_cannot_become_markup() {
    let dir = tempfile::tempdir().unwrap();
    let evil = r#"{"id": "x\"><script>alert(1)</script>", "date": "2016-05-01", "text": "Russia said it backs the Syrian army <script>alert('x')</script> <img src=x onerror=alert(2)> & </textarea><b>bold</b> \" ' end."}"#;
    let input = write(dir.path(), "evil.jsonl", evil.as_bytes());
    let html = report(dir.path(), "r.html", &[input.to_str().unwrap()]);
    assert!(html.contains("Russia"), "the article was read");
    for bad in ["<script", "<img", "<b>bold", "</textarea>"] {
        assert!(!html.contains(bad), "{bad} reached the page unescaped");
    }
    assert!(html.contains("&lt;script&gt;alert"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(
        html.contains("x&quot;&gt;&lt;script&gt;"),
        "the id is escaped too"
    );
    links_resolve_and_stay_local(&html);

    // The same from saved predictions, whose actor names and labels come from a file too.
    let rows = r#"{"id": "<i>1</i>", "date": "2016", "actor": "<script>x</script>", "stance": "<b>supports</b>", "evidence": [{"sentence": "<svg onload=alert(1)> said so", "start": 0, "end": 10, "label": "supports", "mention": "<svg onload=alert(1)>"}]}"#;
    let input = write(dir.path(), "rows.jsonl", rows.as_bytes());
    let html = report(dir.path(), "p.html", &[input.to_str().unwrap()]);
    for bad in ["<script", "<b>supports", "<svg onload", "<i>1"] {
        assert!(!html.contains(bad), "{bad} reached the page unescaped");
    }
    assert!(html.contains("&lt;svg onload=alert(1)&gt;"));
}

#[test]
fn saved_predictions_make_the_same_charts_with_evidence_only() {
    let dir = tempfile::tempdir().unwrap();
    let rows = dir.path().join("rows.jsonl");
    stance()
        .args(["predict", "-q", "--format", "jsonl", "-o"])
        .arg(&rows)
        .arg(examples())
        .assert()
        .success();
    let from_rows = report(dir.path(), "rows.html", &[rows.to_str().unwrap()]);
    let from_text = report(dir.path(), "text.html", &[examples().to_str().unwrap()]);
    assert!(from_rows.contains("Built from saved predictions"));
    assert!(!from_text.contains("Built from saved predictions"));
    // The charts count the same readings whichever way they came.
    let section = |h: &str, id: &str| {
        let s = h.find(&format!("id=\"{id}\"")).unwrap();
        let e = h[s..].find("</section>").unwrap();
        h[s..s + e].to_string()
    };
    assert_eq!(
        section(&from_rows, "heatmap-stance"),
        section(&from_text, "heatmap-stance")
    );
    links_resolve_and_stay_local(&from_rows);
    // From stdin the kind cannot be seen: --from-predictions says it.
    let out = dir.path().join("stdin.html");
    stance()
        .args(["report", "-q", "--from-predictions", "-", "-o"])
        .arg(&out)
        .write_stdin(std::fs::read(&rows).unwrap())
        .assert()
        .success();
    assert!(std::fs::read_to_string(out)
        .unwrap()
        .contains("Hayat Tahrir al-Sham"));
}

#[test]
fn undated_articles_are_counted_apart() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "undated-note.txt",
        b"Moscow said it would never allow a no-fly zone over Syria.",
    );
    let b = write(
        dir.path(),
        "moscow-2015.txt",
        b"Moscow said it would never allow a no-fly zone over Syria.",
    );
    let html = report(
        dir.path(),
        "r.html",
        &[a.to_str().unwrap(), b.to_str().unwrap()],
    );
    assert!(html.contains("(1 dated, 1 undated)"), "header counts");
    assert!(html.contains(">undated</text>"), "heatmap column");
    assert!(html.contains("id=\"c-stance-0-undated\""));
    assert!(html.contains("id=\"c-stance-0-2015\""));
    links_resolve_and_stay_local(&html);
}

/// A corpus of `n` dated articles over 2011-2022 with four clear actors each.
fn corpus(n: usize) -> String {
    let sentences = [
        "Turkey said Assad must step down and backed the rebels.",
        "Russia pledged continued military support for the Syrian government.",
        "Iran sent more advisers to help the Syrian army retake Aleppo.",
        "The United States condemned the government's bombing of Homs.",
        "Qatar refused to normalise relations with Assad's government.",
        "Saudi Arabia welcomed Syria's return to the Arab League.",
    ];
    (0..n)
        .map(|i| {
            // The year follows i % 12 and the sentences i / 12, so every actor has every year.
            let text: Vec<&str> = (0..3)
                .map(|k| sentences[(i / 12 + k) % sentences.len()])
                .collect();
            serde_json::json!({
                "id": format!("n{i}"),
                "date": format!("{}-{:02}-{:02}", 2011 + i % 12, 1 + (i * 7) % 12, 1 + (i * 13) % 28),
                "text": text.join(" "),
            })
            .to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn a_thousand_dated_articles_make_one_file_of_a_few_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "corpus.jsonl", corpus(1000).as_bytes());
    let html = report(
        dir.path(),
        "big.html",
        &[input.to_str().unwrap(), "--by", "month", "--top", "6"],
    );
    let size = html.len();
    assert!(size < 4 << 20, "{size} bytes");
    assert!(html.contains("(1000 dated, 0 undated)"));
    assert_eq!(html.matches("<article class=\"art\"").count(), 1000);
    // Months from 2011-01 to 2022-12 on the timelines; years on the heatmap.
    assert!(html.contains("id=\"c-stance-0-2011-01\""));
    assert!(html.contains("id=\"h-stance-0-2022\""));
    links_resolve_and_stay_local(&html);
}

#[test]
fn the_report_refuses_to_replace_what_is_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let art = write(
        dir.path(),
        "a-2016.txt",
        b"Moscow said it would never allow a no-fly zone over Syria.",
    );
    // An input as output.
    stance()
        .args(["report", "-q"])
        .arg(&art)
        .arg("-o")
        .arg(&art)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is also an input"));
    // Someone's notes.
    let notes = write(dir.path(), "notes.html", b"<p>my notes</p>");
    stance()
        .args(["report", "-q"])
        .arg(&art)
        .arg("-o")
        .arg(&notes)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not a stance report"));
    assert_eq!(std::fs::read(&notes).unwrap(), b"<p>my notes</p>");
    // An earlier report is replaced.
    let html = report(dir.path(), "r.html", &[art.to_str().unwrap()]);
    let again = report(
        dir.path(),
        "r.html",
        &[art.to_str().unwrap(), "--title", "Second"],
    );
    assert_ne!(html, again);
    assert!(again.contains("<title>Second</title>"));
    // A mix of rows and articles is most likely a mistake.
    let rows = write(
        dir.path(),
        "rows.jsonl",
        br#"{"id": "1", "actor": "Russia", "stance": "supports"}"#,
    );
    stance()
        .args(["report", "-q"])
        .arg(&rows)
        .arg(&art)
        .arg("-o")
        .arg(dir.path().join("mix.html"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("give one kind"));
    // A bad row names its line.
    let bad = write(dir.path(), "bad.jsonl", b"{\"id\": 1, \"actor\": \"Russia\", \"stance\": \"supports\"}\n{\"id\": 2, \"actor\": 5}\n");
    stance()
        .args(["report", "-q"])
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("bad.html"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.jsonl:2: not a predict row"));
}

#[test]
fn with_sentiment_the_tone_is_charted_too() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(
        dir.path(),
        "r.html",
        &[examples().to_str().unwrap(), "--sentiment", "sentiment"],
    );
    assert!(html.contains("id=\"timeline-tone\""));
    assert!(html.contains("id=\"heatmap-tone\""));
    assert!(html.contains("<th>tone</th>"));
    links_resolve_and_stay_local(&html);
}

#[test]
fn chromium_draws_the_report() {
    let Some(chromium) = browser::chromium_or_skip("chromium_draws_the_report") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    report(dir.path(), "r.html", &[examples().to_str().unwrap()]);
    let url = browser::file_url(&dir.path().join("r.html"));
    let dom = browser::dump_dom(&chromium, &url);
    for actor in ["Russia", "Hayat Tahrir al-Sham", "Qatar"] {
        assert!(dom.contains(actor), "{actor} not in the browser's DOM");
    }
    assert!(dom.contains("<svg"), "no SVG parsed");
    // The SVG was parsed as SVG: the bars are inside the timeline, with their tooltips.
    let tl = &dom[dom.find("class=\"timeline\"").expect("a timeline")..];
    let tl = &tl[..tl.find("</svg>").unwrap()];
    assert!(tl.contains("<rect") && tl.contains("<title>"));
    assert!(dom.contains("<mark class=\"neg\""), "opposes marked");
    assert!(dom.contains(">supports<") && dom.contains(">opposes<"));
    let shot = browser::screenshot(&chromium, &url, 1280, 900);
    assert_eq!((shot.width, shot.height), (1280, 900));
    assert!(shot.colours() > 50, "{} colours", shot.colours());
    assert!(shot.ink() > 0.03, "ink {}", shot.ink());
}

#[test]
fn a_change_of_side_is_found_with_the_first_article_that_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    // Saved rows, so the test does not depend on the model: Turkey for the target in 2010,
    // against it in 2012 (the earliest "opposes" of 2012 is t5, though it is listed last).
    let row = |id: &str, date: &str, actor: &str, stance: &str| {
        serde_json::json!({
            "id": id, "date": date, "actor": actor, "stance": stance, "text_stance": stance,
            "known": null, "decided_by": "text", "confidence": 0.9, "mentions": 1,
            "evidence": [{"sentence": format!("{actor} said so in {id}."), "start": 0, "end": 20,
                          "label": stance, "confidence": 0.9, "mention": actor, "inferred": false}],
        })
        .to_string()
            + "\n"
    };
    let rows = [
        row("t1", "2010-02-01", "Turkey", "supports"),
        row("t2", "2010-05-01", "Turkey", "supports"),
        row("t3", "2010-09-01", "Turkey", "neutral"),
        row("t4", "2012-06-01", "Turkey", "opposes"),
        row("t6", "2012-09-01", "Turkey", "opposes"),
        row("t5", "2012-03-01", "Turkey", "opposes"),
        row("r1", "2010-01-01", "Russia", "supports"),
        row("r2", "2012-01-01", "Russia", "supports"),
    ]
    .concat();
    let input = write(dir.path(), "rows.jsonl", rows.as_bytes());
    let html = report(dir.path(), "r.html", &[input.to_str().unwrap()]);
    let changes = &html[html.find("id=\"changes\"").unwrap()..];
    let changes = &changes[..changes.find("</section>").unwrap()];
    assert_eq!(
        changes.matches("<tr>").count(),
        2,
        "a header and one change: {changes}"
    );
    assert!(changes.contains("<strong>Turkey</strong>"));
    assert!(changes.contains("2010: <span class=\"lab pos\">supports</span>"));
    assert!(changes.contains("2012: <span class=\"lab neg\">opposes</span>"));
    // t5 is the sixth row read, the fifth article: anchors count from 0.
    assert!(changes.contains("<a href=\"#a-5\">t5</a>"), "{changes}");
    assert!(changes.contains("Turkey said so in t5."));
    assert!(!changes.contains("Russia"));
    // With a higher bar no period counts, and nothing changes.
    let html = report(
        dir.path(),
        "r4.html",
        &[input.to_str().unwrap(), "--min-articles", "4"],
    );
    assert!(html.contains("No actor changed side"));
    // The same rows as `predict --format json` writes them (a list) are recognised too.
    let list: Vec<serde_json::Value> = rows
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let json = write(
        dir.path(),
        "rows.json",
        serde_json::to_string_pretty(&list).unwrap().as_bytes(),
    );
    let from_list = report(dir.path(), "l.html", &[json.to_str().unwrap()]);
    assert!(from_list.contains("<a href=\"#a-5\">t5</a>"));
}

#[test]
fn a_users_labels_and_target_are_charted_with_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = [
        ("1", "2020", "Acme", "backs"),
        ("2", "2021", "Acme", "condemns"),
        ("3", "2021", "Acme", "silent"),
    ]
    .iter()
    .map(|(id, date, actor, stance)| {
        serde_json::json!({"id": id, "date": date, "actor": actor, "stance": stance}).to_string()
            + "\n"
    })
    .collect();
    let input = write(dir.path(), "rows.jsonl", rows.as_bytes());
    let html = report(
        dir.path(),
        "r.html",
        &[
            input.to_str().unwrap(),
            "--positive",
            "backs",
            "--negative",
            "condemns",
            "--target",
            "the merger",
        ],
    );
    assert!(html.contains("Stance toward <strong>the merger</strong>"));
    assert!(html.contains("<span class=\"lab pos\">backs</span>"));
    assert!(html.contains("<span class=\"lab neg\">condemns</span>"));
    assert!(html.contains("<span class=\"lab neu\">silent</span>"));
    // 2021: one against, one neither: net -0.50.
    assert!(html.contains("data-net=\"\u{2212}0.50\""), "net of 2021");
    assert!(html.contains("data-net=\"+1.00\""), "net of 2020");
}
