//! Criterion benchmarks, one per stage: gazetteer load and compile, segmentation, matching,
//! quotes, and the whole extraction, on the example corpus (written for this project); and
//! the extraction with 100 user pattern rules against the same without.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whosaid::{Document, Gazetteers, Options, Pipeline};

/// The example corpus's files, in name order.
fn corpus_paths() -> Vec<std::path::PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn corpus() -> String {
    corpus_paths()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("builtin gazetteers: parse", |b| {
        b.iter(|| black_box(Gazetteers::builtin()))
    });
    g.bench_function("builtin gazetteers: parse + compile", |b| {
        b.iter(|| black_box(Pipeline::new(Gazetteers::builtin(), Options::default())))
    });
    g.finish();
}

fn stages(c: &mut Criterion) {
    let text = corpus().repeat(20);
    let pipeline = Pipeline::new(Gazetteers::builtin(), Options::default());
    let doc = Document::new("bench", text.clone());
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(text.len() as u64));
    let lang = &pipeline.gazetteers().language;
    g.bench_function("segment (and tag)", |b| {
        b.iter(|| black_box(whosaid::segment::segment(&text, lang)))
    });
    g.bench_function("quotes", |b| {
        b.iter(|| {
            let mut w = Vec::new();
            black_box(whosaid::quotes::find(&text, &mut w))
        })
    });
    g.bench_function("extract (all stages)", |b| {
        b.iter(|| black_box(pipeline.extract(&doc)))
    });
    g.finish();
}

/// 100 user pattern rules: 20 words in 5 shapes, with and without a literal prefix.
fn user_patterns() -> String {
    const WORDS: [&str; 20] = [
        "Operation",
        "Minister",
        "Council",
        "Agency",
        "Senator",
        "Party",
        "Ministry",
        "Governor",
        "Fund",
        "Committee",
        "General",
        "Bank",
        "Institute",
        "President",
        "Union",
        "Court",
        "Commission",
        "Director",
        "Army",
        "Police",
    ];
    let shapes = [
        "{} [A-Z][a-z]+",
        "[A-Z][a-z]+ {}",
        "(?i)the [a-z]+ {}",
        "{} of [A-Z][a-z]+",
        "{}-[A-Z][a-z]+",
    ];
    let mut rows = String::new();
    for (s, shape) in shapes.iter().enumerate() {
        for (w, word) in WORDS.iter().enumerate() {
            let pattern = shape.replace("{}", word);
            rows.push_str(&format!("bench.s{s}w{w}\tORG\t{pattern}\tgenerated\n"));
        }
    }
    rows
}

/// What 100 user pattern rules add to an extraction: compiling them, and the whole
/// extraction with them against the same without.
fn patterns(c: &mut Criterion) {
    let text = corpus().repeat(20);
    let doc = Document::new("bench", text.clone());
    let rows = user_patterns();
    let mut gaz = Gazetteers::builtin();
    gaz.patterns = whosaid::gazetteer::parse_patterns("patterns.tsv", &rows).unwrap();
    assert_eq!(gaz.patterns.rules().len(), 100);
    let with = Pipeline::new(gaz, Options::default());
    let without = Pipeline::new(Gazetteers::builtin(), Options::default());
    let mut g = c.benchmark_group("user patterns");
    g.sample_size(20);
    g.bench_function("parse + compile 100 rules", |b| {
        b.iter(|| black_box(whosaid::gazetteer::parse_patterns("patterns.tsv", &rows)))
    });
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("extract without rules", |b| {
        b.iter(|| black_box(without.extract(&doc)))
    });
    g.bench_function("extract with 100 rules", |b| {
        b.iter(|| black_box(with.extract(&doc)))
    });
    g.finish();
}

/// Each stage on its own, over the example corpus's documents one at a time (as a batch
/// runs them), each stage given the output of the one before, prepared outside the timing.
fn per_stage(c: &mut Criterion) {
    use whosaid::stages;
    use whosaid::write::{CsvTables, Format};
    let paths = corpus_paths();
    // The corpus 20 times over, as separate documents.
    let docs: Vec<Document> = (0..20)
        .flat_map(|k| {
            paths.iter().map(move |p| {
                Document::new(
                    format!("{k}-{}", p.display()),
                    std::fs::read_to_string(p).unwrap(),
                )
            })
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let p = Pipeline::new(Gazetteers::builtin(), Options::default());
    let lang = &p.gazetteers().language;
    let segs: Vec<_> = docs
        .iter()
        .map(|d| whosaid::segment::segment(&d.text, lang))
        .collect();
    let matched: Vec<_> = docs
        .iter()
        .zip(&segs)
        .map(|(d, s)| stages::matches(&p, &d.text, s))
        .collect();
    let selected: Vec<_> = docs
        .iter()
        .zip(&segs)
        .zip(&matched)
        .map(|((d, s), m)| stages::rules(&p, &d.text, s, m.clone()))
        .collect();
    let outcomes: Vec<whosaid::write::Outcome> =
        docs.iter().map(|d| Ok((d.clone(), p.extract(d)))).collect();
    let csv = CsvTables {
        dir: std::env::temp_dir(),
    };

    let mut g = c.benchmark_group("per stage");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("segment (and tag)", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(whosaid::segment::segment(&d.text, lang));
            }
        })
    });
    g.bench_function("match (gazetteers)", |b| {
        b.iter(|| {
            for (d, s) in docs.iter().zip(&segs) {
                black_box(stages::matches(&p, &d.text, s));
            }
        })
    });
    g.bench_function("rules (pattern, team, select, document)", |b| {
        b.iter(|| {
            for ((d, s), m) in docs.iter().zip(&segs).zip(&matched) {
                black_box(stages::rules(&p, &d.text, s, m.clone()));
            }
        })
    });
    g.bench_function("resolve", |b| {
        b.iter(|| {
            for (d, sel) in docs.iter().zip(&selected) {
                black_box(stages::resolve(&p, &d.text, sel.clone()));
            }
        })
    });
    g.bench_function("extract (all stages)", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(p.extract(d));
            }
        })
    });
    g.bench_function("render CSV", |b| {
        b.iter(|| {
            for o in &outcomes {
                black_box(csv.render(o));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, load, stages, per_stage, patterns);
criterion_main!(benches);
