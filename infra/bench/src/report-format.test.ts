import { describe, expect, it } from 'vitest';
import { sampleRun } from './fixtures.test-support.js';
import { formatJson, formatMarkdown, formatTable } from './report-format.js';
import { evaluateTargets } from './targets.js';

const report = (run = sampleRun(), baseline?: ReturnType<typeof sampleRun>) => ({
  run,
  targets: evaluateTargets(run, baseline),
  ...(baseline && { baseline }),
});

describe('the terminal table', () => {
  it('lists every figure under its section, with its kind, its targets and how far off each is', () => {
    const lines = formatTable(report()).split('\n');
    expect(lines[0]).toMatch(/^figure\s+value\s+kind\s+issue 13 target\s+status$/);
    const line = (label: string) => lines.find((text) => text.trimStart().startsWith(label)) ?? '';
    expect(line('insertOne')).toMatch(/1,236 docs\/s \(p99 23 ms\)\s+absolute/);
    expect(line('sales accepted (201)')).toMatch(
      /48\.0 sales\/s\s+absolute\s+✗ 1,000 sales\/s \(aim\)\s+952 short/,
    );
    expect(line('ingest / raw insertOne')).toMatch(/3\.9 %\s+comparable\s+✗ ≥ 50 % of raw insertOne/);
    // The second target of a figure gets a line of its own.
    const second = lines[lines.indexOf(line('ingest / raw insertOne')) + 1] ?? '';
    expect(second).toMatch(/^\s+✗ > 100 % of raw insertOne \(with group commit\)/);
    expect(line('sustained rate')).toMatch(/5\.0 sales\/s/);
    expect(line('database commands per sale: all services')).toMatch(
      /57\.8\s+comparable\s+✗ ≤ 8 for the whole pipeline\s+×7\.2 the bound/,
    );
    expect(line('peak RSS: reconciliation')).toMatch(/–\s+absolute\s+· < 200 MB\s+not measured/);
    expect(lines).toContain('Ingest: POST /v1/transactions, 10 connections, 5 s');
  });

  it('when the first step already failed, then the sustained rate reads "below" it', () => {
    const table = formatTable(report(sampleRun({ pipelineSustainedPerSec: null })));
    expect(table).toMatch(/sustained rate\s+below 5 sales\/s/);
  });

  it('beside a baseline, then each figure shows its value on the empty database too', () => {
    const grown = sampleRun({ storedSales: 1_000_000, ingestPerSec: 36 });
    const lines = formatTable(report(grown, sampleRun())).split('\n');
    expect(lines[0]).toMatch(/^figure\s+value\s+empty database\s+kind/);
    expect(lines.find((text) => text.includes('sales accepted (201)'))).toMatch(
      /36\.0 sales\/s\s+48\.0 sales\/s/,
    );
  });
});

describe('docs/performance.md', () => {
  it('holds the table, the steps, the machine and the command that wrote it', () => {
    const markdown = formatMarkdown(report());
    expect(markdown).toContain('Written by `pnpm bench -- --quick`');
    expect(markdown).toContain('| figure | value | kind | issue 13 target | status |');
    expect(markdown).toContain(
      '| sales accepted (201) | 48.0 sales/s | absolute | ✗ 1,000 sales/s (aim) | 952 short (5 % of the target) |',
    );
    expect(markdown).toContain('| 5 | 20 | 20 | 4 | 6 | 2.1 s | 20 | 20 | 20 | 20 | sustained |');
    expect(markdown).toContain(
      "| 10 | 40 | 40 | 31 | 31 | not within 15 s | 38 | 40 | 40 | 40 | backlog 31 at the step's end (bound 20); backlog not drained within the bound; 2 not e-mailed |",
    );
    expect(markdown).toContain('- 2 cores (Test CPU), 23.4 GB RAM, Linux 6.1');
    expect(markdown).toContain('ferretdb-postgresql, FerretDB v1.24.2, PostgreSQL 15.14');
    // One row per command and collection, the most frequent first, with why a sale sends it.
    const receiptRows = markdown.split('\n').filter((line) => line.startsWith('| receipt | '));
    expect(receiptRows.slice(0, 4)).toEqual([
      '| receipt | update | – | 5.00 |  |',
      expect.stringMatching(
        /^\| receipt \| find \| transactions \| 2\.00 \| the event's consumer reads the sale once/,
      ),
      '| receipt | find | return_links | 1.00 | returns of the sale, listed on its receipt: only for a sale a return reserved some of |',
      expect.stringMatching(/^\| receipt \| insert \| transactions \| 0\.50 \| the till's request/),
    ]);
    expect(markdown).toContain('| receipt | evalsha 10.00, publish 4.00 |');
  });

  it('names the stored sales of the run in the command and the text', () => {
    const markdown = formatMarkdown(report(sampleRun({ mode: 'full', storedSales: 1_000_000 }), sampleRun()));
    expect(markdown).toContain('Written by `pnpm bench -- --stored-sales 1000000`');
    expect(markdown).toContain('with 1,000,000 sales stored in the receipt database beforehand');
    expect(markdown).toContain('| figure | value | empty database | kind |');
  });
});

describe('docs/performance.json', () => {
  it('is one object with the headline figures, per-service counts, the machine, the date and the targets', () => {
    const json = JSON.parse(formatJson(report())) as Record<string, unknown>;
    for (const key of [
      'rawInsertOnePerSec',
      'rawInsertManyPerSec',
      'ingestPerSec',
      'ingestP99Ms',
      'pipelineSustainedPerSec',
      'pointsVisibleP95Ms',
      'redisCommandsPerSale',
      'machine',
      'date',
    ])
      expect(json).toHaveProperty(key);
    expect(json.dbCommandsPerSale).toEqual({
      receipt: 20.5,
      loyalty: 25.25,
      reconciliation: 12,
      total: 57.75,
    });
    expect(json.peakRssMb).toEqual({ receipt: 210, loyalty: 180, reconciliation: null });
    expect(json.targets).toContainEqual({
      figure: 'pointsVisibleP95Ms',
      target: 'p95 < 500 ms',
      met: false,
      status: '×3.0 the bound',
    });
  });
});
