// The break-room screen (/tv/#<display token>): full screen on a 1920×1080 TV read from 3 m. It
// rotates between the week's board, the latest stories, the spotlight and the running challenge,
// keeps the newest story in a strip along the bottom, and stays current by itself (see feed.ts).
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { follow, tokenOf, type FeedState, type Screen, type Story } from "./feed";
import "./style.css";

/** How long each slide stays. */
const SLIDE_MS = 12000;

type Slide = "board" | "stories" | "spotlight" | "challenge";

function slidesOf(s: Screen): Slide[] {
  const out: Slide[] = ["board"];
  if (s.stories.length > 0) out.push("stories");
  if (s.spotlight) out.push("spotlight");
  if (s.challenge) out.push("challenge");
  return out;
}

const titles: Record<Slide, string> = {
  board: "This week's board",
  stories: "Latest stories",
  spotlight: "In the spotlight",
  challenge: "Running challenge",
};

function author(st: Story): string {
  return st.author_name ?? "A colleague";
}

function Board({ s }: { s: Screen }) {
  if (s.board.length === 0) {
    return <p class="empty">No points yet this week. The first gesture of the week tops the board.</p>;
  }
  return (
    <ol class="board">
      {s.board.map((e) => (
        <li key={`${e.rank}-${e.name ?? ""}-${e.points}`} class={e.rank <= 3 ? `top top${e.rank}` : undefined}>
          <span class="rank">{e.rank}</span>
          <span class="name">
            {e.name ?? "A colleague"}
            {e.role === "lead" && <span class="lead">lead</span>}
          </span>
          <span class="points">
            {e.points} <small>pts</small>
            {e.score !== null && <small class="score"> · {e.score} per person</small>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function StoryCard({ st, big }: { st: Story; big?: boolean }) {
  return (
    <article class={big ? "story big" : "story"}>
      <p class="text">“{st.text}”</p>
      {st.customer_quote && (
        <p class="quote">
          <span class="score">{st.customer_quote.score}/10</span> A customer: “{st.customer_quote.comment}”
        </p>
      )}
      <p class="meta">
        <strong>{author(st)}</strong>
        {st.author_role === "lead" && <span class="lead">lead</span>}
        {st.team_name && <> · {st.team_name}</>} · {st.gesture_title}
        <span class="kudos" aria-label={`${st.kudos} kudos`}>
          {" "}♥ {st.kudos}
        </span>
      </p>
    </article>
  );
}

function Stories({ s }: { s: Screen }) {
  return (
    <div class="stories">
      {s.stories.slice(0, 3).map((st) => (
        <StoryCard key={st.id} st={st} />
      ))}
    </div>
  );
}

function Challenge({ s }: { s: Screen }) {
  const c = s.challenge;
  if (!c) return null;
  const ends = new Date(`${c.ends_on}T12:00:00`).toLocaleDateString(undefined, { day: "numeric", month: "long" });
  return (
    <div class="challenge">
      <p class="cname">{c.name}</p>
      {c.description && <p class="cdesc">{c.description}</p>}
      <p class="cmeta">
        Until {ends}
        {c.bonus_points > 0 && <> · +{c.bonus_points} bonus points a gesture</>}
      </p>
    </div>
  );
}

function SlideView({ slide, s }: { slide: Slide; s: Screen }) {
  switch (slide) {
    case "board":
      return <Board s={s} />;
    case "stories":
      return <Stories s={s} />;
    case "spotlight":
      return s.spotlight ? <StoryCard st={s.spotlight} big /> : null;
    case "challenge":
      return <Challenge s={s} />;
  }
}

function Message({ title, text }: { title: string; text: string }) {
  return (
    <main class="message">
      <h1>{title}</h1>
      <p>{text}</p>
    </main>
  );
}

function App() {
  const [token] = useState(() => tokenOf(location.hash));
  const [state, setState] = useState<FeedState>(token ? { kind: "loading" } : { kind: "nolink" });
  const [tick, setTick] = useState(0);

  useEffect(() => (token ? follow(token, setState) : undefined), [token]);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), SLIDE_MS);
    return () => clearInterval(id);
  }, []);

  switch (state.kind) {
    case "nolink":
      return <Message title="No display link" text="Open the link a lead or an admin made for this screen in the console." />;
    case "revoked":
      return <Message title="This display link no longer works" text="It was revoked. Ask a lead or an admin for a new link." />;
    case "loading":
      return <Message title="microact" text="Loading…" />;
  }
  const s = state.screen;
  if (!s) return <Message title="Reconnecting…" text="The server cannot be reached; this screen keeps trying." />;
  const slides = slidesOf(s);
  const slide = slides[tick % slides.length] ?? "board";
  const newest = s.stories[0];
  return (
    <>
      <header class="bar">
        <p class="where">{s.team ? s.team.name : s.org_name}</p>
        <ol class="dots" aria-label="Slides">
          {slides.map((x) => (
            <li key={x} class={x === slide ? "on" : undefined} aria-current={x === slide ? "step" : undefined}>
              {titles[x]}
            </li>
          ))}
        </ol>
        <p class={state.kind === "offline" ? "status off" : "status"} role="status">
          {state.kind === "offline" ? "Reconnecting…" : "Live"}
        </p>
      </header>
      <main class="slide" key={slide}>
        <h1>{titles[slide]}</h1>
        <SlideView slide={slide} s={s} />
      </main>
      <footer class="latest" aria-live="polite">
        {newest ? (
          <p>
            <span class="label">Newest story</span> “{newest.text}” — {author(newest)} <span class="kudos">♥ {newest.kudos}</span>
          </p>
        ) : (
          <p>
            <span class="label">Newest story</span> None shared yet: share yours in the app.
          </p>
        )}
      </footer>
    </>
  );
}

const root = document.getElementById("screen");
if (root) render(<App />, root);
addEventListener("hashchange", () => location.reload());
