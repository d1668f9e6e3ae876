/**
 * Imported first by the page: zod compiles its object parsers with `new
 * Function` unless told not to, and probing for it under the page's CSP
 * (no 'unsafe-eval') is reported as a violation — Firefox shows it as an
 * error in the page. Set before any schema is made (the formats' modules make
 * theirs as they load).
 */
import { config } from 'zod';

config({ jitless: true });
