// The dashboard's calls to /api. In Teams the session is a bearer token kept
// for this tab only (Teams' frame blocks cookies); in a browser, the cookie.
let bearer = sessionStorage.getItem("pulsen.session");

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

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.error || "error", data.message || res.statusText);
  return data;
}
