"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { applyLiveEvent, type LiveCache } from "@/lib/live/apply-live-event";
import { liveSocketUrl, openLiveConnection, type LiveState } from "@/lib/live/live-connection";

const LiveStateContext = createContext<LiveState>("connecting");

/** The connection's state, for the "Reconnecting…" notice and the status page's live badge. */
export function useLiveState(): LiveState {
  return useContext(LiveStateContext);
}

function cacheOf(queryClient: QueryClient): LiveCache {
  return {
    get: (key) => queryClient.getQueryData(key),
    set: (key, update) => void queryClient.setQueryData(key, update),
    invalidate: (key) => void queryClient.invalidateQueries({ queryKey: key }),
    remove: (key) => queryClient.removeQueries({ queryKey: key }),
    isFetching: (key) => queryClient.isFetching({ queryKey: key, exact: true }) > 0,
  };
}

/**
 * Opens the tab's one live socket for everything inside the signed-in shell and feeds each
 * message through applyLiveEvent into the query cache. After a reconnect every query is
 * invalidated (the resync), since events may have been missed while the socket was down.
 */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    const cache = cacheOf(queryClient);
    const connection = openLiveConnection({
      url: liveSocketUrl(window.location),
      onMessage: (message) => applyLiveEvent(cache, message),
      onState: setState,
      onResync: () => void queryClient.invalidateQueries(),
    });
    return () => connection.close();
  }, [queryClient]);

  return (
    <LiveStateContext.Provider value={state}>
      {state === "reconnecting" ? (
        <p role="status" className="mb-4 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-fg">
          Reconnecting… Live updates paused; the page catches up when the connection is back.
        </p>
      ) : null}
      {children}
    </LiveStateContext.Provider>
  );
}
