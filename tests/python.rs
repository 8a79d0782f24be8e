//! The Python package's tests, run by `cargo test --release` so that CI covers them: builds the
//! wheel with maturin into the target folder, installs it into a virtual environment there
//! (`target/python-venv`, made once and reused while `python/requirements-test.txt` and the
//! interpreter are unchanged), and runs pytest on `python/tests` with `STANCE_BIN` naming the
//! binary cargo built from the same sources, which the Python answers are compared with.
//!
//! Skipped, with the reason printed, only when there is no `python3`. Any other failure (no
//! network for pip, a build error, a failing Python test) fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The interpreter: `STANCE_PYTHON`, else `python3` on the PATH.
fn python() -> Option<String> {
    let exe = std::env::var("STANCE_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&exe)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(exe)
}

fn run(what: &str, cmd: &mut Command) {
    eprintln!("python test: {what}");
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("{what}: cannot start {cmd:?}: {e}"));
    assert!(status.success(), "{what} failed ({status}): {cmd:?}");
}

fn output(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// What the virtual environment was made from; a different one means make it anew.
fn stamp(python: &str, requirements: &Path) -> String {
    let version =
        output(Command::new(python).args(["-c", "import sys; print(sys.executable, sys.version)"]));
    let reqs = std::fs::read_to_string(requirements).expect("python/requirements-test.txt");
    format!("{version}\n{reqs}")
}

#[test]
fn python_package() {
    let Some(python) = python() else {
        eprintln!("SKIPPED python_package: no python3 on the PATH (set STANCE_PYTHON to one)");
        return;
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // CARGO_TARGET_TMPDIR is <target>/tmp: the venv and the build live beside it, in the target
    // folder, never in the source tree.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target folder")
        .to_path_buf();
    let venv = target.join("python-venv");
    let bin = venv.join("bin");
    let requirements = repo.join("python/requirements-test.txt");
    let want = stamp(&python, &requirements);
    let stamp_file = venv.join("stance-stamp.txt");
    if std::fs::read_to_string(&stamp_file).ok().as_deref() != Some(want.as_str()) {
        if venv.exists() {
            std::fs::remove_dir_all(&venv).expect("remove the old venv");
        }
        run(
            "make the venv",
            Command::new(&python).arg("-m").arg("venv").arg(&venv),
        );
        run(
            "install the test requirements",
            Command::new(bin.join("python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    "-r",
                ])
                .arg(&requirements),
        );
        std::fs::write(&stamp_file, &want).expect("write the venv stamp");
    }
    // The wheel: a release build of the extension crate, in its own folder under target/ so
    // later runs only rebuild what changed.
    let wheels = target.join("python-wheels");
    if wheels.exists() {
        std::fs::remove_dir_all(&wheels).expect("clear old wheels");
    }
    run(
        "build the wheel",
        Command::new(bin.join("maturin"))
            .args(["build", "--release", "--quiet", "--out"])
            .arg(&wheels)
            .current_dir(repo)
            .env("CARGO_TARGET_DIR", target.join("python-build"))
            .env("VIRTUAL_ENV", &venv),
    );
    let wheel: PathBuf = std::fs::read_dir(&wheels)
        .expect("wheels folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("maturin wrote no wheel");
    run(
        "install the wheel",
        Command::new(bin.join("python"))
            .args([
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "--no-deps",
                "--force-reinstall",
            ])
            .arg(&wheel),
    );
    run(
        "pytest",
        Command::new(bin.join("python"))
            .args([
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "python/tests",
            ])
            .current_dir(repo)
            .env("STANCE_BIN", env!("CARGO_BIN_EXE_stance"))
            .env("PYTHONDONTWRITEBYTECODE", "1"),
    );
}
