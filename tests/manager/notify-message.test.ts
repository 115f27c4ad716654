import { describe, expect, it } from 'vitest';
import { parseNotifyMessage } from '../../src/manager/notify-message.js';

describe('parseNotifyMessage', () => {
  it('reads php-fpm style multi-field datagrams', () => {
    const s = parseNotifyMessage(Buffer.from('READY=1\nSTATUS=Ready to handle connections\nMAINPID=4242'));
    expect(s).toMatchObject({ ready: true, status: 'Ready to handle connections', mainPid: 4242, invalid: [] });
  });

  it('reports malformed lines without throwing', () => {
    const s = parseNotifyMessage(Buffer.from('garbage\nMAINPID=abc\nMAINPID=0\nREADY=1'));
    expect(s.ready).toBe(true);
    expect(s.mainPid).toBeUndefined();
    expect(s.invalid).toHaveLength(3);
  });

  it('rejects binary datagrams', () => {
    const s = parseNotifyMessage(Buffer.from([0x52, 0x00, 0xff, 0xfe]));
    expect(s.ready).toBeUndefined();
    expect(s.invalid).toEqual(['datagram is not valid UTF-8 text']);
  });

  it('bounds the number of fields it reads', () => {
    const s = parseNotifyMessage(Buffer.from(Array.from({ length: 1000 }, () => 'STATUS=x').join('\n')));
    expect(s.invalid.at(-1)).toMatch(/more than/);
  });
});
