import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const HS_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';
export const ISSUER = 'oddsgate-tests';
export const AUDIENCE = 'oddsgate-edge';

/** Real keys and real signed tokens for the auth tests; the RS256 public key is written to a PEM file. */
export class TokenFactory {
  private constructor(
    readonly rsaPrivate: CryptoKey,
    readonly rsaPublicPem: string,
    readonly publicKeyFile: string,
  ) {}

  static async create(): Promise<TokenFactory> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const pem = await exportSPKI(publicKey);
    const file = join(mkdtempSync(join(tmpdir(), 'oddsgate-keys-')), 'rs256.pem');
    writeFileSync(file, pem);
    return new TokenFactory(privateKey, pem, file);
  }

  /** Settings for a node that accepts these tokens. */
  authConfig() {
    return { authHs256Secret: HS_SECRET, authPublicKeyFile: this.publicKeyFile, authPublicKeyAlg: 'RS256' as const, authIssuer: ISSUER, authAudience: AUDIENCE };
  }

  hs256(playerId: string, jurisdiction: string, claims: { expiresIn?: string | number | null } = {}): Promise<string> {
    return this.build(playerId, jurisdiction, claims.expiresIn).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(HS_SECRET));
  }

  rs256(playerId: string, jurisdiction: string, claims: { expiresIn?: string | number | null } = {}): Promise<string> {
    return this.build(playerId, jurisdiction, claims.expiresIn).setProtectedHeader({ alg: 'RS256' }).sign(this.rsaPrivate);
  }

  /** HS256 signed with the RS256 public key's PEM as the secret: the algorithm-confusion attack. */
  confused(playerId: string, jurisdiction: string): Promise<string> {
    return this.build(playerId, jurisdiction, '1h').setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(this.rsaPublicPem));
  }

  /** An unsecured JWT (alg: none). */
  none(playerId: string, jurisdiction: string): string {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: playerId, jurisdiction, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 3600 })}.`;
  }

  private build(playerId: string, jurisdiction: string, expiresIn: string | number | null | undefined): SignJWT {
    const jwt = new SignJWT({ jurisdiction }).setSubject(playerId).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt();
    if (expiresIn !== null) jwt.setExpirationTime(expiresIn ?? '1h');
    return jwt;
  }
}
