#!/usr/bin/env bash
# Runs before `npm test` and in .ci/run: the run-report tests open reports in
# headless Chromium (puppeteer-core drives Debian's chromium package), so it
# must be installed. As root on Debian or Ubuntu it is installed here;
# otherwise this says exactly what to install.
set -u
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then exit 0; fi
for browser in chromium chromium-browser; do command -v "$browser" >/dev/null 2>&1 && exit 0; done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing: installing Debian's chromium package for the run-report browser tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
echo "chromium is missing, and the run-report tests need it: install it (Debian/Ubuntu: 'sudo apt-get install chromium', or set CHROMIUM_PATH to a Chromium or Chrome binary) and run npm test again." >&2
exit 1
