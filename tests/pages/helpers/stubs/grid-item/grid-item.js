// Test-only stand-in for TDesign's t-grid-item, whose template uses object spread ({ ...badgeProps }) that
// miniprogram-simulate's expression parser cannot read. Same properties the app uses, same `click` event,
// and the same text/description nodes (class names as TDesign's), so tests read and tap what users see.
// The tile's badge is drawn as TDesign does it (badgeProps.count, capped at maxCount as "99+", in a node with
// TDesign's badge class), so tests can check what the badge shows (the 消息中心 unread count on home).
Component({
  options: { virtualHost: true, multipleSlots: true },
  properties: {
    text: { type: String, value: '' },
    description: { type: String, value: '' },
    icon: { type: null, value: null },
    url: { type: String, value: '' },
    badgeProps: { type: Object, value: null },
  },
  methods: {
    onClick(e) {
      this.triggerEvent('click', e.detail);
    },
  },
});
