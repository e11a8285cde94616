// Repetition, not luck: each disruption of lib/repeat_scenarios.mjs (reload of either page,
// glare, relay crash) runs REPEAT_CHROMIUM times Chromium↔Chromium (default 20) and REPEAT_FIREFOX
// times Firefox↔Chromium (default 5, the offer page's engine alternating), every time on fresh
// pages in a fresh room. A scenario passes only if every repetition ends in a call with frames both
// ways after the first click on start alone. One line per repetition, one summary per scenario.
// Run inside a fresh network namespace (see run.sh).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startRelay } from './lib/relay.mjs';
import { useRelayAndEngines } from './lib/suite.mjs';
import { withPair } from './lib/pair.mjs';
import { NotStaged, SCENARIOS } from './lib/repeat_scenarios.mjs';

const env = useRelayAndEngines();
// The relay-crash scenario kills its relay every time, so it gets one of its own, kept in a
// holder the scenario swaps the restarted relay into.
const crash = { relay: null, webRoot: null, stateDir: null };

before(async () => {
  crash.stateDir = mkdtempSync(join(tmpdir(), 'p2p-e2e-state-'));
  crash.webRoot = env.webRoot;
  crash.relay = await startRelay({ webRoot: env.webRoot, stateDir: crash.stateDir });
});
after(async () => {
  await crash.relay?.stop();
  if (crash.stateDir) rmSync(crash.stateDir, { recursive: true, force: true });
});

const count = (name, fallback) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${process.env[name]}`);
  return n;
};
const GROUPS = [
  { name: 'chromium↔chromium', times: count('REPEAT_CHROMIUM', 20), pairing: () => ['chromium', 'chromium'] },
  { name: 'firefox↔chromium', times: count('REPEAT_FIREFOX', 5),
    pairing: (i) => (i % 2 === 0 ? ['firefox', 'chromium'] : ['chromium', 'firefox']) },
];

// A repetition whose disruption could not be staged (NotStaged: e.g. the two glare clicks did not
// cross) is staged again on fresh pages in a fresh room, at most STAGING_ATTEMPTS times in all;
// the notes say so, and a repetition that never gets staged fails.
const STAGING_ATTEMPTS = 3;

async function runOnce(name, scenario, [offerEngine, answerEngine], room) {
  const notes = [];
  const origin = scenario.ownRelay ? crash.relay.origin : env.relay.origin;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const options = { room: attempt === 1 ? room : `${room}-${attempt}`, offerEngine, answerEngine };
      const report = (note) => notes.push(note);
      const ms = await withPair(env.engines, origin, options, (pair) => scenario.run(pair, { report, relayHolder: crash }));
      return { ok: true, ms, notes };
    } catch (error) {
      if (!(error instanceof NotStaged) || attempt === STAGING_ATTEMPTS) return { ok: false, error, notes };
      notes.push(`not staged, again: ${error.message}`);
    }
  }
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];

function printRepetition(name, group, i, pairing, result) {
  const notes = result.notes.length ? ` (${result.notes.join(', ')})` : '';
  const cause = result.error?.pageCause ? ` [page log: ${result.error.pageCause}]` : '';
  const verdict = result.ok ? `pass, ${result.ms} ms to frames both ways` : `FAIL: ${firstLine(result.error)}${cause}`;
  console.log(`repeat ${name} ${group.name} #${i + 1}/${group.times} ${pairing.join('→')}: ${verdict}${notes}`);
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);

function printSummary(scenario, results) {
  for (const group of GROUPS) {
    const mine = results.filter((r) => r.group === group.name);
    const passed = mine.filter((r) => r.ok);
    const ms = median(passed.map((r) => r.ms));
    console.log(`repeat summary, ${scenario.title}, ${group.name}: ${passed.length} passed, ` +
      `${mine.length - passed.length} failed${ms === null ? '' : ` (median ${ms} ms to frames both ways)`}`);
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(`repeat summary, ${scenario.title}, all: ${passed} passed, ${results.length - passed} failed`);
}

function saveArtifact(name, results) {
  const out = process.env.E2E_ARTIFACTS;
  if (!out) return;
  mkdirSync(out, { recursive: true });
  const rows = results.map(({ group, pairing, ok, ms, notes, error }) =>
    ({ group, pairing, ok, ms, notes, error: error ? String(error.message) : undefined }));
  writeFileSync(join(out, `repeat-${name}.json`), JSON.stringify(rows, null, 2));
}

// Every failed repetition in one line, then the first failure of each group in full (both logs).
function failureReport(results) {
  const failed = results.filter((r) => !r.ok);
  const lines = failed.map((r) => `${r.group} #${r.index + 1} ${r.pairing.join('→')}: ${firstLine(r.error)}${
    r.error.pageCause ? ` [page log: ${r.error.pageCause}]` : ''}`);
  const firsts = GROUPS.map((g) => failed.find((r) => r.group === g.name)).filter(Boolean);
  const details = firsts.map((r) => `=== first failure, ${r.group} #${r.index + 1} ${r.pairing.join('→')}\n${r.error.message}`);
  return `${failed.length} of ${results.length} repetitions did not end in a call with frames both ways:\n` +
    `${lines.join('\n')}\n\n${details.join('\n\n')}`;
}

describe('repeated disruptions end in a working call every time', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    test(scenario.title, async () => {
      const results = [];
      for (const group of GROUPS) {
        for (let i = 0; i < group.times; i += 1) {
          const pairing = group.pairing(i);
          const result = await runOnce(name, scenario, pairing, `${name}-${group.pairing(i).join('-')}-${i}`);
          printRepetition(name, group, i, pairing, result);
          results.push({ ...result, group: group.name, pairing, index: i });
        }
      }
      printSummary(scenario, results);
      saveArtifact(name, results);
      if (results.some((r) => !r.ok)) assert.fail(failureReport(results));
    });
  }
});
