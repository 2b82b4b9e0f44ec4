import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILES_DIR } from '../../src/loadtest/paths.js';
import { loadProfile, parseProfile } from '../../src/loadtest/profile-file.js';
import { peakClients, phaseStarts, totalDurationSec } from '../../src/loadtest/profile.js';
import { planClientProcesses, sourceAddress } from '../../src/loadtest/machine-limits.js';

const minimal = `name: t
phases:
  - name: only
    durationSec: 10
    clients: 100
    oddsPerSec: 50
`;

describe('load profiles', () => {
  it('the shipped profiles (smoke, match-day, soak, example) all validate', () => {
    const names = readdirSync(PROFILES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(names).toEqual(expect.arrayContaining(['smoke', 'match-day', 'soak', 'example']));
    for (const name of names) expect(loadProfile(name).profile.name).toBe(name);
  });

  it('fills defaults: spawn locally, popularity curve, SLOs only as stated', () => {
    const p = parseProfile(minimal, 't.yaml');
    expect(p.targets).toBe('spawn');
    expect(p.clients.popularity).toBe(1);
    expect(p.phases[0]).toMatchObject({ spike: 1, arrivalPerSec: 500, betsPerClientPerMin: 0, churnPerMin: 0 });
    expect(p.slo).toEqual({});
  });

  it('phase starts, duration and peak clients follow the phases', () => {
    const p = parseProfile(`${minimal}  - name: second\n    durationSec: 5\n    clients: 300\n    oddsPerSec: 10\n`, 't.yaml');
    expect(phaseStarts(p)).toEqual([0, 10]);
    expect(totalDurationSec(p)).toBe(15);
    expect(peakClients(p)).toBe(300);
  });

  it.each([
    [minimal.replace('durationSec: 10', 'durationSec: ten'), /^t\.yaml:4: phases\[0\]\.durationSec: .*number/],
    [minimal.replace('oddsPerSec: 50', 'oddsPerSec: 50\n    bogus: 1'), /^t\.yaml:3: phases\[0\]: unknown field bogus/],
    [`${minimal}actions:\n  - atSec: 5\n    drainNode: 3\n`, /^t\.yaml:9: actions\[0\]\.drainNode: no node 3: spawn\.nodes is 1/],
    [`${minimal}actions:\n  - atSec: 5\n`, /^t\.yaml:8: actions\[0\]: an action is exactly one of drainNode, restartShard, slowCore, hangCore/],
    [`${minimal}actions:\n  - atSec: 50\n    restartShard: 0\n`, /^t\.yaml:8: actions\[0\]\.atSec: after the last phase ends \(10 s\)/],
    [minimal.replace('name: t', 'name: t\ntargets: [http://edge:80]'), /^t\.yaml:2: targets\[0\]: a ws:\/\/ or wss:\/\/ URL/],
    [`${minimal}slo:\n  fanoutP99Ms: -1\n`, /^t\.yaml:8: slo\.fanoutP99Ms: /],
    ['name: t\nphases: [\n', /^t\.yaml:\d+: not valid YAML/],
  ])('refuses a bad profile naming the file, the line and the field (%#)', (text, message) => {
    expect(() => parseProfile(text, 't.yaml')).toThrow(message);
  });

  it('an unknown profile name lists the shipped ones', () => {
    expect(() => loadProfile('no-such-profile')).toThrow(/no profile "no-such-profile" .*smoke/);
  });
});

describe('client processes', () => {
  const limits = { openFilesSoft: 20_000, openFilesHard: 20_000, portRange: [32_768, 60_999] as [number, number] };

  it('spreads 50,000 clients over processes under the open-files limit, each on its own loopback source', () => {
    expect(planClientProcesses(50_000, 15_000, 1, limits)).toEqual({ processes: 4, perProcess: 15_000 });
    expect(planClientProcesses(50_000, 19_999, 1, limits).perProcess).toBe(20_000 - 64);
    expect([0, 1, 249, 250].map(sourceAddress)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.251', '127.0.1.2']);
  });

  it('says what to change when the machine caps the run', () => {
    expect(() => planClientProcesses(10, 15_000, 1, { ...limits, openFilesHard: 50 })).toThrow(/open-files limit \(50\).*ulimit -Hn/);
    expect(() => planClientProcesses(10_000, 15_000, 1, { ...limits, portRange: [60_000, 60_999] })).toThrow(/lower clients\.perProcess to 1000.*sysctl -w net\.ipv4\.ip_local_port_range/);
  });
});
