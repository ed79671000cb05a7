package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
)

// person is one simulated phone: a user, their token and what they did today.
type person struct {
	id, team, token string
	code            string
	assignment      atomic.Pointer[string] // today's assignment id, once read
}

// seedOrg deletes the org and creates it again: the starter pack, o.teams teams with one lead
// each and the rest of o.users as employees spread evenly, each with an enrollment code and
// their reminders scheduled as the API would.
func (h *harness) seedOrg(ctx context.Context) (domain.Org, []domain.User, error) {
	st, now := h.st, time.Now()
	if err := st.DeleteOrgData(ctx, h.o.org); err != nil {
		return domain.Org{}, nil, err
	}
	org, err := loadOrg(h.o.org, now)
	if err != nil {
		return domain.Org{}, nil, err
	}
	admin, err := domain.NewUser(org, domain.UserInput{Name: "Load Admin", Email: "admin@load.example", Role: "admin"}, now)
	if err != nil {
		return domain.Org{}, nil, err
	}
	_, enrollment := domain.NewEnrollment(now)
	if err := st.CreateOrg(ctx, org, admin, enrollment, nil); err != nil {
		return domain.Org{}, nil, err
	}
	pack, err := configs.StarterPack()
	if err != nil {
		return domain.Org{}, nil, err
	}
	if _, _, err := seed.Pack(ctx, st, org.ID, pack, domain.SystemClock{}); err != nil {
		return domain.Org{}, nil, err
	}

	users := make([]domain.User, h.o.users)
	h.people = make([]*person, h.o.users)
	// Teams one after another (creating them in parallel only makes them retry each other's
	// writes to the org's team index), then the employees in parallel.
	perTeam := h.o.users / h.o.teams
	teamOf := func(i int) int { return min(i/perTeam, h.o.teams-1) }
	for t := range h.o.teams {
		lead, err := h.newUser(ctx, org, t*perTeam, "lead", "")
		if err != nil {
			return domain.Org{}, nil, err
		}
		team := domain.Team{Org: org.ID, CreatedAt: now}
		name, leads := fmt.Sprintf("Store %03d", t+1), []string{lead.ID}
		if err := team.Apply(domain.TeamInput{Name: &name, LeadIDs: &leads}); err != nil {
			return domain.Org{}, nil, err
		}
		if team, err = st.CreateTeam(ctx, team); err != nil {
			return domain.Org{}, nil, err
		}
		if lead, err = st.User(ctx, org.ID, lead.ID); err != nil { // as stored, with its revision
			return domain.Org{}, nil, err
		}
		moved := lead
		moved.TeamID = team.ID
		if err := st.UpdateUser(ctx, lead, moved); err != nil {
			return domain.Org{}, nil, err
		}
		users[t*perTeam], h.people[t*perTeam].team = moved, team.ID
	}
	err = seed.Parallel(ctx, 16, len(users), func(i int) error {
		if users[i].ID != "" {
			return nil // a lead
		}
		var err error
		users[i], err = h.newUser(ctx, org, i, "employee", users[teamOf(i)*perTeam].TeamID)
		return err
	})
	if err != nil {
		return domain.Org{}, nil, err
	}
	err = seed.Parallel(ctx, 16, len(users), func(i int) error {
		u := users[i]
		return st.Reschedule(ctx, org.ID, u.ID, domain.Schedule(u, org, now))
	})
	return org, users, err
}

func (h *harness) newUser(ctx context.Context, org domain.Org, i int, role, teamID string) (domain.User, error) {
	now := time.Now()
	u, err := domain.NewUser(org, domain.UserInput{
		Name: fmt.Sprintf("Person %05d", i), Email: fmt.Sprintf("p%05d@load.example", i), Role: role, TeamID: teamID,
	}, now)
	if err != nil {
		return u, err
	}
	code, enrollment := domain.NewEnrollment(now)
	if err := h.st.CreateUser(ctx, u, enrollment, nil); err != nil {
		return u, err
	}
	h.people[i] = &person{id: u.ID, team: teamID, code: code}
	return u, nil
}

// enrollAll enrolls every person over HTTP and registers a phone for them, as the app does
// on first start, so that each simulated phone has its own access token.
func (h *harness) enrollAll(ctx context.Context) error {
	return seed.Parallel(ctx, h.o.workers, len(h.people), func(i int) error {
		p := h.people[i]
		body := fmt.Sprintf(`{"code":%q,"device":{"id":"phone-%d","platform":"android"}}`, p.code, i)
		status, data, err := h.do(ctx, "POST", "/v1/auth/enroll", "", body)
		if err != nil {
			return err
		}
		if status != 200 {
			return fmt.Errorf("enroll %s: %d %s", p.id, status, data)
		}
		var s struct {
			AccessToken string `json:"access_token"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		p.token, p.code = s.AccessToken, ""
		device := fmt.Sprintf(`{"token":"fcm-token-%040d","platform":"android"}`, i)
		status, data, err = h.do(ctx, "PUT", fmt.Sprintf("/v1/me/devices/phone-%d", i), p.token, device)
		if err != nil {
			return err
		}
		if status != 204 {
			return fmt.Errorf("register device of %s: %d %s", p.id, status, data)
		}
		return nil
	})
}

// openProfiles reads every person's GET /v1/me once.
func (h *harness) openProfiles(ctx context.Context) error {
	return seed.Parallel(ctx, h.o.workers, len(h.people), func(i int) error {
		p := h.people[i]
		status, data, err := h.do(ctx, "GET", "/v1/me", p.token, "")
		if err != nil {
			return err
		}
		if status != 200 {
			return fmt.Errorf("profile of %s: %d %s", p.id, status, data)
		}
		return nil
	})
}
