/**
 * 亲情视频 · 一次通话 (teacher): how to make the call (in-app video where available, else the steps for a WeChat
 * video call from the room's device), the parent's request to move it (accept one proposed time or decline),
 * recording the outcome (<call-outcome>), moving or cancelling it (<call-change>; a cancel is asked in a
 * <confirm-dialog> first). A parent or guardian (who may read the call) sees the forbidden state: the page is staff's.
 * First screen: one familyCalls.get call. ?id=<call id>
 */
import type { CallDetail } from '../../../../../typings/actions/familyCalls';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { orNull, placeLabel, statusTheme } from '../../services/calls';
import { pageUrl } from '../../../../services/routes';
import { beijingToday, dayLabel } from '../../../../services/time';
import type { OutcomeInput } from '../../components/call-outcome/type';
import type { CancelInput, MoveInput } from '../../components/call-change/type';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const CLOSED = { visible: false, busy: false, title: '', content: '', scope: 'one' as CancelInput['scope'], reason: null as string | null };

/** The call the page is about, from the url. */
const own = instanceState(() => ({ callId: '' }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    detail: null as CallDetail | null,
    place: '',
    movedFromDay: '',
    theme: 'default',
    today: '',
    answerNote: '',
    message: '',
    formError: '',
    busy: false,
    /** the cancel being asked about */
    confirm: { ...CLOSED },
  },

  methods: {
    onLoad(query: Record<string, string> = {}) {
      own(this).callId = query.id ?? '';
      this.load();
    },

    load() {
      const { callId } = own(this);
      return loadScreen(this, async () => {
        const detail = await call('familyCalls.get', { callId });
        if (detail.viewAs === 'parent' || detail.viewAs === 'guardian') {
          this.setData({ state: 'forbidden' });
          return;
        }
        this.show(detail);
      });
    },

    show(detail: CallDetail) {
      const c = detail.call;
      this.setData({
        state: 'ready',
        detail,
        theme: statusTheme(c.status),
        place: placeLabel(c.device),
        movedFromDay: c.movedFrom ? dayLabel(c.movedFrom.date) : '',
        today: beijingToday(),
      });
    },

    onRetry() {
      this.load();
    },

    /** Run a change; its answer (a Chinese sentence) is shown, or the error. */
    async run(work: () => Promise<string>) {
      this.setData({ busy: true, formError: '', message: '' });
      try {
        this.setData({ message: await work() });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    async onJoin() {
      const { callId } = own(this);
      await this.run(async () => {
        const join = await call('familyCalls.join', { callId });
        if (join.kind === 'wechat-voip' && join.listener.length && (wx as unknown as { join1v1Chat?: unknown }).join1v1Chat) {
          // In-app video (小程序音视频通话): the first parent chosen is called.
          (wx as unknown as { join1v1Chat(o: unknown): void }).join1v1Chat({
            roomType: 'video',
            listener: join.listener[0],
            fail: () => wx.showToast({ title: '无法发起通话，请用微信视频', icon: 'none' }),
          });
        }
        return '已签到，开始通话';
      });
    },

    async onRecord(e: WechatMiniprogram.CustomEvent<OutcomeInput>) {
      const { callId } = own(this);
      const input = e.detail;
      await this.run(async () => {
        const view = await call('familyCalls.record', { callId, ...input });
        this.show({ ...this.data.detail!, call: view, canManage: false });
        return input.result === 'done' ? '已登记：通话完成' : '已登记：未接通，请尽快补约一次';
      });
    },

    onRebook() {
      const c = this.data.detail!.call;
      wx.navigateTo({ url: pageUrl('book', { childId: c.childId, rebookOf: c.id }) });
    },

    // ── the parent's request to move ──
    onAnswerField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ answerNote: e.detail.value });
    },

    async onAccept(e: WechatMiniprogram.TouchEvent) {
      const { callId } = own(this);
      await this.run(async () => {
        await call('familyCalls.answerMove', { callId, accept: Number(e.currentTarget.dataset.index), note: orNull(this.data.answerNote) });
        await this.reload();
        return '已同意改期，已通知家长';
      });
    },

    async onDecline() {
      const { callId } = own(this);
      await this.run(async () => {
        await call('familyCalls.answerMove', { callId, accept: null, note: orNull(this.data.answerNote) });
        await this.reload();
        return '已回复家长：时间不变';
      });
    },

    async reload() {
      const { callId } = own(this);
      this.show(await call('familyCalls.get', { callId }));
    },

    // ── move / cancel ──
    async onMove(e: WechatMiniprogram.CustomEvent<MoveInput>) {
      const { callId } = own(this);
      const move = e.detail;
      await this.run(async () => {
        const res = await call('familyCalls.move', { callId, ...move });
        await this.reload();
        return `已改期 ${res.moved} 次，已通知家长重新确认`;
      });
    },

    onAskCancel(e: WechatMiniprogram.CustomEvent<CancelInput>) {
      const { scope, reason } = e.detail;
      const content =
        scope === 'one' ? '确定取消这一次通话吗？家长会收到通知。' : `确定取消这一次及以后的 ${this.data.detail!.following + 1} 次通话吗？家长会收到通知。`;
      this.setData({ confirm: { visible: true, busy: false, title: '取消通话', content, scope, reason } });
    },

    onConfirmCancel() {
      if (!this.data.confirm.busy) this.setData({ confirm: { ...CLOSED } });
    },

    async onConfirmOk() {
      const { callId } = own(this);
      const { scope, reason, busy } = this.data.confirm;
      if (busy) return;
      this.setData({ 'confirm.busy': true });
      await this.run(async () => {
        const r = await call('familyCalls.cancel', { callId, scope, reason });
        await this.reload();
        return `已取消 ${r.cancelled} 次通话，已通知家长`;
      });
      this.setData({ confirm: { ...CLOSED } });
    },
  },
});
