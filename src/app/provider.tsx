import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ApiError } from "../api/client";

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change on its own; an unreachable server is shown quickly, with a Retry button.
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.kind === "http" && error.status < 500) return false;
          if (error instanceof ApiError && error.isUnreachable) return failureCount < 1;
          return failureCount < 2;
        },
      },
    },
  });
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
