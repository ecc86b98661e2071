import type { DebuggerEntry } from '../api/types.js';

/** What one table row shows, derived from an entry without touching the DOM. */
export interface EntryRow {
  id: number;
  accepted: boolean;
  /** `Accepted` or `Rejected`. */
  statusLabel: string;
  httpCode: number;
  index: string;
  /** `conversion · purchase`, `click`, … */
  eventType: string;
  eventName: string;
  userToken: string;
  receivedAt: Date;
  /** The first library of the agent string, e.g. `insights-js (2.18.0)`; `agentFull` has it all. */
  agent: string;
  agentFull: string;
  device: string;
  /** Why it was refused, with the fix; empty for accepted events. */
  reason: string;
}

const NONE = '—';

/** Derives the row of one entry; unknown payload shapes degrade to dashes, never throw. */
export function describeEntry(entry: DebuggerEntry): EntryRow {
  const event = isRecord(entry.event) ? entry.event : {};
  const type = text(event.eventType);
  const subtype = text(event.eventSubtype);
  const agentFull = entry.headers.agent ?? '';
  return {
    id: entry.id,
    accepted: entry.accepted,
    statusLabel: entry.accepted ? 'Accepted' : 'Rejected',
    httpCode: entry.status,
    index: text(event.index) || NONE,
    eventType: type ? (subtype ? `${type} · ${subtype}` : type) : NONE,
    eventName: text(event.eventName) || NONE,
    userToken: text(event.userToken) || text(event.authenticatedUserToken) || NONE,
    receivedAt: new Date(entry.receivedAt),
    agent: agentFull.split(';')[0]?.trim() || NONE,
    agentFull,
    device: entry.device,
    reason: rejectionReason(entry),
  };
}

/**
 * The reason a refused entry shows: its own first issue (message and fix). A valid event refused
 * with its batch gets none of its own, so say that, as Algolia's debugger does.
 */
export function rejectionReason(entry: DebuggerEntry): string {
  if (entry.accepted) return '';
  const [first, ...rest] = entry.errors;
  if (first) {
    const more = rest.length > 0 ? ` (+${rest.length} more)` : '';
    return `${first.message} Fix: ${first.fix}${more}`;
  }
  return `Refused with its batch (HTTP ${entry.status}): another event of the same request is invalid.`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings as they are, numbers (numeric user tokens) as text, anything else as empty. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
