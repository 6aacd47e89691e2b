import type { Migration } from "kysely";
import * as initial from "./2026-11-23T00-initial";
import * as kpiStaleMonths from "./2026-11-23T01-kpi-stale-months";
import * as kpiSummary from "./2026-11-23T02-kpi-summary";
import * as accounts from "./2026-11-23T03-accounts";
import * as moderation from "./2026-11-23T05-moderation";
import * as surveyInvitations from "./2026-11-23T06-survey-invitations";
import * as apiTokens from "./2026-11-23T07-api-tokens";
import * as youSaidWeDid from "./2026-11-23T08-you-said-we-did";
import * as retention from "./2026-11-23T09-retention";
import * as totpReplay from "./2026-11-23T10-totp-replay";
import * as youngPeopleKpis from "./2026-11-23T11-young-people-kpis";
import * as rateLimits from "./2026-11-23T12-rate-limits";
import * as importJobs from "./2026-11-23T13-import-jobs";
import * as dismissedSuggestions from "./2026-12-03T00-dismissed-suggestions";
import * as accountRecovery from "./2026-12-03T01-account-recovery";
import * as responseInvitation from "./2026-12-03T02-response-invitation";
import * as importStaging from "./2026-12-03T05-import-staging";
import * as languageReviews from "./2026-12-03T06-language-reviews";
import * as responseMode from "./2026-12-03T10-response-mode";
import * as networkMembers from "./2026-12-03T14-network-members";
import * as networkCounts from "./2026-12-03T15-network-counts";
import * as installationOperators from "./2026-12-04T20-installation-operators";
import * as kpiCountIndexes from "./2026-12-04T30-kpi-count-indexes";
import * as yswdKeptQuotes from "./2026-12-04T40-yswd-kept-quotes";
import * as importContentHash from "./2026-12-04T41-import-content-hash";
import * as responseRef from "./2026-12-04T42-response-ref";
import * as contactRequests from "./2026-12-04T50-contact-requests";
import * as mailOutbox from "./2026-12-04T51-mail-outbox";
import * as invitationRevocation from "./2026-12-04T52-invitation-revocation";

/**
 * Every migration, by name. Listed here rather than read from the folder so the bundled
 * server and the command-line tools run exactly the same set. Names sort in time order.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-23T00-initial": initial,
  "2026-11-23T01-kpi-stale-months": kpiStaleMonths,
  "2026-11-23T02-kpi-summary": kpiSummary,
  "2026-11-23T03-accounts": accounts,
  "2026-11-23T05-moderation": moderation,
  "2026-11-23T06-survey-invitations": surveyInvitations,
  "2026-11-23T07-api-tokens": apiTokens,
  "2026-11-23T08-you-said-we-did": youSaidWeDid,
  "2026-11-23T09-retention": retention,
  "2026-11-23T10-totp-replay": totpReplay,
  "2026-11-23T11-young-people-kpis": youngPeopleKpis,
  "2026-11-23T12-rate-limits": rateLimits,
  "2026-11-23T13-import-jobs": importJobs,
  "2026-12-03T00-dismissed-suggestions": dismissedSuggestions,
  "2026-12-03T01-account-recovery": accountRecovery,
  "2026-12-03T02-response-invitation": responseInvitation,
  "2026-12-03T05-import-staging": importStaging,
  "2026-12-03T06-language-reviews": languageReviews,
  "2026-12-03T10-response-mode": responseMode,
  "2026-12-03T14-network-members": networkMembers,
  "2026-12-03T15-network-counts": networkCounts,
  "2026-12-04T20-installation-operators": installationOperators,
  "2026-12-04T30-kpi-count-indexes": kpiCountIndexes,
  "2026-12-04T40-yswd-kept-quotes": yswdKeptQuotes,
  "2026-12-04T41-import-content-hash": importContentHash,
  "2026-12-04T42-response-ref": responseRef,
  "2026-12-04T50-contact-requests": contactRequests,
  "2026-12-04T51-mail-outbox": mailOutbox,
  "2026-12-04T52-invitation-revocation": invitationRevocation,
};
