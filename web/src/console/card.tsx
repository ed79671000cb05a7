// Today's card as the phone shows it: the value, the gesture, how to do it and what it is worth.
import { t } from "./i18n";

export function GestureCard(props: { value: string; title: string; howTo: string; points: number; challenge?: string | null; label?: string }) {
  return (
    <article class="today-card" aria-label={props.label ?? t("today.card")}>
      <p class="value">{props.value}</p>
      <h2 class="h3">{props.title}</h2>
      <p>{props.howTo}</p>
      <p class="meta">
        {t("today.points", { n: props.points })}
        {props.challenge && <> · {t("today.challenge", { name: props.challenge })}</>}
      </p>
    </article>
  );
}
