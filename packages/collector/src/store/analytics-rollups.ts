/**
 * Analytics rollups: counters per (app, index, UTC day of the search), per (…, query) and per
 * (…, objectID), kept by triggers on `searches` and `search_links`, so every analytics read sums a
 * few rows per day instead of joining every search of the range with its links.
 *
 * The rollups always equal what a join of the current `searches` and `search_links` would give
 * (docs/analytics.md): each trigger adds the change one row makes to that join. Per-search state
 * (`search_stats`, `search_object_stats`: what the links of one queryID add up to, whether its search
 * is reported or not) is what makes "several clicks on one search count once" incremental: a link
 * moves its search's counts from `old` to `old + d`, and the rollups get `f(old + d) − f(old)`.
 * Because the triggers also fire on DELETE, user deletion and the retention purge keep them exact.
 * An event that arrives before its search only updates the per-search state; the search's insert
 * then adds everything tied to it.
 *
 * One SQL text serves SQLite (trigger bodies) and PostgreSQL (a plpgsql function per table): only
 * portable syntax (`INSERT … SELECT … WHERE … ON CONFLICT … DO UPDATE`, CASE instead of booleans).
 */

const DAY_MS = 86_400_000;

/**
 * Bump when what the rollups count changes, or a rollup table is added (2: the per-query hit
 * tables): stores rebuild every rollup once on open. New columns of existing tables need a
 * migration of their own.
 */
export const ROLLUP_VERSION = 2;

/** The 12 click-position buckets: 1–10 alone, 11 = [11,20], 12 = [21,-1]. */
const BUCKETS = Array.from({ length: 12 }, (_, i) => i + 1);
/** Column of a position bucket's clicks, in (day) and (day, query) rollup rows and `search_stats`. */
export const bucketColumn = (bucket: number) => `bucket_${bucket}`;
const BUCKET_COLUMNS = BUCKETS.map(bucketColumn);

/** Counters of a (day) and a (day, query) rollup row, in this order. */
export const SEARCH_COUNTERS = [
  'tracked',
  'with_results',
  'clicked',
  'no_click',
  'converted',
  'added',
  'purchased',
  'clicks',
  'conversions',
  'add_to_carts',
  'purchases',
  'positions',
  'position_sum',
  'nb_hits_sum',
  ...BUCKET_COLUMNS,
];

/** Counters of a (day, objectID) rollup row, in this order. */
export const HIT_COUNTERS = [
  'tracked',
  'clicked',
  'converted',
  'added',
  'purchased',
  'clicks',
  'conversions',
  'add_to_carts',
  'purchases',
] as const;

const KEY = 'app_id TEXT NOT NULL, index_name TEXT NOT NULL, day BIGINT NOT NULL';
const counters = (names: readonly string[]) => names.map((n) => `${n} BIGINT NOT NULL`).join(', ');

/** The per-queryID state columns (link sums), in this order. */
const STAT_COLUMNS = [
  'clicks',
  'conversions',
  'add_to_carts',
  'purchases',
  'positions',
  'position_sum',
  ...BUCKET_COLUMNS,
];

/**
 * The tables. In SQLite they are WITHOUT ROWID: rows live in their primary-key order, so a read of
 * one index and day range is one sequential B-tree walk with no lookups.
 */
