//! The `cspo-bot` binary: a thin shell over the library's command line.
//!
//! It allocates with mimalloc rather than glibc's malloc: `cspo-bot run`
//! makes many small, short-lived allocations on several threads (JSON,
//! HTTP, answers), and glibc's malloc/free was 27% of its CPU per update
//! in `benches/e2e.rs`. Only the binary: the library, tests and benches
//! keep the system allocator.
//!
//! Transparent huge pages are turned off for the process before anything
//! else: mimalloc asks for them on its arenas, and each 2 MiB page that a
//! few small allocations touch is resident whole (22 MiB of the bot's
//! 71 MiB peak RSS answering one question, none of its speed here).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and changes
    // only this process's memory policy; it cannot fail in a way that
    // matters (an old kernel ignores it: huge pages stay on).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    cspo_bot::cli::main()
}
