/**
 * 审计日志（管理员）：谁在什么时候以什么身份查看、修改、导出或删除了哪个孩子的哪些信息，最新在前。
 * 可按儿童ID、人员（OPENID）筛选；“加载更多”用上一页返回的 next 继续往前翻。
 * 首屏：whoami 确定学校（管理员身份），然后一次 audit.list。页面参数 childId / openid 可预填筛选条件。
 */
import type { AuditView } from '../../../../../typings/actions/accounts';
import { call, errorMessage } from '../../../../services/api';
import { AUDIT_KIND, auditActionLabel, auditFieldLabel } from '../../services/audit-labels';
import { maskOpenid } from '../../../../services/format';
import { privacyReady } from '../../../../services/privacy';
import { roleLabel } from '../../../../services/roles';
import { instanceState } from '../../../../services/instance';
import { loadAdminScreen, type Screen } from '../../../../services/screen';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const PAGE_SIZE = 20;

interface Row {
  key: string;
  time: string;
  who: string;
  roleLabel: string;
  actionLabel: string;
  kind: string;
  kindLabel: string;
  kindTheme: string;
  childId: string;
  fields: string;
  note: string;
}

function rows(entries: AuditView[], offset: number): Row[] {
  const now = new Date();
  return entries.map((e, i) => ({
    key: `${offset + i}:${e.at}`,
    time: beijingDateTime(e.at, now),
    who: e.nickname || maskOpenid(e.openid),
    roleLabel: roleLabel(e.role),
    actionLabel: auditActionLabel(e.action),
    kind: e.kind,
    kindLabel: AUDIT_KIND[e.kind]?.label ?? e.kind,
    kindTheme: AUDIT_KIND[e.kind]?.theme ?? 'default',
    childId: e.childId ?? '',
    fields: [...new Set(e.fields.map(auditFieldLabel))].join('、'),
    note: e.note ?? '',
  }));
}

/** The load whose rows are shown: 加载更多 continues it, and stops if a newer filter has replaced it. */
const own = instanceState(() => ({ shown: null as Screen | null }));

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    childId: '',
    openid: '',
    /** the filters of the rows shown (what was applied, not what is being typed) */
    applied: { childId: '', openid: '' },
    filterText: '',
    entries: [] as Row[],
    next: null as string | null,
    loadingMore: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const childId = query.childId ? decodeURIComponent(query.childId) : '';
      const openid = query.openid ? decodeURIComponent(query.openid) : '';
      this.setData({ childId, openid });
      this.load();
    },

    load() {
      return loadAdminScreen(this, (_schoolId, screen) => this.query(screen));
    },

    /** The first page for the typed filters. */
    async query(screen: Screen) {
      await privacyReady();
      const childId = this.data.childId.trim();
      const openid = this.data.openid.trim();
      const page = await call('audit.list', {
        schoolId: this.data.schoolId,
        limit: PAGE_SIZE,
        ...(childId ? { childId } : {}),
        ...(openid ? { openid } : {}),
      });
      if (!screen.current()) return;
      own(this).shown = screen;
      const parts = [childId ? `儿童 ${childId}` : '', openid ? `人员 ${maskOpenid(openid)}` : ''].filter(Boolean);
      this.setData({
        state: 'ready',
        applied: { childId, openid },
        filterText: parts.join('，'),
        entries: rows(page.entries, 0),
        next: page.next,
      });
    },

    onRetry() {
      this.load();
    },

    onChildInput(e: InputEvent) {
      this.setData({ childId: String(e.detail.value ?? '') });
    },

    onOpenidInput(e: InputEvent) {
      this.setData({ openid: String(e.detail.value ?? '') });
    },

    onApply() {
      this.load();
    },

    onClear() {
      this.setData({ childId: '', openid: '' });
      this.load();
    },

    async onMore() {
      const { next, loadingMore, applied, schoolId } = this.data;
      if (!next || loadingMore) return;
      const shown = own(this).shown;
      this.setData({ loadingMore: true });
      try {
        const page = await call('audit.list', {
          schoolId,
          limit: PAGE_SIZE,
          before: next,
          ...(applied.childId ? { childId: applied.childId } : {}),
          ...(applied.openid ? { openid: applied.openid } : {}),
        });
        if (!shown?.current()) return;
        this.setData({ entries: [...this.data.entries, ...rows(page.entries, this.data.entries.length)], next: page.next });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
  },
});
