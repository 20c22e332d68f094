import { type ReactNode, useState } from "react";
import { EmptyTimeline, TimelineError, TimelineSkeleton } from "./timeline-states";
import { TimelineView } from "./timeline-view";
import { parseAt } from "./url-position";
import { useTimelineDays } from "./use-timeline-days";

/**
 * The library as a timeline: every live asset, newest first, by day. The
 * page shows the truth about loading: a skeleton until the day counts are
 * in, an error with Retry when they cannot be read, an invitation when the
 * library is empty (`emptyAction` is how to add photos, given by the app).
 */
export function TimelinePage({ emptyAction }: { emptyAction?: ReactNode }) {
  // The position in the URL when the page opens: its days are loaded first.
  const [focusAt] = useState(() => parseAt(window.location.search));
  const days = useTimelineDays(focusAt);

  if (days.status === "pending") return <TimelineSkeleton />;
  if (days.status === "error") {
    return <TimelineError error={days.error} onRetry={() => void days.retry()} retrying={days.retrying} />;
  }
  if (days.data.days.length === 0) return <EmptyTimeline action={emptyAction} />;
  return <TimelineView data={days.data} />;
}
