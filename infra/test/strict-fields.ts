import ts from 'typescript';
import { dirname, join } from 'node:path';
import { REPO, type K8sObject } from './kustomize.js';

/**
 * The schema validators in kubernetes-models accept fields they do not know (`replicsa: 2`, an
 * `imagePullPolcy`), as the API server's non-strict decoding would, silently dropping them. This
 * checks what `kubectl apply --validate=strict` would: each rendered object is written out as an
 * object literal typed with the model's own TypeScript interface (the same OpenAPI definitions), and
 * the TypeScript compiler reports every unknown field (excess property) and every wrong type, with
 * the object's kind and name.
 */

/** apiVersion/kind → the module and interface that describe it. */
const TYPES: Record<string, { module: string; name: string }> = {
  'v1/Namespace': { module: 'kubernetes-models/v1/Namespace', name: 'INamespace' },
  'v1/ConfigMap': { module: 'kubernetes-models/v1/ConfigMap', name: 'IConfigMap' },
  'v1/Secret': { module: 'kubernetes-models/v1/Secret', name: 'ISecret' },
  'v1/Service': { module: 'kubernetes-models/v1/Service', name: 'IService' },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1/Deployment', name: 'IDeployment' },
  'batch/v1/Job': { module: 'kubernetes-models/batch/v1/Job', name: 'IJob' },
  'policy/v1/PodDisruptionBudget': { module: 'kubernetes-models/policy/v1/PodDisruptionBudget', name: 'IPodDisruptionBudget' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    name: 'IHorizontalPodAutoscaler',
  },
  'monitoring.coreos.com/v1/PrometheusRule': {
    module: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
    name: 'IPrometheusRule',
  },
};

export interface FieldProblem {
  object: string;
  message: string;
}

/** Every unknown field or wrong type in the objects, as "<kind>/<name>: <compiler message>". */
export function strictFieldProblems(objects: K8sObject[]): FieldProblem[] {
  const imports = new Map<string, string>();
  for (const o of objects) {
    const type = TYPES[`${o.apiVersion}/${o.kind}`];
    if (!type) throw new Error(`no TypeScript model for ${o.apiVersion}/${o.kind} (${o.metadata.name})`);
    imports.set(type.module, `import type { ${type.name} } from '${type.module}';`);
  }
  // One line per object, so a diagnostic's line names its object.
  const lines = [...imports.values()];
  const first = lines.length;
  for (const [i, o] of objects.entries())
    lines.push(`export const o${i}: ${TYPES[`${o.apiVersion}/${o.kind}`]!.name} = ${JSON.stringify(o)};`);
  // Under infra/test so that the modules resolve from the workspace's node_modules.
  const file = join(REPO, 'infra/test/__manifests__.ts');
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, create) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = ((read) => (name: string) => (name === file ? source : read(name)))(host.readFile.bind(host));
  // package.json "type" lookups start from the file's folder.
  host.getCurrentDirectory = () => dirname(file);

  const program = ts.createProgram([file], options, host);
  const sf = program.getSourceFile(file)!;
  const problems: FieldProblem[] = [];
  for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
    const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
    const o = objects[line - first];
    problems.push({
      object: o ? `${o.kind}/${o.metadata.name}` : '(imports)',
      message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    });
  }
  return problems;
}
