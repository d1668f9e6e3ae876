/** The section templates of the 2021 format (templates/v2021/), also the base of the 2019 format's. */
import type { FormatTemplates } from '../format.js';

export const v2021Templates: FormatTemplates = {
  folder: 'v2021',
  sections: [
    'title',
    'preamble',
    'part1-overview',
    'part2-proactive',
    'part3-requests',
    'part4-review',
    'part5-problems',
    'part6-other',
    'signature',
  ],
};
