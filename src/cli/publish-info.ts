import { readFileSync } from 'node:fs';
import type { commands } from '../config/commands.js';
import type { FieldValues } from '../config/field.js';
import type { Config } from '../config/schema.js';
import { InvalidEventInfoError } from '../errors.js';
import { encodeInfoPayload, type EventInfoInput } from '../feed/event-info.js';
import { EventPhase } from '../protocol/wire.js';
import { withOneShotPublisher } from './publish.js';

type PublishInfoOptions = FieldValues<(typeof commands)['publish-info']['options']>;

/**
 * `oddsgate publish-info --info '{"eventId":...}'` (or `--info @file.json`):
 * publishes one event's display data and prints its version as JSON. The
 * publisher checks it (InvalidEventInfoError names the field).
 */
export async function publishInfo(config: Config, o: PublishInfoOptions): Promise<void> {
  const info = readInfo(o.info);
  encodeInfoPayload(info); // checked before connecting: bad input fails at once, without Redis
  await withOneShotPublisher(config, 'publish-info', async (publisher) => {
    const { version } = await publisher.publishInfo(info);
    process.stdout.write(JSON.stringify({ eventId: info.eventId, shard: publisher.shardFor(info.eventId), version }) + '\n');
  });
}

/** The JSON of --info (inline or @file), with a phase name (pre_match, live, break, ended) turned into the enum. */
function readInfo(text: string): EventInfoInput {
  let json: string;
  try {
    json = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text;
  } catch (err) {
    throw new InvalidEventInfoError(`--info: cannot read ${text.slice(1)}: ${(err as Error).message}`);
  }
  let info: Omit<EventInfoInput, 'phase'> & { phase: EventPhase | string };
  try {
    info = JSON.parse(json);
  } catch (err) {
    throw new InvalidEventInfoError(`--info is not JSON: ${(err as Error).message}`);
  }
  if (typeof info !== 'object' || info === null || Array.isArray(info)) throw new InvalidEventInfoError('--info must be a JSON object');
  if (typeof info.phase === 'string') {
    const phase = EventPhase[`EVENT_PHASE_${info.phase.toUpperCase()}` as keyof typeof EventPhase];
    if (phase === undefined || info.phase.toLowerCase() === 'unspecified') throw new InvalidEventInfoError(`--info: phase ${JSON.stringify(info.phase)} is not pre_match, live, break or ended`);
    info.phase = phase;
  }
  return info as EventInfoInput; // checked field by field by the publisher
}
