//! Reading articles: `.txt` files, folders of them, JSONL, standard input; every kind capped at
//! the same size limit, and what cannot be read is skipped with a warning rather than stalling the
//! rest.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::Article;
use crate::data::{DEFAULT_MAX_RECORD_BYTES, UTF8_BOM};
use crate::error::{Error, Result};

/// How articles are found and read.
#[derive(Debug, Clone)]
pub struct ReadArticles {
    /// Largest article accepted, in bytes, whatever the input kind (a `.txt` file, a JSONL line,
    /// standard input); longer ones are skipped with a warning. Defaults to
    /// [`DEFAULT_MAX_RECORD_BYTES`], the limit on training records.
    pub max_bytes: usize,
    /// Search folders' subfolders too; defaults to false.
    pub recursive: bool,
    /// JSONL field holding the article's text; defaults to `text`.
    pub text_field: String,
    /// JSONL field holding its identifier; defaults to `id` (the line number when absent).
    pub id_field: String,
    /// JSONL field holding its date; defaults to `date`.
    pub date_field: String,
}

impl Default for ReadArticles {
    fn default() -> Self {
        ReadArticles {
            max_bytes: DEFAULT_MAX_RECORD_BYTES,
            recursive: false,
            text_field: "text".into(),
            id_field: "id".into(),
            date_field: "date".into(),
        }
    }
}

/// Reads articles: `.txt` files (one article each), folders of them, JSONL (`id`, `text`,
/// optional `date`), or `-` for standard input (JSONL when it starts with `{`, else one article).
/// Warnings (skipped articles and files) are dropped; use [`open_articles`] to see them.
pub fn read_articles(paths: &[PathBuf], options: &ReadArticles) -> Result<Vec<Article>> {
    open_articles(paths, options)?.collect()
}

/// Like [`read_articles`], but streaming: JSONL inputs are read a line at a time, so `predict`
/// holds only the articles of the batch it is working on. A folder with no article in it is an
/// error; files in folders that are not `.txt` or `.jsonl` are skipped, each with a warning.
pub fn open_articles(paths: &[PathBuf], options: &ReadArticles) -> Result<ArticleStream> {
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        if p.as_os_str() != "-" && p.is_dir() {
            let mut files = Vec::new();
            let mut subfolders = 0;
            list_folder(
                p,
                options.recursive,
                &mut files,
                &mut warnings,
                &mut subfolders,
            )?;
            if files.is_empty() {
                let hint = if subfolders > 0 && !options.recursive {
                    format!(" ({subfolders} subfolders not searched: add --recursive)")
                } else {
                    String::new()
                };
                return Err(Error::input(
                    p,
                    0,
                    format!("no articles (.txt or .jsonl files) in this folder{hint}"),
                ));
            }
            files.sort();
            sources.extend(files);
        } else {
            sources.push(p.clone());
        }
    }
    sources.reverse();
    Ok(ArticleStream {
        sources,
        current: None,
        fields: options.clone(),
        max_bytes: options.max_bytes,
        ignored: warnings.len(),
        warnings,
        skipped: 0,
    })
}

fn is_article_file(f: &Path) -> bool {
    f.extension().is_some_and(|x| x == "txt" || x == "jsonl")
}

fn list_folder(
    dir: &Path,
    recursive: bool,
    files: &mut Vec<PathBuf>,
    warnings: &mut Vec<String>,
    subfolders: &mut usize,
) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for f in entries {
        // Symbolic links to folders are not followed: a link cycle would never end.
        let is_dir = std::fs::symlink_metadata(&f).is_ok_and(|m| m.is_dir());
        if is_dir {
            *subfolders += 1;
            if recursive {
                list_folder(&f, recursive, files, warnings, subfolders)?;
            }
        } else if is_article_file(&f) {
            files.push(f);
        } else if !f
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            warnings.push(format!(
                "{}: skipped (not a .txt or .jsonl file)",
                f.display()
            ));
        }
    }
    Ok(())
}

/// An iterator over articles from several sources, in order.
pub struct ArticleStream {
    sources: Vec<PathBuf>,
    current: Option<JsonlArticles>,
    fields: ReadArticles,
    max_bytes: usize,
    warnings: Vec<String>,
    ignored: usize,
    skipped: usize,
}

impl ArticleStream {
    /// Warnings gathered since the last call: files and articles skipped, and why.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Articles skipped so far for being over the size limit: input that was not read.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Files in the folders given that are not articles (`.txt`, `.jsonl`), left alone.
    pub fn ignored(&self) -> usize {
        self.ignored
    }

    fn skip(&mut self, warning: String) {
        self.skipped += 1;
        self.warnings.push(warning);
    }
}

