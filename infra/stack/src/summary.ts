import type { StackDescription } from './stack-file.js';

/** The block the CLI prints once the stack is up. */
export function formatSummary(stack: StackDescription, stackFile: string): string {
  const rows: [string, string][] = [
    [`Database (${stack.database.kind})`, stack.database.uri],
    [`Redis (${stack.redis.kind})`, stack.redis.url],
    ['SMTP', `${stack.mail.smtpHost}:${stack.mail.smtpPort}`],
    ['Mail viewer', stack.mail.viewerUrl],
    ['Mail API', stack.mail.apiUrl],
  ];
  for (const [name, service] of Object.entries(stack.services)) {
    if (service.kind === 'web app') {
      rows.push([name, service.url]);
      continue;
    }
    rows.push(
      [`${name} service`, service.url],
      ['  tRPC', service.trpcUrl],
      ['  readiness', service.readyzUrl],
    );
  }
  rows.push(['Service token', stack.credentials.serviceToken]);
  rows.push(['Metrics token', `${stack.credentials.metricsToken} (GET /metrics, Authorization: Bearer …)`]);
  if (stack.staff) {
    const until = stack.staff.tokens.admin.expiresAt.slice(0, 10);
    rows.push([
      'Staff tokens',
      `issuer ${stack.staff.issuer}, valid until ${until} (Authorization: Bearer …)`,
    ]);
    for (const { label, token, may } of Object.values(stack.staff.tokens))
      rows.push([`  ${label}`, token], ['', `may: ${may}`]);
    rows.push([
      '  mint more',
      `pnpm --filter @scontrino/staff-access token -- --key ${stack.staff.keyFile} --sub ID --roles crm_analyst --tenants moda-rossi`,
    ]);
  }
  rows.push(['Data directory', stack.dataDir], ['Stack file', stackFile]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  return ['', 'Scontrino stack is up.', '', ...lines, '', 'Press Ctrl-C to stop.', ''].join('\n');
}
