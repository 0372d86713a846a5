import { Conversation } from '../test/helpers/conversation.js';
import { tempDir } from '../test/helpers/temp-dir.js';
const t = tempDir();
const c = await Conversation.open(t.dir);
await c.connect(); await c.press(/^Entreprise/); await c.press(/PME/); await c.say('13');
const mark = c.transcript.length;
await c.say('méthode');
await c.press(/^Étape 1/);
for (const w of ['1', '2', '5', '4']) await c.say(w);
await c.press('Continuer');
await c.press(/recommandée/);
await c.press(/Développer/);
await c.press('Continuer');
for (const a of ['need', 'already', 'need', 'none']) await c.press(a === 'need' ? /besoin/ : a === 'already' ? /déjà/ : /Pas concerné/);
await c.press('Continuer');
for (let i = 0; i < 10; i++) {
  const ch = c.choices();
  if (ch.some((x) => x.label === 'Oui')) await c.press(i % 2 ? 'Oui' : 'En partie'); else await c.say('Nous avons créé un service commun.');
}
await c.say('mon parcours');
await c.say('mon bilan');
for (const m of c.transcript.slice(mark)) {
  console.log('────────\n' + m.text);
  for (const card of m.cards) console.log(`  [CARD] ${card.title} | ${card.subtitle ?? ''} | ${card.url ?? '(pas de lien)'}\n    ${card.text?.slice(0, 160).replace(/\n/g, ' ')}`);
  if (m.choices.length) console.log('  [BOUTONS] ' + m.choices.map((x) => x.label).join(' | '));
}
console.log('REPORT URL', c.transcript.flatMap(m=>m.cards).find(x=>x.url?.includes('/bilan/'))?.url);
t.cleanup();
