/**
 * The six parts of the report as lists of paragraphs and sub-headings, edited
 * in text boxes with buttons to add, move and remove: no markup to learn.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AnyFormat } from '../../formats/registry.js';
import { placeOfPath } from '../../validate/place.js';
import { memo } from 'preact/compat';
import { paragraphKey } from './model.js';
import { inputId } from './tables.js';

type Block = string | { heading: string; body: Block[] };

const move = <T,>(list: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
};

/** The id of a narrative block's text box, from its data path below `narrative` (`['requests', 0]`, `['overview', 2, 'body', 0]`). */
export const blockId = (path: readonly (string | number)[]): string => {
  const [part, ...rest] = path.filter((segment) => segment !== 'body' && segment !== 'text');
  return `part-${String(part)}-b-${rest.join('-')}`;
};

/** Moves focus to the table cell (or, for a sum of cells, the table) a text-versus-table warning sets against the sentence. */
function focusRelated(diagnostic: Diagnostic) {
  const place = diagnostic.related?.place;
  let target: HTMLElement | null = null;
  if (place?.table && place.row && place.column) target = document.getElementById(inputId(`${place.table.id}:${place.row.id}:${place.column.id}`));
  else if (place?.table) {
    target = document.getElementById(`caption-${place.table.id}`);
    target?.setAttribute('tabindex', '-1');
  }
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}

const relatedLabel = (diagnostic: Diagnostic): string | undefined => {
  const place = diagnostic.related?.place;
  if (!place?.table) return undefined;
  return place.row && place.column ? `转到表格中的「${place.row.label}」行「${place.column.label}」列` : `转到「${place.table.label}」`;
};

/** The warnings of one paragraph, beside it, each with a link to the table cell it contradicts. */
function ParagraphProblems(props: { id: string; problems: Diagnostic[] | undefined }) {
  if (!props.problems?.length) return null;
  return (
    <div class="cell-message paragraph-message" id={props.id}>
      {props.problems.map((d) => {
        const link = relatedLabel(d);
        return (
          <p class={d.severity}>
            {d.severity === 'error' ? '错误' : '提醒'}：{d.message}
            {link ? (
              <>
                {' '}
                <button type="button" class="link" onClick={() => focusRelated(d)}>
                  {link}
                </button>
              </>
            ) : null}
          </p>
        );
      })}
    </div>
  );
}

function BlockList(props: {
  blocks: Block[];
  label: string;
  idPrefix: string;
  /** The blocks' data path below `narrative`. */
  path: readonly (string | number)[];
  byCell: Map<string, Diagnostic[]>;
  onChange: (blocks: Block[]) => void;
  nested?: boolean;
}) {
  const { blocks, onChange } = props;
  const set = (index: number, block: Block) => onChange(blocks.map((b, i) => (i === index ? block : b)));
  return (
    <div class="blocks">
      {blocks.map((block, index) => {
        const n = index + 1;
        const controls = (
          <div class="block-buttons">
            <button type="button" onClick={() => onChange(move(blocks, index, index - 1))} disabled={index === 0}>
              上移<span class="visually-hidden">{`${props.label}第 ${n} 项`}</span>
            </button>
            <button type="button" onClick={() => onChange(move(blocks, index, index + 1))} disabled={index === blocks.length - 1}>
              下移<span class="visually-hidden">{`${props.label}第 ${n} 项`}</span>
            </button>
            <button type="button" onClick={() => onChange(blocks.filter((_, i) => i !== index))}>
              删除<span class="visually-hidden">{`${props.label}第 ${n} 项`}</span>
            </button>
          </div>
        );
        const problems = props.byCell.get(paragraphKey([...props.path, index]));
        const messageId = `${props.idPrefix}-${index}-msg`;
        if (typeof block === 'string') {
          return (
            <div class={`block${problems?.length ? ' has-warning' : ''}`}>
              <label for={`${props.idPrefix}-${index}`}>{`${props.label}第 ${n} 段`}</label>
              <textarea
                id={`${props.idPrefix}-${index}`}
                rows={4}
                value={block}
                aria-describedby={problems?.length ? messageId : undefined}
                onInput={(e) => set(index, (e.currentTarget as HTMLTextAreaElement).value)}
              />
              <ParagraphProblems id={messageId} problems={problems} />
              {controls}
            </div>
          );
        }
        return (
          <div class={`block heading-block${problems?.length ? ' has-warning' : ''}`}>
            <label for={`${props.idPrefix}-${index}`}>{`${props.label}第 ${n} 项：小标题`}</label>
            <input
              id={`${props.idPrefix}-${index}`}
              type="text"
              value={block.heading}
              aria-describedby={problems?.length ? messageId : undefined}
              onInput={(e) => set(index, { ...block, heading: (e.currentTarget as HTMLInputElement).value })}
            />
            <ParagraphProblems id={messageId} problems={problems} />
            <BlockList
              blocks={block.body ?? []}
              label={`「${block.heading}」下`}
              idPrefix={`${props.idPrefix}-${index}`}
              path={[...props.path, index, 'body']}
              byCell={props.byCell}
              nested
              onChange={(body) => set(index, { ...block, body })}
            />
            {controls}
          </div>
        );
      })}
      <div class="block-buttons">
        <button type="button" onClick={() => onChange([...blocks, ''])}>
          添加段落<span class="visually-hidden">{`（${props.label}）`}</span>
        </button>
        {props.nested ? null : (
          <button type="button" onClick={() => onChange([...blocks, { heading: '', body: [''] }])}>
            添加小标题<span class="visually-hidden">{`（${props.label}）`}</span>
          </button>
        )}
      </div>
    </div>
  );
}

