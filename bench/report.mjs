// Turns the JSON files a ./scripts/bench run wrote into markdown tables, each with its date,
// machine, command and ratio to the baselines measured in the same run.
//   node bench/report.mjs RESULTS_DIR                 print the tables
//   node bench/report.mjs RESULTS_DIR --into FILE     replace FILE's generated section with them
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { join } from 'node:path';

import { callSetupFirefoxSection, callSetupSection } from './report/call_setup.mjs';
import { labSection } from './report/lab.mjs';
import { loadSection } from './report/load.mjs';
import { microSection } from './report/micro.mjs';

const BEGIN = '<!-- bench:results:begin (written by ./scripts/bench; edits here are overwritten) -->';
const END = '<!-- bench:results:end -->';

function firstLine(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return 'not found';
  }
}

function machine() {
  return [
    `- **Date:** ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- **Machine:** ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Linux ${release()}`,
    `- **Tools:** ${firstLine('g++', ['--version'])}; node ${process.version}; ${firstLine('chromium', ['--version'])}; ${firstLine('firefox-esr', ['--version'])}`,
  ].join('\n');
}

function readJson(dir, name) {
  const file = join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

// bench/load/run.sh writes a folder: its summary, table and the commands it ran.
function loadResults(dir) {
  const summary = readJson(join(dir, 'load'), 'summary.json');
  if (!summary) return null;
  return { ...summary, table: readFileSync(join(dir, 'load', 'table.md'), 'utf8'), command: 'bench/load/run.sh OUT_DIR   (every server and p2p-load command line: OUT_DIR/commands.txt)' };
}

// bench/lab/run.sh writes JSON lines: one per page and run, one per run.
function labResults(dir) {
  const lines = (name) => {
    const file = join(dir, 'lab', name);
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : null;
  };
  const runs = lines('runs.jsonl');
  if (!runs || runs.length === 0) return null;
  return { figures: lines('lab.jsonl') ?? [], runs, runsPerScenario: Math.max(...runs.map((r) => r.run)) };
}

function report(dir) {
  const parts = [machine()];
  const sections = [
    [microSection, readJson(dir, 'micro.json')],
    [loadSection, loadResults(dir)],
    [callSetupSection, readJson(dir, 'call_setup.json')],
    [callSetupFirefoxSection, readJson(dir, 'call_setup_firefox.json')],
    [labSection, labResults(dir)],
  ];
  for (const [section, data] of sections) {
    parts.push(data ? section(data) : `_${section.name.replace('Section', '')}: no results in this run._`);
  }
  return parts.join('\n\n');
}

function replaceGenerated(file, body) {
  const text = readFileSync(file, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${file} has no ${BEGIN} ... ${END} section`);
  writeFileSync(file, `${text.slice(0, begin + BEGIN.length)}\n\n${body}\n\n${text.slice(end)}`);
}

const [dir, flag, target] = process.argv.slice(2);
if (!dir) throw new Error('usage: node bench/report.mjs RESULTS_DIR [--into FILE]');
const body = report(dir);
if (flag === '--into') replaceGenerated(target, body);
else console.log(body);
