//! The `cspo-bot` binary: a thin shell over the library's command line.

fn main() -> std::process::ExitCode {
    cspo_bot::cli::main()
}
