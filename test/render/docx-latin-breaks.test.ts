/**
 * Spec §6.9 item 8 in the DOCX: long Latin runs (URLs, e-mail addresses,
 * long numbers) carry a zero-width space after / . - _ @ where a line may
 * break, so Word and LibreOffice fill the line instead of spreading the
 * Chinese characters before the run. (How LibreOffice then sets the sample is
 * measured in docx-libreoffice.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderDocx, withLatinBreaks } from '../../src/render/docx.js';
import { bodyParagraphs, openDocx, rawTextOf } from '../helpers/docx-xml.js';
import { LONG_EMAIL, LONG_URL, longLinksReport } from '../helpers/long-links.js';

describe('zero-width break opportunities in the DOCX', () => {
  it('go after / . - _ @ inside long Latin runs only, never inside a decimal number or a short word', () => {
    expect(withLatinBreaks('见http://www.a.gov.cn/xxgk/，收费12345.35万元，2021-01-29，qhq@example.gov.cn')).toBe(
      '见http://\u200bwww.\u200ba.\u200bgov.\u200bcn/\u200bxxgk/，收费12345.35万元，2021-01-29，qhq@\u200bexample.\u200bgov.\u200bcn',
    );
    expect(withLatinBreaks('电话：0871-65550123')).toBe('电话：0871-\u200b65550123');
  });

  it('are in the paragraphs of a report with long URLs and e-mail addresses, and nothing else changes', async () => {
    const document = composeReport(longLinksReport(), v2021Format);
    const pkg = await openDocx(await renderDocx(document));
    const texts = bodyParagraphs(pkg).map(rawTextOf);
    const withUrl = texts.filter((text) => text.replaceAll('\u200b', '').includes(LONG_URL));
    expect(withUrl.length).toBeGreaterThanOrEqual(2);
    for (const text of withUrl) {
      expect(text).toContain('https://\u200bwww.\u200bqinghe.\u200bexample.\u200bgov.\u200bcn/\u200bcol/\u200bcol1229421541/');
    }
    expect(texts.some((text) => text.includes('qinghe_\u200bdistrict_\u200boffice.\u200bzwgk-\u200b2024@\u200bmail.'))).toBe(true);
    expect(texts.join('').replaceAll('\u200b', '')).toContain(LONG_EMAIL);
    for (const block of document.blocks) {
      if (block.kind !== 'paragraph') continue;
      expect(texts.map((text) => text.replaceAll('\u200b', ''))).toContain(block.text);
    }
  });
});
