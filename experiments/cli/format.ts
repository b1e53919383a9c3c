/** Human-readable numbers for terminal summaries. */

export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** An absolute date for a trace time, when the trace says where its time axis starts. */
export function traceDate(seconds: number, unixStartTime: number | null): string {
  if (unixStartTime === null) return `t=${seconds}s`;
  return new Date((unixStartTime + seconds) * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
