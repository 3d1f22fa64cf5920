/**
 * 预警（管理员）：如不满16周岁的留守儿童没有有照护能力的监护人。首屏一次 alerts.list 调用（本校、未处理）。
 * 填写处理情况后标记为已处理；可切换查看已处理的预警；点孩子姓名进入档案。
 * 一页 20 条，最新在前；滑到底或点“加载更多”用上一页返回的 next 接着往前翻。
 */
import type { AlertView } from '../../../../../typings/actions/archive';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen, type Screen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';
type Status = 'open' | 'resolved';

interface Row extends AlertView {
  when: string;
  resolvedWhen: string;
}

const rows = (alerts: AlertView[]): Row[] => alerts.map((a) => ({ ...a, when: beijingDateTime(a.createdAt), resolvedWhen: beijingDateTime(a.resolvedAt) }));

/** The load whose rows are shown: 加载更多 continues it and stops if another tab has replaced it. */
const own = instanceState(() => ({ shown: null as Screen | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    status: 'open' as Status,
    alerts: [] as Row[],
    next: null as string | null,
    loadingMore: false,
    resolvingId: '',
    resolution: '',
    resolveError: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '' });
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const res = await call('alerts.list', {
          ...(this.data.schoolId ? { schoolId: this.data.schoolId } : {}),
          status: this.data.status,
        });
        if (!screen.current()) return;
        own(this).shown = screen;
        this.setData({ state: 'ready', schoolId: res.schoolId, alerts: rows(res.alerts), next: res.next });
      });
    },

    onReachBottom() {
      this.onMore();
    },

    /** The next page of the tab shown, after its last alert. */
    async onMore() {
      const { next, loadingMore, state, schoolId, status } = this.data;
      if (!next || loadingMore || state !== 'ready') return;
      const shown = own(this).shown;
      this.setData({ loadingMore: true });
      try {
        const page = await call('alerts.list', { schoolId, status, before: next });
        if (!shown?.current()) return;
        this.setData({ alerts: [...this.data.alerts, ...rows(page.alerts)], next: page.next });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    onRetry() {
      this.load();
    },

    onStatus(e: WechatMiniprogram.BaseEvent<Record<string, never>, { status: Status }>) {
      this.setData({ status: e.currentTarget.dataset.status });
      this.load();
    },

    onOpenChild(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      if (e.currentTarget.dataset.id) wx.navigateTo({ url: pageUrl('child', { childId: e.currentTarget.dataset.id }) });
    },

    onStartResolve(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      this.setData({ resolvingId: e.currentTarget.dataset.id, resolution: '', resolveError: '' });
    },

    onResolution(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ resolution: e.detail.value, resolveError: '' });
    },

    onCancelResolve() {
      this.setData({ resolvingId: '', resolution: '' });
    },

    async onResolve() {
      if (this.data.busy) return;
      if (!this.data.resolution.trim()) {
        this.setData({ resolveError: '请填写处理情况，如：已联系父亲，母亲下月返乡照护' });
        return;
      }
      this.setData({ busy: true });
      try {
        await call('alerts.resolve', { alertId: this.data.resolvingId, resolution: this.data.resolution.trim() });
        wx.showToast({ title: '已处理', icon: 'success' });
        this.setData({ resolvingId: '', resolution: '' });
        await this.load();
      } catch (err) {
        this.setData({ resolveError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
