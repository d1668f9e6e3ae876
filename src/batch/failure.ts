/** One Chinese sentence for a unit that failed, whatever it threw. */
import { TemplateError } from '../compose/errors.js';
import { TemplateMarkupError } from '../compose/markup.js';
import { FontError } from '../fonts/errors.js';
import { ReportReadError } from '../io/load.js';
import { OutputWriteError } from '../io/output-file.js';

export function describeFailure(error: unknown): string {
  if (
    error instanceof ReportReadError ||
    error instanceof OutputWriteError ||
    error instanceof TemplateError ||
    error instanceof TemplateMarkupError ||
    error instanceof FontError
  ) {
    return error.message;
  }
  // Errors the user can act on carry Chinese messages; anything else is our fault.
  const message = error instanceof Error ? error.message : String(error);
  return /[\u4e00-\u9fff]/.test(message) ? message : `程序内部出错（${message}）`;
}
