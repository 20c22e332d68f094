import { useQuery } from "@tanstack/react-query";
import { connectionQueries } from "../features/connection/get-connection";
import { TrashPage } from "../features/trash/trash-page";

/** The Trash, told how long this server keeps trashed items (the connection config says; features do not import each other). */
export function TrashRoute() {
  const config = useQuery(connectionQueries.config());
  const retentionDays = config.data?.mode === "local" ? config.data.trash_retention_days : undefined;
  return <TrashPage retentionDays={retentionDays} />;
}
