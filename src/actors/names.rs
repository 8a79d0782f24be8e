//! Capitalised names outside the lexicon: people and bodies the lexicon does not know.
//!
//! Used to report unknown names (`stance actors --unknown`) and to mark other named entities as
//! `__other__` in an actor's example, so the model can tell the actor from the people around it.

/// Words that start sentences or name times, not actors, when capitalised.
pub(super) const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "Or",
    "If",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "There",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Gen",
    "President",
    "Minister",
    "Foreign",
    "Meanwhile",
    "However",
    "Some",
    "Many",
    "Syrian",
    "Syria",
    "Also",
    "According",
    "For",
    "With",
    "By",
    "From",
    "To",
    "Of",
];

/// Runs of capitalised words (byte ranges) not overlapping `covered`, skipping sentence openers,
/// days and months.
pub fn capitalised_names(text: &str, covered: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for word in text.split_whitespace() {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lead = w.as_ptr() as usize - word.as_ptr() as usize;
        let (ws, we) = (start + lead, start + lead + w.len());
        let is_name = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().count() > 1
            && !NOT_NAMES.contains(&w)
            && !covered.iter().any(|&(s, e)| ws < e && s < we);
        let ends_clause = word.ends_with([',', '.', ';', ':', '"', ')']);
        if is_name {
            run = Some(run.map_or((ws, we), |(s, _)| (s, we)));
        } else if let Some(r) = run.take() {
            out.push(r);
        }
        if ends_clause {
            if let Some(r) = run.take() {
                out.push(r);
            }
        }
    }
    out.extend(run);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_runs_of_capitalised_words() {
        let text = "The senator met Nancy Pelosi and the FBI director, officials said on Monday.";
        let found: Vec<&str> = capitalised_names(text, &[])
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(found, ["Nancy Pelosi", "FBI"]);
    }

    proptest! {
        #[test]
        fn ranges_are_valid(text in "\\PC{0,120}") {
            for (s, e) in capitalised_names(&text, &[]) {
                prop_assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }
    }
}
