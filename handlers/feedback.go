package handlers

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	"golang.org/x/text/language"
)

// The customer's feedback page (/f/{token}): server-rendered, no script, one inline style
// allowed by its hash, forms only to this origin.

//go:embed feedback.css
var feedbackCSS string

var feedbackPolicy = func() string {
	sum := sha256.Sum256([]byte(feedbackCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}()

// feedbackPageRate bounds how often one address may load or post the page in this process,
// before any Redis work: a person needs a few requests, a script thousands.
var feedbackPageRate = domain.Rate{Events: 30, Per: time.Minute}

// feedbackCookie remembers, per link (its path), the local day this browser answered.
const feedbackCookie = "answered"

// isFeedbackPage tells the public feedback page's routes.
func isFeedbackPage(c echo.Context) bool { return strings.HasPrefix(c.Path(), "/f/") }

// GetFeedbackLink answers the team's feedback link.
func (s *Server) GetFeedbackLink(c echo.Context, teamID TeamId) error {
	ctx, p := c.Request().Context(), principal(c)
	if err := s.mayManageFeedback(c, teamID, false); err != nil {
		return err
	}
	token, err := s.Feedback.FeedbackLink(ctx, p.Org, teamID)
	if err != nil {
		return err
	}
	if token == "" {
		return errFeedbackLinkRevoked
	}
	return c.JSON(http.StatusOK, FeedbackLink{Url: feedbackURL(c, token)})
}

var errFeedbackLinkRevoked = domain.Conflict("feedback_link_revoked", "The team's feedback link was revoked; POST makes a new one.")

// RotateFeedbackLink gives the team a new link; the old one stops working.
func (s *Server) RotateFeedbackLink(c echo.Context, teamID TeamId) error {
	ctx, p := c.Request().Context(), principal(c)
	if err := s.mayManageFeedback(c, teamID, false); err != nil {
		return err
	}
	token := domain.NewFeedbackToken(p.Org)
	if err := s.Feedback.SetFeedbackLink(ctx, p.Org, teamID, token); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, FeedbackLink{Url: feedbackURL(c, token)})
}

// RevokeFeedbackLink stops the team's link (admins).
func (s *Server) RevokeFeedbackLink(c echo.Context, teamID TeamId) error {
	ctx, p := c.Request().Context(), principal(c)
	if err := s.mayManageFeedback(c, teamID, true); err != nil {
		return err
	}
	if err := s.Feedback.SetFeedbackLink(ctx, p.Org, teamID, ""); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// mayManageFeedback lets the team's leads and admins (only admins when adminOnly) through.
func (s *Server) mayManageFeedback(c echo.Context, teamID string, adminOnly bool) error {
	p := principal(c)
	team, err := s.Teams.Team(c.Request().Context(), p.Org, teamID)
	if err != nil {
		return err
	}
	if p.Role == domain.RoleAdmin {
		return nil
	}
	if adminOnly {
		return domain.Forbidden("Only admins may revoke a feedback link.")
	}
	if !team.Leads(p.UserID) {
		return domain.Forbidden("Only the team's leads and admins may manage its feedback link.")
	}
	return nil
}

// feedbackURL is the page's absolute address as the caller reached this server.
func feedbackURL(c echo.Context, token string) string {
	return c.Scheme() + "://" + c.Request().Host + "/f/" + token
}

// feedbackPage is what a page shows.
type feedbackPage struct {
	Lang, OrgName string
	T             feedbackText
	Scores        []int
	Thanks        bool
	Again         bool // answered through this link today already
	Invalid       bool
	Comment       string
	Title, Body   string // an error page's
}

// GetFeedbackPage shows the question, or the thanks when this browser answered today.
func (s *Server) GetFeedbackPage(c echo.Context, token FeedbackToken) error {
	org, _, page, err := s.feedbackContext(c, token, false)
	if err != nil {
		return err
	}
	if answeredToday(c, domain.LocalDay(s.now(), org.loc)) {
		page.Thanks, page.Again = true, true
		return s.renderThanks(c, page)
	}
	return renderFeedback(c, http.StatusOK, page)
}

// PostFeedbackAnswer counts a customer's answer and thanks them.
func (s *Server) PostFeedbackAnswer(c echo.Context, token FeedbackToken) error {
	org, team, page, err := s.feedbackContext(c, token, true)
	if err != nil {
		return err
	}
	now := s.now()
	day := domain.LocalDay(now, org.loc)
	page.Thanks = true
	if answeredToday(c, day) {
		page.Again = true
		return s.renderThanks(c, page)
	}
	if c.FormValue("website") != "" { // the honeypot: thanked, not counted
		return s.renderThanks(c, page)
	}
	score, err := strconv.Atoi(strings.TrimSpace(c.FormValue("score")))
	if err != nil || !domain.ValidScore(score) {
		page.Thanks, page.Invalid, page.Comment = false, true, c.FormValue("comment")
		return renderFeedback(c, http.StatusUnprocessableEntity, page)
	}
	answer := domain.FeedbackAnswer{
		ID: domain.NewID(now), Team: team, Score: score, Comment: domain.ScreenComment(c.FormValue("comment")),
		At: now, Day: day,
	}
	limits := s.FeedbackLimits
	if limits.PerAddress == 0 {
		limits = domain.DefaultFeedbackLimits
	}
	if err := s.Feedback.RecordFeedback(c.Request().Context(), token, answer, c.RealIP(), limits); err != nil {
		if domain.ErrorKind(err) == domain.KindNotFound {
			s.linkTeams.Drop(token)
		}
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: feedbackCookie, Value: day, Path: "/f/" + token, MaxAge: int((36 * time.Hour).Seconds()),
		HttpOnly: true, Secure: !(s.Dev && isLoopbackHost(c.Request().Host)), SameSite: http.SameSiteLaxMode,
	})
	return s.renderThanks(c, page)
}

// feedbackContext finds the link's org and team and starts its page in the customer's
// language; an address over its page rate is refused first. With known, the team this replica
// read for the token before will do: RecordFeedback reads the token with its flood counters and
// counts only while it still names the team (a rotated or revoked link counts nothing), so an
// answer needs no read of the link of its own (measured by make bench). A page that is only shown reads the link each time, so that a
// revoked link's page says so at once.
func (s *Server) feedbackContext(c echo.Context, token string, known bool) (*orgEntry, string, feedbackPage, error) {
	if s.feedbackPages != nil {
		if ok, wait := s.feedbackPages.allow(c.RealIP()); !ok {
			return nil, "", feedbackPage{}, domain.RateLimited(wait)
		}
	}
	cp, ok := s.linkTeams.Get(token)
	orgID, team := cp.Value.org, cp.Value.team
	if !ok || !known {
		var err error
		if orgID, team, err = s.Feedback.FeedbackTeam(c.Request().Context(), token); err != nil {
			s.linkTeams.Drop(token)
			return nil, "", feedbackPage{}, err
		}
		// no stamp: a link whose answer is refused as gone is dropped (RecordFeedback's caller)
		s.linkTeams.Put(token, copies.Copy[linkTeam]{Value: linkTeam{org: orgID, team: team}})
	}
	org, err := s.orgs.get(c.Request().Context(), orgID)
	if err != nil {
		return nil, "", feedbackPage{}, err
	}
	lang := feedbackLanguage(c.Request().Header.Get("Accept-Language"), org.org.NewUserLocale(), org.org.SpokenLocales())
	return org, team, feedbackPage{Lang: lang, OrgName: org.org.Name, T: feedbackTexts[lang], Scores: scores}, nil
}

var scores = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}

