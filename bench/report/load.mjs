// Relay load results: bench/load/run.sh already folds its runs into table.md (figures side by side,
// ratios, targets); this adds the heading and the command.
import { command } from './format.mjs';

export function loadSection(data) {
  return [
    '### Relay load: our relay vs the Beast echo floor vs the Node relay',
    command(data.command),
    data.table.trim(),
  ].join('\n\n');
}
