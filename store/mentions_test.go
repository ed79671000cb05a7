package store

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

// An erased person's name is replaced in a colleague's notifications where they are when the
// write is made: a notification that came in since the inbox was read shifts every item, and
// the rewrite reads the inbox again instead of writing over its neighbours.
func TestMentionsRewrittenWhereTheyAreNow(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("mentions")
	ben, _ := s.user(org, "Ben", "ben@mentions.example", "employee", "")
	inbox := s.keys.inbox(org.ID, ben.ID)
	push := func(id, title string) {
		t.Helper()
		if err := s.rdb.LPush(ctx, inbox, marshal(domain.Notification{ID: id, Kind: domain.KindKudos, Title: title, Body: "A story", CreatedAt: testNow})).Err(); err != nil {
			t.Fatal(err)
		}
	}
	push("n1", "Kudos from Eva Jansen")
	push("n2", "Your gesture for today")
	items := s.rdb.LRange(ctx, inbox, 0, -1).Val()
	push("n3", "Eva Jansen spotlighted your story") // after the read
	if err := s.rewriteMentions(ctx, org.ID, ben, items, "Eva Jansen"); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, raw := range s.rdb.LRange(ctx, inbox, 0, -1).Val() {
		var n domain.Notification
		if err := json.Unmarshal([]byte(raw), &n); err != nil {
			t.Fatal(err)
		}
		got = append(got, n.ID+" "+n.Title)
	}
	want := "n3 " + domain.ErasedName("en") + " spotlighted your story|n2 Your gesture for today|n1 Kudos from " + domain.ErasedName("en")
	if strings.Join(got, "|") != want {
		t.Errorf("inbox %q, want %q", got, want)
	}
}

// An inbox erased between a mark's read and its write gets no read marker back.
func TestMarkReadAfterTheInboxWentMeanwhile(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("markerased")
	ben, _ := s.user(org, "Ben", "ben@markerased.example", "employee", "")
	inbox, marker := s.keys.inbox(org.ID, ben.ID), s.keys.inboxRead(org.ID, ben.ID)
	s.rdb.LPush(ctx, inbox, marshal(domain.Notification{ID: "n1", Title: "t", CreatedAt: testNow}))
	s.rdb.AddHook(&redistest.AfterCmd{Name: "lindex", Key: inbox, Do: func() { s.rdb.Del(ctx, inbox, marker) }})
	if err := s.MarkRead(ctx, org.ID, ben.ID, "n9"); err != nil {
		t.Fatal(err)
	}
	if s.rdb.Exists(ctx, marker).Val() != 0 {
		t.Errorf("a read marker %q was written for an inbox that is gone", s.rdb.Get(ctx, marker).Val())
	}
}
