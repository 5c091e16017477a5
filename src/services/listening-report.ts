import { writeReportText, type Enrichment, type ReportText } from '../enrich/index.js';
import { getListeningReport, reportFacts, type ListeningReport, type ReportPeriod } from '../stats/index.js';
import type { Store } from '../store/index.js';

export interface ListeningReportWithText {
  report: ListeningReport;
  text: ReportText;
}

/** A listening report and its short text (the chat endpoint's, or the template's). */
export async function listeningReport(
  reads: Store,
  llm: Enrichment['llm'],
  options: { userId: number; period: ReportPeriod; tz?: string; now: number },
): Promise<ListeningReportWithText> {
  const report = await getListeningReport(reads.db, options);
  return { report, text: await writeReportText(llm, reportFacts(report)) };
}
