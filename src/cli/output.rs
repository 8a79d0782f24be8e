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

/// Where a command's results go: stdout, or `-o FILE`, written to a temporary file beside it and
/// renamed over it only when complete, so a failed or interrupted run never leaves half a file.
pub enum Output {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A file being written.
    File {
        /// The temporary file.
        tmp: std::path::PathBuf,
        /// Where it goes when complete.
        path: std::path::PathBuf,
        /// Its writer (taken when finished).
        file: Option<BufWriter<std::fs::File>>,
    },
}

impl Output {
    /// Opens `path` (stdout when `None` or `-`), refusing before any work what
    /// [`stance::model::file::check_destination`] refuses.
    pub fn open(path: Option<&std::path::Path>, inputs: &[&std::path::Path]) -> Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(stdout()));
        };
        stance::model::file::check_destination(path, inputs, "-o")?;
        let tmp = stance::model::file::temporary_for(path)?;
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(Output::File {
            tmp,
            path: path.to_path_buf(),
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes, and for a file syncs it and moves it into place.
    pub fn finish(mut self) -> Result<()> {
        match &mut self {
            Output::Stdout(w) => w.flush().map_err(out_err),
            Output::File { tmp, path, file } => {
                let w = file.take().expect("finished once");
                let f = w
                    .into_inner()
                    .map_err(|e| Error::io(&*path, e.into_error()))?;
                f.sync_all().map_err(|e| Error::io(&*path, e))?;
                std::fs::rename(&*tmp, &*path).map_err(|e| Error::io(&*path, e))?;
                stance::model::file::track(tmp, false);
                Ok(())
            }
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // Not finished: an error ended the run, so the temporary file goes.
        if let Output::File {
            tmp, file: Some(_), ..
        } = self
        {
            let _ = std::fs::remove_file(&*tmp);
            stance::model::file::track(tmp, false);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { file, .. } => file.as_mut().expect("open").write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { file, .. } => file.as_mut().expect("open").flush(),
        }
    }
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

/// A table cell with control characters escaped: a newline in evidence would break the row, and
/// a terminal escape sequence from an input file would reach the user's terminal.
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// Formats rows as aligned columns (the last column is left unpadded), control characters
/// escaped. The whole table is built in memory, since column widths depend on every row: for
/// large inputs use `--format jsonl` or `csv`, which stream.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cell(c).into_owned()).collect())
        .collect();
    let rows = &rows[..];
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
