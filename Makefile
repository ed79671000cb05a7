# Everyday entry points; CI runs `make lint`, `make test` and `make fuzz` through .ci/run.

# Go lives in /usr/local/go/bin on the project's machines, not always on PATH.
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run test fuzz bench lint generate build

# Start Redis if needed, build, create the demo org and serve on :8080.
run:
	scripts/run.sh

# Tests start their own redis-server processes, so the binary must be installed.
test:
	scripts/ensure-redis.sh
	go test -race -count=1 ./...

# Explore every fuzz target for a while (FUZZTIME per target, default 5s; or FUZZ_BUDGET
# seconds in all); `make test` only replays their seeds and testdata/fuzz.
fuzz:
	scripts/fuzz.sh

# Go benchmarks only for now; a load harness comes later.
bench:
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