const tables = (suffix: string) => `
-- What the links of one queryID add up to (whether its search is reported yet or not).
CREATE TABLE IF NOT EXISTS search_stats (
  app_id TEXT NOT NULL, query_id TEXT NOT NULL, ${counters(STAT_COLUMNS)},
  PRIMARY KEY (app_id, query_id)
)${suffix};
-- The same per (queryID, objectID), counting link rows (top hits).
CREATE TABLE IF NOT EXISTS search_object_stats (
  app_id TEXT NOT NULL, query_id TEXT NOT NULL, object_id TEXT NOT NULL,
  links BIGINT NOT NULL, click_links BIGINT NOT NULL, conversion_links BIGINT NOT NULL,
  add_to_cart_links BIGINT NOT NULL, purchase_links BIGINT NOT NULL,
  PRIMARY KEY (app_id, query_id, object_id)
)${suffix};
CREATE TABLE IF NOT EXISTS analytics_days (${KEY}, ${counters(SEARCH_COUNTERS)},
  PRIMARY KEY (app_id, index_name, day))${suffix};
CREATE TABLE IF NOT EXISTS analytics_queries (${KEY}, query TEXT NOT NULL, ${counters(SEARCH_COUNTERS)},
  PRIMARY KEY (app_id, index_name, day, query))${suffix};
CREATE TABLE IF NOT EXISTS analytics_day_revenue (${KEY}, currency TEXT NOT NULL,
  revenue DOUBLE PRECISION NOT NULL, links BIGINT NOT NULL,
  PRIMARY KEY (app_id, index_name, day, currency))${suffix};
CREATE TABLE IF NOT EXISTS analytics_revenue (${KEY}, query TEXT NOT NULL, currency TEXT NOT NULL,
  revenue DOUBLE PRECISION NOT NULL, links BIGINT NOT NULL,
  PRIMARY KEY (app_id, index_name, day, query, currency))${suffix};
-- Keyed by object before day: top hits group by object, which then streams in key order (no sort
-- of every (object, day) row of the range).
CREATE TABLE IF NOT EXISTS analytics_hits (${KEY}, object_id TEXT NOT NULL, ${counters(HIT_COUNTERS)},
  PRIMARY KEY (app_id, index_name, object_id, day))${suffix};
CREATE TABLE IF NOT EXISTS analytics_hit_revenue (${KEY}, object_id TEXT NOT NULL, currency TEXT NOT NULL,
  revenue DOUBLE PRECISION NOT NULL, links BIGINT NOT NULL,
  PRIMARY KEY (app_id, index_name, day, object_id, currency))${suffix};
-- The same per query string: top hits of one search (\`/2/hits?search=\`) without raw rows.
CREATE TABLE IF NOT EXISTS analytics_query_hits (${KEY}, query TEXT NOT NULL, object_id TEXT NOT NULL,
  ${counters(HIT_COUNTERS)},
  PRIMARY KEY (app_id, index_name, query, object_id, day))${suffix};
CREATE TABLE IF NOT EXISTS analytics_query_hit_revenue (${KEY}, query TEXT NOT NULL, object_id TEXT NOT NULL,
  currency TEXT NOT NULL, revenue DOUBLE PRECISION NOT NULL, links BIGINT NOT NULL,
  PRIMARY KEY (app_id, index_name, query, object_id, day, currency))${suffix};
-- Which rollup definition the rows above were built with (one row).
CREATE TABLE IF NOT EXISTS analytics_rollup_state (version INTEGER NOT NULL);
`;

/** 1 or 0 for a condition (PostgreSQL has no boolean arithmetic). */
const b = (condition: string) => `(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

const BUCKET = (position: string) =>
  `(CASE WHEN ${position} <= 10 THEN ${position} WHEN ${position} <= 20 THEN 11 ELSE 12 END)`;

/** `INSERT … ON CONFLICT (keys) DO UPDATE` adding every value column to the stored one. */
function upsert(table: string, keys: string[], values: readonly string[], select: string): string {
  const set = values.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${[...keys, ...values].join(', ')})
  ${select}
  ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set};`;
}

const DAY_KEYS = ['app_id', 'index_name', 'day'];
const QUERY_KEYS = [...DAY_KEYS, 'query'];
const HIT_KEYS = [...DAY_KEYS, 'object_id'];
const QUERY_HIT_KEYS = [...QUERY_KEYS, 'object_id'];
/**
 * The two groupings of hit rollups: per (day, object) and per (day, query, object). `extra` is what
 * the select adds after the day (the search's query string, from `s`), `keys` the upsert's key.
 */
const HIT_GROUPINGS = [
  { hits: 'analytics_hits', revenue: 'analytics_hit_revenue', keys: HIT_KEYS, extra: '' },
  {
    hits: 'analytics_query_hits',
    revenue: 'analytics_query_hit_revenue',
    keys: QUERY_HIT_KEYS,
    extra: ', s.query',
  },
] as const;

/**
 * The statements applying one link row `r` (NEW or OLD) with sign `sg` ('' or '-') to the per-search
 * state and, when its search is reported, to the rollups. Rollup deltas read the state before it
 * changes, so they run first.
 */
