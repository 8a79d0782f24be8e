//! Classification metrics, computed here because linfa's multiclass `f1_score` is not macro-F1.
//!
//! Conventions follow scikit-learn's `classification_report`: the label set is the union of gold
//! and predicted labels; a class never predicted has precision 0 (not NaN); macro averages weigh
//! every class equally, weighted averages by support.

use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassScores {
    /// The label.
    pub label: String,
    /// Of the predictions of this label, the share that were right.
    pub precision: f64,
    /// Of the gold examples of this label, the share found.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Gold examples of this label.
    pub support: usize,
}

/// A full evaluation report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Number of examples.
    pub n: usize,
    /// Share of exact matches.
    pub accuracy: f64,
    /// Unweighted mean of per-class F1.
    pub macro_f1: f64,
    /// Unweighted mean of per-class precision.
    pub macro_precision: f64,
    /// Unweighted mean of per-class recall.
    pub macro_recall: f64,
    /// Support-weighted mean of per-class F1.
    pub weighted_f1: f64,
    /// Per-class scores, in `labels` order.
    pub classes: Vec<ClassScores>,
    /// The label order of `classes` and `confusion`.
    pub labels: Vec<String>,
    /// `confusion[gold][predicted]` counts.
    pub confusion: Vec<Vec<usize>>,
    /// SemEval-style mean F1 of chosen classes, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favg: Option<f64>,
    /// Gold labels the model cannot predict (absent from training).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_gold_labels: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores `pred` against `gold`. `known` lists the labels the model can predict (they are
/// reported even with no support); labels seen only in `gold` are reported as well.
pub fn evaluate(
    gold: &[String],
    pred: &[String],
    known: &[String],
    favg: Option<&[String]>,
) -> Report {
    assert_eq!(gold.len(), pred.len(), "one prediction per gold label");
    let mut labels: Vec<String> = known.to_vec();
    for l in gold.iter().chain(pred) {
        if !labels.contains(l) {
            labels.push(l.clone());
        }
    }
    let index = |l: &String| {
        labels
            .iter()
            .position(|x| x == l)
            .expect("label collected above")
    };
    let k = labels.len();
    let mut confusion = vec![vec![0usize; k]; k];
    for (g, p) in gold.iter().zip(pred) {
        confusion[index(g)][index(p)] += 1;
    }
    let n = gold.len();
    let correct: usize = (0..k).map(|i| confusion[i][i]).sum();
    let classes: Vec<ClassScores> = (0..k)
        .map(|i| {
            let tp = confusion[i][i];
            let support: usize = confusion[i].iter().sum();
            let predicted: usize = (0..k).map(|g| confusion[g][i]).sum();
            let precision = ratio(tp, predicted);
            let recall = ratio(tp, support);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            ClassScores {
                label: labels[i].clone(),
                precision,
                recall,
                f1,
                support,
            }
        })
        .collect();
    // Averages over labels that occur in gold or predictions, as scikit-learn does.
    let active: Vec<&ClassScores> = classes
        .iter()
        .enumerate()
        .filter(|(i, c)| c.support > 0 || (0..k).any(|g| confusion[g][*i] > 0))
        .map(|(_, c)| c)
        .collect();
    let m = active.len().max(1) as f64;
    let favg = favg.map(|chosen| {
        let picked: Vec<f64> = classes
            .iter()
            .filter(|c| chosen.contains(&c.label))
            .map(|c| c.f1)
            .collect();
        if picked.is_empty() {
            0.0
        } else {
            picked.iter().sum::<f64>() / picked.len() as f64
        }
    });
    let unknown_gold_labels = labels
        .iter()
        .enumerate()
        .filter(|(i, l)| !known.contains(l) && classes[*i].support > 0)
        .map(|(_, l)| l.clone())
        .collect();
    Report {
        n,
        accuracy: ratio(correct, n),
        macro_f1: active.iter().map(|c| c.f1).sum::<f64>() / m,
        macro_precision: active.iter().map(|c| c.precision).sum::<f64>() / m,
        macro_recall: active.iter().map(|c| c.recall).sum::<f64>() / m,
        weighted_f1: if n == 0 {
            0.0
        } else {
            classes.iter().map(|c| c.f1 * c.support as f64).sum::<f64>() / n as f64
        },
        classes,
        labels,
        confusion,
        favg,
        unknown_gold_labels,
    }
}

