import { randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { Config } from '../config/schema.js';
import { mintHs256Token, type MintedToken } from './token-minter.js';
import { AuthError, hs256Key } from './token-verifier.js';

/** The jurisdiction of demo players ("ZZ": ISO 3166's code for an unknown country): no real market's core ever sees them. */
export const DEMO_JURISDICTION = 'ZZ';
/** Demo tokens live this long; the page's SDK asks for a new one before it runs out. */
export const DEMO_TOKEN_TTL_SEC = 15 * 60;
/** A demo token this long past its exp still renews (a laptop that slept): the same player keeps their open bets. */
const RENEW_GRACE_SEC = 60 * 60;
const DEMO_PLAYER = /^demo-[0-9a-f]{12}$/;

export interface DemoToken extends MintedToken {
  playerId: string;
  jurisdiction: string;
}

/**
 * Whether this node may hand out demo tokens: only in the embedded default
 * (no redisShards, the in-process reference cores, no `cores`) and never when
 * any real verification key is configured (authHs256Secret,
 * authPublicKeyFile, authJwksFile): a node that verifies real players'
 * tokens must not mint tokens of its own for anyone who asks.
 */
export function demoTokensAllowed(config: Config): boolean {
  return config.redisShards.length === 0 && config.redisCluster.length === 0 && config.cores.length === 0 && !config.authHs256Secret && !config.authPublicKeyFile && !config.authJwksFile;
}

/**
 * Short-lived tokens for random demo players of DEMO_JURISDICTION, signed
 * with an HS256 secret drawn at start and never shown: the node's verifier
 * gets the same secret (main.ts), so they are valid on this process only and
 * die with it.
 */
export class DemoTokens {
  readonly secret = randomBytes(32).toString('base64url');

  constructor(private readonly config: Pick<Config, 'authIssuer' | 'authAudience' | 'authJurisdictionClaim'>) {}

  /**
   * A token for a new demo player, or, given one of this node's demo tokens
   * (renewal), a fresh token for the same player: a bet whose outcome is
   * unknown must be resent by the same player (idempotency keys are per
   * player at the core), so renewal must never change who the player is.
   */
  async issue(renewing?: string, nowMs = Date.now()): Promise<DemoToken> {
    const playerId = renewing ? await this.playerOf(renewing, nowMs) : `demo-${randomBytes(6).toString('hex')}`;
    const minted = await mintHs256Token(
      this.secret,
      { playerId, jurisdiction: DEMO_JURISDICTION, ttlSec: DEMO_TOKEN_TTL_SEC, issuer: this.config.authIssuer, audience: this.config.authAudience, jurisdictionClaim: this.config.authJurisdictionClaim },
      nowMs,
    );
    return { ...minted, playerId, jurisdiction: DEMO_JURISDICTION };
  }

  private async playerOf(token: string, nowMs: number): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, hs256Key(this.secret), { algorithms: ['HS256'], clockTolerance: RENEW_GRACE_SEC, currentDate: new Date(nowMs) });
      if (typeof payload.sub === 'string' && DEMO_PLAYER.test(payload.sub)) return payload.sub;
    } catch (err) {
      throw new AuthError(`not a demo token of this node: ${(err as { code?: string }).code ?? (err as Error).message}`);
    }
    throw new AuthError('not a demo player\'s token');
  }
}
