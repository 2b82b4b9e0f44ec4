/** How long a route lookup may take before the client connects to its fallback. */
const ROUTE_TIMEOUT_MS = 3_000;

/**
 * GET /v1/route?sid=: the WebSocket URL of the node owning the session on
 * the ring (`{sid, node: {id, url}}`). Routing is advice: when the lookup
 * fails (no answer, 503 while no node is active, a malformed answer) the
 * client connects to `fallback` and any node serves it.
 */
export async function lookupRoute(routeUrl: string, sid: string, fallback: string): Promise<string> {
  try {
    const u = new URL(routeUrl);
    u.searchParams.set('sid', sid);
    const res = await fetch(u, { signal: AbortSignal.timeout(ROUTE_TIMEOUT_MS) });
    if (!res.ok) return fallback;
    const body = (await res.json()) as { node?: { url?: unknown } };
    return typeof body.node?.url === 'string' && /^wss?:\/\//.test(body.node.url) ? body.node.url : fallback;
  } catch {
    return fallback; // unreachable or not JSON: the fallback serves the session anyway
  }
}
