/**
 * One frame of a progress bar, e.g. `[#########...........]  45% 450/1000`. Pure, so it is tested
 * without a terminal; the export command draws it on stderr only when stderr is a TTY.
 */
export function renderProgress(done: number, total: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total}`;
}
