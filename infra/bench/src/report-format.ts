import { COMMAND_REASONS } from './command-reasons.js';
import { formatNumber, reportRows, targetsOf } from './report-rows.js';
import { type BenchResults, SERVICE_NAMES } from './results.js';
import type { TargetOutcome } from './targets.js';

export interface Report {
  run: BenchResults;
  targets: TargetOutcome[];
  /** The same bench on an empty database, beside a `--stored-sales` run. */
  baseline?: BenchResults;
}

const mark = (target: TargetOutcome) => (target.met === true ? '✓' : target.met === false ? '✗' : '·');

function baselineValues(report: Report): Map<string, string> {
  return new Map(report.baseline ? reportRows(report.baseline).map((row) => [row.figure, row.value]) : []);
}

/** The terminal's table: one line per figure, a line more per extra target. */
export function formatTable(report: Report): string {
  const rows = reportRows(report.run);
  const before = baselineValues(report);
  const header = [
    'figure',
    'value',
    ...(report.baseline ? ['empty database'] : []),
    'kind',
    'issue 13 target',
    'status',
  ];
  const lines: string[][] = [];
  let section = '';
  const sectionLines = new Set<number>();
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      sectionLines.add(lines.length);
      lines.push([section]);
    }
    const [first, ...more] = targetsOf(row, report.targets);
    const cells = (label: string, value: string, base: string, kind: string, target?: TargetOutcome) => [
      label,
      value,
      ...(report.baseline ? [base] : []),
      kind,
      target ? `${mark(target)} ${target.target}` : '',
      target?.status ?? '',
    ];
    lines.push(cells(`  ${row.label}`, row.value, before.get(row.figure) ?? '', row.kind, first));
    for (const target of more) lines.push(cells('', '', '', '', target));
  }
  const widths = header.map((_, column) =>
    Math.max(
      header[column]?.length ?? 0,
      ...lines.filter((_, index) => !sectionLines.has(index)).map((cells) => cells[column]?.length ?? 0),
    ),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    render(header),
    ...lines.map((cells, index) => (sectionLines.has(index) ? (cells[0] ?? '') : render(cells))),
  ].join('\n');
}

const escape = (text: string) => text.replaceAll('|', '\\|');

function markdownTable(report: Report): string {
  const rows = reportRows(report.run);
  const before = baselineValues(report);
  const header = [
    'figure',
    'value',
    ...(report.baseline ? ['empty database'] : []),
    'kind',
    'issue 13 target',
    'status',
  ];
  const out = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(`| **${escape(section)}** |${' |'.repeat(header.length - 1)}`);
    }
    const targets = targetsOf(row, report.targets);
    out.push(
      `| ${[
        escape(row.label),
        escape(row.value),
        ...(report.baseline ? [escape(before.get(row.figure) ?? '')] : []),
        row.kind,
        targets.map((target) => `${mark(target)} ${escape(target.target)}`).join('<br>'),
        targets.map((target) => escape(target.status)).join('<br>'),
      ].join(' | ')} |`,
    );
  }
  return out.join('\n');
}

