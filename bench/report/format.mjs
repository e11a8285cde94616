// Number formatting and markdown table helpers shared by the report sections.

// A markdown table from a header row and data rows (arrays of cells).
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// 1234567 -> "1,234,567"; fractional values keep `digits` decimals.
export function num(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// ours / baseline as "1.23×", or n/a when either side is missing.
export function ratio(ours, baseline, digits = 2) {
  if (!ours || !baseline) return 'n/a';
  return `${(ours / baseline).toFixed(digits)}×`;
}

// "met" / "missed" against a target predicate, for the targets column.
export function verdict(ok) {
  return ok ? 'met' : '**missed**';
}

// Bytes as KiB with one decimal.
export function kib(bytes) {
  return `${num(bytes / 1024, 1)} KiB`;
}

// A fenced one-line shell command.
export function command(text) {
  return `\`\`\`\n${text}\n\`\`\``;
}
