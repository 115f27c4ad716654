// File modes (UMask=, RuntimeDirectoryMode=, SocketMode=...): octal, at most 07777.

export function parseMode(value: string): number | undefined {
  const v = value.trim();
  if (!/^[0-7]{1,5}$/.test(v)) return undefined;
  const n = parseInt(v, 8);
  return n <= 0o7777 ? n : undefined;
}
