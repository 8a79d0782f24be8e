//! Models: the sparse classifiers (behind linfa's traits), linfa's dense ones, and the model file.

pub mod bayes;
#[cfg(feature = "linfa-dense")]
pub mod dense;
pub mod file;
pub mod logistic;
pub mod probability;

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use linfa::ParamGuard;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

pub use crate::sparse::SparseRecords;
pub use bayes::{NaiveBayesParams, SparseNaiveBayes};
pub use logistic::{
    argmax, softmax, ClassWeight, Convergence, LogisticParams, Solver, SparseLogisticRegression,
};

use crate::error::Result;

/// Which classifier to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum ClassifierKind {
    /// The project's sparse multinomial logistic regression (default).
    #[default]
    Logistic,
    /// Sparse multinomial naive Bayes.
    Nb,
    /// linfa-logistic's dense `MultiLogisticRegression` (small data only).
    LinfaLogistic,
    /// linfa-bayes's dense `MultinomialNb`: models trained with it still load and predict, but
    /// it is no longer trained (linfa-bayes 0.8.1 leaves a `dbg!` in its fit that prints every
    /// class's histogram to stderr, a megabyte per run whatever `-q` says); `nb` is the same model.
    #[cfg_attr(feature = "cli", value(skip))]
    LinfaNb,
}

/// Hyperparameters of every classifier, as given on the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifierParams {
    /// Which classifier.
    pub kind: ClassifierKind,
    /// Inverse regularisation strength of the logistic models; defaults to 3.
    pub c: f64,
    /// Class weighting of the sparse logistic model; defaults to balanced.
    pub class_weight: ClassWeight,
    /// Solver tolerance; defaults to 1e-3.
    pub tolerance: f64,
    /// Solver iteration cap; defaults to 300.
    pub max_iter: usize,
    /// Naive Bayes smoothing; defaults to 0.1.
    pub alpha: f64,
    /// The sparse logistic model's solver; defaults to L-BFGS.
    #[serde(default)]
    pub solver: Solver,
    /// Epochs of the SGD solver; defaults to 5.
    #[serde(default = "logistic::default_epochs")]
    pub epochs: usize,
    /// SGD epochs before L-BFGS, which starts from their weights; defaults to 0 (from zero; the
    /// command line's default is 3 from `trainer::WARM_START_RECORDS` records up). Older model
    /// files read 0, the cold start they were trained with.
    #[serde(default)]
    pub warm_epochs: usize,
    /// Seed of the SGD solver.
    #[serde(default)]
    pub seed: u64,
    /// The logistic model scales its columns by their naive Bayes log-count ratios before
    /// fitting (`logistic::nb_scale`); false in files of format 3 and older, which were
    /// trained without it.
    #[serde(
        default,
        skip_serializing_if = "crate::model::file::omit_before::<4, _>",
        deserialize_with = "crate::model::file::since::<4, _, _>"
    )]
    pub nb_scale: bool,
}

impl Default for ClassifierParams {
    fn default() -> Self {
        ClassifierParams {
            kind: ClassifierKind::Logistic,
            c: 3.0,
            class_weight: ClassWeight::Balanced,
            tolerance: 1e-3,
            max_iter: 300,
            alpha: 0.1,
            solver: Solver::Lbfgs,
            epochs: logistic::default_epochs(),
            warm_epochs: 0,
            seed: 0,
            nb_scale: false,
        }
    }
}

/// A fitted classifier of any kind.
///
/// In JSON, one object whose first field, `type`, names the kind (serde's internally tagged
/// layout); in a binary format, which cannot hold that layout (it needs a self-describing
/// reader), serde's default layout of an enum: the variant's index, then its fields. Both are
/// written by [`TaggedRef`] / [`IndexedRef`] and read by [`Classifier`]'s own `Deserialize`.
#[derive(Debug, Clone)]
pub enum Classifier {
    /// Sparse logistic regression.
    Logistic(SparseLogisticRegression),
    /// Sparse naive Bayes.
    Nb(SparseNaiveBayes),
    /// linfa's dense logistic regression (feature `linfa-dense`).
    #[cfg(feature = "linfa-dense")]
    LinfaLogistic {
        /// The linfa model.
        model: linfa_logistic::MultiFittedLogisticRegression<f64, usize>,
        /// Number of classes.
        n_classes: usize,
    },
}

