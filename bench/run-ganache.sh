#!/usr/bin/env bash
# Installs the pinned Ganache + ethers (bench/ganache/package-lock.json) and runs the Ganache peer benchmark.
# Usage: bench/run-ganache.sh [--txs N] [--senders S] [--warmup W]   (one JSON line on stdout)
# Needs Node.js >= 18 and npm; on Debian/Ubuntu without them: sudo apt-get install -y nodejs npm
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/ganache" && pwd)"
if ! command -v node >/dev/null 2>&1; then
  echo "run-ganache.sh: node not found (Debian/Ubuntu: apt-get install -y nodejs npm)" >&2
  exit 1
fi
if [[ ! -d "$DIR/node_modules/ganache" || ! -d "$DIR/node_modules/ethers" ]]; then
  (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
exec node "$DIR/bench.js" "$@"
