package store

import (
	"context"
	"sync"
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
	catalogCopyMax = 2000
	catalogCopies  = 1000
)

// catalogCopy is the JSON of an org's gestures and values by key ("gesture:<id>",
// "value:<id>"), as of stamp; never changed once stored. large: the catalogue was too large to
// keep (objects is nil), as of stamp.
type catalogCopy struct {
	stamp   string
	objects map[string]string
	large   bool
}

type catalogCopyCache struct {
	max     int // catalogCopyMax, smaller in tests
	mu      sync.Mutex
	copies  map[string]*catalogCopy
	loading map[string]bool
}

func newCatalogCopyCache() *catalogCopyCache {
	return &catalogCopyCache{max: catalogCopyMax, copies: map[string]*catalogCopy{}, loading: map[string]bool{}}
}

func (c *catalogCopyCache) get(org string) *catalogCopy {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.copies[org]
}

// catalogCopyScript reads an org's catalog stamp and all its gestures and values in one step.
var catalogCopyScript = luaScript("catalog_copy")

// refreshCatalog reads the org's catalogue into the replica's copy, unless another request is
// doing so already (after a change, every feed page of the org finds the copy out of date).
func (s *Store) refreshCatalog(ctx context.Context, org string) error {
	c := s.catalogs
	c.mu.Lock()
	if c.loading[org] {
		c.mu.Unlock()
		return nil
	}
	c.loading[org] = true
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.loading, org)
		c.mu.Unlock()
	}()

	res, err := catalogCopyScript.Run(ctx, s.rdb, []string{s.keys.orgSettings(org), s.keys.gestures(org), s.keys.values(org)},
		s.keys.org(org), c.max).StringSlice()
	if err != nil {
		return translate("read catalog", err)
	}
	if len(res) < 2 || res[0] == "" { // an org whose catalogue never changed has no stamp: keep nothing
		return nil
	}
	cp := &catalogCopy{stamp: res[0], large: res[1] == "large"}
	if !cp.large {
		cp.objects = make(map[string]string, (len(res)-2)/2)
		for i := 2; i+1 < len(res); i += 2 {
			cp.objects[res[i]] = res[i+1]
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.copies[org]; !ok && len(c.copies) >= catalogCopies {
		for k := range c.copies { // drop another org's copy (whichever the map yields first)
			delete(c.copies, k)
			break
		}
	}
	c.copies[org] = cp
	return nil
}
