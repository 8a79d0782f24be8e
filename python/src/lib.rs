//! `stance._stance`: the Python extension. All the work is the `stance` crate's; this file only
//! converts types and errors, and lets go of the GIL while the crate works. The Python package
//! (`python/stance/__init__.py`) wraps it with docstrings, DataFrames and argument handling.
//!
//! Results cross into Python as JSON text built by the same functions the command line writes
//! with (`row_json`, `classify_json`, the report's serde form), so both give the same fields
//! and the same rounding.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use stance::actors::ActorLexicon;
use stance::builtin::load_model;
use stance::data::{open_reader, FieldMap, InputFormat, ReadOptions, Record};
use stance::features::DfBound;
use stance::model::{ClassWeight, ClassifierKind};
use stance::predictor::{classify_json, row_json, Predictor};
use stance::text::Language;
use stance::trainer::{
    check_model_output, label_warnings, map_labels, CharNgrams, LexiconUse, NbScale, SolverChoice,
    Trainer, TrainingData,
};
use stance::{Article, Error};

create_exception!(
    _stance,
    StanceError,
    PyValueError,
    "Bad input, options or model file: what the command line refuses with exit code 2."
);

/// The crate's error as a Python exception with the command line's message: a failed read or
/// write is an `OSError`, anything the user can fix (exit code 2 on the command line) a
/// `StanceError`, any other failure (the solver library, a bug) a `RuntimeError`.
fn to_py(e: Error) -> PyErr {
    match &e {
        Error::Io { .. } => PyOSError::new_err(e.to_string()),
        e if e.is_users() => StanceError::new_err(e.to_string()),
        _ => PyRuntimeError::new_err(e.to_string()),
    }
}

fn usage(message: String) -> PyErr {
    StanceError::new_err(message)
}

/// The name records given in memory go by in error messages (`<records>:3: missing field`).
const IN_MEMORY: &str = "<records>";

/// Field names of records, as the command line's `--text-field` and friends give them.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Fields {
    id: String,
    text: String,
    label: String,
    actor: String,
    target: String,
    span: String,
}

fn read_options(fields: &Fields, require_label: bool) -> ReadOptions {
    ReadOptions {
        format: InputFormat::Jsonl,
        fields: FieldMap {
            id: fields.id.clone(),
            text: fields.text.clone(),
            label: fields.label.clone(),
            actor: fields.actor.clone(),
            target: fields.target.clone(),
            span: fields.span.clone(),
            group: None,
        },
        require_label,
        max_record_bytes: stance::data::DEFAULT_MAX_RECORD_BYTES,
        keep_fields: false,
    }
}

/// Records from JSONL bytes (the package writes them from dicts or a DataFrame), read by the
/// command line's own reader, so fields, spans, dates and errors are read the same way.
fn records_from_jsonl(jsonl: Vec<u8>, options: &ReadOptions) -> stance::Result<Vec<Record>> {
    let stream = open_reader(Box::new(Cursor::new(jsonl)), Path::new(IN_MEMORY), options)?;
    let records = stream.collect::<stance::Result<Vec<_>>>()?;
    if records.is_empty() {
        return Err(Error::input(IN_MEMORY, 0, "no records"));
    }
    Ok(records)
}

/// Records from files (the command line's way, extension decides the format) or from JSONL
/// bytes.
enum Data {
    Files(Vec<PathBuf>),
    Jsonl(Vec<u8>),
}

impl<'py> FromPyObject<'_, 'py> for Data {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = ob.extract::<Vec<u8>>() {
            return Ok(Data::Jsonl(bytes));
        }
        Ok(Data::Files(ob.extract::<Vec<PathBuf>>()?))
    }
}

impl Data {
    fn records(self, options: &ReadOptions) -> stance::Result<Vec<Record>> {
        match self {
            Data::Jsonl(bytes) => records_from_jsonl(bytes, options),
            Data::Files(files) => Ok(TrainingData::read(&files, options)?.records),
        }
    }

    fn name(&self) -> String {
        match self {
            Data::Files(f) if f.len() == 1 => f[0].display().to_string(),
            Data::Files(f) => f
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Data::Jsonl(_) => IN_MEMORY.into(),
        }
    }
}

/// Prediction options, as `stance predict`'s flags give them.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Options {
    sentiment: Option<String>,
    rollup: bool,
    include_sources: bool,
    include_target: bool,
    no_priors: bool,
    min_stance: Option<f64>,
    min_text_stance: Option<f64>,
    alignment_weight: Option<f64>,
    date: Option<String>,
    explain: usize,
    readings: bool,
}