struct JsonlArticles {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

/// What reading one JSONL line gave.
enum Line {
    End,
    Article(Result<Article>),
    /// Over the limit; the line was skipped, and the reader is at the next one when `resynced`.
    TooLong {
        resynced: bool,
    },
}

/// Bytes read past an over-long JSONL line looking for its end before the rest of the file is
/// given up.
const RESYNC_BYTES: u64 = 256 << 20;

/// Discards up to `most` bytes through the next newline; whether the newline was found.
fn skip_line(reader: &mut dyn BufRead, most: u64) -> bool {
    let mut seen = 0u64;
    while seen < most {
        let Ok(buf) = reader.fill_buf() else {
            return false;
        };
        if buf.is_empty() {
            return true;
        }
        if let Some(p) = buf.iter().position(|&b| b == b'\n') {
            reader.consume(p + 1);
            return true;
        }
        let n = buf.len();
        reader.consume(n);
        seen += n as u64;
    }
    false
}

impl JsonlArticles {
    fn next_article(&mut self, max: usize, fields: &ReadArticles) -> Line {
        loop {
            let mut buf = Vec::new();
            self.line += 1;
            let n = match (&mut self.reader)
                .take(max as u64 + 1)
                .read_until(b'\n', &mut buf)
            {
                Ok(n) => n,
                Err(e) => return Line::Article(Err(Error::io(&self.path, e))),
            };
            if n == 0 {
                return Line::End;
            }
            if buf.len() > max && buf.last() != Some(&b'\n') {
                // Skip to the end of the line, but not forever: an input with no newline
                // (`/dev/zero`) is given up after RESYNC_BYTES. Skipped bytes are counted, not
                // kept.
                let resynced = skip_line(&mut self.reader, RESYNC_BYTES.max(4 * max as u64));
                return Line::TooLong { resynced };
            }
            if self.line == 1 && buf.starts_with(UTF8_BOM) {
                buf.drain(..UTF8_BOM.len());
            }
            let Ok(line) = std::str::from_utf8(&buf) else {
                return Line::Article(Err(Error::input(&self.path, self.line, "invalid UTF-8")));
            };
            if line.trim().is_empty() {
                continue;
            }
            return Line::Article(parse_article_line(line, &self.path, self.line, fields));
        }
    }
}

impl Iterator for ArticleStream {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        loop {
            if let Some(mut cur) = self.current.take() {
                match cur.next_article(self.max_bytes, &self.fields) {
                    Line::Article(a) => {
                        self.current = Some(cur);
                        return Some(a);
                    }
                    Line::End => {}
                    Line::TooLong { resynced } => {
                        let what = if resynced {
                            "skipped"
                        } else {
                            "skipped with the rest of the file (no line end follows)"
                        };
                        self.skip(format!(
                            "{}:{}: article is longer than the limit of {} bytes (--max-record-bytes), {what}",
                            cur.path.display(),
                            cur.line,
                            self.max_bytes
                        ));
                        if resynced {
                            self.current = Some(cur);
                        }
                    }
                }
                continue;
            }
            let p = self.sources.pop()?;
            match open_source(&p, self.max_bytes) {
                Ok(Source::Jsonl(j)) => self.current = Some(j),
                Ok(Source::Text(a)) => return Some(Ok(a)),
                Ok(Source::TooLong) => self.skip(format!(
                    "{}: article is longer than the limit of {} bytes (--max-record-bytes), skipped",
                    p.display(),
                    self.max_bytes
                )),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

enum Source {
    Jsonl(JsonlArticles),
    Text(Article),
    TooLong,
}

fn open_source(p: &Path, max: usize) -> Result<Source> {
    let is_jsonl = p.extension().is_some_and(|x| x == "jsonl" || x == "json");
    let mut reader: Box<dyn BufRead + Send> = if p.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(p).map_err(|e| Error::io(p, e))?,
        ))
    };
    let starts_with_brace = if p.as_os_str() == "-" {
        let head = reader
            .fill_buf()
            .map_err(|e| Error::input(p, 0, format!("cannot read: {e}")))?;
        let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
        head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    } else {
        false
    };
    if is_jsonl || starts_with_brace {
        return Ok(Source::Jsonl(JsonlArticles {
            path: p.to_path_buf(),
            reader,
            line: 0,
        }));
    }
    let mut bytes = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(p, e))?;
    if bytes.len() > max {
        return Ok(Source::TooLong);
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::input(
            p,
            line_of(e.as_bytes(), e.utf8_error().valid_up_to()),
            "invalid UTF-8",
        )
    })?;
    let id = if p.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        p.file_stem().map_or_else(
            || p.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    };
    Ok(Source::Text(Article {
        date: crate::date::in_file_name(&id),
        id,
        text,
    }))
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads one JSONL article line (`id`, `text`, `date` by `fields`); `path` and `n` name it in errors.
pub fn parse_article_line(
    line: &str,
    path: &Path,
    n: usize,
    fields: &ReadArticles,
) -> Result<Article> {
    let v: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| Error::input(path, n, format!("invalid JSON: {e}")))?;
    let Some(obj) = v.as_object() else {
        return Err(Error::input(path, n, "expected a JSON object"));
    };
    let text = match obj.get(&fields.text_field) {
        Some(serde_json::Value::String(t)) => t,
        Some(_) => {
            return Err(Error::input(
                path,
                n,
                format!("field \"{}\" must be a string", fields.text_field),
            ))
        }
        None => {
            let found: Vec<&str> = obj.keys().map(String::as_str).collect();
            return Err(Error::input(
                path,
                n,
                format!(
                    "missing field \"{}\" (fields: {}); name the text field with --text-field",
                    fields.text_field,
                    found.join(", ")
                ),
            ));
        }
    };
    let id = match obj.get(&fields.id_field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(x)) => x.to_string(),
        _ => n.to_string(),
    };
    // A date decides titles and alignments: a wrong one is an error, not an unknown date.
    let date_error = |e: String| Error::input(path, n, format!("{}: {e}", fields.date_field));
    let date = match obj.get(&fields.date_field) {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(d)) => Some(crate::date::normalise(d).map_err(date_error)?),
        Some(serde_json::Value::Number(y)) => {
            Some(crate::date::normalise(&y.to_string()).map_err(date_error)?)
        }
        Some(_) => {
            return Err(Error::input(
                path,
                n,
                format!("field \"{}\" must be a string", fields.date_field),
            ))
        }
    };
    Ok(Article {
        id,
        text: text.to_string(),
        date,
    })
}
