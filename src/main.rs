//! The `ledger` binary: parse arguments, run the command, map the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

use ledger::cli;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // SAFETY: nothing has made a thread yet, so no other thread is using libgit2.
    unsafe { ledger::store::repo::configure_libgit2() };
    // An empty LEDGER_DIR (exported but blank in a script or CI job) means "not set", as an
    // empty XDG_DATA_HOME does; clap would otherwise reject it as a missing --ledger value.
    if std::env::var_os("LEDGER_DIR").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("LEDGER_DIR");
    }
    let code = cli::main(std::env::args_os());
    let _ = std::io::stdout().flush();
    ExitCode::from(code)
}
