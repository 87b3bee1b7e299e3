//! Criterion benchmarks, one per stage: gazetteer load and compile, segmentation, matching,
//! quotes, and the whole extraction, on the example corpus (written for this project).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whosaid::{Document, Gazetteers, Options, Pipeline};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
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

criterion_group!(benches, load, stages);
criterion_main!(benches);
