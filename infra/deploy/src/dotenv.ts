/**
 * The subset of the env-file format compose reads that `.env.example` uses: `KEY=value`,
 * `KEY='literal'`, `KEY="value"`, blank lines and `#` comments. Anything else is an error, so
 * the example never drifts into syntax compose would read differently.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[1]) throw new Error(`line ${index + 1}: not KEY=value`);
    const value = match[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) result[match[1]] = quoted[2] ?? '';
    else if (/['"\s]/.test(value)) throw new Error(`line ${index + 1}: quote a value with quotes or spaces`);
    else result[match[1]] = value;
  });
  return result;
}
