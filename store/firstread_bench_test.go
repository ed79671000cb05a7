package store

import (
	"context"
	"strconv"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

// BenchmarkFirstReadOfTheDay measures the read that makes a day's assignment (the morning's
// peak): the loop state read, the pick decided in Go and the apply script; every iteration is
// another user's first read of the day, with two weeks of their history behind it.
func BenchmarkFirstReadOfTheDay(b *testing.B) {
	srv := redistest.Start(b)
	s := New(srv.Client(b), "mx", domain.NewFixedClock(testNow))
	ctx := context.Background()
	org, err := domain.NewOrg("firstread", "First read", "Europe/Amsterdam", testNow)
	if err != nil {
		b.Fatal(err)
	}
	admin, _ := domain.NewUser(org, domain.UserInput{Name: "Admin", Email: "admin@firstread.example", Role: "admin"}, testNow)
	if err := s.CreateOrg(ctx, org, admin, domain.Enrollment{CodeHash: domain.HashSecret("x"), ExpiresAt: testNow.Add(domain.EnrollmentCodeTTL)}, nil); err != nil {
		b.Fatal(err)
	}
	v, err := s.SaveValue(ctx, domain.Value{ID: domain.NewID(testNow), Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 40 {
		if _, err := s.SaveGesture(ctx, domain.Gesture{ID: domain.NewID(testNow), Org: org.ID, Title: "Gesture " + strconv.Itoa(i), ValueID: v.ID,
			Points: 10, Active: true, Roles: []domain.Role{}, TeamIDs: []string{}, CreatedAt: testNow}); err != nil {
			b.Fatal(err)
		}
	}
	const day = "2026-11-23"
	users := make([]domain.User, b.N)
	for i := range users {
		users[i], err = domain.NewUser(org, domain.UserInput{Name: "U" + strconv.Itoa(i), Email: "u" + strconv.Itoa(i) + "@firstread.example", Role: "employee"}, testNow)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.CreateUser(ctx, users[i], domain.Enrollment{CodeHash: domain.HashSecret("u" + strconv.Itoa(i)), ExpiresAt: testNow.Add(domain.EnrollmentCodeTTL)}, nil); err != nil {
			b.Fatal(err)
		}
		for d := 14; d >= 1; d-- {
			if _, err := s.Today(ctx, org.ID, users[i].ID, domain.AddDays(day, -d), testNow); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.Today(ctx, org.ID, users[i].ID, day, testNow); err != nil {
			b.Fatal(err)
		}
	}
}
