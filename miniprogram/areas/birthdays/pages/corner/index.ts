/**
 * 爱心天地：班级的爱心宣言、爱心牌图、爱心宣传栏作品，老师挑选的展示作品在前。学生和老师可以贴作品（和贺卡一样
 * 经过内容检查，需要时先由老师看过）；老师把好作品设为展示作品。家长从孩子进入（?childId=），学生和老师从班级进入
 * （?classId=）。首屏一次 corner.board 调用。作品先是文字；作品照片等云存储上线后再加。
 */
import type { CornerBoard, CornerWorkView, WorkKind } from '../../../../../typings/actions/birthdays';
import { call, CallError, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { instanceState } from '../../../../services/instance';
import { WORK_KINDS, WORK_MAX_CHARS, WORK_TITLE_MAX_CHARS } from '../../../../generated/wish-labels';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Filter = WorkKind | 'all';

const own = instanceState(() => ({ scope: {} as { classId: string } | { childId: string }, works: [] as CornerWorkView[] }));

const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  ...Object.entries(WORK_KINDS).map(([key, label]) => ({ key: key as WorkKind, label })),
];

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    className: '',
    filters: FILTERS,
    filter: 'all' as Filter,
    works: [] as CornerWorkView[],
    mine: [] as CornerWorkView[],
    canPost: false,
    canFeature: false,
    waiting: 0,
    kindOptions: Object.entries(WORK_KINDS).map(([value, label]) => ({ value, label })),
    kind: 'declaration' as WorkKind,
    title: '',
    text: '',
    titleMax: WORK_TITLE_MAX_CHARS,
    textMax: WORK_MAX_CHARS,
    errors: {} as Record<string, string>,
    posting: false,
    postError: '',
    featuring: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).scope = query.childId ? { childId: query.childId } : { classId: query.classId ?? '' };
      this.load();
    },

    load(refresh = false) {
      return loadScreen(
        this,
        async (screen) => {
          const board: CornerBoard = await call('corner.board', own(this).scope);
          if (!screen.current()) return;
          own(this).works = board.works;
          own(this).scope = { classId: board.classId };
          this.setData({
            state: 'ready',
            className: board.className,
            works: this.filtered(this.data.filter),
            mine: board.mine,
            canPost: board.canPost,
            canFeature: board.canFeature,
            waiting: board.waiting,
          });
        },
        { refresh },
      );
    },

    filtered(filter: Filter): CornerWorkView[] {
      return own(this).works.filter((w) => filter === 'all' || w.kind === filter);
    },

    onRetry() {
      this.load();
    },

    onFilter(e: WechatMiniprogram.BaseEvent<Record<string, never>, { filter: Filter }>) {
      const filter = e.currentTarget.dataset.filter;
      this.setData({ filter, works: this.filtered(filter) });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: 'kind' | 'title' | 'text' }>) {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field]: String(e.detail.value ?? ''), errors: { ...this.data.errors, [field]: '' }, postError: '' });
    },

    async onPost() {
      const title = this.data.title.trim();
      const text = this.data.text.trim();
      if (this.data.posting) return;
      const errors = { title: title ? '' : '请写上作品标题', text: text ? '' : '请写上作品内容' };
      if (errors.title || errors.text) return this.setData({ errors });
      this.setData({ posting: true, postError: '' });
      try {
        const scope = own(this).scope as { classId: string };
        const res = await call('corner.post', { classId: scope.classId, kind: this.data.kind, title, text });
        this.setData({ title: '', text: '' });
        wx.showToast({ title: res.message, icon: 'none' });
        await this.load(true);
      } catch (err) {
        const details = err instanceof CallError ? (err.details ?? []) : [];
        const byField = Object.fromEntries(details.filter((d) => d.path === 'title' || d.path === 'text').map((d) => [d.path, d.message]));
        this.setData(Object.keys(byField).length ? { errors: byField } : { postError: errorMessage(err) });
      } finally {
        this.setData({ posting: false });
      }
    },

    async onFeature(e: WechatMiniprogram.CustomEvent<{ id: string; featured: boolean }>) {
      if (this.data.featuring) return;
      this.setData({ featuring: e.detail.id });
      try {
        await call('corner.feature', { workId: e.detail.id, featured: e.detail.featured });
        wx.showToast({ title: e.detail.featured ? '已设为展示作品' : '已取消展示', icon: 'none' });
        await this.load(true);
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ featuring: '' });
      }
    },
  },
});
