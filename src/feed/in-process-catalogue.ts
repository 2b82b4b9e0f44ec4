import { listing, selectListed, type EventCatalogue, type EventListing } from './event-catalogue.js';
import type { InProcessOddsStore } from './in-process-store.js';

/** The embedded store's events (what the simulator, or a test, publishes). */
export class InProcessEventCatalogue implements EventCatalogue {
  constructor(private readonly store: InProcessOddsStore) {}

  async list(): Promise<EventListing[]> {
    return selectListed(
      this.store.catalogue().map((r) => listing(r.eventId, r.lastActivityMs, r.info)),
      Date.now(),
    );
  }

  async stop(): Promise<void> {
    // Nothing held: the store belongs to the embedded mode.
  }
}
