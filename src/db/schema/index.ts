/**
 * The database is the truth. Anonymity (DESIGN.md) is a property of this
 * schema: tables about people (people, invitations) and tables about answers
 * (responses, answers, comments) share no column that could join them. The
 * only bridge is a draft, and it lives only while someone is answering.
 */
export * from "./organization";
export * from "./rounds";
export * from "./delivery";
export * from "./answers";
export * from "./webchat";
export * from "./web";
export * from "./plans";
export * from "./audit";
export * from "./appreciations";
