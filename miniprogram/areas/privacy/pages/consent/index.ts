/**
 * 隐私与同意：学校的《儿童个人信息保护告知书》（privacy.notice），以及
 *   - 家长/监护人：自己每个孩子的同意情况（consent.get），在小程序中同意、不同意或撤回（consent.record，method wechat）；
 *   - 班主任：登记家长签字的纸质同意书（选孩子、签字人、关系、意见；consent.record，method paper）。
 * 首屏：privacy.notice 与 whoami 一起发出，再取各个孩子的同意情况。孩子信息加载前先过微信隐私授权（privacy-gate）。
 */
import type { ConsentView, PrivacyNotice } from '../../../../../typings/actions/accounts';
import type { BindingView } from '../../../../../typings/actions/system';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { privacyReady } from '../../../../services/privacy';
import { bindingFor } from '../../../../services/session';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';
type Decision = 'granted' | 'refused';

const STATUS: Record<ConsentView['status'], { label: string; theme: string }> = {
  granted: { label: '已同意', theme: 'success' },
  refused: { label: '未同意', theme: 'danger' },
  none: { label: '尚未确认', theme: 'warning' },
};

interface ChildCard {
  childId: string;
  title: string;
  status: ConsentView['status'];
  statusLabel: string;
  statusTheme: string;
  detail: string;
}

interface Option {
  label: string;
  value: string;
  content?: string;
}

function card(childId: string, title: string, consent: ConsentView): ChildCard {
  const s = STATUS[consent.status] ?? STATUS.none;
  const how = consent.method === 'paper' ? '纸质同意书' : '微信确认';
  const detail =
    consent.status === 'none' || !consent.at
      ? '请阅读上面的告知书后选择是否同意'
      : `${beijingDateTime(consent.at)} ${how}${consent.status === 'granted' ? '同意' : '不同意'}`;
  return { childId, title, status: consent.status, statusLabel: s.label, statusTheme: s.theme, detail };
}

/** The children the caller is a parent or guardian of, once each. */
function familyChildren(bindings: BindingView[]): { childId: string; title: string }[] {
  const seen = new Set<string>();
  const out: { childId: string; title: string }[] = [];
  for (const b of bindings) {
    if ((b.role !== 'parent' && b.role !== 'guardian') || !b.childId || seen.has(b.childId)) continue;
    seen.add(b.childId);
    out.push({ childId: b.childId, title: b.label || b.childId });
  }
  return out;
}

function consentNote(status: ConsentView['status']): string {
  return STATUS[status]?.label ?? '';
}

type Tap = WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { child?: string; decision?: Decision }>;
type Change = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    notice: { version: '', title: '', paragraphs: [] } as PrivacyNotice,
    children: [] as ChildCard[],
    busyChild: '',
    message: '',
    messageError: false,

    teacherClassId: '',
    paperOpen: false,
    paperLoading: false,
    paperChildren: [] as Option[],
    paper: { childId: '', signerName: '', signerRelation: '', decision: 'granted' as Decision },
    decisionOptions: [
      { label: '同意', value: 'granted' },
      { label: '不同意', value: 'refused' },
    ] as Option[],
    paperError: '',
    paperSubmitting: false,
  },

  methods: {
    onLoad() {
      this.load();
    },

    load() {
      return loadScreen(this, async () => {
        await privacyReady();
        const [notice, me] = await Promise.all([call('privacy.notice', {}), call('whoami', {})]);
        const kids = familyChildren(me.bindings);
        const consents = await Promise.all(kids.map((k) => call('consent.get', { childId: k.childId })));
        const teacher = bindingFor(me.bindings, ['teacher']);
        this.setData({
          state: 'ready',
          notice,
          children: kids.map((k, i) => card(k.childId, k.title, consents[i])),
          teacherClassId: teacher?.classId ?? '',
        });
      });
    },

    onRetry() {
      this.load();
    },

    say(message: string, error = false) {
      this.setData({ message, messageError: error });
    },

    /** A parent or guardian decides for one child, in WeChat. */
    async onDecide(e: Tap) {
      const { child, decision } = e.currentTarget.dataset;
      if (!child || (decision !== 'granted' && decision !== 'refused') || this.data.busyChild) return;
      this.setData({ busyChild: child, message: '' });
      try {
        const consent = await call('consent.record', {
          childId: child,
          decision,
          noticeVersion: this.data.notice.version,
          method: 'wechat',
        });
        const children = this.data.children.map((c) => (c.childId === child ? card(c.childId, c.title, consent) : c));
        const title = children.find((c) => c.childId === child)?.title ?? '';
        this.setData({ children });
        this.say(
          decision === 'granted'
            ? `已记录：您同意学校记录${title ? `（${title}）` : ''}孩子的信息`
            : `已记录：您不同意${title ? `（${title}）` : ''}，学校将不再记录孩子的新信息`,
        );
      } catch (err) {
        this.say(errorMessage(err), true);
      } finally {
        this.setData({ busyChild: '' });
      }
    },

    // ---- teacher: a signed paper form ----

    async onOpenPaper() {
      this.setData({ paperOpen: true, paperLoading: true, paperError: '' });
      try {
        const roster = await call('archive.roster', { classId: this.data.teacherClassId });
        this.setData({ paperChildren: roster.rows.map((r) => ({ label: r.name, value: r.id, content: consentNote(r.consent) })) });
      } catch (err) {
        this.setData({ paperError: errorMessage(err) });
      } finally {
        this.setData({ paperLoading: false });
      }
    },

    onClosePaper() {
      this.setData({ paperOpen: false, paperError: '' });
    },

    onPaperChild(e: Change) {
      this.setData({ 'paper.childId': e.detail.value, paperError: '' });
    },

    onSignerName(e: Change) {
      this.setData({ 'paper.signerName': String(e.detail.value ?? ''), paperError: '' });
    },

    onSignerRelation(e: Change) {
      this.setData({ 'paper.signerRelation': String(e.detail.value ?? ''), paperError: '' });
    },

    onPaperDecision(e: Change) {
      this.setData({ 'paper.decision': e.detail.value === 'refused' ? 'refused' : 'granted' });
    },

    async onSubmitPaper() {
      if (this.data.paperSubmitting) return;
      const { childId, decision } = this.data.paper;
      const signerName = this.data.paper.signerName.trim();
      const signerRelation = this.data.paper.signerRelation.trim();
      const missing = !childId ? '请选择孩子' : !signerName ? '请填写签字人姓名' : !signerRelation ? '请填写签字人与孩子的关系' : '';
      if (missing) {
        this.setData({ paperError: missing });
        return;
      }
      this.setData({ paperSubmitting: true, paperError: '' });
      try {
        const consent = await call('consent.record', {
          childId,
          decision,
          noticeVersion: this.data.notice.version,
          method: 'paper',
          signerName,
          signerRelation,
        });
        const name = this.data.paperChildren.find((c) => c.value === childId)?.label ?? '';
        this.setData({
          paperChildren: this.data.paperChildren.map((c) => (c.value === childId ? { ...c, content: consentNote(consent.status) } : c)),
          paper: { childId: '', signerName: '', signerRelation: '', decision: 'granted' },
        });
        this.say(`已登记${name}的纸质同意书：${signerName}（${signerRelation}）${decision === 'granted' ? '同意' : '不同意'}`);
      } catch (err) {
        this.setData({ paperError: errorMessage(err) });
      } finally {
        this.setData({ paperSubmitting: false });
      }
    },
  },
});
