package store

import (
	"context"
	"slices"
	"testing"

	"github.com/microact/microact/domain"
)

// The pick reads the channel of the user's team and the gestures' channels as stored; a chosen
// swap stores the choice, the gesture it replaced among those swapped away, and one swap less.
func TestChannelsAndAChosenSwapAsStored(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("choice")
	service := s.team(org, "Customer Service")
	changed := service
	if err := changed.Apply(domain.TeamInput{Channel: ptr("phone")}); err != nil {
		t.Fatal(err)
	}
	catalogStamp := func() string { return s.rdb.HGet(ctx, s.keys.orgSettings(org.ID), fieldCatalogStamp).Val() }
	stampBefore := catalogStamp()
	if err := s.UpdateTeam(ctx, service, changed); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Team(ctx, org.ID, service.ID); err != nil || got.Channel != domain.ChannelPhone {
		t.Fatalf("the team as stored: %+v, %v", got, err)
	}
	if catalogStamp() == stampBefore {
		t.Fatalf("a new channel left the catalogue stamp %q: a pick decided with the old channel would be applied", stampBefore)
	}
	stored, _ := s.Team(ctx, org.ID, service.ID)
	renamed := stored
	renamed.Name = "Customer Care"
	stampBefore = catalogStamp()
	if err := s.UpdateTeam(ctx, stored, renamed); err != nil {
		t.Fatal(err)
	}
	if catalogStamp() != stampBefore {
		t.Errorf("a rename changed the catalogue stamp: every today view is read again for nothing")
	}
	v, err := s.SaveValue(ctx, domain.Value{ID: domain.NewID(testNow), Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	gesture := func(title string, channels ...domain.Channel) domain.Gesture {
		g, err := s.SaveGesture(ctx, domain.Gesture{ID: domain.NewID(testNow), Org: org.ID, Title: title, ValueID: v.ID, Points: 10,
			Active: true, Roles: []domain.Role{}, TeamIDs: []string{}, Channels: channels, CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	seat := gesture("Offer a seat", domain.ChannelStore)
	phone := []string{gesture("Call back", domain.ChannelPhone).ID, gesture("Use their name", domain.ChannelPhone, domain.ChannelStore).ID,
		gesture("Say thank you").ID, gesture("Spell it back", domain.ChannelPhone).ID}
	if got, err := s.Gesture(ctx, org.ID, seat.ID); err != nil || !slices.Equal(got.Channels, []domain.Channel{domain.ChannelStore}) {
		t.Fatalf("the gesture as stored: %+v, %v", got.Channels, err)
	}

	agent, _ := s.user(org, "Agent", "agent@choice.example", "employee", service.ID)
	const day = "2026-11-23"
	first, err := s.Today(ctx, org.ID, agent.ID, day, s.clock.Now())
	if err != nil || !slices.Contains(phone, first.Assignment.GestureID) {
		t.Fatalf("a phone team's first gesture: %s, %v", first.Assignment.GestureID, err)
	}
	alts, err := s.Alternatives(ctx, org.ID, agent.ID, day, day)
	if err != nil || len(alts.Items) != 3 || alts.SwapsLeft != 2 || alts.User.ID != agent.ID {
		t.Fatalf("alternatives %+v, %v", alts, err)
	}
	for _, a := range alts.Items {
		if !slices.Contains(phone, a.Gesture.ID) || a.Gesture.ID == first.Assignment.GestureID || a.Value.ID != v.ID {
			t.Fatalf("offered %+v", a.Gesture)
		}
	}
	chosen := alts.Items[2].Gesture.ID
	if _, _, _, err := s.Swap(ctx, domain.SwapRequest{Org: org.ID, UserID: agent.ID, Day: day, Today: day, GestureID: seat.ID}); domain.ErrorCode(err) != "invalid" {
		t.Fatalf("a swap to another channel's gesture: %v", err)
	}
	got, _, _, err := s.Swap(ctx, domain.SwapRequest{Org: org.ID, UserID: agent.ID, Day: day, Today: day, GestureID: chosen})
	if err != nil || got.Assignment.GestureID != chosen {
		t.Fatalf("a chosen swap: %s, %v", got.Assignment.GestureID, err)
	}
	again, err := s.Today(ctx, org.ID, agent.ID, day, s.clock.Now())
	if err != nil || again.Assignment.GestureID != chosen || again.Assignment.SwapsLeft != 1 {
		t.Fatalf("today after the chosen swap: %+v, %v", again.Assignment, err)
	}
	next, err := s.Alternatives(ctx, org.ID, agent.ID, day, day)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range next.Items {
		if a.Gesture.ID == first.Assignment.GestureID || a.Gesture.ID == chosen {
			t.Errorf("offered %s again after the swap", a.Gesture.ID)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// The teams' channels are part of the org's state a replica keeps a copy of under the catalogue
// stamp: a team created with a channel, or given another one, sets a new stamp, so a pick never
// follows a copy that does not know the team's channel.
func TestTeamChannelsRideTheKeptOrgCopy(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("channelcopy")
	v, err := s.SaveValue(ctx, domain.Value{ID: domain.NewID(testNow), Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	byChannel := map[string]domain.Channel{}
	for i, c := range []domain.Channel{domain.ChannelStore, domain.ChannelPhone, domain.ChannelPhone, domain.ChannelPhone, domain.ChannelPhone} {
		g, err := s.SaveGesture(ctx, domain.Gesture{ID: domain.NewID(testNow), Org: org.ID, Title: "Gesture " + string(rune('A'+i)), ValueID: v.ID,
			Points: 10, Active: true, Roles: []domain.Role{}, TeamIDs: []string{}, Channels: []domain.Channel{c}, CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		byChannel[g.ID] = c
	}
	const day = "2026-11-23"
	plain := s.team(org, "Back office")
	first, _ := s.user(org, "First", "first@channelcopy.example", "employee", plain.ID)
	if _, err := s.Today(ctx, org.ID, first.ID, day, s.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.loopOrgs.Get(org.ID); !ok {
		t.Fatal("the first read left no copy of the org's state")
	}
	shop, err := s.CreateTeam(ctx, domain.Team{Org: org.ID, Name: "Shop", Channel: domain.ChannelStore, LeadIDs: []string{}, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	channelsRead := func(userID string) map[string]domain.Channel {
		a, err := s.readLoop(ctx, org.ID, userID, loopRead{Days: loopDays(day)}, "")
		if err != nil {
			t.Fatal(err)
		}
		return a.loop.channels
	}
	if got := channelsRead(first.ID); got[shop.ID] != domain.ChannelStore || len(got) != 1 {
		t.Fatalf("the teams' channels after a team was created with one: %v", got)
	}
	if got := channelsRead(first.ID); got[shop.ID] != domain.ChannelStore { // now from the kept copy
		t.Fatalf("the teams' channels as kept: %v", got)
	}
	for i := range 4 {
		u, _ := s.user(org, "Seller", "seller"+string(rune('a'+i))+"@channelcopy.example", "employee", shop.ID)
		got, err := s.Today(ctx, org.ID, u.ID, day, s.clock.Now())
		if err != nil || byChannel[got.Assignment.GestureID] != domain.ChannelStore {
			t.Fatalf("a shop's seller was given %s (%s), %v", got.Assignment.GestureID, byChannel[got.Assignment.GestureID], err)
		}
	}
	phone := shop
	if err := phone.Apply(domain.TeamInput{Channel: ptr("phone")}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateTeam(ctx, shop, phone); err != nil {
		t.Fatal(err)
	}
	u, _ := s.user(org, "Caller", "caller@channelcopy.example", "employee", shop.ID)
	got, err := s.Today(ctx, org.ID, u.ID, day, s.clock.Now())
	if err != nil || byChannel[got.Assignment.GestureID] != domain.ChannelPhone {
		t.Fatalf("after the team's move to the phone: %s (%s), %v", got.Assignment.GestureID, byChannel[got.Assignment.GestureID], err)
	}
	stored, _ := s.Team(ctx, org.ID, shop.ID)
	none := stored
	if err := none.Apply(domain.TeamInput{Channel: ptr("")}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateTeam(ctx, stored, none); err != nil {
		t.Fatal(err)
	}
	if got := channelsRead(first.ID); len(got) != 0 {
		t.Fatalf("a cleared channel is still read: %v", got)
	}
}
