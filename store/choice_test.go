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
	alts, err := s.Alternatives(ctx, org.ID, agent.ID, day)
	if err != nil || len(alts.Items) != 3 || alts.SwapsLeft != 2 || alts.User.ID != agent.ID {
		t.Fatalf("alternatives %+v, %v", alts, err)
	}
	for _, a := range alts.Items {
		if !slices.Contains(phone, a.Gesture.ID) || a.Gesture.ID == first.Assignment.GestureID || a.Value.ID != v.ID {
			t.Fatalf("offered %+v", a.Gesture)
		}
	}
	chosen := alts.Items[2].Gesture.ID
	if _, _, err := s.Swap(ctx, domain.SwapRequest{Org: org.ID, UserID: agent.ID, Day: day, GestureID: seat.ID}); domain.ErrorCode(err) != "invalid" {
		t.Fatalf("a swap to another channel's gesture: %v", err)
	}
	got, _, err := s.Swap(ctx, domain.SwapRequest{Org: org.ID, UserID: agent.ID, Day: day, GestureID: chosen})
	if err != nil || got.Assignment.GestureID != chosen {
		t.Fatalf("a chosen swap: %s, %v", got.Assignment.GestureID, err)
	}
	again, err := s.Today(ctx, org.ID, agent.ID, day, s.clock.Now())
	if err != nil || again.Assignment.GestureID != chosen || again.Assignment.SwapsLeft != 1 {
		t.Fatalf("today after the chosen swap: %+v, %v", again.Assignment, err)
	}
	next, err := s.Alternatives(ctx, org.ID, agent.ID, day)
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
