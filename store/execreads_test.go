package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// A read pipeline answers the failure of any of its reads, also when an earlier one found no
// key (redis.Nil, which Exec answers first); keys not found alone are no failure.
func TestExecReadsAnswersAFailureAfterAKeyNotFound(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	str, missing := s.keys.catalog("execreads"), s.keys.challengeCatalog("execreads") // a string, and no key
	if err := s.rdb.Set(ctx, str, "x", 0).Err(); err != nil {
		t.Fatal(err)
	}
	pipe := s.rdb.Pipeline()
	pipe.Get(ctx, missing)
	pipe.HGet(ctx, str, "f") // WRONGTYPE
	if err := execReads(ctx, pipe); err == nil || !strings.Contains(err.Error(), "WRONGTYPE") {
		t.Errorf("execReads = %v, want the WRONGTYPE of the second read", err)
	}
	pipe = s.rdb.Pipeline()
	pipe.Get(ctx, missing)
	pipe.HGet(ctx, missing, "f")
	pipe.Get(ctx, str)
	if err := execReads(ctx, pipe); err != nil || errors.Is(err, redis.Nil) {
		t.Errorf("execReads of keys not found = %v, want none", err)
	}
}
