import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenVerifier } from '../../src/auth/token-verifier.js';
import { cliResult } from '../helpers/cli.js';
import { AUDIENCE, HS_SECRET, ISSUER } from '../helpers/tokens.js';

/** A node's verifier with the settings `oddsgate token` was given. */
function verifier(settings: { issuer?: string; audience?: string; jurisdictionClaim?: string }) {
  return TokenVerifier.create({
    hs256Secret: HS_SECRET,
    publicKeyFile: '',
    publicKeyAlg: 'RS256',
    jwksFile: '',
    issuer: settings.issuer ?? '',
    audience: settings.audience ?? '',
    clockToleranceSec: 0,
    jurisdictionClaim: settings.jurisdictionClaim ?? 'jurisdiction',
  });
}

describe('oddsgate token', () => {
  it('mints a token the node verifies with the same settings: player, jurisdiction, ttl, issuer and audience', async () => {
    const env = { ODDSGATE_AUTH_HS256_SECRET: HS_SECRET, ODDSGATE_AUTH_ISSUER: ISSUER, ODDSGATE_AUTH_AUDIENCE: AUDIENCE };
    const r = await cliResult(['token', '--jurisdiction', 'MT', '--player', 'p-42', '--ttl-sec', '600'], env);
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(r.stdout).toBe(token + '\n');
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'p-42', jurisdiction: 'MT', iss: ISSUER, aud: AUDIENCE });
    expect(claims.exp! - claims.iat!).toBe(600);
    const identity = await (await verifier({ issuer: ISSUER, audience: AUDIENCE })).verify(token);
    expect(identity).toMatchObject({ playerId: 'p-42', jurisdiction: 'MT' });
    // A node expecting another issuer refuses it.
    await expect((await verifier({ issuer: 'someone-else' })).verify(token)).rejects.toThrow(/token rejected/);
  });

  it('puts the jurisdiction under authJurisdictionClaim and defaults the player and ttl', async () => {
    const r = await cliResult(['token', '--jurisdiction', 'US-NJ', '--auth-jurisdiction-claim', 'region'], { ODDSGATE_AUTH_HS256_SECRET: HS_SECRET });
    expect(r.code, r.stderr).toBe(0);
    const claims = decodeJwt(r.stdout.trim());
    expect(claims).toMatchObject({ sub: 'dev-player', region: 'US-NJ' });
    expect(claims.exp! - claims.iat!).toBe(3_600);
    expect(claims.iss).toBeUndefined();
    expect((await (await verifier({ jurisdictionClaim: 'region' })).verify(r.stdout.trim())).jurisdiction).toBe('US-NJ');
  });

  it.each([
    [[], {}, /^oddsgate: oddsgate token needs authHs256Secret \(ODDSGATE_AUTH_HS256_SECRET or --auth-hs256-secret\)/],
    [['--auth-hs256-secret', 'short'], {}, /authHs256Secret \(ODDSGATE_AUTH_HS256_SECRET\): expected at least 32 bytes/],
    [['--player', 'has space'], { ODDSGATE_AUTH_HS256_SECRET: HS_SECRET }, /--player expects 1 to 128 of/],
    [['--port', '1'], { ODDSGATE_AUTH_HS256_SECRET: HS_SECRET }, /oddsgate token does not read the setting --port/],
  ])('refuses %j with one line and exit 2, printing no token', async (args, env, message) => {
    const r = await cliResult(['token', '--jurisdiction', 'MT', ...args], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('needs --jurisdiction, and --help lists its options and the settings it reads', async () => {
    const missing = await cliResult(['token'], { ODDSGATE_AUTH_HS256_SECRET: HS_SECRET });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--jurisdiction expects a code like MT, DE or US-NJ, and oddsgate token needs it/);
    const help = await cliResult(['token', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: oddsgate token --jurisdiction <value>/);
    for (const flag of ['--player', '--ttl-sec  (default 3600)', '--auth-hs256-secret, ODDSGATE_AUTH_HS256_SECRET', '--auth-issuer', '--auth-audience', '--auth-jurisdiction-claim']) expect(help.stdout).toContain(flag);
  });
});