function stepsTable(run: BenchResults): string {
  const out = [
    '| rate (sales/s) | sent | accepted | backlog at end | peak backlog | drained in | e-mailed | checked | credited | linked | verdict |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const step of run.pipelineSteps)
    out.push(
      `| ${[
        step.rate,
        step.sent,
        step.accepted,
        step.backlogAtEnd,
        step.peakBacklog,
        step.drainMs === null
          ? `not within ${run.settings.drainSeconds} s`
          : `${formatNumber(step.drainMs / 1000, 1)} s`,
        step.emailed,
        step.checked,
        step.credited,
        step.linked,
        step.passed ? 'sustained' : escape(step.reasons.join('; ')),
      ].join(' | ')} |`,
    );
  return out.join('\n');
}

function commandsTable(run: BenchResults): string {
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([command, count]) => `${command} ${formatNumber(count, 2)}`)
      .join(', ') || '–';
  const databaseRows = SERVICE_NAMES.flatMap((service) =>
    Object.entries(run.commandsPerSaleByCommand[service].db)
      .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
      .map(([counted, count]) => {
        // `find receipts`, or a bare `find` from a service that does not tell the collection.
        const [command, collection = '–'] = counted.split(' ');
        const why = COMMAND_REASONS[service][counted] ?? '';
        return `| ${service} | ${command} | ${collection} | ${formatNumber(count, 2)} | ${why} |`;
      }),
  );
  return [
    '| service | command | collection | per sale | why |',
    '| --- | --- | --- | --- | --- |',
    ...databaseRows,
    '',
    '| service | Redis commands per sale |',
    '| --- | --- |',
    ...SERVICE_NAMES.map(
      (service) => `| ${service} | ${list(run.commandsPerSaleByCommand[service].redis)} |`,
    ),
  ].join('\n');
}

function machineLines(run: BenchResults): string {
  const { machine } = run;
  const database = [
    machine.databaseKind,
    machine.ferretdbVersion && `FerretDB ${machine.ferretdbVersion}`,
    machine.postgresqlVersion && `PostgreSQL ${machine.postgresqlVersion}`,
    machine.databaseVersion && `MongoDB wire version ${machine.databaseVersion}`,
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `- ${machine.cpus} cores (${machine.cpuModel}), ${formatNumber(machine.memoryGb, 1)} GB RAM, ${machine.os}`,
    `- Node ${machine.node}; database: ${database}; Redis ${machine.redisVersion ?? 'unknown'}`,
    '- everything on this one machine: the database, Redis, the three services, the mail sink and the load generator',
  ].join('\n');
}

