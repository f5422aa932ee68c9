//! Captures of one pattern of the intents' set, read off the set's own NFA.
//!
//! The set's NFA (all the pattern bodies, compiled once at load) keeps its
//! capture groups, so the winner's groups need no regex of their own: a
//! bounded backtracker walks that NFA from the winner's start state. It is
//! the algorithm of `regex_automata`'s `BoundedBacktracker` (depth first, in
//! the NFA's priority order, each (state, position) tried at most once), so
//! it finds the same leftmost-first match and the same groups as
//! `Regex::captures` on the pattern alone: the same HIR compiles to the
//! same states, in the same order. It differs in one thing: its visited set
//! covers only the states of the one pattern (the range of state ids its
//! start reaches), where `BoundedBacktracker`'s covers every state of the
//! NFA times the text's length, which for a set of 300 patterns would be
//! megabytes cleared per search. So a search costs at most (the pattern's
//! states) x (the text's length + 1) steps: linear in the text.
//!
//! Compiling each pattern as a `Regex` on first use, as before, cost ~3.8 M
//! instructions a pattern (parsing again what the set had parsed, a forward
//! and a reverse NFA, a one-pass DFA) and its memory for good.

use regex_automata::PatternID;
use regex_automata::nfa::thompson::{NFA, State};
use regex_automata::util::look::Look;
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::StateID;
use std::sync::OnceLock;

/// A backtracker's scratch space, one per thread (see [`Captures::pool`]).
#[derive(Debug, Default)]
pub struct Cache {
    stack: Vec<Frame>,
    visited: Vec<u64>,
    slots: Vec<Option<usize>>,
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    Step { sid: StateID, at: usize },
    Restore { slot: usize, offset: Option<usize> },
}

type CacheFn =
    Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// Where one pattern's slots are among the NFA's.
#[derive(Debug, Clone, Copy)]
struct Slots {
    implicit: usize,
    explicit: usize,
    len: usize,
}

impl Slots {
    /// The pattern's own number for the NFA's slot `s`.
    fn local(self, s: usize) -> Option<usize> {
        let k = if s == self.implicit || s == self.implicit + 1 {
            s - self.implicit
        } else {
            2 + s.checked_sub(self.explicit)?
        };
        (k < self.len).then_some(k)
    }
}

/// Captures for each pattern of a multi-pattern NFA compiled with its
/// capture groups.
pub struct Captures {
    nfa: NFA,
    /// Per pattern: where it is in the NFA, found on first use.
    ranges: Vec<OnceLock<Shape>>,
    pool: Pool<Cache, CacheFn>,
}

/// The groups of one match, by the pattern's group names.
#[derive(Debug, Clone)]
pub struct Groups<'t> {
    text: &'t str,
    nfa: NFA,
    pid: PatternID,
    slots: Vec<Option<usize>>,
}

/// One group's match: where it is in the text, and what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'t> {
    /// The group's text.
    s: &'t str,
    start: usize,
}

impl<'t> Group<'t> {
    /// A regex's match as a group.
    pub fn of(m: regex::Match<'t>) -> Group<'t> {
        Group {
            s: m.as_str(),
            start: m.start(),
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.start + self.s.len()
    }

    pub fn as_str(&self) -> &'t str {
        self.s
    }
}

impl<'t> Groups<'t> {
    /// The group named `name`, when it took part in the match.
    pub fn name(&self, name: &str) -> Option<Group<'t>> {
        let info = self.nfa.group_info();
        let index = info.to_index(self.pid, name)?;
        self.get(index)
    }

    /// Group `index` (0: the whole match), when it took part in the match.
    pub fn get(&self, index: usize) -> Option<Group<'t>> {
        let (start, end) = (
            (*self.slots.get(2 * index)?)?,
            (*self.slots.get(2 * index + 1)?)?,
        );
        Some(Group {
            s: self.text.get(start..end)?,
            start,
        })
    }
}

/// A pattern's place in the NFA.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// The lowest and highest state id its start reaches: the rows of its
    /// visited set.
    lo: usize,
    hi: usize,
    /// The state after its leading `^` (the body's first), when the
    /// pattern is `^(?:B)$` as compiled.
    body: Option<StateID>,
    /// Its trailing `$`: the one `End` look whose next states are only
    /// captures and then the match.
    end: Option<StateID>,
}

impl Captures {
    pub fn new(nfa: NFA) -> Captures {
        let make: CacheFn = Box::new(Cache::default);
        Captures {
            ranges: (0..nfa.pattern_len()).map(|_| OnceLock::new()).collect(),
            nfa,
            pool: Pool::new(make),
        }
    }

