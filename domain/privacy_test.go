package domain

import (
	"slices"
	"testing"
	"time"
)

func TestNewErasure(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	employee := User{ID: "E1", Org: "acme", Role: RoleEmployee, Active: true}
	admin := User{ID: "A1", Org: "acme", Role: RoleAdmin, Active: true}
	formerAdmin := User{ID: "A2", Org: "acme", Role: RoleAdmin, Active: false}
	for _, tc := range []struct {
		name   string
		u      User
		by     string
		admins []string
		code   string
	}{
		{"an admin erases an employee", employee, "A9", []string{"A9"}, ""},
		{"an admin erases another admin while a second remains", admin, "A9", []string{"A1", "A9"}, ""},
		{"the last active admin cannot be erased", admin, "A9", []string{"A1"}, "last_admin"},
		{"a deactivated admin is not counted as the last", formerAdmin, "A9", []string{"A9"}, ""},
		{"nobody erases themselves", admin, "A1", []string{"A1", "A2", "A3"}, "erase_self"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := NewErasure(tc.u, tc.by, tc.admins, now)
			if ErrorCode(err) != tc.code && !(tc.code == "" && err == nil) {
				t.Fatalf("got %v, want %q", err, tc.code)
			}
			if err != nil {
				return
			}
			if e.Anon == "" || e.Anon == tc.u.ID || e.Org != "acme" || !e.Now.Equal(now) || !slices.Equal(e.Admins, tc.admins) {
				t.Errorf("erasure %+v", e)
			}
		})
	}
	t.Run("LastAdmin", func(t *testing.T) {
		for _, tc := range []struct {
			admins []string
			id     string
			last   bool
		}{
			{[]string{"A1"}, "A1", true},
			{[]string{"A1", "A2"}, "A1", false},
			{[]string{"A2"}, "A1", false}, // not an admin as read: nothing of theirs to keep
			{nil, "A1", false},
		} {
			if got := LastAdmin(tc.admins, tc.id); got != tc.last {
				t.Errorf("LastAdmin(%v, %s) = %v, want %v", tc.admins, tc.id, got, tc.last)
			}
		}
	})
	if a, b := ErasedName("fr"), ErasedName("xx"); a == b || b != ErasedNames["en"] {
		t.Errorf("ErasedName: fr %q, unknown %q", a, b)
	}
}
