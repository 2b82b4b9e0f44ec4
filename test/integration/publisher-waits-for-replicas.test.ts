import { afterEach, describe, expect, it } from 'vitest';
import { PublishNotReplicatedError } from '../../src/errors.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { storedSnapshot, update } from '../helpers/feeds.js';
import { waitUntil } from '../helpers/ports.js';
import { RedisServer } from '../helpers/redis-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

describe('publishWaitReplicas (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a publish returns once the replica holds it; one the replica cannot acknowledge in time fails with PUBLISH_NOT_REPLICATED, written on the primary all the same', async () => {
    const primary = await RedisServer.start();
    cleanups.push(() => primary.stop());
    const link = new TcpProxy(primary.port);
    await link.start();
    cleanups.push(() => link.stop());
    const replica = await RedisServer.start({ replicaOf: link.port });
    cleanups.push(() => replica.stop());
    const replicaClient = replica.client();
    cleanups.push(async () => replicaClient.disconnect());
    await waitUntil(async () => /master_link_status:up/.test(await replicaClient.info('replication')), 20_000, 'replica in sync');

    const keyPrefix = 'pw:';
    const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url: primary.url }], keyPrefix, streamMaxLen: 100, heartbeatMs: 0, waitReplicas: 1, waitTimeoutMs: 5_000 });
    await publisher.start();
    cleanups.push(() => publisher.stop());

    const first = await publisher.publish(update('ev-w', 'm0', 1_500));
    // Acknowledged by WAIT: the replica holds it the moment publish() returns.
    expect((await storedSnapshot(replicaClient, keyPrefix, 'ev-w')).seq).toBe(first.seq);

    // The timeout is the outer bound of a replica that acknowledges (300 ms failed a loaded run); one cut off never does.
    link.blackhole();
    const refused = await publisher.publish(update('ev-w', 'm0', 1_501)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(PublishNotReplicatedError);
    expect(refused).toMatchObject({ code: 'OG_PUBLISH_NOT_REPLICATED', shard: 'a', acknowledged: 0, wanted: 1 });
    const admin = primary.client();
    cleanups.push(async () => admin.disconnect());
    expect((await storedSnapshot(admin, keyPrefix, 'ev-w')).seq, 'on the primary all the same').toBe(first.seq + 1);
    expect((await storedSnapshot(replicaClient, keyPrefix, 'ev-w')).seq, 'not on the replica').toBe(first.seq);

    link.heal();
    expect((await publisher.publish(update('ev-w', 'm0', 1_502))).seq).toBe(first.seq + 2);
  });
});
