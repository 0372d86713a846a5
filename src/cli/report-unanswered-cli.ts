// npm run report:unanswered — questions the bot could not answer, most asked first, and the
// 👍/👎 per answer, from DATA_DIR/compagnon.json (read only).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Database } from '../domain/user-record.js';
import { fold } from '../text/fold.js';

const file = path.resolve(process.env.DATA_DIR ?? 'data', 'compagnon.json');
let db: Database;
try {
  db = Database.parse(JSON.parse(readFileSync(file, 'utf8')));
} catch (err) {
  console.error(`Impossible de lire ${file} : ${(err as Error).message}`);
  process.exit(1);
}

const groups = new Map<string, { text: string; count: number; closest: string[]; last: string }>();
for (const q of db.unanswered) {
  const key = fold(q.text);
  const group = groups.get(key) ?? { text: q.text, count: 0, closest: q.closest, last: q.at };
  group.count += 1;
  group.last = q.at > group.last ? q.at : group.last;
  groups.set(key, group);
}
const rows = [...groups.values()].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
console.log(`Questions sans réponse : ${db.unanswered.length} (${rows.length} différentes)`);
for (const r of rows) console.log(`${String(r.count).padStart(4)} × « ${r.text} »${r.closest.length ? `  (sujets proches : ${r.closest.join(', ')})` : ''}`);

const votes = new Map<string, { up: number; down: number }>();
for (const f of db.feedback) {
  const v = votes.get(f.entry) ?? { up: 0, down: 0 };
  v[f.vote] += 1;
  votes.set(f.entry, v);
}
if (votes.size > 0) {
  console.log('\nAvis sur les réponses (👍 / 👎) :');
  for (const [entry, v] of [...votes].sort((a, b) => b[1].down - a[1].down)) console.log(`  ${entry} : ${v.up} / ${v.down}`);
}
