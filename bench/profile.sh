#!/usr/bin/env bash
# CPU profile of any `ledger` command with async-profiler (native frames, JIT, GC and kernel included), e.g.
#   bench/profile.sh bench cluster --validators 4 --txs 60000 --clients 256
# Writes target/profile/<time>.collapsed (one stack per line with its sample count: feed it to any flame-graph
# tool, or grep it) and prints the heaviest frames.
# async-profiler comes from Maven Central (tools.profiler:async-profiler, linux x64/arm64 libraries inside).
# Env: PROFILE_EVENT (default cpu; falls back to itimer where perf events are not allowed), PROFILE_INTERVAL (4ms).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=4.1
JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar"
if [[ ! -f "$JAR" ]]; then
  mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$VERSION" >&2
fi
case "$(uname -m)" in
  x86_64) ARCH=linux-x64 ;;
  aarch64) ARCH=linux-arm64 ;;
  *) echo "profile.sh: unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac
LIB_DIR="$ROOT/target/profile/lib"
mkdir -p "$LIB_DIR"
if [[ ! -f "$LIB_DIR/$ARCH/libasyncProfiler.so" ]]; then
  (cd "$LIB_DIR" && unzip -q -o "$JAR" "$ARCH/libasyncProfiler.so")
fi
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/target/profile/$STAMP"
EVENT="${PROFILE_EVENT:-cpu}"
INTERVAL="${PROFILE_INTERVAL:-4ms}"
AGENT="$LIB_DIR/$ARCH/libasyncProfiler.so=start,event=$EVENT,interval=$INTERVAL"
# bin/ledger builds the jar if needed and passes LEDGER_JAVA_OPTS to the JVM; the agent dumps when the JVM exits.
LEDGER_JAVA_OPTS="-agentpath:$AGENT,file=$OUT.collapsed,collapsed ${LEDGER_JAVA_OPTS:-}" "$ROOT/bin/ledger" "$@"
echo "profile.sh: collapsed stacks in $OUT.collapsed" >&2
python3 - "$OUT.collapsed" <<'PY' >&2
import collections, sys
total = 0; inclusive = collections.Counter()
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n); total += n
    for frame in set(stack.split(';')):
        if 'reactiveledger' in frame or 'CompileBroker::compiler_thread_loop' in frame or frame.startswith('G1'):
            inclusive[frame] += n
print(f"top inclusive frames ({total} samples):")
for frame, n in inclusive.most_common(25):
    print(f"  {100 * n / total:5.1f}%  {frame[:120]}")
PY
