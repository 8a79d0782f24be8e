//! Streaming record readers for JSONL, CSV/TSV and the NewsMTSC layouts.
//!
//! Its length: three formats behind one streaming, size-capped reader with field mapping; a
//! sixth is tests.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::record::Record;
use crate::error::{Error, Result};

/// The layout of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum InputFormat {
    /// Decide by extension: `.csv`, `.tsv`/`.tab`, otherwise JSONL.
    #[default]
    Auto,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated with a header row.
    Csv,
    /// Tab-separated with a header row.
    Tsv,
    /// NewsMTSC, either layout (`sentence_normalized` + `targets`, or one target per line);
    /// polarity becomes negative / neutral / positive.
    Newsmtsc,
}

impl InputFormat {
    /// The format a file called `path` is read in: [`InputFormat::Auto`] decided by the
    /// extension (`.csv`, `.tsv`/`.tab`, else JSONL), any other as it is.
    pub fn resolve(self, path: &Path) -> InputFormat {
        match self {
            InputFormat::Auto => match path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("csv") => InputFormat::Csv,
                Some("tsv") | Some("tab") => InputFormat::Tsv,
                _ => InputFormat::Jsonl,
            },
            f => f,
        }
    }
}

/// Which input fields hold which parts of a record. A model's card keeps the mapping it was
/// trained with when it is not the default one, and `classify` and `evaluate` read with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldMap {
    /// Identifier field; defaults to `id`.
    pub id: String,
    /// Text field; defaults to `text`.
    pub text: String,
    /// Label field; defaults to `label`.
    pub label: String,
    /// Actor field; defaults to `actor`.
    pub actor: String,
    /// Target field; defaults to `target`.
    pub target: String,
    /// Span field (`[start, end]` in characters); defaults to `span`.
    pub span: String,
    /// Grouping field for group-aware cross-validation; defaults to none.
    #[serde(default, skip_serializing_if = "crate::model::file::omit_none")]
    pub group: Option<String>,
}

impl FieldMap {
    /// The mapping without its grouping field, or `None` when it is the default one: what a
    /// model card records.
    pub fn for_card(&self) -> Option<FieldMap> {
        let kept = FieldMap {
            group: None,
            ..self.clone()
        };
        (kept != FieldMap::default()).then_some(kept)
    }
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            id: "id".into(),
            text: "text".into(),
            label: "label".into(),
            actor: "actor".into(),
            target: "target".into(),
            span: "span".into(),
            group: None,
        }
    }
}

/// How to read records.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// File layout; defaults to [`InputFormat::Auto`].
    pub format: InputFormat,
    /// Field names.
    pub fields: FieldMap,
    /// Whether every record must carry a label (training and evaluation).
    pub require_label: bool,
    /// Largest accepted record in bytes; defaults to [`DEFAULT_MAX_RECORD_BYTES`] (64 MiB).
    pub max_record_bytes: usize,
    /// Keep every field of each record in [`Record::fields`] (`classify --keep-fields`);
    /// defaults to false.
    pub keep_fields: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            fields: FieldMap::default(),
            require_label: false,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            keep_fields: false,
        }
    }
}

/// An iterator over the records of one input, in file order.
pub type RecordStream = Box<dyn Iterator<Item = Result<Record>> + Send>;

/// Opens `path` (`-` for standard input) as a stream of records.
pub fn open_records(path: &Path, options: &ReadOptions) -> Result<RecordStream> {
    let input: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(io::stdin())
    } else if path.is_dir() {
        return Err(Error::input(path, 0, "is a folder, not a data file"));
    } else {
        Box::new(File::open(path).map_err(|e| Error::io(path, e))?)
    };
    open_reader(input, path, options)
}

/// Reads `input` as a stream of records, as [`open_records`] reads a file called `name` (its
/// extension decides an automatic format; errors name it): for records that are not in a file,
/// such as the JSONL the Python package writes in memory.
pub fn open_reader(
    input: Box<dyn Read + Send>,
    name: &Path,
    options: &ReadOptions,
) -> Result<RecordStream> {
    let (path, display) = (name, name.to_path_buf());
    let format = options.format.resolve(path);
    Ok(match format {
        InputFormat::Csv | InputFormat::Tsv => {
            let delimiter = if format == InputFormat::Csv {
                b','
            } else {
                b'\t'
            };
            Box::new(DelimitedReader::new(
                input,
                display,
                delimiter,
                options.clone(),
            )?)
        }
        _ => Box::new(JsonlReader {
            lines: LineReader::new(input, options.max_record_bytes),
            path: display,
            options: options.clone(),
            newsmtsc: format == InputFormat::Newsmtsc,
            pending: VecDeque::new(),
            failed: false,
        }),
    })
}

