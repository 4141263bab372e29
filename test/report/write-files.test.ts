import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputRefused, reportFolderRefusal, stageReport, swapIn } from '../../src/report/write-files.js';

// src/report/write-files.ts below the CLI: the names it accepts, what it calls a report folder, and the swap.
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'ttlsim-write-files-'));
  roots.push(root);
  return root;
}

describe('write-files', () => {
  it('writes only its own report names: no path leaves the folder', async () => {
    const root = folder();
    for (const name of ['../escape.html', 'charts/../../escape.svg', '/etc/passwd', 'notes.txt', 'charts/a/b.svg', ''])
      await expect(stageReport(join(root, 'rep'), [{ name, content: 'x' }])).rejects.toThrow(/not a report file name/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('calls a folder a report only when it holds nothing but a report’s files', () => {
    const root = folder();
    const rep = join(root, 'rep');
    expect(reportFolderRefusal(rep)).toBeNull();
    mkdirSync(join(rep, 'charts'), { recursive: true });
    expect(reportFolderRefusal(rep)).toBeNull();
    writeFileSync(join(rep, 'index.html'), 'x');
    // An index.html alone could be anyone's page.
    expect(reportFolderRefusal(rep)).toEqual(new OutputRefused(rep, 'no-report'));
    writeFileSync(join(rep, 'summary.json'), '{}');
    writeFileSync(join(rep, 'charts', 'cost.svg'), '<svg/>');
    writeFileSync(join(rep, 'index.html.123.tmp'), 'x');
    expect(reportFolderRefusal(rep)).toBeNull();
    symlinkSync(root, join(rep, 'charts', 'link.svg'));
    expect(reportFolderRefusal(rep)?.entry).toBe('charts/link.svg');
    expect(reportFolderRefusal(join(rep, 'summary.json'))?.reason).toBe('not-a-folder');
    expect(reportFolderRefusal('/')?.reason).toBe('root');
  });

  it('swaps a staged report in whole, replacing the previous one', async () => {
    const root = folder();
    const rep = join(root, 'rep');
    swapIn(
      await stageReport(rep, [
        { name: 'summary.json', content: '1' },
        { name: 'breakdown.csv', content: 'a' },
      ]),
    );
    const second = await stageReport(rep, [{ name: 'summary.json', content: '2' }]);
    // Staged beside the target, not inside it.
    expect(readdirSync(root).filter((n) => n.includes('.ttlsim-'))).toHaveLength(1);
    swapIn(second);
    expect(readdirSync(root)).toEqual(['rep']);
    expect(readdirSync(rep)).toEqual(['summary.json']);
    expect(readFileSync(join(rep, 'summary.json'), 'utf8')).toBe('2');
  });
});
