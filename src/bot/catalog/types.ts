/** Every user-facing sentence of the bot, one catalogue per locale. */
export interface Catalog {
  inviteHeader: (series: string) => string;
  inviteWhy: string;
  inviteLength: (statements: number, minutes: number) => string;
  anonymityPromise: (k: number) => string;
  deadline: (when: string) => string;
  start: string;
  snooze: string;
  reminderHeader: (series: string) => string;
  reminderText: (when: string) => string;
  resume: string;
  snoozed: (when: string) => string;
  snoozeNoReminder: string;
  questionHeader: (k: number, n: number) => string;
  scaleHint: (low: string, high: string) => string;
  commentHeader: string;
  commentPlaceholder: string;
  commentHint: string;
  send: string;
  skipComment: string;
  thanksHeader: string;
  thanksText: (resultsOn: string) => string;
  alreadyAnswered: string;
  notInvited: string;
  notUnderstood: string;
  helpTitle: string;
  helpLines: string[];
  statusTitle: string;
  statusNone: string;
  statusOpen: (series: string, until: string) => string;
  statusDone: (series: string) => string;
  statusUnit: (unit: string, answered: number, invited: number, percent: number) => string;
  noResults: string;
  channelSet: (channel: string, units: string) => string;
  channelNotLeader: string;
  channelOnlyInTeam: string;
  channelUnknownUnit: (unit: string) => string;
  channelInvite: (channel: string) => string;
  homeDashboard: (url: string) => string;
  notKnown: string;
  digestHeader: (series: string, unit: string) => string;
  digestRate: (responses: number, invited: number, percent: number) => string;
  digestColumns: [string, string, string];
  strengths: (list: string) => string;
  improvements: (list: string) => string;
  digestNext: string;
  digestSuppressed: (unit: string, k: number) => string;
  hrHeader: (series: string) => string;
  hrUnits: (shown: number, hidden: number) => string;
  dashboardLink: (url: string) => string;
  nudgeHeader: (series: string) => string;
  nudgeText: (unit: string, answered: number, invited: number, percent: number, until: string) => string;
  /** A tap or answer that arrives after the round closed. */
  roundClosed: (closedOn: string) => string;
  /** A tap on a round that has not opened yet. */
  roundNotOpen: string;
}
