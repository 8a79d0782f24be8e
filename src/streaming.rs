//! Training beyond memory (`stance train --hash-bits N`): hashed features, the data streamed
//! through SGD epochs, memory independent of the number of records.
//!
//! A first pass reads every record once to count them and their labels (and to refuse a
//! malformed one, naming its `file:line`, before any epoch). Then each epoch reads the files
//! again: records are featurized in chunks on rayon's threads while this thread runs SGD, rows
//! pass through a [`ShuffleBuffer`] of bounded size, and nothing else is kept. Memory is the
//! weights (2^N x labels, twice while the last epoch measures its gradient), the shuffle buffer
//! and a few chunks in flight.
//!
//! Deterministic for a given `--seed` whatever the number of threads: a row depends on its record
//! only, chunks reach the solver in file order, and the shuffle and the solver run on one thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;

use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::data::{open_records, ReadOptions, Record};
use crate::error::{Error, Result};
use crate::model::file::sha256_file;
use crate::model::logistic::StreamingSgd;
use crate::model::{Classifier, LogisticParams, Solver};
use crate::pipeline::{now_rfc3339, vectorize, ModelCard, StanceModel, TrainStage};
use crate::text::Analyzer;
use crate::trainer::{
    label_count_warnings, map_labels, LexiconUse, Trained, Trainer, TrainingData,
};
use linfa::ParamGuard;

/// Rows the shuffle buffer holds: about 60 MB of news sentences' rows. Data up to this size is
/// shuffled whole each epoch.
pub const SHUFFLE_BUFFER: usize = 1 << 17;

/// Records featurized together: enough to keep the threads busy, few enough to stay small.
const CHUNK: usize = 4096;

/// Chunks featurized ahead of the solver.
const CHUNKS_IN_FLIGHT: usize = 4;

/// Shuffles a stream within a buffer of bounded size, as `tf.data`'s `shuffle` does: once the
/// buffer is full, each new item takes the place of a random one, which leaves. An item thus
/// leaves at most `capacity` places early and arbitrarily late, and a stream no longer than the
/// buffer comes out as a uniform random permutation. The order depends on the seed only.
pub struct ShuffleBuffer<T> {
    items: Vec<T>,
    capacity: usize,
    rng: rand_chacha::ChaCha8Rng,
}

impl<T> ShuffleBuffer<T> {
    /// An empty buffer of `capacity` items (at least 1), its random draws seeded by `seed`.
    pub fn new(capacity: usize, seed: u64) -> Self {
        ShuffleBuffer {
            items: Vec::new(),
            capacity: capacity.max(1),
            rng: rand_chacha::ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Adds `item`; once the buffer is full, returns a random item to be used now.
    pub fn push(&mut self, item: T) -> Option<T> {
        if self.items.len() < self.capacity {
            self.items.push(item);
            return None;
        }
        let j = self.rng.gen_range(0..self.capacity);
        Some(std::mem::replace(&mut self.items[j], item))
    }

    /// The items left, in random order (the end of a stream); the buffer is empty after, its
    /// random draws continuing for the next stream.
    pub fn drain(&mut self) -> Vec<T> {
        use rand::seq::SliceRandom;
        let mut rest = std::mem::take(&mut self.items);
        rest.shuffle(&mut self.rng);
        rest
    }
}

/// One input of a streaming fit, read again for every pass.
enum Source<'a> {
    /// A file, read with these options.
    File(PathBuf, &'a ReadOptions),
    /// Records already in memory (library callers), named as the card names them.
    Memory(&'a [Record], &'a str),
}

type Stream<'a> = Box<dyn Iterator<Item = Result<Record>> + Send + 'a>;

impl Source<'_> {
    fn open(&self) -> Result<Stream<'_>> {
        match self {
            Source::File(path, read) => Ok(open_records(path, read)?),
            Source::Memory(records, _) => Ok(Box::new(records.iter().cloned().map(Ok))),
        }
    }

    fn name(&self) -> &Path {
        match self {
            Source::File(path, _) => path,
            Source::Memory(_, name) => Path::new(name),
        }
    }
}

/// What the first pass learns about the data.
struct Scan {
    /// Sorted; a class index is a position here.
    labels: Vec<String>,
    counts: Vec<usize>,
    n: usize,
    targets: BTreeMap<String, usize>,
    any_actor: bool,
}

