package store

import (
	"context"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

func TestWriteScript(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	k := func(name string) string { return s.prefix + ":{tx}:" + name }
	failed := func(n string) error { return errors.New("check " + n + " failed") }

	// Fixtures every case can check against.
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.rdb.HSet(ctx, k("obj"), dataField, `{"rev":3}`).Err())
	must(s.rdb.HSet(ctx, k("index"), "taken", "owner").Err())
	must(s.rdb.ZAdd(ctx, k("full"), redis.Z{Member: "m"}).Err())
	must(s.rdb.SAdd(ctx, k("one"), "only").Err())
	must(s.rdb.SAdd(ctx, k("two"), "a", "b").Err())
	must(s.rdb.Set(ctx, k("str"), "as read", 0).Err())
	must(s.rdb.Set(ctx, k("counter"), "3", 0).Err())
	must(s.rdb.Set(ctx, k("string"), "held", 0).Err())
	must(s.rdb.RPush(ctx, k("list"), "first", "second").Err())
	must(s.rdb.ZAdd(ctx, k("board"), redis.Z{Member: "eva", Score: 1 << 53}, redis.Z{Member: "ida", Score: 42}).Err())

	for _, tc := range []struct {
		name  string
		check func(w *write) *write
		pass  bool
	}{
		{"absent passes for a missing key", func(w *write) *write { return w.absent(k("missing"), failed("absent")) }, true},
		{"absent fails for an existing key", func(w *write) *write { return w.absent(k("obj"), failed("absent")) }, false},
		{"present passes for an existing key", func(w *write) *write { return w.present(k("obj"), failed("present")) }, true},
		{"present fails for a missing key", func(w *write) *write { return w.present(k("missing"), failed("present")) }, false},
		{"rev passes for the current revision", func(w *write) *write { return w.rev(k("obj"), 3, failed("rev")) }, true},
		{"rev fails for an older revision", func(w *write) *write { return w.rev(k("obj"), 2, failed("rev")) }, false},
		{"rev fails for a missing object", func(w *write) *write { return w.rev(k("missing"), 1, failed("rev")) }, false},
		{"free passes for an unused entry", func(w *write) *write { return w.free(k("index"), "new", "me", failed("free")) }, true},
		{"free passes for an entry already ours", func(w *write) *write { return w.free(k("index"), "taken", "owner", failed("free")) }, true},
		{"free fails for an entry of someone else", func(w *write) *write { return w.free(k("index"), "taken", "me", failed("free")) }, false},
		{"empty passes for a missing sorted set", func(w *write) *write { return w.empty(k("missing"), failed("empty")) }, true},
		{"empty fails for a sorted set with members", func(w *write) *write { return w.empty(k("full"), failed("empty")) }, false},
		{"value passes for the string as read", func(w *write) *write { return w.valueIs(k("str"), "as read", failed("value")) }, true},
		{"value fails for a string changed since", func(w *write) *write { return w.valueIs(k("str"), "before", failed("value")) }, false},
		{"value passes for a missing string read as none", func(w *write) *write { return w.valueIs(k("missing"), "", failed("value")) }, true},
		{"value fails for a string gone since", func(w *write) *write { return w.valueIs(k("missing"), "as read", failed("value")) }, false},
		{"below passes for a counter under its limit", func(w *write) *write { return w.below(k("counter"), 4, failed("below")) }, true},
		{"below fails for a counter at its limit", func(w *write) *write { return w.below(k("counter"), 3, failed("below")) }, false},
		{"below passes for a missing counter, which is 0", func(w *write) *write { return w.below(k("missing"), 1, failed("below")) }, true},
		{"below fails for a limit of 0", func(w *write) *write { return w.below(k("missing"), 0, failed("below")) }, false},
		{"card passes for the set's size", func(w *write) *write { return w.cardIs(k("one"), 1, failed("card")) }, true},
		{"card passes for a missing set of none", func(w *write) *write { return w.cardIs(k("missing"), 0, failed("card")) }, true},
		{"card fails for another size", func(w *write) *write { return w.cardIs(k("one"), 2, failed("card")) }, false},
		{"value passes for the string held", func(w *write) *write { return w.valueIs(k("string"), "held", failed("value")) }, true},
		{"value passes for a missing string as none", func(w *write) *write { return w.valueIs(k("missing"), "", failed("value")) }, true},
		{"value fails for another string", func(w *write) *write { return w.valueIs(k("string"), "other", failed("value")) }, false},
		{"value fails for a string that is gone", func(w *write) *write { return w.valueIs(k("missing"), "held", failed("value")) }, false},
		{"at passes for the item where it was read", func(w *write) *write { return w.at(k("list"), 1, "second", failed("at")) }, true},
		{"at fails for an item moved since", func(w *write) *write { return w.at(k("list"), 0, "second", failed("at")) }, false},
		{"at fails for an item past the list's end", func(w *write) *write { return w.at(k("list"), 2, "second", failed("at")) }, false},
		{"starts passes for a string that starts so", func(w *write) *write { return w.starts(k("str"), "as ", failed("starts")) }, true},
		{"starts fails for a string that starts otherwise", func(w *write) *write { return w.starts(k("str"), "read", failed("starts")) }, false},
		{"starts fails for a missing string", func(w *write) *write { return w.starts(k("missing"), "as ", failed("starts")) }, false},
		{"score passes for the score as read", func(w *write) *write {
			return w.scoreIs(k("board"), "ida", boardScore{score: 42, on: true}, failed("score"))
		}, true},
		{"score passes for a large score as read, to the last unit", func(w *write) *write {
			return w.scoreIs(k("board"), "eva", boardScore{score: 1 << 53, on: true}, failed("score"))
		}, true},
		{"score fails for a score one unit off", func(w *write) *write {
			return w.scoreIs(k("board"), "eva", boardScore{score: 1<<53 - 1, on: true}, failed("score"))
		}, false},
		{"score passes for a member read as off the board", func(w *write) *write {
			return w.scoreIs(k("board"), "bob", boardScore{}, failed("score"))
		}, true},
		{"score fails for a member read as off the board, now on it", func(w *write) *write {
			return w.scoreIs(k("board"), "ida", boardScore{}, failed("score"))
		}, false},
		{"score fails for a member read on the board, now off it", func(w *write) *write {
			return w.scoreIs(k("board"), "bob", boardScore{score: 42, on: true}, failed("score"))
		}, false},
	} {
		t.Run(tc.name+", and writes all or nothing", func(t *testing.T) {
			target := k("target:" + tc.name)
			// Writes listed before and after the check, and a passing check before it.
			w := newWrite().hset(target, "before", "1").present(k("obj"), failed("first"))
			w = tc.check(w).hset(target, "after", "1").sadd(k("two"), "c:"+tc.name)
			err := w.run(ctx, s.Store, "test")
			if tc.pass {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				if n := s.rdb.HLen(ctx, target).Val(); n != 2 {
					t.Fatalf("want both writes, found %d fields", n)
				}
				return
			}
			if err == nil || err.Error() == "check first failed" {
				t.Fatalf("want the error of the failing check, got %v", err)
			}
			if s.exists(target) || s.rdb.SIsMember(ctx, k("two"), "c:"+tc.name).Val() {
				t.Fatal("a failed check left writes behind")
			}
		})
	}

	t.Run("the first failing check's error is returned", func(t *testing.T) {
		err := newWrite().
			present(k("obj"), failed("one")).
			absent(k("obj"), failed("two")).
			present(k("missing"), failed("three")).
			run(ctx, s.Store, "test")
		if err == nil || err.Error() != "check two failed" {
			t.Fatalf("got %v", err)
		}
	})

	t.Run("every write kind applies", func(t *testing.T) {
		h, z, set := k("w:hash"), k("w:zset"), k("w:set")
		must(s.rdb.HSet(ctx, h, "gone", "x").Err())
		must(newWrite().
			hset(h, "f", "v").hdel(h, "gone").
			zadd(z, 2, "b").zadd(z, 1, "a").zadd(z, 3, "c").zrem(z, "c").
			sadd(set, "x").sadd(set, "y").srem(set, "y").
			hset(k("w:del"), "f", "v").del(k("w:del")).
			run(ctx, s.Store, "test"))
		if got := s.rdb.HGetAll(ctx, h).Val(); len(got) != 1 || got["f"] != "v" {
			t.Fatalf("hash %v", got)
		}
		if got := s.rdb.ZRange(ctx, z, 0, -1).Val(); len(got) != 2 || got[0] != "a" || got[1] != "b" {
			t.Fatalf("sorted set %v", got)
		}
		if got := s.rdb.SMembers(ctx, set).Val(); len(got) != 1 || got[0] != "x" {
			t.Fatalf("set %v", got)
		}
		if s.exists(k("w:del")) {
			t.Fatal("deleted key exists")
		}
	})

	t.Run("setkeep gives a string a new value and keeps its time to live", func(t *testing.T) {
		str := k("w:keep")
		must(s.rdb.Set(ctx, str, "old", time.Hour).Err())
		must(newWrite().setKeep(str, "new").run(ctx, s.Store, "test"))
		if got, ttl := s.rdb.Get(ctx, str).Val(), s.rdb.PTTL(ctx, str).Val(); got != "new" || ttl <= time.Hour-time.Minute || ttl > time.Hour {
			t.Fatalf("value %q, time to live %v", got, ttl)
		}
	})

	t.Run("incr gives a counter its time to live on its first count only", func(t *testing.T) {
		c := k("w:counter")
		must(newWrite().incr(c, time.Hour).run(ctx, s.Store, "test"))
		must(s.rdb.Expire(ctx, c, time.Minute).Err())
		must(newWrite().incr(c, time.Hour).run(ctx, s.Store, "test"))
		if got, ttl := s.rdb.Get(ctx, c).Val(), s.rdb.TTL(ctx, c).Val(); got != "2" || ttl <= 0 || ttl > time.Minute {
			t.Fatalf("count %q, time to live %v", got, ttl)
		}
		forever := k("w:counter:forever")
		must(newWrite().incr(forever, 0).run(ctx, s.Store, "test"))
		if got, ttl := s.rdb.Get(ctx, forever).Val(), s.rdb.TTL(ctx, forever).Val(); got != "1" || ttl != -1 {
			t.Fatalf("count %q, time to live %v", got, ttl)
		}
	})

	t.Run("lpush keeps a list's newest entries", func(t *testing.T) {
		l := k("w:list")
		for _, v := range []string{"a", "b", "c"} {
			must(newWrite().lpush(l, v, 2).run(ctx, s.Store, "test"))
		}
		if got := s.rdb.LRange(ctx, l, 0, -1).Val(); len(got) != 2 || got[0] != "c" || got[1] != "b" {
			t.Fatalf("list %v", got)
		}
	})
}

