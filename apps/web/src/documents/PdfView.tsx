import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRenderCancelled, openPdf, type PdfDocument, type PdfRenderTask } from './pdf.ts';

const ZOOMS = [1, 1.5, 2] as const;
/** Canvases bigger than this (in device pixels) crash low-memory phones; the sharpness is capped instead. */
const MAX_PIXELS = 12_000_000;

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * One page, drawn only while it is on or near the screen and cleared again when far away, so a
 * hundred-page PDF does not hold a hundred canvases in a phone's memory.
 */
function PdfPage({
  doc,
  number,
  width,
  ratio,
  label,
}: {
  doc: PdfDocument;
  number: number;
  width: number;
  ratio: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [near, setNear] = useState(false);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => setNear(!!entry?.isIntersecting), {
      rootMargin: '150% 0px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !width) return;
    if (!near) {
      c.width = 0;
      c.height = 0;
      setDrawn(false);
      return;
    }
    let task: PdfRenderTask | null = null;
    let stopped = false;
    void (async () => {
      const page = await doc.getPage(number);
      if (stopped) return;
      const base = page.getViewport({ scale: 1 });
      const cssScale = width / base.width;
      let dpr = Math.min(window.devicePixelRatio || 1, 2);
      if (base.width * base.height * (cssScale * dpr) ** 2 > MAX_PIXELS) {
        dpr = Math.sqrt(MAX_PIXELS / (base.width * base.height)) / cssScale;
      }
      const viewport = page.getViewport({ scale: cssScale * dpr });
      c.width = Math.floor(viewport.width);
      c.height = Math.floor(viewport.height);
      task = page.render({ canvas: c, viewport });
      try {
        await task.promise;
        if (!stopped) setDrawn(true);
      } catch (e) {
        if (!isRenderCancelled(e)) throw e;
      }
    })().catch(() => undefined);
    return () => {
      stopped = true;
      task?.cancel();
    };
  }, [doc, number, width, near]);

  return (
    <div
      ref={box}
      className="sotay-pdf-page"
      style={{ width, aspectRatio: drawn ? undefined : String(ratio) }}
      data-page={number}
    >
      <canvas ref={canvas} role="img" aria-label={label} style={{ width: '100%', display: 'block' }} />
    </div>
  );
}

/** The PDF of a document, page by page, with larger sizes for those who need them. */
export default function PdfView({ url }: { url: string }) {
  const { t } = useTranslation('documents');
  const frame = useRef<HTMLDivElement>(null);
  const available = useWidth(frame);
  const [doc, setDoc] = useState<PdfDocument | null>(null);
  const [ratio, setRatio] = useState(Math.SQRT2);
  const [failed, setFailed] = useState<'offline' | 'broken' | null>(null);
  const [zoom, setZoom] = useState(0);

  useEffect(() => {
    let stopped = false;
    let task: ReturnType<typeof openPdf> | null = null;
    setDoc(null);
    setFailed(null);
    void (async () => {
      let res: Response;
      try {
        res = await fetch(url, { credentials: 'same-origin' });
      } catch {
        if (!stopped) setFailed('offline');
        return;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const data = await res.arrayBuffer();
      if (stopped) return;
      task = openPdf(data);
      const pdf = await task.promise;
      const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
      if (stopped) return;
      setRatio(first.width / first.height);
      setDoc(pdf);
    })().catch(() => {
      if (!stopped) setFailed('broken');
    });
    return () => {
      stopped = true;
      void task?.destroy();
    };
  }, [url]);

  if (failed) {
    return (
      <Text role="alert" fw={700}>
        {failed === 'offline' ? t('pdf.needsNetwork') : t('pdf.failed')}
      </Text>
    );
  }
  const scale = ZOOMS[zoom] ?? 1;
  const pages = doc?.numPages ?? 0;
  return (
    <Stack gap="sm">
      <Group gap="sm" justify="space-between">
        <Text fw={700} aria-live="polite">
          {doc ? t('pdf.pages', { pages }) : t('pdf.loading')}
        </Text>
        <Group gap="xs">
          <Button variant="default" disabled={!doc || zoom === 0} onClick={() => setZoom((z) => z - 1)}>
            {t('pdf.zoomOut')}
          </Button>
          <Button
            variant="default"
            disabled={!doc || zoom === ZOOMS.length - 1}
            onClick={() => setZoom((z) => z + 1)}
          >
            {t('pdf.zoomIn')}
          </Button>
        </Group>
      </Group>
      {doc && scale !== 1 && <Text size="sm">{t('pdf.zoom', { percent: Math.round(scale * 100) })}</Text>}
      {/* zoomed pages scroll sideways inside this frame, which the keyboard can then scroll too */}
      <div
        ref={frame}
        className="sotay-pdf-frame"
        {...(scale > 1 ? { tabIndex: 0, role: 'region', 'aria-label': t('pdf.pages', { pages }) } : {})}
      >
        {!doc && <Loader color="var(--mantine-color-text)" aria-hidden="true" m="md" />}
        {doc &&
          available > 0 &&
          Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
            <PdfPage
              key={n}
              doc={doc}
              number={n}
              width={Math.floor(available * scale)}
              ratio={ratio}
              label={t('pdf.pageLabel', { page: n, pages })}
            />
          ))}
      </div>
    </Stack>
  );
}