function linkStatements(r: string, sg: string): string[] {
  const d = {
    clicks: `${sg}(CASE WHEN ${r}.kind = 'click' THEN ${r}.counts ELSE 0 END)`,
    conversions: `${sg}(CASE WHEN ${r}.kind <> 'click' THEN ${r}.counts ELSE 0 END)`,
    addToCarts: `${sg}(CASE WHEN ${r}.kind = 'addToCart' THEN ${r}.counts ELSE 0 END)`,
    purchases: `${sg}(CASE WHEN ${r}.kind = 'purchase' THEN ${r}.counts ELSE 0 END)`,
    positions: `${sg}${b(`${r}.position IS NOT NULL`)}`,
    positionSum: `${sg}COALESCE(${r}.position, 0)`,
    buckets: BUCKETS.map(
      (k) =>
        `${sg}${b(`${r}.kind = 'click' AND ${r}.position IS NOT NULL AND ${BUCKET(`${r}.position`)} = ${k}`)}`,
    ),
  };
  const old = {
    clicks: 'COALESCE(st.clicks, 0)',
    conversions: 'COALESCE(st.conversions, 0)',
    addToCarts: 'COALESCE(st.add_to_carts, 0)',
    purchases: 'COALESCE(st.purchases, 0)',
  };
  const moved = (o: string, delta: string) => `${b(`${o} + ${delta} > 0`)} - ${b(`${o} > 0`)}`;
  const searchDelta = (
    extraKey: string,
  ) => `SELECT s.app_id, s.index_name, s.timestamp / ${DAY_MS}${extraKey},
    0, 0,
    ${moved(old.clicks, d.clicks)},
    (CASE WHEN s.nb_hits > 0 THEN ${b(`${old.clicks} + ${d.clicks} = 0`)} - ${b(`${old.clicks} = 0`)} ELSE 0 END),
    ${moved(old.conversions, d.conversions)},
    ${moved(old.addToCarts, d.addToCarts)},
    ${moved(old.purchases, d.purchases)},
    ${d.clicks}, ${d.conversions}, ${d.addToCarts}, ${d.purchases}, ${d.positions}, ${d.positionSum}, 0,
    ${d.buckets.join(', ')}
  FROM searches s LEFT JOIN search_stats st ON st.app_id = s.app_id AND st.query_id = s.query_id
  WHERE s.app_id = ${r}.app_id AND s.query_id = ${r}.query_id`;

  const kindIs = (kind: string) => `${sg}${b(`${r}.kind = '${kind}'`)}`;
  const h = {
    links: `${sg}1`,
    click: kindIs('click'),
    conversion: `${sg}${b(`${r}.kind <> 'click'`)}`,
    addToCart: kindIs('addToCart'),
    purchase: kindIs('purchase'),
  };
  const oldHit = (column: string) => `COALESCE(so.${column}, 0)`;
  const hitDelta = (
    extra: string,
  ) => `SELECT s.app_id, s.index_name, s.timestamp / ${DAY_MS}${extra}, ${r}.object_id,
    ${moved(oldHit('links'), h.links)},
    ${moved(oldHit('click_links'), h.click)},
    ${moved(oldHit('conversion_links'), h.conversion)},
    ${moved(oldHit('add_to_cart_links'), h.addToCart)},
    ${moved(oldHit('purchase_links'), h.purchase)},
    ${h.click}, ${h.conversion}, ${h.addToCart}, ${h.purchase}
  FROM searches s LEFT JOIN search_object_stats so
    ON so.app_id = s.app_id AND so.query_id = s.query_id AND so.object_id = ${r}.object_id
  WHERE s.app_id = ${r}.app_id AND s.query_id = ${r}.query_id AND ${r}.object_id IS NOT NULL`;

  const ofSearch = `FROM searches s WHERE s.app_id = ${r}.app_id AND s.query_id = ${r}.query_id`;
  return [
    upsert('analytics_days', DAY_KEYS, SEARCH_COUNTERS, searchDelta('')),
    upsert('analytics_queries', QUERY_KEYS, SEARCH_COUNTERS, searchDelta(', s.query')),
    ...HIT_GROUPINGS.map((g) => upsert(g.hits, g.keys, HIT_COUNTERS, hitDelta(g.extra))),
    upsert(
      'analytics_day_revenue',
      [...DAY_KEYS, 'currency'],
      ['revenue', 'links'],
      `SELECT s.app_id, s.index_name, s.timestamp / ${DAY_MS}, ${r}.currency, ${sg}${r}.revenue, ${sg}1
  ${ofSearch} AND ${r}.kind = 'purchase' AND ${r}.revenue IS NOT NULL AND ${r}.currency IS NOT NULL`,
    ),
    upsert(
      'analytics_revenue',
      [...QUERY_KEYS, 'currency'],
      ['revenue', 'links'],
      `SELECT s.app_id, s.index_name, s.timestamp / ${DAY_MS}, s.query, ${r}.currency, ${sg}${r}.revenue, ${sg}1
  ${ofSearch} AND ${r}.kind = 'purchase' AND ${r}.revenue IS NOT NULL AND ${r}.currency IS NOT NULL`,
    ),
    ...HIT_GROUPINGS.map((g) =>
      upsert(
        g.revenue,
        [...g.keys, 'currency'],
        ['revenue', 'links'],
        `SELECT s.app_id, s.index_name, s.timestamp / ${DAY_MS}${g.extra}, ${r}.object_id, ${r}.currency, ${sg}${r}.revenue, ${sg}1
  ${ofSearch} AND ${r}.kind = 'purchase' AND ${r}.revenue IS NOT NULL AND ${r}.currency IS NOT NULL
    AND ${r}.object_id IS NOT NULL`,
      ),
    ),
    upsert(
      'search_stats',
      ['app_id', 'query_id'],
      STAT_COLUMNS,
      `SELECT ${r}.app_id, ${r}.query_id, ${d.clicks}, ${d.conversions}, ${d.addToCarts}, ${d.purchases}, ${d.positions}, ${d.positionSum},
    ${d.buckets.join(', ')}
  WHERE ${r}.query_id IS NOT NULL`,
    ),
    upsert(
      'search_object_stats',
      ['app_id', 'query_id', 'object_id'],
      ['links', 'click_links', 'conversion_links', 'add_to_cart_links', 'purchase_links'],
      `SELECT ${r}.app_id, ${r}.query_id, ${r}.object_id, ${h.links}, ${h.click}, ${h.conversion}, ${h.addToCart}, ${h.purchase}
  WHERE ${r}.object_id IS NOT NULL`,
    ),
  ];
}

