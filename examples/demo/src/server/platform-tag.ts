/**
 * The analytics tag the shop gives a search: `platform:mobile` for phone and tablet browsers,
 * `platform:desktop` for anything else (the Algolia guides' example segment). Reported with the
 * search, it lets the Analytics API answer `tags=platform:mobile`.
 */
export function platformTag(userAgent: string | undefined): 'platform:mobile' | 'platform:desktop' {
  return /Mobi|Android|iPhone|iPad|iPod/i.test(userAgent ?? '') ? 'platform:mobile' : 'platform:desktop';
}
