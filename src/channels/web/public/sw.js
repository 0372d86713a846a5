// Service worker of the Compagnon ODD 17: shows the notification of a Thursday prompt (Web Push,
// turned on by the user in the chat page, see push.js) and opens the chat when it is clicked. It
// caches nothing and handles no request: the chat works as without it.
'use strict';

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  event.waitUntil(
    self.registration.showNotification(data.title || 'Compagnon ODD 17', {
      body: data.body || '',
      icon: '/assets/icon.svg',
      tag: data.tag || 'jeudis',
      lang: 'fr',
      data: { url: data.url || '/' },
    }),
  );
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  // Only a page of this site is ever opened.
  var target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin);
  if (target.origin !== self.location.origin) target = new URL('/', self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (pages) {
      for (var i = 0; i < pages.length; i++) {
        if (new URL(pages[i].url).origin === self.location.origin && 'focus' in pages[i]) return pages[i].focus();
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
