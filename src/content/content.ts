import type { ParsedFiles } from './content-files.js';

/** The whole content store, validated, as the rest of the code reads it. */
export type Content = {
  dir: string;
  actors: ParsedFiles['actors.json']['actors'];
  scale: ParsedFiles['needs.json']['scale'];
  needs: ParsedFiles['needs.json']['needs'];
  tools: ParsedFiles['tools.json']['tools'];
  method: ParsedFiles['method.json'];
  ecosystem: ParsedFiles['ecosystem.json'];
  evaluation: ParsedFiles['evaluation.json'];
  knowledge: ParsedFiles['knowledge.json'];
  territories: ParsedFiles['territories.json'];
  faq: ParsedFiles['faq.json']['entries'];
  sources: ParsedFiles['sources.json']['sources'];
  search: ParsedFiles['search.json'];
  ui: ParsedFiles['ui.json'];
  teamsApp: ParsedFiles['teams-app.json'];
  jeudis: ParsedFiles['jeudis.json'];
  glossary: ParsedFiles['glossary.json'];
  teachings: ParsedFiles['teachings.json']['teachings'];
  /** Questions as users asked them, with the entries that answer them (free-text answers learn from them). */
  phrasings: ParsedFiles['phrasings.json']['examples'];
  /** Questions near the subject that the documents cannot answer, as users asked them. */
  declinedPhrasings: ParsedFiles['phrasings.json']['declined'];
};

/** The content store as the code reads it, from the parsed files (needs in the kit's order). */
export function assembleContent(dir: string, files: ParsedFiles): Content {
  return {
    dir,
    actors: files['actors.json'].actors,
    scale: files['needs.json'].scale,
    needs: [...files['needs.json'].needs].sort((a, b) => a.order - b.order),
    tools: files['tools.json'].tools,
    method: files['method.json'],
    ecosystem: files['ecosystem.json'],
    evaluation: files['evaluation.json'],
    knowledge: files['knowledge.json'],
    territories: files['territories.json'],
    faq: files['faq.json'].entries,
    sources: files['sources.json'].sources,
    search: files['search.json'],
    ui: files['ui.json'],
    teamsApp: files['teams-app.json'],
    jeudis: files['jeudis.json'],
    glossary: files['glossary.json'],
    teachings: files['teachings.json'].teachings,
    phrasings: files['phrasings.json'].examples,
    declinedPhrasings: files['phrasings.json'].declined,
  };
}
