/**
 * A seeded generator of realistic 2021-format annual reports (政府信息公开工作
 * 年度报告) for the benchmark and the tests: the same seed always gives the
 * same report. Tables balance (every 勾稽 rule holds), the signature date is
 * within the publication deadline, and the narrative is plain Chinese prose in
 * the register of real reports, built from phrase banks with numbers filled in
 * (sub-parts, nested sub-headings, paragraphs of 150–350 characters).
 *
 * Sizes (pages as the PDF renders them with the bundled fonts):
 *   short   ≈ 6–7 pages: part 一 with five sub-parts of one short paragraph each, parts 二–四 left to the generated sentences
 *   medium  ≈ 8–9 pages: two paragraphs per sub-part (the bundled sample has 7)
 *   long    ≈ 13 pages: every sub-part with numbered sub-headings and several paragraphs, parts 二–六 written out
 *
 * Plain JavaScript (no build step) so `node scripts/bench.mjs` and the tests
 * (test/bench/generator.test.ts) use the same code. Types: report-generator.d.mts.
 *
 *   import { generateReport, generateReports, reportYaml } from './report-generator.mjs';
 *   const report = generateReport(42, { size: 'long' });
 */
import { stringify } from 'yaml';

// ------------------------------------------------------------------ random numbers

/** mulberry32: a small, fast, seeded PRNG. */
export function createRng(seed) {
  let state = seed | 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  /** `count` distinct items of `list`, in a random order. */
  const sample = (list, count) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(count, copy.length));
  };
  return { next, int, pick, sample, chance: (p) => next() < p };
}

// ------------------------------------------------------------------ the tables

const APPLICANT_COLUMNS = ['np', 'biz', 'res', 'ngo', 'law', 'oth'];
const OUTCOME_ROWS = [
  'granted', 'partial',
  'deny_secret', 'deny_law', 'deny_safety', 'deny_third', 'deny_internal', 'deny_process', 'deny_enforce', 'deny_query',
  'unable_nohold', 'unable_create', 'unable_unclear',
  'nproc_petition', 'nproc_repeat', 'nproc_publication', 'nproc_massive', 'nproc_confirm',
  'other_nocorrect', 'other_nofee', 'other_other',
];
const REVIEW_GROUPS = ['rv', 'lit_direct', 'lit_after'];

/** How often each outcome occurs, roughly as in published reports (予以公开 and 本机关不掌握 dominate). */
const OUTCOME_WEIGHTS = {
  granted: 40, partial: 10, deny_secret: 0.3, deny_law: 1, deny_safety: 0.3, deny_third: 1.5, deny_internal: 2, deny_process: 2,
  deny_enforce: 0.5, deny_query: 2, unable_nohold: 20, unable_create: 4, unable_unclear: 3, nproc_petition: 3, nproc_repeat: 2,
  nproc_publication: 0.5, nproc_massive: 0.3, nproc_confirm: 0.5, other_nocorrect: 2, other_nofee: 0.3, other_other: 2,
};
/** Share of applications by applicant type: 自然人 most, then 商业企业 and 法律服务机构. */
const APPLICANT_WEIGHTS = [80, 10, 1, 1, 5, 3];

function weightedSplit(rng, total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map(() => 0);
  for (let i = 0; i < total; i++) {
    let r = rng.next() * sum;
    let k = 0;
    while (k < weights.length - 1 && r >= weights[k]) r -= weights[k++];
    parts[k] += 1;
  }
  return parts;
}

const rowOf = (values) => ({ ...Object.fromEntries(APPLICANT_COLUMNS.map((column, i) => [column, values[i]])), tot: values.reduce((a, b) => a + b, 0) });

