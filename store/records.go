package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// Objects (orgs, teams, users) are hashes: the JSON of the domain value in the field "data",
// beside the few fields that scripts read or change on their own (a user's enrollment code),
// so no script ever has to re-encode JSON.
const dataField = "data"

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("marshal %T: %v", v, err)) // only plain structs are stored
	}
	return string(b)
}

// execReads runs a pipeline of reads and answers the first error of any of its commands other
// than redis.Nil (a key or field not set). Exec answers only the first failed command's error:
// a redis.Nil there would hide a real failure further on, and its reads would look empty.
func execReads(ctx context.Context, pipe redis.Pipeliner) error {
	cmds, err := pipe.Exec(ctx)
	if err == nil {
		return nil
	}
	for _, c := range cmds {
		if e := c.Err(); e != nil && !errors.Is(e, redis.Nil) {
			return e
		}
	}
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}

// readObjects reads the data (and the extra fields) of many object hashes in one pipeline.
// A missing object gives a row with found false.
func readObjects(ctx context.Context, rdb redis.Cmdable, keys []string, extra ...string) ([]objectRow, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	fields := append([]string{dataField}, extra...)
	pipe := rdb.Pipeline()
	cmds := make([]*redis.SliceCmd, len(keys))
	for i, k := range keys {
		cmds[i] = pipe.HMGet(ctx, k, fields...)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, translate("read objects", err)
	}
	rows := make([]objectRow, len(keys))
	for i, c := range cmds {
		vals := c.Val()
		data, ok := vals[0].(string)
		rows[i] = objectRow{key: keys[i], data: data, found: ok, extra: vals[1:]}
	}
	return rows, nil
}

type objectRow struct {
	key   string
	data  string
	found bool
	extra []any // the extra fields, nil where unset
}

func (r objectRow) decode(v any) error {
	if err := json.Unmarshal([]byte(r.data), v); err != nil {
		return domain.Internal("decode "+r.key, err)
	}
	return nil
}

// readOne reads one object; a missing one is notFound.
func readOne(ctx context.Context, rdb redis.Cmdable, key string, v any, notFound error, extra ...string) (objectRow, error) {
	rows, err := readObjects(ctx, rdb, []string{key}, extra...)
	if err != nil {
		return objectRow{}, err
	}
	if !rows[0].found {
		return objectRow{}, notFound
	}
	return rows[0], rows[0].decode(v)
}

// readAll decodes every found object among keys, in order.
func readAll[T any](ctx context.Context, rdb redis.Cmdable, keys []string, extra ...string) ([]T, []objectRow, error) {
	rows, err := readObjects(ctx, rdb, keys, extra...)
	if err != nil {
		return nil, nil, err
	}
	return decodeRows[T](rows)
}

// decodeRows decodes the objects of rows that were found, and answers those rows.
func decodeRows[T any](rows []objectRow) ([]T, []objectRow, error) {
	out := make([]T, 0, len(rows))
	found := make([]objectRow, 0, len(rows))
	for _, r := range rows {
		if !r.found {
			continue
		}
		var t T
		if err := r.decode(&t); err != nil {
			return nil, nil, err
		}
		out = append(out, t)
		found = append(found, r)
	}
	return out, found, nil
}

// pageIDs reads one page of ids from a lexically ordered index (ids sort by creation time).
// It returns the ids and the cursor of the next page ("" when this is the last).
func pageIDs(ctx context.Context, rdb redis.Cmdable, index string, page domain.Page) ([]string, string, error) {
	min := "-"
	if page.Cursor != "" {
		min = "(" + page.Cursor
	}
	ids, err := rdb.ZRangeArgs(ctx, redis.ZRangeArgs{
		Key: index, Start: min, Stop: "+", ByLex: true, Count: int64(page.Limit) + 1,
	}).Result()
	if err != nil {
		return nil, "", translate("page "+index, err)
	}
	if len(ids) > page.Limit {
		return ids[:page.Limit], ids[page.Limit-1], nil
	}
	return ids, "", nil
}

// eachIDPage calls f with every page of at most limit ids of a lexically ordered index, in
// order, until f fails or the index ends (see pageIDs); an empty index calls it never.
func eachIDPage(ctx context.Context, rdb redis.Cmdable, index string, limit int, f func(ids []string) error) error {
	page := domain.Page{Limit: limit}
	for {
		ids, next, err := pageIDs(ctx, rdb, index, page)
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			if err := f(ids); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		page.Cursor = next
	}
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
