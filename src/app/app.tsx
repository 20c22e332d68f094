import { Link, Route, Switch } from "wouter";
import { Toaster } from "../components/ui/toast";
import { AssetViewer } from "../features/asset-viewer/asset-viewer";
import { TimelinePage } from "../features/timeline/timeline-page";
import { UploadButton } from "../features/upload/upload-button";
import { UploadDropZone } from "../features/upload/upload-drop-zone";
import { UploadPanel } from "../features/upload/upload-panel";
import { UploadQueueProvider } from "../features/upload/upload-queue-provider";
import { AppShell } from "./app-shell";
import { AppProvider } from "./provider";
import { TimelineActions } from "./timeline-actions";
import { TrashRoute } from "./trash-route";

/**
 * Routes: `/` is the library (`?at=YYYY-MM[-DD]` keeps the position);
 * `/asset/<id>` opens the asset over it, so Back closes it and the library
 * underneath keeps its scroll position. `/trash` is the Trash.
 */
export function App() {
  return (
    <AppProvider>
      <UploadQueueProvider>
        <AppShell
          actions={
            <>
              <Link
                href="/trash"
                className="rounded-md px-2.5 py-1.5 text-sm font-medium hover:bg-neutral-100 dark:hover:bg-neutral-800"
              >
                Trash
              </Link>
              <UploadButton compact />
            </>
          }
        >
          <Switch>
            <Route path="/trash">
              <TrashRoute />
            </Route>
            <Route>
              <TimelineActions>
                <TimelinePage emptyAction={<UploadButton label="Upload photos" variant="primary" />} />
              </TimelineActions>
            </Route>
          </Switch>
        </AppShell>
        <Route path="/asset/:id">{(params) => <AssetViewer id={params.id} />}</Route>
        <UploadPanel />
        <Toaster />
        <UploadDropZone />
      </UploadQueueProvider>
    </AppProvider>
  );
}