/// Reads every record of `path`; an empty input is an error (there is nothing to work on).
pub fn read_records(path: &Path, options: &ReadOptions) -> Result<Vec<Record>> {
    let records = open_records(path, options)?.collect::<Result<Vec<_>>>()?;
    if records.is_empty() {
        return Err(Error::input(path, 0, "no records in the file"));
    }
    Ok(records)
}

/// Reads lines as bytes with a size limit, so that one huge line cannot exhaust memory: the one
/// line reader of record files, and of `report`'s saved predict rows.
pub struct LineReader {
    inner: BufReader<Box<dyn Read + Send>>,
    max: usize,
    line: usize,
}

impl LineReader {
    /// A reader of `input` refusing lines over `max` bytes.
    pub fn new(input: Box<dyn Read + Send>, max: usize) -> Self {
        LineReader {
            inner: BufReader::with_capacity(1 << 16, input),
            max,
            line: 0,
        }
    }

    /// The next line without its terminator (and without a UTF-8 byte order mark on the first
    /// line); `Err(line)` when it is longer than the limit. Reading stops at the limit: the rest
    /// of an over-long line is not read, since an input without newlines (`/dev/zero`) never
    /// ends it.
    pub fn next_line(
        &mut self,
        buf: &mut Vec<u8>,
    ) -> io::Result<Option<std::result::Result<(), usize>>> {
        buf.clear();
        self.line += 1;
        loop {
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                if buf.is_empty() {
                    return Ok(None);
                }
                break;
            }
            let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
                Some(p) => (&available[..=p], true),
                None => (available, false),
            };
            let n = chunk.len();
            if buf.len() + n > self.max + 2 {
                return Ok(Some(Err(self.line)));
            }
            buf.extend_from_slice(chunk);
            self.inner.consume(n);
            if done {
                break;
            }
        }
        if self.line == 1 && buf.starts_with(UTF8_BOM) {
            buf.drain(..UTF8_BOM.len());
        }
        while matches!(buf.last(), Some(b'\n') | Some(b'\r')) {
            buf.pop();
        }
        Ok(Some(Ok(())))
    }

    /// The 1-based number of the line last read.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// The UTF-8 byte order mark some editors put at the start of a file; it is dropped.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Largest record or article accepted by default, in bytes: the one limit of every input kind.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

/// Counts the bytes a CSV reader pulls since the start of its current record, and fails the read
/// once they pass the record limit: the csv crate reads a record whole before it can be checked,
/// so without this a file with no record end (`/dev/zero`) would grow one record until memory
/// runs out.
struct CappedInput {
    inner: Box<dyn Read + Send>,
    read: u64,
    record_start: std::sync::Arc<std::sync::atomic::AtomicU64>,
    max: u64,
}

impl Read for CappedInput {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let start = self.record_start.load(std::sync::atomic::Ordering::Relaxed);
        // The csv reader buffers ahead; allow its buffer on top of the limit.
        if self.read.saturating_sub(start) > self.max + (1 << 16) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "record is longer than the limit of {} bytes (see --max-record-bytes)",
                    self.max
                ),
            ));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

struct JsonlReader {
    lines: LineReader,
    path: PathBuf,
    options: ReadOptions,
    newsmtsc: bool,
    pending: VecDeque<Record>,
    failed: bool,
}

impl Iterator for JsonlReader {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        if let Some(r) = self.pending.pop_front() {
            return Some(Ok(r));
        }
        if self.failed {
            return None;
        }
        let mut buf = Vec::new();
        loop {
            let line = match self.lines.next_line(&mut buf) {
                Err(e) => {
                    self.failed = true;
                    return Some(Err(Error::io(&self.path, e)));
                }
                Ok(None) => return None,
                Ok(Some(Err(line))) => {
                    self.failed = true;
                    return Some(Err(Error::input(
                        &self.path,
                        line,
                        format!(
                            "record is longer than the limit of {} bytes (see --max-record-bytes)",
                            self.options.max_record_bytes
                        ),
                    )));
                }
                Ok(Some(Ok(()))) => self.lines.line,
            };
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let result = std::str::from_utf8(&buf)
                .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))
                .and_then(|s| {
                    serde_json::from_str::<Value>(s).map_err(|e| format!("invalid JSON: {e}"))
                })
                .and_then(|v| {
                    if self.newsmtsc {
                        newsmtsc_records(&v, line)
                    } else {
                        json_record(&v, line, &self.options).map(|r| vec![r])
                    }
                });
            return match result {
                Ok(records) => {
                    self.pending.extend(records);
                    self.pending.pop_front().map(Ok).or_else(|| self.next())
                }
                Err(message) => Some(Err(Error::input(&self.path, line, message))),
            };
        }
    }
}

