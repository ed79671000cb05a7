package copies

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// source is Redis as the protocol sees it: a value and its stamp per key, and what was asked.
type source struct {
	value, stamp map[string]string
	reads        []string // keys read whole
	checks       []string // keys whose stamp was checked
	checkErr     error
	readErr      error
	during       func() // runs while a read is under way
}

func (s *source) current(key string) func(context.Context, Copy[string]) (bool, error) {
	return func(_ context.Context, cp Copy[string]) (bool, error) {
		s.checks = append(s.checks, key)
		return cp.Stamp == s.stamp[key], s.checkErr
	}
}

func (s *source) read(key string) func(context.Context) (Copy[string], error) {
	return func(context.Context) (Copy[string], error) {
		s.reads = append(s.reads, key)
		if s.during != nil {
			s.during()
		}
		return Copy[string]{Stamp: s.stamp[key], Value: s.value[key]}, s.readErr
	}
}

func TestReadFollowsTheStamp(t *testing.T) {
	boom := errors.New("redis is down")
	type step struct {
		change  func(s *source, c *Cache[string]) // before the read
		want    string
		wantErr error
		reads   int // reads whole so far
		kept    bool
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"a first read reads the value and keeps it", []step{
			{want: "v1", reads: 1, kept: true},
		}},
		{"a repeat read while the stamp holds answers the copy without reading", []step{
			{want: "v1", reads: 1, kept: true},
			{want: "v1", reads: 1, kept: true},
		}},
		{"a repeat read after a change reads the new value and keeps it", []step{
			{want: "v1", reads: 1, kept: true},
			{change: func(s *source, _ *Cache[string]) { s.value["k"], s.stamp["k"] = "v2", "s2" }, want: "v2", reads: 2, kept: true},
			{want: "v2", reads: 2, kept: true},
		}},
		{"a value read without a stamp is answered and not kept", []step{
			{change: func(s *source, _ *Cache[string]) { s.stamp["k"] = "" }, want: "v1", reads: 1},
			{want: "v1", reads: 2},
		}},
		{"a failed stamp check answers the error and reads nothing", []step{
			{want: "v1", reads: 1, kept: true},
			{change: func(s *source, _ *Cache[string]) { s.checkErr = boom }, wantErr: boom, reads: 1, kept: true},
		}},
		{"a failed read answers the error and keeps nothing", []step{
			{change: func(s *source, _ *Cache[string]) { s.readErr = boom }, wantErr: boom, reads: 1},
		}},
		{"a value read while the replica forgot the key is not kept", []step{
			{change: func(s *source, c *Cache[string]) { s.during = func() { c.Forget("k") } }, want: "v1", reads: 1},
			{change: func(s *source, _ *Cache[string]) { s.during = nil }, want: "v1", reads: 2, kept: true},
		}},
		{"a forgotten copy is read anew though its stamp holds", []step{
			{want: "v1", reads: 1, kept: true},
			{change: func(_ *source, c *Cache[string]) { c.Forget("k") }, want: "v1", reads: 2, kept: true},
		}},
		{"a value read while the replica dropped the key is not kept", []step{
			{change: func(s *source, c *Cache[string]) { s.during = func() { c.Drop("k") } }, want: "v1", reads: 1},
			{change: func(s *source, _ *Cache[string]) { s.during = nil }, want: "v1", reads: 2, kept: true},
		}},
		{"a dropped copy is read anew though its stamp holds", []step{
			{want: "v1", reads: 1, kept: true},
			{change: func(_ *source, c *Cache[string]) { c.Drop("k") }, want: "v1", reads: 2, kept: true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &source{value: map[string]string{"k": "v1"}, stamp: map[string]string{"k": "s1"}}
			c := New[string](shards * 8) // room for every key even if all share a shard
			for i, st := range tc.steps {
				if st.change != nil {
					st.change(s, c)
				}
				got, err := c.Read(context.Background(), "k", s.current("k"), s.read("k"))
				if !errors.Is(err, st.wantErr) || (err == nil && got != st.want) {
					t.Fatalf("step %d: Read = %q, %v; want %q, %v", i, got, err, st.want, st.wantErr)
				}
				if len(s.reads) != st.reads {
					t.Fatalf("step %d: %d reads whole, want %d", i, len(s.reads), st.reads)
				}
				if _, kept := c.Get("k"); kept != st.kept {
					t.Fatalf("step %d: kept = %v, want %v", i, kept, st.kept)
				}
			}
		})
	}
}

func TestForgetDropsOnlyItsPrefix(t *testing.T) {
	c := New[string](shards * 8) // room for every key even if all share a shard
	for _, k := range []string{"acme\x00week", "acme\x00month", "acme2\x00week", "beta\x00week"} {
		c.Put(k, Copy[string]{Stamp: "s", Value: k})
	}
	c.Forget("acme\x00")
	var left []string
	for _, k := range []string{"acme\x00week", "acme\x00month", "acme2\x00week", "beta\x00week"} {
		if _, ok := c.Get(k); ok {
			left = append(left, k)
		}
	}
	if want := []string{"acme2\x00week", "beta\x00week"}; !slices.Equal(left, want) {
		t.Errorf("left %q, want %q", left, want)
	}
}

