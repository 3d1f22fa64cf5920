/**
 * 学校设置（管理员）：本校的班级和社区/村。
 *   - 班级：年级（1–9）、名称（如 三年级(2)班）、所属社区；新增（classes.create）与撤销（classes.archive，先确认：
 *     该班教师和学生的身份绑定、未使用的邀请码随即失效，孩子档案保留）。
 *   - 社区/村：新增（communities.create），新增班级和邀请儿童主任时可选。
 * 服务端的中文提示原样显示（年级不对、同名班级……），出错时什么也不写。
 * 首屏一次 classes.list（班级与社区一起返回）；从首页进入时 url 带 ?schoolId=，不带时先用 whoami 找到管理员身份的学校。
 */
import type { ClassView, CommunityView } from '../../../../../typings/actions/accounts';
import { call, errorMessage } from '../../../../services/api';
import { loadAdminScreen } from '../../../../services/screen';
import { instanceState } from '../../../../services/instance';
import { classRows, communityOptions, namePlaceholder, NO_COMMUNITY, type ClassRow } from '../../services/classes';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface ClassForm {
  grade: string;
  name: string;
  communityId: string;
}

interface Confirm {
  visible: boolean;
  busy: boolean;
  classId: string;
  title: string;
  content: string;
}

const CLOSED: Confirm = { visible: false, busy: false, classId: '', title: '', content: '' };

/** The page keeps the answers it shows, to rebuild the rows after an add or a close without another call. */
const own = instanceState(() => ({ shown: null as { classes: ClassView[]; communities: CommunityView[] } | null }));

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field: string }>;
type IdEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    classes: [] as ClassRow[],
    archivedClasses: [] as ClassRow[],
    communities: [] as CommunityView[],
    communityOptions: communityOptions([]),
    /** The class being added; null while the list shows. */
    classForm: null as ClassForm | null,
    namePlaceholder: '例如：三年级(2)班',
    classError: '',
    savingClass: false,
    communityFormOpen: false,
    communityName: '',
    communityError: '',
    savingCommunity: false,
    notice: '',
    noticeError: false,
    confirm: { ...CLOSED } as Confirm,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '' });
      this.load();
    },

    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },

    load() {
      return loadAdminScreen(this, async (schoolId) => {
        const { classes, communities } = await call('classes.list', { schoolId });
        own(this).shown = { classes, communities };
        this.render();
        this.setData({ state: 'ready' });
      });
    },

    render() {
      const data = own(this).shown;
      if (!data) return;
      this.setData({
        classes: classRows(data.classes, data.communities, false),
        archivedClasses: classRows(data.classes, data.communities, true),
        communities: data.communities,
        communityOptions: communityOptions(data.communities),
      });
    },

    onRetry() {
      this.load();
    },

    say(notice: string, error = false) {
      this.setData({ notice, noticeError: error });
    },

    // ---- add a class ----

    onOpenClass() {
      this.setData({
        classForm: { grade: '', name: '', communityId: NO_COMMUNITY },
        classError: '',
        namePlaceholder: '例如：三年级(2)班',
        notice: '',
      });
    },

    onCloseClass() {
      this.setData({ classForm: null, classError: '' });
    },

    onClassField(e: FieldEvent) {
      const field = e.currentTarget.dataset.field;
      if (!this.data.classForm || (field !== 'grade' && field !== 'name' && field !== 'communityId')) return;
      const value = String(e.detail.value ?? '');
      this.setData({ [`classForm.${field}`]: value });
      if (field === 'grade') {
        this.setData({ namePlaceholder: namePlaceholder(Number(value.trim())) });
      }
    },

    async onSaveClass() {
      const form = this.data.classForm;
      if (!form || this.data.savingClass) return;
      const gradeText = form.grade.trim();
      if (!gradeText) {
        this.setData({ classError: '请填写年级（1 到 9）' });
        return;
      }
      this.setData({ savingClass: true, classError: '' });
      try {
        // The grade goes as typed (a number); the server says what is wrong with it, in Chinese.
        const created = await call('classes.create', {
          schoolId: this.data.schoolId,
          grade: Number(gradeText),
          name: form.name.trim(),
          communityId: form.communityId === NO_COMMUNITY ? null : form.communityId,
        });
        const data = own(this).shown;
        if (data) data.classes = [...data.classes, created];
        this.render();
        this.setData({ classForm: null });
        this.say(`已添加班级：${created.name}`);
      } catch (err) {
        this.setData({ classError: errorMessage(err) });
      } finally {
        this.setData({ savingClass: false });
      }
    },

    // ---- close a class, after a confirm dialog ----

    onAskArchive(e: IdEvent) {
      const id = e.currentTarget.dataset.id;
      const row = this.data.classes.find((c) => c.id === id);
      if (!row || !id) return;
      this.setData({
        confirm: {
          visible: true,
          busy: false,
          classId: id,
          title: '撤销班级',
          content: `确定撤销“${row.name}”吗？撤销后，该班教师和学生的身份绑定、该班未使用的邀请码都将失效，不能再用。孩子的档案会保留。此操作不能恢复。`,
        },
      });
    },

    onConfirmCancel() {
      if (this.data.confirm.busy) return;
      this.setData({ confirm: { ...CLOSED } });
    },

    async onConfirmOk() {
      const { classId, busy } = this.data.confirm;
      if (busy || !classId) return;
      this.setData({ 'confirm.busy': true });
      try {
        const res = await call('classes.archive', { classId });
        const data = own(this).shown;
        const name = data?.classes.find((c) => c.id === classId)?.name ?? '';
        if (data) data.classes = data.classes.map((c) => (c.id === classId ? { ...c, archived: true } : c));
        this.render();
        this.say(`已撤销“${name}”：${res.revokedBindings} 个身份绑定、${res.revokedInvites} 个未使用的邀请码已失效`);
      } catch (err) {
        this.say(errorMessage(err), true);
      } finally {
        this.setData({ confirm: { ...CLOSED } });
      }
    },

    // ---- add a community ----

    onOpenCommunity() {
      this.setData({ communityFormOpen: true, communityName: '', communityError: '', notice: '' });
    },

    onCloseCommunity() {
      this.setData({ communityFormOpen: false, communityError: '' });
    },

    onCommunityName(e: WechatMiniprogram.CustomEvent<{ value: unknown }>) {
      this.setData({ communityName: String(e.detail.value ?? '') });
    },

    async onSaveCommunity() {
      if (this.data.savingCommunity) return;
      this.setData({ savingCommunity: true, communityError: '' });
      try {
        const created = await call('communities.create', { schoolId: this.data.schoolId, name: this.data.communityName.trim() });
        const data = own(this).shown;
        if (data) data.communities = [...data.communities, created].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        this.render();
        this.setData({ communityFormOpen: false, communityName: '' });
        this.say(`已添加社区/村：${created.name}`);
      } catch (err) {
        this.setData({ communityError: errorMessage(err) });
      } finally {
        this.setData({ savingCommunity: false });
      }
    },
  },
});
