// The employee app's shell: enrollment until signed in, then today's card and the tabs (progress,
// team, inbox, more) as a bottom bar on a phone. Pages other than today load as they are opened;
// the service worker keeps the shell for offline use, and the outbox sends what waits.
import { render } from "preact";
import { LocationProvider, Route, Router, lazy, useLocation } from "preact-iso";
import { useEffect } from "preact/hooks";
import "./style.css";
import { api } from "./api";
import { setLocale, t, useLocale, type Key } from "./i18n";
import { flush, startOutbox } from "./outbox";
import { Icon } from "./icons";
import { Enroll } from "./pages/enroll";
import TodayPage from "./pages/today";
import { isOffline, refresh, updateMe, useSession } from "./session";
import { useApi } from "./ui";

const Progress = lazy(() => import("./pages/progress"));
const Team = lazy(() => import("./pages/team"));
const Inbox = lazy(() => import("./pages/inbox"));
const More = lazy(() => import("./pages/more"));

export const base = "/app";

const tabs: [path: string, label: Key, icon: string][] = [
  ["/", "nav.today", "today"],
  ["/progress", "nav.progress", "progress"],
  ["/team", "nav.team", "team"],
  ["/inbox", "nav.inbox", "inbox"],
  ["/more", "nav.more", "more"],
];

function TabBar() {
  const { path } = useLocation();
  const inbox = useApi(() => api.GET("/v1/me/notifications", { params: { query: { limit: 1 } } }), [path]);
  const unread = inbox.data?.unread ?? 0;
  return (
    <nav class="tabs" aria-label={t("nav.label")}>
      <ul>
        {tabs.map(([p, label, icon]) => {
          const href = base + (p === "/" ? "/" : p);
          const current = p === "/" ? path === base + "/" || path === base : path.startsWith(base + p);
          return (
            <li>
              <a href={href} aria-current={current ? "page" : undefined}>
                <Icon name={icon} />
                <span>{t(label)}</span>
                {p === "/inbox" && unread > 0 && <span class="count">{t("nav.unread", { n: unread })}</span>}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Shell(props: { offline: boolean }) {
  const locale = useLocale();
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t("skip")}
      </a>
      {props.offline && (
        <p class="offline" role="status">
          {t("offline.banner")}
        </p>
      )}
      <main id="main" key={locale}>
        <Router>
          <Route path={base + "/"} component={TodayPage} />
          <Route path={base + "/progress"} component={Progress} />
          <Route path={base + "/team"} component={Team} />
          <Route path={base + "/inbox"} component={Inbox} />
          <Route path={base + "/more"} component={More} />
          <Route default component={TodayPage} />
        </Router>
      </main>
      <TabBar />
    </div>
  );
}

function App() {
  const session = useSession();
  useLocale();
  useEffect(() => {
    void refresh().then(() => startOutbox());
    // Back online: renew the session if it was kept offline, then send what waits.
    const online = () => void (isOffline() ? refresh() : Promise.resolve(true)).then(() => flush().catch(() => {}));
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, []);
  const me = session.status === "signed-in" ? session.me : null;
  useEffect(() => {
    if (me) setLocale(me.locale);
  }, [me?.locale]);
  useEffect(() => {
    // The freshest statistics and badges (kudos received since, a new week), read once what
    // waited in the outbox has been sent, so an older answer never hides a newer outcome.
    if (session.status === "signed-in" && !session.offline)
      void flush()
        .catch(() => [])
        .then(() => api.GET("/v1/me"))
        .then((a) => a.data && updateMe(a.data))
        .catch(() => {});
  }, [session.status === "signed-in" && !session.offline]);
  if (session.status === "loading") {
    return (
      <main id="main" class="enroll">
        <p aria-live="polite">{t("loading")}</p>
      </main>
    );
  }
  if (session.status === "signed-out") return <Enroll expired={session.reason === "expired"} />;
  return <Shell offline={session.offline} />;
}

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => void navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {}));
}

render(
  <LocationProvider>
    <App />
  </LocationProvider>,
  document.getElementById("app")!,
);
