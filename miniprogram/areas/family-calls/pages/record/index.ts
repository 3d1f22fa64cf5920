/**
 * 亲情视频 · 一次通话 (teacher): how to make the call (in-app video where available, else the steps for a WeChat
 * video call from the room's device), the parent's request to move it (accept one proposed time or decline),
 * recording the outcome (done: minutes, who joined, note, mood; missed: by whom, why), moving it (this one / this
 * and following) and cancelling it (this one / this and following).
 * First screen: one familyCalls.get call. ?id=<call id>
 */
import type { CallDetail } from '../../../../../typings/actions/familyCalls';
import type { Weekday } from '../../../../../typings/domain';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { MISSED_BY, MOODS, orNull, placeLabel, statusTheme, WEEKDAYS } from '../../services/calls';
import { pageUrl } from '../../../../services/routes';
import { dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';
type Result = 'done' | 'missed';
type Scope = 'one' | 'following';

const option = <T>(list: { value: T; label: string }[], chosen: T | null) => list.map((o) => ({ ...o, chosen: o.value === chosen }));

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
    result: 'done' as Result,
    /** TDesign checkbox options: the call's parents; who joined is chosenJoined */
    joinedOptions: [] as { label: string; value: string }[],
    chosenJoined: [] as string[],
    moods: option(MOODS, null as string | null),
    missedBy: option(MISSED_BY, null as string | null),
    outcome: { minutes: '', others: '', note: '', reason: '' },
    move: { open: false, scope: 'one' as Scope, date: '', time: '', weekday: 0 },
    answerNote: '',
    cancelReason: '',
    weekdays: WEEKDAYS,
    message: '',
    formError: '',
    busy: false,
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
        joinedOptions: c.parents.map((p) => ({ label: p.label, value: p.bindingId })),
        chosenJoined: c.parents.filter((p) => !c.outcome || c.outcome.joined.includes(p.label)).map((p) => p.bindingId),
        outcome: {
          minutes: c.outcome ? String(c.outcome.minutes) : String(c.minutes),
          others: c.outcome?.others ?? '',
          note: c.outcome?.note ?? '',
          reason: c.missed?.reason ?? '',
        },
        result: c.status === 'missed' ? 'missed' : 'done',
        moods: option(MOODS, c.outcome?.mood ?? null),
        missedBy: option(MISSED_BY, c.missed?.by ?? null),
        move: { open: false, scope: 'one', date: c.date, time: c.time, weekday: c.weekday },
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

    // ── outcome ──
    onPickResult(e: WechatMiniprogram.TouchEvent) {
      this.setData({ result: e.currentTarget.dataset.value as Result, formError: '' });
    },

    onJoinedChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ chosenJoined: e.detail.value ?? [] });
    },

    onPickMood(e: WechatMiniprogram.TouchEvent) {
      this.setData({ moods: option(MOODS, e.currentTarget.dataset.value as string) });
    },

    onPickMissedBy(e: WechatMiniprogram.TouchEvent) {
      this.setData({ missedBy: option(MISSED_BY, e.currentTarget.dataset.value as string) });
    },

    onOutcomeField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: string }>) {
      this.setData({ [`outcome.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },

    async onRecord() {
      const { callId } = own(this);
      const o = this.data.outcome;
      if (this.data.result === 'done') {
        const minutes = Number(o.minutes);
        if (!Number.isInteger(minutes) || minutes < 1) return this.setData({ formError: '请填写通话时长（分钟）' });
        const mood = this.data.moods.find((m) => m.chosen)?.value ?? null;
        await this.run(async () => {
          const view = await call('familyCalls.record', {
            callId,
            result: 'done',
            minutes,
            joinedBindingIds: this.data.chosenJoined,
            others: orNull(o.others),
            note: orNull(o.note),
            mood: mood as 'happy' | 'calm' | 'low' | 'upset' | null,
          });
          this.show({ ...this.data.detail!, call: view, canManage: false });
          return '已登记：通话完成';
        });
      } else {
        const by = this.data.missedBy.find((m) => m.chosen)?.value;
        if (!by || !o.reason.trim()) return this.setData({ formError: '请选择未接通的原因方并填写原因' });
        await this.run(async () => {
          const view = await call('familyCalls.record', {
            callId,
            result: 'missed',
            by: by as 'parent' | 'child' | 'school' | 'network',
            reason: o.reason.trim(),
          });
          this.show({ ...this.data.detail!, call: view, canManage: false });
          return '已登记：未接通，请尽快补约一次';
        });
      }
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
    onOpenMove() {
      this.setData({ 'move.open': !this.data.move.open });
    },

    onPickScope(e: WechatMiniprogram.TouchEvent) {
      this.setData({ 'move.scope': e.currentTarget.dataset.value as Scope });
    },

    onMoveField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: string }>) {
      this.setData({ [`move.${e.currentTarget.dataset.field}`]: String(e.detail.value ?? '').trim() });
    },

    onPickMoveWeekday(e: WechatMiniprogram.TouchEvent) {
      this.setData({ 'move.weekday': Number(e.currentTarget.dataset.value) });
    },

    async onMove() {
      const { callId } = own(this);
      const m = this.data.move;
      await this.run(async () => {
        const res =
          m.scope === 'one'
            ? await call('familyCalls.move', { callId, scope: 'one', date: m.date, time: m.time })
            : await call('familyCalls.move', { callId, scope: 'following', weekday: m.weekday as Weekday, time: m.time });
        await this.reload();
        return `已改期 ${res.moved} 次，已通知家长重新确认`;
      });
    },

    onCancelReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ cancelReason: e.detail.value });
    },

    async onCancel(e: WechatMiniprogram.TouchEvent) {
      const { callId } = own(this);
      const scope = e.currentTarget.dataset.scope as Scope;
      const res = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '取消通话',
          content: scope === 'one' ? '确定取消这一次通话吗？' : '确定取消这一次及以后的所有通话吗？',
          success: (r) => resolve(!!r.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!res) return;
      await this.run(async () => {
        const r = await call('familyCalls.cancel', { callId, scope, reason: orNull(this.data.cancelReason) });
        await this.reload();
        return `已取消 ${r.cancelled} 次通话，已通知家长`;
      });
    },
  },
});
