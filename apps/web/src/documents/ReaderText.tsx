import { Link } from '@tanstack/react-router';
import { Fragment, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from './api.ts';
import type { TextPage } from './paragraphs.ts';

type Reference = DocumentDetail['references'][number];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "18-KH/ĐU" as the text may write it: "18 - KH/ĐU", "18-KH / ĐU". */
const loose = (number: string) =>
  number
    .split(/([-/])/)
    .map((part) => (part === '-' ? '\\s*-\\s*' : part === '/' ? '\\s*\\/\\s*' : escapeRe(part.trim())))
    .join('');

/** Cited numbers in the text become links to the documents the library has. */
function linker(references: Reference[]): (text: string) => ReactNode {
  const linked = new Map(
    references.filter((r) => r.documentId).map((r) => [r.number.replace(/\s+/g, ''), r.documentId!]),
  );
  if (!linked.size) return (text) => text;
  const re = new RegExp(`(?<![\\p{L}\\d])(${[...linked.keys()].map(loose).join('|')})(?![\\p{L}\\d])`, 'gu');
  return (text) => {
    const parts = text.split(re);
    if (parts.length === 1) return text;
    return parts.map((part, i) => {
      const id = i % 2 === 1 ? linked.get(part.replace(/\s+/g, '')) : undefined;
      return id ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one paragraph, in order
        <Link key={i} to="/documents/$id" params={{ id }}>
          {part}
        </Link>
      ) : (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one paragraph, in order
        <Fragment key={i}>{part}</Fragment>
      );
    });
  };
}

const isHeading = (p: string) => p.length < 120 && /\p{Lu}/u.test(p) && p === p.toLocaleUpperCase('vi');

/** The document's text, paragraph by paragraph; the one being read aloud is marked and kept in view. */
export function ReaderText({
  pages,
  references,
  speaking,
}: {
  pages: TextPage[];
  references: Reference[];
  /** Index (over all pages) of the paragraph being read aloud. */
  speaking: number | null;
}) {
  const { t } = useTranslation('documents');
  const root = useRef<HTMLDivElement>(null);
  const link = linker(references);
  useEffect(() => {
    if (speaking === null) return;
    const p = root.current?.querySelector(`[data-index="${speaking}"]`);
    p?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [speaking]);
  let index = 0;
  return (
    <div ref={root} className="sotay-doc-text" lang="vi">
      {pages.map((page) => (
        <Fragment key={page.number}>
          {pages.length > 1 && (
            <div className="sotay-doc-page">{t('reader.page', { page: page.number })}</div>
          )}
          {page.paragraphs.map((p) => {
            const i = index++;
            return (
              <p
                key={i}
                data-index={i}
                data-heading={isHeading(p) || undefined}
                data-speaking={speaking === i || undefined}
              >
                {link(p)}
              </p>
            );
          })}
        </Fragment>
      ))}
    </div>
  );
}
