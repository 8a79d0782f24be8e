//! The model file: a one-line header (format, version, payload size, checksum) and a payload.
//!
//! The payload of format versions 3 to 5 is [postcard]'s binary encoding of the model's serde
//! types; versions 1 and 2 hold JSON and are still read. Version 4 checks its payload with
//! XXH3-128 instead of SHA-256, stores the vocabulary as one text (see
//! [`Vocabulary`](crate::features::Vocabulary)) and adds fields to the options; version 5 adds
//! the training words' n-gram ids to the vectorizer ([`KnownWords`](crate::features::KnownWords))
//! and writes the large `f32` arrays as bytes ([`f32_array`]); older versions are read as they
//! were written. Postcard is not self-describing: it writes
//! neither field names nor lengths of structs, so a reader must ask for exactly the fields that
//! were written. Three serde features break that and must not be used on a type inside the
//! model: `skip_serializing_if` (use the `omit_*` predicates here, which skip only in JSON),
//! `flatten`/`untagged`/internally tagged enums, and types read with `deserialize_any`
//! (`serde_json::Value`; see [`json_in_binary`]). `tests/model_file.rs` round-trips every
//! model kind through both encodings to hold that. A field added after version 3 is written with
//! an `omit_before::<N, _>` predicate and read with a `since::<N, _, _>` function
//! ([`omit_before`], [`since`]), so each version's payload holds exactly its
//! fields.
//!
//! The header is read and checked before anything is allocated for the payload: a foreign file
//! is named as such, a newer format version is refused, a truncated or altered file fails its
//! size or checksum. Files are written to a temporary name in the same folder, synced and renamed,
//! so an interrupted write leaves the previous model intact.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The magic name in every model file's header.
pub const FORMAT_NAME: &str = "stance-model";
/// The newest format version this build reads and the one it writes. Version 2 added per-target
/// models (a version-1 reader would silently ignore them); version 3 replaced the JSON payload
/// with postcard's binary encoding, which loads several times faster (no float parsing) and is
/// a third smaller; version 4 checks the payload with XXH3-128 (a SHA-256 of a 40 MB model was an
/// eighth of `classify`'s start), keeps the vocabulary's strings in one buffer, and records
/// whether the logistic model scaled its columns by naive Bayes ratios
/// (`ClassifierParams::nb_scale`) and whether the mention's place is read
/// (`ExtractOptions::mention_position`); version 5 stores, with the vectorizer, the character
/// n-gram ids of the training set's words (`Vectorizer`'s known words), so that `classify` looks a
/// known word up once instead of once per n-gram (about 30 lookups in a table of millions),
/// writes the weights and IDF as one run of bytes each ([`f32_array`]), and records whether word
/// pairs of the actor's clause are read (`ExtractOptions::clause_pairs`).
pub const FORMAT_VERSION: u32 = 5;
/// The first format version whose payload is binary (postcard) rather than JSON.
pub const BINARY_VERSION: u32 = 3;
/// The first format version whose header holds an XXH3-128 checksum rather than a SHA-256 one.
/// The checksum guards against damage (a truncated copy, flipped bits), not against forgery: a
/// forger can rewrite a SHA-256 in the header as easily.
pub const XXH3_VERSION: u32 = 4;
/// The first format version whose binary payload stores the vocabulary as lengths and one text.
pub const COMPACT_VOCABULARY_VERSION: u32 = 4;
/// Largest header line accepted.
const MAX_HEADER: usize = 4096;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    format_version: u32,
    tool_version: String,
    payload_bytes: u64,
    /// Up to format version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sha256: Option<String>,
    /// From format version 4 ([`XXH3_VERSION`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    xxh3_128: Option<String>,
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Hex XXH3-128 of some bytes (big-endian, as the reference implementation prints it): the
/// checksum of model files from format version 4.
pub fn xxh3_128_hex(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hex SHA-256 of a file's bytes, read in blocks (a training file can be gigabytes).
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    std::io::copy(&mut file, &mut hasher).map_err(|e| Error::io(path, e))?;
    Ok(hex(&hasher.finalize()))
}

