import { describe, expect, it } from 'vitest';
import { checkCycles } from './repo.js';

describe('import cycles', () => {
  it('none in the apps, the packages or infra', async () => {
    const check = await checkCycles(['apps', 'packages', 'infra'], '^infra/shape/fixtures/');
    expect(check.report).toContain('no dependency violations found');
    expect(check.ok, check.report).toBe(true);
  });

  it('the check names the files of a cycle', async () => {
    const check = await checkCycles(['infra/shape/fixtures/cycle']);
    expect(check.ok).toBe(false);
    expect(check.report).toContain('no-circular');
    expect(check.report).toContain('infra/shape/fixtures/cycle/tier.ts');
    expect(check.report).toContain('infra/shape/fixtures/cycle/member.ts');
  });
});
