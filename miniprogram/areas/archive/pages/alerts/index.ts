/**
 * 预警（管理员）：如不满16周岁的留守儿童没有有照护能力的监护人。首屏一次 alerts.list 调用（本校、未处理）。
 * 填写处理情况后标记为已处理；可切换查看已处理的预警；点孩子姓名进入档案。
 */
import type { AlertView } from '../../../../../typings/actions/archive';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';
type Status = 'open' | 'resolved';

interface Row extends AlertView {
  when: string;
  resolvedWhen: string;
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    status: 'open' as Status,
    alerts: [] as Row[],
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
      return loadScreen(this, async () => {
        const res = await call('alerts.list', {
          ...(this.data.schoolId ? { schoolId: this.data.schoolId } : {}),
          status: this.data.status,
        });
        this.setData({
          state: 'ready',
          schoolId: res.schoolId,
          alerts: res.alerts.map((a) => ({ ...a, when: beijingDateTime(a.createdAt), resolvedWhen: beijingDateTime(a.resolvedAt) })),
        });
      });
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
