import { documentCounts, staffToken } from '@scontrino/testing';
import { fuzzEndpoints, fuzzTimeout } from '@scontrino/testing/fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  TEST_SERVICE_TOKEN,
  type TestReconciliationService,
} from '../test-support/reconciliation-service.js';

// Every REST operation of the OpenAPI document and every tRPC procedure, fuzzed from their
// schemas (docs/security.md#fuzzing-every-public-endpoint): no 5xx, no stack trace, each broken
// field named by its path, and a refused request stores no observation.

let service: TestReconciliationService;
beforeAll(async () => {
  service = await startTestReconciliationService();
});
afterAll(() => service.close());

describe('every public endpoint of the reconciliation service', () => {
  it(
    'keeps its promises under inputs generated from its schemas',
    async () => {
      const admin = { authorization: `Bearer ${await staffToken()}` };
      const asService = { authorization: `Bearer ${TEST_SERVICE_TOKEN}` };
      const report = await fuzzEndpoints({
        url: service.url,
        procedures: service.procedures,
        restCredentials: (schemes) => (schemes.includes('serviceToken') ? asService : admin),
        trpcCredentials: (procedure) => (procedure.access.kind === 'service' ? asService : admin),
        known: { tenantId: ['moda-rossi'] },
        // What a request stores before it answers; linking follows in the background.
        stored: () => documentCounts(service.database, ['observations']),
      });
      console.info(
        `fuzz: ${report.endpoints} endpoints, ${report.cases} cases (${report.runs} each, seed ${report.seed})`,
      );
      expect(report.failures).toEqual([]);
    },
    fuzzTimeout(),
  );
});
