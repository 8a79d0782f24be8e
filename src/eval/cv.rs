//! Stratified, seeded k-fold cross-validation.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::metrics::Report;

/// Assigns each example to one of `k` folds so that every label is spread evenly across folds.
/// The assignment depends only on the labels, `k` and `seed`.
pub fn stratified_folds(labels: &[String], k: usize, seed: u64) -> Vec<usize> {
    let mut by_label: std::collections::BTreeMap<&str, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        by_label.entry(l.as_str()).or_default().push(i);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut fold = vec![0; labels.len()];
    let mut next = 0;
    for idx in by_label.values_mut() {
        idx.shuffle(&mut rng);
        for &i in idx.iter() {
            fold[i] = next % k;
            next += 1;
        }
    }
    fold
}

/// Group-aware folds: every group (a story, an actor) lands in exactly one fold, groups dealt
/// largest first to the smallest fold so folds stay even.
pub fn group_folds(groups: &[String], k: usize, seed: u64) -> Vec<usize> {
    let mut sizes: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for g in groups {
        *sizes.entry(g.as_str()).or_default() += 1;
    }
    let mut order: Vec<(&str, usize)> = sizes.into_iter().collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    order.shuffle(&mut rng);
    order.sort_by_key(|g| std::cmp::Reverse(g.1));
    let mut load = vec![0usize; k];
    let mut assign = std::collections::HashMap::new();
    for (g, n) in order {
        let f = (0..k).min_by_key(|&f| (load[f], f)).unwrap_or(0);
        load[f] += n;
        assign.insert(g, f);
    }
    groups.iter().map(|g| assign[g.as_str()]).collect()
}

/// Cross-validation results: the pooled report and the spread across folds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CvReport {
    /// Number of folds.
    pub folds: usize,
    /// Seed of the fold assignment.
    pub seed: u64,
    /// Report over all out-of-fold predictions.
    pub pooled: Report,
    /// Macro-F1 of each fold.
    pub fold_macro_f1: Vec<f64>,
    /// Accuracy of each fold.
    pub fold_accuracy: Vec<f64>,
    /// Mean of the fold macro-F1s.
    pub macro_f1_mean: f64,
    /// Standard deviation of the fold macro-F1s.
    pub macro_f1_std: f64,
    /// Records that joined the training folds without ever being scored
    /// ([`cross_validate_with`]); 0 for plain cross-validation.
    #[serde(default)]
    pub train_only: usize,
    /// Every record's out-of-fold prediction, in input order (scikit-learn's
    /// `cross_val_predict`): what error analysis reads without touching a held-out set.
    #[serde(skip)]
    pub predictions: Vec<OutOfFold>,
}

/// One record's prediction by the model of the folds it was not in.
#[derive(Debug, Clone, Serialize)]
pub struct OutOfFold {
    /// The record's id.
    pub id: String,
    /// The fold it was held out in (0-based).
    pub fold: usize,
    /// Its gold label.
    pub gold: String,
    /// The predicted label.
    pub label: String,
    /// The predicted label's probability.
    pub confidence: f64,
}

/// Mean and (population) standard deviation.
pub fn mean_std(v: &[f64]) -> (f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let m = v.iter().sum::<f64>() / v.len() as f64;
    let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64;
    (m, var.sqrt())
}

/// Runs k-fold cross-validation of the whole pipeline: each fold trains on the other folds and
/// predicts its own. Folds follow `groups` when given (no group straddles two folds), otherwise
/// they are stratified by label.
pub fn cross_validate(
    records: &[crate::data::Record],
    options: &crate::pipeline::TrainOptions,
    builder: &crate::example::ExampleBuilder,
    k: usize,
    seed: u64,
    grouped: bool,
    on_fold: impl FnMut(usize),
) -> crate::Result<CvReport> {
    cross_validate_with(records, &[], options, builder, k, seed, grouped, on_fold)
}

/// The fold each train-only record sits out: in grouped folds, the fold that scores its group
/// (so no group is trained on where it is scored); otherwise none.
pub fn sit_out(
    extra: &[crate::data::Record],
    records: &[crate::data::Record],
    fold: &[usize],
    grouped: bool,
) -> Vec<Option<usize>> {
    if !grouped {
        return vec![None; extra.len()];
    }
    let by_group: std::collections::HashMap<&str, usize> = records
        .iter()
        .zip(fold)
        .filter_map(|(r, &f)| r.group.as_deref().map(|g| (g, f)))
        .collect();
    extra
        .iter()
        .map(|r| r.group.as_deref().and_then(|g| by_group.get(g).copied()))
        .collect()
}

/// What fold `f` trains on: the records of the other folds, and the train-only records that do
/// not sit it out.
fn fold_training(
    records: &[crate::data::Record],
    fold: &[usize],
    extra: &[crate::data::Record],
    sits_out: &[Option<usize>],
    f: usize,
) -> Vec<crate::data::Record> {
    let scored = records
        .iter()
        .zip(fold)
        .filter(|(_, &g)| g != f)
        .map(|(r, _)| r);
    let extra = extra
        .iter()
        .zip(sits_out)
        .filter(|(_, &s)| s != Some(f))
        .map(|(r, _)| r);
    scored.chain(extra).cloned().collect()
}

