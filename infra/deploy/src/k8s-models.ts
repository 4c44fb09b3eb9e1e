import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import type { Manifest } from './k8s-manifests.js';

interface Validatable {
  validate(): void;
}

/**
 * The kinds the manifests may use, each with its model from the Kubernetes OpenAPI schema.
 * A new kind fails the checks until it is added here, so nothing goes unvalidated.
 */
const models: Record<string, (data: never) => Validatable> = {
  'v1/Namespace': (data) => new Namespace(data),
  'v1/ConfigMap': (data) => new ConfigMap(data),
  'v1/Secret': (data) => new Secret(data),
  'v1/Service': (data) => new Service(data),
  'apps/v1/Deployment': (data) => new Deployment(data),
  'autoscaling/v2/HorizontalPodAutoscaler': (data) => new HorizontalPodAutoscaler(data),
  'policy/v1/PodDisruptionBudget': (data) => new PodDisruptionBudget(data),
};

/**
 * Validates one manifest against the schema of its kind; returns the problem, or null when valid.
 * (The schemas reject wrong types and missing required fields; they allow unknown fields, which
 * is why the cross-checks also assert the fields that matter, probes and security among them.)
 */
export function schemaProblem(manifest: Manifest): string | null {
  const model = models[`${manifest.apiVersion}/${manifest.kind}`];
  if (!model) return `no schema for ${manifest.apiVersion} ${manifest.kind}`;
  try {
    model(manifest as never).validate();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
