// Call set-up results: filled in once the call-setup JSON shape is fixed.
export function callSetupSection(data) {
  return ['### Call set-up', '```json', JSON.stringify(data, null, 2), '```'].join('\n');
}
