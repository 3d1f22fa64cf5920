/**
 * A mouse (or a test's click) on the phone screen as a finger: mousedown / mousemove / mouseup become touchstart /
 * touchmove / touchend on the same target, which the renderer turns into tap and longpress and TDesign's components
 * read for swipes and drags. A real touch screen is left alone.
 *
 * Also the "user gesture" WeChat requires for some APIs (requestSubscribeMessage): active while a tap is handled,
 * until the browser's current task ends.
 */
let gesture = false;

export function gestureActive(): boolean {
  return gesture;
}

function markGesture(): void {
  gesture = true;
  setTimeout(() => (gesture = false), 0);
}

interface FakeTouch {
  identifier: number;
  target: EventTarget;
  clientX: number;
  clientY: number;
  pageX: number;
  pageY: number;
  screenX: number;
  screenY: number;
  force: number;
}

function touchEvent(type: string, target: EventTarget, touch: FakeTouch, ended: boolean): Event {
  const e = new Event(type, { bubbles: true, cancelable: true, composed: true });
  const list = ended ? [] : [touch];
  Object.defineProperties(e, { touches: { value: list }, targetTouches: { value: list }, changedTouches: { value: [touch] } });
  return e;
}

/** Turn mouse input on `screen` into touch input; `onPullDown(dy)` gets the drag distance of a pull at the top. */
export function mouseAsTouch(screen: HTMLElement, scrollerAt: (target: EventTarget) => HTMLElement | null, onPull: (dy: number, done: boolean) => void): void {
  let start: { target: EventTarget; x: number; y: number; pulling: boolean } | null = null;
  const touch = (e: MouseEvent, target: EventTarget): FakeTouch => ({
    identifier: 1,
    target,
    clientX: e.clientX,
    clientY: e.clientY,
    pageX: e.pageX,
    pageY: e.pageY,
    screenX: e.screenX,
    screenY: e.screenY,
    force: 1,
  });
  screen.addEventListener(
    'mousedown',
    (e) => {
      if (e.button !== 0 || !e.target) return;
      const scroller = scrollerAt(e.target);
      start = { target: e.target, x: e.clientX, y: e.clientY, pulling: !!scroller && scroller.scrollTop <= 0 };
      e.target.dispatchEvent(touchEvent('touchstart', e.target, touch(e, e.target), false));
    },
    true,
  );
  window.addEventListener(
    'mousemove',
    (e) => {
      if (!start) return;
      start.target.dispatchEvent(touchEvent('touchmove', start.target, touch(e, start.target), false));
      if (start.pulling) onPull(e.clientY - start.y, false);
    },
    true,
  );
  window.addEventListener(
    'mouseup',
    (e) => {
      if (!start) return;
      const s = start;
      start = null;
      markGesture();
      s.target.dispatchEvent(touchEvent('touchend', s.target, touch(e, s.target), true));
      if (s.pulling) onPull(e.clientY - s.y, true);
    },
    true,
  );
  // a tap on a real touch screen is a gesture too
  screen.addEventListener('touchend', (e) => e.isTrusted && markGesture(), true);
}