/// A classifier borrowed for writing in JSON: the `type` tag first, then the model's fields.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum TaggedRef<'a> {
    Logistic(&'a SparseLogisticRegression),
    Nb(&'a SparseNaiveBayes),
    #[cfg(feature = "linfa-dense")]
    LinfaLogistic {
        model: &'a linfa_logistic::MultiFittedLogisticRegression<f64, usize>,
        n_classes: usize,
    },
}

/// A classifier borrowed for writing in a binary format: the variant's index, then its fields.
/// The variants' order is the file format: new kinds go last.
#[derive(Serialize)]
enum IndexedRef<'a> {
    Logistic(&'a SparseLogisticRegression),
    Nb(&'a SparseNaiveBayes),
    #[cfg(feature = "linfa-dense")]
    LinfaLogistic {
        model: &'a linfa_logistic::MultiFittedLogisticRegression<f64, usize>,
        n_classes: usize,
    },
}

/// What [`IndexedRef`] wrote, read back. Without the linfa-dense feature the third variant is
/// still known, so such a file is refused with the reason rather than as damaged.
#[derive(Deserialize)]
enum Indexed {
    Logistic(SparseLogisticRegression),
    Nb(SparseNaiveBayes),
    #[cfg(feature = "linfa-dense")]
    LinfaLogistic {
        model: linfa_logistic::MultiFittedLogisticRegression<f64, usize>,
        n_classes: usize,
    },
    #[cfg(not(feature = "linfa-dense"))]
    LinfaLogistic,
}

impl Serialize for Classifier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let human = s.is_human_readable();
        macro_rules! either {
            ($variant:ident $($rest:tt)*) => {
                if human {
                    TaggedRef::$variant $($rest)*.serialize(s)
                } else {
                    IndexedRef::$variant $($rest)*.serialize(s)
                }
            };
        }
        match self {
            Classifier::Logistic(m) => either!(Logistic(m)),
            Classifier::Nb(m) => either!(Nb(m)),
            #[cfg(feature = "linfa-dense")]
            Classifier::LinfaLogistic { model, n_classes } => either!(LinfaLogistic {
                model,
                n_classes: *n_classes
            }),
        }
    }
}

/// The kinds a model file's `type` field may name.
const CLASSIFIER_TYPES: &[&str] = &["logistic", "nb", "linfa-logistic", "linfa-nb"];

/// Reads the `type` field, then the rest of the object straight into that kind. serde's derived
/// reader for internally tagged enums first copies the whole object into a generic tree, since
/// the tag might come last: for a model's millions of weights that was 40 % of the load time.
/// Our files always write `type` first; a file where it comes later (edited by hand) takes the
/// slow path through a JSON tree.
impl<'de> Deserialize<'de> for Classifier {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        if d.is_human_readable() {
            return d.deserialize_map(ClassifierVisitor);
        }
        Ok(match Indexed::deserialize(d)? {
            Indexed::Logistic(m) => Classifier::Logistic(m),
            Indexed::Nb(m) => Classifier::Nb(m),
            #[cfg(feature = "linfa-dense")]
            Indexed::LinfaLogistic { model, n_classes } => {
                Classifier::LinfaLogistic { model, n_classes }
            }
            #[cfg(not(feature = "linfa-dense"))]
            Indexed::LinfaLogistic => {
                return Err(serde::de::Error::custom(
                    "linfa-logistic models need a build with the linfa-dense feature",
                ))
            }
        })
    }
}

#[cfg(feature = "linfa-dense")]
#[derive(Deserialize)]
struct LinfaLogisticFields {
    model: linfa_logistic::MultiFittedLogisticRegression<f64, usize>,
    n_classes: usize,
}

