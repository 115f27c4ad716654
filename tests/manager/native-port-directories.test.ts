// The real port's side of RuntimeDirectory= & co.: directories made with their parents, the
// mode set whatever the umask, handed to their owner (everything below too, unless the top is
// the owner's already), a ConfigurationDirectory= left alone when it exists; and rm -rf.
import { chownSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NativePort } from '../../src/manager/native-port.js';
import type { NativeCore } from '../../src/native/core.js';

const port = new NativePort({ getpid: () => process.pid } as unknown as NativeCore);
const asRoot = process.getuid?.() === 0;
const modeOf = (p: string): number => lstatSync(p).mode & 0o7777;
const ownerOf = (p: string): string => `${lstatSync(p).uid}:${lstatSync(p).gid}`;

describe('NativePort.prepareDirectory()', () => {
  it.runIf(asRoot).each([0o700, 0o775, 0o2750, 0o755])('makes the directory and its parents, mode %s exactly', (mode) => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-dirs-'));
    const path = join(root, 'a/b/c');
    expect(port.prepareDirectory(path, mode, { uid: 33, gid: 34 })).toEqual({ ok: true, existed: false, mode });
    expect(modeOf(path)).toBe(mode);
    expect(ownerOf(path)).toBe('33:34');
    expect(modeOf(join(root, 'a/b'))).toBe(0o755);
    expect(ownerOf(join(root, 'a/b'))).toBe('0:0');
  });

  it.runIf(asRoot)('hands an existing tree over to a new owner, symbolic links themselves, set-user-ID bits kept', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-dirs-'));
    const path = join(root, 'state');
    mkdirSync(join(path, 'sub'), { recursive: true });
    writeFileSync(join(path, 'sub/file'), 'x', { mode: 0o4755 });
    symlinkSync('/etc/passwd', join(path, 'link'));
    expect(port.prepareDirectory(path, 0o700, { uid: 33, gid: 34 })).toMatchObject({ ok: true, existed: true });
    for (const p of [path, join(path, 'sub'), join(path, 'sub/file'), join(path, 'link')]) expect(ownerOf(p), p).toBe('33:34');
    expect(modeOf(join(path, 'sub/file'))).toBe(0o4755);
    expect(ownerOf('/etc/passwd')).toBe('0:0');
  });

  it.runIf(asRoot)('leaves what is below alone when the directory is the owner\'s already', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-dirs-'));
    const path = join(root, 'state');
    mkdirSync(path);
    writeFileSync(join(path, 'file'), 'x');
    chownSync(path, 33, 34);
    port.prepareDirectory(path, 0o755, { uid: 33, gid: 34 });
    expect(ownerOf(join(path, 'file'))).toBe('0:0');
  });

  it('without an owner leaves an existing directory as it is and says its mode', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-dirs-'));
    mkdirSync(join(root, 'conf'), { mode: 0o750 });
    expect(port.prepareDirectory(join(root, 'conf'), 0o555, null)).toEqual({ ok: true, existed: true, mode: 0o750 });
    expect(modeOf(join(root, 'conf'))).toBe(0o750);
  });

  it('says why it failed, in strerror() words', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-dirs-'));
    writeFileSync(join(root, 'file'), '');
    expect(port.prepareDirectory(join(root, 'file'), 0o755, { uid: 0, gid: 0 })).toEqual({ ok: false, error: 'Not a directory' });
    expect(port.prepareDirectory('/proc/self/tsd/x', 0o755, null)).toEqual({ ok: false, error: 'No such file or directory' });
  });
});

describe('NativePort.makeSymlink()', () => {
  it('makes a relative link, with its parents; the same link again is fine, another thing in its place is not', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-dirs-'));
    mkdirSync(join(root, 'run/foo'), { recursive: true });
    expect(port.makeSymlink(join(root, 'run/foo'), join(root, 'run/a/bar'))).toBeNull();
    expect(readlinkSync(join(root, 'run/a/bar'))).toBe('../foo');
    expect(port.makeSymlink(join(root, 'run/foo'), join(root, 'run/a/bar'))).toBeNull();
    writeFileSync(join(root, 'run/file'), '');
    expect(port.makeSymlink(join(root, 'run/foo'), join(root, 'run/file'))).toBe('File exists');
  });
});

describe('NativePort.removeTree()', () => {
  it('removes a directory and what is in it; a missing one is fine', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-dirs-'));
    mkdirSync(join(root, 'run/x/y'), { recursive: true });
    writeFileSync(join(root, 'run/x/y/sock'), '');
    expect(port.removeTree(join(root, 'run/x'))).toBeNull();
    expect(() => lstatSync(join(root, 'run/x'))).toThrow();
    expect(port.removeTree(join(root, 'run/none'))).toBeNull();
  });
});
