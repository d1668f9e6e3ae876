/**
 * The clerk's workbench: a start screen (new report, open, import, last
 * year's file, unsaved drafts) and the editor (details, the tables, the six
 * parts, the problems list, the page preview, downloads and 保存).
 */
import './jitless.js';
import { render as renderDom } from 'preact';
import { memo } from 'preact/compat';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { ApiError, call, download, render } from './api.js';
import { carryOver, check, getIn, problemsSlice, quickCheck, setIn, withComputedTotals, completed, type Checked, type Data, type Path } from './model.js';
import { blockId, Narrative, type Drafts } from './narrative.js';
import { Preview } from './preview.js';
import { SuperiorScreen } from './superior.js';
import { GridTable, inputId } from './tables.js';

interface FileEntry {
  name: string;
  kind: 'data' | 'workbook';
}
interface Listing {
  folder: string;
  files: FileEntry[];
  drafts: string[];
  outputs: string[];
}
interface Opened {
  name: string;
  base?: string;
  version: string | null;
  data: Data;
  diagnostics?: Diagnostic[];
}
/** What is being edited; also what a draft holds. */
interface Work {
  name: string;
  base?: string;
  version: string | null;
  data: Data;
  previous?: { name: string; data: unknown };
}

const DRAFT_KEY = 'xxgk-draft:';
/** The pause after an edit before the whole report is checked again (a table cell's own messages come at once). */
const FULL_CHECK_PAUSE_MS = 300;
const LEVELS = ['人民政府', '部门', '乡镇街道', '其他'];
const OUTPUT_LABELS: Record<string, string> = { docx: 'Word（DOCX）', pdf: 'PDF', xlsx: 'Excel（XLSX）', html: '网页（HTML）' };

interface Draft {
  work: Work;
  savedAt: string;
  /** Where it is kept: this browser's storage, and/or the draft file beside the data file. */
  key?: string;
  file?: string;
}

function localDrafts(): Draft[] {
  const found: Draft[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    if (!key.startsWith(DRAFT_KEY)) continue;
    try {
      const parsed = JSON.parse(localStorage.getItem(key)!) as { work: Work; savedAt: string };
      found.push({ key, ...parsed });
    } catch {
      localStorage.removeItem(key);
    }
  }
  return found;
}

