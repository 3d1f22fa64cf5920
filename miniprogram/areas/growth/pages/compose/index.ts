/**
 * 发动态 (teacher): to one child's family or to every family of the class; text, up to nine photos (picked
 * compressed, uploaded to the slots the server hands out), an activity tag. In a class post only children whose
 * family agreed may appear; the others are shown but cannot be picked (the server checks it too).
 * First screen: posts.composer (?classId= or ?childId=; none: the class teacher's class).
 */
import type { ComposerView, GrowthTag } from '../../../../../typings/actions/growth';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { pageUrl } from '../../../../services/routes';
import { loadScreen } from '../../../../services/screen';
import { MAX_PHOTO_BYTES, pickPhotos, uploadPhotos, type PickedPhoto } from '../../services/photos';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Change<T> = WechatMiniprogram.CustomEvent<{ value: T }>;

const own = instanceState(() => ({ query: {} as { classId?: string; childId?: string }, photos: [] as PickedPhoto[], view: null as ComposerView | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    className: '',
    audience: 'child' as 'child' | 'class',
    audiences: [] as { label: string; value: string }[],
    childId: '',
    childOptions: [] as { label: string; value: string }[],
    showOptions: [] as { label: string; value: string; disabled: boolean }[],
    shows: [] as string[],
    tag: 'life' as GrowthTag,
    tagOptions: [] as { label: string; value: string }[],
    text: '',
    maxText: 1000,
    photos: [] as string[],
    maxPhotos: 9,
    sending: false,
    progress: '',
    message: '',
  },

  methods: {
    onLoad(query: { classId?: string; childId?: string }) {
      own(this).query = query;
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const view = await call('posts.composer', own(this).query);
        if (!screen.current()) return;
        own(this).view = view;
        const agreed = (s: string) => (s === 'granted' ? '' : s === 'refused' ? '（家长不同意）' : '（家长未同意）');
        this.setData({
          state: 'ready',
          className: view.schoolClass.name,
          audiences: [{ label: '只发给一个孩子的家长', value: 'child' }, ...(view.canPostToClass ? [{ label: '发给全班家长', value: 'class' }] : [])],
          childId: own(this).query.childId ?? (view.children.length === 1 ? view.children[0].childId : ''),
          childOptions: view.children.map((c) => ({ label: c.name, value: c.childId })),
          showOptions: view.children.map((c) => ({ label: `${c.name}${agreed(c.photoConsent)}`, value: c.childId, disabled: c.photoConsent !== 'granted' })),
          tagOptions: view.tags,
          maxText: view.limits.text,
          maxPhotos: view.limits.photos,
        });
      });
    },

    onRetry() {
      this.load();
    },

    onAudience(e: Change<'child' | 'class'>) {
      this.setData({ audience: e.detail.value, message: '' });
    },
    onChild(e: Change<string>) {
      this.setData({ childId: e.detail.value, message: '' });
    },
    onShows(e: Change<string[]>) {
      this.setData({ shows: e.detail.value });
    },
    onTag(e: Change<GrowthTag>) {
      this.setData({ tag: e.detail.value });
    },
    onText(e: Change<string>) {
      this.setData({ text: e.detail.value, message: '' });
    },

    async onAddPhotos() {
      const room = this.data.maxPhotos - own(this).photos.length;
      if (room <= 0) return;
      try {
        const picked = await pickPhotos(room);
        const tooBig = picked.filter((p) => p.size > MAX_PHOTO_BYTES).length;
        own(this).photos = [...own(this).photos, ...picked.filter((p) => p.size <= MAX_PHOTO_BYTES)].slice(0, this.data.maxPhotos);
        this.setData({ photos: own(this).photos.map((p) => p.path), message: tooBig ? `有 ${tooBig} 张照片超过 5 MB，没有加入` : '' });
      } catch (err) {
        this.setData({ message: errorMessage(err) });
      }
    },

    onRemovePhoto(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      own(this).photos = own(this).photos.filter((_, i) => i !== Number(e.currentTarget.dataset.index));
      this.setData({ photos: own(this).photos.map((p) => p.path) });
    },

    async onSend() {
      const { audience, childId, text, tag, shows } = this.data;
      if (audience === 'child' && !childId) return this.setData({ message: '请选择发给哪个孩子的家长' });
      if (!text.trim()) return this.setData({ message: '请写几句话' });
      const view = own(this).view as ComposerView;
      const place = audience === 'child' ? { childId } : { classId: view.schoolClass.id };
      this.setData({ sending: true, message: '' });
      try {
        const photos = await uploadPhotos(place, own(this).photos, (done, total) => this.setData({ progress: `正在上传照片 ${done}/${total}` }));
        const res = await call('posts.create', { ...place, tag, text, photos, ...(audience === 'class' ? { shows } : {}) });
        this.setData({ sending: false, progress: '' });
        wx.showToast({ title: res.status === 'published' ? '已发出' : '待确认', icon: 'success' });
        wx.redirectTo({ url: pageUrl('growthPost', { id: res.postId }) });
      } catch (err) {
        this.setData({ sending: false, progress: '', message: errorMessage(err) });
      }
    },
  },
});
