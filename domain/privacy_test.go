package domain

import (
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
		admins int
		code   string
	}{
		{"an admin erases an employee", employee, "A9", 1, ""},
		{"an admin erases another admin while a second remains", admin, "A9", 2, ""},
		{"the last active admin cannot be erased", admin, "A9", 1, "last_admin"},
		{"a deactivated admin is not counted as the last", formerAdmin, "A9", 1, ""},
		{"nobody erases themselves", admin, "A1", 5, "erase_self"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := NewErasure(tc.u, tc.by, tc.admins, now)
			if ErrorCode(err) != tc.code && !(tc.code == "" && err == nil) {
				t.Fatalf("got %v, want %q", err, tc.code)
			}
			if err != nil {
				return
			}
			if e.Anon == "" || e.Anon == tc.u.ID || e.Org != "acme" || !e.Now.Equal(now) {
				t.Errorf("erasure %+v", e)
			}
		})
	}
	if a, b := ErasedName("fr"), ErasedName("xx"); a == b || b != ErasedNames["en"] {
		t.Errorf("ErasedName: fr %q, unknown %q", a, b)
	}
}
