#!/usr/bin/env bash
# Installs the npm dependencies when package.json or package-lock.json changed since the last
# install (first run on a clean clone included). Called by `npm run dev` and `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.install-stamp
want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "› installing npm dependencies (npm ci)…"
start=$(date +%s)
mkdir -p var
if ! npm ci --no-audit --no-fund --loglevel=error >var/npm-ci.log 2>&1; then
  # npm 11 here can write a lockfile without other platforms' optional binaries, which `npm ci`
  # then refuses; `npm install` installs the very same locked versions without rewriting it.
  echo "› npm ci refused the lockfile (details in var/npm-ci.log); installing the same locked versions with npm install"
  npm install --no-audit --no-fund --loglevel=error
fi
echo "$want" >"$stamp"
echo "› npm dependencies ready in $(($(date +%s) - start)) s"
