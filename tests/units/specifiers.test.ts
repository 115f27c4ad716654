import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, hostname, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSpecifiers, SpecifierError, systemSpecifierContext, type SpecifierContext } from '../../src/units/specifiers.js';

const ctx: SpecifierContext = {
  hostname: 'web1.example.org', prettyHostname: 'Web One', machineId: 'abc123', bootId: 'boot42',
  kernelRelease: '6.1.0-13-amd64', architecture: 'x86-64',
  osRelease: { ID: 'debian', VERSION_ID: '12', BUILD_ID: 'b', VARIANT_ID: 'v', IMAGE_ID: 'img', IMAGE_VERSION: '1' },
  userName: 'root', uid: 0, groupName: 'root', gid: 0, home: '/root', shell: '/bin/sh',
};
const pg = { name: 'postgresql@15-main.service', fragmentPath: '/lib/systemd/system/postgresql@.service' };

describe('specifiers', () => {
  it.each([
    ['%i', '15-main'], ['%I', '15/main'], ['%n', 'postgresql@15-main.service'], ['%N', 'postgresql@15-main'],
    ['%p', 'postgresql'], ['%P', 'postgresql'], ['%f', '/15/main'], ['%t', '/run'], ['%h', '/root'],
    ['%u', 'root'], ['%U', '0'], ['%g', 'root'], ['%G', '0'], ['%s', '/bin/sh'], ['%H', 'web1.example.org'],
    ['%l', 'web1'], ['%q', 'Web One'], ['%m', 'abc123'], ['%b', 'boot42'], ['%v', '6.1.0-13-amd64'],
    ['%a', 'x86-64'], ['%o', 'debian'], ['%w', '12'], ['%W', 'v'], ['%B', 'b'], ['%M', 'img'], ['%A', '1'],
    ['%S', '/var/lib'], ['%C', '/var/cache'], ['%L', '/var/log'], ['%E', '/etc'], ['%T', '/tmp'], ['%V', '/var/tmp'],
    ['%y', '/lib/systemd/system/postgresql@.service'], ['%Y', '/lib/systemd/system'], ['%d', '/run/credentials/postgresql@15-main.service'],
    ['%%', '%'], ['100%%', '100%'], ['/run/postgresql/%i.pid', '/run/postgresql/15-main.pid'], ['trailing%', 'trailing%'],
    ['no specifiers', 'no specifiers'],
  ])('%s -> %s', (t, expected) => expect(expandSpecifiers(t, pg, ctx)).toBe(expected));

  it('%j/%J take the last dash-separated part of the prefix', () => {
    const u = { name: 'foo-bar-baz@x.service' };
    expect(expandSpecifiers('%j', u, ctx)).toBe('baz');
  });

  it('unknown specifiers are an error', () => {
    expect(() => expandSpecifiers('%z', pg, ctx)).toThrow(SpecifierError);
  });

  it('non-instances give an empty %i', () => {
    expect(expandSpecifiers('[%i]', { name: 'nginx.service' }, ctx)).toBe('[]');
  });
});

describe('specifiers: characters that are not specifiers', () => {
  it('keeps "%" before punctuation, refuses unknown letters and digits', () => {
    expect(expandSpecifiers('50% done %+x', pg, ctx)).toBe('50% done %+x');
    expect(() => expandSpecifiers('%9', pg, ctx)).toThrow(SpecifierError);
  });
});

describe('specifiers: the system facts', () => {
  it('are what the kernel and node:os say, each read when first asked for', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsd-spec-'));
    try {
      mkdirSync(join(root, 'etc'));
      const facts = systemSpecifierContext(root);
      // Written after the context was made: read on first use, then kept.
      writeFileSync(join(root, 'etc/machine-id'), 'f00d\n');
      writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
      expect(facts.machineId).toBe('f00d');
      writeFileSync(join(root, 'etc/machine-id'), 'beef\n');
      expect(facts.machineId).toBe('f00d');
      expect(facts.osRelease).toEqual({ ID: 'debian', VERSION_ID: '12' });
      // No /etc/hostname under the root: the kernel's, as gethostname(2) gives it.
      expect(facts.hostname).toBe(hostname());
      expect(facts.prettyHostname).toBe(hostname());
      expect(facts.kernelRelease).toBe(release());
      expect(facts.architecture).toBe(arch() === 'x64' ? 'x86-64' : arch());
      expect({ ...facts }).toMatchObject({ machineId: 'f00d', userName: 'root', uid: 0 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('takes the facts it is given as they are', () => {
    const facts = systemSpecifierContext('/nonexistent', { hostname: 'given', machineId: 'm' });
    expect(expandSpecifiers('%H %m %q', { name: 'a.service' }, facts)).toBe('given m given');
  });
});
