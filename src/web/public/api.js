// The dashboard's calls to /api. In Teams the session is a bearer token kept
// for this tab only (Teams' frame blocks cookies); in a browser, the cookie.
let bearer = sessionStorage.getItem("pulsen.session");
let language = null;

/** The host's language (Teams), which wins over the person's own for names of factors and statements. */
export function useLanguage(locale) {
  language = locale;
}

export function useBearer(token) {
  bearer = token;
  sessionStorage.setItem("pulsen.session", token);
}

export function forgetBearer() {
  bearer = null;
  sessionStorage.removeItem("pulsen.session");
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function baseHeaders() {
  const headers = { Accept: "application/json" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (language) headers["X-Pulsen-Locale"] = language;
  return headers;
}

export async function api(method, path, body) {
  const headers = baseHeaders();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.error || "error", data.message || res.statusText);
  return data;
}

/** The session and language headers, for a download through fetch. */
api.headers = baseHeaders;
