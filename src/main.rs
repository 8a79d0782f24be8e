//! The `stance` binary: parse arguments, call the library, map errors to exit codes.

mod cli;

fn main() {
    // An interrupted model write leaves no temporary file behind. A running `serve` is asked to
    // stop instead (it finishes the requests in hand and returns); a second Ctrl-C ends it here.
    let _ = ctrlc::set_handler(|| {
        if cli::serve::interrupt() {
            return;
        }
        stance::model::file::remove_temporary_files();
        std::process::exit(130);
    });
    // The long version names the built-in models and lexicon; reading them takes a moment, so
    // only when it is asked for.
    let mut command = <cli::Cli as clap::CommandFactory>::command();
    if std::env::args_os().any(|a| a == "--version") {
        let long = format!(
            "{}\n{}",
            env!("CARGO_PKG_VERSION"),
            stance::builtin::describe_builtins()
        );
        // Leaked once: the process prints it and exits.
        command = command.long_version(&*Box::leak(long.into_boxed_str()));
    }
    let args = match cli::config::expand(std::env::args_os().collect(), &command) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("stance: {e}");
            std::process::exit(2);
        }
    };
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|m| <cli::Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    if let Err(e) = cli::run(cli) {
        if let stance::Error::Io { source, .. } = &e {
            if source.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
        eprintln!("stance: {e}");
        std::process::exit(if e.is_users() { 2 } else { 1 });
    }
}
