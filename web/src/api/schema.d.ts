// Generated from openapi.json by `npm run gen` (scripts/web-api-types.ts): do not edit.

export interface paths {
    "/1/cf/recommendation/user/{name}/recording": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/delete-listen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/latest-import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/playing-now/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/stats/user/{user}/artists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/stats/user/{user}/daily-activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/stats/user/{user}/listening-activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/stats/user/{user}/recordings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/stats/user/{user}/release-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/stats/user/{user}/releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/submit-listens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/user/{user}/listen-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/user/{user}/listens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/user/{user}/playing-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1/validate-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2.0": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2.0/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The backups kept, newest first. An admin. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backups: {
                                bytes: number;
                                compressed: boolean;
                                file: string;
                                name: string;
                                reason: string;
                                takenAt: string;
                            }[];
                            dir: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Takes a backup now: a consistent snapshot while submissions go on, verified. An admin. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default manual */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backup: {
                                bytes: number;
                                compressed: boolean;
                                file: string;
                                name: string;
                                reason: string;
                                takenAt: string;
                            };
                            compressed: string[];
                            counts: {
                                artists: number;
                                listens: number;
                                recordings: number;
                                tables: number;
                                users: number;
                            };
                            ms: number;
                            removed: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/entity/{kind}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An artist, release or track page's MusicBrainz identity, artwork, genres and description */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                };
                header?: never;
                path: {
                    kind: "artist" | "release" | "recording";
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntityCatalogue"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import MusicBrainz dumps from the server's disk as a job (admin; `listenhouse catalog import` uses it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description artist, release-group, release or recording */
                        entity?: string;
                        /** @description absolute paths on the server */
                        paths: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogImportJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dump import job: progress, then its report (admin) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogImportJob"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Match every pending (artist, track, release) now (admin; the server also does it in the background) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        threshold?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MatchReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/matches/{tuple}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One track and its match: status, method, confidence, MBIDs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description creditId-recordingId-releaseId, as GET /api/catalog/unmatched gives it */
                    tuple: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackMatch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/matches/{tuple}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link a track to a MusicBrainz recording by hand: it wins over every automatic match, now and later */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description creditId-recordingId-releaseId, as GET /api/catalog/unmatched gives it */
                    tuple: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description in credit order; default: the recording's credit in the catalogue */
                        artistMbids?: string[];
                        recordingMbid: string;
                        releaseMbid?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackMatch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/matches/{tuple}/unlink": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlink a track by hand: it stays unmatched whatever matching finds later (link it again to undo) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description creditId-recordingId-releaseId, as GET /api/catalog/unmatched gives it */
                    tuple: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackMatch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the catalogue holds, its imports, and how many listens are matched and how */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogStatus"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/unmatched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's most played tracks without a recording match (none yet, nothing found, artists only, unlinked) */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description text in the artist or the title (case ignored) */
                    search?: string;
                    /** @description true: matched tracks too, to check or unlink them (default: only those without a recording) */
                    all?: "true" | "false";
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["UnmatchedTrack"][];
                            next: number | null;
                            total: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/collection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discogs collection and wantlist items, by artist and title, searched and filtered */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description one list (default: both) */
                    list?: "collection" | "wantlist";
                    /** @description text in artist, title, label or catalogue number (case ignored) */
                    search?: string;
                    /** @description one format description: LP, CD, Album… ("2xLP" counts as LP) */
                    format?: string;
                    /** @description released in or after this year */
                    yearFrom?: number;
                    /** @description released in or before this year */
                    yearTo?: number;
                    /** @description at least this rating */
                    rating?: number;
                    /** @description true: only soundtracks (film, TV and game music, by the title rule or a folder named so) */
                    soundtracks?: "true" | "false";
                    limit?: number;
                    /** @description items to skip: the `next` of the previous page */
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CollectionItem"][];
                            /** @description pass as `offset` for the next page; null on the last */
                            next: number | null;
                            /** @description items matching the filters, in all pages */
                            total: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's connections (an admin's: everyone's) with their state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connections: {
                                capabilities: {
                                    backfill: boolean;
                                    nowPlaying: boolean;
                                    poll: boolean;
                                    push: boolean;
                                };
                                createdAt: string;
                                /** @description the names of the credentials stored; their values are never returned */
                                credentials: string[];
                                /** @description the first failure of the current run of failures */
                                failingSince: string | null;
                                failures: number;
                                id: number;
                                kind: string;
                                lastError: string | null;
                                lastSuccess: string | null;
                                nextPollAt: string | null;
                                /** @description plays this connection handed to the write path (repeats are stored once) */
                                plays: number;
                                progress: string | null;
                                /** @description the source settings (its URL, the remote user); no secrets */
                                settings: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                status: "new" | "ok" | "failing" | "push";
                                title: string;
                                user: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Connect a live source
         * @description settings and credentials follow the source (docs/sources.md, "Live sources"). Credentials are stored encrypted and never returned. A push source answers with `hookPath`, its webhook address with its secret: shown only now.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        credentials?: {
                            [key: string]: unknown;
                        };
                        kind: string;
                        /** @default {} */
                        settings?: {
                            [key: string]: unknown;
                        };
                        /** @description whose connection (admins only; default: the caller) */
                        user?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: {
                                capabilities: {
                                    backfill: boolean;
                                    nowPlaying: boolean;
                                    poll: boolean;
                                    push: boolean;
                                };
                                createdAt: string;
                                /** @description the names of the credentials stored; their values are never returned */
                                credentials: string[];
                                /** @description the first failure of the current run of failures */
                                failingSince: string | null;
                                failures: number;
                                id: number;
                                kind: string;
                                lastError: string | null;
                                lastSuccess: string | null;
                                nextPollAt: string | null;
                                /** @description plays this connection handed to the write path (repeats are stored once) */
                                plays: number;
                                progress: string | null;
                                /** @description the source settings (its URL, the remote user); no secrets */
                                settings: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                status: "new" | "ok" | "failing" | "push";
                                title: string;
                                user: string;
                            };
                            hookPath?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/kinds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The live sources that can be connected, and what each can do */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kinds: {
                                capabilities: {
                                    backfill: boolean;
                                    nowPlaying: boolean;
                                    poll: boolean;
                                    push: boolean;
                                };
                                kind: string;
                                title: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One connection and its state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capabilities: {
                                backfill: boolean;
                                nowPlaying: boolean;
                                poll: boolean;
                                push: boolean;
                            };
                            createdAt: string;
                            /** @description the names of the credentials stored; their values are never returned */
                            credentials: string[];
                            /** @description the first failure of the current run of failures */
                            failingSince: string | null;
                            failures: number;
                            id: number;
                            kind: string;
                            lastError: string | null;
                            lastSuccess: string | null;
                            nextPollAt: string | null;
                            /** @description plays this connection handed to the write path (repeats are stored once) */
                            plays: number;
                            progress: string | null;
                            /** @description the source settings (its URL, the remote user); no secrets */
                            settings: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            status: "new" | "ok" | "failing" | "push";
                            title: string;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a connection (its listens stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Poll the connection now (one page of a back-fill) and answer its state */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capabilities: {
                                backfill: boolean;
                                nowPlaying: boolean;
                                poll: boolean;
                                push: boolean;
                            };
                            createdAt: string;
                            /** @description the names of the credentials stored; their values are never returned */
                            credentials: string[];
                            /** @description the first failure of the current run of failures */
                            failingSince: string | null;
                            failures: number;
                            id: number;
                            kind: string;
                            lastError: string | null;
                            lastSuccess: string | null;
                            nextPollAt: string | null;
                            /** @description plays this connection handed to the write path (repeats are stored once) */
                            plays: number;
                            progress: string | null;
                            /** @description the source settings (its URL, the remote user); no secrets */
                            settings: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            status: "new" | "ok" | "failing" | "push";
                            title: string;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enrich/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a batch of enrichment now (admin; `listenhouse enrich` uses it while a server runs) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        limit?: number;
                        /**
                         * @description covers, genres, descriptions: of the matched albums and artists; collection-covers: of the Discogs collection and wantlist releases
                         * @enum {string}
                         */
                        only?: "covers" | "genres" | "descriptions" | "collection-covers";
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnrichBatch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enrich/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Enrichment's progress per task, whether a batch is running, and the last batch */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            last: components["schemas"]["EnrichBatch"] | null;
                            progress: {
                                /** @description services did not answer (asked again after a day) */
                                failed: number;
                                found: number;
                                /** @description nothing anywhere (asked again after 30 days) */
                                none: number;
                                remaining: number;
                                /**
                                 * @description covers, genres, descriptions: of the matched albums and artists; collection-covers: of the Discogs collection and wantlist releases
                                 * @enum {string}
                                 */
                                task: "covers" | "genres" | "descriptions" | "collection-covers";
                                /** @description entities the task applies to */
                                total: number;
                            }[];
                            running: boolean;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/export/listens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download listens as ListenBrainz JSON lines or CSV (oldest first, streamed)
         * @description jsonl: one ListenBrainz listen per line, as ListenBrainz exports them (`listenhouse import` and ListenBrainz-compatible servers read it back). csv: a header row, then listened_at (ISO-8601 UTC), artist, track, release, lengths, MBIDs, source, client, platform… `X-Listen-Count` says how many listens follow.
         */
        get: {
            parameters: {
                query?: {
                    format?: "jsonl" | "csv";
                    /** @description first instant included: ISO-8601 or epoch seconds */
                    from?: string;
                    /** @description first instant left out (exclusive) */
                    to?: string;
                    /** @description whose listens (default: the token's user; others need an admin token) */
                    user?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the export file (Content-Disposition: attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson; charset=utf-8": unknown;
                        "text/csv; charset=utf-8": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson; charset=utf-8": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson; charset=utf-8": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson; charset=utf-8": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson; charset=utf-8": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/export/tables/{what}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download listens, the catalogue or the collection as CSV, Parquet or JSON; the collection also as Markdown or PDF
         * @description catalogue: one row per artist credit, track and release the user played, with plays, first and last listen and the MusicBrainz match. collection: the Discogs collection and wantlist; markdown and pdf are a catalogue of the collection grouped by artist or format, the pdf with each release's cover beside it (enrichment's collection-covers task fetches them from Discogs) and the headers X-Page-Count and X-Cover-Count (releases shown with their cover).
         */
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "parquet" | "json" | "markdown" | "pdf";
                    /** @description markdown and pdf: grouped by artist or format */
                    by?: "artist" | "format";
                    from?: string;
                    to?: string;
                    user?: string;
                };
                header?: never;
                path: {
                    what: "listens" | "catalogue" | "collection";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file (Content-Disposition: attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": unknown;
                        "application/pdf": unknown;
                        "application/vnd.apache.parquet": unknown;
                        "text/csv; charset=utf-8": unknown;
                        "text/markdown; charset=utf-8": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.apache.parquet": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                        "text/markdown; charset=utf-8": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.apache.parquet": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                        "text/markdown; charset=utf-8": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.apache.parquet": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                        "text/markdown; charset=utf-8": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.apache.parquet": components["schemas"]["Error"];
                        "text/csv; charset=utf-8": components["schemas"]["Error"];
                        "text/markdown; charset=utf-8": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Is the server up and its database readable?
         * @description Anyone: `{"status": "ok"}`. With an admin token, also the version, the database file, the uptime and the numbers of listens and users.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the DuckDB file this server owns (with an admin token only) */
                            database?: string;
                            /** @description listens stored, all users (with an admin token only) */
                            listens?: number;
                            /** @enum {string} */
                            status: "ok";
                            /** @description seconds since the server started (with an admin token only) */
                            uptimeSeconds?: number;
                            /** @description users (with an admin token only) */
                            users?: number;
                            /** @description the server version (with an admin token only) */
                            version?: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hooks/{kind}/{secret}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A player's webhook (Plex, Jellyfin): the address the connection gave, with its secret */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: string;
                    secret: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            note: string;
                            plays: number;
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An image (cover, thumbnail, artist picture) by its content hash; cached for a year */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hash: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the image bytes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Past import runs (files) with their counts, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    limit?: number;
                    /** @description admins: every user's runs */
                    all?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                duplicates: number;
                                file: string;
                                finishedAt: string | null;
                                format: string | null;
                                id: number;
                                inserted: number;
                                read: number;
                                rejected: number;
                                skipped: number;
                                startedAt: string;
                                /** @description running | completed | failed | interrupted | deleted (undone) */
                                status: string;
                                /** @description the owner: the first user its listens went to, else the user it ran as */
                                user: string;
                                /** @description every user its listens went to (a Last.fm 1K file names several) */
                                users: string[];
                            }[];
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload export files (multipart/form-data) and import them as a job
         * @description Send the files as file parts (zips are read in place) and, optionally, the fields `user`, `format`, `columns`, `encoding`, `dryRun` before them. The answer (202) is the job: poll `GET /api/imports/jobs/{id}` for progress and the report. At most 20 files, each up to 4294967296 bytes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Import jobs of this server run (newest first) */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: components["schemas"]["ImportJob"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One import job: status, progress, and the report once finished */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportJob"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/local": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import files from the server's own disk (the CLI on the same machine only)
         * @description Needs the local credential the server writes next to the database (what `listenhouse import` uses when a server holds the database); remote tokens upload with `POST /api/imports`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description generic CSV/TSV: "artist=Artist,track=Title,timestamp=Played At[,release=Album]…" as in the CLI */
                        columns?: string;
                        dryRun?: boolean | ("true" | "false");
                        /**
                         * @description absent: UTF-8, and a file that is Windows-1252 throughout is read as such; utf8: rows that are not UTF-8 are rejected; latin1: read as Windows-1252
                         * @enum {string}
                         */
                        encoding?: "utf8" | "latin1";
                        /**
                         * @description skip detection and read every file as this format
                         * @enum {string}
                         */
                        format?: "listenbrainz-jsonl" | "listenbrainz-array" | "listenbrainz-dump" | "spotify-extended" | "spotify-account" | "lastfm-csv" | "lastfm-ghan-csv" | "lastfm-ghan-json" | "lastfm-recenttracks" | "lastfm-1k-tsv" | "discogs-collection-csv" | "generic-csv";
                        paths: string[];
                        /** @description whose history (default: the token's user; another user needs an admin token) */
                        user?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/rejected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rows imports left out, with the reason and the raw row */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    status?: "rejected" | "skipped";
                    reason?: string;
                    /** @description one import run */
                    run?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            records: {
                                file: string;
                                id: number;
                                importRunId: number;
                                line: number;
                                message: string;
                                /** @description the row exactly as the file had it */
                                raw: string;
                                reason: string;
                                status: string;
                            }[];
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Undo an import run: remove what it stored (dry_run=true: only count it)
         * @description Removes, in one transaction, the listens the run inserted, the second-source records it added, its collection items and the rows it left out. A listen of the run that another source also reported stays, as that source’s (`promoted`). The run is kept, with status `deleted`. The run’s owner or an admin.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description true: count, change nothing */
                    dry_run?: "true" | "false";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            /** @description what the undo removes, counted before it ran */
                            preview: {
                                collectionItems: number;
                                /** @description listens of the run deleted */
                                listens: number;
                                /** @description listens of the run another source also reported: kept, as that source’s */
                                promoted: number;
                                /** @description rows the run left out (rejected or skipped) */
                                rejectedRecords: number;
                                /** @description second-source records the run added to listens stored before */
                                sources: number;
                            };
                            /** @description what it removed; null for a dry run */
                            removed: {
                                collectionItems: number;
                                /** @description listens of the run deleted */
                                listens: number;
                                /** @description listens of the run another source also reported: kept, as that source’s */
                                promoted: number;
                                /** @description rows the run left out (rejected or skipped) */
                                rejectedRecords: number;
                                /** @description second-source records the run added to listens stored before */
                                sources: number;
                            } | null;
                            run: {
                                file: string;
                                format: string | null;
                                id: number;
                                status: string;
                                user: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/listens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Listens, newest first, paged and filtered */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description first instant included: ISO-8601 or epoch seconds */
                    from?: string;
                    /** @description first instant after the page range (exclusive) */
                    to?: string;
                    /** @description first day included (YYYY-MM-DD), from its midnight in the user's zone */
                    fromDay?: string;
                    /** @description last day included (YYYY-MM-DD), to its end in the user's zone */
                    toDay?: string;
                    /** @description any credited artist, by name (case and accents ignored) */
                    artist?: string;
                    /** @description release title (case ignored) */
                    release?: string;
                    /** @description track title (case ignored) */
                    track?: string;
                    artistId?: number;
                    releaseId?: number;
                    recordingId?: number;
                    /** @description first source: listenbrainz, spotify, lastfm, lastfm-1k, … */
                    source?: string;
                    limit?: number;
                    /** @description the `next` cursor of the previous page */
                    before?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            listens: components["schemas"]["Listen"][];
                            /** @description pass as `before` for the next page; null on the last */
                            next: string | null;
                            /** @description the user's zone: the one fromDay and toDay are read in */
                            timeZone: string;
                            /** @description listens matching the filters, in all pages */
                            total: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/listens/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete many listens at once (one transaction; committed when the answer arrives)
         * @description Removes the listens of the user with these ids and the further sources merged into them. Ids that are not theirs are left alone and listed in `missing`, so a selection made on a stale page deletes what is still there and says what was not.
         */
        post: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 1 to 1000 listen ids */
                        ids: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deleted: number;
                            missing: number[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/listens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One listen */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Listen"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a listen (committed when the answer arrives)
         * @description Removes the listen and the further sources merged into it. Nothing remembers the deletion: importing the same play again stores it again.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Correct a listen: artist, track, release or start time
         * @description The corrected listen goes through the same normalise → dedup → store path as an import, so a correction that makes it a repeat of a stored listen leaves one listen (`duplicate` or `merged`). MBIDs of changed names are dropped. The answer is the listen that now holds the play: with `updated` it keeps its id; with `duplicate` or `merged` it is the stored listen it repeats (another id), and the corrected id is gone.
         */
        patch: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        artist?: string;
                        /** @description new start: ISO-8601 or epoch seconds */
                        listenedAt?: unknown;
                        /** @description null: no release */
                        release?: string | null;
                        track?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            listen: components["schemas"]["Listen"];
                            /** @enum {string} */
                            outcome: "updated" | "duplicate" | "merged";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The token's user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Counters in the Prometheus text format
         * @description Needs an admin token or the metrics token (`LISTENHOUSE_METRICS_TOKEN`), as `Authorization: Bearer <token>`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pipeline/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The pipeline’s runs, newest first, with their phases */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: components["schemas"]["PipelineRun"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Runs the pipeline now (skipped when a run is in progress). An admin. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        wait?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reason: string | null;
                            run: components["schemas"]["PipelineRun"] | null;
                            started: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pipeline/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a run is in progress, the schedule’s next time and the last run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            last: components["schemas"]["PipelineRun"] | null;
                            next: string | null;
                            running: boolean;
                            scheduled: boolean;
                            /** @description runs refused because one was in progress (this server) */
                            skipped: number;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quality/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last kept audit report (null before the first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            report: components["schemas"]["AuditReport"] | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Runs the audit now (save=true keeps it in the score history). An admin. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        save?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quality/audit/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The kept reports’ scores, oldest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            history: {
                                createdAt: string;
                                id: number;
                                listens: number;
                                score: number;
                                trigger: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quality/change-sets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log of fixes: who applied what, when, and how many rows; newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changeSets: components["schemas"]["ChangeSet"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quality/change-sets/{id}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undoes a change set: what the fix replaced comes back exactly. An admin. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changeSet: components["schemas"]["ChangeSet"];
                            removedCatalogueRows: number;
                            removedListens: number;
                            restoredListens: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quality/fixes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fixes there are, with what each does */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fixes: {
                                description: string;
                                /** @enum {string} */
                                kind: "split-collaborations" | "merge-artists" | "merge-releases" | "merge-recordings" | "resolve-radio" | "reprocess" | "delete" | "hide" | "remove-orphans";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Previews (apply=false) or applies a fix. An admin.
         * @description A preview does the whole fix in a transaction that is rolled back, so its counts and rows are exactly what applying does. Applying does it in one transaction and records a change set, which `POST /api/quality/change-sets/{id}/undo` takes back.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        apply?: boolean;
                        /** @enum {string} */
                        kind: "split-collaborations" | "merge-artists" | "merge-releases" | "merge-recordings" | "resolve-radio" | "reprocess" | "delete" | "hide" | "remove-orphans";
                        /**
                         * @description rows to show
                         * @default 20
                         */
                        limit?: number;
                        /** @default {} */
                        params?: {
                            artist?: string;
                            /** @description ISO 8601 time: listens that started at or after it */
                            from?: string;
                            release?: string;
                            source?: string;
                            /** @description fuzzy threshold for merges, 0..1 */
                            threshold?: number;
                            /** @description ISO 8601 time: listens that started before it */
                            to?: string;
                            user?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applied: boolean;
                            changeSet: components["schemas"]["ChangeSet"] | null;
                            counts: {
                                [key: string]: number;
                            };
                            /** @enum {string} */
                            kind: "split-collaborations" | "merge-artists" | "merge-releases" | "merge-recordings" | "resolve-radio" | "reprocess" | "delete" | "hide" | "remove-orphans";
                            params: {
                                artist?: string;
                                /** @description ISO 8601 time: listens that started at or after it */
                                from?: string;
                                release?: string;
                                source?: string;
                                /** @description fuzzy threshold for merges, 0..1 */
                                threshold?: number;
                                /** @description ISO 8601 time: listens that started before it */
                                to?: string;
                                user?: string;
                            };
                            rows: {
                                after: string;
                                before: string;
                            }[];
                            summary: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's recommended recordings, artists or releases, each with why
         * @description Computed from the production model when it is promoted and kept for 24 hours; items the user marked not interested, and items played since the list was computed, are left out.
         */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description recordings, artists or releases */
                    entity?: "recording" | "artist" | "release";
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            computedAt: string | null;
                            /** @enum {string} */
                            entity: "recording" | "artist" | "release";
                            expiresAt: string | null;
                            items: components["schemas"]["Recommendation"][];
                            /** @description the production model; null when none is trained yet (`listenhouse recommend retrain`) */
                            model: {
                                id: number;
                                kind: string;
                                trainedAt: string;
                            } | null;
                            /** @description items in the list after feedback and recent plays are left out */
                            total: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations.jspf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's recommended recordings as a JSPF playlist file (ListenBrainz and players import it)
         * @description The recordings of GET /api/recommendations?entity=recording, in its order; each track is identified by its MusicBrainz recording URL when known, and its annotation is the reason it is recommended. The playlist is dated when the list was computed. 404 while no recording model is trained.
         */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description tracks */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the JSPF file (Content-Disposition: attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            playlist: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** "Not interested" in an item (or take it back) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description recordings, artists or releases
                         * @default recording
                         * @enum {string}
                         */
                        entity?: "recording" | "artist" | "release";
                        /**
                         * @description not_interested: never recommend it again; null: take that back
                         * @enum {string|null}
                         */
                        feedback: "not_interested" | null;
                        itemId: number;
                        /** @description whose (default: the token's user; others: admins) */
                        user?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Trained model versions and retraining decisions with their reasons (admins) */
        get: {
            parameters: {
                query?: {
                    entity?: "recording" | "artist" | "release";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            retrains: {
                                candidateValue: number | null;
                                candidateVersionId: number | null;
                                /** @enum {string} */
                                decision: "promoted" | "kept" | "skipped";
                                drift: {
                                    [key: string]: unknown;
                                } | null;
                                /** @enum {string} */
                                entity: "recording" | "artist" | "release";
                                finishedAt: string;
                                id: number | null;
                                metric: string;
                                productionValue: number | null;
                                productionVersionId: number | null;
                                reasons: string[];
                                startedAt: string;
                            }[];
                            versions: {
                                data: {
                                    fingerprint: string;
                                    from: string | null;
                                    interactions: number;
                                    items: number;
                                    listens: number;
                                    to: string | null;
                                    users: number;
                                };
                                /** @enum {string} */
                                entity: "recording" | "artist" | "release";
                                id: number;
                                kind: string;
                                metrics: {
                                    [key: string]: unknown;
                                } | null;
                                params: {
                                    [key: string]: unknown;
                                };
                                promotedAt: string | null;
                                retiredAt: string | null;
                                /** @enum {string} */
                                status: "candidate" | "production" | "retired" | "rejected";
                                trainSeconds: number;
                                trainedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/radio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A radio playlist from a seed artist, recording or tag */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description seed: an artist id */
                    artist?: number;
                    /** @description seed: a recording id */
                    recording?: number;
                    /** @description seed: a tag or genre */
                    tag?: string;
                    count?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            title: string;
                            tracks: {
                                artist: string;
                                artistMbid: string | null;
                                durationMs: number | null;
                                reason: string;
                                recordingId: number;
                                recordingMbid: string | null;
                                release: string | null;
                                releaseMbid: string | null;
                                title: string;
                            }[];
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/radio.jspf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same playlist as a JSPF file (ListenBrainz and players import it) */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description seed: an artist id */
                    artist?: number;
                    /** @description seed: a recording id */
                    recording?: number;
                    /** @description seed: a tag or genre */
                    tag?: string;
                    count?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            playlist: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/retrain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retrain when drift or age says so (or force), promote only a better model (admins) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description default: every entity
                         * @enum {string}
                         */
                        entity?: "recording" | "artist" | "release";
                        /** @default false */
                        force?: boolean;
                        /**
                         * @description the candidate's kind (default hybrid)
                         * @enum {string}
                         */
                        model?: "pop" | "itemknn" | "als" | "bpr" | "content" | "hybrid";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                candidateValue: number | null;
                                candidateVersionId: number | null;
                                /** @enum {string} */
                                decision: "promoted" | "kept" | "skipped";
                                drift: {
                                    [key: string]: unknown;
                                } | null;
                                /** @enum {string} */
                                entity: "recording" | "artist" | "release";
                                finishedAt: string;
                                id: number | null;
                                metric: string;
                                productionValue: number | null;
                                productionVersionId: number | null;
                                reasons: string[];
                                startedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Items like one item, by the production model */
        get: {
            parameters: {
                query: {
                    /** @description recordings, artists or releases */
                    entity?: "recording" | "artist" | "release";
                    id: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            entity: "recording" | "artist" | "release";
                            id: number;
                            items: {
                                item: components["schemas"]["RecommendedItem"];
                                similarity: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plays and time per day, week (from Monday), month or year; empty buckets included */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    period?: "day" | "week" | "month" | "year";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            buckets: {
                                knownMs: number;
                                plays: number;
                                start: string;
                                unknownTimePlays: number;
                            }[];
                            /** @enum {string} */
                            period: "day" | "week" | "month" | "year";
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/artists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top artists (every credited artist counts) */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    limit?: number;
                    by?: "plays" | "time";
                    /** @description previous: also rank the period of the same length just before the range; entries get previousRank */
                    compare?: "previous";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            by: "plays" | "time";
                            entries: {
                                id: number;
                                knownMs: number;
                                mbid: string | null;
                                name: string;
                                plays: number;
                                /** @description with compare=previous: the rank in the previous period; null when not in that period's top 1000 */
                                previousRank?: number | null;
                                rank: number;
                                unknownTimePlays: number;
                            }[];
                            limit: number;
                            /** @description with compare=previous: the period compared with; null for a range open on a side */
                            previous?: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            } | null;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plays by source, platform, country or client */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    field?: "source" | "platform" | "country" | "client";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                plays: number;
                                share: number;
                                value: string;
                            }[];
                            /** @enum {string} */
                            field: "source" | "platform" | "country" | "client";
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            total: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plays per weekday × hour of day */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            peak: {
                                hour: number;
                                plays: number;
                                weekday: number;
                            } | null;
                            /** @description plays[weekday][hour]; weekday 0 = Monday */
                            plays: number[][];
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            total: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Two users compared: shared artists, a taste similarity, what each plays alone */
        get: {
            parameters: {
                query: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description the user to compare with (a public profile, or any for an admin) */
                    other: string;
                    /** @description as for every statistic (docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            artists: number;
                            onlyMine: {
                                id: number;
                                mbid: string | null;
                                name: string;
                                otherPlays: number;
                                otherShare: number;
                                plays: number;
                                share: number;
                            }[];
                            onlyTheirs: {
                                id: number;
                                mbid: string | null;
                                name: string;
                                otherPlays: number;
                                otherShare: number;
                                plays: number;
                                share: number;
                            }[];
                            other: string;
                            otherArtists: number;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            shared: {
                                count: number;
                                top: {
                                    id: number;
                                    mbid: string | null;
                                    name: string;
                                    otherPlays: number;
                                    otherShare: number;
                                    plays: number;
                                    share: number;
                                }[];
                            };
                            /** @description cosine of the two artist play vectors, 0-1 */
                            similarity: number | null;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/entity/{kind}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One artist, release or recording: plays over time, share, first and last listen, what is under it */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description as for every statistic (docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for months (default: the user's own) */
                    tz?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    kind: "artist" | "release" | "recording";
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a release's artist or a recording's credit; null for an artist */
                            artist: string | null;
                            firstListen: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "artist" | "release" | "recording";
                            knownMs: number;
                            lastListen: string | null;
                            mbid: string | null;
                            months: {
                                knownMs: number;
                                month: string;
                                plays: number;
                            }[];
                            name: string;
                            plays: number;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            recordings: {
                                artist: string;
                                id: number;
                                knownMs: number;
                                mbid: string | null;
                                name: string;
                                plays: number;
                                rank: number;
                                unknownTimePlays: number;
                            }[];
                            releases: {
                                artist: string;
                                id: number;
                                knownMs: number;
                                mbid: string | null;
                                name: string;
                                plays: number;
                                rank: number;
                                unknownTimePlays: number;
                            }[];
                            /** @description plays / the user's plays in the range */
                            share: number;
                            sources: {
                                plays: number;
                                source: string;
                            }[];
                            unknownTimePlays: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/genres": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top genres of the listens in a range, and how they spread over the hours of the day */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description as for every statistic (docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for the hours (default: the user's own) */
                    tz?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GenreStats"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/leaders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The top artists, releases or recordings of each month or year (who led when) */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    entity?: "artists" | "releases" | "recordings";
                    /** @description local months or years; default month up to ~3 years of range, else year */
                    period?: "month" | "year";
                    by?: "plays" | "time";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            by: "plays" | "time";
                            /** @enum {string} */
                            entity: "artists" | "releases" | "recordings";
                            limit: number;
                            /** @enum {string} */
                            period: "month" | "year";
                            /** @description oldest first; periods without listens are left out */
                            periods: {
                                entries: {
                                    /** @description the release's artist or the recording's credit */
                                    artist: string | null;
                                    id: number;
                                    knownMs: number;
                                    name: string;
                                    plays: number;
                                    rank: number;
                                }[];
                                /** @description the period's first local day */
                                start: string;
                            }[];
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/recordings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top recordings */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    limit?: number;
                    by?: "plays" | "time";
                    /** @description previous: also rank the period of the same length just before the range; entries get previousRank */
                    compare?: "previous";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            by: "plays" | "time";
                            entries: {
                                artist: string;
                                id: number;
                                knownMs: number;
                                mbid: string | null;
                                name: string;
                                plays: number;
                                /** @description with compare=previous: the rank in the previous period; null when not in that period's top 1000 */
                                previousRank?: number | null;
                                rank: number;
                                unknownTimePlays: number;
                            }[];
                            limit: number;
                            /** @description with compare=previous: the period compared with; null for a range open on a side */
                            previous?: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            } | null;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top releases */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    limit?: number;
                    by?: "plays" | "time";
                    /** @description previous: also rank the period of the same length just before the range; entries get previousRank */
                    compare?: "previous";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            by: "plays" | "time";
                            entries: {
                                artist: string;
                                id: number;
                                knownMs: number;
                                mbid: string | null;
                                name: string;
                                plays: number;
                                /** @description with compare=previous: the rank in the previous period; null when not in that period's top 1000 */
                                previousRank?: number | null;
                                rank: number;
                                unknownTimePlays: number;
                            }[];
                            limit: number;
                            /** @description with compare=previous: the period compared with; null for a range open on a side */
                            previous?: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            } | null;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A listening report: what changed, the top of the period, discoveries, patterns, and a short text
         * @description The text comes from the OpenAI-compatible chat endpoint of enrich.llmUrl (a haiku for a week, a summary for a month, a paragraph for a year), else from a template; an endpoint that fails or times out falls back to the template (`text.fallback` says why).
         */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    period?: "week" | "month" | "year";
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListeningReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Listening sessions: a silence longer than `gap` minutes ends one */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                    gap?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            gapMinutes: number;
                            listens: {
                                mean: number;
                                median: number;
                            } | null;
                            longest: {
                                end: string;
                                listens: number;
                                minutes: number;
                                start: string;
                            } | null;
                            minutes: {
                                mean: number;
                                median: number;
                            } | null;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/short-plays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Short plays (likely skips): under 30 s or under half the track, of the plays with a time played */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description as for every statistic (docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days (default: the user's own) */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description every play in the range */
                            plays: number;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            /** @description short / timed; null when no play was timed */
                            share: number | null;
                            /** @description timed plays under 30 s or under half the track's length */
                            short: number;
                            /** @description plays whose source reported the time played (only these can be short) */
                            timed: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/soundtracks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Soundtracks played (film, TV and game music): their plays, share, and how each is known
         * @description A release is a soundtrack when its MusicBrainz release group has the secondary type Soundtrack, when a genre of it is Stage & Screen (Discogs) or soundtrack, or by the title rule ("Original Motion Picture Soundtrack", "OST", "Music from the Series …", "Score"): `by` says which.
         */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year | all_time | FROM..TO */
                    range?: string;
                    tz?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plays: number;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            releases: {
                                artist: string;
                                /** @enum {string} */
                                by: "musicbrainz" | "genre" | "title";
                                id: number;
                                plays: number;
                                title: string;
                            }[];
                            /** @description of all plays in the range, 0..1 */
                            share: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/streaks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current and longest run of days with a listen */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activeDays: number;
                            current: {
                                days: number;
                                end: string;
                                start: string;
                            } | null;
                            longest: {
                                days: number;
                                end: string;
                                start: string;
                            } | null;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            today: string;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plays, time, distinct artists/releases/recordings, top 5 artists */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md) */
                    range?: string;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            artists: number;
                            firstListen: string | null;
                            knownMs: number;
                            lastListen: string | null;
                            plays: number;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            recordings: number;
                            releases: number;
                            topArtists: {
                                id: number;
                                mbid: string | null;
                                name: string;
                                plays: number;
                                rank: number;
                            }[];
                            unknownTimePlays: number;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/year-in-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year in review: numbers, top 10s, busiest month and hour, artists discovered */
        get: {
            parameters: {
                query?: {
                    /** @description whose data (default: the token's user); others need a public profile or an admin token */
                    user?: string;
                    /** @description calendar year in the zone (default: this year) */
                    year?: number;
                    /** @description IANA zone for days and hours (default: the user's own) */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activeDays: number;
                            artists: number;
                            knownMs: number;
                            longestSession: {
                                end: string;
                                listens: number;
                                minutes: number;
                                start: string;
                            } | null;
                            longestStreak: {
                                days: number;
                                end: string;
                                start: string;
                            } | null;
                            months: {
                                knownMs: number;
                                month: string;
                                plays: number;
                            }[];
                            newArtists: {
                                count: number;
                                top: {
                                    firstListen: string;
                                    id: number;
                                    mbid: string | null;
                                    name: string;
                                    plays: number;
                                }[];
                            };
                            plays: number;
                            range: {
                                from: string | null;
                                spec: string;
                                to: string | null;
                                tz: string;
                            };
                            recordings: number;
                            releases: number;
                            top: {
                                artists: {
                                    id: number;
                                    knownMs: number;
                                    mbid: string | null;
                                    name: string;
                                    plays: number;
                                    rank: number;
                                    unknownTimePlays: number;
                                }[];
                                recordings: {
                                    artist: string;
                                    id: number;
                                    knownMs: number;
                                    mbid: string | null;
                                    name: string;
                                    plays: number;
                                    rank: number;
                                    unknownTimePlays: number;
                                }[];
                                releases: {
                                    artist: string;
                                    id: number;
                                    knownMs: number;
                                    mbid: string | null;
                                    name: string;
                                    plays: number;
                                    rank: number;
                                    unknownTimePlays: number;
                                }[];
                            };
                            topHour: {
                                hour: number;
                                plays: number;
                            } | null;
                            topMonth: {
                                month: string;
                                plays: number;
                            } | null;
                            topWeekday: {
                                plays: number;
                                /** @description 0 = Monday */
                                weekday: number;
                            } | null;
                            unknownTimePlays: number;
                            user: string;
                            year: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/streaming/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store a micro-batch of Kafka events with their offsets, in one transaction (`stream consume --server`)
         * @description The events (docs/streaming.md) go through the one write path; the next offset of each partition is stored in the same transaction as the listens, per group and topic (GET /api/streaming/consumer lists them). Every consumer of a group writing through this server resumes from those offsets. Events below them are skipped (stored before); a batch starting past them is refused with 409, since an event between would be lost. Invalid events are kept with their reason and returned as rejects (for the dead-letter topic).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StreamBatchInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StreamBatchResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/streaming/consumer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Kafka consumers' stored positions and their last micro-batches (lag over time) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the last committed micro-batches, oldest first: the lag over time */
                            batches: {
                                committedAt: string;
                                events: number;
                                group: string;
                                lag: number;
                                listens: number;
                                millis: number;
                                rejects: number;
                                topic: string;
                            }[];
                            partitions: {
                                events: number;
                                group: string;
                                lag: number;
                                nextOffset: number;
                                partition: number;
                                rejects: number;
                                topic: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/streaming/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The batch metrics of a range of days, summed (default: the latest day computed) */
        get: {
            parameters: {
                query?: {
                    /** @description YYYY-MM-DD (UTC) */
                    from?: string;
                    /** @description YYYY-MM-DD (UTC) */
                    to?: string;
                    /** @description rows of each ranked list */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GoldMetrics"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/streaming/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The batch metric runs, newest first: phases, volumes in and out, rejects, alert */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: components["schemas"]["MetricRun"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user (admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: components["schemas"]["User"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add a user and issue its first token (admins) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        admin?: boolean;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown only now; only its SHA-256 is stored */
                            token: string;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{name}": {
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
        /** Change a user's privacy, time zone or role (the user, or an admin; role: admins only) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description public: anyone may read listens and statistics
                         * @enum {string}
                         */
                        privacy?: "private" | "public";
                        /**
                         * @description admins only
                         * @enum {string}
                         */
                        role?: "admin" | "user";
                        /** @description IANA zone: the default for local days and hours */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/users/{name}/scrobble-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the user's scrobbling password for Last.fm clients (the user, or an admin)
         * @description Last.fm clients (pylast, the npm `lastfm` package, …) sign in with `auth.getMobileSession`, often as `authToken = md5(username + md5(password))`: this sets the password they use. Without `password` one is generated and returned (shown only now). Stored encrypted with the credentials key, never in clear.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 8 to 200 characters; left out: generated */
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            generated: boolean;
                            /** @description the generated password, shown only now */
                            password?: string;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{name}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the user's tokens and issue a new one (the user, or an admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown only now; only its SHA-256 is stored */
                            token: string;
                            user: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
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
        AuditReport: {
            createdAt: string;
            findings: {
                /** @description points it costs: weight × rate */
                cost: number;
                /** @description rows at fault, in unit */
                count: number;
                examples: string[];
                /** @description the command that addresses it */
                fix: string;
                /** @enum {string} */
                id: "unmatched" | "missing-cover" | "missing-genre" | "missing-description" | "collaborations" | "duplicate-artists" | "duplicate-releases" | "duplicate-recordings" | "radio-streams" | "orphans" | "rejected" | "overlapping-plays" | "too-long-plays";
                /** @description the population the rate is taken over */
                of: number;
                /** @description count / of, 0..1 */
                rate: number;
                title: string;
                unit: string;
                /** @description points this finding can cost at most (the weights sum to 100) */
                weight: number;
            }[];
            /** @description the kept report; null when not kept */
            id: number | null;
            listens: number;
            /** @description 0..100 */
            score: number;
        };
        AuditReportInput: {
            createdAt: string;
            findings: {
                /** @description points it costs: weight × rate */
                cost: number;
                /** @description rows at fault, in unit */
                count: number;
                examples: string[];
                /** @description the command that addresses it */
                fix: string;
                /** @enum {string} */
                id: "unmatched" | "missing-cover" | "missing-genre" | "missing-description" | "collaborations" | "duplicate-artists" | "duplicate-releases" | "duplicate-recordings" | "radio-streams" | "orphans" | "rejected" | "overlapping-plays" | "too-long-plays";
                /** @description the population the rate is taken over */
                of: number;
                /** @description count / of, 0..1 */
                rate: number;
                title: string;
                unit: string;
                /** @description points this finding can cost at most (the weights sum to 100) */
                weight: number;
            }[];
            /** @description the kept report; null when not kept */
            id: number | null;
            listens: number;
            /** @description 0..100 */
            score: number;
        };
        CatalogImportJob: {
            createdAt: string;
            error: string | null;
            finishedAt: string | null;
            id: string;
            paths: string[];
            progress: {
                bytesRead: number;
                entity: string;
                imported: number;
                lines: number;
                part: string;
                totalBytes: number;
            } | null;
            report: {
                badLines: number;
                complete: boolean;
                files: {
                    dumpTimestamp: string | null;
                    error: string | null;
                    file: string;
                    parts: {
                        bad: {
                            at: string;
                            line: number;
                            reason: string;
                        }[];
                        badLines: number;
                        embedded: {
                            [key: string]: number;
                        };
                        entity: string;
                        imported: number;
                        lines: number;
                        name: string;
                    }[];
                    skippedMembers: string[];
                    /** @enum {string} */
                    status: "completed" | "truncated" | "failed";
                }[];
                imported: {
                    [key: string]: number;
                };
                lines: number;
            } | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
        };
        CatalogImportJobInput: {
            createdAt: string;
            error: string | null;
            finishedAt: string | null;
            id: string;
            paths: string[];
            progress: {
                bytesRead: number;
                entity: string;
                imported: number;
                lines: number;
                part: string;
                totalBytes: number;
            } | null;
            report: {
                badLines: number;
                complete: boolean;
                files: {
                    dumpTimestamp: string | null;
                    error: string | null;
                    file: string;
                    parts: {
                        bad: {
                            at: string;
                            line: number;
                            reason: string;
                        }[];
                        badLines: number;
                        embedded: {
                            [key: string]: number;
                        };
                        entity: string;
                        imported: number;
                        lines: number;
                        name: string;
                    }[];
                    skippedMembers: string[];
                    /** @enum {string} */
                    status: "completed" | "truncated" | "failed";
                }[];
                imported: {
                    [key: string]: number;
                };
                lines: number;
            } | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
        };
        CatalogStatus: {
            catalogue: {
                aliases: number;
                artists: number;
                generation: number;
                isrcs: number;
                recordings: number;
                releaseGroups: number;
                releases: number;
                tags: number;
            };
            imports: {
                badLines: number;
                dumpTimestamp: string | null;
                entity: string;
                file: string;
                finishedAt: string | null;
                id: number;
                imported: number;
                lines: number;
                startedAt: string;
                /** @enum {string} */
                status: "running" | "completed" | "truncated" | "failed" | "interrupted";
            }[];
            listens: number;
            /** @description share of listens whose track has a recording, 0..1 */
            listensMatched: number;
            matches: {
                listens: number;
                method: string;
                /** @enum {string} */
                status: "matched" | "partial" | "unmatched" | "linked" | "unlinked" | "pending";
                tuples: number;
            }[];
        };
        CatalogStatusInput: {
            catalogue: {
                aliases: number;
                artists: number;
                generation: number;
                isrcs: number;
                recordings: number;
                releaseGroups: number;
                releases: number;
                tags: number;
            };
            imports: {
                badLines: number;
                dumpTimestamp: string | null;
                entity: string;
                file: string;
                finishedAt: string | null;
                id: number;
                imported: number;
                lines: number;
                startedAt: string;
                /** @enum {string} */
                status: "running" | "completed" | "truncated" | "failed" | "interrupted";
            }[];
            listens: number;
            /** @description share of listens whose track has a recording, 0..1 */
            listensMatched: number;
            matches: {
                listens: number;
                method: string;
                /** @enum {string} */
                status: "matched" | "partial" | "unmatched" | "linked" | "unlinked" | "pending";
                tuples: number;
            }[];
        };
        ChangeSet: {
            counts: {
                [key: string]: number;
            };
            createdAt: string;
            createdBy: string;
            id: number;
            kind: string;
            params: unknown;
            /** @enum {string} */
            status: "applied" | "undone";
            summary: string;
            undoneAt: string | null;
            undoneBy: string | null;
        };
        ChangeSetInput: {
            counts: {
                [key: string]: number;
            };
            createdAt: string;
            createdBy: string;
            id: number;
            kind: string;
            params: unknown;
            /** @enum {string} */
            status: "applied" | "undone";
            summary: string;
            undoneAt: string | null;
            undoneBy: string | null;
        };
        CollectionItem: {
            /** @description when it was added on Discogs */
            addedAt: string | null;
            artist: string;
            catalogNumber: string | null;
            discogsReleaseId: number;
            folder: string | null;
            /** @description Discogs format descriptions, e.g. "2xLP, Album, RE" */
            format: string | null;
            id: number;
            label: string | null;
            /** @description the latest of them; null when never listened to */
            lastListenedAt: string | null;
            /** @enum {string} */
            list: "collection" | "wantlist";
            /** @description the user's listens of this release, matched on the normalised artist and title (any edition, any source) */
            listens: number;
            mediaCondition: string | null;
            notes: string | null;
            /** @description 1-5, null when unrated */
            rating: number | null;
            releasedYear: number | null;
            sleeveCondition: string | null;
            title: string;
        };
        CollectionItemInput: {
            /** @description when it was added on Discogs */
            addedAt: string | null;
            artist: string;
            catalogNumber: string | null;
            discogsReleaseId: number;
            folder: string | null;
            /** @description Discogs format descriptions, e.g. "2xLP, Album, RE" */
            format: string | null;
            id: number;
            label: string | null;
            /** @description the latest of them; null when never listened to */
            lastListenedAt: string | null;
            /** @enum {string} */
            list: "collection" | "wantlist";
            /** @description the user's listens of this release, matched on the normalised artist and title (any edition, any source) */
            listens: number;
            mediaCondition: string | null;
            notes: string | null;
            /** @description 1-5, null when unrated */
            rating: number | null;
            releasedYear: number | null;
            sleeveCondition: string | null;
            title: string;
        };
        EnrichBatch: {
            http: {
                cached: number;
                retried: number;
                sent: number;
            };
            progress: {
                /** @description services did not answer (asked again after a day) */
                failed: number;
                found: number;
                /** @description nothing anywhere (asked again after 30 days) */
                none: number;
                remaining: number;
                /**
                 * @description covers, genres, descriptions: of the matched albums and artists; collection-covers: of the Discogs collection and wantlist releases
                 * @enum {string}
                 */
                task: "covers" | "genres" | "descriptions" | "collection-covers";
                /** @description entities the task applies to */
                total: number;
            }[];
            seconds: number;
            tasks: {
                bySource: {
                    [key: string]: number;
                };
                done: number;
                failed: number;
                found: number;
                none: number;
                /** @description why the task did nothing (a service it needs is not configured) */
                skipped?: string;
                /**
                 * @description covers, genres, descriptions: of the matched albums and artists; collection-covers: of the Discogs collection and wantlist releases
                 * @enum {string}
                 */
                task: "covers" | "genres" | "descriptions" | "collection-covers";
            }[];
        };
        EnrichBatchInput: {
            http: {
                cached: number;
                retried: number;
                sent: number;
            };
            progress: {
                /** @description services did not answer (asked again after a day) */
                failed: number;
                found: number;
                /** @description nothing anywhere (asked again after 30 days) */
                none: number;
                remaining: number;
                /**
                 * @description covers, genres, descriptions: of the matched albums and artists; collection-covers: of the Discogs collection and wantlist releases
                 * @enum {string}
                 */
                task: "covers" | "genres" | "descriptions" | "collection-covers";
                /** @description entities the task applies to */
                total: number;
            }[];
            seconds: number;
            tasks: {
                bySource: {
                    [key: string]: number;
                };
                done: number;
                failed: number;
                found: number;
                none: number;
                /** @description why the task did nothing (a service it needs is not configured) */
                skipped?: string;
                /**
                 * @description covers, genres, descriptions: of the matched albums and artists; collection-covers: of the Discogs collection and wantlist releases
                 * @enum {string}
                 */
                task: "covers" | "genres" | "descriptions" | "collection-covers";
            }[];
        };
        EntityCatalogue: {
            artwork: {
                full: {
                    height: number | null;
                    /** @description GET it: /api/images/{hash}, cached for a year (the hash is its content) */
                    url: string;
                    width: number | null;
                };
                /** @description coverartarchive, discogs or spotify */
                source: string;
                thumb: {
                    height: number | null;
                    /** @description GET it: /api/images/{hash}, cached for a year (the hash is its content) */
                    url: string;
                    width: number | null;
                };
            } | null;
            description: {
                /** @enum {string} */
                source: "llm" | "template";
                text: string;
            } | null;
            genres: {
                /** @description a top-level genre of the canonical tree */
                genre: string;
                /**
                 * @description keyword: guessed, no genre was tagged
                 * @enum {string}
                 */
                source: "musicbrainz" | "discogs" | "keyword";
                subgenre: string | null;
                weight: number;
            }[];
            id: number;
            /** @enum {string} */
            kind: "artist" | "release" | "recording";
            /** @description the MusicBrainz entity most of its matched listens point to */
            mbid: string | null;
            releaseGroupMbid: string | null;
        };
        EntityCatalogueInput: {
            artwork: {
                full: {
                    height: number | null;
                    /** @description GET it: /api/images/{hash}, cached for a year (the hash is its content) */
                    url: string;
                    width: number | null;
                };
                /** @description coverartarchive, discogs or spotify */
                source: string;
                thumb: {
                    height: number | null;
                    /** @description GET it: /api/images/{hash}, cached for a year (the hash is its content) */
                    url: string;
                    width: number | null;
                };
            } | null;
            description: {
                /** @enum {string} */
                source: "llm" | "template";
                text: string;
            } | null;
            genres: {
                /** @description a top-level genre of the canonical tree */
                genre: string;
                /**
                 * @description keyword: guessed, no genre was tagged
                 * @enum {string}
                 */
                source: "musicbrainz" | "discogs" | "keyword";
                subgenre: string | null;
                weight: number;
            }[];
            id: number;
            /** @enum {string} */
            kind: "artist" | "release" | "recording";
            /** @description the MusicBrainz entity most of its matched listens point to */
            mbid: string | null;
            releaseGroupMbid: string | null;
        };
        Error: {
            /**
             * @description what kind of failure: one of a closed list, stable across versions
             * @enum {string}
             */
            code: "INVALID_INPUT" | "UNREADABLE_INPUT" | "UNKNOWN_FORMAT" | "PAYLOAD_TOO_LARGE" | "NOT_FOUND" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "DATABASE_LOCKED" | "RATE_LIMITED" | "UPSTREAM_UNAVAILABLE" | "INTERNAL";
            /** @description what went wrong, where, and what to do */
            error: string;
            /** @description the first request field that failed validation (e.g. limit, name); where it was is in error */
            field?: string;
            /** @description the HTTP status */
            status: number;
        };
        ErrorInput: {
            /**
             * @description what kind of failure: one of a closed list, stable across versions
             * @enum {string}
             */
            code: "INVALID_INPUT" | "UNREADABLE_INPUT" | "UNKNOWN_FORMAT" | "PAYLOAD_TOO_LARGE" | "NOT_FOUND" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "DATABASE_LOCKED" | "RATE_LIMITED" | "UPSTREAM_UNAVAILABLE" | "INTERNAL";
            /** @description what went wrong, where, and what to do */
            error: string;
            /** @description the first request field that failed validation (e.g. limit, name); where it was is in error */
            field?: string;
            /** @description the HTTP status */
            status: number;
        };
        ExplanationPart: ({
            contribution: number;
            item: components["schemas"]["RecommendedItem"];
            /** @enum {string} */
            kind: "item";
            /** @description item-kNN: how alike the two items are */
            similarity: number | null;
        } | {
            contribution: number;
            feature: string;
            /** @enum {string} */
            kind: "feature";
        } | {
            contribution: number;
            /** @enum {string} */
            kind: "popularity";
            listeners: number;
        } | {
            contribution: number;
            /** @enum {string} */
            kind: "latent";
        }) | {
            /** @description this model's share of the hybrid's score */
            contribution: number;
            /** @enum {string} */
            kind: "model";
            /** @enum {string} */
            model: "pop" | "itemknn" | "als" | "bpr" | "content" | "hybrid";
            parts: ({
                contribution: number;
                item: components["schemas"]["RecommendedItem"];
                /** @enum {string} */
                kind: "item";
                /** @description item-kNN: how alike the two items are */
                similarity: number | null;
            } | {
                contribution: number;
                feature: string;
                /** @enum {string} */
                kind: "feature";
            } | {
                contribution: number;
                /** @enum {string} */
                kind: "popularity";
                listeners: number;
            } | {
                contribution: number;
                /** @enum {string} */
                kind: "latent";
            })[];
            weight: number;
        };
        ExplanationPartInput: ({
            contribution: number;
            item: components["schemas"]["RecommendedItemInput"];
            /** @enum {string} */
            kind: "item";
            /** @description item-kNN: how alike the two items are */
            similarity: number | null;
        } | {
            contribution: number;
            feature: string;
            /** @enum {string} */
            kind: "feature";
        } | {
            contribution: number;
            /** @enum {string} */
            kind: "popularity";
            listeners: number;
        } | {
            contribution: number;
            /** @enum {string} */
            kind: "latent";
        }) | {
            /** @description this model's share of the hybrid's score */
            contribution: number;
            /** @enum {string} */
            kind: "model";
            /** @enum {string} */
            model: "pop" | "itemknn" | "als" | "bpr" | "content" | "hybrid";
            parts: ({
                contribution: number;
                item: components["schemas"]["RecommendedItemInput"];
                /** @enum {string} */
                kind: "item";
                /** @description item-kNN: how alike the two items are */
                similarity: number | null;
            } | {
                contribution: number;
                feature: string;
                /** @enum {string} */
                kind: "feature";
            } | {
                contribution: number;
                /** @enum {string} */
                kind: "popularity";
                listeners: number;
            } | {
                contribution: number;
                /** @enum {string} */
                kind: "latent";
            })[];
            weight: number;
        };
        FileReport: {
            /** @description listens stored with something removed that the raw row keeps (control_characters), by reason */
            cleaned: {
                [key: string]: number;
            };
            collectionItems?: {
                duplicates: number;
                inserted: number;
            };
            duplicates: number;
            /**
             * @description how the text was read: windows-1252 with encoding=latin1, or when the bytes were
             * @enum {string}
             */
            encoding: "utf8" | "windows-1252";
            /** @description the bytes chose windows-1252 (no encoding was given) */
            encodingDetected: boolean;
            /** @description which entries were read as windows-1252, and from which line */
            encodingNote?: string;
            entries: number;
            error?: {
                code: string;
                message: string;
            };
            examples: {
                message: string;
                reason: string;
                /** @enum {string} */
                status: "rejected" | "skipped" | "cleaned";
                where: string;
            }[];
            file: string;
            format: string | null;
            formatTitle: string | null;
            ignoredEntries: {
                entry: string;
                reason: string;
            }[];
            importRunId: number | null;
            inserted: number;
            merged: number;
            read: number;
            rejected: {
                [key: string]: number;
            };
            seconds: number;
            skipped: {
                [key: string]: number;
            };
            /** @enum {string} */
            status: "imported" | "unrecognised" | "unreadable" | "partial";
            usersCreated: string[];
        };
        FileReportInput: {
            /** @description listens stored with something removed that the raw row keeps (control_characters), by reason */
            cleaned: {
                [key: string]: number;
            };
            collectionItems?: {
                duplicates: number;
                inserted: number;
            };
            duplicates: number;
            /**
             * @description how the text was read: windows-1252 with encoding=latin1, or when the bytes were
             * @enum {string}
             */
            encoding: "utf8" | "windows-1252";
            /** @description the bytes chose windows-1252 (no encoding was given) */
            encodingDetected: boolean;
            /** @description which entries were read as windows-1252, and from which line */
            encodingNote?: string;
            entries: number;
            error?: {
                code: string;
                message: string;
            };
            examples: {
                message: string;
                reason: string;
                /** @enum {string} */
                status: "rejected" | "skipped" | "cleaned";
                where: string;
            }[];
            file: string;
            format: string | null;
            formatTitle: string | null;
            ignoredEntries: {
                entry: string;
                reason: string;
            }[];
            importRunId: number | null;
            inserted: number;
            merged: number;
            read: number;
            rejected: {
                [key: string]: number;
            };
            seconds: number;
            skipped: {
                [key: string]: number;
            };
            /** @enum {string} */
            status: "imported" | "unrecognised" | "unreadable" | "partial";
            usersCreated: string[];
        };
        GenreStats: {
            byHour: {
                genre: string;
                hours: number[];
            }[];
            genres: {
                genre: string;
                /** @description part of plays from the keyword fallback */
                guessedShare: number;
                /** @description listens, each shared among its genres by weight */
                plays: number;
                share: number;
            }[];
            listens: number;
            /** @description listens matched to MusicBrainz */
            matched: number;
            range: {
                from: string | null;
                spec: string;
                to: string | null;
                tz: string;
            };
            user: string;
            /** @description listens with a genre */
            withGenre: number;
        };
        GenreStatsInput: {
            byHour: {
                genre: string;
                hours: number[];
            }[];
            genres: {
                genre: string;
                /** @description part of plays from the keyword fallback */
                guessedShare: number;
                /** @description listens, each shared among its genres by weight */
                plays: number;
                share: number;
            }[];
            listens: number;
            /** @description listens matched to MusicBrainz */
            matched: number;
            range: {
                from: string | null;
                spec: string;
                to: string | null;
                tz: string;
            };
            user: string;
            /** @description listens with a genre */
            withGenre: number;
        };
        GoldMetrics: {
            breakdowns: {
                /** @enum {string} */
                dimension: "country" | "platform" | "device";
                plays: number;
                value: string;
            }[];
            /** @description every day that has metrics, newest first */
            days: string[];
            /** @description the first day summed (null: no metrics yet) */
            from: string | null;
            /** @description plays per hour slot (UTC) and genre */
            genreHours: {
                genre: string;
                hour: number;
                plays: number;
            }[];
            to: string | null;
            topArtists: {
                artist: string;
                plays: number;
            }[];
            topTracks: {
                artist: string;
                plays: number;
                track: string;
            }[];
            trackActions: {
                artist: string;
                likes: number;
                listens: number;
                shares: number;
                /** @description skips / (listens + skips), 0..1 */
                skipRate: number | null;
                skips: number;
                track: string;
            }[];
        };
        GoldMetricsInput: {
            breakdowns: {
                /** @enum {string} */
                dimension: "country" | "platform" | "device";
                plays: number;
                value: string;
            }[];
            /** @description every day that has metrics, newest first */
            days: string[];
            /** @description the first day summed (null: no metrics yet) */
            from: string | null;
            /** @description plays per hour slot (UTC) and genre */
            genreHours: {
                genre: string;
                hour: number;
                plays: number;
            }[];
            to: string | null;
            topArtists: {
                artist: string;
                plays: number;
            }[];
            topTracks: {
                artist: string;
                plays: number;
                track: string;
            }[];
            trackActions: {
                artist: string;
                likes: number;
                listens: number;
                shares: number;
                /** @description skips / (listens + skips), 0..1 */
                skipRate: number | null;
                skips: number;
                track: string;
            }[];
        };
        ImportJob: {
            createdAt: string;
            dryRun: boolean;
            error: string | null;
            files: string[];
            finishedAt: string | null;
            id: string;
            progress: {
                bytesRead: number;
                counts: {
                    duplicates: number;
                    inserted: number;
                    merged: number;
                    read: number;
                    rejected: number;
                    skipped: number;
                };
                file: string | null;
                totalBytes: number;
            };
            /** @description the same report as `listenhouse import --json`, once finished */
            report: components["schemas"]["ImportReport"] | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
            user: string;
        };
        ImportJobInput: {
            createdAt: string;
            dryRun: boolean;
            error: string | null;
            files: string[];
            finishedAt: string | null;
            id: string;
            progress: {
                bytesRead: number;
                counts: {
                    duplicates: number;
                    inserted: number;
                    merged: number;
                    read: number;
                    rejected: number;
                    skipped: number;
                };
                file: string | null;
                totalBytes: number;
            };
            /** @description the same report as `listenhouse import --json`, once finished */
            report: components["schemas"]["ImportReportInput"] | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
            user: string;
        };
        ImportReport: {
            dryRun: boolean;
            files: components["schemas"]["FileReport"][];
            seconds: number;
            totals: {
                duplicates: number;
                inserted: number;
                merged: number;
                read: number;
                rejected: number;
                skipped: number;
            };
            user: string;
        };
        ImportReportInput: {
            dryRun: boolean;
            files: components["schemas"]["FileReportInput"][];
            seconds: number;
            totals: {
                duplicates: number;
                inserted: number;
                merged: number;
                read: number;
                rejected: number;
                skipped: number;
            };
            user: string;
        };
        Listen: {
            /** @description other sources that reported the same play (merged into this listen) */
            alsoFrom: {
                format: string;
                listenedAt: string;
                source: string;
            }[];
            /** @description the artist credit as submitted */
            artist: string;
            /** @description the primary (first credited) artist */
            artistId: number;
            artistMbids: string[];
            client: string | null;
            country: string | null;
            /** @description track length */
            durationMs: number | null;
            /** @description the importer or API that read it */
            format: string;
            id: number;
            importRunId: number | null;
            insertedAt: string;
            isrc: string | null;
            /** @description start of the play, ISO-8601 UTC */
            listenedAt: string;
            platform: string | null;
            /** @description time actually played, when the source said */
            playedMs: number | null;
            recordingId: number;
            recordingMbid: string | null;
            release: string | null;
            releaseId: number | null;
            releaseMbid: string | null;
            /** @description first source: listenbrainz, spotify, lastfm, … */
            source: string;
            spotifyUri: string | null;
            track: string;
        };
        ListenInput: {
            /** @description other sources that reported the same play (merged into this listen) */
            alsoFrom: {
                format: string;
                listenedAt: string;
                source: string;
            }[];
            /** @description the artist credit as submitted */
            artist: string;
            /** @description the primary (first credited) artist */
            artistId: number;
            artistMbids: string[];
            client: string | null;
            country: string | null;
            /** @description track length */
            durationMs: number | null;
            /** @description the importer or API that read it */
            format: string;
            id: number;
            importRunId: number | null;
            insertedAt: string;
            isrc: string | null;
            /** @description start of the play, ISO-8601 UTC */
            listenedAt: string;
            platform: string | null;
            /** @description time actually played, when the source said */
            playedMs: number | null;
            recordingId: number;
            recordingMbid: string | null;
            release: string | null;
            releaseId: number | null;
            releaseMbid: string | null;
            /** @description first source: listenbrainz, spotify, lastfm, … */
            source: string;
            spotifyUri: string | null;
            track: string;
        };
        ListeningReport: {
            /** @description plays against the period before, as a share (0.25 = a quarter more) */
            change: number | null;
            discoveries: {
                count: number;
                top: {
                    firstListen: string;
                    name: string;
                    plays: number;
                }[];
            };
            knownMs: number;
            patterns: {
                busiestHour: number | null;
                busiestWeekday: string | null;
                sessionMinutes: number | null;
                sessions: number;
            };
            /** @enum {string} */
            period: "week" | "month" | "year";
            plays: number;
            previous: {
                plays: number;
                range: {
                    from: string | null;
                    spec: string;
                    to: string | null;
                    tz: string;
                } | null;
            } | null;
            range: {
                from: string | null;
                spec: string;
                to: string | null;
                tz: string;
            };
            text: {
                /** @description why the template was used although an endpoint is configured */
                fallback: string | null;
                model: string | null;
                /** @enum {string} */
                source: "llm" | "template";
                text: string;
            };
            top: {
                artists: {
                    name: string;
                    plays: number;
                    previousRank: number | null;
                }[];
                recordings: {
                    name: string;
                    plays: number;
                    previousRank: number | null;
                }[];
                releases: {
                    name: string;
                    plays: number;
                    previousRank: number | null;
                }[];
            };
            user: string;
        };
        ListeningReportInput: {
            /** @description plays against the period before, as a share (0.25 = a quarter more) */
            change: number | null;
            discoveries: {
                count: number;
                top: {
                    firstListen: string;
                    name: string;
                    plays: number;
                }[];
            };
            knownMs: number;
            patterns: {
                busiestHour: number | null;
                busiestWeekday: string | null;
                sessionMinutes: number | null;
                sessions: number;
            };
            /** @enum {string} */
            period: "week" | "month" | "year";
            plays: number;
            previous: {
                plays: number;
                range: {
                    from: string | null;
                    spec: string;
                    to: string | null;
                    tz: string;
                } | null;
            } | null;
            range: {
                from: string | null;
                spec: string;
                to: string | null;
                tz: string;
            };
            text: {
                /** @description why the template was used although an endpoint is configured */
                fallback: string | null;
                model: string | null;
                /** @enum {string} */
                source: "llm" | "template";
                text: string;
            };
            top: {
                artists: {
                    name: string;
                    plays: number;
                    previousRank: number | null;
                }[];
                recordings: {
                    name: string;
                    plays: number;
                    previousRank: number | null;
                }[];
                releases: {
                    name: string;
                    plays: number;
                    previousRank: number | null;
                }[];
            };
            user: string;
        };
        MatchReport: {
            /** @description hand, submitted, exact, alias, split, fuzzy, none */
            byMethod: {
                [key: string]: number;
            };
            counts: {
                /** @description linked by hand */
                linked: number;
                matched: number;
                /** @description only the artists found */
                partial: number;
                /** @description unlinked by hand */
                unlinked: number;
                unmatched: number;
            };
            /** @description the catalogue generation matched against */
            generation: number;
            listens: number;
            /** @description listens whose track got a recording */
            listensMatched: number;
            seconds: number;
            /** @description distinct (artist credit, track, release) looked at */
            tuples: number;
        };
        MatchReportInput: {
            /** @description hand, submitted, exact, alias, split, fuzzy, none */
            byMethod: {
                [key: string]: number;
            };
            counts: {
                /** @description linked by hand */
                linked: number;
                matched: number;
                /** @description only the artists found */
                partial: number;
                /** @description unlinked by hand */
                unlinked: number;
                unmatched: number;
            };
            /** @description the catalogue generation matched against */
            generation: number;
            listens: number;
            /** @description listens whose track got a recording */
            listensMatched: number;
            seconds: number;
            /** @description distinct (artist credit, track, release) looked at */
            tuples: number;
        };
        MetricRun: {
            /** @description why the run needs a look: it failed, or volumes moved */
            alert: string | null;
            error: string | null;
            eventsIn: number;
            finishedAt: string | null;
            from: string;
            id: number;
            listensIn: number;
            phases: {
                ms: number;
                phase: string;
            }[];
            rejects: number;
            rowsOut: number;
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            to: string;
        };
        MetricRunInput: {
            /** @description why the run needs a look: it failed, or volumes moved */
            alert: string | null;
            error: string | null;
            eventsIn: number;
            finishedAt: string | null;
            from: string;
            id: number;
            listensIn: number;
            phases: {
                ms: number;
                phase: string;
            }[];
            rejects: number;
            rowsOut: number;
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            to: string;
        };
        PipelineRun: {
            error: string | null;
            finishedAt: string | null;
            id: number;
            phases: {
                error: string | null;
                ms: number;
                name: string;
                startedAt: string;
                /** @enum {string} */
                status: "completed" | "failed" | "skipped";
                tries: number;
                volumes: {
                    [key: string]: number;
                };
            }[];
            scoreAfter: number | null;
            scoreBefore: number | null;
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "interrupted";
            trigger: string;
        };
        PipelineRunInput: {
            error: string | null;
            finishedAt: string | null;
            id: number;
            phases: {
                error: string | null;
                ms: number;
                name: string;
                startedAt: string;
                /** @enum {string} */
                status: "completed" | "failed" | "skipped";
                tries: number;
                volumes: {
                    [key: string]: number;
                };
            }[];
            scoreAfter: number | null;
            scoreBefore: number | null;
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "interrupted";
            trigger: string;
        };
        Recommendation: {
            /** @description ALS: the exact share of each listened item (Hu et al. 2008 §5); item-kNN: the neighbours; content: the shared tags; hybrid: each model’s share with its own parts */
            explanation: {
                /** @description largest contribution first */
                parts: components["schemas"]["ExplanationPart"][];
                /** @description what the parts left out add */
                rest: number;
                /** @description the score the parts add up to */
                score: number;
            };
            item: components["schemas"]["RecommendedItem"];
            rank: number;
            /** @description "Because you played X and Y", or the shared tags, or popularity */
            reason: string;
            score: number;
        };
        RecommendationInput: {
            /** @description ALS: the exact share of each listened item (Hu et al. 2008 §5); item-kNN: the neighbours; content: the shared tags; hybrid: each model’s share with its own parts */
            explanation: {
                /** @description largest contribution first */
                parts: components["schemas"]["ExplanationPartInput"][];
                /** @description what the parts left out add */
                rest: number;
                /** @description the score the parts add up to */
                score: number;
            };
            item: components["schemas"]["RecommendedItemInput"];
            rank: number;
            /** @description "Because you played X and Y", or the shared tags, or popularity */
            reason: string;
            score: number;
        };
        RecommendedItem: {
            /** @description the artist's name (recordings and releases) */
            artist: string | null;
            id: number;
            mbid: string | null;
            name: string;
        };
        RecommendedItemInput: {
            /** @description the artist's name (recordings and releases) */
            artist: string | null;
            id: number;
            mbid: string | null;
            name: string;
        };
        StreamBatch: {
            /**
             * @description create unknown users (default); false: their events are rejected, for the dead letter
             * @default true
             */
            createUsers: boolean;
            /** @description the messages in each partition's offset order */
            events: {
                offset: number;
                partition: number;
                /** @description the message as UTF-8 text, as read (null: an empty message) */
                value: string | null;
            }[];
            /** @description the consumer group the batch was read by */
            group: string;
            /** @description each partition's end when the batch was fetched (for the lag) */
            partitions: {
                highWatermark: number;
                partition: number;
            }[];
            /** @description a Kafka topic or group name */
            topic: string;
        };
        StreamBatchInput: {
            /**
             * @description create unknown users (default); false: their events are rejected, for the dead letter
             * @default true
             */
            createUsers: boolean;
            /** @description the messages in each partition's offset order */
            events: {
                offset: number;
                partition: number;
                /** @description the message as UTF-8 text, as read (null: an empty message) */
                value: string | null;
            }[];
            /** @description the consumer group the batch was read by */
            group: string;
            /** @description each partition's end when the batch was fetched (for the lag) */
            partitions: {
                highWatermark: number;
                partition: number;
            }[];
            /** @description a Kafka topic or group name */
            topic: string;
        };
        StreamBatchResult: {
            /** @description listens already stored (a replay, or the same play from another source) */
            duplicates: number;
            listensStored: number;
            /** @description the next offset now stored per partition of the batch */
            partitions: {
                nextOffset: number;
                partition: number;
            }[];
            rejects: {
                offset: number;
                partition: number;
                reason: string;
            }[];
            /** @description events below the offsets already stored (written before, by this or another member): left alone */
            skipped: number;
        };
        StreamBatchResultInput: {
            /** @description listens already stored (a replay, or the same play from another source) */
            duplicates: number;
            listensStored: number;
            /** @description the next offset now stored per partition of the batch */
            partitions: {
                nextOffset: number;
                partition: number;
            }[];
            rejects: {
                offset: number;
                partition: number;
                reason: string;
            }[];
            /** @description events below the offsets already stored (written before, by this or another member): left alone */
            skipped: number;
        };
        TrackMatch: {
            artist: string;
            artistMbids: string[];
            confidence: number;
            /** @enum {string} */
            method: "hand" | "submitted" | "exact" | "alias" | "split" | "fuzzy" | "artist" | "none";
            recordingMbid: string | null;
            release: string | null;
            releaseGroupMbid: string | null;
            releaseMbid: string | null;
            /** @enum {string} */
            status: "matched" | "partial" | "unmatched" | "linked" | "unlinked" | "pending";
            track: string;
            tuple: string;
        };
        TrackMatchInput: {
            artist: string;
            artistMbids: string[];
            confidence: number;
            /** @enum {string} */
            method: "hand" | "submitted" | "exact" | "alias" | "split" | "fuzzy" | "artist" | "none";
            recordingMbid: string | null;
            release: string | null;
            releaseGroupMbid: string | null;
            releaseMbid: string | null;
            /** @enum {string} */
            status: "matched" | "partial" | "unmatched" | "linked" | "unlinked" | "pending";
            track: string;
            tuple: string;
        };
        UnmatchedTrack: {
            artist: string;
            artistMbids: string[];
            confidence: number;
            lastPlayed: string;
            /** @enum {string} */
            method: "hand" | "submitted" | "exact" | "alias" | "split" | "fuzzy" | "artist" | "none";
            plays: number;
            /** @description the recording matched (only in the list of all tracks) */
            recordingMbid: string | null;
            release: string | null;
            /**
             * @description pending: not looked at yet; partial: only the artists found; unlinked: by hand
             * @enum {string}
             */
            status: "matched" | "partial" | "unmatched" | "linked" | "unlinked" | "pending";
            /** @description the best candidate below the threshold */
            suggestion: {
                artist: string;
                confidence: number;
                recordingMbid: string;
                title: string;
            } | null;
            track: string;
            /** @description creditId-recordingId-releaseId: the id to link or unlink */
            tuple: string;
        };
        UnmatchedTrackInput: {
            artist: string;
            artistMbids: string[];
            confidence: number;
            lastPlayed: string;
            /** @enum {string} */
            method: "hand" | "submitted" | "exact" | "alias" | "split" | "fuzzy" | "artist" | "none";
            plays: number;
            /** @description the recording matched (only in the list of all tracks) */
            recordingMbid: string | null;
            release: string | null;
            /**
             * @description pending: not looked at yet; partial: only the artists found; unlinked: by hand
             * @enum {string}
             */
            status: "matched" | "partial" | "unmatched" | "linked" | "unlinked" | "pending";
            /** @description the best candidate below the threshold */
            suggestion: {
                artist: string;
                confidence: number;
                recordingMbid: string;
                title: string;
            } | null;
            track: string;
            /** @description creditId-recordingId-releaseId: the id to link or unlink */
            tuple: string;
        };
        User: {
            name: string;
            /** @enum {string} */
            privacy: "private" | "public";
            /** @enum {string} */
            role: "admin" | "user";
            timeZone: string;
        };
        UserInput: {
            name: string;
            /** @enum {string} */
            privacy: "private" | "public";
            /** @enum {string} */
            role: "admin" | "user";
            timeZone: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
