/**
 * What the v2021 section templates see: the report's own fields made safe for
 * the line markup, plus figures derived from the tables so a template can draft
 * a sentence for a part the user left empty without inventing any number.
 */
import { oneLine } from '../../text/paragraphs.js';
import type { ComposeSettings } from '../format.js';
import type { NarrativeBlock } from '../common/schema-parts.js';
import { signatureView } from '../common/signature-view.js';
import { titleLinesOf } from '../common/title.js';
import { componentSum } from '../../tables/totals.js';
import { draftGate } from '../common/drafts.js';
import { APPLICANT_COLUMNS, type ReportV2021 } from './schema.js';
import { requestsTableDefinition, requestsTableDefinitionOneRowOther, reviewTableDefinition } from './tables.js';

interface CountItem {
  label: string;
  count: number;
}

const nonZero = (items: CountItem[]): CountItem[] => items.filter((item) => item.count > 0);

function mentions(blocks: readonly NarrativeBlock[], phrase: string): boolean {
  return blocks.some((block) =>
    typeof block === 'string'
      ? block.includes(phrase)
      : block.heading.includes(phrase) || (block.text ?? '').includes(phrase) || mentions(block.body ?? [], phrase),
  );
}

function optionalLine(text: string | undefined): string {
  return text ? oneLine(text) : '';
}

export function v2021ViewModel(report: ReportV2021, settings: ComposeSettings) {
  const { proactive: t1, requests: t2, review_litigation: t3 } = report.tables;
  const organization = oneLine(report.organization.name);
  const contact = report.organization.contact;

  // Drafted figures come from the component cells, never from a typed total, so a sentence cannot contradict the table's cells.
  const t2Layout = t2.other !== undefined ? requestsTableDefinitionOneRowOther : requestsTableDefinition;
  const requestsTotal = (row: string): number => componentSum(t2, t2Layout, [row, 'tot']);
  const reviewTotal = (group: string): number => componentSum(t3, reviewTableDefinition, [`${group}_total`]);
  const sumOutcomes = (prefix: string): number =>
    Object.keys(t2)
      .filter((row) => row.startsWith(prefix) || `${row}_` === prefix)
      .reduce((sum, row) => sum + requestsTotal(row), 0);
  const fromOrganizations = APPLICANT_COLUMNS.filter((column) => column !== 'np').reduce(
    (sum, column) => sum + t2.new[column],
    0,
  );

  const fee = report.fee;
  return {
    year: report.year,
    organization,
    /** Drafted sentences (parts 二、三、四, the fee in 六, the preamble) only for a report being written. */
    draft: report.source !== 'published',
    titleLines: titleLinesOf(report),
    preamble: report.preamble,
    department: optionalLine(report.organization.department),
    website: optionalLine(report.organization.website),
    downloadUrl: optionalLine(report.organization.download_url),
    /** 地址：…, 邮编：…, 电话：…, 传真：…, 电子邮箱：… — only what the user filled in. */
    contactItems: [
      ['地址', contact.address],
      ['邮编', contact.postcode],
      ['电话', contact.phone],
      ['传真', contact.fax],
      ['电子邮箱', contact.email],
    ]
      .filter(([, value]) => value)
      .map(([name, value]) => `${name}：${optionalLine(value)}`),
    signature: signatureView(report.signature, report.organization.name),
    narrative: report.narrative,
    /** Which parts get a sentence drafted from the numbers when they have no text. */
    drafts: draftGate(report.drafts, report.source === 'published'),
    proactive: {
      issued: nonZero([
        { label: '规章', count: t1.reg_issued },
        { label: '行政规范性文件', count: t1.nd_issued },
      ]),
      repealed: nonZero([
        { label: '规章', count: t1.reg_repealed },
        { label: '行政规范性文件', count: t1.nd_repealed },
      ]),
      inForce: nonZero([
        { label: '规章', count: t1.reg_in_force },
        { label: '行政规范性文件', count: t1.nd_in_force },
      ]),
      decisions: nonZero([
        { label: '行政许可', count: t1.license_decisions },
        { label: '行政处罚', count: t1.penalty_decisions },
        { label: '行政强制', count: t1.coercion_decisions },
      ]),
      feeWan: t1.fee_amount_wan > 0 ? t1.fee_amount_wan.toFixed(settings.wanDecimals) : '',
    },
    requests: {
      newTotal: requestsTotal('new'),
      carryInTotal: requestsTotal('carry_in'),
      fromPersons: t2.new.np,
      fromOrganizations,
      handledTotal: requestsTotal('total'),
      carryOutTotal: requestsTotal('carry_out'),
      outcomes: nonZero([
        { label: '予以公开', count: requestsTotal('granted') },
        { label: '部分公开', count: requestsTotal('partial') },
        { label: '不予公开', count: sumOutcomes('deny_') },
        { label: '无法提供', count: sumOutcomes('unable_') },
        { label: '不予处理', count: sumOutcomes('nproc_') },
        { label: '其他处理', count: sumOutcomes('other') },
      ]),
    },
    review: {
      reconsiderations: reviewTotal('rv'),
      lawsuits: reviewTotal('lit_direct') + reviewTotal('lit_after'),
      corrected: t3.rv_correct + t3.lit_direct_correct + t3.lit_after_correct,
    },
    fee: {
      present: fee !== undefined,
      count: fee?.count ?? 0,
      amountYuan: fee?.amount_yuan ?? 0,
      mentionedByUser: mentions(report.narrative.other, '信息处理费'),
    },
  };
}
