//! Criterion benchmarks of each stage on the team's Syria corpus: text analysis (MB/s),
//! vectorizing (documents/s), training, classifying (records/s) and per-article prediction.
//!
//! `cargo bench` runs them; bench/compare.sh compares whole processes with scikit-learn and
//! fastText (docs/benchmarks.md).

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use stance::actors::{ActorLexicon, MentionMatcher};
use stance::article::{analyze, Article, ArticleOptions};
use stance::data::{read_records, ReadOptions};
use stance::example::{Example, ExampleBuilder};
use stance::model::Solver;
use stance::text::{split_sentences, Analyzer, TextOptions};
use stance::{StanceModel, TrainOptions};

fn records() -> Vec<stance::data::Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/syria/train.jsonl");
    read_records(
        &path,
        &ReadOptions {
            require_label: true,
            ..Default::default()
        },
    )
    .expect("the corpus reads")
}

fn bench(c: &mut Criterion) {
    let records = records();
    let text: String = records
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let analyzer = Analyzer::new(&TextOptions::default());

    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("split_sentences", |b| {
        b.iter(|| split_sentences(&text).len())
    });
    g.bench_function("tokenize_negate_stem", |b| {
        b.iter(|| analyzer.analyze(&text).len())
    });
    g.finish();

    let builder = ExampleBuilder::new(ActorLexicon::builtin(), true);
    let examples: Vec<Example> = records.iter().map(|r| builder.from_record(r).0).collect();
    let options = TrainOptions::default();
    let model = StanceModel::train(&records, &options, &builder).expect("training works");

    let mut g = c.benchmark_group("model");
    g.sample_size(10);
    g.throughput(Throughput::Elements(records.len() as u64));
    g.bench_function("vectorize", |b| {
        b.iter(|| {
            examples
                .iter()
                .map(|e| model.vectorize(e).len())
                .sum::<usize>()
        })
    });
    g.bench_function("classify", |b| {
        b.iter(|| model.predict(&examples).expect("predicts").len())
    });
    // The large-data solver (what `--solver auto` picks from 200k records), on the same data.
    let mut sgd = options.clone();
    sgd.classifier.solver = Solver::Sgd;
    for (name, options) in [("train", &options), ("train_sgd", &sgd)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                StanceModel::train(&records, options, &builder)
                    .expect("trains")
                    .labels
                    .len()
            })
        });
    }
    g.finish();

    let articles: Vec<Article> = records
        .chunks(6)
        .enumerate()
        .map(|(i, c)| Article {
            id: i.to_string(),
            text: c
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            date: None,
        })
        .collect();
    let lexicon = ActorLexicon::builtin();
    let matcher = MentionMatcher::new(&lexicon);
    let mut g = c.benchmark_group("predict");
    g.sample_size(10);
    g.throughput(Throughput::Elements(articles.len() as u64));
    let rows = |a: &Article| {
        analyze(
            a,
            &model,
            None,
            &lexicon,
            &matcher,
            &ArticleOptions::default(),
        )
        .expect("analyses")
        .len()
    };
    g.bench_function("articles", |b| {
        b.iter(|| articles.iter().map(rows).sum::<usize>())
    });
    // One long article: 200k one-line sentences (2 MB) and one sentence naming actors 20k
    // times. Work per article must grow with its length, not its square (docs/robustness.md).
    let long = Article {
        id: "long".into(),
        text: "Iran won. ".repeat(200_000),
        date: None,
    };
    let names = ["Iran", "Russia", "Turkey", "Qatar", "France"];
    let crowded = Article {
        id: "crowded".into(),
        text: format!(
            "{} backed the plan.",
            (0..20_000)
                .map(|i| names[i % names.len()])
                .collect::<Vec<_>>()
                .join(", ")
        ),
        date: None,
    };
    for a in [long, crowded] {
        g.throughput(Throughput::Bytes(a.text.len() as u64));
        g.bench_function(format!("article_{}", a.id), |b| b.iter(|| rows(&a)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