// answeredToday tells whether this browser's cookie for the link says it answered today.
func answeredToday(c echo.Context, day string) bool {
	ck, err := c.Cookie(feedbackCookie)
	return err == nil && ck.Value == day
}

// feedbackLanguage picks among the org's languages by Accept-Language, else the org's default.
func feedbackLanguage(accept, fallback string, spoken []string) string {
	tags, _, err := language.ParseAcceptLanguage(accept)
	if err != nil || len(tags) == 0 {
		return fallback
	}
	supported := []language.Tag{language.Make(fallback)}
	for _, l := range spoken {
		if _, ok := feedbackTexts[l]; ok && l != fallback {
			supported = append(supported, language.Make(l))
		}
	}
	_, i, confidence := language.NewMatcher(supported).Match(tags...)
	if confidence == language.No {
		return fallback
	}
	base, _ := supported[i].Base()
	return base.String()
}

// feedbackProblem renders an error of the page's routes as a page.
func feedbackProblem(c echo.Context, status int, de *domain.Error) {
	lang := feedbackLanguage(c.Request().Header.Get("Accept-Language"), "en", domain.Locales)
	t := feedbackTexts[lang]
	page := feedbackPage{Lang: lang, T: t, Title: t.LaterTitle, Body: t.LaterBody}
	switch de.Kind {
	case domain.KindNotFound:
		page.Title, page.Body = t.GoneTitle, t.GoneBody
	case domain.KindTooLarge:
		page.Title, page.Body = t.LongTitle, t.LongBody
	}
	_ = renderFeedback(c, status, page)
}