/// "missing field" with the fields the record has and the flag that names another one: users
/// meet this first when their data calls its text `sentence` or `body`.
fn missing<'a>(field: &str, role: &str, found: impl Iterator<Item = &'a String>) -> String {
    let found: Vec<&str> = found.map(String::as_str).collect();
    format!(
        "missing field \"{field}\" (fields: {}); name the {role} field with --{role}-field",
        found.join(", ")
    )
}

fn value_to_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn optional_string(
    obj: &serde_json::Map<String, Value>,
    field: &str,
) -> std::result::Result<Option<String>, String> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => value_to_string(v)
            .map(Some)
            .ok_or_else(|| format!("field \"{field}\" must be a string")),
    }
}

fn parse_span(v: &Value, field: &str) -> std::result::Result<Option<(usize, usize)>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Array(a) if a.len() == 2 => match (a[0].as_u64(), a[1].as_u64()) {
            (Some(s), Some(e)) if s <= e => Ok(Some((s as usize, e as usize))),
            _ => Err(format!(
                "field \"{field}\" must be [start, end] with 0 <= start <= end"
            )),
        },
        Value::String(s) => parse_span_str(s)
            .map(Some)
            .ok_or_else(|| format!("field \"{field}\" must be \"start,end\"")),
        _ => Err(format!("field \"{field}\" must be [start, end]")),
    }
}

fn parse_span_str(s: &str) -> Option<(usize, usize)> {
    let s = s.trim().trim_start_matches('[').trim_end_matches(']');
    let mut parts = s.split([',', ':']).map(|p| p.trim().parse::<usize>());
    let (a, b) = (parts.next()?.ok()?, parts.next()?.ok()?);
    (parts.next().is_none() && a <= b).then_some((a, b))
}

fn check_span(text: &str, span: Option<(usize, usize)>) -> std::result::Result<(), String> {
    if let Some((s, e)) = span {
        let n = text.chars().count();
        if e > n {
            return Err(format!(
                "span [{s}, {e}] lies outside the text ({n} characters)"
            ));
        }
    }
    Ok(())
}

fn json_record(
    v: &Value,
    line: usize,
    options: &ReadOptions,
) -> std::result::Result<Record, String> {
    let f = &options.fields;
    let obj = v.as_object().ok_or("expected a JSON object")?;
    let text = match obj.get(&f.text) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(format!("field \"{}\" must be a string", f.text)),
        None => return Err(missing(&f.text, "text", obj.keys())),
    };
    let label = optional_string(obj, &f.label)?;
    if options.require_label && label.is_none() {
        return Err(missing(&f.label, "label", obj.keys()));
    }
    let span = match obj.get(&f.span) {
        Some(v) => parse_span(v, &f.span)?,
        None => None,
    };
    check_span(&text, span)?;
    Ok(Record {
        id: optional_string(obj, &f.id)?.unwrap_or_else(|| line.to_string()),
        text,
        actor: optional_string(obj, &f.actor)?,
        target: optional_string(obj, &f.target)?,
        span,
        label,
        group: match &f.group {
            Some(g) => optional_string(obj, g)?,
            None => None,
        },
        date: match optional_string(obj, "date")? {
            Some(d) => Some(crate::date::normalise(&d).map_err(|e| format!("date: {e}"))?),
            None => optional_string(obj, "year")?
                .map(|y| crate::date::normalise(&y).map_err(|e| format!("year: {e}")))
                .transpose()?,
        },
        fields: options
            .keep_fields
            .then(|| obj.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        line,
    })
}

fn polarity_label(v: &Value) -> std::result::Result<String, String> {
    let p = v.as_f64().ok_or("polarity must be a number")?;
    Ok(match p {
        p if p == -1.0 || p == 2.0 => "negative",
        p if p == 0.0 || p == 4.0 => "neutral",
        p if p == 1.0 || p == 6.0 => "positive",
        _ => return Err(format!("unknown polarity {p}")),
    }
    .to_string())
}

