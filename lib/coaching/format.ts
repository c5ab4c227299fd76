// How figures read to a person. Shared by the coaching texts (lib/coaching) and every view, so the
// popup, the overlay and a nudge never disagree about "1 min 15 s" vs "75 s".

/** 0.3412 → "34%". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Spoken-style duration: "45 s", "1 min 15 s", "2 min", "1 h 05 min". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return secs === 0 ? `${minutes} min` : `${minutes} min ${secs} s`;
}

/** Clock-style duration for live counters: "0:07", "1:15", "1:02:03". */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** Signed seconds with one decimal: "0.4 s", "−0.3 s" (a true minus sign, read correctly by screen readers). */
export function formatGap(seconds: number): string {
  const rounded = Math.round(seconds * 10) / 10;
  return `${rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(1)} s`;
}

/** A rate with at most one decimal: 1.25 → "1.3", 4 → "4". */
export function formatRate(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** "1 interruption", "3 interruptions". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
