// Generated from GET /api/openapi.json by `deno task openapi:types` (openapi-typescript).
// Do not edit: change the routes' schemas and regenerate; a test fails when this file is stale.
// deno-fmt-ignore-file
// deno-lint-ignore-file
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service health */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/scrapers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ingestion status per feed */
        get: operations["getScraperHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (the first one becomes admin) */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a session */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a refresh token */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session, or every session with all=true */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of this account */
        post: operations["logoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's live sessions */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of this account's sessions */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's API keys */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key (shown once) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One API key */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests made with a key: per hour for 48 hours, per UTC day for 30 days */
        get: operations["getApiKeyUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every account, in registration order (then by email) */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an account's role or disable it */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first, filtered and paged */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/database": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database health */
        get: operations["getDatabaseHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The series catalog, paged and searched */
        get: operations["listSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One series */
        get: operations["getSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/observations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Observations of one or more series, columnar, CSV or Parquet */
        get: operations["getObservations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cross-section": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every settlement point of a price family at one instant */
        get: operations["getCrossSection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cross-section/top": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top settlement points of a price family by an aggregate over a window */
        get: operations["getCrossSectionTop"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settlement point prices by Central date (original dashboard API) */
        get: operations["getSettlementPrices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/demand-forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Load forecast against actual load (original dashboard API) */
        get: operations["getDemandForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/capacity-monitor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Latest demand, available capacity and reserves */
        get: operations["getCapacityMonitor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/grid-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current grid condition, EEA level and PRC */
        get: operations["getGridStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's alert rules */
        get: operations["listAlertRules"];
        put?: never;
        /** Create an alert rule */
        post: operations["createAlertRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert rule with its state */
        get: operations["getAlertRule"];
        /** Replace an alert rule (its evaluation state starts afresh) */
        put: operations["replaceAlertRule"];
        post?: never;
        /** Delete an alert rule and its events */
        delete: operations["deleteAlertRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/rules/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable an alert rule */
        post: operations["enableAlertRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/rules/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable an alert rule */
        post: operations["disableAlertRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's alert events, newest first */
        get: operations["listAlertEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert event with its webhook deliveries */
        get: operations["getAlertEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/events/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an alert event (the first acknowledgement is kept) */
        post: operations["acknowledgeAlertEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/events/{id}/ack-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Acknowledge an alert event through the signed link a notification carries
         * @description Works without signing in until the link expires (seven days after the event)
         */
        get: operations["acknowledgeAlertEventByLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/builtin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in alert rules and this account's subscriptions */
        get: operations["listBuiltinAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/builtin/{builtin}/subscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Subscribe to a built-in rule, or change the subscription's channels */
        post: operations["subscribeBuiltinAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/builtin/{builtin}/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a subscription to a built-in rule */
        post: operations["unsubscribeBuiltinAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/builtin/{builtin}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Changes of ERCOT's grid condition level, newest first */
        get: operations["listGridConditionChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/visualizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's chart requests, newest first */
        get: operations["listVisualizations"];
        put?: never;
        /** Turn a plain-English request into a chart: spec, preview, SQL; save it on request */
        post: operations["createVisualization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/visualizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one history entry (a saved panel stays) */
        delete: operations["deleteVisualization"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/visualizations/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete this account's whole request history */
        post: operations["clearVisualizations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ai": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plain-English chart provider configuration (never calls AWS) */
        get: operations["getAiHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/builtin-dashboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The built-in dashboards */
        get: operations["listBuiltinDashboards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/builtin-dashboards/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One built-in dashboard */
        get: operations["getBuiltinDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/available-panels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every built-in panel, to add to a dashboard */
        get: operations["listAvailablePanels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's dashboards */
        get: operations["listDashboards"];
        put?: never;
        /** Create a dashboard */
        post: operations["createDashboard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the user's dashboards, with its panels */
        get: operations["getDashboard"];
        /** Change title, default range, refresh, position or the whole panel list */
        put: operations["updateDashboard"];
        post?: never;
        /** Delete a dashboard and its panels */
        delete: operations["deleteDashboard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Reorder the panels: list every panel id once */
        put: operations["reorderPanels"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy a dashboard with its panels */
        post: operations["duplicateDashboard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every panel's data, over its own range or the one given */
        get: operations["getDashboardData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/panels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dashboard's panels, in order */
        get: operations["listPanels"];
        put?: never;
        /** Add a panel after the others */
        post: operations["addPanel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/panels/{panelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One panel */
        get: operations["getPanel"];
        /** Change a panel's spec or cell */
        put: operations["updatePanel"];
        post?: never;
        /** Remove a panel */
        delete: operations["deletePanel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn on the read-only share link */
        post: operations["shareDashboard"];
        /** Revoke the share link */
        delete: operations["unshareDashboard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shared dashboard, without an account */
        get: operations["getSharedDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shared dashboard's panel data, without an account */
        get: operations["getSharedDashboardData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/grafana": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the user's dashboards as Grafana JSON to import */
        get: operations["getDashboardGrafanaJson"];
        put?: never;
        /** Push a dashboard to Grafana */
        post: operations["deployDashboardToGrafana"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/builtin-dashboards/{uid}/grafana": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A built-in dashboard as Grafana JSON to import */
        get: operations["getBuiltinDashboardGrafanaJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/grafana": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether Grafana answers */
        get: operations["getGrafanaHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboards/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the user's dashboards as PDF */
        get: operations["getDashboardPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/explore/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An Explore view (series and an expression over a window) as PDF */
        get: operations["getExplorePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live events (Server-Sent Events) with resume */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stream/ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A single-use ticket for the stream, valid 60 s
         * @description For EventSource, which cannot send headers: open `/api/v1/stream?ticket=<ticket>` with it. It acts as the credential that asked for it.
         */
        post: operations["createStreamTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live events over a WebSocket, with resume
         * @description Open with a WebSocket client (`Upgrade: websocket`). Each event is one text message `{"id", "type", "data"}`, the `data` of the SSE stream. Resume with `?last_event_id=`; a browser authenticates with `?ticket=` from POST /api/v1/stream/ticket, never `?access_token=`.
         */
        get: operations["streamEventsWebSocket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            /** @enum {string} */
            database: "embedded" | "postgres";
            database_ok: boolean;
            database_latency_ms: number | null;
            timescaledb: boolean;
            timescaledb_version: string | null;
            /** @enum {string} */
            rollups: "timescale" | "portable";
            migration_version: number;
            server_version: number;
            uptime_seconds: number;
            started_at: string;
        };
        Scrapers: {
            ingest_enabled: boolean;
            leader: boolean | null;
            feeds: {
                feed: string;
                title: string;
                schedule: string;
                last_run_status: string | null;
                last_run_at: string | null;
                last_success_at: string | null;
                last_data_at: string | null;
                lag_seconds: number | null;
                stale: boolean;
                last_error: string | null;
                last_error_at: string | null;
                /** @description When this replica attempts the feed next: the sooner of its catch-up run at start and its next cron tick, and while backing off the first tick after the back-off; null when ingestion does not run here or the cron never fires again */
                next_attempt_at: string | null;
                /** @enum {string|null} */
                next_attempt_reason: "cron" | "catch-up" | "back-off" | null;
                /** @description Failed runs in a row on this replica; 0 once the source answers again */
                consecutive_failures: number;
                /** @description Ticks before this instant are not attempted (the source is failing) */
                backoff_until: string | null;
            }[];
        };
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            /** @enum {string} */
            role: "viewer" | "user" | "admin";
            disabled: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_login_at: string | null;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
            /** @description The request parameter at fault */
            parameter?: string;
            /** @description The answer's X-Request-Id, to quote when reporting a problem */
            request_id?: string;
        };
        Credentials: {
            /**
             * Format: email
             * @example operator@example.com
             */
            email: string;
            /** @description 12 to 256 characters, not a well-known password */
            password: string;
        };
        TokenPair: {
            access_token: string;
            refresh_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Access-token lifetime in seconds */
            expires_in: number;
        };
        Me: components["schemas"]["User"] & {
            scopes: ("read" | "write" | "ai" | "admin")[];
            /** Format: uuid */
            session_id: string | null;
            /** Format: uuid */
            key_id: string | null;
        };
        Session: {
            /** Format: uuid */
            id: string;
            ip: string;
            user_agent: string | null;
            created_at: string;
            last_seen_at: string;
            idle_expires_at: string;
            expires_at: string;
            current: boolean;
        };
        CreatedApiKey: components["schemas"]["ApiKey"] & {
            /** @description The secret; shown this once only */
            key: string;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The key's first characters, to recognise it */
            prefix: string;
            scopes: ("read" | "write" | "ai" | "admin")[];
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
            created_at: string;
            expires_at: string | null;
            revoked_at: string | null;
            last_used_at: string | null;
            /** @description Address ranges the key may be used from; null for any */
            allowed_cidrs: string[] | null;
        };
        NewApiKey: {
            name: string;
            scopes: ("read" | "write" | "ai" | "admin")[];
            /**
             * Format: date-time
             * @description When the key stops working; never when absent
             */
            expires_at?: string;
            /**
             * @description IPv4 and IPv6 ranges (10.0.0.0/8, 2001:db8::/32, or one address) the key may be used from; any address when absent. The client address honours TRUST_PROXY
             * @example [
             *       "203.0.113.0/24",
             *       "2001:db8::/32"
             *     ]
             */
            allowed_cidrs?: string[];
        };
        ApiKeyUsage: {
            /** Format: uuid */
            key_id: string;
            last_used_at: string | null;
            hourly: {
                hour: string;
                count: number;
            }[];
            daily: {
                day: string;
                count: number;
            }[];
        };
        UserChange: {
            /** @enum {string} */
            role?: "viewer" | "user" | "admin";
            disabled?: boolean;
        };
        AuditEntry: {
            id: string;
            at: string;
            /** Format: uuid */
            actor_id: string | null;
            actor_email: string | null;
            actor_ip: string | null;
            action: string;
            object_type: string | null;
            object_id: string | null;
            /** @description What changed: `before` and `after` summaries (secrets never recorded) */
            details: {
                [key: string]: unknown;
            };
        };
        DatabaseHealth: {
            /** @enum {string} */
            status: "ok" | "degraded";
            /** @enum {string} */
            database: "embedded" | "postgres";
            latency_ms: number | null;
            pool: {
                /** @enum {string} */
                mode: "embedded" | "postgres";
                max_connections: number | null;
            };
            migration_version: number;
            /** @enum {string} */
            rollups: "timescale" | "portable";
            server_version: number;
            events: {
                oldest_id: number | null;
                newest_id: number | null;
            } | null;
            read_replicas: {
                /** @description Replicas in DATABASE_READ_URL */
                configured: number;
                /** @description Replicas serving reads now; the rest are skipped until a probe finds them */
                healthy: number;
            };
            error?: string;
        };
        /**
         * @example {
         *       "series": [
         *         {
         *           "key": "spp.rt.hb_west",
         *           "name": "Real-time SPP, West hub",
         *           "unit": "$/MWh",
         *           "interval_seconds": 900,
         *           "feed": "np6_905",
         *           "type": "hub",
         *           "first": "2025-01-01T06:00:00Z",
         *           "last": "2025-06-01T14:45:00Z",
         *           "freshness_seconds": 1260,
         *           "stale_after_seconds": 3600,
         *           "stale": false
         *         }
         *       ],
         *       "count": 1,
         *       "next_cursor": null,
         *       "next": null,
         *       "as_of": "2025-06-01T15:06:00Z"
         *     }
         */
        SeriesList: {
            series: components["schemas"]["Series"][];
            /** @description Series matching the filters, on all pages */
            count: number;
            /** @description The next page's `cursor`; null on the last page */
            next_cursor: string | null;
            /** @description The next page's path and query; null on the last page */
            next: string | null;
            as_of: string;
        };
        /**
         * @example {
         *       "key": "spp.rt.hb_west",
         *       "name": "Real-time SPP, West hub",
         *       "unit": "$/MWh",
         *       "interval_seconds": 900,
         *       "feed": "np6_905",
         *       "type": "hub",
         *       "first": "2025-01-01T06:00:00Z",
         *       "last": "2025-06-01T14:45:00Z",
         *       "freshness_seconds": 1260,
         *       "stale_after_seconds": 3600,
         *       "stale": false
         *     }
         */
        Series: {
            /** @example spp.rt.hb_west */
            key: string;
            name: string;
            /** @example $/MWh */
            unit: string;
            interval_seconds: number;
            feed: string;
            /**
             * @description hub, zone (load zone or DC tie) or node (resource node) for settlement point prices; system for every other stored series; derived for computed ones
             * @enum {string}
             */
            type: "hub" | "zone" | "node" | "system" | "derived";
            /** @description Earliest instant, ISO UTC */
            first: string | null;
            /** @description Latest instant (interval start), ISO UTC */
            last: string | null;
            /** @description Seconds from the latest instant to now; negative for forecasts */
            freshness_seconds: number | null;
            stale_after_seconds: number;
            /** @description True when there is no data or freshness exceeds stale_after_seconds */
            stale: boolean;
        };
        /**
         * @example {
         *       "series": [
         *         {
         *           "key": "spp.rt.hb_west",
         *           "name": "Real-time SPP, West hub",
         *           "unit": "$/MWh",
         *           "interval_seconds": 900,
         *           "resolution": "raw",
         *           "agg": "avg",
         *           "downsampled": false,
         *           "t": [
         *             1748750400,
         *             1748751300,
         *             1748752200
         *           ],
         *           "v": [
         *             24.31,
         *             23.87,
         *             26.02
         *           ]
         *         }
         *       ],
         *       "start": "2025-06-01T04:00:00.000Z",
         *       "end": "2025-06-01T04:45:00.000Z"
         *     }
         */
        Observations: {
            series: components["schemas"]["SeriesColumns"][];
            start: string;
            end: string;
        };
        SeriesColumns: {
            key: string;
            name: string;
            unit: string;
            interval_seconds: number;
            /** @enum {string} */
            resolution: "raw" | "5m" | "15m" | "1h" | "1d";
            /** @enum {string} */
            agg: "avg" | "min" | "max" | "sum" | "last";
            /** @description Min/max per window kept to fit max_points */
            downsampled: boolean;
            /** @description Interval starts, epoch seconds */
            t: number[];
            v: number[];
            /** @description Only when fill is not none: one flag per point, true where the point was filled for display rather than stored */
            filled?: boolean[];
            /** @description grid.condition only: ERCOT's state word in effect at each point (e.g. normal) */
            state?: string[];
        };
        CrossSection: {
            /** @enum {string} */
            family: "spp.rt" | "spp.da" | "lmp.rt";
            unit: string;
            interval_seconds: number;
            /** @description The instant asked for */
            requested: string;
            /** @description Start of the interval read */
            instant: string | null;
            /**
             * @description containing: the interval holds the requested instant; latest: the latest interval before it with data (within 31 days); none: no data in that span
             * @enum {string}
             */
            match: "containing" | "latest" | "none";
            rows: {
                /** @example spp.rt.hb_west */
                key: string;
                /**
                 * @description Settlement point, lower case
                 * @example hb_west
                 */
                point: string;
                /** @enum {string} */
                type: "hub" | "zone" | "node";
                value: number;
            }[];
        };
        TopPoints: {
            /** @enum {string} */
            family: "spp.rt" | "spp.da" | "lmp.rt";
            unit: string;
            /** @enum {string} */
            agg: "avg" | "max" | "min";
            /** @enum {string} */
            order: "desc" | "asc";
            start: string;
            end: string;
            rows: {
                /** @example spp.rt.hb_west */
                key: string;
                /**
                 * @description Settlement point, lower case
                 * @example hb_west
                 */
                point: string;
                /** @enum {string} */
                type: "hub" | "zone" | "node";
                value: number;
                rank: number;
                /** @description Intervals aggregated */
                intervals: number;
            }[];
        };
        SettlementPrice: {
            /** @description Interval start, ISO UTC */
            timestamp: string;
            /** @example HB_NORTH */
            hub: string;
            /** @enum {string} */
            market: "rt" | "da";
            /** @description $/MWh */
            price: number;
        };
        DemandForecast: {
            zone: string;
            /** @enum {string} */
            unit: "MW";
            start: string;
            end: string;
            rows: {
                timestamp: string;
                forecast: number | null;
                actual: number | null;
                /** @description forecast − actual */
                error: number | null;
            }[];
        };
        CapacityMonitor: {
            demand: {
                series: string;
                value: number;
                unit: string;
                /** @description Interval start of the value, ISO UTC */
                as_of: string;
            } | null;
            capacity: {
                series: string;
                value: number;
                unit: string;
                /** @description Interval start of the value, ISO UTC */
                as_of: string;
            } | null;
            reserves: {
                series: string;
                value: number;
                unit: string;
                /** @description Interval start of the value, ISO UTC */
                as_of: string;
            } | null;
            /** @description capacity − demand */
            headroom_mw: number | null;
            /** @description Newest of the three instants */
            as_of: string | null;
        };
        GridStatus: {
            /** @description ERCOT's state word, or `unknown` before any */
            state: string;
            title: string;
            note: string;
            eea_level: number | null;
            prc_mw: number | null;
            /** @description When ERCOT assessed it */
            as_of: string | null;
            recorded_at: string | null;
        };
        AlertRule: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            match: "all" | "any";
            conditions: (components["schemas"]["ThresholdCondition"] | components["schemas"]["StaleCondition"])[];
            cooldown: string | null;
            channels: components["schemas"]["AlertChannel"][];
            escalate_after: string | null;
            escalation_channels: components["schemas"]["AlertChannel"][];
            enabled: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            state: components["schemas"]["AlertRuleState"];
        };
        ThresholdCondition: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "threshold";
            /** @example reserves.prc */
            series: string;
            /** @enum {string} */
            op: ">" | ">=" | "<" | "<=" | "crosses_above" | "crosses_below";
            value: number;
            /**
             * @description Aggregation over `window`; `last` (the newest value) when neither is given, `avg` when only `window` is
             * @enum {string}
             */
            agg?: "avg" | "min" | "max" | "last";
            /**
             * @description Window ending at the newest observation; PT1H for avg, min and max
             * @example PT15M
             */
            window?: string;
            /**
             * @description How long the condition must hold before the rule fires
             * @example PT15M
             */
            for?: string;
            /** @description How far back past the threshold a firing rule's value must move to resolve (0) */
            deadband?: number;
        };
        StaleCondition: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "stale";
            /** @example reserves.prc */
            series: string;
            minutes: number;
        };
        AlertChannel: {
            /** @enum {string} */
            type: "webhook";
            url: string;
            /** @description The secret's last four characters */
            secret_hint: string;
            /** @description Only in the answer that generated it; never shown again */
            secret?: string;
        } | {
            /** @enum {string} */
            type: "email";
            to: string;
        } | {
            /** @enum {string} */
            type: "sse";
        };
        AlertRuleState: {
            /** @enum {string} */
            status: "ok" | "pending" | "firing";
            /** Format: date-time */
            pending_since: string | null;
            /** Format: date-time */
            firing_since: string | null;
            /** Format: date-time */
            last_fired_at: string | null;
            /** Format: date-time */
            last_resolved_at: string | null;
            last_value: number | null;
            /** Format: date-time */
            last_evaluated_at: string;
        } | null;
        AlertRuleInput: {
            name: string;
            /**
             * @default all
             * @enum {string}
             */
            match: "all" | "any";
            conditions: (components["schemas"]["ThresholdCondition"] | components["schemas"]["StaleCondition"])[];
            /**
             * @description After a firing, the rule cannot fire again for this long
             * @example PT15M
             */
            cooldown?: string | null;
            /** @default [] */
            channels: ({
                /** @enum {string} */
                type: "webhook";
                /** @example https://example.com/hook */
                url: string;
                /** @description HMAC-SHA256 key; generated (and shown once) when absent */
                secret?: string;
            } | {
                /** @enum {string} */
                type: "email";
                /** @example ops@example.com */
                to: string;
            } | {
                /** @enum {string} */
                type: "sse";
            })[];
            /**
             * @description A firing event not acknowledged this long after it fired is sent to escalation_channels, and again every interval until acknowledged or resolved
             * @example PT30M
             */
            escalate_after?: string | null;
            /** @default [] */
            escalation_channels: ({
                /** @enum {string} */
                type: "webhook";
                /** @example https://example.com/hook */
                url: string;
                /** @description HMAC-SHA256 key; generated (and shown once) when absent */
                secret?: string;
            } | {
                /** @enum {string} */
                type: "email";
                /** @example ops@example.com */
                to: string;
            } | {
                /** @enum {string} */
                type: "sse";
            })[];
            /** @default true */
            enabled: boolean;
        };
        AlertEvent: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            rule_id: string | null;
            builtin: string | null;
            name: string;
            /** @enum {string} */
            state: "firing" | "resolved";
            value: number | null;
            /** Format: date-time */
            instant: string;
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            acknowledged_at: string | null;
            /** Format: uuid */
            acknowledged_by: string | null;
            /** Format: date-time */
            created_at: string;
        };
        AlertEventDetail: components["schemas"]["AlertEvent"] & {
            deliveries: components["schemas"]["WebhookDelivery"][];
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            url: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed" | "refused";
            attempts: number;
            response_code: number | null;
            error: string | null;
            duration_ms: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_attempt_at: string | null;
            /** Format: date-time */
            delivered_at: string | null;
        };
        AlertAcknowledged: {
            /** Format: uuid */
            id: string;
            acknowledged_at: string;
        };
        BuiltinAlertRule: {
            id: string;
            name: string;
            description: string;
            current: {
                level: string;
                label: string;
                state: string;
                eea_level: number;
                prc: number | null;
                as_of: string;
            } | null;
            subscription: components["schemas"]["AlertSubscription"];
        };
        AlertSubscription: {
            channels: components["schemas"]["AlertChannel"][];
            created_at: string;
            updated_at: string;
        } | null;
        GridLevelChange: {
            level: string;
            label: string;
            previous_level: string | null;
            state: string;
            eea_level: number;
            prc: number | null;
            title: string;
            note: string;
            assessed_at: string;
        };
        VizAnswer: {
            /**
             * Format: uuid
             * @description The history entry of this request
             */
            id: string;
            spec: components["schemas"]["VizSpec"];
            /** @enum {string} */
            provider: "bedrock" | "rules";
            /**
             * @description Why the rule parser answered (or, for throttled_cached, why a cached LLM answer was used); absent when the LLM answered
             * @enum {string}
             */
            fallback_reason?: "not_configured" | "access_denied" | "invalid_output" | "timeout" | "throttled_cached" | "throttled" | "budget_exhausted" | "upstream_error";
            preview: {
                series: {
                    key: string;
                    name: string;
                    unit: string;
                    interval_seconds: number;
                    /** @enum {string} */
                    resolution: "raw" | "5m" | "15m" | "1h" | "1d";
                    /** @enum {string} */
                    agg: "avg" | "min" | "max" | "sum" | "last";
                    downsampled: boolean;
                    /** @description Interval starts, epoch seconds */
                    t: number[];
                    v: number[];
                }[];
                start: string;
                end: string;
                table?: components["schemas"]["CrossSectionTable"];
            };
            /** @description The statement that read the preview; values are $n */
            sql: string;
            sql_params: (string | number)[];
            panel?: components["schemas"]["SavedPanel"];
            /** @description True when the same normalized spec was already on the dashboard */
            duplicate?: boolean;
        };
        VizSpec: {
            /** @enum {number} */
            version: 1;
            title: string;
            /** @enum {string} */
            chart: "line" | "area" | "bar" | "stat" | "gauge" | "table" | "scatter" | "heatmap" | "duration";
            series: (string | components["schemas"]["SeriesExpr"])[];
            /** @description A table's cross-section, instead of series */
            cross_section?: {
                /** @enum {string} */
                family: "spp.rt" | "spp.da" | "lmp.rt";
                /** @enum {string} */
                type?: "hub" | "zone" | "node";
                at?: string;
                top?: {
                    n: number;
                    /** @enum {string} */
                    agg: "avg" | "max" | "min";
                    /** @enum {string} */
                    order: "desc" | "asc";
                };
            };
            range: {
                last: string;
            } | {
                start: string;
                end: string;
            };
            /** @enum {string} */
            resolution: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
            /** @enum {string} */
            agg: "avg" | "min" | "max" | "sum" | "last";
            stacked: boolean;
        };
        SeriesExpr: {
            /** @example spp.rt.lz_west - spp.rt.hb_west */
            expr: string;
            /** @example West basis */
            label: string;
        };
        /** @description A cross-section table's rows (then series is empty) */
        CrossSectionTable: {
            /** @enum {string} */
            family: "spp.rt" | "spp.da" | "lmp.rt";
            unit: string;
            interval_seconds: number;
            /**
             * @description Kind of point shown; null: all
             * @enum {string|null}
             */
            type: "hub" | "zone" | "node" | null;
            /** @enum {string} */
            mode: "at" | "top";
            /** @description at: the instant asked for */
            requested?: string;
            /** @description at: start of the interval read; null when there was no data */
            instant?: string | null;
            /** @enum {string} */
            match?: "containing" | "latest" | "none";
            /** @description top: window start */
            start?: string;
            /** @description top: window end (exclusive) */
            end?: string;
            n?: number;
            /** @enum {string} */
            agg?: "avg" | "max" | "min";
            /** @enum {string} */
            order?: "desc" | "asc";
            rows: {
                rank?: number;
                key: string;
                point: string;
                /** @enum {string} */
                type: "hub" | "zone" | "node";
                value: number;
                intervals?: number;
            }[];
            /**
             * @description Path of the same rows as CSV from /api/v1/cross-section
             * @example /api/v1/cross-section?family=spp.rt&at=2026-12-07T09%3A00%3A00.000Z&format=csv
             */
            csv: string;
        };
        /** @description The dashboard panel, when saved */
        SavedPanel: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            dashboard_id: string;
            position: number;
            grid: {
                x: number;
                y: number;
                w: number;
                h: number;
            };
        };
        VizRequest: {
            /** @example daily average west hub price over the last 90 days */
            request_text: string;
            /**
             * Format: uuid
             * @description Save the chart as a panel of this dashboard (unless dry_run)
             */
            dashboard_id?: string;
            /**
             * @description Preview only; never save
             * @default false
             */
            dry_run: boolean;
        };
        VizHistoryItem: {
            /** Format: uuid */
            id: string;
            request_text: string;
            spec: components["schemas"]["VizSpec"] & (Record<string, never> | null);
            /** @enum {string} */
            provider: "bedrock" | "rules";
            fallback_reason: string | null;
            error: string | null;
            /** Format: uuid */
            dashboard_id: string | null;
            /** Format: uuid */
            saved_panel_id: string | null;
            created_at: string;
        };
        AiHealth: {
            /** @enum {string} */
            provider: "bedrock" | "rules";
            configured: boolean;
            model_id: string | null;
            region: string | null;
            /** @description Override host, if any */
            endpoint_host: string | null;
            timeout_ms: number;
            daily_llm_requests_per_user: number;
            last_error: {
                /**
                 * @description Why the rule parser answered (or, for throttled_cached, why a cached LLM answer was used); absent when the LLM answered
                 * @enum {string}
                 */
                reason: "not_configured" | "access_denied" | "invalid_output" | "timeout" | "throttled_cached" | "throttled" | "budget_exhausted" | "upstream_error";
                message: string;
                at: string;
            } | null;
        };
        BuiltinDashboard: {
            uid: string;
            title: string;
            description: string;
            tags: string[];
            /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
            default_range: {
                /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                last: string;
            } | {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            };
            refresh_seconds: number | null;
            panels: components["schemas"]["BuiltinPanel"][];
        };
        BuiltinPanel: {
            id: string;
            spec: {
                /** @enum {number} */
                version: 1;
                title: string;
                /** @enum {string} */
                chart: "line" | "area" | "bar" | "stat" | "gauge" | "table" | "scatter" | "heatmap" | "duration";
                /**
                 * @description What to draw; every chart needs at least one, except a cross-section table
                 * @default []
                 */
                series: (string | {
                    /** @description Expression over catalog keys: + - * /, unary minus, parentheses and numbers, e.g. spp.rt.lz_west - spp.rt.hb_west (at most 500 characters, 8 keys) */
                    expr: string;
                    /** @description Name of the line, at most 80 characters, e.g. West basis */
                    label: string;
                })[];
                /** @description A table chart of every settlement point of a price family at one instant, or of the top N points over the range; such a table has no series */
                cross_section?: {
                    /**
                     * @description spp.rt real-time SPP (15 min), spp.da day-ahead SPP (1 h), lmp.rt SCED LMP (5 min)
                     * @enum {string}
                     */
                    family: "spp.rt" | "spp.da" | "lmp.rt";
                    /**
                     * @description Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes; every point when absent
                     * @enum {string}
                     */
                    type?: "hub" | "zone" | "node";
                    /**
                     * Format: date-time
                     * @description Every point at the interval containing this instant; absent: the latest
                     */
                    at?: string;
                    /** @description Rank points by an aggregate over the range (at most 31 days) instead */
                    top?: {
                        /** @description How many points to rank, 1 to 100 */
                        n: number;
                        /**
                         * @description Aggregate of each point's values over the range
                         * @default avg
                         * @enum {string}
                         */
                        agg: "avg" | "max" | "min";
                        /**
                         * @description desc: highest first; asc: lowest (cheapest) first
                         * @default desc
                         * @enum {string}
                         */
                        order: "desc" | "asc";
                    };
                };
                /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
                range: {
                    /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                    last: string;
                } | {
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                };
                /**
                 * @default auto
                 * @enum {string}
                 */
                resolution: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
                /**
                 * @default avg
                 * @enum {string}
                 */
                agg: "avg" | "min" | "max" | "sum" | "last";
                /** @default false */
                stacked: boolean;
            };
            grid: components["schemas"]["DashboardGrid"];
            description?: string;
            /** @description In Grafana the point follows this template variable */
            bind?: {
                /** @enum {string} */
                variable: "hub" | "zone";
                point: string;
            };
        };
        DashboardGrid: {
            x: number;
            y: number;
            w: number;
            h: number;
        };
        DashboardSummary: {
            /** Format: uuid */
            id: string;
            title: string;
            /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
            default_range: {
                /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                last: string;
            } | {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            };
            refresh_seconds: number | null;
            position: number;
            panel_count: number;
            share: components["schemas"]["DashboardShare"];
            created_at: string;
            updated_at: string;
        };
        DashboardShare: {
            token: string;
            /** @description The read-only page in the browser UI, no account needed */
            page_url: string;
            /** @description The shared dashboard as JSON, no account needed */
            url: string;
            data_url: string;
            shared_at: string;
        } | null;
        Dashboard: components["schemas"]["DashboardSummary"] & {
            panels: components["schemas"]["DashboardPanel"][];
        };
        DashboardPanel: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            dashboard_id: string;
            position: number;
            grid: components["schemas"]["DashboardGrid"];
            spec: {
                /** @enum {number} */
                version: 1;
                title: string;
                /** @enum {string} */
                chart: "line" | "area" | "bar" | "stat" | "gauge" | "table" | "scatter" | "heatmap" | "duration";
                /**
                 * @description What to draw; every chart needs at least one, except a cross-section table
                 * @default []
                 */
                series: (string | {
                    /** @description Expression over catalog keys: + - * /, unary minus, parentheses and numbers, e.g. spp.rt.lz_west - spp.rt.hb_west (at most 500 characters, 8 keys) */
                    expr: string;
                    /** @description Name of the line, at most 80 characters, e.g. West basis */
                    label: string;
                })[];
                /** @description A table chart of every settlement point of a price family at one instant, or of the top N points over the range; such a table has no series */
                cross_section?: {
                    /**
                     * @description spp.rt real-time SPP (15 min), spp.da day-ahead SPP (1 h), lmp.rt SCED LMP (5 min)
                     * @enum {string}
                     */
                    family: "spp.rt" | "spp.da" | "lmp.rt";
                    /**
                     * @description Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes; every point when absent
                     * @enum {string}
                     */
                    type?: "hub" | "zone" | "node";
                    /**
                     * Format: date-time
                     * @description Every point at the interval containing this instant; absent: the latest
                     */
                    at?: string;
                    /** @description Rank points by an aggregate over the range (at most 31 days) instead */
                    top?: {
                        /** @description How many points to rank, 1 to 100 */
                        n: number;
                        /**
                         * @description Aggregate of each point's values over the range
                         * @default avg
                         * @enum {string}
                         */
                        agg: "avg" | "max" | "min";
                        /**
                         * @description desc: highest first; asc: lowest (cheapest) first
                         * @default desc
                         * @enum {string}
                         */
                        order: "desc" | "asc";
                    };
                };
                /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
                range: {
                    /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                    last: string;
                } | {
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                };
                /**
                 * @default auto
                 * @enum {string}
                 */
                resolution: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
                /**
                 * @default avg
                 * @enum {string}
                 */
                agg: "avg" | "min" | "max" | "sum" | "last";
                /** @default false */
                stacked: boolean;
            };
        };
        NewDashboard: {
            title: string;
            /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
            default_range?: {
                /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                last: string;
            } | {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            };
            /** @description Seconds between refreshes; null for none */
            refresh_seconds?: number | null;
            panels?: components["schemas"]["DashboardPanelInput"][];
        };
        DashboardPanelInput: {
            spec: {
                /** @enum {number} */
                version: 1;
                title: string;
                /** @enum {string} */
                chart: "line" | "area" | "bar" | "stat" | "gauge" | "table" | "scatter" | "heatmap" | "duration";
                /**
                 * @description What to draw; every chart needs at least one, except a cross-section table
                 * @default []
                 */
                series: (string | {
                    /** @description Expression over catalog keys: + - * /, unary minus, parentheses and numbers, e.g. spp.rt.lz_west - spp.rt.hb_west (at most 500 characters, 8 keys) */
                    expr: string;
                    /** @description Name of the line, at most 80 characters, e.g. West basis */
                    label: string;
                })[];
                /** @description A table chart of every settlement point of a price family at one instant, or of the top N points over the range; such a table has no series */
                cross_section?: {
                    /**
                     * @description spp.rt real-time SPP (15 min), spp.da day-ahead SPP (1 h), lmp.rt SCED LMP (5 min)
                     * @enum {string}
                     */
                    family: "spp.rt" | "spp.da" | "lmp.rt";
                    /**
                     * @description Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes; every point when absent
                     * @enum {string}
                     */
                    type?: "hub" | "zone" | "node";
                    /**
                     * Format: date-time
                     * @description Every point at the interval containing this instant; absent: the latest
                     */
                    at?: string;
                    /** @description Rank points by an aggregate over the range (at most 31 days) instead */
                    top?: {
                        /** @description How many points to rank, 1 to 100 */
                        n: number;
                        /**
                         * @description Aggregate of each point's values over the range
                         * @default avg
                         * @enum {string}
                         */
                        agg: "avg" | "max" | "min";
                        /**
                         * @description desc: highest first; asc: lowest (cheapest) first
                         * @default desc
                         * @enum {string}
                         */
                        order: "desc" | "asc";
                    };
                };
                /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
                range: {
                    /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                    last: string;
                } | {
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                };
                /**
                 * @default auto
                 * @enum {string}
                 */
                resolution: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
                /**
                 * @default avg
                 * @enum {string}
                 */
                agg: "avg" | "min" | "max" | "sum" | "last";
                /** @default false */
                stacked: boolean;
            };
            grid?: components["schemas"]["DashboardGrid"];
        };
        DashboardChange: {
            title?: string;
            /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
            default_range?: {
                /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                last: string;
            } | {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            };
            /** @description Seconds between refreshes; null for none */
            refresh_seconds?: number | null;
            position?: number;
            /** @description The complete panel list in order; an entry with an existing panel's id keeps it, panels left out are removed */
            panels?: (components["schemas"]["DashboardPanelInput"] & {
                /** Format: uuid */
                id?: string;
            })[];
        };
        PanelOrder: {
            panel_ids: string[];
        };
        DuplicateDashboard: {
            title?: string;
        };
        PanelData: {
            panel_id: string;
            title: string;
            chart: string;
            start: string;
            end: string;
            series: {
                key: string;
                name: string;
                unit: string;
                /** @enum {string} */
                resolution: "raw" | "5m" | "15m" | "1h" | "1d";
                downsampled: boolean;
                /** @description Interval starts, epoch seconds */
                t: number[];
                v: number[];
            }[];
            /** @description Series with no data stored yet */
            missing: string[];
            table?: components["schemas"]["CrossSectionTable"];
        };
        AddedPanel: {
            panel: components["schemas"]["DashboardPanel"];
            duplicate: boolean;
        };
        DashboardPanelChange: {
            spec?: {
                /** @enum {number} */
                version: 1;
                title: string;
                /** @enum {string} */
                chart: "line" | "area" | "bar" | "stat" | "gauge" | "table" | "scatter" | "heatmap" | "duration";
                /**
                 * @description What to draw; every chart needs at least one, except a cross-section table
                 * @default []
                 */
                series: (string | {
                    /** @description Expression over catalog keys: + - * /, unary minus, parentheses and numbers, e.g. spp.rt.lz_west - spp.rt.hb_west (at most 500 characters, 8 keys) */
                    expr: string;
                    /** @description Name of the line, at most 80 characters, e.g. West basis */
                    label: string;
                })[];
                /** @description A table chart of every settlement point of a price family at one instant, or of the top N points over the range; such a table has no series */
                cross_section?: {
                    /**
                     * @description spp.rt real-time SPP (15 min), spp.da day-ahead SPP (1 h), lmp.rt SCED LMP (5 min)
                     * @enum {string}
                     */
                    family: "spp.rt" | "spp.da" | "lmp.rt";
                    /**
                     * @description Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes; every point when absent
                     * @enum {string}
                     */
                    type?: "hub" | "zone" | "node";
                    /**
                     * Format: date-time
                     * @description Every point at the interval containing this instant; absent: the latest
                     */
                    at?: string;
                    /** @description Rank points by an aggregate over the range (at most 31 days) instead */
                    top?: {
                        /** @description How many points to rank, 1 to 100 */
                        n: number;
                        /**
                         * @description Aggregate of each point's values over the range
                         * @default avg
                         * @enum {string}
                         */
                        agg: "avg" | "max" | "min";
                        /**
                         * @description desc: highest first; asc: lowest (cheapest) first
                         * @default desc
                         * @enum {string}
                         */
                        order: "desc" | "asc";
                    };
                };
                /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
                range: {
                    /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                    last: string;
                } | {
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                };
                /**
                 * @default auto
                 * @enum {string}
                 */
                resolution: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
                /**
                 * @default avg
                 * @enum {string}
                 */
                agg: "avg" | "min" | "max" | "sum" | "last";
                /** @default false */
                stacked: boolean;
            };
            grid?: components["schemas"]["DashboardGrid"];
        };
        SharedDashboard: {
            title: string;
            /** @description Who shared it: the owner's email before the @ (accounts have no other name; the full address is not shown to link holders) */
            shared_by: string;
            /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
            default_range: {
                /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                last: string;
            } | {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            };
            refresh_seconds: number | null;
            /** @description The default range resolved now */
            range: {
                start: string;
                end: string;
            };
            series: {
                key: string;
                name: string;
                unit: string;
                interval_seconds: number;
                stored: boolean;
            }[];
            panels: {
                /** Format: uuid */
                id: string;
                position: number;
                grid: components["schemas"]["DashboardGrid"];
                spec: {
                    /** @enum {number} */
                    version: 1;
                    title: string;
                    /** @enum {string} */
                    chart: "line" | "area" | "bar" | "stat" | "gauge" | "table" | "scatter" | "heatmap" | "duration";
                    /**
                     * @description What to draw; every chart needs at least one, except a cross-section table
                     * @default []
                     */
                    series: (string | {
                        /** @description Expression over catalog keys: + - * /, unary minus, parentheses and numbers, e.g. spp.rt.lz_west - spp.rt.hb_west (at most 500 characters, 8 keys) */
                        expr: string;
                        /** @description Name of the line, at most 80 characters, e.g. West basis */
                        label: string;
                    })[];
                    /** @description A table chart of every settlement point of a price family at one instant, or of the top N points over the range; such a table has no series */
                    cross_section?: {
                        /**
                         * @description spp.rt real-time SPP (15 min), spp.da day-ahead SPP (1 h), lmp.rt SCED LMP (5 min)
                         * @enum {string}
                         */
                        family: "spp.rt" | "spp.da" | "lmp.rt";
                        /**
                         * @description Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes; every point when absent
                         * @enum {string}
                         */
                        type?: "hub" | "zone" | "node";
                        /**
                         * Format: date-time
                         * @description Every point at the interval containing this instant; absent: the latest
                         */
                        at?: string;
                        /** @description Rank points by an aggregate over the range (at most 31 days) instead */
                        top?: {
                            /** @description How many points to rank, 1 to 100 */
                            n: number;
                            /**
                             * @description Aggregate of each point's values over the range
                             * @default avg
                             * @enum {string}
                             */
                            agg: "avg" | "max" | "min";
                            /**
                             * @description desc: highest first; asc: lowest (cheapest) first
                             * @default desc
                             * @enum {string}
                             */
                            order: "desc" | "asc";
                        };
                    };
                    /** @description Either { last: duration } ending now, or { start, end } instants (end exclusive) */
                    range: {
                        /** @description ISO 8601 duration ending now, e.g. PT24H, P7D, P1M */
                        last: string;
                    } | {
                        /** Format: date-time */
                        start: string;
                        /** Format: date-time */
                        end: string;
                    };
                    /**
                     * @default auto
                     * @enum {string}
                     */
                    resolution: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
                    /**
                     * @default avg
                     * @enum {string}
                     */
                    agg: "avg" | "min" | "max" | "sum" | "last";
                    /** @default false */
                    stacked: boolean;
                };
            }[];
        };
        GrafanaDeploy: {
            uid: string;
            /** @description The dashboard in Grafana */
            url: string;
            version: number;
            folder_uid: string;
        };
        /** @description A Grafana dashboard model (schema v1); its panels read the `ercot-postgres` PostgreSQL datasource */
        GrafanaDashboardJson: {
            uid: string;
            title: string;
            panels: {
                [key: string]: unknown;
            }[];
        } & {
            [key: string]: unknown;
        };
        GrafanaHealth: {
            /** @enum {string} */
            status: "ok" | "unreachable" | "not_configured";
            token_configured: boolean;
            version?: string;
            latency_ms?: number;
            detail?: string;
        };
        StreamTicket: {
            ticket: string;
            /** Format: date-time */
            expires_at: string;
            /** @description Seconds the ticket stays valid */
            expires_in: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getScraperHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Per-feed status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scrapers"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description The new account */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description Tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refresh_token: string;
                };
            };
        };
        responses: {
            /** @description New tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: {
                all?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out everywhere */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live sessions, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: components["schemas"]["Session"][];
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewApiKey"];
            };
        };
        responses: {
            /** @description The key */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiKeyUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyUsage"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: components["schemas"]["User"][];
                        total: number;
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserChange"];
            };
        };
        responses: {
            /** @description The account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                /** @description The acting user's id */
                actor?: string;
                object_type?: "dashboard" | "panel" | "share_link" | "alert_rule" | "api_key" | "user";
                object_id?: string;
                action?: "register" | "login" | "login_failed" | "logout" | "logout_all" | "session_revoked" | "refresh_reuse" | "key_created" | "key_revoked" | "role_changed" | "user_disabled" | "user_enabled" | "user_created" | "dashboard_created" | "dashboard_updated" | "dashboard_deleted" | "panel_created" | "panel_updated" | "panel_deleted" | "share_link_created" | "share_link_deleted" | "alert_rule_created" | "alert_rule_updated" | "alert_rule_deleted";
                /** @description Entries at or after this instant */
                since?: string;
                /** @description Entries before this instant */
                until?: string;
                /** @description The next_cursor of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Entries; next_cursor is null on the last page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: components["schemas"]["AuditEntry"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDatabaseHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatabaseHealth"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatabaseHealth"];
                };
            };
        };
    };
    listSeries: {
        parameters: {
            query?: {
                /** @description Keys starting with this text */
                prefix?: string;
                /** @description Words that must all appear, in any order and case, in the key or name (or the words people use for a catalog series) */
                q?: string;
                /** @description Only series of these types, comma-separated: hub, zone, node, system, derived */
                type?: string;
                /** @description Most series per page (1 to 5000, default 500) */
                limit?: number;
                /** @description Where the page starts: the previous page's `next_cursor` */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Catalog */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesList"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSeries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The series */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Series"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getObservations: {
        parameters: {
            query?: {
                /** @description Comma-separated series keys; this, expr, or both */
                series?: string;
                /** @description An expression over series keys: + - * /, unary minus, parentheses and numbers (at most 500 characters, 16 deep, 8 keys); answered after the series, with the expression as its key */
                expr?: string;
                /** @description Name of the expression's answer (at most 80 characters, no markup); the expression text when absent */
                label?: string;
                /** @description Window start, ISO 8601 with Z or offset (YYYY-MM-DD: Central midnight) */
                start?: string;
                /** @description Window end (exclusive) */
                end?: string;
                /** @description ISO 8601 duration ending at the next whole minute; not with start/end */
                last?: string;
                resolution?: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
                agg?: "avg" | "min" | "max" | "sum" | "last";
                /** @description Most points per series (2 to 20000, default 1000) */
                max_points?: number;
                /** @description json (default), csv or parquet; also chosen by Accept */
                format?: "json" | "csv" | "parquet";
                /** @description Fill gaps for display: none (default), previous (carry the last value forward) or linear (interpolate by time). Only the instants missing from the answer's grid (its bucket width, or the native interval for raw) between two points are filled, never before the first or after the last; filled points are flagged (JSON `filled`, a CSV `filled` column, a Parquet boolean column) and stored data is never changed. An answer that would be downsampled to fit max_points is refused (422): ask for a coarser resolution or more points */
                fill?: "none" | "previous" | "linear";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Observations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Observations"];
                    /**
                     * @example series,ts,value,unit
                     *     spp.rt.hb_west,2025-06-01T04:00:00Z,24.31,$/MWh
                     */
                    "text/csv": string;
                    "application/vnd.apache.parquet": string;
                };
            };
            /** @description Not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown series */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCrossSection: {
        parameters: {
            query: {
                /** @description Price family: spp.rt (15 min), spp.da (hourly) or lmp.rt (SCED, 5 min) */
                family: "spp.rt" | "spp.da" | "lmp.rt";
                /** @description Instant, ISO 8601 with Z or offset (YYYY-MM-DD: Central midnight); default now */
                at?: string;
                /** @description Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes (every other point) */
                type?: "hub" | "zone" | "node";
                /** @description json (default) or csv; also chosen by Accept */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cross-section */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrossSection"];
                    /**
                     * @example key,point,type,instant,value,unit
                     *     spp.rt.hb_west,hb_west,hub,2025-06-01T17:00:00Z,24.31,$/MWh
                     */
                    "text/csv": string;
                };
            };
            /** @description A parameter is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown series */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCrossSectionTop: {
        parameters: {
            query: {
                /** @description Price family: spp.rt (15 min), spp.da (hourly) or lmp.rt (SCED, 5 min) */
                family: "spp.rt" | "spp.da" | "lmp.rt";
                /** @description Window start, ISO 8601 with Z or offset (YYYY-MM-DD: Central midnight) */
                start?: string;
                /** @description Window end (exclusive) */
                end?: string;
                /** @description ISO 8601 duration ending at the next whole minute; not with start/end */
                last?: string;
                /** @description How many points (1 to 1000, default 10) */
                n?: number;
                /** @description desc: highest first (default); asc: lowest first */
                order?: "desc" | "asc";
                agg?: "avg" | "max" | "min";
                /** @description Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes (every other point) */
                type?: "hub" | "zone" | "node";
                /** @description json (default) or csv; also chosen by Accept */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopPoints"];
                    /**
                     * @example rank,key,point,type,value,intervals,unit
                     *     1,spp.rt.hb_west,hb_west,hub,41.2,96,$/MWh
                     */
                    "text/csv": string;
                };
            };
            /** @description A parameter is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown series */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSettlementPrices: {
        parameters: {
            query?: {
                /** @description Central date, default today */
                start_date?: string;
                /** @description Central date, inclusive */
                end_date?: string;
                /** @description HB_NORTH, hb_north or north; all hubs when absent */
                hub?: string;
                market?: "rt" | "da";
                /** @description Most rows (1 to 10000) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettlementPrice"][];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown series */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDemandForecast: {
        parameters: {
            query?: {
                /** @description Default yesterday */
                start_date?: string;
                /** @description Inclusive; default tomorrow */
                end_date?: string;
                zone?: "system" | "north" | "south" | "west" | "houston";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Hourly rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemandForecast"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown series */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCapacityMonitor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Latest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapacityMonitor"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGridStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest condition, or state `unknown` when none is recorded yet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GridStatus"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAlertRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rules, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rules: components["schemas"]["AlertRule"][];
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleInput"];
            };
        };
        responses: {
            /** @description The rule */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleInput"];
            };
        };
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enableAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    disableAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAlertEvents: {
        parameters: {
            query?: {
                /** @description Only this rule's events */
                rule?: string;
                state?: "firing" | "resolved";
                /** @description Events at or after this instant (ISO 8601) */
                since?: string;
                /** @description Events before this instant */
                until?: string;
                acknowledged?: "true" | "false";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["AlertEvent"][];
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAlertEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertEventDetail"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acknowledgeAlertEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertEvent"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acknowledgeAlertEventByLink: {
        parameters: {
            query: {
                /** @description Expiry, unix seconds */
                exp: string;
                /** @description HMAC-SHA256, hex */
                sig: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Acknowledged (the first acknowledgement is kept) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertAcknowledged"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBuiltinAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Built-in rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        builtin: components["schemas"]["BuiltinAlertRule"][];
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    subscribeBuiltinAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                builtin: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    channels: ({
                        /** @enum {string} */
                        type: "webhook";
                        /** @example https://example.com/hook */
                        url: string;
                        /** @description HMAC-SHA256 key; generated (and shown once) when absent */
                        secret?: string;
                    } | {
                        /** @enum {string} */
                        type: "email";
                        /** @example ops@example.com */
                        to: string;
                    } | {
                        /** @enum {string} */
                        type: "sse";
                    })[];
                };
            };
        };
        responses: {
            /** @description The rule with the subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuiltinAlertRule"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unsubscribeBuiltinAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                builtin: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unsubscribed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGridConditionChanges: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                builtin: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Changes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changes: components["schemas"]["GridLevelChange"][];
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listVisualizations: {
        parameters: {
            query?: {
                /** @description Most entries (1 to 200, default 50) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description History */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["VizHistoryItem"][];
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createVisualization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VizRequest"];
            };
        };
        responses: {
            /** @description The chart (previewed, or already on the dashboard) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VizAnswer"];
                };
            };
            /** @description The chart, saved as a new panel */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VizAnswer"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request names nothing that can be charted; `detail` says why */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteVisualization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    clearVisualizations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many entries were deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deleted: number;
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAiHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Provider configuration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiHealth"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBuiltinDashboards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Built-in dashboards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dashboards: components["schemas"]["BuiltinDashboard"][];
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBuiltinDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuiltinDashboard"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAvailablePanels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Built-in panels, board by board */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        panels: (components["schemas"]["BuiltinPanel"] & {
                            board: {
                                uid: string;
                                title: string;
                            };
                        })[];
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDashboards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description In order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dashboards: components["schemas"]["DashboardSummary"][];
                    };
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDashboard"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardChange"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reorderPanels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PanelOrder"];
            };
        };
        responses: {
            /** @description Reordered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    duplicateDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DuplicateDashboard"];
            };
        };
        responses: {
            /** @description The copy */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDashboardData: {
        parameters: {
            query?: {
                /** @description ISO 8601 duration ending now */
                last?: string;
                start?: string;
                end?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Panel data */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        panels: components["schemas"]["PanelData"][];
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPanels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Panels */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        panels: components["schemas"]["DashboardPanel"][];
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addPanel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardPanelInput"];
            };
        };
        responses: {
            /** @description The same chart is already on the dashboard; nothing was added */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddedPanel"];
                };
            };
            /** @description Added */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddedPanel"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPanel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                panelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The panel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardPanel"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updatePanel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                panelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardPanelChange"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardPanel"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the server's limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deletePanel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                panelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    shareDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already shared; the existing token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardShare"];
                };
            };
            /** @description Shared with a new token */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardShare"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unshareDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Not shared any more */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSharedDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedDashboard"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSharedDashboardData: {
        parameters: {
            query?: {
                /** @description ISO 8601 duration ending now */
                last?: string;
                start?: string;
                end?: string;
            };
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Panel data */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        panels: components["schemas"]["PanelData"][];
                    };
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDashboardGrafanaJson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard as Grafana JSON, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrafanaDashboardJson"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deployDashboardToGrafana: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Saved in Grafana */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrafanaDeploy"];
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Grafana refused or could not be reached; `grafana_status` is its status */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description GRAFANA_URL or GRAFANA_TOKEN is not configured */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBuiltinDashboardGrafanaJson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard as Grafana JSON, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrafanaDashboardJson"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGrafanaHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reachable, or not configured */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrafanaHealth"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrafanaHealth"];
                };
            };
        };
    };
    getDashboardPdf: {
        parameters: {
            query?: {
                /** @description ISO 8601 duration ending now */
                last?: string;
                start?: string;
                end?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF: title, range, every chart with its legend and units */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getExplorePdf: {
        parameters: {
            query?: {
                /** @description Comma-separated series keys; this, expr, or both */
                series?: string;
                /** @description An expression over series keys: + - * /, unary minus, parentheses and numbers (at most 500 characters, 16 deep, 8 keys); answered after the series, with the expression as its key */
                expr?: string;
                /** @description Name of the expression's answer (at most 80 characters, no markup); the expression text when absent */
                label?: string;
                start?: string;
                end?: string;
                last?: string;
                resolution?: "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
                agg?: "avg" | "min" | "max" | "sum" | "last";
                /** @description Title (the series names) */
                title?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF: title, range, every chart with its legend and units */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description The request is invalid; `parameter` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /** @description Only series starting with this */
                prefix?: string;
                /** @description Comma-separated event types: observation, ingest, alert, grid_status */
                types?: string;
                /** @description Resume after this id (for clients that cannot send Last-Event-ID) */
                last_event_id?: string;
                /** @description A single-use ticket from POST /api/v1/stream/ticket, for EventSource and browser WebSockets, which cannot send headers */
                ticket?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Bad filter or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Reads need a signed-in caller (REQUIRE_AUTH_FOR_READS) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createStreamTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamTicket"];
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No credential, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the role or scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamEventsWebSocket: {
        parameters: {
            query?: {
                /** @description Only series starting with this */
                prefix?: string;
                /** @description Comma-separated event types: observation, ingest, alert, grid_status */
                types?: string;
                /** @description Resume after this id (for clients that cannot send Last-Event-ID) */
                last_event_id?: string;
                /** @description A single-use ticket from POST /api/v1/stream/ticket, for EventSource and browser WebSockets, which cannot send headers */
                ticket?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Switching to the WebSocket protocol */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad filter or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Reads need a signed-in caller (REQUIRE_AUTH_FOR_READS) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential lacks the scope this operation needs, or is an API key where a session is */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a WebSocket handshake */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain; version=0.0.4": string;
                };
            };
            /** @description A parameter, the body or a text field is invalid; `parameter` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