/** docs/performance.md: the table, the steps, the machine, how it was measured and how to run it again. */
export function formatMarkdown(report: Report): string {
  const { run } = report;
  const options = [
    ...(run.mode === 'quick' ? ['--quick'] : []),
    ...(run.storedSales > 0 ? [`--stored-sales ${run.storedSales}`] : []),
    ...(run.settings.servicesFrom === 'source' ? ['--tsx'] : []),
  ];
  const command = `pnpm bench${options.length > 0 ? ` -- ${options.join(' ')}` : ''}`;
  const stored =
    run.storedSales > 0
      ? `, with ${formatNumber(run.storedSales)} sales stored in the receipt database beforehand, beside the same bench on an empty database`
      : ', on an empty database';
  const json = run.storedSales > 0 ? 'performance-stored-sales.json' : 'performance.json';
  return `# Performance

Written by \`${command}\` ([infra/bench](../infra/bench)) on ${run.date.slice(0, 10)}: a ${run.mode} run${stored}. Run it again to
replace this page and [${json}](${json}); the targets are issue 13's, for this
machine with everything on one box.

${markdownTable(report)}

**Comparable** figures are ratios and counts of work: the same code gives the same ones on another
machine, and on MongoDB (commands per sale are what carry to a production cluster). **Absolute**
figures are rates, latencies and sizes on this machine, under this load; compare them only with
runs on the same machine.

## Pipeline steps

${stepsTable(run)}

A step sends its sales open-loop (on schedule, whatever the answers) for ${run.settings.stepSeconds} s. It is sustained when
every sale is answered 201, at the step's end no more than ${run.settings.backlogSeconds} s of arrivals are still in flight
(sales accepted but not yet e-mailed, or jobs in the busiest queue, whichever is more), everything drains within ${run.settings.drainSeconds} s, and then every
sale's receipt has reached the mail sink, its points show in the loyalty service (\`members.lookup\`)
and its observation is linked (\`observations.status\`). The ladder stops at the first step that is not.

## Work per sale, by command

${commandsTable(run)}

Net of what the services send idle: a command a service sends on a timer can come out slightly
negative. Idle, the services send ${SERVICE_NAMES.map((service) => `${service} ${formatNumber(run.dbIdleCommandsPerSec[service], 1)}`).join(', ')} database commands per second.

## The machine

${machineLines(run)}

## How it is measured

\`pnpm bench\` starts the stack (\`startStack\`, the three services as child processes, ${
    run.settings.servicesFrom === 'build'
      ? 'each from the tsup build the bench makes first (`node dist/start.js`, what the images run)'
      : 'each from source under tsx (`--tsx`, as `npm start` runs them)'
  }; \`MONGODB_URI\` and
\`REDIS_URL\` are used when set), then through the public APIs only: activates a loyalty program
for Moda Rossi, configures its three stores with ${run.settings.tills} till keys in all, enrols ${run.settings.members} members, and sends the
POS simulator's sale documents: each one a member's card sale with an e-mail receipt, a new
\`transactionId\` and its own \`Idempotency-Key\`.

1. **Raw ceiling**: the same sale documents inserted with the plain driver into a scratch database
   on the same server, \`insertOne\` from ${run.settings.connections} concurrent callers, then \`insertMany\` of ${run.settings.insertManyBatch}.
2. **Ingest**: autocannon, ${run.settings.connections} connections for ${run.settings.ingestSeconds} s; then the backlog drains.
3. **Pipeline**: the rate steps above. Then **sale → points visible** at 80 % of the sustained rate
   (or of the first step): from the 201 until \`members.lookup\` lists the sale, polled every 100 ms.
4. **Reconciliation**: its synthetic stream of identify calls and web orders through the API, 8 callers.
   What the linker alone keeps up with, without HTTP, is the reconciliation service's own \`bench\`
   ([identity](identity.md#the-linker-alone-and-sightings-sent-in-batches-the-issues-200-a-second)).
   **Re-encryption**: the loyalty service's key rotation over freshly written members.
5. **Work per sale**: the services' \`scontrino_db_commands_total\` and \`scontrino_redis_commands_total\`
   (\`/metrics\`) over ingest and the steps with their drains, minus what the services send idle
   (measured before, once no service's database counter has moved for 3 s: the warm-up's
   leftover work is not idle work) and what the bench's own scrapes cost, divided by the sales. Checking
   credits and links, which reads the services, happens outside those windows. The receipt
   service's count during the ingest burst is an upper bound of the till's cost (pipeline work
   runs meanwhile). The server's \`INFO commandstats\` also counts commands run inside Lua scripts.
6. **Memory**: each service's \`VmHWM\` from \`/proc/<pid>/status\` at the end.

## Reproduce

\`\`\`sh
pnpm bench                       # about 10 minutes; writes docs/performance.md and docs/performance.json
pnpm bench -- --quick            # the same table in under 3 minutes
pnpm bench -- --stored-sales 1000000   # first stores that many sales (insertMany), then measures
pnpm bench -- --tsx              # the services from source under tsx, as npm start runs them
pnpm bench -- --help             # every option
\`\`\`

Run it on a quiet machine: the figures share the cores with everything else.
`;
}

/** docs/performance.json: the run and its targets, one object. */
export function formatJson(report: Report): string {
  return `${JSON.stringify({ ...report.run, targets: report.targets }, null, 2)}\n`;
}

/** Where the generated part of a performance page ends: what follows is prose the bench keeps. */
export const HAND_WRITTEN_MARK = '<!-- Hand-written from here on: pnpm bench keeps this part as it is. -->';

/**
 * The page `pnpm bench` writes: the generated part, followed by the hand-written part of the page
 * it replaces (from {@link HAND_WRITTEN_MARK} on), so analyses written beside the table survive a run.
 */
export function withHandWritten(generated: string, previous: string | null): string {
  const at = previous?.indexOf(HAND_WRITTEN_MARK) ?? -1;
  if (previous === null || at === -1) return generated;
  return `${generated.trimEnd()}\n\n${previous.slice(at)}`;
}
