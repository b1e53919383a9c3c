import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../traces/issue.js';
import { parseContainerJobLine } from '../../../traces/container/index.js';
import { repoRoot } from '../../support/shared.js';

/** The JSON examples in docs/container-workloads.md are valid jobs. */
describe('docs/container-workloads.md examples', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'container-workloads.md'), 'utf8');
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });

  it.each(blocks.map((b, i) => [i, b] as const))('example %d parses', (_i, block) => {
    for (const line of block.split('\n')) {
      const r = parseContainerJobLine(line, { file: 'doc', line: 1 });
      expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([]);
    }
  });
});
