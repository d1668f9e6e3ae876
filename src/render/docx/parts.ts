/**
 * Package parts the `docx` library cannot write as we need them, given to
 * `Packer` as overrides (its documented way to replace a part).
 *
 * - `word/settings.xml`: the library has no option for `w:mirrorMargins`,
 *   `w:characterSpacingControl` or `w:themeFontLang`; elements are written in
 *   the CT_Settings sequence order, which Word checks.
 * - `docProps/core.xml`: the library writes no `dc:language`, and stamps the
 *   creation time; ours has the title, organisation and language only, so the
 *   part depends on the document alone.
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]!};`);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function settingsXml(options: { mirrorMargins: boolean; evenAndOddHeaders: boolean }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<w:settings xmlns:w="${W}">`,
    '<w:displayBackgroundShape/>',
    options.mirrorMargins ? '<w:mirrorMargins/>' : '',
    // Word's 默认制表位 for 3号 Chinese text: two characters.
    '<w:defaultTabStop w:val="640"/>',
    options.evenAndOddHeaders ? '<w:evenAndOddHeaders/>' : '',
    // Full-width punctuation keeps its whole cell, so every line holds exactly 28 cells (spec §6.3).
    '<w:characterSpacingControl w:val="doNotCompress"/>',
    '<w:compat>',
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>',
    '</w:compat>',
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>',
    '</w:settings>',
  ].join('');
}

export function coreXml(meta: { title: string; creator: string; language: string }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties',
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:dcterms="http://purl.org/dc/terms/"',
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"',
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(meta.title)}</dc:title>`,
    meta.creator ? `<dc:creator>${escapeXml(meta.creator)}</dc:creator>` : '',
    `<dc:language>${escapeXml(meta.language)}</dc:language>`,
    '</cp:coreProperties>',
  ].join('');
}
