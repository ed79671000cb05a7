package store

import (
	"context"

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
	stamp   string // the org's catalog stamp the objects were read at
}

// catalogCopies keeps the orgs' catalogue copies; the feed script checks their stamps.
type catalogCopies struct {
	max    int // catalogCopyMax, smaller in tests
	copies *copies.Cache[catalogCopy]
}

func newCatalogCopies() *catalogCopies {
	return &catalogCopies{max: catalogCopyMax, copies: copies.New[catalogCopy](catalogCopiesKept)}
}

// get answers the org's copy; ok is false when there is none.
func (c *catalogCopies) get(org string) (cp copies.Copy[catalogCopy], ok bool) {
	return c.copies.Get(org)
}

// refreshCatalog reads the org's catalogue into the replica's copy when the copy is not of
// stamp, the catalogue stamp a request read ("" for an org whose catalogue never changed:
// there is nothing to keep), unless another request is reading it already (after a change,
// every feed page of the org finds the copy out of date; each has its answer, and none waits:
// copies.Refresh). A failure leaves the copy as it was, and the next request tries again.
func (s *Store) refreshCatalog(ctx context.Context, org, stamp string) error {
	if stamp == "" {
		return nil
	}
	c := s.catalogs
	return c.copies.Refresh(ctx, org, func(_ context.Context, cp copies.Copy[catalogCopy]) (bool, error) {
		return cp.Stamp == stamp, nil
	}, func(ctx context.Context) (copies.Copy[catalogCopy], error) {
		cp, err := s.readCatalog(ctx, org, c.max)
		if err != nil || cp == nil {
			return copies.Copy[catalogCopy]{}, err
		}
		return copies.Copy[catalogCopy]{Stamp: cp.stamp, Value: *cp}, nil
	})
}

// readCatalog reads an org's catalog stamp and the JSON of all its gestures and values (at most
// limit of them; more are only counted: large), or nil for an org whose catalogue never changed (it
// has no stamp). The stamp is read before the objects: an object changed in between is newer
// than the stamp says, and a copy whose stamp is not the org's any more is never used.
func (s *Store) readCatalog(ctx context.Context, org string, limit int) (*catalogCopy, error) {
	pipe := s.rdb.TxPipeline()
	stamp := pipe.HGet(ctx, s.keys.orgSettings(org), fieldCatalogStamp)
	gestures := pipe.ZRange(ctx, s.keys.gestures(org), 0, -1)
	values := pipe.ZRange(ctx, s.keys.values(org), 0, -1)
	if err := execReads(ctx, pipe); err != nil {
		return nil, translate("read catalog", err)
	}
	if stamp.Val() == "" {
		return nil, nil
	}
	cp := &catalogCopy{stamp: stamp.Val()}
	if len(gestures.Val())+len(values.Val()) > limit {
		cp.large = true
		return cp, nil
	}
	var keys, names []string
	for _, id := range gestures.Val() {
		keys, names = append(keys, s.keys.gesture(org, id)), append(names, "gesture:"+id)
	}
	for _, id := range values.Val() {
		keys, names = append(keys, s.keys.value(org, id)), append(names, "value:"+id)
	}
	reads := s.rdb.Pipeline()
	data := make([]*redis.StringCmd, len(keys))
	for i, k := range keys {
		data[i] = reads.HGet(ctx, k, dataField)
	}
	if err := execReads(ctx, reads); err != nil {
		return nil, translate("read catalog", err)
	}
	cp.objects = make(map[string]string, len(keys))
	for i, name := range names {
		cp.objects[name] = data[i].Val()
	}
	return cp, nil
}
