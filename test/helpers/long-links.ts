import type { ReportV2021 } from '../../src/formats/v2021/schema.js';
import { sampleReport } from './sample.js';

export const LONG_URL = 'https://www.qinghe.example.gov.cn/col/col1229421541/art/2025/art_8f3c2d0e9b7a4c1e.html';
export const LONG_EMAIL = 'qinghe_district_office.zwgk-2024@mail.example.gov.cn';

/** The sample with long URLs, e-mail addresses and numbers in its justified paragraphs (spec §6.9 item 8). */
export function longLinksReport(): ReportV2021 {
  const report = sampleReport();
  report.organization.download_url = `青禾区人民政府门户网站“政府信息公开”专栏（${LONG_URL}）`;
  report.organization.contact.email = LONG_EMAIL;
  report.narrative.overview.unshift(
    `公众可通过${LONG_URL}或https://zwfw.example.gov.cn/portal/service/index.do?code=QH-2024_07查询，也可发送电子邮件至${LONG_EMAIL}，` +
      `或登录https://www.qinghe.example.gov.cn/zwgk/zfxxgk/fdzdgknr/ghjh/index.html和${LONG_EMAIL}反映意见，热线0871-65550123-8001。`,
  );
  return report;
}
