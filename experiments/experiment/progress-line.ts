import type { ExperimentProgress } from './run-experiment.js';

/** One line of progress: `[#######.......]  47%  7/15 runs (3 cached)`, without wall time. */
export function progressLine(p: ExperimentProgress, width = 30): string {
  const frac = Math.min(1, Math.max(0, p.fraction));
  const filled = Math.round(frac * width);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  const done = p.cached + p.computed + p.failed;
  const notes = [p.cached > 0 ? `${p.cached} cached` : '', p.failed > 0 ? `${p.failed} failed` : ''].filter((s) => s !== '');
  return `[${bar}] ${(frac * 100).toFixed(0).padStart(3)}%  ${done}/${p.total} runs${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}
