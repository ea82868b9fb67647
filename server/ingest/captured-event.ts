/** A request to a trigger as the editor shows it (test listening, sample data). */
export interface CapturedEvent {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  receivedAt: number;
}
