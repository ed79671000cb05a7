package domain

import (
	"encoding/binary"
	"strings"
	"sync"
	"time"
)

// Clock tells the time. Everything that depends on time takes one, so tests can set it.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// FixedClock is a settable clock for tests and tools. It is safe for concurrent use.
type FixedClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFixedClock returns a clock showing t until it is moved.
func NewFixedClock(t time.Time) *FixedClock { return &FixedClock{t: t.UTC()} }

// Now returns the clock's time.
func (c *FixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *FixedClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t.UTC()
	c.mu.Unlock()
}

// Advance moves the clock forward by d.
func (c *FixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// crockford is Crockford's base 32: no I, L, O or U, so ids and codes read and type well.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewID returns a 26-character id that sorts by creation time (48 bits of milliseconds, then
// 80 random bits), so listing ids in lexical order lists objects in creation order. Ids made in
// the same millisecond by this process count up from the first one's random part, so they sort
// in the order they were made too (and a clock that steps back cannot reorder them).
func NewID(now time.Time) string {
	var b [16]byte
	idMu.Lock()
	ms := uint64(max(now.UnixMilli(), 0))
	if ms <= idLastMs {
		ms = idLastMs
		for i := len(idLastRand) - 1; i >= 0; i-- { // +1, big-endian
			idLastRand[i]++
			if idLastRand[i] != 0 {
				break
			}
		}
	} else {
		idLastMs = ms
		mustRead(idLastRand[:])
		idLastRand[0] &= 0x7f // leave room to count up within the millisecond
	}
	binary.BigEndian.PutUint64(b[:8], ms<<16)
	copy(b[6:], idLastRand[:])
	idMu.Unlock()
	return encodeBase32(b[:], 26)
}

var (
	idMu       sync.Mutex
	idLastMs   uint64
	idLastRand [10]byte
)

// encodeBase32 writes the first n*5 bits of b in Crockford's alphabet.
func encodeBase32(b []byte, n int) string {
	out := make([]byte, n)
	var acc uint32
	bits := 0
	j := 0
	for _, c := range b {
		acc = acc<<8 | uint32(c)
		bits += 8
		for bits >= 5 && j < n {
			bits -= 5
			out[j] = crockford[(acc>>uint(bits))&31]
			j++
		}
	}
	for j < n { // pad the final partial group
		out[j] = crockford[(acc<<uint(5-bits))&31]
		bits = 0
		j++
	}
	return string(out)
}

// SeqID is the id of the n-th (n ≥ 1) catalogue object (values, gestures, challenges and
// teams, of every org), which every assignment record, story, dashboard and board refers to
// (a 26-character id there was a good part of each record). It is n in Crockford's base 32
// after a letter that says how many digits follow ('A' one, 'B' two, …), so ids sort in the
// order they were made, and after every id made by NewID (which start with a digit).
func SeqID(n uint64) string {
	var digits [13]byte // 64 bits are at most 13 base-32 digits
	i := len(digits)
	for {
		i--
		digits[i] = crockford[n&31]
		n >>= 5
		if n == 0 {
			break
		}
	}
	return string(rune('A'+len(digits)-i-1)) + string(digits[i:])
}

// IDTime is the millisecond an id made by NewID was made at; ok is false for other strings.
func IDTime(id string) (t time.Time, ok bool) {
	if len(id) != 26 {
		return time.Time{}, false
	}
	var ms uint64
	for _, c := range id[:10] { // 10 characters hold the 48-bit time (and 2 bits of the random part)
		i := strings.IndexRune(crockford, c)
		if i < 0 {
			return time.Time{}, false
		}
		ms = ms<<5 | uint64(i)
	}
	return time.UnixMilli(int64(ms >> 2)).UTC(), true
}
