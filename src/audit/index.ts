export { AUDIT_STATUS_LABELS, auditDocuments, type AuditedReport, type AuditInput, type AuditOptions, type AuditResult, type AuditStatus } from './audit.js';
export { auditWorkbook, PROBLEM_SHEET_NAME, UNIT_SHEET_NAME } from './workbook.js';
export { bodyKey, sameBody } from './bodies.js';
