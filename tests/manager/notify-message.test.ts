import { describe, expect, it } from 'vitest';
import { NOTIFY_BUFFER_MAX, notifyDatagramProblem, parseNotifyMessage } from '../../src/manager/notify-message.js';

describe('parseNotifyMessage', () => {
  it('reads php-fpm style multi-field datagrams', () => {
    const s = parseNotifyMessage(Buffer.from('READY=1\nSTATUS=Ready to handle connections\nMAINPID=4242'));
    expect(s).toMatchObject({ ready: true, status: 'Ready to handle connections', mainPid: 4242, invalid: [], warnings: [] });
  });

  it('reports malformed fields without throwing, and reads the good ones', () => {
    const s = parseNotifyMessage(Buffer.from('garbage\nMAINPID=abc\nMAINPID=0\n=novalue\nREADY=1'));
    expect(s.ready).toBe(true);
    expect(s.mainPid).toBeUndefined();
    expect(s.invalid).toEqual(['garbage', '=novalue']);
    expect(s.warnings).toEqual([
      'Failed to parse MAINPID= field in notification message, ignoring: abc',
      'Failed to parse MAINPID= field in notification message, ignoring: 0',
    ]);
  });

  it('ignores a STATUS= that is not UTF-8 with systemd\'s warning, and still reads READY=1', () => {
    const s = parseNotifyMessage(Buffer.concat([Buffer.from('READY=1\nSTATUS='), Buffer.from([0xff, 0xfe, 0x41])]));
    expect(s.ready).toBe(true);
    expect(s.status).toBeUndefined();
    expect(s.warnings).toEqual(['Status message in notification message is not UTF-8 clean, ignoring.']);
  });

  it('shows a binary field escaped and cut short', () => {
    const s = parseNotifyMessage(Buffer.concat([Buffer.from([0x01, 0x1b, 0xff]), Buffer.from('x'.repeat(200))]));
    expect(s.invalid).toHaveLength(1);
    expect(s.invalid[0]).toMatch(/^\\x01\\x1b\ufffdx+$/);
    expect(s.invalid[0]!.length).toBeLessThanOrEqual(90);
  });

  it('an empty datagram, or one of empty lines, says nothing', () => {
    expect(parseNotifyMessage(Buffer.alloc(0))).toEqual({ invalid: [], warnings: [] });
    expect(parseNotifyMessage(Buffer.from('\n\n\n'))).toEqual({ invalid: [], warnings: [] });
  });

  it('permits one trailing NUL, as systemd does', () => {
    expect(parseNotifyMessage(Buffer.from('READY=1\0'))).toMatchObject({ ready: true, invalid: [] });
  });

  it('reads FDSTORE=1', () => {
    expect(parseNotifyMessage(Buffer.from('FDSTORE=1\nFDNAME=x')).fdStore).toBe(true);
  });
});

describe('notifyDatagramProblem', () => {
  it('accepts a datagram of up to NOTIFY_BUFFER_MAX (PIPE_BUF) bytes', () => {
    expect(notifyDatagramProblem(Buffer.alloc(NOTIFY_BUFFER_MAX, 0x41), false)).toBeNull();
  });

  it('refuses a longer or cut-short datagram whole, in systemd\'s words', () => {
    expect(notifyDatagramProblem(Buffer.alloc(NOTIFY_BUFFER_MAX + 1, 0x41), false)).toBe('Received notify message exceeded maximum size. Ignoring.');
    expect(notifyDatagramProblem(Buffer.alloc(65536, 0x41), true)).toBe('Received notify message exceeded maximum size. Ignoring.');
    expect(notifyDatagramProblem(Buffer.from('READY=1'), true)).toBe('Got message with truncated control data (too many fds sent?), ignoring.');
  });

  it('refuses embedded NUL bytes but not one trailing NUL', () => {
    expect(notifyDatagramProblem(Buffer.from('READY=1\0MAINPID=4'), false)).toBe('Received notify message with embedded NUL bytes. Ignoring.');
    expect(notifyDatagramProblem(Buffer.from('READY=1\0'), false)).toBeNull();
    expect(notifyDatagramProblem(Buffer.from([0]), false)).toBeNull();
  });
});
