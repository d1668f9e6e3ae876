/**
 * The PDF engine runs only on the versions of pdfmake, pdfkit and fontkit it
 * was written for: package.json pins them, and the engine checks the copies
 * it loads before it loads them (versions.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FontError } from '../../src/fonts/errors.js';
import { checkEngineVersions, ENGINE_VERSIONS, loadedEngineVersions, PdfEngineVersionError, type LoadedPackage } from '../../src/render/pdf/versions.js';

const matching: LoadedPackage[] = [
  { name: 'pdfmake', version: '0.3.11' },
  { name: 'pdfkit', version: '0.19.1' },
  { name: 'fontkit', version: '2.0.4' },
];

describe('the PDF engine version check', () => {
  it('accepts the versions the engine was written for', () => {
    expect(() => checkEngineVersions(matching)).not.toThrow();
  });

  it('refuses another version with one Chinese sentence naming package, expected and found version, and what to do', () => {
    const found = matching.map((p) => (p.name === 'pdfkit' ? { ...p, version: '0.18.0' } : p));
    let error: unknown;
    try {
      checkEngineVersions(found);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PdfEngineVersionError);
    // The CLI (and a render thread passing it on) shows FontErrors as a message with exit code 2.
    expect(error).toBeInstanceOf(FontError);
    expect((error as Error).message).toBe(
      'PDF 引擎版本不符：xxgk 需要 pdfkit 0.19.1，实际加载的是 0.18.0。请在 xxgk 所在文件夹运行 npm ci 重新安装依赖。',
    );
    expect(error).toMatchObject({ packageName: 'pdfkit', expected: '0.19.1', found: '0.18.0' });
  });

  it('refuses a newer version as well as an older one, and a copy whose version cannot be read', () => {
    expect(() => checkEngineVersions([{ name: 'fontkit', version: '2.0.5' }])).toThrow(/fontkit 2\.0\.4，实际加载的是 2\.0\.5/);
    expect(() => checkEngineVersions([{ name: 'pdfmake', version: '0.3.12' }])).toThrow(/pdfmake 0\.3\.11/);
    expect(() => checkEngineVersions([{ name: 'pdfkit', version: undefined }])).toThrow(
      'PDF 引擎版本不符：xxgk 需要 pdfkit 0.19.1，实际加载的是无法识别的版本。请在 xxgk 所在文件夹运行 npm ci 重新安装依赖。',
    );
  });

  it('finds the installed copies: one each, at the versions the engine was written for', () => {
    const found = loadedEngineVersions();
    expect(found.map(({ name, version }) => ({ name, version }))).toEqual(matching);
    for (const loaded of found) expect(loaded.folder).toMatch(new RegExp(`node_modules[\\\\/]${loaded.name}$`));
  });

  it('is what package.json pins exactly, for pdfmake, for pdfkit and (through overrides) for their dependencies', () => {
    expect(ENGINE_VERSIONS).toEqual(Object.fromEntries(matching.map((p) => [p.name, p.version])));
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
      overrides?: Record<string, string>;
    };
    for (const [name, version] of Object.entries(ENGINE_VERSIONS)) expect(manifest.dependencies[name], name).toBe(version);
    expect(manifest.overrides).toMatchObject({ pdfkit: '$pdfkit', fontkit: '$fontkit' });
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const [name, version] of Object.entries(ENGINE_VERSIONS)) expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    const nested = Object.keys(lock.packages).filter((key) => /node_modules\/(pdfkit|fontkit|pdfmake)$/.test(key) && key.split('node_modules/').length > 2);
    expect(nested).toEqual([]);
  });
});
