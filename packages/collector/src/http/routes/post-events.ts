import { randomUUID } from 'node:crypto';
import { formatIssue, validateBatch } from '@sightline/events';
import type { EntryIssue, RecordedRequest } from '../../store/event-store.js';
import { deviceClass, recordHeaders } from '../client-info.js';
import { CollectorError } from '../error-registry.js';
import { listEventErrors } from '../event-errors.js';
import { parseJsonBody, readBody } from '../read-body.js';
import { sendError, sendJson, sendValidationError } from '../respond.js';
import type { Route } from '../router.js';

/** The body the Insights API and its conformance tests expect on success. */
const OK_BODY = { status: 200, message: 'OK' } as const;

/**
 * `POST /1/events`: read, parse and validate the whole batch, then store it in one transaction and
 * answer 200 only after the commit. A refused request is recorded too (every event with the status,
 * the culprits with their issues; an unreadable body as one entry with `event: null`) so the
 * debugger can show why, but none of it counts as accepted.
 */
export const postEvents: Route = {
  method: 'POST',
  path: '/1/events',
  acl: 'search',
  async handle(ctx) {
    const { store } = ctx.services;
    const base = (): Omit<RecordedRequest, 'status' | 'accepted' | 'entries'> => {
      const headers = recordHeaders(ctx.req, ctx.query);
      return {
        appId: ctx.appId,
        requestId: randomUUID(),
        receivedAt: ctx.receivedAt,
        headers,
        device: deviceClass(headers.userAgent),
      };
    };

    let body: unknown;
    try {
      body = parseJsonBody(await readBody(ctx.req));
    } catch (error) {
      if (!(error instanceof CollectorError)) throw error;
      const issue: EntryIssue = { code: error.code, field: 'body', message: error.message, fix: error.fix };
      await store.appendRequest({
        ...base(),
        status: error.status,
        accepted: false,
        entries: [{ event: null, errors: [issue] }],
      });
      return sendError(ctx.res, error);
    }

    const result = validateBatch(body, ctx.services.validation(ctx.receivedAt));
    if (!result.ok) {
      const entries =
        result.eventIndex === -1
          ? [{ event: null, errors: [result.issue] }]
          : result.events.map((event, i) => {
              const found = result.eventIssues[i];
              return { event, errors: found ? [found] : [] };
            });
      await store.appendRequest({ ...base(), status: 422, accepted: false, entries });
      return sendValidationError(
        ctx.res,
        result.issue.code,
        formatIssue(result.issue),
        listEventErrors(result),
      );
    }

    await store.appendRequest({
      ...base(),
      status: 200,
      accepted: true,
      entries: result.events.map((event) => ({ event, errors: [] })),
    });
    sendJson(ctx.res, 200, OK_BODY);
  },
};
