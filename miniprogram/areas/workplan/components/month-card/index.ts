/**
 * <month-card>: one month of the work plan: each item with its status (TDesign tag), owner and evidence. Tapping an
 * item emits `open` { id } (when `editable`); tapping a piece of evidence emits `evidence` { page }.
 */
import props from './props';

type TapEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string; page?: string }>;

const THEMES: Record<string, string> = { done: 'success', doing: 'warning', todo: 'default' };

interface Item {
  id: string;
  title: string;
  status: string;
  statusLabel: string;
  owner: { name: string };
  evidence: { label: string; page: string | null }[];
}

Component({
  properties: props,

  data: { label: '', isCurrent: false, rows: [] as (Item & { theme: string })[], doneText: '' },

  observers: {
    'month, current'(month: { month?: string; label?: string; items?: Item[] }, current: string) {
      const items = month?.items ?? [];
      this.setData({
        label: month?.label ?? '',
        isCurrent: !!month?.month && month.month === current,
        rows: items.map((i) => ({ ...i, theme: THEMES[i.status] ?? 'default' })),
        doneText: items.length ? `${items.filter((i) => i.status === 'done').length}/${items.length} 已完成` : '本月没有安排',
      });
    },
  },

  methods: {
    onOpen(e: TapEvent) {
      if (this.data.editable && e.currentTarget.dataset.id) this.triggerEvent('open', { id: e.currentTarget.dataset.id });
    },
    onEvidence(e: TapEvent) {
      if (e.currentTarget.dataset.page) this.triggerEvent('evidence', { page: e.currentTarget.dataset.page });
    },
  },
});
