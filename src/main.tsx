// First, before the rest of the bundle is evaluated: the first screen's API requests.
import "./early-start";
// Then zod's settings, before any schema is built.
import "./api/zod-config";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { initTheme } from "./app/theme";
import { catchEarlyDrops } from "./features/upload/early-drops";
import "./index.css";

initTheme();
// Before anything renders: a file dropped while the page starts is uploaded, not opened in its place.
catchEarlyDrops();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
