import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { describe, expect, it } from 'vitest';
import { containersOf, loadObjects, nameOf, podLabels, selects } from './k8s-objects.js';
import { readRepoFile, SERVICES } from './repo.js';

const objects = loadObjects();
const { deployments, services, autoscalers, disruptionBudgets } = objects;
const byName = deployments.map((deployment) => [nameOf(deployment), deployment] as const);

/** How long a service drains in-flight requests on SIGTERM (packages/service, `listen`). */
function drainSeconds(): number {
  const match = /drainTimeoutMs \?\? ([\d_]+)/.exec(
    readRepoFile('packages', 'service', 'src', 'lifecycle.ts'),
  );
  if (!match?.[1]) throw new Error('drain timeout not found in packages/service/src/lifecycle.ts');
  return Number(match[1].replaceAll('_', '')) / 1000;
}

const probePath = (probe: IProbe | undefined) => probe?.httpGet?.path;

describe('Kubernetes base: workloads', () => {
  it('has one Deployment and one Service per service', () => {
    expect(deployments.map(nameOf).sort()).toEqual([...SERVICES].sort());
    expect(services.map(nameOf).sort()).toEqual([...SERVICES].sort());
  });

  it.each(byName)('%s: ready on /readyz, alive on /healthz, on a port the container declares', (_name, d) => {
    for (const container of containersOf(d)) {
      expect(probePath(container.readinessProbe)).toBe('/readyz');
      expect(probePath(container.livenessProbe)).toBe('/healthz');
      const ports = (container.ports ?? []).flatMap((port) => [port.name, port.containerPort]);
      for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
        if (probe) expect(ports).toContain(probe.httpGet?.port);
      }
    }
  });

  it.each(byName)('%s: requests and limits CPU and memory', (_name, d) => {
    for (const { resources } of containersOf(d)) {
      for (const bound of [resources?.requests, resources?.limits]) {
        expect(bound?.cpu).toBeDefined();
        expect(bound?.memory).toBeDefined();
      }
    }
  });

  it.each(byName)(
    '%s: non-root, read-only root filesystem, no capabilities (restricted profile)',
    (_name, d) => {
      const pod = d.spec?.template.spec;
      expect(pod?.securityContext?.runAsNonRoot).toBe(true);
      expect(pod?.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod?.automountServiceAccountToken).toBe(false);
      for (const container of containersOf(d)) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        // A read-only root still needs a writable /tmp, and every mount needs its volume.
        const volumes = (pod?.volumes ?? []).map((volume) => volume.name);
        expect(container.volumeMounts?.map((mount) => mount.mountPath)).toContain('/tmp');
        for (const mount of container.volumeMounts ?? []) expect(volumes).toContain(mount.name);
      }
    },
  );

  it.each(byName)('%s: the grace period outlasts preStop plus the request drain', (_name, d) => {
    const pod = d.spec?.template.spec;
    const preStop = containersOf(d)[0]?.lifecycle?.preStop?.exec?.command ?? [];
    const preStopSeconds = preStop[0] === 'sleep' ? Number(preStop[1]) : 0;
    expect(pod?.terminationGracePeriodSeconds).toBeGreaterThan(preStopSeconds + drainSeconds());
  });

  it.each(byName)('%s: its selector picks its own pods', (_name, d) => {
    expect(selects(d.spec?.selector.matchLabels, podLabels(d))).toBe(true);
  });

  it('when a Service selects pods, then a Deployment has them and the port it targets', () => {
    for (const service of services) {
      const target = deployments.find((d) => selects(service.spec?.selector, podLabels(d)));
      expect(target, `Service ${nameOf(service)} selects no Deployment`).toBeDefined();
      const ports = containersOf(target as IDeployment).flatMap((c) =>
        (c.ports ?? []).flatMap((p) => [p.name, p.containerPort]),
      );
      for (const port of service.spec?.ports ?? []) expect(ports).toContain(port.targetPort ?? port.port);
    }
  });

  it('when an autoscaler scales on CPU, then its target Deployment exists and it leaves the replica count to it', () => {
    expect(autoscalers.length).toBeGreaterThan(0);
    for (const hpa of autoscalers) {
      const ref = hpa.spec?.scaleTargetRef;
      expect(ref?.kind).toBe('Deployment');
      expect(deployments.map(nameOf)).toContain(ref?.name);
      expect(hpa.spec?.metrics?.map((m) => m.resource?.name)).toContain('cpu');
      expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec?.maxReplicas).toBeGreaterThanOrEqual(hpa.spec?.minReplicas ?? 1);
    }
  });

  it('when a Deployment has no autoscaler, then it is a single writer: one replica, never two during a rollout', () => {
    const scaled = new Set(autoscalers.map((hpa) => hpa.spec?.scaleTargetRef.name));
    for (const deployment of deployments.filter((d) => !scaled.has(nameOf(d)))) {
      expect(deployment.spec?.replicas).toBe(1);
      expect(deployment.spec?.strategy?.type).toBe('Recreate');
    }
  });

  it('when pods are evicted, then a disruption budget per Deployment keeps drains possible', () => {
    for (const deployment of deployments) {
      const budgets = disruptionBudgets.filter((pdb) =>
        selects(pdb.spec?.selector?.matchLabels, podLabels(deployment)),
      );
      expect(budgets, nameOf(deployment)).toHaveLength(1);
      // minAvailable on a one-replica Deployment would block every node drain.
      expect(budgets[0]?.spec?.maxUnavailable).toBe(1);
    }
  });
});