/// [`cross_validate`] with records that only ever train: `extra` joins every fold's training set
/// and is never scored, so the scores stay those of `records` and stay comparable with a run
/// without it. What it is for: measuring what new training data buys on a fixed set (the data
/// added in a release, silver labels, augmentation), as the folds of `records` alone would move
/// with the data. In grouped folds an extra record whose group is scored sits out that group's
/// fold ([`sit_out`]).
#[allow(clippy::too_many_arguments)]
pub fn cross_validate_with(
    records: &[crate::data::Record],
    extra: &[crate::data::Record],
    options: &crate::pipeline::TrainOptions,
    builder: &crate::example::ExampleBuilder,
    k: usize,
    seed: u64,
    grouped: bool,
    mut on_fold: impl FnMut(usize),
) -> crate::Result<CvReport> {
    use crate::error::Error;
    if k < 2 {
        return Err(Error::Usage("--folds must be at least 2".into()));
    }
    if records.len() < k {
        return Err(Error::Usage(format!(
            "{} records cannot fill {k} folds",
            records.len()
        )));
    }
    let gold: Vec<String> = records
        .iter()
        .map(|r| r.label.clone().unwrap_or_default())
        .collect();
    let fold = if grouped {
        let groups: Vec<String> = records
            .iter()
            .map(|r| r.group.clone().unwrap_or_else(|| r.id.clone()))
            .collect();
        group_folds(&groups, k, seed)
    } else {
        stratified_folds(&gold, k, seed)
    };
    let mut pred = vec![String::new(); records.len()];
    let mut confidence = vec![0.0; records.len()];
    let mut fold_macro_f1 = Vec::new();
    let mut fold_accuracy = Vec::new();
    let mut known: Vec<String> = gold.clone();
    known.sort();
    known.dedup();
    let sits_out = sit_out(extra, records, &fold, grouped);
    for f in 0..k {
        let train = fold_training(records, &fold, extra, &sits_out, f);
        let test_idx: Vec<usize> = (0..records.len()).filter(|&i| fold[i] == f).collect();
        let model = crate::pipeline::StanceModel::train(&train, options, builder)?;
        let examples: Vec<crate::example::Example> = test_idx
            .iter()
            .map(|&i| builder.from_record(&records[i]).0)
            .collect();
        let p = model.predict(&examples)?;
        for (&i, p) in test_idx.iter().zip(&p) {
            pred[i] = model.labels[p.label].clone();
            confidence[i] = p.scores.get(p.label).copied().unwrap_or(0.0);
        }
        let g: Vec<String> = test_idx.iter().map(|&i| gold[i].clone()).collect();
        let q: Vec<String> = test_idx.iter().map(|&i| pred[i].clone()).collect();
        let r = super::metrics::evaluate(&g, &q, &known, None);
        fold_macro_f1.push(r.macro_f1);
        fold_accuracy.push(r.accuracy);
        on_fold(f);
    }
    let pooled = super::metrics::evaluate(&gold, &pred, &known, None);
    let (macro_f1_mean, macro_f1_std) = mean_std(&fold_macro_f1);
    let predictions = records
        .iter()
        .enumerate()
        .map(|(i, r)| OutOfFold {
            id: r.id.clone(),
            fold: fold[i],
            gold: gold[i].clone(),
            label: pred[i].clone(),
            confidence: confidence[i],
        })
        .collect();
    Ok(CvReport {
        folds: k,
        seed,
        pooled,
        fold_macro_f1,
        fold_accuracy,
        macro_f1_mean,
        macro_f1_std,
        train_only: extra.len(),
        predictions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_seeded() {
        let labels: Vec<String> = (0..30)
            .map(|i| if i < 20 { "a" } else { "b" }.to_string())
            .collect();
        let f = stratified_folds(&labels, 5, 7);
        for k in 0..5 {
            let a = (0..30).filter(|&i| f[i] == k && labels[i] == "a").count();
            let b = (0..30).filter(|&i| f[i] == k && labels[i] == "b").count();
            assert_eq!((a, b), (4, 2));
        }
        assert_eq!(f, stratified_folds(&labels, 5, 7));
        assert_ne!(f, stratified_folds(&labels, 5, 8));
    }

    #[test]
    fn groups_stay_together() {
        let groups: Vec<String> = (0..40).map(|i| format!("g{}", i % 7)).collect();
        let f = group_folds(&groups, 3, 1);
        for g in 0..7 {
            let folds: std::collections::HashSet<usize> =
                (0..40).filter(|i| i % 7 == g).map(|i| f[i]).collect();
            assert_eq!(folds.len(), 1);
        }
    }

    #[test]
    fn a_train_only_record_sits_out_the_fold_that_scores_its_group() {
        let record = |id: &str, group: Option<&str>| crate::data::Record {
            id: id.into(),
            text: "x".into(),
            group: group.map(str::to_string),
            ..Default::default()
        };
        let scored = [record("a", Some("s1")), record("b", Some("s2"))];
        let fold = [1, 0];
        let extra = [
            record("e1", Some("s2")),
            record("e2", Some("s9")),
            record("e3", None),
        ];
        assert_eq!(
            sit_out(&extra, &scored, &fold, true),
            vec![Some(0), None, None]
        );
        // Ungrouped folds: every fold trains on every extra record.
        assert_eq!(sit_out(&extra, &scored, &fold, false), vec![None; 3]);
        // And the folds train accordingly: fold 0 scores s2, so e1 (of s2) sits it out.
        let ids = |f: usize| -> Vec<String> {
            let out = sit_out(&extra, &scored, &fold, true);
            fold_training(&scored, &fold, &extra, &out, f)
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(ids(0), ["a", "e2", "e3"]);
        assert_eq!(ids(1), ["b", "e1", "e2", "e3"]);
    }

    #[test]
    fn mean_and_spread() {
        let (m, s) = mean_std(&[0.5, 0.7]);
        assert!((m - 0.6).abs() < 1e-12 && (s - 0.1).abs() < 1e-12);
    }
}
