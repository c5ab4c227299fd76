// The extension's workers fetch only the extension's own files. MediaPipe's audio tasks (1.0.1)
// post usage statistics to odml.pa.googleapis.com once a call has run 30 s, with no option to turn
// that off; with this in place such a fetch fails at once, before any request leaves, and
// MediaPipe stops trying. The privacy promise is "no network requests", whatever a library does.
export function allowOnlyOwnFetches(scope: { fetch: typeof fetch; location: { origin: string } }): void {
  const own = scope.fetch.bind(scope);
  scope.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), scope.location.origin);
    if (url.origin !== scope.location.origin) {
      return Promise.reject(new TypeError(`Listening Coach makes no network requests (refused ${url.origin})`));
    }
    return own(input, init);
  };
}
