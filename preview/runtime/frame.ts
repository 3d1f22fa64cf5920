/**
 * The phone and the panel beside it. The phone: status bar (the simulated time), navigation bar (the page's title
 * and colours, back, home), the screen the pages and WeChat's overlays are drawn on. The panel: who is using the
 * phone (a demo identity or any OPENID), the simulated clock, the emulator's timer triggers (fire one at the
 * simulated time), the subscribe-message outbox, and anything the preview could not do.
 */
import { DEMO_IDENTITIES } from '../../miniprogram/config';
import { beijingText, isSimulated, nowMs, parseBeijing, setClock } from './clock';
import type { Manifest } from './manifest';
import { onProblem, problems } from './problems';
import * as router from './router';
import { identity, setIdentity } from './storage';
import { SCREEN, WINDOW_HEIGHT } from './wx';

export interface Frame {
  pages: HTMLElement;
  overlays: HTMLElement;
  screen: HTMLElement;
  pull: HTMLElement;
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

async function emulator<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json()) as T & { message?: string };
  if (!res.ok) throw new Error(data.message ?? `HTTP ${res.status}`);
  return data;
}

export function buildFrame(manifest: Manifest, root: HTMLElement): Frame {
  // ---------- phone ----------
  const time = h('span', { class: 'pv-status__time' });
  const status = h('div', { class: 'pv-status' }, time, h('span', { class: 'pv-status__icons' }, '▮▮▮ 100%'));
  const back = h('div', { class: 'pv-nav__back', role: 'button', 'aria-label': '返回' }, '‹');
  const home = h('div', { class: 'pv-nav__home', role: 'button', 'aria-label': '首页' }, '⌂');
  const title = h('div', { class: 'pv-nav__title' });
  const capsule = h('div', { class: 'pv-nav__capsule' }, h('i'), h('b'));
  const nav = h('div', { class: 'pv-nav' }, back, home, title, capsule);
  const pages = h('div', { class: 'pv-pages' });
  const overlays = h('div', { class: 'pv-overlays' });
  const pull = h('div', { class: 'pv-pull' }, '···');
  const screen = h('div', { class: 'pv-screen' }, pull, pages, overlays);
  screen.style.setProperty('--pv-vh', `${WINDOW_HEIGHT / 100}px`);
  screen.style.setProperty('--pv-vw', `${SCREEN.width / 100}px`);
  const phone = h('div', { class: 'pv-phone' }, status, nav, screen);

  back.addEventListener('click', () => wx.navigateBack({ delta: 1 }));
  home.addEventListener('click', () => wx.reLaunch({ url: `/${manifest.entry}` }));

  const updateNav = () => {
    const top = router.topPage();
    if (!top) return;
    const white = top.window.navigationBarTextStyle === 'white';
    nav.style.backgroundColor = String(top.window.navigationBarBackgroundColor ?? '#ffffff');
    nav.classList.toggle('pv-nav--white', white);
    nav.hidden = top.window.navigationStyle === 'custom';
    title.textContent = top.title;
    back.hidden = router.pages().length <= 1;
    home.hidden = router.pages().length > 1 || top.route === manifest.entry;
    pull.classList.toggle('pv-pull--on', top.refreshing);
  };
  router.onStackChange(updateNav);

  // ---------- panel ----------
  const select = h('select', { class: 'pv-identity', 'aria-label': '身份' });
  for (const i of DEMO_IDENTITIES) select.append(h('option', { value: i.openid }, `${i.label}（${i.openid}）`));
  select.append(h('option', { value: '' }, '其他 OPENID…'));
  const other = h('input', { class: 'pv-identity-other', placeholder: '输入 OPENID', 'aria-label': 'OPENID' });
  const switchBtn = h('button', { class: 'pv-identity-switch', type: 'button' }, '切换');
  const showIdentity = () => {
    const current = identity();
    const known = DEMO_IDENTITIES.some((i) => i.openid === current);
    select.value = known ? current : '';
    other.value = known ? '' : current;
    other.hidden = known;
  };
  const switchTo = (openid: string) => {
    if (!openid.trim()) return;
    setIdentity(openid.trim());
    showIdentity();
    wx.reLaunch({ url: `/${manifest.entry}` });
  };
  select.addEventListener('change', () => {
    if (select.value) switchTo(select.value);
    else {
      other.hidden = false;
      other.focus();
    }
  });
  switchBtn.addEventListener('click', () => switchTo(select.value || other.value));
  other.addEventListener('keydown', (e) => e.key === 'Enter' && switchTo(other.value));
  showIdentity();
  window.addEventListener('storage', showIdentity);

  const clockNow = h('div', { class: 'pv-clock-now' });
  const clockInput = h('input', { class: 'pv-clock-input', type: 'datetime-local', 'aria-label': '模拟时间（北京时间）' });
  const setBtn = h('button', { class: 'pv-clock-set', type: 'button' }, '设定');
  const realBtn = h('button', { class: 'pv-clock-real', type: 'button' }, '恢复真实时间');
  const plusHour = h('button', { class: 'pv-clock-plus-hour', type: 'button' }, '+1 小时');
  const plusDay = h('button', { class: 'pv-clock-plus-day', type: 'button' }, '+1 天');
  const clockNote = h('div', { class: 'pv-note' });
  const showClock = () => {
    const text = beijingText(nowMs());
    time.textContent = text.slice(11);
    clockNow.textContent = `${isSimulated() ? '模拟时间' : '真实时间'}：${text}（北京时间）`;
  };
  const moveClock = (to: Date | null) => {
    setClock(to);
    showClock();
    clockInput.value = beijingText(nowMs()).replace(' ', 'T');
    clockNote.textContent = to ? '之后每次调用云函数都带上这个时间（x-now）；页面里的时间也是它。' : '';
  };
  setBtn.addEventListener('click', () => {
    const at = parseBeijing(clockInput.value);
    if (!at) clockNote.textContent = '请填写完整的日期和时间';
    else moveClock(at);
  });
  realBtn.addEventListener('click', () => moveClock(null));
  plusHour.addEventListener('click', () => moveClock(new Date(nowMs() + 3600_000)));
  plusDay.addEventListener('click', () => moveClock(new Date(nowMs() + 86400_000)));
  clockInput.value = beijingText(nowMs()).replace(' ', 'T');
  setInterval(showClock, 1000);
  showClock();

  const timers = h('div', { class: 'pv-timers' });
  const timerNote = h('div', { class: 'pv-note pv-timer-result' });
  const loadTimers = async () => {
    try {
      const { triggers } = await emulator<{ triggers: { functionName: string; name: string; cron: string }[] }>('/_emulator/timers');
      timers.replaceChildren(
        ...triggers.map((t) => {
          const fire = h('button', { class: `pv-timer-fire pv-timer-${t.name}`, type: 'button', 'data-trigger': t.name }, `触发 ${t.functionName}/${t.name}`);
          fire.addEventListener('click', async () => {
            const at = new Date(nowMs()).toISOString();
            timerNote.textContent = `正在触发 ${t.name}（${beijingText(nowMs())}）…`;
            try {
              const r = await emulator<{ result: unknown; ms: number }>('/_emulator/timers/fire', {
                function: t.functionName,
                trigger: t.name,
                at,
              });
              timerNote.textContent = `已触发 ${t.name}（${beijingText(new Date(at).getTime())}，${r.ms} ms）：${JSON.stringify(r.result)}`;
              await loadOutbox();
            } catch (err) {
              timerNote.textContent = `触发失败：${(err as Error).message}`;
            }
          });
          return h('div', { class: 'pv-timer' }, fire, h('span', { class: 'pv-timer__cron' }, t.cron));
        }),
      );
    } catch (err) {
      timers.textContent = `读不到定时触发器：${(err as Error).message}`;
    }
  };

  const outbox = h('div', { class: 'pv-outbox' });
  const loadOutbox = async () => {
    try {
      const { messages } = await emulator<{ messages: { touser: string; templateId: string; page?: string; at: string }[] }>('/_emulator/wx/messages');
      outbox.replaceChildren(
        h('div', { class: 'pv-outbox__count' }, `已发送 ${messages.length} 条订阅消息`),
        ...messages
          .slice(-5)
          .reverse()
          .map((m) =>
            h(
              'div',
              { class: 'pv-outbox__item' },
              `${beijingText(new Date(m.at).getTime())} → ${m.touser} · 模板 ${m.templateId}${m.page ? ` · ${m.page}` : ''}`,
            ),
          ),
      );
    } catch (err) {
      outbox.textContent = `读不到发件箱：${(err as Error).message}`;
    }
  };
  const refreshOutbox = h('button', { class: 'pv-outbox-refresh', type: 'button' }, '刷新');
  refreshOutbox.addEventListener('click', loadOutbox);

  const urlInput = h('input', { class: 'pv-open-url', placeholder: '/pages/home/index', 'aria-label': '页面地址' });
  const openBtn = h('button', { class: 'pv-open', type: 'button' }, '打开');
  openBtn.addEventListener('click', () => urlInput.value.trim() && wx.reLaunch({ url: urlInput.value.trim().replace(/^\/?/, '/') }));

  const problemList = h('div', { class: 'pv-problems' });
  const showProblems = () => {
    problemList.replaceChildren(...problems.map((p) => h('div', { class: 'pv-problem' }, p)));
    problemList.hidden = !problems.length;
  };
  onProblem(showProblems);
  showProblems();

  const section = (name: string, ...children: Node[]) => h('section', { class: 'pv-section' }, h('h2', {}, name), ...children);
  const panel = h(
    'aside',
    { class: 'pv-panel' },
    h('h1', {}, '关爱室 · 浏览器预览'),
    section('身份', select, other, switchBtn, h('div', { class: 'pv-note' }, '每个身份是一部手机：各自的存储和隐私授权。')),
    section('时间', clockNow, clockInput, setBtn, realBtn, plusHour, plusDay, clockNote),
    section('定时触发器', timers, timerNote),
    section('订阅消息发件箱', outbox, refreshOutbox),
    section('打开页面', urlInput, openBtn),
    h('section', { class: 'pv-section' }, problemList),
  );
  root.append(h('div', { class: 'pv-app' }, phone, panel));
  void loadTimers();
  void loadOutbox();
  return { pages, overlays, screen, pull };
}
