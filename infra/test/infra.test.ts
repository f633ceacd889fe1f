import { parser } from '@prometheus-io/lezer-promql';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYaml, podSpecOf, render, REPO, type K8sObject } from './kustomize.js';
import { strictFieldProblems } from './strict-fields.js';

/**
 * infra/ checked offline: both kustomizations rendered, every object validated against the
 * Kubernetes (and Prometheus Operator) schemas, the wiring between them checked, every PromQL
 * expression (alerts, dashboard, the adapter's rule) parsed and reading only metrics the services
 * export, and every alert linked to a runbook entry that exists.
 */

const K8S = join(REPO, 'infra/k8s');
/** Every service in apps/ (an app with a Nest entry point): a new one cannot be left out of the deployment. */
const SERVICES = readdirSync(join(REPO, 'apps')).filter((d) => existsSync(join(REPO, 'apps', d, 'src/main.ts')));
const RUNBOOK_BASE = 'https://github.com/placewise/placewise/blob/main/infra/runbook.md#';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each model's constructor takes its own shape; the object is checked by validate()
type Model = new (data: any) => { validate(): void };
const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

const main = render(K8S, { fallbacks: { 'secrets.env': 'secrets.env.example' } });
const monitoring = render(join(K8S, 'monitoring'));
const find = (objs: K8sObject[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);

/** Every metric the services export: the platform's own (metrics.ts) and prom-client's defaults. */
function exportedMetrics(): Set<string> {
  const src = readFileSync(join(REPO, 'packages/platform/src/metrics/metrics.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of src.matchAll(/new (Histogram|Counter|Gauge)(?:<[^>]*>)?\(\{\s*name: '([a-z_:]+)'/g)) {
    const [, type, name] = m as unknown as [string, string, string];
    if (type === 'Histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
    else names.add(name);
  }
  return names;
}
const EXPORTED = exportedMetrics();
const isExported = (name: string) => EXPORTED.has(name) || /^(process|nodejs)_/.test(name);

/** Parses PromQL; returns the syntax errors (by position) and the metric names it reads. */
function promql(expr: string): { errors: string[]; metrics: string[] } {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  const metrics: string[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: "${expr.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') metrics.push(expr.slice(node.from, node.to));
    },
  });
  return { errors, metrics };
}

describe('the promql check itself', () => {
  it('finds a syntax error and the metrics an expression reads', () => {
    expect(promql('sum by (queue) (rate(x_total[5m])) > ').errors).not.toHaveLength(0);
    expect(promql('max by (queue (queue_jobs)').errors).not.toHaveLength(0);
    expect(promql('max by (queue) (queue_jobs{state="waiting"}) > 0 or absent(up)')).toEqual({ errors: [], metrics: ['queue_jobs', 'up'] });
  });
  it('knows the metrics the platform exports', () => {
    expect(EXPORTED.has('queue_jobs')).toBe(true);
    expect(EXPORTED.has('event_delivery_seconds_bucket')).toBe(true);
    expect(EXPORTED.has('outbox_oldest_pending_seconds')).toBe(true);
    expect(isExported('no_such_metric')).toBe(false);
  });
});

/** Each service's port: the entrypoint's default, which the manifests and the compose file must use. */
function entrypointPorts(): Map<string, number> {
  const text = readFileSync(join(REPO, 'infra/docker/entrypoint.sh'), 'utf8');
  return new Map([...text.matchAll(/^\s+([a-z]+)\)\s+port=(\d+) ;;$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

describe('every service is deployed', () => {
  const ports = entrypointPorts();
  const dockerfile = readFileSync(join(REPO, 'infra/docker/Dockerfile'), 'utf8');
  const entrypoint = readFileSync(join(REPO, 'infra/docker/entrypoint.sh'), 'utf8');
  const nginx = readFileSync(join(REPO, 'infra/web/default.conf.template'), 'utf8');
  const migrate = readFileSync(join(REPO, 'scripts/migrate.mjs'), 'utf8');
  const [compose] = loadYaml(join(REPO, 'infra/compose.yaml')) as [
    { services: Record<string, { command?: string[]; environment?: Record<string, string>; ports?: string[]; depends_on?: string[] }> },
  ];
  const web = find(main, 'Deployment', 'web') as K8sObject & {
    spec: { template: { spec: { containers: { env?: { name: string; value: string }[] }[] } } };
  };
  const webEnv = new Map((web.spec.template.spec.containers[0]!.env ?? []).map((e) => [e.name, e.value]));

  it('finds the services in apps/', () => {
    expect(SERVICES).toEqual(expect.arrayContaining(['referrals', 'panels', 'commissioning', 'finance', 'notifications']));
    expect(SERVICES).not.toContain('web');
  });

  for (const svc of SERVICES) {
    it(`${svc}: in the image, the compose file, the web proxy, the manifests and the migrations`, () => {
      const port = ports.get(svc);
      expect(port, `infra/docker/entrypoint.sh has no port for ${svc}`).toBeDefined();
      expect(dockerfile).toContain(`COPY apps/${svc}/package.json apps/${svc}/`);
      expect(dockerfile).toMatch(new RegExp(`^EXPOSE .*\\b${port}\\b`, 'm'));
      expect(entrypoint).toMatch(new RegExp(`PORT \\|\\| "[^"]*\\b${port}\\b`));
      expect(migrate).toContain(`'${svc}'`);

      const service = compose.services[svc];
      expect(service, `infra/compose.yaml has no ${svc}`).toBeDefined();
      expect(service!.command).toEqual([svc]);
      expect(service!.environment?.PORT).toBe(String(port));
      const urlVar = `${svc.toUpperCase()}_URL`;
      expect(compose.services.web!.environment?.[urlVar]).toBe(`http://${svc}:${port}`);
      expect(compose.services.web!.depends_on).toContain(svc);

      expect(nginx).toMatch(new RegExp(`location /api/${svc}/\\s+\\{ proxy_pass \\$\\{${urlVar}\\}/; \\}`));
      expect(webEnv.get(urlVar)).toBe(`http://${svc}:${port}`);

      const deploy = find(main, 'Deployment', svc) as K8sObject & {
        spec: {
          template: {
            spec: { containers: { args: string[]; ports: { containerPort: number }[]; env: { name: string; value: string }[] }[] };
          };
        };
      };
      expect(deploy, `infra/k8s has no Deployment ${svc}`).toBeDefined();
      const [container] = deploy.spec.template.spec.containers;
      expect(container!.args).toEqual([svc]);
      expect(container!.ports.map((p) => p.containerPort)).toEqual([port]);
      expect(container!.env.find((e) => e.name === 'PORT')?.value).toBe(String(port));
    });
  }

  it("leaves PostgreSQL room for every service's pods at the HPAs' maximum during a rollout", () => {
    const config = Object.fromEntries(
      readFileSync(join(K8S, 'config.env'), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => l.split('=', 2) as [string, string]),
    );
    const perPod = Number(config.DATABASE_POOL_HTTP) + Number(config.DATABASE_POOL_WORKER) + 2;
    const hpas = main.filter((o) => o.kind === 'HorizontalPodAutoscaler') as (K8sObject & { spec: { maxReplicas: number } })[];
    expect(hpas.map((h) => h.metadata.name).sort()).toEqual([...SERVICES].sort());
    // maxSurge 1: one more pod per service while a rollout replaces them; then the migrate job,
    // operators and monitoring (about 13) and superuser_reserved_connections (3).
    const needed = hpas.reduce((n, h) => n + (h.spec.maxReplicas + 1) * perPod, 0) + 16;
    const conf = readFileSync(join(REPO, 'infra/postgres/postgresql.conf'), 'utf8');
    const maxConnections = Number(/^max_connections = (\d+)/m.exec(conf)![1]);
    expect(maxConnections).toBeGreaterThanOrEqual(needed);
  });
});

describe('infra/k8s renders and validates', () => {
  it('validates every object against its schema, and refuses a broken one', () => {
    for (const o of [...main, ...monitoring]) {
      const key = `${o.apiVersion}/${o.kind}`;
      const model = MODELS[key];
      expect(model, `no schema for ${key} (${o.metadata.name})`).toBeDefined();
      expect(() => new model!(o).validate(), `${key} ${o.metadata.name}`).not.toThrow();
    }
    const broken = structuredClone(find(main, 'Deployment', 'finance')!) as K8sObject & {
      spec: { template: { spec: { containers: { ports: unknown[] }[] } } };
    };
    broken.spec.template.spec.containers[0]!.ports = [{ containerPort: 'http' }];
    expect(() => new MODELS['apps/v1/Deployment']!(broken).validate()).toThrow(/containerPort/);
  });

  it('has no field the Kubernetes API does not know, as strict server-side validation would say', () => {
    expect(strictFieldProblems([...main, ...monitoring])).toEqual([]);
    // One mistake per copy: the compiler names the first unknown field of each object.
    type Loose = K8sObject & { spec: Record<string, unknown> & { template: { spec: { containers: Record<string, unknown>[] } } } };
    const misspelt = structuredClone(find(main, 'Deployment', 'finance')!) as Loose;
    misspelt.spec.replicsa = 2;
    const deep = structuredClone(find(main, 'Deployment', 'panels')!) as Loose;
    deep.spec.template.spec.containers[0]!.imagePullPolcy = 'Always';
    const problems = strictFieldProblems([misspelt, deep]);
    expect(problems.map((p) => p.object)).toEqual(['Deployment/finance', 'Deployment/panels']);
    expect(problems[0]!.message).toMatch(/'"replicsa"' does not exist/);
    expect(problems[1]!.message).toMatch(/'"imagePullPolcy"' does not exist/);
  }, 60_000);

  it('names each object once, in the placewise namespace', () => {
    const keys = main.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of [...main, ...monitoring]) if (o.kind !== 'Namespace') expect(o.metadata.namespace, o.metadata.name).toBe('placewise');
  });

  it('points every envFrom at a generated ConfigMap or Secret', () => {
    const names = new Set(main.filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret').map((o) => o.metadata.name));
    for (const o of main) {
      for (const c of podSpecOf(o)?.containers ?? []) {
        for (const from of c.envFrom ?? []) {
          const ref = from.configMapRef?.name ?? from.secretRef?.name;
          expect(names.has(ref!), `${o.metadata.name} refers to ${ref}`).toBe(true);
        }
        expect(c.image, o.metadata.name).toMatch(/^placewise(-web)?:latest$/);
      }
    }
  });

  for (const svc of SERVICES) {
    it(`${svc}: scales on its inbox's depth, keeps one pod through a drain, and is reached by its Service`, () => {
      const deploy = find(main, 'Deployment', svc) as K8sObject & {
        spec: { replicas?: number; template: { metadata: { labels: Record<string, string> } } };
      };
      expect(deploy).toBeDefined();
      // The HPA owns the count: a replicas field would set it back at every apply.
      expect(deploy.spec.replicas).toBeUndefined();
      const podLabels = deploy.spec.template.metadata.labels;
      const matches = (sel: { matchLabels?: Record<string, string> } | Record<string, string>) => {
        const labels = 'matchLabels' in sel ? (sel.matchLabels as Record<string, string>) : (sel as Record<string, string>);
        return Object.keys(labels).length > 0 && Object.entries(labels).every(([k, v]) => podLabels[k] === v);
      };

      const hpa = find(main, 'HorizontalPodAutoscaler', svc) as K8sObject & {
        spec: {
          scaleTargetRef: { kind: string; name: string };
          minReplicas: number;
          maxReplicas: number;
          metrics: { type: string; external?: { metric: { name: string; selector: { matchLabels: Record<string, string> } } } }[];
        };
      };
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: svc });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(hpa.spec.metrics).toEqual([
        expect.objectContaining({
          type: 'External',
          external: expect.objectContaining({
            metric: { name: 'placewise_queue_waiting', selector: { matchLabels: { queue: `${svc}-inbox` } } },
          }),
        }),
      ]);

      const pdb = find(main, 'PodDisruptionBudget', svc) as K8sObject & {
        spec: { selector: { matchLabels: Record<string, string> }; maxUnavailable?: number };
      };
      expect(matches(pdb.spec.selector)).toBe(true);
      expect(pdb.spec.maxUnavailable).toBe(1);
      const service = find(main, 'Service', svc) as K8sObject & { spec: { selector: Record<string, string> } };
      expect(matches(service.spec.selector)).toBe(true);
    });
  }

  it('runs the migrations as a Job, applied before the services (README: -l component!=service)', () => {
    const job = find(main, 'Job', 'placewise-migrate') as K8sObject & {
      spec: { template: { spec: { containers: { args: string[] }[] } } };
    };
    expect(job.spec.template.spec.containers[0]!.args).toEqual(['migrate']);
    const first = main.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] !== 'service').map((o) => o.kind);
    expect(new Set(first)).toEqual(new Set(['Namespace', 'Job', 'ConfigMap', 'Secret']));
  });
});

