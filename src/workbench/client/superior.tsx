/**
 * The superior office's screen (汇总各单位): units' workbooks and data files
 * chosen from the working folder or dropped on the page, an optional list of
 * the units expected to report, then one row per unit with its status, the
 * summed tables laid out by the server (aggregate/overview.ts), 明细 and
 * 问题清单, and the 汇总 workbook and data file to download.
 */
import { useRef, useState } from 'preact/hooks';
import type { Overview, OverviewTable, OverviewUnit, UnitStatus } from '../../aggregate/overview.js';
import { ApiError, call, download, render } from './api.js';

interface FileEntry {
  name: string;
  kind: 'data' | 'workbook';
}
interface Upload {
  name: string;
  base64: string;
}

const UNIT_FILE = /\.(ya?ml|json|xlsx|xlsm)$/i;

/** Status as text and a mark, never by colour alone. */
export const STATUS_LABELS: Record<UnitStatus, { mark: string; text: string }> = {
  valid: { mark: '✓', text: '有效' },
  warnings: { mark: '!', text: '有提示' },
  errors: { mark: '✗', text: '有错误' },
  unreadable: { mark: '✗', text: '无法读取' },
  missing: { mark: '—', text: '缺报' },
};

function base64Of(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

const messageOf = (error: unknown) => (error instanceof ApiError || error instanceof Error ? error.message : String(error));
const unitName = (unit: OverviewUnit) => unit.organization || unit.file || '（无名单位）';

function SummedTable(props: { table: OverviewTable }) {
  const { table } = props;
  return (
    <div class="table-scroll" role="region" aria-labelledby={`sum-${table.id}-h`} tabIndex={0}>
      <h3 id={`sum-${table.id}-h`}>{table.caption}</h3>
      <table class="grid summed" id={`sum-${table.id}`}>
        <caption class="visually-hidden">{`${table.caption}（汇总）`}</caption>
        <tbody>
          {table.rows.map((row, index) => (
            <tr>
              {row.map((cell) => {
                const attributes = { rowSpan: cell.rowSpan, colSpan: cell.colSpan, class: cell.align === 'left' ? 'left' : 'center' };
                if (!cell.header) {
                  return (
                    <td {...attributes} {...(cell.key !== undefined ? { 'data-key': cell.key, class: 'number' } : {})}>
                      {cell.text}
                    </td>
                  );
                }
                const scope = index < table.headerRows ? (cell.colSpan > 1 ? 'colgroup' : 'col') : cell.rowSpan > 1 ? 'rowgroup' : 'row';
                return (
                  <th scope={scope} {...attributes}>
                    {cell.text}
                  </th>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UnitProblems(props: { unit: OverviewUnit }) {
  const { unit } = props;
  return (
    <section aria-labelledby="unit-problems-h" class="card unit-problems">
      <h3 id="unit-problems-h" tabIndex={-1}>
        {unitName(unit)} 的问题
      </h3>
      {unit.file ? <p>文件：{unit.file}</p> : null}
      {unit.status === 'missing' ? <p>没有收到这个单位的工作簿或数据文件。</p> : null}
      {unit.diagnostics.length === 0 && unit.status !== 'missing' ? <p>没有发现问题。</p> : null}
      <ul>
        {unit.diagnostics.map((d) => (
          <li class={d.severity === 'error' ? 'error' : 'warning'}>
            {d.severity === 'error' ? '错误' : '提示'}：{d.message}
            {d.place || d.line !== null ? (
              <span class="place">
                （位置：{[d.place, d.line !== null ? `第 ${d.line} 行${d.column !== null ? `第 ${d.column} 列` : ''}` : null].filter(Boolean).join('；')}）
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Results(props: { overview: Overview; onDownload: (kind: 'xlsx' | 'yaml') => void; busy: boolean }) {
  const { overview } = props;
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const counts = (status: UnitStatus) => overview.units.filter((unit) => unit.status === status).length;
  const select = (index: number) => {
    setSelected(index);
    setTimeout(() => document.getElementById('unit-problems-h')?.focus(), 0);
  };
  return (
    <>
      <section aria-labelledby="units-h" class="card">
        <h2 id="units-h">各单位情况</h2>
        <p id="units-summary">
          共 {overview.units.length} 个单位：{(Object.keys(STATUS_LABELS) as UnitStatus[]).map((status) => `${STATUS_LABELS[status].text} ${counts(status)} 个`).join('，')}；
          {overview.summary.units} 个计入汇总{overview.year !== null ? `（${overview.year} 年度）` : ''}。
        </p>
        <div class="table-scroll">
          <table class="grid units">
            <caption class="visually-hidden">各单位的状态、错误数和提示数</caption>
            <thead>
              <tr>
                <th scope="col">单位名称</th>
                <th scope="col">文件</th>
                <th scope="col">状态</th>
                <th scope="col">错误数</th>
                <th scope="col">提示数</th>
                <th scope="col">计入汇总</th>
              </tr>
            </thead>
            <tbody>
              {overview.units.map((unit, index) => (
                <tr class={`unit status-${unit.status}`} data-status={unit.status}>
                  <th scope="row" class="left">
                    <button type="button" class="link" aria-expanded={selected === index ? 'true' : 'false'} onClick={() => select(index)}>
                      {unitName(unit)}
                      <span class="visually-hidden">：查看问题</span>
                    </button>
                  </th>
                  <td class="left">{unit.file || '—'}</td>
                  <td class="status-cell">
                    <span class={`status status-${unit.status}`}>
                      <span aria-hidden="true">{STATUS_LABELS[unit.status].mark} </span>
                      {STATUS_LABELS[unit.status].text}
                    </span>
                  </td>
                  <td class="number">{unit.errors}</td>
                  <td class="number">{unit.warnings}</td>
                  <td>{unit.summed ? '是' : '否'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {selected !== undefined && overview.units[selected] ? <UnitProblems unit={overview.units[selected]} /> : null}
      </section>
      <section aria-labelledby="summary-h" class="card">
        <h2 id="summary-h">汇总表</h2>
        {overview.summary.refusal ? (
          <p role="alert" class="error-text">
            没有汇总：{overview.summary.refusal}
          </p>
        ) : (
          <>
            <div class="block-buttons">
              <button type="button" disabled={props.busy} onClick={() => props.onDownload('xlsx')}>
                下载汇总工作簿（XLSX）
              </button>
              <button type="button" disabled={props.busy} onClick={() => props.onDownload('yaml')}>
                下载汇总数据文件（YAML）
              </button>
            </div>
            {overview.summary.diagnostics.length ? (
              <ul class="summary-problems">
                {overview.summary.diagnostics.map((d) => (
                  <li class={d.severity === 'error' ? 'error-text' : ''}>
                    {d.severity === 'error' ? '错误' : '提示'}：{d.message}
                    {d.place ? `（位置：${d.place}）` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
            {overview.summary.tables.map((table) => (
              <SummedTable table={table} />
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="detail-h" class="card">
        <h2 id="detail-h">明细</h2>
        {overview.detail.rows.length === 0 ? (
          <p>没有计入汇总的单位。</p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="detail-h" tabIndex={0}>
            <table class="grid detail">
              <caption class="visually-hidden">明细：每个计入汇总的单位一行</caption>
              <thead>
                <tr>
                  {overview.detail.columns.map((column) => (
                    <th scope="col">{column.table ? `${column.table} ${column.label}` : column.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overview.detail.rows.map((row) => (
                  <tr>
                    {row.map((value, index) =>
                      index === 1 ? (
                        <th scope="row" class="left">
                          {value}
                        </th>
                      ) : (
                        <td class={typeof value === 'number' ? 'number' : 'left'}>{value}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="problem-list-h" class="card">
        <h2 id="problem-list-h">问题清单</h2>
        {overview.problems.length === 0 ? (
          <p>计入汇总的单位没有问题。</p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="problem-list-h" tabIndex={0}>
            <table class="grid problem-list">
              <caption class="visually-hidden">问题清单：汇总数据和各单位的问题</caption>
              <thead>
                <tr>
                  <th scope="col">机关名称</th>
                  <th scope="col">文件</th>
                  <th scope="col">级别</th>
                  <th scope="col">代码</th>
                  <th scope="col">位置</th>
                  <th scope="col">问题</th>
                </tr>
              </thead>
              <tbody>
                {overview.problems.map((problem) => (
                  <tr>
                    <th scope="row" class="left">
                      {problem.organization}
                    </th>
                    <td class="left">{problem.file}</td>
                    <td>{problem.level}</td>
                    <td>{problem.code}</td>
                    <td class="left">{problem.place}</td>
                    <td class="left">{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function SuperiorScreen(props: { files: FileEntry[]; folder: string; onClose: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [expected, setExpected] = useState('');
  const [overview, setOverview] = useState<Overview | undefined>(undefined);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const units = props.files.filter((file) => UNIT_FILE.test(file.name));
  const request = { files: chosen, uploads, expected };

  async function add(files: FileList | readonly File[] | null) {
    const list = [...(files ?? [])];
    const refused = list.filter((file) => !UNIT_FILE.test(file.name)).map((file) => file.name);
    const read = await Promise.all(list.filter((file) => UNIT_FILE.test(file.name)).map(async (file) => ({ name: file.name, base64: base64Of(await file.arrayBuffer()) })));
    const kept = uploads.filter((upload) => !read.some((r) => r.name === upload.name));
    setUploads([...kept, ...read]);
    setNotice(
      refused.length
        ? { text: `没有加入：${refused.join('、')}（只接受 .xlsx、.yaml、.yml、.json）`, error: true }
        : { text: `已加入 ${read.map((r) => r.name).join('、')}`, error: false },
    );
  }
  async function run() {
    setBusy(true);
    setNotice(undefined);
    try {
      setOverview(await call<Overview>('POST', '/api/overview', request));
      setNotice({ text: '汇总完成', error: false });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  }
  async function get(kind: 'xlsx' | 'yaml') {
    setBusy(true);
    try {
      const file = await render({ ...request, kind }, '/api/overview/download');
      download(file.bytes, file.fileName, 'application/octet-stream');
      setNotice({ text: `已生成 ${file.fileName}`, error: false });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <main
      class={`start superior${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void add(event.dataTransfer?.files ?? null);
      }}
    >
      <h1>汇总各单位</h1>
      <p>工作文件夹：{props.folder}</p>
      <button type="button" onClick={props.onClose}>
        返回开始页
      </button>
      <section aria-labelledby="units-choose-h" class="card">
        <h2 id="units-choose-h">选择各单位的工作簿或数据文件</h2>
        {units.length === 0 ? <p>工作文件夹里没有工作簿（.xlsx）或数据文件（.yaml、.json）。</p> : null}
        <fieldset>
          <legend>工作文件夹里的文件</legend>
          <ul>
            {units.map((file) => (
              <li>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(file.name)}
                    onChange={(event) => {
                      const on = (event.currentTarget as HTMLInputElement).checked;
                      setChosen(on ? [...chosen, file.name] : chosen.filter((name) => name !== file.name));
                    }}
                  />{' '}
                  {file.name}
                </label>
              </li>
            ))}
          </ul>
          {units.length > 1 ? (
            <button type="button" onClick={() => setChosen(chosen.length === units.length ? [] : units.map((file) => file.name))}>
              {chosen.length === units.length ? '全部不选' : '全部选中'}
            </button>
          ) : null}
        </fieldset>
        <div class={`drop-zone${dragging ? ' active' : ''}`}>
          <p>也可以把各单位报来的文件拖到本页，或</p>
          <label for="unit-upload">从电脑中选择文件（可多选）</label>
          <input
            id="unit-upload"
            ref={picker}
            type="file"
            multiple
            accept=".xlsx,.xlsm,.yaml,.yml,.json"
            onChange={(event) => {
              const input = event.currentTarget as HTMLInputElement;
              void add(input.files).then(() => (input.value = ''));
            }}
          />
          {uploads.length ? (
            <ul aria-label="拖入或选择的文件">
              {uploads.map((upload) => (
                <li>
                  {upload.name}{' '}
                  <button type="button" onClick={() => setUploads(uploads.filter((u) => u !== upload))}>
                    移除<span class="visually-hidden">{upload.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <label for="expected-units">应报单位（可选，每行一个机关全称；没有报来的列为“缺报”）</label>
        <textarea id="expected-units" rows={4} value={expected} onInput={(event) => setExpected((event.currentTarget as HTMLTextAreaElement).value)} />
        <div class="block-buttons">
          <button type="button" class="primary" disabled={busy || chosen.length + uploads.length === 0} onClick={() => void run()}>
            开始汇总
          </button>
        </div>
        <p role="status" class={notice?.error ? 'error-text notice' : 'notice'}>
          {notice?.text ?? ''}
        </p>
      </section>
      {overview ? <Results overview={overview} onDownload={(kind) => void get(kind)} busy={busy} /> : null}
    </main>
  );
}
