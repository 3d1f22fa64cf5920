/**
 * <call-outcome>: 登记结果 of one call: 已完成 (minutes, the parents who joined, others, the child's mood, a note) or
 * 未接通 (on whose side, why). Filled from the outcome already recorded; checks what it can and emits `record` with
 * familyCalls.record's input (less the call), or shows what is missing.
 */
import type { CallView } from '../../../../../typings/actions/familyCalls';
import type { CallMood, MissedBy } from '../../../../../typings/domain';
import { MISSED_BY, MOODS, orNull } from '../../services/calls';
import props from './props';
import type { OutcomeInput } from './type';

type Result = 'done' | 'missed';

const option = <T>(list: { value: T; label: string }[], chosen: T | null) => list.map((o) => ({ ...o, chosen: o.value === chosen }));

Component({
  properties: props,

  data: {
    result: 'done' as Result,
    /** TDesign checkbox options: the call's parents; who joined is chosenJoined */
    joinedOptions: [] as { label: string; value: string }[],
    chosenJoined: [] as string[],
    moods: option(MOODS, null as string | null),
    missedBy: option(MISSED_BY, null as string | null),
    outcome: { minutes: '', others: '', note: '', reason: '' },
    error: '',
  },

  observers: {
    call(c: CallView | null) {
      if (!c) return;
      this.setData({
        result: c.status === 'missed' ? 'missed' : 'done',
        joinedOptions: c.parents.map((p) => ({ label: p.label, value: p.bindingId })),
        chosenJoined: c.parents.filter((p) => !c.outcome || c.outcome.joined.includes(p.label)).map((p) => p.bindingId),
        outcome: {
          minutes: c.outcome ? String(c.outcome.minutes) : String(c.minutes),
          others: c.outcome?.others ?? '',
          note: c.outcome?.note ?? '',
          reason: c.missed?.reason ?? '',
        },
        moods: option(MOODS, c.outcome?.mood ?? null),
        missedBy: option(MISSED_BY, c.missed?.by ?? null),
        error: '',
      });
    },
  },

  methods: {
    onPickResult(e: WechatMiniprogram.TouchEvent) {
      this.setData({ result: e.currentTarget.dataset.value as Result, error: '' });
    },

    onJoinedChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ chosenJoined: e.detail.value ?? [] });
    },

    onPickMood(e: WechatMiniprogram.TouchEvent) {
      this.setData({ moods: option(MOODS, e.currentTarget.dataset.value as string) });
    },

    onPickMissedBy(e: WechatMiniprogram.TouchEvent) {
      this.setData({ missedBy: option(MISSED_BY, e.currentTarget.dataset.value as string), error: '' });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: string }>) {
      this.setData({ [`outcome.${e.currentTarget.dataset.field}`]: e.detail.value, error: '' });
    },

    onRecord() {
      const o = this.data.outcome;
      let input: OutcomeInput;
      if (this.data.result === 'done') {
        const minutes = Number(o.minutes);
        if (!Number.isInteger(minutes) || minutes < 1) return this.setData({ error: '请填写通话时长（分钟）' });
        const mood = (this.data.moods.find((m) => m.chosen)?.value ?? null) as CallMood | null;
        input = { result: 'done', minutes, joinedBindingIds: this.data.chosenJoined, others: orNull(o.others), note: orNull(o.note), mood };
      } else {
        const by = this.data.missedBy.find((m) => m.chosen)?.value as MissedBy | undefined;
        if (!by || !o.reason.trim()) return this.setData({ error: '请选择未接通的原因方并填写原因' });
        input = { result: 'missed', by, reason: o.reason.trim() };
      }
      this.triggerEvent('record', input);
    },
  },
});
