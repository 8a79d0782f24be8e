//! Headless Chromium for the report and serve tests: the page as a real browser parses and draws
//! it. Where Chromium is missing, the first browser test installs Debian's `chromium` when it can
//! (root, apt-get; as `tests/python.rs` installs its own venv), so `cargo test --release` alone
//! runs every test on a fresh machine; otherwise the browser tests say so on stderr and return.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium binary: `$STANCE_CHROMIUM`, else `chromium` or `chromium-browser` on the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("STANCE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Installs Debian's Chromium when it is missing and this process may (root, with apt-get). The
/// report and serve test binaries run at the same time, so the install is serialised by
/// `flock` on one lock file, and the second one finds Chromium there.
fn install_chromium() {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let apt = Path::new("/usr/bin/apt-get").exists() && Path::new("/usr/bin/flock").exists();
    if !root || !apt {
        return;
    }
    eprintln!("chromium is missing: installing Debian's chromium for the browser tests");
    let status = Command::new("flock")
        .args([
            "/tmp/stance-chromium-install.lock",
            "sh",
            "-c",
            "command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status();
    if !status.as_ref().is_ok_and(|s| s.success()) {
        eprintln!("installing chromium failed: {status:?}");
    }
}

/// Chromium (installed first when it is missing and can be), or a skip message on stderr and
/// `None`.
pub fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    if chromium().is_none() {
        install_chromium();
    }
    let c = chromium();
    if c.is_none() {
        eprintln!(
            "SKIPPED {test}: chromium is not installed and could not be (apt-get install chromium as root, or set STANCE_CHROMIUM)"
        );
    }
    c
}

/// Longest a Chromium run may take before the test fails.
const LIMIT: Duration = Duration::from_secs(90);

/// Runs headless Chromium with the flags of a sandboxed, offline, throw-away profile.
fn run(chromium: &Path, args: &[String]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("chromium took longer than {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// The DOM after Chromium loaded `url`.
pub fn dump_dom(chromium: &Path, url: &str) -> String {
    let out = run(chromium, &["--dump-dom".into(), url.into()]);
    assert!(
        out.status.success(),
        "chromium --dump-dom failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A screenshot of `url` at `width` x `height`: (width, height, RGBA-ish pixels as decoded).
pub fn screenshot(chromium: &Path, url: &str, width: u32, height: u32) -> Picture {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("shot.png");
    let out = run(
        chromium,
        &[
            format!("--screenshot={}", png.display()),
            format!("--window-size={width},{height}"),
            url.into(),
        ],
    );
    assert!(
        png.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    decode(&png)
}

/// A decoded PNG.
pub struct Picture {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// One entry per pixel: its bytes packed (RGB or RGBA).
    pub pixels: Vec<u32>,
}

impl Picture {
    /// Distinct pixel values.
    pub fn colours(&self) -> usize {
        let mut p = self.pixels.clone();
        p.sort_unstable();
        p.dedup();
        p.len()
    }

    /// Share of pixels that differ from the most common one (the background).
    pub fn ink(&self) -> f64 {
        let mut counts = std::collections::HashMap::new();
        for p in &self.pixels {
            *counts.entry(*p).or_insert(0usize) += 1;
        }
        let most = counts.values().max().copied().unwrap_or(0);
        1.0 - most as f64 / self.pixels.len().max(1) as f64
    }
}

/// Decodes a PNG: its header's size, and its pixels.
pub fn decode(path: &Path) -> Picture {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut reader = png::Decoder::new(file).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    let per = info.line_size / info.width as usize;
    let pixels = bytes
        .chunks(per.max(1))
        .map(|c| c.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32))
        .collect();
    Picture {
        width: info.width,
        height: info.height,
        pixels,
    }
}

/// A `file://` URL for a local file.
pub fn file_url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}
