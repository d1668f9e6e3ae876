/**
 * `npm ci` prints no EBADENGINE warning on the Node version the README names
 * (issue #12): every installed package's `engines.node` accepts it. docx
 * depends on nanoid 6 (Node 22 and later); package.json overrides it with
 * nanoid 5 for docx, which bundles nanoid's code into its own dist and never
 * loads the package, so the output cannot change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];

/** The lowest Node version the README asks for (“需要 Node.js 20.19 或更高版本”). */
function readmeNode(): Version {
  const match = /需要 Node\.js (\d+)\.(\d+) 或更高版本/.exec(readFileSync('README.md', 'utf8'));
  if (!match) throw new Error('README no longer names the Node version it needs');
  return [Number(match[1]), Number(match[2]), 0];
}

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` satisfies a semver range of the kinds package.json engines use (||, ^, ~, >=, >, <=, <, x-ranges). */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((set) => {
    const comparators = set.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comparators.every((comparator) => {
      const [, op = '', rest = ''] = /^([<>=^~]*)(.*)$/.exec(comparator)!;
      const parts = rest.split('.').filter((part) => part !== '' && part !== 'x' && part !== 'X' && part !== '*').map(Number);
      if (parts.length === 0) return true;
      const low: Version = [parts[0]!, parts[1] ?? 0, parts[2] ?? 0];
      switch (op) {
        case '>=':
          return compare(version, low) >= 0;
        case '>':
          return compare(version, low) > 0;
        case '<=':
          return compare(version, low) <= 0;
        case '<':
          return compare(version, low) < 0;
        case '^':
          return compare(version, low) >= 0 && (low[0] > 0 ? version[0] === low[0] : version[1] === low[1]);
        case '~':
          return compare(version, low) >= 0 && version[0] === low[0] && (parts.length < 2 || version[1] === low[1]);
        default:
          return parts.every((part, i) => version[i] === part);
      }
    });
  });
}

describe('engines', () => {
  it('reads ranges as npm does', () => {
    expect(satisfies([20, 19, 0], '^22 || ^24 || >=26')).toBe(false);
    expect(satisfies([20, 19, 0], '^18 || >=20')).toBe(true);
    expect(satisfies([20, 19, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([20, 18, 0], '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies([20, 19, 0], '6.* || 8.* || >= 10.*')).toBe(true);
    expect(satisfies([20, 19, 0], '>=20.x')).toBe(true);
  });

  it('package.json requires the README’s Node version', () => {
    const { engines } = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    const [major, minor] = readmeNode();
    expect(engines.node).toBe(`>=${major}.${minor}`);
  });

  it('every installed package accepts the README’s Node version (no EBADENGINE from npm ci)', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const node = readmeNode();
    const refusing = Object.entries(lock.packages)
      .map(([name, entry]) => [name || 'xxgk', !Array.isArray(entry.engines) ? entry.engines?.node : undefined] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined && !satisfies(node, pair[1]))
      .map(([name, range]) => `${name} (${range})`);
    expect(refusing).toEqual([]);
  });
});
