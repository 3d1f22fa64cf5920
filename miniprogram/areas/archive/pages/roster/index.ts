/**
 * 班级花名册：首屏一次 archive.roster 调用。
 * 班级数字（建档率、无帮扶教师、无结对同学、本月未确认联系卡、预警）；按姓名搜索；按类别/标记筛选；
 * 每个孩子的完整度与缺失项徽标。进入孩子详情、添加学生、导入花名册、导出登记表与档案、本月联系卡核对。
 */
import type { RosterOutput, RosterRow } from '../../../../../typings/actions/archive';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { exportAndOpen } from '../../services/files';
import { CONSENT_LABELS, DIFFICULTY_LABELS, LEFT_BEHIND_LABELS, VULNERABLE_LABELS } from '../../services/labels';
import { pageUrl } from '../../../../services/routes';
import { monthLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';

interface RowView {
  id: string;
  name: string;
  sub: string;
  completeness: number;
  missingCount: number;
  missingText: string;
  focus: boolean;
  alert: boolean;
  noConsent: boolean;
  consentLabel: string;
  noMentor: boolean;
  noBuddy: boolean;
  cardConfirmed: boolean;
  leftBehind: boolean;
  categories: string[];
}

interface Filter {
  key: string;
  /** the key as a class name (d:study -> d-study) */
  cls: string;
  label: string;
  count: number;
}

/** The fixed filters; category filters (d:<code>, v:<code>) are added for the categories present in the class. */
const FLAG_FILTERS: { key: string; label: string; test(r: RosterRow): boolean }[] = [
  { key: 'all', label: '全部', test: () => true },
  { key: 'leftBehind', label: '留守', test: (r) => r.leftBehindType !== 'not_left_behind' },
  { key: 'focus', label: '重点帮扶', test: (r) => r.focus },
  { key: 'alert', label: '预警', test: (r) => r.alert },
  { key: 'incomplete', label: '未建档', test: (r) => r.leftBehindType !== 'not_left_behind' && !r.archived },
  { key: 'noConsent', label: '未取得同意', test: (r) => r.consent !== 'granted' },
  { key: 'noMentor', label: '无帮扶教师', test: (r) => r.leftBehindType !== 'not_left_behind' && !r.mentor },
  { key: 'noBuddy', label: '无结对同学', test: (r) => r.leftBehindType !== 'not_left_behind' && r.buddies === 0 },
  { key: 'unconfirmed', label: '本月未确认', test: (r) => r.leftBehindType !== 'not_left_behind' && !r.cardConfirmed },
];

function matches(r: RosterRow, key: string): boolean {
  if (key.startsWith('d:')) return r.difficulties.includes(key.slice(2) as never);
  if (key.startsWith('v:')) return r.vulnerable.includes(key.slice(2) as never);
  return (FLAG_FILTERS.find((f) => f.key === key) ?? FLAG_FILTERS[0]).test(r);
}

function filtersOf(rows: RosterRow[]): Filter[] {
  const flags = FLAG_FILTERS.map((f) => ({ key: f.key, cls: f.key, label: f.label, count: rows.filter(f.test).length })).filter(
    (f) => f.key === 'all' || f.count > 0,
  );
  const cats: Filter[] = [];
  for (const code of Object.keys(DIFFICULTY_LABELS) as (keyof typeof DIFFICULTY_LABELS)[]) {
    const n = rows.filter((r) => r.difficulties.includes(code)).length;
    if (n) cats.push({ key: `d:${code}`, cls: `d-${code}`, label: DIFFICULTY_LABELS[code], count: n });
  }
  for (const code of Object.keys(VULNERABLE_LABELS) as (keyof typeof VULNERABLE_LABELS)[]) {
    const n = rows.filter((r) => r.vulnerable.includes(code)).length;
    if (n) cats.push({ key: `v:${code}`, cls: `v-${code}`, label: VULNERABLE_LABELS[code], count: n });
  }
  return [...flags, ...cats];
}

function rowView(r: RosterRow): RowView {
  const leftBehind = r.leftBehindType !== 'not_left_behind';
  return {
    id: r.id,
    name: r.name,
    sub: `${r.age}岁 · ${LEFT_BEHIND_LABELS[r.leftBehindType]} · 完整度 ${r.completeness}%`,
    completeness: r.completeness,
    missingCount: r.missing.length,
    missingText: r.missing.length ? `缺：${r.missing.join('、')}` : '',
    focus: r.focus,
    alert: r.alert,
    noConsent: r.consent !== 'granted',
    consentLabel: CONSENT_LABELS[r.consent],
    noMentor: leftBehind && !r.mentor,
    noBuddy: leftBehind && r.buddies === 0,
    cardConfirmed: r.cardConfirmed,
    leftBehind,
    categories: [...r.difficulties.map((d) => DIFFICULTY_LABELS[d]), ...r.vulnerable.map((v) => VULNERABLE_LABELS[v])],
  };
}

/** The last answer (rows are filtered locally, without another call). */
const own = instanceState(() => ({ answer: null as RosterOutput | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    classId: '',
    schoolId: '',
    className: '',
    month: '',
    monthText: '',
    classes: [] as { id: string; name: string }[],
    stats: null as RosterOutput['stats'] | null,
    rateText: '',
    keyword: '',
    filter: 'all',
    filters: [] as Filter[],
    shown: [] as RowView[],
    total: 0,
    exporting: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ classId: query.classId ?? '', filter: query.filter ?? 'all' });
      this.load();
    },

    onShow() {
      if (own(this).answer) this.load({ refresh: true });
    },

    /** The first screen; back from the child detail or the import (refresh) the figures change in place. */
    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          const res = await call('archive.roster', this.data.classId ? { classId: this.data.classId } : {});
          if (!screen.current()) return;
          own(this).answer = res;
          wx.setNavigationBarTitle?.({ title: `${res.schoolClass.name} 花名册` });
          this.setData({
            state: 'ready',
            classId: res.schoolClass.id,
            schoolId: res.schoolClass.schoolId,
            className: res.schoolClass.name,
            month: res.month,
            monthText: monthLabel(res.month, { year: 'auto' }),
            classes: res.classes,
            stats: res.stats,
            rateText: res.stats.archiveRate === null ? '—' : `${res.stats.archiveRate}%`,
            filters: filtersOf(res.rows),
            total: res.rows.length,
          });
          this.applyFilter();
        },
        options,
      );
    },

    applyFilter() {
      const res = own(this).answer;
      if (!res) return;
      const keyword = this.data.keyword.trim();
      const shown = res.rows.filter((r) => matches(r, this.data.filter) && (!keyword || r.name.includes(keyword))).map(rowView);
      this.setData({ shown });
    },

    onRetry() {
      this.load();
    },

    onSearch(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: e.detail.value ?? '' });
      this.applyFilter();
    },

    onClear() {
      this.setData({ keyword: '' });
      this.applyFilter();
    },

    onFilter(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
      const key = e.currentTarget.dataset.key;
      this.setData({ filter: this.data.filter === key ? 'all' : key });
      this.applyFilter();
    },

    onClassTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id || id === this.data.classId) return;
      own(this).answer = null;
      this.setData({ classId: id, filter: 'all', keyword: '' });
      this.load();
    },

    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('child', { childId: e.currentTarget.dataset.id }) });
    },

    onAdd() {
      wx.navigateTo({ url: pageUrl('archiveEdit', { classId: this.data.classId }) });
    },

    /** 本月联系卡核对 of the class shown. */
    onCardRound() {
      wx.navigateTo({ url: pageUrl('cardRound', { classId: this.data.classId, className: this.data.className }) });
    },

    onImport() {
      wx.navigateTo({ url: pageUrl('import', { schoolId: this.data.schoolId, classId: this.data.classId }) });
    },

    async onExport(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: 'archive' | 'registration' }>) {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const done = await exportAndOpen({ classId: this.data.classId, kind: e.currentTarget.dataset.kind });
        wx.showToast({ title: `已导出 ${done.rows} 人`, icon: 'none' });
      } catch (err) {
        wx.showToast({ title: err instanceof Error && !('code' in err) ? '无法打开导出的文件' : errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
