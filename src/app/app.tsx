import { LibraryPage } from "../features/library/library-page";
import { UploadButton } from "../features/library/upload/upload-button";
import { UploadPanel } from "../features/library/upload/upload-panel";
import { UploadQueueProvider } from "../features/library/upload/upload-queue-provider";
import { AppShell } from "./app-shell";
import { AppProvider } from "./provider";

export function App() {
  return (
    <AppProvider>
      <UploadQueueProvider>
        <AppShell actions={<UploadButton />}>
          <LibraryPage />
        </AppShell>
        <UploadPanel />
      </UploadQueueProvider>
    </AppProvider>
  );
}
