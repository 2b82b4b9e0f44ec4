import { readFileSync } from 'node:fs';

/** What caps a run on this machine, read before anything starts. */
export interface MachineLimits {
  openFilesSoft: number;
  openFilesHard: number;
  portRange: [number, number];
}

export function readMachineLimits(): MachineLimits {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  const num = (s: string | undefined) => (s === undefined || s === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(s));
  const range = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  return { openFilesSoft: num(m?.[1]), openFilesHard: num(m?.[2]), portRange: [range[0], range[1]] };
}

/** Headroom a client process keeps besides its sockets (stdio, epoll, the binary's own files). */
const FD_HEADROOM = 64;

/**
 * How many client processes and source addresses a run of `clients` needs
 * (each process at most `perProcess` sockets, each source address at most the
 * ephemeral range per server port), or the exact change that lets it run.
 */
export function planClientProcesses(clients: number, perProcess: number, targets: number, limits: MachineLimits): { processes: number; perProcess: number } {
  const fdCap = limits.openFilesHard - FD_HEADROOM;
  if (fdCap < 1) throw new Error(`the open-files limit (${limits.openFilesHard}) leaves no room for sockets: raise it (ulimit -Hn, /etc/security/limits.conf nofile)`);
  const each = Math.min(perProcess, fdCap);
  const ports = limits.portRange[1] - limits.portRange[0] + 1;
  // One process, one source address (127.0.0.x): its connections are spread over the targets, and every
  // (source, target) pair holds at most the ephemeral range.
  const perSourceCap = ports * targets;
  if (each > perSourceCap) {
    throw new Error(
      `clients.perProcess ${each} does not fit the ephemeral port range ${limits.portRange.join('-')} (${ports} ports per source address and server port): ` +
        `lower clients.perProcess to ${perSourceCap}, or widen it: sysctl -w net.ipv4.ip_local_port_range="1024 65535"`,
    );
  }
  return { processes: Math.max(1, Math.ceil(clients / each)), perProcess: each };
}

/** Source address of client process k: 127.0.0.2, .3, ... 127.0.0.251, 127.0.1.2, ... (loopback answers on all of 127/8). */
export function sourceAddress(k: number): string {
  return `127.0.${Math.floor(k / 250)}.${(k % 250) + 2}`;
}
