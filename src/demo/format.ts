/**
 * What the board shows, as text: prices, money, kick-off times, the match
 * clock and reject reasons. Pure functions of their inputs (and the clock
 * passed in), so the board and the slip say the same thing the same way.
 */

/** Decimal odds from the wire's integer (x1000): 2500 -> "2.50", 2375 -> "2.375" (a third digit only when it is there). */
export function odds(price: number): string {
  if (!(price > 0)) return '–';
  const decimal = price / 1000;
  return price % 10 === 0 ? decimal.toFixed(2) : decimal.toFixed(3);
}

/** Minor units as money: 1050 EUR -> "€10.50". */
export function money(minor: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100);
}

/** A stake typed by the player ("10", "10.5", "10,50") in minor units, or undefined when it is not a positive amount. */
export function parseStake(text: string): number | undefined {
  const normalised = text.trim().replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(normalised)) return undefined;
  const minor = Math.round(Number(normalised) * 100);
  return minor > 0 ? minor : undefined;
}

/** What a stake returns at a price (stake x odds), in minor units, rounded down. */
export function returns(stakeMinor: number, price: number): number {
  return Math.floor((stakeMinor * price) / 1000);
}

const DAY_MS = 86_400_000;

/** Kick-off as a board shows it: "in 12 min", "Today 20:45", "Tomorrow 18:00", "Sat 14 Jun, 18:00". */
export function kickOff(startsAtMs: number, nowMs: number): string {
  const untilMs = startsAtMs - nowMs;
  if (untilMs > 0 && untilMs < 60 * 60_000) return `in ${Math.max(1, Math.ceil(untilMs / 60_000))} min`;
  const start = new Date(startsAtMs);
  const time = start.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const dayDiff = Math.round((startOfDay(startsAtMs) - startOfDay(nowMs)) / DAY_MS);
  if (dayDiff === 0) return `Today ${time}`;
  if (dayDiff === 1) return `Tomorrow ${time}`;
  return `${start.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })}, ${time}`;
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The match clock in minutes as football shows it: 0-59 s is 1', then 2', ... */
export function matchMinute(seconds: number): string {
  return `${Math.floor(seconds / 60) + 1}'`;
}

/** Why a bet was refused, in the player's words (reasons: the SDK's RejectReasonName). */
export function rejectReason(reason: string): string {
  return REASONS[reason] ?? `Refused (${reason.toLowerCase().replace(/_/g, ' ')})`;
}

const REASONS: Record<string, string> = {
  PRICE_CHANGED: 'The odds changed',
  MARKET_SUSPENDED: 'Market suspended',
  MARKET_CLOSED: 'Market closed',
  DECLINED: 'Declined by the trader',
  NOT_AUTHENTICATED: 'Sign in to bet',
  TOKEN_EXPIRED: 'Session expired',
  RATE_LIMITED: 'Too many bets at once',
  CORE_UNAVAILABLE: 'Betting is unavailable right now',
  NO_CORE_FOR_JURISDICTION: 'Betting is not offered in your region',
  UNKNOWN_SELECTION: 'This selection is no longer offered',
  INVALID_BET: 'The bet is not valid',
  IDEMPOTENCY_KEY_REUSED: 'Duplicate bet refused',
  EVENT_NOT_SUBSCRIBED: 'The event is not on the board',
};
