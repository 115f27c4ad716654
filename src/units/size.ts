// Sizes with the base-1024 suffixes systemd's parse_size() knows: "512", "64K", "1.5G", "2T".

const FACTORS: Record<string, number> = {
  '': 1, B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5, E: 1024 ** 6,
};

export function parseSize(value: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([KMGTPE]?)B?$/.exec(value.trim());
  if (!m) return undefined;
  const f = FACTORS[m[2] ?? ''];
  return f === undefined ? undefined : Math.floor(Number(m[1]) * f);
}
