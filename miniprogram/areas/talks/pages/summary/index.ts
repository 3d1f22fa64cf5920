/**
 * 期末总结 of a term help plan (?planId=): a draft written from the term's records (talks, family video and phone
 * calls, exam scores, plan reviews, help records) — or the summary as saved — for the teacher to edit, then save and
 * sign off. First screen: one helpPlans.draftSummary call.
 */
import type { SummaryDraft } from '../../../../../typings/actions/talks';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

function sourcesText(d: SummaryDraft): string {
  const s = d.sources;
  return `根据本学期的记录起草：谈心 ${s.talks} 次，亲情视频 ${s.videoCalls} 次（未接通 ${s.missedCalls} 次），亲情电话 ${s.phoneCalls} 次，考试 ${s.exams} 次，方案复查 ${s.reviews} 次，帮扶记录 ${s.records} 条。`;
}

const signedText = (d: SummaryDraft) => (d.saved?.signedOff ? `${d.saved.signedOff.byName}已于${beijingDateTime(d.saved.signedOff.at)}签字` : '尚未签字');

const own = instanceState(() => ({ planId: '', draft: null as SummaryDraft | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    title: '',
    sources: '',
    signed: '',
    text: '',
    version: 0,
    message: '',
    formError: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).planId = query.planId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const d = await call('helpPlans.draftSummary', { planId: own(this).planId });
        if (!screen.current()) return;
        own(this).draft = d;
        wx.setNavigationBarTitle?.({ title: `${d.childName} · 期末总结` });
        this.setData({
          state: 'ready',
          title: `${d.childName} ${d.term.name}期末总结`,
          sources: sourcesText(d),
          signed: signedText(d),
          text: d.saved?.text ?? d.draft,
          version: d.version,
        });
      });
    },

    onRetry() {
      this.load();
    },

    onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ text: e.detail.value, formError: '', message: '' });
    },

    onRedraft() {
      const d = own(this).draft;
      if (d) this.setData({ text: d.draft, message: '已按最新记录重新起草，保存后生效' });
    },

    async onSign() {
      const text = this.data.text.trim();
      if (!text) return this.setData({ formError: '请填写期末总结' });
      if (text.includes('（请老师填写）')) return this.setData({ formError: '请先填写“本学期的效果”，再签字' });
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const plan = await call('helpPlans.signSummary', { planId: own(this).planId, text, expectedVersion: this.data.version });
        const d = { ...own(this).draft!, saved: plan.summary, version: plan.version };
        own(this).draft = d;
        this.setData({ version: plan.version, signed: signedText(d), message: '期末总结已保存并签字' });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
