// File modes (UMask=, RuntimeDirectoryMode=, SocketMode=...) as parse_mode() reads them: octal
// digits, as many as written ("00000022" is 022), no sign, at most 07777.

export function parseMode(value: string): number | undefined {
  const v = value.trim();
  if (!/^[0-7]+$/.test(v)) return undefined;
  const n = BigInt(`0o${v}`);
  return n <= 0o7777n ? Number(n) : undefined;
}
