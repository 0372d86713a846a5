// Notifications of the Thursday prompts (Web Push), opt-in from the chat page's footer: the
// button shows only where the browser can receive them and the server sends them. Turning them on
// asks the browser's permission, subscribes this browser with the server's VAPID key and gives the
// subscription to the server (kept with the user's Jeudis subscription); turning them off forgets
// it on both sides. Isolated from chat.js: it only reads and writes the footer.
(function () {
  'use strict';

  var button = document.getElementById('push-toggle');
  var statusEl = document.getElementById('push-status');
  if (!button) return;
  var supported = window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  if (!supported) return;
  var texts = button.dataset;
  var publicKey = null;

  function say(text) {
    if (statusEl) statusEl.textContent = text || '';
  }

  function setState(on) {
    button.dataset.state = on ? 'on' : 'off';
    button.textContent = on ? texts.off : texts.on;
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  // The VAPID public key, base64url, as the bytes PushManager.subscribe expects.
  function keyBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var raw = window.atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, data: data };
      });
    });
  }

  function turnOn() {
    return Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') {
        say(texts.denied);
        return undefined;
      }
      return navigator.serviceWorker.ready
        .then(function (registration) {
          return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
        })
        .then(function (subscription) {
          return post('/push/abonnement', subscription.toJSON()).then(function (res) {
            say(res.data.message || (res.ok ? '' : texts.failed));
            if (res.ok) {
              setState(true);
              return undefined;
            }
            // Not kept by the server (not subscribed to the Thursdays): not kept by the browser either.
            return subscription.unsubscribe().then(function () { setState(false); });
          });
        });
    });
  }

  function turnOff() {
    return navigator.serviceWorker.ready
      .then(function (registration) { return registration.pushManager.getSubscription(); })
      .then(function (subscription) {
        if (!subscription) {
          setState(false);
          return undefined;
        }
        return post('/push/desabonnement', { endpoint: subscription.endpoint }).then(function (res) {
          return subscription.unsubscribe().then(function () {
            setState(false);
            say(res.data.message || '');
          });
        });
      });
  }

  button.addEventListener('click', function () {
    button.disabled = true;
    var done = function () { button.disabled = false; };
    (button.dataset.state === 'on' ? turnOff() : turnOn()).then(done, function () {
      done();
      say(texts.failed);
    });
  });

  fetch('/push/cle', { credentials: 'same-origin' })
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (data) {
      if (!data || !data.publicKey) return undefined;
      publicKey = data.publicKey;
      return navigator.serviceWorker.register('/sw.js', { scope: '/' })
        .then(function (registration) { return registration.pushManager.getSubscription(); })
        .then(function (subscription) {
          setState(Boolean(subscription) && Notification.permission === 'granted');
          button.hidden = false;
        });
    })
    .catch(function () { /* no notifications here: the chat works as before */ });
})();
