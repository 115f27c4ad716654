// Control latency: a stub until tsd has a control plane.
export default {
  name: 'control',
  title: 'Control latency',
  how: 'Not measured yet: tsd has no control plane (no `tsd ctl` / D-Bus API to start or stop a unit at run time). When it has one, this scenario will time `start`/`stop` of one unit through it against `systemctl start` (docker-systemctl-replacement), `supervisorctl start`, `sv up` and `s6-svc -u`, from the command\'s exec to the service\'s `start` timestamp.',
  inits: ['tsd'],
  variants: () => [{ id: 'start one unit' }],
  figures: [{ key: 'ms', label: 'command to service running (ms)' }],
  stub: 'n/a: tsd has no control plane yet',
  async round() { return { na: 'tsd has no control plane yet' }; },
};