func TestDropDropsOnlyItsKey(t *testing.T) {
	c := New[string](shards * 8) // room for every key even if all share a shard
	keys := []string{"acme\x00u1\x00", "acme\x00u1\x00x", "acme\x00u12\x00", "beta\x00u1\x00"}
	for _, k := range keys {
		c.Put(k, Copy[string]{Stamp: "s", Value: k})
	}
	c.Drop("acme\x00u1\x00")
	c.Drop("gone") // a key never kept: nothing happens
	var left []string
	for _, k := range keys {
		if _, ok := c.Get(k); ok {
			left = append(left, k)
		}
	}
	if want := keys[1:]; !slices.Equal(left, want) {
		t.Errorf("left %q, want %q", left, want)
	}
}

func TestSizeIsBounded(t *testing.T) {
	for _, size := range []int{1, 64, 640} {
		t.Run(fmt.Sprintf("at most %d copies, or one per shard", size), func(t *testing.T) {
			c := New[int](size)
			for i := range 10 * max(size, shards) {
				c.Put(fmt.Sprint(i), Copy[int]{Stamp: "s", Value: i})
				if _, ok := c.Get(fmt.Sprint(i)); !ok {
					t.Fatalf("the copy just kept for %d is missing", i)
				}
			}
			if n := c.Len(); n > max(size, shards) {
				t.Errorf("holds %d copies", n)
			}
		})
	}
}

// A copy checked inside the script that reads or writes (a feed page, a user's state in a
// write): Get gives the stamp to send, Put keeps what the script answered when it moved.
func TestStampSentToAScript(t *testing.T) {
	c := New[string](10)
	script := func(sent, now, value string) (string, string, bool) { // the guard: "=" when unchanged
		if sent == now {
			return "", "", true
		}
		return now, value, false
	}
	for i, tc := range []struct{ stamp, value, want string }{
		{"s1", "v1", "v1"}, {"s1", "v1", "v1"}, {"s2", "v2", "v2"},
	} {
		cp, _ := c.Get("user")
		stamp, value, same := script(cp.Stamp, tc.stamp, tc.value)
		if same {
			value = cp.Value
		} else {
			c.Put("user", Copy[string]{Stamp: stamp, Value: value})
		}
		if value != tc.want || (i == 1) != same {
			t.Fatalf("call %d: %q (unchanged %v), want %q", i, value, same, tc.want)
		}
	}
}

func TestReadSharedSendsOneRead(t *testing.T) {
	stale := func(context.Context, Copy[int]) (bool, error) { return false, nil }
	for _, tc := range []struct {
		name   string
		forget bool
		reads  int32
	}{
		{"requests finding the copy out of date wait for the one read under way", false, 1},
		{"a request after a Forget does not take a read begun before it", true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New[int](10)
			var reads atomic.Int32
			release := make(chan struct{})
			started := make(chan struct{}, 2)
			read := func(context.Context) (Copy[int], error) {
				n := reads.Add(1)
				started <- struct{}{}
				<-release
				return Copy[int]{Stamp: "age", Value: int(n)}, nil
			}
			var wg sync.WaitGroup
			got := make([]int, 2)
			wg.Add(1)
			go func() { defer wg.Done(); got[0], _ = c.ReadShared(context.Background(), "org", stale, read) }()
			<-started
			if tc.forget {
				c.Forget("org")
			}
			wg.Add(1)
			go func() { defer wg.Done(); got[1], _ = c.ReadShared(context.Background(), "org", stale, read) }()
			if tc.forget {
				<-started
			}
			for !tc.forget && c.joined.Load() == 0 { // until the second request waits for the first's read
				runtime.Gosched()
			}
			close(release)
			wg.Wait()
			if reads.Load() != tc.reads {
				t.Errorf("%d reads, want %d (answers %v)", reads.Load(), tc.reads, got)
			}
		})
	}
}

func TestRefreshDoesNotWait(t *testing.T) {
	c := New[int](10)
	var reads atomic.Int32
	release, started := make(chan struct{}), make(chan struct{}, 2)
	read := func(context.Context) (Copy[int], error) {
		n := reads.Add(1)
		started <- struct{}{}
		<-release
		return Copy[int]{Stamp: "s1", Value: int(n)}, nil
	}
	of := func(stamp string) func(context.Context, Copy[int]) (bool, error) {
		return func(_ context.Context, cp Copy[int]) (bool, error) { return cp.Stamp == stamp, nil }
	}
	done := make(chan error)
	go func() { done <- c.Refresh(context.Background(), "org", of("s1"), read) }()
	<-started
	// a second refresh while the first reads returns at once, sending no read of its own
	if err := c.Refresh(context.Background(), "org", of("s1"), read); err != nil || reads.Load() != 1 {
		t.Fatalf("a refresh during a read: %v, %d reads", err, reads.Load())
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if cp, ok := c.Get("org"); !ok || cp.Stamp != "s1" || cp.Value != 1 {
		t.Fatalf("kept %+v (%v), want the read's copy", cp, ok)
	}
	// the copy is of the stamp asked for: nothing is read
	if err := c.Refresh(context.Background(), "org", of("s1"), read); err != nil || reads.Load() != 1 {
		t.Fatalf("a refresh of a current copy: %v, %d reads", err, reads.Load())
	}
}
