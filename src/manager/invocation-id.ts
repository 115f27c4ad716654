// INVOCATION_ID: 128 random bits per run of a unit, as 32 hex digits (sd_id128 format).
// Read from the kernel's random pool in batches rather than through node:crypto, whose load
// alone costs PID 1 about 10 ms on its way to starting the first service.
import { closeSync, openSync, readSync } from 'node:fs';

const ID_BYTES = 16;
const BATCH = 64 * ID_BYTES;
let pool = Buffer.alloc(0);
let offset = 0;

function refill(): void {
  pool = Buffer.allocUnsafe(BATCH);
  const fd = openSync('/dev/urandom', 'r');
  try {
    let filled = 0;
    while (filled < BATCH) filled += readSync(fd, pool, filled, BATCH - filled, null);
  } finally {
    closeSync(fd);
  }
  offset = 0;
}

export function newInvocationId(): string {
  if (offset + ID_BYTES > pool.length) refill();
  const id = pool.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}
