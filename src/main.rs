//! The `stance` binary: parse arguments, call the library, map errors to exit codes.

mod cli;

use clap::Parser;

fn main() {
    // An interrupted model write leaves no temporary file behind.
    let _ = ctrlc::set_handler(|| {
        stance::model::file::remove_temporary_files();
        std::process::exit(130);
    });
    let cli = match cli::Cli::try_parse() {
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
        std::process::exit(e.exit_code());
    }
}