fn scan(sources: &[Source], label_map: &[(String, String)]) -> Result<Scan> {
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    let mut targets: BTreeMap<String, usize> = BTreeMap::new();
    let (mut n, mut any_actor) = (0, false);
    for source in sources {
        let before = n;
        for r in source.open()? {
            let mut r = r?;
            map_labels(std::slice::from_mut(&mut r), label_map);
            let Some(label) = r.label else {
                return Err(Error::input(source.name(), r.line, "record has no label"));
            };
            *labels.entry(label).or_default() += 1;
            if let Some(t) = r.target {
                *targets.entry(t).or_default() += 1;
            }
            any_actor |= r.actor.is_some();
            n += 1;
        }
        if n == before {
            return Err(Error::input(source.name(), 0, "no records in the file"));
        }
    }
    Ok(Scan {
        counts: labels.values().copied().collect(),
        labels: labels.into_keys().collect(),
        n,
        targets,
        any_actor,
    })
}

/// A featurized record: its row and class.
type Row = (Box<[(u32, f32)]>, u32);

/// Trains a hashed model (`settings.hash_bits` must be set) on `files`, reading each once to
/// count and once per epoch; `label_map` renames labels as they are read.
pub fn train_files(
    trainer: &Trainer,
    files: &[PathBuf],
    read: &ReadOptions,
    label_map: &[(String, String)],
    report: &dyn Fn(TrainStage),
) -> Result<Trained> {
    for f in files {
        if f.as_os_str() == "-" {
            return Err(Error::Usage(
                "--hash-bits reads its data once per epoch, and standard input cannot be read again: save it to a file".into(),
            ));
        }
    }
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source::File(f.clone(), read))
        .collect();
    let mut trained = train(trainer, &sources, label_map, report)?;
    let hashes = files
        .iter()
        .map(|f| sha256_file(f))
        .collect::<Result<Vec<_>>>()?;
    let data = TrainingData {
        records: Vec::new(),
        files: files.iter().map(|p| p.display().to_string()).collect(),
        sha256: if hashes.len() == 1 {
            hashes[0].clone()
        } else {
            crate::model::file::sha256_hex(hashes.concat().as_bytes())
        },
        file_sha256: hashes,
        fields: read.fields.for_card(),
    };
    fill_card(&mut trained.model, data);
    Ok(trained)
}

/// [`train_files`] over records in memory (what [`Trainer::train`] does with hashing set).
pub fn train_records(
    trainer: &Trainer,
    data: TrainingData,
    report: &dyn Fn(TrainStage),
) -> Result<Trained> {
    let name = data.files.join(", ");
    let sources = [Source::Memory(&data.records, &name)];
    let mut trained = train(trainer, &sources, &[], report)?;
    fill_card(&mut trained.model, data);
    Ok(trained)
}

fn fill_card(model: &mut StanceModel, data: TrainingData) {
    model.card.data_files = data.files;
    model.card.fields = data.fields;
    model.card.data_sha256 = data.sha256;
    model.card.data_file_sha256 = data.file_sha256;
}