/** Three statistics tables that satisfy every 勾稽 rule of the 2021 format, scaled by `scale` (≈ applications handled). */
function generateTables(rng, scale, level) {
  const handled = rng.int(Math.max(0, Math.round(scale * 0.6)), Math.round(scale * 1.4));
  const outcomeTotals = weightedSplit(rng, handled, OUTCOME_ROWS.map((row) => OUTCOME_WEIGHTS[row]));
  const outcomes = outcomeTotals.map((count) => weightedSplit(rng, count, APPLICANT_WEIGHTS));
  const total = APPLICANT_COLUMNS.map((_, c) => outcomes.reduce((sum, row) => sum + row[c], 0));
  const carryOut = weightedSplit(rng, rng.int(0, Math.ceil(handled * 0.08)), APPLICANT_WEIGHTS);
  // new + carry_in = total + carry_out (V21-T2-03); carry_in never exceeds what it must cover.
  const carryIn = APPLICANT_COLUMNS.map((_, c) => Math.min(total[c] + carryOut[c], rng.chance(0.3) ? rng.int(0, 3) : 0));
  const fresh = APPLICANT_COLUMNS.map((_, c) => total[c] + carryOut[c] - carryIn[c]);
  const requests = {
    new: rowOf(fresh),
    carry_in: rowOf(carryIn),
    ...Object.fromEntries(OUTCOME_ROWS.map((row, i) => [row, rowOf(outcomes[i])])),
    total: rowOf(total),
    carry_out: rowOf(carryOut),
  };
  const review = {};
  for (const group of REVIEW_GROUPS) {
    const big = group === 'rv' ? Math.max(1, Math.round(handled * 0.06)) : Math.max(1, Math.round(handled * 0.025));
    const keep = rng.int(0, big);
    const correct = rng.int(0, Math.ceil(big / 4));
    const other = rng.int(0, Math.ceil(big / 5));
    const pending = rng.int(0, Math.ceil(big / 4));
    Object.assign(review, {
      [`${group}_keep`]: keep,
      [`${group}_correct`]: correct,
      [`${group}_other`]: other,
      [`${group}_pending`]: pending,
      [`${group}_total`]: keep + correct + other + pending,
    });
  }
  const government = level === '人民政府';
  const regIssued = government && rng.chance(0.3) ? rng.int(1, 3) : 0;
  const ndIssued = rng.int(0, government ? 15 : 6);
  const proactive = {
    reg_issued: regIssued,
    reg_repealed: regIssued ? rng.int(0, 1) : 0,
    reg_in_force: government ? rng.int(regIssued, regIssued + 20) : 0,
    nd_issued: ndIssued,
    nd_repealed: rng.int(0, 4),
    nd_in_force: rng.int(ndIssued + 5, ndIssued + 90),
    license_decisions: rng.int(0, government ? 20_000 : 6_000),
    penalty_decisions: rng.int(0, government ? 5_000 : 2_000),
    coercion_decisions: rng.int(0, 300),
    fee_amount_wan: rng.int(0, 5_000_000) / 100,
  };
  return { proactive, requests, review_litigation: review };
}

// ------------------------------------------------------------------ names and dates

// 示范市 last: the bundled sample is 示范市青禾区人民政府, and a batch with the sample must not repeat its name.
const CITIES = ['明川市', '云岭市', '青屿市', '临州市', '南岗市', '北望市', '东陵市', '示范市'];
const DISTRICTS = ['青禾区', '白沙区', '东湖区', '西城区', '临江县', '松溪县', '石门县', '清河区', '长乐县', '安宁区'];
const DEPARTMENTS = [
  '教育局', '财政局', '民政局', '司法局', '住房和城乡建设局', '市场监督管理局', '卫生健康局', '生态环境局', '交通运输局', '自然资源局',
  '人力资源和社会保障局', '农业农村局', '应急管理局', '医疗保障局', '退役军人事务局', '文化和旅游局', '水利局', '商务局', '统计局',
];
const TOWNS = ['桃源镇', '石桥镇', '新华街道', '河西街道', '龙泉镇', '城南街道', '白鹤乡', '金山街道', '柳林镇', '双塔街道'];
const OTHERS = ['行政审批服务局', '城市管理综合行政执法局', '投资促进中心', '公共资源交易中心'];

