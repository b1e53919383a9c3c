import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

/**
 * The one rule that makes the project work (ARCHITECTURE.md): core/ is deterministic and knows
 * nothing of the world. This test parses every core/ file and fails on clock reads, timers,
 * randomness, I/O, `process`, and imports that leave core/.
 */
const FORBIDDEN_GLOBALS = new Set(['Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'process', 'require', 'globalThis', 'fetch', 'crypto']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

export function impurities(file: string, text: string, coreDir: string): string[] {
  const found: string[] = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const where = (node: ts.Node): string => `${relative(repoRoot, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      if (!spec.startsWith('.')) found.push(`${where(node)}: imports '${spec}'`);
      else if (!resolve(dirname(file), spec).startsWith(coreDir)) found.push(`${where(node)}: imports '${spec}' from outside core/`);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push(`${where(node)}: dynamic import`);
    if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text)) {
      const p = node.parent;
      const isMemberName = (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p);
      if (!isMemberName) found.push(`${where(node)}: uses ${node.text}`);
    }
    if (ts.isPropertyAccessExpression(node) && node.getText(sf) === 'Math.random') found.push(`${where(node)}: uses Math.random`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('core/ purity', () => {
  const coreDir = join(repoRoot, 'core');

  it('has no clock, timer, randomness, I/O or process use, and imports nothing outside core/', () => {
    const files = sourceFiles(coreDir);
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((f) => impurities(f, readFileSync(f, 'utf8'), coreDir));
    expect(found).toEqual([]);
  });

  it('catches each kind of violation (the check itself can fail)', () => {
    const fake = join(coreDir, 'fake.ts');
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import { x } from '../../traces/index.js';",
      'const t = Date.now();',
      'const r = Math.random();',
      'setTimeout(() => 0, 1);',
      'const e = process.env;',
      'const p = performance.now();',
    ].join('\n');
    const found = impurities(fake, bad, coreDir);
    expect(found.map((f) => f.replace(/^[^:]+:\d+: /, ''))).toEqual([
      "imports 'node:fs'",
      "imports '../../traces/index.js' from outside core/",
      'uses Date',
      'uses Math.random',
      'uses setTimeout',
      'uses process',
      'uses performance',
    ]);
    expect(impurities(fake, 'const o = { process: 1 }; o.process; class A { performance = 2 }', coreDir)).toEqual([]);
  });
});
