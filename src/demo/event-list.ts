/** An event the board shows, with its name when the event list already knows it (EventInfo names it later anyway). */
export interface ListedEvent {
  id: string;
  name?: string;
}

/** The most events one page subscribes to (the node allows maxSubscriptionsPerConnection, 200 by default). */
export const MAX_BOARD_EVENTS = 60;

/**
 * The events to show: `?events=a,b` in the page's URL (a deep link, or a
 * board of chosen events), else the node's `GET /v1/events`. The list is
 * `{events: ["match-1", ...]}`; with Redis the node adds display names under
 * `details` (an array of {eventId|id, name}, or an object by event id).
 * Both are read; anything else in it is ignored.
 */
export async function boardEvents(location: Location, fetchJson: (url: string) => Promise<unknown>): Promise<ListedEvent[]> {
  const chosen = chosenEvents(location);
  if (chosen) return unique(chosen.split(',').map((id) => ({ id: id.trim() })));
  return unique(readEventList(await fetchJson('/v1/events')));
}

/** The `?events=` of the page's URL: a fixed board, never refreshed from the node's list. */
export function chosenEvents(location: Location): string | null {
  return new URLSearchParams(location.search).get('events');
}

export function readEventList(body: unknown): ListedEvent[] {
  const record = (body ?? {}) as { events?: unknown; details?: unknown };
  const names = new Map<string, string>();
  const details = record.details;
  const detailEntries: Array<[string | undefined, unknown]> = Array.isArray(details)
    ? details.map((d) => [idOf(d), d])
    : details && typeof details === 'object'
      ? Object.entries(details)
      : [];
  for (const [id, d] of detailEntries) {
    const name = (d as { name?: unknown } | null)?.name;
    if (id && typeof name === 'string' && name) names.set(id, name);
  }
  const ids = Array.isArray(record.events) ? record.events.map(idOf) : [...names.keys()];
  return ids.filter((id): id is string => !!id).map((id) => ({ id, name: names.get(id) }));
}

function idOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  const e = entry as { eventId?: unknown; id?: unknown } | null;
  const id = e?.eventId ?? e?.id;
  return typeof id === 'string' ? id : undefined;
}

function unique(events: ListedEvent[]): ListedEvent[] {
  const seen = new Map<string, ListedEvent>();
  for (const e of events) if (e.id && !seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()].slice(0, MAX_BOARD_EVENTS);
}
