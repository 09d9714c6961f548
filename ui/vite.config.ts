import { defineConfig } from "vitest/config";
import type { Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * FullCalendar injects an @font-face for its icon font as a data: URL, which Chromium
 * loads as soon as the rule is inserted and the content security policy (no font-src)
 * refuses, with a console error. The app draws those few icons as text
 * (features/reservations/reservations.css), so the rule is left out of the build.
 */
function withoutFullCalendarIconFont(): Plugin {
  const rule = /@font-face\{font-family:fcicons;[^}]*\}/g;
  return {
    name: "madoguchi-no-fullcalendar-icon-font",
    transform(code, id) {
      if (!id.includes("@fullcalendar/core") || !code.includes("font-family:fcicons;")) return null;
      return { code: code.replace(rule, ""), map: null };
    },
  };
}

// `npm run dev` serves the UI on :5173 (tauri.conf.json devUrl). In a browser it talks
// to `madoguchi-server` through the proxy below; open
// http://localhost:5173/#token=<the token the server printed>.
const server = process.env.MADOGUCHI_SERVER ?? "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [react(), withoutFullCalendarIconFont()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/api": { target: server, changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: ["es2022", "safari16"],
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
