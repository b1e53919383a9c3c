/**
 * Times on screen. Workload times are integer ms from the trace's origin; with a `TimeBase` that knows
 * the origin's Unix time they become dates in the trace's time zone, otherwise `d<day> hh:mm:ss`.
 */
import type { Millis } from '../../core/index.js';
import type { TimeBase } from './queue-source.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Slurm's duration style: `hh:mm:ss`, or `D-hh:mm:ss` from a day up; `-` for non-finite values. */
export function slurmDuration(ms: Millis): string {
  if (!Number.isFinite(ms)) return '-';
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const clock = `${pad2(Math.floor((total % 86400) / 3600))}:${pad2(Math.floor((total % 3600) / 60))}:${pad2(total % 60)}`;
  return d > 0 ? `${d}-${clock}` : clock;
}

/** A short human duration for the log and the status bar: `45s`, `12m`, `3h20m`, `2d4h`. */
export function shortDuration(ms: Millis): string {
  if (!Number.isFinite(ms)) return '-';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${pad2(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d${Math.floor((s % 86400) / 3600)}h`;
}

interface Parts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

/** Formats workload times as dates (or trace-relative days) for one time base. */
export class TimeFormatter {
  private readonly format: Intl.DateTimeFormat | null;
  /** The zone label shown after full dates (`UTC`, `GMT+2`), empty without a time base. */
  readonly zoneLabel: string;

  constructor(readonly base: TimeBase) {
    if (base.unixStart === null) {
      this.format = null;
      this.zoneLabel = '';
      return;
    }
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    };
    let zone = 'UTC';
    try {
      if (base.timeZone !== null) new Intl.DateTimeFormat('en-US', { timeZone: base.timeZone });
      zone = base.timeZone ?? 'UTC';
    } catch {
      zone = 'UTC'; // an unknown zone name in a trace header: fall back to UTC rather than fail
    }
    this.format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(base.unixStart * 1000))
      .find((p) => p.type === 'timeZoneName');
    this.zoneLabel = name?.value ?? zone;
  }

  /** `1996-09-23 14:00:31` (or `d0 14:00:31` without a Unix start); `--` before the first event. */
  dateTime(ms: Millis): string {
    const p = this.parts(ms);
    if (p === null) return '--';
    return this.format === null ? `${p.day} ${p.hour}:${p.minute}:${p.second}` : `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  }

  /** `09-23 14:00` for table columns (or `d12 04:05`); `-` for null or non-finite times. */
  short(ms: Millis | null): string {
    if (ms === null) return '-';
    const p = this.parts(ms);
    if (p === null) return '-';
    return this.format === null ? `${p.day} ${p.hour}:${p.minute}` : `${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }

  /** `09-23 14:00:31` (or `d12 14:00:31`): the event log's time column. */
  stamp(ms: Millis): string {
    const p = this.parts(ms);
    if (p === null) return '--';
    return this.format === null ? `${p.day} ${p.hour}:${p.minute}:${p.second}` : `${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  }

  /** `14:00:31`. */
  clock(ms: Millis): string {
    const p = this.parts(ms);
    return p === null ? '--:--:--' : `${p.hour}:${p.minute}:${p.second}`;
  }

  private parts(ms: Millis): Parts | null {
    if (!Number.isFinite(ms)) return null;
    if (this.format === null) {
      const s = Math.floor(ms / 1000);
      const days = Math.floor(s / 86400);
      const rest = s - days * 86400;
      return {
        year: '', month: '', day: `d${days}`,
        hour: pad2(Math.floor(rest / 3600)), minute: pad2(Math.floor((rest % 3600) / 60)), second: pad2(rest % 60),
      };
    }
    const unixMs = (this.base.unixStart ?? 0) * 1000 + ms;
    const all = this.format.formatToParts(unixMs);
    const pick = (type: Intl.DateTimeFormatPartTypes): string => all.find((x) => x.type === type)?.value ?? '';
    return { year: pick('year'), month: pick('month'), day: pick('day'), hour: pick('hour'), minute: pick('minute'), second: pick('second') };
  }
}
