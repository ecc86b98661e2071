import { randomBytes } from 'node:crypto';

/** A fresh queryID: 32 lowercase hex characters, the format the Insights API requires. */
export function newQueryID(): string {
  return randomBytes(16).toString('hex');
}
