/**
 * `a=1&b=2` with every key and value percent-encoded. search-insights encoded only the agent, so
 * an API key or extra header containing `&`, `#` or `+` corrupted the URL.
 */
export function buildQueryString(params: Record<string, unknown>): string {
  return Object.keys(params)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(params[key] as string)}`)
    .join('&');
}
