/**
 * WeChat's built-in components (view, input, button, picker, image, scroll-view...) for the renderer. Its own are
 * empty shells (a tag and a slot): here each one draws what WeChat draws with real DOM (a real <input> to type
 * into, an <img>), takes the same properties and fires the same events with the same detail. Those the preview
 * cannot stand in for (video, map, camera...) say so loudly when a page uses them.
 */
import jComponent, { type ExparserNode } from 'j-component';
import exparser from 'miniprogram-exparser';
import { problem } from './problems';
import { fileUrl } from './files';
import { openPicker, type PickerRequest } from './ui';
import { agreePrivacy } from './privacy';
import { navigateByOpenType } from './router';

interface Self {
  _exparserNode: ExparserNode;
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>): void;
  triggerEvent(name: string, detail?: unknown, options?: Record<string, unknown>): void;
  [key: string]: unknown;
}

const host = (self: Self): HTMLElement => self._exparserNode.$$ as HTMLElement;

function onTap(self: Self, fn: () => void): void {
  exparser.addListenerToElement(self._exparserNode, 'tap', () => {
    fn();
    return undefined;
  });
}

/** A class written in the owner's template, as the renderer prefixes it there. */
function ownerClass(self: Self, cls: string): string[] {
  const owner = self._exparserNode.ownerShadowRoot?.getHostNode();
  const prefix = owner ? exparser.Component.getComponentOptions(owner).classPrefix : '';
  return cls
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => (prefix ? `${prefix}--${c}` : c));
}

/** hover-class: added while the finger is down (after hover-start-time), kept hover-stay-time after. */
function hoverable(self: Self, defaultClass = 'none'): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const classes = () => {
    const cls = String(self.data.hoverClass || defaultClass);
    return cls === 'none' || self.data.disabled ? [] : ownerClass(self, cls);
  };
  exparser.addListenerToElement(self._exparserNode, 'touchstart', () => {
    clearTimeout(timer);
    timer = setTimeout(() => host(self)?.classList.add(...classes()), Number(self.data.hoverStartTime ?? 50));
    return undefined;
  });
  const end = () => {
    clearTimeout(timer);
    timer = setTimeout(() => host(self)?.classList.remove(...classes()), Number(self.data.hoverStayTime ?? 400));
    return undefined;
  };
  exparser.addListenerToElement(self._exparserNode, 'touchend', end);
  exparser.addListenerToElement(self._exparserNode, 'touchcancel', end);
}

const HOVER_PROPS = {
  hoverClass: { type: String, value: '' },
  hoverStartTime: { type: Number, value: 50 },
  hoverStayTime: { type: Number, value: 400 },
  hoverStopPropagation: Boolean,
};

function define(name: string, definition: Record<string, unknown> = {}): void {
  jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>', ...definition });
}

function setAttr(el: Element, name: string, on: unknown, value = ''): void {
  if (on || on === 0) el.setAttribute(name, value || (on === true ? '' : String(on)));
  else el.removeAttribute(name);
}

// ---------- text fields ----------

/** What the keyboard of each input type can type (WeChat's number/idcard/digit keyboards). */
const KEYBOARD: Record<string, RegExp | undefined> = { number: /[^0-9]/g, idcard: /[^0-9xX]/g, digit: /[^0-9.]/g };

