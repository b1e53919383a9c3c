import { describe, expect, it } from 'vitest';
import { Playback } from '../../../experiments/tui/playback.js';
import { ManualClock, ScriptedSource } from './support.js';

/** Events at 0, 10, 20, ... 990 s. */
const hundredEvents = (): ScriptedSource => {
  const s = new ScriptedSource();
  for (let t = 0; t < 1000; t += 10) s.at(t, 'submitted', `job ${t}`);
  return s;
};

describe('Playback', () => {
  it('starts at the first event and moves simulated time by wall time x speed', () => {
    const source = hundredEvents();
    const clock = new ManualClock();
    const p = new Playback(source, clock.now, { tickMs: 100 });
    expect(p.cursor).toBe(0);
    clock.advance(100);
    // 100 wall ms at 60x = 6 simulated s: only the event at 0 is due.
    expect(p.tick(false, 60)).toBe(1);
    expect(p.cursor).toBe(6000);
    clock.advance(100);
    expect(p.tick(false, 60)).toBe(1); // the event at 10 s
    expect(p.cursor).toBe(12_000);
    expect(source.advanced.map((b) => b.until)).toEqual([6000, 12_000]);
  });

  it('stands still while paused, and n processes exactly the next event whatever its time', () => {
    const source = hundredEvents();
    const clock = new ManualClock();
    const p = new Playback(source, clock.now, { tickMs: 100 });
    clock.advance(1000);
    expect(p.tick(true, 3600)).toBe(0);
    expect(p.cursor).toBe(0);
    expect(p.step()).toBe(1);
    expect(p.step()).toBe(1);
    expect(source.now).toBe(10_000);
    expect(p.cursor).toBe(10_000);
  });

  it('caps a long wall gap so a suspended machine does not jump the replay', () => {
    const source = hundredEvents();
    const clock = new ManualClock();
    const p = new Playback(source, clock.now, { tickMs: 100, maxGapMs: 1000 });
    clock.advance(60_000);
    p.tick(false, 10);
    expect(p.cursor).toBe(10_000); // 1 s (capped) x 10
  });

  it('at max speed is bounded by the event budget, which grows while slices are cheap', () => {
    const source = hundredEvents();
    const clock = new ManualClock();
    const p = new Playback(source, clock.now, { tickMs: 100, initialEvents: 8, minEvents: 4 });
    expect(p.tick(false, Infinity)).toBe(8);
    expect(p.cursor).toBe(70_000); // the 8th event's time
    expect(p.eventBudget).toBe(16);
    expect(p.tick(false, Infinity)).toBe(16);
    expect(source.advanced.map((b) => b.maxEvents)).toEqual([8, 16]);
  });

  it('shrinks the budget when a slice takes longer than its share of the tick', () => {
    const source = hundredEvents();
    const clock = new ManualClock();
    const advance = source.advance.bind(source);
    source.advance = (b) => {
      clock.advance(200); // every slice takes 200 ms of wall time
      return advance(b);
    };
    const p = new Playback(source, clock.now, { tickMs: 100, initialEvents: 64, minEvents: 4 });
    p.tick(false, Infinity);
    expect(p.eventBudget).toBe(16); // goal 50 ms of a 100 ms tick: 64 x 50 / 200
  });

  it('reports events per wall second over its window', () => {
    const source = hundredEvents();
    const clock = new ManualClock();
    const p = new Playback(source, clock.now, { tickMs: 100, initialEvents: 10, maxEvents: 10, rateWindowMs: 1000 });
    for (let i = 0; i < 5; i++) {
      clock.advance(100);
      p.tick(false, Infinity);
    }
    expect(p.eventsPerSecond).toBe(100); // 10 events per 100 ms
  });

  it('stops the clock when the replay is over', () => {
    const source = new ScriptedSource().at(5, 'submitted', 'only');
    const clock = new ManualClock();
    const p = new Playback(source, clock.now, { tickMs: 100 });
    clock.advance(100);
    p.tick(false, 600);
    expect(source.done).toBe(true);
    const at = p.cursor;
    clock.advance(100);
    p.tick(false, 600);
    expect(p.cursor).toBe(at);
  });

  it('follows a live source instead of pacing it', () => {
    const source = new ScriptedSource({}, true);
    source.now = 42_000;
    const clock = new ManualClock();
    const p = new Playback(source, clock.now, { tickMs: 100 });
    expect(p.cursor).toBe(42_000);
    source.now = 43_000;
    clock.advance(100);
    p.tick(false, 1);
    expect(p.cursor).toBe(43_000);
    expect(p.step()).toBe(0);
  });
});