fn newsmtsc_target(
    text: &str,
    t: &Value,
    id: String,
    line: usize,
) -> std::result::Result<Record, String> {
    let from = t
        .get("from")
        .and_then(Value::as_u64)
        .ok_or("missing \"from\"")? as usize;
    let to = t
        .get("to")
        .and_then(Value::as_u64)
        .ok_or("missing \"to\"")? as usize;
    if from > to {
        return Err(format!("span [{from}, {to}] is reversed"));
    }
    check_span(text, Some((from, to)))?;
    let label = polarity_label(t.get("polarity").ok_or("missing \"polarity\"")?)?;
    let actor = t.get("mention").and_then(Value::as_str).map(str::to_string);
    Ok(Record {
        id,
        text: text.to_string(),
        actor,
        target: None,
        span: Some((from, to)),
        label: Some(label),
        group: None,
        date: None,
        fields: None,
        line,
    })
}

fn newsmtsc_records(v: &Value, line: usize) -> std::result::Result<Vec<Record>, String> {
    if let Some(text) = v.get("sentence_normalized").and_then(Value::as_str) {
        let targets = v
            .get("targets")
            .and_then(Value::as_array)
            .ok_or("missing \"targets\"")?;
        targets
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let id = t
                    .get("Input.gid")
                    .and_then(value_to_string)
                    .unwrap_or_else(|| format!("{line}.{k}"));
                newsmtsc_target(text, t, id, line)
            })
            .collect()
    } else if let Some(text) = v.get("sentence").and_then(Value::as_str) {
        let id = v
            .get("id")
            .and_then(value_to_string)
            .unwrap_or_else(|| line.to_string());
        Ok(vec![newsmtsc_target(text, v, id, line)?])
    } else {
        Err("not a NewsMTSC record: expected \"sentence_normalized\" or \"sentence\"".into())
    }
}

struct DelimitedReader {
    reader: csv::Reader<CappedInput>,
    record_start: std::sync::Arc<std::sync::atomic::AtomicU64>,
    last_line: usize,
    path: PathBuf,
    options: ReadOptions,
    columns: Columns,
    record: csv::ByteRecord,
    failed: bool,
    /// The header's column names, with `keep_fields`.
    names: Option<Vec<String>>,
}

struct Columns {
    id: Option<usize>,
    text: usize,
    label: Option<usize>,
    actor: Option<usize>,
    target: Option<usize>,
    span: Option<usize>,
    group: Option<usize>,
    date: Option<usize>,
}

impl DelimitedReader {
    fn new(
        input: Box<dyn Read + Send>,
        path: PathBuf,
        delimiter: u8,
        options: ReadOptions,
    ) -> Result<Self> {
        let record_start = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let input = CappedInput {
            inner: input,
            read: 0,
            record_start: record_start.clone(),
            max: options.max_record_bytes as u64,
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(false)
            .from_reader(input);
        let headers = reader.headers().map_err(|e| csv_error(&path, e))?.clone();
        let find = |name: &str| headers.iter().position(|h| h.trim() == name);
        let f = &options.fields;
        let text = find(&f.text);
        let label = find(&f.label);
        // Every missing column in one message, not one per run.
        let mut wanted = vec![(&f.text, "text", text.is_none())];
        wanted.push((&f.label, "label", options.require_label && label.is_none()));
        let absent: Vec<_> = wanted.into_iter().filter(|w| w.2).collect();
        if !absent.is_empty() {
            let names: Vec<String> = absent.iter().map(|(n, _, _)| format!("\"{n}\"")).collect();
            let flags: Vec<String> = absent
                .iter()
                .map(|(_, r, _)| format!("--{r}-field"))
                .collect();
            let found: Vec<&str> = headers.iter().collect();
            return Err(Error::input(
                &path,
                1,
                format!(
                    "no {} column in the header (columns: {}); name them with {}",
                    names.join(" or "),
                    found.join(", "),
                    flags.join(" and ")
                ),
            ));
        }
        let text = text.unwrap_or_default();
        let columns = Columns {
            id: find(&f.id),
            text,
            label,
            actor: find(&f.actor),
            target: find(&f.target),
            span: find(&f.span),
            group: f.group.as_deref().and_then(find),
            date: find("date").or_else(|| find("year")),
        };
        let names = options
            .keep_fields
            .then(|| headers.iter().map(|h| h.trim().to_string()).collect());
        Ok(DelimitedReader {
            reader,
            record_start,
            last_line: 1,
            path,
            options,
            columns,
            names,
            record: csv::ByteRecord::new(),
            failed: false,
        })
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line() as usize);
    match e.kind() {
        csv::ErrorKind::Io(_) => Error::input(path, line, e.to_string()),
        _ => Error::input(path, line, format!("malformed record: {e}")),
    }
}

impl Iterator for DelimitedReader {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        if self.failed {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Err(e) => {
                self.failed = true;
                // Read errors carry no position: they are at the record after the last one read.
                let line = e
                    .position()
                    .map_or(self.last_line + 1, |p| p.line() as usize);
                let message = match e.kind() {
                    csv::ErrorKind::Io(io) => io.to_string(),
                    _ => format!("malformed record: {e}"),
                };
                Some(Err(Error::input(&self.path, line, message)))
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line() as usize);
                self.last_line = line;
                self.record_start.store(
                    self.reader.position().byte(),
                    std::sync::atomic::Ordering::Relaxed,
                );
                Some(
                    self.convert(line)
                        .map_err(|m| Error::input(&self.path, line, m)),
                )
            }
        }
    }
}

