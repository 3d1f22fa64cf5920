/**
 * <ledger-summary>: a ledger at a glance — the totals, the 低保 changes, the entries newest first; emits `entry`
 * { id } when an entry is tapped (to move a relief application on).
 *
 *   <ledger-summary cells="{{cells}}" allowance="{{allowance}}" entries="{{entries}}" bind:entry="onEntry" />
 */
import props from './props';

Component({
  properties: props,

  methods: {
    onEntry(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      this.triggerEvent('entry', { id: e.currentTarget.dataset.id });
    },
  },
});