struct ClassifierVisitor;

impl ClassifierVisitor {
    fn finish<'de, D: serde::Deserializer<'de>>(
        kind: &str,
        rest: D,
    ) -> std::result::Result<Classifier, D::Error> {
        Ok(match kind {
            "logistic" => Classifier::Logistic(SparseLogisticRegression::deserialize(rest)?),
            "nb" => Classifier::Nb(SparseNaiveBayes::deserialize(rest)?),
            #[cfg(not(feature = "linfa-dense"))]
            "linfa-logistic" => {
                let _ = rest;
                return Err(serde::de::Error::custom(
                    "linfa-logistic models need a build with the linfa-dense feature",
                ));
            }
            #[cfg(feature = "linfa-dense")]
            "linfa-logistic" => {
                let f = LinfaLogisticFields::deserialize(rest)?;
                Classifier::LinfaLogistic {
                    model: f.model,
                    n_classes: f.n_classes,
                }
            }
            "linfa-nb" => {
                // linfa-bayes keeps its model's fields private, so a file cannot be checked
                // before use, and a damaged one panics in prediction.
                return Err(serde::de::Error::custom(
                    "linfa-nb models are no longer read (linfa-bayes hides the fields needed to check them); retrain with --classifier nb, the same model",
                ));
            }
            other => {
                return Err(serde::de::Error::unknown_variant(other, CLASSIFIER_TYPES));
            }
        })
    }
}

impl<'de> serde::de::Visitor<'de> for ClassifierVisitor {
    type Value = Classifier;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a classifier object with a \"type\" field")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Classifier, A::Error> {
        use serde::de::Error as _;
        let Some(first) = map.next_key::<String>()? else {
            return Err(A::Error::missing_field("type"));
        };
        if first == "type" {
            let kind: String = map.next_value()?;
            return Self::finish(&kind, serde::de::value::MapAccessDeserializer::new(map));
        }
        let mut fields = serde_json::Map::new();
        fields.insert(first, map.next_value()?);
        while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
            fields.insert(k, v);
        }
        let kind = match fields.remove("type") {
            Some(serde_json::Value::String(kind)) => kind,
            Some(_) => {
                return Err(A::Error::custom(
                    "the classifier's \"type\" is not a string",
                ))
            }
            None => return Err(A::Error::missing_field("type")),
        };
        Self::finish(&kind, serde_json::Value::Object(fields)).map_err(A::Error::custom)
    }
}

impl Classifier {
    /// Fits the classifier chosen by `params` on rows `x` with class indices `y` (all of
    /// `0..n_classes` present) and optional per-example weights.
    pub fn fit(
        params: &ClassifierParams,
        x: SparseRecords,
        y: &[usize],
        n_classes: usize,
    ) -> Result<Self> {
        let targets = Array1::from(y.to_vec());
        Ok(match params.kind {
            ClassifierKind::Logistic => {
                let p = LogisticParams::default()
                    .c(params.c)
                    .class_weight(params.class_weight)
                    .tolerance(params.tolerance)
                    .max_iter(params.max_iter)
                    .solver(params.solver)
                    .epochs(params.epochs)
                    .warm_epochs(params.warm_epochs)
                    .seed(params.seed)
                    .nb_scale(params.nb_scale)
                    .check()?;
                Classifier::Logistic(p.fit_owned(DatasetBase::new(x, targets))?)
            }
            ClassifierKind::Nb => Classifier::Nb(
                NaiveBayesParams::default()
                    .alpha(params.alpha)
                    .check()?
                    .fit(&DatasetBase::new(x, targets))?,
            ),
            #[cfg(feature = "linfa-dense")]
            ClassifierKind::LinfaLogistic => Classifier::LinfaLogistic {
                model: dense::fit_linfa_logistic(&x, y, params.c, params.max_iter)?,
                n_classes,
            },
            #[cfg(not(feature = "linfa-dense"))]
            ClassifierKind::LinfaLogistic => {
                let _ = (y, n_classes);
                return Err(crate::Error::Param(
                    "linfa-logistic needs a build with the linfa-dense feature".into(),
                ));
            }
            ClassifierKind::LinfaNb => {
                return Err(crate::Error::Param(
                    "linfa-nb is no longer trained (linfa-bayes 0.8.1 prints its histograms to stderr); use nb, the same multinomial naive Bayes".into(),
                ))
            }
        })
    }

