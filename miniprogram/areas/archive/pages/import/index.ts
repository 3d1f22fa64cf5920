/**
 * 导入花名册（向导）：① 从微信聊天中选择学校现有的 Excel 表（.xlsx）→ ② 分片上传 → ③ 预览：每一行有误的原因、
 * 会丢弃的信息（未签同意书的只导入花名册信息）、将导入的前几行 → ④ 确认导入：全部成功或全部不导入。
 * 预览不写入任何数据；有误的行改正后重新选择文件。?schoolId=&classId=（不带 classId 为全校导入，仅管理员）。
 * 首屏一次 whoami：只有该班的老师或学校管理员看到向导，家长、学生、社区工作者看到无权状态（服务端同样拒绝）。
 */
import type { ImportPreview } from '../../../../../typings/actions/archive';
import { call, CallError, errorMessage } from '../../../../services/api';
import { pickSpreadsheet, readBase64, uploadSpreadsheet } from '../../services/files';
import { GENDER_LABELS } from '../../services/labels';
import { loadScreen } from '../../../../services/screen';
import { keepsRoster } from '../../../../services/session';
import { dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

type Step = 'pick' | 'uploading' | 'preview' | 'committing' | 'done';

const MAX_BYTES = 4 * 1024 * 1024;

Component({
  data: {
    state: 'loading' as State,
    step: 'pick' as Step,
    schoolId: '',
    classId: '',
    fileName: '',
    progress: '',
    errorMessage: '',
    preview: null as ImportPreview | null,
    sample: [] as { row: number; text: string }[],
    problems: [] as { row: number; title: string; text: string }[],
    warnings: [] as { row: number; title: string; text: string }[],
    recognized: '',
    ignored: '',
    result: null as { created: number; consents: number; cards: number; alerts: number } | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '', classId: query.classId ?? '' });
      this.load();
    },

    load() {
      return loadScreen(this, async () => {
        const { schoolId, classId } = this.data;
        this.setData({ state: (await keepsRoster({ schoolId, classId })) ? 'ready' : 'forbidden' });
      });
    },

    onRetry() {
      this.load();
    },

    async onPick() {
      let file;
      try {
        file = await pickSpreadsheet();
      } catch {
        this.setData({ errorMessage: '无法读取所选文件，请重试' });
        return;
      }
      if (!file) return;
      if (file.size > MAX_BYTES) {
        this.setData({ errorMessage: '文件超过 4 MB，请分班导入' });
        return;
      }
      await this.upload(file.name, readBase64(file.path));
    },

    /** Upload (in chunks) and preview. Also the entry point of the page test. */
    async upload(fileName: string, base64: string) {
      this.setData({ step: 'uploading', fileName, errorMessage: '', progress: '正在上传…', preview: null });
      try {
        const scope = this.data.classId ? { schoolId: this.data.schoolId, classId: this.data.classId } : { schoolId: this.data.schoolId };
        const uploadId = await uploadSpreadsheet(scope, fileName, base64, (sent, total) => this.setData({ progress: `正在上传 ${sent}/${total}` }));
        this.setData({ progress: '正在检查每一行…' });
        const preview = await call('imports.preview', { uploadId });
        this.setData({
          step: 'preview',
          preview,
          problems: preview.problems.map((p) => ({ row: p.row, title: `第 ${p.row} 行 ${p.name ?? ''}`, text: p.errors.join('；') })),
          warnings: preview.warnings.map((p) => ({ row: p.row, title: `第 ${p.row} 行 ${p.name ?? ''}`, text: p.errors.join('；') })),
          recognized: preview.columns.recognized.join('、'),
          ignored: preview.columns.ignored.join('、'),
          sample: preview.sample.map((s) => ({
            row: s.row,
            text: `${s.name} · ${GENDER_LABELS[s.gender]} · ${dayLabel(s.birthDate, { year: 'always' })} · ${s.className}${s.consent ? ' · 已签同意书' : ''}`,
          })),
        });
      } catch (err) {
        this.setData({ step: 'pick', errorMessage: errorMessage(err) });
      }
    },

    async onCommit() {
      const preview = this.data.preview;
      if (!preview || preview.invalid > 0 || this.data.step !== 'preview') return;
      this.setData({ step: 'committing', errorMessage: '' });
      try {
        const result = await call('imports.commit', { uploadId: preview.uploadId });
        this.setData({ step: 'done', result });
      } catch (err) {
        const shown =
          err instanceof CallError && err.details?.length
            ? `${err.message}：${err.details
                .slice(0, 3)
                .map((d) => `${d.path.replace('row ', '第 ')} 行 ${d.message}`)
                .join('；')}`
            : errorMessage(err);
        this.setData({ step: 'preview', errorMessage: shown });
      }
    },

    onRestart() {
      this.setData({ step: 'pick', preview: null, result: null, errorMessage: '', fileName: '' });
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