    /// Through capture states from `sid`.
    fn skip_captures(&self, mut sid: StateID) -> StateID {
        while let State::Capture { next, .. } = self.nfa.state(sid) {
            sid = *next;
        }
        sid
    }

    fn shape(&self, pid: PatternID) -> Option<Shape> {
        let start = self.nfa.start_pattern(pid)?;
        Some(*self.ranges[pid.as_usize()].get_or_init(|| {
            let mut seen = std::collections::HashSet::new();
            let mut todo = vec![start];
            let (mut lo, mut hi) = (start.as_usize(), start.as_usize());
            let mut ends = Vec::new();
            while let Some(sid) = todo.pop() {
                if !seen.insert(sid) {
                    continue;
                }
                lo = lo.min(sid.as_usize());
                hi = hi.max(sid.as_usize());
                match self.nfa.state(sid) {
                    State::ByteRange { trans } => todo.push(trans.next),
                    State::Sparse(s) => todo.extend(s.transitions.iter().map(|t| t.next)),
                    State::Dense(d) => todo.extend(d.transitions.iter().copied()),
                    State::Look { look, next } => {
                        if *look == Look::End
                            && matches!(
                                self.nfa.state(self.skip_captures(*next)),
                                State::Match { .. }
                            )
                        {
                            ends.push(sid);
                        }
                        todo.push(*next);
                    }
                    State::Capture { next, .. } => todo.push(*next),
                    State::Union { alternates } => todo.extend(alternates.iter().copied()),
                    State::BinaryUnion { alt1, alt2 } => todo.extend([*alt1, *alt2]),
                    State::Fail | State::Match { .. } => {}
                }
            }
            let body = match self.nfa.state(self.skip_captures(start)) {
                State::Look {
                    look: Look::Start,
                    next,
                } => Some(*next),
                _ => None,
            };
            Shape {
                lo,
                hi,
                body,
                end: (ends.len() == 1).then(|| ends[0]),
            }
        }))
    }