/**
 * The link-insert statements of {@link linkStatements} for a whole transaction at once (SQLite's
 * ingest path; see {@link SQLITE_LINK_BATCH}): every `search_links` row with a rowid above
 * `@after` is applied in one pass instead of one trigger run per row. The per-search state moves
 * from `old` to `old + D`, D being the sum of the batch's links of that queryID, and the rollups get
 * `f(old + D) − f(old)`: the sum of what the per-row steps would have added, since each step's
 * change telescopes. Rollup deltas read the state before it changes, so they run first.
 */
function linkBatchStatements(): string[] {
  // NOT INDEXED: else the GROUP BY makes SQLite walk the whole (app_id, query_id) index in order
  // instead of the batch's rowid range and sorting its few rows.
  const fresh = 'FROM search_links l NOT INDEXED WHERE l.rowid > @after';
  const click = "l.kind = 'click'";
  const sum = (expression: string) => `SUM(${expression})`;
  const perSearch = `SELECT l.app_id, l.query_id,
    ${sum(`CASE WHEN ${click} THEN l.counts ELSE 0 END`)} AS clicks,
    ${sum("CASE WHEN l.kind <> 'click' THEN l.counts ELSE 0 END")} AS conversions,
    ${sum("CASE WHEN l.kind = 'addToCart' THEN l.counts ELSE 0 END")} AS add_to_carts,
    ${sum("CASE WHEN l.kind = 'purchase' THEN l.counts ELSE 0 END")} AS purchases,
    ${sum(b('l.position IS NOT NULL'))} AS positions,
    ${sum('COALESCE(l.position, 0)')} AS position_sum,
    ${BUCKETS.map(
      (k) =>
        `${sum(b(`${click} AND l.position IS NOT NULL AND ${BUCKET('l.position')} = ${k}`))} AS ${bucketColumn(k)}`,
    ).join(',\n    ')}
  ${fresh} GROUP BY l.app_id, l.query_id`;
  const perObject = `SELECT l.app_id, l.query_id, l.object_id, COUNT(*) AS links,
    ${sum(b(click))} AS click_links, ${sum(b("l.kind <> 'click'"))} AS conversion_links,
    ${sum(b("l.kind = 'addToCart'"))} AS add_to_cart_links, ${sum(b("l.kind = 'purchase'"))} AS purchase_links
  ${fresh} AND l.object_id IS NOT NULL GROUP BY l.app_id, l.query_id, l.object_id`;

  const old = (column: string) => `COALESCE(st.${column}, 0)`;
  const moved = (o: string, delta: string) => `${b(`${o} + ${delta} > 0`)} - ${b(`${o} > 0`)}`;
  const searchDelta = (extraKey: string) => `WITH d AS (${perSearch})
  SELECT s.app_id, s.index_name, s.timestamp / ${DAY_MS}${extraKey},
    0, 0,
    ${sum(moved(old('clicks'), 'd.clicks'))},
    ${sum(`CASE WHEN s.nb_hits > 0 THEN ${b(`${old('clicks')} + d.clicks = 0`)} - ${b(`${old('clicks')} = 0`)} ELSE 0 END`)},
    ${sum(moved(old('conversions'), 'd.conversions'))},
    ${sum(moved(old('add_to_carts'), 'd.add_to_carts'))},
    ${sum(moved(old('purchases'), 'd.purchases'))},
    ${['clicks', 'conversions', 'add_to_carts', 'purchases', 'positions', 'position_sum'].map((c) => sum(`d.${c}`)).join(', ')}, 0,
    ${BUCKET_COLUMNS.map((c) => sum(`d.${c}`)).join(', ')}
  FROM d JOIN searches s ON s.app_id = d.app_id AND s.query_id = d.query_id
    LEFT JOIN search_stats st ON st.app_id = d.app_id AND st.query_id = d.query_id
  WHERE true GROUP BY s.app_id, s.index_name, s.timestamp / ${DAY_MS}${extraKey}`;

  const oldHit = (column: string) => `COALESCE(so.${column}, 0)`;
  const hitDelta = (extra: string) => `WITH d AS (${perObject})
  SELECT s.app_id, s.index_name, s.timestamp / ${DAY_MS}${extra}, d.object_id,
    ${sum(moved(oldHit('links'), 'd.links'))},
    ${sum(moved(oldHit('click_links'), 'd.click_links'))},
    ${sum(moved(oldHit('conversion_links'), 'd.conversion_links'))},
    ${sum(moved(oldHit('add_to_cart_links'), 'd.add_to_cart_links'))},
    ${sum(moved(oldHit('purchase_links'), 'd.purchase_links'))},
    ${sum('d.click_links')}, ${sum('d.conversion_links')}, ${sum('d.add_to_cart_links')}, ${sum('d.purchase_links')}
  FROM d JOIN searches s ON s.app_id = d.app_id AND s.query_id = d.query_id
    LEFT JOIN search_object_stats so
      ON so.app_id = d.app_id AND so.query_id = d.query_id AND so.object_id = d.object_id
  WHERE true GROUP BY s.app_id, s.index_name, s.timestamp / ${DAY_MS}${extra}, d.object_id`;

  const purchases = `FROM search_links l NOT INDEXED JOIN searches s ON s.app_id = l.app_id AND s.query_id = l.query_id
  WHERE l.rowid > @after AND l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL`;
  const day = `s.timestamp / ${DAY_MS}`;
  return [
    upsert('analytics_days', DAY_KEYS, SEARCH_COUNTERS, searchDelta('')),
    upsert('analytics_queries', QUERY_KEYS, SEARCH_COUNTERS, searchDelta(', s.query')),
    ...HIT_GROUPINGS.map((g) => upsert(g.hits, g.keys, HIT_COUNTERS, hitDelta(g.extra))),
    upsert(
      'analytics_day_revenue',
      [...DAY_KEYS, 'currency'],
      ['revenue', 'links'],
      `SELECT s.app_id, s.index_name, ${day}, l.currency, SUM(l.revenue), COUNT(*)
  ${purchases} GROUP BY s.app_id, s.index_name, ${day}, l.currency`,
    ),
    upsert(
      'analytics_revenue',
      [...QUERY_KEYS, 'currency'],
      ['revenue', 'links'],
      `SELECT s.app_id, s.index_name, ${day}, s.query, l.currency, SUM(l.revenue), COUNT(*)
  ${purchases} GROUP BY s.app_id, s.index_name, ${day}, s.query, l.currency`,
    ),
    ...HIT_GROUPINGS.map((g) =>
      upsert(
        g.revenue,
        [...g.keys, 'currency'],
        ['revenue', 'links'],
        `SELECT s.app_id, s.index_name, ${day}${g.extra}, l.object_id, l.currency, SUM(l.revenue), COUNT(*)
  ${purchases} AND l.object_id IS NOT NULL GROUP BY s.app_id, s.index_name, ${day}${g.extra}, l.object_id, l.currency`,
      ),
    ),
    upsert('search_stats', ['app_id', 'query_id'], STAT_COLUMNS, `SELECT * FROM (${perSearch}) WHERE true`),
    upsert(
      'search_object_stats',
      ['app_id', 'query_id', 'object_id'],
      ['links', 'click_links', 'conversion_links', 'add_to_cart_links', 'purchase_links'],
      `SELECT * FROM (${perObject}) WHERE true`,
    ),
  ];
}

