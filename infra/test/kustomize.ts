import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Renders a kustomization the way `kubectl kustomize` does, for the features infra/k8s uses, and
 * refuses any other: resources (files and directories with their own kustomization), namespace,
 * labels (pairs, includeSelectors, includeTemplates), configMapGenerator and secretGenerator (envs,
 * files, type, options.labels, options.disableNameSuffixHash) with a content hash in the name and
 * every reference to them renamed, and images (newName, newTag). Offline, with no kustomize binary.
 */

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

interface Generator {
  name: string;
  type?: string;
  envs?: string[];
  files?: string[];
  options?: { labels?: Record<string, string>; disableNameSuffixHash?: boolean };
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  resources?: string[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'resources', 'configMapGenerator', 'secretGenerator', 'images']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'StorageClass',
]);

export interface RenderOptions {
  /** Files read in place of others that are missing (e.g. secrets.env from secrets.env.example). */
  fallbacks?: Record<string, string>;
}

export function loadYaml(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value != null) out.push(value);
  }
  return out;
}

function readWithFallback(dir: string, file: string, opts: RenderOptions): string {
  const path = join(dir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8');
  const fallback = opts.fallbacks?.[file];
  if (fallback) return readFileSync(join(dir, fallback), 'utf8');
  throw new Error(`${path} does not exist`);
}

/** KEY=VALUE lines; blank lines and # comments skipped, as kustomize reads an env file. */
export function parseEnvFile(text: string, source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`${source}: "${line}" is not KEY=VALUE`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function hashSuffix(obj: unknown): string {
  // kustomize's suffix is 10 characters of a hash of the object's content; this is the same idea
  // (stable for the same content, new for a change), not its exact encoding.
  const alphabet = 'bcdfghkmt2456789';
  const digest = createHash('sha256').update(JSON.stringify(obj)).digest();
  return [...digest.subarray(0, 10)].map((b) => alphabet[b % alphabet.length]).join('');
}

function generate(dir: string, gen: Generator, kind: 'ConfigMap' | 'Secret', opts: RenderOptions): K8sObject {
  const data: Record<string, string> = {};
  for (const env of gen.envs ?? []) Object.assign(data, parseEnvFile(readWithFallback(dir, env, opts), join(dir, env)));
  for (const file of gen.files ?? []) data[basename(file)] = readWithFallback(dir, file, opts);
  const encoded =
    kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) : data;
  const obj: K8sObject = {
    apiVersion: 'v1',
    kind,
    metadata: { name: gen.name, ...(gen.options?.labels ? { labels: { ...gen.options.labels } } : {}) },
    ...(kind === 'Secret' ? { type: gen.type ?? 'Opaque' } : {}),
    data: encoded,
  };
  if (!gen.options?.disableNameSuffixHash) obj.metadata.name = `${gen.name}-${hashSuffix(obj)}`;
  return obj;
}

type PodSpec = {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: { configMap?: { name: string }; secret?: { secretName: string } }[];
};
type Container = {
  image?: string;
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { valueFrom?: { configMapKeyRef?: { name: string }; secretKeyRef?: { name: string } } }[];
};

/** The pod spec inside a workload (Deployment, Job, ...), if it has one. */
export function podSpecOf(obj: K8sObject): PodSpec | undefined {
  const spec = obj.spec as { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

function renameReferences(obj: K8sObject, configMaps: Map<string, string>, secrets: Map<string, string>): void {
  const pod = podSpecOf(obj);
  if (!pod) return;
  const cm = (ref?: { name: string }) => ref && configMaps.has(ref.name) && (ref.name = configMaps.get(ref.name)!);
  const sec = (ref?: { name: string }) => ref && secrets.has(ref.name) && (ref.name = secrets.get(ref.name)!);
  for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    for (const from of c.envFrom ?? []) {
      cm(from.configMapRef);
      sec(from.secretRef);
    }
    for (const e of c.env ?? []) {
      cm(e.valueFrom?.configMapKeyRef);
      sec(e.valueFrom?.secretKeyRef);
    }
  }
  for (const v of pod.volumes ?? []) {
    cm(v.configMap);
    if (v.secret && secrets.has(v.secret.secretName)) v.secret.secretName = secrets.get(v.secret.secretName)!;
  }
}

export function render(dir: string, opts: RenderOptions = {}): K8sObject[] {
  const root = resolve(dir);
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => join(root, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`${root} has no kustomization.yaml`);
  const [k] = loadYaml(file) as [Kustomization];
  for (const key of Object.keys(k)) if (!SUPPORTED.has(key)) throw new Error(`${file}: "${key}" is not supported by this renderer`);
  if (k.kind !== 'Kustomization' || k.apiVersion !== 'kustomize.config.k8s.io/v1beta1') throw new Error(`${file} is not a Kustomization`);

  const objects: K8sObject[] = [];
  for (const res of k.resources ?? []) {
    const path = join(root, res);
    if (statSync(path).isDirectory()) objects.push(...render(path, opts));
    else {
      for (const doc of loadYaml(path)) {
        const o = doc as K8sObject;
        if (!o || typeof o !== 'object' || !o.apiVersion || !o.kind || !o.metadata?.name)
          throw new Error(`${path}: a document without apiVersion, kind or metadata.name`);
        objects.push(o);
      }
    }
  }
  const configMaps = new Map<string, string>();
  const secrets = new Map<string, string>();
  for (const gen of k.configMapGenerator ?? []) {
    const o = generate(root, gen, 'ConfigMap', opts);
    configMaps.set(gen.name, o.metadata.name);
    objects.push(o);
  }
  for (const gen of k.secretGenerator ?? []) {
    const o = generate(root, gen, 'Secret', opts);
    secrets.set(gen.name, o.metadata.name);
    objects.push(o);
  }
  for (const o of objects) {
    if (k.namespace && !CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
    for (const l of k.labels ?? []) {
      if (l.includeSelectors) throw new Error(`${file}: labels with includeSelectors are not supported by this renderer`);
      o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
      const template = (o.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template;
      if (l.includeTemplates && template)
        template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...l.pairs } };
    }
    renameReferences(o, configMaps, secrets);
    const pod = podSpecOf(o);
    for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
      const image = k.images?.find((i) => c.image === i.name || c.image?.startsWith(`${i.name}:`));
      if (image) c.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
    }
  }
  return objects;
}

export const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');
