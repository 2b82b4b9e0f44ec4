/**
 * Periodic work spread over time: every member is visited once per
 * revolution, at its own phase. The revolution is cut into slots of
 * `slotMs`; a new member takes the slot after the previous newcomer's
 * (round robin), so members that arrive together — 50,000 sockets of one
 * reconnect storm — land evenly on every slot instead of coming due in the
 * same moment. advance() visits only the slots whose time came since the
 * last call: O(members due), no allocation; after a stall longer than a
 * revolution each member is visited once, not once per missed turn.
 *
 * A visit may remove the member visited (a connection closing in its own
 * visit): a slot is walked from its end and removal moves the slot's last
 * member, already visited, into the hole. Newcomers added during a visit
 * wait for their slot's next turn. (Removing another member of the slot
 * being walked could visit one member twice; no caller does.)
 */
export class PhaseWheel<T> {
  readonly slotCount: number;
  private readonly slots: T[][];
  /** Where each member sits, as index * slotCount + slot (one number: no object per member). */
  private readonly places = new Map<T, number>();
  private nextSlot = 0;
  /** Absolute slot number (time / slotMs) up to which advance() has visited. */
  private turnedTo: number;

  constructor(
    private readonly slotMs: number,
    revolutionMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.slotCount = Math.max(1, Math.round(revolutionMs / slotMs));
    this.slots = Array.from({ length: this.slotCount }, () => []);
    this.turnedTo = Math.floor(now() / slotMs);
  }

  add(member: T): void {
    if (this.places.has(member)) return;
    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % this.slotCount;
    const members = this.slots[slot];
    this.places.set(member, members.length * this.slotCount + slot);
    members.push(member);
  }

  remove(member: T): void {
    const place = this.places.get(member);
    if (place === undefined) return;
    this.places.delete(member);
    const slot = place % this.slotCount;
    const index = (place - slot) / this.slotCount;
    const members = this.slots[slot];
    const last = members.pop()!;
    if (last === member) return;
    members[index] = last;
    this.places.set(last, place);
  }

  has(member: T): boolean {
    return this.places.has(member);
  }

  get size(): number {
    return this.places.size;
  }

  /** Visits the members of every slot that came due since the last call; returns how many were visited. */
  advance(visit: (member: T) => void): number {
    const due = Math.floor(this.now() / this.slotMs);
    let visited = 0;
    for (let turn = Math.max(this.turnedTo, due - this.slotCount); turn < due; turn++) {
      const members = this.slots[turn % this.slotCount];
      for (let i = members.length - 1; i >= 0; i--) {
        if (i >= members.length) continue; // a visit removed more than its own member
        visit(members[i]);
        visited++;
      }
    }
    this.turnedTo = Math.max(this.turnedTo, due);
    return visited;
  }
}
