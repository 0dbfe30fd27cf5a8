// SPDX-License-Identifier: GPL-3.0-or-later
//
// The bookmark stars beside each question, updated in place so that
// the reader keeps their place. The labels come from the app, in the
// user's language.
//
// Runs in the app's own script world, never in the page's.

globalThis.rehearse ??= {};

rehearse.showStar = function (star, starred, label) {
  star.classList.toggle('active', starred);
  star.textContent = starred ? '★' : '☆';
  star.title = label;
  star.setAttribute('aria-label', label);
  star.setAttribute('aria-pressed', starred ? 'true' : 'false');
};

// One question's star; false when the page has no such question.
rehearse.setStarred = function (id, starred, label) {
  const star = document.getElementById('q-' + id)?.querySelector('.star');

  if (!star)
    return false;
  rehearse.showStar(star, starred, label);
  return true;
};

// Every star of the page at once: @starred lists the ids of the
// bookmarked questions. Returns how many stars changed.
rehearse.syncStars = function (starred, starredLabel, unstarredLabel) {
  const ids = new Set(starred);
  let changed = 0;

  for (const question of document.querySelectorAll('section.question')) {
    const star = question.querySelector('.star');
    const on = ids.has(question.id.slice(2));

    if (!star)
      continue;
    if (star.classList.contains('active') !== on)
      changed++;
    rehearse.showStar(star, on, on ? starredLabel : unstarredLabel);
  }

  return changed;
};
