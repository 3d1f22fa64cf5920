/**
 * 联系卡：父母（姓名、电话、务工城市、务工单位及地址电话）、委托监护人（姓名、关系、年龄、电话、职业、住址、
 * 身体状况、有无照护能力）、紧急联系人。首屏一次 children.get。边填边校验电话与必填项；保存时带上版本号。
 * 不满16周岁的留守儿童没有有照护能力的监护人时，保存后提示已向管理员发出预警。
 */
import type { CardInput, ChildDetail } from '../../../../../typings/actions/archive';
import type { ParentContact } from '../../../../../typings/domain';
import { call, CallError, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { compact, errorsInPlace, invalidFields, phoneError, requiredError } from '../../services/archive-form';

type State = 'loading' | 'error' | 'forbidden' | 'ready' | 'saved';
type Slot = 'father' | 'mother';

interface ParentForm {
  name: string;
  relation: string;
  phone: string;
  workCity: string;
  workUnit: string;
  workAddress: string;
  workPhone: string;
}
interface GuardianForm {
  name: string;
  relation: string;
  age: string;
  phone: string;
  occupation: string;
  address: string;
  health: string;
  capable: boolean;
}
interface EmergencyForm {
  name: string;
  relation: string;
  phone: string;
}
interface Form {
  father: ParentForm;
  mother: ParentForm;
  guardian: GuardianForm;
  emergency: EmergencyForm;
}

const parentForm = (relation: string, p?: ParentContact): ParentForm => ({
  name: p?.name ?? '',
  relation: p?.relation ?? relation,
  phone: p?.phone ?? '',
  workCity: p?.workCity ?? '',
  workUnit: p?.workUnit ?? '',
  workAddress: p?.workAddress ?? '',
  workPhone: p?.workPhone ?? '',
});

function formOf(card: ChildDetail['contactCard']): Form {
  const parents = card?.parents ?? [];
  const father = parents.find((p) => p.relation === '父亲') ?? parents.find((p) => p.relation !== '母亲');
  const mother = parents.find((p) => p !== father);
  const g = card?.guardian;
  const e = card?.emergency;
  return {
    father: parentForm('父亲', father),
    mother: parentForm('母亲', mother),
    guardian: {
      name: g?.name ?? '',
      relation: g?.relation ?? '',
      age: g?.age ? String(g.age) : '',
      phone: g?.phone ?? '',
      occupation: g?.occupation ?? '',
      address: g?.address ?? '',
      health: g?.health ?? '',
      capable: g ? g.capable : true,
    },
    emergency: { name: e?.name ?? '', relation: e?.relation ?? '', phone: e?.phone ?? '' },
  };
}

const filled = (o: object) => Object.entries(o).some(([k, v]) => k !== 'relation' && k !== 'capable' && typeof v === 'string' && v.trim());
const SLOT_NAME: Record<Slot, string> = { father: '父亲', mother: '母亲' };

/** Every rule the form can check by itself, keyed by field path ("father.phone"). */
export function cardFormErrors(f: Form): Record<string, string> {
  const e: Record<string, string> = {};
  for (const slot of ['father', 'mother'] as Slot[]) {
    const p = f[slot];
    e[`${slot}.phone`] = phoneError(p.phone, `${SLOT_NAME[slot]}电话`);
    e[`${slot}.workPhone`] = phoneError(p.workPhone, '单位电话');
    if (filled(p)) {
      e[`${slot}.name`] = requiredError(p.name, `${SLOT_NAME[slot]}姓名`);
      e[`${slot}.relation`] = requiredError(p.relation, '与孩子的关系');
      if ((p.workUnit || p.workAddress || p.workPhone) && !p.workCity.trim()) e[`${slot}.workCity`] = '请填写务工城市';
    }
  }
  const g = f.guardian;
  if (filled(g)) {
    e['guardian.name'] = requiredError(g.name, '监护人姓名');
    e['guardian.relation'] = requiredError(g.relation, '监护人与孩子的关系');
    e['guardian.phone'] = phoneError(g.phone, '监护人电话', true);
    if (g.age.trim() && !(/^\d{1,3}$/.test(g.age.trim()) && Number(g.age) >= 10 && Number(g.age) <= 110)) e['guardian.age'] = '监护人年龄不合理';
  }
  const m = f.emergency;
  if (filled(m)) {
    e['emergency.name'] = requiredError(m.name, '紧急联系人姓名');
    e['emergency.relation'] = requiredError(m.relation, '紧急联系人关系');
    e['emergency.phone'] = phoneError(m.phone, '紧急联系人电话', true);
  }
  const anyone = filled(f.father) || filled(f.mother) || filled(g);
  if (anyone && !f.father.phone.trim() && !f.mother.phone.trim() && !g.phone.trim()) e.card = '父母和监护人至少要有一个联系电话';
  return compact(e);
}

function inputOf(f: Form): { input: CardInput; slots: Slot[] } {
  const slots = (['father', 'mother'] as Slot[]).filter((s) => filled(f[s]));
  const t = (s: string) => s.trim() || null;
  const parents = slots.map((s) => {
    const p = f[s];
    return {
      name: p.name.trim(),
      relation: p.relation.trim(),
      phone: t(p.phone),
      workCity: t(p.workCity),
      workUnit: t(p.workUnit),
      workAddress: t(p.workAddress),
      workPhone: t(p.workPhone),
    };
  });
  const g = f.guardian;
  const guardian = filled(g)
    ? {
        name: g.name.trim(),
        relation: g.relation.trim(),
        age: g.age.trim() ? Number(g.age) : null,
        phone: g.phone.trim(),
        occupation: t(g.occupation),
        address: t(g.address),
        health: t(g.health),
        capable: g.capable,
      }
    : null;
  const m = f.emergency;
  const emergency = filled(m) ? { name: m.name.trim(), relation: m.relation.trim(), phone: m.phone.trim() } : null;
  return { input: { parents, guardian, emergency }, slots };
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    childId: '',
    name: '',
    version: 0,
    consentGranted: true,
    form: formOf(null),
    errors: {} as Record<string, string>,
    saving: false,
    saveError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ childId: query.childId ?? '' });
      this.load();
    },

    load() {
      return loadScreen(this, async () => {
        const d = await call('children.get', { childId: this.data.childId });
        if (!d.canEdit) {
          this.setData({ state: 'forbidden' });
          return;
        }
        wx.setNavigationBarTitle?.({ title: `${String(d.child.name)}的联系卡` });
        this.setData({
          state: 'ready',
          name: String(d.child.name),
          form: formOf(d.contactCard),
          version: d.contactCard?.version ?? 0,
          consentGranted: d.consent.status === 'granted',
          errors: {},
        });
      });
    },

    onRetry() {
      this.load();
    },

    /** data-field="guardian.phone" etc. */
    onField(e: WechatMiniprogram.CustomEvent<{ value: unknown }, Record<string, never>, { field: string }>) {
      const [part, key] = e.currentTarget.dataset.field.split('.') as [keyof Form, string];
      const form = { ...this.data.form, [part]: { ...this.data.form[part], [key]: e.detail.value } } as Form;
      const errors = errorsInPlace(cardFormErrors(form), this.data.errors, `${part}.${key}`);
      this.setData({ form, errors, saveError: '' });
    },

    async onSave() {
      if (this.data.saving) return;
      const errors = cardFormErrors(this.data.form);
      if (Object.keys(errors).length) {
        this.setData({ errors, saveError: '请先改正标红的内容' });
        return;
      }
      const { input, slots } = inputOf(this.data.form);
      this.setData({ saving: true, saveError: '' });
      try {
        const res = await call('contactCards.save', { childId: this.data.childId, expectedVersion: this.data.version, ...input });
        this.setData({ state: 'saved', version: res.version });
        if (res.alert === 'raised') {
          wx.showModal({
            title: '已发出预警',
            content: `${this.data.name}不满16周岁，没有有照护能力的监护人，已通知学校管理员尽快落实照护。`,
            showCancel: false,
            success: () => wx.navigateBack({ delta: 1 }),
          });
        } else {
          wx.showToast({ title: res.changed.length ? '已保存' : '已确认本月信息', icon: 'success' });
          wx.navigateBack({ delta: 1 });
        }
      } catch (err) {
        // parents.<i> is the i-th filled-in parent slot of the form; a message about the list as a whole goes on the card
        const invalid = invalidFields(err, (path) => {
          const m = path.match(/^parents\.(\d+)\.?(.*)$/);
          return m ? `${slots[Number(m[1])] ?? 'father'}.${m[2] || 'name'}` : path === 'parents' ? 'card' : path;
        });
        if (invalid) {
          this.setData({ errors: { ...this.data.errors, ...invalid }, saveError: errorMessage(err) });
        } else if (err instanceof CallError && err.code === 'CONFLICT') {
          this.setData({ saveError: err.message });
          wx.showModal({
            title: '联系卡已被修改',
            content: '有人刚刚修改了这张联系卡。重新打开后再改，以免覆盖别人的修改。',
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
