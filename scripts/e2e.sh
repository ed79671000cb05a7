#!/usr/bin/env bash
# `make test-console`: the console's, the app's and the break-room screen's journeys in a real browser (E2E_FILES=e2e/app.test.mjs
# runs one file). Builds microact from this
# checkout, starts a private redis-server and `microact serve` on free loopback ports (in a
# temporary folder, removed afterwards), creates the demo org and runs web/e2e with Debian's
# Chromium. E2E_ONLY=<regexp> runs only the tests whose names match; SCREENSHOTS=1 rewrites docs/screenshots; CONSOLE_TIMINGS=file keeps the page timings.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	echo "e2e: Chromium is needed at $chromium (apt-get install chromium; .ci/run installs it)" >&2
	exit 1
fi
[ -d web/node_modules ] || (cd web && npm ci --no-audit --no-fund)

tmp=$(mktemp -d)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

go build -o "$tmp/microact" ./cmd/microact

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$tmp" --save "" --appendonly no --logfile "$tmp/redis.log" &
pids+=($!)
for _ in $(seq 100); do
	redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
	sleep 0.1
done

http_port=$(free_port)
export MICROACT_ENV=dev MICROACT_REDIS_URL="redis://127.0.0.1:$redis_port/0" MICROACT_HTTP_ADDR="127.0.0.1:$http_port"
export MICROACT_AUTH_RATE=off MICROACT_USER_RATE=off
cd "$tmp" # dev mode keeps its generated signing key under ./.data
demo=$("$tmp/microact" demo)
codes=$(node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0,"utf8")).enrollment_codes))' <<<"$demo")
# The employee app's journeys (e2e/app.test.mjs) enroll demo employees of Customer Service with
# codes of their own, so the console's codes stay unused.
app_codes=""
for who in sem.dekker levi.brouwer anna.kok ruben.koster milan.de.wit zoe.van.dijk fatima.el.amrani finn.peters mila.hendriks; do
	c=$("$tmp/microact" user code --org demo --email "$who@demo.example" | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")).enrollment_code)')
	app_codes+="${app_codes:+,}\"$who\":\"$c\""
done
# The break-room screen's journeys (e2e/tv.test.mjs) run in an org of their own, so what they
# share and the links they make and revoke never meet the demo's journeys.
screen_admin=$("$tmp/microact" org create --slug screen-e2e --name "Screen E2E" --timezone Europe/Amsterdam \
	--admin-name "Sam Screen" --admin-email sam.screen@screen.example --pack starter |
	node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")).admin.enrollment_code)')
"$tmp/microact" serve >"$tmp/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
	node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$http_port/readyz" && break
	sleep 0.1
done
cd "$repo/web"

status=0
CONSOLE_URL="http://127.0.0.1:$http_port" CONSOLE_CODES="$codes" APP_CODES="{$app_codes}" SCREEN_ADMIN_CODE="$screen_admin" CHROMIUM="$chromium" \
	node --test --test-concurrency=1 ${E2E_ONLY:+--test-name-pattern="$E2E_ONLY"} ${E2E_FILES:-e2e/} || status=$?
if [ "$status" -ne 0 ]; then
	echo "--- microact serve log (last 40 lines) ---" >&2
	tail -n 40 "$tmp/serve.log" >&2
fi
exit "$status"
