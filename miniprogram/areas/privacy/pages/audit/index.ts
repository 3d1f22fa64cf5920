/**
 * 审计日志（管理员）：谁在什么时候以什么身份查看、修改、导出或删除了哪个孩子的哪些信息，最新在前。
 * 人以昵称、没有昵称时以学校里的称呼（林小禾的妈妈、三年级(1)班 班主任）或身份显示，孩子以姓名显示，从不显示编号。
 * 按儿童、按人员筛选：从记录里出现过的人中选，或点一条记录里的孩子、人名；“加载更多”用上一页返回的 next 往前翻。
 * 首屏：whoami 确定学校（管理员身份），然后一次 audit.list。页面参数 childId / openid 可预填筛选条件（人员与邀请的“记录”）。
 */
import type { AuditView } from '../../../../../typings/actions/accounts';
import { call, errorMessage } from '../../../../services/api';
import { AUDIT_KIND, auditActionLabel, auditFieldLabel } from '../../services/audit-labels';
import { privacyReady } from '../../../../services/privacy';
import { roleLabel } from '../../../../services/roles';
import { instanceState } from '../../../../services/instance';
import { loadAdminScreen, loadScreen, type Screen } from '../../../../services/screen';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const PAGE_SIZE = 20;

interface Row {
  key: string;
  time: string;
  openid: string;
  who: string;
  roleLabel: string;
  actionLabel: string;
  kind: string;
  kindLabel: string;
  kindTheme: string;
  childId: string;
  childName: string;
  fields: string;
  note: string;
}

/** What a filter can pick: someone or some child the log has named, by name. */
interface Choice {
  id: string;
  name: string;
}

/** A person as the log names them: nickname, else how the school knows them, else their role; never the OPENID. */
const whoOf = (e: AuditView) => e.nickname || e.label || roleLabel(e.role);

function rows(entries: AuditView[], offset: number): Row[] {
  const now = new Date();
  return entries.map((e, i) => ({
    key: `${offset + i}:${e.at}`,
    time: beijingDateTime(e.at, now),
    openid: e.openid,
    who: whoOf(e),
    roleLabel: e.nickname || e.label ? roleLabel(e.role) : '',
    actionLabel: auditActionLabel(e.action),
    kind: e.kind,
    kindLabel: AUDIT_KIND[e.kind]?.label ?? e.kind,
    kindTheme: AUDIT_KIND[e.kind]?.theme ?? 'default',
    childId: e.childId ?? '',
    childName: e.childId ? (e.childName ?? '已删除数据的儿童') : '',
    fields: [...new Set(e.fields.map(auditFieldLabel))].join('、'),
    note: e.note ?? '',
  }));
}

/**
 * The load whose rows are shown (加载更多 continues it and stops if a newer filter has replaced it), and everyone and
 * every child the log has named so far, by id, for the filters.
 */
const own = instanceState(() => ({ shown: null as Screen | null, children: new Map<string, string>(), people: new Map<string, string>() }));

const choices = (named: Map<string, string>, all: string): Choice[] => [
  { id: '', name: all },
  ...[...named].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
];

type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;
type RowEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string; openid?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    /** the filters: a child and a person, by id ('' for all) */
    childId: '',
    openid: '',
    childName: '',
    personName: '',
    childChoices: [] as Choice[],
    personChoices: [] as Choice[],
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

    /** The first page for the filters. */
    async query(screen: Screen) {
      await privacyReady();
      const { childId, openid } = this.data;
      const page = await call('audit.list', {
        schoolId: this.data.schoolId,
        limit: PAGE_SIZE,
        ...(childId ? { childId } : {}),
        ...(openid ? { openid } : {}),
      });
      if (!screen.current()) return;
      own(this).shown = screen;
      this.setData({ state: 'ready', entries: rows(page.entries, 0), next: page.next, ...this.remember(page.entries) });
    },

    /** Note who and which child these entries name, for the filters; the names the filters show now. */
    remember(entries: AuditView[]) {
      const { children, people } = own(this);
      for (const e of entries) {
        if (e.childId) children.set(e.childId, e.childName ?? '已删除数据的儿童');
        people.set(e.openid, whoOf(e));
      }
      const { childId, openid } = this.data;
      return {
        childChoices: choices(children, '全部儿童'),
        personChoices: choices(people, '全部人员'),
        childName: childId ? (children.get(childId) ?? '这个孩子') : '',
        personName: openid ? (people.get(openid) ?? '这个人') : '',
      };
    },

    onRetry() {
      this.load();
    },

    /** Another filter: the school is known by now, the rows shown stay until the new ones are in. */
    filter(change: { childId?: string; openid?: string }) {
      this.setData(change);
      loadScreen(this, (screen) => this.query(screen), { refresh: true });
    },

    onPickChild(e: PickEvent) {
      const choice = this.data.childChoices[Number(e.detail.value)];
      if (choice) this.filter({ childId: choice.id });
    },

    onPickPerson(e: PickEvent) {
      const choice = this.data.personChoices[Number(e.detail.value)];
      if (choice) this.filter({ openid: choice.id });
    },

    /** A child's or a person's name in a record: only their records. */
    onOnlyChild(e: RowEvent) {
      if (e.currentTarget.dataset.id) this.filter({ childId: e.currentTarget.dataset.id });
    },

    onOnlyPerson(e: RowEvent) {
      if (e.currentTarget.dataset.openid) this.filter({ openid: e.currentTarget.dataset.openid });
    },

    onClear() {
      this.filter({ childId: '', openid: '' });
    },

    async onMore() {
      const { next, loadingMore, childId, openid, schoolId } = this.data;
      if (!next || loadingMore) return;
      const shown = own(this).shown;
      this.setData({ loadingMore: true });
      try {
        const page = await call('audit.list', {
          schoolId,
          limit: PAGE_SIZE,
          before: next,
          ...(childId ? { childId } : {}),
          ...(openid ? { openid } : {}),
        });
        if (!shown?.current()) return;
        this.setData({ entries: [...this.data.entries, ...rows(page.entries, this.data.entries.length)], next: page.next, ...this.remember(page.entries) });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
  },
});
