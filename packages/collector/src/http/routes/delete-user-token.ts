import { validateEvent } from '@sightline/events';
import { CollectorError } from '../error-registry.js';
import type { Route } from '../router.js';

/**
 * Checks a user token with the event rules of `@sightline/events` (the token rule is not exported
 * on its own, so a minimal valid event carries it), keeping one definition of a valid token.
 */
export function userTokenProblem(token: string): string | null {
  const found = validateEvent(
    { eventName: 'x', eventType: 'view', index: 'x', userToken: token, objectIDs: ['x'] },
    '',
    {
      acceptNumericUserToken: false,
    },
  );
  return found ? found.message.replace(/^userToken: /, '') : null;
}

/** Longest token {@link deletableTokenProblem} accepts, in characters (code points). */
export const MAX_DELETABLE_TOKEN_LENGTH = 512;

/**
 * Why a token cannot be deleted, or null. Deliberately looser than the event rules (and than
 * Algolia, which validates the token): refused events are stored whatever their token, so a token
 * sent by mistake, such as an e-mail address, must be erasable too. Only empty and over-long tokens
 * are refused.
 */
export function deletableTokenProblem(token: string): string | null {
  const length = [...token].length;
  if (length === 0) return 'The token is empty.';
  if (length > MAX_DELETABLE_TOKEN_LENGTH)
    return `The token has ${length} characters; at most ${MAX_DELETABLE_TOKEN_LENGTH}.`;
  return null;
}

/**
 * `DELETE /1/usertokens/{userToken}`: deletes every entry (accepted or refused, user or
 * authenticated token) and tracked search of that token for the key's application. Algolia does it
 * within 48 h; here it is done, committed, before the 204.
 */
export const deleteUserToken: Route = {
  method: 'DELETE',
  path: '/1/usertokens/:userToken',
  acl: 'deleteObject',
  async handle(ctx) {
    const token = ctx.params.userToken ?? '';
    const problem = deletableTokenProblem(token);
    if (problem) throw new CollectorError('USER_TOKEN_INVALID', problem);
    const removed = await ctx.services.store.deleteUserToken(ctx.appId, token);
    ctx.services.logger.debug('user token deleted', { appId: ctx.appId, ...removed });
    ctx.res.statusCode = 204;
    ctx.res.end();
  },
};
