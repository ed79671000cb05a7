# Everyday entry points; CI runs `make lint` and `make test` through .ci/run.

# Go lives in /usr/local/go/bin on the project's machines, not always on PATH.
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run test bench bench-go lint generate build

# Start Redis if needed, build, create the demo org and serve on :8080.
run:
	scripts/run.sh

# Tests start their own redis-server processes, so the binary must be installed.
test:
	scripts/ensure-redis.sh
	go test -race -count=1 ./...

# The load harness (cmd/microact-load) against a private Redis and server; see BENCHMARKS.md.
# Pass harness flags with ARGS, e.g. make bench ARGS='-users 2000 -phase 3s'.
bench:
	scripts/bench.sh $(ARGS)

# The Go benchmarks of the packages (store, handlers, push).
bench-go:
	scripts/ensure-redis.sh
	go test -run='^$$' -bench=. -benchmem ./...

lint:
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then echo "gofmt -l lists unformatted files:"; echo "$$files"; exit 1; fi
	go vet ./...
	go tool staticcheck ./...
	scripts/openapi.sh lint

generate:
	go generate ./...

build:
	go build -o bin/microact ./cmd/microact
