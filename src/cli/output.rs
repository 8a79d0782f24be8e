//! Output formats shared by the commands, and a stdout that stops quietly on a closed pipe.

use std::io::{self, BufWriter, Write};

use stance::error::{Error, Result};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

/// Buffered stdout.
pub fn stdout() -> BufWriter<io::Stdout> {
    BufWriter::with_capacity(1 << 16, io::stdout())
}

/// Maps a write error on stdout to the crate's error.
pub fn out_err(e: io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// Writes a JSON value followed by a newline.
pub fn write_json_line<W: Write, T: serde::Serialize>(w: &mut W, v: &T) -> Result<()> {
    serde_json::to_writer(&mut *w, v).map_err(|e| out_err(e.into()))?;
    w.write_all(b"\n").map_err(out_err)
}

/// Formats rows as aligned columns (the last column is left unpadded).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let mut s = String::new();
    let line = |cells: Vec<&str>, s: &mut String| {
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(width[i] - c.chars().count() + 2));
            }
        }
        s.push('\n');
    };
    line(header.to_vec(), &mut s);
    for r in rows {
        line(r.iter().map(String::as_str).collect(), &mut s);
    }
    s
}
