import type { RequestFnType } from '../core/types.js';
import { toRequestFn } from './facts.js';
import { type NodeHttpOptions, nodeHttpTransport } from './node-http.js';

/** The Node `requestFn`: `http`/`https` with a deadline (search-insights takes no options here). */
export function getRequesterForNode(options?: NodeHttpOptions): RequestFnType {
  return toRequestFn(nodeHttpTransport(options));
}