/**
 * The statements adding (sg '') or removing (sg '-') the whole contribution of one tracked search
 * `r` (NEW or OLD): itself, and everything its queryID's links add up to.
 */
function searchStatements(r: string, sg: string): string[] {
  const day = `${r}.timestamp / ${DAY_MS}`;
  const c = (column: string) => `COALESCE(st.${column}, 0)`;
  const contribution = (extraKey: string) => `SELECT ${r}.app_id, ${r}.index_name, ${day}${extraKey},
    ${sg}1, ${sg}${b(`${r}.nb_hits > 0`)}, ${sg}${b(`${c('clicks')} > 0`)},
    ${sg}${b(`${r}.nb_hits > 0 AND ${c('clicks')} = 0`)},
    ${sg}${b(`${c('conversions')} > 0`)}, ${sg}${b(`${c('add_to_carts')} > 0`)}, ${sg}${b(`${c('purchases')} > 0`)},
    ${sg}${c('clicks')}, ${sg}${c('conversions')}, ${sg}${c('add_to_carts')}, ${sg}${c('purchases')},
    ${sg}${c('positions')}, ${sg}${c('position_sum')}, ${sg}${r}.nb_hits,
    ${BUCKET_COLUMNS.map((column) => `${sg}${c(column)}`).join(', ')}
  FROM (SELECT ${r}.app_id AS app_id, ${r}.query_id AS query_id) one
    LEFT JOIN search_stats st ON st.app_id = one.app_id AND st.query_id = one.query_id
  WHERE true`;
  const links = `FROM search_links l WHERE l.app_id = ${r}.app_id AND l.query_id = ${r}.query_id`;
  return [
    upsert('analytics_days', DAY_KEYS, SEARCH_COUNTERS, contribution('')),
    upsert('analytics_queries', QUERY_KEYS, SEARCH_COUNTERS, contribution(`, ${r}.query`)),
    ...HIT_GROUPINGS.map((g) =>
      upsert(
        g.hits,
        g.keys,
        HIT_COUNTERS,
        `SELECT ${r}.app_id, ${r}.index_name, ${day}${g.extra.replace('s.', `${r}.`)}, so.object_id,
    ${sg}${b('so.links > 0')}, ${sg}${b('so.click_links > 0')}, ${sg}${b('so.conversion_links > 0')},
    ${sg}${b('so.add_to_cart_links > 0')}, ${sg}${b('so.purchase_links > 0')},
    ${sg}so.click_links, ${sg}so.conversion_links, ${sg}so.add_to_cart_links, ${sg}so.purchase_links
  FROM search_object_stats so WHERE so.app_id = ${r}.app_id AND so.query_id = ${r}.query_id AND so.links > 0`,
      ),
    ),
    upsert(
      'analytics_day_revenue',
      [...DAY_KEYS, 'currency'],
      ['revenue', 'links'],
      `SELECT ${r}.app_id, ${r}.index_name, ${day}, l.currency, ${sg}SUM(l.revenue), ${sg}COUNT(*)
  ${links} AND l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL GROUP BY l.currency`,
    ),
    upsert(
      'analytics_revenue',
      [...QUERY_KEYS, 'currency'],
      ['revenue', 'links'],
      `SELECT ${r}.app_id, ${r}.index_name, ${day}, ${r}.query, l.currency, ${sg}SUM(l.revenue), ${sg}COUNT(*)
  ${links} AND l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL GROUP BY l.currency`,
    ),
    ...HIT_GROUPINGS.map((g) =>
      upsert(
        g.revenue,
        [...g.keys, 'currency'],
        ['revenue', 'links'],
        `SELECT ${r}.app_id, ${r}.index_name, ${day}${g.extra.replace('s.', `${r}.`)}, l.object_id, l.currency, ${sg}SUM(l.revenue), ${sg}COUNT(*)
  ${links} AND l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL
    AND l.object_id IS NOT NULL GROUP BY l.object_id, l.currency`,
      ),
    ),
  ];
}