impl DelimitedReader {
    fn convert(&self, line: usize) -> std::result::Result<Record, String> {
        let rec = &self.record;
        let field = |i: Option<usize>| -> std::result::Result<Option<String>, String> {
            match i.and_then(|i| rec.get(i)) {
                None => Ok(None),
                Some(b) => {
                    let s = std::str::from_utf8(b)
                        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
                    Ok((!s.is_empty()).then(|| s.to_string()))
                }
            }
        };
        let text = field(Some(self.columns.text))?.unwrap_or_default();
        if text.len() > self.options.max_record_bytes {
            return Err(format!(
                "record is longer than the limit of {} bytes",
                self.options.max_record_bytes
            ));
        }
        // An unterminated quote swallows the rest of the file into one field; a field that runs
        // over many lines and reaches the end of input is reported rather than trained on.
        if text.matches('\n').count() > 1000 {
            return Err(
                "a quoted field runs over more than 1000 lines: is a closing quote missing?".into(),
            );
        }
        let label = field(self.columns.label)?;
        if self.options.require_label && label.is_none() {
            return Err(format!("empty \"{}\"", self.options.fields.label));
        }
        let span = match field(self.columns.span)? {
            Some(s) => Some(
                parse_span_str(&s).ok_or_else(|| format!("span \"{s}\" is not \"start,end\""))?,
            ),
            None => None,
        };
        check_span(&text, span)?;
        Ok(Record {
            id: field(self.columns.id)?.unwrap_or_else(|| line.to_string()),
            text,
            actor: field(self.columns.actor)?,
            target: field(self.columns.target)?,
            span,
            label,
            group: field(self.columns.group)?,
            date: field(self.columns.date)?
                .filter(|d| !d.trim().is_empty())
                .map(|d| crate::date::normalise(&d).map_err(|e| format!("date: {e}")))
                .transpose()?,
            fields: match &self.names {
                Some(names) => Some(
                    names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            Ok((
                                n.clone(),
                                Value::String(field(Some(i))?.unwrap_or_default()),
                            ))
                        })
                        .collect::<std::result::Result<_, String>>()?,
                ),
                None => None,
            },
            line,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::File::create(&path)
            .unwrap()
            .write_all(content)
            .unwrap();
        (dir, path)
    }

    fn labelled() -> ReadOptions {
        ReadOptions {
            require_label: true,
            ..Default::default()
        }
    }

