/**
 * 下次视频 (parent, guardian): for each of their children, the next family video call in their words
 * ("周三 19:30，还有2天") with 确认 and 申请改期 (one to three proposed times), the calls after it, the latest
 * calls, and the times they can take calls (work shifts), which the teacher's booking screen uses.
 * First screen: one familyCalls.mine call. ?id=<call id> (from a reminder) puts that call's child first.
 */
import type { AvailabilitySlot, CallView, HistoryItem, MyChildCalls } from '../../../../../typings/actions/familyCalls';
import type { Weekday } from '../../../../../typings/domain';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { askSubscribe, prefetchTemplates } from '../../../../services/subscribe';
import { orNull, placeLabel, statusTheme, WEEKDAYS } from '../../services/calls';
import { beijingToday, dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';

interface CallRow extends CallView {
  theme: string;
  canConfirm: boolean;
  canAsk: boolean;
  pending: boolean;
  /** where: the device, with its room when its name does not say it */
  place: string;
  placeInSentence: string;
  /** the day as people read it (12月9日) */
  day: string;
  movedFromDay: string;
}

interface ChildCard {
  childId: string;
  childName: string;
  next: CallRow | null;
  upcoming: CallRow[];
  history: CallRow[];
  slotsText: string[];
  slots: AvailabilitySlot[];
}

const row = (c: CallView): CallRow => ({
  ...c,
  theme: statusTheme(c.status),
  canConfirm: c.status === 'scheduled' || c.status === 'moved',
  canAsk: c.status === 'scheduled' || c.status === 'moved' || c.status === 'confirmed',
  pending: !!c.moveRequest && c.moveRequest.status === 'pending',
  place: placeLabel(c.device),
  placeInSentence: placeLabel(c.device, { inSentence: true }),
  day: dayLabel(c.date),
  movedFromDay: c.movedFrom ? dayLabel(c.movedFrom.date) : '',
});

/** A request to move: up to three proposed times, from today on. */
const emptyRequest = () => ({ open: false, callId: '', today: beijingToday(), proposals: [{ date: '', time: '' }], note: '', error: '' });
const emptyAvailability = () => ({ open: false, childId: '', slots: [] as AvailabilitySlot[], weekday: 0, start: '', end: '', error: '' });

function cards(children: MyChildCalls[], focus: string | null): ChildCard[] {
  const list = children.map((k) => ({
    childId: k.childId,
    childName: k.childName,
    next: k.next ? row(k.next) : null,
    upcoming: k.upcoming.map(row),
    history: k.history.map(row),
    slotsText: k.availability?.slotsText ?? [],
    slots: k.availability?.slots ?? [],
  }));
  const i = focus ? list.findIndex((c) => [c.next, ...c.upcoming, ...c.history].some((x) => x?.id === focus)) : -1;
  return i > 0 ? [list[i], ...list.slice(0, i), ...list.slice(i + 1)] : list;
}

/** The call a reminder opened the page for (?id=), shown first. */
const own = instanceState(() => ({ focus: null as string | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    children: [] as ChildCard[],
    request: emptyRequest(),
    availability: emptyAvailability(),
    weekdays: WEEKDAYS.map((w) => ({ ...w, chosen: false })),
    message: '',
    busy: false,
    /** The whole contact history per child (video calls and family-phone calls), opened on request, 20 at a time. */
    allHistory: {} as Record<string, { items: HistoryItem[]; next: string | null; error: string }>,
  },

  methods: {
    onLoad(query: Record<string, string> = {}) {
      own(this).focus = query.id || null;
      prefetchTemplates();
      this.load();
    },

    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },

    /** 全部通话记录, then 更早的记录: the next page of familyCalls.history for that child. */
    async onAllHistory(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>) {
      const childId = e.currentTarget.dataset.id ?? '';
      const shown = this.data.allHistory[childId];
      try {
        const res = await call('familyCalls.history', { childId, ...(shown?.next ? { before: shown.next } : {}) });
        this.setData({
          allHistory: { ...this.data.allHistory, [childId]: { items: [...(shown?.items ?? []), ...res.items], next: res.next, error: '' } },
        });
      } catch (err) {
        this.setData({
          allHistory: {
            ...this.data.allHistory,
            [childId]: { items: shown?.items ?? [], next: shown?.next ?? null, error: errorMessage(err) },
          },
        });
      }
    },

    load() {
      return loadScreen(this, async () => {
        const mine = await call('familyCalls.mine', {});
        this.setData({ state: 'ready', children: cards(mine.children, own(this).focus) });
      });
    },

    onRetry() {
      this.load();
    },

    async refresh(message: string) {
      const mine = await call('familyCalls.mine', {});
      this.setData({ children: cards(mine.children, own(this).focus), message });
    },

    async onConfirm(e: WechatMiniprogram.TouchEvent) {
      const callId = e.currentTarget.dataset.id as string;
      // A natural tap to ask for the reminder subscription (the day before, half an hour before).
      askSubscribe(['schedule']).catch(() => undefined);
      this.setData({ busy: true, message: '' });
      try {
        await call('familyCalls.confirm', { callId });
        await this.refresh('已确认，到时请准时接听');
      } catch (err) {
        this.setData({ message: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    // ── ask to move ──
    onOpenRequest(e: WechatMiniprogram.TouchEvent) {
      this.setData({ request: { ...emptyRequest(), open: true, callId: e.currentTarget.dataset.id as string }, message: '' });
    },

    onCloseRequest() {
      this.setData({ request: emptyRequest() });
    },

    onProposalField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { index: number; field: 'date' | 'time' }>) {
      const { index, field } = e.currentTarget.dataset;
      this.setData({ [`request.proposals[${index}].${field}`]: String(e.detail.value ?? '').trim(), 'request.error': '' });
    },

    onAddProposal() {
      if (this.data.request.proposals.length < 3) this.setData({ 'request.proposals': [...this.data.request.proposals, { date: '', time: '' }] });
    },

    onRequestNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'request.note': e.detail.value });
    },

    async onSendRequest() {
      const r = this.data.request;
      const proposals = r.proposals.filter((p) => p.date || p.time);
      if (!proposals.length || proposals.some((p) => !p.date || !p.time))
        return this.setData({ 'request.error': '请填写建议的日期和时间，例如 2027-03-06 和 19:30' });
      this.setData({ busy: true });
      try {
        await call('familyCalls.requestMove', { callId: r.callId, proposals, note: orNull(r.note) });
        this.setData({ request: emptyRequest() });
        await this.refresh('已提交改期申请，请等待老师回复');
      } catch (err) {
        this.setData({ 'request.error': errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    // ── the times I can take calls ──
    onOpenAvailability(e: WechatMiniprogram.TouchEvent) {
      const child = this.data.children.find((c) => c.childId === e.currentTarget.dataset.id);
      if (child) this.setData({ availability: { ...emptyAvailability(), open: true, childId: child.childId, slots: child.slots } });
    },

    onPickSlotWeekday(e: WechatMiniprogram.TouchEvent) {
      const weekday = Number(e.currentTarget.dataset.value);
      this.setData({ 'availability.weekday': weekday, weekdays: this.data.weekdays.map((w) => ({ ...w, chosen: w.value === weekday })) });
    },

    onSlotField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: 'start' | 'end' }>) {
      this.setData({ [`availability.${e.currentTarget.dataset.field}`]: String(e.detail.value ?? '').trim(), 'availability.error': '' });
    },

    onAddSlot() {
      const a = this.data.availability;
      if (!a.weekday || !a.start || !a.end) return this.setData({ 'availability.error': '请选择星期并填写开始和结束时间，例如 19:00 和 21:00' });
      this.setData({
        'availability.slots': [...a.slots, { weekday: a.weekday as Weekday, start: a.start, end: a.end }],
        'availability.start': '',
        'availability.end': '',
      });
    },

    onRemoveSlot(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ 'availability.slots': this.data.availability.slots.filter((_, k) => k !== i) });
    },

    async onSaveAvailability() {
      const a = this.data.availability;
      this.setData({ busy: true });
      try {
        await call('familyCalls.availability', { childId: a.childId, slots: a.slots });
        this.setData({ availability: emptyAvailability() });
        await this.refresh('已保存方便接听的时间');
      } catch (err) {
        this.setData({ 'availability.error': errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    onCloseAvailability() {
      this.setData({ availability: emptyAvailability() });
    },
  },
});
