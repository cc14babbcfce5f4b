/**
 * Every WebSocket path the gateway accepts. The auth test walks this list and proves each
 * refuses an upgrade without credentials or from another origin.
 */
export const WS_PATHS = ["/api/ws/live", "/api/ws/logs", "/api/ws/exec"] as const;

export type WsPath = (typeof WS_PATHS)[number];