thread_local! {
    /// The payload this thread is encoding or decoding: its format version and whether it is
    /// binary. Read by the `omit_*` predicates, the fields added after version 3 ([`since`],
    /// [`omit_before`]) and the types whose binary layout changed ([`binary_layout`]). Outside
    /// a model file (plain `serde_json::to_value`, say) it is the newest version, not binary.
    static PAYLOAD: std::cell::Cell<(u32, bool)> = const { std::cell::Cell::new((FORMAT_VERSION, false)) };
}

/// Runs `f` (an encoding or a decoding) with the payload's format `version` and kind known,
/// restored after (also on a panic).
fn with_payload<R>(version: u32, binary: bool, f: impl FnOnce() -> R) -> R {
    struct Reset((u32, bool));
    impl Drop for Reset {
        fn drop(&mut self) {
            PAYLOAD.with(|p| p.set(self.0));
        }
    }
    let _reset = Reset(PAYLOAD.with(|p| p.replace((version, binary))));
    f()
}

/// The format version of the binary payload this thread is encoding or decoding, 0 when none is.
pub fn binary_layout() -> u32 {
    match PAYLOAD.with(|p| p.get()) {
        (version, true) => version,
        (_, false) => 0,
    }
}

/// `skip_serializing_if` predicate of a field added in format version `V`
/// (`omit_before::<4, _>`): left out of payloads of older versions (`stance train` writes the
/// newest; older ones are written for tests and older builds), which [`since`] then reads without
/// it.
pub fn omit_before<const V: u32, T>(_: &T) -> bool {
    PAYLOAD.with(|p| p.get()).0 < V
}

/// `deserialize_with` reader of a field added in format version `V` (`since::<4, _, _>`): in an
/// older binary payload, which does not hold the field, it reads nothing and gives the default.
/// JSON names its fields: there a field present is read (an absent one takes
/// `#[serde(default)]`), since skipping its value would leave the parser inside it.
pub fn since<'de, const V: u32, D, T>(deserializer: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    if PAYLOAD.with(|p| p.get()).0 < V && !deserializer.is_human_readable() {
        return Ok(T::default());
    }
    T::deserialize(deserializer)
}

/// `skip_serializing_if` predicate of a flag added in format version `V` that changes how text
/// is featurized: left out of an older payload when off (older readers take it as off), kept
/// when on, so that [`refuse_on_before`] refuses the payload instead of writing a file an older
/// reader would score otherwise.
pub fn omit_off_before<const V: u32>(on: &bool) -> bool {
    !*on && PAYLOAD.with(|p| p.get()).0 < V
}

/// `serialize_with` writer of such a flag: an error when it is on and the payload is older than
/// version `V` (`StanceModel::save_as` refuses first, with the reason).
pub fn refuse_on_before<const V: u32, S: serde::Serializer>(
    on: &bool,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    if *on && PAYLOAD.with(|p| p.get()).0 < V {
        return Err(serde::ser::Error::custom(
            "a flag of a newer format version is on: an older version cannot hold this model",
        ));
    }
    serializer.serialize_bool(*on)
}

/// Whether this thread is encoding a binary payload.
fn writing_binary() -> bool {
    PAYLOAD.with(|p| p.get()).1
}

/// The payload in postcard's encoding, the newest layout.
pub fn to_binary<T: Serialize>(payload: &T) -> Result<Vec<u8>> {
    to_binary_as(payload, FORMAT_VERSION)
}

/// The payload in postcard's encoding, in the layout of format `version` (from
/// [`BINARY_VERSION`]).
pub fn to_binary_as<T: Serialize>(payload: &T, version: u32) -> Result<Vec<u8>> {
    with_payload(version, true, || postcard::to_stdvec(payload))
        .map_err(|e| Error::Internal(format!("cannot serialise the model (binary): {e}")))
}

/// A payload in postcard's encoding, the newest layout, read back; the whole input must be used.
pub fn from_binary<T: DeserializeOwned>(bytes: &[u8]) -> std::result::Result<T, String> {
    from_binary_as(bytes, FORMAT_VERSION)
}

/// [`from_binary`] for a payload in the layout of format `version`.
pub fn from_binary_as<T: DeserializeOwned>(
    bytes: &[u8],
    version: u32,
) -> std::result::Result<T, String> {
    match with_payload(version, true, || postcard::take_from_bytes(bytes)) {
        Ok((value, [])) => Ok(value),
        Ok((_, rest)) => Err(format!("{} bytes left over after the model", rest.len())),
        Err(e) => Err(e.to_string()),
    }
}