function textField(tag: 'input' | 'textarea') {
  return {
    properties: {
      value: { type: String, value: '' },
      type: { type: String, value: 'text' },
      password: Boolean,
      placeholder: { type: String, value: '' },
      placeholderStyle: { type: String, value: '' },
      placeholderClass: { type: String, value: '' },
      disabled: Boolean,
      maxlength: { type: Number, value: 140 },
      focus: Boolean,
      autoFocus: Boolean,
      autoHeight: Boolean,
      confirmType: { type: String, value: 'done' },
      name: { type: String, value: '' },
    },
    observers: {
      'value, placeholder, disabled, password, type, maxlength, focus, autoHeight'(this: Self) {
        (this.render as () => void)();
      },
    },
    lifetimes: {
      attached(this: Self) {
        const el = document.createElement(tag);
        el.className = 'pv-field';
        host(this).appendChild(el);
        this.field = el;
        el.addEventListener('input', () => {
          const filter = KEYBOARD[String(this.data.type)];
          if (filter && el.value.replace(filter, '') !== el.value) el.value = el.value.replace(filter, '');
          (this.fit as () => void)();
          this.__value = el.value;
          this.triggerEvent('input', { value: el.value, cursor: el.selectionEnd ?? el.value.length, keyCode: 0 });
        });
        el.addEventListener('focus', () => this.triggerEvent('focus', { value: el.value, height: 0 }));
        el.addEventListener('blur', () => this.triggerEvent('blur', { value: el.value, cursor: el.selectionEnd ?? el.value.length }));
        el.addEventListener('keydown', (e) => {
          const key = (e as KeyboardEvent).key;
          if (key === 'Enter' && tag === 'input') this.triggerEvent('confirm', { value: el.value });
        });
        (this.render as () => void)();
        if (this.data.autoFocus || this.data.focus) setTimeout(() => el.focus(), 0);
      },
    },
    methods: {
      render(this: Self) {
        const el = this.field as HTMLInputElement | HTMLTextAreaElement | undefined;
        if (!el) return;
        const value = this.data.value == null ? '' : String(this.data.value);
        if (el.value !== value && this.__value !== value) el.value = value;
        this.__value = value;
        el.placeholder = String(this.data.placeholder ?? '');
        el.disabled = !!this.data.disabled;
        const max = Number(this.data.maxlength);
        if (max >= 0) el.maxLength = max;
        else el.removeAttribute('maxlength');
        if (el instanceof HTMLInputElement) {
          el.type = this.data.password || this.data.type === 'safe-password' ? 'password' : 'text';
          el.inputMode = this.data.type === 'number' || this.data.type === 'idcard' ? 'numeric' : this.data.type === 'digit' ? 'decimal' : 'text';
        }
        if (this.data.focus && document.activeElement !== el) setTimeout(() => el.focus(), 0);
        (this.fit as () => void)();
      },
      /** auto-height: as on WeChat, the textarea starts one line high (not the default 150px) and grows with its text. */
      fit(this: Self) {
        const el = this.field as HTMLTextAreaElement | undefined;
        if (!el || tag !== 'textarea' || !this.data.autoHeight) return;
        host(this).style.height = 'auto';
        el.rows = 1;
        el.style.height = 'auto';
        el.style.height = `${el.scrollHeight}px`;
      },
      __formValue(this: Self) {
        return (this.field as HTMLInputElement | undefined)?.value ?? '';
      },
    },
  };
}

// ---------- buttons and forms ----------

/** open-type values WeChat handles itself; the preview does only the privacy agreement. */
function openType(self: Self, type: string): void {
  if (!type) return;
  if (type === 'agreePrivacyAuthorization') {
    agreePrivacy();
    self.triggerEvent('agreeprivacyauthorization', {});
    return;
  }
  problem(`<button open-type="${type}"> 在预览中没有模拟`);
}

/** The nearest enclosing node that is this built-in. */
function ancestor(self: Self, name: string): (Record<string, unknown> & Self) | null {
  for (let n = self._exparserNode.parentNode; n; n = n.parentNode) {
    const caller = exparser.Element.getMethodCaller(n) as unknown as Self | undefined;
    if (caller && (caller as Record<string, unknown>).__builtin === name) return caller as Record<string, unknown> & Self;
  }
  return null;
}

function descendants(node: ExparserNode, out: Self[] = []): Self[] {
  for (const child of node.childNodes ?? []) {
    const caller = exparser.Element.getMethodCaller(child) as unknown as Self | undefined;
    if (caller?.__formValue) out.push(caller);
    descendants(child, out);
  }
  return out;
}

// ---------- picker ----------

