// Test-only stand-in for TDesign's t-grid-item, like ../grid-item, that also shows the tile's badge: TDesign puts a
// t-badge with badgeProps.count (capped at maxCount, "99+") on the tile's icon. The real template cannot be read by
// miniprogram-simulate (object spread in attributes), so this renders the count as TDesign's badge does, in a node
// with TDesign's badge class, for tests that check what the badge shows.
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
