/**
 * Monaco's suggestion list points `aria-activedescendant` at an id its rows do not carry (the row
 * of suggestion N is `suggest-aria-id:N`, the list names `list_id_M_N`), so assistive technology
 * cannot find the focused suggestion. This keeps every such reference under `root` pointing at
 * the row itself. Returns what stops it.
 */
export function keepActiveDescendantsValid(root: HTMLElement): () => void {
  const fix = () => {
    for (const owner of root.querySelectorAll('[aria-activedescendant]')) {
      const id = owner.getAttribute('aria-activedescendant')!;
      if (root.ownerDocument.getElementById(id)) continue;
      const index = /_(\d+)$/.exec(id)?.[1];
      const row = index === undefined ? null : owner.querySelector(`[role="option"][data-index="${index}"]`);
      if (row?.id) owner.setAttribute('aria-activedescendant', row.id);
    }
  };
  const observer = new MutationObserver(fix);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-activedescendant'] });
  return () => observer.disconnect();
}
