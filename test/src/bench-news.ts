// The news benchmark for `npm run bench` (alone: BENCH_ONLY=news): the extraction scored against the
// labelled excerpts (test/fixtures/news) per language, then the import of a generated 500-entry feed
// (`npm run import -- news`'s code, in process) into a scratch graph seeded from the source
// documents: items per second, and the same feed again (every entry a duplicate, nothing written).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDatabases, importNews, openDatabases, seed } from "@twingraph/seed";
import { evaluateNews, formatNewsReport, groupScore, heldOut, loadNewsFixtures } from "./news-eval";
import { generatedNewsFeed } from "./news-feed";

const FEED_ENTRIES = 500;
const IMPORTER = {
  kind: "IMPORT",
  author: { id: "bench", name: "Benchmark Importer" },
  comment: "bench",
} as const;

export async function benchNews(): Promise<void> {
  console.log("news extraction against the labelled excerpts (test/fixtures/news)\n");
  const report = await evaluateNews();
  console.log(formatNewsReport(report));
  const fixtures = loadNewsFixtures();
  const held = groupScore(
    "held out",
    report.items.filter((_, index) => heldOut(fixtures[index], index)),
  );
  console.log(
    `held-out third (every third excerpt by id, not read while tuning): ${held.items} items, place F1 ${held.places.f1.toFixed(2)}, relation ${held.relationAccuracy.toFixed(2)}, date ${held.dateAccuracy.toFixed(2)}`,
  );
  console.log(`\n${await importRate()}`);
}

async function importRate(): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-bench-news-"));
  const databases = await openDatabases({ dataDir });
  try {
    await seed(databases, { worldFile: null, redisUrl: null });
    const feed = path.join(dataDir, "feed.rss");
    writeFileSync(feed, generatedNewsFeed(FEED_ENTRIES));
    const first = await timed(() => importNews(databases, feed, { changeset: IMPORTER, redisUrl: null }));
    const again = await timed(() => importNews(databases, feed, { changeset: IMPORTER, redisUrl: null }));
    return [
      `news import of a ${FEED_ENTRIES}-entry feed into a graph seeded from the sources (SQLite, one changeset):`,
      `  first run  ${first.seconds.toFixed(1)} s, ${(FEED_ENTRIES / first.seconds).toFixed(1)} items/s (${first.result.ingested} ingested)`,
      `  again      ${again.seconds.toFixed(1)} s, ${(FEED_ENTRIES / again.seconds).toFixed(1)} items/s (${again.result.duplicates.length} duplicates, nothing written)`,
    ].join("\n");
  } finally {
    await closeDatabases(databases);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const began = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - began) / 1000 };
}
