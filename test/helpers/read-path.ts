import { fields, type Config } from '../../src/config/schema.js';

/**
 * The feed read path (feedReadPath) the Redis tests run their nodes on: the
 * default, or OG_TEST_FEED_READ_PATH=streams|log to run the same files on
 * the other one. Both paths must pass while both exist (one release:
 * loadtest/read-path/DESIGN.md, Rollout); loadConfig refuses any other value.
 */
export const readPathUnderTest: Partial<Pick<Config, 'feedReadPath'>> = process.env.OG_TEST_FEED_READ_PATH
  ? { feedReadPath: process.env.OG_TEST_FEED_READ_PATH as Config['feedReadPath'] }
  : {};

/** The same as ODDSGATE_* variables, for nodes run as processes. */
export const readPathEnv: Record<string, string> = readPathUnderTest.feedReadPath ? { ODDSGATE_FEED_READ_PATH: readPathUnderTest.feedReadPath } : {};

/** The read path the Redis tests' nodes run on, the default included. */
export const testReadPath: Config['feedReadPath'] = readPathUnderTest.feedReadPath ?? fields.feedReadPath.default;
