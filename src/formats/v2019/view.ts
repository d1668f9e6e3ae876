/**
 * What the v2019 section templates see: the report's own text made safe for
 * the line markup, plus figures derived from the tables so that a part left
 * without text can be given a sentence drawn from the numbers — but only for a
 * report being written. A report reproduced as published (`source: published`)
 * gets nothing the original did not have (`draft` is false).
 */
import { oneLine } from '../../text/paragraphs.js';
import type { ComposeSettings } from '../format.js';
import { signatureView } from '../common/signature-view.js';
import { titleLinesOf } from '../common/title.js';
import { componentSum } from '../../tables/totals.js';
import { draftGate } from '../common/drafts.js';
import { APPLICANT_COLUMNS, type ReportV2019 } from './schema.js';
import { requestsTableDefinitionV2019, reviewTableDefinition } from './tables.js';

interface CountItem {
  label: string;
  count: number;
}

const nonZero = (items: CountItem[]): CountItem[] => items.filter((item) => item.count > 0);

export function v2019ViewModel(report: ReportV2019, settings: ComposeSettings) {
  const { proactive: t1, requests: t2, review_litigation: t3 } = report.tables;
  const organization = oneLine(report.organization.name);
  // Drafted figures come from the component cells, never from a typed total, so a sentence cannot contradict the table's cells.
  const requestsTotal = (row: string): number => componentSum(t2, requestsTableDefinitionV2019, [row, 'tot']);
  const reviewTotal = (group: string): number => componentSum(t3, reviewTableDefinition, [`${group}_total`]);
  const sumOutcomes = (prefix: string): number =>
    Object.keys(t2)
      .filter((row) => row.startsWith(prefix))
      .reduce((total, row) => total + requestsTotal(row), 0);
  const fromOrganizations = APPLICANT_COLUMNS.filter((column) => column !== 'np').reduce((total, column) => total + t2.new[column], 0);
  const contact = report.organization.contact;

  return {
    year: report.year,
    organization,
    draft: report.source !== 'published',
    /** Which parts get a sentence drafted from the numbers when they have no text. */
    drafts: draftGate(report.drafts, report.source === 'published'),
    titleLines: titleLinesOf(report),
    preamble: report.preamble,
    department: report.organization.department ? oneLine(report.organization.department) : '',
    website: report.organization.website ? oneLine(report.organization.website) : '',
    downloadUrl: report.organization.download_url ? oneLine(report.organization.download_url) : '',
    contactItems: [
      ['地址', contact.address],
      ['邮编', contact.postcode],
      ['电话', contact.phone],
      ['传真', contact.fax],
      ['电子邮箱', contact.email],
    ]
      .filter(([, value]) => value)
      .map(([name, value]) => `${name}：${oneLine(value!)}`),
    signature: signatureView(report.signature, report.organization.name),
    narrative: report.narrative,
    proactive: {
      newPublished: nonZero([
        { label: '规章', count: t1.reg_new_pub },
        { label: '规范性文件', count: t1.nd_new_pub },
      ]),
      decisions: nonZero([
        { label: '行政许可', count: t1.license_decisions },
        { label: '其他对外管理服务事项', count: t1.othersvc_decisions },
        { label: '行政处罚', count: t1.penalty_decisions },
        { label: '行政强制', count: t1.coercion_decisions },
      ]),
      procureItems: t1.procure_items,
      procureWan: t1.procure_amount_wan > 0 ? t1.procure_amount_wan.toFixed(settings.wanDecimals) : '',
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
        { label: '其他处理', count: requestsTotal('other') },
      ]),
    },
    review: {
      reconsiderations: reviewTotal('rv'),
      lawsuits: reviewTotal('lit_direct') + reviewTotal('lit_after'),
      corrected: t3.rv_correct + t3.lit_direct_correct + t3.lit_after_correct,
    },
  };
}
