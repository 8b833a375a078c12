#!/usr/bin/env bash
# Runs before `npm test`: the distributed tests start their own redis-server
# (on a free 127.0.0.1 port), so it must be installed. As root on Debian or
# Ubuntu it is installed here; otherwise this says exactly what to install.
set -u
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is missing: installing Debian's redis-server package for the distributed tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null && exit 0
fi
echo "redis-server is missing, and the distributed tests need it: install it (Debian/Ubuntu: 'sudo apt-get install redis-server', macOS: 'brew install redis') and run npm test again." >&2
exit 1
