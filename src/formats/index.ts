/**
 * The list of formats xxgk ships — the one place outside a format's own
 * folder that names a format version. Newest first: the first is the default
 * for data without a usable year. Adding a version is a folder under
 * src/formats/ and templates/, and a line here.
 */
import type { ReportLegacy } from './legacy/schema.js';
import { legacyFormat } from './legacy/index.js';
import { createFormatRegistry, type AnyFormat } from './registry.js';
import type { ReportV2019 } from './v2019/schema.js';
import { v2019Format } from './v2019/index.js';
import type { ReportV2021 } from './v2021/schema.js';
import { v2021Format } from './v2021/index.js';

export const BUILT_IN_FORMATS: readonly AnyFormat[] = [v2021Format, v2019Format, legacyFormat];

/** The registry every command uses unless given another. */
export const builtInFormats = createFormatRegistry(BUILT_IN_FORMATS);

/** A report of any built-in format. */
export type AnyReport = ReportV2021 | ReportV2019 | ReportLegacy;

export { legacyFormat, v2019Format, v2021Format };
export type { ReportLegacy, ReportV2019, ReportV2021 };
export type { ReportV2021Input } from './v2021/schema.js';
