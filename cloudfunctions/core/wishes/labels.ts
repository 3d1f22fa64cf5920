/** The names pages show for cards and works (generated into miniprogram/generated/ at build time). */
import type { CardDesign, ModerationStatus, WorkKind } from '../../../typings/actions/birthdays';

/** The card designs (贺卡样式): a name and a TDesign icon each. */
export const CARD_DESIGNS: Record<CardDesign, { label: string; icon: string }> = {
  cake: { label: '生日蛋糕', icon: 'cake' },
  gift: { label: '小礼物', icon: 'gift' },
  star: { label: '闪亮星星', icon: 'star' },
  rainbow: { label: '彩虹', icon: 'rainbow' },
  smile: { label: '送微笑', icon: 'smile' },
};

export const WORK_KINDS: Record<WorkKind, string> = {
  declaration: '爱心宣言',
  poster: '爱心牌图',
  board: '爱心宣传栏',
};

/** As the writer reads the state of what they wrote. */
export const STATUS_LABELS: Record<ModerationStatus, string> = {
  pending: '等老师看过',
  approved: '已送达',
  rejected: '老师没有通过',
};

/** The most a card says (字, characters as people count them). */
export const CARD_MAX_CHARS = 100;
export const WORK_TITLE_MAX_CHARS = 20;
export const WORK_MAX_CHARS = 300;
