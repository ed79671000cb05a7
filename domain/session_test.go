package domain

import (
	"reflect"
	"testing"
	"time"
)

func TestDecideRefresh(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	const ttl = 60 * 24 * time.Hour
	in := RefreshInput{Presented: "old", Next: "new", Now: now, TTL: ttl}
	live := SessionFamily{Current: "old", Created: now.Add(-ttl), Expires: now.Add(time.Hour), Device: `{"id":"pixel"}`}
	token := &SessionToken{Family: "F1", User: "eva"}
	eva := SessionUser{Found: true, Active: true}
	rotated := live
	rotated.Current, rotated.Expires = "new", now.Add(ttl)
	with := func(f SessionFamily, change func(*SessionFamily)) SessionFamily { change(&f); return f }
	cases := []struct {
		name string
		s    RefreshState
		want RefreshDecision
	}{
		{"a live family's current token is rotated, and the family lives a refresh TTL from now",
			RefreshState{Token: token, Family: live, User: eva}, RefreshDecision{Family: rotated}},
		{"an unknown token is refused and changes nothing",
			RefreshState{Family: live, User: eva}, RefreshDecision{Refused: ErrInvalidToken}},
		{"a token rotated before ends its family and voids its access tokens",
			RefreshState{Token: &SessionToken{Family: "F1", User: "eva", Used: true}, Family: live, User: eva},
			RefreshDecision{Refused: ErrRefreshReused, EndFamily: true, Revoke: true}},
		{"a reused token ends its family even when the family has gone already",
			RefreshState{Token: &SessionToken{Family: "F1", User: "eva", Used: true}, User: eva},
			RefreshDecision{Refused: ErrRefreshReused, EndFamily: true, Revoke: true}},
		{"a family at its end exactly still rotates",
			RefreshState{Token: token, Family: with(live, func(f *SessionFamily) { f.Expires = now }), User: eva},
			RefreshDecision{Family: rotated}},
		{"a family a millisecond past its end is dropped",
			RefreshState{Token: token, Family: with(live, func(f *SessionFamily) { f.Expires = now.Add(-time.Millisecond) }), User: eva},
			RefreshDecision{Refused: ErrInvalidToken, EndFamily: true}},
		{"a token whose family is not stored is refused, and the family's field dropped",
			RefreshState{Token: token, User: eva}, RefreshDecision{Refused: ErrInvalidToken, EndFamily: true}},
		{"a token that is not its family's current one is refused and changes nothing",
			RefreshState{Token: token, Family: with(live, func(f *SessionFamily) { f.Current = "other" }), User: eva},
			RefreshDecision{Refused: ErrInvalidToken}},
		{"an inactive user's family is dropped",
			RefreshState{Token: token, Family: live, User: SessionUser{Found: true}},
			RefreshDecision{Refused: ErrInvalidToken, EndFamily: true}},
		{"a deleted user's family is dropped",
			RefreshState{Token: token, Family: live}, RefreshDecision{Refused: ErrInvalidToken, EndFamily: true}},
		{"a family created before the user's sessions were ended is dropped",
			RefreshState{Token: token, Family: live, User: SessionUser{Found: true, Active: true, After: live.Created.Add(time.Millisecond)}},
			RefreshDecision{Refused: ErrInvalidToken, EndFamily: true}},
		{"a family created at the moment the sessions were ended lives",
			RefreshState{Token: token, Family: live, User: SessionUser{Found: true, Active: true, After: live.Created}},
			RefreshDecision{Family: rotated}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DecideRefresh(tc.s, in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDecideEnroll(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	const ttl = 60 * 24 * time.Hour
	in := EnrollInput{Code: "code", Family: "F9", Token: "tok", Device: `{"id":"pixel"}`, Now: now, TTL: ttl}
	eva := SessionUser{Found: true, Active: true, Team: "T1"}
	valid := EnrollState{User: eva, Code: "code", CodeExpires: now.Add(time.Hour)}
	started := SessionFamily{Current: "tok", Created: now, Expires: now.Add(ttl), Device: `{"id":"pixel"}`}
	with := func(s EnrollState, change func(*EnrollState)) EnrollState { change(&s); return s }
	cases := []struct {
		name string
		s    EnrollState
		want EnrollDecision
	}{
		{"a first enrollment starts a family and counts the user in their team",
			valid, EnrollDecision{First: true, CountIn: "T1", Family: started}},
		{"a first enrollment without a team counts nowhere",
			with(valid, func(s *EnrollState) { s.User.Team = "" }), EnrollDecision{First: true, Family: started}},
		{"enrolling again starts another family and counts nobody",
			with(valid, func(s *EnrollState) { s.Enrolled = true }), EnrollDecision{Family: started}},
		{"a code at its expiry exactly still works",
			with(valid, func(s *EnrollState) { s.CodeExpires = now }), EnrollDecision{First: true, CountIn: "T1", Family: started}},
		{"a code a millisecond past its expiry is refused",
			with(valid, func(s *EnrollState) { s.CodeExpires = now.Add(-time.Millisecond) }), EnrollDecision{Refused: ErrInvalidCode}},
		{"another code is refused",
			with(valid, func(s *EnrollState) { s.Code = "newer" }), EnrollDecision{Refused: ErrInvalidCode}},
		{"a used code (none stored) is refused",
			with(valid, func(s *EnrollState) { s.Code = "" }), EnrollDecision{Refused: ErrInvalidCode}},
		{"an inactive user is refused",
			with(valid, func(s *EnrollState) { s.User.Active = false }), EnrollDecision{Refused: ErrInvalidCode}},
		{"a deleted user is refused",
			with(valid, func(s *EnrollState) { s.User = SessionUser{} }), EnrollDecision{Refused: ErrInvalidCode}},
		{"ended families are pruned, live ones and those at their end exactly are kept",
			with(valid, func(s *EnrollState) {
				s.Enrolled = true
				s.Families = map[string]SessionFamily{
					"old":     {Current: "a", Expires: now.Add(-time.Millisecond)},
					"broken":  {},
					"edge":    {Current: "b", Expires: now},
					"current": {Current: "c", Expires: now.Add(time.Hour)},
				}
			}),
			EnrollDecision{Prune: []string{"broken", "old"}, Family: started}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DecideEnroll(tc.s, in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// FuzzDecideRefresh checks the refresh rules against their statement: a token is rotated only
// when it is known, unused, its family's current one and live, and its user active with the
// family created since their sessions were ended; a reused token always ends its family and
// voids its access tokens, and nothing else voids them.
func FuzzDecideRefresh(f *testing.F) {
	f.Add(uint8(0), int64(0), int64(0), int64(0))
	f.Add(uint8(0xff), int64(-1), int64(1), int64(5))
	f.Fuzz(func(t *testing.T, flags uint8, expiresIn, createdAgo, afterAgo int64) {
		now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		ms := func(n int64) time.Duration { return time.Duration(n%1e6) * time.Millisecond }
		in := RefreshInput{Presented: "old", Next: "new", Now: now, TTL: time.Hour}
		s := RefreshState{
			Family: SessionFamily{Current: "old", Created: now.Add(-ms(createdAgo)), Expires: now.Add(ms(expiresIn)), Device: "d"},
			User:   SessionUser{Found: flags&4 != 0, Active: flags&8 != 0, After: now.Add(-ms(afterAgo))},
		}
		if flags&1 != 0 {
			s.Token = &SessionToken{Family: "F", User: "u", Used: flags&2 != 0}
		}
		if flags&16 != 0 {
			s.Family.Current = "other"
		}
		d := DecideRefresh(s, in)
		rotates := s.Token != nil && !s.Token.Used && !s.Family.Ended(now) && s.Family.Current == in.Presented &&
			s.User.Found && s.User.Active && !s.Family.Created.Before(s.User.After)
		if (d.Refused == nil) != rotates {
			t.Fatalf("refused %v for %+v", d.Refused, s)
		}
		reused := s.Token != nil && s.Token.Used
		if (d.Refused == ErrRefreshReused) != reused || d.Revoke != reused || (reused && !d.EndFamily) {
			t.Fatalf("reuse of %+v decided %+v", s.Token, d)
		}
		if rotates {
			want := SessionFamily{Current: "new", Created: s.Family.Created, Expires: now.Add(time.Hour), Device: "d"}
			if d.Family != want || d.EndFamily {
				t.Fatalf("rotated to %+v (end %v), want %+v", d.Family, d.EndFamily, want)
			}
		} else if d.Family != (SessionFamily{}) {
			t.Fatalf("a refusal carries a family: %+v", d)
		}
	})
}
