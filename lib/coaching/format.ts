// How figures read to a person. Shared by the coaching texts (lib/coaching) and every view, so the
// popup, the overlay and a nudge never disagree about "1 min 15 s" vs "75 s". A figure never breaks
// across lines: number and unit are joined by no-break spaces (NBSP), so "30 min 39 s" stays whole
// in a narrow popup. Units are the SI-style symbols (s, min, h), the same in every language we ship.

/** No-break space: joins a number to its unit and the parts of a duration. */
export const NBSP = '\u00a0';

/** 0.3412 → "34%". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Spoken-style duration, whole: "45 s", "1 min 15 s", "2 min", "2 h", "1 h 5 min" (seconds are
 *  dropped from an hour on, where they no longer matter). */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const unit = (value: number, symbol: string) => `${value}${NBSP}${symbol}`;
  if (total < 60) return unit(total, 's');
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) return minutes === 0 ? unit(hours, 'h') : `${unit(hours, 'h')}${NBSP}${unit(minutes, 'min')}`;
  return secs === 0 ? unit(minutes, 'min') : `${unit(minutes, 'min')}${NBSP}${unit(secs, 's')}`;
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
  return `${rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(1)}${NBSP}s`;
}

/** A rate with at most one decimal: 1.25 → "1.3", 4 → "4". */
export function formatRate(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** When a call started, in the browser's language, the hour without a leading zero:
 *  "Fri, Nov 20, 1:36 PM" (en-US), "Fri 20 Nov, 9:05" (en-GB). */
export function formatCallDate(ms: number, locale?: string): string {
  return new Date(ms).toLocaleString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** "20 Nov": a week or a call on a chart's axis. */
export function formatDayMonth(ms: number, locale?: string): string {
  return new Date(ms).toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}
