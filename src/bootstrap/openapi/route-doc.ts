/** What the document says of one of the host's own routes; the routes come from Nest's scan. */
export interface RouteDoc {
  tag: string;
  summary: string;
  /** `components.schemas` name of the JSON body. */
  body?: string;
  bearer?: boolean;
  /** Also takes an API key (`X-API-Key`, or `Authorization: ApiKey <key>`). */
  apiKey?: boolean;
  /** status → [description, response schema name or null for no body]. */
  responses: Record<number, [string, string | null]>;
}
