import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';
import { SERVICES } from './services.js';

/** The rows of the README's "Ports" table: what a newcomer reads before `npm start`. */
function readmePortRows(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Ports\n')) ?? '';
  return section.split('\n').filter((line) => line.startsWith('|'));
}

describe('the README', () => {
  it.each(SERVICES.map((service) => [service.name, service] as const))(
    'lists the %s port the stack starts it on, and the variable that moves it',
    (_name, service) => {
      const row = readmePortRows().find((line) =>
        line.split('|').some((cell) => cell.trim() === String(service.defaultPort)),
      );
      expect(row).toBeDefined();
      expect(row).toContain(`\`${service.portVariable}\``);
    },
  );
});