const ROLLUP_TABLES = [
  'search_stats',
  'search_object_stats',
  'analytics_days',
  'analytics_queries',
  'analytics_day_revenue',
  'analytics_revenue',
  'analytics_hits',
  'analytics_hit_revenue',
  'analytics_query_hits',
  'analytics_query_hit_revenue',
];

/**
 * Rebuilds every rollup from `searches` and `search_links` when the store's rollups are missing or
 * of another {@link ROLLUP_VERSION} (a store created before they existed): each statement is a
 * no-op otherwise. Runs in the schema transaction, before the triggers matter.
 */
function rebuildStatements(): string[] {
  const stale = `NOT EXISTS (SELECT 1 FROM analytics_rollup_state WHERE version = ${ROLLUP_VERSION})`;
  const day = `s.timestamp / ${DAY_MS}`;
  const c = (column: string) => `COALESCE(st.${column}, 0)`;
  const searchTotals = (extraKey: string) => `SELECT s.app_id, s.index_name, ${day}${extraKey},
    COUNT(*), SUM(${b('s.nb_hits > 0')}), SUM(${b(`${c('clicks')} > 0`)}),
    SUM(${b(`s.nb_hits > 0 AND ${c('clicks')} = 0`)}), SUM(${b(`${c('conversions')} > 0`)}),
    SUM(${b(`${c('add_to_carts')} > 0`)}), SUM(${b(`${c('purchases')} > 0`)}),
    SUM(${c('clicks')}), SUM(${c('conversions')}), SUM(${c('add_to_carts')}), SUM(${c('purchases')}),
    SUM(${c('positions')}), SUM(${c('position_sum')}), SUM(s.nb_hits),
    ${BUCKET_COLUMNS.map((column) => `SUM(${c(column)})`).join(', ')}
  FROM searches s LEFT JOIN search_stats st ON st.app_id = s.app_id AND st.query_id = s.query_id
  WHERE ${stale} GROUP BY s.app_id, s.index_name, ${day}${extraKey}`;
  const joined = 'FROM searches s JOIN search_links l ON l.app_id = s.app_id AND l.query_id = s.query_id';
  const insert = (table: string, columns: readonly string[], select: string) =>
    `INSERT INTO ${table} (${columns.join(', ')}) ${select};`;
  return [
    ...ROLLUP_TABLES.map((t) => `DELETE FROM ${t} WHERE ${stale};`),
    insert(
      'search_stats',
      ['app_id', 'query_id', ...STAT_COLUMNS],
      `SELECT app_id, query_id, SUM(CASE WHEN kind = 'click' THEN counts ELSE 0 END),
    SUM(CASE WHEN kind <> 'click' THEN counts ELSE 0 END), SUM(CASE WHEN kind = 'addToCart' THEN counts ELSE 0 END),
    SUM(CASE WHEN kind = 'purchase' THEN counts ELSE 0 END), COUNT(position), COALESCE(SUM(position), 0),
    ${BUCKETS.map((k) => `SUM(${b(`kind = 'click' AND position IS NOT NULL AND ${BUCKET('position')} = ${k}`)})`).join(', ')}
  FROM search_links WHERE ${stale} GROUP BY app_id, query_id`,
    ),
    insert(
      'search_object_stats',
      [
        'app_id',
        'query_id',
        'object_id',
        'links',
        'click_links',
        'conversion_links',
        'add_to_cart_links',
        'purchase_links',
      ],
      `SELECT app_id, query_id, object_id, COUNT(*), SUM(${b("kind = 'click'")}), SUM(${b("kind <> 'click'")}),
    SUM(${b("kind = 'addToCart'")}), SUM(${b("kind = 'purchase'")})
  FROM search_links WHERE object_id IS NOT NULL AND ${stale} GROUP BY app_id, query_id, object_id`,
    ),
    insert('analytics_days', [...DAY_KEYS, ...SEARCH_COUNTERS], searchTotals('')),
    insert('analytics_queries', [...QUERY_KEYS, ...SEARCH_COUNTERS], searchTotals(', s.query')),
    ...HIT_GROUPINGS.map((g) =>
      insert(
        g.hits,
        [...g.keys, ...HIT_COUNTERS],
        `SELECT s.app_id, s.index_name, ${day}${g.extra}, so.object_id, COUNT(*), SUM(${b('so.click_links > 0')}),
    SUM(${b('so.conversion_links > 0')}), SUM(${b('so.add_to_cart_links > 0')}), SUM(${b('so.purchase_links > 0')}),
    SUM(so.click_links), SUM(so.conversion_links), SUM(so.add_to_cart_links), SUM(so.purchase_links)
  FROM searches s JOIN search_object_stats so ON so.app_id = s.app_id AND so.query_id = s.query_id
  WHERE ${stale} GROUP BY s.app_id, s.index_name, ${day}${g.extra}, so.object_id`,
      ),
    ),
    insert(
      'analytics_day_revenue',
      [...DAY_KEYS, 'currency', 'revenue', 'links'],
      `SELECT s.app_id, s.index_name, ${day}, l.currency, SUM(l.revenue), COUNT(*) ${joined}
  WHERE l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL AND ${stale}
  GROUP BY s.app_id, s.index_name, ${day}, l.currency`,
    ),
    insert(
      'analytics_revenue',
      [...QUERY_KEYS, 'currency', 'revenue', 'links'],
      `SELECT s.app_id, s.index_name, ${day}, s.query, l.currency, SUM(l.revenue), COUNT(*) ${joined}
  WHERE l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL AND ${stale}
  GROUP BY s.app_id, s.index_name, ${day}, s.query, l.currency`,
    ),
    ...HIT_GROUPINGS.map((g) =>
      insert(
        g.revenue,
        [...g.keys, 'currency', 'revenue', 'links'],
        `SELECT s.app_id, s.index_name, ${day}${g.extra}, l.object_id, l.currency, SUM(l.revenue), COUNT(*) ${joined}
  WHERE l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL AND l.object_id IS NOT NULL
    AND ${stale}
  GROUP BY s.app_id, s.index_name, ${day}${g.extra}, l.object_id, l.currency`,
      ),
    ),
    `DELETE FROM analytics_rollup_state WHERE ${stale};`,
    `INSERT INTO analytics_rollup_state (version) SELECT ${ROLLUP_VERSION} WHERE ${stale};`,
  ];
}

