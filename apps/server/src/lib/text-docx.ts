import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';

/** Runs of a line: `**bold**` spans as bold, the rest plain; markdown escapes and heading marks dropped. */
function runs(line: string): TextRun[] {
  const clean = line.replace(/^#+\s*/, '').replace(/\\([*_])/g, '$1');
  return clean
    .split(/(\*\*[^*]+\*\*)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('**') && part.endsWith('**')
        ? new TextRun({ text: part.slice(2, -2), bold: true })
        : new TextRun({ text: part.replace(/\*\*/g, '') }),
    );
}

/**
 * A DOCX of a plain-text Party document (one paragraph per line; `**…**` bold), in the usual body
 * font: how the demo library and the tests get real Word files from the seed plans' text.
 */
export async function textToDocx(text: string): Promise<Buffer> {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .map(
      (line) =>
        new Paragraph({
          children: runs(line),
          alignment: line.startsWith('-') || line === '' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
        }),
    );
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(doc);
}
