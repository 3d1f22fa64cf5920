/**
 * 班级照片 (parent, guardian): may the child appear, by photo or name, in posts every family of the class sees?
 * The notice in plain words, the current answer, and 同意 / 不同意 (photoConsent.record in WeChat). ?childId=.
 */
import type { PrivacyNotice } from '../../../../../typings/actions/accounts';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
const STATUS = { granted: '您已同意', refused: '您没有同意', none: '您还没有选择' };

const own = instanceState(() => ({ childId: '', version: '' }));

Component({
  data: { state: 'loading' as State, errorMessage: '', childName: '', notice: null as PrivacyNotice | null, status: '', at: '', busy: false, message: '' },

  methods: {
    onLoad(query: { childId?: string }) {
      own(this).childId = query.childId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const res = await call('photoConsent.get', { childId: own(this).childId });
        if (!screen.current()) return;
        own(this).version = res.notice.version;
        this.setData({ state: 'ready', childName: res.childName, notice: res.notice, status: STATUS[res.consent.status], at: beijingDateTime(res.consent.at) });
      });
    },

    onRetry() {
      this.load();
    },

    async decide(decision: 'granted' | 'refused') {
      this.setData({ busy: true, message: '' });
      try {
        const consent = await call('photoConsent.record', { childId: own(this).childId, decision, noticeVersion: own(this).version, method: 'wechat' });
        this.setData({
          busy: false,
          status: STATUS[consent.status],
          at: beijingDateTime(consent.at),
          message: decision === 'granted' ? '谢谢您，已记下' : '已记下：班级动态里不会出现孩子的照片和名字',
        });
      } catch (err) {
        this.setData({ busy: false, message: errorMessage(err) });
      }
    },

    onGrant() {
      this.decide('granted');
    },

    onRefuse() {
      this.decide('refused');
    },
  },
});
