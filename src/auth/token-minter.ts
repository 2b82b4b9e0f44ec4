import { SignJWT } from 'jose';
import { hs256Key } from './token-verifier.js';

/** The claims the node's verifier requires, as its settings name them (authIssuer, authAudience, authJurisdictionClaim). */
export interface TokenClaims {
  playerId: string;
  jurisdiction: string;
  ttlSec: number;
  /** `iss` and `aud`, set when not '' (the verifier checks them when configured). */
  issuer: string;
  audience: string;
  jurisdictionClaim: string;
}

export interface MintedToken {
  token: string;
  /** Unix ms of the token's `exp`. */
  expiresAtMs: number;
}

/**
 * Signs an HS256 JWT that a node verifying with the same secret accepts:
 * `sub` the player, the jurisdiction claim, `iat`, `exp`, and `iss`/`aud`
 * where configured. For development (`oddsgate token`) and the embedded
 * demo's tokens; production tokens come from the operator's identity system.
 */
export async function mintHs256Token(secret: string, claims: TokenClaims, nowMs = Date.now()): Promise<MintedToken> {
  const key = hs256Key(secret);
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + claims.ttlSec;
  const jwt = new SignJWT({ [claims.jurisdictionClaim]: claims.jurisdiction }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(claims.playerId).setIssuedAt(iat).setExpirationTime(exp);
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt.setAudience(claims.audience);
  return { token: await jwt.sign(key), expiresAtMs: exp * 1000 };
}