func TestAtomicAggregateWrites(t *testing.T) {
	ctx := context.Background()

	t.Run("creating a user with a taken email writes no user, no index entry and no membership", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		team := s.team(org, "Store Utrecht")
		first, _ := s.user(org, "Eva", "eva@acme.example", "employee", team.ID)

		dup := s.newUser(org, "Other Eva", "eva@acme.example", "admin", team.ID)
		code, enrollment := s.enrollment()
		err := s.CreateUser(ctx, dup, enrollment, nil)
		if domain.ErrorCode(err) != "email_taken" {
			t.Fatalf("want email_taken, got %v", err)
		}
		if s.exists(s.keys.user(org.ID, dup.ID)) {
			t.Fatal("the refused user was stored")
		}
		if members := s.rdb.ZRange(ctx, s.keys.teamMembers(org.ID, team.ID), 0, -1).Val(); len(members) != 1 || members[0] != first.ID {
			t.Fatalf("team members %v", members)
		}
		if s.rdb.ZScore(ctx, s.keys.users(org.ID), dup.ID).Err() == nil {
			t.Fatal("the refused user is in the users index")
		}
		if s.rdb.SIsMember(ctx, s.keys.admins(org.ID), dup.ID).Val() {
			t.Fatal("the refused admin is in the admins set")
		}
		if got := s.rdb.HGet(ctx, s.keys.emails(org.ID), "eva@acme.example").Val(); got != first.ID {
			t.Fatalf("the email now points at %q", got)
		}
		// The code's index entry is written first by design; it must lead nowhere.
		_, userID, lerr := s.LookupEnrollment(ctx, domain.HashSecret(code))
		if lerr == nil {
			_, err := s.Enroll(ctx, org.ID, userID, domain.HashSecret(code), domain.NewSession{FamilyID: "F", RefreshHash: "R", Now: s.clock.Now()})
			if domain.ErrorCode(err) != "invalid_code" {
				t.Fatalf("the refused user's code enrolled: %v", err)
			}
		}
	})

	t.Run("creating a user in a missing team writes nothing", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u := s.newUser(org, "Eva", "eva@acme.example", "employee", "NOSUCHTEAM")
		_, enrollment := s.enrollment()
		if err := s.CreateUser(ctx, u, enrollment, nil); domain.ErrorKind(err) != domain.KindInvalid {
			t.Fatalf("want invalid, got %v", err)
		}
		if s.exists(s.keys.user(org.ID, u.ID)) || s.exists(s.keys.teamMembers(org.ID, "NOSUCHTEAM")) ||
			s.rdb.HExists(ctx, s.keys.emails(org.ID), "eva@acme.example").Val() {
			t.Fatal("the refused user left data behind")
		}
	})

	t.Run("moving a user to a missing team keeps them in their old team", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		team := s.team(org, "Store Utrecht")
		u, _ := s.user(org, "Eva", "eva@acme.example", "employee", team.ID)
		after := u
		after.TeamID, after.Name = "NOSUCHTEAM", "Renamed"
		if err := s.UpdateUser(ctx, u, after); domain.ErrorKind(err) != domain.KindInvalid {
			t.Fatalf("want invalid, got %v", err)
		}
		stored, err := s.User(ctx, org.ID, u.ID)
		if err != nil || stored.TeamID != team.ID || stored.Name != "Eva" || stored.Rev != 1 {
			t.Fatalf("stored %+v, %v", stored, err)
		}
		if s.rdb.ZScore(ctx, s.keys.teamMembers(org.ID, team.ID), u.ID).Err() != nil {
			t.Fatal("the user left their old team")
		}
	})

	t.Run("demoting the last admin changes nothing", func(t *testing.T) {
		s := newTestStore(t)
		org, admin := s.org("acme")
		after := admin
		after.Role, after.Email = domain.RoleLead, "new@acme.example"
		if err := s.UpdateUser(ctx, admin, after); domain.ErrorCode(err) != "last_admin" {
			t.Fatalf("want last_admin, got %v", err)
		}
		if stored, _ := s.User(ctx, org.ID, admin.ID); stored.Role != domain.RoleAdmin || stored.Email != admin.Email {
			t.Fatalf("stored %+v", stored)
		}
		if s.rdb.HExists(ctx, s.keys.emails(org.ID), "new@acme.example").Val() || !s.rdb.SIsMember(ctx, s.keys.admins(org.ID), admin.ID).Val() {
			t.Fatal("indexes changed")
		}
		if s.rdb.ZScore(ctx, s.keys.revoked(org.ID), admin.ID).Err() == nil {
			t.Fatal("the refused change revoked the admin's tokens")
		}
	})

	t.Run("deleting a team with members keeps the team and its name", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		team := s.team(org, "Store Utrecht")
		s.user(org, "Eva", "eva@acme.example", "employee", team.ID)
		if err := s.DeleteTeam(ctx, team); domain.ErrorCode(err) != "team_not_empty" {
			t.Fatalf("want team_not_empty, got %v", err)
		}
		if got, err := s.TeamByName(ctx, org.ID, "store utrecht"); err != nil || got.ID != team.ID || got.MemberCount != 1 {
			t.Fatalf("team by name: %+v, %v", got, err)
		}
	})

	t.Run("creating a team with a taken name writes nothing", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		first := s.team(org, "Store Utrecht")
		dup := domain.Team{ID: domain.NewID(s.clock.Now()), Org: org.ID, Name: "STORE UTRECHT", LeadIDs: []string{}}
		if _, err := s.CreateTeam(ctx, dup); domain.ErrorCode(err) != "team_name_taken" {
			t.Fatalf("want team_name_taken, got %v", err)
		}
		if s.exists(s.keys.team(org.ID, dup.ID)) || s.rdb.ZCard(ctx, s.keys.teams(org.ID)).Val() != 1 {
			t.Fatal("the refused team was stored")
		}
		if got, _ := s.TeamByName(ctx, org.ID, "Store Utrecht"); got.ID != first.ID {
			t.Fatalf("the name now points at %q", got.ID)
		}
	})

	t.Run("creating an org whose slug is taken leaves the org and its users as they were", func(t *testing.T) {
		s := newTestStore(t)
		org, admin := s.org("acme")
		o2, _ := domain.NewOrg("acme", "Impostor", "UTC", s.clock.Now())
		intruder := s.newUser(o2, "Intruder", "intruder@acme.example", "admin", "")
		_, enrollment := s.enrollment()
		if err := s.CreateOrg(ctx, o2, intruder, enrollment, nil); domain.ErrorCode(err) != "org_exists" {
			t.Fatalf("want org_exists, got %v", err)
		}
		stored, err := s.Org(ctx, org.ID)
		if err != nil || stored.Name != org.Name || stored.Timezone != org.Timezone {
			t.Fatalf("stored %+v, %v", stored, err)
		}
		if s.exists(s.keys.user(org.ID, intruder.ID)) || s.rdb.SCard(ctx, s.keys.admins(org.ID)).Val() != 1 {
			t.Fatal("the intruding admin was stored")
		}
		if _, err := s.UserByEmail(ctx, org.ID, admin.Email); err != nil {
			t.Fatal(err)
		}
	})
}

// The write script meets an unknown operation only after the writes before it are done (it
// walks ARGV once, without a table of names): every name tx.go sends must be one it knows, as a
// check or as a write.
func TestWriteScriptKnowsEveryOperationSent(t *testing.T) {
	goSrc, err := os.ReadFile("tx.go")
	if err != nil {
		t.Fatal(err)
	}
	luaSrc, err := luaFiles.ReadFile("lua/write.lua")
	if err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, m := range regexp.MustCompile(`w\.(op|check)\((?:fail, )?"([a-z]+)"`).FindAllStringSubmatch(string(goSrc), -1) {
		sent++
		kind, name := m[1], m[2]
		if kind == "op" {
			kind = "write"
		}
		at := strings.Index(string(luaSrc), "name == '"+name+"'")
		writes := strings.Index(string(luaSrc), "while i <= n do")
		if at < 0 || (kind == "check") != (at < writes) {
			t.Errorf("tx.go sends the %s %q, which write.lua does not read as one", kind, name)
		}
	}
	if sent < 30 {
		t.Fatalf("found %d operations sent in tx.go; the pattern no longer matches how it sends them", sent)
	}
}
