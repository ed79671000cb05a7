#!/usr/bin/env bash
# The web faces (web/): `build` type-checks the sources against the generated API types and
# builds web/dist/console, the employee app web/dist/app and the break-room screen web/dist/tv
# (committed, embedded by web/embed.go); `check` (in `make lint`) builds
# into a temporary folder, fails when the committed build differs from it (the build is
# reproducible) or when the first load exceeds 150 KB of gzip-compressed JavaScript.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../web"

[ -d node_modules ] || npm ci --no-audit --no-fund

case ${1:-build} in
build)
	npx tsc -p tsconfig.json
	npx vite build --logLevel warn
	npx vite build --logLevel warn --config vite.tv.config.ts
	node scripts/console-budget.mjs dist/console
	node scripts/console-budget.mjs dist/tv
	npx vite build --config vite.app.config.ts --logLevel warn
	node scripts/console-budget.mjs dist/app
	;;
check)
	npx tsc -p tsconfig.json
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
	npx vite build --logLevel warn --outDir "$out/console"
	if ! diff -r dist/console "$out/console" >/dev/null; then
		echo "web/dist/console differs from a fresh build of web/src: run \`make console\` and commit it" >&2
		diff -r dist/console "$out/console" | head -20 >&2 || true
		exit 1
	fi
	npx vite build --logLevel warn --config vite.tv.config.ts --outDir "$out/tv"
	if ! diff -r dist/tv "$out/tv" >/dev/null; then
		echo "web/dist/tv differs from a fresh build of web/src/tv: run \`make console\` and commit it" >&2
		exit 1
	fi
	node scripts/console-budget.mjs dist/console
	node scripts/console-budget.mjs dist/tv
	npx vite build --config vite.app.config.ts --logLevel warn --outDir "$out/app"
	if ! diff -r dist/app "$out/app" >/dev/null; then
		echo "web/dist/app differs from a fresh build of web/src/app: run \`make console\` and commit it" >&2
		diff -r dist/app "$out/app" | head -20 >&2 || true
		exit 1
	fi
	node scripts/console-budget.mjs dist/app
	;;
*)
	echo "usage: scripts/console.sh build|check" >&2
	exit 2
	;;
esac
