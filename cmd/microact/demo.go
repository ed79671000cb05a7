package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
)

// demoOrg is the org `microact demo` creates or refreshes.
const demoOrg = "demo"

// demoPeople are the demo's users: one admin, a lead per team and employees.
var demoTeams = []struct {
	name    string
	channel string // where the team meets its customers: the starter pack's gestures are tagged by it
	lead    string
	staff   []string
}{
	{"Store Utrecht", "store", "Lotte de Vries", []string{"Sanne Jansen", "Daan Bakker", "Emma Visser", "Noah Smit", "Julia Meijer"}},
	{"Store Amsterdam", "store", "Bram Mulder", []string{"Sophie de Boer", "Lucas Bos", "Tess Vos", "Finn Peters", "Mila Hendriks"}},
	{"Customer Service", "phone", "Fatima El Amrani", []string{"Sem Dekker", "Zoë van Dijk", "Levi Brouwer", "Anna Kok", "Milan de Wit", "Ruben Koster"}},
}

const demoAdmin = "Demi Admin"

func demo(ctx context.Context, cfg configs.Config, args []string, stdout io.Writer) error {
	fs := newFlags("demo", stdout)
	weeks := fs.Int("weeks", 4, "weeks of history to make up")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	clock := domain.SystemClock{}
	st, err := openStore(cfg, clock)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.DeleteOrgData(ctx, demoOrg); err != nil {
		return err
	}
	now := clock.Now()
	org, err := domain.NewOrg(demoOrg, "Demo Retail", "Europe/Amsterdam", now)
	if err != nil {
		return err
	}
	pack, err := configs.StarterPack()
	if err != nil {
		return err
	}
	org.Locales = pack.Locales
	codes := map[string]string{}
	admin, err := domain.NewUser(org, domain.UserInput{Name: demoAdmin, Email: "admin@demo.example", Role: "admin"}, now)
	if err != nil {
		return err
	}
	code, enrollment := domain.NewEnrollment(now)
	if err := st.CreateOrg(ctx, org, admin, enrollment, nil); err != nil {
		return err
	}
	codes["admin"] = code
	if _, _, err := seed.Pack(ctx, st, demoOrg, pack, clock); err != nil {
		return err
	}
	users := []domain.User{admin}
	var firstTeam string
	for _, t := range demoTeams {
		team := domain.Team{Org: demoOrg, CreatedAt: now}
		lead, err := demoUser(ctx, st, org, t.lead, "lead", "")
		if err != nil {
			return err
		}
		leads := []string{lead.user.ID}
		if err := team.Apply(domain.TeamInput{Name: &t.name, LeadIDs: &leads, Channel: &t.channel}); err != nil {
			return err
		}
		if team, err = st.CreateTeam(ctx, team); err != nil {
			return err
		}
		if firstTeam == "" {
			firstTeam = team.ID
			codes["lead"] = lead.code
		}
		moved := lead.user
		moved.TeamID = team.ID
		if err := st.UpdateUser(ctx, lead.user, moved); err != nil {
			return err
		}
		users = append(users, moved)
		for _, name := range t.staff {
			e, err := demoUser(ctx, st, org, name, "employee", team.ID)
			if err != nil {
				return err
			}
			if codes["employee"] == "" {
				codes["employee"] = e.code
			}
			users = append(users, e.user)
		}
	}
	if err := demoChallenge(ctx, st, org, firstTeam, now); err != nil {
		return err
	}
	outcomes, err := seed.History{Store: st, Org: org, Days: 7 * *weeks, Seed: 42, Workers: 4}.Run(ctx, users, now)
	if err != nil {
		return err
	}
	for _, u := range users {
		if err := st.Reschedule(ctx, demoOrg, u.ID, domain.Schedule(u, org, now)); err != nil {
			return err
		}
	}
	out := map[string]any{"org": demoOrg, "users": len(users), "outcomes": outcomes, "enrollment_codes": codes}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

type demoPerson struct {
	user domain.User
	code string
}

func demoUser(ctx context.Context, st *store.Store, org domain.Org, name, role, teamID string) (demoPerson, error) {
	now := time.Now()
	email := fmt.Sprintf("%s@demo.example", slugOf(name))
	u, err := domain.NewUser(org, domain.UserInput{Name: name, Email: email, Role: role, TeamID: teamID}, now)
	if err != nil {
		return demoPerson{}, err
	}
	code, enrollment := domain.NewEnrollment(now)
	if err := st.CreateUser(ctx, u, enrollment, nil); err != nil {
		return demoPerson{}, err
	}
	u.Rev = 1
	return demoPerson{user: u, code: code}, nil
}

func slugOf(name string) string {
	out := make([]rune, 0, len(name))
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			out = append(out, r)
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		case r == ' ':
			out = append(out, '.')
		case r == 'ë':
			out = append(out, 'e')
		}
	}
	return string(out)
}

// demoChallenge runs this month for the first team, with three of the pack's gestures.
func demoChallenge(ctx context.Context, st *store.Store, org domain.Org, teamID string, now time.Time) error {
	gestures, err := st.AllGestures(ctx, demoOrg)
	if err != nil || len(gestures) < 3 {
		return err
	}
	today := domain.LocalDay(now, org.Location())
	month := domain.MonthOf(today, org.Location())
	ch := domain.Challenge{Org: demoOrg, CreatedAt: now}
	name, desc, bonus := "Name and greet", "Greet one customer by name each day this month.", 5
	ids := []string{gestures[0].ID, gestures[1].ID, gestures[2].ID}
	teams := []string{teamID}
	if err := ch.Apply(domain.ChallengeInput{Name: &name, Description: &desc, StartsOn: &month.FirstDay, EndsOn: &month.LastDay,
		TeamIDs: &teams, GestureIDs: &ids, BonusPoints: &bonus}); err != nil {
		return err
	}
	_, err = st.SaveChallenge(ctx, ch)
	return err
}
