#!/bin/sh
# The bench's own set-up step: installs the peer inits from Debian's packages,
# extracts docker-systemctl-replacement (it conflicts with systemd, so it is
# never installed) and compiles the workload. Idempotent; run as root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work="$here/.work"
mkdir -p "$work"

missing=""
for pair in tini:tini dumb-init:dumb-init catatonit:catatonit supervisord:supervisor runsvdir:runit s6-svscan:s6 python3:python3; do
  bin=${pair%%:*} pkg=${pair#*:}
  command -v "$bin" >/dev/null 2>&1 || missing="$missing $pkg"
done
command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
if [ -n "$missing" ]; then
  echo "setup: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # runit-run/runit-init hooks would start a system runsvdir: not wanted
  apt-get install -y -qq --no-install-recommends $missing >&2
fi

if [ ! -x "$work/systemctl/usr/bin/systemctl" ]; then
  echo "setup: extracting docker-systemctl-replacement (Debian package systemctl)" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download systemctl >/dev/null 2>&1 || { apt-get update -qq && apt-get download systemctl; })
  rm -rf "$work/systemctl"
  dpkg -x "$tmp"/systemctl_*.deb "$work/systemctl"
  dpkg-deb -f "$tmp"/systemctl_*.deb Version > "$work/systemctl/VERSION"
  rm -rf "$tmp"
fi

if [ ! -x "$work/bw" ] || [ "$here/workloads/bw.c" -nt "$work/bw" ]; then
  cc -O2 -Wall -Wextra -o "$work/bw" "$here/workloads/bw.c"
fi
echo "setup: ok" >&2
