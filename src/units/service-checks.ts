// The consistency checks systemd makes on a loaded service before it can be used (service_verify()
// in systemd 252). A failure makes the unit "bad-setting" with the message quoted here.

import type { Unit } from './model.js';

export function checkService(u: Unit): string | undefined {
  const s = u.service;
  if (u.type !== 'service' || !s || u.loadState !== 'loaded') return undefined;
  const hasSuccessAction = u.unit.successAction !== undefined && u.unit.successAction !== 'none';
  if (s.execStart.length === 0 && s.execStop.length === 0 && !hasSuccessAction) {
    return 'Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.';
  }
  if (!s.remainAfterExit && s.execStart.length === 0 && !hasSuccessAction) {
    return 'Service has no ExecStart= and no SuccessAction= settings and does not have RemainAfterExit=yes set. Refusing.';
  }
  if (s.type !== 'oneshot' && s.execStart.length === 0) {
    return 'Service has no ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.';
  }
  if (s.type !== 'oneshot' && s.execStart.length > 1) {
    return 'Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.';
  }
  if (s.type === 'oneshot' && (s.restart === 'always' || s.restart === 'on-success')) {
    return 'Service has Restart= set to either always or on-success, which isn\'t allowed for Type=oneshot services. Refusing.';
  }
  if (s.type === 'dbus' && !s.busName) {
    return 'Service is of type D-Bus but no D-Bus service name has been specified. Refusing.';
  }
  return undefined;
}
