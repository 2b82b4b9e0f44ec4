/** A tiny element builder: h('div', {class: 'x'}, child, 'text'). The page needs no framework for this. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  el.append(...children);
  return el;
}

/** Restarts a CSS animation class (a price that moves twice flashes twice). */
export function flash(el: HTMLElement, className: string, others: readonly string[]): void {
  el.classList.remove(className, ...others);
  void el.offsetWidth; // a reflow between remove and add restarts the animation
  el.classList.add(className);
}
