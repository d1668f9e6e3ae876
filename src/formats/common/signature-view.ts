/**
 * What the signature template sees in the six-part formats. A report being
 * written always has a name and a date; one reproduced as published may have
 * neither (nothing is printed), or a name without a date (only the name).
 */
import { chineseDate } from '../../text/numbering.js';
import { oneLine } from '../../text/paragraphs.js';

export interface SignatureView {
  present: boolean;
  names: string[];
  /** '' when the report gives no date. */
  date: string;
}

export function signatureView(signature: { name?: string | undefined; date?: string | undefined } | undefined, organization: string): SignatureView {
  if (!signature) return { present: false, names: [], date: '' };
  return { present: true, names: [oneLine(signature.name ?? organization)], date: signature.date ? chineseDate(signature.date) : '' };
}
