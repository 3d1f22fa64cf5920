/**
 * 编辑档案 (?childId=) 或 添加学生 (?classId=)。首屏一次 children.get（添加学生时不调用）。
 * 边填边校验：身份证号（18 位、校验位、与出生日期一致）、日期、各类别要求的必填项；保存时服务端再校验，
 * 它指出的字段错误显示在对应输入框下。只提交改动过的字段，并带上打开时的版本号，别人先改了就提示刷新。
 * 未取得监护人同意时不能保存档案（服务端也会拒绝）。
 */
import type { ExamRecord, Gender, LeftBehindType } from '../../../../../typings/domain';
import { call, CallError, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { DIFFICULTY_LABELS, ENROLMENT_LABELS, GENDER_LABELS, LEFT_BEHIND_LABELS, VACCINATION_LABELS, VULNERABLE_LABELS, options } from '../../services/labels';
import { errorsInPlace, invalidFields } from '../../services/archive-form';
import { changesOf, EMPTY, formErrors, formOf, mapPath, type Form } from '../../services/archive-edit';
import { pageUrl } from '../../../../services/routes';
import { instanceState } from '../../../../services/instance';
import { keepsRoster } from '../../../../services/session';
import { beijingToday } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready' | 'saved';

const YEAR_MS = 365.25 * 86400 * 1000;
/** The days a pupil's birth date may be (the server says more: 3 to 18 years old). */
const birthDays = (now = Date.now()) => ({
  start: beijingToday(new Date(now - 20 * YEAR_MS)),
  end: beijingToday(new Date(now)),
  initial: beijingToday(new Date(now - 9 * YEAR_MS)),
});

/** What the alert a save raised is about: a drop-out recorded now, else the guardian check. */
const raisedText = (changes: { enrolment?: { status: string } | null }) =>
  changes.enrolment?.status === 'dropped_out'
    ? '已登记为辍学，已通知学校管理员尽快家访、联系监护人，劝返复学。'
    : '该儿童不满16周岁且没有有照护能力的监护人，已通知学校管理员。';

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
    enrolmentOptions: options(ENROLMENT_LABELS),
    vaccinationOptions: options(VACCINATION_LABELS),
    birthDays: birthDays(),
    enrolmentDays: { start: beijingToday(new Date(Date.now() - 20 * YEAR_MS)), end: beijingToday() },
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      if (query.childId) {
        this.setData({ mode: 'edit', childId: query.childId });
        this.load();
      } else {
        wx.setNavigationBarTitle?.({ title: '添加学生' });
        own(this).original = { form: { ...EMPTY }, exams: [] };
        this.setData({ mode: 'create', classId: query.classId ?? '' });
        this.load();
      }
    },

    load() {
      if (this.data.mode === 'create') {
        return loadScreen(this, async () => {
          this.setData({ state: (await keepsRoster({ classId: this.data.classId })) ? 'ready' : 'forbidden' });
        });
      }
      return loadScreen(this, async () => {
        const d = await call('children.get', { childId: this.data.childId });
        if (!d.canEdit) {
          this.setData({ state: 'forbidden' });
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
        if (res.alert === 'raised') wx.showModal({ title: '已发出预警', content: raisedText(changes), showCancel: false });
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