    #[test]
    fn jsonl_errors_name_the_line() {
        let (_d, p) = write(
            "d.jsonl",
            b"{\"text\":\"a\",\"label\":\"x\"}\n\n{\"text\": \"b\"}\n",
        );
        let err = read_records(&p, &labelled()).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "d.jsonl:3: missing field \"label\" (fields: text); name the label field with --label-field"
            ),
            "{err}"
        );
        let (_d, p) = write(
            "d.jsonl",
            b"{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\xff}\n",
        );
        assert!(read_records(&p, &labelled())
            .unwrap_err()
            .to_string()
            .contains("d.jsonl:2: invalid UTF-8"));
        let (_d, p) = write("d.jsonl", b"{\"text\":\"a\",\"label\":\"x\"\n");
        assert!(read_records(&p, &labelled())
            .unwrap_err()
            .to_string()
            .contains("d.jsonl:1: invalid JSON"));
    }

    #[test]
    fn dates_come_from_date_or_year() {
        let (_d, p) = write(
            "d.jsonl",
            b"{\"text\":\"a\",\"label\":\"x\",\"date\":\"2016-12-13\"}\n{\"text\":\"b\",\"label\":\"x\",\"year\":2019}\n{\"text\":\"c\",\"label\":\"x\"}\n",
        );
        let dates: Vec<Option<String>> = read_records(&p, &labelled())
            .unwrap()
            .into_iter()
            .map(|r| r.date)
            .collect();
        assert_eq!(
            dates,
            [Some("2016-12-13".into()), Some("2019".into()), None]
        );
        let (_d, p) = write("d.csv", b"text,label,year\nhello,x,2013\n");
        assert_eq!(
            read_records(&p, &labelled()).unwrap()[0].date.as_deref(),
            Some("2013")
        );
    }

    #[test]
    fn jsonl_fields_and_spans() {
        let (_d, p) = write("d.jsonl", "{\"id\":7,\"text\":\"Erdoğan spoke\",\"actor\":\"Turkey\",\"span\":[0,7],\"label\":1}\n".as_bytes());
        let r = &read_records(&p, &labelled()).unwrap()[0];
        assert_eq!(
            (r.id.as_str(), r.label.as_deref(), r.span),
            ("7", Some("1"), Some((0, 7)))
        );
        assert_eq!(&r.text[r.byte_span().unwrap()], "Erdoğan");
        let (_d, p) = write(
            "d.jsonl",
            b"{\"text\":\"ab\",\"span\":[0,9],\"label\":\"x\"}\n",
        );
        assert!(read_records(&p, &labelled())
            .unwrap_err()
            .to_string()
            .contains(":1: span [0, 9] lies outside"));
    }

    #[test]
    fn oversized_lines_are_refused() {
        let long = format!("{{\"text\":\"{}\",\"label\":\"x\"}}\n", "a".repeat(5000));
        let (_d, p) = write("d.jsonl", long.as_bytes());
        let opts = ReadOptions {
            max_record_bytes: 1000,
            ..labelled()
        };
        assert!(read_records(&p, &opts)
            .unwrap_err()
            .to_string()
            .contains("d.jsonl:1: record is longer"));
    }

    #[test]
    fn csv_and_tsv() {
        let (_d, p) = write(
            "d.csv",
            b"id,text,label\n1,\"Hello, world\",pos\n2,Bye,neg\n",
        );
        let r = read_records(&p, &labelled()).unwrap();
        assert_eq!(r[0].text, "Hello, world");
        assert_eq!(r[1].line, 3);
        let (_d, p) = write("d.tsv", b"text\tlabel\nA\tx\nB\n");
        assert!(read_records(&p, &labelled())
            .unwrap_err()
            .to_string()
            .contains("d.tsv:3:"));
        let (_d, p) = write("d.csv", b"text\nA\n");
        assert!(read_records(&p, &labelled())
            .unwrap_err()
            .to_string()
            .contains("d.csv:1: no \"label\" column"));
    }

    #[test]
    fn newsmtsc_both_layouts() {
        let (_d, p) = write(
            "n.jsonl",
            b"{\"primary_gid\":\"g\",\"sentence_normalized\":\"Obama met Putin.\",\"targets\":[{\"Input.gid\":\"a\",\"from\":0,\"to\":5,\"mention\":\"Obama\",\"polarity\":6.0},{\"Input.gid\":\"b\",\"from\":10,\"to\":15,\"mention\":\"Putin\",\"polarity\":2.0}]}\n{\"mention\":\"X\",\"polarity\":0,\"from\":0,\"to\":1,\"sentence\":\"X y\",\"id\":\"c\"}\n",
        );
        let opts = ReadOptions {
            format: InputFormat::Newsmtsc,
            ..labelled()
        };
        let r = read_records(&p, &opts).unwrap();
        let labels: Vec<_> = r.iter().map(|r| r.label.clone().unwrap()).collect();
        assert_eq!(labels, ["positive", "negative", "neutral"]);
        assert_eq!(r[1].span, Some((10, 15)));
    }

    #[test]
    fn empty_file_is_an_error() {
        let (_d, p) = write("e.jsonl", b"\n\n");
        assert!(read_records(&p, &labelled())
            .unwrap_err()
            .to_string()
            .contains("no records"));
    }
}
