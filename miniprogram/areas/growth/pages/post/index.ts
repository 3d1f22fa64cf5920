/**
 * 动态详情: one post with its photos (tap: full screen) and a family's thread. A family writes to the teacher and
 * thanks them (谢谢老师); a teacher picks a family's thread to answer, publishes a post held for a look, or removes
 * it. ?id=<post>&childId=<child> (reminders open it so: the family's own thread, or the thread the teacher answers).
 */
import type { PostDetail, ReplyView, StaffPostView } from '../../../../../typings/actions/growth';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingLabel } from '../../../../services/time';
import { postRow, type PostRow } from '../../services/posts';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface ReplyRow extends ReplyView {
  when: string;
}

const own = instanceState(() => ({ postId: '', childId: '' }));
const rows = (replies: ReplyView[]): ReplyRow[] => replies.map((r) => ({ ...r, when: beijingLabel(r.at) }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    family: false,
    canManage: false,
    post: null as PostRow | null,
    held: false,
    threads: [] as StaffPostView['threads'],
    threadName: '',
    replies: [] as ReplyRow[],
    draft: '',
    sending: false,
    message: '',
    confirmRemove: false,
    busy: false,
  },

  methods: {
    onLoad(query: { id?: string; childId?: string }) {
      own(this).postId = query.id ?? '';
      own(this).childId = query.childId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const { postId, childId } = own(this);
        const detail: PostDetail = await call('posts.get', childId ? { postId, childId } : { postId });
        if (!screen.current()) return;
        const staff = detail.viewAs === 'staff';
        this.setData({
          state: 'ready',
          family: !staff,
          canManage: detail.canManage,
          post: postRow(detail.post),
          held: staff && (detail.post as StaffPostView).status === 'held',
          threads: staff ? (detail.post as StaffPostView).threads : [],
          threadName: detail.thread?.childName ?? '',
          replies: rows(detail.thread?.replies ?? []),
        });
      });
    },

    onRetry() {
      this.load();
    },

    onThread(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      own(this).childId = e.currentTarget.dataset.id;
      this.load();
    },

    onDraft(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ draft: e.detail.value, message: '' });
    },

    async onSend() {
      const text = this.data.draft.trim();
      if (!text || this.data.sending) return;
      this.setData({ sending: true, message: '' });
      try {
        const { reply } = await call('replies.create', { postId: own(this).postId, childId: own(this).childId, text });
        this.setData({ sending: false, draft: '', replies: [...this.data.replies, ...rows([reply])], message: this.data.family ? '已发给老师' : '已回复家长' });
      } catch (err) {
        this.setData({ sending: false, message: errorMessage(err) });
      }
    },

    async onLike(e: WechatMiniprogram.CustomEvent<{ liked: boolean }>) {
      try {
        const res = await call('posts.like', { postId: own(this).postId, childId: own(this).childId, liked: e.detail.liked });
        this.setData({ post: { ...(this.data.post as PostRow), liked: res.liked, likes: res.likes } });
      } catch (err) {
        this.setData({ message: errorMessage(err) });
      }
    },

    async onPublish() {
      this.setData({ busy: true });
      try {
        await call('posts.publish', { postId: own(this).postId });
        this.setData({ busy: false, held: false, post: { ...(this.data.post as PostRow), held: false }, message: '已发布，家长现在能看到了' });
      } catch (err) {
        this.setData({ busy: false, message: errorMessage(err) });
      }
    },

    onAskRemove() {
      this.setData({ confirmRemove: true });
    },

    onCancelRemove() {
      this.setData({ confirmRemove: false });
    },

    async onRemove() {
      this.setData({ busy: true });
      try {
        await call('posts.remove', { postId: own(this).postId });
        this.setData({ busy: false, confirmRemove: false });
        wx.navigateBack();
      } catch (err) {
        this.setData({ busy: false, confirmRemove: false, message: errorMessage(err) });
      }
    },
  },
});