/** The organisation of unit `index` of a batch: distinct for every index below 8 × 10 × 44. */
function organizationFor(index, rng) {
  const units = [
    ...DEPARTMENTS.map((name) => ({ name, level: '部门' })),
    ...TOWNS.map((name) => ({ name, level: '乡镇街道' })),
    ...OTHERS.map((name) => ({ name, level: '其他' })),
    { name: '人民政府', level: '人民政府' },
  ];
  const per = units.length;
  const unit = units[index % per];
  const district = DISTRICTS[Math.floor(index / per) % DISTRICTS.length];
  const city = CITIES[Math.floor(index / (per * DISTRICTS.length)) % CITIES.length];
  const round = Math.floor(index / (per * DISTRICTS.length * CITIES.length));
  const place = `${city}${district}`;
  const name = unit.level === '人民政府' ? `${place}人民政府` : `${place}${unit.name}`;
  const short = district.replace(/[区县]$/, '');
  const department = unit.level === '人民政府' ? `${district}人民政府办公室` : unit.level === '乡镇街道' ? `${unit.name}党政办公室` : `${unit.name}办公室`;
  const host = `${['qh', 'bs', 'dh', 'xc', 'lj', 'sx', 'sm', 'qhe', 'cl', 'an'][DISTRICTS.indexOf(district)]}${round || ''}`;
  return {
    name: round ? `${name}（${round + 1}）` : name,
    level: unit.level,
    department,
    website: `http://www.${host}.example.gov.cn`,
    download_url: `${district}人民政府门户网站“政府信息公开”专栏（http://www.${host}.example.gov.cn/xxgk/ndbg/）`,
    contact: {
      address: `${city}${district}${rng.pick(['人民路', '建设路', '解放路', '中山路', '行政中心'])}${rng.int(1, 199)}号`,
      postcode: String(rng.int(100000, 869999)),
      phone: `0${rng.int(100, 999)}-${rng.int(6000_0000, 6999_9999)}`,
      email: `${host}zwgk@example.gov.cn`,
    },
    short,
    place,
  };
}

