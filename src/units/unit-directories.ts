// The unit directories on disk: each directory is listed once and kept (loading 1,000 units must
// not stat 1,000 x 5 paths), symlinks are resolved the way systemd does under a --root.

import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { posix } from 'node:path';

export type EntryKind = 'file' | 'symlink' | 'directory' | 'other';

export interface DirEntry {
  name: string;
  /** the path on disk (root-prefixed) */
  path: string;
  kind: EntryKind;
}

export interface ResolvedLink {
  /** the final file on disk (root-prefixed), or '/dev/null' for a mask */
  path: string;
  masked: boolean;
  /** the final path does not exist */
  dangling: boolean;
}

const MAX_LINK_HOPS = 32;
const EMPTY: ReadonlyMap<string, DirEntry> = new Map();

export class UnitDirectories {
  private readonly listings = new Map<string, Map<string, DirEntry>>();
  /** directory -> the error code readdir gave for it (ENOENT, ENOTDIR, EACCES...) */
  private readonly unreadable = new Map<string, string>();

  /** `dirs`: search path (highest precedence first), already root-prefixed; `root`: '' or the --root. */
  constructor(readonly dirs: readonly string[], readonly root: string) {}

  /** The entries of a directory (empty when missing); cached. */
  list(dir: string): ReadonlyMap<string, DirEntry> {
    let m = this.listings.get(dir);
    if (m) return m;
    m = new Map();
    try {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        const kind: EntryKind = d.isSymbolicLink() ? 'symlink' : d.isFile() ? 'file' : d.isDirectory() ? 'directory' : 'other';
        m.set(d.name, { name: d.name, path: `${dir}/${d.name}`, kind });
      }
    } catch (error) {
      // a missing or unreadable directory contributes nothing, as in systemd
      this.unreadable.set(dir, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    this.listings.set(dir, m);
    return m;
  }

  /** Why `dir` could not be listed (an error code such as ENOENT), or undefined if it could. */
  listingError(dir: string): string | undefined {
    this.list(dir);
    return this.unreadable.get(dir);
  }

  /**
   * The entries of `dir/sub`, asking the (cached) listing of `dir` first: most units have no
   * drop-in or .wants directory, and a failing readdir per candidate would dominate load time.
   */
  listSub(dir: string, sub: string): ReadonlyMap<string, DirEntry> {
    const e = this.list(dir).get(sub);
    if (!e || (e.kind !== 'directory' && e.kind !== 'symlink')) return EMPTY;
    return this.list(`${dir}/${sub}`);
  }

  /** The highest-precedence entry named `name` (file or symlink), with the index of its directory. */
  find(name: string): { entry: DirEntry; dirIndex: number } | undefined {
    for (let i = 0; i < this.dirs.length; i++) {
      const e = this.list(this.dirs[i]!).get(name);
      if (e && (e.kind === 'file' || e.kind === 'symlink')) return { entry: e, dirIndex: i };
    }
    return undefined;
  }

  /** Follows a chain of symlinks; absolute targets are taken relative to the root. */
  resolve(path: string): ResolvedLink {
    let p = path;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      let target: string;
      try {
        target = readlinkSync(p);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EINVAL') return { path: p, masked: false, dangling: false }; // not a link
        return { path: p, masked: false, dangling: true };
      }
      const abs = target.startsWith('/') ? target : posix.join(posix.dirname(p), target);
      const inRoot = target.startsWith('/') ? abs : abs.slice(this.root.length) || '/';
      if (inRoot === '/dev/null' || abs === '/dev/null') return { path: '/dev/null', masked: true, dangling: false };
      p = target.startsWith('/') ? `${this.root}${abs}` : abs;
    }
    return { path: p, masked: false, dangling: true };
  }

  /** The target of a symlink as written, undefined when `path` is not one. */
  readLink(path: string): string | undefined {
    try {
      return readlinkSync(path);
    } catch {
      return undefined;
    }
  }

  /** An existing empty regular file (after symlinks): systemd's null_or_empty_path() mask. */
  isEmptyFile(path: string): boolean {
    try {
      const st = statSync(path);
      return st.isFile() && st.size === 0;
    } catch {
      return false;
    }
  }

  /** A regular, readable unit file at `path`? */
  isFile(path: string): boolean {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  }

  /** Strips the root prefix for display inside the root ("/lib/systemd/system/x.service"). */
  inRoot(path: string): string {
    return this.root && path.startsWith(this.root) ? path.slice(this.root.length) || '/' : path;
  }
}
