#!/usr/bin/env bash
# Runs every Go fuzz target of the repository (func FuzzXxx(f *testing.F), found with
# `go test -list`) for a short time each, one after the other, and stops at the first one
# that finds a failing input. `go test` alone only replays the seeds and testdata/fuzz; this
# explores. A failing input is written to <package>/testdata/fuzz/<target>/ — commit it with
# the fix, and it becomes a regression test.
#
#   FUZZTIME     time per target, as -fuzztime takes it (default 5s)
#   FUZZ_BUDGET  seconds for all targets together; when set, each gets an equal share
#                (at least 1s) and FUZZTIME is ignored, so adding targets keeps CI's time
#   FUZZ_PACKAGES  package patterns to search (default ./...)
#
# Example: FUZZTIME=60s scripts/fuzz.sh    # a longer local session
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"

fuzztime=${FUZZTIME:-5s}
read -r -a patterns <<<"${FUZZ_PACKAGES:-./...}"

# Only packages with a fuzz target in their tests are listed: `go test -list` builds every test
# binary it is given, which for the whole module takes longer than fuzzing.
mapfile -t candidates < <(go list -f '{{.Dir}} {{.ImportPath}} {{join .TestGoFiles " "}} {{join .XTestGoFiles " "}}' "${patterns[@]}" |
	while read -r dir pkg files; do
		for f in $files; do
			if grep -q '^func Fuzz' "$dir/$f"; then
				echo "$pkg"
				break
			fi
		done
	done)
if ((${#candidates[@]} == 0)); then
	echo "fuzz: no fuzz targets found in ${patterns[*]}" >&2
	exit 1
fi

# `go test -list` prints a package's matching names, then "ok <package> <time>".
targets=()
pending=()
while IFS= read -r line; do
	case "$line" in
	Fuzz*) pending+=("$line") ;;
	ok*)
		pkg=$(awk '{print $2}' <<<"$line")
		for name in "${pending[@]}"; do targets+=("$pkg $name"); done
		pending=()
		;;
	esac
done < <(go test -run='^$' -list='^Fuzz' "${candidates[@]}")
if ((${#targets[@]} == 0)); then
	echo "fuzz: no fuzz targets found in ${patterns[*]}" >&2
	exit 1
fi

if [ -n "${FUZZ_BUDGET:-}" ]; then
	share=$((FUZZ_BUDGET / ${#targets[@]}))
	fuzztime="$((share < 1 ? 1 : share))s"
fi
echo "fuzz: ${#targets[@]} targets, $fuzztime each"

# Go 1.26's fuzzing coordinator can report a bare "context deadline exceeded" as a failure
# when -fuzztime ends while a worker is still busy, on a loaded machine
# (https://go.dev/issue/75804, fixed in Go 1.27). A real finding always writes its input
# ("Failing input written to"), so only that bare message is retried, twice at most.
flake() {
	grep -q 'context deadline exceeded' "$1" && ! grep -qE 'Failing input written|panic:' "$1"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for target in "${targets[@]}"; do
	read -r pkg name <<<"$target"
	for attempt in 1 2 3; do
		echo "fuzz: $pkg $name"
		if go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" -timeout=10m "$pkg" >"$log" 2>&1; then
			break
		fi
		if ! flake "$log"; then
			grep -v '^fuzz: elapsed' "$log" >&2
			echo "fuzz: $name in $pkg failed; the failing input is under its package's testdata/fuzz/$name/" >&2
			exit 1
		fi
		if ((attempt == 3)); then
			echo "fuzz: $name in $pkg ran into Go's fuzztime deadline race three times; no failing input was found" >&2
			break
		fi
		echo "fuzz: $name hit Go's fuzztime deadline race (go.dev/issue/75804), not a finding; again" >&2
	done
done
echo "fuzz: all ${#targets[@]} targets passed"