type Rule = { alert: string; expr: string; for?: string; labels: { severity: string }; annotations: Record<string, string> };
const rules = (
  find(monitoring, 'PrometheusRule', 'placewise') as K8sObject & { spec: { groups: { rules: Rule[] }[] } }
).spec.groups.flatMap((g) => g.rules);

/** GitHub's anchors for the runbook's second-level headings. */
function runbookAnchors(): string[] {
  const text = readFileSync(join(REPO, 'infra/runbook.md'), 'utf8');
  return [...text.matchAll(/^## (.+)$/gm)].map((m) =>
    m[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\w\- ]/g, '')
      .replace(/ /g, '-'),
  );
}

describe('alert rules', () => {
  it('parses every expression, reading only metrics the services export', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      const { errors, metrics } = promql(r.expr);
      expect(errors, r.alert).toEqual([]);
      expect(metrics.length, r.alert).toBeGreaterThan(0);
      for (const m of metrics) expect(isExported(m), `${r.alert} reads ${m}, which no service exports`).toBe(true);
      expect(['warning', 'critical']).toContain(r.labels.severity);
      expect(r.annotations.summary, r.alert).toBeTruthy();
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('covers each failure mode', () => {
    const reads = (metric: string) => rules.some((r) => promql(r.expr).metrics.includes(metric));
    expect(reads('outbox_oldest_pending_seconds')).toBe(true); // outbox backlog age
    expect(rules.some((r) => r.expr.includes('state="failed"'))).toBe(true); // failed jobs
    expect(reads('queue_oldest_waiting_seconds')).toBe(true); // inbox lag
    expect(rules.some((r) => r.expr.includes('dependency="redis"'))).toBe(true);
    expect(rules.some((r) => r.expr.includes('dependency="postgresql"'))).toBe(true);
    expect(rules.some((r) => r.expr.includes('panels-timers'))).toBe(true); // a statutory timer overdue
  });

  it('links each alert to a runbook entry that exists, and each entry to an alert', () => {
    const anchors = runbookAnchors();
    const used = new Set<string>();
    for (const r of rules) {
      const url = r.annotations.runbook_url ?? '';
      expect(url.startsWith(RUNBOOK_BASE), `${r.alert}: ${url}`).toBe(true);
      const anchor = url.slice(RUNBOOK_BASE.length);
      expect(anchors, `${r.alert}: no "## " heading for #${anchor} in infra/runbook.md`).toContain(anchor);
      used.add(anchor);
      // The entry names the alert, so a reader arriving from the link finds it.
      const text = readFileSync(join(REPO, 'infra/runbook.md'), 'utf8');
      expect(text.includes(`\`${r.alert}\``), `${r.alert} is not named in infra/runbook.md`).toBe(true);
    }
    expect(anchors.filter((a) => !used.has(a))).toEqual([]);
  });
});

describe('the dashboard and the autoscaling metric', () => {
  const dashboard = JSON.parse(
    (find(monitoring, 'ConfigMap', 'placewise-dashboards') as K8sObject & { data: Record<string, string> }).data['journey.json']!,
  ) as { uid: string; panels: { title: string; type: string; targets?: { expr: string }[] }[] };

  it('reads only metrics the services export, in expressions that parse', () => {
    const exprs = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ title: p.title, expr: t.expr.replaceAll('$__rate_interval', '5m') })),
    );
    expect(exprs.length).toBeGreaterThan(8);
    for (const { title, expr } of exprs) {
      const { errors, metrics } = promql(expr);
      expect(errors, title).toEqual([]);
      for (const m of metrics) expect(isExported(m), `${title} reads ${m}`).toBe(true);
    }
    const all = exprs.map((e) => e.expr).join('\n');
    for (const m of ['event_delivery_seconds_bucket', 'queue_jobs', 'events_consumed_total', 'outbox_oldest_pending_seconds'])
      expect(all).toContain(m);
  });

  it("serves the HPAs' metric from the services' queue gauge", () => {
    const [values] = loadYaml(join(K8S, 'monitoring/prometheus-adapter-values.yaml')) as [
      { rules: { external: { seriesQuery: string; name: { as: string }; metricsQuery: string }[] } },
    ];
    const [rule] = values.rules.external;
    expect(rule!.name.as).toBe('placewise_queue_waiting');
    for (const expr of [rule!.seriesQuery, rule!.metricsQuery.replace('<<.LabelMatchers>>', 'queue="finance-inbox"')]) {
      const { errors, metrics } = promql(expr);
      expect(errors, expr).toEqual([]);
      for (const m of metrics) expect(isExported(m), m).toBe(true);
    }
  });
});
