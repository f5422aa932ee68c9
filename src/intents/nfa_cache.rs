//! The compiled NFA of a pattern set, kept on disk between runs.
//!
//! Compiling the intents' set (parsing ~200 KB of macro-expanded pattern
//! text and translating it into one Thompson NFA) was a third of the
//! start-up. The NFA is a plain graph of states, so it is written to a
//! cache file once and rebuilt from the file's states with
//! [`thompson::Builder`] on the next start, which costs a fraction of the
//! compile.
//!
//! Never a wrong automaton:
//! - the file's name is a hash of the pattern texts, the compiler settings
//!   and the running binary (its size and modification time: a new build of
//!   the bot never reads an older build's file), and the file holds the
//!   pattern texts themselves, compared byte for byte with the patterns
//!   being loaded (a hash collision only costs a compile);
//! - the NFA rebuilt from the file is encoded again and must give back the
//!   file's bytes exactly (every state, start, group name and flag);
//! - anything else (no file, a short, corrupt or foreign file, an
//!   unreadable directory) compiles the patterns as before and writes the
//!   file again (to a temporary name, then renamed, so a reader never sees
//!   half a file). A cache that cannot be written is no error: the bot
//!   compiles every time.
//!
//! The directory: `$CSPO_CACHE_DIR` (empty or `off`: no cache), else
//! `$XDG_CACHE_HOME/cspo-bot`, else `$HOME/.cache/cspo-bot`.

use regex_automata::nfa::thompson::{self, NFA, State, Transition};
use regex_automata::util::look::{Look, LookMatcher};
use regex_automata::util::primitives::StateID;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::xxh3_128;

/// Bumped whenever the encoding changes.
const MAGIC: &[u8; 8] = b"CSPONFA1";

/// Where compiled NFAs are kept, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: Option<PathBuf>,
}

/// How an NFA was obtained (for the tests and `--verbose` traces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Rebuilt from a cache file that matched.
    Cached,
    /// Compiled from the patterns (and the file written, if it could be).
    Compiled,
}

impl Cache {
    /// The cache directory the environment names (see the module doc).
    pub fn from_env() -> Cache {
        let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        let dir = match std::env::var_os("CSPO_CACHE_DIR") {
            Some(v) if v.is_empty() || v == "off" => None,
            Some(v) => Some(PathBuf::from(v)),
            None => var("XDG_CACHE_HOME")
                .map(|d| PathBuf::from(d).join("cspo-bot"))
                .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache/cspo-bot"))),
        };
        Cache { dir }
    }

    /// A cache in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: Some(dir.into()),
        }
    }

    /// No cache: always compile.
    pub fn off() -> Cache {
        Cache { dir: None }
    }

    /// The file that holds the NFA of `patterns` compiled with settings
    /// `tag`.
    pub fn file(&self, tag: &str, patterns: &[String]) -> Option<PathBuf> {
        let mut key = header(tag, patterns).0;
        key.extend_from_slice(binary_identity().as_bytes());
        let name = xxh3_128(&key);
        self.dir
            .as_ref()
            .map(|d| d.join(format!("nfa-{name:032x}.bin")))
    }

    /// The NFA of `patterns` under settings `tag`: rebuilt from its cache
    /// file when the file holds exactly these patterns and this NFA, else
    /// `compile()`d (and the file written).
    pub fn nfa<E>(
        &self,
        tag: &str,
        patterns: &[String],
        compile: impl FnOnce() -> Result<NFA, E>,
    ) -> Result<(NFA, Source), E> {
        let file = self.file(tag, patterns);
        if let Some(nfa) = file
            .as_deref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|bytes| decode(&bytes, tag, patterns))
        {
            return Ok((nfa, Source::Cached));
        }
        let nfa = compile()?;
        if let (Some(file), Some(bytes)) = (file, encode(&nfa, tag, patterns)) {
            write_atomically(&file, &bytes);
        }
        Ok((nfa, Source::Compiled))
    }
}

/// The running binary, as far as the file system tells it apart from
/// another build: its path, size and modification time.
fn binary_identity() -> String {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok();
        let meta = exe.as_ref().and_then(|e| std::fs::metadata(e).ok());
        let modified = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!(
            "{} {:?} {} {modified}",
            env!("CARGO_PKG_VERSION"),
            exe,
            meta.map_or(0, |m| m.len()),
        )
    })
    .clone()
}

fn write_atomically(file: &Path, bytes: &[u8]) {
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("nfa"),
        std::process::id()
    ));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, file).is_ok() {
        return;
    }
    let _ = std::fs::remove_file(&tmp);
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn id(&mut self, v: StateID) {
        self.u32(v.as_u32());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    fn usize(&mut self) -> Option<usize> {
        self.u32().map(|v| v as usize)
    }
    fn id(&mut self) -> Option<StateID> {
        StateID::new(self.usize()?).ok()
    }
    fn bytes(&mut self) -> Option<&'b [u8]> {
        let n = self.usize()?;
        self.take(n)
    }
}