/** The drafts of this browser and of the working folder, one per data file, the newest kept. */
function useDrafts(listing: Listing | undefined): [Draft[], (draft: Draft) => void] {
  const [server, setServer] = useState<Draft[]>([]);
  const [discarded, setDiscarded] = useState<string[]>([]);
  useEffect(() => {
    if (!listing) return;
    void Promise.all(
      listing.drafts.map((file) =>
        call<{ name: string; savedAt: string; state: Work | null }>('POST', '/api/draft/read', { name: file }).then(
          (draft): Draft | undefined => (draft.state ? { work: draft.state, savedAt: draft.savedAt, file } : undefined),
          (): Draft | undefined => undefined,
        ),
      ),
    ).then((found) => setServer(found.filter((d): d is Draft => d !== undefined)));
  }, [listing]);
  const byName = new Map<string, Draft>();
  for (const draft of [...localDrafts(), ...server]) {
    const known = byName.get(draft.work.name);
    const newest = !known || draft.savedAt > known.savedAt ? draft : known;
    byName.set(draft.work.name, { ...newest, ...(known?.key || draft.key ? { key: (draft.key ?? known?.key)! } : {}), ...(known?.file || draft.file ? { file: (draft.file ?? known?.file)! } : {}) });
  }
  const discard = (draft: Draft) => {
    if (draft.key) localStorage.removeItem(draft.key);
    if (draft.file) void call('POST', '/api/draft/discard', { name: draft.file }).catch(() => {});
    setDiscarded([...discarded, draft.work.name]);
  };
  return [[...byName.values()].filter((d) => !discarded.includes(d.work.name)), discard];
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

function StartScreen(props: { listing: Listing | undefined; onStart: (work: Work) => void; onSuperior: () => void; initialOpen: string }) {
  const { listing } = props;
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [organization, setOrganization] = useState('');
  const [level, setLevel] = useState('人民政府');
  const [previous, setPrevious] = useState('');
  const [message, setMessage] = useState<string | undefined>(undefined);
  const dataFiles = listing?.files.filter((f) => f.kind === 'data') ?? [];
  const workbooks = listing?.files.filter((f) => f.kind === 'workbook') ?? [];
  const [drafts, discardDraft] = useDrafts(listing);

  async function withPrevious(work: Work): Promise<Work> {
    if (!previous) return work;
    const last = await call<Opened>('POST', '/api/open', { name: previous });
    return { ...work, data: carryOver(work.data, last.data), previous: { name: last.name, data: last.data } };
  }
  async function start(action: () => Promise<Opened>, fresh: boolean) {
    setMessage(undefined);
    try {
      const opened = await action();
      const data = fresh ? withComputedTotals(opened.data) : opened.data;
      props.onStart(await withPrevious({ name: opened.name, ...(opened.base !== undefined ? { base: opened.base } : {}), version: opened.version, data }));
    } catch (error) {
      setMessage(messageOf(error));
    }
  }
  useEffect(() => {
    // The file named on the command line opens once, not again after 返回开始页.
    document.getElementById('app')!.dataset.open = '';
    if (props.initialOpen) void start(() => call<Opened>('POST', '/api/open', { name: props.initialOpen }), false);
  }, []);

  return (
    <main class="start">
      <h1>政府信息公开工作年度报告 · 工作台</h1>
      <p>工作文件夹：{listing?.folder ?? '……'}</p>
      {message ? (
        <p role="alert" class="error-text">
          {message}
        </p>
      ) : null}
      {drafts.length ? (
        <section aria-labelledby="drafts-h" class="card">
          <h2 id="drafts-h">未保存的工作</h2>
          <ul>
            {drafts.map((draft) => (
              <li>
                <button type="button" onClick={() => props.onStart(draft.work)}>
                  继续编辑 {draft.work.name}（{new Date(draft.savedAt).toLocaleString('zh-CN')}）
                </button>{' '}
                <button type="button" onClick={() => { discardDraft(draft); setMessage(`已丢弃 ${draft.work.name} 的草稿`); }}>
                  丢弃<span class="visually-hidden">{draft.work.name} 的草稿</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="previous-h" class="card">
        <h2 id="previous-h">上年报告（可选）</h2>
        <label for="previous-file">上年的报告数据文件：用它的“结转下年度”填入本年“上年结转”，并检查跨年勾稽</label>
        <select id="previous-file" value={previous} onChange={(e) => setPrevious((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">（不使用）</option>
          {dataFiles.map((f) => (
            <option value={f.name}>{f.name}</option>
          ))}
        </select>
      </section>
      <section aria-labelledby="new-h" class="card">
        <h2 id="new-h">新建报告</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start(() => call<Opened>('POST', '/api/new', { year: Number(year), organization, level }), true);
          }}
        >
          <label for="new-year">报告年度</label>
          <input id="new-year" type="text" inputMode="numeric" value={year} onInput={(e) => setYear((e.currentTarget as HTMLInputElement).value)} />
          <label for="new-org">机关全称</label>
          <input id="new-org" type="text" value={organization} onInput={(e) => setOrganization((e.currentTarget as HTMLInputElement).value)} />
          <label for="new-level">机关层级</label>
          <select id="new-level" value={level} onChange={(e) => setLevel((e.currentTarget as HTMLSelectElement).value)}>
            {LEVELS.map((l) => (
              <option value={l}>{l}</option>
            ))}
          </select>
          <button type="submit">新建报告</button>
        </form>
      </section>
      <section aria-labelledby="open-h" class="card">
        <h2 id="open-h">打开数据文件</h2>
        {dataFiles.length === 0 ? <p>工作文件夹里没有报告数据文件（.yaml、.json）。</p> : null}
        <ul>
          {dataFiles.map((f) => (
            <li>
              <button type="button" onClick={() => void start(() => call<Opened>('POST', '/api/open', { name: f.name }), false)}>
                打开 {f.name}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="superior-h" class="card">
        <h2 id="superior-h">上级机关汇总</h2>
        <p>选择各单位报来的工作簿或数据文件，查看哪些单位有错误或缺报，生成汇总表。</p>
        <button type="button" onClick={props.onSuperior}>
          汇总各单位
        </button>
      </section>
      <section aria-labelledby="import-h" class="card">
        <h2 id="import-h">导入统计表（Excel 工作簿）</h2>
        {workbooks.length === 0 ? <p>工作文件夹里没有 .xlsx 工作簿。</p> : null}
        <ul>
          {workbooks.map((f) => (
            <li>
              <button type="button" onClick={() => void start(() => call<Opened>('POST', '/api/import', { name: f.name }), false)}>
                导入 {f.name}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

function TextField(props: { label: string; path: Path; data: Data; onChange: (path: Path, value: unknown) => void; numeric?: boolean; id: string }) {
  const value = getIn(props.data, props.path);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        {...(props.numeric ? { inputMode: 'decimal' as const } : {})}
        value={value === undefined || value === null ? '' : String(value)}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLInputElement).value;
          props.onChange(props.path, props.numeric && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text === '' ? undefined : text);
        }}
      />
    </div>
  );
}

/** Drawn again only when what it shows changes (not on a table keystroke). */
const Details = memo(
  function Details(props: { data: Data; onChange: (path: Path, value: unknown) => void }) {
  const field = (label: string, path: Path, numeric = false) => (
    <TextField label={label} path={path} data={props.data} onChange={props.onChange} numeric={numeric} id={`field-${path.join('-')}`} />
  );
  return (
    <div class="details">
      {field('机关全称', ['organization', 'name'])}
      <div class="field">
        <label for="field-organization-level">机关层级</label>
        <select id="field-organization-level" value={String(getIn(props.data, ['organization', 'level']) ?? '')} onChange={(e) => props.onChange(['organization', 'level'], (e.currentTarget as HTMLSelectElement).value || undefined)}>
          <option value="">（未填）</option>
          {LEVELS.map((l) => (
            <option value={l}>{l}</option>
          ))}
        </select>
      </div>
      {field('承办机构', ['organization', 'department'])}
      {field('门户网站', ['organization', 'website'])}
      {field('联系地址', ['organization', 'contact', 'address'])}
      {field('邮政编码', ['organization', 'contact', 'postcode'])}
      {field('联系电话', ['organization', 'contact', 'phone'])}
      {field('电子邮箱', ['organization', 'contact', 'email'])}
      {field('落款日期（如 2025-01-20）', ['signature', 'date'])}
      {field('收取信息处理费件数', ['fee', 'count'], true)}
      {field('收取信息处理费金额（元）', ['fee', 'amount_yuan'], true)}
    </div>
  );
  },
  (a, b) => a.onChange === b.onChange && (['organization', 'signature', 'fee'] as const).every((key) => a.data[key] === b.data[key]),
);

function Editor(props: { initial: Work; outputs: string[]; onClose: () => void }) {
  const [work, setWork] = useState<Work>(props.initial);
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  /**
   * The problems shown: the last full check (what `xxgk validate` says), with
   * the quick checks of the tables edited since (see quickCheck). The full
   * check runs again once the clerk pauses for FULL_CHECK_PAUSE_MS.
   */
  const [checked, setChecked] = useState<Checked>(() => check(props.initial.data, props.initial.name, props.initial.previous));
  const latestChecked = useRef(checked);
  latestChecked.current = checked;
  /** What the last full check was run on. */
  const fullyChecked = useRef<Pick<Work, 'data' | 'name' | 'previous'>>(props.initial);
  function checkFully(current: Work) {
    fullyChecked.current = current;
    const result = check(current.data, current.name, current.previous);
    latestChecked.current = result;
    setChecked(result);
  }
  useEffect(() => {
    const seen = fullyChecked.current;
    if (seen.data === work.data && seen.name === work.name && seen.previous === work.previous) return;
    const timer = setTimeout(() => checkFully(latestWork.current), FULL_CHECK_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [work.data, work.name, work.previous]);
  /** Each table's and the narrative's messages, the same Map while they do not change: only what changed is drawn again. */
  const slices = useRef(new Map<string, Map<string, Diagnostic[]>>());
  const sliceOf = (key: string, prefixes: readonly string[]) => {
    const slice = problemsSlice(checked.byCell, prefixes, slices.current.get(key));
    slices.current.set(key, slice);
    return slice;
  };
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The work the draft file does not hold yet: sent 1.5 s after the last edit, or at once when the page goes away. */
  const pendingDraft = useRef<Work | undefined>(undefined);
  function sendDraft(leaving: boolean) {
    const pending = pendingDraft.current;
    if (!pending) return;
    pendingDraft.current = undefined;
    clearTimeout(draftTimer.current);
    void call('PUT', '/api/draft', { name: pending.name, state: pending }, { keepalive: leaving }).catch(() => {
      // A keepalive request has a size limit; the ordinary one may still get through.
      if (leaving) void call('PUT', '/api/draft', { name: pending.name, state: pending }).catch(() => {});
    });
  }
  /** The work this browser's storage does not hold yet: written 300 ms after the last edit (not on every keystroke), or at once when the page goes away. */
  const pendingLocal = useRef<Work | undefined>(undefined);
  const localTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  function storeLocal() {
    const pending = pendingLocal.current;
    if (!pending) return;
    pendingLocal.current = undefined;
    clearTimeout(localTimer.current);
    localStorage.setItem(DRAFT_KEY + pending.name, JSON.stringify({ work: pending, savedAt: new Date().toISOString() }));
  }
  useEffect(() => {
    // A reload or a closed tab within the pause still leaves both drafts up to date (a stopped server loses nothing).
    const leave = () => {
      storeLocal();
      sendDraft(true);
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
      // 返回开始页: the start screen lists this draft at once.
      storeLocal();
    };
  }, []);
  const dirty = useRef(false);

  /** The work as last changed: handlers read it, so that they stay the same functions across renders (the table cells are memoised on them) and two edits before a render both count. */
  const latestWork = useRef(work);
  latestWork.current = work;
  function update(next: Work) {
    latestWork.current = next;
    setWork(next);
    setRevision((r) => r + 1);
    dirty.current = true;
    // Unsaved work survives a closed tab or a reload (localStorage) and a stopped server (the draft file beside the data file).
    pendingLocal.current = next;
    clearTimeout(localTimer.current);
    localTimer.current = setTimeout(storeLocal, 300);
    clearTimeout(draftTimer.current);
    pendingDraft.current = next;
    draftTimer.current = setTimeout(() => sendDraft(false), 1500);
  }
  const change = useCallback((path: Path, value: unknown) => {
    const next = { ...latestWork.current, data: setIn(latestWork.current.data, path, value) };
    // A table cell's messages at once; the rest when the clerk pauses (text is not checked on every keystroke).
    const quick = quickCheck(latestChecked.current, next.data, next.name, path);
    if (quick) {
      latestChecked.current = quick;
      setChecked(quick);
    } else if (latestChecked.current.format?.tables.some((grid) => grid.definition.dataPath.every((segment, i) => path[i] === segment))) checkFully(next);
    update(next);
  }, []);

  async function save() {
    setBusy(true);
    try {
      const saved = await call<{ version: string; name: string }>('POST', '/api/save', {
        name: work.name,
        data: completed(work.data),
        version: work.version,
        ...(work.base !== undefined ? { base: work.base } : {}),
      });
      localStorage.removeItem(DRAFT_KEY + work.name);
      if (pendingLocal.current?.data === work.data) {
        pendingLocal.current = undefined;
        clearTimeout(localTimer.current);
      }
      // What was saved needs no draft file (the server removed it); a later edit still gets one.
      if (pendingDraft.current?.data === work.data) {
        pendingDraft.current = undefined;
        clearTimeout(draftTimer.current);
      }
      dirty.current = false;
      setWork({ ...work, version: saved.version });
      setNotice({ text: `已保存到工作文件夹：${saved.name}`, error: false });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  }
  async function get(kind: string) {
    setBusy(true);
    try {
      const rendered = await render({ kind, name: work.name, data: completed(work.data), ...(work.previous ? { previous: work.previous.name } : {}) });
      download(rendered.bytes, rendered.fileName, 'application/octet-stream');
      setNotice({ text: `已生成 ${rendered.fileName}`, error: false });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  }
  const focusProblem = (diagnostic: Diagnostic) => {
    const place = diagnostic.place;
    let target: HTMLElement | null = null;
    if (place?.table && place.row && place.column) target = document.getElementById(inputId(`${place.table.id}:${place.row.id}:${place.column.id}`));
    else if (diagnostic.path[0] === 'narrative' && typeof diagnostic.path[2] === 'number') target = document.getElementById(blockId(diagnostic.path.slice(1)));
    else if (place?.part) target = document.querySelector<HTMLElement>(`#part-${place.part.id} textarea, #part-${place.part.id} input`);
    else if (diagnostic.path[0] === 'organization' || diagnostic.path[0] === 'signature' || diagnostic.path[0] === 'fee') target = document.getElementById(`field-${diagnostic.path.join('-')}`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };
  // The sentences xxgk would draft for empty parts, asked of the server (it composes the report) shortly after an edit.
  const [drafts, setDrafts] = useState<Drafts | undefined>(undefined);
  const draftsAsked = useRef(0);
  useEffect(() => {
    const asked = ++draftsAsked.current;
    const timer = setTimeout(() => {
      call<Drafts>('POST', '/api/drafts', { name: work.name, data: completed(work.data), ...(work.previous ? { previous: work.previous.name } : {}) }).then(
        (reply) => {
          if (asked === draftsAsked.current) setDrafts(reply);
        },
        () => {
          if (asked === draftsAsked.current) setDrafts(undefined);
        },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [work.data]);
  const own = checked.diagnostics.filter((d) => d.severity !== 'info');
  const previewRequest = { kind: 'pdf', preview: true, name: work.name, data: completed(work.data), ...(work.previous ? { previous: work.previous.name } : {}) };

  return (
    <div class="editor">
      <header class="bar">
        <h1>{checked.format ? `${String(getIn(work.data, ['organization', 'name']) ?? '')}${String(getIn(work.data, ['year']) ?? '')}年度报告` : '年度报告'}</h1>
        <div class="field inline">
          <label for="file-name">文件名</label>
          <input id="file-name" type="text" value={work.name} readOnly={work.version !== null} onInput={(e) => setWork({ ...work, name: (e.currentTarget as HTMLInputElement).value })} />
        </div>
        <button type="button" onClick={() => void save()} disabled={busy}>
          保存
        </button>
        {props.outputs.map((kind) => (
          <button type="button" onClick={() => void get(kind)} disabled={busy}>
            下载 {OUTPUT_LABELS[kind] ?? kind}
          </button>
        ))}
        <button type="button" onClick={props.onClose}>
          返回开始页
        </button>
        <p role="status" class={notice?.error ? 'error-text notice' : 'notice'}>
          {notice?.text ?? ''}
        </p>
      </header>
      <div class="columns">
        <main class="form">
          <section aria-labelledby="problems-h" class="problems">
            <h2 id="problems-h">问题清单（{own.length === 0 ? '没有发现问题' : `${own.filter((d) => d.severity === 'error').length} 个错误，${own.filter((d) => d.severity === 'warning').length} 个提醒`}）</h2>
            {work.previous ? <p>已使用上年报告 {work.previous.name}：上年结转已填入，并检查跨年勾稽。</p> : null}
            <ul>
              {own.map((d) => (
                <li class={d.severity}>
                  <button type="button" class="link" onClick={() => focusProblem(d)}>
                    {d.severity === 'error' ? '错误' : '提醒'}：{d.message}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="details-h">
            <h2 id="details-h">机关信息、落款与信息处理费</h2>
            <Details data={work.data} onChange={change} />
          </section>
          <section aria-labelledby="tables-h">
            <h2 id="tables-h">统计表</h2>
            <p class="hint">总计格留空时自动合计（以浅色显示）；也可自己填写，填写后会检查是否相符。</p>
            {checked.format?.tables.map((grid) => (
              <GridTable grid={grid} table={getIn(work.data, grid.definition.dataPath)} problems={sliceOf(grid.definition.id, [`${grid.definition.id}:`])} onChange={change} />
            ))}
          </section>
          <section aria-labelledby="narrative-h">
            <h2 id="narrative-h">报告正文</h2>
            {checked.format ? <Narrative narrative={work.data.narrative} format={checked.format} byCell={sliceOf('narrative', ['para:', 'part:'])} drafts={drafts} onChange={change} /> : null}
          </section>
        </main>
        <aside aria-label="页面预览" class="side">
          <Preview request={previewRequest} revision={revision} />
        </aside>
      </div>
    </div>
  );
}

function App() {
  const root = document.getElementById('app')!;
  const [listing, setListing] = useState<Listing | undefined>(undefined);
  const [work, setWork] = useState<Work | undefined>(undefined);
  const [superior, setSuperior] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    call<Listing>('GET', '/api/files').then(setListing, (e: unknown) => setError(messageOf(e)));
  }, [work === undefined, superior]);
  if (error) return <main><h1>工作台</h1><p role="alert">{error}</p></main>;
  if (superior) return <SuperiorScreen files={listing?.files ?? []} folder={listing?.folder ?? '……'} onClose={() => setSuperior(false)} />;
  if (!work) return <StartScreen listing={listing} onStart={setWork} onSuperior={() => setSuperior(true)} initialOpen={root.dataset.open ?? ''} />;
  return <Editor initial={work} outputs={listing?.outputs ?? ['docx', 'pdf', 'xlsx']} onClose={() => setWork(undefined)} />;
}

const container = document.getElementById('app')!;
container.querySelector('p')?.remove();
renderDom(<App />, container);
