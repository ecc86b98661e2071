// Compile-time check (run by the root `tsc --noEmit`): code typed against search-insights accepts
// Sightline's client and types. Not a test file: nothing here executes.
import type * as Theirs from 'search-insights';
import type * as Ours from '../src/entry/browser.js';

// Code keeps compiling when its `from 'search-insights'` imports become `from '@sightline/insights'`,
// and our client goes where search-insights' `InsightsClient` is expected (InstantSearch's
// `insightsClient`, Autocomplete's plugin): our method map is keyed on exactly search-insights'
// commands, the extra ones are a separate overload.
declare const ours: Ours.InsightsClient;
const asTheirs: Theirs.InsightsClient = ours;
const theirMap: Theirs.InsightsMethodMap = {} as Ours.InsightsMethodMap;

const theirEvent: Theirs.InsightsEvent = { eventType: 'click', eventName: 'e', index: 'i', objectIDs: ['o'] };
const ourEvent: Ours.InsightsEvent = theirEvent;
const backToTheirs: Theirs.InsightsEvent = ourEvent;
const params: Ours.InsightsAdditionalEventParams = {} as Theirs.InsightsAdditionalEventParams;
const init: Parameters<Ours.Init>[1] = {} as Parameters<Theirs.Init>[1];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameObjectData: Same<Ours.InsightsEventObjectData, Theirs.InsightsEventObjectData> = true;
const sameSubType: Same<Ours.InsightsEventConversionSubType, Theirs.InsightsEventConversionSubType> = true;

// Typed calls written for search-insights compile unchanged.
ours('init', { appId: 'a', apiKey: 'k', useCookie: true, region: 'de', partial: true });
ours('clickedObjectIDsAfterSearch', {
  eventName: 'e',
  index: 'i',
  queryID: 'q',
  objectIDs: ['o'],
  positions: [1],
});
ours(
  'purchasedObjectIDsAfterSearch',
  { eventName: 'e', index: 'i', objectIDs: ['o'], objectData: [{ queryID: 'q', price: 1 }] },
  { inferQueryID: true },
);
ours('getUserToken', {}, (_err, token) => token);
ours('onUserTokenChange', (token) => token, { immediate: true });
const version: string | undefined = ours.version;
// Sightline's extra commands stay typed.
ours('setAnonymousUserToken', true);
ours('saveTokenAsCookie');
// @ts-expect-error an unknown command name is a type error, as with search-insights
ours('notACommand');

export { asTheirs, backToTheirs, init, params, sameObjectData, sameSubType, theirMap, version };
