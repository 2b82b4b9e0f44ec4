import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { envName, fields } from '../../src/config/schema.js';
import { readManifests, schemaError, unknownFields, type Manifest } from '../helpers/kubernetes-manifests.js';

/** The files an SRE installs, checked by the tools that will read them. */
const HAPROXY_CFG = 'deploy/haproxy/haproxy.cfg';
const K8S = 'deploy/kubernetes';
const UNIT = 'deploy/systemd/oddsgate.service';
const SYSCTL = 'deploy/sysctl/99-oddsgate.conf';

/** A parsed manifest, walked by field names. */
type Obj = Record<string, any>;

/** What a stop timeout must leave after the drain (window + grace) for the last bets and the exit. */
const EXIT_MARGIN_MS = 10_000;

const dir = mkdtempSync(join(tmpdir(), 'oddsgate-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Debian installs haproxy in /usr/sbin, which is not on every user's PATH.
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';
const haproxyCheck = (file: string) => spawnSync(HAPROXY, ['-c', '-f', file], { encoding: 'utf8' });
/** The directives of a config file, comments and blank lines dropped. */
const directives = (text: string) => text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);

describe('deploy/haproxy/haproxy.cfg', () => {
  const text = readFileSync(HAPROXY_CFG, 'utf8');

  it('is valid for HAProxy (haproxy -c)', () => {
    const check = haproxyCheck(HAPROXY_CFG);
    expect(check.error, 'haproxy is installed by scripts/ensure-test-packages.mjs').toBeUndefined();
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('is refused by haproxy -c when broken (the check is real)', () => {
    const broken = join(dir, 'broken.cfg');
    writeFileSync(broken, text.replace('balance url_param sid', 'balance url_parm sid'));
    const check = haproxyCheck(broken);
    expect(check.status).not.toBe(0);
    expect(check.stdout + check.stderr).toMatch(/balance only supports/);
  });

  it('places sessions by consistent hash of ?sid=, checks /readyz, keeps WebSockets open, forwards the client address', () => {
    const d = directives(text);
    expect(d).toContain('balance url_param sid');
    expect(d).toContain('hash-type consistent');
    expect(d).toContain('option httpchk');
    expect(d).toContain('http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host oddsgate');
    expect(d).toContain('http-check expect status 200');
    expect(d).toContain('option forwardfor');
    expect(d.find((l) => l.startsWith('timeout tunnel'))).toBe('timeout tunnel 1h');
    expect(d.find((l) => l.startsWith('http-error status 503'))).toMatch(/hdr Retry-After \d+/);
    // A node marked down because it drains must keep its WebSockets until its Drain frames move them.
    expect(text).not.toMatch(/^\s*[^#\s].*shutdown-sessions/m);
    // Every server has a fixed id: its place on the hash ring.
    const servers = d.filter((l) => l.startsWith('server '));
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const s of servers) expect(s).toMatch(/ id \d+$/);
  });
});

describe('deploy/kubernetes', () => {
  const manifests = readManifests(K8S);
  const only = (kind: string) => {
    const found = manifests.filter((m) => m.kind === kind);
    expect(found, kind).toHaveLength(1);
    return found[0].object as Obj;
  };
  const statefulSet = only('StatefulSet');
  const pod = statefulSet.spec.template.spec;
  const container = pod.containers[0];
  const configMap = only('ConfigMap');
  const secret = only('Secret');

  /** The node's environment as the kubelet builds it: the ConfigMap, then env (secrets as placeholders, the pod name, $(VAR) references). */
  function podEnv(podName: string): Record<string, string> {
    const env: Record<string, string> = { ...configMap.data };
    for (const e of container.env as Array<{ name: string; value?: string; valueFrom?: Obj }>) {
      if (e.value !== undefined) env[e.name] = e.value.replace(/\$\(([A-Z0-9_]+)\)/g, (_, v: string) => env[v] ?? `$(${v})`);
      else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env[e.name] = podName;
      else if (e.valueFrom?.secretKeyRef) env[e.name] = String(secret.stringData[e.valueFrom.secretKeyRef.key]);
      else throw new Error(`env ${e.name}: no value this test knows how to resolve`);
    }
    return env;
  }
  const config = loadConfig({ env: podEnv('oddsgate-edge-1') });

  it('lists every manifest in kustomization.yaml and nothing else', () => {
    const kustomization = parse(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...new Set(manifests.map((m) => m.file.slice(K8S.length + 1)))].sort());
  });

  it('validates every manifest against the Kubernetes OpenAPI schemas (kubernetes-models)', async () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(['ConfigMap', 'Namespace', 'NetworkPolicy', 'PodDisruptionBudget', 'Secret', 'Service', 'Service', 'StatefulSet']);
    for (const m of manifests) expect(await schemaError(m), `${m.file} ${m.kind}`).toBeUndefined();
  });

  it('uses no field the Kubernetes API does not know', () => {
    expect(unknownFields(manifests)).toEqual([]);
  });

  it('refuses broken manifests: a wrong type, a missing required field, a misspelt field', async () => {
    const base = manifests.find((m) => m.kind === 'StatefulSet')!;
    const broken = (edit: (o: Obj) => void): Manifest => {
      const object = structuredClone(base.object) as Obj;
      edit(object);
      return { ...base, object };
    };
    const wrongType = broken((o) => (o.spec.template.spec.containers[0].ports[0].containerPort = 'eighty-eighty'));
    expect(await schemaError(wrongType)).toMatch(/containerPort must be integer/);
    const missing = broken((o) => delete o.spec.selector);
    expect(await schemaError(missing)).toMatch(/spec must have required property selector/);
    const misspelt = broken((o) => {
      const c = o.spec.template.spec.containers[0];
      c.readinesProbe = c.readinessProbe;
      delete c.readinessProbe;
    });
    expect(await schemaError(misspelt)).toBeUndefined(); // the OpenAPI schemas allow unknown fields...
    expect(unknownFields([misspelt])).toEqual([expect.stringMatching(/statefulset\.yaml: .*'"readinesProbe"' does not exist in type 'IContainer'/)]); // ...the type check does not
  });

  it('gives the node a configuration it accepts (every ODDSGATE_ variable a setting, every value valid)', () => {
    expect(config.nodeId).toBe('oddsgate-edge-1');
    expect(config.publicUrl).toBe('wss://oddsgate-edge-1.edge.odds.example.com/v1/ws');
    expect(config.adminToken).not.toBe('');
    expect(config.workers).toBeGreaterThanOrEqual(1);
  });

  it('takes the node id from the pod name, so a restarted pod is the same node', () => {
    const nodeId = container.env.find((e: { name: string }) => e.name === envName('nodeId'));
    expect(nodeId.valueFrom.fieldRef.fieldPath).toBe('metadata.name');
  });

  it('probes readiness on /readyz and liveness on /healthz of the node port, and drains in preStop through the admin port', () => {
    const http = container.ports.find((p: { name: string }) => p.name === 'http');
    expect(http.containerPort).toBe(config.port);
    expect(container.ports.find((p: { name: string }) => p.name === 'admin').containerPort).toBe(config.adminPort);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    const preStop: string[] = container.lifecycle.preStop.exec.command;
    expect(preStop.slice(-2)).toEqual(['drain', `http://127.0.0.1:${config.adminPort}`]);
    expect(preStop.slice(0, -2)).toEqual(container.command.slice(0, -1)); // the same oddsgate as the node's
  });

  it('gives the pod longer to stop than the whole drain', () => {
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(config.drainStartDelayMs + config.drainWindowMs + config.drainGraceMs + EXIT_MARGIN_MS);
    // The ConfigMap's drain settings are the defaults the systemd unit is sized for.
    expect(config.drainWindowMs).toBe(fields.drainWindowMs.default);
    expect(config.drainGraceMs).toBe(fields.drainGraceMs.default);
  });

  it('selects the StatefulSet\'s pods from every Service, the PodDisruptionBudget and the NetworkPolicy', () => {
    const labels = statefulSet.spec.template.metadata.labels;
    expect(statefulSet.spec.selector.matchLabels).toEqual(labels);
    const services = manifests.filter((m) => m.kind === 'Service').map((m) => m.object as Obj);
    for (const s of services) expect(s.spec.selector, s.metadata.name).toEqual(labels);
    const headless = services.find((s) => s.spec.clusterIP === 'None')!;
    expect(statefulSet.spec.serviceName).toBe(headless.metadata.name);
    expect(only('PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: labels } });
    expect(only('NetworkPolicy').spec.podSelector.matchLabels).toEqual(labels);
  });

  it('reads every secret it names from the Secret', () => {
    const refs = [
      ...container.env.filter((e: { valueFrom?: { secretKeyRef?: unknown } }) => e.valueFrom?.secretKeyRef).map((e: { valueFrom: { secretKeyRef: { name: string; key: string } } }) => e.valueFrom.secretKeyRef),
      ...pod.volumes.filter((v: { secret?: unknown }) => v.secret).flatMap((v: { secret: { secretName: string; items: Array<{ key: string }> } }) => v.secret.items.map((i) => ({ name: v.secret.secretName, key: i.key }))),
    ];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.name).toBe(secret.metadata.name);
      expect(Object.keys(secret.stringData)).toContain(ref.key);
    }
  });
});

describe('deploy/systemd and deploy/sysctl', () => {
  const unit = directives(readFileSync(UNIT, 'utf8'));
  const setting = (name: string) => unit.find((l) => l.startsWith(name + '='))?.slice(name.length + 1);

  it('stops the node with one SIGTERM to the main process and waits longer than the whole drain', () => {
    expect(setting('KillSignal')).toBe('SIGTERM');
    expect(setting('KillMode')).toBe('mixed'); // the supervisor forwards SIGTERM; a second one would cut the drain short
    expect(Number(setting('TimeoutStopSec')) * 1000).toBeGreaterThan(fields.drainWindowMs.default + fields.drainGraceMs.default + EXIT_MARGIN_MS);
  });

  it('allows more open files than 50,000 sockets need, within what the sysctl file lets a process have', () => {
    const sysctl = Object.fromEntries(directives(readFileSync(SYSCTL, 'utf8')).map((l) => l.split('=').map((s) => s.trim())));
    const limit = Number(setting('LimitNOFILE'));
    expect(limit).toBeGreaterThan(50_000);
    expect(limit).toBeLessThanOrEqual(Number(sysctl['fs.nr_open']));
    expect(Number(sysctl['net.core.somaxconn'])).toBeGreaterThanOrEqual(4_096);
  });

  it('names only real settings in its examples', () => {
    const named = readFileSync(UNIT, 'utf8').match(/ODDSGATE_[A-Z0-9_]+/g) ?? [];
    expect(named.length).toBeGreaterThan(0);
    const known = new Set(Object.keys(fields).map(envName));
    for (const name of named) expect(known, name).toContain(name);
  });
});