func renderFeedback(c echo.Context, status int, page feedbackPage) error {
	b, err := executeFeedback(page)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", feedbackPolicy)
	return c.HTMLBlob(status, b)
}

func executeFeedback(page feedbackPage) ([]byte, error) {
	var b bytes.Buffer
	if err := feedbackTemplate.Execute(&b, struct {
		feedbackPage
		CSS template.CSS
	}{page, template.CSS(feedbackCSS)}); err != nil {
		return nil, domain.Internal("feedback page", err)
	}
	return b.Bytes(), nil
}

// thanksCacheSize bounds the thanks pages a replica keeps: two per language and org name.
const thanksCacheSize = 1024

// linkTeam is the org and team a feedback link names.
type linkTeam struct{ org, team string }

// linkTeamsCacheSize bounds the links whose team a replica keeps, ~150 B each.
const linkTeamsCacheSize = 16384

// renderThanks answers the thanks page, the same for every customer of an org in a language:
// a replica renders it once (rendering it was a third of an answer's server time, measured by
// BenchmarkFeedbackAnswer). The org's name is part of the key, so a renamed org's page is new.
func (s *Server) renderThanks(c echo.Context, page feedbackPage) error {
	key := page.Lang + "\x00" + strconv.FormatBool(page.Again) + "\x00" + page.OrgName
	cp, ok := s.thanks.Get(key)
	if !ok {
		b, err := executeFeedback(page)
		if err != nil {
			return err
		}
		cp = copies.Copy[[]byte]{Value: b}
		s.thanks.Put(key, cp)
	}
	c.Response().Header().Set("Content-Security-Policy", feedbackPolicy)
	return c.HTMLBlob(http.StatusOK, cp.Value)
}

