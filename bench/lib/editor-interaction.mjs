// Responsiveness of an open workflow while a person pans the canvas and drags a step: the frames
// the page drew during each gesture, from requestAnimationFrame timestamps. A frame interval near
// 16.7 ms is a smooth 60 Hz; a long one is a stall the person sees. Used by bench/editor.mjs, which
// runs it on the 300-node workflow and on the 3-node one (the baseline) in the same run.

const MOVES = 40;
const STEP_PX = 6;

const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};

/** A point on the canvas where a press lands on the empty pane (or on a step, with `onNode`), inside the viewport. */
async function findPoint(page, onNode) {
  return page.evaluate((wantNode) => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return null;
    const hit = (x, y) => {
      const el = document.elementFromPoint(x, y);
      return wantNode ? el?.closest('.react-flow__node') !== null && el?.closest('.react-flow__handle') === null : el?.classList.contains('react-flow__pane');
    };
    // Keep 80 px from the pane's edges so the gesture stays on the canvas while it moves.
    for (let y = pane.top + 80; y < pane.bottom - 80; y += 12) {
      for (let x = pane.left + 80; x < pane.right - 80; x += 12) if (hit(x, y)) return { x, y };
    }
    return null;
  }, onNode);
}

/** Presses at `from`, moves in small steps as a hand would, releases; returns the frame intervals drawn meanwhile. */
async function gesture(page, from) {
  await page.evaluate(() => {
    const w = /** @type {Record<string, unknown>} */ (window);
    w.__benchFrames = [];
    w.__benchRecording = true;
    let last = performance.now();
    const tick = (t) => {
      w.__benchFrames.push(t - last);
      last = t;
      if (w.__benchRecording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) await page.mouse.move(from.x + i * STEP_PX, from.y + (i % 2) * STEP_PX);
  await page.mouse.up();
  const wallMs = Date.now() - started;
  const frames = await page.evaluate(() => {
    window.__benchRecording = false;
    return window.__benchFrames.slice(1);
  });
  return { wallMs, frames };
}

const describeFrames = ({ wallMs, frames }) => ({
  wallMs,
  frames: frames.length,
  p95FrameMs: Math.round(percentile(frames, 95) * 10) / 10,
  longestFrameMs: Math.round(Math.max(0, ...frames) * 10) / 10,
});

/** Pans the canvas, then drags one step, on the workflow open in `page`; null for a gesture with no place to start. */
export async function measureInteraction(page) {
  const panFrom = await findPoint(page, false);
  const pan = panFrom ? describeFrames(await gesture(page, panFrom)) : null;
  const nodeAt = await findPoint(page, true);
  const drag = nodeAt ? describeFrames(await gesture(page, nodeAt)) : null;
  return { pan, drag };
}
