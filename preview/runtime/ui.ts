/**
 * What WeChat itself draws over a page, drawn on the phone screen: toasts, loading, modal dialogs, action sheets,
 * the native picker, the subscribe-message sheet. Each answers as WeChat does (confirm/cancel, tapIndex, the
 * picker's value, accept/reject per template).
 */

let layer: HTMLElement;

export function mountUi(el: HTMLElement): void {
  layer = el;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(cls: string, text: string, onClick: () => void): HTMLElement {
  const b = el('div', `pv-btn ${cls}`, text);
  b.setAttribute('role', 'button');
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

// ---------- toast and loading ----------

let toast: { node: HTMLElement; timer?: ReturnType<typeof setTimeout>; loading: boolean } | null = null;

function closeToast(): void {
  if (!toast) return;
  clearTimeout(toast.timer);
  toast.node.remove();
  toast = null;
}

const TOAST_ICONS: Record<string, string> = { success: '✓', error: '✕', loading: '' };

export function showToast(o: { title?: string; icon?: string; duration?: number; mask?: boolean; image?: string }, loading = false): void {
  closeToast();
  const icon = loading ? 'loading' : (o.icon ?? 'success');
  const node = el('div', `pv-toast-layer${o.mask ? ' pv-toast-layer--mask' : ''}`);
  const box = el('div', `pv-toast pv-toast--${icon === 'none' ? 'text' : 'icon'}`);
  if (icon !== 'none') {
    const i = el('div', `pv-toast__icon pv-toast__icon--${icon}`, TOAST_ICONS[icon] ?? '');
    box.appendChild(i);
  }
  box.appendChild(el('div', 'pv-toast__title', String(o.title ?? '')));
  node.appendChild(box);
  layer.appendChild(node);
  toast = { node, loading };
  if (!loading) toast.timer = setTimeout(closeToast, Number(o.duration ?? 1500));
}

export function hideToast(loading: boolean): void {
  if (toast && toast.loading === loading) closeToast();
}

// ---------- modal ----------

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  cancelColor?: string;
  confirmText?: string;
  confirmColor?: string;
  editable?: boolean;
  placeholderText?: string;
}

export function showModal(o: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const mask = el('div', 'pv-mask');
    const box = el('div', 'pv-modal');
    if (o.title) box.appendChild(el('div', 'pv-modal__title', o.title));
    let input: HTMLTextAreaElement | null = null;
    if (o.editable) {
      input = el('textarea', 'pv-modal__input');
      input.placeholder = o.placeholderText ?? '';
      input.value = o.content ?? '';
      box.appendChild(input);
    } else if (o.content) box.appendChild(el('div', 'pv-modal__content', o.content));
    const actions = el('div', 'pv-modal__actions');
    const done = (confirm: boolean) => {
      mask.remove();
      resolve({ confirm, cancel: !confirm, ...(o.editable ? { content: input?.value ?? '' } : {}) });
    };
    if (o.showCancel !== false) {
      const c = button('pv-modal__cancel', o.cancelText || '取消', () => done(false));
      if (o.cancelColor) c.style.color = o.cancelColor;
      actions.appendChild(c);
    }
    const ok = button('pv-modal__confirm', o.confirmText || '确定', () => done(true));
    ok.style.color = o.confirmColor || '#576B95';
    actions.appendChild(ok);
    box.appendChild(actions);
    mask.appendChild(box);
    layer.appendChild(mask);
  });
}

// ---------- bottom sheets ----------

function sheet(build: (body: HTMLElement, close: () => void) => void, onCancel: () => void): void {
  const mask = el('div', 'pv-mask pv-mask--sheet');
  const body = el('div', 'pv-sheet');
  const close = () => mask.remove();
  mask.addEventListener('click', (e) => {
    if (e.target !== mask) return;
    close();
    onCancel();
  });
  build(body, close);
  mask.appendChild(body);
  layer.appendChild(mask);
}

export function showActionSheet(o: { itemList: string[]; itemColor?: string; alertText?: string }): Promise<number | null> {
  return new Promise((resolve) => {
    sheet(
      (body, close) => {
        if (o.alertText) body.appendChild(el('div', 'pv-sheet__alert', o.alertText));
        o.itemList.forEach((item, i) => {
          const b = button('pv-sheet__item', item, () => (close(), resolve(i)));
          if (o.itemColor) b.style.color = o.itemColor;
          body.appendChild(b);
        });
        body.appendChild(el('div', 'pv-sheet__gap'));
        body.appendChild(button('pv-sheet__item pv-sheet__cancel', '取消', () => (close(), resolve(null))));
      },
      () => resolve(null),
    );
  });
}

// ---------- the native picker ----------

