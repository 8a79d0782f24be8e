//! `--config FILE` (or `STANCE_CONFIG`): a project's settings in one TOML file, one table per
//! command, keys named as the command's long flags:
//!
//! ```toml
//! [train]
//! text-field = "sentence"
//! label-field = "stance"
//! min-df = 2
//! no-cues = true
//!
//! [classify]
//! text-field = "sentence"
//! ```
//!
//! The settings of the command being run become flags placed before the command line's own
//! (ripgrep reads its config file the same way); a flag the command line gives replaces the
//! file's setting. Every
//! table and key is checked against the commands' flags, so a typo is an error that names the
//! file, not a setting silently ignored.

use std::ffi::OsString;
use std::path::PathBuf;

use stance::error::{Error, Result};

/// Largest config file read: settings are a few lines.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// `args` (the process's, program name first) with the config file's settings for the command
/// being run inserted after its name, and `--config FILE` removed. Without a config (no flag, no
/// `STANCE_CONFIG`) or without a command, `args` as they are.
pub fn expand(mut args: Vec<OsString>, cmd: &clap::Command) -> Result<Vec<OsString>> {
    let mut path: Option<PathBuf> = None;
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy().into_owned();
        if a == "--" {
            break;
        }
        if a == "--config" && i + 1 < args.len() {
            path = Some(PathBuf::from(args.remove(i + 1)));
            args.remove(i);
            continue;
        }
        if let Some(p) = a.strip_prefix("--config=") {
            path = Some(PathBuf::from(p));
            args.remove(i);
            continue;
        }
        i += 1;
    }
    let path = match path.or_else(|| {
        std::env::var_os("STANCE_CONFIG")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }) {
        Some(p) => p,
        None => return Ok(args),
    };
    let table = read(&path)?;
    // Every table and key is checked, whichever command runs, so a typo shows at once.
    let mut settings: Vec<(String, Vec<OsString>)> = Vec::new();
    let used = command_position(&args, cmd);
    for (name, value) in &table {
        let sub = cmd
            .find_subcommand(name)
            .ok_or_else(|| Error::input(&path, 0, format!("[{name}] is not a stance command")))?;
        let toml::Value::Table(keys) = value else {
            return Err(Error::input(
                &path,
                0,
                format!("\"{name}\" must be a table ([{name}]) of its flags"),
            ));
        };
        let flags = flags_of(&path, name, sub, keys)?;
        if used.as_ref().is_some_and(|(_, n)| n == sub.get_name()) {
            settings = flags;
        }
    }
    if let Some((at, _)) = used {
        // A flag the command line gives replaces the file's whole setting (a list such as
        // `data` included), so the command line wins.
        let given: Vec<String> = args[at + 1..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .take_while(|a| a != "--")
            .filter_map(|a| {
                a.strip_prefix("--")
                    .map(|f| f.split('=').next().unwrap_or_default().to_string())
            })
            .collect();
        let inserted: Vec<OsString> = settings
            .into_iter()
            .filter(|(key, _)| !given.contains(key))
            .flat_map(|(_, flags)| flags)
            .collect();
        args.splice(at + 1..at + 1, inserted);
    }
    Ok(args)
}

fn read(path: &std::path::Path) -> Result<toml::Table> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut text = String::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Error::io(path, e))?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(Error::input(path, 0, "config file is over 1 MiB"));
    }
    text.parse::<toml::Table>().map_err(|e| {
        let line = e
            .span()
            .map_or(0, |s| text[..s.start].matches('\n').count() + 1);
        Error::input(path, line, format!("invalid TOML: {}", e.message()))
    })
}

/// Where the command's name is in `args`, and the command's name: the first word that is not a
/// global flag or its value.
fn command_position(args: &[OsString], cmd: &clap::Command) -> Option<(usize, String)> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if a == "--threads" {
            i += 2;
            continue;
        }
        if a.starts_with('-') {
            i += 1;
            continue;
        }
        return cmd
            .find_subcommand(a.as_ref())
            .map(|s| (i, s.get_name().to_string()));
    }
    None
}

/// The flags one table sets, by key, each checked against the command's own.
fn flags_of(
    path: &std::path::Path,
    name: &str,
    sub: &clap::Command,
    keys: &toml::Table,
) -> Result<Vec<(String, Vec<OsString>)>> {
    let mut all = Vec::new();
    for (key, value) in keys {
        let mut out = Vec::new();
        let arg = sub
            .get_arguments()
            .find(|a| a.get_long() == Some(key.as_str()))
            .ok_or_else(|| Error::input(path, 0, format!("[{name}] has no flag --{key}")))?;
        let takes_value = arg.get_action().takes_values();
        let flag = OsString::from(format!("--{key}"));
        let scalar = |v: &toml::Value| -> Result<String> {
            match v {
                toml::Value::String(s) => Ok(s.clone()),
                toml::Value::Integer(n) => Ok(n.to_string()),
                toml::Value::Float(x) => Ok(x.to_string()),
                _ => Err(Error::input(
                    path,
                    0,
                    format!("[{name}] {key}: expected a string or a number"),
                )),
            }
        };
        match value {
            toml::Value::Boolean(on) if !takes_value => {
                if *on {
                    out.push(flag);
                }
            }
            toml::Value::Boolean(_) => {
                return Err(Error::input(
                    path,
                    0,
                    format!("[{name}] {key}: --{key} takes a value, not true or false"),
                ))
            }
            _ if !takes_value => {
                return Err(Error::input(
                    path,
                    0,
                    format!("[{name}] {key}: --{key} is a switch: write {key} = true"),
                ))
            }
            toml::Value::Array(items) => {
                for v in items {
                    out.push(flag.clone());
                    out.push(scalar(v)?.into());
                }
            }
            v => {
                out.push(flag);
                out.push(scalar(v)?.into());
            }
        }
        all.push((key.clone(), out));
    }
    Ok(all)
}