fn train(
    trainer: &Trainer,
    sources: &[Source],
    label_map: &[(String, String)],
    report: &dyn Fn(TrainStage),
) -> Result<Trained> {
    trainer.check()?;
    if trainer.settings.hash_bits.is_none() {
        return Err(Error::Internal("a streaming fit needs --hash-bits".into()));
    }
    report(TrainStage::Counting);
    let scan = scan(sources, label_map)?;
    let warnings = label_count_warnings(
        &scan
            .labels
            .iter()
            .map(String::as_str)
            .zip(scan.counts.iter().copied())
            .collect(),
    );
    if scan.labels.len() < 2 {
        let which = scan.labels.first().map_or("no label".to_string(), |l| {
            format!("a single label (\"{l}\")")
        });
        return Err(Error::Training(format!(
            "training data has {which}: there is nothing to learn"
        )));
    }
    let settings = &trainer.settings;
    let mut options = settings.options(scan.n, trainer.seed);
    if options.use_lexicon && settings.lexicon_marking == LexiconUse::Auto {
        options.use_lexicon = scan.any_actor || scan.targets.contains_key(&trainer.lexicon.target);
    }
    options.extract.priors &= options.use_lexicon;
    crate::pipeline::fit_to_labels(&mut options.extract, &scan.labels);
    // One model for all targets: a model per target would need one set of weights each in
    // memory at once. Word n-grams joined with the target keep the targets apart, as
    // --pooled-targets does.
    let mut notes = Vec::new();
    if scan.targets.len() > 1 && options.per_target {
        notes.push(format!(
            "{} targets: --hash-bits trains one pooled model, its word n-grams joined with the target (as --pooled-targets)",
            scan.targets.len()
        ));
    }
    options.per_target = false;
    options.extract.conjoin_target = scan.targets.len() > 1;
    options.extract.check()?;
    let vectorizer = options.vectorizer.clone().check()?.hashed()?;
    let c = &options.classifier;
    let params = LogisticParams::default()
        .c(c.c)
        .class_weight(c.class_weight)
        .tolerance(c.tolerance)
        .max_iter(c.max_iter)
        .solver(Solver::Sgd)
        .epochs(c.epochs)
        .seed(c.seed)
        .check()?;
    let mut sgd = StreamingSgd::new(&params, vectorizer.len(), &scan.counts)?;
    let builder = trainer.builder(&options);
    let analyzer = Analyzer::new(&options.text);
    let not_found = AtomicUsize::new(0);
    let featurize = |record: &Record| -> Box<[(u32, f32)]> {
        let (example, found) = builder.from_record(record);
        if !found {
            not_found.fetch_add(1, Ordering::Relaxed);
        }
        vectorize(&analyzer, &options.extract, &vectorizer, &example, None).into_boxed_slice()
    };
    let mut buffer = ShuffleBuffer::new(SHUFFLE_BUFFER, trainer.seed);
    let mut feed = Feed {
        sgd: &mut sgd,
        cols: Vec::new(),
        vals: Vec::new(),
    };
    for epoch in 1..=c.epochs {
        report(TrainStage::Epoch {
            epoch,
            epochs: c.epochs,
            features: vectorizer.len(),
        });
        feed.sgd.start_epoch();
        let seen = stream_epoch(sources, label_map, &scan.labels, &featurize, |row| {
            if let Some(r) = buffer.push(row) {
                feed.step(r);
            }
        })?;
        buffer.drain().into_iter().for_each(|r| feed.step(r));
        if seen != scan.n {
            return Err(Error::Training(format!(
                "the training data changed while it was read: {} records in the first pass, {seen} in epoch {epoch}",
                scan.n
            )));
        }
    }
    let classifier = Classifier::Logistic(sgd.finish());
    // Every epoch featurized the same records.
    let actors_not_found = not_found.into_inner() / c.epochs;
    let label_counts = scan
        .labels
        .iter()
        .cloned()
        .zip(scan.counts.iter().copied())
        .collect();
    let card = ModelCard {
        tool_version: env!("CARGO_PKG_VERSION").into(),
        created: now_rfc3339(),
        examples: scan.n,
        label_counts,
        actors_not_found,
        targets: scan.targets,
        sources: trainer.sources.clone(),
        ..Default::default()
    };
    let mut model = StanceModel::assemble(options, scan.labels, vectorizer, classifier, card);
    model.alignment_weight = settings.alignment_weight;
    notes.extend(crate::trainer::actors_not_found_note(&model.card));
    Ok(Trained {
        model,
        cv: None,
        warnings,
        notes,
    })
}

/// Hands rows to the solver, reusing its column and value buffers.
struct Feed<'a> {
    sgd: &'a mut StreamingSgd,
    cols: Vec<u32>,
    vals: Vec<f32>,
}

impl Feed<'_> {
    fn step(&mut self, (row, y): Row) {
        self.cols.clear();
        self.vals.clear();
        for &(j, v) in row.iter() {
            self.cols.push(j);
            self.vals.push(v);
        }
        self.sgd.step(&self.cols, &self.vals, y as usize);
    }
}

/// What turns a record into its row.
type Featurize<'a> = dyn Fn(&Record) -> Box<[(u32, f32)]> + Sync + 'a;

/// Records with their class, read together.
type RecordChunk = Vec<(Record, u32)>;

