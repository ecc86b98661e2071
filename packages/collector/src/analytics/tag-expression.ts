import { CollectorError } from '../http/error-registry.js';

/**
 * An analytics-tags segment (`tags=` of the Analytics API): one tag, or tags combined with `AND` and
 * `OR`. A search matches `{kind:'tag'}` when its reported `analyticsTags` contain that exact string.
 */
export type TagExpression = { kind: 'tag'; tag: string } | { kind: 'and' | 'or'; operands: TagExpression[] };

/** Bounds of a `tags` expression: they keep the SQL it becomes (one predicate per tag) small. */
export const TAG_EXPRESSION_LIMITS = {
  /** Characters of the decoded `tags` parameter. */
  maxLength: 1000,
  /** Tags in one expression. */
  maxTags: 20,
  /** Nested parentheses. */
  maxDepth: 8,
} as const;

type Token = { kind: '(' | ')' | 'AND' | 'OR' | 'tag'; text: string; at: number };

function invalid(detail: string): CollectorError {
  return new CollectorError('TAGS_INVALID', `tags: ${detail}`);
}

/** Splits on spaces and parentheses; `AND`/`OR` are operators only as written (upper case, unencoded). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|[()]|[^\s()]+/g;
  for (const match of text.matchAll(pattern)) {
    const word = match[0];
    const at = (match.index ?? 0) + 1;
    if (/^\s+$/.test(word)) continue;
    if (word === '(' || word === ')' || word === 'AND' || word === 'OR') {
      tokens.push({ kind: word, text: word, at });
      continue;
    }
    // Algolia wants a tag with spaces or parentheses URL-encoded inside the (once-decoded) expression,
    // e.g. device:mobile%20phone; decoding here is what makes `%41ND` the tag "AND".
    let tag: string;
    try {
      tag = decodeURIComponent(word);
    } catch {
      throw invalid(
        `${JSON.stringify(word)} at character ${at} is not valid percent-encoding (a literal % is %25).`,
      );
    }
    tokens.push({ kind: 'tag', text: tag, at });
  }
  return tokens;
}

function describe(token: Token | undefined): string {
  return token === undefined
    ? 'the end of the expression'
    : `${JSON.stringify(token.text)} at character ${token.at}`;
}

/**
 * Parses a `tags` parameter, already URL-decoded once (as a query string is): tags separated by
 * `AND` / `OR`, grouped with parentheses; `AND` binds tighter than `OR`
 * (`a OR b AND c` = `a OR (b AND c)`). Throws `TAGS_INVALID` naming the broken rule and where.
 */
export function parseTagExpression(text: string): TagExpression {
  if (text.length > TAG_EXPRESSION_LIMITS.maxLength) {
    throw invalid(
      `the expression is ${text.length} characters long; at most ${TAG_EXPRESSION_LIMITS.maxLength}.`,
    );
  }
  const tokens = tokenize(text);
  if (tokens.length === 0) throw invalid('the expression is empty.');
  let next = 0;
  let tags = 0;

  const flatten = (kind: 'and' | 'or', operands: TagExpression[]): TagExpression =>
    operands.length === 1 ? operands[0]! : { kind, operands };

  // expression := term (OR term)* ; term := factor (AND factor)* ; factor := tag | "(" expression ")"
  const expression = (depth: number): TagExpression => {
    const operands = [term(depth)];
    while (tokens[next]?.kind === 'OR') {
      next++;
      operands.push(term(depth));
    }
    return flatten('or', operands);
  };
  const term = (depth: number): TagExpression => {
    const operands = [factor(depth)];
    while (tokens[next]?.kind === 'AND') {
      next++;
      operands.push(factor(depth));
    }
    return flatten('and', operands);
  };
  const factor = (depth: number): TagExpression => {
    const token = tokens[next];
    if (token?.kind === 'tag') {
      next++;
      if (++tags > TAG_EXPRESSION_LIMITS.maxTags) {
        throw invalid(`at most ${TAG_EXPRESSION_LIMITS.maxTags} tags per expression.`);
      }
      return { kind: 'tag', tag: token.text };
    }
    if (token?.kind === '(') {
      if (depth >= TAG_EXPRESSION_LIMITS.maxDepth) {
        throw invalid(`parentheses nest deeper than ${TAG_EXPRESSION_LIMITS.maxDepth} levels.`);
      }
      next++;
      const inner = expression(depth + 1);
      const close = tokens[next];
      if (close?.kind !== ')') {
        throw invalid(
          `the "(" at character ${token.at} is not closed: expected ")", got ${describe(close)}.`,
        );
      }
      next++;
      return inner;
    }
    const after = next > 0 ? ` after ${describe(tokens[next - 1])}` : '';
    throw invalid(`expected a tag or "("${after}, got ${describe(token)}.`);
  };

  const parsed = expression(0);
  const rest = tokens[next];
  if (rest !== undefined) {
    throw rest.kind === ')'
      ? invalid(`the ")" at character ${rest.at} closes no "(".`)
      : invalid(`expected AND or OR before ${describe(rest)}.`);
  }
  return parsed;
}