    /// The groups of pattern `pattern`'s match of all of `text` from its
    /// start (the patterns are anchored), or None when it does not match.
    pub fn captures<'t>(&self, pattern: usize, text: &'t str) -> Option<Groups<'t>> {
        let pid = PatternID::new(pattern).ok()?;
        let start = self.nfa.start_pattern(pid)?;
        self.search(
            pid,
            text,
            &mut std::iter::once(start).map(|s| (s, 0)),
            &mut |_| true,
            None,
        )
    }

    /// The groups that `^(?:P)?(?:B)(?:S)?$` gives on `text`, where
    /// pattern `pattern` is `^(?:B)$`, `starts` are the ends of P's
    /// matches from the text's start in the order P's own leftmost-first
    /// search meets them (then 0, for the empty prefix), and `suffix(j)`
    /// says whether the text from j on is one S. None when the pattern does
    /// not have that shape (the caller then runs the whole regex) or does
    /// not match.
    ///
    /// This is the whole pattern's backtracking, in its order: its `(?:P)?`
    /// tries P's ends first, in that order, then the empty prefix; at each,
    /// B from there in B's own order; and at each end j of B, `(?:S)?$`
    /// succeeds exactly when S matches all of the text from j on or j is
    /// the end (S has no groups, so which way it matches changes nothing).
    /// A (state, position) of B that failed from one start fails from any,
    /// so the visited set is shared, as in the whole pattern's search.
    pub fn captures_framed<'t>(
        &self,
        pattern: usize,
        text: &'t str,
        starts: &[usize],
        suffix: &mut dyn FnMut(usize) -> bool,
    ) -> Option<Option<Groups<'t>>> {
        let pid = PatternID::new(pattern).ok()?;
        let shape = self.shape(pid)?;
        let (body, end) = (shape.body?, shape.end?);
        let len = text.len();
        let mut accept = |j: usize| j == len || suffix(j);
        Some(self.search(
            pid,
            text,
            &mut starts.iter().map(|&i| (body, i)),
            &mut accept,
            Some(end),
        ))
    }

    /// The backtracking search: from each (state, position) of `starts` in
    /// turn until one reaches the match; the look `end`, when given, is
    /// passed where `accept` holds of the position instead of at the end.
    fn search<'t>(
        &self,
        pid: PatternID,
        text: &'t str,
        starts: &mut dyn Iterator<Item = (StateID, usize)>,
        accept: &mut dyn FnMut(usize) -> bool,
        end: Option<StateID>,
    ) -> Option<Groups<'t>> {
        let shape = self.shape(pid)?;
        let info = self.nfa.group_info();
        let len = info.group_len(pid) * 2;
        // The pattern's slots, numbered from 0: its implicit group's two,
        // then its explicit groups' (which the NFA numbers after every
        // pattern's implicit slots).
        let slots = Slots {
            implicit: pid.as_usize() * 2,
            explicit: info.slot(pid, 1).unwrap_or(usize::MAX),
            len,
        };
        let mut cache = self.pool.get();
        let cache = &mut *cache;
        let hay = text.as_bytes();
        let stride = hay.len() + 1;
        let bits = (shape.hi - shape.lo + 1).checked_mul(stride)?;
        cache.visited.clear();
        cache.visited.resize(bits.div_ceil(64), 0);
        cache.slots.clear();
        cache.slots.resize(len, None);
        let walk = Walk {
            hay,
            lo: shape.lo,
            stride,
            slots,
            end,
        };
        for (sid, at) in starts {
            cache.stack.clear();
            cache.stack.push(Frame::Step { sid, at });
            while let Some(frame) = cache.stack.pop() {
                match frame {
                    Frame::Restore { slot, offset } => cache.slots[slot] = offset,
                    Frame::Step { sid, at } => {
                        if self.step(cache, &walk, accept, sid, at) {
                            return Some(Groups {
                                text,
                                nfa: self.nfa.clone(),
                                pid,
                                slots: cache.slots.clone(),
                            });
                        }
                    }
                }
            }
        }
        None
    }

    /// Follows the NFA from (`sid`, `at`) down its first choices, pushing
    /// the others; true on reaching a match.
    fn step(
        &self,
        cache: &mut Cache,
        w: &Walk,
        accept: &mut dyn FnMut(usize) -> bool,
        mut sid: StateID,
        mut at: usize,
    ) -> bool {
        let hay = w.hay;
        loop {
            let bit = (sid.as_usize() - w.lo) * w.stride + at;
            let (word, mask) = (bit / 64, 1u64 << (bit % 64));
            if cache.visited[word] & mask != 0 {
                return false;
            }
            cache.visited[word] |= mask;
            match self.nfa.state(sid) {
                State::ByteRange { trans } => {
                    if at >= hay.len() || !trans.matches(hay, at) {
                        return false;
                    }
                    sid = trans.next;
                    at += 1;
                }
                State::Sparse(sparse) => {
                    if at >= hay.len() {
                        return false;
                    }
                    let Some(next) = sparse.matches(hay, at) else {
                        return false;
                    };
                    sid = next;
                    at += 1;
                }
                State::Dense(dense) => {
                    if at >= hay.len() {
                        return false;
                    }
                    let Some(next) = dense.matches(hay, at) else {
                        return false;
                    };
                    sid = next;
                    at += 1;
                }
                State::Look { look, next } => {
                    let ok = if Some(sid) == w.end {
                        accept(at)
                    } else {
                        self.nfa.look_matcher().matches(*look, hay, at)
                    };
                    if !ok {
                        return false;
                    }
                    sid = *next;
                }
                State::Union { alternates } => {
                    let Some(&first) = alternates.first() else {
                        return false;
                    };
                    sid = first;
                    cache.stack.extend(
                        alternates[1..]
                            .iter()
                            .rev()
                            .map(|&sid| Frame::Step { sid, at }),
                    );
                }
                State::BinaryUnion { alt1, alt2 } => {
                    cache.stack.push(Frame::Step { sid: *alt2, at });
                    sid = *alt1;
                }
                State::Capture { next, slot, .. } => {
                    if let Some(s) = w.slots.local(slot.as_usize()) {
                        cache.stack.push(Frame::Restore {
                            slot: s,
                            offset: cache.slots[s],
                        });
                        cache.slots[s] = Some(at);
                    }
                    sid = *next;
                }
                State::Fail => return false,
                State::Match { .. } => return true,
            }
        }
    }
}

/// The fixed parts of one search.
struct Walk<'h> {
    hay: &'h [u8],
    lo: usize,
    stride: usize,
    slots: Slots,
    end: Option<StateID>,
}

