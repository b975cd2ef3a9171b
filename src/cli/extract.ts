// `threatgraph extract [--json] FILE...`: one JSON line per document with id, entities
// and relations in the ONTOLOGY.md format (plus mentions, evidence, rule, confidence
// and claim). Without --json, a short human summary per document. A bad file is
// reported on stderr by name and the others still run; the exit code is then 1.
import { Command } from 'commander';
import { extractWithParser } from '../extract/index.js';
import { sharedParser } from '../extract/parser/pool.js';
import { readArticleFile } from '../sources/file.js';

export function extractCommand(): Command {
  return new Command('extract')
    .description('extract entities and relations from article files (.txt, .md, .html, .json)')
    .argument('<files...>', 'article files')
    .option('--json', 'print one JSON line per document (the ONTOLOGY.md extraction format)')
    .action(printExtractions);
}

/** Each file's extraction, as it is read; a file that cannot be read or extracted is named on stderr and the rest still run. */
async function printExtractions(files: string[], options: { json?: boolean }): Promise<void> {
  // the dependency parser's workers (spaCy) unless THREATGRAPH_PARSER=off or not installed
  const parser = sharedParser();
  for (const file of files) {
    try {
      const x = await extractWithParser(readArticleFile(file), parser);
      if (options.json) {
        const { id, title, published, source, url, entities, relations } = x;
        process.stdout.write(JSON.stringify({ id, title, published, source, url, entities, relations }) + '\n');
      } else {
        console.log(`${x.id}: ${x.entities.length} entities, ${x.relations.length} relations`);
        for (const e of x.entities) console.log(`  ${e.type.padEnd(6)} ${e.name}${e.kind ? ` (${e.kind})` : ''}`);
        for (const r of x.relations) console.log(`  ${r.source} -${r.type}-> ${r.target}  [${r.rule}, ${r.claim}, ${r.confidence}]`);
      }
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  }
  await parser?.close();
}
