#!/usr/bin/env bash
# Checks and renders the OpenAPI document, handlers/openapi.yaml.
#
#   scripts/openapi.sh lint   Spectral (rules in .spectral.yaml); fails on any warning. Then
#                             checks that web/src/api/schema.d.ts is the document's openapi-typescript
#                             output and that every example of the document fits those types
#                             (web/scripts/check-examples.mjs; npm ci in web/ first when needed).
#   scripts/openapi.sh docs   Rebuilds handlers/docs.html, the self-contained page served at /docs.
#
# Needs Node.js and npm (Debian: apt-get install nodejs npm). The tools come from
# the npm registry at the pinned versions below and are cached, so only the first
# run downloads them. The Go code is regenerated separately: go generate ./handlers
set -euo pipefail

SPECTRAL_VERSION=6.16.3 # @stoplight/spectral-cli; needs Node.js >= 18.18
REDOCLY_VERSION=2.77.0  # @redocly/cli; needs Node.js >= 20.19 (--inlineBundle came with 2.x)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

spec=handlers/openapi.yaml
docs=handlers/docs.html

# npm's cache, outside the work tree; ~/.npm may be missing or not writable on a
# fresh machine or in CI, so fall back to the (git-ignored) .data/ of the repo.
cache_root=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}
if [[ -z $cache_root ]] || ! mkdir -p "$cache_root/microact-npm" 2>/dev/null; then
	cache_root=$repo/.data
fi
export npm_config_cache=${MICROACT_NPM_CACHE:-$cache_root/microact-npm}
mkdir -p "$npm_config_cache"

# No telemetry or update checks: the tools' own servers are not reachable here.
export SCARF_ANALYTICS=false
export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false

die() {
	echo "openapi.sh: $*" >&2
	exit 1
}

# need_node MAJOR MINOR: fails unless node is at least MAJOR.MINOR.
need_node() {
	command -v node >/dev/null && command -v npx >/dev/null ||
		die "node and npx are needed (Debian: apt-get install nodejs npm)"
	local version major minor
	version=$(node --version)
	version=${version#v}
	major=${version%%.*}
	minor=${version#*.}
	minor=${minor%%.*}
	if ((major < $1 || (major == $1 && minor < $2))); then
		die "Node.js >= $1.$2 is needed, found $version"
	fi
}

lint() {
	need_node 18 18
	npx --yes "@stoplight/spectral-cli@$SPECTRAL_VERSION" lint \
		--ruleset .spectral.yaml --fail-severity=warn "$spec"
	# web/'s tools are pinned in web/package-lock.json; install them on a fresh checkout or
	# after the lock file changed (npm ci writes node_modules/.package-lock.json last).
	if [[ ! -e web/node_modules/.package-lock.json || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
		(cd web && npm ci --no-progress --loglevel=error)
	fi
	(cd web && npm run --silent check:examples)
}

build_docs() {
	need_node 20 19
	local tmp
	tmp=$(mktemp "$docs.XXXXXX")
	trap 'rm -f "$tmp"' EXIT
	# --inlineBundle embeds Redoc's script, so the page needs no CDN.
	npx --yes "@redocly/cli@$REDOCLY_VERSION" build-docs "$spec" \
		--inlineBundle --title "microact API" --output "$tmp"
	if grep -Eq '<script[^>]+src="https?:|<link[^>]+href="https?:' "$tmp"; then
		die "the built page loads a script or stylesheet from the network"
	fi
	chmod 0644 "$tmp"
	mv "$tmp" "$docs"
	trap - EXIT
	echo "wrote $docs"
}

case ${1:-} in
lint) lint ;;
docs) build_docs ;;
*)
	echo "usage: scripts/openapi.sh lint|docs" >&2
	exit 2
	;;
esac
