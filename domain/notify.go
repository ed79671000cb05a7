package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Notification kinds.
const (
	KindDailyGesture       = "daily_gesture"
	KindStreakRescue       = "streak_rescue"
	KindKudos              = "kudos"
	KindSpotlight          = "spotlight"
	KindBarrierUpdate      = "barrier_update"
	KindBarrierReported    = "barrier_reported"
	KindBarrierEscalated   = "barrier_escalated"
	KindSuggestionReviewed = "suggestion_reviewed"
	KindWeeklyRecap        = "weekly_recap"
	KindTest               = "test"
)

// Notification is one entry of a user's inbox.
type Notification struct {
	ID        string            `json:"id"`
	Kind      string            `json:"kind"`
	Title     string            `json:"title"`
	Body      string            `json:"body"`
	Data      map[string]string `json:"data"`
	CreatedAt time.Time         `json:"created_at"`
	Read      bool              `json:"-"`
}

// Mentions says whether n names name in its title or body.
func (n Notification) Mentions(name string) bool {
	return name != "" && (strings.Contains(n.Title, name) || strings.Contains(n.Body, name))
}

// WithoutName is n with name replaced by instead wherever its title and body say it (an erased
// person's name in a colleague's kudos notice), and whether n mentioned name at all.
func (n Notification) WithoutName(name, instead string) (Notification, bool) {
	if !n.Mentions(name) {
		return n, false
	}
	n.Title, n.Body = strings.ReplaceAll(n.Title, name, instead), strings.ReplaceAll(n.Body, name, instead)
	return n, true
}

// Draft is a notification before it is addressed: its texts in every locale.
type Draft struct {
	Kind  string
	Texts map[string][2]string // locale → title, body
	Data  map[string]string    // kind, id and link are added
	Link  string
	// Collapse groups pushes that replace each other on the phone (kudos on one story).
	Collapse string
	// Once, when set, makes the notification happen at most once for this key (a reminder of one
	// day), even when a scheduler replica retries.
	Once string
	// By is the id of the person the notification names, when it names one (a barrier's reporter,
	// the lead who spotlighted a story; a kudos' giver is its write's own act): it is not sent
	// once they are gone, and sending it is an act of theirs, which makes an erasure of theirs
	// planned meanwhile plan again.
	By string
}

// Recipient is a user as a notification is addressed to them.
type Recipient struct {
	ID     string
	Locale string
	Active bool
}

// Address is the notification d becomes for r, with id, created at now (to the second): its
// texts in r's locale, else English. A user who is not active gets none (false).
func (d Draft) Address(id string, r Recipient, now time.Time) (Notification, bool) {
	if !r.Active {
		return Notification{}, false
	}
	t, ok := d.Texts[r.Locale]
	if !ok {
		t = d.Texts["en"]
	}
	data := make(map[string]string, len(d.Data)+3)
	for k, v := range d.Data {
		data[k] = v
	}
	data["kind"], data["id"], data["link"] = d.Kind, id, d.Link
	return Notification{ID: id, Kind: d.Kind, Title: t[0], Body: t[1], Data: data, CreatedAt: now.UTC().Truncate(time.Second)}, true
}

