// Generated from handlers/openapi.yaml by openapi-typescript: do not edit.
// Regenerate with `npm run gen:api` in web/ after changing the document.

export interface paths {
    "/v1/auth/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enroll a device with an enrollment code
         * @description Exchanges a one-time enrollment code, issued by an admin, for a session. Codes are
         *     case-insensitive, dashes are optional, they are single-use and expire after 14 days.
         *     A used, expired or unknown code is 401 `invalid_code`.
         *
         *     Failures are limited per client address (`MICROACT_AUTH_RATE`, default 10 a minute), but
         *     a right code is never refused for its address's failures below the ceiling: a whole store
         *     enrolls from one address even when a phone among them mistypes. Every attempt is checked;
         *     once the address has used its budget of failures, a failed attempt is 429 `rate_limited`
         *     with `Retry-After` instead of 401 (a right code still enrolls), and an address past ten
         *     times its budget (a client that ignores `Retry-After`) gets 429 for every attempt, unchecked,
         *     until it is back under. Guessing stays hopeless: a code is 60 random bits, so with N live
         *     codes a guess succeeds with probability N / 2^60; with 10,000 live codes one address,
         *     checked at most 100 times a minute, expects to need about 2 million years, and even 1,000
         *     failed attempts a second against the whole deployment about 3,650 years.
         */
        post: operations["enroll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a refresh token
         * @description Returns a new session: a new access token and a new refresh token. Each refresh token
         *     works once. An unknown, expired or revoked refresh token is 401 `invalid_token`; presenting
         *     a refresh token that was already rotated revokes the whole session (401 `refresh_reused`),
         *     after which the device must enroll again: someone holds a copy, so every access token of
         *     that session (the copy holder's too) is void at once, as after a logout. Failed refreshes
         *     count towards the address's failure limit (see enroll); a valid refresh token is never
         *     refused for them below the ceiling.
         */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a session
         * @description Revokes the session the refresh token belongs to. Its access tokens stop working at once on
         *     the server that answers and within 30 seconds on every other replica (each re-reads an org's
         *     revocations at most every 30 s). Idempotent: an unknown or already revoked refresh token is
         *     also 204.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in to the web console with an enrollment code
         * @description The web console's sign-in (`/console/`). Like `POST /v1/auth/enroll`, but the refresh
         *     token never reaches JavaScript: it is set as the cookie `mx_console` (`HttpOnly`,
         *     `SameSite=Strict`, `Path=/console/auth`, `Secure` except when the server runs with
         *     `MICROACT_ENV=dev` and is asked on localhost or a loopback address, `Max-Age` the refresh token's lifetime of 60 days) and left out of the
         *     body. The access token in the body is meant to be kept in memory only.
         *
         *     The cookie is sent only to `/console/auth/*`, and these three calls need the header
         *     `X-Microact-Console: 1` (403 `forbidden` without it), which a cross-site form or link cannot
         *     send; `SameSite=Strict` keeps the cookie off cross-site requests too. The `/v1` API never
         *     reads the cookie, so cross-site request forgery has nothing to use.
         *
         *     Every role can sign in; the console sends an employee (`user.role`) to the app. The
         *     employee web app (`/app/`) signs in here too, so its refresh token is this cookie as well
         *     (one browser, one session for both). Failures
         *     count towards the same per-address limit as `/v1/auth/*` (see enroll). Answers are never
         *     cached (`Cache-Control: no-store`).
         */
        post: operations["consoleEnroll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renew the web console's session from its cookie
         * @description Rotates the refresh token in the `mx_console` cookie (no body) and answers a new access
         *     token; the cookie is replaced by the rotated one. The console calls it on load (to learn
         *     whether it is signed in) and before its access token expires.
         *
         *     A missing, unknown, expired or revoked cookie is 401 `invalid_token` and clears the cookie.
         *     A cookie whose refresh token was already rotated is 401 `refresh_reused`: someone holds a
         *     copy, so the whole session is revoked and every access token of it void at once, exactly
         *     as for `POST /v1/auth/refresh`; the cookie is cleared. Needs `X-Microact-Console: 1`
         *     (403 otherwise). A request without a cookie guesses nothing and is not counted as a
         *     failure; other failures count towards the per-address limit (see enroll).
         */
        post: operations["consoleRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out of the web console
         * @description Revokes the session of the `mx_console` cookie, as `POST /v1/auth/logout` does (its access
         *     tokens stop working at once on this server, within 30 seconds on every other replica), and
         *     clears the cookie. Idempotent: without a cookie, or with an unknown one, it is also 204.
         *     Needs `X-Microact-Console: 1` (403 otherwise).
         */
        post: operations["consoleLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public keys for access tokens
         * @description The Ed25519 public keys that verify access tokens, matched by the token's `kid` header.
         *     During a key rotation both the old and the new key are listed.
         */
        get: operations["getJWKS"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user
         * @description Profile, preferences, statistics and badges of the caller.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the signed-in user's profile or preferences
         * @description Changes only the fields sent. `preferences` is itself partial: send only the preferences to
         *     change. A `timezone` that is not a known IANA name is 422 `invalid`.
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/v1/me/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Today's gesture
         * @description The caller's assignment for their current local day, in their own time zone (`timezone`; the
         *     org's unless they chose one). It is created on first read; later reads that day return the
         *     same assignment. The gesture is picked from the active gestures whose audience includes the
         *     caller (role, team) and whose `channels` include the `channel` of the caller's team (a
         *     gesture without channels is for every channel, a team without a channel gets every
         *     gesture; a gesture of another channel never comes, however few are left). Among those:
         *
         *     1. no gesture given in the previous 7 days, nor within the caller's last 5 workdays, comes
         *        again while another one is left (a day counts as a workday when it is one of their
         *        `workdays` or they were given a gesture on it, looking back 14 days at most; a six-day
         *        shop is held to the 7 days, a three-day week to the 5 workdays); when every one was
         *        given lately, the one given longest ago comes;
         *     2. then the gestures of a challenge running for their team come first. A challenge is
         *        preferred but does not force its gesture day after day: rule 1 outranks it.
         *
         *     The draw among equals is fixed by the caller and the day, so a repeat read answers the same.
         *     `points_if_done` are the points `done` earns: the gesture's and the challenge's bonus.
         *
         *     A caller is never given two assignments for one local day: when their local day is earlier
         *     than the day of their latest assignment (after travelling west or moving to a time zone
         *     behind), that latest assignment is returned instead. While the caller is paused (from
         *     `preferences.paused_from` to `paused_until`) the assignment's status is `paused`: nothing is
         *     due and nothing is lost. When no active gesture is meant for the caller (a new org without a catalogue), the
         *     answer is 409 `no_gestures`.
         */
        get: operations["getToday"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/assignments/{assignment_id}/swap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Swap today's gesture for another
         * @description Gives today's assignment another gesture and uses one of the day's swaps (`swaps_left`
         *     starts at the org's `swaps_per_day`). With `gesture_id` the caller chooses: it must be one
         *     of the alternatives `GET /v1/me/assignments/{assignment_id}/alternatives` answers now, else
         *     422 `invalid` with a field error on `gesture_id`. Without a body (or without `gesture_id`)
         *     the gesture is picked blind, by the same rules as `GET /v1/me/today` — the first of the
         *     alternatives. Never the gesture it replaces, nor one swapped away earlier that day. The
         *     challenge (and its bonus) follows the new gesture. Only the assignment that
         *     `GET /v1/me/today` returns can be swapped: an earlier day's is 422 `too_late`. When no swap
         *     is left, or no other gesture is available, it is 409 `no_swaps_left`; once an outcome is
         *     recorded it is 409 `already_recorded`. Another user's assignment is 404. With an
         *     `Idempotency-Key`, a repeat within 24 hours swaps nothing more: it answers the assignment
         *     as it is then (`Idempotent-Replayed: true`), even when the server died after the swap; the
         *     same key with another `gesture_id` is 422 `idempotency_key_reused`.
         */
        post: operations["swapAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/assignments/{assignment_id}/customer-comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer comments a shared story of this assignment may quote
         * @description The comments customers left on the feedback page of the caller's team on the assignment's
         *     local day (the org's day the answer was given), newest first: what the outcome's
         *     `customer_quote_id` may name, so that a shared story carries the customer's own words.
         *     Comments are shown as they were stored: email addresses and phone numbers masked. Answers
         *     without a comment are not listed; the team keeps its latest 200 comments, so on a very busy
         *     day the oldest may no longer be quotable. A caller without a team gets an empty list.
         *     Another user's assignment is 404.
         */
        get: operations["listCustomerComments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/assignments/{assignment_id}/alternatives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The gestures a swap offers to choose from
         * @description Up to 3 gestures the caller may swap today's assignment to, best first by the rules of
         *     `GET /v1/me/today` (the first is what a swap without a choice picks), each with the value
         *     it is tied to, the challenge it would count for and `points_if_done` (its points and that
         *     challenge's bonus). Never the assignment's own gesture nor one swapped away earlier that
         *     day. Fewer than 3 when fewer are left. Refused as the swap would be: 409
         *     `already_recorded` once an outcome is recorded, 409 `no_swaps_left` when no swap is left
         *     or no other gesture is, 422 `too_late` for an earlier day's assignment; another user's
         *     assignment is 404. The list changes with each swap.
         */
        get: operations["getAlternatives"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/assignments/{assignment_id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record what happened with a gesture
         * @description Records the outcome of one of the caller's assignments: `done`, `skipped` or `blocked`
         *     (could not, because of a barrier). Another user's assignment is 404.
         *
         *     - One outcome per assignment: a second one is 409 `already_recorded`. Send an
         *       `Idempotency-Key` so that a retry gets the first answer instead.
         *     - Today's assignment and the previous local day's are accepted (phones that were offline);
         *       an older one is 422 `too_late`.
         *     - 422 `invalid` (with `errors`): `reaction` or `story` without `result: done`; `barrier`
         *       missing with `blocked`, or sent with another result; a `barrier.category` that is not one
         *       of the org's `barrier_categories`; `occurred_at` more than 5 minutes in the future or
         *       before the start of the assignment's local day.
         *     - A blank `story` counts as none; `share` only matters with a story.
         *     - `customer_quote_id` quotes a customer's comment in the shared story: one that
         *       `GET /v1/me/assignments/{assignment_id}/customer-comments` lists (the caller's team, the
         *       assignment's day). It is 422 `invalid` (field `customer_quote_id`) without a shared story
         *       (`result: done`, a `story`, `share: true`) or when it names no such comment.
         *
         *     Points (org settings): `done` earns the gesture's points plus the challenge's bonus, and the
         *     org's story points more when a story is shared; `blocked` earns the org's blocked points and
         *     files the barrier for the caller's leads (`barrier_id`); `skipped` earns nothing. A shared
         *     story appears in colleagues' feeds (`story_id`). Kudos received later add points of their
         *     own. The answer holds the updated assignment, the caller's statistics and any badges this
         *     outcome earned.
         */
        post: operations["recordOutcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Past assignments
         * @description The caller's assignments, newest first, today's included once it exists. Assignments older
         *     than the org's `retention_days` are no longer listed; the points and streaks they earned stay.
         */
        get: operations["getHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about me (the right of access)
         * @description Everything microact stores about the caller, as one JSON document they can keep: the profile
         *     with preferences, points, streak and badges; their devices (never the push tokens, which
         *     are secrets of the phone); every assignment still kept with its outcome (the org's
         *     `retention_days` removes older ones); the stories they shared, hidden ones included, with
         *     the kudos they received and the customer comment each quotes; the stories they gave kudos
         *     to; the barriers they reported; the gesture suggestions they made; and their notifications.
         *     Texts of colleagues are not part of it. Any signed-in user, for themselves only.
         */
        get: operations["exportMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leaderboards/teams/{team_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A team's members ranked by points
         * @description The members of one team ranked by the points they earned in the period (in the org's time
         *     zone, weeks starting on the org's `week_starts_on`). Ranks are 1-based and unique: equal
         *     points are ordered by who reached them first. With `around=me` the `limit` entries centred
         *     on the caller are answered instead of the top (at the top or bottom of the board the window
         *     shifts; it never holds fewer than `limit` entries when there are that many). Users who chose
         *     `show_on_leaderboards: false` keep their place but are shown to others as
         *     `{"id": null, "name": null}`. Employees may read their own team's board, leads the boards of
         *     the teams they lead and their own, admins every board (403 otherwise); a team of another
         *     org is 404. A user joins a board when they earn points in it.
         */
        get: operations["getTeamLeaderboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leaderboards/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Teams ranked by points per active member
         * @description Every team of the org ranked by `score`: the points its members earned in the period divided
         *     by its active members (`members`, counted when answering), so small and large teams compete
         *     fairly. Ties go to more points, then to the older team; teams without active members rank
         *     last. `me` is the caller's team (null without a team). Everyone in the org may read it.
         */
        get: operations["getTeamsLeaderboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leaderboards/challenges/{challenge_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everyone taking part in a challenge, ranked by the points earned with it
         * @description Points earned with the challenge's gestures between its first and last day (bonus included).
         *     Ranking, privacy and `around=me` as for team boards. Employees and leads may read the
         *     boards of challenges for their team (or for all teams), admins every board.
         */
        get: operations["getChallengeLeaderboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/challenges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The challenges I take part in
         * @description The challenges for the caller's team (or for every team), as the caller sees them on their
         *     own local day: the running ones first, then the upcoming ones (soonest first), then those
         *     that ended within the last 30 days (latest first). Each carries the caller's progress: the
         *     points they earned with it (bonus included) and their place on its board (null when they
         *     have not earned any). Every role may read it; an admin sees the challenges for their own
         *     team, like everyone else (the whole list is `GET /v1/admin/challenges`).
         */
        get: operations["listMyChallenges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/challenges/{challenge_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One challenge I take part in
         * @description One challenge with the caller's progress, as in `GET /v1/challenges`, also when it ended
         *     longer ago. A challenge that is not for the caller's team is 404 (an admin may read every
         *     challenge of the org), as is another org's.
         */
        get: operations["getMyChallenge"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The teams the caller may look at
         * @description The teams whose dashboard and boards the caller may open, in creation order: an admin gets
         *     every team of the org, a lead the teams that list them in `lead_ids`, an employee their own
         *     team (none without one). A lead who is also a member of a team they do not lead does not get
         *     it here. Admins and leads also get each team's `escalated_barriers`. The web console builds
         *     its team picker from this list.
         */
        get: operations["listVisibleTeams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{team_id}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How a team is doing, for its lead
         * @description Counters of the team in the current week or month (org time zone), kept up to date by every
         *     recorded outcome: `participation_rate` is the share of the team's active, enrolled members
         *     (as the team is now; someone invited who never signed in does not count) with at least one done gesture in the period, so a member who left or was
         *     deactivated counts in neither part; `leads` shows how the team's leads lead by example (days with a done
         *     gesture); `people` shows each active member's days with a done gesture in the period, fewest
         *     first, so the lead sees whom to encourage (only the team's leads and admins see it, never
         *     colleagues); `workdays_in_period` counts Monday to Friday in the period; `open_barriers` counts
         *     the team's barriers not yet resolved, `escalated_barriers` those of them that went to the
         *     org's admins, nobody having acknowledged them within 3 workdays, and that no lead has
         *     acknowledged since (the flag to act on). For the leads of the team and admins (403 otherwise).
         *     `period=last_week` and `last_month` show the week or month before; `series` shows the
         *     participation of the last 8 weeks for a chart. `GET /v1/teams` lists the teams a caller may
         *     open here.
         */
        get: operations["getTeamDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{team_id}/feedback-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The team's customer feedback link
         * @description The public address where the team's customers say how likely they are to recommend the org
         *     (0–10) and, optionally, what made the difference. The console prints it as a QR code on a
         *     poster, a counter card or a receipt. A team's first read makes its link; it stays the same
         *     until it is rotated (`POST`) or revoked (`DELETE`). For the leads of the team and admins
         *     (403 otherwise). A revoked link is 409 `feedback_link_revoked` until a `POST` makes a new one.
         */
        get: operations["getFeedbackLink"];
        put?: never;
        /**
         * Rotate the team's feedback link
         * @description Makes a new link for the team (after a revoke too); the old one stops working at once
         *     (its page answers 404), so printed codes must be printed again. For the leads of the team
         *     and admins.
         */
        post: operations["rotateFeedbackLink"];
        /**
         * Revoke the team's feedback link
         * @description The link stops working at once and no new one is made until a `POST`. Admins only (a
         *     leaked link is an org matter); idempotent.
         */
        delete: operations["revokeFeedbackLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/devices/{device_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Register or replace a phone for push notifications
         * @description Registers the phone's Firebase Cloud Messaging registration token under a device id the app
         *     chooses (stable per installation). Registering again replaces the token. A token belongs to
         *     one device of one user: registering it for another user removes it from the first. Tokens
         *     FCM reports as unregistered or invalid are removed by the server.
         */
        put: operations["putDevice"];
        post?: never;
        /**
         * Stop pushing to a phone
         * @description Forgets the device and its token. An unknown device id is fine (204).
         */
        delete: operations["deleteDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The inbox
         * @description The caller's notifications, newest first (the latest 100 are kept), with how many are
         *     unread. Every notification lands here, whether it was pushed or not (quiet hours, the daily
         *     push cap, no registered phone).
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark notifications read
         * @description Marks every notification up to and including `up_to` read. The marker never moves back.
         */
        post: operations["markNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{user_id}/test-notification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification at once
         * @description Puts a `test` notification into the user's inbox and pushes it to their phones right away,
         *     ignoring quiet hours and the daily push cap. Requires role `admin`; another org's user is 404.
         */
        post: operations["sendTestNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stories colleagues shared (show and tell)
         * @description The stories shared with a `done` outcome (`share: true`), newest first. `scope=team` (the
         *     default) lists the stories of the caller's team: those shared while their author was in it
         *     (`author.team`); a caller without a team gets an empty list. `scope=org` lists every story
         *     of the org. Deleted stories never appear, nor do stories past the org's
         *     `story_retention_days` or those of an erased person (`retention_days` alone does not remove
         *     shared stories: their authors chose to share them). A spotlighted story stays in its place and carries `spotlight: true`. The gesture's
         *     title and the value's name are in the caller's locale.
         *
         *     Pages are stable while new stories arrive: following `next_cursor` gives no story twice
         *     and skips none shared before the first page was read; stories shared since then show up
         *     when the list is read again from the start. Everyone in the org may read both scopes.
         */
        get: operations["listStories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stories/{story_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The story's id.
                 * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
                 */
                story_id: components["parameters"]["StoryId"];
            };
            cookie?: never;
        };
        /**
         * Read one story
         * @description The story a notification links to (`microact://stories/{story_id}`), as the feeds show it:
         *     everyone in the org may read it, the gesture's title and the value's name in the caller's
         *     locale. A deleted story and another org's story are 404.
         */
        get: operations["getStory"];
        put?: never;
        post?: never;
        /**
         * Delete a story
         * @description Hides the story from every feed for good; kudos can no longer be given or taken back (404).
         *     The points already earned with it, kudos included, stay. For the author, a lead of the
         *     author's team (`author.team`) and admins (403 otherwise). Deleting an already deleted story
         *     again is 204. Another org's story is 404.
         */
        delete: operations["deleteStory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stories/{story_id}/kudos": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The story's id.
                 * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
                 */
                story_id: components["parameters"]["StoryId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Give a story kudos
         * @description Gives the story the caller's kudos; giving it again changes nothing (204). Anyone in the org
         *     but the story's author may give kudos: on one's own story it is 403 `own_story`. The author
         *     is notified (`kudos`) once per giver and story: a kudos taken back and given again counts
         *     again but is not news. Kudos on one story are pushed at most once an hour, the rest only
         *     land in the inbox. The author earns the org's kudos points (`points.kudos`) for each kudos
         *     the story holds, counting at most 10 kudos per story. A deleted story or another org's
         *     story is 404.
         */
        put: operations["giveKudos"];
        post?: never;
        /**
         * Take back kudos
         * @description Takes the caller's kudos back; without a kudos from the caller it changes nothing (204).
         *     The author loses the kudos points it earned them (a story's kudos points always follow its
         *     kudos, counting at most 10). On one's own story it is 403 `own_story`; a deleted story or
         *     another org's story is 404.
         */
        delete: operations["revokeKudos"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stories/{story_id}/spotlight": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a story in the spotlight
         * @description Marks the story `spotlight: true` in every feed and notifies the author (`spotlight`).
         *     Spotlighting it again changes nothing (204) and notifies no one. For a lead of the author's
         *     team (`author.team`) and admins (403 otherwise). A deleted story or another org's story is
         *     404.
         */
        post: operations["spotlightStory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/barriers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List barriers
         * @description Barriers, newest first, optionally only those with one `status`. Employees see the
         *     barriers they reported; leads the barriers of the teams they lead (`team`) and those they
         *     reported themselves (from a team they do not lead, or from none), each once; admins every
         *     barrier of the org. `team_id` narrows the list to one team: for a team the caller does not
         *     lead it is 403 (admins may name any team of the org; an unknown team is 404). Barriers are
         *     kept until they are resolved and after (retention removes outcome details only). Everyone
         *     also sees the barriers they said "me too" to (`me_too_by_me`); a barrier merged into
         *     another is listed no more: its people are counted on the one it went into.
         */
        get: operations["listBarriers"];
        put?: never;
        /**
         * Report a barrier
         * @description Reports something in the organisation that stands in the way, for the leads of the
         *     caller's team and for admins. The barrier starts `open` and belongs to the caller's team
         *     (`team`, null without a team). The team's leads (the reporter aside) are notified
         *     (`barrier_reported`), once per barrier, a retried report included; so are they of a
         *     barrier filed with a `blocked` outcome. A barrier of a team that nobody acknowledges within
         *     3 workdays escalates to the org's admins (`barrier_escalated`, once; see `escalated`).
         *     `category` must be one of the org's `barrier_categories`
         *     (422 `invalid` otherwise). Reporting a barrier here earns no points; a barrier filed with a
         *     `blocked` outcome (`POST /v1/me/assignments/{assignment_id}/outcome`) is a barrier like this
         *     one and is listed with them.
         */
        post: operations["reportBarrier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/barriers/{barrier_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one barrier
         * @description The barrier a notification links to (`microact://barriers/{barrier_id}`), for those who
         *     see it in `GET /v1/barriers`: its reporter, those who said "me too", a lead of its team
         *     (`team`) and admins (403 for anyone else in the org). Another org's barrier is 404. A
         *     barrier merged into another (`POST /v1/barriers/{barrier_id}/merge`) is 404
         *     `barrier_merged`, the problem's `merged_into` naming the barrier it went into, for
         *     everyone, so an old notification still leads there.
         */
        get: operations["getBarrier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Acknowledge or resolve a barrier
         * @description Moves a barrier on: `open` → `acknowledged`, `open` → `resolved` or `acknowledged` →
         *     `resolved`; any other change, the same status again included, is 409
         *     `invalid_transition`. `note` replaces the barrier's note when sent and keeps it when absent.
         *     The reporter is notified (`barrier_update`, with the note in the body and in `data.note`),
         *     and so is everyone who said "me too" to it or whose own report was merged into it (the
         *     same notification under a title of their own); resolving a barrier earns the reporter the
         *     `barrier_resolved` badge (once). For a lead of the barrier's team (`team`, the reporter's
         *     team when they reported it) and admins (403 otherwise). Another org's barrier is 404; a
         *     merged one 404 `barrier_merged`. Acknowledging or resolving an escalated barrier takes it
         *     off the dashboard's `escalated_barriers`.
         */
        patch: operations["updateBarrier"];
        trace?: never;
    };
    "/v1/barriers/{barrier_id}/me-too": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Say "me too" to a barrier
         * @description A colleague who meets the same barrier adds themselves to it instead of reporting it again,
         *     so its leads see how many people it stops (`me_too_count`). Saying it again changes
         *     nothing (200). The barrier then shows in the caller's `GET /v1/barriers` and
         *     `GET /v1/barriers/{barrier_id}`. Anyone in the org may join an open or acknowledged
         *     barrier except its reporter (403 `own_barrier`); a resolved one is 409 `barrier_resolved`.
         *     Another org's barrier is 404; a merged one 404 `barrier_merged` (`merged_into` says where
         *     to say it instead). Who said "me too" is told when the barrier is acknowledged or
         *     resolved, as its reporter is.
         */
        post: operations["meTooBarrier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/barriers/{barrier_id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge a duplicate barrier into another
         * @description Merges the barrier `barrier_id`, a duplicate, into the barrier `into` of the same team, so
         *     the lead sees one barrier with everyone it stops. The duplicate's reporter and those who
         *     said "me too" to it join `into` as if they had said "me too" (its own reporter aside; no
         *     one is counted twice) and find it in their `GET /v1/barriers`; they are told when it is
         *     acknowledged or resolved. The duplicate leaves every list; reading, updating or joining it
         *     afterwards is 404 `barrier_merged` with `merged_into`. Its reporter still finds their own
         *     text in `GET /v1/me/export` (with `merged_into`).
         *
         *     For a lead of the barriers' team and admins (403 otherwise). 422 `merge_into_itself` for
         *     `into` equal to `barrier_id`, `merge_across_teams` for a barrier of another team,
         *     `barrier_merged` for an `into` merged away itself, `invalid` (field `into`) for an `into`
         *     that does not exist; 409 `barrier_resolved` when either barrier is resolved. Another
         *     org's barrier is 404 (as `barrier_id`) or 422 (as `into`).
         */
        post: operations["mergeBarrier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggestions to review, or one's own
         * @description Suggestions, newest first. Leads see the suggestions of the teams they lead (the author's
         *     team when they suggested it) and admins every suggestion of the org, those with one
         *     `status` (absent means `pending`: what waits for review). Employees see the suggestions
         *     they made themselves and what became of them (`status`, the reviewer's `note`, and the
         *     `gesture_id` an approval made), all of them unless `status` names one.
         */
        get: operations["listSuggestions"];
        put?: never;
        /**
         * Suggest a gesture
         * @description Proposes a gesture for the catalogue. It starts `pending` until a lead of the caller's team
         *     or an admin approves or rejects it; the caller is notified either way
         *     (`suggestion_reviewed`). `value_id` must name an active value of the org (422 `invalid`
         *     otherwise). Everyone in the org may suggest.
         */
        post: operations["createSuggestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{suggestion_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a suggestion
         * @description Approves a `pending` suggestion and turns it into an active gesture (`source: suggestion`,
         *     the org's default points), linked as `gesture_id`: approved by an admin, the gesture is for
         *     everyone in the org; approved by a lead, it is for the author's team only. The author is
         *     notified (`suggestion_reviewed`). For a lead of the author's team (when they suggested it)
         *     and admins (403 otherwise), never the author: one's own suggestion is 403 `own_suggestion`
         *     (another lead of the team or an admin reviews it; an admin's own goes to another admin).
         *     A suggestion already approved or rejected is 409 `already_reviewed`. The body, and `note` in it, may be left out. Another org's suggestion is
         *     404. The review, its gesture and the notification are stored in one step, so a retry of an
         *     approval that failed never makes a second gesture; with an `Idempotency-Key` a retry gets the
         *     first answer instead of 409 `already_reviewed`, even when the server died after storing it.
         */
        post: operations["approveSuggestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{suggestion_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a suggestion
         * @description Rejects a `pending` suggestion; `note` can tell the author why. The author is notified
         *     (`suggestion_reviewed`). For a lead of the author's team (when they suggested it) and admins
         *     (403 otherwise), never the author (403 `own_suggestion`). A suggestion already approved or
         *     rejected is 409 `already_reviewed`. The
         *     body, and `note` in it, may be left out. Another org's suggestion is 404. With an
         *     `Idempotency-Key` a retry gets the first answer instead of 409 `already_reviewed`, even
         *     when the server died after storing the review.
         */
        post: operations["rejectSuggestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/org": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Org settings
         * @description The settings of the caller's org. Requires role `admin`.
         */
        get: operations["getOrg"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change org settings
         * @description Changes only the fields sent; `points` is itself partial. Requires role `admin`; applies to
         *     the caller's org. A `timezone` that is not a known IANA name is 422 `invalid`.
         */
        patch: operations["updateOrg"];
        trace?: never;
    };
    "/v1/admin/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List teams
         * @description The teams of the caller's org, in creation order. Requires role `admin`.
         */
        get: operations["listTeams"];
        put?: never;
        /**
         * Create a team
         * @description Creates a team in the caller's org. Requires role `admin`. Team names are unique within the
         *     org, ignoring case (409 `team_name_taken`). Every id in `lead_ids` must be a user of the org
         *     with role `lead` or `admin` (422 `invalid` otherwise).
         */
        post: operations["createTeam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/teams/{team_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        /**
         * Get a team
         * @description One team of the caller's org; another org's team is 404. Requires role `admin`.
         */
        get: operations["getTeam"];
        put?: never;
        post?: never;
        /**
         * Delete a team
         * @description Deletes an empty team. Requires role `admin`; another org's team is 404. While any user,
         *     active or not, belongs to the team it is 409 `team_not_empty`: move them first.
         */
        delete: operations["deleteTeam"];
        options?: never;
        head?: never;
        /**
         * Change a team
         * @description Changes only the fields sent; `lead_ids` replaces the whole list. Requires role `admin`;
         *     another org's team is 404. A name used by another team is 409 `team_name_taken`.
         */
        patch: operations["updateTeam"];
        trace?: never;
    };
    "/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description The users of the caller's org, active or not, in creation order, optionally only those of one
         *     team. Requires role `admin`. The filters `q`, `role` and `status` combine with `team_id` and
         *     with each other (all must match); a page may hold fewer than `limit` users while
         *     `next_cursor` is not null.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description Creates a user in the caller's org and returns their first enrollment code, to hand to the
         *     user. Requires role `admin`. Email addresses are unique within the org in their normal form
         *     (see `UserCreate.email`; 409 `email_taken`): `ＡＤＭＩＮ@Example.com` is `admin@example.com`.
         *     An address with an invisible character or mixing scripts is 422 `invalid` naming `email`.
         *     An unknown `team_id` is 422 `invalid`.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create users from CSV
         * @description Creates users from a CSV file whose first line is the header `name,email,role,team`.
         *     `role` is `employee`, `lead` or `admin`; `team` is a team's id or exact name, or empty for no
         *     team. Valid lines are created and reported in `created` with their enrollment codes; invalid
         *     lines (bad values, unknown team, an email already taken or repeated in the file) are reported in
         *     `errors` by line number, counting the header as line 1. Blank lines are skipped.
         *     A body that is not CSV or lacks the header line is 400 `malformed`. The body limit is 64 KiB:
         *     split larger files. Requires role `admin`. Send an `Idempotency-Key`: a retry of an import
         *     that failed halfway (503, or no answer) then answers the lines the first try created with
         *     their enrollment codes, as if it had created them, and creates the rest.
         *
         *     What spreadsheets save is accepted: a UTF-8 byte-order mark, `;` instead of `,` between
         *     fields (Excel in Dutch and most European locales; told from the header line, which must then
         *     be `name;email;role;team`), and quoted fields (`"Vries, Sanne de"`, `""` for a quote inside).
         *     A line with role `lead` makes that person a lead of their team as well (added to the team's
         *     `lead_ids`). Every result names its line (`line`), the header being line 1.
         *
         *     `?dry_run=true` checks every line as the import would, including emails repeated in the file
         *     or taken in the org and the teams it would create, and answers the same document with
         *     `dry_run: true` and `enrollment_code: null` in `created` (and `id: null` in `teams_created`),
         *     but writes nothing: the preview of a console. The `Idempotency-Key` is bound to the query
         *     too, so a dry run and the real import must use different keys (the same key is 422
         *     `idempotency_key_reused`).
         *
         *     `?create_teams=true` creates the teams named on lines that do not exist yet (listed in
         *     `teams_created`); without it, a line naming an unknown team is a line error.
         *
         *     The header may name a fifth column, `channel` (`name,email,role,team,channel`): the
         *     channel of the line's team (`store`, `phone`, `online` or `field`, any case; empty for no
         *     requirement). A team the import creates gets the channel of the first line that names it;
         *     a line whose channel is not that of its team (an existing one, or one created by an earlier
         *     line) is a line error on `channel` and changes no team: a team's channel is changed with
         *     `PATCH /v1/admin/teams/{team_id}`. A channel on a line without a team is a line error too.
         */
        post: operations["importUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The user's id.
                 * @example 01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * Get a user
         * @description One user of the caller's org; another org's user is 404. Requires role `admin`.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Erase a user (the right to erasure)
         * @description Erases the person for good; deactivating (`PATCH` with `active: false`) is the reversible
         *     way to let someone go. Requires role `admin`; another org's user is 404.
         *
         *     Removed at once: the name, email, enrollment code, devices and every session (all refresh
         *     tokens stop working, and access tokens within 60 s at most), the assignment and outcome
         *     history with the story and barrier texts in it, points, streak and badges, the inbox, the
         *     rows on every team and challenge leaderboard, the stories they shared (with the kudos on
         *     them, hidden ones too), and their gesture suggestions (a gesture approved from one stays in
         *     the catalogue); teams they led no longer list them in `lead_ids`. Their kudos on colleagues' stories still count, without their id; barriers
         *     they reported stay for the team to remove, without text and under a new anonymous
         *     reporter id with an empty name; their days done keep counting on team dashboards under
         *     that anonymous id. Colleagues' notifications that named them say "A former colleague" (in
         *     the colleague's language) instead, and pushes still waiting to name them are dropped.
         *     Aggregates stay: the teams board, the dashboards' counts, stories shared, the outcome
         *     export (which has no rows for the person any more). The email can be used for a new user
         *     at once. What the person does while the erasure runs (an outcome, a kudos, a "me too", a
         *     barrier and the notification that names them to their leads, a suggestion, a spotlight, a
         *     phone registered, a session renewed) is erased with the rest, and what they send once it is
         *     done is refused as 401.
         *
         *     A second `DELETE` of the same id is 404 `not_found`: the person is gone. Erasing the org's
         *     last active admin is 409 `last_admin`; an admin cannot erase themselves (409 `erase_self`).
         */
        delete: operations["eraseUser"];
        options?: never;
        head?: never;
        /**
         * Change a user
         * @description Changes only the fields sent; `team_id: null` removes the user from their team. Requires role
         *     `admin`; another org's user is 404. An email used by another user is 409 `email_taken`, compared
         *     and checked as in `createUser`.
         *     Demoting or deactivating the org's last active admin is 409 `last_admin`. Deactivating a user
         *     (`active: false`) revokes all their sessions; their access tokens stop working within 60 s.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/v1/admin/users/{user_id}/enrollment-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new enrollment code
         * @description Issues a new enrollment code for the user, for example for a new phone. Codes issued earlier
         *     for this user stop working; existing sessions are kept. A deactivated user is 409
         *     `user_inactive`. Requires role `admin`; another org's user is 404.
         */
        post: operations["issueEnrollmentCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List values
         * @description The values of the caller's org, active and retired, in creation order. Requires role `admin`.
         */
        get: operations["listValues"];
        put?: never;
        /**
         * Create a value
         * @description Adds a value (a brand or core value, and what it means here) to the caller's org. Requires
         *     role `admin`. `translations` holds the texts for users whose locale is `en`, `nl`, `de` or `fr`; an
         *     absent or empty text falls back to the base `name` or `description`.
         */
        post: operations["createValue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/values/{value_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The value's id.
                 * @example A3
                 */
                value_id: components["parameters"]["ValueId"];
            };
            cookie?: never;
        };
        /**
         * Get a value
         * @description One value of the caller's org; another org's value is 404. Requires role `admin`.
         */
        get: operations["getValue"];
        put?: never;
        post?: never;
        /**
         * Delete or retire a value
         * @description Deletes a value nothing refers to (204). A value that history refers to (gestures, past
         *     assignments and outcomes) is retired instead of deleted: the answer is 200 with the value,
         *     now `active: false`, so history keeps its value. While an active gesture refers to the value
         *     it is 409 `value_in_use`: retire or move those gestures first. Requires role `admin`; another
         *     org's value is 404.
         */
        delete: operations["deleteValue"];
        options?: never;
        head?: never;
        /**
         * Change a value
         * @description Changes only the fields sent; `translations` replaces all translations. `active: false`
         *     retires the value and `true` brings it back. Retiring a value while an active gesture refers
         *     to it is 409 `value_in_use`. Requires role `admin`; another org's value is 404.
         */
        patch: operations["updateValue"];
        trace?: never;
    };
    "/v1/admin/gestures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List gestures
         * @description The gestures of the caller's org in creation order, optionally only the active or only the
         *     retired ones. Requires role `admin`.
         */
        get: operations["listGestures"];
        put?: never;
        /**
         * Create a gesture
         * @description Adds a gesture to the caller's org's catalogue (`source: admin`). `value_id` must name an
         *     active value of the org and every id in `team_ids` a team of the org (422 `invalid`
         *     otherwise). `roles` and `team_ids` narrow who is given the gesture; empty lists mean
         *     everyone. `translations` holds the texts for users whose locale is `en`, `nl`, `de` or `fr`; an absent
         *     or empty text falls back to the base `title` or `how_to`. Requires role `admin`.
         */
        post: operations["createGesture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/gestures/{gesture_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The gesture's id.
                 * @example B2F
                 */
                gesture_id: components["parameters"]["GestureId"];
            };
            cookie?: never;
        };
        /**
         * Get a gesture
         * @description One gesture of the caller's org; another org's gesture is 404. Requires role `admin`.
         */
        get: operations["getGesture"];
        put?: never;
        post?: never;
        /**
         * Delete or retire a gesture
         * @description Deletes a gesture nothing refers to (204). A gesture that history refers to (assignments,
         *     outcomes, challenges) is retired instead of deleted: the answer is 200 with the gesture, now
         *     `active: false`, so history keeps its gesture. Requires role `admin`; another org's gesture
         *     is 404.
         */
        delete: operations["deleteGesture"];
        options?: never;
        head?: never;
        /**
         * Change a gesture
         * @description Changes only the fields sent; `roles`, `team_ids` and `translations` replace the whole list
         *     or object. `active: false` retires the gesture (it is no longer given) and `true` brings it
         *     back. An unknown or retired `value_id` or an unknown team is 422 `invalid`. Requires role
         *     `admin`; another org's gesture is 404.
         */
        patch: operations["updateGesture"];
        trace?: never;
    };
    "/v1/admin/challenges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List challenges
         * @description The challenges of the caller's org, past, running and upcoming, in creation order. Requires role `admin`.
         */
        get: operations["listChallenges"];
        put?: never;
        /**
         * Create a challenge
         * @description Adds a time-boxed challenge to the caller's org. From `starts_on` to `ends_on` inclusive
         *     (users' local days) the listed gestures are preferred when assigning to the teams in
         *     `team_ids` (empty: every team), and a done gesture of the challenge earns `bonus_points` on
         *     top of its own. `ends_on` must not be before `starts_on` and at most 366 days after it;
         *     every id in `gesture_ids` must name a gesture of the org and every id in `team_ids` a team
         *     of the org (422 `invalid` otherwise). Requires role `admin`.
         */
        post: operations["createChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/challenges/{challenge_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The challenge's id.
                 * @example B3K
                 */
                challenge_id: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        /**
         * Get a challenge
         * @description One challenge of the caller's org; another org's challenge is 404. Requires role `admin`.
         */
        get: operations["getChallenge"];
        put?: never;
        post?: never;
        /**
         * Delete or end a challenge
         * @description Deletes a challenge no assignment refers to (204). A challenge that assignments refer to is
         *     ended instead of deleted: the answer is 200 with the challenge, its `ends_on` now yesterday in
         *     the org's time zone (an earlier `ends_on` is kept; one that started today ends today), so no
         *     new day picks it while past assignments and its leaderboard keep it. Requires role `admin`; another org's challenge is 404.
         */
        delete: operations["deleteChallenge"];
        options?: never;
        head?: never;
        /**
         * Change a challenge
         * @description Changes only the fields sent; `team_ids` and `gesture_ids` replace the whole list. The
         *     result must still satisfy the rules of `POST /v1/admin/challenges` (422 `invalid`
         *     otherwise). Assignments already given keep the challenge and bonus they were given with.
         *     Requires role `admin`; another org's challenge is 404.
         */
        patch: operations["updateChallenge"];
        trace?: never;
    };
    "/v1/admin/export/outcomes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export outcomes
         * @description Streams one row per outcome recorded for a local day from `from` to `to`, both inclusive, in
         *     the caller's org. Days are the users' own local days (the `date` of their assignments). Rows
         *     come in order of day; the response is written as the rows are read, so a large export starts
         *     at once. `to` must not be before `from` and the range is at most 400 days (422 `invalid`).
         *     Outcome details older than the org's `retention_days` are gone and are not exported.
         *     Requires role `admin`.
         *
         *     - `format=csv` (the default) answers `text/csv` (RFC 4180, UTF-8) whose first line is the header
         *       `date,user_id,user_name,team_id,team_name,gesture_id,gesture_title,value_id,value_name,result,reaction,points,story_shared,occurred_at,recorded_at`;
         *       a missing value (no team, no reaction) is an empty field and `story_shared` is `true` or `false`.
         *       A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
         *       (OWASP's advice against CSV injection), so a spreadsheet shows a name such as `=1+1` as text
         *       and never runs it; `microact export` writes the same CSV.
         *     - `format=jsonl` answers `application/x-ndjson`: one `ExportRow` JSON object per line, with
         *       `null` for a missing value; texts are exactly as stored.
         *
         *     Texts (user, team, gesture and value names) are the current base texts, not translations.
         */
        get: operations["exportOutcomes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/f/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's feedback page
         * @description The public page a team's QR code opens: server-rendered HTML that works without JavaScript
         *     (it has none), under 30 KB, in the customer's language (`Accept-Language` among the org's
         *     languages, else the org's default). It asks how likely the customer is to recommend the org
         *     (0–10) and, optionally, what made the difference. No account; nothing about the customer is
         *     asked or kept. A browser that answered through this link today is thanked instead of asked
         *     again (a cookie). An unknown, rotated or revoked link is 404 (HTML). Strict CSP: no script,
         *     one hashed inline style, forms only to this origin.
         */
        get: operations["getFeedbackPage"];
        put?: never;
        /**
         * A customer's answer
         * @description Counts the answer and says thank you (HTML, 200); the score, the comment (email addresses
         *     and phone numbers masked, at most 500 characters), the team and the time are all that is
         *     kept. One answer per browser per day per link (a cookie): a second is thanked and not
         *     counted. A filled-in `website` (a field people do not see, which bots fill in) is thanked
         *     and not counted. Per address at most 10 answers an hour and per link 1000 a day are counted;
         *     past that the answer is 429 with `Retry-After`. A missing or out-of-range score shows the
         *     form again with a message (422). Body limit 64 KiB (413).
         */
        post: operations["postFeedbackAnswer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/displays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List display links
         * @description The display links the caller may manage, oldest first: every link of the org for an
         *     admin, the links of the teams they lead for a lead (403 for an employee). At most 50, so
         *     `next_cursor` is always null. The links themselves are not shown again.
         */
        get: operations["listDisplays"];
        put?: never;
        /**
         * Create a break-room display link
         * @description Makes a link for a break-room screen (`/tv/`): `{"team_id"}` for a team's screen, `{}` for
         *     the whole org's. A lead may make links for the teams they lead, an admin for any team of
         *     the org or for the org (403 otherwise; a `team_id` that is no team of the org is 422
         *     `invalid`). An org keeps at most 50 links (409 `conflict`: revoke one first).
         *
         *     `url` opens the screen; its fragment holds the display token, a secret of 256 random bits
         *     that the server keeps only as a hash, so the link is shown here once and never again.
         *     The token reads `GET /v1/display` and nothing else: every other route refuses it (401).
         */
        post: operations["createDisplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/displays/{display_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The display's id.
                 * @example 01JFZB3C5E7G9J1K3M5P7R9T1V
                 */
                display_id: components["parameters"]["DisplayId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a display link
         * @description Revokes the link: its next read of `GET /v1/display` is 401, and the screen says so. For
         *     those who may manage it (see `GET /v1/displays`); a display the caller may not manage, or
         *     another org's, is 404.
         */
        delete: operations["deleteDisplay"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/display": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a break-room screen shows
         * @description Read with the display token of a link (`Authorization: Bearer mxd.…`), not an access token
         *     (401 for one). Answers this week's board of the display's team (its members by points) or,
         *     for the org's display, the board of teams; the latest shared stories of the team (or org)
         *     with their kudos; the newest spotlighted story among them; and the challenge running today
         *     for the team (or for every team).
         *
         *     People are shown by display name only, and only those who show on leaderboards
         *     (`show_on_leaderboards`): the others are ranked with a null name, and their stories have a
         *     null `author_name`. Gesture titles and value names are in the org's default locale.
         *
         *     The answer carries an `ETag`; a screen polls with `If-None-Match` every few seconds and
         *     gets 304 without a body while nothing changed. A revoked link, or one whose team was
         *     deleted, is 401.
         */
        get: operations["getDisplay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description 200 while the process is up; checks no dependency.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description 200 when Redis is reachable; 503 otherwise.
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Metrics in the Prometheus text exposition format.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document
         * @description The OpenAPI document of this API, as served.
         */
        get: operations["getOpenAPI"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API reference
         * @description This document rendered as a self-contained HTML page.
         */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The author of a story, and the team they shared it in. */
        StoryAuthor: {
            id: string;
            name: string;
            /** @description The author's team when they shared the story; null when they had none. */
            team: components["schemas"]["TeamRef"] | null;
        };
        /**
         * @description A gesture, by id and title (in the caller's locale).
         * @example {
         *       "id": "01JD4G2K7M9P1R3T5V7X9Z1B3D",
         *       "title": "Hold the door"
         *     }
         */
        GestureRef: {
            id: string;
            title: string;
        };
        /**
         * @description A value, by id and name (in the caller's locale).
         * @example {
         *       "id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *       "name": "Warm welcome"
         *     }
         */
        ValueRef: {
            id: string;
            name: string;
        };
        /**
         * @description A story a colleague shared about a done gesture (show and tell).
         * @example {
         *       "id": "01JFZ8P4R6T8V0X2Z4B6D8F0H2",
         *       "author": {
         *         "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *         "name": "Sanne de Vries",
         *         "team": {
         *           "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *           "name": "Store Utrecht"
         *         }
         *       },
         *       "author_role": "lead",
         *       "gesture": {
         *         "id": "01JD4G2K7M9P1R3T5V7X9Z1B3D",
         *         "title": "Hold the door"
         *       },
         *       "value": {
         *         "id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *         "name": "Warm welcome"
         *       },
         *       "text": "An older man was struggling with the door in the rain; I walked him to his car with our umbrella.",
         *       "reaction": "delighted",
         *       "kudos": 4,
         *       "kudoed_by_me": true,
         *       "spotlight": false,
         *       "customer_quote": {
         *         "score": 10,
         *         "comment": "The young man walked me to my car in the rain. Who does that these days?",
         *         "created_at": "2026-11-23T10:05:00Z"
         *       },
         *       "created_at": "2026-11-23T09:42:10Z"
         *     }
         */
        Story: {
            id: string;
            author: components["schemas"]["StoryAuthor"];
            /** @description `lead` for a lead; null for everyone else. */
            author_role: components["schemas"]["ShownRole"] | null;
            gesture: components["schemas"]["GestureRef"];
            value: components["schemas"]["ValueRef"];
            /** @description What happened, in the author's words. */
            text: string;
            /** @description How the customer reacted; null when not given. */
            reaction: components["schemas"]["Reaction"] | null;
            /** @description How many colleagues gave the story kudos. */
            kudos: number;
            /** @description Whether the caller gave it kudos. */
            kudoed_by_me: boolean;
            /** @description Whether a lead or an admin put it in the spotlight. */
            spotlight: boolean;
            /** @description The customer comment the author quoted (of the same team and day); null for none. */
            customer_quote: components["schemas"]["CustomerQuote"] | null;
            /**
             * Format: date-time
             * @description When it was shared.
             */
            created_at: string;
        };
        /**
         * @description A customer's comment quoted in a story: their score (0–10), their words as stored (email
         *     addresses and phone numbers masked) and when they gave them. Nothing names the customer.
         * @example {
         *       "score": 10,
         *       "comment": "The young man walked me to my car in the rain. Who does that these days?",
         *       "created_at": "2026-11-23T10:05:00Z"
         *     }
         */
        CustomerQuote: {
            score: number;
            comment: string;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @description The customer comments a shared story may quote, newest first.
         * @example {
         *       "items": [
         *         {
         *           "id": "01JEQ4ZK6W2M3N4P5Q6R7S8T9V",
         *           "score": 10,
         *           "comment": "Anna found the right size for my son in two minutes.",
         *           "day": "2026-12-04",
         *           "created_at": "2026-12-04T14:03:00Z"
         *         }
         *       ]
         *     }
         */
        CustomerCommentList: {
            items: components["schemas"]["FeedbackComment"][];
        };
        /** @description One page of stories, newest first. */
        StoryList: {
            items: components["schemas"]["Story"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description Where a barrier stands: `open` when reported, `acknowledged` once a lead or admin has seen
         *     it, `resolved` once it is dealt with.
         * @enum {string}
         */
        BarrierStatus: "open" | "acknowledged" | "resolved";
        /**
         * @description Something in the organisation that stopped an employee.
         * @example {
         *       "id": "01JFZ9B2D4F6H8K0M2P4R6T8V0",
         *       "reporter": {
         *         "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *         "name": "Sanne de Vries"
         *       },
         *       "team": {
         *         "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *         "name": "Store Utrecht"
         *       },
         *       "category": "stock",
         *       "text": "The umbrellas we lend out were all gone.",
         *       "status": "acknowledged",
         *       "note": "Twenty more are ordered; they arrive on Thursday.",
         *       "me_too_count": 6,
         *       "me_too_by_me": false,
         *       "escalated": false,
         *       "escalated_at": null,
         *       "merged_into": null,
         *       "created_at": "2026-11-23T09:41:00Z",
         *       "updated_at": "2026-11-23T14:05:00Z"
         *     }
         */
        Barrier: {
            id: string;
            reporter: components["schemas"]["UserRef"];
            /** @description The reporter's team when they reported it; null when they had none. */
            team: components["schemas"]["TeamRef"] | null;
            category: components["schemas"]["BarrierCategory"];
            /** @description What stood in the way. */
            text: string;
            status: components["schemas"]["BarrierStatus"];
            /** @description The note of the lead or admin who last updated it; empty when there is none. */
            note: string;
            /**
             * @description How many colleagues met the same barrier and said so (`POST /v1/barriers/{barrier_id}/me-too`),
             *     the reporter not counted: a lead reads "8 people" as the reporter and 7 more.
             */
            me_too_count: number;
            /** @description Whether the caller said "me too" (or their own report was merged into this one). */
            me_too_by_me: boolean;
            /**
             * @description Whether the barrier went to the org's admins (`barrier_escalated`) because nobody
             *     acknowledged it within 3 workdays of the org's calendar (its time zone and
             *     `default_workdays`; a barrier reported on a day off counts from the next workday's
             *     start). It escalates once; it stays true after a lead acknowledges it. A barrier
             *     reported without a team has no lead to wait for and does not escalate.
             */
            escalated: boolean;
            /**
             * Format: date-time
             * @description When it escalated; null when it did not.
             */
            escalated_at: string | null;
            /**
             * @description The barrier this one was merged into. Only a reporter's own merged barrier in
             *     `GET /v1/me/export` carries one; every other answer leaves merged barriers out.
             */
            merged_into: string | null;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When the status or note last changed; `created_at` until then.
             */
            updated_at: string;
        };
        /** @description One page of barriers, newest first. */
        BarrierList: {
            items: components["schemas"]["Barrier"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description A barrier to report.
         * @example {
         *       "category": "tools",
         *       "text": "The card reader at till 2 keeps failing, so customers queue at till 1."
         *     }
         */
        BarrierReport: {
            /** @description One of the org's `barrier_categories`. */
            category: components["schemas"]["BarrierCategory"];
            /** @description What stands in the way. */
            text: string;
        };
        /**
         * @description The barrier to merge a duplicate into.
         * @example {
         *       "into": "01JFZ9B2D4F6H8K0M2P4R6T8V0"
         *     }
         */
        BarrierMerge: {
            /** @description The id of the barrier to keep. */
            into: string;
        };
        /**
         * @description The barrier's new status, and optionally a note for the reporter.
         * @example {
         *       "status": "acknowledged",
         *       "note": "Twenty more are ordered; they arrive on Thursday."
         *     }
         */
        BarrierUpdate: {
            /** @enum {string} */
            status: "acknowledged" | "resolved";
            /** @description Replaces the barrier's note; absent keeps it. */
            note?: string;
        };
        /**
         * @description Where a suggestion stands.
         * @enum {string}
         */
        SuggestionStatus: "pending" | "approved" | "rejected";
        /**
         * @description A gesture an employee proposed.
         * @example {
         *       "id": "01JG0C3E5G7J9K1N3Q5S7V9W1Y",
         *       "author": {
         *         "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *         "name": "Sanne de Vries"
         *       },
         *       "title": "Offer a glass of water",
         *       "how_to": "When a customer waits more than a few minutes, offer them a glass of water.",
         *       "value": {
         *         "id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *         "name": "Warm welcome"
         *       },
         *       "status": "approved",
         *       "note": "Lovely, let's all do this.",
         *       "gesture_id": "01JG0D7K9M1P3R5T7V9X1Z3B5D",
         *       "created_at": "2026-11-20T11:15:00Z"
         *     }
         */
        Suggestion: {
            id: string;
            author: components["schemas"]["UserRef"];
            title: string;
            how_to: string;
            value: components["schemas"]["ValueRef"];
            status: components["schemas"]["SuggestionStatus"];
            /** @description The reviewer's note; empty when there is none. */
            note: string;
            /** @description The gesture made of it once approved; null otherwise. */
            gesture_id: string | null;
            /** Format: date-time */
            created_at: string;
        };
        /** @description One page of suggestions, newest first. */
        SuggestionList: {
            items: components["schemas"]["Suggestion"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description A gesture to propose.
         * @example {
         *       "title": "Offer a glass of water",
         *       "how_to": "When a customer waits more than a few minutes, offer them a glass of water.",
         *       "value_id": "01JD4F0A2C4E6G8J0K2M4P6R8T"
         *     }
         */
        SuggestionCreate: {
            title: string;
            /** @description How to do it, in a sentence or two. */
            how_to: string;
            /** @description An active value of the org. */
            value_id: string;
        };
        /**
         * @description A review of a suggestion.
         * @example {
         *       "note": "Lovely, let's all do this."
         *     }
         */
        SuggestionReview: {
            /** @description A note for the author; absent means none. */
            note?: string;
        };
        DeviceRegistration: {
            /** @description The FCM registration token. */
            token: string;
            platform: components["schemas"]["Platform"];
        };
        Notification: {
            id: string;
            /**
             * @description What it is about. `barrier_reported` tells a team's leads of a barrier reported in
             *     their team (`data.barrier_id`); `barrier_update` tells a barrier's reporter of its new
             *     status (`data.barrier_id`, `data.status`, and `data.note`, the lead's or admin's note,
             *     when there is one; the body ends with the note too), and those who said "me too" to it
             *     likewise; `barrier_escalated` tells the org's admins of a barrier nobody acknowledged
             *     within 3 workdays (`data.barrier_id`; the body names the team, not the barrier's text).
             * @enum {string}
             */
            kind: "daily_gesture" | "streak_rescue" | "kudos" | "spotlight" | "barrier_update" | "barrier_reported" | "barrier_escalated" | "suggestion_reviewed" | "weekly_recap" | "test";
            title: string;
            body: string;
            /** @description Always holds `kind`, `id` and `link` (a deep link such as `microact://today`). */
            data: {
                [key: string]: string;
            };
            /** Format: date-time */
            created_at: string;
            read: boolean;
        };
        /** @description Everything stored about one user (see `exportMe`). */
        MeExport: {
            /** Format: date-time */
            exported_at: string;
            profile: components["schemas"]["Me"];
            devices: components["schemas"]["ExportedDevice"][];
            /** @description Every assignment still kept, newest first. */
            assignments: components["schemas"]["Assignment"][];
            /** @description The stories the user shared, newest first. */
            stories: components["schemas"]["ExportedStory"][];
            /** @description The stories the user gave kudos to. */
            kudos_given: components["schemas"]["KudosGiven"][];
            /** @description The barriers the user reported, newest first. */
            barriers: components["schemas"]["Barrier"][];
            /** @description The gestures the user suggested, newest first. */
            suggestions: components["schemas"]["Suggestion"][];
            /** @description The user's inbox, newest first. */
            notifications: components["schemas"]["Notification"][];
        };
        /**
         * @description A phone registered for pushes, without its token.
         * @example {
         *       "id": "pixel-8-sanne",
         *       "platform": "android",
         *       "updated_at": "2026-11-23T08:30:00Z"
         *     }
         */
        ExportedDevice: {
            id: string;
            /** @enum {string} */
            platform: "android" | "ios";
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * @description A story the user shared, as stored.
         * @example {
         *       "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "date": "2026-11-23",
         *       "gesture_id": "B1C",
         *       "text": "I carried a box to her car; she came back to say thank you.",
         *       "reaction": "delighted",
         *       "kudos": 3,
         *       "hidden": false,
         *       "customer_quote": {
         *         "score": 10,
         *         "comment": "The young man walked me to my car in the rain. Who does that these days?",
         *         "created_at": "2026-11-23T10:05:00Z"
         *       },
         *       "created_at": "2026-11-23T10:12:00Z"
         *     }
         */
        ExportedStory: {
            id: string;
            /**
             * Format: date
             * @description The local day of the gesture.
             */
            date: string;
            gesture_id: string;
            text: string;
            /** @description How the customer reacted; null when not given. */
            reaction: components["schemas"]["Reaction"] | null;
            /** @description Kudos received. */
            kudos: number;
            /** @description True when the story was deleted from the feeds. */
            hidden: boolean;
            /** @description The customer comment the story quotes, as the feeds show it; null for none. */
            customer_quote: components["schemas"]["CustomerQuote"] | null;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @description A story the user gave kudos to.
         * @example {
         *       "story_id": "01JD3QA1B2C3D4E5F6G7H8J9K0"
         *     }
         */
        KudosGiven: {
            story_id: string;
        };
        NotificationList: {
            items: components["schemas"]["Notification"][];
            next_cursor: string | null;
            unread: number;
        };
        MarkRead: {
            /** @description The id of the newest notification read. */
            up_to: string;
        };
        NotificationRef: {
            id: string;
        };
        /** @description When the board's period starts and ends; both null for `all`. */
        BoardPeriod: {
            /** @enum {string} */
            kind: "week" | "month" | "all" | "challenge";
            /** Format: date-time */
            starts_at: string | null;
            /** Format: date-time */
            ends_at: string | null;
        };
        /** @description A ranked user; id and name are null for a user who hides from leaderboards. */
        BoardUser: {
            id: string | null;
            name: string | null;
        };
        /**
         * @description `lead` when the person is a lead, so the team sees that its lead did the gesture too;
         *     null for everyone else. A person who does not show on leaderboards has null on a board
         *     row others read, as their name is.
         * @enum {string}
         */
        ShownRole: "lead";
        LeaderboardEntry: {
            rank: number;
            user: components["schemas"]["BoardUser"];
            /** @description `lead` for a lead; null for everyone else. */
            role: components["schemas"]["ShownRole"] | null;
            points: number;
            is_me: boolean;
        };
        MyRank: {
            rank: number;
            points: number;
        };
        Leaderboard: {
            period: components["schemas"]["BoardPeriod"];
            entries: components["schemas"]["LeaderboardEntry"][];
            /** @description The caller's place; null when the caller has no points on this board. */
            me: components["schemas"]["MyRank"] | null;
        };
        TeamsLeaderboardEntry: {
            rank: number;
            team: components["schemas"]["TeamRef"];
            points: number;
            members: number;
            /** @description Points per active member, rounded to one decimal (`58.8`); the rank uses the exact value. */
            score: number;
        };
        TeamsLeaderboard: {
            period: components["schemas"]["BoardPeriod"];
            entries: components["schemas"]["TeamsLeaderboardEntry"][];
            /** @description The caller's team; null for a caller without a team. */
            me: components["schemas"]["TeamsLeaderboardEntry"] | null;
        };
        /** @description A lead of the team and on how many days of the period they did their own gesture. */
        DashboardLead: {
            id: string;
            name: string;
            days_done: number;
        };
        /**
         * @description A member of the team and on how many days of the period they did their gesture.
         * @example {
         *       "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "name": "Eva Jansen",
         *       "days_done": 2,
         *       "enrolled": true
         *     }
         */
        DashboardPerson: {
            id: string;
            name: string;
            days_done: number;
            enrolled: boolean;
        };
        GestureDone: {
            id: string;
            title: string;
            done: number;
        };
        Dashboard: {
            team: components["schemas"]["TeamRef"];
            period: components["schemas"]["BoardPeriod"];
            members: number;
            /** @description A share from 0 to 1, rounded to three decimals (`0.667`). */
            participation_rate: number;
            results: {
                done: number;
                skipped: number;
                blocked: number;
            };
            reactions: {
                delighted: number;
                positive: number;
                neutral: number;
                negative: number;
            };
            leads: components["schemas"]["DashboardLead"][];
            /**
             * @description The team's active members with the days they did their gesture in the period: fewest
             *     days first, then by name. For the lead's nudge; `enrolled` is false for someone who was
             *     invited but never signed in.
             */
            people: components["schemas"]["DashboardPerson"][];
            workdays_in_period: number;
            top_gestures: components["schemas"]["GestureDone"][];
            open_barriers: number;
            /**
             * @description The team's unresolved barriers that went to the org's admins, nobody having
             *     acknowledged them within 3 workdays, and that no lead acknowledged since: the flag
             *     to act on.
             */
            escalated_barriers: number;
            stories_shared: number;
            /**
             * @description The team's last 8 org weeks, oldest first, the current week last, whatever `period` is
             *     asked: participation for a chart. Each week's `participation_rate` is computed as the
             *     dashboard's is (the team's active members now).
             */
            series: components["schemas"]["DashboardWeek"][];
            nps: components["schemas"]["DashboardNPS"];
        };
        /**
         * @description A team's public feedback page, for a QR code.
         * @example {
         *       "url": "https://microact.example/f/acme.Q2x8N0p4ZkVvTmJ1cWZyWg"
         *     }
         */
        FeedbackLink: {
            /**
             * Format: uri
             * @description The absolute address of the page (`/f/{token}` on this server).
             */
            url: string;
        };
        /** @description The feedback page's form. */
        FeedbackForm: {
            /** @description How likely the customer is to recommend the org, 0 (not at all) to 10. */
            score: number;
            /** @description What made the difference (optional); masked and cut to 500 characters. */
            comment?: string;
            /** @description A honeypot people do not see; filled in, the answer is not counted. */
            website?: string;
        };
        /**
         * @description Customers' answers of one org week: promoters gave 9–10, passives 7–8, detractors 0–6;
         *     `score` is the share of promoters minus that of detractors in whole points (-100 to 100, 0
         *     without answers); `top_share` is the share of 9+ (0–1, three decimals).
         * @example {
         *       "starts_on": "2026-11-30",
         *       "answers": 40,
         *       "promoters": 26,
         *       "passives": 10,
         *       "detractors": 4,
         *       "score": 55,
         *       "top_share": 0.65
         *     }
         */
        NPSWeek: {
            starts_on: components["schemas"]["LocalDate"];
            answers: number;
            promoters: number;
            passives: number;
            detractors: number;
            score: number;
            top_share: number;
        };
        /**
         * @description A customer's comment, screened (email addresses and phone numbers masked).
         * @example {
         *       "id": "01JEQ4ZK6W2M3N4P5Q6R7S8T9V",
         *       "score": 10,
         *       "comment": "Anna found the right size for my son in two minutes.",
         *       "day": "2026-12-04",
         *       "created_at": "2026-12-04T14:03:00Z"
         *     }
         */
        FeedbackComment: {
            id: string;
            score: number;
            comment: string;
            day: components["schemas"]["LocalDate"];
            /** Format: date-time */
            created_at: string;
        };
        /** @description The answers of a group of days. */
        NPSGroup: {
            /** @description Days with at least one answer in the group. */
            days: number;
            answers: number;
            top_share: number;
        };
        /**
         * @description The team's customers beside its gestures over the series' 8 weeks, counting only days with
         *     answers: the 9+ share on days the team did at least `many_from` gestures against days it
         *     did fewer (with how many days and answers each holds: few of either is noise), and the
         *     values whose gestures were done on the third of those days customers rated best.
         * @example {
         *       "many_from": 6,
         *       "many": {
         *         "days": 9,
         *         "answers": 61,
         *         "top_share": 0.705
         *       },
         *       "few": {
         *         "days": 11,
         *         "answers": 58,
         *         "top_share": 0.552
         *       },
         *       "best_days": [
         *         "2026-12-01",
         *         "2026-11-24"
         *       ],
         *       "best_day_values": [
         *         {
         *           "id": "B1C",
         *           "name": "Warmth",
         *           "done": 9
         *         }
         *       ]
         *     }
         */
        NPSGestureLink: {
            /** @description The fewest gestures done on a "many" day (one more than the median day). */
            many_from: number;
            many: components["schemas"]["NPSGroup"];
            few: components["schemas"]["NPSGroup"];
            best_days: components["schemas"]["LocalDate"][];
            best_day_values: {
                id: string;
                name: string;
                done: number;
            }[];
        };
        /**
         * @description What the team's customers say on its feedback link: the same 8 weeks as `series`, the
         *     dashboard's period, the latest comments (up to 5, newest first), the link to the team's
         *     gestures, and for admins the whole org's weeks (`org`, null for leads).
         */
        DashboardNPS: {
            period: components["schemas"]["NPSWeek"];
            series: components["schemas"]["NPSWeek"][];
            latest_comments: components["schemas"]["FeedbackComment"][];
            gestures: components["schemas"]["NPSGestureLink"];
            org: components["schemas"]["NPSWeek"][] | null;
        };
        /**
         * @description How a team took part in one org week.
         * @example {
         *       "starts_on": "2026-11-16",
         *       "participation_rate": 0.75,
         *       "done": 23
         *     }
         */
        DashboardWeek: {
            starts_on: components["schemas"]["LocalDate"];
            /** @description Share of the team's active members with at least one done gesture in the week. */
            participation_rate: number;
            /** @description Gestures done by the team's members in the week. */
            done: number;
        };
        /**
         * @description An RFC 9457 problem document.
         * @example {
         *       "type": "about:blank",
         *       "title": "Conflict",
         *       "status": 409,
         *       "detail": "Another team of this org has this name.",
         *       "code": "team_name_taken",
         *       "errors": [
         *         {
         *           "field": "name",
         *           "message": "already taken"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /**
             * Format: uri-reference
             * @description A URI reference naming the problem type; `about:blank` when `code` says it all.
             */
            type: string;
            /** @description A short, human-readable summary of the problem type (English). */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description A human-readable explanation of this occurrence (English). */
            detail?: string;
            /** @description A stable machine-readable code to localise on; see the list of codes in the API description. */
            code: string;
            /** @description The fields that caused the problem, where that helps. */
            errors?: components["schemas"]["ProblemFieldError"][];
            /** @description With `barrier_merged`, the barrier the one asked for was merged into. */
            merged_into?: string;
        };
        /** @description One offending field. */
        ProblemFieldError: {
            /** @description The field's path in the request, dot-separated (`preferences.reminder_time`). */
            field: string;
            /** @description What is wrong with it (English). */
            message: string;
        };
        /**
         * @description A user's role.
         * @enum {string}
         */
        Role: "employee" | "lead" | "admin";
        /**
         * @description The language of notifications and texts; an org enables some of them (its `locales`).
         * @enum {string}
         */
        Locale: "nl" | "en" | "de" | "fr";
        /**
         * @description A device's platform.
         * @enum {string}
         */
        Platform: "android" | "ios";
        /**
         * @description A local clock time, `HH:MM` (24-hour).
         * @example 08:30
         */
        ClockTime: string;
        /**
         * Format: date
         * @description A local calendar day, `YYYY-MM-DD`.
         * @example 2026-11-23
         */
        LocalDate: string;
        /**
         * @description A team, by id and name.
         * @example {
         *       "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *       "name": "Store Utrecht"
         *     }
         */
        TeamRef: {
            id: string;
            name: string;
        };
        /**
         * @description A user, by id and name.
         * @example {
         *       "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "name": "Sanne de Vries"
         *     }
         */
        UserRef: {
            id: string;
            name: string;
        };
        /** @description The device that enrolls. */
        Device: {
            /** @description A stable id the app generates for this installation. */
            id: string;
            /** @description A name the user recognises (`Pixel 8`). */
            name?: string;
            platform: components["schemas"]["Platform"];
        };
        /**
         * @example {
         *       "code": "ABCD-EFGH-JKLM",
         *       "device": {
         *         "id": "8f14e45f-ceea-467a-9af0-6f1b2c3d4e5f",
         *         "name": "Pixel 8",
         *         "platform": "android"
         *       }
         *     }
         */
        EnrollRequest: {
            /** @description The enrollment code; case-insensitive, dashes optional. */
            code: string;
            device?: components["schemas"]["Device"];
        };
        /**
         * @example {
         *       "refresh_token": "rt_9Zq3xv0cJmE2b7Qf1yKp4LwN8sTg6RhU"
         *     }
         */
        RefreshRequest: {
            refresh_token: string;
        };
        /**
         * @example {
         *       "refresh_token": "rt_9Zq3xv0cJmE2b7Qf1yKp4LwN8sTg6RhU"
         *     }
         */
        LogoutRequest: {
            refresh_token: string;
        };
        /** @description Tokens for a device, and the user they belong to. */
        Session: {
            /** @description A JWT to send as `Authorization: Bearer …`. */
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /**
             * @description Seconds until the access token expires.
             * @example 900
             */
            expires_in: number;
            /** @description Single-use; exchange it at `/v1/auth/refresh` for a new session. */
            refresh_token: string;
            user: components["schemas"]["Me"];
        };
        /**
         * @example {
         *       "code": "ABCD-EFGH-JKLM"
         *     }
         */
        ConsoleEnrollRequest: {
            /** @description The enrollment code; case-insensitive, dashes optional. */
            code: string;
        };
        /** @description A console session; its refresh token is in the `mx_console` cookie, never in the body. */
        ConsoleSession: {
            /** @description A JWT to send as `Authorization: Bearer …`; keep it in memory only. */
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /**
             * @description Seconds until the access token expires; renew it with `POST /console/auth/refresh`.
             * @example 900
             */
            expires_in: number;
            user: components["schemas"]["Me"];
        };
        /**
         * @description A JSON Web Key Set (RFC 7517).
         * @example {
         *       "keys": [
         *         {
         *           "kty": "OKP",
         *           "crv": "Ed25519",
         *           "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
         *           "kid": "k-2026-11",
         *           "alg": "EdDSA",
         *           "use": "sig"
         *         }
         *       ]
         *     }
         */
        JWKS: {
            keys: components["schemas"]["JWK"][];
        };
        /** @description An Ed25519 public key (RFC 8037). */
        JWK: {
            /** @enum {string} */
            kty: "OKP";
            /** @enum {string} */
            crv: "Ed25519";
            /** @description The public key, base64url without padding. */
            x: string;
            /** @description Matches the `kid` header of the tokens it verifies. */
            kid: string;
            /** @enum {string} */
            alg: "EdDSA";
            /** @enum {string} */
            use: "sig";
        };
        /**
         * @description Local times between which nothing is pushed (deferred to `end`); may wrap past midnight.
         *     Equal `start` and `end` mean no quiet hours.
         */
        QuietHours: {
            start: components["schemas"]["ClockTime"];
            end: components["schemas"]["ClockTime"];
        };
        /**
         * @description The user's own settings.
         * @example {
         *       "reminder_time": "08:30",
         *       "quiet_hours": {
         *         "start": "21:00",
         *         "end": "07:30"
         *       },
         *       "workdays": [
         *         1,
         *         2,
         *         3,
         *         4,
         *         5
         *       ],
         *       "show_on_leaderboards": true,
         *       "paused_from": null,
         *       "paused_until": null
         *     }
         */
        Preferences: {
            reminder_time: components["schemas"]["ClockTime"];
            quiet_hours: components["schemas"]["QuietHours"];
            /** @description ISO weekdays, 1 = Monday … 7 = Sunday. */
            workdays: number[];
            /** @description When false, others see the user on leaderboards without id or name. */
            show_on_leaderboards: boolean;
            /**
             * Format: date
             * @description The first local day of the pause, which may lie ahead (planned leave, a holiday); null
             *     when not paused. Before it the user takes part as usual.
             */
            paused_from: string | null;
            /**
             * Format: date
             * @description Paused up to and including this local day (rest, illness, leave); null when not paused.
             */
            paused_until: string | null;
        };
        /**
         * @description The preferences to change; absent fields keep their value.
         * @example {
         *       "reminder_time": "09:00",
         *       "paused_from": "2026-12-21",
         *       "paused_until": "2027-01-03"
         *     }
         */
        PreferencesPatch: {
            reminder_time?: components["schemas"]["ClockTime"];
            quiet_hours?: components["schemas"]["QuietHours"];
            /** @description ISO weekdays, 1 = Monday … 7 = Sunday. */
            workdays?: number[];
            show_on_leaderboards?: boolean;
            /**
             * Format: date
             * @description Plans the pause ahead: its first local day, today or later (422 otherwise), not after
             *     `paused_until`. Without it a new pause starts today and an ongoing or planned pause
             *     keeps its start; it needs a `paused_until`, sent along or already set. The start of an
             *     ongoing pause can be moved later, not earlier than today, so a day already missed is
             *     never excused.
             */
            paused_from?: string;
            /**
             * Format: date
             * @description Pause up to and including this local day (today or later); null ends a pause, planned or ongoing.
             */
            paused_until?: string | null;
        };
        /** @description Points earned. */
        PointsTally: {
            /** @description In the current org week. */
            week: number;
            /** @description In the current calendar month. */
            month: number;
            /** @description Ever. */
            total: number;
        };
        /** @description Consecutive workdays with a done gesture. */
        Streak: {
            current: number;
            best: number;
            /** @description Freezes held (0–2); one is used on a skipped or missed workday. */
            freezes: number;
        };
        /** @description The user's points, streak and done count. */
        Stats: {
            points: components["schemas"]["PointsTally"];
            streak: components["schemas"]["Streak"];
            /** @description Gestures done, ever. */
            done_total: number;
        };
        /**
         * @description A badge the user has earned; each is earned once. `name` is in the user's locale. The ids:
         *
         *     | id | earned for |
         *     | --- | --- |
         *     | `first_gesture` | the first done gesture |
         *     | `streak_5` | a streak of 5 workdays |
         *     | `streak_20` | a streak of 20 workdays |
         *     | `first_story` | the first shared story |
         *     | `kudos_10` | 10 kudos received, over all stories |
         *     | `all_values` | a done gesture for every active value of the org |
         *     | `barrier_resolved` | a barrier the user reported was resolved |
         *     | `lead_by_example` | a lead or admin: a done gesture on every one of their workdays of an org week |
         * @example {
         *       "id": "first_gesture",
         *       "name": "First gesture",
         *       "earned_at": "2026-09-02T07:12:00Z"
         *     }
         */
        Badge: {
            /** @description One of the ids above; new ones may be added. */
            id: string;
            name: string;
            /** Format: date-time */
            earned_at: string;
        };
        /**
         * @description The signed-in user.
         * @example {
         *       "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "org": "acme",
         *       "name": "Sanne de Vries",
         *       "email": "sanne@example.com",
         *       "role": "employee",
         *       "team": {
         *         "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *         "name": "Store Utrecht"
         *       },
         *       "timezone": "Europe/Amsterdam",
         *       "locale": "nl",
         *       "preferences": {
         *         "reminder_time": "08:30",
         *         "quiet_hours": {
         *           "start": "21:00",
         *           "end": "07:30"
         *         },
         *         "workdays": [
         *           1,
         *           2,
         *           3,
         *           4,
         *           5
         *         ],
         *         "show_on_leaderboards": true,
         *         "paused_from": null,
         *         "paused_until": null
         *       },
         *       "stats": {
         *         "points": {
         *           "week": 35,
         *           "month": 120,
         *           "total": 860
         *         },
         *         "streak": {
         *           "current": 4,
         *           "best": 17,
         *           "freezes": 1
         *         },
         *         "done_total": 74
         *       },
         *       "badges": [
         *         {
         *           "id": "first_gesture",
         *           "name": "First gesture",
         *           "earned_at": "2026-09-02T07:12:00Z"
         *         }
         *       ]
         *     }
         */
        Me: {
            id: string;
            /** @description The org's id (its slug). */
            org: string;
            name: string;
            /** Format: email */
            email: string;
            role: components["schemas"]["Role"];
            /** @description The user's team; null when they have none. */
            team: components["schemas"]["TeamRef"] | null;
            /** @description The user's IANA time zone (the org's unless they chose one). */
            timezone: string;
            locale: components["schemas"]["Locale"];
            preferences: components["schemas"]["Preferences"];
            stats: components["schemas"]["Stats"];
            badges: components["schemas"]["Badge"][];
        };
        /**
         * @description The fields to change; absent fields keep their value.
         * @example {
         *       "timezone": "Europe/Lisbon",
         *       "preferences": {
         *         "quiet_hours": {
         *           "start": "22:00",
         *           "end": "07:00"
         *         }
         *       }
         *     }
         */
        MePatch: {
            name?: string;
            /** @description An IANA time zone name; checked by the server. */
            timezone?: string;
            locale?: components["schemas"]["Locale"];
            preferences?: components["schemas"]["PreferencesPatch"];
        };
        /** @description A barrier category key. */
        BarrierCategory: string;
        /** @description Points awarded. */
        PointsSettings: {
            /** @description Default points of a done gesture (a gesture may set its own). */
            done: number;
            /** @description Extra points for a shared story. */
            story: number;
            /** @description Points for reporting a barrier. */
            blocked: number;
            /** @description Points per kudos received (at most 10 kudos count per story). */
            kudos: number;
        };
        /** @description The point values to change. */
        PointsSettingsPatch: {
            done?: number;
            story?: number;
            blocked?: number;
            kudos?: number;
        };
        /**
         * @description An org's settings. Retention: outcome details (reactions, stories, barriers) older than
         *     `retention_days` expire; the points and streaks earned with them stay. Shared stories and
         *     barriers have retentions of their own, `story_retention_days` and
         *     `barrier_retention_days` (null, the default, keeps them); an hourly job removes what is
         *     past them.
         *     `default_locale` (default `en`) and `default_workdays` (default Monday to Friday) are
         *     what a user created afterwards starts with, by an admin or a CSV import.
         * @example {
         *       "id": "acme",
         *       "name": "Acme Retail",
         *       "timezone": "Europe/Amsterdam",
         *       "week_starts_on": 1,
         *       "default_reminder_time": "08:30",
         *       "swaps_per_day": 2,
         *       "barrier_categories": [
         *         "time",
         *         "tools",
         *         "rules",
         *         "stock",
         *         "other"
         *       ],
         *       "points": {
         *         "done": 10,
         *         "story": 5,
         *         "blocked": 2,
         *         "kudos": 1
         *       },
         *       "retention_days": 400,
         *       "story_retention_days": 365,
         *       "barrier_retention_days": null,
         *       "locales": [
         *         "nl",
         *         "en",
         *         "de"
         *       ],
         *       "default_locale": "nl",
         *       "default_workdays": [
         *         1,
         *         2,
         *         3,
         *         4,
         *         5,
         *         6
         *       ],
         *       "created_at": "2026-09-01T09:00:00Z"
         *     }
         */
        OrgSettings: {
            /** @description The org's slug. */
            id: string;
            name: string;
            /** @description The org's IANA time zone; the default for its users and the clock of its periods. */
            timezone: string;
            /** @description ISO weekday the org week starts on (1 = Monday). */
            week_starts_on: number;
            default_reminder_time: components["schemas"]["ClockTime"];
            swaps_per_day: number;
            barrier_categories: components["schemas"]["BarrierCategory"][];
            points: components["schemas"]["PointsSettings"];
            /** @description Days outcome details, stories and barriers are kept; older ones expire, points and streaks stay. */
            retention_days: number;
            /**
             * @description Days a shared story is kept after it was shared; older stories are removed from every
             *     feed with their kudos (the points earned stay). Null (the default) keeps them.
             */
            story_retention_days: number | null;
            /**
             * @description Days a barrier is kept after its last change (report, acknowledgement, resolution);
             *     older barriers are removed from every list and from the open counts. Null (the
             *     default) keeps them.
             */
            barrier_retention_days: number | null;
            /**
             * @description The locales the org's content comes in: the ones its users may choose, and what its
             *     catalogue should be translated into. Set from the content pack the org started with
             *     (the starter pack: en, nl, de, fr); every locale for an org made without one.
             */
            locales: components["schemas"]["Locale"][];
            default_locale: components["schemas"]["Locale"];
            /**
             * @description The workdays (ISO weekdays, 1 = Monday … 7 = Sunday) a user starts with; default
             *     Monday to Friday.
             */
            default_workdays: number[];
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @description The settings to change; absent fields keep their value.
         * @example {
         *       "swaps_per_day": 3,
         *       "points": {
         *         "story": 8
         *       }
         *     }
         */
        OrgSettingsPatch: {
            name?: string;
            /** @description An IANA time zone name; checked by the server. */
            timezone?: string;
            week_starts_on?: number;
            default_reminder_time?: components["schemas"]["ClockTime"];
            swaps_per_day?: number;
            barrier_categories?: components["schemas"]["BarrierCategory"][];
            points?: components["schemas"]["PointsSettingsPatch"];
            retention_days?: number;
            /** @description Days shared stories are kept (7 to 3650); null keeps them. */
            story_retention_days?: number | null;
            /** @description Days barriers are kept after their last change (7 to 3650); null keeps them. */
            barrier_retention_days?: number | null;
            /**
             * @description The locales the org enables, at least one. `default_locale` must be one of them (422 on
             *     `default_locale` otherwise), and so must a locale a user or an admin picks from now on
             *     (422 on `locale`); users who picked one that is disabled later keep it until it is
             *     changed.
             */
            locales?: components["schemas"]["Locale"][];
            default_locale?: components["schemas"]["Locale"];
            /**
             * @description The workdays a user created from now on starts with (admin create, CSV import):
             *     distinct ISO weekdays, 1 = Monday … 7 = Sunday, at least one. Users who exist keep theirs.
             */
            default_workdays?: number[];
        };
        /**
         * @description A team.
         * @example {
         *       "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *       "name": "Store Utrecht",
         *       "lead_ids": [
         *         "01JD3QC9X8W7V6T5S4R3Q2P1N0"
         *       ],
         *       "channel": "store",
         *       "member_count": 12,
         *       "created_at": "2026-09-01T09:05:00Z"
         *     }
         */
        Team: {
            id: string;
            name: string;
            /** @description The users who lead this team. */
            lead_ids: string[];
            /** @description Where the team meets its customers; its members get only gestures for it (or for every channel). Null when the team has none and gets every gesture. */
            channel: components["schemas"]["Channel"] | null;
            /** @description Users whose team this is, active or not. */
            member_count: number;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @example {
         *       "name": "Store Utrecht",
         *       "channel": "store",
         *       "lead_ids": [
         *         "01JD3QC9X8W7V6T5S4R3Q2P1N0"
         *       ]
         *     }
         */
        TeamCreate: {
            name: string;
            /** @description Users of the org with role `lead` or `admin`. */
            lead_ids?: string[];
            /** @description Where the team meets its customers; absent or null means none (every gesture). */
            channel?: components["schemas"]["Channel"] | null;
        };
        /** @description The fields to change; `lead_ids` replaces the whole list. */
        TeamPatch: {
            name?: string;
            /** @description Users of the org with role `lead` or `admin`. */
            lead_ids?: string[];
            /** @description Where the team meets its customers; null clears it (the team then gets every gesture). */
            channel?: components["schemas"]["Channel"] | null;
        };
        /**
         * @description A team as any caller who may look at it sees it.
         * @example {
         *       "id": "B1C",
         *       "name": "Store Utrecht",
         *       "lead_ids": [
         *         "01JD3QC9X8W7V6T5S4R3Q2P1N0"
         *       ],
         *       "channel": "store",
         *       "members": 12,
         *       "escalated_barriers": 1
         *     }
         */
        TeamSummary: {
            id: string;
            name: string;
            /** @description The users who lead this team. */
            lead_ids: string[];
            /** @description Where the team meets its customers (see `Team.channel`); null when it has none. */
            channel: components["schemas"]["Channel"] | null;
            /** @description Users whose team this is, active or not. */
            members: number;
            /**
             * @description The team's unresolved barriers that went to the org's admins, nobody having acknowledged
             *     them within 3 workdays, and that no lead has acknowledged since: the dashboard's
             *     `escalated_barriers`, so an admin sees in the roll-up where barriers wait. For admins and
             *     the team's leads (who may open its dashboard); absent for an employee.
             */
            escalated_barriers?: number;
        };
        /** @description One page of teams. */
        TeamSummaryList: {
            items: components["schemas"]["TeamSummary"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description One page of teams. */
        TeamList: {
            items: components["schemas"]["Team"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description A user, as admins see them.
         * @example {
         *       "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "name": "Sanne de Vries",
         *       "email": "sanne@example.com",
         *       "role": "employee",
         *       "team": {
         *         "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *         "name": "Store Utrecht"
         *       },
         *       "active": true,
         *       "timezone": "Europe/Amsterdam",
         *       "locale": "nl",
         *       "workdays": [
         *         1,
         *         2,
         *         3,
         *         4,
         *         5
         *       ],
         *       "enrolled": true,
         *       "created_at": "2026-09-01T09:10:00Z"
         *     }
         */
        User: {
            id: string;
            name: string;
            /** Format: email */
            email: string;
            role: components["schemas"]["Role"];
            /** @description The user's team; null when they have none. */
            team: components["schemas"]["TeamRef"] | null;
            /** @description False once deactivated; a deactivated user cannot sign in. */
            active: boolean;
            timezone: string;
            locale: components["schemas"]["Locale"];
            /** @description The user's workdays (`preferences.workdays`), ISO weekdays, 1 = Monday … 7 = Sunday. */
            workdays: number[];
            /** @description Whether the user has enrolled at least once. */
            enrolled: boolean;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @example {
         *       "name": "Sanne de Vries",
         *       "email": "sanne@example.com",
         *       "role": "employee",
         *       "team_id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z"
         *     }
         */
        UserCreate: {
            name: string;
            /**
             * Format: email
             * @description Unique within the org in its normal form, which is what is stored and answered: width
             *     and compatibility forms folded (NFKC: `ａdmin` is `admin`), lower case, the domain
             *     through IDNA in its Unicode form (`xn--bcher-kva.example` is `bücher.example`). Refused
             *     with 422 `invalid` naming `email`: invisible characters (zero-width space, soft hyphen,
             *     direction marks, other format, control or default-ignorable characters), and a local
             *     part or domain label mixing scripts (`dеmo` with a Cyrillic `е`; Latin with Chinese,
             *     Japanese or Korean scripts is allowed).
             */
            email: string;
            role: components["schemas"]["Role"];
            /** @description The user's team; absent or null for none. */
            team_id?: string | null;
        };
        /**
         * @description The fields to change; absent fields keep their value.
         * @example {
         *       "role": "lead",
         *       "team_id": null
         *     }
         */
        UserPatch: {
            name?: string;
            /**
             * Format: email
             * @description Normalised and checked as `UserCreate.email`.
             */
            email?: string;
            role?: components["schemas"]["Role"];
            /** @description The new team; null removes the user from their team. */
            team_id?: string | null;
            /** @description False deactivates the user and revokes their sessions; true reactivates them. */
            active?: boolean;
            locale?: components["schemas"]["Locale"];
            /**
             * @description The user's IANA time zone, checked as in `PATCH /v1/me`. A change of the user's zone
             *     voids their access tokens (the apps refresh to get one in the new zone).
             */
            timezone?: string;
            /** @description The user's workdays (`preferences.workdays`), distinct ISO weekdays, 1 = Monday … 7 = Sunday. */
            workdays?: number[];
        };
        /**
         * @description A one-time enrollment code.
         * @example {
         *       "enrollment_code": "ABCD-EFGH-JKLM",
         *       "expires_at": "2026-12-07T09:10:00Z"
         *     }
         */
        EnrollmentCode: {
            /** @description Hand this to the user; single-use. */
            enrollment_code: string;
            /** Format: date-time */
            expires_at: string;
        };
        /** @description A new user and their first enrollment code. */
        UserCreated: {
            user: components["schemas"]["User"];
            /** @description Hand this to the user; single-use, valid for 14 days. */
            enrollment_code: string;
            /** Format: date-time */
            enrollment_code_expires_at: string;
        };
        /** @description One page of users. */
        UserList: {
            items: components["schemas"]["User"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description A user created from the CSV (in a dry run, one that would be created). */
        ImportCreated: {
            /** @description The line number; the header is line 1. */
            line: number;
            /** Format: email */
            email: string;
            /** @description The user's first enrollment code; null in a dry run. */
            enrollment_code: string | null;
        };
        /** @description A CSV line that was not imported. */
        ImportError: {
            /** @description The line number; the header is line 1. */
            line: number;
            message: string;
        };
        /**
         * @description The outcome of a CSV import, or of its dry run.
         * @example {
         *       "dry_run": false,
         *       "created": [
         *         {
         *           "line": 2,
         *           "email": "sanne@example.com",
         *           "enrollment_code": "ABCD-EFGH-JKLM"
         *         }
         *       ],
         *       "errors": [
         *         {
         *           "line": 3,
         *           "message": "role: must be employee, lead or admin"
         *         }
         *       ],
         *       "teams_created": [
         *         {
         *           "id": "B1C",
         *           "name": "Store Utrecht",
         *           "channel": "store"
         *         }
         *       ]
         *     }
         */
        ImportResult: {
            /** @description True when nothing was written (`?dry_run=true`). */
            dry_run: boolean;
            created: components["schemas"]["ImportCreated"][];
            errors: components["schemas"]["ImportError"][];
            /** @description The teams created for lines (`?create_teams=true`), in the order lines named them. */
            teams_created: components["schemas"]["ImportTeam"][];
        };
        /** @description A team an import created (in a dry run, would create). */
        ImportTeam: {
            /** @description The new team's id; null in a dry run. */
            id: string | null;
            name: string;
            /** @description The channel the team was created with (the `channel` column of its first line); null for none. */
            channel: components["schemas"]["Channel"] | null;
        };
        /**
         * @description What happened with an assignment; `blocked` means it could not be done because of a barrier.
         * @enum {string}
         */
        Result: "done" | "skipped" | "blocked";
        /**
         * @description How the customer reacted to a done gesture.
         * @enum {string}
         */
        Reaction: "delighted" | "positive" | "neutral" | "negative";
        /** @description The value a gesture belongs to, in the caller's locale. */
        AssignedValue: {
            id: string;
            name: string;
            /** @description What the value means in this org. */
            description: string;
        };
        /** @description The gesture of an assignment; texts are in the caller's locale. */
        AssignedGesture: {
            id: string;
            title: string;
            /** @description How to do it, in a sentence or two. */
            how_to: string;
            /** @description The gesture's own points for `done`, before any challenge bonus or story points. */
            points: number;
            value: components["schemas"]["AssignedValue"];
        };
        /**
         * @description A challenge, by id and name.
         * @example {
         *       "id": "01JEB5H6J7K8M9N0P1Q2R3S4T5",
         *       "name": "Winter warmth"
         *     }
         */
        ChallengeRef: {
            id: string;
            name: string;
        };
        /**
         * @description The barrier that stopped a gesture.
         * @example {
         *       "category": "stock",
         *       "text": "The umbrellas we lend out were all gone."
         *     }
         */
        OutcomeBarrier: {
            category: components["schemas"]["BarrierCategory"];
            /** @description What stood in the way. */
            text: string;
        };
        /**
         * @description What happened with an assignment.
         * @example {
         *       "result": "done",
         *       "reaction": "delighted",
         *       "story": "An older man was struggling with the door in the rain; I walked him to his car with our umbrella.",
         *       "share": true,
         *       "occurred_at": "2026-11-23T09:41:00Z"
         *     }
         */
        Outcome: {
            result: components["schemas"]["Result"];
            /** @description How the customer reacted; only with `done`. */
            reaction?: components["schemas"]["Reaction"];
            /** @description What happened, in the caller's words; only with `done`. A blank story counts as none. */
            story?: string;
            /** @description Share the story with colleagues (show and tell); only matters with a story. Absent means `false`. */
            share?: boolean;
            /** @description What stood in the way; required with `blocked`, and only then. `category` is one of the org's `barrier_categories`. */
            barrier?: components["schemas"]["OutcomeBarrier"];
            /**
             * Format: date-time
             * @description When it happened; defaults to now. At most 5 minutes in the future and not before the assignment's local day.
             */
            occurred_at?: string;
            /**
             * @description A customer comment the shared story quotes (its `id` in
             *     `GET /v1/me/assignments/{assignment_id}/customer-comments`); only with a shared story.
             */
            customer_quote_id?: string;
        };
        /**
         * @description The outcome recorded for an assignment.
         * @example {
         *       "result": "done",
         *       "reaction": "delighted",
         *       "story": "An older man was struggling with the door in the rain; I walked him to his car with our umbrella.",
         *       "shared": true,
         *       "barrier": null,
         *       "occurred_at": "2026-11-23T09:41:00Z",
         *       "recorded_at": "2026-11-23T09:42:10Z",
         *       "points": 15
         *     }
         */
        OutcomeRecord: {
            result: components["schemas"]["Result"];
            /** @description How the customer reacted; null when not given. */
            reaction: components["schemas"]["Reaction"] | null;
            /** @description The story; null when none was written. */
            story: string | null;
            /** @description Whether the story was shared with colleagues. */
            shared: boolean;
            /** @description The barrier reported with `blocked`; null otherwise. */
            barrier: components["schemas"]["OutcomeBarrier"] | null;
            /** Format: date-time */
            occurred_at: string;
            /** Format: date-time */
            recorded_at: string;
            /** @description Points the outcome earned when it was recorded; kudos received later are not included. */
            points: number;
        };
        /**
         * @description The one gesture a user is given for one local day.
         * @example {
         *       "id": "20261123-01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "date": "2026-11-23",
         *       "status": "open",
         *       "gesture": {
         *         "id": "01JD4G2K7M9P1R3T5V7X9Z1B3D",
         *         "title": "Hold the door",
         *         "how_to": "When a customer leaves with full hands, open the door for them and wish them a good day.",
         *         "points": 10,
         *         "value": {
         *           "id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *           "name": "Warm welcome",
         *           "description": "Every customer feels expected, from the door to the till."
         *         }
         *       },
         *       "challenge": {
         *         "id": "01JEB5H6J7K8M9N0P1Q2R3S4T5",
         *         "name": "Winter warmth"
         *       },
         *       "points_if_done": 15,
         *       "swaps_left": 2,
         *       "outcome": null
         *     }
         */
        Assignment: {
            id: string;
            /** @description The user's local day this assignment is for. */
            date: components["schemas"]["LocalDate"];
            /**
             * @description `open` until an outcome is recorded, then the outcome's result (`done`, `skipped`,
             *     `blocked`). `paused` when the day falls inside the user's pause and nothing has been
             *     recorded: nothing is due and the streak is not touched.
             * @enum {string}
             */
            status: "open" | "done" | "skipped" | "blocked" | "paused";
            gesture: components["schemas"]["AssignedGesture"];
            /** @description The challenge the gesture was given for (its bonus applies); null when none. */
            challenge: components["schemas"]["ChallengeRef"] | null;
            /**
             * @description The points `done` earns: the gesture's `points` and the bonus of the challenge it was
             *     given for. Sharing a story adds the org's story points on top; an outcome already
             *     recorded shows its own `points`.
             */
            points_if_done: number;
            /** @description Swaps still allowed for this assignment; 0 once an outcome is recorded or the day is over. */
            swaps_left: number;
            /** @description The recorded outcome; null while none is. */
            outcome: components["schemas"]["OutcomeRecord"] | null;
        };
        /**
         * @description The gesture a swap is to take; absent `gesture_id` picks blind.
         * @example {
         *       "gesture_id": "01JD4G2K7M9P1R3T5V7X9Z1B3D"
         *     }
         */
        SwapChoice: {
            /** @description One of the alternatives `GET /v1/me/assignments/{assignment_id}/alternatives` answers. */
            gesture_id?: string;
        };
        /** @description A gesture a swap offers, with the value it is tied to; texts are in the caller's locale. */
        Alternative: {
            gesture: components["schemas"]["AssignedGesture"];
            /** @description The challenge the gesture would count for (its bonus applies); null when none. */
            challenge: components["schemas"]["ChallengeRef"] | null;
            /** @description The points `done` would earn, the challenge's bonus included (a shared story adds the org's story points). */
            points_if_done: number;
        };
        /**
         * @description The gestures a swap of an assignment offers, best first.
         * @example {
         *       "assignment_id": "20261123-01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "swaps_left": 2,
         *       "items": [
         *         {
         *           "gesture": {
         *             "id": "01JD4G2K7M9P1R3T5V7X9Z1B3D",
         *             "title": "Hold the door",
         *             "how_to": "When a customer leaves with full hands, open the door for them and wish them a good day.",
         *             "points": 10,
         *             "value": {
         *               "id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *               "name": "Warm welcome",
         *               "description": "Every customer feels expected, from the door to the till."
         *             }
         *           },
         *           "challenge": {
         *             "id": "01JEB5H6J7K8M9N0P1Q2R3S4T5",
         *             "name": "Winter warmth"
         *           },
         *           "points_if_done": 15
         *         },
         *         {
         *           "gesture": {
         *             "id": "01JD4G3M8N0Q2S4T6W8Y0A2C4E",
         *             "title": "Call back as promised",
         *             "how_to": "When you promise a customer a call back, call at the time you said, even with no news yet.",
         *             "points": 10,
         *             "value": {
         *               "id": "01JD4F1B3D5F7H9K1M3P5R7T9V",
         *               "name": "Reliable",
         *               "description": "We do what we say."
         *             }
         *           },
         *           "challenge": null,
         *           "points_if_done": 10
         *         }
         *       ]
         *     }
         */
        AlternativeList: {
            assignment_id: string;
            /** @description Swaps still allowed today; choosing one uses one. */
            swaps_left: number;
            items: components["schemas"]["Alternative"][];
        };
        /** @description One page of assignments, newest first. */
        AssignmentList: {
            items: components["schemas"]["Assignment"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description The answer to a recorded outcome.
         * @example {
         *       "assignment": {
         *         "id": "20261123-01JD3QA1B2C3D4E5F6G7H8J9K0",
         *         "date": "2026-11-23",
         *         "status": "done",
         *         "gesture": {
         *           "id": "01JD4G2K7M9P1R3T5V7X9Z1B3D",
         *           "title": "Hold the door",
         *           "how_to": "When a customer leaves with full hands, open the door for them and wish them a good day.",
         *           "points": 10,
         *           "value": {
         *             "id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *             "name": "Warm welcome",
         *             "description": "Every customer feels expected, from the door to the till."
         *           }
         *         },
         *         "challenge": null,
         *         "points_if_done": 10,
         *         "swaps_left": 0,
         *         "outcome": {
         *           "result": "done",
         *           "reaction": "delighted",
         *           "story": "An older man was struggling with the door in the rain; I walked him to his car with our umbrella.",
         *           "shared": true,
         *           "barrier": null,
         *           "occurred_at": "2026-11-23T09:41:00Z",
         *           "recorded_at": "2026-11-23T09:42:10Z",
         *           "points": 15
         *         }
         *       },
         *       "points_awarded": 15,
         *       "stats": {
         *         "points": {
         *           "week": 50,
         *           "month": 135,
         *           "total": 875
         *         },
         *         "streak": {
         *           "current": 5,
         *           "best": 17,
         *           "freezes": 2
         *         },
         *         "done_total": 75
         *       },
         *       "badges_earned": [
         *         {
         *           "id": "streak_5",
         *           "name": "Five in a row",
         *           "earned_at": "2026-11-23T09:42:10Z"
         *         }
         *       ],
         *       "story_id": "01JFZ8P4R6T8V0X2Z4B6D8F0H2",
         *       "barrier_id": null
         *     }
         */
        OutcomeResult: {
            assignment: components["schemas"]["Assignment"];
            /** @description Points this outcome earned (the same as `assignment.outcome.points`). */
            points_awarded: number;
            stats: components["schemas"]["Stats"];
            /** @description Badges this outcome earned; usually none. */
            badges_earned: components["schemas"]["Badge"][];
            /** @description The shared story; null when no story was shared. */
            story_id: string | null;
            /** @description The barrier filed with `blocked`; null otherwise. */
            barrier_id: string | null;
        };
        /** @description A value's texts in one locale; an absent or empty text falls back to the base one. */
        ValueText: {
            name?: string;
            description?: string;
        };
        /**
         * @description A value's texts per locale.
         * @example {
         *       "en": {
         *         "name": "Warm welcome",
         *         "description": "Every customer feels expected, from the door to the till."
         *       }
         *     }
         */
        ValueTranslations: {
            en?: components["schemas"]["ValueText"];
            nl?: components["schemas"]["ValueText"];
            de?: components["schemas"]["ValueText"];
            fr?: components["schemas"]["ValueText"];
        };
        /**
         * @description A brand or core value of the org, and what it means here.
         * @example {
         *       "id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *       "name": "Hartelijk welkom",
         *       "description": "Iedere klant voelt zich verwacht, van de deur tot de kassa.",
         *       "active": true,
         *       "translations": {
         *         "en": {
         *           "name": "Warm welcome",
         *           "description": "Every customer feels expected, from the door to the till."
         *         }
         *       },
         *       "created_at": "2026-09-01T09:20:00Z"
         *     }
         */
        Value: {
            id: string;
            name: string;
            description: string;
            /** @description False once retired; a retired value takes no new gestures. */
            active: boolean;
            translations: components["schemas"]["ValueTranslations"];
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @example {
         *       "name": "Hartelijk welkom",
         *       "description": "Iedere klant voelt zich verwacht, van de deur tot de kassa.",
         *       "translations": {
         *         "en": {
         *           "name": "Warm welcome",
         *           "description": "Every customer feels expected, from the door to the till."
         *         }
         *       }
         *     }
         */
        ValueCreate: {
            name: string;
            /** @description What the value means in this org. */
            description?: string;
            translations?: components["schemas"]["ValueTranslations"];
        };
        /**
         * @description The fields to change; absent fields keep their value, `translations` replaces all translations.
         * @example {
         *       "description": "Iedere klant voelt zich welkom en verwacht."
         *     }
         */
        ValuePatch: {
            name?: string;
            description?: string;
            translations?: components["schemas"]["ValueTranslations"];
            /** @description False retires the value; true brings it back. */
            active?: boolean;
        };
        /** @description One page of values. */
        ValueList: {
            items: components["schemas"]["Value"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description A gesture's texts in one locale; an absent or empty text falls back to the base one. */
        GestureText: {
            title?: string;
            how_to?: string;
        };
        /**
         * @description A gesture's texts per locale.
         * @example {
         *       "en": {
         *         "title": "Hold the door",
         *         "how_to": "When a customer leaves with full hands, open the door for them and wish them a good day."
         *       }
         *     }
         */
        GestureTranslations: {
            en?: components["schemas"]["GestureText"];
            nl?: components["schemas"]["GestureText"];
            de?: components["schemas"]["GestureText"];
            fr?: components["schemas"]["GestureText"];
        };
        /**
         * @description Where a team meets its customers: `store` (a shop floor), `phone` (a call centre),
         *     `online` (chat, email) or `field` (at the customer's). A team with a channel is only given
         *     gestures without channels or with its own.
         * @enum {string}
         */
        Channel: "store" | "phone" | "online" | "field";
        /**
         * @description A gesture of the org's catalogue, as admins see it.
         * @example {
         *       "id": "01JD4G2K7M9P1R3T5V7X9Z1B3D",
         *       "title": "Houd de deur open",
         *       "how_to": "Loopt een klant met volle handen naar buiten, houd dan de deur open en wens een fijne dag.",
         *       "value_id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *       "points": 10,
         *       "roles": [],
         *       "team_ids": [],
         *       "channels": [
         *         "store"
         *       ],
         *       "active": true,
         *       "translations": {
         *         "en": {
         *           "title": "Hold the door",
         *           "how_to": "When a customer leaves with full hands, open the door for them and wish them a good day."
         *         }
         *       },
         *       "source": "pack",
         *       "created_at": "2026-09-01T09:21:00Z"
         *     }
         */
        Gesture: {
            id: string;
            title: string;
            how_to: string;
            value_id: string;
            /** @description Points for `done`, before any challenge bonus or story points. */
            points: number;
            /** @description The roles given this gesture; empty means every role. */
            roles: components["schemas"]["Role"][];
            /** @description The teams given this gesture; empty means every team. */
            team_ids: string[];
            /** @description The channels this gesture is for; empty means every channel. A team with another channel never gets it. */
            channels: components["schemas"]["Channel"][];
            /** @description False once retired; a retired gesture is no longer given. */
            active: boolean;
            translations: components["schemas"]["GestureTranslations"];
            /**
             * @description Where it came from; an admin, a content pack or an approved suggestion.
             * @enum {string}
             */
            source: "admin" | "pack" | "suggestion";
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @example {
         *       "title": "Houd de deur open",
         *       "how_to": "Loopt een klant met volle handen naar buiten, houd dan de deur open en wens een fijne dag.",
         *       "value_id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *       "points": 10,
         *       "roles": [
         *         "employee",
         *         "lead"
         *       ],
         *       "team_ids": [],
         *       "translations": {
         *         "en": {
         *           "title": "Hold the door",
         *           "how_to": "When a customer leaves with full hands, open the door for them and wish them a good day."
         *         }
         *       }
         *     }
         */
        GestureCreate: {
            title: string;
            how_to: string;
            /** @description An active value of the org. */
            value_id: string;
            /** @description Points for doing the gesture; absent means 10. */
            points?: number;
            /** @description The roles given this gesture; empty or absent means every role. */
            roles?: components["schemas"]["Role"][];
            /** @description Teams of the org given this gesture; empty or absent means every team. */
            team_ids?: string[];
            /** @description The channels this gesture is for (`store`, `phone`, `online`, `field`); empty or absent means every channel. */
            channels?: components["schemas"]["Channel"][];
            /** @description Whether the gesture can be assigned; absent means `true`. */
            active?: boolean;
            translations?: components["schemas"]["GestureTranslations"];
        };
        /**
         * @description The fields to change; absent fields keep their value, lists and `translations` are replaced whole.
         * @example {
         *       "points": 15,
         *       "team_ids": [
         *         "01JD3Q8Z5T7M2N4P6R8S0V2X4Z"
         *       ]
         *     }
         */
        GesturePatch: {
            title?: string;
            how_to?: string;
            /** @description An active value of the org. */
            value_id?: string;
            points?: number;
            /** @description The roles given this gesture; empty means every role. */
            roles?: components["schemas"]["Role"][];
            /** @description Teams of the org given this gesture; empty means every team. */
            team_ids?: string[];
            /** @description The channels this gesture is for; empty means every channel. */
            channels?: components["schemas"]["Channel"][];
            /** @description False retires the gesture; true brings it back. */
            active?: boolean;
            translations?: components["schemas"]["GestureTranslations"];
        };
        /** @description One page of gestures. */
        GestureList: {
            items: components["schemas"]["Gesture"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description A time-boxed campaign of gestures for some or all teams, with bonus points.
         * @example {
         *       "id": "01JEB5H6J7K8M9N0P1Q2R3S4T5",
         *       "name": "Winter warmth",
         *       "description": "Four weeks of small kindnesses for customers coming in from the cold.",
         *       "starts_on": "2026-12-01",
         *       "ends_on": "2026-12-28",
         *       "team_ids": [],
         *       "gesture_ids": [
         *         "01JD4G2K7M9P1R3T5V7X9Z1B3D"
         *       ],
         *       "bonus_points": 5,
         *       "created_at": "2026-11-20T14:00:00Z"
         *     }
         */
        Challenge: {
            id: string;
            name: string;
            description: string;
            /** @description The first local day of the challenge. */
            starts_on: components["schemas"]["LocalDate"];
            /** @description The last local day of the challenge. */
            ends_on: components["schemas"]["LocalDate"];
            /** @description The teams taking part; empty means every team. */
            team_ids: string[];
            /** @description The gestures of the challenge, preferred when assigning. */
            gesture_ids: string[];
            /** @description Extra points for a done gesture of the challenge. */
            bonus_points: number;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @example {
         *       "name": "Winter warmth",
         *       "description": "Four weeks of small kindnesses for customers coming in from the cold.",
         *       "starts_on": "2026-12-01",
         *       "ends_on": "2026-12-28",
         *       "gesture_ids": [
         *         "01JD4G2K7M9P1R3T5V7X9Z1B3D"
         *       ],
         *       "bonus_points": 5
         *     }
         */
        ChallengeCreate: {
            name: string;
            description?: string;
            /** @description The first local day. */
            starts_on: components["schemas"]["LocalDate"];
            /** @description The last local day; not before `starts_on` and at most 366 days after it. */
            ends_on: components["schemas"]["LocalDate"];
            /** @description Teams of the org taking part; empty or absent means every team. */
            team_ids?: string[];
            /** @description Gestures of the org. */
            gesture_ids: string[];
            /** @description Points added to a done gesture of the challenge; absent means 0. */
            bonus_points?: number;
        };
        /**
         * @description The fields to change; absent fields keep their value, lists are replaced whole.
         * @example {
         *       "ends_on": "2027-01-04"
         *     }
         */
        ChallengePatch: {
            name?: string;
            description?: string;
            starts_on?: components["schemas"]["LocalDate"];
            /** @description Not before `starts_on` and at most 366 days after it. */
            ends_on?: components["schemas"]["LocalDate"];
            /** @description Teams of the org taking part; empty means every team. */
            team_ids?: string[];
            /** @description Gestures of the org. */
            gesture_ids?: string[];
            bonus_points?: number;
        };
        /**
         * @description A challenge as a participant sees it, with their progress.
         * @example {
         *       "id": "01JEB5H6J7K8M9N0P1Q2R3S4T5",
         *       "name": "Week of the regulars",
         *       "description": "Greet the regulars by name this week.",
         *       "starts_on": "2026-12-01",
         *       "ends_on": "2026-12-07",
         *       "bonus_points": 5,
         *       "state": "running",
         *       "my_points": 30,
         *       "my_rank": 2
         *     }
         */
        MyChallenge: {
            id: string;
            name: string;
            description: string;
            /** @description The first local day of the challenge. */
            starts_on: components["schemas"]["LocalDate"];
            /** @description The last local day of the challenge. */
            ends_on: components["schemas"]["LocalDate"];
            /** @description Extra points for a done gesture of the challenge, on top of its own. */
            bonus_points: number;
            /**
             * @description Whether the challenge is still to come, runs or has ended on the caller's local day.
             * @enum {string}
             */
            state: "upcoming" | "running" | "ended";
            /** @description Points the caller earned with the challenge's gestures, bonus included. */
            my_points: number;
            /** @description The caller's place on the challenge's board; null before they earned points with it. */
            my_rank: number | null;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "01JEB5H6J7K8M9N0P1Q2R3S4T5",
         *           "name": "Week of the regulars",
         *           "description": "Greet the regulars by name this week.",
         *           "starts_on": "2026-12-01",
         *           "ends_on": "2026-12-07",
         *           "bonus_points": 5,
         *           "state": "running",
         *           "my_points": 0,
         *           "my_rank": null
         *         }
         *       ]
         *     }
         */
        MyChallengeList: {
            items: components["schemas"]["MyChallenge"][];
        };
        /** @description One page of challenges. */
        ChallengeList: {
            items: components["schemas"]["Challenge"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description One exported outcome: a line of `GET /v1/admin/export/outcomes?format=jsonl`, and the columns
         *     of its CSV, in this order.
         * @example {
         *       "date": "2026-11-23",
         *       "user_id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *       "user_name": "Sanne de Vries",
         *       "team_id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *       "team_name": "Store Utrecht",
         *       "gesture_id": "01JD4G2K7M9P1R3T5V7X9Z1B3D",
         *       "gesture_title": "Hold the door",
         *       "value_id": "01JD4F0A2C4E6G8J0K2M4P6R8T",
         *       "value_name": "Warm welcome",
         *       "result": "done",
         *       "reaction": "delighted",
         *       "points": 15,
         *       "story_shared": true,
         *       "occurred_at": "2026-11-23T09:41:00Z",
         *       "recorded_at": "2026-11-23T09:42:10Z"
         *     }
         */
        ExportRow: {
            /** @description The user's local day of the assignment. */
            date: components["schemas"]["LocalDate"];
            user_id: string;
            user_name: string;
            /** @description The user's team when the outcome was recorded; null when they had none. */
            team_id: string | null;
            team_name: string | null;
            gesture_id: string;
            gesture_title: string;
            value_id: string;
            value_name: string;
            result: components["schemas"]["Result"];
            /** @description Null when none was given. */
            reaction: components["schemas"]["Reaction"] | null;
            /** @description Points the outcome earned when it was recorded. */
            points: number;
            story_shared: boolean;
            /** Format: date-time */
            occurred_at: string;
            /** Format: date-time */
            recorded_at: string;
        };
        /**
         * @description A display link to make; without `team_id` it is the whole org's.
         * @example {
         *       "team_id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z"
         *     }
         */
        DisplayCreate: {
            team_id?: string;
        };
        /**
         * @description A break-room display link, without its secret.
         * @example {
         *       "id": "01JFZB3C5E7G9J1K3M5P7R9T1V",
         *       "team": {
         *         "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *         "name": "Store Utrecht"
         *       },
         *       "created_by": {
         *         "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *         "name": "Sanne de Vries"
         *       },
         *       "created_at": "2026-11-23T09:00:00Z"
         *     }
         */
        Display: {
            id: string;
            /** @description The team it shows; null for the whole org. */
            team: components["schemas"]["TeamRef"] | null;
            created_by: components["schemas"]["UserRef"];
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @description A new display link, with the link itself (shown only now).
         * @example {
         *       "id": "01JFZB3C5E7G9J1K3M5P7R9T1V",
         *       "team": {
         *         "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *         "name": "Store Utrecht"
         *       },
         *       "created_by": {
         *         "id": "01JD3QA1B2C3D4E5F6G7H8J9K0",
         *         "name": "Sanne de Vries"
         *       },
         *       "created_at": "2026-11-23T09:00:00Z",
         *       "url": "https://microact.example/tv/#mxd.acme.q1XyZ0aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3yZ"
         *     }
         */
        DisplayCreated: components["schemas"]["Display"] & {
            /**
             * Format: uri
             * @description Opens the screen; the fragment is the display token.
             */
            url: string;
        };
        /** @description The display links the caller may manage, oldest first. */
        DisplayList: {
            items: components["schemas"]["Display"][];
            /** @description Always null (an org has at most 50 links). */
            next_cursor: null;
        };
        /** @description One place on a screen's board, a person's or a team's. */
        DisplayRanking: {
            rank: number;
            /** @description The display name; null for a person who does not show on leaderboards. */
            name: string | null;
            /** @description `lead` for a lead; null for everyone else. */
            role: components["schemas"]["ShownRole"] | null;
            points: number;
            /** @description A team's points per active member (one decimal); null for a person. */
            score: number | null;
        };
        /** @description A shared story as a screen shows it. */
        DisplayStory: {
            id: string;
            text: string;
            /** @description The author's display name; null for an author who does not show on leaderboards. */
            author_name: string | null;
            /** @description `lead` for a lead; null for everyone else. */
            author_role: components["schemas"]["ShownRole"] | null;
            /** @description The team the author shared it in; null when they had none. */
            team_name: string | null;
            gesture_title: string;
            value_name: string;
            kudos: number;
            spotlight: boolean;
            /** @description The customer comment the author quoted; null for none. */
            customer_quote: components["schemas"]["CustomerQuote"] | null;
            /** Format: date-time */
            created_at: string;
        };
        /** @description The challenge a screen shows. */
        DisplayChallenge: {
            id: string;
            name: string;
            description: string;
            starts_on: components["schemas"]["LocalDate"];
            ends_on: components["schemas"]["LocalDate"];
            bonus_points: number;
        };
        /**
         * @description What a break-room screen shows.
         * @example {
         *       "org_name": "Acme Retail",
         *       "team": {
         *         "id": "01JD3Q8Z5T7M2N4P6R8S0V2X4Z",
         *         "name": "Store Utrecht"
         *       },
         *       "board_kind": "members",
         *       "period": {
         *         "kind": "week",
         *         "starts_at": "2026-11-22T23:00:00Z",
         *         "ends_at": "2026-11-29T23:00:00Z"
         *       },
         *       "board": [
         *         {
         *           "rank": 1,
         *           "name": "Sanne de Vries",
         *           "role": "lead",
         *           "points": 42,
         *           "score": null
         *         },
         *         {
         *           "rank": 2,
         *           "name": null,
         *           "role": null,
         *           "points": 30,
         *           "score": null
         *         }
         *       ],
         *       "stories": [
         *         {
         *           "id": "01JFZ8P4R6T8V0X2Z4B6D8F0H2",
         *           "text": "An older man was struggling with the door in the rain; I walked him to his car with our umbrella.",
         *           "author_name": "Sanne de Vries",
         *           "author_role": "lead",
         *           "team_name": "Store Utrecht",
         *           "gesture_title": "Hold the door",
         *           "value_name": "Warm welcome",
         *           "kudos": 4,
         *           "spotlight": true,
         *           "customer_quote": {
         *             "score": 10,
         *             "comment": "The young man walked me to my car in the rain. Who does that these days?",
         *             "created_at": "2026-11-23T10:05:00Z"
         *           },
         *           "created_at": "2026-11-23T09:42:10Z"
         *         }
         *       ],
         *       "spotlight": {
         *         "id": "01JFZ8P4R6T8V0X2Z4B6D8F0H2",
         *         "text": "An older man was struggling with the door in the rain; I walked him to his car with our umbrella.",
         *         "author_name": "Sanne de Vries",
         *         "author_role": "lead",
         *         "team_name": "Store Utrecht",
         *         "gesture_title": "Hold the door",
         *         "value_name": "Warm welcome",
         *         "kudos": 4,
         *         "spotlight": true,
         *         "customer_quote": {
         *           "score": 10,
         *           "comment": "The young man walked me to my car in the rain. Who does that these days?",
         *           "created_at": "2026-11-23T10:05:00Z"
         *         },
         *         "created_at": "2026-11-23T09:42:10Z"
         *       },
         *       "challenge": {
         *         "id": "01JEB5H6J7K8M9N0P1Q2R3S4T5",
         *         "name": "Winter warmth",
         *         "description": "Four weeks of small kindnesses for customers coming in from the cold.",
         *         "starts_on": "2026-12-01",
         *         "ends_on": "2026-12-28",
         *         "bonus_points": 5
         *       }
         *     }
         */
        DisplayScreen: {
            org_name: string;
            /** @description The display's team; null for the whole org's display. */
            team: components["schemas"]["TeamRef"] | null;
            /**
             * @description `members` ranks the team's people, `teams` the org's teams.
             * @enum {string}
             */
            board_kind: "members" | "teams";
            period: components["schemas"]["BoardPeriod"];
            /** @description This week's top 10. */
            board: components["schemas"]["DisplayRanking"][];
            /** @description The latest shared stories (up to 10), newest first. */
            stories: components["schemas"]["DisplayStory"][];
            /** @description The newest spotlighted story among them; null when none is. */
            spotlight: components["schemas"]["DisplayStory"] | null;
            /** @description A challenge running today for the team (or for every team); null when none is. */
            challenge: components["schemas"]["DisplayChallenge"] | null;
        };
        /**
         * @description A health answer.
         * @example {
         *       "status": "ok"
         *     }
         */
        Health: {
            /** @enum {string} */
            status: "ok";
        };
    };
    responses: {
        /** @description The request cannot be read (`malformed`) or has an unknown field (`unknown_field`). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Bad Request",
                 *       "status": 400,
                 *       "detail": "The request body has a field that is not allowed.",
                 *       "code": "unknown_field",
                 *       "errors": [
                 *         {
                 *           "field": "nickname",
                 *           "message": "unknown field"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description No, bad, expired or revoked credentials, or a token whose user no longer exists
         *     (`unauthorized`, `token_expired`), or on `/v1/auth/*` a
         *     bad enrollment code (`invalid_code`), an unknown or revoked refresh token (`invalid_token`) or a
         *     reused refresh token (`refresh_reused`).
         */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Unauthorized",
                 *       "status": 401,
                 *       "detail": "The access token has expired.",
                 *       "code": "token_expired"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Authenticated, but not allowed (`forbidden`), kudos on one's own story (`own_story`) or a
         *     review of one's own suggestion (`own_suggestion`).
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Forbidden",
                 *       "status": 403,
                 *       "detail": "This requires role admin.",
                 *       "code": "forbidden"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such object in the caller's org (`not_found`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Not Found",
                 *       "status": 404,
                 *       "detail": "The team was not found.",
                 *       "code": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Conflicts with the current state: `email_taken`, `team_name_taken`, `team_not_empty`,
         *     `last_admin`, `user_inactive`, `no_gestures`, `no_swaps_left`, `already_recorded`,
         *     `value_in_use`, `invalid_transition`, `already_reviewed`, `concurrent_update`,
         *     `barrier_resolved`, `feedback_link_revoked`, `idempotency_in_progress` or `conflict`.
         */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Conflict",
                 *       "status": 409,
                 *       "detail": "Another user of this org has this email address.",
                 *       "code": "email_taken",
                 *       "errors": [
                 *         {
                 *           "field": "email",
                 *           "message": "already taken"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is over 64 KiB (`body_too_large`). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Content Too Large",
                 *       "status": 413,
                 *       "detail": "The request body is over 64 KiB.",
                 *       "code": "body_too_large"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Well-formed but invalid (`invalid`), too late for the assignment's day (`too_late`), or an
         *     `Idempotency-Key` reused with another body (`idempotency_key_reused`).
         */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Unprocessable Content",
                 *       "status": 422,
                 *       "detail": "The request is not valid.",
                 *       "code": "invalid",
                 *       "errors": [
                 *         {
                 *           "field": "preferences.reminder_time",
                 *           "message": "must be a time of day such as 08:30"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limited (`rate_limited`); retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Too Many Requests",
                 *       "status": 429,
                 *       "detail": "Too many requests; try again later.",
                 *       "code": "rate_limited"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A dependency is unavailable (`unavailable`); retry after `Retry-After` seconds. */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "about:blank",
                 *       "title": "Service Unavailable",
                 *       "status": 503,
                 *       "detail": "The service is temporarily unavailable; try again shortly.",
                 *       "code": "unavailable"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description Must be `1`. A cross-site form or link cannot set a header, so a call that has it was made
         *     by the console's own script; without it the call is 403 `forbidden`.
         * @example 1
         */
        ConsoleHeader: "1";
        /** @description The console's refresh token, set by `/console/auth/enroll` and `/console/auth/refresh`; the browser sends it. */
        ConsoleCookie: string;
        /**
         * @description The story's id.
         * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
         */
        StoryId: string;
        /**
         * @description The barrier's id.
         * @example 01JFZ9B2D4F6H8K0M2P4R6T8V0
         */
        BarrierId: string;
        /**
         * @description The suggestion's id.
         * @example 01JG0C3E5G7J9K1N3Q5S7V9W1Y
         */
        SuggestionId: string;
        /** @description The app's id for this installation. */
        DeviceId: string;
        /** @description The period of the board; weeks and months follow the org's time zone and `week_starts_on`. */
        Period: "week" | "month" | "all";
        /** @description How many entries. */
        BoardLimit: number;
        /** @description `me` answers the window of `limit` entries centred on the caller instead of the top. */
        Around: "me";
        /** @description Page size. */
        Limit: number;
        /** @description The `next_cursor` of the previous page; omit for the first page. */
        Cursor: string;
        /**
         * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
         *     and body within 24 hours returns the first response, even when the server that did the
         *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
         *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
         *     and swaps keep their key in the same step as their work instead: a repeat is never
         *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
         *     that failed is not replayed but judged again. A key is compared with the earlier requests
         *     of its own kind only (outcomes and swaps; the other operations).
         * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
         */
        IdempotencyKey: string;
        /**
         * @description A team's feedback link token (the org's slug, a dot, 22 random characters).
         * @example acme.Q2x8N0p4ZkVvTmJ1cWZyWg
         */
        FeedbackToken: string;
        /**
         * @description The team's id.
         * @example B1C
         */
        TeamId: string;
        /**
         * @description The user's id.
         * @example 01JD3QA1B2C3D4E5F6G7H8J9K0
         */
        UserId: string;
        /**
         * @description The assignment's id.
         * @example 20261123-01JD3QA1B2C3D4E5F6G7H8J9K0
         */
        AssignmentId: string;
        /**
         * @description The value's id.
         * @example A3
         */
        ValueId: string;
        /**
         * @description The gesture's id.
         * @example B2F
         */
        GestureId: string;
        /**
         * @description The challenge's id.
         * @example B3K
         */
        ChallengeId: string;
        /**
         * @description The display's id.
         * @example 01JFZB3C5E7G9J1K3M5P7R9T1V
         */
        DisplayId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description `mx_console=<refresh token>; Path=/console/auth; Max-Age=5184000; HttpOnly; Secure; SameSite=Strict`
         *     on a new session; `mx_console=; Path=/console/auth; Max-Age=0; …` when the session ends or the
         *     cookie was refused. `Secure` is left out when the server runs with `MICROACT_ENV=dev` and the
         *     request names localhost or a loopback address, so the console works on http://localhost.
         * @example mx_console=acme.q1Xy…; Path=/console/auth; Max-Age=5184000; HttpOnly; Secure; SameSite=Strict
         */
        "Console-Set-Cookie": string;
        /**
         * @description `true` when this answer is the stored answer to an earlier request with the same
         *     `Idempotency-Key` and body, sent again instead of doing the work twice; absent on the
         *     first answer. Outcomes and swaps send it on a successful repeat only; the other operations
         *     also on a repeated 4xx answer (the first answer is kept unless it was a 5xx).
         * @example true
         */
        "Idempotent-Replayed": "true";
        /**
         * @description Seconds to wait before retrying.
         * @example 30
         */
        "Retry-After": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    enroll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnrollRequest"];
            };
        };
        responses: {
            /** @description Enrolled; a new session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description The rotated session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogoutRequest"];
            };
        };
        responses: {
            /** @description Logged out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    consoleEnroll: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Must be `1`. A cross-site form or link cannot set a header, so a call that has it was made
                 *     by the console's own script; without it the call is 403 `forbidden`.
                 * @example 1
                 */
                "X-Microact-Console": components["parameters"]["ConsoleHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsoleEnrollRequest"];
            };
        };
        responses: {
            /** @description Signed in; the refresh token is in the `mx_console` cookie. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["Console-Set-Cookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    consoleRefresh: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Must be `1`. A cross-site form or link cannot set a header, so a call that has it was made
                 *     by the console's own script; without it the call is 403 `forbidden`.
                 * @example 1
                 */
                "X-Microact-Console": components["parameters"]["ConsoleHeader"];
            };
            path?: never;
            cookie?: {
                /** @description The console's refresh token, set by `/console/auth/enroll` and `/console/auth/refresh`; the browser sends it. */
                mx_console?: components["parameters"]["ConsoleCookie"];
            };
        };
        requestBody?: never;
        responses: {
            /** @description The renewed session; the cookie holds the rotated refresh token. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["Console-Set-Cookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    consoleLogout: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Must be `1`. A cross-site form or link cannot set a header, so a call that has it was made
                 *     by the console's own script; without it the call is 403 `forbidden`.
                 * @example 1
                 */
                "X-Microact-Console": components["parameters"]["ConsoleHeader"];
            };
            path?: never;
            cookie?: {
                /** @description The console's refresh token, set by `/console/auth/enroll` and `/console/auth/refresh`; the browser sends it. */
                mx_console?: components["parameters"]["ConsoleCookie"];
            };
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the cookie is cleared. */
            204: {
                headers: {
                    "Set-Cookie": components["headers"]["Console-Set-Cookie"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getJWKS: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The JSON Web Key Set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JWKS"];
                };
            };
            503: components["responses"]["Unavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MePatch"];
            };
        };
        responses: {
            /** @description The caller after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getToday: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Today's assignment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assignment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    swapAssignment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The assignment's id.
                 * @example 20261123-01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                assignment_id: components["parameters"]["AssignmentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SwapChoice"];
            };
        };
        responses: {
            /** @description The assignment with its new gesture. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assignment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listCustomerComments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The assignment's id.
                 * @example 20261123-01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                assignment_id: components["parameters"]["AssignmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quotable comments, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerCommentList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getAlternatives: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The assignment's id.
                 * @example 20261123-01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                assignment_id: components["parameters"]["AssignmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alternatives. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlternativeList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    recordOutcome: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The assignment's id.
                 * @example 20261123-01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                assignment_id: components["parameters"]["AssignmentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Outcome"];
            };
        };
        responses: {
            /** @description Recorded; the points, statistics and badges it brought. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutcomeResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getHistory: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of assignments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's data. */
            200: {
                headers: {
                    /** @description `attachment; filename="microact-<user id>.json"`, so a browser saves it. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeExport"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeamLeaderboard: {
        parameters: {
            query?: {
                /** @description The period of the board; weeks and months follow the org's time zone and `week_starts_on`. */
                period?: components["parameters"]["Period"];
                /** @description How many entries. */
                limit?: components["parameters"]["BoardLimit"];
                /** @description `me` answers the window of `limit` entries centred on the caller instead of the top. */
                around?: components["parameters"]["Around"];
            };
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The board. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Leaderboard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeamsLeaderboard: {
        parameters: {
            query?: {
                /** @description The period of the board; weeks and months follow the org's time zone and `week_starts_on`. */
                period?: components["parameters"]["Period"];
                /** @description How many entries. */
                limit?: components["parameters"]["BoardLimit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The board of teams. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamsLeaderboard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getChallengeLeaderboard: {
        parameters: {
            query?: {
                /** @description How many entries. */
                limit?: components["parameters"]["BoardLimit"];
                /** @description `me` answers the window of `limit` entries centred on the caller instead of the top. */
                around?: components["parameters"]["Around"];
            };
            header?: never;
            path: {
                /**
                 * @description The challenge's id.
                 * @example B3K
                 */
                challenge_id: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The board. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Leaderboard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listMyChallenges: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's challenges. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyChallengeList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMyChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The challenge's id.
                 * @example B3K
                 */
                challenge_id: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The challenge and the caller's progress. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyChallenge"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listVisibleTeams: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of teams. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamSummaryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeamDashboard: {
        parameters: {
            query?: {
                /**
                 * @description The current week (default) or month, or the one before it: `last_week` is the org week
                 *     before this one, `last_month` the calendar month before this one (both in the org's time
                 *     zone and `week_starts_on`). The answer's `period.kind` is `week` or `month`, with the
                 *     bounds of the period shown. A period's counters are kept for 62 days after it ends.
                 */
                period?: "week" | "month" | "last_week" | "last_month";
            };
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getFeedbackLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateFeedbackLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new link. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    revokeFeedbackLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    putDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The app's id for this installation. */
                device_id: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeviceRegistration"];
            };
        };
        responses: {
            /** @description Registered. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The app's id for this installation. */
                device_id: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Forgotten. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the inbox. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    markNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkRead"];
            };
        };
        responses: {
            /** @description Marked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    sendTestNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The user's id.
                 * @example 01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued for delivery; it is in the inbox already. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationRef"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listStories: {
        parameters: {
            query?: {
                /** @description `team`: the stories of the caller's team; `org`: all stories of the org. */
                scope?: "team" | "org";
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of stories, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The story's id.
                 * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
                 */
                story_id: components["parameters"]["StoryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The story. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Story"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteStory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The story's id.
                 * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
                 */
                story_id: components["parameters"]["StoryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted (or already deleted). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    giveKudos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The story's id.
                 * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
                 */
                story_id: components["parameters"]["StoryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The story has the caller's kudos. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    revokeKudos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The story's id.
                 * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
                 */
                story_id: components["parameters"]["StoryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The story does not have the caller's kudos. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    spotlightStory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The story's id.
                 * @example 01JFZ8P4R6T8V0X2Z4B6D8F0H2
                 */
                story_id: components["parameters"]["StoryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The story is in the spotlight. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listBarriers: {
        parameters: {
            query?: {
                /** @description Only barriers with this status; absent means all. */
                status?: "open" | "acknowledged" | "resolved";
                /** @description Only the barriers of this team. */
                team_id?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of barriers, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BarrierList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    reportBarrier: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BarrierReport"];
            };
        };
        responses: {
            /** @description The new barrier. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Barrier"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getBarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The barrier's id.
                 * @example 01JFZ9B2D4F6H8K0M2P4R6T8V0
                 */
                barrier_id: components["parameters"]["BarrierId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The barrier. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Barrier"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateBarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The barrier's id.
                 * @example 01JFZ9B2D4F6H8K0M2P4R6T8V0
                 */
                barrier_id: components["parameters"]["BarrierId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BarrierUpdate"];
            };
        };
        responses: {
            /** @description The barrier after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Barrier"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    meTooBarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The barrier's id.
                 * @example 01JFZ9B2D4F6H8K0M2P4R6T8V0
                 */
                barrier_id: components["parameters"]["BarrierId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The barrier with the caller added (`me_too_by_me` is true). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Barrier"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    mergeBarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The barrier's id.
                 * @example 01JFZ9B2D4F6H8K0M2P4R6T8V0
                 */
                barrier_id: components["parameters"]["BarrierId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BarrierMerge"];
            };
        };
        responses: {
            /** @description The barrier kept (`into`), with the people who joined it counted in `me_too_count`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Barrier"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listSuggestions: {
        parameters: {
            query?: {
                /** @description Only suggestions with this status; absent means `pending` for leads and admins, all for employees. */
                status?: "pending" | "approved" | "rejected";
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of suggestions, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuggestionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    createSuggestion: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuggestionCreate"];
            };
        };
        responses: {
            /** @description The new suggestion, `pending`. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    approveSuggestion: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The suggestion's id.
                 * @example 01JG0C3E5G7J9K1N3Q5S7V9W1Y
                 */
                suggestion_id: components["parameters"]["SuggestionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SuggestionReview"];
            };
        };
        responses: {
            /** @description The suggestion, `approved`, with its gesture. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    rejectSuggestion: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The suggestion's id.
                 * @example 01JG0C3E5G7J9K1N3Q5S7V9W1Y
                 */
                suggestion_id: components["parameters"]["SuggestionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SuggestionReview"];
            };
        };
        responses: {
            /** @description The suggestion, `rejected`. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOrg: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The org's settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgSettings"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateOrg: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrgSettingsPatch"];
            };
        };
        responses: {
            /** @description The org's settings after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgSettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listTeams: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of teams. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    createTeam: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamCreate"];
            };
        };
        responses: {
            /** @description The new team. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The team's id.
                 * @example B1C
                 */
                team_id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamPatch"];
            };
        };
        responses: {
            /** @description The team after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Only the users of this team. */
                team_id?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Only users whose name or email address contains this text, regardless of case.
                 * @example jans
                 */
                q?: string;
                /** @description Only users with this role. */
                role?: components["schemas"]["Role"];
                /** @description Only active users, or only deactivated ones. */
                status?: "active" | "inactive";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description The new user and their enrollment code. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    importUsers: {
        parameters: {
            query?: {
                /** @description Check every line and answer what would happen, without writing anything. */
                dry_run?: boolean;
                /** @description Create the teams that lines name and that do not exist yet. */
                create_teams?: boolean;
            };
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example name;email;role;team
                 *     "Vries, Sanne de";sanne@example.com;employee;Store Utrecht
                 *     Tom Bakker;tom@example.com;lead;Store Utrecht
                 */
                "text/csv": string;
            };
        };
        responses: {
            /** @description What was created and which lines were rejected. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The user's id.
                 * @example 01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    eraseUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The user's id.
                 * @example 01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The person is erased. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The user's id.
                 * @example 01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserPatch"];
            };
        };
        responses: {
            /** @description The user after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    issueEnrollmentCode: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The user's id.
                 * @example 01JD3QA1B2C3D4E5F6G7H8J9K0
                 */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new code. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentCode"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listValues: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of values. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValueList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    createValue: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValueCreate"];
            };
        };
        responses: {
            /** @description The new value. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Value"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getValue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The value's id.
                 * @example A3
                 */
                value_id: components["parameters"]["ValueId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The value. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Value"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteValue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The value's id.
                 * @example A3
                 */
                value_id: components["parameters"]["ValueId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Retired instead of deleted, because history refers to it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Value"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateValue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The value's id.
                 * @example A3
                 */
                value_id: components["parameters"]["ValueId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValuePatch"];
            };
        };
        responses: {
            /** @description The value after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Value"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listGestures: {
        parameters: {
            query?: {
                /** @description `true`: only active gestures; `false`: only retired ones; absent: all. */
                active?: boolean;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of gestures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GestureList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    createGesture: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GestureCreate"];
            };
        };
        responses: {
            /** @description The new gesture. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Gesture"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getGesture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The gesture's id.
                 * @example B2F
                 */
                gesture_id: components["parameters"]["GestureId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The gesture. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Gesture"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteGesture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The gesture's id.
                 * @example B2F
                 */
                gesture_id: components["parameters"]["GestureId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Retired instead of deleted, because history refers to it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Gesture"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateGesture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The gesture's id.
                 * @example B2F
                 */
                gesture_id: components["parameters"]["GestureId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GesturePatch"];
            };
        };
        responses: {
            /** @description The gesture after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Gesture"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    listChallenges: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of challenges. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChallengeList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    createChallenge: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChallengeCreate"];
            };
        };
        responses: {
            /** @description The new challenge. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Challenge"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The challenge's id.
                 * @example B3K
                 */
                challenge_id: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The challenge. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Challenge"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The challenge's id.
                 * @example B3K
                 */
                challenge_id: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended instead of deleted, because assignments refer to it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Challenge"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The challenge's id.
                 * @example B3K
                 */
                challenge_id: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChallengePatch"];
            };
        };
        responses: {
            /** @description The challenge after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Challenge"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportOutcomes: {
        parameters: {
            query: {
                /**
                 * @description The first local day, `YYYY-MM-DD`.
                 * @example 2026-11-01
                 */
                from: string;
                /**
                 * @description The last local day, `YYYY-MM-DD`; not before `from`, at most 400 days after it.
                 * @example 2026-11-30
                 */
                to: string;
                /** @description The format of the rows. */
                format?: "csv" | "jsonl";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, streamed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example date,user_id,user_name,team_id,team_name,gesture_id,gesture_title,value_id,value_name,result,reaction,points,story_shared,occurred_at,recorded_at
                     *     2026-11-23,01JD3QA1B2C3D4E5F6G7H8J9K0,Sanne de Vries,01JD3Q8Z5T7M2N4P6R8S0V2X4Z,Store Utrecht,01JD4G2K7M9P1R3T5V7X9Z1B3D,Hold the door,01JD4F0A2C4E6G8J0K2M4P6R8T,Warm welcome,done,delighted,15,true,2026-11-23T09:41:00Z,2026-11-23T09:42:10Z
                     */
                    "text/csv": string;
                    /**
                     * @example {"date":"2026-11-23","user_id":"01JD3QA1B2C3D4E5F6G7H8J9K0","user_name":"Sanne de Vries","team_id":"01JD3Q8Z5T7M2N4P6R8S0V2X4Z","team_name":"Store Utrecht","gesture_id":"01JD4G2K7M9P1R3T5V7X9Z1B3D","gesture_title":"Hold the door","value_id":"01JD4F0A2C4E6G8J0K2M4P6R8T","value_name":"Warm welcome","result":"done","reaction":"delighted","points":15,"story_shared":true,"occurred_at":"2026-11-23T09:41:00Z","recorded_at":"2026-11-23T09:42:10Z"}
                     *     {"date":"2026-11-23","user_id":"01JD3QB7C9D1E3F5G7H9J1K3M5","user_name":"Daan Jansen","team_id":null,"team_name":null,"gesture_id":"01JD4G2K7M9P1R3T5V7X9Z1B3D","gesture_title":"Hold the door","value_id":"01JD4F0A2C4E6G8J0K2M4P6R8T","value_name":"Warm welcome","result":"skipped","reaction":null,"points":0,"story_shared":false,"occurred_at":"2026-11-23T16:05:00Z","recorded_at":"2026-11-23T16:05:02Z"}
                     */
                    "application/x-ndjson": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getFeedbackPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A team's feedback link token (the org's slug, a dot, 22 random characters).
                 * @example acme.Q2x8N0p4ZkVvTmJ1cWZyWg
                 */
                token: components["parameters"]["FeedbackToken"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The question, or the thanks for today's answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><title>Acme Retail</title><form method="post">…</form></html> */
                    "text/html": string;
                };
            };
            /** @description The link is unknown, rotated or revoked. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>This link no longer works</h1></html> */
                    "text/html": string;
                };
            };
            /** @description Too many requests from this address. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>Please try again later</h1></html> */
                    "text/html": string;
                };
            };
            /** @description A dependency is unavailable. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>Please try again later</h1></html> */
                    "text/html": string;
                };
            };
        };
    };
    postFeedbackAnswer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A team's feedback link token (the org's slug, a dot, 22 random characters).
                 * @example acme.Q2x8N0p4ZkVvTmJ1cWZyWg
                 */
                token: components["parameters"]["FeedbackToken"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "score": 10,
                 *       "comment": "Anna found the right size for my son in two minutes."
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["FeedbackForm"];
            };
        };
        responses: {
            /** @description Thank you. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>Thank you!</h1></html> */
                    "text/html": string;
                };
            };
            /** @description The link is unknown, rotated or revoked. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>This link no longer works</h1></html> */
                    "text/html": string;
                };
            };
            /** @description The body is over 64 KiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>That was too long</h1></html> */
                    "text/html": string;
                };
            };
            /** @description No score, or one outside 0–10; the form is shown again. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><p role="alert">Please choose a number from 0 to 10.</p><form method="post">…</form></html> */
                    "text/html": string;
                };
            };
            /** @description Too many answers from this address or on this link. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>Please try again later</h1></html> */
                    "text/html": string;
                };
            };
            /** @description A dependency is unavailable. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><h1>Please try again later</h1></html> */
                    "text/html": string;
                };
            };
        };
    };
    listDisplays: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The displays. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisplayList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    createDisplay: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes retries safe: a repeat with the same key
                 *     and body within 24 hours returns the first response, even when the server that did the
                 *     work died before answering. A repeat is 409 `idempotency_in_progress` while the first try
                 *     is still running, and for up to 10 seconds after a server died before doing it. Outcomes
                 *     and swaps keep their key in the same step as their work instead: a repeat is never
                 *     `idempotency_in_progress`, a swap's repeat answers the assignment as it is then, and a try
                 *     that failed is not replayed but judged again. A key is compared with the earlier requests
                 *     of its own kind only (outcomes and swaps; the other operations).
                 * @example 3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DisplayCreate"];
            };
        };
        responses: {
            /** @description The new display, with its link (shown once). */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisplayCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteDisplay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The display's id.
                 * @example 01JFZB3C5E7G9J1K3M5P7R9T1V
                 */
                display_id: components["parameters"]["DisplayId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getDisplay: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of the answer the screen shows.
                 * @example "3f1c9a520d7e4b8e"
                 */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the screen shows now. */
            200: {
                headers: {
                    /**
                     * @description Changes whenever anything in the answer changes.
                     * @example "3f1c9a520d7e4b8e"
                     */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisplayScreen"];
                };
            };
            /** @description Nothing changed since the answer whose `ETag` was sent. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            503: components["responses"]["Unavailable"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getOpenAPI: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The HTML reference. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
}
