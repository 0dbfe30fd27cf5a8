// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the page view asks of an open page: its colours, where it is
// scrolled to, and which question is at the top; and what the page
// tells the view by itself: where the reader stopped scrolling.
//
// Runs in the app's own script world, never in the page's.

globalThis.rehearse ??= {};

rehearse.setDark = function (dark) {
  document.documentElement.className = dark ? 'dark' : 'light';
};

// While the find bar is open: the current match is drawn apart.
rehearse.setFinding = function (finding) {
  document.documentElement.toggleAttribute('data-finding', finding);
};

// A search that found nothing leaves nothing selected, and nothing of
// the marks of the last one: WebKit repaints less than it marked, so
// the whole page is painted again, once.
rehearse.clearFind = function () {
  window.getSelection().removeAllRanges();
  document.body.style.opacity = '0.999';
  requestAnimationFrame(() => requestAnimationFrame(() => document.body.style.removeProperty('opacity')));
};

rehearse.scrollTo = function (y) {
  window.scrollTo(0, y);
};

rehearse.scrollY = function () {
  return window.scrollY;
};

// The first question whose section is still on screen.
rehearse.topQuestion = function () {
  for (const q of document.querySelectorAll('section.question')) {
    if (q.getBoundingClientRect().bottom > 8)
      return q.id.slice(2);
  }
  return null;
};

// Once the reader has stopped scrolling for half a second, the view
// hears where: often enough to reopen there, rarely enough to cost
// nothing while scrolling.
rehearse.scrollTimer = 0;
window.addEventListener('scroll', () => {
  clearTimeout(rehearse.scrollTimer);
  rehearse.scrollTimer = setTimeout(() => {
    window.webkit.messageHandlers.scrolled.postMessage(window.scrollY);
  }, 500);
}, { passive: true });
