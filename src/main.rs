//! The `cspo-bot` binary: a thin shell over the library's command line.
//!
//! It allocates with mimalloc rather than glibc's malloc: `cspo-bot run`
//! makes many small, short-lived allocations on several threads (JSON,
//! HTTP, answers), and glibc's malloc/free was 27% of its CPU per update
//! in `benches/e2e.rs`. Only the binary: the library, tests and benches
//! keep the system allocator.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cspo_bot::cli::main()
}
