/**
 * 编辑档案 (?childId=) 或 添加学生 (?classId=)。首屏一次 children.get（添加学生时不调用）。
 * 边填边校验：身份证号（18 位、校验位、与出生日期一致）、日期、各类别要求的必填项；保存时服务端再校验，
 * 它指出的字段错误显示在对应输入框下。只提交改动过的字段，并带上打开时的版本号，别人先改了就提示刷新。
 * 未取得监护人同意时不能保存档案（服务端也会拒绝）。
 */
import type { ArchiveChangesInput } from '../../../../../typings/actions/archive';
import type { DifficultyCategory, ExamRecord, Gender, LeftBehindType, VulnerableCategory } from '../../../../../typings/domain';
import { call, CallError, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { DIFFICULTY_LABELS, GENDER_LABELS, LEFT_BEHIND_LABELS, VULNERABLE_LABELS, options } from '../../services/labels';
import { compact, dateError, errorsInPlace, idNumberError, invalidFields, requiredError } from '../../services/archive-form';
import { pageUrl } from '../../../../services/routes';
import { instanceState } from '../../../../services/instance';

type State = 'loading' | 'error' | 'ready' | 'saved';

interface Form {
  name: string;
  gender: Gender | '';
  birthDate: string;
  leftBehindType: LeftBehindType | '';
  keepsLunarBirthday: boolean;
  idNumber: string;
  address: string;
  health: string;
  hobbies: string;
  studySituation: string;
  familySituation: string;
  otherParentUnableReason: string;
  difficulties: DifficultyCategory[];
  difficultyNote: string;
  vulnerableCategories: VulnerableCategory[];
  disability: string;
  focus: boolean;
  focusReason: string;
}

const EMPTY: Form = {
  name: '',
  gender: '',
  birthDate: '',
  leftBehindType: '',
  keepsLunarBirthday: false,
  idNumber: '',
  address: '',
  health: '',
  hobbies: '',
  studySituation: '',
  familySituation: '',
  otherParentUnableReason: '',
  difficulties: [],
  difficultyNote: '',
  vulnerableCategories: [],
  disability: '',
  focus: false,
  focusReason: '',
};

/** Every rule the form can check by itself; '' where fine. */
export function formErrors(f: Form, create: boolean): Record<string, string> {
  return compact({
    name: requiredError(f.name, '姓名') || (f.name.trim().length > 20 ? '姓名不能超过 20 个字' : ''),
    gender: f.gender ? '' : '请选择性别',
    birthDate: dateError(f.birthDate, '出生日期'),
    leftBehindType: f.leftBehindType ? '' : '请选择留守类型',
    idNumber: create ? '' : idNumberError(f.idNumber, f.birthDate),
    otherParentUnableReason: !create && f.leftBehindType === 'one_away_other_unable' ? requiredError(f.otherParentUnableReason, '另一方无监护能力的原因') : '',
    difficultyNote: !create && f.difficulties.length ? requiredError(f.difficultyNote, '困难/问题的具体情况') : '',
    disability: !create && f.vulnerableCategories.includes('disabled') ? requiredError(f.disability, '残疾类别与等级') : '',
    health: !create && f.vulnerableCategories.includes('serious_illness') ? requiredError(f.health, '健康状况（所患疾病）') : '',
    focusReason: !create && f.focus ? requiredError(f.focusReason, '重点帮扶原因') : '',
  });
}

function formOf(c: Record<string, unknown>): Form {
  const focus = c.focusSupport as { flag: boolean; reason: string | null } | null | undefined;
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ...EMPTY,
    name: s(c.name),
    gender: (c.gender as Gender) ?? '',
    birthDate: s(c.birthDate),
    leftBehindType: (c.leftBehindType as LeftBehindType) ?? '',
    keepsLunarBirthday: !!c.lunarBirthday,
    address: s(c.address),
    health: s(c.health),
    hobbies: s(c.hobbies),
    studySituation: s(c.studySituation),
    familySituation: s(c.familySituation),
    otherParentUnableReason: s(c.otherParentUnableReason),
    difficulties: (c.difficulties as DifficultyCategory[]) ?? [],
    difficultyNote: s(c.difficultyNote),
    vulnerableCategories: (c.vulnerableCategories as VulnerableCategory[]) ?? [],
    disability: s(c.disability),
    focus: !!focus?.flag,
    focusReason: s(focus?.reason),
  };
}

/** What the form changed, in the shape archive.update takes. */
function changesOf(before: Form, f: Form, beforeExams: ExamRecord[], exams: ExamRecord[]): ArchiveChangesInput {
  const out: Record<string, unknown> = {};
  const texts = [
    'name',
    'birthDate',
    'address',
    'health',
    'hobbies',
    'studySituation',
    'familySituation',
    'otherParentUnableReason',
    'difficultyNote',
    'disability',
  ] as const;
  for (const k of texts) if (f[k].trim() !== before[k].trim()) out[k] = f[k].trim() || null;
  for (const k of ['gender', 'leftBehindType'] as const) if (f[k] !== before[k]) out[k] = f[k];
  if (f.keepsLunarBirthday !== before.keepsLunarBirthday) out.keepsLunarBirthday = f.keepsLunarBirthday;
  if (f.idNumber.trim()) out.idNumber = f.idNumber.trim();
  for (const k of ['difficulties', 'vulnerableCategories'] as const) if ([...f[k]].sort().join() !== [...before[k]].sort().join()) out[k] = f[k];
  if (f.focus !== before.focus || f.focusReason.trim() !== before.focusReason.trim())
    out.focusSupport = { flag: f.focus, reason: f.focus ? f.focusReason.trim() || null : null };
  if (JSON.stringify(exams) !== JSON.stringify(beforeExams)) out.studyRecords = exams;
  return out as ArchiveChangesInput;
}

