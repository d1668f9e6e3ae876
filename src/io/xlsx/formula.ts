/**
 * Evaluates the simple formulas a statistics workbook holds when a program
 * saved them without their results: numbers, cell references and ranges (on
 * the same or another sheet), + − × ÷, parentheses, SUM, ROUND and ABS.
 * Anything else is reported rather than guessed.
 */
import { parseAddress } from './workbook-reader.js';

export class FormulaError extends Error {
  override name = 'FormulaError';
}

/** Value of the cell at (row, col) of `sheet` (undefined: the formula's own sheet). */
export type CellResolver = (sheet: string | undefined, row: number, col: number) => number;

type Token =
  | { type: 'number'; value: number }
  | { type: 'ref'; sheet?: string; from: RefPart; to?: RefPart }
  | { type: 'func'; name: string }
  | { type: 'op'; value: string };

interface RefPart {
  row: number;
  col: number;
  rowAbsolute: boolean;
  colAbsolute: boolean;
}

const REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/;

function refPart(text: string): { part: RefPart; length: number } | undefined {
  const match = REF.exec(text);
  if (!match) return undefined;
  const position = parseAddress(`${match[2]}${match[4]}`);
  if (!position) return undefined;
  return {
    part: { row: position[0], col: position[1], colAbsolute: match[1] === '$', rowAbsolute: match[3] === '$' },
    length: match[0].length,
  };
}

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const text = formula.trim().replace(/^=/, '');
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number && !/^[A-Za-z]/.test(rest)) {
      tokens.push({ type: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    // Sheet-qualified reference: 'Sheet name'!A1 or Sheet1!A1.
    let sheet: string | undefined;
    let consumed = 0;
    const quoted = /^'((?:[^']|'')+)'!/.exec(rest);
    const bare = /^([^\s'!()+\-*/,:=<>&^"]+)!/.exec(rest);
    if (quoted) {
      sheet = quoted[1]!.replace(/''/g, "'");
      consumed = quoted[0].length;
    } else if (bare) {
      sheet = bare[1]!;
      consumed = bare[0].length;
    }
    const func = consumed === 0 ? /^([A-Za-z][A-Za-z0-9.]*)\s*\(/.exec(rest) : null;
    if (func) {
      tokens.push({ type: 'func', name: func[1]!.toUpperCase() });
      i += func[0].length;
      continue;
    }
    const from = refPart(rest.slice(consumed));
    if (from) {
      let length = consumed + from.length;
      let to: RefPart | undefined;
      if (rest[length] === ':') {
        const second = refPart(rest.slice(length + 1));
        if (second) {
          to = second.part;
          length += 1 + second.length;
        }
      }
      tokens.push({ type: 'ref', ...(sheet !== undefined ? { sheet } : {}), from: from.part, ...(to ? { to } : {}) });
      i += length;
      continue;
    }
    if ('+-*/(),'.includes(ch)) {
      tokens.push({ type: 'op', value: ch });
      i++;
      continue;
    }
    throw new FormulaError(`公式中有无法计算的内容“${rest.slice(0, 12)}”`);
  }
  return tokens;
}

/**
 * Evaluates `formula`. `offset` shifts relative references, for a shared
 * formula's follower cell (its position minus the master's).
 */
export function evaluateFormula(formula: string, resolve: CellResolver, offset = { rows: 0, cols: 0 }): number {
  const tokens = tokenize(formula);
  let p = 0;
  const peek = () => tokens[p];
  const shift = (part: RefPart): [number, number] => [part.row + (part.rowAbsolute ? 0 : offset.rows), part.col + (part.colAbsolute ? 0 : offset.cols)];

  const values = (token: Extract<Token, { type: 'ref' }>): number[] => {
    const [r1, c1] = shift(token.from);
    const [r2, c2] = token.to ? shift(token.to) : [r1, c1];
    if ((Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1) > 100_000) throw new FormulaError('公式引用的区域过大');
    const out: number[] = [];
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) out.push(resolve(token.sheet, r, c));
    }
    return out;
  };

  const args = (): number[][] => {
    const list: number[][] = [];
    if (peek()?.type === 'op' && (peek() as { value: string }).value === ')') {
      p++;
      return list;
    }
    for (;;) {
      const token = peek();
      const next = tokens[p + 1];
      if (token?.type === 'ref' && token.to && (!next || (next.type === 'op' && (next.value === ',' || next.value === ')')))) {
        p++;
        list.push(values(token));
      } else {
        list.push([expression()]);
      }
      const separator = tokens[p++];
      if (separator?.type === 'op' && separator.value === ')') return list;
      if (!(separator?.type === 'op' && separator.value === ',')) throw new FormulaError('公式的括号或逗号不完整');
    }
  };

  const primary = (): number => {
    const token = tokens[p++];
    if (!token) throw new FormulaError('公式不完整');
    switch (token.type) {
      case 'number':
        return token.value;
      case 'ref': {
        const list = values(token);
        if (list.length !== 1) throw new FormulaError('区域只能用在 SUM 等函数中');
        return list[0]!;
      }
      case 'func': {
        const list = args();
        const flat = list.flat();
        switch (token.name) {
          case 'SUM':
            return flat.reduce((a, b) => a + b, 0);
          case 'ABS':
            if (list.length !== 1) throw new FormulaError('ABS 只能有一个参数');
            return Math.abs(flat[0]!);
          case 'ROUND': {
            if (list.length !== 2) throw new FormulaError('ROUND 需要两个参数');
            const factor = 10 ** flat[1]!;
            return Math.round(flat[0]! * factor) / factor;
          }
          default:
            throw new FormulaError(`不支持的函数 ${token.name}`);
        }
      }
      case 'op':
        if (token.value === '(') {
          const value = expression();
          const close = tokens[p++];
          if (!(close?.type === 'op' && close.value === ')')) throw new FormulaError('公式的括号不完整');
          return value;
        }
        if (token.value === '-') return -primary();
        if (token.value === '+') return primary();
        throw new FormulaError(`公式中多了“${token.value}”`);
    }
  };

  const term = (): number => {
    let value = primary();
    for (let token = peek(); token?.type === 'op' && (token.value === '*' || token.value === '/'); token = peek()) {
      p++;
      const right = primary();
      if (token.value === '/' && right === 0) throw new FormulaError('公式中除以 0');
      value = token.value === '*' ? value * right : value / right;
    }
    return value;
  };

  function expression(): number {
    let value = term();
    for (let token = peek(); token?.type === 'op' && (token.value === '+' || token.value === '-'); token = peek()) {
      p++;
      const right = term();
      value = token.value === '+' ? value + right : value - right;
    }
    return value;
  }

  const result = expression();
  if (p !== tokens.length) throw new FormulaError('公式中有多余的内容');
  return result;
}
