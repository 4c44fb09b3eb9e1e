import { describe, expect, it } from 'vitest';
import { loadManifests, manifestFiles, readKustomization, type Manifest } from './k8s-manifests.js';
import { schemaProblem } from './k8s-models.js';

const loaded = loadManifests();

describe('Kubernetes base: schema', () => {
  it('when kustomize builds the base, then it takes every manifest file and only existing ones', () => {
    expect([...readKustomization().resources].sort()).toEqual(manifestFiles());
  });

  it.each(
    loaded.map(({ file, manifest }) => [`${file}: ${manifest.kind} ${manifest.metadata.name}`, manifest]),
  )('%s is valid against the Kubernetes schema of its kind', (_label, manifest) => {
    expect(schemaProblem(manifest)).toBeNull();
  });

  it('when a manifest is wrong, then the schema check says where (so the check above can fail)', () => {
    const service: Manifest = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'broken' },
      spec: { ports: [{ port: 'eighty' }] },
    };
    expect(schemaProblem(service)).toMatch(/ports\/0\/port/);
    const deployment: Manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: {},
    };
    expect(schemaProblem(deployment)).toMatch(/selector|template/);
    expect(schemaProblem({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' } })).toMatch(
      /no schema/,
    );
  });

  it('names each object once per kind, and the namespace the kustomization sets exists', () => {
    const keys = loaded.map(({ manifest }) => `${manifest.kind}/${manifest.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const namespace = readKustomization().namespace;
    expect(namespace).toBeDefined();
    expect(keys).toContain(`Namespace/${namespace}`);
    // The kustomization sets the namespace; a hard-coded one elsewhere would fight an overlay's.
    const namespaced = loaded.filter(({ manifest }) => manifest.kind !== 'Namespace');
    expect(namespaced.filter(({ manifest }) => 'namespace' in manifest.metadata)).toEqual([]);
  });

  it('when the kustomization pins images, then each is one a Deployment runs, never :latest', () => {
    const images = readKustomization().images ?? [];
    const running = loaded
      .filter(({ manifest }) => manifest.kind === 'Deployment')
      .flatMap(({ manifest }) => JSON.stringify(manifest).match(/"image":"[^"]+"/g) ?? [])
      .map((entry) => entry.slice('"image":"'.length, -1));
    for (const image of running) expect(image).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
    expect(images.map((image) => image.name).sort()).toEqual(
      running.map((image) => image.split(':')[0]).sort(),
    );
    for (const image of images) expect(image.newTag).not.toBe('latest');
  });
});
