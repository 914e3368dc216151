// pdf.js is only ever imported from here, and this module only from the lazily loaded PDF view: the
// library and its worker stay out of the first load (docs/decisions/0013) and out of the precache.
// The legacy build carries the polyfills older Android browsers need; the worker comes from our own
// origin (CSP: worker-src 'self').
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export type PdfDocument = pdfjs.PDFDocumentProxy;
export type PdfRenderTask = pdfjs.RenderTask;

/** Opens a PDF already in memory. No eval and no WebAssembly: the CSP allows neither. */
export function openPdf(data: ArrayBuffer) {
  return pdfjs.getDocument({ data, isEvalSupported: false, useWasm: false });
}

export const isRenderCancelled = (e: unknown) =>
  e instanceof Error && e.name === 'RenderingCancelledException';
