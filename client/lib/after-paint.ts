/**
 * Resolves once the browser has painted the current frame (in Node, on the next macrotask):
 * work awaited here stays off the path to the first picture.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const later = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(later);
    else later();
  });
}