    /// Class probabilities of every row, columns in class-index order.
    pub fn predict_proba(&self, x: &SparseRecords) -> Result<Array2<f64>> {
        match self {
            Classifier::Logistic(m) => Ok(m.predict_proba(x)),
            Classifier::Nb(m) => {
                let mut out = Array2::zeros((x.nrows(), m.n_classes));
                for i in 0..x.nrows() {
                    let (c, v) = x.row_slices(i);
                    for (k, p) in m.proba(c, v).into_iter().enumerate() {
                        out[[i, k]] = p;
                    }
                }
                Ok(out)
            }
            #[cfg(feature = "linfa-dense")]
            Classifier::LinfaLogistic { model, n_classes } => {
                dense::linfa_logistic_proba(model, x, *n_classes)
            }
        }
    }

    /// Whether [`proba_of_row`](Self::proba_of_row) scores rows alone: the sparse models do,
    /// linfa's dense ones read a matrix only.
    pub fn scores_rows_alone(&self) -> bool {
        match self {
            Classifier::Logistic(_) | Classifier::Nb(_) => true,
            #[cfg(feature = "linfa-dense")]
            Classifier::LinfaLogistic { .. } => false,
        }
    }

    /// The class probabilities of one row of (column, value) pairs sorted by column, without a
    /// matrix: the numbers [`predict_proba`](Self::predict_proba) gives that row, bit for bit.
    /// `None` for linfa's dense models, which read a matrix only.
    pub fn proba_of_row(&self, row: &[(u32, f32)]) -> Option<Vec<f64>> {
        match self {
            Classifier::Logistic(m) => Some(softmax(&m.decision_of(row.iter().copied()))),
            Classifier::Nb(m) => Some(softmax(&m.decision_of(row.iter().copied()))),
            #[cfg(feature = "linfa-dense")]
            Classifier::LinfaLogistic { .. } => None,
        }
    }

    /// Per-class weight of every feature and the bias, for models that have them (explanations).
    pub fn linear_weights(&self) -> Option<(&[f32], &[f64], usize)> {
        match self {
            Classifier::Logistic(m) => Some((&m.weights, &m.bias, m.n_classes)),
            Classifier::Nb(m) => Some((&m.feature_log_prob, &m.class_log_prior, m.n_classes)),
            #[cfg(feature = "linfa-dense")]
            Classifier::LinfaLogistic { .. } => None,
        }
    }

    /// The solver report, for models fitted iteratively by this crate.
    pub fn convergence(&self) -> Option<&Convergence> {
        match self {
            Classifier::Logistic(m) => Some(&m.convergence),
            _ => None,
        }
    }

    /// Number of features the classifier expects.
    pub fn n_features(&self) -> Option<usize> {
        match self {
            Classifier::Logistic(m) => Some(m.n_features),
            Classifier::Nb(m) => Some(m.n_features),
            #[cfg(feature = "linfa-dense")]
            Classifier::LinfaLogistic { .. } => None,
        }
    }

