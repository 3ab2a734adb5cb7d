//! The small fuzz driver shared by `tests/fuzz_formats.rs` (the app's data format and URL) and
//! `crates/pipeline/tests/fuzz_sources.rs` (the pipeline's inputs, which includes this file with
//! `#[path]`): a reproducible PRNG, byte mutations and the run loop.
//!
//! How long a target runs is set from the environment:
//!
//! | variable | meaning |
//! |---|---|
//! | `FUZZ_CASES=N` | N generated inputs (default: the target's quick CI count) |
//! | `FUZZ_SECONDS=S` | generate inputs for S seconds instead (the long runs, see `scripts/fuzz-long`) |
//! | `FUZZ_SEED=N` | replay the one input of seed N |
//! | `FUZZ_LOG=path` | append `target<TAB>seconds<TAB>executions<TAB>crashes` to that file |
//!
//! A crash (a panic) is counted, the first few are printed with their seed and input, and the
//! target fails at the end of its run. The generator is xorshift64*: no crate needed, and a seed
//! means the same input on every machine.
#![allow(dead_code)]

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// xorshift64*: small, fast, reproducible.
pub struct Rng(u64);

impl Rng {
    /// The generator for one seed (any value, 0 included).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Up to `n` arbitrary bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..self.below(n)).map(|_| self.next() as u8).collect()
    }
}

/// Changes `b` once: a byte set or flipped, a cut, a token spliced in, a span dropped or
/// duplicated, or a digit run replaced by an extreme number.
pub fn mutate(rng: &mut Rng, tokens: &[&str], b: &mut Vec<u8>) {
    if b.is_empty() {
        b.extend_from_slice(rng.pick::<&str>(tokens).as_bytes());
        return;
    }
    let i = rng.below(b.len());
    match rng.below(7) {
        0 => b[i] = rng.next() as u8,
        1 => b.truncate(i),
        2 => {
            let t = rng.pick::<&str>(tokens).as_bytes();
            b.splice(i..i, t.iter().copied());
        }
        3 => {
            let j = (i + rng.below(64)).min(b.len());
            b.drain(i..j);
        }
        4 => {
            let j = (i + rng.below(64)).min(b.len());
            let span = b[i..j].to_vec();
            b.splice(i..i, span);
        }
        5 => {
            if b[i].is_ascii_digit() {
                let j = (i..b.len())
                    .find(|&k| !b[k].is_ascii_digit())
                    .unwrap_or(b.len());
                let n = *rng.pick(&["-1", "2147483648", "-2147483649", "1e999", "NaN", "0"]);
                b.splice(i..j, n.bytes());
            }
        }
        _ => b[i] ^= 1 << rng.below(8),
    }
}

/// `seed` changed one to seven times by [`mutate`].
pub fn mutated(rng: &mut Rng, tokens: &[&str], seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..=rng.below(6) {
        mutate(rng, tokens, &mut b);
    }
    b
}

fn env<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok().and_then(|s| s.parse().ok())
}

/// How many crashes are printed in full; the rest are only counted.
const SHOWN: u64 = 5;

thread_local! {
    /// Set once a target has shown [`SHOWN`] crashes: its further panic messages are dropped.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps the panic hook once so that a long run with a frequent crash does not flood the log.
fn quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
}

/// Runs `check` on the fixed `inputs` (seed 0), then on `generate(seed)` for seed 1, 2, … as the
/// environment says (see the module docs; `default_cases` without one), and fails if any of
/// them panicked.
pub fn run<I: AsRef<[u8]>>(
    name: &str,
    default_cases: u64,
    inputs: &[I],
    generate: impl Fn(&mut Rng) -> Vec<u8>,
    check: impl Fn(&[u8]),
) {
    quiet_hook();
    let start = Instant::now();
    let mut runs = 0u64;
    let mut crashes = 0u64;
    let mut one = |seed: u64, bytes: &[u8]| {
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| check(bytes))).is_err() {
            crashes += 1;
            if crashes <= SHOWN {
                let shown: String = String::from_utf8_lossy(bytes).chars().take(300).collect();
                eprintln!("fuzz {name}: panic for FUZZ_SEED={seed}; input {shown:?}");
            }
            if crashes == SHOWN {
                QUIET.with(|q| q.set(true));
            }
        }
    };
    for i in inputs {
        one(0, i.as_ref());
    }
    let gen = |seed: u64| generate(&mut Rng::new(seed));
    if let Some(seed) = env::<u64>("FUZZ_SEED") {
        one(seed, &gen(seed));
    } else if let Some(secs) = env::<u64>("FUZZ_SECONDS") {
        let until = Duration::from_secs(secs);
        let mut seed = 1;
        while start.elapsed() < until {
            one(seed, &gen(seed));
            seed += 1;
        }
    } else {
        for seed in 1..=env("FUZZ_CASES").unwrap_or(default_cases) {
            one(seed, &gen(seed));
        }
    }
    QUIET.with(|q| q.set(false));
    let secs = start.elapsed().as_secs_f64();
    println!("fuzz {name}: {runs} inputs in {secs:.1} s, {crashes} crashes");
    if let Some(path) = std::env::var_os("FUZZ_LOG") {
        let line = format!("{name}\t{secs:.0}\t{runs}\t{crashes}\n");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path);
        if let Err(e) = file.and_then(|mut f| f.write_all(line.as_bytes())) {
            eprintln!("fuzz {name}: cannot write the log {path:?}: {e}");
        }
    }
    assert_eq!(
        crashes, 0,
        "fuzz {name}: {crashes} of {runs} inputs panicked"
    );
}