/// Reads every source once and hands each row to `use_row` here, in file order. Three stages
/// run at once: a thread reads and parses records, another featurizes each chunk of them on
/// rayon's threads, and this one takes the rows. Returns the number of records.
fn stream_epoch(
    sources: &[Source],
    label_map: &[(String, String)],
    labels: &[String],
    featurize: &Featurize<'_>,
    mut use_row: impl FnMut(Row),
) -> Result<usize> {
    let counted = AtomicUsize::new(0);
    let mut failed = None;
    std::thread::scope(|scope| {
        let (records_tx, records_rx) = sync_channel::<Result<RecordChunk>>(CHUNKS_IN_FLIGHT);
        let (rows_tx, rows_rx) = sync_channel::<Result<Vec<Row>>>(CHUNKS_IN_FLIGHT);
        let counted = &counted;
        scope.spawn(move || {
            if let Err(e) = read_chunks(sources, label_map, labels, counted, &records_tx) {
                let _ = records_tx.send(Err(e));
            }
        });
        scope.spawn(move || {
            for chunk in records_rx {
                let rows = chunk.map(|c| c.par_iter().map(|(r, y)| (featurize(r), *y)).collect());
                // A closed channel means the solver stopped on an error: stop too.
                if rows_tx.send(rows).is_err() {
                    return;
                }
            }
        });
        for rows in rows_rx {
            match rows {
                Ok(rows) => rows.into_iter().for_each(&mut use_row),
                Err(e) => {
                    failed = Some(e);
                    // Dropping the receiver stops the other stages at their next send.
                    break;
                }
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(counted.into_inner()),
    }
}

/// Reads the sources' records in chunks, each record with its class, and sends them on; stops
/// quietly when the receiver has gone.
fn read_chunks(
    sources: &[Source],
    label_map: &[(String, String)],
    labels: &[String],
    counted: &AtomicUsize,
    tx: &std::sync::mpsc::SyncSender<Result<RecordChunk>>,
) -> Result<()> {
    let mut chunk: RecordChunk = Vec::with_capacity(CHUNK);
    for source in sources {
        for r in source.open()? {
            let mut r = r?;
            map_labels(std::slice::from_mut(&mut r), label_map);
            let y = r.label.as_ref().and_then(|l| labels.binary_search(l).ok());
            let Some(y) = y else {
                return Err(Error::input(
                    source.name(),
                    r.line,
                    "label not seen in the first pass: the file changed while it was read",
                ));
            };
            counted.fetch_add(1, Ordering::Relaxed);
            chunk.push((r, y as u32));
            if chunk.len() == CHUNK {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                if tx.send(Ok(full)).is_err() {
                    return Ok(());
                }
            }
        }
    }
    if !chunk.is_empty() {
        let _ = tx.send(Ok(chunk));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shuffle_is_a_permutation_fixed_by_the_seed() {
        let run = |n: usize, capacity: usize, seed: u64| {
            let mut b = ShuffleBuffer::new(capacity, seed);
            let mut out: Vec<usize> = (0..n).filter_map(|i| b.push(i)).collect();
            out.extend(b.drain());
            out
        };
        for (n, capacity) in [(1000, 64), (1000, 1000), (1000, 5000), (10, 1)] {
            let a = run(n, capacity, 7);
            let mut sorted = a.clone();
            sorted.sort_unstable();
            assert_eq!(
                sorted,
                (0..n).collect::<Vec<_>>(),
                "n {n} capacity {capacity}"
            );
            assert_eq!(a, run(n, capacity, 7), "same seed, same order");
            if capacity > 1 {
                assert_ne!(a, run(n, capacity, 8), "another seed, another order");
                assert_ne!(a, (0..n).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn the_shuffle_is_bounded() {
        // An item leaves at most `capacity` places before its own, and the buffer never holds
        // more than `capacity` items.
        let capacity = 50;
        let mut b = ShuffleBuffer::new(capacity, 3);
        let mut out = Vec::new();
        for i in 0..2000usize {
            out.extend(b.push(i));
            assert!(b.items.len() <= capacity);
        }
        out.extend(b.drain());
        for (position, &item) in out.iter().enumerate() {
            assert!(item <= position + capacity, "item {item} at {position}");
        }
        // Mixing: items travel (a buffer that only delayed would keep the order).
        let displaced = out.iter().enumerate().filter(|(p, &i)| i != *p).count();
        assert!(displaced > 1900, "{displaced}");
    }

    #[test]
    fn records_in_memory_train_the_model_their_file_trains() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/tiny_stance.jsonl");
        let read = ReadOptions {
            require_label: true,
            ..Default::default()
        };
        let mut trainer = Trainer::default();
        trainer.settings.hash_bits = Some(12);
        let from_file = train_files(&trainer, std::slice::from_ref(&path), &read, &[], &|_| {})
            .unwrap()
            .model;
        let records = crate::data::read_records(&path, &read).unwrap();
        let from_memory = trainer
            .train(TrainingData::from_records(records, "memory"), &|_| {})
            .unwrap()
            .model;
        let weights = |m: &StanceModel| m.classifier.linear_weights().unwrap().0.to_vec();
        assert_eq!(weights(&from_file), weights(&from_memory));
        assert_eq!(from_file.vectorizer.len(), 1 << 12);
        assert_eq!(from_file.card.examples, 36);
        assert_eq!(from_memory.card.data_files, ["memory"]);
        // Another seed, another order through the shuffle buffer, other weights.
        trainer.seed = 2;
        let other = train_files(&trainer, &[path], &read, &[], &|_| {})
            .unwrap()
            .model;
        assert_ne!(weights(&from_file), weights(&other));
    }

    #[test]
    fn a_stream_no_longer_than_the_buffer_is_shuffled_whole() {
        // Every first position is reachable: over seeds, the first item out is spread over the
        // whole stream, not only its start.
        let firsts: std::collections::BTreeSet<usize> = (0..400)
            .map(|seed| {
                let mut b = ShuffleBuffer::new(100, seed);
                (0..100).for_each(|i| assert!(b.push(i).is_none()));
                b.drain()[0]
            })
            .collect();
        assert!(firsts.len() > 80, "{}", firsts.len());
    }
}
