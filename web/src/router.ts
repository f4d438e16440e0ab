// A tiny path router: real paths (/history?device=3) that the server's SPA fallback answers with
// index.html, so a reload or a shared link lands on the same screen.
import { useEffect, useState } from "preact/hooks";

export interface Route {
  path: string;
  params: URLSearchParams;
}

const current = (): Route => ({ path: location.pathname, params: new URLSearchParams(location.search) });

export function navigate(path: string, params: Record<string, string | number | undefined> = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const url = path + (q.size ? `?${q}` : "");
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  dispatchEvent(new PopStateEvent("popstate"));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current());
    addEventListener("popstate", on);
    return () => removeEventListener("popstate", on);
  }, []);
  return route;
}
