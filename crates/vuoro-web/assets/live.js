// Live updates for boards, projectors and phones. The pages work without this script (forms,
// then a reload); with it, notes appear as they are written and a moved session reloads itself.
// It builds note elements with textContent only, so a note can never inject markup.
(function () {
  'use strict';
  // The note-taker's keys: Alt+1 … Alt+9 tag the next note with that question of the stage.
  var tag = document.getElementById('q');
  if (tag && document.querySelector('form.scribe')) {
    document.addEventListener('keydown', function (e) {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      var n = parseInt(e.key, 10);
      if (n >= 1 && n <= tag.options.length) {
        tag.selectedIndex = n - 1;
        e.preventDefault();
      }
    });
  }
  // Counters under note fields: how many characters of the limit are used, and the limit's
  // message once the text is over it. The server refuses (and keeps) a longer text anyway;
  // this only says so while typing, instead of the browser cutting the text without a word.
  Array.prototype.forEach.call(document.querySelectorAll('[data-counter]'), function (out) {
    var field = document.getElementById(out.getAttribute('data-counter'));
    if (!field) return;
    var max = parseInt(field.getAttribute('data-max'), 10);
    var lang = document.documentElement.lang || undefined;
    var fmt = function (n) {
      try {
        return n.toLocaleString(lang);
      } catch (err) {
        return String(n);
      }
    };
    var update = function () {
      // Characters as the server counts them: code points of the trimmed text.
      var used = Array.from(field.value.trim()).length;
      var over = used > max;
      out.textContent = fmt(used) + ' / ' + fmt(max) + (over ? ' ' + out.getAttribute('data-over') : '');
      out.classList.toggle('error', over);
      if (over) field.setAttribute('aria-invalid', 'true');
      else field.removeAttribute('aria-invalid');
    };
    field.addEventListener('input', update);
    update();
  });
  var root = document.querySelector('[data-live]');
  if (!root) return;

  var timer = document.querySelector('[data-remaining-ms]');
  if (timer && timer.getAttribute('data-running') === '1') {
    var ends = Date.now() + parseInt(timer.getAttribute('data-remaining-ms'), 10);
    var tick = function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      timer.textContent = Math.floor(left / 60) + ':' + ('0' + (left % 60)).slice(-2);
    };
    tick();
    setInterval(tick, 1000);
  }

  if (!window.EventSource) return;
  var base = root.getAttribute('data-live');
  var url = base + (base.indexOf('?') < 0 ? '?' : '&') + 'after=' + (root.getAttribute('data-after') || '0');
  var source = new EventSource(url);
  var list = document.getElementById('board');
  var cards = root.getAttribute('data-cards');

  // Parts of a page that the server renders again when they change (an open space's topics,
  // picks and schedule): fetched and swapped in, so that nobody loses what they are typing. A
  // part that holds the focus waits until the focus leaves it.
  var parts = Array.prototype.slice.call(document.querySelectorAll('[data-refresh]'));
  var busy = function (el) {
    return el.contains(document.activeElement) && document.activeElement !== document.body;
  };
  var fetchPart = function (el) {
    if (busy(el)) {
      el.setAttribute('data-stale', '1');
      return;
    }
    el.removeAttribute('data-stale');
    fetch(el.getAttribute('data-refresh'), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        // The person may have started typing while the part was on its way: their text wins,
        // and the part comes again when the focus leaves it.
        if (busy(el)) el.setAttribute('data-stale', '1');
        else el.innerHTML = html;
      })
      .catch(function () {});
  };
  parts.forEach(function (el) {
    el.addEventListener('focusout', function (e) {
      if (el.getAttribute('data-stale') && !el.contains(e.relatedTarget)) fetchPart(el);
    });
  });
  // Many phones pick at once: each page fetches once per burst of changes, after a random
  // pause, so that hundreds of phones do not all ask the server in the same millisecond. A
  // change of picks only moves counts of who goes where, so a page shows it at most every few
  // seconds (the facilitator's board sooner): in a room where everyone picks, every phone
  // asking again after every pick is what the server cannot keep up with
  // (BENCHMARKS.md, "Open space under load").
  var pickPause = cards ? 2000 : 8000;
  var pending = null;
  var due = 0;
  var lastFetch = 0;
  var refreshParts = function (e) {
    if (!parts.length) return;
    var picksOnly = false;
    try {
      picksOnly = !!(e && e.data && JSON.parse(e.data).picks);
    } catch (err) {
      picksOnly = false;
    }
    var now = Date.now();
    var delay = 300 + Math.floor(Math.random() * 1200);
    if (picksOnly) delay = Math.max(delay, lastFetch + pickPause - now);
    if (pending) {
      // A fetch is already planned; only a new or placed topic may bring it forward.
      if (now + delay >= due) return;
      clearTimeout(pending);
    }
    due = now + delay;
    pending = setTimeout(function () {
      pending = null;
      lastFetch = Date.now();
      parts.forEach(fetchPart);
    }, delay);
  };
  source.addEventListener('topics', refreshParts);

  source.addEventListener('note', function (e) {
    var n = JSON.parse(e.data);
    // A note of an open-space group: the group's phones show it in their part.
    if (n.topic_id) refreshParts(null);
    if (!list) return;
    if (document.getElementById('note-' + n.id)) return;
    if (cards) {
      // The facilitator's board: the server renders the note with its buttons, escaped.
      fetch(cards + n.id + '/card', { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          if (!document.getElementById('note-' + n.id)) list.insertAdjacentHTML('afterbegin', html);
        })
        .catch(function () {});
      return;
    }
    var li = document.createElement('li');
    li.id = 'note-' + n.id;
    li.className = 'note';
    if (n.topic) {
      var mark = document.createElement('p');
      mark.className = 'note-mark';
      mark.setAttribute('dir', 'auto');
      mark.textContent = n.topic;
      li.appendChild(mark);
    }
    var p = document.createElement('p');
    p.className = 'note-text';
    p.setAttribute('lang', n.lang);
    p.setAttribute('dir', n.dir);
    p.textContent = n.text;
    li.appendChild(p);
    if (n.name) {
      var who = document.createElement('p');
      who.className = 'note-name';
      // A name is isolated, as on the server-rendered pages, so its direction never reorders
      // the text around it.
      var bdi = document.createElement('bdi');
      bdi.textContent = n.name;
      who.appendChild(bdi);
      li.appendChild(who);
    }
    list.insertBefore(li, list.firstChild);
  });
  // A page that is sending a form is about to be replaced by the answer; reloading it as
  // well would cancel that navigation (the facilitator's own action also arrives as an event).
  var leaving = false;
  document.addEventListener('submit', function () {
    leaving = true;
    source.close();
  });
  var reload = function () {
    if (leaving) return;
    source.close();
    window.location.reload();
  };
  source.addEventListener('moved', reload);
  // The turn queue changed: the facilitator's page shows the new order.
  source.addEventListener('hands', function () {
    if (cards) reload();
  });
  // A hidden, starred or edited note: boards reload to show the curated state; a phone of the
  // note's open-space group fetches its part again.
  source.addEventListener('changed', function () {
    if (list) reload();
    else refreshParts(null);
  });
  // A newer page of the same phone or log-in follows the session now (the server caps the
  // streams each may hold): this one stops listening instead of reconnecting.
  source.addEventListener('replaced', function () {
    source.close();
  });
  source.addEventListener('closed', reload);
})();
