/**
 * 写贺卡：给一位过生日的同学（或学生）写一张生日贺卡：选一个贺卡样式，写几句祝福（最多 100 字，可点常用的祝福），
 * 下面是贺卡的样子和署名。首屏一次 wishes.compose 调用；送出调用 wishes.send：通过检查的贺卡马上送到，
 * 需要老师看过的交给老师；含有不适合内容的文字会被婉拒、不保存。不能写的时候（生日还没到、已经送过）说明原因。
 */
import type { CardDesign, ComposeOutput } from '../../../../../typings/actions/birthdays';
import { call, CallError, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { instanceState } from '../../../../services/instance';
import { STATUS_LABELS } from '../../../../generated/wish-labels';
import { birthdayLine } from '../../services/days';

type State = 'loading' | 'error' | 'forbidden' | 'ready' | 'sent';

/** Words a child may start from (tap to put them in). */
const STARTERS = ['生日快乐！', '祝你天天开心！', '我们永远是好朋友！', '愿你学习进步，快快长大！'];

const own = instanceState(() => ({ childId: '' }));

function view(c: ComposeOutput) {
  return {
    name: c.child.givenName,
    className: c.child.className,
    line: c.child.birthday ? birthdayLine(c.child.birthday) : '',
    signature: c.signature,
    maxChars: c.maxChars,
    canSend: c.canSend,
    reason: c.reason ?? '',
    approvalNote: c.approvalRequired ? `老师会先看一看，再送给${c.child.givenName}` : '',
    sent: c.sent ? { design: c.sent.design, text: c.sent.text, note: STATUS_LABELS[c.sent.status] } : null,
  };
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    name: '',
    className: '',
    line: '',
    signature: '',
    maxChars: 100,
    canSend: false,
    reason: '',
    approvalNote: '',
    sent: null as { design: string; text: string; note: string } | null,
    starters: STARTERS,
    design: 'cake' as CardDesign,
    text: '',
    count: 0,
    textError: '',
    sending: false,
    sendError: '',
    doneMessage: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).childId = query.childId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const c = await call('wishes.compose', { childId: own(this).childId });
        if (screen.current()) this.setData({ state: 'ready', ...view(c) });
      });
    },

    onRetry() {
      this.load();
    },

    onDesign(e: WechatMiniprogram.CustomEvent<{ design: CardDesign }>) {
      this.setData({ design: e.detail.design });
    },

    setText(text: string) {
      this.setData({ text, count: [...text].length, textError: '', sendError: '' });
    },

    onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setText(String(e.detail.value ?? ''));
    },

    onStarter(e: WechatMiniprogram.BaseEvent<Record<string, never>, { text: string }>) {
      this.setText(`${this.data.text}${e.currentTarget.dataset.text}`);
    },

    async onSend() {
      const text = this.data.text.trim();
      if (this.data.sending) return;
      if (!text) return this.setData({ textError: '请写几句祝福的话' });
      if ([...text].length > this.data.maxChars) return this.setData({ textError: `最多 ${this.data.maxChars} 个字` });
      this.setData({ sending: true, sendError: '', textError: '' });
      try {
        const res = await call('wishes.send', { childId: own(this).childId, design: this.data.design, text });
        this.setData({ state: 'sent', doneMessage: res.message, sent: { design: res.card.design, text: res.card.text, note: STATUS_LABELS[res.card.status] } });
      } catch (err) {
        const detail = err instanceof CallError ? err.details?.find((d) => d.path === 'text') : undefined;
        this.setData(detail ? { textError: detail.message } : { sendError: errorMessage(err) });
      } finally {
        this.setData({ sending: false });
      }
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