fn configure(p: Predictor, o: &Options) -> stance::Result<Predictor> {
    p.sentiment(o.sentiment.as_deref().map(load_model).transpose()?)
        .rollup(o.rollup)
        .include_sources(o.include_sources)
        .include_target(o.include_target)
        .explain(o.explain)
        .readings(o.readings)
        .no_priors(o.no_priors)
        .min_stance(o.min_stance.unwrap_or(stance::article::DEFAULT_MIN_STANCE))?
        .min_text_stance(
            o.min_text_stance
                .unwrap_or(stance::article::DEFAULT_MIN_TEXT_STANCE),
        )?
        .alignment_weight(o.alignment_weight)?
        .date(o.date.as_deref())
}

fn lexicon(path: Option<&Path>, extend: bool) -> stance::Result<ActorLexicon> {
    Ok(match path {
        None => ActorLexicon::builtin(),
        Some(p) if extend => {
            let mut lex = ActorLexicon::builtin();
            lex.extend(ActorLexicon::load(p)?);
            lex
        }
        Some(p) => ActorLexicon::load(p)?,
    })
}

/// Articles from the three parallel lists, dates checked as a JSONL `date` is: a wrong date is
/// an error, not an unknown one.
fn articles(
    texts: Vec<String>,
    dates: Vec<Option<String>>,
    ids: Vec<String>,
) -> stance::Result<Vec<Article>> {
    if dates.len() != texts.len() || ids.len() != texts.len() {
        return Err(Error::Usage(format!(
            "{} texts but {} dates and {} ids",
            texts.len(),
            dates.len(),
            ids.len()
        )));
    }
    let mut articles = Vec::with_capacity(texts.len());
    for (i, ((text, date), id)) in texts.into_iter().zip(dates).zip(ids).enumerate() {
        let date = date
            .map(|d| stance::date::normalise(&d))
            .transpose()
            .map_err(|e| Error::Usage(format!("dates[{i}] (id {id}): {e}")))?;
        articles.push(Article { id, text, date });
    }
    Ok(articles)
}

fn json_text(v: &impl serde::Serialize) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// The stance model, optional sentiment model, actor lexicon and options: `stance.Predictor`'s
/// engine.
#[pyclass(module = "stance._stance", frozen)]
struct Engine {
    inner: Predictor,
}

impl Engine {
    /// The rows of `stance predict --format jsonl` for the articles, in input order.
    fn rows(&self, articles: Vec<Article>) -> stance::Result<Vec<serde_json::Value>> {
        let mut rows = Vec::new();
        for (a, r) in articles.iter().zip(self.inner.predict_batch(&articles)) {
            let date = self.inner.date_of(a);
            rows.extend(r?.iter().map(|s| row_json(&a.id, date, s)));
        }
        Ok(rows)
    }
}

#[pymethods]
impl Engine {
    /// A model file, or without one the built-in model called `builtin`, with a lexicon file (replacing the built-in one, or extending it).
    #[staticmethod]
    #[pyo3(signature = (model, builtin, lexicon_path, extend_lexicon, options))]
    fn open(
        py: Python<'_>,
        model: Option<PathBuf>,
        builtin: String,
        lexicon_path: Option<PathBuf>,
        extend_lexicon: bool,
        options: Options,
    ) -> PyResult<Self> {
        py.detach(|| {
            let model = match &model {
                None => load_model(&format!("builtin:{builtin}"))?,
                Some(p) => stance::StanceModel::load(p)?,
            };
            let lexicon = lexicon(lexicon_path.as_deref(), extend_lexicon)?;
            configure(Predictor::new(model, lexicon), &options)
        })
        .map(|inner| Engine { inner })
        .map_err(to_py)
    }

    /// One JSON array of `stance predict --format jsonl` rows for the articles, in input order.
    #[pyo3(signature = (texts, dates, ids))]
    fn predict(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        dates: Vec<Option<String>>,
        ids: Vec<String>,
    ) -> PyResult<String> {
        let rows = py.detach(|| self.rows(articles(texts, dates, ids)?));
        json_text(&rows.map_err(to_py)?)
    }

