// The Chat page's limits, without zod: the page imports these and must stay light (and free of
// zod's eval probe, which the pages' CSP blocks).

/** The longest message a member may send. */
export const MAX_CHAT_MESSAGE_CHARS = 4000;
