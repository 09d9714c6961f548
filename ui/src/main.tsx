import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createBackend } from "./backend";
import { createQueryClient } from "./backend/query";
import { SessionGate } from "./features/signin/SessionGate";
import { checkSession } from "./features/signin/session";
import { firstPageOrTimeout, prefetchFirstPage } from "./features/inbox/firstPage";
import { appText } from "./i18n";
import { markPlatform } from "./frame/platform";
import { parseHash } from "./frame/routes";
import "./styles.css";
import "./features/phone/phone.css";

document.documentElement.lang = appText.lang;
markPlatform(document.documentElement, navigator.userAgent);
const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");

/** The longest the window stays empty waiting for the inbox's first page. */
const FIRST_RENDER_WAIT_MS = 250;

const backend = createBackend();
const queries = createQueryClient();
// The inbox's first page is asked for before React starts, and the first render waits a
// moment for it: then the chats are in the first layout and paint, not in a second one.
if (parseHash(window.location.hash).view === "inbox") prefetchFirstPage(backend);
// Who is signed in, asked beside the first page: the first render shows only what the
// role allows, or the sign-in screen. The desktop window answers at once (the owner).
const session = checkSession(backend, { session: window.sessionStorage, device: window.localStorage }, appText.lang);
void Promise.all([session, firstPageOrTimeout(FIRST_RENDER_WAIT_MS)]).then(([initial]) => {
  // Start-up marks, read by the bench's start-up breakdown (like the `rpc …` measures).
  performance.mark("react-render");
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <SessionGate start={backend} initial={initial}>
          {() => <App />}
        </SessionGate>
      </QueryClientProvider>
    </StrictMode>,
  );
});
