// The unit search path (systemd.unit(5), "Unit File Load Path"), highest precedence first.

/** The system manager's default unit path on Debian 12 (merged /usr keeps both /lib and /usr/lib). */
export const DEFAULT_UNIT_PATH: readonly string[] = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/local/lib/systemd/system',
  '/lib/systemd/system',
  '/usr/lib/systemd/system',
];

function splitColons(value: string): string[] {
  return value.split(':');
}

/**
 * --unit-path (repeatable, colon-separated) wins; else $SYSTEMD_UNIT_PATH: "If the variable
 * ends with an empty component (\":\"), the usual unit load path will be appended"; else the
 * defaults. Duplicates are dropped, keeping the first (highest precedence) occurrence.
 */
export function resolveSearchPath(env: Record<string, string | undefined>, unitPathOption?: string[]): string[] {
  let dirs: string[];
  if (unitPathOption && unitPathOption.length > 0) {
    dirs = unitPathOption.flatMap(splitColons).filter((d) => d !== '');
  } else if (env.SYSTEMD_UNIT_PATH !== undefined && env.SYSTEMD_UNIT_PATH !== '') {
    const parts = splitColons(env.SYSTEMD_UNIT_PATH);
    const appendDefaults = parts[parts.length - 1] === '';
    dirs = parts.filter((d) => d !== '');
    if (appendDefaults) dirs.push(...DEFAULT_UNIT_PATH);
  } else {
    dirs = [...DEFAULT_UNIT_PATH];
  }
  return [...new Set(dirs.map((d) => (d.length > 1 ? d.replace(/\/+$/, '') : d)))];
}
