/**
 * <call-change>: 改期或取消 of one call, folded until tapped. Moves this call (a new day, picked, and time) or it and
 * the following ones (a new weekday and time): emits `move`; cancels this one or it and the following ones, with a
 * reason for the parents: emits `cancel`. The page asks before a cancel and makes the calls.
 */
import type { Weekday } from '../../../../../typings/domain';
import { orNull, WEEKDAYS } from '../../services/calls';
import props from './props';
import type { CancelInput, MoveInput, Scope } from './type';

Component({
  properties: props,

  data: {
    open: false,
    scope: 'one' as Scope,
    move: { date: '', time: '', weekday: 0 },
    reason: '',
    weekdays: WEEKDAYS,
  },

  observers: {
    // the call as it is now (also after a move): the form starts from it, folded
    'date, time, weekday'(date: string, time: string, weekday: number) {
      this.setData({ open: false, move: { date, time, weekday } });
    },
  },

  methods: {
    onToggle() {
      this.setData({ open: !this.data.open });
    },

    onPickScope(e: WechatMiniprogram.TouchEvent) {
      this.setData({ scope: e.currentTarget.dataset.value as Scope });
    },

    onMoveField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: string }>) {
      this.setData({ [`move.${e.currentTarget.dataset.field}`]: String(e.detail.value ?? '').trim() });
    },

    onPickWeekday(e: WechatMiniprogram.TouchEvent) {
      this.setData({ 'move.weekday': Number(e.currentTarget.dataset.value) });
    },

    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value });
    },

    onMove() {
      const m = this.data.move;
      const input: MoveInput =
        this.data.scope === 'one' ? { scope: 'one', date: m.date, time: m.time } : { scope: 'following', weekday: m.weekday as Weekday, time: m.time };
      this.triggerEvent('move', input);
    },

    onCancel(e: WechatMiniprogram.TouchEvent) {
      const input: CancelInput = { scope: e.currentTarget.dataset.scope as Scope, reason: orNull(this.data.reason) };
      this.triggerEvent('cancel', input);
    },
  },
});
