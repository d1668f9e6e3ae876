/**
 * The six parts of the report as lists of paragraphs and sub-headings, edited
 * in text boxes with buttons to add, move and remove: no markup to learn.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AnyFormat } from '../../formats/registry.js';
import { placeOfPath } from '../../validate/place.js';
import type { Data } from './model.js';

type Block = string | { heading: string; body: Block[] };

const move = <T,>(list: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
};

function BlockList(props: { blocks: Block[]; label: string; idPrefix: string; onChange: (blocks: Block[]) => void; nested?: boolean }) {
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
        if (typeof block === 'string') {
          return (
            <div class="block">
              <label for={`${props.idPrefix}-${index}`}>{`${props.label}第 ${n} 段`}</label>
              <textarea id={`${props.idPrefix}-${index}`} rows={4} value={block} onInput={(e) => set(index, (e.currentTarget as HTMLTextAreaElement).value)} />
              {controls}
            </div>
          );
        }
        return (
          <div class="block heading-block">
            <label for={`${props.idPrefix}-${index}`}>{`${props.label}第 ${n} 项：小标题`}</label>
            <input id={`${props.idPrefix}-${index}`} type="text" value={block.heading} onInput={(e) => set(index, { ...block, heading: (e.currentTarget as HTMLInputElement).value })} />
            <BlockList blocks={block.body ?? []} label={`「${block.heading}」下`} idPrefix={`${props.idPrefix}-${index}`} nested onChange={(body) => set(index, { ...block, body })} />
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

export function Narrative(props: { data: Data; format: AnyFormat; byCell: Map<string, Diagnostic[]>; onChange: (path: readonly (string | number)[], value: unknown) => void }) {
  const narrative = (props.data.narrative ?? {}) as Record<string, Block[]>;
  return (
    <div>
      {Object.keys(narrative).map((part) => {
        const label = placeOfPath(props.format, ['narrative', part])?.part?.label ?? part;
        const problems = props.byCell.get(`part:${part}`);
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
            {narrative[part]!.length === 0 ? <p class="hint">不写说明时，按表中数字自动生成一句说明。</p> : null}
            <BlockList blocks={narrative[part] ?? []} label={label} idPrefix={`part-${part}-b`} onChange={(blocks) => props.onChange(['narrative', part], blocks)} />
          </section>
        );
      })}
    </div>
  );
}
