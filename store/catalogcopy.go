package store

import (
	"context"
	"sync"

	"github.com/microact/microact/internal/copies"
	"github.com/redis/go-redis/v9"
)

// A feed page shows each card's gesture and value, and an org's gestures and values change
// rarely: a replica keeps the texts of all of them with the catalog stamp they were read with
// (fieldCatalogStamp, set anew by every change to a gesture, value or challenge in the same
// step). The feed script is told the stamp of the replica's copy and, when it is still the
// org's, refers to the copy instead of reading and sending the objects (a page's gestures were
// most of its answer). When it is not, the script sends the objects as before and the replica
// reads the catalog again.

// catalogCopyMax is the most gestures and values a kept copy holds (~1 KB each); a larger
// catalogue is read by every feed page, as before. catalogCopies bounds the orgs kept.
const (
	catalogCopyMax    = 2000
	catalogCopiesKept = 1000
)

// catalogCopy is the JSON of an org's gestures and values by key ("gesture:<id>",
// "value:<id>"), kept with the org's catalog stamp; never changed once stored. large: the
// catalogue was too large to keep (objects is nil).
type catalogCopy struct {
	objects map[string]string
	large   bool
}

// catalogCopies keeps the orgs' catalogue copies; the feed script checks their stamps.
type catalogCopies struct {
	max     int // catalogCopyMax, smaller in tests
	copies  *copies.Cache[catalogCopy]
	loading sync.Map // orgs whose catalogue is being read
}

func newCatalogCopies() *catalogCopies {
	return &catalogCopies{max: catalogCopyMax, copies: copies.New[catalogCopy](catalogCopiesKept)}
}

// get answers the org's copy; ok is false when there is none.
func (c *catalogCopies) get(org string) (cp copies.Copy[catalogCopy], ok bool) {
	return c.copies.Get(org)
}

// catalogCopyScript reads an org's catalog stamp and the JSON of all its gestures and values in one
// step.
//
// KEYS[1] the org's settings, KEYS[2] its gestures, KEYS[3] its values (sorted sets of ids).
// ARGV[1] the org's key base, ARGV[2] the most objects to read.
// Returns {stamp, "ok", key, JSON, …} or {stamp, "large"} (more objects than ARGV[2]: none read).
var catalogCopyScript = redis.NewScript(`
local stamp = redis.call('HGET', KEYS[1], 'cv') or ''
local gs, vs = redis.call('ZRANGE', KEYS[2], 0, -1), redis.call('ZRANGE', KEYS[3], 0, -1)
if #gs + #vs > tonumber(ARGV[2]) then return {stamp, 'large'} end
local out = {stamp, 'ok'}
for kind, ids in pairs({['gesture:'] = gs, ['value:'] = vs}) do
  for _, id in ipairs(ids) do
    out[#out + 1] = kind .. id
    out[#out + 1] = redis.call('HGET', ARGV[1] .. kind .. id, 'data') or ''
  end
end
return out
`)

// refreshCatalog reads the org's catalogue into the replica's copy, unless another request is
// doing so already (after a change, every feed page of the org finds the copy out of date).
func (s *Store) refreshCatalog(ctx context.Context, org string) error {
	c := s.catalogs
	if _, busy := c.loading.LoadOrStore(org, true); busy {
		return nil
	}
	defer c.loading.Delete(org)

	res, err := catalogCopyScript.Run(ctx, s.rdb, []string{s.keys.orgSettings(org), s.keys.gestures(org), s.keys.values(org)},
		s.keys.org(org), c.max).StringSlice()
	if err != nil {
		return translate("read catalog", err)
	}
	if len(res) < 2 || res[0] == "" { // an org whose catalogue never changed has no stamp: keep nothing
		return nil
	}
	cp := catalogCopy{large: res[1] == "large"}
	if !cp.large {
		cp.objects = make(map[string]string, (len(res)-2)/2)
		for i := 2; i+1 < len(res); i += 2 {
			cp.objects[res[i]] = res[i+1]
		}
	}
	c.copies.Put(org, copies.Copy[catalogCopy]{Stamp: res[0], Value: cp})
	return nil
}
