// User and group names as systemd 252 accepts them in User=, Group=, SupplementaryGroups=,
// SocketUser=... (valid_user_group_name() in its relaxed mode).

/**
 * User=/Group=: a numeric ID or a name valid under systemd's relaxed rules (no control
 * characters, ":" or "/"); anything else makes the unit unusable
 * ("Invalid user/group name or numeric ID"). Names outside the strict rules are accepted.
 */
export function isUserName(v: string): boolean {
  // An all-digit value must be a plain UID ("0755" is neither a UID nor a name).
  if (/^[0-9]+$/.test(v)) return /^(0|[1-9][0-9]*)$/.test(v) && Number(v) < 4294967295;
  // Nothing that looks like a negative UID either.
  return !(v === '' || v === '.' || v === '..' || v === '-' || /^-[0-9]+$/.test(v) || /[\x00-\x1f\x7f:/]/.test(v) || v.length > 256);
}