const indent = (statements: string[]) => statements.map((s) => `  ${s}`).join('\n');

/**
 * Rollup tables, their one-time rebuild and triggers, for the SQLite schema (after `searches`,
 * `search_links`). Deletes of links and inserts and deletes of searches run triggers; inserted links
 * do not: the store runs {@link SQLITE_LINK_BATCH} once per write transaction instead.
 */
export const SQLITE_ROLLUPS = `${tables(' WITHOUT ROWID')}
${rebuildStatements().join('\n')}
-- Inserted links are applied per transaction by SQLITE_LINK_BATCH (stores before it had a trigger).
-- The triggers are replaced on every open (the schema runs in one transaction): a store written by
-- an older version must not keep trigger bodies that miss newer rollup tables.
DROP TRIGGER IF EXISTS search_links_rollup_insert;
DROP TRIGGER IF EXISTS search_links_rollup_delete;
CREATE TRIGGER search_links_rollup_delete AFTER DELETE ON search_links BEGIN
${indent(linkStatements('OLD', '-'))}
END;
DROP TRIGGER IF EXISTS searches_rollup_insert;
CREATE TRIGGER searches_rollup_insert AFTER INSERT ON searches BEGIN
${indent(searchStatements('NEW', ''))}
END;
DROP TRIGGER IF EXISTS searches_rollup_delete;
CREATE TRIGGER searches_rollup_delete AFTER DELETE ON searches BEGIN
${indent(searchStatements('OLD', '-'))}
END;
`;

