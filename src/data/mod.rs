//! Dataset readers and writers: JSONL, CSV, TSV and NewsMTSC, with errors that name `file:line`.
//!
//! Readers stream: a record is parsed, handed on and dropped, so `classify` holds constant memory
//! whatever the size of its input. A single line longer than [`ReadOptions::max_record_bytes`] is an
//! error rather than an out-of-memory kill.

mod readers;
mod record;

pub use readers::{
    open_reader, open_records, read_records, FieldMap, InputFormat, LineReader, ReadOptions,
    RecordStream, DEFAULT_MAX_RECORD_BYTES, UTF8_BOM,
};
pub use record::{byte_to_char, char_to_byte_range, Record};
