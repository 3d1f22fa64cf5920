/**
 * <care-network>: a child's 关爱网络: the mentor teacher, the hand-in-hand friends, the proxy parents (each since
 * when), and the pairings that have ended. Staff get 结束结对 beside each current one: it emits `end` { id, name }
 * (the page asks first, then ends it).
 */
import props from './props';

Component({
  properties: props,

  methods: {
    onEnd(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      this.triggerEvent('end', { id, name });
    },
  },
});
