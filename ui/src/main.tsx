import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createBackend } from "./backend";
import { BackendProvider } from "./backend/react";
import { t } from "./i18n";
import "./styles.css";

document.documentElement.lang = t.lang;
const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");

createRoot(root).render(
  <StrictMode>
    <BackendProvider backend={createBackend()}>
      <App />
    </BackendProvider>
  </StrictMode>,
);
