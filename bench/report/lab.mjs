// The network lab's table: per scenario and page, how soon the page said the call was interrupted
// and how soon it was back (median and max over the runs), against the bars the lab test asserts.
import { table } from './format.mjs';

const median = (xs) => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// "512 / 840 ms (bar 1500)", or what is missing.
function figure(rows, key, barKey) {
  const values = rows.map((r) => r[key]).filter((x) => typeof x === 'number');
  if (rows.every((r) => r[key] === null && r[barKey] === null)) return '–';
  const never = rows.length - values.length;
  const shown = values.length ? `${median(values)} / ${Math.max(...values)} ms` : 'never';
  const bar = rows.find((r) => r[barKey] !== null)?.[barKey];
  const over = bar ? values.filter((x) => x > bar).length + never : 0;
  return `${shown}${never ? ` (${never}× never)` : ''}${bar ? ` (bar ${bar}${over ? `, **${over} over**` : ''})` : ''}`;
}

// One line per failed run: the lab's first complaint.
function failures(runs) {
  const failed = runs.filter((r) => r.result !== 'pass');
  if (failed.length === 0) return [];
  return ['', 'Failed runs:', ...failed.map((r) => `- ${r.scenario}, run ${r.run}: ${r.why || 'see its log'}`)];
}

// data: { figures: [lab.jsonl lines], runs: [runs.jsonl lines], runsPerScenario }
export function labSection({ figures, runs, runsPerScenario }) {
  const scenarios = [...new Set(runs.map((r) => r.scenario))];
  const rows = [];
  for (const scenario of scenarios) {
    const mine = runs.filter((r) => r.scenario === scenario);
    const passed = mine.filter((r) => r.result === 'pass').length;
    for (const role of ['offer', 'answer']) {
      const points = figures.filter((f) => f.scenario === scenario && f.role === role);
      rows.push([scenario, role === 'offer' ? 'offer (home 0, the one the fault hits)' : 'answer (home 1)',
        `${passed} of ${mine.length}`, figure(points, 'noticeMs', 'noticeBar'), figure(points, 'backMs', 'backBar')]);
    }
  }
  return [
    `### Network lab: notice and recovery (${runsPerScenario} runs per scenario)`,
    '',
    'Command: `./scripts/bench` (its lab part: `bench/lab/run.sh RUNS OUT_DIR`, each scenario of ' +
      '`tests/e2e/lab_recovery.test.mjs` in its own namespaces). Notice: the page shows "connection interrupted" ' +
      '(link down: after the last frame; silent signalling: signalling no longer open, after the block). ' +
      'Back: frames again after link up (address change: after the change; silent signalling: signalling ' +
      'open again after the lift; relay restart: the whole call back after link up). Median / max.',
    '',
    table(['scenario', 'page', 'runs that met every bar', 'notice', 'back'], rows),
    ...failures(runs),
  ].join('\n');
}
