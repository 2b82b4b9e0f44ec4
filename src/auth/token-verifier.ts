import { readFileSync } from 'node:fs';
import { createLocalJWKSet, decodeProtectedHeader, importSPKI, jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ConfigError, OddsgateError } from '../errors.js';

/** Who a verified token says the player is. */
export interface Identity {
  playerId: string;
  jurisdiction: string;
  /** Unix ms after which this verifier refuses the token (exp plus the clock tolerance). */
  expiresAtMs: number;
}

/** The token is missing, forged, expired or unacceptable. The message is for logs; it never holds the token. */
export class AuthError extends OddsgateError {
  constructor(message: string) {
    super('OG_UNAUTHENTICATED', message);
  }
}

export interface TokenVerifierOptions {
  /** HS256 shared secret (at least 32 bytes), or ''. */
  hs256Secret: string;
  /** PEM (SPKI) public key file for `publicKeyAlg`, or ''. */
  publicKeyFile: string;
  publicKeyAlg: 'RS256' | 'ES256';
  /** JWKS file (each key pinned to its `alg`), or ''. */
  jwksFile: string;
  issuer: string;
  audience: string;
  clockToleranceSec: number;
  jurisdictionClaim: string;
}

/** What a token's `sub` must look like (a player id), and its jurisdiction claim. */
export const PLAYER_ID = /^[A-Za-z0-9_.:@-]{1,128}$/;
export const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** The HS256 key of a secret, refused under 32 bytes (RFC 7518 §3.2: at least the hash's size). */
export function hs256Key(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.length < 32) throw new ConfigError('invalid setting authHs256Secret (ODDSGATE_AUTH_HS256_SECRET): expected at least 32 bytes');
  return key;
}

/**
 * Verifies players' JWTs with jose. Every key is pinned to one algorithm:
 * the HS256 secret verifies only HS256, a public key only its RS256/ES256,
 * JWKS keys only the alg they declare. So `alg: none` and HS256 signed with
 * a public key (the classic confusion) find no key. `exp` is required (jose
 * would accept a token without it), as are `sub` and the jurisdiction claim;
 * issuer and audience are checked when configured.
 */
export class TokenVerifier {
  private constructor(
    private readonly options: TokenVerifierOptions,
    private readonly hmacKey: Uint8Array | undefined,
    private readonly publicKey: CryptoKey | undefined,
    private readonly jwks: JWTVerifyGetKey | undefined,
  ) {}

  static async create(options: TokenVerifierOptions): Promise<TokenVerifier> {
    const hmacKey = options.hs256Secret ? hs256Key(options.hs256Secret) : undefined;
    let publicKey: CryptoKey | undefined;
    if (options.publicKeyFile) {
      try {
        publicKey = (await importSPKI(readFileSync(options.publicKeyFile, 'utf8'), options.publicKeyAlg)) as CryptoKey;
      } catch (err) {
        throw new ConfigError(`invalid setting authPublicKeyFile (ODDSGATE_AUTH_PUBLIC_KEY_FILE): cannot load a ${options.publicKeyAlg} SPKI PEM key from ${options.publicKeyFile}: ${(err as Error).message}`);
      }
    }
    let jwks: JWTVerifyGetKey | undefined;
    if (options.jwksFile) {
      try {
        jwks = createLocalJWKSet(JSON.parse(readFileSync(options.jwksFile, 'utf8')));
      } catch (err) {
        throw new ConfigError(`invalid setting authJwksFile (ODDSGATE_AUTH_JWKS_FILE): cannot load a JWKS from ${options.jwksFile}: ${(err as Error).message}`);
      }
    }
    return new TokenVerifier(options, hmacKey, publicKey, jwks);
  }

  /** Whether any key is configured (without one, nobody can bet). */
  get enabled(): boolean {
    return this.hmacKey !== undefined || this.publicKey !== undefined || this.jwks !== undefined;
  }

  async verify(token: string): Promise<Identity> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthError('token is not a JWS');
    }
    const verifyOptions = {
      issuer: this.options.issuer || undefined,
      audience: this.options.audience || undefined,
      clockTolerance: this.options.clockToleranceSec,
      requiredClaims: ['exp', 'sub', this.options.jurisdictionClaim],
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && this.hmacKey) {
        payload = (await jwtVerify(token, this.hmacKey, { ...verifyOptions, algorithms: ['HS256'] })).payload;
      } else if (alg === this.options.publicKeyAlg && this.publicKey) {
        payload = (await jwtVerify(token, this.publicKey, { ...verifyOptions, algorithms: [this.options.publicKeyAlg] })).payload;
      } else if ((alg === 'RS256' || alg === 'ES256') && this.jwks) {
        payload = (await jwtVerify(token, this.jwks, { ...verifyOptions, algorithms: ['RS256', 'ES256'] })).payload;
      } else {
        throw new AuthError(`no key accepts alg ${JSON.stringify(alg)}`);
      }
    } catch (err) {
      if (err instanceof AuthError) throw err;
      throw new AuthError(`token rejected: ${(err as { code?: string }).code ?? (err as Error).message}`);
    }
    const jurisdiction = payload[this.options.jurisdictionClaim];
    if (typeof payload.sub !== 'string' || !PLAYER_ID.test(payload.sub)) throw new AuthError('token sub is not a player id');
    if (typeof jurisdiction !== 'string' || !JURISDICTION.test(jurisdiction)) throw new AuthError(`token ${this.options.jurisdictionClaim} is not a jurisdiction code`);
    return { playerId: payload.sub, jurisdiction, expiresAtMs: (payload.exp! + this.options.clockToleranceSec) * 1000 };
  }
}