// Device is a phone that receives pushes.
type PushDevice struct {
	ID        string    `json:"id"`
	Token     string    `json:"token"`
	Platform  string    `json:"platform"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TokenMove is what registering a push token on a device of a user changes besides the device
// and the org's token index.
type TokenMove struct {
	ForgetOwnerDevice bool   // the device that held the token (of its owner) no longer has it
	DropToken         string // the token the device held before leaves the token index ("" none)
}

// MoveToken decides a registration of token on device of user. A token belongs to one device
// of one user: registering it elsewhere takes it from owner's device ownerDevice, which held it
// ("" none). before is the token the device held until now ("" none).
func MoveToken(owner, ownerDevice, user, device, before, token string) TokenMove {
	m := TokenMove{ForgetOwnerDevice: ownerDevice != "" && (owner != user || ownerDevice != device)}
	if before != token {
		m.DropToken = before
	}
	return m
}

// DeliveryLease is a consumer's lease on pushing a notification: one worker may still be
// sending an entry that another took over from it as stale, and the lease keeps the second
// from pushing it again meanwhile. The zero lease is held by nobody.
type DeliveryLease struct {
	Holder string
	Until  time.Time
}

// MayTake says whether consumer may take l at now: nobody holds it, consumer does, from does
// (a holder found dead: no heartbeat of it), or it ran out.
func (l DeliveryLease) MayTake(consumer, from string, now time.Time) bool {
	return l.Holder == "" || l.Holder == consumer || (from != "" && l.Holder == from) || !l.Until.After(now)
}

// OutboxItem is one notification waiting to be pushed.
type OutboxItem struct {
	EntryID  string // the stream entry
	UserID   string
	ID       string // the notification
	Kind     string
	Title    string
	Body     string
	Data     map[string]string
	Collapse string
	Attempts int
	Enqueued time.Time
}

// NotifyStore keeps inboxes, devices and the push outbox.
type NotifyStore interface {
	// Notify puts a notification into the user's inbox and the push outbox in one step. It
	// answers "" when Once says it happened already.
	Notify(ctx context.Context, org, userID string, d Draft, now time.Time) (string, error)
	Inbox(ctx context.Context, org, userID string, page Page) (items []Notification, unread int, next string, err error)
	MarkRead(ctx context.Context, org, userID, upTo string) error
	PutDevice(ctx context.Context, org, userID string, d PushDevice) error
	DeleteDevice(ctx context.Context, org, userID, deviceID string) error
	Devices(ctx context.Context, org, userID string) ([]PushDevice, error)
	RemoveToken(ctx context.Context, org, token string) error
	// ScheduleUser sets the user's reminders of kinds (all when none is named) as Schedule
	// decides them after now from the user as stored, never from an older copy.
	ScheduleUser(ctx context.Context, org Org, userID string, now time.Time, kinds ...string) error
}

// PushTexts are the texts of the notifications microact sends itself, per locale.
var PushTexts = map[string]map[string][2]string{
	KindDailyGesture: {
		"en": {"Your gesture for today", "One small thing for one customer: %s"},
		"nl": {"Je gebaar voor vandaag", "Eén klein ding voor één klant: %s"},
		"de": {"Deine Geste für heute", "Eine kleine Sache für einen Kunden: %s"},
		"fr": {"Ton geste du jour", "Une petite attention pour un client : %s"},
	},
	KindStreakRescue: {
		"en": {"Keep your streak alive", "You are on a %d-day streak. There is still time for today's gesture."},
		"nl": {"Houd je reeks vast", "Je zit op %d dagen op rij. Er is nog tijd voor het gebaar van vandaag."},
		"de": {"Bleib an deiner Serie dran", "Du bist seit %d Tagen dabei. Für die heutige Geste ist noch Zeit."},
		"fr": {"Garde ta série", "Tu en es à %d jours d’affilée. Il est encore temps pour le geste du jour."},
	},
	KindWeeklyRecap: {
		"en": {"A new week of gestures", "You have %d points in total and a %d-day streak. See how your team did."},
		"nl": {"Een nieuwe week vol gebaren", "Je hebt %d punten in totaal en %d dagen op rij. Kijk hoe je team het deed."},
		"de": {"Eine neue Woche voller Gesten", "Du hast insgesamt %d Punkte und %d Tage in Folge. Schau, wie dein Team abgeschnitten hat."},
		"fr": {"Une nouvelle semaine de gestes", "Tu as %d points au total et %d jours d’affilée. Regarde comment s’en est sortie ton équipe."},
	},
	KindKudos: {
		"en": {"Kudos!", "%s liked your story."},
		"nl": {"Kudos!", "%s vond je verhaal goed."},
		"de": {"Kudos!", "%s gefällt deine Geschichte."},
		"fr": {"Bravo !", "%s a aimé ton histoire."},
	},
	KindSpotlight: {
		"en": {"Your story is in the spotlight", "%s put your story in the spotlight for everyone to read."},
		"nl": {"Je verhaal staat in de spotlight", "%s zette je verhaal in de spotlight, zodat iedereen het leest."},
		"de": {"Deine Geschichte steht im Rampenlicht", "%s hat deine Geschichte hervorgehoben, damit alle sie lesen."},
		"fr": {"Ton histoire est à l’honneur", "%s a mis ton histoire en avant pour que tout le monde la lise."},
	},
	KindBarrierUpdate: {
		"en": {"News about the barrier you reported", "%s: %s"},
		"nl": {"Nieuws over de drempel die je meldde", "%s: %s"},
		"de": {"Neues zu dem Hindernis, das du gemeldet hast", "%s: %s"},
		"fr": {"Du nouveau sur l’obstacle que tu as signalé", "%s : %s"},
	},
	KindBarrierReported: {
		"en": {"A barrier in your team", "%s ran into something that stands in the way. Open it to help."},
		"nl": {"Een drempel in je team", "%s loopt ergens tegenaan. Open de melding om te helpen."},
		"de": {"Ein Hindernis in deinem Team", "%s kommt bei etwas nicht weiter. Öffne die Meldung, um zu helfen."},
		"fr": {"Un obstacle dans ton équipe", "%s est bloqué·e par quelque chose. Ouvre le signalement pour aider."},
	},
	KindBarrierEscalated: {
		"en": {"A barrier nobody picked up", "A barrier in %s has waited %d workdays without a lead picking it up. Open it to help."},
		"nl": {"Een drempel die niemand oppakt", "Een drempel in %s wacht al %d werkdagen tot een leidinggevende hem oppakt. Open de melding om te helpen."},
		"de": {"Ein Hindernis, um das sich niemand kümmert", "Ein Hindernis in %s wartet seit %d Arbeitstagen darauf, dass eine Leitung es aufgreift. Öffne die Meldung, um zu helfen."},
		"fr": {"Un obstacle que personne n’a pris en charge", "Un obstacle dans %s attend depuis %d jours ouvrés qu’un·e responsable le prenne en charge. Ouvre le signalement pour aider."},
	},
	KindSuggestionReviewed: {
		"en": {"Your gesture idea was reviewed", "“%s” was %s."},
		"nl": {"Je idee voor een gebaar is bekeken", "“%s” is %s."},
		"de": {"Deine Idee für eine Geste wurde geprüft", "„%s“ wurde %s."},
		"fr": {"Ton idée de geste a été examinée", "Ton idée « %s » a été %s."},
	},
	KindTest: {
		"en": {"Test notification", "If you can read this, notifications work."},
		"nl": {"Testmelding", "Kun je dit lezen, dan werken meldingen."},
		"de": {"Testbenachrichtigung", "Wenn du das lesen kannst, funktionieren Benachrichtigungen."},
		"fr": {"Notification de test", "Si tu peux lire ceci, les notifications fonctionnent."},
	},
}

// DraftOf fills a built-in notification's texts with args in every locale.
func DraftOf(kind, link string, args ...any) Draft {
	texts := map[string][2]string{}
	for locale, t := range PushTexts[kind] {
		body := t[1]
		if len(args) > 0 {
			body = fmt.Sprintf(t[1], args...)
		}
		texts[locale] = [2]string{t[0], body}
	}
	return Draft{Kind: kind, Texts: texts, Link: link, Collapse: kind}
}

// InQuietHours reports whether local clock time t falls in the window start–end (which may
// wrap midnight); equal start and end mean no quiet hours. It returns when the window ends.
func InQuietHours(t time.Time, q QuietHours) (bool, time.Time) {
	if q.Start == q.End || q.Start == "" {
		return false, time.Time{}
	}
	now := t.Format("15:04")
	var quiet bool
	if q.Start < q.End {
		quiet = q.Start <= now && now < q.End
	} else {
		quiet = now >= q.Start || now < q.End
	}
	if !quiet {
		return false, time.Time{}
	}
	end := atClock(t, q.End)
	if !end.After(t) {
		end = atClock(t.AddDate(0, 0, 1), q.End)
	}
	return true, end
}

// atClock is the instant of day(t) at local clock time "HH:MM" in t's zone (a time that does not
// exist on a DST day moves forward, as Go's time.Date does).
func atClock(t time.Time, hhmm string) time.Time {
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return time.Date(t.Year(), t.Month(), t.Day(), h, m, 0, 0, t.Location())
}

// NextAt is the first instant after `after` at local clock time hhmm in loc on a day that
// passes ok (looking at most two weeks ahead); zero if none.
func NextAt(after time.Time, loc *time.Location, hhmm string, ok func(day string) bool) time.Time {
	local := after.In(loc)
	for i := 0; i < 15; i++ {
		d := local.AddDate(0, 0, i)
		at := atClock(d, hhmm)
		day := at.Format(time.DateOnly)
		if at.After(after) && ok(day) {
			return at.UTC()
		}
	}
	return time.Time{}
}

// Schedule is when a user's next reminders are due: kind → instant (zero: none).
func Schedule(u User, org Org, after time.Time) map[string]time.Time {
	out := map[string]time.Time{KindDailyGesture: {}, KindStreakRescue: {}, KindWeeklyRecap: {}}
	if !u.Active {
		return out
	}
	loc, err := LoadTimezone("timezone", u.EffectiveTimezone(org))
	if err != nil {
		return out
	}
	workday := func(day string) bool { return slices.Contains(u.Preferences.Workdays, ISOWeekday(day)) }
	remind := u.EffectiveReminderTime(org)
	out[KindDailyGesture] = NextAt(after, loc, remind, workday)
	out[KindStreakRescue] = NextAt(after, loc, "18:00", workday)
	out[KindWeeklyRecap] = NextAt(after, loc, remind, func(day string) bool {
		// the user's first workday of the org week
		for _, d := range WeekDays(day, org.WeekStartsOn) {
			if workday(d) {
				return d == day
			}
		}
		return false
	})
	return out
}

// StatusWords are the words for barrier and suggestion states in notifications.
var StatusWords = map[string]map[string]string{
	"en": {BarrierAcknowledged: "acknowledged", BarrierResolved: "resolved", SuggestionApproved: "approved", SuggestionRejected: "not taken up"},
	"nl": {BarrierAcknowledged: "opgepakt", BarrierResolved: "opgelost", SuggestionApproved: "goedgekeurd", SuggestionRejected: "niet overgenomen"},
	"de": {BarrierAcknowledged: "aufgegriffen", BarrierResolved: "gelöst", SuggestionApproved: "angenommen", SuggestionRejected: "nicht übernommen"},
	"fr": {BarrierAcknowledged: "pris en charge", BarrierResolved: "résolu", SuggestionApproved: "retenue", SuggestionRejected: "écartée"},
}

// DraftEach fills a built-in notification's texts per locale with args that depend on the locale.
func DraftEach(kind, link string, args func(locale string) []any) Draft {
	texts := map[string][2]string{}
	for locale, t := range PushTexts[kind] {
		texts[locale] = [2]string{t[0], fmt.Sprintf(t[1], args(locale)...)}
	}
	return Draft{Kind: kind, Texts: texts, Link: link, Collapse: kind}
}

// BarrierUpdateDraft tells a barrier's reporter of its new status; the lead's or admin's note,
// when there is one, travels with it (in the body after the status and the barrier's text, and as
// data.note), so the reporter reads what was done without opening the app.
func BarrierUpdateDraft(barrierID, status, text, note string) Draft {
	d := DraftEach(KindBarrierUpdate, "microact://barriers/"+barrierID, func(locale string) []any {
		return []any{StatusWords[locale][status], Truncate(text, 80)}
	})
	d.Data = map[string]string{"barrier_id": barrierID, "status": status}
	if note != "" {
		for locale, t := range d.Texts {
			d.Texts[locale] = [2]string{t[0], t[1] + " — " + Truncate(note, 200)}
		}
		d.Data["note"] = note
	}
	return d
}

// meTooTitles are the titles of a barrier_update for those who said "me too" to the barrier
// (or whose own report was merged into it): it is not the barrier they reported.
var meTooTitles = map[string]string{
	"en": "News about a barrier you ran into too",
	"nl": "Nieuws over een drempel waar jij ook tegenaan liep",
	"de": "Neues zu einem Hindernis, auf das du auch gestoßen bist",
	"fr": "Du nouveau sur un obstacle que tu as rencontré aussi",
}

// MeTooDraft is d, a barrier_update for the reporter, as those who said "me too" get it.
func MeTooDraft(d Draft) Draft {
	texts := make(map[string][2]string, len(d.Texts))
	for locale, t := range d.Texts {
		if title, ok := meTooTitles[locale]; ok {
			t[0] = title
		}
		texts[locale] = t
	}
	d.Texts = texts
	return d
}

// unnamedTeam stands for a team whose name is gone (deleted since) in a notification.
var unnamedTeam = map[string]string{"en": "a team", "nl": "een team", "de": "einem Team", "fr": "une équipe"}

// BarrierEscalatedDraft tells an org's admins of a barrier in teamName that nobody acknowledged
// within EscalationWorkdays workdays. Like the lead's notice it leaves the text behind the link.
// It is sent once per barrier because the store marks the barrier escalated in the same step.
func BarrierEscalatedDraft(barrierID, teamName string) Draft {
	d := DraftEach(KindBarrierEscalated, "microact://barriers/"+barrierID, func(locale string) []any {
		if teamName == "" {
			return []any{unnamedTeam[locale], EscalationWorkdays}
		}
		return []any{teamName, EscalationWorkdays}
	})
	d.Data = map[string]string{"barrier_id": barrierID}
	return d
}

// BarrierReportedDraft tells a team's lead of a barrier reported in their team. The barrier's
// text stays behind the link: a notification kept in an inbox should not copy what its reporter
// may later have erased.
func BarrierReportedDraft(barrierID, reporterName string) Draft {
	d := DraftEach(KindBarrierReported, "microact://barriers/"+barrierID, func(string) []any {
		return []any{reporterName}
	})
	d.Data = map[string]string{"barrier_id": barrierID}
	return d
}

// Truncate shortens s to at most n runes, the last an ellipsis when it was cut.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Due is a claimed reminder: "kind|user" and when it was due.
type Due struct {
	Member string
	At     time.Time
}

// MarkReadUpTo decides where a user's read marker goes when they mark their notifications read
// up to the id upTo: forward, never back, and never past newest, the newest notification in
// their inbox ("" for none), which would hide the ones still to come. ok is false when the
// marker stays where it is.
func MarkReadUpTo(marker, newest, upTo string) (next string, ok bool) {
	if newest == "" {
		return marker, false
	}
	if next = min(upTo, newest); next <= marker {
		return marker, false
	}
	return next, true
}
