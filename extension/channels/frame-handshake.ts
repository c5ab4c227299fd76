// Route: the content script → the extension frame's window, once: a window.postMessage carrying
// the tab's secret and the private port of content-frame.ts. The meeting page can post to the
// frame too (it is in its DOM), so the frame takes only one connection, and only with the secret,
// which comes from the background to this tab's content script and to the frame and never to the page.

/** window.postMessage type of the handshake. */
const CONNECT_FRAME = 'listening-coach/connect';

interface Handshake {
  type: typeof CONNECT_FRAME;
  token: string | null;
}

/** Content script side: hands the loaded frame its port. */
export function offerFramePort(frame: HTMLIFrameElement, token: string | null, port: MessagePort): void {
  frame.contentWindow?.postMessage({ type: CONNECT_FRAME, token } satisfies Handshake, new URL(frame.src).origin, [
    port,
  ]);
}

/** Frame side: calls `serve` with the port of the first handshake from the parent that shows `token`. */
export function acceptFramePort(token: Promise<string | null>, serve: (port: MessagePort) => void): void {
  let served = false;
  window.addEventListener('message', (event: MessageEvent<Partial<Handshake> | null>) => {
    const port = event.ports[0];
    if (served || event.source !== window.parent || event.data?.type !== CONNECT_FRAME || !port) return;
    const offered = event.data.token;
    void token.then((expected) => {
      if (served || !expected || offered !== expected) return;
      served = true;
      serve(port);
    });
  });
}
