//! Helpers shared by the fuzz targets in `src/bin/`.

use std::path::PathBuf;

/// A scratch file for one fuzz process: `/dev/shm/stance-fuzz-<tag>-<pid>.<ext>` (RAM-backed, so
/// a persistent-mode loop does not touch the disk). Falls back to the temp dir without /dev/shm.
pub fn scratch_path(tag: &str, ext: &str) -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("stance-fuzz-{tag}-{}.{ext}", std::process::id()))
}

/// Writes `data` to `path`, replacing what was there.
pub fn write_scratch(path: &std::path::Path, data: &[u8]) {
    std::fs::write(path, data).expect("cannot write the fuzz scratch file");
}

/// Checks that `start..end` is a valid slice range of `text` (in bounds, on char boundaries).
pub fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} out of bounds (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} not on char boundaries"
    );
}
