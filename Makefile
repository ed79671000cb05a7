# Everyday entry points; CI runs `make lint`, `make test` and `make fuzz` through .ci/run.

# Go lives in /usr/local/go/bin on the project's machines, not always on PATH.
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run test test-cluster test-console fuzz bench bench-instructions bench-go lint generate build console

# Start Redis if needed, build, create the demo org and serve on :8080.
run:
	scripts/run.sh

# Tests start their own redis-server processes, so the binary must be installed. Every test
# runs on standalone servers first, then the Redis tests again on a cluster (test-cluster).
test:
	scripts/ensure-redis.sh
	go test -race -count=1 ./...
	@$(MAKE) --no-print-directory test-cluster
	@$(MAKE) --no-print-directory test-console

# The packages that talk to Redis, on one 3-node Redis Cluster per test binary, started on
# loopback by store/redistest. Same flags as above, so the compiled packages come from the
# build cache; only the test binaries are linked again. The process fault tests
# (cmd/microact/faults) kill a standalone server and run in the first pass only.
test-cluster:
	scripts/ensure-redis.sh
	MICROACT_TEST_REDIS=cluster go test -race -count=1 ./store/... ./handlers/... ./push/... ./cmd/microact/ ./cmd/internal/seed/

# The web console's and the employee app's journeys in Debian's Chromium (playwright-core) against a real `microact serve`
# with its own Redis and the demo org; SCREENSHOTS=1 rewrites docs/screenshots.
test-console:
	scripts/ensure-redis.sh
	scripts/e2e.sh

# Rebuild the committed web console and employee app (web/dist/console, web/dist/app, embedded in
# the binary) from web/src.
console:
	scripts/console.sh build

# Explore every fuzz target for a while (FUZZTIME per target, default 5s; or FUZZ_BUDGET
# seconds in all); `make test` only replays their seeds and testdata/fuzz.
fuzz:
	scripts/fuzz.sh

# The load harness (cmd/microact-load) against a private Redis and server; see BENCHMARKS.md.
# Pass harness flags with ARGS, e.g. make bench ARGS='-users 2000 -phase 3s'.
bench:
	scripts/bench.sh $(ARGS)

# Redis' instructions per hot-path call and per floor call, counted by callgrind (needs valgrind);
# see BENCHMARKS.md.
bench-instructions:
	scripts/redis-instructions.sh

# The Go benchmarks of the packages (store, handlers, push).
bench-go:
	scripts/ensure-redis.sh
	go test -run='^$$' -bench=. -benchmem ./...

lint:
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then echo "gofmt -l lists unformatted files:"; echo "$$files"; exit 1; fi
	go vet ./...
	go tool staticcheck ./...
	scripts/openapi.sh lint
	scripts/console.sh check

generate:
	go generate ./...

build:
	go build -o bin/microact ./cmd/microact
