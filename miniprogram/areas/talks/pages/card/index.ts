/**
 * 谈心记录卡: ?childId= a new card for the child (validation in place as the teacher fills it in), ?talkId= one card
 * to read. The new card offers last month's open actions to follow up and says what the chosen concerns will set
 * going (a plan within 14 days, an urgent alert). First screen: one call (talks.child, or talks.get).
 */
import type { ChildFile, ConcernTag, FollowUpInput, TalkActionInput, TalkerRole, TalkTopic, TalkView } from '../../../../../typings/actions/talks';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { dayLabel } from '../../../../services/time';
import { cardErrors, cardInput, concernHint, emptyCard, fieldOfPath, type CardForm } from '../../services/card-form';
import { compact, errorsInPlace, refusal } from '../../services/form';
import { CONCERNS, MOODS, PLACES, TALKERS, TOPICS } from '../../services/options';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Change<T> = WechatMiniprogram.CustomEvent<{ value: T }, Record<string, never>, { field: keyof CardForm }>;

interface Saved {
  title: string;
  lines: string[];
  planDue: boolean;
}

/** The single choices as the chips take them (a list). */
const chosen = (f: CardForm) => ({ talker: [f.talkerRole], mood: f.mood ? [f.mood] : [] });

const own = instanceState(() => ({ childId: '', talkId: '', file: null as ChildFile | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    mode: 'new' as 'new' | 'view',
    talk: null as TalkView | null,
    childName: '',
    today: '',
    first: '',
    form: emptyCard('', 'class_teacher'),
    chosen: chosen(emptyCard('', 'class_teacher')),
    dateText: '',
    placeChoice: [] as string[],
    openActions: [] as ChildFile['openActions'],
    hint: '',
    errors: {} as Record<string, string>,
    formError: '',
    saved: null as Saved | null,
    busy: false,
    options: { topics: TOPICS, concerns: CONCERNS, talkers: TALKERS, moods: MOODS, places: PLACES },
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      Object.assign(own(this), { childId: query.childId ?? '', talkId: query.talkId ?? '' });
      this.load();
    },

    load() {
      const { childId, talkId } = own(this);
      return loadScreen(this, async (screen) => {
        if (talkId) {
          const talk = await call('talks.get', { talkId });
          if (!screen.current()) return;
          wx.setNavigationBarTitle?.({ title: `${talk.childName} · 谈心记录卡` });
          this.setData({ state: 'ready', mode: 'view', talk, childName: talk.childName });
          return;
        }
        const file = await call('talks.child', { childId });
        if (!screen.current()) return;
        own(this).file = file;
        wx.setNavigationBarTitle?.({ title: `${file.child.name} · 谈心记录卡` });
        const form = emptyCard(file.today, file.talkerRole);
        this.setData({
          state: 'ready',
          mode: 'new',
          childName: file.child.name,
          today: file.today,
          first: file.child.archivedOn,
          form,
          chosen: chosen(form),
          dateText: dayLabel(form.date),
          placeChoice: [form.place],
          openActions: file.openActions,
          errors: {},
          saved: null,
        });
      });
    },

    onRetry() {
      this.load();
    },

    /** A field changed: set it, and show its error (and keep those already shown) as the teacher types. */
    change(field: keyof CardForm, value: unknown, extra: Record<string, unknown> = {}) {
      const form = { ...this.data.form, [field]: value } as CardForm;
      const all = cardErrors(form, this.data.today, this.data.first);
      this.setData({
        form,
        chosen: chosen(form),
        errors: errorsInPlace(all, this.data.errors, field),
        formError: '',
        hint: concernHint(form.concerns, form.date),
        ...extra,
      });
    },

    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.change('date', e.detail.value, { dateText: dayLabel(e.detail.value) });
    },

    onPlaceChip(e: Change<string[]>) {
      this.change('place', e.detail.value[0] ?? '', { placeChoice: e.detail.value });
    },

    onPlaceText(e: Change<string>) {
      this.change('place', e.detail.value, { placeChoice: PLACES.some((p) => p.value === e.detail.value) ? [e.detail.value] : [] });
    },

    onTalker(e: Change<TalkerRole[]>) {
      if (e.detail.value[0]) this.change('talkerRole', e.detail.value[0]);
    },

    onMood(e: Change<number[]>) {
      this.change('mood', e.detail.value[0] ?? null);
    },

    onTopics(e: Change<TalkTopic[]>) {
      this.change('topics', e.detail.value);
    },

    onConcerns(e: Change<ConcernTag[]>) {
      this.change('concerns', e.detail.value);
    },

    onText(e: Change<string>) {
      this.change(e.currentTarget.dataset.field, e.detail.value);
    },

    onActions(e: WechatMiniprogram.CustomEvent<{ actions: TalkActionInput[] }>) {
      this.change('actions', e.detail.actions);
    },

    onFollowUps(e: WechatMiniprogram.CustomEvent<{ followUps: FollowUpInput[] }>) {
      this.change('followUps', e.detail.followUps);
    },

    async onSave() {
      if (this.data.busy) return;
      const all = compact(cardErrors(this.data.form, this.data.today, this.data.first));
      if (Object.keys(all).length) {
        this.setData({ errors: all, formError: '还有内容没有填好，请看标红的地方' });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        const res = await call('talks.record', cardInput(own(this).childId, this.data.form));
        const lines = [
          res.planDue ? `发现的问题需要个别教育管理方案：请在${dayLabel(res.planDue)}前制定。` : '',
          res.alertId ? '已向管理员和孩子的帮扶教师发出紧急预警，请尽快核实并按强制报告制度报告。' : '',
          res.sharedWith ? `小结已发给 ${res.sharedWith} 位家长/监护人。` : res.talk.familySummary ? '家长和监护人可以在孩子档案中看到这段小结。' : '',
        ].filter(Boolean);
        this.setData({
          saved: { title: `已保存${this.data.childName}${dayLabel(res.talk.date)}的谈心记录卡`, lines, planDue: !!res.planDue },
          talk: res.talk,
          mode: 'view',
        });
        wx.pageScrollTo?.({ scrollTop: 0, duration: 0 });
      } catch (err) {
        const { fields, form } = refusal(err, fieldOfPath);
        this.setData({ errors: { ...this.data.errors, ...fields }, formError: form || '请按提示修改后再保存' });
      } finally {
        this.setData({ busy: false });
      }
    },

    onMakePlan() {
      const childId = own(this).childId || this.data.talk?.childId;
      wx.navigateTo({ url: pageUrl('talkPlan', { childId }) });
    },

    onOpenAlert(e: WechatMiniprogram.CustomEvent<{ alertId: string }>) {
      wx.navigateTo({ url: pageUrl('talkAlert', { alertId: e.detail.alertId }) });
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
