// Web chat client of the Compagnon ODD 17. No framework and no HTML from any message is ever
// parsed: the small markdown subset is turned into DOM nodes with textContent, so text coming
// from the bot or echoed from a user cannot run script.
(function () {
  'use strict';

  var app = document.querySelector('.app');
  var list = document.getElementById('messages');
  var scroller = document.querySelector('.conversation');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var typing = document.getElementById('typing');
  var statusEl = document.getElementById('status');
  var i18n = document.getElementById('i18n').dataset;
  var wsPath = app.dataset.wsPath || '/ws';

  var socket = null;
  var retry = 0;
  var everConnected = false;
  var outbox = [];
  // The server ended this identity (data erased, or the cookie expired): get a new one first.
  var renewing = false;

  function setStatus(text, offline) {
    statusEl.textContent = text;
    statusEl.classList.toggle('offline', Boolean(offline));
  }

  function scrollDown() {
    scroller.scrollTop = scroller.scrollHeight;
  }

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

  function addMessage(who, text, extra) {
    var li = document.createElement('li');
    li.className = 'msg ' + who + (extra && extra.error ? ' error' : '');
    if (who === 'user') li.textContent = text;
    else renderMarkdown(li, text);
    if (extra && extra.cards && extra.cards.length) li.appendChild(renderCards(extra.cards));
    list.appendChild(li);
    scrollDown();
    return li;
  }

  function renderCards(cards) {
    var wrap = document.createElement('div');
    wrap.className = 'cards';
    cards.forEach(function (card) {
      var el = document.createElement('article');
      el.className = 'card';
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
      wrap.appendChild(el);
    });
    return wrap;
  }

  // Buttons of earlier questions are disabled once answered; those of an answer (a related topic,
  // 👍/👎) stay usable, as the server takes them at any moment.
  function disableOldChoices() {
    Array.prototype.forEach.call(document.querySelectorAll('.choices button:not([data-persistent])'), function (b) { b.disabled = true; });
  }

  function addChoices(choices) {
    if (!choices || !choices.length) return;
    var div = document.createElement('div');
    div.className = 'choices';
    div.setAttribute('role', 'group');
    choices.forEach(function (choice) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = choice.title;
      b.dataset.payload = choice.payload;
      if (/^(qa|feedback):/.test(choice.payload)) b.dataset.persistent = 'true';
      b.addEventListener('click', function () {
        // One vote per answer: both 👍 and 👎 of this answer go grey once one is pressed.
        if (/^feedback:/.test(choice.payload)) {
          Array.prototype.forEach.call(div.querySelectorAll('button'), function (other) {
            if (/^feedback:/.test(other.dataset.payload || '')) other.disabled = true;
          });
        }
        sendMessage(choice.title, choice.payload);
      });
      div.appendChild(b);
    });
    var li = document.createElement('li');
    li.className = 'choices-row';
    li.appendChild(div);
    list.appendChild(li);
    scrollDown();
  }

  function showTyping(on) {
    typing.hidden = !on;
    if (on) scrollDown();
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    else outbox.push(frame);
  }

  function sendMessage(text, value) {
    if (!text.trim() && !value) return;
    disableOldChoices();
    addMessage('user', text);
    var frame = { type: 'message', text: text };
    if (value) frame.value = value;
    send(frame);
    showTyping(true);
  }

  function connect() {
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + wsPath;
    socket = new WebSocket(url);
    socket.addEventListener('open', function () {
      retry = 0;
      setStatus(i18n.connected, false);
      socket.send(JSON.stringify({ type: everConnected ? 'welcome_back' : 'hello' }));
      everConnected = true;
      while (outbox.length) socket.send(JSON.stringify(outbox.shift()));
    });
    socket.addEventListener('message', function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (msg.type === 'typing') { showTyping(true); return; }
      if (msg.type === 'session' && msg.action === 'renew') { renewing = true; return; }
      if (msg.type !== 'message') return;
      showTyping(false);
      disableOldChoices();
      addMessage('bot', msg.text, msg);
      addChoices(msg.quick_replies);
    });
    socket.addEventListener('close', function (event) {
      showTyping(false);
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