impl Report {
    /// A human-readable table, as scikit-learn's `classification_report` prints it.
    pub fn to_table(&self) -> String {
        let w = self
            .labels
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(5)
            .max(12);
        let mut s = format!(
            "{:>w$}  {:>9}  {:>9}  {:>9}  {:>7}\n",
            "", "precision", "recall", "f1", "support"
        );
        for c in &self.classes {
            s += &format!(
                "{:>w$}  {:>9.4}  {:>9.4}  {:>9.4}  {:>7}\n",
                c.label, c.precision, c.recall, c.f1, c.support
            );
        }
        s += &format!(
            "\n{:>w$}  {:>9}  {:>9}  {:>9.4}  {:>7}\n",
            "accuracy", "", "", self.accuracy, self.n
        );
        s += &format!(
            "{:>w$}  {:>9.4}  {:>9.4}  {:>9.4}  {:>7}\n",
            "macro avg", self.macro_precision, self.macro_recall, self.macro_f1, self.n
        );
        s += &format!(
            "{:>w$}  {:>9}  {:>9}  {:>9.4}  {:>7}\n",
            "weighted avg", "", "", self.weighted_f1, self.n
        );
        if let Some(f) = self.favg {
            s += &format!("{:>w$}  {:>9}  {:>9}  {:>9.4}\n", "F_avg", "", "", f);
        }
        s += "\nconfusion matrix (rows: gold, columns: predicted)\n";
        let cw = self
            .labels
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(4)
            .max(6);
        s += &format!("{:>w$}", "");
        for l in &self.labels {
            s += &format!("  {l:>cw$}");
        }
        s += "\n";
        for (l, row) in self.labels.iter().zip(&self.confusion) {
            s += &format!("{l:>w$}");
            for v in row {
                s += &format!("  {v:>cw$}");
            }
            s += "\n";
        }
        if !self.unknown_gold_labels.is_empty() {
            s += &format!(
                "\nwarning: gold labels absent from training: {}\n",
                self.unknown_gold_labels.join(", ")
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn hand_worked_three_classes() {
        // gold:  a a a b b c
        // pred:  a a b b c c
        // a: tp 2, pred 2, support 3 -> P 1, R 2/3, F1 0.8
        // b: tp 1, pred 2, support 2 -> P 0.5, R 0.5, F1 0.5
        // c: tp 1, pred 2, support 1 -> P 0.5, R 1, F1 2/3
        let r = evaluate(
            &v(&["a", "a", "a", "b", "b", "c"]),
            &v(&["a", "a", "b", "b", "c", "c"]),
            &v(&["a", "b", "c"]),
            None,
        );
        assert!((r.accuracy - 4.0 / 6.0).abs() < 1e-12);
        assert!((r.classes[0].f1 - 0.8).abs() < 1e-12);
        assert!((r.classes[1].f1 - 0.5).abs() < 1e-12);
        assert!((r.classes[2].f1 - 2.0 / 3.0).abs() < 1e-12);
        assert!((r.macro_f1 - (0.8 + 0.5 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
        assert!((r.weighted_f1 - (0.8 * 3.0 + 0.5 * 2.0 + 2.0 / 3.0) / 6.0).abs() < 1e-12);
        assert_eq!(
            r.confusion,
            vec![vec![2, 1, 0], vec![0, 1, 1], vec![0, 0, 1]]
        );
    }

    #[test]
    fn class_never_predicted_and_label_only_in_test() {
        // "c" is never predicted: precision 0, recall 0, F1 0, no NaN.
        // "d" occurs only in gold: reported and flagged.
        let r = evaluate(
            &v(&["a", "c", "d", "a"]),
            &v(&["a", "a", "a", "a"]),
            &v(&["a", "b", "c"]),
            Some(&v(&["a", "c"])),
        );
        let c = &r.classes[2];
        assert_eq!((c.precision, c.recall, c.f1, c.support), (0.0, 0.0, 0.0, 1));
        assert_eq!(r.unknown_gold_labels, ["d"]);
        // a: P 2/4, R 1, F1 2/3. Active labels a, c, d (b has no support and no predictions).
        assert!((r.macro_f1 - (2.0 / 3.0) / 3.0).abs() < 1e-12);
        assert!((r.favg.unwrap() - (2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert!(r.classes.iter().all(|c| c.f1.is_finite()));
        assert!(r.to_table().contains("absent from training: d"));
    }
}
