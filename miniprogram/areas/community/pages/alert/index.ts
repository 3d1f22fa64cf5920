/**
 * 预警：发生了什么、请按哪些步骤处理、通知了谁（谁已查看）、谁做了什么；管理员、帮扶教师、儿童主任和儿童督导员
 * 能看到并登记强制报告（向公安、民政、教育局、妇联或其他部门报告，以及之后的跟进）。写明处理结果才能关闭。首屏一次 alerts.get
 * （打开即记为“已查看”）。
 */
import type { AlertCase } from '../../../../../typings/actions/community';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface ToldRow {
  key: string;
  who: string;
  seen: string;
  seenAt: boolean;
}

function toldRows(d: AlertCase): ToldRow[] {
  return d.alert.told.map((t, i) => ({
    key: `${i}`,
    who: `${t.label}（${t.reason}）`,
    seen: t.seenAt ? `${beijingDateTime(t.seenAt)} 已查看` : '未查看',
    seenAt: !!t.seenAt,
  }));
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    id: '',
    detail: null as AlertCase | null,
    when: '',
    told: [] as ToldRow[],
    acted: [] as { key: string; text: string }[],
    reports: [] as { id: string; title: string; sub: string; note: string }[],
    reporting: false,
    resolution: '',
    resolveError: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ id: query.id ?? '' });
      this.load();
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          const d = await call('alerts.get', { alertId: this.data.id });
          if (!screen.current()) return;
          this.setData({
            state: 'ready',
            detail: d,
            when: beijingDateTime(d.alert.createdAt),
            told: toldRows(d),
            acted: d.alert.acted.map((a, i) => ({ key: `${i}`, text: `${beijingDateTime(a.at)} ${a.label}：${a.what}` })),
            reports: (d.reports ?? []).map((r) => ({
              id: r.id,
              title: r.kind === 'report' ? `向${r.agencyLabel}报告` : `跟进${r.agencyLabel ? `（${r.agencyLabel}）` : ''}`,
              sub: `${beijingDateTime(r.at)} · ${r.actor}${r.caseNumber ? ` · 回执号 ${r.caseNumber}` : ''}`,
              note: r.note ?? '',
            })),
          });
        },
        options,
      );
    },

    onRetry() {
      this.load();
    },

    onChild() {
      const child = this.data.detail?.child;
      if (child) wx.navigateTo({ url: pageUrl('communityChild', { childId: child.id }) });
    },

    onReport() {
      this.setData({ reporting: true });
    },

    onCloseReport() {
      this.setData({ reporting: false });
    },

    onReported() {
      wx.showToast({ title: '已登记', icon: 'success' });
      this.setData({ reporting: false });
      this.load({ refresh: true });
    },

    onResolution(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ resolution: String(e.detail.value ?? ''), resolveError: '' });
    },

    async onResolve() {
      if (this.data.busy) return;
      if (!this.data.resolution.trim()) {
        this.setData({ resolveError: '请写明处理结果，如：已落实委托照护人，临时救助已发放' });
        return;
      }
      this.setData({ busy: true });
      try {
        await call('alerts.resolve', { alertId: this.data.id, resolution: this.data.resolution.trim() });
        wx.showToast({ title: '已关闭', icon: 'success' });
        await this.load({ refresh: true });
      } catch (err) {
        this.setData({ resolveError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
