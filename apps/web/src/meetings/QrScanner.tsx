import { useEffect, useRef } from 'react';

/** The browser's own detector (Chrome on Android, Safari 17+); not in TypeScript's DOM types yet. */
interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (opts: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

const EVERY_MS = 250;
/** Frames are scaled down before the JS decoder reads them: a QR on a screen is large in the picture. */
const MAX_SIDE = 640;

export type ScanProblem = 'denied' | 'unsupported';

/** Reads what a QR holds, with BarcodeDetector when the browser has one, else jsQR on a canvas. */
async function makeReader(video: HTMLVideoElement): Promise<() => Promise<string | null>> {
  const Native = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  const formats: string[] = Native ? await Native.getSupportedFormats().catch(() => []) : [];
  if (Native && formats.includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async () => (await detector.detect(video).catch(() => []))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async () => {
    const [w, h] = [video.videoWidth, video.videoHeight];
    if (!ctx || !w || !h) return null;
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/**
 * The back camera's picture, read a few times a second until `onText` accepts what it found (returns
 * true); the camera is switched off when this leaves the screen.
 */
export default function QrScanner({
  label,
  onText,
  onProblem,
}: {
  label: string;
  onText: (text: string) => boolean;
  onProblem: (p: ScanProblem) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onText, onProblem });
  handlers.current = { onText, onProblem };
  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer = 0;
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        handlers.current.onProblem('unsupported');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
      } catch (e) {
        if (!stopped)
          handlers.current.onProblem(
            e instanceof DOMException && e.name === 'NotAllowedError' ? 'denied' : 'unsupported',
          );
        return;
      }
      const v = video.current;
      if (stopped || !v) {
        // left the screen while the person was asked for the camera
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      const read = await makeReader(v);
      const tick = async () => {
        if (stopped) return;
        const text = await read();
        if (stopped) return;
        if (text && handlers.current.onText(text)) return;
        timer = window.setTimeout(tick, EVERY_MS);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return <video ref={video} className="sotay-camera" aria-label={label} muted playsInline />;
}
