// The app's icons as inline SVG (no icon font, no emoji font needed on the phone, nothing the CSP
// has to allow). Decorative: hidden from screen readers, the text beside them says it.
const paths: Record<string, string> = {
  today: "M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM11 1h2v3h-2zM11 20h2v3h-2zM1 11h3v2H1zM20 11h3v2h-3zM4.2 5.6l1.4-1.4 2.1 2.1-1.4 1.4zM16.3 17.7l1.4-1.4 2.1 2.1-1.4 1.4zM4.2 18.4l2.1-2.1 1.4 1.4-2.1 2.1zM16.3 6.3l2.1-2.1 1.4 1.4-2.1 2.1z",
  progress: "M3 20h18v2H3zM5 12h3v7H5zM10.5 8h3v11h-3zM16 4h3v15h-3z",
  team: "M8 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1 20c0-3.9 3.1-7 7-7s7 3.1 7 7v1H1zm15.5-6.9c3.6.2 6.5 2.9 6.5 6.4V21h-6v-1c0-2.6-1-4.9-2.6-6.6.7-.2 1.4-.3 2.1-.3z",
  inbox: "M12 2a7 7 0 0 0-7 7v5l-2 3v1h18v-1l-2-3V9a7 7 0 0 0-7-7zm-3 18a3 3 0 0 0 6 0z",
  more: "M5 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm7 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm7 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4z",
  flame: "M13 1s1 4-2 7-4 5-4 8a5 5 0 0 0 10 0c0-2-1-3.5-1-3.5S15 15 13 15c0 0 3-4 0-14z",
  snow: "M11 1h2v22h-2zM1 11h22v2H1zM4.2 5.6l1.4-1.4 14.2 14.2-1.4 1.4zM4.2 18.4L18.4 4.2l1.4 1.4L5.6 19.8z",
  star: "M12 2l3 6.6 7.2.8-5.4 4.9 1.5 7.1L12 17.8l-6.3 3.6 1.5-7.1L1.8 9.4 9 8.6z",
  medal: "M7 1h4l2 5H9zM13 1h4l-2 5h-2.2zM12 8a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm0 3l1.5 3 3.3.5-2.4 2.3.6 3.2-3-1.6-3 1.6.6-3.2-2.4-2.3 3.3-.5z",
  clap: "M7 12l5-9 2 1-3 6h9v3l-3 8H8zM2 12h3v9H2z",
};

export function Icon(props: { name: keyof typeof paths | string; size?: number }) {
  const s = props.size ?? 24;
  return (
    <svg class="ico" width={s} height={s} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[props.name]} fill="currentColor" />
    </svg>
  );
}
