// Test-only stand-in for TDesign's t-badge, whose template uses ES6 shorthand ({dot,count}) that
// miniprogram-simulate's expression parser cannot read. Renders its content only.
Component({ options: { virtualHost: true } });
