import { describe, expect, it } from 'vitest';
import { keepActiveDescendantsValid } from './monacoAria';

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('keepActiveDescendantsValid', () => {
  it("points the suggestion list's active descendant at the focused row, as the row is named", async () => {
    const root = document.createElement('div');
    root.innerHTML = `
      <div class="monaco-list" role="listbox">
        <div role="option" data-index="0" id="suggest-aria-id:0">deduplicate</div>
        <div role="option" data-index="1" id="suggest-aria-id:1">filter</div>
      </div>
      <textarea aria-activedescendant="suggest-aria-id:1"></textarea>`;
    document.body.append(root);
    const stop = keepActiveDescendantsValid(root);
    const list = root.querySelector('[role=listbox]')!;

    list.setAttribute('aria-activedescendant', 'list_id_1_0');
    await settled();
    expect(list.getAttribute('aria-activedescendant')).toBe('suggest-aria-id:0');

    list.setAttribute('aria-activedescendant', 'list_id_1_1');
    await settled();
    expect(list.getAttribute('aria-activedescendant')).toBe('suggest-aria-id:1');
    // a reference that resolves is left as it is
    expect(root.querySelector('textarea')!.getAttribute('aria-activedescendant')).toBe('suggest-aria-id:1');

    stop();
    list.setAttribute('aria-activedescendant', 'list_id_1_0');
    await settled();
    expect(list.getAttribute('aria-activedescendant')).toBe('list_id_1_0');
    root.remove();
  });
});