export interface PickerRequest {
  mode: 'selector' | 'multiSelector' | 'date' | 'time';
  range: unknown[];
  rangeKey: string;
  value: unknown;
  start: string;
  end: string;
  fields: string;
  title: string;
}

const label = (item: unknown, key: string) => (key && item && typeof item === 'object' ? String((item as Record<string, unknown>)[key] ?? '') : String(item));

function column(items: unknown[], key: string, selected: number, onPick: (i: number) => void): HTMLElement {
  const col = el('div', 'pv-picker__column');
  items.forEach((item, i) => {
    const option = el('div', `pv-picker__option${i === selected ? ' pv-picker__option--on' : ''}`, label(item, key));
    option.addEventListener('click', () => {
      for (const o of col.children) o.classList.remove('pv-picker__option--on');
      option.classList.add('pv-picker__option--on');
      onPick(i);
    });
    col.appendChild(option);
  });
  setTimeout(() => (col.children[selected] as HTMLElement | undefined)?.scrollIntoView({ block: 'center' }), 0);
  return col;
}

/** Open the picker; `done(null)` on cancel. */
export function openPicker(req: PickerRequest, done: (value: unknown) => void, columnChange: (column: number, value: number) => void): void {
  let value: unknown;
  sheet(
    (body, close) => {
      const head = el('div', 'pv-picker__head');
      head.appendChild(button('pv-picker__cancel', '取消', () => (close(), done(null))));
      head.appendChild(el('div', 'pv-picker__title', req.title));
      head.appendChild(button('pv-picker__confirm', '确定', () => (close(), done(value))));
      body.appendChild(head);
      const cols = el('div', 'pv-picker__columns');
      if (req.mode === 'selector') {
        value = Number(req.value) || 0;
        cols.appendChild(column(req.range, req.rangeKey, value as number, (i) => (value = i)));
      } else if (req.mode === 'multiSelector') {
        const current = (Array.isArray(req.value) ? req.value : []).map(Number);
        value = (req.range as unknown[][]).map((_c, i) => current[i] || 0);
        (req.range as unknown[][]).forEach((items, c) =>
          cols.appendChild(
            column(items ?? [], req.rangeKey, (value as number[])[c], (i) => {
              (value as number[])[c] = i;
              columnChange(c, i);
            }),
          ),
        );
      } else {
        const input = el('input', 'pv-picker__input');
        const isDate = req.mode === 'date';
        input.type = isDate ? (req.fields === 'month' ? 'month' : req.fields === 'year' ? 'number' : 'date') : 'time';
        const today = new Date();
        const pad = (n: number) => String(n).padStart(2, '0');
        const fallback = isDate
          ? `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`
          : `${pad(today.getHours())}:${pad(today.getMinutes())}`;
        const width = isDate ? (req.fields === 'year' ? 4 : req.fields === 'month' ? 7 : 10) : 5;
        value = String(req.value || fallback).slice(0, width);
        input.value = value as string;
        if (req.start) input.min = req.start.slice(0, width);
        if (req.end) input.max = req.end.slice(0, width);
        input.addEventListener('input', () => (value = input.value));
        cols.appendChild(input);
      }
      body.appendChild(cols);
    },
    () => done(null),
  );
}

// ---------- subscribe messages ----------

/** WeChat's subscribe sheet: one switch per template, 允许 / 取消. Resolves each id's answer. */
export function askSubscribe(ids: string[]): Promise<Record<string, 'accept' | 'reject'>> {
  return new Promise((resolve) => {
    const chosen = new Set(ids);
    sheet(
      (body, close) => {
        body.classList.add('pv-subscribe');
        body.appendChild(el('div', 'pv-subscribe__title', '关爱室 申请'));
        body.appendChild(el('div', 'pv-subscribe__sub', '向你发送以下订阅消息'));
        for (const id of ids) {
          const row = el('label', 'pv-subscribe__row');
          const box = el('input', 'pv-subscribe__check');
          box.type = 'checkbox';
          box.checked = true;
          box.addEventListener('change', () => (box.checked ? chosen.add(id) : chosen.delete(id)));
          row.append(box, el('span', 'pv-subscribe__name', `订阅消息（模板 ${id}）`));
          body.appendChild(row);
        }
        const answer = (allow: boolean) => {
          close();
          resolve(Object.fromEntries(ids.map((id) => [id, allow && chosen.has(id) ? 'accept' : 'reject'])));
        };
        const actions = el('div', 'pv-subscribe__actions');
        actions.append(
          button('pv-subscribe__cancel', '取消', () => answer(false)),
          button('pv-subscribe__allow', '允许', () => answer(true)),
        );
        body.appendChild(actions);
      },
      () => resolve(Object.fromEntries(ids.map((id) => [id, 'reject' as const]))),
    );
  });
}
