import { interpolateYlGnBu, schemeTableau10 } from 'd3';

/** Series colors, in order: profile i is always color i, in every chart. */
export function seriesColor(i: number): string {
  return schemeTableau10[i % schemeTableau10.length]!;
}

/** A 0..1 value as a sequential color (light = idle, dark = busy). */
export function heatColor(t: number): string {
  return interpolateYlGnBu(0.08 + 0.92 * Math.min(1, Math.max(0, t)));
}
