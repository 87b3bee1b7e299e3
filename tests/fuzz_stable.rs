//! The fuzz check on a stable toolchain: a mutation loop over seed texts (tests/data and
//! examples/corpus) runs `fuzz/check.rs`, the check the cargo-fuzz target runs, for a
//! while. Ignored by default; run it with
//!   FUZZ_SECONDS=60 cargo test --release --test fuzz_stable -- --ignored --nocapture
//! (FUZZ_SEED picks the random sequence; a failing input is written to
//! target/fuzz-stable-crash.txt before the panic is passed on.)

#[path = "../fuzz/check.rs"]
mod check;

use std::path::Path;
use std::time::{Duration, Instant};

/// A small, fast random number generator (xorshift64*), seeded from the environment.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Pieces inserted by the mutator: quotation marks, cues, names, pronouns, punctuation.
const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "''",
    "``",
    "\n",
    "\n\n",
    "\r\n",
    ". ",
    ", ",
    ": ",
    "; ",
    " — ",
    "(",
    ")",
    " said ",
    " says ",
    " told ",
    " according to ",
    "According to ",
    " added",
    " warned that ",
    " saying ",
    ", he said.",
    ", she said.",
    " he ",
    " she ",
    " they ",
    " it ",
    "Mr. ",
    "Mrs. ",
    "Sen. ",
    "Rep. ",
    "Dr. ",
    "U.S. ",
    "Ada Brook",
    "Ed Voss",
    "Brook",
    "Voss's",
    " officials ",
    "the company",
    "a spokeswoman for ",
    " who ",
    " and ",
    "R-Neb.",
    "(D-Ohio)",
    "WASHINGTON — ",
    "BROOK: ",
    "é",
    "😀",
    "\u{a0}",
    "\u{feff}",
    "\u{200b}",
    "ﬁ",
    "İ",
    "ß",
    "\t",
    "...",
    "…",
    "–",
    "{\"text\":\"",
    "\"}\n",
    "\\u201c",
    "\\n",
];

fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.join("tests/data"), root.join("examples/corpus")];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|e| e == "txt" || e == "jsonl" || e == "tsv")
                && let Ok(b) = std::fs::read(&p)
            {
                out.push(b);
            }
        }
    }
    out.push(b"\xe2\x80\x9cWe are ready,\xe2\x80\x9d said Ada Brook.".to_vec());
    out
}

/// A window of a seed: whole inputs are slow to run through every stage many times.
fn window(rng: &mut Rng, s: &[u8]) -> Vec<u8> {
    if s.len() <= 2000 || rng.below(8) == 0 {
        return s.to_vec();
    }
    let len = 200 + rng.below(1800);
    let a = rng.below(s.len() - len);
    s[a..a + len].to_vec()
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(input.len() + 1);
        match rng.below(8) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] = rng.next() as u8;
            }
            2..=4 => {
                let p = rng.pick(PIECES).as_bytes();
                input.splice(at..at, p.iter().copied());
            }
            5 if !input.is_empty() => {
                let end = (at + 1 + rng.below(40)).min(input.len());
                input.drain(at.min(end)..end);
            }
            6 => {
                // Splice a piece of another seed.
                let other = rng.pick(seeds);
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(300)).min(other.len());
                    input.splice(at..at, other[a..b].iter().copied());
                }
            }
            _ if !input.is_empty() => {
                // Repeat a piece of the input (repeated cues, quotes and names).
                let end = (at + 1 + rng.below(30)).min(input.len());
                let a = at.min(end.saturating_sub(1));
                let piece = input[a..end].to_vec();
                for _ in 0..1 + rng.below(20) {
                    input.splice(a..a, piece.iter().copied());
                }
            }
            _ => {}
        }
    }
    input.truncate(20_000);
}

#[test]
#[ignore = "a fuzz run: FUZZ_SECONDS=60 cargo test --release --test fuzz_stable -- --ignored --nocapture"]
fn fuzz_pipeline() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    let mut rng = Rng(seed | 1);
    let seeds = seeds();
    assert!(!seeds.is_empty());
    check::pipeline();
    let crash = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-stable-crash.txt");
    let start = Instant::now();
    let deadline = Duration::from_secs(seconds);
    let (mut execs, mut bytes) = (0u64, 0u64);
    let mut slowest = (Duration::ZERO, 0usize);
    while start.elapsed() < deadline {
        let seed_text = rng.pick(&seeds);
        let mut input = window(&mut rng, seed_text);
        // A few generations from each seed: mutants of mutants.
        for _ in 0..1 + rng.below(6) {
            mutate(&mut rng, &mut input, &seeds);
            let t = Instant::now();
            let r = std::panic::catch_unwind(|| check::check(&input));
            let took = t.elapsed();
            if let Err(e) = r {
                let _ = std::fs::write(&crash, &input);
                eprintln!(
                    "fuzz_stable: failure after {execs} executions; input ({} bytes) in {}",
                    input.len(),
                    crash.display()
                );
                std::panic::resume_unwind(e);
            }
            if took > slowest.0 {
                slowest = (took, input.len());
            }
            execs += 1;
            bytes += input.len() as u64;
        }
    }
    println!(
        "fuzz_stable: {execs} executions, {:.1} MB, in {:.0?} (seed {seed}); no failure; \
         slowest input {:.0?} for {} bytes",
        bytes as f64 / 1e6,
        start.elapsed(),
        slowest.0,
        slowest.1
    );
}
