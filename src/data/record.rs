//! The labelled record: one text, an optional actor and target, an optional label.

use serde::{Deserialize, Serialize};

/// One example to train on, classify or evaluate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Record {
    /// Identifier, echoed in outputs; the line number when the input had none.
    pub id: String,
    /// The text (a sentence, a tweet, a paragraph).
    pub text: String,
    /// Whose stance or sentiment the label is about; `None` means the writer of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// What the stance is toward; `None` means the model's default target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Character offsets (Unicode scalar values, end exclusive) of the actor's mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
    /// The gold label, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A grouping key (story, source) for group-aware cross-validation, from `--group-field`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// When the text was written or is set (YYYY-MM-DD, or a year), from a `date` or `year`
    /// field: dates titles and actors' known alignments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Every field of the input record, in its order, when the reader was asked to keep them
    /// (`classify --keep-fields`; not serialised).
    #[serde(skip)]
    pub fields: Option<Vec<(String, serde_json::Value)>>,
    /// 1-based line of the record in its file (for error messages; not serialised).
    #[serde(skip)]
    pub line: usize,
}

impl Record {
    /// The span converted to byte offsets of `text`, or `None` when it lies outside the text.
    pub fn byte_span(&self) -> Option<std::ops::Range<usize>> {
        let (start, end) = self.span?;
        char_to_byte_range(&self.text, start, end)
    }
}

/// Converts a character range (Unicode scalar values, end exclusive) to a byte range of `text`.
pub fn char_to_byte_range(text: &str, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let s = indices.nth(start)?;
    let e = if end == start {
        s
    } else {
        indices.nth(end - start - 1)?
    };
    Some(s..e)
}

/// Converts a byte offset of `text` to a character offset.
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_spans_over_multibyte_text() {
        let text = "Erdoğan met Çavuşoğlu";
        let r = char_to_byte_range(text, 12, 21).unwrap();
        assert_eq!(&text[r.clone()], "Çavuşoğlu");
        assert_eq!(byte_to_char(text, r.start), 12);
        assert_eq!(char_to_byte_range(text, 0, 0), Some(0..0));
        assert_eq!(char_to_byte_range(text, 20, 22), None);
        assert_eq!(
            char_to_byte_range(text, 21, 21),
            Some(text.len()..text.len())
        );
    }
}
