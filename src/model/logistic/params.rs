//! Hyperparameters of the sparse logistic regression, checked once through linfa's `ParamGuard`:
//! only [`ValidLogisticParams`] can fit, and its fields are private to this module's parent.

use linfa::ParamGuard;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How examples of each class are weighted in the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum ClassWeight {
    /// Weight n / (k * n_c), as scikit-learn's `class_weight="balanced"`.
    #[default]
    Balanced,
    /// Every example weighs 1.
    None,
}

impl ClassWeight {
    /// The weight of each class given the class of every example.
    pub fn weights(self, targets: &[usize], n_classes: usize) -> Vec<f64> {
        let mut counts = vec![0usize; n_classes];
        for &t in targets {
            counts[t] += 1;
        }
        self.weights_of_counts(&counts)
    }

    /// The weight of each class given how many examples each has (what a streaming fit knows
    /// before its first epoch).
    pub fn weights_of_counts(self, counts: &[usize]) -> Vec<f64> {
        match self {
            ClassWeight::None => vec![1.0; counts.len()],
            ClassWeight::Balanced => {
                let n: usize = counts.iter().sum();
                let present = counts.iter().filter(|&&c| c > 0).count().max(1);
                counts
                    .iter()
                    .map(|&c| {
                        if c == 0 {
                            0.0
                        } else {
                            n as f64 / (present as f64 * c as f64)
                        }
                    })
                    .collect()
            }
        }
    }
}

/// Hyperparameters (unchecked); see [`LogisticParams::check`] through linfa's `ParamGuard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticParams(ValidLogisticParams);

/// Checked hyperparameters: these can fit a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidLogisticParams {
    /// Inverse regularisation strength; defaults to 3.0.
    pub(super) c: f64,
    /// Class weighting; defaults to balanced.
    pub(super) class_weight: ClassWeight,
    /// Stop when the largest gradient component falls below this; defaults to 1e-3 (tighter moved no cross-validated score, see docs/defaults.md).
    pub(super) tolerance: f64,
    /// Iteration cap; defaults to 300. Reaching it is reported, never silent.
    pub(super) max_iter: usize,
    /// The optimiser; defaults to L-BFGS.
    #[serde(default)]
    pub(super) solver: Solver,
    /// Passes over the data of the SGD solver; defaults to 5.
    #[serde(default = "default_epochs")]
    pub(super) epochs: usize,
    /// SGD epochs run before L-BFGS, which starts from their weights; 0 starts L-BFGS from zero.
    #[serde(default)]
    pub(super) warm_epochs: usize,
    /// Seed of the SGD solver's example order.
    #[serde(default)]
    pub(super) seed: u64,
    /// Scale the columns by their naive Bayes log-count ratios before fitting (see
    /// [`nb_scale`](super::nb_scale)); defaults to false.
    #[serde(default)]
    pub(super) nb_scale: bool,
}

/// The SGD solver's default number of epochs (fastText's too).
pub(crate) fn default_epochs() -> usize {
    5
}

/// How the weights are fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Solver {
    /// L-BFGS on the whole objective, to the gradient tolerance: the exact optimum of the
    /// objective scikit-learn's `lbfgs` solver minimises, in a few dozen passes on up to some
    /// hundred thousand examples. Gradients are computed in parallel.
    #[default]
    Lbfgs,
    /// Stochastic gradient descent, a fixed number of epochs (`epochs`) with a linearly decaying
    /// step, in one thread: an epoch costs about two L-BFGS iterations' time. At a million
    /// sentences, where the regularisation (1 / (C n)) is so weak that L-BFGS crawls, 10 epochs
    /// got closer to the optimum than 300 L-BFGS iterations, and 5 nearly as close.
    Sgd,
}

impl Default for LogisticParams {
    fn default() -> Self {
        LogisticParams(ValidLogisticParams {
            c: 3.0,
            class_weight: ClassWeight::Balanced,
            tolerance: 1e-3,
            max_iter: 300,
            solver: Solver::Lbfgs,
            epochs: default_epochs(),
            warm_epochs: 0,
            seed: 0,
            nb_scale: false,
        })
    }
}

impl LogisticParams {
    /// Sets the inverse regularisation strength C (defaults to 3.0).
    pub fn c(mut self, c: f64) -> Self {
        self.0.c = c;
        self
    }

    /// Sets the class weighting (defaults to balanced).
    pub fn class_weight(mut self, w: ClassWeight) -> Self {
        self.0.class_weight = w;
        self
    }

    /// Sets the gradient tolerance (defaults to 1e-3).
    pub fn tolerance(mut self, t: f64) -> Self {
        self.0.tolerance = t;
        self
    }

    /// Sets the iteration cap (defaults to 300).
    pub fn max_iter(mut self, n: usize) -> Self {
        self.0.max_iter = n;
        self
    }

    /// Sets the solver (defaults to L-BFGS).
    pub fn solver(mut self, solver: Solver) -> Self {
        self.0.solver = solver;
        self
    }

    /// Sets the SGD solver's number of epochs (defaults to 5).
    pub fn epochs(mut self, epochs: usize) -> Self {
        self.0.epochs = epochs;
        self
    }

    /// Sets the SGD epochs run before L-BFGS (defaults to 0: L-BFGS from zero).
    pub fn warm_epochs(mut self, epochs: usize) -> Self {
        self.0.warm_epochs = epochs;
        self
    }

    /// Sets the seed of the SGD solver's example order.
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }

    /// Scales the columns by their naive Bayes log-count ratios before fitting, folding the
    /// scale into the weights after (defaults to false; see [`nb_scale`](super::nb_scale)).
    pub fn nb_scale(mut self, on: bool) -> Self {
        self.0.nb_scale = on;
        self
    }
}

impl ParamGuard for LogisticParams {
    type Checked = ValidLogisticParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&ValidLogisticParams> {
        let p = &self.0;
        if !(p.c.is_finite() && p.c > 0.0) {
            return Err(Error::Param(format!(
                "C must be positive and finite, got {}",
                p.c
            )));
        }
        if !(p.tolerance.is_finite() && p.tolerance > 0.0) {
            return Err(Error::Param(format!(
                "tolerance must be positive, got {}",
                p.tolerance
            )));
        }
        if p.max_iter == 0 {
            return Err(Error::Param("max_iter must be at least 1".into()));
        }
        if p.epochs == 0 {
            return Err(Error::Param("epochs must be at least 1".into()));
        }
        Ok(p)
    }

    fn check(self) -> Result<ValidLogisticParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}
