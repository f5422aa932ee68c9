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
//!
//! And mimalloc returns freed memory to the system at once rather than
//! after its default 10 ms: loading the engine allocates and frees tens of
//! MiB (TOML trees, the automata's building), which were all still resident
//! when the first answers came (peak RSS over 2,000 distinct questions
//! 52 -> 36 MiB; no CPU cost seen in that run).

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
    // SAFETY: sets one of mimalloc's global options (an integer), before
    // any thread but this one exists.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
    cspo_bot::cli::main()
}

/// `mi_option_purge_delay` in mimalloc v3's `mimalloc.h` (`mi_option_t`:
/// show_errors 0, show_stats 1, verbose 2, deprecated_eager_commit 3,
/// arena_eager_commit 4, purge_decommits 5, allow_large_os_pages 6,
/// reserve_huge_os_pages 7, reserve_huge_os_pages_at 8, reserve_os_memory
/// 9, four deprecated 10-13, deprecated_eager_commit_delay 14,
/// purge_delay 15); the Rust bindings name it only for v2.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