/// The ends of a one-pattern NFA's matches anchored at the text's start,
/// in the order its leftmost-first backtracking search meets them, each
/// once: the order in which a pattern that starts with `(?:P)?` tries the
/// rest after each prefix.
pub fn ends_in_order(nfa: &NFA, text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(start) = nfa.start_pattern(PatternID::ZERO) else {
        return out;
    };
    let hay = text.as_bytes();
    let stride = hay.len() + 1;
    let mut visited = vec![0u64; (nfa.states().len() * stride).div_ceil(64)];
    let mut stack = vec![(start, 0usize)];
    while let Some((mut sid, mut at)) = stack.pop() {
        loop {
            let bit = sid.as_usize() * stride + at;
            if visited[bit / 64] & (1 << (bit % 64)) != 0 {
                break;
            }
            visited[bit / 64] |= 1 << (bit % 64);
            let next = match nfa.state(sid) {
                State::ByteRange { trans } => {
                    (at < hay.len() && trans.matches(hay, at)).then_some(trans.next)
                }
                State::Sparse(s) => s.matches(hay, at).filter(|_| at < hay.len()),
                State::Dense(d) => d.matches(hay, at).filter(|_| at < hay.len()),
                State::Look { look, next } => {
                    if nfa.look_matcher().matches(*look, hay, at) {
                        sid = *next;
                        continue;
                    }
                    None
                }
                State::Union { alternates } => {
                    stack.extend(alternates.iter().skip(1).rev().map(|&s| (s, at)));
                    match alternates.first() {
                        Some(&s) => {
                            sid = s;
                            continue;
                        }
                        None => None,
                    }
                }
                State::BinaryUnion { alt1, alt2 } => {
                    stack.push((*alt2, at));
                    sid = *alt1;
                    continue;
                }
                State::Capture { next, .. } => {
                    sid = *next;
                    continue;
                }
                State::Fail => None,
                State::Match { .. } => {
                    if !out.contains(&at) {
                        out.push(at);
                    }
                    None
                }
            };
            match next {
                Some(n) => {
                    sid = n;
                    at += 1;
                }
                None => break,
            }
        }
    }
    out
}

impl Clone for Captures {
    fn clone(&self) -> Captures {
        Captures::new(self.nfa.clone())
    }
}

impl std::fmt::Debug for Captures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Captures")
            .field("patterns", &self.nfa.pattern_len())
            .field("states", &self.nfa.states().len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::nfa::thompson;

    fn set(patterns: &[&str]) -> Captures {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().shrink(false))
            .build_many(patterns)
            .unwrap();
        Captures::new(nfa)
    }

    /// The same groups as `Regex::captures` of the pattern alone, on texts
    /// where leftmost-first choices matter (lazy and greedy repetitions,
    /// alternatives that overlap, optional groups that do not take part).
    #[test]
    fn groups_are_those_of_the_pattern_alone() {
        let patterns = [
            r"^(?:what did (?P<who>#p[0-9]+#|he) say about (?P<what>.+?)(?: in (?P<year>(?:19|20)[0-9][0-9]))?)$",
            r"^(?:(?P<a>a|ab)(?P<b>b*)(?P<c>c)?)$",
            r"^(?:(?P<x>.+)(?P<y>.+))$",
            r"^(?:when did (?P<c>#c[0-9]+#|it|they) join(?: (?P<cspo>the cspo|cspo))?)$",
            r"^(?:(?P<t>.*?)\b(?P<w>é+)?)$",
        ];
        let cap = set(&patterns);
        let texts = [
            "what did #p1# say about threats in 2020",
            "what did he say about debris and threats in 2019 in 2020",
            "what did he say about ",
            "ab",
            "abbbc",
            "abc",
            "a",
            "xyz",
            "xy",
            "x",
            "when did #c3# join the cspo",
            "when did they join",
            "",
            "ééé",
            "a éé",
        ];
        let mut compared = 0;
        for (p, src) in patterns.iter().enumerate() {
            let re = regex::Regex::new(src).unwrap();
            let names: Vec<&str> = re.capture_names().flatten().collect();
            for t in texts {
                let want = re.captures(t);
                let got = cap.captures(p, t);
                assert_eq!(want.is_some(), got.is_some(), "{src} on {t:?}");
                let (Some(want), Some(got)) = (want, got) else {
                    continue;
                };
                for i in 0..re.captures_len() {
                    assert_eq!(
                        want.get(i).map(|m| (m.start(), m.end())),
                        got.get(i).map(|m| (m.start(), m.end())),
                        "group {i} of {src} on {t:?}"
                    );
                }
                for n in &names {
                    assert_eq!(
                        want.name(n).map(|m| m.as_str()),
                        got.name(n).map(|m| m.as_str()),
                        "group {n} of {src} on {t:?}"
                    );
                }
                compared += 1;
            }
        }
        assert!(compared > 15, "{compared}");
    }

    #[test]
    fn a_long_text_is_bounded() {
        let cap = set(&[r"^(?:(?:a|aa)*(?P<end>b))$"]);
        let text = "a".repeat(5000);
        assert!(cap.captures(0, &text).is_none());
        let text = format!("{}b", "a".repeat(5000));
        assert_eq!(
            cap.captures(0, &text).unwrap().name("end").unwrap().start(),
            5000
        );
    }
}
