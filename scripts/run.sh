#!/usr/bin/env bash
# `make run`: from a fresh Debian machine to a running microact with a demo org.
# Makes sure a Redis answers (starting a local one with AOF persistence under
# .data/redis if needed), builds bin/microact, creates or refreshes the demo
# org, prints how to enroll, then execs `microact serve`.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
scripts/ensure-redis.sh

redis_url=${MICROACT_REDIS_URL:-redis://127.0.0.1:6379/0}

# Prints what the Redis at redis_url answers to PING: PONG, an error such as
# NOAUTH, or nothing when nothing listens there.
redis_ping() {
	timeout 3 redis-cli --no-auth-warning -u "$redis_url" ping 2>/dev/null || true
}

# Simple URL parsing, enough for scheme://[user:pass@]host[:port][/db].
start_local_redis() {
	local hostport=${redis_url#*://}
	hostport=${hostport##*@}
	hostport=${hostport%%/*}
	local host=${hostport%%:*}
	local port=${hostport#"$host"}
	port=${port#:}
	port=${port:-6379}
	case $host in
	127.0.0.1 | localhost) ;;
	*)
		echo "no Redis answers at $redis_url; start it, or point MICROACT_REDIS_URL at one that runs" >&2
		exit 1
		;;
	esac

	local dir="$repo/.data/redis"
	mkdir -p "$dir"
	echo "starting redis-server on 127.0.0.1:$port (AOF in $dir; stop it with: redis-cli -p $port shutdown)"
	redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" \
		--appendonly yes --appendfsync everysec --hash-max-listpack-value 1024 --daemonize yes \
		--pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
	for _ in $(seq 100); do # poll for up to ~10 s
		[ "$(redis_ping)" = PONG ] && return 0
		sleep 0.1
	done
	echo "redis-server did not answer on port $port within 10 s; see $dir/redis.log:" >&2
	tail -n 20 "$dir/redis.log" >&2 || true
	exit 1
}

# With Redis Cluster the operator runs the nodes; there is nothing to start.
if [ -z "${MICROACT_REDIS_CLUSTER_ADDRS:-}" ]; then
	answer=$(redis_ping)
	if [ -z "$answer" ]; then
		start_local_redis
	elif [ "$answer" != PONG ]; then
		echo "the Redis at $redis_url answered PING with: $answer" >&2
		exit 1
	fi
fi

go build -o bin/microact ./cmd/microact
export MICROACT_ENV=${MICROACT_ENV:-dev}

# enrollment_code ROLE reads the demo's code for ROLE from its JSON on stdin, with jq when it
# is there and sed otherwise.
enrollment_code() {
	local input
	input=$(cat)
	if command -v jq >/dev/null; then
		jq -r ".enrollment_codes.$1 // empty" <<<"$input"
	else
		tr -d '\n' <<<"$input" | sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"
	fi
}

out=$(bin/microact demo)
printf '%s\n' "$out"
http_addr=${MICROACT_HTTP_ADDR:-:8080}
port=${http_addr##*:}
echo
echo "== microact (MICROACT_ENV=$MICROACT_ENV) is starting on port $port =="
echo "The demo org has 20 people in 3 teams with four weeks of history. Enroll as one of them"
echo "(codes are single-use; \`make run\` again refreshes the demo and prints new ones):"
echo
for role in admin lead employee; do
	code=$(enrollment_code "$role" <<<"$out")
	printf '  %-8s curl -s -X POST localhost:%s/v1/auth/enroll -H '"'"'content-type: application/json'"'"' -d '"'"'{"code":"%s"}'"'"'\n' "$role" "$port" "$code"
done
echo
echo "Use the access_token from the answer as 'Authorization: Bearer <token>', e.g."
echo "  curl -s localhost:$port/v1/me/today -H \"Authorization: Bearer \$TOKEN\""
echo

exec bin/microact serve
