/**
 * What the legacy templates see. Everything is the report's own text — the
 * legacy format has no mandated wording to draft — made single-line where it is
 * a single line (names, dates), and the statistics attachment's printed lines.
 */
import { chineseDate } from '../../text/numbering.js';
import { oneLine } from '../../text/paragraphs.js';
import type { ComposeSettings } from '../format.js';
import { freeTitleLines, reportTitle, titleLines } from '../common/title.js';
import type { AppendixLegacy, ReportLegacy, SignatureLegacy } from './schema.js';
import { STATISTICS_TABLE_IDS, STATISTICS_TABLE_TITLE } from './tables.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Two ideographic spaces between the items of one printed line (填报人 line of the statistics table). */
const GAP = '\u3000\u3000\u3000';

function signatureView(signature: SignatureLegacy | undefined, organization: string) {
  if (!signature) return { present: false, names: [] as string[], date: '' };
  const date = signature.date_text ? oneLine(signature.date_text) : signature.date ? chineseDate(signature.date) : '';
  return { present: date !== '', names: [oneLine(signature.name ?? organization)], date };
}

function appendixView(appendix: AppendixLegacy, organization: string) {
  return {
    label: oneLine(appendix.label),
    titleLines: appendix.title ? freeTitleLines(appendix.title) : [],
    preamble: appendix.preamble,
    sections: appendix.sections,
    signature: signatureView(appendix.signature, organization),
  };
}

export function legacyTitleLines(report: ReportLegacy): string[] {
  if (report.title) return freeTitleLines(report.title);
  return titleLines(report.organization.name, report.year, report.title_order);
}

export function legacyTitle(report: ReportLegacy): string {
  if (report.title) return typeof report.title === 'string' ? oneLine(report.title) : report.title.map(oneLine).join('');
  return reportTitle(report.organization.name, report.year, report.title_order);
}

export function legacyViewModel(report: ReportLegacy, _settings: ComposeSettings) {
  const organization = oneLine(report.organization.name);
  const statistics = report.statistics;
  const filledDate = statistics ? oneLine(statistics.date) : '';
  return {
    year: report.year,
    organization,
    titleLines: legacyTitleLines(report),
    preamble: report.preamble,
    sections: report.sections,
    signature: signatureView(report.signature, organization),
    statistics: statistics
      ? {
          present: true,
          label: oneLine(statistics.attachment_label),
          // 表题分两行：{Y}年度{机关名称} / 政府信息公开工作统计表 (spec §5.2).
          titleLines: [`${report.year}年度${organization}`, STATISTICS_TABLE_TITLE],
          tableId: STATISTICS_TABLE_IDS[statistics.units],
          reportingUnit: `填报单位（盖章）：${oneLine(statistics.reporting_unit)}`,
          footerLines: [
            [`单位负责人：${oneLine(statistics.head)}`, `审核人：${oneLine(statistics.reviewer)}`, `填报人：${oneLine(statistics.preparer)}`].join(GAP),
            [`联系电话：${oneLine(statistics.phone)}`, `填报日期：${ISO_DATE.test(filledDate) ? chineseDate(filledDate) : filledDate}`].join(GAP),
          ],
        }
      : { present: false, label: '', titleLines: [], tableId: '', reportingUnit: '', footerLines: [] },
    appendices: report.appendices.map((appendix) => appendixView(appendix, organization)),
  };
}
