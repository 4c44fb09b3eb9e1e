import { readdirSync } from 'node:fs';
import { parseAllDocuments, parse } from 'yaml';
import { readRepoFile, repoPath } from './repo.js';

export const K8S_BASE = ['infra', 'k8s', 'base'] as const;

/** A Kubernetes object as written: the fields the cross-checks read, the rest left to the schema. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface LoadedManifest {
  file: string;
  manifest: Manifest;
}

export interface Kustomization {
  namespace?: string;
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

export function readKustomization(): Kustomization {
  return parse(readRepoFile(...K8S_BASE, 'kustomization.yaml')) as Kustomization;
}

/** The YAML files of the base other than the kustomization itself. */
export function manifestFiles(): string[] {
  return readdirSync(repoPath(...K8S_BASE))
    .filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml')
    .sort();
}

/** Every document of every resource file the kustomization lists, parsed strictly (YAML errors throw). */
export function loadManifests(): LoadedManifest[] {
  return readKustomization().resources.flatMap((file) =>
    parseAllDocuments(readRepoFile(...K8S_BASE, file)).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
      return { file, manifest: document.toJS() as Manifest };
    }),
  );
}

export const ofKind = <T extends Manifest = Manifest>(loaded: readonly LoadedManifest[], kind: string): T[] =>
  loaded.filter(({ manifest }) => manifest.kind === kind).map(({ manifest }) => manifest as T);