/// The first format version whose binary payload stores the large `f32` arrays (weights, IDF)
/// as one run of little-endian bytes rather than a sequence of numbers (see [`f32_array`]).
pub const F32_BYTES_VERSION: u32 = 5;

/// `#[serde(with = "...")]` for a large `Vec<f32>` in a model: in a binary payload from
/// [`F32_BYTES_VERSION`] on, its little-endian bytes in one piece; elsewhere (JSON, older
/// versions) a sequence of numbers. Decoding 4.5 million weights one number at a time through
/// serde was a tenth of a model's load, in which nothing else could run; the bytes convert in
/// one pass, bit for bit the same numbers (NaN payloads too).
pub mod f32_array {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes the numbers, or their bytes in a binary payload from version 5.
    pub fn serialize<S: Serializer>(v: &[f32], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() || super::binary_layout() < super::F32_BYTES_VERSION {
            return v.serialize(s);
        }
        let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    /// Reads what [`serialize`] wrote; bytes that are not whole numbers are refused.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f32>, D::Error> {
        if d.is_human_readable() || super::binary_layout() < super::F32_BYTES_VERSION {
            return Vec::<f32>::deserialize(d);
        }
        d.deserialize_bytes(Numbers)
    }

    struct Numbers;

    impl serde::de::Visitor<'_> for Numbers {
        type Value = Vec<f32>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("the little-endian bytes of 32-bit floats")
        }

        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<f32>, E> {
            if bytes.len() % 4 != 0 {
                return Err(E::custom(format!(
                    "{} bytes of 32-bit floats is not a whole number of them",
                    bytes.len()
                )));
            }
            Ok(bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect())
        }
    }
}

/// `skip_serializing_if` predicate: an absent value is left out of JSON, never of binary.
pub fn omit_none<T>(v: &Option<T>) -> bool {
    v.is_none() && !writing_binary()
}

/// `skip_serializing_if` predicate: an empty list is left out of JSON, never of binary.
pub fn omit_empty_vec<T>(v: &[T]) -> bool {
    v.is_empty() && !writing_binary()
}

/// `skip_serializing_if` predicate: an empty map is left out of JSON, never of binary.
pub fn omit_empty_map<K, V>(v: &std::collections::BTreeMap<K, V>) -> bool {
    v.is_empty() && !writing_binary()
}

/// `skip_serializing_if` predicate: `false` is left out of JSON, never of binary.
pub fn omit_false(v: &bool) -> bool {
    !*v && !writing_binary()
}

