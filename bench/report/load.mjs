// Relay load results: filled in once the load tool's JSON shape is fixed.
export function loadSection(data) {
  return ['### Relay load', '```json', JSON.stringify(data, null, 2), '```'].join('\n');
}