    /// The bytes `stance predict --format jsonl` writes for the articles: for writing parts of
    /// one output without a round trip through Python objects.
    #[pyo3(signature = (texts, dates, ids))]
    fn predict_jsonl<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        dates: Vec<Option<String>>,
        ids: Vec<String>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let out = py.detach(|| -> stance::Result<Vec<u8>> {
            let mut out = Vec::new();
            for row in self.rows(articles(texts, dates, ids)?)? {
                // The command line's line writer: serde_json's compact form and a newline.
                serde_json::to_writer(&mut out, &row)
                    .map_err(|e| Error::Internal(e.to_string()))?;
                out.push(b'\n');
            }
            Ok(out)
        });
        Ok(PyBytes::new(py, &out.map_err(to_py)?))
    }

    /// One JSON array of `stance classify --format jsonl` rows for records given as JSONL
    /// bytes or files.
    fn classify(&self, py: Python<'_>, data: Data, fields: Fields) -> PyResult<String> {
        let rows = py.detach(|| -> stance::Result<Vec<serde_json::Value>> {
            let records = data.records(&read_options(&fields, false))?;
            let classified = self.inner.classify(&records)?;
            let labels = &self.inner.model().labels;
            Ok(records
                .iter()
                .zip(&classified.predictions)
                .map(|(r, p)| classify_json(&r.id, labels, p))
                .collect())
        });
        json_text(&rows.map_err(to_py)?)
    }

    /// `stance evaluate --format json`'s report, as JSON text.
    #[pyo3(signature = (data, fields, favg, label_map))]
    fn evaluate(
        &self,
        py: Python<'_>,
        data: Data,
        fields: Fields,
        favg: Option<Vec<String>>,
        label_map: Vec<(String, String)>,
    ) -> PyResult<String> {
        let report = py.detach(|| {
            let name = data.name();
            let mut records = data.records(&read_options(&fields, true))?;
            map_labels(&mut records, &label_map);
            self.inner
                .evaluate(&records, favg.as_deref(), &name)
                .map(|(r, _)| r)
        });
        json_text(&report.map_err(to_py)?)
    }

    /// The model's labels.
    #[getter]
    fn labels(&self) -> Vec<String> {
        self.inner.model().labels.clone()
    }

    /// The model card (what `stance inspect` shows), as JSON text.
    fn card(&self) -> PyResult<String> {
        json_text(&self.inner.model().card)
    }

    /// Writes the model file atomically, refusing what `train --out` refuses.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| {
            check_model_output(&path, &[])?;
            self.inner.model().save(&path)
        })
        .map_err(to_py)
    }
}

/// Reads a `char_ngrams` option: "auto", None, or a (MIN, MAX) pair.
fn char_ngrams(v: &Bound<'_, PyAny>) -> PyResult<CharNgrams> {
    if v.is_none() {
        return Ok(CharNgrams::Fixed(None));
    }
    if let Ok(s) = v.extract::<String>() {
        return match s.as_str() {
            "auto" => Ok(CharNgrams::Auto),
            "none" => Ok(CharNgrams::Fixed(None)),
            _ => Err(usage(format!(
                "char_ngrams {s:?}: give \"auto\", None or (MIN, MAX)"
            ))),
        };
    }
    Ok(CharNgrams::Fixed(Some(v.extract()?)))
}

/// A value of one of the command line's enumerated flags, by its command-line name.
fn choice<T: clap::ValueEnum>(name: &str, v: &Bound<'_, PyAny>) -> PyResult<T> {
    let s: String = v.extract()?;
    T::from_str(&s, true).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|x| x.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        usage(format!("{name} {s:?}: give one of {}", names.join(", ")))
    })
}

fn df_bound(name: &str, v: &Bound<'_, PyAny>) -> PyResult<DfBound> {
    // An int is a count and a float a fraction, as scikit-learn reads them.
    let s = if v.is_instance_of::<pyo3::types::PyFloat>() {
        format!("{:?}", v.extract::<f64>()?)
    } else {
        v.str()?.to_string()
    };
    s.parse()
        .map_err(|e: String| usage(format!("{name} {s}: {e}")))
}

