//! Benchmarks: every corpus case, and a 1 MB error text. Targets (DEVELOPERS.md,
//! issue 3): under 1 ms per corpus case and under 50 ms for 1 MB, natively.

use criterion::{criterion_group, criterion_main, Criterion};
use doctor401::diag::{diagnose, Case, Scenario};
use std::hint::black_box;

const CLOCK: i64 = 1_795_424_400;

fn corpus() -> Vec<(String, Case)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("corpus beside the checkout") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            let s = Scenario::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.push((path.file_stem().unwrap().to_string_lossy().into(), s.case));
        }
    }
    out.sort_by(|a: &(String, Case), b| a.0.cmp(&b.0));
    out
}

fn bench(c: &mut Criterion) {
    let cases = corpus();
    c.bench_function("corpus/all cases (sum)", |b| {
        b.iter(|| {
            for (_, case) in &cases {
                black_box(diagnose(black_box(case), CLOCK).report);
            }
        })
    });
    let mut big = String::with_capacity(1 << 20);
    let line = "2026-11-23 09:00:01 ERROR openai.AuthenticationError: Error code: 401 - {'error': {'code': '401', 'message': 'Access denied due to invalid subscription key or wrong API endpoint.'}}\n";
    while big.len() + line.len() < (1 << 20) {
        big.push_str(line);
    }
    let case = Case {
        error_text: Some(big),
        endpoint: Some("https://contoso.openai.azure.com/".into()),
        ..Case::default()
    };
    c.bench_function("error_text/1 MB", |b| {
        b.iter(|| black_box(diagnose(black_box(&case), CLOCK).report))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
