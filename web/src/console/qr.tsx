// An enrollment code as text and as a QR code the phone app scans (qrcode draws it as SVG markup:
// no inline style, no data: URL, so the console's CSP holds).
import QRCode from "qrcode";
import { useEffect, useState } from "preact/hooks";
import { formatInstant, t } from "./i18n";

/** What the QR code holds: the app's deep link for enrolling with this code. */
export function enrollLink(code: string): string {
  return `microact://enroll?code=${encodeURIComponent(code)}`;
}

export function QR(props: { code: string; size?: number }) {
  const [svg, setSvg] = useState("");
  useEffect(() => {
    let live = true;
    QRCode.toString(enrollLink(props.code), { type: "svg", errorCorrectionLevel: "M", margin: 2, width: props.size ?? 160 }).then((s) => live && setSvg(s));
    return () => void (live = false);
  }, [props.code, props.size]);
  return <div class="qr" role="img" aria-label={t("code.qr_alt", { code: props.code })} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function CodeCard(props: { name: string; code: string; expiresAt?: string }) {
  return (
    <div class="code-card" aria-label={t("code.for", { name: props.name })} role="group">
      <QR code={props.code} />
      <div>
        <p class="code-name">{props.name}</p>
        <p>
          {t("code.label")}: <code class="code">{props.code}</code>
        </p>
        {props.expiresAt && <p class="hint">{t("code.expires", { at: formatInstant(props.expiresAt) })}</p>}
        <p class="hint">{t("code.how")}</p>
      </div>
    </div>
  );
}
