/**
 * 帮扶台账：一个孩子、一个村/社区或全校（管理员）的临时救助、低保、按月代付（寄宿费）、代付、物资和转介；
 * 合计以元显示（服务端以分计）。本月的按月代付是否已送到；点一笔临时救助登记批准或发放；导出 Excel。
 * 首屏一次 assistance.ledger 调用。
 */
import type { LedgerOutput } from '../../../../../typings/actions/community';
import { call, errorMessage } from '../../../../services/api';
import { openExport } from '../../../../services/exports';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { dayLabel, monthLabel } from '../../../../services/time';
import { entryRow, totalCells, type EntryRowView } from '../../services/rows';
import { yuanText } from '../../services/money';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Scope = { childId: string } | { communityId: string } | { schoolId: string };

const own = instanceState(() => ({ loaded: false, answer: null as LedgerOutput | null }));

function scopeOf(q: Record<string, string | undefined>): Scope | null {
  if (q.childId) return { childId: q.childId };
  if (q.communityId) return { communityId: q.communityId };
  if (q.schoolId) return { schoolId: q.schoolId };
  return null;
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    query: {} as Record<string, string>,
    title: '',
    kind: 'child' as LedgerOutput['scope']['kind'],
    cells: [] as { label: string; value: string }[],
    allowance: [] as string[],
    children: [] as { childId: string; name: string; sub: string }[],
    recurring: [] as (LedgerOutput['recurring'][number] & { text: string })[],
    month: '',
    entries: [] as EntryRowView[],
    canRecord: false,
    canExport: false,
    exporting: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ query: query as Record<string, string> });
      this.load();
    },

    onShow() {
      if (own(this).loaded) this.load({ refresh: true });
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          const scope = scopeOf(this.data.query);
          if (!scope) {
            this.setData({ state: 'forbidden', errorMessage: '请从登记册或孩子的页面打开帮扶台账' });
            return;
          }
          const d = await call('assistance.ledger', scope);
          if (!screen.current()) return;
          own(this).loaded = true;
          own(this).answer = d;
          wx.setNavigationBarTitle?.({ title: `${d.scope.name}的帮扶台账` });
          this.setData({
            state: 'ready',
            title: `${d.scope.name} · 帮扶台账`,
            kind: d.scope.kind,
            cells: totalCells(d.totals, d.totalsYuan),
            allowance: d.allowanceHistory.map((h) => `${dayLabel(h.date, { year: 'always' })}起 每月 ${h.amountYuan} 元`),
            children:
              d.scope.kind === 'child'
                ? []
                : d.children.map((c) => ({
                    childId: c.childId,
                    name: c.name,
                    sub: `${c.className} · 救助 ${yuanText(c.totals.reliefPaidFen)} 元 · 代付 ${yuanText(c.totals.paymentsFen)} 元`,
                  })),
            recurring: d.recurring.map((r) => ({
              ...r,
              text: `${d.scope.kind === 'child' ? '' : `${r.childName} · `}${r.item} ${r.amountYuan} 元，每月${r.dayOfMonth}日送到${r.party}`,
            })),
            month: monthLabel(d.today.slice(0, 7), { year: 'auto' }),
            entries: d.entries.map((e) => entryRow(e, d.scope.kind !== 'child')),
            canRecord: d.canRecord,
            canExport: d.canExport,
          });
        },
        options,
      );
    },

    onRetry() {
      this.load();
    },

    onChild(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('ledger', { childId: e.currentTarget.dataset.id }) });
    },

    /** 登记本月: the payment form with the recurring payment's amount, payee and what for. */
    onPayMonth(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const r = own(this).answer?.recurring.find((x) => x.id === e.currentTarget.dataset.id);
      if (r) wx.navigateTo({ url: pageUrl('assist', { childId: r.childId, name: r.childName, recurringId: r.id }) });
    },

    onAdd() {
      const d = own(this).answer;
      if (d?.scope.kind === 'child') wx.navigateTo({ url: pageUrl('assist', { childId: d.scope.id, name: d.scope.name }) });
    },

    onEntry(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const entry = own(this).answer?.entries.find((x) => x.id === e.detail.id);
      const row = this.data.entries.find((x) => x.id === e.detail.id);
      if (entry && row?.open && this.data.canRecord)
        wx.navigateTo({ url: pageUrl('assist', { childId: entry.childId, name: entry.childName, entryId: entry.id }) });
    },

    async onExport() {
      if (this.data.exporting) return;
      const scope = scopeOf(this.data.query);
      if (!scope || 'childId' in scope) return;
      this.setData({ exporting: true });
      try {
        const file = await openExport(await call('assistance.export', scope));
        wx.showToast({ title: `已导出 ${file.rows} 条`, icon: 'success' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
