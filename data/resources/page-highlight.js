// SPDX-License-Identifier: GPL-3.0-or-later
//
// Marks every word of a search in the page's text, the way search
// results are shown: case and accents do not matter, and a word also
// matches the start of a longer one, as the index does.
//
// Runs in the app's own script world, never in the page's: the page
// itself carries no script.

globalThis.rehearse ??= {};

rehearse.highlight = function (query) {
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = fold(query).split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length > 0);

  document.querySelectorAll('mark.search-hit').forEach((m) => m.replaceWith(...m.childNodes));
  if (words.length === 0)
    return 0;

  const escape = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // In a string literal \p is a plain p: this class is [^p{L}N_], not
  // Unicode's letters and digits, so a word also matches inside a longer
  // one after any other letter.
  const pattern = new RegExp('(^|[^\p{L}\p{N}_])(' + words.map(escape).join('|') + ')', 'gu');
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  const nodes = [];
  let count = 0;

  while (walker.nextNode())
    nodes.push(walker.currentNode);

  for (const node of nodes) {
    const text = node.nodeValue;
    const folded = fold(text);
    const parts = [];
    let last = 0, m;

    // Folding that changes the length would shift every offset.
    if (folded.length !== text.length)
      continue;

    pattern.lastIndex = 0;
    while ((m = pattern.exec(folded)) !== null) {
      const start = m.index + m[1].length, end = start + m[2].length;
      const mark = document.createElement('mark');

      parts.push(document.createTextNode(text.slice(last, start)));
      mark.className = 'search-hit';
      mark.textContent = text.slice(start, end);
      parts.push(mark);
      last = end;
      count++;
    }

    if (parts.length === 0)
      continue;
    parts.push(document.createTextNode(text.slice(last)));
    node.replaceWith(...parts);
  }

  return count;
};