/** A sentence xxgk drafts from the numbers for a part (api.ts draftedSentences), and the narrative part it is printed in. */
export interface DraftedPart {
  part: string;
  narrative: string;
  sentences: string[];
}
export interface Drafts {
  drafts: DraftedPart[];
  off: { part: string; narrative: string }[];
}

/** A drafted sentence shown as what it is: printed unless the clerk writes the part, with 采用 and 不要这句. */
function DraftBox(props: { draft: DraftedPart; label: string; onAccept: () => void; onReject: () => void }) {
  const id = `draft-${props.draft.part}`;
  return (
    <div class="draft" role="group" aria-labelledby={`${id}-h`} id={id}>
      <p class="draft-label" id={`${id}-h`}>
        <strong>草稿</strong>：没有填写说明文字，报告中将按表中数字印出下面这句
        {props.draft.part === 'fee' ? '（信息处理费收取情况）' : ''}
      </p>
      {props.draft.sentences.map((sentence) => (
        <p class="draft-text">{sentence}</p>
      ))}
      <div class="block-buttons">
        <button type="button" onClick={props.onAccept}>
          采用<span class="visually-hidden">{`这句草稿作为${props.label}的段落`}</span>
        </button>
        <button type="button" onClick={props.onReject}>
          不要这句<span class="visually-hidden">{`（${props.label}）`}</span>
        </button>
      </div>
    </div>
  );
}

/** The six parts, drawn again only when the narrative, its messages or the drafts change (not on a table keystroke). */
export const Narrative = memo(function Narrative(props: {
  narrative: unknown;
  format: AnyFormat;
  /** The narrative's diagnostics by part and paragraph (see problemsSlice). */
  byCell: Map<string, Diagnostic[]>;
  drafts?: Drafts | undefined;
  onChange: (path: readonly (string | number)[], value: unknown) => void;
}) {
  const narrative = (props.narrative ?? {}) as Record<string, Block[]>;
  return (
    <div>
      {Object.keys(narrative).map((part) => {
        const label = placeOfPath(props.format, ['narrative', part])?.part?.label ?? part;
        const problems = props.byCell.get(`part:${part}`);
        const blocks = narrative[part] ?? [];
        const drafted = props.drafts?.drafts.filter((draft) => draft.narrative === part) ?? [];
        const off = blocks.length === 0 ? (props.drafts?.off.filter((entry) => entry.narrative === part) ?? []) : [];
        return (
          <section class="part" id={`part-${part}`} aria-labelledby={`part-${part}-h`}>
            <h3 id={`part-${part}-h`}>{label}</h3>
            {problems?.length ? (
              <div class="cell-message">
                {problems.map((d) => (
                  <p>{d.message}</p>
                ))}
              </div>
            ) : null}
            {drafted.map((draft) => (
              <DraftBox
                draft={draft}
                label={label}
                // The sentence becomes the part's own first paragraph (the fee sentence is printed first in its part).
                onAccept={() => props.onChange(['narrative', part], [...draft.sentences, ...blocks])}
                onReject={() => props.onChange(['drafts', draft.part], false)}
              />
            ))}
            {off.map((entry) => (
              <p class="hint">
                这部分没有说明文字，也不自动生成。{' '}
                <button type="button" onClick={() => props.onChange(['drafts', entry.part], undefined)}>
                  恢复自动生成的说明<span class="visually-hidden">{`（${label}）`}</span>
                </button>
              </p>
            ))}
            {blocks.length === 0 && drafted.length === 0 && off.length === 0 ? <p class="hint">不写说明时，按表中数字自动生成一句说明。</p> : null}
            <BlockList blocks={blocks} label={label} idPrefix={`part-${part}-b`} path={[part]} byCell={props.byCell} onChange={(list) => props.onChange(['narrative', part], list)} />
          </section>
        );
      })}
    </div>
  );
});
