import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type * as hdr from 'hdr-histogram-js';
import { driftAfterWarmUp } from './drift.js';
import { latencyHistogram, percentiles, recordBuckets, recordValues } from './histograms.js';
import { runHttpLoad } from './http-load.js';
import { LOCAL_ADMIN_TOKEN, LOCAL_HS256_SECRET, LocalFleet } from './local-fleet.js';
import { planClientProcesses, readMachineLimits, sourceAddress } from './machine-limits.js';
import { buildNativeClient, oddsgateArgs, sumStats, WsloadProcess, type WsloadHistogram, type WsloadStats } from './native-driver.js';
import { NodeMetrics } from './node-metrics.js';
import { cpuSeconds, Processes } from './processes.js';
import { peakClients, phaseStarts, totalDurationSec, type Action, type Profile } from './profile.js';
import type { Progress } from './progress.js';
import { ROOT } from './paths.js';
import type { HttpResult, LoadtestResult, PhaseResult, TimelinePoint } from './result.js';
import { sloVerdicts } from './slo.js';

export interface RunOptions {
  profile: Profile;
  profileFile: string;
  log: (line: string) => void;
  progress: (totalSec: number) => Progress;
  /** Resolves when the run must stop early (Ctrl-C). */
  interrupted: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An edge as the native client reaches it: IPv4 host:port, path, TLS or not, and its HTTP base for autocannon. */
async function nativeTarget(url: string): Promise<{ hostPort: string; path: string; http: string; loopback: boolean; tls: boolean; hostname: string }> {
  const u = new URL(url);
  const tls = u.protocol === 'wss:';
  const { address } = await lookup(u.hostname, { family: 4 });
  const port = u.port || (tls ? '443' : '80');
  return { hostPort: `${address}:${port}`, path: `${u.pathname}${u.search}` || '/v1/ws', http: `${tls ? 'https' : 'http'}://${u.hostname}:${port}`, loopback: address.startsWith('127.'), tls, hostname: u.hostname };
}

/** Runs a profile end to end and returns its result (nothing left running when it resolves). */
export async function runProfile(o: RunOptions): Promise<LoadtestResult> {
  const { profile, log } = o;
  const runId = randomBytes(3).toString('hex');
  const limits = readMachineLimits();
  const loadBefore = loadavg();
  const processes = new Processes();
  let stopped = false;
  void o.interrupted.then(() => (stopped = true));
  try {
    const { binary, tls: nativeTls } = buildNativeClient();
    const fleet = profile.targets === 'spawn' ? new LocalFleet(processes, profile) : undefined;
    if (fleet) await fleet.start(log);
    const urls = fleet ? fleet.wsUrls : (profile.targets as string[]);
    const targets = await Promise.all(urls.map(nativeTarget));
    const tls = targets.some((t) => t.tls);
    if (tls && targets.some((t) => !t.tls)) throw new Error('targets mix ws:// and wss://: the native client speaks one of them per run');
    if (tls && !nativeTls) throw new Error('wss:// targets need the native client built with OpenSSL: install its headers (Debian: apt-get install libssl-dev) and run again');
    const clients = peakClients(profile);
    const plan = planClientProcesses(clients, profile.clients.perProcess, targets.length, limits);
    log(`driver: ${plan.processes} native client process(es) of up to ${plan.perProcess} sockets (open files ${limits.openFilesHard}, ports ${limits.portRange.join('-')})`);

    const drivers: WsloadProcess[] = [];
    const shares: number[] = [];
    for (let k = 0, first = 0; k < plan.processes; k++) {
      const conns = Math.min(plan.perProcess, clients - first);
      shares.push(conns);
      drivers.push(
        new WsloadProcess((command, args, options) => processes.start(command, args, options), binary, oddsgateArgs({
          targets: targets.map((t) => t.hostPort),
          path: targets[0].path,
          conns,
          first,
          source: targets.every((t) => t.loopback) ? sourceAddress(k) : undefined,
          tls: tls ? { serverName: targets[0].hostname } : undefined,
          events: profile.feed.events,
          per: profile.clients.subscriptionsPerClient,
          zipf: profile.clients.popularity,
          conflateShare: profile.clients.conflation.share,
          conflateMs: profile.clients.conflation.ms,
          concurrency: Math.max(1, Math.ceil(profile.clients.connectConcurrency / plan.processes)),
        })),
      );
      first += conns;
    }

    const secret = fleet ? LOCAL_HS256_SECRET : process.env[profile.remote?.hs256SecretEnv ?? ''] ?? '';
    const jurisdictions = fleet ? profile.spawn.jurisdictions : (profile.remote?.jurisdictions ?? []);
    const betting = profile.phases.some((p) => p.betsPerClientPerMin > 0);
    if (betting && (!secret || jurisdictions.length === 0)) throw new Error('the profile places bets: with URL targets set remote.hs256SecretEnv (a variable holding the HS256 key) and remote.jurisdictions');
    const bettor = betting ? startBettor(processes, urls, profile, jurisdictions, secret, runId) : undefined;

    const metrics = new NodeMetrics(() => (fleet ? fleet.metricsUrls : (profile.remote?.metricsUrls ?? [])), fleet ? LOCAL_ADMIN_TOKEN : process.env[profile.remote?.adminTokenEnv ?? ''] ?? '');
    const totalSec = totalDurationSec(profile);
    const starts = phaseStarts(profile);
    const phaseHist = profile.phases.map(() => ({ fanout: latencyHistogram(), bet: latencyHistogram() }));
    const all = { fanout: latencyHistogram(), bet: latencyHistogram(), connect: latencyHistogram(), conflated: latencyHistogram() };
    const second = { fanout: latencyHistogram(), bet: latencyHistogram() };
    const timeline: TimelinePoint[] = [];
    const actions: Array<{ atSec: number; what: string }> = [];
    const httpResults: Array<HttpResult & { sent: number }> = [];
    const outcomes: Record<string, number> = {};
    const pending: Array<Promise<unknown>> = [];
    const view = o.progress(totalSec);
    const note = (line: string) => view.note(line);

    let phaseIndex = -1;
    const enterPhase = (i: number) => {
      phaseIndex = i;
      const p = profile.phases[i];
      fleet?.setOdds(p.oddsPerSec * p.spike, p.goalsPerMin);
      drivers.forEach((d, k) => {
        d.tell(`o ${Math.round((p.clients * shares[k]) / clients)}`);
        d.tell(`r ${(p.arrivalPerSec * shares[k]) / clients}`);
        d.tell(`c ${p.churnPerMin}`);
      });
      note(`phase ${p.name}: ${p.clients} clients at ${p.arrivalPerSec}/s, odds ${p.oddsPerSec * p.spike}/s${p.spike > 1 ? ` (${p.spike}x)` : ''}, ${p.goalsPerMin} goals/min, ${p.betsPerClientPerMin} bets per client per minute, churn ${p.churnPerMin * 100}%/min`);
    };

    const t0 = performance.now();
    const elapsed = () => (performance.now() - t0) / 1000;
    const timers: NodeJS.Timeout[] = [];
    for (const a of profile.actions) timers.push(setTimeout(() => pending.push(runAction(a, fleet!, elapsed, actions, note)), a.atSec * 1000));
    for (const h of profile.http) {
      timers.push(
        setTimeout(() => {
          const base = h.target === 'core' ? [...fleet!.cores.values()][0].url : targets[0].http;
          note(`http: ${h.target} on ${base} for ${h.durationSec} s with ${h.connections} connections (autocannon)`);
          pending.push(runHttpLoad(h, base, runId, jurisdictions[0] ?? 'MT').then((r) => httpResults.push(r), (err: Error) => note(`http ${h.target} failed: ${err.message}`)));
        }, h.atSec * 1000),
      );
    }

    let prev: WsloadStats | undefined;
    let prevPublished = fleet?.published ?? 0;
    let prevDriverCpu = driverCpu(processes, drivers, bettor);
    let prevAt = performance.now();
    let stats: WsloadStats | undefined;
    enterPhase(0);
    for (let tick = 1; !stopped; tick++) {
      await Promise.race([sleep(Math.max(0, t0 + tick * 1000 - performance.now())), o.interrupted]);
      if (stopped) break;
      const t = elapsed();
      const due = starts.filter((s) => s <= t).length - 1;
      if (t >= totalSec) break;
      if (due !== phaseIndex) enterPhase(due);
      metrics.scrape();
      const [parts, hists, bets] = await Promise.all([Promise.all(drivers.map((d) => d.ask<WsloadStats>('s'))), Promise.all(drivers.map((d) => d.ask<WsloadHistogram>('h'))), bettor?.read()]);
      stats = sumStats(parts);
      for (const h of hists) recordBuckets(h.buckets, second.fanout, all.fanout, phaseHist[phaseIndex].fanout);
      if (bets) {
        recordValues(bets.roundTrips, second.bet, all.bet, phaseHist[phaseIndex].bet);
        for (const [k, v] of Object.entries(bets.answers)) outcomes[k] = (outcomes[k] ?? 0) + v;
      }
      const p = profile.phases[phaseIndex];
      bettor?.setRate((p.betsPerClientPerMin * stats.ready) / 60);
      const now = performance.now();
      const dt = (now - prevAt) / 1000;
      const cpuNow = driverCpu(processes, drivers, bettor);
      const server = metrics.current();
      const point: TimelinePoint = {
        t: Math.round(t * 10) / 10,
        phase: p.name,
        clients: stats.ready,
        connecting: stats.connecting,
        deliveriesPerSec: (stats.odds - (prev?.odds ?? 0)) / dt,
        publishedPerSec: ((fleet?.published ?? 0) - prevPublished) / dt,
        betsPerSec: (bets?.roundTrips.length ?? 0) / dt,
        reconnectsPerSec: (stats.reconnects + stats.churned + stats.moves - ((prev?.reconnects ?? 0) + (prev?.churned ?? 0) + (prev?.moves ?? 0))) / dt,
        fanoutP50Ms: percentiles(second.fanout).p50,
        fanoutP99Ms: percentiles(second.fanout).p99,
        betP50Ms: percentiles(second.bet).p50,
        betP99Ms: percentiles(second.bet).p99,
        errors: stats.missing + stats.dups + stats.errors + stats.resumeMismatch,
        serverCpuPct: server.cpuPct ?? null,
        serverRssMb: server.rssMb ?? null,
        eventLoopP99Ms: server.eventLoopP99Ms ?? null,
        driverCpuPct: ((cpuNow - prevDriverCpu) / dt) * 100,
      };
      second.fanout.reset();
      second.bet.reset();
      timeline.push(point);
      view.update(point);
      prev = stats;
      prevPublished = fleet?.published ?? 0;
      prevDriverCpu = cpuNow;
      prevAt = now;
    }
    for (const timer of timers) clearTimeout(timer);
    const ranSec = elapsed();

    // The end: no new bets; open ones get their answers; what the clients saw, counted once more.
    fleet?.setOdds(0, 0);
    const finalBets = bettor ? await bettor.finish() : undefined;
    if (finalBets) for (const [k, v] of Object.entries(finalBets.answers)) outcomes[k] = (outcomes[k] ?? 0) + v;
    if (finalBets) recordValues(finalBets.roundTrips, all.bet, phaseHist[Math.max(0, phaseIndex)].bet);
    await sleep(500);
    const ask = <T>(command: 's' | 'h' | 'k' | 'j') => Promise.all(drivers.map((d) => d.ask<T>(command)));
    const [finalParts, lastHists, connectHists, conflatedHists] = await Promise.all([ask<WsloadStats>('s'), ask<WsloadHistogram>('h'), ask<WsloadHistogram>('k'), ask<WsloadHistogram>('j')]);
    stats = sumStats(finalParts);
    for (const h of lastHists) recordBuckets(h.buckets, all.fanout, phaseHist[Math.max(0, phaseIndex)].fanout);
    for (const h of connectHists) recordBuckets(h.buckets, all.connect);
    for (const h of conflatedHists) recordBuckets(h.buckets, all.conflated);
    view.stop();
    if (pending.length > 0) {
      log(`waiting for ${pending.length} action(s) and HTTP load(s) to finish`);
      await Promise.allSettled(pending);
    }

    // Bets against the reference cores' records: every accepted bet of a sample must be held as accepted, and
    // the cores must hold no more records than the keys sent (the bettor's and autocannon's).
    let checkedAtCore = 0;
    let missingAtCore = 0;
    let coreCreated: number | null = null;
    if (fleet && finalBets) {
      for (const [playerId, key] of finalBets.sample) {
        const index = Number(/-p(\d+)$/.exec(playerId)?.[1]);
        checkedAtCore++;
        if (!(await fleet.coreHoldsAccepted(jurisdictions[index % jurisdictions.length], playerId, key))) missingAtCore++;
      }
      coreCreated = (await fleet.coreStats()).created ?? 0;
    }
    const httpCoreSent = httpResults.filter((h) => h.target === 'core').reduce((s, h) => s + h.sent, 0);
    const doubled = coreCreated === null || !finalBets ? 0 : Math.max(0, coreCreated - finalBets.keys - httpCoreSent);
    const serverPoints = timeline.filter((p) => p.serverRssMb !== null);
    const cpuPoints = timeline.filter((p) => p.serverCpuPct !== null);
    const placed = finalBets?.keys ?? 0;
    const noDecision = Object.entries(outcomes)
      .filter(([k]) => k === 'UNKNOWN' || k === 'REJECTED CORE_UNAVAILABLE')
      .reduce((s, [, v]) => s + v, 0);
    const answered = Object.values(outcomes).reduce((s, v) => s + v, 0);
    const attempts = stats.opened + stats.failed;

    const totals: LoadtestResult['totals'] = {
      fanout: percentiles(all.fanout),
      bet: percentiles(all.bet),
      connect: percentiles(all.connect),
      conflatedFanout: percentiles(all.conflated),
      clients: {
        peak: Math.max(0, ...timeline.map((p) => p.clients)),
        connectAttempts: stats.opened + stats.connectErrors,
        opened: stats.opened,
        gaveUp: stats.failed,
        successPct: attempts === 0 ? 0 : (stats.opened / attempts) * 100,
        reconnects: stats.reconnects,
        churned: stats.churned,
        drainMoves: stats.moves,
      },
      updates: {
        received: stats.odds,
        lost: stats.missing + stats.resumeMismatch,
        duplicated: stats.dups,
        gapEvents: stats.gapEvents,
        replaces: stats.replaces,
        resumeMismatch: stats.resumeMismatch,
        errorFrames: stats.errors,
        firstError: stats.firstError,
      },
      bets: {
        placed,
        accepted: finalBets?.accepted ?? 0,
        rejected: finalBets?.rejected ?? 0,
        decidedAfterResend: finalBets?.decidedAfterResend ?? 0,
        undecided: finalBets?.undecided ?? 0,
        lost: (finalBets?.undecided ?? 0) + missingAtCore,
        doubled,
        checkedAtCore,
        missingAtCore,
        coreCreated,
        failurePct: answered === 0 ? 0 : (noDecision / answered) * 100,
      },
      outcomes,
      budgetViolations: metrics.budgetViolations() ?? null,
      server: {
        cpuPctMean: cpuPoints.length ? cpuPoints.reduce((s, p) => s + p.serverCpuPct!, 0) / cpuPoints.length : null,
        rssMbFirst: serverPoints[0]?.serverRssMb ?? null,
        rssMbLast: serverPoints.at(-1)?.serverRssMb ?? null,
        eventLoopP99MsMax: serverPoints.length ? Math.max(...serverPoints.map((p) => p.eventLoopP99Ms ?? 0)) : null,
      },
      driverCpuPctMean: timeline.length ? timeline.reduce((s, p) => s + p.driverCpuPct, 0) / timeline.length : 0,
      driverCpuPctMax: Math.max(0, ...timeline.map((p) => p.driverCpuPct)),
      drift: driftAfterWarmUp(timeline, profile.phases.length > 1 ? starts[1] : undefined),
    };
    const phases: PhaseResult[] = profile.phases.map((p, i) => ({ name: p.name, startSec: starts[i], endSec: starts[i] + p.durationSec, fanout: percentiles(phaseHist[i].fanout), bet: percentiles(phaseHist[i].bet) }));
    const slo = sloVerdicts(profile.slo, totals);
    return {
      version: 1,
      profile: { name: profile.name, description: profile.description, file: o.profileFile },
      startedAt: new Date(Date.now() - ranSec * 1000).toISOString(),
      durationSec: Math.round(ranSec * 10) / 10,
      interrupted: stopped,
      machine: { cores: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg(), openFiles: limits.openFilesHard, portRange: limits.portRange },
      targets: urls,
      driver: { clientProcesses: plan.processes, perProcess: plan.perProcess, bettorConnections: bettor ? profile.bets.connections : 0, bets: 'node worker pool over the real protocol' },
      phases,
      actions,
      timeline,
      totals,
      http: httpResults.map(({ sent: _sent, ...h }) => h),
      slo,
      passed: !stopped && slo.every((v) => v.ok),
    };
  } finally {
    await processes.stopAll();
  }
}

/** CPU seconds of the load generator: the native clients, the bettor pool and this process. */
function driverCpu(processes: Processes, drivers: WsloadProcess[], bettor: Bettor | undefined): number {
  const own = process.cpuUsage();
  const pids = [...drivers.map((d) => d.pid), bettor?.pid].filter((p): p is number => p !== undefined && processes.pids().includes(p));
  return cpuSeconds(pids) + (own.user + own.system) / 1e6;
}

async function runAction(a: Action, fleet: LocalFleet, elapsed: () => number, actions: Array<{ atSec: number; what: string }>, note: (line: string) => void): Promise<void> {
  const record = (what: string) => {
    actions.push({ atSec: Math.round(elapsed() * 10) / 10, what });
    note(`action at ${elapsed().toFixed(1)} s: ${what}`);
  };
  try {
    if (a.drainNode !== undefined) {
      record(`drain node ${a.drainNode} (${fleet.nodes[a.drainNode].id}, SIGTERM: paced drain)`);
      fleet.drainNode(a.drainNode);
    } else if (a.restartShard !== undefined) {
      record(`restart shard ${a.restartShard} (killed, started empty on the same port)`);
      await fleet.restartShard(a.restartShard);
    } else if (a.slowCore) {
      const { jurisdiction, latencyMs, forSec } = a.slowCore;
      record(`core ${jurisdiction} slow: ${latencyMs} ms for ${forSec} s`);
      await fleet.slowCore(jurisdiction, latencyMs);
      await sleep(forSec * 1000);
      await fleet.restoreCore(jurisdiction);
      record(`core ${jurisdiction} back to normal`);
    } else if (a.hangCore) {
      const { jurisdiction, forSec } = a.hangCore;
      record(`core ${jurisdiction} hangs (SIGSTOP) for ${forSec} s`);
      fleet.hangCore(jurisdiction, true);
      await sleep(forSec * 1000);
      fleet.hangCore(jurisdiction, false);
      record(`core ${jurisdiction} continues (SIGCONT)`);
    }
  } catch (err) {
    note(`action failed: ${(err as Error).message}`);
  }
}

interface BettorRead {
  roundTrips: number[];
  answers: Record<string, number>;
}
interface BettorFinal {
  accepted: number;
  rejected: number;
  decidedAfterResend: number;
  keys: number;
  undecided: number;
  sample: Array<[string, string]>;
}
interface Bettor {
  pid: number | undefined;
  setRate(betsPerSec: number): void;
  read(): Promise<BettorRead>;
  finish(): Promise<BettorFinal & BettorRead>;
}

function startBettor(processes: Processes, urls: string[], profile: Profile, jurisdictions: string[], secret: string, runId: string): Bettor {
  const mix = JSON.stringify({ stakes: profile.bets.stakes, pricePolicy: profile.bets.pricePolicy });
  const child: ChildProcess = processes.start(process.execPath, [join(ROOT, 'dist/src/loadtest/bettor-process.js'), urls.join(','), String(profile.bets.connections), String(profile.feed.events), jurisdictions.join(','), mix, runId], {
    cwd: ROOT,
    env: { ...process.env, LOADTEST_HS256_SECRET: secret },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: Array<(line: string | undefined) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.(line));
  child.once('exit', () => {
    for (const w of waiting.splice(0)) w(undefined);
  });
  const ask = <T>(command: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null) return reject(new Error('the bettor pool has exited'));
      const timer = setTimeout(() => reject(new Error(`the bettor pool did not answer '${command}'`)), timeoutMs);
      waiting.push((line) => {
        clearTimeout(timer);
        if (line === undefined) reject(new Error('the bettor pool exited'));
        else resolve(JSON.parse(line) as T);
      });
      child.stdin!.write(`${command}\n`);
    });
  return {
    pid: child.pid,
    setRate: (betsPerSec) => child.stdin!.write(`r ${betsPerSec}\n`),
    read: () => ask<BettorRead>('h', 10_000),
    async finish() {
      // The answers up to now, then those that came while open bets were waited for.
      const last = await ask<BettorRead>('h', 10_000);
      const end = await ask<BettorFinal & BettorRead>('f', 30_000);
      const answers = { ...last.answers };
      for (const [k, v] of Object.entries(end.answers)) answers[k] = (answers[k] ?? 0) + v;
      return { ...end, roundTrips: [...last.roundTrips, ...end.roundTrips], answers };
    },
  };
}