    /// Checks the parts a file could get wrong without breaking its checksum: every class index
    /// below the class count, and weight shapes that fit `n_features` columns. A file written by
    /// hand (or by a fuzzer) passes the header's checks, so prediction must not trust it.
    pub fn check(&self, n_features: usize) -> std::result::Result<(), String> {
        #[cfg(not(feature = "linfa-dense"))]
        let _ = n_features;
        #[cfg(feature = "linfa-dense")]
        if let Classifier::LinfaLogistic { model, n_classes } = self {
            let classes = model.classes();
            if let Some(c) = classes.iter().find(|&&c| c >= *n_classes) {
                return Err(format!("class index {c} of {n_classes} classes"));
            }
            let (rows, cols) = model.params().dim();
            if rows != n_features || cols != classes.len() || model.intercept().len() != cols {
                return Err(format!(
                    "weights of shape {rows} x {cols} for {n_features} features and {} classes",
                    classes.len()
                ));
            }
        }
        Ok(())
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        match self {
            Classifier::Logistic(m) => m.n_classes,
            Classifier::Nb(m) => m.n_classes,
            #[cfg(feature = "linfa-dense")]
            Classifier::LinfaLogistic { n_classes, .. } => *n_classes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_classifier_reads_back_whatever_the_place_of_its_type() {
        let rows = vec![vec![(0, 1.0)], vec![(1, 1.0)], vec![(0, 0.5), (1, 0.2)]];
        let x = SparseRecords::from_rows(&rows, 2);
        for kind in [ClassifierKind::Logistic, ClassifierKind::Nb] {
            let params = ClassifierParams {
                kind,
                ..Default::default()
            };
            let model = Classifier::fit(&params, x.clone(), &[0, 1, 0], 2).unwrap();
            let written = serde_json::to_string(&model).unwrap();
            assert!(written.starts_with("{\"type\":"), "{written}");
            let fast: Classifier = serde_json::from_str(&written).unwrap();
            // Through a JSON tree the fields come back sorted, "type" no longer first.
            let tree: serde_json::Value = serde_json::from_str(&written).unwrap();
            let reordered = serde_json::to_string(&tree).unwrap();
            assert!(!reordered.starts_with("{\"type\":"), "{reordered}");
            let slow: Classifier = serde_json::from_str(&reordered).unwrap();
            let p = model.predict_proba(&x).unwrap();
            assert_eq!(fast.predict_proba(&x).unwrap(), p);
            assert_eq!(slow.predict_proba(&x).unwrap(), p);
        }
        let err = serde_json::from_str::<Classifier>(r#"{"type":"svm","weights":[]}"#).unwrap_err();
        assert!(err.to_string().contains("unknown variant `svm`"), "{err}");
        let err = serde_json::from_str::<Classifier>(r#"{"weights":[]}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `type`"), "{err}");
    }

    /// The sparse logistic model and linfa's dense `MultiLogisticRegression` minimise the same
    /// objective (linfa's alpha = 1 / C, no class weights), so their probabilities must agree.
    #[test]
    fn sparse_logistic_agrees_with_linfa() {
        let rows: Vec<Vec<(u32, f32)>> = (0..45)
            .map(|i| {
                let c = (i % 3) as u32;
                let noise = ((i * 7) % 5) as u32 + 3;
                let mut row = vec![(c, 1.0), (noise, 0.6), (((c + 1) % 3), 0.2)];
                row.sort_by_key(|&(j, _)| j);
                row
            })
            .collect();
        let x = SparseRecords::from_rows(&rows, 8);
        let y: Vec<usize> = (0..45).map(|i| i % 3).collect();
        let params = ClassifierParams {
            c: 1.0,
            class_weight: ClassWeight::None,
            tolerance: 1e-8,
            max_iter: 1000,
            ..Default::default()
        };
        let ours = Classifier::fit(&params, x.clone(), &y, 3)
            .unwrap()
            .predict_proba(&x)
            .unwrap();
        let linfa = Classifier::fit(
            &ClassifierParams {
                kind: ClassifierKind::LinfaLogistic,
                ..params
            },
            x.clone(),
            &y,
            3,
        )
        .unwrap()
        .predict_proba(&x)
        .unwrap();
        let diff = (&ours - &linfa)
            .mapv(f64::abs)
            .fold(0.0f64, |a, &b| a.max(b));
        assert!(diff < 1e-3, "largest probability difference {diff}");
    }
}
