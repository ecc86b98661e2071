/**
 * The one way the dashboard shows a time: 24-hour `HH:MM:SS` in the viewer's time zone, with the
 * date (`YYYY-MM-DD`) in front when it is not today. The table, the detail panel, the user
 * timeline and status lines all use it, so a time read in one place can be found in another.
 */
export function formatTime(date: Date, now: Date = new Date()): string {
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  if (date.toDateString() === now.toDateString()) return time;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
