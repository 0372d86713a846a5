// The « Mon bilan » tab: joins Teams, follows its theme, and shows the report of the user whose
// Teams SSO token the server verifies. Outside Teams it says where to find the report instead.
(function () {
  'use strict';
  var status = document.getElementById('status');
  var report = document.getElementById('report');
  var configured = document.body.getAttribute('data-configured') === 'yes';
  var teams = window.microsoftTeams;

  function show(state) {
    var parts = status.querySelectorAll('[data-state]');
    for (var i = 0; i < parts.length; i++) parts[i].hidden = parts[i].getAttribute('data-state') !== state;
    status.hidden = state === null;
  }

  function applyTheme(theme) {
    document.documentElement.setAttribute('data-theme', theme === 'dark' || theme === 'contrast' ? theme : 'default');
  }

  // Outside Teams, initialize() rejects at once in a top-level window but waits a minute in a
  // foreign frame: never wait that long.
  function withTimeout(promise, ms) {
    return Promise.race([
      promise,
      new Promise(function (_resolve, reject) {
        setTimeout(function () { reject(new Error('timeout')); }, ms);
      }),
    ]);
  }

  function load(token) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch('/teams/bilan/contenu', { headers: headers, credentials: 'omit' }).then(function (res) {
      return res.text().then(function (html) {
        // Server-rendered and escaped by the server's templates: the report, or why there is none.
        report.innerHTML = html;
        show(null);
      });
    });
  }

  if (!teams || window.self === window.top) {
    show('outside');
    return;
  }

  var phase = 'init';
  withTimeout(teams.app.initialize(), 5000)
    .then(function () {
      phase = 'context';
      return teams.app.getContext();
    })
    .then(function (context) {
      applyTheme(context.app && context.app.theme);
      var locale = (context.app && context.app.locale) || '';
      if (/^fr\b/i.test(locale)) document.documentElement.lang = locale;
      teams.app.registerOnThemeChangeHandler(applyTheme);
      if (!configured) return load(null);
      phase = 'auth';
      return teams.authentication.getAuthToken().then(function (token) {
        phase = 'load';
        return load(token);
      });
    })
    .then(function () {
      teams.app.notifySuccess();
    })
    .catch(function () {
      show(phase === 'init' ? 'outside' : phase === 'auth' ? 'consent' : 'error');
    });
})();
