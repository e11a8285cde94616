// Google Benchmark results (codec and relay per-message path) as a table with baseline ratios.
import { command, num, ratio, table } from './format.mjs';

// Benchmark -> the baseline it is compared with in the same run (the old nlohmann DOM decode).
const BASELINES = {
  BM_DecodeOffer: 'BM_NlohmannDomOffer',
  BM_CheckOffer: 'BM_NlohmannDomOffer',
};

const NS_PER = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

function nanoseconds(bench) {
  return bench.cpu_time * (NS_PER[bench.time_unit] ?? 1);
}

function mbPerSecond(bench) {
  return bench.bytes_per_second ? num(bench.bytes_per_second / 1e6, 0) : '';
}

export function microSection(data) {
  const byName = new Map(data.benchmarks.map((b) => [b.name, b]));
  const rows = data.benchmarks.map((b) => {
    const baseline = byName.get(BASELINES[b.name]);
    const speedup = baseline ? `${ratio(nanoseconds(baseline), nanoseconds(b), 1)} faster than ${baseline.name}` : '';
    return [b.name, num(nanoseconds(b), 0), mbPerSecond(b), speedup];
  });
  return [
    '### Codec and relay per-message path (Google Benchmark)',
    command('build/native/bench/micro/codec_bench --benchmark_min_time=0.5'),
    table(['benchmark', 'CPU ns/op', 'MB/s', 'vs baseline (same run)'], rows),
  ].join('\n\n');
}