/// The header (magic, settings, patterns) both sides compare.
fn header(tag: &str, patterns: &[String]) -> Writer {
    let mut w = Writer(Vec::new());
    w.0.extend_from_slice(MAGIC);
    w.bytes(tag.as_bytes());
    w.u32(patterns.len() as u32);
    for p in patterns {
        w.bytes(p.as_bytes());
    }
    w
}

/// The file's bytes for `nfa`: [`body`], then its XXH3-128 checksum (a
/// damaged byte in a name or a byte range would still decode to an NFA,
/// but another one).
fn encode(nfa: &NFA, tag: &str, patterns: &[String]) -> Option<Vec<u8>> {
    let mut bytes = body(nfa, tag, patterns)?;
    let sum = xxh3_128(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    Some(bytes)
}

/// The header, then `nfa`'s states, starts, group names and flags; `None`
/// for a state the builder cannot add (a dense state, which the compiler
/// does not make).
fn body(nfa: &NFA, tag: &str, patterns: &[String]) -> Option<Vec<u8>> {
    let mut w = header(tag, patterns);
    let body = w.0.len();
    w.0.push(u8::from(nfa.is_utf8()) | u8::from(nfa.is_reverse()) << 1);
    w.0.push(nfa.look_matcher().get_line_terminator());
    w.id(nfa.start_anchored());
    w.id(nfa.start_unanchored());
    w.u32(nfa.pattern_len() as u32);
    let info = nfa.group_info();
    for pid in nfa.patterns() {
        w.id(nfa.start_pattern(pid)?);
        w.u32(info.group_len(pid) as u32);
        for name in info.pattern_names(pid) {
            match name {
                Some(n) => {
                    w.0.push(1);
                    w.bytes(n.as_bytes());
                }
                None => w.0.push(0),
            }
        }
    }
    w.u32(nfa.states().len() as u32);
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                w.0.extend_from_slice(&[0, trans.start, trans.end]);
                w.id(trans.next);
            }
            State::Sparse(s) => {
                w.0.push(1);
                w.u32(s.transitions.len() as u32);
                for t in s.transitions.iter() {
                    w.0.extend_from_slice(&[t.start, t.end]);
                    w.id(t.next);
                }
            }
            State::Dense(_) => return None,
            State::Look { look, next } => {
                w.0.push(2);
                w.u32(look.as_repr());
                w.id(*next);
            }
            State::Union { alternates } => {
                w.0.push(3);
                w.u32(alternates.len() as u32);
                alternates.iter().for_each(|&a| w.id(a));
            }
            State::BinaryUnion { alt1, alt2 } => {
                w.0.push(4);
                w.id(*alt1);
                w.id(*alt2);
            }
            State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                w.0.push(5);
                w.id(*next);
                w.u32(pattern_id.as_u32());
                w.u32(group_index.as_u32());
                w.u32(slot.as_u32());
            }
            State::Fail => w.0.push(6),
            State::Match { pattern_id } => {
                w.0.push(7);
                w.u32(pattern_id.as_u32());
            }
        }
    }
    // What no state says but the NFA must agree on.
    w.bytes(format!("{:?}", nfa.byte_classes()).as_bytes());
    debug_assert!(w.0.len() > body);
    Some(w.0)
}

/// The NFA a cache file holds, if it holds `patterns` under `tag` and
/// rebuilds to exactly itself.
fn decode(bytes: &[u8], tag: &str, patterns: &[String]) -> Option<NFA> {
    let (content, sum) = bytes.split_at_checked(bytes.len().checked_sub(16)?)?;
    if xxh3_128(content).to_le_bytes() != sum {
        return None;
    }
    let head = header(tag, patterns).0;
    let rest = content.strip_prefix(head.as_slice())?;
    let nfa = rebuild(&mut Reader { bytes: rest })?;
    // The proof: the rebuilt NFA says what the file says, byte for byte.
    (body(&nfa, tag, patterns)?.as_slice() == content).then_some(nfa)
}

