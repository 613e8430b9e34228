/**
 * Like WordPress's comment-reply.js: a Reply link moves the form under its comment instead of
 * reloading the page. Without this script the same link (`?replytocom=ID#respond`) reloads and the
 * server renders the form with its parent set, which this script then moves into place too.
 * Plain ES2017, no framework, served as a hashed file (the CSP allows no inline script).
 */
export const js = `(function () {
  'use strict';
  var respond = document.getElementById('respond');
  var form = document.getElementById('commentform');
  var summary = document.getElementById('error-summary');
  if (!respond || !form || !respond.after) return;
  var parent = form.elements.namedItem('comment_parent');
  var title = document.getElementById('reply-title');
  var cancel = document.getElementById('cancel-reply');
  var home = document.createElement('div');
  home.hidden = true;
  respond.before(home);

  function place(id, heading) {
    var item = document.getElementById('comment-' + id);
    var body = item && item.querySelector('article');
    if (!body) return false;
    body.after(respond);
    parent.value = id;
    title.textContent = heading;
    cancel.hidden = false;
    return true;
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a') : null;
    if (!link) return;
    if (link.classList.contains('comment-reply-link')) {
      if (!place(link.getAttribute('data-comment'), link.getAttribute('data-title'))) return;
    } else if (link.id === 'cancel-comment-reply-link') {
      home.after(respond);
      parent.value = '0';
      title.textContent = respond.getAttribute('data-title');
      cancel.hidden = true;
    } else {
      return;
    }
    event.preventDefault();
    form.elements.namedItem('comment').focus();
  });

  var moved = parent.value !== '0' && place(parent.value, title.textContent);
  // Focus after the move: moving a focused element drops its focus.
  if (summary) summary.focus();
  else if (moved && location.hash === '#respond') respond.scrollIntoView();
})();
`;
