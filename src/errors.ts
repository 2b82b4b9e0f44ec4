/**
 * Errors a caller must tell apart. Every error has a stable string `code`
 * (prefix OG_) that logs and tests match on; messages name the setting or
 * input to change.
 */
export class OddsgateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A configuration value is missing or invalid: the process must not start. */
export class ConfigError extends OddsgateError {
  constructor(message: string) {
    super('OG_CONFIG', message);
  }
}

/** The event has no stream on its shard (never published, or a typo). */
export class UnknownEventError extends OddsgateError {
  constructor(readonly eventId: string) {
    super('OG_UNKNOWN_EVENT', `event ${JSON.stringify(eventId)} has no odds stream`);
  }
}

/** The shard that holds an event cannot be reached right now. */
export class FeedUnavailableError extends OddsgateError {
  constructor(readonly shard: string, options?: { cause?: unknown }) {
    super('OG_FEED_UNAVAILABLE', `feed shard ${shard} is unreachable`, options);
  }
}

/** A stream entry or snapshot in Redis does not have the oddsgate format. */
export class FeedFormatError extends OddsgateError {
  constructor(message: string) {
    super('OG_FEED_FORMAT', message);
  }
}

/** Display data (EventInfo) given to a publisher is invalid. */
export class InvalidEventInfoError extends OddsgateError {
  constructor(message: string) {
    super('OG_INVALID_EVENT_INFO', message);
  }
}

/** Display data read back from a store is not in the oddsgate format: logged and counted, the event keeps its previous info. */
export class EventInfoFormatError extends FeedFormatError {}

/**
 * A publish written on the shard's primary that fewer replicas than
 * publishWaitReplicas acknowledged within publishWaitTimeoutMs: the update
 * is in the stream now, but a failover may lose it. Retrying publishes the
 * market's price again under a new seq.
 */
export class PublishNotReplicatedError extends OddsgateError {
  constructor(
    readonly shard: string,
    readonly acknowledged: number,
    readonly wanted: number,
  ) {
    super('OG_PUBLISH_NOT_REPLICATED', `publish on shard ${shard} reached ${acknowledged} of ${wanted} replicas in time (publishWaitReplicas, publishWaitTimeoutMs): a failover may lose it`);
  }
}

/** An odds update given to a publisher is invalid. */
export class InvalidUpdateError extends OddsgateError {
  constructor(message: string) {
    super('OG_INVALID_UPDATE', message);
  }
}