/// The pipeline's options by the names of `stance train`'s flags (without `--` and `no-`,
/// underscores for dashes); an unknown name is refused rather than ignored.
fn settings(options: &Bound<'_, pyo3::types::PyDict>) -> PyResult<stance::trainer::TrainSettings> {
    let mut s = stance::trainer::TrainSettings::default();
    for (k, v) in options.iter() {
        let key: String = k.extract()?;
        match key.as_str() {
            "task" => s.task = v.extract()?,
            "language" => s.language = choice::<Language>(&key, &v)?,
            "stem" => s.stem = v.extract()?,
            "negation" => s.negation = v.extract()?,
            "word_ngrams" => s.word_ngrams = v.extract()?,
            "char_ngrams" => s.char_ngrams = char_ngrams(&v)?,
            "actor_window" => s.actor_window = v.extract()?,
            "clause" => s.clause = v.extract()?,
            "cues" => s.cues = v.extract()?,
            "valence" => s.valence = v.extract()?,
            "segments" => s.segments = v.extract()?,
            "cue_none" => s.cue_none = v.extract()?,
            "prior_features" => s.prior_features = v.extract()?,
            "alignment_weight" => s.alignment_weight = v.extract()?,
            "min_df" => s.min_df = df_bound(&key, &v)?,
            "max_df" => s.max_df = df_bound(&key, &v)?,
            "max_features" => s.max_features = v.extract()?,
            "sublinear_tf" => s.sublinear_tf = v.extract()?,
            "block_weights" => s.block_weights = v.extract()?,
            "classifier" => s.classifier = choice::<ClassifierKind>(&key, &v)?,
            "c" => s.c = v.extract()?,
            "class_weight" => s.class_weight = choice::<ClassWeight>(&key, &v)?,
            "tol" => s.tol = v.extract()?,
            "max_iter" => s.max_iter = v.extract()?,
            "solver" => s.solver = choice::<SolverChoice>(&key, &v)?,
            "epochs" => s.epochs = v.extract()?,
            "warm_epochs" => s.warm_epochs = v.extract()?,
            "alpha" => s.alpha = v.extract()?,
            "lexicon_marking" => s.lexicon_marking = choice::<LexiconUse>(&key, &v)?,
            "nb_scale" => s.nb_scale = choice::<NbScale>(&key, &v)?,
            "per_target" => s.per_target = v.extract()?,
            "mark_names" => s.mark_names = v.extract()?,
            "mention_words" => s.mention_words = v.extract()?,
            "mention_position" => s.mention_position = v.extract()?,
            "clause_pairs" => s.clause_pairs = v.extract()?,
            "hash_bits" => s.hash_bits = v.extract()?,
            _ => return Err(usage(format!("train: no option called {key:?}"))),
        }
    }
    Ok(s)
}

/// What `stance train` does: reads records (JSONL bytes or files), fits, writes the model to
/// `out` when given (refused before any work when `train --out` would refuse it), and returns
/// the engine over it with the warnings training gave.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (data, out, fields, options, lexicon_path, extend_lexicon, seed, cv, sources, label_map))]
fn train(
    py: Python<'_>,
    data: Data,
    out: Option<PathBuf>,
    fields: Fields,
    options: &Bound<'_, pyo3::types::PyDict>,
    lexicon_path: Option<PathBuf>,
    extend_lexicon: bool,
    seed: u64,
    cv: Option<usize>,
    sources: Vec<String>,
    label_map: Vec<(String, String)>,
) -> PyResult<(Engine, Vec<String>)> {
    let settings = settings(options)?;
    py.detach(|| -> stance::Result<(Engine, Vec<String>)> {
        let lexicon = lexicon(lexicon_path.as_deref(), extend_lexicon)?;
        let trainer = Trainer {
            settings,
            seed,
            cv,
            sources,
            lexicon: lexicon.clone(),
        };
        trainer.check()?;
        if let Some(out) = &out {
            let mut inputs: Vec<&Path> = match &data {
                Data::Files(f) => f.iter().map(PathBuf::as_path).collect(),
                Data::Jsonl(_) => Vec::new(),
            };
            inputs.extend(lexicon_path.as_deref());
            check_model_output(out, &inputs)?;
        }
        let options = read_options(&fields, true);
        let mut data = match data {
            Data::Files(files) => TrainingData::read(&files, &options)?,
            Data::Jsonl(bytes) => {
                TrainingData::from_records(records_from_jsonl(bytes, &options)?, IN_MEMORY)
            }
        };
        map_labels(&mut data.records, &label_map);
        let mut warnings = label_warnings(&data.records);
        let trained = trainer.train(data, &|_| {})?;
        warnings.extend(trained.warnings);
        warnings.extend(trained.notes);
        if let Some(out) = &out {
            trained.model.save(out)?;
        }
        Ok((
            Engine {
                inner: Predictor::new(trained.model, lexicon),
            },
            warnings,
        ))
    })
    .map_err(to_py)
}

/// Sets the number of worker threads (the command line's `--threads`); once per process, before
/// any work, as rayon's global pool allows.
#[pyfunction]
fn set_threads(n: usize) -> PyResult<()> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global()
        .map_err(|e| usage(format!("set_threads({n}): {e}")))
}

/// The worker threads in use.
#[pyfunction]
fn threads() -> usize {
    rayon::current_num_threads()
}

/// What `stance --version` says of the built-in models and lexicon.
#[pyfunction]
fn builtins() -> String {
    stance::builtin::describe_builtins()
}

#[pymodule]
fn _stance(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("StanceError", m.py().get_type::<StanceError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("PREDICT_COLUMNS", stance::predictor::ROW_FIELDS.to_vec())?;
    m.add_class::<Engine>()?;
    m.add_function(wrap_pyfunction!(train, m)?)?;
    m.add_function(wrap_pyfunction!(set_threads, m)?)?;
    m.add_function(wrap_pyfunction!(threads, m)?)?;
    m.add_function(wrap_pyfunction!(builtins, m)?)?;
    Ok(())
}
