/**
 * One post: tag, who and when, the text, up to nine photos (tap: full screen), thanks and messages. Emits `open`
 * (the post page), `like` (family) with the post id; a photo tap previews the post's photos itself.
 */
import props from './props';
import { previewPhotos } from '../../services/photos';

Component({
  properties: props,
  methods: {
    onOpen() {
      const post = this.data.post as { id: string } | null;
      if (post) this.triggerEvent('open', { id: post.id });
    },
    onLike() {
      const post = this.data.post as { id: string; liked: boolean } | null;
      if (post) this.triggerEvent('like', { id: post.id, liked: !post.liked });
    },
    onPhoto(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      const post = this.data.post as { photos: string[] } | null;
      if (post) previewPhotos(post.photos, e.currentTarget.dataset.url);
    },
  },
});