fn rebuild(r: &mut Reader) -> Option<NFA> {
    let flags = r.u8()?;
    let mut b = thompson::Builder::new();
    b.set_utf8(flags & 1 != 0);
    b.set_reverse(flags & 2 != 0);
    let mut look = LookMatcher::new();
    look.set_line_terminator(r.u8()?);
    b.set_look_matcher(look);
    let start_anchored = r.id()?;
    let start_unanchored = r.id()?;
    let pattern_len = r.usize()?;
    let mut starts = Vec::with_capacity(pattern_len.min(1 << 16));
    let mut names: Vec<Vec<Option<Arc<str>>>> = Vec::with_capacity(starts.capacity());
    for _ in 0..pattern_len {
        starts.push(r.id()?);
        let groups = r.usize()?;
        let mut list = Vec::with_capacity(groups.min(1 << 10));
        for _ in 0..groups {
            list.push(match r.u8()? {
                0 => None,
                1 => Some(Arc::from(std::str::from_utf8(r.bytes()?).ok()?)),
                _ => return None,
            });
        }
        names.push(list);
    }
    // The builder adds a capture or match state to the pattern it is
    // assembling: patterns are assembled in order, each from its first
    // such state (the compiler emits each pattern's states together).
    let mut current: Option<usize> = None;
    let mut enter = |b: &mut thompson::Builder, pid: usize| -> Option<()> {
        if current == Some(pid) {
            return Some(());
        }
        let next = current.map_or(0, |c| c + 1);
        if pid < next || pid >= pattern_len {
            return None;
        }
        for p in next..=pid {
            if let Some(c) = current {
                b.finish_pattern(starts[c]).ok()?;
            }
            let got = b.start_pattern().ok()?;
            if got.as_usize() != p {
                return None;
            }
            current = Some(p);
        }
        Some(())
    };
    let states = r.usize()?;
    for sid in 0..states {
        let added = match r.u8()? {
            0 => {
                let (start, end) = (r.u8()?, r.u8()?);
                b.add_range(Transition {
                    start,
                    end,
                    next: r.id()?,
                })
            }
            1 => {
                let n = r.usize()?;
                let mut ts = Vec::with_capacity(n.min(256));
                for _ in 0..n {
                    let (start, end) = (r.u8()?, r.u8()?);
                    ts.push(Transition {
                        start,
                        end,
                        next: r.id()?,
                    });
                }
                b.add_sparse(ts)
            }
            2 => {
                let look = Look::from_repr(r.u32()?)?;
                b.add_look(r.id()?, look)
            }
            3 => {
                let n = r.usize()?;
                let mut alts = Vec::with_capacity(n.min(1 << 16));
                for _ in 0..n {
                    alts.push(r.id()?);
                }
                b.add_union(alts)
            }
            4 => {
                let (a1, a2) = (r.id()?, r.id()?);
                b.add_union(vec![a1, a2])
            }
            5 => {
                let next = r.id()?;
                let pid = r.usize()?;
                let group = r.u32()?;
                let slot = r.usize()?;
                enter(&mut b, pid)?;
                // Slots come in pairs from an even one (the implicit
                // groups 0 first, two a pattern, then the explicit ones):
                // even is a group's start, odd its end.
                if slot % 2 == 0 {
                    let name = names[pid].get(group as usize).cloned().flatten();
                    b.add_capture_start(next, group, name)
                } else {
                    b.add_capture_end(next, group)
                }
            }
            6 => b.add_fail(),
            7 => {
                let pid = r.usize()?;
                enter(&mut b, pid)?;
                b.add_match()
            }
            _ => return None,
        }
        .ok()?;
        if added.as_usize() != sid {
            return None;
        }
    }
    if pattern_len > 0 {
        enter(&mut b, pattern_len - 1)?;
    }
    if let Some(c) = current {
        b.finish_pattern(starts[c]).ok()?;
    }
    // The byte classes are compared by the re-encoding.
    r.bytes()?;
    if !r.bytes.is_empty() {
        return None;
    }
    b.build(start_anchored, start_unanchored).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(patterns: &[String]) -> Result<NFA, String> {
        thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .shrink(false)
                    .which_captures(thompson::WhichCaptures::All),
            )
            .build_many(patterns)
            .map_err(|e| e.to_string())
    }

    fn patterns() -> Vec<String> {
        [
            r"^(?:when did (?P<country>#c\d+#) join)$",
            r"^(?:who (?:is|was) (?P<person>#p\d+#)(?: exactly)?)$",
            r"^(?:(a|b){3} \b(?P<text>.+?)\b)$",
            r"^(?:how many (?:members|countries)\??)$",
        ]
        .map(String::from)
        .to_vec()
    }

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().expect("a temporary directory")
    }

    #[test]
    fn a_cached_nfa_is_the_compiled_one() {
        let dir = tmp();
        let cache = Cache::at(dir.path());
        let ps = patterns();
        let (first, how) = cache.nfa("t", &ps, || compile(&ps)).unwrap();
        assert_eq!(how, Source::Compiled);
        let (again, how) = cache
            .nfa("t", &ps, || -> Result<NFA, String> {
                panic!("compiled again")
            })
            .unwrap();
        assert_eq!(how, Source::Cached);
        assert_eq!(
            encode(&first, "t", &ps).unwrap(),
            encode(&again, "t", &ps).unwrap()
        );
        assert_eq!(format!("{first:?}"), format!("{again:?}"));
        // The groups' names survive (captures read them by name).
        let pid = regex_automata::util::primitives::PatternID::must(1);
        assert_eq!(again.group_info().to_index(pid, "person"), Some(1));
        // And it matches as the compiled one does.
        use regex_automata::nfa::thompson::pikevm::PikeVM;
        for (nfa, text, want) in [
            (&first, "when did #c3# join", true),
            (&again, "when did #c3# join", true),
            (&again, "when did #c3# leave", false),
            (&again, "aba hello", true),
        ] {
            let vm = PikeVM::new_from_nfa(nfa.clone()).unwrap();
            let mut c = vm.create_cache();
            assert_eq!(vm.is_match(&mut c, text), want, "{text}");
        }
    }

    #[test]
    fn a_corrupt_or_short_cache_file_is_compiled_again() {
        let dir = tmp();
        let cache = Cache::at(dir.path());
        let ps = patterns();
        let (good, _) = cache.nfa("t", &ps, || compile(&ps)).unwrap();
        let file = cache.file("t", &ps).unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let want = encode(&good, "t", &ps).unwrap();
        assert_eq!(bytes, want);
        // Every truncation, and a flipped byte at many offsets.
        let mut broken: Vec<Vec<u8>> = (0..bytes.len())
            .step_by(7)
            .map(|n| bytes[..n].to_vec())
            .collect();
        for at in (0..bytes.len()).step_by(13) {
            let mut b = bytes.clone();
            b[at] ^= 0x5a;
            broken.push(b);
        }
        broken.push(b"garbage".to_vec());
        for b in broken {
            std::fs::write(&file, &b).unwrap();
            let mut compiled = false;
            let (nfa, how) = cache
                .nfa("t", &ps, || {
                    compiled = true;
                    compile(&ps)
                })
                .unwrap();
            // Either the damage was caught and the set compiled again
            // (and the file rewritten), or it did not touch the NFA's
            // meaning at all: the rebuilt NFA encodes to the good file.
            assert!(encode(&nfa, "t", &ps).unwrap() == want, "a wrong NFA");
            if how == Source::Compiled {
                assert!(compiled);
                assert!(std::fs::read(&file).unwrap() == want, "not rewritten");
            } else {
                assert!(b == want, "a damaged file was read");
            }
        }
    }

    #[test]
    fn other_patterns_or_settings_never_read_the_file() {
        let dir = tmp();
        let cache = Cache::at(dir.path());
        let ps = patterns();
        cache.nfa("t", &ps, || compile(&ps)).unwrap();
        // An edited pattern: another file, compiled.
        let mut edited = ps.clone();
        edited[0] = r"^(?:when did (?P<country>#c\d+#) leave)$".into();
        let (nfa, how) = cache.nfa("t", &edited, || compile(&edited)).unwrap();
        assert_eq!(how, Source::Compiled);
        let vm = regex_automata::nfa::thompson::pikevm::PikeVM::new_from_nfa(nfa).unwrap();
        assert!(vm.is_match(&mut vm.create_cache(), "when did #c3# leave"));
        assert!(!vm.is_match(&mut vm.create_cache(), "when did #c3# join"));
        // A file under the right name holding other patterns (a hash
        // collision, or a file copied by hand): compiled, not trusted.
        let file = cache.file("t", &ps).unwrap();
        let other = encode(&compile(&edited).unwrap(), "t", &edited).unwrap();
        std::fs::write(&file, other).unwrap();
        let (_, how) = cache.nfa("t", &ps, || compile(&ps)).unwrap();
        assert_eq!(how, Source::Compiled);
        // Other settings: another file.
        assert_ne!(cache.file("t", &ps), cache.file("u", &ps));
        let (_, how) = cache.nfa("u", &ps, || compile(&ps)).unwrap();
        assert_eq!(how, Source::Compiled);
    }

    #[test]
    fn no_cache_or_an_unwritable_one_compiles() {
        let ps = patterns();
        let (_, how) = Cache::off().nfa("t", &ps, || compile(&ps)).unwrap();
        assert_eq!(how, Source::Compiled);
        let dir = tmp();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "not a directory").unwrap();
        let cache = Cache::at(blocked.join("sub"));
        for _ in 0..2 {
            let (_, how) = cache.nfa("t", &ps, || compile(&ps)).unwrap();
            assert_eq!(how, Source::Compiled);
        }
        // A compile error is the caller's error, cache or not.
        let bad = vec!["(".to_string()];
        assert!(
            Cache::at(dir.path())
                .nfa("t", &bad, || compile(&bad))
                .is_err()
        );
    }
}
