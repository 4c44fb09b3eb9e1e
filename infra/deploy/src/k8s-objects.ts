import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import { loadManifests, ofKind, type LoadedManifest } from './k8s-manifests.js';

/** The base's objects by kind, typed with the Kubernetes models for the cross-checks. */
export interface K8sObjects {
  loaded: LoadedManifest[];
  deployments: IDeployment[];
  services: IService[];
  configMaps: IConfigMap[];
  secrets: ISecret[];
  autoscalers: IHorizontalPodAutoscaler[];
  disruptionBudgets: IPodDisruptionBudget[];
}

export function loadObjects(): K8sObjects {
  const loaded = loadManifests();
  const kind = <T>(name: string) => ofKind(loaded, name) as unknown as T[];
  return {
    loaded,
    deployments: kind<IDeployment>('Deployment'),
    services: kind<IService>('Service'),
    configMaps: kind<IConfigMap>('ConfigMap'),
    secrets: kind<ISecret>('Secret'),
    autoscalers: kind<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler'),
    disruptionBudgets: kind<IPodDisruptionBudget>('PodDisruptionBudget'),
  };
}

export const nameOf = (object: { metadata?: { name?: string } }): string => object.metadata?.name ?? '';

/** True when every label of the selector is on the pod with the same value. */
export const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> = {}) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);

export const podLabels = (deployment: IDeployment) => deployment.spec?.template.metadata?.labels ?? {};

export const containersOf = (deployment: IDeployment): IContainer[] =>
  deployment.spec?.template.spec?.containers ?? [];

/** The data a ConfigMap or Secret puts into the environment (`stringData` for templates, `data` decoded). */
export function envDataOf(object: IConfigMap | ISecret): Record<string, string> {
  if (object.kind === 'ConfigMap') return { ...object.data };
  const decoded = Object.entries(object.data ?? {}).map(([key, value]): [string, string] => [
    key,
    Buffer.from(value, 'base64').toString('utf8'),
  ]);
  return { ...Object.fromEntries(decoded), ...object.stringData };
}

/**
 * The environment a Deployment's first container gets from its envFrom sources and env values,
 * in Kubernetes order (later envFrom entries win, `env` wins over all); unresolved refs throw.
 */
export function containerEnvironment(objects: K8sObjects, deployment: IDeployment): Record<string, string> {
  const container = containersOf(deployment)[0];
  const environment: Record<string, string> = {};
  for (const source of container?.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const pool = source.configMapRef ? objects.configMaps : objects.secrets;
    const found = pool.find((object) => nameOf(object) === ref?.name);
    if (!found) throw new Error(`${nameOf(deployment)}: envFrom ${ref?.name ?? '?'} does not exist`);
    Object.assign(environment, envDataOf(found));
  }
  for (const variable of container?.env ?? []) {
    if (variable.value !== undefined) environment[variable.name] = variable.value;
    const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
    if (!ref) continue;
    const pool = variable.valueFrom?.configMapKeyRef ? objects.configMaps : objects.secrets;
    const found = pool.find((object) => nameOf(object) === ref.name);
    const value = found && envDataOf(found)[ref.key];
    if (value === undefined) {
      throw new Error(`${nameOf(deployment)}: ${variable.name} refers to missing ${ref.name}/${ref.key}`);
    }
    environment[variable.name] = value;
  }
  return environment;
}
