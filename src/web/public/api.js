// @ts-check
// The dashboard's calls to /api. In Teams the session is a bearer token kept
// for this tab only (Teams' frame blocks cookies); in a browser, the cookie.
/** @typedef {import("../api-types").ApiMethod} ApiMethod */
/** @typedef {import("../api-types").ApiErrorBody} ApiErrorBody */

let bearer = sessionStorage.getItem("pulsen.session");
/** @type {import("../api-types").Locale | null} */
let language = null;

/**
 * The host's language (Teams), which wins over the person's own for names of factors and statements.
 * @param {import("../api-types").Locale} locale
 */
export function useLanguage(locale) {
  language = locale;
}

/** Whether the session is a bearer token (the Teams tab), which a page opened by navigation would not carry. */
export function hasBearer() {
  return bearer !== null;
}

/** @param {string} token */
export function useBearer(token) {
  bearer = token;
  sessionStorage.setItem("pulsen.session", token);
}

export function forgetBearer() {
  bearer = null;
  sessionStorage.removeItem("pulsen.session");
}

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code the body's `error`
   * @param {string} message
   * @param {string[]} details one line per problem (a CSV's bad lines, an instrument's bad fields)
   */
  constructor(status, code, message, details = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function baseHeaders() {
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (language) headers["X-Pulsen-Locale"] = language;
  return headers;
}

/**
 * One call; the path decides the answer's type (src/web/api-types.ts's ApiRoutes), and a path the API
 * does not have is a type error.
 * @template {ApiMethod} M
 * @template {import("../api-types").ApiPath<M>} P
 * @param {M} method
 * @param {P} path
 * @param {unknown} [body]
 * @returns {Promise<import("../api-types").ApiResponse<M, P>>}
 */
export async function api(method, path, body) {
  const headers = baseHeaders();
  // A file (an upload) goes as it is; anything else as JSON.
  const file = body instanceof Blob;
  if (body !== undefined) headers["Content-Type"] = file ? body.type || "application/octet-stream" : "application/json";
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : file ? body : JSON.stringify(body),
    credentials: "same-origin",
  });
  /** @type {unknown} */
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = /** @type {Partial<ApiErrorBody>} */ (data);
    throw new ApiError(res.status, err.error || "error", err.message || res.statusText, err.details ?? []);
  }
  // A write that worked: lists elsewhere on the page (the plans overview) refresh themselves.
  if (method !== "GET") document.dispatchEvent(new CustomEvent("pulsen:saved", { detail: { method, path } }));
  // Trusted, not checked: the server's handlers are annotated with the same types.
  return /** @type {import("../api-types").ApiResponse<M, P>} */ (data);
}

/**
 * A caught error's words: an ApiError's is the server's reason.
 * @param {unknown} e
 */
export function errorMessage(e) {
  return e instanceof Error ? e.message : String(e);
}

/** The session and language headers, for a download through fetch. */
api.headers = baseHeaders;
