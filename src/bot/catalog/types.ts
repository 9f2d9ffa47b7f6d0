/** The pages a personal link opens (e-mail and SMS): the chrome around the conversation. */
export interface LinkPageTexts {
  /** The landing page's line under the round's name: anonymous, a few minutes. */
  intro: string;
  /** The link is the person's own, like a password. */
  personal: string;
  /** When the round closes, in the person's language and zone. */
  deadline: (when: string) => string;
  start: string;
  /** The button when the person has started before. */
  resume: string;
  closedTitle: string;
  closedText: (round: string) => string;
  unknownTitle: string;
  unknownText: string;
  tooManyTitle: string;
  tooManyText: string;
  /** A post the page could not read. */
  notUnderstoodTitle: string;
  notUnderstoodText: string;
  backToSurvey: string;
}

/** Every user-facing sentence of the bot, one catalogue per locale. */
export interface Catalog {
  linkPage: LinkPageTexts;
  inviteHeader: (series: string) => string;
  inviteWhy: string;
  /** How much is asked: statements, and the questions about the last action plan (0 when there is none). */
  inviteLength: (statements: number, planQuestions: number, minutes: number) => string;
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
  /** Goes one step back, to change an answer before sending. */
  back: string;
  /** Under a statement someone has answered and come back to: never what they chose. */
  changeHint: string;
  /** A Back from the first statement (only a forged or replayed tap can ask for it). */
  nothingBefore: string;
  /** Whose plan a follow-up question is about: the person's own unit, or a unit above it by name. */
  followUpOwnPlan: string;
  followUpPlanOf: (unit: string) => string;
  commentHeader: string;
  commentPlaceholder: string;
  commentHint: string;
  send: string;
  skipComment: string;
  thanksHeader: string;
  thanksText: (resultsOn: string) => string;
  /** A tap that waits for the database (another process holds it): the card is rewritten once it is stored. */
  tapReceived: string;
  alreadyAnswered: string;
  notInvited: string;
  notUnderstood: string;
  helpTitle: string;
  /** The help's lines, written the way this platform types a command (`cmd`), and how to choose a channel there. */
  helpLines: (h: { cmd: (word: string) => string; channel: string | null }) => string[];
  /** How to choose a channel: Slack names it in the command, Teams is typed in the team channel. */
  helpChannel: { slack: string; teams: string };
  /** A word Pulsen does not know, before the help. */
  unknownCommand: (word: string) => string;
  /** Slack: `channel` typed outside a channel without naming one. */
  channelNeedsName: string;
  /** The web chat has no channels. */
  channelNotHere: string;
  statusTitle: string;
  statusNone: string;
  statusOpen: (series: string, until: string) => string;
  statusDone: (series: string) => string;
  statusUnit: (unit: string, answered: number, invited: number, percent: number) => string;
  /** A unit too small to be shown alone while a round is open: named inside the unit it is counted in. */
  countedIn: (unit: string, above: string) => string;
  noResults: string;
  channelSet: (channel: string, units: string) => string;
  channelNotLeader: string;
  channelOnlyInTeam: string;
  channelUnknownUnit: (unit: string) => string;
  channelInvite: (channel: string) => string;
  homeDashboard: (url: string) => string;
  signInLink: (minutes: number) => string;
  dashboardOpen: string;
  dashboardNoAccess: string;
  /** Results are shown only where the person alone reads them. */
  /** Status is shown only where the person alone reads it. */
  statusOnlyPersonal: string;
  resultsOnlyPersonal: string;
  dashboardOnlyPersonal: string;
  notKnown: string;
  digestHeader: (series: string, unit: string) => string;
  digestRate: (responses: number, invited: number, percent: number) => string;
  digestColumns: [string, string, string];
  strengths: (list: string) => string;
  improvements: (list: string) => string;
  digestNext: string;
  digestSuppressed: (unit: string, k: number) => string;
  /** A factor hidden inside a shown digest: its score cell, and the line that says why. */
  digestHiddenCell: string;
  digestHiddenNote: (k: number) => string;
  /** Why a digest shows no change since last time for a group that changed by 1..k−1 people (rule 10). */
  digestTrendWithheld: (k: number) => string;
  hrHeader: (series: string) => string;
  hrUnits: (shown: number, hidden: number) => string;
  dashboardLink: (url: string) => string;
  planCreate: string;
  digestFollowUp: (area: string, better: number, same: number, worse: number) => string;
  homePlan: (unit: string, done: number, total: number, overdue: number) => string;
  measureRemindTitle: string;
  measureAskTitle: string;
  measureLine: (unit: string, deadline: string) => string;
  measureStatus: Record<"not_started" | "in_progress" | "done", string>;
  measureThanks: (status: string) => string;
  measureNotYours: string;
  planProgress: (measure: string, who: string, status: string, done: number, total: number) => string;
  planProgressTitle: (unit: string) => string;
  nudgeHeader: (series: string) => string;
  nudgeText: (unit: string, answered: number, invited: number, percent: number, until: string) => string;
  /** A tap or answer that arrives after the round closed. */
  roundClosed: (closedOn: string) => string;
  /** What an unanswered invitation or question says once the round has closed (updated in place). */
  surveyClosed: (closedOn: string) => string;
  /** A tap on a round that has not opened yet. */
  roundNotOpen: string;
  /** Around a personal link in an e-mail or SMS (DESIGN.md "Reaching everyone"): it is a secret. */
  linkPersonal: string;
  /** Under the e-mail's button: the address as text, for a mail client that shows no button. */
  linkFallback: string;
  /** The e-mail's last line, with the sender's name from MAIL_FROM. */
  mailSignOff: (sender: string) => string;
  /** An e-mail whose buttons only work in chat (a measure's status): where to do it instead. */
  mailChatOnly: string;
  /**
   * SMS: short, GSM-7 characters only (one 160-character segment before the link), the link last. Never a
   * figure or an answer: a text lands on a lock screen. `until` is a short date and time ("7. des., 17:00").
   */
  smsInvite: (org: string, minutes: number, until: string, url: string) => string;
  smsRemind: (org: string, minutes: number, until: string, url: string) => string;
  /** Anything else (results, a measure, a nudge): only that there is something new, and where to look. */
  smsNews: (org: string, url: string) => string;
  // The action plan made in chat (src/bot/plan-making.ts).
  /** The digest's button that opens the plan's form in chat; the web app's link keeps `planCreate`. */
  planInChat: string;
  /** A modal's title: Slack allows 24 characters. */
  planModalTitle: string;
  planFormTitle: (unit: string) => string;
  planFormIntro: string;
  planFixErrors: string;
  planPreserve: (max: number) => string;
  planImprove: (max: number) => string;
  planChooseAreas: string;
  planChooseArea: string;
  planMeasureN: (n: number) => string;
  planMeasureText: string;
  planMeasurePlaceholder: string;
  planMeasureArea: string;
  planMeasureWho: string;
  planWhoPlaceholder: string;
  planMeasureDue: string;
  planShare: string;
  planSave: string;
  planSearch: string;
  planExisting: (lines: string) => string;
  /** Anyone but the unit's leaders and HR. */
  planOnlyLeader: string;
  planRequired: string;
  planDateInvalid: string;
  planAreaNotChosen: string;
  planNotInUnit: string;
  planSaved: (unit: string, added: number) => string;
  planFocusLine: (preserve: string, improve: string) => string;
  planMeasureItem: (text: string, who: string, due: string) => string;
  planSharedNote: string;
  planAddMore: string;
  /** The plan as shared to the unit's leader channel. */
  planSharedHeader: (unit: string, by: string) => string;
  // Action plans: the follow-up that does not let go, and the appreciative question (plans helper).
  /** Title of a reminder `days` before a measure's deadline. */
  measureRemindIn: (days: number) => string;
  /** The status question on the deadline day. */
  measureAskToday: string;
  /** The third status button: the measure needs a later deadline. */
  measureLater: string;
  /** Above the choice of new deadlines. */
  measureLaterAsk: string;
  measureMoved: (deadline: string) => string;
  /** To the unit's leaders, once, when a measure is past its deadline and not done. */
  measureEscalateTitle: string;
  measureEscalateText: (who: string, deadline: string) => string;
  /** The monthly progress note; `month` as "desember 2026". */
  planMonthTitle: (unit: string, month: string) => string;
  planMonthSummary: (done: number, inProgress: number, overdue: number, total: number) => string;
  planMonthColumns: [string, string, string];
  measureOverdue: string;
  /** The round after a plan: the open question, after the focus areas (Idébanken's appreciative follow-up). */
  appreciativeTitle: string;
  appreciativeHelp: string;
  appreciativePlaceholder: string;
  /** In a digest: how many answered it, and where to read them (the texts stay in the app). */
  appreciativeDigest: (n: number) => string;
}
