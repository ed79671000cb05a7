package store

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// recordReadScript reads the record of ARGV[1] ARGV[2] times in full (ARGV[3] "record") or
// only its gesture and result ("peek"), as the scripts do for a user's recent days.
var recordReadScript = redis.NewScript(luaPrelude + `
local read = record
if ARGV[3] == 'peek' then read = peek end
local n = 0
for _ = 1, tonumber(ARGV[2]) do
  local r = read(KEYS[1], ARGV[1])
  if r.o then n = n + 1 end
end
return n
`)

// BenchmarkRecordRead compares reading a compact record in a script with reading one stored
// as a JSON object (ns/op is per 1000 reads): the scripts read a user's recent days on every
// outcome, with peek.
func BenchmarkRecordRead(b *testing.B) {
	srv := redistest.Start(b)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	b.Cleanup(func() { _ = rdb.Close() })
	s := New(rdb, "mx", domain.NewFixedClock(testNow))
	ctx := context.Background()
	key := s.keys.assignments("bench", "U1")
	full := `{"d":"2026-10-28","g":"06H0JX81P04J3NSX27B5QC3KK8","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{"r":"done","re":"neutral",` +
		`"st":"","sh":false,"bc":"","bt":"","oa":"2026-10-28T11:00:00Z","ra":"2026-10-28T11:00:00Z","ms":1793185200000,"p":10,` +
		`"sid":"","bid":"","tm":"06H0JX81SNBJB4Y8TQ6VP39CE0"}}`
	if _, err := recordRoundTripScript.Run(ctx, rdb, []string{key}, "2026-10-28", full).Result(); err != nil {
		b.Fatal(err)
	}
	rdb.HSet(ctx, key, "2026-10-27", `{"g":"06H0JX81P04J3NSX27B5QC3KK8","sw":0,"t":"2026-10-27T08:00:00Z","o":{"r":"done","re":"neutral",`+
		`"oa":"2026-10-27T11:00:00Z","ms":1793098800000,"p":10,"tm":"06H0JX81SNBJB4Y8TQ6VP39CE0"}}`)
	for _, c := range []struct{ name, day, read string }{
		{"compact record", "2026-10-28", "record"}, {"json record", "2026-10-27", "record"},
		{"compact peek", "2026-10-28", "peek"}, {"json peek", "2026-10-27", "peek"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := recordReadScript.Run(ctx, rdb, []string{key}, c.day, 1000, c.read).Result(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