function pickerRequest(self: Self): PickerRequest {
  const d = self.data;
  return {
    mode: String(d.mode || 'selector') as PickerRequest['mode'],
    range: (d.range as unknown[]) ?? [],
    rangeKey: String(d.rangeKey ?? ''),
    value: d.value,
    start: String(d.start ?? ''),
    end: String(d.end ?? ''),
    fields: String(d.fields ?? 'day'),
    title: String(d.headerText ?? ''),
  };
}

// ---------- choices (checkbox, radio, switch) ----------

function choice(kind: 'checkbox' | 'radio') {
  return {
    properties: { value: { type: String, value: '' }, checked: Boolean, disabled: Boolean, color: { type: String, value: '' } },
    observers: {
      'checked, disabled'(this: Self) {
        this.__checked = !!this.data.checked;
        (this.render as () => void)();
      },
    },
    lifetimes: {
      attached(this: Self) {
        this.__builtin = kind;
        this.__checked = !!this.data.checked;
        (this.render as () => void)();
        onTap(this, () => (this.toggle as () => void)());
      },
    },
    methods: {
      render(this: Self) {
        setAttr(host(this), 'checked', this.__checked);
        setAttr(host(this), 'disabled', this.data.disabled);
      },
      toggle(this: Self) {
        if (this.data.disabled) return;
        if (kind === 'radio' && this.__checked) return;
        this.__checked = kind === 'radio' ? true : !this.__checked;
        (this.render as () => void)();
        const group = ancestor(this, `${kind}-group`);
        (group?.changed as ((from: Self) => void) | undefined)?.(this);
      },
    },
  };
}

function group(kind: 'checkbox' | 'radio') {
  return {
    properties: { name: { type: String, value: '' } },
    lifetimes: {
      attached(this: Self) {
        this.__builtin = `${kind}-group`;
      },
    },
    methods: {
      members(this: Self): Self[] {
        const out: Self[] = [];
        const walk = (n: ExparserNode) => {
          for (const c of n.childNodes ?? []) {
            const caller = exparser.Element.getMethodCaller(c) as unknown as Self | undefined;
            if (caller?.__builtin === kind) out.push(caller);
            walk(c);
          }
        };
        walk(this._exparserNode);
        return out;
      },
      changed(this: Self, from: Self) {
        const members = (this.members as () => Self[])();
        if (kind === 'radio') {
          for (const m of members) {
            if (m === from || !m.__checked) continue;
            m.__checked = false;
            (m.render as () => void)();
          }
        }
        const values = members.filter((m) => m.__checked).map((m) => String(m.data.value));
        this.triggerEvent('change', { value: kind === 'radio' ? (values[0] ?? '') : values });
      },
      __formValue(this: Self) {
        const values = (this.members as () => Self[])()
          .filter((m) => m.__checked)
          .map((m) => String(m.data.value));
        return kind === 'radio' ? (values[0] ?? '') : values;
      },
    },
  };
}

// ---------- image ----------

const IMAGE_FIT: Record<string, string> = {
  scaleToFill: 'fill',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: 'fill',
  heightFix: 'fill',
};

// ---------- rich-text ----------

interface RichNode {
  type?: 'node' | 'text';
  name?: string;
  text?: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}

function richNodes(nodes: RichNode[] | string): Node {
  if (typeof nodes === 'string') {
    const doc = new DOMParser().parseFromString(nodes, 'text/html');
    for (const bad of doc.body.querySelectorAll('script, iframe, object, embed, style')) bad.remove();
    for (const el of doc.body.querySelectorAll('*')) for (const a of [...el.attributes]) if (/^on/i.test(a.name)) el.removeAttribute(a.name);
    const frag = document.createDocumentFragment();
    frag.append(...doc.body.childNodes);
    return frag;
  }
  const frag = document.createDocumentFragment();
  for (const n of nodes ?? []) {
    if (n.type === 'text') frag.append(document.createTextNode(n.text ?? ''));
    else if (n.name && !/^(script|iframe|object|embed|style)$/i.test(n.name)) {
      const el = document.createElement(n.name);
      for (const [k, v] of Object.entries(n.attrs ?? {})) if (!/^on/i.test(k)) el.setAttribute(k, v);
      el.append(richNodes(n.children ?? []));
      frag.append(el);
    }
  }
  return frag;
}

