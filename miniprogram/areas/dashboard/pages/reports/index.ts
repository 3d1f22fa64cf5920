/**
 * 报表（管理员，?schoolId=&term=）：下载本学期统计表（各班人数与比率、对照目标）、本学年工作档案（一份工作簿，每部分一张表）
 * 和基本情况登记表（已有的导出），打开本学期的工作总结编辑。首屏一次 reports.summary（看总结是否已保存）；下载时才生成文件。
 */
import type { ExportOutput } from '../../../../../typings/actions/archive';
import { call, errorMessage } from '../../../../services/api';
import { openExport } from '../../../../services/exports';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingToday, dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Kind = 'statistics' | 'archive' | 'registration';
type TapEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { kind?: Kind }>;

const FILES: { kind: Kind; title: string; note: string }[] = [
  { kind: 'statistics', title: '统计表', note: '本学期各班的人数与各项比率，对照目标' },
  { kind: 'archive', title: '工作档案', note: '本学年：统计表、月度工作、家长会与座谈会、预警个案、工作总结' },
  { kind: 'registration', title: '基本情况登记表', note: '全校留守儿童的基本情况（含姓名，导出会记入审计日志）' },
];

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    term: '',
    schoolName: '',
    termName: '',
    files: FILES,
    summaryTitle: '',
    summaryNote: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '', term: query.term ?? '', schoolName: query.name ?? '' });
      this.load();
    },

    onShow() {
      // back from the summary editor: show whether it is saved now
      if (this.data.state === 'ready') this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const view = await call('reports.summary', { schoolId: this.data.schoolId, ...(this.data.term ? { term: this.data.term } : {}) });
        if (!screen.current()) return;
        this.setData({
          state: 'ready',
          termName: view.term.name,
          summaryTitle: `${view.term.name}工作总结`,
          summaryNote:
            view.saved && view.savedAt
              ? `已保存 · ${dayLabel(beijingToday(new Date(view.savedAt)), { year: 'auto' })}${view.savedBy ? ` · ${view.savedBy}` : ''}`
              : '还没有保存：打开后由记录生成草稿，修改后保存',
        });
      });
    },

    onRetry() {
      this.load();
    },

    async onDownload(e: TapEvent) {
      const kind = e.currentTarget.dataset.kind;
      if (!kind || this.data.busy) return;
      const schoolId = this.data.schoolId;
      const term = this.data.term ? { term: this.data.term } : {};
      this.setData({ busy: true });
      try {
        const first: ExportOutput =
          kind === 'statistics'
            ? await call('reports.statistics', { schoolId, ...term })
            : kind === 'archive'
              ? await call('reports.archive', { schoolId, ...term })
              : await call('archive.export', { schoolId, kind: 'registration' });
        const file = await openExport(first);
        wx.showToast({ title: `已生成${file.fileName.replace(/\.xlsx$/, '')}`, icon: 'none' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },

    onOpenSummary() {
      wx.navigateTo({ url: pageUrl('workSummary', { schoolId: this.data.schoolId, term: this.data.termName }) });
    },
  },
});
