/**
 * 工作总结（管理员，?schoolId=&term=）：首屏一次 reports.summary。已保存的稿子原样打开；还没有保存时是由本学期记录生成的草稿
 * （谈心、亲情联系、走访、帮扶、座谈会的次数，各项比率，隐去姓名的典型个案）。逐段修改后保存；有人先保存了就提示重新打开。
 * 「由记录重新生成」只替换页面上的文字，保存后才算数。
 */
import type { SummarySection } from '../../../../../typings/actions/reports';
import { call, CallError, errorMessage } from '../../../../services/api';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { beijingToday, dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type TextEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>;

const savedText = (at: string | null, by: string | null) =>
  at ? `已保存于${dayLabel(beijingToday(new Date(at)), { year: 'auto' })}${by ? `（${by}）` : ''}，可继续修改` : '由本学期的记录生成的草稿，修改后保存';

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    term: '',
    title: '',
    status: '',
    version: 0,
    sections: [] as SummarySection[],
    saving: false,
    saveError: '',
    autosize: { minHeight: 120 },
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '', term: query.term ?? '' });
      this.load(false);
    },

    load(redraft: boolean) {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const view = await call('reports.summary', {
          schoolId: this.data.schoolId,
          ...(this.data.term ? { term: this.data.term } : {}),
          ...(redraft ? { redraft } : {}),
        });
        if (!screen.current()) return;
        this.setData({
          state: 'ready',
          term: view.term.name,
          title: `${view.term.name}工作总结`,
          status: redraft ? '已由记录重新生成，保存后替换原来的稿子' : savedText(view.saved ? view.savedAt : null, view.savedBy),
          version: view.version,
          sections: view.sections,
          saveError: '',
        });
      });
    },

    onRetry() {
      this.load(false);
    },

    onText(e: TextEvent) {
      const i = e.currentTarget.dataset.index;
      this.setData({ [`sections[${i}].text`]: e.detail.value, saveError: '' });
    },

    onRedraft() {
      wx.showModal({
        title: '重新生成草稿',
        content: '页面上的文字会换成由记录生成的草稿，保存后才替换原来的稿子。',
        confirmText: '重新生成',
        success: (r) => r.confirm && this.load(true),
      });
    },

    async onSave() {
      if (this.data.saving) return;
      this.setData({ saving: true, saveError: '' });
      try {
        const sections = this.data.sections.map((s) => ({ key: s.key, heading: s.heading, text: s.text }));
        const res = await call('reports.saveSummary', { schoolId: this.data.schoolId, term: this.data.term, expectedVersion: this.data.version, sections });
        this.setData({ version: res.version, status: savedText(res.savedAt, null) });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        this.setData({ saveError: errorMessage(err) });
        if (err instanceof CallError && err.code === 'CONFLICT')
          wx.showModal({ title: '总结已被修改', content: err.message, confirmText: '重新打开', success: (r) => r.confirm && this.load(false) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