var feedbackTemplate = template.Must(template.New("feedback").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>{{if .Title}}{{.Title}}{{else}}{{.OrgName}}{{end}}</title><style>{{.CSS}}</style></head>
<body><main>
{{- if .Title}}
<h1>{{.Title}}</h1><p>{{.Body}}</p>
{{- else if .Thanks}}
<h1>{{.T.Thanks}}</h1><p>{{if .Again}}{{.T.Again}}{{else}}{{.T.ThanksBody}}{{end}}</p>
{{- else}}
<form method="post">
<fieldset><legend><h1>{{printf .T.Question .OrgName}}</h1></legend>
{{- if .Invalid}}<p class="err" role="alert">{{.T.Invalid}}</p>{{end}}
<div class="scale">{{range .Scores}}<label><input type="radio" name="score" value="{{.}}" required><span>{{.}}</span></label>{{end}}</div>
<p class="ends"><span>0 = {{$.T.Unlikely}}</span><span>10 = {{$.T.Likely}}</span></p>
</fieldset>
<label for="comment">{{.T.What}} <small>({{.T.Optional}})</small></label>
<textarea id="comment" name="comment" rows="3" maxlength="500">{{.Comment}}</textarea>
<p class="hint">{{.T.Private}}</p>
<div class="hp" aria-hidden="true"><label for="website">{{.T.Honeypot}}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">{{.T.Send}}</button>
</form>
{{- end}}
</main></body></html>
`))

// feedbackText is the page's wording in one language.
type feedbackText struct {
	Question, Unlikely, Likely, What, Optional, Private, Honeypot, Send, Invalid string
	Thanks, ThanksBody, Again                                                    string
	GoneTitle, GoneBody, LaterTitle, LaterBody, LongTitle, LongBody              string
}

var feedbackTexts = map[string]feedbackText{
	"en": {
		Question: "How likely are you to recommend %s to a friend or colleague?",
		Unlikely: "not at all likely", Likely: "extremely likely",
		What: "What made the difference?", Optional: "optional",
		Private:  "Please leave out names, email addresses and phone numbers. We keep only your score and comment.",
		Honeypot: "Leave this empty", Send: "Send", Invalid: "Please choose a number from 0 to 10.",
		Thanks: "Thank you!", ThanksBody: "Your answer goes straight to the team that served you.",
		Again:     "You have already answered today. Thank you!",
		GoneTitle: "This link no longer works", GoneBody: "Please ask the staff for the current code.",
		LaterTitle: "Please try again later", LaterBody: "We cannot take your answer right now.",
		LongTitle: "That was too long", LongBody: "Please go back and write a shorter comment.",
	},
	"nl": {
		Question: "Hoe waarschijnlijk is het dat je %s aanbeveelt bij een vriend of collega?",
		Unlikely: "zeer onwaarschijnlijk", Likely: "zeer waarschijnlijk",
		What: "Wat maakte het verschil?", Optional: "niet verplicht",
		Private:  "Laat namen, e-mailadressen en telefoonnummers weg. We bewaren alleen je cijfer en opmerking.",
		Honeypot: "Laat dit leeg", Send: "Versturen", Invalid: "Kies een cijfer van 0 tot en met 10.",
		Thanks: "Bedankt!", ThanksBody: "Je antwoord gaat rechtstreeks naar het team dat je heeft geholpen.",
		Again:     "Je hebt vandaag al geantwoord. Bedankt!",
		GoneTitle: "Deze link werkt niet meer", GoneBody: "Vraag het personeel om de actuele code.",
		LaterTitle: "Probeer het later nog eens", LaterBody: "We kunnen je antwoord nu niet ontvangen.",
		LongTitle: "Dat was te lang", LongBody: "Ga terug en schrijf een kortere opmerking.",
	},
	"de": {
		Question: "Wie wahrscheinlich ist es, dass Sie %s einem Freund oder Kollegen empfehlen?",
		Unlikely: "sehr unwahrscheinlich", Likely: "sehr wahrscheinlich",
		What: "Was hat den Unterschied gemacht?", Optional: "freiwillig",
		Private:  "Bitte lassen Sie Namen, E-Mail-Adressen und Telefonnummern weg. Wir speichern nur Ihre Bewertung und Ihren Kommentar.",
		Honeypot: "Bitte leer lassen", Send: "Senden", Invalid: "Bitte wählen Sie eine Zahl von 0 bis 10.",
		Thanks: "Vielen Dank!", ThanksBody: "Ihre Antwort geht direkt an das Team, das Sie bedient hat.",
		Again:     "Sie haben heute schon geantwortet. Vielen Dank!",
		GoneTitle: "Dieser Link funktioniert nicht mehr", GoneBody: "Bitte fragen Sie das Personal nach dem aktuellen Code.",
		LaterTitle: "Bitte versuchen Sie es später noch einmal", LaterBody: "Wir können Ihre Antwort gerade nicht annehmen.",
		LongTitle: "Das war zu lang", LongBody: "Bitte gehen Sie zurück und schreiben Sie einen kürzeren Kommentar.",
	},
	"fr": {
		Question: "Quelle est la probabilité que vous recommandiez %s à un ami ou un collègue ?",
		Unlikely: "pas du tout probable", Likely: "très probable",
		What: "Qu’est-ce qui a fait la différence ?", Optional: "facultatif",
		Private:  "Merci de ne pas indiquer de noms, d’adresses e-mail ni de numéros de téléphone. Nous gardons seulement votre note et votre commentaire.",
		Honeypot: "Laissez ce champ vide", Send: "Envoyer", Invalid: "Choisissez un chiffre de 0 à 10.",
		Thanks: "Merci !", ThanksBody: "Votre réponse va directement à l’équipe qui vous a servi.",
		Again:     "Vous avez déjà répondu aujourd’hui. Merci !",
		GoneTitle: "Ce lien ne fonctionne plus", GoneBody: "Demandez le code actuel au personnel.",
		LaterTitle: "Veuillez réessayer plus tard", LaterBody: "Nous ne pouvons pas recevoir votre réponse pour le moment.",
		LongTitle: "C’était trop long", LongBody: "Revenez en arrière et écrivez un commentaire plus court.",
	},
}
