/**
 * The first module the entry evaluates (see main.tsx): starts the API
 * requests the first screen will need while the rest of the bundle loads.
 */
import { startEarlyRequests } from "./api/early-requests";
import { earlyTimelinePaths } from "./features/timeline/head-start";

startEarlyRequests(earlyTimelinePaths(window.location.pathname, window.location.search));
