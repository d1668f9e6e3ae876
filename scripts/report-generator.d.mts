/** Types of scripts/report-generator.mjs (a seeded generator of realistic v2021 reports). */
import type { ReportV2021Input } from '../src/formats/v2021/schema.js';

export type ReportSize = 'short' | 'medium' | 'long';

export interface SizePreset {
  subHeadings: boolean;
  paragraphsPerPart: number;
  sentences: [number, number];
  problems: number;
  other: number;
  partsTwoToFour: boolean;
}

export interface GenerateOptions {
  /** short ≈ 6–7 pages, medium ≈ 8–9, long ≈ 13 (default medium). */
  size?: ReportSize;
  /** Chooses the organisation; reports with different indexes have different names. */
  index?: number;
  /** Report year (default 2024). */
  year?: number;
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  sample<T>(list: readonly T[], count: number): T[];
  chance(p: number): boolean;
}

export const REPORT_SIZES: Readonly<Record<ReportSize, SizePreset>>;
export function createRng(seed: number): Rng;
export function generateReport(seed: number, options?: GenerateOptions): ReportV2021Input;
export function generateReports(count: number, seed: number, options?: GenerateOptions & { sizes?: readonly ReportSize[] }): ReportV2021Input[];
export function reportYaml(report: ReportV2021Input): string;
export function reportFileName(report: ReportV2021Input, index: number): string;