/// `#[serde(with = "...")]` for an `Option<serde_json::Value>` inside a model: itself in JSON,
/// its JSON text in binary (a free-form value can only be read by a self-describing format).
pub mod json_in_binary {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes the value, or its JSON text for a binary format.
    pub fn serialize<S: Serializer>(
        v: &Option<serde_json::Value>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return v.serialize(s);
        }
        v.as_ref()
            .map(|v| serde_json::to_string(v).map_err(serde::ser::Error::custom))
            .transpose()?
            .serialize(s)
    }

    /// Reads what [`serialize`] wrote.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<serde_json::Value>, D::Error> {
        if d.is_human_readable() {
            return Option::<serde_json::Value>::deserialize(d);
        }
        Option::<String>::deserialize(d)?
            .map(|t| serde_json::from_str(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// Serialises `payload` to `path` atomically (temporary file, fsync, rename), in the newest
/// format version.
pub fn save<T: Serialize>(payload: &T, path: &Path) -> Result<()> {
    save_as(payload, path, FORMAT_VERSION)
}

/// [`save`] with the format version to write in the header: a binary payload from
/// [`BINARY_VERSION`] on, JSON below (for tests of older files and for older builds).
pub fn save_as<T: Serialize>(payload: &T, path: &Path, version: u32) -> Result<()> {
    write_atomically(path, &encode(payload, version)?)
}

/// The bytes of a model file holding `payload`, in format `version`.
pub fn encode<T: Serialize>(payload: &T, version: u32) -> Result<Vec<u8>> {
    if version == 0 || version > FORMAT_VERSION {
        return Err(Error::Param(format!(
            "model format version {version}: this build writes versions 1 to {FORMAT_VERSION}"
        )));
    }
    let body = if version >= BINARY_VERSION {
        to_binary_as(payload, version)?
    } else {
        with_payload(version, false, || serde_json::to_vec(payload))
            .map_err(|source| Error::Serialize { source })?
    };
    let header = Header {
        format: FORMAT_NAME.into(),
        format_version: version,
        tool_version: env!("CARGO_PKG_VERSION").into(),
        payload_bytes: body.len() as u64,
        sha256: (version < XXH3_VERSION).then(|| sha256_hex(&body)),
        xxh3_128: (version >= XXH3_VERSION).then(|| xxh3_128_hex(&body)),
    };
    let mut bytes = serde_json::to_vec(&header).expect("header serialises");
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

/// Checks, before any work, that `path` may receive the tool's output: its folder exists, and it
/// is absent or a regular file (never a device, a folder, or a dangling link), and it is none of
/// `inputs` (compared by device and inode, so a hard link is caught too). `flag` names the option
/// in messages. Returns whether the file exists.
pub fn check_destination(path: &Path, inputs: &[&Path], flag: &str) -> Result<bool> {
    let refuse = |why: String| Err(Error::Usage(format!("{flag} {}: {why}", path.display())));
    if path.file_name().is_none() {
        return refuse("not a file path".into());
    }
    let dir = folder_of(path);
    if !dir.is_dir() {
        return refuse(format!("the folder {} does not exist", dir.display()));
    }
    let out_id = same_file_id(path);
    for input in inputs {
        if out_id.is_some() && out_id == same_file_id(input) {
            return refuse(format!(
                "is also an input ({}); the output would replace it",
                input.display()
            ));
        }
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling link would be replaced by the output, not followed: refuse it too.
            if std::fs::symlink_metadata(path).is_ok() {
                return refuse("is a broken symbolic link".into());
            }
            return Ok(false);
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a device, pipe or socket)"
        };
        return refuse(format!("is {what}; it is never overwritten"));
    }
    Ok(true)
}

/// [`check_destination`] for a model file (`--out`): an existing file is replaced only when it
/// is a model itself (or empty), never data or notes.
pub fn check_output(path: &Path, inputs: &[&Path]) -> Result<()> {
    if !check_destination(path, inputs, "--out")? {
        return Ok(());
    }
    let mut head = Vec::new();
    File::open(path)
        .and_then(|f| f.take(32).read_to_end(&mut head))
        .map_err(|e| Error::io(path, e))?;
    if !head.starts_with(b"{\"format\":\"stance-model\"") && !head.is_empty() {
        return Err(Error::Usage(format!(
            "--out {}: exists and is not a stance model ({}); only a model file is overwritten",
            path.display(),
            describe_foreign(&head)
        )));
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The temporary file a write of `path` goes through (`.NAME.tmp-PID` beside it), registered for
/// [`remove_temporary_files`]; ones left by killed processes are removed first.
pub fn temporary_for(path: &Path) -> Result<std::path::PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Usage(format!("{}: not a file path", path.display())))?
        .to_string_lossy();
    let dir = folder_of(path);
    remove_stale_temporaries(dir, &name);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    track(&tmp, true);
    Ok(tmp)
}

/// The device and inode of a file (following links), to tell two paths naming one file.
#[cfg(unix)]
fn same_file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Elsewhere, the canonical path.
#[cfg(not(unix))]
fn same_file_id(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// Temporary files being written, removed by [`remove_temporary_files`] when the process is
/// interrupted.
static WRITING: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes the temporary files of writes in progress; for a signal handler, before exiting.
pub fn remove_temporary_files() {
    let paths = match WRITING.lock() {
        Ok(mut w) => std::mem::take(&mut *w),
        Err(p) => std::mem::take(&mut *p.into_inner()),
    };
    for p in paths {
        let _ = std::fs::remove_file(p);
    }
}

/// Registers (`writing`) or forgets a temporary file for [`remove_temporary_files`].
pub fn track(tmp: &Path, writing: bool) {
    let mut w = WRITING.lock().unwrap_or_else(|p| p.into_inner());
    if writing {
        w.push(tmp.to_path_buf());
    } else {
        w.retain(|p| p != tmp);
    }
}

/// Removes `.NAME.tmp-PID` files left in `dir` by writes of `name` whose process is gone (killed
/// before it could clean up). Only on Linux, where `/proc` tells which processes live.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = Path::new(&format!("/proc/{pid}")).exists();
        let own = e.file_type().is_ok_and(|t| t.is_file());
        if !alive && own {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced and renamed. The
/// temporary file is removed on failure and, through [`remove_temporary_files`], on a signal;
/// ones left by killed processes are removed on the next write.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = folder_of(path);
    let tmp = temporary_for(path)?;
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // A test hook: hold the temporary file open so a test can interrupt the write.
        if let Some(ms) = std::env::var_os("STANCE_TEST_WRITE_PAUSE_MS")
            .and_then(|v| v.to_str().and_then(|v| v.parse::<u64>().ok()))
        {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    track(&tmp, false);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Reads and checks a model file from disk.
pub fn load<T: DeserializeOwned>(path: &Path) -> Result<T> {
    load_versioned(path).map(|(v, _)| v)
}

/// [`load`], also returning the file's format version.
pub fn load_versioned<T: DeserializeOwned>(path: &Path) -> Result<(T, u32)> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    from_reader(BufReader::new(file), size, &name)
}

/// Reads and checks a model from bytes (the built-in models).
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8], name: &str) -> Result<T> {
    from_bytes_versioned(bytes, name).map(|(v, _)| v)
}

/// [`from_bytes`], also returning the format version.
pub fn from_bytes_versioned<T: DeserializeOwned>(bytes: &[u8], name: &str) -> Result<(T, u32)> {
    from_reader(bytes, bytes.len() as u64, name)
}

fn refuse(name: &str, message: impl Into<String>) -> Error {
    Error::Model {
        path: name.to_string(),
        message: message.into(),
    }
}

fn from_reader<T: DeserializeOwned, R: BufRead>(
    mut reader: R,
    size: u64,
    name: &str,
) -> Result<(T, u32)> {
    let mut header_line = Vec::new();
    reader
        .by_ref()
        .take(MAX_HEADER as u64)
        .read_until(b'\n', &mut header_line)
        .map_err(|e| refuse(name, format!("cannot read: {e}")))?;
    if !header_line.starts_with(b"{\"format\":\"stance-model\"") {
        let what = describe_foreign(&header_line);
        return Err(refuse(
            name,
            format!("not a stance model file ({what}); expected a file written by `stance train`"),
        ));
    }
    let header: Header = serde_json::from_slice(header_line.trim_ascii_end())
        .map_err(|e| refuse(name, format!("damaged model header: {e}")))?;
    if header.format_version > FORMAT_VERSION {
        return Err(refuse(
            name,
            format!(
                "model format version {} was written by stance {}; this build reads up to version {FORMAT_VERSION}: upgrade stance",
                header.format_version, header.tool_version
            ),
        ));
    }
    // Checked: a forged header can promise up to 2^64 - 1 payload bytes.
    let expected = (header_line.len() as u64).checked_add(header.payload_bytes);
    if expected != Some(size) {
        let promised = expected.map_or_else(
            || format!("more than {} bytes", u64::MAX),
            |e| format!("{e} bytes"),
        );
        return Err(refuse(name, format!("damaged model file: {size} bytes on disk, header promises {promised} (truncated or appended to)")));
    }
    let mut body = Vec::with_capacity(header.payload_bytes as usize);
    reader
        .read_to_end(&mut body)
        .map_err(|e| refuse(name, format!("cannot read: {e}")))?;
    let (stored, actual) = if header.format_version >= XXH3_VERSION {
        (header.xxh3_128, xxh3_128_hex(&body))
    } else {
        (header.sha256, sha256_hex(&body))
    };
    match stored {
        None => {
            return Err(refuse(
                name,
                "damaged model header: no checksum for its format version",
            ))
        }
        Some(s) if s != actual => {
            return Err(refuse(name, "damaged model file: checksum mismatch"))
        }
        Some(_) => {}
    }
    let value = if header.format_version >= BINARY_VERSION {
        from_binary_as(&body, header.format_version)
            .map_err(|e| refuse(name, format!("damaged model payload (binary): {e}")))?
    } else {
        with_payload(header.format_version, false, || {
            serde_json::from_slice(&body)
        })
        .map_err(|e| refuse(name, format!("damaged model payload: {e}")))?
    };
    Ok((value, header.format_version))
}

fn describe_foreign(head: &[u8]) -> String {
    if head.is_empty() {
        return "the file is empty".into();
    }
    if head.starts_with(b"\x1f\x8b") {
        return "a gzip file".into();
    }
    if head.starts_with(b"PK") {
        return "a zip file".into();
    }
    if head.first() == Some(&b'{') {
        return "a JSON file without a stance header".into();
    }
    if std::str::from_utf8(head).is_err() {
        return "binary data".into();
    }
    "a text file".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    struct Floats(#[serde(with = "f32_array")] Vec<f32>);

    #[test]
    fn f32_arrays_are_bytes_from_version_5_and_read_back_bit_for_bit() {
        let v = Floats(vec![
            0.1,
            -0.0,
            f32::NAN,
            f32::MIN_POSITIVE / 2.0,
            1e38,
            -3.5,
        ]);
        let bits = |f: &Floats| f.0.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for version in BINARY_VERSION..=FORMAT_VERSION {
            let bytes = to_binary_as(&v, version).unwrap();
            let back: Floats = from_binary_as(&bytes, version).unwrap();
            assert_eq!(bits(&back), bits(&v), "v{version}");
            if version >= F32_BYTES_VERSION {
                // A length, then 4 bytes a number, little-endian.
                assert_eq!(bytes.len(), 1 + 4 * v.0.len());
                assert_eq!(bytes[1..5], 0.1f32.to_le_bytes());
            }
        }
        let json = serde_json::to_string(&v.0[..2].to_vec()).unwrap();
        assert_eq!(json, "[0.1,-0.0]");
        // Seven bytes are not whole floats: refused, not truncated (postcard keeps no custom
        // message; the loader names the payload as damaged). Eight are two floats.
        let bad = [7u8, 1, 2, 3, 4, 5, 6, 7];
        assert!(from_binary_as::<Floats>(&bad, FORMAT_VERSION).is_err());
        let good = [8u8, 0, 0, 128, 63, 0, 0, 0, 64];
        let two: Floats = from_binary_as(&good, FORMAT_VERSION).unwrap();
        assert_eq!(two.0, [1.0, 2.0]);
    }

    #[test]
    fn round_trip_and_refusals() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.model");
        let value = vec![0.1f64, 1.0 / 3.0, 2.5e-300];
        save(&value, &p).unwrap();
        let back: Vec<f64> = load(&p).unwrap();
        assert_eq!(back, value, "floats must round-trip bit for bit (binary)");
        // The checks below edit a JSON payload (version 1) in place.
        save_as(&value, &p, 1).unwrap();
        let back: Vec<f64> = load(&p).unwrap();
        assert_eq!(back, value, "floats must round-trip bit for bit (JSON)");
        assert!(save_as(&value, &p, FORMAT_VERSION + 1).is_err());
        let bytes = std::fs::read(&p).unwrap();
        std::fs::write(&p, &bytes[..bytes.len() - 3]).unwrap();
        assert!(load::<Vec<f64>>(&p)
            .unwrap_err()
            .to_string()
            .contains("truncated"));
        let mut altered = bytes.clone();
        let last = altered.len() - 2;
        altered[last] = b'9';
        std::fs::write(&p, &altered).unwrap();
        assert!(load::<Vec<f64>>(&p)
            .unwrap_err()
            .to_string()
            .contains("checksum"));
        std::fs::write(&p, b"hello").unwrap();
        assert!(load::<Vec<f64>>(&p)
            .unwrap_err()
            .to_string()
            .contains("not a stance model file (a text file)"));
        let newer = String::from_utf8(bytes).unwrap().replacen(
            "\"format_version\":1",
            "\"format_version\":9",
            1,
        );
        std::fs::write(&p, newer).unwrap();
        assert!(load::<Vec<f64>>(&p)
            .unwrap_err()
            .to_string()
            .contains("upgrade stance"));
    }
}
