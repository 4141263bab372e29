// scenario/input-file.ts: only regular files are read, within a byte limit that holds even when the
// size the file system reports is wrong (files under /proc say 0), and nothing blocks on a FIFO.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoundedText, specialKind } from '../../src/scenario/input-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-input-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readBoundedText', () => {
  it('reads a regular file whole, up to the limit exactly', () => {
    writeFileSync(join(dir, 'a.yaml'), 'name: a\n');
    expect(readBoundedText(join(dir, 'a.yaml'), 8)).toBe('name: a\n');
    expect(readBoundedText(join(dir, 'a.yaml'), 7)).toEqual({ refused: 'too large', bytes: 8 });
  });

  it('stops reading at the limit when the reported size is 0 (/proc)', () => {
    expect(readBoundedText('/proc/self/status', 64)).toEqual({ refused: 'too large', bytes: 65 });
    const whole = readBoundedText('/proc/self/status', 1024 * 1024);
    expect(typeof whole === 'string' && whole.startsWith('Name:')).toBe(true);
  });

  it('refuses a folder, a FIFO and a device without blocking', () => {
    mkdirSync(join(dir, 'folder'));
    expect(readBoundedText(join(dir, 'folder'), 100)).toEqual({ refused: 'folder' });
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    expect(readBoundedText(join(dir, 'pipe'), 100)).toEqual({ refused: 'special', kind: 'FIFO' });
    expect(readBoundedText('/dev/zero', 100)).toEqual({ refused: 'special', kind: 'character device' });
  });

  it('throws the system error of a missing file', () => {
    expect(() => readBoundedText(join(dir, 'missing'), 100)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('specialKind', () => {
  it('names FIFOs and devices and passes files and folders', () => {
    writeFileSync(join(dir, 'f'), 'x');
    expect(specialKind(join(dir, 'f'))).toBeNull();
    expect(specialKind(dir)).toBeNull();
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    expect(specialKind(join(dir, 'pipe'))).toBe('FIFO');
    expect(specialKind('/dev/null')).toBe('character device');
  });
});