/** The server's field paths onto the form's. */
function mapPath(path: string): string {
  const p = path.replace(/^changes\./, '');
  if (p.startsWith('focusSupport')) return 'focusReason';
  if (p.startsWith('studyRecords')) return 'exams';
  return p.split('.')[0];
}

const own = instanceState(() => ({ original: { form: { ...EMPTY }, exams: [] as ExamRecord[] } }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    mode: 'edit' as 'edit' | 'create',
    childId: '',
    classId: '',
    version: 0,
    consentGranted: true,
    idNumberHint: '',
    form: { ...EMPTY },
    errors: {} as Record<string, string>,
    exams: [] as ExamRecord[],
    saving: false,
    saveError: '',
    genderOptions: options(GENDER_LABELS),
    leftBehindOptions: options(LEFT_BEHIND_LABELS),
    difficultyOptions: options(DIFFICULTY_LABELS),
    vulnerableOptions: options(VULNERABLE_LABELS),
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      if (query.childId) {
        this.setData({ mode: 'edit', childId: query.childId });
        this.load();
      } else {
        wx.setNavigationBarTitle?.({ title: '添加学生' });
        own(this).original = { form: { ...EMPTY }, exams: [] };
        this.setData({ mode: 'create', classId: query.classId ?? '', state: 'ready' });
      }
    },

    load() {
      return loadScreen(this, async () => {
        const d = await call('children.get', { childId: this.data.childId });
        if (!d.canEdit) {
          this.setData({ state: 'error', errorMessage: '您的身份不能编辑档案' });
          return;
        }
        const form = formOf(d.child);
        const exams = (d.child.studyRecords as ExamRecord[] | undefined) ?? [];
        own(this).original = { form, exams };
        const id = typeof d.child.idNumber === 'string' ? d.child.idNumber : '';
        this.setData({
          state: 'ready',
          form,
          exams,
          errors: {},
          version: typeof d.child.archiveVersion === 'number' ? d.child.archiveVersion : 0,
          consentGranted: d.consent.status === 'granted',
          idNumberHint: id ? `已登记：${id}。如需修改，请输入完整的新号码` : '',
        });
      });
    },

    onRetry() {
      this.load();
    },

    /** Any field: data-field names it; the value is e.detail.value (input, textarea, radio, checkbox, switch). */
    onField(e: WechatMiniprogram.CustomEvent<{ value: unknown }, Record<string, never>, { field: keyof Form }>) {
      const field = e.currentTarget.dataset.field;
      const form = { ...this.data.form, [field]: e.detail.value } as Form;
      const errors = errorsInPlace(formErrors(form, this.data.mode === 'create'), this.data.errors, field);
      this.setData({ form, errors, saveError: '' });
    },

    onExamsChange(e: WechatMiniprogram.CustomEvent<{ exams: ExamRecord[] }>) {
      this.setData({ exams: e.detail.exams, 'errors.exams': '' });
    },

    async onSave() {
      if (this.data.saving) return;
      const create = this.data.mode === 'create';
      const errors = formErrors(this.data.form, create);
      if (Object.keys(errors).length) {
        this.setData({ errors, saveError: '请先改正标红的内容' });
        return;
      }
      const f = this.data.form;
      this.setData({ saving: true, saveError: '' });
      try {
        if (create) {
          const { childId } = await call('archive.create', {
            classId: this.data.classId,
            name: f.name.trim(),
            gender: f.gender as Gender,
            birthDate: f.birthDate,
            leftBehindType: f.leftBehindType as LeftBehindType,
          });
          this.setData({ state: 'saved', childId });
          wx.showToast({ title: '已加入花名册', icon: 'success' });
          wx.redirectTo({ url: pageUrl('child', { childId }) });
          return;
        }
        const original = own(this).original;
        const changes = changesOf(original.form, f, original.exams, this.data.exams);
        if (Object.keys(changes).length === 0) {
          wx.showToast({ title: '没有修改', icon: 'none' });
          return;
        }
        const res = await call('archive.update', { childId: this.data.childId, expectedVersion: this.data.version, changes });
        this.setData({ state: 'saved', version: res.version });
        wx.showToast({ title: '已保存', icon: 'success' });
        if (res.alert === 'raised')
          wx.showModal({ title: '已发出预警', content: '该儿童不满16周岁且没有有照护能力的监护人，已通知学校管理员。', showCancel: false });
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        const invalid = invalidFields(err, mapPath);
        if (invalid) {
          this.setData({ errors: { ...this.data.errors, ...invalid }, saveError: errorMessage(err) });
        } else if (err instanceof CallError && err.code === 'CONFLICT' && !create) {
          this.setData({ saveError: err.message });
          wx.showModal({
            title: '档案已被修改',
            content: '有人刚刚修改了这份档案。重新打开后再改，以免覆盖别人的修改。',
            confirmText: '重新打开',
            success: (r) => r.confirm && this.load(),
          });
        } else {
          this.setData({ saveError: errorMessage(err) });
        }
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
