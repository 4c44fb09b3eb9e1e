/** One line of the Prometheus text format: `name{label="value",…} 12.5`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a scrape; comment lines (HELP, TYPE) skipped. Enough of the format for tests. */
export function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = sampleLine.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const pairs = [...(match[2] ?? '').matchAll(labelPair)].map((m): [string, string] => [
        m[1] ?? '',
        m[2] ?? '',
      ]);
      return { name: match[1] ?? '', labels: Object.fromEntries(pairs), value: Number(match[3]) };
    });
}

/** The value of the one sample with exactly these labels, or undefined when there is none. */
export function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}) {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted)
    ?.value;
}
