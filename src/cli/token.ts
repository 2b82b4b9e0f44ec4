import { mintHs256Token } from '../auth/token-minter.js';
import type { commands } from '../config/commands.js';
import type { FieldValues } from '../config/field.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';

type TokenOptions = FieldValues<(typeof commands)['token']['options']>;

/**
 * `oddsgate token --jurisdiction MT [--player p1] [--ttl-sec 3600]`: prints
 * one HS256 JWT that nodes configured with the same authHs256Secret (and
 * authIssuer, authAudience, authJurisdictionClaim) accept, for development
 * and tests against a real node. Production tokens come from the operator's
 * identity system.
 */
export async function tokenCommand(config: Config, o: TokenOptions): Promise<void> {
  if (!config.authHs256Secret) {
    throw new ConfigError('oddsgate token needs authHs256Secret (ODDSGATE_AUTH_HS256_SECRET or --auth-hs256-secret): the HS256 secret the nodes verify tokens with');
  }
  const { token } = await mintHs256Token(config.authHs256Secret, {
    playerId: o.player,
    jurisdiction: o.jurisdiction,
    ttlSec: o.ttlSec,
    issuer: config.authIssuer,
    audience: config.authAudience,
    jurisdictionClaim: config.authJurisdictionClaim,
  });
  process.stdout.write(token + '\n');
}
