// Web chat client of the Compagnon ODD 17. No framework and no HTML from any message is ever
// parsed: the small markdown subset is turned into DOM nodes with textContent, so text coming
// from the bot or echoed from a user cannot run script.
//
// How a turn reads (see the README, « The web chat »): the frames of one turn are shown one after
// the other with a short pause (the typing dots) unless the reader prefers reduced motion; the view
// lands on the top of the first new message, or a « ↓ nouveau message » pill appears when the
// reader is higher up; only the first line of each new message is announced to screen readers,
// with who speaks; the buttons of the question answered go away, and the focus moves to the
// first new button (or the input) after a choice.
(function () {
  'use strict';

  var app = document.querySelector('.app');
  var list = document.getElementById('messages');
  var scroller = document.getElementById('conversation');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var typing = document.getElementById('typing');
  var statusEl = document.getElementById('status');
  var announcer = document.getElementById('announcer');
  var pill = document.getElementById('new-message');
  var menuButton = document.getElementById('menu-button');
  var progressEl = document.getElementById('progress');
  var progressLabel = document.getElementById('progress-label');
  var progressFill = document.getElementById('progress-fill');
  var i18n = document.getElementById('i18n').dataset;
  var wsPath = app.dataset.wsPath || '/ws';
  // A link from the report (/?commande=…) names a command, sent once the bot has greeted (see web-routes).
  var startCommand = app.dataset.startCommand || null;
  if (startCommand && window.history.replaceState) window.history.replaceState(null, '', location.pathname);

  var socket = null;
  var retry = 0;
  var everConnected = false;
  var outbox = [];
  // The server ended this identity (data erased, or the cookie expired): get a new one first.
  var renewing = false;

  // ---- the turn under way
  var queue = [];
  var draining = false;
  // Waiting for the frames of a turn (after a message or a connection), until its last frame.
  var turnPending = false;
  var turnTimer = null;
  // The first bot message of the turn: the view never scrolls past its top.
  var anchor = null;
  // The next frame is the first of its turn: shown at once (the server's own time was the pause).
  var firstOfTurn = true;
  // The user chose a button: the focus goes to the first new button when the turn is complete.
  var focusAfterTurn = false;
  // Whether the view follows new messages (false once the reader scrolls up).
  var follow = true;
  var expectedScrollTop = null;
  var firstUnseen = null;
  var historyShown = false;
  var pauseBase = 300;

  function reducedMotion() {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  function setStatus(text, offline) {
    statusEl.textContent = text;
    statusEl.classList.toggle('offline', Boolean(offline));
  }

  function setBusy(on) {
    list.setAttribute('aria-busy', on ? 'true' : 'false');
    typing.hidden = !on;
  }

  // ---- scrolling: to the top of the new message, or a pill when the reader is elsewhere
  function atBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
  }

  function scrollTo(top) {
    var max = scroller.scrollHeight - scroller.clientHeight;
    var target = Math.max(0, Math.min(max, top));
    expectedScrollTop = target;
    scroller.scrollTop = target;
  }

  function scrollToEnd() {
    scrollTo(scroller.scrollHeight);
  }

  /** Shows what is new without ever scrolling past the top of the turn's first message. */
  function reveal() {
    if (!anchor) return scrollToEnd();
    scrollTo(anchor.offsetTop - 8);
  }

  scroller.addEventListener('scroll', function () {
    // A scroll of ours; any other is the reader's own.
    if (expectedScrollTop !== null && Math.abs(scroller.scrollTop - expectedScrollTop) <= 2) return;
    expectedScrollTop = null;
    follow = atBottom();
    if (follow) hidePill();
  });

  function showPill(li) {
    if (!firstUnseen) firstUnseen = li;
    pill.hidden = false;
  }

  function hidePill() {
    pill.hidden = true;
    firstUnseen = null;
  }

  pill.addEventListener('click', function () {
    var target = firstUnseen;
    hidePill();
    follow = true;
    if (!target) return scrollToEnd();
    scrollTo(target.offsetTop - 8);
    // Screen readers and keyboards continue from the message the reader did not see.
    target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  });

  // ---- safe markdown: **bold**, *italic*, [label](https://url), "- " lists, "1. " lists
  function appendInline(parent, text) {
    var pattern = /(\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\))/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var node;
      if (match[2] !== undefined) {
        node = document.createElement('strong');
        node.textContent = match[2];
      } else if (match[3] !== undefined) {
        node = document.createElement('em');
        node.textContent = match[3];
      } else {
        node = externalLink(match[4], match[5]);
      }
      parent.appendChild(node);
      last = pattern.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function externalLink(label, href) {
    var a = document.createElement('a');
    a.textContent = label;
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    var hint = document.createElement('span');
    hint.className = 'sr-only';
    hint.textContent = ' ' + i18n.newTab;
    a.appendChild(hint);
    return a;
  }

  // Blocks are separated by blank lines; inside a block, runs of "- " or "1. " lines become a
  // list and other lines a paragraph.
  function renderMarkdown(container, text) {
    var bullet = /^\s*[-•]\s+/;
    var numbered = /^\s*\d+\.\s+/;
    String(text || '').split(/\n{2,}/).forEach(function (block) {
      var current = null;
      block.split('\n').forEach(function (line) {
        if (line.trim() === '') return;
        var kind = bullet.test(line) ? 'UL' : numbered.test(line) ? 'OL' : 'P';
        if (!current || current.tagName !== kind) {
          current = document.createElement(kind);
          container.appendChild(current);
        } else if (kind === 'P') {
          current.appendChild(document.createElement('br'));
        }
        if (kind === 'P') {
          appendInline(current, line);
        } else {
          var li = document.createElement('li');
          appendInline(li, line.replace(kind === 'UL' ? bullet : numbered, ''));
          current.appendChild(li);
        }
      });
    });
  }

  /** The first line of a message as plain words (for announcements and the name of its buttons). */
  function firstLine(text, max) {
    var line = String(text || '').split('\n').map(function (l) { return l.trim(); }).filter(Boolean)[0] || '';
    line = line.replace(/\*\*?|__/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/^[-•]\s+|^\d+\.\s+/, '');
    return line.length > max ? line.slice(0, max - 1).replace(/\s+\S*$/, '') + '…' : line;
  }

  function speaker(name) {
    var s = document.createElement('span');
    s.className = 'sr-only';
    s.textContent = name + ' : ';
    return s;
  }

  /** « Lire la suite »: a native disclosure, keyboard and screen-reader ready. */
  function detailBlock(markdown, label) {
    var details = document.createElement('details');
    details.className = 'more';
    var summary = document.createElement('summary');
    summary.textContent = label || i18n.readMore;
    details.appendChild(summary);
    var body = document.createElement('div');
    body.className = 'more-body';
    renderMarkdown(body, markdown);
    details.appendChild(body);
    return details;
  }

  function announce(text) {
    if (!text) return;
    var p = document.createElement('p');
    p.textContent = text;
    announcer.appendChild(p);
    while (announcer.childNodes.length > 3) announcer.removeChild(announcer.firstChild);
  }

  function addUserMessage(text, history) {
    var li = document.createElement('li');
    li.className = 'msg user' + (history ? ' history' : '');
    li.appendChild(speaker(i18n.you));
    li.appendChild(document.createTextNode(text));
    list.appendChild(li);
    return li;
  }

  function addBotMessage(msg) {
    var li = document.createElement('li');
    li.className = 'msg bot' + (msg.error ? ' error' : '') + (msg.history ? ' history' : '');
    li.appendChild(speaker(i18n.bot));
    renderMarkdown(li, msg.text);
    if (msg.detail) li.appendChild(detailBlock(msg.detail, msg.detailLabel));
    var cards = (msg.cards || []).filter(function (c) { return c && c.title; });
    if (cards.length) {
      li.appendChild(renderCards(cards));
      if (cards.length > 1) li.classList.add('has-cards');
    }
    list.appendChild(li);
    return li;
  }

  function renderCard(card, position, count) {
    var el = document.createElement('article');
    el.className = 'card';
    if (count > 1) el.setAttribute('aria-label', card.title + ' (' + position + ' ' + i18n.of + ' ' + count + ')');
    var h = document.createElement('h3');
    h.textContent = card.title;
    el.appendChild(h);
    if (card.subtitle) {
      var sub = document.createElement('p');
      sub.className = 'subtitle';
      sub.textContent = card.subtitle;
      el.appendChild(sub);
    }
    if (card.text) renderMarkdown(el, card.text);
    if (card.detail) el.appendChild(detailBlock(card.detail));
    if (card.url && /^https?:\/\//.test(card.url)) {
      var a = externalLink(card.linkLabel || i18n.openLink, card.url);
      a.className = 'card-link';
      // Screen readers hear which tool the link opens; the card's title already shows it.
      var context = document.createElement('span');
      context.className = 'sr-only';
      context.textContent = ' : ' + card.title;
      a.insertBefore(context, a.lastChild);
      el.appendChild(a);
    }
    if (card.copy) el.appendChild(copyButton(card.copy));
    return el;
  }

  // A card's `copy` (an invitation, a calendar address): one press puts it on the clipboard.
  // Minimal handler (Jeudis/privacy work); its words are on the page's footer.
  function copyButton(text) {
    var words = (document.querySelector('.app-footer') || { dataset: {} }).dataset;
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'card-copy';
    b.textContent = words.copy || 'Copier';
    b.addEventListener('click', function () {
      var done = function (label) {
        b.textContent = label;
        setTimeout(function () { b.textContent = words.copy || 'Copier'; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(words.copied || 'Copié'); }, function () { done(words.copyFailed || text); });
      else done(words.copyFailed || text);
    });
    return b;
  }

  /** One card as it is; several as a carousel (swipe, scroll, or the ‹ › buttons). */
  function renderCards(cards) {
    if (cards.length === 1) {
      var one = document.createElement('div');
      one.className = 'cards';
      one.appendChild(renderCard(cards[0], 1, 1));
      return one;
    }
    var section = document.createElement('section');
    section.className = 'carousel';
    section.setAttribute('aria-label', i18n.tools + ' (' + cards.length + ')');
    var track = document.createElement('div');
    track.className = 'carousel-track';
    track.setAttribute('tabindex', '0');
    track.setAttribute('role', 'group');
    track.setAttribute('aria-label', i18n.tools);
    cards.forEach(function (card, i) { track.appendChild(renderCard(card, i + 1, cards.length)); });
    section.appendChild(track);

    var nav = document.createElement('div');
    nav.className = 'carousel-nav';
    var prev = document.createElement('button');
    prev.type = 'button';
    prev.textContent = '‹';
    prev.setAttribute('aria-label', i18n.previous);
    var where = document.createElement('span');
    where.setAttribute('aria-hidden', 'true');
    var next = document.createElement('button');
    next.type = 'button';
    next.textContent = '›';
    next.setAttribute('aria-label', i18n.next);
    nav.appendChild(prev);
    nav.appendChild(where);
    nav.appendChild(next);
    section.appendChild(nav);

    function current() {
      var items = track.children;
      var left = track.scrollLeft;
      var best = 0;
      for (var i = 0; i < items.length; i++) if (items[i].offsetLeft - track.offsetLeft <= left + 8) best = i;
      if (track.scrollLeft + track.clientWidth >= track.scrollWidth - 4) best = items.length - 1;
      return best;
    }
    function update() {
      var i = current();
      where.textContent = (i + 1) + ' / ' + cards.length;
      prev.disabled = track.scrollLeft <= 4;
      next.disabled = track.scrollLeft + track.clientWidth >= track.scrollWidth - 4;
    }
    function go(delta) {
      var items = track.children;
      var i = Math.max(0, Math.min(items.length - 1, current() + delta));
      track.scrollTo({ left: items[i].offsetLeft - track.offsetLeft, behavior: reducedMotion() ? 'auto' : 'smooth' });
    }
    prev.addEventListener('click', function () { go(-1); });
    next.addEventListener('click', function () { go(1); });
    track.addEventListener('scroll', update, { passive: true });
    setTimeout(update, 0);
    return section;
  }

  // ---- buttons: those of the question answered go; those of an answer (a topic, 👍/👎) stay
  function isPersistent(payload) {
    return /^(qa|feedback):/.test(payload || '');
  }

  /**
   * After the user answered (a button or a typed text): every button of a question goes, and the
   * button pressed; a vote takes both 👍 and 👎 of that answer. The other topics of an answer stay.
   */
  function removeUsedChoices(pressed, group) {
    var vote = /^feedback:/.test(pressed || '');
    Array.prototype.forEach.call(list.querySelectorAll('li.choices-row'), function (row) {
      Array.prototype.forEach.call(row.querySelectorAll('button'), function (b) {
        var payload = b.dataset.payload || '';
        var sameVote = vote && /^feedback:/.test(payload) && b.parentNode === group;
        if (!isPersistent(payload) || payload === pressed || sameVote) b.remove();
      });
      if (!row.querySelector('button')) row.remove();
    });
  }
  var pressedGroup = null;

  function addChoices(choices, question) {
    if (!choices || !choices.length) return null;
    var div = document.createElement('div');
    div.className = 'choices';
    div.setAttribute('role', 'group');
    div.setAttribute('aria-label', firstLine(question, 90) || i18n.choices);
    choices.forEach(function (choice) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = choice.title;
      b.dataset.payload = choice.payload;
      b.addEventListener('click', function () {
        pressedGroup = div;
        choose(choice.title, choice.payload);
      });
      div.appendChild(b);
    });
    var li = document.createElement('li');
    li.className = 'choices-row';
    li.appendChild(div);
    list.appendChild(li);
    return li;
  }

  function updateProgress(progress) {
    if (!progress || !progress.label || !progress.total) {
      progressEl.hidden = true;
      return;
    }
    progressEl.hidden = false;
    progressLabel.textContent = progress.label + ' ' + progress.position + '/' + progress.total;
    progressFill.style.width = Math.round((100 * Math.min(progress.position, progress.total)) / progress.total) + '%';
  }

  // ---- frames of the server, shown one after the other
  function enqueue(msg) {
    queue.push(msg);
    if (!draining) drain();
  }

  function pauseAfter(previousText) {
    return pauseBase + Math.min(300, Math.round(String(previousText || '').length / 2));
  }

  var lastShownText = '';

  function drain() {
    if (queue.length === 0) {
      draining = false;
      if (!turnPending) setBusy(false);
      return;
    }
    draining = true;
    var msg = queue[0];
    var wait = msg.history || firstOfTurn || reducedMotion() ? 0 : pauseAfter(lastShownText);
    if (wait === 0) {
      queue.shift();
      show(msg);
      drain();
      return;
    }
    setBusy(true);
    if (follow) reveal();
    setTimeout(function () {
      queue.shift();
      show(msg);
      drain();
    }, wait);
  }

  function show(msg) {
    if (msg.history) return showHistory(msg);
    if (historyShown) {
      historyShown = false;
      var end = document.createElement('li');
      end.className = 'history-end';
      end.textContent = '—';
      end.setAttribute('aria-hidden', 'true');
      list.appendChild(end);
    }
    var first = firstOfTurn;
    firstOfTurn = false;
    var li = addBotMessage(msg);
    if (!reducedMotion()) li.classList.add('arriving');
    if (first || !anchor) anchor = li;
    announce(i18n.bot + ' : ' + firstLine(msg.text || (msg.cards && msg.cards[0] && msg.cards[0].title), 160));
    var row = addChoices(msg.quick_replies, msg.text);
    lastShownText = msg.text;
    if (msg.progress) updateProgress(msg.progress);
    if (follow) reveal();
    // Below the view (the view stays on the top of the turn's first message): say so.
    if (!follow || li.offsetTop > scroller.scrollTop + scroller.clientHeight - 24) showPill(li);
    if (msg.last || !turnPending) endOfTurn(msg, row);
  }

  function showHistory(msg) {
    historyShown = true;
    if (msg.from === 'user') addUserMessage(msg.text, true);
    else addBotMessage(msg);
    if (follow) scrollToEnd();
  }

  function endOfTurn(msg, row) {
    var wasPending = turnPending;
    turnPending = false;
    firstOfTurn = true;
    clearTimeout(turnTimer);
    if (msg.last) updateProgress(msg.progress);
    if (queue.length === 0) setBusy(false);
    if (focusAfterTurn) {
      focusAfterTurn = false;
      var target = row && row.querySelector('button');
      if (target) target.focus({ preventScroll: true });
      else if (window.matchMedia && window.matchMedia('(pointer: fine)').matches) input.focus({ preventScroll: true });
    }
    if (wasPending && startCommand && msg.last) {
      var command = startCommand;
      startCommand = null;
      sendMessage(command);
    }
  }

  function awaitTurn() {
    turnPending = true;
    firstOfTurn = true;
    setBusy(true);
    clearTimeout(turnTimer);
    // A server that never marks the last frame (or a lost one): stop waiting after a while.
    turnTimer = setTimeout(function () {
      turnPending = false;
      if (queue.length === 0) setBusy(false);
    }, 15000);
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    else outbox.push(frame);
  }

  function sendMessage(text, value) {
    if (!text.trim() && !value) return;
    removeUsedChoices(value, pressedGroup);
    pressedGroup = null;
    var li = addUserMessage(text, false);
    var frame = { type: 'message', text: text };
    if (value) frame.value = value;
    send(frame);
    anchor = null;
    follow = true;
    hidePill();
    awaitTurn();
    scrollToEnd();
    return li;
  }

  /** A button pressed: the focus must not fall to the page while the buttons go. */
  function choose(title, payload) {
    focusAfterTurn = true;
    var holder = window.matchMedia && window.matchMedia('(pointer: fine)').matches ? input : scroller;
    if (holder === scroller) scroller.setAttribute('tabindex', '-1');
    sendMessage(title, payload);
    holder.focus({ preventScroll: true });
  }

  menuButton.addEventListener('click', function () {
    focusAfterTurn = true;
    sendMessage(menuButton.textContent.trim(), null);
  });

  function connect() {
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + wsPath;
    socket = new WebSocket(url);
    socket.addEventListener('open', function () {
      retry = 0;
      setStatus(i18n.connected, false);
      awaitTurn();
      socket.send(JSON.stringify({ type: everConnected ? 'welcome_back' : 'hello' }));
      everConnected = true;
      while (outbox.length) socket.send(JSON.stringify(outbox.shift()));
    });
    socket.addEventListener('message', function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (msg.type === 'typing') { if (turnPending) setBusy(true); return; }
      if (msg.type === 'session' && msg.action === 'renew') { renewing = true; return; }
      if (msg.type !== 'message') return;
      enqueue(msg);
    });
    socket.addEventListener('close', function (event) {
      turnPending = false;
      if (queue.length === 0) setBusy(false);
      if (event.code === 4002) {
        // A newer tab of this conversation took over: this one stays quiet.
        setStatus(i18n.replaced, true);
        return;
      }
      if (renewing) {
        renewing = false;
        everConnected = false;
        // Loading the page gives this browser a new identity cookie; then a fresh conversation.
        fetch('/', { credentials: 'same-origin', cache: 'no-store' }).then(connect, connect);
        return;
      }
      setStatus(i18n.reconnecting, true);
      // Back off up to 10 s; the server restarts quickly and the conversation resumes.
      var delay = Math.min(10000, 500 * Math.pow(2, retry++));
      setTimeout(connect, delay);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = '';
    sendMessage(text);
    input.focus();
  });

  setStatus(i18n.connecting, false);
  connect();
})();