/** A signature date within the level's publication deadline (部门 by 1-31, others by 3-31). */
function signatureDate(rng, year, level) {
  const month = level === '部门' ? 1 : rng.int(1, 3);
  const day = month === 1 ? rng.int(10, 31) : rng.int(1, month === 2 ? 28 : 31);
  return `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ------------------------------------------------------------------ prose

/** Fills `{key}` slots; `{n:a-b}` is a number between a and b. */
function fill(rng, template, values) {
  return template.replace(/\{([a-zA-Z]+)(?::(\d+)-(\d+))?\}/g, (_, key, min, max) => {
    if (min !== undefined) return String(rng.int(Number(min), Number(max)));
    if (!(key in values)) throw new Error(`report-generator: no value for {${key}} in “${template}”`);
    return String(values[key]);
  });
}

/** A paragraph of `sentences` sentences drawn without repeats from a bank, joined as Chinese prose. */
function paragraph(rng, bank, values, sentences) {
  return paragraphs(rng, bank, values, [sentences])[0];
}

/** Paragraphs of the given sentence counts; no sentence of the bank is used twice while unused ones remain. */
function paragraphs(rng, bank, values, counts) {
  let pool = [];
  return counts.map((count) => {
    const chosen = [];
    for (let i = 0; i < count; i++) {
      if (pool.length === 0) pool = rng.sample(bank, bank.length).filter((template) => !chosen.includes(template));
      if (pool.length === 0) break;
      chosen.push(pool.shift());
    }
    return chosen.map((template) => fill(rng, template, values)).join('');
  });
}

const OPENINGS = [
  '{year}年，{self}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，认真贯彻落实《中华人民共和国政府信息公开条例》和国家、省、市关于政务公开工作的决策部署，以公开促落实、以公开强监管、以公开优服务，持续推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新的成效。',
  '{year}年，{self}深入贯彻《中华人民共和国政府信息公开条例》，紧紧围绕全{area}中心工作和人民群众关切，坚持“以公开为常态、不公开为例外”原则，进一步健全制度机制、拓展公开渠道、提升公开质量，政府信息公开工作规范化、标准化水平不断提升。',
  '{year}年，在上级政务公开主管部门的指导下，{self}把政务公开作为建设法治政府、服务型政府的重要抓手，主要负责同志专题研究政务公开工作{n:2-4}次，制定年度工作要点，明确{n:20-40}项具体任务和责任单位，推动各项工作落地见效。',
];

/** Sentence banks per sub-part of part 一 (and of the longer parts). Slots: {year} {self} {area} {n:a-b}. */
const BANKS = {
  proactive: {
    heading: '主动公开',
    subs: [
      ['重点领域信息公开', [
        '全年通过门户网站主动公开政府信息{n:1200-6800}条，其中机构职能、政策文件、财政预决算、重大建设项目、公共资源配置等重点领域信息{n:400-2600}条。',
        '按照财政预决算公开的统一要求，在批复后20日内公开部门预算、决算及“三公”经费情况，公开率达100%。',
        '及时公开重大建设项目批准和实施、公共资源交易、征地补偿等信息{n:60-400}条，主动接受社会监督。',
        '围绕义务教育入学、城镇老旧小区改造、养老服务补贴等群众关心的事项，集中发布政策文件和办事指南{n:30-160}条。',
        '规范发布行政许可、行政处罚等执法信息，“双公示”信息在作出决定之日起7个工作日内上网公开，全年公开{n:800-9000}条。',
        '在防汛抗旱、安全生产、食品安全等领域，第一时间发布预警和处置信息{n:20-180}条，保障群众知情权。',
        '持续做好乡村振兴、就业创业、社会救助等民生领域信息公开，发布政策措施和办理结果{n:40-260}条。',
        '按季度公开财政资金直达基层、政府采购意向和采购结果等信息，全年公开{n:30-200}条。',
      ]],
      ['政策解读与回应关切', [
        '坚持政策文件与解读方案同步组织、同步审签、同步部署，全年发布文字解读、图表解读、视频解读等解读材料{n:12-90}篇。',
        '主要负责同志通过新闻发布会、在线访谈等形式解读重要政策{n:3-15}次，用群众听得懂的语言讲清政策要点。',
        '建立舆情收集、会商、研判、回应机制，对涉及本{area}的政务舆情及时回应，全年回应社会关切{n:20-160}次。',
        '通过门户网站“意见征集”栏目公开征求意见{n:5-30}次，收到意见建议{n:60-400}条，采纳情况均已公开反馈。',
        '办理“12345”政务服务便民热线转办件{n:1200-9800}件，按时办结率{n:96-100}%，群众满意度持续提升。',
        '对涉及群众切身利益的重要决策，在作出决定前通过座谈会、听证会等形式听取意见，全年召开座谈会、听证会{n:3-20}次。',
        '在门户网站开设“政策问答”栏目，对企业和群众咨询较多的问题集中答复，全年发布问答{n:40-300}条。',
      ]],
      ['行政规范性文件管理', [
        '严格执行行政规范性文件合法性审核和集体审议制度，制发行政规范性文件{nd}件，全部按规定在门户网站“政策文件”栏目集中公开。',
        '组织开展行政规范性文件清理，废止{ndRepealed}件，现行有效行政规范性文件{ndInForce}件，清理结果在门户网站公布。',
        '建立行政规范性文件统一发布平台，做到文件、解读、图解“一站式”查询，并在文件页面标注有效性。',
        '对涉及市场主体经济活动的文件开展公平竞争审查，审查文件{n:5-40}件，未发现违反公平竞争审查标准的情形。',
        '行政规范性文件均在印发之日起20个工作日内报送备案，报备率、及时率和规范率均达到100%。',
        '对现行有效的行政规范性文件实行目录管理，每年更新一次，并在门户网站公开文件目录和文本。',
      ]],
    ],
  },
  requests: {
    heading: '依申请公开',
    subs: [
      ['办理情况', [
        '全年新收政府信息公开申请{newTotal}件，上年结转{carryIn}件，办理完毕{handled}件，结转下年度继续办理{carryOut}件，全部在法定期限内答复。',
        '从申请内容看，主要集中在征地拆迁、规划建设、社会保障、市场监管等领域，占申请总量的{n:55-80}%。',
        '从申请方式看，通过网上申请平台提交的占{online}%，通过信函、当面等方式提交的占{offline}%。',
        '对答复内容复杂、涉及第三方权益的申请，严格按规定征求第三方意见，依法作出答复。',
        '对申请内容不明确的，一次性告知申请人需要补正的事项和合理的补正期限，全年出具补正通知书{n:2-20}份。',
        '对申请公开的信息中含有不应当公开的内容但能够作区分处理的，向申请人提供可以公开的部分，并说明理由。',
      ]],
      ['工作机制', [
        '严格执行政府信息公开申请登记、审核、办理、答复、归档等工作制度，统一受理渠道，规范答复文书。',
        '建立疑难申请会商机制，由法制审核机构和业务科室共同研究答复意见，全年会商{n:3-20}次。',
        '对申请人提出的疑问，通过电话沟通、当面解释等方式做好释法说理，减少因答复不当引发的行政争议。',
        '编制依申请公开答复文书示范文本{n:8-20}种，统一答复格式和法律依据的引用方式。',
        '对多次申请中反映的共性问题进行梳理，将群众普遍关注的信息{n:10-60}条转为主动公开。',
        '依申请公开办理过程全程留痕，做到收文有登记、办理有记录、答复有依据、送达有回执。',
      ]],
    ],
  },
  management: {
    heading: '政府信息管理',
    subs: [
      ['公开属性认定与保密审查', [
        '落实政府信息公开属性源头认定机制，公文在拟制时即明确公开方式，全年审核拟公开信息{n:15-70}00余条。',
        '建立政府信息发布前保密审查“三审”制度，做到先审查、后公开，一事一审、全面审查，未发生泄密事件。',
        '对依申请公开较为集中的信息进行评估，将{n:5-40}件原定不予公开的文件调整为主动公开。',
        '定期对不予公开的政府信息进行评估审查，因情势变化可以公开的，及时转为主动公开。',
        '严格落实政府信息公开审查责任，明确审查主体、审查程序和审查标准，做到谁公开、谁审查、谁负责。',
        '组织开展政府信息公开保密审查专题培训，提升工作人员的保密意识和审查能力。',
      ]],
      ['信息更新与清理', [
        '对门户网站历史信息进行全面梳理，更新过时信息{n:60-400}条，修正错误链接{n:10-90}处。',
        '建立信息发布台账，明确各栏目的更新周期和责任人，定期通报栏目更新情况。',
        '按照个人信息保护的要求，对网站上公开的个人信息进行排查，删除、遮盖不当公开的个人信息{n:10-120}条。',
        '对已失效、废止的文件在原发布页面作出标注，避免误导企业和群众。',
        '建立信息发布纠错机制，发现错误信息第一时间更正并说明情况，全年更正信息{n:5-40}条。',
        '每月开展网站内容自查，重点检查空白栏目、错别字和链接失效等问题，发现问题立即整改。',
      ]],
    ],
  },
  platforms: {
    heading: '平台建设',
    subs: [
      ['政府网站', [
        '优化门户网站“政府信息公开”专栏，按照国家标准指引调整栏目设置，完善检索、订阅和无障碍浏览功能。',
        '门户网站全年发布信息{n:2000-9000}条，访问量{n:60-400}万人次，在全{area}政府网站绩效评估中位居前列。',
        '完成网站集约化平台迁移，统一技术标准、统一安全防护、统一运维监管，网站安全运行零事故。',
        '完善网站智能问答功能，整理常见问题{n:200-1200}条，为企业和群众提供全天候咨询服务。',
        '推进网站适老化和无障碍改造，提供大字版、语音播报等功能，方便老年人和残疾人获取信息。',
        '加强网站安全防护，开展安全检测{n:4-12}次，及时修复安全漏洞，确保网站平稳运行。',
      ]],
      ['政务新媒体', [
        '整合政务新媒体账号，关停运维能力不足的账号{n:1-6}个，“{short}发布”微信公众号全年发布信息{n:600-2400}条。',
        '建立政务新媒体信息内容“三审三校”制度，确保发布内容准确、规范。',
        '利用短视频平台发布政策解读、办事指南类短视频{n:20-160}条，累计播放{n:10-300}万次。',
        '开展政务新媒体季度检查，对更新不及时、互动回应差的账号进行通报并督促整改。',
        '推动政务新媒体与门户网站信息同步发布，形成信息发布、解读、回应的传播矩阵。',
        '在政务新媒体开设“政策速递”专栏，以图文、长图等形式推送惠企利民政策{n:40-260}期。',
      ]],
      ['查阅场所', [
        '在政务服务中心、档案馆、图书馆设立政府信息公开查阅点{n:3-8}个，提供纸质文件查阅和咨询服务。',
        '在政务服务中心设置政务公开专区，配备自助查询终端，为企业和群众提供政策咨询、信息查询等服务。',
        '查阅点全年接待群众查阅{n:200-1800}人次，提供咨询服务{n:300-2600}次。',
        '定期向档案馆、图书馆报送主动公开的政府信息，确保查阅点文件齐全、更新及时。',
        '在村（社区）便民服务站设置政务公开栏，公开惠民政策和办事指南，打通政务公开“最后一公里”。',
        '为查阅点配备专兼职工作人员，制定查阅服务规范，做到有人管、有制度、有记录。',
      ]],
    ],
  },
  oversight: {
    heading: '监督保障',
    subs: [
      ['组织领导', [
        '将政务公开工作纳入年度绩效考核，分值占比{n:2-5}%，压实各单位主体责任。',
        '调整充实政务公开工作领导小组，明确分管负责同志和工作机构，配备专兼职工作人员{n:2-12}名。',
        '把政务公开工作列入年度重点工作，与业务工作同部署、同检查、同考核。',
        '主要负责同志定期听取政务公开工作汇报，研究解决工作中的重大问题，全年专题研究{n:2-4}次。',
        '制定年度政务公开工作任务分解表，明确责任单位、完成时限和工作要求，按季度调度推进。',
        '健全政务公开工作机制，形成主要负责同志亲自抓、分管负责同志具体抓、工作机构抓落实的工作格局。',
      ]],
      ['培训与考核', [
        '组织政务公开业务培训{n:2-6}期，培训工作人员{n:80-500}人次，提升工作人员依法公开的意识和能力。',
        '每季度对所属单位网站和政务新媒体开展检查，通报问题{n:10-60}个，均已整改到位。',
        '主动邀请人大代表、政协委员、群众代表参与政务公开工作评议，收集意见建议{n:10-60}条。',
        '全年未发生因政府信息公开工作不到位被追究责任的情况。',
        '将《中华人民共和国政府信息公开条例》纳入干部学习培训内容，推动工作人员学条例、用条例。',
        '设立政务公开监督电话和电子邮箱，接受社会监督，对群众反映的问题及时核查处理。',
      ]],
    ],
  },
};

const PROBLEMS = [
  '{year}年，{self}政府信息公开工作取得了一定成效，但对照上级要求和群众期待，仍存在一些不足：一是部分单位政策解读形式较为单一，图解、视频等群众易于理解的解读方式运用不多；二是个别单位信息更新不够及时，基层政务公开标准化规范化水平有待提升；三是依申请公开答复文书的说理性还需加强。',
  '针对上述问题，{next}年将重点做好以下工作：一是丰富政策解读形式，推动主要负责同志带头解读重要政策；二是加强对所属单位政务公开工作的指导和监督，按月通报信息更新情况；三是组织开展依申请公开答复文书评查，编印常见情形答复范本，提升答复质量。',
  '关于上年度报告提出的问题，{self}已完成门户网站栏目优化调整，建立了信息发布“三审”制度，整改措施均已落实到位。',
  '此外，政务公开队伍专业化水平与新形势新要求还有差距，工作人员变动较为频繁，业务衔接不够顺畅。下一步将建立常态化培训机制，编制工作手册，确保工作连续稳定。',
  '在数据开放方面，公共数据开放的数量和质量还不够高，部分数据集更新不及时、格式不统一。下一步将梳理数据开放目录，推动高价值数据集优先开放，提升数据的可用性。',
  '在基层政务公开方面，部分村（社区）公开栏内容更新不及时、公开事项不够具体。下一步将指导乡镇（街道）对照标准目录完善公开事项，推动基层政务公开向村（社区）延伸。',
];

const OTHER = [
  '{year}年，{self}认真落实《{city}{year}年政务公开工作要点》，逐项分解任务，明确责任单位和完成时限，各项任务均已按期完成。',
  '全年办理人大代表建议{n:10-80}件、政协委员提案{n:10-90}件，办理复文均已按规定公开。',
  '组织开展“政府开放日”活动{n:2-8}次，邀请群众代表走进机关，实地了解政府工作，面对面听取意见建议。',
  '深化基层政务公开标准化规范化建设，编制完善{n:20-26}个领域基层政务公开标准目录，推动公开事项与办事服务深度融合。',
  '按照《政府信息公开信息处理费管理办法》的规定，严格规范信息处理费收取，未发生违规收费情况。',
];

/** Part 二 to 四 prose for the long variant: their own paragraphs instead of the generated sentence. */
function proactivePart(rng, v) {
  return [
    fill(rng, '{year}年，{self}严格按照《中华人民共和国政府信息公开条例》第二十条的规定，对规章、行政规范性文件、行政许可、行政处罚、行政强制和行政事业性收费等信息进行主动公开。全年制发行政规范性文件{nd}件，废止{ndRepealed}件，现行有效{ndInForce}件；作出行政许可决定{license}件、行政处罚决定{penalty}件、行政强制决定{coercion}件。具体情况如下表。', v),
  ];
}

function requestsPart(rng, v) {
  return [
    fill(rng, '{year}年，{self}新收政府信息公开申请{newTotal}件，上年结转{carryIn}件。本年度办理完毕{handled}件，其中予以公开{granted}件，部分公开{partial}件，本机关不掌握相关政府信息{nohold}件；结转下年度继续办理{carryOut}件。所有申请均在法定期限内答复，未发生因逾期答复被复议或起诉的情况。', v),
    paragraph(rng, BANKS.requests.subs[1][1], v, 3),
  ];
}

function reviewPart(rng, v) {
  return [
    fill(rng, '{year}年，{self}因政府信息公开工作被申请行政复议{rvTotal}件，被提起行政诉讼{litTotal}件。对复议和诉讼中发现的答复不规范等问题，逐案分析原因，及时整改，并将典型案例纳入业务培训内容，以案促改、以案促学。具体情况如下表。', v),
  ];
}

/** Size presets: sub-parts of part 一 and how much each holds. */
export const REPORT_SIZES = {
  short: { subHeadings: false, paragraphsPerPart: 1, sentences: [2, 2], problems: 2, other: 1, partsTwoToFour: false },
  medium: { subHeadings: false, paragraphsPerPart: 2, sentences: [3, 4], problems: 3, other: 2, partsTwoToFour: false },
  long: { subHeadings: true, paragraphsPerPart: 2, sentences: [3, 3], problems: 6, other: 4, partsTwoToFour: true },
};

const SIZE_NAMES = Object.keys(REPORT_SIZES);

/**
 * One report. `index` (default 0) chooses the organisation, so the reports of
 * a batch (index 0, 1, 2, …) have distinct names and thus distinct output files.
 */
export function generateReport(seed, options = {}) {
  const rng = createRng(seed);
  const index = options.index ?? 0;
  const year = options.year ?? 2024;
  const sizeName = options.size ?? 'medium';
  const size = REPORT_SIZES[sizeName];
  if (!size) throw new Error(`report-generator: size must be one of ${SIZE_NAMES.join(', ')}`);
  const organization = organizationFor(index, rng);
  const scale = organization.level === '人民政府' ? rng.int(40, 160) : organization.level === '部门' ? rng.int(5, 60) : rng.int(0, 15);
  const tables = generateTables(rng, scale, organization.level);
  const requests = tables.requests;
  const values = {
    year,
    next: year + 1,
    self: organization.level === '人民政府' ? `${organization.short}${organization.place.endsWith('县') ? '县' : '区'}人民政府` : '本机关',
    area: organization.place.endsWith('县') ? '县' : '区',
    city: organization.place.slice(0, 3),
    short: organization.short,
    nd: tables.proactive.nd_issued,
    ndRepealed: tables.proactive.nd_repealed,
    ndInForce: tables.proactive.nd_in_force,
    license: tables.proactive.license_decisions,
    penalty: tables.proactive.penalty_decisions,
    coercion: tables.proactive.coercion_decisions,
    newTotal: requests.new.tot,
    carryIn: requests.carry_in.tot,
    handled: requests.total.tot,
    carryOut: requests.carry_out.tot,
    granted: requests.granted.tot,
    partial: requests.partial.tot,
    nohold: requests.unable_nohold.tot,
    rvTotal: tables.review_litigation.rv_total,
    litTotal: tables.review_litigation.lit_direct_total + tables.review_litigation.lit_after_total,
    online: rng.int(40, 75),
  };
  values.offline = 100 - values.online;
  const sentences = () => rng.int(size.sentences[0], size.sentences[1]);

  const overview = [fill(rng, rng.pick(OPENINGS), values)];
  for (const key of ['proactive', 'requests', 'management', 'platforms', 'oversight']) {
    const bank = BANKS[key];
    let body;
    if (size.subHeadings) {
      body = bank.subs.map(([heading, sentenceBank]) => ({
        heading,
        body: paragraphs(rng, sentenceBank, values, Array.from({ length: size.paragraphsPerPart }, sentences)),
      }));
    } else {
      const all = bank.subs.flatMap(([, sentenceBank]) => sentenceBank);
      body = paragraphs(rng, all, values, Array.from({ length: size.paragraphsPerPart }, sentences));
    }
    overview.push({ heading: bank.heading, body });
  }
  const problems = PROBLEMS.slice(0, size.problems).map((template) => fill(rng, template, values));
  const other = rng.sample(OTHER, size.other).map((template) => fill(rng, template, values));
  const feeCount = organization.level === '部门' && rng.chance(0.15) ? rng.int(1, 3) : 0;

  return {
    format: 'v2021',
    year,
    organization: {
      name: organization.name,
      level: organization.level,
      department: organization.department,
      website: organization.website,
      download_url: organization.download_url,
      contact: organization.contact,
    },
    signature: { date: signatureDate(rng, year, organization.level) },
    narrative: {
      overview,
      proactive: size.partsTwoToFour ? proactivePart(rng, values) : [],
      requests: size.partsTwoToFour ? requestsPart(rng, values) : [],
      review_litigation: size.partsTwoToFour ? reviewPart(rng, values) : [],
      problems,
      other,
    },
    tables,
    fee: { count: feeCount, amount_yuan: feeCount ? feeCount * rng.int(1, 20) * 10 : 0 },
  };
}

/**
 * `count` reports with distinct organisations; sizes follow `sizes` (default:
 * mostly medium, some short and long, as a city's units would be).
 */
export function generateReports(count, seed, options = {}) {
  const rng = createRng(seed ^ 0x5bd1e995);
  const mix = options.sizes ?? ['short', 'medium', 'medium', 'medium', 'long'];
  return Array.from({ length: count }, (_, index) =>
    generateReport((seed + index * 7919) | 0, { ...options, index, size: options.size ?? rng.pick(mix) }),
  );
}

/** The report as a YAML data file, as a clerk would write it. */
export function reportYaml(report) {
  return `# 由 scripts/report-generator.mjs 生成的演示数据（机关为虚构）\n${stringify(report, { lineWidth: 0 })}`;
}

/** A file name for a report: `{index}-{organisation}.yaml`. */
export function reportFileName(report, index) {
  return `${String(index).padStart(4, '0')}-${report.organization.name}.yaml`;
}
