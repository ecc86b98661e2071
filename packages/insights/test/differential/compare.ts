import type { Captured } from '../helpers/capture-server.js';
import { type LogEntry, normalizeTokens, type Sequence } from './sequences.js';

/** A captured request reduced to what must match: path, query without the agent, body. */
export interface Comparable {
  path: string;
  query: Record<string, string>;
  agent: string[];
  body: unknown;
}

export function comparable(requests: Captured[]): Comparable[] {
  return requests.map(({ path, query, body }) => {
    const rest = query.filter(([key]) => key !== 'X-Algolia-Agent');
    const agent = query.find(([key]) => key === 'X-Algolia-Agent')?.[1] ?? '';
    return { path, query: Object.fromEntries(rest), agent: agent.split('; '), body };
  });
}

/** The oracle reports its own version (2.17.3); Sightline reports the API level 2.18.0. */
export function sameVersion<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null).replaceAll('2.17.3', '2.18.0')) as T;
}

/** Agents added with addAlgoliaAgent, in order, deduplicated: Sightline keeps them across init. */
export function addedAgents(sequence: Sequence): string[] {
  const added = sequence.steps.filter((s) => s.call === 'addAlgoliaAgent').map((s) => String(s.args[0]));
  return [...new Set(added)];
}

export interface Run {
  log: LogEntry[];
  requests: Comparable[];
}

/** Normalizes a run: one token numbering shared by log and requests, agent checked apart. */
export function normalizeRun(run: Run): { log: LogEntry[]; requests: Omit<Comparable, 'agent'>[] } {
  const seen = new Map<string, string>();
  return {
    log: normalizeTokens(sameVersion(run.log), seen),
    requests: normalizeTokens(
      run.requests.map(({ agent: _agent, ...rest }) => rest),
      seen,
    ),
  };
}
