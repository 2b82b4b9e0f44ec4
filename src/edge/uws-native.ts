import uWS from 'uWebSockets.js';
import { OddsgateError } from '../errors.js';

/** The uWS build's native binary did not load: the node must not start. */
export class UwsNativeError extends OddsgateError {
  constructor(message: string) {
    super('OG_UWS_NATIVE', message);
  }
}

/**
 * The uWS package falls back to a JavaScript imitation when its native
 * binary does not match the Node ABI (Node 22 and later with this build):
 * the node would start and answer /healthz, then crash at the first
 * WebSocket upgrade (the fallback cannot upgrade), a crash loop behind green health
 * checks. So the composition root checks first that the binary loaded.
 */
export function assertNativeUws(): void {
  if (/\[native code\]/.test(Function.prototype.toString.call(uWS.App))) return;
  throw new UwsNativeError(
    `the native uWebSockets.js binary did not load on Node ${process.version} (module ABI ${process.versions.modules}): ` +
      'the uWS build oddsgate uses (@trufflesuite/uws-js-unofficial 20.30.0) ships binaries for Node 18 and 20 only; run oddsgate on Node 20' +
      (process.env.UWS_USE_FALLBACK ? ' and unset UWS_USE_FALLBACK' : ''),
  );
}