// ---------- the list ----------

/** Components the preview cannot stand in for. */
const UNSUPPORTED = [
  'video',
  'camera',
  'map',
  'canvas',
  'live-player',
  'live-pusher',
  'web-view',
  'ad',
  'ad-custom',
  'official-account',
  'open-data',
  'editor',
  'audio',
  'voip-room',
  'channel-live',
  'channel-video',
  'functional-page-navigator',
  'movable-area',
  'movable-view',
  'picker-view',
  'picker-view-column',
  'keyboard-accessory',
  'page-container',
  'share-element',
  'navigation-bar',
  'page-meta',
  'match-media',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
];

export function registerBuiltins(): void {
  for (const name of ['view', 'cover-view', 'swiper-item', 'root-portal'])
    define(name, {
      properties: HOVER_PROPS,
      lifetimes: {
        attached(this: Self) {
          hoverable(this);
        },
      },
    });
  define('text', { properties: { selectable: Boolean, userSelect: Boolean, space: String, decode: Boolean } });
  define('label', {
    properties: { for: { type: String, value: '' } },
    lifetimes: {
      attached(this: Self) {
        onTap(this, () => {
          const id = String(this.data.for || '');
          const target = id ? this._exparserNode.ownerShadowRoot?.querySelector(`#${id}`) : null;
          const caller = (target ? exparser.Element.getMethodCaller(target) : null) as unknown as Self | null;
          const found = caller ?? descendantsOfKind(this._exparserNode, ['checkbox', 'radio', 'switch'])[0];
          (found?.toggle as (() => void) | undefined)?.call(found);
          if (found?.field) (found.field as HTMLElement).focus();
        });
      },
    },
  });
  define('input', textField('input'));
  define('textarea', textField('textarea'));

  define('button', {
    properties: {
      type: { type: String, value: 'default' },
      size: { type: String, value: 'default' },
      plain: Boolean,
      disabled: Boolean,
      loading: Boolean,
      formType: { type: String, value: '' },
      openType: { type: String, value: '' },
      ...HOVER_PROPS,
      hoverClass: { type: String, value: 'button-hover' },
    },
    observers: {
      'type, size, plain, disabled, loading'(this: Self) {
        const el = host(this);
        if (!el) return;
        for (const k of ['type', 'size', 'plain', 'disabled', 'loading']) setAttr(el, k, this.data[k]);
      },
    },
    lifetimes: {
      attached(this: Self) {
        hoverable(this, 'button-hover');
        const el = host(this);
        for (const k of ['type', 'size', 'plain', 'disabled', 'loading']) setAttr(el, k, this.data[k]);
        onTap(this, () => {
          if (this.data.disabled) return;
          openType(this, String(this.data.openType || ''));
          const form = ancestor(this, 'form');
          if (this.data.formType === 'submit') (form?.submit as (() => void) | undefined)?.();
          if (this.data.formType === 'reset') (form?.reset as (() => void) | undefined)?.();
        });
      },
    },
  });
  define('form', {
    properties: { reportSubmit: Boolean },
    lifetimes: {
      attached(this: Self) {
        this.__builtin = 'form';
      },
    },
    methods: {
      submit(this: Self) {
        const value: Record<string, unknown> = {};
        for (const field of descendants(this._exparserNode))
          if (field.data.name) value[String(field.data.name)] = (field.__formValue as () => unknown).call(field);
        this.triggerEvent('submit', { value, target: { dataset: this._exparserNode.dataset ?? {} } });
      },
      reset(this: Self) {
        this.triggerEvent('reset', {});
      },
    },
  });

  define('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: Array, value: [] },
      rangeKey: { type: String, value: '' },
      value: { type: null, value: 0 },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
      fields: { type: String, value: 'day' },
      disabled: Boolean,
      headerText: { type: String, value: '' },
      name: { type: String, value: '' },
    },
    lifetimes: {
      attached(this: Self) {
        onTap(this, () => {
          if (this.data.disabled) return;
          if (this.data.mode === 'region') {
            problem('<picker mode="region"> 在预览中没有模拟');
            return;
          }
          openPicker(
            pickerRequest(this),
            (value) => (value === null ? this.triggerEvent('cancel', {}) : this.triggerEvent('change', { value })),
            (column, value) => this.triggerEvent('columnchange', { column, value }),
          );
        });
      },
    },
    methods: {
      __formValue(this: Self) {
        return this.data.value;
      },
    },
  });

  define('switch', {
    properties: {
      checked: Boolean,
      disabled: Boolean,
      type: { type: String, value: 'switch' },
      color: { type: String, value: '#04BE02' },
      name: { type: String, value: '' },
    },
    observers: {
      'checked, disabled, type'(this: Self) {
        this.__checked = !!this.data.checked;
        (this.render as () => void)();
      },
    },
    lifetimes: {
      attached(this: Self) {
        this.__builtin = 'switch';
        this.__checked = !!this.data.checked;
        (this.render as () => void)();
        onTap(this, () => (this.toggle as () => void)());
      },
    },
    methods: {
      render(this: Self) {
        const el = host(this);
        setAttr(el, 'checked', this.__checked);
        setAttr(el, 'disabled', this.data.disabled);
        el.dataset.type = String(this.data.type);
        el.style.setProperty('--pv-switch-color', String(this.data.color || '#04BE02'));
      },
      toggle(this: Self) {
        if (this.data.disabled) return;
        this.__checked = !this.__checked;
        (this.render as () => void)();
        this.triggerEvent('change', { value: this.__checked });
      },
      __formValue(this: Self) {
        return !!this.__checked;
      },
    },
  });
  define('checkbox', choice('checkbox'));
  define('radio', choice('radio'));
  define('checkbox-group', group('checkbox'));
  define('radio-group', group('radio'));

  define('slider', {
    properties: {
      min: { type: Number, value: 0 },
      max: { type: Number, value: 100 },
      step: { type: Number, value: 1 },
      value: { type: Number, value: 0 },
      disabled: Boolean,
      showValue: Boolean,
      name: { type: String, value: '' },
    },
    observers: {
      'min, max, step, value, disabled'(this: Self) {
        const el = this.field as HTMLInputElement | undefined;
        if (!el) return;
        Object.assign(el, {
          min: String(this.data.min),
          max: String(this.data.max),
          step: String(this.data.step),
          value: String(this.data.value),
          disabled: !!this.data.disabled,
        });
      },
    },
    lifetimes: {
      attached(this: Self) {
        const el = document.createElement('input');
        el.type = 'range';
        Object.assign(el, {
          min: String(this.data.min),
          max: String(this.data.max),
          step: String(this.data.step),
          value: String(this.data.value),
        });
        host(this).appendChild(el);
        this.field = el;
        el.addEventListener('input', () => this.triggerEvent('changing', { value: Number(el.value) }));
        el.addEventListener('change', () => this.triggerEvent('change', { value: Number(el.value) }));
      },
    },
    methods: {
      __formValue(this: Self) {
        return Number((this.field as HTMLInputElement).value);
      },
    },
  });

  define('progress', {
    properties: {
      percent: { type: Number, value: 0 },
      showInfo: Boolean,
      strokeWidth: { type: null, value: 6 },
      activeColor: { type: String, value: '#09BB07' },
      backgroundColor: { type: String, value: '#EBEBEB' },
    },
    observers: {
      'percent, showInfo, strokeWidth, activeColor, backgroundColor'(this: Self) {
        const el = host(this);
        if (!el) return;
        el.style.setProperty('--pv-progress', `${Math.max(0, Math.min(100, Number(this.data.percent)))}%`);
        el.style.setProperty('--pv-progress-color', String(this.data.activeColor));
        el.style.setProperty('--pv-progress-bg', String(this.data.backgroundColor));
        el.style.setProperty('--pv-progress-height', `${parseFloat(String(this.data.strokeWidth))}px`);
        el.dataset.info = this.data.showInfo ? `${this.data.percent}%` : '';
      },
    },
  });

  define('icon', {
    properties: { type: { type: String, value: '' }, size: { type: null, value: 23 }, color: { type: String, value: '' } },
    observers: {
      'type, size, color'(this: Self) {
        const el = host(this);
        if (!el) return;
        el.dataset.type = String(this.data.type);
        el.style.fontSize = /^\d+(\.\d+)?$/.test(String(this.data.size)) ? `${this.data.size}px` : String(this.data.size);
        if (this.data.color) el.style.color = String(this.data.color);
      },
    },
  });

  for (const name of ['image', 'cover-image']) {
    define(name, {
      properties: {
        src: { type: String, value: '' },
        mode: { type: String, value: 'scaleToFill' },
        lazyLoad: Boolean,
        webp: Boolean,
        showMenuByLongpress: Boolean,
      },
      observers: {
        'src, mode'(this: Self) {
          (this.render as () => void)();
        },
      },
      lifetimes: {
        attached(this: Self) {
          const img = document.createElement('img');
          img.className = 'pv-img';
          img.addEventListener('load', () => this.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight }));
          img.addEventListener('error', () => this.triggerEvent('error', { errMsg: `GET ${img.src} 404 (Not Found)` }));
          host(this).appendChild(img);
          this.img = img;
          (this.render as () => void)();
        },
      },
      methods: {
        render(this: Self) {
          const img = this.img as HTMLImageElement | undefined;
          if (!img) return;
          const src = String(this.data.src || '');
          if (src) img.src = fileUrl(src);
          else img.removeAttribute('src');
          const mode = String(this.data.mode || 'scaleToFill');
          img.style.objectFit = IMAGE_FIT[mode] ?? 'none';
          img.style.objectPosition = IMAGE_FIT[mode] ? 'center' : mode.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
          host(this).dataset.mode = mode;
        },
      },
    });
  }

  define('rich-text', {
    properties: { nodes: { type: null, value: [] }, space: String, userSelect: Boolean },
    observers: {
      nodes(this: Self) {
        const el = host(this);
        if (!el) return;
        el.replaceChildren(richNodes(this.data.nodes as RichNode[] | string));
      },
    },
  });

  define('navigator', {
    properties: {
      url: { type: String, value: '' },
      openType: { type: String, value: 'navigate' },
      delta: { type: Number, value: 1 },
      target: { type: String, value: 'self' },
      ...HOVER_PROPS,
      hoverClass: { type: String, value: 'navigator-hover' },
    },
    lifetimes: {
      attached(this: Self) {
        hoverable(this, 'navigator-hover');
        onTap(this, () => {
          if (this.data.target === 'miniProgram') problem('<navigator target="miniProgram"> 在预览中没有模拟');
          else navigateByOpenType(String(this.data.openType || 'navigate'), String(this.data.url || ''), Number(this.data.delta || 1));
        });
      },
    },
  });

  define('scroll-view', {
    properties: {
      scrollX: Boolean,
      scrollY: Boolean,
      scrollTop: { type: null, value: null },
      scrollLeft: { type: null, value: null },
      scrollIntoView: { type: String, value: '' },
      upperThreshold: { type: null, value: 50 },
      lowerThreshold: { type: null, value: 50 },
      scrollWithAnimation: Boolean,
      enableFlex: Boolean,
      enhanced: Boolean,
      showScrollbar: { type: Boolean, value: true },
    },
    observers: {
      'scrollX, scrollY, enableFlex'(this: Self) {
        const el = host(this);
        if (!el) return;
        el.style.overflowX = this.data.scrollX ? 'auto' : 'hidden';
        el.style.overflowY = this.data.scrollY ? 'auto' : 'hidden';
        if (this.data.enableFlex) el.style.display = 'flex';
      },
      scrollTop(this: Self) {
        const el = host(this);
        if (el && this.data.scrollTop != null && this.data.scrollTop !== '')
          el.scrollTo({ top: parseFloat(String(this.data.scrollTop)), behavior: this.data.scrollWithAnimation ? 'smooth' : 'auto' });
      },
      scrollLeft(this: Self) {
        const el = host(this);
        if (el && this.data.scrollLeft != null && this.data.scrollLeft !== '')
          el.scrollTo({ left: parseFloat(String(this.data.scrollLeft)), behavior: this.data.scrollWithAnimation ? 'smooth' : 'auto' });
      },
      scrollIntoView(this: Self) {
        const id = String(this.data.scrollIntoView || '');
        const target = id ? this._exparserNode.ownerShadowRoot?.querySelector(`#${id}`) : null;
        target?.$$?.scrollIntoView({ behavior: this.data.scrollWithAnimation ? 'smooth' : 'auto', block: 'start', inline: 'start' });
      },
    },
    lifetimes: {
      attached(this: Self) {
        const el = host(this);
        let last = { top: 0, left: 0 };
        let atEnd = false;
        let atStart = true;
        el.addEventListener('scroll', () => {
          this.triggerEvent('scroll', {
            scrollTop: el.scrollTop,
            scrollLeft: el.scrollLeft,
            scrollHeight: el.scrollHeight,
            scrollWidth: el.scrollWidth,
            deltaX: el.scrollLeft - last.left,
            deltaY: el.scrollTop - last.top,
          });
          last = { top: el.scrollTop, left: el.scrollLeft };
          const lower = parseFloat(String(this.data.lowerThreshold)) || 50;
          const upper = parseFloat(String(this.data.upperThreshold)) || 50;
          const endNow =
            this.data.scrollX && !this.data.scrollY
              ? el.scrollWidth - el.clientWidth - el.scrollLeft <= lower
              : el.scrollHeight - el.clientHeight - el.scrollTop <= lower;
          const startNow = (this.data.scrollX && !this.data.scrollY ? el.scrollLeft : el.scrollTop) <= upper;
          if (endNow && !atEnd) this.triggerEvent('scrolltolower', { direction: this.data.scrollY ? 'bottom' : 'right' });
          if (startNow && !atStart) this.triggerEvent('scrolltoupper', { direction: this.data.scrollY ? 'top' : 'left' });
          atEnd = endNow;
          atStart = startNow;
        });
      },
    },
  });

  define('swiper', {
    properties: {
      current: { type: Number, value: 0 },
      indicatorDots: Boolean,
      autoplay: Boolean,
      interval: { type: Number, value: 5000 },
      circular: Boolean,
      vertical: Boolean,
    },
    observers: {
      current(this: Self) {
        const el = host(this);
        if (el) el.scrollTo({ left: el.clientWidth * Number(this.data.current), behavior: 'smooth' });
      },
    },
    lifetimes: {
      attached(this: Self) {
        const el = host(this);
        let timer: ReturnType<typeof setTimeout> | undefined;
        el.addEventListener('scroll', () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            const current = Math.round(el.scrollLeft / Math.max(1, el.clientWidth));
            if (current !== this.__current) this.triggerEvent('change', { current, source: 'touch' });
            this.__current = current;
          }, 120);
        });
      },
    },
  });

  for (const name of UNSUPPORTED)
    define(name, {
      lifetimes: {
        attached() {
          problem(`<${name}> 组件在预览中没有模拟`);
        },
      },
    });
}

function descendantsOfKind(node: ExparserNode, kinds: string[]): Self[] {
  const out: Self[] = [];
  const walk = (n: ExparserNode) => {
    for (const c of n.childNodes ?? []) {
      const caller = exparser.Element.getMethodCaller(c) as unknown as Self | undefined;
      if (caller && kinds.includes(String(caller.__builtin))) out.push(caller);
      walk(c);
    }
  };
  walk(node);
  return out;
}
