// The console's shell: the session decides between the sign-in page, the page for employees and
// the console itself, whose pages are loaded as the reader opens them (the first load stays small).
import { render } from "preact";
import { LocationProvider, Route, Router, lazy, useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { downloadMyData, problemText } from "../shared/api";
import { ErrorNote } from "../shared/ui";
import "./style.css";
import { choose, followUser, t, useLocale, type Key, type Locale } from "./i18n";
import { logout, refresh, useSession, type Me } from "./session";
import { SignIn } from "./pages/signin";

const Dashboard = lazy(() => import("./pages/dashboard"));
const Boards = lazy(() => import("./pages/boards"));
const Stories = lazy(() => import("./pages/stories"));
const Barriers = lazy(() => import("./pages/barriers"));
const Suggestions = lazy(() => import("./pages/suggestions"));
const Today = lazy(() => import("./pages/today"));
const OrgSettings = lazy(() => import("./pages/org"));
const Catalog = lazy(() => import("./pages/catalog"));
const Challenges = lazy(() => import("./pages/challenges"));
const Teams = lazy(() => import("./pages/teams"));
const CodeSheet = lazy(() => import("./pages/codesheet"));
const Users = lazy(() => import("./pages/users"));
const Import = lazy(() => import("./pages/import"));
const Export = lazy(() => import("./pages/export"));
const Displays = lazy(() => import("./pages/displays"));

export const base = "/console";

type NavItem = [path: string, label: Key];
const leadNav: NavItem[] = [
  ["/dashboard", "nav.dashboard"],
  ["/boards", "nav.boards"],
  ["/stories", "nav.stories"],
  ["/barriers", "nav.barriers"],
  ["/suggestions", "nav.suggestions"],
  ["/today", "nav.today"],
  ["/displays", "nav.displays"],
];
const adminNav: NavItem[] = [
  ["/org", "nav.org"],
  ["/catalog", "nav.catalog"],
  ["/challenges", "nav.challenges"],
  ["/teams", "nav.teams"],
  ["/users", "nav.users"],
  ["/import", "nav.import"],
  ["/export", "nav.export"],
];

function LocaleSwitch() {
  const locale = useLocale();
  return (
    <div class="inline locale">
      <label for="locale">{t("language")}</label>
      <select id="locale" value={locale} onChange={(e) => choose(e.currentTarget.value as Locale)}>
        <option value="nl">Nederlands</option>
        <option value="en">English</option>
      </select>
    </div>
  );
}

function Nav(props: { me: Me }) {
  const { path } = useLocation();
  const link = ([p, label]: NavItem) => (
    <li>
      <a href={base + p} aria-current={path === base + p || path.startsWith(base + p + "/") ? "page" : undefined}>
        {t(label)}
      </a>
    </li>
  );
  return (
    <nav aria-label={t("nav.label")} class="nav">
      <ul>{leadNav.map(link)}</ul>
      {props.me.role === "admin" && (
        <>
          <p class="nav-group" id="nav-admin">
            {t("nav.admin")}
          </p>
          <ul aria-labelledby="nav-admin">{adminNav.map(link)}</ul>
        </>
      )}
    </nav>
  );
}

/** The signed-in person's menu: who they are, their own data (the right of access), signing out. */
function AccountMenu(props: { me: Me }) {
  const [state, setState] = useState<{ busy?: boolean; error?: string; saved?: boolean }>({});
  async function download() {
    setState({ busy: true });
    try {
      const error = await downloadMyData();
      setState(error === undefined ? { saved: true } : { error: problemText(error) });
    } catch (e) {
      setState({ error: problemText(e) });
    }
  }
  return (
    <details class="menu">
      <summary>
        {props.me.name} · {t(`role.${props.me.role}`)} · {props.me.org}
      </summary>
      <div>
        <button type="button" class="secondary" disabled={state.busy} onClick={() => void download()}>
          {t("mydata")}
        </button>
        {state.saved && (
          <p class="note" role="status">
            {t("mydata.saved")}
          </p>
        )}
        <ErrorNote error={state.error} />
        <button type="button" class="secondary" onClick={() => void logout()}>
          {t("signout")}
        </button>
      </div>
    </details>
  );
}

function Shell(props: { me: Me }) {
  const locale = useLocale();
  const { path, route } = useLocation();
  useEffect(() => {
    if (path === base || path === base + "/" || path === base + "/signin") route(base + "/dashboard", true);
  }, [path]);
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t("skip")}
      </a>
      <header class="top">
        <a class="brand" href={base + "/dashboard"}>
          microact <span>{t("console")}</span>
        </a>
        <LocaleSwitch />
        <AccountMenu me={props.me} />
      </header>
      <Nav me={props.me} />
      <main id="main" key={locale}>
        <Router>
          <Route path={base + "/dashboard"} component={Dashboard} />
          <Route path={base + "/boards"} component={Boards} />
          <Route path={base + "/stories"} component={Stories} />
          <Route path={base + "/displays"} component={Displays} />
          <Route path={base + "/barriers"} component={Barriers} />
          <Route path={base + "/suggestions"} component={Suggestions} />
          <Route path={base + "/today"} component={Today} />
          <Route path={base + "/org"} component={OrgSettings} />
          <Route path={base + "/catalog"} component={Catalog} />
          <Route path={base + "/challenges"} component={Challenges} />
          <Route path={base + "/teams"} component={Teams} />
          <Route path={base + "/teams/:id/codes"} component={CodeSheet} />
          <Route path={base + "/users"} component={Users} />
          <Route path={base + "/import"} component={Import} />
          <Route path={base + "/export"} component={Export} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <section class="page">
      <h1>{t("notfound")}</h1>
      <p>
        <a href={base + "/dashboard"}>{t("nav.dashboard")}</a>
      </p>
    </section>
  );
}

function EmployeePage(props: { me: Me }) {
  useLocale();
  return (
    <main id="main" class="narrow">
      <h1>{t("employee.title", { name: props.me.name })}</h1>
      <p>{t("employee.body")}</p>
      <p>
        <a href="/app/">{t("employee.open_app")}</a>
      </p>
      <p>
        <button type="button" onClick={() => void logout()}>
          {t("signout")}
        </button>
      </p>
      <LocaleSwitch />
    </main>
  );
}

function App() {
  const session = useSession();
  useLocale();
  useEffect(() => {
    void refresh();
  }, []);
  useEffect(() => {
    if (session.status === "signed-in") followUser(session.me.locale);
  }, [session.status === "signed-in" ? session.me.locale : ""]);
  if (session.status === "loading") {
    return (
      <main id="main" class="narrow">
        <p aria-live="polite">{t("loading")}</p>
      </main>
    );
  }
  if (session.status === "signed-out") {
    return (
      <main id="main" class="narrow">
        <SignIn expired={session.reason === "expired"} />
        <LocaleSwitch />
      </main>
    );
  }
  if (session.me.role === "employee") return <EmployeePage me={session.me} />;
  return <Shell me={session.me} />;
}

render(
  <LocationProvider>
    <App />
  </LocationProvider>,
  document.getElementById("app")!,
);
