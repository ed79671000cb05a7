#!/usr/bin/env bash
# `make bench-instructions`: Redis' instructions per call of the daily loop's hot paths and of the
# floor of a write, counted by callgrind (valgrind) in a private redis-server (AOF everysec, the
# hash packing README recommends). Unlike CPU time on a shared VM, an instruction count does not
# change from run to run, so a change of a few per cent shows. It does not count the kernel's
# part (the sockets, the AOF's write), which every call pays alike. See BENCHMARKS.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install valgrind" >&2; exit 1; }
command -v redis-server >/dev/null || scripts/ensure-redis.sh

tmp=$(mktemp -d)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
	echo $((20000 + RANDOM % 20000)))
(cd "$tmp" && exec valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.out.%p" \
	redis-server --port "$port" --bind 127.0.0.1 --dir "$tmp" --save '' \
	--appendonly yes --appendfsync everysec --hash-max-listpack-value 1024 >"$tmp/valgrind.log" 2>&1) &
pid=$!
for _ in $(seq 300); do
	[ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && break
	sleep 0.1
done
[ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] || { cat "$tmp/valgrind.log" >&2; echo "redis-server under callgrind did not answer" >&2; exit 1; }

MICROACT_CALLGRIND_ADDR="127.0.0.1:$port" MICROACT_CALLGRIND_PID="$pid" MICROACT_CALLGRIND_DIR="$tmp" \
	go test -tags callgrind -count 1 -run '^TestRedisInstructions$' -v ./cmd/internal/seed/ | grep -v '^=== '
