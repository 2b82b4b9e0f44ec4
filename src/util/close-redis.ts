import type { Cluster, Redis } from 'ioredis';

/** A QUIT that has not been answered by then is given up: the connection is dropped. */
const QUIT_TIMEOUT_MS = 1_000;

/**
 * Closes an ioredis connection without ever hanging: QUIT when it is
 * connected (pending replies arrive first), otherwise — Redis down,
 * reconnecting — drop it at once. A plain quit() on a connection that is
 * reconnecting waits in the offline queue for a Redis that may never come
 * back (`oddsgate simulate` hung on SIGTERM that way).
 */
export async function closeRedis(client: Redis | Cluster): Promise<void> {
  if (client.status !== 'ready') return client.disconnect();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUIT_TIMEOUT_MS)));
  try {
    await Promise.race([client.quit().then(() => undefined), timeout]);
  } catch {
    // The connection broke while quitting: dropping it below is all that is left to do.
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
