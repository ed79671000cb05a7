package seed

import (
	"context"
	"fmt"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
)

// Pack adds a pack's values and gestures to an org. Items are matched by their pack key,
// so loading a pack again adds only what is new and leaves what admins changed alone. English
// is the base text; other locales become translations.
func Pack(ctx context.Context, st *store.Store, org string, pack configs.Pack, now domain.Clock) (values, gestures int, err error) {
	ids, err := st.PackIDs(ctx, org)
	if err != nil {
		return 0, 0, err
	}
	valueIDs := map[string]string{}
	for _, pv := range pack.Values {
		if id, ok := ids["v:"+pv.Key]; ok {
			valueIDs[pv.Key] = id
			continue
		}
		t := now.Now()
		v := domain.Value{Org: org, Active: true, PackKey: pv.Key, CreatedAt: t}
		name, desc := pv.Name.In("en"), pv.Description.In("en")
		tr := map[string]domain.Text{}
		for locale, n := range pv.Name {
			if locale != "en" {
				tr[locale] = domain.Text{Name: n, Description: pv.Description[locale]}
			}
		}
		if err := v.Apply(domain.ValueInput{Name: &name, Description: &desc, Translations: &tr}); err != nil {
			return values, gestures, fmt.Errorf("value %s: %w", pv.Key, err)
		}
		v, err := st.SaveValue(ctx, v)
		if err != nil {
			return values, gestures, fmt.Errorf("value %s: %w", pv.Key, err)
		}
		valueIDs[pv.Key] = v.ID
		values++
	}
	for _, pg := range pack.Gestures {
		if _, ok := ids["g:"+pg.Key]; ok {
			continue
		}
		t := now.Now()
		g := domain.Gesture{Org: org, Points: 10, Active: true, Source: domain.SourcePack, PackKey: pg.Key, CreatedAt: t}
		title, howTo, valueID := pg.Title.In("en"), pg.HowTo.In("en"), valueIDs[pg.Value]
		tr := map[string]domain.Text{}
		for locale, s := range pg.Title {
			if locale != "en" {
				tr[locale] = domain.Text{Title: s, HowTo: pg.HowTo[locale]}
			}
		}
		roles, channels := pg.Roles, pg.Channels
		if err := g.Apply(domain.GestureInput{Title: &title, HowTo: &howTo, ValueID: &valueID, Points: &pg.Points, Roles: &roles,
			Channels: &channels, Translations: &tr}); err != nil {
			return values, gestures, fmt.Errorf("gesture %s: %w", pg.Key, err)
		}
		if _, err := st.SaveGesture(ctx, g); err != nil {
			return values, gestures, fmt.Errorf("gesture %s: %w", pg.Key, err)
		}
		gestures++
	}
	return values, gestures, nil
}
