// The camera QR reader: the phone's own BarcodeDetector where it has one, jsQR (a plain
// JavaScript decoder, no worker or WebAssembly, so the CSP holds) otherwise. Loaded on demand.
import jsQR from "jsqr";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "./i18n";

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
declare global {
  interface Window {
    BarcodeDetector?: new (o: { formats: string[] }) => Detector;
  }
}

export default function Scanner(props: { onCode: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    let frame = 0;
    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const detector = window.BarcodeDetector ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    async function tick() {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2 && ctx) {
        let text: string | undefined;
        if (detector) {
          text = (await detector.detect(v).catch(() => []))[0]?.rawValue;
        } else {
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          ctx.drawImage(v, 0, 0);
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
          text = jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" })?.data;
        }
        if (text && !stopped) {
          stopped = true;
          props.onCode(text);
          return;
        }
      }
      frame = window.setTimeout(() => void tick(), 200);
    }
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        void video.current.play();
        void tick();
      })
      .catch(() => setError(t("scan.denied")));
    if (!navigator.mediaDevices) setError(t("scan.denied"));
    return () => {
      stopped = true;
      clearTimeout(frame);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);
  return (
    <div class="scanner">
      <p id="scan-help">{t("scan.help")}</p>
      <video ref={video} muted playsInline aria-describedby="scan-help" />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="secondary" onClick={props.onClose}>
        {t("scan.close")}
      </button>
    </div>
  );
}
