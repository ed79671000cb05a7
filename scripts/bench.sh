#!/usr/bin/env bash
# `make bench`: the load harness against a private Redis and microact serve.
# Starts redis-server (AOF everysec, the hash packing and AOF rewrite size README recommends)
# and `microact serve` on free loopback ports with data in a temporary
# directory, runs cmd/microact-load against them and prints its Markdown
# report, then stops both. Arguments are passed to microact-load (e.g. -users 2000 -phase 3s).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
scripts/ensure-redis.sh

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + RANDOM % 20000))
}

go build -o "$tmp/microact" ./cmd/microact
go build -o "$tmp/microact-load" ./cmd/microact-load

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$tmp" --save '' \
	--appendonly yes --appendfsync everysec --hash-max-listpack-value 1024 \
	--auto-aof-rewrite-min-size 1gb --latency-monitor-threshold 5 --logfile "$tmp/redis.log" &
pids+=($!)
for _ in $(seq 100); do
	[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] && break
	sleep 0.1
done

http_port=$(free_port)
export MICROACT_REDIS_URL="redis://127.0.0.1:$redis_port/0" MICROACT_HTTP_ADDR="127.0.0.1:$http_port"
# dev: a signing key is made under the temporary directory; pushes go to the log.
# API only (--workers=false): the harness measures the API, and reminders falling due while it
# runs (the seeded users' 08:30 and 18:00) would otherwise make each run's figures depend on
# the time of day. Deployments may run workers on their own replicas the same way (README).
# The harness's customers answer the feedback pages from addresses of their own, sent as the
# X-Forwarded-For of a proxy on loopback that the server trusts (see cmd/microact-load/feedback.go).
(cd "$tmp" && MICROACT_ENV=dev MICROACT_TRUSTED_PROXIES=127.0.0.1/32 exec ./microact serve --workers=false >"$tmp/serve.log" 2>&1) &
pids+=($!)
for _ in $(seq 100); do
	curl -fsS "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && break
	sleep 0.1
done

echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on :$redis_port, microact serve on :$http_port" >&2
"$tmp/microact-load" -url "http://127.0.0.1:$http_port" -redis "$MICROACT_REDIS_URL" -server-pid "${pids[1]}" "$@"

# Where Redis itself stalled for 5 ms or more during the run (an fsync, a slow command), from its
# latency monitor: the first suspect when the mixed phase's p99 is over its target.
echo
echo "Redis latency events of 5 ms or more (\`LATENCY LATEST\`: event, last at, last ms, max ms):"
echo
latest=$(redis-cli -p "$redis_port" --no-raw latency latest | paste -sd ' ' -)
if [ -z "$latest" ] || [ "$latest" = "(empty array)" ]; then
	echo "none"
else
	redis-cli -p "$redis_port" latency latest | paste -d ' ' - - - - | sed 's/^/- /'
fi