/**
 * SQLite: the statements applying every `search_links` row with a rowid above `@after` (the rows
 * one write transaction inserted: rowids only grow while a transaction holds the write lock) to the
 * per-search state and the rollups. Run them, in order, before that transaction commits.
 */
export const SQLITE_LINK_BATCH: readonly string[] = linkBatchStatements();

/** The same for PostgreSQL: plpgsql trigger functions (replaced on every open). */
export const POSTGRES_ROLLUPS = `${tables('')}
${rebuildStatements().join('\n')}
CREATE OR REPLACE FUNCTION sightline_search_links_rollup() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
${indent(linkStatements('NEW', ''))}
  ELSE
${indent(linkStatements('OLD', '-'))}
  END IF;
  RETURN NULL;
END
$rollup$;
CREATE OR REPLACE FUNCTION sightline_searches_rollup() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
${indent(searchStatements('NEW', ''))}
  ELSE
${indent(searchStatements('OLD', '-'))}
  END IF;
  RETURN NULL;
END
$rollup$;
DROP TRIGGER IF EXISTS search_links_rollup ON search_links;
CREATE TRIGGER search_links_rollup AFTER INSERT OR DELETE ON search_links
  FOR EACH ROW EXECUTE FUNCTION sightline_search_links_rollup();
DROP TRIGGER IF EXISTS searches_rollup ON searches;
CREATE TRIGGER searches_rollup AFTER INSERT OR DELETE ON searches
  FOR EACH ROW EXECUTE FUNCTION sightline_searches_rollup();
`;
