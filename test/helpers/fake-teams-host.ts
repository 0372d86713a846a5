/**
 * A page that plays the Teams client around a tab: it frames the tab and answers the Teams JS
 * SDK's messages (initialize, getContext, getAuthToken) and can change the theme. Served on the
 * tab's own origin, because the SDK accepts host messages only from Teams' origins or its own.
 */
export function fakeTeamsHostPage(options: { tabPath: string; theme: string; token: string }): string {
  const config = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html><html><body style="margin:0">
<iframe id="tab" src="${options.tabPath}" style="width:1000px;height:900px;border:0"></iframe>
<script>
const config = ${config};
const tab = document.getElementById('tab');
window.hostLog = [];
function reply(message, args) {
  tab.contentWindow.postMessage({ id: message.id, uuid: message.uuid, args }, '*');
}
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || typeof message.func !== 'string') return;
  window.hostLog.push(message.func);
  if (message.func === 'initialize') reply(message, ['content', 'web', '', '2.0.1']);
  else if (message.func === 'getContext') {
    reply(message, [{ locale: 'fr-FR', theme: config.theme, frameContext: 'content', hostClientType: 'web', entityId: 'mon-bilan', userObjectId: 'from-the-page-not-trusted', tid: 'whatever' }]);
  } else if (message.func === 'authentication.getAuthToken') reply(message, [true, config.token]);
});
window.changeTheme = (theme) => tab.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '*');
</script></body></html>`;
}
