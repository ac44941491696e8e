//! The `ledger` binary: parse arguments, run the command, map the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

use ledger::cli;

fn main() -> ExitCode {
    let code = cli::main(std::env::args_os());
    let _ = std::io::stdout().flush();
    ExitCode::from(code)
}
